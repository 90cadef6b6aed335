"""Who wrote an article, where and when: the dateline (or dated lead) opening it, the byline and end mark closing it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg import lexicon
from kg.chars import CJK, TERMINATORS
from kg.layout.lines import Line, ends_sentence, paper_endings

NAME = rf"[{CJK}]{{2,4}}|[{CJK}]{{1,6}}·[{CJK}]{{1,8}}"

NAME_TOKEN = re.compile(rf"(?:{NAME})")

# A two-character name padded to the width of three-character ones (储 佼): one name, not two characters.
SPACED_NAME = rf"[{CJK}][ \t\u3000]{{1,3}}[{CJK}](?![{CJK}])"
_SPACED_NAME = re.compile(rf"(?<![{CJK}])([{CJK}])[ \t\u3000]{{1,3}}([{CJK}])(?![{CJK}])")

CREDIT_SEPARATOR = re.compile(r"[；;]")
NAME_SEPARATORS = re.compile(r"[、，,;；：:\s\u3000]+")

BYLINE_TAIL = re.compile(r"[（(【]([^（）()【】\n]{2,60})[）)】]$")  # （记者 甲） and 【全媒体记者 甲】

BYLINE_MARKS = "■□"  # a mark some papers print before the byline closing an article (…。■甲)

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
        rf"(?P<line>(?:{roles})[ \t]*(?:{name})(?:[ \t、]+(?:(?:{roles})[ \t]*)?(?:{name}))*(?:[ \t]*报道)?)"
        rf"(?=[ \t\n（(：:]|\d|$)"
    )
    return strong, by_reporter


@cache
def _non_writer_roles() -> tuple[str, ...]:
    return lexicon.longest_first("byline_non_writer_roles.txt")


def reporter_names(group: str) -> tuple[str, ...] | None:
    """The names in a byline's brackets, role words dropped; None if something else is in there.

    >>> reporter_names("记者 邓慧敏 胡洋"), reporter_names("上海市精神卫生中心")
    (('邓慧敏', '胡洋'), None)
    >>> reporter_names("撰稿：邓慧敏；审核：胡洋"), reporter_names("记者 邓慧敏 编辑 胡洋 校对 王静")
    (('邓慧敏',), ('邓慧敏',))
    >>> reporter_names("来源：石桥镇 邓慧敏"), reporter_names("来源：江北日报"), reporter_names("来源：新华社")
    (('邓慧敏',), None, None)
    """
    roles = lexicon.longest_first("byline_roles.txt")
    names: list[str] = []
    # 撰稿：甲、乙；审核：丙 — a credit of someone who did not write the text names no reporter
    credits = [part for part in CREDIT_SEPARATOR.split(_SPACED_NAME.sub(_spaced_name, group.strip()))
               if not part.strip().startswith(_non_writer_roles())]
    writing = True  # （记者 甲 编辑 乙 校对 丙）: names after a non-writer's role, up to a writer's, are no reporters
    for token in NAME_SEPARATORS.split(" ".join(credits).strip()):
        role, slash, named = token.partition("/")
        token = named if slash and named and role in roles else role  # 文/某某 names 某某; 某某/文、图 too
        non_writer = next((r for r in _non_writer_roles() if token.startswith(r)), None)
        if non_writer is not None:
            writing = False
            token = token[len(non_writer):]
            if token and not NAME_TOKEN.fullmatch(token):
                return None
            continue
        if not writing and not token.startswith(roles):
            if not NAME_TOKEN.fullmatch(token):
                return None
            continue
        writing = True
        if any(token.endswith(r) and token[: -len(r)].endswith(paper_endings()) for r in roles):
            continue  # 德阳日报记者: the paper and the role, no name
        stripped = True
        while token and stripped:
            stripped = False
            for role in roles:
                if token.startswith(role) and (len(token) == len(role) or len(token) - len(role) >= 2):
                    token, stripped = token[len(role):], True
                    break
        token = token.removesuffix("报道")
        for role in roles:  # 某某摄影报道: a role written after the name
            if token.endswith(role) and len(token) - len(role) >= 2:
                token = token[: -len(role)]
                break
        if not token or _place_or_paper(token):
            continue  # 来源：某某镇 甲 / 来源：某某日报: the unit credited with the name, no name
        if not NAME_TOKEN.fullmatch(token):
            return None
        names.append(token)
    return tuple(names) or None


@cache
def _place_endings() -> tuple[str, ...]:
    return tuple(row[0] for row in lexicon.table("place_suffixes.tsv"))


def _place_or_paper(token: str) -> bool:
    """Whether a byline's token names a place or a paper (郑集镇, 某某日报): three characters at least,
    as two-character names may end in a place's character (木村)."""
    return len(token) >= 3 and (token.endswith(_place_endings() + paper_endings()) or token in _agencies())


