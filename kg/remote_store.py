"""The store stage on a standalone SPARQL 1.1 server, for graphs one machine's embedded store cannot hold.

`RemoteStore` has the methods of `kg.store.GraphStore` but speaks the SPARQL
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
import re
from collections.abc import Iterable, Mapping

import httpx
from pyoxigraph import (
    NamedNode,
    Quad,
    QueryResultsFormat,
    RdfFormat,
    Store,
    parse,
    parse_query_results,
)

from kg.errors import QueryError, StoreError
from kg.store import DocumentWriter, QueryResult, _insert_data, _term

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

# Skipped when looking for the query's first `{`: comments, strings, IRIs.
_SKIPPABLE = re.compile(
    r'#[^\n]*|"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>'
)
_CONSTRUCT_TEMPLATE = re.compile(r"\bCONSTRUCT\s*$", re.IGNORECASE)


def bind_values(sparql: str, bindings: Mapping[str, object]) -> str:
    """`sparql` with `bindings` joined in as a VALUES block at the start of its WHERE group.

    The terms are written by pyoxigraph in N-Triples syntax (escaped), never
    pasted from user text, so this is as safe as binding on the server.

    >>> from pyoxigraph import Literal
    >>> bind_values('SELECT ?n WHERE { ?p <http://x/name> ?n }', {"p": Literal('a"}')})
    'SELECT ?n WHERE { VALUES (?p) { ("a\\\\"}") } ?p <http://x/name> ?n }'
    >>> bind_values('PREFIX s: <http://s/#> CONSTRUCT { ?a s:b ?c } WHERE { ?a s:b ?c }', {"c": Literal("1")})
    'PREFIX s: <http://s/#> CONSTRUCT { ?a s:b ?c } WHERE { VALUES (?c) { ("1") } ?a s:b ?c }'
    """
    if not bindings:
        return sparql
    names = " ".join(f"?{name}" for name in bindings)
    values = " ".join(_term(term) for term in bindings.values())
    block = f" VALUES ({names}) {{ ({values}) }}"
    brace = _where_brace(sparql)
    return sparql[: brace + 1] + block + sparql[brace + 1:]


def _where_brace(sparql: str) -> int:
    """Index of the `{` that opens the query's WHERE group (after a CONSTRUCT template, if any)."""
    depth, position, template = 0, 0, False
    while position < len(sparql):
        skipped = _SKIPPABLE.match(sparql, position)
        if skipped:
            position = skipped.end()
            continue
        char = sparql[position]
        if char == "{":
            if depth == 0 and not template and _CONSTRUCT_TEMPLATE.search(sparql[:position]):
                template = True
            elif depth == 0:
                return position
            depth += 1
        elif char == "}":
            depth -= 1
        position += 1
    raise QueryError("malformed query: no WHERE group to bind variables in")


class RemoteStore:
    """A SPARQL 1.1 server used as the store; same methods as `kg.store.GraphStore`."""

    def __init__(self, url: str, *, token: str | None = None, timeout: float = 300.0) -> None:
        self.location = url
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
        drops = [f"DROP SILENT GRAPH {_term(g)}" for g in sorted(old, key=lambda n: n.value)]
        self.update(" ;\n".join([*drops, _insert_data(graphs)]))

    def remove_document(self, document: NamedNode) -> int:
        graphs = self.graphs_of_document(document)
        if graphs:
            self.update(" ;\n".join(f"DROP SILENT GRAPH {_term(g)}" for g in graphs))
        return len(graphs)

    def flush(self) -> None:
        """Nothing to do: the server made each update durable when it answered."""

    def writer(self, batch_quads: int = 0) -> DocumentWriter:
        """Every document in its own update request: the protocol has no bulk path to batch into."""
        return DocumentWriter(self, 0)  # type: ignore[arg-type]  # the same write methods, over HTTP

    def backup(self, target: object) -> None:
        raise StoreError(f"{self.location}: back up a remote store with the server's own tools")

    # --- reading -------------------------------------------------------------------
    def query(
        self,
        sparql: str,
        substitutions: Mapping[str, object] | None = None,
        *,
        union: bool = True,
    ) -> QueryResult:
        """Run a query on the server; `substitutions` are joined in as VALUES, never pasted as text."""
        params = {"union-default-graph": "true"} if union else {}
        response = self._post(
            self.query_url, params=params, content=bind_values(sparql, substitutions or {}).encode(),
            headers={"Content-Type": "application/sparql-query; charset=utf-8", "Accept": _ACCEPT},
        )
        media = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if media in _RESULT_TYPES:
            return parse_query_results(response.content, _RESULT_TYPES[media])
        if media in _GRAPH_TYPES:
            return _as_query_triples(response.content, _GRAPH_TYPES[media])
        raise StoreError(f"{self.location}: unexpected answer of type {media or 'unknown'}")

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

