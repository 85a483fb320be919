"""One resolution step, one door: the command line and the language server (a real
``speechlint server`` driven by pytest-lsp) give the same findings for the same drafts,
configuration files and overrides (flags on the command line, settings in the editor)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pytest_lsp")

from tests.test_lsp import open_doc, start, stop

pytestmark = pytest.mark.asyncio

#: PUN002 (a half-width comma), DUP001 (要要), DUP003 (，，), PUN001 (an unpaired quote), and a Markdown draft with the
#: same plus a finding inside a suppression comment's reach.
DRAFTS = {
    "a.txt": "同志们，，今天召开会议,我们要要认真学习。\n取得明显成效。。\n他说：“要认真学习。\n",
    "sub/b.md": "# 标题\n\n责任,构建体系。我们要要认真学习，，\n\n<!-- speechlint-disable-next-line DUP001 -->\n要要学习。\n",
}
FILES = {
    "speechlint.toml": 'ignore = ["PUN002"]\n',
    "sub/speechlint.toml": 'select = ["DUP", "PUN"]\nignore = ["DUP003"]\n',
}
#: (command-line flags, the same as editor settings)
CASES = [
    ([], None),
    (["--ignore", "DUP"], {"ignore": ["DUP"]}),  # the editor's ignore EXTENDS the file's
    (["--select", "PUN,DUP001"], {"select": ["PUN", "DUP001"]}),  # select REPLACES
    (["--extend-select", "DUP003", "--ignore", "DUP001"], {"extendSelect": ["DUP003"], "ignore": ["DUP001"]}),
]


def _project(root: Path) -> None:
    for name, text in {**FILES, **DRAFTS}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def _cli(root: Path, flags: list[str]) -> set[tuple[str, int, int, str]]:
    done = subprocess.run(
        [sys.executable, "-m", "speechlint", "check", "--format", "json", "-q", *flags,
         *(str(root / n) for n in DRAFTS)],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    return {(str(Path(f["path"]).relative_to(root).as_posix()), f["line"] - 1, f["column"] - 1, f["code"])
            for f in json.loads(done.stdout)}


async def _server(root: Path, settings: Any) -> set[tuple[str, int, int, str]]:
    client = await start(options=settings)
    try:
        out = set()
        for name in DRAFTS:
            uri = (root / name).as_uri()
            for d in await open_doc(client, uri, (root / name).read_text(encoding="utf-8")):
                out.add((name, d.range.start.line, d.range.start.character, str(d.code)))
        return out
    finally:
        await stop(client)


@pytest.mark.parametrize(("flags", "settings"), CASES, ids=["files only", "ignore", "select", "extend-select"])
async def test_command_line_and_server_agree(tmp_path: Path, flags: list[str], settings: Any) -> None:
    _project(tmp_path)
    cli = _cli(tmp_path, flags)
    server = await _server(tmp_path, settings)
    assert cli == server
    assert cli  # each case finds something


async def test_editor_ignore_extends_the_files_ignore(tmp_path: Path) -> None:
    """The bug of issue 14: with the file ignoring PUN002, the editor's ignore of DUP used
    to replace the file's list, and PUN002 came back in the editor only."""
    _project(tmp_path)
    found = await _server(tmp_path, {"ignore": ["DUP"]})
    codes = {code for name, *_, code in found if name == "a.txt"}
    assert "PUN002" not in codes and not any(c.startswith("DUP") for c in codes)
    assert codes  # PUN findings other than PUN002 remain
