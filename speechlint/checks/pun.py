"""PUN: punctuation (GB/T 15834-2011 《标点符号用法》).

Speed: every search is led by a literal character (``re`` scans for a literal
about ten times faster than for a character class), and the bracket matcher
first lets one possessive regex consume every well-formed line in C; only the
lines where it stops are walked bracket by bracket in Python.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property

from ..document import HAN_RUN, Document, LineIndex, is_han
from ..model import Diagnostic, Edit, Fix, Span
from ..outline import AR_NUMERAL, CN_NUMERAL
from ..registry import rule
from . import HAN, MASK, quote

#: Full-width Chinese punctuation (点号 and 标号) that a stray space or a
#: half-width mark may touch.
CJK_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】〔〕［］…—～·「」『』"
#: Han characters and Chinese punctuation: "Chinese text" around a mark.
ZH = HAN + re.escape(CJK_PUNCT)
_SPACES = " \u3000\u00a0"
_EOL = re.compile(r"\r\n|\r|\n")


def _zh_at(text: str, i: int) -> bool:
    """Is ``text[i]`` (``i >= 0``) Chinese text: a Han character or a mark of :data:`CJK_PUNCT`?

    The shared :func:`~speechlint.document.is_han` and a string test rather than a class of :data:`ZH` compiled
    here: re's compiler visits every character of a class's ranges, ~4 ms at each start for
    the 28,000 Han characters of the Basic Multilingual Plane.
    """
    return i < len(text) and (text[i] in CJK_PUNCT or is_han(text, i))


def _beside_zh(text: str, start: int, end: int) -> bool:
    """Is there Chinese text just before ``start`` or just after ``end``?"""
    return (start > 0 and _zh_at(text, start - 1)) or _zh_at(text, end)


def _line_start(text: str, i: int) -> int:
    """Offset of the start of the line containing ``i`` (lines end at \\n, \\r\\n, \\r)."""
    j = text.rfind("\n", 0, i)
    return max(j, text.rfind("\r", j + 1, i)) + 1


def _line_end(text: str, i: int) -> int:
    m = _EOL.search(text, i)
    return m.start() if m else len(text)


def _next_line(text: str, i: int) -> int:
    """Start of the line after the one containing ``i`` (len(text) at the end)."""
    m = _EOL.search(text, i)
    return m.end() if m else len(text)


_LATIN_RUN = re.compile("[A-Za-z]+")


class _English:
    """Whether the line holding an offset is mostly English (more Latin letters than Han):
    a bilingual note's English sentence may quote Chinese words with English punctuation."""

    def __init__(self, text: str, index: LineIndex) -> None:
        self.text = text
        self.index = index  # the document's: check_text keeps every line break of text
        self.cache: dict[int, bool] = {}

    def __call__(self, i: int) -> bool:
        ln = self.index.line_of(i)  # not a scan back to the line start: long lines
        hit = self.cache.get(ln)
        if hit is None:
            line = self.text[self.index.starts[ln] : self.index.line_end(ln)]
            latin = sum(map(len, _LATIN_RUN.findall(line)))
            hit = self.cache[ln] = latin > sum(map(len, HAN_RUN.findall(line)))
        return hit


def _q(s: str) -> str:
    """Quote punctuation marks for a message: 「“」 reads better than ““”."""
    return f"「{s}」"


@dataclass(frozen=True)
class _LiteralLed:
    """A pattern led by the literal character ``lead``, compiled when a text first holds
    that character: each of PUN002's and PUN004's patterns spells out the class of Han
    characters (about 1.5 ms to compile), and most drafts hold few of their marks (the
    10 MB benchmark input none of , ; : ! ?)."""

    lead: str
    source: str

    @cached_property
    def compiled(self) -> re.Pattern[str]:
        return re.compile(self.source)


def _literal_led(chars: str, body: str) -> list[_LiteralLed]:
    """One pattern per character, each led by that literal (see module doc)."""
    return [_LiteralLed(c, re.escape(c) + body.replace("{c}", re.escape(c))) for c in chars]


