"""The REST API over the ingested seeds: persons, events, policies, articles, search; JSON and JSON-LD."""

from __future__ import annotations

from urllib.parse import quote

import httpx
import rdflib

from kg.rdf import context
from tests.api.conftest import BASE, select

DU = "杜小刚"


def _person_iri(client: httpx.Client, name: str) -> str:
    found = client.get("/persons", params={"q": name}).json()["items"]
    return next(item["iri"] for item in found if item["label"] == name)


def _id(iri: str, kind: str) -> str:
    return quote(iri[len(BASE) + len(kind) + 1:])


def test_persons_search_finds_exactly_one_du_xiaogang(client: httpx.Client) -> None:
    response = client.get("/persons", params={"q": DU})
    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["label"] for item in items] == [DU]
    assert any("书记" in post for post in items[0]["posts"])


def test_du_xiaogang_record_lists_every_event_he_took_part_in_with_roles_dates_and_evidence(
        client: httpx.Client) -> None:
    """Acceptance: the record's events are exactly those the graph says he attended, each with its evidence."""
    iri = _person_iri(client, DU)
    record = client.get(f"/persons/{_id(iri, 'person')}").json()
    in_graph = {row["e"] for row in select(client, f"SELECT DISTINCT ?e WHERE {{ <{iri}> zw:attended ?e }}")}
    assert len(in_graph) >= 3
    assert {event["iri"] for event in record["events"]} == in_graph
    roles_in_graph = {(row["e"], row["r"].split("#")[1]) for row in select(client, f"""
        SELECT DISTINCT ?e ?r WHERE {{ VALUES ?r {{ zw:presided zw:led zw:spokeAt zw:accompanied zw:attended }}
                                       <{iri}> ?r ?e }}""")}
    assert {(e["iri"], r["role"]) for e in record["events"] for r in e["roles"]} == roles_in_graph
    assert any(r["role"] in ("presided", "led") for e in record["events"] for r in e["roles"])
    for event in record["events"]:
        assert event["article"]["iri"].startswith(BASE + "article/") and event["article"]["issued"]
        assert event["evidence"] and all(ev["sentence"] for ev in event["evidence"])
        finer = [r for r in event["roles"] if r["role"] != "attended"]
        assert all(r["evidence"] and r["evidence"][0]["quote"] for r in finer)
        assert all(r["evidence"][0]["quote"] in r["evidence"][0]["sentence"] for r in finer)
    dates = [e["date"] or e["start_date"] for e in record["events"] if e["date"] or e["start_date"]]
    assert dates == sorted(dates) and len(dates) >= 3
    assert all(other["label"] != DU for e in record["events"] for other in e["co_attendees"])
    assert any(e["co_attendees"] for e in record["events"])
    assert record["posts"] and record["posts"][0]["seen"]


def test_a_person_record_pages_its_events_over_http(client: httpx.Client) -> None:
    ident = _id(_person_iri(client, DU), "person")
    whole = client.get(f"/persons/{ident}").json()
    total = whole["events_total"]
    assert total == len(whole["events"]) >= 3
    pages = [client.get(f"/persons/{ident}", params={"limit": 1, "offset": n}).json() for n in range(total + 1)]
    assert [page["events"][0]["iri"] for page in pages[:total]] == [e["iri"] for e in whole["events"]]
    assert pages[total]["events"] == [] and {page["events_total"] for page in pages} == {total}
    bad = client.get(f"/persons/{ident}", params={"limit": 0})
    assert 400 <= bad.status_code < 500 and "Traceback" not in bad.text


def test_persons_filter_by_post_and_must_not_match_others(client: httpx.Client) -> None:
    secretaries = client.get("/persons", params={"post": "书记"}).json()["items"]
    assert DU in {p["label"] for p in secretaries}
    assert all(any("书记" in post for post in p["posts"]) for p in secretaries)
    assert client.get("/persons", params={"q": "没有这个人"}).json()["items"] == []


def test_paging(client: httpx.Client) -> None:
    first = client.get("/persons", params={"limit": 2}).json()
    second = client.get("/persons", params={"limit": 2, "offset": 2}).json()
    assert len(first["items"]) == 2 and first["more"] is True
    assert not {p["iri"] for p in first["items"]} & {p["iri"] for p in second["items"]}


