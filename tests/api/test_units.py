"""Pure functions of the HTTP layer: content negotiation, the SERVICE/LOAD guard, USING rewriting.

(Their doctests run by configuration: pytest's --doctest-modules over kg and api, pyproject.toml.)"""

from __future__ import annotations

import pytest

from api.guard import check_query, check_update, with_using
from api.negotiation import NotAcceptable, choose
from kg.errors import BadInput, Forbidden
from kg.formats import RDF_MEDIA_TYPES, RESULT_MEDIA_TYPES


@pytest.mark.parametrize(("accept", "expected"), [
    ("application/sparql-results+xml;q=0.5, text/csv", "text/csv"),
    ("text/*", "text/csv"),
    ("*/*", "application/sparql-results+json"),
    (None, "application/sparql-results+json"),
    ("application/json", "application/json"),
])
def test_result_negotiation(accept: str | None, expected: str) -> None:
    assert choose(accept, RESULT_MEDIA_TYPES, "application/sparql-results+json") == expected


def test_negotiation_refuses_what_is_not_offered_and_q_zero() -> None:
    with pytest.raises(NotAcceptable):
        choose("text/turtle;q=0", RDF_MEDIA_TYPES, "text/turtle")
    with pytest.raises(NotAcceptable):
        choose("application/sparql-results+json", RDF_MEDIA_TYPES, "text/turtle")


@pytest.mark.parametrize("query", [
    "SELECT * { SERVICE <http://x/> { ?s ?p ?o } }",
    "SELECT * { SERVICE SILENT <http://x/> { ?s ?p ?o } }",
    "SELECT * {\nservice\t?endpoint { ?s ?p ?o } }",
    'SELECT * { ?s ?p "a" .SERVICE <http://x/> {} }',
    "SELECT * { ?s ?p ?o # comment\nSERVICE <http://x/> {} }",
    "SELECT * { FILTER NOT EXISTS { { SELECT * { SERVICE ?where { ?s ?p ?o } } } } }",
])
def test_service_is_seen_wherever_the_parser_would_see_it(query: str) -> None:
    with pytest.raises(Forbidden):
        check_query(query, allow_service=False)
    check_query(query, allow_service=True)


def test_an_escaped_local_name_before_service_is_read_and_refused() -> None:
    # the example: `\\#` is part of the prefixed name, not a comment hiding the SERVICE
    query = r"PREFIX ex: <http://e/> SELECT * WHERE { VALUES ?x { ex:a\# } SERVICE <http://127.0.0.1:9/a> { ?s ?p ?o } }"
    with pytest.raises(Forbidden):
        check_query(query, allow_service=False)
    check_query(query, allow_service=True)


@pytest.mark.parametrize("query", [
    "SELECT * { SERVICE <http://x/> { ?s ?p ?o }",  # unbalanced
    "SELECT * { ex:a ?p ?o }",  # undeclared prefix
    "SELECT * { ?s ?p ?o } LIMIT x",
    "SELECT * FROM <http://e/\\U0011FFFF> WHERE { ?s ?p ?o }",  # an escape that names no code point
    r"SELECT * { MINUS { \u0053ERVICE <http://x/> { ?s ?p ?o } } }",  # Oxigraph reads no escape outside strings/IRIs
])
def test_a_query_the_grammar_cannot_parse_is_refused_in_one_line(query: str) -> None:
    for allow_service in (False, True):
        with pytest.raises(BadInput, match="could not be parsed") as refused:
            check_query(query, allow_service=allow_service)
        assert "\n" not in str(refused.value)


@pytest.mark.parametrize("query", [
    'SELECT * { ?s ?p "SERVICE <http://x/> {}" }',
    "SELECT * { ?s <http://example.org/SERVICE> ?o }",
    "SELECT ?service { ?service ?p ?o }",
    "PREFIX service: <http://x/> SELECT * { ?s service:p ?o }",
    "SELECT * { ?s ?p ?o } # SERVICE <http://x/>",
    "SELECT * { ?s ?p '''LOAD\nSERVICE''' }",
])
def test_service_in_data_or_names_is_not_refused(query: str) -> None:
    check_query(query, allow_service=False)


def test_load_is_refused_unless_allowed() -> None:
    with pytest.raises(Forbidden):
        check_update("LOAD <http://x/d.ttl>", allow_service=False, allow_load=False)
    check_update("LOAD <http://x/d.ttl>", allow_service=False, allow_load=True)
    check_update('INSERT DATA { <http://a> <http://b> "LOAD" }', allow_service=False, allow_load=False)


def _using(update: str, default: tuple[str, ...], named: tuple[str, ...] = ()) -> str:
    return with_using(update, default, named, allow_service=False, allow_load=False)


def test_using_graph_uri_goes_before_each_where_and_conflicts_with_using_or_with() -> None:
    update = "DELETE { ?s ?p ?o } WHERE { ?s ?p ?o } ; INSERT { ?s a <http://c> } WHERE { ?s ?p ?o }"
    out = _using(update, ("http://g",), ("http://n",))
    assert out.count("USING <http://g> USING NAMED <http://n> WHERE") == 2
    assert _using('INSERT DATA { <http://a> <http://b> "WHERE {" }', ("http://g",)) == \
        'INSERT DATA { <http://a> <http://b> "WHERE {" }'
    for update in ("WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
                   "DELETE { ?s ?p ?o } USING <http://g> WHERE { ?s ?p ?o }"):
        with pytest.raises(BadInput):
            _using(update, ("http://g",))


def test_using_graph_uri_never_lets_a_load_or_service_through() -> None:
    with pytest.raises(Forbidden):
        _using("INSERT { ?s a <http://c> } WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }", ("http://g",))
    with pytest.raises(Forbidden):
        _using("LOAD <http://127.0.0.1:1/x.ttl>", ("http://g",))


def _bulk(triples: int) -> str:
    body = " .\n".join(f'<http://e/s{i}> <http://e/p> "第{i}条 # not a comment }} {{" ' for i in range(triples))
    return f"DROP SILENT GRAPH <http://e/g> ;\nINSERT DATA {{ GRAPH <http://e/g> {{ {body} }} }}"


def test_a_bulk_data_update_is_read_by_the_same_parser() -> None:
    update = _bulk(5_000)  # ~300 KB, as kg.remote_store sends a page's graph
    assert check_update(update, allow_service=False, allow_load=False).modify_operations == 0


@pytest.mark.parametrize("tail", [
    " ; LOAD <http://127.0.0.1:1/x.ttl>",
    " ; INSERT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }",
])
def test_a_bulk_update_hiding_an_operation_is_refused(tail: str) -> None:
    with pytest.raises((Forbidden, BadInput)):
        check_update(_bulk(100) + tail, allow_service=False, allow_load=False)
