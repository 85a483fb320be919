"""FIG: number usage by GB/T 15835-2011 《出版物上数字用法》.

Each rule is one compiled regular expression over ``doc.check_text``; the
character classes and unit lists come from ``rules/fig.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from ..document import Document
from ..model import Diagnostic, Edit, Fix, Span
from ..registry import rule
from . import quote

_FULLWIDTH = re.compile("[\uff10-\uff19]+")
_TO_HALF = str.maketrans("０１２３４５６７８９", "0123456789")


_HALF_DIGITS = re.compile("[0-9]+")
#: Chinese numerals (with 〇 and its lookalikes ○ 零): a full-width ０ beside one stands
#: for 〇 inside a Chinese numeral (二０一０年), not for the Arabic 0.
_CN_NUMERALS = "一二三四五六七八九十百千万亿〇○零两"


def _fullwidth_runs(text: str) -> list[re.Match[str]]:
    """The full-width digit runs that stand for Arabic numbers: a run of ０ beside a Chinese
    numeral (二０一０年, 一０八) is the numeral 〇 mistyped (FIG006 reports it in a year), and
    the half-width 0 FIG001 would put there is no better."""
    n = len(text)
    return [
        m
        for m in _FULLWIDTH.finditer(text)
        if m.group().strip("０")
        or not (
            (m.start() > 0 and text[m.start() - 1] in _CN_NUMERALS)
            or (m.end() < n and text[m.end()] in _CN_NUMERALS)
        )
    ]


@dataclass(frozen=True)
class FullwidthData:
    """FIG001's data: when full-width digits are the document's style."""

    #: When at least this share of a document's digit runs is full-width (and there are at
    #: least ``min_runs`` of them), the document was typeset that way throughout: one
    #: finding for the whole document (fixing every run) instead of one per number.
    style_share: float = 0.8
    min_runs: int = 3

    def validate(self) -> str | None:
        if not 0 < self.style_share <= 1 or self.min_runs < 1:
            return "'style-share' must be in (0, 1] and 'min-runs' at least 1"
        return None


def _full_width_throughout(text: str, full_runs: int, data: FullwidthData) -> bool:
    """Was the document typeset with full-width digits: are at least ``min_runs`` and at
    least ``style_share`` of its digit runs full-width?  The half-width runs are counted only
    until they are too many (each one more lowers the share: a long text with a few stray
    full-width numbers is not scanned to its end)."""
    if full_runs < data.min_runs:
        return False
    for half_runs, _ in enumerate(_HALF_DIGITS.finditer(text), 1):
        if full_runs < data.style_share * (full_runs + half_runs):
            return False
    return True


def _digits_view(number: int, line: str, masked: str) -> tuple[object, tuple[tuple[int, int], ...]]:
    """FIG001's line view (``registry.rule``): each run of full-width digits and each run of
    half-width ones (the rule weighs the two styles over the whole document), with the
    characters beside it (a run ends where the digits end)."""
    full = [(max(0, m.start() - 1), m.end() + 1) for m in _FULLWIDTH.finditer(masked)]
    half = [(max(0, m.start() - 1), m.end() + 1) for m in _HALF_DIGITS.finditer(masked)]
    return len(full), (*full, *half)


@rule("FIG001", "fullwidth-digit", data=FullwidthData, severity="warning", fix="safe", scope="document",
      line_view=_digits_view)
def fullwidth_digit(doc: Document, data: FullwidthData) -> Iterator[Diagnostic]:
    """使用了全角数字（如“２０２５年”），应为半角阿拉伯数字。

    ## 检查内容
    全角数字“０”至“９”（U+FF10–U+FF19）。夹在汉字数字中的全角“０”（`二０一０年`）是误写的
    “〇”，改成半角“0”也不对，不在这里报告（年份中的由 FIG006 报告）。

    一个文件的数字几乎全用全角（默认：全角数字串占八成以上且不少于3处）时，这是整篇的
    排版方式（旧式排版、从旧文档复制），不是个别笔误：只在第一处报告一次，说明共有几处，
    修复一次改全文。半角为主的文件中夹着的全角数字逐处报告。

    ## 为什么
    国家标准规定阿拉伯数字使用半角形式；全角数字在排版上宽窄不一，检索、统计时也与
    半角数字不相等（搜索“2025”找不到“２０２５”）。整篇全角是一个问题，报告一次即可，
    逐个数字报告几十处只会淹没其他发现。

    ## 示例（错 → 对）
    - 错：`２０２５年完成目标` → 对：`2025年完成目标`

    ## 修复安全性
    安全：逐字换为对应的半角数字。

    ## 依据
    GB/T 15835-2011“阿拉伯数字的使用”一节“书写格式”：阿拉伯数字一般使用正体二分字身（半角）。
    """
    text = doc.check_text
    if not any(d in text for d in "０１２３４５６７８９"):  # ten substring searches beat a class scan
        return
    runs = _fullwidth_runs(text)
    if not runs:
        return
    if _full_width_throughout(text, len(runs), data):
        first = runs[0]
        edits = tuple(Edit(Span(m.start(), m.end()), m.group(0).translate(_TO_HALF)) for m in runs)
        yield Diagnostic(
            "FIG001",
            Span(first.start(), first.end()),
            f"全文的阿拉伯数字用了全角（共{len(runs)}处，如{quote(first.group(0))}），应为半角",
            Fix(edits),
        )
        return
    for m in runs:
        span = Span(m.start(), m.end())
        half = m.group(0).translate(_TO_HALF)
        yield Diagnostic("FIG001", span, f"全角数字{quote(m.group(0))}应为半角{quote(half)}", Fix.replace(span, half))


# ---------------------------------------------------------------- FIG002
# the literal 0 first (a fast scan), the context is checked after it
_DATE_ZERO = re.compile(
    r"0(?:(?<=年0)(?=[1-9]月)"  # 2012年07月, 去年05月12日
    r"|(?<=\d月0)(?=[1-9][日号])"  # 7月01日
    r"|(?<![\d年.]0)(?=[1-9]月[0-3]?\d[日号]))"  # 07月1日 without a year
)


@rule("FIG002", "date-leading-zero", severity="warning", fix="safe")
def date_leading_zero(doc: Document) -> Iterator[Diagnostic]:
    """“年月日”形式的日期中月、日前补了“0”（如“2012年07月01日”）。

    ## 检查内容
    “××××年0×月”“×月0×日”中的“0”。全数字形式（`2012-07-01`）可以补零，不检查。

    ## 为什么
    用汉字“年”“月”“日”的日期，月、日写作自然数，不补零；补零是表格、编号的写法，
    出现在讲话稿、公文正文中不规范。

    ## 示例（错 → 对）
    - 错：`2012年07月01日` → 对：`2012年7月1日`

    ## 修复安全性
    安全：只删除月、日前面的“0”。

    ## 依据
    GB/T 15835-2011“阿拉伯数字的使用”一节“年月日”；GB/T 9704-2012 第7.3.5.4条：
    成文日期用阿拉伯数字将年、月、日标全，年份应标全称，月、日不编虚位（即1不编为01）。
    """
    for m in _DATE_ZERO.finditer(doc.check_text):
        span = Span(m.start(), m.end())
        digit = doc.check_text[m.end()]
        yield Diagnostic(
            "FIG002", span, f"日期中的{quote('0' + digit)}不应补零，应为{quote(digit)}", Fix.replace(span, "")
        )


# ---------------------------------------------------------------- FIG003
_NUMBER_BEFORE = re.compile(r"\d+(?:\.\d+)?$")

@dataclass(frozen=True)
class RangeUnitData:
    """FIG003's data: range marks and the units a range may leave out."""

    #: Range marks between the two numbers.
    marks: str = "～~－-—–"
    #: Units whose omission on the first number makes the range ambiguous (9～16亿).
    units: tuple[str, ...] = ("%", "‰", "万亿", "亿", "万")

    def validate(self) -> str | None:
        if not self.marks or not self.units:
            return "'marks' and 'units' must not be empty"
        return None

    @cached_property
    def patterns(self) -> tuple[re.Pattern[str], ...]:
        """From the range mark on: mark, second number, unit -- one pattern per mark, each
        starting with its literal mark (a fast substring search)."""
        units = "|".join(re.escape(u) for u in sorted(self.units, key=len, reverse=True))
        return tuple(
            re.compile(rf"({re.escape(c)})(?<=\d{re.escape(c)})(\d+(?:\.\d+)?)({units})") for c in self.marks
        )


