"""Reach on unseen local news (issue 16): kinds of posts, persons, policies and bylines that the
lexicons alone did not reach. Sentences written for these tests, not copied from any article."""

from kg.extract.policies import find_policies
from kg.jurisdiction import division_of, publication_jurisdiction
from kg.layout.bylines import byline_at_end
from kg.read import article_file_articles
from tests.extract.helpers import extract, posts, roles


def policy_labels(body):
    return {p.canonical for p in find_policies(body)}


def test_a_title_is_shared_by_the_names_listed_after_it():
    x = extract("省人大常委会副主任洪卫平、柏文杰、樊晓燕出席座谈会。", source="江西日报")
    assert posts(x) == {n: ["省人大常委会副主任"] for n in ("洪卫平", "柏文杰", "樊晓燕")}
    assert roles(x) == {n: {"attended"} for n in ("洪卫平", "柏文杰", "樊晓燕")}


def test_a_rare_surname_after_a_post_is_a_person_but_not_in_a_committee_word():
    x = extract("省委书记禚立新、省长信海峰出席会议。市委常委会专题研究了防汛工作。", source="新华日报")
    assert posts(x) == {"禚立新": ["省委书记"], "信海峰": ["省长"]}
    assert {h.post.canonical for h in x.holdings} == {"江苏省委书记", "江苏省长"}


def test_the_visitors_verb_is_not_part_of_the_post():
    x = extract("考察团一行拜会省委书记陆建中，双方就合作进行交流。", source="南方日报")
    assert posts(x) == {"陆建中": ["省委书记"]}


def test_possessive_post_and_a_name_before_where_it_went():
    x = extract("我院院长郑立群作表态发言。市长顾晓东到锡山区调研农业生产。")
    assert posts(x) == {"郑立群": ["院长"], "顾晓东": ["市长"]}
    assert roles(x)["郑立群"] == {"spokeAt"} and roles(x)["顾晓东"] == {"led"}


def test_a_name_written_between_unit_and_title():
    x = extract("学院党委彭晓东书记主持会议并讲话。", source="某大学报")
    assert posts(x) == {"彭晓东": ["学院党委书记"]}
    assert roles(x)["彭晓东"] == {"presided", "spokeAt"}


def test_a_name_is_not_glued_to_what_it_delivered():
    x = extract("市委副书记蔡文华作交流发言，副市长杭建平围绕招商引资谈体会。")
    assert {p.name for p in x.persons} == {"蔡文华", "杭建平"}
    assert roles(x)["蔡文华"] == {"spokeAt"}


def test_organisations_unknown_to_the_lexicons_are_read_before_their_titles():
    x = extract("南湖理工大学党委书记许建文，远航集团公司董事长、党组书记宫海新出席签约仪式。", source="江西日报")
    assert posts(x) == {"许建文": ["南湖理工大学党委书记"], "宫海新": ["远航集团公司董事长", "党组书记"]}


def test_the_spirit_of_speeches_and_meetings_being_studied():
    body = ("会议传达学习了省第十二次党代会精神和习近平总书记在当地考察时的重要讲话精神，"
            "专题学习中央农村工作会议精神。")
    assert policy_labels(body) >= {"省第十二次党代会精神", "习近平总书记在当地考察时的重要讲话精神", "中央农村工作会议精神"}


def test_numbered_formulations_count_duties_not_things():
    labels = policy_labels("要牢记三个务必，做到五个必须，从三个方面抓好两个项目。")
    assert {"三个务必", "五个必须"} <= labels
    assert not {"三个方面", "两个项目"} & labels


def test_variants_of_one_policy_are_one_policy_with_the_other_as_variant():
    x = extract("会议强调，要深入推进长三角一体化发展，服务长三角一体化发展国家战略。")
    policies = {e.policy for ev in x.events for e in ev.emphases}
    assert "长三角一体化发展国家战略" in policies and "长三角一体化发展" not in policies
    assert ("长三角一体化发展国家战略", "长三角一体化发展") in x.policy_variants


def test_adjectives_in_quotes_are_no_policies():
    assert not policy_labels("争创“示范型”“先进型”党组织。") & {"示范型", "先进型"}


def test_publications_cover_their_jurisdiction():
    assert publication_jurisdiction("大众日报").place == "山东"
    assert publication_jurisdiction("萧山日报").place == "萧山"
    assert publication_jurisdiction("人民日报").level == "国家"
    assert division_of("黔东南苗族侗族自治州").short == "黔东南"
    x = extract("省委书记周建中主持会议。", source="大众日报")
    assert x.holdings[0].post.canonical == "山东省委书记"


def test_a_closing_byline_line_names_the_reporters():
    assert byline_at_end("记者：卢晓明 万芳") == (0, ("卢晓明", "万芳"))
    parts = article_file_articles("镇里召开防汛会议\n\n本报讯 6月3日，镇党委召开防汛工作会议。\n\n通讯员：蒋小平\n")
    assert parts[0].reporters == ("蒋小平",) and "蒋小平" not in parts[0].body


def test_those_in_whose_company_a_leader_travels_accompanied_him():
    x = extract("5月6日，副省长陆文涛在市委书记宋建平等陪同下来到产业园区调研。")
    assert roles(x)["宋建平"] == {"accompanied"}
    assert "accompanied" not in roles(x).get("陆文涛", set())


def test_briefs_opened_by_markers_are_separate_articles():
    text = ("◆6月3日，副县长陶立新出席全县防汛工作会议。\n"
            "◆6月4日，副县长韦丽萍带队检查校园食品安全。\n")
    parts = article_file_articles(text)
    assert len(parts) == 2 and "韦丽萍" not in parts[0].body
