"""Linking the persons an article names to the nodes of the whole store, recomputed from the store alone.

An article's own evidence keys most persons (kg.identity), and its graph is written as extracted. Two things
can still change a key:

- a person's decision (kg.curation): a node merged into another (`kg merge`) is written as the node kept, its
  identity link saying `curated-merge` and the node it was minted as (`zw:mintedAs`) — `NameLinker.relink`, as
  each document is written;
- a name the article gives without a post (keyed by the paper's jurisdiction, or unplaced when the paper is
  unknown) goes to the one same-named official placed by a post in that jurisdiction or a broader one
  (无锡 → 江苏 → 中国; an unplaced name: any jurisdiction), whose posts are attested within three years of
  the article (NEAR). Two or more such officials, one the name already is, or a pair split apart (`kg split`)
  leave it as it is: uncertain identity is listed by `kg identity candidates`, never guessed.

The second is `relink_names`, a pass run after each ingest, `kg remove`, `kg merge` and `kg split` over the
names those touched. It reads every article graph naming such a name as it stands in the store, so the result
depends on which documents are stored, never on the order they came in or how often. An ingest runs it
(`NameLinker.finish`) before its last bulk batch is written: that batch's graphs are read from memory as the
store would answer once they are written (kg.name_mentions) and linked before they are written, so a fresh
ingest that fits in one batch never rewrites an article graph in the store; the graphs already stored get
only the statements that change, in one update per 200 names after the batch. Each name's links live in
their own named graph, `<base>identity/name/<name>` (`name_graph`): per linked mention a `zw:IdentityLink` with
`zw:identityBasis "linked-by-name"`, the node it was minted as, the jurisdiction of the official, the article's
link it revises (`prov:wasRevisionOf`) and its evidence sentence. The article graph names the official instead
of the minted node; recomputing a name puts every article graph back to its minted node first, so a link that
no longer holds (the official's article removed) is undone.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode, Quad

from kg.identity import broader
from kg.iri import PROV, ZW, slug
from kg.name_mentions import GraphDigest, Mention, mentions_of
from kg.rdf import (
    BASIS,
    DERIVED_FROM,
    ENTITY,
    EVIDENCE,
    IDENTITY_LINK,
    JURISDICTION,
    PERSON,
    QUOTE,
    SCOPE,
    TYPE,
)
from kg.records import bind, in_chunks, select, sparql
from kg.records.identity import decisions
from kg.settings import DEFAULT_BASE
from kg.sparql_text import delete_data, drop_graphs, insert_data, text_of
from kg.store_api import KnowledgeStore, solutions, writing
from kg.writer import DocumentWriter

NAME_ONLY = frozenset({"publication", "unplaced"})
# How far from the days an official's posts are attested a post-less mention may still be linked to them:
# a term of office is five years, so a name three years off that span is more likely someone else.
NEAR = dt.timedelta(days=3 * 365)
MINTED_AS = NamedNode(ZW + "mintedAs")
REVISES = NamedNode(PROV + "wasRevisionOf")
LINKED_BY_NAME = "linked-by-name"
RECENT = 2_000  # graphs whose digests a NameLinker keeps: more than a bulk batch holds (~350 at 100,000 quads)
NAMES_PER_QUERY = 200
# Article graphs whose moved statements one query reads: its VALUES blocks pair every graph with every node of
# the chunk, so a chunk is kept small (a few moves a graph: 25 graphs, ~100 nodes, ~2,500 pairs).
GRAPHS_PER_READ = 25


def name_graph(base: str, name: str) -> NamedNode:
    """The named graph holding the by-name links of `name`."""
    return NamedNode((base if base.endswith("/") else base + "/") + "identity/name/" + slug(name))


def is_name_graph(base: str, graph: NamedNode) -> bool:
    return graph.value.startswith((base if base.endswith("/") else base + "/") + "identity/name/")


def names_in(store: KnowledgeStore, graphs: Iterable[NamedNode]) -> set[str]:
    """The names of the persons stored in `graphs` (read before a removal, to recompute their links after)."""
    names: set[str] = set()
    for chunk in in_chunks(list(graphs)):
        names |= {str(r["name"]) for r in select(store, "person_names_in", {"graph": list(chunk)})}
    return names


def remove_documents(store: KnowledgeStore, documents: Iterable[NamedNode], base: str = DEFAULT_BASE, *,
                     link_names: bool = True) -> tuple[int, set[str]]:
    """Remove `documents`' graphs; returns how many went and the names whose links must be recomputed
    (`relink_names`, once for a whole batch of removals)."""
    documents = list(documents)
    names = names_in(store, [g for d in documents for g in store.graphs_of_document(d)]) if link_names else set()
    return sum(store.remove_document(d) for d in documents), names


class NameLinker:
    """Rewrites each document's persons by the curation decisions as it is written, and notes their names;
    `finish` then recomputes the by-name links of those names (`relink_names`)."""

    def __init__(self, store: KnowledgeStore, base: str = DEFAULT_BASE, *, link_names: bool = True) -> None:
        self.store, self.base, self.link_names = store, base, link_names
        self.names: set[str] = set()
        self._recent: dict[NamedNode, GraphDigest] = {}  # of the graphs written last, for `finish` (RECENT at most)
        self._merged = {s: o for s, how, o in decisions(store, base) if how == "sameAs"}

    def relink(self, graphs: Mapping[NamedNode, list[Quad]]) -> Mapping[NamedNode, list[Quad]]:
        if self._merged:
            graphs = {graph: self._kept(quads) for graph, quads in graphs.items()}
        for graph, quads in graphs.items():
            digest = GraphDigest(graph, quads)
            self.names |= digest.names
            self._recent.pop(graph, None)
            self._recent[graph] = digest
            if len(self._recent) > RECENT:
                del self._recent[next(iter(self._recent))]
        return graphs

    def _kept(self, quads: list[Quad]) -> list[Quad]:
        merged = {text_of(q.subject) for q in quads if q.predicate == TYPE and q.object == PERSON} & self._merged.keys()
        return merge_into_kept(quads, {m: self._merged[m] for m in merged}) if merged else quads

    def finish(self, writer: DocumentWriter | None = None) -> int:
        """Recompute the links of the names noted. With the `writer` they were written through, before it is
        closed: the documents it has gathered but not written yet are linked in memory and then written,
        so the batch written last (the whole ingest, when it fits in one) is never rewritten in the store."""
        if not self.link_names:
            return 0
        batch = writer.take() if writer is not None else []
        pending = {graph: list(quads) for _, graphs in batch for graph, quads in graphs.items()}
        digests = {graph: self._recent.get(graph) or GraphDigest(graph, quads) for graph, quads in pending.items()}
        updates = link_names(self.store, self.names, self.base, pending, digests)
        if batch:
            self.store.add_new_documents([(document, {g: pending[g] for g in graphs}) for document, graphs in batch])
        return sum(update.write(self.store) for update in updates)


def merge_into_kept(quads: list[Quad], merged: dict[str, str]) -> list[Quad]:
    """A graph whose merged persons are written as the nodes kept, each identity link saying so."""
    links = {q.subject for q in quads if q.predicate == ENTITY and text_of(q.object) in merged}
    minted = {q.subject: q.object for q in quads if q.subject in links and q.predicate == ENTITY}
    out = []
    for q in quads:
        if text_of(q.subject) in merged and q.predicate == SCOPE:
            continue
        if q.subject in links and q.predicate == BASIS:
            out += [Quad(q.subject, BASIS, Literal("curated-merge"), q.graph_name),
                    Quad(q.subject, MINTED_AS, minted[q.subject], q.graph_name)]
            continue
        out.append(Quad(_moved(q.subject, merged), q.predicate, _moved(q.object, merged), q.graph_name))
    return out


def _moved(term, moves: Mapping[str, str]):  # noqa: ANN001, ANN202 - any RDF term in, the same kind out
    return NamedNode(moves[term.value]) if isinstance(term, NamedNode) and term.value in moves else term


@dataclass(frozen=True)
class _Official:
    """A person node placed by a post, and the span of days its posts are attested (None: undated)."""

    iri: str
    first: dt.date | None
    last: dt.date | None

    def near(self, day: dt.date | None) -> bool:
        if day is None or self.first is None or self.last is None:
            return True  # no dates to compare: the jurisdiction alone decides
        return self.first - NEAR <= day <= self.last + NEAR


def _officials(mentions: list[Mention]) -> dict[str, _Official]:
    """jurisdiction -> the official a post placed there (the first IRI in order, were there several)."""
    days: dict[tuple[str, str], list[dt.date]] = defaultdict(list)
    for m in mentions:
        if m.posted and m.basis not in NAME_ONLY:
            days[(m.scope, m.person)] += [m.day] if m.day else []
    out: dict[str, _Official] = {}
    for (scope, iri), seen in sorted(days.items()):
        if scope not in out:
            out[scope] = _Official(iri, min(seen, default=None), max(seen, default=None))
    return out


def _target(minted: str, place: str, day: dt.date | None, officials: dict[str, _Official],
            apart: set[frozenset[str]]) -> tuple[str, str] | None:
    """(official IRI, its jurisdiction) a post-less mention minted as `minted` is linked to, or None."""
    chain = broader(place) if place else tuple(sorted(officials))
    found = {officials[p].iri: p for p in chain if p in officials and officials[p].near(day)}
    if len(found) != 1 or minted in found:
        return None
    (iri, scope), = found.items()
    return None if frozenset((minted, iri)) in apart else (iri, scope)


def relink_names(store: KnowledgeStore, names: Iterable[str], base: str = DEFAULT_BASE) -> int:
    """Recompute the by-name links of `names` from the store's article graphs; returns the graphs rewritten."""
    return sum(update.write(store) for update in link_names(store, names, base))