@rule("FIG003", "range-missing-unit", data=RangeUnitData, severity="warning", fix="unsafe")
def range_missing_unit(doc: Document, data: RangeUnitData) -> Iterator[Diagnostic]:
    """数值范围省略了前一个数的“%”“万”“亿”，造成歧义（如“9～16亿”“15～30%”）。

    ## 检查内容
    “数字 + 范围号 + 数字 + %／‰／万／亿／万亿”，前一个数没有写单位。范围号包括
    `～ ~ － - —`。“元”“千克”“页”等计量单位省略前一个不造成歧义，不检查。

    ## 为什么
    “9～16亿”可以读成“9到16亿”也可以读成“9（个）到16亿”，“15～30%”可以读成“15到30%”
    也可以读成“15（个）到百分之三十”。国家标准明确规定这几种情况前后两个数都要带上单位。

    ## 示例（错 → 对）
    - 错：`增长15～30%` → 对：`增长15%～30%`
    - 错：`投资9～16亿元` → 对：`投资9亿～16亿元`

    ## 修复安全性
    不安全：在前一个数后补上“%”“万”“亿”，意思通常不变，但请确认原意确为同一单位。

    ## 依据
    GB/T 15835-2011“阿拉伯数字的使用”一节“数值范围”：省略单位会造成歧义时不应省略，
    示例“9亿～16亿（不写为9～16亿）”“15%～30%（不写为15～30%）”。
    """
    text = doc.check_text
    found = [m for p in data.patterns for m in p.finditer(text)]
    found.sort(key=lambda m: m.start())
    for m in found:
        first = _NUMBER_BEFORE.search(text, max(0, m.start() - 24), m.start())
        if first is None or (first.start() > 0 and text[first.start() - 1] in "0123456789.．,"):
            continue
        unit = m.group(3)
        at = m.start()
        span = Span(first.start(), m.end())
        whole = text[span.start : span.end]
        fixed = first.group(0) + unit + m.group(1) + m.group(2) + unit
        yield Diagnostic(
            "FIG003",
            span,
            f"数值范围{quote(whole)}省略了前一个数的单位，有歧义，应为{quote(fixed)}",
            Fix((Edit(Span(at, at), unit),), "unsafe"),
        )


