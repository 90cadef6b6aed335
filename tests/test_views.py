"""Precomputed views of heavy person and policy records (kg.views): same JSON as live, never stale.

A generated corpus is ingested by the real pipeline into a real on-disk store; the heavy threshold is
lowered so that its busiest persons and policies get views. HTTP checks run the real `kg serve`.
"""

from __future__ import annotations

import contextlib
import gc
import json
import shutil
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from pyoxigraph import NamedNode

from api import execution
from api.service import unattributed_write
from bench.corpus import generate
from bench.servers import kg_serve
from kg import pipeline, views
from kg.records import persons, policies
from kg.store import GraphStore, quads_in
from kg.store_api import writing
from kg.stores import open_store
from tests.conftest import run_kg

THRESHOLD = 5  # a 120-article corpus has a handful of persons and dozens of policies with this many events
TOKEN = "views-test-token"


def _served(store: GraphStore, iri: str, limit: int = 20, offset: int = 0) -> tuple[dict, str]:
    module = persons.person_served if "/person/" in iri else policies.policy_served
    return module(store, iri, limit, offset)


def _live(store: GraphStore, iri: str, limit: int = 20, offset: int = 0) -> dict:
    return (persons.person_live if "/person/" in iri else policies.policy_live)(store, iri, limit, offset)


