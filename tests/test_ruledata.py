"""Hostile rule data: every broken file is one ``RuleDataError`` naming file:line (and
rule and key where there is one) -- never a traceback, a hang, a silent override, or
code run from YAML.

The files are in the built-in format (``rules/<family>.yaml``, keyed by rule code) and
loaded through :mod:`speechlint.data`, the loader user packs share.  ``tests/test_data.py``
covers the everyday mistakes (unknown key, wrong type, bad YAML); this file covers the
malicious and the pathological: alias bombs, recursive aliases, deep nesting, Python tags,
complex keys, duplicate codes, bad encodings, invalid regexes.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from collections.abc import Mapping
from pathlib import Path

import pytest

from speechlint import cli, data, engine, registry
from speechlint.errors import RuleDataError


def load(tmp_path: Path, text: str | bytes, family: str = "DUP") -> object:
    path = tmp_path / f"{family.lower()}.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return data.family_data.__wrapped__(family, str(path))


def error_of(tmp_path: Path, text: str | bytes, family: str = "DUP") -> str:
    with pytest.raises(RuleDataError) as exc:
        load(tmp_path, text, family)
    message = str(exc.value)
    assert "\n" not in message and "Traceback" not in message
    return message.replace(str(tmp_path) + "/", "")


LAUGHS = "".join(
    f"x{i}: &x{i} [{', '.join([f'*x{i - 1}'] * 10)}]\n" if i else "x0: &x0 [lol, lol, lol]\n"
    for i in range(9)
)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("DUP003: &a\n  marks: *a\n", "dup.yaml:1: YAML: recursive alias",
                     id="recursive-alias"),
        pytest.param("DUP003:\n  marks: &l [a, *l]\n", "dup.yaml:2: YAML: recursive alias",
                     id="recursive-list"),
        pytest.param(
            LAUGHS + "DUP003:\n  marks: [*x8, *x8]\n",
            "dup.yaml:7: YAML: more than 1,000,000 values once aliases are expanded",
            id="billion-laughs",
        ),
        pytest.param(
            "DUP003:\n  marks: !!python/name:os.system\n",
            "dup.yaml:2: YAML: tag 'tag:yaml.org,2002:python/name:os.system' not allowed",
            id="python-name-tag",
        ),
        pytest.param(
            "DUP003: !!python/object/apply:os.system ['echo pwned']\n",
            "dup.yaml:1: YAML: tag 'tag:yaml.org,2002:python/object/apply:os.system' not allowed",
            id="python-apply-tag",
        ),
        pytest.param("DUP003:\n  marks: !custom x\n", "dup.yaml:2: YAML: tag '!custom' not allowed",
                     id="local-tag"),
        pytest.param("DUP003:\n  marks: !!binary aGk=\n",
                     "dup.yaml:2: YAML: tag 'tag:yaml.org,2002:binary' not allowed", id="binary-tag"),
        pytest.param("DUP003:\n  ? [a, b]\n  : x\n",
                     "dup.yaml:2: YAML: a key must be a plain value, not a list", id="complex-key"),
        pytest.param("DUP003:\n  marks: '，'\nDUP003:\n  marks: '。'\n",
                     "dup.yaml:3: DUP003 given twice (first on line 1)", id="duplicate-code"),
        pytest.param("DUP003:\n\tmarks: x\n",
                     "dup.yaml:2: invalid YAML: found character that cannot start any token",
                     id="tab-indent"),
        pytest.param("DUP003:\n  marks: '\n", "dup.yaml:3: invalid YAML: found unexpected end of stream",
                     id="unclosed-quote"),
        pytest.param("DUP003:\n", "dup.yaml:1: DUP003: expected a mapping, got a scalar", id="null-rule"),
        pytest.param("'just a string'\n", "dup.yaml:1: expected a mapping of rule codes", id="scalar-root"),
        pytest.param(
            "DUP001:\n  exempt: ['(unclosed']\n",
            "dup.yaml:2: DUP001: key 'exempt': invalid regex '(unclosed': "
            "missing ), unterminated subpattern at position 0",
            id="invalid-regex",
        ),
        pytest.param(
            "DUP001:\n  exempt: [ok, '[z-a]']\n",
            "dup.yaml:2: DUP001: key 'exempt': invalid regex '[z-a]': "
            "bad character range z-a at position 1",
            id="invalid-regex-second-item",
        ),
    ],
)
def test_hostile_yaml_is_one_error_naming_file_and_line(tmp_path: Path, text: str,
                                                       message: str) -> None:
    assert error_of(tmp_path, text) == message


def test_deep_nesting_is_one_error_naming_file_and_line(tmp_path: Path) -> None:
    # Which check stops it first depends on the PyYAML version (6.0.4 refuses deep nesting
    # itself, with its own words): the contract is ours -- one line, the file and the line,
    # and a word about nesting -- not the library's message text.
    message = error_of(tmp_path, "DUP003:\n  marks: " + "[" * 2000 + "]" * 2000 + "\n")
    assert message.startswith("dup.yaml:2: ")
    assert "nest" in message


def test_billion_laughs_is_refused_before_anything_is_built(tmp_path: Path) -> None:
    # the graph check runs on the composed nodes, before codes or keys are looked at:
    # the size is counted (memoised), never expanded
    assert error_of(tmp_path, LAUGHS) == (
        "dup.yaml:7: YAML: more than 1,000,000 values once aliases are expanded"
    )


def test_not_utf8_names_the_line(tmp_path: Path) -> None:
    assert error_of(tmp_path, b"# ok\nDUP003:\n  marks: '\xff'\n") == (
        "dup.yaml:3: cannot read rule data: not UTF-8"
    )


def test_missing_and_unreadable(tmp_path: Path) -> None:
    with pytest.raises(RuleDataError, match=r"nowhere\.yaml: rule data file not found$"):
        data.family_data.__wrapped__("DUP", str(tmp_path / "nowhere.yaml"))
    (tmp_path / "dir.yaml").mkdir()
    with pytest.raises(RuleDataError, match=r"dir\.yaml: cannot read rule data: Is a directory$"):
        data.family_data.__wrapped__("DUP", str(tmp_path / "dir.yaml"))


def test_aliases_that_only_share_are_fine(tmp_path: Path) -> None:
    loaded = load(tmp_path, "DUP003:\n  marks: &m '，、'\nDUP001:\n  exempt: [*m, *m]\n")
    assert loaded["DUP003"].marks == "，、"  # type: ignore[index]
    assert [p.pattern for p in loaded["DUP001"].exempt] == ["，、", "，、"]  # type: ignore[index]


def test_bom_and_crlf_are_fine(tmp_path: Path) -> None:
    loaded = load(tmp_path, "\ufeffDUP003:\r\n  marks: '，'\r\n")
    assert loaded["DUP003"].marks == "，"  # type: ignore[index]


def test_the_builtin_files_pass_the_graph_check() -> None:
    for f in sorted(data.rules_dir().glob("*.yaml")):
        root = data.compose_file(f)
        if root is not None:
            data.check_graph(root, f.name)


def _patterns_in(value: object) -> list[object]:
    """Every pattern held by rule data (dataclasses, tuples and mappings walked)."""
    if isinstance(value, (data.LazyPattern, re.Pattern)):
        return [value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [p for f in dataclasses.fields(value) for p in _patterns_in(getattr(value, f.name))]
    if isinstance(value, (tuple, list, frozenset)):
        return [p for v in value for p in _patterns_in(v)]
    if isinstance(value, Mapping):
        return [p for v in value.values() for p in _patterns_in(v)]
    return []


def test_every_shipped_pattern_compiles() -> None:
    """The shipped files' patterns are compiled on first use (LazyPattern): each must compile."""
    lazy = [p for family in registry.FAMILIES for d in data.family_data(family).values()
            for p in _patterns_in(d) if isinstance(p, data.LazyPattern)]
    assert len(lazy) > 50
    for p in lazy:
        assert isinstance(p.compiled, re.Pattern), p  # raises re.error when broken


