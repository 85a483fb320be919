"""NUM: heading numbering (GB/T 9704-2012 §7.3.3) and enumerations inside paragraphs.

The heading rules read the outline of :mod:`speechlint.outline` (scheme in
``rules/num.yaml``); the enumeration rules read its markers (一是 二要 第三， 首先 其次).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ..document import Document
from ..memo import remember_last
from ..model import Diagnostic, Edit, Fix, Span
from ..outline import (
    Heading,
    Marker,
    MarkerSpec,
    Scheme,
    chinese_numeral,
    enclosed_kind,
    format_number,
    headings,
    markers,
)
from ..registry import rule
from . import quote


@dataclass(frozen=True)
class HeadingData:
    """NUM001-NUM006's data: the numbering scheme of headings."""

    scheme: Scheme


@dataclass(frozen=True)
class MarkerData:
    """NUM007 and NUM008's data: the scheme and the in-paragraph markers (一是, 第一)."""

    scheme: Scheme
    markers: MarkerSpec = field(default_factory=MarkerSpec)


# ------------------------------------------------------------- line view
def line_view(number: int, line: str, masked: str) -> tuple[object, tuple[tuple[int, int], ...]]:
    """What the document-scope NUM rules read of one line (their ``line_view``, see
    ``registry.rule``): whether it is blank (NUM009 counts the paragraphs between an
    announcement and its list), and the parts of it their scans decide on: the heading
    number with its title and the character after it, a list lead ("附件："), each
    enumeration marker from the line's start (whether it starts a clause may depend on the
    indentation, an opening quote or a heading number before it) to a few characters past
    it, each announced count from the verb before it to the line's end (NUM009 measures
    the distance to its list).  The NUM rules share one scheme and one set of markers (the anchors of
    ``rules/num.yaml``): NUM009's data holds both."""
    from ..data import family_data

    data: AnnounceData = family_data("NUM")["NUM009"]  # the data the engine runs it with
    scheme, spec = data.enumerations.scheme, data.enumerations.markers
    parts: list[tuple[int, int]] = []
    head = scheme.match_first(masked)
    if head is not None:  # the lookaheads after the number read up to four characters
        parts.append((0, max(head.end("title"), head.start("title") + 4) + 1))
    lead = scheme.list_lead.match(masked)
    if lead is not None:
        parts.append((0, lead.end() + 1))
    for m in markers(Document(masked, masked, "txt", ()), spec):
        end = m.delimiter_span.end if m.delimiter_span is not None else m.span.end
        parts.append((0, end + 4))  # the exceptions read a few characters past a marker
    window = _patterns(data).window
    for start, num_start, *_ in _count_phrases(masked, data):
        parts.append((max(0, min(start, num_start - window)), len(masked) + 1))
    return bool(line.strip(_BLANKS)), tuple(parts)


# ------------------------------------------------------------------ headings
def _label(h: Heading, number: int) -> str:
    """The label of heading ``h`` renumbered to ``number``, in the scheme's form."""
    plain = str(h.number) if enclosed_kind(h.numeral) else h.numeral
    return h.expected_label.replace(plain, format_number(number, plain), 1)


def _groups(hs: Sequence[Heading]) -> list[list[Heading]]:
    """Sibling groups of scheme headings: same parent and level, in order.

    At the top (no parent) a heading numbered 1 starts a new group: a draft may hold
    several numbered parts (a speech and its attachment), a law one list per article.
    Not on the line right after a sibling, though: "（一）…；" then "（一）…。" is one list
    with a repeated number, not a new list; nor after a part of one heading only ("一、…"
    then, later, "一、…" again is a repeat: a part is a list of at least two).
    """
    groups: list[list[Heading]] = []
    current: dict[tuple[int | None, int], list[Heading]] = {}
    for h in hs:
        if h.kind != "heading":
            continue
        key = (h.parent, h.level)
        g = current.get(key)
        if g is None or (h.parent is None and h.number == 1 and len(g) > 1 and g[-1].line != h.line - 1):
            g = current[key] = []
            groups.append(g)
        g.append(h)
    return groups


def _renumber(group: Sequence[Heading], start: int, stop: int) -> Fix | None:
    """Unsafe fix: number ``group[start:stop]`` as its place in the group (1, 2, 3 …),
    touching only the numerals that change.

    Each finding of a group renumbers from its own heading up to the group's next finding:
    the headings before the first finding already have their place's number, so the
    findings' fixes together renumber the whole group, never overlap, and the output stays
    linear in the group's size (one fix of the whole group repeated on each of its findings
    made ``--format json`` quadratic: 3.9 GB on a 9 MB file of 600 findings in one group).
    """
    edits = tuple(
        Edit(h.number_span, format_number(i, h.numeral))
        for i, h in enumerate(group[start:stop], start + 1)
        if h.number != i
    )
    return Fix(edits, "unsafe") if edits else None


@dataclass(frozen=True, slots=True)
class _SeqFinding:
    """A finding of the heading sequence, before it is a diagnostic."""

    code: str
    heading: Heading
    message: str
    fix: Fix | None


