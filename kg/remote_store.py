"""The store stage on a standalone SPARQL 1.1 server, for graphs one machine's embedded store cannot hold.

`RemoteStore` implements `kg.store_api.KnowledgeStore` but speaks the SPARQL
1.1 Protocol over HTTP (`kg.remote_http`: which endpoint, which request form,
which credentials). Tested in CI against OpenLink Virtuoso and `oxigraph serve`.

Writing: replacing a document's graphs is ONE update request, `DROP SILENT
GRAPH …` for its old graphs and then `INSERT DATA` operations of at most
`KG_REMOTE_INSERT_TRIPLES` triples each (a Virtuoso 7.2.5 refused one `INSERT
DATA` of 1,534 triples: "generated SQL text has exceeded 10000 lines"), so a server
that runs a request as one transaction holds an article completely or not at all.

Counting and reading the project's own data look only at the project's named
graphs, those holding `<article> dcterms:isPartOf <document>` (every article
graph does, `kg.store`): never the server's default graph, which on Virtuoso is
the union of every graph, its own system graphs included. Large reads page
(`project_quads`): graphs are listed by key (their IRI's string, greater than
the last one seen; no OFFSET, which Virtuoso refuses past 10,000 sorted rows)
and fetched a page of at most `KG_REMOTE_PAGE_ROWS` quads at a time, below every
server's result cap (Virtuoso's ResultSetMaxRows: 10,000). A user's query is
sent as written; when its answer has exactly `KG_REMOTE_RESULT_CAP` rows,
`capped` says so (the CLI warns: the answer was probably cut).

Results come back as pyoxigraph's own result types (`QuerySolutions`,
`QueryBoolean`, `QueryTriples`), so callers cannot tell the stores apart.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import BinaryIO

from pyoxigraph import (
    Literal,
    NamedNode,
    Quad,
    QueryResultsFormat,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Store,
    Triple,
    parse,
    parse_query_results,
    serialize,
)

from kg.errors import StoreError
from kg.formats import RDF_MEDIA_TYPES, RESULT_MEDIA_TYPES
from kg.iri import DCTERMS
from kg.remote_http import SparqlHttp
from kg.settings import Settings
from kg.sparql_text import Term, bind, drop_graphs, insert_data, term, with_base
from kg.store_api import DocumentGraphMap, QueryResult, WriteListener, solutions
from kg.writer import DocumentWriter

_VIRTUOSO_ASK = "__ASK_RETVAL"  # Virtuoso 7.2 answers ASK with one row of this variable, 1 or 0
_IS_PART_OF = f"<{DCTERMS}isPartOf>"
_PROJECT_GRAPH = f"GRAPH ?g {{ ?article {_IS_PART_OF} ?document }}"  # the marker of the project's graphs
_GRAPHS_OF_DOCUMENT = f"SELECT DISTINCT ?g WHERE {{ {_PROJECT_GRAPH} }}"
_GRAPH_COUNT = f"SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{ {_PROJECT_GRAPH} }}"
_QUAD_COUNT = f"SELECT (COUNT(*) AS ?n) WHERE {{ {{ {_GRAPHS_OF_DOCUMENT} }} GRAPH ?g {{ ?s ?p ?o }} }}"
# The next project graphs after a key, with their sizes; `#AFTER` becomes a FILTER on the key.
_GRAPHS_PAGE = f"""
SELECT ?g ?key (COUNT(*) AS ?n) WHERE {{
  {{ SELECT DISTINCT ?g ?key WHERE {{ {_PROJECT_GRAPH} BIND(STR(?g) AS ?key) #AFTER }} ORDER BY ?key LIMIT #ROWS }}
  GRAPH ?g {{ ?s ?p ?o }}
}} GROUP BY ?g ?key ORDER BY ?key
"""
_HAS_GRAPH = "ASK WHERE { GRAPH ?g { } }"
_NAMED_GRAPH = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
_DEFAULT_GRAPH = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
_QUADS_OF = "SELECT ?g ?s ?p ?o WHERE { VALUES ?g { #GRAPHS } GRAPH ?g { ?s ?p ?o } }"


class RemoteStore:
    """A SPARQL 1.1 server used as the store (a `kg.store_api.KnowledgeStore`)."""

    def __init__(self, url: str, *, token: str | None = None, timeout: float | None = None,
                 settings: Settings | None = None) -> None:
        settings = settings or Settings()
        self.location = url
        self.views: WriteListener | None = None  # the server keeps its own (kg serve) or none
        self.recovered: list[str] = []  # the server recovers its own writes
        self.insert_triples = max(1, settings.remote_insert_triples)
        self.page_rows = max(1, settings.remote_page_rows)
        self.result_cap = settings.remote_result_cap
        self.capped: int | None = None  # rows of the last answer, when exactly `result_cap` (probably cut)
        self.http = SparqlHttp(url, user=settings.store_user, password=settings.store_password,
                               token=token if token is not None else settings.update_token,
                               timeout=timeout if timeout is not None else settings.remote_timeout)

    # --- writing -------------------------------------------------------------------
    def update(self, sparql: str, base_iri: str | None = None) -> None:
        """Run a SPARQL Update on the server (one request, one transaction where the server has them)."""
        self.http.update(with_base(sparql, base_iri))

    def graphs_of_document(self, document: NamedNode) -> list[NamedNode]:
        return [row["g"] for row in solutions(self.query(_GRAPHS_OF_DOCUMENT, {"document": document}, union=False))]

    def replace_document(self, document: NamedNode, graphs: Mapping[NamedNode, Iterable[Quad]]) -> None:
        """Replace every graph of `document` by `graphs` in one update request."""
        old = set(self.graphs_of_document(document)) | set(graphs)
        drops = drop_graphs(sorted(old, key=lambda n: n.value))
        self.update(" ;\n".join([*drops, *insert_operations(graphs, self.insert_triples)]))

    def is_new(self, document: NamedNode, graphs: Iterable[NamedNode]) -> bool:
        return not self.graphs_of_document(document) and not any(self.contains_named_graph(g) for g in graphs)

    def add_new_documents(self, batch: list[tuple[NamedNode, DocumentGraphMap]]) -> None:
        """One update request per document: the protocol has no bulk path."""
        for document, graphs in batch:
            self.replace_document(document, graphs)

    def remove_document(self, document: NamedNode) -> int:
        graphs = self.graphs_of_document(document)
        if graphs:
            self.update(" ;\n".join(drop_graphs(graphs)))
        return len(graphs)

    def flush(self) -> None:
        """Nothing to do: the server made each update durable when it answered."""

    def writer(self, batch_quads: int = 0) -> DocumentWriter:
        """Every document in its own update request: the protocol has no bulk path to batch into."""
        return DocumentWriter(self, 0)

    def optimize(self) -> None:
        """Nothing to do: a server keeps its own files."""

    def backup(self, target: str | Path) -> None:
        raise StoreError(f"{self.location}: back up a remote store with the server's own tools")

    # --- reading -------------------------------------------------------------------
    def query(self, sparql: str, substitutions: Mapping[str, Term] | None = None, *, union: bool = True,
              default_graph: Sequence[NamedNode] | None = None,
              named_graphs: Sequence[NamedNode] | None = None, base_iri: str | None = None) -> QueryResult:
        """Run a query on the server; `substitutions` are joined in as VALUES, never pasted as text. A dataset
        goes as the protocol's `default-graph-uri`/`named-graph-uri` parameters.

        `union` asks for the union of all graphs as the default graph where the server needs asking
        (Oxigraph); Virtuoso's default graph is that union already.
        """
        params: list[tuple[str, str]] = [("union-default-graph", "true")] if union else []
        if default_graph is not None or named_graphs is not None:
            params = [("default-graph-uri", g.value) for g in default_graph or ()]
            params += [("named-graph-uri", g.value) for g in named_graphs or ()]
        values = {name: [value] for name, value in (substitutions or {}).items()}
        response = self.http.query(with_base(bind(sparql, values), base_iri), params)
        media = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if media in RDF_MEDIA_TYPES:
            self.capped = None
            return _as_query_triples(response.content, RDF_MEDIA_TYPES[media])
        if media not in RESULT_MEDIA_TYPES:
            raise StoreError(f"{self.location}: unexpected answer of type {media or 'unknown'}")
        results = parse_query_results(response.content, RESULT_MEDIA_TYPES[media])
        if not isinstance(results, QuerySolutions):
            self.capped = None
            return results
        rows = list(results)
        if [str(v) for v in results.variables] == [f"?{_VIRTUOSO_ASK}"] and len(rows) == 1:
            answer = rows[0][_VIRTUOSO_ASK].value not in ("0", "false")
            return parse_query_results(json.dumps({"head": {}, "boolean": answer}).encode(), QueryResultsFormat.JSON)
        self.capped = len(rows) if self.result_cap and len(rows) == self.result_cap else None
        return parse_query_results(response.content, RESULT_MEDIA_TYPES[media])  # read again: rows are consumed

    def _number(self, sparql: str) -> int:
        return int(next(iter(solutions(self.query(sparql, union=False))))["n"].value)

    def named_graph_count(self) -> int:
        """The project's graphs (the server's own graphs, and the default graph, are not counted)."""
        return self._number(_GRAPH_COUNT)

    def __len__(self) -> int:
        """The quads in the project's graphs."""
        return self._number(_QUAD_COUNT)

    def project_quads(self) -> Iterator[Quad]:
        """Every quad of the project's graphs, read a page of at most `page_rows` quads at a time."""
        after: str | None = None
        while True:
            listed = _GRAPHS_PAGE.replace("#ROWS", str(self.page_rows)).replace(
                "#AFTER", "" if after is None else f"FILTER(?key > {term(Literal(after))})")
            sizes = [(row["g"], int(row["n"].value), row["key"].value) for row in solutions(self.query(listed, union=False))]
            if not sizes:
                return
            batch: list[NamedNode] = []
            held = 0
            for graph, size, _ in sizes:
                if batch and held + size > self.page_rows:
                    yield from self._quads_of(batch, held)
                    batch, held = [], 0
                batch.append(graph)
                held += size
            yield from self._quads_of(batch, held)
            after = sizes[-1][2]

    def _quads_of(self, graphs: list[NamedNode], size: int) -> Iterator[Quad]:
        query = _QUADS_OF.replace("#GRAPHS", " ".join(term(g) for g in graphs))
        if size <= self.page_rows:
            pages = [query]
        else:  # one graph larger than a page: in pages of its own, in a fixed order
            pages = [f"{query} ORDER BY ?s ?p ?o LIMIT {self.page_rows} OFFSET {offset}"
                     for offset in range(0, size, self.page_rows)]
        for page in pages:
            for row in solutions(self.query(page, union=False)):
                yield Quad(row["s"], row["p"], row["o"], row["g"])

    # --- graphs --------------------------------------------------------------------
    def contains_named_graph(self, graph: NamedNode) -> bool:
        return bool(self.query(_HAS_GRAPH, {"g": graph}, union=False))

    def graph_triples(self, graph: NamedNode | None) -> Iterator[Triple]:
        if graph is None:
            result = self.query(_DEFAULT_GRAPH, union=False)
        else:
            result = self.query(_NAMED_GRAPH, {"g": graph}, union=False)
        assert isinstance(result, QueryTriples)
        return iter(result)

    def dump(self, output: BinaryIO | None, fmt: RdfFormat) -> bytes | None:
        """The project's graphs, read page by page (`project_quads`): the protocol has no dump, and a
        server's default graph may hold what is not the project's (Virtuoso's: every graph, its own too)."""
        return serialize(self.project_quads(), output, fmt)

    def add_graph(self, graph: NamedNode) -> None:
        self.update(f"CREATE SILENT GRAPH {term(graph)}")

    def drop_graph(self, graph: NamedNode | None) -> None:
        self.update("DROP SILENT DEFAULT" if graph is None else drop_graphs([graph])[0])

    def close(self) -> None:
        self.http.close()


def insert_operations(graphs: Mapping[NamedNode, Iterable[Quad]], most: int) -> list[str]:
    """`INSERT DATA` operations of at most `most` triples each, together holding every quad of `graphs`.

    >>> g, s, p = NamedNode("urn:g"), NamedNode("urn:s"), NamedNode("urn:p")
    >>> [op.count(" .") + 1 for op in insert_operations({g: [Quad(s, p, Literal(str(i)), g) for i in range(5)]}, 2)]
    [2, 2, 1]
    """
    operations: list[str] = []
    chunk: dict[NamedNode, list[Quad]] = {}
    held = 0
    for graph, quads in graphs.items():
        for quad in quads:
            chunk.setdefault(graph, []).append(quad)
            held += 1
            if held == most:
                operations.append(insert_data(chunk))
                chunk, held = {}, 0
    if chunk or not operations:
        operations.append(insert_data(chunk))
    return operations


def _as_query_triples(data: bytes, fmt: RdfFormat) -> QueryResult:
    """A CONSTRUCT/DESCRIBE answer as pyoxigraph's own `QueryTriples`."""
    scratch = Store()
    scratch.bulk_extend(Quad(t.subject, t.predicate, t.object) for t in parse(data, fmt))
    return scratch.query("CONSTRUCT WHERE { ?s ?p ?o }")
