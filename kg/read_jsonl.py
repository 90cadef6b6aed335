"""JSON Lines (and JSON arrays) of crawled articles for `kg.read`, one record at a time, and `to_article`,
which turns the parts `kg.layout` cut into an `Article` for every input kind."""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import re
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO

from kg.errors import BadInput
from kg.layout.clean import body_article
from kg.layout.parts import ArticleParts
from kg.model import Article
from kg.read_decode import too_large
from kg.sentences import split_sentences

FIELD_DATE = re.compile(r"((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
HTML_TAG = re.compile(r"<(?:/?[a-zA-Z][a-zA-Z0-9]*)(?:\s[^<>]*)?/?>")


HTML_BREAK = re.compile(r"<(?:br|/p|/div|/h[1-6]|/li|/tr)\b[^<>]*>", re.IGNORECASE)


Line_ = tuple[int, str, str | None]  # a JSON Lines line: its offset in the text, its text, what is wrong with it


JSONL_KNOWN = {"title", "subtitle", "body", "content", "text", "published", "source", "url"}


def file_lines(handle: BinaryIO) -> Iterator[Line_]:
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


def to_article(part: ArticleParts, *, doc_id: str, index: int, issued: dt.date | None, source: str | None,
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
            yield number, line_offset, raw, BadInput(too_large(len(raw.encode("utf-8", "replace")), max_bytes,
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


def text_lines(text: str) -> Iterator[Line_]:
    """(offset, line) of each line ending in "\n", one at a time: JSON Lines records end there and only there
    (a crawled body may hold U+2028 or U+0085 raw, which `str.splitlines` would cut it at)."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end + 1
        yield start, text[start:end], None
        start = end


def read_jsonl(lines: Iterable[Line_], whole: Callable[[], str], *, doc_id: str,
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
    return to_article(
        ArticleParts(part.body, part.body_offset, _field(record, "title"), _field(record, "subtitle"),
                     part.dateline, part.reporters),
        doc_id=hashlib.sha1(url.encode("utf-8")).hexdigest()[:16] if url else f"{doc_id}:{number}",
        index=1,
        # a crawl mixes issues and sites: the record's own date and site describe it, the flags only fill gaps
        issued=parse_date(record.get("published")) or published or name_date,
        source=_field(record, "source") or source,
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


def parse_date(value: object) -> dt.date | None:
    """A date from a metadata field: 2024-04-10, 2024/4/10, 2024年4月10日, with or without a time."""
    match = FIELD_DATE.search(str(value)) if isinstance(value, str | dt.date) else None
    if not match:
        return None
    try:
        return dt.date(*map(int, match.groups()))
    except ValueError:
        return None
