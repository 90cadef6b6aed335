"""Reader facets on unseen text (#16, fourth round): briefs run one after another, bylines in other forms,
headlines over kickers, trips dated stop by stop.

Every text here is written for the test (made-up places and people).
"""

import datetime as dt

from kg.dates import find_dates, lead_date
from kg.layout.bylines import byline_at_end, reporter_names, split_dateline
from kg.layout.clean import article_file_articles
from kg.layout.page import page_articles
from kg.read import read_text

HEAD = "全县部署春耕生产工作"
FIRST = "5月8日，县委书记钱卫东主持召开县委常委会议，传达学习上级会议精神。"
SECOND = "5月12日，县长孙立平主持召开县政府常务会议，研究近期重点工作。"


def test_briefs_opened_by_their_own_datelines_are_separate_articles() -> None:
    for dateline in ("又讯", "另讯", "本报讯", "新华社北京5月12日电"):
        first, second = article_file_articles(f"{HEAD}\n\n本报讯 {FIRST}\n\n会议强调，要狠抓落实。\n\n"
                                              f"{dateline} {SECOND}\n\n会议要求，要抓好春耕。\n")
        assert first.title == HEAD and first.body.endswith("要狠抓落实。"), dateline
        assert second.title is None and second.body.startswith("5月12日") and second.dateline == dateline
        assert second.body.endswith("要抓好春耕。")
    # near misses: a paragraph that opens with 又 or quotes a dateline mid-sentence continues its article
    (article,) = article_file_articles(f"{HEAD}\n\n本报讯 {FIRST}\n\n又讯飞公司负责人介绍了情况。\n")
    assert article.body.endswith("介绍了情况。")
    (article,) = article_file_articles(f"{HEAD}\n\n本报讯 {FIRST}\n\n本报记者 孙雨 从会上获悉，春耕进展顺利。\n")
    assert "获悉" in article.body
    assert split_dateline("又有消息称，春耕进展顺利。") is None


def test_bylines_with_spaced_names_or_roles_with_no_colon() -> None:
    cases = {
        f"{FIRST}（储 佼）": ("储佼",),  # a two-character name padded to three
        f"{FIRST}（记者 储 佼 王小明）": ("储佼", "王小明"),
        f"{FIRST}\n融媒体记者 孙雨 通讯员 周凯": ("孙雨", "周凯"),  # a closing line, roles with no colon
        f"{FIRST}\n记者 储 佼": ("储佼",),
        f"{FIRST}\n图片：孙雨": (),  # a photo credit names no reporter
        f"{FIRST}\n文/孙雨 图/周凯": ("孙雨", "周凯"),  # the role before the slash
    }
    for body, reporters in cases.items():
        (article,) = article_file_articles(f"{HEAD}\n\n{body}\n")
        assert article.reporters == reporters, body
        assert article.body == FIRST, body
    (article,) = article_file_articles(f"{HEAD}\n\n本报记者 储 佼 通讯员 周凯\n\n{FIRST}\n")
    assert (article.title, article.reporters) == (HEAD, ("储佼", "周凯"))
    # near misses: words after 记者 that start with no surname, and two words apart in a sentence
    (article,) = article_file_articles(f"{HEAD}\n\n{FIRST}\n记者 走进 车间\n")
    assert article.reporters == () and article.body.endswith("记者走进车间")
    assert byline_at_end("文/走进") is None  # no surname after the slash
    assert reporter_names("见 图") is None and byline_at_end("会议强调，要狠抓落实。（见 图）") is None


def _column(text: str, width: int) -> str:
    """`text` wrapped at `width` characters, a blank line (a column break) every eight lines, no indents."""
    lines = [text[i:i + width] for i in range(0, len(text), width)]
    return "\n".join(line + ("\n" if n % 8 == 7 else "") for n, line in enumerate(lines)) + "\n"


def test_a_page_with_no_indent_opens_an_article_at_a_lead_dated_after_its_purpose() -> None:
    one = "5月8日，县委书记钱卫东主持召开县委常委会议，传达学习上级会议精神。会议强调，要狠抓落实，确保取得实效。"
    two = "为进一步加快城南片区项目建设，5月9日下午，县长孙立平带队调研重点项目。孙立平要求，要倒排工期，加快进度。"
    first, second = page_articles(_column(one, 12) + "\n" + _column(two, 12))
    assert first.body.endswith("确保取得实效。") and second.body.startswith("为进一步加快")
    # near miss: after a column break, a paragraph whose date is no clause of its own continues the article
    three = "会议要求，各地要在5月20日前完成摸底排查，做到应查尽查。"
    (article,) = page_articles(_column(one, 12) + "\n" + _column(three, 12))
    assert article.body.endswith("应查尽查。")


