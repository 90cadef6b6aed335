"""Reach on persons and posts in unseen news (issue 16, session 10, people-r5). Sentences written for these
tests in the style of government news, not copied from any article; each form has a near miss."""

from tests.extract.helpers import extract, posts


def names(x):
    return {p.name for p in x.persons}


def test_given_names_with_weak_stop_characters_after_a_post():
    for body, name in (("区委书记刘向阳主持会议。", "刘向阳"), ("副区长王在明参加调研。", "王在明"),
                       ("市长李为民讲话。", "李为民"), ("县委书记林以銮主持。", "林以銮")):
        assert names(extract(body)) == {name}, body


def test_a_weak_stop_character_after_a_name_stays_the_next_word():
    x = extract("市委书记王明在会上强调，要抓好落实。副市长赵刚和市长助理钱伟出席。")
    assert names(x) >= {"王明", "赵刚"} and not names(x) & {"王明在", "赵刚和"}


def test_a_list_item_may_hold_a_weak_stop_character():
    x = extract("会议推选韩立新、邬佳明、刘向阳为大会主席团常务主席。")
    assert posts(x) == {n: ["大会主席团常务主席"] for n in ("韩立新", "邬佳明", "刘向阳")}
    x = extract("区人大常委会副主任谭立新、丁兴俊、王书和出席会议。")
    assert names(x) == {"谭立新", "丁兴俊", "王书和"}


def test_weak_stop_characters_in_running_text_make_no_name():
    assert names(extract("他向阳光下的孩子们问好，王在明确任务后离开。")) == set()


def test_party_group_member_and_board_posts_stack_with_other_posts():
    assert posts(extract("市财政局党组成员、副局长洪晓峰参加。")) == {"洪晓峰": ["市财政局党组成员", "副局长"]}
    assert posts(extract("党委副书记、董事、总经理洪晓峰讲话。")) == {"洪晓峰": ["党委副书记", "董事", "总经理"]}


def test_a_board_word_that_is_no_post_before_a_name_stays_no_post():
    assert names(extract("公司董事会研究通过了年度预算。")) == set()


def test_vice_premier_written_after_the_name():
    x = extract("会议传达了丁立新副总理关于乡村振兴的讲话精神。")
    assert names(x) == {"丁立新"} and posts(x) == {"丁立新": ["副总理"]}


def test_leaders_of_a_body_as_a_group_label():
    x = extract("县政协领导韩立新、林以銮、蒋卫东分别带队开展视察。")
    assert names(x) == {"韩立新", "林以銮", "蒋卫东"} and posts(x) == {}


def test_a_body_after_he_or_ji_is_no_listed_name():
    x = extract("区长洪晓峰及区人大、区政协领导出席。区委书记韩立新和区法院负责人参加。")
    assert names(x) == {"洪晓峰", "韩立新"}


def test_you_opening_a_word_announces_no_list():
    assert names(extract("这是深化改革的有力举措，也是全市的有效办法。")) == set()
    assert names(extract("出席会议的有：韩立新、邬佳明。")) == {"韩立新", "邬佳明"}


def test_a_name_put_into_a_post_by_an_appointment_verb():
    x = extract("会议选举韩立新同志为镇人民政府副镇长，并举行宪法宣誓。")
    assert posts(x) == {"韩立新": ["镇人民政府副镇长"]}
    assert posts(extract("会议决定任命邬佳明为市财政局局长。")) == {"邬佳明": ["市财政局局长"]}
    x = extract("会议选举洪晓峰、蒋卫东同志为区人民政府副区长。")
    assert posts(x) == {n: ["区人民政府副区长"] for n in ("洪晓峰", "蒋卫东")}


def test_no_appointment_verb_or_no_post_after_wei_names_nobody():
    for body in ("以区民防办公室为基础组建新机构。", "以张立新为代表的一批企业家参会。", "会议认为韩立新为人正派。"):
        assert names(extract(body)) == set(), body


def test_an_address_repeating_a_post_already_read_is_no_second_post():
    x = extract("公司党委书记、董事长韩立新主持会议。韩立新书记强调，要抓好安全生产。")
    assert posts(x) == {"韩立新": ["公司党委书记", "董事长"]}
    assert posts(extract("韩立新书记强调，要抓好安全生产。")) == {"韩立新": ["书记"]}


