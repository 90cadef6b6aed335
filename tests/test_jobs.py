"""`--jobs N`: extraction in N processes gives exactly what one process gives, in the same order."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pyoxigraph import RdfFormat, parse

from bench.corpus import generate
from kg import pipeline
from kg.errors import BadInput
from kg.stores import open_store
from tests.conftest import SEEDS, run_kg


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Generated pages, the seeds with their manifest rows, and one file that cannot be read."""
    folder = tmp_path_factory.mktemp("batch")
    generate(folder, articles=40, seed=3)
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, folder)
    seed_rows = [line for line in (SEEDS / "manifest.tsv").read_text(encoding="utf-8").splitlines()
                 if not line.startswith("#")]
    with (folder / "manifest.tsv").open("a", encoding="utf-8") as manifest:
        manifest.write("\n".join(seed_rows) + "\n")
    (folder / "000010_broken.txt").write_bytes(b"\xff\xfe\xfa not utf-8 \x80\x81")
    return folder


def _ingest(folder: Path, jobs: int) -> tuple[set, list[str]]:
    store, problems = open_store(":memory:"), []
    summary = pipeline.ingest_files(store, [folder], pipeline.Options(), lambda e: problems.append(str(e)), jobs=jobs)
    assert summary.documents > 10
    return set(store.store), problems


def test_two_processes_store_exactly_the_quads_of_one(batch: Path) -> None:
    one, problems_one = _ingest(batch, jobs=1)
    two, problems_two = _ingest(batch, jobs=2)
    assert len(one) > 1000
    assert two == one
    assert problems_two == problems_one and any("000010_broken.txt" in p for p in problems_one)


def test_results_come_back_in_input_order(batch: Path) -> None:
    def order(jobs: int) -> list[str]:
        return [doc.path.name for doc in pipeline.extract_files([batch], pipeline.Options(), lambda e: None,
                                                                jobs=jobs, chunk=2)]
    assert order(2) == order(1) == sorted(order(1))


def test_a_bad_file_is_reported_once_and_the_rest_goes_in(batch: Path) -> None:
    problems: list[BadInput] = []
    docs = list(pipeline.extract_files([batch], pipeline.Options(), problems.append, jobs=2))
    assert [p.path for p in problems if p.path and p.path.endswith("000010_broken.txt")] == [
        str(batch / "000010_broken.txt")]
    assert len(docs) == len(list(batch.glob("*.txt"))) - 1


@pytest.mark.slow
def test_cli_ingest_jobs_2_twice_is_idempotent_and_extract_output_is_identical(batch: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    first = run_kg("ingest", str(batch), "--store", str(store), "--jobs", "2")
    assert first.returncode == 65 and "000010_broken.txt" in first.stderr  # the bad file, and only it
    again = run_kg("ingest", str(batch), "--store", str(store), "--jobs", "2")
    assert again.returncode == 65 and first.stdout.split(",")[:-1] == again.stdout.split(",")[:-1]
    serial, parallel = (_printed(run_kg("extract", str(batch), "--jobs", jobs).stdout) for jobs in ("1", "2"))
    assert parallel == serial and len(serial[1]) > 1000


def _printed(nquads: str) -> tuple[list[str], set]:
    """The graphs in the order printed, and the quads."""
    quads = list(parse(nquads.encode(), format=RdfFormat.N_QUADS))
    return list(dict.fromkeys(q.graph_name.value for q in quads)), set(quads)


def test_jobs_must_be_a_positive_number() -> None:
    done = run_kg("ingest", str(SEEDS), "--jobs", "0", "--store", ":memory:")
    assert done.returncode == 2 and "not a number of processes" in done.stderr
