"""The store stage on a standalone SPARQL 1.1 server, for graphs one machine's embedded store cannot hold.

`RemoteStore` implements `kg.store_api.KnowledgeStore` but speaks the SPARQL
1.1 Protocol over HTTP, so any server that answers SPARQL queries and updates
works: `oxigraph serve`, Apache Jena Fuseki, QLever, Virtuoso, GraphDB, or our
own `kg serve`. Replacing a document's graphs is ONE SPARQL Update request
(`DROP SILENT GRAPH … ; INSERT DATA { … }`), which servers run as one
transaction, so an article is on the server either completely or not at all.

Where the endpoints are: a URL whose path ends in `/sparql` is used for queries
and updates alike (Virtuoso, GraphDB, QLever, `kg serve`); one ending in
`/query` has its update endpoint beside it at `/update` (Oxigraph, Fuseki).
For a bare base URL (`http://127.0.0.1:7878`, `http://host:3030/ds`) the
store asks `<base>/query` once and falls back to `<base>/sparql`.

Results come back as pyoxigraph's own result types (`QuerySolutions`,
`QueryBoolean`, `QueryTriples`), so callers cannot tell the stores apart.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import BinaryIO

import httpx
from pyoxigraph import (
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

from kg.errors import QueryError, StoreError
from kg.sparql_text import bind, drop_graphs, insert_data, term
from kg.store_api import DocumentGraphMap, QueryResult, WriteListener
from kg.writer import DocumentWriter

_RESULT_TYPES = {
    "application/sparql-results+json": QueryResultsFormat.JSON,
    "application/sparql-results+xml": QueryResultsFormat.XML,
    "text/tab-separated-values": QueryResultsFormat.TSV,
}
_GRAPH_TYPES = {
    "application/n-triples": RdfFormat.N_TRIPLES,
    "text/turtle": RdfFormat.TURTLE,
    "application/n-quads": RdfFormat.N_QUADS,
    "application/rdf+xml": RdfFormat.RDF_XML,
}
_ACCEPT = ("application/sparql-results+json, application/sparql-results+xml;q=0.9, "
           "application/n-triples, text/turtle;q=0.9")
_GRAPHS_OF_DOCUMENT = """
SELECT DISTINCT ?g WHERE { GRAPH ?g { ?article <http://purl.org/dc/terms/isPartOf> ?document } }
"""
_GRAPH_COUNT = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
_QUAD_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
_DEFAULT_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
_HAS_GRAPH = "ASK WHERE { GRAPH ?g { } }"
_NAMED_GRAPH = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
_ALL_NAMED = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
_DEFAULT_ALL = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
_DEFAULT_GRAPH = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"

class RemoteStore:
    """A SPARQL 1.1 server used as the store (a `kg.store_api.KnowledgeStore`)."""

    def __init__(self, url: str, *, token: str | None = None, timeout: float = 300.0) -> None:
        self.location = url
        self.views: WriteListener | None = None  # the server keeps its own (kg serve) or none
        self.recovered: list[str] = []  # the server recovers its own writes
        headers = {"User-Agent": "zhengwu-kg"}
        token = token if token is not None else os.environ.get("KG_UPDATE_TOKEN")
        self._update_headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.client = httpx.Client(headers=headers, timeout=timeout)
        self.query_url, self.update_url = self._endpoints(url.rstrip("/"))

    def _endpoints(self, url: str) -> tuple[str, str]:
        if url.endswith("/sparql"):
            return url, url
        if url.endswith("/query"):
            return url, url[: -len("query")] + "update"
        try:
            probe = self.client.get(url + "/query", params={"query": "ASK {}"},
                                    headers={"Accept": "application/sparql-results+json"})
        except httpx.HTTPError as exc:
            raise StoreError(f"{url}: cannot reach the SPARQL server: {exc}") from exc
        if probe.is_success:
            return url + "/query", url + "/update"
        return url + "/sparql", url + "/sparql"

    # --- HTTP ----------------------------------------------------------------------
    def _post(self, url: str, **kwargs: object) -> httpx.Response:
        try:
            response = self.client.post(url, **kwargs)
        except httpx.HTTPError as exc:
            raise StoreError(f"{self.location}: cannot reach the SPARQL server: {exc}") from exc
        if response.status_code in (400, 422):
            raise QueryError(f"malformed query: {response.text.strip()[:300]}")
        if response.status_code in (401, 403):
            raise StoreError(f"{self.location}: the server refused the request (set KG_UPDATE_TOKEN?)")
        if not response.is_success:
            raise StoreError(f"{self.location}: HTTP {response.status_code}: {response.text.strip()[:300]}")
        return response

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update on the server (one request, one transaction)."""
        self._post(self.update_url, content=sparql.encode(),
                   headers={"Content-Type": "application/sparql-update; charset=utf-8", **self._update_headers})

    # --- writing -------------------------------------------------------------------
    def graphs_of_document(self, document: NamedNode) -> list[NamedNode]:
        return [row["g"] for row in self.query(_GRAPHS_OF_DOCUMENT, {"document": document})]

    def replace_document(self, document: NamedNode, graphs: Mapping[NamedNode, Iterable[Quad]]) -> None:
        """Replace every graph of `document` by `graphs` in one SPARQL Update request."""
        old = set(self.graphs_of_document(document)) | set(graphs)
        drops = drop_graphs(sorted(old, key=lambda n: n.value))
        self.update(" ;\n".join([*drops, insert_data(graphs)]))

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

    def backup(self, target: str | Path) -> None:
        raise StoreError(f"{self.location}: back up a remote store with the server's own tools")

    # --- reading -------------------------------------------------------------------
    def query(self, sparql: str, substitutions: Mapping[str, object] | None = None, *, union: bool = True,
              default_graph: Sequence[NamedNode] | None = None,
              named_graphs: Sequence[NamedNode] | None = None) -> QueryResult:
        """Run a query on the server; `substitutions` are joined in as VALUES, never pasted as text. A dataset
        goes as the protocol's `default-graph-uri`/`named-graph-uri` parameters."""
        params: list[tuple[str, str]] = [("union-default-graph", "true")] if union else []
        if default_graph is not None or named_graphs is not None:
            params = [("default-graph-uri", g.value) for g in default_graph or ()]
            params += [("named-graph-uri", g.value) for g in named_graphs or ()]
        values = {name: [value] for name, value in (substitutions or {}).items()}
        response = self._post(
            self.query_url, params=params, content=bind(sparql, values).encode(),
            headers={"Content-Type": "application/sparql-query; charset=utf-8", "Accept": _ACCEPT},
        )
        media = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if media in _RESULT_TYPES:
            return parse_query_results(response.content, _RESULT_TYPES[media])
        if media in _GRAPH_TYPES:
            return _as_query_triples(response.content, _GRAPH_TYPES[media])
        raise StoreError(f"{self.location}: unexpected answer of type {media or 'unknown'}")

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
        """Every quad, read with one SELECT per graph kind (the protocol has no dump)."""
        named, default = self.query(_ALL_NAMED, union=False), self.query(_DEFAULT_ALL, union=False)
        assert isinstance(named, QuerySolutions) and isinstance(default, QuerySolutions)
        quads = [Quad(r["s"], r["p"], r["o"], r["g"]) for r in named]
        quads += [Quad(r["s"], r["p"], r["o"]) for r in default]
        return serialize(quads, output, fmt)

    def add_graph(self, graph: NamedNode) -> None:
        self.update(f"CREATE SILENT GRAPH {term(graph)}")

    def drop_graph(self, graph: NamedNode | None) -> None:
        self.update("DROP SILENT DEFAULT" if graph is None else drop_graphs([graph])[0])

    def _number(self, sparql: str) -> int:
        return int(next(iter(self.query(sparql, union=False)))["n"].value)

    def named_graph_count(self) -> int:
        return self._number(_GRAPH_COUNT)

    def __len__(self) -> int:
        return self._number(_QUAD_COUNT) + self._number(_DEFAULT_COUNT)

    def close(self) -> None:
        self.client.close()


def _as_query_triples(data: bytes, fmt: RdfFormat) -> QueryResult:
    """A CONSTRUCT/DESCRIBE answer as pyoxigraph's own `QueryTriples`."""
    scratch = Store()
    scratch.bulk_extend(Quad(t.subject, t.predicate, t.object) for t in parse(data, fmt))
    return scratch.query("CONSTRUCT WHERE { ?s ?p ?o }")