@remember_last(lambda doc, scheme: (doc.check_text, scheme))
def _sequence_findings(doc: Document, scheme: Scheme) -> tuple[_SeqFinding, ...]:
    """Gaps, repeats and continued numbering of every sibling group (shared by NUM001-003)."""
    hs = headings(doc, scheme)
    out: list[_SeqFinding] = []
    last_group_of_level: dict[int, list[Heading]] = {}
    for group in _groups(hs):
        first = group[0]
        found: list[tuple[int, str, str]] = []  # (index in group, code, message)
        previous = last_group_of_level.get(first.level)
        last_group_of_level[first.level] = group
        prev_n = 0
        for i, h in enumerate(group):
            n = h.number
            want = prev_n + 1
            if n == want:
                prev_n = n
                continue
            # a mistyped number: the next sibling goes on as if this one were right
            typo = i + 1 < len(group) and group[i + 1].number == want + 1
            if prev_n == 0 and previous is not None and previous[-1].number == n - 1 and first.parent is not None:
                parent = hs[first.parent]
                found.append(
                    (
                        i,
                        "NUM003",
                        (
                            f"{quote(h.label)}位于{quote(parent.label)}之下，却接续了上一部分的编号；"
                            f"每个上级标题下应从{quote(_label(h, 1))}重新编号"
                        ),
                    )
                )
            elif typo:
                code = "NUM001" if n > want else "NUM002"
                found.append((i, code, f"序号{quote(h.label)}有误，按前后顺序应为{quote(_label(h, want))}"))
                n = want
            elif n > want:
                missing = "、".join(quote(_label(h, k)) for k in range(want, min(n, want + 3)))
                more = "等" if n - want > 3 else ""
                found.append((i, "NUM001", f"{quote(h.label)}之前缺少{missing}{more}，序号不连续"))
            elif n == prev_n:
                found.append((i, "NUM002", f"序号{quote(h.label)}重复，应为{quote(_label(h, want))}"))
            else:
                found.append((i, "NUM002", f"序号{quote(h.label)}出现在{quote(_label(h, prev_n))}之后，顺序颠倒"))
            prev_n = n
        for k, (i, code, message) in enumerate(found):
            stop = found[k + 1][0] if k + 1 < len(found) else len(group)
            out.append(_SeqFinding(code, group[i], message, _renumber(group, i, stop)))
    return tuple(out)


def _emit(doc: Document, data: HeadingData, code: str) -> Iterator[Diagnostic]:
    for f in _sequence_findings(doc, data.scheme):
        if f.code == code:
            yield Diagnostic(code, f.heading.number_span, f.message, f.fix)


@rule("NUM001", "heading-sequence-gap", data=HeadingData, severity="error", fix="unsafe", scope="document",
      line_view=line_view)
def heading_sequence_gap(doc: Document, data: HeadingData) -> Iterator[Diagnostic]:
    """标题序号不连续（如“一、二、四、”缺少“三、”）。

    ## 检查内容
    同一上级标题之下、同一层级的标题序号（一、/（一）/1./（1））应从 1 开始逐一递增。
    跳过了某个序号（“一、二、四、”）或一开头就不是 1（“（二）”之前没有“（一）”）时报告，
    位置在缺号之后的那个序号上。若后一个序号照常接续（“（一）（三）（三）（四）”），
    则视为这一个序号写错，只报告一次。层级在每个新的上级标题下重新编号；写错了括号或标点的
    序号（如“(三）”）仍按它代表的层级计算，不会因此误报缺号。

    ## 为什么
    序号缺失多因删改段落后没有重排，读者和听众会以为漏了内容，是讲话稿、公文中最常见的
    结构差错之一。

    ## 示例（错 → 对）
    - 错：`一、… 二、… 四、…` → 对：`一、… 二、… 三、…`
    - 错：`（一）… （三）…` → 对：`（一）… （二）…`

    ## 修复安全性
    不安全：修复从这个序号起，把同组同级标题按所在位置 1、2、3…… 重新编号（包括后面的标题，
    直到同组下一个报告的序号为止，那里有它自己的修复），只改序号数字，不动其他层级的标题；它改动的范围大于报告的位置，而缺号也可能是漏写了一节，需人工确认。

    ## 依据
    GB/T 9704-2012《党政机关公文格式》7.3.3：结构层次序数依次用“一、”“（一）”“1.”“（1）”标注。
    """
    yield from _emit(doc, data, "NUM001")


@rule("NUM002", "heading-sequence-repeat", data=HeadingData, severity="error", fix="unsafe", scope="document",
      line_view=line_view)
def heading_sequence_repeat(doc: Document, data: HeadingData) -> Iterator[Diagnostic]:
    """标题序号重复或顺序颠倒（如“一、二、二、”）。

    ## 检查内容
    同一上级标题之下、同一层级的标题序号与前一个相同（“（二）（二）”），或比前一个小
    （“3. 2.”）时报告。全文最高一级从“一、”重新开始视为新的部分（如附件），不报告。

    ## 为什么
    重复的序号多因复制段落后忘记改号，使听众无法按序号把握讲话结构。

    ## 示例（错 → 对）
    - 错：`一、… 二、… 二、… 三、…` → 对：`一、… 二、… 三、… 四、…`
    - 错：`1.… 3.… 2.…` → 对：`1.… 2.… 3.…`

    ## 修复安全性
    不安全：修复从这个序号起，把同组同级标题按所在位置 1、2、3…… 重新编号（包括后面的标题，
    直到同组下一个报告的序号为止），只改序号数字；
    也可能是段落顺序放错了，需人工确认。

    ## 依据
    GB/T 9704-2012《党政机关公文格式》7.3.3：结构层次序数依次用“一、”“（一）”“1.”“（1）”标注。
    """
    yield from _emit(doc, data, "NUM002")


@rule("NUM003", "heading-level-order", data=HeadingData, severity="error", fix="sometimes", scope="document",
      line_view=line_view)
def heading_level_order(doc: Document, data: HeadingData) -> Iterator[Diagnostic]:
    """下级标题出现在上级标题之前，或在新的上级标题下接续了上一部分的编号。

    ## 检查内容
    - 全文用到了某一较高层级（如“一、”），而较低层级的标题（如“（一）”）在第一个较高层级
      标题之前就出现了；
    - 新的上级标题之下，下一级标题没有从 1 开始，而是接着上一个上级标题下的编号往下数
      （“二、”之下出现“（三）”，而“一、”之下正好止于“（二）”）。

    ## 为什么
    层级的顺序和归属是讲话稿结构的骨架：下级先于上级，或跨上级连续编号，说明标题层级
    用错或漏写了上级标题。

    ## 示例（错 → 对）
    - 错：`（一）… 一、… （二）…` → 对：`一、… （一）… （二）…`
    - 错：`一、… （一）… （二）… 二、… （三）…` → 对：`一、… （一）… （二）… 二、… （一）…`

    ## 修复安全性
    接续编号的情况给出不安全的修复：把该组标题从 1 重新编号，只改序号数字；上级缺失的
    情况没有修复，需要人工补写或调整层级。

    ## 依据
    GB/T 9704-2012《党政机关公文格式》7.3.3：结构层次序数第一层为“一、”，第二层为“（一）”，
    第三层为“1.”，第四层为“（1）”；下一层级在上一层级之下依次编号。
    """
    yield from _emit(doc, data, "NUM003")
    hs = headings(doc, data.scheme)
    levels = [h.level for h in hs if h.kind == "heading"]
    if not levels:
        return
    top = min(levels)
    for group in _groups(hs):
        h = group[0]
        if h.parent is not None or h.level == top:
            continue
        # a level below the draft's top level with no heading above it yet
        above = next(x for x in hs[h.index + 1 :] if x.kind == "heading" and x.level < h.level)
        yield Diagnostic(
            "NUM003",
            h.label_span,
            f"{quote(h.label)}出现在上级标题{quote(above.label)}之前，下级标题应位于上级标题之下",
        )


