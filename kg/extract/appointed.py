"""Posts written after a name (以某某为团长, 副市长某某兼任开发区党工委书记, 某某当选为主席) and the names
that appointment wording puts before them (会议选举某某同志为副镇长). Split out of kg.extract.persons."""

from __future__ import annotations

from kg.extract import patterns as P
from kg.extract.names import NameHit, read_name
from kg.extract.segmenter import cut
from kg.lexicon import word_set

__all__ = ["add_appointed_names", "add_posts_named_after"]

COMRADE = "同志"  # 选举某某同志为副镇长: the address between the name and 为
PASSIVE_APPOINTMENT = frozenset({"当选", "被任命", "被选举", "被推选", "被提名", "被聘任", "被聘"})  # 某某当选为主席


def add_appointed_names(body: str, hits: dict[int, NameHit], add) -> None:
    """A name between an appointment verb and 为 and a post (会议选举某某同志为镇长, 任命某某为副区长), or
    opening a clause before 当选/被任命 and 为 (某某当选为县工商联主席)."""
    verbs = word_set("appointment_verbs.txt")
    for match in P.named_as_re().finditer(body):
        passive = P.word_ending_at(body, match.start(), PASSIVE_APPOINTMENT)
        at = match.start() - (len(passive) if passive else 0)
        at -= len(COMRADE) if body.endswith(COMRADE, 0, at) else 0
        for length in (4, 3, 2):
            start = at - length
            if start < 0:
                continue
            opens = bool(passive) and (start == 0 or body[start - 1] in P.PUNCT)  # ，某某当选为…
            if not (opens or start > 0 and P.word_ending_at(body, start, verbs)):
                continue
            if any(h.start < at and start < h.end for h in hits.values()):
                break
            got = read_name(body, start, expected=True)
            if got and got[1] == at:
                add(NameHit(got[0], start, at))
                break


def add_posts_named_after(body: str, hits: dict[int, NameHit]) -> None:
    """A post written after 为 or 兼任/任 following a name (以某某为团长, 副市长某某兼任开发区党工委书记): held
    by that name and by the names listed with 、 right before it (以副主席甲、乙为第二分团团长)."""
    ordered = [hits[k] for k in sorted(hits)]
    for index, hit in enumerate(ordered):
        at = hit.end + (len(COMRADE) if body.startswith(COMRADE, hit.end) else 0)
        at += len(P.word_at(body, at, PASSIVE_APPOINTMENT) or "")  # 某某当选为县工商联主席
        match = P.named_as_re().match(body, at) if body.startswith("为", at) else P.held_as_re().match(body, at)
        if match is None or not body.startswith("为", at) and not _held_as_word(cut(body[at:at + 4])[0]):
            continue  # 某某任命…, 某某任职以来: 任 opens another word
        span = match.span("post")
        group = [hit]
        for previous in reversed(ordered[:index]):
            if body[previous.end:group[-1].start] != "、":
                break
            group.append(previous)
        for named in group:
            named.titles = (*named.titles, span)


def _held_as_word(word: str) -> bool:
    """Whether jieba's first word after a name is 任/兼任 … and no other word (任命, 任职; 任组长 is one word)."""
    return word in P.HELD_AS_WORDS or bool(P.title_ending(word))
