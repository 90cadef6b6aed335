"""Throughput of our /sparql against `oxigraph serve` over the same data, with concurrent clients.

Both servers run on 127.0.0.1 (ours: `kg serve` on the ingested store;
Oxigraph's: a copy of the same quads loaded with `oxigraph load`, served with
`--union-default-graph` so the questions mean the same). The same query mix
(`bench.querying`) is sent by the same number of client threads for the same
bounded time to each; every answer is checked to be a 200 with the same row
count as the other server gave. Prints queries/s of each and the ratio
(target: ours ≥ 0.5 × oxigraph serve).

    .venv/bin/python -m bench.sparql_throughput [--quick]
"""

from __future__ import annotations

import argparse
import itertools
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import httpx
from pyoxigraph import RdfFormat

from bench import querying as qb
from bench.corpus import BASE_ARTICLES, generate
from bench.servers import OXIGRAPH, kg_serve, oxigraph_serve
from kg import pipeline
from kg.stores import open_store

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
RESULTS = {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"}


def prepare(work: Path, quick: bool) -> tuple[Path, Path]:
    """Our store and an `oxigraph load`ed copy of the same quads: the seeds (quick) or the 1× corpus."""
    source = SEEDS
    if not quick:
        source = work / "corpus"
        generate(source, articles=BASE_ARTICLES)
    store = open_store(work / "store")
    pipeline.ingest_files(store, [source], pipeline.Options(), on_error=lambda error: None)
    store.store.dump(str(work / "store.nq"), RdfFormat.N_QUADS)
    del store
    subprocess.run([OXIGRAPH, "load", "--location", str(work / "oxigraph"), "--file", str(work / "store.nq")],
                   check=True, capture_output=True)
    return work / "store", work / "oxigraph"


def expected_rows(endpoint: str, questions: list[tuple[str, str]]) -> dict[str, int]:
    with httpx.Client(timeout=120) as client:
        ask = qb.http_asker(endpoint, client)
        return {text: ask(text) for _, text in dict.fromkeys(questions)}


def hammer(endpoint: str, questions: list[tuple[str, str]], expected: dict[str, int], *,
           clients: int, seconds: float) -> dict[str, float]:
    """`clients` threads ask the mix round-robin for `seconds`; answers are checked against `expected`."""
    counts = {"done": 0, "errors": 0, "wrong": 0}
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def worker(offset: int) -> None:
        with httpx.Client(timeout=120) as client:
            for _, text in itertools.islice(itertools.cycle(questions), offset, None):
                if time.perf_counter() >= deadline:
                    return
                try:
                    response = client.post(endpoint, content=text.encode(), headers=RESULTS)
                    ok = response.status_code == 200
                    right = ok and len(response.json()["results"]["bindings"]) == expected[text]
                except httpx.HTTPError:
                    ok = right = False
                with lock:
                    counts["done"] += 1
                    counts["errors"] += not ok
                    counts["wrong"] += ok and not right

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(i * 7,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    return {"qps": counts["done"] / wall, "errors": counts["errors"], "wrong": counts["wrong"]}


def run(quick: bool = False) -> dict[str, float]:
    seconds, clients, rounds = (8.0, 4, 4) if quick else (20.0, 8, 10)
    with tempfile.TemporaryDirectory(prefix="kg-bench-throughput-") as tmp:
        ours_store, oxigraph_store = prepare(Path(tmp), quick)
        with oxigraph_serve(oxigraph_store) as url:
            endpoint = url + "/query"
            with httpx.Client(timeout=120) as client:
                params = qb.Parameters.draw(qb.http_json(endpoint, client))
            questions = qb.mix(params, rounds)
            expected = expected_rows(endpoint, questions)
            theirs = hammer(endpoint, questions, expected, clients=clients, seconds=seconds)
        with kg_serve(ours_store) as url:
            ours = hammer(url + "/sparql", questions, expected, clients=clients, seconds=seconds)
    figures = {
        "sparql_throughput_ours_qps": ours["qps"],
        "sparql_throughput_oxigraph_qps": theirs["qps"],
        "sparql_throughput_ratio": ours["qps"] / theirs["qps"] if theirs["qps"] else 0.0,
        "sparql_throughput_errors": ours["errors"] + theirs["errors"],
        "sparql_throughput_wrong_answers": ours["wrong"] + theirs["wrong"],
        "sparql_throughput_clients": float(clients),
    }
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.sparql_throughput", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="the seeds only, 4 clients for 8 s")
    figures = run(quick=parser.parse_args().quick)
    print(f"oxigraph serve: {figures['sparql_throughput_oxigraph_qps']:8.1f} queries/s")
    print(f"our /sparql:    {figures['sparql_throughput_ours_qps']:8.1f} queries/s")
    print(f"ratio:          {figures['sparql_throughput_ratio']:8.2f}  (target ≥ 0.5)")
    for key, value in figures.items():
        print(f"{key}: {value:g}")


if __name__ == "__main__":
    main()
