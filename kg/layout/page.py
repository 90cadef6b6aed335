"""A newspaper page's text layer cut into articles: blocks between blanks, headline runs, bylines."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.chars import CJK
from kg.layout.bylines import byline_at_end, closing_byline, dateline_initials, starts_article
from kg.layout.lines import Line, column_width, ends_sentence, join_lines, raw_lines
from kg.layout.parts import HEADLINE_MAX, HEADLINE_MIN, NO_HEADLINE_END, ArticleParts, finish

HEADLINE_RUN_MAX = 3  # blocks: kicker, headline, subtitle
# The rest of a byline cut by a wrap: a few names and the closing bracket.
CUT_BYLINE_TAIL = re.compile(rf"[{CJK}·、：: \t\u3000]{{1,20}}[）)]")


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
    headline_like: bool = False


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
    lines = _rejoin_cut_bylines(lines)
    blocks: list[_Block] = []
    current: _Block | None = None
    initials = dateline_initials()  # most lines cannot open an article: no regex for them
    last = -1  # the last non-blank line before this one
    # A page whose every indented line follows a blank indents only each article's first line;
    # one that indents a line right under another indents paragraphs.
    indent_opens = not any(line.indented and not line.blank_before for line in lines)
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
        elif indent_opens and line.indented and line.blank_before and last >= 0:
            opens = _closes_before(lines, last)
        last = i
        if current is None or opens:
            current = _Block([], opens=opens)
            blocks.append(current)
        byline = byline_at_end(text) if text[-1] in "）)" or closing_byline().match(text) else None
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


def _closes_before(lines: list[Line], last: int) -> bool:
    """Whether line `last` ends what stands before an indented line after a blank: the end of a
    sentence, a byline, or a headline line alone between blanks (a page that indents only the
    first line of each article, where the text has no dateline to open it)."""
    text = lines[last].text
    return (ends_sentence(text) or byline_at_end(text) is not None
            or lines[last].blank_before and _headline_like([lines[last]]))


def _rejoin_cut_bylines(lines: list[Line]) -> list[Line]:
    """A byline in brackets cut by the column's wrap or a column break (（记者：张三 / 李四）) as one line."""
    out: list[Line] = []
    skip: set[int] = set()
    for i, line in enumerate(lines):
        if i in skip:
            continue
        text = line.text
        rest = i + 1 if i + 1 < len(lines) and lines[i + 1].text else i + 2
        if (text and rest < len(lines) and text.rfind("（") > text.rfind("）")
                and CUT_BYLINE_TAIL.fullmatch(lines[rest].text)):
            spaced = lines[rest].start - line.start - len(text) > rest - i  # blanks beside the break
            for glue in (" ", "") if spaced else ("", " "):  # between two names, or a wrap inside one
                joined = text + glue + lines[rest].text
                found = byline_at_end(joined)
                if found and found[0] < len(text):
                    out.append(line._replace(text=joined))
                    skip.update(range(i + 1, rest + 1))
                    break
            else:
                out.append(line)
            continue
        out.append(line)
    return out


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
    blocks = _blocks(raw_lines(text) if isinstance(text, str) else text)
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
        titles = segment.headlines
        parts = finish(joined, anchors, title=titles[0] if titles else None,
                       subtitle=" ".join(titles[1:]) or None, reporters=segment.reporters)
        if parts is not None:
            out.append(parts)
    return out
