"""The store stage: where the graph lives.

`open_store(location)` gives an embedded Oxigraph store for a folder (or an
in-memory one for `":memory:"`). Every article lives in its own named graph,
and every article graph says which document it is part of
(`<article> dcterms:isPartOf <document>`), so a document's graphs can be
replaced or removed as a whole. Queries see the union of all graphs as the
default graph.
"""

from __future__ import annotations

import itertools
import os
import shutil
import sqlite3
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import TracebackType

from pyoxigraph import NamedNode, Quad, QueryBoolean, QuerySolutions, QueryTriples, Store, Variable

from kg.errors import QueryError, StoreError
from kg.iri import DCTERMS
from kg.views import open_views, quads_in, writing

QueryResult = QuerySolutions | QueryBoolean | QueryTriples
DocumentGraphMap = Mapping[NamedNode, Iterable[Quad]]  # a document's article graphs and their quads
JOURNAL = "kg-ingest-journal.tsv"  # in the store folder while a bulk batch is being written: document TAB graph
# Quads of new documents written together through the bulk path. At 100× (8.4 M quads) batches of 100,000 wrote
# at 0.88–0.97× bulk_load's speed and batches of 25,000 at 0.44× (each batch adds files RocksDB must compact); the
# batch is held as Python objects, ~1 kB a quad, so this costs ~100 MB of memory (docs/performance.md).
BATCH_QUADS = 100_000
FLUSH_EVERY = 100_000  # quads of replacements between flushes (RocksDB's write buffers grow until flushed)

IS_PART_OF = NamedNode(f"{DCTERMS}isPartOf")


def _term(term: object) -> str:
    return str(term)  # pyoxigraph terms print in N-Triples syntax


def _insert_data(graphs: Mapping[NamedNode, Iterable[Quad]]) -> str:
    blocks = []
    for graph, quads in graphs.items():
        triples = " .\n".join(f"{_term(q.subject)} {_term(q.predicate)} {_term(q.object)}" for q in quads)
        blocks.append(f"GRAPH {_term(graph)} {{\n{triples} }}")
    return "INSERT DATA {\n" + "\n".join(blocks) + "\n}"


