"""Page layout: reflow, bylines, datelines, headlines, segmentation — on hand-made and generated pages."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.layout.bylines import byline_at_end, reporter_names, split_dateline, starts_article
from kg.layout.lines import Line, column_width, join_lines, remove_layout_spaces
from kg.layout.page import page_articles

CJK = re.compile(r"[\u4e00-\u9fff]")
# Characters for generated text: common ones that spell no dateline, role word or page furniture.
POOL = "的一是在了不和有大这主中人上为们地个用工时要动国产以我到他会作来分生对于学下级义就年阶发成部民可出能方进同行面说种过命度革而多子后自社加小机也经力线高量长党得实家定深法表着水理化争现所二起政三好十战无农使性前等反体合斗路图把结第里正新开论之物从当两些还天资事队批点育重其思与间内去因件日利相由压员气业代全组数果期导平各基或月毛然如应形想制心样干都向变关问比展那它最及外没看治提五解系林者米群头意只明四道马认次文通但条较克又公孔领军流入接席位情运器并飞原油放立题质指建区验活众很教决特此常石强极土少已根共直团统式转别造切九你取西持总料连任志观调七么山程百报更见必真保热委手改管处己将修支识病象几先老光专什六型具示复安带每东增则完风回南广劳轮科北打积车计给节做务被整联步类集号列温装即毫知轴研单色坚据速防史拉世设达尔场织历花受求传口断况采精金界品判参层止边清至万确究书术状厂须离再目海交权且儿青才证低越际八试规斯近注办布门铁需走议县兵固除般引齿千胜细影济白格效置推空配刀叶率述今选养德话查差半敌始片施响收华觉备名红续均药标记难存测士身紧液派准斤角降维板许破"
PUNCT_INSIDE = "，、；："
# Headlines of generated pages: characters of no body text, so no headline repeats words of a lead.
TITLE_POOL = "甲乙丙丁戊庚辛壬癸丑寅卯辰巳午未申酉戌亥"
NAME_POOL = "赵钱孙周吴郑冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章云苏潘葛奚范彭郎"


def test_reflow_joins_wraps_and_keeps_paragraphs() -> None:
    lines = [Line("会议要求，全市各级党组", 0), Line("织要聚焦重点。", 12), Line("坚持旗帜鲜明讲政治，", 20),
             Line("充分发挥作用，抓住一切有", 31, blank_before=True), Line("利时机。", 44, blank_before=True)]
    text, anchors = join_lines(lines, width=12)
    assert text == "会议要求，全市各级党组织要聚焦重点。\n坚持旗帜鲜明讲政治，充分发挥作用，抓住一切有利时机。"
    assert anchors[0] == (0, 0) and anchors[1] == (11, 12)


def test_width_is_the_commonest_line_length() -> None:
    assert column_width([12] * 5 + [13, 11, 2, 20]) == 12
    assert column_width([16] * 8 + [15] * 7 + [3, 4]) == 16


def test_bylines_glued_or_alone_and_brackets_that_are_not_bylines() -> None:
    assert byline_at_end("经济增长点。 （高美梅、惠晓婧）") == (7, ("高美梅", "惠晓婧"))
    assert byline_at_end("（记者 邓慧敏 胡洋）")[1] == ("邓慧敏", "胡洋")
    assert byline_at_end("（本报记者 陈晓 通讯员 欧阳振华）")[1] == ("陈晓", "欧阳振华")
    assert byline_at_end("国家精神疾病医学中心（上海市精") is None
    assert byline_at_end("各市（县）") is None
    assert byline_at_end("国家卫生健康委（卫生中心）") is None
    assert byline_at_end("会议审议了管理办法（试行）") is None  # not after a sentence end
    assert reporter_names("完") is None


def test_datelines_of_several_kinds() -> None:
    assert split_dateline("本报讯 4月9日，市委").text == "本报讯"
    assert split_dateline("本报讯（记者 沈佳怡）春节将至").reporters == ("沈佳怡",)
    xinhua = split_dateline("新华社北京4月9日电（记者 韩立）国务院")
    assert (xinhua.text, xinhua.reporters) == ("新华社北京4月9日电（记者 韩立）", ("韩立",))
    assert split_dateline("人民网北京4月9日电 记者").text == "人民网北京4月9日电"
    assert split_dateline("本报记者 毛嘉怡 6月2日").reporters == ("毛嘉怡",)
    assert split_dateline("本报记者从市卫健委获悉，") is None
    assert split_dateline("本报将持续关注。") is None
    assert split_dateline("会议指出，本报讯") is None


def test_layout_spaces_between_cjk_and_digits_go_latin_spaces_stay() -> None:
    assert remove_layout_spaces("12 月 28日 召开，成立 75 周年") == "12月28日召开，成立75周年"
    assert remove_layout_spaces("支持 5G 和 Wi Fi 网络") == "支持5G和Wi Fi网络"


def test_page_with_headline_before_dateline_and_no_blank_between() -> None:
    page = "市领导调研防汛工作\n本报讯 6月3日，市长主持召\n开会议，研究防汛工作。\n\n（王明）\n\n全市秋粮收购工作启动\n" \
           "本报讯 6月2日，全市秋粮收\n购工作启动。\n\n（李华）\n"
    first, second = page_articles(page)
    assert (first.title, first.reporters, first.body) == ("市领导调研防汛工作", ("王明",), "6月3日，市长主持召开会议，研究防汛工作。")
    assert (second.title, second.reporters) == ("全市秋粮收购工作启动", ("李华",))


def test_page_furniture_is_neither_headline_nor_body() -> None:
    page = "2024年4月10日 星期三\n\n 本报讯 4月9日，全市大会\n召开。\n\n（王明）\n\n大会召开\n\n责任编辑：张某\n"
    (article,) = page_articles(page)
    assert (article.title, article.body) == ("大会召开", "4月9日，全市大会召开。")


@st.composite
def sentences(draw: st.DrawFn) -> str:
    chunks = draw(st.lists(st.text(alphabet=POOL, min_size=2, max_size=12), min_size=1, max_size=4))
    glue = draw(st.lists(st.sampled_from(PUNCT_INSIDE), min_size=len(chunks) - 1, max_size=len(chunks) - 1))
    quoted = draw(st.booleans())
    text = "".join(c + g for c, g in zip(chunks, [*glue, ""], strict=True))
    if quoted and len(text) > 6:
        text = text[:2] + "“" + text[2:6] + "”" + text[6:]
    return text + "。"


@st.composite
def pages(draw: st.DrawFn) -> tuple[str, list[dict]]:
    """A generated page: articles wrapped at a random width, blank lines at column ends, headlines after or before."""
    width = draw(st.integers(10, 18))
    height = draw(st.integers(4, 30))
    headline_first = draw(st.booleans())
    articles = []
    for _ in range(draw(st.integers(1, 5))):
        paragraphs = ["".join(draw(st.lists(sentences(), min_size=1, max_size=4)))
                      for _ in range(draw(st.integers(1, 5)))]
        names = draw(st.lists(st.text(alphabet=NAME_POOL, min_size=2, max_size=3), min_size=0, max_size=2,
                              unique=True))
        # a paper that prints headlines first prints one for its first article: else nothing says which it does
        least = 1 if headline_first and not articles else 0
        titles = draw(st.lists(st.text(alphabet=TITLE_POOL, min_size=4, max_size=30), min_size=least, max_size=2))
        articles.append({"paragraphs": paragraphs, "reporters": tuple(names), "titles": titles})
    lines: list[str] = []
    column = 0

    def emit(line: str) -> None:
        nonlocal column
        lines.append(line)
        column += 1
        if column >= height and len(line) >= width:  # a column ends after a full line
            lines.append("")
            column = 0

    for article in articles:
        if headline_first:
            for title in article["titles"]:
                lines.extend([title, ""])
        for i, paragraph in enumerate(article["paragraphs"]):
            text = (" 本报讯 " if i == 0 else "") + paragraph
            for start in range(0, len(text), width):
                emit(text[start:start + width])
            if draw(st.booleans()):
                lines.append("")
                column = 0
        if article["reporters"]:
            lines.extend(["", "（" + "、".join(article["reporters"]) + "）", ""])
        if not headline_first:
            for title in article["titles"]:
                lines.extend(["", title, ""])
        column = 0
    return "\n".join(lines) + "\n", articles


def _cjk(text: str) -> str:
    return "".join(CJK.findall(text))


@settings(max_examples=80, deadline=None)
@given(page=pages())
def test_generated_pages_read_back_into_their_articles(page: tuple[str, list[dict]]) -> None:
    text, expected = page
    articles = page_articles(text)
    assert len(articles) == len(expected)
    for article, want in zip(articles, expected, strict=True):
        assert _cjk(article.body) == _cjk("".join(want["paragraphs"]))  # nothing lost, nothing reordered
        assert article.reporters == want["reporters"]
        assert article.title == (want["titles"][0] if want["titles"] else None)
        assert article.dateline == "本报讯"
        assert text[article.body_offset] == article.body[0]


@settings(max_examples=200, deadline=None)
@given(lines=st.lists(st.tuples(st.text(min_size=1, max_size=20).map(str.strip).filter(bool), st.booleans(),
                                st.booleans()), max_size=30), width=st.integers(1, 30))
def test_reflow_never_loses_or_reorders_a_cjk_character(lines: list[tuple[str, bool, bool]], width: int) -> None:
    given_lines = [Line(text, 0, indented, blank) for text, indented, blank in lines]
    joined, _ = join_lines(given_lines, width)
    assert _cjk(joined) == _cjk("".join(text for text, _, _ in lines))


def test_reprint_and_chained_datelines() -> None:
    (reprint,) = page_articles(" 据新华社北京4月9日电 国务院常务会议\n9日召开，研究部署有关工作。\n")
    assert reprint.dateline == "据新华社北京4月9日电" and reprint.body.startswith("国务院常务会议9日召开")
    (chained,) = page_articles(" 本报讯 记者 秦可欣 报道：4月\n9日，全市大会召开，市长出席。\n")
    assert (chained.dateline, chained.reporters) == ("本报讯 记者 秦可欣 报道", ("秦可欣",))
    assert chained.body == "4月9日，全市大会召开，市长出席。"


def test_paper_name_and_page_labels_at_the_top_are_not_headlines() -> None:
    page = "江城日报\n\n要闻\n\n 本报讯 4月9日，全市大会\n召开，市长出席讲话。\n\n（王明）\n\n全市大会召开\n"
    (article,) = page_articles(page)
    assert (article.title, article.reporters) == ("全市大会召开", ("王明",))


def test_a_narrow_sidebar_and_a_wide_lead_article_on_one_page() -> None:
    wide = ["本报讯 4月9日，全市高质量发展推进大会召开，市委书", "记出席并讲话，对下一步工作作出全面部署安排，要求各", "地各部门",
            "狠抓落实。"]
    narrow = ["本报讯 4月8日，全市春", "季植树活动举行。"]
    page = "\n".join([" " + wide[0], *wide[1:], "", "（王明）", "", " " + narrow[0], *narrow[1:], "", "（李华）", ""])
    first, second = page_articles(page)
    assert first.body == "4月9日，全市高质量发展推进大会召开，市委书记出席并讲话，对下一步工作作出全面部署安排，要求各地各部门狠抓落实。"
    assert second.body == "4月8日，全市春季植树活动举行。"


@pytest.mark.parametrize(("line", "text", "reporters"), [
    ("长沙晚报讯（全媒体记者 易倩）8月19日下午，市长会见", "长沙晚报讯（全媒体记者 易倩）", ("易倩",)),
    ("南方日报广州6月11日电 今天上午", "南方日报广州6月11日电", ()),
    ("长沙晚报掌上长沙8月19日讯（记者 罗一 易二）8月19日", "长沙晚报掌上长沙8月19日讯（记者 罗一 易二）", ("罗一", "易二")),
])
def test_any_paper_by_its_name_opens_a_dateline(line: str, text: str, reporters: tuple[str, ...]) -> None:
    dateline = split_dateline(line)
    assert dateline is not None and starts_article(line)
    assert (dateline.text, dateline.reporters) == (text, reporters)


@pytest.mark.parametrize("line", ["市委书记听取汇报讯息", "市委书记听取汇报讯", "他说，日报电子版上线", "会议强调，要把报告精神落实"])
def test_words_ending_in_bao_do_not_open_a_dateline(line: str) -> None:
    assert split_dateline(line) is None and not starts_article(line)


def test_a_paper_name_heads_the_page_but_headlines_ending_in_bao_stay() -> None:
    page = ("无锡日报\n\n本报讯 4月9日，市委书记张三主持召开会议。\n（李四）\n\n市政府听取工作汇报\n\n"
            "本报讯 4月9日，市长王五调研。\n（赵六）\n\n一一一报\n")
    articles = page_articles(page)
    assert [a.title for a in articles] == ["市政府听取工作汇报", "一一一报"]
    assert all("无锡日报" not in a.body for a in articles)


def test_headlines_after_short_articles_are_not_read_as_the_next_articles_leads() -> None:
    # Headlines printed after their articles: when an article is shorter than a lead, the headline run
    # after the next article must not count as that article's lead (found by the property test below).
    page = (" 本报讯 等术历代变什学支为越\n均国，可处将，打交政防造放基压\n热派，平人效低思外单区较多学德\n。\n\n（苏戚赵）\n\n"
            " 本报讯 一一，一一。\n\n丙未辰未庚未壬辰丙未癸戊亥巳午亥卯亥申未寅戊辛\n\n\n丁丁丁丁\n\n 本报讯 一一。\n"
            "一一。一一。一一，一一。一一，\n一一。\n\n丁丁丁丁\n\n\n丁丙酉申卯戊戊辰甲癸巳午庚戌\n\n 本报讯 一一。\n一一，一一。\n\n"
            "一一。\n\n一一，一一。一一，一一。\n\n（严严）\n\n\n丁丁丁丁\n\n 本报讯 一一。\n\n")
    titles = [article.title for article in page_articles(page)]
    assert titles == [None, "丙未辰未庚未壬辰丙未癸戊亥巳午亥卯亥申未寅戊辛", "丁丁丁丁", "丁丁丁丁", None]
