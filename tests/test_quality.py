"""The false-alarm regression test of the quality benchmark (issue 12).

Every default rule runs over the shared corpora (the official texts from 2003 on and the 8
clean reports, both halves; ``bench/corpus.py``), once per document. A finding is a real
defect when ``bench/known_defects.yaml`` lists it, otherwise a false alarm (the same
judgement as ``python bench/quality.py``).

* ``test_no_rule_gets_worse`` is the ratchet: no rule may produce more false alarms than
  ``bench/quality_budget.json`` records (the counts measured at the last merge of main;
  lower them with ``python bench/quality.py --update-budget`` when a rule gets better).
* ``test_false_alarm_target`` asserts the issue's target, BUDGET_PER_100K false alarms per
  100,000 characters for all default rules together (met since the precision work of
  issue 12; a change that breaks it fails CI).

Skips when ``../shared`` is absent. No timing is asserted.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import corpus, quality

#: The issue's budget: false alarms per 100,000 characters, all default rules together.
BUDGET_PER_100K = 0.5

pytestmark = pytest.mark.skipif(
    not (corpus.available("official") and corpus.available("clean")),
    reason="../shared/corpus is absent",
)


@pytest.fixture(scope="module")
def run() -> tuple[list[quality.Finding], int]:
    """One lint pass over every document of the shared corpora."""
    return quality.clean_findings()


@pytest.fixture(scope="module")
def ceilings() -> dict[str, Any]:
    return json.loads(quality.BUDGET.read_text(encoding="utf-8"))


def test_budget_constant_matches_the_benchmark() -> None:
    assert quality.BUDGET_PER_100K == BUDGET_PER_100K


def test_known_defects_point_at_real_lines() -> None:
    """Each entry names a corpus file, a line inside it and a registered rule code."""
    from speechlint import registry

    codes = set(registry.load_all())
    files = {t.name: t.text for t in quality.texts()}
    known = quality.load_known()
    assert known
    for (name, line, code), count in known.items():
        assert name in files, name
        assert 1 <= line <= files[name].count("\n") + 1, (name, line)
        assert code in codes, code
        assert count >= 1


def test_classify_counts_listed_findings_only() -> None:
    """A listed (file, line, code) is real up to its count; everything else is false."""
    from speechlint.model import Diagnostic, Span

    text = "甲\n乙乙\n丙"
    ds = [Diagnostic("DUP001", Span(2, 4), "m"), Diagnostic("DUP001", Span(3, 4), "m")]
    known = {("x.txt", 2, "DUP001"): 1}
    found = quality.classify("x.txt", text, ds, known)
    assert [f.real for f in found] == [True, False]
    assert [f.line for f in found] == [2, 2]
    assert quality.classify("y.txt", text, ds, known)[0].real is False


def test_no_rule_gets_worse(
    run: tuple[list[quality.Finding], int], ceilings: dict[str, Any]
) -> None:
    findings, _chars = run
    now = quality.false_alarms_by_rule(findings)
    limits: dict[str, int] = ceilings["false_alarms"]
    worse = {code: (n, limits.get(code, 0)) for code, n in now.items() if n > limits.get(code, 0)}
    shown = [f"{f.where()}: {f.excerpt}" for f in findings if not f.real and f.code in worse]
    assert not worse, (
        f"false alarms above the ceilings of {quality.BUDGET.name} (now, ceiling): {worse}\n"
        + "\n".join(shown[:40])
    )
    assert sum(now.values()) <= ceilings["total"]


# The target: all default rules together, both corpora, both halves.
def test_false_alarm_target(run: tuple[list[quality.Finding], int]) -> None:
    findings, chars = run
    false = [f for f in findings if not f.real]
    per100k = len(false) * 100_000 / chars
    assert per100k <= BUDGET_PER_100K, (
        f"{len(false)} false alarms in {chars:,} characters = {per100k:.2f} per 100,000\n"
        + "\n".join(f"{f.where()}: {f.excerpt}" for f in false[:40])
    )
