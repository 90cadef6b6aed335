"""SPARQL and Graph Store jobs, run inside the worker processes (`api.workers`).

Each function takes the store first and returns plain data (an `Answer`: the
media type, the bytes pyoxigraph serialised, whether the result was capped),
so it crosses the process boundary cheaply and a test can call it directly.

The row cap: results are first serialised as TSV (one solution, or one triple
in N-Triples, per line) into a buffer that stops the query as soon as it holds
`row_limit + 1` lines; if the client wants another format, pyoxigraph parses
the (capped) TSV back and serialises it again. Every byte is written by
pyoxigraph, and a huge result never gets computed past the cap. A SELECT whose
own LIMIT is within the cap (`guard.CheckedQuery.rows_at_most`) cannot reach it:
it is serialised once, straight into the format asked for.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pyoxigraph import (
    DefaultGraph,
    NamedNode,
    Quad,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    parse,
    parse_query_results,
)

from api import guard
from api.negotiation import choose
from kg.errors import BadInput, NotFound, QueryError
from kg.formats import RDF_MEDIA_TYPES, RESULT_MEDIA_TYPES, rdf_bytes, written
from kg.store_api import KnowledgeStore

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer  # what io.RawIOBase.write takes (collections.abc.Buffer from 3.12)

DEFAULT_RESULTS = "application/sparql-results+json"
DEFAULT_GRAPH = "text/turtle"


@dataclass(frozen=True)
class Answer:
    media_type: str
    body: bytes
    truncated: bool = False


@dataclass(frozen=True)
class Dataset:
    """The protocol's `default-graph-uri` / `named-graph-uri`; empty means the union of all graphs. `base`:
    the IRI relative IRIs of the query resolve against (the endpoint's URL)."""

    default: tuple[str, ...] = ()
    named: tuple[str, ...] = ()
    union: bool = True  # without graph IRIs: the union of all graphs (False: the store's own default graph)
    base: str | None = None

    def query_kwargs(self, named_in_query: guard.CheckedQuery) -> dict[str, Any]:
        """The dataset as `KnowledgeStore.query`'s keyword arguments: the protocol's graphs, else the query's
        FROM / FROM NAMED (both are graphs of this store, never fetched), else the union of all graphs."""
        if not self.default and not self.named and (named_in_query.default or named_in_query.named):
            return {"default_graph": [NamedNode(g) for g in named_in_query.default],
                    "named_graphs": [NamedNode(g) for g in named_in_query.named], "base_iri": self.base}
        if not self.default and not self.named:
            return {"union": self.union, "base_iri": self.base}
        kwargs: dict[str, Any] = {"default_graph": [NamedNode(g) for g in self.default], "base_iri": self.base}
        if self.named:
            kwargs["named_graphs"] = [NamedNode(g) for g in self.named]
        return kwargs


class _Full(Exception):
    """Raised from inside pyoxigraph's serialiser to stop a result at the cap."""


class _CappedBuffer(io.BytesIO):
    """Keeps what pyoxigraph's serialiser writes until `lines` lines have come, then stops it (`_Full`)."""

    def __init__(self, lines: int) -> None:
        super().__init__()
        self.lines, self.limit, self.truncated = 0, lines, False

    def write(self, chunk: ReadableBuffer) -> int:
        size = super().write(chunk)
        self.lines += bytes(chunk).count(b"\n")
        if self.lines > self.limit:
            self.truncated = True
            raise _Full
        return size

    def first_lines(self) -> bytes:
        if not self.truncated:
            return self.getvalue()
        return b"\n".join(self.getvalue().split(b"\n")[: self.limit]) + b"\n"


def _capped(write: Callable[[_CappedBuffer], object], lines: int) -> _CappedBuffer:
    buffer = _CappedBuffer(lines)
    failure = None
    try:
        write(buffer)
    except _Full:
        pass
    except OSError as exc:
        failure = None if buffer.truncated else f"query failed: {one_line(exc)}"
    if failure is not None:  # raised out here: an error raised inside the handler would hold `exc` in a cycle
        raise QueryError(failure)
    return buffer


def run_query(store: KnowledgeStore, query: str, dataset: Dataset, accept: str | None, row_limit: int,
              allow_service: bool = False) -> Answer:
    """Check a SPARQL query (`api.guard`), then run it and serialise its result as the client's `Accept` asks.

    The check comes first and alone: our grammar parses a bench question in well under a millisecond, and
    evaluating beside it in a second thread (as when rdflib's parse took as long as the query) made a
    new query text slower, not faster (2.9 ms against 2.2 ms over HTTP, docs/performance.md).
    """
    checked = guard.check_query(query, allow_service=allow_service)
    return _answer(store, query, dataset.query_kwargs(checked), accept, row_limit, checked.rows_at_most)


def _answer(store: KnowledgeStore, query: str, dataset: dict[str, Any], accept: str | None,
            row_limit: int, rows_at_most: int | None = None) -> Answer:
    try:
        result = store.query(query, **dataset)
    except SyntaxError as exc:
        raise QueryError(f"malformed query: {one_line(exc)}") from None
    except OSError as exc:
        raise QueryError(f"query failed: {one_line(exc)}") from None
    if isinstance(result, QueryBoolean):
        media = choose(accept, RESULT_MEDIA_TYPES, DEFAULT_RESULTS)
        return Answer(media, written(result.serialize(format=RESULT_MEDIA_TYPES[media])))
    if isinstance(result, QuerySolutions):
        media = choose(accept, RESULT_MEDIA_TYPES, DEFAULT_RESULTS)
        if rows_at_most is not None and rows_at_most <= row_limit:  # its own LIMIT keeps it under the cap
            return Answer(media, written(result.serialize(format=RESULT_MEDIA_TYPES[media])))
        buffer = _capped(lambda out: result.serialize(out, QueryResultsFormat.TSV), row_limit + 1)  # + header
        tsv = buffer.first_lines()
        if RESULT_MEDIA_TYPES[media] == QueryResultsFormat.TSV:
            return Answer(media, tsv, buffer.truncated)
        solutions = parse_query_results(tsv, QueryResultsFormat.TSV)
        return Answer(media, written(solutions.serialize(format=RESULT_MEDIA_TYPES[media])), buffer.truncated)
    media = choose(accept, RDF_MEDIA_TYPES, DEFAULT_GRAPH)
    buffer = _capped(lambda out: result.serialize(out, RdfFormat.N_TRIPLES), row_limit)
    triples = parse(buffer.first_lines(), RdfFormat.N_TRIPLES)
    return Answer(media, rdf_bytes(triples, RDF_MEDIA_TYPES[media]), buffer.truncated)


def run_update(store: KnowledgeStore, update: str, using: tuple[tuple[str, ...], tuple[str, ...]] = ((), ()),
               allow_service: bool = False, allow_load: bool = False, base_iri: str | None = None) -> None:
    """Check a SPARQL Update (`api.guard`), apply the protocol's USING graphs, run it (all of it or nothing),
    its relative IRIs resolved against `base_iri` (the endpoint's URL, the base the service chooses)."""
    update = guard.with_using(update, *using, allow_service=allow_service, allow_load=allow_load)
    try:
        store.update(update, base_iri=base_iri)
    except SyntaxError as exc:
        raise QueryError(f"malformed update: {one_line(exc)}") from None
    except OSError as exc:
        raise QueryError(f"update failed: {one_line(exc)}") from None
    store.flush()


def one_line(error: BaseException, limit: int = 300) -> str:
    """An engine's error as one short line. Anything that came back from a remote server (pyoxigraph quotes
    an HTTP answer after a colon) is cut away: no upstream body is ever echoed to the client.

    >>> one_line(OSError("Error 500 from http://127.0.0.1:9/x: secret\\nbody"))
    'Error 500 from http://127.0.0.1:9/x (details withheld)'
    """
    text = " ".join(str(error).split())
    if "http://" in text or "https://" in text:
        return text.split(": ", 1)[0][:limit] + " (details withheld)"
    return text[:limit]


# --- Graph Store HTTP Protocol ------------------------------------------------------
def _graph_name(graph: str | None) -> NamedNode | None:
    return NamedNode(graph) if graph is not None else None  # None: the default graph


def graph_exists(store: KnowledgeStore, graph: str | None) -> bool:
    return graph is None or store.contains_named_graph(NamedNode(graph))


def graph_get(store: KnowledgeStore, graph: str | None, accept: str | None) -> Answer:
    """The triples of one graph (`None`: the default graph), serialised as `accept` asks."""
    media = choose(accept, RDF_MEDIA_TYPES, DEFAULT_GRAPH)
    name = _graph_name(graph)
    if name is not None and not store.contains_named_graph(name):
        raise NotFound(f"no graph {graph}")
    triples = store.graph_triples(name)
    return Answer(media, rdf_bytes(triples, RDF_MEDIA_TYPES[media]))


def _parse_payload(data: bytes, media_type: str, graph: str | None) -> list[Quad]:
    fmt = RDF_MEDIA_TYPES.get(media_type)
    if fmt is None or fmt.supports_datasets:
        raise BadInput(f"unsupported RDF media type {media_type!r} for a graph")
    target = _graph_name(graph) or DefaultGraph()
    try:
        return [Quad(t.subject, t.predicate, t.object, target) for t in parse(data, fmt, base_iri=graph)]
    except (SyntaxError, ValueError) as exc:
        raise BadInput(f"the request body is not valid {media_type}: {exc}") from exc


def _replace_quads(store: KnowledgeStore, graph: str | None, quads: list[Quad], *, keep: bool) -> bool:
    """Put `quads` into `graph` in one transaction (after clearing it unless `keep`); True if created."""
    existed = graph_exists(store, graph)
    target = f"<{graph}>" if graph is not None else "DEFAULT"
    steps = [] if keep else [f"DROP SILENT {'GRAPH ' if graph is not None else ''}{target}"]
    body = " .\n".join(f"{q.subject} {q.predicate} {q.object}" for q in quads)
    if graph is not None:
        steps.append(f"INSERT DATA {{ GRAPH {target} {{ {body} }} }}")
    else:
        steps.append(f"INSERT DATA {{ {body} }}")
    store.update(" ;\n".join(steps))
    if graph is not None and not quads and not existed:
        store.add_graph(NamedNode(graph))
    store.flush()
    return not existed


def graph_put(store: KnowledgeStore, graph: str | None, data: bytes, media_type: str) -> bool:
    """Replace a graph's content; True if the graph was created."""
    return _replace_quads(store, graph, _parse_payload(data, media_type, graph), keep=False)


def graph_post(store: KnowledgeStore, graph: str | None, data: bytes, media_type: str) -> bool:
    """Merge triples into a graph; True if the graph was created."""
    return _replace_quads(store, graph, _parse_payload(data, media_type, graph), keep=True)


def graph_delete(store: KnowledgeStore, graph: str | None) -> None:
    name = _graph_name(graph)
    if name is not None and not store.contains_named_graph(name):
        raise NotFound(f"no graph {graph}")
    store.drop_graph(name)
    store.flush()
