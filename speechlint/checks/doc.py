"""DOC: document elements by GB/T 9704-2012 《党政机关公文格式》.

The document number (发文字号), the date of the document (成文日期), the
attachment list (附件说明) and headings.  Patterns come from ``rules/doc.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from .. import numerals
from ..document import Document
from ..model import Diagnostic, Edit, Fix, Span
from ..registry import rule
from . import quote


def _line_bounds(text: str, pos: int, cr: bool) -> tuple[int, int]:
    """Start and end (before the line ending) of the line holding ``pos``; ``cr``: the text
    has a \r (searching for one in a text without any would scan it all, every time)."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    if end < 0:
        end = len(text)
    if cr:
        start = max(start, text.rfind("\r", start, pos) + 1)
        r = text.find("\r", pos, end)
        if r >= 0:
            end = r
    return start, end


# ---------------------------------------------------------------- DOC001
#: Where a document number may end: the pattern is tried only there.
_DIGIT_HAO = re.compile(r"号(?<=\d号)")

@dataclass(frozen=True)
class DocNumberData:
    """DOC001's data: the document number pattern."""

    #: A document number: organ code, bracketed year, serial, 号 (tried where a digit is
    #: followed by 号).  Named groups ``open``, ``year``, ``close``, ``di`` (第), ``zeros``
    #: and ``serial`` are required.
    pattern: re.Pattern[str]

    def validate(self) -> str | None:
        missing = {"open", "year", "close", "di", "zeros", "serial"} - set(self.pattern.groupindex)
        if missing:
            return f"'pattern' lacks the named groups: {', '.join(sorted(missing))}"
        return None


@rule("DOC001", "document-number-form", data=DocNumberData, severity="warning", fix="sometimes")
def document_number_form(doc: Document, data: DocNumberData) -> Iterator[Diagnostic]:
    """发文字号格式不规范（如“国发[2012]10号”“〔2012〕第10号”“〔2012〕010号”）。

    ## 检查内容
    机关代字后的“年份 + 序号 + 号”：年份应用六角括号“〔〕”括入、写全四位；序号不加“第”，
    不编虚位（不写“010”）。“（2021）京01民初123号”等法院案号的括号后不是序号，不检查。

    ## 为什么
    发文字号是公文的身份标识，格式由国家标准统一规定；方括号、鱼尾号、圆括号和“第”
    都是常见的不规范写法。

    ## 示例（错 → 对）
    - 错：`国发[2012]10号` `国发【2012】10号` `国发（2012）10号` → 对：`国发〔2012〕10号`
    - 错：`国发〔2012〕第10号` → 对：`国发〔2012〕10号`
    - 错：`国发〔2012〕010号` → 对：`国发〔2012〕10号`

    ## 修复安全性
    括号、“第”和虚位“0”的修复是安全的；两位年份（“〔12〕”）不提供修复。

    ## 依据
    GB/T 9704-2012 第7.2.5条（发文字号）：由发文机关代字、年份、发文顺序号组成；
    年份、发文顺序号用阿拉伯数字标注；年份应标全称，用六角括号“〔〕”括入；
    发文顺序号不加“第”字，不编虚位（即1不编为01），在阿拉伯数字后加“号”。
    """
    text = doc.check_text
    for hint in _DIGIT_HAO.finditer(text):  # a fast scan for 号 after a digit
        end = hint.end()
        m = next((x for x in data.pattern.finditer(text, max(0, end - 24), end) if x.end() == end), None)
        if m is None:
            continue
        year = m.group("year")
        if m.group("open") != "〔" or m.group("close") != "〕":
            o, c = m.span("open"), m.span("close")
            yield Diagnostic(
                "DOC001",
                Span(o[0], c[1]),
                f"发文字号年份{quote(m.group('open') + year + m.group('close'))}应用六角括号：{quote('〔' + year + '〕')}",
                Fix((Edit(Span(*o), "〔"), Edit(Span(*c), "〕"))),
            )
        if len(year) != 4:
            yield Diagnostic(
                "DOC001", Span(*m.span("year")), f"发文字号年份{quote(year)}应标全称（四位）"
            )
        if m.group("di"):
            span = Span(*m.span("di"))
            yield Diagnostic(
                "DOC001", span, f"发文顺序号前不加“第”：{quote(m.group('serial') + '号')}", Fix.replace(span, "")
            )
        if m.group("zeros"):
            span = Span(*m.span("zeros"))
            yield Diagnostic(
                "DOC001",
                span,
                f"发文顺序号{quote(m.group('zeros') + m.group('serial'))}不编虚位，应为{quote(m.group('serial'))}",
                Fix.replace(span, ""),
            )


