"""Policy records: names and variants, the events that emphasised it over time, who pushed it, what came with it.

The most emphasised policies are served from precomputed views (`kg.views`) when there is a fresh
one; `build_views` computes them with the same functions that shape the live record."""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode

from kg.errors import NotFound
from kg.iri import ZW
from kg.records import (
    Built,
    Row,
    distinct,
    from_view_or_live,
    grouped,
    in_chunks,
    listed,
    local,
    page,
    select,
    sparql,
)
from kg.records.persons import labels_of
from kg.store_api import KnowledgeStore

EVENTS_PER_PAGE = 20  # the most emphasised policies have thousands of events: the record pages them
TOP_SHOWN = 50  # officials and policies alongside: the busiest first; `…_total` says how many in all
HEAVY_QUERY = sparql("heavy_policies")


def list_policies(store: KnowledgeStore, q: str | None, limit: int, offset: int) -> dict:
    rows, total = listed(store, "policies", {"q": [Literal(q)] if q else []}, limit, offset)
    items = [{"iri": r["policy"], "label": r.get("label"), "events": r.get("events", 0)} for r in rows]
    return page(items, limit, offset, total)


def policy(store: KnowledgeStore, iri: str, limit: int = EVENTS_PER_PAGE, offset: int = 0) -> dict:
    """The policy's record (see `policy_live`), from a fresh view when there is one."""
    return policy_served(store, iri, limit, offset)[0]


def policy_served(store: KnowledgeStore, iri: str, limit: int = EVENTS_PER_PAGE, offset: int = 0) -> tuple[dict, str]:
    """The record and where it came from: "view" (a fresh precomputed view) or "live"."""
    return from_view_or_live(store, iri, limit, offset, policy_live)


def policy_live(store: KnowledgeStore, iri: str, limit: int = EVENTS_PER_PAGE, offset: int = 0) -> dict:
    """Names and variants, one page of the events that emphasised it in time order (`limit` from
    `offset`; `events_total` counts them all), the officials who pushed it and the policies beside it.

    Each query aggregates over IRIs first and fetches labels last: the union default graph repeats a
    shared node's triples once per article, and joining those repeats multiplies rows by fame."""
    node = NamedNode(iri)
    names = select(store, "policy_labels", {"policy": [node]})
    if not any(local(str(r["property"])) == "type" and r["value"] == ZW + "Policy" for r in names):
        raise NotFound(f"no policy {iri}")
    events = _timeline(select(store, "policy_events", {"policy": [node]}))
    shown = events[offset:offset + limit]
    details = _details(store, shown)
    head = _heads(store, {iri: names}, {iri: len(events)})[iri]
    return {**head, "events": [details[e] for e in shown if e in details], "events_limit": limit,
            "events_offset": offset}


def _timeline(rows: list[Row]) -> list[str]:
    """A policy's events (rows of policy_events.rq) once each, in page order: by day, then IRI."""
    return [str(e) for e in distinct(r["event"] for r in sorted(rows, key=lambda r: (r.get("date") or "9999",
                                                                                       r["event"])))]


def _details(store: KnowledgeStore, events: list[str]) -> dict[str, dict]:
    """Each event's entry in a policy's record: label, day, source article."""
    rows = [r for chunk in in_chunks([NamedNode(e) for e in events])
            for r in select(store, "policy_event_details", {"event": chunk})]
    return {str(r["event"]): {"iri": r["event"], "label": r.get("label"), "date": r.get("date"),
                              "article": {"iri": r["article"], "title": r.get("title")}} for r in rows}


def _heads(store: KnowledgeStore, names: dict[str, list[Row]], totals: dict[str, int]) -> dict[str, dict]:
    """The record of each policy without its events: names, officials and policies alongside."""
    nodes = [NamedNode(i) for i in names]
    pushers = grouped((r for c in in_chunks(nodes, 50) for r in select(store, "policy_officials", {"policy": c})),
                      "policy")
    beside = grouped((r for c in in_chunks(nodes, 50) for r in select(store, "policy_alongside", {"policy": c})),
                     "policy")
    tops = {iri: (_top(pushers.get(iri, []), "events", "person"), _top(beside.get(iri, []), "shared", "other"))
            for iri in names}
    labels = labels_of(store, [r["person"] for (p, _), _ in tops.values() for r in p] +
                       [r["other"] for _, (a, _) in tops.values() for r in a])
    return {iri: _head(iri, names[iri], totals[iri], *tops[iri], labels) for iri in names}


def _head(iri: str, names: list[Row], total: int, pushers: tuple[list[Row], int], alongside: tuple[list[Row], int],
          labels: dict[object, object]) -> dict:
    by_property: dict[str, list[object]] = {}
    for r in names:
        by_property.setdefault(local(str(r["property"])), []).append(r["value"])
    officials = sorted(({"iri": r["person"], "label": labels.get(r["person"]), "events": r.get("events", 0),
                         "roles": sorted(local(role) for role in str(r.get("roles", "")).split("|") if role)}
                        for r in pushers[0]), key=lambda p: (-p["events"], p["label"] or "", p["iri"]))
    words = by_property.get("label", [])
    return {
        "iri": iri,
        "type": "Policy",
        "label": (by_property.get("prefLabel") or words or [None])[0],
        "labels": distinct(words + by_property.get("prefLabel", [])),
        "variants": distinct(by_property.get("altLabel", [])),
        "events": [],
        "events_total": total,
        "events_limit": 0,
        "events_offset": 0,
        "officials": officials,
        "officials_total": pushers[1],
        "alongside": sorted(({"iri": r["other"], "label": labels.get(r["other"]), "shared_events": r.get("shared", 0)}
                             for r in alongside[0]), key=lambda a: (-a["shared_events"], a["label"] or "", a["iri"])),
        "alongside_total": alongside[1],
    }


def _top(rows: list[Row], count: str, key: str) -> tuple[list[Row], int]:
    """The `TOP_SHOWN` rows with the highest `count` (ties by IRI), so only their labels are fetched; and
    how many rows there were in all."""
    return sorted(rows, key=lambda r: (-int(r.get(count, 0)), str(r[key])))[:TOP_SHOWN], len(rows)


def build_views(store: KnowledgeStore, iris: list[str]) -> Built:
    """The views of the policies `iris` (kg.views): each record's head, then its event entries by position.

    The same functions as the live record, over many policies at once: each event's details are read once
    however many of these policies it emphasised."""
    nodes = [NamedNode(i) for i in iris]
    names = grouped((r for c in in_chunks(nodes) for r in select(store, "policy_labels", {"policy": c})), "policy")
    names = {iri: rows for iri, rows in names.items()
             if any(local(str(r["property"])) == "type" and r["value"] == ZW + "Policy" for r in rows)}
    timelines = {iri: _timeline(rows) for iri, rows in grouped(
        (r for c in in_chunks(nodes, 50) for r in select(store, "policy_events", {"policy": c})), "policy").items()}
    heads = _heads(store, names, {iri: len(timelines.get(iri, [])) for iri in names})
    yield from ((iri, -1, head) for iri, head in heads.items())
    positions = {iri: {e: i for i, e in enumerate(timelines.get(iri, []))} for iri in names}
    by_event: dict[str, list[tuple[str, int]]] = {}
    for iri, where in positions.items():
        for event, pos in where.items():
            by_event.setdefault(event, []).append((iri, pos))
    for chunk in in_chunks(sorted(by_event), 2000):
        for event, entry in _details(store, list(chunk)).items():
            for iri, pos in by_event[event]:
                yield iri, pos, entry
