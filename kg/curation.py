"""`kg merge` and `kg split`: a person's decision about identity, kept apart from the extracted data.

A decision is one statement in the curation graph (`<base>curation/identity`): `OTHER owl:sameAs
KEEP` after a merge, `A owl:differentFrom B` after a split. Ingest never writes that graph and
reads it (kg.linking): a merged node's mentions go to the node kept, a split pair is never linked by
name again. A merge also rewrites the article graphs that name the merged node now, each identity
link keeping the node it was minted as (`zw:mintedAs`), so a split can put them back exactly.
"""

from __future__ import annotations

import datetime as dt

from pyoxigraph import Literal, NamedNode, Quad

from kg.errors import BadInput
from kg.identity import UNPLACED
from kg.iri import DCTERMS, OWL, XSD
from kg.linking import MINTED_AS, is_name_graph, merge_into_kept, relink_names
from kg.rdf import BASIS, ENTITY, JURISDICTION, PERSON, SAME_AS, SCOPE
from kg.records import select
from kg.records.identity import curation_graph
from kg.sparql_text import drop_graphs, insert_data, text_of
from kg.store_api import KnowledgeStore, writing

DIFFERENT_FROM = NamedNode(OWL + "differentFrom")
MODIFIED = NamedNode(DCTERMS + "modified")
CURATED = Literal("curated-merge")


def _label(store: KnowledgeStore, iri: str) -> str:
    rows = select(store, "labels", {"item": [NamedNode(iri)]})
    types = {str(r["type"]) for r in select(store, "node_types", {"item": [NamedNode(iri)]})}
    if PERSON.value not in types or not rows:
        raise BadInput(f"{iri} is not a person of the store")
    return str(rows[0]["label"])


def _graph_quads(store: KnowledgeStore, graph: NamedNode) -> list[Quad]:
    return [Quad(t.subject, t.predicate, t.object, graph) for t in store.graph_triples(graph)]


def _replace(store: KnowledgeStore, graphs: dict[NamedNode, list[Quad]]) -> None:
    if not graphs:
        return
    with writing(store.views):
        store.update(";\n".join([*drop_graphs(graphs), insert_data(graphs)]))


def _decide(store: KnowledgeStore, base: str, remove: Quad | None, add: Quad) -> None:
    """Replace the decision `remove` (if any) by `add`, dated, in the curation graph."""
    graph = curation_graph(base)
    quads = [q for q in _graph_quads(store, graph)
             if q != remove and not (q.subject == add.subject and q.predicate == MODIFIED)]
    today = Literal(dt.date.today().isoformat(), datatype=NamedNode(XSD + "date"))
    _replace(store, {graph: list(dict.fromkeys([*quads, add, Quad(add.subject, MODIFIED, today, graph)]))})


def merge(store: KnowledgeStore, keep: str, other: str, base: str) -> int:
    """Make `other` one with `keep` (same name required); returns the article graphs rewritten."""
    if keep == other:
        raise BadInput("merge needs two different persons")
    if _label(store, keep) != _label(store, other):
        raise BadInput(f"{keep} and {other} have different names; merge joins namesakes only")
    graph = curation_graph(base)
    rewritten: dict[NamedNode, list[Quad]] = {}
    old, new = NamedNode(other), NamedNode(keep)
    for row in select(store, "graphs_naming", {"node": [old]}):
        g = NamedNode(str(row["graph"]))
        if g == graph:
            continue
        quads = _graph_quads(store, g)
        if is_name_graph(base, g):  # a by-name link to `other` now names `keep`; it keeps the node it was minted as
            rewritten[g] = [Quad(q.subject, q.predicate, new if q.object == old and q.predicate == ENTITY else q.object, g)
                            for q in quads]
            continue
        rewritten[g] = merge_into_kept(quads, {other: keep})
    _replace(store, rewritten)
    _decide(store, base, Quad(new, DIFFERENT_FROM, old, graph), Quad(old, SAME_AS, new, graph))
    relink_names(store, [_label(store, keep)], base)  # the officials of the name changed
    return len(rewritten)


def split(store: KnowledgeStore, iri: str, base: str) -> int:
    """Undo the merge of `iri` into another node and record that the two differ; returns graphs rewritten."""
    graph = curation_graph(base)
    old = NamedNode(iri)
    merged = [q for q in _graph_quads(store, graph) if q.subject == old and q.predicate == SAME_AS]
    if not merged:
        raise BadInput(f"{iri} was not merged into another person (kg merge); nothing to split")
    keep = merged[0].object
    rewritten: dict[NamedNode, list[Quad]] = {}
    for row in select(store, "graphs_naming", {"node": [old]}):
        g = NamedNode(str(row["graph"]))
        if g == graph or is_name_graph(base, g):  # the name's links are recomputed below
            continue
        quads = _graph_quads(store, g)
        links = {q.subject for q in quads if q.predicate == MINTED_AS and q.object == old}
        if not links:
            continue
        scope = next((q.object for q in quads if q.subject in links and q.predicate == JURISDICTION), None)
        out = [Quad(old if q.subject == keep else q.subject, q.predicate, old if q.object == keep else q.object, g)
               for q in quads if not (q.subject in links and q.predicate in (MINTED_AS, BASIS))
               and not (q.subject == keep and q.predicate == SCOPE)]
        out += [Quad(link, BASIS, Literal("curated-split"), g) for link in sorted(links, key=str)]
        if scope is not None and text_of(scope) != UNPLACED:
            out.append(Quad(old, SCOPE, scope, g))
        rewritten[g] = out
    name = _label(store, text_of(keep))
    _replace(store, rewritten)
    _decide(store, base, merged[0], Quad(old, DIFFERENT_FROM, keep, graph))
    relink_names(store, [name], base)
    return len(rewritten)

