"""Configuration files: discovery, precedence, keys, errors (issue 5)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import speechlint
from speechlint import configfile
from speechlint.cli import main
from speechlint.config import DEFAULT
from speechlint.errors import ConfigError

BAD = "同志们，，今天召开会议。\n"  # DUP003 at 1:5


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[dict], str]:
    code = main(["check", "--format", "json", *argv])
    out, err = capsys.readouterr()
    return code, json.loads(out) if out.strip() else [], err


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    configfile.clear_cache()


# ------------------------------------------------------------------ discovery
def test_no_config_gives_defaults(tmp_path: Path) -> None:
    f = write(tmp_path / "a.txt", BAD)
    assert configfile.discover(f) == DEFAULT
    assert configfile.find_config_file(f) is None or configfile.find_config_file(f).parent not in (
        tmp_path,
    )


def test_pyproject_section_is_found_from_a_subfolder(tmp_path, capsys) -> None:
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.speechlint]\nignore = ["DUP003"]\n')
    f = write(tmp_path / "drafts" / "2024" / "a.txt", BAD)
    cfg = configfile.discover(f)
    assert cfg.ignore == ("DUP003",)
    assert cfg.source == str(tmp_path / "pyproject.toml")
    code, items, _ = run(capsys, str(f))
    assert code == 0 and items == []


def test_pyproject_without_section_does_not_count(tmp_path) -> None:
    write(tmp_path / "speechlint.toml", 'ignore = ["DUP003"]\n')
    write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "x"\n')
    f = write(tmp_path / "sub" / "a.txt", BAD)
    assert configfile.find_config_file(f) == tmp_path / "speechlint.toml"


def test_nearest_config_wins(tmp_path, capsys) -> None:
    write(tmp_path / "speechlint.toml", 'ignore = ["DUP003"]\n')
    write(tmp_path / "team" / ".speechlint.toml", 'select = ["ALL"]\n')
    inner = write(tmp_path / "team" / "a.txt", BAD)
    outer = write(tmp_path / "b.txt", BAD)
    code, items, _ = run(capsys, str(inner), str(outer))
    assert code == 1
    assert [Path(i["path"]).name for i in items] == ["a.txt"]


def test_dotfile_beats_plain_name_beats_pyproject(tmp_path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.speechlint]\nignore = ["DUP"]\n')
    assert configfile.find_config_file(tmp_path) == tmp_path / "pyproject.toml"
    configfile.clear_cache()
    write(tmp_path / "speechlint.toml", "")
    assert configfile.find_config_file(tmp_path) == tmp_path / "speechlint.toml"
    configfile.clear_cache()
    write(tmp_path / ".speechlint.toml", "")
    assert configfile.find_config_file(tmp_path) == tmp_path / ".speechlint.toml"


def test_load_is_cached_and_reloaded_when_changed(tmp_path) -> None:
    f = write(tmp_path / "speechlint.toml", 'ignore = ["DUP003"]\n')
    a = configfile.load(f)
    assert configfile.load(f) is a
    f.write_text('ignore = ["DUP"]\nallow = ["研究研究"]\n', encoding="utf-8")
    b = configfile.load(f)
    assert b.ignore == ("DUP",) and b.allow == ("研究研究",)


# ----------------------------------------------------------------- precedence
def test_command_line_select_overrides_the_file(tmp_path, capsys) -> None:
    write(tmp_path / "speechlint.toml", 'ignore = ["DUP003"]\n')
    f = write(tmp_path / "a.txt", BAD)
    assert run(capsys, str(f))[0] == 0
    code, items, _ = run(capsys, "--select", "DUP", str(f))
    assert code == 1 and [i["code"] for i in items] == ["DUP003"]
    code, items, _ = run(capsys, "--extend-select", "DUP003", str(f))
    assert code == 1 and len(items) == 1


def test_command_line_ignore_adds_to_the_file(tmp_path, capsys) -> None:
    write(tmp_path / "speechlint.toml", 'select = ["DUP"]\n')
    f = write(tmp_path / "a.txt", BAD)
    assert run(capsys, str(f))[0] == 1
    assert run(capsys, "--ignore", "DUP003", str(f))[0] == 0


def test_config_option_overrides_discovery(tmp_path, capsys) -> None:
    write(tmp_path / "speechlint.toml", 'ignore = ["DUP003"]\n')
    other = write(tmp_path / "elsewhere" / "strict.toml", 'select = ["ALL"]\n')
    f = write(tmp_path / "a.txt", BAD)
    assert run(capsys, str(f))[0] == 0
    assert run(capsys, "--config", str(other), str(f))[0] == 1


def test_isolated_ignores_config_files(tmp_path, capsys) -> None:
    write(tmp_path / "speechlint.toml", 'ignore = ["DUP003"]\n')
    f = write(tmp_path / "a.txt", BAD)
    assert run(capsys, "--isolated", str(f))[0] == 1


# ------------------------------------------------------------------------ keys
def test_per_file_ignores_relative_to_the_config(tmp_path, capsys) -> None:
    write(
        tmp_path / "speechlint.toml",
        '[per-file-ignores]\n"附件/*.txt" = ["DUP003"]\n"*.md" = ["DUP"]\n',
    )
    a = write(tmp_path / "附件" / "a.txt", BAD)
    b = write(tmp_path / "正文" / "b.txt", BAD)
    c = write(tmp_path / "正文" / "c.md", BAD)
    _code, items, _ = run(capsys, str(a), str(b), str(c))
    assert [Path(i["path"]).name for i in items] == ["b.txt"]


def test_exclude_skips_files_in_a_folder_walk_but_not_named_ones(tmp_path, capsys, monkeypatch) -> None:
    write(tmp_path / "speechlint.toml", 'exclude = ["旧稿/*", "*.bak.txt"]\n')
    write(tmp_path / "旧稿" / "old.txt", BAD)
    write(tmp_path / "x.bak.txt", BAD)
    write(tmp_path / "new.txt", BAD)
    monkeypatch.chdir(tmp_path)
    _code, items, _ = run(capsys, ".")
    assert sorted(Path(i["path"]).name for i in items) == ["new.txt"]
    _code, items, _ = run(capsys, str(Path("旧稿") / "old.txt"))
    assert len(items) == 1
    # --force-exclude (pre-commit passes file names): excluded even when named
    _code, items, _ = run(capsys, "--force-exclude", str(Path("旧稿") / "old.txt"), "x.bak.txt", "new.txt")
    assert [Path(i["path"]).name for i in items] == ["new.txt"]


def test_exclude_names_only_below_the_config_folder(tmp_path) -> None:
    root = tmp_path / "tmp" / "proj"
    cfg = configfile.load(write(root / "speechlint.toml", 'exclude = ["tmp", "旧稿"]\n'))
    assert not configfile.is_excluded(cfg, root / "a.txt")
    assert configfile.is_excluded(cfg, root / "旧稿" / "a.txt")
    assert configfile.is_excluded(cfg, root / "sub" / "tmp" / "a.txt")


def test_severity_override_and_allow(tmp_path, capsys) -> None:
    write(tmp_path / "speechlint.toml", '[severity]\nDUP = "info"\n')
    f = write(tmp_path / "a.txt", BAD)
    _, items, _ = run(capsys, str(f))
    assert items[0]["severity"] == "info"
    write(tmp_path / "speechlint.toml", 'allow = ["，，"]\n')
    configfile.clear_cache()
    assert run(capsys, str(f))[0] == 0


def test_packs_resolve_relative_to_the_config_file(tmp_path) -> None:
    write(tmp_path / "house" / "terms.yaml", PACK)
    f = write(tmp_path / "cfg" / "speechlint.toml", 'packs = ["../house/terms.yaml"]\n')
    cfg = configfile.load(f)
    assert cfg.packs == (str(tmp_path / "house" / "terms.yaml"),)
    assert Path(cfg.packs[0]).is_absolute()


def test_custom_pack_adds_a_term(tmp_path, capsys) -> None:
    """A unit's own pack (same YAML format as rules/) makes a new term flagged."""
    pytest.importorskip("speechlint.packs", reason="rule packs (speechlint/packs.py) not present")
    write(tmp_path / "house" / "terms.yaml", PACK)
    f = write(tmp_path / "drafts" / "a.txt", "据说这个项目已经完工。\n")
    assert [i["code"] for i in run(capsys, "--isolated", str(f))[1]] == []
    write(tmp_path / "speechlint.toml", 'packs = ["house/terms.yaml"]\n[severity]\nQT001 = "error"\n')
    code, items, _ = run(capsys, str(f))
    hits = [(i["code"], i["line"], i["column"], i["severity"]) for i in items if i["code"] == "QT001"]
    assert code == 1 and hits == [("QT001", 1, 1, "error")]
    # the pack's codes are valid in the same file's select/ignore
    write(tmp_path / "speechlint.toml", 'packs = ["house/terms.yaml"]\nignore = ["QT001"]\n')
    configfile.clear_cache()
    assert [i for i in run(capsys, str(f))[1] if i["code"] == "QT001"] == []


