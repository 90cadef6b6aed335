"""Servers the benchmarks talk to, each a subprocess on 127.0.0.1 that is stopped afterwards."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

PYTHON = sys.executable
OXIGRAPH = str(Path(sys.executable).with_name("oxigraph"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serving(command: list[str], probe: str, *, env: dict[str, str] | None = None,
            wait: float = 60.0, log: Path | None = None) -> Iterator[subprocess.Popen[bytes]]:
    """Run `command` until the block ends; first wait until GET `probe` answers.

    Its stderr goes to `log` when given (a chatty server would fill an unread pipe and stall)."""
    errors = log.open("wb") if log else subprocess.PIPE
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors, env={**os.environ, **(env or {})})
    try:
        deadline = time.monotonic() + wait
        while True:
            if process.poll() is not None:
                said = log.read_bytes() if log else process.stderr.read()  # type: ignore[union-attr]
                raise RuntimeError(f"{command[0]} exited: {said.decode(errors='replace')[-500:]}")
            try:
                if httpx.get(probe, timeout=5).status_code < 500:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{' '.join(command)} did not answer within {wait:g} s")
            time.sleep(0.1)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if log:
            errors.close()  # type: ignore[union-attr]


@contextlib.contextmanager
def kg_serve_process(store: Path, *options: str) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """Our `kg serve` on `store` (with more command-line `options`, e.g. an update token): its base URL and
    process. It may compact the store before it answers (api.service), hence the long wait."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [PYTHON, "-m", "kg", "serve", "--store", str(store), "--host", "127.0.0.1", "--port", str(port), *options]
    with serving(command, url + "/sparql?query=ASK%7B%7D", wait=3600.0) as process:
        yield url, process


@contextlib.contextmanager
def kg_serve(store: Path, *options: str) -> Iterator[str]:
    """`kg_serve_process`'s base URL alone."""
    with kg_serve_process(store, *options) as (url, _):
        yield url


@contextlib.contextmanager
def oxigraph_serve_process(store: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`oxigraph serve` on `store`, the union of the graphs as default graph: its base URL and process."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [OXIGRAPH, "serve", "--location", str(store), "--bind", f"127.0.0.1:{port}", "--union-default-graph"]
    with serving(command, url + "/query?query=ASK%7B%7D") as process:
        yield url, process


@contextlib.contextmanager
def oxigraph_serve(store: Path) -> Iterator[str]:
    """`oxigraph_serve_process`'s base URL alone."""
    with oxigraph_serve_process(store) as (url, _):
        yield url


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) used so far by process `pid` and every process under it (a server's workers),
    from /proc: unlike wall time, it hardly moves with the load other programs put on the machine."""
    ticks = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:  # it ended meanwhile
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
        pending.extend(int(child) for child in children)
    return ticks / os.sysconf("SC_CLK_TCK")
