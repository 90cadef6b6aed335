"""Plain-text tables for the terminal, aligned for Chinese (wide) characters."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence


def display_width(text: str) -> int:
    """Columns a string takes in a terminal: wide and full-width characters count two.

    >>> display_width("杜小刚")
    6
    >>> display_width("abc")
    3
    """
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def render_table(header: Sequence[str], rows: Sequence[Sequence[str]], max_cell: int = 60) -> str:
    """A boxed-free table: header, a rule, then rows; long cells are cut with an ellipsis.

    >>> print(render_table(["name", "n"], [["杜小刚", "3"]]))
    name    n
    ------  -
    杜小刚  3
    """
    def cut(cell: str) -> str:
        cell = cell.replace("\n", " ")
        if display_width(cell) <= max_cell:
            return cell
        out = ""
        for ch in cell:
            if display_width(out + ch) > max_cell - 1:
                break
            out += ch
        return out + "…"

    cells = [[cut(c) for c in header]] + [[cut(c) for c in row] for row in rows]
    widths = [max(display_width(r[i]) for r in cells) for i in range(len(header))]
    lines = ["  ".join(_pad(c, w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
