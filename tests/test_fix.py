"""``speechlint check --fix / --unsafe-fixes / --diff / --exit-non-zero-on-fix``: what is written
and what the exit code says, on real files; and the engine's guarantees behind them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import speechlint
from speechlint import registry
from speechlint.cli import main
from speechlint.engine import apply_fixes
from speechlint.model import Diagnostic, Edit, Fix, Span


def needs(*codes: str) -> None:
    missing = [c for c in codes if registry.get(c) is None]
    if missing:
        pytest.skip(f"rules not registered yet: {', '.join(missing)}")


def check(*args: str) -> int:
    return main(["check", "--no-show-source", *args])


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_bytes(text.encode("utf-8"))
    return p


# ------------------------------------------------------------------ exit codes
def test_fix_everything_exit_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = write(tmp_path, "a.txt", "同志们，，今天开会。。\n")
    assert check("--fix", str(p)) == 0
    assert p.read_text(encoding="utf-8") == "同志们，今天开会。\n"
    captured = capsys.readouterr()
    assert captured.out == ""  # nothing remains to report
    assert f"{p}: 已修复 2 处" in captured.err
    assert captured.err.splitlines()[-1] == "已修复 2 处（1 个文件）；检查了 1 个文件，没有剩余问题"


def test_fix_with_findings_left_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    needs("PH001")
    p = write(tmp_path, "a.txt", "同志们，，今天是X月X日。\n")
    assert check("--fix", str(p)) == 1
    assert p.read_text(encoding="utf-8") == "同志们，今天是X月X日。\n"  # the placeholder stays
    out = capsys.readouterr().out
    assert f"{p}:1:" in out and "PH001" in out and "DUP003" not in out
    assert check("--fix", "--exit-zero", str(p)) == 0


def test_exit_non_zero_on_fix(tmp_path: Path) -> None:
    p = write(tmp_path, "a.txt", "同志们，，今天开会。\n")
    assert check("--fix", "--exit-non-zero-on-fix", str(p)) == 1  # changed the file
    assert check("--fix", "--exit-non-zero-on-fix", str(p)) == 0  # nothing left to change
    assert p.read_text(encoding="utf-8") == "同志们，今天开会。\n"


def test_clean_file_is_not_rewritten(tmp_path: Path) -> None:
    p = write(tmp_path, "a.txt", "同志们，今天开会。\n")
    before = os.stat(p)
    assert check("--fix", str(p)) == 0
    after = os.stat(p)
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_diff_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clean = write(tmp_path, "clean.txt", "同志们，今天开会。\n")
    assert check("--diff", str(clean)) == 0
    assert capsys.readouterr().out == ""
    dirty = write(tmp_path, "dirty.txt", "同志们，，今天开会。\n")
    assert check("--diff", str(clean), str(dirty)) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"--- {dirty}\n+++ {dirty}\n@@ -1 +1 @@\n")
    assert "-同志们，，今天开会。\n+同志们，今天开会。\n" in out
    assert dirty.read_text(encoding="utf-8") == "同志们，，今天开会。\n"


def test_diff_relative_names(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                             monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "稿.txt", "开会。。\n")
    monkeypatch.chdir(tmp_path)
    assert check("--diff", "稿.txt") == 1
    assert capsys.readouterr().out.startswith("--- a/稿.txt\n+++ b/稿.txt\n")


# ------------------------------------------------------------------ unsafe fixes
RENUMBER = "一、总体要求\n二、重点任务\n四、保障措施\n五、其他\n"


def test_renumbering_needs_unsafe_fixes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    needs("NUM001")
    p = write(tmp_path, "a.txt", RENUMBER)
    assert check("--fix", str(p)) == 1  # the gap stays: renumbering is unsafe
    assert p.read_text(encoding="utf-8") == RENUMBER
    capsys.readouterr()
    assert check("--diff", "--unsafe-fixes", str(p)) == 1  # shown before anyone applies it
    out = capsys.readouterr().out
    assert "-四、保障措施\n-五、其他\n+三、保障措施\n+四、其他\n" in out
    assert p.read_text(encoding="utf-8") == RENUMBER
    assert check("--fix", "--unsafe-fixes", str(p)) == 0
    assert p.read_text(encoding="utf-8") == "一、总体要求\n二、重点任务\n三、保障措施\n四、其他\n"


# ------------------------------------------------------------- what fixes never touch
def test_safe_fixes_leave_heading_numbers_alone() -> None:
    """users.md: a peer's fixer turned the heading number `1.` into `1。`."""
    text = "一、总体要求\n（一）工作目标\n1.坚持发展，，推进改革。\n（1）抓好落实,形成合力。\n"
    fixed = speechlint.fix(text).text
    assert fixed.splitlines()[:2] == ["一、总体要求", "（一）工作目标"]
    assert fixed.splitlines()[2].startswith("1.坚持发展，推进")
    assert fixed.splitlines()[3].startswith("（1）")


