"""The heading outline of a draft, by the numbering scheme of GB/T 9704-2012 §7.3.3.

A heading is a paragraph that starts (after optional indentation, full-width
spaces included) with a heading number: ``一、`` → ``（一）`` → ``1.`` → ``（1）``.
Paragraph-initial numbered items such as ``1.推进政府自身改革。主要抓好…`` are
headings too: their title ends at the first 。！？.

The scanner also recognises the wrong forms of each number (``1、`` ``一.``
``一，`` ``（一）、`` ``(一)`` ``(一）`` ``1)`` …), so that rules can report them;
every heading records the form the scheme wants (:attr:`Heading.expected_label`).
Paragraph-initial ordinal items ``第一，`` / ``第一、`` are listed as well
(``kind="ordinal"``, one level below their enclosing heading): they are no level
of the scheme but show up in an editor's outline.  Numbered lines right after a
list lead such as ``附件：1.…`` are list items (``kind="item"``): the rules check
their form, but they are no part of the hierarchy and :func:`outline` leaves them out.

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
from collections import namedtuple
from dataclasses import dataclass, field, replace
from functools import cache, cached_property

from . import numerals
from .memo import remember_last
from .model import Span

TYPE_CHECKING = False  # no typing at run time (~5 ms of every start)
if TYPE_CHECKING:
    from typing import Literal, NamedTuple

    from .document import Document

__all__ = [
    "Heading",
    "Level",
    "Marker",
    "MarkerSpec",
    "Scheme",
    "children",
    "chinese_numeral",
    "enclosed_kind",
    "format_number",
    "markers",
    "outline",
    "parse_number",
]

# ---------------------------------------------------------------- numerals
_CN_DIGITS = numerals.DIGITS[1:]  # 一 … 九: heading numerals have no zero
_CN_START = _CN_DIGITS + "十"
#: A Chinese numeral from 1 to 99 (一 … 十 … 十一 … 九十九).
CN_NUMERAL = f"(?:[{_CN_DIGITS}]?十[{_CN_DIGITS}]?|[{_CN_DIGITS}])"
#: An Arabic numeral from 1 to 99, half- or full-width, no leading zero.
AR_NUMERAL = "(?:[1-9][0-9]?|[１-９][０-９]?)"
_FULL_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_TO_FULL = str.maketrans("0123456789", "０１２３４５６７８９")
#: Indentation before a heading number: spaces, tabs, full-width spaces, NBSP and
#: masked Markdown markup (``## `` of a Markdown heading).
INDENT = "[ \\t\\u3000\\u00a0\\ue000]*"
#: The characters of :data:`INDENT`.
INDENT_CHARS = " \t\u3000\u00a0\ue000"


#: Enclosed numerals pasted from word processors: ⑴ … ⒇ stand for （1）…（20）,
#: ⒈ … ⒛ for 1. … 20.
_PAREN_DIGITS = (0x2474, 0x2487)
_STOP_DIGITS = (0x2488, 0x249B)
ENCLOSED = "\u2474-\u249b"


def enclosed_kind(s: str) -> str:
    """'paren' for ⑴…⒇, 'stop' for ⒈…⒛, '' for anything else."""
    if len(s) == 1:
        c = ord(s)
        if _PAREN_DIGITS[0] <= c <= _PAREN_DIGITS[1]:
            return "paren"
        if _STOP_DIGITS[0] <= c <= _STOP_DIGITS[1]:
            return "stop"
    return ""


def parse_number(s: str) -> int:
    """Value of a Chinese (一 … 九十九), Arabic (1 … 99, full-width too) or enclosed
    (⑴ ⒈) numeral."""
    kind = enclosed_kind(s)
    if kind:
        return ord(s) - (_PAREN_DIGITS[0] if kind == "paren" else _STOP_DIGITS[0]) + 1
    if s and s[0] in "0123456789０１２３４５６７８９":
        return int(s.translate(_FULL_DIGITS))
    n = numerals.value(s)
    if n is None:
        raise ValueError(f"not a numeral: {s!r}")
    return n


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九, 105 → 一百零五.

    Headings are numbered up to 99; larger numbers only arise when a fix renumbers a
    very long series, and are written in full (up to 9999, then in Arabic digits).
    """
    if n < 1:
        raise ValueError(f"no heading numeral for {n}")
    return numerals.write(n)


