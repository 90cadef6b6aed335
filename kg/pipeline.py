"""The whole flow for a batch of files: read → extract → RDF, and into a store.

Library functions the CLI (and the API, the benches, the tests) call; they
report bad input through an `on_error` callback and go on with the rest of the
batch, so one bad file never stops the others.
"""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.pool import AsyncResult
from pathlib import Path

from pyoxigraph import NamedNode, Quad

from kg import views
from kg.errors import BadInput
from kg.extract import extract_article
from kg.iri import Minter
from kg.linking import NameLinker
from kg.rdf import ArticleGraph, article_quads
from kg.read import expand_paths, read_path
from kg.settings import MAX_DOCUMENT_BYTES
from kg.store_api import KnowledgeStore
from kg.writer import BATCH_QUADS

ErrorHandler = Callable[[BadInput], None]
Packed = list[tuple[str, str, str, bytes, int]]  # per article: document, article, graph IRIs, its N-Quads, its size


def _raise(error: BadInput) -> None:
    raise error


# A file of many documents (JSON Lines: each record is one) is handed on in parts of about this many quads, so the
# memory an ingest needs does not grow with the file (a quad held in Python takes ~750 bytes): 50,000 quads are
# ~150 articles, and half a bulk batch (kg.store.BATCH_QUADS).
PART_QUADS = 50_000
# A full 政府工作报告 is about 20,000 characters. Far longer "articles" are run-together text (a file with no
# line breaks, a crawl that lost its markup); extraction's cost grows with names × names, so they are refused.
MAX_ARTICLE_CHARS = 40_000


@dataclass(frozen=True)
class Options:
    """How to read a batch: metadata flags that override what the files say."""

    published: dt.date | None = None
    source: str | None = None
    kind: str | None = None
    base: str | None = None
    max_document_bytes: int = MAX_DOCUMENT_BYTES  # kg.settings.Settings.max_document_bytes
    # Link post-less names to officials of other documents (kg.linking; kg.settings.Settings.link_names), after
    # the batch, from what the store then holds: the same store whatever order the documents came in.
    link_names: bool = True

    def minter(self) -> Minter:
        return Minter(self.base) if self.base else Minter()


@dataclass
class DocumentGraphs:
    """The article graphs of one source file, in order; `graphs` groups them by the document they belong to.

    An article graph is N-Quads text until someone asks for its quads: `kg extract`
    only prints the text, `kg ingest` parses it (in Rust) when it writes.
    """

    path: Path
    articles: list[ArticleGraph] = field(default_factory=list)
    part: int = 0  # parts of a file after the first (see `extract_parts`) count 1, 2, …
    quad_count: int = 0
    documents: set[NamedNode] = field(default_factory=set)

    def add(self, graph: ArticleGraph) -> None:
        self.articles.append(graph)
        self.documents.add(graph.document)
        self.quad_count += graph.size

    @property
    def graphs(self) -> dict[NamedNode, dict[NamedNode, list[Quad]]]:
        grouped: dict[NamedNode, dict[NamedNode, list[Quad]]] = {}
        for article in self.articles:
            grouped.setdefault(article.document, {})[article.graph] = article.quads
        return grouped

    @property
    def article_count(self) -> int:
        return len(self.articles)

    def nquads(self) -> bytes:
        """All its quads as N-Quads, articles in order (what `kg extract` prints)."""
        return b"".join(article.nquads for article in self.articles)


def extract_file(path: Path, options: Options, on_error: ErrorHandler = _raise) -> DocumentGraphs:
    """The RDF of every article in one file; per-record problems go to `on_error`."""
    return next(extract_parts(path, options, on_error, part_quads=None))


def extract_parts(path: Path, options: Options, on_error: ErrorHandler = _raise,
                  part_quads: int | None = PART_QUADS) -> Iterator[DocumentGraphs]:
    """The RDF of a file's articles in parts of about `part_quads` quads (None: one part), at least one part.

    A part never splits a document, so a page file (one document) is always one part; a JSON Lines file
    (a document per record) is read, extracted and written a part at a time, in bounded memory.
    """
    minter = options.minter()
    part = DocumentGraphs(path)
    for item in read_path(path, published=options.published, source=options.source, kind=options.kind,
                          max_bytes=options.max_document_bytes):
        if isinstance(item, BadInput):
            on_error(item)
            continue
        if len(item.body) > MAX_ARTICLE_CHARS:
            on_error(BadInput(f"article {item.index} has {len(item.body):,} characters, more than any news article "
                              f"(limit {MAX_ARTICLE_CHARS:,}); skipped", path=str(path)))
            continue
        graph = article_quads(extract_article(item), minter)
        if part_quads is not None and part.quad_count >= part_quads and graph.document not in part.documents:
            yield part
            part = DocumentGraphs(path, part=part.part + 1)
        part.add(graph)
    yield part


