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


def _mixed_folder(root: Path) -> None:
    """Drafts with findings, clean and empty ones, Markdown, a subfolder, an undecodable
    file (an error), a binary one (a note): everything a worker can send back."""
    lines = DRAFT.split("\n")
    for i in range(30):
        (root / f"d{i:02d}.txt").write_text("\n".join(lines[i % 12 : i % 12 + 9]) + "\n", encoding="utf-8")
    (root / "d05.txt").write_text("", encoding="utf-8")
    (root / "d06.txt").write_text("我们要认真学习。\n", encoding="utf-8")
    (root / "d07.txt").write_bytes(b"\xff\xfe\xff\xd8 not text \x81")  # UTF-16 BOM, then garbage
    (root / "d08.txt").write_bytes(b"\x00\x01binary\x00")
    (root / "d09.md").write_text("# 标题\n\n我们要要认真学习。`要要`\n", encoding="utf-8")
    (root / "d10.txt").write_bytes("我们要要认真学习，，\r\n".encode("gb18030"))
    sub = root / "sub"
    sub.mkdir()
    for i in range(6):
        (sub / f"s{i}.txt").write_text("\n".join(lines[i : i + 6]) + "\n", encoding="utf-8")


@pytest.mark.parametrize("fmt", ["json", "text", "github", "sarif", "junit", "html", "text --show-source",
                                 "json --statistics"])
