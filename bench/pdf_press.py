"""Newspaper pages set on a column grid, as a paper's layout tool sets them: the proxy for issue 19's hidden set.

    python -m bench.pdf_press OUT.pdf GOLD [--layout NAME]

A page is a grid of 3–6 columns under a masthead and folio. The first story
with a headline is the lead, across the top (a photo box with its caption in
its first columns in some layouts); the others stand in rows of modules, each
spanning 1–4 columns with its headline over them all (a kicker above it, a
subtitle below, in their own sizes), its body balanced over its columns. Rows
and modules are parted by rules or each module is framed. Stories printed
without a headline are set as briefs under a section head (简讯), a blank
line between them; a single one stands without a head. A closing byline in
brackets is set flush right on a line of its own. The `jumped` layouts break
the lead off half way (（转第2版）) and set its rest on page 2 under its
headline repeated ((上接第1版)). Fonts, masthead, folio and drawing order come from
`bench.pdf_pages`; the stories from the gold (`bench.pdf_gold`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
from dataclasses import dataclass
from pathlib import Path

from bench.pdf_gold import gold_stories
from bench.pdf_pages import (
    BODY,
    GUTTER,
    MARGIN,
    PAGE_H,
    PAGE_W,
    PITCH,
    SMALL,
    Story,
    _Box,
    _Op,
    _Page,
    _wrap,
    fonts,
    jump,
)

HEADLINE_SIZES = {1: 14.0, 2: 17.0, 3: 20.0, 4: 23.0}  # by the columns a headline spans
KICKER, SUBHEAD, SECTION = 11.0, 12.5, 13.0
SECTION_HEAD = "简讯"
PHOTO_LINES = 9  # the lead photo's height in body lines


@dataclass(frozen=True)
class Press:
    name: str
    columns: int  # the page's grid, 3–6
    rows: tuple[tuple[int, ...], ...]  # the spans of the modules of each row under the lead, taken in turn
    centred: bool = True  # headlines centred over their columns, else flush left
    framed: bool = False  # each module under the lead in a frame, else rules between modules and rows
    photo: bool = False  # a photo box with a caption in the lead's first columns
    reverse: bool = False  # drawn bottom-up, right to left: the text layer's order is not the reading order
    jumped: bool = False  # the lead broken off and continued on page 2
    spaced_briefs: bool = True  # a blank line between two stories without headline, else they run on
    digests: int = 1  # stories without headline split over this many modules side by side (a digest)


LAYOUTS = (
    Press("6 col, lead with photo, rows 4+2 / 3+3", 6, ((4, 2), (3, 3)), photo=True),
    Press("5 col, framed modules 2+3 / 1+2+2, flush left", 5, ((2, 3), (1, 2, 2)), centred=False, framed=True),
    Press("4 col, rows 2+2 / 1+3, drawn in reverse", 4, ((2, 2), (1, 3)), reverse=True),
    Press("3 col, rows 1+2 / 3, lead jumped to page 2", 3, ((1, 2), (3,)), centred=False, jumped=True),
    # harder: stories without headline one right under the other, only a paragraph's indent opening each
    Press("4 col, rows 2+2 / 1+3, briefs run on", 4, ((2, 2), (1, 3)), spaced_briefs=False),
    Press("5 col, rows 3+2 / 2+3, briefs run on in digests side by side", 5, ((3, 2), (2, 3)), centred=False,
          spaced_briefs=False, digests=2),
)


def _byline(paragraph: str) -> bool:
    """A short bracketed credit closing a story: set flush right on its own line."""
    text = paragraph.strip()
    return len(text) <= 24 and text[:1] in "（(" and text[-1:] in "）)"


def _body_lines(stories: list[Story], width: float, spaced: bool = True) -> list[tuple[str, float, bool] | None]:
    """(text, indent, flush right) for each line of the stories' paragraphs; None: a blank line between two."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    body_font, _ = fonts()
    lines: list[tuple[str, float, bool] | None] = []
    for n, story in enumerate(stories):
        if n and spaced:
            lines.append(None)
        for i, paragraph in enumerate(story.paragraphs):
            if i and i == len(story.paragraphs) - 1 and _byline(paragraph):
                lines.append((paragraph, width - stringWidth(paragraph, body_font, BODY), True))
                continue
            indent = 0.0 if i == 0 and story.continued else 2 * BODY
            for k, line in enumerate(_wrap(paragraph, body_font, BODY, width, indent=indent)):
                lines.append((line, indent if k == 0 else 0.0, False))
    return lines