@rule("NUM004", "heading-level-skipped", data=HeadingData, severity="warning", scope="document",
      line_view=line_view)
def heading_level_skipped(doc: Document, data: HeadingData) -> Iterator[Diagnostic]:
    """标题跳过了一个层级（如“一、”之下直接用“1.”）。

    ## 检查内容
    某组同级标题的上级标题比它高出不止一级：“一、”之下直接出现“1.”（跳过“（一）”），
    “（一）”之下直接出现“（1）”（跳过“1.”）。每组只在第一个标题上报告一次。

    ## 为什么
    GB/T 9704-2012 规定的层级次序是“一、”“（一）”“1.”“（1）”。讲话稿中跳级相当常见，
    一般不影响理解，故默认只作提示（warning），可在配置中调整级别或关闭。

    ## 示例（错 → 对）
    - 错：`一、总体要求` 之下直接 `1.加强领导` → 对：`一、总体要求` 之下 `（一）加强领导`

    ## 修复安全性
    无自动修复：改动层级要同时调整这一组的所有标题，需人工决定。

    ## 依据
    GB/T 9704-2012《党政机关公文格式》7.3.3：结构层次序数依次可以用“一、”“（一）”“1.”“（1）”标注。
    """
    hs = headings(doc, data.scheme)
    levels = data.scheme.levels
    for group in _groups(hs):
        h = group[0]
        if h.parent is None:
            continue
        parent = hs[h.parent]
        if h.level > parent.level + 1:
            skipped = "、".join(quote(levels[k - 1].label(_numeral_like(levels[k - 1].numeral)))
                               for k in range(parent.level + 1, h.level))
            yield Diagnostic(
                "NUM004",
                h.label_span,
                f"{quote(parent.label)}之下直接使用{quote(h.label)}，跳过了{skipped}一级",
            )


def _numeral_like(kind: str) -> str:
    return "一" if kind == "chinese" else "1"


@rule("NUM005", "heading-delimiter", data=HeadingData, severity="error", fix="safe")
def heading_delimiter(doc: Document, data: HeadingData) -> Iterator[Diagnostic]:
    """标题序号后的标点用错（如“1、”“一.”“一，”“（一）、”）。

    ## 检查内容
    段首的标题序号按层级只有一种写法：“一、”“（一）”“1.”“（1）”。报告
    - 汉字序号后用了“.”“，”“：”等（应为“、”）：`一.` `一，`
    - 阿拉伯数字序号后用了“、”“，”“：”等（应为“.”）：`1、` `1，`
    - 括号序号后又加了标点：`（一）、` `（1）.`
    - 用了文字处理软件的合成字符“⒈”“⒉”（应为“1.”“2.”）

    ## 为什么
    标题序号的写法是公文格式中最显眼的部分，混用“1、”与“1.”、“（一）、”与“（一）”
    会让版面显得不规范。

    ## 示例（错 → 对）
    - 错：`1、推进政府自身改革` → 对：`1.推进政府自身改革`
    - 错：`一.关于廉政工作` → 对：`一、关于廉政工作`
    - 错：`（二）、突出重点` → 对：`（二）突出重点`

    ## 修复安全性
    安全：只替换（或删去）序号后的那一个标点（合成字符“⒈”换成“1.”），其余字符不变。

    ## 依据
    GB/T 9704-2012《党政机关公文格式》7.3.3；GB/T 15834-2011《标点符号用法》附录 B
    （序次语之后的标点用法）：不带括号的汉字数字序次语后用顿号，不带括号的阿拉伯数字
    序次语后用下脚点，加括号的序次语后不用任何点号。
    """
    levels = data.scheme.levels
    for h in headings(doc, data.scheme):
        if h.kind == "ordinal":
            continue
        lv = levels[h.level - 1]
        if enclosed_kind(h.numeral) == "stop":
            yield Diagnostic(
                "NUM005",
                h.number_span,
                f"标题序号{quote(h.label)}是一个合成字符，应写作{quote(h.expected_label)}",
                Fix.replace(h.number_span, h.expected_label),
            )
        elif not lv.bracketed and h.close != lv.close and h.close not in lv.also:
            span = Span(h.number_span.end, h.number_span.end + 1)
            yield Diagnostic(
                "NUM005",
                span,
                f"标题序号{quote(h.label)}应写作{quote(h.expected_label)}",
                Fix.replace(span, lv.close),
            )
        elif lv.bracketed and h.extra:
            span = Span(h.label_span.end - 1, h.label_span.end)
            yield Diagnostic(
                "NUM005",
                span,
                f"括号序号{quote(h.label)}后不加标点，应为{quote(h.label[:-1])}",
                Fix.replace(span, ""),
            )