def test_a_broken_pack_is_left_out_and_reported(tmp_path) -> None:
    pytest.importorskip("speechlint.packs", reason="rule packs (speechlint/packs.py) not present")
    write(tmp_path / "bad.yaml", "name: x\nprefix: QB\nrulez: {}\n")
    f = write(tmp_path / "speechlint.toml", 'packs = ["bad.yaml"]\nignore = ["PH"]\n')
    config = configfile.load(f)
    # the rest of the configuration holds; the pack is out and its problem is kept for the CLI
    assert config.packs == () and config.ignore == ("PH",)
    [problem] = config.problems
    assert re.search(r"bad\.yaml:3: .*unknown key 'rulez'", problem)


PACK = (
    "name: 测试单位用语\n"
    "prefix: QT\n"
    "rules:\n"
    "  QT001:\n"
    "    kind: existence\n"
    "    name: banned-word\n"
    "    summary: 不使用道听途说的说法\n"
    "    reason: 讲话稿表述要有依据\n"
    "    words: [据说]\n"
    "    examples:\n"
    "      bad: [\"据说项目已经完工。\"]\n"
    "      good: [\"据统计项目已经完工。\"]\n"
)


def test_max_file_size_from_the_config(tmp_path, capsys) -> None:
    write(tmp_path / "speechlint.toml", "max-file-size = 10\n")
    f = write(tmp_path / "a.txt", BAD)
    code, _, err = run(capsys, str(f))
    assert code == 2 and "文件过大" in err  # Chinese, the default language


