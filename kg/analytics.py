"""Aggregate tables behind the analyst's views: attention to policies over time, careers, co-attendance.

Counting events per policy per quarter in SPARQL reads every event of the store (8–12 s at 100×). The
facts those views need — each event's day and article, the policies it emphasised, who took which role,
each person's jurisdiction (`zw:scope`), each post's first and last attested day — are read from the store
with the queries `kg/queries/analytics_*.rq` and kept as SQLite tables beside the REST views, in the same
`views.sqlite` (`kg.views`), with the attention counts per period already summed. A route is then a few
indexed reads.

Fresh the same way as the views: every write counts itself in `writes` (`kg.views.Views.writing`); the
tables remember the count of writes they were built after, and tables built before the last write are
stale. A stale or missing set of tables is never read: the same tables are built live, in memory, from the
store (slow at scale, right always) — `tables` says which it gave. `kg ingest`, `kg views refresh` and
`kg serve`'s background refresh rebuild them (`rebuild`), all at once (one batch: a full read of the facts).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from kg.errors import BadInput
from kg.records import select
from kg.store_api import KnowledgeStore

PERIODS = ("month", "quarter", "year")
ALL = ""  # the jurisdiction column of counts over every jurisdiction
ANALYTICS = "analytics"  # the kind of this refresh job beside the views' "person" and "policy"

SCHEMA = """
CREATE TABLE IF NOT EXISTS a_state (begun INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS a_events (event TEXT PRIMARY KEY, article TEXT NOT NULL, date TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS a_emphases (policy TEXT NOT NULL, event TEXT NOT NULL, PRIMARY KEY (policy, event))
    WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS a_roles (person TEXT NOT NULL, event TEXT NOT NULL, role TEXT NOT NULL,
                                    PRIMARY KEY (person, event, role)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS a_roles_event ON a_roles (event, person);
CREATE TABLE IF NOT EXISTS a_entities (iri TEXT PRIMARY KEY, label TEXT, scope TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS a_posts (person TEXT NOT NULL, post TEXT NOT NULL, title TEXT, first TEXT, last TEXT,
                                    PRIMARY KEY (person, post)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS a_attention (by TEXT NOT NULL, scope TEXT NOT NULL, period TEXT NOT NULL,
                                        policy TEXT NOT NULL, events INTEGER NOT NULL, articles INTEGER NOT NULL,
                                        rank INTEGER NOT NULL, PRIMARY KEY (by, scope, period, policy)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS a_attention_rank ON a_attention (by, scope, period, rank);
CREATE INDEX IF NOT EXISTS a_attention_policy ON a_attention (policy, by, scope, period);
"""
_TABLES = ("a_events", "a_emphases", "a_roles", "a_entities", "a_posts", "a_attention")


def period(day: str | None, by: str) -> str | None:
    """The period of an ISO day: "2024-05" by month, "2024-Q2" by quarter, "2024" by year.

    >>> [period("2024-05-17", by) for by in PERIODS]
    ['2024-05', '2024-Q2', '2024']
    >>> period(None, "month") is None
    True
    """
    if not day or len(day) < 7:
        return None
    if by == "month":
        return day[:7]
    if by == "quarter":
        return f"{day[:4]}-Q{(int(day[5:7]) + 2) // 3}"
    if by == "year":
        return day[:4]
    raise BadInput(f"by must be one of {', '.join(PERIODS)}, not {by!r}")


@dataclass(frozen=True)
class Facts:
    """The rows the aggregate tables are made of, as read from the store."""

    events: list[tuple[str, str, str | None]]  # event, article, day
    emphases: list[tuple[str, str]]  # policy, event
    roles: list[tuple[str, str, str]]  # person, event, role (local name)
    entities: list[tuple[str, str | None, str | None]]  # person or policy, label, scope
    posts: list[tuple[str, str, str | None, str | None, str | None]]  # person, post, title, first, last day


def read_events(store: KnowledgeStore) -> list[tuple[str, str, str | None]]:
    """(event, article, day) of every event."""
    return [(str(r["event"]), str(r["article"]), _day(r.get("date"))) for r in select(store, "analytics_events")]


def read_facts(store: KnowledgeStore) -> Facts:
    return Facts(
        events=read_events(store),
        emphases=[(str(r["policy"]), str(r["event"])) for r in select(store, "analytics_emphases")],
        roles=[(str(r["person"]), str(r["event"]), str(r["role"]).rsplit("#", 1)[-1])
               for r in select(store, "analytics_roles")],
        entities=_entities(store),
        posts=[(str(r["person"]), str(r["post"]), _text(r.get("title")), _day(r.get("first")), _day(r.get("last")))
               for r in select(store, "analytics_posts")],
    )


def _entities(store: KnowledgeStore) -> list[tuple[str, str | None, str | None]]:
    scopes = {str(r["entity"]): str(r["scope"]) for r in select(store, "analytics_scopes")}
    return [(str(r["entity"]), _text(r.get("label")), scopes.get(str(r["entity"])))
            for r in select(store, "analytics_labels")]


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _day(value: object) -> str | None:
    return None if value is None else str(value)[:10]


def attention(facts: Facts) -> Iterator[tuple[str, str, str, str, int, int, int]]:
    """(by, jurisdiction, period, policy, events, articles, rank) for every period kind, over all
    jurisdictions (`ALL`) and per jurisdiction: an event counts for the jurisdictions of the persons who took
    part in it. `rank` orders the policies of one period: most events first, then by label, then IRI."""
    day = {event: (article, date) for event, article, date in facts.events}
    scope = {iri: s for iri, _, s in facts.entities if s}
    scopes: dict[str, set[str]] = {}
    for person, event, _ in facts.roles:
        if person in scope:
            scopes.setdefault(event, set()).add(scope[person])
    counts: dict[tuple[str, str, str, str], tuple[set[str], set[str]]] = {}
    for policy, event in facts.emphases:
        article, date = day.get(event, (None, None))
        if article is None or date is None:
            continue
        for by in PERIODS:
            for where in (ALL, *scopes.get(event, ())):
                events, articles = counts.setdefault((by, where, period(date, by) or "", policy), (set(), set()))
                events.add(event)
                articles.add(article)
    label = {iri: name or "" for iri, name, _ in facts.entities}
    ranked = sorted(counts.items(), key=lambda item: (item[0][:3], -len(item[1][0]), label.get(item[0][3], ""),
                                                      item[0][3]))
    rank, group = 0, None
    for key, (events, articles) in ranked:
        rank = rank + 1 if key[:3] == group else 1
        group = key[:3]
        yield (*key, len(events), len(articles), rank)


def fill(db: sqlite3.Connection, facts: Facts, writes_begun: int) -> None:
    """Replace the tables' rows by `facts` (inside the caller's transaction)."""
    for table in _TABLES:
        db.execute(f"DELETE FROM {table}")  # noqa: S608 (a fixed table name)
    db.executemany("INSERT OR IGNORE INTO a_events VALUES (?, ?, ?)", facts.events)
    db.executemany("INSERT OR IGNORE INTO a_emphases VALUES (?, ?)", facts.emphases)
    db.executemany("INSERT OR IGNORE INTO a_roles VALUES (?, ?, ?)", facts.roles)
    db.executemany("INSERT OR IGNORE INTO a_entities VALUES (?, ?, ?)", facts.entities)
    db.executemany("INSERT OR IGNORE INTO a_posts VALUES (?, ?, ?, ?, ?)", facts.posts)
    db.executemany("INSERT INTO a_attention VALUES (?, ?, ?, ?, ?, ?, ?)", attention(facts))
    db.execute("DELETE FROM a_state")
    db.execute("INSERT INTO a_state VALUES (?)", (writes_begun,))


def in_memory(store: KnowledgeStore) -> sqlite3.Connection:
    """The tables built now from `store`, in memory (for a store without fresh tables)."""
    db = sqlite3.connect(":memory:", check_same_thread=False)
    db.executescript(SCHEMA)
    fill(db, read_facts(store), 0)
    return db


def is_fresh(db: sqlite3.Connection) -> bool:
    """Whether the tables in the views file `db` were built after its last write (and no write is under way)."""
    try:
        state = db.execute("SELECT begun FROM a_state").fetchone()
        writes = db.execute("SELECT begun, done FROM writes").fetchone()
    except sqlite3.OperationalError:  # a views file from before these tables: not built yet
        return False
    return state is not None and writes is not None and writes[0] == writes[1] == state[0]


def store_built(db: sqlite3.Connection, facts: Facts, writes_begun: int) -> bool:
    """Replace the tables in the views file `db` by `facts`, if no write began since `writes_begun`."""
    with db:
        db.execute("BEGIN IMMEDIATE")
        if db.execute("SELECT begun FROM writes").fetchone()[0] != writes_begun:
            return False
        fill(db, facts, writes_begun)
    return True


def rows(db: sqlite3.Connection, sql: str, params: Iterable[object] = ()) -> list[tuple]:
    return db.execute(sql, tuple(params)).fetchall()
