"""Roles of persons at the event: the subjects of role verbs.

A role verb (主持, 带队, 讲话, 一同, 出席 …) applies to the persons written
before it in its clause; a comma right after a name continues a list, so
"市领导甲、乙，市政协秘书长丙出席会议" gives all three. 他/她 at a clause start
stands for the last person who opened a clause; a clause that opens with the
verb (", 表示将…") takes the subject of its sentence. Persons met at a 会见 are
attendees too. Names in formulations (…总书记) are never agents, nor is a name
followed by 的 (…某某的讲话精神 is relayed). The names right before 一行 head the
party (led); 他们 at a sentence start acts for the persons of the sentence before.
"""

from __future__ import annotations

import re

from kg.extract import patterns as P
from kg.extract.names import NameHit
from kg.extract.role_frames import (
    RoleHit,
    convened_on_visit,
    framed_opener,
    item_end,
    led_party,
    noun_use,
    pronoun_referent,
    reframed,
    relayed,
    role_verb_re,
    told_as_past,
    unfound_list_item,
    verb_role,
)
from kg.extract.text import CLAUSE_BREAKS, SENTENCE_ENDS, clause_start, sentence_start
from kg.model import Role

__all__ = ["RoleHit", "assign_roles"]

PRONOUNS = "他她"
PLURAL_PRONOUNS = ("他们", "她们")
NAMED_SUBJECT_ONLY = ("传达",)  # 某某主持会议，传达学习…: the meeting relays; only 某某传达… is a speaker
MEETING_VERBS = ("会见", "会谈", "接见", "会晤")  # the persons met are attendees as well
HEARD = ("听取", "聆听", "观看", "听", "审议")  # 听取发言: someone else spoke
SPEECH_NOUNS = ("发言", "讲话", "工作报告", "作报告", "演讲", "通报", "介绍", "汇报", "报告工作")  # after 听取 anywhere in the clause: heard
NOUN_AFTER = "的组团"  # 强调的…, 调研组: the verb is part of a noun
AFTER_HUI = ("会议", "会见", "会谈", "会晤")  # 出席会议 is a role; 座谈会 is a noun
ACTIVITY = "活动"
NOUN_BEFORE = ("部署", "工作", "的", "有关", "上级", "批示", "指示")  # 部署要求, 批示要求: a noun
QUOTE_WINDOW = 16  # a closing quote this close before 说。 makes it the quote's attribution
FORMERLY = "曾"  # 某某曾到…, 曾经, 曾于2019年: what the person did before this event
MODIFYING = ("时的", "时所", "期间的", "期间所", "时强调的", "时指出的", "时提出的", "时要求的", "时作出的",
             "时讲的")  # 某某在调研时的要求, 视察期间所作的指示, 在调研时强调的问题: a noun's time
ATTENDEE_NOUNS = ("人员", "单位", "企业", "嘉宾", "人数", "对象")  # 参会人员, 出席单位: who attends, no act
LISTED_WINDOW = 16  # room for the object and a group label (出席大会的省部级领导还有)
SAME_SUBJECT = ("并", "同时")  # a clause opening so goes on with its sentence's subject (，并就…提出四点要求)
OPENING_ADVERBS = 2  # a clause may open with up to this many characters before its verb (并表示, 还要求)


def _segment_start(body: str, verb_at: int, name_ends: set[int]) -> int:
    """Start of the stretch of text whose persons are the verb's subjects."""
    i = verb_at
    while i > 0:
        ch = body[i - 1]
        if ch in SENTENCE_ENDS and not (ch == "；" and i - 1 in name_ends):
            break  # (甲，乙；丙，丁参加: a semicolon after a name only groups the list)
        if ch in CLAUSE_BREAKS and i - 1 not in name_ends and not P.LIST_CLOSER.search(body, max(i - 1 - 20, 0), i - 1):
            item = unfound_list_item(body, i - 1, name_ends)
            if item < 0:
                break  # (a list closed by 等…领导 is the subject of what follows its comma)
            i = item  # (甲，…提名人选乙，丙参加: an item whose name was not read still continues the list)
            continue
        i -= 1
    return i


