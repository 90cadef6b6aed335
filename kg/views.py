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
entities no longer heavy (`kg ingest` and `kg views refresh` call it).
`kg serve` refreshes beside its writer instead (`plan_refresh`, `build_batch`):
every write counts itself begun before and done after, and a view computed from
a snapshot is stored only if no write began since.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

from pyoxigraph import NamedNode, Quad

from kg import analytics
from kg.iri import ORG, PROV, RDF, ROLE_PROPERTIES, ZW
from kg.records import Built, persons, policies
from kg.store import open_embedded
from kg.store_api import KnowledgeStore, solutions

# From this many events on, a record is kept as a view; below it a live page is quick enough (the latencies by
# event count: docs/performance.md, "REST pages of famous entities").
HEAVY_EVENTS = 10
FILE_NAME = "views.sqlite"
REFRESH_BATCH = 50  # at most this many entities' views are built together (memory: one batch at a time)
# … and at most this many events between them (an entity with more gets a batch of its own): a batch of famous
# policies was once the memory peak of a whole ingest (docs/performance.md)
REFRESH_EVENTS = 20_000
HEADER = "X-KG-View"  # on REST person and policy records: "view" (precomputed here) or "live" (computed now)
_ROLE_IRIS = frozenset(ROLE_PROPERTIES.values())
PERSON, POLICY = "person", "policy"
_TYPED = {ZW + "Person", ZW + "Policy"}
_AGENT_OF = frozenset({PROV + "agent", ZW + "emphasised", ZW + "policy"})  # objects that are persons or policies

_SCHEMA = """
CREATE TABLE IF NOT EXISTS views (iri TEXT PRIMARY KEY, kind TEXT NOT NULL, head BLOB NOT NULL,
                                  stale INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS entries (iri TEXT NOT NULL, pos INTEGER NOT NULL, entry BLOB NOT NULL,
                                    PRIMARY KEY (iri, pos)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS writes (begun INTEGER NOT NULL, done INTEGER NOT NULL);
INSERT INTO writes SELECT 0, 0 WHERE NOT EXISTS (SELECT 1 FROM writes);
CREATE TABLE IF NOT EXISTS threshold (events INTEGER NOT NULL);
"""

