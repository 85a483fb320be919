"""PH001–PH004: placeholders and template residue, on the seeds, the clean corpus and the data."""

from __future__ import annotations

from pathlib import Path

import pytest

import speechlint
from speechlint.config import Config
from speechlint.data import family_data
from speechlint.document import LineIndex
from speechlint.errors import RuleDataError

from .conftest import clean_texts, seed

PH = Config(select=("PH",))


def found(text: str) -> list[tuple[int, str]]:
    index = LineIndex(text)
    return [(index.line_of(d.span.start) + 1, d.code) for d in speechlint.lint(text, PH)]


def test_seed_000_residue_line_and_xx_placeholders() -> None:
    text = seed("000")
    assert found(text) == [(1, "PH003"), (32, "PH001"), (32, "PH001")]
    diags = speechlint.lint(text, PH)
    assert text[diags[0].span.start : diags[0].span.end] == LineIndex(text).line_text(0).strip()
    assert [text[d.span.start : d.span.end] for d in diags[1:]] == ["XX", "XX"]
    assert diags[1].message == "“XX”疑为未填写的占位符，请填写实际内容"
    assert diags[1].fix is None


def test_seed_001_every_x_placeholder() -> None:
    text = seed("001")
    expected = [8, 8, 8, 9, 9, 9, 9, 10, 10, 20]
    assert found(text) == [(line, "PH001") for line in expected]
    assert {text[d.span.start : d.span.end] for d in speechlint.lint(text, PH)} == {"X"}


def test_seed_002_advertising_block_and_placeholders() -> None:
    text = seed("002")
    got = found(text)
    top = [(line, code) for line, code in got if line < 16]
    # every non-blank line of the block before the title (line 16) is reported
    assert top == [
        (1, "PH003"),
        (2, "PH004"),
        (3, "PH004"),
        (4, "PH004"),
        (5, "PH003"),
        (7, "PH003"),
        (8, "PH003"),
        (9, "PH003"),
    ]
    assert [x for x in got if x[0] >= 16] == [(line, "PH001") for line in (19, 29, 35, 40, 42, 42, 42)]


def test_clean_corpus_has_no_placeholder_or_residue() -> None:
    for name, text in clean_texts():
        assert found(text) == [], name


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        ("XX县XX镇", [(1, "PH001"), (1, "PH001")]),
        ("Windows XP、XML、X光、X射线、2×3", []),
        ("数据要素×行动", []),
        ("签名：______", [(1, "PH002")]),
        # the residue line, and the 某某 stand-in left in it
        ("关注微信公众号：某某范文", [(1, "PH003"), (1, "PH001")]),
        ("以上意见，仅供参考。", []),
    ],
)
def test_decisions(text: str, expect: list[tuple[int, str]]) -> None:
    assert found(text) == expect


def test_residue_fix_deletes_the_whole_line_unsafely() -> None:
    text = "仅供学习 禁止外传\r\n某某文行\r\n会员群：\r\n\r\n在会议上的讲话\r\n同志们："
    assert speechlint.fix(text, PH).text == text  # unsafe: not applied by default
    assert speechlint.fix(text, PH, unsafe=True).text == "\r\n在会议上的讲话\r\n同志们："


def test_data_is_validated(tmp_path: Path) -> None:
    items = list(family_data("PH")["PH001"].allow)
    assert items == sorted(set(items))
    bad = tmp_path / "ph.yaml"
    bad.write_text("PH001:\n  allow: [X线, X光]\n", encoding="utf-8")
    with pytest.raises(RuleDataError, match=r"ph.yaml:2: PH001: 'allow' must be sorted"):
        family_data("PH", str(bad))
    bad.write_text("PH003:\n  patterns: ['(会员']\n", encoding="utf-8")
    with pytest.raises(RuleDataError, match=r"ph.yaml:2: PH003.*invalid regex"):
        family_data("PH", str(bad))


def test_residue_lines_as_every_line_checked_on_its_own() -> None:
    """PH003 skips long lines on the line index: the same lines as checking each Line, with
    blank-padded lines, every kind of line ending and a last line without one."""
    import random

    from speechlint.checks.ph import _residue, _residue_lines
    from speechlint.document import Document

    data = family_data("PH")["PH003"]
    pieces = ["仅供学习参考，请勿照搬照抄", "扫码关注公众号", "我们要坚持稳中求进工作总基调" * 5,
              " ", "\u3000" * 50, "\t", "会员群：123", "", "同志们："]
    rng = random.Random(7)
    for _ in range(300):
        parts = []
        for _ in range(rng.randint(1, 8)):
            line = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 4)))
            parts.append(line + rng.choice(["\n", "\r\n", "\r"]))
        text = "".join(parts)[: rng.randint(0, 400)]
        doc = Document.from_text(text)
        fast = [(line, span) for line, span in _residue_lines(doc, data)]
        slow = [(line, _residue(line, data)) for line in doc.lines if _residue(line, data) is not None]
        assert fast == slow, text
        assert [doc.line(i) for i in range(doc.line_count)] == list(doc.lines)


def test_blank_scan_only_where_its_marks_occur(tmp_path: Path) -> None:
    """PH002 scans only a text holding one of its ``marks`` (a fast test first)."""
    from dataclasses import replace

    from speechlint.checks.ph import underscore_blank
    from speechlint.document import Document

    data = family_data("PH")["PH002"]
    assert data.marks == "_＿"
    doc = Document.from_text("报名截止日期：____，请各单位按时报送。", "txt")
    assert [d.code for d in underscore_blank(doc, data)] == ["PH002"]
    # a text holding none of the marks is not scanned: with only ＿ as a mark, ____ goes unseen
    assert list(underscore_blank(doc, replace(data, marks="＿"))) == []
    assert list(underscore_blank(Document.from_text("请各单位按时报送材料。", "txt"), data)) == []
    bad = tmp_path / "ph.yaml"
    bad.write_text("PH002:\n  marks: ''\n", encoding="utf-8")
    with pytest.raises(RuleDataError, match=r"PH002: 'marks' must not be empty"):
        family_data("PH", str(bad))
