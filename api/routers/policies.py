"""/policies: policies, campaigns and formulations the events emphasised."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from api.deps import Service
from api.rest import Jurisdiction, Limit, Offset, Period, resolve, respond, respond_with_source
from kg.records import analytics, policies

router = APIRouter(tags=["policies"])


@router.get("/policies", summary="policies whose name or a variant contains q")
async def list_policies(request: Request, service: Service, q: Annotated[str | None, Query(max_length=200)] = None,
                        limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
    return respond(request, await service.read(policies.list_policies, q or None, limit, offset))


@router.get("/policies/{ident:path}/timeline", summary="a policy's events and articles per month, quarter or year")
async def policy_timeline(request: Request, service: Service, ident: str, by: Period = "month",
                          jurisdiction: Jurisdiction = None) -> Response:
    iri, moved = await resolve(service, "policy", ident)
    if moved:
        return RedirectResponse(f"/policies/{moved}/timeline?{request.url.query}".rstrip("?"), status_code=307)
    return respond_with_source(request, await service.read(analytics.policy_timeline, iri, by, jurisdiction or None))


@router.get("/policies/{ident:path}", summary="a policy: names, events over time, officials, policies alongside")
async def get_policy(request: Request, service: Service, ident: str,
                     limit: Limit = 20, offset: Offset = 0) -> Response:
    iri, moved = await resolve(service, "policy", ident)
    if moved:
        return RedirectResponse(f"/policies/{moved}?{request.url.query}".rstrip("?"), status_code=307)
    return respond_with_source(request, await service.read(policies.policy_served, iri, limit, offset))
