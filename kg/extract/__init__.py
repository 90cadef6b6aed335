"""The extractor: an `Article` becomes an `Extraction` (persons, posts, events
with roles, dates and places, emphasised policies, organisations, places).

Fast regex passes over the body find the candidates (titles, labels, quotes,
trigger and role words); jieba (kg.extract.segmenter) is asked only about short
candidate spans. Domain knowledge lives in kg/lexicons/.
"""

from __future__ import annotations

from collections import defaultdict

from kg.dates import lead_date
from kg.extract.entities import find_organisations, find_places
from kg.extract.events import EventSpan, find_events
from kg.extract.names import NameHit
from kg.extract.persons import find_names
from kg.extract.policies import find_policies
from kg.extract.posts import make_post, place_level, stack_prefix, stated_move, whole_post
from kg.extract.roles import RoleHit, assign_roles
from kg.extract.text import Doc
from kg.lexicon import word_set
from kg.model import Article, Emphasis, Event, Extraction, Holding, Participation, Person

__all__ = ["extract_article"]


def extract_article(article: Article) -> Extraction:
    """Everything the rules find in one article, each fact with its evidence span."""
    doc = Doc(article)
    hits = find_names(doc.body)
    holdings = _holdings(doc, hits)
    spans = find_events(doc, hits)
    roles = assign_roles(doc.body, hits)
    policies = find_policies(doc.body)
    date = lead_date(article)
    events = []
    for index, span in enumerate(spans):
        mine = [r for r in roles if _belongs(r, span, spans, index)]
        participations = tuple(dict.fromkeys(
            Participation(r.person, r.role, doc.mention(r.start, r.end)) for r in _first_per_role(mine)))
        emphases = tuple(Emphasis(p.canonical, doc.mention(p.start, p.end)) for p in _first_per_policy(policies)) if index == 0 else ()
        events.append(Event(span.kind, span.label, doc.mention(span.start, span.end), date, span.places,
                            participations, emphases))
    organisations = find_organisations(doc, holdings)
    places = find_places(doc, spans)
    variants = tuple(dict.fromkeys((p.canonical, doc.body[p.start:p.end]) for p in policies
                                   if doc.body[p.start:p.end] != p.canonical))
    return Extraction(article, _persons(doc, hits, holdings), holdings, tuple(events), organisations, places, variants)


def _belongs(role: RoleHit, span: EventSpan, spans: list[EventSpan], index: int) -> bool:
    """An aside event owns the roles stated in its sentence; the main event owns the rest."""
    if span.scope is not None:
        return span.scope[0] <= role.start < span.scope[1]
    return not any(s.scope and s.scope[0] <= role.start < s.scope[1] for s in spans)


def _first_per_role(roles: list[RoleHit]) -> list[RoleHit]:
    seen: dict[tuple[str, str], RoleHit] = {}
    for r in roles:
        seen.setdefault((r.person, r.role.value), r)
    return list(seen.values())


def _first_per_policy(policies):
    seen = {}
    for p in policies:
        seen.setdefault(p.canonical, p)
    return list(seen.values())


NATIONAL_SCOPE = "中国"  # persons holding central posts are one node whichever paper names them


def _persons(doc: Doc, hits: list[NameHit], holdings: tuple[Holding, ...]) -> tuple[Person, ...]:
    mentions = defaultdict(list)
    for h in hits:
        mentions[h.name].append(doc.mention(h.start, h.end))
    central = {h.person for h in holdings if h.post.organisation in word_set("national_organisations.txt")}
    central |= {h.name for h in hits if h.national}
    return tuple(Person(name, NATIONAL_SCOPE if name in central else doc.scope, tuple(ms))
                 for name, ms in mentions.items())


def _holdings(doc: Doc, hits: list[NameHit]) -> tuple[Holding, ...]:
    level = doc.level or place_level(doc.body, doc.place)
    out: dict[tuple[str, str], Holding] = {}
    for h in hits:
        if h.national and h.after_title:
            title = doc.body[h.after_title[0]:h.after_title[1]]
            post = make_post(title, None, None)
            out.setdefault((h.name, post.title), Holding(h.name, post, doc.mention(*h.after_title)))
            continue
        inherit = None
        spans = [*((s, e, h.written_title if s < h.end else None) for s, e in h.titles),
                 *((s, e, None) for s, e in _parenthesised(doc.body, h.end))]
        for start, end, written in spans:
            if start >= h.end:  # a post named after the name (以某某为团长, 甲（原…）) is no part of a 、-stack
                inherit = None
            title = written or doc.body[start:end]
            marker, former = stated_move(title)
            title, start = title[marker:], start + marker
            post = make_post(title, doc.place, level, inherit)
            inherit = inherit or stack_prefix(title)
            out.setdefault((h.name, post.title), Holding(h.name, post, doc.mention(start, end), former))
    return tuple(out.values())


PARENTHESES = {"（": "）", "(": ")"}

MAX_PARENTHESIS = 40  # 甲（原江苏省委常委、无锡市委书记）: a post or two, not a sentence


def _parenthesised(body: str, end: int) -> list[tuple[int, int]]:
    """The spans of the posts a parenthesis right after a name says were (or are) theirs, each with its move
    marker: 甲（原无锡市副市长） → 原无锡市副市长. Other parentheses ((女), (左二)) give nothing.

    >>> body = "王某（原无锡市副市长、现任苏州市副市长）出席"
    >>> [body[s:e] for s, e in _parenthesised(body, 2)]
    ['原无锡市副市长', '现任苏州市副市长']
    >>> _parenthesised("王某（左二）出席", 2)
    []
    """
    close = PARENTHESES.get(body[end:end + 1])
    stop = body.find(close, end + 1, end + MAX_PARENTHESIS) if close else -1
    spans, start = [], end + 1
    for part in body[end + 1:stop].split("、") if stop > 0 else []:
        if stated_move(part)[0] or whole_post(part):  # 甲（原无锡市副市长）, 甲（市委书记）
            spans.append((start, start + len(part)))
        start += len(part) + 1
    return spans
