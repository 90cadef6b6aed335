"""What a store worker process may do, fixed before it serves: no network, bounded memory.

Defence in depth behind `api.guard`: even if a SERVICE or LOAD ever got past
the parse check, the process that evaluates it has no network to reach.

- **Network.** The worker moves itself into a new, empty network namespace
  (`unshare(CLONE_NEWNET)`; a non-root user first enters a new user namespace,
  `CLONE_NEWUSER`, which unprivileged users may create on Linux ≥ 3.8 where the
  distribution allows it). The new namespace has only a loopback interface,
  and it is down: every `connect()` to an IP address, 127.0.0.1 included,
  fails with "network unreachable". The pipe to the server is a Unix socket
  pair opened before, so it keeps working. It must run before the worker
  starts any thread (RocksDB's), since a multithreaded process may not enter a
  user namespace. Where the kernel forbids it (a container's seccomp profile,
  `user.max_user_namespaces = 0`), the worker logs one warning and goes on.
- **Memory.** Once the worker has opened the store, `RLIMIT_AS` caps its
  address space at what it then uses plus `Settings.worker_memory_mb` (the
  baseline is mostly reserved, not resident: ~500 MB of thread stacks and
  RocksDB arenas for ~65 MB resident). An allocation past it fails,
  pyoxigraph aborts the worker, and the server answers that the query ran out
  of memory and starts another worker.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import logging
import os
import resource

log = logging.getLogger("kg.api")


CLONE_NEWUSER = 0x10000000
M_ARENA_MAX = -8  # mallopt(3)
CLONE_NEWNET = 0x40000000


def _unshare(flags: int) -> None:
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    if libc.unshare(flags) != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, os.strerror(errno))


def _map_self(uid: int, gid: int) -> None:
    """Inside a new user namespace, keep our own uid/gid (files stay ours, names stay right)."""
    with open("/proc/self/setgroups", "w") as out:
        out.write("deny")
    with open("/proc/self/uid_map", "w") as out:
        out.write(f"{uid} {uid} 1")
    with open("/proc/self/gid_map", "w") as out:
        out.write(f"{gid} {gid} 1")


def cut_network() -> str | None:
    """Leave this process without any network; None when done, else why it could not be (logged)."""
    uid, gid = os.getuid(), os.getgid()
    try:
        try:
            _unshare(CLONE_NEWNET)  # enough for root (CAP_SYS_ADMIN)
        except PermissionError:
            _unshare(CLONE_NEWUSER | CLONE_NEWNET)
            _map_self(uid, gid)
    except OSError as exc:
        reason = f"the query workers keep network access (the kernel refused a network namespace: {exc.strerror})"
        log.warning("%s; SERVICE and LOAD are still refused by the parser check", reason)
        return reason
    return None


def _address_space() -> int:
    """Bytes of address space this process holds now (VmSize)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def limit_memory(megabytes: int) -> None:
    """Let this process grow by at most `megabytes` MB of address space from now on (0: no cap).

    glibc gives each new thread its own malloc arena, 64 MB of address space apiece, up to 8 per core:
    threads that come and go would creep up to the cap with nothing allocated, so arenas are capped at 2."""
    if megabytes <= 0:
        return
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    with contextlib.suppress(AttributeError):  # not glibc: no arenas to cap
        libc.mallopt(M_ARENA_MAX, 2)
    os.environ["RUST_BACKTRACE"] = "0"  # an allocation failure then prints one line, not a backtrace
    limit = _address_space() + megabytes * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
