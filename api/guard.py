"""What a request's SPARQL text may do, decided before it reaches the store.

pyoxigraph fetches remote URLs for `SERVICE` (queries) and `LOAD` (updates),
which would let anyone make the server call any address; both are refused
unless the configuration enables them. The check reads the text the way the
parser does: strings, IRIs and comments are blanked out first, so a keyword
inside a literal is data, and a keyword in code is always seen. It errs on the
side of refusing (`ex:my-service` is taken for the keyword too).
"""

from __future__ import annotations

import re

from kg.errors import BadInput, Forbidden

# Spans that are data, not code: comments, the four string forms, IRIs.
_DATA_SPANS = re.compile(
    r'#[^\n\r]*'
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n\r]|\\.)*"|\'(?:[^\'\\\n\r]|\\.)*\''
    r'|<[^<>"{}|^`\\\s]*>',
    re.DOTALL,
)
_KEYWORD = r"(?<![\w?$:]){}(?![\w:])"
_SERVICE = re.compile(_KEYWORD.format("SERVICE"), re.IGNORECASE)
_LOAD = re.compile(_KEYWORD.format("LOAD"), re.IGNORECASE)
_DATASET_CLAUSE = re.compile(_KEYWORD.format("(?:USING|WITH)"), re.IGNORECASE)
_WHERE = re.compile(_KEYWORD.format("WHERE"), re.IGNORECASE)


def code_of(sparql: str) -> str:
    """`sparql` with strings, IRIs and comments blanked to spaces (same length, so offsets hold).

    >>> code_of('SELECT * { ?s ?p "SERVICE {" } # LOAD')
    'SELECT * { ?s ?p             }       '
    """
    return _DATA_SPANS.sub(lambda m: " " * len(m.group()), sparql)


def check_query(query: str, *, allow_service: bool) -> None:
    """Refuse a query that would make the server fetch a URL.

    >>> check_query('SELECT * { ?s <http://x/SERVICE> "service" }', allow_service=False)
    >>> check_query('SELECT * { service <http://127.0.0.1:1/> { ?s ?p ?o } }', allow_service=False)
    Traceback (most recent call last):
    ...
    kg.errors.Forbidden: SERVICE (federated query) is disabled on this server
    """
    if not allow_service and _SERVICE.search(code_of(query)):
        raise Forbidden("SERVICE (federated query) is disabled on this server")


def check_update(update: str, *, allow_service: bool, allow_load: bool) -> None:
    """Refuse an update that would fetch a URL (LOAD, or SERVICE in a WHERE clause)."""
    code = code_of(update)
    if not allow_load and _LOAD.search(code):
        raise Forbidden("LOAD is disabled on this server")
    if not allow_service and _SERVICE.search(code):
        raise Forbidden("SERVICE (federated query) is disabled on this server")


def with_using(update: str, default_graphs: list[str], named_graphs: list[str]) -> str:
    """Apply the protocol's `using-graph-uri`/`using-named-graph-uri` to every `… WHERE` of an update.

    Refused when the update names its own dataset (USING, WITH), as the
    SPARQL 1.1 Protocol requires. Graph IRIs come in already checked
    (`NamedNode`), written in N-Triples syntax.

    >>> with_using('INSERT { ?s a <http://c> } WHERE { ?s ?p ?o }', ['<http://g>'], [])
    'INSERT { ?s a <http://c> } USING <http://g> WHERE { ?s ?p ?o }'
    """
    if not default_graphs and not named_graphs:
        return update
    code = code_of(update)
    if _DATASET_CLAUSE.search(code):
        raise BadInput("using-graph-uri/using-named-graph-uri conflict with USING or WITH in the update")
    clause = " ".join([*(f"USING {g}" for g in default_graphs), *(f"USING NAMED {g}" for g in named_graphs)])
    inserts = [m.start() for m in _WHERE.finditer(code)
               if _depth(code, m.start()) == 0 and code[: m.start()].rstrip().endswith("}")]
    for position in reversed(inserts):
        update = update[:position] + clause + " " + update[position:]
    return update


def _depth(code: str, position: int) -> int:
    return code.count("{", 0, position) - code.count("}", 0, position)
