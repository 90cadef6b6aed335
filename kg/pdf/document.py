"""PDF files → `Article` records: every page read from its geometry, or from its text layer where that fails.

The document's text, to which every `body_offset` points, is the articles'
lines in reading order, one line of the page a line, pages one after another.
A page with no text but images is a scan: read from tesseract's lines and
boxes (`kg.pdf.ocr`) when it is installed, else reported in one line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium

from kg.errors import BadInput
from kg.layout.bylines import byline_at_end, starts_article
from kg.layout.lines import Line, join_lines, opens_brief
from kg.layout.page import page_articles
from kg.layout.parts import ArticleParts, finish
from kg.model import Article
from kg.pdf.issue import issue_pieces
from kg.pdf.jumps import (
    NOTE,
    Note,
    PageLabel,
    Piece,
    folio_page,
    join_jumps,
    note_in,
    notes_outside_columns,
    strip_notes,
    unresolved,
)
from kg.pdf.ocr import ocr_geometry
from kg.pdf.page import PageGeometry, page_geometry
from kg.pdf.reading import AD_LABEL, Block, Region, masthead_source, read_page
from kg.pdf.stories import blank_at_foot, is_section_head, only_dateline, split_stories, without_desk_line
from kg.sentences import split_sentences

FOLIO_DATE = re.compile(r"((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def _problem(exc: Exception) -> str:
    text = str(exc)
    if "password" in text.lower():
        return "an encrypted PDF: it needs a password"
    if "format" in text.lower() or "corrupt" in text.lower():
        return "a damaged or truncated PDF: PDFium cannot parse it"
    return f"a PDF PDFium cannot read ({text})"


class _Text:
    """Offsets in the document's text (its lines in reading order, one a line): only its length is kept."""

    def __init__(self) -> None:
        self.length = 0

    def add(self, text: str) -> int:
        start = self.length
        self.length += len(text) + 1
        return start


def _opens(block: Block) -> bool:
    """Whether a column block opens an article: a dateline, or a note that it comes from another page."""
    first = block.lines[0].text.strip()
    return (starts_article(first) or opens_brief(first)
            or first.startswith(("（", "(")) and (note_in(first[:12]) or ("",))[0] == "from")


def _region_lines(region: Region, text: _Text) -> tuple[list[Line], list[Note]]:
    """The region's lines in reading order, and the jump notes taken out of them; `indented`: set in from
    its column's left edge, `short`: the line before stopped short of its column's right edge (what
    `kg.layout.lines.join_lines` reads instead of line lengths), `spaced`: a space ends the line,
    `blank_before`: a blank line at the foot of the column before (`kg.pdf.stories.blank_at_foot`)."""
    lines: list[Line] = []
    # a note may wrap over two lines, even from one column into the next
    texts, notes = strip_notes([line.text for column in region.columns for line in column.lines])
    cleaned_texts = iter(texts)
    short = True  # nothing stands before a region's first line
    widest = max(column.x1 - column.x0 for column in region.columns)
    previous: Block | None = None
    for column in region.columns:
        left, right = column.x0, column.x1
        blank = previous is not None and blank_at_foot(previous, column)
        previous = column
        for line in column.lines:
            cleaned = next(cleaned_texts).strip("\r\n")
            kept = cleaned.strip()
            if kept:
                start = text.add(cleaned) + cleaned.index(kept[0])
                # a space at a wrap is the text's (names apart): the join puts it back
                indented = line.x0 - left > 0.9 * line.size
                # a blank counts before an indented line only: the join then breaks the paragraph as it did
                lines.append(Line(kept, start, indented, blank and indented, cleaned[-1:].isspace(), short))
                blank = False
                short = right - line.x1 > 0.9 * line.size
        # a line standing alone (reporters), or two in a block narrower than the article's columns, end a paragraph
        short = short or len(column.lines) == 1 or len(column.lines) == 2 and (
            column.x1 - column.x0 < widest - 0.9 * column.lines[0].size)
    return lines, notes