# ---------------------------------------------------------------- FIG004
@dataclass(frozen=True)
class ApproximateData:
    """FIG004's data: the numerals of an approximate number (二、三十)."""

    #: Chinese numerals in order; two neighbours (n, n+1) form an approximate number.
    numerals: str = "一二三四五六七八九"
    #: What may follow the pair for it to be an approximate number (二、三十 / 三、四个).
    followers: str = "十百千万个名人次天岁倍家项条位件种"
    #: Characters before the pair that make it an enumeration or an ordinal (第三、四).
    not_after: str = "第一二三四五六七八九十百千万两、"

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        n = re.escape(self.numerals + "两")
        # the 顿号 first (a fast scan); the numeral before it and what precedes it are checked
        # by lookbehinds after it, all but the Han-ness of the character before the numeral:
        # that is :meth:`han_before` (a class of U+4E00-U+9FFF costs 1-2 ms to compile)
        return re.compile(
            rf"、(?<=(?![{re.escape(self.not_after)}]).[{n}]、)([{n}])(?=[{re.escape(self.followers)}])"
        )

    @staticmethod
    def han_before(text: str, m: re.Match[str]) -> bool:
        """Is the character before the first numeral of a match of :attr:`pattern` Han
        (U+4E00-U+9FFF)?  The matches that pass are the matches of the pattern with that
        class in its lookbehind: a match is the 顿号 and the numeral after it, so one that
        fails this test hides no other."""
        return "\u4e00" <= text[m.start() - 2] <= "\u9fff"


@rule("FIG004", "approximate-number-comma", data=ApproximateData, severity="warning", fix="safe")
def approximate_number_comma(doc: Document, data: ApproximateData) -> Iterator[Diagnostic]:
    """相邻两个数字连用表示概数时用了顿号（如“二、三十人”）。

    ## 检查内容
    两个相邻的汉字数字（一二、三四、两三……，后一个比前一个大一）之间用了顿号，且后接
    “十、百、千、万”或“个、名、人、天”等量词，表示概数。行首的“一、”等序号、“第三、四”
    这样的序数并列、“一、二、三”这样的列举不检查。

    ## 为什么
    相邻数字连用表示概数（二三十、三四个），中间不加顿号；加了顿号就成了两个数的并列
    （“二、三十”是“二”和“三十”）。

    ## 示例（错 → 对）
    - 错：`来了二、三十人` → 对：`来了二三十人`
    - 错：`用了三、四个月` → 对：`用了三四个月`

    ## 修复安全性
    安全：删除顿号。

    ## 依据
    GB/T 15835-2011“汉字数字的使用”一节“概数”：两个数字连用表示的概数，两数之间
    不用顿号隔开；GB/T 15834-2011 顿号用法的同一说明。
    """
    order = {c: i for i, c in enumerate(data.numerals)}
    order["两"] = order.get("二", 1)
    text = doc.check_text
    for m in data.pattern.finditer(text):
        a, b = text[m.start() - 1], m.group(1)
        if not data.han_before(text, m) or order.get(b, -9) - order.get(a, -9) != 1:
            continue
        span = Span(m.start(), m.start() + 1)
        yield Diagnostic(
            "FIG004",
            span,
            f"概数{quote(a + '、' + b)}中间不用顿号，应为{quote(a + b)}",
            Fix.replace(span, ""),
        )


