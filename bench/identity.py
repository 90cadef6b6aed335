"""B-cubed precision and recall of person identity on a generated corpus whose truth is known.

`bench.corpus.generate(identity=True)` writes namesakes in neighbouring cities, officials who
move city halfway through and national leaders quoted by every paper, with the truth beside the
pages (`identity_truth.tsv`: document, name as printed, who it really is). The corpus is ingested
as `kg ingest` would, and every (document, name) the extractor found is an item: its predicted
cluster is the person node the store gives that name in that document, its true cluster the
official. Names the extractor missed are counted apart (`identity_items_missed`): this measures
identity, not extraction reach.

    python -m bench.identity --scale 1      # prints identity_bcubed_p / identity_bcubed_r
"""

from __future__ import annotations

import argparse
import tempfile
from collections import defaultdict
from pathlib import Path

from bench.corpus import BASE_ARTICLES, generate
from kg import pipeline
from kg.records import sparql
from kg.stores import open_store

# Within each article's graph: over the union default graph, a national leader's type and label stand once per
# article naming them and the join multiplies them (53 s at 1×, hours at 10×; 0.03 s this way, the same rows).
MENTIONS = """
SELECT DISTINCT ?document ?label ?person WHERE {
  GRAPH ?g { ?person a zw:Person ; rdfs:label ?label ; zw:mentionedIn ?article .
             ?article dcterms:isPartOf/dcterms:identifier ?document . }
}
"""


def bcubed(predicted: dict[tuple[str, str], str], truth: dict[tuple[str, str], str]) -> tuple[float, float]:
    """B-cubed (precision, recall) of the items both mappings know.

    >>> truth = {("d1", "甲"): "A", ("d2", "甲"): "A", ("d3", "甲"): "B"}
    >>> bcubed({("d1", "甲"): "x", ("d2", "甲"): "x", ("d3", "甲"): "y"}, truth)
    (1.0, 1.0)
    >>> [round(v, 3) for v in bcubed({k: "x" for k in truth}, truth)]
    [0.556, 1.0]
    """
    items = [i for i in truth if i in predicted]
    by_pred, by_true = defaultdict(set), defaultdict(set)
    for i in items:
        by_pred[predicted[i]].add(i)
        by_true[truth[i]].add(i)
    if not items:
        return 0.0, 0.0
    precision = sum(len(by_pred[predicted[i]] & by_true[truth[i]]) / len(by_pred[predicted[i]]) for i in items)
    recall = sum(len(by_pred[predicted[i]] & by_true[truth[i]]) / len(by_true[truth[i]]) for i in items)
    return precision / len(items), recall / len(items)


def read_truth(corpus: Path) -> dict[tuple[str, str], str]:
    rows = (line.split("\t") for line in (corpus / "identity_truth.tsv").read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#"))
    return {(Path(document).stem, name): official for document, name, official in rows}


def measure(corpus: Path, store_dir: Path) -> dict[str, float]:
    """Ingest `corpus` into a new store at `store_dir` and score its person identity against the truth."""
    store = open_store(store_dir)
    try:
        pipeline.ingest_files(store, [corpus], pipeline.Options(), lambda error: None)  # as `kg ingest` does
        header = sparql("labels").split("# The labels")[0]
        predicted: dict[tuple[str, str], str] = {}
        for row in store.query(header + MENTIONS):
            predicted.setdefault((row["document"].value, row["label"].value), row["person"].value)
    finally:
        store.close()
    truth = read_truth(corpus)
    precision, recall = bcubed(predicted, truth)
    found = sum(1 for item in truth if item in predicted)
    return {"identity_bcubed_p": precision, "identity_bcubed_r": recall, "identity_items": float(found),
            "identity_items_missed": float(len(truth) - found),
            "identity_officials": float(len(set(truth.values())))}


def run(size: int, work: Path) -> dict[str, float]:
    corpus = work / "identity-corpus"
    generate(corpus, articles=BASE_ARTICLES * size, seed=size, identity=True)
    return measure(corpus, work / "identity-store")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.identity", description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=1, help="corpus size multiplier (1× = 300 articles)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-identity-") as work:
        for key, value in run(args.scale, Path(work)).items():
            print(f"{key}: {value:.4g}")


if __name__ == "__main__":
    main()