def format_number(n: int, like: str) -> str:
    """``n`` written the way the numeral ``like`` is written (Chinese, Arabic, full-width,
    enclosed up to 20)."""
    kind = enclosed_kind(like)
    if kind:
        base = _PAREN_DIGITS[0] if kind == "paren" else _STOP_DIGITS[0]
        return chr(base + n - 1) if n <= 20 else str(n)
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

    @cached_property
    def accepted(self) -> tuple[str, ...]:
        """Every right closing character: ``close`` and ``also``."""
        return (self.close, *self.also)


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
    #: A line that opens a numbered list which is no heading ("附件：1.…"): the
    #: Arabic-numbered lines right after it (2.… 3.…) are list items, not headings.
    list_lead: re.Pattern[str] = re.compile("$^")

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

    @cached_property
    def level_table(self) -> dict[tuple[bool, bool], tuple[int, Level]]:
        """(Chinese numeral?, bracketed?) -> (1-based level, Level)."""
        return {(lv.numeral == "chinese", lv.bracketed): (i, lv) for i, lv in enumerate(self.levels, 1)}

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
    def first_chars(self) -> frozenset[str]:
        """Every character a heading number of :attr:`_body` can start with after its
        indentation: an open bracket, a Chinese or Arabic digit, 第 or an enclosed numeral.
        A text whose first line starts otherwise has no heading there, seen without
        :attr:`pattern_first` (compiling it, with its many classes of Chinese characters,
        costs 2-4 ms in every process)."""
        lo, hi = ord(ENCLOSED[0]), ord(ENCLOSED[-1])
        enclosed = "".join(map(chr, range(lo, hi + 1)))
        return frozenset(self.open_brackets + _CN_START + "123456789１２３４５６７８９第" + enclosed)

    def match_first(self, text: str) -> re.Match[str] | None:
        """``pattern_first.match(text)``, tried only when the text's first character after
        its indentation is one of :attr:`first_chars` (else there is no match)."""
        i = 0
        while i < len(text) and text[i] in INDENT_CHARS:
            i += 1
        if i < len(text) and text[i] in self.first_chars:
            return self.pattern_first.match(text)
        return None

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
            # (a digit after it, "12.2025年", makes it an item only where it continues a series)
            f"|(?P<anum>{AR_NUMERAL})(?P<adelim>[{bd}])(?P<adigit>(?={ar_no}))?"
            # paragraph-initial ordinal item: 第一， 第一、
            f"|第(?P<onum>{CN_NUMERAL})(?P<odelim>[{od}])(?!{cn_no})(?!(?<=、)第?[{_CN_START}])"
            # enclosed numerals from word processors: ⑴ ⒈
            f"|(?P<enum>[{ENCLOSED}])"
            # the title (up to the first 。！？) and the rest of the line
            ")(?P<title>[^。！？!?\\r\\n]*)[^\\r\\n]*"
        )


# ----------------------------------------------------------------- outline
if TYPE_CHECKING:
    Kind = Literal["heading", "ordinal", "item"]
else:
    Kind = str


@dataclass(frozen=True, slots=True)
class Heading:
    """One numbered heading (or paragraph-initial ordinal item) of a draft."""

    index: int  # position in the outline list
    #: "heading": a level of the scheme; "ordinal": a paragraph-initial 第一， item;
    #: "item": a numbered line of a list that is no heading (after "附件：1.…")
    kind: Kind
    #: 1-based scheme level (1: 一、 … 4: （1）) of the number's form; for a 第一， item,
    #: one below its enclosing heading (its depth in the outline)
    level: int
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
    parent: int | None  # index of the enclosing heading, None at the top (see children())

    @property
    def ok(self) -> bool:
        """True when the number is written exactly as the scheme wants."""
        return self.label == self.expected_label


_EOL_CHARS = "\r\n"


def _default_scheme() -> Scheme:
    from .data import rule_data

    data = rule_data("NUM001")
    return data.scheme  # type: ignore[no-any-return]




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
    hs = headings(doc, scheme or _default_scheme())
    if all(h.kind != "item" for h in hs):
        return list(hs)
    # leave the list items out, renumbering indices and parents
    new_index: dict[int, int] = {}
    for h in hs:
        if h.kind != "item":
            new_index[h.index] = len(new_index)
    return [
        replace(h, index=new_index[h.index], parent=None if h.parent is None else new_index[h.parent])
        for h in hs
        if h.kind != "item"
    ]


@remember_last(lambda doc, scheme: (doc.check_text, scheme))
def headings(doc: Document, scheme: Scheme) -> tuple[Heading, ...]:
    """Every numbered line of a document, list items included (``kind="item"``), as the
    rules see it; the last result is remembered, so the rules of a run share one scan."""
    return _scan(doc.check_text, doc.line_starts, scheme)


