"""DOC behaviour beyond the fixtures."""

from __future__ import annotations

import pytest

import speechlint
from speechlint.config import Config
from speechlint.data import family_data
from speechlint.errors import RuleDataError


def _hits(text: str, code: str) -> list[str]:
    return [text[d.span.start : d.span.end] for d in speechlint.lint(text, Config(select=(code,)))]


def test_document_number_all_problems_fixed_together() -> None:
    text = "国办发【2019】第05号"
    fixed = speechlint.fix(text, Config(select=("DOC001",))).text
    assert fixed == "国办发〔2019〕5号"


def test_attachment_note_ends_at_the_first_unnumbered_line() -> None:
    text = "附件：1.方案\n2.清单。\n正文第一段。\n3.这是正文中的编号。"
    assert _hits(text, "DOC003") == ["。"]


def test_second_level_headings_are_left_alone() -> None:
    # edited government reports put a full stop after standalone （一） headings
    assert _hits("（一）以更高标准打造生态文明高地。\n正文。", "DOC004") == []
    assert _hits("一、工作回顾。\n正文。", "DOC004") == ["。"]


def test_the_last_item_of_a_list_is_no_heading() -> None:
    heads = "一、工作回顾\n正文。\n二、总体要求\n正文。\n"
    items = "一、节约能源；\n二、改革结构；\n三、利用资源。\n"
    assert _hits(heads + items + "三、重点工作\n", "DOC004") == []
    assert _hits((heads + items).replace("\n", "\r\n"), "DOC004") == []
    # a heading after a line that ends otherwise is still one
    assert _hits(heads + "一、节约能源，\n三、重点工作。\n", "DOC004") == ["。"]
    assert _hits(heads + "正文；\n三、重点工作。\n", "DOC004") == ["。"]


def test_listed_months_and_quarters_open_no_heading() -> None:
    heads = "一、工作回顾\n正文。\n二、总体要求\n正文。\n"
    assert _hits(heads + "三、四月份降水偏多。\n一、二季度经济平稳。\n三、重点工作\n", "DOC004") == []
    # they do not count as headings ending with a mark either
    assert _hits(heads + "三、四月份降水偏多。\n一、二季度经济平稳。\n三、重点工作。\n", "DOC004") == ["。"]


def test_doc_patterns_need_their_groups(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "doc.yaml"
    path.write_text(
        "DOC001:\n  pattern: '(?P<open>\\[)(?P<year>\\d+)'\nDOC002:\n  chinese: x\n  numeric: y\n"
        "DOC003:\n  first: '(?P<name>x)'\n  more: '(?P<name>y)'\n  marks: '。'\n"
        "DOC004:\n  pattern: '(?P<text>x)(?P<stop>。)'\n",
        encoding="utf-8",
    )
    with pytest.raises(RuleDataError, match=r"doc\.yaml:2: DOC001: 'pattern' lacks the named groups"):
        family_data.__wrapped__("DOC", str(path))
