"""The `kg` command end to end, against a real on-disk store in a temporary folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pyoxigraph import RdfFormat, Store

from tests.conftest import SEEDS, run_kg

SEED_000 = SEEDS / "000_6619c5c4ce064df3.txt"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("cli") / "store"
    done = run_kg("ingest", str(SEEDS), "--store", str(store))
    assert done.returncode == 0, done.stderr
    return store


def _count(store: Path) -> int:
    done = run_kg("query", COUNT, "--store", str(store), "--format", "csv")
    assert done.returncode == 0, done.stderr
    return int(done.stdout.split()[-1])


def test_extract_prints_nquads_that_pyoxigraph_loads() -> None:
    done = run_kg("extract", str(SEED_000), "--published", "2024-04-10", "--source", "无锡日报",
                  "--format", "nquads")
    assert done.returncode == 0, done.stderr
    store = Store()
    store.load(done.stdout.encode(), format=RdfFormat.N_QUADS)
    graphs = list(store.named_graphs())
    assert len(graphs) == 3  # one named graph per article of the page
    names = {s["n"].value for s in store.query(
        "SELECT ?n { ?p a <https://w3id.org/zhengwu/ontology#Person> ; "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?n }", use_default_graph_as_union=True)}
    assert "杜小刚" in names


@pytest.mark.slow
def test_extract_other_formats_parse() -> None:
    for fmt, rdf_format in [("turtle", RdfFormat.TURTLE), ("trig", RdfFormat.TRIG), ("jsonld", RdfFormat.JSON_LD)]:
        done = run_kg("extract", str(SEED_000), "--published", "2024-04-10", "--source", "无锡日报",
                      "--format", fmt)
        assert done.returncode == 0, done.stderr
        store = Store()
        store.load(done.stdout.encode(), format=rdf_format)
        assert len(store) > 50, fmt


def test_ingest_reads_the_manifest_and_reports_a_summary(ingested: Path) -> None:
    done = run_kg("query", "SELECT ?d WHERE { ?a <http://purl.org/dc/terms/issued> ?d }",
                  "--store", str(ingested), "--format", "csv")
    assert done.returncode == 0, done.stderr
    assert {"2024-04-10", "2023-12-30"} <= set(done.stdout.split())


def test_ingest_twice_changes_nothing(ingested: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    shutil.copytree(ingested, store)
    before = _count(store)
    again = run_kg("ingest", str(SEEDS), "--store", str(store))
    assert again.returncode == 0, again.stderr
    assert "6 articles" in again.stdout
    assert _count(store) == before > 0


def test_query_table_is_readable(ingested: Path) -> None:
    done = run_kg("query", "SELECT ?name WHERE { ?p a <https://w3id.org/zhengwu/ontology#Person> ; "
                  "<http://www.w3.org/2000/01/rdf-schema#label> ?name } ORDER BY ?name",
                  "--store", str(ingested))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].strip() == "name" and set(lines[1]) == {"-"}
    assert any(line.strip() == "杜小刚" for line in lines)


def test_query_from_file(ingested: Path, tmp_path: Path) -> None:
    rq = tmp_path / "count.rq"
    rq.write_text(COUNT, encoding="utf-8")
    done = run_kg("query", f"@{rq}", "--store", str(ingested), "--format", "json")
    assert done.returncode == 0, done.stderr
    assert '"n"' in done.stdout


def test_malformed_query_is_one_line_without_traceback(ingested: Path) -> None:
    done = run_kg("query", "SELEC ?x WHERE {", "--store", str(ingested))
    assert done.returncode == 65
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "malformed query" in done.stderr


def test_a_bad_file_is_named_and_the_rest_still_goes_in(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(SEED_000, folder / SEED_000.name)
    (folder / "manifest.tsv").write_text(f"{SEED_000.name}\t无锡日报\t2024-04-10\n", encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"%PDF-1.7\n\x00\x01\x02binary")
    store = tmp_path / "store"
    done = run_kg("ingest", str(folder), str(tmp_path / "missing.txt"), "--store", str(store))
    assert done.returncode == 65
    assert "Traceback" not in done.stderr
    assert "broken.txt" in done.stderr and "missing.txt" in done.stderr
    assert "3 articles" in done.stdout and "2 skipped" in done.stdout


def test_stats_and_remove(ingested: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    shutil.copytree(ingested, store)
    stats = run_kg("stats", "--store", str(store))
    assert stats.returncode == 0, stats.stderr
    assert "articles           6" in stats.stdout
    removed = run_kg("remove", str(SEED_000), "--published", "2024-04-10", "--source", "无锡日报",
                     "--store", str(store))
    assert removed.returncode == 0, removed.stderr
    assert "removed 3 article graphs" in removed.stdout
    after = run_kg("stats", "--store", str(store))
    assert "articles           3" in after.stdout
    # 杜小刚 is still there: the other document supports him
    names = run_kg("query", 'ASK { ?p <http://www.w3.org/2000/01/rdf-schema#label> "杜小刚" }',
                   "--store", str(store))
    assert names.stdout.strip() == "true"


def test_the_store_comes_from_kg_store_unless_a_flag_says_otherwise(ingested: Path, tmp_path: Path) -> None:
    from_env = run_kg("stats", env={"KG_STORE": str(ingested)}, cwd=tmp_path)
    assert from_env.returncode == 0, from_env.stderr
    assert "articles           6" in from_env.stdout
    flagged = run_kg("stats", "--store", str(tmp_path / "elsewhere"), env={"KG_STORE": str(ingested)}, cwd=tmp_path)
    assert flagged.returncode == 74 and "elsewhere: no store here yet" in flagged.stderr


def test_help_lists_every_command_with_examples() -> None:
    done = run_kg("--help")
    for name in ("extract", "ingest", "query", "stats", "serve", "validate", "remove", "export", "backup", "restore"):
        assert name in done.stdout
    assert "examples:" in run_kg("extract", "--help").stdout


def test_export_gives_gephi_a_graph_of_typed_labelled_nodes(ingested: Path, tmp_path: Path) -> None:
    import networkx as nx

    out = tmp_path / "graph.gexf"
    done = run_kg("export", "--format", "gexf", "-o", str(out), "--store", str(ingested))
    assert done.returncode == 0, done.stderr
    graph = nx.read_gexf(out)
    labels = {data.get("label") for _, data in graph.nodes(data=True)}
    assert "杜小刚" in labels
    assert graph.number_of_edges() > 20
    bad = run_kg("export", "--depth", "9", "--focus", "x", "--store", str(ingested))
    assert bad.returncode == 65 and "Traceback" not in bad.stderr