def _scan(text: str, line_starts: tuple[int, ...], scheme: Scheme) -> tuple[Heading, ...]:
    matches: list[re.Match[str]] = []
    first = scheme.match_first(text)
    if first:
        matches.append(first)
    # a heading after a line break starts with a character that is no line break: when every
    # line break of the text ends it (a text of one line), that is seen without the patterns
    # (compiling one, with its many classes of Chinese characters, costs 2-4 ms)
    end = len(text)
    while end and text[end - 1] in "\r\n":
        end -= 1
    if text.find("\n", 0, end) >= 0 or text.find("\r", 0, end) >= 0:
        lone_cr = "\r" in text and re.search("\\r(?!\\n)", text) is not None
        matches.extend((scheme.pattern_cr if lone_cr else scheme.pattern).finditer(text))
    if not matches:
        return ()
    by_kind = scheme.level_table
    out: list[Heading] = []
    stack: list[tuple[int, int]] = []  # (level, index) of the open scheme headings
    list_lead = scheme.list_lead.match
    in_list = -2  # last line of a list opened by a list_lead line ("附件：1.…")
    for m in matches:
        _indent, open_, bnum, close, extra, cnum, cdelim, anum, adelim, adigit, onum, odelim, enum, title = m.groups()
        label_start = m.end(1)
        label_end, title_end = m.span("title")
        end = m.end()
        line = bisect_right(line_starts, label_start) - 1
        kind: Kind = "heading"
        if adigit is not None and not _continues(out, stack, by_kind, anum):
            continue  # "1.5亿元", "3.2%": a decimal, unless it is the next number of a series
        if (
            anum is not None
            and line > 0
            and (in_list == line - 1 or list_lead(text, line_starts[line - 1], line_starts[line]))
        ):
            # 2.… 3.… right after "附件：1.…": attachment names, not headings
            in_list = line
            kind = "item"
        if bnum is not None:
            numeral = bnum
            bracketed = True
            open_ = open_ or ""
            extra = extra or ""
        else:
            bracketed = False
            open_, extra = "", ""
            if cnum is not None:
                numeral, close = cnum, cdelim
            elif anum is not None:
                numeral, close = anum, adelim
            elif enum is not None:
                numeral, close = enum, ""
                bracketed = enclosed_kind(enum) == "paren"
            else:
                numeral, close, kind = onum, odelim, "ordinal"
        num_start = label_start + len(open_)
        line_start = line_starts[line]
        if kind != "ordinal":
            level, lv = by_kind.get((numeral[0] in _CN_START, bracketed), (0, None))
            if lv is None:
                continue  # a form the scheme has no level for
            plain = str(parse_number(numeral)) if enum is not None else numeral
            expected = lv.open + plain + (close if close in lv.accepted else lv.close)
            if kind == "heading":
                while stack and stack[-1][0] >= level:
                    stack.pop()
                parent = stack[-1][1] if stack else None
                stack.append((level, len(out)))
            else:
                parent = None
        else:
            # one level below the enclosing heading: its depth in the outline
            level, expected = (stack[-1][0] + 1 if stack else 1), f"第{numeral}，"
            parent = stack[-1][1] if stack else None
        out.append(
            Heading(
                len(out),
                kind,
                level,
                parse_number(numeral),
                text[label_start:label_end],
                expected,
                numeral,
                open_,
                close,
                extra,
                title.strip(" \t\u3000"),
                line,
                Span(line_start, end),
                Span(label_start, label_end),
                Span(num_start, num_start + len(numeral)),
                Span(label_end, title_end),
                parent,
            )
        )
    return tuple(out)


def _continues(
    out: list[Heading], stack: list[tuple[int, int]], by_kind: dict[tuple[bool, bool], tuple[int, Level]], numeral: str
) -> bool:
    """Is a bare Arabic number followed by a digit ("12.2025年…", "13.5G基站…") the next
    number after the open heading of its level ("11.…")?  Then it is item 12, not 12.2025."""
    level = by_kind.get((False, False), (0, None))[0]
    for lv, idx in reversed(stack):
        if lv == level:
            prev = out[idx]
            return prev.open == "" and prev.numeral[:1] not in _CN_START and prev.number + 1 == parse_number(numeral)
        if lv < level:
            return False
    return False


