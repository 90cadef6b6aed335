"""A sector named in front of a national formulation (推动民营经济|高质量发展, 开展卫生健康|高质量发展专题调研):
the qualified phrase is the policy, as far back as the verb or preposition that opens it. Only when such a
word closes the qualifier on the left (助力乡村产业高质量发展 with no verb found keeps the bare formulation),
and never a scope (全市, 我县), an adverb (更高质量发展) or a generic qualifier (经济社会, 公司)."""

from __future__ import annotations

from kg.extract.segmenter import cut, word_tag
from kg.lexicon import strip_leading, word_set

SECTOR_REACH = 8  # characters searched before the formulation for the verb that opens the qualified phrase
SECTOR_LENGTH = (2, 6)  # 卫生健康, 民营经济, 县域经济: shorter is a scope (县), longer runs into a clause
CLAUSE_MARKS = "，。；：、！？\n“”《》"
OPENER_TAGS = ("v", "p", "r", "d")  # 推动, 为, 我, 更, 和: a word that no sector's name holds
VERBS_TAGGED_AS_NOUNS = ("助力", "着力", "聚焦", "赋能", "服务")  # jieba tags them n; here they open an object
PLACE_TAGS = ("ns", "nz", "nr", "t")  # 无锡, 义乌 (nz), 时代 words: where or when, not which sector
COORDINATORS = ("与", "和", "及", "、")
PLACE_ENDINGS = tuple("省市县区镇乡村州")  # 新林区: a division's name however jieba cuts it
SCOPE_STARTS = ("全", "我", "本", "该", "各", "其")  # 全市, 我县, 本地: where, not which sector


def sector_qualifier(body: str, start: int, label: str) -> str:
    """The sector named right before `label` at `start`, or ""."""
    if label not in word_set("policy_sector_heads.txt"):
        return ""
    window = body[max(start - SECTOR_REACH, 0):start]
    window = window[max(window.rfind(m) for m in CLAUSE_MARKS) + 1:]
    words = cut(window) if window else []
    taken: list[str] = []
    for word in reversed(words):
        tag = word_tag(word)
        if tag.startswith(PLACE_TAGS) or word in COORDINATORS:
            return ""  # 推动义乌|高质量发展: a place, not a sector; 科技与人才|高质量发展: a list, one part of it
        if tag.startswith(OPENER_TAGS) or word in VERBS_TAGGED_AS_NOUNS or word in word_set("policy_verbs.txt"):
            break
        taken.insert(0, word)
    else:
        return ""  # no verb closes it on the left: where the qualifier starts is a guess
    qualifier, _ = strip_leading("".join(taken), "policy_drop_prefixes.txt", keep=2)
    low, high = SECTOR_LENGTH
    if not low <= len(qualifier) <= high or qualifier.startswith(SCOPE_STARTS) or qualifier.endswith(PLACE_ENDINGS) or "的" in qualifier:
        return ""
    return "" if qualifier in word_set("policy_generic_sectors.txt") else qualifier
