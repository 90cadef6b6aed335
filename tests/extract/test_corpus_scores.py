"""The gold scorer on the corpus of real published articles (tests/data/corpus, issue 16).

Every part is scored on every run and their tables printed, so CI shows where extraction stands on
news nobody on the team wrote. The floors sit a little under the latest measured scores (the first
baseline is in tests/data/corpus/BASELINE.md): they catch regressions, they are not targets. Only the
summary table is printed for the held-out parts (blind, fresh); their per-article misses are never shown.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "tests" / "data" / "corpus"
SCORER = REPO.parent / "shared" / "gold" / "score.py"
PARTS = ("dev", "blind", "fresh")  # dev is tuned on; blind and fresh are held out

# The scores after the first round of reach work (docs/extraction.md; at abf24fe they were dev 0.691 and
# blind 0.716, tests/data/corpus/BASELINE.md) minus a margin of about 0.03 (0.1 on the small title facet);
# the dev persons, attendance, roles and positions floors (and overall) after the persons-roles round, minus 0.02;
# dev policies after the second round on policies, minus 0.02 (issue 16: 0.881 measured after the reader-facets merge).
# dev attendance, roles and policies after the third round on roles and policies (0.988, 0.981, 0.926), minus about 0.02.
FLOORS = {
    # Lowered on purpose when dev grew from 42 to 65 articles (d27-d40, annotated before they were first scored):
    # the new articles are text no rule was tuned on, so whole-dev fell from 0.979 to 0.906 (persons 0.921,
    # attendance 0.910, roles 0.893, dates 0.923, policies 0.800); floors are those figures minus about 0.02.
    # (dev policies raised to 0.92: 0.944 after the second policies round on d27-d40, minus about 0.02)
    # When dev grew from 65 to 89 articles (d41-d54, gold committed at 6455ace before they were first scored),
    # whole-dev went from 0.924 to 0.916; reporters (0.986 -> 0.923) and policies (0.947 -> 0.889) fell under
    # their floors and now sit at those figures minus about 0.02.
    # Session 9, after the fifth round's merges (main 93dbffb): whole dev (89 articles) 0.917, blind 0.882, fresh
    # 0.868; each floor is the measured figure minus about 0.02 (dev) or 0.03 (held out), never raised past the
    # part's earlier floor where a facet fell.
    # (dev after the two short rounds on d41-d54: 0.931; segmentation and reporters 1.000, persons 0.962,
    # attendance 0.957, roles 0.940)
    # When dev grew from 89 to 108 articles (d55-d68, gold committed at 8b3416a before they were first scored),
    # whole-dev went from 0.931 to 0.924 and policies (0.913 -> 0.872) fell under its floor: now 0.872 minus ~0.02.
    "dev": {"overall": 0.91, "segmentation": 0.98, "title": 0.98, "reporters": 0.98, "persons": 0.94,
            "attendance": 0.93, "roles": 0.92, "dates": 0.96, "policies": 0.85, "positions": 0.93},
    # blind: first scored by the lead after the session-6 merges (overall 0.867); 0.882 in session 9
    "blind": {"overall": 0.85, "segmentation": 0.93, "title": 0.97, "reporters": 0.74, "persons": 0.89,
              "attendance": 0.81, "roles": 0.73, "dates": 0.91, "policies": 0.63, "positions": 0.91},
    # fresh: a second held-out part (tests/data/corpus/fresh), first scored at a12c048 after its gold was
    # committed (overall 0.847); 0.868 in session 9
    "fresh": {"overall": 0.84, "segmentation": 0.84, "title": 0.82, "reporters": 0.87, "persons": 0.86,
              "attendance": 0.84, "roles": 0.82, "dates": 0.91, "policies": 0.58, "positions": 0.82},
}


def _score(part: str) -> dict:
    """The scorer's tallies on a part, with the extractor run in this process (what `score.py --json` prints, without
    a `python -m kg` start per document: the three parts cost minutes of CI that way)."""
    folder = CORPUS / part
    golds = sorted(folder.glob("*.gold.json"))
    assert len(golds) >= 20, f"{folder}: the corpus part is missing"
    assert SCORER.exists(), f"the shared gold scorer belongs beside the repository: {SCORER}"
    return _score_documents([folder / json.loads(g.read_text(encoding="utf-8"))["document"] for g in golds],
                            golds, identity=True)[0]


def _score_documents(documents: list[Path], golds: list[Path], *, identity: bool) -> tuple[dict, dict]:
    """({facets, overall_f1}, misses) of the scorer's own functions on the extractor's N-Quads for each document."""
    from kg.pipeline import Options, extract_file

    score = _scorer()
    tally, nq_all, gold_all = score.Tally(), [], []
    for document, gold_path in zip(documents, golds, strict=True):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        options = Options(published=dt.date.fromisoformat(gold["published"]), source=gold["source"])
        nquads = extract_file(document, options).nquads()
        nq_all.append(nquads)
        gold_all.append(gold)
        score.score_doc(score.load(nquads), gold, tally)
    if identity:
        score.score_identity(nq_all, gold_all, tally)
    facets = tally.table()
    overall = round(sum(v["f1"] for v in facets.values()) / len(facets), 3)
    return {"facets": facets, "overall_f1": overall}, dict(tally.misses)


def _table(part: str, scores: dict) -> str:
    lines = [f"corpus/{part}: overall F1 {scores['overall_f1']:.3f}",
             f"{'facet':<13}{'P':>7}{'R':>7}{'F1':>7}{'pred':>6}{'gold':>6}"]
    for facet, v in scores["facets"].items():
        lines.append(f"{facet:<13}{v['p']:>7.3f}{v['r']:>7.3f}{v['f1']:>7.3f}{v['pred']:>6}{v['gold']:>6}")
    return "\n".join(lines)


@pytest.mark.parametrize("part", PARTS)
def test_real_articles_stay_above_the_baseline_floor(part: str, capsys: pytest.CaptureFixture) -> None:
    scores = _score(part)
    table = _table(part, scores)
    with capsys.disabled():
        print("\n" + table)
    floors = FLOORS[part]
    assert scores["overall_f1"] >= floors["overall"], table
    below = {facet: scores["facets"][facet]["f1"] for facet, floor in floors.items()
             if facet != "overall" and scores["facets"][facet]["f1"] < floor}
    assert not below, f"facets under their floor {below}\n{table}"


# A deterministic sample of dev articles laid out on pages (make_dev_pages.py, seed 16), scored in this process
# (the scorer's own functions on the extractor's own N-Quads): what reading a page loses against reading the
# articles one by one (a quarter of the pages give no indent). Floors: the page-boundary round (1.000 on the four
# layout facets; 0.944 overall, held down by the extractor on articles the sample repeats), minus ~0.02.
PAGE_SAMPLE = 12
# reporters lowered 0.98 -> 0.88 when dev grew to 65 articles: the page sample now holds a new article whose
# trailing four-name byline, wrapped over three lines at width 10, is lost (0.900; read alone it scores 0.986).
# overall, segmentation and dates lowered when dev grew to 89 articles (d41-d54): the seed-16 sample of 12 pages is
# drawn from the larger pool and now scores 0.917 overall, segmentation 0.939, dates 0.968; floors are those minus 0.02.
# session 9 after the short rounds: overall 0.965, segmentation 0.985, reporters 0.984, dates 0.984 (minus ~0.02)
# Lowered when dev grew to 108 articles (d55-d68): the seed-16 draw from the larger pool (87 articles, was 70) is
# another sample and scores 0.932 overall, segmentation 0.930, title 0.833, reporters 0.933, dates 0.955 (the same
# code scored 0.968 on the old draw). The losses are on older articles the new draw lays out differently (a019 and
# a071 read as one article, the headlines of v307 and a008 and the byline of w406 lost), not on d55-d68; floors are
# those figures minus ~0.02.
PAGE_FLOORS = {"overall": 0.91, "segmentation": 0.91, "title": 0.81, "reporters": 0.91, "dates": 0.93}


def _scorer():
    spec = importlib.util.spec_from_file_location("gold_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_dev_articles_laid_out_on_pages_read_back_into_their_articles(tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture) -> None:
    sys.path.insert(0, str(CORPUS))
    try:
        import make_dev_pages
    finally:
        sys.path.remove(str(CORPUS))
    documents = [tmp_path / d for d in make_dev_pages.generate(tmp_path, PAGE_SAMPLE, seed=16)]
    golds = [d.with_name(d.name.replace(".txt", ".gold.json")) for d in documents]
    scores, misses = _score_documents(documents, golds, identity=False)
    facets, overall = scores["facets"], scores["overall_f1"]
    table = _table(f"dev laid out on {PAGE_SAMPLE} pages", {"overall_f1": overall, "facets": facets})
    with capsys.disabled():
        print("\n" + table)
    assert overall >= PAGE_FLOORS["overall"], table
    below = {facet: facets[facet]["f1"] for facet, floor in PAGE_FLOORS.items()
             if facet != "overall" and facets[facet]["f1"] < floor}
    assert not below, f"facets under their floor {below}\n{table}\n{misses}"


def test_every_document_has_gold_manifest_and_provenance() -> None:
    for part in PARTS:
        folder = CORPUS / part
        manifest = {line.split("\t")[0] for line in (folder / "manifest.tsv").read_text(encoding="utf-8").splitlines()
                    if line and not line.startswith("#")}
        sources = [line.split("\t") for line in (folder / "sources.tsv").read_text(encoding="utf-8").splitlines()
                   if line and not line.startswith("#")]
        golds = {json.loads(p.read_text(encoding="utf-8"))["document"] for p in folder.glob("*.gold.json")}
        assert golds == manifest == {row[0] for row in sources}, part
        assert all(row[4].startswith("http") and row[6] == "overlap.py: no overlap" for row in sources), part


def test_pages_are_rebuilt_exactly_from_their_verbatim_sources() -> None:
    """Every page document is make_pages.py's layout of the articles in src/, never edited by hand."""
    sys.path.insert(0, str(CORPUS))
    try:
        import make_pages
    finally:
        sys.path.remove(str(CORPUS))
    pages = [page for part in PARTS for page in make_pages.read_pages(CORPUS / part / "src")]
    assert len(pages) >= 8
    for part in PARTS:
        for page in make_pages.read_pages(CORPUS / part / "src"):
            laid_out = make_pages.lay_out(page, CORPUS / part / "src")
            assert laid_out == (CORPUS / part / page.document).read_text(encoding="utf-8"), page.document
            headings = {h for art in page.articles for h in (art.headline, art.kicker) if h}
            body_lines = [line for line in laid_out.splitlines() if line.strip() and line not in headings]
            assert max(len(line.lstrip()) for line in body_lines) == page.width, page.document
