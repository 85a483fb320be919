"""Position conversion at the LSP edge, and the engine's paragraph cache, in-process."""

from __future__ import annotations

import random

import pytest

pytest.importorskip("pygls")

from speechlint.lsp.convert import Positions, minimal_edit, updated_index

from speechlint import engine
from speechlint.document import LineIndex
from speechlint.model import Span

ALPHABET = ["a", "\n", "\r", "\r\n", "同", "，", "𠮷", "😀", "\u2028", "\x0c", "é"]


def test_positions_in_each_encoding() -> None:
    text = "𠮷a同\u2028é\r\n末😀尾\r"
    for enc, expect in (
        ("utf-16", [(0, 0), (0, 2), (0, 3), (0, 4), (0, 5), (0, 6), (1, 0), (1, 1), (1, 3), (1, 4), (2, 0)]),
        ("utf-32", [(0, 0), (0, 1), (0, 2), (0, 3), (0, 4), (0, 5), (1, 0), (1, 1), (1, 2), (1, 3), (2, 0)]),
        ("utf-8", [(0, 0), (0, 4), (0, 5), (0, 8), (0, 11), (0, 13), (1, 0), (1, 3), (1, 7), (1, 10), (2, 0)]),
    ):
        pos = Positions(text, enc)
        offsets = [0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 11]
        assert [pos.position(o) for o in offsets] == expect, enc
        assert [pos.offset(*p) for p in expect] == offsets, enc


def test_positions_round_trip_and_clamp() -> None:
    rnd = random.Random(7)
    for _ in range(300):
        text = "".join(rnd.choice(ALPHABET) for _ in range(rnd.randrange(0, 30)))
        for enc in ("utf-8", "utf-16", "utf-32"):
            pos = Positions(text, enc)
            for o in range(len(text) + 1):
                if 0 < o < len(text) and text[o - 1] == "\r" and text[o] == "\n":
                    continue  # inside a CRLF: not a position of its own
                assert pos.offset(*pos.position(o)) == o
        pos = Positions(text, "utf-16")
        assert pos.offset(10_000, 0) == len(text)
        assert pos.offset(0, 10_000) == LineIndex(text).line_end(0)
        assert pos.offset(-1, 5) == 0


def test_updated_index_matches_a_fresh_index() -> None:
    rnd = random.Random(1)
    for _ in range(5000):
        text = "".join(rnd.choice(ALPHABET) for _ in range(rnd.randrange(0, 15)))
        a = rnd.randrange(0, len(text) + 1)
        b = rnd.randrange(a, len(text) + 1)
        ins = "".join(rnd.choice(ALPHABET) for _ in range(rnd.randrange(0, 4)))
        new = text[:a] + ins + text[b:]
        assert updated_index(LineIndex(text), new, Span(a, b), len(ins)).starts == LineIndex(new).starts


def test_minimal_edit() -> None:
    assert minimal_edit("同志们，，今天", "同志们，今天") == (Span(4, 5), "")
    assert minimal_edit("abc", "abc") is None
    assert minimal_edit("", "x") == (Span(0, 0), "x")


def test_lint_cached_equals_lint() -> None:
    """Paragraph-level caching never changes the findings, through a series of edits."""
    rnd = random.Random(3)
    lines = ["同志们，，今天召开会议。", "取得明显成效。。", "一、总体要求", "（一）工作目标", "我们要要认真学习。",
             "<!-- speechlint-disable-next-line DUP003 -->", "下面、、我讲三点。", "", "XX月XX日"]
    linter = engine.linter_for(None, None)
    for filetype in ("txt", "md"):
        cache: dict = {}
        text = "\n".join(rnd.choice(lines) for _ in range(30))
        for _ in range(40):
            assert linter.lint_cached(text, cache, filetype=filetype) == linter.lint(text, filetype=filetype)
            i = rnd.randrange(len(text) + 1)
            j = min(len(text), i + rnd.randrange(0, 6))
            text = text[:i] + rnd.choice(["", "，", "。", "\n", rnd.choice(lines)]) + text[j:]
