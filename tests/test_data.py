"""Rule data is validated on load, with errors naming file, line, rule and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from speechlint import registry
from speechlint.data import family_data, rules_dir
from speechlint.errors import RuleDataError


def test_every_builtin_family_loads() -> None:
    for family in {r.family for r in registry.load_all().values()}:
        data = family_data(family)
        for code, r in registry.RULES.items():
            if r.family == family and r.data is not None:
                assert code in data


def test_every_yaml_file_belongs_to_a_family() -> None:
    families = {f.lower() for f in registry.FAMILIES}
    for f in rules_dir().glob("*.yaml"):
        assert f.stem in families, f"rules/{f.name} matches no family"


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("DUP003:\n  marks: '，'\n  alow: x\n", r"dup\.yaml:3: DUP003: unknown key 'alow'; expected: marks"),
        ("DUP003:\n  marks: [1, 2]\n", r"dup\.yaml:2: DUP003: key 'marks': expected str, got a list"),
        ("DUP003:\n  marks: ''\n", r"dup\.yaml:2: DUP003: 'marks' must not be empty"),
        ("DUP999:\n  marks: x\n", r"dup\.yaml:1: unknown rule code 'DUP999' in family DUP"),
        ("DUP003:\n  marks: [unclosed\n", r"dup\.yaml:3: invalid YAML"),
        ("- just\n- a list\n", r"dup\.yaml:1: expected a mapping of rule codes"),
        ("DUP003:\n  marks: x\n  marks: y\n", r"dup\.yaml:3: DUP003: key 'marks' given twice"),
    ],
)
def test_bad_data_names_file_line_rule_key(tmp_path: Path, yaml_text: str, message: str) -> None:
    path = tmp_path / "dup.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(RuleDataError, match=message):
        family_data.__wrapped__("DUP", str(path))


def test_a_word_of_a_list_must_be_a_plain_value(tmp_path: Path) -> None:
    # data._convert reads str values without asking typing: still an error naming file and line
    path = tmp_path / "fig.yaml"
    path.write_text("FIG003:\n  marks: '～'\n  units:\n    - '%'\n    - [万, 亿]\n", encoding="utf-8")
    with pytest.raises(RuleDataError, match=r"fig\.yaml:5: FIG003: key 'units': expected str, got a list"):
        family_data.__wrapped__("FIG", str(path))


def test_yaml_is_data_never_code(tmp_path: Path) -> None:
    path = tmp_path / "dup.yaml"
    path.write_text("DUP003:\n  marks: !!python/object/apply:os.system ['echo pwned']\n", encoding="utf-8")
    with pytest.raises(RuleDataError):
        family_data.__wrapped__("DUP", str(path))
