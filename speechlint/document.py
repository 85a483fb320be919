"""The document model every rule sees.

A :class:`Document` wraps the exact decoded text and offers read-only views
(lines, paragraphs, sentences), each item carrying a :class:`Span` of code-point
offsets into ``Document.text``.  Regions that must never be checked (URLs, and
for Markdown: code, front matter, HTML comments, markup) are replaced in
``check_text`` by :data:`MASK` characters of the same length, so offsets found in
``check_text`` are offsets in ``text``.

Lines end at ``\\n``, ``\\r\\n`` or ``\\r`` only -- never ``str.splitlines()``,
which also breaks at U+2028, form feeds and other characters pasted from word
processors.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

from .memo import remember_last
from .model import Span

#: Replaces masked characters in ``check_text``: a private-use character that no
#: rule treats as Han, punctuation or space.
MASK = "\ue000"

#: Character class (without brackets) of Han characters, including 〇.
HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN_RUN = re.compile(f"[{HAN}]+")


def is_han(text: str, i: int = 0) -> bool:
    """Is ``text[i]`` (``i >= 0``) a Han character of :data:`HAN`?

    :data:`HAN_RUN` held to the one character rather than a pattern of the class alone:
    re's compiler visits each of the class's 28,000 BMP characters, 2-4 ms at every start
    for each pattern that spells it out.
    """
    return HAN_RUN.match(text, i, i + 1) is not None

_EOL = re.compile(r"\r\n|\r|\n")
_NON_BLANK = re.compile(r"[^\s\u3000" + MASK + r"]")


# Compiled on first use, not at every start: a text without a URL never needs the first,
# a run whose rules never split sentences the second (together ~1 ms to compile).
@cache
def _url() -> re.Pattern[str]:
    return re.compile(
        r"(?:https?|ftp)://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+"
        r"|www\.[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+"
        r"|[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}"
    )


@cache
def _sentence_end() -> re.Pattern[str]:
    return re.compile(r"[。！？；!?;]+[”’」』）)]*|…{1,2}[”’」』）)]*")


class LineIndex:
    """Offsets <-> 0-based (line, code-point column), lines ending at \\n, \\r\\n, \\r."""

    __slots__ = ("_ends", "starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: tuple[int, ...] = _line_starts(text)
        self._ends: tuple[int, ...] | None = None

    @property
    def ends(self) -> tuple[int, ...]:
        """Offset of the end of each line's content (before its line ending)."""
        if self._ends is None:
            if "\r" in self.text:
                ends = [m.start() for m in _EOL.finditer(self.text)]
            else:
                ends = [s - 1 for s in self.starts[1:]]
            ends.append(len(self.text))
            self._ends = tuple(ends)
        return self._ends

    def line_of(self, offset: int) -> int:
        return bisect_right(self.starts, offset) - 1

    def line_col(self, offset: int) -> tuple[int, int]:
        line = self.line_of(offset)
        return line, offset - self.starts[line]

    def line_end(self, line: int) -> int:
        """Offset of the end of ``line``'s content (before its line ending)."""
        if line + 1 < len(self.starts):
            end = self.starts[line + 1]
            if self.text[end - 1] == "\n":
                end -= 1
                if end > self.starts[line] and self.text[end - 1] == "\r":
                    end -= 1
            else:  # "\r"
                end -= 1
            return end
        return len(self.text)

    def line_text(self, line: int) -> str:
        return self.text[self.starts[line] : self.line_end(line)]

    def offset(self, line: int, col: int) -> int:
        """Inverse of :meth:`line_col`; the column is clamped to the line's content."""
        return min(self.starts[line] + col, self.line_end(line))


