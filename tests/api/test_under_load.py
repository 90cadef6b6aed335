"""Reads under sustained writes, and light requests beside heavy ones (issue #14, points 2 and 3).

Real processes: `kg serve` in a subprocess, client threads over HTTP; the
measuring code is the benchmark's (`bench.hardening`), so the figures in
docs/reliability.md and these assertions come from the same runs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.hardening import light_beside_heavy, reads_under_writes
from tests.api.conftest import start_server, stop_server

TOKEN = "under-load-token"


@pytest.mark.slow
def test_reads_never_fail_and_never_see_half_a_write(tmp_path: Path) -> None:
    process, url = start_server(tmp_path / "store", "--update-token", TOKEN, "--query-timeout", "10")
    try:
        figures = reads_under_writes(url, TOKEN, seconds=20)
    finally:
        stop_server(process)
    assert figures["failed_reads"] == 0, figures
    assert figures["torn_reads"] == 0, figures
    assert figures["failed_writes"] == 0, figures
    assert figures["reads"] >= 1000 and figures["writes"] >= 20, figures


@pytest.mark.slow
def test_light_requests_stay_fast_beside_clients_looping_queries_past_the_time_limit(base_url: str) -> None:
    figures = light_beside_heavy(base_url, seconds=12)  # the session server: a 2 s time limit
    assert figures["light_failures"] == 0, figures
    assert figures["light_p95_ms"] < 1000, figures
    assert figures["light_requests"] >= 20, figures