@rule("NUM006", "heading-bracket", data=HeadingData, severity="error", fix="sometimes")
def heading_bracket(doc: Document, data: HeadingData) -> Iterator[Diagnostic]:
    """标题序号的括号用错（半角括号、左右不配对或缺左括号，如“(三）”“(1)”“1)”）。

    ## 检查内容
    二级、四级标题序号应使用全角圆括号：“（一）”“（1）”。报告
    - 半角括号或一半角一全角：`(三）` `（三)` `(1)`
    - 缺左括号：`一）` `1)`
    - 用了文字处理软件的合成字符“⑴”“⑵”（应为“（1）”“（2）”）

    ## 为什么
    半角括号与汉字混排时宽度不一，一半角一全角更是明显的录入差错，打印出来十分醒目。

    ## 示例（错 → 对）
    - 错：`(三）加强领导` → 对：`（三）加强领导`
    - 错：`(1)严格考核` → 对：`（1）严格考核`
    - 错：`1)严格考核` → 对：`（1）严格考核`

    ## 修复安全性
    括号宽度错误、合成字符：安全，只替换用错的字符。缺左括号：不安全，补上左括号后序号变为
    “（1）”这一层级，而作者也可能想写“1.”，需人工确认。

    ## 依据
    GB/T 9704-2012《党政机关公文格式》7.3.3；GB/T 15834-2011《标点符号用法》4.9：
    括号成对使用，左右两半的宽度一致。
    """
    levels = data.scheme.levels
    for h in headings(doc, data.scheme):
        if h.kind == "ordinal":
            continue
        lv = levels[h.level - 1]
        if not lv.bracketed:
            continue
        close_pos = h.number_span.end
        right = f"{lv.open}{h.numeral}{lv.close}"
        if enclosed_kind(h.numeral) == "paren":
            yield Diagnostic(
                "NUM006",
                h.number_span,
                f"标题序号{quote(h.label)}是一个合成字符，应写作{quote(h.expected_label)}",
                Fix.replace(h.number_span, h.expected_label),
            )
            continue
        if not h.open:
            # 一） 1) : insert the opening bracket (and widen the closing one)
            at = h.number_span.start
            edits = [Edit(Span(at, at), lv.open)]
            if h.close != lv.close:
                edits.append(Edit(Span(close_pos, close_pos + 1), lv.close))
            yield Diagnostic(
                "NUM006",
                Span(at, close_pos + 1),
                f"标题序号{quote(h.numeral + h.close)}缺少左括号，应为{quote(right)}",
                Fix(tuple(edits), "unsafe"),
            )
            continue
        edits = []
        open_pos = h.number_span.start - 1
        if h.open != lv.open:
            edits.append(Edit(Span(open_pos, open_pos + 1), lv.open))
        if h.close != lv.close:
            edits.append(Edit(Span(close_pos, close_pos + 1), lv.close))
        if edits:
            span = Span(edits[0].span.start, edits[-1].span.end)
            yield Diagnostic(
                "NUM006",
                span,
                f"标题序号{quote(h.open + h.numeral + h.close)}的括号应为全角，应为{quote(right)}",
                Fix(tuple(edits), "safe"),
            )


# --------------------------------------------------------------- enumerations
@dataclass
class _Series:
    """A series of in-paragraph markers being read."""

    markers: list[Marker]
    initial: bool  # started at the start of a paragraph
    level: int = 0  # level of the heading it started under (0: none)

    @property
    def last(self) -> int:
        return self.markers[-1].number


@dataclass(frozen=True, slots=True)
class _EnumResult:
    """The findings and the series of the in-paragraph markers of a text."""

    findings: tuple[tuple[Marker, str, Fix | None], ...]  # NUM007 (marker, message, fix)
    series: tuple[tuple[Marker, ...], ...]



#: Open series kept per family: enough for lists nested in lists.
_MAX_DEPTH = 8


def _marker_text(m: Marker, number: int, spec: MarkerSpec) -> str:
    """How marker ``m`` reads with ``number``: 三是, 第三, 其次 ('' when no word says it)."""
    if m.family == "numeral":
        return chinese_numeral(number) + m.style
    if m.style == "word":
        return next((w for w, n in spec.words.items() if n == number), "")
    return m.style + chinese_numeral(number)


def _renumber_markers(series: Sequence[Marker]) -> Fix | None:
    """Unsafe fix: number a series 1, 2, 3 … touching only the numerals that change
    (none when an ordinal word such as 其次 would have to change)."""
    edits: list[Edit] = []
    for i, m in enumerate(series, 1):
        if m.number == i:
            continue
        if m.family == "numeral":  # 三是: the numeral before the suffix
            span = Span(m.span.start, m.span.end - 1)
        elif m.style != "word":  # 第三: the numeral after the prefix
            span = Span(m.span.start + 1, m.span.end)
        else:
            return None
        edits.append(Edit(span, chinese_numeral(i)))
    return Fix(tuple(edits), "unsafe") if edits else None


@remember_last(lambda doc, spec, scheme: (doc.check_text, spec, scheme))
def _enumerations(doc: Document, spec: MarkerSpec, scheme: Scheme) -> _EnumResult:
    """Build enumeration series; sections restart at every scheme heading."""
    ms = markers(doc, spec)
    hs = headings(doc, scheme)
    line_of = doc.index.line_of
    section_heads = [h for h in hs if h.kind == "heading"]
    section_starts = [h.span.start for h in section_heads]
    section_level = 0
    findings: list[tuple[Marker, str, _Series]] = []
    all_series: list[_Series] = []
    stacks: dict[str, list[_Series]] = {}
    carry: dict[str, _Series] = {}
    section = -1
    for m in ms:
        sec = bisect_right(section_starts, m.span.start)
        if sec != section:
            section = sec
            section_level = section_heads[sec - 1].level if sec else 0
            # the innermost paragraph-initial series of each family may go on after a
            # subheading; everything else restarts under a new heading
            for fam, st in stacks.items():
                initial = [x for x in st if x.initial]
                if initial:
                    carry[fam] = initial[-1]
            stacks = {}
        stack = stacks.setdefault(m.family, [])
        n = m.number
        if n == 1:
            # a new series, possibly nested in an item of the open ones
            s = _Series([m], m.initial, section_level)
            stack.append(s)
            del stack[:-_MAX_DEPTH]
            all_series.append(s)
            continue
        # a marker continues an open series it follows on from (_continued)
        here = line_of(m.span.start)
        hit = _continued(stack, m, here, line_of)
        if hit is not None:
            del stack[hit + 1 :]
            stack[hit].markers.append(m)
            continue
        if m.initial:
            # a paragraph-initial marker closes the lists inside the previous paragraph
            while stack and not stack[-1].initial:
                stack.pop()
        else:
            # a list inside an earlier paragraph ended with it: a marker inside this one
            # that does not continue it starts afresh (一要…四要 in one paragraph, …二是…
            # in the next is no 二是 after 四要)
            while stack and not stack[-1].initial and line_of(stack[-1].markers[-1].span.start) != here:
                stack.pop()
        if not stack:
            carried = carry.get(m.family)
            if m.initial and carried is not None and carried.last + 1 == n and section_level > carried.level:
                # paragraph-initial items (第一，… 第二，…) with subheadings between them
                carried.markers.append(m)
                stack.append(carried)
                continue
            s = _Series([m], m.initial, section_level)
            if m.style != "word":
                findings.append((m, f"{quote(m.text)}之前没有{quote(_marker_text(m, 1, spec))}，序号不完整", s))
            stack.append(s)
            all_series.append(s)
            continue
        # compare with the innermost series of the same style (else the innermost one)
        at = next((i for i in range(len(stack) - 1, -1, -1) if stack[i].markers[-1].style == m.style), len(stack) - 1)
        del stack[at + 1 :]
        top = stack[-1]
        problem = _sequence_problem(m, top, spec)
        if problem:
            findings.append((m, problem, top))
        top.markers.append(m)
    fixes: dict[int, Fix | None] = {}
    for _, _, series in findings:
        if id(series) not in fixes:
            fixes[id(series)] = _renumber_markers(series.markers)
    return _EnumResult(
        tuple((m, message, fixes[id(series)]) for m, message, series in findings),
        tuple(tuple(s.markers) for s in all_series),
    )


