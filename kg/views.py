"""Precomputed views of the fame-sized parts of the REST person and policy records.

The record of a famous official or of a policy most events emphasise grows
with fame: every page would read all its events to order them, and count its
officials and the policies beside it. For *heavy* entities (at least
`HEAVY_EVENTS` events) the whole record is computed once, by `refresh`, and
kept here: the record without its events (the head) and each event's entry at
its position in page order. A page is then one SQLite read. Light entities
stay live: they are fast already.

The views live in `<store>/views.sqlite` (RocksDB ignores files it did not
write; deleting the store folder deletes its views). Not in the RDF store on
purpose: its union default graph includes every graph, so derived rows there
would show up in users' SPARQL. WAL mode: the server's reader processes read
while its writer writes.

Never a stale view: every write marks the entities it touches stale *before*
it writes the RDF (a crash in between leaves them stale, which is safe), and a
stale or missing view means the record is computed live. `refresh` recomputes
the views of heavy entities that are stale or have none and drops views of
entities no longer heavy.
"""

from __future__ import annotations

import json
import sqlite3
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from pyoxigraph import NamedNode, Quad, Store

from kg.iri import ORG, PROV, RDF, ZW

if TYPE_CHECKING:
    from kg.store import GraphStore

HEAVY_EVENTS = 100  # from this many events on, a record's live page costs more than a view read (docs/performance.md)
FILE_NAME = "views.sqlite"
HEADER = "X-KG-View"  # on REST person and policy records: "view" (precomputed here) or "live" (computed now)
PERSON, POLICY = "person", "policy"
ROLE_PROPERTIES = frozenset(ZW + r for r in ("presided", "led", "spokeAt", "accompanied", "attended"))
_TYPED = {ZW + "Person", ZW + "Policy"}
_AGENT_OF = frozenset({PROV + "agent", ZW + "emphasised", ZW + "policy"})  # objects that are persons or policies

_SCHEMA = """
CREATE TABLE IF NOT EXISTS views (iri TEXT PRIMARY KEY, kind TEXT NOT NULL, head BLOB NOT NULL,
                                  stale INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS entries (iri TEXT NOT NULL, pos INTEGER NOT NULL, entry BLOB NOT NULL,
                                    PRIMARY KEY (iri, pos)) WITHOUT ROWID;
"""

# (iri, pos, payload): pos -1 is the record's head (everything but its events), 0… its events in page order
Built = Iterator[tuple[str, int, dict]]
Builder = Callable[["GraphStore", list[str]], Built]


def entities_in(quads: Iterable[Quad]) -> set[str]:
    """IRIs of the persons and policies whose records `quads` touch: typed as such, taking a role at an
    event, holding a post, or emphasised by an event.

    >>> person, event = NamedNode("https://w3id.org/zhengwu/id/person/x/y"), NamedNode("urn:e")
    >>> sorted(entities_in([Quad(person, NamedNode(ZW + "attended"), event)]))
    ['https://w3id.org/zhengwu/id/person/x/y']
    >>> entities_in([Quad(event, NamedNode(ZW + "date"), NamedNode("urn:d"))])
    set()
    """
    found: set[str] = set()
    for quad in quads:
        predicate = quad.predicate.value
        if predicate in ROLE_PROPERTIES or predicate == ORG + "holds":
            found.add(quad.subject.value)
        elif predicate in _AGENT_OF and isinstance(quad.object, NamedNode):
            found.add(quad.object.value)
        elif predicate == RDF + "type" and quad.object.value in _TYPED:
            found.add(quad.subject.value)
    return found


def quads_in(store: Store, graphs: Iterable[NamedNode]) -> Iterator[Quad]:
    """The quads of `graphs` (read lazily: `Views.mark_stale` reads them only when some view is fresh)."""
    for graph in graphs:
        yield from store.quads_for_pattern(None, None, None, graph)


def _pack(payload: dict) -> bytes:
    return zlib.compress(json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode(), 1)


def _unpack(blob: bytes) -> dict:
    return json.loads(zlib.decompress(blob))


