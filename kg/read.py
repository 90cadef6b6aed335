"""Reading documents as they arrive: files and folders → decoded text → `Article` records.

Three input kinds, detected per file (`kind` overrides): "page" (the PDF text
layer of a newspaper page, see `kg.layout`), "article" (clean article files:
headline lines, then the body; several articles separated by blank lines) and
"jsonl" (one article a line from crawls). Encodings are detected from the
bytes: UTF-8 with or without BOM, UTF-16 with or without BOM, GB18030/GBK.
This module decodes and dispatches; cutting a text into articles (headline,
byline, dateline, paragraphs) is `kg.layout`'s, for every kind.

Issue date and publication come from the caller, else a `manifest.tsv` in the
file's folder, else the JSON Lines fields, else a date in the file name.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import html
import json
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO, TypedDict

from kg.chars import is_cjk
from kg.errors import BadInput
from kg.layout.clean import article_file_articles, body_article
from kg.layout.lines import column_width, ends_sentence
from kg.layout.page import page_articles
from kg.layout.parts import ArticleParts
from kg.model import Article
from kg.sentences import split_sentences

KINDS = ("page", "article", "jsonl")
MANIFEST = "manifest.tsv"
NOT_DOCUMENTS = (MANIFEST,)
NOT_DOCUMENT_SUFFIXES = (".gold.json",)
NAME_DATE = re.compile(r"(?<![0-9A-Za-z])((?:19|20)\d\d)-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])(?![0-9A-Za-z])")
FIELD_DATE = re.compile(r"((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
MAGIC = {
    b"%PDF": "a PDF file, not text: extract its text layer first",
    b"\x89PNG": "an image (PNG), not text",
    b"\xff\xd8\xff": "an image (JPEG), not text",
    b"GIF8": "an image (GIF), not text",
    b"PK\x03\x04": "an archive or office document (ZIP), not text",
    b"\x1f\x8b": "a gzip archive, not text",
    b"\xd0\xcf\x11\xe0": "an office document (OLE), not text",
}
BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
HTML_TAG = re.compile(r"<(?:/?[a-zA-Z][a-zA-Z0-9]*)(?:\s[^<>]*)?/?>")
HTML_BREAK = re.compile(r"<(?:br|/p|/div|/h[1-6]|/li|/tr)\b[^<>]*>", re.IGNORECASE)
Line_ = tuple[int, str, str | None]  # a JSON Lines line: its offset in the text, its text, what is wrong with it
LEADING_BLANKS = re.compile(r"\s*")
CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1f]")  # below space, not whitespace: a binary file's sign


class _Origin(TypedDict):
    """Where a file's articles come from, as `_read` and `_read_jsonl` take it."""

    doc_id: str
    published: dt.date | None
    source: str | None
    path: str
    name_date: dt.date | None
JSONL_KNOWN = {"title", "subtitle", "body", "content", "text", "published", "source", "url"}


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


def _plausibility(text: str) -> float:
    """Share of characters Chinese news text is made of: how likely a decoding is the right one."""
    if not text:
        return 0.0
    good = sum(1 for ch in text if is_cjk(ch) or "\u3000" <= ch <= "\u303f"
               or "\uff00" <= ch <= "\uffef" or ch in "\n\r\t " or "0" <= ch <= "9" or "\u2010" <= ch <= "\u201f")
    return good / len(text)


def decode(data: bytes, path: str | None = None) -> str:
    """The text of a file's bytes; BadInput for empty, binary or undecodable files.

    >>> decode("本报讯".encode("gb18030")), decode("本报讯".encode("utf-16-le"))
    ('本报讯', '本报讯')
    """
    if not data.strip():
        raise BadInput("empty file", path=path)
    for magic, what in MAGIC.items():
        if data.startswith(magic):
            raise BadInput(what, path=path)
    text: str | None = None
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise BadInput(f"cannot decode as {encoding}: {exc.reason}", path=path) from None
            break
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _best_guess(data, path)
    if "\x00" in text or len(CONTROL_CHARS.findall(text, 0, 65536)) > 8:
        raise BadInput("a binary file, not text", path=path)
    return text.lstrip("\ufeff")


