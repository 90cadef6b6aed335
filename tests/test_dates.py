"""Dates in news text resolved against the issue date, and the lead date of an article."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.dates import find_dates, lead_date
from kg.model import Article
from kg.sentences import split_sentences

D = dt.date


def _found(text: str, issued: dt.date | None) -> list[tuple[str, str, str]]:
    return [(str(r.start), str(r.end), text[s:e]) for r, s, e in find_dates(text, issued)]


@pytest.mark.parametrize(("text", "issued", "start", "end"), [
    ("4月9日，市委召开会议", D(2024, 4, 10), "2024-04-09", "2024-04-09"),
    ("12月29日下午，市委书记", D(2024, 1, 2), "2023-12-29", "2023-12-29"),  # month after the issue's: last year
    ("4月8日—9日，市长带队", D(2024, 4, 10), "2024-04-08", "2024-04-09"),
    ("8日至10日在京举行", D(2024, 4, 12), "2024-04-08", "2024-04-10"),
    ("4月30日至5月2日", D(2024, 5, 6), "2024-04-30", "2024-05-02"),
    ("12月30日至1月2日", D(2024, 1, 3), "2023-12-30", "2024-01-02"),  # a range across the new year
    ("会议18日在长沙召开", D(2024, 4, 19), "2024-04-18", "2024-04-18"),
    ("会议28日召开", D(2024, 5, 3), "2024-04-28", "2024-04-28"),  # day after the issue's: last month
    ("2023年12月28日，大会召开", D(2024, 5, 3), "2023-12-28", "2023-12-28"),
    ("12 月 28日，全市大会", D(2023, 12, 30), "2023-12-28", "2023-12-28"),  # text-layer spaces
    ("１２月２８日", D(2023, 12, 30), "2023-12-28", "2023-12-28"),  # full-width digits
    ("昨天上午，全市大会召开", D(2024, 4, 10), "2024-04-09", "2024-04-09"),
    ("2024年4月9日", None, "2024-04-09", "2024-04-09"),  # an explicit year needs no issue date
])
def test_date_expressions_resolve_against_the_issue(text: str, issued: dt.date | None, start: str, end: str) -> None:
    (found,) = _found(text, issued)
    assert found[:2] == (start, end)


def test_offsets_cover_the_expression_as_written() -> None:
    assert _found("本报讯 12 月 28日，大会召开", D(2023, 12, 30)) == [("2023-12-28", "2023-12-28", "12 月 28日")]
    assert [f[2] for f in _found("4月8日—9日，市长", D(2024, 4, 10))] == ["4月8日—9日"]


@pytest.mark.parametrize("text", ["30日内办结", "2月30日召开", "自2020年起", "节日期间", "近日，会议召开",
                                  "今年以来", "4月9日", "9日召开"])
def test_what_is_no_resolvable_date(text: str) -> None:
    issued = None if text in ("4月9日", "9日召开") else D(2024, 4, 10)  # no year and no issue: unknown
    assert find_dates(text, issued) == []


ISSUE = D(2024, 4, 10)


def _article(body: str, issued: dt.date | None = ISSUE, dateline: str | None = "本报讯") -> Article:
    return Article("doc", 1, body, split_sentences(body), dateline=dateline, issued=issued)


def test_lead_date_is_the_lead_sentences_date() -> None:
    assert lead_date(_article("4月9日，市委召开会议。会议要求，自2月21日起…")).start == D(2024, 4, 9)
    assert lead_date(_article("春节将至。2月1日，县委书记走访慰问。", D(2024, 2, 3))).start == D(2024, 2, 1)


def test_lead_date_is_none_for_vague_or_missing_dates_never_the_issue_date() -> None:
    assert lead_date(_article("根据部署要求，近日，市委常委会专题听取汇报。4月8日…")) is None
    assert lead_date(_article("日前，全市创建推进会召开。")) is None
    assert lead_date(_article("全市创建推进会召开。会议强调，要巩固提升创建成果。")) is None
    assert lead_date(_article("全市大会召开，市领导出席并讲话，对全年工作作出部署安排。会议于4月3日…")) is None


def test_lead_date_falls_back_to_the_dateline() -> None:
    article = _article("国务院常务会议审议通过有关条例草案。", D(2024, 4, 10), dateline="新华社北京4月9日电")
    assert lead_date(article).start == D(2024, 4, 9)
    vague = _article("记者近日从有关部门获悉，条例草案已审议通过。", dateline="新华社北京4月9日电")
    assert lead_date(vague) is None


@given(issued=st.dates(min_value=D(2000, 1, 1), max_value=D(2099, 12, 31)), month=st.integers(1, 12),
       day=st.integers(1, 31))
def test_resolved_dates_never_come_after_the_issue_by_more_than_the_month(issued: dt.date, month: int, day: int) -> None:
    for found, _, _ in find_dates(f"{month}月{day}日", issued):
        assert found.start.year in (issued.year, issued.year - 1)
        assert found.start.month == month and found.start.day == day
        assert found.start <= issued or found.start.month == issued.month