def test_jobs_output_is_byte_identical(fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--jobs 2 prints exactly what --jobs 1 prints, on stdout and stderr, in file order
    (text, json and github reports are written by the workers, file by file)."""
    _mixed_folder(tmp_path)
    runs = []
    fmt, *more = fmt.split()
    for jobs in ("1", "2"):
        code = cli_main(["check", "--isolated", "--format", fmt, *more, "--statistics", "--jobs", jobs,
                         str(tmp_path)])
        out, err = capsys.readouterr()
        runs.append((code, out, err))
    assert runs[0][0] == 2  # the undecodable draft
    assert "d07.txt: error:" in runs[0][2] and "d08.txt: note:" in runs[0][2]
    assert runs[0] == runs[1]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_each_folder_keeps_its_own_configuration(jobs: str, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """The configuration is found once per folder (settings.Settings.for_file), in the parent
    and in the workers: a subfolder's own file still wins for its drafts only."""
    draft = "同志们，，今天召开会议。我们要要认真学习。\n"  # DUP003 and DUP001
    (tmp_path / "speechlint.toml").write_text('select = ["DUP003"]\n', encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "speechlint.toml").write_text('select = ["DUP001"]\nexclude = ["skip*.txt"]\n', encoding="utf-8")
    for i in range(12):
        (tmp_path / f"a{i:02d}.txt").write_text(draft, encoding="utf-8")
        (sub / f"b{i:02d}.txt").write_text(draft, encoding="utf-8")
    (sub / "skip.txt").write_text(draft, encoding="utf-8")
    code = cli_main(["check", "--format", "json", "-q", "--jobs", jobs, str(tmp_path), str(sub / "b00.txt")])
    found = json.loads(capsys.readouterr().out)
    assert code == 1
    codes = {(Path(f["path"]).parent.name, f["code"]) for f in found}
    assert codes == {(tmp_path.name, "DUP003"), ("sub", "DUP001")}
    assert len(found) == 24 and not any("skip" in f["path"] for f in found)


def _run(capsys: pytest.CaptureFixture[str], jobs: str, folder: Path) -> tuple[int, str, str]:
    code = cli_main(["check", "--isolated", "--format", "text", "--statistics", "--jobs", jobs, str(folder)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="the test's worker inherits its patch by fork")
@pytest.mark.parametrize("trouble", ["worker dies", "config error"])
def test_jobs_when_workers_fail(trouble: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker that dies leaves the files it had not reported to the parent (the output is
    that of one process); a configuration error in a worker stops the run (exit 2, one line)."""
    import os

    from speechlint import cli
    from speechlint.errors import ConfigError

    _mixed_folder(tmp_path)
    expected = _run(capsys, "1", tmp_path)
    parent = os.getpid()
    real_lint = cli._lint_one

    def failing_lint(path, *rest):  # type: ignore[no-untyped-def]
        if os.getpid() != parent and path.endswith(("d04.txt", "d20.txt")):
            if trouble == "worker dies":
                os._exit(3)
            raise ConfigError("speechlint.toml: broken in a worker")
        return real_lint(path, *rest)

    monkeypatch.setattr(cli, "_lint_one", failing_lint)  # forked workers inherit the patch
    got = _run(capsys, "2", tmp_path)
    if trouble == "config error":
        assert got[0] == 2
        assert got[2].strip().splitlines()[-1] == "speechlint: error: speechlint.toml: broken in a worker"
    else:
        assert got == expected


def _children(pid: int) -> set[int]:
    """The processes whose parent is ``pid`` (from /proc/*/stat)."""
    out = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[1] == str(pid):
            out.add(int(stat.parent.name))
    return out


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the workers in /proc")
def test_ctrl_c_with_jobs_ends_the_run_and_its_workers(tmp_path: Path) -> None:
    """SIGINT to the command line during a --jobs run: exit 130, no traceback, no worker left."""
    import os
    import signal
    import subprocess
    import time

    text = (ROOT / "examples" / "draft.txt").read_text(encoding="utf-8")
    for i in range(1500):  # enough work to outlast a loaded machine's look for the workers
        (tmp_path / f"d{i:04d}.txt").write_text(text * 20, encoding="utf-8")
    # Ctrl-C as a terminal gives it: a command started in the background of a shell without
    # job control (CI run with `&`) inherits SIGINT ignored, and Python then keeps ignoring
    # it; a first interpreter restores the default and execs the command (same process)
    command = [sys.executable, "-m", "speechlint", "check", "--isolated", "-q", "--jobs", "2", str(tmp_path)]
    restore = "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])"
    proc = subprocess.Popen([sys.executable, "-c", restore, *command], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    children: set[int] = set()
    deadline = time.monotonic() + 60
    while len(children) < 2 and proc.poll() is None and time.monotonic() < deadline:  # the workers have started
        children |= _children(proc.pid)
        time.sleep(0.05)
    assert children, "no worker process was started"
    assert proc.poll() is None, "the run ended before the signal could be sent"
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert b"Traceback" not in err
    for pid in children:  # every worker has ended
        try:
            os.kill(pid, 0)
            alive = True
        except ProcessLookupError:
            alive = False
        assert not alive


def test_jobs_with_fix_and_stdin_check_in_one_process(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """--fix and stdin never go to workers: --jobs 2 fixes and reports as --jobs 1 does."""
    import io as _io

    from speechlint import cli

    def no_pool(*_args: object) -> list[object]:
        raise AssertionError("no worker processes for --fix or stdin")

    monkeypatch.setattr(cli, "_lint_pool", no_pool)
    runs = []
    for jobs in ("1", "2"):
        folder = tmp_path / jobs
        folder.mkdir()
        for i in range(20):
            (folder / f"d{i:02d}.txt").write_text("同志们，，今天开会。我们要要认真学习。\n", encoding="utf-8")
        code = cli_main(["check", "--isolated", "--fix", "--jobs", jobs, str(folder)])
        out, err = capsys.readouterr()
        fixed = sorted((p.name, p.read_bytes()) for p in folder.iterdir())
        runs.append((code, out.replace(str(folder), "F"), err.replace(str(folder), "F"), fixed))
        monkeypatch.setattr(sys, "stdin", _io.TextIOWrapper(_io.BytesIO("要要，，\n".encode())))
        code = cli_main(["check", "--isolated", "--jobs", jobs, "-", *[str(p) for p in sorted(folder.iterdir())]])
        out, err = capsys.readouterr()
        runs.append((code, out.replace(str(folder), "F"), err.replace(str(folder), "F")))
    assert runs[0] == runs[2] and runs[1] == runs[3]
    assert b"\xef\xbc\x8c\xef\xbc\x8c" not in runs[0][3][0][1]  # "，，" was fixed


def test_a_few_big_files_are_checked_side_by_side(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Fewer than 16 files but over 1 MB in all: workers, the first file included, and the
    output of one process byte for byte."""
    import os

    from speechlint import cli

    if not hasattr(os, "fork"):
        pytest.skip("workers are forked by hand only where fork exists")
    text = (ROOT / "examples" / "draft.txt").read_text(encoding="utf-8")
    filler = "我们要坚持稳中求进工作总基调，推动高质量发展。\n" * 9000  # ~216,000 characters
    for i in range(3):
        (tmp_path / f"big{i}.txt").write_text(text + filler + text, encoding="utf-8")
    small = tmp_path / "s"
    small.mkdir()
    (small / "a.txt").write_text(text, encoding="utf-8")
    (small / "b.txt").write_text(text, encoding="utf-8")

    class Args:
        jobs = 2

    big = sorted(str(p) for p in tmp_path.glob("big*.txt"))
    assert cli._pool_size(Args(), big) == 2  # type: ignore[arg-type]
    assert cli._pool_size(Args(), sorted(str(p) for p in small.iterdir())) == 1  # type: ignore[arg-type]
    forks: list[int] = []
    real_fork = os.fork

    def fork() -> int:
        pid = real_fork()
        if pid:
            forks.append(pid)
        return pid

    one = _run(capsys, "1", tmp_path)
    monkeypatch.setattr(os, "fork", fork)
    two = _run(capsys, "2", tmp_path)
    assert forks and one == two and one[0] == 1


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="workers are forked by hand only where fork exists")
@pytest.mark.parametrize("jobs", ["2", "4"])
def test_fewer_chunks_than_workers(jobs: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Two big files (one chunk each): each worker gets one, idle workers are let go at once
    (a worker given nothing used to be waited for forever)."""
    text = (ROOT / "examples" / "draft.txt").read_text(encoding="utf-8")
    filler = "我们要坚持稳中求进工作总基调，推动高质量发展。\n" * 12000
    for i in range(2):
        (tmp_path / f"big{i}.txt").write_text(text + filler, encoding="utf-8")
    assert _run(capsys, jobs, tmp_path) == _run(capsys, "1", tmp_path)
