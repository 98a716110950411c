"""Bytes to text, strictly: an input is UTF-8 (or UTF-16 with a byte-order mark), or an error.

Never silent mojibake: a byte that is not UTF-8 is an error naming its byte offset and line.
Another encoding is read when asked for (``encoding="latin-1"``, any Python codec name), or
detected with charset-normalizer (``encoding="auto"``: UTF-8 when the bytes are UTF-8).
The decoded text keeps everything, byte-order mark and CR/CRLF line ends included, because
every span of every record points into it.

>>> decode_text(b"\\xef\\xbb\\xbfSEOUL\\r\\n", "a.txt")
'\\ufeffSEOUL\\r\\n'
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
from typing import BinaryIO, Iterator

from ..errors import EmptyFileError, SourceError

__all__ = [
    "MAX_ARTICLE_BYTES",
    "AUTO",
    "check_encoding",
    "detect_encoding",
    "article_id",
    "decode_text",
    "decode_text_as",
    "read_text",
    "read_text_as",
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


AUTO = "auto"
"""The ``encoding`` that asks charset-normalizer which encoding a file is in."""


def check_encoding(encoding: str) -> str:
    """``encoding`` as Python's codec name (``"auto"`` as is), or :class:`SourceError`.

    >>> check_encoding("Latin-1"), check_encoding("auto"), check_encoding("UTF8")
    ('iso8859-1', 'auto', 'utf-8')
    """
    if encoding.strip().lower() == AUTO:
        return AUTO
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        msg = (
            f"unknown encoding {encoding!r}: use a codec name such as utf-8, latin-1, cp1252,"
            " or auto"
        )
        raise SourceError(msg) from None


def detect_encoding(data: bytes, name: str) -> str:
    """The codec of ``data``: UTF-8 when it decodes as UTF-8, else charset-normalizer's best
    guess; :class:`SourceError` when it has none (binary data).

    >>> detect_encoding("café".encode("utf-8"), "a.txt")
    'utf-8'
    """
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise SourceError(f"{name}: cannot tell its encoding; give one with --encoding")
    return codecs.lookup(best.encoding).name


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


def decode_text(
    data: bytes, name: str, *, base_offset: int = 0, base_line: int = 1, encoding: str = "utf-8"
) -> str:
    """Decode ``data`` (the bytes of ``name``) or raise :class:`SourceError` saying why not.

    ``base_offset``/``base_line`` place ``data`` in a larger file (a row of an export), so
    that the error names the byte offset and line in the file. ``encoding`` is UTF-8 by
    default (UTF-16 with a byte-order mark is read too), any Python codec name, or ``"auto"``
    (:func:`detect_encoding`).

    >>> decode_text(b"caf\\xe9", "a.txt")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    positions.errors.SourceError: a.txt: invalid UTF-8 at byte 3 (line 1): 0xe9; save the file ...
    >>> decode_text(b"caf\\xe9", "a.txt", encoding="latin-1")
    'café'
    """
    where = {"base_offset": base_offset, "base_line": base_line}
    return decode_text_as(data, name, encoding=encoding, **where)[0]


def decode_text_as(
    data: bytes, name: str, *, base_offset: int = 0, base_line: int = 1, encoding: str = "utf-8"
) -> tuple[str, str]:
    """:func:`decode_text` and the codec it used (the detected one, for ``"auto"``).

    >>> decode_text_as("Заявление министерства".encode("cp1251"), "a.txt", encoding="auto")
    ('Заявление министерства', 'cp1251')
    """
    for bom, codec in _UTF16_BOMS.items():
        if data.startswith(bom) and base_offset == 0:
            try:
                return data.decode(codec), codec  # the BOM stays, as U+FEFF, like UTF-8's
            except UnicodeDecodeError as exc:
                msg = f"{name}: invalid {codec.upper()} at byte {exc.start}"
                raise SourceError(msg) from None
    encoding = check_encoding(encoding)
    nul = data.find(b"\x00")
    if nul >= 0 and not encoding.startswith(("utf-16", "utf-32")):
        at = base_offset + nul
        msg = f"{name}: binary file (NUL byte at byte {at}), not text"
        raise SourceError(msg)
    if encoding == AUTO:
        encoding = detect_encoding(data, name)
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError as exc:
        at = base_offset + exc.start
        line = base_line + _line_of(data, exc.start) - 1
        bad = data[exc.start : exc.start + 1].hex()
        fix = "save the file as UTF-8, or give its encoding with --encoding (auto: detect it)"
        what = "UTF-8" if encoding == "utf-8" else encoding
        msg = f"{name}: invalid {what} at byte {at} (line {line}): 0x{bad}; {fix}"
        raise SourceError(msg) from None


def _check_size(name: str, max_bytes: int, hint: str) -> None:
    """Refuse an empty file and one over ``max_bytes`` (``hint`` says what to do instead)
    before reading it: a huge file costs nothing."""
    size = os.path.getsize(name)
    if size == 0:
        raise EmptyFileError(f"{name}: empty file")
    if size > max_bytes:
        raise SourceError(
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
        _check_size(name, max_bytes, hint)
        with open(name, "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise SourceError(f"{name}: cannot read: {exc.strerror or exc}") from None


def read_text(
    path: str | os.PathLike[str], *, max_bytes: int = MAX_ARTICLE_BYTES, encoding: str = "utf-8"
) -> str:
    """Read one whole-article file as text, refusing empty, binary, undecodable (in
    ``encoding``, see :func:`decode_text`) and huge files.

    The size is checked before anything is read, so a huge file costs nothing.
    """
    return read_text_as(path, max_bytes=max_bytes, encoding=encoding)[0]


def read_text_as(
    path: str | os.PathLike[str], *, max_bytes: int = MAX_ARTICLE_BYTES, encoding: str = "utf-8"
) -> tuple[str, str]:
    """:func:`read_text` and the codec it used (see :func:`decode_text_as`)."""
    name = os.fspath(path)
    try:
        _check_size(name, max_bytes, "split it, or export it as JSONL (one article per line)")
        with open(name, "rb") as fh:
            head = fh.read(_SNIFF)
            nul = head.find(b"\x00")
            codec = encoding.lower().replace("_", "-")
            wide = codec.startswith(("utf-16", "utf16", "utf-32", "utf32"))
            if nul >= 0 and not wide and not any(head.startswith(bom) for bom in _UTF16_BOMS):
                raise SourceError(f"{name}: binary file (NUL byte at byte {nul}), not text")
            fh.seek(0)
            data = fh.read()
    except OSError as exc:
        raise SourceError(f"{name}: cannot read: {exc.strerror or exc}") from None
    text, codec = decode_text_as(data, name, encoding=encoding)
    if not _CONTENT_RE.search(text):  # not text.strip(): that would copy a huge file
        raise EmptyFileError(f"{name}: empty file (only white space)")
    return text, codec


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
