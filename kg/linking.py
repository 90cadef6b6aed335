"""Linking, at ingest, the persons an article names to the nodes the store already has.

An article's own evidence keys most persons (kg.identity). Two things can still change a key here:

- a person's decision (kg.curation): a node merged into another (`kg merge`) is written as the node
  kept, its identity link saying `curated-merge` and the node it was minted as (`zw:mintedAs`);
- a name the article gives without a post (keyed by the paper's jurisdiction, or unplaced when the
  paper is unknown) goes to the one same-named official placed by a post in that jurisdiction or a
  broader one (无锡 → 江苏 → 中国; an unplaced name: any jurisdiction), whose posts are attested within
  three years of the article (NEAR). Two or more such officials,
  one the name already is, or a pair split apart (`kg split`) leave it as it is: uncertain identity
  is listed by `kg identity candidates`, never guessed. The link says `linked-by-name`.

Officials are known from the store (looked up once per name) and from the documents of this
ingest written before, so a name-only mention that precedes every posted one stays apart until its
document is ingested again; a re-ingest recomputes every link.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode, Quad

from kg.identity import broader
from kg.iri import DCTERMS, ZW
from kg.rdf import BASIS, ENTITY, IDENTITY_LINK, JURISDICTION, LABEL, SCOPE, TYPE, VIA_POST
from kg.records import select
from kg.records.identity import decisions
from kg.settings import DEFAULT_BASE
from kg.sparql_text import text_of
from kg.store_api import KnowledgeStore

NAME_ONLY = frozenset({"publication", "unplaced"})
# How far from the days an official's posts are attested a post-less mention may still be linked to them:
# a term of office is five years, so a name three years off that span is more likely someone else.
NEAR = dt.timedelta(days=3 * 365)
ISSUED = NamedNode(DCTERMS + "issued")
MINTED_AS = NamedNode(ZW + "mintedAs")


@dataclass(frozen=True)
class _Move:
    """Where a person node of the article goes instead, and what its identity link then says."""

    to: str
    basis: str
    scope: str | None  # the jurisdiction to write (None: keep the link's, write no zw:scope)


class NameLinker:
    """Rewrites each document's persons by the curation decisions and links post-less names."""

    def __init__(self, store: KnowledgeStore, base: str = DEFAULT_BASE, *, link_names: bool = True) -> None:
        self.store = store
        self.link_names = link_names
        self._officials: dict[str, dict[str, _Official]] = {}  # name -> {jurisdiction: official}
        # a store with no identity link knows no official: ask it nothing per name (a fresh bulk ingest)
        self._store_knows = link_names and bool(select(store, "any_identity_link"))
        made = decisions(store, base)
        self._merged = {s: o for s, how, o in made if how == "sameAs"}
        self._apart = {frozenset((s, o)) for s, how, o in made if how == "differentFrom"}

    def officials(self, name: str) -> dict[str, _Official]:
        if name not in self._officials:
            rows = select(self.store, "officials_named", {"name": [Literal(name)]}) if self._store_knows else []
            self._officials[name] = {str(r["scope"]): _Official(str(r["person"]), _day(r.get("first")),
                                                                _day(r.get("last"))) for r in rows}
        return self._officials[name]

    def relink(self, graphs: Mapping[NamedNode, list[Quad]]) -> Mapping[NamedNode, list[Quad]]:
        links = [_links(quads) for quads in graphs.values()]
        days = [_issued(quads) for quads in graphs.values()]
        for found, day in zip(links, days, strict=True):
            for person, (name, basis, place, posted) in found.items():
                if posted and basis not in NAME_ONLY:
                    known = self.officials(name)
                    official = known.get(place) or _Official(self._merged.get(person, person), day, day)
                    known[place] = official.seen(day)
        moves: dict[str, _Move] = {}
        for found, day in zip(links, days, strict=True):
            for person, (name, basis, place, _) in found.items():
                if person in self._merged:
                    moves[person] = _Move(self._merged[person], "curated-merge", None)
                elif basis in NAME_ONLY and self.link_names:
                    target = self._target(person, name, place, day)
                    if target:
                        moves[person] = _Move(*target)
        if not moves:
            return graphs
        return {graph: _rewrite(quads, moves) for graph, quads in graphs.items()}

    def _target(self, person: str, name: str, place: str, day: dt.date | None) -> tuple[str, str, str] | None:
        officials = self.officials(name)
        chain = broader(place) if place else tuple(officials)
        candidates = {officials[p].iri: p for p in chain if p in officials and officials[p].near(day)}
        if len(candidates) != 1 or person in candidates:
            return None
        (iri, scope), = candidates.items()
        if frozenset((person, iri)) in self._apart:
            return None
        return iri, "linked-by-name", scope