# ---------------------------------------------------------------------- errors
@pytest.mark.parametrize(
    ("content", "key", "problem"),
    [
        ('selct = ["DUP"]\n', "selct", "unknown key"),
        ('extend_select = ["DUP"]\n', "extend_select", "did you mean 'extend-select'"),
        ('ignore = ["XYZ999"]\n', "ignore", "unknown rule code"),
        ('select = "DUP003"\nignore = [1]\n', "ignore", "expected a list"),
        ('[severity]\nDUP = "fatal"\n', "severity.DUP", "'fatal' is not one of"),
        ('[severity]\nQQQ = "info"\n', "severity.QQQ", "unknown rule code"),
        ('packs = ["missing.yaml"]\n', "packs", "not found"),
        ("max-file-size = -1\n", "max-file-size", "positive number"),
        ('[per-file-ignores]\n"*.md" = ["NOPE1"]\n', "per-file-ignores", "unknown rule code"),
        ("select = [\n", "", "invalid TOML"),
    ],
)
def test_bad_values_name_file_and_key(tmp_path, content, key, problem) -> None:
    f = write(tmp_path / "speechlint.toml", content)
    with pytest.raises(ConfigError) as info:
        configfile.load(f)
    msg = str(info.value)
    assert msg.startswith(str(f)) and key in msg and problem in msg
    assert "\n" not in msg


