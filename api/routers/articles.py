"""/articles: the source articles, their text and every fact drawn from them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse

from api import schemas
from api.deps import Service
from api.errors import LIST_ERRORS, RECORD_ERRORS
from api.rest import Limit, Offset, period_bound, resolve, respond, to_iri
from kg.records import articles

router = APIRouter(tags=["articles"])
ArticleId = Annotated[str, Path(description="the article: its IRI, or the IRI's path under the base (article/无锡日报/2024-04-10/000_6619c5c4ce064df3/1)")]


@router.get("/articles", response_model=schemas.ArticlePage, responses=LIST_ERRORS, summary="articles whose title contains q, by publication and issue date, newest first")
async def list_articles(request: Request, service: Service, q: Annotated[str | None, Query(max_length=200)] = None,
                        publication: Annotated[str | None, Query(max_length=500, description="a publication id or IRI")] = None,
                        start: Annotated[str | None, Query(alias="from", max_length=10, description="issued from YYYY, YYYY-MM or YYYY-MM-DD")] = None,
                        end: Annotated[str | None, Query(alias="to", max_length=10, description="issued until YYYY, YYYY-MM or YYYY-MM-DD")] = None,
                        limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
    base = service.settings.base
    return respond(request, await service.read(
        articles.list_articles, q or None, to_iri(base, "publication", publication) if publication else None,
        period_bound(start, "from", last=False), period_bound(end, "to", last=True), limit, offset))


@router.get("/articles/{ident:path}", response_model=schemas.Article, responses=RECORD_ERRORS, summary="an article: metadata, text, every fact with its evidence")
async def get_article(request: Request, service: Service, ident: ArticleId) -> JSONResponse:
    return respond(request, await service.read(articles.article, (await resolve(service, "article", ident))[0]))