def _scan(text: str, pattern: re.Pattern[str] | _LiteralLed) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern led by a single literal character.

    ``str.find`` (memchr) skips to a rare character several times faster than ``re``'s
    own search; when the character turns out to be frequent, ``re`` takes over.
    """
    if isinstance(pattern, _LiteralLed):
        lead = pattern.lead
        i = text.find(lead)
        if i < 0:
            return  # never compiled
        pattern = pattern.compiled
    else:
        lead = pattern.pattern[0] if pattern.pattern[0] != "\\" else pattern.pattern[1]
        if lead in "([" or (pattern.pattern[0] == "\\" and lead.isalnum()):
            raise ValueError(f"pattern {pattern.pattern!r} is not led by a literal character")
        i = text.find(lead)
    find = text.find
    tries = 0
    while i >= 0:
        m = pattern.match(text, i)
        if m is not None:
            yield m
            i = m.end() if m.end() > i else i + 1
        else:
            i += 1
        tries += 1
        if tries == 256:
            yield from pattern.finditer(text, i)
            return
        i = find(lead, i)


# ---------------------------------------------------------------------------
# PUN001 unpaired-bracket


#: Consumes any text to its end (PUN001's well-formed pattern for a text without brackets).
_ALL = re.compile(r"(?s).*+")


@dataclass(frozen=True)
class BracketData:
    """PUN001's data: the paired marks."""

    #: Opening mark -> closing mark.
    pairs: Mapping[str, str] = field(
        default_factory=lambda: {
            "“": "”", "‘": "’", "（": "）", "《": "》", "〈": "〉",
            "【": "】", "〔": "〕", "［": "］",
        }
    )
    #: Half-width marks that pair with a full-width one (the width mismatch is PUN003's);
    #: alone they are not reported (``1)`` enumerations).
    halfwidth: Mapping[str, str] = field(default_factory=lambda: {"(": "（", ")": "）"})
    #: Outer mark -> the mark to use for a pair nested directly inside it.
    inner: Mapping[str, str] = field(default_factory=lambda: {"“": "‘", "《": "〈"})
    #: Half-width marks that open and close alike (``"``) -> the full-width opening mark they
    #: stand for: one closes an open full-width twin or another of its kind, else it opens
    #: one.  Alone they are not reported: the half-width mark is the defect (PUN008's), its
    #: full-width partner at the other end is not a second one.
    ambiguous: Mapping[str, str] = field(default_factory=lambda: {'"': "“"})

    def validate(self) -> str | None:
        for o, c in self.pairs.items():
            if len(o) != 1 or len(c) != 1 or o == c:
                return f"pairs: {o!r} -> {c!r} must be two different single characters"
        closers = set(self.pairs.values())
        for f in self.halfwidth.values():
            if f not in self.pairs and f not in closers:
                return f"halfwidth: {f!r} is not a bracket in 'pairs'"
        for o, i in self.inner.items():
            if o not in self.pairs or i not in self.pairs:
                return f"inner: {o!r} -> {i!r} must both be opening marks in 'pairs'"
        for h, f in self.ambiguous.items():
            if len(h) != 1 or f not in self.pairs or h in self.all_marks.replace(h, ""):
                return f"ambiguous: {h!r} -> {f!r} must be a new single mark and an opening mark in 'pairs'"
        return None

    @cached_property
    def opener_of(self) -> dict[str, frozenset[str]]:
        """Closing mark -> the opening marks it may close (half-width ones included)."""
        out: dict[str, set[str]] = {}
        for o, c in self.pairs.items():
            out.setdefault(c, set()).add(o)
        for h, f in self.halfwidth.items():
            if f in self.pairs:  # a half-width opener
                out[self.pairs[f]].add(h)
        for h, f in self.halfwidth.items():
            if f in out:  # a half-width closer closes what its full-width twin closes
                out[h] = set(out[f])
        for h, f in self.ambiguous.items():  # " closes “ or ", and ” closes "
            out[h] = {f, h}
            out[self.pairs[f]].add(h)
        return {c: frozenset(o) for c, o in out.items()}

    @cached_property
    def all_marks(self) -> str:
        return "".join(
            dict.fromkeys([*self.pairs, *self.pairs.values(), *self.halfwidth, *self.ambiguous])
        )

    @cached_property
    def token(self) -> re.Pattern[str]:
        return re.compile(f"[{re.escape(self.all_marks)}]")

    def marks_in(self, text: str) -> str:
        """:attr:`all_marks` without the opening marks that never occur in ``text``.

        Only an opening mark's absence shrinks :meth:`well_formed_for`'s pattern (by its
        pair's branches), and proving a mark absent costs a scan of the whole text (memchr,
        ~2 M instructions for 10 MB): closing and ambiguous marks are kept unscanned.
        """
        openers = {*self.pairs, *(h for h, f in self.halfwidth.items() if f in self.pairs)}
        return "".join(c for c in self.all_marks if c not in openers or c in text)

    def well_formed_for(self, marks: str) -> re.Pattern[str]:
        """The well-formed pattern for a text holding only the marks of ``marks`` (each
        compiled once).

        Where a mark never occurs, its pair's branches can never match and leaving it out
        of the classes of plain text changes nothing, so the pattern finds the same stop
        (``marks`` may hold marks the text lacks: those only cost compile time).
        The smaller pattern compiles faster: each class of plain text is a 65,536-character
        bitmap to ``re``'s compiler, and the full pattern spells out about 80 of them (~25 ms
        per process; a speech with only “”（）《》 needs about a fifth of that).
        """
        if not marks:
            return _ALL  # no bracket at all: everything is well formed
        found = self._well_formed_by_marks.get(marks)
        if found is None:
            found = self._well_formed_by_marks[marks] = self._well_formed(marks)
        return found

    @cached_property
    def _well_formed_by_marks(self) -> dict[str, re.Pattern[str]]:
        return {}

    def _well_formed(self, marks: str) -> re.Pattern[str]:
        """Consumes text up to the first bracket that is not part of a well-formed
        structure (pairs within one line, nested at most two deep, no “ directly in “;
        deeper nesting is left to the walk: a bigger pattern costs more at every start).
        Only the marks of ``marks`` are known: pairs whose opening marks are all missing
        from it are left out."""
        br = re.escape(marks)
        plain = f"[^{br}\\r\\n]*+"
        kinds: list[tuple[str, str, str]] = []  # (opener key, opener class, closer class)
        for o, c in self.pairs.items():
            opens = o + "".join(h for h, f in self.halfwidth.items() if f == o)
            if not any(h in marks for h in opens):
                continue  # never opened: its branch could never match
            closes = c + "".join(h for h, f in self.halfwidth.items() if f == c)
            kinds.append((o, f"[{re.escape(opens)}]", f"[{re.escape(closes)}]"))
        common = "“（《〔【"  # try the frequent pairs first
        kinds.sort(key=lambda k: common.find(k[0]) % (len(common) + 1))
        level: dict[str | None, str] | None = None
        for _ in range(2):
            alts: list[tuple[str, str]] = []
            for key, oc, cc in kinds:
                if level is None:
                    alts.append((key, f"{oc}[^{br}\\r\\n]*+{cc}"))
                else:  # "unrolled": one loop turn per nested pair, no alternation
                    inside = level.get(key, level[None])
                    alts.append((key, f"{oc}{plain}(?:{inside}{plain})*+{cc}"))
            new: dict[str | None, str] = {None: "(?:" + "|".join(a for _, a in alts) + ")"}
            for outer in self.inner:
                new[outer] = "(?:" + "|".join(a for k, a in alts if k != outer) + ")"
            level = new
        assert level is not None
        return re.compile(f"[^{br}]*+(?:{level[None]}[^{br}]*+)*+")


@dataclass
class _Open:
    """An opening mark waiting for its closing mark."""

    mark: str
    pos: int
    nested_in_same: bool = False
    children: list[tuple[int, int, str]] = field(default_factory=list)  # (open, close, outer)


def _walk_paragraph(
    text: str, start: int, end: int, data: BracketData, stack: list[_Open], out: list[Diagnostic]
) -> None:
    """Match the brackets of one paragraph; ``stack`` may carry a quote from the previous one."""
    line = text[start:end]
    opener_of = data.opener_of
    for m in data.token.finditer(line):
        ch = m.group()
        pos = start + m.start()
        if ch in data.ambiguous and not any(item.mark in opener_of[ch] for item in stack):
            stack.append(_Open(ch, pos))  # nothing to close: it opens (silently, see below)
            continue
        if ch in data.pairs or (ch in data.halfwidth and data.halfwidth[ch] in data.pairs):
            top = stack[-1] if stack else None
            same = top is not None and ch in data.inner and top.mark == ch
            stack.append(_Open(ch, pos, same))
            continue
        k = m.start()
        if (
            ch == "’"
            and 0 < k < len(line) - 1
            and _LATIN.match(line, k - 1)
            and _LATIN.match(line, k + 1)
            and not any(item.mark == "‘" for item in stack)
        ):
            continue  # an apostrophe in English: don’t
        if ch == "’" and _ELIDED_YEAR.match(line, k + 1) and not any(item.mark == "‘" for item in stack):
            continue  # an apostrophe for a year's century: ’99昆明世博会
        openers = opener_of.get(ch, frozenset())
        depth = next((k for k in range(len(stack) - 1, -1, -1) if stack[k].mark in openers), None)
        if depth is None:
            top = stack[-1] if stack else None
            if (
                top is not None
                and top.pos >= start  # opened in this paragraph, not a quote carried into it
                and ch not in data.halfwidth
                and top.mark in data.pairs
                and line.count(data.pairs[top.mark], m.end()) <= line.count(top.mark, m.end())
            ):
                # “纲要（草案）》: one mark typed for another -- an opener that is never closed
                # and a closer of another kind that nothing opened are one defect, one finding
                stack.pop()
                want = "".join(sorted(o for o in openers if o in data.pairs))
                out.append(
                    Diagnostic(
                        "PUN001",
                        Span(top.pos, top.pos + 1),
                        f"{_q(top.mark)}与后面的{_q(ch)}不配对：应为{_q(want + ch)}或{_q(top.mark + data.pairs[top.mark])}，请改正",
                    )
                )
                continue
            if ch not in data.halfwidth and not _after_heading_number(text, pos):
                # a lone ``1)`` is an enumeration, not a bracket; a paragraph-initial ``1）``
                # is a heading number missing its （, NUM006's one finding
                want = "".join(sorted(o for o in openers if o in data.pairs))
                out.append(
                    Diagnostic(
                        "PUN001",
                        Span(pos, pos + 1),
                        f"{_q(ch)}前面没有配对的{_q(want)}，请补上或删去",
                    )
                )
            continue
        for item in stack[depth + 1 :]:
            _report_unclosed(item, data, out, before=ch)
        closed = stack[depth]
        del stack[depth:]
        for o_pos, c_pos, outer in closed.children:
            inner = data.inner[outer]
            out.append(
                Diagnostic(
                    "PUN001",
                    Span(o_pos, o_pos + 1),
                    f"{_q(outer)}内再用{_q(outer)}，内层应改用{_q(inner + data.pairs[inner])}",
                    Fix((Edit(Span(o_pos, o_pos + 1), inner), Edit(Span(c_pos, c_pos + 1), data.pairs[inner])), "unsafe"),
                )
            )
        if closed.nested_in_same and stack and closed.mark in data.pairs and ch == data.pairs[closed.mark]:
            stack[-1].children.append((closed.pos, pos, closed.mark))


