"""Hostile and careless input through the real `kg ingest` (issue 14, points 4 and 5).

A JSON bomb, a lone surrogate, file names that try to forge report lines, named
pipes, broken links and a document far larger than a newspaper issue: each gets
its one `kg: path[:line]: …` line, the exit status is 65, no traceback, and the
rest of the batch — the good lines of the same file included — is stored.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from pyoxigraph import Store

from kg.pipeline import Options, extract_file, extract_parts
from tests.conftest import REPO, SEEDS, run_kg

PAGE = SEEDS / "000_6619c5c4ce064df3.txt"
DEEP = 200_000
RECORD = {"title": "市领导调研企业", "body": "本报讯 4月9日，市委书记周建华到企业调研，强调要推动高质量发展。",
          "published": "2024-04-10", "source": "无锡日报"}
FORGING_NAME = "evil\nkg: forged.txt: looks like a report line\x1b[2K.txt"
GBK_NAME = os.fsdecode("无锡报道".encode("gbk") + b".txt")
TITLE = "http://purl.org/dc/terms/title"


def _batch(folder: Path) -> None:
    folder.mkdir()
    lines = [json.dumps(RECORD, ensure_ascii=False),
             '{"title": "炸弹", "body": ' + "[" * DEEP + "]" * DEEP + "}",
             json.dumps({**RECORD, "title": "坏字符"}, ensure_ascii=False).replace("坏字符", "坏\\ud800字符"),
             json.dumps({**RECORD, "title": "副市长出席会议", "body": "4月8日，副市长孙立平出席会议并讲话。"},
                        ensure_ascii=False)]
    (folder / "crawl.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "deep.json").write_text("[" * DEEP + "]" * DEEP, encoding="utf-8")
    (folder / "page.txt").write_bytes(PAGE.read_bytes())
    (folder / FORGING_NAME).write_bytes(b"")  # empty: reported, so its name is printed
    (folder / GBK_NAME).write_text("市长到企业调研\n\n本报讯 4月9日，市长刘海峰到企业调研，强调要推动高质量发展。\n",
                                   encoding="utf-8")  # a good file with a GBK name, as Windows archives have them
    os.mkfifo(folder / "pipe.txt")
    (folder / "dangling.txt").symlink_to(folder / "gone.txt")


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    root = tmp_path_factory.mktemp("hostile")
    _batch(root / "in")
    direct_fifo = root / "direct.fifo"
    os.mkfifo(direct_fifo)
    done = run_kg("ingest", str(root / "in"), str(direct_fifo), "--store", str(root / "store"), timeout=120)
    return done, root


def test_the_batch_ends_with_status_65_and_no_traceback(ingested) -> None:
    done, _ = ingested
    assert done.returncode == 65, done.stderr
    assert "Traceback" not in done.stderr and "RecursionError" not in done.stderr


@pytest.mark.parametrize(("where", "what"), [
    ("in/crawl.jsonl:2", "nested too deeply"),
    ("in/crawl.jsonl:3", "lone surrogate"),
    ("in/deep.json:1", "nested too deeply"),
    ("in/pipe.txt", "named pipe (FIFO), not a regular file"),
    ("in/dangling.txt", "broken symbolic link"),
    ("direct.fifo", "named pipe (FIFO), not a regular file"),
])
def test_each_problem_is_one_line_naming_file_and_line(ingested, where: str, what: str) -> None:
    done, root = ingested
    hits = [line for line in done.stderr.splitlines() if line.startswith(f"kg: {root}/{where}: ")]
    assert len(hits) == 1 and what in hits[0], done.stderr


def test_a_file_name_cannot_forge_a_report_line(ingested) -> None:
    done, root = ingested
    lines = done.stderr.splitlines()
    assert all(line.startswith(f"kg: {root}/") for line in lines), done.stderr
    assert len(lines) == 7, done.stderr  # the six problems above and the empty file with the forging name
    assert f"kg: {root}/in/evil\\nkg: forged.txt: looks like a report line\\x1b[2K.txt: empty file" in lines


def test_the_good_lines_of_the_bad_file_and_the_good_files_are_stored(ingested) -> None:
    _, root = ingested
    store = Store.read_only(str(root / "store"))
    titles = {q.object.value for q in store.quads_for_pattern(None, None, None, None) if q.predicate.value == TITLE}
    assert {"市领导调研企业", "副市长出席会议"} <= titles  # lines 1 and 4 of crawl.jsonl
    assert not {"炸弹", "坏\ud800字符"} & titles
    graphs = {g.value for g in store.named_graphs()}
    assert any("/无锡报道/" in g for g in graphs), graphs
    page_articles = extract_file(root / "in" / "page.txt", Options()).article_count
    assert page_articles >= 3 and sum(1 for g in graphs if "/page/" in g) == page_articles, graphs


def _run_measured(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str, float]:
    """`python -m kg ARGS` as a user runs it: (exit status, stdout, stderr, its own peak RSS in MB)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err, \
            tempfile.TemporaryFile("w+") as peak:
        # Started from a small launcher: Linux keeps a forked child's pre-exec high-water mark in its
        # ru_maxrss, which would be this (large) test process's RSS, not kg's.
        process = subprocess.Popen([sys.executable, "-c", _LAUNCH, str(peak.fileno()), "-m", "kg", *args],
                                   cwd=REPO, stdout=out, stderr=err, env={**os.environ, **(env or {})},
                                   pass_fds=(peak.fileno(),))
        process.wait()
        out.seek(0)
        err.seek(0)
        peak.seek(0)
        return process.returncode, out.read(), err.read(), float(peak.read()) / 1024


