"""Every rule has documentation and good and bad examples, and the examples hold.

Examples live in ``tests/fixtures/<CODE>.yaml``::

    bad:
      - text: "..."           # the rule must report exactly these positions
        expect: [[line, col], ...]
        fixed: "..."          # optional: the text after applying its safe fixes
    good:
      - "..."                 # the rule must stay silent
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml

import speechlint
from speechlint import registry
from speechlint.config import Config
from speechlint.document import LineIndex
from speechlint.engine import apply_fixes

from .conftest import FIXTURES

CODES = sorted(registry.load_all())


def _examples(code: str) -> dict[str, Any]:
    path = FIXTURES / f"{code}.yaml"
    if not path.exists():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def test_codes_registered() -> None:
    assert CODES, "no rules registered"


@pytest.mark.parametrize("code", CODES)
def test_rule_has_examples(code: str) -> None:
    ex = _examples(code)
    assert ex.get("bad"), f"{code}: tests/fixtures/{code}.yaml needs at least one bad example"
    assert ex.get("good"), f"{code}: tests/fixtures/{code}.yaml needs at least one good example"


@pytest.mark.parametrize("code", CODES)
def test_rule_has_documentation(code: str) -> None:
    r = registry.RULES[code]
    assert r.summary and r.summary != r.name, f"{code}: docstring needs a one-line summary"
    for section in registry.DOC_SECTIONS:
        assert r.section(section), f"{code}: docstring lacks a non-empty '## {section}' section"
    assert "-" in r.name and r.name == r.name.lower(), f"{code}: name should be kebab-case"


def _cases(kind: str) -> list[Any]:
    out = []
    for code in CODES:
        for i, ex in enumerate(_examples(code).get(kind) or ()):
            out.append(pytest.param(code, ex, id=f"{code}-{kind}{i}"))
    return out


@pytest.mark.parametrize(("code", "example"), _cases("bad"))
def test_bad_example(code: str, example: dict[str, Any]) -> None:
    text = example["text"]
    filetype = example.get("filetype", "txt")
    diags = speechlint.lint(text, Config(select=(code,)), filetype=filetype)
    index = LineIndex(text)
    got = [[index.line_col(d.span.start)[0] + 1, index.line_col(d.span.start)[1] + 1] for d in diags]
    assert all(d.code == code for d in diags)
    assert got == example["expect"], [d.message for d in diags]
    for d in diags:
        assert code[:2] in d.code and d.message
        assert 0 <= d.span.start <= d.span.end <= len(text)
    if "fixed" in example:
        fixed, _ = apply_fixes(text, diags, unsafe=example.get("unsafe", False))
        assert fixed == example["fixed"]


@pytest.mark.parametrize(("code", "example"), _cases("good"))
def test_good_example(code: str, example: Any) -> None:
    text = example if isinstance(example, str) else example["text"]
    filetype = "txt" if isinstance(example, str) else example.get("filetype", "txt")
    diags = speechlint.lint(text, Config(select=(code,)), filetype=filetype)
    assert diags == [], [(d.code, d.message) for d in diags]