@remember_last(lambda text: (text,))
def _line_starts(text: str) -> tuple[int, ...]:
    """Offset of each line's first character.

    The last text's are remembered (the text compared by identity, :mod:`speechlint.memo`):
    a checked file's text is indexed by the engine's document and again by its report
    (:class:`speechlint.report.FileResult`), 5-6 ms each for 10 MB."""
    if "\r" in text:
        return (0, *(m.end() for m in _EOL.finditer(text)))
    out = [0]  # only \n: str.find is several times faster than the regex
    find = text.find
    p = find("\n")
    while p >= 0:
        p += 1
        out.append(p)
        p = find("\n", p)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a document: its index, span and text."""

    index: int  # 0-based line number
    span: Span  # content, without the line ending
    text: str  # content of check_text (masked)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A non-blank line: Chinese drafts keep one paragraph per line."""

    index: int  # 0-based paragraph number
    line: int  # 0-based line number
    span: Span
    text: str  # content of check_text (masked)


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a document: its span and text."""

    span: Span
    text: str


class Document:
    """Immutable view of one draft. Build it with :meth:`from_text`."""

    __slots__ = ("__dict__", "check_text", "edited", "filetype", "masked", "text")

    def __init__(
        self, text: str, check_text: str, filetype: str, masked: tuple[Span, ...], *, edited: bool = False
    ) -> None:
        if len(text) != len(check_text):  # pragma: no cover - internal invariant
            raise ValueError("check_text must keep every offset of text")
        self.text = text
        self.check_text = check_text
        self.filetype = filetype
        self.masked = masked
        #: One state of a draft being edited (the language server): a document-scope rule
        #: may remember parts of it in bounded memos, for the next keystroke's state.
        self.edited = edited

    @classmethod
    def from_text(cls, text: str, filetype: str = "txt", *, edited: bool = False) -> Document:
        # the URL/e-mail scan is the costliest step on long drafts: skip it when no URL can be
        spans: list[Span] = (
            [Span(m.start(), m.end()) for m in _url().finditer(text)]
            if "://" in text or "www." in text or "@" in text
            else []
        )
        if "speechlint-" in text:
            from .markdown import comment_masks

            spans.extend(comment_masks(text))
        if filetype == "md":
            from .markdown import markdown_masks

            spans.extend(markdown_masks(text))
        check = mask_text(text, spans) if spans else text
        return cls(text, check, filetype, tuple(sorted(spans)), edited=edited)

    # ----------------------------------------------------------------- lines
    @cached_property
    def index(self) -> LineIndex:
        return LineIndex(self.text)

    @property
    def line_starts(self) -> tuple[int, ...]:
        return self.index.starts

    @cached_property
    def lines(self) -> tuple[Line, ...]:
        text = self.check_text
        return tuple(
            Line(i, Span(start, end), text[start:end])
            for i, (start, end) in enumerate(zip(self.index.starts, self.index.ends))
        )

    def line(self, i: int) -> Line:
        """Line ``i`` (0-based) on its own: ``lines[i]`` without making every line (for a
        rule that looks at a few lines of a long draft)."""
        start, end = self.index.starts[i], self.index.ends[i]
        return Line(i, Span(start, end), self.check_text[start:end])

    @property
    def line_count(self) -> int:
        return len(self.index.starts)

    def line_of(self, offset: int) -> int:
        """0-based line containing ``offset`` (an offset at a line end belongs to that line)."""
        return self.index.line_of(offset)

    def line_col(self, offset: int) -> tuple[int, int]:
        """0-based (line, code-point column) of ``offset``."""
        return self.index.line_col(offset)

    def offset(self, line: int, col: int) -> int:
        """Inverse of :meth:`line_col`; the column is clamped to the line's content."""
        return self.index.offset(line, col)

    # ------------------------------------------------------------ paragraphs
    @cached_property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        out: list[Paragraph] = []
        for ln in self.lines:
            if _NON_BLANK.search(ln.text):
                out.append(Paragraph(len(out), ln.index, ln.span, ln.text))
        return tuple(out)

    # ------------------------------------------------------------- sentences
    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        """Sentences within paragraphs, split after 。！？；… with closing quotes attached."""
        out: list[Sentence] = []
        ends = _sentence_end().finditer
        for p in self.paragraphs:
            start = 0
            for m in ends(p.text):
                out.append(Sentence(Span(p.span.start + start, p.span.start + m.end()), p.text[start : m.end()]))
                start = m.end()
            if start < len(p.text) and _NON_BLANK.search(p.text, start):
                out.append(Sentence(Span(p.span.start + start, p.span.end), p.text[start:]))
        return tuple(out)

    def slice(self, span: Span) -> str:
        return self.text[span.start : span.end]


@lru_cache(maxsize=8)
def changed_range(a: str, b: str) -> tuple[int, int] | None:
    """Where ``b`` differs from ``a``: ``a[start:end]`` was replaced by ``b[start:end + len(b) - len(a)]``
    (None: equal); the common prefix and suffix are found by binary search, so a keystroke in
    a long text costs a few comparisons (the language server's incremental checks).  The
    engine and the rules that keep the last text's work ask it of the same two texts: it is
    remembered (a string keeps its hash, and the same objects compare at once)."""
    if a is b or a == b:
        return None
    n = min(len(a), len(b))
    lo, hi = 0, n  # the common prefix: binary search, each probe one C comparison
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a.startswith(b[lo:mid], lo):
            lo = mid
        else:
            hi = mid - 1
    prefix = lo
    lo, hi = 0, n - prefix  # the common suffix, not overlapping the prefix
    la, lb = len(a), len(b)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a.endswith(b[lb - mid : lb - lo], 0, la - lo):
            lo = mid
        else:
            hi = mid - 1
    return prefix, la - lo


def mask_text(text: str, spans: list[Span]) -> str:
    """Replace each span's characters by :data:`MASK`, keeping line endings."""
    parts: list[str] = []
    pos = 0
    for start, end in _merged(spans):  # slices, never a list of every character
        parts.append(text[pos:start])
        parts.append(_NOT_EOL.sub(MASK, text[start:end]))
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


_NOT_EOL = re.compile(r"[^\r\n]")


def _merged(spans: list[Span]) -> list[tuple[int, int]]:
    """The spans' union as sorted, disjoint (start, end) pairs."""
    out: list[tuple[int, int]] = []
    for sp in sorted(spans, key=lambda s: (s.start, s.end)):
        if sp.end <= sp.start:
            continue
        if out and sp.start <= out[-1][1]:
            if sp.end > out[-1][1]:
                out[-1] = (out[-1][0], sp.end)
        else:
            out.append((sp.start, sp.end))
    return out