# ---------------------------------------------------------------- FIG005
@dataclass(frozen=True)
class MixedNumberData:
    """FIG005's data: place words that must not follow Arabic digits."""

    #: Chinese place words that must not follow Arabic digits (4千, 1百零8).
    places: str = "千百"
    #: What after 千/百 makes a unit, not a number (4千米, 2千克, 3千瓦, 10.36百亿亿次).
    units_after: tuple[str, ...] = ("克", "瓦", "米", "伏", "帕", "焦", "卡", "兆", "赫", "字")

    @cached_property
    def patterns(self) -> tuple[re.Pattern[str], ...]:
        units = "|".join(re.escape(u) for u in self.units_after)
        after = f"(?!{units})" if units else ""
        # the place word first (a fast scan), a digit right before it
        return tuple(re.compile(f"{re.escape(p)}(?<=\\d{re.escape(p)}){after}") for p in self.places)


@rule("FIG005", "mixed-number-form", data=MixedNumberData, severity="warning", preview=True)
def mixed_number_form(doc: Document, data: MixedNumberData) -> Iterator[Diagnostic]:
    """阿拉伯数字与“千”“百”混写（如“4千”“1百零8”）。

    ## 检查内容
    阿拉伯数字后紧接“千”“百”作数位。“万”“亿”可以与阿拉伯数字连用（“3.45亿”），不检查；
    “千米”“千克”“千瓦”等计量单位不检查。

    可选规则（opt-in，默认不启用）：国家标准不许这样混写，但标准的适用范围写明公文“可参照”
    执行，而国务院政府工作报告等编辑最严的公文在概数中常写“5千多户”“1万6千多户”。默认
    启用会在这类规范文本上误报，所以只在写明 `--extend-select FIG005` 时检查。

    ## 为什么
    一个数要么全用阿拉伯数字（4000），要么全用汉字（四千）；“4千”“1百零8”两种写法混用，
    国家标准明确不允许。

    ## 示例（错 → 对）
    - 错：`投资4千万元` → 对：`投资4000万元`
    - 错：`共1百零8项` → 对：`共108项`

    ## 修复安全性
    不提供修复：写成阿拉伯数字还是汉字数字需要人来选。

    ## 依据
    GB/T 15835-2011“阿拉伯数字与汉字数字同时使用”一节：数值中的“万”“亿”可以用汉字，
    此外一般数值不能同时使用阿拉伯数字与汉字数字，示例“4000 可以写作‘四千’，但不能写作‘4千’”，
    “108 不应写作‘1百零8’”。
    """
    text = doc.check_text
    found = sorted((m for p in data.patterns for m in p.finditer(text)), key=lambda m: m.start())
    for m in found:
        num = _NUMBER_BEFORE.search(text, max(0, m.start() - 24), m.start())
        if num is None or (num.start() > 0 and text[num.start() - 1] in "0123456789.．" + _LATIN):
            continue
        span = Span(num.start(), m.end())
        yield Diagnostic(
            "FIG005",
            span,
            f"{quote(text[span.start : span.end])}中阿拉伯数字与汉字数位混写，应全用阿拉伯数字或全用汉字",
        )


_LATIN = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


# ---------------------------------------------------------------- FIG006
@dataclass(frozen=True)
class YearZeroData:
    """FIG006's data: characters written for 〇 in a year."""

    #: Characters written for the numeral 〇 by mistake.
    lookalikes: str = "○OoＯｏ0０零"
    #: Lookalikes reported only in a document that also writes 〇 in a year (a unit that
    #: keeps the print convention of GB/T 15835-1995 lists "○零" here); none by default.
    house_style: str = ""

    def validate(self) -> str | None:
        if "〇" in self.lookalikes:
            return "'lookalikes' must not contain 〇 itself"
        if not set(self.house_style) <= set(self.lookalikes):
            return "'house-style' must be a subset of 'lookalikes'"
        return None

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        digits = re.escape("一二三四五六七八九〇" + self.lookalikes)
        # 年 first (a fast scan), the four numerals before it by a lookbehind
        return re.compile(
            rf"年(?<=(?<![一二三四五六七八九十{digits}])[一二][{digits}]{{3}}年)"
        )


