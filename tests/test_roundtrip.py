"""Loss-free writing: ``speechlint check --fix`` on real files keeps every byte it does not fix.

Each draft is written in one encoding (UTF-8 with and without BOM, GB18030, GBK, UTF-16 LE/BE
with BOM) and one line-ending style (LF, CRLF, mixed, lone CR, no final line ending); after
``--fix`` the file must be exactly the expected bytes (the same encoding, BOM and line endings,
only the doubled marks gone) with the same permissions.  ``--select DUP003`` keeps the expected
bytes independent of the rule families still being written.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from speechlint.cli import main

ENCODINGS = {
    "utf-8": (b"", "utf-8"),
    "utf-8-bom": (b"\xef\xbb\xbf", "utf-8"),
    "gb18030": (b"", "gb18030"),
    "gbk": (b"", "gbk"),
    "utf-16-le": (b"\xff\xfe", "utf-16-le"),
    "utf-16-be": (b"\xfe\xff", "utf-16-be"),
}

# Lines of a draft: one defect (a doubled mark) in some, ASCII, full-width space and (outside
# GBK) a character beyond the BMP in others.
LINES = [
    "在全市工作会议上的讲话",
    "同志们，，今天召开会议。",
    "一、充分肯定成绩",
    "\u3000\u3000（一）投入持续加大。研发经费增长5.2%，达到120亿元。。",
    "",
    "参考：www.example.gov.cn/a,,b；请按时报送。",
    "我们要坚持问题导向，，推进改革。",
]
ASTRAL = "𠮷野家门前的𠀀字。。"  # GB18030 and UTF encode these; GBK cannot

EOLS = {
    "lf": lambda n: ["\n"] * n,
    "crlf": lambda n: ["\r\n"] * n,
    "mixed": lambda n: (["\r\n", "\n", "\r"] * n)[:n],
    "cr": lambda n: ["\r"] * n,
    "none-final": lambda n: ["\r\n"] * (n - 1) + [""],
}


def draft(encoding: str, eol: str) -> tuple[str, str]:
    """(text with defects, text after the fix)."""
    lines = list(LINES)
    if encoding != "gbk":
        lines.append(ASTRAL)
    ends = EOLS[eol](len(lines))
    text = "".join(line + end for line, end in zip(lines, ends))
    fixed = text.replace("，，", "，").replace("。。", "。")
    return text, fixed


def encoded(text: str, encoding: str) -> bytes:
    bom, codec = ENCODINGS[encoding]
    return bom + text.encode(codec)


def run_cli(*args: str) -> int:
    return main(["check", "--select", "DUP003", "--no-show-source", *args])


@pytest.mark.parametrize("eol", list(EOLS))
@pytest.mark.parametrize("encoding", list(ENCODINGS))
def test_fix_round_trip(tmp_path: Path, encoding: str, eol: str) -> None:
    text, fixed = draft(encoding, eol)
    path = tmp_path / f"稿件-{encoding}-{eol}.txt"
    path.write_bytes(encoded(text, encoding))
    path.chmod(0o640)
    assert run_cli("--fix", str(path)) == 0  # everything fixed, nothing remains
    assert path.read_bytes() == encoded(fixed, encoding)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # no temporary file left
    # idempotent: a second --fix changes nothing
    before = path.read_bytes()
    assert run_cli("--fix", "--exit-non-zero-on-fix", str(path)) == 0
    assert path.read_bytes() == before


def test_gb18030_crlf_draft_bytes(tmp_path: Path) -> None:
    """The common case from Windows offices, checked byte by byte."""
    path = tmp_path / "讲话稿.txt"
    original = "同志们，，大家好。\r\n今天开会。\r\n".encode("gb18030")
    path.write_bytes(original)
    path.chmod(0o755)
    assert run_cli("--fix", "--exit-non-zero-on-fix", str(path)) == 1  # it changed the file
    new = path.read_bytes()
    comma = "，".encode("gb18030")
    i = original.index(comma + comma)
    assert new == original[:i] + original[i + len(comma):]  # exactly one mark's bytes removed
    assert new.count(b"\r\n") == 2 and b"\n" not in new.replace(b"\r\n", b"")
    assert stat.S_IMODE(path.stat().st_mode) == 0o755


def test_diff_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "稿.txt"
    original = encoded("同志们，，大家好。\r\n今天开会。\r\n", "gb18030")
    path.write_bytes(original)
    assert run_cli("--diff", str(path)) == 1
    out = capsys.readouterr().out
    assert "-同志们，，大家好。\r\n" in out and "+同志们，大家好。\r\n" in out
    assert path.read_bytes() == original
    assert run_cli("--diff", "--fix", str(path)) == 1  # --diff wins: still nothing written
    assert path.read_bytes() == original


def test_diff_applies_with_patch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The diff is a real unified diff, including a last line without a line ending."""
    import shutil

    if shutil.which("patch") is None:
        pytest.skip("patch is not installed")
    path = tmp_path / "稿.txt"
    path.write_text("第一行。。\n第二行，，没有换行", encoding="utf-8", newline="")
    assert run_cli("--diff", str(path)) == 1
    diff = capsys.readouterr().out
    assert "\\ No newline at end of file" in diff
    copy = tmp_path / "copy.txt"
    shutil.copy(path, copy)
    subprocess.run(["patch", "-s", str(copy)], input=diff.encode("utf-8"), check=True)
    assert copy.read_text(encoding="utf-8") == "第一行。\n第二行，没有换行"


