"""The RDF stage: one `Extraction` becomes the quads of its article's named graph.

Each article graph is self-contained: it carries the types and labels of every
person, post, policy, organisation and place it mentions, so dropping one
article's graph (re-ingest, `kg remove`) leaves the entities that other
articles still support. Every fact is asserted twice, as a direct shortcut
(`?person zw:presided ?event`, also `zw:attended`) and as a qualified node
(`zw:Participation`, `zw:Emphasis`, `zw:Holding`, `zw:Mention`) that says which
article, which sentence and which span of the body state it. The vocabulary is
`ontology/zhengwu.ttl`; data literals are plain strings, dates `xsd:date`.

This is on the hot path of `kg extract` and `kg ingest`: pyoxigraph terms are
built directly, constant terms once at import, no rdflib.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib.resources import files

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat
from pyoxigraph import serialize as ox_serialize

from kg.errors import BadInput
from kg.formats import RDF_FORMATS, written
from kg.identity import NATIONAL_SCOPE, UNPLACED, Identity, identify, paper_place, post_jurisdiction
from kg.iri import (
    DCTERMS,
    EVENT_CLASSES,
    ORG,
    OWL,
    PREFIXES,
    PROV,
    RDF,
    RDFS,
    ROLE_NODES,
    ROLE_PROPERTIES,
    SKOS,
    XSD,
    ZW,
    Minter,
    scope_of_source,
)
from kg.model import Event, EventKind, Extraction, Mention, Organisation, Place, Post, Role
from kg.settings import DEFAULT_BASE

ONTOLOGY_DIR = files("kg.ontology")  # ontology/ of the repository, package data of the installed `kg`

TYPE = NamedNode(RDF + "type")
LABEL = NamedNode(RDFS + "label")
XSD_DATE = NamedNode(XSD + "date")
PREF_LABEL, ALT_LABEL, IN_SCHEME = (NamedNode(SKOS + n) for n in ("prefLabel", "altLabel", "inScheme"))
CONCEPT, CONCEPT_SCHEME = NamedNode(SKOS + "Concept"), NamedNode(SKOS + "ConceptScheme")
TITLE, ISSUED, CREATOR, PUBLISHER, IS_PART_OF, SOURCE, IDENTIFIER = (
    NamedNode(DCTERMS + n) for n in ("title", "issued", "creator", "publisher", "isPartOf", "source", "identifier"))
HOLDS, POST_IN, POST, ORGANIZATION = (NamedNode(ORG + n) for n in ("holds", "postIn", "Post", "Organization"))
AGENT, HAD_ROLE, DERIVED_FROM = (NamedNode(PROV + n) for n in ("agent", "hadRole", "wasDerivedFrom"))


def _zw(name: str) -> NamedNode:
    return NamedNode(ZW + name)


(ARTICLE, DOCUMENT, PUBLICATION, JOURNALIST, SENTENCE, PERSON, EVENT, POLICY, PLACE, METADATA_FIELD,
 PARTICIPATION, EMPHASIS, HOLDING, MENTION, IDENTITY_LINK) = (_zw(n) for n in (
    "Article", "Document", "Publication", "Journalist", "Sentence", "Person", "Event", "Policy", "Place",
    "MetadataField", "Participation", "Emphasis", "Holding", "Mention", "IdentityLink"))
SAME_AS = NamedNode(OWL + "sameAs")
BASIS, JURISDICTION, VIA_POST = (_zw(n) for n in ("identityBasis", "jurisdiction", "viaPost"))
(TEXT, SUBTITLE, DATELINE, BODY_OFFSET, POSITION, METADATA, KEY, VALUE, SCOPE, REPORTED_IN, DATE, START_DATE,
 END_DATE, LOCATION, ATTENDED, EMPHASISED, MENTIONED_IN, EVENT_OF, POLICY_OF, POST_OF, ENTITY, HELD_ON,
 EVIDENCE, QUOTE, START, END) = (_zw(n) for n in (
    "text", "subtitle", "dateline", "bodyOffset", "position", "metadata", "key", "value", "scope",
    "reportedIn", "date", "startDate", "endDate", "location", "attended", "emphasised", "mentionedIn",
    "event", "policy", "post", "entity", "heldOn", "evidence", "quote", "startOffset", "endOffset"))

EVENT_CLASS = {kind: NamedNode(iri) for kind, iri in EVENT_CLASSES.items()}
ROLE_PROPERTY = {role: NamedNode(iri) for role, iri in ROLE_PROPERTIES.items()}
ROLE_INDIVIDUAL = {role: NamedNode(iri) for role, iri in ROLE_NODES.items()}
# `Organisation.kind` / `Place.kind` values that name a subclass in the ontology (tests check they exist);
# any other kind keeps the base class only, so an extractor's new kind never mints an undeclared class.
ORGANISATION_CLASS = {k: _zw(k) for k in (
    "PartyOrganization", "PartyCommittee", "GovernmentBody", "PeoplesCongress", "PoliticalConsultativeConference",
    "JudicialBody", "MassOrganization", "SocialOrganization", "Association", "Company", "Bank",
    "EducationalInstitution", "University", "ResearchInstitute", "Hospital", "MediaOrganization")}
PLACE_CLASS = {k: _zw(k) for k in (
    "AdministrativeArea", "Country", "Province", "City", "District", "County", "Township", "Town", "Subdistrict",
    "Community", "Village", "Site", "IndustrialPark")}
POLICY_SCHEME_LABEL = Literal("政务政策与提法")


@dataclass(frozen=True)
class ArticleGraph:
    """The quads of one article, all in its named graph `graph`."""

    document: NamedNode
    article: NamedNode
    graph: NamedNode
    quads: list[Quad]


@functools.lru_cache(maxsize=4096)  # an issue date recurs in every holding and event of its page
def _date(day: dt.date) -> Literal:
    return Literal(day.isoformat(), datatype=XSD_DATE)


@functools.lru_cache(maxsize=1 << 16, typed=True)  # typed: True is no 1
def _integer(value: int) -> Literal:
    """An offset or position as an xsd:integer literal, built once (pyoxigraph's int conversion costs 3× a string's)."""
    return Literal(value)


class _ArticleBuilder:
    """Accumulates one article's quads; `_seen` keeps shared nodes described once per graph."""

    def __init__(self, extraction: Extraction, minter: Minter) -> None:
        self.x = extraction
        self.minter = minter
        a = extraction.article
        self.document = minter.document(a.source, a.issued, a.doc_id)
        self.article = minter.article(a.source, a.issued, a.doc_id, a.index)
        self.graph = minter.graph(self.article)
        self.quads: list[Quad] = []
        self._seen: set[str] = set()
        self._minted: dict[tuple[str, ...], NamedNode] = {}
        self._sentences: dict[int, NamedNode] = {}
        self._persons = {p.name: p for p in extraction.persons}
        self._paper_place = paper_place(a.source)
        self._identities: dict[str, Identity] = {}
        self._orgs = {o.name: o for o in extraction.organisations}
        self._places = {p.name: p for p in extraction.places}

    def mint(self, kind: str, *key: str) -> NamedNode:
        """`Minter.<kind>(*key)`, memoised: the same person or policy recurs across an article's facts."""
        node = self._minted.get((kind, *key))
        if node is None:
            node = self._minted[(kind, *key)] = getattr(self.minter, kind)(*key)
        return node

    def add(self, s: NamedNode, p: NamedNode, o: NamedNode | Literal) -> None:
        self.quads.append(Quad(s, p, o, self.graph))

    def first(self, key: str) -> bool:
        """True the first time `key` is met in this graph."""
        if key in self._seen:
            return False
        self._seen.add(key)
        return True

    # --- the article and its source ------------------------------------------------
    def article_node(self) -> None:
        a, art, add = self.x.article, self.article, self.add
        add(art, TYPE, ARTICLE)
        add(art, TEXT, Literal(a.body))
        add(art, IS_PART_OF, self.document)
        add(art, POSITION, _integer(a.index))
        for prop, value in ((TITLE, a.title), (SUBTITLE, a.subtitle), (DATELINE, a.dateline)):
            if value:
                add(art, prop, Literal(value))
        if a.body_offset is not None:
            add(art, BODY_OFFSET, _integer(a.body_offset))
        if a.url:
            add(art, SOURCE, _iri_or_literal(a.url))
        add(self.document, TYPE, DOCUMENT)
        add(self.document, IDENTIFIER, Literal(a.doc_id))
        if a.issued:
            add(art, ISSUED, _date(a.issued))
            add(self.document, ISSUED, _date(a.issued))
        if a.source:
            publisher = self.minter.publisher(a.source)
            add(art, PUBLISHER, publisher)
            add(self.document, PUBLISHER, publisher)
            add(publisher, TYPE, PUBLICATION)
            add(publisher, LABEL, Literal(a.source))
        for name in dict.fromkeys(a.reporters):
            reporter = self.minter.reporter(a.source, name)
            add(art, CREATOR, reporter)
            add(reporter, TYPE, JOURNALIST)
            add(reporter, LABEL, Literal(name))
        for key, value in a.metadata:
            field = self.minter.qualified(self.article, "metadata", key)
            add(art, METADATA, field)
            add(field, TYPE, METADATA_FIELD)
            add(field, KEY, Literal(key))
            add(field, VALUE, Literal(value))

    # --- evidence ---------------------------------------------------------------------
    def sentence(self, mention: Mention) -> NamedNode | None:
        """The node of the mention's evidence sentence (described once), or None if it has none."""
        sentences = self.x.article.sentences
        index = mention.sentence
        if not 0 <= index < len(sentences):
            index = next((i for i, s in enumerate(sentences) if s.start <= mention.start < s.end), -1)
            if index < 0:
                return None
        node = self._sentences.get(index)
        if node is None:  # described once: most facts of an article cite a few sentences
            node = self._sentences[index] = self.minter.sentence(self.article, index)
            s = sentences[index]
            self.add(node, TYPE, SENTENCE)
            self.add(node, TEXT, Literal(s.text))
            self.add(node, START, _integer(s.start))
            self.add(node, END, _integer(s.end))
            self.add(node, IS_PART_OF, self.article)
        return node

    def span(self, node: NamedNode, mention: Mention) -> None:
        """Where the body says it: the evidence sentence and the span as written."""
        sentence = self.sentence(mention)
        if sentence is not None:
            self.add(node, EVIDENCE, sentence)
        self.add(node, QUOTE, Literal(mention.text))
        self.add(node, START, _integer(mention.start))
        self.add(node, END, _integer(mention.end))

    def fact(self, node: NamedNode, cls: NamedNode, mention: Mention) -> None:
        self.add(node, TYPE, cls)
        self.add(node, DERIVED_FROM, self.article)
        self.span(node, mention)

    # --- entities -----------------------------------------------------------------------
    def identity(self, name: str) -> Identity:
        """Where `name` is identified in this article, and why (kg.identity)."""
        found = self._identities.get(name)
        if found is None:
            known = self._persons.get(name)
            national = bool(known and known.scope == NATIONAL_SCOPE)
            found = identify(name, self.x.holdings, self.x.article.source, national)
            self._identities[name] = found
        return found

    def person(self, name: str) -> NamedNode:
        known = self._persons.get(name)
        identity = self.identity(name)
        node = self.mint("person", identity.scope, name)
        if self.first(node.value):
            self.add(node, TYPE, PERSON)
            self.add(node, LABEL, Literal(name))
            if identity.scope != UNPLACED:
                self.add(node, SCOPE, Literal(identity.scope))
            self.add(node, MENTIONED_IN, self.article)
            if known and known.mentions:
                self.mention(node, "person", name, known.mentions[0])
            self.identity_link(node, name, identity)
            legacy = self.minter.person(scope_of_source(self.x.article.source), name)
            if legacy != node:  # the key this person had when the paper, not the post, scoped names
                self.add(legacy, SAME_AS, node)
        return node

    def identity_link(self, person: NamedNode, name: str, identity: Identity) -> None:
        """Which node this article's `name` was linked to, on what evidence (re-ingest recomputes it)."""
        holding = next((h for h in self.x.holdings if h.person == name and h.post.canonical == identity.post), None)
        known = self._persons.get(name)
        evidence = holding.evidence if holding else known.mentions[0] if known and known.mentions else None
        link = self.minter.qualified(self.article, "identity", name)
        if evidence is not None:
            self.fact(link, IDENTITY_LINK, evidence)
        else:
            self.add(link, TYPE, IDENTITY_LINK)
            self.add(link, DERIVED_FROM, self.article)
        self.add(link, ENTITY, person)
        self.add(link, BASIS, Literal(identity.basis))
        if identity.scope != UNPLACED:
            self.add(link, JURISDICTION, Literal(identity.scope))
        if holding is not None:
            self.add(link, VIA_POST, self.post_node(holding.post))

    def post_node(self, post: Post) -> NamedNode:
        """A post keyed by its own jurisdiction (无锡市委书记 under 无锡, whoever holds it)."""
        placed = post_jurisdiction(post.title, post.organisation, self._paper_place, post.canonical)
        return self.mint("post", placed[0] if placed else UNPLACED, post.canonical)

    def mention(self, entity: NamedNode, kind: str, name: str, mention: Mention) -> None:
        node = self.minter.qualified(self.article, "mention", kind, name)
        self.fact(node, MENTION, mention)
        self.add(node, ENTITY, entity)

    def organisation(self, name: str) -> NamedNode:
        return self._named_entity("organisation", "org", name, ORGANIZATION, ORGANISATION_CLASS, self._orgs)

    def place(self, name: str) -> NamedNode:
        if name in self._orgs and name not in self._places:
            return self.organisation(name)  # an organisation visited is where the event took place
        return self._named_entity("place", "place", name, PLACE, PLACE_CLASS, self._places)

    def _named_entity(self, kind: str, mention_kind: str, name: str, base_class: NamedNode,
                      subclasses: Mapping[str, NamedNode], known: Mapping[str, Organisation | Place]) -> NamedNode:
        """An organisation or a place: typed, labelled, and traced to its first mention when the extractor found it."""
        node = self.mint(kind, name)
        if self.first(node.value):
            self.add(node, TYPE, base_class)
            self.add(node, LABEL, Literal(name))
            found = known.get(name)
            if found:
                if found.kind in subclasses:
                    self.add(node, TYPE, subclasses[found.kind])
                self.add(node, MENTIONED_IN, self.article)
                if found.mentions:
                    self.mention(node, mention_kind, name, found.mentions[0])
        return node

    def policy(self, label: str) -> NamedNode:
        node = self.mint("policy", label)
        if self.first(node.value):
            scheme = self.minter.policy_scheme()
            self.add(node, TYPE, POLICY)
            self.add(node, TYPE, CONCEPT)
            self.add(node, LABEL, Literal(label))
            self.add(node, PREF_LABEL, Literal(label))
            self.add(node, IN_SCHEME, scheme)
            if self.first(scheme.value):
                self.add(scheme, TYPE, CONCEPT_SCHEME)
                self.add(scheme, LABEL, POLICY_SCHEME_LABEL)
        return node

    def alt_label(self, policy: NamedNode, canonical: str, variant: str) -> None:
        if variant and variant != canonical and self.first(policy.value + "\x00" + variant):
            self.add(policy, ALT_LABEL, Literal(variant))

    # --- facts ------------------------------------------------------------------------------
    def holdings(self) -> None:
        issued = self.x.article.issued
        for holding in self.x.holdings:
            person = self.person(holding.person)
            post = self.post_node(holding.post)
            node = self.minter.qualified(self.article, "holding", holding.person, holding.post.canonical)
            if not self.first(node.value):
                continue
            if self.first(post.value):
                self.add(post, TYPE, POST)
                self.add(post, PREF_LABEL, Literal(holding.post.canonical))
            if self.first(post.value + "\x00" + holding.post.title):
                self.add(post, LABEL, Literal(holding.post.title))
            if holding.post.organisation and self.first(post.value + "\x00in"):
                self.add(post, POST_IN, self.organisation(holding.post.organisation))
            self.add(person, HOLDS, post)
            self.fact(node, HOLDING, holding.evidence)
            self.add(node, AGENT, person)
            self.add(node, POST_OF, post)
            if issued:
                self.add(node, HELD_ON, _date(issued))

    def event(self, index: int, event: Event) -> None:
        node, add = self.minter.event(self.article, index), self.add
        add(node, TYPE, EVENT)
        if event.kind is not EventKind.EVENT:
            add(node, TYPE, EVENT_CLASS[event.kind])
        add(node, LABEL, Literal(event.label))
        add(node, REPORTED_IN, self.article)
        if event.date and event.date.single:
            add(node, DATE, _date(event.date.start))
        elif event.date:
            add(node, START_DATE, _date(event.date.start))
            add(node, END_DATE, _date(event.date.end))
        for name in dict.fromkeys(event.places):
            add(node, LOCATION, self.place(name))
        self.span(node, event.evidence)
        for p in event.participations:
            qualified = self.minter.qualified(node, "participation", p.person, p.role.value)
            if not self.first(qualified.value):
                continue
            person = self.person(p.person)
            if self.first(f"{person.value}\x00{node.value}"):
                add(person, ATTENDED, node)
            if p.role is not Role.ATTENDED:
                add(person, ROLE_PROPERTY[p.role], node)
            self.fact(qualified, PARTICIPATION, p.evidence)
            add(qualified, AGENT, person)
            add(qualified, EVENT_OF, node)
            add(qualified, HAD_ROLE, ROLE_INDIVIDUAL[p.role])
        for e in event.emphases:
            policy = self.policy(e.policy)
            self.alt_label(policy, e.policy, e.evidence.text)
            qualified = self.minter.qualified(node, "emphasis", e.policy)
            if not self.first(qualified.value):
                continue
            add(node, EMPHASISED, policy)
            self.fact(qualified, EMPHASIS, e.evidence)
            add(qualified, EVENT_OF, node)
            add(qualified, POLICY_OF, policy)

    def build(self) -> ArticleGraph:
        self.article_node()
        for person in self.x.persons:
            self.person(person.name)
        for org in self.x.organisations:
            self.organisation(org.name)
        for place in self.x.places:
            self.place(place.name)
        self.holdings()
        for index, event in enumerate(self.x.events, start=1):
            self.event(index, event)
        for canonical, variant in self.x.policy_variants:
            self.alt_label(self.policy(canonical), canonical, variant)
        return ArticleGraph(self.document, self.article, self.graph, self.quads)


