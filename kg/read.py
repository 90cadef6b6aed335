"""Reading documents as they arrive: files and folders → decoded text → `Article` records.

Three input kinds, detected per file (`kind` overrides): "page" (the PDF text
layer of a newspaper page, see `kg.layout`), "article" (clean article files:
headline lines, then the body; several articles separated by blank lines) and
"jsonl" (one article a line from crawls). Encodings are detected from the
bytes: UTF-8 with or without BOM, UTF-16 with or without BOM, GB18030/GBK.
This module dispatches (decoding is `kg.read_decode`'s, JSON Lines `kg.read_jsonl`'s); cutting a text into articles (headline,
byline, dateline, paragraphs) is `kg.layout`'s, for every kind.

Issue date and publication come from the caller, else a `manifest.tsv` in the
file's folder, else the JSON Lines fields, else a date in the file name.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import TypedDict

from kg.errors import BadInput
from kg.layout.clean import article_file_articles
from kg.layout.lines import column_width, ends_sentence
from kg.layout.page import page_articles
from kg.model import Article
from kg.read_decode import (
    decode,
    json_opening,
    open_regular,
    read_all,
    read_regular_file,
    too_large,
    utf8_head,
)
from kg.read_jsonl import file_lines, html_to_text, parse_date, read_jsonl, text_lines, to_article

__all__ = ["KINDS", "date_in_name", "decode", "detect_kind", "expand_paths", "html_to_text", "manifest_entry",
           "parse_date", "read_path", "read_regular_file", "read_text"]  # decode, html_to_text: kept importable here

KINDS = ("page", "article", "jsonl")
MANIFEST = "manifest.tsv"
NOT_DOCUMENTS = (MANIFEST,)
NOT_DOCUMENT_SUFFIXES = (".gold.json",)
NAME_DATE = re.compile(r"(?<![0-9A-Za-z])((?:19|20)\d\d)-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])(?![0-9A-Za-z])")
LEADING_BLANKS = re.compile(r"\s*")


class _Origin(TypedDict):
    """Where a file's articles come from, as `_read` and `read_jsonl` take it."""

    doc_id: str
    published: dt.date | None
    source: str | None
    path: str
    name_date: dt.date | None


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files as given; folders recursively in sorted order, without hidden files, manifests and gold files.

    Inside a folder, whatever is neither a folder nor a regular file (a broken symbolic link, a named pipe,
    a socket) is passed on too, so that `read_path` names it instead of it being skipped silently.
    """
    for given in paths:
        path = Path(given)
        if not path.is_dir():
            yield path
            continue
        for found in sorted(path.rglob("*")):
            relative = found.relative_to(path).parts
            if any(part.startswith(".") or part == "__pycache__" for part in relative) or found.is_dir():
                continue
            if found.name in NOT_DOCUMENTS or found.name.endswith(NOT_DOCUMENT_SUFFIXES):
                continue
            yield found


def detect_kind(text: str) -> str:
    """"jsonl" if the text opens with a JSON object, "page" if its lines are column-narrow, else "article"."""
    blanks = LEADING_BLANKS.match(text)  # always matches (maybe nothing): no copy of a text that may be large
    first = blanks.end() if blanks else 0
    if text[first:first + 1] == "{" or text[first:first + 1] == "[" and text[-4096:].rstrip().endswith("]"):
        return "jsonl"
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) < 4:
        return "article"
    # A page's lines are wrapped at a column: most of the longer ones stop mid-sentence and share one width.
    longer = [line for line in lines if len(line) > 8]
    mid_sentence = sum(1 for line in longer if not ends_sentence(line))
    width = column_width([len(line) for line in lines])
    narrow = sum(1 for line in lines if len(line) <= width + 3)
    wrapped = bool(longer) and mid_sentence >= 0.5 * len(longer) and narrow >= 0.7 * len(lines)
    return "page" if wrapped and width <= 40 else "article"


def date_in_name(name: str) -> dt.date | None:
    """A YYYY-MM-DD or YYYYMMDD date in a file name.

    >>> date_in_name("changxing_20240203"), date_in_name("000_6619c5c4ce064df3")
    (datetime.date(2024, 2, 3), None)
    """
    for match in NAME_DATE.finditer(name):
        try:
            return dt.date(*map(int, match.groups()))
        except ValueError:
            continue
    return None


@lru_cache(maxsize=64)
def _manifest(folder: str, mtime: float) -> dict[str, tuple[str | None, dt.date | None]]:
    rows: dict[str, tuple[str | None, dt.date | None]] = {}
    text = Path(folder, MANIFEST).read_text(encoding="utf-8-sig")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")] + ["", ""]
        rows[cells[0]] = (cells[1] or None, parse_date(cells[2]))
    return rows


def manifest_entry(path: Path) -> tuple[str | None, dt.date | None]:
    """(source, published) for `path` from the `manifest.tsv` beside it, if any."""
    manifest = path.parent / MANIFEST
    try:
        rows = _manifest(str(manifest.parent), manifest.stat().st_mtime)
    except (OSError, UnicodeError):
        return None, None
    return rows.get(path.name, (None, None))


def read_path(path: Path, *, published: dt.date | None = None, source: str | None = None,
              kind: str | None = None, max_bytes: int | None = None) -> Iterator[Article | BadInput]:
    """The articles of one file (whole-file problems raise BadInput, per-record ones are yielded).

    `max_bytes`: a page or article file larger than this is refused before it is read (see
    `Settings.max_document_bytes`); a JSON Lines file may be larger, each of its records may not. A UTF-8
    JSON Lines file is read a line at a time (a line that is not UTF-8 is that line's problem).
    """
    path = Path(path)
    where = str(path)
    listed_source, listed_date = manifest_entry(path)
    options: _Origin = {"doc_id": _name_text(path.stem), "published": published or listed_date,
                        "source": source or listed_source, "path": where, "name_date": date_in_name(path.name)}
    with open_regular(path) as (handle, size):
        large = max_bytes is not None and size > max_bytes
        head = handle.read(65536)
        if head.startswith(b"%PDF"):  # its size is mostly images and fonts: no text-size limit applies
            from kg.pdf import read_pdf  # PDFium is loaded for PDF files only

            yield from read_pdf(path, doc_id=options["doc_id"], published=options["published"],
                                source=options["source"], name_date=options["name_date"])
            return
        opening = json_opening(head) if kind is None else b""
        json_lines = kind == "jsonl" or opening == b"{"
        if large and not json_lines and opening != b"[":  # (a JSON array is told from a page once decoded)
            raise BadInput(too_large(size, max_bytes or 0, "file"), path=where)
        if json_lines and head.strip() and utf8_head(head):  # a line at a time: each line's bytes are its own problem
            handle.seek(0)
            yield from read_jsonl(file_lines(handle), lambda: _whole_text(path), max_record_bytes=max_bytes,
                                   **options)
            return
        handle.seek(0)
        data = read_all(handle, where)
    text = decode(data, where)
    del data  # not needed while the articles are read
    kind = kind or detect_kind(text)
    if large and kind != "jsonl":
        raise BadInput(too_large(size, max_bytes or 0, "file"), path=where)
    yield from _read(text, kind=kind, max_record_bytes=max_bytes, **options)


def _whole_text(path: Path) -> str:
    return decode(read_regular_file(path), str(path))


def _name_text(name: str) -> str:
    """A file name as text for IRIs: a name that is not UTF-8 (GBK, from a Windows archive) read as GB18030.

    >>> _name_text(os.fsdecode("无锡日报".encode("gbk")))
    '无锡日报'
    """
    raw = os.fsencode(name)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030", "replace")


def read_text(text: str, *, doc_id: str, published: dt.date | None = None, source: str | None = None,
              kind: str | None = None, path: str | None = None) -> Iterator[Article | BadInput]:
    """The articles of an already decoded text (an HTTP upload, a test)."""
    yield from _read(text.lstrip("\ufeff"), doc_id=doc_id, published=published, source=source, kind=kind,
                     path=path, name_date=None)


def _read(text: str, *, doc_id: str, published: dt.date | None, source: str | None, kind: str | None,
          path: str | None, name_date: dt.date | None,
          max_record_bytes: int | None = None) -> Iterator[Article | BadInput]:
    if kind is not None and kind not in KINDS:
        raise BadInput(f"unknown format {kind!r} (expected one of {', '.join(KINDS)})", path=path)
    if not text.strip():
        raise BadInput("empty file", path=path)
    if "\x00" in text:
        raise BadInput("a binary file, not text", path=path)
    kind = kind or detect_kind(text)
    if kind == "jsonl":
        yield from read_jsonl(text_lines(text), lambda: text, doc_id=doc_id, published=published, source=source,
                               path=path, name_date=name_date, max_record_bytes=max_record_bytes)
        return
    parts = page_articles(text) if kind == "page" else article_file_articles(text)
    if not parts:
        raise BadInput(f"no article text found (read as {kind})", path=path)
    for index, part in enumerate(parts, start=1):
        yield to_article(part, doc_id=doc_id, index=index, issued=published or name_date, source=source, path=path)
