def _is_role_use(body: str, start: int, end: int) -> bool:
    if body[end:end + 1] and body[end] in NOUN_AFTER and not P.listed_after_re().match(body[end:end + LISTED_WINDOW]):
        return False
    if body.startswith("会", end) and not body.startswith(AFTER_HUI, end):
        return False
    if body.startswith(ACTIVITY, end) and verb_role(body[start:end]) == Role.LED.value:
        return False  # 大走访活动, 调研活动: the name of an activity (参加活动 is a role)
    if body.endswith(HEARD, 0, start) or noun_use(body, body[start:end], end):
        return False
    if verb_role(body[start:end]) == Role.ATTENDED.value and body.startswith(ATTENDEE_NOUNS, end):
        return False
    if body.startswith(MODIFYING, end):
        return False  # 落实某某在调研时的要求: the verb dates a noun, no act at this event
    verb = body[start:end]
    if verb == "要求" and body.endswith(NOUN_BEFORE, 0, start):
        return False
    quoted = body[end:end + 1] == "。" and "”" in body[max(start - QUOTE_WINDOW, 0):start]  # “…”某某说。
    return not (verb == "说" and body[end:end + 1] not in ("，", "：", ":", ",") and not quoted)


def assign_roles(body: str, hits: list[NameHit]) -> list[RoleHit]:
    """Every (person, role) the body states, with the role word's span as evidence."""
    agents = [h for h in hits if not h.national]
    name_ends = {item_end(body, h.end) for h in agents}
    openers = [h for h in agents if clause_start(body, h.span_start) == h.span_start]
    out: list[RoleHit] = []
    previous_end = -1
    for match in role_verb_re().finditer(body):
        start, end = match.span()
        chained, previous_end = start == previous_end, end
        if chained or not _is_role_use(body, start, end):
            continue  # 参加调研, 一同走访: the second verb names what they joined
        if relayed(body, start, end, [h.start for h in agents]):
            continue  # 传达学习了某某在…调研时的讲话精神: an act elsewhere, relayed here
        role = reframed(body, match.group(), Role(verb_role(match.group())), end)
        seg = _segment_start(body, start, name_ends)
        if match.group() in SPEECH_NOUNS and any(w in body[seg:start] for w in HEARD):
            continue
        if _owned(body, seg, start, end):
            continue
        if body.startswith("下", end) and "在" in body[seg:start]:  # 甲在乙等陪同下: only 乙 accompanied
            seg = seg + body[seg:start].rindex("在") + 1
        mine = [h for h in agents if seg <= h.span_start and h.end <= start and not _possessor(body, h, start, end)]
        if mine and (body.startswith(FORMERLY, mine[-1].end) or told_as_past(body, start)):
            continue  # 某某曾到该村考察, 去年，某某来到…调研时: a visit before, told as background
        party = {h.name for h in led_party(body, seg, start, mine)} if role is Role.LED else set()
        out.extend(RoleHit(name, Role.ACCOMPANIED, start, end) for name in sorted(party))
        subjects = [h.name for h in mine if h.name not in party]
        if role is Role.ACCOMPANIED and mine and _together_with_group(body, mine[-1].end, start):
            role = Role.ATTENDED  # 领导与干部群众一起植树: they joined the activity, accompanying no official
        if not subjects and role is not Role.SPOKE and body.startswith(PLURAL_PRONOUNS, seg):
            # 他们一同植树: the persons just listed (他们表示 after a visit is often the visited speaking)
            subjects = _previous_sentence_persons(body, seg, agents)
            if role is Role.ACCOMPANIED:
                role = Role.ATTENDED  # together with one another, accompanying nobody
        if not subjects and match.group() not in NAMED_SUBJECT_ONLY:
            subjects = _implied_subjects(body, seg, start, openers)
        listed = P.listed_after_re().match(body[end:end + LISTED_WINDOW])
        if listed:  # 出席会议的还有甲、乙: the persons come after the verb
            subjects = []
        if match.group() in MEETING_VERBS or listed:
            stop = next((i for i in range(end, len(body)) if body[i] in SENTENCE_ENDS), len(body))
            subjects += [h.name for h in agents if end <= h.span_start and h.end <= stop]
        out.extend(RoleHit(name, role, start, end) for name in dict.fromkeys(subjects))
    out.extend(_delegation_heads(body, agents))
    out.extend(_sequenced_speakers(body, agents))
    out.extend(_heard_speakers(body, agents))
    out.extend(_group_heads(body, agents))
    out = convened_on_visit(body, _hosts_along(body, out))
    out = _together_without_principal(body, out)
    accompanying = {r.person for r in out if r.role is Role.ACCOMPANIED}
    return [r for r in out if not (r.role is Role.LED and r.person in accompanying)]


TOGETHER_WORDS = ("一同", "一起")
JOINED_VERBS = ("参加", "出席", "参与")  # 一同参加植树: joined the activity; 一同调研 goes along with someone


