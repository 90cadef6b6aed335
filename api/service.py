"""The store as the HTTP layer sees it: reader processes for queries, one writer process for updates."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from typing import Any

from api.workers import WorkerPool
from kg.errors import StoreError
from kg.settings import Settings
from kg.store import GraphStore, open_store

JOBS = ("api.execution", "api.records.persons", "api.records.policies", "api.records.articles",
        "api.records.search", "api.records.graph")  # imported by each worker before it says it is ready


def unattributed_write(store: GraphStore, fn: Callable[..., Any], *args: Any) -> Any:
    """Writer job: `fn(store, *args)`, with every view (kg.views) marked stale before it writes."""
    if store.views is not None:
        store.views.mark_all_stale()
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
        open_store(location).store.flush()  # create it (or fail clearly: locked, unreadable) before forking
        self.writer = WorkerPool(location, 1, read_only=False, timeout=settings.query_timeout, preload=JOBS)
        self.readers = WorkerPool(location, _reader_count(settings), read_only=True,
                                  timeout=settings.query_timeout, preload=JOBS)

    async def start(self) -> None:
        await self.writer.start()  # first: it creates the store the readers open
        await self.readers.start()

    def close(self) -> None:
        self.readers.close()
        self.writer.close()
        if self._scratch:
            shutil.rmtree(self._scratch, ignore_errors=True)

    async def read(self, fn: Callable[..., Any], *args: Any) -> Any:
        return await self.readers.run(fn, *args)

    async def write(self, fn: Callable[..., Any], *args: Any) -> Any:
        """A write (SPARQL Update, Graph Store Protocol), then every reader reopens its snapshot before its
        next job. Nobody can tell which records such a write touches: it marks every view stale first."""
        try:
            return await self.writer.run(unattributed_write, fn, *args)
        finally:
            self.readers.generation += 1
