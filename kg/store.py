"""The store stage: where the graph lives — the embedded Oxigraph store (`GraphStore`).

`open_embedded(location)` gives an embedded store for a folder (or an in-memory
one for `":memory:"`); `kg.stores.open_store` picks it or a remote server and
attaches the views. It implements `kg.store_api.KnowledgeStore`, and tells a
listener passed in (`kg.views.Views`) about each write instead of knowing who
listens. Every article lives in its own named graph,
and every article graph says which document it is part of
(`<article> dcterms:isPartOf <document>`), so a document's graphs can be
replaced or removed as a whole. Queries see the union of all graphs as the
default graph.
"""

from __future__ import annotations

import itertools
import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import BinaryIO

from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad, RdfFormat, Store, Triple, Variable

from kg.errors import QueryError, StoreError
from kg.iri import DCTERMS
from kg.sparql_text import Term, drop_graphs, insert_data
from kg.store_api import DocumentGraphMap, KnowledgeStore, QueryResult, WriteListener, solutions, writing
from kg.store_folder import in_use_error
from kg.store_folder import sync_folder as _sync_folder
from kg.writer import BATCH_QUADS, DocumentWriter

__all__ = ["BATCH_QUADS", "JOURNAL", "DocumentGraphMap", "GraphStore", "QueryResult", "counts", "open_embedded"]

# Sorted files `Store.bulk_extend` writes into the store folder before RocksDB takes them in (under another
# name): never part of the store, but left behind, hundreds of MB, when the writing process is killed.
BULK_LEFTOVERS = "bulk-*.sst"
JOURNAL = "kg-ingest-journal.tsv"  # in the store folder while a bulk batch is being written: document TAB graph

IS_PART_OF = NamedNode(f"{DCTERMS}isPartOf")


def quads_in(store: Store, graphs: Iterable[NamedNode]) -> Iterator[Quad]:
    """The quads of `graphs` (read lazily: a listener reads them only when it needs to)."""
    for graph in graphs:
        yield from store.quads_for_pattern(None, None, None, graph)


