"""The store's write paths: journalled bulk batches for new documents, transactions for replacements.

Documents here are built by hand (an article graph with its `dcterms:isPartOf` link and a few facts),
so each test says exactly which quads it expects; the end-to-end paths (extraction, SIGKILL) are in
tests/test_crash.py and tests/test_jobs.py.
"""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad, Store

from kg.iri import DCTERMS
from kg.store import JOURNAL, GraphStore
from kg.stores import open_store

EX = "https://example.org/"
LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")


def document(name: str, articles: int = 2, version: str = "v1") -> tuple[NamedNode, dict[NamedNode, list[Quad]]]:
    """A document with `articles` article graphs; `version` changes the facts, not the IRIs."""
    doc = NamedNode(f"{EX}doc/{name}")
    graphs = {}
    for i in range(articles):
        graph, article = NamedNode(f"{EX}graph/{name}/{i}"), NamedNode(f"{EX}article/{name}/{i}")
        graphs[graph] = [Quad(article, NamedNode(f"{DCTERMS}isPartOf"), doc, graph),
                         Quad(article, LABEL, Literal(f"{name} {i} {version}"), graph),
                         Quad(NamedNode(f"{EX}person/shared"), LABEL, Literal("同一人"), graph)]
    return doc, graphs


def write(store: GraphStore, *documents: tuple[NamedNode, dict[NamedNode, list[Quad]]],
          batch_quads: int = 100_000) -> None:
    """Write `documents` in order as an ingest does (the writer is dropped after: it holds the store)."""
    with store.writer(batch_quads) as writer:
        for doc in documents:
            writer.write(*doc)


def stored(store: GraphStore) -> set[str]:
    return {str(q) for q in store.store}


def expected(*documents: tuple[NamedNode, dict[NamedNode, list[Quad]]]) -> set[str]:
    return {str(q) for _, graphs in documents for quads in graphs.values() for q in quads}


def reopen(location: Path) -> GraphStore:
    """Open the store again, as a restart would (callers drop their own reference first)."""
    gc.collect()  # releases RocksDB's lock held by the dropped store
    return open_store(location)


@pytest.mark.parametrize("batch_quads", [0, 5, 100_000])
def test_new_and_stored_documents_end_the_same_whatever_the_batch(tmp_path: Path, batch_quads: int) -> None:
    store = open_store(tmp_path / "store")
    a, b, c = document("a"), document("b", 3), document("c")
    write(store, a, b, c, batch_quads=batch_quads)
    assert stored(store) == expected(a, b, c)
    corrected_b = document("b", 1, "v2")  # the corrected page has one article fewer
    write(store, a, corrected_b, document("d"), batch_quads=batch_quads)  # a unchanged: rewriting changes nothing
    assert stored(store) == expected(a, corrected_b, c, document("d"))
    assert not (tmp_path / "store" / JOURNAL).exists()


def test_a_document_twice_in_one_batch_keeps_the_later_version(tmp_path: Path) -> None:
    store = open_store(tmp_path / "store")
    first, second = document("a", 2, "v1"), document("a", 1, "v2")
    write(store, first, second)
    assert stored(store) == expected(second)


def test_a_batch_cut_short_is_removed_when_the_store_is_next_opened(tmp_path: Path) -> None:
    store = open_store(tmp_path / "store")
    kept = document("kept")
    write(store, kept)
    # What a crash inside a bulk batch leaves: the journal naming the batch's graphs, part of its quads.
    cut_doc, cut_graphs = document("cut", 3)
    (tmp_path / "store" / JOURNAL).write_text(
        "".join(f"{cut_doc.value}\t{g.value}\n" for g in cut_graphs), encoding="utf-8")
    store.store.bulk_extend(next(iter(cut_graphs.values())))
    del store
    store = reopen(tmp_path / "store")
    assert store.recovered == [cut_doc.value]
    assert stored(store) == expected(kept)  # complete or absent: the kept document whole, nothing of the cut one
    assert not (tmp_path / "store" / JOURNAL).exists()
    del store
    assert reopen(tmp_path / "store").recovered == []  # recovered once


def test_a_journal_that_was_never_renamed_into_place_changes_nothing(tmp_path: Path) -> None:
    store = open_store(tmp_path / "store")
    kept = document("kept")
    write(store, kept)
    (tmp_path / "store" / (JOURNAL + ".part")).write_text(f"{kept[0].value}\t{EX}graph/kept/0\n", encoding="utf-8")
    del store
    store = reopen(tmp_path / "store")
    assert store.recovered == []
    assert stored(store) == expected(kept)


def test_the_bulk_path_is_readable_by_a_read_only_opening(tmp_path: Path) -> None:
    """What `kg serve`'s reader processes do after an ingest."""
    store = open_store(tmp_path / "store")
    a = document("a", 4)
    write(store, a)
    reader = Store.read_only(str(tmp_path / "store"))
    assert {str(q) for q in reader} == expected(a)


def test_in_memory_stores_write_batches_too() -> None:
    store = open_store(":memory:")
    a, b = document("a"), document("b")
    write(store, a, b, batch_quads=3)
    assert stored(store) == expected(a, b)


def test_a_document_s_graphs_are_its_named_graphs_only(tmp_path: Path) -> None:
    """The graphs a replacement drops: those naming the document, never the default graph (where a raw
    upload may have put the same link) and never another document's."""
    store = open_store(tmp_path / "store")
    a, b = document("a", 3), document("b")
    write(store, a, b)
    uploaded = Quad(NamedNode(f"{EX}article/a/0"), NamedNode(f"{DCTERMS}isPartOf"), a[0])  # the default graph
    store.store.add(uploaded)
    assert set(store.graphs_of_document(a[0])) == set(a[1])
    assert store.graphs_of_document(NamedNode(f"{EX}doc/none")) == []
    write(store, document("a", 1, "v2"))
    assert stored(store) == expected(document("a", 1, "v2"), b) | {str(uploaded)}
