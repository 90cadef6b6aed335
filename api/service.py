"""The store as the HTTP layer sees it: reader processes for queries, one writer process for updates."""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from typing import Any

from api.workers import WorkerPool
from kg import views
from kg.errors import KgError, QueryTimeout, StoreError
from kg.settings import Settings
from kg.store_api import KnowledgeStore
from kg.stores import open_store

JOBS = ("kg.views", "api.execution", "api.describe", "kg.records.persons", "kg.records.policies",
        "kg.records.articles", "kg.records.search", "kg.records.graph")  # imported by each worker before it says it is ready


REFRESH_DELAY = 1.0  # seconds after a write before the views are refreshed (a burst of writes: once after it)
REFRESH_BATCH = 4  # entities per background job: a reader is busy for seconds, not minutes
REFRESH_ATTEMPTS = 600  # plans started over because a write came in between, before giving up until the next write
REFRESH_TIME_LIMIT = 600.0  # seconds per background job (counting a big store's events takes a while)
log = logging.getLogger("kg.api")


class _Interrupted(Exception):
    """A write began while the background refresh was building views: plan again."""


def unattributed_write(store: KnowledgeStore, fn: Callable[..., Any], *args: Any) -> Any:
    """Writer job: `fn(store, *args)`, with every view (kg.views) marked stale before it writes."""
    with views.writing(store.views):
        return fn(store, *args)


def _reader_count(settings: Settings) -> int:
    return settings.query_workers or max(2, min(4, os.cpu_count() or 2))


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
        self.writer = WorkerPool(location, 1, read_only=False, timeout=settings.query_timeout, preload=JOBS)
        self.readers = WorkerPool(location, _reader_count(settings), read_only=True,
                                  timeout=settings.query_timeout, preload=JOBS)
        self._refresher: asyncio.Task | None = None

    async def start(self) -> None:
        await self.writer.start()  # first: it creates the store the readers open
        await self.writer.run(views.settle_writes)  # a write killed before the server started never happened
        await self.readers.start()

    def close(self) -> None:
        if self._refresher is not None:
            self._refresher.cancel()
        self.readers.close()
        self.writer.close()
        if self._scratch:
            shutil.rmtree(self._scratch, ignore_errors=True)

    async def read(self, fn: Callable[..., Any], *args: Any) -> Any:
        return await self.readers.run(fn, *args)

    async def write(self, fn: Callable[..., Any], *args: Any) -> Any:
        """A write (SPARQL Update, Graph Store Protocol), then every reader reopens its snapshot before its
        next job. Nobody can tell which records such a write touches: it marks every view stale first,
        and the views are refreshed in the background soon after."""
        try:
            return await self.writer.run(unattributed_write, fn, *args)
        except (QueryTimeout, StoreError):  # the writer may have been killed mid-write, before counting it done
            await self.writer.run(views.settle_writes)
            raise
        finally:
            self.readers.generation += 1
            self._refresh_views_soon()

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
                plan = await self.readers.run(views.plan_refresh, REFRESH_BATCH, timeout=limit)
                if plan is None:
                    continue  # a write is under way
                begun, todo = plan
                for kind, batches in todo.items():
                    for iris in batches:
                        if not await self.readers.run(views.build_batch, kind, iris, begun, timeout=limit):
                            raise _Interrupted
                return
            except _Interrupted:
                continue
            except KgError as exc:  # e.g. past the time limit: the views stay stale, the pages live
                log.warning("background refresh of the views stopped: %s", exc)
                return
        log.warning("background refresh of the views gave up: writes kept coming")
