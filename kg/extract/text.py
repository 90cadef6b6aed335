"""The article as the rules see it: body, sentences, and evidence spans."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from kg.iri import scope_of_source
from kg.jurisdiction import NATIONAL, division_of, publication_jurisdiction
from kg.lexicon import word_set
from kg.model import Article, Mention, Sentence
from kg.sentences import split_sentences

CLAUSE_BREAKS = frozenset("，。；！？：\n")
SENTENCE_ENDS = frozenset("。；！？\n")


@dataclass
class Doc:
    """An article with the lookups every rule needs."""

    article: Article
    body: str = field(init=False)
    sentences: tuple[Sentence, ...] = field(init=False)
    scope: str = field(init=False)
    place: str | None = field(init=False)
    level: str | None = field(init=False)  # how local posts name the paper's level: 省, 市, 县 or 区
    _starts: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.body = self.article.body
        self.sentences = self.article.sentences or split_sentences(self.body)
        self._starts = [s.start for s in self.sentences]
        self.scope = scope_of_source(self.article.source)
        self.place, self.level = jurisdiction(self.article.source, self.scope)

    def sentence_of(self, offset: int) -> int:
        """Index of the sentence holding `offset` (the last one starting at or before it)."""
        return max(bisect.bisect_right(self._starts, offset) - 1, 0)

    def mention(self, start: int, end: int) -> Mention:
        return Mention(self.body[start:end], start, end, self.sentence_of(start))

    def sentence_span(self, offset: int) -> tuple[int, int]:
        if not self.sentences:
            return 0, len(self.body)
        s = self.sentences[self.sentence_of(offset)]
        return s.start, s.end


def jurisdiction(source: str | None, scope: str) -> tuple[str | None, str | None]:
    """The place a source covers and the level its posts are named by, if it is a local paper
    (无锡日报 → 无锡, 市; 新华日报 → 江苏, 省; 新华社 → None). A paper the registry and the
    divisions do not know keeps the place its name gives, level unknown.

    >>> jurisdiction("无锡日报", "无锡"), jurisdiction("新华日报", "新华"), jurisdiction("萧山日报", "萧山")
    (('无锡', '市'), ('江苏', '省'), ('萧山', '区'))
    >>> jurisdiction("新华社", "新华社"), jurisdiction(None, "unknown")
    ((None, None), (None, None))
    """
    if not source or source in word_set("national_publications.txt") or scope == source:
        return None, None
    known = publication_jurisdiction(source)
    if known is None:
        return scope, None
    if known.level == NATIONAL:
        return None, None
    division = division_of(known.place)
    named = division.name[-1] if division and division.name[-1] in "省市县区" else None
    return known.place, named if known.level != "省" or named == "省" else (named or "省")


def _start_after(body: str, offset: int, stops: str | frozenset[str]) -> int:
    i = offset
    while i > 0 and body[i - 1] not in stops:
        i -= 1
    return i


def clause_start(body: str, offset: int) -> int:
    """Start of the clause holding `offset` (just after the previous ，。；！？： or newline)."""
    return _start_after(body, offset, CLAUSE_BREAKS)


def sentence_start(body: str, offset: int) -> int:
    """Start of the sentence holding `offset` (just after the previous sentence end)."""
    return _start_after(body, offset, SENTENCE_ENDS)