def _per_column(count: int, offsets: list[int]) -> int:
    """The fewest lines a column must hold for `count` lines over columns starting `offsets` lines down."""
    n = math.ceil(count / len(offsets))
    while sum(max(0, n - off) for off in offsets) < count:
        n += 1
    return n


def _module(stories: list[Story], x: float, span: int, top: float, press: Press, *, section: str | None = None,
            photo: bool = False) -> tuple[_Box, float | None]:
    """One module: its headline block (or a section head) over its stories' body in `span` columns; and
    where its photo's top goes (None: no photo)."""
    body_font, head_font = fonts()
    col_w = (PAGE_W - 2 * MARGIN - GUTTER * (press.columns - 1)) / press.columns
    width = span * col_w + (span - 1) * GUTTER
    box = _Box(0.0)
    y = top
    story = stories[0]
    heads = [(section, SECTION)] if section else [
        (story.kicker, KICKER), (story.title, HEADLINE_SIZES[min(span, 4)] + (4 if photo else 0)),
        (story.subtitle, SUBHEAD)]
    for text, size in heads:
        if not text:
            continue
        for line in _wrap(text, head_font, size, width):
            y += size * 1.3
            box.heading.append(_Op(line, x + width / 2 if press.centred else x, y, head_font, size,
                                   centred=press.centred))
        y += size * 0.3
    if box.heading:
        y += BODY * 0.8
    lines = _body_lines(stories, col_w, press.spaced_briefs)
    offsets = [PHOTO_LINES if photo and c < 2 else 0 for c in range(span)]
    per_column = _per_column(len(lines), offsets)
    if photo and per_column < PHOTO_LINES + 6:  # too short a lead to hold a photo
        photo, offsets = False, [0] * span
        per_column = _per_column(len(lines), offsets)
    queue = list(lines)
    for c in range(span):
        cx = x + c * (col_w + GUTTER)
        ops = []
        row = offsets[c]
        while queue and row < per_column:
            line = queue.pop(0)
            if line is None:
                if row > offsets[c]:  # no blank line heads a column
                    row += 1
                continue
            text, indent, _ = line
            row += 1
            ops.append(_Op(text, cx + indent, y + row * BODY * PITCH, body_font, BODY))
        box.columns.append(ops)
    if photo:
        box.columns.append([_Op("图为活动现场。本报记者 摄", x, y + (PHOTO_LINES - 0.6) * BODY * PITCH, body_font, SMALL)])
    box.height = y - top + per_column * BODY * PITCH + BODY * 2
    return box, (y if photo else None)


def _photo(page: _Page, x: float, top: float, col_w: float) -> None:
    """A grey box two columns wide: the photo over its caption."""
    height = (PHOTO_LINES - 1.6) * BODY * PITCH
    page.canvas.setFillGray(0.75)
    page.canvas.rect(x, PAGE_H - top - height, 2 * col_w + GUTTER, height - BODY / 2, fill=1, stroke=0)
    page.canvas.setFillGray(0)


def _modules(stories: list[Story], digests: int = 1) -> list[tuple[list[Story], str | None]]:
    """Stories with a headline one module each; those without, briefs in one module under a section head
    (a lone one stands without it), or in `digests` modules, the first under the section head."""
    headed = [([s], None) for s in stories if s.title]
    bare = [s for s in stories if not s.title]
    if len(bare) == 1:
        return [([bare[0]], None), *headed] if not headed else [*headed, ([bare[0]], None)]
    size = max(1, math.ceil(len(bare) / digests))
    chunks = [bare[i:i + size] for i in range(0, len(bare), size)]
    return headed + [(chunk, SECTION_HEAD if i == 0 else None) for i, chunk in enumerate(chunks)]


