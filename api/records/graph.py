"""Jobs for the Linked Data and visualisation routes: a resource's statements, a drawn neighbourhood."""

from __future__ import annotations

from pyoxigraph import NamedNode

from api.execution import Answer, Dataset, run_query
from api.records import bind, require, select
from kg.errors import NotFound
from kg.export import export
from kg.store import GraphStore

_DESCRIBE = "CONSTRUCT { ?item ?p ?o . ?s ?q ?item } WHERE { { ?item ?p ?o } UNION { ?s ?q ?item } }"
_KNOWN = "ASK WHERE { { ?item ?p ?o } UNION { ?s ?q ?item } }"


def statements(store: GraphStore, iri: str, limit: int) -> list[dict]:
    """What the store says about `iri`, for its HTML page."""
    rows = select(store, "describe", {"item": [NamedNode(iri)]}, limit=limit)
    return require(rows, "resource", iri)


def describe(store: GraphStore, iri: str, accept: str | None, row_limit: int) -> Answer:
    """The triples about `iri` (both directions) in the RDF syntax `accept` asks for."""
    item = {"item": [NamedNode(iri)]}
    if not bool(store.query(bind(_KNOWN, item))):
        raise NotFound(f"no resource {iri}")
    return run_query(store, bind(_DESCRIBE, item), Dataset(), accept, row_limit)


def drawing(store: GraphStore, fmt: str, focus: str | None, depth: int) -> bytes:
    return export(store, fmt, focus=focus, depth=depth)  # type: ignore[return-value]
