"""Many newspaper pages laid out from the dev part's annotated articles, with their gold, deterministically.

    python tests/data/corpus/make_dev_pages.py OUT [--pages 60] [--seed 16]

The dev part has four page documents, far too few to tell how well a page is cut into its articles.
This script takes every dev article that has gold and a text of its own (the `*_article.txt`
documents, the crawled records of `*_crawl.jsonl` and the page sources in `src/`), and lays them out
in OUT as `pNNN_page_wW.txt` pages with `make_pages.lay_out` (the layout of the dev and blind pages):
2-4 articles a page, columns 10-18 characters wide and 6-14 lines long, the page's headlines printed
after their articles or before them, some articles without one, kickers where the source has one,
bylines where the article prints them, and a quarter of the pages without the space before each
article's first line that most text layers give (there only datelines, date leads, bylines and
headlines tell where an article begins). Each page's gold is its articles' gold: the title only when the
page prints it, and the event dates as a reader of this page's issue resolves them (a date without a
year falls in the issue's year unless its month is after the issue's, kg.dates) — an article dated
only relative to its own issue (昨日) goes on pages of that issue's date, one a page.

OUT/single/ gets the same articles as one clean article file each (headline and kicker first), so
`score.py OUT/*.gold.json --docs OUT` against `score.py OUT/single/*.gold.json --docs OUT/single`
is what reading a page loses against reading the same articles one by one.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_pages import Page, PlacedArticle, lay_out, read_pages  # noqa: E402

STRIPPED = re.compile(r"[\s\u3000“”‘’\"'《》〈〉「」『』【】()（）]")
NO_INDENT = 0.25  # the share of pages whose text layer gives no space before an article's first line
DEV = Path(__file__).resolve().parent / "dev"


@dataclass(frozen=True)
class Annotated:
    """One dev article: its printed headline and kicker, its body as printed, its gold and its issue."""

    id: str
    headline: str
    kicker: str
    body: str
    gold: dict
    published: dt.date
    source: str

    def portable(self) -> bool:
        """Whether every event date is written as 月…日 with no year, so another issue's year applies."""
        for value in self.gold["dates"]:
            if not value:  # no date given (近日): nothing for another issue's year to change
                continue
            for iso in value.split("/")[:1]:
                day = dt.date.fromisoformat(iso)
                written = re.search(rf"(?<!\d)({day.year}[ \t]*年[ \t]*)?{day.month}[ \t]*月[ \t]*{day.day}(?!\d)",
                                    self.body)
                if not written or written.group(1):
                    return False
        return True


def _bare(text: str) -> str:
    """Text as the scorer compares it (shared/gold/score.py): NFKC, no blanks, quotes or brackets."""
    return STRIPPED.sub("", unicodedata.normalize("NFKC", text))


