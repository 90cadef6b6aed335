"""One search box over persons, posts, events, policies, organisations and articles (substring match, ranked)."""

from __future__ import annotations

import unicodedata

from pyoxigraph import Literal

from kg.errors import BadInput
from kg.records import listed, page
from kg.store_api import KnowledgeStore


def search(store: KnowledgeStore, q: str, limit: int, offset: int) -> dict:
    """Items whose label contains `q`: exact matches first, then prefixes, then shorter labels."""
    text = unicodedata.normalize("NFKC", q).strip()
    if not text:
        raise BadInput("q: give some text to search for")
    rows, total = listed(store, "search", {"q": [Literal(text)]}, limit, offset)
    items = [{"iri": r["item"], "kind": r["kind"], "label": r.get("name"), "rank": r.get("rank")} for r in rows]
    return page(items, limit, offset, total)
