"""The CLI beside a real `kg serve` holding the store (issue 14, points 6 and 7).

Commands that would write or replace the store's files are refused in one line
that names the server's real URL; counts through the server are not doubled.
"""

from __future__ import annotations

from pathlib import Path

import httpx

from tests.api.conftest import TOKEN, quad_count
from tests.conftest import SEEDS, run_kg


def _stats(store: str) -> dict[str, int]:
    done = run_kg("stats", "--store", store)
    assert done.returncode == 0, done.stderr
    return {name: int(n) for name, n in (line.split() for line in done.stdout.splitlines())}


def test_restore_is_refused_while_the_server_holds_the_store(base_url: str, seed_store: Path, tmp_path: Path,
                                                             client: httpx.Client) -> None:
    backup = tmp_path / "backup"
    assert run_kg("ingest", str(SEEDS / "001_9cbad604bd247137.txt"), "--store", str(backup)).returncode == 0
    before = quad_count(client)
    done = run_kg("restore", str(backup), "--store", str(seed_store))
    assert done.returncode == 74 and done.stderr.count("\n") == 1 and "Traceback" not in done.stderr, done.stderr
    assert f"in use by another process (`kg serve` at {base_url})" in done.stderr
    assert quad_count(client) == before  # the server still serves its own store, untouched
    assert _stats(str(seed_store))["quads"] == before  # and the folder still opens as that store


def test_the_in_use_message_names_the_port_the_server_runs_on(base_url: str, seed_store: Path) -> None:
    done = run_kg("ingest", str(SEEDS), "--store", str(seed_store))
    assert done.returncode == 74 and done.stderr.count("\n") == 1, done.stderr
    assert f"--store {base_url}/sparql" in done.stderr and base_url.rsplit(":", 1)[1] != "8000"


def test_stats_and_ingest_summaries_through_the_server_count_each_quad_once(
        base_url: str, seed_store: Path, client: httpx.Client, tmp_path: Path) -> None:
    before = quad_count(client)  # the quads of the named graphs, where everything lives
    through_server = _stats(f"{base_url}/sparql")
    assert through_server == _stats(str(seed_store)) and through_server["quads"] == before
    article = tmp_path / "short.txt"  # small: the test server takes bodies of 30 kB at most
    article.write_text("市长到企业调研\n\n本报讯 4月9日，市长刘海峰到企业调研，强调要推动高质量发展。\n", encoding="utf-8")
    server_options = ("--store", f"{base_url}/sparql", "--published", "2024-04-10", "--source", "测试报")
    done = run_kg("ingest", str(article), *server_options, env={"KG_UPDATE_TOKEN": TOKEN})
    try:
        assert done.returncode == 0, done.stderr
        after = quad_count(client)
        assert after > before and f" {after} quads" in done.stdout, done.stdout
    finally:  # the other tests of this server expect the seeds only
        removed = run_kg("remove", str(article), *server_options, env={"KG_UPDATE_TOKEN": TOKEN})
    assert removed.returncode == 0 and "removed 1 article graphs" in removed.stdout, removed.stderr
    assert quad_count(client) == before
