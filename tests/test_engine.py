"""The engine: selection, severity, suppression, allow-lists, fixes, positions."""

from __future__ import annotations

import pytest

import speechlint
from speechlint import registry
from speechlint.config import Config
from speechlint.document import Document, LineIndex
from speechlint.engine import Linter, apply_fixes
from speechlint.model import Diagnostic, Edit, Fix, RuleFailure, Span

DOUBLED = "同志们，，今天召开会议。"


def codes(text: str, config: Config | None = None) -> list[str]:
    return [d.code for d in speechlint.lint(text, config)]


def test_lint_finds_and_spans_are_narrow() -> None:
    [d] = speechlint.lint(DOUBLED, Config(select=("DUP003",)))
    assert (d.code, d.span) == ("DUP003", Span(4, 5))
    assert d.severity == "error"


@pytest.mark.parametrize(
    ("select", "ignore", "expected"),
    [
        (("ALL",), (), True),
        (("DUP",), (), True),
        (("DUP003",), (), True),
        (("NUM",), (), False),
        (("ALL",), ("DUP",), False),
        (("DUP003",), ("DUP",), True),  # the more specific selection wins
        (("DUP",), ("DUP003",), False),
        (("DUP003",), ("DUP003",), False),  # a tie: ignore wins
    ],
)
def test_select_ignore_semantics(select: tuple[str, ...], ignore: tuple[str, ...], expected: bool) -> None:
    assert registry.is_selected("DUP003", select, ignore) is expected
    assert ("DUP003" in codes(DOUBLED, Config(select=select, ignore=ignore))) is expected


def test_extend_select_and_per_file_ignores() -> None:
    cfg = Config(select=("NUM",), extend_select=("DUP003",))
    assert "DUP003" in codes(DOUBLED, cfg)
    cfg = Config(per_file_ignores={"notes/*.txt": ("DUP",)})
    assert not [d for d in speechlint.lint(DOUBLED, cfg, path="notes/a.txt") if d.code.startswith("DUP")]
    assert "DUP003" in [d.code for d in speechlint.lint(DOUBLED, cfg, path="drafts/a.txt")]


def test_severity_override_longest_prefix() -> None:
    cfg = Config(select=("DUP003",), severity={"DUP": "info", "DUP003": "warning"})
    [d] = speechlint.lint(DOUBLED, cfg)
    assert d.severity == "warning"
    cfg = Config(select=("DUP003",), severity={"DUP": "info"})
    assert speechlint.lint(DOUBLED, cfg)[0].severity == "info"


def test_allow_list_drops_findings_inside_allowed_words() -> None:
    cfg = Config(select=("DUP003",), allow=("们，，今",))
    assert speechlint.lint(DOUBLED, cfg) == []
    assert speechlint.lint(DOUBLED, Config(select=("DUP003",), allow=("会议",)))


def test_suppression_comments_in_plain_text() -> None:
    cfg = Config(select=("DUP003",))
    text = "<!-- speechlint-disable-next-line DUP003 -->\n" + DOUBLED + "\n" + DOUBLED
    found = speechlint.lint(text, cfg)
    assert [LineIndex(text).line_col(d.span.start)[0] for d in found] == [2]
    text = "<!-- speechlint-disable -->\n" + DOUBLED + "\n<!-- speechlint-enable -->\n" + DOUBLED
    found = speechlint.lint(text, cfg)
    assert [LineIndex(text).line_col(d.span.start)[0] for d in found] == [3]
    text = DOUBLED + "<!-- speechlint-disable-line NUM -->"
    assert len(speechlint.lint(text, cfg)) == 1  # another code: still reported


def test_a_rule_that_raises_is_reported_once_and_others_run() -> None:
    def boom(doc: Document) -> list[Diagnostic]:
        raise RuntimeError("broken rule")

    lt = Linter(Config(select=("DUP003",)))
    broken = registry.Rule("ZZZ999", "broken-rule", "ZZZ", boom, None, "error", "none", "paragraph", "x")
    lt.rules = (*lt.rules, broken)
    failures: list[RuleFailure] = []
    found = lt.lint(DOUBLED, failures=failures)
    assert [d.code for d in found] == ["DUP003"]
    assert failures == [RuleFailure("ZZZ999", "RuntimeError: broken rule")]


