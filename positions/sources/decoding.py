"""Bytes to text, strictly: an input is UTF-8 (or UTF-16 with a byte-order mark), or an error.

Never silent mojibake: a byte that is not UTF-8 is an error naming its byte offset and line.
The decoded text keeps everything, byte-order mark and CR/CRLF line ends included, because
every span of every record points into it.

>>> decode_text(b"\\xef\\xbb\\xbfSEOUL\\r\\n", "a.txt")
'\\ufeffSEOUL\\r\\n'
"""

from __future__ import annotations

import hashlib
import re
import os
from typing import BinaryIO, Iterator

from ..errors import SourceError

__all__ = [
    "MAX_ARTICLE_BYTES",
    "article_id",
    "decode_text",
    "read_text",
    "read_bytes",
    "iter_lines",
]

MAX_ARTICLE_BYTES = 256_000_000
"""The largest single-article file read (256 MB; the longest UN speech is about 0.1 MB).

A file of tens of megabytes is read and analysed as one article (one file is in memory at
a time, never the corpus). A bigger one is nearly always a dump of many stories or not an
article at all; it is refused before being read, with a hint to export it as JSONL, which
is read row by row.
"""

_UTF16_BOMS = {b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be"}
_SNIFF = 8192
_CONTENT_RE = re.compile("[^\ufeff \t\r\n\x0b\x0c]")


def article_id(text: str) -> str:
    """The content hash of an article: the first 16 hex digits of SHA-256 of its UTF-8 text.

    >>> article_id("SEOUL, December 23. /TASS/.")
    'ad679803851882fc'
    """
    digest = hashlib.sha256()
    step = 1 << 20  # encode a megabyte at a time: a 50 MB article is not copied whole
    for i in range(0, len(text), step):
        digest.update(text[i : i + step].encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:16]


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode_text(data: bytes, name: str, *, base_offset: int = 0, base_line: int = 1) -> str:
    """Decode ``data`` (the bytes of ``name``) or raise :class:`SourceError` saying why not.

    ``base_offset``/``base_line`` place ``data`` in a larger file (a row of an export), so
    that the error names the byte offset and line in the file.

    >>> decode_text(b"caf\\xe9", "a.txt")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    positions.errors.SourceError: a.txt: invalid UTF-8 at byte 3 (line 1): 0xe9; save the file ...
    """
    for bom, codec in _UTF16_BOMS.items():
        if data.startswith(bom) and base_offset == 0:
            try:
                return data.decode(codec)  # the BOM stays, as U+FEFF, like UTF-8's
            except UnicodeDecodeError as exc:
                msg = f"{name}: invalid {codec.upper()} at byte {exc.start}"
                raise SourceError(msg) from None
    nul = data.find(b"\x00")
    if nul >= 0:
        at = base_offset + nul
        msg = f"{name}: binary file (NUL byte at byte {at}), not text"
        raise SourceError(msg)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        at = base_offset + exc.start
        line = base_line + _line_of(data, exc.start) - 1
        bad = data[exc.start : exc.start + 1].hex()
        msg = f"{name}: invalid UTF-8 at byte {at} (line {line}): 0x{bad}; save the file as UTF-8"
        raise SourceError(msg) from None


def _too_large(name: str, size: int, max_bytes: int, hint: str) -> SourceError:
    return SourceError(
        f"{name}: {size:,} bytes is too large for one article (limit {max_bytes:,}); {hint}"
    )


def read_bytes(
    path: str | os.PathLike[str],
    *,
    max_bytes: int = MAX_ARTICLE_BYTES,
    hint: str = "split it",
) -> bytes:
    """The bytes of a one-article file that is not plain text (a saved page, a PDF),
    refusing empty and huge files before reading them (``hint`` says what to do instead)."""
    name = os.fspath(path)
    try:
        size = os.path.getsize(name)
        if size == 0:
            raise SourceError(f"{name}: empty file")
        if size > max_bytes:
            raise _too_large(name, size, max_bytes, hint)
        with open(name, "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise SourceError(f"{name}: cannot read: {exc.strerror or exc}") from None


def read_text(path: str | os.PathLike[str], *, max_bytes: int = MAX_ARTICLE_BYTES) -> str:
    """Read one whole-article file as text, refusing empty, binary, non-UTF-8 and huge files.

    The size is checked before anything is read, so a huge file costs nothing.
    """
    name = os.fspath(path)
    try:
        size = os.path.getsize(name)
        if size == 0:
            raise SourceError(f"{name}: empty file")
        if size > max_bytes:
            msg = (
                f"{name}: {size:,} bytes is too large for one article (limit {max_bytes:,});"
                " split it, or export it as JSONL (one article per line)"
            )
            raise SourceError(msg)
        with open(name, "rb") as fh:
            head = fh.read(_SNIFF)
            nul = head.find(b"\x00")
            if nul >= 0 and not any(head.startswith(bom) for bom in _UTF16_BOMS):
                raise SourceError(f"{name}: binary file (NUL byte at byte {nul}), not text")
            fh.seek(0)
            data = fh.read()
    except OSError as exc:
        raise SourceError(f"{name}: cannot read: {exc.strerror or exc}") from None
    text = decode_text(data, name)
    if not _CONTENT_RE.search(text):  # not text.strip(): that would copy a huge file
        raise SourceError(f"{name}: empty file (only white space)")
    return text


def iter_lines(fh: BinaryIO, name: str) -> Iterator[tuple[int, int, bytes]]:
    """Yield ``(line number, byte offset, raw line)`` of a binary stream, one line at a time.

    Refuses a binary file from its first bytes, so that a stray archive is not read as
    thousands of bad rows.
    """
    head = fh.peek(_SNIFF)[:_SNIFF] if hasattr(fh, "peek") else b""
    nul = head.find(b"\x00")
    if nul >= 0:
        raise SourceError(f"{name}: binary file (NUL byte at byte {nul}), not text")
    if any(head.startswith(bom) for bom in _UTF16_BOMS):
        raise SourceError(f"{name}: UTF-16 text; an export must be UTF-8")
    offset = 0
    for number, raw in enumerate(fh, start=1):
        yield number, offset, raw
        offset += len(raw)
