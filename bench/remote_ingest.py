"""`python -m bench.remote_ingest`: ingest speed into each tested standalone SPARQL server beside the embedded store.

The same generated corpus (1×, `bench.corpus`) is ingested the way `kg ingest` does it (extraction in this
process, then the writes) into a fresh embedded store and into each installed server of
`bench.triple_stores` (Virtuoso through `/sparql-auth` with Digest, `oxigraph serve` through nginx with
Basic), then ingested again (every document replaced). Prints `key: value` lines: documents per second
and the ratio to the embedded store. A server that is not installed is left out (`.ci/run` installs them).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from bench.corpus import BASE_ARTICLES, generate
from bench.triple_stores import SERVERS, installed
from kg import pipeline
from kg.remote_store import RemoteStore
from kg.settings import Settings
from kg.stores import open_store


def _ingest_rate(store: object, corpus: Path) -> tuple[float, float]:
    """Documents per second of a first ingest and of a second one (replacing every document)."""
    rates = []
    for _ in range(2):
        started = time.perf_counter()
        summary = pipeline.ingest_files(store, [corpus], pipeline.Options())  # type: ignore[arg-type]
        rates.append(summary.documents / (time.perf_counter() - started))
    return rates[0], rates[1]


def run(quick: bool = True, articles: int = BASE_ARTICLES) -> dict[str, float]:
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="kg-remote-bench-") as scratch:
        root = Path(scratch)
        corpus = root / "corpus"
        generate(corpus, articles=articles, seed=1)
        embedded = open_store(root / "embedded")
        figures["embedded_ingest_docs_per_s"], figures["embedded_reingest_docs_per_s"] = _ingest_rate(embedded, corpus)
        embedded.close()
        for name, start in SERVERS.items():
            if not installed(name):
                print(f"  {name}: not installed", file=sys.stderr)
                continue
            (root / name).mkdir()
            with start(root / name) as server:
                store = RemoteStore(server.url, settings=Settings(store_user=server.user,
                                                                  store_password=server.password))
                first, again = _ingest_rate(store, corpus)
                store.close()
            figures[f"remote_ingest_docs_per_s_{name}"] = first
            figures[f"remote_reingest_docs_per_s_{name}"] = again
            figures[f"remote_vs_embedded_ingest_{name}"] = first / figures["embedded_ingest_docs_per_s"]
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.remote_ingest", description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=BASE_ARTICLES, help=f"corpus size (default {BASE_ARTICLES})")
    args = parser.parse_args(argv)
    for key, value in run(articles=args.articles).items():
        print(f"{key}: {value:.4g}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
