"""Encodings through the CLI on real files: a GBK, GB18030 and UTF-16 draft gives the same
findings as its UTF-8 twin; an undecodable file is one clear error (issue 5)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from speechlint.cli import main


@pytest.fixture(autouse=True)
def _english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """The messages asserted here are the English ones, as written in the code;
    tests/test_i18n.py checks their Chinese (the default language of a run)."""
    monkeypatch.setenv("SPEECHLINT_LANGUAGE", "en")


OPTS = ["--isolated", "--select", "DUP003", "--format", "json"]
TEXT = "同志们，，今天召开全市工作会议。\n会议的主要任务是：部署下一阶段工作。。\n\n谢谢大家！\n"
ASTRAL = "𠮷祥如意，，好。\n"  # outside GBK: only GB18030 and UTF encodings hold it


def findings(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, list[tuple], str]:
    code = main(["check", *OPTS, str(path)])
    out, err = capsys.readouterr()
    items = json.loads(out) if out.strip() else []
    return code, [(i["line"], i["column"], i["end_line"], i["end_column"], i["code"], i["message"])
                  for i in items], err


TWINS = {
    "utf-8": lambda s: s.encode("utf-8"),
    "utf-8-bom": lambda s: b"\xef\xbb\xbf" + s.encode("utf-8"),
    "gbk": lambda s: s.encode("gbk"),
    "gb2312": lambda s: s.encode("gb2312"),
    "gb18030": lambda s: s.encode("gb18030"),
    "utf-16-le-bom": lambda s: b"\xff\xfe" + s.encode("utf-16-le"),
    "utf-16-be-bom": lambda s: b"\xfe\xff" + s.encode("utf-16-be"),
    "utf-16 (python, BOM)": lambda s: s.encode("utf-16"),
    "gbk-crlf": lambda s: s.replace("\n", "\r\n").encode("gbk"),
    "utf-16-crlf": lambda s: s.replace("\n", "\r\n").encode("utf-16"),
}


@pytest.mark.parametrize("encoding", list(TWINS))
def test_same_findings_as_the_utf8_twin(tmp_path: Path, capsys, encoding: str) -> None:
    twin = tmp_path / "utf8.txt"
    twin.write_bytes(TEXT.encode("utf-8"))
    other = tmp_path / "other.txt"
    other.write_bytes(TWINS[encoding](TEXT))
    code_a, a, _ = findings(capsys, twin)
    code_b, b, err = findings(capsys, other)
    assert code_a == code_b == 1, err
    assert a == b
    assert [(x[0], x[1]) for x in a] == [(1, 5), (2, 19)]


def test_gb18030_holds_astral_characters(tmp_path: Path, capsys) -> None:
    (tmp_path / "a.txt").write_bytes(ASTRAL.encode("utf-8"))
    (tmp_path / "b.txt").write_bytes(ASTRAL.encode("gb18030"))
    (tmp_path / "c.txt").write_bytes(ASTRAL.encode("utf-16"))
    results = [findings(capsys, tmp_path / n)[1] for n in ("a.txt", "b.txt", "c.txt")]
    assert results[0] == results[1] == results[2]
    assert results[0][0][:2] == (1, 6)  # 𠮷 is one code point


def test_markdown_in_gbk(tmp_path: Path, capsys) -> None:
    md = "# 标题，，\n\n```\n代码，，\n```\n"
    (tmp_path / "a.md").write_bytes(md.encode("gbk"))
    _code, items, _ = findings(capsys, tmp_path / "a.md")
    assert [(i[0], i[1]) for i in items] == [(1, 6)]


@pytest.mark.parametrize(
    "data",
    [
        b"\xd5\xfd\xce\xc4\x80\x80\x80",  # 0x80 is no GB18030 lead byte, and not UTF-8
        b"\xff\xfe\x00\xd8",  # UTF-16 BOM, then a lone surrogate
        b"\xef\xbb\xbf\xff\xfe\xfd",  # UTF-8 BOM, then bytes that are not UTF-8
    ],
)
def test_undecodable_is_one_clear_error(tmp_path: Path, capsys, data: bytes) -> None:
    f = tmp_path / "bad.txt"
    f.write_bytes(data)
    code = main(["check", *OPTS, str(f)])
    out, err = capsys.readouterr()
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{f}: error: cannot decode"), err
    assert json.loads(out) == []


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path, capsys) -> None:
    (tmp_path / "bad.txt").write_bytes(b"\x80\x80\x80abc")
    (tmp_path / "good.txt").write_bytes(TEXT.encode("gbk"))
    code = main(["check", *OPTS, str(tmp_path)])
    out, err = capsys.readouterr()
    assert code == 2
    assert len(json.loads(out)) == 2 and "bad.txt" in err
