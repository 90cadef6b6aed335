"""Person records: who they are, which posts they held when, which events they took part in and how.

A busy official's record is served from a precomputed view (`kg.views`) when there is a fresh one;
`build_views` computes those views with the same functions that shape the live record, so the JSON
is the same either way."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pyoxigraph import Literal, NamedNode

from kg.iri import ZW
from kg.model import Role
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
    require,
    select,
    sparql,
)
from kg.records.events import event_summaries, roles_of
from kg.store_api import KnowledgeStore

EVENTS_PER_PAGE = 20  # a busy official takes part in hundreds of events: the record pages them
HEAVY_QUERY = sparql("heavy_persons")
_ROLE_OF_NODE = {role.node: role.value for role in Role}


def list_persons(store: KnowledgeStore, q: str | None, post: str | None, limit: int, offset: int) -> dict:
    values = {"q": [Literal(q)] if q else [], "postq": [Literal(post)] if post else []}
    rows, total = listed(store, "persons", values, limit, offset)
    items = [{"iri": r["person"], "label": r.get("label"), "posts": _split(r.get("posts")),
              "events": r.get("events", 0)} for r in rows]
    return page(items, limit, offset, total)


def _split(joined: object) -> list[str]:
    return [p for p in str(joined or "").split("|") if p]


def person(store: KnowledgeStore, iri: str, limit: int = EVENTS_PER_PAGE, offset: int = 0) -> dict:
    """The person's record (see `person_live`), from a fresh view when there is one."""
    return person_served(store, iri, limit, offset)[0]


def person_served(store: KnowledgeStore, iri: str, limit: int = EVENTS_PER_PAGE, offset: int = 0) -> tuple[dict, str]:
    """The record and where it came from: "view" (a fresh precomputed view) or "live"."""
    return from_view_or_live(store, iri, limit, offset, person_live)


def person_live(store: KnowledgeStore, iri: str, limit: int = EVENTS_PER_PAGE, offset: int = 0) -> dict:
    """Labels, posts with the days they were seen held, and one page of the events in time order
    (`limit` events from `offset`; `events_total` counts them all) with roles and co-attendees.

    Each query selects distinct IRIs first and fetches labels last: the union default graph repeats a
    shared node's triples once per article, and joining those repeats multiplies rows by fame."""
    node = NamedNode(iri)
    labels = require(select(store, "labels", {"item": [node]}), "person", iri)
    timeline = _timeline(select(store, "person_events", {"person": [node]}))
    shown = timeline[offset:offset + limit]
    entries = _event_entries(store, {iri: {e: i for i, e in enumerate(shown)}}, [NamedNode(e) for e in shown])
    return _record(iri, labels, _posts_of(store, [iri])[iri], [entry for _, _, entry in sorted(entries)],
                   len(timeline), limit, offset)


def _record(iri: str, labels: list[Row], posts: list[dict], events: list[dict], total: int,
            limit: int, offset: int) -> dict:
    return {
        "iri": iri,
        "type": "Person",
        "label": labels[0]["label"],
        "labels": distinct(r["label"] for r in labels),
        "posts": posts,
        "events": events,
        "events_total": total,
        "events_limit": limit,
        "events_offset": offset,
    }


def _timeline(rows: list[Row]) -> list[str]:
    """A person's events (rows of person_events.rq) in page order: by day, then IRI."""
    return [str(r["event"]) for r in sorted(rows, key=lambda r: (r.get("date") or r.get("start") or "9999",
                                                                  r["event"]))]


def _event_entries(store: KnowledgeStore, positions: dict[str, dict[str, int]],
                   events: list[NamedNode]) -> list[tuple[str, int, dict]]:
    """(person, position, entry) of each person at each of `events` where `positions` places it in
    their timeline; an entry is the event's summary with the person's roles and the co-attendees."""
    if not events:
        return []
    everyone = sorted(select(store, "event_roles", {"event": events}), key=lambda r: (r["person"], r["role"]))
    evidence = _as_roles(select(store, "person_evidence", {"event": events}))
    names = labels_of(store, [r["person"] for r in everyone])
    roles, cited = grouped(everyone, "event"), grouped(evidence, "event")
    out = []
    for summary in event_summaries(store, events):
        event = summary["iri"]
        here = roles.get(event, [])
        for person in distinct(r["person"] for r in here):
            if event in positions.get(person, {}):
                entry = _with_roles(summary, str(person), here, cited.get(event, []), names)
                out.append((str(person), positions[person][event], entry))
    return out


