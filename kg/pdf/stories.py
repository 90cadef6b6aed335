"""One region of a page (a headline's columns, or columns under none) cut into its stories.

A region holds more than one story where a paper runs short stories on in a
column: briefs each opening with a marker (■ ◆), datelines, a closing byline
or end mark followed by an indented paragraph, and — in a region with no
headline of its own (none, or a section head such as 简讯) — a paragraph
leading with a date other than its item's after a sentence end, or opening
after a blank line that a sentence end stands over. The signs are
the text reader's (`kg.layout`); this module only applies them to a PDF
region's lines.
"""

from __future__ import annotations

import re

from kg import lexicon
from kg.layout.bylines import byline_at_end, end_mark, split_dateline, starts_article
from kg.layout.clean import opens_dated_item
from kg.layout.lines import CREDIT_LINE_MAX, Line, ends_sentence, opens_brief
from kg.pdf.reading import Block

SECTION_HEADS = "layout_section_heads.txt"
LEAD = 48  # the characters of a paragraph's start that tell its date (the text reader sees whole paragraphs)
CREDIT_LABEL = re.compile(r"([^：:\s]{1,6})\s*[：:]")  # 图片：…, 文字：… opening a credit line


def is_section_head(title: str | None) -> bool:
    """Whether a headline is a column's label over headline-less stories (简讯), not a story's title."""
    return title is not None and title.strip() in lexicon.word_set(SECTION_HEADS)


def only_dateline(text: str) -> bool:
    dateline = split_dateline(text)
    return dateline is not None and not text[dateline.end:].strip(" \t\u3000：:")


def _closed(part: list[Line]) -> bool:
    """Whether a byline or an end mark closes the story so far: a byline in brackets after a sentence end, or
    names on a line of their own after a sentence end or another credit (not a reporters' line over the text)."""
    text = part[-1].text.rstrip()
    if end_mark(text):
        return True
    found = byline_at_end(text)
    return found is not None and (found[0] > 0 or len(part) > 1 and (
        ends_sentence(part[-2].text) or _credit(part[-2].text.strip())))


def _credit(text: str) -> bool:
    """Whether a line is a credit of its own (摄影：李四, 图片：王五, （张三）): the byline's company, not a story."""
    if len(text) > CREDIT_LINE_MAX:
        return False
    found = byline_at_end(text)
    label = CREDIT_LABEL.match(text)
    return found is not None and found[0] == 0 or label is not None and label.group(1) in (
        lexicon.word_set("byline_roles.txt") | lexicon.word_set("byline_non_writer_roles.txt"))


def _over_text(part: list[Line]) -> bool:
    """Whether the story so far is only lines standing over a text, not one: datelines, or one short line that
    ends no sentence (a reporters' or a desk's line under the headline, ■县融媒体中心记者组)."""
    return all(only_dateline(done.text) for done in part) or len(part) == 1 and _desk_line(part[0].text)


def _desk_line(text: str) -> bool:
    text = text.strip()
    return len(text) <= CREDIT_LINE_MAX and not ends_sentence(text) and text[-1:] not in "）)"


def without_desk_line(part: list[Line]) -> list[Line]:
    """A headlined story's lines without a desk's line standing between its headline and its dateline
    (■县融媒体中心记者组 / 本报讯 …): no body text, and the dateline then comes off the start as on a text page."""
    text = part[0].text.strip()
    # reporters' names are kept; so is a dateline wrapped at the column's edge (某报8月19日讯（记者 / 甲 乙）…)
    kept = (byline_at_end(text) is not None or starts_article(text)
            or text.count("（") + text.count("(") != text.count("）") + text.count(")"))
    if len(part) > 1 and _desk_line(text) and not kept and starts_article(
            part[1].text.lstrip()):
        return part[1:]
    return part


def _paragraph_leads(lines: list[Line]) -> list[str]:
    """For each line, the text from it on to where its paragraph ends or LEAD characters are read: a column
    line is narrow, and a lead's date (某某4月30日上午, 本报讯（记者 甲 乙）3月14日) may stand on the next."""
    leads = []
    for n, line in enumerate(lines):
        text = line.text.strip()
        for following in lines[n + 1:]:
            if len(text) >= LEAD or following.indented or following.short and ends_sentence(text):
                break
            text += following.text.strip()
        leads.append(text[:LEAD])
    return leads


def split_stories(lines: list[Line], bare: bool) -> list[list[Line]]:
    """The region's lines cut before each line that opens another story; `bare`: the region has no
    headline of its own (none, or a section head), so items may open with their dates alone."""
    out: list[list[Line]] = [[]]
    leads = _paragraph_leads(lines)
    opened = 0  # the index of the line the current story opened with
    for n, line in enumerate(lines):
        part = out[-1]
        before = part[-1].text.rstrip() if part else ""
        opening = line.text.lstrip()
        finished = bool(before) and (before[-1] in "）)" or ends_sentence(before))
        if before and (
                opens_brief(opening) and finished  # a column of briefs: each opens with a marker
                or starts_article(opening) and not _over_text(part) and (
                    finished or starts_article(opening, strong_only=True))
                or line.indented and _closed(part) and not _credit(opening)  # a byline closed the story above
                or bare and line.indented and (line.blank_before and finished  # a blank, then a paragraph
                                               or opens_dated_item(leads[opened], before, leads[n]))):
            out.append([])
            opened = n
        out[-1].append(line)
    return [part for part in out if part]


def blank_at_foot(above: Block, column: Block) -> bool:
    """Whether the text before `column` (the foot of the column on its left) ended a sentence a line or more
    above where `column` ends: a layout fills one column before the next, so a column left short held a
    blank line at its foot (stories without headline one under the other; no blank heads a column)."""
    return (column.x0 >= above.x1 - 2 and column.bottom - above.bottom > above.lines[-1].size
            and ends_sentence(above.lines[-1].text))
