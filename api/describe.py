"""The job behind dereferencing an IRI as RDF: the triples about it, serialised as the client asks."""

from __future__ import annotations

from pyoxigraph import NamedNode

from api.execution import Answer, Dataset, run_query
from kg.errors import NotFound
from kg.sparql_text import bind
from kg.store_api import KnowledgeStore

_DESCRIBE = "CONSTRUCT { ?item ?p ?o . ?s ?q ?item } WHERE { { ?item ?p ?o } UNION { ?s ?q ?item } }"
_KNOWN = "ASK WHERE { { ?item ?p ?o } UNION { ?s ?q ?item } }"


def describe(store: KnowledgeStore, iri: str, accept: str | None, row_limit: int) -> Answer:
    """The triples about `iri` (both directions) in the RDF syntax `accept` asks for."""
    item = {"item": [NamedNode(iri)]}
    if not bool(store.query(bind(_KNOWN, item))):
        raise NotFound(f"no resource {iri}")
    return run_query(store, bind(_DESCRIBE, item), Dataset(), accept, row_limit)
