"""Policies named without quotes: documents in 《》, rules after a verb of adopting them, plans right
after a policy verb (开展…三年行动), the formulations of the lexicon and of the genre (关于…的重要论述,
党的二十大精神), and counted formulations (三个务必, 八项规定)."""

from __future__ import annotations

import re
from functools import cache

from kg.chars import CJK
from kg.extract import patterns as P
from kg.extract.policy_phrases import BY_REFERENCE, longest_head
from kg.extract.policy_quotes import LIST_END, NUMERAL, PolicyHit, canonical
from kg.extract.policy_sectors import sector_qualifier
from kg.extract.segmenter import cut, word_tag
from kg.lexicon import longest_first, strip_leading, word_set

QUOTE_MARKS = frozenset("“”‘’")
DISCOURSE_SPEAKERS = ("习近平总书记", "习近平同志")  # the leader whose discourse the genre studies by name
DISCOURSE = re.compile(r"关于(?P<topic>[^，。；：\n]{2,20}?)的重要(?P<head>论述|思想|指示精神|指示)")
QUOTE_ONLY_VERBS = ("把", "重视", "围绕")  # 把“…”办好, 重视“…”, 围绕“…” mark a quoted policy; unquoted they open any object
TITLED = re.compile(r"《([^《》\n]{2,40})》")  # 《中国共产党纪律处分条例》
TITLE_NOTE = re.compile(r"[（(][^（）()]{1,16}[)）]$")  # 《…规划（2024—2030年）》, 《…办法（试行）》: a note, not the name
# (the lookahead: a match is tried only where its first character is, not at every position of the body)
PLENUM = re.compile(r"(?=[党一二三四五六七八九十])(?:党的)?(?:[一二三四五六七八九十]+届[一二三四五六七八九十]+中全会|[一二三四五六七八九十]+大)"
                    r"(?:、(?:[一二三四五六七八九十]+届[一二三四五六七八九十]+中全会|[一二三四五六七八九十]+大))*精神")  # 党的十七大、十八大精神
NOT_A_NAME_AFTER = ("性", "型", "式")  # 实施战略性…项目: an adjective, not a strategy
ACTION_AFTER = re.compile(rf"[{CJK}]{{0,4}}?(?:提升行动|攻坚行动|专项行动|三年行动|行动计划|行动|工程)")  # …改革深化提升行动
PROJECT = "项目"
COORDINATED = ("和", "与", "及")  # …体系和…能力现代化: a weak ending coordinated with what follows
LEVEL_WORDS = ("国家级", "省级", "市级", "县级", "区级")  # 国家级示范区: a rank, not a name


GOVERNED = "领导下的"  # 党委领导下的校长负责制: 的 inside the name of a system of leadership
NUMBERED = re.compile(rf"[{NUMERAL[1:]}]个(?P<word>[{CJK}]{{2}})")  # 一个 is mostly "a"  # 三个务必, 五个必须, 两个确保
NUMBERED_RULES = re.compile(rf"[{NUMERAL[1:-1]}]+[项条](?:规定|禁令)")  # 八项规定: counted rules (not 两条规定…: 两 counts things)
NUMBERED_TAGS = ("v", "d", "a", "ad", "vn")  # what a formulation counts: duties, not things (三个方面)
RULE_JOINERS = ("和", "及", "与", "、")
LIST_JOINERS = ("、", "以及", "和", "及")  # 实施甲工程、乙工程和丙行动: one verb, a list of plans
MIN_RULE = 6  # shorter bare names before a rule's head are common nouns (工作规则)
OPINION_HEADS = ("意见", "决定")
MEETING_PROCEDURES = ("选举办法", "表决办法", "计票办法")  # a meeting's own procedure


def _level_word(text: str) -> str:
    return next((w for w in LEVEL_WORDS if text.startswith(w)), "")