@rule("FIG006", "year-zero-lookalike", data=YearZeroData, severity="warning", fix="safe")
def year_zero_lookalike(doc: Document, data: YearZeroData) -> Iterator[Diagnostic]:
    """汉字年份中的“〇”写成了“○”、字母“O”、数字“0”或“零”（如“二○一二年”）。

    ## 检查内容
    汉字数字年份（以“一”或“二”开头的四位，后接“年”）中的 `○`（U+25CB 几何图形“白圈”）、
    `O` `o`（拉丁字母）、`0` `０`（阿拉伯数字）和“零”，应为汉字数字“〇”（U+3007）。

    ## 为什么
    “○”是几何图形符号，“O”是字母，字形相近但不是数字，输入法里常被误选；
    汉字数字年份逐位书写，零位用“〇”，不用计量意义的“零”。
    默认报告“○”和“零”：GB/T 15835-2011 明确规定用“〇”，修复安全，2003年以后经专业编辑的
    报告用的都是“〇”（只有2002年的党代会报告等1995年标准时期的文本把零印作“○”，1990年代的
    报告还写“二零一零年”）。沿用旧体例的单位可在 `rules/fig.yaml` 的 `house-style` 中列出
    “○零”：文件的汉字年份通篇不用“〇”时视为该文件的体例，不报告，同一文件里混用才报告。
    字母“O”和数字“0”任何时候都报告。

    ## 示例（错 → 对）
    - 错：`二○一二年` → 对：`二〇一二年`
    - 错：`二O二五年` → 对：`二〇二五年`
    - 错：`二零二零年` → 对：`二〇二〇年`

    ## 修复安全性
    安全：逐字换成“〇”。

    ## 依据
    GB/T 15835-2011“汉字数字的使用”一节“‘零’和‘〇’”：用作编号（含年份）时“0”的汉字
    形式为“〇”，示例“二〇一二（不写为‘二零一二’）”。
    """
    text = doc.check_text
    bad = set(data.lookalikes)
    years = list(data.pattern.finditer(text))
    if not any("〇" in text[y.start() - 4 : y.start()] for y in years):
        bad -= set(data.house_style)  # the document's own convention: no 〇 year to differ from
    for y in years:
        at = y.start() - 4
        year = text[at : y.start()]
        if not any(c in bad for c in year) or not any(c in "一二三四五六七八九" for c in year[1:]):
            continue
        for i, c in enumerate(year):
            if c in bad:
                span = Span(at + i, at + i + 1)
                yield Diagnostic(
                    "FIG006",
                    span,
                    f"年份{quote(year + '年')}中的{quote(c)}应为汉字数字“〇”",
                    Fix.replace(span, "〇"),
                )


# ---------------------------------------------------------------- FIG007
_SHORT_YEAR = re.compile(r"年(?<=(?<![\d'’.．/\-年])\d\d年)(?=\d{1,2}月)")


@rule("FIG007", "abbreviated-year", severity="warning")
def abbreviated_year(doc: Document) -> Iterator[Diagnostic]:
    """完整日期中的年份只写了后两位（如“19年5月10日”）。

    ## 检查内容
    “××年×月”“××年×月×日”中只有两位数字的年份（年份后紧接月份）。单独的“19年”
    （十九年）含义不同，不检查；“5年3个月”是时长，也不是。

    ## 为什么
    年份简写会产生歧义（19年是1919年还是2019年？），国家标准要求年份写全。

    ## 示例（错 → 对）
    - 错：`19年5月10日` → 对：`2019年5月10日`
    - 错：`本届政府98年3月就职` → 对：`本届政府1998年3月就职`

    ## 修复安全性
    不提供修复：世纪需要人来确认。

    ## 依据
    GB/T 15835-2011“汉字数字的使用”一节“年份”与“阿拉伯数字的使用”一节“年月日”：
    年份一般不简写；GB/T 9704-2012 第7.3.5.4条：成文日期“年份应标全称”。
    """
    text = doc.check_text
    for m in _SHORT_YEAR.finditer(text):
        span = Span(m.start() - 2, m.end())
        yield Diagnostic("FIG007", span, f"年份{quote(text[span.start : span.end])}不应简写，应写出完整的四位年份")
