"""Policy records: names and variants, the events that emphasised it over time, who pushed it, what came with it."""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode

from api.records import Row, distinct, local, page, select
from api.records.persons import labels_of
from kg.errors import NotFound
from kg.iri import ZW
from kg.store import GraphStore

EVENTS_PER_PAGE = 20  # the most emphasised policies have thousands of events: the record pages them
TOP_SHOWN = 50  # officials and policies alongside: the busiest first; `…_total` says how many in all


def list_policies(store: GraphStore, q: str | None, limit: int, offset: int) -> dict:
    rows = select(store, "policies", {"q": [Literal(q)] if q else []}, limit=limit + 1, offset=offset)
    items = [{"iri": r["policy"], "label": r.get("label"), "events": r.get("events", 0)} for r in rows]
    return page(items, limit, offset)


def policy(store: GraphStore, iri: str, limit: int = EVENTS_PER_PAGE, offset: int = 0) -> dict:
    """Names and variants, one page of the events that emphasised it in time order (`limit` from
    `offset`; `events_total` counts them all), the officials who pushed it and the policies beside it.

    Each query aggregates over IRIs first and fetches labels last: the union default graph repeats a
    shared node's triples once per article, and joining those repeats multiplies rows by fame."""
    node = NamedNode(iri)
    by_property: dict[str, list[object]] = {}
    for r in select(store, "policy_labels", {"policy": [node]}):
        by_property.setdefault(local(str(r["property"])), []).append(r["value"])
    if ZW + "Policy" not in by_property.get("type", []):
        raise NotFound(f"no policy {iri}")
    timeline = sorted(select(store, "policy_events", {"policy": [node]}),
                      key=lambda r: (r.get("date") or "9999", r["event"]))
    events = distinct(NamedNode(str(r["event"])) for r in timeline)
    shown = events[offset:offset + limit]
    details = select(store, "policy_event_details", {"event": shown}) if shown else []
    pushers, pushers_total = _top(select(store, "policy_officials", {"policy": [node]}), "events", "person")
    alongside, alongside_total = _top(select(store, "policy_alongside", {"policy": [node]}), "shared", "other")
    names = labels_of(store, [r["person"] for r in pushers] + [r["other"] for r in alongside])
    officials = sorted(({"iri": r["person"], "label": names.get(r["person"]), "events": r.get("events", 0),
                         "roles": sorted(local(role) for role in str(r.get("roles", "")).split("|") if role)}
                        for r in pushers), key=lambda p: (-p["events"], p["label"] or ""))
    labels = by_property.get("label", [])
    return {
        "iri": iri,
        "type": "Policy",
        "label": (by_property.get("prefLabel") or labels or [None])[0],
        "labels": distinct(labels + by_property.get("prefLabel", [])),
        "variants": distinct(by_property.get("altLabel", [])),
        "events": sorted(({"iri": r["event"], "label": r.get("label"), "date": r.get("date"),
                           "article": {"iri": r["article"], "title": r.get("title")}} for r in details),
                         key=lambda e: (e["date"] or "9999", e["iri"])),
        "events_total": len(events),
        "events_limit": limit,
        "events_offset": offset,
        "officials": officials,
        "officials_total": pushers_total,
        "alongside": sorted(({"iri": r["other"], "label": names.get(r["other"]), "shared_events": r.get("shared", 0)}
                             for r in alongside), key=lambda a: (-a["shared_events"], a["label"] or "")),
        "alongside_total": alongside_total,
    }


def _top(rows: list[Row], count: str, key: str) -> tuple[list[Row], int]:
    """The `TOP_SHOWN` rows with the highest `count` (ties by IRI), so only their labels are fetched; and
    how many rows there were in all."""
    return sorted(rows, key=lambda r: (-int(r.get(count, 0)), str(r[key])))[:TOP_SHOWN], len(rows)  # type: ignore[call-overload]