class GraphStore:
    """The embedded Oxigraph store (a folder, or in memory): a `kg.store_api.KnowledgeStore`."""

    def __init__(self, store: Store, location: str, *, listener: WriteListener | None = None) -> None:
        self.store = store  # the pyoxigraph store: for this module (and tests) only; callers use the methods
        self.location = location
        self.views = listener  # told about every write (the precomputed REST records, kg.views)
        self.recovered: list[str] = []  # documents an interrupted bulk batch had half-written, removed on opening

    @property
    def folder(self) -> Path | None:
        return None if self.location == ":memory:" else Path(self.location)

    # --- writing -----------------------------------------------------------------
    def graphs_of_document(self, document: NamedNode) -> list[NamedNode]:
        """The named graphs holding `<article> dcterms:isPartOf document`.

        A direct index look-up rather than a SPARQL query: an ingest asks this of every document, and
        SPARQL queries interleaved with bulk writes make the process's memory grow with the store (how
        that was found: docs/performance.md, "How memory was brought under the target").
        """
        quads = self.store.quads_for_pattern(None, IS_PART_OF, document, None)
        return list(dict.fromkeys(q.graph_name for q in quads if isinstance(q.graph_name, NamedNode)))

    def replace_document(self, document: NamedNode, graphs: Mapping[NamedNode, Iterable[Quad]]) -> None:
        """Replace every graph of `document` by `graphs`, in one transaction.

        Graphs the document had before but no longer has are dropped too, so a
        corrected document never leaves stale articles behind. A document new to
        the store is added with `Store.extend`, one transaction without SPARQL
        text to build and parse (faster: docs/performance.md); a replacement
        is one SPARQL Update, DROP + INSERT DATA. (An ingest sends
        its new documents to `add_new_documents` instead, unless its batches are 0.)
        """
        old = self._stored_graphs(document, graphs)
        if self.views is not None:
            graphs = {g: q if isinstance(q, list | tuple) else list(q) for g, q in graphs.items()}  # read twice
        touched = itertools.chain(itertools.chain.from_iterable(graphs.values()), quads_in(self.store, old))
        with writing(self.views, touched):  # marks their views stale first: a crash leaves them stale, never wrong
            try:
                if not old:
                    self.store.extend([quad for quads in graphs.values() for quad in quads])
                    return
                drops = drop_graphs(sorted(old, key=lambda n: n.value))
                self.store.update(" ;\n".join([*drops, insert_data(graphs)]))
            except (OSError, SyntaxError) as exc:
                raise StoreError(f"{self.location}: could not write {document.value}: {exc}") from exc

    def _stored_graphs(self, document: NamedNode, graphs: Iterable[NamedNode]) -> set[NamedNode]:
        """The graphs of `document` in the store, and those of `graphs` stored under any document."""
        return set(self.graphs_of_document(document)) | {g for g in graphs if self.store.contains_named_graph(g)}

    def is_new(self, document: NamedNode, graphs: Iterable[NamedNode]) -> bool:
        """Nothing of `document` is stored yet, and none of `graphs` is (so adding it replaces nothing)."""
        return not self._stored_graphs(document, graphs)

    def add_new_documents(self, batch: list[tuple[NamedNode, DocumentGraphMap]]) -> None:
        """Add documents that are new to the store (`is_new`) through Oxigraph's bulk path, behind a journal.

        `Store.bulk_extend` writes sorted files straight into RocksDB, about twice as fast as a
        transaction, but a crash can leave part of it written. So the batch's graphs are first listed in
        a journal file (written whole, then renamed into place), and the journal is removed only once
        the batch is on disk; a store opened with a journal present drops those graphs (`recover`), so
        every article is still complete or absent. Only new documents come here: dropping their graphs
        never loses anything that was stored before.
        """
        quads = [quad for _, graphs in batch for quads in graphs.values() for quad in quads]
        folder = self.folder
        try:
            if folder is None:  # in memory: nothing survives a crash anyway, and the transaction is cheap
                self.store.extend(quads)
                return
            journal = folder / JOURNAL
            with writing(self.views, quads):  # the batch's views are marked stale before any of it is written
                _write_whole(journal, "".join(f"{d.value}\t{g.value}\n" for d, graphs in batch for g in graphs))
                try:
                    self.store.bulk_extend(quads)
                    self.store.flush()
                except OSError:
                    self.recover()  # now, before a later batch's journal could take this one's place
                    raise
                journal.unlink()
                _sync_folder(folder)
        except OSError as exc:
            raise StoreError(f"{self.location}: could not write a batch of {len(batch)} documents: {exc}") from exc

    def recover(self) -> list[str]:
        """Drop the graphs of a bulk batch that was interrupted (see `add_new_documents`); its documents.

        Also deletes the sorted files such a batch was writing (`BULK_LEFTOVERS`): this process holds the
        store's lock, so no bulk write of another one can be under way.
        """
        if self.folder is None:
            return []
        for leftover in self.folder.glob(BULK_LEFTOVERS):
            leftover.unlink(missing_ok=True)
        journal = self.folder / JOURNAL
        if not journal.exists():
            return []
        rows = [line.split("\t") for line in journal.read_text(encoding="utf-8").splitlines() if "\t" in line]
        for _, graph in rows:  # each removal is idempotent: a crash here is recovered on the next opening
            self.store.remove_graph(NamedNode(graph))
        self.store.flush()
        journal.unlink()
        _sync_folder(journal.parent)
        return list(dict.fromkeys(document for document, _ in rows))

    def writer(self, batch_quads: int = BATCH_QUADS) -> DocumentWriter:
        return DocumentWriter(self, batch_quads)

    def remove_document(self, document: NamedNode) -> int:
        """Remove the graphs of `document`; returns how many there were."""
        graphs = self.graphs_of_document(document)
        if graphs:
            with writing(self.views, quads_in(self.store, graphs)):
                self.store.update(" ;\n".join(drop_graphs(graphs)))
        return len(graphs)

    def flush(self) -> None:
        self.store.flush()

    def optimize(self) -> None:
        """Compact RocksDB's files (`Store.optimize`). An ingest leaves its bulk batches, the by-name links and
        the replaced documents in overlapping files that every look-up must search: the bench's aggregate
        questions ran 20-40 % slower on such a store than on a `bulk_load`ed copy of the same quads, and as
        fast once it was compacted (docs/performance.md). On a compacted store it returns at once."""
        try:
            self.store.optimize()
        except OSError as exc:
            raise StoreError(f"{self.location}: could not compact the store: {exc}") from exc

    def backup(self, target: str | Path) -> None:
        """A consistent copy of the store in `target` (which must not exist), usable as a store itself."""
        if Path(target).exists():
            raise StoreError(f"{target}: already exists; a backup goes into a new folder")
        try:
            self.store.backup(str(target))
            if self.views is not None:
                self.views.copy_to(target)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"{target}: backup failed: {exc}") from exc

    # --- reading -----------------------------------------------------------------
    def query(self, sparql: str, substitutions: Mapping[str, Term] | None = None, *, union: bool = True,
              default_graph: Sequence[NamedNode] | None = None,
              named_graphs: Sequence[NamedNode] | None = None, base_iri: str | None = None) -> QueryResult:
        """Run a SPARQL query; `substitutions` bind variables to RDF terms (never pasted into the text)."""
        subs: dict[Variable, NamedNode | BlankNode | Literal | Triple] | None = {
            Variable(k): v for k, v in (substitutions or {}).items()} or None
        try:
            if default_graph is None and named_graphs is None:
                return self.store.query(sparql, substitutions=subs, base_iri=base_iri,
                                        use_default_graph_as_union=union)
            return self.store.query(sparql, substitutions=subs, base_iri=base_iri,
                                    default_graph=list(default_graph or []),
                                    named_graphs=list(named_graphs) if named_graphs else None)
        except SyntaxError as exc:
            raise QueryError(f"malformed query: {exc}") from exc

    def update(self, sparql: str, base_iri: str | None = None) -> None:
        """Run a SPARQL Update (one transaction); raises SyntaxError for a malformed one. Unattributed:
        the caller tells the listener (`kg.store_api.writing`)."""
        self.store.update(sparql, base_iri=base_iri)

    # --- graphs --------------------------------------------------------------------
    def contains_named_graph(self, graph: NamedNode) -> bool:
        return self.store.contains_named_graph(graph)

    def graph_triples(self, graph: NamedNode | None) -> Iterator[Triple]:
        return (q.triple for q in self.store.quads_for_pattern(None, None, None, graph or DefaultGraph()))

    def add_graph(self, graph: NamedNode) -> None:
        self.store.add_graph(graph)

    def drop_graph(self, graph: NamedNode | None) -> None:
        if graph is None:
            self.store.clear_graph(DefaultGraph())
        else:
            self.store.remove_graph(graph)

    def dump(self, output: BinaryIO | None, fmt: RdfFormat) -> bytes | None:
        return self.store.dump(output, fmt)

    def close(self) -> None:
        if self.views is not None:
            self.views.close()

    def named_graph_count(self) -> int:
        return sum(1 for _ in self.store.named_graphs())

    def __len__(self) -> int:
        return len(self.store)