def test_a_file_given_by_path_is_compiled_at_load(tmp_path: Path) -> None:
    loaded = load(tmp_path, "DUP001:\n  exempt: ['一([\\u4e00-\\u9fff])一\\1']\n")
    assert all(isinstance(p, re.Pattern) for p in loaded["DUP001"].exempt)  # type: ignore[index]


def test_lazy_pattern_answers_as_the_compiled_pattern() -> None:
    source = r"(?P<w>[\u4e00-\u9fff])(?P=w)(?=[，。])"
    p = data.LazyPattern(source)
    compiled = re.compile(source)
    assert p.pattern == source and "match" not in vars(p)  # not compiled yet
    text = "我们要要认真落实，抓好好。"
    assert [m.span() for m in p.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert "match" in vars(p)  # compiled once; the compiled pattern's methods kept
    for s in ("要要，", "好好。", "要要", "", "一一得一"):
        for pos in range(len(s) + 1):
            assert (p.match(s, pos) is None) == (compiled.match(s, pos) is None)
            assert p.sub("#", s[pos:]) == compiled.sub("#", s[pos:])
    assert p.groupindex == compiled.groupindex and p.flags == compiled.flags
    assert p == data.LazyPattern(source) and hash(p) == hash(data.LazyPattern(source))
    with pytest.raises(AttributeError):
        p.no_such_attribute  # noqa: B018


# ------------------------------------------------------------- through the CLI
@pytest.fixture
def broken_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """A copy of the built-in rules/ folder whose dup.yaml has a misspelt key."""
    rules = tmp_path / "rules"
    shutil.copytree(data.rules_dir(), rules, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    (rules / "dup.yaml").write_text("DUP003:\n  marks: '，'\n  alow: x\n", encoding="utf-8")
    monkeypatch.setattr(data, "rules_dir", lambda: rules)
    data.family_data.cache_clear()
    engine._LINTERS.clear()
    yield rules
    data.family_data.cache_clear()
    engine._LINTERS.clear()


def test_cli_broken_rule_data_is_one_line_and_exit_2(
    broken_rules: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    for i in range(3):
        (drafts / f"d{i}.txt").write_text("同志们，，今天\n", encoding="utf-8")
    rc = cli.main(["check", "--no-show-source", str(drafts)])
    err = capsys.readouterr().err
    assert rc == 2
    assert "Traceback" not in err
    lines = [ln for ln in err.splitlines() if "dup.yaml" in ln]
    assert len(set(lines)) == 1, err  # the same broken file is named once, not per draft
    assert lines[0].endswith("dup.yaml:3: error: DUP003: unknown key 'alow'; expected: marks") or (
        lines[0].endswith("dup.yaml:3: DUP003: unknown key 'alow'; expected: marks")
    ), lines[0]
