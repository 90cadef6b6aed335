"""Reading a newspaper page from its geometry: furniture off, headlines tied to their columns, reading order.

Sizes are measured against the body size (the size most characters are set
in). Smaller type is furniture (folio, page number, captions, credits); text
inside a frame labelled 广告 is an advertisement; lines above the folio at the
top of the page are the masthead. Larger type, or body-size type in another
face standing alone, is a headline: lines close above each other make one
headline block, its largest lines the title, the others kicker and subtitle.
Body lines stacked at one left edge make a column block. A column block
belongs to the headline directly above it; one under no headline belongs to
the nearest headline of the row above it (headlines are centred over their
columns, often narrower than them); one under no headline row continues the
article of the block above or to its left, unless it opens with a dateline.
An article reads its columns left to right, each top to bottom; articles read
in the order of their headlines, top to bottom, left to right.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from kg import lexicon
from kg.chars import CJK, TERMINATORS
from kg.layout.lines import ends_sentence
from kg.pdf.page import Box, PageGeometry, TextLine

T = TypeVar("T")
SMALL = 0.9  # below this share of the body size: furniture
LARGE = 1.15  # above it: a headline
HEADER_SHARE = 0.2  # the masthead and folio sit in the page's top fifth
AD_LABEL = "广告"
NOT_HEADLINE_END = TERMINATORS + "；;，,：:）)"


@dataclass
class Block:
    """Lines stacked at one left edge (a column block) or over each other (a headline block)."""

    lines: list[TextLine]
    heading: bool
    x0: float = float("inf")
    x1: float = float("-inf")

    def add(self, line: TextLine) -> None:
        self.lines.append(line)
        self.x0, self.x1 = min(self.x0, line.x0), max(self.x1, line.x1)

    @property
    def top(self) -> float:
        return self.lines[0].top

    @property
    def bottom(self) -> float:
        return self.lines[-1].bottom

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class Region:
    """One article's share of the page: its headline block (if any) and column blocks."""

    heading: Block | None
    columns: list[Block] = field(default_factory=list)

    @property
    def anchor(self) -> tuple[float, float]:
        first = self.heading or self.columns[0]
        return first.top, first.x0


@dataclass(frozen=True)
class PageReading:
    regions: list[Region]
    body_size: float
    masthead: tuple[str, ...]  # masthead and folio lines: the paper's name, the issue date


def body_size(lines: tuple[TextLine, ...]) -> float:
    sizes = Counter[float]()
    for line in lines:
        sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _inside(line: TextLine, box: Box) -> bool:
    return box.x0 - 1 <= line.x0 and line.x1 <= box.x1 + 1 and box.top - 1 <= line.top and line.bottom <= box.bottom + 1


def _advertisements(page: PageGeometry) -> list[Box]:
    frames = [box for box in page.boxes if box.x1 - box.x0 > 40 and box.bottom - box.top > 20]
    labels = [line for line in page.lines if line.text.strip() == AD_LABEL]
    return [frame for frame in frames if any(_inside(label, frame) for label in labels)]


def _header_bottom(page: PageGeometry, body: float) -> float:
    """Where the masthead and folio end: the topmost small line in the page's top fifth and the small lines
    right under it (0 if none)."""
    band = page.height * HEADER_SHARE
    small = sorted((line for line in page.lines if line.bottom < band and line.size < SMALL * body),
                   key=lambda line: line.top)
    if not small:
        return 0.0
    bottom = small[0].bottom
    for line in small[1:]:
        if line.top - bottom > 1.5 * line.size:
            break
        bottom = max(bottom, line.bottom)
    return bottom


def _main_face(lines: list[TextLine]) -> str:
    faces = Counter[str]()
    for line in lines:
        faces[line.font] += len(line.text)
    return faces.most_common(1)[0][0] if faces else ""


