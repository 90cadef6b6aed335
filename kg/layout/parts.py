"""One article's parts as the layout gives them: body, headline, subtitle, dateline, reporters."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.chars import CJK, TERMINATORS
from kg.layout.bylines import Dateline, split_dateline
from kg.layout.lines import BLANKS, ends_sentence, remove_layout_spaces, source_offset

NO_HEADLINE_END = TERMINATORS + "，,；;：:、"

HEADLINE_MIN = 4  # characters: 要闻, A1 and other page furniture are shorter

HEADLINE_MAX = 40  # characters of one headline line; longer is a paragraph of a clean file

HEADLINE_MARKS = "◆◇■□●○▲△★☆▶►"  # a digest's marker before its headline (■全县部署春耕) is no part of it

# A subheading inside an article (一、… （二）… 3. … 第三，…) or a measure of a list (一是…), not the headline of a new article.
ORDINAL_HEAD = re.compile(r"^(?:[一二三四五六七八九十]+[、是]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]|第[一二三四五六七八九十]+)")

# A digest's headline in lenticular brackets opening its body (【全县部署春耕生产】5月8日，…).
BRACKET_HEADLINE = re.compile(rf"【([^【】\n]{{{HEADLINE_MIN},{HEADLINE_MAX}}})】[ \t\u3000]*(?=\S)")


@dataclass(frozen=True)
class ArticleParts:
    """One article as the layout gives it, before it becomes a `kg.model.Article`."""

    body: str
    body_offset: int
    title: str | None = None
    subtitle: str | None = None
    dateline: str | None = None
    reporters: tuple[str, ...] = ()


LEAD_CHARS = 120  # an article's first sentences, which its headline sums up
LEAD_SHARED_MIN = 3  # character pairs a headline shares with its lead: one or two in common is chance
CJK_PAIR = re.compile(rf"[{CJK}]{{2}}")
DASHES = ("——", "—", "－－", "--", "――")  # a subtitle (副题) opens with a dash


def bigrams(text: str) -> set[str]:
    return {text[k:k + 2] for k in range(len(text) - 1) if CJK_PAIR.fullmatch(text[k:k + 2])}


def main_headline(headlines: list[str], lead: str) -> tuple[str | None, str | None]:
    """(headline, the other heading lines) of a heading printed over several lines.

    Papers print a kicker (引题) over the headline and a subtitle (副题, often after a dash) under it. The
    first line is the headline unless it reads as a kicker: it shares no more than chance with the lead
    (a slogan), while the line under it, no dashed subtitle, sums the lead up. A first line that shares
    words with the lead stays the headline even when a long second line shares more (市委常委会召开扩大会议
    over 传达学习…精神 安排部署…工作). A byline line under the headline (本报记者 甲) is never the headline.
    """
    candidates = [h for h in headlines if not byline_only(h)]
    main = candidates[0] if candidates else None
    if len(candidates) >= 2 and not candidates[1].startswith(DASHES):
        words = bigrams(lead[:LEAD_CHARS])
        first, second = (len(bigrams(h) & words) for h in candidates[:2])
        if first < LEAD_SHARED_MIN <= second:
            main = candidates[1]
    if main is None:
        return (headlines[0] if headlines else None), " ".join(headlines[1:]) or None
    rest = list(headlines)
    rest.remove(main)
    return main, " ".join(rest) or None


def byline_only(line: str) -> bool:
    """Whether `line` is a dateline naming reporters and nothing else (本报记者 甲 乙, ●记者 甲)."""
    dateline = split_dateline(line)
    return dateline is not None and bool(dateline.reporters) and not line[dateline.end:].strip()


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


def dateline_end(text: str) -> int:
    """Where the text after the datelines opening `text` starts (0: none opens it)."""
    found, start = _datelines(text)
    return start if found else 0


def finish(text: str, anchors: list[tuple[int, int]], *, title: str | None = None, subtitle: str | None = None,
           reporters: tuple[str, ...] = ()) -> ArticleParts | None:
    """An article from its reflowed text: datelines off the start, layout spaces out; None if no body."""
    bracketed = BRACKET_HEADLINE.match(text)
    if bracketed and not ends_sentence(bracketed.group(1)) and (title is None or byline_only(bracketed.group(1))):
        # blanked, not cut: offsets into the reflowed text stay offsets into the source
        inside, text = bracketed.group(1), " " * bracketed.end() + text[bracketed.end():]
        byline = split_dateline(inside) if byline_only(inside) else None
        if byline is not None:  # 【全媒体记者 甲】6月30日，…: a bracketed byline (under a headline or not)
            reporters = _union(byline.reporters, reporters)
        else:
            title = inside
    title = title.lstrip(HEADLINE_MARKS + " \t\u3000") or None if title else title
    if title and title[0] == "【" and title[-1] == "】" and "【" not in title[1:]:
        title = title[1:-1]  # 【全县部署春耕生产】 on a line of its own
    under = split_dateline(subtitle) if subtitle else None
    if subtitle and under and under.reporters and not subtitle[under.end:].strip():
        subtitle, reporters = None, _union(under.reporters, reporters)  # a byline under the headline (本报记者 甲)
    marked = len(text) - len(text.lstrip(HEADLINE_MARKS + " \t\u3000\n"))  # ■5月8日，… / ■本报讯 …: a brief's
    datelines, start = _datelines(text[marked:])  # marker is no part of its body
    start += marked
    body = remove_layout_spaces(text[start:]).rstrip()
    if not body:
        return None
    return ArticleParts(
        body=body,
        body_offset=source_offset(anchors, start),
        title=title,
        subtitle=subtitle,
        dateline=BLANKS.sub(" ", " ".join(d.text for d in datelines)).strip() or None,
        reporters=_union(*(d.reporters for d in datelines), reporters),
    )
