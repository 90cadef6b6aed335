"""The explorer for people with a browser: the landing page, the query editor and offline API docs.

Entity pages live at their /id/ IRIs (api.routers.linked_data). Every script and style comes from
api/static/ (mounted at /static by api.main), never from a CDN, so the pages work on a closed network.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse

from api.explorer import language, shell

router = APIRouter(include_in_schema=False)
VENDOR = "/static/vendor"


@router.get("/", response_class=HTMLResponse)
async def landing(request: Request) -> HTMLResponse:
    return HTMLResponse(shell("landing", "政务知识图谱", language(request.headers.get("accept-language"))))


@router.get("/query", response_class=HTMLResponse)
async def query_editor(request: Request) -> HTMLResponse:
    head = (f'<link rel="stylesheet" href="{VENDOR}/yasgui/yasgui.min.css">'
            f'<script src="{VENDOR}/yasgui/yasgui.min.js"></script>')
    return HTMLResponse(shell("query", "SPARQL", language(request.headers.get("accept-language")), head=head))


@router.get("/docs", response_class=HTMLResponse)
async def swagger_ui(request: Request) -> HTMLResponse:
    return get_swagger_ui_html(openapi_url=request.app.openapi_url, title=f"{request.app.title} · API",
                               swagger_js_url=f"{VENDOR}/swagger-ui-dist/swagger-ui-bundle.js",
                               swagger_css_url=f"{VENDOR}/swagger-ui-dist/swagger-ui.css",
                               swagger_favicon_url="/static/favicon.svg")


@router.get("/redoc", response_class=HTMLResponse)
async def redoc(request: Request) -> HTMLResponse:
    return get_redoc_html(openapi_url=request.app.openapi_url, title=f"{request.app.title} · API",
                          redoc_js_url=f"{VENDOR}/redoc/redoc.standalone.js",
                          redoc_favicon_url="/static/favicon.svg", with_google_fonts=False)