class GraphStore:
    """An Oxigraph store with the operations the CLI and the API need."""

    def __init__(self, store: Store, location: str, *, read_only: bool = False) -> None:
        self.store = store
        self.location = location
        self.views = open_views(location, read_only=read_only)  # kg.views: precomputed REST records
        self.recovered: list[str] = []  # documents an interrupted bulk batch had half-written, removed on opening

    @property
    def folder(self) -> Path | None:
        return None if self.location == ":memory:" else Path(self.location)

    # --- writing -----------------------------------------------------------------
    def graphs_of_document(self, document: NamedNode) -> list[NamedNode]:
        """The named graphs holding `<article> dcterms:isPartOf document`.

        A direct index look-up rather than a SPARQL query: an ingest asks this of every document, and
        SPARQL queries against a store that bulk writes are growing made the process's memory grow with
        the store (~130 MB over 8 M quads, docs/performance.md); the look-up keeps it flat, ~10× faster.
        """
        quads = self.store.quads_for_pattern(None, IS_PART_OF, document, None)
        return list(dict.fromkeys(q.graph_name for q in quads if isinstance(q.graph_name, NamedNode)))

    def replace_document(self, document: NamedNode, graphs: Mapping[NamedNode, Iterable[Quad]]) -> None:
        """Replace every graph of `document` by `graphs`, in one transaction.

        Graphs the document had before but no longer has are dropped too, so a
        corrected document never leaves stale articles behind. A document new to
        the store is added with `Store.extend`, one transaction without SPARQL
        text to build and parse (~1.3× faster, see docs/performance.md); a
        replacement is one SPARQL Update, DROP + INSERT DATA. (An ingest sends
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
                drops = [f"DROP SILENT GRAPH {_term(g)}" for g in sorted(old, key=lambda n: n.value)]
                self.store.update(" ;\n".join([*drops, _insert_data(graphs)]))
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
        """Drop the graphs of a bulk batch that was interrupted (see `add_new_documents`); its documents."""
        journal = None if self.folder is None else self.folder / JOURNAL
        if journal is None or not journal.exists():
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
                self.store.update(" ;\n".join(f"DROP SILENT GRAPH {_term(g)}" for g in graphs))
        return len(graphs)

    def flush(self) -> None:
        self.store.flush()

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
    def query(
        self,
        sparql: str,
        substitutions: Mapping[str, object] | None = None,
        *,
        union: bool = True,
    ) -> QueryResult:
        """Run a SPARQL query; `substitutions` bind variables to RDF terms (never pasted into the text)."""
        subs = {Variable(k): v for k, v in (substitutions or {}).items()}
        try:
            return self.store.query(sparql, use_default_graph_as_union=union, substitutions=subs or None)
        except SyntaxError as exc:
            raise QueryError(f"malformed query: {exc}") from exc

    def named_graph_count(self) -> int:
        return sum(1 for _ in self.store.named_graphs())

    def __len__(self) -> int:
        return len(self.store)


class DocumentWriter:
    """Writes documents in the order given: new ones gathered into bulk batches, stored ones replaced at once.

    Use as a context manager (`with store.writer() as writer: writer.write(document, graphs)`): the
    last batch is written, and the store flushed, on leaving. A document already in the store, or
    one whose IRI repeats within the batch, first sends the batch, so writes keep their order.
    `batch_quads=0` replaces every document in its own transaction (no bulk path).
    """

    def __init__(self, store: GraphStore, batch_quads: int = BATCH_QUADS) -> None:
        self.store, self.batch_quads = store, batch_quads
        self._batch: list[tuple[NamedNode, DocumentGraphMap]] = []
        self._pending: set[NamedNode] = set()  # documents and graphs in the batch
        self._batched = self._unflushed = 0

    def write(self, document: NamedNode, graphs: Mapping[NamedNode, list[Quad]]) -> None:
        size = sum(len(quads) for quads in graphs.values())
        if self._pending & {document, *graphs}:
            self.send()
        if self.batch_quads > 0 and self.store.is_new(document, graphs):
            self._batch.append((document, graphs))
            self._pending |= {document, *graphs}
            self._batched += size
            if self._batched >= self.batch_quads:
                self.send()
            return
        self.send()
        self.store.replace_document(document, graphs)
        self._unflushed += size
        if self._unflushed >= FLUSH_EVERY:
            self.store.flush()
            self._unflushed = 0

    def send(self) -> None:
        """Write the batch gathered so far."""
        batch, self._batch, self._pending, self._batched = self._batch, [], set(), 0
        if batch:
            self.store.add_new_documents(batch)

    def close(self) -> None:
        """Write the last batch and flush the store."""
        self.send()
        self.store.flush()

    def __enter__(self) -> DocumentWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if kind is None or issubclass(kind, Exception):  # an interrupt (Ctrl-C) leaves the batch unwritten
            self.close()


def _write_whole(path: Path, text: str) -> None:
    """`text` in `path`, durably, appearing all at once (written beside it, then renamed into place)."""
    part = path.with_name(path.name + ".part")
    with part.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    part.replace(path)
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make a rename or removal in `folder` durable."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def open_store(location: str | Path, *, read_only: bool = False) -> GraphStore:
    """Open (creating if needed) the embedded store at `location`; `":memory:"` gives a throwaway one.

    An http(s) URL opens a standalone SPARQL 1.1 server instead (`kg.remote_store.RemoteStore`).
    """
    location = str(location)
    if location.startswith(("http://", "https://")):
        from kg.remote_store import RemoteStore

        return RemoteStore(location)  # type: ignore[return-value]  # same methods, over HTTP
    try:
        if location == ":memory:":
            return GraphStore(Store(), location)
        if read_only:
            if not (Path(location) / "CURRENT").exists():
                raise StoreError(f"{location}: no store here yet (run `kg ingest` first, or pass --store DIR)")
            return GraphStore(Store.read_only(location), location, read_only=True)
        Path(location).mkdir(parents=True, exist_ok=True)
        store = GraphStore(Store(location), location)
        store.recovered = store.recover()
        return store
    except OSError as exc:
        if "lock" in str(exc).lower():
            raise StoreError(
                f"{location}: the store is in use by another process (is `kg serve` running?); stop it, or "
                "write through the server: --store http://127.0.0.1:8000 with KG_UPDATE_TOKEN set"
            ) from exc
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


def counts(store: GraphStore) -> dict[str, int]:
    """How many articles, persons, events, policies, graphs and triples the store holds."""
    row = next(iter(store.query(_COUNTS)))
    out = {name: int(row[name].value) for name in ("articles", "persons", "events", "policies")}
    out["graphs"] = store.named_graph_count()
    out["quads"] = len(store)
    return out


def restore(backup: str | Path, location: str | Path) -> None:
    """Put a backup in place of the store at `location`, which must not be open.

    The backup is checked by opening it first, copied beside the target, then
    swapped in with renames, so a failure never leaves a half-restored store.
    """
    backup, location = Path(backup), Path(location)
    try:
        Store.read_only(str(backup))
    except OSError as exc:
        raise StoreError(f"{backup}: not a store backup: {exc}") from exc
    staging = location.with_name(location.name + ".restoring")
    retired = location.with_name(location.name + ".replaced")
    for leftover in (staging, retired):
        if leftover.exists():
            shutil.rmtree(leftover)
    shutil.copytree(backup, staging)
    if location.exists():
        location.rename(retired)
    staging.rename(location)
    if retired.exists():
        shutil.rmtree(retired)
