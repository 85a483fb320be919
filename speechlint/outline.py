"""The heading outline of a draft, by the numbering scheme of GB/T 9704-2012 §7.3.3.

A heading is a paragraph that starts (after optional indentation, full-width
spaces included) with a heading number: ``一、`` → ``（一）`` → ``1.`` → ``（1）``.
Paragraph-initial numbered items such as ``1.推进政府自身改革。主要抓好…`` are
headings too: their title ends at the first 。！？.

The scanner also recognises the wrong forms of each number (``1、`` ``一.``
``一，`` ``（一）、`` ``(一)`` ``(一）`` ``1)`` …), so that rules can report them;
every heading records the form the scheme wants (:attr:`Heading.expected_label`).
Paragraph-initial ordinal items ``第一，`` / ``第一、`` are listed as well
(``kind="ordinal"``, level 0): they are no level of the scheme but show up in an
editor's outline.

The scheme (levels, numerals, brackets, delimiters) is data: ``rules/num.yaml``.
:func:`outline` does not depend on which rules are selected; the language server
uses it for ``textDocument/documentSymbol``.

Enumeration markers inside paragraphs (``一是`` ``二要`` ``第三，`` ``首先`` ``其次``)
are found by :func:`markers`; the NUM rules build their series.

Speed: every scan is a regular expression with a literal first character over
``Document.check_text`` (``\\n`` for headings, ``是``/``要``/``第``/``次``… for
markers), so a 10 MB draft is scanned in a few passes of C code.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Literal

from .model import Span

if TYPE_CHECKING:
    from .document import Document

__all__ = [
    "Heading",
    "Level",
    "Marker",
    "MarkerSpec",
    "Scheme",
    "chinese_numeral",
    "format_number",
    "markers",
    "outline",
    "parse_number",
]

# ---------------------------------------------------------------- numerals
_CN_DIGITS = "一二三四五六七八九"
#: A Chinese numeral from 1 to 99 (一 … 十 … 十一 … 九十九).
CN_NUMERAL = f"(?:[{_CN_DIGITS}]?十[{_CN_DIGITS}]?|[{_CN_DIGITS}])"
#: An Arabic numeral from 1 to 99, half- or full-width, no leading zero.
AR_NUMERAL = "(?:[1-9][0-9]?|[１-９][０-９]?)"
_FULL_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_TO_FULL = str.maketrans("0123456789", "０１２３４５６７８９")
#: Indentation before a heading number: spaces, tabs, full-width spaces, NBSP and
#: masked Markdown markup (``## `` of a Markdown heading).
INDENT = "[ \\t\\u3000\\u00a0\\ue000]*"


def parse_number(s: str) -> int:
    """Value of a Chinese (一 … 九十九) or Arabic (1 … 99, full-width too) numeral."""
    if s and s[0] in "0123456789０１２３４５６７８９":
        return int(s.translate(_FULL_DIGITS))
    if s == "十":
        return 10
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (_CN_DIGITS.index(tens) + 1 if tens else 1) * 10 + (_CN_DIGITS.index(ones) + 1 if ones else 0)
    return _CN_DIGITS.index(s) + 1


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九."""
    if not 1 <= n <= 99:
        raise ValueError(f"no heading numeral for {n}")
    tens, ones = divmod(n, 10)
    out = ""
    if tens:
        out = ("" if tens == 1 else _CN_DIGITS[tens - 1]) + "十"
    if ones:
        out += _CN_DIGITS[ones - 1]
    return out


def format_number(n: int, like: str) -> str:
    """``n`` written the way the numeral ``like`` is written (Chinese, Arabic, full-width)."""
    if like and like[0] in "０１２３４５６７８９":
        return str(n).translate(_TO_FULL)
    if like and like[0] in "0123456789":
        return str(n)
    return chinese_numeral(n)