@dataclass(frozen=True)
class _Official:
    """A person node placed by a post, and the span of days its posts are attested (None: undated)."""

    iri: str
    first: dt.date | None
    last: dt.date | None

    def seen(self, day: dt.date | None) -> _Official:
        if day is None:
            return self
        return _Official(self.iri, min(self.first or day, day), max(self.last or day, day))

    def near(self, day: dt.date | None) -> bool:
        if day is None or self.first is None or self.last is None:
            return True  # no dates to compare: the jurisdiction alone decides
        return self.first - NEAR <= day <= self.last + NEAR


def _day(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _issued(quads: list[Quad]) -> dt.date | None:
    """The issue date of the article whose graph these quads are."""
    return next((_day(text_of(q.object)) for q in quads if q.predicate == ISSUED and "/article/" in text_of(q.subject)), None)


def _links(quads: list[Quad]) -> dict[str, tuple[str, str, str, bool]]:
    """person IRI -> (name, basis, jurisdiction, placed by a post) of the identity links of one graph."""
    links: dict[str, dict[str, object]] = {}
    labels: dict[str, str] = {}
    for q in quads:
        s, p, o = text_of(q.subject), q.predicate, q.object
        if p == TYPE and o == IDENTITY_LINK:
            links.setdefault(s, {})
        elif p in (ENTITY, BASIS, JURISDICTION, VIA_POST):
            links.setdefault(s, {})[p.value] = text_of(o)
        elif p == LABEL:
            labels.setdefault(s, text_of(o))
    out = {}
    for fields in links.values():
        person = fields.get(ENTITY.value)
        if isinstance(person, str) and person in labels:
            out[person] = (labels[person], str(fields.get(BASIS.value, "")), str(fields.get(JURISDICTION.value, "")),
                           VIA_POST.value in fields)
    return out


def _rewrite(quads: list[Quad], moves: dict[str, _Move]) -> list[Quad]:
    """The quads with each moved person's IRI replaced, its scope and identity link updated."""
    nodes = {old: NamedNode(move.to) for old, move in moves.items()}
    link_of = {text_of(q.subject): text_of(q.object) for q in quads if q.predicate == ENTITY and text_of(q.object) in moves}
    out: list[Quad] = []
    for q in quads:
        s, o = q.subject, q.object
        move = moves.get(link_of.get(text_of(s), ""))
        if move and (q.predicate == BASIS or q.predicate == JURISDICTION and move.scope is not None):
            continue  # written again below
        if text_of(s) in moves and q.predicate == SCOPE:
            continue
        out.append(Quad(nodes.get(text_of(s), s), q.predicate, nodes.get(o.value, o) if isinstance(o, NamedNode) else o,
                        q.graph_name))
    graph = quads[0].graph_name if quads else None
    for link, person in sorted(link_of.items()):
        move = moves[person]
        out.append(Quad(NamedNode(link), BASIS, Literal(move.basis), graph))
        if move.scope is not None:
            out.append(Quad(NamedNode(link), JURISDICTION, Literal(move.scope), graph))
        if move.basis == "curated-merge":
            out.append(Quad(NamedNode(link), MINTED_AS, NamedNode(person), graph))
    for old, move in sorted(moves.items()):
        if move.scope and any(text_of(q.subject) == old and q.predicate == TYPE for q in quads):
            out.append(Quad(NamedNode(move.to), SCOPE, Literal(move.scope), graph))
    return out
