"""Regular expressions of the rules, built once from the lexicons."""

from __future__ import annotations

import re
from functools import cache

from kg.lexicon import longest_first, table, words

CJK = "\u4e00-\u9fff"
QUOTED = re.compile(r"“([^“”\n]{1,30})”")
PUNCT = frozenset("，。、；：！？（）()“”‘’《》〈〉「」『』【】 \u3000\n")
HAN = re.compile(f"[{CJK}]")
FOREIGN_NAME = re.compile(f"[{CJK}]{{1,6}}(?:[·•・][{CJK}]{{1,8}})+")  # 约翰·马库拉


def _alternation(items: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(items, key=len, reverse=True))


@cache
def title_re() -> re.Pattern[str]:
    """A title word that ends a post (书记, 副市长, 董事长…)."""
    return re.compile(f"(?:{_alternation(words('post_titles.txt'))})")


@cache
def label_re() -> re.Pattern[str]:
    """A group label written before names that is no post (市领导…)."""
    return re.compile(f"(?:{_alternation(words('person_labels.txt'))})")


@cache
def after_name_re() -> re.Pattern[str]:
    """A name (surname + one or two characters) followed by a title written after names (…总书记)."""
    return re.compile(f"(?P<name>(?:{_alternation(surnames())})[{CJK}]{{1,2}}?)(?P<title>{_alternation(words('post_after_name.txt'))})")


@cache
def surnames() -> tuple[str, ...]:
    return longest_first("surnames.txt")


@cache
def compound_surnames() -> frozenset[str]:
    return frozenset(s for s in surnames() if len(s) > 1)


@cache
def followers() -> tuple[str, ...]:
    """Words that may follow a name: the lexicon's, and every role verb (市长某某致欢迎辞)."""
    both = set(words("name_followers.txt")) | {row[0] for row in table("role_verbs.tsv")}
    return tuple(sorted(both, key=len, reverse=True))


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
    return {row[0]: row[1] for row in table("role_verbs.tsv")}


@cache
def formulation_re() -> re.Pattern[str]:
    return re.compile(_alternation(words("national_formulations.txt")))


@cache
def policy_verb_re() -> re.Pattern[str]:
    return re.compile(_alternation(words("policy_verbs.txt")))


@cache
def policy_suffix_re() -> re.Pattern[str]:
    """An unquoted phrase ending in a policy suffix, e.g. 安全生产治本攻坚三年行动."""
    return re.compile(f"[{CJK}0-9０-９+＋.]{{2,24}}?(?:{_alternation(words('policy_suffixes.txt'))})")


@cache
def titles_longest_first() -> tuple[str, ...]:
    return longest_first("post_titles.txt")