Builder = Callable[[KnowledgeStore, list[str]], Built]


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
        subject, predicate = quad.subject, quad.predicate.value
        if not isinstance(subject, NamedNode):  # a blank node or an RDF-star triple is no entity of ours
            continue
        if predicate in _ROLE_IRIS or predicate == ORG + "holds":
            found.add(subject.value)
        elif predicate in _AGENT_OF and isinstance(quad.object, NamedNode):
            found.add(quad.object.value)
        elif predicate == RDF + "type" and isinstance(quad.object, NamedNode) and quad.object.value in _TYPED:
            found.add(subject.value)
    return found


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
            db.execute("PRAGMA synchronous=NORMAL")  # WAL: no fsync per commit; a process crash loses nothing
            db.executescript(_SCHEMA + analytics.SCHEMA)
        db.execute("PRAGMA busy_timeout=5000")
        self._db = db
        return db

    def copy_to(self, folder: str | Path) -> None:
        """A consistent copy of the views into `folder` (beside a backup of the store), so a restored
        store serves its famous records from views at once instead of live until the next refresh."""
        db = self._connect()
        if db is not None:
            target = sqlite3.connect(Path(folder) / FILE_NAME)
            try:
                db.backup(target)
            finally:
                target.close()

    def connection(self) -> sqlite3.Connection | None:
        """The open views file (None for a reader while it does not exist yet): kg.analytics reads its tables."""
        return self._connect()

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
    # Each write counts itself in `writes` (begun before, done after), so a refresh running beside the
    # writer (kg serve's background refresh) can tell whether its snapshot of the store is still current.
    @contextlib.contextmanager
    def writing(self, quads: Iterable[Quad] | None = None) -> Iterator[None]:
        """Around a write: before it, mark stale the views of the entities `quads` touch (None: every
        view, for writes nobody can attribute); after it, count it done.

        `quads` is only read when some view is fresh, so writes into a store without views stay cheap."""
        db = self._connect()
        if db is None:
            yield
            return
        with db:
            db.execute("BEGIN IMMEDIATE")
            db.execute("UPDATE writes SET begun = begun + 1")
            if quads is None:
                db.execute("UPDATE views SET stale = 1 WHERE stale = 0")
            elif self._has_fresh(db):
                db.executemany("UPDATE views SET stale = 1 WHERE iri = ? AND stale = 0",
                               ((iri,) for iri in entities_in(quads)))
        try:
            yield
        finally:
            with db:
                db.execute("BEGIN IMMEDIATE")
                db.execute("UPDATE writes SET done = done + 1")

    def _has_fresh(self, db: sqlite3.Connection) -> bool:
        return db.execute("SELECT 1 FROM views WHERE stale = 0 LIMIT 1").fetchone() is not None

    def threshold(self, given: int | None = None) -> int:
        """The heavy threshold of this store: `given` (and kept for later refreshes), else the one kept,
        else `HEAVY_EVENTS`."""
        db = self._connect()
        if db is None:
            return given or HEAVY_EVENTS
        if given:
            with db:
                db.execute("BEGIN IMMEDIATE")
                db.execute("DELETE FROM threshold")
                db.execute("INSERT INTO threshold VALUES (?)", (given,))
            return given
        row = db.execute("SELECT events FROM threshold").fetchone()
        return int(row[0]) if row else HEAVY_EVENTS

    def settle(self) -> None:
        """Count every begun write done (see `settle_writes`)."""
        db = self._connect()
        if db is not None:
            with db:
                db.execute("BEGIN IMMEDIATE")
                db.execute("UPDATE writes SET done = begun")

    def writes(self) -> tuple[int, int]:
        """(writes begun, writes done) so far."""
        db = self._connect()
        row = db.execute("SELECT begun, done FROM writes").fetchone() if db else None
        return (int(row[0]), int(row[1])) if row else (0, 0)

    # --- refreshing ----------------------------------------------------------------
    def replace(self, kind: str, built: Built, drop: Iterable[str], *, writes_begun: int | None = None) -> int | None:
        """Store the views `built` yields (replacing the old ones) and drop the views of `drop`, in one
        transaction; returns how many views were stored. With `writes_begun`: only if no write began since
        then (else nothing is stored and None is returned: the views were computed from an old snapshot)."""
        db = self._connect()
        assert db is not None and not self.read_only, "views are refreshed by a writer of views.sqlite"
        stored = 0
        with db:
            db.execute("BEGIN IMMEDIATE")
            if writes_begun is not None and db.execute("SELECT begun FROM writes").fetchone()[0] != writes_begun:
                return None
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
    """Each kind of view: the query counting its entities' events, and the records' builder (kg.records)."""
    return {PERSON: (persons.HEAVY_QUERY, persons.build_views), POLICY: (policies.HEAVY_QUERY, policies.build_views)}


def heavy(store: KnowledgeStore, query: str, threshold: int = HEAVY_EVENTS) -> dict[str, int]:
    """IRI → event count (the `?n` of `query`, one aggregate over the store) of those reaching `threshold`."""
    counts = ((row["entity"].value, int(row["n"].value)) for row in solutions(store.query(query)))
    return {iri: n for iri, n in counts if n >= threshold}


def batches(iris: Iterable[str], events: Mapping[str, int], *, entities: int = REFRESH_BATCH,
            most_events: int = REFRESH_EVENTS) -> Iterator[list[str]]:
    """`iris` in order, cut into batches of at most `entities` IRIs and `most_events` events between them
    (an IRI with more events than that alone), so building a batch's views holds a bounded number of events.

    >>> list(batches("abcde", {"a": 5, "b": 5, "c": 30, "d": 1, "e": 1}, entities=3, most_events=10))
    [['a', 'b'], ['c'], ['d', 'e']]
    """
    batch: list[str] = []
    held = 0
    for iri in iris:
        if batch and (len(batch) == entities or held + events.get(iri, 0) > most_events):
            yield batch
            batch, held = [], 0
        batch.append(iri)
        held += events.get(iri, 0)
    if batch:
        yield batch


def _in_batches(build: Builder, store: KnowledgeStore, iris: list[str], events: Mapping[str, int]) -> Built:
    """`build` over one of `batches` at a time, so a refresh holds one batch's records in memory, not every
    heavy entity's (an event shared by entities of different batches is read once per batch)."""
    for batch in batches(iris, events, entities=REFRESH_BATCH, most_events=REFRESH_EVENTS):
        yield from build(store, batch)


