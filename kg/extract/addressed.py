"""Names addressed with a title written after them in running text (会议由某某主任主持, 某某书记强调,
某某同志传达…): the address makes the name a person, and a title of address says a post held.
Titles of national leaders written after names are kg.extract.patterns.after_name_re's, read first.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from kg.extract import patterns as P
from kg.extract.names import NameHit, follower_strength, read_name, word_follows
from kg.extract.posts import stated_move, whole_post
from kg.extract.segmenter import cut, is_common_word
from kg.lexicon import table

__all__ = ["add_addressed_names", "add_bracketed_names"]

ADDRESS_FOLLOWERS = "的所"  # 某某书记的讲话, 某某主任所作的报告: no verb follows, but a clause goes on
MAX_CLAUSE = 12  # how far back jieba is asked about the words around the name
# 以某某同志为核心的党中央 is a formulation naming the party's core leader, who is minted as a national person by
# the titles written after names (某某总书记); read here he would become a second, local node of the same man.
CORE_FORMULATION = "为核心"


@cache
def _post_titles() -> frozenset[str]:
    return frozenset(row[0] for row in table("address_titles.tsv") if row[1:2] == ("post",))


def add_addressed_names(body: str, hits: dict[int, NameHit], add: Callable[[NameHit], None]) -> None:
    """Add each name written before a title of address that no other rule read."""
    covered = [(h.span_start, h.end) for h in hits.values()]
    held: dict[str, list[str]] = {}  # the posts already read before each name (公司党委书记 before 某某书记)
    for h in hits.values():
        held.setdefault(h.name, []).extend(body[s:e] for s, e in h.titles)
    stop = P.name_stop_chars(False)
    for match in P.address_re().finditer(body):
        start, end = match.span("name")
        name = match["name"]
        given = name[2:] if name[:2] in P.compound_surnames() else name[1:]
        if not given or any(c in stop for c in given) or is_common_word(name):
            continue
        if any(s < end and start < e for s, e in covered) or not _own_word(body, start, end, match.end()):
            continue
        after = match.end()
        if body.startswith(CORE_FORMULATION, after):
            continue
        if not (follower_strength(body, after) or word_follows(body, after) or body[after:after + 1] in ADDRESS_FOLLOWERS):
            continue
        titles = ((match.start("title"), after),) if match["title"] in _post_titles() else ()
        if any(post.endswith(match["title"]) for post in held.get(name, ())):
            titles = ()  # 公司党委书记某某 … 某某书记: the address names that post again, not a second one
        add(NameHit(name, start, end, titles=titles))
        covered.append((start, end))


PARENTHESES = "（("


def add_bracketed_names(body: str, hits: dict[int, NameHit], add: Callable[[NameHit], None]) -> None:
    """Add each name written before a parenthesis that says a post (韩某（市委书记）出席, 由某某（原副市长）主持):
    the post itself is kg.extract's, read from the parenthesis."""
    covered = [(h.span_start, h.end) for h in hits.values()]
    for at, ch in enumerate(body):
        if ch not in PARENTHESES or not _says_posts(body, at):
            continue
        for length in (4, 3, 2):
            start = at - length
            if start < 0 or any(s < at and start < e for s, e in covered):
                continue
            if start and body[start - 1] not in P.PUNCT and not _own_word(body, start, at, at + 1):
                continue
            got = read_name(body, start)
            if got and got[1] == at:
                add(NameHit(got[0], start, at))
                covered.append((start, at))
                break


def _says_posts(body: str, at: int) -> bool:
    close = body.find("）" if body[at] == "（" else ")", at + 1, at + 40)
    parts = body[at + 1:close].split("、") if close > 0 else []
    return bool(parts) and all(whole_post(p) or stated_move(p)[0] for p in parts)


def _own_word(body: str, start: int, end: int, title_end: int) -> bool:
    """Whether jieba reads no word across either end of the name (党总支|书记 is one word; 张家村|长 too)."""
    clause = start
    while clause > 0 and start - clause < MAX_CLAUSE and body[clause - 1] not in P.PUNCT:
        clause -= 1
    at, edges = clause, set()
    for word in cut(body[clause:title_end]):
        edges.add(at)
        at += len(word)
    return start in edges and end in edges
