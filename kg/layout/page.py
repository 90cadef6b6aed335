"""A newspaper page's text layer cut into articles: blocks between blanks, headline runs, bylines."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from kg.layout.bylines import (
    BYLINE_MARKS,
    NAMES_AFTER_SENTENCE,
    byline_at_end,
    closing_byline,
    end_mark,
    join_credit_lines,
    opens_with_date,
    rejoin_cut_bylines,
    split_dateline,
    starts_article,
)
from kg.layout.credits import normalise_credit
from kg.layout.leads import dated_purpose_lead
from kg.layout.lines import Line, column_width, ends_sentence, join_lines, opens_brief, raw_lines
from kg.layout.parts import (
    HEADLINE_MAX,
    HEADLINE_MIN,
    LEAD_CHARS,
    LEAD_SHARED_MIN,
    NO_HEADLINE_END,
    ORDINAL_HEAD,
    ArticleParts,
    bigrams,
    byline_only,
    dateline_end,
    finish,
    main_headline,
)

CLAUSE_MARK = re.compile(r"[，,；;：:。！？]")
HEADLINE_RUN_MAX = 3  # blocks: kicker, headline, subtitle


@dataclass
class Segment:
    """An article's share of a page: its lines, headline lines and byline."""

    lines: list[Line] = field(default_factory=list)
    headlines: list[str] = field(default_factory=list)
    reporters: tuple[str, ...] = ()


@dataclass
class _Block:
    lines: list[Line]
    opens: bool = False  # its first line opens with a dateline
    reporters: tuple[str, ...] = ()  # its last line closes with this byline
    closed: bool = False  # a byline or an end mark (（完）) closes it: the article ends there
    headline_like: bool = False


def _headline_like(lines: list[Line]) -> bool:
    # a numbered subheading (一、提高思想认识) standing between blanks heads a part of its article, no article
    return len(lines) <= HEADLINE_RUN_MAX and not ORDINAL_HEAD.match(lines[0].text) and all(
        HEADLINE_MIN <= len(line.text) <= HEADLINE_MAX and line.text[-1] not in NO_HEADLINE_END
        and not ends_sentence(line.text) and line.text[0] not in "（(" for line in lines
    )


def _headline_above_blank(lines: list[Line], i: int) -> bool:
    """Whether line `i` is a lone headline line: the page's next line is blank or missing."""
    return (i < len(lines) and bool(lines[i].text) and _headline_like([lines[i]])
            and (i + 1 == len(lines) or not lines[i + 1].text))


def _blocks(lines: list[Line]) -> list[_Block]:
    """Runs of non-blank lines, also cut after a byline or an end mark and before an article's opening."""
    lines = join_credit_lines(rejoin_cut_bylines(lines))
    blocks: list[_Block] = []
    current: _Block | None = None
    last = -1  # the last non-blank line before this one
    indent_opens, indents_after_blank = _indents(lines)
    for i, line in enumerate(lines):
        text = line.text
        if not text:
            current = None
            continue
        opens = False
        if starts_article(text):  # (a paper by its name too: 汕尾日报讯)
            previous = lines[i - 1].text if i else ""
            opens = starts_article(text, strong_only=True) or (
                line.indented or not previous or ends_sentence(previous) or byline_at_end(previous) is not None)
        elif last >= 0 and _opens_marked_item(lines, last, text):
            opens = True
        elif line.blank_before and last >= 0 and (indent_opens and line.indented or not indents_after_blank
                                                  and (opens_with_date(text) or dated_purpose_lead(lines, i))):
            opens = _closes_before(lines, last)
        last = i
        if blocks and _dateline_alone(blocks[-1]) and (current is None or opens):
            current = blocks[-1]  # 新华社北京5月8日电 记者甲 on a line of its own: the text under it is its article's
        elif current is None or opens:
            current = _Block([], opens=opens)
            blocks.append(current)
        mark = end_mark(text)
        if mark:
            text = text[: -len(mark)].rstrip(" \t\u3000")
            line = line._replace(text=text)
        byline = byline_at_end(text) if text and (text[-1] in "）)" or text[0] in BYLINE_MARKS + "—－"
                                                  or closing_byline().match(normalise_credit(text))
                                                  or NAMES_AFTER_SENTENCE.search(text)) else None
        if byline is None and opens and byline_only(text):  # ●本报记者 甲 乙: a marked byline line
            found = split_dateline(text)
            byline = (0, found.reporters) if found else None
        following = lines[i + 1] if i + 1 < len(lines) else None
        closes = bool(mark)
        if byline and byline[0] == 0 and not mark and current.lines and _headline_like(current.lines):
            byline = None  # 本报记者 甲 乙 right under its headline opens the article: `finish` reads it there
        if byline and (mark or byline[0] == 0 or following is None or not following.text or following.indented
                       or starts_article(following.text) or _headline_above_blank(lines, i + 1)):
            cut, current.reporters = byline
            text = text[:cut].rstrip(" \t\u3000")
            line = Line(text, line.start, line.indented, line.blank_before)
            closes = True
        if text:
            current.lines.append(line)
        if closes:
            current.closed = True
            current = None
    blocks = _split_glued_headlines(blocks)
    for block in blocks:
        block.headline_like = bool(block.lines) and not block.opens and not block.closed and _headline_like(
            block.lines)
    return blocks


