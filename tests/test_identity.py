"""Identity across publications: one node per official whichever paper names them, namesakes apart,
every link written in the article's graph with its evidence."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, RdfFormat

from bench.corpus import generate
from kg import linking, pipeline
from kg.records import select
from kg.store_api import KnowledgeStore
from kg.stores import open_store
from tests.conftest import run_kg

BASE = "https://w3id.org/zhengwu/id/"
PERSONS = """
SELECT ?label (COUNT(DISTINCT ?p) AS ?nodes) (GROUP_CONCAT(DISTINCT STR(?p); separator=" ") AS ?iris)
WHERE { ?p a zw:Person ; rdfs:label ?label } GROUP BY ?label
"""
LINKS = """
SELECT DISTINCT ?article ?person ?basis ?jurisdiction ?sentence ?quote WHERE {
  ?link a zw:IdentityLink ; zw:entity ?person ; zw:identityBasis ?basis ; prov:wasDerivedFrom ?article .
  OPTIONAL { ?link zw:jurisdiction ?jurisdiction }
  OPTIONAL { ?link zw:evidence/zw:text ?sentence ; zw:quote ?quote }
}
"""


def _ingest(store: KnowledgeStore, folder: Path, name: str, text: str, source: str | None, day: str) -> None:
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    options = pipeline.Options(published=dt.date.fromisoformat(day), source=source)
    pipeline.ingest_files(store, [path], options)


def _query(store: KnowledgeStore, text: str) -> list[dict]:
    from kg.records import sparql  # the project's prefixes in front of an ad-hoc query

    header = sparql("labels").split("# The labels")[0]
    solutions = store.query(header + text)
    names = [v.value for v in solutions.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in solutions]


def _nodes(store: KnowledgeStore) -> dict[str, list[str]]:
    return {r["label"]: sorted(r["iris"].split()) for r in _query(store, PERSONS)}


@pytest.fixture()
def store() -> KnowledgeStore:
    return open_store(":memory:")


def test_a_city_official_reported_by_the_city_paper_and_the_provincial_paper_is_one_node(
        store: KnowledgeStore, tmp_path: Path) -> None:
    _ingest(store, tmp_path, "wx", "4月9日，市委书记杜小刚主持召开市委常委会会议，研究部署近期重点工作。",
            "无锡日报", "2024-04-09")
    _ingest(store, tmp_path, "js", "4月10日，省委常委、无锡市委书记杜小刚在南京出席全省工作会议并讲话。",
            "新华日报", "2024-04-10")
    assert _nodes(store)["杜小刚"] == [BASE + "person/无锡/杜小刚"]
    bases = {(r["article"].split("/")[6], r["basis"], r.get("jurisdiction")) for r in _query(store, LINKS)}
    assert bases == {("无锡日报", "unqualified-post", "无锡"), ("新华日报", "qualified-post", "无锡")}


def test_namesakes_governing_two_cities_stay_two_nodes(store: KnowledgeStore, tmp_path: Path) -> None:
    _ingest(store, tmp_path, "wx", "5月9日，市长王建华主持召开市政府常务会议，部署安全生产工作。", "无锡日报", "2024-05-09")
    _ingest(store, tmp_path, "sz", "5月9日，市长王建华主持召开市政府常务会议，研究城市更新工作。", "苏州日报", "2024-05-09")
    assert _nodes(store)["王建华"] == [BASE + "person/无锡/王建华", BASE + "person/苏州/王建华"]


def test_a_national_leader_is_one_node_across_national_provincial_and_city_papers(
        store: KnowledgeStore, tmp_path: Path) -> None:
    _ingest(store, tmp_path, "rm", "5月6日，中共中央政治局常委、国务院总理李强在北京主持召开国务院常务会议，研究推动高质量发展。",
            "人民日报", "2024-05-06")
    _ingest(store, tmp_path, "js", "5月8日，国务院总理李强在江苏调研。", "新华日报", "2024-05-08")
    _ingest(store, tmp_path, "wx", "5月8日，国务院总理李强来到无锡考察。", "无锡日报", "2024-05-08")
    assert _nodes(store)["李强"] == [BASE + "person/中国/李强"]
    assert {r["basis"] for r in _query(store, LINKS)} == {"national-post"}


def test_a_file_without_a_source_does_not_split_an_official(store: KnowledgeStore, tmp_path: Path) -> None:
    _ingest(store, tmp_path, "wx", "4月9日，市委书记杜小刚主持召开市委常委会会议，研究部署近期重点工作。",
            "无锡日报", "2024-04-09")
    _ingest(store, tmp_path, "bare", "4月12日，杜小刚来到惠山区调研企业发展情况。", None, "2024-04-12")
    assert _nodes(store)["杜小刚"] == [BASE + "person/无锡/杜小刚"]
    linked = [r for r in _query(store, LINKS) if r["basis"] == "linked-by-name"]
    assert len(linked) == 1 and linked[0]["jurisdiction"] == "无锡"
    assert "杜小刚" in linked[0]["sentence"]


def test_a_name_without_a_post_is_not_linked_to_an_official_attested_years_apart(
        store: KnowledgeStore, tmp_path: Path) -> None:
    _ingest(store, tmp_path, "wx", "4月9日，市委书记杜小刚主持召开市委常委会会议，研究部署近期重点工作。",
            "无锡日报", "2012-04-09")
    _ingest(store, tmp_path, "bare", "4月12日，杜小刚来到惠山区调研企业发展情况。", None, "2024-04-12")
    assert _nodes(store)["杜小刚"] == [BASE + "person/无锡/杜小刚", BASE + "person/杜小刚"]


def test_a_name_without_a_post_is_not_linked_when_two_officials_bear_it(store: KnowledgeStore, tmp_path: Path) -> None:
    _ingest(store, tmp_path, "wx", "5月9日，市长王建华主持召开市政府常务会议，部署安全生产工作。", "无锡日报", "2024-05-09")
    _ingest(store, tmp_path, "sz", "5月9日，市长王建华主持召开市政府常务会议，研究城市更新工作。", "苏州日报", "2024-05-09")
    _ingest(store, tmp_path, "bare", "5月10日，王建华来到园区企业调研。", None, "2024-05-10")
    assert _nodes(store)["王建华"] == [BASE + "person/无锡/王建华", BASE + "person/王建华", BASE + "person/苏州/王建华"]
    candidates = select(store, "officials_named", {"name": [Literal("王建华")]})
    assert {r["scope"] for r in candidates} == {"无锡", "苏州"}


def test_every_person_node_has_its_link_and_evidence_and_removing_the_article_removes_them(
        store: KnowledgeStore, tmp_path: Path) -> None:
    _ingest(store, tmp_path, "wx", "4月9日，市委书记杜小刚主持召开市委常委会会议。市长赵建军出席会议。",
            "无锡日报", "2024-04-09")
    links = _query(store, LINKS)
    assert {r["person"] for r in links} == {BASE + "person/无锡/杜小刚", BASE + "person/无锡/赵建军"}
    assert all(r["quote"] in r["sentence"] for r in links)
    documents = _query(store, "SELECT DISTINCT ?d WHERE { ?d a zw:Document }")
    store.remove_document(NamedNode(documents[0]["d"]))
    assert _query(store, LINKS) == []


def _cli_store(tmp_path: Path) -> Path:
    """A store on disk where 王伟 is 常州 副市长 in one paper and, later, 江苏省 official in another (a move
    no sentence states), and 王伟 without a post appears in a paper nobody knows."""
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "cz.txt").write_text("3月1日，副市长王伟主持召开全市安全生产工作会议。", encoding="utf-8")
    (folder / "js.txt").write_text("9月1日，江苏省副省长王伟出席全省安全生产工作会议并讲话。", encoding="utf-8")
    (folder / "manifest.tsv").write_text("document\tsource\tpublished\ncz.txt\t常州日报\t2024-03-01\n"
                                         "js.txt\t新华日报\t2024-09-01\n", encoding="utf-8")
    store = tmp_path / "store"
    assert run_kg("ingest", str(folder), "--store", str(store)).returncode == 0
    return store


def test_uncertain_identity_is_listed_merged_and_split_and_reingest_respects_it(tmp_path: Path) -> None:
    store = _cli_store(tmp_path)
    listed = run_kg("identity", "candidates", "--store", str(store))
    assert listed.returncode == 0, listed.stderr
    items = json.loads(listed.stdout)["items"]
    assert [(i["name"], sorted(n["jurisdiction"] for n in i["nodes"])) for i in items] == [("王伟", ["常州", "江苏"])]
    assert {n["first"] for n in items[0]["nodes"]} == {"2024-03-01", "2024-09-01"}

    merged = run_kg("merge", "江苏/王伟", "person/常州/王伟", "--store", str(store))
    assert merged.returncode == 0, merged.stderr
    after = open_store(store)
    assert _nodes(after)["王伟"] == [BASE + "person/江苏/王伟"]
    minted = _query(after, "SELECT ?old WHERE { ?l zw:mintedAs ?old ; zw:identityBasis 'curated-merge' }")
    assert minted == [{"old": BASE + "person/常州/王伟"}]
    del after
    assert json.loads(run_kg("identity", "candidates", "--store", str(store)).stdout)["items"] == []
    again = run_kg("ingest", str(tmp_path / "docs"), "--store", str(store))  # a re-ingest keeps the decision
    assert again.returncode == 0, again.stderr
    after = open_store(store)
    assert _nodes(after)["王伟"] == [BASE + "person/江苏/王伟"]
    del after

    split = run_kg("split", BASE + "person/常州/王伟", "--store", str(store))
    assert split.returncode == 0, split.stderr
    after = open_store(store)
    assert _nodes(after)["王伟"] == [BASE + "person/常州/王伟", BASE + "person/江苏/王伟"]
    del after
    assert json.loads(run_kg("identity", "candidates", "--store", str(store)).stdout)["items"] == []
    bad = run_kg("merge", "江苏/王伟", "常州/无此人", "--store", str(store))
    assert bad.returncode != 0 and bad.stderr.startswith("kg: ") and "Traceback" not in bad.stderr


# Three documents whose links depend on each other: B names 杜小刚 and 王伟 without posts, A places 杜小刚 in 无锡,
# C places 王伟 in 江苏; B is linked to both only once A and C are stored, whatever came first.
ORDER_DOCUMENTS = {
    "A": ("4月9日，市委书记杜小刚主持召开市委常委会会议，研究部署近期重点工作。", "无锡日报", "2024-04-09"),
    "B": ("4月12日，杜小刚来到惠山区调研企业发展情况。王伟陪同调研。", None, "2024-04-12"),
    "C": ("9月1日，江苏省副省长王伟出席全省安全生产工作会议并讲话。", "新华日报", "2024-09-01"),
}


def _order_ingest(store: KnowledgeStore, folder: Path, key: str) -> None:
    _ingest(store, folder, key, *ORDER_DOCUMENTS[key])


def _order_remove(store: KnowledgeStore, folder: Path, key: str) -> None:
    text, source, day = ORDER_DOCUMENTS[key]
    options = pipeline.Options(published=dt.date.fromisoformat(day), source=source)
    doc = pipeline.extract_file(folder / f"{key}.txt", options)
    removed, names = linking.remove_documents(store, doc.graphs)
    assert removed == 1
    linking.relink_names(store, names)


def _sorted_nquads(store: KnowledgeStore) -> list[str]:
    return sorted(store.dump(None, RdfFormat.N_QUADS).decode().splitlines())


def _store_after(folder: Path, steps: str) -> list[str]:
    """The store's quads after steps like "ABC-B+B" (a letter ingests, -X removes X)."""
    store = open_store(":memory:")
    removing = False
    for step in steps:
        if step in "-+":
            removing = step == "-"
            continue
        (_order_remove if removing else _order_ingest)(store, folder, step)
    return _sorted_nquads(store)


