"""Every error a request can meet, mapped to one HTTP status: one readable line, never a traceback."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect

from api.negotiation import NotAcceptable
from api.schemas import ErrorBody
from kg.errors import BadInput, Forbidden, KgError, NotFound, QueryError, QueryTimeout, StoreError

log = logging.getLogger("kg.api")


class Unauthorized(KgError):
    """A write without credentials (401, with `WWW-Authenticate: Bearer`)."""


class MethodNotAllowed(KgError):
    """E.g. a SPARQL Update sent by GET (405)."""


class UnsupportedMediaType(KgError):
    """A POST body of a type the endpoint does not take, or not in UTF-8 (415)."""


class PayloadTooLarge(KgError):
    """A body or query string over `Settings.max_body_bytes` (413)."""


STATUS: dict[type[KgError], int] = {
    BadInput: 400,
    QueryError: 400,
    Unauthorized: 401,
    Forbidden: 403,
    NotFound: 404,
    MethodNotAllowed: 405,
    NotAcceptable: 406,
    PayloadTooLarge: 413,
    UnsupportedMediaType: 415,
    QueryTimeout: 503,
    StoreError: 503,
    KgError: 500,
}
_HEADERS: dict[type[KgError], dict[str, str]] = {
    Unauthorized: {"WWW-Authenticate": 'Bearer realm="zhengwu-kg"'},
    MethodNotAllowed: {"Allow": "POST"},
}


# The errors a REST route declares (`responses=`), each with the one body every error has (`ErrorBody`).
LIST_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "a parameter that is not valid (out of range, malformed, unknown)"},
    503: {"model": ErrorBody, "description": "the store is busy, or the query took too long"},
}
RECORD_ERRORS: dict[int | str, dict[str, Any]] = {
    **LIST_ERRORS, 404: {"model": ErrorBody, "description": "the graph holds nothing with that id"}}


def status_of(error: KgError) -> int:
    return next(STATUS[cls] for cls in type(error).__mro__ if cls in STATUS)


def error_response(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    if request.method == "HEAD":
        return Response(status_code=status, headers=headers)
    return JSONResponse({"detail": message}, status_code=status, headers=headers)


async def kg_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, KgError)
    headers = next((_HEADERS[cls] for cls in type(error).__mro__ if cls in _HEADERS), None)
    return error_response(request, status_of(error), str(error), headers)


async def _validation_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    problems = "; ".join(
        f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg', 'invalid')}"
        for e in error.errors()
    )
    return error_response(request, 400, f"bad parameter: {problems}")


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    return error_response(request, error.status_code, str(error.detail), getattr(error, "headers", None))


async def client_gone(request: Request, error: Exception) -> Response:
    log.warning("%s %s: the client disconnected before sending the whole request", request.method, request.url.path)
    return Response(status_code=400)  # nobody is left to read it


async def _unexpected(request: Request, error: Exception) -> Response:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return error_response(request, 500, "internal error")


def openapi(app: FastAPI) -> dict[str, Any]:
    """The app's OpenAPI description with its errors as they really are: FastAPI declares a 422 with its own
    body on every route that takes parameters, but a bad parameter gets our 400 (`_validation_error`)."""
    if app.openapi_schema is None:
        schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        bad_parameter = {"description": "a parameter that is not valid", "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}}
        for path in schema["paths"].values():
            for method, operation in path.items():
                responses = operation.get("responses", {})
                if responses.pop("422", None) is not None:
                    responses.setdefault("400", bad_parameter)
                if method == "head":  # a HEAD answer, error or not, has no body (error_response)
                    responses = {status: {k: v for k, v in r.items() if k != "content"} for status, r in responses.items()}
                    operation["responses"] = responses
        for name in ("HTTPValidationError", "ValidationError"):
            schema.get("components", {}).get("schemas", {}).pop(name, None)
        app.openapi_schema = schema
    return app.openapi_schema


def install(app: FastAPI) -> None:
    app.add_exception_handler(KgError, kg_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(ClientDisconnect, client_gone)
    app.add_exception_handler(Exception, _unexpected)
