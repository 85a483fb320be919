"""User rule packs: loading, validation, documentation, configuration, hostile patterns."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import speechlint
from speechlint import registry
from speechlint.config import Config
from speechlint.errors import RuleDataError
from speechlint.model import RuleFailure
from speechlint.packs import load_packs, parse

from .conftest import ROOT

EXAMPLE = ROOT / "examples" / "pack.yaml"
PACKS = Path(__file__).resolve().parent / "data" / "packs"


def _lint(text: str, *packs: Path, select: tuple[str, ...] = ("ALL",)) -> list[tuple[str, str]]:
    cfg = Config(select=select, packs=tuple(str(p) for p in packs))
    return [(d.code, text[d.span.start : d.span.end]) for d in speechlint.lint(text, cfg)]


# ------------------------------------------------------------- the example pack
def test_example_pack_adds_a_term_and_a_banned_word() -> None:
    text = "请县营商局牵头落实。\n据说项目已经完工。\n县营商局长出席。"
    assert _lint(text, EXAMPLE, select=("XZ",)) == [("XZ001", "县营商局"), ("XZ002", "据说")]
    fixed = speechlint.fix(text, Config(select=("XZ",), packs=(str(EXAMPLE),))).text
    assert fixed.startswith("请县营商环境建设局牵头落实。")
    assert "据说" in fixed  # a banned word has no automatic fix


def test_pack_rules_run_with_the_built_in_rules() -> None:
    codes = {c for c, _ in _lint("据说县委县政府，，高度重视。", EXAMPLE)}
    assert {"XZ002", "XZ004", "DUP003"} <= codes


def test_pack_rules_follow_select_ignore_and_severity() -> None:
    text = "据说县营商局"
    assert [c for c, _ in _lint(text, EXAMPLE, select=("XZ002",))] == ["XZ002"]
    cfg = Config(packs=(str(EXAMPLE),), select=("XZ",), ignore=("XZ002",), severity={"XZ001": "error"})
    diags = speechlint.lint(text, cfg)
    assert [(d.code, d.severity) for d in diags] == [("XZ001", "error")]


def test_consistency_and_pattern_kinds() -> None:
    text = "政务服务中心。\n政务服务中心。\n政务大厅。\n市委市政府。"
    assert _lint(text, EXAMPLE, select=("XZ",)) == [("XZ003", "政务大厅"), ("XZ004", "市委市政府")]
    fixed = speechlint.fix(text, Config(select=("XZ004",), packs=(str(EXAMPLE),))).text
    assert fixed.endswith("市委、市政府。")


def test_pack_rules_are_documented_like_built_in_rules() -> None:
    rules = load_packs([str(EXAMPLE)])
    assert [r.code for r, _ in rules] == ["XZ001", "XZ002", "XZ003", "XZ004"]
    for r, _ in rules:
        assert r.summary and r.summary != r.name
        for section in registry.DOC_SECTIONS:
            assert r.section(section), (r.code, section)
        assert registry.get(r.code) is r
    assert registry.get("XZ003").scope == "document"  # type: ignore[union-attr]
    assert "县委办公室" in registry.get("XZ001").section("依据")  # type: ignore[union-attr]


# ------------------------------------------------------------ configuration file
def _project(tmp_path: Path, toml: str) -> Path:
    shutil.copy(EXAMPLE, tmp_path / "pack.yaml")
    (tmp_path / "speechlint.toml").write_text(toml, encoding="utf-8")
    (tmp_path / "draft.txt").write_text("请县营商局牵头落实。\n据说项目已经完工。\n", encoding="utf-8")
    return tmp_path


def test_pack_from_a_configuration_file(tmp_path: Path) -> None:
    configfile = pytest.importorskip("speechlint.configfile")
    project = _project(tmp_path, 'packs = ["pack.yaml"]\n')
    cfg = configfile.discover(project / "draft.txt")
    assert cfg.packs == (str(project / "pack.yaml"),)
    text = (project / "draft.txt").read_text(encoding="utf-8")
    codes = [d.code for d in speechlint.lint(text, cfg) if d.code.startswith("XZ")]
    assert codes == ["XZ001", "XZ002"]


def _cli(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "speechlint", *args], cwd=cwd, capture_output=True, text=True, env=env, check=False
    )


def test_cli_check_select_and_rule_know_the_pack(tmp_path: Path) -> None:
    pytest.importorskip("speechlint.configfile")
    project = _project(tmp_path, 'packs = ["pack.yaml"]\n')
    out = _cli(project, "check", "--select", "XZ001", "draft.txt")
    assert out.returncode == 1, out.stderr
    assert "draft.txt:1:2: XZ001" in out.stdout and "XZ002" not in out.stdout
    doc = _cli(project, "rule", "XZ002")
    assert doc.returncode == 0, doc.stderr
    assert "## 为什么" in doc.stdout and "据说" in doc.stdout


# ------------------------------------------------------------------- validation
def _pack(tmp_path: Path, body: str) -> str:
    path = tmp_path / "house.yaml"
    path.write_text(body, encoding="utf-8")
    return str(path)


HEAD = "name: house\nprefix: HS\nrules:\n  HS001:\n"
RULE = "    kind: existence\n    name: banned-word\n    summary: 不用禁用词\n    reason: 本单位规定\n"


@pytest.mark.parametrize(("fix", "applicability"), [("", "safe"), ("unsafe", "unsafe"), ("none", None)])
def test_substitution_runs_the_check_of_wrd003(tmp_path: Path, fix: str, applicability: str | None) -> None:
    # one check for both (speechlint.checks.wrd.substitutions): exceptions of each form,
    # the longest form first, the fix as safe as the rule says
    body = (HEAD + RULE.replace("existence", "substitution")
            + "    swap: {营商局: 营商环境建设局, 县营商局: 县营商环境建设局, 网格员: 网格管理员}\n"
            + "    exceptions: [县营商局长, 网格员队伍]\n" + (f"    fix: {fix}\n" if fix else ""))
    text = "县营商局牵头，县营商局长出席，市营商局配合；网格员队伍和网格员。"
    cfg = Config(select=("HS",), packs=(_pack(tmp_path, body),))
    diags = speechlint.lint(text, cfg)
    assert [(d.code, text[d.span.start : d.span.end]) for d in diags] == [
        ("HS001", "县营商局"), ("HS001", "营商局"), ("HS001", "网格员")]
    assert diags[0].message == "“县营商局”应为“县营商环境建设局”：本单位规定"
    assert [d.fix.applicability if d.fix else None for d in diags] == [applicability] * 3
    if applicability:
        assert diags[0].fix.edits[0].text == "县营商环境建设局"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (HEAD + RULE + "    words: [据说]\n    wrds: [x]\n",
         r"house\.yaml:10: HS001: unknown key 'wrds'; expected: "),
        (HEAD + RULE.replace("existence", "forbid") + "    words: [据说]\n",
         r"house\.yaml:5: HS001: key 'kind': 'forbid' is not one of: existence, substitution"),
        (HEAD + RULE + "    words: 据说\n", r"house\.yaml:9: HS001: key 'words': expected a list, got a scalar"),
        (HEAD + RULE + "    words: [据说]\n    severity: fatal\n", r"house\.yaml:5: HS001: key 'severity'"),
        (HEAD + RULE, r"house\.yaml:5: HS001: kind existence needs key 'words'"),
        (HEAD + RULE.replace("existence", "pattern") + "    pattern: '(据说'\n",
         r"house\.yaml:5: HS001: key 'pattern': invalid regex '\(据说'"),
        (HEAD + RULE.replace("existence", "pattern") + "    pattern: '\\b据说'\n",
         r"house\.yaml:5: HS001: key 'pattern': invalid regex .*no word boundaries"),
        (HEAD + RULE.replace("existence", "pattern") + "    pattern: '据(说)'\n    replace: '\\2'\n",
         r"house\.yaml:5: HS001: key 'replace': bad replacement"),
        (HEAD + RULE.replace("existence", "substitution") + "    swap: {据说: 据说}\n",
         r"house\.yaml:5: HS001: key 'swap': '据说' maps to itself"),
        (HEAD + RULE + "    words: [据说]\n    message: '{matched}不要用'\n", r"HS001: key 'message': bad template"),
        (HEAD + RULE + "    words: [据说]\n    examples: {bad: [听说如此]}\n",
         r"house\.yaml:5: HS001: bad example '听说如此' is not reported"),
        (HEAD + RULE + "    words: [据说]\n    examples: {good: [据说如此]}\n",
         r"house\.yaml:5: HS001: good example '据说如此' is reported"),
        (HEAD.replace("HS001", "XY001") + RULE + "    words: [据说]\n",
         r"house\.yaml:4: pack: rule code 'XY001' should be HS \+ 3 digits"),
        (HEAD.replace("prefix: HS", "prefix: NUM") + RULE + "    words: [据说]\n",
         r"house\.yaml:2: pack: key 'prefix': 'NUM' collides with the built-in family NUM"),
        (HEAD.replace("prefix: HS", "prefix: WR").replace("HS001", "WR001") + RULE + "    words: [据说]\n",
         r"collides with the built-in family WRD"),
        (HEAD.replace("prefix: HS", "prefix: hs") + RULE + "    words: [据说]\n",
         r"house\.yaml:2: pack: key 'prefix': 'hs' should be 2 to 4 capital letters"),
        ("name: house\nprefix: HS\nrulez: {}\n", r"house\.yaml:3: pack: unknown key 'rulez'"),
        ("name: house\nrules: {}\n", r"house\.yaml:1: pack: missing key 'prefix'"),
        ("name: [unclosed\n", r"house\.yaml:2: invalid YAML"),
        (HEAD + RULE + "    words: !!python/object/apply:os.system ['echo pwned']\n", r"house\.yaml"),
    ],
)
def test_bad_packs_name_file_line_rule_key(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(RuleDataError, match=message):
        parse(_pack(tmp_path, body))


def test_broken_pack_stops_the_linter_with_one_clear_error() -> None:
    with pytest.raises(RuleDataError, match=r"broken\.yaml:6: BRK001: key 'pattern': invalid regex '\(未闭合'"):
        speechlint.lint("文本", Config(packs=(str(PACKS / "broken.yaml"),)))


def test_two_packs_may_not_define_the_same_code(tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    shutil.copy(EXAMPLE, other)
    with pytest.raises(RuleDataError, match=r"XZ001: rule code already defined by the pack"):
        load_packs([str(EXAMPLE), str(other)])


# ------------------------------------------------------------ hostile patterns
def test_evil_patterns_cannot_hang_and_other_rules_keep_running() -> None:
    line = "a" * 50_000 + "b"
    text = f"据说，，这样。\n{line}\n"
    failures: list[RuleFailure] = []
    diags = speechlint.lint(text, Config(packs=(str(PACKS / "evil.yaml"),)), failures=failures)
    codes = [d.code for d in diags]
    assert "EVL003" in codes and "DUP003" in codes  # the other rules' findings are all there
    assert "EVL001" not in codes and "EVL002" not in codes  # no match: the line ends in b
    # whichever pattern exceeds its time limit is reported as a failure naming the rule and line
    for f in failures:
        assert f.code in ("EVL001", "EVL002")
        assert "took longer than 0.1 s on line 2" in f.error
    assert "EVL002" in [f.code for f in failures]


def test_readme_shows_the_example_pack_verbatim() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## 规则包 / Rule packs", 1)[1]
    block = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    assert block == EXAMPLE.read_text(encoding="utf-8")
