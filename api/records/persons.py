"""Person records: who they are, which posts they held when, which events they took part in and how."""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode

from api.records import Row, distinct, page, require, select
from api.records.events import event_summaries, roles_of
from kg.store import GraphStore


def list_persons(store: GraphStore, q: str | None, post: str | None, limit: int, offset: int) -> dict:
    values = {"q": [Literal(q)] if q else [], "postq": [Literal(post)] if post else []}
    rows = select(store, "persons", values, limit=limit + 1, offset=offset)
    items = [{"iri": r["person"], "label": r.get("label"), "posts": _split(r.get("posts")),
              "events": r.get("events", 0)} for r in rows]
    return page(items, limit, offset)


def _split(joined: object) -> list[str]:
    return [p for p in str(joined or "").split("|") if p]


def person(store: GraphStore, iri: str) -> dict:
    """Labels, posts with the days they were seen held, events in time order with roles and co-attendees."""
    node = NamedNode(iri)
    labels = require(select(store, "labels", {"item": [node]}), "person", iri)
    own = select(store, "participants", {"person": [node]})
    events = [NamedNode(e) for e in distinct(r["event"] for r in own)]
    everyone = select(store, "participants", {"event": events}) if events else []
    return {
        "iri": iri,
        "type": "Person",
        "label": labels[0]["label"],
        "labels": distinct(r["label"] for r in labels),
        "posts": _posts(select(store, "person_posts", {"person": [node]})),
        "events": [_with_roles(summary, iri, everyone) for summary in event_summaries(store, events)],
    }


def _posts(rows: list[Row]) -> list[dict]:
    posts = []
    for r in rows:
        seen = sorted(_split(r.get("seen")))
        posts.append({"iri": r["post"], "label": r.get("canonical") or next(iter(_split(r.get("titles"))), None),
                      "titles": _split(r.get("titles")),
                      "organisation": {"iri": r["org"], "label": r.get("orgLabel")} if "org" in r else None,
                      "seen": seen, "first_seen": seen[0] if seen else None, "last_seen": seen[-1] if seen else None})
    return sorted(posts, key=lambda p: (p["last_seen"] or "", p["label"] or ""), reverse=True)


def _with_roles(summary: dict, person: str, everyone: list[Row]) -> dict:
    event = summary["iri"]
    others = distinct(r["person"] for r in everyone if r["event"] == event and r["person"] != person)
    names = {r["person"]: r.get("name") for r in everyone}
    return {
        **summary,
        "roles": roles_of(everyone, person, event),
        "co_attendees": [{"iri": o, "label": names.get(o), "roles": [r["role"] for r in roles_of(everyone, o, event)]}
                         for o in others],
    }
