"""Posts as written (市委书记) with their canonical label (无锡市委书记) and
organisation (中共无锡市委), from the titles written before names."""

from __future__ import annotations

import re
from functools import cache

from kg.extract import patterns as P
from kg.lexicon import table
from kg.model import Post

LEVEL_WORDS = {"省": ("全省", "我省"), "市": ("全市", "我市"), "县": ("全县", "我县"), "区": ("全区", "我区")}


@cache
def _templates() -> tuple[tuple[str, str, str], ...]:
    rows = [(r[0], r[1], r[2] if len(r) > 2 else "") for r in table("post_organisations.tsv")]
    return tuple(sorted(rows, key=lambda r: len(r[0]), reverse=True))


def place_level(body: str, place: str | None) -> str | None:
    """The level of the paper's jurisdiction, from how the body speaks of it (全市/我市 → 市).

    >>> place_level("全市各级党组织要……我市", "无锡"), place_level("全省民营企业", "江西"), place_level("", None)
    ('市', '省', None)
    """
    if not place:
        return None
    counts = {level: sum(body.count(w) for w in ws) + body.count(place + level) for level, ws in LEVEL_WORDS.items()}
    level, count = max(counts.items(), key=lambda kv: kv[1])
    return level if count else None


def _template_for(title: str) -> tuple[str, str, str] | None:
    for prefix, organisation, level in _templates():
        if title.startswith(prefix):
            return prefix, organisation, level
    return None


def _core(title: str) -> str:
    """The title word ending `title` (副市长 in 无锡市副市长)."""
    return P.title_ending(title) or title


_LEVEL_PREFIX = re.compile(r"^[省市县区]")


def make_post(title: str, place: str | None, level: str | None, inherit: str | None = None) -> Post:
    """A post from its title as written.

    >>> make_post("市委书记", "无锡", "市")
    Post(title='市委书记', canonical='无锡市委书记', organisation='中共无锡市委')
    >>> make_post("副市长", "无锡", "市").canonical
    '无锡市副市长'
    >>> make_post("华虹集团董事长", "无锡", "市").organisation
    '华虹集团'
    >>> make_post("省委省级机关工委一级巡视员", "无锡", "市").canonical
    '省委省级机关工委一级巡视员'
    >>> make_post("市长", "无锡", None).canonical
    '无锡市长'
    >>> make_post("秘书长", "江西", "省", inherit="省委").canonical
    '江西省委秘书长'
    """
    title = _without_possessive(title)
    template = _template_for(title)
    if template is None and inherit and _template_for(inherit):
        prefixed = make_post(inherit + title, place, level)
        return Post(title, prefixed.canonical, prefixed.organisation)
    if template is not None:
        prefix, organisation, tlevel = template
        if tlevel and place and (tlevel == level or level is None and tlevel != "省"):
            canonical = place + title if _LEVEL_PREFIX.match(title) else place + tlevel + title
            return Post(title, canonical, organisation.format(place=place))
        if not tlevel:  # national bodies: 中共中央, 国务院
            canonical = title if title.startswith(organisation) else organisation + title
            return Post(title, canonical, organisation)
        return Post(title, title, None)
    core = _core(title)
    unit = title[: -len(core)]
    if unit and core.endswith("部长") and not unit.endswith("部"):
        unit += "部"  # 外交部长 → 外交部
    return Post(title, title, unit or None)


@cache
def _move_markers() -> tuple[tuple[str, bool], ...]:
    return tuple(sorted(((row[0], row[1] == "former") for row in table("move_markers.tsv")), key=lambda m: -len(m[0])))


def stated_move(title: str) -> tuple[int, bool]:
    """How many characters of `title` are a move marker (原, 现任 …) and whether it says a former post.

    >>> stated_move("原无锡市副市长"), stated_move("现任市长"), stated_move("市长"), stated_move("主任")
    ((1, True), (2, False), (0, False), (0, False))
    """
    for marker, former in _move_markers():
        rest = title[len(marker):]
        if title.startswith(marker) and len(rest) >= 2 and P.title_ending(rest):
            return len(marker), former
    return 0, False


def whole_post(part: str) -> bool:
    """Whether a part of a parenthesis after a name is a post and nothing else.

    >>> whole_post("市委书记"), whole_post("左二"), whole_post("女"), whole_post("市委书记讲话")
    (True, False, False, False)
    """
    return 2 <= len(part) <= 20 and all("\u4e00" <= c <= "\u9fff" for c in part) and bool(P.title_ending(part))


POSSESSIVES = ("我", "本", "该")  # 该 points back like a possessive: 该公司总经理 → 公司总经理


def _without_possessive(title: str) -> str:
    """A title as its holder's organisation says it, without the speaker's possessive:
    我局局长 → 局长, 我院副院长 → 副院长, 本公司总经理 → 公司总经理.

    >>> _without_possessive("我局局长"), _without_possessive("我院副院长"), _without_possessive("本公司总经理")
    ('局长', '副院长', '公司总经理')
    >>> _without_possessive("该局局长"), _without_possessive("该公司总经理")
    ('局长', '公司总经理')
    """
    if len(title) < 3 or not title.startswith(POSSESSIVES):
        return title
    rest = title[1:]
    unit = rest[0]
    if unit in _core(rest[1:]):  # 我局局长: the one-character unit is the title's own
        return rest[1:]
    return rest


def stack_prefix(title: str) -> str | None:
    """The jurisdiction prefix a later post in a 、-stack inherits (省委常委、秘书长 → 省委)."""
    template = _template_for(title)
    return template[0] if template and template[0].endswith(("委", "政府", "政协", "常委会")) else None
