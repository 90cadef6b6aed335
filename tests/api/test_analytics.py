"""The analyst's views (issue 17): each route against the SPARQL behind it (kg/queries/analytics_*.rq) on the
same store — the seeds plus a generated corpus of several papers — served by a real `kg serve`; the
aggregates kept fresh by writes; the exports loaded by networkx and pandas."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import networkx as nx
import pandas as pd
import pytest
from pyoxigraph import Literal, NamedNode

from bench.corpus import generate
from bench.servers import kg_serve
from kg import pipeline
from kg.analytics import period
from kg.records import analytics, select
from kg.store_api import writing
from kg.stores import in_memory_copy, open_store
from tests.conftest import SEEDS, run_kg

ZW = "https://w3id.org/zhengwu/ontology#"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("analytics")
    generate(root / "corpus", articles=60, seed=17)
    store = open_store(root / "store")
    summary = pipeline.ingest_files(store, [SEEDS, root / "corpus"], pipeline.Options())
    assert summary.articles > 60
    del store
    return root / "store"


@pytest.fixture(scope="module")
def oracle(store_path: Path) -> Iterator[object]:
    """The same store read-only, for the SPARQL side of each comparison."""
    store = open_store(store_path, read_only=True)
    yield store
    del store


@pytest.fixture(scope="module")
def http(store_path: Path, oracle: object) -> Iterator[httpx.Client]:
    with kg_serve(store_path) as url, httpx.Client(base_url=url, timeout=60) as client:
        yield client


def _busiest(store: object, kind: str) -> list[str]:
    """The three policies (or persons) with the most events, by SPARQL."""
    pattern = "?e zw:emphasised ?x" if kind == "policy" else \
        "?x ?r ?e FILTER(?r IN (zw:presided, zw:led, zw:spokeAt, zw:accompanied, zw:attended))"
    rows = store.query(f"PREFIX zw: <{ZW}> SELECT ?x (COUNT(DISTINCT ?e) AS ?n) WHERE {{ {pattern} }} "  # type: ignore[attr-defined]
                       "GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT 3")
    return [r["x"].value for r in rows]


def test_policy_timeline_counts_match_sparql(http: httpx.Client, oracle: object) -> None:
    for policy in _busiest(oracle, "policy"):
        answer = http.get(f"/policies/{quote(policy, safe='')}/timeline", params={"by": "month"})
        assert answer.status_code == 200, answer.text
        expected = [{"period": r["period"], "events": r["events"], "articles": r["articles"]}
                    for r in select(oracle, "analytics_policy_timeline", {"policy": [NamedNode(policy)]})]  # type: ignore[arg-type]
        assert answer.json()["items"] == expected
        assert sum(i["events"] for i in expected) > 0
        assert answer.headers["X-KG-View"] == "view"  # precomputed: kg ingest refreshed the aggregates


def test_policy_timeline_by_year_and_jurisdiction(http: httpx.Client, oracle: object) -> None:
    policy = _busiest(oracle, "policy")[0]
    months = http.get(f"/policies/{quote(policy, safe='')}/timeline", params={"by": "month"}).json()["items"]
    years = http.get(f"/policies/{quote(policy, safe='')}/timeline", params={"by": "year"}).json()["items"]
    assert {y["period"] for y in years} == {m["period"][:4] for m in months}
    assert sum(y["events"] for y in years) == sum(m["events"] for m in months)
    jurisdiction = "无锡"
    local = http.get(f"/policies/{quote(policy, safe='')}/timeline",
                     params={"by": "month", "jurisdiction": jurisdiction}).json()["items"]
    expected = select(oracle, "analytics_policy_timeline",  # type: ignore[arg-type]
                      {"policy": [NamedNode(policy)], "jurisdiction": [Literal(jurisdiction)]})
    assert local == [{"period": r["period"], "events": r["events"], "articles": r["articles"]} for r in expected]
    assert sum(i["events"] for i in local) <= sum(m["events"] for m in months)


@pytest.mark.parametrize("jurisdiction", [None, "无锡"])
def test_policy_stats_top_match_sparql(http: httpx.Client, oracle: object, jurisdiction: str | None) -> None:
    params = {"by": "quarter", "top": 3, **({"jurisdiction": jurisdiction} if jurisdiction else {})}
    answer = http.get("/stats/policies", params=params)
    assert answer.status_code == 200, answer.text
    counted: dict[str, dict[str, int]] = {}
    for r in select(oracle, "analytics_policy_stats",  # type: ignore[arg-type]
                    {"jurisdiction": [Literal(jurisdiction)] if jurisdiction else []}):
        counted.setdefault(str(r["period"]), {})[str(r["policy"])] = int(r["events"])  # type: ignore[call-overload]
    items = answer.json()["items"]
    assert [i["period"] for i in items] == sorted(counted)
    for item in items:
        shown = item["policies"]
        assert [p["events"] for p in shown] == sorted(counted[item["period"]].values(), reverse=True)[:3]
        assert all(counted[item["period"]][p["iri"]] == p["events"] and p["label"] for p in shown)


def test_policy_stats_from_to(http: httpx.Client) -> None:
    every = http.get("/stats/policies", params={"by": "month", "top": 1}).json()["items"]
    assert len(every) >= 3
    start, end = every[1]["period"], every[-2]["period"]
    cut = http.get("/stats/policies", params={"by": "month", "top": 1, "from": start, "to": end + "-28"}).json()
    assert [i["period"] for i in cut["items"]] == [i["period"] for i in every[1:-1]]


def test_person_network_matches_sparql(http: httpx.Client, oracle: object) -> None:
    for person in _busiest(oracle, "person"):
        answer = http.get(f"/persons/{quote(person, safe='')}/network")
        assert answer.status_code == 200, answer.text
        body = answer.json()
        expected = {str(r["other"]): r["events"]
                    for r in select(oracle, "analytics_person_network", {"person": [NamedNode(person)]})}  # type: ignore[arg-type]
        assert {e["target"]: e["events"] for e in body["edges"]} == expected
        assert all(e["source"] == person for e in body["edges"])
        assert {n["iri"] for n in body["nodes"]} == {person, *expected}
        heavy = http.get(f"/persons/{quote(person, safe='')}/network", params={"min": 2}).json()["edges"]
        assert {e["target"] for e in heavy} == {o for o, n in expected.items() if n >= 2}


def test_person_timeline_matches_sparql(http: httpx.Client, oracle: object) -> None:
    # the busiest official with a post (a name some papers print without one is a node of its own)
    holders = {r["x"].value for r in oracle.query("PREFIX org: <http://www.w3.org/ns/org#> "  # type: ignore[attr-defined]
                                                  "SELECT DISTINCT ?x WHERE { ?x org:holds ?post }")}
    person = next(p for p in _busiest(oracle, "person") if p in holders)
    answer = http.get(f"/persons/{quote(person, safe='')}/timeline", params={"by": "month"})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    expected: dict[str, dict[str, int]] = {}
    for r in select(oracle, "analytics_person_timeline", {"person": [NamedNode(person)]}):  # type: ignore[arg-type]
        expected.setdefault(str(r["period"]), {})[str(r["role"]).rsplit("#", 1)[-1]] = int(r["events"])  # type: ignore[call-overload]
    assert {i["period"]: i["roles"] for i in body["items"]} == expected
    assert all(max(i["roles"].values()) <= i["events"] <= sum(i["roles"].values()) for i in body["items"])
    assert body["posts"] and all(p["first_seen"] <= p["last_seen"] for p in body["posts"])


def test_bad_requests_answer_clearly(http: httpx.Client, oracle: object) -> None:
    assert http.get("/persons/无锡/没有这个人/network").status_code == 404
    assert http.get("/policies/没有这个政策/timeline").status_code == 404
    assert http.get("/stats/policies", params={"by": "week"}).status_code == 400
    assert http.get("/stats/policies", params={"top": 0}).status_code == 400
    assert http.get("/stats/policies", params={"from": "yesterday"}).status_code == 400


def test_aggregates_stay_fresh_across_writes(tmp_path: Path) -> None:
    """Served from precomputed tables after an ingest; right (computed live) between a write and the next
    refresh; precomputed again, with the new article's events, after it."""
    store = open_store(tmp_path / "store")
    pipeline.ingest_files(store, [SEEDS / "000_6619c5c4ce064df3.txt"], pipeline.Options())
    before, source = analytics.policy_stats(store, "year", 100)
    assert source == "view"
    generate(tmp_path / "more", articles=8, seed=3)
    with writing(store.views):  # a write the refresh has not seen yet
        pass
    assert analytics.policy_stats(store, "year", 100) == (before, "live")
    pipeline.ingest_files(store, [tmp_path / "more"], pipeline.Options())
    after, source = analytics.policy_stats(store, "year", 100)
    assert source == "view"
    total = sum(p["events"] for i in after["items"] for p in i["policies"])
    assert total > sum(p["events"] for i in before["items"] for p in i["policies"])
    assert (after, "live") == analytics.policy_stats(in_memory_copy(store), "year", 100)


