"""The example draft shipped for the README's first command shows every family."""

from __future__ import annotations

import subprocess
import sys

import speechlint
from speechlint import registry

from .conftest import ROOT

DRAFT = ROOT / "examples" / "draft.txt"


def test_example_draft_has_findings_of_every_family() -> None:
    text = DRAFT.read_text(encoding="utf-8")
    families = {registry.RULES[d.code].family for d in speechlint.lint(text)}
    assert families >= {"NUM", "DUP", "PH", "PUN", "WRD", "FIG", "DOC"}


def test_readme_first_command_output() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "speechlint", "check", "examples/draft.txt"],
        check=False, cwd=ROOT, capture_output=True, text=True, encoding="utf-8",
    )
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert lines[0] == "examples/draft.txt:1:1: PH003 “本材料仅供学习参考，请勿照搬照抄”疑为模板或下载站残留，请删除"
    assert "examples/draft.txt:9:16: DUP001 [*] “要要”疑为重复，应为“要”" in lines
    assert proc.stderr.strip() == (f"检查了 1 个文件，1 个文件有问题，共 {len(lines)} 处问题"
                                   f"（其中 {sum('[*]' in ln for ln in lines)} 处标有 [*]，可用 --fix 修复）")


def test_example_draft_fixes_settle() -> None:
    text = DRAFT.read_text(encoding="utf-8")
    fixed = speechlint.fix(text).text
    assert fixed != text
    assert speechlint.fix(fixed).text == fixed
    # what needs a human stays: placeholders, residue, the unpaired quote
    left = {d.code for d in speechlint.lint(fixed)}
    assert {"PH001", "PH002", "PH003", "PUN001"} <= left
    assert not {"DUP001", "DUP002", "DUP003", "PUN002", "PUN005"} & left
