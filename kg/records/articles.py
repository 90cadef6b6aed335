"""Article records: metadata, text, and every fact drawn from the article with its evidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from pyoxigraph import Literal, NamedNode

from kg.errors import BadInput
from kg.iri import XSD, ZW
from kg.records import Term, distinct, listed, local, page, require, select, snake
from kg.store_api import KnowledgeStore

_SINGLE = {"title", "issued", "text", "subtitle", "dateline", "position", "body_offset", "is_part_of", "publisher"}


def list_articles(store: KnowledgeStore, q: str | None, publication: str | None, start: dt.date | None,
                  end: dt.date | None, limit: int, offset: int) -> dict:
    """A page of articles, newest first; a publication the graph does not hold is a BadInput (HTTP 400)."""
    if publication and not select(store, "known", {"node": [NamedNode(publication)],
                                                   "class": [NamedNode(ZW + "Publication")]}):
        raise BadInput(f"publication: no publication {publication} in the graph")
    day = NamedNode(XSD + "date")
    values: dict[str, Sequence[Term]] = {"q": [Literal(q)] if q else [], "pub": [NamedNode(publication)] if publication else [],
              "from": [Literal(start.isoformat(), datatype=day)] if start else [],
              "to": [Literal(end.isoformat(), datatype=day)] if end else []}
    rows, total = listed(store, "articles", values, limit, offset)
    items = [{"iri": r["article"], "title": r.get("title"), "issued": r.get("issued"),
              "publisher": {"iri": r["publication"], "label": r.get("publicationLabel")} if "publication" in r else None}
             for r in rows]
    return page(items, limit, offset, total)


def article(store: KnowledgeStore, iri: str) -> dict:
    node = NamedNode(iri)
    rows = require(select(store, "article", {"article": [node]}), "article", iri)
    record: dict[str, Any] = {"iri": iri, "type": "Article"}
    for r in rows:
        name = snake(local(str(r["property"])))
        if name == "type":
            continue
        value = {"iri": r["value"], "label": r["valueLabel"]} if "valueLabel" in r else r["value"]
        if name in _SINGLE:
            record.setdefault(name, value)
        else:
            record.setdefault(name, [])
            if value not in record[name]:
                record[name].append(value)
    record["facts"] = _facts(select(store, "article_facts", {"article": [node]}))
    return record


def _facts(rows: list[dict]) -> list[dict]:
    """One dict per fact node: its kind, what it links (with labels), its quote and evidence sentence."""
    facts: dict[str, dict] = {}
    for r in rows:
        fact = facts.setdefault(r["fact"], {"iri": r["fact"]})
        name, value = snake(local(str(r["property"]))), r["value"]
        if name == "type":
            fact.setdefault("kinds", []).append(local(str(value)))
        elif name == "evidence":
            fact["sentence"] = r.get("valueLabel")
        elif name == "was_derived_from" or name == "reported_in":
            continue
        elif "valueLabel" in r:
            fact[name] = {"iri": value, "label": r["valueLabel"]}
        else:
            fact[name] = value
    for fact in facts.values():
        fact["kinds"] = distinct(fact.get("kinds", []))
    return sorted(facts.values(), key=lambda f: (f.get("start_offset") or 0, f["iri"]))
