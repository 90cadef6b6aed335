"""Person records: who they are, which posts they held when, which events they took part in and how."""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode

from api.records import Row, distinct, local, page, require, select
from api.records.events import event_summaries, roles_of
from kg.iri import ZW
from kg.store import GraphStore

EVENTS_PER_PAGE = 20  # a busy official takes part in hundreds of events: the record pages them
_ROLE_OF_NODE = {"PresidingRole": "presided", "LeadingRole": "led", "SpeakingRole": "spokeAt",
                 "AccompanyingRole": "accompanied", "AttendingRole": "attended"}


def list_persons(store: GraphStore, q: str | None, post: str | None, limit: int, offset: int) -> dict:
    values = {"q": [Literal(q)] if q else [], "postq": [Literal(post)] if post else []}
    rows = select(store, "persons", values, limit=limit + 1, offset=offset)
    items = [{"iri": r["person"], "label": r.get("label"), "posts": _split(r.get("posts")),
              "events": r.get("events", 0)} for r in rows]
    return page(items, limit, offset)


def _split(joined: object) -> list[str]:
    return [p for p in str(joined or "").split("|") if p]


def person(store: GraphStore, iri: str, limit: int = EVENTS_PER_PAGE, offset: int = 0) -> dict:
    """Labels, posts with the days they were seen held, and one page of the events in time order
    (`limit` events from `offset`; `events_total` counts them all) with roles and co-attendees.

    Each query selects distinct IRIs first and fetches labels last: the union default graph repeats a
    shared node's triples once per article, and joining those repeats multiplies rows by fame."""
    node = NamedNode(iri)
    labels = require(select(store, "labels", {"item": [node]}), "person", iri)
    timeline = sorted(select(store, "person_events", {"person": [node]}),
                      key=lambda r: (r.get("date") or r.get("start") or "9999", r["event"]))
    events = [NamedNode(r["event"]) for r in timeline[offset:offset + limit]]
    everyone = select(store, "event_roles", {"event": events}) if events else []
    evidence = select(store, "person_evidence", {"person": [node], "event": events}) if events else []
    posts = [NamedNode(r["post"]) for r in select(store, "person_posts", {"person": [node]})]
    facets = select(store, "post_facets", {"post": posts}) if posts else []
    holdings = {r["post"]: r.get("seen") for r in select(store, "person_holdings", {"person": [node]})}
    names = labels_of(store, [r["person"] for r in everyone if r["person"] != iri] + [r["org"] for r in facets if "org" in r])
    return {
        "iri": iri,
        "type": "Person",
        "label": labels[0]["label"],
        "labels": distinct(r["label"] for r in labels),
        "posts": _posts(facets, holdings, names),
        "events": [_with_roles(summary, iri, everyone, _as_roles(evidence), names)
                   for summary in event_summaries(store, events)],
        "events_total": len(timeline),
        "events_limit": limit,
        "events_offset": offset,
    }


def labels_of(store: GraphStore, iris: list[object]) -> dict[object, object]:
    """One label of each IRI (any of them when it has several)."""
    nodes = [NamedNode(str(i)) for i in distinct(iris)]
    return {r["item"]: r["label"] for r in select(store, "labels", {"item": nodes})} if nodes else {}


def _as_roles(evidence: list[Row]) -> list[Row]:
    """Evidence rows keyed by the role property (zw:presided…) rather than the role node (zw:PresidingRole)."""
    return [{**r, "role": ZW + _ROLE_OF_NODE[local(str(r["roleNode"]))]} for r in evidence
            if local(str(r["roleNode"])) in _ROLE_OF_NODE]


def _posts(facets: list[Row], holdings: dict[object, object], names: dict[object, object]) -> list[dict]:
    posts = []
    for r in facets:
        seen = sorted(_split(holdings.get(r["post"])))
        posts.append({"iri": r["post"], "label": r.get("canonical") or next(iter(_split(r.get("titles"))), None),
                      "titles": _split(r.get("titles")),
                      "organisation": {"iri": r["org"], "label": names.get(r["org"])} if "org" in r else None,
                      "seen": seen, "first_seen": seen[0] if seen else None, "last_seen": seen[-1] if seen else None})
    return sorted(posts, key=lambda p: (p["last_seen"] or "", p["label"] or ""), reverse=True)


def _with_roles(summary: dict, person: str, everyone: list[Row], evidence: list[Row],
                names: dict[object, object]) -> dict:
    event = summary["iri"]
    here = [r for r in everyone if r["event"] == event]
    others = distinct(r["person"] for r in here if r["person"] != person)
    return {
        **summary,
        "roles": roles_of(here + [r for r in evidence if r["event"] == event], person, event),
        "co_attendees": [{"iri": o, "label": names.get(o), "roles": [r["role"] for r in roles_of(here, o, event)]}
                         for o in others],
    }
