"""The command line ends its process quickly (os._exit after flushing): nothing may be lost."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DRAFT = ROOT / "examples" / "draft.txt"


def _check(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "speechlint", "check", "--isolated", "--format", "json", *args],
        capture_output=True, text=True, timeout=120, check=False,
    )


def test_the_command_line_flushes_everything_before_it_ends(tmp_path: Path) -> None:
    """The process ends without tearing the interpreter down; nothing may be lost."""
    big = tmp_path / "big.txt"
    big.write_text((DRAFT.read_text(encoding="utf-8") + "\n") * 200, encoding="utf-8")  # ~5,000 findings
    done = _check(str(big))
    findings = json.loads(done.stdout)  # the whole report arrived
    assert done.returncode == 1 and len(findings) > 4000 and done.stderr == ""
    # a reader that stops early (| head -1): exit code 1, no traceback, no noise
    proc = subprocess.Popen([sys.executable, "-m", "speechlint", "check", "--isolated", str(big)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode("utf-8")
    assert proc.wait(timeout=120) == 1
    assert "Traceback" not in err and "Exception ignored" not in err


def test_a_check_collects_garbage_less_often_than_the_language_server() -> None:
    """A check from the command line collects young garbage after CHECK_GC_THRESHOLDS'
    100,000 new containers (a check's are nearly all alive); the server keeps the
    shorter pauses of GC_THRESHOLDS."""
    import gc

    from speechlint import cli, engine

    before = gc.get_threshold()
    try:
        cli._fewer_collections()
        assert gc.get_threshold() == engine.CHECK_GC_THRESHOLDS == (100_000, 50, 100)
    finally:
        gc.set_threshold(*before)
    assert engine.GC_THRESHOLDS[0] < engine.CHECK_GC_THRESHOLDS[0]
