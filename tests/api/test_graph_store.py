"""The SPARQL 1.1 Graph Store HTTP Protocol at /store, after the W3C test cases."""

from __future__ import annotations

import httpx
from pyoxigraph import RdfFormat, parse

from tests.api.conftest import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}
TURTLE = {**AUTH, "Content-Type": "text/turtle"}
GRAPH = "http://example.org/test/gsp-person"


def _objects(client: httpx.Client, graph: str) -> set[str]:
    response = client.get("/store", params={"graph": graph}, headers={"Accept": "application/n-triples"})
    assert response.status_code == 200
    return {t.object.value for t in parse(response.content, RdfFormat.N_TRIPLES)}


def test_put_post_get_head_delete_cycle(client: httpx.Client) -> None:
    first = client.put("/store", params={"graph": GRAPH}, headers=TURTLE,
                       content='<http://example.org/x> <http://example.org/name> "甲" .'.encode())
    assert first.status_code == 201  # created
    again = client.put("/store", params={"graph": GRAPH}, headers=TURTLE,
                       content='<http://example.org/x> <http://example.org/name> "乙" .'.encode())
    assert again.status_code == 204  # replaced
    assert _objects(client, GRAPH) == {"乙"}
    merged = client.post("/store", params={"graph": GRAPH}, headers={**AUTH, "Content-Type": "application/n-triples"},
                         content='<http://example.org/y> <http://example.org/name> "丙" .\n'.encode())
    assert merged.status_code in (200, 204)
    assert _objects(client, GRAPH) == {"乙", "丙"}  # POST merges
    head = client.head("/store", params={"graph": GRAPH})
    assert head.status_code == 200 and head.content == b""
    assert client.delete("/store", params={"graph": GRAPH}, headers=AUTH).status_code == 204
    gone = client.get("/store", params={"graph": GRAPH})
    assert gone.status_code == 404
    head_gone = client.head("/store", params={"graph": GRAPH})
    assert head_gone.status_code == 404 and head_gone.content == b""  # oxigraph serve sends a body here
    assert client.delete("/store", params={"graph": GRAPH}, headers=AUTH).status_code == 404


def test_get_in_other_syntaxes(client: httpx.Client) -> None:
    graph = "http://example.org/test/gsp-syntaxes"
    client.put("/store", params={"graph": graph}, headers=TURTLE,
               content=b'<http://example.org/x> <http://example.org/p> "v" .')
    for accept, fmt in (("text/turtle", RdfFormat.TURTLE), ("application/rdf+xml", RdfFormat.RDF_XML),
                        ("application/ld+json", RdfFormat.JSON_LD)):
        response = client.get("/store", params={"graph": graph}, headers={"Accept": accept})
        assert [t.object.value for t in parse(response.content, fmt)] == ["v"]
    client.delete("/store", params={"graph": graph}, headers=AUTH)


def test_bad_graph_store_requests(client: httpx.Client) -> None:
    assert client.get("/store").status_code == 400  # no graph named
    assert client.get("/store", params={"graph": "http://example.org/a", "default": ""}).status_code == 400
    assert client.get("/store", params={"graph": "not an iri"}).status_code == 400
    bad_type = client.put("/store", params={"graph": GRAPH}, headers={**AUTH, "Content-Type": "image/png"},
                          content=b"\x89PNG")
    assert bad_type.status_code == 415
    bad_body = client.put("/store", params={"graph": GRAPH}, headers=TURTLE, content=b"<http://a> <http://b> .")
    assert bad_body.status_code == 400
    assert client.get("/store", params={"graph": GRAPH}).status_code == 404  # nothing was created


def test_default_graph_is_addressable(client: httpx.Client) -> None:
    response = client.get("/store", params={"default": ""}, headers={"Accept": "application/n-triples"})
    assert response.status_code == 200