# ------------------------------------------------------------------ scheme
@dataclass(frozen=True)
class Level:
    """One level of the numbering scheme: ``open`` + numeral + ``close``."""

    name: str
    numeral: str  # "chinese" | "arabic"
    open: str  # "" for a bare number, else the opening bracket, e.g. "（"
    close: str  # the delimiter after a bare number ("、", ".") or the closing bracket
    #: Other closing characters that are equally right (e.g. "．" for "1.").
    also: tuple[str, ...] = ()

    def validate(self) -> str | None:
        if self.numeral not in ("chinese", "arabic"):
            return f"level {self.name!r}: numeral must be 'chinese' or 'arabic'"
        if not self.close or len(self.close) != 1 or len(self.open) > 1:
            return f"level {self.name!r}: open is '' or one character, close one character"
        return None

    @property
    def bracketed(self) -> bool:
        return bool(self.open)

    def label(self, numeral: str) -> str:
        return f"{self.open}{numeral}{self.close}"


@dataclass(frozen=True)
class Scheme:
    """How headings are numbered, and which wrong forms are still recognised."""

    levels: tuple[Level, ...]
    #: Characters recognised after a bare number (the level's own ``close`` is right,
    #: the others are reported by NUM005).
    bare_delimiters: str = "、.．，,：:"
    #: Opening / closing brackets recognised around a number (the level's own are right).
    open_brackets: str = "（("
    close_brackets: str = "）)"
    #: A stray delimiter recognised after a bracketed number, as in "（一）、".
    after_bracket: str = "、，,.．：:"
    #: Text after a bare Chinese number that shows it is no heading ("一、二季度").
    not_after_chinese: re.Pattern[str] = re.compile("$^")
    #: Text after a bare Arabic number that shows it is no heading ("1.5亿元", "1、2月").
    not_after_arabic: re.Pattern[str] = re.compile("$^")
    #: Paragraph-initial ordinal items listed in the outline: 第 + numeral + one of these.
    ordinal_delimiters: str = "，、,：:"

    def validate(self) -> str | None:
        if not self.levels:
            return "'levels' must not be empty"
        kinds = [(lv.numeral, lv.bracketed) for lv in self.levels]
        if len(set(kinds)) != len(kinds):
            return "two levels share the same numeral and bracketing: headings would be ambiguous"
        for lv in self.levels:
            problem = lv.validate()
            if problem:
                return problem
            if lv.bracketed and (lv.open not in self.open_brackets or lv.close not in self.close_brackets):
                return f"level {lv.name!r}: its brackets must be listed in open-brackets/close-brackets"
            if not lv.bracketed and any(c not in self.bare_delimiters for c in (lv.close, *lv.also)):
                return f"level {lv.name!r}: its delimiter must be listed in bare-delimiters"
        return None

    def level_of(self, numeral_kind: str, bracketed: bool) -> int:
        """1-based level for a numeral kind and bracketing (0: not in the scheme)."""
        for i, lv in enumerate(self.levels, 1):
            if lv.numeral == numeral_kind and lv.bracketed == bracketed:
                return i
        return 0

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """A heading number after a line break (the literal ``\\n`` makes the scan fast)."""
        return re.compile("\\n" + self._body)

    @cached_property
    def pattern_cr(self) -> re.Pattern[str]:
        """The same after any line break, for texts with lone ``\\r`` line endings."""
        return re.compile("(?:\\r\\n?|\\n)" + self._body)

    @cached_property
    def pattern_first(self) -> re.Pattern[str]:
        return re.compile(self._body)

    @cached_property
    def _body(self) -> str:
        ob, cb = re.escape(self.open_brackets), re.escape(self.close_brackets)
        bd, ab = re.escape(self.bare_delimiters), re.escape(self.after_bracket)
        od = re.escape(self.ordinal_delimiters)
        cn_no = self.not_after_chinese.pattern
        ar_no = self.not_after_arabic.pattern
        return (
            f"(?P<indent>{INDENT})(?:"
            # bracketed: （一） (一) (三） 一） 1) ; optional stray delimiter after it
            f"(?P<open>[{ob}])?(?P<bnum>{CN_NUMERAL}|{AR_NUMERAL})(?P<close>[{cb}])(?P<extra>[{ab}])?"
            # bare Chinese: 一、 一. 一，
            f"|(?P<cnum>{CN_NUMERAL})(?P<cdelim>[{bd}])(?!{cn_no})"
            # bare Arabic: 1. 1、 1，
            f"|(?P<anum>{AR_NUMERAL})(?P<adelim>[{bd}])(?!{ar_no})"
            # paragraph-initial ordinal item: 第一， 第一、
            f"|第(?P<onum>{CN_NUMERAL})(?P<odelim>[{od}])(?!{cn_no})"
            ")"
        )


