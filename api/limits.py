"""Request limits: a body or query string over the size limit gets 413 before any work is done, a body that
takes longer than the body timeout to arrive gets 408, and a connection that takes longer than the header
timeout to send a request's line and headers is closed (`TimedH11Protocol`, for uvicorn)."""

from __future__ import annotations

import asyncio
import json
import logging

import h11
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

from api.coalesce import Coalescing

log = logging.getLogger("kg.api")


class _TooLarge(Exception):
    pass


class _TooSlow(Exception):
    pass


class SizeLimit:
    """ASGI middleware: 413 for a query string or body (declared or streamed) over `max_bytes`; 408 for a
    body still incomplete `body_timeout` seconds after the app first asked for it (a slowloris body)."""

    def __init__(self, app: ASGIApp, max_bytes: int, body_timeout: float = 30.0) -> None:
        self.app, self.max_bytes, self.body_timeout = app, max_bytes, body_timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if len(scope.get("query_string", b"")) > self.max_bytes:
            await self._refuse(send, "query string")
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(send, "request body")
            return
        received = 0
        started = False
        deadline: float | None = None
        loop = asyncio.get_running_loop()

        async def counting_receive() -> Message:
            nonlocal received, deadline
            deadline = deadline or loop.time() + self.body_timeout
            try:
                async with asyncio.timeout(max(deadline - loop.time(), 0.001)):  # no task per message, as wait_for
                    message = await receive()
            except TimeoutError:
                raise _TooSlow from None
            received += len(message.get("body", b""))
            if received > self.max_bytes:
                raise _TooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _TooLarge:
            if not started:
                await self._refuse(send, "request body")
        except _TooSlow:
            log.warning("%s %s: the request body did not arrive within %g s; closed", scope.get("method"),
                     scope.get("path"), self.body_timeout)
            if not started:
                await self._refuse(send, "", status=408,
                                   detail=f"the request body did not arrive within {self.body_timeout:g} s")

    async def _refuse(self, send: Send, what: str, status: int = 413, detail: str | None = None) -> None:
        detail = detail or f"{what} larger than the server's limit of {self.max_bytes} bytes"
        body = json.dumps({"detail": detail}).encode()
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})


def timed_protocol(header_timeout: float) -> type[H11Protocol]:
    """uvicorn's h11 protocol, closing a connection that has not sent a request's line and headers within
    `header_timeout` seconds of opening (or of its previous response): uvicorn alone waits forever for a
    client that sends nothing, or a header a byte at a time."""

    class TimedH11Protocol(H11Protocol):
        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]  # uvicorn narrows it too
            super().connection_made(transport)
            # a response's head and body in one write (api.coalesce); uvicorn's calls are all Coalescing has
            self.transport = Coalescing(transport, self.loop)  # type: ignore[assignment]
            self._header_timer: asyncio.TimerHandle | None = None
            self._arm()

        def _arm(self) -> None:
            self._disarm()
            if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
                self._header_timer = self.loop.call_later(header_timeout, self._headers_too_slow)

        def _disarm(self) -> None:
            if self._header_timer is not None:
                self._header_timer.cancel()
                self._header_timer = None

        def _headers_too_slow(self) -> None:
            if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
                log.warning("a connection sent no complete request headers within %g s; closed", header_timeout)
                self.transport.close()

        def data_received(self, data: bytes) -> None:
            super().data_received(data)
            if self.conn.their_state is not h11.IDLE:
                self._disarm()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            self._arm()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

    return TimedH11Protocol
