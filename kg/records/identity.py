"""Identity candidates: person nodes that may be one official, listed for a person to decide.

Two nodes of the same name are candidates when their jurisdictions are near (one inside the
other, or two places of one province) or one of them is unplaced, and nobody has decided yet
(`kg merge` / `kg split`, kept in the curation graph, kg.curation). Their dates show whether
the evidence is consecutive (a move) or overlapping (namesakes).
"""

from __future__ import annotations

from itertools import combinations

from pyoxigraph import NamedNode

from kg.identity import broader
from kg.records import select
from kg.settings import DEFAULT_BASE
from kg.store_api import KnowledgeStore


def curation_graph(base: str = DEFAULT_BASE) -> NamedNode:
    return NamedNode((base if base.endswith("/") else base + "/") + "curation/identity")


def decisions(store: KnowledgeStore, base: str = DEFAULT_BASE) -> list[tuple[str, str, str]]:
    """(subject, "sameAs" | "differentFrom", object) of each decision a person made."""
    rows = select(store, "curation", {"graph": [curation_graph(base)]})
    return [(str(r["subject"]), str(r["relation"]).rsplit("#", 1)[-1], str(r["object"])) for r in rows]


def decided(store: KnowledgeStore, base: str = DEFAULT_BASE) -> set[frozenset[str]]:
    """Pairs of nodes a person decided about, either way."""
    return {frozenset((s, o)) for s, _, o in decisions(store, base)}


def _near(a: str, b: str) -> str | None:
    if not a or not b:
        return "one of them is unplaced"
    if a in broader(b) or b in broader(a):
        return "one jurisdiction lies inside the other"
    if set(broader(a)[1:-1]) & set(broader(b)[1:-1]):
        return "neighbouring jurisdictions of one province"
    return None


def candidates(store: KnowledgeStore, name: str | None = None, base: str = DEFAULT_BASE) -> dict:
    """`{"items": [{"name", "reason", "nodes": [{"iri", "jurisdiction", "first", "last", "articles"}]}]}`."""
    rows = select(store, "same_name_persons")
    by_name: dict[str, list[dict]] = {}
    for r in rows:
        if name is None or r["label"] == name:
            by_name.setdefault(str(r["label"]), []).append(
                {"iri": r["person"], "jurisdiction": r.get("jurisdiction", ""), "first": r.get("first"),
                 "last": r.get("last"), "articles": r.get("articles", 0)})
    done = decided(store, base)
    items = []
    for label, nodes in sorted(by_name.items()):
        for a, b in combinations(nodes, 2):
            reason = _near(str(a["jurisdiction"]), str(b["jurisdiction"]))
            if reason and frozenset((str(a["iri"]), str(b["iri"]))) not in done:
                items.append({"name": label, "reason": reason, "nodes": [a, b]})
    return {"items": items}
