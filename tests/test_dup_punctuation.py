"""DUP003: a mark written twice is found by a literal search per mark (DupPunctuationData.doubled),
with the same findings as the one pattern it replaced."""

from __future__ import annotations

import random
import re

import speechlint
from speechlint.config import Config

DUP3 = Config(select=("DUP003",))
MARKS = "，、；：。？！"
# the pattern DUP003 used before: exactly two of the same mark
REFERENCE = re.compile(rf"([{re.escape(MARKS)}])(?<![{re.escape(MARKS)}].)\1(?![{re.escape(MARKS)}])")


def spans(text: str) -> list[tuple[int, int]]:
    return [(d.span.start, d.span.end) for d in speechlint.lint(text, DUP3)]


def test_doubled_marks_found_and_three_left_alone() -> None:
    assert spans("同志们，，今天召开会议。") == [(4, 5)]
    assert spans("，，会议开始") == [(1, 2)]  # at the start of the text
    assert spans("取得明显成效。。") == [(7, 8)]  # at its end
    assert spans("真是这样吗？？不！！") == [(6, 7), (9, 10)]
    assert spans("他说了一半。。。就走了，又来了。") == []  # three or more: PUN's ellipsis
    assert spans("同志们，今天召开会议。") == []
    d = speechlint.lint("同志们，，今天", DUP3)[0]
    assert d.message == "标点“，，”重复，应为“，”"


def test_the_findings_of_the_one_pattern() -> None:
    rng = random.Random(3)
    for _ in range(500):
        text = "".join(rng.choice(MARKS + "会议\n") for _ in range(40))
        assert spans(text) == [(m.start() + 1, m.end()) for m in REFERENCE.finditer(text)], text