def _continued(stack: list[_Series], m: Marker, here: int, line_of: Callable[[int], int]) -> int | None:
    """The index in ``stack`` of the open series the marker ``m`` (in line ``here``)
    continues, or None.

    Preferably one of the same style (是/要, 第/首先), then one started the same way
    (paragraph-initial or inline), then the innermost.  一是…三是、三是 in one paragraph is a
    repeat in this paragraph's series: while a series of the same style is open in this
    paragraph, series left in earlier paragraphs do not take the marker even when their
    next number fits.
    """
    local = any(x.markers[-1].style == m.style and line_of(x.markers[-1].span.start) == here for x in stack)
    return max(
        (
            i
            for i in range(len(stack))
            if stack[i].last + 1 == m.number and (not local or line_of(stack[i].markers[-1].span.start) == here)
        ),
        key=lambda i: (stack[i].markers[-1].style == m.style, stack[i].initial == m.initial, i),
        default=None,
    )


def _sequence_problem(m: Marker, top: _Series, spec: MarkerSpec) -> str | None:
    """What is wrong with the marker ``m`` after the series ``top`` it does not continue:
    a gap, a repeat or a reversal (None for 首先…其次 with nothing between)."""
    n, prev = m.number, top.last
    if m.style == "word" and top.markers[-1].style == "word" and n > prev:
        return None  # 首先…其次 with nothing between: not a numbered gap
    if n > prev + 1:
        missing = "、".join(quote(_marker_text(m, k, spec)) for k in range(prev + 1, min(n, prev + 4)))
        return f"{quote(m.text)}之前缺少{missing}，序号不连续"
    if n == prev:
        right = _marker_text(m, prev + 1, spec)
        return f"{quote(m.text)}重复" + (f"，应为{quote(right)}" if right else "")
    return f"{quote(m.text)}出现在{quote(_marker_text(m, prev, spec))}之后，顺序颠倒"


@rule("NUM007", "enumeration-sequence", data=MarkerData, severity="error", fix="sometimes", scope="document",
      line_view=line_view)
def enumeration_sequence(doc: Document, data: MarkerData) -> Iterator[Diagnostic]:
    """段内或段首列举的序号不连续或重复（如“一是…二是…四是”）。

    ## 检查内容
    讲话稿常用“一是…二是…三是”“一要…二要…”“第一，…第二，…”“其一，…其二，…”
    “首先…其次…”列举。
    这些词只在分句开头才算序号（段首，或“。；：，！？”、破折号、省略号之后，中间可隔空格），
    所以“统一是”“唯一是”不算；一组列举的第一项也可以紧跟在“是”“即”或前引号之后（“最重要的就是一要…，二要…”
    “坚持‘一要吃饭，二要建设’”），只要同一句里紧接着的是这组的第二项。段内的列举到段尾
    为止，下一段段内的序号接不上时另起一组。报告跳号（“一是…二是…四是”）、重复（“二是…二是”）、颠倒和没有“一是”就出现的
    “二是”。从“一是”重新开始视为新的一组列举；段首的“一是/一要”系列在每个标题之下重新
    开始；段内的小列举可以嵌套在段首列举之中。

    ## 为什么
    列举序号是听众把握讲话层次的依据，跳号、重号多因删改后没有重排，念出来尤其明显。

    ## 示例（错 → 对）
    - 错：`一是加强领导；二是明确责任；四是严格考核。` → 对：`…；三是严格考核。`
    - 错：`第一，…。第二，…。第二，…。` → 对：`第一，…。第二，…。第三，…。`

    ## 修复安全性
    不安全：修复把这一组列举按“一是、二是、三是……”（“第一、第二……”）重新编号，包括
    后面的各项，只改序号数字；跳号也可能是漏写了一项，需人工确认。“首先”“其次”等序次词
    需要改动时不给修复。

    ## 依据
    GB/T 15834-2011《标点符号用法》附录 B（序次语）；GB/T 9704-2012《党政机关公文格式》
    7.3.3 层次序数依次编排的要求同样适用于段内列举。
    """
    for m, message, fix in _enumerations(doc, data.markers, data.scheme).findings:
        yield Diagnostic("NUM007", m.span, message, fix)


@rule("NUM008", "enumeration-delimiter", data=MarkerData, severity="error", fix="sometimes", scope="document",
      line_view=line_view)