def test_a_rare_surname_that_is_an_adverb_before_a_given_name():
    assert posts(extract("市委副书记边立慧和市委常委出席会议。")) == {"边立慧": ["市委副书记"]}


def test_an_adverb_after_a_post_is_no_surname():
    for body in ("县长韩立新主持会议。县长还强调，要抓好落实。", "市领导边走边看，详细了解情况。"):
        assert not any(n[0] in "还边" for n in names(extract(body))), body


def test_a_list_closed_by_deng_and_a_titled_group():
    x = extract("会上，董立杰、桂峰、林玉新等驻镇委员分别发言。")
    assert names(x) == {"董立杰", "桂峰", "林玉新"}


def test_places_or_sectors_closed_by_deng_and_a_titled_group_are_no_names():
    for body in ("苏州、无锡、常州等市长参加。", "召开钢铁、化工、建材等行业负责人座谈会。"):
        assert names(extract(body)) == set(), body


def test_a_post_in_a_parenthesis_after_a_name():
    assert posts(extract("洪晓峰（市委书记）出席会议。")) == {"洪晓峰": ["市委书记"]}
    assert posts(extract("会上，邬佳明（县政协主席、党组书记）讲话。")) == {"邬佳明": ["县政协主席", "党组书记"]}
    assert names(extract("会议由韩立新（原市人大常委会主任）主持。")) == {"韩立新"}


def test_a_parenthesis_saying_no_post_makes_no_name():
    for body in ("王立新（左二）在企业调研。", "图为王立新（女）。", "据张立新（化名）介绍。", "推进高质量发展（市委书记）"):
        assert names(extract(body)) == set(), body


def test_a_post_written_after_ren_or_jianren():
    assert posts(extract("副市长蒋卫东兼任市开发区党工委书记。")) == {"蒋卫东": ["副市长", "市开发区党工委书记"]}
    x = extract("成立领导小组，市长韩立新任组长，副市长邬佳明、洪晓峰任副组长。")
    assert posts(x) == {"韩立新": ["市长", "组长"], "邬佳明": ["副市长", "副组长"], "洪晓峰": ["副市长", "副组长"]}


def test_ren_opening_a_word_after_a_name_is_no_post():
    for body in ("市长韩立新任职以来，走遍全市。", "副市长蒋卫东任务繁重。", "县长韩立新任上做了大量工作。"):
        assert list(posts(extract(body)).values()) in ([["市长"]], [["副市长"]], [["县长"]]), body


def test_a_verb_before_a_national_body_is_no_part_of_the_post():
    x = extract("会议还传达学习中央政治局常委、全国人大常委会委员长丁立新的讲话精神。")
    assert posts(x) == {"丁立新": ["中央政治局常委", "全国人大常委会委员长"]}


def test_a_verb_opened_by_a_level_word_stays_in_the_body_name():
    assert posts(extract("县创建全国文明城市指挥部总指挥韩立新讲话。")) == {"韩立新": ["县创建全国文明城市指挥部总指挥"]}
    assert posts(extract("市委巡察工作领导小组组长洪晓峰出席。")) == {"洪晓峰": ["市委巡察工作领导小组组长"]}


def test_posts_stacked_with_a_comma_before_one_name():
    assert posts(extract("区委常委、宣传部部长，区政府副区长洪晓峰出席。")) == {"洪晓峰": ["区委常委", "宣传部部长", "区政府副区长"]}


def test_a_comma_after_a_group_or_a_clause_stacks_no_post():
    for body in ("各县区委书记，市直部门主要负责人，副市长洪晓峰出席。", "会议听取了各位局长，副区长洪晓峰出席。",
                 "会议由市长主持，副市长洪晓峰出席。"):
        assert posts(extract(body)) == {"洪晓峰": ["副市长" if "市长" in body[-9:] else "副区长"]}, body


def test_a_list_closed_by_fenbie_and_a_role_verb():
    assert names(extract("会上，邬佳明、洪晓峰分别作表态发言。")) == {"邬佳明", "洪晓峰"}
    assert names(extract("会上，钢铁、化工分别作了介绍。")) == set()


def test_a_transliterated_name_whose_end_jieba_reads_as_a_word():
    assert names(extract("自治区主席帕尔哈提·艾买提出席。")) == {"帕尔哈提·艾买提"}
    assert names(extract("市长约翰·马库拉表示欢迎。")) == {"约翰·马库拉"}


