"""Which jurisdiction a publication covers, and which division a place name means.

Two lexicons answer: publications.tsv (papers whose name does not say their place:
新华日报 → 江苏) and divisions.tsv (the administrative divisions of China, generated
from a public dataset by kg.lexicon_sources). A paper named after its place (无锡日报,
萧山日报, 长沙晚报) is found through the divisions, so city and county papers need no
entry of their own.

    >>> publication_jurisdiction("新华日报")
    Jurisdiction(place='江苏', level='省', code='32')
    >>> publication_jurisdiction("无锡日报")
    Jurisdiction(place='无锡', level='市', code='3202')
    >>> publication_jurisdiction("人民日报").level, publication_jurisdiction("某某周刊")
    ('国家', None)
    >>> division_of("惠山区").name, division_of("江苏省").level, division_of("湖南").name
    ('惠山区', '省', '湖南省')
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from kg.lexicon import table, words

__all__ = ["Division", "Jurisdiction", "division_of", "publication_jurisdiction"]

NATIONAL = "国家"
LEVEL_RANK = {"省": 0, "市": 1, "县": 2}  # a short name shared by levels means the higher one (北京)


@dataclass(frozen=True)
class Division:
    code: str
    name: str  # 江苏省
    short: str  # 江苏
    level: str  # 省, 市 or 县
    province: str  # code of the province it lies in


@dataclass(frozen=True)
class Jurisdiction:
    place: str  # the short name prose uses (江苏, 无锡), or 中国 for national papers
    level: str  # 国家, 省, 市 or 县
    code: str | None = None  # the division's code, None for national papers


@cache
def _divisions() -> tuple[Division, ...]:
    return tuple(Division(*row[:5]) for row in table("divisions.tsv"))


@cache
def _by_text() -> dict[str, Division]:
    """Full and short names to divisions; a name shared by several is kept for the highest level,
    and county names shared by two counties (朝阳区 in Beijing and 朝阳县 …) by the first listed."""
    out: dict[str, Division] = {}
    for d in sorted(_divisions(), key=lambda d: LEVEL_RANK[d.level]):
        out.setdefault(d.name, d)
        out.setdefault(d.short, d)
    return out


@lru_cache(maxsize=4096)  # asked for the same few places by every post of an article
def division_of(place_text: str) -> Division | None:
    """The division `place_text` names, by its full name (惠山区) or its short one (湖南)."""
    text = unicodedata.normalize("NFKC", place_text).strip()
    return _by_text().get(text)


@cache
def _registry() -> dict[str, tuple[str, str]]:
    return {row[0]: (row[1], row[2]) for row in table("publications.tsv")}


@lru_cache(maxsize=1024)  # a handful of publications per batch, asked about for every article and post
def publication_jurisdiction(name: str | None) -> Jurisdiction | None:
    """The jurisdiction a publication covers: from the registry, else from a division its name
    starts with (萧山日报 → 萧山, 无锡市融媒体中心 → 无锡); None when neither says."""
    if not name:
        return None
    text = unicodedata.normalize("NFKC", name).strip()
    known = _registry().get(text)
    if known:
        place, level = known
        division = division_of(place)
        return Jurisdiction(place, level, division.code if division and level != NATIONAL else None)
    for suffix in sorted(words("publication_suffixes.txt"), key=len, reverse=True):
        if text.endswith(suffix) and len(text) > len(suffix):
            division = division_of(text[: -len(suffix)])
            if division:
                return Jurisdiction(division.short, division.level, division.code)
    return None
