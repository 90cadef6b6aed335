"""/events: meetings, inspections, visits… with their date, places, participants and policies."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse

from api import schemas
from api.deps import Service
from api.errors import LIST_ERRORS, RECORD_ERRORS
from api.rest import Limit, Offset, period_bound, resolve, respond
from kg.records import events

router = APIRouter(tags=["events"])
EventId = Annotated[str, Path(description="the event: its IRI, or the IRI's path under the base (article/无锡日报/2024-04-10/000_6619c5c4ce064df3/1/event/1)")]


@router.get("/events", response_model=schemas.EventPage, responses=LIST_ERRORS, summary="events by date range, kind, participant, policy and place")
async def list_events(
    request: Request, service: Service,
    start: Annotated[str | None, Query(alias="from", max_length=10, description="from YYYY, YYYY-MM or YYYY-MM-DD")] = None,
    end: Annotated[str | None, Query(alias="to", max_length=10, description="to YYYY, YYYY-MM or YYYY-MM-DD (inclusive)")] = None,
    kind: Annotated[str | None, Query(alias="type", pattern=r"^[A-Za-z]{1,60}$", description="e.g. Meeting")] = None,
    person: Annotated[str | None, Query(max_length=500, description="a person id or IRI")] = None,
    policy: Annotated[str | None, Query(max_length=500, description="a policy id or IRI")] = None,
    place: Annotated[str | None, Query(max_length=500, description="a place id or IRI")] = None,
    limit: Limit = 50, offset: Offset = 0,
) -> JSONResponse:
    person_iri, policy_iri, place_iri = [(await resolve(service, k, v))[0] if v else None
                                         for k, v in (("person", person), ("policy", policy), ("place", place))]
    record = await service.read(events.list_events, period_bound(start, "from", last=False),
                                period_bound(end, "to", last=True), kind, person_iri, policy_iri, place_iri, limit, offset)
    return respond(request, record)


@router.get("/events/{ident:path}", response_model=schemas.Event, responses=RECORD_ERRORS, summary="an event: kind, date, places, participants by role, policies, evidence")
async def get_event(request: Request, service: Service, ident: EventId) -> JSONResponse:
    return respond(request, await service.read(events.event, (await resolve(service, "article", ident))[0]))
