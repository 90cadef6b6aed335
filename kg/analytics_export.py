"""The analyst's views as files: CSV tables for pandas or a spreadsheet, and the co-attendance network as
dynamic GEXF (Gephi's timeline plays it over time).

`kg export --format csv --table attention|careers|coattendance` and `kg export --format gexf --table
coattendance`; all read the aggregate tables of `kg.analytics` (fresh views, else built live).
"""

from __future__ import annotations

import csv
import io
import sqlite3
from xml.etree import ElementTree as ET

from kg.errors import BadInput
from kg.records.analytics import tables
from kg.store_api import KnowledgeStore

TABLES = ("attention", "careers", "coattendance")

_QUERIES = {
    # per period kind (month, quarter, year), period, jurisdiction ("" = all) and policy
    "attention": (("by", "period", "jurisdiction", "policy", "label", "events", "articles"),
                  "SELECT a.by, a.period, a.scope, a.policy, e.label, a.events, a.articles FROM a_attention a"
                  " LEFT JOIN a_entities e ON e.iri = a.policy ORDER BY a.by, a.scope, a.period, a.events DESC,"
                  " a.policy"),
    # one row per person and post, with the first and last day an article attested it
    "careers": (("person", "label", "jurisdiction", "post", "title", "first_seen", "last_seen"),
                "SELECT p.person, e.label, e.scope, p.post, p.title, p.first, p.last FROM a_posts p"
                " LEFT JOIN a_entities e ON e.iri = p.person ORDER BY p.person, p.first, p.post"),
    # one row per pair of persons who took part in the same events (source < target)
    "coattendance": (("source", "source_label", "target", "target_label", "events", "first", "last"),
                     "SELECT x.source, s.label, x.target, t.label, x.events, x.first, x.last FROM ("
                     " SELECT a.person AS source, b.person AS target, COUNT(DISTINCT a.event) AS events,"
                     " MIN(v.date) AS first, MAX(v.date) AS last FROM a_roles a"
                     " JOIN a_roles b ON b.event = a.event AND a.person < b.person"
                     " LEFT JOIN a_events v ON v.event = a.event GROUP BY a.person, b.person) x"
                     " LEFT JOIN a_entities s ON s.iri = x.source LEFT JOIN a_entities t ON t.iri = x.target"
                     " ORDER BY x.events DESC, x.source, x.target"),
}


def _table(db: sqlite3.Connection, name: str) -> tuple[tuple[str, ...], list[tuple]]:
    if name not in _QUERIES:
        raise BadInput(f"unknown table {name!r}; choose one of {', '.join(TABLES)}")
    header, sql = _QUERIES[name]
    return header, db.execute(sql).fetchall()


def to_csv(store: KnowledgeStore, name: str) -> bytes:
    """The table `name` as UTF-8 CSV with a header row (a byte-order mark, so spreadsheets read Chinese)."""
    with tables(store) as (db, _):
        header, found = _table(db, name)
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(["" if v is None else v for v in row] for row in found)
    return ("\ufeff" + text.getvalue()).encode()


def coattendance_gexf(store: KnowledgeStore) -> bytes:
    """Persons and their co-attendance as dynamic GEXF 1.3: a node lives from the person's first to last
    dated event, an edge from the first to the last event the two shared; `weight` counts shared events."""
    with tables(store) as (db, _):
        _, pairs = _table(db, "coattendance")
        persons = db.execute("SELECT r.person, e.label, e.scope, COUNT(DISTINCT r.event), MIN(v.date), MAX(v.date)"
                             " FROM a_roles r LEFT JOIN a_entities e ON e.iri = r.person"
                             " LEFT JOIN a_events v ON v.event = r.event GROUP BY r.person ORDER BY r.person").fetchall()
    root = ET.Element("gexf", xmlns="http://gexf.net/1.3", version="1.3")
    graph = ET.SubElement(root, "graph", defaultedgetype="undirected", mode="dynamic", timeformat="date")
    attributes = ET.SubElement(graph, "attributes", {"class": "node", "mode": "static"})
    ET.SubElement(attributes, "attribute", id="jurisdiction", title="jurisdiction", type="string")
    ET.SubElement(attributes, "attribute", id="events", title="events", type="integer")
    nodes, edges = ET.SubElement(graph, "nodes"), ET.SubElement(graph, "edges")
    for iri, label, scope, events, first, last in persons:
        node = ET.SubElement(nodes, "node", _span({"id": iri, "label": label or iri}, first, last))
        values = ET.SubElement(node, "attvalues")
        ET.SubElement(values, "attvalue", {"for": "jurisdiction", "value": scope or ""})
        ET.SubElement(values, "attvalue", {"for": "events", "value": str(events)})
    for n, (source, _, target, _, events, first, last) in enumerate(pairs):
        ET.SubElement(edges, "edge", _span({"id": f"e{n}", "source": source, "target": target,
                                            "weight": str(events)}, first, last))
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _span(attributes: dict[str, str], first: str | None, last: str | None) -> dict[str, str]:
    """`attributes` with GEXF's start and end when the days are known (else the element is always there)."""
    if first and last:
        attributes.update(start=first, end=last)
    return attributes
