"""Frames around a role verb that change what it says (kg.extract.roles asks these).

- A verb inside what a meeting relays (会议传达学习了书记某某在…调研时的讲话精神) is no act at this
  event: its subject spoke or led elsewhere.
- 宣布（大会）开幕/闭幕 is the chair's act: presided, not merely attended.
- A name opening a clause that only frames (某某以…为题，为全体党员讲授党课; 某某结合分管工作，就…提出要求)
  is the subject of the clause after it.
- A speech delivered with words between the verb and the genre (作政府工作报告, 作开班动员, 进行再部署,
  讲专题党课, 致闭幕词) is spoken, as the lexicon's 作报告/作部署 are.
- A list item between commas whose name was not read (…，区政协主席提名人选某某，…) still continues the
  list of the verb's subjects, as does a name followed by 同志 or a bracketed note (某某（左三），…).
- A sentence opening with a bare earlier time (去年，…; 早在2019年，…) tells background: no roles.
- A movement verb (来到, 前往) followed by a clause that joins an activity (…来到林场，参加义务植树;
  …，与干部群众一起植树) only brings the persons there: they attended, nobody led.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.extract import patterns as P
from kg.extract.names import NameHit
from kg.extract.text import CLAUSE_BREAKS, sentence_start
from kg.lexicon import words
from kg.model import Role


@dataclass(frozen=True)
class RoleHit:
    """A person's role at the event, with the span of the words that give it."""

    person: str
    role: Role
    start: int
    end: int

RELAYING = ("传达", "学习", "贯彻", "领会")  # what a meeting does with someone else's words
RELAYED = re.compile("精神|批示|指示|时的讲话|上的讲话")  # the object those words are
SPEECH_SPIRIT = re.compile("(?:时|上|中)的(?:重要)?讲话|的(?:重要)?(?:讲话|指示|批示)精神")  # whose words, said when
ANNOUNCED = re.compile("[^，。；！？：\n]{0,12}?(?:开幕|闭幕)")  # 宣布大会开幕, 宣布第三次全体会议闭幕
MOVEMENT = ("来到", "前往")  # verbs that move the persons somewhere; what they do there gives the role
JOINED = ("参加", "出席", "参与")  # …，参加义务植树活动: they joined an activity
DELIVERING = re.compile("(?<![工合创协运操写制动])[作做](?:了)?关于")  # 作关于…的报告: the subject reports
CLAUSE_FINAL = ("与会", "同行", "随行")  # 市领导甲、乙与会 is a role; 与会人员/与会代表 name those attending
TOGETHER_JOINERS, TOGETHER = "与和同跟", ("一起", "一同", "共同")  # 与干部群众一起, 与代表们共同审议: with a group
INSPECTIONS = ("调研", "考察", "视察", "检查", "督查", "督导", "察看", "查看", "了解")  # …一起察看灾情: led
MAX_OPENING = 2  # characters a joining clause may open with before its verb (并参加, 一同参加)


def clause_end(body: str, at: int) -> int:
    return next((i for i in range(at, len(body)) if body[i] in CLAUSE_BREAKS), len(body))


def _clause_begin(body: str, at: int) -> int:
    return next((i + 1 for i in range(at - 1, -1, -1) if body[i] in CLAUSE_BREAKS), 0)


def noun_use(body: str, verb: str, end: int) -> bool:
    """A verb that is a role only at the end of its clause, read where a noun follows it; a report or
    explanation (…的报告, …的说明) the clause's subject does not deliver (作关于…的报告 is delivered)."""
    if verb.startswith("的"):
        before = body[_clause_begin(body, end - len(verb)):end - len(verb)]
        return DELIVERING.search(before) is None or "所作" in before or "所做" in before
    return verb in CLAUSE_FINAL and end < len(body) and body[end] not in CLAUSE_BREAKS


