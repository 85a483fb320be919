"""PH: unfilled placeholders and template residue.

Drafts are often started from a template or a document downloaded from a
"范文" site: the placeholders (``XX县``、``X月X日``、``____``) must be filled in and
the site's watermark and advertising lines removed before the draft is used.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from ..document import Document, Line
from ..model import Diagnostic, Edit, Fix, Span
from ..registry import rule
from . import quote, sorted_unique

_BLANK = " \t\u3000\ue000"


def _contexts(allow: tuple[str, ...], marks: str) -> dict[str, tuple[tuple[str, int], ...]]:
    """Placeholder character -> (allowed context, offset of that character in it)."""
    out: dict[str, list[tuple[str, int]]] = {}
    for ctx in allow:
        for i, ch in enumerate(ctx):
            if ch in marks:
                out.setdefault(ch, []).append((ctx, i))
    return {k: tuple(v) for k, v in out.items()}


def _in_context(text: str, s: int, e: int, contexts: dict[str, tuple[tuple[str, int], ...]]) -> bool:
    """True when ``text[s:e]`` lies inside an occurrence of an allowed context."""
    for ctx, off in contexts.get(text[s], ()):
        a = s - off
        if a >= 0 and text.startswith(ctx, a) and a + len(ctx) >= e:
            return True
    return False


def _in_exempt(text: str, s: int, e: int, patterns: tuple[re.Pattern[str], ...], reach: int = 8) -> bool:
    for pattern in patterns:
        for start in range(max(0, s - reach), s + 1):
            m = pattern.match(text, start)
            if m and m.end() >= e:
                return True
    return False


# ------------------------------------------------------------------- PH001
@dataclass(frozen=True)
class PlaceholderData:
    """PH001's data: placeholder patterns and their exemptions."""

    #: Candidates: runs of X/×, and of ○ □ (two or more), not touching Latin letters.
    pattern: re.Pattern[str] = re.compile("x^")
    #: Characters that make up a placeholder (the allowed contexts are indexed by them).
    marks: str = "Xx×"
    #: Legitimate words containing a placeholder character (X光, X射线, 数据要素×).
    allow: tuple[str, ...] = ()
    #: A candidate inside a match of one of these patterns is legitimate (2×3, 二○○八年).
    exempt: tuple[re.Pattern[str], ...] = ()

    def validate(self) -> str | None:
        return sorted_unique("allow", self.allow)

    @cached_property
    def contexts(self) -> dict[str, tuple[tuple[str, int], ...]]:
        return _contexts(self.allow, self.marks)


@rule("PH001", "unfilled-placeholder", data=PlaceholderData, severity="error")
def unfilled_placeholder(doc: Document, data: PlaceholderData) -> Iterator[Diagnostic]:
    """未填写的占位符（X、XX、××、○○、□□、某某）。

    ## 检查内容
    模板里代替具体内容的占位符：`X`、`XX`、`XXX`（含全角 `Ｘ`、小写 `x`）、`×`、`××`、`○○`、`□□`，
    如 `XX县`、`X月XX日`、`第X巡视组`、`XX%`、`X同志`、`受理信访举报X件`；代替人名、地名、
    单位名的 `某某`、`某某某`（`某某同志`、`某某县`）。单个“某”是普通词（某些、某种、某一），不报告。
    不报告：拉丁字母单词中的 X（XML、Xi'an、Max）、乘号（2×3、1920×1080）、
    `X光`、`X射线`、`数据要素×` 等允许表中的用法、汉字年份中的 ○（二○○八年）。
    允许表与豁免模式在 `rules/ph.yaml`。

    ## 为什么
    占位符说明稿子套用了模板或别人的材料而没有改完，念出“叉叉县”或印发出去都是严重差错。

    ## 示例（错 → 对）
    - 错：`为推进建设XX新XX县进程而努力奋斗！` → 对：`为推进建设美丽新安定县进程而努力奋斗！`
    - 错：`向社会公布清单事项X项。` → 对：`向社会公布清单事项126项。`

    ## 修复安全性
    不提供修复：实际内容只有起草人知道。

    ## 依据
    GB/T 9704-2012 的格式式样以“XXXX”“××”表示应由实际内容替换的位置（如 §7.3.4
    “附件：1.XXXX”）；成文中不应留有这类占位符。
    """
    text = doc.check_text
    for m in data.pattern.finditer(text):
        s, e = m.start(), m.end()
        if _in_context(text, s, e, data.contexts) or _in_exempt(text, s, e, data.exempt):
            continue
        yield Diagnostic(
            "PH001",
            Span(s, e),
            f"{quote(m.group())}疑为未填写的占位符，请填写实际内容",
        )


