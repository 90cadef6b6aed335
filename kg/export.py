"""The graph for visualisation tools and dumps: Cytoscape.js JSON, GraphML, GEXF, N-Quads, Turtle.

The drawable graph keeps the nodes a reader cares about — persons, events,
policies, organisations, places — typed and labelled, and the links between
them, labelled by the property that makes them (a person's edge to an event is
labelled with the finest role taken, in `kg.model.Role`'s order). A person is
linked to the organisation of a post they hold.
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
from urllib.parse import unquote
from xml.etree import ElementTree as ET

from pyoxigraph import NamedNode, serialize

from kg.analytics import read_events
from kg.errors import BadInput
from kg.formats import DRAWN_FORMATS, RDF_FORMATS
from kg.iri import ORG, PREFIXES, RDFS, SKOS, ZW
from kg.model import EventKind, Role
from kg.store_api import KnowledgeStore, solutions, triples

KINDS = {ZW + "Person": "person", ZW + "Event": "event", ZW + "Policy": "policy",
         ORG + "Organization": "organisation", ZW + "Place": "place"}
MAX_NODES = 20_000  # a focused view stops growing here, so depth 3 around a hub stays drawable

_KIND_VALUES = " ".join(f'(<{cls}> "{kind}")' for cls, kind in KINDS.items())
_NODES = f"""
SELECT ?node ?kind (SAMPLE(?l) AS ?label) WHERE {{
  VALUES (?class ?kind) {{ {_KIND_VALUES} }}
  ?node a ?class . OPTIONAL {{ ?node <{RDFS}label> ?l }}
}} GROUP BY ?node ?kind
"""
_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_HOLDS = f"<{ORG}holds>"


def _via_post(person: str, organisation: str) -> str:
    """person → organisation through a post they hold, with the post's title as ?title."""
    return (f"{person} {_HOLDS} ?post . ?post <{ORG}postIn> {organisation} . "
            f"OPTIONAL {{ ?post <{SKOS}prefLabel> ?title }} BIND({_HOLDS} AS ?p)")


# Links between IRIs, plus person → organisation through a post they hold.
_LINKS = f"""
SELECT DISTINCT ?s ?p ?o ?title WHERE {{
  {{ ?s ?p ?o FILTER(isIRI(?o) && ?p != {_TYPE}) }} UNION {{ {_via_post("?s", "?o")} }}
}}
"""
# The same, for the links that touch the nodes in ?n (bound by a VALUES block put in at `#VALUES`).
_LINKS_AROUND = f"""
SELECT DISTINCT ?s ?p ?o ?title WHERE {{
  #VALUES
  {{ ?n ?p ?o BIND(?n AS ?s) FILTER(isIRI(?o) && ?p != {_TYPE}) }} UNION {{ ?s ?p ?n BIND(?n AS ?o) }}
  UNION {{ {_via_post("?n", "?o")} BIND(?n AS ?s) }} UNION {{ {_via_post("?s", "?n")} BIND(?n AS ?o) }}
}}
"""
# Each event's classes (the finest is its kind) and its date or range; `#VALUES` may bind ?node.
_EVENT_DETAILS = f"""
SELECT ?node (GROUP_CONCAT(DISTINCT STR(?class); separator=" ") AS ?classes)
       (SAMPLE(?d) AS ?date) (SAMPLE(?s) AS ?start_date) (SAMPLE(?e) AS ?end_date) WHERE {{
  #VALUES
  ?node <{ZW}reportedIn> ?article . OPTIONAL {{ ?node a ?class }}
  OPTIONAL {{ ?node <{ZW}date> ?d }} OPTIONAL {{ ?node <{ZW}startDate> ?s }} OPTIONAL {{ ?node <{ZW}endDate> ?e }}
}} GROUP BY ?node
"""
UNLINKED_DROPPED = {"organisation", "place"}  # drawn only when something links to them


@dataclass
class GraphView:
    nodes: dict[str, tuple[str, str]] = field(default_factory=dict)  # iri → (kind, label)
    edges: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # (source, target) → property names
    details: dict[str, dict[str, str]] = field(default_factory=dict)  # event iri → event_kind, date, start/end
    posts: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # (person, organisation) → post titles


def focus_iri(text: str) -> str:
    """The IRI a user wrote for --focus: as is, in angle brackets (as SPARQL writes it) or percent-encoded.

    >>> focus_iri("<https://w3id.org/zhengwu/id/person/%E6%97%A0%E9%94%A1/x>")
    'https://w3id.org/zhengwu/id/person/无锡/x'
    >>> focus_iri("无锡")
    Traceback (most recent call last):
    ...
    kg.errors.BadInput: --focus: '无锡' is not an IRI (give the full https://… IRI, as `kg query` shows it)
    """
    iri = text.strip()
    if iri.startswith("<") and iri.endswith(">"):
        iri = iri[1:-1].strip()
    iri = unquote(iri)
    try:
        if ":" not in iri:
            raise ValueError
        return NamedNode(iri).value
    except ValueError:
        raise BadInput(f"--focus: {text!r} is not an IRI (give the full https://… IRI, as `kg query` shows it)") from None