def _report_unclosed(item: _Open, data: BracketData, out: list[Diagnostic], before: str = "") -> None:
    if item.mark in data.halfwidth or item.mark in data.ambiguous:
        return
    close = data.pairs.get(item.mark, "")
    where = f"，在{_q(before)}之前就结束了" if before else ""
    out.append(
        Diagnostic(
            "PUN001",
            Span(item.pos, item.pos + 1),
            f"{_q(item.mark)}没有配对的{_q(close)}{where}，请补上或删去",
        )
    )


_LATIN = re.compile("[A-Za-z]")
#: A paragraph-initial heading numeral as NUM's outline reads one (1, 12, 一, 十二).
@cache
def _heading_numeral() -> re.Pattern[str]:
    """Compiled when a mark follows one (its classes of Chinese numerals: ~1 ms to compile)."""
    return re.compile(f"[{_SPACES}\t]*(?:{AR_NUMERAL}|{CN_NUMERAL})")


def _after_heading_number(text: str, pos: int) -> bool:
    """Does the mark at ``pos`` close a heading number opening its line (``1）``)?"""
    start = _line_start(text, pos)
    m = _heading_numeral().match(text, start, pos)
    return m is not None and m.end() == pos
#: Two digits and no third after an apostrophe: the year of ’99 (a quote mark after which a
#: number follows, ‘十四五’2025年, has one open before it or more digits)
_ELIDED_YEAR = re.compile("[0-9０-９]{2}(?![0-9０-９])")


# A blank line and a line's indentation: read where a quote runs on past its paragraph and
# by PUN001's line view, compiled then (classes of non-ASCII spaces: ~0.3 ms, in every process).
@cache
def _blank() -> re.Pattern[str]:
    return re.compile(f"[{_SPACES}\t{MASK}]*+(?![^\r\n])")


@cache
def _indent() -> re.Pattern[str]:
    return re.compile(f"[{_SPACES}\t]*")


def _end(m: re.Match[str] | None) -> int:
    assert m is not None  # patterns that can match the empty string always match
    return m.end()


def _bracket_view(number: int, line: str, masked: str) -> tuple[object, tuple[tuple[int, int], ...]]:
    """PUN001's line view (``registry.rule``): whether the line is blank (a quote may run on
    to the next paragraph; in Markdown a paragraph runs to a blank line), its indentation
    and first characters (does it reopen the quote carried into it, does a heading number
    open it?), and each mark with the
    characters beside it (an apostrophe between Latin letters is no quote, nor one before
    the two digits of a year: ’99)."""
    from ..data import family_data

    data: BracketData = family_data("PUN")["PUN001"]  # the data the engine runs it with
    parts = [(0, _end(_indent().match(masked)) + 4)]  # a heading numeral after it: 十二）
    parts.extend(
        (max(0, m.start() - 1), m.end() + (3 if m.group() == "’" else 1)) for m in data.token.finditer(masked)
    )
    return _blank().match(masked) is not None, tuple(parts)


@rule("PUN001", "unpaired-bracket", data=BracketData, severity="error", scope="document", line_view=_bracket_view)
def unpaired_bracket(doc: Document, data: BracketData) -> Iterator[Diagnostic]:
    """括号、引号、书名号不成对或嵌套错误。

    ## 检查内容
    在一个段落内，成对的标号“”‘’（）《》〈〉【】〔〕［］缺少另一半、交叉嵌套（如“（”）），
    或引号内直接再用双引号、书名号内直接再用书名号。报告落单的那一个符号；一个符号错打成
    另一种（`“纲要（草案）》`：前面的“没有闭合、后面的》没有开头）是一处错误，只在前一个
    符号处报告一次。

    Markdown 文件中一个段落可以折成多行（到空行为止），括号可以在同一段落的后面几行里闭合。

    引文跨段时，按规范每段开头用前引号、只在最后一段末尾用后引号：前一段的“未闭合、下一段
    以“开头时不报告，直到引文在后面的段落里闭合。半角括号与全角括号混配（`(三）`）视为成对，
    宽度问题由 PUN003/NUM006 报告；单独的半角`)`（如`1)`）不报告，段首标题序号缺了前括号
    （`1）加强领导`）由 NUM006 报告；英文单词中的撇号’和省略年份世纪的撇号（`’99昆明世博会`）不报告。

    ## 为什么
    漏掉的后引号、后括号会让读者分不清引文或注释在哪里结束；交叉嵌套和层次颠倒的引号、
    书名号在正式文稿中十分显眼，也常是复制粘贴留下的残迹。

    ## 示例（错 → 对）
    - 错：`全面落实“一岗双责，构建责任体系。` → 对：`全面落实“一岗双责”，构建责任体系。`
    - 错：`会议（扩大会议召开。` → 对：`会议（扩大会议）召开。`
    - 错：`他说：“要落实“两个维护”。”` → 对：`他说：“要落实‘两个维护’。”`
    - 错：`学习《关于《条例》的说明》` → 对：`学习《关于〈条例〉的说明》`

    ## 修复安全性
    落单的符号没有自动修复：缺的另一半该补在哪里，需要人来判断。嵌套层次错误给出不安全的
    修复（把内层的一对改为‘’或〈〉），需 `--unsafe-fixes`。

    ## 依据
    GB/T 15834-2011《标点符号用法》4.8（引号：双引号在外、单引号在内；多段引文每段开头用
    前引号，只在最后一段末尾用后引号）、4.9（括号）、4.15（书名号：《》在外、〈〉在内）。
    """
    text = doc.check_text
    # a short draft checked once (the command line) is walked paragraph by paragraph: cheaper
    # than compiling the well-formed pattern (see _WALK_BELOW); the same findings either way
    fast = doc.edited or len(text) >= _WALK_BELOW
    # a document being edited keeps the pattern for every mark: compiled once for all its
    # keystrokes, it spares each of them the scans for the marks the text holds
    marks = data.all_marks if doc.edited else None
    yield from _unpaired(text, data, fast=fast, soft_wrap=doc.filetype == "md", marks=marks)


