"""Policies named without quotes or a policy verb right before them (kg.extract.policies holds the rest):

- campaigns, by their head noun wherever they stand (…学习教育, …专项整治, …攻坚战), their name running
  back to the clause's last verb, preposition or joiner;
- named meetings studied or carried out without 精神 (学习贯彻省委…全会, 把握…工作会议的重大部署);
- the idea 以…为统领/指导 puts at the head of the work;
- strategies, reforms and zones by their head noun wherever they stand (长三角一体化发展国家战略的实施), named as
  campaigns are;
- the work a mobilisation meeting launches (…交叉巡察工作动员会议: 交叉巡察), a campaign being started;
- parallel slogans a policy verb deploys, items of three characters led by one character
  (统筹推进稳A、稳B、稳C): one formulation.
"""

from __future__ import annotations

import re
from functools import cache

from kg.chars import CJK
from kg.extract import patterns as P
from kg.extract.segmenter import cut, word_tag
from kg.lexicon import longest_first, word_set, words

MIN_IDEA = 5  # 以人民为…, 以项目为…: shorter ideas are no formulation
BATCH = re.compile(r"第[一二三四五六七八九十]+批|首批")
CAMPAIGN_REACH = 12  # characters before a campaign head searched for its name
NUMERAL = "一二三四五六七八九十"
MEETING = re.compile(
    rf"(?:党的)?[{NUMERAL}]+届[{NUMERAL}]+中全会"  # 党的二十届三中全会
    rf"|[省市县区]委[{NUMERAL}]+届[{NUMERAL}]+次(?:全体会议|全会)"  # 省委七届三次全会
    rf"|(?:中央|全国|全省|全市|全县|全区)[{CJK}]{{2,8}}?工作会议"  # 中央农村工作会议
    rf"|(?:党的|[省市县区])?第[{NUMERAL}]+次(?:党代会|党员代表大会)"  # 省第十五次党代会
    r"|全国两会")
MEETING_WORDS = ("全会", "工作会议", "代会", "代表大会", "两会")  # without one, MEETING cannot match
MEETING_NOT_STUDIED = ("精神", "上", "期间", "召开", "以来")  # …精神 is a spirit; 在…上, 召开: the meeting as a setting
HEAD_TURNED_BY = ("合作", "性", "部署", "意义", "高度", "地位", "眼光", "布局", "机遇", "定力", "支点", "目标", "任务",
                  "思维", "重点", "方向", "伙伴", "投资", "新兴", "开放", "发展", "创新", "举措", "成果", "红利", "措施", "任务",
                  "攻坚", "协议", "框架", "规划", "研究", "咨询", "联盟", "科学")  # 战略|合作, 改革|开放: another word
MOBILISATION = re.compile(r"工作(?:动员部署|动员)(?:会议|大会|会)")  # …巡察工作动员部署会议: the work is being launched
VERBAL_HEADS = ("创建",)  # heads that are verbs too: a noun only before 工作/活动 (创建全国文明城市 is the verb)
VERBAL_HEAD_NOUNS = ("工作", "活动")
BY_REFERENCE = ("相关", "有关", "上级", "上述", "这项", "这一")  # words that point at a thing instead of naming it
COPULA = "是"  # 该区是…示范区: what a place is, background, not what the event deployed
MIN_HEADED = 4  # 机构改革, 发展战略: shorter names before a head are common nouns
CLAUSE_END = re.compile(r"[，。；：！？\n]")
PARALLEL = re.compile(rf"(?P<lead>[{CJK}])[{CJK}]{{2}}(?:、(?P=lead)[{CJK}]{{2}}){{2,}}")  # 稳A、稳B、稳C
OPENING_TAGS = ("d", "ad", "p", "c", "r", "u")  # adverbs, prepositions, pronouns, particles: no name starts so
CLAUSE_TAGS = ("u", "r", "p", "c")  # particles, pronouns, prepositions inside: a clause (介绍了…), not a name


@cache
def guide_re() -> re.Pattern[str]:
    guides = "|".join(longest_first("policy_guide_words.txt"))
    return re.compile(rf"以(?P<idea>[{CJK}]{{{MIN_IDEA},16}}?)为(?:{guides})")


@cache
def campaign_head_re() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in longest_first("policy_campaign_heads.txt")))


@cache
def _clause_openers() -> tuple[str, ...]:
    """What ends the words before a campaign's name: policy and study verbs, prepositions, joiners."""
    both = set(words("policy_verbs.txt")) | set(words("study_verbs.txt")) | set(words("policy_opening_words.txt"))
    return tuple(sorted(both, key=len, reverse=True))


def _name_before(body: str, end: int) -> tuple[str, int]:
    """The name that ends at `end`: back to punctuation or the last verb, preposition or joiner, minus
    a 的 (but 党的 stays: 党的…教育实践活动) and leading one-character verbs and function words (要打好|…)."""
    start = end
    while start > 0 and end - start < CAMPAIGN_REACH and body[start - 1] not in P.PUNCT:
        start -= 1
    reached = start if start > 0 and body[start - 1] not in P.PUNCT else -1  # the reach ran out mid-clause
    stretch = body[start:end]
    cut_at = max((stretch.rfind(w) + len(w) for w in _clause_openers() if w in stretch), default=0)
    de = stretch.rfind("的")
    if de >= cut_at and not stretch[:de].endswith("党"):
        cut_at = de + 1
    stretch, start = stretch[cut_at:], start + cut_at
    tokens = cut(stretch)
    for i in range(len(tokens) - 2, -1, -1):  # 全力打好|…: a verb with its complement ends the clause words
        if len(tokens[i]) == len(tokens[i + 1]) == 1 and word_tag(tokens[i]) == "v" and word_tag(tokens[i + 1]) in ("a", "v"):
            skip = len("".join(tokens[:i + 2]))
            stretch, start, tokens = stretch[skip:], start + skip, tokens[i + 2:]
            break
    for word, following in zip(tokens, tokens[1:], strict=False):
        tag = word_tag(word)
        opening = tag.startswith(OPENING_TAGS) or (len(word) == 1 and tag.startswith(("v", "a")))
        if not opening and not (tag in ("v", "l", "i") and word_tag(following).startswith(("n", "m"))):  # 听取|经济…
            break
        stretch, start = stretch[len(word):], start + len(word)
    if word_tag(stretch) == "v":  # 巩固拓展|主题教育成果: a verb alone names nothing
        return "", end
    if start == reached and not _word_starts(body, start, end):  # 学习贯彻习近平新|时代…主题教育: a piece of a word
        return "", end
    return stretch, start