def children(hs: list[Heading] | tuple[Heading, ...]) -> list[list[int]]:
    """Indices of each heading's children (the inverse of :attr:`Heading.parent`)."""
    out: list[list[int]] = [[] for _ in hs]
    for h in hs:
        if h.parent is not None:
            out[h.parent].append(h.index)
    return out


# ----------------------------------------------------------------- markers
@dataclass(frozen=True)
class MarkerSpec:
    """Which enumeration markers exist and where they may stand."""

    #: A marker only counts at the start of a clause: at the start of a paragraph or
    #: right after one of these characters (so 统一是、唯一是 never count).
    clause_start: str = "。；：，！？!?;:,—…"
    #: Opening quotes and brackets: a marker right after one counts when the opener
    #: itself starts a clause (他说：“一是…), not inside a phrase (提升“六要素”).
    openers: str = "“‘（(「『"
    #: A series' first marker may stand inside a clause right after one of these
    #: (最重要的就是一要…，二要…; 坚持“一要吃饭，二要建设”): it counts when the next marker
    #: is the series' second, at a clause start in the same sentence.
    first_after: str = "是即“‘（(「『"
    #: Characters that make a numeral a marker: 一是 二是 …, 一要 二要 … (one series
    #: family: mixing 一是…二要 is reported by NUM008).
    numeral_suffixes: str = "是要"
    #: Prefixes of ordinal numerals: 第一 第二 …, 其一 其二 … (one series family with
    #: the ordinal words; GB/T 15834-2011 treats 第-, 其- and 首先-series as separate
    #: sets that are not mixed).
    ordinal_prefixes: str = "第其"
    #: Delimiters after prefix + numeral: 第一， 第二、 (the first one is the right one).
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
        """Literal-first scans: one per numeral suffix, one per ordinal prefix, one per
        word ending."""
        out = [re.compile(f"{re.escape(s)}(?<=[{_CN_DIGITS}十]{re.escape(s)})") for s in self.numeral_suffixes]
        od = re.escape(self.ordinal_delimiters)
        for p in self.ordinal_prefixes:
            out.append(re.compile(f"{re.escape(p)}(?P<onum>{CN_NUMERAL})(?P<odelim>[{od}])"))
        groups: dict[tuple[str, int], list[str]] = {}
        for w in sorted(self.words):
            groups.setdefault((w[-1], len(w)), []).append(w)
        for (last, _), ws in sorted(groups.items()):
            alts = "|".join(re.escape(w) for w in ws)
            out.append(re.compile(f"{re.escape(last)}(?<={alts})"))
        return tuple(out)


_INDENT_CHARS = " \t\u3000\u00a0\ue000"


if TYPE_CHECKING:

    class Marker(NamedTuple):
        """An enumeration marker: 一是, 二要, 第三，, 首先, 其次 (immutable; a named tuple
        because a draft may hold thousands and they are made in one pass)."""

        span: Span  # the marker without its delimiter: "一是", "第三", "首先"
        number: int
        style: str  # the suffix ("是", "要"), the prefix ("第", "其") or "word" (首先, 其次)
        family: str  # "numeral" (一是/一要) or "ordinal" (第一/首先)
        delimiter: str  # "，" of "第一，" (prefixed ordinals only), else ''
        delimiter_span: Span | None
        initial: bool  # at the start of its paragraph
        line: int
        text: str  # as written

else:  # the same fields, without importing typing at run time

    class Marker(namedtuple("Marker", "span number style family delimiter delimiter_span initial line text")):
        """An enumeration marker: 一是, 二要, 第三，, 首先, 其次 (see the typed twin above)."""

        __slots__ = ()


