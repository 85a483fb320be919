"""The package is layered, without import cycles: model -> document -> data/registry ->
checks -> engine -> CLI and server, as declared in pyproject.toml ([tool.importlinter]) and
checked by import-linter's ``lint-imports``."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_the_declared_layers_hold() -> None:
    exe = Path(sys.executable).with_name("lint-imports")
    command = str(exe) if exe.exists() else shutil.which("lint-imports")
    if command is None:
        pytest.skip("import-linter is not installed (pip install -e '.[test]')")
    done = subprocess.run([command, "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "1 kept, 0 broken" in done.stdout


def test_every_package_of_the_source_tree_is_shipped() -> None:
    """pyproject.toml lists the packages a wheel holds: a package directory left out of the
    list imports from a checkout (an editable install) and is missing from the wheel."""
    import tomllib

    listed = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    dirs = listed["package-dir"]
    shipped = set(listed["packages"])
    for name, folder in dirs.items():
        for init in sorted((ROOT / folder).rglob("__init__.py")):
            rel = init.parent.relative_to(ROOT / folder)
            package = ".".join((name, *rel.parts))
            if "__pycache__" not in rel.parts:
                assert package in shipped, f"{package} ({init.parent.relative_to(ROOT)}) is not in [tool.setuptools] packages"