def _stack(lines: list[TextLine], heading: bool, body: float) -> list[Block]:
    """Lines (sorted top-down) grouped into blocks of lines stacked close at one left edge (or overlapping)."""
    blocks: list[Block] = []
    open_blocks: list[Block] = []  # blocks whose last line is close enough above to take more
    reach = 0.8 if heading else 1.0  # the widest gap under a block's last line, in sizes
    for line in lines:
        size = line.size
        home = None
        for block in reversed(open_blocks):  # the nearest first
            last = block.lines[-1]
            gap = line.top - last.bottom
            if not -0.3 * size < gap < reach * max(size, body):
                continue
            if (min(line.x1, block.x1) - max(line.x0, block.x0) > 0) if heading else (
                    abs(line.x0 - block.x0) <= 2.5 * size and abs(last.size - size) < 0.05 * size):
                home = block
                break
        if home is None:
            if len(open_blocks) > 16:  # blocks far above take no more lines
                open_blocks = [b for b in open_blocks if line.top - b.bottom < 3 * body]
            home = Block([], heading)
            blocks.append(home)
            open_blocks.append(home)
        home.add(line)
    return blocks


def _overlap(a: Block, b: Block) -> float:
    return min(a.x1, b.x1) - max(a.x0, b.x0)


def _in_rows(blocks: list[T], top: Callable[[T], float], left: Callable[[T], float], tolerance: float) -> list[T]:
    """Blocks ordered by rows (tops within `tolerance` of the row's first), then left to right."""
    rows: list[list[T]] = []
    for block in sorted(blocks, key=top):
        if rows and top(block) - top(rows[-1][0]) <= tolerance:
            rows[-1].append(block)
        else:
            rows.append([block])
    return [block for row in rows for block in sorted(row, key=left)]


def _captioned(captions: list[TextLine], above: Block, column: Block) -> bool:
    """Whether a caption (a photo's) stands between a block and the column block under it."""
    return any(above.bottom - 1 <= line.top and line.bottom <= column.top + 1
               and min(line.x1, column.x1) - max(line.x0, column.x0) > 0 for line in captions)


def _flows_from(column: Block, columns: list[Block], headings: list[Block], body: float) -> list[Block]:
    """The column on this one's left, if it starts level with it: the blocks stacked there with no headline
    between, top down. The last one's text goes on at the top of this column (columns are filled one after
    the other, top to bottom)."""
    level = [c for c in columns if c is not column and abs(c.top - column.top) < body and c.x1 <= column.x0]
    if not level:
        return []
    chain = [max(level, key=lambda c: c.x1)]
    strip = [c for c in columns if abs(c.x0 - chain[0].x0) < 2.5 * body and c.x1 <= column.x0]  # indents allowed
    while True:
        last = chain[-1]
        # a blank line at most: a wider gap (a rule, the next story's reporters' line) ends the column's text
        below = [c for c in strip if last.bottom < c.top < last.bottom + 2.25 * body]
        following = min(below, key=lambda c: c.top, default=None)
        if following is None or any(last.bottom <= h.top < following.top and _overlap(h, following) > 0
                                    for h in headings) or any(  # this column breaks there too: a new row
                c is not column and abs(c.x0 - column.x0) < 2.5 * body and abs(c.top - following.top) < body
                for c in columns) and not _cannot_go_on(last, column):
            return chain
        chain.append(following)


def _cannot_go_on(block: Block, column: Block) -> bool:
    """Whether `column` cannot be where `block`'s text goes on: the block's last line ends a paragraph (a
    sentence's end, short of its column's edge) and the column's first line is set flush, in mid-paragraph.
    Its text comes from further down on the left (columns filled one after the other: two stories without
    headline happen to break at one height)."""
    last, first = block.lines[-1], column.lines[0]
    return block.x1 - last.x1 > 0.9 * last.size and _ends(last.text) and first.x0 - column.x0 <= 0.9 * first.size