#: Texts shorter than this many characters are walked whole by PUN001 rather than skipped
#: through with ``BracketData.well_formed_for``: compiling that pattern takes ~13 ms, walking
#: 100,000 characters ~5 ms.  A document being edited (the language server) keeps the fast
#: path: the pattern is compiled once for all its keystrokes.
_WALK_BELOW = 100_000


def _unpaired(
    text: str, data: BracketData, fast: bool = True, soft_wrap: bool = False, marks: str | None = None
) -> list[Diagnostic]:
    """PUN001's findings; ``fast=False`` walks every paragraph (the reference for tests).

    ``soft_wrap`` (Markdown): a paragraph runs on until a blank line, so a bracket may
    close on a later line of the same paragraph.  ``marks``: the fast path's pattern is the
    one for these marks (None: for the marks ``text`` holds).
    """
    n = len(text)
    well_formed = None
    if fast:
        well_formed = data.well_formed_for(data.marks_in(text) if marks is None else marks)
    out: list[Diagnostic] = []
    pos = 0
    while pos < n:
        stop = _end(well_formed.match(text, pos)) if well_formed is not None else pos
        if stop >= n:
            break
        start = _line_start(text, stop)
        stack: list[_Open] = []
        while True:
            end = _line_end(text, start)
            _walk_paragraph(text, start, end, data, stack, out)
            pos = _next_line(text, end)
            if not stack:
                break
            if soft_wrap and pos < n and _blank().match(text, pos) is None:
                start = pos
                continue
            # a quote running into the next paragraph: legal when the next (non-blank)
            # paragraph opens with the same quote mark and only the last one closes it
            nxt = pos
            while nxt < n:
                ind = _end(_indent().match(text, nxt))
                if ind < n and text[ind] not in "\r\n":
                    break
                nxt = _next_line(text, ind)
            carried = len(stack) == 1 and stack[0].mark == "“"
            ind = _end(_indent().match(text, nxt)) if nxt < n else n
            if carried and ind < n and text[ind] == stack[0].mark:
                start = ind + 1  # the continuation mark reopens nothing
                continue
            for item in stack:
                _report_unclosed(item, data, out)
            break
    out.sort(key=lambda d: d.span.start)
    return out


# ---------------------------------------------------------------------------
# PUN002 halfwidth-punctuation


