"""The REST API's records: plain functions `fn(store, …) -> dict` that shape query rows into JSON.

They run inside the query workers (`api.workers`) and a test can call them on
any `GraphStore`. Queries live in `api/queries/*.rq`; request parameters reach
them only as RDF terms made by pyoxigraph (`NamedNode`, `Literal`), written
into a `VALUES` block in N-Triples syntax (escaped by pyoxigraph), never as
pasted text. (pyoxigraph's `substitutions` cannot be used: they do not reach
variables that only appear in a FILTER.)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import TypeVar

from pyoxigraph import BlankNode, Literal, NamedNode

from api.guard import code_of
from kg.errors import NotFound
from kg.iri import PREFIXES
from kg.store import GraphStore

Term = NamedNode | Literal | BlankNode
Row = dict[str, object]
T = TypeVar("T")

_HEADER = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in PREFIXES.items())
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
_QUERIES = Path(__file__).resolve().parent.parent / "queries"  # package data of `api`


@cache
def sparql(name: str) -> str:
    """The text of `api/queries/<name>.rq`, with the project's prefixes declared."""
    return _HEADER + (_QUERIES / f"{name}.rq").read_text(encoding="utf-8")


def bind(query: str, values: Mapping[str, Sequence[Term]]) -> str:
    """`query` with a `VALUES ?var { … }` block per variable at the start of its WHERE group.

    >>> bind("SELECT ?s WHERE { ?s ?p ?q }", {"q": [Literal('a"} #')]})
    'SELECT ?s WHERE { VALUES ?q { "a\\\\"} #" } ?s ?p ?q }'
    """
    blocks = "".join(f" VALUES ?{name} {{ {' '.join(str(t) for t in terms)} }}"
                     for name, terms in values.items() if terms)
    if not blocks:
        return query
    match = _WHERE.search(code_of(query))
    assert match, "every query of api/queries has a WHERE group"
    return query[: match.end()] + blocks + query[match.end():]


def plain(term: object) -> object:
    """A term as JSON: an IRI or a literal's lexical value (integers as numbers)."""
    if term is None:
        return None
    if isinstance(term, Literal):
        return int(term.value) if term.datatype.value == _INTEGER else term.value
    return term.value  # type: ignore[attr-defined]


def select(store: GraphStore, name: str, values: Mapping[str, Sequence[Term]] | None = None,
           *, limit: int | None = None, offset: int = 0) -> list[Row]:
    """Rows of the named query as dicts of plain values (unbound variables left out)."""
    query = bind(sparql(name), values or {})
    if limit is not None:
        query += f"\nLIMIT {int(limit)} OFFSET {int(offset)}"
    solutions = store.query(query)
    names = [v.value for v in solutions.variables]  # type: ignore[union-attr]
    return [{n: plain(row[n]) for n in names if row[n] is not None} for row in solutions]  # type: ignore[union-attr]


def page(rows: list[Row], limit: int, offset: int) -> dict[str, object]:
    """A page of results: `rows` was fetched with `limit + 1` to tell whether more follow."""
    return {"items": rows[:limit], "limit": limit, "offset": offset, "more": len(rows) > limit}


def local(iri: str) -> str:
    """The local name of an IRI.

    >>> local("https://w3id.org/zhengwu/ontology#spokeAt")
    'spokeAt'
    """
    return re.split(r"[#/]", iri)[-1]


def distinct(items: Iterable[object]) -> list[object]:
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


def from_view_or_live(store: GraphStore, iri: str, limit: int, offset: int,
                      live: Callable[[GraphStore, str, int, int], dict]) -> tuple[dict, str]:
    """The record of `iri` and where it came from: "view" (a fresh precomputed view, `kg.views`) or
    "live" (computed now by `live`)."""
    views = getattr(store, "views", None)
    record = views.page(iri, limit, offset) if views is not None else None
    return (record, "view") if record is not None else (live(store, iri, limit, offset), "live")
