"""Reading documents as they arrive: files and folders → decoded text → `Article` records.

Three input kinds, detected per file (`kind` overrides): "page" (the PDF text
layer of a newspaper page, see `kg.layout`), "article" (clean article files:
headline lines, then the body; several articles separated by blank lines) and
"jsonl" (one article a line from crawls). Encodings are detected from the
bytes: UTF-8 with or without BOM, UTF-16 with or without BOM, GB18030/GBK.

Issue date and publication come from the caller, else a `manifest.tsv` in the
file's folder, else the JSON Lines fields, else a date in the file name.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from kg.errors import BadInput
from kg.layout import (
    HEADLINE_MAX,
    ArticleParts,
    Line,
    _raw_lines,
    byline_at_end,
    column_width,
    ends_sentence,
    finish,
    join_lines,
    opens_brief,
    page_articles,
    starts_article,
)
from kg.model import Article
from kg.sentences import split_sentences

KINDS = ("page", "article", "jsonl")
MANIFEST = "manifest.tsv"
NOT_DOCUMENTS = (MANIFEST,)
NOT_DOCUMENT_SUFFIXES = (".gold.json",)
NAME_DATE = re.compile(r"(?<![0-9A-Za-z])((?:19|20)\d\d)-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])(?![0-9A-Za-z])")
FIELD_DATE = re.compile(r"((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
# A subheading inside a clean article (一、… （二）… 第三，…) is not the headline of a new article.
ORDINAL_HEAD = re.compile(r"^(?:[一二三四五六七八九十]+[、是]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]|第[一二三四五六七八九十]+)")
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
JSONL_KNOWN = {"title", "subtitle", "body", "content", "text", "published", "source", "url"}


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files as given; folders recursively in sorted order, without hidden files, manifests and gold files."""
    for given in paths:
        path = Path(given)
        if not path.is_dir():
            yield path
            continue
        for found in sorted(path.rglob("*")):
            relative = found.relative_to(path).parts
            if any(part.startswith(".") or part == "__pycache__" for part in relative) or not found.is_file():
                continue
            if found.name in NOT_DOCUMENTS or found.name.endswith(NOT_DOCUMENT_SUFFIXES):
                continue
            yield found


def _plausibility(text: str) -> float:
    """Share of characters Chinese news text is made of: how likely a decoding is the right one."""
    if not text:
        return 0.0
    good = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f"
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
    if "\x00" in text or sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\t\n\r\f\v") > 8:
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
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if lines and (lines[0].startswith("{") or lines[0].startswith("[") and lines[-1].endswith("]")):
        return "jsonl"
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
              kind: str | None = None) -> Iterator[Article | BadInput]:
    """The articles of one file (whole-file problems raise BadInput, per-record ones are yielded)."""
    path = Path(path)
    where = str(path)
    if not path.exists():
        raise BadInput("no such file", path=where)
    if path.is_dir():
        raise BadInput("a folder, not a file", path=where)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BadInput(f"cannot read: {exc.strerror or exc}", path=where) from None
    listed_source, listed_date = manifest_entry(path)
    if data.startswith(b"%PDF"):
        from kg.pdf import read_pdf  # PDFium is loaded for PDF files only

        yield from read_pdf(path, doc_id=path.stem, published=published or listed_date,
                            source=source or listed_source, name_date=date_in_name(path.name))
        return
    text = decode(data, where)
    yield from _read(text, doc_id=path.stem, published=published or listed_date, source=source or listed_source,
                     kind=kind, path=where, name_date=date_in_name(path.name))


def read_text(text: str, *, doc_id: str, published: dt.date | None = None, source: str | None = None,
              kind: str | None = None, path: str | None = None) -> Iterator[Article | BadInput]:
    """The articles of an already decoded text (an HTTP upload, a test)."""
    yield from _read(text.lstrip("\ufeff"), doc_id=doc_id, published=published, source=source, kind=kind,
                     path=path, name_date=None)


def _read(text: str, *, doc_id: str, published: dt.date | None, source: str | None, kind: str | None,
          path: str | None, name_date: dt.date | None) -> Iterator[Article | BadInput]:
    if kind is not None and kind not in KINDS:
        raise BadInput(f"unknown format {kind!r} (expected one of {', '.join(KINDS)})", path=path)
    if not text.strip():
        raise BadInput("empty file", path=path)
    if "\x00" in text:
        raise BadInput("a binary file, not text", path=path)
    kind = kind or detect_kind(text)
    if kind == "jsonl":
        yield from _read_jsonl(text, doc_id=doc_id, published=published, source=source, path=path,
                               name_date=name_date)
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


def _headline_line(line: Line) -> bool:
    text = line.text
    return (len(text) <= HEADLINE_MAX and not ends_sentence(text) and text[-1] not in "，,；;：:、"
            and not starts_article(text) and byline_at_end(text) is None)


