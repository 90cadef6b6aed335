"""The RDF stage: hand-built extractions become quads the core vocabulary answers through.

The extractions here are built by hand (this is a unit test of the RDF stage,
not of the extractor), from invented articles of an invented paper, with every
offset computed from the text so evidence spans are real.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

import pytest
from pyoxigraph import Literal, NamedNode, RdfFormat, Store, parse

from kg.errors import BadInput
from kg.formats import RDF_FORMATS
from kg.iri import PREFIXES, Minter
from kg.model import (
    Article,
    DateRange,
    Emphasis,
    Event,
    EventKind,
    Extraction,
    Holding,
    Mention,
    Organisation,
    Participation,
    Person,
    Place,
    Post,
    Role,
    Sentence,
)
from kg.rdf import article_quads, context, serialize
from tests.conftest import REPO

SOURCE = "江城日报"
SPARQL_PREFIXES = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())


class _Text:
    """An article body cut into sentences at 。, with helpers that find spans in it."""

    def __init__(self, body: str) -> None:
        self.body = body
        self.sentences: list[Sentence] = []
        start = 0
        for i, ch in enumerate(body):
            if ch == "。":
                self.sentences.append(Sentence(body[start:i + 1], start, i + 1))
                start = i + 1

    def mention(self, text: str, nth: int = 0) -> Mention:
        at = -1
        for _ in range(nth + 1):
            at = self.body.index(text, at + 1)
        sentence = next(i for i, s in enumerate(self.sentences) if s.start <= at < s.end)
        return Mention(text, at, at + len(text), sentence)


def meeting_article(doc_id: str = "page-01", issued: dt.date = dt.date(2024, 4, 10)) -> Extraction:
    t = _Text("4月9日，市委全面深化改革委员会会议召开。市委书记王建国主持并讲话。市领导李红梅、市政府秘书长赵文出席会议。"
              "会议强调，深入实施“春风领航”计划，加快发展新质生产力。习近平总书记的重要论述要学深悟透。")
    article = Article(doc_id=doc_id, index=1, body=t.body, sentences=tuple(t.sentences),
                      title="市委全面深化改革委员会召开会议", dateline="本报讯", reporters=("周记者", "吴记者"),
                      issued=issued, source=SOURCE, body_offset=12, metadata=(("channel", "要闻"),))
    persons = tuple(Person(n, "江城", (t.mention(n),)) for n in ("王建国", "李红梅", "赵文", "习近平"))
    event = Event(
        kind=EventKind.MEETING, label="市委全面深化改革委员会会议", evidence=t.mention("会议召开"),
        date=DateRange(dt.date(2024, 4, 9), dt.date(2024, 4, 9)),
        participations=(
            Participation("王建国", Role.PRESIDED, t.mention("主持")),
            Participation("王建国", Role.SPOKE, t.mention("讲话")),
            Participation("李红梅", Role.ATTENDED, t.mention("出席")),
            Participation("赵文", Role.ATTENDED, t.mention("出席")),
        ),
        emphases=(Emphasis("春风领航计划", t.mention("“春风领航”计划")), Emphasis("新质生产力", t.mention("新质生产力"))),
    )
    holdings = (
        Holding("王建国", Post("市委书记", "江城市委书记", "中共江城市委"), t.mention("市委书记")),
        Holding("赵文", Post("市政府秘书长", "江城市政府秘书长", "江城市人民政府"), t.mention("市政府秘书长")),
        Holding("习近平", Post("总书记", "中共中央总书记", "中共中央"), t.mention("总书记")),
    )
    orgs = (Organisation("中共江城市委", "PartyCommittee"), Organisation("江城市人民政府", "GovernmentBody"))
    return Extraction(article=article, persons=persons, holdings=holdings, events=(event,), organisations=orgs,
                      policy_variants=(("春风领航计划", "春风领航"),))


def visit_article() -> Extraction:
    t = _Text("12月28日—29日，市委书记王建国带队赴海州考察，拜访远航集团。副市长陈立陪同。王建国强调，要推进产业合作。")
    article = Article(doc_id="page-02", index=1, body=t.body, sentences=tuple(t.sentences),
                      reporters=("周记者",), issued=dt.date(2023, 12, 30), source=SOURCE, body_offset=0,
                      url="https://example.org/news/1")
    persons = (Person("王建国", "江城", (t.mention("王建国"), t.mention("王建国", 1))),
               Person("陈立", "江城", (t.mention("陈立"),)))
    event = Event(
        kind=EventKind.VISIT, label="王建国带队赴海州考察", evidence=t.mention("考察"),
        date=DateRange(dt.date(2023, 12, 28), dt.date(2023, 12, 29)), places=("海州", "远航集团"),
        participations=(Participation("王建国", Role.LED, t.mention("带队")),
                        Participation("王建国", Role.SPOKE, t.mention("强调")),
                        Participation("陈立", Role.ACCOMPANIED, t.mention("陪同"))),
        emphases=(Emphasis("产业合作", t.mention("产业合作")),),
    )
    holdings = (Holding("王建国", Post("书记", "江城市委书记"), t.mention("市委书记")),
                Holding("陈立", Post("副市长", "江城市副市长"), t.mention("副市长")))
    return Extraction(article=article, persons=persons, holdings=holdings, events=(event,),
                      organisations=(Organisation("远航集团", "Company", (t.mention("远航集团"),)),),
                      places=(Place("海州", "City", (t.mention("海州"),)),))


def sample_store(*extractions: Extraction) -> Store:
    store = Store()
    minter = Minter()
    for x in extractions or (meeting_article(), visit_article()):
        store.extend(article_quads(x, minter).quads)
    return store


def ask(store: Store, sparql: str) -> set[tuple]:
    rows = store.query(SPARQL_PREFIXES + sparql, use_default_graph_as_union=True)
    return {tuple(None if t is None else t.value for t in row) for row in rows}


@pytest.fixture(scope="module")
def store() -> Store:
    return sample_store()


# --- the core vocabulary of FORMAT.md ------------------------------------------------------
def test_article_metadata(store: Store) -> None:
    rows = ask(store, "SELECT ?title ?date ?reporter { ?a a zw:Article ; zw:text ?body ; dcterms:title ?title ;"
                      " dcterms:issued ?date ; dcterms:creator ?r . ?r rdfs:label ?reporter }")
    assert rows == {("市委全面深化改革委员会召开会议", "2024-04-10", "周记者"),
                    ("市委全面深化改革委员会召开会议", "2024-04-10", "吴记者")}
    # an article with no printed headline gets none invented
    assert ask(store, "SELECT ?a { ?a a zw:Article FILTER NOT EXISTS { ?a dcterms:title ?t } }") != set()


def test_reporters_are_not_persons_of_the_body(store: Store) -> None:
    persons = {n for (n,) in ask(store, "SELECT ?n { ?p a zw:Person ; rdfs:label ?n }")}
    assert persons == {"王建国", "李红梅", "赵文", "习近平", "陈立"}
    assert ask(store, "SELECT ?r { ?a dcterms:creator ?r . ?r a zw:Journalist }") != set()


def test_dates_are_typed_and_ranges_use_start_and_end(store: Store) -> None:
    rows = ask(store, "SELECT ?d ?s ?e { ?ev zw:reportedIn ?a . OPTIONAL { ?ev zw:date ?d }"
                      " OPTIONAL { ?ev zw:startDate ?s } OPTIONAL { ?ev zw:endDate ?e } }")
    assert rows == {("2024-04-09", None, None), (None, "2023-12-28", "2023-12-29")}
    untyped = ask(store, "SELECT ?d { ?x zw:date|zw:startDate|zw:endDate|dcterms:issued|zw:heldOn ?d"
                         " FILTER(DATATYPE(?d) != xsd:date) }")
    assert untyped == set()


def test_one_person_node_across_articles(store: Store) -> None:
    rows = ask(store, "SELECT ?p (COUNT(DISTINCT ?a) AS ?n) { ?p rdfs:label '王建国' ; zw:mentionedIn ?a } GROUP BY ?p")
    assert rows == {("https://w3id.org/zhengwu/id/person/江城/王建国", "2")}


def test_every_role_is_also_attended(store: Store) -> None:
    roles = ask(store, """SELECT ?n ?role { ?p ?prop ?e ; rdfs:label ?n . ?e zw:reportedIn ?a .
        VALUES ?prop { zw:presided zw:led zw:spokeAt zw:accompanied } BIND(STRAFTER(STR(?prop), "#") AS ?role) }""")
    assert roles == {("王建国", "presided"), ("王建国", "spokeAt"), ("王建国", "led"), ("陈立", "accompanied")}
    attended = ask(store, "SELECT ?n { ?p zw:attended ?e ; rdfs:label ?n }")
    assert attended == {("王建国",), ("李红梅",), ("赵文",), ("陈立",)}
    # mentioned only, never attended
    assert ("习近平",) not in attended
    assert ask(store, "SELECT ?a { ?p rdfs:label '习近平' ; zw:mentionedIn ?a }") != set()


def test_posts_keep_the_title_as_written_and_the_canonical_apart(store: Store) -> None:
    rows = ask(store, "SELECT ?n ?t { ?p a zw:Person ; rdfs:label ?n ; org:holds ?post . ?post rdfs:label ?t }")
    # two articles write the same post two ways: the post node gets both spellings
    assert rows == {("王建国", "市委书记"), ("王建国", "书记"), ("赵文", "市政府秘书长"), ("习近平", "总书记"),
                    ("陈立", "副市长")}
    canon = ask(store, "SELECT ?c ?org { ?p rdfs:label '王建国' ; org:holds ?post . ?post skos:prefLabel ?c ;"
                       " org:postIn/rdfs:label ?org }")
    assert canon == {("江城市委书记", "中共江城市委")}
    assert ask(store, "SELECT ?l { ?post a org:Post ; rdfs:label ?l FILTER(?l = '江城市委书记') }") == set()


def test_policies_are_concepts_with_canonical_and_variant_labels(store: Store) -> None:
    rows = ask(store, "SELECT ?l { ?e zw:emphasised ?p . ?p a zw:Policy, skos:Concept ; rdfs:label ?l ;"
                      " skos:prefLabel ?l ; skos:inScheme ?s . ?s a skos:ConceptScheme }")
    assert rows == {("春风领航计划",), ("新质生产力",), ("产业合作",)}
    alt = ask(store, "SELECT ?alt { ?p rdfs:label '春风领航计划' ; skos:altLabel ?alt }")
    assert alt == {("“春风领航”计划",), ("春风领航",)}
    assert ask(store, "SELECT ?alt { ?p rdfs:label '新质生产力' ; skos:altLabel ?alt }") == set()


def test_events_are_typed_by_kind_and_placed(store: Store) -> None:
    kinds = ask(store, "SELECT ?k { ?e zw:reportedIn ?a ; a ?k }")
    assert {k.split("#")[1] for (k,) in kinds} == {"Event", "Meeting", "Visit"}
    places = ask(store, "SELECT ?l ?type { ?e zw:location ?p . ?p rdfs:label ?l ; a ?type }")
    assert ("海州", PREFIXES["zw"] + "City") in places
    assert ("远航集团", PREFIXES["zw"] + "Company") in places  # an organisation visited


# --- provenance: every fact to its article and sentence ------------------------------------
def test_participation_is_qualified_with_its_evidence(store: Store) -> None:
    rows = ask(store, """SELECT ?sentence ?quote ?s ?e { ?q a zw:Participation ; prov:agent ?p ; zw:event ?ev ;
        prov:hadRole zw:PresidingRole ; prov:wasDerivedFrom ?a ; zw:evidence ?sn ; zw:quote ?quote ;
        zw:startOffset ?s ; zw:endOffset ?e . ?sn zw:text ?sentence ; dcterms:isPartOf ?a .
        ?p rdfs:label '王建国' . ?ev zw:reportedIn ?a }""")
    assert rows == {("市委书记王建国主持并讲话。", "主持", "28", "30")}


def test_every_shortcut_is_backed_by_a_qualified_node(store: Store) -> None:
    unbacked = ask(store, """SELECT ?p ?prop ?e {
        ?p ?prop ?e . VALUES (?prop ?role) { (zw:presided zw:PresidingRole) (zw:led zw:LeadingRole)
            (zw:spokeAt zw:SpeakingRole) (zw:accompanied zw:AccompanyingRole) }
        FILTER NOT EXISTS { ?q prov:agent ?p ; zw:event ?e ; prov:hadRole ?role ; zw:evidence ?s } }""")
    assert unbacked == set()
    unbacked = ask(store, "SELECT ?e ?p { ?e zw:emphasised ?p FILTER NOT EXISTS { ?q zw:event ?e ; zw:policy ?p } }")
    assert unbacked == set()
    unbacked = ask(store, "SELECT ?p ?post { ?p org:holds ?post FILTER NOT EXISTS { ?q prov:agent ?p ; zw:post ?post"
                          " ; zw:heldOn ?d } }")
    assert unbacked == set()


def test_quotes_are_the_spans_of_the_body(store: Store) -> None:
    rows = ask(store, """SELECT ?quote ?span { ?q zw:quote ?quote ; zw:startOffset ?s ; zw:endOffset ?e ;
        prov:wasDerivedFrom ?a . ?a zw:text ?body BIND(SUBSTR(?body, ?s + 1, ?e - ?s) AS ?span) }""")
    assert rows and all(quote == span for quote, span in rows)


def test_every_quad_is_in_the_article_graph_and_says_which_document() -> None:
    minter = Minter()
    graph = article_quads(meeting_article(), minter)
    assert graph.graph == minter.graph(graph.article)
    assert {q.graph_name for q in graph.quads} == {graph.graph}
    assert any(q.subject == graph.article and q.predicate.value.endswith("isPartOf") and q.object == graph.document
               for q in graph.quads)


def test_same_input_gives_same_quads_and_no_duplicates() -> None:
    first = article_quads(meeting_article(), Minter()).quads
    again = article_quads(meeting_article(), Minter()).quads
    assert first == again
    assert len(set(first)) == len(first)


def test_base_is_configurable() -> None:
    graph = article_quads(meeting_article(), Minter("http://example.org/kg"))
    iris = {t.value for q in graph.quads for t in (q.subject, q.object, q.graph_name) if isinstance(t, NamedNode)}
    minted = {i for i in iris if "w3id.org/zhengwu/id" in i}
    assert minted == set()
    assert graph.article.value.startswith("http://example.org/kg/article/")


def test_a_fact_about_a_person_not_listed_still_types_the_person() -> None:
    x = meeting_article()
    store = sample_store(Extraction(article=x.article, events=x.events))
    assert ask(store, "SELECT ?n { ?p zw:attended ?e ; a zw:Person ; rdfs:label ?n ; zw:mentionedIn ?a }") == {
        ("王建国",), ("李红梅",), ("赵文",)}


def test_an_article_with_nothing_extracted_is_still_an_article() -> None:
    article = Article(doc_id="empty", index=1, body="近日，天气晴好。")
    graph = article_quads(Extraction(article=article), Minter())
    store = sample_store(Extraction(article=article))
    assert ask(store, "SELECT ?a { ?a a zw:Article ; zw:text '近日，天气晴好。' }") == {(graph.article.value,)}
    assert ask(store, "SELECT ?e { ?e zw:reportedIn ?a }") == set()


# --- serialisation ---------------------------------------------------------------------------
@pytest.mark.parametrize("fmt, rdf_format", RDF_FORMATS.items())  # every name `kg extract --format` takes
def test_every_format_round_trips(fmt: str, rdf_format: RdfFormat) -> None:
    quads = [q for x in (meeting_article(), visit_article()) for q in article_quads(x, Minter()).quads]
    data = serialize(quads, fmt)
    back = list(parse(data, format=rdf_format))
    if rdf_format.supports_datasets:
        assert set(back) == set(quads)
    else:  # graphs merged: the same triples, once each
        assert {q.triple for q in back} == {q.triple for q in quads}
        assert len(back) == len({q.triple for q in quads}) < len(quads)


def test_turtle_is_readable() -> None:
    text = serialize(article_quads(meeting_article(), Minter()).quads, "turtle").decode()
    assert "@prefix zw: <https://w3id.org/zhengwu/ontology#>" in text
    assert "<person/江城/王建国>" in text and "zw:presided" in text


def test_jsonld_reads_like_plain_json() -> None:
    doc = json.loads(serialize(article_quads(meeting_article(), Minter()).quads, "jsonld"))
    assert doc["@context"] == context()
    assert [g["id"] for g in doc["@graph"]] == [article_quads(meeting_article(), Minter()).graph.value]
    nodes = [n for g in doc["@graph"] for n in g["@graph"]]
    person = next(n for n in nodes if n.get("label") == "王建国")
    assert person["type"] == "Person" and person["scope"] == "江城"
    event = next(n for n in nodes if "reportedIn" in n)
    assert event["date"] == "2024-04-09" and set(event["type"]) == {"Event", "Meeting"}
    role = next(n for n in nodes if n.get("type") == "Participation" and n.get("role") == "PresidingRole")
    assert role["quote"] == "主持" and role["start"] == 28 and role["end"] == 30


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown RDF format"):
        serialize([], "n3")


def test_a_url_that_is_no_iri_is_kept_as_a_literal() -> None:
    x = visit_article()
    bad = Extraction(article=Article(**{**x.article.__dict__, "url": "not a url"}))
    quads = article_quads(bad, Minter()).quads
    assert any(q.object == Literal("not a url", datatype=NamedNode(PREFIXES["xsd"] + "anyURI")) for q in quads)


def test_text_rdf_cannot_hold_is_bad_input_naming_the_document() -> None:
    article = Article(doc_id="broken", index=2, body="坏\udc80字", path="in/broken.txt")
    with pytest.raises(BadInput, match=r"in/broken.txt: article 2 cannot be written as RDF"):
        article_quads(Extraction(article=article), Minter())


def test_quads_are_the_same_in_another_process_with_another_hash_seed() -> None:
    code = ("import sys; from kg.iri import Minter; from kg.rdf import article_quads, serialize; "
            "from tests.test_rdf import meeting_article, visit_article; "
            "sys.stdout.buffer.write(serialize([q for x in (meeting_article(), visit_article()) "
            "for q in article_quads(x, Minter()).quads], 'nquads'))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=REPO, timeout=120,
                          env={**os.environ, "PYTHONHASHSEED": "12345"})
    assert done.returncode == 0, done.stderr.decode()
    here = serialize([q for x in (meeting_article(), visit_article()) for q in article_quads(x, Minter()).quads],
                     "nquads")
    assert done.stdout == here