def test_names_grouped_with_commas_beside_read_names():
    x = extract("市领导韩立新、邬佳明，洪晓峰、蒋卫东。王立新，赵明、钱伟，孙立军，老领导李建国、周明出席。")
    assert names(x) == {"韩立新", "邬佳明", "洪晓峰", "蒋卫东", "王立新", "赵明", "钱伟", "孙立军", "李建国", "周明"}


def test_places_or_clauses_beside_a_read_name_are_no_names():
    for body in ("市长韩立新，江阴，宜兴，常州等地代表参加。", "市长韩立新，高度重视。", "会议由市长韩立新主持。王伟，出席。"):
        assert names(extract(body)) == {"韩立新"}, body


def test_a_place_word_right_after_a_post_is_a_name_when_punctuation_follows():
    x = extract("副区长、区退役军人事务工作领导小组副组长于洋，以及相关部队领导出席。")
    assert posts(x) == {"于洋": ["副区长", "区退役军人事务工作领导小组副组长"]}
    assert names(extract("市长韩立新来到江阴调研。县长邬佳明到黄山考察。")) == {"韩立新", "邬佳明"}


def test_a_study_verb_jieba_reads_as_one_word_ends_the_clause():
    x = extract("全市上下要认真学习省委常委、市委书记韩立新讲话精神。会议要求，传达省委书记邬佳明的讲话精神。")
    assert posts(x) == {"韩立新": ["省委常委", "市委书记"], "邬佳明": ["省委书记"]}


def test_a_lone_name_item_needs_names_on_both_sides():
    x = extract("县委书记韩立新，常务副县长邬佳明，宋庄，高楼等乡镇党委书记参加。")
    assert names(x) == {"韩立新", "邬佳明"}


def test_renming_after_a_name_is_no_post_of_that_name():
    x = extract("党委书记韩立新任命邬佳明为办公室主任。")
    assert posts(x) == {"韩立新": ["党委书记"], "邬佳明": ["办公室主任"]}
    assert posts(extract("会议要求，王立新同志任组长。")) == {"王立新": ["组长"]}


def test_a_name_elected_or_appointed_in_the_passive():
    x = extract("会议选举产生了新一届领导班子，韩立新当选为县工商联主席，邬佳明当选为副主席。")
    assert posts(x) == {"韩立新": ["县工商联主席"], "邬佳明": ["副主席"]}
    assert posts(extract("邬佳明被任命为县财政局局长。")) == {"邬佳明": ["县财政局局长"]}


def test_a_passive_appointment_inside_a_clause_names_nobody():
    assert names(extract("这个项目当选为全省示范工程。")) == set()


def test_a_list_closed_by_tongzhi_and_a_role_verb():
    assert names(extract("韩立新、邬佳明、洪晓峰同志出席会议。")) == {"韩立新", "邬佳明", "洪晓峰"}


def test_a_verb_right_before_the_title_word_is_no_part_of_the_post():
    assert posts(extract("叶立新参加人大第一代表团审议副县长廖立平参加审议。"))["廖立平"] == ["副县长"]


def test_a_body_name_ending_in_a_verb_keeps_its_level_word():
    assert posts(extract("县市场监管局长韩立新出席。")) == {"韩立新": ["县市场监管局长"]}


def test_shiren_and_qianren_say_a_former_post():
    for body in ("时任县委书记韩立新出席。", "韩立新（时任县委书记）出席。"):
        assert [(h.post.title, h.former) for h in extract(body).holdings] == [("县委书记", True)], body


def test_a_cadre_label_before_names():
    assert names(extract("退休干部韩立新说，干部王立新、李明分别发言。")) == {"韩立新", "王立新", "李明"}


def test_ganbu_before_a_common_word_names_nobody():
    assert names(extract("加强干部管理，干部任免要规范，全体干部职工参加。")) == set()


def test_a_nominee_label_before_a_name():
    x = extract("会议确定县长候选人韩立新，区政协主席提名人选邬佳明参加会议。")
    assert names(x) == {"韩立新", "邬佳明"} and posts(x) == {}


def test_a_nominee_label_before_a_common_word_names_nobody():
    assert names(extract("提名人选要经过严格考察，候选人名单已公示。")) == set()
