"""`kg serve` under abuse and under load (issue #14): the figures of docs/reliability.md's server table.

- **Reads under writes**: 2 clients replacing article graphs by SPARQL Update
  (`DROP` + `INSERT DATA`, one request) and 1 by Graph Store PUT, while 4
  clients read every article graph's triples. A read fails if it is not a
  200; it is torn if some article shows part of a write (each write gives all
  of an article's triples the same round number).
- **Light beside heavy**: 4 clients loop a query that runs into the time
  limit, while a fifth asks for REST pages and `ASK {}`; its p95 and failures.
- **The CONCAT bomb**: the 841-byte query; its answer and the peak resident
  memory of the server's workers meanwhile.

    .venv/bin/python -m bench.hardening [--quick]
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from bench.servers import kg_serve
from kg import pipeline
from kg.stores import open_store

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
TOKEN = "hardening-bench-token"
ARTICLE = "http://example.org/load/article/"
ARTICLES = 8
TRIPLES = 30  # per article graph
ROUND = "http://example.org/load/round"
CHECK = (f"SELECT ?g (COUNT(*) AS ?n) (COUNT(DISTINCT ?round) AS ?rounds) WHERE {{ GRAPH ?g {{ ?s <{ROUND}> ?round }} "
         f'FILTER(STRSTARTS(STR(?g), "{ARTICLE}")) }} GROUP BY ?g')
HEAVY = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n1 ?o . "
         "?q ?r ?s . ?t ?u ?v . ?w ?x ?y }")
LIGHT = [("/persons", {"q": "杜"}), ("/sparql", {"query": "ASK {}"}), ("/policies", {"limit": "5"}),
         ("/events", {"limit": "5"})]
BOMB = "SELECT ?v25 WHERE { BIND(\"0123456789\" AS ?v0) " + " ".join(
    f"BIND(CONCAT(?v{i},?v{i}) AS ?v{i + 1})" for i in range(25)) + " }"
JSON = {"Accept": "application/sparql-results+json"}


def _article(number: int, round_: int) -> str:
    return "".join(f'<{ARTICLE}{number}/s{i}> <{ROUND}> "{round_}" .\n' for i in range(TRIPLES))


def _loop(seconds: float, body: Callable[[httpx.Client], None], url: str) -> threading.Thread:
    def run() -> None:
        ends = time.monotonic() + seconds
        with httpx.Client(base_url=url, timeout=120) as client:
            while time.monotonic() < ends:
                body(client)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def reads_under_writes(url: str, token: str, seconds: float, *, readers: int = 4) -> dict[str, float]:
    """Writers replace article graphs while `readers` clients check every article is whole."""
    auth = {"Authorization": f"Bearer {token}"}
    rounds = itertools.count(1)
    tally = {"reads": 0, "failed_reads": 0, "torn_reads": 0, "writes": 0, "failed_writes": 0}
    lock = threading.Lock()

    def count(key: str) -> None:
        with lock:
            tally[key] += 1

    def update(client: httpx.Client) -> None:
        number, round_ = random.randrange(ARTICLES), next(rounds)
        graph = f"<{ARTICLE}{number}>"
        text = f"DROP SILENT GRAPH {graph} ; INSERT DATA {{ GRAPH {graph} {{ {_article(number, round_)} }} }}"
        if round_ % 17 == 0:
            text = f"DROP SILENT GRAPH {graph}"  # an article removed: readers must then see none of it
        response = client.post("/sparql/update", data={"update": text}, headers=auth)
        count("writes" if response.status_code == 204 else "failed_writes")

    def put(client: httpx.Client) -> None:
        number, round_ = random.randrange(ARTICLES), next(rounds)
        response = client.put("/store", params={"graph": f"{ARTICLE}{number}"}, content=_article(number, round_),
                              headers={**auth, "Content-Type": "text/turtle"})
        count("writes" if response.status_code in (201, 204) else "failed_writes")

    def read(client: httpx.Client) -> None:
        response = client.get("/sparql", params={"query": CHECK}, headers=JSON)
        count("reads")
        if response.status_code != 200:
            count("failed_reads")
            print(f"  failed read: {response.status_code} {response.text[:200]}", file=sys.stderr)
            return
        rows = response.json()["results"]["bindings"]
        if any(int(r["n"]["value"]) != TRIPLES or int(r["rounds"]["value"]) != 1 for r in rows):
            count("torn_reads")

    threads = [_loop(seconds, update, url), _loop(seconds, update, url), _loop(seconds, put, url)]
    threads += [_loop(seconds, read, url) for _ in range(readers)]
    for thread in threads:
        thread.join()
    return {k: float(v) for k, v in tally.items()}


def light_beside_heavy(url: str, seconds: float, *, heavy_clients: int = 4) -> dict[str, float]:
    """`heavy_clients` loop a query past the time limit; one more client asks for REST pages and `ASK {}`."""
    latencies: list[float] = []
    failures, heavy_answers = [0], [0]
    light = itertools.cycle(LIGHT)

    def heavy(client: httpx.Client) -> None:
        client.get("/sparql", params={"query": HEAVY})
        heavy_answers[0] += 1

    def cheap(client: httpx.Client) -> None:
        path, params = next(light)
        started = time.perf_counter()
        try:
            ok = client.get(path, params=params, headers=JSON).status_code == 200
        except httpx.TransportError:
            ok = False
        latencies.append(time.perf_counter() - started)
        failures[0] += not ok

    threads = [_loop(seconds, heavy, url) for _ in range(heavy_clients)]
    time.sleep(0.5)  # the heavy clients first
    threads.append(_loop(seconds - 0.5, cheap, url))
    for thread in threads:
        thread.join()
    ordered = sorted(latencies)
    return {"light_requests": float(len(ordered)), "light_failures": float(failures[0]),
            "light_p50_ms": statistics.median(ordered) * 1000,
            "light_p95_ms": ordered[int(len(ordered) * 0.95)] * 1000, "light_max_ms": ordered[-1] * 1000,
            "heavy_answers": float(heavy_answers[0])}


def _rss_kb(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)


def bomb(url: str, server_pid: int) -> dict[str, float]:
    """The CONCAT bomb: its status and the peak RSS (MB) of any of the server's workers while it ran."""
    peak, running = [0], [True]

    def watch() -> None:
        while running[0]:
            children = subprocess.run(["pgrep", "-P", str(server_pid)], capture_output=True, text=True).stdout.split()
            peak[0] = max([peak[0], *(_rss_kb(int(c)) for c in children)])
            time.sleep(0.02)

    watcher = threading.Thread(target=watch)
    watcher.start()
    started = time.perf_counter()
    try:
        status = httpx.get(url + "/sparql", params={"query": BOMB}, timeout=120).status_code
    finally:
        running[0] = False
        watcher.join()
    return {"bomb_status": float(status), "bomb_seconds": time.perf_counter() - started,
            "bomb_peak_worker_rss_mb": peak[0] / 1024}


