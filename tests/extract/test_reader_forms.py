"""Reader facets in other forms: bylines under the headline, editors' credits, bracketed and marked
headlines, dates named relative to the issue's year or month.

Every text here is written for the test (made-up places and people).
"""

import datetime as dt

from kg.dates import find_dates
from kg.layout.clean import article_file_articles, body_article
from kg.layout.page import page_articles
from tests.extract.helpers import extract

LEAD = "5月8日，县委书记钱卫东主持召开县委常委会议，传达学习上级会议精神。会议强调，要狠抓落实。"
HEAD = "全县部署春耕生产工作"


def test_a_byline_under_the_headline_keeps_both() -> None:
    for byline in ("记者 孙雨 周凯 报道", "通讯员 孙雨", "本报记者 孙雨 通讯员 周凯"):
        (article,) = article_file_articles(f"{HEAD}\n\n{byline}\n\n{LEAD}\n")
        assert article.title == HEAD, byline
        assert article.reporters and article.reporters[0] == "孙雨", byline
        assert article.body.startswith("5月8日")
    # near miss: a line of the body under the headline is no byline
    (article,) = article_file_articles(f"{HEAD}\n\n记者从会上获悉，全县春耕进展顺利。\n\n{LEAD}\n")
    assert article.reporters == () and article.body.startswith("记者从会上获悉")


def test_editors_credits_name_neither_reporter_nor_person() -> None:
    (article,) = article_file_articles(f"{HEAD}\n\n{LEAD}\n记者：周凯\n责任编辑：孙雨\n校对：李红\n")
    assert article.reporters == ("周凯",) and "孙雨" not in article.body and "李红" not in article.body
    (article,) = article_file_articles(f"{HEAD}\n\n{LEAD}（记者 周凯 编辑 孙雨 校对 李红）\n")
    assert article.reporters == ("周凯",)
    (article,) = article_file_articles(f"{HEAD}\n\n{LEAD}\n（编辑 孙雨 校对 李红）\n")
    assert article.reporters == () and article.body.endswith("要狠抓落实。")
    # near miss: a paragraph that opens with a credit's word is body
    part = body_article(f"{LEAD}\n统筹推进经济社会发展。\n")
    assert part is not None and part.body.endswith("统筹推进经济社会发展。")


def test_a_digest_headline_in_brackets_or_after_a_marker() -> None:
    (article,) = article_file_articles(f"【{HEAD}】{LEAD}\n")
    assert article.title == HEAD and article.body.startswith("5月8日")
    assert article.body_offset == len(f"【{HEAD}】")
    (article,) = article_file_articles(f"■{HEAD}\n{LEAD}\n")
    assert article.title == HEAD
    # near miss: a quotation in brackets that ends a sentence is no headline
    (article,) = article_file_articles(f"【要狠抓落实。】{LEAD}\n")
    assert article.title is None and article.body.startswith("【要狠抓落实。】")


def test_dates_after_a_year_or_month_named_relative_to_the_issue() -> None:
    issue = dt.date(2024, 5, 10)

    def found(text: str) -> list[str]:
        return [f"{r.start}/{r.end}" for r, _, _ in find_dates(text, issue)]

    assert found("本月8日，会议召开") == ["2024-05-08/2024-05-08"]
    assert found("上月28日至30日，考察团赴外地") == ["2024-04-28/2024-04-30"]
    assert found("去年12月3日，项目开工") == ["2023-12-03/2023-12-03"]
    assert found("今年 5 月 6 日至 8 日，考察团赴外地") == ["2024-05-06/2024-05-08"]
    # near miss: a year with no day, and 本月 before no date
    assert found("今年5月，全县开展整治") == [] and found("本月以来，全县开展整治") == []


COLUMN = "5月8日，县委书记钱卫东主\n持召开县委常委会议，传达\n学习上级会议精神。会议强\n调，要狠抓落实。\n"
NEXT = "\n城南镇开展环境整治\n\n5月9日上午，镇长李红带队\n检查城南镇环境整治工作。\n"


def test_a_page_byline_under_the_headline_or_alone_after_the_article() -> None:
    (article,) = page_articles(f"{HEAD}\n本报记者 周凯 孙雨\n\n{COLUMN}")
    assert (article.title, article.subtitle, article.reporters) == (HEAD, None, ("周凯", "孙雨"))
    (article,) = page_articles(f"{HEAD}\n\n记者 周凯 孙雨 报道\n\n{COLUMN}")
    assert (article.title, article.reporters) == (HEAD, ("周凯", "孙雨"))
    first, second = page_articles(f"{HEAD}\n\n{COLUMN}通讯员 孙雨\n{NEXT}")
    assert first.reporters == ("孙雨",) and second.reporters == () and second.title == "城南镇开展环境整治"
    # near miss: a subtitle under the headline stays the subtitle
    (article,) = page_articles(f"{HEAD}\n——钱卫东主持会议并讲话\n\n{COLUMN}")
    assert article.subtitle == "——钱卫东主持会议并讲话" and article.reporters == ()


def test_a_trip_dated_stop_by_stop_is_one_ranged_event() -> None:
    trip = ("5月6日，县委书记钱卫东率团赴外省考察。在甲市，考察团参观了科技园区。"
            "5月7日至8日，考察团在乙市考察。5月9日上午，考察团来到丙市。")
    (event,) = extract(trip, issued=dt.date(2024, 5, 10)).events[:1]
    assert (str(event.date.start), str(event.date.end)) == ("2024-05-06", "2024-05-09")
    # near miss: a meeting that mentions a later date is no trip; a trip's later date after the issue is a plan
    meeting = "5月6日，县委书记钱卫东主持召开县委常委会议。5月9日，全县将开展集中整治。"
    assert str(extract(meeting, issued=dt.date(2024, 5, 10)).events[0].date.end) == "2024-05-06"
    plan = "5月6日，县委书记钱卫东赴乙市考察。5月20日，两地将签署合作协议。"
    assert str(extract(plan, issued=dt.date(2024, 5, 10)).events[0].date.end) == "2024-05-06"


def test_items_with_no_headlines_whose_lead_names_its_subject_before_the_date() -> None:
    items = ("5月8日，县委书记钱卫东主持召开县委常委会议。\n"
             "县委副书记、县长李红5月9日上午到城南镇调研环境整治。\n")
    assert [a.body[:6] for a in article_file_articles(items)] == ["5月8日，县", "县委副书记、"]
    # near miss: under a headline it is one article; on the item's own date it is the same item
    assert len(article_file_articles(f"{HEAD}\n\n{items}")) == 1
    assert len(article_file_articles(items.replace("5月9日", "5月8日"))) == 1
