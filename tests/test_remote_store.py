"""The store on a standalone SPARQL server: a real `oxigraph serve` process started here, on 127.0.0.1."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from pyoxigraph import Literal, NamedNode, Quad, QueryBoolean, QuerySolutions, RdfFormat

from kg.errors import QueryError, StoreError
from kg.remote_store import RemoteStore
from kg.settings import Settings
from kg.store import counts
from kg.store_api import KnowledgeStore
from kg.stores import open_store
from tests.conftest import SEEDS, free_port, run_kg

OXIGRAPH = Path(sys.executable).with_name("oxigraph")
ZW = "https://w3id.org/zhengwu/ontology#"
ID = "https://w3id.org/zhengwu/id/"
IS_PART_OF = NamedNode("http://purl.org/dc/terms/isPartOf")
LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
PERSON_LABELS = f"SELECT ?name WHERE {{ ?p a <{ZW}Person> ; <{LABEL.value}> ?name }} ORDER BY ?name"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    process = subprocess.Popen([str(OXIGRAPH), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                if httpx.get(url + "/query", params={"query": "ASK {}"}).is_success:
                    break
            except httpx.TransportError:
                time.sleep(0.05)
        else:
            pytest.fail(f"oxigraph serve did not answer: {process.stderr.read(2000) if process.stderr else ''}")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def store(server: str) -> Iterator[RemoteStore]:
    remote = open_store(server)
    assert isinstance(remote, RemoteStore)
    remote.update("DROP SILENT ALL")
    yield remote
    remote.close()


def _article(doc: str, index: int, *names: str) -> tuple[NamedNode, dict[NamedNode, list[Quad]]]:
    """One article graph as the RDF stage shapes it: the article, its document, its persons."""
    document = NamedNode(f"{ID}document/{doc}")
    article = NamedNode(f"{ID}article/{doc}/{index}")
    graph = NamedNode(f"{ID}graph/{doc}/{index}")
    quads = [Quad(article, IS_PART_OF, document, graph), Quad(article, TYPE, NamedNode(ZW + "Article"), graph)]
    for name in names:
        person = NamedNode(f"{ID}person/x/{name}")
        quads += [Quad(person, TYPE, NamedNode(ZW + "Person"), graph), Quad(person, LABEL, Literal(name), graph)]
    return document, {graph: quads}


def _names(store: RemoteStore) -> list[str]:
    return [row["name"].value for row in store.query(PERSON_LABELS)]


def test_replace_document_writes_then_replaces_without_duplicates(store: RemoteStore) -> None:
    document, graphs = _article("d1", 1, "甲乙", "丙丁")
    store.replace_document(document, graphs)
    size = len(store)
    store.replace_document(document, graphs)
    assert len(store) == size == 6
    assert _names(store) == ["丙丁", "甲乙"]


def test_a_corrected_document_leaves_no_stale_article(store: RemoteStore) -> None:
    document, first = _article("d2", 1, "甲乙")
    _, second = _article("d2", 2, "戊己")
    store.replace_document(document, {**first, **second})
    store.replace_document(document, second)  # the corrected page has one article fewer
    assert _names(store) == ["戊己"]
    assert store.graphs_of_document(document) == list(second)


def test_other_documents_are_untouched_and_remove_counts_graphs(store: RemoteStore) -> None:
    kept, kept_graphs = _article("keep", 1, "庚辛")
    gone, gone_graphs = _article("gone", 1, "壬癸")
    store.replace_document(kept, kept_graphs)
    store.replace_document(gone, gone_graphs)
    assert store.remove_document(gone) == 1
    assert store.remove_document(gone) == 0
    assert _names(store) == ["庚辛"]


def test_substitutions_bind_terms_and_cannot_inject(store: RemoteStore) -> None:
    document, graphs = _article("d3", 1, "甲乙", "丙丁")
    store.replace_document(document, graphs)
    query = f"SELECT ?p ?name WHERE {{ ?p <{LABEL.value}> ?name }}"
    rows = list(store.query(query, {"name": Literal("甲乙")}))
    assert [row["p"].value for row in rows] == [f"{ID}person/x/甲乙"]
    hostile = Literal('"} } ; DROP ALL ; SELECT * { {"')
    assert list(store.query(query, {"name": hostile})) == []
    assert len(store) == 6


def test_results_are_pyoxigraph_types_and_counts_work(store: RemoteStore) -> None:
    document, graphs = _article("d4", 1, "甲乙")
    store.replace_document(document, graphs)
    assert isinstance(store.query("SELECT * WHERE { ?s ?p ?o } LIMIT 1"), QuerySolutions)
    assert isinstance(store.query("ASK { ?s ?p ?o }"), QueryBoolean)
    assert len(list(store.query("CONSTRUCT WHERE { ?s ?p ?o }"))) == 4
    assert not store.query("ASK { ?s ?p ?o }", union=False)  # the default graph alone is empty
    tally = counts(store)
    assert (tally["articles"], tally["persons"], tally["graphs"], tally["quads"]) == (1, 1, 1, 4)


def test_malformed_query_and_unreachable_server_are_one_line_errors(store: RemoteStore) -> None:
    with pytest.raises(QueryError):
        store.query("SELECT WHERE {")
    with pytest.raises(StoreError, match="cannot reach"):
        open_store(f"http://127.0.0.1:{free_port()}")


def test_cli_ingests_and_queries_through_the_server(server: str, store: RemoteStore) -> None:
    done = run_kg("ingest", str(SEEDS), "--store", server)
    assert done.returncode == 0, done.stderr
    size = len(store)
    again = run_kg("ingest", str(SEEDS), "--store", server)
    assert again.returncode == 0, again.stderr
    assert len(store) == size > 0
    answer = run_kg("query", PERSON_LABELS, "--store", server, "--format", "csv")
    assert answer.returncode == 0, answer.stderr
    assert "杜小刚" in answer.stdout.split()


def test_both_stores_answer_the_graph_methods_of_the_interface_alike(store: RemoteStore) -> None:
    """`KnowledgeStore`'s graph methods (what the Graph Store Protocol jobs use) mean the same on a SPARQL
    server as on the embedded store: the same graphs, triples and dump after the same writes."""
    embedded = open_store(":memory:")
    assert isinstance(store, KnowledgeStore) and isinstance(embedded, KnowledgeStore)
    document, graphs = _article("d3", 1, "戊己")
    (graph,) = graphs
    empty = NamedNode(f"{ID}graph/empty")
    for each in (store, embedded):
        each.replace_document(document, graphs)
        each.add_graph(empty)
    for each in (store, embedded):
        assert each.contains_named_graph(graph) and each.contains_named_graph(empty)
        assert {str(t) for t in each.graph_triples(graph)} == {str(q.triple) for q in graphs[graph]}
        assert list(each.graph_triples(None)) == []
    assert sorted(store.dump(None, RdfFormat.N_QUADS).splitlines()) == sorted(
        embedded.dump(None, RdfFormat.N_QUADS).splitlines())
    for each in (store, embedded):
        each.drop_graph(graph)
        assert not each.contains_named_graph(graph) and each.contains_named_graph(empty)


def test_project_quads_page_through_graphs_larger_than_a_page(server: str, store: RemoteStore) -> None:
    written = []
    for index, doc in enumerate(("p1", "p2", "p3")):
        document, graphs = _article(doc, index, "甲乙", "丙丁")  # 6 quads a graph
        store.replace_document(document, graphs)
        written += [quad for quads in graphs.values() for quad in quads]
    store.update("INSERT DATA { <urn:outside> <urn:p> <urn:o> }")  # the default graph: not the project's
    paged = RemoteStore(server, settings=Settings(remote_page_rows=2))  # 2 graphs listed a page, 2 quads a request
    assert sorted(map(str, paged.project_quads())) == sorted(map(str, written))
    assert (paged.named_graph_count(), len(paged)) == (3, 18)
    paged.close()


def test_a_document_larger_than_the_insert_size_is_written_in_parts_and_replaced_whole(
        server: str, store: RemoteStore) -> None:
    document, graphs = _article("big", 1, *[f"人{i}" for i in range(40)])  # 82 quads
    small = RemoteStore(server, settings=Settings(remote_insert_triples=10))
    small.replace_document(document, graphs)
    small.replace_document(document, graphs)
    assert len(store) == 82 and len(_names(store)) == 40
    small.close()
