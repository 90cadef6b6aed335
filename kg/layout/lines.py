"""A text's lines: page furniture dropped, layout spaces removed, wrapped lines reflowed into paragraphs."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from typing import NamedTuple

from kg import lexicon
from kg.chars import CJK, CLOSERS, TERMINATORS
from kg.layout.credits import meta_credit, meta_initials, normalise_credit, paper_endings

SENTENCE_TAIL = frozenset(TERMINATORS + CLOSERS)

CJK_PUNCT = r"\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2014-\u2027"

# Spaces the text layer puts beside CJK characters ("12 月 28日", "75 周年", "5G 网络"); Latin words keep theirs.
SPACE_BETWEEN = re.compile(
    rf"(?<=[{CJK}{CJK_PUNCT}])[ \t\u3000\xa0]+(?=[^\s])|(?<=[^\s])[ \t\u3000\xa0]+(?=[{CJK}{CJK_PUNCT}])")

BLANKS = re.compile(r"[ \t\u3000\xa0]+")

# Page furniture: the date line with its weekday, a page number (第3版, A2版).
PAGE_FURNITURE = re.compile(
    r"(?:\d{4}[ \t]*年[ \t]*\d{1,2}[ \t]*月[ \t]*\d{1,2}[ \t]*日[ \t]*)?(?:星期|周)[一二三四五六日天].{0,20}"
    r"|第?[ \t]*[A-Z]?\d{1,3}[ \t]*版.{0,12}")

PAPER_NAME_MAX = 8
META_LINE_MAX = 120  # characters of a site's line of label：value pairs (发布时间：… 来源：… 作者：…)
CREDIT_LINE_MAX = 24  # characters of a credit line (县委宣传部 县融媒体中心 供稿)
NOT_A_CREDIT = re.compile(r"[，,。；;：:！？、]")  # a sentence that ends in 供稿 is no credit line

# Names after a credit's role word:
# 甲, 甲 乙, 甲、乙 (a name with · for minorities and foreigners, 孙 雨: a two-character name spaced to three).
_CREDIT_NAME = rf"(?:[{CJK}][ \t\u3000]{{1,3}}[{CJK}](?![{CJK}])|[{CJK}]{{2,4}}|[{CJK}]{{1,6}}·[{CJK}]{{1,8}})"
CREDIT_NAMES = rf"{_CREDIT_NAME}(?:[ \t\u3000、，,]+{_CREDIT_NAME})*"

BRIEF_MARKERS = "◆◇■□●○▲△★☆▶►"  # a column of briefs opens each one with a marker (◆9月23日，…)


def opens_brief(line: str) -> bool:
    """Whether a line opens one brief of a column of briefs: it starts with a marker.

    >>> opens_brief("◆9月23日，我县召开调度会。"), opens_brief("会议强调，要抓好落实。")
    (True, False)
    """
    return line.lstrip()[:1] in BRIEF_MARKERS if line.strip() else False


def ends_sentence(text: str) -> bool:
    """Whether `text` ends a sentence (closing quotes and brackets after the mark allowed).

    >>> ends_sentence("落地见效。”"), ends_sentence("抓住一切有利时")
    (True, False)
    """
    stripped = text.rstrip().rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in TERMINATORS


def column_width(lengths: list[int]) -> int:
    """The width a page's columns wrap at: the commonest line length (the wider on a tie).

    >>> column_width([14, 15, 15, 3, 14, 16])
    15
    """
    counts = Counter(n for n in lengths if n > 3)
    if not counts:
        return max(lengths, default=0)
    top = max(counts.values())
    return max(n for n, c in counts.items() if c == top)


def remove_layout_spaces(text: str) -> str:
    """Drop blanks the text layer puts beside CJK characters; keep them between Latin words.

    >>> remove_layout_spaces("12 月 28日，成立 75 周年 Apple Watch 发布")
    '12月28日，成立75周年Apple Watch发布'
    """
    if BLANKS.search(text) is None:  # most bodies hold no blank: skip the lookbehinds at every character
        return text
    return SPACE_BETWEEN.sub("", text)


class Line(NamedTuple):
    text: str  # without surrounding blanks
    start: int  # offset of text[0] in the document
    indented: bool = False
    blank_before: bool = False
    spaced: bool = False  # blanks end the source line: a space of the text that the wrap kept
    # the line before stops short of its column's right edge, where a page's geometry tells (PDF); None: judged
    # by its length against the column width, as a text layer gives no positions
    short: bool | None = None


def join_lines(lines: list[Line], width: int, *, blank_breaks: bool = False) -> tuple[str, list[tuple[int, int]]]:
    """Reflow: lines joined into paragraphs ("\\n" between), with `(position, source offset)` of each line.

    A break is a paragraph break when the line before ends a sentence and is
    shorter than the column `width` or is followed by a blank or an indented
    line, or when a line well short of the width (a subheading) is followed by
    a blank or an indented line; otherwise it is a wrap and is joined — with one space where the
    text had blanks at the wrap (记者 张三 / 李四), so names stay apart.
    `blank_breaks`: every blank line is a paragraph break (clean files have no
    column breaks). A line whose `short` is set (a PDF page's, from where the
    line before ends in its column) is judged by it instead of by lengths.

    >>> join_lines([Line("甲乙丙丁戊", 0), Line("己。", 6), Line("庚辛", 9, blank_before=True)], 5)[0]
    '甲乙丙丁戊己。\\n庚辛'
    """
    parts: list[str] = []
    anchors: list[tuple[int, int]] = []
    position = 0
    for i, line in enumerate(lines):
        if i:
            before = lines[i - 1].text
            short = len(before) < width if line.short is None else line.short
            well_short = len(before) <= width * 2 // 3 if line.short is None else line.short
            if (blank_breaks and line.blank_before
                    or before[-1] in SENTENCE_TAIL and ends_sentence(before) and (line.blank_before or line.indented or short)
                    or (line.blank_before or line.indented) and well_short):
                parts.append("\n")
                position += 1
            elif (line.indented or lines[i - 1].spaced) and not line.blank_before:
                parts.append(" ")
                position += 1
        anchors.append((position, line.start))
        parts.append(line.text)
        position += len(line.text)
    return "".join(parts), anchors


def _is_noise(line: str, page_head: bool) -> bool:
    if line.startswith(lexicon.words("layout_noise.txt")):
        return True
    if page_head and len(line) <= PAPER_NAME_MAX and line.endswith(paper_endings()):
        return True  # the paper's name above the page's first text
    return len(line) <= 40 and ("版" in line or "星期" in line or "周" in line) and bool(PAGE_FURNITURE.fullmatch(line))


def raw_lines(text: str) -> list[Line]:
    """Every line of the text; blank (and page-furniture) lines have empty text."""
    out: list[Line] = []
    append = out.append
    offset = 0
    blank_before = True
    page_head = True
    previous = ""
    for raw in text.splitlines(keepends=True):
        stripped = raw.strip()
        if stripped and (stripped[0] in _noise_initials() or len(stripped) <= PAPER_NAME_MAX) and _is_noise(
                stripped, page_head):
            stripped = ""
        elif stripped and stripped[-1] in _credit_finals() and (blank_before or ends_sentence(previous)) and \
                _is_credit(stripped):
            stripped = ""  # 区政府办 供稿: a unit credited on a paragraph of its own, no reporter named
        elif stripped and stripped[-1] in "）)" or stripped[:1] in _non_writer_initials():
            stripped = _without_non_writer_credit(stripped)
        if stripped[:1] in meta_initials() and ("：" in stripped or ":" in stripped) and len(stripped) <= META_LINE_MAX:
            credit = meta_credit(stripped)  # 发布时间：… 来源：… 作者：甲: a site's line, of which only 作者：甲 counts
            stripped = stripped if credit is None else credit
        previous = stripped
        page_head = page_head and not stripped
        lead = raw.find(stripped[:1]) if stripped else 0
        append(Line(stripped, offset + lead, lead > 0, blank_before,
                    bool(stripped) and raw.rstrip("\r\n")[-1:] in " \t\u3000"))
        blank_before = not stripped
        offset += len(raw)
    return out


@cache
def _non_writer_credit() -> re.Pattern[str]:
    """A credit naming only people who did not write the text — 责任编辑：甲, 编辑 甲 校对 乙, （编辑：甲）:
    no reporter and no person of the article, so neither byline nor body."""
    roles = "|".join(re.escape(w) for w in lexicon.longest_first("byline_non_writer_roles.txt"))
    credit = rf"(?:{roles})(?:[ \t\u3000]*[：:][ \t\u3000]*|[ \t\u3000]+){CREDIT_NAMES}"
    return re.compile(rf"[（(]?{credit}(?:[ \t\u3000；;，,]+{credit})*[）)]?")


@cache
def _non_writer_initials() -> frozenset[str]:
    return frozenset(word[0] for word in lexicon.words("byline_non_writer_roles.txt"))


def _without_non_writer_credit(line: str) -> str:
    """`line` without a non-writers' credit that is all of it or its closing bracket (会议召开。（编辑 甲））.

    >>> _without_non_writer_credit("责任编辑：孙雨"), _without_non_writer_credit("会议召开。（编辑 孙雨 校对 李红）")
    ('', '会议召开。')
    >>> _without_non_writer_credit("统筹推进经济社会发展")
    '统筹推进经济社会发展'
    """
    credit = _non_writer_credit()
    if credit.fullmatch(normalise_credit(line)):  # 编 辑 | 甲 as 编辑：甲
        return ""
    bracket = max(line.rfind("（"), line.rfind("("))
    if bracket > 0 and line[-1] in "）)" and credit.fullmatch(line, bracket):
        return line[:bracket].rstrip(" \t\u3000")
    return line


def _is_credit(line: str) -> bool:
    return len(line) <= CREDIT_LINE_MAX and line.endswith(_credit_endings()) and not NOT_A_CREDIT.search(line)


@cache
def _credit_endings() -> tuple[str, ...]:
    return lexicon.words("layout_credit_endings.txt")


@cache
def _credit_finals() -> frozenset[str]:
    return frozenset(word[-1] for word in _credit_endings())


@cache
def _noise_initials() -> frozenset[str]:
    return frozenset(word[0] for word in lexicon.words("layout_noise.txt")) | set("0123456789第星周ABCDEFGH")


def source_offset(anchors: list[tuple[int, int]], position: int) -> int:
    """Offset in the document of reflowed `position` (anchors: each line's start, in order)."""
    lo, hi = 0, len(anchors) - 1
    while lo < hi:  # the last anchor at or before `position`
        mid = (lo + hi + 1) // 2
        if anchors[mid][0] <= position:
            lo = mid
        else:
            hi = mid - 1
    at, source = anchors[lo]
    return source + position - at
