"""Where the time of one /sparql request goes, stage by stage, beside `oxigraph serve` on the same data.

For each bench question (`bench.querying`), p50 over a few repeats, in ms:

- in this process, what a reader worker does (`api.execution.run_query`): the syntax check of a new text
  and of a text seen before (`api.guard`), pyoxigraph's evaluation and serialisation of the result, the
  whole job; the evaluation (wall p50 and mean CPU) on our store as a server opened it before (the ingest's
  files, its log flushed), compacted (as `kg serve` now serves it), and on the `bulk_load`ed copy (same
  quads); the job once more with the worker's memory cap (`api.sandbox`) in force;
- the hand-off to a worker: the job and its answer pickled through a pipe to a spawned process and back;
- over HTTP, with the servers up side by side and the questions sent to each in turn (interleaved, so the
  machine's load falls on all alike): `kg serve` on our store, `oxigraph serve` on the bulk-loaded copy and
  on a copy of our store as the ingest left it; p50 wall time and the CPU time each server's processes
  spent per request (from /proc: it moves far less than wall time with the load of other programs).

What is left of our end-to-end time after the worker's job is the HTTP layer and the hand-off.

    .venv/bin/python -m bench.sparql_overhead [--work DIR] [--repeats N]

`--work DIR`: a `python -m bench --work` folder's size folder (it has `store` and `bulk`); without it, the
1× corpus is generated and loaded first.
"""

from __future__ import annotations

import argparse
import gc
import multiprocessing
import pickle
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import httpx
from pyoxigraph import QueryResultsFormat, Store

from api import execution, guard, sandbox, sparql_syntax
from bench import querying as qb
from bench.corpus import BASE_ARTICLES, generate
from bench.pipeline_bench import loading
from bench.servers import cpu_seconds, kg_serve_process, oxigraph_serve, oxigraph_serve_process
from kg.store import GraphStore

JSON = "application/sparql-results+json"
ROW_LIMIT = 10_000