def test_events_filters(client: httpx.Client) -> None:
    every = client.get("/events").json()["items"]
    assert every
    du = _person_iri(client, DU)
    his = client.get("/events", params={"person": du}).json()["items"]
    assert 0 < len(his) <= len(every)
    dated = [e for e in every if e["date"]]
    day = dated[0]["date"]
    same_day = client.get("/events", params={"from": day, "to": day}).json()["items"]
    assert same_day and all(e["date"] == day or e["start_date"] <= day <= e["end_date"] for e in same_day)
    assert client.get("/events", params={"from": "2099-01-01"}).json()["items"] == []
    kind = every[0]["kind"]
    of_kind = client.get("/events", params={"type": kind}).json()["items"]
    assert of_kind and all(e["kind"] == kind for e in of_kind)
    policy = client.get("/policies", params={"limit": 1}).json()["items"][0]["iri"]
    pushed = client.get("/events", params={"policy": policy}).json()["items"]
    assert pushed and len(pushed) <= len(every)


def test_event_record(client: httpx.Client) -> None:
    du = _person_iri(client, DU)
    event = client.get("/events", params={"person": du}).json()["items"][0]
    record = client.get(f"/events/{_id(event['iri'], 'article')}").json()
    assert record["iri"] == event["iri"] and record["kind"] == event["kind"]
    assert record["article"]["iri"] == event["article"] and record["article"]["issued"]
    attendees = {p["iri"] for p in record["participants"]["attended"]}
    assert du in attendees
    for role, people in record["participants"].items():
        assert {p["iri"] for p in people} <= attendees or role == "attended"


def test_policy_record(client: httpx.Client) -> None:
    top = client.get("/policies").json()["items"][0]
    record = client.get(f"/policies/{_id(top['iri'], 'policy')}").json()
    assert record["label"] == top["label"]
    assert len(record["events"]) == top["events"] > 0
    dates = [e["date"] for e in record["events"] if e["date"]]
    assert dates == sorted(dates)
    assert all(o["roles"] and o["events"] > 0 for o in record["officials"])
    assert all(a["iri"] != record["iri"] and a["shared_events"] > 0 for a in record["alongside"])
    found = client.get("/policies", params={"q": top["label"][:2]}).json()["items"]
    assert top["iri"] in {p["iri"] for p in found}


def test_article_record_has_text_and_every_fact_with_evidence(client: httpx.Client) -> None:
    du = _person_iri(client, DU)
    event = client.get("/events", params={"person": du}).json()["items"][0]
    record = client.get(f"/articles/{_id(event['article'], 'article')}").json()
    assert record["issued"] and len(record["text"]) > 50 and record["is_part_of"].startswith(BASE + "document/")
    kinds = {k for fact in record["facts"] for k in fact["kinds"]}
    assert {"Participation", "Emphasis"} <= kinds
    quoted = [f for f in record["facts"] if "quote" in f and "start_offset" in f]
    assert quoted and all(record["text"][f["start_offset"]:f["end_offset"]] == f["quote"] for f in quoted)


def test_search_ranks_exact_matches_first(client: httpx.Client) -> None:
    items = client.get("/search", params={"q": DU}).json()["items"]
    assert items[0]["label"] == DU and items[0]["kind"] == "person"
    kinds = {i["kind"] for i in client.get("/search", params={"q": "市", "limit": 200}).json()["items"]}
    assert {"person", "post", "event"} & kinds and len(kinds) >= 2
    assert client.get("/search", params={"q": "ＸＹＺ不存在"}).json()["items"] == []


def test_json_ld_by_accept(client: httpx.Client) -> None:
    response = client.get("/persons", params={"q": DU}, headers={"Accept": "application/ld+json"})
    assert response.headers["content-type"].startswith("application/ld+json")
    graph = rdflib.Graph().parse(data=response.text, format="json-ld")
    labels = set(graph.objects(rdflib.URIRef(_person_iri(client, DU)), rdflib.RDFS.label))
    assert labels == {rdflib.Literal(DU)}
    assert response.json()["@context"] == context()  # the one context, as `kg extract --format jsonld` writes it
    assert client.get("/persons", params={"q": DU}).headers["content-type"].startswith("application/json")