@cache
def _agencies() -> frozenset[str]:
    return frozenset(lexicon.words("datelines.txt"))


@cache
def closing_byline() -> re.Pattern[str]:
    """A line that is a byline of its own: 记者：张三 李四, 文字：王五 (a role word opens it),
    张三/文、图 and 张三摄影报道 (a role closes it), or names alone, 张三 李四 王五."""
    roles = _alternatives("byline_roles.txt")
    names = rf"(?:{NAME})(?:[ \t\u3000、]+(?:{NAME}))*"
    spaced = rf"(?:{roles})(?:[ \t\u3000]+|/)(?:{NAME}|{SPACED_NAME})"  # 融媒体记者 甲 / 文/甲, with no colon
    return re.compile(rf"^(?:(?:{roles})[ \t\u3000]*[：:][ \t\u3000]*\S.*"
                      rf"|{spaced}(?:[ \t\u3000、]+(?:(?:{roles})(?:[ \t\u3000]+|/))?(?:{NAME}|{SPACED_NAME}))*"
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
        marked = line.strip()
        if marked[:1] in BYLINE_MARKS:  # ■甲 乙 (no sentence in it): the mark says byline, one name is one too
            names = reporter_names(marked[1:])
            # common surnames only: the rare ones are common words too (■本版编辑, ■要闻)
            return (0, names) if names and all(n.startswith(lexicon.words("surnames.txt")) for n in names) else None
        closing = closing_byline().match(line.strip())
        names = reporter_names(line.strip()) if closing else None
        if names and " " not in line.strip() and len(names) == 1 and line.strip() == names[0]:
            return None  # a lone word is no byline
        if names and closing and not re.search(r"[：:]", closing.group()) and not names[0].startswith(_surnames()):
            return None  # names alone, or after a role with no colon (记者 走进 车间), start with a surname
        return (0, names) if names else None
    before = line[: match.start()].rstrip(" \t\u3000")
    if before and not ends_sentence(before):
        return None
    names = reporter_names(match.group(1))
    return (match.start(), names) if names else None


def _spaced_name(match: re.Match[str]) -> str:
    """储 佼 as 储佼 when it starts with a surname; two words apart (见 图) stay apart."""
    common = lexicon.words("surnames.txt")  # the rare list holds common words (见, 图 …)
    return match.group(1) + match.group(2) if match.group(1).startswith(common) else match.group()


@cache
def _surnames() -> tuple[str, ...]:
    return lexicon.words("surnames.txt") + lexicon.words("surnames_rare.txt")


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
        if names:
            return Dateline(match.group("line"), match.end(), names)
    return None


# A piece of a byline cut by a wrap or a column break: names, roles and their separators, the closing bracket.
BYLINE_PIECE = re.compile(rf"[{CJK}·、：:；; \t\u3000]{{1,24}}[）)]?|[）)]")
NAMES_AFTER_SENTENCE = re.compile(rf"[{TERMINATORS}][{CJK}·、：:；; \t\u3000]{{1,24}}[）)]?$")
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
        run = _byline_run(lines, i) if text and ("（" in text or " " in text or NAMES_AFTER_SENTENCE.search(
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
    if text.rfind("（") > text.rfind("）") or names_after_sentence(text):
        return True
    return " " in text and BYLINE_PIECE.fullmatch(text) is not None and (i == 0 or ends_sentence(lines[i - 1].text))


def names_after_sentence(text: str) -> bool:
    """Whether `text` ends in names after its last sentence end (活动。张三 李四), a byline to look for."""
    return NAMES_AFTER_SENTENCE.search(text) is not None


def _byline_run(lines: list[Line], i: int) -> tuple[str, int] | None:
    """(the joined text, the last line joined) of the longest byline opening in line `i` and running
    on over the next lines; None if none does."""
    text = lines[i].text
    if not text or not _opens_byline(lines, i):
        return None
    bracket = text.rfind("（") > text.rfind("）")
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
