"""Validation against ontology/shapes.ttl: good graphs conform, broken ones are reported readably."""

from __future__ import annotations

import re

import pyshacl
import pytest
import rdflib
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Store

from kg.errors import BadInput
from kg.iri import PREFIXES, Minter
from kg.rdf import article_quads, serialize
from kg.validate import _core_shapes, _sparql_violations, ontology_graph, shapes_graph, validate
from tests.conftest import run_kg
from tests.test_rdf import meeting_article, sample_store, visit_article

ZW = PREFIXES["zw"]
REPORTED_IN, ATTENDED, DATE = (NamedNode(ZW + n) for n in ("reportedIn", "attended", "date"))


def _quads() -> list[Quad]:
    return [q for x in (meeting_article(), visit_article()) for q in article_quads(x, Minter()).quads]


def _event(quads: list[Quad], nth: int = 0) -> Quad:
    return [q for q in quads if q.predicate == REPORTED_IN][nth]


def test_a_good_graph_conforms() -> None:
    assert validate(sample_store()) == []
    assert validate(serialize(_quads(), "nquads")) == []
    assert validate(serialize(_quads(), "turtle"), fmt="turtle") == []


def test_an_event_reported_in_two_articles_is_reported() -> None:
    quads = _quads()
    first, second = _event(quads, 0), _event(quads, 1)
    quads.append(Quad(first.subject, REPORTED_IN, second.object, first.graph_name))
    violations = validate(serialize(quads, "nquads"))
    assert [str(v) for v in violations] == [
        f"<{first.subject.value}> zw:reportedIn: an event is reported in exactly one article (zw:reportedIn)"]


def test_attended_without_a_qualified_participation_is_reported() -> None:
    quads = _quads()
    event = _event(quads, 1).subject  # the visit
    person = NamedNode("https://w3id.org/zhengwu/id/person/江城/李红梅")  # attended the meeting, not the visit
    quads.append(Quad(person, ATTENDED, event, quads[0].graph_name))
    violations = validate(serialize(quads, "nquads"))
    assert len(violations) == 1
    line = str(violations[0])
    assert line.startswith(f"<{person.value}>")
    assert f"zw:attended <{event.value}> is not backed by a zw:Participation with evidence" in line
    assert "\n" not in line


def test_a_date_as_a_plain_string_is_reported() -> None:
    quads = [q if q.predicate != DATE else Quad(q.subject, q.predicate, Literal(q.object.value), q.graph_name)
             for q in _quads()]
    violations = validate(serialize(quads, "nquads"))
    messages = {(v.path, v.message) for v in violations}
    assert ("zw:date", "zw:date must be an xsd:date") in messages
    assert all(str(v).startswith("<https://w3id.org/zhengwu/id/article/") for v in violations)


def test_a_role_without_attended_and_a_quote_off_its_span_are_reported() -> None:
    quads = [q for q in _quads() if not (q.predicate == ATTENDED and "陈立" in q.subject.value)]
    shifted = []
    for q in quads:  # move one quote one character to the right
        if q.predicate.value == ZW + "startOffset" and q.subject.value.endswith("participation/陈立/accompanied"):
            q = Quad(q.subject, q.predicate, Literal(int(q.object.value) + 1), q.graph_name)
        shifted.append(q)
    found = {v.message for v in validate(serialize(shifted, "nquads"))}
    assert any(m.startswith("zw:accompanied") and "needs zw:attended" in m for m in found)
    assert any("is not backed by" not in m and "quote \"陪同\" is not the span" in m for m in found)


def test_a_person_with_two_names_or_a_tagged_name_is_reported() -> None:
    quads = _quads()
    person = NamedNode("https://w3id.org/zhengwu/id/person/江城/陈立")
    label = NamedNode(PREFIXES["rdfs"] + "label")
    quads.append(Quad(person, label, Literal("陈 立"), quads[0].graph_name))
    found = [str(v) for v in validate(serialize(quads, "nquads"))]
    assert found == [f"<{person.value}> rdfs:label: a person has exactly one name (rdfs:label), the Chinese name "
                     "as written, a plain string"]
    tagged = [Quad(q.subject, q.predicate, Literal(q.object.value, language="zh"), q.graph_name)
              if q.subject == person and q.predicate == label else q for q in _quads()]
    assert [v.focus for v in validate(serialize(tagged, "nquads"))] == [f"<{person.value}>"]


