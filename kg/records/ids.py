"""One identifier per thing: what an id a user gives stands for, whatever form it takes.

An id is the path after `/id/` (`person/无锡/杜小刚`), the same without its kind where a route
implies one (`无锡/杜小刚` on /persons), the full IRI, any of these percent-encoded, or a label
as written (`美食之都、购物天堂`, which the IRI spells `美食之都-购物天堂`). `resolve` answers the
node's IRI and whether the id was only another name for it (a label, an old key that
`owl:sameAs` points onward, an id without its kind), so a route can redirect to the one id.
"""

from __future__ import annotations

from urllib.parse import unquote

from pyoxigraph import Literal, NamedNode

from kg.errors import BadInput
from kg.iri import slug
from kg.records import select
from kg.store_api import KnowledgeStore

KINDS = ("person", "policy", "post", "org", "place", "article", "document", "publication", "reporter", "policies")


def normalise(base: str, kind: str, ident: str) -> str:
    """The IRI an id spells, folded the way IRIs are minted (kg.iri.slug), without touching the store.

    >>> normalise("https://x.org/id/", "policy", "美食之都、购物天堂")
    'https://x.org/id/policy/美食之都-购物天堂'
    >>> normalise("https://x.org/id/", "person", "%E6%97%A0%E9%94%A1/%E6%9D%9C%E5%B0%8F%E5%88%9A")
    'https://x.org/id/person/无锡/杜小刚'
    >>> normalise("https://x.org/id/", "", "/id/person/无锡/杜小刚")
    'https://x.org/id/person/无锡/杜小刚'
    """
    ident = unquote(ident.strip())
    if ident.startswith(base):
        ident = ident[len(base):]
    elif ident.startswith(("http://", "https://")):
        return _valid(ident)
    ident = ident.strip("/").removeprefix("id/")
    if kind and not ident.startswith(kind + "/"):
        ident = f"{kind}/{ident}"
    if not ident:
        raise BadInput("an empty id names nothing")
    return _valid(base + "/".join(slug(part) for part in ident.split("/") if part))


def _valid(iri: str) -> str:
    try:
        return NamedNode(iri).value
    except ValueError:
        raise BadInput(f"{iri!r} is not a valid id or IRI") from None


def _exists(store: KnowledgeStore, iri: str) -> bool:
    return bool(select(store, "exists", {"item": [NamedNode(iri)]}))


def resolve(store: KnowledgeStore, base: str, kind: str, ident: str) -> tuple[str, bool]:
    """(IRI, True when `ident` was another name for it). A node not found keeps the normalised IRI
    (the record route then answers 404)."""
    iri = normalise(base, kind, ident)
    if _exists(store, iri):
        return _forward(store, iri)
    rest = iri[len(base):] if iri.startswith(base) else None
    if rest is not None and not kind:  # /graph?focus=无锡/杜小刚: the kind left out
        for guess in KINDS:
            if _exists(store, f"{base}{guess}/{rest}"):
                return _forward(store, f"{base}{guess}/{rest}")[0], True
    label = unquote(ident.strip()).strip("/").split("/")[-1]
    prefix = base + (kind + "/" if kind else "")
    found = select(store, "labelled", {"label": [Literal(label)], "prefix": [Literal(prefix)]})
    if len(found) == 1:
        return str(found[0]["item"]), True
    return _forward(store, iri)


def _forward(store: KnowledgeStore, iri: str) -> tuple[str, bool]:
    """Where an old key now lives (`owl:sameAs`), followed a few steps at most. A node of its own is never
    forwarded: one article's old key may be another article's key for a person it places there."""
    seen = [iri]
    for _ in range(4):
        if select(store, "typed", {"item": [NamedNode(seen[-1])]}):
            break
        onward = [str(r["new"]) for r in select(store, "same_as", {"old": [NamedNode(seen[-1])]})]
        onward = [o for o in onward if o not in seen]
        if len(onward) != 1:
            break
        seen.append(onward[0])
    return seen[-1], len(seen) > 1
