"""The whole flow for a batch of files: read → extract → RDF, and into a store.

Library functions the CLI (and the API, the benches, the tests) call; they
report bad input through an `on_error` callback and go on with the rest of the
batch, so one bad file never stops the others.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import NamedNode, Quad

from kg.errors import BadInput
from kg.extract import extract_article
from kg.iri import Minter
from kg.rdf import ArticleGraph, article_quads
from kg.read import expand_paths, read_path
from kg.store import GraphStore

ErrorHandler = Callable[[BadInput], None]


def _raise(error: BadInput) -> None:
    raise error


@dataclass(frozen=True)
class Options:
    """How to read a batch: metadata flags that override what the files say."""

    published: dt.date | None = None
    source: str | None = None
    kind: str | None = None
    base: str | None = None

    def minter(self) -> Minter:
        return Minter(self.base) if self.base else Minter()


@dataclass
class DocumentGraphs:
    """The article graphs of one source file, grouped by the document they belong to."""

    path: Path
    graphs: dict[NamedNode, dict[NamedNode, list[Quad]]] = field(default_factory=dict)
    articles: list[ArticleGraph] = field(default_factory=list)

    def add(self, graph: ArticleGraph) -> None:
        self.graphs.setdefault(graph.document, {})[graph.graph] = graph.quads
        self.articles.append(graph)


def extract_file(path: Path, options: Options, on_error: ErrorHandler = _raise) -> DocumentGraphs:
    """The RDF of every article in one file; per-record problems go to `on_error`."""
    minter = options.minter()
    result = DocumentGraphs(path)
    for item in read_path(path, published=options.published, source=options.source, kind=options.kind):
        if isinstance(item, BadInput):
            on_error(item)
            continue
        result.add(article_quads(extract_article(item), minter))
    return result


def extract_files(
    paths: Iterable[str | Path], options: Options, on_error: ErrorHandler = _raise
) -> Iterator[DocumentGraphs]:
    """Each file's graphs in turn (folders recursively); a file that cannot be read goes to `on_error`."""
    for path in expand_paths(paths):
        try:
            yield extract_file(path, options, on_error)
        except BadInput as error:
            on_error(error)
        except (OSError, UnicodeError) as exc:  # vanished mid-run, permissions, …
            on_error(BadInput(str(exc.strerror or exc), path=str(path)))


@dataclass
class IngestSummary:
    documents: int = 0
    articles: int = 0
    skipped: int = 0
    seconds: float = 0.0

    def line(self, counts: dict[str, int]) -> str:
        parts = [f"{self.documents} documents", f"{self.articles} articles"]
        parts += [f"{n} {name}" for name, n in counts.items()]
        if self.skipped:
            parts.append(f"{self.skipped} skipped")
        return ", ".join(parts) + f" in {self.seconds:.1f} s"


def ingest_files(
    store: GraphStore,
    paths: Iterable[str | Path],
    options: Options,
    on_error: ErrorHandler = _raise,
    on_file: Callable[[Path], None] | None = None,
) -> IngestSummary:
    """Read, extract and store each file; each document's graphs replace its old ones in one transaction."""
    summary, started = IngestSummary(), time.perf_counter()

    def count_error(error: BadInput) -> None:
        summary.skipped += 1
        on_error(error)

    for doc in extract_files(paths, options, count_error):
        for document, graphs in doc.graphs.items():
            store.replace_document(document, graphs)
        summary.documents += 1
        summary.articles += len(doc.articles)
        if on_file:
            on_file(doc.path)
    store.flush()
    summary.seconds = time.perf_counter() - started
    return summary