def test_undecodable_file_is_exit_2_and_untouched(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    data = "同志们，，".encode() + b"\x81\x20\xff"  # neither UTF-8 nor GB18030
    bad.write_bytes(data)
    odd = tmp_path / "odd.txt"
    odd_data = b"\xff\xfe" + "同志们，，".encode("utf-16-le") + b"\x00\xd8"  # lone surrogate
    odd.write_bytes(odd_data)
    good = tmp_path / "good.txt"
    good.write_text("同志们，，好。", encoding="utf-8")
    assert run_cli("--fix", str(bad), str(odd), str(good)) == 2
    assert bad.read_bytes() == data and odd.read_bytes() == odd_data
    assert good.read_text(encoding="utf-8") == "同志们，好。"  # one bad file never stops the rest
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.txt", "good.txt", "odd.txt"]


def test_unwritable_file_is_exit_2_and_untouched(tmp_path: Path) -> None:
    """A read-only file (or, for root, an immutable folder): reported, exit 2, left as it was."""
    import shutil

    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "稿.txt"
    data = "同志们，，好。".encode()
    path.write_bytes(data)
    path.chmod(0o444)
    root = hasattr(os, "geteuid") and os.geteuid() == 0
    if root:  # root writes read-only files: make the folder immutable instead
        chattr = shutil.which("chattr")
        if chattr is None or subprocess.run([chattr, "+i", str(folder)], capture_output=True,
                                            check=False).returncode != 0:
            pytest.skip("running as root and the folder cannot be made immutable")
    try:
        assert run_cli("--fix", str(path)) == 2
        assert path.read_bytes() == data
        assert sorted(p.name for p in folder.iterdir()) == ["稿.txt"]
    finally:
        if root:
            subprocess.run(["chattr", "-i", str(folder)], check=False)
        path.chmod(0o644)


def test_symlink_stays_a_link(tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_text("同志们，，好。\r\n", encoding="utf-8", newline="")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert run_cli("--fix", str(link)) == 0
    assert link.is_symlink()
    assert target.read_bytes() == "同志们，好。\r\n".encode()


def test_stdin_fix_keeps_encoding() -> None:
    """``--fix -`` writes the fixed draft to stdout in the input's encoding and BOM."""
    data = b"\xff\xfe" + "同志们，，好。\r\n".encode("utf-16-le")
    proc = subprocess.run(
        [sys.executable, "-m", "speechlint", "check", "--select", "DUP003", "--fix", "-"],
        input=data, capture_output=True, check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    assert proc.stdout == b"\xff\xfe" + "同志们，好。\r\n".encode("utf-16-le")