def p50_ms(fn: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def questions(params: qb.Parameters) -> dict[str, str]:
    """One text per question (the first of the bench's mix)."""
    return dict(reversed(qb.mix(params, 1)))


def graph_counts(location: Path) -> dict[str, int]:
    """Quads per kind of named graph (the IRI's path up to its last segment)."""
    store = Store.read_only(str(location))
    counts: dict[str, int] = {}
    for quad in store:
        graph = getattr(quad.graph_name, "value", "")
        kind = "/".join(graph.split("/")[:6]) if graph else "(default graph)"  # …/id/graph, …/id/identity
        counts[kind] = counts.get(kind, 0) + 1
    return counts


def _echo(conn: multiprocessing.connection.Connection) -> None:
    """Answer each job with the outcome last set (`("set", outcome)`), as a worker answers a job."""
    outcome = None
    while True:
        try:
            message = conn.recv()
        except EOFError:
            return
        if message[0] == "set":
            outcome = message[1]
        else:
            conn.send(outcome)


def handoff_ms(answers: dict[str, execution.Answer], texts: dict[str, str], repeats: int) -> dict[str, float]:
    """A job and its answer through a pipe to a spawned process and back, as `api.workers` sends them."""
    context = multiprocessing.get_context("spawn")
    parent, child = context.Pipe()
    process = context.Process(target=_echo, args=(child,), daemon=True)
    process.start()
    figures = {}
    try:
        for name, text in texts.items():
            parent.send(("set", ("ok", answers[name])))
            job = (execution.run_query, (text, execution.Dataset(), JSON, ROW_LIMIT, False), "/snap/1-0")

            def round_trip(job: tuple = job) -> None:
                parent.send(job)
                parent.recv()

            round_trip()
            figures[name] = p50_ms(round_trip, repeats)
            figures[name + " bytes"] = len(pickle.dumps(answers[name]))
    finally:
        parent.close()
        process.join(5)
    return figures


def in_process(store_dir: Path, bulk_dir: Path, texts: dict[str, str], repeats: int) -> dict[str, dict[str, float]]:
    """The worker's stages, timed here on snapshots of our store (as a reader opens one: as the ingest left it,
    and compacted as `kg serve` does at start) and on the bulk copy; the evaluations interleaved."""
    figures: dict[str, dict[str, float]] = {name: {} for name in texts}
    sparql_syntax.warm()
    with tempfile.TemporaryDirectory(prefix="kg-overhead-") as tmp:
        shutil.copytree(store_dir, Path(tmp) / "ingested")  # copies: opening a store to write may compact it
        shutil.copytree(store_dir, Path(tmp) / "compacted")
        reopened = Store(str(Path(tmp) / "ingested"))  # as a server's writer opens it: the log flushed to files
        reopened.flush()
        del reopened
        writer = GraphStore(Store(str(Path(tmp) / "compacted")), str(Path(tmp) / "compacted"))
        started = time.perf_counter()
        writer.optimize()
        print(f"compaction of our store: {time.perf_counter() - started:.3f} s")
        del writer
        gc.collect()
        ours = GraphStore(Store.read_only(str(Path(tmp) / "compacted")), str(store_dir))
        engines = {"as ingested": Store.read_only(str(Path(tmp) / "ingested")), "compacted": ours.store,
                   "bulk copy": Store.read_only(str(bulk_dir))}
        for name, text in texts.items():
            row = figures[name]
            row["check, new text"] = p50_ms(lambda t=text: guard._check_query(t, False), repeats)
            guard.check_query(text, allow_service=False)
            row["check, seen text"] = p50_ms(lambda t=text: guard.check_query(t, allow_service=False), repeats)
            evaluations: dict[str, list[float]] = {label: [] for label in engines}
            cpu = dict.fromkeys(engines, 0.0)
            for _ in range(repeats):
                for label, engine in engines.items():
                    started, cpu_before = time.perf_counter(), time.process_time()
                    engine.query(text, use_default_graph_as_union=True).serialize(format=QueryResultsFormat.JSON)
                    evaluations[label].append(time.perf_counter() - started)
                    cpu[label] += time.process_time() - cpu_before
            for label, seconds in evaluations.items():
                row[f"evaluate+JSON, {label}"] = statistics.median(seconds) * 1000
                row[f"evaluate+JSON CPU, {label}"] = cpu[label] * 1000 / repeats
            row["run_query job (all of it)"] = p50_ms(
                lambda t=text: execution.run_query(ours, t, execution.Dataset(), JSON, ROW_LIMIT), repeats)
        answers = {name: execution.run_query(ours, text, execution.Dataset(), JSON, ROW_LIMIT)
                   for name, text in texts.items()}
        for name, value in handoff_ms(answers, texts, repeats).items():
            figures[name.split(" ")[0]]["hand-off, pickled round trip" + (" (bytes)" if " " in name else "")] = value
        sandbox.limit_memory(512)  # what a worker runs under (api.sandbox): does the cap cost anything?
        for name, text in texts.items():
            figures[name]["run_query job, memory cap on"] = p50_ms(
                lambda t=text: execution.run_query(ours, t, execution.Dataset(), JSON, ROW_LIMIT), repeats)
    return figures


def _asker(endpoint: str, client: httpx.Client) -> Callable[[str], object]:
    """POST the query, read the whole JSON answer (rows or an ASK's boolean), as the bench's client does."""

    def ask(text: str) -> object:
        response = client.post(endpoint, content=text.encode(), headers={
            "Content-Type": "application/sparql-query", "Accept": JSON})
        response.raise_for_status()
        return response.json()

    return ask


@dataclass
class Http:
    """Per question and endpoint: p50 wall ms, and the server's CPU ms per request (all its processes)."""

    wall: dict[str, dict[str, float]]
    cpu: dict[str, dict[str, float]]


def interleaved(endpoints: dict[str, tuple[str, int]], texts: dict[str, str], repeats: int) -> Http:
    """Each text at each endpoint, asked in turn (one client per endpoint, kept alive)."""
    times: dict[str, dict[str, list[float]]] = {name: {e: [] for e in endpoints} for name in texts}
    cpu: dict[str, dict[str, float]] = {name: dict.fromkeys(endpoints, 0.0) for name in texts}
    with ExitStack() as stack:
        askers = {e: _asker(url, stack.enter_context(httpx.Client(timeout=120))) for e, (url, _) in endpoints.items()}
        for ask in askers.values():
            for text in texts.values():
                ask(text)
        for _ in range(repeats):
            for name, text in texts.items():
                for endpoint, ask in askers.items():
                    pid = endpoints[endpoint][1]
                    before = cpu_seconds(pid)
                    started = time.perf_counter()
                    ask(text)
                    times[name][endpoint].append(time.perf_counter() - started)
                    cpu[name][endpoint] += cpu_seconds(pid) - before
    return Http({name: {e: statistics.median(v) * 1000 for e, v in row.items()} for name, row in times.items()},
                {name: {e: v * 1000 / repeats for e, v in row.items()} for name, row in cpu.items()})


def servers(store_dir: Path, bulk_dir: Path, tmp: Path, stack: ExitStack) -> Iterator[tuple[str, tuple[str, int]]]:
    """(label, (endpoint, pid)) of the servers. `kg serve` compacts the store it serves at start (api.service);
    `oxigraph serve` runs on the bulk-loaded copy and on a copy of our store as the ingest left it."""
    shutil.copytree(store_dir, tmp / "ours-copy")
    shutil.copytree(store_dir, tmp / "served")  # kg serve compacts what it serves: the original stays as it was
    url, process = stack.enter_context(kg_serve_process(tmp / "served"))
    yield "kg serve, our store", (url + "/sparql", process.pid)
    url, process = stack.enter_context(oxigraph_serve_process(bulk_dir))
    yield "oxigraph serve, bulk copy", (url + "/query", process.pid)
    url, process = stack.enter_context(oxigraph_serve_process(tmp / "ours-copy"))
    yield "oxigraph serve, our store as ingested", (url + "/query", process.pid)


def prepare(work: Path) -> tuple[Path, Path]:
    generate(work / "corpus", articles=BASE_ARTICLES)
    loading(work / "corpus", work)
    return work / "store", work / "bulk"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.sparql_overhead", description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", type=Path, help="a folder with `store` and `bulk` (python -m bench --work …/1x)")
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-overhead-") as scratch, ExitStack() as stack:
        tmp = Path(scratch)
        store_dir, bulk_dir = (args.work / "store", args.work / "bulk") if args.work else prepare(tmp)
        ours_counts, bulk_counts = graph_counts(store_dir), graph_counts(bulk_dir)
        print(f"quads: our store {sum(ours_counts.values()):,}, bulk copy {sum(bulk_counts.values()):,}")
        for kind in sorted(set(ours_counts) | set(bulk_counts)):
            print(f"  {kind:<62} {ours_counts.get(kind, 0):>9,} {bulk_counts.get(kind, 0):>9,}")
        with oxigraph_serve(bulk_dir) as url, httpx.Client(timeout=120) as client:
            texts = questions(qb.Parameters.draw(qb.http_json(url + "/query", client)))
        texts = {"ask": "ASK {}", **texts}
        stages = in_process(store_dir, bulk_dir, texts, args.repeats)
        endpoints = dict(servers(store_dir, bulk_dir, tmp, stack))
        http = interleaved(endpoints, texts, args.repeats)
        stack.close()
    print(f"\nper question, p50 of {args.repeats} (ms; CPU: the server's processes, ms per request):")
    ours, theirs = "kg serve, our store", "oxigraph serve, bulk copy"
    for name in texts:
        print(f"\n{name}")
        rows = {**stages[name], **{f"HTTP: {e}": v for e, v in http.wall[name].items()},
                **{f"CPU: {e}": v for e, v in http.cpu[name].items()}}
        rows["HTTP + hand-off (ours − run_query job)"] = http.wall[name][ours] - stages[name]["run_query job (all of it)"]
        rows["ratio oxigraph serve ÷ kg serve (p50)"] = http.wall[name][theirs] / http.wall[name][ours]
        for stage, value in rows.items():
            print(f"  {stage:<52} {value:>10.3f}")
    for endpoint in endpoints:
        questions_only = [name for name in texts if name != "ask"]
        print(f"sum_of_p50_ms[{endpoint}]: {sum(http.wall[name][endpoint] for name in questions_only):.3f}")
        print(f"cpu_ms_per_mix[{endpoint}]: {sum(http.cpu[name][endpoint] for name in questions_only):.3f}")


if __name__ == "__main__":
    main()
