"""`python -m bench [--quick]`: every figure beside its anchor, at each corpus size, in one run.

Prints a table, then machine-readable `key: value` lines (ratios as plain
numbers). Sizes are multiples of the 1× generated corpus (`bench.corpus`);
`--quick` runs 1× only and fewer query rounds (under three minutes on 2 cores).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from bench import identity as bench_identity
from bench import pipeline_bench as pb
from bench import querying as qb
from bench.corpus import BASE_ARTICLES, generate
from bench.servers import kg_serve, oxigraph_serve
from kg import views
from kg.settings import DEFAULT_BASE
from kg.stores import open_store

RDFLIB_MAX_QUADS = 200_000  # rdflib's in-memory graph takes minutes and gigabytes beyond this


class Table:
    """Rows of figures, one column per corpus size."""

    def __init__(self, sizes: list[int]) -> None:
        self.sizes = sizes
        self.rows: dict[str, dict[int, float]] = {}
        self.units: dict[str, str] = {}

    def put(self, name: str, size: int, value: float, unit: str = "") -> None:
        self.rows.setdefault(name, {})[size] = value
        self.units[name] = unit
        print(f"  {name} @ {size}×: {value:,.3f} {unit}", file=sys.stderr, flush=True)

    def get(self, name: str, size: int) -> float | None:
        return self.rows.get(name, {}).get(size)

    def render(self) -> str:
        width = max(len(n) for n in self.rows) + 2
        head = f"{'figure':<{width}}{'unit':<12}" + "".join(f"{f'{s}×':>14}" for s in self.sizes)
        lines = [head, "-" * len(head)]
        for name, values in self.rows.items():
            cells = "".join(f"{values[s]:>14,.3f}" if s in values else f"{'–':>14}" for s in self.sizes)
            lines.append(f"{name:<{width}}{self.units[name]:<12}{cells}")
        return "\n".join(lines)


def _section(title: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {title}", file=sys.stderr, flush=True)


def bench_pipeline(table: Table, size: int, corpus: Path, work: Path, cli: bool) -> None:
    _section(f"{size}×: extraction")
    pb.warm_up(corpus)
    one = pb.extract_rate(corpus, jobs=1)
    two = pb.extract_rate(corpus, jobs=2)
    jieba = pb.jieba_rate(corpus, one.items)
    table.put("articles", size, one.items)
    table.put("corpus MB", size, one.size / 1e6, "MB")
    table.put("extract jobs=1", size, one.per_s, "articles/s")
    table.put("extract jobs=1 MB/s", size, one.mb_s, "MB/s")
    table.put("extract jobs=2", size, two.per_s, "articles/s")
    table.put("jieba.lcut MB/s", size, jieba.mb_s, "MB/s")
    table.put("extract_vs_jieba", size, one.mb_s / jieba.mb_s, "ratio")
    table.put("jobs2_vs_jobs1", size, two.per_s / one.per_s, "ratio")
    table.put("busy loop, 2 processes vs 1 (free cores)", size, pb.free_cores(), "ratio")
    table.put("extract CPU jobs=1", size, 1000 * one.cpu / one.items, "ms/article")
    table.put("extract CPU jobs=2", size, 1000 * two.cpu / two.items, "ms/article")
    # what 2 otherwise idle cores would give: the same CPU work spread over both
    table.put("jobs2_vs_jobs1 (CPU-bound, 2 idle cores)", size, 2 * one.cpu / two.cpu, "ratio")
    if cli:
        cli_one = pb.cli_extract_rate(corpus, 1, one.items)
        cli_two = pb.cli_extract_rate(corpus, 2, one.items)
        table.put("CLI kg extract jobs=1", size, cli_one.per_s, "articles/s")
        table.put("CLI kg extract jobs=2", size, cli_two.per_s, "articles/s")
    _section(f"{size}×: loading")
    load = pb.loading(corpus, work)
    table.put("quads", size, load.ours.items)
    table.put("load kg ingest writes", size, load.ours.per_s, "quads/s")
    table.put("load bulk_load", size, load.bulk.per_s, "quads/s")
    table.put("load_vs_bulk_load", size, load.ours.per_s / load.bulk.per_s, "ratio")
    # the same in CPU seconds (all threads): what the machine's other work does not move
    table.put("load_vs_bulk_load_cpu", size, load.bulk.cpu / load.ours.cpu if load.ours.cpu else 0.0, "ratio")
    _section(f"{size}×: memory of kg ingest")
    rss, seconds = pb.ingest_peak_rss(corpus, work / "ingested")
    shutil.rmtree(work / "ingested", ignore_errors=True)
    table.put("kg ingest peak RSS", size, rss, "MB")
    table.put("kg ingest (CLI)", size, one.items / seconds, "articles/s")


def bench_queries(table: Table, size: int, work: Path, rounds: int) -> None:
    _section(f"{size}×: querying ({rounds} rounds of {len(qb.QUESTIONS)} questions)")
    with httpx.Client(timeout=120) as client:
        with oxigraph_serve(work / "bulk") as url:
            params = qb.Parameters.draw(qb.http_json(url + "/query", client))
            questions = qb.mix(params, rounds)
            oxigraph = qb.measure(qb.http_asker(url + "/query", client), questions)
        _latencies(table, size, "oxigraph serve", oxigraph)
        refreshed, seconds = refresh_views(work / "store")
        table.put("views refresh", size, seconds, "s")
        table.put("views refreshed", size, refreshed)
        try:
            with kg_serve(work / "store") as url:
                ours = qb.measure(qb.http_asker(url + "/sparql", client), questions)
                rest = qb.measure(qb.rest_asker(url, client), qb.rest_mix(params, DEFAULT_BASE, 5 * rounds))
                analytics = qb.measure(qb.rest_asker(url, client), qb.analytics_mix(params, DEFAULT_BASE, 5 * rounds))
        except (RuntimeError, httpx.HTTPError) as exc:
            print(f"  kg serve /sparql not measured: {exc}", file=sys.stderr)
        else:
            _latencies(table, size, "our /sparql", ours)
            table.put("sparql_vs_oxigraph_serve", size, ours.throughput / oxigraph.throughput, "ratio")
            _latencies(table, size, "REST", rest)
            _latencies(table, size, "analytics", analytics)
    quads = table.get("quads", size) or 0
    if quads <= RDFLIB_MAX_QUADS:
        rdflib_rounds = 1 if rounds <= 10 else 3  # rdflib needs seconds a question
        rdflib = qb.measure(qb.rdflib_asker(str(work / "store.nq")), questions[: rdflib_rounds * len(qb.QUESTIONS)])
        _latencies(table, size, "rdflib Dataset", rdflib)
        table.put("oxigraph_vs_rdflib", size, rdflib.p50() / oxigraph.p50(), "ratio")


def refresh_views(location: Path) -> tuple[int, float]:
    """Refresh the precomputed REST records (kg.views) of a store the loading bench wrote with
    `replace_document` alone (only `ingest_files` refreshes them); (views refreshed, seconds)."""
    store = open_store(location)
    try:
        return views.timed_refresh(store)
    finally:
        del store
        gc.collect()  # release RocksDB's lock before kg serve opens the store


def _latencies(table: Table, size: int, engine: str, latencies: qb.Latencies) -> None:
    table.put(f"{engine} p50", size, latencies.p50(), "ms")
    table.put(f"{engine} p99", size, latencies.p99(), "ms")
    table.put(f"{engine} throughput", size, latencies.throughput, "queries/s")
    table.put(f"{engine} queries timed", size, sum(len(v) for v in latencies.by_question.values()))
    table.put(f"{engine} errors", size, latencies.errors)
    for question in latencies.by_question:
        table.put(f"{engine} p50 {question}", size, latencies.p50(question), "ms")


def bench_rest_store(store: Path, rounds: int) -> dict[str, float]:
    """The REST mix (busiest 20 persons and policies, default page) on an existing store, as it is and again
    after refreshing its views: `python -m bench --rest STORE` (on a copy: the refresh writes views.sqlite)."""
    figures: dict[str, float] = {}

    def measure(label: str, params: qb.Parameters | None) -> qb.Parameters:
        with httpx.Client(timeout=120) as client, kg_serve(store) as url:
            params = params or qb.Parameters.draw(qb.http_json(url + "/sparql", client))
            rest = qb.measure(qb.rest_asker(url, client), qb.rest_mix(params, DEFAULT_BASE, 5 * rounds))
        for page in ("person", "policy"):
            figures[f"rest_{label}_{page}_p50_ms"] = rest.p50(page)
            figures[f"rest_{label}_{page}_p99_ms"] = rest.p99(page)
        figures[f"rest_{label}_p50_ms"], figures[f"rest_{label}_p99_ms"] = rest.p50(), rest.p99()
        figures[f"rest_{label}_errors"] = rest.errors
        return params

    _section(f"REST pages of {store} as it is")
    params = measure("before", None)
    _section("views refresh")
    figures["views_refreshed"], figures["views_refresh_s"] = refresh_views(store)
    measure("after", params)
    return figures


def bench_analytics_store(store: Path, rounds: int) -> dict[str, float]:
    """The analyst's routes (kg.records.analytics) on an existing store, after refreshing its views and
    aggregates: `python -m bench --analytics STORE` (on a copy: the refresh writes views.sqlite)."""
    _section(f"views and aggregates of {store}")
    figures: dict[str, float] = {}
    figures["views_refreshed"], figures["views_refresh_s"] = refresh_views(store)
    _section("analyst's routes")
    with httpx.Client(timeout=120) as client, kg_serve(store) as url:
        params = qb.Parameters.draw(qb.http_json(url + "/sparql", client))
        latencies = qb.measure(qb.rest_asker(url, client), qb.analytics_mix(params, DEFAULT_BASE, 5 * rounds))
    for view in latencies.by_question:
        figures[f"analytics_{view}_p50_ms"], figures[f"analytics_{view}_p99_ms"] = \
            latencies.p50(view), latencies.p99(view)
    figures["analytics_p50_ms"], figures["analytics_p99_ms"] = latencies.p50(), latencies.p99()
    figures["analytics_errors"] = latencies.errors
    return figures


def bench_companions(quick: bool) -> dict[str, float]:
    """Figures from the companion benches (`bench.sparql_throughput`, `bench.load_test`: the API's;
    `bench.remote_ingest`: ingest into standalone SPARQL servers; `bench.pdf_bench`: e-paper PDF pages), when
    present."""
    figures: dict[str, float] = {}
    for name in ("bench.sparql_throughput", "bench.load_test", "bench.remote_ingest", "bench.pdf_bench",
                 "bench.hardening"):
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError:
            print(f"  {name}: not present", file=sys.stderr)
            continue
        _section(name)
        run: Callable[..., dict[str, float]] = module.run
        try:
            figures.update(run(quick=quick))
        except Exception as exc:  # a companion's failure must not lose the rest of the table
            print(f"  {name} failed: {exc}", file=sys.stderr)
    return figures


def summary(table: Table, companions: dict[str, float]) -> dict[str, float]:
    small, large = table.sizes[0], table.sizes[-1]
    keys = {
        "extract_vs_jieba": table.get("extract_vs_jieba", small),
        "jobs2_vs_jobs1": table.get("jobs2_vs_jobs1", large),
        "busy_loop_2_vs_1": table.get("busy loop, 2 processes vs 1 (free cores)", large),
        "load_vs_bulk_load": table.get("load_vs_bulk_load", large),
        "load_vs_bulk_load_cpu": table.get("load_vs_bulk_load_cpu", large),
        "sparql_vs_oxigraph_serve": table.get("sparql_vs_oxigraph_serve", large),
        "ingest_rss_growth": (table.get("kg ingest peak RSS", large) or 0) / (table.get("kg ingest peak RSS", small) or 1),
        "ingest_peak_rss_mb": table.get("kg ingest peak RSS", large),
        "extract_articles_per_s": table.get("extract jobs=1", large),
        "sparql_p99_ms": table.get("our /sparql p99", large),
        "oxigraph_serve_p99_ms": table.get("oxigraph serve p99", large),
        "rest_p99_ms": table.get("REST p99", large),
        "rest_p50_ms": table.get("REST p50", large),
        "identity_bcubed_p": table.get("identity_bcubed_p", large),
        "identity_bcubed_r": table.get("identity_bcubed_r", large),
        "analytics_p99_ms": table.get("analytics p99", large),
        "analytics_p50_ms": table.get("analytics p50", large),
        "largest_size": float(large),
    }
    for key, value in companions.items():  # the API's own benches; ours keep their names
        keys[f"api_{key}" if keys.get(key) is not None else key] = value
    keys.setdefault("rest_p99_ms", float("nan"))
    return {k: v for k, v in keys.items() if v is not None}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1× only, fewer query rounds (< 3 min)")
    parser.add_argument("--sizes", default=None, help="comma-separated multipliers (default 1,10,100; quick: 1)")
    parser.add_argument("--rounds", type=int, default=None, help="query rounds per engine (default 30; quick: 10)")
    parser.add_argument("--work", type=Path, default=None, help="keep corpora and stores here (default: a temp dir)")
    parser.add_argument("--rest", type=Path, default=None, metavar="STORE",
                        help="only the REST pages of an existing store, before and after refreshing its views")
    parser.add_argument("--analytics", type=Path, default=None, metavar="STORE",
                        help="only the analyst's routes on an existing store (its views refreshed first)")
    args = parser.parse_args(argv)
    if args.rest or args.analytics:
        run = bench_rest_store if args.rest else bench_analytics_store
        for key, value in run(args.rest or args.analytics, args.rounds or 30).items():
            print(f"{key}: {value:.4g}")
        return 0
    sizes = [int(s) for s in (args.sizes or ("1" if args.quick else "1,10,100")).split(",")]
    rounds = args.rounds or (10 if args.quick else 30)
    table = Table(sizes)
    started, load_before = time.perf_counter(), os.getloadavg()[0]
    with contextlib.ExitStack() as stack:
        root = args.work or Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="kg-bench-")))
        for size in sizes:
            work = root / f"{size}x"
            shutil.rmtree(work, ignore_errors=True)
            corpus = work / "corpus"
            generate(corpus, articles=BASE_ARTICLES * size, seed=size)
            bench_pipeline(table, size, corpus, work, cli=size == sizes[0])
            bench_queries(table, size, work, rounds)
            _section(f"{size}×: person identity (B-cubed against the generator's truth)")
            for key, value in bench_identity.run(size, work).items():
                table.put(key, size, value)
        companions = bench_companions(quick=args.quick or max(sizes) < 100)  # their full runs take long
    print(table.render())
    print(f"\n(total {time.perf_counter() - started:.0f} s; sizes × {BASE_ARTICLES} generated articles; "
          f"{os.cpu_count()} CPUs, load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after)\n")
    for key, value in summary(table, companions).items():
        print(f"{key}: {value:.4g}")
    return 0