def _posts_of(store: KnowledgeStore, iris: Sequence[str]) -> dict[str, list[dict]]:
    """Each person's posts with their titles, organisation and the days they were seen held."""
    nodes = [NamedNode(i) for i in iris]
    held = grouped(select(store, "person_posts", {"person": nodes}), "person")
    posts = distinct(NamedNode(str(r["post"])) for rows in held.values() for r in rows)
    facets = {r["post"]: r for r in select(store, "post_facets", {"post": posts})} if posts else {}
    names = labels_of(store, [r["org"] for r in facets.values() if "org" in r])
    holdings = {(r["person"], r["post"]): r.get("seen") for r in select(store, "person_holdings", {"person": nodes})}
    return {iri: _posts([facets[r["post"]] for r in held.get(iri, []) if r["post"] in facets],
                        {post: seen for (who, post), seen in holdings.items() if who == iri}, names)
            for iri in iris}


def labels_of(store: KnowledgeStore, iris: Iterable[object]) -> dict[object, object]:
    """One label of each IRI (any of them when it has several)."""
    nodes = [NamedNode(str(i)) for i in distinct(iris)]
    return {r["item"]: r["label"] for chunk in in_chunks(nodes) for r in select(store, "labels", {"item": chunk})}


def _as_roles(evidence: list[Row]) -> list[Row]:
    """Evidence rows keyed by the role property (zw:presided…) rather than the role node (zw:PresidingRole)."""
    return sorted(({**r, "role": ZW + _ROLE_OF_NODE[local(str(r["roleNode"]))]} for r in evidence
                   if local(str(r["roleNode"])) in _ROLE_OF_NODE),
                  key=lambda r: (r["person"], r["role"], r.get("quote") or "", r.get("sentence") or ""))


def _posts(facets: list[Row], holdings: dict[object, object], names: dict[object, object]) -> list[dict]:
    posts = []
    for r in facets:
        seen = sorted(_split(holdings.get(r["post"])))
        posts.append({"iri": r["post"], "label": r.get("canonical") or next(iter(_split(r.get("titles"))), None),
                      "titles": _split(r.get("titles")),
                      "organisation": {"iri": r["org"], "label": names.get(r["org"])} if "org" in r else None,
                      "seen": seen, "first_seen": seen[0] if seen else None, "last_seen": seen[-1] if seen else None})
    return sorted(posts, key=lambda p: (p["last_seen"] or "", p["label"] or "", p["iri"]), reverse=True)


def _with_roles(summary: dict, person: str, here: list[Row], evidence: list[Row],
                names: dict[object, object]) -> dict:
    """The event's summary with `person`'s roles there and the others present (`here`: the event's roles)."""
    event = summary["iri"]
    others = distinct(r["person"] for r in here if r["person"] != person)
    return {
        **summary,
        "roles": roles_of(here + [r for r in evidence if r["person"] == person], person, event),
        "co_attendees": [{"iri": o, "label": names.get(o), "roles": [r["role"] for r in roles_of(here, o, event)]}
                         for o in others],
    }


def build_views(store: KnowledgeStore, iris: list[str]) -> Built:
    """The views of the persons `iris` (kg.views): each record's head, then its event entries by position.

    The same functions as the live record, over many persons and events at once: every event is read
    once however many of these persons took part in it."""
    nodes = [NamedNode(i) for i in iris]
    timelines = {iri: _timeline(rows) for iri, rows in grouped(
        [r for chunk in in_chunks(nodes) for r in select(store, "person_events", {"person": chunk})], "person").items()}
    labels = grouped([r for chunk in in_chunks(nodes) for r in select(store, "labels", {"item": chunk})], "item")
    posts: dict[str, list[dict]] = {}
    for chunk in in_chunks(iris):
        posts.update(_posts_of(store, chunk))
    for iri in iris:
        if labels.get(iri):
            yield iri, -1, _record(iri, labels[iri], posts[iri], [], len(timelines.get(iri, [])), 0, 0)
    positions = {iri: {e: i for i, e in enumerate(timelines.get(iri, []))} for iri in iris if labels.get(iri)}
    events = sorted({e for where in positions.values() for e in where})
    for chunk in in_chunks(events, 300):
        yield from _event_entries(store, positions, [NamedNode(e) for e in chunk])
