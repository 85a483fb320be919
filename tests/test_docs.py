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


def _layout_sections() -> dict[str, str]:
    """CONTRIBUTING.md's layout block, split by top-level folder: {"speechlint": text, ...}."""
    import re

    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    block = re.search(r"## Layout\n.*?```\n(.*?)```", text, re.DOTALL)
    assert block is not None, "CONTRIBUTING.md has no layout block"
    sections: dict[str, str] = {}
    current = None
    for line in block.group(1).splitlines():
        if line and not line[0].isspace():
            current = line.split("/")[0]
            sections[current] = line.split("/", 1)[1] + "\n"
        elif current is not None:
            sections[current] += line + "\n"
    return sections


def test_contributing_layout_names_every_module_and_nothing_else() -> None:
    import re

    sections = _layout_sections()
    for folder in ("speechlint", "lsp"):
        text = sections[folder]
        named = set(re.findall(r"(?<![/\w.])(\w+\.py)\b", text))  # not paths such as bench/x.py
        named_dirs = set(re.findall(r"^  (\w+)/", text, re.MULTILINE))
        files = {p.relative_to(ROOT / folder) for p in (ROOT / folder).rglob("*.py")
                 if "__pycache__" not in p.parts}
        missing = sorted(str(f) for f in files if f.name not in named or (
            len(f.parts) > 1 and f.parts[0] not in named_dirs))
        assert not missing, f"CONTRIBUTING.md's layout does not name {folder}/{missing}"
        names = {f.name for f in files}
        stale = sorted(n for n in named if n not in names)
        assert not stale, f"CONTRIBUTING.md's layout names {folder}/ modules that do not exist: {stale}"
        dirs = {p.name for p in (ROOT / folder).iterdir() if p.is_dir() and p.name != "__pycache__"}
        assert named_dirs <= dirs, f"no such folders in {folder}/: {sorted(named_dirs - dirs)}"
