"""The REST API describes itself: /openapi.json names a model for every record and the errors as they are
sent, and the answers of a real server match those models field for field (they forbid unknown keys)."""

from __future__ import annotations

import warnings
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from pydantic import BaseModel

from api import analytics_schemas, schemas
from api.main import create_app
from kg.settings import Settings

ROUTES: dict[str, type[BaseModel]] = {
    "/persons": schemas.PersonPage, "/persons/{ident}": schemas.Person,
    "/events": schemas.EventPage, "/events/{ident}": schemas.Event,
    "/policies": schemas.PolicyPage, "/policies/{ident}": schemas.Policy,
    "/articles": schemas.ArticlePage, "/articles/{ident}": schemas.Article,
    "/search": schemas.SearchPage,
}
# The analyst's views (kg.records.analytics): a path under a record's, or /stats
ANALYTICS: dict[str, type[BaseModel]] = {
    "/policies/{ident}/timeline": analytics_schemas.PolicyTimeline, "/stats/policies": analytics_schemas.PolicyStats,
    "/persons/{ident}/network": analytics_schemas.PersonNetwork,
    "/persons/{ident}/timeline": analytics_schemas.PersonTimeline,
}


def _ref(content: dict) -> str:
    return content["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]


def test_openapi_names_each_records_model_and_the_errors_as_sent(client: httpx.Client) -> None:
    spec = client.get("/openapi.json").json()
    for path, model in {**ROUTES, **ANALYTICS}.items():
        responses = spec["paths"][path]["get"]["responses"]
        assert _ref(responses["200"]["content"]) == model.__name__, path
        assert _ref(responses["400"]["content"]) == "ErrorBody", path
        assert ("404" in responses) == ("{ident}" in path), path
        assert set(spec["components"]["schemas"][model.__name__]["properties"]) == set(model.model_fields)
        if "{ident}" in path:
            ident = next(p for p in spec["paths"][path]["get"]["parameters"] if p["name"] == "ident")
            assert ident["in"] == "path" and "IRI" in ident["description"], path
    # no route declares FastAPI's 422: a bad parameter is answered 400 with our body
    assert not [path for path, item in spec["paths"].items() for op in item.values() if "422" in op["responses"]]
    assert "HTTPValidationError" not in spec["components"]["schemas"]


def _first(client: httpx.Client, path: str, **params: str) -> str:
    return client.get(path, params=params).json()["items"][0]["iri"]


def _id(iri: str) -> str:
    return quote(iri, safe="")


@pytest.mark.parametrize("path", sorted(ROUTES))
def test_real_answers_match_their_models(client: httpx.Client, path: str) -> None:
    kind = path.split("/")[1]
    if path.endswith("{ident}"):
        url = path.replace("{ident}", _id(_first(client, f"/{kind}", **({"q": "市"} if kind == "search" else {}))))
    else:
        url = path
    response = client.get(url, params={"q": "市"} if kind == "search" else {})
    assert response.status_code == 200, response.text
    record = ROUTES[path].model_validate(response.json())
    assert record.model_dump(exclude_unset=True)  # something was read, not an empty shell


def test_errors_have_the_declared_body(client: httpx.Client) -> None:
    bad = client.get("/persons", params={"limit": 0})
    missing = client.get("/persons/" + _id("https://w3id.org/zhengwu/id/person/无处/无人"))
    assert (bad.status_code, missing.status_code) == (400, 404)
    for response in (bad, missing):
        assert schemas.ErrorBody.model_validate(response.json()).detail


def test_keys_are_snake_case_throughout(client: httpx.Client) -> None:
    article = client.get("/articles/" + _id(_first(client, "/articles"))).json()
    keys: set[str] = set()

    def collect(node: object, under: str = "") -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if under != "participants":  # keyed by role (the ontology's property names), not fields
                    keys.add(key)
                collect(value, key)
        elif isinstance(node, list):
            for value in node:
                collect(value, under)

    collect(article)
    for path in ("/events", "/persons"):
        collect(client.get("/" + path.strip("/") + "/" + _id(_first(client, path))).json())
    assert "body_offset" in keys and "start_offset" in keys
    assert not [key for key in keys if key != key.lower()]


def test_the_description_builds_without_warnings_and_every_answer_has_a_schema(client: httpx.Client,
                                                                               tmp_path: Path) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        built = create_app(Settings(store=str(tmp_path / "store"))).openapi()
    assert [str(w.message) for w in caught] == []  # e.g. no "Duplicate Operation ID" for a GET and its HEAD
    spec = client.get("/openapi.json").json()
    assert spec["paths"].keys() == built["paths"].keys()
    ids = [op["operationId"] for item in spec["paths"].values() for op in item.values()]
    assert len(ids) == len(set(ids))
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            for status, response in operation["responses"].items():
                bodyless = method == "head" or status in ("201", "204")
                contents = response.get("content", {})
                assert bool(contents) != bodyless, (method, path, status)
                assert all(content.get("schema") for content in contents.values()), (method, path, status)


@pytest.mark.parametrize("path", sorted(ANALYTICS))
def test_real_analytics_answers_match_their_models(client: httpx.Client, path: str) -> None:
    kind = path.split("/")[1]
    url = path.replace("{ident}", _id(_first(client, f"/{kind}"))) if "{ident}" in path else path
    response = client.get(url)
    assert response.status_code == 200, response.text
    record = ANALYTICS[path].model_validate(response.json())
    assert record.model_dump(exclude_unset=True)
    missing = client.get(path.replace("{ident}", _id(f"https://w3id.org/zhengwu/id/{kind[:-1]}/无处/无人")))
    bad = client.get(url, params={"min": "0"} if path.endswith("network") else {"by": "week"})
    assert bad.status_code == 400 and schemas.ErrorBody.model_validate(bad.json()).detail
    if "{ident}" in path:
        assert missing.status_code == 404 and schemas.ErrorBody.model_validate(missing.json()).detail
