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


def _font_name(textpage, index: int) -> str:
    buffer = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    length = pdfium_c.FPDFText_GetFontInfo(textpage, index, buffer, len(buffer), ctypes.byref(flags))
    return buffer.value.decode("utf-8", "replace") if length else ""


def _lines(page: pdfium.PdfPage, height: float) -> list[TextLine]:
    textpage = page.get_textpage()
    handle = textpage.raw
    text = textpage.get_text_range()
    count = textpage.count_chars()
    rect = pdfium_c.FS_RECTF()
    rect_ref = ctypes.byref(rect)
    char_box, text_object = pdfium_c.FPDFText_GetLooseCharBox, pdfium_c.FPDFText_GetTextObject
    faces: dict[int, tuple[float, str]] = {}
    lines: list[TextLine] = []
    chars: list[str] = []
    x0 = top = x1 = bottom = size = 0.0
    font = ""
    for i in range(min(count, len(text))):
        obj = text_object(handle, i)
        if not obj:  # a space or line break PDFium generated from the gaps: a space inside a line is kept
            if chars and text[i] == " ":
                chars.append(" ")
            continue
        key = ctypes.cast(obj, ctypes.c_void_p).value or 0
        face = faces.get(key)
        if face is None:
            face = faces[key] = (round(pdfium_c.FPDFText_GetFontSize(handle, i), 2), _font_name(handle, i))
        char_box(handle, i, rect_ref)
        c_top, c_bottom = height - rect.top, height - rect.bottom
        if chars and (face != (size, font) or abs(c_bottom - bottom) > 0.3 * size
                      or rect.left - x1 > GAP * size or rect.left < x0 - 0.5 * size):
            lines.append(TextLine("".join(chars), x0, top, x1, bottom, size, font))
            chars = []
        if not chars:
            x0, top, x1, bottom = rect.left, c_top, rect.right, c_bottom
            size, font = face
        else:
            x1, top, bottom = max(x1, rect.right), min(top, c_top), max(bottom, c_bottom)
        chars.append(text[i])
    if chars:
        lines.append(TextLine("".join(chars), x0, top, x1, bottom, size, font))
    textpage.close()
    return [line for line in lines if line.text.strip()]


def _objects(page: pdfium.PdfPage, height: float) -> tuple[list[Box], int]:
    boxes, images = [], 0
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE), max_depth=2):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            images += 1
            continue
        left, bottom, right, top = obj.get_bounds()
        boxes.append(Box(left, height - top, right, height - bottom))
    return boxes, images


def page_geometry(page: pdfium.PdfPage, number: int) -> PageGeometry:
    width, height = page.get_size()
    boxes, images = _objects(page, height)
    return PageGeometry(number, width, height, tuple(_lines(page, height)), tuple(boxes), images)


def plain_text(page: pdfium.PdfPage) -> str:
    """The page's text layer as PDFium orders it: what a converter hands a user."""
    textpage = page.get_textpage()
    try:
        return textpage.get_text_range().replace("\r\n", "\n")
    finally:
        textpage.close()
