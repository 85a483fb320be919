"""Hostile inputs that used to take super-linear time: each finishes and finds what it should.

Before the fixes, at the sizes used here, these took from about 10 s (``"要要" * 10,000``)
to several minutes (a line of 100,000 spaces in Markdown: 127 s; ``"(" * 100,000``: over
a minute); now each takes about a second or less.  No timing is asserted (speed is
measured in bench/hostile.py): a regression shows as a pytest-timeout failure.
"""

from __future__ import annotations

import pytest

import speechlint
from speechlint.document import LineIndex

CASES = [
    # (filetype, unit, repeats, {code: count})
    # Markdown masks: backtracking between runs of blanks (_TABLE), failed attempts
    # rescanning the rest of the text (inline code, link targets, comments, fences)
    ("md", " ", 100_000, {}),
    ("md", "\t", 100_000, {}),
    ("md", "`", 50_000, {}),
    ("md", "](", 20_000, {}),
    ("md", "[a](", 10_000, {}),
    ("md", "<!--", 50_000, {}),
    ("md", "```", 20_000, {}),
    # suppression comments that never close (any file type)
    ("txt", "<!-- speechlint-disable ", 10_000, {"PUN004": 1}),
    # PUN004: each space's allow-list test rescanned its whole line
    ("txt", "同 ", 10_000, {}),
    ("txt", "要\u3000", 50_000, {}),
    # PUN003: line start, end and previous bracket found by scanning the line
    ("txt", "(", 100_000, {}),
    ("txt", "()", 50_000, {}),
    # DUP: every candidate compared with every finding so far; exempt patterns ran to the
    # end of a run of numerals
    ("txt", "要要", 10_000, {"DUP001": 10_000}),
    ("txt", "𠮷", 20_000, {"DUP001": 10_000}),
    ("txt", "〇", 80_000, {}),
    # WRD001/WRD002 on a line without clause ends: each candidate's clause was found by
    # walking back to the line start, then matched and tagged again ("清醒的认识" * 10,000
    # took 30 s, "* 20,000" 148 s)
    ("txt", "清醒的认识", 20_000, {}),
    # (a modal verb before each: after 推进, the next 坚定不移的 would open a noun phrase)
    ("txt", "要坚定不移的推进", 10_000, {"WRD001": 10_000}),
    ("txt", "抓的好…", 10_000, {"WRD002": 10_000, "PUN005": 10_000}),
]


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    ("filetype", "unit", "repeats", "expected"),
    CASES,
    ids=[f"{ft}-{unit!r}x{n}" for ft, unit, n, _ in CASES],
)
def test_hostile_input_finishes(filetype: str, unit: str, repeats: int, expected: dict[str, int]) -> None:
    text = unit * repeats
    found = speechlint.lint(text, filetype=filetype)
    counts: dict[str, int] = {}
    for d in found:
        counts[d.code] = counts.get(d.code, 0) + 1
    assert counts == expected
    index = LineIndex(text)
    for d in found:
        assert 0 <= d.span.start <= d.span.end <= len(text)
        line, col = index.line_col(d.span.start)
        assert index.offset(line, col) == d.span.start


@pytest.mark.timeout(60)
def test_directives_on_a_long_line_still_apply() -> None:
    """The linear directive scan keeps the regex's matches: the last comment closes."""
    text = "<!-- speechlint-disable " * 5_000 + "DUP001 -->我们要要认真学习。"
    assert [d.code for d in speechlint.lint(text)] == []
    assert [d.code for d in speechlint.lint("我们要要认真学习。")] == ["DUP001"]


@pytest.mark.timeout(60)
def test_many_suppressions_and_findings() -> None:
    """Each finding was tested against every suppression (6,000 x 6,000 took 8 s)."""
    text = "<!-- speechlint-disable PUN -->要要\n" * 6_000
    found = speechlint.lint(text)
    assert len(found) == 6_000 and {d.code for d in found} == {"DUP001"}
    assert speechlint.lint(text.replace("PUN", "DUP001")) == []


@pytest.mark.timeout(60)
def test_many_blocks_left_open() -> None:
    """Each "enable" tested every open block (8,000 pairs of comments took 10 s)."""
    text = "<!-- speechlint-disable DUP --><!-- speechlint-enable PUN -->\n" * 8_000
    assert speechlint.lint(text + "要要") == []
    assert [d.code for d in speechlint.lint(text + "<!-- speechlint-enable DUP -->要要")] == ["DUP001"]
