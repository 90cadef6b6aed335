"""The HTTP application: assembles the routers, the error mapping, size limits and CORS."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles

from api import errors
from api.explorer import STATIC
from api.fast_sparql import SparqlFastPath
from api.limits import SizeLimit
from api.routers import ROUTERS
from api.service import StoreService
from kg import __version__
from kg.settings import Settings
from kg.views import HEADER


def create_app(settings: Settings | None = None) -> FastAPI:
    """The app over `settings.store`; its worker processes start and stop with the server."""
    settings = settings or Settings()
    service = StoreService(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await service.start()
        try:
            yield
        finally:
            service.close()

    app = FastAPI(title="zhengwu-kg · 政务知识图谱", version=__version__, lifespan=lifespan,
                  docs_url=None, redoc_url=None,  # api.routers.pages serves them with local assets
                  description="SPARQL 1.1 endpoint, REST API and Linked Data over a knowledge graph of "
                  "Chinese officials, the events they take part in and the policies those events push.")
    app.state.service = service
    errors.install(app)
    for router in ROUTERS:
        app.include_router(router)
    app.openapi = lambda: errors.openapi(app)  # type: ignore[method-assign]  # FastAPI's documented way to customise it
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    app.add_middleware(SparqlFastPath, service=service)  # innermost: inside CORS and the size limit
    origins = [o.strip() for o in settings.cors_origins.split(",") if o.strip()]
    app.add_middleware(CORSMiddleware, allow_origins=origins, allow_methods=["GET", "HEAD", "POST"],
                       allow_headers=["Accept", "Content-Type"], expose_headers=["X-Results-Truncated", "X-Row-Limit", HEADER])
    app.add_middleware(SizeLimit, max_bytes=settings.max_body_bytes, body_timeout=settings.body_timeout)
    return app
