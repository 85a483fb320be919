"""Markdown support: what is never checked, and suppression comments.

Masked (never checked): YAML/TOML front matter, fenced and indented code blocks,
inline code, HTML comments and tags, link and image targets, autolinks, and the
markup itself (heading ``#``, list bullets, block quotes, emphasis markers,
table pipes).  Checked: the text of headings, paragraphs and list items.

Suppression comments (in Markdown, and in plain-text drafts as well)::

    <!-- speechlint-disable NUM001 PUN -->  ... <!-- speechlint-enable -->
    <!-- speechlint-disable-next-line DUP001 -->
    <!-- speechlint-disable-line -->          (on the line it stands on)

With no codes, every rule is suppressed.
"""

from __future__ import annotations

import re
from bisect import bisect_right, insort
from collections.abc import Iterator
from dataclasses import dataclass

from .model import Diagnostic, Span

TYPE_CHECKING = False
if TYPE_CHECKING:  # document.py imports this module: the type only
    from .document import Document

# "$" in re.M matches only before "\n": every end-of-line test allows a "\r" first (CRLF files).
_FRONT = re.compile(
    r"\A(?:---|\+\+\+)[ \t]*\r?\n.*?^(?:---|\+\+\+|\.\.\.)[ \t\r]*$", re.DOTALL | re.MULTILINE
)
# a closing fence is the same character, at least as long as the opening one
_FENCE = re.compile(
    r"^[ \t]{0,3}(`{3,}+|~{3,}+)[^\n]*\n.*?(?:^[ \t]{0,3}\1(?:`*|~*)[ \t\r]*$|\Z)", re.DOTALL | re.MULTILINE
)
_INDENTED = re.compile(r"(?:^(?: {4}|\t)[^\n]*(?:\n|$))+", re.MULTILINE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# a code span may continue on the next line of its paragraph, never past a blank line
_INLINE_CODE = re.compile(r"(`+)(?!`)(?:(?!\r?\n[ \t]*\r?\n).)+?(?<!`)\1(?!`)", re.DOTALL)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
# [text](target "title"), [text][ref], ![alt](src): the brackets, "!" and target are
# markup; the link text (or alt text) is checked
_LINK = re.compile(
    r"(!?\[)(?=[^\[\]\n]*\](?:\(|\[))"
)
_LINK_TARGET = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)|\]\[[^\]]*\]")
_LINK_REF = re.compile(r"\]\[[^\]]*\]")
_LINK_DEF = re.compile(r"^[ \t]{0,3}\[[^\]]+\]:[^\n]*$", re.MULTILINE)
_AUTOLINK = re.compile(r"<(?:https?|ftp|mailto):[^>\s]*>")
# "## 标题 ##": the opening hashes, and the closing ones on heading lines only
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}(?=[ \t]|\r?$)[ \t]*|(?<=\S)[ \t]+#+(?=[ \t\r]*$)", re.MULTILINE)
_LIST = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?", re.MULTILINE)
_QUOTE = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+", re.MULTILINE)
_EMPH = re.compile(r"\*{1,3}|(?<![A-Za-z0-9])_{1,3}(?![A-Za-z0-9])|~~")
# possessive: no backtracking between the runs of blanks (a long line of spaces was quadratic)
_TABLE = re.compile(
    r"^[ \t]*+\|?+(?:[ \t]*+:?+-{3,}+:?+[ \t]*+\|)++[ \t]*+:?+-*+:?+[ \t\r]*+$|\|", re.MULTILINE
)
_SETEXT = re.compile(r"^[ \t]{0,3}(?:=+|-{2,})[ \t\r]*$", re.MULTILINE)
_HR = re.compile(r"^[ \t]{0,3}(?:(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})\r?$", re.MULTILINE)
_HEADING_LINE = re.compile(r"^[ \t]{0,3}#{1,6}(?:[ \t]|\r?$)")

_DIRECTIVE = re.compile(
    r"<!--\s*speechlint-(disable-next-line|disable-line|disable|enable)\b([^>]*?)-->", re.DOTALL
)


_TICKS = re.compile("`+")
_BLANK_LINE = re.compile(r"\r?\n[ \t]*\r?\n")
_TARGET_STOP = re.compile(r"[)\s]")
_TARGET_TAIL = re.compile(r'(?:\s+"[^"]*")?\)')
_DIRECTIVE_HEAD = re.compile(r"<!--\s*speechlint-(disable-next-line|disable-line|disable|enable)\b")


# Linear-time equivalents of ``finditer`` for the patterns whose failed attempts rescan
# the rest of the text from every start ("`" * 20000, "](" * 20000, "<!--" * 20000).