def test_apply_fixes_skips_overlaps_and_is_ordered() -> None:
    text = "abcdef"
    d1 = Diagnostic("X", Span(1, 3), "m", Fix.replace(Span(1, 3), "Z"))
    d2 = Diagnostic("X", Span(2, 4), "m", Fix.replace(Span(2, 4), "Y"))  # overlaps d1
    d3 = Diagnostic("X", Span(4, 5), "m", Fix.replace(Span(4, 5), ""))
    d4 = Diagnostic("X", Span(5, 6), "m", Fix((Edit(Span(5, 6), "F"),), "unsafe"))
    assert apply_fixes(text, [d3, d2, d1, d4]) == ("aZdf", 2)
    assert apply_fixes(text, [d3, d2, d1, d4], unsafe=True) == ("aZdF", 3)


def test_fix_converges_and_is_idempotent() -> None:
    text = "同志们，，今天召开会议。。\n下面、、我讲三点。"
    result = speechlint.fix(text, Config(select=("DUP003",)))
    assert result.text == "同志们，今天召开会议。\n下面、我讲三点。"
    assert result.applied == 3 and result.remaining == []
    assert speechlint.fix(result.text, Config(select=("DUP003",))).applied == 0


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("a\nb\r\nc\rd", (0, 2, 5, 7)),
        ("一\u2028二\x0c三\x0b四", (0,)),  # only \n, \r\n, \r break lines
        ("", (0,)),
        ("x\n", (0, 2)),
    ],
)
def test_line_index_breaks_only_at_newlines(text: str, starts: tuple[int, ...]) -> None:
    idx = LineIndex(text)
    assert idx.starts == starts
    for off in range(len(text) + 1):
        line, col = idx.line_col(off)
        if off <= idx.line_end(line):
            assert idx.offset(line, col) == off


def test_columns_count_code_points_after_astral_characters() -> None:
    text = "𠮷野家，，好"
    [d] = speechlint.lint(text, Config(select=("DUP003",)))
    assert d.span == Span(4, 5)  # 𠮷 is one code point (two UTF-16 units)


def test_urls_are_masked() -> None:
    doc = Document.from_text("见 https://example.com/a,,b 网站，，")
    assert "example" not in doc.check_text
    found = speechlint.lint(doc.text, Config(select=("DUP003",)))
    assert [doc.slice(d.span) for d in found] == ["，"]
    assert found[0].span.start > doc.text.index("网站")


def test_paragraphs_and_sentences() -> None:
    doc = Document.from_text("　　第一段。第二句！\r\n\r\n第二段“引文。”结尾")
    assert [p.line for p in doc.paragraphs] == [0, 2]
    assert [s.text for s in doc.sentences] == ["　　第一段。", "第二句！", "第二段“引文。”", "结尾"]


def test_one_slip_seen_by_two_rules_is_reported_once() -> None:
    """布署 is a listed misspelling (WRD003) and a homophone slip (WRD007) with the same
    repair: one finding, under the lower code; each rule alone still reports it; the
    incremental path the language server uses gives the same."""
    text = "对全年工作作出布署。"
    both = Config(select=("WRD003", "WRD007"))
    assert [(d.code, d.span) for d in speechlint.lint(text, both)] == [("WRD003", Span(7, 9))]
    assert codes(text, Config(select=("WRD007",))) == ["WRD007"]
    assert codes(text, Config(select=("WRD003",))) == ["WRD003"]
    assert [d.code for d in Linter(both).lint_cached(text, {})] == ["WRD003"]


def test_findings_at_one_span_with_other_repairs_or_none_are_all_kept() -> None:
    from speechlint.engine import _one_per_repair

    span = Span(0, 2)
    a = Diagnostic("WRD003", span, "a", Fix.replace(span, "部署"))
    b = Diagnostic("WRD007", span, "b", Fix.replace(span, "布置"))
    c = Diagnostic("WRD007", span, "c", Fix.replace(span, "部署", "unsafe"))
    bare = [Diagnostic("PUN001", span, "x"), Diagnostic("PUN002", span, "y")]
    assert _one_per_repair([a, b, c]) == [a, b]
    assert _one_per_repair(bare) == bare