def enumeration_delimiter(doc: Document, data: MarkerData) -> Iterator[Diagnostic]:
    """同一组列举中序次语后的标点不统一，或混用了不同的序次语（如“第一，…第四、”）。

    ## 检查内容
    - 一组“第一，…第二，…”中个别序次语后的标点与其他不同（“第一，…第三，…第四、…第五，”）：
      报告少数派，修复为多数派的标点（各占一半时以“，”为准）；
    - 一组列举混用不同的序次语：“首先…第二…第三…”“其一…第二…”“一是…二要…三是…”：
      报告少数派。

    ## 为什么
    同一组列举的写法应当一致；“第四、”夹在一串“第X，”中间多为录入时的笔误。

    ## 示例（错 → 对）
    - 错：`第一，… 第二，… 第三，… 第四、… 第五，…` → 对：`… 第四，… …`
    - 错：`首先，… 第二，… 第三，…` → 对：`第一，… 第二，… 第三，…`

    ## 修复安全性
    标点不统一：安全，只替换那一个标点为本组多数派（或“，”）。序次语混用：无自动修复，
    统一成哪一种需人工决定。

    ## 依据
    GB/T 15834-2011《标点符号用法》附录 B（序次语之后的标点用法）：“第一”“其一”“首先”
    等序次语之后用逗号；“第”字头、“其”字头与“首先”类是各自独立的几套序次语，不宜混用。
    """
    spec = data.markers
    for series in _enumerations(doc, spec, data.scheme).series:
        if len(series) < 2:
            continue
        styles = Counter(m.style for m in series)
        if len(styles) > 1:
            major, count = styles.most_common(1)[0]
            if list(styles.values()).count(count) > 1:
                major = series[0].style
            example = next(m for m in series if m.style == major)
            for m in series:
                if m.style != major:
                    right = _marker_text(example, m.number, spec)
                    yield Diagnostic(
                        "NUM008",
                        m.span,
                        f"同一组列举混用了{quote(m.text)}与{quote(example.text)}，"
                        + (f"应统一为{quote(right)}" if right else "应统一用同一套序次语"),
                    )
        delims = Counter(m.delimiter for m in series if m.delimiter)
        if len(delims) < 2:
            continue
        ranked = delims.most_common()
        if ranked[0][1] > ranked[1][1]:
            target = ranked[0][0]
        elif "，" in delims:
            target = "，"
        else:
            continue
        for m in series:
            if m.delimiter and m.delimiter != target and m.delimiter_span is not None:
                yield Diagnostic(
                    "NUM008",
                    m.delimiter_span,
                    f"{quote(m.text + m.delimiter)}与同组其他序次语的标点不一致，应为{quote(m.text + target)}",
                    Fix.replace(m.delimiter_span, target),
                )


# ----------------------------------------------------------- announced counts
TYPE_CHECKING = False
if TYPE_CHECKING:
    import re


@dataclass(frozen=True)
class AnnounceData:
    """What announces a count of points (讲三点意见, 以下五个方面, “四个坚持”) and how close
    its list must follow (``rules/num.yaml``, NUM009)."""

    #: NUM007's scheme and markers: the headings and series an announcement is matched to.
    enumerations: MarkerData
    #: Verbs right before the count: 讲|三点意见, 抓好|五项工作.
    verbs: tuple[str, ...]
    #: Words that announce a list with or without a verb before them: 以下|五个方面.
    lead_ins: tuple[str, ...]
    #: Measure words -> how the message counts the items (方面 -> 个方面).
    measures: dict[str, str]
    #: Measure words that may end an announcement without a noun ("三点：", "三个方面：").
    bare_measures: tuple[str, ...]
    #: Nouns after the measure word (的 may stand between): 意见, 要求, 工作 …
    nouns: tuple[str, ...]
    #: Verbs that may follow the count phrase: (从)三个方面|谈一谈, (从以下)四个方面|来看.
    after_verbs: tuple[str, ...]
    #: The count phrase announces something only when one of these follows it (or the line ends).
    followers: str
    #: Measure words of a quoted count “四个坚持”, which announces the items right after it.
    quoted_measures: tuple[str, ...]
    #: Counts that name a fixed formulation and announce nothing (两个确立, 三个代表).
    fixed: tuple[str, ...]
    #: The list must start within this many characters after the announcement (line breaks,
    #: indentation and what is left of the announcement's paragraph counted together) …
    max_gap: int = 12
    #: … with at most this many paragraphs between the announcement's and the list's …
    max_paragraphs: int = 0
    #: … or, for an announcement in a heading's own title (二、重点抓好以下五项工作), this many
    #: paragraphs of introduction before its sub-headings.
    title_max_paragraphs: int = 2

    def validate(self) -> str | None:
        for key, words in (("verbs", self.verbs), ("nouns", self.nouns), ("measures", tuple(self.measures)),
                           ("quoted-measures", self.quoted_measures)):
            if not words or any(not w for w in words):
                return f"'{key}' must be a non-empty list of non-empty words"
        if any(m not in self.measures for m in self.bare_measures):
            return "every 'bare-measures' word must be one of 'measures'"
        if min(self.max_gap, self.max_paragraphs, self.title_max_paragraphs) < 0:
            return "'max-gap', 'max-paragraphs' and 'title-max-paragraphs' must not be negative"
        return None


def _alternatives(words: Sequence[str]) -> str:
    import re

    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class _AnnouncePatterns:
    """The scans of NUM009, built from its data.

    Each starts with a character class or a literal (a numeral, “), so that the regex engine
    skips ahead in C; the verb before a count is checked afterwards on a few characters."""

    count: re.Pattern[str]  # 三点意见, 五个方面：
    quoted: re.Pattern[str]  # “四个坚持”
    before: re.Pattern[str]  # 讲 / 抓好以下 / 以下, right before the count
    window: int  # how many characters ``before`` needs


@remember_last(lambda data: (data,))
def _patterns(data: AnnounceData) -> _AnnouncePatterns:
    import re

    first = "一二三四五六七八九十两1-9１-９"
    rest = "一二三四五六七八九十0-9０-９"
    followers = re.escape(data.followers + "\r\n")
    verbs, leads = _alternatives(data.verbs), _alternatives(data.lead_ins)
    patterns = _AnnouncePatterns(
        re.compile(
            f"[{first}][{rest}]{{0,2}}(?P<measure>{_alternatives(tuple(data.measures))})"
            f"(?:的?(?P<noun>{_alternatives(data.nouns)}))?(?P<after>{_alternatives(data.after_verbs)})?"
            f"(?=[{followers}]|\\Z)"
        ),
        re.compile(f"“(?P<num>[{first}][{rest}]{{0,2}})(?:{_alternatives(data.quoted_measures)})[^“”\\r\\n]{{1,8}}”"),
        re.compile(f"(?:(?:{verbs})(?:{leads})?|(?:{leads}))\\Z"),
        max(map(len, data.verbs)) + max(map(len, data.lead_ins), default=0),
    )
    return patterns