def relayed(body: str, start: int, end: int, name_starts: list[int]) -> bool:
    """Whether the verb dates a speech (…调研时的讲话精神, with no name, 并 or relaying word between), or
    sits in the object a meeting relays: 传达/学习… before it in its clause,
    then a name, and 精神/批示/…时的讲话 after it (传达学习了市长某某在…调研时的讲话精神). A name before the
    relaying word is its subject (某某在学习时强调要领会…精神 spoke)."""
    stop = clause_end(body, end)
    spirit = SPEECH_SPIRIT.search(body, end, stop)
    if spirit and not any(end <= s < spirit.start() for s in name_starts) and not any(
            w in body[end:spirit.start()] for w in (*RELAYING, "并")):
        return True  # 某某出席…峰会和在闽调研时的讲话精神 (in a list the meeting relays): the speech's time
    begin = _clause_begin(body, start)
    relay_at = min((i for w in RELAYING if (i := body.find(w, begin, start)) >= 0), default=-1)
    return (relay_at >= 0 and any(relay_at < s < start for s in name_starts)
            and not any(begin <= s < relay_at for s in name_starts)
            and RELAYED.search(body, end, clause_end(body, end)) is not None)


def announced_opening(body: str, verb: str, end: int) -> bool:
    """宣布…开幕/闭幕: the person chairing the sitting declares it open."""
    return verb == "宣布" and ANNOUNCED.match(body, end) is not None


def arrived_to_join(body: str, verb: str, end: int) -> bool:
    """来到城郊林场，参加义务植树活动 / 来到植树点，与干部群众一起植树: the movement verb's next clause joins an
    activity, or does it together with a group."""
    if verb not in MOVEMENT:
        return False
    stop = clause_end(body, end)
    if stop >= len(body) or body[stop] != "，":
        return False
    after = clause_end(body, stop + 1)
    clause = body[stop + 1:after]
    together = (clause[:1] in tuple(TOGETHER_JOINERS) and any(w in clause for w in TOGETHER)
                and not any(w in clause for w in INSPECTIONS))
    return together or any(body.startswith(w, i) for w in JOINED for i in range(stop + 1, stop + 2 + MAX_OPENING))


def reframed(body: str, verb: str, role: Role, end: int) -> Role:
    """The role a verb's frame gives, where it differs from the verb's own."""
    if announced_opening(body, verb, end):
        return Role.PRESIDED
    if role is Role.LED and arrived_to_join(body, verb, end):
        return Role.ATTENDED
    return role


FRAMING = ("以", "结合", "围绕", "就", "针对", "紧扣", "立足", "聚焦", "从", "按照", "根据",  # 以…为题, 结合…
           "受", "代表")  # 受…委托，作报告; 代表县委，向…致辞


def framed_opener(body: str, seg: int, openers: list[NameHit]) -> str | None:
    """The name opening the clause before `seg` when that clause only frames what follows (a preposition right
    after the name and no role verb of its own): it is the subject of the clause at `seg`."""
    if not seg or body[seg - 1] not in "，,":
        return None
    begin = _clause_begin(body, seg - 1)
    opener = next((h for h in openers if h.span_start == begin), None)
    if opener is None or not body.startswith(FRAMING, opener.end):
        return None
    return None if P.any_role_verb_re().search(body, opener.end, seg - 1) else opener.name


LEADING = re.compile("带领|率领|(?<![效概比税汇利频功])率(?![先队团])")  # 甲带领乙、丙调研: 乙 and 丙 go along


def led_party(body: str, seg: int, verb_at: int, subjects: list[NameHit]) -> list[NameHit]:
    """The subjects of a led verb named after a 带领/率领 in its clause (甲带领县领导乙、丙来到…): the party
    led, who accompanied the principal."""
    leading = list(LEADING.finditer(body, seg, verb_at))
    return [h for h in subjects if h.start >= leading[-1].end()] if leading else []


ACCOMPANYING = ("陪同", "随同", "一同")


def pronoun_referent(body: str, before: list[NameHit]) -> NameHit | None:
    """Whom 他/她 stands for: the last person opening a clause, passing over one whose clause only says they
    went along (乙陪同调研。他强调… is the principal speaking)."""
    for hit in reversed(before):
        if not any(w in body[hit.end:clause_end(body, hit.end)] for w in ACCOMPANYING):
            return hit
    return before[-1] if before else None


CONVENING = ("召开", "召集")  # 某某召开专题会议: presided, unless the forum is a stop on their own visit


def convened_on_visit(body: str, found: list[RoleHit]) -> list[RoleHit]:
    """A principal who convenes a forum on their visit (率队到院调研，并召开了座谈会) led; the forum is part
    of the visit, not a meeting they chaired."""
    leading = {r.person for r in found if r.role is Role.LED}
    return [r for r in found if not (r.role is Role.PRESIDED and r.person in leading
                                     and body[r.start:r.end] in CONVENING)]