def _text(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False)  # key order included: the HTTP body is the same bytes


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed store folder with fresh views; tests work on copies."""
    root = tmp_path_factory.mktemp("views")
    generate(root / "corpus", articles=120, seed=3)
    store = open_store(root / "store")
    pipeline.ingest_files(store, [root / "corpus"], pipeline.Options())
    assert views.refresh(store, THRESHOLD) > 0
    del store
    gc.collect()
    return root / "store"


@pytest.fixture
def store(template: Path, tmp_path: Path) -> Iterator[GraphStore]:
    shutil.copytree(template, tmp_path / "store")
    opened = open_store(tmp_path / "store")
    yield opened
    opened.views.close()


def _heavy(store: GraphStore, kind: str) -> list[str]:
    return sorted(i for i in store.views.fresh() if f"/{kind}/" in i)


def _heavy_now(store: GraphStore, threshold: int) -> set[str]:
    return {*views.heavy(store, persons.HEAVY_QUERY, threshold), *views.heavy(store, policies.HEAVY_QUERY, threshold)}


def test_views_exist_for_heavy_persons_and_policies_only(store: GraphStore) -> None:
    fresh = store.views.fresh()
    assert _heavy(store, "person") and _heavy(store, "policy")
    assert fresh == _heavy_now(store, THRESHOLD)
    light = persons.list_persons(store, None, None, 500, 0)["items"][-1]  # the list is busiest first
    assert light["iri"] not in fresh and _served(store, light["iri"])[1] == "live"


def test_a_view_gives_the_same_json_as_live_on_every_page(store: GraphStore) -> None:
    for iri in store.views.fresh():
        total = _live(store, iri, 1, 0)["events_total"]
        assert total >= THRESHOLD
        for limit, offset in ((20, 0), (3, 2), (2, total - 1), (500, 0), (5, total + 3)):
            record, source = _served(store, iri, limit, offset)
            assert source == "view"
            assert _text(record) == _text(_live(store, iri, limit, offset)), (iri, limit, offset)


def test_refresh_is_idempotent(store: GraphStore) -> None:
    def dump() -> list[tuple]:
        with sqlite3.connect(store.views.path) as db:
            return db.execute("SELECT v.iri, v.head, v.stale, e.pos, e.entry FROM views v "
                              "LEFT JOIN entries e ON e.iri = v.iri ORDER BY v.iri, e.pos").fetchall()

    before = dump()
    assert views.refresh(store, THRESHOLD) == 0
    assert dump() == before


@pytest.mark.parametrize("limit", [("REFRESH_BATCH", 2), ("REFRESH_EVENTS", 1)], ids=["2 entities", "1 event"])
def test_views_built_a_few_entities_at_a_time_are_the_same(store: GraphStore, monkeypatch: pytest.MonkeyPatch,
                                                           limit: tuple[str, int]) -> None:
    """A refresh builds a few entities at a time (bounded memory: at most `REFRESH_BATCH` entities and
    `REFRESH_EVENTS` events, or one entity); events shared across batches must come out the same as when
    every entity is built together."""
    def dump() -> dict[str, list[tuple]]:
        with sqlite3.connect(store.views.path) as db:
            rows = db.execute("SELECT v.iri, v.head, e.pos, e.entry FROM views v "
                              "LEFT JOIN entries e ON e.iri = v.iri ORDER BY v.iri, e.pos").fetchall()
        return {iri: [r for r in rows if r[0] == iri] for iri in {r[0] for r in rows}}

    together = dump()
    assert len(together) > 3
    monkeypatch.setattr(views, *limit)
    with writing(store.views):  # every view stale: the next refresh rebuilds them all
        pass
    assert views.refresh(store, THRESHOLD) == len(together)
    assert dump() == together


def test_removing_a_document_marks_its_entities_stale_and_pages_stay_right(store: GraphStore) -> None:
    person = _heavy(store, "person")[0]
    event = _live(store, person, 1, 0)["events"][0]
    row = next(iter(store.query("SELECT * WHERE { GRAPH ?g { ?e <https://w3id.org/zhengwu/ontology#reportedIn> ?a . "
                                "?a <http://purl.org/dc/terms/isPartOf> ?d } }", {"e": NamedNode(event["iri"])})))
    document = row["d"]  # type: ignore[index]
    touched = views.entities_in(quads_in(store.store, store.graphs_of_document(document)))
    before = {iri: _live(store, iri, 500, 0)["events_total"] for iri in store.views.fresh()}
    untouched = store.views.fresh() - touched

    store.remove_document(document)

    assert person in touched and store.views.fresh() == untouched
    record, source = _served(store, person)
    assert source == "live" and record["events_total"] < before[person]
    assert event["iri"] not in [e["iri"] for e in record["events"]]
    for iri in untouched:  # views of what the document did not touch stay, and stay right
        assert _text(_served(store, iri)[0]) == _text(_live(store, iri))

    assert views.refresh(store, THRESHOLD) >= 1
    record, source = _served(store, person)
    assert source == "view" and _text(record) == _text(_live(store, person))


def test_a_new_document_marks_what_it_touches_before_writing_and_ingest_refreshes(
        store: GraphStore, tmp_path: Path) -> None:
    generate(tmp_path / "more", articles=6, seed=11)
    docs = list(pipeline.extract_files([tmp_path / "more"], pipeline.Options()))
    quads = [q for doc in docs for graphs in doc.graphs.values() for qs in graphs.values() for q in qs]
    touched = views.entities_in(quads) & store.views.fresh()
    assert touched, "the national policies of the new pages have views"
    untouched = store.views.fresh() - touched

    for doc in docs:
        for document, graphs in doc.graphs.items():
            store.replace_document(document, graphs)
    assert store.views.fresh() == untouched
    for iri in touched:
        record, source = _served(store, iri)
        assert source == "live" and _text(record) == _text(_live(store, iri))

    summary = pipeline.ingest_files(store, [tmp_path / "more"], pipeline.Options())  # the same pages again
    assert summary.views >= len(touched)  # at the store's threshold, kept from the last refresh
    assert store.views.fresh() == _heavy_now(store, THRESHOLD) >= untouched | touched  # and what became heavy
    for iri in touched:
        assert _text(_served(store, iri)[0]) == _text(_live(store, iri))


def test_entities_no_longer_heavy_lose_their_views(store: GraphStore) -> None:
    totals = {iri: _live(store, iri, 1, 0)["events_total"] for iri in store.views.fresh()}
    higher = sorted(totals.values())[len(totals) // 2]
    views.refresh(store, higher)
    assert store.views.fresh() == {iri for iri, n in totals.items() if n >= higher}
    low = min(totals, key=totals.get)  # type: ignore[arg-type]
    assert _served(store, low)[1] == "live"


def test_a_store_deleted_and_created_again_has_no_views(template: Path, tmp_path: Path) -> None:
    folder = tmp_path / "store"
    shutil.copytree(template, folder)
    iri = sorted(open_store(folder, read_only=True).views.fresh())[0]
    gc.collect()
    shutil.rmtree(folder)
    store = open_store(folder)
    assert store.views.fresh() == set()
    for doc in pipeline.extract_files([template.parent / "corpus"], pipeline.Options()):  # the same data, no refresh
        for document, graphs in doc.graphs.items():
            store.replace_document(document, graphs)
    assert store.views.fresh() == set()
    record, source = _served(store, iri)
    assert source == "live" and _text(record) == _text(_live(store, iri))


def test_a_backup_keeps_the_views_and_a_restored_store_serves_them(store: GraphStore, tmp_path: Path) -> None:
    fresh = store.views.fresh()
    store.backup(tmp_path / "backup")
    restored = open_store(tmp_path / "backup", read_only=True)
    assert restored.views.fresh() == fresh
    iri = sorted(fresh)[0]
    assert _served(restored, iri) == (_served(store, iri)[0], "view")
    restored.views.close()


def test_memory_and_read_only_stores() -> None:
    memory = open_store(":memory:")
    assert memory.views is None and views.refresh(memory) == 0


def test_kg_views_refresh_command(template: Path, tmp_path: Path) -> None:
    shutil.copytree(template, tmp_path / "store")
    done = run_kg("views", "refresh", "--store", str(tmp_path / "store"), "--threshold", str(THRESHOLD))
    assert done.returncode == 0 and done.stdout.startswith("0 views refreshed"), done.stderr
    done = run_kg("views", "refresh", "--store", str(tmp_path / "store"), "--threshold", str(THRESHOLD * 3))
    assert done.returncode == 0 and done.stdout.startswith("0 views refreshed"), done.stderr
    assert len(open_store(tmp_path / "store", read_only=True).views.fresh()) == int(done.stdout.split("; ")[1].split()[0])


@contextlib.contextmanager
def _serve(folder: Path) -> Iterator[httpx.Client]:
    with kg_serve(folder, "--update-token", TOKEN) as url, httpx.Client(base_url=url, timeout=30) as client:
        yield client


def _path(iri: str) -> str:
    collection = "persons" if "/person/" in iri else "policies"
    return f"/{collection}/{iri}"


def test_a_raw_update_through_the_server_marks_every_view_stale(store: GraphStore) -> None:
    person = _heavy(store, "person")[0]
    unattributed_write(store, execution.run_update, _new_event(person))
    assert store.views.fresh() == set()
    record, source = _served(store, person, 500)
    assert source == "live" and "urn:test:event" in [e["iri"] for e in record["events"]]


def _new_event(person: str) -> str:
    return (f"INSERT DATA {{ GRAPH <urn:test:g> {{ <{person}> <https://w3id.org/zhengwu/ontology#attended> "
            "<urn:test:event> . <urn:test:event> <https://w3id.org/zhengwu/ontology#reportedIn> <urn:test:a> } }")


@pytest.mark.slow
@pytest.mark.server
def test_over_http_pages_come_from_views_and_a_raw_update_is_seen_at_once_then_refreshed(
        template: Path, tmp_path: Path) -> None:
    folder = tmp_path / "store"
    shutil.copytree(template, folder)
    reader = open_store(folder, read_only=True)
    heavy = sorted(reader.views.fresh())
    expected = {iri: _text(_live(reader, iri, 20, 2)) for iri in heavy}
    del reader
    gc.collect()
    with _serve(folder) as client:
        for iri in heavy:
            response = client.get(_path(iri), params={"limit": 20, "offset": 2})
            assert response.status_code == 200 and response.headers[views.HEADER] == "view"
            assert response.json() == json.loads(expected[iri])
        person = next(i for i in heavy if "/person/" in i)
        response = client.post("/sparql/update", content=_new_event(person), headers={
            "Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"})
        assert response.status_code == 204, response.text
        record = client.get(_path(person), params={"limit": 500}).json()  # never a stale view, at once
        assert "urn:test:event" in [e["iri"] for e in record["events"]]
        assert record["events_total"] == json.loads(expected[person])["events_total"] + 1

        deadline = time.monotonic() + 60  # kg serve refreshes the views in the background
        while any(client.get(_path(iri)).headers[views.HEADER] != "view" for iri in heavy):
            assert time.monotonic() < deadline, "the views were not refreshed after the update"
            time.sleep(0.5)
        again = client.get(_path(person), params={"limit": 500}).json()
    reader = open_store(folder, read_only=True)
    assert _text(again) == _text(_live(reader, person, 500, 0))
