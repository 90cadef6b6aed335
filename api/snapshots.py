"""Immutable snapshots of the served store, so reads never meet a store in mid-rewrite.

After each write the writer process takes a RocksDB checkpoint (pyoxigraph's
`Store.backup`: hard links to the immutable table files plus a copy of the
manifest, ~8 ms on this machine) into a folder beside the store. Readers open
the newest one read-only; nothing ever writes to it, so nothing can be removed
under them. A snapshot is removed once it is neither the newest nor open in
any reader (`prune`). Each snapshot is named after a sequence number and the
count of writes the views (kg.views) had seen done when it was taken, which the
background refresh of the views checks so it never builds them from a
snapshot older than the writes they would be marked fresh for.
"""

from __future__ import annotations

import itertools
import shutil
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from pyoxigraph import Store

from kg.errors import StoreError
from kg.store import GraphStore
from kg.store_api import KnowledgeStore
from kg.views import Views, open_views, settle_writes

_SEQUENCE = itertools.count()


def folder_for(location: str) -> Path:
    """Where the snapshots of the store at `location` go: beside it, on the same file system."""
    path = Path(location).resolve()
    return path.parent / f".{path.name}.snapshots"


def writes_seen(snapshot: str) -> int:
    """The count of finished writes the snapshot holds (from its name)."""
    return int(Path(snapshot).name.rsplit("-", 1)[1])


def take(store: KnowledgeStore, folder: str) -> str:
    """Writer job: checkpoint the store into a new folder under `folder`; its path."""
    writes = store.views.writes()[1] if isinstance(store.views, Views) else 0
    target = Path(folder) / f"{time.time_ns()}.{next(_SEQUENCE)}-{writes}"
    target.parent.mkdir(parents=True, exist_ok=True)
    store.flush()
    try:
        store.backup(str(target))
    except OSError as exc:
        raise StoreError(f"could not snapshot the store for the readers: {exc}") from None
    return str(target)


def write_then_take(store: KnowledgeStore, folder: str, fn: Callable[..., Any], *args: Any) -> tuple[Any, str]:
    """Writer job: `fn(store, *args)`, then a snapshot of the store it leaves (its result, the snapshot)."""
    result = fn(store, *args)
    return result, take(store, folder)


def settle_and_compact(store: KnowledgeStore) -> None:
    """Writer job at start-up: settle the views' write counts (`kg.views.settle_writes`), then compact the
    store's files (`KnowledgeStore.optimize`: free on a compacted store), so the readers' snapshots share the
    layout of a bulk-loaded store whatever wrote it."""
    settle_writes(store)
    store.optimize()


def open_snapshot(location: str, snapshot: str | None) -> GraphStore:
    """A reader's store: the snapshot, read-only, with the views (kg.views) of the live folder `location`."""
    if snapshot is None:
        raise StoreError(f"{location}: no snapshot of the store to read")
    try:
        return GraphStore(Store.read_only(snapshot), location, listener=open_views(location, read_only=True))
    except OSError as exc:
        raise StoreError(f"{location}: cannot open a snapshot of the store: {exc}") from None


def prune(folder: str, keep: Iterable[str]) -> None:
    """Remove the snapshots under `folder` except those in `keep`."""
    kept = {Path(k).name for k in keep}
    root = Path(folder)
    if not root.is_dir():
        return
    for entry in root.iterdir():
        if entry.name not in kept:
            shutil.rmtree(entry, ignore_errors=True)