STOP = "，。；！？：、,;\n"
FREE = f"[^{STOP}并和及与]"  # words between the verb and what it delivers: no clause break, no second verb
ENDS = f"(?=[{STOP}并和]|$)"  # the delivered speech ends its clause (作风建设部署会 is no speech)
DELIVERING_VERB = ("(?<![工合创协运操写制动所])[作做](?:出了|了|出)?(?![好风用品业战家者])"  # 作了全面部署
                   "|进行(?:了)?")  # 进行再部署
PARTY_LESSON = f"(?<![宣线])(?:讲|上)(?:了)?{FREE}{{0,8}}?党课{ENDS}"  # 讲专题党课, 上了一堂生动的党课
GREETING = f"(?<![一导以极])致{FREE}{{0,4}}?[辞词]{ENDS}"  # 致欢迎词, 致闭幕词


@cache
def role_verb_re() -> re.Pattern[str]:
    """The lexicon's role verbs, and before them (tried first where both start) a speech delivered with words
    between the verb and its genre: 作年度述职报告, 进行了全面部署, 讲专题党课, 致开幕词 (spoke)."""
    objects = "|".join(words("role_delivered_objects.txt"))
    delivered = f"(?:{DELIVERING_VERB}){FREE}{{0,16}}?(?:{objects}){ENDS}"
    return re.compile(f"(?:{delivered}|{PARTY_LESSON}|{GREETING})|{P.any_role_verb_re().pattern}")


def verb_role(verb: str) -> str:
    """The role a matched verb gives: the lexicon's, or spoke for a delivered speech."""
    return P.role_of_verb().get(verb, Role.SPOKE.value)


LIST_ITEM_MAX = 40  # 区委常委、区人武部政委、区退役军人事务工作领导小组副组长某某
NAME_TAIL = 5  # the unread name starts within the item's last characters (某某某, 某某某大校)
NOT_A_NAME = "了的在对将把被向和与"  # words of a clause, not of a post and a name


def unfound_list_item(body: str, comma: int, name_ends: set[int]) -> int:
    """Where the clause ending at `comma` begins when it is an item of a list of persons whose name was not
    read: a comma right after a name opens it, it holds no role verb and ends in a post and a few characters
    that start with a surname (市长甲，区政协党组书记、…提名人选乙，丙参加); -1 otherwise."""
    if body[comma] not in "，,":
        return -1
    begin = next((i for i in range(comma - 1, -1, -1) if body[i] in CLAUSE_BREAKS), -1)
    item = body[begin + 1:comma]
    if (begin < 0 or body[begin] not in "，," or begin not in name_ends or len(item) > LIST_ITEM_MAX
            or role_verb_re().search(item)):
        return -1
    titles = list(P.title_re().finditer(item))
    tail = item[titles[-1].end():] if titles else ""
    named = any(item[-k:-k + 1] in P.surname_set() for k in range(2, NAME_TAIL + 1))
    return begin + 1 if titles and len(tail) <= NAME_TAIL + 3 and not any(c in NOT_A_NAME for c in tail) and named else -1


HONORIFICS = ("同志", "女士", "先生")  # 县委书记某某同志，县长某某同志出席
BRACKETS = "（("  # 某某（左三）, 某某（女）


def item_end(body: str, end: int) -> int:
    """Where a list item ending in a name ends: after an honorific or a bracketed note written after the name."""
    if body.startswith(HONORIFICS, end):
        end += 2
    if body[end:end + 1] and body[end] in BRACKETS:
        close = next((i for i in range(end, min(end + 12, len(body))) if body[i] in "）)"), -1)
        end = close + 1 if close > 0 else end
    return end


PAST = re.compile(r"(?:去年|前年|早在[0-9]{4}年|多年前|[0-9一二三四五六七八九十两]{1,3}年前)[，,]")  # 去年12月31日 may be the event


def told_as_past(body: str, verb_at: int) -> bool:
    """Whether the verb's sentence opens with a bare time before the event (去年，…; 早在2019年，…); a date
    with a day (去年12月31日，) or a span up to now (去年以来，) may be the event's own."""
    return PAST.match(body, sentence_start(body, verb_at)) is not None
