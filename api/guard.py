"""What a request's SPARQL may do, decided on its parse tree before it reaches the store.

pyoxigraph fetches remote URLs for `SERVICE` (queries) and `LOAD` (updates),
which would let anyone make the server call any address. Each query or update
is parsed by rdflib's SPARQL 1.1 parser (which expands `\\u` escapes, reads
comments, strings, escaped local names and prefixed/relative IRIs the way the
grammar says) and both its syntax tree and its algebra are walked: a
`ServiceGraphPattern` or `Load` node anywhere — sub-select, OPTIONAL, MINUS,
EXISTS in a filter, UNION, GRAPH, a variable service — refuses the request
unless the configuration enables it. What rdflib cannot parse is refused too,
so nothing reaches the store unchecked.

The dataset a query names (`FROM`, `FROM NAMED`, resolved against PREFIX and
BASE) is returned so the caller can hand it to pyoxigraph as graphs of the
store: Oxigraph never dereferences them, and they are honoured, not ignored.

This runs inside the worker processes (`api.workers`): a parse of a hostile
text costs a killable, memory-capped worker its time, never the event loop.
`code_of` (blanking strings, IRIs and comments) is only used to place the
protocol's `USING` clauses in an update, whose result is parsed and checked
again.
"""

from __future__ import annotations

import logging
import re
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from pyoxigraph import RdfFormat, parse
from pyparsing import ParseBaseException, ParseResults
from rdflib.plugins.sparql.algebra import translateQuery, translateUpdate
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from kg.errors import BadInput, Forbidden

# rdflib warns about every IRI it would not serialise (e.g. `ex:a\#`): noise here, since it only parses
logging.getLogger("rdflib.term").setLevel(logging.ERROR)

_SERVICE = "ServiceGraphPattern"
_LOAD = "Load"

# Spans that are data, not code: comments, the four string forms, IRIs.
_DATA_SPANS = re.compile(
    r'#[^\n\r]*'
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n\r]|\\.)*"|\'(?:[^\'\\\n\r]|\\.)*\''
    r'|<[^<>"{}|^`\\\s]*>',
    re.DOTALL,
)
_WHERE = re.compile(r"(?<![\w?$:])WHERE(?![\w:])", re.IGNORECASE)


@dataclass(frozen=True)
class QueryDataset:
    """The graphs a query's FROM / FROM NAMED clauses name (absolute IRIs); both empty: none named."""

    default: tuple[str, ...] = ()
    named: tuple[str, ...] = ()


@dataclass(frozen=True)
class UpdateShape:
    """What the protocol's `using-graph-uri` parameters need to know about an update."""

    modify_operations: int  # DELETE/INSERT … WHERE operations (each may take USING clauses)
    names_dataset: bool  # some operation has its own USING or WITH
    using: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]  # per Modify: (USING, USING NAMED) IRIs


