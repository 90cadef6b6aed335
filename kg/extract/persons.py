"""Persons named in the body: after a post (市委书记杜小刚), after a group label
(市领导甲、乙), in 、-lists (with a shared title, closed by 等 and a count, or after
的还有), before a title written after names (…总书记), and later by bare name.
How one name is read at a position is kg.extract.names.
"""

from __future__ import annotations

from collections.abc import Set

from kg.extract import patterns as P
from kg.extract.addressed import add_addressed_names, add_bracketed_names
from kg.extract.appointed import add_appointed_names, add_posts_named_after
from kg.extract.name_lists import add_listed_names, add_names_beside_names, add_names_listed_after, list_after
from kg.extract.names import NameHit, follower_strength, read_name, word_follows
from kg.extract.segmenter import cut, is_common_word, word_tag
from kg.lexicon import word_set

__all__ = ["find_names"]

MAX_TITLE = 30  # longest organisation-plus-title written before a name
PAIRED_JOINERS = "与和及同"
POST_JOINERS = "、兼"  # posts stacked before one name: 董事长、党委书记某某, 副总经理兼总会计师某某


def _title_start(body: str, core: int, name_ends: set[int], names: Set[str] = frozenset()) -> int:
    """Where the post ending in the title word at `core` begins: back to a boundary."""
    bounds = word_set("title_left_bounds.txt")
    i, limit = core, max(core - MAX_TITLE, 0)
    while i > limit:
        ch = body[i - 1]
        if ch in "）)":
            opening = max(body.rfind("（", limit, i), body.rfind("(", limit, i))
            if opening < 0 or any(c.isspace() for c in body[opening:i]):
                break  # a bracket broken over lines is a byline or a note, not part of a name
            i = opening
            continue
        if ch in P.PUNCT or ch.isspace() or i in name_ends or P.word_ending_at(body, i, bounds):
            break  # (a post never holds the name of someone written before it)
        if ch in PAIRED_JOINERS and (i - 1 in name_ends or i == 1 or body[i - 2] in P.PUNCT
                                     or any(body.endswith(n, 0, i - 1) for n in names)
                                     or _name_opens_clause(body, i - 1)):
            break
        i -= 1
    if i == limit and limit > 0:
        return core  # no boundary in reach: trust the title word alone
    return i + _clause_before_organisation(body[i:core])


CLAUSE_WORD_TAGS = ("p", "f", "ul", "uz", "ug")  # 活动以|市政协党组书记, 研讨班上|…, 传达了|校党委书记
TITLE_JOINERS = ("和", "与", "及")
MEETING_PLACE = ("会上", "会议上", "仪式上", "班上", "活动中")  # (研讨班上|校党委书记: not 上校)  # 座谈会上|副县长某某: the meeting where, no organisation


def _clause_before_organisation(text: str) -> int:
    """How many characters at the front of `text` (the part of a post before its title word) belong
    to the sentence, not to the organisation: through the last preposition or locality word, or all
    of it when a joiner comes right before the title word (主旨报告和|校长某某)."""
    if len(text) < 2:
        return 0
    if text.endswith(TITLE_JOINERS):
        return len(text)
    if text.endswith(MEETING_PLACE):
        return len(text)
    # 研讨班上|校党委书记: the meeting where, even when jieba reads 上校 (…上 only: 活动中心 is a name)
    place = max((text.rfind(p) + len(p) for p in MEETING_PLACE if p.endswith("上") and p in text), default=0)
    if place:
        return place
    words = cut(text)
    if len(words) > 1 and word_tag(words[-1]) == "v" and len(words[-1]) > 1 and text[-len(words[-1]) - 1] not in LEVEL_ENDS:
        return len(text)  # 代表团审议|副县长某某: a verb right before the title word ends the sentence's part
    cut_at, at = 0, 0
    for word in words:
        at += len(word)
        if word_tag(word) in CLAUSE_WORD_TAGS or _verb_before_organisation(text, at - len(word), at):
            cut_at = at
    return cut_at if cut_at < len(text) else 0


