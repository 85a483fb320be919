"""FIG behaviour beyond the fixtures: the 〇 decision, ranges, approximate numbers."""

from __future__ import annotations

import pytest

import speechlint
from speechlint.config import Config
from speechlint.data import family_data
from speechlint.errors import RuleDataError

from .conftest import CLEAN


def _hits(text: str, code: str) -> list[str]:
    return [text[d.span.start : d.span.end] for d in speechlint.lint(text, Config(select=(code,)))]


def test_every_zero_lookalike_in_a_year_is_reported() -> None:
    for c in "○OoＯｏ0０零":
        text = f"二{c}一二年"
        assert _hits(text, "FIG006") == [c], c
        assert speechlint.fix(text, Config(select=("FIG006",))).text == "二〇一二年"


def test_a_unit_may_keep_the_1995_print_convention(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "fig.yaml"
    path.write_text("FIG006:\n  lookalikes: '○OoＯｏ0０零'\n  house-style: '○零'\n", encoding="utf-8")
    data = family_data.__wrapped__("FIG", str(path))["FIG006"]
    from speechlint.checks.fig import year_zero_lookalike
    from speechlint.document import Document

    def hits(text: str) -> list[str]:
        return [text[d.span.start : d.span.end] for d in year_zero_lookalike(Document.from_text(text, "txt"), data)]

    # ○ or 零 throughout, no 〇: the document's convention
    assert hits("二○○○年到二○一○年，一九八○年。") == []
    assert hits("一九零零年到二零一零年。") == []
    # mixed with 〇: reported; a letter O always
    assert hits("二○一二年到二〇二〇年") == ["○"]
    assert hits("二○○○年到二O一○年。") == ["O"]


def test_fullwidth_digits_throughout_are_one_finding() -> None:
    text = "１９９７年增长８．８％，到２０００年。"
    diags = speechlint.lint(text, Config(select=("FIG001",)))
    assert [(d.span.start, d.span.end) for d in diags] == [(0, 4)]
    assert "共4处" in diags[0].message
    assert speechlint.fix(text, Config(select=("FIG001",))).text == "1997年增长8．8％，到2000年。"
    # a full-width number among half-width ones is reported where it is
    assert _hits("2024年增长5%，２０２５年增长6%，2026年。", "FIG001") == ["２０２５"]


def test_a_fullwidth_zero_inside_a_chinese_numeral_is_no_arabic_digit() -> None:
    # 二０二〇年: the ０ stands for 〇 (FIG006's finding); "0" would be no better advice
    text = "到二０三五年基本实现，２０２４年增长５％。"
    assert _hits(text, "FIG001") == ["２０２４", "５"]
    assert _hits(text, "FIG006") == ["０"]
    assert "二０三五年" in speechlint.fix(text, Config(select=("FIG001",))).text
    # a run of Arabic digits is reported however it stands: ２０ beside 十, ０ inside １０８
    assert _hits("增长２０个百分点，共１０８项。", "FIG001") == ["２０", "１０８"]
    assert _hits("二十０项", "FIG001") == []
    assert _hits("第０号", "FIG001") == ["０"]


def test_mixed_number_form_is_opt_in() -> None:
    text = "共有5千多户，投资4千万元。"
    assert [d.code for d in speechlint.lint(text) if d.code == "FIG005"] == []
    assert [d.code for d in speechlint.lint(text, Config(select=("FIG",)))] == []
    assert _hits(text, "FIG005") == ["5千", "4千"]
    assert [d.code for d in speechlint.lint(text, Config(extend_select=("FIG005",)))].count("FIG005") == 2


def test_zero_in_counting_numbers_is_not_a_year() -> None:
    # 零 is right in counted numbers; only four-digit year numerals before 年 are checked
    assert _hits("一百零八年的历史，三千零五十年。", "FIG006") == []


def test_the_corpus_writes_year_numerals_with_the_real_numeral() -> None:
    """The 2026 reports write 〇 in Chinese year numerals (nothing to report there)."""
    if not CLEAN.is_dir():
        pytest.skip("../shared/corpus/clean/ is not present")
    for f in sorted(CLEAN.glob("*.txt")):
        assert _hits(f.read_text(encoding="utf-8"), "FIG006") == [], f.name


def test_range_units_only_for_ambiguous_units() -> None:
    assert _hits("增长15～30%，投资9～16亿元，13～17万元。", "FIG003") == ["15～30%", "9～16亿", "13～17万"]
    assert _hits("2021—2025年，1—11月，100～150元，3-5年。", "FIG003") == []


def test_approximate_numbers_need_neighbouring_numerals() -> None:
    assert _hits("有二、三十人", "FIG004") == ["、"]
    assert _hits("有三、五十人，一、二季度，第三、四个。", "FIG004") == []


def test_bad_fig_data_names_file_rule_key(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "fig.yaml"
    path.write_text("FIG006:\n  lookalikes: '〇○'\n", encoding="utf-8")
    with pytest.raises(RuleDataError, match=r"fig\.yaml:2: FIG006: 'lookalikes' must not contain 〇"):
        family_data.__wrapped__("FIG", str(path))


def test_opt_in_rules_are_listed_and_selected_only_by_code(capsys) -> None:  # type: ignore[no-untyped-def]
    from speechlint import cli, registry
    from speechlint.docgen import expected

    rules = registry.load_all()
    opt_in = sorted(c for c, r in rules.items() if r.preview)
    assert "FIG005" in opt_in and "PUN006" in opt_in
    # ALL, a family and a shorter prefix leave an opt-in rule out; its code brings it in
    for code in opt_in:
        assert not registry.is_selected(code, ["ALL"], [])
        assert not registry.is_selected(code, [code[:3]], [])
        assert not registry.is_selected(code, [code[:-1]], [])
        assert registry.is_selected(code, ["ALL", code], [])
        assert not registry.is_selected(code, [code], [code])
    assert registry.is_selected("FIG001", ["FIG"], [])
    assert cli.main(["rules"]) == 0
    out = capsys.readouterr().out
    for line in out.splitlines():
        if line.startswith(("FIG005", "PUN006")):
            assert "opt-in" in line
        elif line.startswith("FIG001"):
            assert "opt-in" not in line
    assert cli.main(["rule", "FIG005"]) == 0
    assert "--extend-select FIG005" in capsys.readouterr().out
    pages = expected(rules)
    assert "opt-in" in pages["FIG005.md"] and "opt-in" not in pages["FIG001.md"]
    assert "（可选 opt-in）" in pages["README.md"]


def test_approximate_number_pattern_and_han_test_match_the_han_class() -> None:
    # FIG004's pattern takes any character before the numeral and ApproximateData.han_before
    # tests it: the matches kept are those of the pattern with [\u4e00-\u9fff] there
    import random
    import re

    from speechlint.checks.fig import ApproximateData

    data = ApproximateData()
    n = re.escape(data.numerals + "两")
    old = re.compile(
        rf"、(?<=(?![{re.escape(data.not_after)}])[\u4e00-\u9fff][{n}]、)([{n}])(?=[{re.escape(data.followers)}])"
    )
    rng = random.Random(7)
    pieces = [*"、二三四两十个人第来a1\n。\u4dff\u4e00\u9fff\ua000", "二、三十", "三、四个", "两、三人", "、、"]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 10)))
        new = [m.span(1) for m in data.pattern.finditer(text) if data.han_before(text, m)]
        assert new == [m.span(1) for m in old.finditer(text)], text