def _closing_byline(joined: str) -> tuple[str, tuple[str, ...]]:
    """The text without the byline closing its last paragraph (wrapped over lines or not), and its names."""
    start = joined.rfind("\n") + 1
    byline = byline_at_end(joined[start:].rstrip())
    if byline is None:
        return joined, ()
    return joined[: start + byline[0]].rstrip(), byline[1]


def _headline(block: Block | None) -> tuple[str | None, str | None]:
    """Title (the largest lines, joined) and subtitle (kicker and subtitle: each a run of lines in one size,
    a wrapped line joined on, runs apart by a space)."""
    if block is None:
        return None, None
    lines = [(line.size, NOTE.sub("", line.text).strip()) for line in block.lines]  # a 上接 note under a headline
    lines = [(size, text) for size, text in lines if text]
    if not lines:
        return None, None
    biggest = max(size for size, _ in lines)
    title = "".join(text for size, text in lines if size >= biggest - 0.01)
    runs: list[str] = []
    run_size = None
    for size, text in lines:
        if size >= biggest - 0.01:
            run_size = None
        elif run_size is not None and abs(size - run_size) < 0.01:
            runs[-1] += text
        else:
            runs.append(text)
            run_size = size
    return title or None, " ".join(runs) or None


def _finish_lines(lines: list[Line], title: str | None, subtitle: str | None) -> ArticleParts | None:
    joined, anchors = join_lines(lines, 0)  # every line's `short` is set: no width is needed
    joined, reporters = _closing_byline(joined)
    return finish(joined, anchors, title=title, subtitle=subtitle, reporters=reporters)


def _geometry_articles(page: PageGeometry, text: _Text, number: int) -> tuple[list[Piece], tuple[str, ...]]:
    """The page's article parts, with the jump notes that say where each goes on or comes from."""
    reading = read_page(page, _opens)
    folio = folio_page(reading.masthead)
    label = folio or PageLabel(number)
    notes = notes_outside_columns(page, reading.regions, reading.masthead)
    out: list[Piece] = []
    carried: list[Line] = []  # a reporters' line standing alone over a headline-less article's columns
    for index, region in enumerate(reading.regions):
        lines, found = _region_lines(region, text)
        lines = carried + lines
        carried = []
        for way, page_label in found:
            notes.setdefault((index, way), page_label)
        title, subtitle = _headline(region.heading)
        bare = region.heading is None or is_section_head(title)
        if bare:  # a section head (简讯) is no story's title
            title = subtitle = None
        split = split_stories(lines, bare)
        if split and not bare:
            split[0] = without_desk_line(split[0])
        for number_in_region, part in enumerate(split):
            first = number_in_region == 0
            parts = _finish_lines(part, title if first else None, subtitle if first else None)
            if parts is not None:
                out.append(Piece(parts, label, tuple(part), goes_to=notes.get((index, "to")) if part is split[-1]
                                 else None, comes_from=notes.get((index, "from")) if first else None,
                                 folio=folio is not None))
            elif region.heading is None and all(only_dateline(line.text) for line in part):
                carried = part
    return out, reading.masthead


def _usable(page: PageGeometry) -> bool:
    """Whether the geometry tells anything: lines with sizes, spread over the page, in more than one
    size or face (a page set all in one type is a text layer printed as is: its blank lines tell more)."""
    sized = [line for line in page.lines if line.size > 1 and line.x1 > line.x0]
    return (len(sized) >= 0.8 * len(page.lines) and len({round(line.top) for line in sized}) > 1
            and len({(line.size, line.font) for line in sized}) > 1)


def layer_text(page: PageGeometry) -> str:
    """The page's text layer as a converter writes it: lines in the file's order, a blank line where the
    next line is not right under the one before (a column's end, a gap)."""
    out: list[str] = []
    for before, line in zip((None, *page.lines), page.lines, strict=False):
        if before is not None:
            out.append("\n" if 0 <= line.top - before.bottom < line.size and abs(line.x0 - before.x0) < 3 * line.size
                       else "\n\n")
        out.append(line.text)
    return "".join(out) + "\n"


