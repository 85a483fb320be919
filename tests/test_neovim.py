"""A real editor: headless Neovim with its built-in LSP client attached to ``speechlint server``.

The Lua set-up is the README's own Neovim snippet (only the command is pointed at this
interpreter), so the documentation is tested as a new user would use it.  Neovim itself
converts the server's UTF-16 positions to byte columns; the assertions are what
``vim.diagnostic.get`` reports.  Skipped when ``nvim`` is not installed (``.ci/run`` installs
Debian's ``neovim`` package when it can).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NVIM = shutil.which("nvim")

pytestmark = pytest.mark.skipif(
    NVIM is None, reason="nvim not installed (apt-get install neovim); the headless editor test is skipped"
)

HARNESS = r"""
local function dup(lnum)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    if code == "DUP003" and (lnum == nil or d.lnum == lnum) then
      table.insert(out, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
                          source = d.source, severity = d.severity, message = d.message })
    end
  end
  return out
end
local result = { filetype = vim.bo.filetype }
result.opened = vim.wait(30000, function() return #dup() >= 2 end, 20)
result.first = dup()
-- delete the second "，" after the two astral characters (bytes 20..23 of line 2):
-- Neovim sends an incremental didChange in UTF-16 units
vim.api.nvim_buf_set_text(0, 1, 20, 1, 23, {})
result.changed = vim.wait(30000, function() return #dup(1) == 0 end, 20)
result.second = dup()
result.line2 = vim.api.nvim_buf_get_lines(0, 1, 2, true)[1]
local f = io.open(vim.env.SPEECHLINT_NVIM_OUT, "w")
f:write(vim.fn.json_encode(result))
f:close()
vim.cmd("qa!")
"""


def readme_snippet() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## 编辑器集成 / Editor integration", 1)[1]
    m = re.search(r"\*\*Neovim\*\*.*?```lua\n(.*?)```", section, re.DOTALL)
    assert m, "README: no Neovim Lua snippet in the editor section"
    return m.group(1)


#: The quick start's ``.venv/bin`` (this interpreter's folder), where ``speechlint`` is.
VENV_BIN = Path(sys.executable).parent
SPEECHLINT = shutil.which("speechlint", path=str(VENV_BIN))
CMD_LINE = 'local speechlint_cmd = "speechlint"'


def _nvim(tmp_path: Path, init: str, path: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "init.lua").write_text(init, encoding="utf-8")
    (tmp_path / "harness.lua").write_text(HARNESS, encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text("同志们，，今天召开会议。\n𠮷𠮷同志们，，今天\n", encoding="utf-8")
    return subprocess.run(
        [NVIM, "--headless", "-n", "-i", "NONE", "-u", str(tmp_path / "init.lua"),
         "-c", "filetype on", "-c", "edit draft.txt", "-c", "luafile harness.lua"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
        env={"PATH": path, "HOME": str(tmp_path), "SPEECHLINT_NVIM_OUT": str(tmp_path / "out.json"),
             "XDG_CACHE_HOME": str(tmp_path / "cache"), "XDG_STATE_HOME": str(tmp_path / "state")},
    )


@pytest.mark.skipif(SPEECHLINT is None, reason="no speechlint script next to this interpreter")
def test_readme_snippet_with_the_documented_path_step(tmp_path: Path) -> None:
    """The snippet verbatim; PATH as the README says: .venv/bin in front."""
    snippet = readme_snippet()
    assert CMD_LINE in snippet
    _check(tmp_path, _nvim(tmp_path, snippet, f"{VENV_BIN}:/usr/bin:/bin"))


@pytest.mark.skipif(SPEECHLINT is None, reason="no speechlint script next to this interpreter")
def test_readme_snippet_with_the_full_path(tmp_path: Path) -> None:
    """The snippet with the full path the README offers instead, and nothing on PATH."""
    snippet = readme_snippet().replace(CMD_LINE, f"local speechlint_cmd = {json.dumps(SPEECHLINT)}")
    _check(tmp_path, _nvim(tmp_path, snippet, "/usr/bin:/bin"))


def test_readme_snippet_without_the_command_warns_without_error(tmp_path: Path) -> None:
    """Right after the quick start, without the PATH step: one warning, no Lua error."""
    (tmp_path / "init.lua").write_text(readme_snippet(), encoding="utf-8")
    (tmp_path / "draft.txt").write_text("同志们，，今天\n", encoding="utf-8")
    save = ("lua local f = io.open('messages.txt', 'w') f:write(vim.fn.execute('messages')) "
            "f:close()")
    proc = subprocess.run(
        [NVIM, "--headless", "-n", "-i", "NONE", "-u", str(tmp_path / "init.lua"), "-c", "filetype on",
         "-c", "edit draft.txt", "-c", "edit other.md", "-c", save, "-c", "qa!"],
        cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
             "XDG_CACHE_HOME": str(tmp_path / "cache"), "XDG_STATE_HOME": str(tmp_path / "state")},
    )
    messages = (tmp_path / "messages.txt").read_text(encoding="utf-8")
    shown = proc.stdout + proc.stderr + messages
    assert proc.returncode == 0, shown
    assert "Error" not in shown and "expected number" not in shown, shown
    # two drafts opened, one warning
    assert messages.count("speechlint: command not found: speechlint") == 1, shown


def _check(tmp_path: Path, proc: subprocess.CompletedProcess[str]) -> None:
    out = tmp_path / "out.json"
    assert out.exists(), f"nvim wrote nothing: rc={proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["filetype"] == "text"
    assert result["opened"], result
    # Neovim reports byte columns: "同志们，" is 12 bytes; "𠮷𠮷同志们，" is 4+4+9+3 = 20
    assert [(d["lnum"], d["col"], d["end_lnum"], d["end_col"]) for d in result["first"]] == [
        (0, 12, 0, 15),
        (1, 20, 1, 23),
    ]
    first = result["first"][0]
    assert first["source"] == "speechlint" and first["severity"] == 1
    assert first["message"] == "标点“，，”重复，应为“，”"
    # after the edit (incremental sync after astral characters) only line 1's finding remains
    assert result["changed"], result
    assert result["line2"] == "𠮷𠮷同志们，今天"
    assert [(d["lnum"], d["col"], d["end_col"]) for d in result["second"]] == [(0, 12, 15)]
