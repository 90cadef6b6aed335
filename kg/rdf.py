"""The RDF stage: one `Extraction` becomes the quads of its article's named graph.

Each article graph is self-contained: it carries the types and labels of every
person, post, policy, organisation and place it mentions, so dropping one
article's graph (re-ingest, `kg remove`) leaves the entities that other
articles still support. Every fact is asserted twice, as a direct shortcut
(`?person zw:presided ?event`, also `zw:attended`) and as a qualified node
(`zw:Participation`, `zw:Emphasis`, `zw:Holding`, `zw:Mention`) that says which
article, which sentence and which span of the body state it. The vocabulary is
`ontology/zhengwu.ttl`; data literals are plain strings, dates `xsd:date`.

This is on the hot path of `kg extract` and `kg ingest`: the graph is written
straight to N-Quads text (kg.nquads), constant terms once at import, no rdflib;
its pyoxigraph `Quad`s are parsed from that text when someone asks for them.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib.resources import files
from types import SimpleNamespace

from pyoxigraph import NamedNode, Quad, RdfFormat, parse
from pyoxigraph import serialize as ox_serialize

from kg import nquads
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
    qualified_iri,
    scope_of_source,
)
from kg.model import Event, EventKind, Extraction, Mention, Organisation, Place, Post, Role
from kg.nquads import integer, iri, literal
from kg.settings import DEFAULT_BASE

ONTOLOGY_DIR = files("kg.ontology")  # ontology/ of the repository, package data of the installed `kg`

TYPE = NamedNode(RDF + "type")
LABEL = NamedNode(RDFS + "label")
XSD_DATE, XSD_ANY_URI = NamedNode(XSD + "date"), NamedNode(XSD + "anyURI")
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
POLICY_SCHEME_LABEL = "政务政策与提法"


@dataclass(frozen=True)
class ArticleGraph:
    """One article's named graph `graph`: its quads as N-Quads text (what `kg extract` prints), `size` of them."""

    document: NamedNode
    article: NamedNode
    graph: NamedNode
    nquads: bytes
    size: int

    @functools.cached_property
    def quads(self) -> list[Quad]:
        """The quads themselves, parsed (in Rust) from the text the first time they are asked for.

        Leniently: the text is our own writer's (kg.nquads), every IRI in it written from a `NamedNode`, so
        checked once already; checking it again was 45 % of the parse, which an ingest pays for every quad."""
        return list(parse(self.nquads, format=RdfFormat.N_QUADS, lenient=True))


@functools.lru_cache(maxsize=4096)  # an issue date recurs in every holding and event of its page
def _date(day: dt.date) -> bytes:
    return nquads.typed(day.isoformat(), nquads.XSD_DATE)


# The constant terms as N-Quads text, for the builder: NQ.TYPE is `<…rdf-syntax-ns#type>`.
NQ = SimpleNamespace(**{name: iri(node) for name, node in list(globals().items()) if isinstance(node, NamedNode)})
_EVENT_CLASS = {kind: iri(node) for kind, node in EVENT_CLASS.items()}
_ROLE_PROPERTY = {role: iri(node) for role, node in ROLE_PROPERTY.items()}
_ROLE_INDIVIDUAL = {role: iri(node) for role, node in ROLE_INDIVIDUAL.items()}
_ORGANISATION_CLASS = {kind: iri(node) for kind, node in ORGANISATION_CLASS.items()}
_PLACE_CLASS = {kind: iri(node) for kind, node in PLACE_CLASS.items()}