@pytest.mark.slow
def test_an_update_through_the_server_is_seen_at_once_then_precomputed_again(tmp_path: Path) -> None:
    store = open_store(tmp_path / "store")
    pipeline.ingest_files(store, [SEEDS], pipeline.Options())
    policy = _busiest(store, "policy")[0]
    del store
    path = f"/policies/{quote(policy, safe='')}/timeline"
    update = (f"PREFIX zw: <{ZW}> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> INSERT DATA {{ GRAPH <urn:test:g> {{"
              f" <urn:test:event> zw:emphasised <{policy}> ; zw:reportedIn <urn:test:article> ;"
              ' zw:date "2031-07-01"^^xsd:date } }')
    with kg_serve(tmp_path / "store", "--update-token", "t0ken") as url, httpx.Client(base_url=url, timeout=60) as http:
        before = http.get(path).json()["items"]
        answer = http.post("/sparql/update", content=update, headers={
            "Content-Type": "application/sparql-update", "Authorization": "Bearer t0ken"})
        assert answer.status_code == 204, answer.text
        after = http.get(path)  # never stale: the new event counts at once
        assert after.json()["items"] == [*before, {"period": "2031-07", "events": 1, "articles": 1}]
        deadline = time.monotonic() + 60  # kg serve rebuilds the aggregates in the background
        while (after := http.get(path)).headers["X-KG-View"] != "view":
            assert time.monotonic() < deadline, "the aggregates were not rebuilt after the update"
            time.sleep(0.5)
        assert after.json()["items"][-1] == {"period": "2031-07", "events": 1, "articles": 1}