@dataclass(frozen=True)
class _Update:
    """The statements a relink of some names deletes and inserts, and the link graphs it empties."""

    gone: dict[NamedNode, list[Quad]]
    new: dict[NamedNode, list[Quad]]
    emptied: list[NamedNode]
    rewritten: int  # article graphs in the store whose mentions move

    def write(self, store: KnowledgeStore) -> int:
        """One SPARQL update; returns the article graphs rewritten."""
        gone, new = self.gone, self.new
        operations = [*([delete_data(gone)] if gone else []), *([insert_data(new)] if new else []),
                      *drop_graphs(self.emptied)]
        if operations:
            with writing(store.views, [q for qs in (*gone.values(), *new.values()) for q in qs]):
                store.update(";\n".join(operations))
        return self.rewritten


def link_names(store: KnowledgeStore, names: Iterable[str], base: str = DEFAULT_BASE,
               pending: dict[NamedNode, list[Quad]] | None = None,
               digests: Mapping[NamedNode, GraphDigest] | None = None) -> list[_Update]:
    """The by-name links of `names`, recomputed from the store's article graphs and `pending`, article graphs
    new to the store about to be written (read as if stored, through their `digests`): the mentions that move
    in `pending` are moved in place, the rest is returned as updates to write (in order, after `pending` is
    written)."""
    made = decisions(store, base)
    merged = {s for s, how, _ in made if how == "sameAs"}
    apart = {frozenset((s, o)) for s, how, o in made if how == "differentFrom"}
    return [_relink_chunk(store, list(chunk), base, merged, apart, pending or {}, digests or {})
            for chunk in in_chunks(sorted(names), NAMES_PER_QUERY)]


