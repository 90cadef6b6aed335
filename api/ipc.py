"""The pipe between the server and a store worker (`api.workers`): `multiprocessing.connection` framing
(a 4-byte length, then the pickle), written in one piece by the worker and awaited by the server without
blocking its event loop."""

from __future__ import annotations

import asyncio
import multiprocessing.connection
import os
import struct
from multiprocessing.reduction import ForkingPickler
from typing import Any

FRAME_MAX = 0x7FFFFFFF  # bytes: `Connection`'s 4-byte length header; longer messages go the library's way


def send_whole(conn: multiprocessing.connection.Connection, message: Any) -> None:
    """`conn.send(message)` in one write. `Connection.send` writes a message over 16 KB as its length, then its
    bytes: the server wakes for the 4-byte length, and its read of the rest then waits until this process is
    scheduled again — a second hand-off per answer of a heavy question on a busy machine. Same framing, so
    the server's `conn.recv` reads it as ever."""
    data = ForkingPickler.dumps(message)
    if len(data) > FRAME_MAX:
        conn.send_bytes(data)
        return
    frame = memoryview(struct.pack("!i", len(data)) + data)
    fd = conn.fileno()
    while frame:
        frame = frame[os.write(fd, frame):]


async def receive(conn: multiprocessing.connection.Connection, limit: float) -> tuple:
    """The worker's next message, without blocking the event loop while it works; TimeoutError past `limit`.

    A future woken by the pipe's readiness and one timer: no task per job (`asyncio.wait_for` wraps each
    wait in one, a few loop turns per request)."""
    loop = asyncio.get_running_loop()
    ready: asyncio.Future[None] = loop.create_future()
    fd = conn.fileno()

    def settle(outcome: BaseException | None) -> None:
        if not ready.done():
            ready.set_exception(outcome) if outcome else ready.set_result(None)

    loop.add_reader(fd, settle, None)
    timer = loop.call_later(max(limit, 0.001), settle, TimeoutError())
    try:
        await ready
    finally:
        timer.cancel()
        loop.remove_reader(fd)
    return conn.recv()
