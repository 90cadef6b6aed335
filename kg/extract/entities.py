"""Organisations and places, typed by the endings of their names.

Candidates are runs of Han characters ending in a known ending (有限公司,
分行, 委员会 …; 区, 县, 街道 …) that start at a boundary (punctuation,
在/来到/与/和/、); jieba trims words that cannot open a name (verbs,
adverbs) from the front of a candidate.
"""

from __future__ import annotations

import re
from functools import cache

from kg.chars import CJK
from kg.extract.events import EventSpan
from kg.extract.segmenter import cut, word_tag
from kg.extract.text import Doc
from kg.lexicon import table
from kg.model import Holding, Organisation, Place

OPENERS = "[在与和及、，。；：（\n]|来到|前往|^"  # one-character openers as one class: tested at once
CLOSERS = "[、，。；：和与及等在是将已为把对向从于的]"  # what may follow a name
NOT_OPENING_TAGS = ("v", "d", "p", "c", "u", "r", "m", "q", "f", "t", "ad", "z")  # verbs, adverbs, prepositions …
CLAUSE_TAGS = ("v", "m", "mq", "q", "i", "l", "p", "c", "u", "ad")  # inside a name they mean a clause


@cache
def _ending_re(lexicon: str) -> re.Pattern[str]:
    rows = sorted(table(lexicon), key=lambda r: len(r[0]), reverse=True)
    firsts = "".join(sorted({re.escape(row[0][0]) for row in rows}))  # a cheap test before trying every ending
    endings = f"(?=[{firsts}])(?:" + "|".join(re.escape(row[0]) for row in rows) + ")"
    return re.compile(rf"(?:{OPENERS})(?P<name>[{CJK}（）]{{2,20}}?(?P<end>{endings}))(?![{CJK}]|{CLOSERS})|"
                      rf"(?:{OPENERS})(?P<name2>[{CJK}（）]{{1,12}}?(?P<end2>{endings}))(?={CLOSERS})")


@cache
def _kinds(lexicon: str) -> dict[str, str]:
    return {row[0]: row[1] for row in table(lexicon)}


def _trim(name: str) -> str:
    """Drop words that cannot open a name (jieba's tags for its dictionary words)."""
    words = list(cut(name))
    while len(words) > 1 and word_tag(words[0]).startswith(NOT_OPENING_TAGS):
        words = words[1:]
    return "".join(words)


def _has_predicate(name: str, ending: str) -> bool:
    """A verb, count, idiom or conjunction inside the candidate means a clause, not a name
    (参观企业展厅, 两家园区, 党和政府); so does a one-character ending that is only the tail of
    a common word (布局, 都市)."""
    words = cut(name)
    if any(word_tag(w) in CLAUSE_TAGS for w in words):
        return True
    last = words[-1]
    return len(ending) == 1 and len(last) > 1 and not word_tag(last).startswith(("ns", "nt"))


def _named(doc: Doc, lexicon: str) -> dict[str, tuple[str, list[tuple[int, int]]]]:
    found: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    for match in _ending_re(lexicon).finditer(doc.body):
        group = "name" if match["name"] else "name2"
        raw = match[group]
        name = _trim(raw)
        ending = match["end"] or match["end2"]
        if len(name) < 3 or "的" in name or name.count("（") != name.count("）") or _has_predicate(name, ending):
            continue
        start = match.end(group) - len(name)
        kind = _kinds(lexicon)[ending]
        found.setdefault(name, (kind, []))[1].append((start, match.end(group)))
    return found


def find_organisations(doc: Doc, holdings: tuple[Holding, ...]) -> tuple[Organisation, ...]:
    found = _named(doc, "org_suffixes.tsv")
    out = [Organisation(name, kind, tuple(doc.mention(s, e) for s, e in spans)) for name, (kind, spans) in found.items()]
    known = {o.name for o in out}
    for h in holdings:
        org = h.post.organisation
        if org and org not in known and len(org) > 2:
            kind = next((k for end, k in _kinds("org_suffixes.tsv").items() if org.endswith(end)), "Organization")
            out.append(Organisation(org, kind, (h.evidence,)))
            known.add(org)
    return tuple(out)


def find_places(doc: Doc, events: list[EventSpan]) -> tuple[Place, ...]:
    found = _named(doc, "place_suffixes.tsv")
    out = [Place(name, kind, tuple(doc.mention(s, e) for s, e in spans)) for name, (kind, spans) in found.items()]
    known = {p.name for p in out}
    for event in events:
        for name in event.places:
            if name not in known:
                at = doc.body.find(name)
                mentions = (doc.mention(at, at + len(name)),) if at >= 0 else ()
                kind = next((k for end, k in _kinds("place_suffixes.tsv").items() if name.endswith(end)), "City")
                out.append(Place(name, kind, mentions))
                known.add(name)
    return tuple(out)