def test_a_bracketed_byline_of_two_papers_wrapped_over_four_lines_at_width_ten() -> None:
    page = ("5月8日，县委书记钱卫\n东主持召开县委常委会\n议，传达学习上级会议\n精神。\n（江城广播电视台记者\n"
            " 孙立平 周凯 江\n城日报记者 李红 \n王明）\n")
    (article,) = page_articles(page)
    assert article.reporters == ("孙立平", "周凯", "李红", "王明") and article.body.endswith("会议精神。")


def test_the_headline_under_a_kicker_is_the_title() -> None:
    lead = "5月8日，全县春耕生产工作部署会召开，县委书记钱卫东出席并讲话。会议强调，要抓好春耕生产。"
    head = "全县春耕生产工作部署会召开"
    cases = {
        f"春风浩荡正当时\n{head}\n\n{lead}\n": (head, "春风浩荡正当时"),  # kicker, headline
        f"春风浩荡正当时\n{head}\n——钱卫东出席并讲话\n\n{lead}\n": (head, "春风浩荡正当时 ——钱卫东出席并讲话"),
        # near misses: a subtitle under the headline, with or without its dash, stays the subtitle
        f"{head}\n钱卫东出席\n\n{lead}\n": (head, "钱卫东出席"),
        f"{head}\n——全县春耕生产工作部署会召开侧记\n\n{lead}\n": (head, "——全县春耕生产工作部署会召开侧记"),
        # a first line that shares words with the lead stays the headline over a longer line that shares more
        f"{head}\n县委书记钱卫东出席并讲话 强调抓好春耕生产\n钱卫东出席\n\n{lead}\n":
            (head, "县委书记钱卫东出席并讲话 强调抓好春耕生产 钱卫东出席"),
    }
    for text, expected in cases.items():
        (article,) = article_file_articles(text)
        assert (article.title, article.subtitle) == expected, text
    (article,) = page_articles(f"春风浩荡正当时\n{head}\n\n{lead[:12]}\n{lead[12:24]}\n{lead[24:36]}\n{lead[36:]}\n")
    assert article.title == head


def test_a_trip_dated_stop_by_stop_is_one_ranged_event() -> None:
    issue = dt.date(2024, 5, 10)
    trip = ("5月6日，市委书记钱卫东率党政代表团赴江城考察。\n\n在江城期间，代表团参观了产业园。\n\n"
            "5月7日，代表团来到河东区，考察了物流园。\n\n5月8日，代表团一行前往海湾新区。\n")
    (article,) = read_text(trip, doc_id="trip", published=issue, kind="article")
    found = lead_date(article)
    assert found is not None and (found.start, found.end) == (dt.date(2024, 5, 6), dt.date(2024, 5, 8))
    assert [(r.start, r.end) for r, _, _ in find_dates("5月6—8日，代表团赴江城考察", issue)] == [
        (dt.date(2024, 5, 6), dt.date(2024, 5, 8))]
    # near misses: items about other events, and a trip's lead followed by a date weeks later, are apart
    items = "5月6日，县委召开常委会议。\n\n5月7日，县政府召开常务会议。\n"
    assert len(list(read_text(items, doc_id="items", published=issue, kind="article"))) == 2
    later = "4月6日，市委书记钱卫东率代表团赴江城考察。\n\n5月7日，县政府召开常务会议。\n"
    assert len(list(read_text(later, doc_id="later", published=issue, kind="article"))) == 2
    meeting = "5月6日，县长孙立平到城南镇调研。\n\n5月7日，县委召开常委会议。\n"  # a meeting of its own
    assert len(list(read_text(meeting, doc_id="meeting", published=issue, kind="article"))) == 2
    ranged = "5月3日至5日，市委书记钱卫东率代表团赴江城考察。\n\n5月7日，县政府召开常务会议。\n"  # after the trip
    assert len(list(read_text(ranged, doc_id="ranged", published=issue, kind="article"))) == 2
    assert find_dates("6-8日内完成", issue) == []
