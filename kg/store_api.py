"""The store interface: what every store of the graph offers, written once.

Two implementations: `kg.store.GraphStore` (embedded Oxigraph, a folder or in
memory) and `kg.remote_store.RemoteStore` (any SPARQL 1.1 server over HTTP).
`kg.stores.open_store` picks one for a location. Callers — the pipeline, the
records, the views, the command line and the server's jobs — use only these
methods, so a store is exchangeable without duck typing at the seams.

Query results are pyoxigraph's own types whichever store answers them.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Protocol, runtime_checkable

from pyoxigraph import NamedNode, Quad, QueryBoolean, QuerySolutions, QueryTriples, RdfFormat, Triple

from kg.sparql_text import Term

if TYPE_CHECKING:
    from kg.writer import DocumentWriter

QueryResult = QuerySolutions | QueryBoolean | QueryTriples
DocumentGraphMap = Mapping[NamedNode, Iterable[Quad]]  # a document's article graphs and their quads


def solutions(result: QueryResult) -> QuerySolutions:
    """The rows of a SELECT's result (`store.query` types every answer as the union of the three kinds)."""
    if not isinstance(result, QuerySolutions):
        raise TypeError(f"a SELECT query was expected, it answered {type(result).__name__}")
    return result


def triples(result: QueryResult) -> QueryTriples:
    """The triples of a CONSTRUCT's or DESCRIBE's result."""
    if not isinstance(result, QueryTriples):
        raise TypeError(f"a CONSTRUCT or DESCRIBE query was expected, it answered {type(result).__name__}")
    return result


class WriteListener(Protocol):
    """Told about every write of the store's own methods (the precomputed views, `kg.views.Views`, are one)."""

    def writing(self, quads: Iterable[Quad] | None = None) -> contextlib.AbstractContextManager:
        """Entered before a write touching `quads` (None: nobody can tell which), left after it."""
        ...

    def copy_to(self, folder: str | Path) -> None:
        """Copy what the listener keeps beside the store into a backup of the store in `folder`."""
        ...

    def settle(self) -> None:
        """Count every begun write done (a write killed midway never happened)."""
        ...

    def connection(self) -> sqlite3.Connection | None:
        """The SQLite database the listener keeps beside the store (the views, the analyst's tables), if any."""
        ...

    def page(self, iri: str, limit: int, offset: int) -> dict | None:
        """A precomputed record of `iri`, if a fresh one is kept; else None."""
        ...

    def close(self) -> None: ...


def writing(listener: WriteListener | None, quads: Iterable[Quad] | None = None) -> contextlib.AbstractContextManager:
    """`listener.writing(quads)`, or nothing to do for a store nobody listens to."""
    return listener.writing(quads) if listener is not None else contextlib.nullcontext()


@runtime_checkable
class KnowledgeStore(Protocol):
    """A store of the graph: one named graph per article, documents replaced whole, SPARQL over the union."""

    location: str
    views: WriteListener | None  # told about writes; None for stores that keep nothing beside them
    recovered: list[str]  # documents a crashed bulk write had half-written, removed on opening

    # --- documents -------------------------------------------------------------------
    def graphs_of_document(self, document: NamedNode) -> list[NamedNode]: ...

    def is_new(self, document: NamedNode, graphs: Iterable[NamedNode]) -> bool: ...

    def replace_document(self, document: NamedNode, graphs: DocumentGraphMap) -> None: ...

    def add_new_documents(self, batch: list[tuple[NamedNode, DocumentGraphMap]]) -> None: ...

    def remove_document(self, document: NamedNode) -> int: ...

    def writer(self, batch_quads: int = ...) -> DocumentWriter: ...

    # --- SPARQL ----------------------------------------------------------------------
    def query(self, sparql: str, substitutions: Mapping[str, Term] | None = None, *, union: bool = True,
              default_graph: Sequence[NamedNode] | None = None,
              named_graphs: Sequence[NamedNode] | None = None, base_iri: str | None = None) -> QueryResult:
        """Run a query; `substitutions` bind variables to RDF terms. `default_graph`/`named_graphs` set the
        dataset (the protocol's default-graph-uri/named-graph-uri); without them the default graph is the
        union of all graphs (`union`), or the store's own default graph. Relative IRIs resolve against
        `base_iri` (a BASE in the query itself wins)."""
        ...

    def update(self, sparql: str, base_iri: str | None = None) -> None:
        """Run a SPARQL Update in one transaction, relative IRIs resolved against `base_iri`. Unattributed:
        the caller tells the listener (`writing`)."""
        ...

    # --- graphs (Graph Store Protocol) -----------------------------------------------
    def contains_named_graph(self, graph: NamedNode) -> bool: ...

    def graph_triples(self, graph: NamedNode | None) -> Iterator[Triple]:
        """The triples of a named graph, or of the default graph (None)."""
        ...

    def add_graph(self, graph: NamedNode) -> None:
        """Create an empty named graph."""
        ...

    def drop_graph(self, graph: NamedNode | None) -> None:
        """Remove a named graph, or empty the default graph (None)."""
        ...

    # --- upkeep ----------------------------------------------------------------------
    def flush(self) -> None: ...

    def optimize(self) -> None:
        """Compact the store's files after a large write (queries on it then run as on a bulk-loaded copy)."""
        ...

    def backup(self, target: str | Path) -> None: ...

    def dump(self, output: BinaryIO | None, fmt: RdfFormat) -> bytes | None:
        """Every quad in the quad syntax `fmt`, written to `output` (or returned as bytes without one)."""
        ...

    def named_graph_count(self) -> int: ...

    def __len__(self) -> int: ...

    def close(self) -> None: ...