def test_the_links_of_post_less_names_do_not_depend_on_ingest_order_reingest_or_removal(tmp_path: Path) -> None:
    clean = _store_after(tmp_path, "ABC")
    store = open_store(":memory:")
    for key in "ABC":
        _order_ingest(store, tmp_path, key)
    links = [r for r in _query(store, LINKS) if r["basis"] == "linked-by-name"]
    assert sorted((r["person"], r["jurisdiction"]) for r in links) == [
        (BASE + "person/无锡/杜小刚", "无锡"), (BASE + "person/江苏/王伟", "江苏")]
    assert all(r["quote"] in r["sentence"] for r in links)
    assert _nodes(store)["王伟"] == [BASE + "person/江苏/王伟"]
    for steps in ("CBA", "BAC", "ABCA", "ABCB", "ABC-B+B", "ABC-A+A", "BB-B+CAB"):
        assert _store_after(tmp_path, steps) == clean, steps


def test_the_batch_linked_in_memory_gives_the_store_that_relinking_it_from_the_store_gives(tmp_path: Path) -> None:
    # One bulk batch: every name linked in memory before it is written; 3,000-quad batches: all but the last
    # relinked in the store; batches of 0: every document its own transaction, everything relinked in the store.
    corpus = tmp_path / "corpus"
    generate(corpus, articles=60, seed=5, identity=True)
    stores = {}
    for batch_quads in (10**9, 3000, 0):
        store = open_store(tmp_path / f"store-{batch_quads}")
        pipeline.ingest_files(store, [corpus], pipeline.Options(), batch_quads=batch_quads)
        stores[batch_quads] = _sorted_nquads(store)
        store.close()
    assert any("/identity/name/" in line for line in stores[0])  # names were linked at all
    assert stores[10**9] == stores[3000] == stores[0]


