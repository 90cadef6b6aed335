"""Linked Data at /id/…, the drawable graph at /graph, the ontology at /ontology."""

from __future__ import annotations

import io
import json
from urllib.parse import quote

import httpx
import networkx as nx
import pytest
from pyoxigraph import RdfFormat, parse

from tests.api.conftest import BASE, TOKEN

DU = "杜小刚"
PREFIX_ORG = "PREFIX org: <http://www.w3.org/ns/org#>\n"


@pytest.fixture(scope="module")
def du(client: httpx.Client) -> str:
    return next(p["iri"] for p in client.get("/persons", params={"q": DU}).json()["items"] if p["label"] == DU)


def _path(iri: str) -> str:
    return "/id/" + quote(iri[len(BASE):])


@pytest.mark.parametrize(("accept", "fmt"), [("text/turtle", RdfFormat.TURTLE), ("application/ld+json",
                                              RdfFormat.JSON_LD), ("application/n-triples", RdfFormat.N_TRIPLES)])
def test_an_iri_dereferences_to_rdf_by_accept(client: httpx.Client, du: str, accept: str, fmt: RdfFormat) -> None:
    response = client.get(_path(du), headers={"Accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].startswith(accept)
    triples = list(parse(response.content, fmt))
    assert any(t.subject.value == du and t.object.value == DU for t in triples)
    assert any(t.object.value == du for t in triples)  # links to it are described too


def test_an_iri_dereferences_to_html_for_a_browser(client: httpx.Client, du: str) -> None:
    browser = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    response = client.get(_path(du), headers=browser)  # a person: the explorer's page, which reads /persons/…
    assert response.headers["content-type"].startswith("text/html")
    assert f'data-iri="{du}"' in response.text and 'src="/static/js/person.js"' in response.text
    post = client.get("/persons", params={"q": DU}).json()["items"][0]
    organisation = client.get("/sparql", params={"query": PREFIX_ORG + f"SELECT ?o WHERE {{ <{du}> org:holds/org:postIn ?o }}"},
                              headers={"Accept": "application/sparql-results+json"}).json()["results"]["bindings"][0]["o"]["value"]
    table = client.get(_path(organisation), headers=browser)  # no explorer page for it: its statements as a table
    assert table.status_code == 200 and 'href="/id/' in table.text and "<script" not in table.text and post
    turtle = client.get(_path(du), params={"format": "turtle"})
    assert turtle.headers["content-type"].startswith("text/turtle")


def test_only_http_iris_become_links(client: httpx.Client) -> None:
    """An IRI of another scheme in the data (`javascript:`, `data:`) is shown as text, never as a link."""
    subject, graph = BASE + "test/xss", "http://example.org/test/xss"
    hostile = ["javascript:alert(document.cookie)", "JavaScript:alert(1)", "data:text/html,%3Cscript%3Ealert(1)%3C/script%3E"]
    triples = " ".join(f'<{subject}> <http://example.org/see{i}> <{iri}> . <{iri}> <http://www.w3.org/2000/01/'
                       f'rdf-schema#label> "click me {i}" .' for i, iri in enumerate(hostile))
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert client.post("/sparql/update", headers=auth,
                       data={"update": f"INSERT DATA {{ GRAPH <{graph}> {{ {triples} }} }}"}).status_code == 204
    try:
        page = client.get(_path(subject), headers={"Accept": "text/html"}).text
        for i in range(len(hostile)):
            assert f"click me {i}" in page
        assert "href=\"javascript" not in page.lower() and "href=\"data:" not in page.lower()
        assert 'href="http://example.org/see0"' in page  # http(s) IRIs still are links
    finally:
        client.post("/sparql/update", headers=auth, data={"update": f"DROP GRAPH <{graph}>"})


def test_unknown_iri_is_404_and_head_has_no_body(client: httpx.Client) -> None:
    assert client.get("/id/person/nowhere/nobody").status_code == 404
    head = client.head("/id/person/nowhere/nobody")
    assert head.status_code == 404 and head.content == b""


def test_graph_as_cytoscape_json(client: httpx.Client, du: str) -> None:
    elements = client.get("/graph", params={"focus": du, "depth": 1}).json()["elements"]
    nodes = {n["data"]["id"]: n["data"] for n in elements["nodes"]}
    assert nodes[du]["kind"] == "person" and nodes[du]["label"] == DU
    assert {n["kind"] for n in nodes.values()} >= {"person", "event"}
    edges = [e["data"] for e in elements["edges"]]
    assert all(e["source"] in nodes and e["target"] in nodes for e in edges)
    roles = {e["label"] for e in edges if e["source"] == du and nodes[e["target"]]["kind"] == "event"}
    assert roles and roles <= {"presided", "led", "spokeAt", "accompanied", "attended"}


def test_graph_deeper_is_larger(client: httpx.Client, du: str) -> None:
    sizes = [len(client.get("/graph", params={"focus": du, "depth": d}).json()["elements"]["nodes"]) for d in (1, 2)]
    assert sizes[0] < sizes[1]


def test_graphml_and_gexf_load_in_networkx(client: httpx.Client, du: str) -> None:
    graphml = client.get("/graph", params={"focus": du, "depth": 2, "format": "graphml"})
    g = nx.read_graphml(io.BytesIO(graphml.content))
    assert g.nodes[du]["label"] == DU and g.nodes[du]["kind"] == "person"
    assert any(data["label"] in ("presided", "led") for _, _, data in g.out_edges(du, data=True))
    gexf = nx.read_gexf(io.BytesIO(client.get("/graph", params={"focus": du, "depth": 2, "format": "gexf"}).content))
    assert gexf.number_of_nodes() == g.number_of_nodes() and gexf.number_of_edges() == g.number_of_edges()
    assert gexf.nodes[du]["label"] == DU


@pytest.mark.parametrize("params", [{"depth": 0}, {"depth": 4}, {"depth": "x"}, {"format": "svg"},
                                    {"focus": "https://w3id.org/zhengwu/id/person/nowhere/nobody"},
                                    {"focus": "not an iri with spaces"}])
def test_graph_bad_parameters_are_400(client: httpx.Client, params: dict) -> None:
    response = client.get("/graph", params=params)
    assert response.status_code == 400 and response.json()["detail"]


def test_ontology_in_turtle_json_ld_and_html(client: httpx.Client) -> None:
    turtle = client.get("/ontology", headers={"Accept": "text/turtle"})
    triples = list(parse(turtle.content, RdfFormat.TURTLE))
    assert any(t.subject.value == "https://w3id.org/zhengwu/ontology#Person" for t in triples)
    as_json = json.loads(client.get("/ontology", headers={"Accept": "application/ld+json"}).content)
    assert as_json
    page = client.get("/ontology", headers={"Accept": "text/html"})
    assert page.headers["content-type"].startswith("text/html") and "Person" in page.text


def test_openapi_documents_every_rest_route(client: httpx.Client) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/persons", "/persons/{ident}", "/events", "/events/{ident}", "/policies", "/policies/{ident}",
                 "/articles/{ident}", "/search", "/graph", "/sparql", "/store", "/ontology"):
        assert path in paths, path
    assert client.get("/docs").status_code == 200
