"""Regular expressions of the rules, built once from the lexicons."""

from __future__ import annotations

import re
from functools import cache

from kg.chars import CJK
from kg.lexicon import longest_first, table, word_set, words

QUOTED = re.compile(r"“([^“”\n]{1,30})”")
PUNCT = frozenset("，。、；：！？（）()“”‘’《》〈〉「」『』【】 \u3000\n")
HAN = re.compile(f"[{CJK}]")
FOREIGN_NAME = re.compile(f"[{CJK}]{{1,6}}(?:[·•・][{CJK}]{{1,8}})+")  # 约翰·马库拉


LIST_CLOSER = re.compile(r"等[^，。；：！？、\n]{0,15}(?:领导|同志|负责人|负责同志)$")  # 甲，乙等县四套班子领导，深入…
COUNTED_PERSONS = re.compile(r"等(?:[0-9０-９一二三四五六七八九十两]+(?:位|名)|人|同志|领导)")  # 甲、乙等5位老师


def _alternation(items: tuple[str, ...]) -> str:
    """Any of `items`, longest first; the one-character items (tried last, and only one of them can match) as
    one character class, which the regex engine tests at once instead of item by item (382 surnames).

    >>> _alternation(("王", "欧阳", "张"))
    '欧阳|[王张]'
    """
    ordered = sorted(items, key=len, reverse=True)
    longer = [re.escape(w) for w in ordered if len(w) > 1]
    single = "".join(re.escape(w) for w in ordered if len(w) == 1)
    return "|".join(longer + ([f"[{single}]"] if len(single) > 1 else [single] if single else []))


def _first_chars(items: tuple[str, ...]) -> str:
    """A lookahead for the characters `items` start with: a match is tried only where one of them is."""
    return "(?=[" + "".join(re.escape(c) for c in sorted({w[0] for w in items})) + "])"


