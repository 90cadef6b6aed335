"""Records for the Linked Data and visualisation routes: a resource's statements, a drawn neighbourhood."""

from __future__ import annotations

from pyoxigraph import NamedNode

from kg.export import export
from kg.formats import written
from kg.records import require, select
from kg.store_api import KnowledgeStore


def statements(store: KnowledgeStore, iri: str, limit: int) -> list[dict]:
    """What the store says about `iri`, for its HTML page."""
    rows = select(store, "describe", {"item": [NamedNode(iri)]}, limit=limit)
    return require(rows, "resource", iri)


def drawing(store: KnowledgeStore, fmt: str, focus: str | None, depth: int) -> bytes:
    return written(export(store, fmt, focus=focus, depth=depth))