def _best_guess(data: bytes, path: str | None) -> str:
    candidates = []
    for encoding in ("gb18030", "utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        candidates.append((_plausibility(text[:20000]), text))
    if not candidates or max(score for score, _ in candidates) < 0.5:
        raise BadInput("not text: cannot decode it as UTF-8, GB18030/GBK or UTF-16", path=path)
    return max(candidates, key=lambda c: c[0])[1]


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


def parse_date(value: object) -> dt.date | None:
    """A date from a metadata field: 2024-04-10, 2024/4/10, 2024年4月10日, with or without a time."""
    match = FIELD_DATE.search(str(value)) if isinstance(value, str | dt.date) else None
    if not match:
        return None
    try:
        return dt.date(*map(int, match.groups()))
    except ValueError:
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
    with _open_regular(path) as (handle, size):
        large = max_bytes is not None and size > max_bytes
        head = handle.read(65536)
        if head.startswith(b"%PDF"):  # its size is mostly images and fonts: no text-size limit applies
            from kg.pdf import read_pdf  # PDFium is loaded for PDF files only

            yield from read_pdf(path, doc_id=options["doc_id"], published=options["published"],
                                source=options["source"], name_date=options["name_date"])
            return
        opening = _json_opening(head) if kind is None else b""
        json_lines = kind == "jsonl" or opening == b"{"
        if large and not json_lines and opening != b"[":  # (a JSON array is told from a page once decoded)
            raise BadInput(_too_large(size, max_bytes or 0, "file"), path=where)
        if json_lines and head.strip() and _utf8(head):  # a line at a time: each line's bytes are its own problem
            handle.seek(0)
            yield from _read_jsonl(_file_lines(handle), lambda: _whole_text(path), max_record_bytes=max_bytes,
                                   **options)
            return
        handle.seek(0)
        data = _read_all(handle, where)
    text = decode(data, where)
    del data  # not needed while the articles are read
    kind = kind or detect_kind(text)
    if large and kind != "jsonl":
        raise BadInput(_too_large(size, max_bytes or 0, "file"), path=where)
    yield from _read(text, kind=kind, max_record_bytes=max_bytes, **options)


def _read_all(handle: BinaryIO, where: str) -> bytes:
    try:
        return handle.read()
    except OSError as exc:
        raise BadInput(f"cannot read: {exc.strerror or exc}", path=where) from None


def _utf8(head: bytes) -> bool:
    """Whether the start of a file reads as UTF-8, but for a stray byte or two (each line is checked again)."""
    return b"\x00" not in head and head.decode("utf-8", "replace").count("\ufffd") <= 1 + len(head) // 1000


def _file_lines(handle: BinaryIO) -> Iterator[Line_]:
    """(offset, line, problem) of a UTF-8 file's lines, read one at a time; a line that is not UTF-8 is one
    problem of its own."""
    offset = 0
    for number, raw in enumerate(handle):
        problem = None
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line, problem = raw.decode("utf-8", "replace"), f"not UTF-8 text: {exc.reason} at byte {exc.start}"
        if number == 0:
            line = line.removeprefix("\ufeff")
        yield offset, line, problem
        offset += len(line)


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


_NOT_REGULAR = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
                (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"))


def read_regular_file(path: Path) -> bytes:
    """The bytes of a regular file; BadInput for anything else (nothing is opened that could block)."""
    with _open_regular(path) as (handle, _):
        return _read_all(handle, str(path))


@contextlib.contextmanager
def _open_regular(path: Path) -> Iterator[tuple[BinaryIO, int]]:
    """(handle, size) of a regular file; BadInput for a missing file, a broken link, a FIFO, a socket, a device."""
    where = str(path)
    try:
        # O_NONBLOCK: opening a named pipe must not wait for a writer; fstat then tells what was opened.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        if path.is_symlink():
            raise BadInput(f"a broken symbolic link (to {os.readlink(path)})", path=where) from None
        raise BadInput("no such file", path=where) from None
    except OSError as exc:
        raise BadInput(f"cannot read: {exc.strerror or exc}", path=where) from None
    info = os.fstat(descriptor)
    if not stat.S_ISREG(info.st_mode):
        os.close(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise BadInput("a folder, not a file", path=where)
        what = next((name for test, name in _NOT_REGULAR if test(info.st_mode)), "something else")
        raise BadInput(f"{what}, not a regular file: only files are read", path=where)
    with os.fdopen(descriptor, "rb") as handle:
        yield handle, info.st_size


def _json_opening(head: bytes) -> bytes:
    """The first character of a file's start if it could open JSON (`{` or `[`), else b""."""
    for bom, encoding in BOMS:
        if head.startswith(bom):
            head = head[len(bom):].decode(encoding, "ignore").encode("utf-8", "ignore")
            break
    first = head.lstrip()[:1]
    return first if first in (b"{", b"[") else b""


def _too_large(size: int, limit: int, what: str) -> str:
    return (f"{size / 1e6:,.1f} MB in one {what}, more than a newspaper page or issue holds (limit "
            f"{limit / 1e6:,.1f} MB, KG_MAX_DOCUMENT_BYTES); skipped")


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
        yield from _read_jsonl(_lines(text), lambda: text, doc_id=doc_id, published=published, source=source,
                               path=path, name_date=name_date, max_record_bytes=max_record_bytes)
        return
    parts = page_articles(text) if kind == "page" else article_file_articles(text)
    if not parts:
        raise BadInput(f"no article text found (read as {kind})", path=path)
    for index, part in enumerate(parts, start=1):
        yield _article(part, doc_id=doc_id, index=index, issued=published or name_date, source=source, path=path)


def _article(part: ArticleParts, *, doc_id: str, index: int, issued: dt.date | None, source: str | None,
             path: str | None, url: str | None = None, metadata: tuple[tuple[str, str], ...] = (),
             body_offset: int | None = None) -> Article:
    return Article(
        doc_id=doc_id, index=index, body=part.body, sentences=split_sentences(part.body), title=part.title,
        subtitle=part.subtitle, dateline=part.dateline, reporters=part.reporters, issued=issued, source=source,
        url=url, path=path, body_offset=part.body_offset if body_offset is None else body_offset,
        metadata=metadata,
    )


def _parse_record(raw: str, path: str | None, number: int) -> dict | BadInput:
    """One JSON Lines record, or the one-line problem with it (any depth of nesting, any escapes)."""
    try:
        record = json.loads(raw)
    except ValueError as exc:
        return BadInput(f"not a JSON object: {_json_problem(exc)}", path=path, line=number)
    except RecursionError:  # the C parser stops at Python's recursion limit: a bomb, not a news record
        return BadInput("not a JSON object: nested too deeply", path=path, line=number)
    return _checked(record, path, number)


def _json_problem(exc: ValueError) -> str:
    """What the JSON parser objected to: a syntax error's message, or another ValueError's (a number of more
    than 4,300 digits, which Python refuses to convert)."""
    return exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc).split(";")[0]


def _checked(record: object, path: str | None, number: int) -> dict | BadInput:
    if not isinstance(record, dict):
        return BadInput("not a JSON object", path=path, line=number)
    try:  # "\ud800" is valid JSON but no Unicode text: nothing downstream could write it
        json.dumps(record, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        return BadInput(f"a lone surrogate ({exc.object[exc.start]!r}) in the record: not Unicode text", path=path,
                        line=number)
    except (RecursionError, ValueError):
        return BadInput("not a JSON object: nested too deeply", path=path, line=number)
    return record


def _records(lines: Iterable[Line_], whole: Callable[[], str], path: str | None,
             max_bytes: int | None = None) -> Iterator[tuple[int, int, str, dict | BadInput]]:
    """(line number, offset, raw text, record or problem) of each JSON Lines record.

    A JSON array works too, and so does one JSON object spread over several lines (pretty-printed): that is
    seen when the first line is a record cut short at its end. Either is parsed whole, one problem for the file.
    """
    first = True
    for number, (line_offset, raw, problem) in enumerate(lines, start=1):
        if not raw.strip():
            continue
        if problem is not None:
            first = False
            yield number, line_offset, raw, BadInput(problem, path=path, line=number)
            continue
        if first and raw.lstrip().startswith("["):
            yield from _whole_document(whole(), path, "array") or ()
            return
        document = _whole_document(whole(), path, "object", or_none=True) if first and _cut_short(raw) else None
        if document is not None:
            yield from document
            return
        first = False  # (with `whole` None after a cut-short line: JSON Lines whose first record is broken)
        if max_bytes is not None and len(raw) > max_bytes // 4 and len(raw.encode("utf-8", "replace")) > max_bytes:
            yield number, line_offset, raw, BadInput(_too_large(len(raw.encode("utf-8", "replace")), max_bytes,
                                                                "record"), path=path, line=number)
            continue
        yield number, line_offset, raw, _parse_record(raw, path, number)


def _cut_short(line: str) -> bool:
    """Whether `line` is the start of a JSON value that goes on past the line's end."""
    try:
        json.loads(line)
    except json.JSONDecodeError as exc:
        return exc.pos >= len(line.rstrip())
    except (RecursionError, ValueError):
        return False
    return False


def _whole_document(text: str, path: str | None, what: str,
                    or_none: bool = False) -> list[tuple[int, int, str, dict | BadInput]] | None:
    """The records of a text that is one JSON value; malformed: BadInput, or None if `or_none`."""
    try:
        records = json.loads(text)
    except ValueError as exc:
        if or_none:
            return None
        raise BadInput(f"not a JSON {what}: {_json_problem(exc)}", path=path, line=getattr(exc, "lineno", 1)) from None
    except RecursionError:
        raise BadInput(f"not a JSON {what}: nested too deeply", path=path, line=1) from None
    return [(number, 0, text, _checked(record, path, number))
            for number, record in enumerate(records if isinstance(records, list) else [records], start=1)]


def _lines(text: str) -> Iterator[Line_]:
    """(offset, line) of each line ending in "\n", one at a time: JSON Lines records end there and only there
    (a crawled body may hold U+2028 or U+0085 raw, which `str.splitlines` would cut it at)."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end + 1
        yield start, text[start:end], None
        start = end


def _read_jsonl(lines: Iterable[Line_], whole: Callable[[], str], *, doc_id: str,
                published: dt.date | None, source: str | None, path: str | None, name_date: dt.date | None,
                max_record_bytes: int | None = None) -> Iterator[Article | BadInput]:
    """The articles of JSON Lines given as `(offset, line, problem)`s; `whole()` gives the text, should it be one JSON
    value spread over several lines."""
    for number, line_offset, raw, record in _records(lines, whole, path, max_record_bytes):
        if isinstance(record, BadInput):
            yield record
            continue
        try:
            yield _record_article(record, raw, line_offset, number, doc_id=doc_id, published=published,
                                  source=source, path=path, name_date=name_date)
        except (UnicodeError, RecursionError, ValueError) as exc:  # one record's problem, never the file's
            yield BadInput(f"cannot read the record: {type(exc).__name__}", path=path, line=number)


def _record_article(record: dict, raw: str, line_offset: int, number: int, *, doc_id: str,
                    published: dt.date | None, source: str | None, path: str | None,
                    name_date: dt.date | None) -> Article | BadInput:
    body = next((record[key] for key in ("body", "content", "text") if isinstance(record.get(key), str)
                 and record[key].strip()), None)
    if body is None:
        return BadInput("no body (expected a non-empty 'body' or 'content' field)", path=path, line=number)
    part = body_article(html_to_text(body) if HTML_TAG.search(body) else body)
    if part is None:
        return BadInput("no article text in the body", path=path, line=number)
    url = record.get("url") if isinstance(record.get("url"), str) and record["url"].strip() else None
    located = raw.find(part.body[:12])
    return _article(
        ArticleParts(part.body, part.body_offset, _field(record, "title"), _field(record, "subtitle"),
                     part.dateline, part.reporters),
        doc_id=hashlib.sha1(url.encode("utf-8")).hexdigest()[:16] if url else f"{doc_id}:{number}",
        index=1,
        issued=published or parse_date(record.get("published")) or name_date,
        source=source or _field(record, "source"),
        path=path,
        url=url,
        metadata=tuple((key, value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))
                       for key, value in record.items() if key not in JSONL_KNOWN),
        body_offset=line_offset + (located if located >= 0 else 0),
    )


def html_to_text(markup: str) -> str:
    r"""A crawled body's HTML as plain paragraphs: block tags become line breaks, other tags go.

    >>> html_to_text("<p>本报讯&nbsp;4月9日，会议召开。</p><p>会议强调<b>要</b>落实。</p>")
    '本报讯\xa04月9日，会议召开。\n会议强调要落实。\n'
    """
    text = HTML_BREAK.sub("\n", markup)
    return html.unescape(HTML_TAG.sub("", text))


def _field(record: dict, key: str) -> str | None:
    value = record.get(key)
    return value.strip() or None if isinstance(value, str) else None