def _inline_code(text: str) -> Iterator[tuple[int, int]]:
    """The spans of ``_INLINE_CODE.finditer(text)``.

    A match opens with the last L backticks of a run and closes at the first later run of
    exactly L backticks before the next blank line; the regex tries L = the run's length
    first, then shorter ones.  Each run's answer is found once, from the right.
    """
    runs = [(m.start(), m.end()) for m in _TICKS.finditer(text)]
    if len(runs) < 2:
        return
    blanks = [m.start() for m in _BLANK_LINE.finditer(text)]
    answer: list[tuple[int, int] | None] = [None] * len(runs)  # (opening offset, match end)
    lengths: list[int] = []  # sorted lengths of the runs after i in its stretch
    first: dict[int, int] = {}  # length -> index of the first run after i with that length
    stretch = -1
    for i in range(len(runs) - 1, -1, -1):
        s, e = runs[i]
        k = bisect_right(blanks, s)  # runs with the same k: no blank line between them
        if k != stretch:
            stretch, lengths, first = k, [], {}
        n = e - s
        j = bisect_right(lengths, n) - 1
        if j >= 0:
            size = lengths[j]
            c = runs[first[size]][1]
            answer[i] = (e - size, c)
        if n not in first:
            insort(lengths, n)
        first[n] = i
    i = 0
    while i < len(runs):
        hit = answer[i]
        if hit is None:
            i += 1
            continue
        yield hit
        end = hit[1]
        while i < len(runs) and runs[i][0] < end:
            i += 1


def _link_targets(text: str) -> Iterator[tuple[int, int]]:
    """The spans of ``_LINK_TARGET.finditer(text)``: a failed ``](`` target ends where the
    one before it in the same stretch ended, so that stretch is scanned once."""
    find = text.find
    n = len(text)
    stop = -1  # end of the run of target characters last scanned
    tail_at, tail_end = -1, -1  # _TARGET_TAIL tried at tail_at: its end (-1: no match)
    s = find("]")
    while s >= 0:
        end = -1
        nxt = text[s + 1 : s + 2]
        if nxt == "(":
            if s + 2 > stop:
                m = _TARGET_STOP.search(text, s + 2)
                stop = m.start() if m else n
            if stop != tail_at:
                m = _TARGET_TAIL.match(text, stop)
                tail_at, tail_end = stop, m.end() if m else -1
            end = tail_end
        elif nxt == "[":
            m = _LINK_REF.match(text, s)
            end = m.end() if m else -1
        if end >= 0:
            yield s, end
            s = find("]", end)
        else:
            s = find("]", s + 1)


def _comments(text: str) -> Iterator[tuple[int, int]]:
    """The spans of ``_COMMENT.finditer(text)``."""
    find = text.find
    s = find("<!--")
    while s >= 0:
        e = find("-->", s + 4)
        if e < 0:  # no later comment can close either
            return
        yield s, e + 3
        s = find("<!--", e + 3)


