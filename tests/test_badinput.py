"""Bad input never stops the run: one line per bad file, every other file still checked.

Each test puts one bad file next to ``good.txt`` (a draft with one known finding,
DUP003 at 1:5) and asserts the exact exit code, the exact one-line message, and
that the good file's finding is still reported.

Exit-code policy (see the docstring of ``speechlint.cli``): ``path: error: …``
(could not be checked: unreadable, undecodable, too large, unreadable folder) makes
the exit code 2; ``path: note: …`` (skipped on purpose: binary files, symbolic link
loops; nothing is lost) leaves it as the findings decide (1 here).
"""

from __future__ import annotations

import ctypes
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from speechlint import cli, io


@pytest.fixture(autouse=True)
def _english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """The messages asserted here are the English ones, as written in the code;
    tests/test_i18n.py checks their Chinese (the default language of a run)."""
    monkeypatch.setenv("SPEECHLINT_LANGUAGE", "en")


GOOD = "同志们，，今天\n"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "drafts"
    d.mkdir()
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    return d


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    rc = cli.main(["check", "--no-show-source", *map(str, args)])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return rc, out, err


def problems(err: str) -> list[str]:
    """The per-file error and note lines of stderr."""
    return [ln for ln in err.splitlines() if ": error: " in ln or ": note: " in ln]


def good_reported(out: str, folder: Path) -> bool:
    return f"{folder / 'good.txt'}:1:5: DUP003" in out


def finding_lines(out: str) -> list[str]:
    return [ln for ln in out.splitlines() if ": DUP" in ln]


# ------------------------------------------------------------------ the matrix
def test_empty_file(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "empty.txt").write_bytes(b"")
    rc, out, err = run(capsys, folder)
    assert rc == 1
    assert problems(err) == []
    assert finding_lines(out) == [f"{folder / 'good.txt'}:1:5: DUP003 [*] punctuation “，，” repeated; should be “，”"]


