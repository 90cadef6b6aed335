"""Scanned pages: tesseract's words with their boxes, made into the same `PageGeometry` a text layer gives.

Used only when `tesseract` is on the PATH with its Simplified Chinese model
(Debian: tesseract-ocr, tesseract-ocr-chi-sim); the project never requires it.
The page goes to tesseract as a 300 dpi greyscale PGM written from PDFium's
bitmap (no imaging library needed); its TSV output gives every word's box,
grouped by tesseract into lines. An OCR line's box height stands for its
size: heights within a fifth of the body's are the body size (box heights
vary with the glyphs), so only real headlines and small print stand apart.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

import pypdfium2 as pdfium

from kg.pdf.page import GAP, PageGeometry, TextLine

DPI = 300
POINT = 72 / DPI
BODY_BAND = 0.2  # box heights within this share of the body's are body type
OCR_FACE = "ocr"


def _pgm(page: pdfium.PdfPage) -> bytes:
    bitmap = page.render(scale=DPI / 72, grayscale=True)
    rows = bytes(bitmap.buffer)
    pixels = b"".join(rows[y * bitmap.stride: y * bitmap.stride + bitmap.width] for y in range(bitmap.height))
    return b"P5 %d %d 255\n" % (bitmap.width, bitmap.height) + pixels


def _joined(words: list[str]) -> str:
    out = ""
    for word in words:
        if out and out[-1].isascii() and out[-1].isalnum() and word[0].isascii() and word[0].isalnum():
            out += " "  # Latin words and numbers keep their space; CJK characters have none between them
        out += word
    return out


def _lines(tsv: str) -> list[TextLine]:
    words: dict[tuple[str, str, str], list[tuple[float, float, float, float, str]]] = {}
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5" or not cells[11].strip():
            continue
        left, top, width, height = (float(cell) * POINT for cell in cells[6:10])
        words.setdefault((cells[2], cells[3], cells[4]), []).append(
            (left, top, left + width, top + height, cells[11].strip()))
    lines: list[TextLine] = []
    for boxes in words.values():
        boxes.sort()
        size = statistics.median(bottom - top for _, top, _, bottom, _ in boxes)
        runs = [[boxes[0]]]
        for box in boxes[1:]:  # tesseract runs a line over a narrow gutter: cut it there
            if box[0] - runs[-1][-1][2] > GAP * size:
                runs.append([])
            runs[-1].append(box)
        lines.extend(TextLine(_joined([b[4] for b in run]), run[0][0], min(b[1] for b in run),
                              max(b[2] for b in run), max(b[3] for b in run), round(size, 1), OCR_FACE)
                     for run in runs)
    full = [line.size for line in lines if len(line.text) >= 6]
    if not full:
        return lines
    body = statistics.median(full)
    return [TextLine(line.text, line.x0, line.top, line.x1, line.bottom, round(body, 1), OCR_FACE)
            if abs(line.size - body) <= BODY_BAND * body else line for line in lines]


def ocr_geometry(page: pdfium.PdfPage, number: int) -> PageGeometry | None:
    """The scanned page's lines as tesseract reads them; None without tesseract (or if it fails)."""
    tesseract = shutil.which("tesseract")
    if tesseract is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        image = Path(tmp, "page.pgm")
        image.write_bytes(_pgm(page))
        try:
            done = subprocess.run([tesseract, str(image), "-", "-l", "chi_sim", "tsv"], capture_output=True,
                                  timeout=300)
        except (OSError, subprocess.TimeoutExpired):
            return None
    if done.returncode != 0:
        return None
    width, height = page.get_size()
    return PageGeometry(number, width, height, tuple(_lines(done.stdout.decode("utf-8", "replace"))), (), 1)
