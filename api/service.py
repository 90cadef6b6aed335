"""The store as the HTTP layer sees it: reader processes for queries, one writer process for updates."""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import tempfile
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from api import snapshots
from api.workers import Busy, OnProbation, WorkerLimits, WorkerPool
from kg import views
from kg.errors import KgError, QueryTimeout, StoreError
from kg.settings import Settings
from kg.store_api import KnowledgeStore, writing
from kg.stores import open_store

JOBS = ("kg.views", "api.execution", "api.sparql_syntax", "api.describe", "kg.records.persons", "kg.records.policies",
        "kg.records.articles", "kg.records.search", "kg.records.graph")  # imported by each worker before it says it is ready


REFRESH_DELAY = 1.0  # seconds after a write before the views are refreshed (a burst of writes: once after it)
REFRESH_BATCH = 4  # entities per background job: a reader is busy for seconds, not minutes
REFRESH_ATTEMPTS = 600  # plans started over because a write came in between, before giving up until the next write
LIGHT_SECONDS = 0.5  # a query whose last run took less may use any reader (api.workers: lanes)
PROBATION_SECONDS = 1.0  # a query never seen may run this long on the reader kept for light work
REMEMBERED_QUERIES = 10_000
COMPACTION_TIME_LIMIT = 3600.0  # seconds for the compaction at start-up (kg.store.GraphStore.optimize)
REFRESH_TIME_LIMIT = 600.0  # seconds per background job (counting a big store's events takes a while)
log = logging.getLogger("kg.api")


class _Interrupted(Exception):
    """A write began while the background refresh was building views: plan again."""


def unattributed_write(store: KnowledgeStore, fn: Callable[..., Any], *args: Any) -> Any:
    """Writer job: `fn(store, *args)`, with every view (kg.views) marked stale before it writes."""
    with writing(store.views):
        return fn(store, *args)


def _reader_count(settings: Settings) -> int:
    return settings.query_workers or max(3, min(4, os.cpu_count() or 2))  # one of them reserved (api.workers)


