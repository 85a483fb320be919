"""Text from outside (file names, draft lines, messages quoting a draft) made safe to print.

A file name or a draft may hold terminal escape sequences (``ESC [31m``, ``ESC ]0;…BEL``)
that would recolour or retitle the reader's terminal, line breaks that would start a
forged finding on a line of its own, bidirectional controls that reorder what is shown
("Trojan source"), and, in names from another system's archive, bytes that are not
UTF-8 (lone surrogates after ``os.fsdecode``) that a strict UTF-8 stdout cannot print.
:func:`visible` writes each of them as a visible escape, so that one line of a report is
always one finding and what is shown is what is there; :func:`printable` leaves them out
(for HTML, where an escape would be noise).
"""

from __future__ import annotations

import re

#: C0 and C1 controls, DEL, line and paragraph separators, bidirectional embeddings,
#: overrides and isolates, the byte-order mark inside text, and lone surrogates.
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\e"}


def _escape(m: re.Match[str]) -> str:
    c = m.group()
    if c in _NAMED:
        return _NAMED[c]
    n = ord(c)
    if 0xDC80 <= n <= 0xDCFF:  # a byte that was not UTF-8, as os.fsdecode keeps it
        return f"\\x{n - 0xDC00:02x}"
    if n < 0x100:
        return f"\\x{n:02x}"
    return f"\\u{n:04x}"


def visible(s: str) -> str:
    """``s`` with every unsafe character written as an escape (``\\e``, ``\\n``, ``\\x07``,
    ``\\u202e``; a non-UTF-8 byte of a file name as ``\\xb6``)."""
    return UNSAFE.sub(_escape, s) if UNSAFE.search(s) else s


def printable(s: str) -> str:
    """``s`` without the unsafe characters (tab and line breaks become a space); a
    non-UTF-8 byte of a file name is written ``\\xb6``, as the name cannot be shown."""
    if not UNSAFE.search(s):
        return s

    def repl(m: re.Match[str]) -> str:
        c = m.group()
        if c in "\t\n\r\x0b\x0c\u2028\u2029":
            return " "
        if 0xDC80 <= ord(c) <= 0xDCFF:
            return _escape(m)
        return ""

    return UNSAFE.sub(repl, s)
