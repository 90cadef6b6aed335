"""The real-article corpus typeset as newspaper PDF pages, scored beside the same articles as text.

    python -m bench.pdf_corpus [--parts dev blind] [--layouts press0 ... press3 0 1 ... jumped chromium]

Every document of `tests/data/corpus/PART` (one clean article, briefs, crawled
records, text-layer pages) is read as text, typeset by `bench.pdf_pages` in one
layout of `LAYOUTS` (3–5 columns, a lead across the page over two stories side
by side or stories stacked, headlines centred with subtitles or flush left with
a reporters' line, masthead and folio, pages drawn in reverse), `jumped` (the
first article broken off half way and continued on a later page) or `chromium`
(laid out and printed by headless Chromium, `bench.pdf_html`), and scored
with the gold scorer; `pressN` typesets the gold's own articles instead, on the column
grid of `bench.pdf_press.LAYOUTS[N]` (the proxy for the hidden set: the
pages hold the true boundaries, not the text reader's). Printed per part and layout: segmentation, title and
overall F1 of the PDF pages and of the texts, and the other facets whose F1
differs by 0.005 or more. Only these summary figures are
printed: blind's per-article misses are never shown (tests/data/corpus/blind/README.md).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from bench.pdf_bench import overall_scores
from bench.pdf_html import print_pdf
from bench.pdf_pages import LAYOUTS, typeset_gold
from bench.pdf_press import LAYOUTS as PRESS_LAYOUTS
from bench.pdf_press import typeset_gold_press

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "data" / "corpus"
FACETS = ("segmentation", "title", "overall")


def layout_name(layout: tuple) -> str:
    columns, arrangement, reverse, style = layout
    return f"{columns} col {arrangement} {style}{' reversed' if reverse else ''}"


def measure(part: str, choices: list[str]) -> list[tuple[str, dict, dict]]:
    """(layout, PDF scores, text scores) for each chosen layout of one corpus part."""
    folder = CORPUS / part
    golds = sorted(folder.glob("*.gold.json"))
    text = overall_scores(golds, folder)
    rows = []
    with tempfile.TemporaryDirectory(prefix=f"kg-pdf-corpus-{part}-") as tmp:
        for choice in choices:
            if choice.startswith("press"):
                press = PRESS_LAYOUTS[int(choice[5:])]
                out = Path(tmp, choice)
                rows.append((f"gold stories: {press.name}", overall_scores(typeset_gold_press(golds, folder, out, press),
                                                                           out), text))
                print(_row(part, *rows[-1]), flush=True)
                continue
            jumped, printed = choice == "jumped", choice == "chromium"
            layout = LAYOUTS[0] if jumped or printed else LAYOUTS[int(choice)]
            out = Path(tmp, choice)
            copies = typeset_gold(golds, folder, out, layouts=(layout,), jumped=jumped,
                                  printer=print_pdf if printed else None)
            name = {"jumped": f"{layout_name(layout)}, jumped", "chromium": "Chromium, CSS columns (4, lead + pair)"
                    }.get(choice, layout_name(layout))
            rows.append((name, overall_scores(copies, out), text))
            print(_row(part, *rows[-1]), flush=True)
    return rows


def _row(part: str, name: str, pdf: dict, text: dict) -> str:
    others = ", ".join(f"{facet} {pdf[facet] - text[facet]:+.3f}" for facet in pdf
                       if facet not in FACETS and abs(pdf[facet] - text[facet]) >= 0.005)
    return (f"| {part} | {name} | " + " | ".join(f"{pdf[f]:.3f} / {text[f]:.3f}" for f in FACETS)
            + f" | {others or '—'} |")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parts", nargs="+", default=["dev", "blind"], choices=["dev", "blind"])
    parser.add_argument("--layouts", nargs="+", default=[*(f"press{i}" for i in range(len(PRESS_LAYOUTS))),
                                                         *map(str, range(len(LAYOUTS))), "jumped", "chromium"])
    args = parser.parse_args(argv)
    print("| part | layout | " + " | ".join(f"{f} PDF / text" for f in FACETS) + " | other facets, PDF − text |")
    print("|---|---|" + "---|" * (len(FACETS) + 1))
    for part in args.parts:
        measure(part, args.layouts)


if __name__ == "__main__":
    main()