def _ends(text: str) -> bool:
    """Whether a line ends a sentence (a closing quote after the mark too: …红火。”) or a bracket (a byline)."""
    return ends_sentence(text) or text.rstrip()[-1:] in "）)"


def _module_heading(block: Block, headings: list[Block], body: float) -> Block | None:
    """The headline of the row right above a block that it stands under: the one over it, else the nearest on
    its left (a headline starts at its columns' left edge or is centred over them), else on its right."""
    row = [h for h in headings if block.top - 6 * body < h.bottom <= block.top + 2]
    over = [h for h in row if _overlap(h, block) > 0]
    left = [h for h in row if h.x1 <= block.x0]
    right = [h for h in row if h.x0 >= block.x1]
    return (max(over, key=lambda h: h.bottom) if over else max(left, key=lambda h: h.x1) if left
            else min(right, key=lambda h: h.x0) if right else None)


def _owner(column: Block, headings: list[Block], columns: list[Block], owner: dict[int, Region],
           regions: dict[int, Region], body: float, opens: Callable[[Block], bool],
           resolve: Callable[[Block], Region], captions: list[TextLine]) -> Region | None:
    """The region a column block belongs to, or None if it opens one of its own; `resolve(block)`: the region
    of another block (decided first if it is not yet)."""
    above = [b for b in headings + columns if b is not column and b.bottom <= column.top + 2 and _overlap(b, column) > 0]
    nearest = max(above, key=lambda b: b.bottom, default=None)
    gap = column.top - nearest.bottom if nearest is not None else float("inf")
    flow = _flows_from(column, columns, headings, body)
    if nearest is not None and nearest.heading and (gap < 4 * body or _captioned(captions, nearest, column)):
        if flow and nearest.x0 < column.x0 - body and _module_heading(flow[0], headings, body) is nearest:
            return resolve(flow[-1])  # not the first column under its headline: the text on from the left
        return regions[id(nearest)]  # right under its headline, or under the photo under it
    if (nearest is not None and id(nearest) in owner and len(nearest.lines) <= 2 and gap < 2 * body
            and nearest.lines[-1].text.rstrip()[-1:] not in TERMINATORS):
        return owner[id(nearest)]  # under a line standing alone in its article (the reporters')
    row = [h for h in headings if column.top - 6 * body < h.bottom <= column.top + 2
           and not any(c is not column and h.bottom <= c.top < column.top - 2 and _overlap(c, column) > 0
                       for c in columns)]
    # Under a row of headlines but under none of them (a headline is often narrower than its columns): the
    # article on the left goes on, unless a dateline opens one here: then it is the headline's on the right.
    left_heads = [h for h in row if h.x1 <= column.x0 + 2]
    right_heads = [h for h in row if h.x0 >= column.x1 - 2]
    if opens(column):
        return regions[id(min(right_heads, key=lambda h: h.x0))] if right_heads else None
    if flow:  # the next column of the article on its left: on from its last block
        return resolve(flow[-1])
    if left_heads:
        return regions[id(max(left_heads, key=lambda h: h.x1))]
    if right_heads:
        return regions[id(min(right_heads, key=lambda h: h.x0))]
    if nearest is not None and not nearest.heading and id(nearest) in owner:
        region = owner[id(nearest)]
        first = column.lines[0]
        opening = first.x0 - min(column.x0, nearest.x0) > 0.9 * first.size  # a paragraph opens here
        if opening and gap > body and _ends(nearest.lines[-1].text):
            return None  # a blank line after a sentence's end, then a paragraph: another story
        went_on = any(owner.get(id(c)) is region and c.x0 >= nearest.x1 - 2 and abs(c.top - nearest.top) < body
                      for c in columns)
        if went_on and opening:
            return None  # the article above went on in the next column: a paragraph opening under it is another's
        return region  # the same column, on after a gap
    return None


