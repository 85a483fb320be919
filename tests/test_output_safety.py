"""Output that cannot be forged or hijacked: one line per finding, no raw control characters.

File names and drafts hold terminal escapes (ESC, BEL), line breaks, bidirectional
overrides and bytes that are not UTF-8; the real CLI runs in a child process whose stdout
is strict UTF-8, and every format must print one finding per line (text, github), with the
characters escaped visibly, or left out (html).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

NAMES = [
    "nl\nname.txt",
    "cr\rname.txt",
    "e\x1b[31mred\x1b]0;title\x07.txt",
    "bidi\u202etxt.gpj.txt",
    os.fsdecode(b"gbk\xd6\xd0\xce\xc4.txt"),  # a GBK name, as unzip leaves it
]
DRAFT = "我们要要开会\x1b[2J\x07。\n"
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f\u202e]")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name in NAMES:
        (tmp_path / name).write_bytes(DRAFT.encode())
    return tmp_path


def run(folder: Path, *args: str) -> tuple[int, bytes, bytes]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict", "NO_COLOR": "1"}
    p = subprocess.run([sys.executable, "-m", "speechlint", "check", *args, "."], cwd=folder,
                       capture_output=True, env=env, check=False)
    return p.returncode, p.stdout, p.stderr


def test_text_one_line_per_finding(folder: Path) -> None:
    code, out, err = run(folder, "--show-source")
    assert code == 1, err
    text = out.decode("utf-8")  # strict: valid UTF-8
    assert not RAW.search(text)
    lines = text.splitlines()
    findings = [ln for ln in lines if not ln.startswith("    ")]
    assert len(findings) == len(NAMES)
    assert all(re.fullmatch(r"\./\S.*:1:\d+: DUP001 \[\*\] .*", ln) for ln in findings), findings
    assert "./nl\\nname.txt:1:4: DUP001" in text
    assert "./e\\e[31mred\\e]0;title\\x07.txt:1:4:" in text
    assert "./bidi\\u202etxt.gpj.txt:1:4:" in text
    assert "./gbk\\xd6\\xd0\\xce\\xc4.txt:1:4:" in text
    # the source line: the escape shown, the marker still under the flagged character
    source = lines[lines.index(next(ln for ln in lines if ln.startswith("./bidi"))) + 1:][:2]
    assert source == ["    我们要要开会\\e[2J\\x07。", "          ^^"]


def test_github_one_command_per_finding(folder: Path) -> None:
    code, out, err = run(folder, "--format", "github")
    assert code == 1, err
    text = out.decode("utf-8")
    assert not RAW.search(text)
    lines = text.splitlines()
    assert len(lines) == len(NAMES) and all(ln.startswith("::error file=./") for ln in lines)
    assert "file=./nl%0Aname.txt," in text and "file=./cr%0Dname.txt," in text
    assert "file=./e\\e[31mred\\e]0;title\\x07.txt," in text


def test_error_lines_are_one_line(folder: Path) -> None:
    (folder / "bad\n\x1b[2Jname.txt").write_bytes(b"\xff\xfe\xfd\x00\x01")
    code, _out, err = run(folder, "bad\n\x1b[2Jname.txt")
    assert code == 2
    text = err.decode("utf-8")
    assert not RAW.search(text)
    assert len([ln for ln in text.splitlines() if "bad" in ln]) == 1


def test_html_leaves_control_characters_out(folder: Path) -> None:
    code, out, err = run(folder, "--format", "html")
    assert code == 1, err
    text = out.decode("utf-8")
    assert not RAW.search(text)
    assert "gbk\\xd6\\xd0\\xce\\xc4.txt" in text


@pytest.mark.parametrize(("fmt", "shown"), [("sarif", "gbk%D6%D0%CE%C4.txt"),
                                             ("junit", "gbk\\xd6\\xd0\\xce\\xc4.txt"),
                                             ("github", "gbk\\xd6\\xd0\\xce\\xc4.txt"),
                                             ("json", "gbk\\\\xd6\\\\xd0\\\\xce\\\\xc4.txt")])
def test_names_that_are_not_utf8_in_every_format(folder: Path, fmt: str, shown: str) -> None:
    """A GBK file name (as unzip leaves names from a Windows archive) is escaped, not fatal."""
    code, out, err = run(folder, "--format", fmt)
    assert code == 1, err
    text = out.decode("utf-8")
    assert shown in text
    assert b"internal error" not in err
