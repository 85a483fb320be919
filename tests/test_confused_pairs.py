"""WRD006 (confused-pair): its pair data validates, and the rule decides from the context."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import speechlint
from speechlint import data, lm
from speechlint.checks.wrd.common import decisive_score
from speechlint.checks.wrd.words import ConfusedPair, PairData
from speechlint.config import Config
from speechlint.engine import linter_for
from speechlint.errors import RuleDataError

HAN = re.compile("[\u4e00-\u9fff]+")


def shipped() -> PairData:
    return data.family_data("WRD")["WRD006"]  # type: ignore[no-any-return]


def test_shipped_pairs_are_distinct_words_each_in_one_pair() -> None:
    d = shipped()
    assert len(d.pairs) >= 5
    forms = [f for p in d.pairs for f in (p.first, p.second)]
    assert len(forms) == len(set(forms)), "a form is in two pairs"
    for p in d.pairs:
        assert p.first != p.second
        assert HAN.fullmatch(p.first) and HAN.fullmatch(p.second)
        assert p.first in p.reason and p.second in p.reason, "the reason explains both forms"
        assert d.threshold_of(p) > 0, "a threshold at or below 0 reports the likelier reading"
        assert p.other(p.first) == p.second and p.other(p.second) == p.first


@pytest.mark.parametrize(
    ("pair", "problem"),
    [
        (ConfusedPair("截至", "截至", "理由"), "paired with itself"),
        (ConfusedPair("", "截至", "理由"), "must not be empty"),
        (ConfusedPair("权利", "权利人", "理由"), "part of the other"),
        (ConfusedPair("权利", "权力", " "), "'reason' must not be empty"),
    ],
)
def test_a_bad_pair_is_refused(pair: ConfusedPair, problem: str) -> None:
    assert problem in (pair.validate() or "")


def test_a_form_in_two_pairs_is_refused() -> None:
    d = PairData((ConfusedPair("权利", "权力", "理由"), ConfusedPair("权力", "权柄", "理由")))
    assert "in two pairs" in (d.validate() or "")


def test_a_self_pair_in_the_yaml_names_file_and_line(tmp_path: Path) -> None:
    text = (data.rules_dir() / "wrd.yaml").read_text(encoding="utf-8")
    head, _, _ = text.partition("\nWRD006:")
    broken = head + "\nWRD006:\n  pairs:\n    - {first: 必须, second: 必须, reason: 理由}\n"
    path = tmp_path / "wrd.yaml"
    path.write_text(broken, encoding="utf-8")
    line = broken.count("\n", 0, broken.index("- {first: 必须")) + 1
    with pytest.raises(RuleDataError) as exc:
        data.family_data.__wrapped__("WRD", str(path))  # type: ignore[attr-defined]
    assert f"wrd.yaml:{line}: WRD006" in str(exc.value)
    assert "paired with itself" in str(exc.value)


def wrd006(text: str) -> list[speechlint.Diagnostic]:
    return [d for d in speechlint.lint(text, Config(select=("WRD006",))) if d.code == "WRD006"]


def test_reports_the_unlikely_form_and_names_both() -> None:
    found = wrd006("我们必需坚持党的全面领导。")
    assert [(d.span.start, d.span.end) for d in found] == [(2, 4)]
    assert "必需" in found[0].message and "必须" in found[0].message
    assert found[0].fix is not None and found[0].fix.applicability == "unsafe"
    assert found[0].fix.edits[0].text == "必须"


def test_the_same_form_is_right_or_wrong_by_its_context() -> None:
    assert wrd006("保障群众生活必须品供应。")
    assert not wrd006("我们必须坚持党的全面领导。")
    assert wrd006("要及时反应群众呼声。")
    assert not wrd006("对市场变化反应迅速。")


def test_a_form_ending_its_clause_is_left_alone() -> None:
    m = lm.model()
    assert m is not None
    text = "由海关行使的其他权力。"
    start = text.index("权力")
    assert decisive_score(m, text, start, start + 2, "权利") is None
    assert not wrd006(text)


def test_preview_only_an_exact_selection_runs_it() -> None:
    assert "WRD006" not in [r.code for r in linter_for(None).rules]
    assert "WRD006" not in [r.code for r in linter_for(Config(select=("WRD",))).rules]
    assert "WRD006" in [r.code for r in linter_for(Config(select=("WRD006",))).rules]
