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
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path

from pyoxigraph import NamedNode, Quad, QueryBoolean, QuerySolutions, QueryTriples, Store, Variable

from kg.errors import QueryError, StoreError
from kg.iri import DCTERMS
from kg.views import open_views, quads_in, writing

QueryResult = QuerySolutions | QueryBoolean | QueryTriples

_GRAPHS_OF_DOCUMENT = f"""
SELECT DISTINCT ?g ?document WHERE {{ GRAPH ?g {{ ?article <{DCTERMS}isPartOf> ?document }} }}
"""


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

    # --- writing -----------------------------------------------------------------
    def graphs_of_document(self, document: NamedNode) -> list[NamedNode]:
        rows = self.store.query(_GRAPHS_OF_DOCUMENT, substitutions={Variable("document"): document})
        return [row["g"] for row in rows]

    def replace_document(self, document: NamedNode, graphs: Mapping[NamedNode, Iterable[Quad]]) -> None:
        """Replace every graph of `document` by `graphs`, in one transaction.

        Graphs the document had before but no longer has are dropped too, so a
        corrected document never leaves stale articles behind. A document new to
        the store (the bulk of any ingest) is added with `Store.extend`, one
        transaction without SPARQL text to build and parse (~1.3× faster, see
        docs/performance.md); a replacement is one SPARQL Update, DROP + INSERT DATA.
        """
        old = set(self.graphs_of_document(document))
        old |= {g for g in graphs if self.store.contains_named_graph(g)}
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
        except OSError as exc:
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
        return GraphStore(Store(location), location)
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
