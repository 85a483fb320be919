"""The edge between the engine and the protocol: positions, ranges, diagnostics.

The engine speaks code-point offsets into the exact text (:class:`speechlint.model.Span`);
LSP speaks ``(line, character)`` where ``character`` counts units of the negotiated
position encoding (UTF-16 unless the client offered ``utf-32`` or ``utf-8``).  Lines end at
``\\n``, ``\\r\\n`` and ``\\r`` only (:class:`speechlint.document.LineIndex`), never at U+2028
or form feed as ``str.splitlines`` (and pygls's ``TextDocument.lines``) would have it.

Findings become lsprotocol types here, once; pygls writes them to the wire.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from pathlib import Path
from typing import Any

from lsprotocol import types

from speechlint.document import LineIndex
from speechlint.model import Diagnostic, Span

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
ENCODINGS = (UTF8, UTF16, UTF32)

_EOL = re.compile(r"\r\n|\r|\n")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_NON_ASCII = re.compile("[^\x00-\x7f]")

SEVERITY = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
            "info": types.DiagnosticSeverity.Information}


def units(s: str, encoding: str) -> int:
    """Length of ``s`` in code units of ``encoding``."""
    if encoding == UTF32:
        return len(s)
    if encoding == UTF16:
        return len(s) + len(_ASTRAL.findall(s))
    return len(s.encode("utf-8", "surrogatepass"))


class Positions:
    """Offsets <-> LSP positions for one version of one text, in one encoding.

    Conversions on lines holding only one-unit characters are O(1); on other lines a
    per-line cursor makes a sweep of sorted offsets linear in the line's length, so that
    thousands of findings on one enormous line stay cheap.
    """

    __slots__ = ("_astral", "_cursor", "_wide", "encoding", "index", "text")

    def __init__(self, text: str, encoding: str = UTF16, index: LineIndex | None = None) -> None:
        self.text = text
        self.index = index or LineIndex(text)
        self.encoding = encoding
        self._wide: dict[int, bool] = {}  # line -> has characters wider than one unit
        self._cursor: dict[int, tuple[int, int]] = {}  # line -> (offset, units from line start)
        self._astral: dict[int, list[int]] = {}  # line -> line-relative offsets of astral chars

    def _is_wide(self, line: int) -> bool:
        wide = self._wide.get(line)
        if wide is None:
            rx = _ASTRAL if self.encoding == UTF16 else _NON_ASCII
            start = self.index.starts[line]
            wide = self._wide[line] = bool(rx.search(self.text, start, self.index.line_end(line)))
        return wide

    # ------------------------------------------------------- engine -> LSP
    def position(self, offset: int) -> tuple[int, int]:
        """(line, character in client units) of a code-point offset."""
        offset = max(0, min(offset, len(self.text)))
        line, col = self.index.line_col(offset)
        if col and self.encoding != UTF32 and self._is_wide(line):
            cur = self._cursor.get(line)
            if cur is not None and cur[0] <= offset:
                base, u = cur
            else:
                base, u = self.index.starts[line], 0
            u += units(self.text[base:offset], self.encoding)
            self._cursor[line] = (offset, u)
            col = u
        return line, col

    def range(self, span: Span) -> dict[str, Any]:
        sl, sc = self.position(span.start)
        el, ec = self.position(span.end) if span.end != span.start else (sl, sc)
        return {"start": {"line": sl, "character": sc}, "end": {"line": el, "character": ec}}

    # ------------------------------------------------------- LSP -> engine
    def offset(self, line: int, character: int) -> int:
        """Code-point offset of an LSP position (clamped to the text, as the spec asks).

        A line past the end is the end of the text; a character past the line's end is the
        line's end; a position inside a character (half of a surrogate pair, inside a UTF-8
        sequence) moves to that character's start.
        """
        if line < 0:
            return 0
        if line >= len(self.index.starts):
            return len(self.text)
        start = self.index.starts[line]
        end = self.index.line_end(line)
        character = max(0, character)
        if self.encoding == UTF32 or not self._is_wide(line):
            return min(start + character, end)
        if self.encoding == UTF16:
            astral = self._astral.get(line)
            if astral is None:
                astral = self._astral[line] = [
                    m.start() - start for m in _ASTRAL.finditer(self.text, start, end)
                ]
            col = character
            for p in astral:  # each astral character before the column takes two units
                if p < col:
                    col -= 1
                else:
                    break
            return min(start + col, end)
        raw = self.text[start:end].encode("utf-8", "surrogatepass")
        return start + len(raw[:character].decode("utf-8", "ignore"))

    def span(self, rng: Any) -> Span:
        """Span of an LSP range (lsprotocol ``Range`` or its dict form)."""
        if isinstance(rng, dict):
            s, e = rng["start"], rng["end"]
            a = self.offset(int(s["line"]), int(s["character"]))
            b = self.offset(int(e["line"]), int(e["character"]))
        else:
            a = self.offset(rng.start.line, rng.start.character)
            b = self.offset(rng.end.line, rng.end.character)
        return Span(min(a, b), max(a, b))


def updated_index(index: LineIndex, new_text: str, span: Span, inserted: int) -> LineIndex:
    """The :class:`LineIndex` of ``new_text``: ``index``'s text with ``span`` replaced by
    ``inserted`` characters.  Only the lines around the change are re-scanned."""
    starts = index.starts
    delta = inserted - (span.end - span.start)
    li = max(0, bisect_right(starts, span.start) - 2)  # one line back: a \r before the edit
    ws = starts[li]  # may join a \n inserted after it
    lj = min(bisect_right(starts, span.end) + 1, len(starts))
    we_new = (starts[lj] + delta) if lj < len(starts) else len(new_text)
    mid = [m.end() for m in _EOL.finditer(new_text, ws, we_new)]
    if lj < len(starts) and mid and mid[-1] == we_new:
        mid.pop()
    out = LineIndex.__new__(LineIndex)
    out.text = new_text
    tail = starts[lj:] if not delta else tuple(map(delta.__add__, starts[lj:]))
    out.starts = starts[: li + 1] + tuple(mid) + tail
    return out


# ----------------------------------------------------------- diagnostics
def lsp_range(pos: Positions, span: Span) -> types.Range:
    (sl, sc), (el, ec) = pos.position(span.start), pos.position(span.end)
    return types.Range(start=types.Position(line=sl, character=sc), end=types.Position(line=el, character=ec))


def diagnostic(d: Diagnostic, pos: Positions, href: str | None = None) -> types.Diagnostic:
    """One engine finding as an LSP Diagnostic (its fix's edits in ``data``)."""
    data: Any = None
    if d.fix is not None:
        data = {
            "fix": {
                "applicability": d.fix.applicability,
                "edits": [{"range": pos.range(e.span), "newText": e.text} for e in d.fix.edits],
            }
        }
    return types.Diagnostic(
        range=lsp_range(pos, d.span),
        severity=SEVERITY.get(d.severity, types.DiagnosticSeverity.Warning),
        code=d.code,
        source="speechlint",
        message=d.message,
        code_description=types.CodeDescription(href=href) if href else None,
        data=data,
    )


def overlaps(a: Span, b: Span) -> bool:
    """True when ``a`` and ``b`` share a character, or one is empty and touches the other."""
    if a.start == a.end or b.start == b.end:
        return a.start <= b.end and b.start <= a.end
    return a.start < b.end and b.start < a.end


def minimal_edit(old: str, new: str) -> tuple[Span, str] | None:
    """The smallest single replacement turning ``old`` into ``new`` (None: equal)."""
    if old == new:
        return None
    n = min(len(old), len(new))
    p = 0
    while p < n and old[p] == new[p]:
        p += 1
    s = 0
    while s < n - p and old[len(old) - 1 - s] == new[len(new) - 1 - s]:
        s += 1
    return Span(p, len(old) - s), new[p : len(new) - s]


def eol_of(text: str) -> str:
    """The document's line ending: the first one found, ``\\n`` when none."""
    m = re.search(r"\r\n|\r|\n", text)
    return m.group(0) if m else "\n"


def path_of(uri: str) -> str | None:
    """Local file path of a ``file:`` URI (None for other schemes)."""
    if not uri.startswith("file:"):
        return None
    from urllib.parse import unquote, urlparse

    p = urlparse(uri)
    path = unquote(p.path)
    if re.match(r"^/[A-Za-z]:", path):  # file:///C:/...
        path = path[1:]
    return str(Path(path)) if path else None


def filetype_of_uri(uri: str, language_id: str | None = None) -> str:
    if language_id in ("markdown", "md"):
        return "md"
    tail = uri.rsplit("?", 1)[0].rsplit("#", 1)[0].lower()
    return "md" if tail.endswith((".md", ".markdown")) else "txt"
