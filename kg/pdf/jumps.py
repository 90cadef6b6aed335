"""Articles continued on another page of the file: the part ending （转第2版） joined to the part opening （上接第1版）.

A paper jumps a long front-page story: its first part ends with a note
(（转第2版）, （下转第三版）, （转A2版）) and the rest stands on that page under the
same or a shortened headline, opened (or headed) by （上接第1版） / （接第一版）.
Pages are named by their folio (第2版, A2版), else by their place in the file.
A part that jumps to a page is joined to the part on that page that says it
comes from the first part's page, or, where no such note stands, to the part
whose headline is the first part's or a shortening of it. A jump to a page
the file does not hold, or to a page where nothing comes from the first
part's page, leaves the first part standing alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from kg.layout.lines import Line
from kg.layout.parts import ArticleParts
from kg.pdf.page import PageGeometry, TextLine
from kg.pdf.reading import Region

_NUMERAL = r"[0-9]{1,3}|[一二三四五六七八九十]{1,3}"
# （下转第2版）, （转A2版）, （上接第一版）, （接1版）: which way the article goes, and the page
NOTE = re.compile(rf"[（(]\s*[上下]?(?P<way>转|接)\s*第?\s*(?P<letter>[A-Z]?)\s*(?P<number>{_NUMERAL})\s*版\s*[）)]")
FOLIO_PAGE = re.compile(rf"第\s*(?P<letter>[A-Z]?)\s*(?P<number>{_NUMERAL})\s*版|(?P<edition>[A-Z])\s*(?P<page>[0-9]{{1,3}})\s*版")
DIGITS = "一二三四五六七八九"
SAME_HEADLINE = 0.8  # share of a headline's characters found in the first part's: a repeated or shortened one


@dataclass(frozen=True)
class PageLabel:
    """A page as a folio or a jump note names it: 2 of 第2版, ('A', 2) of A2版."""

    number: int
    letter: str = ""

    def named_by(self, other: PageLabel) -> bool:
        """Whether `other` names this page (a note without the edition letter names the page of its number)."""
        return self.number == other.number and (self.letter == other.letter or not self.letter or not other.letter)


def _number(text: str) -> int:
    """2 of "2", "二"; 12 of "十二"; 20 of "二十"."""
    if text.isdigit():
        return int(text)
    tens, _, units = text.rpartition("十")
    if "十" not in text:
        return DIGITS.index(text[-1]) + 1
    return (DIGITS.index(tens) + 1 if tens else 1) * 10 + (DIGITS.index(units) + 1 if units else 0)


Note = tuple[str, "PageLabel"]  # ('to', page) for a 转 note, ('from', page) for a 接 note


def _note(match: re.Match[str]) -> Note:
    return ("to" if match["way"] == "转" else "from"), PageLabel(_number(match["number"]), match["letter"])


def note_in(text: str) -> Note | None:
    """The first jump note in `text`, if any."""
    match = NOTE.search(text)
    return None if match is None else _note(match)


def strip_notes(texts: list[str]) -> tuple[list[str], list[Note]]:
    """A column's lines (top down) without their jump notes, one wrapped over two lines included; the notes."""
    out = list(texts)
    notes: list[Note] = []
    for i in range(len(out)):
        if "版" in out[i]:
            notes.extend(map(_note, NOTE.finditer(out[i])))
            out[i] = NOTE.sub("", out[i])
        if i + 1 < len(out) and ("版" in out[i + 1][:12] or "版" in out[i][-12:]):
            tail, head = out[i][-12:], out[i + 1][:12]
            match = NOTE.search(tail + head)
            if match and match.start() < len(tail) < match.end():  # （转第 | 2版）
                notes.append(_note(match))
                out[i] = out[i][: len(out[i]) - len(tail) + match.start()]
                out[i + 1] = out[i + 1][match.end() - len(tail):]
    return out, notes


def folio_page(lines: tuple[str, ...] | list[str]) -> PageLabel | None:
    """The page a folio names (第2版, A2版), from the masthead and folio lines."""
    for line in lines:
        match = FOLIO_PAGE.search(line)
        if match:
            if match["number"]:
                return PageLabel(_number(match["number"]), match["letter"] or "")
            return PageLabel(int(match["page"]), match["edition"])
    return None


