"""SPARQL text the project writes itself: terms, VALUES blocks, INSERT DATA.

Every piece of user data reaches SPARQL text only as an RDF term made by
pyoxigraph (`NamedNode`, `Literal`, …) and written by it in N-Triples syntax
(escaped), never pasted. The embedded store, the remote store and the records
all build their text here, so there is one way to do each.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, Triple

from kg.errors import QueryError

Term = NamedNode | Literal | BlankNode

# Skipped when looking for the query's first `{`: comments, strings, IRIs.
_SKIPPABLE = re.compile(
    r'#[^\n]*|"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>'
)
_CONSTRUCT_TEMPLATE = re.compile(r"\bCONSTRUCT\s*$", re.IGNORECASE)


def text_of(node: NamedNode | BlankNode | Literal | Triple) -> str:
    """A term's IRI, blank node id or lexical value; an RDF-star triple (none of ours) as its N-Triples text.

    >>> text_of(NamedNode("http://s")), text_of(Literal("1"))
    ('http://s', '1')
    """
    return str(node) if isinstance(node, Triple) else node.value


def term(value: object) -> str:
    """An RDF term in N-Triples syntax (pyoxigraph's terms print that way, escaped).

    >>> term(Literal('a"b'))
    '"a\\\\"b"'
    """
    return str(value)


def insert_data(graphs: Mapping[NamedNode, Iterable[Quad]]) -> str:
    """One `INSERT DATA` putting each graph's quads into that named graph.

    >>> g = NamedNode("http://g")
    >>> insert_data({g: [Quad(NamedNode("http://s"), NamedNode("http://p"), Literal("o"), g)]})
    'INSERT DATA {\\nGRAPH <http://g> {\\n<http://s> <http://p> "o" }\\n}'
    """
    blocks = []
    for graph, quads in graphs.items():
        triples = " .\n".join(f"{term(q.subject)} {term(q.predicate)} {term(q.object)}" for q in quads)
        blocks.append(f"GRAPH {term(graph)} {{\n{triples} }}")
    return "INSERT DATA {\n" + "\n".join(blocks) + "\n}"


def delete_data(graphs: Mapping[NamedNode, Iterable[Quad]]) -> str:
    """One `DELETE DATA` taking each graph's quads out of that named graph (`insert_data`'s inverse).

    >>> g = NamedNode("http://g")
    >>> delete_data({g: [Quad(NamedNode("http://s"), NamedNode("http://p"), Literal("o"), g)]})
    'DELETE DATA {\\nGRAPH <http://g> {\\n<http://s> <http://p> "o" }\\n}'
    """
    return "DELETE" + insert_data(graphs).removeprefix("INSERT")


def with_base(text: str, base_iri: str | None) -> str:
    """`text` (a query or an update) with its relative IRIs resolved against `base_iri`, for a server that
    takes no base beside the text: a `BASE` put first, which a BASE of the text's own overrides.

    >>> with_base("INSERT DATA { <s> <p> <o> }", "http://127.0.0.1:8000/sparql")
    'BASE <http://127.0.0.1:8000/sparql>\\nINSERT DATA { <s> <p> <o> }'
    """
    return text if base_iri is None else f"BASE {term(NamedNode(base_iri))}\n{text}"


def drop_graphs(graphs: Iterable[NamedNode]) -> list[str]:
    """`DROP SILENT GRAPH` operations for `graphs`, in the order given."""
    return [f"DROP SILENT GRAPH {term(g)}" for g in graphs]


def bind(query: str, values: Mapping[str, Sequence[Term]]) -> str:
    """`query` with a `VALUES ?var { … }` block per variable at the start of its WHERE group (after a
    CONSTRUCT template, if any). Variables with no terms are left unbound.

    pyoxigraph's `substitutions` cannot be used instead: they do not reach variables that only appear
    in a FILTER, and a remote server has no such thing.

    >>> bind("SELECT ?s WHERE { ?s ?p ?q }", {"q": [Literal('a"} #')]})
    'SELECT ?s WHERE { VALUES ?q { "a\\\\"} #" } ?s ?p ?q }'
    >>> bind('PREFIX s: <http://s/#> CONSTRUCT { ?a s:b ?c } WHERE { ?a s:b ?c }', {"c": [Literal("1")]})
    'PREFIX s: <http://s/#> CONSTRUCT { ?a s:b ?c } WHERE { VALUES ?c { "1" } ?a s:b ?c }'
    """
    blocks = "".join(f" VALUES ?{name} {{ {' '.join(term(t) for t in terms)} }}"
                     for name, terms in values.items() if terms)
    if not blocks:
        return query
    brace = where_brace(query)
    return query[: brace + 1] + blocks + query[brace + 1:]


def where_brace(query: str) -> int:
    """Index of the `{` that opens the query's WHERE group (after a CONSTRUCT template, if any).

    >>> where_brace('SELECT * WHERE { ?s ?p "{" }')
    15
    """
    depth, position, template = 0, 0, False
    while position < len(query):
        skipped = _SKIPPABLE.match(query, position)
        if skipped:
            position = skipped.end()
            continue
        char = query[position]
        if char == "{":
            if depth == 0 and not template and _CONSTRUCT_TEMPLATE.search(query[:position]):
                template = True
            elif depth == 0:
                return position
            depth += 1
        elif char == "}":
            depth -= 1
        position += 1
    raise QueryError("malformed query: no WHERE group to bind variables in")
