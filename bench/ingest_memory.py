"""Peak memory of `kg ingest` against the size of one input file (issue 14, point 4).

    python -m bench.ingest_memory [--quick]

A page file is one document, held whole while it is written: its memory grows
with its size (~190 MB per MB of page text), which is why a page larger than
`KG_MAX_DOCUMENT_BYTES` is refused before it is read. The 50 MB page of the
issue (the seed page repeated, line breaks kept) is measured too: refused. A
JSON Lines file holds a document per record and is written in parts
(`kg.pipeline.PART_QUADS`), so its memory should stay flat as it grows. Each
run is a real `python -m kg ingest` subprocess; its own peak RSS comes from
`os.wait4`. Prints one line per file, then `key: value` lines.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kg.read import read_path

REPO = Path(__file__).resolve().parent.parent
SEED_PAGE = REPO / "seeds" / "000_6619c5c4ce064df3.txt"


def ingest_peak(path: Path, store: Path) -> tuple[float, float, int, str]:
    """(peak RSS in MB, seconds, exit status, last stderr line) of `kg ingest path`."""
    started = time.monotonic()
    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen([sys.executable, "-m", "kg", "ingest", str(path), "--store", str(store)],
                                   cwd=REPO, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        err.seek(0)
        lines = err.read().decode("utf-8", "replace").splitlines()
    return usage.ru_maxrss / 1024, time.monotonic() - started, os.waitstatus_to_exitcode(status), (lines or [""])[-1]


def page_file(path: Path, megabytes: float) -> Path:
    page = SEED_PAGE.read_bytes()
    path.write_bytes(page * max(1, round(megabytes * 1e6 / len(page))))
    return path


def jsonl_file(path: Path, megabytes: float) -> Path:
    """Records made of the seed pages' articles, each with its own URL (so each is its own document)."""
    articles = [a for p in sorted((REPO / "seeds").glob("0*.txt")) for a in read_path(p)]
    size, number = 0, 0
    with path.open("w", encoding="utf-8") as out:
        while size < megabytes * 1e6:
            article = articles[number % len(articles)]
            line = json.dumps({"title": article.title or "", "body": article.body, "published": "2024-04-10",
                               "url": f"https://example.org/{number}", "source": "无锡日报"}, ensure_ascii=False)
            out.write(line + "\n")
            size += len(line.encode()) + 1
            number += 1
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smaller JSON Lines files (about a minute in all)")
    args = parser.parse_args(argv)
    small, large = (0.5, 2.0) if args.quick else (1.0, 4.0)
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="kg-memory-") as scratch:
        work = Path(scratch)
        runs = [("page", 0.5, page_file(work / "page_0.5.txt", 0.5)),
                ("page", 1.9, page_file(work / "page_1.9.txt", 1.9)),
                ("page", 50.0, page_file(work / "page_50.txt", 50.0)),
                ("jsonl", small, jsonl_file(work / f"crawl_{small}.jsonl", small)),
                ("jsonl", large, jsonl_file(work / f"crawl_{large}.jsonl", large))]
        for kind, megabytes, path in runs:
            peak, seconds, status, last = ingest_peak(path, work / f"store-{path.stem}")
            figures[f"{kind}_{megabytes:g}mb_peak_rss_mb"] = round(peak)
            print(f"{kind:<6}{megabytes:>6.1f} MB  peak RSS {peak:>6.0f} MB  {seconds:>6.1f} s  exit {status}"
                  + (f"  ({last})" if status else ""))
    figures["page_rss_mb_per_mb"] = round((figures["page_1.9mb_peak_rss_mb"] - figures["page_0.5mb_peak_rss_mb"])
                                          / 1.4)
    figures["jsonl_rss_growth"] = round(figures[f"jsonl_{large:g}mb_peak_rss_mb"]
                                        / figures[f"jsonl_{small:g}mb_peak_rss_mb"], 2)
    for key, value in figures.items():
        print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
