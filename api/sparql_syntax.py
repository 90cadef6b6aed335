"""SPARQL 1.1 queries and updates read into a syntax tree by our own grammar (`api/sparql11.lark`).

The grammar is the W3C Recommendation's (Query Language §19.8, whose productions the Update language
shares), run by lark's LALR(1) parser and contextual lexer: a few hundred microseconds for a typical
query, where a backtracking parser takes milliseconds. Codepoint escapes (`\\u0022`) are read the way
Oxigraph, which runs the text, reads them: inside strings and IRIs only, so `"\\u0022 } ; LOAD …"` is one
string for both (§19.2's expansion of the whole text first would end that string early, and could open a
long string Oxigraph never sees). Prefixed names and relative IRIs are resolved as the prologue says.

What the tree means for a request (SERVICE, LOAD, datasets) is decided by `api.guard`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from urllib.parse import urljoin

import lark
from lark import Lark, Token, Tree
from lark.exceptions import LarkError, UnexpectedCharacters, UnexpectedEOF, UnexpectedToken

_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_LOCAL_ESCAPE = re.compile(r"\\(.)")  # PN_LOCAL_ESC: `\#` in a local name stands for `#`
# A well-formed BCP 47 language tag (RFC 5646 §2.1), which Oxigraph requires of a literal's LANGTAG token
# where SPARQL's grammar takes any `[a-zA-Z]+('-'[a-zA-Z0-9]+)*`: langtag, private use, or irregular.
_BCP47_LANGTAG = re.compile(
    r"(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})(?:-[a-z]{4})?(?:-(?:[a-z]{2}|[0-9]{3}))?"
    r"(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*(?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*(?:-x(?:-[a-z0-9]{1,8})+)?"
    r"|x(?:-[a-z0-9]{1,8})+", re.IGNORECASE)
_BCP47_IRREGULAR = frozenset({
    "en-gb-oed", "i-ami", "i-bnn", "i-default", "i-enochian", "i-hak", "i-klingon", "i-lux", "i-mingo",
    "i-navajo", "i-pwn", "i-tao", "i-tay", "i-tsu", "sgn-be-fr", "sgn-be-nl", "sgn-ch-de"})


class SparqlSyntaxError(ValueError):
    """The text is not SPARQL 1.1 (the message says where, in one line)."""


@cache
def _parser() -> Lark:
    grammar = resources.files("api").joinpath("sparql11.lark").read_text(encoding="utf-8")
    return Lark(grammar, parser="lalr", lexer="contextual", start=["query", "update"], cache=_table_cache())


def _table_cache() -> str | bool:
    """Where lark keeps the LALR tables it built (seconds of work per worker start, a read once kept).

    The user's own cache folder (0700), never a shared /tmp file: lark's cache is a pickle. lark checks the
    grammar's hash stored in it and rebuilds on a mismatch. No usable folder: no cache."""
    folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "zhengwu-kg"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return False
    if folder.stat().st_uid != os.getuid() or not os.access(folder, os.W_OK):
        return False
    return str(folder / f"sparql11-lark-{lark.__version__}.cache")


# Lark compiles each parser state's lexer on first use (~0.1 s each, with the spec's wide Unicode classes):
# one query and one update through the common states, so a worker pays that at start-up.
_WARM_UP = {
    "query": """PREFIX p: <http://e/> SELECT DISTINCT ?s (COUNT(*) AS ?n) (SAMPLE(?l) AS ?m) FROM <g> WHERE {
      VALUES ?s { p:a <b> } ?s a p:C ; p:p/p:q* ?o , "x"@en , 1.5 . ?o ^p:r|!(a) [ p:s ?z ] .
      OPTIONAL { ?s p:t ?l FILTER(LANG(?l) = "zh" && ?o > -1 || CONTAINS(STR(?l), 'y')) }
      BIND(COALESCE(?l, "z") AS ?w) { SELECT ?s WHERE { ?s ?p ?o } LIMIT 1 } UNION { GRAPH ?g { ?s ?p ?o } }
      MINUS { ?s p:u true } FILTER NOT EXISTS { ?s p:v ?o } } GROUP BY ?s HAVING(?n > 1) ORDER BY DESC(?n) LIMIT 5""",
    "update": """PREFIX p: <http://e/> DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> { p:a p:b "c", 1 } } ;
      WITH <g> DELETE { ?s ?p ?o } INSERT { ?s p:x ?o } USING <g> WHERE { ?s ?p ?o OPTIONAL { ?s p:y ?z } }""",
}


