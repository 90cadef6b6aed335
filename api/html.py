"""HTML pages for browsers: a resource's statements as a table, links kept inside the site."""

from __future__ import annotations

import html
from functools import cache
from importlib.resources import files
from string import Template
from urllib.parse import urlsplit

_TEMPLATE = files("api").joinpath("templates", "page.html")  # package data


@cache
def _template() -> Template:
    return Template(_TEMPLATE.read_text(encoding="utf-8"))


def link(iri: str, label: str | None, base: str) -> str:
    """An IRI as a link: under `base` it points at this server's /id/ page; any other http(s) IRI as it is.
    An IRI of any other scheme (`javascript:`, `data:`, `file:` …) is shown as text, never as a link.

    >>> link("https://w3id.org/zhengwu/id/person/无锡/杜小刚", "杜小刚", "https://w3id.org/zhengwu/id/")
    '<a href="/id/person/无锡/杜小刚">杜小刚</a>'
    >>> link("javascript:alert(1)", None, "https://w3id.org/zhengwu/id/")
    '<span class="iri">javascript:alert(1)</span>'
    """
    if iri.startswith(base) and _is_web(base):
        return f'<a href="{html.escape("/id/" + iri[len(base):])}">{html.escape(label or iri)}</a>'
    if _is_web(iri):
        return f'<a href="{html.escape(iri)}">{html.escape(label or iri)}</a>'
    return f'<span class="iri">{html.escape(label or iri)}</span>'


def _is_web(iri: str) -> bool:
    """True for an absolute http(s) IRI a browser reads the same way (no whitespace or control characters)."""
    if any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in iri):
        return False
    parts = urlsplit(iri)
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def table(rows: list[tuple[str, str]], headers: tuple[str, str]) -> str:
    """Rows of already-escaped HTML cells."""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join(f"<tr><td>{a}</td><td>{b}</td></tr>" for a, b in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def page(title: str, iri: str, body: str, alternates: dict[str, str]) -> str:
    links = " · ".join(f'<a href="{html.escape(href)}">{html.escape(name)}</a>' for name, href in alternates.items())
    return _template().substitute(title=html.escape(title), iri=html.escape(iri), body=body, alternates=links)


def text(value: str) -> str:
    return html.escape(value)
