"""The heading outline (speechlint.outline): levels, numbers, parents, spans, wrong forms."""

from __future__ import annotations

import pytest

from speechlint.data import rule_data
from speechlint.document import Document
from speechlint.outline import (
    INDENT_CHARS,
    Heading,
    _default_scheme,
    _num_before,
    children,
    chinese_numeral,
    format_number,
    markers,
    outline,
    parse_number,
)

DRAFT = (
    "关于廉政工作的讲话\n"
    "同志们：\n"
    "一、关于党风廉政工作\n"
    "（一）提高认识\n"
    "近年来，我们做了大量工作。\n"
    "（二）突出重点\n"
    "1.推进政府自身改革。主要抓好“放管服”改革。\n"
    "2.抓好重点领域资金监管。\n"
    "（1）严格审批\n"
    "（2）强化审计\n"
    "二、关于廉政谈话\n"
    "第一，要坚持政治引领。\n"
    "第二，要坚持问题导向。\n"
)


def test_levels_numbers_and_parents() -> None:
    hs = outline(DRAFT)
    got = [(h.kind, h.level, h.number, h.label, h.parent) for h in hs]
    assert got == [
        ("heading", 1, 1, "一、", None),
        ("heading", 2, 1, "（一）", 0),
        ("heading", 2, 2, "（二）", 0),
        ("heading", 3, 1, "1.", 2),
        ("heading", 3, 2, "2.", 2),
        ("heading", 4, 1, "（1）", 4),
        ("heading", 4, 2, "（2）", 4),
        ("heading", 1, 2, "二、", None),
        ("ordinal", 2, 1, "第一，", 7),
        ("ordinal", 2, 2, "第二，", 7),
    ]
    assert [h.index for h in hs] == list(range(len(hs)))
    assert children(hs)[0] == [1, 2]
    assert children(hs)[4] == [5, 6]
    assert all(h.ok for h in hs)
    # levels nest the same way as parents (an editor may build the tree from either)
    assert all(h.parent is None or hs[h.parent].level < h.level for h in hs)


def test_paragraph_initial_numbered_item_is_a_level_3_heading() -> None:
    hs = outline(DRAFT)
    h = hs[3]
    assert (h.level, h.label, h.title) == (3, "1.", "推进政府自身改革")
    assert DRAFT[h.title_span.start : h.title_span.end] == "推进政府自身改革"
    assert h.line == 6


def test_spans_point_into_the_text() -> None:
    text = "𠮷前言\r\n　　（一）提高认识\r\n\t1.加强领导。要抓好。\r\n"
    hs = outline(text)
    assert [h.label for h in hs] == ["（一）", "1."]
    for h in hs:
        assert text[h.label_span.start : h.label_span.end] == h.label
        assert text[h.number_span.start : h.number_span.end] == h.numeral
        line = text[h.span.start : h.span.end]
        assert "\r" not in line and "\n" not in line
        assert line.strip("　\t").startswith(h.label)
    assert hs[0].title == "提高认识" and hs[1].title == "加强领导"
    assert [h.line for h in hs] == [1, 2]


@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r"])
def test_every_line_ending(eol: str) -> None:
    text = eol.join(["标题", "一、甲", "（一）乙", "二、丙", ""])
    hs = outline(text)
    assert [(h.label, h.line, h.parent) for h in hs] == [("一、", 1, None), ("（一）", 2, 0), ("二、", 3, None)]
    assert [text[h.span.start : h.span.end] for h in hs] == ["一、甲", "（一）乙", "二、丙"]


@pytest.mark.parametrize(
    ("line", "level", "number", "expected"),
    [
        ("1、推进改革", 3, 1, "1."),
        ("1，推进改革", 3, 1, "1."),
        ("12．推进改革", 3, 12, "12．"),
        ("一.总体要求", 1, 1, "一、"),
        ("一，总体要求", 1, 1, "一、"),
        ("十二、总体要求", 1, 12, "十二、"),
        ("（一）、提高认识", 2, 1, "（一）"),
        ("(一)提高认识", 2, 1, "（一）"),
        ("(三）提高认识", 2, 3, "（三）"),
        ("（三)提高认识", 2, 3, "（三）"),
        ("一）提高认识", 2, 1, "（一）"),
        ("(1)严格考核", 4, 1, "（1）"),
        ("（1）、严格考核", 4, 1, "（1）"),
        ("1)严格考核", 4, 1, "（1）"),
        ("⑶严格考核", 4, 3, "（3）"),
        ("⒓推进改革", 3, 12, "12."),
        ("第四、要坚持", 1, 4, "第四，"),
        ("第一，要坚持", 1, 1, "第一，"),
    ],
)
def test_wrong_forms_are_understood(line: str, level: int, number: int, expected: str) -> None:
    (h,) = outline(line)
    assert (h.level, h.number, h.expected_label) == (level, number, expected)
    assert h.ok == (h.label == expected)


@pytest.mark.parametrize(
    "text",
    [
        "2025年，全省经济增长5%。",
        "1.5亿元资金已经到位。",
        "1、2月份，全市经济运行平稳。",
        "一、二季度经济运行平稳。",
        "三、四月份雨水偏多。",
        "会议指出（一）要加强领导。",
        "100.推进改革",
        "一是加强领导。",
        "第一次会议",
        "第一、二产业增加值分别增长3%和5%。",
        "第一、第二批试点已经完成。",
        "统一思想，一致行动。",
    ],
)
def test_no_heading(text: str) -> None:
    assert outline(text) == []


