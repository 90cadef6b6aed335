"""E-paper PDF pages: typeset from the seeds and the team's articles, read back from their geometry."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from reportlab.pdfgen.canvas import Canvas

from bench.pdf_pages import LAYOUTS, Story, fonts, typeset, typeset_gold
from kg.layout.page import page_articles
from kg.model import Article
from kg.read import parse_date, read_path
from tests.conftest import REPO, SEEDS, run_kg

GOLD = REPO.parent / "shared" / "gold"
TEAM = sorted((REPO / "tests" / "data").glob("*/*.gold.json"))


def _articles(path: Path, **kwargs) -> list[Article]:
    items = list(read_path(path, **kwargs))
    assert all(isinstance(item, Article) for item in items), items
    return items  # type: ignore[return-value]


def _as_read(article: Article) -> tuple:
    """What the scores depend on (the dateline is not scored: a reporters' line adds to it)."""
    return article.title, article.subtitle, article.reporters, article.body


@pytest.fixture(scope="module")
def seed_pages(tmp_path_factory) -> list[Path]:
    return typeset_gold(sorted(GOLD.glob("*.gold.json")), SEEDS, tmp_path_factory.mktemp("seed_pages"))


@pytest.fixture(scope="module")
def team_pages(tmp_path_factory) -> list[Path]:
    return typeset_gold(TEAM, None, tmp_path_factory.mktemp("team_pages"))


def _source_and_pdf(gold_copy: Path, docs: Path | None, originals: list[Path]) -> tuple[Path, Path, dict]:
    gold = json.loads(gold_copy.read_text(encoding="utf-8"))
    original = next(g for g in originals if g.name == gold_copy.name)
    text_doc = (docs or original.parent) / json.loads(original.read_text(encoding="utf-8"))["document"]
    return text_doc, gold_copy.parent / gold["document"], gold


@pytest.mark.parametrize("which", ["seeds", "team"])
def test_each_pdf_gives_the_articles_of_the_text_it_was_typeset_from(which, seed_pages, team_pages):
    pages, docs, originals = ((seed_pages, SEEDS, sorted(GOLD.glob("*.gold.json"))) if which == "seeds"
                              else (team_pages, None, TEAM))
    assert len(pages) >= 2
    for copy in pages:
        text_doc, pdf, gold = _source_and_pdf(copy, docs, originals)
        given = {"published": parse_date(gold["published"]), "source": gold["source"]}
        from_text = [_as_read(a) for a in _articles(text_doc, **given)]
        from_pdf = _articles(pdf, **given)
        assert [_as_read(a) for a in from_pdf] == from_text, pdf.name
        for article in from_pdf:  # evidence offsets point into the body the graph stores
            assert all(article.body[s.start:s.end] == s.text for s in article.sentences)


def _score(golds: list[Path], docs: Path) -> dict:
    done = subprocess.run([sys.executable, str(GOLD / "score.py"), *map(str, golds), "--docs", str(docs),
                           "--cmd", f"{sys.executable} -m kg", "--json"],
                          capture_output=True, text=True, timeout=600, cwd=REPO)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout[: done.stdout.rindex("}") + 1])


@pytest.mark.slow
def test_the_seeds_typeset_as_pages_score_as_the_seeds_do(seed_pages):
    scored = _score(seed_pages, seed_pages[0].parent)
    assert scored["overall_f1"] >= 0.99, scored["misses"]
    assert scored["facets"]["segmentation"]["f1"] == 1.0 and scored["facets"]["title"]["f1"] == 1.0


def test_a_page_whose_text_layer_runs_right_to_left_is_read_in_reading_order(tmp_path):
    articles = _articles(SEEDS / "000_6619c5c4ce064df3.txt")
    pdf = tmp_path / "reversed.pdf"
    typeset(map(Story.of, articles), pdf, columns=4, layout="lead_pair", reverse=True)
    document = pdfium.PdfDocument(str(pdf))
    layer = document[0].get_textpage().get_text_range().replace("\r\n", "\n")
    document.close()
    flat = layer.replace("\n", "")
    # the text layer as a converter gives it: the last column comes first, the headlines come last
    assert flat.index(articles[-1].body[-12:]) < flat.index(articles[0].body[:12])
    assert [a.body for a in page_articles(layer)] != [a.body for a in articles]
    assert [_as_read(a) for a in _articles(pdf)] == [_as_read(a) for a in articles]


def test_pages_of_three_to_five_columns_and_several_pages(tmp_path):
    texts = [*sorted(SEEDS.glob("*.txt")), *sorted((REPO / "tests" / "data" / "heldout").glob("*.txt"))]
    articles = [a for path in texts for a in _articles(path)]
    for columns, layout, reverse, style in LAYOUTS:
        pdf = tmp_path / f"{columns}_{layout}_{reverse}_{style}.pdf"
        pages = typeset(map(Story.of, articles), pdf, columns=columns, layout=layout, reverse=reverse, style=style)
        assert pages >= 3
        assert [_as_read(a) for a in _articles(pdf)] == [_as_read(a) for a in articles], pdf.name