# ----------------------------------------------------------------- outline
Kind = Literal["heading", "ordinal"]


@dataclass(frozen=True, slots=True)
class Heading:
    """One numbered heading (or paragraph-initial ordinal item) of a draft."""

    index: int  # position in the outline list
    kind: Kind  # "heading": a level of the scheme; "ordinal": a 第一， item
    level: int  # 1-based scheme level (1: 一、 … 4: （1）); 0 for ordinal items
    number: int  # the value of the numeral: "(三）" → 3
    label: str  # the number as written, e.g. "(三）", "1、", "第四、"
    expected_label: str  # the scheme's form of it, e.g. "（三）", "1.", "第四，"
    numeral: str  # the numeral alone, as written: "三", "1"
    open: str  # opening bracket as written ('' for bare numbers)
    close: str  # closing bracket or delimiter as written
    extra: str  # stray delimiter after a closing bracket ("、" of "（一）、"), else ''
    title: str  # the heading text after the label, up to the first 。！？ (or line end)
    line: int  # 0-based line
    span: Span  # the whole heading line (without its line ending)
    label_span: Span  # the number with its brackets and delimiter
    number_span: Span  # the numeral alone
    title_span: Span
    parent: int | None  # index of the enclosing heading, None at the top
    children: tuple[int, ...] = field(default=())

    @property
    def ok(self) -> bool:
        """True when the number is written exactly as the scheme wants."""
        return self.label == self.expected_label


_TITLE_END = re.compile("[。！？!?]")
_EOL_CHARS = "\r\n"


def _line_end(text: str, pos: int) -> int:
    n = text.find("\n", pos)
    r = text.find("\r", pos, n if n >= 0 else len(text))
    if r >= 0:
        return r
    return n if n >= 0 else len(text)


def _default_scheme() -> Scheme:
    from .data import rule_data

    data = rule_data("NUM001")
    return data.scheme  # type: ignore[no-any-return]


_cache: tuple[str, Scheme, tuple[Heading, ...]] | None = None


def outline(doc_or_text: Document | str, filetype: str = "txt", scheme: Scheme | None = None) -> list[Heading]:
    """The numbered headings of a draft, in order, each knowing its parent.

    ``doc_or_text`` is a :class:`~speechlint.document.Document` or the text of one
    (then ``filetype`` says how to read it).  ``scheme`` defaults to the one in
    ``rules/num.yaml``.  Wrong forms (``(三）``, ``1、``) are understood as the
    level they stand for, so one wrong bracket does not break the hierarchy.
    """
    if isinstance(doc_or_text, str):
        from .document import Document

        doc = Document.from_text(doc_or_text, filetype)
    else:
        doc = doc_or_text
    return list(headings(doc, scheme or _default_scheme()))


def headings(doc: Document, scheme: Scheme) -> tuple[Heading, ...]:
    """:func:`outline` of a document; the last result is remembered (rules share it)."""
    global _cache
    text = doc.check_text
    cached = _cache
    if cached is not None and cached[0] is text and cached[1] is scheme:
        return cached[2]
    result = _scan(text, doc.line_starts, scheme)
    _cache = (text, scheme, result)
    return result


