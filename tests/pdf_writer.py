"""A tiny PDF writer for the tests: pages of lines of text in Helvetica, nothing else.

Written here so that the tests need no PDF-making library and every byte of the test PDFs
is under our control. ``pdf_bytes([["line", ...], ...])`` gives a PDF with one page per
list; a page given as ``None`` has no text layer (a grey box, as a scan would).
"""

from __future__ import annotations

from typing import Optional, Sequence


def _escape(line: str) -> bytes:
    raw = line.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _content(lines: Optional[Sequence[str]]) -> bytes:
    if lines is None:  # no text: a filled rectangle
        return b"0.5 g 72 72 451 698 re f\n"
    out = [b"BT /F1 10 Tf 12 TL 72 770 Td"]
    for line in lines:
        out.append(b"(" + _escape(line) + b") Tj T*")
    out.append(b"ET")
    return b"\n".join(out) + b"\n"


def pdf_bytes(
    pages: Sequence[Optional[Sequence[str]]],
    *,
    title: Optional[str] = None,
    author: Optional[str] = None,
    padding: int = 0,
) -> bytes:
    """A PDF of ``pages`` (each a list of lines, or None for a page without text);
    ``padding`` adds a stream of that many zero bytes (a big file)."""
    objects: list[bytes] = []
    n_pages = len(pages)
    font_id = 3
    first_page_id = 4
    page_ids = [first_page_id + 2 * i for i in range(n_pages)]
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = b" ".join(b"%d 0 R" % p for p in page_ids)
    objects.append(b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n_pages)
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for i, lines in enumerate(pages):
        content = _content(lines)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
            % (font_id, page_ids[i] + 1)
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream")
    info_id = None
    if title or author:
        fields = b""
        if title:
            fields += b" /Title (" + _escape(title) + b")"
        if author:
            fields += b" /Author (" + _escape(author) + b")"
        objects.append(b"<<" + fields + b" >>")
        info_id = len(objects)
    if padding:
        objects.append(b"<< /Length %d >>\nstream\n" % padding + b"\0" * padding + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    trailer = b"<< /Size %d /Root 1 0 R" % (len(objects) + 1)
    if info_id:
        trailer += b" /Info %d 0 R" % info_id
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def encrypted(data: bytes, password: str) -> bytes:
    """``data`` encrypted with a user password (RC4-128, which pypdf writes and reads without extra packages)."""
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()
