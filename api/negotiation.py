"""Content negotiation: which serialisation of a result the client's `Accept` header asks for."""

from __future__ import annotations

from pyoxigraph import QueryResultsFormat, RdfFormat

from kg.errors import KgError


class NotAcceptable(KgError):
    """No serialisation the client accepts exists for this result (HTTP 406)."""


RESULT_FORMATS: dict[str, QueryResultsFormat] = {
    "application/sparql-results+json": QueryResultsFormat.JSON,
    "application/sparql-results+xml": QueryResultsFormat.XML,
    "text/csv": QueryResultsFormat.CSV,
    "text/tab-separated-values": QueryResultsFormat.TSV,
    "application/json": QueryResultsFormat.JSON,
    "application/xml": QueryResultsFormat.XML,
    "text/xml": QueryResultsFormat.XML,
}
GRAPH_FORMATS: dict[str, RdfFormat] = {
    "text/turtle": RdfFormat.TURTLE,
    "application/n-triples": RdfFormat.N_TRIPLES,
    "application/n-quads": RdfFormat.N_QUADS,
    "application/rdf+xml": RdfFormat.RDF_XML,
    "application/ld+json": RdfFormat.JSON_LD,
    "application/trig": RdfFormat.TRIG,
    "text/plain": RdfFormat.N_TRIPLES,
    "application/x-turtle": RdfFormat.TURTLE,
}


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """Media ranges by preference (q, then specificity), q=0 dropped; no header accepts anything.

    >>> parse_accept("text/turtle;q=0.5, application/ld+json, */*;q=0.1")
    [('application/ld+json', 1.0), ('text/turtle', 0.5), ('*/*', 0.1)]
    >>> parse_accept(None)
    [('*/*', 1.0)]
    >>> parse_accept("text/turtle;q=0")
    []
    """
    ranges = []
    for position, part in enumerate((header if header and header.strip() else "*/*").split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if media and q > 0:
            specificity = media.count("*")
            ranges.append((-q, specificity, position, media.lower(), q))
    ranges.sort()
    return [(media, q) for _, _, _, media, q in ranges]


def choose(header: str | None, offers: dict[str, object], default: str) -> str:
    """The offered media type the client prefers; `default` answers a wildcard.

    >>> choose("text/html,application/xhtml+xml,*/*;q=0.8", GRAPH_FORMATS, "text/turtle")
    'text/turtle'
    >>> choose("application/sparql-results+xml", RESULT_FORMATS, "application/sparql-results+json")
    'application/sparql-results+xml'
    >>> choose("image/png", RESULT_FORMATS, "application/sparql-results+json")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    api.negotiation.NotAcceptable: none of the accepted types (image/png) is offered; offered: ...
    """
    for media, _ in parse_accept(header):
        if media in offers:
            return media
        if media == "*/*":
            return default
        if media.endswith("/*"):
            family = media[:-1]
            if default.startswith(family):
                return default
            match = next((offer for offer in offers if offer.startswith(family)), None)
            if match:
                return match
    raise NotAcceptable(f"none of the accepted types ({header}) is offered; offered: {', '.join(offers)}")
