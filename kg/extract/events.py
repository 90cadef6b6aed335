"""The events an article reports: kind from trigger words, label from the text.

The lead sentence names the main event, either as a held meeting
(“…会议暨…调度会召开”: the label is the noun phrase before 召开/举行) or as an
official's action (“市委书记甲来到…，专题调研…”: the label is the principal's
name and the clause of the trigger). A later sentence that opens with
会前/会后/其间 and names an official's inspection or visit is an event of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.chars import CJK
from kg.extract import patterns as P
from kg.extract.names import NameHit
from kg.extract.text import CLAUSE_BREAKS, Doc, clause_start
from kg.model import EventKind

HELD_VERB = re.compile("召开|举行|举办|开幕|揭晓")
HELD = re.compile(
    rf"(?P<label>[^，。；：！？\n]{{2,80}}?)(?:\d{{1,2}}日)?(?:[上下]午)?(?:在(?P<place>[{CJK}]{{2,10}}?))?"
    rf"(?:隆重|顺利|正式)?(?:{HELD_VERB.pattern})"
)
CONVENED = re.compile(r"(?:主持)?召开(?:了)?(?P<label>[^，。；：！？\n]{2,40}(?:会议|大会|座谈会|常委会|全会|调度会|推进会|部署会|专题会))")
PLACE_BEFORE_VERB = re.compile(
    rf"在(?P<place>[{CJK}]{{2,10}}?)(?=召开|举行|举办|开幕|密集|专题|会见|会谈|调研|考察|拜访|走访|视察|慰问|检查|看望)"
)
ASIDE_OPENERS = ("会前", "会后", "会议期间", "其间", "期间", "此前", "当天上午", "当天下午", "当天")
KIND_PRECEDENCE = (EventKind.CONDOLENCE_VISIT, EventKind.MEETING_WITH_GUESTS, EventKind.HEARING)
ASIDE_KINDS = (EventKind.INSPECTION, EventKind.VISIT, EventKind.MEETING_WITH_GUESTS, EventKind.CONDOLENCE_VISIT)
LEAD_NOISE = re.compile(r"^(?:本报讯|本报|讯)?\s*")


@dataclass
class EventSpan:
    """An event found in the text: what it is and which stretch of the body is its evidence."""

    kind: EventKind
    label: str
    start: int  # of the trigger (or label) that names it
    end: int
    places: tuple[str, ...] = ()
    scope: tuple[int, int] | None = None  # body stretch whose roles belong to it (None: the rest)


def _kind_of(text: str, last: bool = False) -> tuple[EventKind, re.Match[str] | None]:
    matches = list(P.trigger_re().finditer(text))
    if not matches:
        return EventKind.EVENT, None
    kinds = [EventKind(P.trigger_kinds()[m.group()]) for m in matches]
    if last:
        return kinds[-1], matches[-1]
    for preferred in KIND_PRECEDENCE:
        if preferred in kinds:
            return preferred, matches[kinds.index(preferred)]
    return kinds[0], matches[0]


def _held_event(doc: Doc, start: int, end: int) -> EventSpan | None:
    text = doc.body[start:end]
    convened = CONVENED.search(text)
    if convened:  # 市委书记甲主持召开市委常委会会议
        kind, _ = _kind_of(convened["label"], last=True)
        offset = start + convened.start("label")
        return EventSpan(kind, convened["label"], offset, offset + len(convened["label"]))
    if not HELD_VERB.search(text):
        return None  # no HELD match possible, and trying one at every position of a long text is slow
    for match in HELD.finditer(text):
        label = LEAD_NOISE.sub("", match["label"]).strip()
        kind, trigger = _kind_of(label, last=True)
        if trigger is None:
            continue
        offset = start + match.start("label") + (len(match["label"]) - len(match["label"].lstrip()))
        places = (match["place"],) if match["place"] else ()
        return EventSpan(kind, label, offset, offset + len(label), places)
    return None


def _action_event(doc: Doc, hits: list[NameHit], start: int, end: int) -> EventSpan | None:
    text = doc.body[start:end]
    kind, trigger = _kind_of(text)
    if trigger is None:
        return None
    t_start, t_end = start + trigger.start(), start + trigger.end()
    clause_end = next((i for i in range(t_end, end) if doc.body[i] in CLAUSE_BREAKS), end)
    principal = next((h for h in hits if start <= h.span_start and h.end <= t_start and not h.national), None)
    if principal is not None:
        from_ = max(principal.end, clause_start(doc.body, t_start))
        label = principal.name + doc.body[from_:clause_end]
    else:
        label = LEAD_NOISE.sub("", doc.body[clause_start(doc.body, t_start):clause_end])
    places = tuple(m["place"] for m in PLACE_BEFORE_VERB.finditer(doc.body, start, clause_end))
    return EventSpan(kind, label.replace("了", "", 1) if "会见了" in label else label, t_start, t_end, places)


def find_events(doc: Doc, hits: list[NameHit]) -> list[EventSpan]:
    """The main event of the article, then any asides (会前，甲在乙调研…)."""
    events: list[EventSpan] = []
    for sentence in doc.sentences[:2]:
        found = _held_event(doc, sentence.start, sentence.end) or _action_event(doc, hits, sentence.start, sentence.end)
        if found:
            events.append(found)
            break
    if not events:
        title = doc.article.title or (doc.sentences[0].text if doc.sentences else doc.body[:40])
        events.append(EventSpan(EventKind.EVENT, title.strip(), 0, min(len(doc.body), len(title))))
    for sentence in doc.sentences[1:]:
        if not sentence.text.startswith(ASIDE_OPENERS):
            continue
        aside = _action_event(doc, hits, sentence.start, sentence.end)
        if aside and aside.kind in ASIDE_KINDS and aside.start > events[0].end:
            aside.scope = (sentence.start, sentence.end)
            events.append(aside)
    return events