def test_pyproject_errors_name_the_table(tmp_path) -> None:
    f = write(tmp_path / "pyproject.toml", '[tool.speechlint]\nignroe = ["DUP"]\n')
    with pytest.raises(ConfigError, match=r"pyproject\.toml: \[tool\.speechlint\]\.ignroe: unknown key"):
        configfile.load(f)


def test_bad_config_is_one_line_and_exit_2(tmp_path) -> None:
    write(tmp_path / "speechlint.toml", 'ignore = ["DUP003"]\nseverity = { DUP = "loud" }\n')
    f = write(tmp_path / "a.txt", BAD)
    proc = subprocess.run(  # noqa: PLW1510 - the return code is asserted
        [sys.executable, "-m", "speechlint", "check", str(f)],
        capture_output=True, text=True, encoding="utf-8", cwd=tmp_path,
    )
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "speechlint.toml" in lines[0] and "severity.DUP" in lines[0]
    assert "Traceback" not in proc.stderr and proc.stdout == ""


def test_missing_config_option_file_is_an_error(tmp_path, capsys) -> None:
    f = write(tmp_path / "a.txt", BAD)
    code, _, err = run(capsys, "--config", str(tmp_path / "nope.toml"), str(f))
    assert code == 2 and "nope.toml" in err and "not found" in err


def test_overrides_combine_as_in_ruff() -> None:
    """The one rule for the command line and the editor: select replaces, ignore and
    extend-select extend (speechlint.resolve.combine)."""
    from speechlint.resolve import Overrides, combine

    base = DEFAULT.with_overrides(select=("DUP",), ignore=("DUP003",))
    assert combine(base, Overrides()) is base
    c = combine(base, Overrides(select=("ALL",)))
    assert c.select == ("ALL",) and c.ignore == ()
    c = combine(base, Overrides(ignore=("DUP001",)))
    assert c.select == ("DUP",) and c.ignore == ("DUP003", "DUP001")
    c = combine(base, Overrides(extend_select=("DUP003",)))
    assert c.ignore == () and c.extend_select == ("DUP003",)


def test_allow_passage_only_in_its_file(tmp_path: Path) -> None:
    """[[allow-passage]]: the passage of the matching file is never flagged; the same slip
    elsewhere in it, and the same passage in other files, still are."""
    from speechlint.cli import main

    (tmp_path / "speechlint.toml").write_text(
        '[[allow-passage]]\nfile = "a.txt"\ntext = "干部要要带头"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("各级领导干部要要带头做好表率。我们要要开会。\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("各级领导干部要要带头做好表率。\n", encoding="utf-8")
    from speechlint import configfile

    cfg = configfile.discover(tmp_path / "a.txt")
    assert [d.span.start for d in speechlint.lint("各级领导干部要要带头做好表率。我们要要开会。\n", cfg,
                                                  path=str(tmp_path / "a.txt"))] == [18]
    assert len(speechlint.lint("各级领导干部要要带头做好表率。\n", cfg, path=str(tmp_path / "b.txt"))) == 1
    assert main(["check", "--select", "DUP", str(tmp_path)]) == 1


@pytest.mark.parametrize("entry", ['file = "a.txt"', 'text = "x"', 'file = "a.txt"\ntext = ""',
                                   'file = "a.txt"\ntext = "x"\ncode = "DUP"'])
def test_allow_passage_bad_entries(tmp_path: Path, entry: str) -> None:
    from speechlint import configfile
    from speechlint.errors import ConfigError

    (tmp_path / "speechlint.toml").write_text(f"[[allow-passage]]\n{entry}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"allow-passage\[0\]: expected file"):
        configfile.load(tmp_path / "speechlint.toml")