ORGANISATION_OPENERS = ("中共", "中央", "全国", "国务院", "国家", "省", "市", "县", "区", "州", "镇", "乡", "街道")
LEVEL_ENDS = "省市县区州镇乡委府"  # 县创建全国文明城市指挥部, 市委巡察工作领导小组: a verb inside a body's name


def _verb_before_organisation(text: str, start: int, end: int) -> bool:
    """Whether the verb text[start:end] ends the sentence's part (会议还传达学习|中央政治局常委, 记者某某摄|中共中央…):
    a verb that no level word opens and after which an organisation's opening word comes."""
    word = text[start:end]
    verb = word_tag(word) in ("v", "vg") or len(word) > 2 and word_tag(word[-2:]) == "v"  # (认真学习 is one word)
    return (verb and (start == 0 or text[start - 1] not in LEVEL_ENDS)
            and text.startswith(ORGANISATION_OPENERS, end))


def _name_opens_clause(body: str, joiner: int) -> bool:
    """Whether the clause before the joiner at `joiner` is just a name (张某与…董事长李某)."""
    start = joiner
    while start > 0 and body[start - 1] not in P.PUNCT and joiner - start <= 4:
        start -= 1
    got = read_name(body, start)
    return bool(got and got[1] == joiner)


def _title_ending_at(body: str, end: int) -> int | None:
    """Start of a title word that ends exactly at `end`, if any."""
    title = P.title_ending(body, end)
    return None if title is None else end - len(title)


def _titles_before(body: str, core: int, name_ends: set[int], names: set[str]) -> tuple[tuple[int, int], ...]:
    """Spans of the post ending at the title word starting at `core` and of posts stacked before it with 、."""
    title = P.title_re().match(body, core)
    if title is None:
        raise ValueError(f"no title word at {core}")  # callers pass where title_re found one
    end = title.end()
    spans = [(_title_start(body, core, name_ends, names), end)]
    while spans[0][0] > 0 and body[spans[0][0] - 1] in POST_JOINERS + COMMAS:
        prev_end = spans[0][0] - 1
        prev_core = _title_ending_at(body, prev_end)
        if prev_core is None or prev_end in name_ends:
            break
        prev_start = _title_start(body, prev_core, name_ends, names)
        if body[prev_end] in COMMAS and (not _opens_clause(body, prev_start) or _group_of_holders(body[prev_start:prev_end])):
            break  # 听取了各位局长，副区长某某: only a clause that is one holder's posts goes on over a comma
        spans.insert(0, (prev_start, prev_end))
    return tuple(spans)


COMMAS = "，"  # 区委常委、宣传部部长，区政府副区长某某: a stack of posts some papers write with commas


GROUP_WORDS = ("各", "全体", "有关", "相关", "部分", "主要", "负责人", "们")  # 各县区委书记，市直部门主要负责人，…


def _group_of_holders(post: str) -> bool:
    return any(w in post for w in GROUP_WORDS)


def _opens_clause(body: str, at: int) -> bool:
    return at == 0 or body[at - 1] in P.PUNCT


