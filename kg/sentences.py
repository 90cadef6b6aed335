"""Sentences of an article body, with offsets: the unit facts point back to.

A sentence ends at 。！？ (with the closing quotes and brackets that follow it)
or at a paragraph break; not at ；, and not inside a quotation “…” — a quoted
passage of several sentences stays one sentence with the words around it.
"""

from __future__ import annotations

import re

from kg import chars
from kg.model import Sentence

TERMINATORS = frozenset(chars.TERMINATORS)
CLOSERS = frozenset(chars.CLOSERS)
OPEN_QUOTES = frozenset("“「『")
CLOSE_QUOTES = frozenset("”」』")
# Quotes a column break or a typo left unbalanced must not swallow the rest of a paragraph.
MAX_QUOTE = 300
MARKS = re.compile(f"[{re.escape(chars.TERMINATORS)}“「『”」』\n]")


def _spans(body: str) -> list[tuple[int, int]]:
    """[start, end) of each sentence; only the marks that matter are visited, not every character."""
    spans: list[tuple[int, int]] = []
    start = depth = quote_start = 0
    n = len(body)
    skip_to = 0
    for match in MARKS.finditer(body):
        i = match.start()
        if i < skip_to:
            continue
        ch = body[i]
        if ch == "\n":
            spans.append((start, i))
            start, depth = i + 1, 0
            continue
        if ch in OPEN_QUOTES:
            if depth == 0:
                quote_start = i
            depth += 1
            continue
        if depth and i - quote_start > MAX_QUOTE:
            depth = 0
        if ch in CLOSE_QUOTES:
            if not depth:
                continue
            depth -= 1
            if depth or not i or body[i - 1] not in TERMINATORS:
                continue
        elif depth:  # a terminator inside a quotation
            continue
        end = i + 1
        while end < n and (body[end] in CLOSERS or body[end] in TERMINATORS):
            end += 1
        spans.append((start, end))
        start = skip_to = end
    spans.append((start, n))
    return spans


def split_sentences(body: str) -> tuple[Sentence, ...]:
    """The body's sentences; `body[s.start:s.end] == s.text`, surrounding blanks left out.

    >>> [s.text for s in split_sentences("他说：“要干。要快。”会议强调，甲；乙。\\n丙！")]
    ['他说：“要干。要快。”', '会议强调，甲；乙。', '丙！']
    """
    out = []
    for start, end in _spans(body):
        while start < end and body[start].isspace():
            start += 1
        while end > start and body[end - 1].isspace():
            end -= 1
        if start < end:
            out.append(Sentence(body[start:end], start, end))
    return tuple(out)
