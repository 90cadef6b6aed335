"""Article records: metadata, text, and every fact drawn from the article with its evidence."""

from __future__ import annotations

from pyoxigraph import NamedNode

from kg.records import distinct, local, require, select
from kg.store_api import KnowledgeStore

_SINGLE = {"title", "issued", "text", "subtitle", "dateline", "position", "bodyOffset", "isPartOf", "publisher"}


def article(store: KnowledgeStore, iri: str) -> dict:
    node = NamedNode(iri)
    rows = require(select(store, "article", {"article": [node]}), "article", iri)
    record: dict[str, object] = {"iri": iri, "type": "Article"}
    for r in rows:
        name = local(str(r["property"]))
        if name == "type":
            continue
        value = {"iri": r["value"], "label": r["valueLabel"]} if "valueLabel" in r else r["value"]
        if name in _SINGLE:
            record.setdefault(name, value)
        else:
            record.setdefault(name, [])
            if value not in record[name]:  # type: ignore[operator]
                record[name].append(value)  # type: ignore[union-attr]
    record["facts"] = _facts(select(store, "article_facts", {"article": [node]}))
    return record


def _facts(rows: list[dict]) -> list[dict]:
    """One dict per fact node: its kind, what it links (with labels), its quote and evidence sentence."""
    facts: dict[str, dict] = {}
    for r in rows:
        fact = facts.setdefault(r["fact"], {"iri": r["fact"]})
        name, value = local(str(r["property"])), r["value"]
        if name == "type":
            fact.setdefault("kinds", []).append(local(str(value)))
        elif name == "evidence":
            fact["sentence"] = r.get("valueLabel")
        elif name == "wasDerivedFrom" or name == "reportedIn":
            continue
        elif "valueLabel" in r:
            fact[name] = {"iri": value, "label": r["valueLabel"]}
        else:
            fact[name] = value
    for fact in facts.values():
        fact["kinds"] = distinct(fact.get("kinds", []))
    return sorted(facts.values(), key=lambda f: (f.get("startOffset") or 0, f["iri"]))
