"""Store work in separate processes, so a runaway query can be ended.

pyoxigraph has no query timeout and a running query cannot be interrupted from
another thread, so every query and update runs in a worker process that the
server kills (and replaces) when it runs past `Settings.query_timeout`. Each
worker leaves the network and caps its memory before it serves (`api.sandbox`).

- One *writer* process holds the store open read-write (it keeps RocksDB's
  lock, so nothing else writes behind the server's back) and runs updates and
  Graph Store writes one at a time. Killing it mid-update aborts the
  transaction: RocksDB never applies half of it. After every write it takes a
  *snapshot* (`api.snapshots`: a RocksDB checkpoint, hard links to the
  immutable table files, a few ms).
- N *reader* processes never open the folder the writer changes (opening a
  RocksDB folder read-only while another process writes it is undefined
  behaviour, and failed 5–8 % of reads under writes with `Corruption: IO
  error … .sst`). Each job is sent with the snapshot the server last got from
  the writer; a reader opens that snapshot (immutable: nothing can change under
  it) before the job when it is newer than the one it has. So a read always
  sees whole writes, and never fails because of one.

Lanes: of N ≥ 2 readers, one is *reserved* for light jobs (REST pages, SPARQL
queries known to be cheap); `run(…, heavy=True)` jobs (other SPARQL queries,
background refreshes) only get the N − 1 others. A light job takes whichever
reader is idle first. So clients looping queries that run into the time limit
never take the last reader from everyone else, and a killed reader is replaced
in the same role.

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
import signal
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from api import ipc, sandbox, snapshots
from kg import errors
from kg.errors import KgError, QueryError, QueryTimeout, StoreError
from kg.stores import open_store

log = logging.getLogger("kg.api")
_CONTEXT = multiprocessing.get_context("spawn")  # never fork a process that holds an open RocksDB


class Busy(QueryTimeout):
    """No worker became free in time (the job never ran)."""


class OnProbation(Exception):
    """A job of unknown cost ran past its probation on the reserved worker (and was ended there)."""


@dataclass(frozen=True)
class WorkerLimits:
    """What a worker process may use (`api.sandbox`): its address space in MB (0: no cap), the network."""

    memory_mb: int = 0
    cut_network: bool = True


def _out_of_memory(limits: WorkerLimits) -> str:
    return f"the query needed more than the {limits.memory_mb} MB of memory a query may use and was stopped"


def _worker_main(conn: multiprocessing.connection.Connection, location: str, read_only: bool,
                 preload: tuple[str, ...], limits: WorkerLimits, snapshot: str | None) -> None:
    """Loop of a worker process: run each job against the store, send back its outcome.

    It first leaves the network (before any thread starts), imports the job
    modules (and runs their `warm()`), opens the store (a reader: the snapshot it was given) and caps its
    memory growth, then says it is ready, so no job's time limit is spent
    starting up.
    """
    if limits.cut_network:
        sandbox.cut_network()
    try:
        for module in preload:
            getattr(importlib.import_module(module), "warm", lambda: None)()  # a job module's start-up work
        store = snapshots.open_snapshot(location, snapshot) if read_only else open_store(location)
        sandbox.limit_memory(limits.memory_mb)
        conn.send(("ready",))
    except Exception as exc:  # noqa: BLE001 - reported to the server, which refuses to start
        conn.send(("error", "StoreError", str(exc)))
        return
    while True:
        try:
            fn, args, wanted = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        outcome: tuple[Any, ...]  # ("ok", result) or ("error", error class name, message)
        try:
            if read_only and wanted != snapshot:
                del store  # close the old snapshot first: its files may be removed once no reader holds it
                store, snapshot = snapshots.open_snapshot(location, wanted), wanted
            outcome = ("ok", fn(store, *args))
        except KgError as error:
            outcome = ("error", type(error).__name__, str(error))
        except MemoryError:
            outcome = ("error", "QueryError", _out_of_memory(limits))
        except Exception as exc:  # noqa: BLE001 - the worker must answer whatever happens
            log.error("job %s failed: %s", getattr(fn, "__name__", fn), traceback.format_exc(limit=-3))
            outcome = ("error", "StoreError", f"internal error: {type(exc).__name__}")
        try:
            ipc.send_whole(conn, outcome)
        except (OSError, ValueError):
            return


class _Worker:
    def __init__(self, location: str, read_only: bool, preload: tuple[str, ...], limits: WorkerLimits,
                 snapshot: str | None, reserved: bool) -> None:
        self.reserved = reserved  # serves light jobs only
        self.conn, child = _CONTEXT.Pipe()
        self.snapshot = snapshot  # the snapshot it has open (readers), as far as the server knows
        self.process = _CONTEXT.Process(target=_worker_main,
                                        args=(child, location, read_only, preload, limits, snapshot), daemon=True)
        self.process.start()
        child.close()

    async def ready(self, limit: float = 120.0) -> None:
        """Wait until the worker has started; a worker that cannot open the store raises StoreError."""
        outcome = await ipc.receive(self.conn, limit)
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
                 preload: tuple[str, ...] = (), limits: WorkerLimits | None = None) -> None:
        self.location, self.size, self.read_only, self.timeout = location, size, read_only, timeout
        self.preload, self.limits = preload, limits or WorkerLimits()
        self.snapshot: str | None = None  # readers: the newest snapshot; each job is run on it
        self._idle: asyncio.Queue[_Worker] | None = None  # idle workers that take any job
        self._reserved: asyncio.Queue[_Worker] | None = None  # idle workers kept for light jobs
        self._workers: set[_Worker] = set()
        self._pending: set[asyncio.Task] = set()
        self._standby: _Worker | None = None  # readers: a started worker that replaces a killed one at once
        self._standby_coming = False

    async def start(self) -> None:
        """Start the workers and wait until each is ready."""
        self._idle, self._reserved = asyncio.Queue(), asyncio.Queue()
        workers = [self._spawn(reserved=i == 0 and self.size >= 2) for i in range(self.size)]
        standby = self._spawn(reserved=False) if self.read_only else None  # started alongside, ready as soon
        try:
            await asyncio.gather(*(w.ready() for w in [*workers, *([standby] if standby else [])]))
        except (StoreError, TimeoutError):
            self.close()
            raise
        for worker in workers:
            self._release(worker)
        self._standby = standby

    def _release(self, worker: _Worker) -> None:
        assert self._idle is not None and self._reserved is not None
        (self._reserved if worker.reserved else self._idle).put_nowait(worker)

    async def _acquire(self, heavy: bool, probation: bool = False) -> _Worker:
        """An idle worker: a general one for a heavy job; whichever is idle first for a light one; for a job
        on probation, a general one if idle, else the reserved one if idle right now, else the next general
        one (it never queues for the reserved one, so light jobs never queue behind it)."""
        assert self._idle is not None and self._reserved is not None
        if heavy:
            return await self._idle.get()
        for queue in (self._idle, self._reserved) if probation else (self._reserved, self._idle):
            if not queue.empty():
                return queue.get_nowait()
        if probation:
            return await self._idle.get()
        getters = [asyncio.ensure_future(queue.get()) for queue in (self._reserved, self._idle)]
        try:
            await asyncio.wait(getters, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for getter in getters:
                getter.cancel()  # a cancelled Queue.get leaves its item in the queue
        got = [g.result() for g in getters if g.done() and not g.cancelled()]
        for extra in got[1:]:
            self._release(extra)
        return got[0]

    def snapshots_in_use(self) -> set[str]:
        return {w.snapshot for w in self._workers if w.snapshot is not None}

    def _spawn(self, reserved: bool) -> _Worker:
        worker = _Worker(self.location, self.read_only, self.preload, self.limits, self.snapshot, reserved)
        self._workers.add(worker)
        return worker

    async def _admit(self, worker: _Worker) -> None:
        try:
            await worker.ready()
        except (StoreError, TimeoutError, EOFError, OSError):
            log.error("a replacement store worker failed to start; the pool runs one short")
            self._workers.discard(worker)
            return
        self._release(worker)

    def close(self) -> None:
        for worker in self._workers:
            worker.stop()
        self._workers.clear()

    async def run(self, fn: Callable[..., Any], *args: Any, timeout: float | None = None,
                  heavy: bool = False, probation: float | None = None) -> Any:
        """`fn(store, *args)` in a worker; the worker is killed and replaced past `timeout` seconds.

        A `heavy` job waits for one of the N − 1 general workers. A job on
        `probation` (its cost is unknown) takes any worker, but on the reserved
        one it may only run `probation` seconds: past that it raises
        `OnProbation`, for the caller to send it again as heavy. Waiting for a
        worker may take as long again as the time limit: a request queued
        behind jobs that run into the limit is served once they are ended.
        """
        assert self._idle is not None, "WorkerPool.start() was not called"
        limit = self.timeout if timeout is None else timeout
        try:
            worker = await asyncio.wait_for(self._acquire(heavy, probation=probation is not None), 2 * limit)
        except TimeoutError:
            raise Busy(f"the server is busy: no worker was free within {2 * limit:g} s") from None
        if probation is not None and worker.reserved and probation < limit:
            try:
                return await self._run_on(worker, fn, args, probation)
            except QueryTimeout:
                raise OnProbation from None
        return await self._run_on(worker, fn, args, limit)

    async def _run_on(self, worker: _Worker, fn: Callable[..., Any], args: tuple, limit: float) -> Any:
        try:
            worker.conn.send((fn, args, self.snapshot))
            worker.snapshot = self.snapshot if self.read_only else None
            outcome = await ipc.receive(worker.conn, limit)
        except TimeoutError:
            self._replace(worker)
            raise QueryTimeout(f"the query ran past the {limit:g} s time limit and was cancelled") from None
        except (EOFError, OSError, BrokenPipeError):
            self._replace(worker)
            if worker.process.exitcode in (-signal.SIGABRT, -signal.SIGSEGV, -signal.SIGBUS) \
                    and self.limits.memory_mb:
                raise QueryError(_out_of_memory(self.limits)) from None  # an allocation failed at the cap
            raise StoreError("a query worker stopped unexpectedly; try again") from None
        except BaseException:  # cancelled mid-job: its answer must never reach the next job
            self._replace(worker)
            raise
        if outcome[0] == "error" and outcome[2] == _out_of_memory(self.limits):
            self._replace(worker)  # after a MemoryError its heap may be in pieces: a fresh worker
        else:
            self._release(worker)
        if outcome[0] == "error":
            _raise_remote(outcome[1], outcome[2])
        return outcome[1]

    def _replace(self, worker: _Worker) -> None:
        """End a worker (it may be mid-query); the standby takes its place at once (readers), else another
        is started and admitted once it is ready."""
        self._workers.discard(worker)
        with contextlib.suppress(Exception):
            worker.stop()
        standby, self._standby = self._standby, None
        if standby is not None:
            standby.reserved = worker.reserved
            self._release(standby)
        else:
            self._later(self._admit(self._spawn(worker.reserved)))
        self._prepare_standby()

    def _prepare_standby(self) -> None:
        if self.read_only and self._standby is None and not self._standby_coming:  # a writer holds the lock
            self._standby_coming = True
            self._later(self._start_standby())

    async def _start_standby(self) -> None:
        worker = self._spawn(reserved=False)
        try:
            await worker.ready()
        except (StoreError, TimeoutError, EOFError, OSError):
            log.error("a standby store worker failed to start")
            self._workers.discard(worker)
            return
        finally:
            self._standby_coming = False
        self._standby = worker

    def _later(self, job: Any) -> None:
        task = asyncio.get_running_loop().create_task(job)
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)
