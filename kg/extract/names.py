"""One personal name read at a position of the body: a known surname plus one or two characters,
accepted only when a word that can follow a name (or punctuation) comes next and jieba does not know
it as a common word; among readings the one with the strongest follower wins (蒋敏一同 reads
蒋敏 + 一同, not 蒋敏一 + 同). kg.extract.persons finds where names are expected.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.chars import is_cjk
from kg.extract import patterns as P
from kg.extract.segmenter import cut, is_common_word, word_tag


@dataclass
class NameHit:
    """One occurrence of a person's name, with the title spans written before it."""

    name: str
    start: int
    end: int
    titles: tuple[tuple[int, int], ...] = ()
    lead: int | None = None  # where the whole mention starts (first title or group label)
    national: bool = False  # named with a title written after the name (…总书记): a mention only
    after_title: tuple[int, int] | None = None
    written_title: str | None = None  # a post whose span holds the name too (党委某某书记 → 党委书记)

    @property
    def span_start(self) -> int:
        return self.lead if self.lead is not None else self.start


def follower_strength(body: str, end: int) -> int:
    """How surely the text at `end` can follow a name: 0 not at all, else the follower's length."""
    if end >= len(body) or body[end] in P.PUNCT:
        return 3
    if body[end].isdigit():  # 国家副主席某某20日在北京会见…
        return 2
    return P.follower_at(body, end)


FOLLOWING_TAGS = ("v", "p", "d", "c")
FUNCTION_TAGS = ("p", "c", "u", "r", "d")  # a verb, preposition, adverb or conjunction opening the rest
AUXILIARIES = frozenset("要会能可是有")  # auxiliary verbs that are also rare surnames (要, 会 …)


def word_follows(body: str, end: int) -> float:
    """0.5 (less sure than any listed follower) when a dictionary verb, preposition, adverb or conjunction of two or more characters starts
    at `end` (陈某某|围绕学习主题, 钱某某|结合职责): enough after a post, where a name is expected."""
    words = cut(body[end:end + 6])
    first = words[0] if words else ""
    if len(first) == 1:  # 代县长某某|以普通代表身份: a one-character preposition is enough there too
        return 0.5 if word_tag(first) == "p" else 0
    return 0.5 if word_tag(first).startswith(FOLLOWING_TAGS) else 0


def read_name(body: str, pos: int, *, expected: bool = False, listed: bool = False) -> tuple[str, int] | None:
    """The personal name starting at `pos`, if one does: Chinese, or a transliteration with ·.
    Where a name is `expected` (right after a post or a group label) rare surnames count too. Where a
    name is expected or `listed` (a whole item of a 、-list) a given name may hold a weak stop character
    (区委书记刘向阳主持), but a reading without one wins (书记王明|在会上).

    >>> read_name("约翰·马库拉表示", 0)
    ('约翰·马库拉', 6)

    >>> read_name("杜小刚主持并讲话", 0), read_name("蒋敏一同走访", 0), read_name("项目”", 0)
    (('杜小刚', 3), ('蒋敏', 2), None)
    >>> read_name("边祥慧和市长", 0, expected=True), read_name("边视察边思考", 0, expected=True)
    (('边祥慧', 3), None)
    >>> read_name("刘向阳主持", 0, expected=True), read_name("王明在会上讲话", 0, expected=True), read_name("刘向阳主持", 0)
    (('刘向阳', 3), ('王明', 2), None)
    """
    foreign = P.FOREIGN_NAME.match(body, pos)
    if foreign:  # the shortest reading a follower confirms where jieba reads no word across its end, else the
        # shortest a follower confirms: 约翰·马库拉|表示, 艾买提|出席 (not 艾买|提出)
        last_part = pos + max(foreign.group().rfind(c) for c in "·•・") + 1
        ends = [end for end in range(last_part + 1, foreign.end() + 1) if follower_strength(body, end)]
        whole = [end for end in ends if not _cuts_a_word(body, last_part, end)]
        if ends:
            end = (whole or ends)[0]
            return body[pos:end], end
    stop = P.name_stop_chars(expected)  # 市委书记万里鹏: where a name is expected, place and time characters may be in it
    weak = P.weak_name_chars() if expected or listed else frozenset()
    stop = stop - weak
    surnames = P.surname_set()
    best: tuple[tuple[float, int], str, int] | None = None  # ((strength, length), name, end)
    for surname in (body[pos:pos + 2], body[pos:pos + 1]):
        if surname not in surnames and not (expected and surname in P.rare_surnames()):
            continue
        adverb = surname not in surnames and word_tag(surname) == "d" and surname not in AUXILIARIES
        if surname not in surnames and not adverb and (word_tag(surname).startswith(FUNCTION_TAGS) or surname in AUXILIARIES):
            continue  # 群众所想所盼, 校领导要牵头: a rare surname that is a function word or an auxiliary is the word
        for given in (1, 2):
            end = pos + len(surname) + given
            if end > len(body):
                break
            rest = body[pos + len(surname):end]
            if not all(is_cjk(c) and c not in stop for c in rest):
                break
            strength = follower_strength(body, end) or (expected and word_follows(body, end))
            if adverb and (strength < 1 or any(len(w) > 1 for w in cut(body[pos:end]))):
                continue  # 县长还强调, 又一次: an adverb (边, 还) is a surname only before characters jieba reads as no word (边祥慧)
            name = body[pos:end]
            if surname not in surnames and word_tag(rest).startswith("v") and body.startswith("、" + surname, end):
                continue  # 边视察、边思考: a parallel construction, not a list of persons
            if word_tag(body[pos:pos + 2]).startswith(FUNCTION_TAGS):
                continue  # 总书记|关于党的…: a preposition or conjunction, not a surname
            if surname not in surnames and given == 1 and rest in P.place_short_names() and word_tag(surname) == "v":
                continue  # 省委书记|来闽考察: a motion verb and a place's short name, not the rare surname 来
            if surname not in surnames and _cuts_a_word(body, pos, end):
                continue  # 政协常委|会议工|作报告: the "name" ends inside a word (工作)
            if surname not in surnames and _opens_with_word(body, pos, end):
                continue  # 候选人|名单已公示: a rare surname and the next character are a common word (名单)
            if strength and strength < 1 and _cuts_a_word(body, pos, end):
                continue  # 主任某某关|于…: a weak follower counts only where jieba reads no word across the name's end
            if strength and (not is_common_word(name) or _place_named_person(name, surname, expected, strength)):
                key = (strength - (10 if weak.intersection(rest) else 0), len(name))
                if best is None or key > best[0]:
                    best = (key, name, end)
    return (best[1], best[2]) if best else None


def _place_named_person(name: str, surname: str, expected: bool, strength: float) -> bool:
    """Whether a word jieba knows as a place is a name here (副组长于洋，): right after a post, a common
    surname, and punctuation or a listed follower of two or more characters after it."""
    return expected and strength >= 2 and surname in P.surname_set() and word_tag(name).startswith("ns")


def _opens_with_word(body: str, start: int, end: int) -> bool:
    """Whether jieba reads a common word of two or more characters at `start` that is shorter than the name."""
    first = cut(body[start:end + 2])[0]
    return 2 <= len(first) < end - start and is_common_word(first)


def _cuts_a_word(body: str, start: int, end: int) -> bool:
    """Whether jieba reads a word across `end` in the text from `start` (会议工|作 is 会议/工作)."""
    at = start
    for word in cut(body[start:end + 3]):
        if at < end < at + len(word):
            return True
        at += len(word)
    return False