def _opens_next(lines: list[Line], i: int) -> bool:
    """Whether line `i` sits between a sentence end and a dateline: a headline with no blank around it."""
    return (0 < i < len(lines) - 1 and ends_sentence(lines[i - 1].text)
            and bool(lines[i + 1].text) and starts_article(lines[i + 1].text))


def article_file_articles(text: str) -> list[ArticleParts]:
    """Clean article files: headline (and subtitle) lines, then body paragraphs; articles one after another.

    A headline line after a blank line (or a byline) opens a new article,
    unless it reads as a numbered subheading of the article it is in.
    """
    lines = _raw_lines(text)
    groups: list[tuple[list[str], list[Line], tuple[str, ...]]] = []  # (headlines, body lines, reporters)
    after_break = True
    for i, line in enumerate(lines):
        if not line.text:
            after_break = True
            continue
        heading = _headline_line(line)
        continues_heading = bool(groups) and not groups[-1][1] and heading and len(groups[-1][0]) < 3
        if continues_heading:
            groups[-1][0].append(line.text)
        elif heading and (after_break or not groups or _opens_next(lines, i)) and not (
                groups and groups[-1][1] and not groups[-1][2] and ORDINAL_HEAD.match(line.text)):
            groups.append(([line.text], [], ()))
        else:
            if not groups or groups[-1][2] or (opens_brief(line.text) and groups[-1][1]):
                groups.append(([], [], ()))
            byline = byline_at_end(line.text)
            following = lines[i + 1].text if i + 1 < len(lines) else ""
            if byline and (not following or _headline_line(lines[i + 1]) or starts_article(following)):
                kept = line.text[: byline[0]].rstrip()
                if kept:
                    groups[-1][1].append(Line(kept, line.start, line.indented, line.blank_before))
                groups[-1] = (groups[-1][0], groups[-1][1], byline[1])
            else:
                groups[-1][1].append(line)
        after_break = bool(groups and groups[-1][2])
    out = []
    for headlines, body_lines, reporters in groups:
        if not body_lines:
            continue
        joined, anchors = join_lines(body_lines, width=10**9, blank_breaks=True)  # every sentence end at a line end is a paragraph
        part = finish(joined, anchors, title=headlines[0] if headlines else None,
                      subtitle=" ".join(headlines[1:]) or None, reporters=reporters)
        if part is not None:
            out.append(part)
    return out


def body_article(text: str) -> ArticleParts | None:
    """One article's body as a clean text (a JSON record's): paragraphs, a dateline, a closing byline."""
    lines = [line for line in _raw_lines(text) if line.text]
    reporters: tuple[str, ...] = ()
    byline = byline_at_end(lines[-1].text) if lines else None
    if byline:
        last = lines.pop()
        kept = last.text[: byline[0]].rstrip()
        if kept:
            lines.append(Line(kept, last.start, last.indented, last.blank_before))
        reporters = byline[1]
    if not lines:
        return None
    joined, anchors = join_lines(lines, width=10**9, blank_breaks=True)
    return finish(joined, anchors, reporters=reporters)


def _records(text: str, path: str | None) -> Iterator[tuple[int, int, str, dict | BadInput]]:
    """(line number, offset, raw text, record or problem) of each JSON Lines record; a JSON array works too."""
    if text.lstrip().startswith("["):
        try:
            records = json.loads(text)
        except ValueError as exc:
            raise BadInput(f"not a JSON array: {exc.msg}", path=path, line=exc.lineno) from None
        for number, record in enumerate(records if isinstance(records, list) else [records], start=1):
            yield number, 0, text, record if isinstance(record, dict) else BadInput(
                "not a JSON object", path=path, line=number)
        return
    offset = 0
    for number, raw in enumerate(text.splitlines(keepends=True), start=1):
        line_offset, offset = offset, offset + len(raw)
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except ValueError as exc:
            yield number, line_offset, raw, BadInput(f"not a JSON object: {exc.msg}", path=path, line=number)
            continue
        yield number, line_offset, raw, record if isinstance(record, dict) else BadInput(
            "not a JSON object", path=path, line=number)


def _read_jsonl(text: str, *, doc_id: str, published: dt.date | None, source: str | None, path: str | None,
                name_date: dt.date | None) -> Iterator[Article | BadInput]:
    for number, line_offset, raw, record in _records(text, path):
        if isinstance(record, BadInput):
            yield record
            continue
        body = next((record[key] for key in ("body", "content", "text") if isinstance(record.get(key), str)
                     and record[key].strip()), None)
        if body is None:
            yield BadInput("no body (expected a non-empty 'body' or 'content' field)", path=path, line=number)
            continue
        part = body_article(html_to_text(body) if HTML_TAG.search(body) else body)
        if part is None:
            yield BadInput("no article text in the body", path=path, line=number)
            continue
        url = record.get("url") if isinstance(record.get("url"), str) and record["url"].strip() else None
        located = raw.find(part.body[:12])
        yield _article(
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