def _opens_marked_item(lines: list[Line], last: int, text: str) -> bool:
    """Whether a line opens the next item of a column of briefs after line `last`, which ended a sentence: it
    opens with a brief's marker (◆5月9日，… / ■城南镇开展整治) or a headline in brackets (【城南镇开展整治】…),
    and is no marked byline (■孙雨 周凯)."""
    if not (opens_brief(text) or text.startswith("【") and "】" in text[3:42]) or not ends_sentence(lines[last].text):
        return False
    found = byline_at_end(text)
    return found is None or found[0] > 0


def _dateline_alone(block: _Block) -> bool:
    """Whether a block is an article's dateline alone (本报讯 / 新华社北京5月8日电 记者甲), its text still to come."""
    return block.opens and not block.closed and len(block.lines) == 1 and dateline_end(block.lines[0].text) >= len(
        block.lines[0].text)


def _indents(lines: list[Line]) -> tuple[bool, bool]:
    """Whether the page indents only each article's first line (after a blank), not its paragraphs;
    and whether it indents any line after a blank (where it does, a lead it does not indent — 5月9日上午，
    after a column break — continues the article; a page that indents nothing opens one there).

    A page that indents paragraphs indents lines right under a paragraph's short last line. A line
    indented under a longer one is no such sign: a space the text kept (。 会议指出) wrapped to the
    head of the next line, which the space shortens.
    """
    openers, paragraphs = int(bool(lines) and lines[0].indented), 0
    for above, line in pairwise(lines):
        if line.indented:
            if line.blank_before:
                openers += 1
            elif len(above.text) < len(line.text):
                paragraphs += 1
    return paragraphs * 3 <= openers, openers > int(bool(lines) and lines[0].indented)


def _closes_before(lines: list[Line], last: int) -> bool:
    """Whether line `last` ends what stands before an indented line after a blank: the end of a
    sentence, a byline, or a headline alone between blanks — or a headline with its kicker, with no
    clause mark in them (a column's tail cut from a sentence, 要抓好 / 工作，确保, is none) — on a page
    that indents only the first line of each article, where the text has no dateline to open it."""
    text = lines[last].text
    if ends_sentence(text) or byline_at_end(text) is not None:
        return True
    top = last
    while top > 0 and not lines[top].blank_before and last - top < HEADLINE_RUN_MAX:
        top -= 1
    run = lines[top: last + 1]
    return lines[top].blank_before and _headline_like(run) and (
        len(run) == 1 or not any(CLAUSE_MARK.search(line.text) for line in run))


def _split_glued_headlines(blocks: list[_Block]) -> list[_Block]:
    """A headline set right under the last line of a text, no blank between: its own block.

    Only before a dateline or at the end of the page, and only after a line that ends a sentence.
    """
    out: list[_Block] = []
    for i, block in enumerate(blocks):
        after = i + 1
        while (after < len(blocks) and after - i <= HEADLINE_RUN_MAX and not blocks[after].opens
               and not blocks[after].closed and _headline_like(blocks[after].lines)):
            after += 1
        before_article = after == len(blocks) or blocks[after].opens
        tail = 0
        if before_article and not block.closed:
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
    return block.closed or (bool(block.lines) and ends_sentence(block.lines[-1].text))


def _headline_runs(blocks: list[_Block]) -> dict[int, int]:
    """Start → end (exclusive) of each run of headline blocks standing between articles.

    A run stands between articles when an article opens after it (a dateline, an indented lead), when
    it opens the page or follows a byline — or, with no such sign, when no clause mark stands in it:
    a column's first line cut from a sentence (强调，为人民幸) is no headline.
    """
    runs: dict[int, int] = {}
    i = 0
    while i < len(blocks):
        if blocks[i].headline_like and (i == 0 or _ends_paragraph(blocks[i - 1])):
            j = i + 1
            while j < len(blocks) and blocks[j].headline_like and j - i < HEADLINE_RUN_MAX:
                j += 1
            if j == len(blocks) or blocks[j].opens or i == 0 or blocks[i - 1].closed or not any(
                    CLAUSE_MARK.search(line.text) for block in blocks[i:j] for line in block.lines):
                runs[i] = j
                i = j
                continue
        i += 1
    return runs