def _iri_or_literal(text: str) -> NamedNode | Literal:
    """A source URL as an IRI when it is one.

    >>> _iri_or_literal("https://example.org/a")
    <NamedNode value=https://example.org/a>
    >>> _iri_or_literal("www.example.org/a b").datatype.value
    'http://www.w3.org/2001/XMLSchema#anyURI'
    """
    try:
        return NamedNode(text)
    except ValueError:  # not a valid IRI (spaces, no scheme …): keep it, typed as what it claims to be
        return Literal(text, datatype=NamedNode(XSD + "anyURI"))


def article_quads(extraction: Extraction, minter: Minter) -> ArticleGraph:
    """The quads of one article's named graph, with IRIs from `minter` only.

    Deterministic: the same extraction gives the same quads in the same order.
    Text RDF cannot hold (lone surrogates from a careless decoder) raises
    `BadInput` naming the document, so the batch goes on without it.
    """
    try:
        return _ArticleBuilder(extraction, minter).build()
    except ValueError as exc:
        a = extraction.article
        raise BadInput(f"article {a.index} cannot be written as RDF: {exc}", path=a.path or a.doc_id) from None


# --- serialisation ----------------------------------------------------------------------
@functools.cache
def context() -> dict:
    """The JSON-LD context of `ontology/context.jsonld` (the `@context` object itself)."""
    return json.loads((ONTOLOGY_DIR / "context.jsonld").read_text(encoding="utf-8"))["@context"]


