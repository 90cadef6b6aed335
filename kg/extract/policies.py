"""Policies the event emphasised: quoted initiatives, named plans and the
standing formulations of the genre, each under one canonical label.

- A quoted phrase is a policy when a policy suffix follows it (“强基”工程), a
  cue word follows it (树牢“…”意识), a policy verb comes shortly before it
  (扎实开展“…”), or it continues a list of quoted policies (“甲”“乙”等).
  The canonical label strips the quotes and keeps the suffix; a quote of bare
  digits keeps the words it qualifies (某某“1+8”行动).
- An unquoted phrase right after a policy verb and ending in a policy suffix
  (开展…三年行动, 落实…20条举措) is a policy, minus issuers and qualifiers.
- Documents named in 《》 whose title ends like a rule or plan (条例, 意见, 方案 …).
- 关于…的重要论述/重要思想 formulations.
- The national formulations of the lexicon (新质生产力, 两个确立 …), unless
  inside a longer policy already found.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from kg.chars import CJK
from kg.extract import patterns as P
from kg.extract.segmenter import word_tag
from kg.lexicon import longest_first, word_set

VERB_GAP = 6  # characters allowed between a policy verb and the quote (实现更高水平“…”)
SUFFIX_REACH = 6  # characters of a longer name allowed between a quote and its suffix (“…”科技创新体系)
MIN_QUOTED = 3  # shorter quotes (“高线”) are figures of speech unless a suffix names them
DISCOURSE = re.compile(r"关于(?P<topic>[^，。；：\n]{2,20}?)的重要(?P<head>论述|思想|指示精神|指示)")
QUOTE_ONLY_VERBS = ("把",)  # 把“…”办好 marks a quoted policy; unquoted, 把 opens any object
TITLED = re.compile(r"《([^《》\n]{2,40})》")  # 《中国共产党纪律处分条例》
PLENUM = re.compile(r"(?:党的)?(?:[一二三四五六七八九十]+届[一二三四五六七八九十]+中全会|[一二三四五六七八九十]+大)精神")  # 党的二十大精神
PLAIN = re.compile(rf"[{CJK}0-9+]")
ADJECTIVAL = ("式", "型")  # “标杆型”“领先型”党组织: adjectives, not policies
NUMERAL = "一二三四五六七八九十两"
NUMBERED = re.compile(rf"[{NUMERAL[1:]}]个(?P<word>[{CJK}]{{2}})")  # 一个 is mostly "a"  # 三个务必, 五个必须, 两个确保
NUMBERED_TAGS = ("v", "d", "a", "ad", "vn")  # what a formulation counts: duties, not things (三个方面)
SPIRIT = re.compile(r"(?P<phrase>[^，。；：！？\n“”]{2,40}?)精神")
SPIRIT_MAX = 30  # longer phrases before 精神 are clauses, not one spirit's name
SPIRIT_HEADS = ("讲话", "指示", "批示", "会议", "全会", "党代会", "大会", "两会", "论述", "回信", "贺信", "决定", "重要思想")
SPIRIT_JOINERS = ("和", "及", "以及", "与", "、")
VARIANT_TAILS = ("国家战略", "战略", "工程", "行动", "建设")  # 长三角一体化发展(国家战略): one policy


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
    folded = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s“”‘’\"'《》「」『』]", "", folded)


def _suffix_at(body: str, pos: int) -> str | None:
    """A policy suffix starting at `pos`, or a short name part plus suffix (科技创新体系)."""
    suffix = P.word_at(body, pos, word_set("policy_suffixes.txt"))
    if suffix:
        return suffix
    match = P.policy_suffix_re().match(body, pos)
    if match and len(match.group()) <= SUFFIX_REACH + 4 and "的" not in match.group():
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


def quoted_policies(body: str) -> list[PolicyHit]:
    out: list[PolicyHit] = []
    previous_end = -10
    for match in P.QUOTED.finditer(body):
        content = match.group(1)
        suffix = _suffix_at(body, match.end())
        internal = _suffix_at(content, max(len(content) - 6, 0)) is not None and content.endswith(
            tuple(longest_first("policy_suffixes.txt")))
        cue = P.word_at(body, match.end(), word_set("policy_cues.txt")) is not None
        listed = match.start() - previous_end <= 1 and previous_end > 0
        is_policy = suffix or internal or (len(content) >= MIN_QUOTED and (cue or listed or _verb_before(body, match.start())))
        if not is_policy or content.endswith(ADJECTIVAL) or not PLAIN.search(content):
            continue
        label, start, end = content, match.start(), match.end()
        if suffix:
            label, end = content + suffix, match.end() + len(suffix)
            if not re.search(f"[{CJK}]", content) and suffix in longest_first("policy_suffixes.txt"):
                prefix = _prefix_words(body, match.start())
                label, start = prefix + label, match.start() - len(prefix)
        out.append(PolicyHit(canonical(label), start, end))
        previous_end = match.end()
    return out


def titled_documents(body: str) -> list[PolicyHit]:
    """Rules, plans and opinions named in 《》 (not books or papers: the ending decides)."""
    endings = tuple(longest_first("policy_document_suffixes.txt"))
    return [PolicyHit(canonical(m.group(1)), m.start(), m.end()) for m in TITLED.finditer(body)
            if m.group(1).endswith(endings)]


def _strip_qualifiers(text: str) -> tuple[str, int]:
    dropped = 0
    changed = True
    while changed:
        changed = False
        for word in longest_first("policy_drop_prefixes.txt"):
            if text.startswith(word) and len(text) > len(word) + 2:
                text, dropped, changed = text[len(word):], dropped + len(word), True
    return text, dropped


def named_policies(body: str) -> list[PolicyHit]:
    """Unquoted plans right after a policy verb: 开展…三年行动, 落实…20条举措."""
    weak = tuple(longest_first("policy_weak_suffixes.txt"))
    out: list[PolicyHit] = []
    reached = 0
    for verb in P.policy_verb_re().finditer(body):
        if verb.group() in QUOTE_ONLY_VERBS or verb.start() < reached:
            continue  # 实施营商环境建设…: 建设 inside a phrase already taken is no new verb
        match = P.policy_suffix_re().match(body, verb.end())
        if not match:
            continue
        text, dropped = _strip_qualifiers(match.group())
        is_weak = text.endswith(weak) and not text.endswith(("三年行动", "工程"))
        if "的" in text:  # 践行新发展理念的公园城市示范区: the name is what follows the last 的
            if is_weak:
                continue
            cut_at = text.rindex("的") + 1
            text, dropped = text[cut_at:], dropped + cut_at
        stem = len(text) - max((len(w) for w in weak if text.endswith(w)), default=0)
        if len(text) < 4 or (is_weak and stem < 4):
            continue
        out.append(PolicyHit(canonical(text), match.start() + dropped, match.end()))
        reached = match.end()
    return out


def formulations(body: str) -> list[PolicyHit]:
    out = [PolicyHit(canonical(f"关于{m['topic']}的重要{m['head']}"), m.start(), m.end()) for m in DISCOURSE.finditer(body)]
    out += [PolicyHit(m.group(), m.start(), m.end()) for m in PLENUM.finditer(body)]
    for match in P.formulation_re().finditer(body):
        label, end = match.group(), match.end()
        for suffix in ("国家战略", "战略", "工程", "行动"):
            if body.startswith(suffix, end) and not label.endswith(suffix):
                label, end = label + suffix, end + len(suffix)
        out.append(PolicyHit(canonical(label), match.start(), end))
    return out


def numbered_formulations(body: str) -> list[PolicyHit]:
    """Formulations that count duties (三个务必, 五个必须, 两个确保): numeral + 个 + a verb, adverb or
    adjective; counted things (三个方面, 两个项目) are no formulation."""
    out = []
    for match in NUMBERED.finditer(body):
        word = match["word"]
        tag = word_tag(word) or word_tag(word[0])
        if tag.startswith(NUMBERED_TAGS) and (match.start() == 0 or body[match.start() - 1] not in NUMERAL):
            out.append(PolicyHit(match.group(), match.start(), match.end()))
    return out




def _trim_opening(phrase: str, start: int) -> tuple[str, int]:
    """Drop the verbs, adverbs and joiners that open a phrase (确保|习近平总书记…, 专题学习|中央…)."""
    verbs = [w for w in longest_first("spirit_verbs.txt") if len(w) >= 2]
    last = max((phrase.rfind(w) + len(w) for w in verbs if w in phrase[:-4]), default=0)
    phrase, start = phrase[last:], start + last  # 会议传达学习了|省…党代会精神
    changed = True
    while changed:
        changed = False
        for word in longest_first("spirit_verbs.txt"):
            if phrase.startswith(word) and len(phrase) > len(word) + 2:
                phrase, start, changed = phrase[len(word):], start + len(word), True
                break
    return phrase, start


def spirits(body: str) -> list[PolicyHit]:
    """The spirit of speeches, instructions and meetings being studied (…重要讲话精神, 省第十五次党代会精神,
    中央经济工作会议精神): the phrase before 精神 back to punctuation, a policy verb or a joiner
    after another spirit, when it ends in what has a spirit (讲话, 指示, 会议, 全会 …)."""
    out = []
    for match in SPIRIT.finditer(body):
        phrase, start = match["phrase"], match.start("phrase")
        verbs = list(P.policy_verb_re().finditer(phrase))
        if verbs:
            phrase, start = phrase[verbs[-1].end():], start + verbs[-1].end()
        joints = [phrase.rfind(h + j) + len(h + j) for h in ("精神", *SPIRIT_HEADS) for j in SPIRIT_JOINERS
                  if h + j in phrase and not phrase[phrase.rfind(h + j) + len(h + j):].startswith("重要")]
        cut_at = max(joints, default=0)
        phrase, start = phrase[cut_at:], start + cut_at
        phrase, start = _trim_opening(phrase, start)
        bare = phrase.removesuffix("的")
        if len(bare) > SPIRIT_MAX or any(bare == h or bare.endswith("结合" + h) for h in SPIRIT_HEADS):
            continue  # 大会精神, 结合会议精神: which meeting is not said
        if len(phrase) >= 2 and any(phrase.endswith(h) or phrase.endswith(h + "的") for h in SPIRIT_HEADS):
            out.append(PolicyHit(canonical(phrase.removesuffix("的") + "精神"), start, match.end()))
    return out


def _merge_variants(hits: list[PolicyHit]) -> list[PolicyHit]:
    """One label for variants of one policy: 长三角一体化发展 and 长三角一体化发展国家战略 are both
    known by the longer one (the shorter is kept as a variant, an altLabel, by the caller)."""
    labels = {h.canonical for h in hits}
    longer = {}
    for label in labels:
        for tail in VARIANT_TAILS:
            if label + tail in labels:
                longer[label] = label + tail
                break
    return [PolicyHit(longer.get(h.canonical, h.canonical), h.start, h.end) for h in hits]


def find_policies(body: str) -> list[PolicyHit]:
    """Every policy mention of the body; lexicon formulations inside a longer policy are dropped."""
    ruled = quoted_policies(body) + named_policies(body) + titled_documents(body)
    found = [h for h in formulations(body) if not any(r.start <= h.start and h.end <= r.end and r.canonical != h.canonical for r in ruled)]
    found += [h for h in spirits(body) + numbered_formulations(body)
              if not any(r.start <= h.start and h.end <= r.end for r in ruled + found)]
    spans = _merge_variants(ruled + found)
    return sorted(spans, key=lambda h: (h.start, -h.end))
