"""jieba, initialised once with our lexicons as its user dictionary, and silent.

The rules run regexes over the whole body; jieba is asked only about short
candidate spans: is this candidate name a common word, where does a phrase's
first word end.
"""

from __future__ import annotations

import logging
from functools import cache, lru_cache

import jieba
import jieba.posseg

from kg.lexicon import table, words

USER_WORDS = {  # lexicon → part-of-speech tag given to its entries
    "post_titles.txt": "nn",
    "person_labels.txt": "n",
    "policy_suffixes.txt": "n",
    "policy_verbs.txt": "v",
    "national_formulations.txt": "nz",
}
COMMON_WORD_FREQ = 20  # a dictionary word this frequent and not a name is no name


@cache
def tokenizer() -> jieba.Tokenizer:
    jieba.setLogLevel(logging.ERROR)
    jieba.dt.initialize()
    for name, tag in USER_WORDS.items():
        for word in words(name):
            if len(word) > 1 and "、" not in word:
                jieba.dt.add_word(word, tag=tag)
    for row in table("event_triggers.tsv"):
        jieba.dt.add_word(row[0], tag="v")
    return jieba.dt


@cache
def _tags() -> dict[str, str]:
    tokenizer()
    return jieba.posseg.dt.word_tag_tab


def is_common_word(text: str) -> bool:
    """Whether jieba's dictionary knows `text` as a frequent word that is not a personal name.

    >>> is_common_word("项目"), is_common_word("高飞"), is_common_word("陈小兰")
    (True, False, False)
    """
    freq = tokenizer().FREQ.get(text) or 0
    return freq >= COMMON_WORD_FREQ and not _tags().get(text, "").startswith("nr")


@lru_cache(maxsize=1 << 16)
def cut(text: str) -> tuple[str, ...]:
    """Words of a short span (HMM off: only dictionary words, so unknown names stay in pieces)."""
    return tuple(tokenizer().lcut(text, HMM=False))


def word_tag(word: str) -> str:
    """jieba's part-of-speech tag of a dictionary word ('' for words it does not know)."""
    return _tags().get(word, "")
