"""What the name linking (kg.linking) reads: the mentions of a name, each an article graph's identity link
with the node it names now and what placed it — from the store (`name_mentions`, `mention_facts`), or from
article graphs about to be written, read as the queries would read them once stored (`GraphDigest`)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, Triple

from kg.iri import DCTERMS
from kg.rdf import BASIS, DERIVED_FROM, ENTITY, EVIDENCE, JURISDICTION, LABEL, PERSON, QUOTE, TYPE, VIA_POST
from kg.records import bind, in_chunks, sparql
from kg.sparql_text import text_of
from kg.store_api import KnowledgeStore, solutions

ISSUED = NamedNode(DCTERMS + "issued")
STRING = NamedNode("http://www.w3.org/2001/XMLSchema#string")
# What `mention_facts` reads of a link (and ISSUED of an article), and all a `GraphDigest` keeps of a graph
_FACTS = frozenset({JURISDICTION, VIA_POST, DERIVED_FROM, EVIDENCE, QUOTE, ISSUED})
_READ = _FACTS | {LABEL, TYPE, ENTITY, BASIS}
Node = NamedNode | BlankNode | Literal | Triple  # any term a quad holds (RDF-star triples: none of ours)


class GraphDigest:
    """What a relink reads of one article graph about to be written, gathered in one pass over its quads:
    its persons' names, the nodes identity links name, the links' facts and the article's date (`_FACTS`)."""

    def __init__(self, graph: NamedNode, quads: Iterable[Quad]) -> None:
        self.graph = graph
        persons: set[Node] = set()
        self.labels: dict[Node, list[Literal]] = defaultdict(list)
        self.entities: list[tuple[Node, Node]] = []  # (link, the node it names)
        self.basis: dict[Node, Node] = {}
        self.facts: dict[str, list[tuple[str, str]]] = defaultdict(list)
        stated = []  # the other facts, kept for the links' only once all are known (most are about other nodes)
        for q in quads:
            predicate = q.predicate
            if predicate not in _READ:
                continue
            if predicate == LABEL:
                if isinstance(q.object, Literal):
                    self.labels[q.subject].append(q.object)
            elif predicate == TYPE:
                if q.object == PERSON:
                    persons.add(q.subject)
            elif predicate == ENTITY:
                self.entities.append((q.subject, q.object))
            elif predicate == BASIS:
                self.basis[q.subject] = q.object
            elif predicate == ISSUED:
                self.facts[text_of(q.subject)].append((predicate.value, text_of(q.object)))
            else:
                stated.append(q)
        links = {link for link, _ in self.entities if link in self.basis}  # identity links: other mentions have no basis
        for q in stated:
            if q.subject in links:
                self.facts[text_of(q.subject)].append((q.predicate.value, text_of(q.object)))
        self.names = {label.value for person in persons for label in self.labels.get(person, ())}

    def mentions(self, names: set[str]) -> dict[str, tuple]:
        """What `name_mentions` would answer of this graph for `names`: link -> (name, graph, node, basis)."""
        rows = {}
        for link, node in self.entities:
            for label in self.labels.get(node, ()):
                if label.datatype == STRING and label.value in names and link in self.basis:
                    rows[text_of(link)] = (label, self.graph, node, self.basis[link])
        return rows


@dataclass(frozen=True)
class Mention:
    """One article's identity link of a name, as stored: the node it names now and what placed it."""

    graph: NamedNode
    link: NamedNode
    person: str
    basis: str
    scope: str
    posted: bool
    day: dt.date | None
    article: str | None
    evidence: str | None
    quote: str | None


def mentions_of(store: KnowledgeStore, names: list[str], pending: Iterable[GraphDigest]) -> dict[str, list[Mention]]:
    """name -> the identity links of the article graphs naming it, as stored now or pending."""
    by_name: dict[str, list[Mention]] = defaultdict(list)
    query = bind(sparql("name_mentions"), {"name": [Literal(n) for n in names]})
    rows = {row["link"].value: (row["name"], row["graph"], row["person"], row["basis"])  # terms: cheaper than JSON
            for row in solutions(store.query(query))}
    about = _facts(store, sorted(rows))
    issued: dict[str, list[tuple[str, str]]] = {}
    wanted = set(names)
    for digest in pending:  # not stored yet: read from memory, as the queries would read them
        found = digest.mentions(wanted)
        rows.update(found)
        about.update({link: digest.facts.get(link, []) for link in found})
        issued.update({article: digest.facts[article] for link in found for p, article in digest.facts.get(link, ())
                       if p == DERIVED_FROM.value and article in digest.facts})
    articles = {o for facts in about.values() for p, o in facts if p == DERIVED_FROM.value}
    issued.update(_facts(store, sorted(articles - issued.keys())))
    for link, (name, graph, person, basis) in sorted(rows.items()):
        facts = dict(about.get(link, ()))
        article = facts.get(DERIVED_FROM.value)
        by_name[text_of(name)].append(Mention(
            graph, NamedNode(link), text_of(person), text_of(basis),
            facts.get(JURISDICTION.value, ""), VIA_POST.value in facts,
            _day(dict(issued.get(article, ())).get(ISSUED.value)) if article else None,
            article, facts.get(EVIDENCE.value), facts.get(QUOTE.value)))
    return by_name


def _facts(store: KnowledgeStore, nodes: list[str]) -> dict[str, list[tuple[str, str]]]:
    """(predicate, object) of what a relink reads about each of the IRIs `nodes` (links and articles), as plain
    strings: only those predicates (`mention_facts`), since an article's statements are mostly its text."""
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for chunk in in_chunks([NamedNode(n) for n in nodes]):
        for row in solutions(store.query(bind(sparql("mention_facts"), {"node": list(chunk)}))):
            out[text_of(row["node"])].append((text_of(row["p"]), text_of(row["o"])))
    return out


def _day(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None
