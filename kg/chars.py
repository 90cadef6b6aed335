"""Character classes of the Chinese text we read, defined once.

`CJK` is the Han ideographs as a regular-expression range (for use inside
`[…]`): the unified ideographs, extension A (rare characters of personal and
place names) and the compatibility ideographs some typesetting systems emit.

`TERMINATORS` end a sentence, and the `CLOSERS` after one still belong to it:
both the page reflow (`kg.layout`) and the sentence splitter (`kg.sentences`)
read them. An ellipsis (…) is no terminator: in news text it mostly stands
inside a sentence (a list cut short), and edited text puts 。 or a closing
quote after one that ends it.
"""

from __future__ import annotations

import re

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_CHAR = re.compile(f"[{CJK}]")
TERMINATORS = "。！？!?"
CLOSERS = "”’」』）)》〉】"


def is_cjk(char: str) -> bool:
    """Whether `char` is a Han ideograph.

    >>> is_cjk("杜"), is_cjk("㛃"), is_cjk("，"), is_cjk("A")
    (True, True, False, False)
    """
    return _CJK_CHAR.fullmatch(char) is not None
