"""DUP: characters, words and punctuation typed twice by mistake."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from ..document import Document
from ..model import Diagnostic, Fix, Span
from ..registry import rule
from . import quote


@dataclass(frozen=True)
class DupPunctuationData:
    #: Marks that never legitimately appear twice in a row.
    marks: str = "，、；：。？！"

    def validate(self) -> str | None:
        if not self.marks:
            return "'marks' must not be empty"
        if len(set(self.marks)) != len(self.marks):
            return "'marks' lists a mark twice"
        return None

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        cls = re.escape(self.marks)
        # exactly two of the same mark: three or more 。 are an ellipsis (PUN rules)
        return re.compile(rf"(?<![{cls}])([{cls}])\1(?![{cls}])")


@rule("DUP003", "duplicated-punctuation", data=DupPunctuationData, severity="error", fix="safe")
def duplicated_punctuation(doc: Document, data: DupPunctuationData) -> Iterator[Diagnostic]:
    """标点符号重复输入（如“，，”“。。”）。

    ## 检查内容
    同一个标点符号连续出现两次：“，，”“、、”“；；”“：：”“。。”“？？”“！！”。三个及以上的
    句号属于省略号误用，由 PUN 规则报告。

    ## 为什么
    连续两个相同的点号在规范文本中没有用法，多为输入时多按了一次键，打印出来十分醒目。

    ## 示例（错 → 对）
    - 错：`同志们，，今天召开会议。` → 对：`同志们，今天召开会议。`
    - 错：`取得明显成效。。` → 对：`取得明显成效。`

    ## 修复安全性
    安全：删除第二个标点，其余字符不变。

    ## 依据
    GB/T 15834-2011《标点符号用法》第 4 章：点号各有其用法，不叠用。
    """
    for m in data.pattern.finditer(doc.check_text):
        span = Span(m.start() + 1, m.end())
        yield Diagnostic(
            "DUP003",
            span,
            f"标点{quote(m.group(0))}重复，应为{quote(m.group(1))}",
            Fix.replace(span, ""),
        )