def test_text_set_in_one_point_and_scaled_by_its_matrix_reads_the_same(tmp_path):
    """cairo and others set text in 1 pt and scale it: sizes are read through the text matrix."""
    articles = _articles(SEEDS / "001_9cbad604bd247137.txt")
    pdf = tmp_path / "scaled.pdf"
    typeset(map(Story.of, articles), pdf, columns=4, scaled=True, source="无锡日报")
    assert [_as_read(a) for a in _articles(pdf)] == [_as_read(a) for a in articles]


def test_masthead_and_folio_give_the_paper_and_date_when_nothing_else_does(tmp_path):
    articles = _articles(REPO / "tests" / "data" / "extra" / "chengdu_20240921.txt")
    pdf = tmp_path / "page1.pdf"
    typeset(map(Story.of, articles), pdf, columns=3, issued=dt.date(2024, 9, 21), source="成都日报")
    read = _articles(pdf)
    assert {(a.source, a.issued) for a in read} == {("成都日报", dt.date(2024, 9, 21))}
    flagged = _articles(pdf, published=dt.date(2024, 9, 22), source="某某晚报")
    assert {(a.source, a.issued) for a in flagged} == {("某某晚报", dt.date(2024, 9, 22))}
    furniture = ("成都日报", "第1版", "责任编辑", "图为", "广告", "诚信经营", "咨询热线")
    assert not [word for a in read for word in furniture if word in a.body or word in (a.title or "")]


def test_a_pdf_of_one_type_size_is_read_from_its_text_layer(tmp_path):
    """A text layer printed as is (one size, one face): the geometry tells nothing, the page reader does."""
    seed = SEEDS / "000_6619c5c4ce064df3.txt"
    body_font, _ = fonts()
    pdf = tmp_path / "plain.pdf"
    canvas = Canvas(str(pdf), pagesize=(400, 4200))
    canvas.setFont(body_font, 10)
    for i, line in enumerate(seed.read_text(encoding="utf-8").splitlines()):
        canvas.drawString(30, 4170 - 15 * i, line)
    canvas.showPage()
    canvas.save()
    assert [_as_read(a) for a in _articles(pdf)] == [_as_read(a) for a in _articles(seed)]


def _bad_pdfs(folder: Path, good_pdf: Path) -> dict[str, str]:
    """Broken PDFs beside good files: name → what its one line must say."""
    canvas = Canvas(str(folder / "locked.pdf"), encrypt="secret")
    canvas.drawString(100, 700, "hello")
    canvas.showPage()
    canvas.save()
    data = good_pdf.read_bytes()
    (folder / "truncated.pdf").write_bytes(data[: len(data) // 2])
    (folder / "damaged.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 20)
    canvas = Canvas(str(folder / "scan.pdf"))
    canvas.setFillGray(0.5)
    canvas.drawInlineImage(_grey_image(), 50, 400, 400, 300)
    canvas.showPage()
    canvas.save()
    return {"locked.pdf": "encrypted", "truncated.pdf": "truncated", "damaged.pdf": "damaged",
            "scan.pdf": "no text layer"}


def _grey_image():
    from PIL import Image

    return Image.new("L", (200, 150), 180)


@pytest.mark.slow
def test_ingest_reads_a_folder_of_pdfs_text_and_json_lines_and_reports_broken_pdfs(tmp_path):
    folder = tmp_path / "epaper"
    folder.mkdir()
    articles = _articles(REPO / "tests" / "data" / "extra" / "ningbo_20240319.txt")
    typeset(map(Story.of, articles), folder / "ningbo_20240319.pdf", columns=4, source="宁波日报")
    (folder / "one.txt").write_bytes((REPO / "tests" / "data" / "extra" / "xinhua_20240521.txt").read_bytes())
    (folder / "crawl.jsonl").write_bytes((REPO / "tests" / "data" / "reader" / "crawl.jsonl").read_bytes())
    expected = _bad_pdfs(folder, folder / "ningbo_20240319.pdf")
    store = tmp_path / "store"
    done = run_kg("ingest", str(folder), "--store", str(store))
    assert done.returncode == 65, done.stderr
    assert "Traceback" not in done.stderr
    problems = [line for line in done.stderr.splitlines() if line.startswith("kg: ")]
    for name, what in expected.items():
        assert [line for line in problems if f"{name}:" in line and what in line], (name, done.stderr)
    listed = run_kg("query", "PREFIX dcterms: <http://purl.org/dc/terms/> SELECT DISTINCT ?t { ?a dcterms:title ?t }",
                    "--store", str(store), "--format", "tsv")
    titles = {line.strip().strip('"') for line in listed.stdout.splitlines()[1:]}
    assert {a.title for a in articles} <= titles
    assert "韩振东会见坦桑尼亚外长" in titles  # the text file went in beside the PDFs


def test_continuation_notes_are_not_part_of_the_text(tmp_path):
    article = _articles(REPO / "tests" / "data" / "extra" / "xinhua_20240419.txt")[0]
    story = Story.of(article)
    jumped = Story(story.title, story.subtitle, (*story.paragraphs[:-1], story.paragraphs[-1] + "（转第2版）"),
                   story.reporters)
    pdf = tmp_path / "jump.pdf"
    typeset([jumped], pdf, columns=3)
    assert [_as_read(a) for a in _articles(pdf)] == [_as_read(article)]
