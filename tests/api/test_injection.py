"""REST parameters are data: quotes, braces, `}`, `#`, newlines and SPARQL keywords never change a query."""

from __future__ import annotations

from urllib.parse import quote

import httpx
import pytest

from tests.api.conftest import quad_count

PAYLOADS = [
    '"', "'", '\\"', "}", "{", "#", "\n", "\r\n", '" }', "' }",
    '杜" || true || "', "杜') || true || ('",
    '"} UNION { ?person ?p ?o } #', '" . } DELETE WHERE { ?s ?p ?o } #',
    '"""', "'''", "\\", "\\u0022", "<http://example.org/x>", "?person",
    "SELECT * WHERE { ?s ?p ?o }", "DROP ALL", 'x" ; CLEAR ALL ; #', "\u0000", "}\n}}}} LIMIT 1 #",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_text_parameters_are_matched_literally(client: httpx.Client, payload: str) -> None:
    before = quad_count(client)
    for path, param in (("/persons", "q"), ("/persons", "post"), ("/policies", "q"), ("/search", "q")):
        response = client.get(path, params={param: payload})
        assert response.status_code in (200, 400), (path, param, response.text)
        assert "Traceback" not in response.text
        if response.status_code == 200:
            labels = [item.get("label") or "" for item in response.json()["items"]]
            assert all(payload.strip() in label for label in labels if payload.strip()), (path, payload, labels)
    assert quad_count(client) == before


@pytest.mark.parametrize("payload", PAYLOADS)
def test_iri_and_typed_parameters_are_validated_or_treated_as_data(client: httpx.Client, payload: str) -> None:
    before = quad_count(client)
    for params in ({"person": payload}, {"policy": payload}, {"place": payload}, {"type": payload},
                   {"from": payload}, {"to": payload}):
        response = client.get("/events", params=params)
        assert response.status_code in (200, 400), (params, response.text)
        if response.status_code == 200:
            assert response.json()["items"] == []  # no such person/policy/place: nothing, not everything
    for path in ("/persons/", "/events/", "/policies/", "/articles/", "/id/"):
        response = client.get(path + quote(payload, safe=""))
        assert response.status_code in (400, 404, 405), (path, payload, response.status_code)
    assert quad_count(client) == before


def test_injection_that_would_match_everything_matches_nothing(client: httpx.Client) -> None:
    everyone = client.get("/persons").json()["items"]
    assert len(everyone) > 1
    assert client.get("/persons", params={"q": '杜" || true || "'}).json()["items"] == []
    assert client.get("/persons", params={"q": '") || true || ("'}).json()["items"] == []