def _local(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


def _values(name: str, iris: Iterable[str]) -> str:
    return f"VALUES ?{name} {{ {' '.join(str(NamedNode(i)) for i in iris)} }}"


def _kinds(store: KnowledgeStore, iris: Iterable[str] | None = None) -> dict[str, tuple[str, str]]:
    query = _NODES if iris is None else _NODES.replace("WHERE {", "WHERE { " + _values("node", iris), 1)
    kinds: dict[str, tuple[str, str]] = {}
    for row in solutions(store.query(query)):
        iri = row["node"].value
        if iri not in kinds or row["kind"].value != "event":  # an event is only that; others may be typed twice
            kinds[iri] = (row["kind"].value, row["label"].value if row["label"] else _local(iri))
    return kinds


def _links(store: KnowledgeStore, around: Iterable[str] | None = None) -> list[tuple[str, str, str, str | None]]:
    """(subject, property name, object, post title of a holds link or None)."""
    query = _LINKS if around is None else _LINKS_AROUND.replace("#VALUES", _values("n", around))
    return [(r["s"].value, _local(r["p"].value), r["o"].value, r["title"].value if r["title"] else None)
            for r in solutions(store.query(query))]


def _event_details(store: KnowledgeStore, events: list[str] | None) -> dict[str, dict[str, str]]:
    """Kind and dates of `events` (of every event when None)."""
    query = _EVENT_DETAILS.replace("#VALUES", _values("node", events) if events is not None else "")
    details = {}
    for row in solutions(store.query(query)):
        names = [_local(c) for c in row["classes"].value.split()] if row["classes"] else []
        found = {"event_kind": EventKind.finest(names)}
        found.update({k: row[k].value for k in ("date", "start_date", "end_date") if row[k] is not None})
        details[row["node"].value] = found
    return details


def graph_view(store: KnowledgeStore, focus: str | None = None, depth: int = 1) -> GraphView:
    """The drawable graph: everything, or the nodes within `depth` links of `focus`."""
    view = GraphView()
    if focus is not None:
        focus = focus_iri(focus)
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
            fresh = {x for s, _, o, _ in found for x in (s, o)} - view.nodes.keys()
            new = _kinds(store, fresh) if fresh else {}
            new = dict(list(new.items())[: max(0, MAX_NODES - len(view.nodes))])
            view.nodes.update(new)
            frontier = set(new)
            if not frontier:
                break
    for s, p, o, title in links:
        if s in view.nodes and o in view.nodes and s != o:
            view.edges.setdefault((s, o), set()).add(p)
            if title:
                view.posts.setdefault((s, o), set()).add(title)
    linked = {x for pair in view.edges for x in pair} | ({focus} if focus else set())
    view.nodes = {iri: kl for iri, kl in view.nodes.items() if kl[0] not in UNLINKED_DROPPED or iri in linked}
    events = [iri for iri, (kind, _) in view.nodes.items() if kind == "event"]
    if events:
        details = _event_details(store, None if focus is None else events)
        view.details = {iri: details[iri] for iri in events if iri in details}
    return view


def edge_label(properties: set[str]) -> str:
    """The finest role among a person's links to an event, else the properties joined.

    >>> edge_label({"attended", "presided", "spokeAt"})
    'presided'
    >>> edge_label({"emphasised"})
    'emphasised'
    """
    roles = [role.value for role in Role if role.value in properties]  # finest first
    return roles[0] if roles else ",".join(sorted(properties))


NODE_DETAILS = ("event_kind", "date", "start_date", "end_date")  # event attributes in every format


def _post(view: GraphView, pair: tuple[str, str]) -> str | None:
    """The post title(s) behind a person → organisation `holds` edge."""
    titles = view.posts.get(pair)
    return "、".join(sorted(titles)) if titles else None


def to_cytoscape(view: GraphView) -> bytes:
    nodes = [{"data": {"id": iri, "label": label, "kind": kind, **view.details.get(iri, {})}}
             for iri, (kind, label) in view.nodes.items()]
    edges = [{"data": {"id": f"e{n}", "source": s, "target": o, "label": edge_label(ps),
                       "properties": sorted(ps), **({"post": _post(view, (s, o))} if _post(view, (s, o)) else {})}}
             for n, ((s, o), ps) in enumerate(view.edges.items())]
    return json.dumps({"elements": {"nodes": nodes, "edges": edges}}, ensure_ascii=False).encode()


def to_graphml(view: GraphView) -> bytes:
    ns = "http://graphml.graphdrawing.org/xmlns"
    root = ET.Element("graphml", xmlns=ns)
    for key, target in (("label", "node"), ("kind", "node"), *((k, "node") for k in NODE_DETAILS),
                        ("elabel", "edge"), ("post", "edge")):
        name = "label" if key == "elabel" else key
        ET.SubElement(root, "key", {"id": key, "for": target, "attr.name": name, "attr.type": "string"})
    graph = ET.SubElement(root, "graph", id="zhengwu-kg", edgedefault="directed")
    for iri, (kind, label) in view.nodes.items():
        node = ET.SubElement(graph, "node", id=iri)
        ET.SubElement(node, "data", key="label").text = label
        ET.SubElement(node, "data", key="kind").text = kind
        for key, value in view.details.get(iri, {}).items():
            ET.SubElement(node, "data", key=key).text = value
    for n, ((s, o), ps) in enumerate(view.edges.items()):
        edge = ET.SubElement(graph, "edge", id=f"e{n}", source=s, target=o)
        ET.SubElement(edge, "data", key="elabel").text = edge_label(ps)
        if _post(view, (s, o)):
            ET.SubElement(edge, "data", key="post").text = _post(view, (s, o))
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def to_gexf(view: GraphView, days: dict[str, str] | None = None) -> bytes:
    """GEXF 1.3; with `days` (event → ISO day) a dynamic graph: an event lives on its day, a link to an
    event on the event's day, any other node from its first to its last linked event (else always)."""
    days = days or {}
    spans: dict[str, tuple[str, str]] = {iri: (days[iri], days[iri]) for iri in view.nodes if iri in days}
    edge_days = {key: days.get(key[1]) or days.get(key[0]) for key in view.edges}
    for (s, o), day in edge_days.items():
        for end in (s, o):
            if day and end not in days:
                first, last = spans.get(end, (day, day))
                spans[end] = (min(first, day), max(last, day))
    root = ET.Element("gexf", xmlns="http://gexf.net/1.3", version="1.3")
    graph = ET.SubElement(root, "graph", {"defaultedgetype": "directed", "mode": "dynamic" if spans else "static",
                                          **({"timeformat": "date"} if spans else {})})
    attributes = ET.SubElement(graph, "attributes", {"class": "node"})
    for key in ("kind", *NODE_DETAILS):
        ET.SubElement(attributes, "attribute", id=key, title=key, type="string")
    ET.SubElement(ET.SubElement(graph, "attributes", {"class": "edge"}), "attribute", id="post", title="post", type="string")
    nodes, edges = ET.SubElement(graph, "nodes"), ET.SubElement(graph, "edges")
    for iri, (kind, label) in view.nodes.items():
        span = dict(zip(("start", "end"), spans[iri], strict=True)) if iri in spans else {}
        node = ET.SubElement(nodes, "node", {"id": iri, "label": label, **span})
        values = ET.SubElement(node, "attvalues")
        for key, value in {"kind": kind, **view.details.get(iri, {})}.items():
            ET.SubElement(values, "attvalue", {"for": key, "value": value})
    for n, ((s, o), ps) in enumerate(view.edges.items()):
        day = edge_days[(s, o)]
        edge = ET.SubElement(edges, "edge", {"id": f"e{n}", "source": s, "target": o, "label": edge_label(ps),
                                             **({"start": day, "end": day} if day else {})})
        post = _post(view, (s, o))
        if post:
            ET.SubElement(ET.SubElement(edge, "attvalues"), "attvalue", {"for": "post", "value": post})
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def event_days(store: KnowledgeStore) -> dict[str, str]:
    """Each dated event's day (a span: its first day), from the analytics facts query."""
    return {event: day for event, _, day in read_events(store) if day}


_DRAW = {"cytoscape": to_cytoscape, "graphml": to_graphml, "gexf": to_gexf}


def export(store: KnowledgeStore, fmt: str, output: BinaryIO | None = None, *,
           focus: str | None = None, depth: int = 1) -> bytes | None:
    """The store as `fmt` (a name of `kg.formats`' DRAWN_FORMATS or RDF_FORMATS), written to `output`, or
    returned as bytes without one.

    The RDF formats dump every quad (those without named graphs, such as turtle: the union of all graphs as
    one graph); they take no focus.
    """
    if fmt not in DRAWN_FORMATS and fmt not in RDF_FORMATS:
        raise BadInput(f"unknown export format {fmt!r}; choose one of {', '.join([*DRAWN_FORMATS, *RDF_FORMATS])}")
    if fmt == "gexf":
        data = to_gexf(graph_view(store, focus, depth), event_days(store))
    elif fmt in DRAWN_FORMATS:
        data = _DRAW[fmt](graph_view(store, focus, depth))
    elif focus is not None:
        raise BadInput(f"--focus works with {', '.join(DRAWN_FORMATS)}; {fmt} dumps the whole store")
    elif RDF_FORMATS[fmt].supports_datasets:
        return store.dump(output, RDF_FORMATS[fmt])
    else:
        union = triples(store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"))
        return serialize(union, output, RDF_FORMATS[fmt], prefixes=PREFIXES)
    if output is None:
        return data
    output.write(data)
    return None