def test_only_whitespace(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "blank.txt").write_text(" \n\t\r\n\u3000\u3000\n\r\r\n  ", encoding="utf-8", newline="")
    (folder / "blank.md").write_text("\n\n   \n", encoding="utf-8")
    rc, out, err = run(capsys, folder)
    assert rc == 1
    assert problems(err) == []
    assert len(finding_lines(out)) == 1 and good_reported(out, folder)


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def test_png_named_like_a_draft(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = folder / "photo.txt"
    bad.write_bytes(PNG)
    rc, out, err = run(capsys, folder)
    assert rc == 1  # a note: a binary file is not a draft, nothing is lost
    assert problems(err) == [f"{bad}: note: not a text file (PNG image), skipped"]
    assert good_reported(out, folder)


def test_png_named_explicitly(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = folder / "photo.png"
    bad.write_bytes(PNG)
    rc, out, err = run(capsys, bad, folder / "good.txt")
    assert rc == 2  # named, as pre-commit names staged files: it could not be checked
    assert problems(err) == [f"{bad}: error: not a text file (PNG image)"]
    assert good_reported(out, folder)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_utf16_without_bom_named_is_an_error(folder: Path, capsys: pytest.CaptureFixture[str],
                                              jobs: str) -> None:
    """A named .txt in UTF-16 without a byte-order mark (NUL bytes) fails the run; walked
    in a folder it stays a note."""
    bad = folder / "utf16.txt"
    bad.write_bytes("同志们，，今天开会。\n".encode("utf-16-le"))
    many = [folder / f"g{i}.txt" for i in range(20)]
    for g in many:
        g.write_text("同志们好。\n", encoding="utf-8")
    rc, out, err = run(capsys, "--jobs", jobs, bad, folder / "good.txt", *many)
    assert rc == 2
    assert problems(err) == [(f"{bad}: error: not a text file (binary data (NUL bytes)); "
                              "UTF-16 needs a byte-order mark")]
    assert good_reported(out, folder)
    rc, out, err = run(capsys, "--jobs", jobs, folder)
    assert rc == 1
    assert problems(err) == [f"{bad}: note: not a text file (binary data (NUL bytes)), skipped"]


def test_quiet_hides_notes_not_errors(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "photo.txt").write_bytes(PNG)
    (folder / "bad.txt").write_bytes(b"\xff\xff")
    rc, out, err = run(capsys, "-q", folder)
    assert rc == 2
    assert problems(err) == [
        (f"{folder / 'bad.txt'}: error: cannot decode: not UTF-8 (invalid byte at 0), "
        "not GB18030/GBK, no UTF-16 byte-order mark")
    ]
    assert good_reported(out, folder)


def test_nul_bytes(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = folder / "nul.txt"
    bad.write_bytes("同志们，，今天\x00\x00会议".encode())
    rc, out, err = run(capsys, folder)
    assert rc == 1
    assert problems(err) == [f"{bad}: note: not a text file (binary data (NUL bytes)), skipped"]
    assert finding_lines(out) == [f"{folder / 'good.txt'}:1:5: DUP003 [*] punctuation “，，” repeated; should be “，”"]


def test_nul_byte_far_into_the_file(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = folder / "late-nul.txt"
    bad.write_bytes(("同志们。\n" * 5000).encode() + b"\x00")
    rc, out, err = run(capsys, folder)
    assert rc == 1
    assert problems(err) == [f"{bad}: note: not a text file (binary data (NUL bytes)), skipped"]
    assert good_reported(out, folder)


@pytest.mark.parametrize(
    ("magic", "what"),
    [
        (b"%PDF-1.7\n", "PDF document"),
        (b"PK\x03\x04\x14\x00", "ZIP archive"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE2 document (.doc/.xls or encrypted .docx)"),
        (b"\x7fELF\x02\x01", "ELF executable"),
        (b"\x1f\x8b\x08", "gzip archive"),
    ],
)
def test_other_magic_numbers(folder: Path, capsys: pytest.CaptureFixture[str], magic: bytes,
                             what: str) -> None:
    bad = folder / "x.md"
    bad.write_bytes(magic + b"more bytes")
    rc, out, err = run(capsys, folder)
    assert rc == 1
    assert problems(err) == [f"{bad}: note: not a text file ({what}), skipped"]
    assert good_reported(out, folder)


def test_invalid_utf8_not_gb18030(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = folder / "bad.txt"
    data = "同志们".encode() + b"\xff\xfe\x80" + "今天".encode()
    with pytest.raises(UnicodeDecodeError):
        data.decode("gb18030")
    bad.write_bytes(data)
    rc, out, err = run(capsys, folder)
    assert rc == 2
    assert problems(err) == [
        (f"{bad}: error: cannot decode: not UTF-8 (invalid byte at 9), not GB18030/GBK, "
        "no UTF-16 byte-order mark")
    ]
    assert good_reported(out, folder)


def test_gbk_is_decoded_not_rejected(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "gbk.txt").write_bytes("各位代表：\n同志们，，今天\n".encode("gbk"))
    rc, out, err = run(capsys, folder)
    assert rc == 1
    assert problems(err) == []
    assert f"{folder / 'gbk.txt'}:2:5: DUP003" in out and good_reported(out, folder)


def test_utf8_bom(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bom = folder / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + "同志们，，今天\n各位：：好".encode())
    rc, out, err = run(capsys, folder)
    assert rc == 1
    assert problems(err) == []
    # the BOM is not a column: findings sit where an editor shows them
    assert f"{bom}:1:5: DUP003" in out and f"{bom}:2:4: DUP003" in out
    assert good_reported(out, folder)
    rc = cli.main(["check", "--fix", "-q", str(bom)])
    capsys.readouterr()
    assert bom.read_bytes() == b"\xef\xbb\xbf" + "同志们，今天\n各位：好".encode()


def test_utf16_with_bom(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "u16.txt").write_bytes(b"\xff\xfe" + "同志们，，今天".encode("utf-16-le"))
    rc, out, err = run(capsys, folder)
    assert rc == 1
    assert problems(err) == []
    assert f"{folder / 'u16.txt'}:1:5: DUP003" in out and good_reported(out, folder)


def test_mixed_line_endings(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mixed = folder / "mixed.txt"
    data = "一、\r\n二、\r三、\n同志们，，今天\r\n\r\n五、各位：：好\r".encode()
    mixed.write_bytes(data)
    rc, out, err = run(capsys, folder)
    assert rc == 1
    assert problems(err) == []
    assert f"{mixed}:4:5: DUP003" in out and f"{mixed}:6:6: DUP003" in out
    assert good_reported(out, folder)
    cli.main(["check", "--fix", "-q", str(mixed)])
    capsys.readouterr()
    # every line ending kept as it was; only the duplicated marks are gone
    assert mixed.read_bytes() == data.replace("，，".encode(), "，".encode()).replace(
        "：：".encode(), "：".encode()
    )


def test_fifty_megabytes(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    big = folder / "big.txt"
    line = ("同志们，，今天我们召开会议。" * 40 + "\n").encode()
    with big.open("wb") as fh:
        fh.write(line * (50 * 1024 * 1024 // len(line) + 1))
    size = big.stat().st_size
    assert size > 50 * 1024 * 1024
    rc, out, err = run(capsys, folder)
    assert rc == 2
    assert problems(err) == [
        (f"{big}: error: file too large ({size:,} bytes; the limit is 20,971,520 bytes, "
        "raise it with --max-file-size or max-file-size)")
    ]
    assert finding_lines(out) == [f"{folder / 'good.txt'}:1:5: DUP003 [*] punctuation “，，” repeated; should be “，”"]


def test_max_file_size_option(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mid = folder / "mid.txt"
    mid.write_text("同志们，，今天。\n" * 200, encoding="utf-8")  # 5,000 bytes
    rc, out, err = run(capsys, "--max-file-size", "4K", folder)
    assert rc == 2
    assert problems(err) == [
        (f"{mid}: error: file too large (5,000 bytes; the limit is 4,096 bytes, "
        "raise it with --max-file-size or max-file-size)")
    ]
    assert good_reported(out, folder)
    rc, out, err = run(capsys, "--max-file-size", "0", folder)  # 0: no limit
    assert rc == 1 and problems(err) == [] and f"{mid}:200:5: DUP003" in out
    rc, out, err = run(capsys, "--max-file-size", "1MB", folder)
    assert rc == 1 and problems(err) == []


def test_a_file_that_grew_after_its_stat_is_read_whole_up_to_the_limit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """read_bytes asks for the size stat gave (plus one byte), then reads on if there is more."""
    from speechlint import io as sio

    f = tmp_path / "growing.txt"
    f.write_bytes(b"x" * 100)
    real_fstat = os.fstat

    def stale_fstat(fd: int) -> os.stat_result:  # the size before the file grew
        st = list(real_fstat(fd))
        st[6] = 10  # st_size
        return os.stat_result(st)

    monkeypatch.setattr(sio.os, "fstat", stale_fstat)
    assert sio.read_bytes(f, 1000) == b"x" * 100
    assert sio.read_bytes(f, 101) == b"x" * 100
    assert sio.read_bytes(f, None) == b"x" * 100
    with pytest.raises(sio.InputError, match="file too large"):
        sio.read_bytes(f, 99)


def test_max_file_size_bad_value(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main(["check", "--max-file-size", "lots", "."])
    assert exc.value.code == 2
    assert "invalid size 'lots'" in capsys.readouterr().err


def test_max_file_size_applies_to_stdin(monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    import io as _io

    monkeypatch.setattr(sys, "stdin", _io.TextIOWrapper(_io.BytesIO(b"x" * 2000)))
    rc = cli.main(["check", "--max-file-size", "1K", "-"])
    err = capsys.readouterr().err
    assert rc == 2
    assert problems(err) == [
        ("-: error: file too large (more than the limit; the limit is 1,024 bytes, "
        "raise it with --max-file-size or max-file-size)")
    ]


def test_parse_size() -> None:
    assert io.parse_size("20MB") == 20 * 1024 * 1024
    assert io.parse_size("1.5m") == 1536 * 1024
    assert io.parse_size("500k") == 512000
    assert io.parse_size(" 123 ") == 123
    assert io.parse_size("2GiB") == 2 * 1024**3
    assert io.parse_size(4096) == 4096
    for bad in ("", "-1", "20 TB", "MB", "1e6"):
        with pytest.raises(ValueError):
            io.parse_size(bad)


def test_single_two_megabyte_line(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    long = folder / "long.txt"
    body = "同志们今天我们在这里召开会议。" * (2 * 1024 * 1024 // 45 + 1)
    long.write_text(body + "各位，，好", encoding="utf-8")
    assert long.stat().st_size > 2 * 1024 * 1024
    rc, out, err = run(capsys, folder)
    assert rc == 1
    assert problems(err) == []
    assert f"{long}:1:{len(body) + 4}: DUP003" in out
    assert good_reported(out, folder)


def test_ten_thousand_small_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "many"
    for i in range(100):
        sub = root / f"d{i:02d}"
        sub.mkdir(parents=True)
        for j in range(100):
            (sub / f"f{j:02d}.txt").write_text(f"同志们，，今天第{i}{j}次。\n", encoding="utf-8")
    bad = root / "d50" / "f50.txt"
    bad.write_bytes(b"\x81\x20\xff")  # neither UTF-8 nor GB18030
    rc, out, err = run(capsys, root)
    assert rc == 2
    assert problems(err) == [
        (f"{bad}: error: cannot decode: not UTF-8 (invalid byte at 0), not GB18030/GBK, "
        "no UTF-16 byte-order mark")
    ]
    lines = finding_lines(out)
    assert len(lines) == 9_999
    assert len({ln.split(":")[0] for ln in lines}) == 9_999
    assert lines[0] == f"{root / 'd00' / 'f00.txt'}:1:5: DUP003 [*] punctuation “，，” repeated; should be “，”"


# ------------------------------------------------------------- unreadable files
_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH, _PR_CAPBSET_DROP = 1, 2, 24


def _drop_dac_capabilities() -> None:  # runs in the child, before exec
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
        if libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def run_permissions_honoured(*args: object) -> subprocess.CompletedProcess[str]:
    """Run the CLI where file permissions apply, even when the tests run as root.

    Root reads any file (CAP_DAC_OVERRIDE), so ``chmod 000`` proves nothing
    there.  As root, the CLI runs in a child that drops CAP_DAC_OVERRIDE and
    CAP_DAC_READ_SEARCH from its bounding set before exec: still uid 0, but the
    kernel now checks permission bits.  Skips when the capabilities cannot be
    dropped (no CAP_SETPCAP, not Linux).
    """
    cmd = [sys.executable, "-m", "speechlint", "check", "--no-show-source", *map(str, args)]
    preexec = None
    if os.geteuid() == 0:
        if not sys.platform.startswith("linux"):
            pytest.skip("running as root and cannot drop CAP_DAC_OVERRIDE off Linux")
        try:
            subprocess.run([sys.executable, "-c", ""], preexec_fn=_drop_dac_capabilities, check=True)
        except (OSError, subprocess.SubprocessError) as exc:
            pytest.skip(f"running as root and cannot drop CAP_DAC_OVERRIDE ({exc}): "
                        "root would read a chmod 000 file")
        preexec = _drop_dac_capabilities
    return subprocess.run(cmd, preexec_fn=preexec, capture_output=True, text=True,
                          encoding="utf-8", cwd=ROOT, timeout=120, check=False)


def test_unreadable_file(folder: Path) -> None:
    bad = folder / "secret.txt"
    bad.write_text("同志们，，今天\n", encoding="utf-8")
    bad.chmod(0)
    try:
        r = run_permissions_honoured(folder)
    finally:
        bad.chmod(0o644)
    assert "Traceback" not in r.stderr
    assert r.returncode == 2
    assert problems(r.stderr) == [f"{bad}: error: permission denied"]
    assert good_reported(r.stdout, folder)


def test_unreadable_folder(folder: Path) -> None:
    locked = folder / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text(GOOD, encoding="utf-8")
    locked.chmod(0)
    try:
        r = run_permissions_honoured(folder)
    finally:
        locked.chmod(0o755)
    assert "Traceback" not in r.stderr
    assert r.returncode == 2
    assert problems(r.stderr) == [f"{locked}: error: cannot read folder: Permission denied"]
    assert good_reported(r.stdout, folder)


@pytest.mark.skipif(not os.path.exists("/proc/self/mem"), reason="needs Linux /proc/self/mem")
def test_read_fails_with_an_io_error(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A real failing read() that works as root too: /proc/self/mem at offset 0 is EIO."""
    bad = folder / "eio.txt"
    bad.symlink_to("/proc/self/mem")
    rc, out, err = run(capsys, folder)
    assert rc == 2
    assert problems(err) == [f"{bad}: error: cannot read: Input/output error"]
    assert good_reported(out, folder)


def test_missing_and_broken_link(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = folder / "gone.txt"
    broken.symlink_to(folder / "nowhere.txt")
    missing = folder / "missing.txt"
    rc, out, err = run(capsys, folder, missing)
    assert rc == 2
    assert problems(err) == [
        f"{broken}: error: broken symbolic link",
        f"{missing}: error: no such file",
    ]
    assert good_reported(out, folder)


def test_folder_and_fifo_named_like_drafts(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "chapter.txt").mkdir()
    (folder / "chapter.txt" / "inner.md").write_text("各位，，好\n", encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")  # never opened: it would block forever
    rc, out, err = run(capsys, folder)
    assert rc == 1
    assert problems(err) == [f"{folder / 'pipe.txt'}: note: not a regular file, skipped"]
    assert f"{folder / 'chapter.txt' / 'inner.md'}:1:4: DUP003" in out
    assert good_reported(out, folder)


# ----------------------------------------------------------------- symlink loops
def test_symlink_loop(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sub = folder / "sub"
    sub.mkdir()
    (sub / "inner.txt").write_text("各位，，好\n", encoding="utf-8")
    (sub / "up").symlink_to("..")  # sub/up/sub/up/... forever if followed blindly
    (folder / "self.txt").symlink_to("self.txt")  # ELOOP
    rc, out, err = run(capsys, folder)
    assert rc == 1  # nothing behind a loop is lost: notes, not errors
    assert problems(err) == [
        f"{folder / 'self.txt'}: note: symbolic link loop, not followed",
        f"{sub / 'up'}: note: symbolic link loop (back to an enclosing folder), not followed",
    ]
    assert finding_lines(out) == [
        f"{folder / 'good.txt'}:1:5: DUP003 [*] punctuation “，，” repeated; should be “，”",
        f"{sub / 'inner.txt'}:1:4: DUP003 [*] punctuation “，，” repeated; should be “，”",
    ]


def test_links_to_the_same_folder_are_checked_once(folder: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "alias").symlink_to(folder, target_is_directory=True)
    (folder / "alias.txt").symlink_to(folder / "good.txt")
    rc, out, err = run(capsys, folder, folder / "good.txt", folder)
    assert rc == 1
    assert problems(err) == [
        f"{folder / 'alias'}: note: symbolic link loop (back to an enclosing folder), not followed"
    ]
    assert len(finding_lines(out)) == 1


def test_stale_temp_files_are_ignored(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / ".good.txt.abc123.speechlint-tmp").write_bytes("同志们，，".encode()[:7])
    (folder / "x.txt.speechlint-tmp").write_bytes(b"\xff")
    rc, out, err = run(capsys, folder)
    assert rc == 1 and problems(err) == [] and len(finding_lines(out)) == 1


# ------------------------------------------------------------ internal errors
def test_internal_error_is_one_line_unless_verbose(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from speechlint import engine

    real = engine.filetype_of

    def explode(name: str | None) -> str:
        if name and name.endswith("boom.txt"):
            raise RuntimeError("boom\nsecond line")
        return real(name)

    monkeypatch.setattr(engine, "filetype_of", explode)
    bad = folder / "boom.txt"
    bad.write_text("你好\n", encoding="utf-8")
    rc, out, err = run(capsys, folder)
    assert rc == 2
    assert problems(err) == [f"{bad}: error: internal error: RuntimeError: boom second line"]
    assert good_reported(out, folder)

    rc = cli.main(["check", "--verbose", "--no-show-source", str(folder)])
    out, err = capsys.readouterr()
    assert rc == 2
    assert "Traceback (most recent call last)" in err and "RuntimeError: boom" in err
    assert good_reported(out, folder)


# --------------------------------------------------------------- --fix faults
def test_fix_refuses_when_the_file_changed_since_read(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from speechlint import engine

    target = folder / "edited.txt"
    target.write_text("各位，，好\n", encoding="utf-8")
    real_fix = engine.fix

    def fix_while_someone_edits(text: str, *a: object, **k: object) -> engine.FixResult:
        if "各位" in text:  # the user saves the draft in an editor meanwhile
            target.write_text("各位，，好\n新的一段。\n", encoding="utf-8")
        return real_fix(text, *a, **k)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "fix", fix_while_someone_edits)
    rc = cli.main(["check", "--fix", "--no-show-source", str(folder)])
    err = capsys.readouterr().err
    assert rc == 2
    assert problems(err) == [f"{target}: error: changed on disk since it was read; not written"]
    assert target.read_text(encoding="utf-8") == "各位，，好\n新的一段。\n"
    assert (folder / "good.txt").read_text(encoding="utf-8") == "同志们，今天\n"  # others fixed
    assert sorted(p.name for p in folder.iterdir()) == ["edited.txt", "good.txt"]  # no temp


def test_write_atomic_expect(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(b"old")
    io.write_atomic(f, b"new", expect=b"old")
    assert f.read_bytes() == b"new"
    with pytest.raises(io.InputError, match="changed on disk since it was read; not written"):
        io.write_atomic(f, b"newer", expect=b"old")
    assert f.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_write_atomic_keeps_mode_and_links(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_bytes(b"old")
    real.chmod(0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    io.write_atomic(link, b"new", expect=b"old")
    assert link.is_symlink() and real.read_bytes() == b"new"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.txt", "real.txt"]


_FSIZE_CHILD = """
import resource, sys
from speechlint import cli
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))  # Python ignores SIGXFSZ: EFBIG
raise SystemExit(cli.main(sys.argv[2:]))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_fix_when_the_disk_is_full(folder: Path) -> None:
    """A write that fails half-way (RLIMIT_FSIZE: the kernel refuses to grow any file
    past the limit, as a full disk would) leaves the original byte-identical."""
    big = folder / "big.txt"
    original = ("同志们，，今天我们召开会议。\n" * 20_000).encode()  # 860 KB
    big.write_bytes(original)
    r = subprocess.run(
        [sys.executable, "-c", _FSIZE_CHILD, str(len(original) // 2),
         "check", "--fix", "--no-show-source", "--select", "DUP003", str(folder)],
        capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=120, check=False,
    )
    assert "Traceback" not in r.stderr
    assert r.returncode == 2
    assert problems(r.stderr) == [f"{big}: error: cannot write: File too large; file unchanged"]
    assert big.read_bytes() == original
    assert (folder / "good.txt").read_text(encoding="utf-8") == "同志们，今天\n"  # small: written
    assert sorted(p.name for p in folder.iterdir()) == ["big.txt", "good.txt"]  # no temp left


def test_fix_refuses_read_only_file(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if os.geteuid() == 0:
        pytest.skip("root may write read-only files; os.access cannot tell")
    ro = folder / "ro.txt"
    ro.write_text("各位，，好\n", encoding="utf-8")
    ro.chmod(0o444)
    rc = cli.main(["check", "--fix", str(folder)])
    err = capsys.readouterr().err
    assert rc == 2
    assert problems(err) == [f"{ro}: error: file is read-only; not written"]
    assert ro.read_text(encoding="utf-8") == "各位，，好\n"


# ------------------------------------------------------------------ rule packs
PACK_HEAD = "name: house\nprefix: HS\nrules:\n"


def _project(folder: Path, pack: str) -> Path:
    """``folder`` made a project whose speechlint.toml names the rule pack ``house.yaml``."""
    (folder / "house.yaml").write_text(pack, encoding="utf-8")
    (folder / "speechlint.toml").write_text('packs = ["house.yaml"]\n', encoding="utf-8")
    return folder / "house.yaml"


BROKEN_PACK = PACK_HEAD + "  HS001:\n    kind: existence\n    words: [据说, 听说\n"
# libyaml and the pure-Python parser word the problem differently; file and line are the same
BROKEN_MESSAGE = "house.yaml:7: invalid YAML: "


def test_broken_yaml_pack_through_config(folder: Path) -> None:
    import speechlint
    from speechlint.config import Config
    from speechlint.errors import RuleDataError

    pack = _project(folder, BROKEN_PACK)
    with pytest.raises(RuleDataError) as exc:
        speechlint.lint("同志们，，今天", Config(packs=(str(pack),)))
    message = str(exc.value)
    assert message.startswith(f"{folder}/{BROKEN_MESSAGE}") and "expected ',' or ']'" in message
    assert "\n" not in message


def test_broken_yaml_pack_through_the_cli(folder: Path, capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    _project(folder, BROKEN_PACK)
    monkeypatch.chdir(folder)
    rc, _out, err = run(capsys, ".")
    assert rc == 2
    # one line naming the pack and the line, like any file that could not be used
    [line] = [ln for ln in err.splitlines() if ": error: " in ln]
    assert line.startswith(f"{folder}/house.yaml:7: error: invalid YAML: ")
    assert "expected ',' or ']'" in line


def test_broken_yaml_pack_leaves_the_other_rules_running(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _project(folder, BROKEN_PACK)
    monkeypatch.chdir(folder)
    rc, out, err = run(capsys, ".")
    assert rc == 2
    assert "good.txt:1:5: DUP003" in out  # the built-in rules still checked the drafts
    assert err.count("house.yaml:7: error: invalid YAML") == 1  # reported once, not per file


EVIL_PACK = PACK_HEAD + """\
  HS001:
    kind: pattern
    name: overlapping-alternation
    summary: overlapping alternatives under a star
    reason: test data for the time limit
    pattern: '(a|aa)+$'
    timeout: 0.1
  HS002:
    kind: existence
    name: banned-word
    summary: a plain word rule in the same pack
    reason: test data
    words: [据说]
"""
EVIL_LINE = "a" * 50_000 + "b"
EVIL_FAILURE = (
    "rule HS001 failed: RuntimeError: pattern '(a|aa)+$' took longer than 0.1 s on line 2 "
    "(catastrophic backtracking?); rule skipped for this document"
)


def test_evil_regex_pack_through_config(folder: Path) -> None:
    import speechlint
    from speechlint.config import Config
    from speechlint.model import RuleFailure

    pack = _project(folder, EVIL_PACK)
    failures: list[RuleFailure] = []
    text = f"据说，，这样。\n{EVIL_LINE}\n"
    diags = speechlint.lint(text, Config(packs=(str(pack),)), failures=failures)
    assert [(d.code, d.span.start) for d in diags] == [("HS002", 0), ("DUP003", 3)]
    assert [f"rule {f.code} failed: {f.error}" for f in failures] == [EVIL_FAILURE]


def test_evil_regex_pack_through_the_cli(folder: Path, capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    _project(folder, EVIL_PACK)
    (folder / "evil.txt").write_text(f"据说如此。\n{EVIL_LINE}\n", encoding="utf-8")
    monkeypatch.chdir(folder)
    rc, out, err = run(capsys, ".")
    assert rc == 2  # the draft was checked by every rule but one: not fully checked
    assert problems(err) == [f"./evil.txt: error: {EVIL_FAILURE}"]
    assert "./evil.txt:1:1: HS002" in out  # the pack's other rule still runs on that draft
    assert "./good.txt:1:5: DUP003" in out  # and the other drafts are checked

    from speechlint import engine

    engine._LINTERS.clear()  # a Linter logs each failing rule once
    rc = cli.main(["check", "--no-show-source", "--verbose", "."])
    err = capsys.readouterr().err
    assert rc == 2
    assert "Traceback (most recent call last)" in err  # for bug reports only


def test_write_atomic_leaves_signal_handlers_as_it_found_them(tmp_path: Path) -> None:
    import signal

    f = tmp_path / "a.txt"
    f.write_bytes(b"old")
    before = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGHUP)
    io.write_atomic(f, b"new", expect=b"old")
    with pytest.raises(io.InputError):
        io.write_atomic(f, b"newer", expect=b"old")
    assert (signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGHUP)) == before


def test_evil_regex_pack_with_worker_processes(folder: Path, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Many files go to worker processes (--jobs): failed rules are still one line per file."""
    _project(folder, EVIL_PACK)
    for i in range(20):
        (folder / f"d{i:02d}.txt").write_text(f"第{i}段，，文字。\n", encoding="utf-8")
    (folder / "evil.txt").write_text(f"据说如此。\n{EVIL_LINE}\n", encoding="utf-8")
    monkeypatch.chdir(folder)
    rc, out, err = run(capsys, "--jobs", "2", ".")
    assert rc == 2
    assert problems(err) == [f"./evil.txt: error: {EVIL_FAILURE}"]
    assert "./evil.txt:1:1: HS002" in out and "./good.txt:1:5: DUP003" in out
    assert len([ln for ln in out.splitlines() if ": DUP003" in ln]) == 21


# ------------------------------------------------------- any bytes, any folder
def _cli_captured(*args: str) -> tuple[int, str, str]:
    import contextlib
    import io as _io

    out, err = _io.StringIO(), _io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = cli.main(list(args))
    return rc, out.getvalue(), err.getvalue()


def _draft_bytes():  # type: ignore[no-untyped-def]
    from hypothesis import strategies as st

    texts = st.text(st.sampled_from("同志们今天要，。、“”（）1２\r\n\t \u2028𠮷"), max_size=40)
    return st.one_of(
        st.binary(max_size=60),
        texts.map(lambda t: t.encode("utf-8")),
        texts.map(lambda t: t.encode("gb18030")),
        texts.map(lambda t: b"\xef\xbb\xbf" + t.encode("utf-8")),
        texts.map(lambda t: b"\xff\xfe" + t.encode("utf-16-le")),
        st.sampled_from([PNG, b"\x00", b"\xff\xff", b"%PDF-", b""]),
    )


def test_any_bytes_in_any_files_one_line_each_never_a_traceback() -> None:
    """For any folder of drafts with arbitrary bytes: no traceback, every file is either
    checked or named on exactly one error/note line, the exit code follows the lines,
    and --fix never touches a file it could not decode."""
    import tempfile

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(files=st.lists(_draft_bytes(), min_size=1, max_size=5))
    def check(files: list[bytes]) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            paths = []
            for i, data in enumerate(files):
                p = root / f"f{i}.txt"
                p.write_bytes(data)
                paths.append(p)
            rc, out, err = _cli_captured("check", "--no-show-source", "--jobs", "1", str(root))
            assert "Traceback" not in err
            lines = problems(err)
            named = [ln.split(": ", 1)[0] for ln in lines]
            assert len(named) == len(set(named)), "one line per bad file"
            decodable = []
            for p, data in zip(paths, files):
                try:
                    io.decode(data, str(p))
                    decodable.append(p)
                    assert str(p) not in named
                except io.InputError as exc:
                    assert str(p) in named
                    kind = "note" if isinstance(exc, io.BinaryFileError) else "error"
                    assert f"{p}: {kind}: " in err
            has_error = any(": error: " in ln for ln in lines)
            has_findings = any(ln.startswith(str(root)) for ln in out.splitlines())
            assert rc == (2 if has_error else 1 if has_findings else 0)

            rc, out, err = _cli_captured("check", "--fix", "-q", "--jobs", "1", str(root))
            assert "Traceback" not in err
            for p, data in zip(paths, files):
                if p not in decodable:
                    assert p.read_bytes() == data
                else:
                    io.decode(p.read_bytes(), str(p))  # still decodes, same encoding
            assert sorted(q.name for q in root.iterdir()) == sorted(p.name for p in paths)

    check()


def test_a_second_fixer_that_finds_the_work_done_says_so(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another `--fix` writes the same fix while this one works: a note, the exit of a check."""
    from speechlint import engine

    target = folder / "raced.txt"
    target.write_text("各位，，好，请XX同志发言\n", encoding="utf-8")
    real_fix = engine.fix

    def fix_while_another_fixer_writes(text: str, *a: object, **k: object) -> engine.FixResult:
        result = real_fix(text, *a, **k)  # type: ignore[arg-type]
        if "各位" in text:
            target.write_text(result.text, encoding="utf-8")
        return result

    monkeypatch.setattr(engine, "fix", fix_while_another_fixer_writes)
    rc = cli.main(["check", "--fix", "--no-show-source", str(target)])
    out, err = capsys.readouterr()
    assert rc == 1  # as `check` of the fixed file: PH001 'XX' has no fix
    assert problems(err) == [f"{target}: note: already fixed (by another process); not written again"]
    assert out == f"{target}:1:7: PH001 “XX” looks like an unfilled placeholder; fill in the real content\n"
    assert target.read_text(encoding="utf-8") == "各位，好，请XX同志发言\n"
    assert sorted(p.name for p in folder.iterdir()) == ["good.txt", "raced.txt"]


def test_concurrent_fixers_agree(tmp_path: Path) -> None:
    """Pairs of real `--fix` processes on one file: each exits as the check of the result."""
    env = {**os.environ, "NO_COLOR": "1"}
    for n in range(12):
        f = tmp_path / f"d{n}.txt"
        f.write_text("我们要开会,,好\n" * 50, encoding="utf-8")
        cmd = [sys.executable, "-m", "speechlint", "check", "--fix", "--no-show-source", str(f)]
        procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
                 for _ in range(2)]
        outs = [p.communicate() for p in procs]
        for p, (_out, err) in zip(procs, outs, strict=True):
            assert p.returncode == 0, err.decode()
            assert b"error" not in err
        assert f.read_text(encoding="utf-8") == "我们要开会，好\n" * 50
