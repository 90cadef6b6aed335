"""Quoted policies (“强基”工程, 树牢“…”意识, 扎实开展“…”, “甲”“乙”等, “三力”) and the hit type and
canonical label every policy rule shares (kg.extract.policies gathers them)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from kg.chars import CJK
from kg.extract import patterns as P
from kg.extract.segmenter import cut, word_tag
from kg.lexicon import longest_first, word_set

NUMERAL = "一二三四五六七八九十两"
LIST_END = "等"  # …建设等重要举措: the list ended before the policy word
LABEL_NOISE = re.compile(r"[\s“”‘’\"'《》「」『』]")
VERB_GAP = 6  # characters allowed between a policy verb and the quote (实现更高水平“…”)
SUFFIX_REACH = 6  # characters of a longer name allowed between a quote and its suffix (“…”科技创新体系)
MIN_QUOTED = 3  # shorter quotes (“高线”) are figures of speech unless a suffix names them
PLAIN = re.compile(rf"[{CJK}0-9+]")
ADJECTIVAL = ("式", "型")  # “标杆型”“领先型”党组织: adjectives, not policies
NUMBERED_QUOTE = re.compile(rf"[{NUMERAL[1:]}双]个?[{CJK}]{{1,4}}")  # “三力”“两个清单”“双减”: a counted formulation (not “一把手”)
PARALLEL_QUOTE = re.compile(rf"[{CJK}]{{3,8}}(?:[、，][{CJK}]{{3,8}})+")  # “比贡献、争一流”: parts of one length
SHIFT = re.compile(r"[从由]“[^“”]{1,12}”(?:[向到]|转向|转变为)“[^“”]{1,12}”")  # from one state to another
HONOUR_CEREMONY = ("颁", "奖", "表彰", "授", "命名")  # “…”颁奖仪式, 表彰仪式: the quote is an honour


@dataclass(frozen=True)
class PolicyHit:
    canonical: str
    start: int
    end: int


def canonical(text: str) -> str:
    """The label policies are known by: quotes, brackets and spaces removed, width folded.

    >>> canonical("“四个注重选拔、四个坚决不用”"), canonical("红链赋能“１+８”行动")
    ('四个注重选拔、四个坚决不用', '红链赋能1+8行动')
    """
    return LABEL_NOISE.sub("", unicodedata.normalize("NFKC", text))


def _verb_opens(tail: str) -> bool:
    """Whether a verb opens the words after a quote and more follows it (“吃住行游购娱”|强化|文旅强区): the
    verb starts a second policy, not a longer name (“…”创建, a verb alone, is the quote's campaign)."""
    first = cut(tail)[0]
    return word_tag(first) == "v" and len(first) < len(tail)


def _suffix_at(body: str, pos: int) -> str | None:
    """A policy suffix starting at `pos`, or a short name part plus suffix (科技创新体系)."""
    word = P.policy_word_re().match(body, pos)
    if word and word.group() not in word_set("policy_cues.txt") and not _verb_opens(word.group()):  # “日研判、周调度”|机制: a cue is no part of the name
        return word.group()
    match = P.policy_suffix_re().match(body, pos)
    if match and len(match.group()) <= SUFFIX_REACH + 4 and not _verb_opens(match.group()) and "的" not in match.group() and LIST_END not in match.group():
        return match.group()
    return None


def _verb_before(body: str, start: int) -> bool:
    window = body[max(start - VERB_GAP - 4, 0):start]
    for match in P.policy_verb_re().finditer(window):
        gap = window[match.end():]
        if len(gap) <= VERB_GAP and not any(c in P.PUNCT for c in gap) and not gap.endswith("的"):
            return True
    return False


def _prefix_words(body: str, start: int) -> str:
    """The words a bare-digit quote qualifies: back to punctuation, minus a leading policy verb."""
    i = start
    while i > 0 and body[i - 1] not in P.PUNCT and start - i < 12:
        i -= 1
    words = body[i:start]
    verbs = list(P.policy_verb_re().finditer(words))
    return words[verbs[-1].end():] if verbs else words


@cache
def _event_head_re() -> re.Pattern[str]:
    heads = "|".join(longest_first("policy_event_heads.txt"))
    return re.compile(rf"(?P<between>[{CJK}]{{0,{SUFFIX_REACH - 2}}}?)(?:{heads})")


def _event_subject(body: str, end: int) -> bool:
    """Whether the quote ending at `end` names the programme an event is held for (“…”启动仪式),
    not an honour a ceremony hands out (“…”颁奖仪式)."""
    match = _event_head_re().match(body, end)
    return match is not None and not any(w in match["between"] for w in HONOUR_CEREMONY)


FIGURE_TAGS = ("n", "l", "v", "i", "a", "b")  # 一盘棋 n, 开门红 l, 升级版 v: what jieba's dictionary knows as a common word


def _figurative(content: str) -> bool:
    """A quoted common word is a figure of speech (实现“开门红”, 坚持“一盘棋”, 当好“店小二”), not a named
    policy: coined slogans (“放管服”, “双减”) and counted formulations are in no general dictionary. Only a
    suffix makes it a name (“领头雁”工程)."""
    tag = word_tag(content)
    return tag.startswith(FIGURE_TAGS) and not tag.startswith("nz")


FORMULATION_PREFIX = 6  # characters of a national formulation that may stand before its quoted part


def _formulation_before(body: str, start: int, content: str) -> str | None:
    """The national formulation a quote completes with the words right before it (新时代“枫桥经验”)."""
    known = word_set("national_formulations.txt")
    for reach in range(1, FORMULATION_PREFIX + 1):
        if start - reach < 0 or body[start - reach] in P.PUNCT:
            break
        if body[start - reach:start] + content in known:
            return body[start - reach:start] + content
    return None


MIN_NAMED_ITEM = 4  # 美食之都: shorter items (稳就业, 识险) are the duties of one slogan


def _named_items(content: str) -> list[str]:
    """The items of a quote that each name a thing (“美食之都、购物天堂”, “创新高地、花园之城”: two goals), or []
    when the quote is one slogan: its items open with a one-character verb or a numeral (“学查改、促提升”,
    “四个注重选拔、四个坚决不用”), or the whole is a formulation of the lexicon (人民至上、生命至上). An item names
    a thing when a noun opens or ends it (美食|之都, 创新|高地)."""
    items = content.split("、")
    if len(items) < 2 or content in word_set("national_formulations.txt"):
        return []
    for item in items:
        words = cut(item)
        if len(item) < MIN_NAMED_ITEM or len(words[0]) < 2 or item[0] in NUMERAL:
            return []
        if not (word_tag(words[0]).startswith("n") or word_tag(words[-1]).startswith("n")):
            return []
    return items


def quoted_policies(body: str) -> list[PolicyHit]:
    out: list[PolicyHit] = []
    previous_end = -10
    shifts = [m.span() for m in SHIFT.finditer(body)]
    for match in P.QUOTED.finditer(body):
        content = match.group(1)
        if any(s <= match.start() and match.end() <= e for s, e in shifts):
            continue  # 从“做了多少”向“做成什么”转变: the two ends of a change, figures of speech
        suffix = _suffix_at(body, match.end())
        internal = _suffix_at(content, max(len(content) - 6, 0)) is not None and content.endswith(
            tuple(longest_first("policy_suffixes.txt")))
        cue = P.word_at(body, match.end(), word_set("policy_cues.txt")) is not None
        listed = match.start() - previous_end <= 1 and previous_end > 0
        paired = body.startswith("“", match.end()) and len(content) > MIN_QUOTED  # “甲乙丙丁”“戊己庚辛”: a list of slogans
        parallel = PARALLEL_QUOTE.fullmatch(content) is not None and len(set(map(len, re.split("[、，]", content)))) == 1
        holiday = content.endswith(("会", "节")) or (len(content) <= 2 and not content.strip(NUMERAL))  # “两会”, “五一”
        counted = NUMBERED_QUOTE.fullmatch(content) is not None and not holiday and not _figurative(content)
        named = suffix or internal or _event_subject(body, match.end())
        is_policy = named or counted or parallel or (
            len(content) >= MIN_QUOTED and not _figurative(content)
            and (cue or listed or paired or _verb_before(body, match.start())))
        if not is_policy or content.endswith(ADJECTIVAL) or not PLAIN.search(content):
            continue
        label, start, end = content, match.start(), match.end()
        if suffix:
            label, end = content + suffix, match.end() + len(suffix)
            if not re.search(f"[{CJK}]", content) and suffix in longest_first("policy_suffixes.txt"):
                prefix = _prefix_words(body, match.start())
                label, start = prefix + label, match.start() - len(prefix)
        if not suffix and (whole := _formulation_before(body, start, content)):
            label, start = whole, start - (len(whole) - len(content))  # 新时代“枫桥经验”: the formulation's own label
        if items := ([] if suffix else _named_items(content)):
            at = match.start() + 1
            for item in items:  # “美食之都、购物天堂”: two policies, each with its own span
                out.append(PolicyHit(canonical(item), at, at + len(item)))
                at += len(item) + 1
        else:
            out.append(PolicyHit(canonical(label), start, end))
        previous_end = match.end()
    return out
