"""Policy records: names and variants, the events that emphasised it over time, who pushed it, what came with it."""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode

from api.records import distinct, local, page, require, select
from kg.store import GraphStore


def list_policies(store: GraphStore, q: str | None, limit: int, offset: int) -> dict:
    rows = select(store, "policies", {"q": [Literal(q)] if q else []}, limit=limit + 1, offset=offset)
    items = [{"iri": r["policy"], "label": r.get("label"), "events": r.get("events", 0)} for r in rows]
    return page(items, limit, offset)


def policy(store: GraphStore, iri: str) -> dict:
    node = NamedNode(iri)
    names = require(select(store, "policy_labels", {"policy": [node]}), "policy", iri)
    by_property: dict[str, list[object]] = {}
    for r in names:
        by_property.setdefault(local(str(r["property"])), []).append(r["value"])
    events: dict[str, dict] = {}
    pushers: dict[str, dict] = {}
    for r in select(store, "policy_events", {"policy": [node]}):
        events.setdefault(r["event"], {"iri": r["event"], "label": r.get("label"), "date": r.get("date"),
                                       "article": {"iri": r["article"], "title": r.get("title")}})
        if "person" in r:
            who = pushers.setdefault(r["person"], {"iri": r["person"], "label": r.get("name"), "events": set(),
                                                   "roles": set()})
            who["events"].add(r["event"])
            who["roles"].add(local(str(r["role"])))
    officials = sorted(({**p, "events": len(p["events"]), "roles": sorted(p["roles"])} for p in pushers.values()),
                       key=lambda p: (-p["events"], p["label"] or ""))
    alongside = [{"iri": r["other"], "label": r.get("label"), "shared_events": r.get("shared", 0)}
                 for r in select(store, "policy_alongside", {"policy": [node]})]
    labels = by_property.get("label", [])
    return {
        "iri": iri,
        "type": "Policy",
        "label": (by_property.get("prefLabel") or labels or [None])[0],
        "labels": distinct(labels + by_property.get("prefLabel", [])),
        "variants": distinct(by_property.get("altLabel", [])),
        "events": sorted(events.values(), key=lambda e: (e["date"] or "9999", e["iri"])),
        "officials": officials,
        "alongside": alongside,
    }
