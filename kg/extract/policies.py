"""Policies the event emphasised: quoted initiatives, named plans and the
standing formulations of the genre, each under one canonical label.

- A quoted phrase is a policy when a policy suffix follows it (“强基”工程), a
  cue word follows it (树牢“…”意识), a policy verb comes shortly before it
  (扎实开展“…”), it continues a list of quoted policies (“甲”“乙”等) or opens
  one (“甲乙丙丁”“戊己庚辛”), or it counts duties (“三力”, “两个清单”).
  The canonical label strips the quotes and keeps the suffix; a quote of bare
  digits keeps the words it qualifies (某某“1+8”行动).
- An unquoted phrase right after a policy verb and ending in a policy suffix
  (开展…三年行动, 落实…20条举措, 深化…制度改革) is a policy, minus issuers and
  qualifiers; not when an adjective (战略性) or a list (…等重要举措) follows.
- Documents named in 《》 whose title ends like a rule or plan (条例, 意见, 方案 …).
- 关于…的重要论述/重要思想 formulations.
- The national formulations of the lexicon (新质生产力, 两个确立 …), where a word
  starts (not 创新发展理念), unless inside a longer policy already found.
- Spirits being studied (kg.extract.spirits); campaigns, studied meetings and
  parallel slogans (kg.extract.policy_phrases); counted formulations (三个务必, 八项规定).
- Honours won (荣获…称号) are background and dropped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from kg.chars import CJK
from kg.extract import patterns as P
from kg.extract.policy_phrases import (
    campaigns,
    guiding_ideas,
    longest_head,
    parallel_slogans,
    studied_meetings,
)
from kg.extract.segmenter import cut, word_tag
from kg.extract.spirits import spirits, studied_speeches
from kg.lexicon import longest_first, strip_leading, word_set

LABEL_NOISE = re.compile(r"[\s“”‘’\"'《》「」『』]")
VERB_GAP = 6  # characters allowed between a policy verb and the quote (实现更高水平“…”)
SUFFIX_REACH = 6  # characters of a longer name allowed between a quote and its suffix (“…”科技创新体系)
MIN_QUOTED = 3  # shorter quotes (“高线”) are figures of speech unless a suffix names them
DISCOURSE = re.compile(r"关于(?P<topic>[^，。；：\n]{2,20}?)的重要(?P<head>论述|思想|指示精神|指示)")
QUOTE_ONLY_VERBS = ("把", "重视")  # 把“…”办好, 重视“…” mark a quoted policy; unquoted they open any object
TITLED = re.compile(r"《([^《》\n]{2,40})》")  # 《中国共产党纪律处分条例》
TITLE_NOTE = re.compile(r"[（(][^（）()]{1,16}[)）]$")  # 《…规划（2024—2030年）》, 《…办法（试行）》: a note, not the name
# (the lookahead: a match is tried only where its first character is, not at every position of the body)
PLENUM = re.compile(r"(?=[党一二三四五六七八九十])(?:党的)?(?:[一二三四五六七八九十]+届[一二三四五六七八九十]+中全会|[一二三四五六七八九十]+大)"
                    r"(?:、(?:[一二三四五六七八九十]+届[一二三四五六七八九十]+中全会|[一二三四五六七八九十]+大))*精神")  # 党的十七大、十八大精神
PLAIN = re.compile(rf"[{CJK}0-9+]")
ADJECTIVAL = ("式", "型")  # “标杆型”“领先型”党组织: adjectives, not policies
NOT_A_NAME_AFTER = ("性", "型", "式")  # 实施战略性…项目: an adjective, not a strategy
ACTION_AFTER = re.compile(rf"[{CJK}]{{0,4}}?(?:提升行动|攻坚行动|专项行动|三年行动|行动计划|行动|工程)")  # …改革深化提升行动
PROJECT = "项目"
PARTY, SPIRIT_WORD = "党的", "精神"  # 党的…全会精神: the meeting's own name lies between
COORDINATED = ("和", "与", "及")  # …体系和…能力现代化: a weak ending coordinated with what follows
LEVEL_WORDS = ("国家级", "省级", "市级", "县级", "区级")  # 国家级示范区: a rank, not a name


def _level_word(text: str) -> str:
    return next((w for w in LEVEL_WORDS if text.startswith(w)), "")

LIST_END = "等"  # …建设等重要举措: the list ended before the policy word
GOVERNED = "领导下的"  # 党委领导下的校长负责制: 的 inside the name of a system of leadership
NUMERAL = "一二三四五六七八九十两"
NUMBERED = re.compile(rf"[{NUMERAL[1:]}]个(?P<word>[{CJK}]{{2}})")  # 一个 is mostly "a"  # 三个务必, 五个必须, 两个确保
NUMBERED_RULES = re.compile(rf"[{NUMERAL[1:-1]}]+[项条](?:规定|禁令)")  # 八项规定: counted rules (not 两条规定…: 两 counts things)
NUMBERED_QUOTE = re.compile(rf"[{NUMERAL[1:]}双]个?[{CJK}]{{1,4}}")  # “三力”“两个清单”“双减”: a counted formulation (not “一把手”)
PARALLEL_QUOTE = re.compile(rf"[{CJK}]{{3,8}}(?:[、，][{CJK}]{{3,8}})+")  # “比贡献、争一流”: parts of one length
NUMBERED_TAGS = ("v", "d", "a", "ad", "vn")  # what a formulation counts: duties, not things (三个方面)
HONOUR_REACH = 12  # characters before a name searched for a verb of winning it
HONOUR_CEREMONY = ("颁", "奖", "表彰", "授", "命名")  # “…”颁奖仪式, 表彰仪式: the quote is an honour
AGENDA_ENDINGS = ("请示", "报告")  # 审议《关于审定…方案的请示》: a plan put up for approval is the agenda
RULE_JOINERS = ("和", "及", "与", "、")
MIN_RULE = 6  # shorter bare names before a rule's head are common nouns (工作规则)
OPINION_HEADS = ("意见", "决定")
VARIANT_HEAD = 6  # characters of issuer or verb (某市推进…) a longer label of the same policy may open with
VARIANT_TAILS = ("国家战略", "战略", "工程", "行动", "建设", "精神")  # 长三角一体化发展(国家战略), 某全会(精神): one policy


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


def _suffix_at(body: str, pos: int) -> str | None:
    """A policy suffix starting at `pos`, or a short name part plus suffix (科技创新体系)."""
    word = P.policy_word_re().match(body, pos)
    if word and word.group() not in word_set("policy_cues.txt"):  # “日研判、周调度”|机制: a cue is no part of the name
        return word.group()
    match = P.policy_suffix_re().match(body, pos)
    if match and len(match.group()) <= SUFFIX_REACH + 4 and "的" not in match.group() and LIST_END not in match.group():
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
        out.append(PolicyHit(canonical(label), start, end))
        previous_end = match.end()
    return out


def titled_documents(body: str) -> list[PolicyHit]:
    """Rules, plans and opinions named in 《》 (not books or papers: the ending decides)."""
    endings = tuple(longest_first("policy_document_suffixes.txt"))
    named = ((TITLE_NOTE.sub("", m.group(1)), m) for m in TITLED.finditer(body))
    return [PolicyHit(canonical(name), m.start(), m.end()) for name, m in named if name.endswith(endings)]


@cache
def _bare_rule_re() -> re.Pattern[str]:
    verbs = "|".join(longest_first("policy_document_verbs.txt"))
    heads = "|".join(longest_first("policy_rule_heads.txt"))
    return re.compile(rf"(?:{verbs})了?(?P<name>[{CJK}0-9]{{4,28}}?(?:{heads}))")


def bare_rules(body: str) -> list[PolicyHit]:
    """Rules named without 《》 after a verb of adopting or studying them (审议通过…议事规则); opinions
    and decisions only as 关于…的意见 (修改意见 is no document)."""
    out = []
    for match in _bare_rule_re().finditer(body):
        topic = match["name"].find("关于")  # 关于加强…的意见: the topic's verb stays
        verbs = [v for v in P.policy_verb_re().finditer(match["name"]) if topic < 0 or v.start() < topic]  # 学习|贯彻|…条例
        opened = verbs[-1].end() if verbs else 0
        name, dropped = _strip_qualifiers(match["name"][opened:])
        dropped += opened
        if not name.startswith("关于"):  # 党章和|…准则: the last of a list (关于甲和乙的意见 is one)
            listed = max(name.rfind(j) + len(j) for j in RULE_JOINERS)
            name, dropped = name[listed:], dropped + listed
        needs_topic = name.endswith(OPINION_HEADS) or "的" in name  # 关于…的意见; not 相结合的办法
        if len(name) >= MIN_RULE and not body.startswith("精神", match.end()) and (not needs_topic or name.startswith("关于")):
            out.append(PolicyHit(canonical(name), match.start("name") + dropped, match.end()))
    return out


def _strip_qualifiers(text: str) -> tuple[str, int]:
    return strip_leading(text, "policy_drop_prefixes.txt")


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
        phrase, end = longest_head(body, match.group(), match.end())
        if action := ACTION_AFTER.match(body, end):  # 国企改革|深化提升行动: the action is the name
            phrase, end = phrase + action.group(), action.end()
        if body.startswith(NOT_A_NAME_AFTER, end) or LIST_END in phrase:
            continue
        text, dropped = _strip_qualifiers(phrase)
        if "关于" in text:  # 某会议关于加快…: the policy is the topic
            cut_at = text.rindex("关于") + 2
            text, dropped = text[cut_at:], dropped + cut_at
        if body.startswith("部署", end) and text.endswith("战略"):
            text = text.removesuffix("战略")  # 加快县域振兴战略部署: the strategy deployed is 加快县域振兴
        is_weak = text.endswith(weak) and not text.endswith(("三年行动", "工程"))
        if is_weak and body.startswith(COORDINATED, end):
            continue  # 推进基层治理体系和治理能力现代化: the head of the phrase comes after the joiner
        if "的" in text.replace(GOVERNED, ""):  # 践行新发展理念的公园城市示范区: the name follows the last 的
            if is_weak:
                continue
            cut_at = text.rindex("的") + 1 if GOVERNED not in text else 0
            text, dropped = text[cut_at:], dropped + cut_at
        stem = len(text) - max((len(w) for w in weak if text.endswith(w)), default=0)
        if text.endswith(PROJECT) and text[:-len(PROJECT)].endswith(tuple(longest_first("policy_site_words.txt"))):
            continue  # 污水处理厂提标改造项目: works being built, not a programme
        if len(text) < 4 or (is_weak and stem < 4) or text.removeprefix(_level_word(text)) in word_set("policy_suffixes.txt"):  # 开展…的专项行动, 打造国家级示范区
            continue
        out.append(PolicyHit(canonical(text), match.start() + dropped, end))
        reached = end
    return out


def _word_starts(body: str, start: int, end: int) -> bool:
    """Whether a word starts at `start` when the few characters before it are cut into words with it."""
    if not word_tag(body[max(start - 1, 0):start + 1]):
        return True  # no word spans the border: the cut is not needed
    window = body[max(start - 3, 0):end]
    boundaries, at = {0}, 0
    for word in cut(window):
        at += len(word)
        boundaries.add(at)
    return len(window) - (end - start) in boundaries


def formulations(body: str) -> list[PolicyHit]:
    out = [PolicyHit(canonical(f"关于{m['topic']}的重要{m['head']}"), m.start(), m.end()) for m in DISCOURSE.finditer(body)]
    out += [PolicyHit(m.group(), m.start(), m.end()) for m in PLENUM.finditer(body)]
    for match in P.formulation_re().finditer(body):
        if not _word_starts(body, match.start(), match.end()):
            continue  # 创新发展理念: 创新 is the verb, not 新发展理念
        label, end = match.group(), match.end()
        for suffix in ("国家战略", "战略", "工程", "行动", "专项斗争", "斗争"):
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
        counted_thing = word_tag(body[match.end():match.end() + 2]).startswith("n")  # 四个工作小组: units, not duties
        if tag.startswith(NUMBERED_TAGS) and not counted_thing and (match.start() == 0 or body[match.start() - 1] not in NUMERAL):
            out.append(PolicyHit(match.group(), match.start(), match.end()))
    return out + [PolicyHit(m.group(), m.start(), m.end()) for m in NUMBERED_RULES.finditer(body)]




def _merge_variants(hits: list[PolicyHit]) -> list[PolicyHit]:
    """One label for variants of one policy: 长三角一体化发展 and 长三角一体化发展国家战略 are both
    known by the longer one (the shorter is kept as a variant, an altLabel, by the caller)."""
    labels = {h.canonical for h in hits}
    longer = {}
    by_core: dict[str, list[str]] = {}
    for label in labels:  # 党的二十届三中全会精神 / 二十届三中全会: a meeting and its spirit, with or without 党的
        by_core.setdefault(label.removeprefix(PARTY).removesuffix(SPIRIT_WORD), []).append(label)
    for group in by_core.values():
        if len(group) > 1:
            full = max(group, key=len)
            longer.update({label: full for label in group if label != full})
    for label in labels - set(longer):
        for tail in VARIANT_TAILS:
            if label + tail in labels:
                longer[label] = label + tail
                break
        else:  # 数字乡村三年行动计划 of 《某市推进数字乡村三年行动计划》: the document's full name
            titled = [t for t in labels if t.endswith(label) and 0 < len(t) - len(label) <= VARIANT_HEAD and len(label) >= 6]
            if titled:
                longer[label] = max(titled, key=len)
    return [PolicyHit(_followed(longer, h.canonical), h.start, h.end) for h in hits]


def _followed(longer: dict[str, str], label: str) -> str:
    """The label a variant ends up under when the longer label is itself a variant of another."""
    seen = {label}
    while label in longer and longer[label] not in seen:
        label = longer[label]
        seen.add(label)
    return label


def _honour(body: str, hit: PolicyHit) -> bool:
    """Whether the name is an honour won (荣获…称号, 被评为…): background, not a policy deployed."""
    cues = longest_first("policy_honour_cues.txt")
    clause = body[max(hit.start - HONOUR_REACH, 0):hit.start]
    clause = clause[max(clause.rfind(p) for p in "，。；！？\n") + 1:]
    return any(c in clause for c in cues) or body.startswith(cues, hit.end)


def find_policies(body: str) -> list[PolicyHit]:
    """Every policy mention of the body; lexicon formulations inside a longer policy are dropped."""
    ruled = quoted_policies(body) + named_policies(body) + titled_documents(body) + bare_rules(body)
    found = [h for h in formulations(body) if not any(r.start <= h.start and h.end <= r.end and r.canonical != h.canonical for r in ruled)]
    studied = [PolicyHit(canonical(label), start, end) for label, start, end in spirits(body) + studied_speeches(body)]
    found += [h for h in studied + numbered_formulations(body)
              if not any(r.start <= h.start and h.end <= r.end for r in ruled + found)]
    phrased = [PolicyHit(canonical(name), start + dropped, end) for label, start, end in campaigns(body)
               for name, dropped in [_strip_qualifiers(label)]]  # 全市|…专项整治 (a meeting's 市委… is its name)
    phrased += [PolicyHit(canonical(label), start, end) for label, start, end
                in parallel_slogans(body) + studied_meetings(body) + guiding_ideas(body)]
    found += [h for h in phrased if not any(r.start <= h.start and h.end <= r.end for r in ruled + found)]
    enclosing = [(m.start(), m.end()) for m in TITLED.finditer(body) if m.group(1).endswith(AGENDA_ENDINGS)]
    enclosing += [(m.start(), m.end()) for m in DISCOURSE.finditer(body)]  # 关于“…”工作的重要论述: its topic
    kept = [h for h in ruled + found if not _honour(body, h)
            and not any(s <= h.start and h.end <= e and (s, e) != (h.start, h.end) for s, e in enclosing)]
    spans = _merge_variants(kept)
    return sorted(spans, key=lambda h: (h.start, -h.end))
