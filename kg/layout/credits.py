"""Credits: the names a byline or a credit line gives, role words, units and editors dropped.

A credit names its people after a role word (记者 甲, 撰稿：甲, 文/甲, 记 者 | 甲) or alone in brackets
（甲 乙）; it may name the unit a reporter works for first (江城台记者 甲, 县融媒体中心记者：甲), and it may
name people who did not write the text (编辑, 审核, 一审 …), who are no reporters. Moved out of
`kg.layout.bylines`, which finds where bylines stand; this module reads what one says.
"""

from __future__ import annotations

import re
from functools import cache

from kg import lexicon
from kg.chars import CJK


@cache
def paper_endings() -> tuple[str, ...]:
    # 日报, 晚报, 商报 …: a bare 报 also ends 汇报, 喜报, 捷报, which headlines use
    return tuple(w for w in lexicon.words("publication_suffixes.txt") if len(w) > 1)


NAME = rf"[{CJK}]{{2,4}}|[{CJK}]{{1,6}}·[{CJK}]{{1,8}}"

NAME_TOKEN = re.compile(rf"(?:{NAME})")

# A two-character name padded to the width of three-character ones (储 佼): one name, not two characters.
SPACED_NAME = rf"[{CJK}][ \t\u3000]{{1,3}}[{CJK}](?![{CJK}])"
_SPACED_NAME = re.compile(rf"(?<![{CJK}])([{CJK}])[ \t\u3000]{{1,3}}([{CJK}])(?![{CJK}])")

CREDIT_SEPARATOR = re.compile(r"[；;]")
NAME_SEPARATORS = re.compile(r"[、，,;；：:\s\u3000]+")

CREDIT_SLASH = re.compile(r"[ \t\u3000]+/[ \t\u3000]+")

# A bar some sites print between a credit's role and its names (记者 | 甲, 文丨甲): a colon.
ROLE_BAR = re.compile(r"[ \t\u3000]*[|丨｜][ \t\u3000]*")


@cache
def _spaced_roles() -> re.Pattern[str]:
    """A role word of two or more characters printed with blanks between them (记 者, 编 辑, 一 审),
    before a colon, a bar or a blank: set apart to line up with the names under it."""
    words = {w for name in ("byline_roles.txt", "byline_non_writer_roles.txt") for w in lexicon.words(name)
             if len(w) >= 2 and re.fullmatch(f"[{CJK}]+", w)}
    spaced = "|".join(r"[ \t\u3000]{1,3}".join(map(re.escape, w)) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![{CJK}])(?:{spaced})(?=[ \t\u3000]*[：:|丨｜])")


def normalise_credit(text: str) -> str:
    """A credit with its role words closed up and its bars as colons (记 者 | 甲 乙 → 记者：甲 乙).

    >>> normalise_credit("记 者 | 孙雨 周凯"), normalise_credit("一 审：李红"), normalise_credit("文丨孙雨")
    ('记者：孙雨 周凯', '一审：李红', '文：孙雨')
    >>> normalise_credit("记者 孙雨 / 通讯员 周凯")
    '记者 孙雨 通讯员 周凯'
    >>> normalise_credit("记者走进车间 | 图为现场")
    '记者走进车间 | 图为现场'
    """
    if not any(c in text for c in "|丨｜ \t\u3000"):
        return text
    text = _spaced_roles().sub(lambda m: re.sub(r"[ \t\u3000]", "", m.group()), text)
    text = CREDIT_SLASH.sub(" ", text)  # 记者 甲 / 通讯员 乙: a slash between two credits
    roles = _roles_before_bar()
    return ROLE_BAR.sub("：", text) if roles.search(text) else text


@cache
def _roles_before_bar() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for name in ("byline_roles.txt", "byline_non_writer_roles.txt")
                     for w in lexicon.longest_first(name))
    return re.compile(rf"(?:^|[ \t\u3000])(?:{words})[ \t\u3000]*[|丨｜]")


@cache
def _non_writer_roles() -> tuple[str, ...]:
    return lexicon.longest_first("byline_non_writer_roles.txt")


def _non_writer(text: str, roles: tuple[str, ...]) -> str | None:
    """The non-writer's role `text` opens with (编辑, 审核), unless a writer's role opening it is longer (视频记者)."""
    role = next((r for r in _non_writer_roles() if text.startswith(r)), None)
    writer = next((r for r in roles if text.startswith(r)), "")
    return role if role is not None and len(role) >= len(writer) else None


@cache
def media_units() -> tuple[str, ...]:
    """Endings of a news unit's name that a credit may print before the role (江城台记者, 县融媒体中心记者)."""
    return tuple(sorted(set(paper_endings()) | set(lexicon.words("byline_media_units.txt")), key=len, reverse=True))


