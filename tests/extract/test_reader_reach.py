"""Reader facets on real news: articles with no dateline run together, bylines cut or in other forms.

Every text here is written for the test (made-up places and people), laid out the way a page's text
layer gives it: lines cut at the column width, a blank line where a column ends.
"""

import datetime as dt

from kg.layout.clean import article_file_articles, body_article
from kg.layout.page import page_articles
from tests.extract.helpers import extract

# Two articles, neither opened by a dateline: the page indents only each article's first line.
TWO_UNDATED = """\
 5月8日，县长赵明远到城南
镇调研春耕生产，县农业局负
责同志陪同。

赵明远强调，要抓好春耕备耕
。
 5月9日上午，县委书记钱卫
东主持召开县委常委会议，传
达学习上级会议精神。
会议强调，要狠抓落实。
"""


def test_an_indented_line_after_a_closed_article_opens_the_next() -> None:
    articles = page_articles(TWO_UNDATED.replace("。\n 5月9日", "。\n\n 5月9日"))
    assert [a.body[:6] for a in articles] == ["5月8日，县", "5月9日上午"]
    assert articles[0].body.endswith("要抓好春耕备耕。")


def test_a_headline_between_two_undated_articles_goes_with_the_one_above() -> None:
    page = TWO_UNDATED.replace("。\n 5月9日", "。\n\n赵明远到城南镇调研春耕生产\n\n 5月9日")
    first, second = page_articles(page)
    assert first.title == "赵明远到城南镇调研春耕生产"
    assert second.body.startswith("5月9日上午") and second.title is None


def test_no_new_article_without_the_blank_or_where_indents_mark_paragraphs() -> None:
    # no blank line before the indented line: one article
    assert len(page_articles(TWO_UNDATED)) == 1
    # a page that indents paragraphs (one right under a line): an indent is a paragraph, not an article
    indented = TWO_UNDATED.replace("\n会议强调", "\n 会议强调").replace("。\n 5月9日", "。\n\n 5月9日")
    assert len(page_articles(indented)) == 1
    # the line before the blank does not end a sentence: a column break inside a sentence
    cut = TWO_UNDATED.replace("要抓好春耕备耕\n。\n 5月9日", "要抓好春耕备耕\n工作，确保\n\n 5月9日")
    assert len(page_articles(cut)) == 1


def test_a_byline_in_brackets_cut_by_the_wrap_or_a_column_break() -> None:
    wrapped = " 6月3日，全市防汛工作会议召开\n。会议要求压紧压实责任。（记者\n：孙雨 周凯）\n"
    assert page_articles(wrapped)[0].reporters == ("孙雨", "周凯")
    assert page_articles(wrapped)[0].body.endswith("压紧压实责任。")
    across_column = " 6月3日，全市防汛工作会议召开\n。会议要求压紧压实责任。（记者：孙雨 \n\n周凯）\n"
    assert page_articles(across_column)[0].reporters == ("孙雨", "周凯")
    inside_name = " 6月3日，全市防汛工作会议召开\n。会议要求压紧压实责任。（记者：孙\n雨）\n"
    assert page_articles(inside_name)[0].reporters == ("孙雨",)


def test_brackets_cut_by_the_wrap_that_hold_no_byline_stay_in_the_body() -> None:
    text = " 6月3日，全市防汛工作会议召开\n。会议听取了水利局（含防汛\n办）的汇报。\n"
    article, = page_articles(text)
    assert article.reporters == () and "水利局（含防汛办）的汇报" in article.body


def test_a_unit_credited_on_a_line_of_its_own_is_neither_headline_nor_body() -> None:
    page = (" 4月2日，镇长吴海涛检查森林\n防火工作。\n\n镇党政办 供稿\n\n"
            "吴海涛检查森林防火工作\n")
    article, = page_articles(page)
    assert article.title == "吴海涛检查森林防火工作" and article.reporters == ()
    assert "供稿" not in article.body
    # a line of a sentence ending in the same word stays in the body
    sentence = " 4月2日，镇长吴海涛检查森林\n防火工作。\n简报由各村、各站所供稿\n，镇党政办汇总。\n"
    assert page_articles(sentence)[0].body.endswith("简报由各村、各站所供稿，镇党政办汇总。")


def test_credits_of_those_who_did_not_write_name_no_reporter() -> None:
    text = "5月6日，区政协召开常委会议。会议审议了有关事项。（撰稿：吕思远、葛佳；审核：石文斌）"
    article = body_article(text)
    assert article is not None and article.reporters == ("吕思远", "葛佳")
    assert article.body.endswith("有关事项。")


def test_closing_credit_lines_of_a_crawled_body() -> None:
    text = "5月6日，区政协召开常委会议。\n会议审议了有关事项。\n文字：吕思远\n图片：石文斌"
    article = body_article(text)
    assert article is not None and article.reporters == ("吕思远",)
    assert article.body == "5月6日，区政协召开常委会议。\n会议审议了有关事项。"
    # a body line that mentions pictures is no credit line
    kept = body_article("5月6日，区政协召开常委会议。\n图片展同日开幕。")
    assert kept is not None and kept.body.endswith("图片展同日开幕。")


def test_a_vague_word_inside_an_attributive_clause_leaves_the_lead_its_date() -> None:
    dated = extract("围绕近期部署的重点任务，6月12日上午，县政府召开专题会议。", issued=dt.date(2024, 6, 13))
    assert [str(e.date.start) for e in dated.events if e.date] == ["2024-06-12"]
    # 近日 as the time of the event itself: the paper does not say when
    vague = extract("县长近日到企业调研，6月12日又召开专题会议。", issued=dt.date(2024, 6, 13))
    assert not [e.date for e in vague.events if e.date]


ITEMS = ("5月3日至5日，省长方建国到沿海三市调研海洋经济。他强调，要做强海洋产业。\n"
         "5月12日上午，方建国到省农科院看望科研人员。")


def test_items_with_no_headlines_each_opened_by_their_own_date() -> None:
    first, second = article_file_articles(ITEMS)
    assert first.body.startswith("5月3日至5日") and second.body.startswith("5月12日上午")


def test_a_dated_paragraph_stays_in_a_headlined_article_or_on_the_items_own_date() -> None:
    assert len(article_file_articles("方建国到沿海三市调研\n\n" + ITEMS)) == 1
    same_day = ITEMS.replace("5月12日上午，", "5月3日下午，")
    assert len(article_file_articles(same_day)) == 1
    # the paragraph before does not end a sentence
    assert len(article_file_articles(ITEMS.replace("海洋产业。\n", "海洋产业\n"))) == 1


def test_days_named_relative_to_the_issue_date() -> None:
    wednesday = dt.date(2024, 6, 12)
    last_friday = extract("上周五，县政府召开防汛工作会议。", issued=wednesday)
    assert [str(e.date.start) for e in last_friday.events if e.date] == ["2024-06-07"]
    last_night = extract("昨晚，县委召开常委会议。", issued=wednesday)
    assert [str(e.date.start) for e in last_night.events if e.date] == ["2024-06-11"]
    # 上周 with no weekday, or a weekday with no week, names no day
    for text in ("上周，县政府召开防汛工作会议。", "周五，县政府召开防汛工作会议。"):
        assert not [e.date for e in extract(text, issued=wednesday).events if e.date]
