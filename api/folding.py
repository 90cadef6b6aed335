"""Search text folded to Simplified characters, so 會議 finds 会议 (the graph's labels are Simplified)."""

from __future__ import annotations

from functools import cache

from opencc import OpenCC  # opencc-python-reimplemented: pure Python, ships its dictionaries


@cache
def _converter() -> OpenCC:
    return OpenCC("t2s")


def simplified(text: str) -> str:
    """`text` with Traditional characters replaced by their Simplified forms (phrases first, as OpenCC does).

    >>> simplified("會議"), simplified("杜小剛"), simplified("高质量发展")
    ('会议', '杜小刚', '高质量发展')
    """
    return _converter().convert(text)
