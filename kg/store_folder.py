"""The store's folder as a whole: who holds it, and replacing it by a backup without ever half-replacing it.

An embedded store is held by the process that opened it for writing: RocksDB
takes a POSIX record lock (`fcntl`) on `<store>/LOCK`. `kg serve` holds it for
as long as it runs, and says where it serves in `<store>/kg-serve.url`, so that
a command refused because the store is in use can name the server's real URL.

`restore` takes that same lock, so it is refused exactly when an ingest would
be, copies the backup beside the store, and swaps the two folders in one
`renameat2(RENAME_EXCHANGE)` call: at every moment the store's path holds
either the old store or the new one, whatever kills the process.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import signal
from collections.abc import Iterator
from pathlib import Path

from pyoxigraph import Store

from kg.errors import StoreError

SERVER_FILE = "kg-serve.url"  # "URL<TAB>pid" while a `kg serve` holds the store
LOCK = "LOCK"  # RocksDB's lock file
_AT_FDCWD, _RENAME_EXCHANGE = -100, 2  # from <fcntl.h> and <linux/fs.h>


def in_use_error(location: str | Path) -> StoreError:
    """The one line saying the store is held, naming the server that holds it when one said so."""
    url = announced_server(location)
    if url:
        return StoreError(
            f"{location}: the store is in use by another process (`kg serve` at {url}); stop it, or write "
            f"through it: --store {url}/sparql with KG_UPDATE_TOKEN set")
    return StoreError(
        f"{location}: the store is in use by another process (is `kg serve` running?); stop it, or write "
        "through the server: --store http://HOST:PORT/sparql (the URL it printed) with KG_UPDATE_TOKEN set")


def announced_server(location: str | Path) -> str | None:
    """The URL a running `kg serve` announced for the store at `location`, if that server still runs."""
    try:
        url, pid = (Path(location) / SERVER_FILE).read_text(encoding="utf-8").strip().split("\t")
        os.kill(int(pid), 0)  # signal 0: only asks whether the process exists
    except (OSError, ValueError):
        return None
    return url


@contextlib.contextmanager
def announce_server(location: str | Path, url: str) -> Iterator[None]:
    """Say, for as long as the block runs, that this process serves the store at `url`.

    SIGTERM leaves the block through Python's exit path meanwhile: uvicorn, having shut down on it,
    raises the signal again, which would otherwise end the process before the announcement is withdrawn.
    """
    path = Path(location) / SERVER_FILE
    mine = f"{url}\t{os.getpid()}\n"
    try:
        path.write_text(mine, encoding="utf-8")
    except OSError:
        path = None  # type: ignore[assignment]  # a read-only folder: the message just cannot name the URL
    previous = signal.signal(signal.SIGTERM, _exit_on_signal)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
        if path is not None:
            with contextlib.suppress(OSError):
                if path.read_text(encoding="utf-8") == mine:
                    path.unlink()


def _exit_on_signal(number: int, frame: object) -> None:
    raise SystemExit(128 + number)


@contextlib.contextmanager
def holding(location: Path) -> Iterator[None]:
    """Hold the store's lock (the one RocksDB takes) for the block; StoreError at once if another holds it."""
    if not (location / LOCK).exists():
        yield
        return
    descriptor = os.open(location / LOCK, os.O_RDWR | os.O_CLOEXEC)
    try:
        try:
            fcntl.lockf(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.EACCES, errno.EAGAIN):
                raise in_use_error(location) from None
            raise
        yield
    finally:
        os.close(descriptor)  # releases the lock


def restore(backup: str | Path, location: str | Path) -> None:
    """Put a backup in place of the store at `location`: refused while the store is in use, never half done.

    The backup is checked by opening it, copied beside the store (`<store>.restoring`) and made durable,
    then exchanged with the store in one rename. A kill at any moment leaves the old store or the new one
    at `location` (and at most a leftover `.restoring` folder, removed by the next restore).
    """
    backup, location = Path(backup), Path(location)
    try:
        Store.read_only(str(backup))
    except OSError as exc:
        raise StoreError(f"{backup}: not a store backup: {exc}") from exc
    if location.exists() and not (location / "CURRENT").exists() and any(location.iterdir()):
        raise StoreError(f"{location}: not a store (no CURRENT file) and not empty: restore will not replace it")
    staging = location.with_name(location.name + ".restoring")
    try:
        with holding(location):
            for leftover in (staging, location.with_name(location.name + ".replaced")):
                shutil.rmtree(leftover, ignore_errors=True)
            shutil.copytree(backup, staging, ignore=shutil.ignore_patterns(LOCK, SERVER_FILE))
            _sync_tree(staging)
            if location.exists():
                _exchange(staging, location)  # `staging` now holds the old store
            else:
                staging.rename(location)
            sync_folder(location.parent)
        shutil.rmtree(staging, ignore_errors=True)
    except OSError as exc:
        raise StoreError(f"{location}: restore failed, the store is unchanged: {exc}") from exc


def _exchange(a: Path, b: Path) -> None:
    """Swap two folders atomically (Linux 3.15+, glibc 2.28+); elsewhere two renames, a moment apart."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is not None:
        if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
            return
        code = ctypes.get_errno()
        if code not in (errno.EINVAL, errno.ENOSYS):  # other than "this file system cannot exchange"
            raise OSError(code, os.strerror(code), str(b))
    retired = b.with_name(b.name + ".replaced")
    b.rename(retired)
    a.rename(b)
    retired.rename(a)


def _sync_tree(folder: Path) -> None:
    """fsync every file of `folder` and the folder itself: the copy is on disk before it is swapped in."""
    for path in folder.rglob("*"):
        if path.is_file():
            descriptor = os.open(path, os.O_RDONLY)
            try:
                os.fsync(descriptor)
            finally:
                os.close(descriptor)
    sync_folder(folder)


def sync_folder(folder: Path) -> None:
    """Make a rename or removal in `folder` durable."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
