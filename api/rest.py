"""What the REST routers share: ids ⇄ IRIs, paging parameters, JSON or JSON-LD by `Accept`."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Request
from fastapi.responses import JSONResponse
from pyoxigraph import NamedNode

from api.negotiation import parse_accept
from kg.errors import BadInput
from kg.iri import DCTERMS, ORG, PROV, RDFS, SKOS, ZW
from kg.views import HEADER as VIEW_HEADER

Limit = Annotated[int, Query(ge=1, le=500, description="items per page")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="items to skip")]

CONTEXT = {
    "@vocab": ZW, "iri": "@id", "type": "@type", "items": "@graph",
    "label": RDFS + "label", "labels": RDFS + "label", "variants": SKOS + "altLabel",
    "title": DCTERMS + "title", "issued": DCTERMS + "issued", "article": {"@id": ZW + "reportedIn", "@type": "@id"},
    "posts": {"@id": ORG + "holds"}, "organisation": {"@id": ORG + "postIn"}, "quote": ZW + "quote",
    "evidence": ZW + "evidence", "sentence": ZW + "text", "role": PROV + "hadRole",
}


def to_iri(base: str, kind: str, ident: str) -> str:
    """The IRI an API id stands for: a full IRI, `kind/rest` or `rest` under `base` (any path if no kind).

    >>> to_iri("https://w3id.org/zhengwu/id/", "person", "无锡/杜小刚")
    'https://w3id.org/zhengwu/id/person/无锡/杜小刚'
    """
    ident = ident.strip()
    if ident.startswith(("http://", "https://")):
        iri = ident
    elif not kind or ident.startswith(kind + "/"):
        iri = base + ident
    else:
        iri = f"{base}{kind}/{ident}"
    try:
        return NamedNode(iri).value
    except ValueError:
        raise BadInput(f"{ident!r} is not a valid id or IRI") from None


def respond(request: Request, record: dict) -> JSONResponse:
    """The record as JSON, or as JSON-LD (with its @context) when the client prefers that."""
    accept = [media for media, _ in parse_accept(request.headers.get("accept"))]
    ld, js = "application/ld+json", "application/json"
    if ld in accept and (js not in accept or accept.index(ld) < accept.index(js)):
        return JSONResponse({"@context": CONTEXT, **record}, media_type="application/ld+json")
    return JSONResponse(record)


def respond_with_source(request: Request, served: tuple[dict, str]) -> JSONResponse:
    """A (record, source) pair from `kg.records.from_view_or_live` as `respond` shapes it, with the
    `X-KG-View` header saying where it came from: "view" (precomputed, kg.views) or "live" (computed now)."""
    record, source = served
    response = respond(request, record)
    response.headers[VIEW_HEADER] = source
    return response