class _ArticleBuilder:
    """Writes one article's quads as N-Quads; `_seen` keeps shared nodes described once per graph.

    Terms are their N-Quads bytes throughout (`<iri>`, `"literal"`): nodes minted
    and encoded once per article, constants at import (NQ); a quad is six pieces
    (subject, space, predicate, space, object, graph and end), joined once at the end.
    """

    def __init__(self, extraction: Extraction, minter: Minter) -> None:
        self.x = extraction
        self.minter = minter
        a = extraction.article
        self.document_node = minter.document(a.source, a.issued, a.doc_id)
        self.article_iri = minter.article(a.source, a.issued, a.doc_id, a.index)
        self.graph_node = minter.graph(self.article_iri)
        self.document, self.article = iri(self.document_node), iri(self.article_iri)
        self._tail = b" " + iri(self.graph_node) + b" .\n"
        self.pieces: list[bytes] = []
        self._seen: set[bytes | tuple[bytes, ...]] = set()
        self._minted: dict[tuple[str | None, ...], bytes] = {}
        self._sentences: dict[int, bytes] = {}
        self._persons = {p.name: p for p in extraction.persons}
        self._paper_place = paper_place(a.source)
        self._identities: dict[str, Identity] = {}
        self._orgs = {o.name: o for o in extraction.organisations}
        self._places = {p.name: p for p in extraction.places}

    def mint(self, kind: str, *key: str | None) -> bytes:
        """`Minter.<kind>(*key)` as text, memoised: the same person or policy recurs across an article's facts."""
        node = self._minted.get((kind, *key))
        if node is None:
            node = self._minted[(kind, *key)] = iri(getattr(self.minter, kind)(*key))
        return node

    def qualified(self, owner: NamedNode, kind: str, *parts: str) -> bytes:
        """`Minter.qualified` as text, without validating an IRI built of a valid one and slugs."""
        return b"<" + qualified_iri(owner.value, kind, *parts).encode() + b">"

    def add(self, s: bytes, p: bytes, o: bytes) -> None:
        self.pieces.extend((s, b" ", p, b" ", o, self._tail))

    def describe(self, s: bytes, *pairs: bytes) -> None:
        """Several quads of subject `s` in one call: predicate, object, predicate, object, … (the evidence
        of every fact is four or five of them)."""
        tail, extend = self._tail, self.pieces.extend
        for i in range(0, len(pairs), 2):
            extend((s, b" ", pairs[i], b" ", pairs[i + 1], tail))

    def first(self, key: bytes | tuple[bytes, ...]) -> bool:
        """True the first time `key` is met in this graph."""
        if key in self._seen:
            return False
        self._seen.add(key)
        return True

    # --- the article and its source ------------------------------------------------
    def article_node(self) -> None:
        a, art, add = self.x.article, self.article, self.add
        add(art, NQ.TYPE, NQ.ARTICLE)
        add(art, NQ.TEXT, literal(a.body))
        add(art, NQ.IS_PART_OF, self.document)
        add(art, NQ.POSITION, integer(a.index))
        for prop, value in ((NQ.TITLE, a.title), (NQ.SUBTITLE, a.subtitle), (NQ.DATELINE, a.dateline)):
            if value:
                add(art, prop, literal(value))
        if a.body_offset is not None:
            add(art, NQ.BODY_OFFSET, integer(a.body_offset))
        if a.url:
            add(art, NQ.SOURCE, _iri_or_literal(a.url))
        add(self.document, NQ.TYPE, NQ.DOCUMENT)
        add(self.document, NQ.IDENTIFIER, literal(a.doc_id))
        if a.issued:
            add(art, NQ.ISSUED, _date(a.issued))
            add(self.document, NQ.ISSUED, _date(a.issued))
        if a.source:
            publisher = self.mint("publisher", a.source)
            add(art, NQ.PUBLISHER, publisher)
            add(self.document, NQ.PUBLISHER, publisher)
            add(publisher, NQ.TYPE, NQ.PUBLICATION)
            add(publisher, NQ.LABEL, literal(a.source))
        for name in dict.fromkeys(a.reporters):
            reporter = self.mint("reporter", a.source, name)
            add(art, NQ.CREATOR, reporter)
            add(reporter, NQ.TYPE, NQ.JOURNALIST)
            add(reporter, NQ.LABEL, literal(name))
        for key, value in a.metadata:
            field = self.qualified(self.article_iri, "metadata", key)
            add(art, NQ.METADATA, field)
            add(field, NQ.TYPE, NQ.METADATA_FIELD)
            add(field, NQ.KEY, literal(key))
            add(field, NQ.VALUE, literal(value))

    # --- evidence ---------------------------------------------------------------------
    def sentence(self, mention: Mention) -> bytes | None:
        """The node of the mention's evidence sentence (described once), or None if it has none."""
        sentences = self.x.article.sentences
        index = mention.sentence
        if not 0 <= index < len(sentences):
            index = next((i for i, s in enumerate(sentences) if s.start <= mention.start < s.end), -1)
            if index < 0:
                return None
        node = self._sentences.get(index)
        if node is None:  # described once: most facts of an article cite a few sentences
            node = self._sentences[index] = iri(self.minter.sentence(self.article_iri, index))
            s = sentences[index]
            self.describe(node, NQ.TYPE, NQ.SENTENCE, NQ.TEXT, literal(s.text), NQ.START, integer(s.start),
                          NQ.END, integer(s.end), NQ.IS_PART_OF, self.article)
        return node

    def span(self, node: bytes, mention: Mention) -> None:
        """Where the body says it: the evidence sentence and the span as written."""
        sentence = self.sentence(mention)
        if sentence is not None:
            self.add(node, NQ.EVIDENCE, sentence)
        self.describe(node, NQ.QUOTE, literal(mention.text), NQ.START, integer(mention.start),
                      NQ.END, integer(mention.end))

    def fact(self, node: bytes, cls: bytes, mention: Mention) -> None:
        self.describe(node, NQ.TYPE, cls, NQ.DERIVED_FROM, self.article)
        self.span(node, mention)

    # --- entities -----------------------------------------------------------------------
    def identity(self, name: str) -> Identity:
        """Where `name` is identified in this article, and why (kg.identity)."""
        found = self._identities.get(name)
        if found is None:
            known = self._persons.get(name)
            national = bool(known and known.scope == NATIONAL_SCOPE)
            found = identify(name, self.x.holdings, self.x.article.source, national, self.x.article.body)
            self._identities[name] = found
        return found

    def person(self, name: str) -> bytes:
        known = self._persons.get(name)
        identity = self.identity(name)
        node = self.mint("person", identity.scope, name)
        if self.first(node):
            self.add(node, NQ.TYPE, NQ.PERSON)
            self.add(node, NQ.LABEL, literal(name))
            if identity.scope != UNPLACED:
                self.add(node, NQ.SCOPE, literal(identity.scope))
            self.add(node, NQ.MENTIONED_IN, self.article)
            if known and known.mentions:
                self.mention(node, "person", name, known.mentions[0])
            self.identity_link(node, name, identity)
            legacy = self.mint("person", scope_of_source(self.x.article.source), name)
            if legacy != node:  # the key this person had when the paper, not the post, scoped names
                self.add(legacy, NQ.SAME_AS, node)
        return node

    def identity_link(self, person: bytes, name: str, identity: Identity) -> None:
        """Which node this article's `name` was linked to, on what evidence (re-ingest recomputes it)."""
        holding = next((h for h in self.x.holdings if h.person == name and h.post.canonical == identity.post), None)
        known = self._persons.get(name)
        evidence = holding.evidence if holding else known.mentions[0] if known and known.mentions else None
        link = self.qualified(self.article_iri, "identity", name)
        if evidence is not None:
            self.fact(link, NQ.IDENTITY_LINK, evidence)
        else:
            self.add(link, NQ.TYPE, NQ.IDENTITY_LINK)
            self.add(link, NQ.DERIVED_FROM, self.article)
        self.add(link, NQ.ENTITY, person)
        self.add(link, NQ.BASIS, literal(identity.basis))
        if identity.scope != UNPLACED:
            self.add(link, NQ.JURISDICTION, literal(identity.scope))
        if holding is not None:
            self.add(link, NQ.VIA_POST, self.post_node(holding.post))

    def post_node(self, post: Post) -> bytes:
        """A post keyed by its own jurisdiction (无锡市委书记 under 无锡, whoever holds it)."""
        placed = post_jurisdiction(post.title, post.organisation, self._paper_place, post.canonical)
        return self.mint("post", placed[0] if placed else UNPLACED, post.canonical)

    def mention(self, entity: bytes, kind: str, name: str, mention: Mention) -> None:
        node = self.qualified(self.article_iri, "mention", kind, name)
        self.fact(node, NQ.MENTION, mention)
        self.add(node, NQ.ENTITY, entity)

    def organisation(self, name: str) -> bytes:
        return self._named_entity("organisation", "org", name, NQ.ORGANIZATION, _ORGANISATION_CLASS, self._orgs)

    def place(self, name: str) -> bytes:
        if name in self._orgs and name not in self._places:
            return self.organisation(name)  # an organisation visited is where the event took place
        return self._named_entity("place", "place", name, NQ.PLACE, _PLACE_CLASS, self._places)

    def _named_entity(self, kind: str, mention_kind: str, name: str, base_class: bytes,
                      subclasses: Mapping[str, bytes], known: Mapping[str, Organisation | Place]) -> bytes:
        """An organisation or a place: typed, labelled, and traced to its first mention when the extractor found it."""
        node = self.mint(kind, name)
        if self.first(node):
            self.add(node, NQ.TYPE, base_class)
            self.add(node, NQ.LABEL, literal(name))
            found = known.get(name)
            if found:
                if found.kind in subclasses:
                    self.add(node, NQ.TYPE, subclasses[found.kind])
                self.add(node, NQ.MENTIONED_IN, self.article)
                if found.mentions:
                    self.mention(node, mention_kind, name, found.mentions[0])
        return node

    def policy(self, label: str) -> bytes:
        node = self.mint("policy", label)
        if self.first(node):
            scheme = self.mint("policy_scheme")
            self.add(node, NQ.TYPE, NQ.POLICY)
            self.add(node, NQ.TYPE, NQ.CONCEPT)
            self.add(node, NQ.LABEL, literal(label))
            self.add(node, NQ.PREF_LABEL, literal(label))
            self.add(node, NQ.IN_SCHEME, scheme)
            if self.first(scheme):
                self.add(scheme, NQ.TYPE, NQ.CONCEPT_SCHEME)
                self.add(scheme, NQ.LABEL, literal(POLICY_SCHEME_LABEL))
        return node

    def alt_label(self, policy: bytes, canonical: str, variant: str) -> None:
        if variant and variant != canonical and self.first((policy, variant.encode())):
            self.add(policy, NQ.ALT_LABEL, literal(variant))

    # --- facts ------------------------------------------------------------------------------
    def holdings(self) -> None:
        issued = self.x.article.issued
        for holding in self.x.holdings:
            person = self.person(holding.person)
            post = self.post_node(holding.post)
            node = self.qualified(self.article_iri, "holding", holding.person, holding.post.canonical)
            if not self.first(node):
                continue
            if self.first(post):
                self.add(post, NQ.TYPE, NQ.POST)
                self.add(post, NQ.PREF_LABEL, literal(holding.post.canonical))
            if self.first((post, holding.post.title.encode())):
                self.add(post, NQ.LABEL, literal(holding.post.title))
            if holding.post.organisation and self.first((post, b"in")):
                self.add(post, NQ.POST_IN, self.organisation(holding.post.organisation))
            self.add(person, NQ.HOLDS, post)
            self.fact(node, NQ.HOLDING, holding.evidence)
            self.add(node, NQ.AGENT, person)
            self.add(node, NQ.POST_OF, post)
            if issued:
                self.add(node, NQ.HELD_ON, _date(issued))

    def event(self, index: int, event: Event) -> None:
        event_iri = self.minter.event(self.article_iri, index)
        node, add = iri(event_iri), self.add
        add(node, NQ.TYPE, NQ.EVENT)
        if event.kind is not EventKind.EVENT:
            add(node, NQ.TYPE, _EVENT_CLASS[event.kind])
        add(node, NQ.LABEL, literal(event.label))
        add(node, NQ.REPORTED_IN, self.article)
        if event.date and event.date.single:
            add(node, NQ.DATE, _date(event.date.start))
        elif event.date:
            add(node, NQ.START_DATE, _date(event.date.start))
            add(node, NQ.END_DATE, _date(event.date.end))
        for name in dict.fromkeys(event.places):
            add(node, NQ.LOCATION, self.place(name))
        self.span(node, event.evidence)
        for p in event.participations:
            qualified = self.qualified(event_iri, "participation", p.person, p.role.value)
            if not self.first(qualified):
                continue
            person = self.person(p.person)
            if self.first((person, node)):
                add(person, NQ.ATTENDED, node)
            if p.role is not Role.ATTENDED:
                add(person, _ROLE_PROPERTY[p.role], node)
            self.fact(qualified, NQ.PARTICIPATION, p.evidence)
            add(qualified, NQ.AGENT, person)
            add(qualified, NQ.EVENT_OF, node)
            add(qualified, NQ.HAD_ROLE, _ROLE_INDIVIDUAL[p.role])
        for e in event.emphases:
            policy = self.policy(e.policy)
            self.alt_label(policy, e.policy, e.evidence.text)
            qualified = self.qualified(event_iri, "emphasis", e.policy)
            if not self.first(qualified):
                continue
            add(node, NQ.EMPHASISED, policy)
            self.fact(qualified, NQ.EMPHASIS, e.evidence)
            add(qualified, NQ.EVENT_OF, node)
            add(qualified, NQ.POLICY_OF, policy)

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
        return ArticleGraph(self.document_node, self.article_iri, self.graph_node,
                            b"".join(self.pieces), len(self.pieces) // 6)


def _iri_or_literal(text: str) -> bytes:
    """A source URL as an IRI when it is one.

    >>> _iri_or_literal("https://example.org/a")
    b'<https://example.org/a>'
    >>> _iri_or_literal("www.example.org/a b")
    b'"www.example.org/a b"^^<http://www.w3.org/2001/XMLSchema#anyURI>'
    """
    try:
        return iri(NamedNode(text))
    except ValueError:  # not a valid IRI (spaces, no scheme …): keep it, typed as what it claims to be
        return nquads.typed(text, NQ.XSD_ANY_URI)


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