def _together_without_principal(body: str, out: list[RoleHit]) -> list[RoleHit]:
    """甲，乙等市领导一同参加植树: where nobody led, those who joined an activity together accompanied
    nobody; they attended (一同调研 still goes along with someone, named or not)."""
    if any(r.role is Role.LED for r in out):
        return out
    return [RoleHit(r.person, Role.ATTENDED, r.start, r.end)
            if r.role is Role.ACCOMPANIED and body[r.start:r.end] in TOGETHER_WORDS
            and body.startswith(JOINED_VERBS, r.end) else r for r in out]


TOGETHER_JOINERS = "与同和跟"  # 甲与干部群众一起…: the partner of 一起/一同
OFFICIAL_GROUPS = ("负责人", "负责同志", "领导", "同志")  # 甲和有关部门负责人一同调研: officials going along


def _together_with_group(body: str, last_name_end: int, verb_at: int) -> bool:
    """Whether the persons did it together with an unnamed group (与干部群众一起): a joiner stands between
    the last name and the verb and no name follows it; 甲陪同乙, 甲、乙一同调研 stay accompanied."""
    between = body[last_name_end:verb_at]
    return (body[verb_at:verb_at + 2] in ("一起", "一同") and any(c in TOGETHER_JOINERS for c in between)
            and not between.endswith(OFFICIAL_GROUPS))


def _possessor(body: str, hit: NameHit, verb_at: int, verb_end: int) -> bool:
    """A name followed by 的 owns what comes after it (校长某某的讲话精神: a speech relayed, not given),
    except in 在某某的陪同下, where the name is the verb's agent."""
    return body.startswith("的", hit.end) and not (hit.end + 1 == verb_at and body.startswith("下", verb_end))


DELIVERED = re.compile("(?<![工合创协运操写制动])[作做](?:了|出|题为|专题|重要)|发表")  # 作了…的讲话: given, not owned


def _owned(body: str, seg: int, verb_at: int, verb_end: int) -> bool:
    """A verb right after 的 is a noun someone owns (市长某某在…上的讲话精神), unless it is delivered
    (作了热情洋溢的讲话) or the frame of 在某某的陪同下."""
    return (body[verb_at - 1:verb_at] == "的" and not body.startswith("下", verb_end)
            and not DELIVERED.search(body, seg, verb_at))


DELEGATION = "一行"
HEARD_SPEECHES = ("汇报", "发言", "介绍", "讲话", "报告")  # 听取了甲关于…的汇报: what 甲 gave


def _heard_speakers(body: str, agents: list[NameHit]) -> list[RoleHit]:
    """The persons named between 听取 and the report it heard (听取了县长甲、乙关于…的汇报) gave the
    report: they spoke. The verb rule sees only the hearer's clause."""
    out: list[RoleHit] = []
    if not any(w in body for w in HEARD[:2]):
        return out
    for hit in agents:
        clause = clause_start(body, hit.span_start)
        heard_at = max(body.rfind(w, clause, hit.span_start) for w in HEARD[:2])  # 听取, 聆听
        if heard_at < 0:
            continue
        stop = next((i for i in range(hit.end, len(body)) if body[i] in CLAUSE_BREAKS or body[i] in SENTENCE_ENDS), len(body))
        spoken = min((i for w in HEARD_SPEECHES if (i := body.find(w, hit.end, stop)) >= 0), default=-1)
        if spoken >= 0:
            out.append(RoleHit(hit.name, Role.SPOKE, spoken, spoken + 2))
    return out
VISITING_HERE = re.compile("(?:来|到|莅临|赴)我(?:省|市|县|区|镇|乡|街道|校|院|公司|集团)"  # 来我县调研: a visitor
                           "|一行|带队|率队")  # 某某一行/带队到镇调研: a visiting party the hosts then join
INSPECTING = ("调研", "考察", "视察", "检查", "督查")  # verbs a visitor and the hosts going along share


def _hosts_along(body: str, found: list[RoleHit]) -> list[RoleHit]:
    """When a visitor came to 我县 (or a party came, 一行/带队) and led, the local officials said in a later
    sentence to 调研/考察 too (县长甲…及相关单位负责人调研) went along with the visitor: accompanied, not led."""
    led = [r for r in found if r.role is Role.LED]
    if not led or not VISITING_HERE.search(body, sentence_start(body, led[0].start), led[0].end + 30):
        return found
    visitors = {r.person for r in found if r.role is Role.LED and sentence_start(body, r.start) == sentence_start(body, led[0].start)}
    return [RoleHit(r.person, Role.ACCOMPANIED, r.start, r.end)
            if r.role is Role.LED and r.person not in visitors and body[r.start:r.end] in INSPECTING
            and sentence_start(body, r.start) > sentence_start(body, led[0].start) else r for r in found]
