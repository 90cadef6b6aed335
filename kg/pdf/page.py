"""A PDF page as geometry: text lines with their box, size and face, the boxes drawn, the plain text layer.

pypdfium2 (PDFium) gives every character with its box, the text object it
belongs to (whose font size and name are read once per object) and the page's
path objects. Characters are cut into lines where the baseline moves, the
size or face changes, or a gap wider than a character opens (a column gutter).
Coordinates are in points from the page's top-left corner.
"""

from __future__ import annotations

import ctypes
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


def _font_name(textpage, index: int, buffer) -> str:
    flags = ctypes.c_int()
    length = pdfium_c.FPDFText_GetFontInfo(textpage, index, buffer, len(buffer), ctypes.byref(flags))
    return buffer.value.decode("utf-8", "replace") if length else ""


def _lines(page: pdfium.PdfPage, height: float) -> list[TextLine]:
    """Characters cut into lines by size and position; a line's face is its first character's."""
    textpage = page.get_textpage()
    handle = textpage.raw
    text = textpage.get_text_range()
    count = textpage.count_chars()
    rect = pdfium_c.FS_RECTF()
    rect_ref = ctypes.byref(rect)
    char_box, font_size = pdfium_c.FPDFText_GetLooseCharBox, pdfium_c.FPDFText_GetFontSize
    runs: list[tuple[str, float, float, float, float, float, int]] = []
    chars: list[str] = []
    x0 = top = x1 = bottom = size = 0.0
    first = 0
    for i in range(min(count, len(text))):
        char = text[i]
        if char in WHITESPACE:  # PDFium regenerates spaces and line ends from the gaps: a space in a line stays
            if chars and char == " ":
                chars.append(" ")
            continue
        char_size = font_size(handle, i)
        char_box(handle, i, rect_ref)
        left, right = rect.left, rect.right
        c_top, c_bottom = height - rect.top, height - rect.bottom
        if chars and (char_size != size or abs(c_bottom - bottom) > 0.3 * size
                      or left - x1 > GAP * size or left < x0 - 0.5 * size):
            runs.append(("".join(chars), x0, top, x1, bottom, size, first))
            chars = []
        if not chars:
            x0, top, x1, bottom, size, first = left, c_top, right, c_bottom, char_size, i
        else:
            if right > x1:
                x1 = right
            if c_top < top:
                top = c_top
            if c_bottom > bottom:
                bottom = c_bottom
        chars.append(char)
    if chars:
        runs.append(("".join(chars), x0, top, x1, bottom, size, first))
    buffer = ctypes.create_string_buffer(256)
    lines = [TextLine(t.rstrip(), a, b, c, d, round(e, 2), _font_name(handle, first, buffer))
             for t, a, b, c, d, e, first in runs if t.strip()]
    textpage.close()
    return lines


def _objects(page: pdfium.PdfPage, height: float) -> tuple[list[Box], int]:
    """Bounds of the page's path objects and its count of images (top level: frames and rules are there)."""
    boxes, images = [], 0
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for index in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        obj = pdfium_c.FPDFPage_GetObject(page.raw, index)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            images += 1
        elif kind == pdfium_c.FPDF_PAGEOBJ_PATH and pdfium_c.FPDFPageObj_GetBounds(
                obj, ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top)):
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
