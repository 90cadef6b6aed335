"""The SPARQL 1.1 Protocol at /sparql, after the W3C protocol test manifest (query_*, update_*, bad_*)."""

from __future__ import annotations

import csv
import io
import json

import httpx
import pytest
from pyoxigraph import QueryResultsFormat, RdfFormat, parse, parse_query_results

from tests.api.conftest import PREFIXES, TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}
PERSONS = PREFIXES + "SELECT ?p ?name WHERE { ?p a zw:Person ; rdfs:label ?name } ORDER BY ?name LIMIT 5"
CONSTRUCT = PREFIXES + "CONSTRUCT { ?s ?p ?o } WHERE { ?s a zw:Person ; ?p ?o } LIMIT 5"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def test_query_get_and_both_posts_give_the_same_rows(client: httpx.Client) -> None:
    accept = {"Accept": "application/sparql-results+json"}
    by_get = client.get("/sparql", params={"query": PERSONS}, headers=accept)
    by_form = client.post("/sparql", data={"query": PERSONS}, headers=accept)
    by_body = client.post("/sparql", content=PERSONS.encode(),
                          headers={**accept, "Content-Type": "application/sparql-query"})
    assert by_get.status_code == by_form.status_code == by_body.status_code == 200
    assert by_get.json() == by_form.json() == by_body.json()
    assert len(by_get.json()["results"]["bindings"]) == 5