def _extract_guarded(path: Path, options: Options, on_error: ErrorHandler,
                     part_quads: int | None = PART_QUADS) -> Iterator[DocumentGraphs]:
    """`extract_parts`, with whole-file problems sent to `on_error` (after any parts already handed on)."""
    try:
        yield from extract_parts(path, options, on_error, part_quads)
    except BadInput as error:
        on_error(error)
    except (OSError, UnicodeError) as exc:  # vanished mid-run, permissions, …
        on_error(BadInput(str(getattr(exc, "strerror", None) or exc), path=str(path)))
    except RecursionError:  # a last line of defence: the reader turns known bombs into BadInput itself
        on_error(BadInput("nested too deeply to read", path=str(path)))


Problem = tuple[str, str | None, int | None]  # a BadInput's fields: it crosses the process boundary as data


def _extract_chunk(task: tuple[list[Path], Options]) -> list[tuple[Packed | None, list[Problem]]]:
    """Worker side of `extract_files(jobs=N)`: each file's articles as N-Quads, and its problems, in order.

    N-Quads, the form the RDF stage writes: pyoxigraph parses it faster than
    pickle moves the same quads between processes (docs/performance.md).
    """
    paths, options = task
    out = []
    for path in paths:  # files small enough to be one part each (see `_extract_parallel`)
        problems: list[BadInput] = []
        doc = next(_extract_guarded(path, options, problems.append, part_quads=None), None)
        packed = None if doc is None else [
            (a.document.value, a.article.value, a.graph.value, a.nquads, a.size) for a in doc.articles]
        out.append((packed, [(e.message, e.path, e.line) for e in problems]))
    return out


def _tasks(paths: Iterable[Path], size: int, large: Callable[[Path], bool]) -> Iterator[tuple[list[Path], bool]]:
    """`(files, here)`: chunks of `size` files for the workers, and each large file alone, to be read here."""
    chunk: list[Path] = []
    for path in paths:
        if large(path):
            if chunk:
                yield chunk, False
                chunk = []
            yield [path], True
            continue
        chunk.append(path)
        if len(chunk) == size:
            yield chunk, False
            chunk = []
    if chunk:
        yield chunk, False


def _larger_than(limit: int) -> Callable[[Path], bool]:
    def large(path: Path) -> bool:
        try:
            return path.stat().st_size > limit
        except OSError:
            return False  # reported when it is read

    return large


def _extract_parallel(paths: Iterator[Path], options: Options, on_error: ErrorHandler,
                      jobs: int, chunk: int) -> Iterator[DocumentGraphs]:
    """Files extracted by `jobs` processes, handed back in input order.

    The first file is extracted here, which loads the lexicons and jieba's
    dictionary (seconds); the workers are forked after that and start warm.
    They never touch the store this process may hold open, and leave with
    `os._exit`, so the fork does not disturb it. At most `2 * jobs` chunks are
    in flight, so a slow consumer (the store) holds the workers back instead
    of letting results pile up in memory. A file larger than a document may be
    (a JSON Lines crawl, or one to refuse) is read here, in parts, at its turn.
    """
    for first in paths:
        yield from _extract_guarded(first, options, on_error)
        break
    gc.freeze()  # the workers' garbage collector leaves inherited objects alone: no copy-on-write of the heap
    try:
        pool = multiprocessing.get_context("fork").Pool(jobs)
    finally:
        gc.unfreeze()
    with pool:
        pending: deque[tuple[list[Path], AsyncResult]] = deque()
        for batch, here in _tasks(paths, chunk, _larger_than(options.max_document_bytes)):
            if here:
                while pending:
                    yield from _deliver(*pending.popleft(), on_error)
                yield from _extract_guarded(batch[0], options, on_error)
                continue
            pending.append((batch, pool.apply_async(_extract_chunk, ((batch, options),))))
            while len(pending) >= 2 * jobs:
                yield from _deliver(*pending.popleft(), on_error)
        while pending:
            yield from _deliver(*pending.popleft(), on_error)