def test_numerals_up_to_99() -> None:
    for n in range(1, 100):
        cn = chinese_numeral(n)
        assert parse_number(cn) == n
        assert parse_number(str(n)) == n
        (h,) = outline(f"{cn}、标题")
        assert (h.level, h.number) == (1, n)
        (h,) = outline(f"（{n}）标题")
        assert (h.level, h.number) == (4, n)
    assert [chinese_numeral(n) for n in (1, 10, 11, 20, 21, 99)] == ["一", "十", "十一", "二十", "二十一", "九十九"]
    assert parse_number("１２") == 12 and format_number(3, "１") == "３" and format_number(3, "1") == "3"
    assert parse_number("⒇") == 20 and format_number(3, "⑴") == "⑶" and format_number(3, "⒈") == "⒊"
    assert [chinese_numeral(n) for n in (100, 105, 110, 1010, 2300)] == ["一百", "一百零五", "一百一十", "一千零一十", "二千三百"]
    with pytest.raises(ValueError):
        chinese_numeral(0)


def test_text_and_document_give_the_same_outline() -> None:
    assert outline(DRAFT) == outline(Document.from_text(DRAFT))


def test_markdown_headings_and_lists() -> None:
    text = "# 讲话\n\n## 一、总体要求\n\n### （一）指导思想\n\n1. 列表项不是标题\n"
    hs = outline(text, filetype="md")
    assert [(h.label, h.level, h.title) for h in hs] == [("一、", 1, "总体要求"), ("（一）", 2, "指导思想")]


def test_headings_are_frozen() -> None:
    h: Heading = outline("一、甲")[0]
    with pytest.raises(AttributeError):
        h.level = 2  # type: ignore[misc]


def test_the_numeral_before_a_suffix_is_compiled_only_for_a_marker_found() -> None:
    # outline._num_before: a draft without an enumeration marker never compiles it
    spec = rule_data("NUM007").markers
    _num_before.cache_clear()
    assert markers(Document.from_text("要要落实，抓好工作。"), spec) == ()
    assert _num_before.cache_info().currsize == 0
    assert [m.text for m in markers(Document.from_text("一是加强领导；二是明确责任。"), spec)] == ["一是", "二是"]
    assert _num_before.cache_info().currsize == 1


def test_markers_only_at_clause_starts() -> None:
    spec = rule_data("NUM007").markers
    text = "统一是前提，唯一是根本。一是加强领导；二是明确责任。\n　　三要抓好落实，首先要学习，其次要思考。创新是第一动力，第二，要实践。"
    got = [(m.text, m.number, m.family, m.initial) for m in markers(Document.from_text(text), spec)]
    assert got == [
        ("一是", 1, "numeral", False),
        ("二是", 2, "numeral", False),
        ("三要", 3, "numeral", True),
        ("首先", 1, "ordinal", False),
        ("其次", 2, "ordinal", False),
        ("第二", 2, "ordinal", False),
    ]


def test_a_heading_opening_the_text_starts_with_one_of_the_first_characters() -> None:
    # _scan compiles and tries pattern_first only when the text's first character after its
    # indentation is one of first_chars: no other character starts a match
    scheme = _default_scheme()
    first = scheme.first_chars
    tails = ["、关于工作", "）提高认识", "。要求", "，要坚持", "十、总结", "1.推进", "2）强化", "\n一、"]
    for c in map(chr, range(0x10000)):
        if c in first or c in INDENT_CHARS:
            continue
        for indent in ("", "\u3000\u3000", " \t"):
            for tail in tails:
                assert scheme.pattern_first.match(indent + c + tail) is None, (c, tail)
                assert scheme.match_first(indent + c + tail) is None, (c, tail)
    assert outline("一、关于工作\n二、其他")[0].label == "一、"
    assert outline("　　（一）提高认识\n")[0].label == "（一）"
    for text in ("一、关于工作", "　（二）提高", " 3.推进", "第一，要", "⑴提高", "关于", "", "　"):
        got, want = scheme.match_first(text), scheme.pattern_first.match(text)
        assert (got and got.span()) == (want and want.span()), text
    assert outline("⑴提高认识\n") and outline("第一，要坚持。\n")[0].kind == "ordinal"
    assert outline("同志们：\n一、关于工作\n")[0].span.start == 5


def test_a_text_of_one_line_is_read_without_the_line_break_patterns() -> None:
    # a heading after a line break needs a character after it: when every line break ends
    # the text, neither pattern can match (and neither is compiled)
    import dataclasses
    import random

    scheme = _default_scheme()
    rng = random.Random(11)
    pieces = ["一、", "（二）", "3.", "第一，", "⑴", "\u3000", " ", "关于工作", "。"]
    for _ in range(500):
        line = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 5)))
        text = line + "".join(rng.choice(["\r", "\n", "\r\n"]) for _ in range(rng.randrange(0, 4)))
        assert scheme.pattern.search(text) is None and scheme.pattern_cr.search(text) is None, text
    fresh = dataclasses.replace(scheme)
    assert [h.label for h in outline("一、关于工作\r\n", scheme=fresh)] == ["一、"]
    assert "pattern" not in fresh.__dict__ and "pattern_cr" not in fresh.__dict__
    assert [h.label for h in outline("一、关于工作\n二、其他\n", scheme=fresh)] == ["一、", "二、"]
    assert [h.label for h in outline("一、关于工作\r二、其他", scheme=fresh)] == ["一、", "二、"]
