"""Names in lists: untitled names continuing a 、-list after a read name (市领导甲、乙、丙), names
listed after 的还有, and lists closed by 等 and a count or by a role verb. Split out of
kg.extract.persons, which finds where names are anchored.
"""

from __future__ import annotations

from kg.chars import is_cjk
from kg.extract import patterns as P
from kg.extract.names import NameHit, read_name
from kg.extract.segmenter import cut

LIST_JOINERS = "、和及"  # 市领导甲、乙和丙  # join two named persons, but also occur inside organisation names


def list_after(body: str, end: int, taken: set[int], titles: tuple[tuple[int, int], ...] = ()) -> list[NameHit]:
    """Untitled names continuing a 、-list after the name ending at `end` (市领导甲、乙、丙). A title
    written before the first name is shared by the names listed with 、 after it (全国政协副主席甲、乙、丙)."""
    out = []
    while end < len(body) and body[end] in LIST_JOINERS and end + 1 not in taken:
        if P.title_re().match(body, end + 1) or P.label_re().match(body, end + 1):
            break
        got = read_name(body, end + 1, expected=True)
        if not got or P.title_re().match(body, got[1]):
            break  # 甲、乙书记: a title after the name is no list
        if body[end] != "、" and not _common_surname(got[0]):
            break  # 区长甲及区人大、区政协领导: after 和/及 a rare surname (区, 市 …) opens a body's name
        out.append(NameHit(got[0], end + 1, got[1], titles=titles))  # 副院长甲、乙和丙: all three
        if body[end] != "、":
            titles = ()
        end = got[1]
    return out


ITEM_MARKS = "，、；。"
MAX_ITEM = 4


def add_names_beside_names(body: str, hits: dict[int, NameHit], add) -> None:
    """A clause that is only a name, next to a clause ending in a read name (…，甲、乙。丙，丁，老领导戊、己出席):
    long lists of leaders grouped with commas, as big-city papers print them. Item by item, both ways."""
    ends = {h.end for h in hits.values()}
    changed = True
    while changed:
        changed = False
        for end in sorted(ends):
            for at in (end + 1, None):  # the item after a read name's clause, then the one before it
                if at is None:
                    at = _item_before(body, end, hits)
                if at is None or at >= len(body) or body[at - 1] not in ITEM_MARKS or at in hits:
                    continue
                got = read_name(body, at, listed=True)
                if got and _lone_item(body, at, got) and not any(h.start < got[1] and at < h.end for h in hits.values()) \
                        and _names_go_on(body, at, got[1], hits):
                    add(NameHit(got[0], at, got[1]))
                    ends.add(got[1])
                    changed = True


SENTENCE_MARKS = "。；："


def _names_go_on(body: str, start: int, end: int, hits: dict[int, NameHit]) -> bool:
    """Whether a lone name item is inside a list of names on both sides: before and after it a name, a
    group label or a post opening a name, or the sentence's edge (甲，乙，丙 — not 甲，宋庄，高楼等乡镇)."""
    before = start - 1 == 0 or body[start - 1] in SENTENCE_MARKS or start - 1 in {h.end for h in hits.values()} \
        or any(_is_name(body, start - 1 - n, start - 1) for n in (2, 3, 4) if start - 1 - n >= 0)
    after_at = end + 1
    after = end >= len(body) - 1 or body[end] in SENTENCE_MARKS or any(h.span_start == after_at for h in hits.values()) \
        or bool(P.label_re().match(body, after_at)) \
        or bool((got := read_name(body, after_at, listed=True)) and body[got[1]:got[1] + 1] in ITEM_MARKS)
    return before and after


def _lone_item(body: str, at: int, got: tuple[str, int]) -> bool:
    return body[got[1]:got[1] + 1] in ITEM_MARKS and got[1] - at <= MAX_ITEM and _common_surname(got[0])


def _item_before(body: str, end: int, hits: dict[int, NameHit]) -> int | None:
    """Where the item before the clause that ends at `end` with a read name starts, if that clause opens with it."""
    start = next((h.span_start for h in hits.values() if h.end == end), None)
    if start is None or start < 2 or body[start - 1] not in ITEM_MARKS:
        return None
    at = start - 1
    while at > 0 and body[at - 1] not in ITEM_MARKS and start - 1 - at < MAX_ITEM:
        at -= 1
    return at if at > 0 and body[at - 1] in ITEM_MARKS else None


def _common_surname(name: str) -> bool:
    return name[:2] in P.surname_set() or name[:1] in P.surname_set()


def add_names_listed_after(body: str, hits: dict[int, NameHit], add) -> None:
    """Untitled names listed after 的还有/的有 (出席会议的还有甲、乙、丙): a list, so punctuation or 等
    must follow the first name; it goes on over 、, commas and 和/及, item by item (还有：甲、乙，丙和丁)."""
    for match in P.names_listed_after_re().finditer(body):
        at, ends = match.end(), LIST_ENDS
        if body[at - 1] == "有" and cut(body[at - 1:at + 3])[0] != "有":
            continue  # 的有力举措, 的有关部门: 有 opens a word, announces no list
        while (got := _announced_item(body, at, ends)) and at not in hits:
            add(NameHit(got[0], at, got[1]))
            if body[got[1]:got[1] + 1] not in ANNOUNCED_JOINERS:
                break
            at, ends = got[1] + 1, LIST_ENDS | set(LIST_JOINERS)