def _manifest() -> dict[str, tuple[str, str]]:
    rows = [line.split("\t") for line in (DEV / "manifest.tsv").read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    return {row[0]: (row[1], row[2]) for row in rows}


def _golds() -> dict[str, dict]:
    return {gold["document"]: gold for gold in
            (json.loads(p.read_text(encoding="utf-8")) for p in sorted(DEV.glob("*.gold.json")))}


def _split_heading(text: str, gold_article: dict) -> tuple[str, str, str]:
    """(headline, kicker, body) of an article file: the lines before the first blank when it has a title."""
    if not gold_article["title"]:
        return "", "", text.strip()
    head, _, body = text.strip().partition("\n\n")
    headline, _, kicker = head.partition("\n")
    return headline.strip(), kicker.strip().replace("\n", " "), body.strip()


def dev_articles() -> list[Annotated]:
    """Every dev article with gold and a text of its own, in a fixed order."""
    manifest, golds, out = _manifest(), _golds(), []
    for document, gold in golds.items():
        source, published = manifest[document]
        if document.endswith("_article.txt"):
            art = gold["articles"][0]
            headline, kicker, body = _split_heading((DEV / document).read_text(encoding="utf-8"), art)
            out.append(Annotated(art["id"], headline, kicker, body, art, dt.date.fromisoformat(published), source))
        elif document.endswith(".jsonl"):
            records = [json.loads(line) for line in (DEV / document).read_text(encoding="utf-8").splitlines() if line]
            for art in gold["articles"]:
                record = next(r for r in records if _bare(art["locate"]) in _bare(r["body"]))
                headline = record.get("title", "") if art["title"] else ""
                out.append(Annotated(art["id"], headline, record.get("subtitle", "") if headline else "",
                                     record["body"].strip(), art, dt.date.fromisoformat(record["published"]),
                                     record["source"]))
    for page in read_pages(DEV / "src"):
        gold = golds[page.document]
        for placed in page.articles:
            art = next(a for a in gold["articles"] if a["id"] == Path(placed.source).stem)
            out.append(Annotated(art["id"], placed.headline, placed.kicker,
                                 (DEV / "src" / placed.source).read_text(encoding="utf-8").strip(), art,
                                 dt.date.fromisoformat(gold["published"]), gold["source"]))
    return out


def _reissued(value: str | None, issued: dt.date) -> str | None:
    """An event date (or range) written without a year, as an issue of `issued` resolves it."""
    if not value:
        return value
    days = [dt.date.fromisoformat(iso) for iso in value.split("/")]
    shift = (issued.year - (1 if days[0].month > issued.month else 0)) - days[0].year
    return "/".join(day.replace(year=day.year + shift).isoformat() for day in days)


def _page_gold(document: str, chosen: list[Annotated], placements: list[str], issued: dt.date) -> dict:
    articles = []
    for art, placement in zip(chosen, placements, strict=True):
        gold = dict(art.gold)
        gold["title"] = list(gold["title"]) if placement != "none" else []
        if art.published != issued:
            gold["dates"] = [_reissued(value, issued) for value in gold["dates"]]
        articles.append(gold)
    return {"document": document, "published": issued.isoformat(), "source": chosen[0].source,
            "articles": articles}


def make_page(number: int, rng: random.Random, pool: list[Annotated], src: Path) -> tuple[str, str, dict]:
    """(document name, text, gold) of one page drawn from `pool`."""
    portable = [a for a in pool if a.portable()]
    anchored = [a for a in pool if not a.portable()]
    count = rng.randint(2, 4)
    chosen = rng.sample(portable, count)
    if anchored and rng.random() < 0.3:  # an article dated by its own issue sets the page's date
        chosen[0] = rng.choice(anchored)
    issued = chosen[0].published
    rng.shuffle(chosen)
    width, column_lines = rng.randint(10, 18), rng.randint(6, 14)
    style = rng.choice(("after", "after", "before"))
    placements = [style if art.headline and rng.random() < 0.8 else "none" for art in chosen]
    document = f"p{number:03d}_page_w{width}.txt"
    page = Page(document, width, column_lines, tuple(
        PlacedArticle(f"{art.id}.txt", art.headline, art.kicker if rng.random() < 0.7 else "", placement)
        for art, placement in zip(chosen, placements, strict=True)), indent=rng.random() >= NO_INDENT)
    return document, lay_out(page, src), _page_gold(document, chosen, placements, issued)


def _single(art: Annotated) -> tuple[str, str, dict]:
    document = f"{art.id}_article.txt"
    heading = "\n".join(h for h in (art.headline, art.kicker) if h)
    text = f"{heading}\n\n{art.body}\n" if heading else f"{art.body}\n"
    return document, text, {"document": document, "published": art.published.isoformat(), "source": art.source,
                            "articles": [art.gold]}


def _write(folder: Path, document: str, text: str, gold: dict) -> None:
    (folder / document).write_text(text, encoding="utf-8")
    (folder / document.replace(".txt", ".gold.json")).write_text(
        json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def generate(out: Path, pages: int, seed: int) -> list[str]:
    """Write the pages (and the single articles) to `out`; the page documents written, in order."""
    pool = dev_articles()
    src, single = out / "src", out / "single"
    src.mkdir(parents=True, exist_ok=True)
    single.mkdir(exist_ok=True)
    for art in pool:
        (src / f"{art.id}.txt").write_text(art.body + "\n", encoding="utf-8")
        _write(single, *_single(art))
    rng = random.Random(seed)
    written = []
    for number in range(1, pages + 1):
        document, text, gold = make_page(number, rng, pool, src)
        _write(out, document, text, gold)
        written.append(document)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--pages", type=int, default=60)
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args(argv)
    written = generate(args.out, args.pages, args.seed)
    print(f"{args.out}: {len(written)} pages, {len(dev_articles())} single articles in {args.out / 'single'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
