"""Dates in news text, resolved against the issue date of the paper.

Local papers write event dates without a year (4月9日), often without a month
(9日), as ranges (4月8日—9日, 8日至10日) and with spaces from the PDF text layer
(12 月 28日). A date without a year belongs to the issue's year unless its month
is after the issue's month (then it is last year's: 12月29日 in an issue of
January); a bare day belongs to the issue's month unless it is after the
issue's day (then it is last month's).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from kg import lexicon
from kg.model import DateRange

if TYPE_CHECKING:
    from kg.model import Article

# Full-width digits and the ideographic space read as their ASCII forms, one char for one char,
# so offsets into the normalised text are offsets into the original.
_FOLD = str.maketrans("０１２３４５６７８９\u3000", "0123456789 ")

_S = r"[ \t]*"
_YEAR = rf"(?:(?P<{{p}}y>(?:19|20)\d\d){_S}年{_S})"
_MONTH = rf"(?:(?P<{{p}}m>1[0-2]|0?[1-9]){_S}月{_S})"
_DAY = rf"(?P<{{p}}d>3[01]|[12]\d|0?[1-9]){_S}[日号]"


# A range joins two dates with a dash or 至/到; the second may omit year and month.
RANGE_JOINER = r"[ \t]*(?:[—–－\-~～]{1,2}|至|到)[ \t]*"
# 5月6—8日, 5月6至8日: a range's first day right after its month may drop its 日 when the second keeps it.
_BARE_DAY = rf"(?:(?<=月\d)|(?<=月\d\d))(?={RANGE_JOINER}(?:3[01]|[12]\d|0?[1-9]){_S}[日号])"


def _date(prefix: str) -> str:
    pattern = (_YEAR + "?" + _MONTH + "?" + _DAY).format(p=prefix)
    return pattern if prefix != "a" else pattern.removesuffix(rf"{_S}[日号]") + rf"(?:{_S}[日号]|{_BARE_DAY})"


DATE_EXPRESSION = re.compile(
    rf"(?<![\d年月.])(?:{_date('a')})(?:{RANGE_JOINER}(?:{_date('b')}))?"
    r"(?![ \t]*(?:以内|之内|内|以上|左右))"
)
TRIP_DAYS_MAX = 14  # days: a trip's stops dated one by one fall within two weeks of its start
STOP_DATE_FOLLOWS = re.compile(r"[上下中午晚早间夜]{0,2}[，,]")  # 5月7日下午，…: the date leads its sentence
# Days named relative to the issue (昨天 in an issue of 4月10日 is 4月9日). 今天 is left out: it is
# as often "nowadays" as the issue day.
SCENE_SETTER = 20  # characters: a first sentence this short may set the scene before the dated one
RELATIVE_DAYS = {"昨天": 1, "昨日": 1, "昨晚": 1, "前天": 2, "前日": 2}
# 上周五: a weekday of the week before the (weeks start on Monday).
LAST_WEEK = re.compile(r"上(?:周|星期|礼拜)([一二三四五六日天])")
WEEKDAYS = {name: index for index, name in enumerate("一二三四五六日")} | {"天": 6}
# 近期开展的活动: a vague word inside an attributive clause (up to its 的) dates the thing described,
# not the event the article reports.
VAGUE_ATTRIBUTIVE = re.compile(r"[^，,。；;：:、的]{1,6}的")
RELATIVE_EXPRESSION = re.compile(r"(昨天|昨日|昨晚|前天|前日)(?!黄花)")
# A year or month named relative to the issue before a date (今年5月8日, 去年12月3日, 本月8日, 上月28日):
# how many years back, or months back when the date gives no month of its own.
YEARS_BACK = {"今年": 0, "去年": 1, "前年": 2}
MONTHS_BACK = {"本月": 0, "当月": 0, "上月": 1, "上个月": 1}
RELATIVE_PERIOD = re.compile(rf"(?:{'|'.join(YEARS_BACK)})(?=[ \t]*\d{{1,2}}[ \t]*月)"
                             rf"|(?:{'|'.join(MONTHS_BACK)})(?=[ \t]*\d{{1,2}}[ \t]*[日号])")


def _fold(text: str) -> str:
    return text.translate(_FOLD)


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _previous_month(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def _resolve(y: str | None, m: str | None, d: str, issued: dt.date | None,
             anchor: dt.date | None = None) -> dt.date | None:
    """One date; `anchor` is the start of a range whose end this is (it lends year and month)."""
    day = int(d)
    if anchor is not None:
        year = int(y) if y else anchor.year
        month = int(m) if m else anchor.month
        date = _safe(year, month, day)
        if date and not y and date < anchor:  # 12月30日至1月2日 crosses the new year
            date = _safe(year + 1, month, day)
        return date
    if y and m:
        return _safe(int(y), int(m), day)
    if issued is None or (y and not m):
        return None
    if m:
        month = int(m)
        year = issued.year - 1 if month > issued.month else issued.year
        return _safe(year, month, day)
    year, month = issued.year, issued.month
    if day > issued.day:
        year, month = _previous_month(year, month)
    return _safe(year, month, day)


def find_dates(text: str, issued: dt.date | None) -> list[tuple[DateRange, int, int]]:
    """Every day-precise date expression of `text`, with its `[start, end)` offsets.

    >>> issue = dt.date(2024, 4, 10)
    >>> [(str(r.start), str(r.end), s, e) for r, s, e in find_dates("4月8日—9日，市长", issue)]
    [('2024-04-08', '2024-04-09', 0, 7)]
    >>> [str(r.start) for r, _, _ in find_dates("12 月 29日下午", dt.date(2024, 1, 2))]
    ['2023-12-29']
    >>> find_dates("30日内办结", issue)
    []
    >>> [str(r.start) for r, _, _ in find_dates("上周五，市长", issue)]  # the issue is a Wednesday
    ['2024-04-05']
    """
    out: list[tuple[DateRange, int, int]] = []
    relative = list(_after_relative_period(_fold(text), issued)) if issued is not None else []
    for match in DATE_EXPRESSION.finditer(_fold(text)):
        if any(start <= match.start() < end for _, start, end in relative):
            continue  # 今年 5 月 8 日: read with its 今年
        g = match.groupdict()
        if g["ay"] and not g["am"]:
            continue  # 2024年9日 is no date
        start = _resolve(g["ay"], g["am"], g["ad"], issued)
        if start is None:
            continue
        end = start
        if g["bd"]:
            end = _resolve(g["by"], g["bm"], g["bd"], issued, anchor=start) or start
            if end < start:
                end = start
        out.append((DateRange(start, end), match.start(), match.end()))
    if issued is not None:
        out.extend(relative)
        for match in RELATIVE_EXPRESSION.finditer(text):
            day = issued - dt.timedelta(days=RELATIVE_DAYS[match.group(1)])
            out.append((DateRange(day, day), match.start(), match.end()))
        last_monday = issued - dt.timedelta(days=issued.weekday() + 7)
        for match in LAST_WEEK.finditer(text):
            day = last_monday + dt.timedelta(days=WEEKDAYS[match.group(1)])
            out.append((DateRange(day, day), match.start(), match.end()))
        out.sort(key=lambda found: found[1])
    return out


def _after_relative_period(text: str, issued: dt.date) -> Iterator[tuple[DateRange, int, int]]:
    """Dates after 今年, 去年, 本月, 上月 (which `DATE_EXPRESSION` leaves: its year or month is no digit).

    >>> [(str(r.start), str(r.end)) for r, _, _ in _after_relative_period("去年12月3日至5日，上月28日", dt.date(2024, 5, 10))]
    [('2023-12-03', '2023-12-05'), ('2024-04-28', '2024-04-28')]
    """
    for period in RELATIVE_PERIOD.finditer(text):
        rest = text[period.end():]
        match = DATE_EXPRESSION.match(rest, len(rest) - len(rest.lstrip(" \t")))
        if match is None or match.group("ay"):
            continue
        g = match.groupdict()
        if period.group() in YEARS_BACK:
            year, month = issued.year - YEARS_BACK[period.group()], int(g["am"])
        else:
            year, month = issued.year, issued.month
            for _ in range(MONTHS_BACK[period.group()]):
                year, month = _previous_month(year, month)
        start = _safe(year, month, int(g["ad"]))
        if start is None:
            continue
        end = (_resolve(g["by"], g["bm"], g["bd"], issued, anchor=start) or start) if g["bd"] else start
        yield DateRange(start, max(start, end)), period.start(), period.end() + match.end()


def _vague_before(sentence: str, position: int) -> bool:
    """Whether the sentence says 近日/日前 (the paper does not know or say when) before `position`.

    >>> _vague_before("近日，市长到工地调研", 10), _vague_before("结合近期开展的活动，8月21日下午", 10)
    (True, False)
    """
    head = sentence[:position]
    for word in lexicon.words("layout_vague_dates.txt"):
        at = head.find(word)
        while at >= 0:
            if not VAGUE_ATTRIBUTIVE.match(head, at + len(word)):
                return True
            at = head.find(word, at + 1)
    return False


def _lead_sentences(article: Article) -> list[str]:
    """The first sentences of the lead paragraph (two: a short scene-setter may come before the date)."""
    if not article.sentences:
        return [article.body[:200]]
    first = article.sentences[0]
    second = article.sentences[1:2]
    if len(first.text) > SCENE_SETTER or not second or "\n" in article.body[first.end: second[0].start]:
        return [first.text]
    return [first.text, second[0].text]


def _trip_end(article: Article, lead: DateRange, sentence: str) -> DateRange:
    """`lead` stretched to the last stop of a trip dated stop by stop: sentences after the lead that open
    with a later date (5月7日至8日，考察团在…), within TRIP_DAYS_MAX of its start and not after the issue."""
    if not any(word in sentence for word in lexicon.words("date_trip_words.txt")):
        return lead
    end = lead.end
    for later in article.sentences[1:]:
        text = later.text.lstrip()
        if not text[:1].isdigit():
            continue
        found = find_dates(text, article.issued)
        if not found or found[0][1] != 0 or not STOP_DATE_FOLLOWS.match(text, found[0][2]):
            continue
        stop = found[0][0]
        latest = lead.start + dt.timedelta(days=TRIP_DAYS_MAX)
        if end < stop.end <= latest and (article.issued is None or stop.end <= article.issued):
            end = stop.end
    return lead if end == lead.end else DateRange(lead.start, end)


def lead_date(article: Article) -> DateRange | None:
    """The date of the event the article reports: the lead's first date, else the dateline's.

    近日/日前 before any date, or no date at all, give None: the issue date is
    never passed off as the event's.
    """
    for sentence in _lead_sentences(article):
        dates = find_dates(sentence, article.issued)
        if _vague_before(sentence, dates[0][1] if dates else len(sentence)):
            return None
        if dates:
            return _trip_end(article, dates[0][0], sentence)
    if article.dateline:
        in_dateline = find_dates(article.dateline, article.issued)
        if in_dateline:
            return in_dateline[0][0]
    return None
