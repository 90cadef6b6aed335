"""The REST records as plain functions over the served store (opened read-only beside the running server)."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.records import articles, events, persons, policies, search
from kg.errors import BadInput, NotFound
from kg.store import GraphStore, open_store
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