def markers(doc: Document, spec: MarkerSpec) -> tuple[Marker, ...]:
    """Enumeration markers at clause starts in the document, in order."""
    text = doc.check_text
    # (start, end, number, style, family, delimiter, delimiter start, paragraph-initial)
    found: list[tuple[int, int, int, str, str, str, int, bool]] = []
    # spec.exceptions (a pattern of the rule data, compiled on first use) and _num_before()
    # are asked only about a marker found: a draft without one never compiles them (~1 ms)
    pats = spec.patterns
    nsuf = len(spec.numeral_suffixes)
    nord = nsuf + len(spec.ordinal_prefixes)
    inside: list[tuple[int, int, int, str, str, str, int, bool]] = []  # 一要 inside a clause
    for i, pat in enumerate(pats):
        for m in pat.finditer(text):
            if i < nsuf:
                # the longest numeral right before the suffix: 二十一是, 十是, 三是
                suffix_at = m.start()
                n = _num_before().search(text, max(0, suffix_at - 3), suffix_at)
                if n is None:
                    continue
                start = n.start()
                where = _clause_start(text, start, spec)
                if spec.exceptions.match(text, start):
                    continue
                if where:
                    found.append((start, m.end(), parse_number(n.group()), m.group(), "numeral", "", -1, where == 2))
                elif start and text[start - 1] in spec.first_after and n.group() == "一":
                    inside.append((start, m.end(), 1, m.group(), "numeral", "", -1, False))
            elif i < nord:
                start = m.start()
                where = _clause_start(text, start, spec)
                if where and not spec.exceptions.match(text, start):
                    found.append(
                        (start, m.end("onum"), parse_number(m.group("onum")), text[start], "ordinal",
                         m.group("odelim"), m.start("odelim"), where == 2)
                    )
            else:
                end = m.end()
                word = next(w for w in spec.words if text.endswith(w, 0, end))
                start = end - len(word)
                where = _clause_start(text, start, spec)
                if where and not spec.exceptions.match(text, start):
                    found.append((start, end, spec.words[word], "word", "ordinal", "", -1, where == 2))
    if not found:
        return ()
    found.sort()
    if inside:
        found = _first_inside(text, found, inside)
    line_starts = doc.line_starts
    return tuple(
        Marker(
            Span(start, end),
            number,
            style,
            family,
            delim,
            Span(dpos, dpos + len(delim)) if delim else None,
            initial,
            bisect_right(line_starts, start) - 1,
            text[start:end],
        )
        for start, end, number, style, family, delim, dpos, initial in found
    )


# The numeral before a suffix (三 of 三是) and a sentence end between two markers: compiled
# when a draft is first read for markers (their classes of Chinese characters and marks:
# ~0.6 ms to compile, in every process, most of them checking a draft without a marker).
@cache
def _num_before() -> re.Pattern[str]:
    return re.compile(f"{CN_NUMERAL}\\Z")


@cache
def _sentence_end() -> re.Pattern[str]:
    return re.compile("[。！？!?\r\n]")

_Found = tuple[int, int, int, str, str, str, int, bool]  # see markers()


def _first_inside(text: str, found: list[_Found], inside: list[_Found]) -> list[_Found]:
    """``found`` with each first marker from inside a clause (就是一要…) that the next marker
    continues: 二 of the same suffix, at a clause start, in the same sentence."""
    starts = [f[0] for f in found]
    kept = []
    for cand in inside:
        i = bisect_right(starts, cand[0])
        if i == len(found):
            continue
        nxt = found[i]
        if nxt[2] == 2 and nxt[3] == cand[3] and nxt[4] == "numeral" and not _sentence_end().search(text, cand[1], nxt[0]):
            kept.append(cand)
    return sorted(found + kept) if kept else found


def _clause_start(text: str, pos: int, spec: MarkerSpec) -> int:
    """2 when ``pos`` starts a paragraph (after indentation), 1 when it starts a clause,
    else 0.

    A clause starts after a clause mark (``clause_start``), after an opening quote or
    bracket (``openers``) that itself starts a clause (“一是…” but not 提升“六要素”),
    and right after a paragraph-initial heading number (（三）一是…).  Spaces between
    them and the marker are layout (or a stray space, PUN004's): 。 一是 and 1. 一是 count.
    """
    j = pos
    while j > 0 and text[j - 1] in _INDENT_CHARS:
        j -= 1
    if j == 0 or text[j - 1] in _EOL_CHARS:
        return 2
    pos = j
    c = text[pos - 1]
    if c in spec.clause_start:
        return 1
    if c in spec.openers:
        return 1 if _clause_start(text, pos - 1, spec) else 0
    if c in _LABEL_ENDS:
        # a heading number is short: look back a few characters only
        window = max(0, pos - 12)
        eol = max(text.rfind("\n", window, pos), text.rfind("\r", window, pos))
        line_start = eol + 1 if eol >= 0 else window
        if (eol >= 0 or window == 0) and _label_at_start().fullmatch(text, line_start, pos):
            return 1
    return 0


_LABEL_ENDS = "）)、.．"


@cache
def _label_at_start() -> re.Pattern[str]:
    """A heading number opening a line, before a marker: compiled when a marker follows one
    of :data:`_LABEL_ENDS` (its classes of Chinese numerals: ~1-2 ms to compile)."""
    return re.compile(f"{INDENT}(?:[（(]?(?:{CN_NUMERAL}|{AR_NUMERAL})[）)]|{CN_NUMERAL}、|{AR_NUMERAL}[.．])")
