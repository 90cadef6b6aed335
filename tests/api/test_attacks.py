"""Disguised SERVICE and LOAD requests, generated: none may make the server connect anywhere (issue #14.1).

Hypothesis builds queries and updates that hide a SERVICE or LOAD aimed at a
real listener on 127.0.0.1 behind escapes (`ex:a\\#`, `\\u0053ERVICE`),
comments, strings and IRIs holding `#` or braces, long strings spanning lines,
case, whitespace, nesting (OPTIONAL, MINUS, UNION, GRAPH, EXISTS, sub-selects),
variable service IRIs, BASE-relative and prefixed IRIs. Each is sent by GET,
form POST and direct POST, with and without the update token, to the real
`kg serve`; each must be refused (400/401/403), no answer may carry the
listener's body, and the listener must have received no connection at all.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.api.conftest import TOKEN
from tests.api.listener import SECRET, Listener

AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    listening = Listener()
    yield listening
    listening.close()


def _escape(word: str, which: list[bool], long_form: list[bool]) -> str:
    """`word` with some letters as SPARQL `\\u`/`\\U` code point escapes."""
    out = []
    for ch, escaped, long in zip(word, which + [False] * len(word), long_form + [False] * len(word), strict=False):
        out.append((f"\\U{ord(ch):08X}" if long else f"\\u{ord(ch):04X}") if escaped else ch)
    return "".join(out)


def _case(word: str, upper: list[bool]) -> str:
    return "".join(c.upper() if u else c.lower() for c, u in zip(word, upper + [True] * len(word), strict=False))


keyword_flags = st.lists(st.booleans(), min_size=7, max_size=7)
spaces = st.sampled_from([" ", "\n", "\t", "  \r\n ", " # SERVICE? no: a comment } {\n", "\n#}\n"])
noise = st.sampled_from([
    "",
    'BIND("a # not a comment" AS ?n1)',
    "BIND('''line one\nSERVICE <http://x/> { }\nline three # } ''' AS ?n2)",
    'BIND("}" AS ?n3)',
    "?s <http://example.org/p#frag> ?o .",
    "OPTIONAL { ?s <http://example.org/SERVICE> \"LOAD\" }",
    "VALUES ?x { <http://example.org/a#b> }",
    "BIND(\"" + "long string " * 40 + "\\n\" AS ?n4)",
])
wrappers = st.sampled_from([
    "{}", "OPTIONAL {{ {} }}", "MINUS {{ {} }}", "{{ ?a ?b ?c }} UNION {{ {} }}", "GRAPH ?g {{ {} }}",
    "FILTER EXISTS {{ {} }}", "FILTER NOT EXISTS {{ {} }}", "{{ SELECT * WHERE {{ {} }} }}",
    "{{ {{ {{ {} }} }} }}", "OPTIONAL {{ {{ SELECT ?s WHERE {{ {} }} LIMIT 1 }} }}",
])


@st.composite
def service_query(draw: st.DrawFn, url: str) -> str:
    """A SELECT/ASK/CONSTRUCT hiding a SERVICE call to `url`."""
    keyword = _escape(_case("SERVICE", draw(keyword_flags)), draw(keyword_flags), draw(keyword_flags))
    target_form = draw(st.sampled_from(["iri", "prefixed", "relative", "variable", "bind"]))
    prologue, target = "", f"<{url}/sparql>"
    if target_form == "prefixed":
        prologue, target = f"PREFIX loc: <{url}/>\n", "loc:sparql"
    elif target_form == "relative":
        prologue, target = f"BASE <{url}/>\n", "<sparql>"
    elif target_form in ("variable", "bind"):
        target = "?endpoint"
    silent = draw(st.sampled_from(["", "SILENT ", "silent "]))
    gap = draw(spaces)
    call = f"{keyword}{gap}{silent}{target}{draw(spaces)}{{ ?s ?p ?o }}"
    if target_form == "variable":
        call = f"VALUES ?endpoint {{ <{url}/sparql> }} {call}"
    elif target_form == "bind":
        call = f'BIND(IRI("{url}/sparql") AS ?endpoint) {call}'
    body = draw(wrappers).format(call)
    head = draw(st.sampled_from(["SELECT * WHERE", "select distinct ?s", "ASK", "CONSTRUCT { ?s ?p ?o } WHERE"]))
    return f"{prologue}PREFIX ex: <http://e/>\n{head} {{ {draw(noise)}{draw(spaces)}{body} }}"


@st.composite
def load_update(draw: st.DrawFn, url: str) -> str:
    """An update hiding a LOAD from `url`, or a SERVICE in a WHERE clause."""
    keyword = _escape(_case("LOAD", draw(keyword_flags)), draw(keyword_flags), draw(keyword_flags))
    before = draw(st.sampled_from([
        "", 'INSERT DATA { <http://e/a> <http://e/b> "x # y" } ;\n',
        "PREFIX ex: <http://e/> INSERT DATA { ex:s ex:p '''#\n}''' } ; ", "# LOAD is off\n",
        "CLEAR SILENT GRAPH <http://example.org/test/attack> ;",
    ]))
    target = draw(st.sampled_from([f"<{url}/x.ttl>", "loc:x.ttl", "<x.ttl>"]))
    prologue = {"loc:x.ttl": f"PREFIX loc: <{url}/>\n", "<x.ttl>": f"BASE <{url}/>\n"}.get(target, "")
    into = draw(st.sampled_from(["", " INTO GRAPH <http://example.org/test/attack>", " into graph <g>"]))
    silent = draw(st.sampled_from(["", "SILENT ", "silent "]))
    load = f"{prologue}{before}{keyword}{draw(spaces)}{silent}{target}{into}"
    service_keyword = _escape(_case("SERVICE", draw(keyword_flags)), draw(keyword_flags), [])
    pattern = draw(wrappers).format(f"{service_keyword} <{url}/sparql> {{ ?s ?p ?o }}")
    service = f"{prologue}{before}INSERT {{ GRAPH <http://example.org/test/attack> {{ ?s ?p ?o }} }} WHERE {{ {pattern} }}"
    return draw(st.sampled_from([load, service]))


def _send(client: httpx.Client, how: str, name: str, text: str, token: bool) -> httpx.Response:
    headers = AUTH if token else {}
    if how == "get":
        return client.get("/sparql", params={name: text}, headers=headers)
    if how == "form":
        return client.post("/sparql", data={name: text}, headers=headers)
    media = "application/sparql-query" if name == "query" else "application/sparql-update"
    return client.post("/sparql", content=text.encode(), headers={**headers, "Content-Type": media})


def _refused(response: httpx.Response, name: str, how: str) -> None:
    expected = {400, 403} | ({401, 405} if name == "update" else set())
    assert response.status_code in expected, (how, response.status_code, response.text)
    assert SECRET not in response.content


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_disguised_service_queries_never_reach_the_listener(client: httpx.Client, listener: Listener,
                                                            data: st.DataObject) -> None:
    query = data.draw(service_query(listener.url), label="query")
    how = data.draw(st.sampled_from(["get", "form", "direct"]), label="how")
    _refused(_send(client, how, "query", query, data.draw(st.booleans(), label="token")), "query", how)
    assert listener.connections == 0


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_disguised_loads_never_reach_the_listener(client: httpx.Client, listener: Listener,
                                                  data: st.DataObject) -> None:
    update = data.draw(load_update(listener.url), label="update")
    how = data.draw(st.sampled_from(["form", "direct"]), label="how")
    _refused(_send(client, how, "update", update, data.draw(st.booleans(), label="token")), "update", how)
    assert listener.connections == 0


def test_the_reported_attacks_are_refused(client: httpx.Client, listener: Listener) -> None:
    query = (r"PREFIX ex: <http://e/> SELECT * WHERE { VALUES ?x { ex:a\# } "
             f"SERVICE <{listener.url}/admin> {{ ?s ?p ?o }} }}")
    update = rf"PREFIX ex: <http://e/> INSERT DATA {{ ex:a\# ex:b ex:c }} ; LOAD <{listener.url}/x.ttl>"
    for how in ("get", "form", "direct"):
        _refused(_send(client, how, "query", query, token=False), "query", how)
    for how in ("form", "direct"):
        _refused(_send(client, how, "update", update, token=True), "update", how)
    assert listener.connections == 0
    assert client.get("/store", params={"graph": "http://example.org/test/attack"}).status_code == 404


def test_a_dataset_named_in_the_query_or_the_protocol_is_honoured(client: httpx.Client) -> None:
    """FROM / default-graph-uri are graphs of the store: a graph that does not exist gives no rows."""
    for params in ({"query": "SELECT * FROM <urn:nonexistent> { ?s ?p ?o } LIMIT 1"},
                   {"query": "SELECT * { ?s ?p ?o } LIMIT 1", "default-graph-uri": "urn:nonexistent"},
                   {"query": "SELECT * FROM NAMED <urn:nonexistent> { GRAPH ?g { ?s ?p ?o } } LIMIT 1"}):
        response = client.get("/sparql", params=params, headers={"Accept": "application/sparql-results+json"})
        assert response.status_code == 200, response.text
        assert response.json()["results"]["bindings"] == []
    graph = client.get("/sparql", params={"query": "SELECT ?g { GRAPH ?g { ?s ?p ?o } } LIMIT 1"},
                       headers={"Accept": "application/sparql-results+json"}).json()["results"]["bindings"][0]["g"]
    named = f"PREFIX here: <{graph['value']}> SELECT (COUNT(*) AS ?n) FROM here: {{ ?s ?p ?o }}"
    rows = client.get("/sparql", params={"query": named}, headers={"Accept": "application/sparql-results+json"})
    assert int(rows.json()["results"]["bindings"][0]["n"]["value"]) > 0  # an existing graph, by prefixed name
