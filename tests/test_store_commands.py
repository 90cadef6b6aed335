"""Commands that replace or remove what the store holds, through the real CLI (issue 14, points 6 and 7).

`kg restore` killed with SIGKILL at moments across its run always leaves a
store that opens with the old data or the new, never a mix or nothing; `kg
remove` of a document the store does not hold says so and exits non-zero.
"""

from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pyoxigraph import Store

from bench.servers import kg_serve
from kg.pipeline import Options, ingest_files
from kg.store_folder import SERVER_FILE
from kg.stores import open_store
from tests.conftest import REPO, SEEDS, run_kg

OLD_PAGE, NEW_PAGE = SEEDS / "000_6619c5c4ce064df3.txt", SEEDS / "001_9cbad604bd247137.txt"
PADDING_MB = 48  # makes the copy of the backup last long enough for kills to land inside it


def _graph_names(location: Path) -> frozenset[str]:
    store = Store.read_only(str(location))
    try:
        return frozenset(g.value for g in store.named_graphs())
    finally:
        del store
        gc.collect()


def _store_of(page: Path, location: Path, backup: Path) -> frozenset[str]:
    """A store of one page, and its backup (built in this process: the CLI's own runs are tested below)."""
    store = open_store(location)
    try:
        assert ingest_files(store, [page], Options()).articles > 0
        store.backup(backup)
    finally:
        store.close()
        del store
        gc.collect()  # releases RocksDB's lock
    return _graph_names(location)


@pytest.fixture(scope="module")
def backups(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, frozenset[str], Path, frozenset[str]]:
    root = tmp_path_factory.mktemp("restore")
    old = _store_of(OLD_PAGE, root / "old", root / "old.backup")
    new = _store_of(NEW_PAGE, root / "new", root / "new.backup")
    assert old and new and not old & new
    with (root / "new.backup" / "padding.bin").open("wb") as padding:  # RocksDB ignores files it did not write
        for _ in range(PADDING_MB):
            padding.write(os.urandom(1 << 20))
    return root / "old.backup", old, root / "new.backup", new


def _restore(backup: Path, store: Path) -> list[str]:
    return [sys.executable, "-m", "kg", "restore", str(backup), "--store", str(store)]


@pytest.mark.slow
def test_a_restore_killed_at_any_moment_leaves_the_old_store_or_the_new(backups, tmp_path: Path) -> None:
    old_backup, old, new_backup, new = backups
    store = tmp_path / "store"
    staging = store.with_name("store.restoring")
    assert subprocess.run(_restore(new_backup, store), cwd=REPO, capture_output=True).returncode == 0
    assert _graph_names(store) == new
    outcomes, mid_way = [], 0
    # Killed once the copy beside the store has begun, at moments from its start to past the swap.
    for delay in (0.0, 0.05, 0.15, 0.3, 0.6):
        assert subprocess.run(_restore(old_backup, store), cwd=REPO, capture_output=True).returncode == 0
        proc = subprocess.Popen(_restore(new_backup, store), cwd=REPO, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        while proc.poll() is None and not staging.exists():
            time.sleep(0.001)
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        mid_way += staging.exists()
        names = _graph_names(store)  # the store opens
        assert names in (old, new), f"a restore killed {delay} s into its copy left a store that is neither"
        outcomes.append("new" if names == new else "old")
    print(f"kills left {outcomes}, {mid_way} of them mid-way")
    assert mid_way >= 1, f"no kill landed inside a restore ({outcomes})"
    done = run_kg("restore", str(new_backup), "--store", str(store))  # a leftover staging folder is no obstacle
    assert done.returncode == 0 and _graph_names(store) == new, done.stderr
    assert not staging.exists()


def test_restore_refuses_to_replace_a_folder_that_is_not_a_store(backups, tmp_path: Path) -> None:
    old_backup, *_ = backups
    precious = tmp_path / "notes"
    precious.mkdir()
    (precious / "thesis.txt").write_text("三年的心血", encoding="utf-8")
    done = run_kg("restore", str(old_backup), "--store", str(precious))
    assert done.returncode == 74 and "not a store" in done.stderr and done.stderr.count("\n") == 1, done.stderr
    assert (precious / "thesis.txt").read_text(encoding="utf-8") == "三年的心血"


def test_remove_of_a_document_the_store_does_not_hold_says_so_and_fails(backups) -> None:
    store = backups[0].with_name("old")  # the store the old backup was made of, with OLD_PAGE in it
    done = run_kg("remove", str(OLD_PAGE), "--store", str(store), "--source", "另一家报纸")  # not how it went in
    assert done.returncode == 66, done.stderr
    assert done.stderr.splitlines() == [f"kg: {OLD_PAGE}: nothing of this document is in the store (was it "
                                        "ingested with other --source or --published values?)"]
    assert _graph_names(store)  # nothing removed


@pytest.mark.server
def test_kg_serve_announces_its_url_while_it_runs_and_withdraws_it_when_stopped(backups) -> None:
    store = backups[0].with_name("old")
    with kg_serve(store) as url:  # stopped with SIGTERM at the end of the block
        assert (store / SERVER_FILE).read_text(encoding="utf-8").split("\t")[0] == url
    assert not (store / SERVER_FILE).exists()