_NUMBER: re.Pattern[str] | None = None


@lru_cache(maxsize=1024)
def _number(s: str) -> int:
    """The value of a count (三, 十二, 两, 3); 0 when ``s`` is no numeral (三三, 十十).
    Remembered: a long draft repeats a few counts thousands of times."""
    global _NUMBER
    if _NUMBER is None:
        import re

        from ..outline import AR_NUMERAL, CN_NUMERAL

        _NUMBER = re.compile(f"{CN_NUMERAL}|两|{AR_NUMERAL}")
    if not _NUMBER.fullmatch(s):
        return 0
    from ..outline import parse_number

    return 2 if s == "两" else parse_number(s)


@dataclass(frozen=True, slots=True)
class Announcement:
    """A count the draft announces and the list that follows it (see :func:`announcements`)."""

    span: Span  # the count phrase: 三点意见, 五个方面, 四个坚持
    text: str  # the announcement as quoted in messages: 讲三点意见, 四个坚持
    count: int  # 3
    unit: str  # how its items are counted: 点, 个方面, 项 …
    #: each item: (span of its label, label as written, its heading title or first words)
    items: tuple[tuple[Span, str, str], ...]

    @property
    def kept(self) -> bool:
        return self.count == len(self.items)


def _count_word(n: int) -> str:
    return "两" if n == 2 else chinese_numeral(n)


def _clause(text: str, start: int, limit: int = 24) -> str:
    """The words of a series item: from ``start`` to the end of its clause (at most ``limit``)."""
    end = start
    stop = min(len(text), start + limit)
    while end < stop and text[end] not in "。；;！？!?\r\n":
        end += 1
    return text[start:end] + ("…" if end == stop and end < len(text) and text[end] not in "。；;\r\n" else "")


def _count_phrases(text: str, data: AnnounceData) -> list[tuple[int, int, int, int, str, str, int]]:
    """Every count phrase that may announce a list, in order: (start, numeral start, count
    end, end, the text to quote, the unit its items are counted in, the count)."""
    pats = _patterns(data)
    found: list[tuple[int, int, int, int, str, str, int]] = []
    for m in pats.count.finditer(text):
        num_start, count_end = m.start(), m.end()
        verb = pats.before.search(text, max(0, num_start - pats.window), num_start)
        if verb is None:
            continue
        if m.group("noun") is None and m.group("measure") not in data.bare_measures:
            continue
        count = _number(text[num_start : m.start("measure")])
        if m.group("after") is not None:
            count_end = m.start("after")  # the count phrase without the verb after it
        found.append((verb.start(), num_start, count_end, m.end(), text[verb.start() : m.end()],
                      data.measures[m.group("measure")], count))
    for m in pats.quoted.finditer(text):
        measure = text[m.end("num")]
        found.append((m.start(), m.start("num"), m.end() - 1, m.end(), text[m.start("num") : m.end() - 1],
                      data.measures.get(measure, measure), _number(m.group("num"))))
    found.sort()
    return found


@remember_last(lambda doc, data: (doc.check_text, data))
def announcements(doc: Document, data: AnnounceData) -> tuple[Announcement, ...]:
    """Every announced count (讲三点意见) that the list right after it can be matched to.

    The list is the first enumeration after the announcement: a sibling group of headings
    that starts at 1 right under the heading the announcement stands in (or at the top), or
    a series 一是…二是… / 第一，…第二， that starts at 1 in the same paragraph or at the start
    of a following one.  Both must start within ``max_gap`` characters and ``max_paragraphs``
    paragraphs; lists numbered irregularly (NUM001/NUM002/NUM007 report them) or by words
    (首先…其次…最后) are not matched.  Remembered for the last document (the language server
    and NUM009 share it).
    """
    text = doc.check_text
    scheme, spec = data.enumerations.scheme, data.enumerations.markers
    hs = headings(doc, scheme)
    numbered = [h for h in hs if h.kind != "ordinal"]  # 第一， items are read as markers
    numbered_starts = [h.span.start for h in numbered]
    sections = [h for h in hs if h.kind == "heading"]
    section_starts = [h.span.start for h in sections]
    group_of: dict[int, list[Heading]] = {}
    for g in _groups(hs):
        for h in g:
            group_of[h.index] = g
    series_of: dict[int, tuple[Marker, ...]] = {}
    owner: dict[int, Marker] = {}  # marker start -> the first marker of its series
    all_markers: list[Marker] = []
    for s in _enumerations(doc, spec, scheme).series:
        series_of[s[0].span.start] = s
        all_markers.extend(s)
        for x in s:
            owner[x.span.start] = s[0]
    all_markers.sort(key=lambda m: m.span.start)
    marker_starts = [m.span.start for m in all_markers]
    fixed = data.fixed
    found = _count_phrases(text, data)
    found_starts = [f[0] for f in found]
    out: list[Announcement] = []
    for start, num_start, count_end, end, shown, unit, count in found:
        phrase = text[num_start:count_end]
        if count < 2 or phrase.startswith(fixed):
            continue
        # the first numbered heading or marker after the announcement
        hi = bisect_right(numbered_starts, end - 1)
        head = numbered[hi] if hi < len(numbered) else None
        mi = bisect_right(marker_starts, end - 1)
        mark = all_markers[mi] if mi < len(all_markers) else None
        items: tuple[tuple[Span, str, str], ...]
        if head is not None and (mark is None or head.span.start <= mark.span.start):
            group = group_of.get(head.index)
            if head.kind != "heading" or group is None or group[0] is not head:
                continue
            si = bisect_right(section_starts, start) - 1
            section = sections[si] if si >= 0 else None
            if head.parent != (section.index if section is not None else None):
                continue  # a list at another level than the announcement's section
            if [h.number for h in group] != list(range(1, len(group) + 1)):
                continue
            in_title = section is not None and section.title_span.start <= start and end <= section.title_span.end
            paragraphs = data.title_max_paragraphs if in_title else data.max_paragraphs
            if not _close_enough(doc, end, head.span.start, data, paragraphs):
                continue
            items = tuple((h.label_span, h.label, h.title) for h in group)
        elif mark is not None:
            series = series_of.get(mark.span.start)
            if series is None or series[0] is not mark or mark.number != 1 or len(series) < 2:
                continue  # a lone 一是 may be "一是…，一是…" (one…, the other…)
            if any(x.style == "word" for x in series):
                continue  # 首先…其次…最后: the last item has no number
            if [x.number for x in series] != list(range(1, len(series) + 1)):
                continue
            if mark.line != doc.line_of(end - 1) and not mark.initial:
                continue  # a list inside a later paragraph belongs to that paragraph
            if not _plain_series(series, all_markers, mi, owner):
                continue
            if not _close_enough(doc, end, mark.span.start, data, data.max_paragraphs):
                continue
            items = tuple((x.span, x.text, _clause(doc.text, x.span.end)) for x in series)
        else:
            continue
        if bisect_right(found_starts, items[0][0].start - 1) > bisect_right(found_starts, start):
            continue  # another count stands closer to the list: "实施“三个一批”、实现“五个突破”：一是"
        out.append(Announcement(Span(num_start, count_end), shown, count, unit, items))
    return tuple(out)