def serialize(quads: Iterable[Quad], fmt: str, *, base: str | None = DEFAULT_BASE) -> bytes:
    """`quads` in `fmt`, a name of `kg.formats.RDF_FORMATS` (nquads, trig, turtle, ntriples, jsonld, rdfxml).

    Formats without named graphs (Turtle, N-Triples, RDF/XML) merge the article
    graphs into one graph (duplicate triples dropped). Turtle and TriG group each
    subject's triples and use our prefixes and `base` for readable IRIs.
    JSON-LD is compacted with `ontology/context.jsonld` (embedded, so any
    JSON-LD processor reads it offline): `{"@context", "@graph": [{"id": graph,
    "@graph": [nodes]}]}`, graphs and nodes sorted by id.
    """
    if fmt not in RDF_FORMATS:
        raise ValueError(f"unknown RDF format {fmt!r}; choose one of {', '.join(RDF_FORMATS)}")
    rdf_format = RDF_FORMATS[fmt]
    if rdf_format == RdfFormat.N_QUADS:  # the hot path: straight through
        return written(ox_serialize(quads, format=rdf_format))
    if rdf_format == RdfFormat.JSON_LD:
        return _jsonld(quads)
    if rdf_format not in (RdfFormat.TURTLE, RdfFormat.TRIG):  # no prefixes to write: N-Triples, RDF/XML
        return written(ox_serialize(dict.fromkeys(q.triple for q in quads), format=rdf_format))
    merged = not rdf_format.supports_datasets
    grouped: dict = {}  # (graph, subject) -> statements, in order of first appearance
    for q in quads:
        key = (None if merged else q.graph_name, q.subject)
        grouped.setdefault(key, {})[q.triple if merged else q] = None
    data = [s for statements in grouped.values() for s in statements]
    text = written(ox_serialize(data, format=rdf_format, prefixes=PREFIXES, base_iri=base))
    return _absolute_prefixes(text, base)