def notes_outside_columns(page: PageGeometry, regions: list[Region], masthead: tuple[str, ...]
                          ) -> dict[tuple[int, str], PageLabel]:
    """(region index, 'to' or 'from') → the page a jump note outside the regions' columns names: a note in a
    headline belongs to its region, one in small type (under a repeated headline, at a column's foot) to
    the region nearest to it."""
    in_columns = {id(line) for region in regions for block in region.columns for line in block.lines}
    owner = {id(line): index for index, region in enumerate(regions) if region.heading for line in region.heading.lines}
    notes: dict[tuple[int, str], PageLabel] = {}
    for line in page.lines:
        note = note_in(line.text) if "版" in line.text and id(line) not in in_columns else None
        if note is None or line.text in masthead:
            continue
        index = owner.get(id(line))
        if index is None and regions:
            index = min(range(len(regions)), key=lambda i: _distance(line, regions[i]))
        if index is not None:
            notes.setdefault((index, note[0]), note[1])
    return notes


def _distance(line: TextLine, region: Region) -> float:
    blocks = ([region.heading] if region.heading else []) + region.columns
    x0, x1 = min(b.x0 for b in blocks), max(b.x1 for b in blocks)
    top, bottom = min(b.top for b in blocks), max(b.bottom for b in blocks)
    return max(x0 - line.x1, line.x0 - x1, 0.0) + max(top - line.bottom, line.top - bottom, 0.0)


@dataclass(frozen=True)
class Piece:
    """An article's part on one page: the lines it was made from (None if read from a text layer), what
    they give, its page, and where its jump notes point."""

    parts: ArticleParts
    page: PageLabel
    lines: tuple[Line, ...] | None = None
    goes_to: PageLabel | None = None
    comes_from: PageLabel | None = None
    folio: bool = False  # the page is named by its folio, not only by its place in the file


def unresolved(pieces: list[Piece]) -> bool:
    """Whether a jump note names a page the file does not hold (it may be another file of the issue)."""
    pages = [piece.page for piece in pieces]
    return any(note is not None and piece.folio and not any(page.named_by(note) for page in pages)
               for piece in pieces for note in (piece.goes_to, piece.comes_from))


def _shares_headline(first: ArticleParts, rest: ArticleParts) -> float:
    """How much of the continuation's headline is the first part's (1.0: repeated or shortened)."""
    if not rest.title or not first.title:
        return 0.0
    own = set(first.title + (first.subtitle or ""))
    return sum(ch in own for ch in rest.title) / len(rest.title)


def _continuation(first: Piece, pieces: list[Piece], taken: set[int]) -> int | None:
    """The index of the part `first` jumps to, if the file holds it."""
    target = first.goes_to
    best: tuple[float, int] | None = None
    for index, piece in enumerate(pieces):
        if index in taken or piece is first or piece.lines is None or target is None or not piece.page.named_by(target):
            continue
        shared = _shares_headline(first.parts, piece.parts)
        noted = piece.comes_from is not None and piece.comes_from.named_by(first.page)
        if not noted and (piece.comes_from is not None or shared < SAME_HEADLINE):
            continue
        rank = (shared + (1.0 if noted else 0.0), -index)
        if best is None or rank > best:
            best = rank
    return None if best is None else -int(best[1])


FinishLines = Callable[[list[Line], str | None, str | None], ArticleParts | None]


def join_jumps(pieces: list[Piece], finish_lines: FinishLines, elsewhere: list[Piece] | None = None
               ) -> list[ArticleParts]:
    """The articles of the file: each jumping part with its continuation joined on (`finish_lines(lines,
    title, subtitle)` makes the joined article from their lines), the others as they are. `elsewhere`: the
    parts of the issue's other files (pages named by their folios): a continuation there is joined on, a
    part here that continues an article there is left to that file."""
    taken: set[int] = set()
    for other in elsewhere or ():
        if other.goes_to is not None and other.lines is not None and not any(
                piece.page.named_by(other.page) for piece in pieces):
            rest = _continuation(other, pieces, taken)
            if rest is not None:
                taken.add(rest)
    pool = [*pieces, *(elsewhere or ())]
    joined: dict[int, ArticleParts] = {}
    for index, piece in enumerate(pieces):
        if piece.goes_to is None or piece.lines is None or index in taken:
            continue
        rest = _continuation(piece, pool, taken | {index})
        if rest is None:
            continue
        tail = pool[rest].lines
        if not tail:
            continue
        # the continued text goes on where it broke off: a new paragraph only where the rest opens indented
        opening = tail[0]._replace(short=tail[0].indented)
        parts = finish_lines([*piece.lines, opening, *tail[1:]], piece.parts.title, piece.parts.subtitle)
        if parts is not None:
            joined[index] = parts
            taken.add(rest)
    return [joined.get(i, p.parts) for i, p in enumerate(pieces) if i not in taken]
