"""``--fix`` killed mid-write: the draft is the original or the fully fixed file, never partial.

The CLI runs in a child process on a large draft (12 MB, one finding at the top so
that the fix is cheap and the write is the long part).  We watch the folder for
the temporary file ``.big.txt.XXXX.speechlint-tmp`` and SIGKILL the child as soon
as it appears.  A second test pauses the child inside the write (after the
temporary file is complete, before the rename), so the kill lands there every
time; a third sends SIGTERM there, which must also remove the temporary file.
A stale temporary file never disturbs the next run.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

ROOT = Path(__file__).resolve().parent.parent
LINE = ("同志们今天我们召开会议。各位代表：大家好。" * 8 + "\n").encode()


@pytest.fixture(scope="module")
def big_draft() -> tuple[bytes, bytes]:
    """(original, fully fixed) bytes of a 12 MB draft with one DUP003 at the top."""
    body = LINE * (12 * 1024 * 1024 // len(LINE))
    return "同志们，，今天\r\n".encode() + body, "同志们，今天\r\n".encode() + body


def temp_files(folder: Path) -> list[str]:
    return sorted(n for n in os.listdir(folder) if n.endswith(".speechlint-tmp"))


def fix_cmd(*paths: Path, prelude: str = "") -> list[str]:
    code = prelude + "from speechlint.cli import main\nraise SystemExit(main(sys.argv[1:]))\n"
    return [sys.executable, "-c", "import sys\n" + code,
            "check", "--fix", "-q", "--no-show-source", "--select", "DUP003", *map(str, paths)]


def rerun_fix(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(fix_cmd(folder), cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", timeout=120, check=False)


def test_sigkill_while_writing(tmp_path: Path, big_draft: tuple[bytes, bytes]) -> None:
    original, fixed = big_draft
    folder = tmp_path / "drafts"
    folder.mkdir()
    draft = folder / "big.txt"
    draft.write_bytes(original)
    child = subprocess.Popen(fix_cmd(folder), cwd=ROOT, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
    try:
        while child.poll() is None and not temp_files(folder):
            time.sleep(0.0005)
        child.send_signal(signal.SIGKILL)  # no-op if it already finished
    finally:
        child.wait(timeout=120)
        assert child.stderr is not None
        stderr = child.stderr.read().decode()
        child.stderr.close()
    assert "Traceback" not in stderr
    after = draft.read_bytes()
    assert after in (original, fixed), "a partial draft after SIGKILL"
    stale = temp_files(folder)
    assert len(stale) <= 1  # SIGKILL cannot be caught: at most one stale temporary file

    r = rerun_fix(folder)  # the next run ignores the stale file and finishes the job
    assert "Traceback" not in r.stderr
    assert r.returncode == 0, r.stderr
    assert draft.read_bytes() == fixed
    assert temp_files(folder) == stale  # never read, never reported, never removed by guess


_PAUSE_IN_WRITE = """
import os, time
_real_fsync = os.fsync
_paused = []
def _fsync(fd):
    _real_fsync(fd)
    if not _paused:  # the temporary file is complete and on disk; the rename comes next
        _paused.append(fd)
        open(os.environ["SPEECHLINT_TEST_MARKER"], "w").close()
        time.sleep(120)
os.fsync = _fsync
"""


def start_paused(folder: Path, marker: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "SPEECHLINT_TEST_MARKER": str(marker)}
    child = subprocess.Popen(fix_cmd(folder, prelude=_PAUSE_IN_WRITE), cwd=ROOT, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    while not marker.exists():
        if child.poll() is not None:
            assert child.stderr is not None
            pytest.fail(f"the child ended before writing: {child.stderr.read().decode()}")
        time.sleep(0.005)
    return child


def test_sigkill_between_write_and_rename(tmp_path: Path, big_draft: tuple[bytes, bytes]) -> None:
    original, fixed = big_draft
    folder = tmp_path / "drafts"
    folder.mkdir()
    draft = folder / "big.txt"
    draft.write_bytes(original)
    (folder / "good.txt").write_text("各位，，好\n", encoding="utf-8")
    child = start_paused(folder, tmp_path / "paused")
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=60)
    assert child.stderr is not None
    child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    assert draft.read_bytes() == original  # byte-identical
    [stale] = temp_files(folder)
    assert stale.startswith(".big.txt.")
    assert (folder / stale).read_bytes() == fixed  # the complete new text, never renamed

    r = rerun_fix(folder)
    assert "Traceback" not in r.stderr and "speechlint-tmp" not in r.stderr
    assert r.returncode == 0, r.stderr
    assert draft.read_bytes() == fixed
    assert (folder / "good.txt").read_text(encoding="utf-8") == "各位，好\n"
    assert temp_files(folder) == [stale]


def test_sigterm_mid_write_removes_the_temporary_file(
    tmp_path: Path, big_draft: tuple[bytes, bytes]
) -> None:
    original, _ = big_draft
    folder = tmp_path / "drafts"
    folder.mkdir()
    draft = folder / "big.txt"
    draft.write_bytes(original)
    child = start_paused(folder, tmp_path / "paused")
    child.send_signal(signal.SIGTERM)
    child.wait(timeout=60)
    assert child.stderr is not None
    stderr = child.stderr.read().decode()
    child.stderr.close()
    assert "Traceback" not in stderr
    assert child.returncode == 128 + signal.SIGTERM
    assert draft.read_bytes() == original
    assert temp_files(folder) == []
