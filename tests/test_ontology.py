"""ontology/: the ontology, the shapes and the JSON-LD context parse, load in an OWL tool and say what the data uses."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import owlready2
import pytest
import rdflib
from pyoxigraph import NamedNode, RdfFormat, Store, parse
from rdflib.namespace import OWL, RDF, RDFS

from kg import lexicon
from kg.iri import PREFIXES, Minter
from kg.model import EventKind, Role
from kg.rdf import ONTOLOGY_DIR, ORGANISATION_CLASS, PLACE_CLASS, article_quads, context, serialize
from tests.test_rdf import ask, meeting_article, sample_store, visit_article

ZW = rdflib.Namespace(PREFIXES["zw"])
ORG = rdflib.Namespace(PREFIXES["org"])
TTL = sorted(p for p in ONTOLOGY_DIR.iterdir() if p.name.endswith(".ttl"))
# The core vocabulary of ../shared/gold/FORMAT.md, which the scorer queries through.
CORE_CLASSES = {ZW.Article, ZW.Person, ZW.Policy}
CORE_PROPERTIES = {ZW.text, ZW.reportedIn, ZW.date, ZW.startDate, ZW.endDate, ZW.attended, ZW.presided, ZW.led,
                   ZW.spokeAt, ZW.accompanied, ZW.emphasised, ZW.mentionedIn}


@pytest.fixture(scope="module")
def onto() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY_DIR / "zhengwu.ttl", format="turtle")


def _terms(onto: rdflib.Graph) -> set[rdflib.URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual)
    return {s for kind in kinds for s in onto.subjects(RDF.type, kind) if str(s).startswith(str(ZW))}


@pytest.mark.parametrize("path", TTL, ids=lambda p: p.name)
def test_turtle_parses_the_same_in_rdflib_and_pyoxigraph(path: Path) -> None:
    in_rdflib = rdflib.Graph().parse(path, format="turtle")
    in_oxigraph = list(parse(path=str(path), format=RdfFormat.TURTLE))
    assert len(in_rdflib) == len(in_oxigraph) > 300


def test_header_has_version_and_licence(onto: rdflib.Graph) -> None:
    header = rdflib.URIRef("https://w3id.org/zhengwu/ontology")
    assert (header, RDF.type, OWL.Ontology) in onto
    assert onto.value(header, OWL.versionInfo) is not None
    assert onto.value(header, rdflib.URIRef(PREFIXES["dcterms"] + "license")) is not None


def test_every_term_has_chinese_and_english_labels_and_an_example(onto: rdflib.Graph) -> None:
    terms = _terms(onto)
    assert len(terms) > 90
    for term in terms:
        languages = {label.language for label in onto.objects(term, RDFS.label)}
        assert {"zh", "en"} <= languages, term
        comments = [str(c) for c in onto.objects(term, RDFS.comment)]
        assert any("Example" in c for c in comments), term


def test_the_core_vocabulary_is_declared(onto: rdflib.Graph) -> None:
    for cls in CORE_CLASSES:
        assert (cls, RDF.type, OWL.Class) in onto
    for prop in CORE_PROPERTIES:
        assert any((prop, RDF.type, kind) in onto for kind in (OWL.ObjectProperty, OWL.DatatypeProperty)), prop


def test_model_enums_are_classes_and_properties_of_the_ontology(onto: rdflib.Graph) -> None:
    for kind in EventKind:
        assert ZW.Event in set(onto.transitive_objects(ZW[kind.value], RDFS.subClassOf)), kind
    for role in Role:
        assert ZW.attended in set(onto.transitive_objects(ZW[role.value], RDFS.subPropertyOf)), role
    for name in ORGANISATION_CLASS:
        assert ORG.Organization in set(onto.transitive_objects(ZW[name], RDFS.subClassOf)), name
    for name in PLACE_CLASS:
        assert ZW.Place in set(onto.transitive_objects(ZW[name], RDFS.subClassOf)), name


def test_the_role_vocabulary_is_the_ontologys(onto: rdflib.Graph) -> None:
    """kg.model.Role is the one definition the code uses: the ontology has the same roles, no more, and
    each role's individual (Role.node) is the qualified form of its property."""
    prov = rdflib.Namespace(PREFIXES["prov"])
    properties = set(onto.transitive_subjects(RDFS.subPropertyOf, ZW.attended))
    assert properties == {ZW[role.value] for role in Role}
    individuals = set(onto.subjects(RDF.type, ZW.ParticipationRole))
    assert individuals == {ZW[role.node] for role in Role}
    for role in Role:
        assert (ZW[role.node], prov.unqualifiedForm, ZW[role.value]) in onto, role


def test_the_kinds_the_extractor_writes_are_classes_of_the_ontology(onto: rdflib.Graph) -> None:
    """The lexicons name the kinds the extractor assigns; each must reach a class (or be the base class)."""
    declared = {str(s)[len(str(ZW)):] for s in onto.subjects(RDF.type, OWL.Class) if str(s).startswith(str(ZW))}
    events = {row[1] for row in lexicon.table("event_triggers.tsv")}
    assert events and events <= {k.value for k in EventKind} <= declared
    orgs = {row[1] for row in lexicon.table("org_suffixes.tsv")} - {"Organisation", "Organization"}
    assert orgs and orgs <= set(ORGANISATION_CLASS)
    places = {row[1] for row in lexicon.table("place_suffixes.tsv")} - {"Place"}
    assert places and places <= set(PLACE_CLASS)


