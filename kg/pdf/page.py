"""A PDF page as geometry: text lines with their box, size and face, the boxes drawn, the plain text layer.

pypdfium2 (PDFium) gives every character with its box, the text object it
belongs to (whose font size and name are read once per object) and the page's
path objects. Characters are cut into lines where the baseline moves, the
size or face changes, or a gap wider than a character opens (a column gutter).
Coordinates are in points from the page's top-left corner.
"""

from __future__ import annotations

import ctypes
import math
import re
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

GAP = 0.9  # a gap this many font sizes wide between characters ends a line (a gutter, not a space)


@dataclass(frozen=True)
class TextLine:
    """Characters on one baseline in one size and face, without a wide gap."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    font: str

    @property
    def width(self) -> float:
        return self.x1 - self.x0


@dataclass(frozen=True)
class Box:
    """The bounds of a drawn path: a rule, a frame, a photo."""

    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True)
class PageGeometry:
    number: int  # 1-based
    width: float
    height: float
    lines: tuple[TextLine, ...]
    boxes: tuple[Box, ...]
    images: int  # image objects on the page: a page of images and no text is a scan


WHITESPACE = frozenset(" \r\n\t\u3000\xa0")
LINE_TEXT = re.compile(r"[^\r\n]+")  # PDFium's text between the line breaks it writes
SPACES = re.compile(r" +")


def _font_name(textpage, index: int, buffer) -> str:
    flags = ctypes.c_int()
    length = pdfium_c.FPDFText_GetFontInfo(textpage, index, buffer, len(buffer), ctypes.byref(flags))
    return buffer.value.decode("utf-8", "replace") if length else ""


def _size(textpage, index: int, matrix) -> float:
    """The size a character is seen in: its font size times the vertical scale of its text and page
    matrices (cairo and others set text in 1 pt and scale it with the text matrix)."""
    size = pdfium_c.FPDFText_GetFontSize(textpage, index)
    if pdfium_c.FPDFText_GetMatrix(textpage, index, ctypes.byref(matrix)):
        size *= math.hypot(matrix.c, matrix.d)
    return round(size, 2)


def _by_address(function, restype, *argtypes):
    """A PDFium entry point called with plain addresses: no pointer object is built at each call (the
    calls below run thousands of times a page)."""
    return ctypes.cast(function, ctypes.CFUNCTYPE(restype, *argtypes))


_LOOSE_CHAR_BOX = _by_address(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_int, ctypes.c_void_p, ctypes.c_int,
                              ctypes.c_void_p)
_GET_OBJECT = _by_address(pdfium_c.FPDFPage_GetObject, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)
_OBJECT_TYPE = _by_address(pdfium_c.FPDFPageObj_GetType, ctypes.c_int, ctypes.c_void_p)


def _address(handle) -> int:
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


class _Chars:
    """Loose boxes of a text page's characters, flipped to top-down coordinates."""

    def __init__(self, textpage, height: float) -> None:
        self.handle, self.height = _address(textpage.raw), height
        self.rect = pdfium_c.FS_RECTF()
        self.ref = ctypes.addressof(self.rect)

    def box(self, index: int) -> tuple[float, float, float, float]:
        """(left, top, right, bottom)."""
        _LOOSE_CHAR_BOX(self.handle, index, self.ref)
        rect = self.rect
        return rect.left, self.height - rect.top, rect.right, self.height - rect.bottom


def _runs(text: str, chars: _Chars, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) cut where the characters step to another baseline, back, or over a wide gap."""
    cuts = [start]
    last = chars.box(start)
    for i in range(start + 1, end):
        if text[i] in WHITESPACE:
            continue
        box = chars.box(i)
        em = last[3] - last[1]
        if abs(box[3] - last[3]) > 0.2 * em or box[0] - last[2] > GAP * em or box[0] < last[0] - 0.5 * em:
            cuts.append(i)
        last = box
    return list(zip(cuts, [*cuts[1:], end], strict=True))


def _lines(page: pdfium.PdfPage, height: float) -> list[TextLine]:
    """The page's text cut into lines: PDFium breaks its text where lines end; a run between two breaks is
    cut again where a space stands over a wide gap (a gutter) or the text steps back or to another
    baseline; only the characters at a run's ends and beside its spaces are looked up when the run's
    ends sit on one baseline (one PDFium call a character would cost five times as much)."""
    textpage = page.get_textpage()
    text = textpage.get_text_range()[: textpage.count_chars()]
    chars = _Chars(textpage, height)
    buffer = ctypes.create_string_buffer(256)
    matrix = pdfium_c.FS_MATRIX()
    lines: list[TextLine] = []
    for match in LINE_TEXT.finditer(text):
        start, end = match.span()
        first, last = chars.box(start), chars.box(end - 1)
        if abs(first[3] - last[3]) > 0.2 * (first[3] - first[1]) or last[0] < first[0]:
            runs = _runs(text, chars, start, end)  # not one line: every character looked at
        else:
            runs, begin = [], start
            for space in SPACES.finditer(text, start, end):
                before, after = chars.box(space.start() - 1), chars.box(space.end())
                if after[0] - before[2] > GAP * (before[3] - before[1]) or after[0] < before[0]:
                    runs.append((begin, space.start()))
                    begin = space.end()
            runs.append((begin, end))
        for begin, stop in runs:
            piece = text[begin:stop].strip()
            if not piece:
                continue
            begin += len(text[begin:stop]) - len(text[begin:stop].lstrip())
            stop = begin + len(piece)
            left, top, _, bottom = chars.box(begin)
            right = chars.box(stop - 1)[2]
            lines.append(TextLine(piece, left, top, right, bottom, _size(textpage.raw, begin, matrix),
                                  _font_name(textpage.raw, begin, buffer)))
    textpage.close()
    return lines


def _objects(page: pdfium.PdfPage, height: float) -> tuple[list[Box], int]:
    """Bounds of the page's path objects and its count of images (top level: frames and rules are there)."""
    boxes, images = [], 0
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    handle = _address(page.raw)
    for index in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        address = _GET_OBJECT(handle, index)
        kind = _OBJECT_TYPE(address)
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            images += 1
        elif kind == pdfium_c.FPDF_PAGEOBJ_PATH and pdfium_c.FPDFPageObj_GetBounds(
                pdfium_c.FPDFPage_GetObject(page.raw, index), ctypes.byref(left), ctypes.byref(bottom),
                ctypes.byref(right), ctypes.byref(top)):
            boxes.append(Box(left.value, height - top.value, right.value, height - bottom.value))
    return boxes, images


def page_geometry(page: pdfium.PdfPage, number: int, *, boxes_if: str | None = None) -> PageGeometry:
    """The page's lines; its drawn boxes only if a line reads `boxes_if` (they frame advertisements), its
    images only if it has no text (walking the objects costs as much as reading the characters)."""
    width, height = page.get_size()
    lines = tuple(_lines(page, height))
    boxes, images = (_objects(page, height) if not lines or any(line.text == boxes_if for line in lines)
                     else ([], 0))
    return PageGeometry(number, width, height, lines, tuple(boxes), images)


def plain_text(page: pdfium.PdfPage) -> str:
    """The page's text layer as PDFium orders it: what a converter hands a user."""
    textpage = page.get_textpage()
    try:
        return textpage.get_text_range().replace("\r\n", "\n")
    finally:
        textpage.close()