def warm() -> None:
    """Build the parser and its common lexers now: a worker does it at start-up, not in its first request."""
    for kind, text in _WARM_UP.items():
        parse(text, kind)


def parse(text: str, kind: str) -> Tree:
    """The syntax tree of `text` read as a "query" or an "update"; `SparqlSyntaxError` if it is not one."""
    try:
        return _parser().parse(text, start=kind)
    except UnexpectedEOF:
        raise SparqlSyntaxError("unexpected end of text") from None
    except UnexpectedToken as exc:
        raise SparqlSyntaxError(
            f"unexpected {str(exc.token)[:40]!r} at line {exc.line}, column {exc.column}") from None
    except UnexpectedCharacters as exc:
        raise SparqlSyntaxError(f"unexpected {exc.char!r} at line {exc.line}, column {exc.column}") from None
    except LarkError as exc:  # whatever else lark reports is a refusal too, in one line
        raise SparqlSyntaxError(" ".join(str(exc).split())[:200]) from None


def nodes(tree: Tree) -> Iterator[Tree]:
    """Every subtree of `tree`, however deeply nested (no recursion: a hostile text may nest deeply)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(child for child in node.children if isinstance(child, Tree))


def tokens(tree: Tree) -> Iterator[Token]:
    """Every token under `tree`."""
    for node in nodes(tree):
        yield from (child for child in node.children if isinstance(child, Token))


@dataclass(frozen=True)
class Prologue:
    """BASE and PREFIX declarations in force at a point of the text (an update's operations add to them)."""

    base: str | None = None
    prefixes: dict[str, str] = field(default_factory=dict)

    def extended(self, prologue: Tree) -> Prologue:
        """This prologue with the declarations of a `prologue` node added, in their order."""
        base, prefixes = self.base, dict(self.prefixes)
        for declaration in prologue.children:
            assert isinstance(declaration, Tree)
            if declaration.data == "base_decl":
                base = _resolve(base, _iriref(declaration.children[0]))
            else:
                name, iri = (str(token) for token in declaration.children)
                prefixes[name[:-1]] = _resolve(base, _iriref(iri))
        return Prologue(base, prefixes)

    def iri(self, node: Tree) -> str:
        """The IRI an `iri` node stands for: an IRIREF resolved against BASE, a prefixed name expanded."""
        child = node.children[0]
        if isinstance(child, Token):  # IRIREF
            return _resolve(self.base, _iriref(child))
        assert isinstance(child, Tree)
        prefix, _, local = str(child.children[0]).partition(":")
        if prefix not in self.prefixes:
            raise SparqlSyntaxError(f"prefix {prefix + ':'!r} is not declared")
        return self.prefixes[prefix] + _LOCAL_ESCAPE.sub(r"\1", local)

    def check_terms(self, tree: Tree) -> None:
        """Refuse what the grammar lets through but Oxigraph does not read under `tree`: a prefixed name
        whose prefix this prologue does not declare, a language tag that is not BCP 47."""
        for token in tokens(tree):
            if token.type in ("PNAME_LN", "PNAME_NS") and token.partition(":")[0] not in self.prefixes:
                raise SparqlSyntaxError(f"prefix {token.partition(':')[0] + ':'!r} is not declared "
                                        f"(line {token.line}, column {token.column})")
            if token.type == "LANGTAG" and not is_language_tag(token[1:]):
                raise SparqlSyntaxError(f"{str(token)[:40]!r} is not a BCP 47 language tag "
                                        f"(line {token.line}, column {token.column})")


def is_language_tag(tag: str) -> bool:
    """Whether `tag` is a well-formed BCP 47 language tag.

    >>> [is_language_tag(t) for t in ("zh-Hans-CN", "en-GB-oed", "x-foo", "e-GB", "en-x", "abcdefghi")]
    [True, True, True, False, False, False]
    """
    return bool(_BCP47_LANGTAG.fullmatch(tag)) or tag.lower() in _BCP47_IRREGULAR


def _iriref(token: object) -> str:
    """The IRI an IRIREF token writes, its `\\u`/`\\U` escapes decoded."""
    iri = str(token)[1:-1]
    if "\\" not in iri:
        return iri
    try:
        return _CODEPOINT.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), iri)
    except (ValueError, OverflowError):  # \U beyond U+10FFFF
        raise SparqlSyntaxError(f"{str(token)[:60]!r}: a \\U escape names no Unicode code point") from None


def _resolve(base: str | None, iri: str) -> str:
    return urljoin(base, iri) if base else iri