def _unit_and_role(token: str, roles: tuple[str, ...]) -> bool:
    """Whether a token is a unit and a role with no name (德阳日报记者, 江城台记者)."""
    return any(token.endswith(r) and token[: -len(r)].endswith(media_units()) for r in roles)


def _names_of(token: str, roles: tuple[str, ...]) -> list[str] | None:
    """The names a token of a credit gives: 文/甲 → 甲, 甲/文 → 甲, 甲/乙 → 甲 乙; None if not names."""
    role, slash, named = token.partition("/")
    if not slash or not named:
        return [role]
    if role in roles:
        return [named]  # 文/某某
    if named in roles or all(part in roles for part in named.split("/")):
        return [role]  # 某某/文
    parts = token.split("/")
    return parts if all(NAME_TOKEN.fullmatch(part) for part in parts) else None  # 甲/乙: two names


def reporter_names(group: str) -> tuple[str, ...] | None:
    """The names in a byline's brackets, role words dropped; None if something else is in there.

    >>> reporter_names("记者 邓慧敏 胡洋"), reporter_names("上海市精神卫生中心")
    (('邓慧敏', '胡洋'), None)
    >>> reporter_names("撰稿：邓慧敏；审核：胡洋"), reporter_names("记者 邓慧敏 编辑 胡洋 校对 王静")
    (('邓慧敏',), ('邓慧敏',))
    >>> reporter_names("来源：石桥镇 邓慧敏"), reporter_names("来源：江北日报"), reporter_names("来源：新华社")
    (('邓慧敏',), None, None)
    >>> reporter_names("邓慧敏/胡洋"), reporter_names("记者会"), reporter_names("江城台记者 邓慧敏")
    (('邓慧敏', '胡洋'), None, ('邓慧敏',))
    >>> reporter_names("县委宣传部 邓慧敏"), reporter_names("新闻联播"), reporter_names("记者 邓慧敏 发自江城")
    (('邓慧敏',), None, ('邓慧敏',))
    """
    roles = lexicon.longest_first("byline_roles.txt")
    names: list[str] = []
    roled = _role_word().search(group) is not None
    # 撰稿：甲、乙；审核：丙 — a credit of someone who did not write the text names no reporter
    credits = [part for part in CREDIT_SEPARATOR.split(_SPACED_NAME.sub(_spaced_name, normalise_credit(group.strip())))
               if _non_writer(part.strip(), roles) is None]
    writing = True  # （记者 甲 编辑 乙 校对 丙）: names after a non-writer's role, up to a writer's, are no reporters
    for whole in NAME_SEPARATORS.split(" ".join(credits).strip()):
        tokens = _names_of(whole, roles)
        if tokens is None:
            return None
        for token in tokens:
            found = _token_name(token, roles, writing)
            if found is None:
                return None
            writing, name = found
            if name:
                names.append(name)
    if not roled and not all(n.startswith(surnames()) or "·" in n for n in names):
        return None  # （新闻联播）, （图片新闻）: with no role word, only names that start with a surname
    return tuple(names) or None


@cache
def _role_word() -> re.Pattern[str]:
    words = {w for name in ("byline_roles.txt", "byline_non_writer_roles.txt") for w in lexicon.words(name)}
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))


def _token_name(token: str, roles: tuple[str, ...], writing: bool) -> tuple[bool, str] | None:
    """(whether what follows is still a writer's credit, the name `token` gives or ""); None if it is
    something other than a name or a role."""
    non_writer = _non_writer(token, roles)
    if non_writer is not None:
        token = token[len(non_writer):]
        return None if token and not NAME_TOKEN.fullmatch(token) else (False, "")
    if not writing and not token.startswith(roles):
        return None if not NAME_TOKEN.fullmatch(token) else (False, "")
    if _unit_and_role(token, roles):
        return True, ""  # 德阳日报记者: the paper and the role, no name
    stripped = True
    while token and stripped:
        stripped = False
        for role in roles:
            if token.startswith(role) and (len(token) == len(role) or len(token) - len(role) >= 2):
                if len(role) == 1 and len(token) > 1 and not token[1:].startswith(surnames()):
                    if token.startswith(lexicon.words("surnames.txt")):
                        break  # 文静怡: a name whose surname is a role's character
                    return None  # 图为会场: a word opening with 图, no role before a name
                token, stripped = token[len(role):], True
                break
            if len(role) >= 2 and token.startswith(role):
                return None  # 记者会, 通讯员站: a word made on a role, no name after it
    token = token.removesuffix("报道")
    if token.startswith("发自") or _dateline_word(token):
        return True, ""  # 记者 甲 发自江城: where the report was filed; 本报讯 before the credit
    for role in roles:  # 某某摄影报道: a role written after the name
        if token.endswith(role) and len(token) - len(role) >= 2:
            token = token[: -len(role)]
            break
    if not token or _place_or_paper(token) or _unit(token):
        return True, ""  # 来源：某某镇 甲 / 来源：某某日报: the unit credited with the name, no name
    return (True, token) if NAME_TOKEN.fullmatch(token) else None