ANNOUNCED_JOINERS = "，、" + LIST_JOINERS


ITEM_ENDS = "、，。；"


def _announced_item(body: str, at: int, ends: frozenset[str]) -> tuple[str, int] | None:
    """A name in a list that 的还有 announces as persons: one read_name reads, or else a whole item of 2 or 3
    characters opening with a surname (甲、张为、乙: a given name with a character read_name stops at)."""
    got = read_name(body, at, expected=True)
    if got and body[got[1]:got[1] + 1] in ends:
        return got  # (王建|为 reads a follower; the item 王建为 is the name)
    end = at
    while end < len(body) and is_cjk(body[end]) and end - at <= 3:
        end += 1
    item = body[at:end]
    if not (2 <= len(item) <= 3 and body[end:end + 1] and body[end] in ITEM_ENDS):
        return None
    if not (item[0] in P.surname_set() or item[:2] in P.surname_set()) or P.title_re().search(item):
        return None
    return item, end


LIST_ENDS = frozenset("、，。；等")


def add_listed_names(body: str, hits: dict[int, NameHit], add, verbs: list[int]) -> None:
    """Untitled names listed with 、 and closed by 等 and a count or a group label (甲、乙等市领导), by a
    role verb (…基层委甲、乙、丙等5位老师,
    甲、乙等列席会议, …委员会甲、乙出席), or by 为 and a post (推选甲、乙、丙为常务主席): every item of the
    list must read as a whole name; the first one may be glued to the body that they belong to."""
    closers = [_before_adverbs(body, v) for v in verbs if v]
    closers += [m.start() - (2 if body.endswith("同志", 0, m.start()) else 0)  # the post goes to them in persons
                for m in P.named_as_re().finditer(body)]
    close = body.find("等")
    while close >= 0:
        if P.COUNTED_PERSONS.match(body, close) or P.label_re().match(body, close + 1) or _titled_group(body, close + 1):
            closers.append(close)  # 甲、乙等5位老师, 甲、乙、丙等市领导, 甲、乙等驻镇委员
        close = body.find("等", close + 1)
    ends = {h.end for h in hits.values()}
    read = {h.end for h in hits.values() if h.start - 1 in ends}  # (a list whose last two names are read is read:
    for close in sorted(set(closers) - read):  # 甲、乙同志为…: 乙 alone is read by its address)
        if body[close - 3:close - 2] != "、" and body[close - 4:close - 3] != "、":
            continue  # the last item, right before the closer, is a name of 2 or 3 characters after 、
        start = close
        while start > 0 and (body[start - 1] == "、" or body[start - 1] not in P.PUNCT):
            start -= 1
        items = body[start:close].split("、")
        while len(items) > 2 and not _whole_names(body, start, items):  # 市委、市政府领导甲、乙: the list starts late
            start += len(items.pop(0)) + 1
        for name_start, name in _whole_names(body, start, items):
            if name_start not in hits and not any(h.start < name_start < h.end for h in hits.values()):
                add(NameHit(name, name_start, name_start + len(name)))


MAX_GROUP = 8  # 甲、乙等驻镇政协委员: a short description of the group ending in a title word


def _titled_group(body: str, at: int) -> bool:
    """Whether a group description ending in a title word starts at `at` (等|驻镇委员, 等|相关负责人)."""
    return any(is_cjk(body[end - 1]) and P.title_ending(body, end) and all(is_cjk(c) for c in body[at:end])
               for end in range(at + 2, min(at + MAX_GROUP, len(body)) + 1))


VERB_ADVERBS = ("分别", "先后", "一同", "共同", "作", "也", "均", "都", "等", "同志")  # 甲、乙分别作表态发言, 甲、乙等列席


def _before_adverbs(body: str, verb: int) -> int:
    """Where a list closed by the role verb at `verb` ends: before the adverbs between them (甲、乙|分别作|发言)."""
    at = verb
    while (adverb := next((a for a in VERB_ADVERBS if body.endswith(a, 0, at)), None)) and at > len(adverb):
        at -= len(adverb)
    return at


def _whole_names(body: str, start: int, items: list[str]) -> list[tuple[int, str]]:
    """The names of a 、-list starting at `start`, or [] unless every item after the first is exactly a
    name and the first ends in one."""
    if len(items) < 2:
        return []
    out: list[tuple[int, str]] = []
    at = start + len(items[0]) + 1
    first = items[0]
    head = next((first[-n:] for n in (3, 2) if len(first) >= n and _is_name(body, at - 1 - n, at - 1)), None)
    if head is None:
        return []
    out.append((at - 1 - len(head), head))
    for item in items[1:]:
        if not _is_name(body, at, at + len(item)):
            return []
        out.append((at, item))
        at += len(item) + 1
    return out


def _is_name(body: str, start: int, end: int) -> bool:
    got = read_name(body, start, listed=True)
    return got is not None and got[1] == end
