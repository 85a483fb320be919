"""Emacs with eglot, in batch mode, running the README's eglot snippet against ``speechlint server``.

Skipped when Emacs or eglot is not installed (Debian: ``apt-get install emacs-nox elpa-eglot``;
eglot is built into Emacs 29).  Flymake reports the findings eglot received; the assertions are
what Emacs itself reports: line, character offset in the line, length.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EMACS = shutil.which("emacs")


def _has_eglot() -> bool:
    if EMACS is None:
        return False
    probe = subprocess.run(
        [EMACS, "--batch", "--eval", "(progn (package-initialize) (princ (if (locate-library \"eglot\") \"yes\" \"no\")))"],
        capture_output=True, text=True, timeout=60, check=False,
    )
    return probe.stdout.strip().endswith("yes")


pytestmark = pytest.mark.skipif(
    not _has_eglot(), reason="emacs with eglot not installed (apt-get install emacs-nox elpa-eglot); skipped"
)

RUN = r"""
(find-file "draft.txt")
(run-hooks 'post-command-hook)          ; eglot-ensure connects after the command loop
(let ((n 0))
  (while (and (< n 600) (not (eglot-current-server)))
    (accept-process-output nil 0.05) (run-hooks 'post-command-hook) (setq n (1+ n))))
(flymake-start)
(let ((n 0))
  (while (and (< n 600) (< (length (flymake-diagnostics)) 2))
    (accept-process-output nil 0.05) (setq n (1+ n))))
(let ((lines
       (mapcar (lambda (d)
                 (let ((beg (flymake-diagnostic-beg d)))
                   (format "%d %d %d %s\n" (line-number-at-pos beg)
                           (save-excursion (goto-char beg) (- beg (line-beginning-position)))
                           (- (flymake-diagnostic-end d) beg)
                           (flymake-diagnostic-text d))))
               (flymake-diagnostics))))
  (with-temp-file "out.txt" (apply #'insert lines)))
(kill-emacs 0)
"""


def readme_snippet() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## 编辑器集成 / Editor integration", 1)[1]
    m = re.search(r"\*\*Emacs \(eglot\)\*\*.*?```elisp\n(.*?)```", section, re.DOTALL)
    assert m, "README: no eglot snippet in the editor section"
    return m.group(1)


#: The quick start's ``.venv/bin`` (this interpreter's folder), where ``speechlint`` is.
VENV_BIN = Path(sys.executable).parent
SPEECHLINT = shutil.which("speechlint", path=str(VENV_BIN))
PROGRAM = '(defvar my-speechlint-program "speechlint")'


def _emacs(tmp_path: Path, init: str, path: str) -> subprocess.CompletedProcess[str]:
    assert EMACS is not None
    (tmp_path / "init.el").write_text(init, encoding="utf-8")
    (tmp_path / "run.el").write_text(RUN, encoding="utf-8")
    (tmp_path / "draft.txt").write_text("同志们，，今天召开会议。\n𠮷𠮷同志们，，今天\n", encoding="utf-8")
    return subprocess.run(
        [EMACS, "--batch", "--eval", "(package-initialize)", "-l", "init.el", "-l", "run.el"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
        env={"PATH": path, "HOME": str(tmp_path)},
    )


@pytest.mark.skipif(SPEECHLINT is None, reason="no speechlint script next to this interpreter")
def test_eglot_readme_snippet_with_the_documented_path_step(tmp_path: Path) -> None:
    """The snippet verbatim; PATH as the README says: .venv/bin in front."""
    assert PROGRAM in readme_snippet()
    _check(tmp_path, _emacs(tmp_path, readme_snippet(), f"{VENV_BIN}:/usr/bin:/bin"))


@pytest.mark.skipif(SPEECHLINT is None, reason="no speechlint script next to this interpreter")
def test_eglot_reports_speechlint_diagnostics(tmp_path: Path) -> None:
    """The snippet with the full path the README offers instead, and nothing on PATH."""
    snippet = readme_snippet().replace(PROGRAM, f'(defvar my-speechlint-program "{SPEECHLINT}")')
    _check(tmp_path, _emacs(tmp_path, snippet, "/usr/bin:/bin"))


def test_eglot_readme_snippet_without_the_command(tmp_path: Path) -> None:
    """Right after the quick start, without the PATH step: a message, no error, no server."""
    assert EMACS is not None
    (tmp_path / "init.el").write_text(readme_snippet(), encoding="utf-8")
    (tmp_path / "draft.txt").write_text("同志们，，今天\n", encoding="utf-8")
    proc = subprocess.run(
        [EMACS, "--batch", "--eval", "(package-initialize)", "-l", "init.el", "--eval",
         ('(progn (find-file "draft.txt") (princ (format "server:%s\\n" '
          "(and (fboundp 'eglot-current-server) (eglot-current-server)))))")],
        cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert proc.returncode == 0, proc.stderr
    assert "speechlint: command not found: speechlint" in proc.stderr
    assert "rror" not in proc.stderr, proc.stderr
    assert "server:nil" in proc.stdout


def _check(tmp_path: Path, proc: subprocess.CompletedProcess[str]) -> None:
    out = tmp_path / "out.txt"
    assert out.exists(), f"emacs wrote nothing: rc={proc.returncode}\n{proc.stderr[-3000:]}"
    found = [line.split(" ", 3) for line in out.read_text(encoding="utf-8").splitlines()]
    dup = [(int(a), int(b), int(c)) for a, b, c, text in found if "DUP003" in text]
    # Emacs counts characters: the second "，" is the 5th character of line 1 and the 7th of
    # line 2 (after two astral characters, which the server sent as 2 UTF-16 units each)
    assert dup == [(1, 4, 1), (2, 6, 1)]
    assert any("标点“，，”重复，应为“，”" in text for *_, text in found)
