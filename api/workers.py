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
import importlib
import logging
import multiprocessing
import multiprocessing.connection
import time
import traceback
from collections.abc import Callable
from typing import Any

from kg import errors
from kg.errors import KgError, QueryTimeout, StoreError
from kg.store_api import KnowledgeStore
from kg.stores import open_store

log = logging.getLogger("kg.api")
_CONTEXT = multiprocessing.get_context("spawn")  # never fork a process that holds an open RocksDB


def _open(location: str, read_only: bool, attempts: int = 8) -> KnowledgeStore:
    """Open the store; a read-only open can race the writer replacing its files, so it is retried."""
    for attempt in range(attempts):
        try:
            return open_store(location, read_only=read_only)
        except (OSError, RuntimeError, StoreError):
            if not read_only or attempt == attempts - 1:
                raise
            time.sleep(0.02 * (attempt + 1))
    raise AssertionError("unreachable")


def _worker_main(conn: multiprocessing.connection.Connection, location: str, read_only: bool,
                 preload: tuple[str, ...]) -> None:
    """Loop of a worker process: run each job against the store, send back its outcome.

    It first imports the job modules and opens the store, then says it is
    ready, so no job's time limit is spent starting up.
    """
    try:
        for module in preload:
            importlib.import_module(module)
        store = _open(location, read_only)
        conn.send(("ready",))
    except Exception as exc:  # noqa: BLE001 - reported to the server, which refuses to start
        conn.send(("error", "StoreError", str(exc)))
        return
    generation = 0
    while True:
        try:
            fn, args, wanted = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        try:
            if read_only and wanted != generation:
                store, generation = _open(location, read_only), wanted
            try:
                outcome = ("ok", fn(store, *args))
            except (OSError, RuntimeError):  # a reader's snapshot may lose files to the writer: reopen once
                if not read_only:
                    raise
                store = _open(location, read_only)
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
    def __init__(self, location: str, read_only: bool, preload: tuple[str, ...]) -> None:
        self.conn, child = _CONTEXT.Pipe()
        self.process = _CONTEXT.Process(target=_worker_main, args=(child, location, read_only, preload),
                                        daemon=True)
        self.process.start()
        child.close()

    async def ready(self, limit: float = 120.0) -> None:
        """Wait until the worker has started; a worker that cannot open the store raises StoreError."""
        outcome = await _receive(self, limit)
        if outcome[0] != "ready":
            raise StoreError(f"a store worker could not start: {outcome[2]}")

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

    def __init__(self, location: str, size: int, *, read_only: bool, timeout: float,
                 preload: tuple[str, ...] = ()) -> None:
        self.location, self.size, self.read_only, self.timeout = location, size, read_only, timeout
        self.preload = preload
        self.generation = 0
        self._idle: asyncio.Queue[_Worker] | None = None
        self._workers: set[_Worker] = set()
        self._pending: set[asyncio.Task] = set()

    async def start(self) -> None:
        """Start the workers and wait until each is ready."""
        self._idle = asyncio.Queue()
        workers = [self._spawn() for _ in range(self.size)]
        try:
            await asyncio.gather(*(w.ready() for w in workers))
        except (StoreError, TimeoutError):
            self.close()
            raise
        for worker in workers:
            self._idle.put_nowait(worker)

    def _spawn(self) -> _Worker:
        worker = _Worker(self.location, self.read_only, self.preload)
        self._workers.add(worker)
        return worker

    async def _admit(self, worker: _Worker) -> None:
        try:
            await worker.ready()
        except (StoreError, TimeoutError, EOFError, OSError):
            log.error("a replacement store worker failed to start; the pool runs one short")
            self._workers.discard(worker)
            return
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
            outcome = await _receive(worker, limit)
        except TimeoutError:
            self._replace(worker)
            raise QueryTimeout(f"the query ran past the {limit:g} s time limit and was cancelled") from None
        except (EOFError, OSError, BrokenPipeError):
            self._replace(worker)
            raise StoreError("a query worker stopped unexpectedly; try again") from None
        except BaseException:  # cancelled mid-job: its answer must never reach the next job
            self._replace(worker)
            raise
        self._idle.put_nowait(worker)
        if outcome[0] == "error":
            _raise_remote(outcome[1], outcome[2])
        return outcome[1]

    def _replace(self, worker: _Worker) -> None:
        """End a worker (it may be mid-query) and start another, admitted once it is ready."""
        self._workers.discard(worker)
        with contextlib.suppress(Exception):
            worker.stop()
        task = asyncio.get_running_loop().create_task(self._admit(self._spawn()))
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)


async def _receive(worker: _Worker, limit: float) -> tuple:
    """The worker's next message, without blocking the event loop while it works."""
    loop = asyncio.get_running_loop()
    ready: asyncio.Future[None] = loop.create_future()
    fd = worker.conn.fileno()
    loop.add_reader(fd, lambda: ready.done() or ready.set_result(None))
    try:
        await asyncio.wait_for(ready, max(limit, 0.001))
    finally:
        loop.remove_reader(fd)
    return worker.conn.recv()
