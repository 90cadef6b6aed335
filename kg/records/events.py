"""Event records: kind, date, places, participants by role, policies, source article and evidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cache

from pyoxigraph import Literal, NamedNode
from rdflib import RDFS, URIRef

from kg.errors import BadInput
from kg.iri import XSD, ZW
from kg.model import EventKind, Role
from kg.records import Row, Term, distinct, listed, local, page, require, select
from kg.store_api import KnowledgeStore
from kg.validate import ontology_graph

ROLE_ORDER = [role.value for role in Role]  # finest first (kg.model.Role)


def _date(value: dt.date | None) -> list[Literal]:
    return [Literal(value.isoformat(), datatype=NamedNode(XSD + "date"))] if value else []


def list_events(store: KnowledgeStore, start: dt.date | None, end: dt.date | None, kind: str | None,
                person: str | None, policy: str | None, place: str | None, limit: int, offset: int) -> dict:
    """A page of events, each with its most specific kind and its date or range; a filter naming a kind the
    ontology does not have, or a person, policy or place the graph does not hold, is a BadInput (HTTP 400)."""
    if kind and kind not in event_kinds():
        raise BadInput(f"type: {kind!r} is not a kind of event; kinds: {', '.join(sorted(event_kinds()))}")
    for name, iri, cls in (("person", person, "Person"), ("policy", policy, "Policy"), ("place", place, "Place")):
        if iri and not select(store, "known", {"node": [NamedNode(iri)], "class": [NamedNode(ZW + cls)]}):
            raise BadInput(f"{name}: no {name} {iri} in the graph")
    values: dict[str, Sequence[Term]] = {"from": _date(start), "to": _date(end), "type": [NamedNode(ZW + kind)] if kind else [],
              "who": [NamedNode(person)] if person else [], "pol": [NamedNode(policy)] if policy else [],
              "where": [NamedNode(place)] if place else []}
    rows, total = listed(store, "events", values, limit, offset)
    items = [{"iri": r["event"], "label": r.get("label"), "kind": _kind(str(r.get("kinds", "")).split()),
              "date": r.get("date"), "start_date": r.get("start"), "end_date": r.get("end"),
              "article": r.get("article")} for r in rows]
    return page(items, limit, offset, total)


@cache
def event_kinds() -> frozenset[str]:
    """The local names of zw:Event and its subclasses in the ontology (what `GET /events?type=` accepts)."""
    graph = ontology_graph()
    event = URIRef(ZW + "Event")
    return frozenset(str(c)[len(ZW):] for c in graph.transitive_subjects(RDFS.subClassOf, event) if str(c).startswith(ZW))


def _kind(kinds: Sequence[object]) -> str:
    """The most specific class name of an event (`Meeting` rather than `Event`)."""
    return EventKind.finest(local(str(k)) for k in kinds)


def event_summaries(store: KnowledgeStore, events: list[NamedNode]) -> list[dict]:
    """Kind, label, dates, places, article and evidence of each event, in time order."""
    if not events:
        return []
    rows = select(store, "event", {"event": events})
    by_event: dict[str, list[Row]] = {}
    for r in rows:
        by_event.setdefault(str(r["event"]), []).append(r)
    summaries = [_summary(iri, group) for iri, group in by_event.items()]
    return sorted(summaries, key=lambda s: (s["date"] or s["start_date"] or "9999", s["iri"]))


def _summary(iri: str, rows: list[Row]) -> dict:
    first = rows[0]
    return {
        "iri": iri,
        "type": "Event",
        "kind": _kind(distinct(r.get("kind") for r in rows)),
        "label": first.get("label"),
        "date": first.get("date"),
        "start_date": first.get("start"),
        "end_date": first.get("end"),
        "places": [{"iri": p, "label": next((r.get("placeLabel") for r in rows if r.get("place") == p), None)}
                   for p in distinct(r.get("place") for r in rows)],
        "article": {"iri": first["article"], "title": first.get("title"), "issued": first.get("issued")},
        "evidence": [{"quote": first.get("quote"), "sentence": s} for s in distinct(r.get("sentence") for r in rows)],
    }


def event(store: KnowledgeStore, iri: str) -> dict:
    """One event with its participants by role and the policies it emphasised, each with evidence."""
    node = NamedNode(iri)
    summary = require(event_summaries(store, [node]), "event", iri)[0]
    everyone = select(store, "participants", {"event": [node]})
    names = {r["person"]: r.get("name") for r in everyone}
    by_role: dict[str, list[dict]] = {role: [] for role in ROLE_ORDER}
    for person in distinct(r["person"] for r in everyone):
        for role in roles_of(everyone, str(person), iri):
            by_role.setdefault(role["role"], []).append(
                {"iri": person, "label": names.get(person), "evidence": role["evidence"]})
    policies: dict[str, dict] = {}
    for r in select(store, "event_policies", {"event": [node]}):
        entry = policies.setdefault(r["policy"], {"iri": r["policy"], "label": r.get("label"), "evidence": []})
        evidence = {"quote": r.get("quote"), "sentence": r.get("sentence")}
        if ("quote" in r or "sentence" in r) and evidence not in entry["evidence"]:
            entry["evidence"].append(evidence)
    return {**summary, "participants": by_role, "policies": list(policies.values())}


def roles_of(rows: list[Row], person: str, event: str) -> list[dict]:
    """The roles `person` took at `event`, finest first, each with its evidence."""
    found: dict[str, dict] = {}
    for r in rows:
        if r["person"] == person and r["event"] == event:
            role = found.setdefault(local(r["role"]), {"role": local(r["role"]), "evidence": []})
            if "quote" in r or "sentence" in r:
                evidence = {"quote": r.get("quote"), "sentence": r.get("sentence")}
                if evidence not in role["evidence"]:
                    role["evidence"].append(evidence)
    return sorted(found.values(), key=lambda r: ROLE_ORDER.index(r["role"]) if r["role"] in ROLE_ORDER else 99)
