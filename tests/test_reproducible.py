"""Reproducible installs: the README's commands, CI and the dependency bounds agree.

A fresh machine next year must install what the tests ran against today: every dependency
in pyproject.toml has an upper bound, constraints.txt pins one version of each package the
test environment holds, every pin lies inside pyproject's range, and the README's test
command (the one `.ci/run` runs) installs with that constraints file.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent


def _requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = [Requirement(r) for r in project["dependencies"]]
    for extra in project["optional-dependencies"].values():
        reqs += [Requirement(r) for r in extra]
    return reqs


def _pins() -> dict[str, Version]:
    pins: dict[str, Version] = {}
    for raw in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        name, sep, version = line.partition("==")
        assert sep, f"constraints.txt: {raw!r} is not an exact pin (name==version)"
        pins[canonicalize_name(name)] = Version(version)
    return pins


def _readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"^python3 -m venv \.venv && .*$", readme, flags=re.MULTILINE)


@pytest.mark.parametrize("req", _requirements(), ids=str)
def test_every_dependency_has_an_upper_bound(req: Requirement) -> None:
    if any(spec.operator == "==" for spec in req.specifier):
        return
    assert any(spec.operator in {"<", "<=", "~="} for spec in req.specifier), (
        f"{req} has no upper bound: a release next year could break the README's commands"
    )


@pytest.mark.parametrize("req", _requirements(), ids=str)
def test_every_dependency_is_pinned_inside_its_range(req: Requirement) -> None:
    pins = _pins()
    name = canonicalize_name(req.name)
    assert name in pins, f"{req.name} is not pinned in constraints.txt"
    assert req.specifier.contains(pins[name], prereleases=True), (
        f"constraints.txt pins {req.name}=={pins[name]}, outside pyproject's {req.specifier}"
    )


def test_readme_commands_install_with_the_constraints_file() -> None:
    commands = _readme_commands()
    assert len(commands) == 2, commands
    for command in commands:
        assert "pip install -q -c constraints.txt " in command, command


def test_ci_runs_exactly_the_readme_test_command() -> None:
    test_command = next(c for c in _readme_commands() if "pytest" in c)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci, ".ci/run must run the README's test command, letter for letter"
