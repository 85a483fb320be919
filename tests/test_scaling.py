"""Scaling out: the same findings from Dask (examples/dask_archive.py) and from --jobs.

Deterministic checks only; how fast it runs is measured in bench/, never asserted here.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

import speechlint
from speechlint.cli import main as cli_main

ROOT = Path(__file__).resolve().parent.parent
DRAFT = (ROOT / "examples" / "draft.txt").read_text(encoding="utf-8")

pytest.importorskip("dask.bag")


def _example():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("dask_archive", ROOT / "examples" / "dask_archive.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["dask_archive"] = mod
    spec.loader.exec_module(mod)
    return mod


def _drafts() -> list[tuple[str, str]]:
    lines = DRAFT.split("\n")
    out = [("draft.txt", DRAFT), ("empty.txt", ""), ("clean.txt", "我们要认真学习。\n")]
    for i in range(6):  # slices of the example draft: different findings each
        out.append((f"part{i}.txt", "\n".join(lines[i * 5 : i * 5 + 12])))
    out.append(("notes.md", "# 标题\n\n我们要要认真学习。`要要`\n"))
    return out


def _expected(items: list[tuple[str, str]]) -> list[tuple[str, int, str, str]]:
    out = []
    for path, text in items:
        for d in speechlint.lint(text, filetype="md" if path.endswith(".md") else "txt", path=path):
            out.append((path, d.span.start, d.code, d.message))
    return sorted(out)


def _got(found: list[dict[str, object]], items: list[tuple[str, str]]) -> list[tuple[str, int, str, str]]:
    from speechlint.document import LineIndex

    texts = dict(items)
    out = []
    for f in found:
        path = str(f["path"])
        index = LineIndex(texts[path])
        start = index.offset(int(f["line"]) - 1, int(f["column"]) - 1)  # type: ignore[call-overload]
        out.append((path, start, str(f["code"]), str(f["message"])))
    return sorted(out)


@pytest.mark.parametrize("scheduler", ["synchronous", "threads", "processes"])
def test_dask_bag_gives_the_findings_of_lint(scheduler: str) -> None:
    ex = _example()
    items = _drafts()
    found = ex.lint_all(items, scheduler=scheduler)
    assert found, "the example draft has findings"
    assert _got(found, items) == _expected(items)


def test_dask_select_narrows_the_rules() -> None:
    ex = _example()
    items = _drafts()
    found = ex.lint_all(items, scheduler="synchronous", select=("DUP",))
    assert found and {f["code"][:3] for f in found} == {"DUP"}


def test_dask_example_command_reads_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ex = _example()
    items = [(p, t) for p, t in _drafts() if p.endswith(".txt")]
    for name, text in items:
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "gbk.txt").write_bytes("我们要要认真学习。\n".encode("gb18030"))
    out = tmp_path / "findings.jsonl"
    code = ex.main([str(tmp_path / "*.txt"), "--out", str(out), "--scheduler", "synchronous",
                    "--partitions", "3"])
    assert code == 1
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    by_file = {Path(r["path"]).name for r in rows}
    assert "draft.txt" in by_file and "gbk.txt" in by_file
    assert "clean.txt" not in by_file and "empty.txt" not in by_file
    assert "DUP001" in capsys.readouterr().err


def test_jobs_gives_the_findings_of_one_process(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = DRAFT.split("\n")
    for i in range(24):  # above the threshold where worker processes are used
        (tmp_path / f"d{i:02d}.txt").write_text("\n".join(lines[i % 10 : i % 10 + 15]) + "\n", encoding="utf-8")
    outputs = []
    for jobs in ("1", "2"):
        cli_main(["check", "--isolated", "--format", "json", "-q", "--jobs", jobs, str(tmp_path)])
        outputs.append(json.loads(capsys.readouterr().out))
    assert outputs[0] and outputs[0] == outputs[1]