# ---------------------------------------------------------------- DOC002
#: Where the date patterns are tried (they must match the whole line there).
_CN_YEAR = re.compile(r"年(?<=[〇○零O０一二三四五六七八九]{4}年)")
_NUM_DATE = tuple(  # one literal-first pattern per separator: a substring search each
    re.compile(rf"{sep}(?<=(?:19|20)\d\d{sep})\d{{1,2}}{sep}\d{{1,2}}(?![\d./])") for sep in (r"\.", "/")
)


@dataclass(frozen=True)
class DateLineData:
    """DOC002's data: date lines written with Chinese numerals."""

    #: A line that holds only a date written with Chinese numerals (tried on lines where
    #: four numerals precede 年).
    chinese: re.Pattern[str]
    #: A line that holds only a date written with dots, slashes or hyphens.
    numeric: re.Pattern[str]

    def validate(self) -> str | None:
        for name in ("chinese", "numeric"):
            p: re.Pattern[str] = getattr(self, name)
            if not {"date", "y", "m", "d"} <= set(p.groupindex):
                return f"'{name}' needs the named groups date, y, m, d"
        return None


@rule("DOC002", "document-date-form", data=DateLineData, severity="warning", fix="safe")
def document_date_form(doc: Document, data: DateLineData) -> Iterator[Diagnostic]:
    """成文日期（单独成行的日期）没有用“2012年7月1日”的形式。

    ## 检查内容
    单独占一行的日期（落款的成文日期、讲话稿标题下的日期）写成汉字数字
    （“二〇一二年七月一日”）或点号、斜线形式（“2012.7.1”“2012/7/1”）。
    正文中的日期不检查（正文中汉字数字的日期有时是引文或专名）。

    ## 为什么
    GB/T 9704-2012 改变了旧版标准的规定：成文日期用阿拉伯数字将年、月、日标全，
    不再用汉字数字；点号、斜线是表格、系统中的写法。

    ## 示例（错 → 对）
    - 错：`二〇一二年七月一日` → 对：`2012年7月1日`
    - 错：`2012.7.1` → 对：`2012年7月1日`

    ## 修复安全性
    安全：逐位换算，日期本身不变。

    ## 依据
    GB/T 9704-2012 第7.3.5.4条（成文日期中的数字）：用阿拉伯数字将年、月、日标全，
    年份应标全称，月、日不编虚位（即1不编为01）。
    """
    text = doc.check_text
    cr = "\r" in text
    for hint in _CN_YEAR.finditer(text):  # fast scans first; the line is then matched whole
        m = data.chinese.match(text, *_line_bounds(text, hint.start(), cr))
        if m is None:
            continue
        y = "".join(str(numerals.VALUES.get(c, "")) for c in m.group("y"))
        mo, d = numerals.value(m.group("m")), numerals.value(m.group("d"))
        if len(y) != 4 or not mo or not d or mo > 12 or d > 31:
            continue
        span = Span(*m.span("date"))
        fixed = f"{y}年{mo}月{d}日"
        yield Diagnostic(
            "DOC002", span, f"成文日期{quote(m.group('date'))}应用阿拉伯数字：{quote(fixed)}", Fix.replace(span, fixed)
        )
    for hint in (h for p in _NUM_DATE for h in p.finditer(text)):
        m = data.numeric.match(text, *_line_bounds(text, hint.start(), cr))
        if m is None:
            continue
        mo, d = int(m.group("m")), int(m.group("d"))
        if not 1 <= mo <= 12 or not 1 <= d <= 31:
            continue
        span = Span(*m.span("date"))
        fixed = f"{m.group('y')}年{mo}月{d}日"
        yield Diagnostic(
            "DOC002", span, f"成文日期{quote(m.group('date'))}应写作{quote(fixed)}", Fix.replace(span, fixed)
        )