def _verb_and_qualifier(text: str) -> int:
    """The length of a verb and a qualifier opening `text` (拓展|各项|改革), or 0."""
    lead = cut(text)[0]
    qualifier = next((q for q in longest_first("policy_drop_prefixes.txt") if text.startswith(q, len(lead))), "")
    return len(lead) + len(qualifier) if qualifier and word_tag(lead).startswith("v") else 0


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
        name, dropped = strip_qualifiers(match["name"][opened:])
        dropped += opened
        if not name.startswith("关于"):  # 党章和|…准则: the last of a list (关于甲和乙的意见 is one)
            listed = max(name.rfind(j) + len(j) for j in RULE_JOINERS)
            name, dropped = name[listed:], dropped + listed
        needs_topic = name.endswith(OPINION_HEADS) or "的" in name  # 关于…的意见; not 相结合的办法
        if name.endswith(MEETING_PROCEDURES):
            continue  # 审议通过大会选举办法: how the meeting itself votes, not a rule it deploys
        if len(name) >= MIN_RULE and not body.startswith("精神", match.end()) and (not needs_topic or name.startswith("关于")):
            out.append(PolicyHit(canonical(name), match.start("name") + dropped, match.end()))
    return out


def strip_qualifiers(text: str) -> tuple[str, int]:
    return strip_leading(text, "policy_drop_prefixes.txt")


def named_policies(body: str) -> list[PolicyHit]:
    """Unquoted plans right after a policy verb: 开展…三年行动, 落实…20条举措; and the plans a list under the
    same verb goes on with (实施甲工程、乙工程和丙行动)."""
    weak = tuple(longest_first("policy_weak_suffixes.txt"))
    out: list[PolicyHit] = []
    reached = 0
    for verb in P.policy_verb_re().finditer(body):
        if verb.group() in QUOTE_ONLY_VERBS or verb.start() < reached:
            continue  # 实施营商环境建设…: 建设 inside a phrase already taken is no new verb
        if body.startswith(RULE_JOINERS, verb.end()):
            continue  # 保障性安居工程建设|和…项目: the "verb" closed a noun phrase, a list goes on
        pos, listed = verb.end(), False
        while (found := _named_at(body, pos, weak)) is not None:
            hit, is_weak = found
            if hit is None or (listed and not _list_item(body, pos, hit, is_weak)):
                break
            out.append(hit)
            reached = hit.end
            joiner = next((j for j in LIST_JOINERS if body.startswith(j, hit.end)), "")
            if not joiner:
                break
            pos, listed = hit.end + len(joiner), True
    return out


def _list_item(body: str, pos: int, hit: PolicyHit, is_weak: bool) -> bool:
    """Whether a plan named after a list's joiner is an item of the list: a strong ending (…、乙体系 is a common
    noun as often as a name), no joiner inside (甲和乙行动: two), and the list or the clause goes on after it
    (…、美丽某城提供了行动|纲领: no item)."""
    return not is_weak and not any(j in body[pos:hit.end] for j in LIST_JOINERS) and (
        body[hit.end:hit.end + 1] in P.PUNCT or body.startswith((*LIST_JOINERS, LIST_END), hit.end))


