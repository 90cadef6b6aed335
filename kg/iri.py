"""Namespaces and IRI minting, in one place.

IRIs are deterministic and readable: the same input gives the same IRI in any
run, so re-ingesting a document rewrites the same nodes. Path segments keep
Chinese characters (IRIs allow them) and fold everything else to `-`.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import unicodedata

from pyoxigraph import NamedNode

from kg import lexicon
from kg.model import EventKind, Role
from kg.settings import DEFAULT_BASE

ZW = "https://w3id.org/zhengwu/ontology#"
ORG = "http://www.w3.org/ns/org#"
DCTERMS = "http://purl.org/dc/terms/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
PROV = "http://www.w3.org/ns/prov#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SCHEMA = "https://schema.org/"
FOAF = "http://xmlns.com/foaf/0.1/"
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
SH = "http://www.w3.org/ns/shacl#"

PREFIXES = {
    "zw": ZW, "org": ORG, "dcterms": DCTERMS, "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "owl": OWL,
    "prov": PROV, "skos": SKOS, "schema": SCHEMA, "foaf": FOAF, "sem": SEM,
}

# The role vocabulary (kg.model.Role) as IRIs, in its order: the properties and the roles' individuals.
ROLE_PROPERTIES: dict[Role, str] = {role: ZW + role.value for role in Role}
ROLE_NODES: dict[Role, str] = {role: ZW + role.node for role in Role}
EVENT_CLASSES: dict[EventKind, str] = {kind: ZW + kind.value for kind in EventKind}

_UNSAFE = re.compile(r"[^\w.+]+")  # \w keeps CJK letters and digits


@functools.lru_cache(maxsize=1 << 16)  # names, posts and policies recur in every fact of an article and across them
def slug(text: str) -> str:
    """A readable, IRI-safe path segment.

    >>> slug("市委书记")
    '市委书记'
    >>> slug("“四个注重选拔、四个坚决不用”")
    '四个注重选拔-四个坚决不用'
    >>> slug("Ｘｉ Jinping")
    'Xi-Jinping'
    """
    folded = _UNSAFE.sub("-", unicodedata.normalize("NFKC", text)).strip("-_")
    return folded or "h" + hashlib.sha1(text.encode()).hexdigest()[:12]


@functools.lru_cache(maxsize=1024)  # a handful of publications per batch, asked about for every article
def scope_of_source(source: str | None) -> str:
    """The jurisdiction a publication covers, which scopes person identity.

    >>> scope_of_source("无锡日报")
    '无锡'
    >>> scope_of_source(None)
    'unknown'
    """
    if not source:
        return "unknown"
    name = unicodedata.normalize("NFKC", source).strip()
    for suffix in sorted(lexicon.words("publication_suffixes.txt"), key=len, reverse=True):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


@functools.lru_cache(maxsize=1 << 16)  # a person, post or policy recurs across the articles of a batch
def _node(base: str, segments: tuple[str, ...]) -> NamedNode:
    return NamedNode(base + "/".join(slug(s) for s in segments))


def qualified_iri(owner: str, kind: str, *parts: str) -> str:
    """The IRI of a qualification node under the IRI `owner`: `owner/kind/part/…`, each part a slug, so the
    IRI is valid whenever `owner` is (the RDF stage writes it without building a `NamedNode`)."""
    return f"{owner}/{kind}/" + "/".join(slug(p) for p in parts)


class Minter:
    """Mints every IRI of the graph under one configurable base."""

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        self.base = base if base.endswith(("/", "#")) else base + "/"

    def node(self, *segments: str) -> NamedNode:
        return _node(self.base, segments)

    def document_key(self, source: str | None, issued: dt.date | None, doc_id: str) -> tuple[str, ...]:
        return (source or "unknown", issued.isoformat() if issued else "undated", doc_id)

    def document(self, source: str | None, issued: dt.date | None, doc_id: str) -> NamedNode:
        return self.node("document", *self.document_key(source, issued, doc_id))

    def article(self, source: str | None, issued: dt.date | None, doc_id: str, index: int) -> NamedNode:
        return self.node("article", *self.document_key(source, issued, doc_id), str(index))

    def graph(self, article: NamedNode) -> NamedNode:
        """The named graph that holds one article's facts."""
        return NamedNode(self.base + "graph/" + article.value[len(self.base) + len("article/"):])

    def person(self, scope: str, name: str) -> NamedNode:
        """`person/<jurisdiction>/<name>`, or `person/<name>` for a person no evidence places."""
        return self.node("person", *(s for s in (scope, name) if s))

    def reporter(self, source: str | None, name: str) -> NamedNode:
        return self.node("reporter", source or "unknown", name)

    def post(self, scope: str, canonical: str) -> NamedNode:
        return self.node("post", *(s for s in (scope, canonical) if s))

    def organisation(self, name: str) -> NamedNode:
        return self.node("org", name)

    def place(self, name: str) -> NamedNode:
        return self.node("place", name)

    def policy(self, label: str) -> NamedNode:
        return self.node("policy", label)

    def policy_scheme(self) -> NamedNode:
        return self.node("policies")

    def publisher(self, source: str) -> NamedNode:
        return self.node("publication", source)

    def event(self, article: NamedNode, index: int) -> NamedNode:
        return NamedNode(f"{article.value}/event/{index}")

    def qualified(self, owner: NamedNode, kind: str, *parts: str) -> NamedNode:
        """A PROV-style qualification node under `owner` (an event or an article)."""
        return NamedNode(qualified_iri(owner.value, kind, *parts))

    def sentence(self, article: NamedNode, index: int) -> NamedNode:
        return NamedNode(f"{article.value}/sentence/{index}")