def find_names(body: str) -> list[NameHit]:
    """Every person mention of the body, in text order, without overlaps."""
    hits: dict[int, NameHit] = {}
    name_ends: set[int] = set()

    def add(hit: NameHit) -> None:
        if hit.start not in hits:
            hits[hit.start] = hit
            name_ends.add(hit.end)

    for match in P.after_name_re().finditer(body):
        start, end = match.span("name")
        add(NameHit(match["name"], start, end, national=True, after_title=match.span("title")))
    anchors = sorted([(m.start(), m.end(), "title") for m in P.title_re().finditer(body)]
                     + [(m.start(), m.end(), "label") for m in P.label_re().finditer(body)])
    for start, end, kind in anchors:
        got = read_name(body, end, expected=True)
        if not got or any(h.start < end < h.end for h in hits.values()) or _glued_to_anchor(body, start, end, got[1]):
            continue
        name, name_end = got
        if kind == "title":
            hit = NameHit(name, end, name_end, titles=_titles_before(body, start, name_ends, {h.name for h in hits.values()}))
            hit.lead = hit.titles[0][0]
        else:
            hit = NameHit(name, end, name_end, lead=start)
        add(hit)
        for listed in list_after(body, name_end, set(hits), hit.titles):
            add(listed)
    _add_names_before_titles(body, hits, add)
    add_addressed_names(body, hits, add)
    add_bracketed_names(body, hits, add)
    verbs = [m.start() for m in P.role_verb_re().finditer(body)]
    add_listed_names(body, hits, add, verbs)
    add_names_listed_after(body, hits, add)
    add_names_beside_names(body, hits, add)
    add_appointed_names(body, hits, add)
    add_posts_named_after(body, hits)
    _add_bare_mentions(body, hits)
    if _add_clause_subjects(body, hits, verbs):
        _add_bare_mentions(body, hits)
    return [hits[k] for k in sorted(hits)]


def _glued_to_anchor(body: str, start: int, end: int, name_end: int) -> bool:
    """Whether a name read with a rare surname is really the anchor's word going on
    (市委常委|会专题 is 常委会; 省委书记|信某 is a name): jieba cuts across the anchor's end."""
    if body[end:end + 2] in P.compound_surnames() or body[end] not in P.rare_surnames():
        return False
    at = start
    for word in cut(body[start:name_end]):
        if at < end < at + len(word):
            return True
        at += len(word)
    return False


def _add_names_before_titles(body: str, hits: dict[int, NameHit], add) -> None:
    """Names written between a unit and its title (学校党委某某书记): the post is the unit's
    organisation part plus the title (学校党委书记)."""
    for match in P.after_unit_re().finditer(body):
        start, end = match.span("name")
        if start in hits or any(h.start < end and start < h.end for h in hits.values()):
            continue
        if not follower_strength(body, match.end()) or is_common_word(match["name"]):
            continue
        org_start = _title_start(body, match.start("unit"), set(), set())
        title = body[org_start:start] + match["title"]
        add(NameHit(match["name"], start, end, titles=((org_start, match.end()),), lead=org_start,
                    written_title=title))


def _add_clause_subjects(body: str, hits: dict[int, NameHit], verbs: list[int]) -> bool:
    """Untitled names that open a clause and are followed by a role verb (某某主持会议)."""
    covered = [(h.span_start, h.end) for h in hits.values()]
    added = False
    for verb_at in verbs:
        for length in (4, 3, 2):
            start = verb_at - length
            if start < 0 or (start and body[start - 1] not in P.PUNCT):
                continue
            if any(s <= start < e for s, e in covered):
                break
            got = read_name(body, start)
            if got and got[1] == verb_at:
                hits[start] = NameHit(got[0], start, verb_at)
                covered.append((start, verb_at))
                added = True
                break
    return added


def _add_bare_mentions(body: str, hits: dict[int, NameHit]) -> None:
    """Later references by bare name (杜小刚强调) to names already found."""
    covered = [(h.span_start, h.end) for h in hits.values()]
    forms = {h.name: h.name for h in hits.values()}
    forms.update({h.name.split("·")[-1]: h.name for h in hits.values() if "·" in h.name})
    for form in sorted(forms, key=len, reverse=True):
        name = forms[form]
        national = all(h.national for h in hits.values() if h.name == name)
        pos = body.find(form)
        while pos >= 0:
            end = pos + len(form)
            if not any(s <= pos < e or s < end <= e for s, e in covered):
                # 2-character names need a follower (郭某|不时询问: a dictionary adverb or verb will do for a known name)
                follow = len(form) > 2 or follower_strength(body, end) or word_follows(body, end)
                after = P.after_name_re().match(body, pos)
                if follow or after:
                    hits[pos] = NameHit(name, pos, end, national=national or bool(after))
                    covered.append((pos, end))
            pos = body.find(form, end)