@pytest.mark.parametrize(("accept", "fmt"), [
    ("application/sparql-results+json", QueryResultsFormat.JSON),
    ("application/sparql-results+xml", QueryResultsFormat.XML),
    ("text/tab-separated-values", QueryResultsFormat.TSV),
])
def test_select_results_in_each_format_parse_to_the_same_rows(client: httpx.Client, accept: str,
                                                              fmt: QueryResultsFormat) -> None:
    response = client.get("/sparql", params={"query": PERSONS}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(accept)
    names = [row["name"].value for row in parse_query_results(response.content, fmt)]
    assert len(names) == 5 and names == sorted(names)


def test_csv_results(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": PERSONS}, headers={"Accept": "text/csv"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 5 and set(rows[0]) == {"p", "name"}


def test_ask_in_json_and_xml(client: httpx.Client) -> None:
    yes = client.get("/sparql", params={"query": PREFIXES + "ASK { ?p a zw:Person }"})
    assert yes.json() == {"head": {}, "boolean": True}
    no = client.get("/sparql", params={"query": "ASK { <http://example.org/none> ?p ?o }"},
                    headers={"Accept": "application/sparql-results+xml"})
    assert bool(parse_query_results(no.content, QueryResultsFormat.XML)) is False


@pytest.mark.parametrize(("accept", "fmt"), [
    ("text/turtle", RdfFormat.TURTLE), ("application/n-triples", RdfFormat.N_TRIPLES),
    ("application/n-quads", RdfFormat.N_QUADS), ("application/rdf+xml", RdfFormat.RDF_XML),
    ("application/ld+json", RdfFormat.JSON_LD),
])
def test_construct_in_each_rdf_syntax(client: httpx.Client, accept: str, fmt: RdfFormat) -> None:
    response = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(accept)
    expected = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": "application/n-triples"})
    triples = {str(t) for t in parse(response.content, fmt)}
    assert len(triples) == 5 and triples == {str(t) for t in parse(expected.content, RdfFormat.N_TRIPLES)}


def test_unsupported_accept_is_406(client: httpx.Client) -> None:
    assert client.get("/sparql", params={"query": PERSONS}, headers={"Accept": "image/png"}).status_code == 406
    assert client.get("/sparql", params={"query": CONSTRUCT},
                      headers={"Accept": "application/sparql-results+json"}).status_code == 406


def test_wildcard_accept_gets_the_default_format(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": PERSONS}, headers={"Accept": "text/html,*/*;q=0.8"})
    assert response.headers["content-type"].startswith("application/sparql-results+json")


def test_union_of_all_graphs_is_the_default_graph_unless_the_dataset_is_given(client: httpx.Client) -> None:
    graph = client.get("/sparql", params={"query": "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1"}).json()
    g = graph["results"]["bindings"][0]["g"]["value"]
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"

    def n(**params: object) -> int:
        body = client.get("/sparql", params={"query": count, **params}).json()
        return int(body["results"]["bindings"][0]["n"]["value"])

    everything, one = n(), n(**{"default-graph-uri": g})
    assert 0 < one < everything
    assert n(**{"default-graph-uri": "http://example.org/no-such-graph"}) == 0
    named = client.get("/sparql", params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
                                          "named-graph-uri": g}).json()
    assert [b["g"]["value"] for b in named["results"]["bindings"]] == [g]


def test_service_description_on_a_bare_get(client: httpx.Client) -> None:
    response = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    triples = list(parse(response.content, RdfFormat.TURTLE))
    kinds = {t.object.value for t in triples if t.predicate.value.endswith("#type")}
    assert "http://www.w3.org/ns/sparql-service-description#Service" in kinds
    languages = {t.object.value.split("#")[1] for t in triples if t.predicate.value.endswith("supportedLanguage")}
    assert languages == {"SPARQL11Query", "SPARQL11Update"}


@pytest.mark.parametrize("query", ["SELECT * WHERE { ?s ?p ", "SELEKT ?x { }", "ASK { FILTER( }"])
def test_malformed_query_is_400_with_a_readable_message(client: httpx.Client, query: str) -> None:
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 400
    assert "malformed query" in response.json()["detail"]
    assert "Traceback" not in response.text


def test_bad_requests_after_the_manifest(client: httpx.Client) -> None:
    # bad_multiple_queries: two query parameters
    assert client.get("/sparql?query=ASK%7B%7D&query=ASK%7B%7D").status_code == 400
    # bad_query_method: update parameters sent by GET (oxigraph serve answers 200 here)
    assert client.get("/sparql", params={"update": "CLEAR ALL"}, headers=AUTH).status_code == 405
    assert client.get("/sparql/update", params={"update": "CLEAR ALL"}, headers=AUTH).status_code == 405
    # bad_query_wrong_media_type / bad_query_missing_form_type
    assert client.post("/sparql", content=b"ASK {}", headers={"Content-Type": "text/plain"}).status_code == 415
    assert client.post("/sparql", content=b"query=ASK%7B%7D").status_code == 415
    # bad_query_non_utf8: an ISO-8859-1 body
    latin = 'SELECT * WHERE { ?s ?p "café" }'.encode("latin-1")
    assert client.post("/sparql", content=latin,
                       headers={"Content-Type": "application/sparql-query"}).status_code == 415
    assert client.post("/sparql", content=latin,
                       headers={"Content-Type": "application/sparql-query; charset=ISO-8859-1"}).status_code == 415
    assert client.post("/sparql", content=b"query=%E9", headers=FORM).status_code == 415
    # bad_query_and_update: both in one form
    assert client.post("/sparql", data={"query": "ASK {}", "update": "CLEAR ALL"}, headers=AUTH).status_code == 400
    # a form without any operation
    assert client.post("/sparql", data={"nothing": "here"}).status_code == 400
    # update_missing_form_type
    assert client.post("/sparql/update", content=b"CLEAR ALL", headers=AUTH).status_code == 415
    # a dataset IRI that is not an IRI
    assert client.get("/sparql", params={"query": "ASK {}", "default-graph-uri": "not an iri"}).status_code == 400


def _graph_triples(client: httpx.Client, graph: str) -> set[tuple[str, str]]:
    rows = client.get("/sparql", params={"query": f"SELECT ?s ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"}).json()
    return {(b["s"]["value"], b["o"]["value"]) for b in rows["results"]["bindings"]}


def test_updates_by_form_and_body_with_the_token(client: httpx.Client) -> None:
    g = "http://example.org/test/update-forms"
    form = client.post("/sparql/update", headers=AUTH,
                       data={"update": f'INSERT DATA {{ GRAPH <{g}> {{ <http://example.org/a> <http://example.org/p> "1" }} }}'})
    assert form.status_code == 204
    body = client.post("/sparql", headers={**AUTH, "Content-Type": "application/sparql-update"},
                       content=f'INSERT DATA {{ GRAPH <{g}> {{ <http://example.org/b> <http://example.org/p> "2" }} }}'.encode())
    assert body.status_code == 204
    assert _graph_triples(client, g) == {("http://example.org/a", "1"), ("http://example.org/b", "2")}
    assert client.post("/sparql/update", headers=AUTH, data={"update": f"DROP GRAPH <{g}>"}).status_code == 204
    assert _graph_triples(client, g) == set()


def test_update_dataset_parameters_and_their_conflict_with_using(client: httpx.Client) -> None:
    source, target = "http://example.org/test/using-source", "http://example.org/test/using-target"
    client.post("/sparql/update", headers=AUTH, data={
        "update": f'INSERT DATA {{ GRAPH <{source}> {{ <http://example.org/s> <http://example.org/p> "x" }} }}'})
    copy = f"INSERT {{ GRAPH <{target}> {{ ?s ?p ?o }} }} WHERE {{ ?s ?p ?o }}"
    response = client.post("/sparql/update", headers=AUTH, data={"update": copy, "using-graph-uri": source})
    assert response.status_code == 204
    assert _graph_triples(client, target) == {("http://example.org/s", "x")}  # only the USING graph was read
    conflict = client.post("/sparql/update", headers=AUTH, data={
        "update": f"WITH <{source}> DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}", "using-graph-uri": source})
    assert conflict.status_code == 400
    assert _graph_triples(client, source) == {("http://example.org/s", "x")}  # the refused update did nothing
    client.post("/sparql/update", headers=AUTH, data={"update": f"DROP GRAPH <{source}> ; DROP GRAPH <{target}>"})


def test_relative_iris_resolve_against_the_endpoint_in_updates_and_queries(client: httpx.Client) -> None:
    """The W3C protocol suite's update_base_uri: the service chooses the base, here the endpoint's URL."""
    endpoint = client.base_url.join("/sparql")
    update = {**AUTH, "Content-Type": "application/sparql-update"}
    inserted = client.post("/sparql", headers=update, content=b"INSERT DATA { GRAPH <g> { <s> <p> <relative-test> } }")
    assert inserted.status_code == 204, inserted.text
    graph, subject, value = (str(endpoint.join(name)) for name in ("g", "s", "relative-test"))
    assert _graph_triples(client, graph) == {(subject, value)}
    rows = client.get("/sparql", params={"query": "SELECT ?o WHERE { GRAPH <g> { <s> <p> ?o } }"}).json()
    assert [b["o"]["value"] for b in rows["results"]["bindings"]] == [value]
    own_base = client.get("/sparql", params={"query": "BASE <http://example.org/> ASK { GRAPH <g> { ?s ?p ?o } }"})
    assert own_base.json()["boolean"] is False  # a BASE in the text wins over the endpoint's
    assert client.post("/sparql", headers=update, content=b"DROP GRAPH <g>").status_code == 204
    assert _graph_triples(client, graph) == set()


def test_malformed_update_is_400_and_changes_nothing(client: httpx.Client) -> None:
    g = "http://example.org/test/malformed"
    response = client.post("/sparql/update", headers=AUTH,
                           data={"update": f'INSERT DATA {{ GRAPH <{g}> {{ <http://example.org/a> <http://example.org/p> "1" }} }} ; INSERT DATA {{'})
    assert response.status_code == 400
    assert _graph_triples(client, g) == set()


def test_json_results_are_valid_json_for_chinese_text(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": PERSONS})
    names = [b["name"]["value"] for b in json.loads(response.content.decode("utf-8"))["results"]["bindings"]]
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in name) for name in names)
