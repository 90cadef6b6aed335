"""Hostile or careless requests: no token, SERVICE and LOAD, runaway queries, huge results, huge requests."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote

import httpx
import pytest

from tests.api.conftest import BASE, MAX_BYTES, QUERY_TIMEOUT, ROW_LIMIT, TOKEN, quad_count
from tests.api.listener import Listener

GRAPH = "http://example.org/test/refused"
INSERT = f'INSERT DATA {{ GRAPH <{GRAPH}> {{ <http://example.org/a> <http://example.org/p> "1" }} }}'
TURTLE = b'<http://example.org/a> <http://example.org/p> "1" .'
EXPLOSIVE = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n1 ?o . "
             "?q ?r ?s . ?t ?u ?v . ?w ?x ?y }")


@pytest.mark.parametrize(("headers", "status"), [
    ({}, 401),
    ({"Authorization": "Bearer wrong-token"}, 403),
    ({"Authorization": f"Basic {TOKEN}"}, 403),
])
def test_writes_without_the_right_token_are_refused_and_change_nothing(client: httpx.Client, headers: dict,
                                                                        status: int) -> None:
    before = quad_count(client)
    assert client.post("/sparql/update", data={"update": INSERT}, headers=headers).status_code == status
    assert client.post("/sparql", content=INSERT.encode(),
                       headers={**headers, "Content-Type": "application/sparql-update"}).status_code == status
    assert client.post("/sparql/update", data={"update": "CLEAR ALL"}, headers=headers).status_code == status
    for method in ("PUT", "POST"):
        response = client.request(method, "/store", params={"graph": GRAPH}, content=TURTLE,
                                  headers={**headers, "Content-Type": "text/turtle"})
        assert response.status_code == status
    assert client.delete("/store", params={"default": ""}, headers=headers).status_code == status
    assert quad_count(client) == before
    assert client.get("/store", params={"graph": GRAPH}).status_code == 404


def test_unauthorised_answer_names_the_scheme(client: httpx.Client) -> None:
    response = client.post("/sparql/update", data={"update": INSERT})
    assert response.headers["www-authenticate"].startswith("Bearer")


@pytest.mark.parametrize("keyword", ["SERVICE", "service", "SeRvIcE"])
def test_service_is_refused_and_no_connection_is_made(client: httpx.Client, keyword: str) -> None:
    listener = Listener()
    try:
        query = f"SELECT * WHERE {{ {keyword} <http://127.0.0.1:{listener.port}/sparql> {{ ?s ?p ?o }} }}"
        response = client.get("/sparql", params={"query": query})
        assert response.status_code == 403
        assert "SERVICE" in response.json()["detail"]
        time.sleep(0.3)
        assert listener.connections == 0
    finally:
        listener.close()


def test_load_is_refused_even_with_the_token(client: httpx.Client) -> None:
    listener = Listener()
    try:
        for update in (f"LOAD <http://127.0.0.1:{listener.port}/data.ttl>",
                       f"load silent <http://127.0.0.1:{listener.port}/data.ttl> INTO GRAPH <{GRAPH}>"):
            response = client.post("/sparql/update", data={"update": update},
                                   headers={"Authorization": f"Bearer {TOKEN}"})
            assert response.status_code == 403
        time.sleep(0.3)
        assert listener.connections == 0
    finally:
        listener.close()


def test_keywords_inside_literals_and_iris_are_not_refused(client: httpx.Client) -> None:
    query = 'SELECT * WHERE { ?s <http://example.org/SERVICE> "LOAD SERVICE" } # SERVICE'
    assert client.get("/sparql", params={"query": query}).status_code == 200


def test_a_runaway_query_is_cancelled_while_others_are_served(client: httpx.Client, base_url: str) -> None:
    def runaway() -> tuple[int, float]:
        started = time.monotonic()
        response = httpx.get(base_url + "/sparql", params={"query": EXPLOSIVE}, timeout=60)
        return response.status_code, time.monotonic() - started

    with ThreadPoolExecutor(1) as pool:
        slow = pool.submit(runaway)
        time.sleep(0.3)
        quick_started = time.monotonic()
        quick = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
        assert quick.status_code == 200 and quick.json()["boolean"] is True
        assert time.monotonic() - quick_started < QUERY_TIMEOUT  # not stuck behind the runaway
        status, seconds = slow.result()
    assert status == 503
    assert QUERY_TIMEOUT * 0.9 <= seconds < QUERY_TIMEOUT + 5
    after = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
    assert after.status_code == 200, after.text  # worker replaced


def test_results_are_capped_and_flagged(client: httpx.Client) -> None:
    capped = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert len(capped.json()["results"]["bindings"]) == ROW_LIMIT
    assert capped.headers["x-results-truncated"] == "true"
    assert capped.headers["x-row-limit"] == str(ROW_LIMIT)
    graph = client.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
                       headers={"Accept": "application/n-triples"})
    assert graph.text.count("\n") == ROW_LIMIT and graph.headers["x-results-truncated"] == "true"
    small = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 3"})
    assert len(small.json()["results"]["bindings"]) == 3 and "x-results-truncated" not in small.headers


@pytest.mark.parametrize("accept", ["application/sparql-results+json", "application/sparql-results+xml"])
def test_only_the_query_s_own_limit_lets_a_result_skip_the_cap(client: httpx.Client, accept: str) -> None:
    def rows(query: str) -> tuple[int, httpx.Response]:
        response = client.get("/sparql", params={"query": query}, headers={"Accept": accept})
        assert response.status_code == 200, response.text
        xml = "xml" in accept
        return response.text.count("<result>") if xml else len(response.json()["results"]["bindings"]), response

    at_cap, response = rows(f"SELECT * WHERE {{ ?s ?p ?o }} LIMIT {ROW_LIMIT}")  # served without the TSV pass
    assert at_cap == ROW_LIMIT and "x-results-truncated" not in response.headers
    over, response = rows(f"SELECT * WHERE {{ ?s ?p ?o }} LIMIT {ROW_LIMIT + 1}")
    assert over == ROW_LIMIT and response.headers["x-results-truncated"] == "true"
    # a sub-select's LIMIT bounds nothing outside it: the outer query still meets the cap
    joined, response = rows("SELECT * WHERE { { SELECT ?s WHERE { ?s ?p ?o } LIMIT 2 } ?x ?y ?z }")
    assert joined == ROW_LIMIT and response.headers["x-results-truncated"] == "true"


def test_oversized_bodies_and_query_strings_are_413(client: httpx.Client) -> None:
    padding = "#" + "x" * (MAX_BYTES + 10) + "\n"
    assert client.post("/sparql", content=(padding + "ASK {}").encode(),
                       headers={"Content-Type": "application/sparql-query"}).status_code == 413
    assert client.get("/sparql", params={"query": padding + "ASK {}"}).status_code == 413

    def chunks():  # no Content-Length: the limit must hold while streaming too
        for _ in range(30):
            yield b"#" + b"y" * 9_999

    streamed = client.post("/sparql", content=chunks(), headers={"Content-Type": "application/sparql-query"})
    assert streamed.status_code == 413
    small = client.post("/sparql", content=b"ASK {}", headers={"Content-Type": "application/sparql-query"})
    assert small.status_code == 200


def test_cors_allows_browser_clients_to_query(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": "ASK {}"}, headers={"Origin": "https://yasgui.example"})
    assert response.headers["access-control-allow-origin"] == "*"
    preflight = client.options("/sparql", headers={"Origin": "https://yasgui.example",
                                                   "Access-Control-Request-Method": "GET"})
    assert preflight.status_code == 200


def test_cors_lets_browser_clients_read_where_a_record_came_from(client: httpx.Client) -> None:
    person = client.get("/persons", params={"q": "杜小刚"}).json()["items"][0]["iri"]
    response = client.get("/persons/" + quote(person[len(BASE) + len("person/"):]), headers={"Origin": "https://app.example"})
    assert response.status_code == 200
    assert response.headers["X-KG-View"] in ("view", "live")
    assert "x-kg-view" in response.headers["access-control-expose-headers"].lower()
