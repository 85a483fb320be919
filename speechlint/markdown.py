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
from bisect import bisect_right
from dataclasses import dataclass

from .model import Diagnostic, Span

# "$" in re.M matches only before "\n": every end-of-line test allows a "\r" first (CRLF files).
_FRONT = re.compile(
    r"\A(?:---|\+\+\+)[ \t]*\r?\n.*?^(?:---|\+\+\+|\.\.\.)[ \t\r]*$", re.DOTALL | re.MULTILINE
)
# a closing fence is the same character, at least as long as the opening one
_FENCE = re.compile(
    r"^[ \t]{0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]{0,3}\1(?:`*|~*)[ \t\r]*$|\Z)", re.DOTALL | re.MULTILINE
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
_LINK_DEF = re.compile(r"^[ \t]{0,3}\[[^\]]+\]:[^\n]*$", re.MULTILINE)
_AUTOLINK = re.compile(r"<(?:https?|ftp|mailto):[^>\s]*>")
# "## 标题 ##": the opening hashes, and the closing ones on heading lines only
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}(?=[ \t]|\r?$)[ \t]*|(?<=\S)[ \t]+#+(?=[ \t\r]*$)", re.MULTILINE)
_LIST = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?", re.MULTILINE)
_QUOTE = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+", re.MULTILINE)
_EMPH = re.compile(r"\*{1,3}|(?<![A-Za-z0-9])_{1,3}(?![A-Za-z0-9])|~~")
_TABLE = re.compile(r"^[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*:?-*:?[ \t\r]*$|\|", re.MULTILINE)
_SETEXT = re.compile(r"^[ \t]{0,3}(?:=+|-{2,})[ \t\r]*$", re.MULTILINE)
_HR = re.compile(r"^[ \t]{0,3}(?:(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})\r?$", re.MULTILINE)
_HEADING_LINE = re.compile(r"^[ \t]{0,3}#{1,6}(?:[ \t]|\r?$)")

_DIRECTIVE = re.compile(
    r"<!--\s*speechlint-(disable-next-line|disable-line|disable|enable)\b([^>]*?)-->", re.DOTALL
)


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
        spans.extend(Span(m.start(), m.end()) for m in rx.finditer(text))
    taken = _Taken(spans)
    for m in _INDENTED.finditer(text):
        # an indented block only counts when a blank line precedes it
        s0 = m.start()
        if (s0 == 0 or text.endswith("\n\n", 0, s0) or text.endswith("\r\n\r\n", 0, s0)) and (
            s0 not in taken
        ):
            spans.append(Span(s0, m.end()))
    taken = _Taken(spans)
    for m in _INLINE_CODE.finditer(text):
        if m.start() not in taken:
            spans.append(Span(m.start(), m.end()))
    taken = _Taken(spans)  # nothing inside code is markup
    for rx in (_TAG, _LINK, _LINK_TARGET, _HEADING, _LIST, _QUOTE, _EMPH, _TABLE, _SETEXT, _HR):
        for m in rx.finditer(text):
            if m.end() <= m.start() or m.start() in taken:
                continue
            if rx is _HEADING and text[m.start()] in " \t" and m.start() > 0 and text[m.start() - 1] not in "\r\n":
                # closing hashes: only on a heading line
                line_start = text.rfind("\n", 0, m.start()) + 1
                if not _HEADING_LINE.match(text, line_start):
                    continue
            spans.append(Span(m.start(), m.end()))
    return spans


def comment_masks(text: str) -> list[Span]:
    """Suppression comments in any file type."""
    return [Span(m.start(), m.end()) for m in _DIRECTIVE.finditer(text)]


@dataclass(frozen=True, slots=True)
class Suppression:
    start: int  # first suppressed offset
    end: int  # first offset no longer suppressed
    codes: tuple[str, ...]  # empty: every rule


def suppressions(doc: object) -> list[Suppression]:
    """Parse the suppression comments of a document."""
    from .document import Document

    assert isinstance(doc, Document)
    text = doc.text
    out: list[Suppression] = []
    open_blocks: list[tuple[int, tuple[str, ...]]] = []
    for m in _DIRECTIVE.finditer(text):
        kind = m.group(1)
        codes = tuple(c.upper() for c in re.split(r"[\s,]+", m.group(2).strip()) if c)
        line = doc.line_of(m.start())
        if kind == "disable":
            open_blocks.append((m.end(), codes))
        elif kind == "enable":
            remaining = []
            for start, bcodes in open_blocks:
                if not codes or set(bcodes) <= set(codes) and bcodes:
                    out.append(Suppression(start, m.start(), bcodes))
                else:
                    remaining.append((start, bcodes))
            open_blocks = remaining
        elif kind == "disable-line":
            ln = doc.lines[line]
            out.append(Suppression(ln.span.start, ln.span.end + 1, codes))
        else:  # disable-next-line
            if line + 1 < len(doc.lines):
                ln = doc.lines[line + 1]
                out.append(Suppression(ln.span.start, ln.span.end + 1, codes))
    for start, bcodes in open_blocks:
        out.append(Suppression(start, len(text) + 1, bcodes))
    return out


def is_suppressed(doc: object, d: Diagnostic, rules: list[Suppression]) -> bool:
    for s in rules:
        if s.start <= d.span.start < s.end and (
            not s.codes or any(d.code.startswith(c) for c in s.codes)
        ):
            return True
    return False
