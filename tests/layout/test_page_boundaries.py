"""Where one article of a page ends and the next begins: the signs a real text layer gives.

Every page here is made of sentences written for these tests, laid out as a PDF text layer lays
out a page: lines cut every `width` characters whatever the punctuation (a space of the text may
land at a line's head or end), a blank line where a column ends, one space before an article's
first line on pages that indent it.
"""

from __future__ import annotations

from kg.layout.bylines import opens_with_date
from kg.layout.page import page_articles

# Two short articles of invented text, each a lead and one more paragraph.
FLOOD = ["5月6日上午，县长王建平到河口镇检查防汛工作。副县长李文陪同。",
         "王建平强调，要压实责任，抓好巡查值守。"]
SCHOOL = ["为推进教育均衡发展，县政府召开学校建设推进会。副县长陈立主持会议。",
          "会议要求，各乡镇要加快项目进度。"]


def wrap(paragraph: str, width: int) -> list[str]:
    return [paragraph[i:i + width] for i in range(0, len(paragraph), width)]


def page(*articles: list[str], width: int = 12, indent: bool = True, between: tuple[str, ...] = ()) -> str:
    """Articles one after another, a blank after each; `between` is printed (with blanks) after the first."""
    lines: list[str] = []
    for n, paragraphs in enumerate(articles):
        for k, paragraph in enumerate(paragraphs):
            wrapped = wrap(paragraph, width)
            if k == 0 and indent:
                wrapped[0] = " " + wrapped[0]
            lines.extend(wrapped)
        lines.append("")
        if n == 0 and between:
            lines.extend([*between, ""])
    return "\n".join(lines) + "\n"


def bodies(text: str) -> list[str]:
    return [article.body.replace("\n", "") for article in page_articles(text)]


def test_a_space_the_wrap_kept_at_a_line_head_is_no_paragraph_indent() -> None:
    # "。 王建平" puts a space at the head of a full line: the page still indents only article leads
    flood = ["5月6日上午，县长王建平到河口镇检查防汛工作。 王建平强调，要压实责任，抓好巡查值守。"]
    text = page(flood, SCHOOL, width=23)
    assert any(line.startswith(" 王建平") for line in text.splitlines())
    assert len(bodies(text)) == 2
    # near miss: a page that indents every paragraph does not open an article at every indent
    paragraphs = "\n".join(" " + line for line in wrap(SCHOOL[0], 12)[:1]) + "\n" + "\n".join(
        wrap(SCHOOL[0], 12)[1:]) + "\n" + " " + SCHOOL[1] + "\n"
    assert len(bodies(paragraphs)) == 1


def test_a_headline_and_its_kicker_before_an_indented_lead_close_the_article_above() -> None:
    text = page(FLOOD, SCHOOL, between=("全县学校建设推进会召开", "陈立主持"))
    articles = page_articles(text)
    assert [a.body.replace("\n", "")[:6] for a in articles] == ["5月6日上午", "为推进教育均"]
    # near miss: two lines of body text under a sentence end are no headline run
    text = page(FLOOD + ["各乡镇要落实人员", "物资和预案到位"], SCHOOL, indent=False)
    assert len(page_articles(text)) == 1


def test_a_bracketed_byline_cut_over_three_lines_and_a_column_break() -> None:
    text = (" 5月6日上午，县长王建平到河口镇检\n查防汛工作。（撰\n\n稿：张明、刘芳；审核：\n周强）\n\n"
            " 为推进教育均衡发展，县政府召开学校\n建设推进会。\n")
    articles = page_articles(text)
    assert [a.reporters for a in articles] == [("张明", "刘芳"), ()]
    # near miss: an open bracket in the body, closed further on, is no byline
    text = " 会议审议了管理办法（试\n行）和实施细则（草案）。\n"
    assert page_articles(text)[0].reporters == ()


def test_names_after_the_last_sentence_wrapped_over_lines_are_its_byline() -> None:
    text = (" 5月6日上午，县长王建平到河口\n镇检查防汛工作。张明 \n刘芳 周强 马\n小红\n\n抓好防汛工作\n\n"
            " 为推进教育均衡发展，县政府召开\n学校建设推进会。\n")
    articles = page_articles(text)
    assert articles[0].reporters == ("张明", "刘芳", "周强", "马小红")
    assert articles[0].title == "抓好防汛工作"
    assert articles[0].body.endswith("检查防汛工作。")
    # near miss: words after a sentence end that run on into the next line's text are body
    text = " 5月6日上午，县长王建平到河口\n镇检查防汛工作。副县长\n李文陪同检查。\n"
    assert page_articles(text)[0].reporters == ()