def refresh(store: KnowledgeStore, threshold: int | None = None) -> int:
    """Recompute the views of heavy entities that are stale or have none, drop the views of entities no
    longer heavy; returns how many views were recomputed. A store without views (in memory, remote): 0.
    The analyst's aggregates (kg.analytics) are rebuilt too when a write came after them (not counted).

    Heavy: at least `threshold` events; without it, the store's own threshold (the last one given)."""
    views = store.views
    if not isinstance(views, Views) or views.read_only:
        return 0
    threshold = views.threshold(threshold)
    refreshed = 0
    for kind, (query, build) in _builders().items():
        wanted = heavy(store, query, threshold)
        state = views.state(kind)
        todo = sorted(iri for iri in wanted if not state.get(iri, False))
        drop = [iri for iri in state if iri not in wanted]
        if todo or drop:
            refreshed += views.replace(kind, _in_batches(build, store, todo, wanted), drop) or 0
    db = views.connection()
    if db is not None and not analytics.is_fresh(db):  # the analyst's aggregates (not counted): all rebuilt
        analytics.store_built(db, analytics.read_facts(store), views.writes()[0])
    return refreshed


# --- refreshing beside a running writer (kg serve) -----------------------------------------------------------
# A reader process of the server computes the views from a snapshot it opens itself, after checking that no
# write is under way; the views are stored only if no write began since. Steps are small jobs, so the
# writer never waits and a reader is busy for seconds at a time, not minutes.

def plan_refresh(store: KnowledgeStore, entities: int = REFRESH_BATCH,
                 snapshot_writes: int | None = None) -> tuple[int, dict[str, list[list[str]]]] | None:
    """Drop the views of entities no longer heavy; list the heavy ones to (re)build by kind, in `batches` of
    at most `entities`, with the count of writes begun the plan saw. None while a write is under way, or
    when `store` is a snapshot (taken after `snapshot_writes` writes) that misses a finished one (try again
    later). Without `snapshot_writes`, `store` is the live folder and the plan opens its own snapshot."""
    views = Views(store.location, read_only=False)
    try:
        begun, done = views.writes()
        if begun != done or (snapshot_writes is not None and snapshot_writes != done):
            return None
        snapshot = _snapshot(store, snapshot_writes)  # opened after the check: every finished write
        threshold = views.threshold()
        todo: dict[str, list[list[str]]] = {}
        for kind, (query, _) in _builders().items():
            wanted = heavy(snapshot, query, threshold)
            state = views.state(kind)
            drop = [iri for iri in state if iri not in wanted]
            if drop and views.replace(kind, iter(()), drop, writes_begun=begun) is None:
                return None
            todo[kind] = list(batches(sorted(iri for iri in wanted if not state.get(iri, False)), wanted,
                                      entities=entities))
        db = views.connection()
        if db is not None and not analytics.is_fresh(db):
            todo[analytics.ANALYTICS] = [[]]  # one job rebuilds every aggregate (kg.analytics)
        return begun, {kind: iris for kind, iris in todo.items() if iris}
    finally:
        views.close()


def _snapshot(store: KnowledgeStore, snapshot_writes: int | None) -> KnowledgeStore:
    if snapshot_writes is not None:
        return store  # kg serve's readers: already an immutable snapshot (api.snapshots)
    return open_embedded(store.location, read_only=True)


def build_batch(store: KnowledgeStore, kind: str, iris: list[str], writes_begun: int,
                snapshot_writes: int | None = None) -> bool:
    """Build and store the views of `iris` (of `kind`), if no write began since the plan counted
    `writes_begun` (and `store`, a snapshot taken after `snapshot_writes` writes, holds them all); False
    when one did (plan again)."""
    views = Views(store.location, read_only=False)
    try:
        if views.writes() != (writes_begun, writes_begun) or \
                (snapshot_writes is not None and snapshot_writes != writes_begun):
            return False
        snapshot = _snapshot(store, snapshot_writes)
        if kind == analytics.ANALYTICS:
            facts = analytics.read_facts(snapshot)  # read first: writers never wait on it
            db = views.connection()
            return db is not None and analytics.store_built(db, facts, writes_begun)
        built = list(_builders()[kind][1](snapshot, iris))  # all computed first: writers never wait on it
        return views.replace(kind, iter(built), (), writes_begun=writes_begun) is not None
    finally:
        views.close()


def settle_writes(store: KnowledgeStore) -> None:
    """Writer job after a write that may have been killed midway (its transaction then never happened):
    count every begun write done, so a background refresh does not wait for it forever."""
    if store.views is not None:
        store.views.settle()


def timed_refresh(store: KnowledgeStore, threshold: int | None = None) -> tuple[int, float]:
    """`refresh`, and how long it took in seconds."""
    started = time.perf_counter()
    count = refresh(store, threshold)
    return count, time.perf_counter() - started
