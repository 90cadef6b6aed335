"""Policies recognised by their shape rather than by a verb before them (kg.extract.policies gathers them):

- chief systems, a noun and 长制 (河长制, 田长制, 河湖长制: a named official answers for each field), wherever
  they stand;
- cooperation between places named by their short names (沪苏合作, 苏陕协作, 宁镇扬一体化): the programme a
  visit or a meeting between the places is held for; each pair of a list (沪苏、浙皖合作) is one programme;
- coined 双 formulations unquoted (双减, 双创, 双招双引): 双 standing alone before a one-character verb;
- and a filter: a project sized by a quantity (年产10万吨…项目, 200兆瓦…项目) is works being built, not a policy.
"""

from __future__ import annotations

import re
from functools import cache

from kg.chars import CJK
from kg.extract.policy_names import word_starts
from kg.extract.policy_quotes import PolicyHit
from kg.extract.segmenter import cut, tokenizer, word_tag
from kg.lexicon import longest_first, table

CHIEF = "长制"
NOT_A_SYSTEM_AFTER = ("度", "约", "造", "定", "作", "品")  # 增长|制约, 延长|制度: 制 opens another word
CHIEF_MAX_FREQ = 50  # 家长|制, 校长|负责…: a frequent X长 is a common title, not a chief of a field (河长 0, 链长 3)
NOUN_TAGS = ("n", "ns", "j")  # 田 n, 河湖 ns: the field a chief answers for
DIRECTIONS = "东南西北中"  # 南北合作, 东西部协作: directions, not the short names of cities that start with them
PLACE_PAIR_TAGS = ("", "ns", "j", "nr")  # 常安 ns, 宁镇扬 nr: what jieba calls a pair of short names; not 达成 v
PAIR_MAX_FREQ = 50  # 上海|合作组织, 长江, 日本: a frequent dictionary word is one place or a word, not a pair (京津冀 36)
SHUANG = "双"
SHUANG_TAGS = ("v", "n", "a")  # 双|减 v, 双|创 n: what jieba calls a lone character it cannot join to 双
SHUANG_WINDOW = 3  # characters before 双 cut with it, so that 双 is known to start a word
PROJECT = "项目"
SIZED_OPENINGS = ("年产", "装机", "总投资", "占地")  # 年产…项目: sized, whatever number follows


def chief_systems(body: str) -> list[PolicyHit]:
    """河长制, 田长制, 河湖长制: the noun right before 长制 (two characters when a word starts there, else one)."""
    out = []
    at = body.find(CHIEF)
    while at >= 0:
        end = at + len(CHIEF)
        if not body.startswith(NOT_A_SYSTEM_AFTER, end):
            for size in (2, 1):
                start = at - size
                noun = body[start:at] if start >= 0 else ""
                if (re.fullmatch(f"[{CJK}]+", noun) and word_tag(noun).startswith(NOUN_TAGS)
                        and (tokenizer().FREQ.get(noun + "长") or 0) < CHIEF_MAX_FREQ and word_starts(body, start, end)):
                    out.append(PolicyHit(noun + CHIEF, start, end))
                    break
        at = body.find(CHIEF, end)
    return out


@cache
def _place_chars() -> str:
    """The short-name characters of provinces (沪, 苏) and the first characters of prefecture-level cities
    (常 of 常州), but not directions."""
    chars = {c for row in table("province_abbreviations.tsv") for c in row[1:] if c}
    chars |= {row[2][0] for row in table("divisions.tsv") if row[3] == "市" and row[2]}
    return "".join(sorted(chars - set(DIRECTIONS)))


@cache
def _pairs_re() -> re.Pattern[str]:
    chars, heads = _place_chars(), "|".join(longest_first("policy_cooperation_heads.txt"))
    return re.compile(rf"(?P<pairs>[{chars}]{{2,3}}(?:、[{chars}]{{2,3}})*)(?P<head>{heads})")


def _is_pair(pair: str) -> bool:
    frequent = (tokenizer().FREQ.get(pair) or 0) >= PAIR_MAX_FREQ
    return len(set(pair)) == len(pair) and word_tag(pair) in PLACE_PAIR_TAGS and not frequent


def place_pairs(body: str) -> list[PolicyHit]:
    """沪苏合作, 苏陕协作, 常安协作; 沪苏、浙皖合作 is 沪苏合作 and 浙皖合作."""
    out = []
    for match in _pairs_re().finditer(body):
        pairs, start = match["pairs"].split("、"), match.start()
        if len(pairs[0]) == 3 and not word_starts(body, start, start + 3):
            pairs[0], start = pairs[0][1:], start + 1  # 延|苏陕协作: a verb's last character is no place
        if not all(_is_pair(p) for p in pairs) or not word_starts(body, start, start + len(pairs[0])):
            continue
        at = start
        for pair in pairs:
            out.append(PolicyHit(pair + match["head"], at, match.end() if pair is pairs[-1] else at + len(pair)))
            at += len(pair) + 1
    return out


def _tokens_at(body: str, at: int, size: int) -> tuple[str, ...] | None:
    """The words of body[at:at+size] when a word starts at `at` (cut with a few characters before it)."""
    start = max(at - SHUANG_WINDOW, 0)
    tokens, pos = cut(body[start:at + size]), start
    for i, token in enumerate(tokens):
        if pos == at:
            return tokens[i:]
        pos += len(token)
    return None


def shuang_formulations(body: str) -> list[PolicyHit]:
    """双减, 双创, 双招双引: 双 that jieba cuts off as a word of its own, before a one-character verb (双方, 双向,
    双赢 are words of the dictionary; 双提升 counts an outcome: its verb has two characters)."""
    out: list[PolicyHit] = []
    at = body.find(SHUANG)
    while at >= 0:
        tokens = _tokens_at(body, at, 6)
        if tokens and len(tokens) > 1 and tokens[0] == SHUANG and len(tokens[1]) == 1 and word_tag(tokens[1]).startswith(SHUANG_TAGS):
            label = SHUANG + tokens[1]
            if tokens[2:4] and tokens[2] == SHUANG and len(tokens[3]) == 1 and word_tag(tokens[3]).startswith(SHUANG_TAGS):
                label += SHUANG + tokens[3]  # 双招双引: one formulation of two pairs
            elif tokens[2:3] and len(tokens[2]) == 2 and tokens[2].startswith(SHUANG):
                label += tokens[2]  # 双促双赢: the second pair is a word of the dictionary
            out.append(PolicyHit(label, at, at + len(label)))
            at += len(label) - 1
        at = body.find(SHUANG, at + 1)
    return out


@cache
def _quantity_re() -> re.Pattern[str]:
    units = "|".join(longest_first("quantity_units.txt"))
    return re.compile(rf"[0-9０-９.]+[万亿千百]?(?:{units})")


def sized_project(label: str) -> bool:
    """年产10万吨锂电池材料项目, 200兆瓦光伏发电项目: a project sized by a quantity is works, not a policy."""
    return label.endswith(PROJECT) and (label.startswith(SIZED_OPENINGS) or _quantity_re().search(label) is not None)
