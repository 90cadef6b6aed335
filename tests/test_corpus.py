"""The benchmark corpus generator: reproducible pages with the layout and the shape of real ones."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from bench import patterns
from bench.corpus import generate
from tests.conftest import SEEDS

QUOTED = re.compile(r"“([^”]+)”")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    stats = generate(out, articles=300, seed=5)
    assert stats.articles == 300
    return out


def _pages(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}


def test_same_seed_same_corpus_other_seed_other_corpus(corpus: Path, tmp_path: Path) -> None:
    generate(tmp_path / "again", articles=300, seed=5)
    generate(tmp_path / "other", articles=300, seed=6)
    assert _pages(tmp_path / "again") == _pages(corpus)
    assert _pages(tmp_path / "other") != _pages(corpus)


def test_manifest_names_every_page_with_its_paper_and_date(corpus: Path) -> None:
    rows = [line.split("\t") for line in (corpus / "manifest.tsv").read_text(encoding="utf-8").splitlines()
            if not line.startswith("#")]
    assert sorted(name for name, _, _ in rows) == sorted(_pages(corpus))
    assert all(source.endswith("日报") and re.fullmatch(r"\d{4}-\d\d-\d\d", date) for _, source, date in rows)


def test_pages_are_laid_out_like_a_pdf_text_layer(corpus: Path) -> None:
    for text in _pages(corpus).values():
        lines = text.splitlines()
        assert lines[0].startswith(" 本报讯")
        body_lines = [line for line in lines if line and not line.startswith("（")]
        assert max(len(line) for line in body_lines) <= 20  # narrow columns
        assert not any(line[0] in patterns.NO_LINE_START for line in body_lines)
        bylines = [i for i, line in enumerate(lines) if re.fullmatch(r"（[^（）]+）", line)]
        assert bylines and all(lines[i + 2] and not lines[i + 2].startswith(" ") for i in bylines)  # headline after


def test_few_officials_appear_often_and_policies_have_a_long_tail(corpus: Path) -> None:
    text = "".join(_pages(corpus).values()).replace("\n", "")
    articles = text.count("本报讯")
    leads = Counter(re.findall(r"市委书记(\w{2,3}?)(?:主持|来到|率队|会见|走访)", text))
    assert leads.most_common(1)[0][1] >= articles / 20  # one leader in many articles
    policies = Counter(QUOTED.findall(text)) + Counter({p: text.count(p) for p in patterns.NATIONAL_POLICIES})
    counts = sorted(policies.values(), reverse=True)
    assert len(counts) > 50 and counts[0] >= 5 * counts[len(counts) // 2]


def test_names_are_generated_not_taken_from_the_seeds(corpus: Path) -> None:
    seeds = "".join(p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")).replace("\n", "")
    text = "".join(_pages(corpus).values()).replace("\n", "")
    reporters = {name for group in re.findall(r"（([^（）]+)）", text) for name in group.split("、")}
    assert reporters and not any(name in seeds for name in reporters if len(name) == 3)


def test_the_identity_corpus_writes_its_truth_with_namesakes_movers_and_national_leaders(tmp_path: Path) -> None:
    generate(tmp_path / "plain", articles=300, seed=5)
    generate(tmp_path / "ident", articles=600, seed=5, identity=True)
    assert not (tmp_path / "plain" / "identity_truth.tsv").exists()
    rows = [line.split("\t") for line in (tmp_path / "ident" / "identity_truth.tsv").read_text(encoding="utf-8")
            .splitlines() if not line.startswith("#")]
    pages = _pages(tmp_path / "ident")
    assert all(name in pages[doc].replace("\n", "") for doc, name, _ in rows)  # every name is printed on its page
    officials_of_name: dict[str, set[str]] = {}
    cities_of_official: dict[str, set[str]] = {}
    sources = dict(line.split("\t")[:2] for line in (tmp_path / "ident" / "manifest.tsv").read_text(
        encoding="utf-8").splitlines() if not line.startswith("#"))
    for doc, name, official in rows:
        officials_of_name.setdefault(name, set()).add(official)
        cities_of_official.setdefault(official, set()).add(sources[doc])
    assert any(len(o) > 1 for o in officials_of_name.values())  # namesakes
    assert any(len(c) > 1 for o, c in cities_of_official.items() if not o.startswith("中国:"))  # movers
    national = [o for o in cities_of_official if o.startswith("中国:")]
    assert national and all(len(cities_of_official[o]) > 1 for o in national)  # quoted by several papers