def test_our_sparql_evaluation_agrees_with_pyshacl() -> None:
    """The one-pass SPARQL constraints give exactly pySHACL's results for them (slow path run once)."""
    quads = list(article_quads(visit_article(), Minter()).quads)
    event = _event(quads).subject
    graph = quads[0].graph_name
    quads += [Quad(NamedNode("https://w3id.org/zhengwu/id/person/江城/王建国"), NamedNode(ZW + "accompanied"), event,
                   graph),
              Quad(event, NamedNode(ZW + "startDate"), Literal("2024-01-02", datatype=NamedNode(PREFIXES["xsd"] + "date")),
                   graph)]
    store = Store()
    store.extend(quads)
    ours = {(v.focus, v.message) for v in _sparql_violations(store)}
    data = rdflib.Graph().parse(data=serialize(quads, "ntriples"), format="nt")
    conforms, results, _ = pyshacl.validate(data, shacl_graph=shapes_graph(), ont_graph=ontology_graph())
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    core = {(str(results.value(r, sh.focusNode)), str(results.value(r, sh.resultMessage)))
            for r in results.subjects(rdflib.RDF.type, sh.ValidationResult)
            if (results.value(r, sh.sourceConstraintComponent) == sh.SPARQLConstraintComponent)}
    assert not conforms and len(ours) == 2

    def expanded(text: str) -> str:  # our messages write vocabulary terms short and other IRIs in <>
        return re.sub(r"<(\S+?)>", r"\1", text).replace("zw:", ZW)

    assert {(expanded(f), expanded(m)) for f, m in ours} == {(f, m.replace("zw:", ZW)) for f, m in core}


def test_core_shapes_leave_out_only_the_sparql_constraints() -> None:
    sh_sparql = rdflib.URIRef("http://www.w3.org/ns/shacl#sparql")
    assert len(shapes_graph()) - len(_core_shapes()) == len(list(shapes_graph().triples((None, sh_sparql, None))))


def test_a_file_path_is_read_by_its_extension(tmp_path) -> None:
    path = tmp_path / "data.trig"
    path.write_bytes(serialize(_quads(), "trig"))
    assert validate(path) == []


def test_malformed_rdf_is_bad_input_naming_the_file(tmp_path) -> None:
    path = tmp_path / "broken.nq"
    path.write_text("<http://a> <http://b> .\n", encoding="utf-8")
    with pytest.raises(BadInput, match="broken.nq: not valid"):
        validate(path)
    with pytest.raises(BadInput, match="unknown RDF format"):
        validate(b"", fmt="rdfa")


def test_an_empty_graph_conforms() -> None:
    assert validate(b"") == []


def test_kg_validate_prints_violations_one_per_line(tmp_path) -> None:
    bad = tmp_path / "bad.nq"
    quads = _quads()
    first, second = _event(quads, 0), _event(quads, 1)
    bad.write_bytes(serialize([*quads, Quad(first.subject, REPORTED_IN, second.object, first.graph_name)], "nquads"))
    done = run_kg("validate", str(bad))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stdout.splitlines() == [
        f"<{first.subject.value}> zw:reportedIn: an event is reported in exactly one article (zw:reportedIn)"]


def test_store_input_sees_every_graph() -> None:
    store = sample_store()
    event = next(iter(store.quads_for_pattern(None, DATE, None))).subject
    store.add(Quad(event, DATE, Literal("昨天"), NamedNode("https://w3id.org/zhengwu/id/graph/other")))
    messages = {v.message for v in validate(store)}
    assert {"zw:date must be an xsd:date", "an event has at most one zw:date"} <= messages


@pytest.mark.slow
def test_kg_extract_output_of_both_seeds_conforms(seeds) -> None:
    done = run_kg("extract", str(seeds), "--format", "nquads")  # source and issue dates from seeds/manifest.tsv
    assert done.returncode == 0, done.stderr
    store = Store()
    store.load(done.stdout.encode(), format=RdfFormat.N_QUADS)
    assert len(list(store.named_graphs())) >= 5
    assert [str(v) for v in validate(store)] == []