class StoreService:
    """Runs jobs `fn(store, *args)` against the served store, each within `settings.query_timeout`."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        if settings.store.startswith(("http://", "https://")):
            raise StoreError(f"{settings.store}: kg serve serves a local store folder, not a remote server")
        self._scratch: str | None = None
        location = settings.store
        if location == ":memory:":  # workers need a folder to share: a throwaway one
            self._scratch = location = tempfile.mkdtemp(prefix="kg-serve-")
        self.location = location
        open_store(location).flush()  # create it (or fail clearly: locked, unreadable) before forking
        self.snapshots = str(snapshots.folder_for(location))
        limits = WorkerLimits(memory_mb=settings.worker_memory_mb, cut_network=settings.isolate_workers)
        self.writer = WorkerPool(location, 1, read_only=False, timeout=settings.query_timeout, preload=JOBS,
                                 limits=limits)
        self.readers = WorkerPool(location, _reader_count(settings), read_only=True,
                                  timeout=settings.query_timeout, preload=JOBS, limits=limits)
        self._refresher: asyncio.Task | None = None
        self._costs: OrderedDict[int, float] = OrderedDict()  # query → seconds its last run took

    async def start(self) -> None:
        snapshots.prune(self.snapshots, ())  # left by a server that was killed
        await self.writer.start()  # first: it creates the store the readers open
        # a write killed before the server started never happened; the store compacted; the first snapshot
        _, snapshot = await self.writer.run(snapshots.write_then_take, self.snapshots, snapshots.settle_and_compact,
                                            timeout=COMPACTION_TIME_LIMIT)
        self._publish(snapshot)
        await self.readers.start()

    def close(self) -> None:
        if self._refresher is not None:
            self._refresher.cancel()
        self.readers.close()
        self.writer.close()
        shutil.rmtree(self.snapshots, ignore_errors=True)
        if self._scratch:
            shutil.rmtree(self._scratch, ignore_errors=True)

    async def read(self, fn: Callable[..., Any], *args: Any) -> Any:
        """A REST page or another job known to be cheap: it may use any reader."""
        return await self.readers.run(fn, *args)

    async def query(self, fn: Callable[..., Any], *args: Any) -> Any:
        """A client's SPARQL query, admitted by what its last run cost (`api.workers`: lanes).

        Known cheap (last run under `LIGHT_SECONDS`): any reader. Known heavy
        (slower, or past the time limit): the N − 1 general readers only, so
        clients looping expensive queries never take the reader kept for REST
        pages and cheap queries. Never seen: any reader, but on the reserved
        one only for `PROBATION_SECONDS`; past that it is ended there and run
        again as heavy (the client still gets its answer)."""
        key = hash(args)
        cost = self._costs.get(key)
        started = time.monotonic()
        try:
            if cost is None:
                try:
                    result = await self.readers.run(fn, *args, probation=PROBATION_SECONDS)
                except OnProbation:
                    self._remember(key, float("inf"))
                    started = time.monotonic()
                    result = await self.readers.run(fn, *args, heavy=True)
            else:
                result = await self.readers.run(fn, *args, heavy=cost >= LIGHT_SECONDS)
        except Busy:
            raise
        except QueryTimeout:
            self._remember(key, float("inf"))
            raise
        self._remember(key, time.monotonic() - started)
        return result

    def _remember(self, key: int, seconds: float) -> None:
        self._costs[key] = seconds
        self._costs.move_to_end(key)
        while len(self._costs) > REMEMBERED_QUERIES:
            self._costs.popitem(last=False)

    async def write(self, fn: Callable[..., Any], *args: Any) -> Any:
        """A write (SPARQL Update, Graph Store Protocol), then a snapshot that every reader opens before its
        next job. Nobody can tell which records such a write touches: it marks every view stale first,
        and the views are refreshed in the background soon after."""
        try:
            result, snapshot = await self.writer.run(snapshots.write_then_take, self.snapshots,
                                                     unattributed_write, fn, *args)
        except KgError:  # e.g. killed mid-write, before counting it done; or refused, counted done all the same
            await self._settle()
            raise
        finally:
            self._refresh_views_soon()
        self._publish(snapshot)
        return result

    async def _settle(self) -> None:
        _, snapshot = await self.writer.run(snapshots.write_then_take, self.snapshots, views.settle_writes)
        self._publish(snapshot)

    def _publish(self, snapshot: str) -> None:
        """Readers run every next job on `snapshot`; older snapshots no reader holds are removed."""
        self.readers.snapshot = snapshot
        snapshots.prune(self.snapshots, {snapshot, *self.readers.snapshots_in_use()})

    def _refresh_views_soon(self) -> None:
        if self._refresher is None or self._refresher.done():
            self._refresher = asyncio.get_running_loop().create_task(self._refresh_views())

    async def _refresh_views(self) -> None:
        """Refresh the views (kg.views) in a reader process, a few entities per job, after a pause that lets
        a burst of writes pass; a write in between makes it plan again. Pages stay live (and right) meanwhile."""
        limit = max(self.settings.query_timeout, REFRESH_TIME_LIMIT)
        for _attempt in range(REFRESH_ATTEMPTS):
            await asyncio.sleep(REFRESH_DELAY)
            try:
                seen = snapshots.writes_seen(self.readers.snapshot or "-0")
                plan = await self.readers.run(views.plan_refresh, REFRESH_BATCH, seen, timeout=limit, heavy=True)
                if plan is None:
                    continue  # a write is under way
                begun, todo = plan
                for kind, batches in todo.items():
                    for iris in batches:
                        seen = snapshots.writes_seen(self.readers.snapshot or "-0")
                        if not await self.readers.run(views.build_batch, kind, iris, begun, seen, timeout=limit,
                                                      heavy=True):
                            raise _Interrupted
                return
            except _Interrupted:
                continue
            except KgError as exc:  # e.g. past the time limit: the views stay stale, the pages live
                log.warning("background refresh of the views stopped: %s", exc)
                return
        log.warning("background refresh of the views gave up: writes kept coming")
