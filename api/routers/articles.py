"""/articles: the source articles, their text and every fact drawn from them."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from api.deps import Service
from api.rest import respond, to_iri
from kg.records import articles

router = APIRouter(tags=["articles"])


@router.get("/articles/{ident:path}", summary="an article: metadata, text, every fact with its evidence")
async def get_article(request: Request, service: Service, ident: str) -> JSONResponse:
    return respond(request, await service.read(articles.article, to_iri(service.settings.base, "article", ident)))