def _directives(text: str) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, kind, codes) of each match of ``_DIRECTIVE`` (as its ``finditer``)."""
    gt = -1  # the first ">" at or after the last head's end
    pos = 0
    while True:
        h = _DIRECTIVE_HEAD.search(text, pos)
        if h is None:
            return
        q = h.end()
        if gt < q:
            gt = text.find(">", q)
            if gt < 0:  # no directive can close
                return
        if gt - 2 >= q and text.startswith("--", gt - 2):
            yield h.start(), gt + 1, h.group(1), text[q : gt - 2]
            pos = gt + 1
        else:
            pos = h.start() + 1


def _finditer(rx: re.Pattern[str], text: str) -> Iterator[tuple[int, int]]:
    if rx is _LINK_TARGET:
        return _link_targets(text)
    if rx is _COMMENT:
        return _comments(text)
    return (m.span() for m in rx.finditer(text))


class _Taken:
    """Masked spans so far, merged, for a fast "is this offset already masked?" test."""

    def __init__(self, spans: list[Span]) -> None:
        merged: list[list[int]] = []
        for sp in sorted(spans):
            if merged and sp.start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], sp.end)
            else:
                merged.append([sp.start, sp.end])
        self.starts = [a for a, _ in merged]
        self.ends = [b for _, b in merged]

    def __contains__(self, offset: int) -> bool:
        i = bisect_right(self.starts, offset) - 1
        return i >= 0 and offset < self.ends[i]


def markdown_masks(text: str) -> list[Span]:
    """Spans of ``text`` (a Markdown document) that rules must not see."""
    spans: list[Span] = []
    for rx in (_FRONT, _FENCE, _COMMENT, _AUTOLINK, _LINK_DEF):
        spans.extend(Span(a, b) for a, b in _finditer(rx, text))
    taken = _Taken(spans)
    for m in _INDENTED.finditer(text):
        # an indented block only counts when a blank line precedes it
        s0 = m.start()
        if (s0 == 0 or text.endswith("\n\n", 0, s0) or text.endswith("\r\n\r\n", 0, s0)) and (
            s0 not in taken
        ):
            spans.append(Span(s0, m.end()))
    taken = _Taken(spans)
    for a, b in _inline_code(text):
        if a not in taken:
            spans.append(Span(a, b))
    taken = _Taken(spans)  # nothing inside code is markup
    for rx in (_TAG, _LINK, _LINK_TARGET, _HEADING, _LIST, _QUOTE, _EMPH, _TABLE, _SETEXT, _HR):
        for a, b in _finditer(rx, text):
            if b <= a or a in taken:
                continue
            if rx is _HEADING and text[a] in " \t" and a > 0 and text[a - 1] not in "\r\n":
                # closing hashes: only on a heading line
                line_start = text.rfind("\n", 0, a) + 1
                if not _HEADING_LINE.match(text, line_start):
                    continue
            spans.append(Span(a, b))
    return spans


def comment_masks(text: str) -> list[Span]:
    """Suppression comments in any file type."""
    return [Span(a, b) for a, b, _, _ in _directives(text)]


@dataclass(frozen=True, slots=True)
class Suppression:
    start: int  # first suppressed offset
    end: int  # first offset no longer suppressed
    codes: tuple[str, ...]  # empty: every rule


def suppressions(doc: Document) -> list[Suppression]:
    """Parse the suppression comments of a document."""
    text = doc.text
    out: list[Suppression] = _Suppressions()
    # open "disable" blocks by their codes, each a list of starts (the same block repeated
    # thousands of times is one entry to test at each "enable")
    open_blocks: dict[tuple[str, ...], list[int]] = {}
    for start, end, kind, listed in _directives(text):
        codes = tuple(c.upper() for c in re.split(r"[\s,]+", listed.strip()) if c)
        line = doc.line_of(start)
        if kind == "disable":
            open_blocks.setdefault(codes, []).append(end)
        elif kind == "enable":
            wanted = set(codes)
            closing = [k for k in open_blocks if not codes or (k and set(k) <= wanted)]
            closed = sorted((b, k) for k in closing for b in open_blocks.pop(k))
            out.extend(Suppression(b, start, k) for b, k in closed)
        elif kind == "disable-line":
            ln = doc.lines[line]
            out.append(Suppression(ln.span.start, ln.span.end + 1, codes))
        else:  # disable-next-line
            if line + 1 < len(doc.lines):
                ln = doc.lines[line + 1]
                out.append(Suppression(ln.span.start, ln.span.end + 1, codes))
    for bstart, bcodes in sorted((b, k) for k, bs in open_blocks.items() for b in bs):
        out.append(Suppression(bstart, len(text) + 1, bcodes))
    return out


class _Suppressions(list[Suppression]):
    """The list :func:`suppressions` returns, with an index for :func:`is_suppressed`:
    per finding code, the merged spans of the suppressions that apply to it (testing
    each finding against every suppression was quadratic)."""

    def spans_for(self, code: str) -> tuple[list[int], list[int]]:
        index: dict[str, tuple[list[int], list[int]]] = self.__dict__.setdefault("_index", {})
        hit = index.get(code)
        if hit is None:
            starts: list[int] = []
            ends: list[int] = []
            applies = [
                (s.start, s.end)
                for s in self
                if s.start < s.end and (not s.codes or any(code.startswith(c) for c in s.codes))
            ]
            for a, b in sorted(applies):
                if ends and a <= ends[-1]:
                    ends[-1] = max(ends[-1], b)
                else:
                    starts.append(a)
                    ends.append(b)
            hit = index[code] = (starts, ends)
        return hit


def is_suppressed(doc: object, d: Diagnostic, rules: list[Suppression]) -> bool:
    if isinstance(rules, _Suppressions):
        starts, ends = rules.spans_for(d.code)
        i = bisect_right(starts, d.span.start) - 1
        return i >= 0 and d.span.start < ends[i]
    for s in rules:
        if s.start <= d.span.start < s.end and (
            not s.codes or any(d.code.startswith(c) for c in s.codes)
        ):
            return True
    return False