def _deliver(batch: list[Path], result: AsyncResult, on_error: ErrorHandler) -> Iterator[DocumentGraphs]:
    for path, (packed, problems) in zip(batch, result.get(), strict=True):
        for message, where, line in problems:
            on_error(BadInput(message, path=where, line=line))
        if packed is not None:
            doc = DocumentGraphs(path)
            for document, article, graph, nquads, size in packed:
                doc.add(ArticleGraph(NamedNode(document), NamedNode(article), NamedNode(graph), nquads, size))
            yield doc


def extract_files(
    paths: Iterable[str | Path], options: Options, on_error: ErrorHandler = _raise, *, jobs: int = 1, chunk: int = 4
) -> Iterator[DocumentGraphs]:
    """Each file's graphs in turn (folders recursively); a file that cannot be read goes to `on_error`.

    A file of many documents comes in several parts (`extract_parts`). With
    `jobs > 1`, files are extracted by that many worker processes, `chunk`
    files per task; the results still come back in input order.
    """
    files = expand_paths(paths)
    if jobs > 1:
        yield from _extract_parallel(iter(files), options, on_error, jobs, chunk)
        return
    frozen = False
    try:
        for path in files:
            yield from _extract_guarded(path, options, on_error)
            if not frozen and gc.get_freeze_count() == 0:
                # The first file loaded the lexicons and jieba's dictionary, which live as long as the process:
                # out of the garbage collector's reach for the batch, since a full collection walks all of them
                # (~30 ms, once per ~300 articles: 5 % of extraction). Unfrozen at the end, so nothing is kept.
                gc.freeze()
                frozen = True
    finally:
        if frozen:
            gc.unfreeze()


@dataclass
class IngestSummary:
    documents: int = 0
    articles: int = 0
    skipped: int = 0
    seconds: float = 0.0
    views: int = 0  # precomputed REST records refreshed at the end (kg.views)
    views_seconds: float = 0.0

    def line(self, counts: dict[str, int]) -> str:
        parts = [f"{self.documents} documents", f"{self.articles} articles"]
        parts += [f"{n} {name}" for name, n in counts.items()]
        if self.skipped:
            parts.append(f"{self.skipped} skipped")
        return ", ".join(parts) + f" in {self.seconds:.1f} s ({self.views} views refreshed in {self.views_seconds:.1f} s)"


def ingest_files(
    store: KnowledgeStore,
    paths: Iterable[str | Path],
    options: Options,
    on_error: ErrorHandler = _raise,
    on_file: Callable[[Path], None] | None = None,
    *,
    jobs: int = 1,
    batch_quads: int | None = None,
) -> IngestSummary:
    """Read, extract and store each file; a document's graphs replace its old ones as a whole.

    Documents new to the store are written in batches of about `batch_quads`
    quads through the store's journalled bulk path (`GraphStore.writer`), the
    others replaced one transaction each. `jobs > 1` extracts in that many
    processes; writes stay here, in input order, so the store ends up the same
    whatever `jobs` is.
    """
    summary, started = IngestSummary(), time.perf_counter()

    def count_error(error: BadInput) -> None:
        summary.skipped += 1
        on_error(error)

    linker = NameLinker(store, options.minter().base, link_names=options.link_names)
    with store.writer(BATCH_QUADS if batch_quads is None else batch_quads) as writer:
        for doc in extract_files(paths, options, count_error, jobs=jobs):
            for document, graphs in doc.graphs.items():
                writer.write(document, linker.relink(graphs))
            summary.articles += doc.article_count
            if doc.part == 0:
                summary.documents += 1
                if on_file:
                    on_file(doc.path)
        linker.finish(writer)  # the by-name links of every name the ingest carried; its last batch linked in memory
    summary.views, summary.views_seconds = views.timed_refresh(store)
    store.optimize()  # one compaction of what the batches left, so queries run as on a bulk-loaded store
    summary.seconds = time.perf_counter() - started
    return summary
