"""The explorer's server side over HTTP: pages and assets served locally, and the list routes it reads
(totals, ranges, kinds, /articles, clear 400s for filters naming nothing, years as dates, folded search)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import httpx
import pytest

DU = "杜小刚"
HTML = {"Accept": "text/html"}


@pytest.mark.parametrize("path", ["/", "/query", "/docs", "/redoc"])
def test_pages_load_every_asset_from_this_server(client: httpx.Client, path: str) -> None:
    page = client.get(path, headers=HTML)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assets = re.findall(r'(?:src|href)="([^"]+\.(?:js|css|svg))"', page.text)
    assert assets, "the page loads scripts and styles"
    for asset in assets:
        assert not urlsplit(asset).netloc, f"{asset} comes from another host"
        served = client.get(asset)
        assert served.status_code == 200 and len(served.content) > 100, asset


def test_entity_pages_answer_in_the_browsers_language(client: httpx.Client) -> None:
    path = "/id/person/无锡/" + DU
    assert 'lang="zh"' in client.get(path, headers={**HTML, "Accept-Language": "zh-CN,en;q=0.5"}).text
    assert 'lang="en"' in client.get(path, headers={**HTML, "Accept-Language": "en-GB,en;q=0.9"}).text
    assert client.get(path, headers={"Accept": "text/turtle"}).headers["content-type"].startswith("text/turtle")
    assert client.get("/id/person/无锡/无此人", headers=HTML).status_code == 404


def test_search_folds_traditional_characters(client: httpx.Client) -> None:
    traditional = client.get("/search", params={"q": "會議"}).json()
    simplified = client.get("/search", params={"q": "会议"}).json()
    assert traditional["items"] and traditional == simplified
    person = client.get("/search", params={"q": "杜小剛"}).json()["items"][0]
    assert person["label"] == DU and person["kind"] == "person"
    article = client.get("/articles", params={"limit": 1}).json()["items"][0]
    found = client.get("/search", params={"q": article["title"]}).json()["items"]
    assert {"iri": article["iri"], "kind": "article"} in [{"iri": i["iri"], "kind": i["kind"]} for i in found]


def test_list_routes_give_totals(client: httpx.Client) -> None:
    for path in ("/persons", "/policies", "/events", "/articles"):
        first = client.get(path, params={"limit": 2}).json()
        everything = client.get(path, params={"limit": 500}).json()
        assert first["total"] == everything["total"] == len(everything["items"]) > 2, path
        assert client.get(path, params={"limit": 2, "offset": 10_000}).json()["total"] == first["total"]


def test_event_list_agrees_with_event_records_on_kind_and_range(client: httpx.Client) -> None:
    listed = client.get("/events", params={"limit": 500}).json()["items"]
    assert {e["kind"] for e in listed} - {"Event"}, "specific kinds"
    ranged = [e for e in listed if e["start_date"] and e["end_date"]]
    assert ranged, "the seeds have an event over two days"
    for item in listed:
        record = client.get("/events/" + item["iri"]).json()
        assert (item["kind"], item["date"], item["start_date"], item["end_date"]) == (
            record["kind"], record["date"], record["start_date"], record["end_date"])


def test_articles_list_filters_by_issue_date(client: httpx.Client) -> None:
    every = client.get("/articles", params={"limit": 500}).json()["items"]
    assert every and all(a["title"] is not None or a["iri"] for a in every)
    issued = sorted({a["issued"] for a in every})
    assert [a["issued"] for a in every] == sorted((a["issued"] for a in every), reverse=True)  # newest first
    day = issued[0]
    assert {a["issued"] for a in client.get("/articles", params={"from": day, "to": day}).json()["items"]} == {day}
    assert client.get("/articles").status_code == 200  # no redirect to a 404 any more


@pytest.mark.parametrize(("params", "says"), [
    ({"type": "Bogus"}, "not a kind of event"),
    ({"person": "无锡/无此人"}, "no person"),  # a bare name of one person (蒋敏) now resolves to it (issue 17)
    ({"policy": "没有这个政策"}, "no policy"),
    ({"from": "April"}, "not a year, month or day"),
])
def test_unknown_filter_values_are_a_clear_400(client: httpx.Client, params: dict, says: str) -> None:
    response = client.get("/events", params=params)
    assert response.status_code == 400 and says in response.json()["detail"]


def test_a_year_or_month_is_a_date_range(client: httpx.Client) -> None:
    year = client.get("/events", params={"from": "2024", "to": "2024", "limit": 500}).json()["items"]
    month = client.get("/events", params={"from": "2024-04", "to": "2024-04", "limit": 500}).json()["items"]
    days = client.get("/events", params={"from": "2024-01-01", "to": "2024-12-31", "limit": 500}).json()["items"]
    assert year == days and month and set(e["iri"] for e in month) <= set(e["iri"] for e in year)
    assert all((e["date"] or e["start_date"]).startswith("2024-04") for e in month)
