"""NUM: heading numbering (GB/T 9704-2012 §7.3.3) and enumerations inside paragraphs.

The heading rules read the outline of :mod:`speechlint.outline` (scheme in
``rules/num.yaml``); the enumeration rules read its markers (一是 二要 第三， 首先 其次).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from ..document import Document
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
    scheme: Scheme


@dataclass(frozen=True)
class MarkerData:
    scheme: Scheme
    markers: MarkerSpec = field(default_factory=MarkerSpec)


# ------------------------------------------------------------------ headings
def _label(h: Heading, number: int) -> str:
    """The label of heading ``h`` renumbered to ``number``, in the scheme's form."""
    plain = str(h.number) if enclosed_kind(h.numeral) else h.numeral
    return h.expected_label.replace(plain, format_number(number, plain), 1)


def _groups(hs: Sequence[Heading]) -> list[list[Heading]]:
    """Sibling groups of scheme headings: same parent and level, in order.

    At the top (no parent) a heading numbered 1 starts a new group: a draft may hold
    several numbered parts (a speech and its attachment).
    """
    groups: list[list[Heading]] = []
    current: dict[tuple[int | None, int], list[Heading]] = {}
    for h in hs:
        if h.kind != "heading":
            continue
        key = (h.parent, h.level)
        g = current.get(key)
        if g is None or (h.parent is None and h.number == 1):
            g = current[key] = []
            groups.append(g)
        g.append(h)
    return groups


def _renumber(group: Sequence[Heading]) -> Fix | None:
    """Unsafe fix: number the group 1, 2, 3 … touching only the numerals that change."""
    edits = tuple(
        Edit(h.number_span, format_number(i, h.numeral))
        for i, h in enumerate(group, 1)
        if h.number != i
    )
    return Fix(edits, "unsafe") if edits else None


@dataclass(frozen=True, slots=True)
class _SeqFinding:
    code: str
    heading: Heading
    message: str
    fix: Fix | None


_seq_cache: tuple[str, Scheme, tuple[_SeqFinding, ...]] | None = None


def _sequence_findings(doc: Document, scheme: Scheme) -> tuple[_SeqFinding, ...]:
    """Gaps, repeats and continued numbering of every sibling group (shared by NUM001-003)."""
    global _seq_cache
    cached = _seq_cache
    if cached is not None and cached[0] is doc.check_text and cached[1] == scheme:
        return cached[2]
    hs = headings(doc, scheme)
    out: list[_SeqFinding] = []
    last_group_of_level: dict[int, list[Heading]] = {}
    for group in _groups(hs):
        first = group[0]
        fix = _renumber(group)
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
                out.append(
                    _SeqFinding(
                        "NUM003",
                        h,
                        f"{quote(h.label)}位于{quote(parent.label)}之下，却接续了上一部分的编号；"
                        f"每个上级标题下应从{quote(_label(h, 1))}重新编号",
                        fix,
                    )
                )
            elif typo:
                code = "NUM001" if n > want else "NUM002"
                out.append(_SeqFinding(code, h, f"序号{quote(h.label)}有误，按前后顺序应为{quote(_label(h, want))}", fix))
                n = want
            elif n > want:
                missing = "、".join(quote(_label(h, k)) for k in range(want, min(n, want + 3)))
                more = "等" if n - want > 3 else ""
                out.append(_SeqFinding("NUM001", h, f"{quote(h.label)}之前缺少{missing}{more}，序号不连续", fix))
            elif n == prev_n:
                out.append(_SeqFinding("NUM002", h, f"序号{quote(h.label)}重复，应为{quote(_label(h, want))}", fix))
            else:
                out.append(
                    _SeqFinding("NUM002", h, f"序号{quote(h.label)}出现在{quote(_label(h, prev_n))}之后，顺序颠倒", fix)
                )
            prev_n = n
    result = tuple(out)
    _seq_cache = (doc.check_text, scheme, result)
    return result


def _emit(doc: Document, data: HeadingData, code: str) -> Iterator[Diagnostic]:
    for f in _sequence_findings(doc, data.scheme):
        if f.code == code:
            yield Diagnostic(code, f.heading.number_span, f.message, f.fix)


