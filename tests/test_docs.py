"""docs/rules is generated from the rule docstrings and must not drift from them."""

from __future__ import annotations

from pathlib import Path

from speechlint import docgen, registry

from .conftest import ROOT


def test_docs_rules_are_up_to_date() -> None:
    assert docgen.main(["--check", "--out", str(ROOT / "docs" / "rules")]) == 0, (
        "docs/rules is stale: run python -m speechlint.docgen"
    )


def test_every_rule_has_a_page_and_an_index_entry(tmp_path: Path) -> None:
    assert docgen.main(["--out", str(tmp_path)]) == 0
    index = (tmp_path / "README.md").read_text(encoding="utf-8")
    for code, r in registry.load_all().items():
        page = (tmp_path / f"{code}.md").read_text(encoding="utf-8")
        assert page.startswith(f"# {code} {r.name}\n")
        for section in registry.DOC_SECTIONS:
            assert f"## {section}" in page
        assert f"[{code}]({code}.md)" in index
