"""Which jurisdiction identifies a person: the place of the post they hold, not the paper.

A name identifies an official only within a jurisdiction (two 王建华 may govern two
cities), so persons are keyed by jurisdiction + name. The jurisdiction comes from the
strongest evidence the article gives, and that evidence is written beside the link
(`zw:IdentityLink`, see kg/rdf.py) so every link can be explained and recomputed:

- a post in a central body (中共中央政治局委员, 国务院总理) → the national scope 中国;
- a post whose canonical label names a division (无锡市委书记, 江苏省委书记) → that division;
- an unqualified post (省委书记 in a city paper) → the paper's jurisdiction, or the
  division above it at the post's level (the city paper's province for 省委…);
- no post → the jurisdiction the paper covers (kg.jurisdiction's registry);
- none of these (a file with no known source and no qualified post) → unplaced (""),
  which keeps the person apart from no official: the ingest links an unplaced or post-less
  name to the one same-named official it knows in that jurisdiction or a broader one.

    >>> post_jurisdiction("无锡市委书记", None, None)
    ('无锡', 'qualified-post')
    >>> post_jurisdiction("省委书记", None, "无锡")
    ('江苏', 'unqualified-post')
    >>> post_jurisdiction("市委书记", None, "江阴"), post_jurisdiction("市委书记", None, "惠山")
    (('江阴', 'unqualified-post'), ('无锡', 'unqualified-post'))
    >>> post_jurisdiction("中共中央政治局委员", "中共中央政治局", "无锡")
    ('中国', 'national-post')
    >>> broader("惠山")
    ('惠山', '无锡', '江苏', '中国')
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache

from kg.jurisdiction import NATIONAL, division_of, publication_jurisdiction
from kg.lexicon import table, word_set
from kg.model import Holding

NATIONAL_SCOPE = "中国"
UNPLACED = ""
LEVEL_OF_TITLE = {"省": "省", "市": "市", "区": "县", "县": "县"}  # 省委书记, 市长, 区委书记, 县长
LOCALITY = {NATIONAL: 0, "省": 1, "市": 2, "县": 3}
MAX_PLACE_CHARS = 9  # the longest division names prose puts before a title (e.g. 西双版纳傣族自治州)


@dataclass(frozen=True)
class Identity:
    """How a person of one article is keyed: `scope` (a division's short name, 中国, or ""),
    the `basis` of that choice, and the post that gave it (None when no post did)."""

    scope: str
    basis: str
    post: str | None = None


@cache
def _short_by_code() -> dict[str, str]:
    return {row[0]: row[2] for row in table("divisions.tsv")}


def _level(place: str) -> str | None:
    if place == NATIONAL_SCOPE:
        return NATIONAL
    division = division_of(place)
    return division.level if division else None


def broader(place: str) -> tuple[str, ...]:
    """`place` and the jurisdictions above it, up to the national scope."""
    if place in (UNPLACED, NATIONAL_SCOPE):
        return () if place == UNPLACED else (place,)
    division = division_of(place)
    chain = [place]
    if division:
        codes = _short_by_code()
        for code in (division.code[:4], division.province):
            above = codes.get(code)
            if above and above not in chain and len(code) < len(division.code):
                chain.append(above)
    return (*chain, NATIONAL_SCOPE)


def _named_division(canonical: str) -> str | None:
    """The division a post's label starts with (无锡市委书记 → 无锡), longest name first."""
    for end in range(min(len(canonical) - 1, MAX_PLACE_CHARS), 1, -1):
        division = division_of(canonical[:end])
        if division:
            return division.short
    return None


def _at_level(place: str, level: str) -> str | None:
    """The division at `level` that contains `place` (itself when it is at that level)."""
    for candidate in broader(place):
        if _level(candidate) == level:
            return candidate
    return None


@cache
def _central_prefixes() -> tuple[str, ...]:
    return tuple(word_set("national_organisations.txt"))


def post_jurisdiction(title: str, organisation: str | None, paper_place: str | None,
                      canonical: str | None = None) -> tuple[str, str] | None:
    """(jurisdiction, basis) of one post as the text writes it (`title`); None when neither it nor the
    paper places it. A `canonical` label the extractor built on the paper's own place (市委书记 →
    江城市委书记 in 江城日报) says the paper's level matches the title's."""
    central = word_set("national_organisations.txt")
    if organisation in central or title.startswith(_central_prefixes()):
        return NATIONAL_SCOPE, "national-post"
    named = _named_division(title)
    if named:
        return named, "qualified-post"
    if not paper_place:
        return None
    if canonical and paper_place != NATIONAL_SCOPE and canonical.startswith(paper_place) and canonical != title:
        return paper_place, "unqualified-post"
    level = LEVEL_OF_TITLE.get(title[:1])
    paper = division_of(paper_place)
    if level == "市" and paper and paper.level == "县" and paper.name.endswith("市"):
        level = "县"  # a county-level city's paper (江阴日报): its 市委书记 is its own
    above = _at_level(paper_place, level) if level else None
    return above or paper_place, "unqualified-post"


def paper_place(source: str | None) -> str | None:
    """The jurisdiction the paper covers (short name), 中国 for a national paper, None if unknown."""
    found = publication_jurisdiction(source)
    if found is None:
        return None
    return NATIONAL_SCOPE if found.level == NATIONAL else found.place


def text_place(body: str, level: str) -> str | None:
    """The one division at `level` an article of an unknown paper names (its full name once or its short
    name twice: 长子县 or 长子…长子), None when it names none or several. A crawl from an unknown site
    that says 县委书记某某 and names one county is about that county's secretary.

    >>> text_place("惠山区委书记到钱桥街道调研。", "县"), text_place("在惠山、锡山两区", "县")
    ('惠山', None)
    """
    found = {row[2] for row in table("divisions.tsv")
             if row[3] == level and (row[1] in _telling() and row[1] in body
                                     or row[2] in _telling() and body.count(row[2]) > 1)}
    return found.pop() if len(found) == 1 else None


@cache
def _telling() -> frozenset[str]:
    """Full and short names that tell one division: held by no other (鼓楼, 朝阳, 城区 are several)
    and, for short names, no district word (东区, 矿区)."""
    rows = table("divisions.tsv")
    held = Counter(name for row in rows for name in {row[1], row[2]})
    full = {row[1] for row in rows}
    return frozenset(n for n, k in held.items()
                     if k == 1 and len(n) > 1 and (n in full or not n.endswith("区")))


def identify(name: str, holdings: tuple[Holding, ...], source: str | None, national: bool = False,
             body: str = "") -> Identity:
    """The identity of `name` in one article from its posts there (`holdings` of all persons).

    A central post wins (one node for a national leader whichever paper names them); among
    local posts the most local one does (江苏省委常委、无锡市委书记 is keyed in 无锡, as the
    city paper's 市委书记 is). A post the text says they held before (原无锡市副市长、现任苏州市副市长) does not
    place them while another does: one node, keyed where they are now, holding both posts."""
    place = paper_place(source)
    if national:
        return Identity(NATIONAL_SCOPE, "national-post")
    found: list[tuple[str, str, str]] = []
    mine = [h for h in holdings if h.person == name]
    current = [h for h in mine if not h.former]
    for holding in current or mine:  # a post held before a move the text states places them only failing any other
        # the title as written, not the canonical label: which place the extractor put before an
        # unqualified title is its own guess from the paper's name
        where = place
        level = LEVEL_OF_TITLE.get(holding.post.title[:1])
        if where is None and body and level and not _named_division(holding.post.title):
            where = text_place(body, level)  # an unknown paper: the one division of the post's level the text names
        placed = post_jurisdiction(holding.post.title, holding.post.organisation, where, holding.post.canonical)
        if placed:
            found.append((*placed, holding.post.canonical))
    if any(basis == "national-post" for _, basis, _ in found):
        post = next(p for _, basis, p in found if basis == "national-post")
        return Identity(NATIONAL_SCOPE, "national-post", post)
    if found:
        scope, basis, post = max(found, key=lambda f: LOCALITY.get(_level(f[0]) or "", 0))
        return Identity(scope, basis, post)
    if place:
        return Identity(place, "publication")
    return Identity(UNPLACED, "unplaced")
