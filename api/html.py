"""HTML pages for browsers: a resource's statements as a table, links kept inside the site."""

from __future__ import annotations

import html
from functools import cache
from importlib.resources import files
from string import Template

_TEMPLATE = files("api").joinpath("templates", "page.html")  # package data


@cache
def _template() -> Template:
    return Template(_TEMPLATE.read_text(encoding="utf-8"))


def link(iri: str, label: str | None, base: str) -> str:
    """An IRI as a link: under `base` it points at this server's /id/ page.

    >>> link("https://w3id.org/zhengwu/id/person/无锡/杜小刚", "杜小刚", "https://w3id.org/zhengwu/id/")
    '<a href="/id/person/无锡/杜小刚">杜小刚</a>'
    """
    href = "/id/" + iri[len(base):] if iri.startswith(base) else iri
    return f'<a href="{html.escape(href)}">{html.escape(label or iri)}</a>'


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
