"""What the REST routers share: ids ⇄ IRIs, paging parameters, JSON or JSON-LD by `Accept`."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import Query, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pyoxigraph import NamedNode

from api.negotiation import parse_accept
from api.service import StoreService
from kg.errors import BadInput
from kg.rdf import context
from kg.records import ids
from kg.views import HEADER as VIEW_HEADER

Limit = Annotated[int, Query(ge=1, le=500, description="items per page")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="items to skip")]
Period = Annotated[Literal["month", "quarter", "year"], Query(description="the length of a period")]
Jurisdiction = Annotated[str | None, Query(max_length=100, description="only events a person of it took part in")]



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


_PERIOD = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def period_bound(value: str | None, name: str, *, last: bool) -> dt.date | None:
    """A year, month or day as a filter bound: its first day, or its last day when `last`.

    >>> period_bound("2024", "from", last=False), period_bound("2024-02", "to", last=True)
    (datetime.date(2024, 1, 1), datetime.date(2024, 2, 29))
    >>> period_bound("2024-04-09", "to", last=True)
    datetime.date(2024, 4, 9)
    >>> period_bound("April", "from", last=False)
    Traceback (most recent call last):
    ...
    kg.errors.BadInput: from: 'April' is not a year, month or day (YYYY, YYYY-MM or YYYY-MM-DD)
    """
    if value is None:
        return None
    match = _PERIOD.fullmatch(value)
    try:
        if not match:
            raise ValueError
        year_text, month_text, day_text = match.groups()
        year = int(year_text)
        if month_text is None:
            return dt.date(year, 12, 31) if last else dt.date(year, 1, 1)
        month = int(month_text)
        if day_text is not None:
            return dt.date(year, month, int(day_text))
        return dt.date(year, month, calendar.monthrange(year, month)[1] if last else 1)
    except ValueError:
        raise BadInput(f"{name}: {value!r} is not a year, month or day (YYYY, YYYY-MM or YYYY-MM-DD)") from None


async def resolve(service: StoreService, kind: str, ident: str) -> tuple[str, str | None]:
    """(IRI of the node `ident` names, or None; the id to redirect to when `ident` was another name for it)."""
    base = service.settings.base
    iri, moved = await service.read(ids.resolve, base, kind, ident)
    if not moved or not iri.startswith(base):
        return iri, None
    return iri, quote(iri[len(base) + (len(kind) + 1 if kind else 0):])


async def located(request: Request, service: StoreService, kind: str, ident: str,
                  route: str) -> str | RedirectResponse:
    """The IRI `ident` names, or a 307 to `route` (`{}` standing for the id, the query kept) when `ident`
    was another name for a node: an old key, a label naming one node, an id without its kind."""
    iri, moved = await resolve(service, kind, ident)
    if moved:
        return RedirectResponse(f"{route.format(moved)}?{request.url.query}".rstrip("?"), status_code=307)
    return iri


async def record_at(request: Request, service: StoreService, kind: str, ident: str, route: str,
                    build: Callable[..., tuple[dict, str]], *args: Any) -> Response:
    """The record `build(iri, *args)` makes for the node `ident` names, read by a reader and sent as
    `respond_with_source` does; or the 307 `located` answers for another name of that node."""
    iri = await located(request, service, kind, ident, route)
    if isinstance(iri, RedirectResponse):
        return iri
    return respond_with_source(request, await service.read(build, iri, *args))


def respond(request: Request, record: dict) -> JSONResponse:
    """The record as JSON, or as JSON-LD when the client prefers that: the record with the project's one
    context (`ontology/context.jsonld`, which names the records' keys too)."""
    accept = [media for media, _ in parse_accept(request.headers.get("accept"))]
    ld, js = "application/ld+json", "application/json"
    if ld in accept and (js not in accept or accept.index(ld) < accept.index(js)):
        return JSONResponse({"@context": context(), **record}, media_type="application/ld+json")
    return JSONResponse(record)


def respond_with_source(request: Request, served: tuple[dict, str]) -> JSONResponse:
    """A (record, source) pair from `kg.records.from_view_or_live` as `respond` shapes it, with the
    `X-KG-View` header saying where it came from: "view" (precomputed, kg.views) or "live" (computed now)."""
    record, source = served
    response = respond(request, record)
    response.headers[VIEW_HEADER] = source
    return response
