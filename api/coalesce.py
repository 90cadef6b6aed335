"""One socket write per response: uvicorn writes a response's head and its body separately.

Each write is a `send` syscall, and on loopback each one wakes the client, which
reads the head, then blocks again for the body: two wake-ups a request where one
does, on a machine whose cores the server's workers and its clients share
(docs/performance.md, "What a /sparql request costs"). `Coalescing` wraps the
connection's transport for uvicorn's protocol (`api.limits.timed_protocol`):
what is written within one turn of the event loop goes out in one write at the
end of that turn (or at once, ahead of anything that must not wait: a large
body, a close). Nothing is held past the turn it was written in.
"""

from __future__ import annotations

import asyncio
from typing import Any

LARGE = 64 * 1024  # bytes: a body this large goes out as it is (joining would copy it for nothing)


class Coalescing:
    """A transport whose writes within one loop turn go out as one; everything else is the wrapped one's."""

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        self._transport, self._loop = transport, loop
        self._pending: list[bytes] = []

    def write(self, data: bytes | bytearray | memoryview) -> None:
        if not data:
            return
        if len(data) >= LARGE:
            self.flush()
            self._transport.write(data)
            return
        if not self._pending:
            self._loop.call_soon(self.flush)
        self._pending.append(bytes(data))

    def flush(self) -> None:
        if self._pending:
            data = b"".join(self._pending)
            self._pending.clear()
            self._transport.write(data)

    def close(self) -> None:
        self.flush()
        self._transport.close()

    def __getattr__(self, name: str) -> Any:  # is_closing, pause_reading, get_extra_info, …
        return getattr(self._transport, name)
