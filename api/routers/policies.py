"""/policies: policies, campaigns and formulations the events emphasised."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse, Response

from api import analytics_schemas, schemas
from api.deps import Service
from api.errors import LIST_ERRORS, RECORD_ERRORS
from api.rest import Jurisdiction, Limit, Offset, Period, record_at, respond
from kg.records import analytics, policies

router = APIRouter(tags=["policies"])
PolicyId = Annotated[str, Path(description="the policy: its IRI, or the IRI's path under the base (policy/高质量发展, or 高质量发展)")]


@router.get("/policies", response_model=schemas.PolicyPage, responses=LIST_ERRORS, summary="policies whose name or a variant contains q")
async def list_policies(request: Request, service: Service, q: Annotated[str | None, Query(max_length=200)] = None,
                        limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
    return respond(request, await service.read(policies.list_policies, q or None, limit, offset))


@router.get("/policies/{ident:path}/timeline", response_model=analytics_schemas.PolicyTimeline, responses=RECORD_ERRORS, summary="a policy's events and articles per month, quarter or year")
async def policy_timeline(request: Request, service: Service, ident: PolicyId, by: Period = "month",
                          jurisdiction: Jurisdiction = None) -> Response:
    return await record_at(request, service, "policy", ident, "/policies/{}/timeline", analytics.policy_timeline, by, jurisdiction or None)


@router.get("/policies/{ident:path}", response_model=schemas.Policy, responses=RECORD_ERRORS, summary="a policy: names, events over time, officials, policies alongside")
async def get_policy(request: Request, service: Service, ident: PolicyId,
                     limit: Limit = 20, offset: Offset = 0) -> Response:
    return await record_at(request, service, "policy", ident, "/policies/{}", policies.policy_served, limit, offset)