@cache
def _place_endings() -> tuple[str, ...]:
    return tuple(row[0] for row in lexicon.table("place_suffixes.tsv"))


def _place_or_paper(token: str) -> bool:
    """Whether a byline's token names a place or a paper (郑集镇, 某某日报): three characters at least,
    as two-character names may end in a place's character (木村)."""
    return len(token) >= 3 and (token.endswith(_place_endings() + paper_endings()) or token in _agencies())


def _unit(token: str) -> bool:
    """Whether a byline's token names a unit (县委宣传部, 县政府办): a unit's ending, and five characters
    at least or no common surname opening it (王建部 may be a name)."""
    return len(token) >= 3 and token.endswith(_unit_endings()) and (
        len(token) >= 5 or not token.startswith(lexicon.words("surnames.txt")))


@cache
def _unit_endings() -> tuple[str, ...]:
    return lexicon.longest_first("byline_unit_endings.txt")


def _dateline_word(token: str) -> bool:
    """Whether a token is a dateline (本报讯, 新华社电) standing before a credit."""
    return token.endswith(("讯", "电")) and token.startswith(tuple(_agencies()))


@cache
def _agencies() -> frozenset[str]:
    return frozenset(lexicon.words("datelines.txt"))


def _spaced_name(match: re.Match[str]) -> str:
    """储 佼 as 储佼 when it starts with a surname; two words apart (见 图) stay apart."""
    common = lexicon.words("surnames.txt")  # the rare list holds common words (见, 图 …)
    return match.group(1) + match.group(2) if match.group(1).startswith(common) else match.group()


@cache
def surnames() -> tuple[str, ...]:
    return lexicon.words("surnames.txt") + lexicon.words("surnames_rare.txt")


META_DATE = re.compile(r"\d{4}[-/年.]\d{1,2}[-/月.]\d{1,2}日?(?:[ \t\u3000]+\d{1,2}:\d{2}(?::\d{2})?)?")
META_VALUE_MAX = 30


@cache
def _meta_pair() -> re.Pattern[str]:
    words = {w for name in ("layout_meta_labels.txt", "byline_roles.txt", "byline_non_writer_roles.txt")
             for w in lexicon.words(name)}
    labels = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    return re.compile(rf"[【\[]?[ \t\u3000]*(?P<label>{labels})[ \t\u3000]*[：:]")


@cache
def meta_initials() -> frozenset[str]:
    """The characters a site's line of label：value pairs may open with (a label's first, or a date's digit)."""
    return frozenset("0123456789【[") | {w[0] for name in ("layout_meta_labels.txt", "byline_roles.txt",
                                                              "byline_non_writer_roles.txt") for w in lexicon.words(name)}


def meta_credit(line: str) -> str | None:
    """The writers' credit of a news site's line of label：value pairs (发布时间：… 来源：… 作者：甲 浏览次数：…),
    "" when it credits no writer; None when `line` is no such line.

    >>> meta_credit("发布时间：2024-05-08 10:20 来源：县融媒体中心 作者：孙雨 浏览次数：123")
    '作者：孙雨'
    >>> meta_credit("2024-05-08 来源：县政府办 【字体：大 中 小】"), meta_credit("时间紧，任务重：全县上下齐动员")
    ('', None)
    """
    pairs = list(_meta_pair().finditer(line))
    lead = META_DATE.match(line)
    start = lead.end() if lead else 0
    if not pairs or line[start:pairs[0].start()].strip() or len(pairs) + bool(lead) < 2:
        return None
    if not any(p.group("label") in lexicon.word_set("layout_meta_labels.txt") for p in pairs) and not lead:
        return None  # 撰稿：甲 审核：乙 — a byline, read as one
    writers = lexicon.word_set("byline_roles.txt")
    credits = []
    for pair, after in zip(pairs, [*pairs[1:], None], strict=True):
        value = line[pair.end(): after.start() if after else len(line)].strip(" \t\u3000】]")
        if len(value) > META_VALUE_MAX or re.search(r"[。，！？；]", value):
            return None
        credit = f"{pair.group('label')}：{value}"
        if pair.group("label") in writers and value and reporter_names(credit):  # (来源：县政府办 names nobody)
            credits.append(credit)
    return "；".join(credits)
