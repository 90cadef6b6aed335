"""The REST records as plain functions over the served store (opened read-only beside the running server)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import BadInput, NotFound
from kg.records import articles, events, persons, policies, search
from kg.store_api import KnowledgeStore as GraphStore
from kg.stores import open_store
from tests.api.conftest import BASE


@pytest.fixture(scope="module")
def store(seed_store: Path, base_url: str) -> GraphStore:
    return open_store(seed_store, read_only=True)  # base_url: the server holds the write lock meanwhile


def test_unknown_things_are_not_found(store: GraphStore) -> None:
    for record, kind in ((persons.person, "person"), (policies.policy, "policy"), (articles.article, "article"),
                         (events.event, "article")):
        with pytest.raises(NotFound):
            record(store, f"{BASE}{kind}/nowhere/nothing")


def test_blank_search_is_bad_input(store: GraphStore) -> None:
    with pytest.raises(BadInput):
        search.search(store, " \u3000 ", 10, 0)


def test_full_width_search_text_is_folded(store: GraphStore) -> None:
    du = search.search(store, "杜小刚", 5, 0)["items"]
    assert du and du[0]["label"] == "杜小刚"
    assert search.search(store, " 杜小刚\u3000", 5, 0)["items"][0]["iri"] == du[0]["iri"]


def test_every_listed_person_has_a_record_whose_events_match_the_count(store: GraphStore) -> None:
    for item in persons.list_persons(store, None, None, 100, 0)["items"]:
        record = persons.person(store, item["iri"])
        assert record["label"] == item["label"]
        assert len(record["events"]) == item["events"]


def test_record_events_are_paged_in_time_order_with_their_total(store: GraphStore) -> None:
    top_person = persons.list_persons(store, None, None, 1, 0)["items"][0]
    top_policy = policies.list_policies(store, None, 1, 0)["items"][0]
    for record, item in ((persons.person, top_person), (policies.policy, top_policy)):
        whole = record(store, item["iri"], limit=500, offset=0)
        assert whole["events_total"] == item["events"] == len(whole["events"]) >= 2
        pages = [record(store, item["iri"], limit=1, offset=i) for i in range(whole["events_total"] + 1)]
        assert all(p["events_total"] == whole["events_total"] for p in pages)
        assert [e["iri"] for p in pages for e in p["events"]] == [e["iri"] for e in whole["events"]]
        assert pages[-1]["events"] == []  # past the end: an empty page, not an error
