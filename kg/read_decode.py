"""Bytes to text for `kg.read`: refusing what is not text, detecting the encoding, opening only regular files.

Encodings are detected from the bytes: UTF-8 with or without BOM, UTF-16/32 with a BOM, else the likeliest of
GB18030/GBK and BOM-less UTF-16 by the share of characters Chinese news text is made of.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from kg.chars import is_cjk
from kg.errors import BadInput

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


CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1f]")  # below space, not whitespace: a binary file's sign


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


def read_all(handle: BinaryIO, where: str) -> bytes:
    try:
        return handle.read()
    except OSError as exc:
        raise BadInput(f"cannot read: {exc.strerror or exc}", path=where) from None


def utf8_head(head: bytes) -> bool:
    """Whether the start of a file reads as UTF-8, but for a stray byte or two (each line is checked again)."""
    return b"\x00" not in head and head.decode("utf-8", "replace").count("\ufffd") <= 1 + len(head) // 1000


_NOT_REGULAR = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
                (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"))


def read_regular_file(path: Path) -> bytes:
    """The bytes of a regular file; BadInput for anything else (nothing is opened that could block)."""
    with open_regular(path) as (handle, _):
        return read_all(handle, str(path))


@contextlib.contextmanager
def open_regular(path: Path) -> Iterator[tuple[BinaryIO, int]]:
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


def json_opening(head: bytes) -> bytes:
    """The first character of a file's start if it could open JSON (`{` or `[`), else b""."""
    for bom, encoding in BOMS:
        if head.startswith(bom):
            head = head[len(bom):].decode(encoding, "ignore").encode("utf-8", "ignore")
            break
    first = head.lstrip()[:1]
    return first if first in (b"{", b"[") else b""


def too_large(size: int, limit: int, what: str) -> str:
    return (f"{size / 1e6:,.1f} MB in one {what}, more than a newspaper page or issue holds (limit "
            f"{limit / 1e6:,.1f} MB, KG_MAX_DOCUMENT_BYTES); skipped")