# ---------------------------------------------------------------- DOC003
@dataclass(frozen=True)
class AttachmentData:
    """DOC003's data: the lines of an attachment note."""

    #: The first line of an attachment note: 附件：1.XXXX  or  附件：XXXX
    first: re.Pattern[str]
    #: A following line of the note: 2.XXXX
    more: re.Pattern[str]
    #: Marks that must not end an attachment's name.
    marks: str

    def validate(self) -> str | None:
        for name in ("first", "more"):
            if "name" not in getattr(self, name).groupindex:
                return f"'{name}' needs the named group 'name'"
        return None


def _attachment_view(number: int, line: str, masked: str) -> tuple[object, tuple[tuple[int, int], ...]]:
    """DOC003's line view (``registry.rule``): a line that opens an attachment note (附件：1.…)
    or could continue one (2.…) is read whole, the others not at all."""
    from ..data import family_data

    data: AttachmentData = family_data("DOC")["DOC003"]  # the data the engine runs it with
    if data.first.match(masked) or data.more.match(masked):
        return None, ((0, len(masked) + 1),)
    return None, ()


@rule("DOC003", "attachment-name-punctuation", data=AttachmentData, severity="warning", fix="safe",
      scope="document", line_view=_attachment_view)
def attachment_name_punctuation(doc: Document, data: AttachmentData) -> Iterator[Diagnostic]:
    """附件说明中附件名称后加了标点（如“附件：1.实施方案。”）。

    ## 检查内容
    “附件：”开头的一行，以及紧随其后、以“2.”“3.”等序号开头的各行，名称末尾的
    “。；，、：”等标点。

    ## 为什么
    附件说明列出的是名称，不是句子；名称后加标点不符合公文格式，也与附件首页的
    附件标题不一致。

    ## 示例（错 → 对）
    - 错：`附件：1.实施方案。` → 对：`附件：1.实施方案`
    - 错：`2.责任分工表；` → 对：`2.责任分工表`

    ## 修复安全性
    安全：删除名称末尾的标点。

    ## 依据
    GB/T 9704-2012 第7.3.4条（附件说明）：附件名称后不加标点符号。
    """
    text = doc.check_text
    if "附件" not in text:
        return
    index = doc.index
    in_note = False
    # each line's text read on the line index, without making a Line of each line
    for line_start, line_end in zip(index.starts, index.ends):
        line = text[line_start:line_end]
        m = data.first.match(line)
        if m is None and in_note:
            m = data.more.match(line)
        if m is None:
            in_note = False
            continue
        in_note = True
        name = m.group("name")
        if not name:
            continue
        end = line_start + m.end("name")
        k = end
        while k > line_start + m.start("name") and text[k - 1] in data.marks:
            k -= 1
        if k < end:
            span = Span(k, end)
            yield Diagnostic(
                "DOC003",
                span,
                f"附件名称后不加标点：删除{quote(text[k:end])}",
                Fix.replace(span, ""),
            )


# ---------------------------------------------------------------- DOC004
#: Lines the heading pattern is tried on: a numeral + 、, or a Markdown heading.
_NUMBERED = re.compile(r"、(?<=[一二三四五六七八九十]、)")
_MD_HEADING = re.compile(r"#(?<![^\r\n]#)")

@dataclass(frozen=True)
class HeadingStopData:
    """DOC004's data: heading lines."""

    #: A heading line: a first-level number (一、) or a Markdown heading (group ``md``,
    #: masked markup starting with ``#`` in the text), then its text.  Tried on the lines
    #: holding a numeral + 、 or starting with ``#``; it must match the whole line.
    pattern: re.Pattern[str]

    def validate(self) -> str | None:
        if not {"text", "stop"} <= set(self.pattern.groupindex):
            return "'pattern' needs the named groups 'text' and 'stop'"
        return None


#: A first-level heading number; listed months and quarters (三、四月份, 二、三季度) are none,
#: as in NUM's not-after-chinese (rules/num.yaml) and DOC004's pattern.
@cache
def _first_level() -> re.Pattern[str]:
    """Compiled when a line opens with a numeral and 、 (~0.7 ms to compile)."""
    return re.compile(r"[ \t\u3000]*[一二三四五六七八九十]{1,3}、(?![一二三四五六七八九十]{1,2}(?:[、月季]|个月))")
_END_MARKS = "。；：！？”’）…"


