"""Real SPARQL clients against the endpoint: SPARQLWrapper and rdflib's SPARQLStore / SPARQLUpdateStore."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore
from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper

from tests.api.conftest import PREFIXES, TOKEN, quad_count
from tests.conftest import SEEDS, run_kg

ZW = rdflib.Namespace("https://w3id.org/zhengwu/ontology#")


def test_sparqlwrapper_select_and_construct(base_url: str) -> None:
    wrapper = SPARQLWrapper(base_url + "/sparql")
    wrapper.setQuery(PREFIXES + 'SELECT DISTINCT ?p WHERE { ?p a zw:Person ; rdfs:label "杜小刚" }')
    wrapper.setReturnFormat(JSON)
    rows = wrapper.query().convert()["results"]["bindings"]
    assert len(rows) == 1
    wrapper.setQuery(PREFIXES + 'CONSTRUCT { ?p rdfs:label ?n } WHERE { ?p a zw:Person ; rdfs:label ?n }')
    wrapper.setReturnFormat(TURTLE)
    graph = rdflib.Graph().parse(data=wrapper.query().convert(), format="turtle")
    assert rdflib.Literal("杜小刚") in set(graph.objects())


def test_sparqlwrapper_update_with_the_token(base_url: str) -> None:
    g = "http://example.org/test/sparqlwrapper"
    wrapper = SPARQLWrapper(base_url + "/sparql", updateEndpoint=base_url + "/sparql/update")
    wrapper.setMethod(POST)
    wrapper.addCustomHttpHeader("Authorization", f"Bearer {TOKEN}")
    wrapper.setQuery(f'INSERT DATA {{ GRAPH <{g}> {{ <http://example.org/a> <http://example.org/p> "w" }} }}')
    wrapper.query()
    check = SPARQLWrapper(base_url + "/sparql")
    check.setQuery(f"ASK {{ GRAPH <{g}> {{ ?s ?p \"w\" }} }}")
    check.setReturnFormat(JSON)
    assert check.query().convert()["boolean"] is True
    wrapper.setQuery(f"DROP GRAPH <{g}>")
    wrapper.query()
    assert check.query().convert()["boolean"] is False


def test_rdflib_sparqlstore_reads_the_union_graph(base_url: str) -> None:
    graph = rdflib.Graph(store=SPARQLStore(base_url + "/sparql"))
    rows = list(graph.query(PREFIXES + 'SELECT DISTINCT ?e WHERE { ?p rdfs:label "杜小刚" ; zw:attended ?e }'))
    assert len(rows) >= 3
    assert (None, rdflib.RDF.type, ZW.Person) in graph


def test_rdflib_sparqlupdatestore_writes_with_the_token(base_url: str) -> None:
    store = SPARQLUpdateStore(base_url + "/sparql", base_url + "/sparql/update",
                              auth=None, headers={"Authorization": f"Bearer {TOKEN}"})
    g = rdflib.URIRef("http://example.org/test/rdflib")
    graph = rdflib.Graph(store=store, identifier=g)
    graph.add((rdflib.URIRef("http://example.org/a"), rdflib.RDFS.label, rdflib.Literal("乙")))
    assert (rdflib.URIRef("http://example.org/a"), rdflib.RDFS.label, rdflib.Literal("乙")) in graph
    store.update(f"DROP GRAPH <{g}>")


ARTICLE = "本报讯（记者 张明）4月9日，市委常委会召开会议。市委书记林志远主持会议并讲话。会议强调，要推动高质量发展。\n"


@pytest.mark.slow
def test_kg_ingest_writes_through_the_running_server(base_url: str, client: httpx.Client, tmp_path: Path) -> None:
    """The CLI and the server never fight over RocksDB's lock: `kg ingest --store URL` goes through /sparql."""
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    flags = ["--store", base_url + "/sparql", "--kind", "article", "--published", "2024-04-10", "--source", "测试日报"]
    token = {"KG_UPDATE_TOKEN": TOKEN}
    before = quad_count(client)
    done = run_kg("ingest", str(article), *flags, env=token)
    assert done.returncode == 0, done.stderr
    after = quad_count(client)
    assert after > before
    assert [p["label"] for p in client.get("/persons", params={"q": "林志远"}).json()["items"]] == ["林志远"]
    assert run_kg("ingest", str(article), *flags, env=token).returncode == 0
    assert quad_count(client) == after  # the same document again changes nothing
    refused = run_kg("ingest", str(article), *flags, env={"KG_UPDATE_TOKEN": "wrong"})
    assert refused.returncode != 0 and "Traceback" not in refused.stderr
    assert run_kg("remove", str(article), *flags, env=token).returncode == 0
    assert quad_count(client) == before


@pytest.mark.slow
def test_a_document_over_the_size_limit_is_refused_cleanly(base_url: str, client: httpx.Client) -> None:
    before = quad_count(client)
    page = sorted(SEEDS.glob("*.txt"))[0]  # its update is larger than the test server's 30 kB limit
    refused = run_kg("ingest", str(page), "--store", base_url + "/sparql", env={"KG_UPDATE_TOKEN": TOKEN})
    assert refused.returncode != 0 and "413" in refused.stderr and "Traceback" not in refused.stderr
    assert quad_count(client) == before
