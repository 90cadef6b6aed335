"""/stats: aggregates over the whole store (the analyst's views, kg.records.analytics)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from api import analytics_schemas
from api.deps import Service
from api.errors import LIST_ERRORS
from api.rest import Jurisdiction, Period, respond_with_source
from kg.records import analytics

router = APIRouter(tags=["stats"])
Day = Annotated[str | None, Query(max_length=10, pattern=r"^\d{4}-\d{2}(-\d{2})?$")]


@router.get("/stats/policies", response_model=analytics_schemas.PolicyStats, responses=LIST_ERRORS, summary="per period, the policies the events emphasised most")
async def policy_stats(request: Request, service: Service, by: Period = "quarter",
                       top: Annotated[int, Query(ge=1, le=analytics.MAX_TOP)] = 10,
                       jurisdiction: Jurisdiction = None, start: Annotated[Day, Query(alias="from")] = None,
                       end: Annotated[Day, Query(alias="to")] = None) -> JSONResponse:
    return respond_with_source(request, await service.read(analytics.policy_stats, by, top, jurisdiction or None,
                                                           start, end))
