"""The same user's script on the embedded store and on real standalone SPARQL servers, through the real CLI.

Each server (bench.triple_stores: a fresh OpenLink Virtuoso, `oxigraph serve`) is started here on a free
127.0.0.1 port and stopped afterwards. The script — ingest the seeds, ingest them again, stats, the README's
example query, an export, `kg remove`, stats and an export again — must leave the project's quads equal to
the embedded store's, byte for byte once the N-Quads lines are sorted. In CI (CI=true) a server that is not
installed fails its tests; elsewhere they are skipped.
"""

from __future__ import annotations

import csv
import io
import os
import re
import socket
import threading
from collections.abc import Iterator

import pytest

from bench.triple_stores import SERVERS, Server, installed
from tests.conftest import REPO, SEEDS, run_kg

pytestmark = pytest.mark.slow  # a server start and some ten CLI runs each

REMOVED = sorted(SEEDS.glob("*.txt"))[0]  # the seed file `kg remove` takes out
# The README's example query, with an ASCII GROUP_CONCAT separator: Virtuoso turns a non-ASCII one into "?".
README_QUERY = re.search(r"```sparql\n(.*?)```", (REPO / "README.md").read_text(encoding="utf-8"), re.S)[1]  # type: ignore[index]
ASCII_QUERY = README_QUERY.replace('separator="、"', 'separator="|"')
CAPPED = "SELECT ?s ?i WHERE { ?s ?p ?o VALUES ?i { 1 2 3 4 5 } }"  # 5 × 2,901 rows: past Virtuoso's 10,000


def script(store: str, env: dict[str, str]) -> dict[str, str]:
    """What a user sees at each step of the script on `store` (a folder or a URL)."""
    seen: dict[str, str] = {}

    def step(name: str, *args: str, **more: str) -> str:
        done = run_kg(*args, "--store", store, env={**env, **more})
        assert done.returncode == 0, f"{name}: {done.stderr}"
        seen[name] = done.stdout
        return done.stdout

    step("ingest", "ingest", str(SEEDS))
    step("ingest again", "ingest", str(SEEDS))
    step("stats", "stats")
    step("readme query", "query", ASCII_QUERY, "--format", "csv")
    step("export", "export", "--format", "nquads")
    step("remove", "remove", str(REMOVED))
    step("stats after remove", "stats")
    step("export after remove", "export", "--format", "nquads", KG_REMOTE_PAGE_ROWS="300")  # many small pages
    return seen


def _counts(summary: str) -> str:
    """The counts of an ingest summary, without its timings."""
    return summary.split(" in ")[0]


def _rows(table: str) -> list[tuple[str, ...]]:
    """CSV rows with each GROUP_CONCAT cell as a sorted set (the order inside a group is the server's)."""
    return [tuple(" ".join(sorted(re.split("[| ]", cell))) for cell in row) for row in csv.reader(io.StringIO(table))]


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return script(str(tmp_path_factory.mktemp("embedded") / "store"), {})


@pytest.fixture(scope="module", params=sorted(SERVERS))
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    name = request.param
    if not installed(name):
        if os.environ.get("CI") == "true":
            pytest.fail(f"{name} is not installed: .ci/run installs it")
        pytest.skip(f"{name} is not installed (.ci/run installs it)")
    with SERVERS[name](tmp_path_factory.mktemp(name)) as running:
        yield running


def _credentials(server: Server, password: str | None = None) -> dict[str, str]:
    if server.user is None:
        return {}
    return {"KG_STORE_USER": server.user, "KG_STORE_PASSWORD": password or server.password or ""}


def test_the_script_leaves_the_same_quads_as_the_embedded_store(server: Server, embedded: dict[str, str]) -> None:
    remote = script(server.url, _credentials(server))
    assert _counts(remote["ingest"]) == _counts(embedded["ingest"])
    assert _counts(remote["ingest again"]) == _counts(embedded["ingest again"])
    assert remote["stats"] == embedded["stats"]  # the project's graphs only, never the server's own
    # the query orders by date only: two events of one day may come in either order
    assert sorted(_rows(remote["readme query"])) == sorted(_rows(embedded["readme query"]))
    assert len(_rows(remote["readme query"])) == 6  # the header and the README's five rows
    assert sorted(remote["export"].splitlines()) == sorted(embedded["export"].splitlines())
    assert remote["remove"] == embedded["remove"]
    assert remote["stats after remove"] == embedded["stats after remove"]
    assert sorted(remote["export after remove"].splitlines()) == sorted(embedded["export after remove"].splitlines())
    assert len(remote["export after remove"].splitlines()) < len(remote["export"].splitlines())


def _ingest_seeds(server: Server) -> None:
    done = run_kg("ingest", str(SEEDS), "--store", server.url, env=_credentials(server))
    assert done.returncode == 0, done.stderr


def test_the_readme_query_runs_as_written(server: Server) -> None:
    _ingest_seeds(server)
    done = run_kg("query", README_QUERY, "--store", server.read_url)
    assert done.returncode == 0, done.stderr
    assert "2024-04-09" in done.stdout and "(5 rows)" in done.stdout


def test_writes_need_the_right_password(server: Server) -> None:
    if server.user is None:
        pytest.skip(f"{server.name} has no authentication of its own")
    wrong = run_kg("remove", str(REMOVED), "--store", server.url, env=_credentials(server, "not-the-password"))
    assert wrong.returncode == 74
    assert f"refused user '{server.user}'" in wrong.stderr and "Traceback" not in wrong.stderr
    anonymous = run_kg("remove", str(REMOVED), "--store", server.url)
    assert anonymous.returncode == 74 and "set KG_STORE_USER" in anonymous.stderr
    right = run_kg("stats", "--store", server.url, env=_credentials(server))
    assert right.returncode == 0, right.stderr


def test_an_answer_the_size_of_the_cap_is_flagged(server: Server) -> None:
    _ingest_seeds(server)
    capped = run_kg("query", CAPPED, "--format", "tsv", "--store", server.read_url)
    assert capped.returncode == 0, capped.stderr
    rows = len(capped.stdout.splitlines()) - 1
    if server.name == "virtuoso":
        assert rows == 10_000 and "exactly 10000 rows, the server's result cap" in capped.stderr
    else:  # no cap: every row comes back, and nothing is flagged
        assert rows > 10_000 and "warning" not in capped.stderr


def test_a_server_that_does_not_answer_is_reported_as_such() -> None:
    with socket.socket() as listener:  # takes the connection, never answers
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        accepted: list[socket.socket] = []
        threading.Thread(target=lambda: accepted.append(listener.accept()[0]), daemon=True).start()
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
        done = run_kg("stats", "--store", url, env={"KG_REMOTE_TIMEOUT": "1"})
        for connection in accepted:
            connection.close()
    assert done.returncode == 74
    assert done.stderr.strip() == f"kg: {url}: no answer within 1 s (the server took the request but did not " \
        "answer; KG_REMOTE_TIMEOUT sets the wait)"
