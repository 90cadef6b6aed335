"""The real-article corpus' articles as their gold annotation cuts them: the stories a paper would typeset.

`bench.pdf_pages.Story.of` takes what the text reader found, so pages made from
it can only repeat the text reader's cuts. Here each story comes from the
documents and the gold alone, as a maintainer's layout tool would get it: one
story per gold article, holding the text verbatim, its headline (and kicker
or subtitle) where the source printed one.

- a clean article file (`*_article.txt`): the lines before the first blank line
  are its headline block when the gold gives a title; the line that is the
  title is the headline, lines above it the kicker, lines below it the subtitle;
- several stories in one file (briefs, items): paragraphs, a story opening at
  the paragraph holding its gold `locate` (or at the brief marker before it);
- crawled records (`*.jsonl`): one story a record, its `title`/`subtitle`;
- text-layer pages (`*_page_w*.txt`): the verbatim articles of `src/` that
  `src/pages.tsv` lists for the page, with the headline and kicker it gives.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from pathlib import Path

from bench.pdf_pages import Story
from kg.layout.lines import opens_brief

STRIP = re.compile(r"[\s\u3000“”‘’\"'《》〈〉「」『』【】()（）]")  # what the gold scorer takes out


def norm(text: str) -> str:
    """As the gold scorer compares: NFKC, spaces, quotes and brackets out."""
    return STRIP.sub("", unicodedata.normalize("NFKC", text or ""))


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def _article_file(text: str, titles: list[str]) -> Story:
    lines = [line.strip() for line in text.strip().split("\n")]
    if not titles or "" not in lines:
        return Story(None, None, tuple(_paragraphs(text)))
    header, body = lines[:lines.index("")], lines[lines.index(""):]
    wanted = {norm(t) for t in titles}
    at = next((i for i, line in enumerate(header) if norm(line) in wanted), None)
    if at is None:  # the title is the header's lines joined
        return Story("".join(header), None, tuple(_paragraphs("\n".join(body))))
    kicker = " ".join(header[:at]) or None
    subtitle = " ".join(header[at + 1:]) or None
    return Story(header[at], subtitle, tuple(_paragraphs("\n".join(body))), kicker=kicker)


def _located(paragraphs: list[str], locate: str) -> int:
    """The index of the paragraph where `locate` begins (locates may run over a paragraph's end)."""
    joined, ends = "", []
    for paragraph in paragraphs:
        joined += norm(paragraph)
        ends.append(len(joined))
    at = joined.find(norm(locate))
    if at < 0:
        raise ValueError(f"locate not found: {locate}")
    return next(i for i, end in enumerate(ends) if at < end)


def _several(text: str, articles: list[dict]) -> list[Story]:
    paragraphs = _paragraphs(text)
    marked = [i for i, p in enumerate(paragraphs) if opens_brief(p)]
    starts: list[int] = []
    located = 0  # where the story before's own text begins: a marker above it is that story's (its byline)
    for n, article in enumerate(articles):
        at = 0 if n == 0 else _located(paragraphs, article["locate"])
        if n:
            at = max((i for i in marked if located < i <= at), default=at)
        located = _located(paragraphs, article["locate"])
        starts.append(max(at, starts[-1] + 1) if starts else at)
    stories = []
    for n, (start, article) in enumerate(zip(starts, articles, strict=True)):
        chunk = paragraphs[start:starts[n + 1] if n + 1 < len(starts) else None]
        wanted = {norm(t) for t in article["title"]}
        if wanted and norm(chunk[0]) in wanted and len(chunk) > 1:
            stories.append(Story(chunk[0], None, tuple(chunk[1:])))
        else:
            stories.append(Story(None, None, tuple(chunk)))
    return stories


def _records(path: Path, articles: list[dict]) -> list[Story]:
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    stories = []
    for article in articles:
        locate = norm(article["locate"])
        record = next(r for r in records if locate in norm(r.get("body", "")))
        stories.append(Story(record.get("title") or None, record.get("subtitle") or None,
                             tuple(_paragraphs(record["body"]))))
    return stories


def _page_sources(folder: Path, document: str) -> list[dict[str, str]]:
    listing = folder / "src" / "pages.tsv"
    if not listing.exists():
        return []
    with listing.open(encoding="utf-8") as handle:
        rows = [line for line in handle if line.strip()]
    header = rows[0].lstrip("# ").rstrip("\n").split("\t")
    return [row for row in csv.DictReader(rows[1:], fieldnames=header, delimiter="\t")
            if row["document"] == document]


def _page(folder: Path, rows: list[dict[str, str]], articles: list[dict]) -> list[Story]:
    by_id = {}
    for row in rows:
        paragraphs = _paragraphs((folder / "src" / row["source"]).read_text(encoding="utf-8"))
        headline = row.get("headline") or None
        if headline and paragraphs and norm(paragraphs[0]) == norm(headline):
            paragraphs = paragraphs[1:]
        by_id[Path(row["source"]).stem] = Story(headline, None, tuple(paragraphs), kicker=row.get("kicker") or None)
    stories = []
    for article in articles:
        story = by_id.get(article["id"]) or next(
            s for s in by_id.values() if norm(article["locate"]) in norm("".join(s.paragraphs)))
        stories.append(story)
    return stories


def gold_stories(gold_path: Path, folder: Path | None = None) -> list[Story]:
    """The stories of one gold file's document, in the gold's order; `folder`: the documents' (default: the
    gold file's)."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    folder = folder or gold_path.parent
    document, articles = folder / gold["document"], gold["articles"]
    if document.suffix == ".jsonl":
        return _records(document, articles)
    rows = _page_sources(folder, gold["document"])
    if rows:
        return _page(folder, rows, articles)
    text = document.read_text(encoding="utf-8").lstrip("\ufeff")
    if len(articles) == 1:
        return [_article_file(text, articles[0]["title"])]
    return _several(text, articles)