def _server_pid(url: str) -> int:
    port = url.rsplit(":", 1)[1]
    found = subprocess.run(["pgrep", "-f", f"kg serve .*--port {port}"], capture_output=True, text=True)
    return int(found.stdout.split()[0])


def run(quick: bool = False) -> dict[str, float]:
    seconds = 20.0 if quick else 40.0
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="kg-bench-hardening-") as tmp:
        store_path = Path(tmp) / "store"
        store = open_store(store_path)
        pipeline.ingest_files(store, [SEEDS], pipeline.Options(), on_error=lambda error: None)
        del store
        with kg_serve(store_path, "--update-token", TOKEN, "--query-timeout", "5") as url:
            figures.update({f"rw_{k}": v for k, v in reads_under_writes(url, TOKEN, seconds).items()})
            figures.update(light_beside_heavy(url, seconds / 2))
        with kg_serve(store_path, "--query-timeout", "60") as url:  # long enough to meet the memory cap first
            figures.update(bomb(url, _server_pid(url)))
    for key, value in figures.items():
        print(f"  {key}: {value:.4g}")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.hardening", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="20 s of reads under writes instead of 40")
    figures = run(quick=parser.parse_args().quick)
    for key, value in figures.items():
        print(f"{key}: {value:.4g}")


if __name__ == "__main__":
    main()