def test_csv_tables_load_in_pandas(store_path: Path, oracle: object, tmp_path: Path) -> None:
    for table, columns in (("attention", {"period", "policy", "events", "articles"}),
                           ("careers", {"person", "post", "first_seen", "last_seen"}),
                           ("coattendance", {"source", "target", "events"})):
        out = tmp_path / f"{table}.csv"
        done = run_kg("export", "--store", str(store_path), "--format", "csv", "--table", table, "-o", str(out))
        assert done.returncode == 0, done.stderr
        frame = pd.read_csv(out, encoding="utf-8-sig")
        assert columns <= set(frame.columns) and len(frame) > 0
    attention = pd.read_csv(tmp_path / "attention.csv", encoding="utf-8-sig", keep_default_na=False)
    quarters = attention[(attention["by"] == "quarter") & (attention["jurisdiction"] == "")]
    expected = select(oracle, "analytics_policy_stats")  # type: ignore[arg-type]
    assert sorted(zip(quarters["period"], quarters["policy"], quarters["events"], strict=True)) == \
        sorted((r["period"], r["policy"], r["events"]) for r in expected)
    careers = pd.read_csv(tmp_path / "careers.csv", encoding="utf-8-sig")
    assert (careers["first_seen"] <= careers["last_seen"]).all()


def test_gexf_loads_in_networkx_with_time(store_path: Path, oracle: object, tmp_path: Path) -> None:
    out = tmp_path / "co.gexf"
    done = run_kg("export", "--store", str(store_path), "--format", "gexf", "--table", "coattendance", "-o", str(out))
    assert done.returncode == 0, done.stderr
    graph = nx.read_gexf(out)
    person = _busiest(oracle, "person")[0]
    network = select(oracle, "analytics_person_network", {"person": [NamedNode(person)]})  # type: ignore[arg-type]
    assert {str(r["other"]): r["events"] for r in network} == {o: int(d["weight"]) for o, d in graph[person].items()}
    assert all(d["start"] <= d["end"] for _, d in graph.nodes(data=True) if "start" in d)
    assert sum("start" in d for *_, d in graph.edges(data=True)) > graph.number_of_edges() // 2
    whole = tmp_path / "all.gexf"
    assert run_kg("export", "--store", str(store_path), "--format", "gexf", "-o", str(whole)).returncode == 0
    drawn = nx.read_gexf(whole)
    events = {n: d for n, d in drawn.nodes(data=True) if d.get("kind") == "event" and "start" in d}
    assert events and all(period(d["start"], "month") for d in events.values())


def test_export_table_needs_a_fitting_format(store_path: Path) -> None:
    done = run_kg("export", "--store", str(store_path), "--format", "csv")
    assert done.returncode != 0 and done.stderr.startswith("kg: ") and "Traceback" not in done.stderr
