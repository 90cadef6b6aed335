"""kg.export: the graph for Gephi, Cytoscape and Cytoscape.js, and full dumps, over the RDF stage's real output."""

from __future__ import annotations

import io
import json
from urllib.parse import quote

import networkx as nx
import pytest
from pyoxigraph import RdfFormat, parse

from kg.errors import BadInput
from kg.export import export, graph_view
from kg.iri import Minter
from kg.rdf import article_quads
from kg.store_api import KnowledgeStore as GraphStore
from kg.stores import open_store
from tests.conftest import run_kg
from tests.test_rdf import meeting_article, visit_article

ID = "https://w3id.org/zhengwu/id/"
WANG = ID + "person/江城/王建国"


@pytest.fixture(scope="module")
def store() -> GraphStore:
    store = open_store(":memory:")
    for extraction in (meeting_article(), visit_article()):
        graph = article_quads(extraction, Minter())
        store.replace_document(graph.document, {graph.graph: graph.quads})
    return store


def test_whole_graph_has_typed_labelled_nodes_and_role_edges(store: GraphStore) -> None:
    view = graph_view(store)
    kinds = {kind for kind, _ in view.nodes.values()}
    assert kinds == {"person", "event", "policy", "organisation", "place"}
    assert view.nodes[WANG] == ("person", "王建国")
    assert {p for (s, _), ps in view.edges.items() if s == WANG for p in ps} >= {"presided", "led", "spokeAt"}
    assert not any(iri.startswith(ID + "article/") and "/event/" not in iri for iri in view.nodes)  # no articles


def test_graphml_and_gexf_load_in_networkx_with_the_same_shape(store: GraphStore) -> None:
    graphml = nx.read_graphml(io.BytesIO(export(store, "graphml")))
    gexf = nx.read_gexf(io.BytesIO(export(store, "gexf")))
    assert graphml.number_of_nodes() == gexf.number_of_nodes() > 5
    assert graphml.number_of_edges() == gexf.number_of_edges() > 5
    labels = {data["label"] for _, _, data in graphml.out_edges(WANG, data=True)}
    assert {"presided", "led", "holds"} <= labels  # finest role per event, and the post's organisation
    assert "attended" not in labels  # attended is implied by the finer role, not drawn twice
    assert gexf.nodes[WANG]["kind"] == "person"


def test_cytoscape_elements(store: GraphStore) -> None:
    elements = json.loads(export(store, "cytoscape"))["elements"]
    ids = {n["data"]["id"] for n in elements["nodes"]}
    assert all(e["data"]["source"] in ids and e["data"]["target"] in ids for e in elements["edges"])
    assert len({e["data"]["id"] for e in elements["edges"]}) == len(elements["edges"])


def test_focus_and_depth(store: GraphStore) -> None:
    near = graph_view(store, WANG, 1)
    far = graph_view(store, WANG, 2)
    assert WANG in near.nodes and set(near.nodes) < set(far.nodes)
    assert {kind for kind, _ in near.nodes.values()} <= {"person", "event", "organisation"}
    with pytest.raises(BadInput):
        graph_view(store, ID + "person/nowhere/nobody", 1)
    with pytest.raises(BadInput):
        graph_view(store, WANG, 4)


def test_dumps_hold_every_quad(store: GraphStore) -> None:
    quads = list(parse(export(store, "nquads"), RdfFormat.N_QUADS))
    assert len(quads) == len(store)
    out = io.BytesIO()
    export(store, "turtle", out)
    assert list(parse(out.getvalue(), RdfFormat.TURTLE))
    with pytest.raises(BadInput):
        export(store, "svg")
    with pytest.raises(BadInput):
        export(store, "nquads", focus=WANG)


def test_drawings_carry_event_kinds_and_dates_and_the_post_behind_holds(store: GraphStore) -> None:
    graphml = nx.read_graphml(io.BytesIO(export(store, "graphml")))
    gexf = nx.read_gexf(io.BytesIO(export(store, "gexf")))
    events = [n for n, data in graphml.nodes(data=True) if data["kind"] == "event"]
    assert events
    for node in events:
        data = graphml.nodes[node]
        assert data["event_kind"] != "Event" or "Event" in data["event_kind"]
        assert data.get("date") or data.get("start_date"), f"{node} has no date"
        assert gexf.nodes[node]["event_kind"] == data["event_kind"]
    kinds = {graphml.nodes[n]["event_kind"] for n in events}
    assert len(kinds) >= 2  # the meeting and the visit keep their own kinds
    holds = [(s, o, d) for s, o, d in graphml.out_edges(WANG, data=True) if d["label"] == "holds"]
    assert holds and all(d.get("post") for _, _, d in holds)
    assert all(gexf.edges[s, o].get("post") == d["post"] for s, o, d in holds)


def test_organisations_and_places_nothing_links_to_are_left_out() -> None:
    store = open_store(":memory:")
    for extraction in (meeting_article(), visit_article()):
        graph = article_quads(extraction, Minter())
        store.replace_document(graph.document, {graph.graph: graph.quads})
    lone = ID + "org/无人提及的单位"
    store.update(f"""INSERT DATA {{ GRAPH <{ID}test/lone> {{ <{lone}> a <http://www.w3.org/ns/org#Organization> ;
                   <http://www.w3.org/2000/01/rdf-schema#label> "无人提及的单位" }} }}""")
    view = graph_view(store)
    linked = {x for pair in view.edges for x in pair}
    assert lone not in view.nodes
    assert all(iri in linked for iri, (kind, _) in view.nodes.items() if kind in ("organisation", "place"))
    assert {kind for kind, _ in view.nodes.values()} >= {"organisation", "place"}  # linked ones stay


@pytest.mark.parametrize("written", [f"<{WANG}>", f"  {WANG} ", quote(WANG, safe=":/")])
def test_focus_accepts_angle_brackets_and_percent_encoding(store: GraphStore, written: str) -> None:
    assert set(graph_view(store, written, 1).nodes) == set(graph_view(store, WANG, 1).nodes)


def test_cli_focus_with_angle_brackets_and_a_bad_focus(tmp_path, seeds) -> None:
    location = tmp_path / "store"
    assert run_kg("ingest", str(seeds), "--store", str(location)).returncode == 0
    du = "https://w3id.org/zhengwu/id/person/无锡/杜小刚"
    for written in (f"<{du}>", quote(du, safe=":/")):
        done = run_kg("export", "--format", "gexf", "--focus", written, "--store", str(location))
        assert done.returncode == 0 and "Traceback" not in done.stderr
        assert nx.read_gexf(io.BytesIO(done.stdout.encode())).has_node(du)
    bad = run_kg("export", "--format", "gexf", "--focus", "<杜小刚", "--store", str(location))
    assert bad.returncode != 0 and "Traceback" not in bad.stderr and bad.stderr.startswith("kg: ")