def _word_starts(body: str, start: int, end: int) -> bool:
    """Whether a word starts at `start` when the words before it are read with it."""
    window = max(start - CAMPAIGN_REACH, 0)
    offset = window
    for token in cut(body[window:end]):
        if offset >= start:
            return offset == start
        offset += len(token)
    return False


def _is_name(text: str) -> bool:
    """No particle, pronoun or preposition inside, but for 党的 (党的…教育实践活动)."""
    return not any(word_tag(w).startswith(CLAUSE_TAGS) for w in cut(text.replace("党的", "党")))


def longest_head(body: str, phrase: str, end: int) -> tuple[str, int]:
    """The phrase with the policy words right after it: 林权制度|改革 is one reform, not a 制度."""
    while word := P.policy_word_re().match(body, end):
        phrase, end = phrase + word.group(), word.end()
    return phrase, end


def campaigns(body: str) -> list[tuple[str, int, int]]:
    """Campaigns by their head (党纪学习教育, 燃气安全专项整治): (label, start, end) of each named one."""
    out = []
    for head in campaign_head_re().finditer(body):
        name, start = _name_before(body, head.start())
        if batch := BATCH.match(name):  # 第二批|主题教育: the batch a unit takes part in, not the campaign's name
            name, start = name[batch.end():], start + batch.end()
        if len(P.HAN.findall(name)) >= 2 and _is_name(name):
            label, end = longest_head(body, name + head.group(), head.end())  # …专项整治|三年行动
            out.append((label, start, end))
    return out


@cache
def name_head_re() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in longest_first("policy_name_heads.txt")))


def headed_names(body: str) -> list[tuple[str, int, int]]:
    """Strategies, reforms and zones by their head noun (教育综合改革取得…, 某某科创走廊):
    the name before the head as for campaigns, unless what follows makes the head another word."""
    out = []
    for head in name_head_re().finditer(body):
        if body.startswith(HEAD_TURNED_BY, head.end()) or (
                head.group() in VERBAL_HEADS and not body.startswith(VERBAL_HEAD_NOUNS, head.end())):
            continue
        name, start = _name_before(body, head.start())
        if any(w in name for w in BY_REFERENCE):
            continue  # 上级国资改革, 区国资相关改革: which reform is said only by pointing at it
        if len(P.HAN.findall(name)) >= MIN_HEADED and _is_name(name) and not body.endswith(COPULA, 0, start):
            out.append((name + head.group(), start, head.end()))
    return out


def mobilised_work(body: str) -> list[tuple[str, int, int]]:
    """The work a mobilisation meeting launches (召开…巡察工作动员部署会议): the name before 工作."""
    if "动员" not in body:
        return []
    out = []
    for meeting in MOBILISATION.finditer(body):
        name, start = _name_before(body, meeting.start())
        if len(P.HAN.findall(name)) >= 2 and _is_name(name):
            out.append((name, start, meeting.start()))
    return out


def _studied(body: str, start: int) -> bool:
    clause_start = max((m.end() for m in CLAUSE_END.finditer(body, max(start - 40, 0), start)), default=max(start - 40, 0))
    clause = body[clause_start:start]
    return any(verb in clause for verb in word_set("study_verbs.txt"))


def studied_meetings(body: str) -> list[tuple[str, int, int]]:
    """Named meetings whose decisions the clause studies or carries out, written without 精神."""
    if not any(word in body for word in MEETING_WORDS):
        return []  # the regex would be tried at every position for nothing
    return [(m.group(), m.start(), m.end()) for m in MEETING.finditer(body)
            if not body.startswith(MEETING_NOT_STUDIED, m.end()) and _studied(body, m.start())]


def parallel_slogans(body: str) -> list[tuple[str, int, int]]:
    """Parallel items a policy verb deploys (统筹推进稳A、稳B、稳C、稳D): one formulation."""
    out: list[tuple[str, int, int]] = []
    for comma in re.finditer("、", body):  # an item's lead again after 、: only there can a run start
        at = comma.start() - 3
        if at < 0 or body[at] != body[comma.end():comma.end() + 1] or (out and at < out[-1][2]):
            continue
        match = PARALLEL.match(body, at)
        if not match:
            continue
        before = body[max(match.start() - 6, 0):match.start()]
        if before.endswith(longest_first("policy_verbs.txt")):
            out.append((match.group(), match.start(), match.end()))
    return out


def guiding_ideas(body: str) -> list[tuple[str, int, int]]:
    """The idea the work is guided by: 坚持以…为统领 (its … is the formulation)."""
    return [(m["idea"], m.start("idea"), m.end("idea")) for m in guide_re().finditer(body) if _is_name(m["idea"].replace("的", ""))]
