"""Build `Article`s from plain text for the extractor's tests."""

from __future__ import annotations

import datetime as dt

from kg.extract import extract_article
from kg.model import Article, Extraction, Role
from kg.sentences import split_sentences


def article(body: str, *, source: str = "无锡日报", issued: dt.date = dt.date(2024, 4, 10), title: str | None = None) -> Article:
    return Article(doc_id="t", index=1, body=body, sentences=split_sentences(body), title=title,
                   issued=issued, source=source)


def extract(body: str, **kw) -> Extraction:
    return extract_article(article(body, **kw))


def posts(x: Extraction) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for h in x.holdings:
        out.setdefault(h.person, []).append(h.post.title)
    return out


def roles(x: Extraction) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for event in x.events:
        for p in event.participations:
            out.setdefault(p.person, set()).add(p.role.value)
    return out


def attendees(x: Extraction) -> set[str]:
    """Everyone with any role: the RDF stage asserts zw:attended for each."""
    return set(roles(x))


def policies(x: Extraction) -> set[str]:
    return {e.policy for event in x.events for e in event.emphases}


__all__ = ["Role", "article", "attendees", "extract", "policies", "posts", "roles"]
