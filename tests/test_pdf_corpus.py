"""Real published articles typeset as newspaper PDF pages score as their texts do (the proxy for issue 19's
hidden set: `python -m bench.pdf_corpus` measures every layout on the whole corpus, docs/pdf.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.pdf_bench import overall_scores
from bench.pdf_pages import LAYOUTS, typeset_gold
from tests.conftest import REPO

DEV = REPO / "tests" / "data" / "corpus" / "dev"
# a clean article under a headline with a dateline, a column of ■ briefs, crawled records without headlines
DOCUMENTS = ("d01_article", "d10_article", "d17_briefs_chuzhou", "d21_crawl")


@pytest.mark.slow
def test_dev_articles_typeset_as_pdf_pages_score_as_their_texts(tmp_path: Path) -> None:
    golds = [DEV / f"{name}.gold.json" for name in DOCUMENTS]
    text = overall_scores(golds, DEV)
    # three columns stacked and drawn in reverse, flush-left headlines; and four columns with a lead over two
    # stories side by side, the first article broken off half way (转第2版) and continued on the last page
    for layout, jumped in ((LAYOUTS[1], False), (LAYOUTS[0], True)):
        out = tmp_path / ("jumped" if jumped else "stacked")
        pdf = overall_scores(typeset_gold(golds, DEV, out, layouts=(layout,), jumped=jumped), out)
        assert text["segmentation"] > 0.5, text
        assert {k: round(v, 2) for k, v in pdf.items()} == pytest.approx(
            {k: round(v, 2) for k, v in text.items()}, abs=0.01), (layout, jumped, pdf, text)