def _scan(text: str, line_starts: tuple[int, ...], scheme: Scheme) -> tuple[Heading, ...]:
    matches: list[re.Match[str]] = []
    first = scheme.pattern_first.match(text)
    if first:
        matches.append(first)
    lone_cr = "\r" in text and re.search("\\r(?!\\n)", text) is not None
    matches.extend((scheme.pattern_cr if lone_cr else scheme.pattern).finditer(text))
    if not matches:
        return ()
    raw: list[Heading] = []
    for m in matches:
        indent_start = m.start("indent")
        line = bisect_right(line_starts, indent_start) - 1
        line_start = line_starts[line]
        end = _line_end(text, line_start)
        g = m.group
        kind_: Kind
        if g("bnum") is not None:
            numeral, kind_ = g("bnum"), "heading"
            is_cn = numeral[0] in _CN_DIGITS + "十"
            level = scheme.level_of("chinese" if is_cn else "arabic", True)
            open_, close, extra = g("open") or "", g("close"), g("extra") or ""
            num_start = m.start("bnum")
        elif g("cnum") is not None:
            numeral, kind_ = g("cnum"), "heading"
            level = scheme.level_of("chinese", False)
            open_, close, extra = "", g("cdelim"), ""
            num_start = m.start("cnum")
        elif g("anum") is not None:
            numeral, kind_ = g("anum"), "heading"
            level = scheme.level_of("arabic", False)
            open_, close, extra = "", g("adelim"), ""
            num_start = m.start("anum")
        else:
            numeral, kind_ = g("onum"), "ordinal"
            level = 0
            open_, close, extra = "第", g("odelim"), ""
            num_start = m.start("onum")
        if kind_ == "heading" and level == 0:
            continue  # a form the scheme has no level for
        label_start = m.end("indent")
        label_end = m.end()
        if kind_ == "heading":
            lv = scheme.levels[level - 1]
            right_close = close if close in (lv.close, *lv.also) else lv.close
            expected = f"{lv.open}{numeral}{right_close}"
        else:
            expected = f"第{numeral}，"
        t = _TITLE_END.search(text, label_end, end)
        title_end = t.start() if t else end
        raw.append(
            Heading(
                index=len(raw),
                kind=kind_,
                level=level,
                number=parse_number(numeral),
                label=text[label_start:label_end],
                expected_label=expected,
                numeral=numeral,
                open=open_,
                close=close,
                extra=extra,
                title=text[label_end:title_end].strip(" \t\u3000"),
                line=line,
                span=Span(line_start, end),
                label_span=Span(label_start, label_end),
                number_span=Span(num_start, num_start + len(numeral)),
                title_span=Span(label_end, title_end),
                parent=None,
            )
        )
    # parents: the nearest preceding heading of a higher level (ordinal items are leaves)
    parents: list[int | None] = []
    stack: list[tuple[int, int]] = []  # (level, index) of open scheme headings
    for i, h in enumerate(raw):
        lvl = h.level
        if h.kind == "ordinal":
            parents.append(stack[-1][1] if stack else None)
            continue
        while stack and stack[-1][0] >= lvl:
            stack.pop()
        parents.append(stack[-1][1] if stack else None)
        stack.append((lvl, i))
    children: list[list[int]] = [[] for _ in raw]
    for i, p in enumerate(parents):
        if p is not None:
            children[p].append(i)
    return tuple(replace(h, parent=parents[i], children=tuple(children[i])) for i, h in enumerate(raw))


# ----------------------------------------------------------------- markers
@dataclass(frozen=True)
class MarkerSpec:
    """Which enumeration markers exist and where they may stand."""

    #: A marker only counts at the start of a clause: at the start of a paragraph or
    #: right after one of these characters (so 统一是、唯一是 never count).
    clause_start: str = "。；：，！？!?;:,"
    #: Characters that make a numeral a marker: 一是 二是 …, 一要 二要 … (one series
    #: family: mixing 一是…二要 is reported by NUM008).
    numeral_suffixes: str = "是要"
    #: Delimiters after 第 + numeral: 第一， 第二、 (the first one is the right one).
    ordinal_delimiters: str = "，、,：:"
    #: Ordinal words and the position they stand for (首先 = 1, 其次 = 2 …).
    words: dict[str, int] = field(default_factory=lambda: {"首先": 1, "其次": 2})
    #: Text at a marker's position that is no marker (一是一、二是二; 第一、二产业).
    exceptions: re.Pattern[str] = re.compile("$^")

    def validate(self) -> str | None:
        if not self.clause_start:
            return "'clause-start' must not be empty"
        if any(len(w) < 2 for w in self.words):
            return "'words' must be at least two characters long"
        if any(not 1 <= n <= 99 for n in self.words.values()):
            return "'words' positions must be from 1 to 99"
        return None

    @cached_property
    def patterns(self) -> tuple[re.Pattern[str], ...]:
        """Literal-first scans: one per numeral suffix, one for 第, one per word ending."""
        out = [re.compile(f"{re.escape(s)}(?<=[{_CN_DIGITS}十]{re.escape(s)})") for s in self.numeral_suffixes]
        od = re.escape(self.ordinal_delimiters)
        out.append(re.compile(f"第(?P<onum>{CN_NUMERAL})(?P<odelim>[{od}])"))
        groups: dict[tuple[str, int], list[str]] = {}
        for w in sorted(self.words):
            groups.setdefault((w[-1], len(w)), []).append(w)
        for (last, _), ws in sorted(groups.items()):
            alts = "|".join(re.escape(w) for w in ws)
            out.append(re.compile(f"{re.escape(last)}(?<={alts})"))
        return tuple(out)


