"""The spirit of speeches, instructions and meetings being studied (…重要讲话精神, 省第十五次党代会精神,
中央经济工作会议精神): named by the phrase before 精神, back to punctuation, a study verb or a joiner
after another spirit, when that phrase ends in what has a spirit (讲话, 指示, 会议, 全会 …)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract import patterns as P
from kg.lexicon import longest_first, strip_leading, word_set

SPIRIT_REACH = 40  # characters of a spirit's phrase at most
SPIRIT = re.compile(rf"(?P<phrase>[^，。；：！？\n“”]{{2,{SPIRIT_REACH}}}?)精神")
SPIRIT_MAX = 30  # longer phrases before 精神 are clauses, not one spirit's name
SPIRIT_HEADS = ("讲话", "指示", "批示", "会议", "全会", "党代会", "大会", "两会", "论述", "回信", "贺信", "决定", "重要思想")
SPIRIT_JOINERS = ("和", "及", "以及", "与", "、")
SPIRIT_JOINTS = tuple(h + j for h in ("精神", *SPIRIT_HEADS) for j in SPIRIT_JOINERS)  # 讲话和|…: another spirit follows
TOPIC_MARKERS = ("关于", "对")  # 习近平总书记关于深化…工作重要指示精神: what follows is the topic, verbs included
TOPIC_OPENING = re.compile("关于|(?<=[记志])对")  # 总书记关于…, 总书记对…: a topic opens (not 对标, 对照)
VAGUE = ("有关", "相关")  # 省、市有关会议精神: which meeting is not said
SPEECH = re.compile("上的(?:重要)?讲话")  # …在…大会上的讲话: the end of a speech's name
CLAUSE_STOPS = "，。；：！？\n“”"
CLOSE_QUOTE = "”"
WORKING_BODY = "领导小组"  # 某某工作领导小组会议: the session of a working body
SPEECH_HEADS = ("讲话", "指示", "批示")  # …在某领导小组会议上的讲话: a speech there is studied all the same
SETTING = "在"  # 在…时的讲话, 在…上的讲话: where the speech was given, part of its name


def _trim_opening(phrase: str, start: int) -> tuple[str, int]:
    """Drop the verbs, adverbs and joiners that open a phrase (确保|习近平总书记…, 专题学习|中央…)."""
    verbs = [w for w in longest_first("spirit_verbs.txt") if len(w) >= 2]
    setting = phrase.find("在")  # 在…集体学习时的讲话: the verbs of the setting belong to the name
    head = phrase[:setting] if setting >= 0 else phrase[:-4]
    topic = next((m.start() for m in TOPIC_OPENING.finditer(head)), len(head))
    head = head[:topic]  # 习近平总书记关于|学习教育重要指示: a verb of the topic is the topic's
    last = max((head.rfind(w) + len(w) for w in verbs if w in head), default=0)
    phrase, start = phrase[last:], start + last  # 会议传达学习了|省…党代会精神
    phrase, dropped = strip_leading(phrase, "spirit_verbs.txt")
    return phrase, start + dropped


def _bare_kind(rest: str) -> bool:
    """Whether what follows a joiner is one more kind of the same speaker's words (重要指示, 贺信, 批示),
    not a second spirit with its own issuer (省委全会)."""
    kinds = re.split("[、和及]", rest.removesuffix("的"))  # 重要讲话、|贺信、回信: a list of kinds, one speaker's
    return rest.startswith("重要") or all(k in SPIRIT_HEADS for k in kinds)


def _spirit_matches(body: str) -> Iterator[re.Match[str]]:
    """SPIRIT.finditer(body), but the regex is tried only in the 40 characters before each 精神 (tried
    at every position of the body it backtracks 40 characters each time: the slowest rule)."""
    pos, at = 0, body.find("精神")
    while at >= 0:
        match = SPIRIT.search(body, max(pos, at - SPIRIT_REACH), at + 2)
        if match:
            yield match
            pos = match.end()
        at = body.find("精神", at + 1)


def spirits(body: str) -> list[tuple[str, int, int]]:
    """The spirit of speeches, instructions and meetings being studied (…重要讲话精神, 省第十五次党代会精神,
    中央经济工作会议精神): the phrase before 精神 back to punctuation, a policy verb or a joiner
    after another spirit, when it ends in what has a spirit (讲话, 指示, 会议, 全会 …)."""
    out = []
    for match in _spirit_matches(body):
        phrase, start = match["phrase"], match.start("phrase")
        if phrase.startswith("、") and P.policy_verb_re().match(phrase, 1):
            continue  # …精神、推进…的重要指示精神: a clause of the first spirit's topic, not a second spirit
        opening = next((j for j in SPIRIT_JOINERS if phrase.startswith(j)), "")  # 甲精神|、乙会议精神: the joiner of the list
        phrase, start = phrase[len(opening):], start + len(opening)
        if phrase == match["phrase"] and body[start - 1:start] == CLOSE_QUOTE:
            continue  # 对“十五五”|规划编制工作作出的重要指示精神: the name runs across the quote, this is its tail
        # 关于深化…: the topic's verb stays; 在福建调研和开展执法检查时的讲话: so do the verbs of the setting
        topic = min((phrase.find(t) for t in (*TOPIC_MARKERS, SETTING) if t in phrase), default=len(phrase))
        verbs = [v for v in P.policy_verb_re().finditer(phrase) if v.start() < topic]
        if verbs:
            phrase, start = phrase[verbs[-1].end():], start + verbs[-1].end()
        joints = [phrase.rfind(joint) + len(joint) for joint in SPIRIT_JOINTS  # 重要讲话、重要指示|贺信: one speaker's list
                  if joint in phrase and not _bare_kind(phrase[phrase.rfind(joint) + len(joint):])]
        cut_at = max(joints, default=0)
        phrase, start = phrase[cut_at:], start + cut_at
        phrase, start = _trim_opening(phrase, start)
        if phrase[:phrase.find(SETTING)].endswith(SPIRIT_JOINERS[:3]) and SETTING in phrase:
            continue  # 出席…峰会和|在闽调研时的讲话: the second of two settings; who spoke is further back
        bare = phrase.removesuffix("的")
        if len(bare) > SPIRIT_MAX or any(bare == h or bare.endswith(("结合" + h, *(v + h for v in VAGUE))) for h in SPIRIT_HEADS):
            continue  # 大会精神, 结合会议精神, 有关会议精神: which meeting is not said
        if WORKING_BODY in phrase and not any(h in phrase for h in SPEECH_HEADS):
            continue  # …领导小组第六次全体会议精神: a working body's session, not a line to study (the seeds' gold)
        if len(phrase) >= 2 and any(phrase.endswith(h) or phrase.endswith(h + "的") for h in SPIRIT_HEADS):
            label = phrase.removesuffix("的") + "精神"
            if not any(t in label for t in ("在", *TOPIC_MARKERS)):  # 总书记的重要讲话 is 总书记重要讲话
                label = label.replace("的重要", "重要")
            out.append((label, start, match.end()))
    return out


def studied_speeches(body: str) -> list[tuple[str, int, int]]:
    """Speeches studied without 精神 (传达学习…在…大会上的讲话): the phrase back to punctuation, when its
    clause has a study verb; without one a speech at a meeting is the setting, not the thing studied."""
    out = []
    for match in SPEECH.finditer(body):
        if body.startswith("精神", match.end()):
            continue  # a spirit: spirits() names it
        clause_start = max(match.start() - SPIRIT_REACH, 0)
        for stop in CLAUSE_STOPS:
            clause_start = max(clause_start, body.rfind(stop, clause_start, match.start()) + 1)
        clause = body[clause_start:match.start()]
        if any(verb in clause for verb in word_set("study_verbs.txt")):
            phrase, start = _trim_opening(clause + match.group(), clause_start)
            if "在" in phrase and len(phrase) <= SPIRIT_MAX + 6:
                out.append((phrase, start, match.end()))
    return out
