"""The summary line of the text report, through the real CLI: files checked, files with
problems, problems, how many ``[*]`` --fix repairs -- and --fix then repairing that many."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from speechlint.cli import main

ROOT = Path(__file__).resolve().parent.parent


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, list[str]]:
    code = main(["check", "--isolated", "--no-show-source", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err.splitlines()


@pytest.fixture
def drafts(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text("我们要开会,,好\n", encoding="utf-8")  # the example
    (tmp_path / "b.txt").write_text("请XX同志发言，，好\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("同志们好。\n", encoding="utf-8")
    return tmp_path


def test_check_summary(drafts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, drafts)
    assert code == 1
    assert out.count("[*]") == 2
    assert err == ["检查了 3 个文件，2 个文件有问题，共 3 处问题（其中 2 处标有 [*]，可用 --fix 修复）"]


def test_fix_repairs_what_the_check_promised(drafts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """'我们要开会,,好' was one finding with [*], and --fix said '已修复 3 处' (edits over passes)."""
    run(capsys, drafts)
    code, out, err = run(capsys, "--fix", drafts)
    assert code == 1
    assert err == [f"{drafts / 'a.txt'}: 已修复 1 处",
                   f"{drafts / 'b.txt'}: 已修复 1 处",
                   "已修复 2 处（2 个文件）；检查了 3 个文件，1 个文件仍有问题，共 1 处剩余问题"]
    assert out.count("PH001") == 1


def test_the_example_draft_fix_count_matches_its_marks(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    draft = tmp_path / "draft.txt"
    shutil.copy(ROOT / "examples" / "draft.txt", draft)
    _code, out, err = run(capsys, draft)
    marked, total = out.count("[*]"), len(out.splitlines())
    assert err == [f"检查了 1 个文件，1 个文件有问题，共 {total} 处问题（其中 {marked} 处标有 [*]，可用 --fix 修复）"]
    _code, out, err = run(capsys, "--fix", draft)
    assert err[-1] == (f"已修复 {marked} 处（1 个文件）；检查了 1 个文件，1 个文件仍有问题，"
                       f"共 {total - marked} 处剩余问题")
    assert len(out.splitlines()) == total - marked


def test_clean(drafts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, drafts / "c.txt") == (0, "", ["检查了 1 个文件，未发现问题"])


def test_no_zero_problems_line_after_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.txt"
    code, _out, err = run(capsys, missing)
    assert code == 2
    assert err == [f"{missing}: error: 文件不存在", "1 个错误（见上方）；没有检查任何文件"]
    (tmp_path / "c.txt").write_text("同志们好。\n", encoding="utf-8")
    code, _out, err = run(capsys, missing, tmp_path / "c.txt")
    assert code == 2
    assert err[-1] == "检查了 1 个文件，未发现问题；1 个错误（见上方）"
