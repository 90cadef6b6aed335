"""The graph for visualisation tools and dumps: Cytoscape.js JSON, GraphML, GEXF, N-Quads, Turtle.

The drawable graph keeps the nodes a reader cares about — persons, events,
policies, organisations, places — typed and labelled, and the links between
them, labelled by the property that makes them (a person's edge to an event is
labelled with the finest role taken: presided, led, spokeAt, accompanied,
attended). A person is linked to the organisation of a post they hold.
`focus` and `depth` cut out the neighbourhood of one node; without a focus the
whole store is drawn. GraphML and GEXF load in Gephi, Cytoscape and networkx;
the JSON is Cytoscape.js `elements` (also read by Cytoscape desktop as .cyjs).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import BinaryIO
from xml.etree import ElementTree as ET

from pyoxigraph import NamedNode, RdfFormat, serialize

from kg.errors import BadInput
from kg.iri import ORG, PREFIXES, RDFS, ZW
from kg.store_api import KnowledgeStore

FORMATS = ("cytoscape", "graphml", "gexf", "nquads", "turtle")
DRAWN = ("cytoscape", "graphml", "gexf")
KINDS = {ZW + "Person": "person", ZW + "Event": "event", ZW + "Policy": "policy",
         ORG + "Organization": "organisation", ZW + "Place": "place"}
ROLE_ORDER = ("presided", "led", "spokeAt", "accompanied", "attended")
MAX_NODES = 20_000  # a focused view stops growing here, so depth 3 around a hub stays drawable

_KIND_VALUES = " ".join(f'(<{cls}> "{kind}")' for cls, kind in KINDS.items())
_NODES = f"""
SELECT ?node ?kind (SAMPLE(?l) AS ?label) WHERE {{
  VALUES (?class ?kind) {{ {_KIND_VALUES} }}
  ?node a ?class . OPTIONAL {{ ?node <{RDFS}label> ?l }}
}} GROUP BY ?node ?kind
"""
_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_HOLDS, _VIA_POST = f"<{ORG}holds>", f"<{ORG}holds>/<{ORG}postIn>"
# Links between IRIs, plus person → organisation through a post they hold.
_LINKS = f"""
SELECT DISTINCT ?s ?p ?o WHERE {{
  {{ ?s ?p ?o FILTER(isIRI(?o) && ?p != {_TYPE}) }} UNION {{ ?s {_VIA_POST} ?o BIND({_HOLDS} AS ?p) }}
}}
"""
# The same, for the links that touch the nodes in ?n (bound by a VALUES block put in at `#VALUES`).
_LINKS_AROUND = f"""
SELECT DISTINCT ?s ?p ?o WHERE {{
  #VALUES
  {{ ?n ?p ?o BIND(?n AS ?s) FILTER(isIRI(?o) && ?p != {_TYPE}) }} UNION {{ ?s ?p ?n BIND(?n AS ?o) }}
  UNION {{ ?n {_VIA_POST} ?o BIND(?n AS ?s) BIND({_HOLDS} AS ?p) }}
  UNION {{ ?s {_VIA_POST} ?n BIND(?n AS ?o) BIND({_HOLDS} AS ?p) }}
}}
"""


@dataclass
class GraphView:
    nodes: dict[str, tuple[str, str]] = field(default_factory=dict)  # iri → (kind, label)
    edges: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # (source, target) → property names


def _local(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


def _values(name: str, iris: Iterable[str]) -> str:
    return f"VALUES ?{name} {{ {' '.join(str(NamedNode(i)) for i in iris)} }}"


def _kinds(store: KnowledgeStore, iris: Iterable[str] | None = None) -> dict[str, tuple[str, str]]:
    query = _NODES if iris is None else _NODES.replace("WHERE {", "WHERE { " + _values("node", iris), 1)
    kinds: dict[str, tuple[str, str]] = {}
    for row in store.query(query):  # type: ignore[union-attr]
        iri = row["node"].value
        if iri not in kinds or row["kind"].value != "event":  # an event is only that; others may be typed twice
            kinds[iri] = (row["kind"].value, row["label"].value if row["label"] else _local(iri))
    return kinds


def _links(store: KnowledgeStore, around: Iterable[str] | None = None) -> list[tuple[str, str, str]]:
    query = _LINKS if around is None else _LINKS_AROUND.replace("#VALUES", _values("n", around))
    return [(r["s"].value, _local(r["p"].value), r["o"].value) for r in store.query(query)]  # type: ignore[union-attr]


def graph_view(store: KnowledgeStore, focus: str | None = None, depth: int = 1) -> GraphView:
    """The drawable graph: everything, or the nodes within `depth` links of `focus`."""
    view = GraphView()
    if focus is None:
        view.nodes = _kinds(store)
        links = _links(store)
    else:
        if not 1 <= depth <= 3:
            raise BadInput(f"depth must be 1, 2 or 3, not {depth}")
        view.nodes = _kinds(store, [focus])
        if not view.nodes:
            raise BadInput(f"{focus} is not a person, event, policy, organisation or place in the store")
        frontier, links = {focus}, []
        for _ in range(depth):
            found = _links(store, frontier)
            links += found
            fresh = {x for s, _, o in found for x in (s, o)} - view.nodes.keys()
            new = _kinds(store, fresh) if fresh else {}
            new = dict(list(new.items())[: max(0, MAX_NODES - len(view.nodes))])
            view.nodes.update(new)
            frontier = set(new)
            if not frontier:
                break
    for s, p, o in links:
        if s in view.nodes and o in view.nodes and s != o:
            view.edges.setdefault((s, o), set()).add(p)
    return view


def edge_label(properties: set[str]) -> str:
    """The finest role among a person's links to an event, else the properties joined.

    >>> edge_label({"attended", "presided", "spokeAt"})
    'presided'
    >>> edge_label({"emphasised"})
    'emphasised'
    """
    roles = [r for r in ROLE_ORDER if r in properties]
    return roles[0] if roles else ",".join(sorted(properties))


def to_cytoscape(view: GraphView) -> bytes:
    nodes = [{"data": {"id": iri, "label": label, "kind": kind}} for iri, (kind, label) in view.nodes.items()]
    edges = [{"data": {"id": f"e{n}", "source": s, "target": o, "label": edge_label(ps),
                       "properties": sorted(ps)}}
             for n, ((s, o), ps) in enumerate(view.edges.items())]
    return json.dumps({"elements": {"nodes": nodes, "edges": edges}}, ensure_ascii=False).encode()


def to_graphml(view: GraphView) -> bytes:
    ns = "http://graphml.graphdrawing.org/xmlns"
    root = ET.Element("graphml", xmlns=ns)
    for key, target in (("label", "node"), ("kind", "node"), ("elabel", "edge")):
        name = "label" if key == "elabel" else key
        ET.SubElement(root, "key", {"id": key, "for": target, "attr.name": name, "attr.type": "string"})
    graph = ET.SubElement(root, "graph", id="zhengwu-kg", edgedefault="directed")
    for iri, (kind, label) in view.nodes.items():
        node = ET.SubElement(graph, "node", id=iri)
        ET.SubElement(node, "data", key="label").text = label
        ET.SubElement(node, "data", key="kind").text = kind
    for n, ((s, o), ps) in enumerate(view.edges.items()):
        edge = ET.SubElement(graph, "edge", id=f"e{n}", source=s, target=o)
        ET.SubElement(edge, "data", key="elabel").text = edge_label(ps)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def to_gexf(view: GraphView) -> bytes:
    root = ET.Element("gexf", xmlns="http://gexf.net/1.3", version="1.3")
    graph = ET.SubElement(root, "graph", defaultedgetype="directed", mode="static")
    attributes = ET.SubElement(graph, "attributes", {"class": "node"})
    ET.SubElement(attributes, "attribute", id="kind", title="kind", type="string")
    nodes, edges = ET.SubElement(graph, "nodes"), ET.SubElement(graph, "edges")
    for iri, (kind, label) in view.nodes.items():
        node = ET.SubElement(nodes, "node", id=iri, label=label)
        ET.SubElement(ET.SubElement(node, "attvalues"), "attvalue", {"for": "kind", "value": kind})
    for n, ((s, o), ps) in enumerate(view.edges.items()):
        ET.SubElement(edges, "edge", id=f"e{n}", source=s, target=o, label=edge_label(ps))
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


_DRAW = {"cytoscape": to_cytoscape, "graphml": to_graphml, "gexf": to_gexf}


def export(store: KnowledgeStore, fmt: str, output: BinaryIO | None = None, *,
           focus: str | None = None, depth: int = 1) -> bytes | None:
    """The store as `fmt` (one of FORMATS), written to `output`, or returned as bytes without one.

    nquads and turtle dump every quad (turtle: the union of all graphs as one graph); they take no focus.
    """
    if fmt not in FORMATS:
        raise BadInput(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt in DRAWN:
        data = _DRAW[fmt](graph_view(store, focus, depth))
    elif focus is not None:
        raise BadInput(f"--focus works with {', '.join(DRAWN)}; {fmt} dumps the whole store")
    elif fmt == "nquads":
        return store.dump(output, RdfFormat.N_QUADS)
    else:
        triples = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
        return serialize(triples, output, RdfFormat.TURTLE, prefixes=PREFIXES)  # type: ignore[arg-type]
    if output is None:
        return data
    output.write(data)
    return None
