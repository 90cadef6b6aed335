"""Persons and their posts: single, stacked, long organisational titles, labels that are no posts, lists."""

from tests.extract.helpers import extract, posts


def names(x):
    return {p.name for p in x.persons}


def test_single_post_before_name():
    x = extract("4月9日，市委书记王建国主持会议。")
    assert posts(x) == {"王建国": ["市委书记"]}
    post = x.holdings[0].post
    assert post.canonical == "无锡市委书记" and post.organisation == "中共无锡市委"


def test_stacked_posts_give_two_holdings():
    x = extract("市委常委、常务副市长李文华一同调研。")
    assert posts(x) == {"李文华": ["市委常委", "常务副市长"]}
    assert {h.post.canonical for h in x.holdings} == {"无锡市委常委", "无锡市常务副市长"}


def test_later_post_in_stack_inherits_the_committee():
    x = extract("全省会议召开。省委常委、秘书长吴海山参加会议。", source="江西日报")
    secretary = next(h.post for h in x.holdings if h.post.title == "秘书长")
    assert secretary.canonical == "江西省委秘书长"


def test_long_organisational_titles():
    x = extract("国家卫生健康委医药卫生科技发展研究中心副主任孟良才，省委省级机关工委一级巡视员范国庆到会。"
                "张立与华星集团董事长邹素云和星光微电子总裁唐君座谈交流。")
    got = posts(x)
    assert got["孟良才"] == ["国家卫生健康委医药卫生科技发展研究中心副主任"]
    assert got["范国庆"] == ["省委省级机关工委一级巡视员"]
    assert got["邹素云"] == ["华星集团董事长"]
    assert got["唐君"] == ["星光微电子总裁"]
    assert next(h.post.organisation for h in x.holdings if h.person == "邹素云") == "华星集团"


def test_group_label_is_not_a_post_and_lists_split_on_both_commas():
    x = extract("市领导陈一平、周小琴、高飞、李秋月，市政协秘书长钱文华出席会议。")
    assert {"陈一平", "周小琴", "高飞", "李秋月", "钱文华"} <= names(x)
    assert posts(x) == {"钱文华": ["市政协秘书长"]}


def test_compound_surnames_and_four_character_names():
    x = extract("省工商联主席司马建华，集团董事长欧阳立明先后发言。")
    assert {"司马建华", "欧阳立明"} <= names(x)


def test_bare_name_later_references_are_mentions_of_the_same_person():
    x = extract("市长赵建明带队调研。赵建明强调，要抓好落实。赵建明要求加快进度。")
    person = next(p for p in x.persons if p.name == "赵建明")
    assert len(person.mentions) == 3
    assert all(x.article.body[m.start:m.end] == "赵建明" for m in person.mentions)


def test_leader_named_in_a_formulation_holds_his_post_but_is_only_mentioned():
    x = extract("会议要求，深入学习贯彻习近平总书记重要讲话精神。市委书记王建国主持。")
    assert "习近平" in names(x)
    assert posts(x)["习近平"] == ["总书记"]
    assert next(p.scope for p in x.persons if p.name == "习近平") == "中国"


def test_reporters_in_the_byline_are_not_persons_of_the_body():
    x = extract("市长赵建明出席。", title=None)
    assert names(x) == {"赵建明"}


def test_must_not_fire_on_common_words_after_titles():
    x = extract("要把选优育强基层党组织书记摆上突出位置，带头领办“书记项目”，市委常委会专题听取汇报。")
    assert names(x) == set()


def test_company_name_is_not_a_person():
    x = extract("上海燧原科技股份有限公司在无锡高新区落地了智算中心项目。苏宁易购苏宁广场店是领先门店。")
    assert names(x) == set()
    assert any(o.kind == "Company" for o in x.organisations)


def test_evidence_points_at_the_name_in_its_sentence():
    x = extract("会议召开。市委书记王建国主持会议。")
    m = next(p for p in x.persons if p.name == "王建国").mentions[0]
    assert (m.text, m.sentence) == ("王建国", 1)
    assert x.article.body[m.start:m.end] == "王建国"


def test_untitled_name_opening_a_clause_with_a_role_verb():
    x = extract("会议召开。王建国主持会议。江西将持续优化营商环境。会议强调，要抓落实。")
    assert names(x) == {"王建国"}


def test_label_lists_joined_by_he_and_representatives():
    x = extract("座谈会召开。市领导陈一平、周小琴和高飞出席。企业代表钟晓丽发言。")
    assert {"陈一平", "周小琴", "高飞", "钟晓丽"} <= names(x)
    assert posts(x) == {}


def test_a_bracket_broken_over_lines_is_no_part_of_a_post():
    # A byline split at a column break stays in the body as "（记者陈\n静）"; the post after it is 市长 alone,
    # and its evidence lies inside one sentence (a SHACL violation before: found by test_fuzz).
    x = extract("（记者陈\n静）市长周建华，市委书记周建华主持召开会议。")
    assert posts(x) == {"周建华": ["市长", "市委书记"]}
    body = x.article.body
    for holding in x.holdings:
        mention = holding.evidence
        assert "\n" not in body[mention.start:mention.end]
