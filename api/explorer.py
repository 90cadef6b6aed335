"""The explorer's HTML shells: one template, filled with the page's kind, IRI and language.

The pages carry no data: their ES modules (api/static/js/) fetch the same REST routes the API documents.
Files are read with importlib.resources, so an installed wheel serves them as a checkout does.
"""

from __future__ import annotations

import html
from functools import cache
from importlib.resources import files
from string import Template

from api.negotiation import parse_accept

STATIC = files("api") / "static"
# The kinds of /id/ IRI an entity page exists for, by the first segments of the path under the base.
ENTITY_KINDS = ("person", "policy", "event", "article")


@cache
def _template() -> Template:
    return Template((files("api") / "templates" / "explorer.html").read_text(encoding="utf-8"))


def language(accept_language: str | None) -> str:
    """"en" when the browser ranks English above Chinese, else "zh" (the graph's own language).

    >>> language("en-GB,en;q=0.9,zh;q=0.5"), language("zh-CN,en;q=0.8"), language(None), language("fr")
    ('en', 'zh', 'zh', 'zh')
    """
    for tag, _ in parse_accept(accept_language or ""):
        if tag.startswith("zh") or tag == "*/*":
            return "zh"
        if tag.startswith("en"):
            return "en"
    return "zh"


def entity_kind(path: str) -> str | None:
    """Which entity page shows the /id/ path, if any.

    >>> entity_kind("person/无锡/杜小刚"), entity_kind("article/无锡日报/2023-12-30/001_x/2/event/1")
    ('person', 'event')
    >>> entity_kind("article/无锡日报/2023-12-30/001_x/2"), entity_kind("org/中共无锡市委")
    ('article', None)
    """
    parts = path.split("/")
    if parts[0] == "article" and "event" in parts[1:]:
        return "event"
    return parts[0] if parts[0] in ENTITY_KINDS else None


def shell(page: str, title: str, lang: str, iri: str = "", head: str = "") -> str:
    """The page `page` (a module under /static/js/) for `iri`, in `lang`; `head` adds vendor assets."""
    return _template().substitute(page=page, title=html.escape(title), lang=lang, iri=html.escape(iri),
                                  head=head)
