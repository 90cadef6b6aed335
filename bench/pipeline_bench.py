"""Extraction and loading figures, each beside its anchor measured in the same run.

- extraction: read → extract → N-Quads, what `kg extract` does, in-process and
  through the CLI, with 1 and 2 processes; anchor: `jieba.lcut` over the same text.
- loading: quads/s of our writes into the embedded store (`GraphStore.writer`, as
  `kg ingest` writes: new documents in journalled bulk batches); anchor: pyoxigraph `Store.bulk_load` of the
  same quads as N-Quads.
- memory: peak RSS of a `kg ingest` subprocess.
"""

from __future__ import annotations

import resource
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import RdfFormat, Store

from bench.servers import PYTHON
from kg import pipeline
from kg.errors import BadInput
from kg.linking import NameLinker
from kg.rdf import serialize
from kg.read import expand_paths
from kg.stores import open_store


@dataclass(frozen=True)
class Rate:
    """`items` (articles or quads) and `size` bytes handled in `seconds`."""

    items: int
    size: int
    seconds: float
    cpu: float = 0.0  # CPU seconds of this process and its (reaped) children

    @property
    def per_s(self) -> float:
        return self.items / self.seconds if self.seconds else 0.0

    @property
    def mb_s(self) -> float:
        return self.size / 1e6 / self.seconds if self.seconds else 0.0


def _ignore(error: BadInput) -> None:
    pass


def corpus_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in expand_paths([folder]))


def warm_up(folder: Path) -> None:
    """Load lexicons and dictionaries once, so no figure pays a one-off start-up."""
    import jieba

    jieba.initialize()
    first = next(iter(expand_paths([folder])))
    for doc in pipeline.extract_files([first], pipeline.Options(), _ignore):
        serialize([q for g in doc.articles for q in g.quads], "nquads")


def jieba_rate(folder: Path, articles: int) -> Rate:
    """`jieba.lcut` (its default mode) over the text of every page; articles counted as ours are."""
    import jieba

    texts = [path.read_text(encoding="utf-8") for path in expand_paths([folder])]
    started = time.perf_counter()
    for text in texts:
        jieba.lcut(text)
    return Rate(articles, sum(len(t.encode()) for t in texts), time.perf_counter() - started)


def extract_rate(folder: Path, jobs: int) -> Rate:
    """In-process `kg extract --format nquads`: read, extract, serialise every file."""
    started, cpu, articles, size = time.perf_counter(), _cpu(), 0, corpus_bytes(folder)
    for doc in pipeline.extract_files([folder], pipeline.Options(), _ignore, jobs=jobs):
        doc.nquads()  # what `kg extract` prints
        articles += doc.article_count
    return Rate(articles, size, time.perf_counter() - started, _cpu() - cpu)


def _spin(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def free_cores() -> float:
    """Speed-up of a pure-Python busy loop in 2 processes over 1: what a second process can get right now.

    The anchor for `jobs2_vs_jobs1`: on an idle 2-core machine it is ~2; when
    other work holds the cores it drops toward 1, and so must any --jobs 2 figure.
    """
    import multiprocessing

    tasks = [400_000] * 16
    started = time.perf_counter()
    for n in tasks:
        _spin(n)
    serial = time.perf_counter() - started
    with multiprocessing.get_context("fork").Pool(2) as pool:
        started = time.perf_counter()
        pool.map(_spin, tasks, chunksize=1)
        parallel = time.perf_counter() - started
    return serial / parallel


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def cli_extract_rate(folder: Path, jobs: int, articles: int) -> Rate:
    """`python -m kg extract DIR --jobs N` as a user runs it, start-up included."""
    started = time.perf_counter()
    done = subprocess.run([PYTHON, "-m", "kg", "extract", str(folder), "--jobs", str(jobs)],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 65):
        raise RuntimeError(f"kg extract failed: {done.stderr.decode()[-500:]}")
    return Rate(articles, corpus_bytes(folder), seconds)


@dataclass(frozen=True)
class Loading:
    ours: Rate  # quads/s of the ingest's writes (GraphStore.writer)
    bulk: Rate  # quads/s of Store.bulk_load
    nquads: Path  # the store's content as N-Quads (for the other servers)


def loading(folder: Path, work: Path) -> Loading:
    """Ingest `folder` into a fresh store at work/store, timing only the writes; then bulk_load the same quads."""
    store = open_store(work / "store")
    writing = cpu = 0.0
    writer = store.writer()  # what `kg ingest` writes with: bulk batches behind a journal (GraphStore.writer)
    linker = NameLinker(store)  # and the by-name links it recomputes after the batch (kg.linking)
    for doc in pipeline.extract_files([folder], pipeline.Options(), _ignore):
        started, cpu_started = time.perf_counter(), _cpu()
        for document, graphs in doc.graphs.items():
            writer.write(document, linker.relink(graphs))
        writing, cpu = writing + time.perf_counter() - started, cpu + _cpu() - cpu_started
    started, cpu_started = time.perf_counter(), _cpu()
    linker.finish(writer)  # the by-name links, the last batch linked in memory and written (as `kg ingest` does)
    writer.close()  # the flush
    writing, cpu = writing + time.perf_counter() - started, cpu + _cpu() - cpu_started
    quads = len(store)
    nquads = work / "store.nq"
    store.store.dump(str(nquads), RdfFormat.N_QUADS)
    del store
    bulk_store = Store(str(work / "bulk"))
    started, cpu_started = time.perf_counter(), _cpu()
    bulk_store.bulk_load(path=str(nquads), format=RdfFormat.N_QUADS)
    bulk_store.flush()
    bulk = Rate(len(bulk_store), nquads.stat().st_size, time.perf_counter() - started, _cpu() - cpu_started)
    del bulk_store
    return Loading(Rate(quads, nquads.stat().st_size, writing, cpu), bulk, nquads)


def ingest_peak_rss(folder: Path, store: Path, jobs: int = 1) -> tuple[float, float]:
    """(peak RSS in MB, seconds) of `python -m kg ingest folder` in its own process.

    Read from the process's own high-water mark (`VmHWM`), polled: `ru_maxrss`
    from `wait4` would count this (large) benchmark process too, because Linux
    carries the pre-exec copy's high-water mark over into the child's figure.
    """
    started = time.perf_counter()
    process = subprocess.Popen([PYTHON, "-m", "kg", "ingest", str(folder), "--store", str(store), "--jobs", str(jobs)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak_kib = 0
    status = Path(f"/proc/{process.pid}/status")
    while process.poll() is None:
        try:
            line = next(x for x in status.read_text().splitlines() if x.startswith("VmHWM:"))
            peak_kib = max(peak_kib, int(line.split()[1]))
        except (OSError, StopIteration):
            pass
        time.sleep(0.02)
    seconds = time.perf_counter() - started
    if process.returncode not in (0, 65):
        raise RuntimeError(f"kg ingest exited with {process.returncode}")
    return peak_kib / 1024, seconds
