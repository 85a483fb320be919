"""NUM009: counts a speech announces (讲三点意见) against the list that follows them.

The rule's fixture (tests/fixtures/NUM009.yaml) holds the plain good and bad examples;
this file checks the messages, the matching of announcements to lists, the rule data's
validation, silence on professionally edited text, and the language server's outline and
hover.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import speechlint
from speechlint import data
from speechlint.checks.num import announcements
from speechlint.config import Config
from speechlint.document import Document
from speechlint.errors import RuleDataError

from .conftest import ROOT, clean_texts, positions, seed

ONLY = Config(select=("NUM009",))


def messages(text: str) -> list[str]:
    return [d.message for d in speechlint.lint(text, ONLY)]


def found(text: str) -> list[tuple[int, int, str]]:
    return positions(text, ONLY)


def announced(text: str) -> list[tuple[str, int, list[str]]]:
    """(announcement, count, item labels) of every announcement matched to a list."""
    doc = Document.from_text(text)
    return [(a.text, a.count, [i[1] for i in a.items]) for a in announcements(doc, data.rule_data("NUM009"))]


# ------------------------------------------------------------------- headings
def test_count_in_one_paragraph_kept_by_headings_in_the_next() -> None:
    text = "同志们：\n下面，我讲三点意见。\n一、提高站位\n（一）甲\n（二）乙\n二、扛牢责任\n三、严格考核\n谢谢大家！"
    assert announced(text) == [("讲三点意见", 3, ["一、", "二、", "三、"])]
    assert found(text) == []


def test_one_heading_too_many_names_both_counts_and_the_list() -> None:
    text = "下面，我讲三点意见。\n一、提高站位\n二、扛牢责任\n三、严格考核\n四、强化保障"
    (d,) = speechlint.lint(text, ONLY)
    assert d.message == "“讲三点意见”，但下面列出了四点（一、至四、）"
    assert text[d.span.start : d.span.end] == "三点意见"  # the count phrase only
    assert d.fix is None and d.severity == "warning"


def test_one_heading_too_few_says_only() -> None:
    text = "今年要着重抓好以下四个方面工作：\n（一）稳增长\n（二）促改革\n（三）惠民生"
    assert messages(text) == ["“抓好以下四个方面工作”，但下面只列出了三个方面（（一）至（三））"]


def test_headings_are_the_next_level_under_the_announcements_section() -> None:
    # under 一、: its children count, not the later top-level headings
    text = "一、总体要求\n主要有两个方面：\n（一）甲\n（二）乙\n（三）丙\n二、重点任务\n三、保障措施"
    assert found(text) == [(2, 4, "NUM009")]
    # the first heading after it is 二、, a sibling of its section: no list of its own
    assert found("一、总体要求\n主要有两个方面。\n二、重点任务\n（一）甲") == []
    # a new group at the top after a subsection (an attachment) is at another level
    assert found("一、甲\n（一）乙\n我讲两点。\n一、丙\n二、丁\n三、戊") == []


def test_the_list_must_follow_closely() -> None:
    assert found("下面，我讲两点意见。\n\n一、甲\n二、乙\n三、丙") == [(1, 6, "NUM009")]  # blank lines do not count
    assert found("下面，我讲两点意见。\n同志们，今年任务艰巨。\n一、甲\n二、乙\n三、丙") == []
    # a heading's own title announces its sub-headings across a short introduction
    titled = "二、重点抓好以下两项工作\n今年任务艰巨。\n我们要迎难而上。\n（一）甲\n（二）乙\n（三）丙"
    assert found(titled) == [(1, 9, "NUM009")]
    assert found(titled.replace("我们要", "我们要迎难而上。\n大家要")) == []
    # a long rest of the announcement's paragraph: it may go on to something else
    assert found("我们讲两点意见，这是会前经过认真研究、反复讨论确定的。\n一、甲\n二、乙\n三、丙") == []


# ------------------------------------------------------------------- series
def test_inline_series_in_the_same_paragraph() -> None:
    assert messages("要突出抓好三个方面：一是稳增长；二是促改革。") == [
        "“抓好三个方面”，但下面只列出了两个方面（一是和二是）"
    ]
    assert found("要突出抓好三个方面：一是稳增长；二是促改革；三是惠民生。") == []
    assert messages("我讲两点：第一，要学习。第二，要实践。第三，要总结。") == [
        "“讲两点”，但下面列出了三点（第一至第三）"
    ]


def test_series_of_paragraph_initial_items_after_the_announcement() -> None:
    text = "下面，我讲三点意见。\n一要提高站位。\n二要扛牢责任。\n三要严格考核。\n四要强化保障。"
    assert messages(text) == ["“讲三点意见”，但下面列出了四点（一要至四要）"]
    # a series nested in the first item is no item of the announcement
    nested = "下面，我讲两点意见。\n一要提高站位：一是学习；二是实践；三是总结。\n二要扛牢责任。"
    assert announced(nested) == [("讲两点意见", 2, ["一要", "二要"])]


def test_verbs_after_the_count() -> None:
    assert messages("下面，我从三个方面谈一谈。\n一、甲\n二、乙") == [
        "“从三个方面谈一谈”，但下面只列出了两个方面（一、和二、）"
    ]
    (d,) = speechlint.lint("这可以从以下四个方面来看：一是甲；二是乙；三是丙。", ONLY)
    assert (d.span.start, d.span.end) == (6, 10)  # 四个方面, without 来看


def test_series_whose_count_is_doubtful_are_not_matched() -> None:
    # mixed markers (NUM008's to report): which ones are the announced items?
    assert found("我讲三点意见：一要学习；二要实践；三是总结；四是创新。") == []
    # a repeated number: the second 三是 continues the earlier list, so both counts are doubtful
    text = "要采取两项措施：一是甲；二是乙。\n今年重点抓好四件事：一是丙；二是丁；三是戊；三是己。"
    assert found(text) == []
    assert found(text.replace("三是己", "四是己")) == []  # the draft as it should be
    # a list nested in an item is no stray marker
    nested = "下面，我讲两点意见。\n一要提高站位：一是学习；二是实践；三是总结。\n二要扛牢责任。\n三要严格考核。"
    assert found(nested) == [(1, 6, "NUM009")]


def test_quoted_counts() -> None:
    assert found("要做到“四个坚持”：一是坚持学习；二是坚持实践；三是坚持总结；四是坚持创新。") == []
    assert found("要做到“三个坚持”：一是坚持学习；二是坚持实践；三是坚持总结；四是坚持创新。") == [(1, 5, "NUM009")]
    # the count closest to the list is the one it answers
    assert found("推进“三个一批”、实现“两个突破”：一是甲；二是乙。") == []


# ------------------------------------------------------------------- any count
def _written(n: int, how: str) -> str:
    from speechlint.outline import chinese_numeral

    if how == "digits":
        return str(n)
    return "两" if n == 2 and how == "liang" else chinese_numeral(n)


LISTS = {
    # how the items are written: (separator before the list, item k)
    "headings": ("\n", lambda k: f"{_cn(k)}、第{_cn(k)}部分\n"),
    "subheadings": ("\n", lambda k: f"（{_cn(k)}）第{_cn(k)}项\n"),
    "numbered": ("\n", lambda k: f"{k}.第{k}项工作。要抓紧。\n"),
    "inline": ("", lambda k: f"{_cn(k)}是抓第{k}项；"),
    "paragraphs": ("\n", lambda k: f"{_cn(k)}要抓第{k}项。\n"),
    "ordinals": ("", lambda k: f"第{_cn(k)}，抓第{k}项。"),
}


def _cn(k: int) -> str:
    from speechlint.outline import chinese_numeral

    return chinese_numeral(k)


@settings(max_examples=150, deadline=None)
@given(
    announced=st.integers(2, 12),
    listed=st.integers(2, 12),
    how=st.sampled_from(["chinese", "liang", "digits"]),
    lead=st.sampled_from(["下面，我讲{n}点意见。", "今年要重点抓好以下{n}个方面工作：", "问题主要表现在{n}个方面：",
                          "我提{n}点要求。", "要做到“{n}个坚持”："]),
    kind=st.sampled_from(sorted(LISTS)),
)
def test_any_count_against_any_list(announced: int, listed: int, how: str, lead: str, kind: str) -> None:
    if "“" in lead and how == "digits":
        how = "chinese"
    sep, item = LISTS[kind]
    text = "同志们：\n" + lead.format(n=_written(announced, how)) + sep + "".join(item(k) for k in range(1, listed + 1))
    got = speechlint.lint(text, ONLY)
    if announced == listed:
        assert got == []
    else:
        (d,) = got
        assert f"列出了{'两' if listed == 2 else _cn(listed)}" in d.message
        assert text[d.span.start : d.span.end].startswith(_written(announced, how))


# ------------------------------------------------------------------- silence
@pytest.mark.parametrize(
    "text",
    [
        "下面，我讲几点意见。\n一、甲\n二、乙",
        "我们要在一些方面下功夫：一是加强学习；二是改进作风；三是狠抓落实。",
        "增强“四个意识”、坚定“四个自信”、做到“两个维护”：一是甲；二是乙；三是丙。",
        "深刻领悟“两个确立”的决定性意义。\n一、甲\n二、乙\n三、丙",
        "以“三个代表”重要思想为指导，一是甲；二是乙。",
        "五年来，我们办了三件实事。\n一、甲\n二、乙",
        "依照本法第三条的规定：一是甲；二是乙。",
        "今年要重点抓好三项工作。",
        "我讲三点意见：首先，要加强学习；其次，要改进作风；最后，要狠抓落实。",
        "今年重点抓好三项工作。\n会议强调，一是加强领导；二是明确责任。",
        "附件：1.甲\n我讲两点。\n2.乙\n3.丙",
        # "one…, the other…": no numbered list
        "基本点是两条，一是坚持甲，一是坚持乙。",
        "要从两个方面加以理解：一是甲；二是乙；三是丙。",
    ],
)
def test_silent_when_nothing_was_promised_or_the_link_is_unclear(text: str) -> None:
    assert found(text) == []


def test_seeds_are_silent() -> None:
    for prefix in ("000", "001", "002"):
        assert found(seed(prefix)) == [], prefix
    # seed 000 announces two parts and has them
    assert announced(seed("000")) == [("讲两方面的意见", 2, ["一、", "二、"])]


def test_clean_corpus_is_silent_and_its_announcements_are_kept() -> None:
    matched = 0
    for name, text in clean_texts():
        assert found(text) == [], name
        matched += len(announced(text))
    assert matched >= 3  # the reports announce their tasks ("重点做好八个方面工作") and keep them


def test_every_kept_announcement_of_the_clean_corpus_is_caught_when_its_count_is_off() -> None:
    """What a late edit does: the list keeps its items, the announced number is one off."""
    from speechlint.outline import chinese_numeral

    tried = 0
    for name, text in clean_texts():
        doc = Document.from_text(text)
        for a in announcements(doc, data.rule_data("NUM009")):
            numeral = re.match("[一二三四五六七八九十两0-9０-９]+", text[a.span.start :]).group()  # type: ignore[union-attr]
            digits = numeral.isdigit()
            for wrong in (a.count - 1, a.count + 1):
                if wrong < 2:
                    continue
                changed = text[: a.span.start] + (str(wrong) if digits else chinese_numeral(wrong))
                changed += text[a.span.start + len(numeral) :]
                got = speechlint.lint(changed, ONLY)
                assert [d.span.start for d in got] == [a.span.start], (name, a.text, wrong)
                tried += 1
    assert tried >= 6


# ---------------------------------------------------------------- rule data
def _num_yaml(tmp_path: Path, old: str, new: str) -> Path:
    text = (ROOT / "rules" / "num.yaml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "num.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("bare-measures: [点,", "bare-measures: [遍, 点,", "'bare-measures' word must be one of 'measures'"),
        ("max-paragraphs: 0", "max-paragraphs: -1", "must not be negative"),
        ("max-gap: 12", "max-gap: many", "expected int"),
        ("lead-ins: [以下, 如下]", "lead-in: [以下, 如下]", "unknown key 'lead-in'"),
    ],
)
def test_broken_rule_data_names_file_line_rule_and_problem(tmp_path: Path, old: str, new: str,
                                                           problem: str) -> None:
    path = _num_yaml(tmp_path, old, new)
    with pytest.raises(RuleDataError) as exc:
        data.family_data.__wrapped__("NUM", str(path))
    message = str(exc.value)
    assert "num.yaml:" in message and "NUM009" in message and problem in message


def test_the_data_decides_what_announces(tmp_path: Path) -> None:
    path = _num_yaml(tmp_path, "lead-ins: [以下, 如下]", "lead-ins: [以下, 如下, 下列]")
    loaded = data.family_data.__wrapped__("NUM", str(path))["NUM009"]
    doc = Document.from_text("做好下列三项工作：一是甲；二是乙。")
    assert [a.count for a in announcements(doc, loaded)] == [3]
    assert announcements(doc, data.rule_data("NUM009")) == ()


# ------------------------------------------------------------ language server
pytest_lsp = pytest.importorskip("pytest_lsp")


async def _client() -> Any:
    from lsprotocol import types

    client = await pytest_lsp.ClientServerConfig(
        server_command=[sys.executable, "-m", "speechlint", "server"]).start()
    await client.initialize_session(types.InitializeParams(capabilities=types.ClientCapabilities(
        text_document=types.TextDocumentClientCapabilities(
            hover=types.HoverClientCapabilities(content_format=[types.MarkupKind.Markdown])))))
    return client


DRAFT = "同志们：\n下面，我讲三点意见。\n一、提高站位\n二、扛牢责任\n三、严格考核\n四、强化保障\n"


@pytest.mark.asyncio
async def test_lsp_outline_shows_the_announced_count_beside_its_headings(tmp_path: Path) -> None:
    from lsprotocol import types

    client = await _client()
    try:
        uri = (tmp_path / "draft.txt").as_uri()
        client.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=DRAFT)))
        symbols = await client.text_document_document_symbol_async(
            types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=uri)))
        assert [(s.name, s.detail) for s in symbols] == [
            ("一、提高站位", "1 级标题 / level 1 · “讲三点意见” 1/3"),
            ("二、扛牢责任", "1 级标题 / level 1 · “讲三点意见” 2/3"),
            ("三、严格考核", "1 级标题 / level 1 · “讲三点意见” 3/3"),
            ("四、强化保障", "1 级标题 / level 1 · “讲三点意见” 4/3"),
        ]
    finally:
        await client.shutdown_session()
        await client.stop()


@pytest.mark.asyncio
async def test_lsp_hover_on_the_announcement_lists_the_items(tmp_path: Path) -> None:
    from lsprotocol import types

    client = await _client()
    try:
        uri = (tmp_path / "draft.txt").as_uri()
        kept = "我讲两点：一是加强学习；二是改进作风。\n"
        client.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="plaintext", version=1,
                                                 text=DRAFT + kept)))

        async def hover(line: int, character: int) -> Any:
            return await client.text_document_hover_async(types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=types.Position(line=line, character=character)))

        mismatch = await hover(1, 6)  # on 三点意见: the items and the finding
        text = mismatch.contents.value
        assert "“讲三点意见”：宣布 3 点，下面列出 4 点" in text
        assert "- 一、提高站位\n- 二、扛牢责任\n- 三、严格考核\n- 四、强化保障" in text
        assert "NUM009" in text and "但下面列出了四点（一、至四、）" in text
        r = mismatch.range
        assert (r.start.line, r.start.character, r.end.character) == (1, 5, 9)
        # a count that is kept: no finding, but the hover still lists what was found
        ok = await hover(6, 3)
        assert ok is not None and "NUM009" not in ok.contents.value
        assert "宣布 2 点，下面列出 2 点" in ok.contents.value
        assert "- 一是加强学习\n- 二是改进作风" in ok.contents.value
        assert await hover(0, 1) is None
        # the writer corrects the count: the hover follows the text
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(
                text=(DRAFT + kept).replace("三点意见", "四点意见"))]))
        fixed = await hover(1, 6)
        assert fixed is not None and "NUM009" not in fixed.contents.value
        assert "“讲四点意见”：宣布 4 点，下面列出 4 点" in fixed.contents.value
    finally:
        await client.shutdown_session()
        await client.stop()
