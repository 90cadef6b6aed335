"""Reading a SPARQL 1.1 Protocol request strictly: parameters, media types, UTF-8, credentials."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from urllib.parse import parse_qsl

from fastapi import Request
from pyoxigraph import NamedNode

from api.errors import Unauthorized, UnsupportedMediaType
from api.execution import Dataset
from kg.errors import BadInput, Forbidden
from kg.settings import Settings

FORM = "application/x-www-form-urlencoded"


def parse_params(raw: bytes, what: str) -> list[tuple[str, str]]:
    """`a=1&b=2` pairs, percent-decoded as strict UTF-8.

    >>> parse_params(b"query=ASK%7B%7D&default-graph-uri=http%3A%2F%2Fg", "query string")
    [('query', 'ASK{}'), ('default-graph-uri', 'http://g')]
    >>> parse_params(b"query=%E9", "form")
    Traceback (most recent call last):
    ...
    api.errors.UnsupportedMediaType: the form is not valid UTF-8
    """
    try:
        return parse_qsl(raw.decode("utf-8"), keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise UnsupportedMediaType(f"the {what} is not valid UTF-8") from None


@dataclass
class Params:
    """The parameters of one request, from the query string and (for a form POST) the body."""

    pairs: list[tuple[str, str]]

    def all(self, name: str) -> list[str]:
        return [value for key, value in self.pairs if key == name]

    def one(self, name: str) -> str | None:
        values = self.all(name)
        if len(values) > 1:
            raise BadInput(f"the parameter {name!r} was given {len(values)} times; give it once")
        return values[0] if values else None

    def graphs(self, name: str) -> tuple[str, ...]:
        graphs = []
        for value in self.all(name):
            try:
                graphs.append(NamedNode(value).value)
            except ValueError:
                raise BadInput(f"{name}: {value!r} is not an absolute IRI") from None
        return tuple(graphs)

    def dataset(self, default: str = "default-graph-uri", named: str = "named-graph-uri") -> Dataset:
        return Dataset(self.graphs(default), self.graphs(named))


def media_type(request: Request) -> tuple[str, str | None]:
    """The request's media type and charset (lower case)."""
    header = request.headers.get("content-type", "")
    media, *params = (p.strip() for p in header.split(";"))
    charset = next((p.split("=", 1)[1].strip('"').lower() for p in params if p.lower().startswith("charset=")), None)
    return media.lower(), charset


def text_body(body: bytes, charset: str | None) -> str:
    if charset not in (None, "utf-8", "utf8"):
        raise UnsupportedMediaType(f"charset {charset} is not accepted; send UTF-8")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise UnsupportedMediaType("the request body is not valid UTF-8") from None


def query_string_params(request: Request) -> Params:
    return Params(parse_params(request.scope.get("query_string", b""), "query string"))


def check_write_access(request: Request, settings: Settings) -> None:
    """Writes need `Authorization: Bearer <update_token>`; refused (401/403) otherwise."""
    if not settings.update_token:
        raise Forbidden("updates are disabled on this server (start it with --update-token)")
    header = request.headers.get("authorization")
    if not header:
        raise Unauthorized("updates need Authorization: Bearer <token>")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), settings.update_token.encode()):
        raise Forbidden("wrong update token")