def _items_end_with_stops(text: str, lines: set[tuple[int, int]]) -> bool:
    """Do most of the document's lines opening with 一、二、… end with a punctuation mark
    (at least two of them)?  Then they are items, or the document's chosen style."""
    stops = plain = 0
    for start, end in lines:
        if not _first_level().match(text, start, end):
            continue  # a 、 inside a line, not a number opening it
        line = text[start:end].rstrip(" \t\u3000")
        if line.endswith(tuple(_END_MARKS)):
            stops += 1
        else:
            plain += 1
    return stops >= 2 and stops > plain


def _closes_a_list(text: str, start: int, cr: bool) -> bool:
    """Does the line before the one at ``start`` open with 一、二、… and end with a
    semicolon?  Then this line is the last item of a list (一、…；二、…；三、…。), whose
    full stop closes the list; a heading never follows an item ending with ；."""
    if start < 2:
        return False
    before_start, before_end = _line_bounds(text, start - 1 - (text[start - 2 : start] == "\r\n"), cr)
    before = text[before_start:before_end].rstrip(" \t\u3000")
    return before.endswith(("；", ";")) and _first_level().match(before) is not None


def _heading_stop_view(number: int, line: str, masked: str) -> tuple[object, tuple[tuple[int, int], ...]]:
    """DOC004's line view (``registry.rule``): a line holding a numeral + 、 or starting with
    ``#`` is read whole (tried as a heading; how such lines end decides the house style),
    the others not at all."""
    if _NUMBERED.search(masked) or line.startswith("#"):
        return None, ((0, len(line) + 1),)
    return None, ()


@rule("DOC004", "heading-full-stop", data=HeadingStopData, severity="warning", fix="safe", scope="document",
      line_view=_heading_stop_view)
def heading_full_stop(doc: Document, data: HeadingStopData) -> Iterator[Diagnostic]:
    """标题末尾加了句号（如“一、提高政治站位。”）。

    ## 检查内容
    单独成行的一级标题（“一、”开头，不超过40字，中间没有句末点号）和 Markdown 标题
    末尾的句号。二级以下标题（“（一）”“1.”）常与正文连排、以句号结束标题，单独成行时
    也常保留这个句号（规范的政府工作报告中就有），因此不检查。问号、叹号可以用。

    “三、四月份…”“一、二季度…”开头的是并列的月份、季度，不是标题序号（与 NUM 规则一致）。
    一组列举的最后一项（`一、…；` `二、…；` `三、…。`：前一行以“一、”之类开头、以分号结束）
    的句号是列举的结束，不报告。

    只报告文件里不一致的地方：如果一个文件中以“一、”开头的行多数以点号结束（至少两行），
    这些行是列举的条目（法律条文中的“一、……；”“二、……。”），或者文件选定了标题加句号
    的体例，都不报告；以“一、”开头的行多数不带句末点号时，带句号的少数才报告。

    ## 为什么
    标题不是句子，末尾不加句号；一级标题加句号在排版时十分显眼。

    ## 示例（错 → 对）
    - 错：`一、提高政治站位，时刻保持清醒。` → 对：`一、提高政治站位，时刻保持清醒`
    - 不报：`（一）主体责任落实有力。始终把……`（连排的二级标题）

    ## 修复安全性
    安全：删除标题末尾的句号。

    ## 依据
    GB/T 15834-2011 第4.1条（句号用于句末）及“标题末尾通常不用句号”的惯例；
    GB/T 9704-2012 第7.3.3条（正文结构层次序数）。
    """
    text = doc.check_text
    cr = "\r" in text
    lines = {_line_bounds(text, h.start(), cr) for h in _NUMBERED.finditer(text)}
    if _items_end_with_stops(text, lines):
        lines = set()  # 一、 lines are list items, or headings in a house style ending with 。
    if "#" in doc.text:
        lines.update(_line_bounds(text, h.start(), cr) for h in _MD_HEADING.finditer(doc.text))
    for bounds in sorted(lines):
        m = data.pattern.match(text, *bounds)
        if m is None:
            continue
        if _closes_a_list(text, bounds[0], cr):
            continue  # 一、…；\n二、…；\n三、…。: the last item of a list, not a heading
        if "md" in data.pattern.groupindex and m.group("md") and not doc.text.startswith("#", m.start("md")):
            continue  # masked Markdown markup that is not a heading (a list item, a quote)
        span = Span(*m.span("stop"))
        yield Diagnostic(
            "DOC004", span, f"标题{quote(m.group('text'))}末尾不加句号", Fix.replace(span, "")
        )