def _relink_chunk(store: KnowledgeStore, names: list[str], base: str, merged: set[str],
                  apart: set[frozenset[str]], pending: dict[NamedNode, list[Quad]],
                  digests: Mapping[NamedNode, GraphDigest]) -> _Update:
    by_name = mentions_of(store, names, digests.values())
    graphs = [name_graph(base, n) for n in names]
    old_links: dict[NamedNode, set[Quad]] = defaultdict(set)
    for row in solutions(store.query(bind(sparql("graph_quads"), {"graph": graphs}))):
        old_links[row["graph"]].add(Quad(row["s"], row["p"], row["o"], row["graph"]))
    revised = {q.object: q.subject for qs in old_links.values() for q in qs if q.predicate == REVISES}
    linked_as = {(q.subject, q.predicate): q.object for qs in old_links.values() for q in qs
                 if q.predicate in (ENTITY, MINTED_AS)}

    new_links: dict[NamedNode, list[Quad]] = {}
    moves: dict[NamedNode, list[tuple[Mention, str, str, str | None]]] = defaultdict(list)  # (mention, now, wanted, scope)
    for name, mentions in by_name.items():
        officials = _officials(mentions)
        graph = name_graph(base, name)
        quads: list[Quad] = []
        for m in sorted(mentions, key=lambda m: m.link.value):
            earlier = revised.get(m.link)
            was_linked = earlier is not None and linked_as.get((earlier, ENTITY)) == NamedNode(m.person)
            minted = text_of(linked_as[(earlier, MINTED_AS)]) if was_linked and earlier else m.person
            target = None
            if m.basis in NAME_ONLY and minted not in merged:
                target = _target(minted, m.scope, m.day, officials, apart)
            if target:
                quads += _link_quads(m, minted, *target, graph)
            wanted = target[0] if target else minted
            if wanted != m.person:
                moves[m.graph].append((m, m.person, wanted, target[1] if target else None))
        if quads:
            new_links[graph] = quads
    changed_links = [g for g in graphs if set(new_links.get(g, [])) != old_links.get(g, set())]
    for graph in [g for g in moves if g in pending]:  # not stored yet: moved before it is written
        moved = moves.pop(graph)
        nodes = _moved_nodes(moved)
        kept: list[Quad] = []
        touched: list[Quad] = []
        for q in pending[graph]:  # one pass: the graph's statements a move may change, and the others
            (touched if q.subject in nodes or q.object in nodes else kept).append(q)
        pending[graph] = kept + _apply_moves(touched, graph, moved)
    return _changes(store, moves, {g: (old_links.get(g, set()), set(new_links.get(g, []))) for g in changed_links})


