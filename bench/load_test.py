"""Load test of `kg serve` on 127.0.0.1: 50 concurrent clients × 200 requests, with a writer running.

Each client sends a mix of REST pages and SPARQL queries whose correct
answers were recorded first by a single client; every answer is compared to
it. Meanwhile one writer replaces a scratch graph of 50 triples twice a
second (Graph Store PUT, with the update token), and a probe query in the mix
counts that graph's triples: it must always see 0 or 50, never part of a write.
Prints p50/p99 latency, throughput, errors and wrong answers.

    .venv/bin/python -m bench.load_test [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import httpx

from bench.servers import PYTHON, free_port, serving
from kg import pipeline
from kg.settings import DEFAULT_BASE
from kg.stores import open_store

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
TOKEN = "load-test-token"
SCRATCH = "http://example.org/load-test/scratch"
SCRATCH_SIZE = 50
WRITE_INTERVAL = 0.5  # seconds between the writer's graph replacements (each makes every reader reopen its snapshot)
PROBE = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{SCRATCH}> {{ ?s ?p ?o }} }}"
PREFIXES = "PREFIX zw: <https://w3id.org/zhengwu/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
QUERIES = [
    PREFIXES + "SELECT DISTINCT ?p ?name WHERE { ?p a zw:Person ; rdfs:label ?name } ORDER BY ?name",
    PREFIXES + "SELECT ?e (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p zw:attended ?e } GROUP BY ?e ORDER BY ?e",
    PREFIXES + "SELECT DISTINCT ?policy WHERE { ?e zw:emphasised ?policy } ORDER BY ?policy",
]


def _scratch_turtle(round_: int) -> bytes:
    return "".join(f'<http://example.org/s{i}> <http://example.org/round> "{round_}" .\n'
                   for i in range(SCRATCH_SIZE)).encode()


async def _requests(client: httpx.AsyncClient) -> list[tuple[str, dict]]:
    """The request mix: SPARQL queries and REST pages about the data's persons and policies."""
    persons = (await client.get("/persons", params={"limit": 10})).json()["items"]
    policies = (await client.get("/policies", params={"limit": 5})).json()["items"]
    mix: list[tuple[str, dict]] = [("/sparql", {"query": q}) for q in QUERIES]
    mix += [("/persons/" + quote(p["iri"][len(DEFAULT_BASE + "person/"):]), {}) for p in persons]
    mix += [("/policies/" + quote(p["iri"][len(DEFAULT_BASE + "policy/"):]), {}) for p in policies]
    mix += [("/search", {"q": p["label"][:2]}) for p in persons[:3]]
    mix += [("/events", {}), ("/persons", {"post": "书记"})]
    return mix


async def _client(url: str, mix: list[tuple[str, dict]], expected: dict[int, bytes], n: int, offset: int,
                  latencies: list[float], tally: dict[str, int]) -> None:
    async with httpx.AsyncClient(base_url=url, timeout=60) as client:
        for i in range(n):
            if i % 10 == 5:  # the probe: a scratch graph is always whole or absent
                response = await client.get("/sparql", params={"query": PROBE})
                count = int(response.json()["results"]["bindings"][0]["n"]["value"]) if response.is_success else -1
                tally["torn_reads"] += count not in (0, SCRATCH_SIZE)
                continue
            index = (offset + i) % len(mix)
            path, params = mix[index]
            started = time.perf_counter()
            try:
                response = await client.get(path, params=params)
            except httpx.HTTPError:
                tally["errors"] += 1
                continue
            latencies.append(time.perf_counter() - started)
            if response.status_code != 200:
                tally["errors"] += 1
            elif response.content != expected[index]:
                tally["wrong"] += 1


async def _writer(url: str, stop: asyncio.Event, tally: dict[str, int]) -> None:
    async with httpx.AsyncClient(base_url=url, timeout=60) as client:
        round_ = 0
        while not stop.is_set():
            round_ += 1
            response = await client.put("/store", params={"graph": SCRATCH}, content=_scratch_turtle(round_),
                                        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/turtle"})
            tally["writes"] += response.status_code in (201, 204)
            await asyncio.sleep(WRITE_INTERVAL)


async def _load(url: str, clients: int, per_client: int) -> dict[str, float]:
    async with httpx.AsyncClient(base_url=url, timeout=60) as client:
        mix = await _requests(client)
        expected = {}
        for i, (path, params) in enumerate(mix):
            response = await client.get(path, params=params)
            response.raise_for_status()
            expected[i] = response.content
    latencies: list[float] = []
    tally = {"errors": 0, "wrong": 0, "torn_reads": 0, "writes": 0}
    stop = asyncio.Event()
    writer = asyncio.create_task(_writer(url, stop, tally))
    started = time.perf_counter()
    await asyncio.gather(*(_client(url, mix, expected, per_client, c * 3, latencies, tally) for c in range(clients)))
    wall = time.perf_counter() - started
    stop.set()
    await writer
    ordered = sorted(latencies)
    return {
        "load_clients": float(clients), "load_requests": float(clients * per_client),
        "load_p50_ms": statistics.median(ordered) * 1000,
        "load_p99_ms": ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))] * 1000,
        "load_requests_per_s": clients * per_client / wall,
        "load_errors": float(tally["errors"]), "load_wrong_answers": float(tally["wrong"]),
        "load_torn_reads": float(tally["torn_reads"]), "load_writes_during_test": float(tally["writes"]),
    }


def run(quick: bool = False) -> dict[str, float]:
    clients, per_client = (10, 40) if quick else (50, 200)
    with tempfile.TemporaryDirectory(prefix="kg-bench-load-") as tmp:
        store_path = Path(tmp) / "store"
        store = open_store(store_path)
        pipeline.ingest_files(store, [SEEDS], pipeline.Options(), on_error=lambda error: None)
        del store
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        command = [PYTHON, "-m", "kg", "serve", "--store", str(store_path), "--host", "127.0.0.1",
                   "--port", str(port), "--update-token", TOKEN]
        with serving(command, url + "/sparql?query=ASK%7B%7D"):
            return asyncio.run(_load(url, clients, per_client))


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.load_test", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="10 clients × 40 requests")
    figures = run(quick=parser.parse_args().quick)
    print(f"{int(figures['load_clients'])} clients × {int(figures['load_requests'] / figures['load_clients'])} "
          f"requests: p50 {figures['load_p50_ms']:.1f} ms, p99 {figures['load_p99_ms']:.1f} ms, "
          f"{figures['load_requests_per_s']:.0f} requests/s")
    print(f"errors {figures['load_errors']:g}, wrong answers {figures['load_wrong_answers']:g}, "
          f"torn reads {figures['load_torn_reads']:g}, writes during the test {figures['load_writes_during_test']:g}")
    for key, value in figures.items():
        print(f"{key}: {value:g}")


if __name__ == "__main__":
    main()
