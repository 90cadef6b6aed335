"""Who wrote an article, where and when: the dateline (or dated lead) opening it, the byline and end mark closing it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg import lexicon
from kg.chars import CJK, TERMINATORS
from kg.layout.credits import NAME, SPACED_NAME, media_units, normalise_credit, reporter_names, surnames
from kg.layout.lines import Line, ends_sentence

BYLINE_TAIL = re.compile(r"[（(【]([^（）()【】\n]{2,60})[）)】]$")  # （记者 甲） and 【全媒体记者 甲】

BYLINE_MARKS = "■□"  # a mark some papers print before the byline closing an article (…。■甲)
LEAD_MARKS = "■□●◆▲★"  # marks before a byline under the headline (●本报记者 甲), as before a brief

DATE_PART = r"(?:\d{1,2}[ \t]*月[ \t]*)?\d{1,2}[ \t]*日"

# A lead that opens with its event's date (7月27日上午，… / 2023年6月28日至29日，…), up to the comma or
# the line's end when the wrap cuts it there.
DATE_LEAD = re.compile(rf"(?:\d{{4}}[ \t]*年[ \t]*)?\d{{1,2}}[ \t]*月[ \t]*\d{{1,2}}[ \t]*日"
                       rf"(?:[ \t]*(?:至|到|[—–－-]{{1,2}})[ \t]*{DATE_PART})?[{CJK}]{{0,4}}(?:[，,]|$)")


def _alternatives(name: str) -> str:
    return "|".join(re.escape(word) for word in lexicon.longest_first(name))


@cache
def _dateline_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    roles = _alternatives("byline_dateline_roles.txt")
    agencies = _alternatives("datelines.txt")
    # any paper by its name's ending (长沙晚报讯, 南方日报讯), not only the agencies the lexicon lists
    endings = "|".join(re.escape(w) for w in lexicon.longest_first("publication_suffixes.txt") if w != "报")
    papers = rf"[{CJK}]{{1,8}}?(?:{endings})"
    agencies = f"{agencies}|{papers}"
    place = rf"(?:(?!记者)[{CJK}]){{0,8}}?"
    bracket = r"(?:[ \t]*[（(](?P<bracket>[^（）()]{1,60})[）)])?"
    name = f"(?!报道)(?:{NAME}|{SPACED_NAME})"
    follow = _alternatives("datelines_follow.txt")  # 又讯: a whole dateline, no agency, place or date
    strong = re.compile(rf"(?P<line>(?:{follow})(?![息飞])|据?(?:{agencies}){place}[ \t]*(?:{DATE_PART})?[ \t]*"
                        rf"(?:电|讯|消息)(?![息话号费视脑力子影台])){bracket}")
    by_reporter = re.compile(
        rf"(?:[{LEAD_MARKS}][ \t\u3000]*)?(?P<line>{_unit()}(?:{roles})[ \t]*(?:{name})"
        rf"(?:[ \t、]+(?:(?:{roles})[ \t]*)?(?:{name}))*(?:[ \t]*报道)?)(?=[ \t\n（(：:]|\d|$)"
    )
    return strong, by_reporter


def _unit() -> str:
    """A news unit's name before a reporter's role, as a pattern that may match nothing (江城台 in 江城台记者)."""
    return rf"(?:[{CJK}]{{1,10}}?(?:{'|'.join(map(re.escape, media_units()))}))?"


@cache
def closing_byline() -> re.Pattern[str]:
    """A line that is a byline of its own: 记者：张三 李四, 文字：王五 (a role word opens it),
    张三/文、图 and 张三摄影报道 (a role closes it), or names alone, 张三 李四 王五."""
    roles = _alternatives("byline_roles.txt")
    names = rf"(?:{NAME})(?:[ \t\u3000、]+(?:{NAME}))*"
    spaced = rf"(?:{roles})(?:[ \t\u3000]+|/)(?:{NAME}|{SPACED_NAME})"  # 融媒体记者 甲 / 文/甲, with no colon
    return re.compile(rf"^(?:{_unit()}(?:{roles})[ \t\u3000]*[：:][ \t\u3000]*\S.*"
                      rf"|{_unit()}{spaced}(?:[ \t\u3000、]+(?:(?:{roles})(?:[ \t\u3000]+|/))?(?:{NAME}|{SPACED_NAME}))*"
                      rf"|{names}[ \t\u3000]*(?:/[文图、]+|(?:{roles})?报道|摄影?)"
                      rf"|(?:[{CJK}]{{2,3}}|{SPACED_NAME})(?:[ \t\u3000]+(?:[{CJK}]{{2,3}}|{SPACED_NAME}))+)$")


def byline_at_end(line: str) -> tuple[int, tuple[str, ...]] | None:
    """`(start, names)` of a byline closing `line` — alone, or after a sentence end — else None.

    >>> byline_at_end("记者：李明 王芳"), byline_at_end("会议强调，要抓好落实。（周文 陈立）")
    ((0, ('李明', '王芳')), (11, ('周文', '陈立')))
    >>> byline_at_end("会议强调，要抓好落实。■周文"), byline_at_end("会议强调，要抓好落实。■下转第二版")
    ((11, ('周文',)), None)
    """
    match = BYLINE_TAIL.search(line)
    if not match:
        last_end = max(line.rfind(c) for c in TERMINATORS)
        if last_end >= 0 and line[last_end + 1:].strip():  # 活动。张三 李四: names after the last sentence
            found = byline_at_end(line[last_end + 1:])
            return (last_end + 1, found[1]) if found else None
        marked = normalise_credit(line.strip())  # 记 者 | 甲: the role closed up, the bar a colon
        dashed = marked.lstrip("—－-–― \t\u3000")
        if dashed != marked and credit_line(dashed):  # ——本报记者 甲: a dash before a credit line
            return 0, byline_at_end(dashed)[1]  # type: ignore[index]
        if marked[:1] in BYLINE_MARKS:  # ■甲 乙 (no sentence in it): the mark says byline, one name is one too
            names = reporter_names(marked[1:])
            # common surnames only: the rare ones are common words too (■本版编辑, ■要闻)
            return (0, names) if names and all(n.startswith(lexicon.words("surnames.txt")) for n in names) else None
        closing = closing_byline().match(marked)
        names = reporter_names(marked) if closing else None
        if names and " " not in marked and len(names) == 1 and marked == names[0]:
            return None  # a lone word is no byline
        if names and closing and not re.search(r"[：:]", closing.group()) and not names[0].startswith(surnames()):
            return None  # names alone, or after a role with no colon (记者 走进 车间), start with a surname
        return (0, names) if names else None
    before = line[: match.start()].rstrip(" \t\u3000")
    if before and not ends_sentence(before):
        return None
    names = reporter_names(match.group(1))
    return (match.start(), names) if names else None


@dataclass(frozen=True)
class Dateline:
    text: str
    end: int  # where the body starts after it (before any blank)
    reporters: tuple[str, ...] = ()


def split_dateline(text: str) -> Dateline | None:
    """The dateline opening `text` (leading blanks allowed), with reporters named in it.

    >>> d = split_dateline(" 新华社长沙4月18日电（记者韩立、周思远）全国会议18日召开")
    >>> d.text, d.reporters, d.end
    ('新华社长沙4月18日电（记者韩立、周思远）', ('韩立', '周思远'), 22)
    """
    lead = len(text) - len(text.lstrip())
    strong, by_reporter = _dateline_patterns()
    match = strong.match(text, lead)
    if match:
        reporters: tuple[str, ...] = ()
        end = match.end()
        if match.group("bracket"):
            names = reporter_names(match.group("bracket"))
            if names is None:
                end = match.end("line")
            else:
                reporters = names
        return Dateline(text[lead:end], end, reporters)
    match = by_reporter.match(text, lead)
    if match:
        names = reporter_names(match.group("line").removesuffix("报道"))
        # names start with a surname (通讯员队伍 不断壮大 names nobody); a minority's name may not
        if names and all(n.startswith(surnames()) or "·" in n for n in names):
            return Dateline(match.group("line"), match.end(), names)
    return None


# A piece of a byline cut by a wrap or a column break: names, roles and their separators, the closing bracket.
BYLINE_PIECE = re.compile(rf"[{CJK}·、：:；;/ \t\u3000]{{1,24}}[）)]?|[）)]")
NAMES_AFTER_SENTENCE = re.compile(rf"[{TERMINATORS}][{CJK}·、：:；;/ \t\u3000]{{1,24}}[）)]?$")
BYLINE_RUN_LINES = 5  # a byline cut by wraps and column breaks: four names with two papers wrap over five lines at width 10

_PAPER_DATELINE_HINT = re.compile(r"报[^，。]{0,14}(?:讯|电)")  # 长沙晚报讯, 南方日报广州6月11日电


@cache
def dateline_initials() -> frozenset[str]:
    return frozenset(word[0] for name in ("datelines.txt", "datelines_follow.txt", "byline_dateline_roles.txt")
                     for word in lexicon.words(name))


def opens_with_date(line: str) -> bool:
    """Whether a (stripped) line opens with a lead's date, 7月27日上午，…

    >>> opens_with_date("7月27日上午，全市"), opens_with_date("7月27日召开的会议")
    (True, False)
    """
    return line[:1].isdigit() and DATE_LEAD.match(line) is not None


def starts_article(line: str, *, strong_only: bool = False) -> bool:
    """Whether a (stripped) line opens with a dateline (`strong_only`: an agency's, not 本报记者 张三)."""
    if not line or (line[0] not in dateline_initials() and not _PAPER_DATELINE_HINT.search(line, 0, 30)):
        return False  # most lines: no regex needed
    if strong_only:
        return _dateline_patterns()[0].match(line) is not None
    return split_dateline(line) is not None


def end_mark(text: str) -> str | None:
    """The end mark (（完）) closing `text`, alone or after a sentence end or a byline, if any."""
    if text[-1] not in _end_mark_finals():
        return None
    for mark in lexicon.words("layout_end_marks.txt"):
        if text.endswith(mark):
            before = text[: -len(mark)].rstrip(" \t\u3000")
            return mark if not before or ends_sentence(before) or byline_at_end(before) is not None else None
    return None


@cache
def _end_mark_finals() -> frozenset[str]:
    return frozenset(mark[-1] for mark in lexicon.words("layout_end_marks.txt"))


@cache
def _opening_role() -> re.Pattern[str]:
    return re.compile(rf"[{LEAD_MARKS}]?[ \t\u3000]*{_unit()}(?:{_alternatives('byline_roles.txt')})")


def credit_line(text: str) -> bool:
    """Whether a (stripped) line is a credit of its own that opens with a role: 通讯员 甲 乙, 文/甲, 摄影：乙.

    >>> credit_line("通讯员 周凯 李红"), credit_line("通讯员队伍不断壮大。"), credit_line("孙雨 周凯")
    (True, False, False)
    >>> credit_line("（通讯员 周凯）"), credit_line("（下转第二版）")
    (True, False)
    """
    if not _opening_role().match(text) and not (text[:1] in "（(" and text[-1:] in "）)"):
        return False
    found = byline_at_end(text)
    return found is not None and found[0] == 0


def join_credit_lines(lines: list[Line]) -> list[Line]:
    """A byline printed over several lines, one credit a line (记者 甲 / 通讯员 乙 丙 / 摄影 丁), as one
    line: each line after the first opens with a role and is a credit of its own, with no blank between.

    >>> [l.text for l in join_credit_lines([Line("活动。记者 孙雨", 0), Line("通讯员 周凯", 9)])]
    ['活动。记者 孙雨 通讯员 周凯']
    >>> [l.text for l in join_credit_lines([Line("活动。（孙雨）", 0), Line("（通讯员 周凯）", 8)])]
    ['活动。（孙雨 通讯员 周凯）']
    """
    out: list[Line] = []
    for line in lines:
        before = out[-1] if out else None
        if (before is not None and before.text and line.text and not line.blank_before and credit_line(line.text)
                and byline_at_end(before.text) is not None):
            credit = line.text[1:-1] if line.text[0] in "（(" and line.text[-1] in "）)" else line.text
            # （记者 甲） / 摄影：乙 as （记者 甲 摄影：乙）: the brackets hold the whole credit
            joined = (f"{before.text[:-1]} {credit}{before.text[-1]}" if before.text[-1] in "）)"
                      else f"{before.text} {credit}")
            out[-1] = before._replace(text=joined, spaced=line.spaced)
        else:
            out.append(line)
    return out


def rejoin_cut_bylines(lines: list[Line]) -> list[Line]:
    """A byline cut by the column's wrap or a column break as one line: （记者：张三 / 李四）, （撰 / 稿：
    张三；审核： / 李四）, and names after an article's last sentence (活动。张三 / 李四 王五 / 赵六)."""
    out: list[Line] = []
    skip: set[int] = set()
    for i, line in enumerate(lines):
        if i in skip:
            continue
        text = line.text
        # most lines: no bracket, no blank, no names after a sentence end — no byline opens there
        run = _byline_run(lines, i) if text and ("（" in text or "(" in text or " " in text or NAMES_AFTER_SENTENCE.search(
            text)) else None
        if run is None:
            out.append(line)
            continue
        text, last = run
        out.append(line._replace(text=text, spaced=lines[last].spaced))
        skip.update(range(i + 1, last + 1))
    return out


def _next_text(lines: list[Line], i: int) -> int | None:
    """The next non-blank line after line `i`, across at most one blank (a column break)."""
    j = i + 1 if i + 1 < len(lines) and lines[i + 1].text else i + 2
    return j if j < len(lines) and lines[j].text else None


def _opens_byline(lines: list[Line], i: int) -> bool:
    """Whether a byline cut by a wrap may open in line `i`: an open bracket, names after the line's last
    sentence end, or a line of names (with blanks between) under a line that ends a sentence."""
    text = lines[i].text
    if _open_bracket(text) or names_after_sentence(text):
        return True
    return " " in text and BYLINE_PIECE.fullmatch(text) is not None and (i == 0 or ends_sentence(lines[i - 1].text))


def _open_bracket(text: str) -> bool:
    """Whether `text` ends inside brackets, full-width or not: （记者 甲 / 乙）."""
    return max(text.rfind("（"), text.rfind("(")) > max(text.rfind("）"), text.rfind(")"))


def names_after_sentence(text: str) -> bool:
    """Whether `text` ends in names after its last sentence end (活动。张三 李四), a byline to look for."""
    return NAMES_AFTER_SENTENCE.search(text) is not None


def _byline_run(lines: list[Line], i: int) -> tuple[str, int] | None:
    """(the joined text, the last line joined) of the longest byline opening in line `i` and running
    on over the next lines; None if none does."""
    text = lines[i].text
    if not text or not _opens_byline(lines, i):
        return None
    bracket = _open_bracket(text)
    best, joins, last = None, [text], i
    for _ in range(BYLINE_RUN_LINES - 1):
        nxt = _next_text(lines, last)
        if nxt is None or not BYLINE_PIECE.fullmatch(lines[nxt].text):
            break
        # Inside brackets a wrap falls between two names or inside one: both are tried, the layer's
        # blanks first. Names alone are told apart by the layer's blanks only.
        spaced = lines[last].spaced or lines[nxt].indented
        glues = (" ", "") if spaced else ("", " ") if bracket else ("",)
        joins = [joined + glue + lines[nxt].text for joined in joins for glue in glues]
        last = nxt
        for joined in joins:
            found = byline_at_end(joined)
            if found and found[0] < len(text):
                best = (joined, last)
                break
    return best
