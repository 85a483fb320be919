"""One language per run: Chinese by default, English with --language en or language = "en".

Through the real CLI (in-process, and as a process for --help): error and note lines, the
summary, the --fix lines and --help are all in the run's language.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from speechlint.cli import main
from speechlint.i18n import HELP, MESSAGES

from . import wordbombs


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("SPEECHLINT_LANGUAGE", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("我们要开会,,好\n", encoding="utf-8")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(20))
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "nul.txt").write_bytes(b"abc\x00def")
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, list[str]]:
    code = main(["check", "--no-show-source", *args])
    out, err = capsys.readouterr()
    return code, out, err.splitlines()


CHINESE = re.compile("[\u4e00-\u9fff]")


def test_chinese_by_default(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "a.txt", "missing.txt", "photo.png", "sub")
    assert code == 2
    assert out == "a.txt:1:6: PUN002 [*] 中文里的半角“,”应为全角“，”\n"
    assert err == [
        "sub/nul.txt: note: 不是文本文件（二进制数据（含 NUL 字节）），已跳过",
        "missing.txt: error: 文件不存在",
        "photo.png: error: 不是文本文件（PNG 图片）",
        "检查了 1 个文件，1 个文件有问题，共 1 处问题（其中 1 处标有 [*]，可用 --fix 修复）；2 个错误（见上方）",
    ]


def test_english_with_the_option(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "--language", "en", "a.txt", "missing.txt", "photo.png", "sub")
    assert code == 2
    assert err == [
        "sub/nul.txt: note: not a text file (binary data (NUL bytes)), skipped",
        "missing.txt: error: no such file",
        "photo.png: error: not a text file (PNG image)",
        "checked 1 file: 1 problem in 1 file (1 marked [*] can be fixed with --fix); 2 errors (see above)",
    ]
    code, _out, err = run(capsys, "--language", "en", "--fix", "a.txt")
    assert code == 0
    assert err == ["a.txt: fixed 1", "fixed 1 problem in 1 file; checked 1 file: no problems left"]


def test_english_from_the_configuration(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "speechlint.toml").write_text('language = "en"\n', encoding="utf-8")
    _code, _out, err = run(capsys, "missing.txt", "a.txt")
    assert err == ["missing.txt: error: no such file",
                   "checked 1 file: 1 problem in 1 file (1 marked [*] can be fixed with --fix); 1 error (see above)"]
    # the command line wins
    _code, _out, err = run(capsys, "--language", "zh", "missing.txt")
    assert err == ["missing.txt: error: 文件不存在", "1 个错误（见上方）；没有检查任何文件"]


def test_word_limits_in_chinese(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bomb = wordbombs.empty_paragraphs(folder / "bomb.docx", 400_000)
    _code, _out, err = run(capsys, bomb.name)
    assert err[0] == ("bomb.docx: error: Word 文档过大：超过 327,680 个段落（上限 327,680；"
                      "可用 --max-file-size 或配置项 max-file-size 调高）")


def test_every_catalogue_entry_translates(folder: Path) -> None:
    """Each pattern of the catalogue matches the message it was written for (no dead entry)."""
    from speechlint import i18n

    samples = {
        "no such file", "permission denied", "broken symbolic link",
        ("file too large (30,000,000 bytes; the limit is 20,971,520 bytes, raise it with --max-file-size "
         "or max-file-size)"), "changed on disk since it was read; not written",
        ("Word document too large: its XML parts inflate to 45,362,633 bytes (the limit is 41,943,040; "
         "raise it with --max-file-size or max-file-size)"),
    }
    i18n.set_language("zh")
    try:
        for message in samples:
            assert CHINESE.search(i18n.translate(message)), message
            assert not re.search("[a-z]{4,}", i18n.translate(message).replace("max-file-size", "")), message
    finally:
        i18n.set_language("zh")
    assert len(MESSAGES) > 40


@pytest.mark.parametrize("language", ["zh", "en"])
def test_help_in_one_language(folder: Path, language: str) -> None:
    env = {**os.environ, "COLUMNS": "200"}
    env.pop("SPEECHLINT_LANGUAGE", None)
    for argv in (["--help"], ["check", "--help"], ["rule", "--help"], ["serve", "--help"]):
        proc = subprocess.run([sys.executable, "-m", "speechlint", *argv, "--language", language]
                              if argv[0] == "check" else
                              [sys.executable, "-m", "speechlint", *argv],
                              capture_output=True, text=True, env={**env, "SPEECHLINT_LANGUAGE": language},
                              check=False)
        assert proc.returncode == 0, proc.stderr
        lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("  ") and "  " in ln.strip()]
        helps = [re.split(r"\s{2,}", ln.strip(), maxsplit=1)[-1] for ln in lines]
        assert helps, proc.stdout
        for text in helps:
            if language == "zh":
                assert CHINESE.search(text), text
            else:
                assert not CHINESE.search(text), text
        assert proc.stdout.startswith("用法：" if language == "zh" else "usage: ")
    assert all(CHINESE.search(v) for v in HELP.values())


def _bad_examples() -> list[tuple[str, str]]:
    import yaml

    out = []
    for f in sorted((Path(__file__).parent / "fixtures").glob("*.yaml")):
        for ex in yaml.safe_load(f.read_text(encoding="utf-8")).get("bad") or []:
            out.append((f.stem, ex["text"] if isinstance(ex, dict) else ex))
    return out


def test_every_rule_message_has_an_english_translation() -> None:
    """Each finding of every bad example in tests/fixtures/ is known to the catalogue (every
    rule selected by name: preview rules too)."""
    import speechlint
    from speechlint import i18n, registry
    from speechlint.config import Config
    from speechlint.messages_en import known

    i18n.set_language("zh", run=False)
    try:
        examples = _bad_examples()
        assert len(examples) > 100
        unknown = [(d.code, d.message) for code, text in examples
                   for d in speechlint.lint(text, Config(select=tuple(sorted(registry.load_all()))))
                   if not known(d.code, d.message)]
        assert unknown == []
        # and with language = "en" in the configuration (the language server's case)
        found = speechlint.lint("我们要要开会,,好\n", Config(language="en"))
        assert [d.message for d in found] == ["“要要” looks typed twice; should be “要”",
                                              "half-width “,” in Chinese text should be full-width “，”"]
    finally:
        i18n.set_language("zh")


def test_findings_in_english_through_the_cli(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "--language", "en", "a.txt")
    assert code == 1
    assert out == "a.txt:1:6: PUN002 [*] half-width “,” in Chinese text should be full-width “，”\n"
    code, out, _err = run(capsys, "a.txt")
    assert out == "a.txt:1:6: PUN002 [*] 中文里的半角“,”应为全角“，”\n"  # the next run: Chinese again
