"""Clean article files (headline lines, then paragraphs) and JSON Lines bodies cut into articles."""

from __future__ import annotations

import datetime as dt
import re

from kg import lexicon
from kg.dates import TRIP_DAYS_MAX
from kg.layout.bylines import byline_at_end, credit_line, join_credit_lines, starts_article
from kg.layout.lines import Line, ends_sentence, join_lines, opens_brief, raw_lines
from kg.layout.parts import HEADLINE_MAX, ORDINAL_HEAD, ArticleParts, finish, main_headline

MONTH_DAY = re.compile(r"(\d{1,2})月(\d{1,2})日")
# a lead opening with its date, the year before it or not (2023年10月13日上午，…)
DATE_LEDE = re.compile(r"(?:(?:19|20)\d\d年)?(\d{1,2})月(\d{1,2})日[^，。；“”]{0,10}，")
# A lead whose subject comes before its date (国务院副总理某某4月30日上午参观了…): the date in the
# first clause, its first 30 characters.
SUBJECT_DATE_LEDE = re.compile(r"[^，。；：“”\d]{2,30}?(\d{1,2})月(\d{1,2})日")
TRIP_RANGE = re.compile(r"[至到—–\-~～]{1,2}(?:(\d{1,2})月)?(\d{1,2})日")  # after a lead's first date
OWN_MEETING = re.compile(r"召开|举行|举办")  # an event convened: an item of its own, no stop of a trip


BRACKETED_HEAD = re.compile(r"【[^【】]{2,40}】")  # a digest's headline in brackets on a line of its own
ITEM_ORDINAL = re.compile(r"^(?:\d{1,2}[.．、]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]{1,3}[）)])(?=\d{1,2}月)")

_Group = tuple[list[str], list[Line], tuple[str, ...]]  # (headlines, body lines, reporters)


# --- clean article files and JSON Lines bodies -------------------------------------------------
def _headline_line(line: Line) -> bool:
    text = line.text
    return (len(text) <= HEADLINE_MAX and not ends_sentence(text) and text[-1] not in "，,；;：:、"
            and not starts_article(text) and byline_at_end(text) is None)


def _opens_next(lines: list[Line], i: int, group: _Group | None) -> bool:
    """Whether headline line `i`, with no blank around it, opens the next item after a sentence end: a
    dateline under it, or a lead dated other than the item it follows; a headline in brackets (【…】) or
    after a brief's marker (◆…); the next of a run of numbered headlines (一、… 二、…) when the item it
    follows opened with one."""
    if not (0 < i < len(lines) - 1 and ends_sentence(lines[i - 1].text) and lines[i + 1].text):
        return False
    text, under = lines[i].text, lines[i + 1].text
    if starts_article(under) or opens_brief(text) or BRACKETED_HEAD.fullmatch(text):
        return True
    if group is None or not group[1]:
        return False
    numbered = ORDINAL_HEAD.match(text)
    opened = ORDINAL_HEAD.match(group[0][0]) if group[0] else None
    if numbered and opened:
        return _ordinal_style(numbered.group()) == _ordinal_style(opened.group())
    return not numbered and opens_dated_item(group[1][0].text, group[1][-1].text, under)


def _ordinal_style(ordinal: str) -> str:
    """一、 and 二、 alike, （一） and （二） alike, 1. and 2. alike."""
    return re.sub(r"[一二三四五六七八九十\d]+", "N", ordinal)


def _opens_dated_item(group: _Group, text: str) -> bool:
    headlines, body, _ = group
    return not headlines and bool(body) and opens_dated_item(body[0].text, body[-1].text, text)


def _opens_by_dateline(group: _Group, text: str) -> bool:
    """Whether paragraph `text` opens the next brief of a run: an agency's or a follow-up dateline (本报讯,
    又讯, 新华社…电) after a paragraph that closed a sentence; 本报记者 甲 leads open nothing here."""
    body = group[1]
    return bool(body) and ends_sentence(body[-1].text) and starts_article(text, strong_only=True)


def opens_dated_item(opening: str, before: str, text: str) -> bool:
    """Whether paragraph `text` opens the next of a run of items with no headlines: it leads with a
    date of its own (4月14日至17日上午，…) other than the one its item opened with (`opening`: the
    item's first line), and the line before it (`before`) closed a sentence.

    >>> opens_dated_item("3月21日，甲。", "乙。", "4月14日上午，丙"), opens_dated_item("3月21日，甲。", "乙。", "3月21日上午，丙")
    (True, False)
    >>> opens_dated_item("3月21日，甲召开会议。", "乙。", "会议传达了丙3月19日的讲话")
    False
    """
    if not ends_sentence(before) or text.startswith(lexicon.words("layout_item_back_references.txt")):
        return False  # 会议传达学习了…6月28日…: the item's meeting again, citing an earlier date
    opening, text = ITEM_ORDINAL.sub("", opening, count=1), ITEM_ORDINAL.sub("", text, count=1)  # 2.5月9日，…
    lede = DATE_LEDE.match(text) or SUBJECT_DATE_LEDE.match(text)
    if lede is None:
        return False
    opened = MONTH_DAY.search(opening)
    return opened is not None and opened.groups() != lede.groups() and not _next_stop(opening, opened, lede, text)


