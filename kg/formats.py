"""The RDF and query-result formats the project reads and writes: one table, by name and by media type.

pyoxigraph already knows each format's media type, file extension and the
aliases a client may send (`RdfFormat.from_media_type("application/x-turtle")`
is Turtle); this module only says which formats we offer and under which short
names the command line spells them. Everything else — HTTP content negotiation,
the remote store reading a server's answer, `kg extract/query/export --format` —
looks formats up here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from pyoxigraph import Quad, QueryResultsFormat, RdfFormat, Triple, serialize

from kg.iri import PREFIXES

# The command line's names, in the order `--help` lists them.
RDF_FORMATS: dict[str, RdfFormat] = {
    "nquads": RdfFormat.N_QUADS,
    "trig": RdfFormat.TRIG,
    "turtle": RdfFormat.TURTLE,
    "ntriples": RdfFormat.N_TRIPLES,
    "jsonld": RdfFormat.JSON_LD,
    "rdfxml": RdfFormat.RDF_XML,
}
RESULT_FORMATS: dict[str, QueryResultsFormat] = {
    "json": QueryResultsFormat.JSON,
    "xml": QueryResultsFormat.XML,
    "csv": QueryResultsFormat.CSV,
    "tsv": QueryResultsFormat.TSV,
}
# Networks for graph tools (Gephi, Cytoscape, networkx), drawn by `kg.export`: not RDF. By name, their media
# types (pyoxigraph knows none of them).
DRAWN_FORMATS: dict[str, str] = {
    "graphml": "application/graphml+xml",
    "gexf": "application/gexf+xml",
    "cytoscape": "application/json",  # Cytoscape.js `elements`
}


def media_type(fmt: RdfFormat | QueryResultsFormat) -> str:
    """The format's media type without parameters (pyoxigraph adds `; charset=utf-8` to CSV and TSV).

    >>> media_type(QueryResultsFormat.CSV)
    'text/csv'
    """
    return fmt.media_type.split(";")[0].strip()


F = TypeVar("F", RdfFormat, QueryResultsFormat)


def _by_media_type(formats: Iterable[F], aliases: Iterable[str], read: Callable[[str], F | None]) -> dict[str, F]:
    """Each format by its own media type, preferred first, then the older names clients still send for
    one of them (`read` is pyoxigraph's `from_media_type`, which knows the aliases)."""
    offers = {media_type(fmt): fmt for fmt in formats}
    for alias in aliases:
        fmt = read(alias)
        if fmt is None or fmt not in offers.values():
            raise ValueError(f"{alias} is not a name of an offered format")
        offers[alias] = fmt
    return offers


# What an HTTP client may ask for (Accept) or send (Content-Type).
RDF_MEDIA_TYPES: dict[str, RdfFormat] = _by_media_type(
    [RdfFormat.TURTLE, RdfFormat.N_TRIPLES, RdfFormat.N_QUADS, RdfFormat.RDF_XML, RdfFormat.JSON_LD,
     RdfFormat.TRIG], ["text/plain", "application/x-turtle"], RdfFormat.from_media_type)
RESULT_MEDIA_TYPES: dict[str, QueryResultsFormat] = _by_media_type(
    [QueryResultsFormat.JSON, QueryResultsFormat.XML, QueryResultsFormat.CSV, QueryResultsFormat.TSV],
    ["application/json", "application/xml", "text/xml"], QueryResultsFormat.from_media_type)


def rdf_bytes(items: Iterable[Triple] | Iterable[Quad], fmt: RdfFormat) -> bytes:
    """`items` in `fmt`, with the project's prefixes (`kg.iri.PREFIXES`) where the syntax has them."""
    prefixes = PREFIXES if fmt in (RdfFormat.TURTLE, RdfFormat.TRIG, RdfFormat.RDF_XML) else None
    return written(serialize(items, format=fmt, prefixes=prefixes))


def written(data: bytes | None) -> bytes:
    """What a pyoxigraph `serialize` called without an output returned (always bytes; its stubs say
    `bytes | None` because the same function writes to a file when given one)."""
    if data is None:
        raise TypeError("serialize was given an output: it returned nothing")
    return data
