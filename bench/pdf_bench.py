"""E-paper PDF pages: how fast `kg.pdf` reads them against plain text extraction, and the libraries compared.

    python -m bench.pdf_bench [--score]

Pages are typeset by `bench.pdf_pages` from the seeds and the held-out team
articles in every layout of `LAYOUTS`. Figures (pages per second, one process):

- `pdf_pages_per_s`: pages read into articles from their geometry (`kg.pdf`).
- `pdf_text_layer_pages_per_s`: the same pages read the way a converter
  allows: PDFium's plain text extraction, then the text-layer page reader
  (both sides end in `Article` records with their sentences).
- `pdf_vs_text_layer`: the first over the second (goal ≥ 0.5).
- `pdf_plain_text_pages_per_s`, `pdf_vs_plain_text`: PDFium's plain text
  extraction alone, producing no articles (a floor no reading reaches).
- `pypdfium2_chars_pages_per_s`, `pdfplumber_chars_pages_per_s`: the two
  libraries giving every character with its box, size and font name.

`--score` also runs the gold scorer over the typeset seeds and team articles
and over the texts they were made from (a few minutes).
"""

from __future__ import annotations

import argparse
import ctypes
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from bench.pdf_pages import LAYOUTS, Story, typeset, typeset_gold
from kg.model import Article
from kg.pdf.page import plain_text
from kg.read import read_path, read_text

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO.parent / "shared" / "gold"
TEAM = sorted((REPO / "tests" / "data").glob("*/*.gold.json"))


def make_pages(out: Path) -> list[Path]:
    texts = [*sorted((REPO / "seeds").glob("*.txt")), *sorted((REPO / "tests" / "data" / "heldout").glob("*.txt"))]
    articles = [a for path in texts for a in read_path(path) if isinstance(a, Article)]
    pdfs = []
    for columns, layout, reverse, style in LAYOUTS:
        pdf = out / f"{columns}_{layout}_{style}_{'reversed' if reverse else 'in_order'}.pdf"
        typeset(map(Story.of, articles), pdf, columns=columns, layout=layout, reverse=reverse, style=style,
                source="样报")
        pdfs.append(pdf)
    return pdfs


def _rates(pdfs: list[Path], pages: int, readers: dict[str, Callable[[Path], object]],
           rounds: int = 5) -> dict[str, float]:
    """Pages per second of each reader, best of `rounds`; the readers take turns within each round, so
    the load of a shared machine weighs on them alike."""
    best = dict.fromkeys(readers, float("inf"))
    for _ in range(rounds):
        for name, read in readers.items():
            started = time.perf_counter()
            for pdf in pdfs:
                read(pdf)
            best[name] = min(best[name], time.perf_counter() - started)
    return {name: pages / seconds for name, seconds in best.items()}


def _text_layer(pdf: Path) -> None:
    """What a user had before: the page's plain text layer, read as a page's text (articles and sentences)."""
    document = pdfium.PdfDocument(str(pdf))
    for number, page in enumerate(document):
        list(read_text(plain_text(page), doc_id=f"{pdf.stem}_{number}", kind="page"))
    document.close()


def _plain_text(pdf: Path) -> None:
    """PDFium's plain text extraction alone: the floor under any reading of the text layer."""
    document = pdfium.PdfDocument(str(pdf))
    for page in document:
        plain_text(page)
    document.close()


def _pdfium_chars(pdf: Path) -> int:
    document = pdfium.PdfDocument(str(pdf))
    count = 0
    rect = pdfium_c.FS_RECTF()
    name = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    for page in document:
        textpage = page.get_textpage()
        for i in range(textpage.count_chars()):
            if pdfium_c.FPDFText_GetTextObject(textpage.raw, i):
                pdfium_c.FPDFText_GetLooseCharBox(textpage.raw, i, ctypes.byref(rect))
                pdfium_c.FPDFText_GetFontSize(textpage.raw, i)
                pdfium_c.FPDFText_GetFontInfo(textpage.raw, i, name, 128, ctypes.byref(flags))
                count += 1
    document.close()
    return count


def _pdfplumber_chars(pdf: Path) -> int:
    import pdfplumber

    with pdfplumber.open(str(pdf)) as document:
        return sum(len([(c["x0"], c["top"], c["size"], c["fontname"]) for c in page.chars])
                   for page in document.pages)


def run(quick: bool = True) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="kg-pdf-bench-") as tmp:
        pdfs = make_pages(Path(tmp))
        pages = sum(len(pdfium.PdfDocument(str(pdf))) for pdf in pdfs)
        rates = _rates(pdfs, pages, {"geometry": lambda pdf: list(read_path(pdf)), "text_layer": _text_layer,
                                     "plain": _plain_text, "chars": _pdfium_chars})
        geometry, text_layer, plain = rates["geometry"], rates["text_layer"], rates["plain"]
        figures = {"pdf_pages": float(pages), "pdf_pages_per_s": geometry,
                   "pdf_text_layer_pages_per_s": text_layer, "pdf_vs_text_layer": geometry / text_layer,
                   "pdf_plain_text_pages_per_s": plain, "pdf_vs_plain_text": geometry / plain,
                   "pypdfium2_chars_pages_per_s": rates["chars"]}
        try:
            first_pages = len(pdfium.PdfDocument(str(pdfs[0])))
            figures["pdfplumber_chars_pages_per_s"] = _rates(pdfs[:1], first_pages, {"p": _pdfplumber_chars},
                                                             rounds=1)["p"]
        except ModuleNotFoundError:
            print("  pdfplumber not installed: not compared", file=sys.stderr)
        chars = (_pdfium_chars(pdfs[0]), _pdfplumber_chars(pdfs[0])) if "pdfplumber_chars_pages_per_s" in figures \
            else None
        if chars:
            figures["pypdfium2_chars"], figures["pdfplumber_chars"] = map(float, chars)
    return figures


def overall_scores(golds: list[Path], docs: Path | None) -> dict:
    argv = [sys.executable, str(GOLD / "score.py"), *map(str, golds), "--json", "--cmd", f"{sys.executable} -m kg"]
    done = subprocess.run(argv + (["--docs", str(docs)] if docs else []), capture_output=True, text=True,
                          check=True, cwd=REPO)
    scored = json.loads(done.stdout[: done.stdout.rindex("}") + 1])
    return {"overall": scored["overall_f1"], **{k: v["f1"] for k, v in scored["facets"].items()}}


def scores() -> dict[str, dict]:
    """Scores of the typeset pages beside those of the texts they were typeset from."""
    seeds = sorted(GOLD.glob("*.gold.json"))
    with tempfile.TemporaryDirectory(prefix="kg-pdf-score-") as tmp:
        seed_pages = typeset_gold(seeds, REPO / "seeds", Path(tmp, "seeds"))
        team_pages = typeset_gold(TEAM, None, Path(tmp, "team"))
        return {"seeds text": overall_scores(seeds, REPO / "seeds"), "seeds pdf": overall_scores(seed_pages, Path(tmp, "seeds")),
                "team text": overall_scores(TEAM, Path("/nonexistent")),
                "team pdf": overall_scores(team_pages, Path(tmp, "team"))}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--score", action="store_true", help="also score the typeset pages against the texts")
    args = parser.parse_args(argv)
    for key, value in run().items():
        print(f"{key}: {value:.4g}")
    if args.score:
        for name, row in scores().items():
            print(f"{name:<11}" + " ".join(f"{k} {v:.3f}" for k, v in row.items()))


if __name__ == "__main__":
    main()