def _next_stop(opening: str, opened: re.Match[str], lede: re.Match[str], text: str) -> bool:
    """Whether a dated paragraph is the next stop of the trip its item opened with (5月6日，某某率团赴…考察。
    … 5月7日，代表团来到…): a trip word in the opening, the date a few days later, and no meeting of its
    own convened in its first clauses (5月7日，县委召开常委会议 is the next item)."""
    if not any(word in opening for word in lexicon.words("date_trip_words.txt")) or OWN_MEETING.search(
            text, lede.end(), lede.end() + 20):
        return False
    start, stop = _day_of_year(*opened.groups()), _day_of_year(*lede.groups())
    if start is None or stop is None:
        return False
    ranged = TRIP_RANGE.match(opening, opened.end())  # 5月3日至5日: its stops fall within it
    last = _day_of_year(ranged.group(1) or opened.group(1), ranged.group(2)) if ranged else None
    days = TRIP_DAYS_MAX if last is None else (last - start) % 366
    return 0 < (stop - start) % 366 <= days  # (a trip over the new year wraps round)


def _day_of_year(month: str, day: str) -> int | None:
    try:
        return dt.date(2000, int(month), int(day)).timetuple().tm_yday
    except ValueError:
        return None


def _closed(groups: list[_Group], opened: set[int]) -> bool:
    """Whether a byline closed the last article: one under its headline, before any body (全县部署春耕 / 记者
    甲 乙 报道; `opened` holds the indices of such articles), opens it instead."""
    return bool(groups) and bool(groups[-1][2]) and bool(groups[-1][1]) and len(groups) - 1 not in opened


def article_file_articles(text: str) -> list[ArticleParts]:
    """Clean article files: headline (and subtitle) lines, then body paragraphs; articles one after another.

    A headline line after a blank line (or a byline) opens a new article,
    unless it reads as a numbered subheading of the article it is in.
    """
    lines = join_credit_lines(raw_lines(text))
    groups: list[_Group] = []  # (headlines, body lines, reporters)
    opened: set[int] = set()  # the groups whose byline stands over their body, which it closes not
    after_break = True
    for i, line in enumerate(lines):
        if not line.text:
            after_break = True
            continue
        heading = _headline_line(line)
        continues_heading = bool(groups) and not groups[-1][1] and heading and len(groups[-1][0]) < 3
        if continues_heading:
            groups[-1][0].append(line.text)
        elif heading and (after_break or not groups or _opens_next(lines, i, groups[-1] if groups else None)) and not (
                groups and groups[-1][1] and not groups[-1][2] and ORDINAL_HEAD.match(line.text)
                and not _opens_next(lines, i, groups[-1])):
            groups.append(([line.text], [], ()))
        else:
            byline = byline_at_end(line.text)
            # a marked byline line (■甲 乙) closes its brief, opening none
            brief = opens_brief(line.text) and groups and groups[-1][1] and not (byline and byline[0] == 0)
            if not groups or _closed(groups, opened) or brief or _opens_dated_item(
                    groups[-1], line.text) or _opens_by_dateline(groups[-1], line.text):
                groups.append(([], [], ()))
            following = lines[i + 1].text if i + 1 < len(lines) else ""
            if byline and (not following or _headline_line(lines[i + 1]) or starts_article(following)):
                kept = line.text[: byline[0]].rstrip()
                if kept:
                    groups[-1][1].append(Line(kept, line.start, line.indented, line.blank_before))
                if groups[-1][1]:  # a byline after the text closes it (keeping one over it: 本报记者 甲 … （通讯员 乙）)
                    opened.discard(len(groups) - 1)
                else:
                    opened.add(len(groups) - 1)
                groups[-1] = (groups[-1][0], groups[-1][1], tuple(dict.fromkeys(groups[-1][2] + byline[1])))
            else:
                groups[-1][1].append(line)
        after_break = _closed(groups, opened)
    out = []
    for headlines, body_lines, reporters in groups:
        if not body_lines:
            continue
        joined, anchors = join_lines(body_lines, width=10**9, blank_breaks=True)  # every sentence end at a line end is a paragraph
        title, subtitle = main_headline(headlines, joined)
        part = finish(joined, anchors, title=title, subtitle=subtitle, reporters=reporters)
        if part is not None:
            out.append(part)
    return out


def body_article(text: str) -> ArticleParts | None:
    """One article's body as a clean text (a JSON record's): paragraphs, a dateline, a closing byline."""
    lines = [line for line in join_credit_lines(raw_lines(text)) if line.text]
    reporters: tuple[str, ...] = ()
    byline = byline_at_end(lines[-1].text) if lines else None
    if byline:
        last = lines.pop()
        kept = last.text[: byline[0]].rstrip()
        if kept:
            lines.append(Line(kept, last.start, last.indented, last.blank_before))
        reporters = byline[1]
    if len(lines) > 1 and _leading_byline(lines[0].text):  # （记者 甲） or 文/甲 图/乙 over the first paragraph
        found = byline_at_end(lines.pop(0).text)
        reporters = tuple(dict.fromkeys((found[1] if found else ()) + reporters))
    if not lines:
        return None
    joined, anchors = join_lines(lines, width=10**9, blank_breaks=True)
    return finish(joined, anchors, reporters=reporters)


def _leading_byline(text: str) -> bool:
    """Whether a body's first line is a byline of its own: in brackets, or opening with a role (文/甲)."""
    found = byline_at_end(text)
    return found is not None and found[0] == 0 and (text[0] in "（(【" or credit_line(text))