# ------------------------------------------------------------------- PH002
@dataclass(frozen=True)
class BlankData:
    """PH002's data: blanks left to fill in."""

    #: Runs of underscores left as a blank to fill in (not inside identifiers).
    pattern: re.Pattern[str] = re.compile("x^")
    #: A run inside a match of one of these is not a blank (a separator line ________).
    exempt: tuple[re.Pattern[str], ...] = ()
    #: The characters a blank is made of: every match of ``pattern`` holds one of them, so a
    #: text holding none is not scanned.  Finding a character is a fast search in C (1.4 ms
    #: on the 3.4 million characters of the 10 MB benchmark input, which has no underscore),
    #: where ``pattern``'s scan tests each character against its first character class
    #: (21 ms).
    marks: str = "_＿"

    def validate(self) -> str | None:
        return None if self.marks else "'marks' must not be empty"


@rule("PH002", "underscore-blank", data=BlankData, severity="error")
def underscore_blank(doc: Document, data: BlankData) -> Iterator[Diagnostic]:
    """未填写的下划线空白（____）。

    ## 检查内容
    两个及以上连续的下划线 `__`、`____`（含全角 `＿＿`），如 `会议定于____年__月召开`。
    网址、代码（Markdown）已被屏蔽；与字母数字相连的下划线（`file__name`）和只由下划线
    组成的分隔行不报告。

    ## 为什么
    下划线空白是模板中留给起草人填写的位置，留在成稿中说明内容没有填完。

    ## 示例（错 → 对）
    - 错：`会议定于____年__月召开。` → 对：`会议定于2025年6月召开。`

    ## 修复安全性
    不提供修复：实际内容只有起草人知道。

    ## 依据
    GB/T 9704-2012 规定成文的版式与要素；模板中的空白栏属于尚未形成正式文本的部分，
    成文中不应出现（参照该标准式样中的“XXXX”占位说明）。
    """
    text = doc.check_text
    if not any(c in text for c in data.marks):
        return
    for m in data.pattern.finditer(text):
        if _in_exempt(text, m.start(), m.end(), data.exempt):
            continue
        yield Diagnostic(
            "PH002",
            Span(m.start(), m.end()),
            f"{quote(m.group())}疑为未填写的空白，请填写实际内容",
        )


# ------------------------------------------------------------------- PH003
@dataclass(frozen=True)
class ResidueData:
    """PH003's data: phrases of template and download-site residue."""

    #: Phrases of watermark, download-site and advertising lines.
    patterns: tuple[re.Pattern[str], ...] = ()
    #: Longer lines are real paragraphs, never residue.
    max_length: int = 60

    def validate(self) -> str | None:
        return None if self.patterns else "'patterns' must not be empty"

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{p.pattern})" for p in self.patterns))


def _content(line: Line) -> Span | None:
    """The span of a line's content without surrounding blanks (None for a blank line)."""
    t = line.text
    a = len(t) - len(t.lstrip(_BLANK))
    b = len(t.rstrip(_BLANK))
    if a >= b:
        return None
    return Span(line.span.start + a, line.span.start + b)


def _delete_line(doc: Document, line: Line) -> Fix:
    """Unsafe fix: remove the whole line with its line ending."""
    starts = doc.line_starts
    end = starts[line.index + 1] if line.index + 1 < len(starts) else line.span.end
    start = line.span.start
    if end == line.span.end and line.index > 0:  # last line without ending: take the previous one's
        start = doc.line(line.index - 1).span.end
    return Fix((Edit(Span(start, end), ""),), "unsafe")