@dataclass(frozen=True)
class HalfwidthData:
    """PUN002's data: half-width marks and their full-width forms."""

    #: Half-width mark -> its full-width form in Chinese text.
    marks: Mapping[str, str] = field(
        default_factory=lambda: {",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}
    )
    #: Characters that count as Latin before a mark followed by Chinese (``GDP,增长``);
    #: digits are left out on purpose: ``1,000``, ``8:30``, ``3:2`` and the ``1,`` of a
    #: heading number (NUM's business) are never reported.
    latin: str = "A-Za-z%"
    #: The full stop for a half-width ``.`` right after a Han character.
    period: str = "。"
    #: A heading number with a half-width point at the start of a paragraph (``一.``): NUM's.
    heading_number: re.Pattern[str] = re.compile(r"[ \t\u3000]*[一二三四五六七八九十百零〇两]+\.")

    def validate(self) -> str | None:
        for h, f in self.marks.items():
            if len(h) != 1 or not h.isascii() or len(f) != 1:
                return f"marks: {h!r} -> {f!r} must map one ASCII mark to one character"
        return None

    @cached_property
    def patterns(self) -> list[_LiteralLed]:
        # after Chinese text, or between a Latin word and Chinese text
        return _literal_led(
            "".join(self.marks),
            f"(?:(?<=[{ZH}]{{c}})|(?<=[{self.latin}]{{c}})(?=[{HAN}]))",
        )


@rule("PUN002", "halfwidth-punctuation", data=HalfwidthData, severity="error", fix="safe")
def halfwidth_punctuation(doc: Document, data: HalfwidthData) -> Iterator[Diagnostic]:
    """中文里用了半角标点（, ; : ! ? .）。

    ## 检查内容
    紧跟在汉字或中文标点之后的半角`,` `;` `:` `!` `?`，以及夹在英文词和汉字之间的这些
    符号（`GDP,增长`），应改为全角`，` `；` `：` `！` `？`；紧跟在汉字之后的单个半角句点
    `.` 应为`。`（三个点是省略号，归 PUN005；段首的`一.`是标题序号，归 NUM）。

    不报告：小数（`3.14`）、时间（`8:30`）、比分与比例（`3:2`）、千分位（`1,000`）、
    网址（已屏蔽）、英文句子内部（`Hello, world`）、英文的`?!`连用、标题序号`1.`
    （序号的写法由 NUM 规则检查），以及以英文为主的行（拉丁字母多于汉字：双语说明里
    英文句子夹用的中文词，如 `drafts (讲话稿, 公文)`）。

    ## 为什么
    中文文稿中的点号应为全角。半角逗号、冒号在汉字间显得局促，排版时还可能与后一个字粘连，
    是输入法切换不及时留下的典型错误。

    ## 示例（错 → 对）
    - 错：`各级领导干部要带头,形成工作合力。` → 对：`各级领导干部要带头，形成工作合力。`
    - 错：`主要任务:一是……` → 对：`主要任务：一是……`
    - 对（不报）：`上午8:30开会`、`增长3.5%`、`1.推进政府自身改革`

    ## 修复安全性
    安全：只把该半角符号换成对应的全角符号。例外：汉字后的`.`若后面还有文字，修复为`。`
    不安全（也可能本应是间隔号`·`，如`马克思.韦伯`），需 `--unsafe-fixes`。

    ## 依据
    GB/T 15834-2011《标点符号用法》：点号、标号的形式为全角的中文标点（见第 4 章各条及
    附录关于标点符号位置和书写形式的规定）；半角形式用于外文和数字。
    """
    text = doc.check_text
    english = _English(text, doc.index)
    found: list[Diagnostic] = []
    for pattern in data.patterns:
        for m in _scan(text, pattern):
            if english(m.start()):
                continue
            ch = m.group()
            span = Span(m.start(), m.end())
            full = data.marks[ch]
            found.append(
                Diagnostic(
                    "PUN002",
                    span,
                    f"中文里的半角{quote(ch)}应为全角{quote(full)}",
                    Fix.replace(span, full),
                )
            )
    n = len(text)
    for m in _scan(text, _HALF_PERIOD):
        i = m.start()
        if i == 0 or not is_han(text, i - 1) or english(i):
            continue
        ls = doc.index.starts[doc.index.line_of(i)]
        h = data.heading_number.match(text, ls)
        if h is not None and h.end() == i + 1:
            continue
        span = Span(i, i + 1)
        # at a sentence end the full stop is certain; before more text it may have been
        # meant as a 间隔号 (马克思.韦伯 -> 马克思·韦伯)
        safe = i + 1 >= n or text[i + 1] in "\r\n”’）》" + _SPACES
        found.append(
            Diagnostic(
                "PUN002",
                span,
                f"中文里的半角{quote('.')}应为{quote(data.period)}",
                Fix.replace(span, data.period, "safe" if safe else "unsafe"),
            )
        )
    found.sort(key=lambda d: d.span.start)
    yield from found


#: A half-width period not followed by another; the character before must be Han (tested
#: with :func:`~speechlint.document.is_han`, shared: a lookbehind class of :data:`HAN` here cost ~4 ms to compile).
#: Each match is the one character, so the positions tried are those of the lookbehind form.
_HALF_PERIOD = re.compile("\\.(?!\\.)")


# ---------------------------------------------------------------------------
# PUN003 halfwidth-bracket


@dataclass(frozen=True)
class HalfwidthBracketData:
    """PUN003's data: half-width brackets in Chinese text."""

    #: A bracketed heading number at the start of a paragraph: NUM's business (NUM006).
    heading_number: re.Pattern[str] = re.compile(
        r"[ \t\u3000]*[（(][ \u3000]*(?:[一二三四五六七八九十百零〇两]+|[0-9]+)[ \u3000]*[）)]"
    )


_BRACKETS = "()（）"
_BRACKET_RE = re.compile("[()（）]")
_PAREN_OPEN = re.compile(r"\(")
_PAREN_CLOSE = re.compile(r"\)")


@rule("PUN003", "halfwidth-bracket", data=HalfwidthBracketData, severity="error", fix="safe")
def halfwidth_bracket(doc: Document, data: HalfwidthBracketData) -> Iterator[Diagnostic]:
    """中文里用了半角括号，或一对括号一半全角一半半角。

    ## 检查内容
    - 括号内含有汉字的一对半角括号`(…)`：应为全角`（…）`；
    - 宽度不一致的一对括号`（…)`、`(…）`：半角的那一半应改为全角。

    段首的括号序号（`(三）`、`(1)`）不在此报告，由 NUM006 负责，避免同一处报两次。
    括号内只有字母、数字的半角括号（`(a)`、`(2)`）、单独的`)`，以及以英文为主的行
    （拉丁字母多于汉字，如 `Chinese drafts (讲话稿) are checked`）也不报告。

    ## 为什么
    中文文稿中的括号应为全角；半角括号与汉字挤在一起，一对括号宽度不一时尤其醒目。

    ## 示例（错 → 对）
    - 错：`召开党组(扩大)会议` → 对：`召开党组（扩大）会议`
    - 错：`落实“两个责任”（主体责任和监督责任)` → 对：`……（主体责任和监督责任）`

    ## 修复安全性
    安全：只把半角括号换成全角括号，且只在能确定配对的另一半时报告。

    ## 依据
    GB/T 15834-2011《标点符号用法》4.9（括号）：中文括号为全角形式，一对括号的两半形式相同。
    """
    text = doc.check_text
    if "(" not in text and ")" not in text:
        return
    english = _English(text, doc.index)
    found: list[Diagnostic] = []
    index = doc.index  # line starts and ends by bisection: no rescans of a long line
    brackets = [m.start() for m in _BRACKET_RE.finditer(text)]

    def heading(open_pos: int) -> bool:
        ls = index.starts[index.line_of(open_pos)]
        m = data.heading_number.match(text, ls)
        return m is not None and m.end() > open_pos

    for m in _PAREN_OPEN.finditer(text):
        i = m.start()
        end = index.line_end(index.line_of(i))
        nxt = _BRACKET_RE.search(text, i + 1, end)
        if nxt is None or nxt.group() not in ")）" or heading(i) or english(i):
            continue
        j = nxt.start()
        content = text[i + 1 : j]
        if text[j] == "）" or HAN_RUN.search(content):
            found.append(_bracket_diag(i, "(", "（", text[j]))
            if text[j] == ")":
                found.append(_bracket_diag(j, ")", "）", "("))
    for m in _PAREN_CLOSE.finditer(text):
        j = m.start()
        ls = index.starts[index.line_of(j)]
        k = bisect_left(brackets, j) - 1  # the last bracket before j on its line, or -1
        i = brackets[k] if k >= 0 and brackets[k] >= ls else -1
        if i < 0 or text[i] != "（" or heading(i) or english(i):
            continue
        found.append(_bracket_diag(j, ")", "）", "（"))
    found.sort(key=lambda d: d.span.start)
    yield from found


def _bracket_diag(pos: int, half: str, full: str, partner: str) -> Diagnostic:
    span = Span(pos, pos + 1)
    why = "与全角括号混配" if partner in "（）" else "用在中文里"
    return Diagnostic(
        "PUN003", span, f"半角括号{quote(half)}{why}，应为全角{quote(full)}", Fix.replace(span, full)
    )


# ---------------------------------------------------------------------------
# PUN004 stray-space


@dataclass(frozen=True)
class SpaceData:
    """PUN004's data: allowed spaces and layout lines."""

    #: A space inside a match of one of these patterns (on its line) is not reported.
    allow: tuple[re.Pattern[str], ...] = ()
    #: Layout lines (see :func:`_layout_line`): a title-block line is at most this long ...
    title_max: int = 40
    #: ... among at most this many lines at the top of the document; a half-width space there
    #: separates two clauses of a title, each at least this long (not a short slogan);
    title_lines: int = 6
    title_clause: int = 8
    #: a signature, name or date line anywhere is at most this long.
    signature_max: int = 30

    def validate(self) -> str | None:
        if min(self.title_max, self.title_lines, self.title_clause, self.signature_max) < 1:
            return "'title-max', 'title-lines', 'title-clause' and 'signature-max' must be positive"
        return None

    @cached_property
    def patterns(self) -> list[_LiteralLed]:
        # a run of spaces after a non-space, ending before Chinese text or the line end;
        # the rule keeps a run before Chinese text only when Chinese text precedes it too
        return _literal_led(
            _SPACES,
            f"(?<=[^{_SPACES}\\t\\r\\n]{{c}})[{_SPACES}\\t]*+(?:(?=[{ZH}])|(?![^\\r\\n]))",
        )


def _space_view(number: int, line: str, masked: str) -> tuple[object, tuple[tuple[int, int], ...]]:
    """PUN004's line view (``registry.rule``): a line of the title block at the top, or one
    holding a space or tab, is read whole (the run of spaces, the text on both sides, the
    allowed patterns and the layout of the line); the others not at all."""
    from ..data import family_data

    data: SpaceData = family_data("PUN")["PUN004"]  # the data the engine runs it with
    if number <= data.title_lines or any(c in masked for c in _SPACES + "\t"):
        return None, ((0, len(masked) + 1),)
    return None, ()


@rule("PUN004", "stray-space", data=SpaceData, severity="warning", fix="safe", scope="document",
      line_view=_space_view)
def stray_space(doc: Document, data: SpaceData) -> Iterator[Diagnostic]:
    """中文里多余的空格（半角或全角），以及行尾空格。

    ## 检查内容
    - 两个汉字之间、汉字与中文标点之间、两个中文标点之间的空格（半角、全角或不换行空格）；
    - 行尾的空格。

    不报告：段首的缩进（全角“　　”或半角空格）；汉字与英文、数字之间的空格（各单位体例不同）；
    只含空格的空行；Markdown 文件中表示换行的行尾两个半角空格；`rules/pun.yaml` 中 `allow`
    列出的体例，默认有两条：
    - 引号内用一个空格隔开的两段式口号、品牌（`“绿水青山 美丽乡村”`）：这是标语的排版习惯，
      语料中经专业编辑的政府工作报告也这样写；
    - 名单中两字人名、短标题中间补的一两个全角空格（`王　伟`、`总　　则`），为了对齐；
    - 段首（或修正案引文开头）条文序号后的空格（`第一条　为了……`、`第二章　总体要求`、
      `第一百二十条之一　……`、`修改为：“第十条　……”`），这是法规、规章的排版格式；
    - 下一个“标签：”栏目前两个以上的空格（`联系人：王　伟　　电话：……`），用来分隔栏目；
    - 字距拉开的标题行，每个字之间都有空格（`目　　录`、`政 府 工 作 报 告`），也包括编、章、节
      序号后字距拉开的标题（`第二章　一　般　规　定`，全国人大出版物的排法）；
    - 冒号后留待填写的一段空白（`姓名：　　　　`）：那是未填的空位，归 PH 规则管。

    也不报告排版行里分隔各部分的空格（由行的形状判断，不靠名单）。排版行是没有句内标点
    （，。；：？！、“”）、不以标题序号开头的短行：
    - 文件开头的标题块（题目、副题、日期、署名，如两段式题目
      `决胜全面建成小康社会　夺取新时代中国特色社会主义伟大胜利`），不超过40字；用半角空格
      隔开的，要么两段都有8字以上（题目的两个分句，不是`仅供学习 禁止外传`这类短语水印），
      要么是职务加2至3字的人名（`国务院总理 李强`）；
    - 任何位置的署名、职务和日期行：不超过30字，用全角空格隔开成两段，前一段是职务或单位，
      后一段是2至4个汉字的人名或日期（`国务院总理　李克强`、`某某市人民政府办公室　　2025年3月1日`）。
    行尾空格、半角空格留在正文句子里，仍然报告。

    ## 为什么
    中文不以空格分词，句中的空格多是从网页、PDF 复制或排版对齐留下的残迹，打印后出现不自然的空隙。

    ## 示例（错 → 对）
    - 错：`全面 推进从严治党` → 对：`全面推进从严治党`
    - 错：`同志们， 今天召开会议。` → 对：`同志们，今天召开会议。`

    ## 修复安全性
    安全：删除这段空格，不改动其他字符。

    ## 依据
    GB/T 15834-2011《标点符号用法》对各标点的书写位置作了规定（占一个字的位置，不另加空格）；
    正文中汉字之间不留空格是出版与公文排版的通行做法。
    """
    text = doc.check_text
    n = len(text)
    found: list[tuple[int, int, str]] = []
    for pattern in data.patterns:
        for m in _scan(text, pattern):
            s, e = m.start(), m.end()
            if e < n and text[e] not in "\r\n":  # before Chinese text
                if _zh_at(text, s - 1):  # s >= 1: the pattern looks behind its lead
                    found.append((s, e, "中文中间"))
            elif doc.filetype == "md" and m.group().startswith("  ") and m.group().strip(" ") == "":
                continue  # a Markdown hard line break
            else:
                found.append((s, e, "行尾"))
    found.sort()
    allowed: dict[int, list[list[tuple[int, int]] | None]] = {}  # line -> each pattern's matches
    title = _title_block(doc, data) if found else range(0)
    layout: dict[int, bool] = {}
    for start, end, where in found:
        if data.allow and _allowed(text, start, end, data.allow, doc.index, allowed):
            continue
        if where != "行尾":
            ln = doc.index.line_of(start)
            hit = layout.get(ln)
            if hit is None:
                hit = layout[ln] = _layout_line(doc.index.line_text(ln), data, ln in title)
            if hit:
                continue
        span = Span(start, end)
        yield Diagnostic(
            "PUN004",
            span,
            f"{where}多余的空格{quote(text[start:end])}，应删去",
            Fix.replace(span, ""),
        )


#: Punctuation of running text: a line holding one is a sentence, not a layout line.
_SENTENCE_MARKS = frozenset("，。；：？！、“”,;:?!")


# A heading number opening a line of the title block or a layout line: compiled when a
# stray space is found (its classes of Chinese numerals: ~1 ms to compile, in every process).
@cache
def _heading_start() -> re.Pattern[str]:
    return re.compile(
        r"[ \t\u3000]*(?:[一二三四五六七八九十百零〇两]+[、.．]|[（(][一二三四五六七八九十百零〇两0-9]+[）)]"
        r"|[0-9]+[.．、]|第[一二三四五六七八九十百千零〇两0-9]+[编章节条款部分])"
    )


# The last part of a layout line (a name or a date) is read only for a space no allow
# pattern covers, in a line without sentence punctuation: these two patterns are compiled
# then (each spells out the class of Han characters: ~1.5 ms to compile, in every process).
@cache
def _name_or_date() -> re.Pattern[str]:
    return re.compile(
        f"[{HAN}]{{2,4}}|[0-9〇零一二三四五六七八九十○]+年[0-9〇零一二三四五六七八九十]+月"
        f"(?:[0-9〇零一二三四五六七八九十]+日)?"
    )


@cache
def _short_name() -> re.Pattern[str]:
    return re.compile(f"[{HAN}]{{2,3}}")


def _title_block(doc: Document, data: SpaceData) -> range:
    """Line numbers of the document's title block: its first lines, up to the first line
    of running text (one with sentence punctuation, a heading number, or a long one)."""
    index = doc.index
    for ln in range(min(len(index.starts), data.title_lines + 1)):
        line = index.line_text(ln).strip(" \t\u3000")
        if line and (
            len(line) > data.title_max or _heading_start().match(line) or not _SENTENCE_MARKS.isdisjoint(line)
        ):
            return range(ln)
    return range(0)  # no running text after it: a snippet, not a title block


def _layout_line(line: str, data: SpaceData, in_title: bool) -> bool:
    """Is ``line`` laid out (a title, name, signature or date line) rather than running text?

    Such a line has no sentence punctuation and no heading number; in the title block at
    the top of a document any such line qualifies; elsewhere it is short and has two parts
    separated by full-width spaces only: a title or unit, then a 2-4 character name or a date.
    """
    s = line.strip(" \t\u3000")
    if not _SENTENCE_MARKS.isdisjoint(s) or _heading_start().match(s):
        return False
    parts = s.split()
    if in_title:
        # full-width spaces lay a title out; a half-width one separates two clauses of a title
        # or the speaker's post and a 2-3 character name (国务院总理 李强)
        return len(s) <= data.title_max and (
            " " not in s
            or all(len(part) >= data.title_clause for part in parts)
            or (len(parts) == 2 and len(parts[0]) >= 2 and _short_name().fullmatch(parts[1]) is not None)
        )
    if len(s) > data.signature_max or " " in s or "\u3000" not in s:
        return False
    # a title or unit, then a name or a date: 国务院总理　李克强, 某某市人民政府　　2025年3月1日
    return len(parts) == 2 and len(parts[0]) >= 2 and _name_or_date().fullmatch(parts[1]) is not None


def _allowed(
    text: str,
    start: int,
    end: int,
    allow: tuple[re.Pattern[str], ...],
    index: LineIndex,
    cache: dict[int, list[list[tuple[int, int]] | None]],
) -> bool:
    """True when a match of an ``allow`` pattern on the line covers ``[start, end)``.

    Each pattern's matches on a line are found once (a long line has many spaces), and only
    when the patterns before it did not cover this space: most spaces of official texts are
    allowed by the first patterns that are tried.
    """
    ln = index.line_of(start)
    ls, le = index.starts[ln], index.line_end(ln)
    per_pattern = cache.get(ln)
    if per_pattern is None:
        per_pattern = cache[ln] = [None] * len(allow)
    for i, pattern in enumerate(allow):
        spans = per_pattern[i]
        if spans is None:
            spans = per_pattern[i] = [m.span() for m in pattern.finditer(text, ls, le)]
        # finditer's matches are ordered and do not overlap: their ends grow with their starts,
        # so the last one starting at or before ``start`` reaches furthest
        k = bisect_left(spans, (start + 1,)) - 1
        if k >= 0 and end <= spans[k][1]:
            return True
    return False


# ---------------------------------------------------------------------------
# PUN005 wrong-ellipsis


@dataclass(frozen=True)
class EllipsisData:
    """PUN005's data: the right form of the ellipsis."""

    #: The right form of the ellipsis.
    ellipsis: str = "……"

    @cached_property
    def patterns(self) -> list[tuple[re.Pattern[str], bool]]:
        """(pattern, needs Chinese text on one side)."""
        return [
            (re.compile("。(?<!。。)(?=。。)。*+"), False),
            (re.compile("．(?<!．．)(?=．．)．*+"), False),
            (re.compile(r"\.(?<!\.\.)(?=\.\.)\.*+"), True),
            (re.compile("…(?<!……)(?:……)?(?!…)"), True),
        ]




@rule("PUN005", "wrong-ellipsis", data=EllipsisData, severity="error", fix="safe")
def wrong_ellipsis(doc: Document, data: EllipsisData) -> Iterator[Diagnostic]:
    """省略号写成了“。。。”“...”或单个“…”。

    ## 检查内容
    中文里的省略号应为两个“…”（U+2026）连写的“……”。报告：三个及以上的句号`。。。`、
    全角点`．．．`、中文旁的英文省略号`...`、单个或三个连写的`…`。两个句号`。。`是
    DUP003 的事，这里不报；英文句子里的`...`不报。

    ## 为什么
    省略号占两个字的位置、六个点；用句号或英文句点拼凑的省略号在正式文稿中不合规范，
    单个“…”只有三个点，印出来像漏了一半。

    ## 示例（错 → 对）
    - 错：`要抓好学习、宣传、落实。。。` → 对：`要抓好学习、宣传、落实……`
    - 错：`我们要...` → 对：`我们要……`
    - 错：`经济、政治、文化…` → 对：`经济、政治、文化……`

    ## 修复安全性
    安全：把这一串符号换成“……”。

    ## 依据
    GB/T 15834-2011《标点符号用法》4.11（省略号）：省略号的形式为“……”，占两个字的位置；
    整段省略可连用两个省略号（十二个点）。
    """
    yield from _misformed_marks("PUN005", doc.check_text, data.patterns, "省略号", data.ellipsis)


def _misformed_marks(
    code: str, text: str, patterns: Iterable[tuple[re.Pattern[str], bool]], name: str, right: str
) -> list[Diagnostic]:
    """Each run of ``patterns`` (beside Chinese text where its flag asks), to be ``right``,
    sorted by position (PUN005 ellipses, PUN007 dashes)."""
    found: list[Diagnostic] = []
    for pattern, needs_zh in patterns:
        for m in _scan(text, pattern):
            s, e = m.start(), m.end()
            if needs_zh and not _beside_zh(text, s, e):
                continue
            span = Span(s, e)
            found.append(
                Diagnostic(code, span, f"{name}{quote(m.group())}应为{quote(right)}", Fix.replace(span, right))
            )
    found.sort(key=lambda d: d.span.start)
    return found


# ---------------------------------------------------------------------------
# PUN006 dunhao-between-quotes


@dataclass(frozen=True)
class DunhaoData:
    """PUN006's data: when a 顿号 between quoted items is reported."""

    #: Report only in documents that elsewhere juxtapose quoted (or titled) items without a
    #: 顿号 (“A”“B”) at least as often: see the rule's documentation for why.
    only_when_mixed: bool = True

    @cached_property
    def kinds(self) -> list[tuple[re.Pattern[str], str, str]]:
        """(pattern of the 顿号, the form without it, a name for the message)."""
        return [
            (re.compile("”(?=、“)"), "”“", "引号"),
            (re.compile("》(?=、《)"), "》《", "书名号"),
        ]


@rule(
    "PUN006", "dunhao-between-quotes", data=DunhaoData, severity="warning", fix="safe", scope="document", preview=True
)
def dunhao_between_quotes(doc: Document, data: DunhaoData) -> Iterator[Diagnostic]:
    """并列的引号或书名号之间用了顿号（“A”、“B”，《甲》、《乙》）。

    ## 检查内容
    两个紧挨着的、各自带引号（或各自带书名号）的并列成分之间的顿号：`“A”、“B”` 应为
    `“A”“B”`，`《甲》、《乙》` 应为 `《甲》《乙》`。中间有其他成分（如括注）时顿号是对的：
    `“A”（注）、“B”` 不报告。

    可选规则（opt-in，默认不启用，用 `--extend-select PUN006` 启用）：标准的措辞是“通常不用”，
    是推荐而非禁止；2011年以前的标准允许加顿号，经专业编辑的报告（包括2011年以后的）两种写法
    都有，而且常在同一篇里并存（连写的`”“`有时并非并列成分），在质量基准的规范文本上本规则的
    发现全部是误报，达不到默认规则的精确率要求。

    启用后只在“体例不一”的文稿中报告，并且只报告少数的写法：同一篇文稿里把并列的引号（或
    书名号）直接连写（`”“`、`》《`）的次数不少于加顿号的次数，加了顿号的才报告；加顿号的
    占多数时，那是该文稿的体例（2011年以前的报告多这样写），不报告。理由：标准的措辞是“通常不用”，并非禁止；在语料的八篇
    经专业编辑的政府工作报告中，六篇连写，两篇（江苏、宁夏）通篇一律加顿号，是一种稳定的
    单位体例。同一篇里两种写法并存则肯定是疏漏。要严格按标准检查的单位，可把
    `rules/pun.yaml` 中 `PUN006.only-when-mixed` 设为 `false`。

    ## 为什么
    引号、书名号本身已经把并列成分分隔开，再加顿号显得累赘；同一篇文稿两种写法混用更显得不严谨。

    ## 示例（错 → 对）
    - 错：`坚决做到“两个维护”、“四个意识”……另一处又写“两重”“两新”`
      → 对：`坚决做到“两个维护”“四个意识”`
    - 错：`学习《条例》、《规定》` → 对：`学习《条例》《规定》`

    ## 修复安全性
    安全：只删去两个引号（书名号）之间的顿号。

    ## 依据
    GB/T 15834-2011《标点符号用法》4.5.3.5：标有引号的并列成分之间、标有书名号的并列成分
    之间通常不用顿号；若有其他成分插在并列的引号之间或并列的书名号之间（如括注），宜用顿号。
    """
    text = doc.check_text
    for pattern, joined, name in data.kinds:
        found = list(pattern.finditer(text))
        if not found or (data.only_when_mixed and text.count(joined) < len(found)):
            continue  # the document's own (majority) style: 顿号 between quoted items
        for m in found:
            span = Span(m.end(), m.end() + 1)
            yield Diagnostic(
                "PUN006",
                span,
                f"并列的{name}之间不用顿号：{_q(text[m.start() : m.end() + 2])}"
                f"应为{_q(joined)}",
                Fix.replace(span, ""),
            )


# ---------------------------------------------------------------------------
# PUN007 wrong-dash


@dataclass(frozen=True)
class DashData:
    """PUN007's data: the right form of the dash."""

    #: The right form of the dash.
    dash: str = "——"

    @cached_property
    def patterns(self) -> list[re.Pattern[str]]:
        return [
            re.compile(r"-(?<!--)(?=-)-*+"),
            re.compile("－(?<!－－)(?=－)－*+"),
        ]


@rule("PUN007", "wrong-dash", data=DashData, severity="warning", fix="safe")
def wrong_dash(doc: Document, data: DashData) -> Iterator[Diagnostic]:
    """中文里的破折号写成了“--”或“－－”。

    ## 检查内容
    汉字或中文标点旁边由两个及以上半角连字符`--`、全角减号`－－`拼成的破折号，应为两个
    U+2014 连写的“——”；段首的破折号（`——2025年3月5日在……`、`——人民生活水平稳步提高`）
    写成单个“—”或`--`、`－－`的（段首后接数字也算）。句中单个“—”不报告：它是连接号
    （`中国—东盟`、`2019—2020年`），段首的“—”不连接任何东西，只能是短了的破折号；
    英文和代码里的`--`不报告。

    ## 为什么
    破折号占两个字的位置、中间不断开；用连字符拼成的横线短而断续，印出来不像破折号。

    ## 示例（错 → 对）
    - 错：`这是我们的根本任务--发展经济。` → 对：`这是我们的根本任务——发展经济。`
    - 错：`—人民生活水平稳步提高。` → 对：`——人民生活水平稳步提高。`

    ## 修复安全性
    安全：把这一串横线换成“——”。

    ## 依据
    GB/T 15834-2011《标点符号用法》4.10（破折号）：破折号的形式为“——”，占两个字的位置；
    4.13（连接号）：一字线“—”、浪纹线“～”、短横线“-”各有其用法。
    """
    text = doc.check_text
    patterns = [(pattern, True) for pattern in data.patterns]  # always beside Chinese text
    found = _misformed_marks("PUN007", text, patterns, "破折号", data.dash)
    seen = {d.span.start for d in found}
    if "—" in text or "--" in text or "－－" in text:
        for m in _leading_dashes(text, doc.line_starts):
            span = Span(m.start(1), m.end(1))
            if span.start not in seen:
                found.append(
                    Diagnostic(
                        "PUN007", span, f"破折号{quote(m.group(1))}应为{quote(data.dash)}", Fix.replace(span, data.dash)
                    )
                )
        found.sort(key=lambda d: d.span.start)
    yield from found


#: A dash opening a paragraph (——2025年3月5日在…, ——人民生活水平稳步提高): a single — there
#: links nothing, so it is a short dash, not the connector of 中国—东盟; -- and －－ there
#: are reported before any text, digits included.
@cache
def _leading_dash() -> re.Pattern[str]:
    """Compiled when a line starts with a dash or a space (~0.4 ms to compile)."""
    return re.compile(r"(?m)^[ \t\u3000]*(—(?!—)|-{2,}+|－{2,}+)(?=[^\s\-－—])")
_LEADING_DASH_FIRST = " \t\u3000—-－"


def _leading_dashes(text: str, line_starts: Sequence[int]) -> Iterator[re.Match[str]]:
    """``_leading_dash().finditer(text)``, tried only at the start of each line: a pattern led by
    ``^`` gives ``re`` no character to scan for, and it tried every position (10 MB: 0.028 s,
    this way a few milliseconds).  ``^`` follows ``\n`` only, not a lone ``\r``."""
    match = None
    for start in line_starts:
        if start and text[start - 1] != "\n":
            continue
        if start < len(text) and text[start] in _LEADING_DASH_FIRST:
            match = match or _leading_dash().match
            m = match(text, start)
            if m is not None:
                yield m


# ---------------------------------------------------------------------------
# PUN008 halfwidth-quote


@dataclass(frozen=True)
class HalfwidthQuoteData:
    """PUN008's data: the quotes that replace straight double quotes."""

    #: The full-width pair that replaces straight double quotes in Chinese text.
    opening: str = "“"
    closing: str = "”"

    def validate(self) -> str | None:
        if len(self.opening) != 1 or len(self.closing) != 1:
            return "'opening' and 'closing' must be single characters"
        return None


_STRAIGHT = re.compile('"')
_STRAIGHT_Q = _q('"')


@rule("PUN008", "halfwidth-quote", data=HalfwidthQuoteData, severity="error", fix="sometimes")
def halfwidth_quote(doc: Document, data: HalfwidthQuoteData) -> Iterator[Diagnostic]:
    """中文里用了半角直引号（"…"）。

    ## 检查内容
    一行里的半角双引号`"`，只要其中有一个紧挨着汉字或中文标点（`落实"一岗双责"`），这一行
    的半角双引号就都应改为全角引号“”。没有一个挨着中文的行（英文句子、`{"a": 1}`）不报告；
    单引号`'`不报告（多为英文撇号）。

    ## 为什么
    中文引号有前后之分，半角直引号不分前后，在中文排版中显得又小又偏，是用英文输入法打字
    留下的典型错误。

    ## 示例（错 → 对）
    - 错：`全面落实"一岗双责"要求` → 对：`全面落实“一岗双责”要求`

    ## 修复安全性
    一行里半角双引号的个数为偶数时安全：依次改为前引号、后引号。个数为奇数时无法确定
    哪一个是前引号，不给修复。

    ## 依据
    GB/T 15834-2011《标点符号用法》4.8（引号）：中文引号的形式为“”和‘’，前后成对。
    """
    text = doc.check_text
    if '"' not in text:
        return
    groups: list[list[int]] = []
    line_end = -1
    for m in _scan(text, _STRAIGHT):
        i = m.start()
        if i > line_end:
            groups.append([])
            line_end = _line_end(text, i)
        groups[-1].append(i)
    n = len(text)
    for group in groups:
        if not any(
            (i > 0 and _zh_at(text, i - 1)) or (i + 1 < n and _zh_at(text, i + 1))
            for i in group
        ):
            continue
        even = len(group) % 2 == 0
        for k, i in enumerate(group):
            full = data.opening if k % 2 == 0 else data.closing
            span = Span(i, i + 1)
            if even:
                yield Diagnostic(
                    "PUN008", span, f"中文里的半角引号{_STRAIGHT_Q}应为{_q(full)}", Fix.replace(span, full)
                )
            else:
                yield Diagnostic(
                    "PUN008", span, f"中文里的半角引号{_STRAIGHT_Q}应改为全角引号“”（本行个数为奇数，请核对）"
                )