class Views:
    """The views file of one store folder; readers open it read-only, and only once it exists."""

    def __init__(self, folder: str | Path, *, read_only: bool) -> None:
        self.path = Path(folder) / FILE_NAME
        self.read_only = read_only
        self._db: sqlite3.Connection | None = None

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is not None:
            return self._db
        if self.read_only:
            if not self.path.exists():
                return None  # no views yet: everything live (checked again next time)
            db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False, isolation_level=None)
        else:
            db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(_SCHEMA)
        db.execute("PRAGMA busy_timeout=5000")
        self._db = db
        return db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    # --- reading -------------------------------------------------------------------
    def page(self, iri: str, limit: int, offset: int) -> dict | None:
        """The record of `iri` with `limit` events from `offset`, from a fresh view; None when there is none."""
        db = self._connect()
        if db is None:
            return None
        try:
            db.execute("BEGIN")  # one read transaction: head and entries from the same refresh
            try:
                row = db.execute("SELECT head FROM views WHERE iri = ? AND stale = 0", (iri,)).fetchone()
                if row is None:
                    return None
                entries = db.execute("SELECT entry FROM entries WHERE iri = ? AND pos >= ? AND pos < ? ORDER BY pos",
                                     (iri, offset, offset + limit)).fetchall()
            finally:
                db.execute("COMMIT")
        except sqlite3.OperationalError:  # e.g. a file from before the tables existed: live this once
            return None
        record = _unpack(row[0])
        record.update(events=[_unpack(e) for (e,) in entries], events_limit=limit, events_offset=offset)
        return record

    def fresh(self) -> set[str]:
        """IRIs with a fresh view."""
        db = self._connect()
        return {iri for (iri,) in db.execute("SELECT iri FROM views WHERE stale = 0")} if db else set()

    # --- marking -------------------------------------------------------------------
    def _has_fresh(self, db: sqlite3.Connection) -> bool:
        return db.execute("SELECT 1 FROM views WHERE stale = 0 LIMIT 1").fetchone() is not None

    def mark_stale(self, quads: Iterable[Quad]) -> int:
        """Mark stale the views of the entities `quads` touch (before they are written or removed).

        `quads` is only read when some view is fresh, so writes into a store without views cost nothing."""
        db = self._connect()
        if db is None or not self._has_fresh(db):
            return 0
        return self.mark_iris_stale(entities_in(quads))

    def mark_iris_stale(self, iris: Iterable[str]) -> int:
        db = self._connect()
        if db is None:
            return 0
        with db:
            db.execute("BEGIN IMMEDIATE")
            return db.executemany("UPDATE views SET stale = 1 WHERE iri = ? AND stale = 0",
                                  ((iri,) for iri in iris)).rowcount

    def mark_all_stale(self) -> None:
        """For writes nobody can attribute (SPARQL Update, the Graph Store Protocol)."""
        db = self._connect()
        if db is not None:
            with db:
                db.execute("UPDATE views SET stale = 1")

    # --- refreshing ----------------------------------------------------------------
    def replace(self, kind: str, built: Built, drop: Iterable[str]) -> int:
        """Store the views `built` yields (replacing the old ones) and drop the views of `drop`, in one
        transaction; returns how many views were stored."""
        db = self._connect()
        assert db is not None and not self.read_only, "views are refreshed by the store's writer"
        stored = 0
        with db:
            db.execute("BEGIN IMMEDIATE")
            for iri in drop:
                db.execute("DELETE FROM views WHERE iri = ?", (iri,))
                db.execute("DELETE FROM entries WHERE iri = ?", (iri,))
            for iri, pos, payload in built:
                if pos < 0:
                    db.execute("DELETE FROM entries WHERE iri = ?", (iri,))
                    db.execute("INSERT OR REPLACE INTO views (iri, kind, head, stale) VALUES (?, ?, ?, 0)",
                               (iri, kind, _pack(payload)))
                    stored += 1
                else:
                    db.execute("INSERT OR REPLACE INTO entries (iri, pos, entry) VALUES (?, ?, ?)",
                               (iri, pos, _pack(payload)))
        return stored

    def state(self, kind: str) -> dict[str, bool]:
        """Each view of `kind`: IRI → fresh."""
        db = self._connect()
        if db is None:
            return {}
        return {iri: not stale for iri, stale in db.execute("SELECT iri, stale FROM views WHERE kind = ?", (kind,))}


def open_views(location: str, *, read_only: bool) -> Views | None:
    """The views of the store folder `location`; None for stores that have none (in memory, remote)."""
    if location == ":memory:" or location.startswith(("http://", "https://")):
        return None
    return Views(location, read_only=read_only)


def _builders() -> dict[str, tuple[str, Builder]]:
    # The record shapes are the API's (api.records); imported here, late, so that `kg` alone imports cleanly.
    from api.records import persons, policies

    return {PERSON: (persons.HEAVY_QUERY, persons.build_views), POLICY: (policies.HEAVY_QUERY, policies.build_views)}


def heavy(store: GraphStore, query: str, threshold: int = HEAVY_EVENTS) -> set[str]:
    """IRIs whose event count (the `?n` of `query`, one aggregate over the store) reaches `threshold`."""
    return {row["entity"].value for row in store.query(query)  # type: ignore[union-attr]
            if int(row["n"].value) >= threshold}


def refresh(store: GraphStore, threshold: int = HEAVY_EVENTS) -> int:
    """Recompute the views of heavy entities that are stale or have none, drop the views of entities no
    longer heavy; returns how many views were recomputed. A store without views (in memory, remote): 0."""
    views: Views | None = getattr(store, "views", None)
    if views is None or views.read_only:
        return 0
    refreshed = 0
    for kind, (query, build) in _builders().items():
        wanted = heavy(store, query, threshold)
        state = views.state(kind)
        todo = sorted(iri for iri in wanted if not state.get(iri, False))
        drop = [iri for iri in state if iri not in wanted]
        if todo or drop:
            refreshed += views.replace(kind, build(store, todo) if todo else iter(()), drop)
    return refreshed


def timed_refresh(store: GraphStore, threshold: int = HEAVY_EVENTS) -> tuple[int, float]:
    """`refresh`, and how long it took in seconds."""
    started = time.perf_counter()
    count = refresh(store, threshold)
    return count, time.perf_counter() - started
