"""One small error hierarchy. Exit codes are mapped in `kg.cli`, HTTP statuses in `api.errors`."""

from __future__ import annotations

import unicodedata


def printable(text: str) -> str:
    r"""`text` with control, format and line-separator characters escaped, so a file name cannot forge a line.

    >>> printable("a\nkg: b.txt\x1b[2J\u2028c\udcff")
    'a\\nkg: b.txt\\x1b[2J\\u2028c\\udcff'
    """
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or unicodedata.category(ch) == "Zs"
                   else ch.encode("unicode_escape", "backslashreplace").decode("ascii") for ch in text)


class KgError(Exception):
    """Base of every error a user may see: its `str()` is one readable line."""


class BadInput(KgError):
    """A document or a parameter that cannot be read; names the file (and line) where known."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        self.message, self.path, self.line = message, path, line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = printable(self.path or "")
        if self.path and self.line is not None:
            where += f":{self.line}"
        return f"{where}: {self.message}" if where else self.message


class QueryError(KgError):
    """A SPARQL query or update that is malformed or refused."""


class QueryTimeout(QueryError):
    """A query that ran past the configured timeout and was cancelled."""


class Forbidden(KgError):
    """An operation the configuration does not allow (updates without a token, SERVICE, LOAD)."""


class NotFound(KgError):
    """A resource that does not exist."""


class StoreError(KgError):
    """The store cannot be opened or written (locked, corrupt, unreachable)."""