IN_TURN = ("相继", "先后", "分别", "依次", "逐一", "纷纷",  # 甲、乙、丙相继…发言: each of the list in turn
           "围绕", "结合", "针对")  # 甲、乙围绕…，结合…，提出了建议: the list frames what it then says
SPOKEN_WORDS = ("发言", "建议", "体会", "汇报", "讲话", "意见")  # what the ones in turn gave, clauses later


def _sequenced_speakers(body: str, agents: list[NameHit]) -> list[RoleHit]:
    """A list of names followed by 相继/分别… whose speech comes clauses later in the sentence
    (甲、乙相继结合工作实际，就…，提出了意见和建议): each of them spoke. The role verb rule sees only the
    last clause, whose subject is not named."""
    out: list[RoleHit] = []
    if not any(w in body for w in IN_TURN):
        return out
    ordered = sorted(agents, key=lambda h: h.start)
    for index, hit in enumerate(ordered):
        if not body.startswith(IN_TURN, hit.end):
            continue
        stop = next((i for i in range(hit.end, len(body)) if body[i] in SENTENCE_ENDS), len(body))
        sentence = body[hit.end:stop]
        spoken = min((sentence.find(w) for w in SPOKEN_WORDS if w in sentence), default=-1)
        if spoken < 0 or any(w in sentence[:spoken] for w in HEARD) or "，" not in sentence[:spoken]:
            continue  # in one clause the role verb rule already reads it
        heads = [hit]
        for previous in reversed(ordered[:index]):
            if body[previous.end:heads[-1].span_start] not in ("、", "和", "，"):
                break
            heads.append(previous)
        at = hit.end + spoken
        out.extend(RoleHit(h.name, Role.SPOKE, at, at + 2) for h in reversed(heads))
    return out


def _delegation_heads(body: str, agents: list[NameHit]) -> list[RoleHit]:
    """The persons heading a party (甲一行, 校长甲、副校长乙一行): led. Only the names listed right before
    一行 head it (区长甲会见市委书记乙一行: 乙)."""
    out: list[RoleHit] = []
    if DELEGATION not in body:
        return out
    ordered = sorted(agents, key=lambda h: h.start)
    for index, hit in enumerate(ordered):
        if not body.startswith(DELEGATION, hit.end):
            continue
        at = hit.end
        heads = [hit]
        for previous in reversed(ordered[:index]):
            if body[previous.end:heads[-1].span_start] not in ("、", "和"):
                break
            heads.append(previous)
        out.extend(RoleHit(h.name, Role.LED, at, at + len(DELEGATION)) for h in heads)
    return out


GROUP_HEADS = ("团长", "组长", "队长")  # 以某某为团长: the head of the visiting group


def _group_heads(body: str, agents: list[NameHit]) -> list[RoleHit]:
    """以某某为（总）团长/组长: the person heads the group that went (led); 任命某某为组长 is no visit."""
    out: list[RoleHit] = []
    for hit in agents:
        match = P.named_as_re().match(body, hit.end) if body.startswith("为", hit.end) else None
        if match and match["post"].endswith(GROUP_HEADS) and "以" in body[clause_start(body, hit.span_start):hit.span_start]:
            out.append(RoleHit(hit.name, Role.LED, match.start("post"), match.end("post")))
    return out


def _previous_sentence_persons(body: str, seg: int, agents: list[NameHit]) -> list[str]:
    """The persons named in the sentence before the one starting at `seg` (他们 at a sentence start)."""
    if sentence_start(body, seg) != seg or seg == 0:
        return []
    previous = sentence_start(body, seg - 1)
    return list(dict.fromkeys(h.name for h in agents if previous <= h.span_start and h.end < seg))


def _implied_subjects(body: str, seg: int, verb_at: int, openers: list[NameHit]) -> list[str]:
    """The subject a clause without a name refers to: 他/她, or its sentence's opener."""
    head = body[seg:verb_at]
    if head.startswith(PLURAL_PRONOUNS):
        return []  # 他们 is not 他
    if head[:1] and head[0] in PRONOUNS:
        referent = pronoun_referent(body, [h for h in openers if h.end <= seg])
        return [referent.name] if referent else []
    if seg and body[seg - 1] in "，," and (len(head) <= OPENING_ADVERBS or head.startswith(SAME_SUBJECT)):
        sentence = sentence_start(body, seg)
        first = [h for h in openers if sentence <= h.span_start < seg]
        return [first[0].name] if first else []
    framed = framed_opener(body, seg, openers)  # 某某以…为题，为全体党员讲授党课
    return [framed] if framed else []