_NUM_SUFFIX = re.compile(f"{CN_NUMERAL}$")
_INDENT_CHARS = " \t\u3000\u00a0\ue000"


@dataclass(frozen=True, slots=True)
class Marker:
    """An enumeration marker: 一是, 二要, 第三，, 首先, 其次."""

    span: Span  # the marker without its delimiter: "一是", "第三", "首先"
    number: int
    style: str  # the suffix ("是", "要"), "第" or "word"
    family: str  # "numeral" (一是/一要) or "ordinal" (第一/首先)
    delimiter: str  # "，" of "第一，" (ordinal 第 style only), else ''
    delimiter_span: Span | None
    initial: bool  # at the start of its paragraph
    line: int
    text: str  # as written


def markers(doc: Document, spec: MarkerSpec) -> tuple[Marker, ...]:
    """Enumeration markers at clause starts in the document, in order."""
    text = doc.check_text
    found: list[tuple[int, int, int, str, str, str, int]] = []  # start, end, number, style, family, delim, dpos
    pats = spec.patterns
    nsuf = len(spec.numeral_suffixes)
    for i, pat in enumerate(pats):
        for m in pat.finditer(text):
            if i < nsuf:
                end = m.end()
                window = text[max(0, m.start() - 3) : m.start()]
                # the longest numeral before the suffix whose start is a clause start
                best = None
                for k in (3, 2, 1):
                    if len(window) >= k and _NUM_SUFFIX.fullmatch(window[-k:]) is not None:
                        start = m.start() - k
                        if _clause_start(text, start, spec.clause_start):
                            best = (start, window[-k:])
                            break
                if best is None:
                    continue
                start, numeral = best
                found.append((start, end, parse_number(numeral), m.group(), "numeral", "", -1))
            elif i == nsuf:
                if not _clause_start(text, m.start(), spec.clause_start):
                    continue
                found.append(
                    (m.start(), m.end("onum"), parse_number(m.group("onum")), "第", "ordinal",
                     m.group("odelim"), m.start("odelim"))
                )
            else:
                word = text[m.end() - 2 : m.end()]
                for w in spec.words:
                    if text.endswith(w, 0, m.end()):
                        word = w
                        break
                start = m.end() - len(word)
                if not _clause_start(text, start, spec.clause_start):
                    continue
                found.append((start, m.end(), spec.words[word], "word", "ordinal", "", -1))
    if not found:
        return ()
    found.sort()
    exc = spec.exceptions
    line_starts = doc.line_starts
    out: list[Marker] = []
    for start, end, number, style, family, delim, dpos in found:
        if exc.match(text, start):
            continue
        line = bisect_right(line_starts, start) - 1
        initial = text[line_starts[line] : start].strip(_INDENT_CHARS) == ""
        out.append(
            Marker(
                span=Span(start, end),
                number=number,
                style=style,
                family=family,
                delimiter=delim,
                delimiter_span=Span(dpos, dpos + len(delim)) if delim else None,
                initial=initial,
                line=line,
                text=text[start:end],
            )
        )
    return tuple(out)


def _clause_start(text: str, pos: int, clause_chars: str) -> bool:
    """True when ``pos`` starts a paragraph (after indentation) or follows a clause mark."""
    j = pos
    while j > 0 and text[j - 1] in _INDENT_CHARS:
        j -= 1
    if j == 0 or text[j - 1] in _EOL_CHARS:
        return True
    return j == pos and text[pos - 1] in clause_chars
