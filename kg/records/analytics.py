"""The analyst's views: a policy's attention over time, the policies each period emphasised, a person's
co-attendance network (the person and everyone who shared an event with them: an ego network) and their
events per period by role.

Read from the aggregate tables of `kg.analytics` (precomputed beside the REST views when fresh, else
built live from the store); each function returns the record and where it came from ("view" or "live"),
like `kg.records.from_view_or_live`. The SPARQL each one answers is in docs/analytics.md.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator

from kg import analytics
from kg.analytics import ALL, period
from kg.errors import BadInput, NotFound
from kg.model import Role
from kg.store_api import KnowledgeStore

ROLES = tuple(role.value for role in Role)  # finest first (kg.model.Role)
MAX_TOP = 100
Served = tuple[dict, str]


@contextlib.contextmanager
def tables(store: KnowledgeStore) -> Iterator[tuple[sqlite3.Connection, str]]:
    """The aggregate tables and where they come from: "view" (fresh, precomputed) or "live" (built now)."""
    views = store.views
    db = views.connection() if views is not None else None
    if db is not None and analytics.is_fresh(db):
        db.execute("BEGIN")  # one read transaction: every table from the same refresh
        try:
            yield db, "view"
        finally:
            db.execute("COMMIT")
        return
    live = analytics.in_memory(store)
    try:
        yield live, "live"
    finally:
        live.close()


def _entity(db: sqlite3.Connection, iri: str, what: str) -> str | None:
    row = db.execute("SELECT label FROM a_entities WHERE iri = ?", (iri,)).fetchone()
    if row is None:
        raise NotFound(f"no {what} {iri}")
    return row[0]


def policy_timeline(store: KnowledgeStore, iri: str, by: str = "month", jurisdiction: str | None = None) -> Served:
    """Per period: the events that emphased the policy and the articles reporting them (dated events only;
    with `jurisdiction`, events at which a person of that jurisdiction took part)."""
    period("2000-01-01", by)  # a bad `by` is refused before any work
    with tables(store) as (db, source):
        label = _entity(db, iri, "policy")
        found = db.execute("SELECT period, events, articles FROM a_attention WHERE policy = ? AND by = ? AND scope = ?"
                           " ORDER BY period", (iri, by, jurisdiction or ALL)).fetchall()
    items = [{"period": p, "events": e, "articles": a} for p, e, a in found]
    return {"iri": iri, "label": label, "by": by, "jurisdiction": jurisdiction, "items": items}, source


def policy_stats(store: KnowledgeStore, by: str = "quarter", top: int = 10, jurisdiction: str | None = None,
                 start: str | None = None, end: str | None = None) -> Served:
    """Per period (from the one holding day `start` to the one holding day `end`): the `top` policies by
    events that emphasised them (ties by label, then IRI)."""
    if not 1 <= top <= MAX_TOP:
        raise BadInput(f"top must be between 1 and {MAX_TOP}, not {top}")
    low, high = period(start, by) if start else "", period(end, by) if end else "\uffff"
    if (start and low is None) or (end and high is None):
        raise BadInput("from and to must be days (YYYY-MM-DD) or months (YYYY-MM)")
    with tables(store) as (db, source):
        found = db.execute(
            "SELECT a.period, a.policy, e.label, a.events FROM a_attention a LEFT JOIN a_entities e ON e.iri = a.policy"
            " WHERE a.by = ? AND a.scope = ? AND a.period >= ? AND a.period <= ? AND a.rank <= ?"
            " ORDER BY a.period, a.rank", (by, jurisdiction or ALL, low, high, top)).fetchall()
    items: dict[str, list[dict]] = {}
    for when, policy, label, events in found:
        items.setdefault(when, []).append({"iri": policy, "label": label, "events": events})
    return {"by": by, "top": top, "jurisdiction": jurisdiction,
            "items": [{"period": p, "policies": ps} for p, ps in items.items()]}, source


def person_network(store: KnowledgeStore, iri: str, least: int = 1) -> Served:
    """The persons who took part in the same events as `iri`, weighted by how many (at least `least`);
    the person is the first node, with their own count of events."""
    if least < 1:
        raise BadInput(f"min must be at least 1, not {least}")
    with tables(store) as (db, source):
        label = _entity(db, iri, "person")
        own = db.execute("SELECT COUNT(DISTINCT event) FROM a_roles WHERE person = ?", (iri,)).fetchone()[0]
        found = db.execute(
            "SELECT o.person, e.label, COUNT(DISTINCT o.event) AS n"
            " FROM (SELECT DISTINCT event FROM a_roles WHERE person = ?) mine"
            " JOIN a_roles o ON o.event = mine.event AND o.person != ?"
            " LEFT JOIN a_entities e ON e.iri = o.person"
            " GROUP BY o.person HAVING n >= ? ORDER BY n DESC, e.label, o.person", (iri, iri, least)).fetchall()
    nodes = [{"iri": iri, "label": label, "events": own}]
    nodes += [{"iri": other, "label": name, "events": n} for other, name, n in found]
    edges = [{"source": iri, "target": other, "events": n} for other, _, n in found]
    return {"iri": iri, "min": least, "nodes": nodes, "edges": edges}, source


def person_timeline(store: KnowledgeStore, iri: str, by: str = "month") -> Served:
    """Per period: the person's events and how many in each role; and the posts they held, with the first
    and last day an article attested each."""
    period("2000-01-01", by)
    with tables(store) as (db, source):
        label = _entity(db, iri, "person")
        found = db.execute("SELECT r.event, r.role, v.date FROM a_roles r JOIN a_events v ON v.event = r.event"
                           " WHERE r.person = ? AND v.date IS NOT NULL", (iri,)).fetchall()
        posts = db.execute("SELECT post, title, first, last FROM a_posts WHERE person = ?"
                           " ORDER BY last DESC, first DESC, post", (iri,)).fetchall()
    periods: dict[str, tuple[set[str], dict[str, set[str]]]] = {}
    for event, role, day in found:
        events, roles = periods.setdefault(period(day, by) or "", (set(), {}))
        events.add(event)
        roles.setdefault(role, set()).add(event)
    items = [{"period": p, "events": len(events), "roles": {r: len(roles[r]) for r in ROLES if r in roles}}
             for p, (events, roles) in sorted(periods.items())]
    return {"iri": iri, "label": label, "by": by,
            "posts": [{"iri": p, "title": t, "first_seen": f, "last_seen": la} for p, t, f, la in posts],
            "items": items}, source
