"""Newspaper PDF pages read from their geometry (`kg.pdf.page` → `kg.pdf.reading` → `kg.pdf.document`)."""

from kg.pdf.document import read_pdf

__all__ = ["read_pdf"]
