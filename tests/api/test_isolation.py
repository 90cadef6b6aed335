"""Defence in depth and resource limits of `kg serve` (issue #14, points 1, 4 and 7), on a server of its own.

This server is started with SERVICE and LOAD *allowed*, as if the parse check
had been bypassed: its query workers must still reach nothing, because they
run without a network (`api.sandbox`). It also has a small memory cap per
worker, and one-second header and body timeouts.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.api.conftest import start_server, stop_server
from tests.api.listener import SECRET, Listener
from tests.conftest import REPO

TOKEN = "isolation-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
MEMORY_MB = 256
# 841 bytes in the report: each BIND doubles the string, ?v25 would be 335 MB, and the copies before it as much
BOMB = "SELECT ?v25 WHERE { BIND(\"0123456789\" AS ?v0) " + " ".join(
    f"BIND(CONCAT(?v{i},?v{i}) AS ?v{i + 1})" for i in range(25)) + " }"
PROBE = """
import socket, sys
from api.sandbox import cut_network
reason = cut_network()
try:
    socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=3)
    print("connected", reason)
except OSError as exc:
    print("refused", reason, exc)
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, int]]:
    folder = tmp_path_factory.mktemp("isolated")
    log = folder / "server.log"
    env = {"KG_ALLOW_SERVICE": "true", "KG_ALLOW_LOAD": "true", "KG_WORKER_MEMORY_MB": str(MEMORY_MB),
           "KG_HEADER_TIMEOUT": "1", "KG_BODY_TIMEOUT": "1"}
    with log.open("wb") as stderr:
        process, url = start_server(folder / "store", "--update-token", TOKEN, "--query-timeout", "30",
                                    env=env, stderr=stderr)
    yield url, log, process.pid
    stop_server(process)


def _probe(listener: Listener, *prefix: str, python: str = sys.executable) -> str:
    done = subprocess.run([*prefix, python, "-c", PROBE, str(listener.port)], capture_output=True, text=True,
                          cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=60)
    return done.stdout + done.stderr


def _namespaces_allowed() -> str | None:
    listener = Listener()
    try:
        out = _probe(listener)
    finally:
        listener.close()
    return None if out.startswith("refused None") else out.strip()


def test_a_sandboxed_process_cannot_connect_even_to_loopback() -> None:
    refused = _namespaces_allowed()
    if refused is not None:
        pytest.skip(f"this kernel refuses network namespaces here: {refused}")
    listener = Listener()
    try:
        assert _probe(listener).startswith("refused None")
        if os.geteuid() == 0 and shutil.which("setpriv"):  # the same for an unprivileged user
            as_nobody = ("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups")
            python = next((p for p in (sys.executable, "/usr/bin/python3")
                           if "Permission denied" not in _probe(listener, *as_nobody, python=p)), None)
            if python is not None:
                assert _probe(listener, *as_nobody, python=python).startswith("refused None")
        assert listener.connections == 0
    finally:
        listener.close()


def test_workers_reach_nothing_even_with_service_and_load_allowed(server: tuple[str, Path, int]) -> None:
    if _namespaces_allowed() is not None:
        pytest.skip("this kernel refuses network namespaces here")
    url, _, _ = server
    listener = Listener()
    try:
        with httpx.Client(base_url=url, timeout=60) as client:
            answers = [
                client.get("/sparql", params={"query": f"SELECT * {{ SERVICE <{listener.url}/s> {{ ?s ?p ?o }} }}"}),
                client.get("/sparql", params={"query": f"ASK {{ SERVICE SILENT <{listener.url}/s> {{ ?s ?p ?o }} }}"}),
                client.post("/sparql/update", headers=AUTH, data={"update": f"LOAD <{listener.url}/x.ttl>"}),
            ]
        assert answers[0].status_code == 400 and answers[2].status_code == 400
        assert all(SECRET not in a.content for a in answers)
        time.sleep(0.3)
        assert listener.connections == 0
    finally:
        listener.close()


def _worker_rss_kb(server_pid: int) -> int:
    total = 0
    for child in subprocess.run(["pgrep", "-P", str(server_pid)], capture_output=True, text=True).stdout.split():
        try:
            status = Path(f"/proc/{child}/status").read_text()
        except OSError:
            continue
        total = max(total, next((int(line.split()[1]) for line in status.splitlines()
                                 if line.startswith("VmRSS:")), 0))
    return total


def test_the_concat_bomb_ends_with_a_clear_error_well_before_a_gigabyte(server: tuple[str, Path, int]) -> None:
    url, _, server_pid = server
    peak, running = [0], [True]

    def watch() -> None:
        while running[0]:
            peak[0] = max(peak[0], _worker_rss_kb(server_pid))
            time.sleep(0.02)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        response = httpx.get(url + "/sparql", params={"query": BOMB}, timeout=60)
    finally:
        running[0] = False
        watcher.join()
    assert len(BOMB.encode()) < 900
    assert response.status_code == 400
    assert f"{MEMORY_MB} MB" in response.json()["detail"]
    assert peak[0] < 1024 * 1024 * 0.75  # KB: the worker stayed well under 1 GB resident
    assert httpx.get(url + "/sparql", params={"query": "ASK {}"}).status_code == 200  # replaced, serving


def _silence_after(url: str, payload: bytes) -> tuple[float, bytes]:
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port))) as sock:
        sock.sendall(payload)
        sock.settimeout(10)
        started = time.monotonic()
        data = sock.recv(1000)
        return time.monotonic() - started, data


def test_slow_or_idle_connections_are_closed(server: tuple[str, Path, int]) -> None:
    url, log, _ = server
    seconds, data = _silence_after(url, b"")
    assert seconds < 5 and data == b""  # a connection that sends nothing
    seconds, data = _silence_after(url, b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n")
    assert seconds < 5 and data == b""  # headers that never end
    seconds, data = _silence_after(url, b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/"
                                        b"sparql-query\r\nContent-Length: 100\r\n\r\nASK")
    assert seconds < 5 and data.startswith(b"HTTP/1.1 408")  # a body that never ends
    assert "no complete request headers within 1 s" in log.read_text()


def test_a_client_gone_mid_body_is_one_log_line(server: tuple[str, Path, int]) -> None:
    url, log, _ = server
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port))) as sock:
        sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                     b"Content-Length: 100\r\n\r\nASK")
        time.sleep(0.2)
    time.sleep(0.5)
    assert httpx.get(url + "/sparql", params={"query": "ASK {}"}).status_code == 200
    text = log.read_text()
    assert "the client disconnected before sending the whole request" in text
    assert "Traceback" not in text
