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
from dataclasses import dataclass

from .model import Diagnostic, Span

_FRONT = re.compile(r"\A(?:---|\+\+\+)[ \t]*\r?\n.*?^(?:---|\+\+\+|\.\.\.)[ \t]*$", re.S | re.M)
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]{0,3}\1[ \t]*$|\Z)", re.S | re.M)
_INDENTED = re.compile(r"(?:^(?: {4}|\t)[^\n]*(?:\n|$))+", re.M)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1", re.S)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_LINK_TARGET = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)|\]\[[^\]]*\]")
_LINK_DEF = re.compile(r"^[ \t]{0,3}\[[^\]]+\]:[^\n]*$", re.M)
_AUTOLINK = re.compile(r"<(?:https?|ftp|mailto):[^>\s]*>")
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}(?=[ \t])[ \t]*|[ \t]+#+[ \t]*$", re.M)
_LIST = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?", re.M)
_QUOTE = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+", re.M)
_EMPH = re.compile(r"\*{1,3}|(?<![A-Za-z0-9])_{1,3}(?![A-Za-z0-9])|~~")
_TABLE = re.compile(r"^[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*:?-*:?[ \t]*$|\|", re.M)
_SETEXT = re.compile(r"^[ \t]{0,3}(?:=+|-{2,})[ \t]*$", re.M)
_HR = re.compile(r"^[ \t]{0,3}(?:(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$", re.M)

_DIRECTIVE = re.compile(
    r"<!--\s*speechlint-(disable-next-line|disable-line|disable|enable)\b([^>]*?)-->", re.S
)


def markdown_masks(text: str) -> list[Span]:
    """Spans of ``text`` (a Markdown document) that rules must not see."""
    spans: list[Span] = []
    for rx in (_FRONT, _FENCE, _COMMENT, _AUTOLINK, _LINK_DEF):
        spans.extend(Span(m.start(), m.end()) for m in rx.finditer(text))
    taken = sorted(spans)

    def free(m: re.Match[str]) -> bool:
        return not any(s.start <= m.start() < s.end for s in taken)

    for rx in (_INDENTED,):
        for m in rx.finditer(text):
            # an indented block only counts when a blank line precedes it
            before = text[: m.start()]
            if (before == "" or before.endswith("\n\n") or before.endswith("\r\n\r\n")) and free(m):
                spans.append(Span(m.start(), m.end()))
    taken = sorted(spans)
    for rx in (_INLINE_CODE, _TAG, _LINK_TARGET, _HEADING, _LIST, _QUOTE, _EMPH, _TABLE, _SETEXT, _HR):
        for m in rx.finditer(text):
            if m.end() > m.start() and free(m):
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