def test_a_space_of_the_text_at_a_wrap_keeps_two_reporters_apart() -> None:
    for cut in ("本报讯（记者 张明\n 刘芳）5月6日", "本报讯（记者 张明 \n刘芳）5月6日"):
        text = f" {cut}上午，县长王建平到河口镇检查防汛工作。\n"
        assert page_articles(text)[0].reporters == ("张明", "刘芳")
    # near miss: a name cut by the wrap with no space stays one name
    text = " 本报讯（记者 张\n明）5月6日上午，县长王建平到河口镇检查防汛工作。\n"
    assert page_articles(text)[0].reporters == ("张明",)


def test_a_headline_between_articles_goes_with_the_lead_it_repeats() -> None:
    # headlines printed before their articles, the first article without one
    text = page(FLOOD, SCHOOL, between=("县政府召开学校建设推进会",))
    articles = page_articles(text)
    assert [a.title for a in articles] == [None, "县政府召开学校建设推进会"]
    # near miss: printed after its article, the last article without one
    text = page(FLOOD, SCHOOL, between=("王建平到河口镇检查防汛工作",))
    articles = page_articles(text)
    assert [a.title for a in articles] == ["王建平到河口镇检查防汛工作", None]


def test_a_lead_opening_with_its_date_after_a_finished_paragraph_opens_an_article() -> None:
    assert opens_with_date("5月6日上午，县长") and opens_with_date("10月22日至23日，")
    assert not opens_with_date("5月6日召开的会议") and not opens_with_date("56个村")
    text = page(SCHOOL, FLOOD, indent=False)  # no indent, no headline: only the date tells
    found = bodies(text)
    assert len(found) == 2 and found[0].startswith("为推进") and found[1].startswith("5月6日上午")
    # near miss: the same lead after a blank that cuts a sentence (a column break) continues it
    text = "为推进教育均衡发展，县政府于\n\n5月6日上午，召开学校建设推进会。\n"
    assert len(page_articles(text)) == 1
    # near miss: on a page that indents its leads, a dated paragraph it does not indent continues the article
    text = page(SCHOOL + FLOOD, ["王建平强调，要压实责任。"]).replace("\n5月6日上午", "\n\n5月6日上午")
    assert "\n\n5月6日上午" in text and len(page_articles(text)) == 2


def test_a_papers_own_dateline_opens_an_article_on_a_page() -> None:
    text = page(FLOOD, ["青川日报讯（记者 刘芳）为推进教育均衡发展，县政府召开学校建设推进会。"], indent=False)
    articles = page_articles(text)
    assert len(articles) == 2 and articles[1].reporters == ("刘芳",)
    # near miss: a line that only mentions a paper's report mid-sentence opens nothing
    text = page(FLOOD + ["据青川日报报道，各乡镇要落实到位。"], indent=False)
    assert len(page_articles(text)) == 1


def test_a_headline_with_no_clause_mark_stands_between_articles_a_column_head_with_one_does_not() -> None:
    text = page(FLOOD, SCHOOL, indent=False, between=("县长检查防汛工作",))
    articles = page_articles(text)
    assert [a.title for a in articles] == ["县长检查防汛工作", None]
    # near miss: a column's first line cut from a sentence, a comma in it, then the sentence goes on
    text = "5月6日上午，县长王建平到河口镇检查防汛工作。\n\n王建平强调，要压实\n\n责任，抓好巡查值守。\n"
    assert len(page_articles(text)) == 1 and page_articles(text)[0].title is None


def test_an_end_mark_closes_the_article_and_leaves_the_body() -> None:
    text = page(["5月6日上午，县长王建平到河口镇检查防汛工作。（记者 张明）（完）"],
                ["县政府召开学校建设推进会。副县长陈立主持会议。"], indent=False, width=20)
    articles = page_articles(text)
    assert len(articles) == 2
    assert articles[0].reporters == ("张明",) and "完" not in articles[0].body
    # near miss: 完 in brackets inside a sentence is the text's own
    text = page(["各乡镇要在汛前（完）成巡查，落实值守人员。", "会议要求，各部门要加强协作。"], indent=False, width=20)
    assert len(page_articles(text)) == 1 and "（完）" in page_articles(text)[0].body