def _regions(headings: list[Block], columns: list[Block], body: float, opens: Callable[[Block], bool],
             captions: list[TextLine]) -> list[Region]:
    regions = {id(h): Region(h) for h in headings}
    owner: dict[int, Region] = {}

    def resolve(column: Block) -> Region:
        if id(column) in owner:
            return owner[id(column)]
        region = _owner(column, headings, columns, owner, regions, body, opens, resolve, captions)
        if region is None:
            region = regions[id(column)] = Region(None)
        region.columns.append(column)
        owner[id(column)] = region
        return region

    for column in _in_rows(columns, lambda b: b.top, lambda b: b.x0, body):
        resolve(column)
    out = [r for r in regions.values() if r.columns]
    for region in out:
        region.columns = _reading_order(region.columns)
    return _in_rows(out, lambda r: r.anchor[0], lambda r: r.anchor[1], body)


def _reading_order(blocks: list[Block]) -> list[Block]:
    """An article's blocks: those standing above all the others first (a reporters' line across the
    columns), then the columns left to right, each top to bottom."""
    rest = sorted(blocks, key=lambda b: b.top)
    spanning = []
    while (len(rest) > 1 and rest[0].bottom <= min(b.top for b in rest[1:]) + 2
           and rest[0].x0 <= min(b.x0 for b in rest[1:]) + rest[0].lines[0].size):
        spanning.append(rest.pop(0))
    return spanning + sorted(rest, key=lambda b: (b.x0, b.top))


def read_page(page: PageGeometry, opens: Callable[[Block], bool]) -> PageReading:
    """The regions of a page in reading order; `opens(block)`: whether a column block opens with a dateline."""
    body = body_size(page.lines)
    header = _header_bottom(page, body)
    adverts = _advertisements(page)
    masthead = tuple(line.text for line in sorted(page.lines, key=lambda ln: (ln.top, ln.x0))
                     if line.bottom <= header + 1)
    below = [line for line in page.lines if line.bottom > header + 1
             and not (adverts and any(_inside(line, frame) for frame in adverts))]
    content = [line for line in below if line.size >= SMALL * body]
    captions = [line for line in below if line.size < SMALL * body]
    content.sort(key=lambda ln: (ln.top, ln.x0))
    body_face = _main_face([line for line in content if abs(line.size - body) < 0.05 * body])
    large = [line for line in content if line.size > LARGE * body]
    regular = [line for line in content if line.size <= LARGE * body]
    headings = _stack(large, True, body)
    columns = []
    for block in _stack(regular, False, body):
        # a short block in another face standing alone, not a dateline or byline: a small headline or subtitle
        if (body_face and len(block.lines) <= 2 and all(line.font != body_face for line in block.lines)
                and not opens(block) and block.lines[-1].text.rstrip()[-1] not in NOT_HEADLINE_END):
            block.heading = True
            headings.append(block)
        else:
            columns.append(block)
    return PageReading(_regions(_merge_headings(headings), columns, body, opens, captions), body, masthead)


def _merge_headings(headings: list[Block]) -> list[Block]:
    """Headline blocks right over each other (kicker, title, subtitle in their sizes and faces) made one."""
    merged: list[Block] = []
    for block in sorted(headings, key=lambda b: b.top):
        above = next((m for m in reversed(merged) if _overlap(m, block) > 0
                      and -2 < block.top - m.bottom < 1.2 * max(line.size for line in block.lines)), None)
        if above is None:
            merged.append(block)
        else:
            for line in block.lines:
                above.add(line)
    return merged


def masthead_source(lines: tuple[str, ...]) -> str | None:
    """The paper's name from masthead lines: a short line ending like a paper's name (无锡日报)."""
    endings = tuple(w for w in lexicon.words("publication_suffixes.txt") if len(w) > 1)
    for text in lines:
        for word in re.split(r"\s+", text.strip()):
            if 2 < len(word) <= 10 and word.endswith(endings) and re.fullmatch(f"[{CJK}]+", word):
                return word
    return None
