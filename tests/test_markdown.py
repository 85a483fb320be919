"""Markdown drafts: what is checked, what is masked, suppression comments (issue 5)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import speechlint
from speechlint.cli import main
from speechlint.config import Config
from speechlint.document import MASK, Document

DUP = Config(select=("DUP003",))


def found(text: str) -> list[tuple[int, int]]:
    """1-based (line, column) of each DUP003 finding in a Markdown text."""
    doc = Document.from_text(text, "md")
    return [
        (doc.line_of(d.span.start) + 1, d.span.start - doc.line_starts[doc.line_of(d.span.start)] + 1)
        for d in speechlint.lint(text, DUP, filetype="md")
    ]


def masked(text: str, part: str) -> bool:
    """True when every character of ``part`` (first occurrence) is masked."""
    doc = Document.from_text(text, "md")
    i = text.index(part)
    return all(c in (MASK, "\n", "\r") for c in doc.check_text[i : i + len(part)])


# -------------------------------------------------------------- what is checked
def test_headings_paragraphs_list_items_quotes_tables_are_checked() -> None:
    text = (
        "# 一级标题，，\n"  # 1:8 (DUP003 marks the second mark)
        "\n"
        "正文段落，，继续。\n"  # 3:6
        "\n"
        "- 列表项，，\n"  # 5:7
        "  1. 子项。。\n"  # 6:9
        "\n"
        "> 引用，，\n"  # 8:6
        "\n"
        "| 表头 | 内容，， |\n"  # 10:11
        "|------|------|\n"
        "\n"
        "标题二，，\n"  # 13:5 (setext heading)
        "------\n"
        "\n"
        "**加粗，，**与*斜体。。*\n"  # 16:6, 16:14
    )
    assert found(text) == [(1, 8), (3, 6), (5, 7), (6, 9), (8, 6), (10, 11), (13, 5), (16, 6), (16, 14)]


def test_link_text_is_checked_but_not_its_target() -> None:
    text = "请见[通知，，](https://例子.cn/，，\"标题，，\")和![图，，](图，，.png)。\n"
    assert found(text) == [(1, 7), (1, 38)]  # link text and alt text
    assert masked(text, "(https://例子.cn/，，")
    assert masked(text, "![") and masked(text, "](图，，.png)")


# ------------------------------------------------------------ what is masked
@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: 标题，，\n---\n正文。\n",  # YAML front matter
        "+++\ntitle = \"标题，，\"\n+++\n正文。\n",  # TOML front matter
        "---\r\ntitle: 标题，，\r\n---\r\n正文。\r\n",  # front matter with CRLF
        "正文。\n\n```text\n代码，，\n```\n",  # fenced code
        "正文。\n\n~~~\n代码，，\n~~~\n",
        "正文。\n\n````\n```\n代码，，\n````\n",  # longer fence holds a shorter one
        "正文。\r\n\r\n```\r\n代码，，\r\n```\r\n后文。\r\n",  # CRLF fence
        "正文。\n\n    缩进代码，，\n",  # indented code
        "正文`代码，，`后文。\n",  # inline code
        "正文``含`反引号，，``后文。\n",
        "正文<!-- 注释，， -->后文。\n",  # HTML comment
        "正文<!--\n多行注释，，\n-->后文。\n",
        "见 https://example.com/a，，b 。\n".replace("，，", "%EF%BC%8C"),  # bare URL (masked anyway)
        "见 <https://例子.cn/，，> 。\n",  # autolink
        "[1]: https://例子.cn/，， \"标题\"\n",  # link reference definition
        "正文<span title=\"提示，，\">内容</span>。\n",  # HTML attributes
    ],
)
def test_masked_regions_are_not_flagged(text: str) -> None:
    assert found(text) == []


def test_bare_url_is_masked() -> None:
    text = "详见 https://www.gov.cn/zhengce/content/2024-01/01/content_1.htm 。\n"
    assert masked(text, "https://www.gov.cn/zhengce/content/2024-01/01/content_1.htm")


def test_text_after_code_is_still_checked() -> None:
    text = "```\n代码，，\n```\n\n正文，，\n"
    assert found(text) == [(5, 4)]
    text = "正文`代码`后文，，\n"
    assert found(text) == [(1, 10)]


def test_inline_code_never_spans_paragraphs() -> None:
    text = "第一段有一个`反引号。\n\n第二段，，\n\n第三段`结束。\n"
    assert found(text) == [(3, 5)]


def test_unclosed_fence_masks_to_the_end() -> None:
    assert found("正文。\n\n```\n代码，，\n") == []


def test_heading_closing_hashes_only_on_heading_lines() -> None:
    text = "## 标题，， ##\n正文 #，，\n"
    assert found(text) == [(1, 7), (2, 6)]


# --------------------------------------------------------------- suppression
def test_disable_enable_block() -> None:
    text = (
        "开头，，\n"
        "<!-- speechlint-disable DUP003 -->\n"
        "中间，，\n"
        "还是中间，，\n"
        "<!-- speechlint-enable -->\n"
        "结尾，，\n"
    )
    assert found(text) == [(1, 4), (6, 4)]


def test_disable_by_prefix_and_other_codes() -> None:
    text = "<!-- speechlint-disable DUP -->\n中间，，\n"
    assert found(text) == []
    text = "<!-- speechlint-disable NUM001 -->\n中间，，\n"
    assert found(text) == [(2, 4)]


def test_disable_without_codes_and_without_enable() -> None:
    assert found("前，，\n<!-- speechlint-disable -->\n后，，\n再后，，\n") == [(1, 3)]


def test_disable_next_line_and_disable_line() -> None:
    text = (
        "<!-- speechlint-disable-next-line DUP003 -->\n"
        "被跳过，，\n"
        "不跳过，，\n"
        "本行跳过，， <!-- speechlint-disable-line -->\n"
    )
    assert found(text) == [(3, 5)]


def test_suppression_in_a_markdown_file_through_the_cli(tmp_path: Path, capsys) -> None:
    f = tmp_path / "draft.md"
    f.write_text(
        "---\ntitle: 会议，，\n---\n# 讲话，，\n\n<!-- speechlint-disable DUP003 -->\n示例，，\n"
        "<!-- speechlint-enable -->\n\n```\n代码，，\n```\n\n见 https://example.com/x 。。\n",
        encoding="utf-8",
    )
    code = main(["check", "--isolated", "--select", "DUP003", "--format", "json", str(f)])
    items = json.loads(capsys.readouterr().out)
    assert code == 1
    assert [(i["line"], i["column"]) for i in items] == [(4, 6), (14, 26)]


def test_offsets_are_kept() -> None:
    text = "# 标题\n\n```\n代码\n```\n正文`x`。\n"
    doc = Document.from_text(text, "md")
    assert len(doc.check_text) == len(doc.text)
    assert [i for i, c in enumerate(doc.check_text) if c == "\n"] == [
        i for i, c in enumerate(text) if c == "\n"
    ]