def test_fixes_never_touch_markdown_markup_code_or_urls() -> None:
    text = (
        "# 一、总体要求\n\n"
        "1. 时间为1月~3月，，见 `a,,b，，c` 和 https://example.com/x,,y。\n"
        "- **重点**任务,，[链接](https://example.com/a,,b) ~~删除~~\n\n"
        "```\n代码，，块,\n```\n"
    )
    fixed = speechlint.fix(text, filetype="md", unsafe=True).text
    for kept in ("# 一、总体要求", "1. 时间为1月~3月", "`a,,b，，c`", "https://example.com/x,,y",
                 "- **重点**", "[链接](https://example.com/a,,b)", "~~删除~~", "```\n代码，，块,\n```"):
        assert kept in fixed, (kept, fixed)
    assert "3月，见" in fixed  # while the real defects are fixed
    assert speechlint.fix(fixed, filetype="md", unsafe=True).text == fixed


def test_suppressed_findings_are_not_fixed() -> None:
    text = "同志们，，好。<!-- speechlint-disable-line DUP003 -->\n今天开会。。\n"
    assert speechlint.fix(text).text == "同志们，，好。<!-- speechlint-disable-line DUP003 -->\n今天开会。\n"


# ------------------------------------------------------------------ apply_fixes
def diag(a: int, b: int, new: str, applicability: str = "safe", code: str = "T001") -> Diagnostic:
    return Diagnostic(code, Span(a, b), "m", Fix((Edit(Span(a, b), new),), applicability))  # type: ignore[arg-type]


def test_apply_fixes_refuses_protected_and_out_of_range_edits() -> None:
    text = "甲乙丙丁戊"
    protected = [Span(1, 3)]
    assert apply_fixes(text, [diag(2, 3, "X")], protected=protected) == (text, 0)
    assert apply_fixes(text, [diag(2, 2, "X")], protected=protected) == (text, 0)  # inside
    assert apply_fixes(text, [diag(1, 1, "X")], protected=protected) == ("甲X乙丙丁戊", 1)  # at edge
    assert apply_fixes(text, [diag(3, 4, "X")], protected=protected) == ("甲乙丙X戊", 1)
    assert apply_fixes(text, [diag(4, 9, "X")]) == (text, 0)
    # a fix with one bad edit is never applied in part
    two = Diagnostic("T001", Span(0, 3), "m", Fix((Edit(Span(0, 1), "X"), Edit(Span(2, 3), "Y"))))
    assert apply_fixes(text, [two], protected=protected) == (text, 0)


def test_apply_fixes_one_insertion_per_point() -> None:
    text = "甲乙"
    new, n = apply_fixes(text, [diag(1, 1, "X", code="T002"), diag(1, 1, "Y", code="T001")])
    assert (new, n) == ("甲Y乙", 1)  # the first by code wins, the other waits for a re-lint


def test_fix_api_converges_on_adjacent_defects() -> None:
    text = "我们要要坚持，，推进改革。。同志们,，好。\r\n"
    first = speechlint.fix(text)
    assert speechlint.fix(first.text).applied == 0
    assert first.text.endswith("\r\n") and "，，" not in first.text and "。。" not in first.text


# ------------------------------------------------------------------ stdin filter
def _stdin(data: bytes, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "speechlint", "check", "--fix", *args, "-"],
                          input=data, capture_output=True, check=False)


def test_stdin_fix_is_a_filter() -> None:
    clean = "同志们，好。\r\n".encode("gb18030")
    proc = _stdin(clean)
    assert (proc.returncode, proc.stdout) == (0, clean)  # unchanged drafts pass through too
    proc = _stdin("同志们，，好。\n".encode())
    assert (proc.returncode, proc.stdout) == (0, "同志们，好。\n".encode())


def test_stdin_fix_reports_what_remains_on_stderr() -> None:
    needs("PH001")
    proc = _stdin("同志们，，今天是X月X日。\n".encode(), "--stdin-filename", "稿.txt")
    assert proc.returncode == 1
    assert proc.stdout.decode("utf-8") == "同志们，今天是X月X日。\n"
    assert "稿.txt:1:" in proc.stderr.decode("utf-8") and "PH001" in proc.stderr.decode("utf-8")


# ------------------------------------------------------------ real drafts (shared)
def test_fix_on_seed_drafts_is_local_and_stable() -> None:
    """Real drafts with real defects: each change lies at a finding's fix, nothing new appears."""
    import difflib
    import re
    from collections import Counter

    from .conftest import SEEDS

    files = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not files:
        pytest.skip("../shared/seeds/ is not present")
    for f in files:
        text = f.read_bytes().decode("utf-8")
        before = speechlint.lint(text)
        spans = [d.fix.span for d in before if d.fix and d.fix.applicability == "safe"]
        result = speechlint.fix(text)
        for op, a, b, _, _ in difflib.SequenceMatcher(None, text, result.text, autojunk=False).get_opcodes():
            if op != "equal":
                assert any(s.start - 2 <= a and b <= s.end + 2 for s in spans), (f.name, text[a - 5:b + 5])
        assert re.findall(r"\r\n|\r|\n", result.text) == re.findall(r"\r\n|\r|\n", text)
        assert not Counter(d.code for d in result.remaining) - Counter(d.code for d in before)
        assert speechlint.fix(result.text).text == result.text


def test_fix_leaves_professionally_edited_text_alone() -> None:
    from .conftest import clean_texts

    for name, text in clean_texts():
        assert speechlint.fix(text).text == text, name
