"""One real server for the HTTP tests: the seeds ingested into an on-disk store, `kg serve` on 127.0.0.1.

The store is built by the real pipeline (`kg.pipeline.ingest_files`), the
server is the real CLI (`python -m kg serve`) in a subprocess on a free port,
and the tests talk to it with real clients (httpx, SPARQLWrapper, rdflib).
It runs with a short query timeout, a small row cap and a small size limit so
those limits can be exercised quickly.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from kg import pipeline
from kg.stores import open_store
from tests.conftest import REPO, SEEDS, free_port

TOKEN = "s3cret-test-token"
QUERY_TIMEOUT = 2.0
ROW_LIMIT = 50
MAX_BYTES = 30_000  # small enough for a URL over it (httpx caps URLs at 64 KiB)
ZW = "https://w3id.org/zhengwu/ontology#"
BASE = "https://w3id.org/zhengwu/id/"
PREFIXES = f"PREFIX zw: <{ZW}>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    location = tmp_path_factory.mktemp("served") / "store"
    store = open_store(location)
    summary = pipeline.ingest_files(store, [SEEDS], pipeline.Options())
    assert summary.articles > 0
    del store  # release RocksDB's lock for the server
    return location


def start_server(store: Path, *args: str, env: dict[str, str] | None = None,
                 stderr: object = subprocess.PIPE) -> tuple[subprocess.Popen, str]:
    """`python -m kg serve` on `store` on a free port of 127.0.0.1, once it answers; (process, base URL)."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "--store", str(store), "--host", "127.0.0.1", "--port", str(port),
         *args], cwd=REPO, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL, stderr=stderr)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"kg serve exited: {process.stderr.read().decode()[-2000:] if process.stderr else ''}")
        try:
            if httpx.get(url + "/sparql", params={"query": "ASK {}"}, timeout=5).status_code == 200:
                return process, url
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("kg serve did not answer within 60 s")
        time.sleep(0.2)


def stop_server(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="session")
def base_url(seed_store: Path) -> Iterator[str]:
    env = {"KG_ROW_LIMIT": str(ROW_LIMIT), "KG_MAX_BODY_BYTES": str(MAX_BYTES)}
    process, url = start_server(seed_store, "--update-token", TOKEN, "--query-timeout", str(QUERY_TIMEOUT), env=env)
    yield url
    stop_server(process)


@pytest.fixture(scope="session")
def client(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=30) as http:
        yield http


def select(client: httpx.Client, query: str) -> list[dict]:
    """Rows of a SELECT through the endpoint, as {var: value}."""
    response = client.get("/sparql", params={"query": PREFIXES + query},
                          headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200, response.text
    return [{k: v["value"] for k, v in b.items()} for b in response.json()["results"]["bindings"]]


def quad_count(client: httpx.Client) -> int:
    return int(select(client, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0]["n"])
