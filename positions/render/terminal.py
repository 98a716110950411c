"""Text made safe to print: control characters shown as escapes, never sent.

Article text and file names can hold anything, and a terminal acts on what it is sent: ESC
starts a sequence that can recolour the screen, move the cursor, set the window title or make an
OSC 8 hyperlink; C1 controls (U+0080–U+009F) do the same on some terminals; a newline or a
carriage return in a file name breaks a table or overwrites a line; bidirectional overrides
reorder what is shown. :func:`printable` writes each such character as a Python-style escape
(``\\x1b``, ``\\n``, ``\\u202e``), so the output shows what is there and does nothing else.
Backslashes are left as they are: the aim is safety, not a reversible encoding.
"""

from __future__ import annotations

import re

__all__ = ["printable", "printable_text"]

# C0 controls, DEL, C1 controls, the line and paragraph separators, and the bidirectional
# embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) with the marks U+200E/F.
_CONTROL_RE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# printable_text keeps line structure: tabs and line breaks stay as they are.
_TEXT_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(m: re.Match[str]) -> str:
    ch = m.group()
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    r"""One line with every control character escaped: for file names, table cells and
    error lines.

    >>> printable("a\x1b]8;;http://x\x1b\\b\nc\u202e")
    'a\\x1b]8;;http://x\\x1b\\b\\nc\\u202e'
    >>> printable("plain/path.txt")
    'plain/path.txt'
    """
    return _CONTROL_RE.sub(_escape, text)


def printable_text(text: str) -> str:
    r"""Like :func:`printable`, but tabs and line breaks (``\n``, ``\r\n``) are kept: for
    article text printed as paragraphs. A lone ``\r`` (which moves the cursor back over the
    line) is escaped.

    >>> printable_text("We said:\n\x1b[2Jready\r.")
    'We said:\n\\x1b[2Jready\\r.'
    """
    text = _TEXT_CONTROL_RE.sub(_escape, text)
    if "\r" in text:
        text = re.sub(r"\r(?!\n)", r"\\r", text)
    return text
