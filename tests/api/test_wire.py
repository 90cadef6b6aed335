"""The server's writes on the wire: a response in one socket write (api.coalesce), a worker's answer in one
pipe write that `Connection.recv` reads as ever (api.ipc)."""

from __future__ import annotations

import asyncio
import multiprocessing

from api import ipc
from api.coalesce import LARGE, Coalescing


class _Recorder(asyncio.Transport):
    """What reaches the socket: each write, and whether the transport was closed after them."""

    def __init__(self) -> None:
        super().__init__()
        self.writes: list[bytes] = []
        self.closed = False

    def write(self, data: bytes | bytearray | memoryview) -> None:
        self.writes.append(bytes(data))

    def close(self) -> None:
        self.closed = True

    def is_closing(self) -> bool:
        return self.closed


def test_a_head_and_its_body_written_in_one_turn_go_out_as_one_write() -> None:
    async def respond() -> _Recorder:
        raw = _Recorder()
        transport = Coalescing(raw, asyncio.get_running_loop())
        transport.write(b"HTTP/1.1 200 OK\r\n\r\n")
        transport.write(b"")
        transport.write(b'{"boolean": true}')
        assert raw.writes == []  # held until the end of this turn of the loop, no longer
        await asyncio.sleep(0)
        assert not transport.is_closing()  # the rest is the wrapped transport's
        return raw

    assert asyncio.run(respond()).writes == [b'HTTP/1.1 200 OK\r\n\r\n{"boolean": true}']


def test_a_large_body_and_a_close_do_not_wait_for_the_turn_to_end() -> None:
    async def respond() -> _Recorder:
        raw = _Recorder()
        transport = Coalescing(raw, asyncio.get_running_loop())
        transport.write(b"head")
        transport.write(b"x" * LARGE)
        transport.write(b"tail")
        transport.close()
        return raw

    raw = asyncio.run(respond())
    assert raw.writes == [b"head", b"x" * LARGE, b"tail"] and raw.closed


def test_an_answer_sent_whole_reads_back_with_connection_recv() -> None:
    ours, theirs = multiprocessing.Pipe()
    answer = ("ok", {"rows": "行" * 6_000})  # 18 KB pickled: over the 16 KB where Connection.send splits
    ipc.send_whole(theirs, answer)
    ipc.send_whole(theirs, ("ok", None))
    assert ours.recv() == answer
    assert ours.recv() == ("ok", None)