def test_aligned_to_the_standard_vocabularies(onto: rdflib.Graph) -> None:
    aligned = {str(o) for p in (RDFS.subClassOf, RDFS.subPropertyOf, OWL.equivalentClass, OWL.inverseOf)
               for s, o in onto.subject_objects(p) if str(s).startswith(str(ZW))}
    for prefix in ("schema", "foaf", "org", "sem", "prov", "skos", "dcterms"):
        assert any(iri.startswith(PREFIXES[prefix]) for iri in aligned), prefix


def test_everything_the_data_says_in_our_namespace_is_declared(onto: rdflib.Graph) -> None:
    declared = _terms(onto)
    quads = [q for x in (meeting_article(), visit_article()) for q in article_quads(x, Minter()).quads]
    used = {t.value for q in quads for t in (q.predicate, q.object)
            if isinstance(t, NamedNode) and t.value.startswith(str(ZW))}
    assert used and used <= {str(t) for t in declared}


def _owlready(tmp_path: Path, onto: rdflib.Graph) -> tuple[owlready2.World, owlready2.Ontology]:
    owl_file = tmp_path / "zhengwu.owl"
    onto.serialize(owl_file, format="xml")  # owlready2 reads RDF/XML
    world = owlready2.World()
    return world, world.get_ontology(owl_file.as_uri()).load()


def test_the_ontology_loads_in_owlready2(tmp_path: Path, onto: rdflib.Graph) -> None:
    world, loaded = _owlready(tmp_path, onto)
    assert loaded.base_iri == str(ZW)
    assert len(list(loaded.classes())) == len({s for s in onto.subjects(RDF.type, OWL.Class)
                                               if isinstance(s, rdflib.URIRef)})
    assert world[str(ZW.Meeting)] in world[str(ZW.StandingCommitteeMeeting)].is_a
    assert world[str(ZW.presided)].domain == [world[str(ZW.Person)]]


def test_hermit_finds_the_ontology_consistent(tmp_path: Path, onto: rdflib.Graph) -> None:
    assert shutil.which("java"), "HermiT, the OWL reasoner owlready2 runs, needs a Java runtime"
    world, loaded = _owlready(tmp_path, onto)
    with loaded:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    assert list(world.inconsistent_classes()) == []
    assert world[str(ORG.Organization)] in world[str(ZW.Bank)].ancestors()


# --- context.jsonld -----------------------------------------------------------------------------------
def test_context_terms_name_declared_or_standard_iris(onto: rdflib.Graph) -> None:
    ctx = context()
    prefixes = {k: v for k, v in ctx.items() if isinstance(v, str) and v.endswith(("#", "/")) and k[0] != "@"}
    assert ctx["@vocab"] == PREFIXES["zw"]  # a record's own keys (events_total …) are ours
    assert {k: PREFIXES[k] for k in prefixes} == prefixes
    declared = {str(t) for t in _terms(onto)}
    for term, definition in ctx.items():
        if term in prefixes or term.startswith("@") or str(definition).startswith("@"):  # keywords, aliases
            continue
        iri = definition if isinstance(definition, str) else definition["@id"]
        prefix, local = iri.split(":", 1)
        full = PREFIXES[prefix] + local
        assert prefix != "zw" or full in declared, term


def test_context_file_is_the_one_served() -> None:
    text = (ONTOLOGY_DIR / "context.jsonld").read_text(encoding="utf-8")
    assert json.loads(text)["@context"] == context()


def test_jsonld_output_loads_back_into_oxigraph() -> None:
    quads = article_quads(meeting_article(), Minter()).quads
    store = Store()
    store.load(serialize(quads, "jsonld"), format=RdfFormat.JSON_LD)
    assert set(store) == set(quads)


# --- README's example queries run ---------------------------------------------------------------------
README_QUERIES = re.findall(r"```sparql\n(.*?)```", (ONTOLOGY_DIR / "README.md").read_text(encoding="utf-8"), re.S)


def test_readme_has_three_queries() -> None:
    assert len(README_QUERIES) == 3


def test_readme_query_roles_with_evidence() -> None:
    rows = ask(sample_store(), README_QUERIES[0])
    assert ("王建国", "PresidingRole", "2024-04-09", "市委全面深化改革委员会会议", "市委书记王建国主持并讲话。") in rows
    assert ("陈立", "AccompanyingRole", "2023-12-28", "王建国带队赴海州考察", "副市长陈立陪同。") in rows
    assert not any(name == "习近平" for name, *_ in rows)  # mentioned, never took part


def test_readme_query_policies() -> None:
    rows = ask(sample_store(), README_QUERIES[1])
    assert rows == {("春风领航计划", "1", "王建国"), ("新质生产力", "1", "王建国"), ("产业合作", "1", "王建国")}


def test_readme_query_posts() -> None:
    rows = ask(sample_store(), README_QUERIES[2])
    assert ("王建国", "江城市委书记", "市委书记 / 书记", "中共江城市委", "2024-04-10") in rows or \
        ("王建国", "江城市委书记", "书记 / 市委书记", "中共江城市委", "2024-04-10") in rows
    assert ("陈立", "江城市副市长", "副市长", None, "2023-12-30") in rows