def _headlines_first(blocks: list[_Block], runs: dict[int, int]) -> bool:
    """Whether the page prints headlines before their articles.

    It does if it opens with a headline and does not end with one, and not if it ends with one and
    does not open with one. Where every headline stands between two articles (the first article or
    the last has none), the headlines tell: a headline repeats words of its own article's lead, so
    the page prints them first when they share more with the leads after them (and a few words at
    least) than with the leads of the articles before them.
    """
    opens, ends = 0 in runs, len(blocks) in runs.values()
    if opens != ends:
        return opens
    if opens:
        return False
    before = after = 0
    run_ends = set(runs.values())
    for i, j in runs.items():
        words = bigrams("".join(line.text for block in blocks[i:j] for line in block.lines))
        start = i - 1  # where the article the run follows begins
        while start > 0 and not blocks[start].opens and not blocks[start - 1].closed and start not in run_ends:
            start -= 1
        following = min((k for k in runs if k >= j), default=len(blocks))  # the next headlines are no lead
        before += len(words & bigrams(_lead(blocks, start, i)))
        after += len(words & bigrams(_lead(blocks, j, following)))
    return after > before and after >= LEAD_SHARED_MIN


def _lead(blocks: list[_Block], start: int, stop: int) -> str:
    """The first LEAD_CHARS characters of the text in blocks[start:stop]."""
    text = ""
    for block in blocks[start:stop]:
        for line in block.lines:
            text += line.text
            if len(text) >= LEAD_CHARS:
                return text[:LEAD_CHARS]
    return text


def segment_page(text: str | list[Line]) -> list[Segment]:
    """The articles of a page (its text or its lines), in order, each with its lines, headline lines and byline."""
    blocks = _blocks(raw_lines(text) if isinstance(text, str) else text)
    runs = _headline_runs(blocks)
    headline_first = _headlines_first(blocks, runs)
    segments: list[Segment] = []
    pending: list[str] = []
    byline: tuple[str, ...] = ()
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
        if block.closed and not block.lines:  # a byline alone: under a headline (记者 甲 报道), or opening the
            # text after it (本报记者 甲), or closing the article above (通讯员 甲, then the next headline)
            if segments and current is None and _closes_previous(blocks, i, runs):
                segments[-1].reporters = tuple(dict.fromkeys(segments[-1].reporters + block.reporters))
            elif current is None or block.opens and i + 1 < len(blocks) and i + 1 not in runs:
                byline = block.reporters
            else:
                current.reporters = tuple(dict.fromkeys(current.reporters + block.reporters))
            current, i = None, i + 1
            continue
        if current is None or block.opens:
            current = Segment(headlines=pending if headline_first else [], reporters=byline)
            pending, byline = [], ()
            segments.append(current)
        current.lines.extend(block.lines)
        if block.closed:
            current.reporters = tuple(dict.fromkeys(current.reporters + block.reporters))
            current = None
        i += 1
    return segments


def _closes_previous(blocks: list[_Block], i: int, runs: dict[int, int]) -> bool:
    """Whether a byline standing alone between blanks (■记者 甲) closes the article above it: it follows
    that article's last sentence and comes before the next headline or the page's end, not after a headline."""
    in_runs = any(start <= i - 1 < end for start, end in runs.items())
    return (i > 0 and not in_runs and bool(blocks[i - 1].lines) and ends_sentence(blocks[i - 1].lines[-1].text)
            and (i + 1 == len(blocks) or i + 1 in runs))


def page_articles(text: str) -> list[ArticleParts]:
    """The articles of a newspaper page's text layer."""
    lines = raw_lines(text)
    width = column_width([len(line.text) for line in lines if line.text])
    out = []
    for segment in segment_page(lines):
        if not segment.lines or not segment.reporters and sum(len(line.text) for line in segment.lines) < HEADLINE_MIN:
            continue  # a page label (要闻, A1) standing alone
        own = column_width([len(line.text) for line in segment.lines]) if len(segment.lines) >= 8 else width
        joined, anchors = join_lines(segment.lines, own)
        title, subtitle = main_headline(segment.headlines, joined)
        parts = finish(joined, anchors, title=title, subtitle=subtitle, reporters=segment.reporters)
        if parts is not None:
            out.append(parts)
    return out
