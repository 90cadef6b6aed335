"""/persons: officials and other persons named in the news."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse, Response

from api import analytics_schemas, schemas
from api.deps import Service
from api.errors import LIST_ERRORS, RECORD_ERRORS
from api.rest import Limit, Offset, Period, record_at, respond
from kg.records import analytics, persons

router = APIRouter(tags=["persons"])
PersonId = Annotated[str, Path(description="the person: its IRI, or the IRI's path under the base (person/无锡/杜小刚, or 无锡/杜小刚)")]


@router.get("/persons", response_model=schemas.PersonPage, responses=LIST_ERRORS, summary="persons whose name contains q, who held a post whose title contains post")
async def list_persons(request: Request, service: Service, q: Annotated[str | None, Query(max_length=200)] = None,
                       post: Annotated[str | None, Query(max_length=200)] = None,
                       limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
    return respond(request, await service.read(persons.list_persons, q or None, post or None, limit, offset))


@router.get("/persons/{ident:path}/network", response_model=analytics_schemas.PersonNetwork, responses=RECORD_ERRORS, summary="who took part in the same events as a person, how often")
async def person_network(request: Request, service: Service, ident: PersonId,
                         least: Annotated[int, Query(alias="min", ge=1, le=100_000)] = 1) -> Response:
    return await record_at(request, service, "person", ident, "/persons/{}/network", analytics.person_network, least)


@router.get("/persons/{ident:path}/timeline", response_model=analytics_schemas.PersonTimeline, responses=RECORD_ERRORS, summary="a person's events per period by role, and posts held")
async def person_timeline(request: Request, service: Service, ident: PersonId, by: Period = "month") -> Response:
    return await record_at(request, service, "person", ident, "/persons/{}/timeline", analytics.person_timeline, by)


@router.get("/persons/{ident:path}", response_model=schemas.Person, responses=RECORD_ERRORS, summary="a person: labels, posts held and when, a page of events with roles, co-attendees")
async def get_person(request: Request, service: Service, ident: PersonId,
                     limit: Limit = 20, offset: Offset = 0) -> Response:
    return await record_at(request, service, "person", ident, "/persons/{}", persons.person_served, limit, offset)