@rule("NUM001", "heading-sequence-gap", data=HeadingData, severity="error", fix="unsafe", scope="document")
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
    不安全：修复把这一组同级标题按 1、2、3…… 重新编号（包括后面的标题），只改序号数字，
    不动其他层级的标题；它改动的范围大于报告的位置，而缺号也可能是漏写了一节，需人工确认。

    ## 依据
    GB/T 9704-2012《党政机关公文格式》7.3.3：结构层次序数依次用“一、”“（一）”“1.”“（1）”标注。
    """
    yield from _emit(doc, data, "NUM001")


@rule("NUM002", "heading-sequence-repeat", data=HeadingData, severity="error", fix="unsafe", scope="document")
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
    不安全：修复把这一组同级标题按 1、2、3…… 重新编号（包括后面的标题），只改序号数字；
    也可能是段落顺序放错了，需人工确认。

    ## 依据
    GB/T 9704-2012《党政机关公文格式》7.3.3：结构层次序数依次用“一、”“（一）”“1.”“（1）”标注。
    """
    yield from _emit(doc, data, "NUM002")


@rule("NUM003", "heading-level-order", data=HeadingData, severity="error", fix="sometimes", scope="document")
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


@rule("NUM004", "heading-level-skipped", data=HeadingData, severity="warning", scope="document")
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
    markers: list[Marker]
    initial: bool  # started at the start of a paragraph
    level: int = 0  # level of the heading it started under (0: none)

    @property
    def last(self) -> int:
        return self.markers[-1].number


@dataclass(frozen=True, slots=True)
class _EnumResult:
    findings: tuple[tuple[Marker, str, Fix | None], ...]  # NUM007 (marker, message, fix)
    series: tuple[tuple[Marker, ...], ...]


_enum_cache: tuple[str, MarkerSpec, Scheme, _EnumResult] | None = None

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


def _enumerations(doc: Document, spec: MarkerSpec, scheme: Scheme) -> _EnumResult:
    """Build enumeration series; sections restart at every scheme heading."""
    global _enum_cache
    cached = _enum_cache
    if cached is not None and cached[0] is doc.check_text and cached[1] == spec and cached[2] == scheme:
        return cached[3]
    ms = markers(doc, spec)
    hs = headings(doc, scheme)
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
        # a marker continues an open series it follows on from: preferably one of the same
        # style (是/要, 第/首先), then one started the same way (paragraph-initial or
        # inline), then the innermost
        hit = max(
            (i for i in range(len(stack)) if stack[i].last + 1 == n),
            key=lambda i: (stack[i].markers[-1].style == m.style, stack[i].initial == m.initial, i),
            default=None,
        )
        if hit is not None:
            del stack[hit + 1 :]
            stack[hit].markers.append(m)
            continue
        if m.initial:
            # a paragraph-initial marker closes the lists inside the previous paragraph
            while stack and not stack[-1].initial:
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
        prev = top.last
        if m.style == "word" and top.markers[-1].style == "word" and n > prev:
            pass  # 首先…其次 with nothing between: not a numbered gap
        elif n > prev + 1:
            missing = "、".join(quote(_marker_text(m, k, spec)) for k in range(prev + 1, min(n, prev + 4)))
            findings.append((m, f"{quote(m.text)}之前缺少{missing}，序号不连续", top))
        elif n == prev:
            right = _marker_text(m, prev + 1, spec)
            findings.append((m, f"{quote(m.text)}重复" + (f"，应为{quote(right)}" if right else ""), top))
        else:
            findings.append((m, f"{quote(m.text)}出现在{quote(_marker_text(m, prev, spec))}之后，顺序颠倒", top))
        top.markers.append(m)
    fixes: dict[int, Fix | None] = {}
    for _, _, series in findings:
        if id(series) not in fixes:
            fixes[id(series)] = _renumber_markers(series.markers)
    result = _EnumResult(
        tuple((m, message, fixes[id(series)]) for m, message, series in findings),
        tuple(tuple(s.markers) for s in all_series),
    )
    _enum_cache = (doc.check_text, spec, scheme, result)
    return result


@rule("NUM007", "enumeration-sequence", data=MarkerData, severity="error", fix="sometimes", scope="document")
def enumeration_sequence(doc: Document, data: MarkerData) -> Iterator[Diagnostic]:
    """段内或段首列举的序号不连续或重复（如“一是…二是…四是”）。

    ## 检查内容
    讲话稿常用“一是…二是…三是”“一要…二要…”“第一，…第二，…”“其一，…其二，…”
    “首先…其次…”列举。
    这些词只在分句开头才算序号（段首，或“。；：，！？”之后），所以“统一是”“唯一是”
    不算。报告跳号（“一是…二是…四是”）、重复（“二是…二是”）、颠倒和没有“一是”就出现的
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


@rule("NUM008", "enumeration-delimiter", data=MarkerData, severity="error", fix="sometimes", scope="document")
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