def trie_pattern(items: tuple[str, ...] | frozenset[str]) -> str:
    """One regex matching any of `items`, longest first, as a trie (fast on thousands of words).

    >>> re.fullmatch(trie_pattern(("书记", "副书记", "副市长")), "副书记") is not None
    True
    >>> re.match(trie_pattern(("市长", "市长助理")), "市长助理出席").group()
    '市长助理'
    """
    tree: dict = {}
    for item in items:
        node = tree
        for ch in item:
            node = node.setdefault(ch, {})
        node[""] = {}

    def render(node: dict) -> str:
        branches = [re.escape(ch) + render(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body

    return render(tree)


@cache
def title_words() -> frozenset[str]:
    """Every title word that ends a post: the irregular ones of post_titles.txt, and each head of
    title_heads.txt with and without a modifier (常务副主任) and an assistant ending (校长助理)."""
    heads = words("title_heads.txt")
    composed = {m + h for m in ("", *words("title_modifiers.txt")) for h in heads}
    composed |= {h + a for h in heads for a in words("title_assistants.txt")}
    return frozenset(words("post_titles.txt")) | composed


def title_parts(text: str) -> tuple[str, str] | None:
    """`(organisation, title word)` when `text` is a title by composition: an optional organisation,
    optional units (党委, 监事会 …) and a title word (学校党委副书记 → 学校, 党委副书记).

    >>> title_parts("学校党委副书记"), title_parts("街道办事处主任"), title_parts("交流发言")
    (('学校', '党委副书记'), ('', '街道办事处主任'), None)
    """
    word = title_ending(text)
    if word is None:
        return None
    rest = text[: -len(word)]
    units = word_set("title_units.txt")
    while rest and (unit := word_ending_at(rest, len(rest), units)):
        rest, word = rest[: -len(unit)], unit + word
    return rest, word


def title_ending(text: str, end: int | None = None) -> str | None:
    """The longest title word that `text` ends with (or its first `end` characters), if any.

    >>> title_ending("无锡市副市长"), title_ending("交流发言"), title_ending("市长王某", 2)
    ('副市长', None, '市长')
    """
    return word_ending_at(text, len(text) if end is None else end, title_words())


@cache
def _lengths(entries: frozenset[str]) -> tuple[int, ...]:
    """The lengths of a word set's entries, longest first (cached per set: the sets are the cached lexicons)."""
    return tuple(sorted({len(word) for word in entries}, reverse=True))


def word_at(text: str, at: int, entries: frozenset[str]) -> str | None:
    """The longest of `entries` that starts at `at`, if any: one set look-up per entry length, not a
    `startswith` per entry (these loops over thousands of words were the hottest of the rules).

    >>> word_at("某某主持会议", 2, frozenset({"主持", "主持人", "会议"})), word_at("某某", 2, frozenset({"主持"}))
    ('主持', None)
    """
    room = len(text) - at
    for length in _lengths(entries):
        if length <= room and text[at:at + length] in entries:
            return text[at:at + length]
    return None


def word_ending_at(text: str, end: int, entries: frozenset[str]) -> str | None:
    """The longest of `entries` that ends at `end`, if any (as `word_at`, backwards).

    >>> word_ending_at("会见了国家", 3, frozenset({"会见", "会见了"}))
    '会见了'
    """
    for length in _lengths(entries):
        if length <= end and text[end - length:end] in entries:
            return text[end - length:end]
    return None


@cache
def title_re() -> re.Pattern[str]:
    """A title word that ends a post (书记, 副市长, 董事长, 总会计师…)."""
    return re.compile(trie_pattern(title_words()))


@cache
def named_as_re() -> re.Pattern[str]:
    """为 and a post written after a name (以某某为团长, 任命某某为副县长): the name holds that post."""
    return re.compile(f"为(?P<post>[{CJK}]{{0,10}}?(?:{trie_pattern(title_words())}))(?=[的，。；、]|$)")


HELD_AS = "同时兼任|同时任|兼任|现任|兼|任"  # 副市长某某兼任开发区党工委书记, 某某任组长
HELD_AS_WORDS = frozenset({"同时", "兼任", "现任", "兼", "任"})  # what jieba reads first there (not 任命, 任职)


@cache
def held_as_re() -> re.Pattern[str]:
    """兼任/任 and a post written after a name (副市长某某兼任开发区党工委书记): the name holds that post too."""
    return re.compile(f"(?:{HELD_AS})(?P<post>[{CJK}]{{0,14}}?(?:{trie_pattern(title_words())}))(?=[的，。；、]|$)")


@cache
def label_re() -> re.Pattern[str]:
    """A group label written before names that is no post (市领导…)."""
    return re.compile(f"(?:{_alternation(words('person_labels.txt'))})")


@cache
def names_listed_after_re() -> re.Pattern[str]:
    """What opens a list of names after 的还有/的有, a group label allowed before it (出席会议的市领导还有：甲、乙)."""
    return re.compile(f"的(?:{label_re().pattern})?(?:还有|有)[：:]?(?!关)")


LISTED_OBJECTS = "会议|大会|活动|会见|仪式|调研|考察|座谈|开幕式|典礼|会"  # 出席会议的还有…, 出席开工仪式的…
LISTED_GROUPS = "领导同志|领导|嘉宾"  # 出席会议的领导有…, 出席活动的嘉宾有…


@cache
def listed_after_re() -> re.Pattern[str]:
    """What follows a role verb whose persons come after it (出席会议的还有…), a group label allowed
    between 的 and 还有 (出席会议的市领导还有：甲、乙) as names_listed_after_re reads the names; the object may
    have words before its event noun (出席开工仪式的领导还有)."""
    return re.compile(f"^(?:[^，。；：！？、的\n]{{0,8}}?(?:{LISTED_OBJECTS}))?的(?:{label_re().pattern}|{LISTED_GROUPS})?"
                      "(?:还有|有(?!关)|包括|是)")


@cache
def after_name_re() -> re.Pattern[str]:
    """A name (surname + one or two characters) followed by a title written after names (…总书记)."""
    return re.compile(f"{_first_chars(surnames())}(?P<name>(?:{_alternation(surnames())})[{CJK}]{{1,2}}?)"
                      f"(?P<title>{_alternation(words('post_after_name.txt'))})")


@cache
def address_re() -> re.Pattern[str]:
    """A name (surname + one or two characters) followed by a title used as a form of address (某某书记)."""
    titles = tuple(row[0] for row in table("address_titles.tsv"))
    return re.compile(f"{_first_chars(surnames())}(?P<name>(?:{_alternation(surnames())})[{CJK}]{{1,2}}?)"
                      f"(?P<title>{_alternation(titles)})")


@cache
def surnames() -> tuple[str, ...]:
    return longest_first("surnames.txt")


@cache
def surname_set() -> frozenset[str]:
    """`surnames()` for membership tests (the tuple is for regexes, longest first)."""
    return frozenset(surnames())


@cache
def name_stop_chars(expected: bool) -> frozenset[str]:
    """Characters a given name cannot hold; where a name is `expected` (after a post), fewer: characters of
    place and time may be in it (市委书记万里鹏)."""
    stop = word_set("name_stop_chars.txt")
    return stop - word_set("name_chars_when_expected.txt") if expected else stop


@cache
def weak_name_chars() -> frozenset[str]:
    """Stop characters that a given name may hold where a name is expected (刘向阳, 征书和)."""
    return word_set("name_chars_weak.txt")


@cache
def rare_surnames() -> frozenset[str]:
    """Surnames read only where a name is expected (after a post or a group label): 信, 禚, 占 …"""
    return frozenset(words("surnames_rare.txt"))


@cache
def place_short_names() -> frozenset[str]:
    """One-character short names of provinces and cities (闽, 沪, 锡, 甬): 来闽 is a trip, not a name."""
    provinces = {c for row in table("province_abbreviations.tsv") for c in row[1:] if c}
    return frozenset(provinces | word_set("city_short_names.txt"))


@cache
def after_unit_re() -> re.Pattern[str]:
    """A name written between an organisation's unit and its title (学校党委某某书记, 公司党委某某副书记)."""
    units = _alternation(words("title_units.txt"))
    return re.compile(f"(?P<unit>{units})(?P<name>(?:{_alternation(surnames())})[{CJK}]{{1,2}}?)"
                      f"(?P<title>{trie_pattern(title_words())})")


@cache
def compound_surnames() -> frozenset[str]:
    return frozenset(s for s in surnames() if len(s) > 1)


@cache
def followers() -> frozenset[str]:
    """Words that may follow a name: the lexicon's, and every role verb (市长某某致欢迎辞)."""
    return frozenset(words("name_followers.txt")) | {row[0] for row in table("role_verbs.tsv")}


def follower_at(text: str, at: int) -> int:
    """The length of the longest follower word starting at `at`, 0 if none.

    >>> follower_at("某某主持会议", 2), follower_at("某某某", 2)
    (2, 0)
    """
    word = word_at(text, at, followers())
    return len(word) if word else 0


@cache
def trigger_re() -> re.Pattern[str]:
    return re.compile(_alternation(tuple(row[0] for row in table("event_triggers.tsv"))))


@cache
def trigger_kinds() -> dict[str, str]:
    return {row[0]: row[1] for row in table("event_triggers.tsv")}


@cache
def role_verb_re() -> re.Pattern[str]:
    return re.compile(_alternation(tuple(row[0] for row in table("role_verbs.tsv"))))


@cache
def role_of_verb() -> dict[str, str]:
    """Every role verb, including those that make no name (role_verbs_named.tsv), with its role."""
    return {row[0]: row[1] for name in ("role_verbs.tsv", "role_verbs_named.tsv") for row in table(name)}


@cache
def any_role_verb_re() -> re.Pattern[str]:
    """role_verb_re and the verbs that give a role only to persons found otherwise."""
    return re.compile(_alternation(tuple(role_of_verb())))


@cache
def formulation_re() -> re.Pattern[str]:
    return re.compile(_alternation(words("national_formulations.txt")))


@cache
def policy_verb_re() -> re.Pattern[str]:
    return re.compile(_alternation(words("policy_verbs.txt")))


@cache
def policy_word_re() -> re.Pattern[str]:
    """One policy suffix itself, the longest that matches (工程, 三年行动)."""
    return re.compile(_alternation(words("policy_suffixes.txt")))


@cache
def policy_suffix_re() -> re.Pattern[str]:
    """An unquoted phrase ending in a policy suffix, e.g. 安全生产治本攻坚三年行动."""
    return re.compile(f"[{CJK}0-9０-９+＋.]{{2,24}}?(?:{_alternation(words('policy_suffixes.txt'))})")