def _absolute_prefixes(text: bytes, base: str | None) -> bytes:
    """pyoxigraph writes prefixes relative to the base (`zw: </zhengwu/ontology#>`); write them in full."""
    header = [f"@base <{base}> .".encode()] if base else []
    header += [f"@prefix {k}: <{v}> .".encode() for k, v in PREFIXES.items()]
    lines = text.split(b"\n")
    body = 0
    while body < len(lines) and lines[body].startswith((b"@prefix ", b"@base ")):
        body += 1
    return b"\n".join(header + lines[body:])


def _jsonld(quads: Iterable[Quad]) -> bytes:
    import rdflib  # only here: JSON-LD compaction is not on any hot path

    dataset = rdflib.Dataset()
    nquads = written(ox_serialize(quads, format=RdfFormat.N_QUADS))
    if nquads.strip():
        dataset.parse(data=nquads, format="nquads")
    compact = json.loads(dataset.serialize(format="json-ld", context=context(), auto_compact=True,
                                           use_native_types=True))
    graphs = compact.get("@graph", [])
    if "id" in compact:  # rdflib unwraps a lone named graph; keep one shape for any number of graphs
        graphs = [{"id": compact["id"], "@graph": graphs}]
    for graph in graphs:
        graph["@graph"].sort(key=lambda node: node.get("id", ""))
    graphs.sort(key=lambda graph: graph.get("id", ""))
    doc = {"@context": context(), "@graph": graphs}
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")