def _changes(store: KnowledgeStore, moves: Mapping[NamedNode, list[tuple[Mention, str, str, str | None]]],
             links: Mapping[NamedNode, tuple[set[Quad], set[Quad]]]) -> _Update:
    """Move the mentions in their stored article graphs and replace the link graphs (`links`: graph -> (old,
    new)): only the statements that change."""
    articles = _touched_statements(store, moves) if moves else {}
    rewritten = {g: _apply_moves(articles[g], g, moves[g]) for g in sorted(moves, key=lambda g: g.value)}
    # only the statements that change: an update dropping and inserting whole graphs took 10 s for 104 at 1×
    before = {**{g: set(articles[g]) for g in rewritten}, **{g: old for g, (old, _) in links.items()}}
    after = {**{g: set(qs) for g, qs in rewritten.items()}, **{g: new for g, (_, new) in links.items()}}
    gone = {g: sorted(before[g] - after[g], key=str) for g in before if before[g] - after[g]}
    new = {g: sorted(after[g] - before[g], key=str) for g in after if after[g] - before[g]}
    return _Update(gone, new, [g for g in links if not after[g]], len(rewritten))


def _touched_statements(store: KnowledgeStore, moves: Mapping[NamedNode, list[tuple[Mention, str, str, str | None]]]
                        ) -> dict[NamedNode, list[Quad]]:
    """Per article graph of `moves`, its statements about or pointing at a node a move there names (the one it
    leaves or the one it goes to), in a fixed order. Moving a mention changes only these, so the difference
    they give is the whole graph's (reading whole graphs was most of a relink's time)."""
    nodes = {g: _moved_nodes(ms) for g, ms in moves.items()}
    found: dict[NamedNode, set[Quad]] = defaultdict(set)
    graphs = sorted(moves, key=lambda g: g.value)
    for chunk in in_chunks(graphs, GRAPHS_PER_READ):
        wanted = sorted({n for g in chunk for n in nodes[g]}, key=lambda n: n.value)
        query = bind(sparql("node_statements_in"), {"graph": list(chunk), "node": wanted})
        for row in solutions(store.query(query)):
            graph, subject, target = row["graph"], row["s"], row["o"]
            if subject in nodes[graph] or target in nodes[graph]:
                found[graph].add(Quad(subject, row["p"], target, graph))
    return {g: sorted(found.get(g, ()), key=str) for g in graphs}


def _moved_nodes(moved: list[tuple[Mention, str, str, str | None]]) -> set[NamedNode]:
    """The nodes the mentions `moved` leave or go to: only statements about or pointing at them change."""
    return {NamedNode(node) for _, now, wanted, _ in moved for node in (now, wanted)}


def _apply_moves(quads: list[Quad], graph: NamedNode, moved: list[tuple[Mention, str, str, str | None]]) -> list[Quad]:
    for move in moved:  # in order: a later move sees what the earlier ones made
        quads = _moved_mention(quads, graph, *move)
    return quads


def _link_quads(m: Mention, minted: str, official: str, scope: str, graph: NamedNode) -> list[Quad]:
    """The explanation of one by-name link, in the name's link graph."""
    node = NamedNode(m.link.value + "/by-name")
    quads: list[tuple[NamedNode, NamedNode | Literal]] = [(TYPE, IDENTITY_LINK), (REVISES, m.link), (ENTITY, NamedNode(official)), (MINTED_AS, NamedNode(minted)),
             (BASIS, Literal(LINKED_BY_NAME)), (JURISDICTION, Literal(scope))]
    for iri, predicate in ((m.article, DERIVED_FROM), (m.evidence, EVIDENCE)):
        if iri:
            quads.append((predicate, NamedNode(iri)))
    if m.quote:
        quads.append((QUOTE, Literal(m.quote)))
    return [Quad(node, p, o, graph) for p, o in quads]


def _moved_mention(quads: list[Quad], graph: NamedNode, m: Mention, now: str, wanted: str,
                   scope: str | None) -> list[Quad]:
    """The statements of an article graph (those about `now` or `wanted` at least) with its mention naming
    `wanted` (the official, or the minted node again) instead of `now`; its zw:scope is the official's
    jurisdiction `scope`, or for the minted node its link's own jurisdiction."""
    current, target = NamedNode(now), NamedNode(wanted)
    out = []
    for q in quads:
        if q.subject == current and q.predicate == SCOPE:
            continue
        if q.subject == current or q.object == current:
            q = Quad(target if q.subject == current else q.subject, q.predicate,
                     target if q.object == current else q.object, q.graph_name)
        out.append(q)
    own_scope = scope if scope is not None else m.scope
    if own_scope and any(q.subject == target and q.predicate == TYPE for q in out):
        out.append(Quad(target, SCOPE, Literal(own_scope), graph))
    return out