def _nodes(tree: object, depth: int = 0) -> Iterator[CompValue]:
    """Every `CompValue` in a parse tree or algebra, however deeply nested."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            yield node
            stack.extend(node.values())
        elif isinstance(node, ParseResults | list | tuple | set):
            stack.extend(node)
        elif isinstance(node, dict):
            stack.extend(node.values())


def _refuse(trees: tuple[object, ...], *, allow_service: bool, allow_load: bool) -> None:
    names = {node.name for tree in trees for node in _nodes(tree)}
    if _SERVICE in names and not allow_service:
        raise Forbidden("SERVICE (federated query) is disabled on this server")
    if _LOAD in names and not allow_load:
        raise Forbidden("LOAD is disabled on this server")


def _field(node: CompValue, key: str) -> object:
    """A field of a parse node, None when absent (`CompValue.get` answers the key itself when absent)."""
    return dict.get(node, key)


def _iris(clauses: object, key: str) -> tuple[str, ...]:
    """The IRIs under `key` ("default" or "named") of FROM or USING clauses (one clause or a list)."""
    if isinstance(clauses, CompValue):
        listed = [clauses]
    elif isinstance(clauses, Iterable):  # a ParseResults list of clauses
        listed = [c for c in clauses if isinstance(c, CompValue)]
    else:  # None: no such clause
        return ()
    return tuple(str(_field(c, key)) for c in listed if _field(c, key) is not None)


def _unparsable(what: str, exc: Exception) -> BadInput:
    if isinstance(exc, ParseBaseException):
        detail = f"{exc.msg} at line {exc.lineno}, column {exc.col}"
    elif isinstance(exc, RecursionError):
        detail = "nested too deeply"
    else:
        detail = " ".join(str(exc).split())[:200] or type(exc).__name__
    return BadInput(f"malformed {what} (refused: it could not be parsed as SPARQL 1.1): {detail}")


CACHED_TEXT = 8_000  # characters: longer texts are parsed every time (a cache of 1 MB texts would fill a worker)
ALLOWED_REMEMBERED = 512
_ALLOWED: OrderedDict[tuple[str, bool], QueryDataset] = OrderedDict()  # texts allowed lately, oldest first


def check_query(query: str, *, allow_service: bool) -> QueryDataset:
    """Refuse a query that would make the server fetch a URL; return the dataset it names.

    >>> check_query('SELECT * { ?s <http://x/SERVICE> "service" }', allow_service=False)
    QueryDataset(default=(), named=())
    >>> check_query('PREFIX e: <http://e/> SELECT * FROM e:g { ?s ?p ?o }', allow_service=False)
    QueryDataset(default=('http://e/g',), named=())
    >>> check_query('SELECT * { OPTIONAL { service <http://127.0.0.1:1/> { ?s ?p ?o } } }', allow_service=False)
    Traceback (most recent call last):
    ...
    kg.errors.Forbidden: SERVICE (federated query) is disabled on this server
    """
    known = _ALLOWED.get((query, allow_service))
    if known is not None:
        return known
    return _remember((query, allow_service), _check_query(query, allow_service))


def checked_before(query: str, *, allow_service: bool) -> bool:
    """True if this process has allowed `query` lately: `check_query` answers it from memory."""
    return (query, allow_service) in _ALLOWED


def _remember(key: tuple[str, bool], dataset: QueryDataset) -> QueryDataset:
    if len(key[0]) <= CACHED_TEXT:
        _ALLOWED[key] = dataset
        while len(_ALLOWED) > ALLOWED_REMEMBERED:
            _ALLOWED.popitem(last=False)
    return dataset


def _check_query(query: str, allow_service: bool) -> QueryDataset:
    try:
        syntax = parseQuery(query)
        algebra = translateQuery(syntax).algebra
    except Exception as exc:  # noqa: BLE001 - whatever rdflib cannot read is refused, never passed on
        raise _unparsable("query", exc) from None
    _refuse((syntax, algebra), allow_service=allow_service, allow_load=False)
    clauses = _field(algebra, "datasetClause")
    return QueryDataset(_iris(clauses, "default"), _iris(clauses, "named"))


# The updates bulk writers send (kg.remote_store: `DROP SILENT GRAPH <g> ; … INSERT DATA { … }`), which rdflib
# takes ~20 µs a character to parse (7 s for a 300 KB page): a closed grammar of whole-graph drops, then one
# INSERT DATA whose body pyoxigraph's TriG parser must accept entirely. TriG lexes IRIs, strings, names and
# comments as SPARQL does, so a body it accepts is balanced and holds only data: Oxigraph's INSERT DATA ends
# at the same final brace, and nothing in it can be an operation. Code point escapes (`\u`), which SPARQL
# expands before lexing and TriG does not, send the text to rdflib instead.
_DATA_UPDATE_HEAD = re.compile(
    r'\s*(?:DROP\s+(?:SILENT\s+)?GRAPH\s*<[^<>"{}|^`\\\s]*>\s*;\s*)*INSERT\s+DATA\s*\{', re.IGNORECASE)
_PLAIN_DATA_FROM = 2_000  # characters: shorter updates go through rdflib (cheap at that size)


def _plain_data_update(update: str) -> UpdateShape | None:
    """The shape of an update of drops and one INSERT DATA with a TriG-valid body; None if it is not one."""
    head = _DATA_UPDATE_HEAD.match(update)
    body_end = update.rstrip().rfind("}")
    if head is None or body_end < head.end() or update[body_end + 1:].strip() or "\\u" in update \
            or "\\U" in update:
        return None
    try:
        for _quad in parse(update[head.end():body_end].encode(), RdfFormat.TRIG):
            pass
    except (SyntaxError, ValueError):
        return None
    return UpdateShape(0, False, ())


def check_update(update: str, *, allow_service: bool, allow_load: bool) -> UpdateShape:
    """Refuse an update that would fetch a URL (LOAD, or SERVICE in a WHERE clause); return its shape.

    >>> check_update('PREFIX e: <http://e/> INSERT DATA { e:a\\\\# e:b "LOAD" }', allow_service=False, allow_load=False)
    UpdateShape(modify_operations=0, names_dataset=False, using=())
    >>> check_update('INSERT DATA { <a:b> <a:c> <a:d> } ; LOAD <http://127.0.0.1:1/x.ttl>',
    ...              allow_service=False, allow_load=False)
    Traceback (most recent call last):
    ...
    kg.errors.Forbidden: LOAD is disabled on this server
    """
    if len(update) >= _PLAIN_DATA_FROM:
        shape = _plain_data_update(update)
        if shape is not None:
            return shape
    try:
        syntax = parseUpdate(update)
        algebra = translateUpdate(syntax).algebra
    except Exception as exc:  # noqa: BLE001 - whatever rdflib cannot read is refused, never passed on
        raise _unparsable("update", exc) from None
    _refuse((syntax, algebra), allow_service=allow_service, allow_load=allow_load)
    modifies = [op for op in algebra if op.name == "Modify"]
    using = tuple((_iris(_field(op, "using"), "default"), _iris(_field(op, "using"), "named")) for op in modifies)
    names_dataset = any(_field(op, "using") or _field(op, "withClause") is not None for op in modifies)
    return UpdateShape(len(modifies), names_dataset, using)


def code_of(sparql: str) -> str:
    """`sparql` with strings, IRIs and comments blanked to spaces (same length, so offsets hold).

    Used to place text, never to decide what a request may do.

    >>> code_of('SELECT * { ?s ?p "SERVICE {" } # LOAD')
    'SELECT * { ?s ?p             }       '
    """
    return _DATA_SPANS.sub(lambda m: " " * len(m.group()), sparql)


def with_using(update: str, default_graphs: tuple[str, ...], named_graphs: tuple[str, ...], *,
               allow_service: bool, allow_load: bool) -> str:
    """Apply the protocol's `using-graph-uri`/`using-named-graph-uri` to every `… WHERE` of an update.

    Refused when the update names its own dataset (USING, WITH), as the SPARQL
    1.1 Protocol requires. The clauses are placed before each top-level WHERE,
    then the result is parsed again: it must have exactly these USING graphs on
    every DELETE/INSERT operation, or it is refused.

    >>> with_using('INSERT { ?s a <http://c> } WHERE { ?s ?p ?o }', ('http://g',), (),
    ...            allow_service=False, allow_load=False)
    'INSERT { ?s a <http://c> } USING <http://g> WHERE { ?s ?p ?o }'
    """
    shape = check_update(update, allow_service=allow_service, allow_load=allow_load)
    if not default_graphs and not named_graphs:
        return update
    if shape.names_dataset:
        raise BadInput("using-graph-uri/using-named-graph-uri conflict with USING or WITH in the update")
    clause = " ".join([*(f"USING <{g}>" for g in default_graphs), *(f"USING NAMED <{g}>" for g in named_graphs)])
    code = code_of(update)
    inserts = [m.start() for m in _WHERE.finditer(code)
               if _depth(code, m.start()) == 0 and code[: m.start()].rstrip().endswith("}")]
    for position in reversed(inserts):
        update = update[:position] + clause + " " + update[position:]
    rewritten = check_update(update, allow_service=allow_service, allow_load=allow_load)
    if rewritten.modify_operations != shape.modify_operations or \
            any(using != (default_graphs, named_graphs) for using in rewritten.using):
        raise BadInput("using-graph-uri/using-named-graph-uri could not be applied to this update")
    return update


def _depth(code: str, position: int) -> int:
    return code.count("{", 0, position) - code.count("}", 0, position)