def _plain_series(series: tuple[Marker, ...], all_markers: list[Marker], at: int, owner: dict[int, Marker]) -> bool:
    """Is ``series`` (starting at ``all_markers[at]``) one plain list: one style (一是…二是,
    not 一要…四是), its later items in its first paragraph or each at the start of a paragraph
    of its own, and no stray marker of its family among them (a 三是 continuing an earlier
    list, a repeated number) that would make its count doubtful?"""
    first = series[0]
    if any(x.style != first.style for x in series):
        return False
    if any(x.line != first.line and not x.initial for x in series):
        return False
    last_line = series[-1].line
    for y in all_markers[at + 1 :]:
        if y.line > last_line:
            break
        if y.family != first.family:
            continue
        head = owner[y.span.start]
        if head is not first and (head.number != 1 or head.span.start < first.span.start):
            return False
    return True


def _close_enough(doc: Document, end: int, start: int, data: AnnounceData, paragraphs: int) -> bool:
    """Does a list starting at ``start`` follow the announcement ending at ``end`` closely
    (at most ``paragraphs`` paragraphs between)?"""
    text = doc.check_text
    first, last = doc.line_of(end - 1), doc.line_of(start)
    if first == last:
        return len(text[end:start].strip(_BLANKS)) <= data.max_gap
    index = doc.index
    gap = len(text[end : index.line_end(first)].strip(_BLANKS))
    gap += len(text[index.starts[last] : start].strip(_BLANKS))
    between = sum(1 for line in range(first + 1, last) if index.line_text(line).strip(_BLANKS))
    return gap <= data.max_gap and between <= paragraphs


_BLANKS = " \t\u3000\u00a0\ue000"


@rule("NUM009", "announced-count-mismatch", data=AnnounceData, severity="warning", scope="document",
      line_view=line_view)
def announced_count_mismatch(doc: Document, data: AnnounceData) -> Iterator[Diagnostic]:
    """宣布的条数与下面列出的条数不符（如“讲三点意见”，下面却有四点）。

    ## 检查内容
    讲话稿常先宣布要讲几点：“下面，我讲三点意见”“重点抓好以下五个方面的工作”
    “主要表现在三个方面”“做到‘四个坚持’”，随后用标题（一、二、三、/（一）（二）/1. 2.）
    或列举（一是…二是…/第一，…第二，…）逐条展开。宣布的数目与紧随其后的那一组列举的
    条数不同时报告，位置在宣布的数目上，并说明下面实际列出了几条、从哪一条到哪一条。

    只有联系清楚时才报告：
    - 数目要由“讲、谈、提、强调、抓好、做好、表现在”等动词或“以下、如下”引出，后面跟着
      “意见、要求、方面、工作、问题”等，或是带引号的“N个……”；“几点意见”“一些方面”
      这类不定的数目不查；
    - “三个代表”“两个确立”“四个意识”等固定提法不是宣布条数，不查；
    - 列举必须紧跟在宣布之后（同一段中相隔几个字，或紧接的下一段；宣布写在标题里的，
      如“二、重点抓好以下五项工作”，其下级标题前可以有一两段引言），标题须是宣布所在
      那一节的下一级、从 1 开始的一组同级标题；离得远、层级不对、序号本身有误（由 NUM001、
      NUM002、NUM007 报告）或以“首先…其次…最后”列举的，都不查。

    ## 为什么
    讲话稿修改时常增删一节，却忘了改开头宣布的数目：讲话人念出“讲三点意见”，随后讲了
    四点，台下听得清清楚楚。这类差错只有对照全文结构才能发现。

    ## 示例（错 → 对）
    - 错：`下面，我讲三点意见。` 之后是 `一、… 二、… 三、… 四、…` → 对：`下面，我讲四点意见。`
    - 错：`重点抓好以下两项工作：一是…；二是…；三是…。` → 对：`重点抓好以下三项工作：…`

    ## 修复安全性
    无自动修复：是宣布的数目错了，还是多写或漏写了一条，需由作者决定。

    ## 依据
    讲话稿、公文的写作惯例：总起句宣布的条目数应与分述的条目一一对应（总分结构前后呼应）；
    GB/T 9704-2012《党政机关公文格式》7.3.3 规定的结构层次序数是判断条目的依据。
    """
    for a in announcements(doc, data):
        n = len(a.items)
        if n == a.count:
            continue
        first, last = a.items[0][1], a.items[-1][1]
        where = first if n == 1 else f"{first}和{last}" if n == 2 else f"{first}至{last}"
        yield Diagnostic(
            "NUM009",
            a.span,
            f"{quote(a.text)}，但下面{'只' if n < a.count else ''}列出了{_count_word(n)}{a.unit}（{where}）",
        )
