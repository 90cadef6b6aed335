"""A synthetic corpus for the growth runs: newspaper pages with the shape of the real ones.

Articles recombine the genre's sentence patterns (`bench.patterns`) with
generated names, posts, dates and places. Persons and policies are drawn from
Zipf-like distributions, so a few leaders appear in many articles and policies
have a long tail, as in a real archive. Each page is laid out the way the PDF
text layer of a newspaper page comes out: column-wrapped lines, blank lines at
column breaks, the byline in brackets after the body, the headline after it.
A `manifest.tsv` beside the pages gives each page's publication and date.

    python -m bench.corpus OUT --articles 200 --seed 7     # or --scale 10 for 10× the default size
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import itertools
import random
from dataclasses import dataclass
from pathlib import Path

from bench import patterns as P

BASE_ARTICLES = 300  # the 1× corpus


@dataclass(frozen=True)
class Official:
    name: str
    post: str
    weight: float  # how often the papers name them, relative to the others of their city
    ident: str = ""  # who they really are (identity truth): the same for a mover in each city
    since: dt.date | None = None  # a mover holds this post from this day …
    until: dt.date | None = None  # … or held it until this day

    def active(self, day: dt.date) -> bool:
        return (self.since is None or day >= self.since) and (self.until is None or day < self.until)


@dataclass(frozen=True)
class CorpusStats:
    pages: int
    articles: int
    persons: int
    bytes: int


def _zipf_weights(n: int, exponent: float) -> list[float]:
    return [1.0 / (rank ** exponent) for rank in range(1, n + 1)]


class _Draw:
    """Random choices with the corpus's distributions, reproducible from one seed."""

    def __init__(self, rng: random.Random, persons: int, identity: random.Random | None = None,
                 move_day: dt.date | None = None) -> None:
        self.rng = rng
        self.national: list[Official] = []
        cities = max(1, min(len(P.CITIES), persons // 40))
        self.cities = P.CITIES[:cities]
        names = self._names(persons)
        self.officials: dict[str, list[Official]] = {city: [] for city in self.cities}
        for i, name in enumerate(names):
            city = self.cities[i % cities]
            staff = self.officials[city]
            if len(staff) < len(P.LEADER_POSTS):
                post, weight = P.LEADER_POSTS[len(staff)]
            else:
                post, weight = rng.choice(P.OTHER_POSTS), 2.0 / (len(staff) - len(P.LEADER_POSTS) + 1) ** 0.8
            staff.append(Official(name, post, float(weight), f"{city}:{name}"))
        if identity is not None and move_day is not None:
            self._identity_cases(identity, move_day)
        initiatives = [f"“{stem}{kind}”" for stem, kind in itertools.product(P.INITIATIVE_STEMS, P.INITIATIVE_KINDS)]
        rng.shuffle(initiatives)
        self.policies = P.NATIONAL_POLICIES + initiatives
        self.policy_weights = _zipf_weights(len(self.policies), 1.1)

    def _identity_cases(self, rng: random.Random, move_day: dt.date) -> None:
        """Namesakes in other cities, officials who move city on `move_day`, national leaders (own rng,
        so the default corpus stays the same)."""
        taken = {o.name for staff in self.officials.values() for o in staff}
        fresh = sorted(set(self._names(len(P.NATIONAL_POSTS) + len(taken))) - taken)[: len(P.NATIONAL_POSTS)]
        self.national = [Official(name, post, 1.0, f"中国:{name}")
                         for name, post in zip(fresh, P.NATIONAL_POSTS, strict=True)]
        if len(self.cities) < 2:
            return
        for i, city in enumerate(self.cities):
            other = self.cities[(i + 1) % len(self.cities)]
            staff, there = self.officials[city], self.officials[other]
            for k in range(len(P.LEADER_POSTS), len(staff), 12):  # a namesake of one of `other`'s officials
                namesake = there[rng.randrange(len(P.LEADER_POSTS), len(there))] if len(there) > len(P.LEADER_POSTS) else None
                if namesake and namesake.name not in {o.name for o in staff}:
                    staff[k] = Official(namesake.name, staff[k].post, staff[k].weight, f"{city}:{namesake.name}")
        for i, city in enumerate(self.cities):  # one official a city moves to the next city on move_day
            staff, there = self.officials[city], self.officials[self.cities[(i + 1) % len(self.cities)]]
            movers = [o for o in staff[len(P.LEADER_POSTS):] if o.name not in {t.name for t in there}]
            if movers:
                mover = movers[rng.randrange(len(movers))]
                staff[staff.index(mover)] = Official(mover.name, mover.post, mover.weight, mover.ident, until=move_day)
                there.append(Official(mover.name, rng.choice(P.OTHER_POSTS), mover.weight, mover.ident, since=move_day))

    def _names(self, count: int) -> list[str]:
        seen: set[str] = set()
        while len(seen) < count:
            given = "".join(self.rng.choices(P.GIVEN, k=self.rng.choice((1, 2, 2, 2))))
            seen.add(self.rng.choice(P.SURNAMES) + given)
        names = sorted(seen)
        self.rng.shuffle(names)
        return names

    def policy_slots(self) -> dict[str, str]:
        """Three different policies for the slots {p}, {p2}, {p3} of a sentence."""
        picked: list[str] = []
        while len(picked) < 3:
            policy = self.rng.choices(self.policies, self.policy_weights)[0]
            if policy not in picked:
                picked.append(policy)
        return dict(zip(("p", "p2", "p3"), picked, strict=True))

    def lead(self, city: str) -> Official:
        leaders = self.officials[city][: len(P.LEADER_POSTS)]
        return self.rng.choices(leaders, [o.weight for o in leaders])[0]

    def others(self, city: str, lead: Official, day: dt.date) -> list[Official]:
        staff = [o for o in self.officials[city] if o != lead and o.active(day)]
        picked = {o.name: o for o in self.rng.choices(staff, [o.weight for o in staff], k=self.rng.randint(1, 5))}
        return list(picked.values())

    def district(self) -> str:
        stem = self.rng.randrange(0, len(P.DISTRICT_STEMS) - 1, 2)
        return P.DISTRICT_STEMS[stem: stem + 2] + self.rng.choice(P.DISTRICT_KINDS)


def _article(draw: _Draw, city: str, event_day: dt.date, named: list[Official]) -> tuple[list[str], str, str]:
    """(paragraphs, byline, headline) of one article; the officials it names are added to `named`."""
    rng = draw.rng
    kind = rng.choice(list(P.OPENINGS))
    lead = draw.lead(city)
    others = draw.others(city, lead, event_day)
    named += [lead, *others]
    slots = {
        "date": f"{event_day.month}月{event_day.day}日" if rng.random() > 0.1 else "近日",
        "lead": lead.name, "lead_post": lead.post, "others": "、".join(o.name for o in others),
        "meeting": rng.choice(P.MEETINGS), "topic": rng.choice(P.TOPICS), "place": rng.choice(P.PLACES),
        "district": draw.district(), "city": rng.choice([c for c in P.CITIES if c != city]),
        "org": rng.choice(P.ORG_STEMS) + rng.choice(P.ORGS), "guest": draw._names(1)[0],
        "group": rng.choice(P.GROUPS), "he": rng.choice(["他", lead.name]),
        "site": draw.district() + rng.choice(P.PLACES), "year": str(event_day.year - rng.randint(1, 4)),
        "num": f"{rng.randint(2, 300) / 10:g}",
    }
    paragraphs = ["本报讯 " + P.OPENINGS[kind].format(**slots)]
    body = [s for kinds, group in P.BODY.items() if kinds == "*" or kind in kinds.split() for s in group]
    rng.shuffle(body)  # each sentence pattern at most once an article
    while body and len(paragraphs) < 7:
        sentences, body = body[: rng.randint(1, 3)], body[3:]
        paragraphs.append("".join(s.format(**slots, **draw.policy_slots()) for s in sentences))
    if draw.national and event_day.toordinal() % 3 == 0:  # a national leader's words passed on
        leader = draw.national[event_day.toordinal() % len(draw.national)]
        paragraphs.insert(1, P.NATIONAL_SENTENCE.format(post=leader.post, name=leader.name, topic=slots["topic"]))
        named.append(leader)
    reporters = draw._names(rng.choice((1, 1, 2)))
    return paragraphs, "（" + "、".join(reporters) + "）", rng.choice(P.HEADLINES[kind]).format(**slots)


def _wrap(text: str, width: int) -> list[str]:
    """Lines of `width` characters; a closing mark that would start a line stays on the one before.

    >>> _wrap("甲乙丙，丁戊", 3)
    ['甲乙丙，', '丁戊']
    """
    lines, start = [], 0
    while start < len(text):
        end = min(start + width, len(text))
        while end < len(text) and text[end] in P.NO_LINE_START:
            end += 1
        lines.append(text[start:end])
        start = end
    return lines


def _layout(articles: list[tuple[list[str], str, str]], rng: random.Random) -> str:
    """A page as its PDF text layer reads: narrow columns, blank lines where a column ends."""
    width, height = rng.randint(12, 15), rng.randint(18, 40)
    lines: list[str] = []
    column = 0

    def emit(line: str) -> None:
        nonlocal column
        lines.append(line)
        column += 1
        if column >= height:
            lines.append("")
            column = 0

    for paragraphs, byline, headline in articles:
        for i, paragraph in enumerate(paragraphs):
            for line in _wrap((" " if i == 0 else "") + paragraph, width):
                emit(line)
            if rng.random() < 0.75 and lines[-1]:
                lines.append("")
                column = 0
        if lines[-1]:
            lines.append("")
        lines += [byline, "", headline, "", ""]
        column = 0
    return "\n".join(lines) + "\n"


def generate(out: Path, *, articles: int = BASE_ARTICLES, persons: int | None = None, seed: int = 1,
             start: dt.date = dt.date(2023, 1, 2), identity: bool = False) -> CorpusStats:
    """Write pages of `articles` articles in total, naming `persons` officials (default articles // 3).

    `identity`: also namesakes in neighbouring cities, officials who move city halfway through
    and national leaders quoted by every paper, with the truth in `identity_truth.tsv`
    (document, name as printed, who it really is)."""
    rng = random.Random(seed)
    people = persons or max(40, articles // 3)
    days = articles // (3 * max(1, min(len(P.CITIES), people // 40))) + 1
    draw = _Draw(rng, people, random.Random(seed + 1) if identity else None, start + dt.timedelta(days=days // 2))
    out.mkdir(parents=True, exist_ok=True)
    manifest = ["# document\tsource\tpublished"]
    truth = ["# document\tname\tofficial"]
    written = pages = size = 0
    while written < articles:
        count = min(rng.randint(2, 4), articles - written)
        city = rng.choice(draw.cities)
        issue = start + dt.timedelta(days=pages // len(draw.cities))
        named: list[Official] = []
        page = _layout([_article(draw, city, issue - dt.timedelta(days=1), named) for _ in range(count)], rng)
        name = f"{pages:06d}_{hashlib.sha1(page.encode()).hexdigest()[:16]}.txt"
        truth += sorted({f"{name}\t{o.name}\t{o.ident}" for o in named})
        data = page.encode("utf-8")
        (out / name).write_bytes(data)
        manifest.append(f"{name}\t{city}日报\t{issue.isoformat()}")
        written, pages, size = written + count, pages + 1, size + len(data)
    (out / "manifest.tsv").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    if identity:
        (out / "identity_truth.tsv").write_text("\n".join(truth) + "\n", encoding="utf-8")
    return CorpusStats(pages, written, sum(len(v) for v in draw.officials.values()), size)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.corpus", description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder for the pages and manifest.tsv")
    parser.add_argument("--articles", type=int, default=None, help=f"articles in all (default {BASE_ARTICLES} × scale)")
    parser.add_argument("--scale", type=int, default=1, help="size multiplier of the default corpus")
    parser.add_argument("--persons", type=int, default=None, help="distinct officials (default articles / 3)")
    parser.add_argument("--seed", type=int, default=1, help="same seed, same corpus")
    args = parser.parse_args()
    stats = generate(args.out, articles=args.articles or BASE_ARTICLES * args.scale, persons=args.persons,
                     seed=args.seed)
    print(f"{stats.pages} pages, {stats.articles} articles, {stats.persons} officials, "
          f"{stats.bytes / 1e6:.2f} MB in {args.out}")


if __name__ == "__main__":
    main()
