"""/search: one box over persons, posts, events, policies and organisations."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from api import schemas
from api.deps import Service
from api.errors import LIST_ERRORS
from api.folding import simplified
from api.rest import Limit, Offset, respond
from kg.records import search

router = APIRouter(tags=["search"])


@router.get("/search", response_model=schemas.SearchPage, responses=LIST_ERRORS, summary="labels containing q (Chinese substring match, Traditional folded to Simplified), exact and prefix matches first")
async def search_all(request: Request, service: Service, q: Annotated[str, Query(min_length=1, max_length=200)],
                     limit: Limit = 20, offset: Offset = 0) -> JSONResponse:
    return respond(request, await service.read(search.search, simplified(q), limit, offset))
