"""The records: plain functions `fn(store, …) -> dict` that shape query rows into JSON.

The REST routes serve them and the precomputed views (`kg.views`) keep the
heavy ones; they run inside the query workers (`api.workers`) and a test can
call them on any `KnowledgeStore`. Queries live in `kg/queries/*.rq` (package
data); request parameters reach them only as RDF terms made by pyoxigraph
(`NamedNode`, `Literal`), written into a `VALUES` block by
`kg.sparql_text.bind`, never as pasted text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cache
from importlib.resources import files
from typing import Any, TypeVar

from pyoxigraph import BlankNode, Literal, NamedNode

from kg.errors import NotFound
from kg.iri import PREFIXES
from kg.model import Role
from kg.sparql_text import Term, bind
from kg.store_api import KnowledgeStore, solutions

__all__ = ["Built", "Row", "Term", "bind", "distinct", "from_view_or_live", "grouped", "in_chunks", "listed", "local", "page", "plain",
           "require", "select", "snake", "sparql"]

# A query row as plain JSON values: IRIs and strings, integers for counts. Which is which the query says
# (kg/queries/*.rq), not the type checker, hence Any.
Row = dict[str, Any]
# A record built for the views (kg.views), as (iri, pos, payload): pos -1 is the record's head (everything
# but its events), 0… its events in page order
Built = Iterator[tuple[str, int, dict]]
T = TypeVar("T")

_HEADER = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in PREFIXES.items())
_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"


# The role vocabulary as the queries name it, written from its one definition (kg.model.Role, in its order):
# `{{ROLES}}` and `{{LEADING_ROLES}}` are lists for `FILTER(?role IN (…))`, `{{ROLE_NODES}}` the rows of
# `VALUES (?role ?roleNode) { … }`.
_VOCABULARY = {
    "{{ROLES}}": ", ".join(f"zw:{role.value}" for role in Role),
    "{{LEADING_ROLES}}": ", ".join(f"zw:{role.value}" for role in Role if role.leads),
    "{{ROLE_NODES}}": " ".join(f"(zw:{role.value} zw:{role.node})" for role in Role),
}


@cache
def sparql(name: str) -> str:
    """The text of `kg/queries/<name>.rq` (package data), with the project's prefixes declared and the role
    vocabulary written in.

    >>> "FILTER(?role IN (zw:presided, zw:led, zw:spokeAt))" in sparql("policy_officials")
    True
    """
    text = files("kg").joinpath("queries", f"{name}.rq").read_text(encoding="utf-8")
    for marker, terms in _VOCABULARY.items():
        text = text.replace(marker, terms)
    return _HEADER + text


def plain(term: object) -> object:
    """A term as JSON: an IRI or a literal's lexical value (integers as numbers)."""
    if term is None:
        return None
    if isinstance(term, Literal):
        return int(term.value) if term.datatype.value == _INTEGER else term.value
    if isinstance(term, NamedNode | BlankNode):
        return term.value
    return str(term)  # an RDF-star triple: its N-Triples text


def select(store: KnowledgeStore, name: str, values: Mapping[str, Sequence[Term]] | None = None,
           *, limit: int | None = None, offset: int = 0) -> list[Row]:
    """Rows of the named query as dicts of plain values (unbound variables left out)."""
    query = bind(sparql(name), values or {})
    if limit is not None:
        query += f"\nLIMIT {int(limit)} OFFSET {int(offset)}"
    rows = solutions(store.query(query))
    names = [v.value for v in rows.variables]
    return [{n: plain(row[n]) for n in names if row[n] is not None} for row in rows]


def page(rows: list[Row], limit: int, offset: int, total: int | None = None) -> dict[str, object]:
    """A page of results: `rows` was fetched with `limit + 1` to tell whether more follow (`listed` does)."""
    out: dict[str, object] = {"items": rows[:limit], "limit": limit, "offset": offset, "more": len(rows) > limit}
    if total is not None:
        out["total"] = total
    return out


def listed(store: KnowledgeStore, name: str, values: Mapping[str, Sequence[Term]],
           limit: int, offset: int) -> tuple[list[Row], int]:
    """`limit + 1` rows of the named list query from `offset` (see `page`), and how many rows it has in all.

    Every list query sorts its groups, so the store evaluates all of them whatever the LIMIT: counting the
    rows while skipping the ones outside the page costs less than a second COUNT query would.
    """
    found = solutions(store.query(bind(sparql(name), values)))
    names = [v.value for v in found.variables]
    rows: list[Row] = []
    total = 0
    for total, row in enumerate(found, 1):
        if offset < total <= offset + limit + 1:
            rows.append({n: plain(row[n]) for n in names if row[n] is not None})
    return rows, total


def snake(name: str) -> str:
    """A property's local name as a JSON key: every key of a record is snake_case.

    >>> snake("bodyOffset"), snake("isPartOf"), snake("title")
    ('body_offset', 'is_part_of', 'title')
    """
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()


def local(iri: str) -> str:
    """The local name of an IRI.

    >>> local("https://w3id.org/zhengwu/ontology#spokeAt")
    'spokeAt'
    """
    return re.split(r"[#/]", iri)[-1]


def distinct(items: Iterable[T | None]) -> list[T]:
    """`items` without repeats and Nones, in their order."""
    return list(dict.fromkeys(i for i in items if i is not None))


def grouped(rows: Iterable[Row], key: str) -> dict[str, list[Row]]:
    """Rows by the value of `key` (as text), each group in the rows' order.

    >>> grouped([{"p": "a", "n": 1}, {"p": "b", "n": 2}, {"p": "a", "n": 3}], "p")["a"]
    [{'p': 'a', 'n': 1}, {'p': 'a', 'n': 3}]
    """
    groups: dict[str, list[Row]] = {}
    for row in rows:
        groups.setdefault(str(row[key]), []).append(row)
    return groups


def in_chunks(items: Sequence[T], size: int = 500) -> Iterator[Sequence[T]]:
    """`items` in slices of at most `size`: a VALUES block of thousands of IRIs makes a slow query.

    >>> [list(c) for c in in_chunks([1, 2, 3], 2)]
    [[1, 2], [3]]
    """
    for start in range(0, len(items), size):
        yield items[start:start + size]


def require(rows: list[Row], what: str, iri: str) -> list[Row]:
    if not rows:
        raise NotFound(f"no {what} {iri}")
    return rows


def from_view_or_live(store: KnowledgeStore, iri: str, limit: int, offset: int,
                      live: Callable[[KnowledgeStore, str, int, int], dict]) -> tuple[dict, str]:
    """The record of `iri` and where it came from: "view" (a fresh precomputed view, `kg.views`) or
    "live" (computed now by `live`)."""
    views = store.views
    record = views.page(iri, limit, offset) if views is not None else None
    return (record, "view") if record is not None else (live(store, iri, limit, offset), "live")
