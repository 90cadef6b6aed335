"""The other files of an issue kept as one PDF file a page: where a jump goes on or comes from.

An e-paper archive keeps an issue as a folder of page files (A01.pdf,
A02.pdf …). A part that jumps to a page its own file does not hold, or opens
with a note that it comes from one, is looked for among the other PDF files
of its folder, read only then. A file counts as the same issue when its folio
gives the same date, or no date on either side; only pages named by their
folio count, since every one-page file is page 1 of itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from kg.pdf.jumps import Piece

SIBLINGS_READ = 40  # an issue's pages at most: a folder of a year's pages is not read for one jump


def issue_pieces(path: Path, issued: dt.date | None,
                 read: Callable[[Path], tuple[list[Piece], dt.date | None]]) -> list[Piece]:
    """The parts on the other pages of `path`'s issue, read by `read(file)` → (parts, folio date)."""
    try:
        siblings = sorted(p for p in path.parent.iterdir() if p.suffix.lower() == ".pdf" and p != path and p.is_file())
    except OSError:  # a folder that cannot be listed: the file stands alone
        return []
    if len(siblings) > SIBLINGS_READ:
        return []
    out: list[Piece] = []
    for sibling in siblings:
        pieces, date = read(sibling)
        if issued is None or date is None or date == issued:
            out.extend(pieces)
    return out
