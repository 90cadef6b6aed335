"""SPARQL queries answered ahead of FastAPI: a plain ASGI layer for GET and POST /sparql.

A query is the request the server gets most, and the cheapest to answer once
its worker has: FastAPI's routing (every route's pattern tried in turn), its
dependency resolution and its per-request exit stacks cost more server CPU than
handing the job to a worker and back (docs/performance.md, "What a /sparql
request costs"). This layer sits inside the size limit and CORS middleware
(`api.main`), so both still apply, and answers a request that carries one query
with the very functions the route uses (`api.routers.sparql`: the same
parameters, checks, guard in the worker, lanes and errors). Everything else —
an update, the service description, a query beside an update, another path or
method — goes on to FastAPI unchanged, a body already read replayed to it.
"""

from __future__ import annotations

from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api import errors
from api.protocol import media_type, query_string_params
from api.routers.sparql import answer_query, got_query, posted_query
from api.service import StoreService
from kg.errors import KgError

PATH = "/sparql"


def _replaying(body: bytes, receive: Receive) -> Receive:
    """`receive` for the app behind: the body this layer read, once, then whatever the client sends next."""
    replayed = False

    async def again() -> Message:
        nonlocal replayed
        if replayed:
            return await receive()
        replayed = True
        return {"type": "http.request", "body": body, "more_body": False}

    return again


class SparqlFastPath:
    """ASGI middleware: GET/POST /sparql with one query answered here; other requests passed to `app`."""

    def __init__(self, app: ASGIApp, service: StoreService) -> None:
        self.app, self.service = app, service

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != PATH or scope["method"] not in ("GET", "POST"):
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        response: Response | None
        try:
            response, receive = await self._answer(request, receive)
        except KgError as error:  # mapped as the app's handlers map them (api.errors)
            response = await errors.kg_error(request, error)
        except ClientDisconnect as gone:
            response = await errors.client_gone(request, gone)
        if response is None:
            await self.app(scope, receive, send)
        else:
            await response(scope, receive, send)

    async def _answer(self, request: Request, receive: Receive) -> tuple[Response | None, Receive]:
        """The response to a query; (None, the receive for the app) for any other request."""
        params = query_string_params(request)
        if request.method == "GET":
            query = got_query(params)
            if query is None:
                return None, receive
            return await answer_query(request, self.service, params, query), receive
        media, charset = media_type(request)
        body = await request.body()
        found = posted_query(media, charset, params, body)
        if found is None:
            return None, _replaying(body, receive)
        return await answer_query(request, self.service, *found), receive