def _residue(line: Line, data: ResidueData) -> Span | None:
    """The content span of ``line`` when it is a residue line."""
    if len(line.text) > data.max_length and len(line.text.strip(_BLANK)) > data.max_length:
        return None  # a real paragraph (checked cheaply: most lines are long)
    span = _content(line)
    if span is None or span.end - span.start > data.max_length or not data.pattern.search(line.text):
        return None
    return span


def _residue_lines(doc: Document, data: ResidueData) -> Iterator[tuple[Line, Span]]:
    """Each residue line with its content span.

    Most lines are paragraphs longer than ``max_length``: that is seen on the line index,
    without making a :class:`Line` of each (making the 16,000 lines of the 10 MB benchmark
    input took longer than checking them).  Most short lines hold no phrase of the
    patterns: that is seen on the line's text, before making its :class:`Line`.
    """
    text = doc.check_text
    index = doc.index
    limit = data.max_length
    search = data.pattern.search
    for i, (start, end) in enumerate(zip(index.starts, index.ends)):
        if end - start > limit and (
            (text[start] not in _BLANK and text[end - 1] not in _BLANK)  # nothing to strip
            or len(text[start:end].strip(_BLANK)) > limit
        ):
            continue  # a real paragraph: what _residue says first
        if search(text[start:end]) is None:
            continue  # the line's text (Line.text) holds no phrase: what _residue says last
        line = doc.line(i)
        span = _residue(line, data)
        if span is not None:
            yield line, span


@rule("PH003", "template-residue", data=ResidueData, severity="error", fix="unsafe")
def template_residue(doc: Document, data: ResidueData) -> Iterator[Diagnostic]:
    """模板、下载站的水印或广告行（如“仅供学习参考，请勿照搬照抄”）。

    ## 检查内容
    从网站下载的范文常带有水印、版权声明和广告：`本文系作者原创投稿，仅供学习参考，请勿照搬照抄！`、
    `仅供学习 禁止外传`、`会员群：`、`QQ群`、`现在订阅立享……`、`举报倒卖会员资料……免费赠送……`。
    短行（不超过 `max-length` 个字符）含 `rules/ph.yaml` 中任一短语即报告，范围为整行内容。
    正文长段落不检查，以免误报正文中正常出现的“举报”“免费”等词。

    ## 为什么
    这些行不是讲话内容，留在稿中会被念出或印发，暴露稿件来源，十分难堪。

    ## 示例（错 → 对）
    - 错：`本文系作者原创投稿，仅供学习参考，请勿照搬照抄！`（整行） → 对：删除该行

    ## 修复安全性
    不安全：删除整行（连同换行）。需人工确认该行确是残留而非正文。

    ## 依据
    GB/T 9704-2012 规定公文由版头、主体、版记等要素组成；水印、广告不属于任何要素，
    成文中不得出现。
    """
    for line, span in _residue_lines(doc, data):
        yield Diagnostic(
            "PH003",
            span,
            f"{quote(doc.check_text[span.start:span.end])}疑为模板或下载站残留，请删除",
            _delete_line(doc, line),
        )


# ------------------------------------------------------------------- PH004
@dataclass(frozen=True)
class ResidueBlockData:
    """PH004's data: the residue block at the top of a document."""

    #: Same phrases as PH003 (shared in rules/ph.yaml with a YAML anchor).
    patterns: tuple[re.Pattern[str], ...] = ()
    #: Lines longer than this end the top block (PH003's limit for residue lines).
    max_length: int = 60
    #: A block line (without a phrase of its own) is at most this long.
    max_block_line: int = 30
    #: Lines that start the real draft: a title (…的讲话) or a salutation (同志们：).
    start: re.Pattern[str] = re.compile("x^")

    def validate(self) -> str | None:
        return None if self.patterns else "'patterns' must not be empty"

    @cached_property
    def residue(self) -> ResidueData:
        return ResidueData(self.patterns, self.max_length)


