"""Content negotiation: which serialisation of a result the client's `Accept` header asks for.

The formats on offer and their media types are `kg.formats`' table."""

from __future__ import annotations

from collections.abc import Mapping

from kg.errors import KgError


class NotAcceptable(KgError):
    """No serialisation the client accepts exists for this result (HTTP 406)."""


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


def choose(header: str | None, offers: Mapping[str, object], default: str) -> str:
    """The offered media type the client prefers; `default` answers a wildcard.

    >>> from kg.formats import RDF_MEDIA_TYPES, RESULT_MEDIA_TYPES
    >>> choose("text/html,application/xhtml+xml,*/*;q=0.8", RDF_MEDIA_TYPES, "text/turtle")
    'text/turtle'
    >>> choose("application/sparql-results+xml", RESULT_MEDIA_TYPES, "application/sparql-results+json")
    'application/sparql-results+xml'
    >>> choose("image/png", RESULT_MEDIA_TYPES, "application/sparql-results+json")  # doctest: +ELLIPSIS
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


def bodies(description: str, *offers: Mapping[str, object], status: int = 200) -> dict[int | str, dict]:
    """A route's `responses=` entry for a body served in any media type of `offers` (kg.formats' tables):
    text or bytes in that syntax, which /openapi.json describes per media type instead of as JSON.

    >>> sorted(bodies("RDF", {"text/turtle": 1})[200]["content"])
    ['text/turtle']
    """
    content = {media: {"schema": {"type": "string", "format": "binary", "description": f"{description} ({media})"}}
               for offer in offers for media in offer}
    return {status: {"description": description, "content": content}}


NO_BODY: dict[int | str, dict] = {204: {"description": "done; no body"}}
HTML_PAGE = {"text/html": "a page for a browser"}
