"""Leads that open an article with no dateline, byline or indent to mark them: the first sentence sets the
event's date as a clause of its own after what leads up to it (为进一步…，8月21日下午，某某召开…)."""

from __future__ import annotations

import re

from kg.layout.lines import Line

LEAD_SPAN = 160  # characters of a paragraph read for its first sentence: a long purpose clause, then the date

# The date as a clause of its own after a comma: ，8月21日下午， / ，10月15日至16日，
DATE_CLAUSE = re.compile(r"[，,]\d{1,2}月\d{1,2}日(?:[至到—-]\d{1,2}日)?(?:上午|下午|晚上|晚间|中午|早上|凌晨|晚)?[，,]")


def first_sentence(lines: list[Line], i: int) -> str:
    """The paragraph opening at line `i` up to its first full stop, across wraps and column breaks."""
    text = ""
    for line in lines[i:]:
        text += line.text
        stop = text.find("。")
        if stop >= 0 or len(text) >= LEAD_SPAN:
            return text[: stop if stop >= 0 else LEAD_SPAN]
    return text


def dated_purpose_lead(lines: list[Line], i: int) -> bool:
    """Whether the paragraph at line `i` reads as a lead whose date follows a clause leading up to it.

    >>> dated_purpose_lead([Line("为加快项目建设，5", 0), Line("月8日下午，县委召开调度会。", 9)], 0)
    True
    >>> dated_purpose_lead([Line("会议要求，各地要在5月8日前完成。", 0)], 0)
    False
    """
    return DATE_CLAUSE.search(first_sentence(lines, i)) is not None