def _block_view(number: int, line: str, masked: str) -> tuple[object, tuple[tuple[int, int], ...]]:
    """PH004's line view (``registry.rule``): what the line is to the top region (blank, a
    residue line, a line that starts the real draft, or another line) and, for another
    line, its characters (its content may be reported); a residue or starting line is read
    only as such, whatever its characters."""
    from ..data import family_data

    data: ResidueBlockData = family_data("PH")["PH004"]  # the data the engine runs it with
    ln = Line(number, Span(0, len(masked)), masked)
    span = _content(ln)
    if span is None:
        return "blank", ()
    if _residue(ln, data.residue) is not None:
        return "residue", ()
    if span.end - span.start > data.max_length or data.start.search(masked):
        return "start", ()
    return "line", ((0, len(masked) + 1),)


@rule("PH004", "template-residue-block", data=ResidueBlockData, severity="error", fix="unsafe", scope="document",
      line_view=_block_view)
def template_residue_block(doc: Document, data: ResidueBlockData) -> Iterator[Diagnostic]:
    """文首残留块中的其他行（如残留行之间的站名、口号）。

    ## 检查内容
    下载站的广告常在文首占好几行，其中有的行本身不含广告短语（站名“某某文行”、口号
    “自建平台、实时分享”）。本规则只看文首、正文开始之前的部分：
    - 文首区域：从第一行起，到第一个“正文起点”为止；正文起点是标题（…的讲话、…的发言、
      …法、…法典、…编、…条例、…办法）、编章标题（第一编、第一分编、第一章）、称呼
      （同志们：）或长于 `max-length` 的行；
    - 在该区域内，夹在两条残留行（PH003）之间、没有空行隔开的短行（不超过 `max-block-line`
      个字符），以及文档开头紧接在第一条残留行之前的短行，都属于残留块，逐行报告。
    只有位于残留行之间或之前且相连的行才算，文首标题、称呼永不报告；正文中的行不看。

    ## 为什么
    这些行和广告行一样不是讲话内容，单看一行难以判断，但夹在广告之间就确定无疑。

    ## 示例（错 → 对）
    - 错：`仅供学习 禁止外传` / `某某文行` / `现在订阅立享……` → 对：三行都删除

    ## 修复安全性
    不安全：删除整行（连同换行）。

    ## 依据
    GB/T 9704-2012 规定公文由版头、主体、版记等要素组成；广告、站名不属于任何要素。
    """
    # The top region: lines before the real draft starts (only these are looked at, and
    # only these are made: a long draft's other lines are never needed).
    top: list[Line] = []
    residue: set[int] = set()
    for i in range(doc.line_count):
        line = doc.line(i)
        span = _content(line)
        if span is not None:
            if _residue(line, data.residue) is not None:
                residue.add(line.index)
            elif span.end - span.start > data.max_length or data.start.search(line.text):
                break
        top.append(line)
    if not residue:
        return
    block: set[int] = set()
    # Runs of non-blank lines; within each, short lines between two residue lines, or
    # (in the first run at the very top) before the first residue line.
    run: list[Line] = []
    for item in [*top, None]:
        if item is not None and _content(item) is not None:
            run.append(item)
            continue
        marks = [i for i, ln in enumerate(run) if ln.index in residue]
        if marks:
            first = 0 if run and run[0].index == _first_content(top) else marks[0]
            for ln in run[first : marks[-1]]:
                span = _content(ln)
                if ln.index not in residue and span is not None and span.end - span.start <= data.max_block_line:
                    block.add(ln.index)
        run = []
    for index in sorted(block):
        line = top[index]
        span = _content(line)
        if span is not None:
            yield Diagnostic(
                "PH004",
                span,
                f"{quote(doc.check_text[span.start:span.end])}位于文首的模板残留行之间，疑为下载站或广告残留，请删除",
                _delete_line(doc, line),
            )


def _first_content(lines: list[Line]) -> int:
    for line in lines:
        if _content(line) is not None:
            return line.index
    return -1