# Runs `python ARGS…`, writes that child's own peak RSS (kB) to the file descriptor argv[1], exits as it did.
_LAUNCH = """
import os, subprocess, sys
child = subprocess.Popen([sys.executable, *sys.argv[2:]])
_, status, usage = os.wait4(child.pid, 0)
os.write(int(sys.argv[1]), str(usage.ru_maxrss).encode())
sys.exit(os.waitstatus_to_exitcode(status))
"""


def test_fifty_megabytes_of_page_is_refused_in_one_line_with_bounded_memory(tmp_path: Path) -> None:
    # The file: the seed page repeated to 50 MB, with its line breaks. Read, it would be one document
    # of ~6 M quads held whole (~190 MB of memory per MB of page text): refused before it is read.
    big, small = tmp_path / "big_page.txt", tmp_path / "page.txt"
    page = PAGE.read_bytes()
    big.write_bytes(page * (50_000_000 // len(page) + 1))
    small.write_bytes(page)
    status, stdout, stderr, peak_mb = _run_measured("ingest", str(big), str(small), "--store", str(tmp_path / "s"))
    assert status == 65 and "Traceback" not in stderr, stderr
    assert stderr.splitlines() == [f"kg: {big}: 50.0 MB in one file, more than a newspaper page or issue holds "
                                   "(limit 2.0 MB, KG_MAX_DOCUMENT_BYTES); skipped"]
    assert stdout.startswith("1 documents"), stdout  # the page beside it went in
    assert peak_mb < 400, f"peak RSS {peak_mb:.0f} MB"


def test_the_limit_is_configurable_and_applies_to_each_json_lines_record(tmp_path: Path) -> None:
    page = PAGE.read_bytes()
    (tmp_path / "three_pages.txt").write_bytes(page * 3)
    long_record = json.dumps({**RECORD, "body": RECORD["body"] * 400}, ensure_ascii=False)
    (tmp_path / "crawl.jsonl").write_text(json.dumps(RECORD, ensure_ascii=False) + "\n" + long_record + "\n",
                                          encoding="utf-8")
    limit = str(2 * len(page))
    done = run_kg("ingest", str(tmp_path / "three_pages.txt"), str(tmp_path / "crawl.jsonl"),
                  "--store", str(tmp_path / "s"), env={"KG_MAX_DOCUMENT_BYTES": limit})
    assert done.returncode == 65, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 2 and all("KG_MAX_DOCUMENT_BYTES" in line for line in lines), done.stderr
    assert lines[0].startswith(f"kg: {tmp_path}/three_pages.txt: ")
    assert lines[1].startswith(f"kg: {tmp_path}/crawl.jsonl:2: ")
    assert done.stdout.startswith("1 documents, 1 articles"), done.stdout  # the short record went in


def _crawl(path: Path, records: int) -> Path:
    people = ["市委书记周建华", "副市长孙立平", "市长刘海峰"]
    lines = [json.dumps({**RECORD, "url": f"https://example.org/{i}", "title": f"调研第{i}家企业",
                         "body": f"本报讯 4月9日，{people[i % 3]}到第{i}家企业调研，强调要推动高质量发展。"},
                        ensure_ascii=False) for i in range(records)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_json_lines_file_comes_in_parts_that_never_split_a_document(tmp_path: Path) -> None:
    crawl = _crawl(tmp_path / "crawl.jsonl", 12)
    whole = extract_file(crawl, Options())
    parts = list(extract_parts(crawl, Options(), part_quads=100))
    assert len(parts) >= 4 and [p.part for p in parts] == list(range(len(parts)))
    documents = [set(p.graphs) for p in parts]
    assert sum(len(d) for d in documents) == len(set().union(*documents)) == 12  # each document in one part
    assert {g: q for p in parts for d in p.graphs.values() for g, q in d.items()} == {
        g: q for d in whole.graphs.values() for g, q in d.items()}


@pytest.mark.slow
def test_a_large_json_lines_file_goes_in_whole_with_parallel_jobs_too(tmp_path: Path) -> None:
    # Above the document limit, a JSON Lines file is read in the main process, in parts, at its turn.
    crawl = _crawl(tmp_path / "crawl.jsonl", 12)
    page = tmp_path / "page.txt"
    page.write_bytes(PAGE.read_bytes())
    env = {"KG_MAX_DOCUMENT_BYTES": str(crawl.stat().st_size // 3)}  # the page is refused, the records are not
    runs = [run_kg("ingest", str(page), str(crawl), "--store", str(tmp_path / f"s{jobs}"), "--jobs", str(jobs),
                   env=env) for jobs in (1, 2)]
    for done in runs:
        assert done.returncode == 65 and done.stderr.count("\n") == 1 and "page.txt" in done.stderr, done.stderr
        assert done.stdout.startswith("1 documents, 12 articles"), done.stdout
    assert runs[0].stdout.split(" in ")[0] == runs[1].stdout.split(" in ")[0]


def test_json_spread_over_lines_is_one_document_and_a_cut_first_record_keeps_the_rest(tmp_path: Path) -> None:
    deep = tmp_path / "deep_pretty.json"  # the bomb pretty-printed: one line for the file, not one per line
    deep.write_text("{\n" + ' "a": {\n' * DEEP + ' "b": 1\n' + "}\n" * (DEEP + 1), encoding="utf-8")
    pretty = tmp_path / "pretty.json"
    pretty.write_text(json.dumps(RECORD, ensure_ascii=False, indent=2), encoding="utf-8")
    cut = tmp_path / "cut.jsonl"  # a crawl whose first record was cut mid-body
    cut.write_text('{"title": "截断", "body": "本报讯 4月9\n' + json.dumps(RECORD, ensure_ascii=False) + "\n",
                   encoding="utf-8")
    huge_number = tmp_path / "huge_number.jsonl"  # valid JSON that Python refuses to convert (> 4,300 digits)
    huge_number.write_text('{"body": "x", "n": ' + "1" * 5000 + "}\n" + json.dumps(RECORD, ensure_ascii=False) + "\n",
                           encoding="utf-8")
    done = run_kg("ingest", str(deep), str(pretty), str(cut), str(huge_number), "--store", str(tmp_path / "s"))
    assert done.returncode == 65 and "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 3 and lines[0] == f"kg: {deep}:1: not a JSON object: nested too deeply", done.stderr
    assert lines[1].startswith(f"kg: {cut}:1: not a JSON object")
    assert lines[2].startswith(f"kg: {huge_number}:1: not a JSON object: Exceeds the limit (4300 digits)")
    assert done.stdout.startswith("3 documents, 3 articles"), done.stdout


def test_a_line_that_is_not_utf8_is_that_lines_problem_only(tmp_path: Path) -> None:
    crawl = _crawl(tmp_path / "crawl.jsonl", 6)
    lines = crawl.read_bytes().splitlines()
    lines.insert(3, '{"title": "坏"}'.encode("gbk"))  # a stray GBK record in a UTF-8 crawl
    crawl.write_bytes(b"\n".join(lines) + b"\n")
    done = run_kg("ingest", str(crawl), "--store", str(tmp_path / "s"))
    assert done.returncode == 65 and done.stderr.splitlines() == [
        f"kg: {crawl}:4: not UTF-8 text: invalid start byte at byte 11"], done.stderr
    assert done.stdout.startswith("1 documents, 6 articles"), done.stdout
