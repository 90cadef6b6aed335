"""Segmentation, in one place: a text cut into articles with headline, byline, dateline and paragraphs.

Three shapes of text (`kg.read` decides which): a newspaper page's text layer
(`page_articles`), a clean article file (`article_file_articles`) and one
article's body from a JSON Lines record (`body_article`). The rest of this
note is about pages, the hard one.

A PDF text layer gives lines wrapped at the column width, with blank lines
where a column ends; those are not paragraph breaks and can fall inside a word
or a quotation. A paragraph ends with a short line that ends a sentence, or
before an indented line, or at a blank after a sentence end; any other line
break is a wrap and is joined. An article opens with a dateline (本报讯,
新华社北京4月9日电, 本报记者 张三…) and ends with a byline in brackets
（张三、李四）; its headline (and subtitle) are short blocks standing alone between
blank lines that do not end a sentence: printed after the byline by some
papers, before the dateline by others — which one a page uses is read from
where its first article's headline stands.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple

from kg import lexicon
from kg.chars import CJK, CLOSERS, TERMINATORS

NO_HEADLINE_END = TERMINATORS + "，,；;：:、"
SENTENCE_TAIL = frozenset(TERMINATORS + CLOSERS)
CJK_PUNCT = r"\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2014-\u2027"
NAME = rf"[{CJK}]{{2,4}}|[{CJK}]{{1,6}}·[{CJK}]{{1,8}}"
NAME_TOKEN = re.compile(rf"(?:{NAME})")
NAME_SEPARATORS = re.compile(r"[、，,;；：:\s\u3000]+")
BYLINE_TAIL = re.compile(r"[（(]([^（）()\n]{2,60})[）)]$")
DATE_PART = r"(?:\d{1,2}[ \t]*月[ \t]*)?\d{1,2}[ \t]*日"
# Spaces the text layer puts beside CJK characters ("12 月 28日", "75 周年", "5G 网络"); Latin words keep theirs.
SPACE_BETWEEN = re.compile(
    rf"(?<=[{CJK}{CJK_PUNCT}])[ \t\u3000\xa0]+(?=[^\s])|(?<=[^\s])[ \t\u3000\xa0]+(?=[{CJK}{CJK_PUNCT}])")
BLANKS = re.compile(r"[ \t\u3000\xa0]+")
# Page furniture: the date line with its weekday, a page number (第3版, A2版).
PAGE_FURNITURE = re.compile(
    r"(?:\d{4}[ \t]*年[ \t]*\d{1,2}[ \t]*月[ \t]*\d{1,2}[ \t]*日[ \t]*)?(?:星期|周)[一二三四五六日天].{0,20}"
    r"|第?[ \t]*[A-Z]?\d{1,3}[ \t]*版.{0,12}")
PAPER_NAME_MAX = 8
HEADLINE_MIN = 4  # characters: 要闻, A1 and other page furniture are shorter
HEADLINE_MAX = 40  # characters of one headline line; longer is a paragraph of a clean file
HEADLINE_RUN_MAX = 3  # blocks: kicker, headline, subtitle
# A subheading inside a clean article (一、… （二）… 第三，…) is not the headline of a new article.
ORDINAL_HEAD = re.compile(r"^(?:[一二三四五六七八九十]+[、是]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]|第[一二三四五六七八九十]+)")


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
    name = f"(?!报道)(?:{NAME})"
    strong = re.compile(rf"(?P<line>据?(?:{agencies}){place}[ \t]*(?:{DATE_PART})?[ \t]*(?:电|讯|消息)(?![息话号费视脑力子影台])){bracket}")
    by_reporter = re.compile(
        rf"(?P<line>(?:{roles})[ \t]*(?:{name})(?:[ \t、]+(?:(?:{roles})[ \t]*)?(?:{name}))*(?:[ \t]*报道)?)"
        rf"(?=[ \t\n（(：:]|\d|$)"
    )
    return strong, by_reporter


BRIEF_MARKERS = "◆◇■□●○▲△★☆▶►"  # a column of briefs opens each one with a marker (◆9月23日，…)


def opens_brief(line: str) -> bool:
    """Whether a line opens one brief of a column of briefs: it starts with a marker.

    >>> opens_brief("◆9月23日，我县召开调度会。"), opens_brief("会议强调，要抓好落实。")
    (True, False)
    """
    return line.lstrip()[:1] in BRIEF_MARKERS if line.strip() else False


def ends_sentence(text: str) -> bool:
    """Whether `text` ends a sentence (closing quotes and brackets after the mark allowed).

    >>> ends_sentence("落地见效。”"), ends_sentence("抓住一切有利时")
    (True, False)
    """
    stripped = text.rstrip().rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in TERMINATORS


def reporter_names(group: str) -> tuple[str, ...] | None:
    """The names in a byline's brackets, role words dropped; None if something else is in there.

    >>> reporter_names("记者 邓慧敏 胡洋"), reporter_names("上海市精神卫生中心")
    (('邓慧敏', '胡洋'), None)
    """
    roles = lexicon.longest_first("byline_roles.txt")
    names: list[str] = []
    for token in NAME_SEPARATORS.split(group.strip()):
        token = token.split("/")[0]  # 某某/文、图
        if any(token.endswith(r) and token[: -len(r)].endswith(_paper_endings()) for r in roles):
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
        if not token:
            continue
        if not NAME_TOKEN.fullmatch(token):
            return None
        names.append(token)
    return tuple(names) or None


@cache
def _closing_byline() -> re.Pattern[str]:
    """A line that is a byline of its own: 记者：张三 李四, 文字：王五 (a role word opens it),
    张三/文、图 and 张三摄影报道 (a role closes it), or names alone, 张三 李四 王五."""
    roles = _alternatives("byline_roles.txt")
    names = rf"(?:{NAME})(?:[ \t\u3000、]+(?:{NAME}))*"
    return re.compile(rf"^(?:(?:{roles})[ \t\u3000]*[：:][ \t\u3000]*\S.*"
                      rf"|{names}[ \t\u3000]*(?:/[文图、]+|(?:{roles})?报道|摄影?)"
                      rf"|[{CJK}]{{2,3}}(?:[ \t\u3000]+[{CJK}]{{2,3}})+)$")


def byline_at_end(line: str) -> tuple[int, tuple[str, ...]] | None:
    """`(start, names)` of a byline closing `line` — alone, or after a sentence end — else None.

    >>> byline_at_end("记者：李明 王芳"), byline_at_end("会议强调，要抓好落实。（周文 陈立）")
    ((0, ('李明', '王芳')), (11, ('周文', '陈立')))
    """
    match = BYLINE_TAIL.search(line)
    if not match:
        last_end = max(line.rfind(c) for c in TERMINATORS)
        if last_end >= 0 and line[last_end + 1:].strip():  # 活动。张三 李四: names after the last sentence
            found = byline_at_end(line[last_end + 1:])
            return (last_end + 1, found[1]) if found else None
        closing = _closing_byline().match(line.strip())
        names = reporter_names(line.strip()) if closing else None
        if names and " " not in line.strip() and len(names) == 1 and line.strip() == names[0]:
            return None  # a lone word is no byline
        if names and closing and not closing.group().startswith(tuple(lexicon.words("byline_roles.txt"))) and \
                not names[0].startswith(tuple(lexicon.words("surnames.txt"))):
            return None  # names alone (or with a closing role) start with a surname
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
        if names:
            return Dateline(match.group("line"), match.end(), names)
    return None


_PAPER_DATELINE_HINT = re.compile(r"报[^，。]{0,14}(?:讯|电)")  # 长沙晚报讯, 南方日报广州6月11日电


@cache
def _dateline_initials() -> frozenset[str]:
    return frozenset(word[0] for name in ("datelines.txt", "byline_dateline_roles.txt") for word in lexicon.words(name))


def starts_article(line: str, *, strong_only: bool = False) -> bool:
    """Whether a (stripped) line opens with a dateline (`strong_only`: an agency's, not 本报记者 张三)."""
    if not line or (line[0] not in _dateline_initials() and not _PAPER_DATELINE_HINT.search(line, 0, 30)):
        return False  # most lines: no regex needed
    if strong_only:
        return _dateline_patterns()[0].match(line) is not None
    return split_dateline(line) is not None


def column_width(lengths: list[int]) -> int:
    """The width a page's columns wrap at: the commonest line length (the wider on a tie).

    >>> column_width([14, 15, 15, 3, 14, 16])
    15
    """
    counts = Counter(n for n in lengths if n > 3)
    if not counts:
        return max(lengths, default=0)
    top = max(counts.values())
    return max(n for n, c in counts.items() if c == top)


def remove_layout_spaces(text: str) -> str:
    """Drop blanks the text layer puts beside CJK characters; keep them between Latin words.

    >>> remove_layout_spaces("12 月 28日，成立 75 周年 Apple Watch 发布")
    '12月28日，成立75周年Apple Watch发布'
    """
    return SPACE_BETWEEN.sub("", text)


class Line(NamedTuple):
    text: str  # without surrounding blanks
    start: int  # offset of text[0] in the document
    indented: bool = False
    blank_before: bool = False


@dataclass
class Segment:
    """An article's share of a page: its lines, headline lines and byline."""

    lines: list[Line] = field(default_factory=list)
    headlines: list[str] = field(default_factory=list)
    reporters: tuple[str, ...] = ()


def join_lines(lines: list[Line], width: int, *, blank_breaks: bool = False) -> tuple[str, list[tuple[int, int]]]:
    """Reflow: lines joined into paragraphs ("\\n" between), with `(position, source offset)` of each line.

    A break is a paragraph break when the line before ends a sentence and is
    shorter than the column `width` or is followed by a blank or an indented
    line, or when a line well short of the width (a subheading) is followed by
    a blank; otherwise it is a wrap and is joined. `blank_breaks`: every blank
    line is a paragraph break (clean files have no column breaks).

    >>> join_lines([Line("甲乙丙丁戊", 0), Line("己。", 6), Line("庚辛", 9, blank_before=True)], 5)[0]
    '甲乙丙丁戊己。\\n庚辛'
    """
    parts: list[str] = []
    anchors: list[tuple[int, int]] = []
    position = 0
    for i, line in enumerate(lines):
        if i:
            before = lines[i - 1].text
            if (blank_breaks and line.blank_before
                    or before[-1] in SENTENCE_TAIL and ends_sentence(before) and (line.blank_before or line.indented or len(before) < width)
                    or (line.blank_before or line.indented) and len(before) <= width * 2 // 3):
                parts.append("\n")
                position += 1
        anchors.append((position, line.start))
        parts.append(line.text)
        position += len(line.text)
    return "".join(parts), anchors


@dataclass
class _Block:
    lines: list[Line]
    opens: bool = False  # its first line opens with a dateline
    reporters: tuple[str, ...] = ()  # its last line closes with this byline
    headline_like: bool = False


@dataclass(frozen=True)
class ArticleParts:
    """One article as the layout gives it, before it becomes a `kg.model.Article`."""

    body: str
    body_offset: int
    title: str | None = None
    subtitle: str | None = None
    dateline: str | None = None
    reporters: tuple[str, ...] = ()


@cache
def _paper_endings() -> tuple[str, ...]:
    # 日报, 晚报, 商报 …: a bare 报 also ends 汇报, 喜报, 捷报, which headlines use
    return tuple(w for w in lexicon.words("publication_suffixes.txt") if len(w) > 1)


def _is_noise(line: str, page_head: bool) -> bool:
    if line.startswith(lexicon.words("layout_noise.txt")):
        return True
    if page_head and len(line) <= PAPER_NAME_MAX and line.endswith(_paper_endings()):
        return True  # the paper's name above the page's first text
    return len(line) <= 40 and ("版" in line or "星期" in line or "周" in line) and bool(PAGE_FURNITURE.fullmatch(line))


def _raw_lines(text: str) -> list[Line]:
    """Every line of the text; blank (and page-furniture) lines have empty text."""
    out: list[Line] = []
    append = out.append
    offset = 0
    blank_before = True
    page_head = True
    for raw in text.splitlines(keepends=True):
        stripped = raw.strip()
        if (stripped and (stripped[0] in _noise_initials() or len(stripped) <= PAPER_NAME_MAX)
                and _is_noise(stripped, page_head)):
            stripped = ""
        page_head = page_head and not stripped
        lead = raw.find(stripped[:1]) if stripped else 0
        append(Line(stripped, offset + lead, lead > 0, blank_before))
        blank_before = not stripped
        offset += len(raw)
    return out


@cache
def _noise_initials() -> frozenset[str]:
    return frozenset(word[0] for word in lexicon.words("layout_noise.txt")) | set("0123456789第星周ABCDEFGH")


def _headline_like(lines: list[Line]) -> bool:
    return len(lines) <= HEADLINE_RUN_MAX and all(
        HEADLINE_MIN <= len(line.text) <= HEADLINE_MAX and line.text[-1] not in NO_HEADLINE_END
        and not ends_sentence(line.text) and line.text[0] not in "（(" for line in lines
    )


def _headline_above_blank(lines: list[Line], i: int) -> bool:
    """Whether line `i` is a lone headline line: the page's next line is blank or missing."""
    return (i < len(lines) and bool(lines[i].text) and _headline_like([lines[i]])
            and (i + 1 == len(lines) or not lines[i + 1].text))


def _blocks(lines: list[Line]) -> list[_Block]:
    """Runs of non-blank lines, also cut after a byline and before a dateline."""
    blocks: list[_Block] = []
    current: _Block | None = None
    initials = _dateline_initials()  # most lines cannot open an article: no regex for them
    for i, line in enumerate(lines):
        text = line.text
        if not text:
            current = None
            continue
        opens = False
        if text[0] in initials and starts_article(text):
            previous = lines[i - 1].text if i else ""
            opens = starts_article(text, strong_only=True) or (
                line.indented or not previous or ends_sentence(previous) or byline_at_end(previous) is not None)
        if current is None or opens:
            current = _Block([], opens=opens)
            blocks.append(current)
        byline = byline_at_end(text) if text[-1] in "）)" or _closing_byline().match(text) else None
        following = lines[i + 1] if i + 1 < len(lines) else None
        if byline and (byline[0] == 0 or following is None or not following.text or following.indented
                       or starts_article(following.text) or _headline_above_blank(lines, i + 1)):
            cut, names = byline
            kept = text[:cut].rstrip(" \t\u3000")
            if kept:
                current.lines.append(Line(kept, line.start, line.indented, line.blank_before))
            current.reporters = names
            current = None
            continue
        current.lines.append(line)
    blocks = _split_glued_headlines(blocks)
    for block in blocks:
        block.headline_like = bool(block.lines) and not block.opens and not block.reporters and _headline_like(
            block.lines)
    return blocks


def _split_glued_headlines(blocks: list[_Block]) -> list[_Block]:
    """A headline set right under the last line of a text, no blank between: its own block.

    Only before a dateline or at the end of the page, and only after a line that ends a sentence.
    """
    out: list[_Block] = []
    for i, block in enumerate(blocks):
        after = i + 1
        while (after < len(blocks) and after - i <= HEADLINE_RUN_MAX and not blocks[after].opens
               and not blocks[after].reporters and _headline_like(blocks[after].lines)):
            after += 1
        before_article = after == len(blocks) or blocks[after].opens
        tail = 0
        if before_article and not block.reporters:
            while (tail < 2 and tail + 1 < len(block.lines) and _headline_like(block.lines[-tail - 1:])
                   and ends_sentence(block.lines[-tail - 2].text)):
                tail += 1
        if tail:
            out.append(_Block(block.lines[:-tail], opens=block.opens))
            out.append(_Block(block.lines[-tail:]))
        else:
            out.append(block)
    return out


def _ends_paragraph(block: _Block) -> bool:
    return bool(block.reporters) or (bool(block.lines) and ends_sentence(block.lines[-1].text))


def _headline_runs(blocks: list[_Block]) -> dict[int, int]:
    """Start → end (exclusive) of each run of headline blocks standing between articles."""
    runs: dict[int, int] = {}
    i = 0
    while i < len(blocks):
        if blocks[i].headline_like and (i == 0 or _ends_paragraph(blocks[i - 1])):
            j = i + 1
            while j < len(blocks) and blocks[j].headline_like and j - i < HEADLINE_RUN_MAX:
                j += 1
            if j == len(blocks) or blocks[j].opens or i == 0 or blocks[i - 1].reporters:
                runs[i] = j
                i = j
                continue
        i += 1
    return runs


def segment_page(text: str | list[Line]) -> list[Segment]:
    """The articles of a page (its text or its lines), in order, each with its lines, headline lines and byline."""
    blocks = _blocks(_raw_lines(text) if isinstance(text, str) else text)
    runs = _headline_runs(blocks)
    # The page prints headlines before their articles if it opens with one and does not end with one.
    headline_first = 0 in runs and len(blocks) not in runs.values()
    segments: list[Segment] = []
    pending: list[str] = []
    current: Segment | None = None
    i = 0
    while i < len(blocks):
        if i in runs:
            titles = [line.text for block in blocks[i: runs[i]] for line in block.lines]
            if headline_first:
                pending = titles
            elif segments and not segments[-1].headlines:
                segments[-1].headlines = titles
            current, i = None, runs[i]
            continue
        block = blocks[i]
        if current is None or block.opens:
            current = Segment(headlines=pending if headline_first else [])
            pending = []
            segments.append(current)
        current.lines.extend(block.lines)
        if block.reporters:
            current.reporters = block.reporters
            current = None
        i += 1
    return segments


def _source_offset(anchors: list[tuple[int, int]], position: int) -> int:
    """Offset in the document of reflowed `position` (anchors: each line's start, in order)."""
    lo, hi = 0, len(anchors) - 1
    while lo < hi:  # the last anchor at or before `position`
        mid = (lo + hi + 1) // 2
        if anchors[mid][0] <= position:
            lo = mid
        else:
            hi = mid - 1
    at, source = anchors[lo]
    return source + position - at


def _union(*groups: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(name for group in groups for name in group))


def _datelines(text: str) -> tuple[list[Dateline], int]:
    """The datelines opening `text` (本报讯 then 记者 张三 报道：, at most three) and where the body starts."""
    found: list[Dateline] = []
    start = 0
    while len(found) < 3:
        dateline = split_dateline(text[start:])
        if dateline is None:
            break
        found.append(dateline)
        start += dateline.end
        while start < len(text) and (text[start].isspace() or text[start] in "：:"):
            start += 1
    while start < len(text) and text[start].isspace():
        start += 1
    return found, start


def finish(text: str, anchors: list[tuple[int, int]], *, title: str | None = None, subtitle: str | None = None,
           reporters: tuple[str, ...] = ()) -> ArticleParts | None:
    """An article from its reflowed text: datelines off the start, layout spaces out; None if no body."""
    datelines, start = _datelines(text)
    body = remove_layout_spaces(text[start:]).rstrip()
    if not body:
        return None
    return ArticleParts(
        body=body,
        body_offset=_source_offset(anchors, start),
        title=title,
        subtitle=subtitle,
        dateline=BLANKS.sub(" ", " ".join(d.text for d in datelines)).strip() or None,
        reporters=_union(*(d.reporters for d in datelines), reporters),
    )


def page_articles(text: str) -> list[ArticleParts]:
    """The articles of a newspaper page's text layer."""
    lines = _raw_lines(text)
    width = column_width([len(line.text) for line in lines if line.text])
    out = []
    for segment in segment_page(lines):
        if not segment.lines or not segment.reporters and sum(len(line.text) for line in segment.lines) < HEADLINE_MIN:
            continue  # a page label (要闻, A1) standing alone
        own = column_width([len(line.text) for line in segment.lines]) if len(segment.lines) >= 8 else width
        joined, anchors = join_lines(segment.lines, own)
        titles = segment.headlines
        parts = finish(joined, anchors, title=titles[0] if titles else None,
                       subtitle=" ".join(titles[1:]) or None, reporters=segment.reporters)
        if parts is not None:
            out.append(parts)
    return out


# --- clean article files and JSON Lines bodies -------------------------------------------------
def _headline_line(line: Line) -> bool:
    text = line.text
    return (len(text) <= HEADLINE_MAX and not ends_sentence(text) and text[-1] not in "，,；;：:、"
            and not starts_article(text) and byline_at_end(text) is None)


def _opens_next(lines: list[Line], i: int) -> bool:
    """Whether line `i` sits between a sentence end and a dateline: a headline with no blank around it."""
    return (0 < i < len(lines) - 1 and ends_sentence(lines[i - 1].text)
            and bool(lines[i + 1].text) and starts_article(lines[i + 1].text))


def article_file_articles(text: str) -> list[ArticleParts]:
    """Clean article files: headline (and subtitle) lines, then body paragraphs; articles one after another.

    A headline line after a blank line (or a byline) opens a new article,
    unless it reads as a numbered subheading of the article it is in.
    """
    lines = _raw_lines(text)
    groups: list[tuple[list[str], list[Line], tuple[str, ...]]] = []  # (headlines, body lines, reporters)
    after_break = True
    for i, line in enumerate(lines):
        if not line.text:
            after_break = True
            continue
        heading = _headline_line(line)
        continues_heading = bool(groups) and not groups[-1][1] and heading and len(groups[-1][0]) < 3
        if continues_heading:
            groups[-1][0].append(line.text)
        elif heading and (after_break or not groups or _opens_next(lines, i)) and not (
                groups and groups[-1][1] and not groups[-1][2] and ORDINAL_HEAD.match(line.text)):
            groups.append(([line.text], [], ()))
        else:
            if not groups or groups[-1][2] or (opens_brief(line.text) and groups[-1][1]):
                groups.append(([], [], ()))
            byline = byline_at_end(line.text)
            following = lines[i + 1].text if i + 1 < len(lines) else ""
            if byline and (not following or _headline_line(lines[i + 1]) or starts_article(following)):
                kept = line.text[: byline[0]].rstrip()
                if kept:
                    groups[-1][1].append(Line(kept, line.start, line.indented, line.blank_before))
                groups[-1] = (groups[-1][0], groups[-1][1], byline[1])
            else:
                groups[-1][1].append(line)
        after_break = bool(groups and groups[-1][2])
    out = []
    for headlines, body_lines, reporters in groups:
        if not body_lines:
            continue
        joined, anchors = join_lines(body_lines, width=10**9, blank_breaks=True)  # every sentence end at a line end is a paragraph
        part = finish(joined, anchors, title=headlines[0] if headlines else None,
                      subtitle=" ".join(headlines[1:]) or None, reporters=reporters)
        if part is not None:
            out.append(part)
    return out


def body_article(text: str) -> ArticleParts | None:
    """One article's body as a clean text (a JSON record's): paragraphs, a dateline, a closing byline."""
    lines = [line for line in _raw_lines(text) if line.text]
    reporters: tuple[str, ...] = ()
    byline = byline_at_end(lines[-1].text) if lines else None
    if byline:
        last = lines.pop()
        kept = last.text[: byline[0]].rstrip()
        if kept:
            lines.append(Line(kept, last.start, last.indented, last.blank_before))
        reporters = byline[1]
    if not lines:
        return None
    joined, anchors = join_lines(lines, width=10**9, blank_breaks=True)
    return finish(joined, anchors, reporters=reporters)
