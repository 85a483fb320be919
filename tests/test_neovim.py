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


def test_neovim_reports_speechlint_diagnostics(tmp_path: Path) -> None:
    snippet = readme_snippet()
    cmd = 'cmd = { "speechlint", "server" }'
    assert cmd in snippet
    args = ", ".join(json.dumps(a) for a in (sys.executable, "-m", "speechlint", "server"))
    lua_cmd = f"cmd = {{ {args} }}"
    (tmp_path / "init.lua").write_text(snippet.replace(cmd, lua_cmd), encoding="utf-8")
    (tmp_path / "harness.lua").write_text(HARNESS, encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text("同志们，，今天召开会议。\n𠮷𠮷同志们，，今天\n", encoding="utf-8")
    out = tmp_path / "out.json"
    proc = subprocess.run(
        [NVIM, "--headless", "-n", "-i", "NONE", "-u", str(tmp_path / "init.lua"),
         "-c", "filetype on", "-c", "edit draft.txt", "-c", "luafile harness.lua"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "SPEECHLINT_NVIM_OUT": str(out),
             "XDG_CACHE_HOME": str(tmp_path / "cache"), "XDG_STATE_HOME": str(tmp_path / "state")},
    )
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
