"""RDF terms written as N-Quads (UTF-8 bytes), byte for byte as pyoxigraph writes them.

The RDF stage (kg.rdf) writes an article's graph straight to N-Quads instead of
building pyoxigraph `Quad`s and serialising them: a `Quad` whose object is a
literal costs ~1.8 µs to build (pyoxigraph tries the other term kinds first),
a line of bytes joined from terms encoded once ~0.1 µs, and `kg extract` only
prints the text. Whoever needs `Quad`s parses the text back in Rust
(`ArticleGraph.quads`). tests/test_nquads.py checks every code point against
pyoxigraph's own writer. Encoding text RDF cannot hold (a lone surrogate)
raises `UnicodeEncodeError`, a `ValueError`.
"""

from __future__ import annotations

import functools
import re

from pyoxigraph import NamedNode

XSD_INTEGER = b"<http://www.w3.org/2001/XMLSchema#integer>"
XSD_DATE = b"<http://www.w3.org/2001/XMLSchema#date>"

# What pyoxigraph escapes in a literal: the C0 controls, DEL, the quote, the backslash and the two noncharacters
# U+FFFE/U+FFFF; the usual ones by their short escapes, the others as \uXXXX.
_SHORT = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}
_ESCAPED = [*map(chr, range(0x20)), "\x7f", '"', "\\", "\ufffe", "\uffff"]
_ESCAPES = str.maketrans({c: _SHORT.get(c, f"\\u{ord(c):04X}") for c in _ESCAPED})
_NEEDS_ESCAPE = re.compile("[\x00-\x1f\x7f\"\\\\\ufffe\uffff]")


def iri(node: NamedNode) -> bytes:
    """`<iri>`: a `NamedNode` is a valid IRI already, written as it is."""
    return b"<" + node.value.encode() + b">"


SHORT = 16  # names, titles, quoted role words: most literals, and they recur (a sentence's text seldom does)


def literal(text: str) -> bytes:
    r"""A plain string literal (`xsd:string`, written without its datatype).

    >>> print(literal("杜小刚").decode(), literal('说"好"\t').decode())
    "杜小刚" "说\"好\"\t"
    """
    return _short_literal(text) if len(text) <= SHORT else _literal(text)


def _literal(text: str) -> bytes:
    if _NEEDS_ESCAPE.search(text) is not None:
        text = text.translate(_ESCAPES)
    return b'"' + text.encode() + b'"'


_short_literal = functools.lru_cache(maxsize=1 << 14)(_literal)


def typed(lexical: str, datatype: bytes) -> bytes:
    """A literal of `datatype` (an `<iri>`), its lexical form written as a plain literal's."""
    return literal(lexical) + b"^^" + datatype


@functools.lru_cache(maxsize=1 << 16)  # offsets and positions recur in every article
def integer(value: int) -> bytes:
    """An `xsd:integer` literal."""
    return typed(str(value), XSD_INTEGER)
