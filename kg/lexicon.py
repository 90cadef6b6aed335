"""Domain knowledge as data: the plain files under `kg/lexicons/`, read once.

A lexicon file holds one entry a line; `#` starts a comment (the header says
what belongs there); blank lines are skipped. A `.tsv` lexicon has
tab-separated columns.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


def _lines(name: str) -> list[str]:
    text = resources.files("kg").joinpath("lexicons", name).read_text(encoding="utf-8")
    out = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip() if not raw.lstrip().startswith("#") else ""
        if line.strip():
            out.append(line.strip() if not name.endswith(".tsv") else line)
    return out


@cache
def words(name: str) -> tuple[str, ...]:
    """The entries of a one-column lexicon, in file order."""
    return tuple(_lines(name))


@cache
def word_set(name: str) -> frozenset[str]:
    return frozenset(words(name))


@cache
def table(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of a `.tsv` lexicon, each a tuple of stripped cells."""
    return tuple(tuple(cell.strip() for cell in line.split("\t")) for line in _lines(name))


@cache
def longest_first(name: str) -> tuple[str, ...]:
    """Entries sorted longest first, for greedy matching."""
    return tuple(sorted(words(name), key=len, reverse=True))


def strip_leading(text: str, name: str, *, keep: int = 3) -> tuple[str, int]:
    """`text` without the entries of lexicon `name` it opens with, longest first and again after each,
    as long as `keep` characters are left; and how many characters went.

    >>> strip_leading("全市全面推进乡村振兴", "policy_drop_prefixes.txt")
    ('全面推进乡村振兴', 2)
    """
    dropped = 0
    while word := next((w for w in longest_first(name) if text.startswith(w) and len(text) - len(w) >= keep), ""):
        text, dropped = text[len(word):], dropped + len(word)
    return text, dropped

