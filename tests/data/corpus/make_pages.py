"""Lay real articles out as a newspaper page's PDF text layer, deterministically.

    python tests/data/corpus/make_pages.py tests/data/corpus/dev      (or .../blind)

Each part keeps the verbatim articles that go onto pages in `src/` (one body per file, headline
and kicker in `src/pages.tsv`) and says in `src/pages.tsv` which articles make up which page, the
column width in characters, the lines per column and where each headline is printed (`after` the
article, `before` it, or `none`). This script rewrites every page document from those files, so a
page is reproducible and nothing in it is typed by hand: only line breaks, column breaks and the
placement of headlines change, never a character of the articles.

What a PDF text layer of a Chinese newspaper page looks like, and what this imitates: lines cut at
a fixed number of characters whatever the punctuation, a blank line where a column ends, a
paragraph starting on a new line, the headline printed after its article (or not at all), and a
single space before the first line of an article (`Page.indent`: a page can be laid out without it).
"""
from __future__ import annotations

import csv
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PlacedArticle:
    source: str        # file name under src/
    headline: str      # as printed; may be empty
    kicker: str        # subtitle printed under the headline; may be empty
    placement: str     # after | before | none


@dataclass(frozen=True)
class Page:
    document: str
    width: int
    column_lines: int
    articles: tuple[PlacedArticle, ...]
    indent: bool = True  # a space before each article's first line, as most text layers give it


def wrap(paragraph: str, width: int) -> list[str]:
    """Cut a paragraph into lines of `width` characters, as a column does."""
    return [paragraph[i:i + width] for i in range(0, len(paragraph), width)] or [""]


def column_breaks(lines: list[str], column_lines: int) -> list[str]:
    """Insert a blank line after every `column_lines` printed lines."""
    out, printed = [], 0
    for line in lines:
        out.append(line)
        if line:
            printed += 1
            if printed % column_lines == 0:
                out.append("")
    return out


def lay_out(page: Page, src: Path) -> str:
    lines: list[str] = []
    for art in page.articles:
        body = (src / art.source).read_text(encoding="utf-8")
        paragraphs = [p.strip() for p in body.splitlines() if p.strip()]
        body_lines: list[str] = []
        for n, para in enumerate(paragraphs):
            wrapped = wrap(para, page.width)
            if n == 0 and page.indent:
                wrapped[0] = " " + wrapped[0]
            body_lines.extend(wrapped)
        heading = [h for h in (art.headline, art.kicker) if h]
        if art.placement == "before" and heading:
            lines.extend(heading + [""])
        lines.extend(column_breaks(body_lines, page.column_lines))
        if lines and lines[-1]:
            lines.append("")
        if art.placement == "after" and heading:
            lines.extend(heading + [""])
    return "\n".join(lines).rstrip("\n") + "\n"


def read_pages(src: Path) -> list[Page]:
    """src/pages.tsv: document, width, column_lines, source, headline, kicker, placement."""
    pages: dict[str, tuple[int, int, list[PlacedArticle]]] = {}
    with (src / "pages.tsv").open(encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh, delimiter="\t"):
            if not row or row[0].startswith("#"):
                continue
            doc, width, column_lines, source, headline, kicker, placement = row
            entry = pages.setdefault(doc, (int(width), int(column_lines), []))
            entry[2].append(PlacedArticle(source, headline, kicker, placement))
    return [Page(doc, w, h, tuple(arts)) for doc, (w, h, arts) in pages.items()]


def main(argv: list[str]) -> int:
    for part in map(Path, argv or ["tests/data/corpus/dev", "tests/data/corpus/blind"]):
        src = part / "src"
        for page in read_pages(src):
            (part / page.document).write_text(lay_out(page, src), encoding="utf-8")
            print(f"{part / page.document}: {len(page.articles)} articles")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