def _named_at(body: str, pos: int, weak: tuple[str, ...]) -> tuple[PolicyHit | None, bool] | None:
    """The plan named from `pos` on and whether its ending is weak; (None, _) when the words there are no
    name; None when no policy word ends them."""
    match = P.policy_suffix_re().match(body, pos)
    if not match:
        return None
    phrase, end = longest_head(body, match.group(), match.end())
    if action := ACTION_AFTER.match(body, end):  # 国企改革|深化提升行动: the action is the name
        phrase, end = phrase + action.group(), action.end()
    if body.startswith(NOT_A_NAME_AFTER, end) or LIST_END in phrase:
        return None, False
    text, dropped = strip_qualifiers(phrase)
    if any(w in text for w in BY_REFERENCE):
        return None, False  # 推进上级国资改革: which reform is said only by pointing at it
    if skip := _verb_and_qualifier(text):  # 深化|拓展各项|改革: a second verb and a qualifier open no name
        text, dropped = text[skip:], dropped + skip
    if "关于" in text:  # 某会议关于加快…: the policy is the topic
        cut_at = text.rindex("关于") + 2
        text, dropped = text[cut_at:], dropped + cut_at
    if body.startswith("部署", end) and text.endswith("战略"):
        text = text.removesuffix("战略")  # 加快县域振兴战略部署: the strategy deployed is 加快县域振兴
    is_weak = text.endswith(weak) and not text.endswith(("三年行动", "工程"))
    if is_weak and body.startswith(COORDINATED, end):
        return None, True  # 推进基层治理体系和治理能力现代化: the head of the phrase comes after the joiner
    if "的" in text.replace(GOVERNED, ""):  # 践行新发展理念的公园城市示范区: the name follows the last 的
        if is_weak:
            return None, True
        cut_at = text.rindex("的") + 1 if GOVERNED not in text else 0
        text, dropped = text[cut_at:], dropped + cut_at
    stem = len(text) - max((len(w) for w in weak if text.endswith(w)), default=0)
    if text.endswith(PROJECT) and text[:-len(PROJECT)].endswith(tuple(longest_first("policy_site_words.txt"))):
        return None, is_weak  # 污水处理厂提标改造项目: works being built, not a programme
    bare = strip_leading(text.removeprefix(_level_word(text)), "policy_drop_prefixes.txt", keep=0)[0]  # 各项|改革
    if len(text) < 4 or (is_weak and stem < 4) or bare in word_set("policy_suffixes.txt"):  # 开展…的专项行动, 打造国家级示范区
        return None, is_weak
    return PolicyHit(canonical(text), match.start() + dropped, end), is_weak


def word_starts(body: str, start: int, end: int) -> bool:
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
    out = [_discourse(body, m) for m in DISCOURSE.finditer(body)]
    out += [PolicyHit(m.group(), m.start(), m.end()) for m in PLENUM.finditer(body)]
    plain, at = _unquoted(body)
    for match in P.formulation_re().finditer(plain):
        start, end = at[match.start()], at[match.end() - 1] + 1
        if not word_starts(body, start, end):
            continue  # 创新发展理念: 创新 is the verb, not 新发展理念
        start -= body[start - 1:start] in QUOTE_MARKS  # the span holds its quote marks: a quoted rule inside is a piece
        end += body[end:end + 1] in QUOTE_MARKS
        label = match.group()
        sector = sector_qualifier(body, start, label)  # 推动民营经济|高质量发展: the sector's policy
        label, start = sector + label, start - len(sector)
        for suffix in ("国家战略", "战略", "工程", "行动", "专项斗争", "斗争"):
            if body.startswith(suffix, end) and not label.endswith(suffix):
                label, end = label + suffix, end + len(suffix)
        out.append(PolicyHit(canonical(label), start, end))
    return out


def _discourse(body: str, m: re.Match[str]) -> PolicyHit:
    """关于…的重要论述 under the name the genre gives it: with its speaker when one stands before it
    (习近平总书记关于国企改革的重要论述), unless its topic is a formulation of its own (关于新质生产力的重要论述,
    关于建设海洋强国的…), which the discourse is then known by without the speaker."""
    label = canonical(f"关于{m['topic']}的重要{m['head']}")
    speaker = next((s for s in DISCOURSE_SPEAKERS if body.endswith(s, 0, m.start())), "")
    topic = canonical(m["topic"])
    lead = cut(topic)[0]  # 关于发展|新质生产力: the verb before the formulation
    if not speaker or {topic, topic.removeprefix(lead)} & word_set("national_formulations.txt"):
        return PolicyHit(label, m.start(), m.end())
    return PolicyHit(speaker + label, m.start() - len(speaker), m.end())


def _unquoted(body: str) -> tuple[str, list[int]]:
    """The body without quote marks, and where each of its characters stands in the body: formulations are
    quoted in part as often as not (“五位一体”总体布局, “两学一做”学习教育) and are the same name."""
    kept = [i for i, ch in enumerate(body) if ch not in QUOTE_MARKS]
    return "".join(body[i] for i in kept), kept


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
