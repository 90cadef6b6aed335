"""Store work in separate processes, so a runaway query can be ended.

pyoxigraph has no query timeout and a running query cannot be interrupted from
another thread, so every query and update runs in a worker process that the
server kills (and replaces) when it runs past `Settings.query_timeout`.

- One *writer* process holds the store open read-write (it keeps RocksDB's
  lock, so nothing else writes behind the server's back) and runs updates and
  Graph Store writes one at a time. Killing it mid-update aborts the
  transaction: RocksDB never applies half of it.
- N *reader* processes open the same folder with `Store.read_only`, which sees
  the store as it was when opened (including writes not yet flushed: RocksDB
  replays its write-ahead log). Each write bumps a generation number; a reader
  reopens its store (~20 ms) before its next job when the generation changed,
  so a reader never sees half an article and always sees finished writes.

A job is `fn(store, *args)` with `fn` a module-level function (sent by
reference); its result comes back pickled. `KgError`s cross the process
boundary as (class name, message) and are raised again here.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import multiprocessing.connection
import traceback
from collections.abc import Callable
from typing import Any

from kg import errors
from kg.errors import KgError, QueryTimeout, StoreError
from kg.store import GraphStore, open_store

log = logging.getLogger("kg.api")
_CONTEXT = multiprocessing.get_context("spawn")  # never fork a process that holds an open RocksDB


def _worker_main(conn: multiprocessing.connection.Connection, location: str, read_only: bool) -> None:
    """Loop of a worker process: run each job against the store, send back its outcome."""
    store: GraphStore | None = None
    generation = -1
    while True:
        try:
            fn, args, wanted = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        try:
            if store is None or (read_only and wanted != generation):
                store, generation = open_store(location, read_only=read_only), wanted
            try:
                outcome = ("ok", fn(store, *args))
            except OSError:  # a reader's snapshot may lose files to the writer's compaction: reopen once
                if not read_only:
                    raise
                store = open_store(location, read_only=True)
                outcome = ("ok", fn(store, *args))
        except KgError as error:
            outcome = ("error", type(error).__name__, str(error))
        except Exception as exc:  # noqa: BLE001 - the worker must answer whatever happens
            log.error("job %s failed:\n%s", getattr(fn, "__name__", fn), traceback.format_exc())
            outcome = ("error", "StoreError", f"internal error: {type(exc).__name__}")
        try:
            conn.send(outcome)
        except (OSError, ValueError):
            return


class _Worker:
    def __init__(self, location: str, read_only: bool) -> None:
        self.conn, child = _CONTEXT.Pipe()
        self.process = _CONTEXT.Process(target=_worker_main, args=(child, location, read_only), daemon=True)
        self.process.start()
        child.close()

    def stop(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


def _error_classes(cls: type[KgError] = KgError) -> dict[str, type[KgError]]:
    found = {cls.__name__: cls}
    for sub in cls.__subclasses__():
        found.update(_error_classes(sub))
    return found


def _raise_remote(kind: str, message: str) -> None:
    """Raise again, in the server, the `KgError` a worker reported by name."""
    cls = _error_classes().get(kind, StoreError)
    if cls is errors.BadInput:
        raise errors.BadInput(message)
    raise cls(message)


class WorkerPool:
    """`size` worker processes over one store folder; `run` hands a job to an idle one."""

    def __init__(self, location: str, size: int, *, read_only: bool, timeout: float) -> None:
        self.location, self.size, self.read_only, self.timeout = location, size, read_only, timeout
        self.generation = 0
        self._idle: asyncio.Queue[_Worker] | None = None
        self._workers: set[_Worker] = set()

    def start(self) -> None:
        self._idle = asyncio.Queue()
        for _ in range(self.size):
            self._add()

    def _add(self) -> None:
        worker = _Worker(self.location, self.read_only)
        self._workers.add(worker)
        assert self._idle is not None
        self._idle.put_nowait(worker)

    def close(self) -> None:
        for worker in self._workers:
            worker.stop()
        self._workers.clear()

    async def run(self, fn: Callable[..., Any], *args: Any, timeout: float | None = None) -> Any:
        """`fn(store, *args)` in a worker; the worker is killed and replaced past `timeout` seconds."""
        assert self._idle is not None, "WorkerPool.start() was not called"
        limit = self.timeout if timeout is None else timeout
        try:
            worker = await asyncio.wait_for(self._idle.get(), limit)
        except TimeoutError:
            raise QueryTimeout(f"the server is busy: no worker was free within {limit:g} s") from None
        try:
            worker.conn.send((fn, args, self.generation))
            outcome = await self._receive(worker, limit)
        except TimeoutError:
            self._replace(worker)
            raise QueryTimeout(f"the query ran past the {limit:g} s time limit and was cancelled") from None
        except (EOFError, OSError, BrokenPipeError):
            self._replace(worker)
            raise StoreError("a query worker stopped unexpectedly; try again") from None
        self._idle.put_nowait(worker)
        if outcome[0] == "error":
            _raise_remote(outcome[1], outcome[2])
        return outcome[1]

    async def _receive(self, worker: _Worker, limit: float) -> tuple:
        loop = asyncio.get_running_loop()
        ready: asyncio.Future[None] = loop.create_future()
        fd = worker.conn.fileno()
        loop.add_reader(fd, lambda: ready.done() or ready.set_result(None))
        try:
            await asyncio.wait_for(ready, max(limit, 0.001))
        finally:
            loop.remove_reader(fd)
        return worker.conn.recv()

    def _replace(self, worker: _Worker) -> None:
        self._workers.discard(worker)
        with contextlib.suppress(Exception):
            worker.stop()
        self._add()