def test_removing_the_officials_article_undoes_the_link_to_it(tmp_path: Path) -> None:
    store = open_store(":memory:")
    for key in "ABC":
        _order_ingest(store, tmp_path, key)
    _order_remove(store, tmp_path, "A")
    assert _nodes(store)["杜小刚"] == [BASE + "person/杜小刚"]
    assert _sorted_nquads(store) == _store_after(tmp_path, "BC")


def test_with_linking_off_a_post_less_name_stays_as_its_article_keyed_it(store: KnowledgeStore, tmp_path: Path) -> None:
    for key in "AB":
        text, source, day = ORDER_DOCUMENTS[key]
        path = tmp_path / f"{key}.txt"
        path.write_text(text, encoding="utf-8")
        options = pipeline.Options(published=dt.date.fromisoformat(day), source=source, link_names=False)
        pipeline.ingest_files(store, [path], options)
    assert _nodes(store)["杜小刚"] == [BASE + "person/无锡/杜小刚", BASE + "person/杜小刚"]
    assert not [r for r in _query(store, LINKS) if r["basis"] == "linked-by-name"]


@pytest.mark.parametrize("text", [
    "5月10日，原无锡市副市长、现任苏州市副市长王晓东来到园区调研企业发展情况。",
    "5月10日，苏州市副市长王晓东（原无锡市副市长）出席全市安全生产工作会议并讲话。",
])
def test_a_move_the_text_states_keeps_one_person_keyed_where_they_are_now_holding_both_posts(
        store: KnowledgeStore, tmp_path: Path, text: str) -> None:
    _ingest(store, tmp_path, "move", text, "无锡日报", "2024-05-10")
    assert _nodes(store)["王晓东"] == [BASE + "person/苏州/王晓东"]
    held = _query(store, f"SELECT ?label ?day WHERE {{ ?h a zw:Holding ; prov:agent <{BASE}person/苏州/王晓东> ; "
                         "zw:post/skos:prefLabel ?label ; zw:heldOn ?day }")
    assert sorted((r["label"], r["day"]) for r in held) == [("无锡市副市长", "2024-05-10"), ("苏州市副市长", "2024-05-10")]


def test_a_move_within_one_city_keeps_the_new_post_and_the_old_one(store: KnowledgeStore, tmp_path: Path) -> None:
    _ingest(store, tmp_path, "move", "5月10日，原市委副书记、现任市长赵建军主持召开市政府常务会议。", "无锡日报", "2024-05-10")
    assert _nodes(store)["赵建军"] == [BASE + "person/无锡/赵建军"]
    posts = _query(store, f"SELECT ?label WHERE {{ <{BASE}person/无锡/赵建军> org:holds/skos:prefLabel ?label }}")
    assert sorted(r["label"] for r in posts) == ["无锡市委副书记", "无锡市长"]  # no post called 原市委副书记 or 现任市长
