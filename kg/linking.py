"""Linking a name the article gives without a post to the one official the store knows by it.

An article's own evidence keys most persons (kg.identity). A name with no post in the
article (keyed by the paper's jurisdiction, or unplaced when the paper is unknown) is linked
at ingest to the one same-named official placed by a post in that jurisdiction or a
broader one (无锡 → 江苏 → 中国; an unplaced name: any jurisdiction). Two or more such
officials, or one the name already is, leave it as it is: uncertain identity is listed by
`kg identity candidates`, never guessed. The rewritten identity link says
`zw:identityBasis "linked-by-name"`, so the link stays explainable, and a re-ingest recomputes it.

Officials are known from the store (looked up once per name) and from the documents of this
ingest written before, so the result depends on what was ingested first only for a name-only
mention that precedes every posted one; ingesting that document again links it.
"""

from __future__ import annotations

from collections.abc import Mapping

from pyoxigraph import Literal, NamedNode, Quad

from kg.identity import broader
from kg.rdf import BASIS, ENTITY, IDENTITY_LINK, JURISDICTION, LABEL, SCOPE, TYPE, VIA_POST
from kg.records import select
from kg.store_api import KnowledgeStore

LINKED = Literal("linked-by-name")
NAME_ONLY = frozenset({"publication", "unplaced"})


class NameLinker:
    """Rewrites each document's post-less persons to the one official known by their name."""

    def __init__(self, store: KnowledgeStore) -> None:
        self.store = store
        self._officials: dict[str, dict[str, str]] = {}  # name -> {jurisdiction: person IRI}

    def officials(self, name: str) -> dict[str, str]:
        if name not in self._officials:
            rows = select(self.store, "officials_named", {"name": [Literal(name)]})
            self._officials[name] = {str(r["scope"]): str(r["person"]) for r in rows}
        return self._officials[name]

    def relink(self, graphs: Mapping[NamedNode, list[Quad]]) -> Mapping[NamedNode, list[Quad]]:
        links = [_link(quads) for quads in graphs.values()]
        for found in links:
            for person, (name, basis, place, posted) in found.items():
                if posted and basis not in NAME_ONLY:
                    self.officials(name).setdefault(place, person)
        renamed: dict[str, tuple[str, str]] = {}
        for found in links:
            for person, (name, basis, place, _) in found.items():
                if basis in NAME_ONLY:
                    target = self._target(person, name, place)
                    if target:
                        renamed[person] = target
        if not renamed:
            return graphs
        return {graph: _rewrite(quads, renamed) for graph, quads in graphs.items()}

    def _target(self, person: str, name: str, place: str) -> tuple[str, str] | None:
        officials = self.officials(name)
        chain = broader(place) if place else tuple(officials)
        candidates = {officials[p]: p for p in chain if p in officials}
        if len(candidates) != 1 or person in candidates:
            return None
        (iri, scope), = candidates.items()
        return iri, scope


def _link(quads: list[Quad]) -> dict[str, tuple[str, str, str, bool]]:
    """person IRI -> (name, basis, jurisdiction, placed by a post) of the identity links of one graph."""
    links: dict[str, dict[str, object]] = {}
    labels: dict[str, str] = {}
    for q in quads:
        s, p, o = q.subject.value, q.predicate, q.object
        if p == TYPE and o == IDENTITY_LINK:
            links.setdefault(s, {})
        elif p in (ENTITY, BASIS, JURISDICTION, VIA_POST):
            links.setdefault(s, {})[p.value] = o.value
        elif p == LABEL:
            labels.setdefault(s, o.value)
    out = {}
    for fields in links.values():
        person = fields.get(ENTITY.value)
        if isinstance(person, str) and person in labels:
            out[person] = (labels[person], str(fields.get(BASIS.value, "")), str(fields.get(JURISDICTION.value, "")),
                           VIA_POST.value in fields)
    return out


def _rewrite(quads: list[Quad], renamed: dict[str, tuple[str, str]]) -> list[Quad]:
    """The quads with each renamed person's IRI replaced, its scope and identity link updated."""
    nodes = {old: NamedNode(new) for old, (new, _) in renamed.items()}
    relinked = {q.subject.value for q in quads if q.predicate == ENTITY and q.object.value in renamed}
    out: list[Quad] = []
    for q in quads:
        s, o = q.subject, q.object
        if s.value in relinked and q.predicate in (BASIS, JURISDICTION):
            continue  # written again below, from the official linked to
        if s.value in renamed and q.predicate == SCOPE:
            continue
        out.append(Quad(nodes.get(s.value, s), q.predicate, nodes.get(o.value, o) if isinstance(o, NamedNode) else o,
                        q.graph_name))
    graph = quads[0].graph_name if quads else None
    for link in sorted(relinked):
        person = next(q.object.value for q in quads if q.subject.value == link and q.predicate == ENTITY)
        new, scope = renamed[person]
        out.append(Quad(NamedNode(link), BASIS, LINKED, graph))
        out.append(Quad(NamedNode(link), JURISDICTION, Literal(scope), graph))
    for old, (new, scope) in sorted(renamed.items()):
        if any(q.subject.value == old and q.predicate == TYPE for q in quads):
            out.append(Quad(NamedNode(new), SCOPE, Literal(scope), graph))
    return out