def _text_layer_articles(text_layer: str, text: _Text) -> list[ArticleParts]:
    base = text.add(text_layer)
    return [ArticleParts(p.body, p.body_offset + base, p.title, p.subtitle, p.dateline, p.reporters)
            for p in page_articles(text_layer)]


def read_pdf(path: Path, *, doc_id: str, published: dt.date | None, source: str | None,
             name_date: dt.date | None) -> Iterator[Article | BadInput]:
    """The articles of a PDF file, page by page; a whole-file problem raises BadInput, a page's is yielded."""
    where = str(path)
    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise BadInput(_problem(exc), path=where) from None
    try:
        yield from _read_document(document, path, doc_id=doc_id, published=published, source=source,
                                  name_date=name_date)
    finally:
        document.close()


def _read_document(document: pdfium.PdfDocument, path: Path, *, doc_id: str, published: dt.date | None,
                   source: str | None, name_date: dt.date | None) -> Iterator[Article | BadInput]:
    where = str(path)
    text = _Text()
    pieces, masthead, problems, textless = _pieces(document, text, where)
    if textless:
        pages = f"page {textless[0]} has" if len(textless) == 1 else f"pages {', '.join(map(str, textless))} have"
        problems.append(BadInput(f"{pages} no text layer (scanned images?): OCR them first, or install "
                                 "tesseract with its Simplified Chinese model (chi_sim)", path=where))
    yield from problems
    elsewhere = issue_pieces(path, _folio_date(masthead), _sibling_pieces) if unresolved(pieces) else None
    parts = join_jumps(pieces, _finish_lines, elsewhere)
    if not parts:
        if problems:
            return
        raise BadInput("no article text found in the PDF", path=where)
    issued = published or name_date or _folio_date(masthead)
    source = source or masthead_source(tuple(masthead))
    for number, part in enumerate(parts, start=1):
        yield Article(doc_id=doc_id, index=number, body=part.body, sentences=split_sentences(part.body),
                      title=part.title, subtitle=part.subtitle, dateline=part.dateline, reporters=part.reporters,
                      issued=issued, source=source, path=where, body_offset=part.body_offset)


def _sibling_pieces(path: Path) -> tuple[list[Piece], dt.date | None]:
    """Another file's parts on pages named by their folios, and its folio date (nothing if unreadable)."""
    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError:
        return [], None
    try:
        pieces, masthead, _, _ = _pieces(document, _Text(), str(path), ocr=False)
    finally:
        document.close()
    return [piece for piece in pieces if piece.folio], _folio_date(masthead)


def _pieces(document: pdfium.PdfDocument, text: _Text, where: str, *, ocr: bool = True
            ) -> tuple[list[Piece], list[str], list[BadInput], list[int]]:
    """The article parts of every page, the masthead and folio lines, the pages' problems, the textless pages."""
    pieces: list[Piece] = []
    masthead: list[str] = []
    problems: list[BadInput] = []
    textless: list[int] = []
    for index in range(len(document)):
        try:
            page = document[index]
            geometry = page_geometry(page, index + 1, boxes_if=AD_LABEL)
        except pdfium.PdfiumError as exc:
            problems.append(BadInput(f"page {index + 1}: {_problem(exc)}", path=where))
            continue
        if not geometry.lines:  # a scan: its OCR lines, if tesseract is there
            scanned = ocr_geometry(page, index + 1) if geometry.images and ocr else None
            if scanned is None or not scanned.lines:
                textless.append(index + 1)
                continue
            geometry = scanned
        found: list[Piece] = []
        if _usable(geometry):
            found, head = _geometry_articles(geometry, text, index + 1)
            masthead.extend(head)
        if not found:  # no usable geometry: the text layer and the page reader
            found = [Piece(p, PageLabel(index + 1)) for p in _text_layer_articles(layer_text(geometry), text)]
        pieces.extend(found)
    return pieces, masthead, problems, textless


def _folio_date(lines: list[str]) -> dt.date | None:
    for line in lines:
        match = FOLIO_DATE.search(line)
        if match:
            try:
                return dt.date(*map(int, match.groups()))
            except ValueError:
                continue
    return None