def _write_whole(path: Path, text: str) -> None:
    """`text` in `path`, durably, appearing all at once (written beside it, then renamed into place)."""
    part = path.with_name(path.name + ".part")
    with part.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    part.replace(path)
    _sync_folder(path.parent)


def open_embedded(location: str | Path, *, read_only: bool = False,
                  listener: WriteListener | None = None) -> GraphStore:
    """Open (creating if needed) the embedded store at `location`; `":memory:"` gives a throwaway one.
    `listener` is told about every write (`kg.stores.open_store` passes the store's views)."""
    location = str(location)
    try:
        if location == ":memory:":
            return GraphStore(Store(), location, listener=listener)
        if read_only:
            if not (Path(location) / "CURRENT").exists():
                raise StoreError(f"{location}: no store here yet (run `kg ingest` first, or pass --store DIR)")
            return GraphStore(Store.read_only(location), location, listener=listener)
        Path(location).mkdir(parents=True, exist_ok=True)
        store = GraphStore(Store(location), location, listener=listener)
        store.recovered = store.recover()
        return store
    except OSError as exc:
        if "lock" in str(exc).lower():
            raise in_use_error(location) from exc
        raise StoreError(f"{location}: cannot open the store: {exc}") from exc


_COUNTS = """
PREFIX zw: <https://w3id.org/zhengwu/ontology#>
SELECT
  (COUNT(DISTINCT ?article) AS ?articles) (COUNT(DISTINCT ?person) AS ?persons)
  (COUNT(DISTINCT ?event) AS ?events) (COUNT(DISTINCT ?policy) AS ?policies)
WHERE {
  { ?article a zw:Article } UNION { ?person a zw:Person } UNION
  { ?event zw:reportedIn ?a } UNION { ?policy a zw:Policy }
}
"""


def counts(store: KnowledgeStore) -> dict[str, int]:
    """How many articles, persons, events, policies, graphs and triples the store holds."""
    row = next(iter(solutions(store.query(_COUNTS))))
    out = {name: int(row[name].value) for name in ("articles", "persons", "events", "policies")}
    out["graphs"] = store.named_graph_count()
    out["quads"] = len(store)
    return out