def _rows(count: int, press: Press) -> list[tuple[int, ...]]:
    """The spans of each row: the lead across the page, then the layout's rows in turn."""
    rows: list[tuple[int, ...]] = [(press.columns,)]
    left, turn = count - 1, 0
    while left > 0:
        spans = press.rows[turn % len(press.rows)]
        if len(spans) > left:  # the last modules share the page's width
            spans = tuple(press.columns // left + (1 if i < press.columns % left else 0) for i in range(left))
        rows.append(spans)
        left -= len(spans)
        turn += 1
    return rows


def _set_rows(page: _Page, modules: list[tuple[list[Story], str | None]], press: Press, new_page) -> _Page:
    """Set the modules row by row, opening a new page (`new_page(page)`) where a row does not fit."""
    col_w = (PAGE_W - 2 * MARGIN - GUTTER * (press.columns - 1)) / press.columns
    queue = list(modules)
    for r, spans in enumerate(_rows(len(modules), press)):
        row_modules, queue = queue[:len(spans)], queue[len(spans):]
        for attempt in range(2):
            x, boxes, photos = MARGIN, [], []
            for (stories, section), span in zip(row_modules, spans, strict=True):
                photo = r == 0 and press.photo and span > 2 and section is None
                box, photo_top = _module(stories, x, span, page.top, press, section=section, photo=photo)
                boxes.append(box)
                if photo_top is not None:
                    photos.append((x, photo_top))
                x += span * (col_w + GUTTER)
            height = max(box.height for box in boxes)
            if height <= page.room() or not page.stories or attempt:
                break
            page = new_page(page)
        for x, top in photos:
            _photo(page, x, top, col_w)
        _frame_row(page, boxes, spans, height, press, col_w)
        page.stories += len(boxes)
        for box in boxes:
            page.ops.append(box.heading)
            page.ops.extend(box.columns)
        page.top += height
    return page


def _frame_row(page: _Page, boxes: list[_Box], spans: tuple[int, ...], height: float, press: Press,
               col_w: float) -> None:
    """Rules between the row's modules and under the row, or a frame round each module."""
    canvas = page.canvas
    canvas.setLineWidth(0.6)
    x = MARGIN
    for i, span in enumerate(spans):
        width = span * col_w + (span - 1) * GUTTER
        if press.framed and len(spans) > 1:
            canvas.rect(x - 3, PAGE_H - page.top - height + BODY, width + 6, height - BODY + 2, fill=0, stroke=1)
        elif i:
            canvas.line(x - GUTTER / 2, PAGE_H - page.top, x - GUTTER / 2, PAGE_H - page.top - height + BODY)
        x += width + GUTTER
    if not press.framed or len(spans) == 1:
        page.rule(page.top + height - BODY / 2)


def typeset_press(stories: list[Story], out: Path, press: Press, *, issued: dt.date | None = None,
                  source: str | None = None) -> int:
    """Write the stories as pages of `press` to `out`; the number of pages."""
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(out), pagesize=(PAGE_W, PAGE_H), invariant=1)

    def new_page(page: _Page) -> _Page:
        page.extras()
        page.draw()
        return _Page(canvas, page.number + 1, issued, source, press.reverse)

    page = _Page(canvas, 1, issued, source, press.reverse)
    modules = _modules(stories, press.digests)
    rest = None
    if press.jumped and modules and modules[0][1] is None and modules[0][0][0].title:
        first, rest = jump(modules[0][0][0], share=0.5, page=1, to_page=2)
        modules[0] = ([first], None)
    page = _set_rows(page, modules, press, new_page)
    if rest is not None:
        if page.number == 1:
            page = new_page(page)
        page = _set_rows(page, [([rest], None)], press, new_page)
    page.extras()
    page.draw()
    canvas.save()
    return page.number


def typeset_gold_press(golds: list[Path], docs: Path | None, out: Path, press: Press) -> list[Path]:
    """Each gold file's document typeset from its gold stories as `press` pages in `out`, with a copy of the
    gold naming the PDF beside it; the copies' paths."""
    from kg.read import parse_date

    out.mkdir(parents=True, exist_ok=True)
    copies = []
    for gold_path in golds:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        pdf = out / (Path(gold["document"]).stem + ".pdf")
        typeset_press(gold_stories(gold_path, docs), pdf, press, issued=parse_date(gold["published"]),
                      source=gold["source"])
        copy = out / gold_path.name
        copy.write_text(json.dumps(dict(gold, document=pdf.name), ensure_ascii=False), encoding="utf-8")
        copies.append(copy)
    return copies


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("gold", type=Path)
    parser.add_argument("--layout", type=int, default=0, help=" | ".join(f"{i}: {p.name}" for i, p in enumerate(LAYOUTS)))
    args = parser.parse_args(argv)
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    from kg.read import parse_date

    pages = typeset_press(gold_stories(args.gold), args.out, LAYOUTS[args.layout],
                          issued=parse_date(gold["published"]), source=gold["source"])
    print(f"{args.out}: {pages} pages")


if __name__ == "__main__":
    main()
