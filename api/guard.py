"""What a request's SPARQL may do, decided on its parse tree before it reaches the store.

pyoxigraph fetches remote URLs for `SERVICE` (queries) and `LOAD` (updates),
which would let anyone make the server call any address. Each query or update
is parsed by our SPARQL 1.1 grammar (`api.sparql_syntax`: the W3C grammar under
an LALR(1) parser, which expands `\\u` escapes, reads comments, strings, escaped
local names and prefixed/relative IRIs the way the spec says) and its syntax
tree is walked: a `service_graph_pattern` or `load` node anywhere — sub-select,
OPTIONAL, MINUS, EXISTS in a filter, UNION, GRAPH, a variable service — refuses
the request unless the configuration enables it. What the grammar cannot parse
is refused too, so nothing reaches the store unchecked.

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

import re
from collections import OrderedDict
from dataclasses import dataclass

from lark import Tree

from api.sparql_syntax import Prologue, SparqlSyntaxError, nodes, parse
from kg.errors import BadInput, Forbidden

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
class CheckedQuery:
    """What the check read in an allowed query: the graphs its FROM / FROM NAMED clauses name (absolute IRIs;
    both empty: none named), and for a SELECT with a LIMIT on the query itself (not a sub-select's), that
    limit: its answer has at most that many rows (None: no such bound)."""

    default: tuple[str, ...] = ()
    named: tuple[str, ...] = ()
    rows_at_most: int | None = None


@dataclass(frozen=True)
class UpdateShape:
    """What the protocol's `using-graph-uri` parameters need to know about an update."""

    modify_operations: int  # DELETE/INSERT … WHERE operations (each may take USING clauses)
    names_dataset: bool  # some operation has its own USING or WITH
    using: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]  # per Modify: (USING, USING NAMED) IRIs


def _refuse(tree: Tree, *, allow_service: bool, allow_load: bool) -> None:
    names = {node.data for node in nodes(tree)}
    if "service_graph_pattern" in names and not allow_service:
        raise Forbidden("SERVICE (federated query) is disabled on this server")
    if "load" in names and not allow_load:
        raise Forbidden("LOAD is disabled on this server")


def _graphs(clauses: list[Tree], prologue: Prologue) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The (default, named) IRIs of FROM or USING clauses: children `[NAMED?, iri]`."""
    default: list[str] = []
    named: list[str] = []
    for clause in clauses:
        iri = clause.children[-1]
        assert isinstance(iri, Tree)
        (named if len(clause.children) == 2 else default).append(prologue.iri(iri))
    return tuple(default), tuple(named)


def _parsed(text: str, kind: str) -> Tree:
    try:
        return parse(text, kind)
    except SparqlSyntaxError as exc:
        raise _unparsable(kind, exc) from None
    except RecursionError:
        raise _unparsable(kind, SparqlSyntaxError("nested too deeply")) from None


def _unparsable(what: str, exc: SparqlSyntaxError) -> BadInput:
    return BadInput(f"malformed {what} (refused: it could not be parsed as SPARQL 1.1): {exc}")


CACHED_TEXT = 8_000  # characters: longer texts are parsed every time (a cache of 1 MB texts would fill a worker)
ALLOWED_REMEMBERED = 512
_ALLOWED: OrderedDict[tuple[str, bool], CheckedQuery] = OrderedDict()  # texts allowed lately, oldest first


def check_query(query: str, *, allow_service: bool) -> CheckedQuery:
    """Refuse a query that would make the server fetch a URL; return the dataset it names.

    >>> check_query('SELECT * { ?s <http://x/SERVICE> "service" }', allow_service=False)
    CheckedQuery(default=(), named=(), rows_at_most=None)
    >>> check_query('PREFIX e: <http://e/> SELECT * FROM e:g { { SELECT * { ?s ?p ?o } LIMIT 9 } } LIMIT 20',
    ...             allow_service=False)
    CheckedQuery(default=('http://e/g',), named=(), rows_at_most=20)
    >>> check_query('SELECT * { OPTIONAL { service <http://127.0.0.1:1/> { ?s ?p ?o } } }', allow_service=False)
    Traceback (most recent call last):
    ...
    kg.errors.Forbidden: SERVICE (federated query) is disabled on this server
    """
    known = _ALLOWED.get((query, allow_service))
    if known is not None:
        return known
    return _remember((query, allow_service), _check_query(query, allow_service))


def _remember(key: tuple[str, bool], dataset: CheckedQuery) -> CheckedQuery:
    if len(key[0]) <= CACHED_TEXT:
        _ALLOWED[key] = dataset
        while len(_ALLOWED) > ALLOWED_REMEMBERED:
            _ALLOWED.popitem(last=False)
    return dataset


def _check_query(query: str, allow_service: bool) -> CheckedQuery:
    tree = _parsed(query, "query")
    prologue_node, form = tree.children[0], tree.children[1]
    assert isinstance(prologue_node, Tree) and isinstance(form, Tree)
    try:
        prologue = Prologue().extended(prologue_node)
        prologue.check_terms(tree)
        default, named = _graphs([c for c in form.children if isinstance(c, Tree) and c.data == "dataset_clause"],
                                 prologue)
    except SparqlSyntaxError as exc:
        raise _unparsable("query", exc) from None
    _refuse(tree, allow_service=allow_service, allow_load=False)
    return CheckedQuery(default, named, _select_limit(form))


def _select_limit(form: Tree) -> int | None:
    """The LIMIT of a `select_query` node's own solution modifier (a sub-select's sits deeper, in its WHERE)."""
    if form.data != "select_query":
        return None
    modifier = form.children[-1]
    if not isinstance(modifier, Tree) or modifier.data != "solution_modifier":
        return None
    for clause in modifier.children:
        if isinstance(clause, Tree) and clause.data == "limit_offset_clauses":
            for limit in clause.children:
                if isinstance(limit, Tree) and limit.data == "limit_clause":
                    return int(str(limit.children[0]))
    return None


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
    tree = _parsed(update, "update")
    _refuse(tree, allow_service=allow_service, allow_load=allow_load)
    try:
        modifies = [_using_of(operation, prologue) for operation, prologue in _operations(tree)
                    if operation.data == "modify"]
    except SparqlSyntaxError as exc:
        raise _unparsable("update", exc) from None
    names_dataset = any(bool(using[0] or using[1]) or has_with for using, has_with in modifies)
    return UpdateShape(len(modifies), names_dataset, tuple(using for using, _ in modifies))


def _operations(tree: Tree) -> list[tuple[Tree, Prologue]]:
    """Each operation of an update with the prologue in force for it; prefixed names checked against it.

    `update: prologue (update1 (";" update)?)?` nests once per operation: walked in a loop, not recursively.
    """
    operations = []
    prologue = Prologue()
    node: Tree | None = tree
    while node is not None:
        children = [c for c in node.children if isinstance(c, Tree)]
        prologue = prologue.extended(children[0])
        node = None
        for child in children[1:]:
            if child.data == "update1":
                prologue.check_terms(child)
                operation = child.children[0]
                assert isinstance(operation, Tree)
                operations.append((operation, prologue))
            else:
                node = child
    return operations


def _using_of(operation: Tree, prologue: Prologue) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], bool]:
    """A DELETE/INSERT … WHERE's (USING, USING NAMED) IRIs and whether it has WITH."""
    clauses = [c for c in operation.children if isinstance(c, Tree)]
    using = _graphs([c for c in clauses if c.data == "using_clause"], prologue)
    return using, any(c.data == "with_clause" for c in clauses)


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
