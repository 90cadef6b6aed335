"""Real SPARQL clients against the endpoint: SPARQLWrapper and rdflib's SPARQLStore / SPARQLUpdateStore."""

from __future__ import annotations

import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore
from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper

from tests.api.conftest import PREFIXES, TOKEN

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
