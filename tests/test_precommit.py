"""The pre-commit hooks, driven by the real ``pre-commit`` (no mocks).

A temporary git repository gets the ``.pre-commit-config.yaml`` snippet from the README's
"pre-commit 钩子 / pre-commit hooks" section, pointed at this checkout (``repo:`` = its path,
``rev:`` = its HEAD commit: pre-commit clones that commit, so uncommitted work is not seen; a
checkout that is not a git repository is first committed into a temporary one).
pre-commit builds the hook's virtualenv by pip-installing the checkout once per test session
(``PRE_COMMIT_HOME`` in a session temp folder); only the package registry is needed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
SECTION = "## pre-commit 钩子 / pre-commit hooks"

pytest.importorskip("pre_commit")
if shutil.which("git") is None:  # pragma: no cover - CI has git
    pytest.skip("git is not installed", allow_module_level=True)

# Every defect here has a safe fix, so the fixer leaves a clean draft.
DEFECTS = "同志们，，今天召开全市工作会议。。\r\n我们要认真学习，，扎实推进各项工作。\r\n"
FIXED = "同志们，今天召开全市工作会议。\r\n我们要认真学习，扎实推进各项工作。\r\n"


#: What pip needs to build speechlint, copied when the checkout is not a git repository.
_SOURCES = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "speechlint", "rules", "lsp")


def _hook_repo(tmp: Path, env: dict[str, str]) -> tuple[str, str]:
    """(repo, rev) for the hook configuration: this checkout at HEAD, or, for a checkout that
    is not a git repository (an unpacked archive), a one-commit repository of its sources."""
    proc = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--show-toplevel", "HEAD"],
                          capture_output=True, text=True, check=False, env=env)
    lines = proc.stdout.split()
    if proc.returncode == 0 and Path(lines[0]).resolve() == ROOT:
        return str(ROOT), lines[1]
    repo = tmp / "speechlint-src"
    for name in _SOURCES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            repo.mkdir(exist_ok=True)
            shutil.copy2(src, repo / name)
    run(["git", "init", "-q"], repo, env)
    run(["git", "add", "-A"], repo, env)
    run(["git", "commit", "-q", "-m", "speechlint sources"], repo, env)
    return str(repo), run(["git", "rev-parse", "HEAD"], repo, env).stdout.strip()


def readme_snippets() -> list[str]:
    """The ```yaml blocks of the README's pre-commit section."""
    text = README.read_text(encoding="utf-8")
    assert SECTION in text, f"README.md lacks the section {SECTION!r}"
    section = text.split(SECTION, 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```yaml\n(.*?)```", section, re.DOTALL)


def readme_snippet() -> str:
    """The README's remote form: ``repo:`` a URL or path, ``rev:`` a tag."""
    blocks = [b for b in readme_snippets() if "rev:" in b]
    assert len(blocks) == 1, "the README's pre-commit section needs one block with rev:"
    return blocks[0]


def readme_local_snippet() -> str:
    """The README's ``repo: local`` form, for a speechlint already installed."""
    blocks = [b for b in readme_snippets() if "repo: local" in b]
    assert len(blocks) == 1, "the README's pre-commit section needs one `repo: local` block"
    return blocks[0]


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(
        PRE_COMMIT_HOME=str(home),
        GIT_CONFIG_GLOBAL=os.devnull,  # no user hooksPath, signing or templates
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_COUNT="1",
        GIT_CONFIG_KEY_0="safe.directory",
        GIT_CONFIG_VALUE_0="*",
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.com",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.com",
        NO_COLOR="1",
    )
    return env


@pytest.fixture(scope="session")
def session_setup(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], str, str]:
    """One PRE_COMMIT_HOME per test session (pre-commit builds the hook environment once)."""
    tmp = tmp_path_factory.mktemp("pre-commit")
    env = _env(tmp / "home")
    repo, rev = _hook_repo(tmp, env)
    return env, repo, rev


@pytest.fixture
def repo(tmp_path: Path, session_setup: tuple[dict[str, str], str, str]) -> tuple[Path, dict[str, str]]:
    """A fresh git repository with the README's hook configuration, hooks installed."""
    env, hook_repo, rev = session_setup
    config = readme_snippet()
    config, n_repo = re.subn(r"(?m)^(\s*-\s*repo:\s*)\S+.*$", lambda m: m.group(1) + hook_repo, config)
    config, n_rev = re.subn(r"(?m)^(\s*rev:\s*)\S+.*$", lambda m: m.group(1) + rev, config)
    assert n_repo == 1 and n_rev == 1, config
    work = tmp_path / "drafts"
    work.mkdir()
    run(["git", "init", "-q"], work, env)
    (work / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    run([sys.executable, "-m", "pre_commit", "install"], work, env)
    run(["git", "add", ".pre-commit-config.yaml"], work, env)
    return work, env


def run(
    cmd: list[str], cwd: Path, env: dict[str, str], check: bool = True
) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8",
                          check=False)
    if check and proc.returncode != 0:
        raise AssertionError(f"{cmd} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}")
    return proc


def test_readme_snippet_names_both_hooks() -> None:
    import yaml

    config = yaml.safe_load(readme_snippet())
    assert [h["id"] for h in config["repos"][0]["hooks"]] == ["speechlint", "speechlint-fix"]
    local = yaml.safe_load(readme_local_snippet())
    assert [h["id"] for h in local["repos"][0]["hooks"]] == ["speechlint", "speechlint-fix"]


def test_readme_local_hooks_match_the_manifest() -> None:
    """The `repo: local` form runs what the published hooks run."""
    import yaml

    local = {h["id"]: h for h in yaml.safe_load(readme_local_snippet())["repos"][0]["hooks"]}
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))}
    for hid, h in hooks.items():
        assert local[hid]["entry"] == h["entry"] and local[hid]["files"] == h["files"]
        assert local[hid]["language"] == "system"


def test_readme_local_form_as_written(tmp_path: Path,
                                      session_setup: tuple[dict[str, str], str, str]) -> None:
    """The `repo: local` snippet copied verbatim, speechlint on PATH (an activated venv)."""
    env = dict(session_setup[0])
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
    work = tmp_path / "drafts"
    work.mkdir()
    run(["git", "init", "-q"], work, env)
    (work / ".pre-commit-config.yaml").write_text(readme_local_snippet(), encoding="utf-8")
    run([sys.executable, "-m", "pre_commit", "install"], work, env)
    draft = work / "讲话稿.txt"
    draft.write_bytes(DEFECTS.encode("utf-8"))
    run(["git", "add", "-A"], work, env)
    commit = run(["git", "commit", "-q", "-m", "draft"], work, env, check=False)
    out = commit.stdout + commit.stderr
    assert commit.returncode != 0, out
    assert "讲话稿.txt:1:5: DUP003" in out and "files were modified by this hook" in out, out
    assert draft.read_bytes() == FIXED.encode("utf-8")
    run(["git", "add", "-A"], work, env)
    run(["git", "commit", "-q", "-m", "draft"], work, env)


def test_readme_rev_exists(tmp_path: Path, session_setup: tuple[dict[str, str], str, str]) -> None:
    """The README's `rev:` verbatim against this repository: the tag must exist, and
    pre-commit must install and run the hooks from it."""
    import yaml

    env = session_setup[0]
    rev = yaml.safe_load(readme_snippet())["repos"][0]["rev"]
    top = run(["git", "-C", str(ROOT), "rev-parse", "--show-toplevel"], ROOT, env, check=False)
    if top.returncode or Path(top.stdout.strip()).resolve() != ROOT:
        pytest.skip("this checkout is not a git repository")
    found = run(["git", "-C", str(ROOT), "rev-parse", "--verify", "-q", f"{rev}^{{commit}}"], ROOT,
                env, check=False)
    if found.returncode:
        pytest.skip(f"the README's rev {rev!r} is not in this repository yet (tagged on main)")
    config = re.sub(r"(?m)^(\s*-\s*repo:\s*)\S+.*$", lambda m: m.group(1) + str(ROOT), readme_snippet())
    work = tmp_path / "drafts"
    work.mkdir()
    run(["git", "init", "-q"], work, env)
    (work / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    (work / "讲话稿.txt").write_bytes(DEFECTS.encode("utf-8"))
    run(["git", "add", "-A"], work, env)
    proc = run([sys.executable, "-m", "pre_commit", "run", "--all-files"], work, env, check=False)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1 and "讲话稿.txt:1:5: DUP003" in out, out


def test_hooks_file_declares_both_hooks() -> None:
    import yaml

    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))}
    assert set(hooks) == {"speechlint", "speechlint-fix"}
    for h in hooks.values():
        assert h["language"] == "python" and h["require_serial"] is True
        assert h["entry"].startswith("speechlint check")
        assert re.search(h["files"], "a/讲话稿.txt") and re.search(h["files"], "b.md")
        assert not re.search(h["files"], "setup.py")
    assert re.search(hooks["speechlint"]["files"], "报告.docx")  # Word drafts are checked...
    assert not re.search(hooks["speechlint-fix"]["files"], "报告.docx")  # ...never rewritten
    # one environment for both hooks: the same extra dependencies
    assert hooks["speechlint"]["additional_dependencies"] == hooks["speechlint-fix"][
        "additional_dependencies"]
    assert "--fix" in hooks["speechlint-fix"]["entry"]
    assert "--exit-non-zero-on-fix" in hooks["speechlint-fix"]["entry"]
    assert "--fix" not in hooks["speechlint"]["entry"]


def test_manifest_is_valid() -> None:
    proc = subprocess.run([sys.executable, "-m", "pre_commit", "validate-manifest",
                           str(ROOT / ".pre-commit-hooks.yaml")], capture_output=True, text=True,
                          check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_commit_refused_then_fixed(repo: tuple[Path, dict[str, str]]) -> None:
    work, env = repo
    draft = work / "讲话稿.txt"
    draft.write_bytes(DEFECTS.encode("utf-8"))
    (work / "notes.py").write_text("x = 1,,2\n", encoding="utf-8")  # not a draft: never checked
    run(["git", "add", "-A"], work, env)

    # 1. the commit is refused: `speechlint` lists the findings, `speechlint-fix` repairs them
    commit = run(["git", "commit", "-q", "-m", "draft"], work, env, check=False)
    out = commit.stdout + commit.stderr
    assert commit.returncode != 0, out
    assert "讲话稿.txt:1:5: DUP003" in out, out
    assert "讲话稿.txt:2:9: DUP003" in out, out
    assert "files were modified by this hook" in out, out
    assert run(["git", "rev-parse", "--verify", "-q", "HEAD"], work, env, check=False).returncode != 0
    assert draft.read_bytes() == FIXED.encode("utf-8")  # CRLF kept, only the marks removed
    assert (work / "notes.py").read_text(encoding="utf-8") == "x = 1,,2\n"

    # 2. a second run of both hooks is clean, and the commit goes through
    again = run([sys.executable, "-m", "pre_commit", "run", "--all-files"], work, env, check=False)
    assert again.returncode == 0, again.stdout + again.stderr
    run(["git", "add", "-A"], work, env)
    run(["git", "commit", "-q", "-m", "draft"], work, env)
    assert draft.read_bytes() == FIXED.encode("utf-8")


def test_fix_hook_alone(repo: tuple[Path, dict[str, str]]) -> None:
    """`pre-commit run speechlint-fix`: fixes, fails because it changed the file; then passes."""
    work, env = repo
    draft = work / "讲话稿.txt"
    draft.write_bytes(DEFECTS.encode("utf-8"))
    run(["git", "add", "-A"], work, env)
    cmd = [sys.executable, "-m", "pre_commit", "run", "speechlint-fix", "--all-files"]
    fixer = run(cmd, work, env, check=False)
    out = fixer.stdout + fixer.stderr
    assert fixer.returncode == 1, out
    assert "files were modified by this hook" in out and "讲话稿.txt: 已修复 3 处" in out, out
    assert draft.read_bytes() == FIXED.encode("utf-8")
    second = run(cmd, work, env, check=False)
    assert second.returncode == 0, second.stdout + second.stderr
    assert draft.read_bytes() == FIXED.encode("utf-8")


def test_fixer_keeps_markdown_code_and_urls(repo: tuple[Path, dict[str, str]]) -> None:
    """Through the hook, a Markdown draft's code span and URL keep their doubled marks."""
    work, env = repo
    draft = work / "plain.md"
    # DUP003 is fixable; the masked code span and URL must survive untouched
    body = "# 标题\n\n会议要求，，抓好落实。见 `a，，b` 与 https://example.com/a,,b\n"
    draft.write_text(body, encoding="utf-8")
    run(["git", "add", "-A"], work, env)
    proc = run([sys.executable, "-m", "pre_commit", "run", "speechlint-fix", "--files", "plain.md"],
               work, env, check=False)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert draft.read_text(encoding="utf-8") == body.replace("要求，，", "要求，", 1)
    clean = run([sys.executable, "-m", "pre_commit", "run", "speechlint", "--files", "plain.md"],
                work, env, check=False)
    assert clean.returncode == 0, clean.stdout + clean.stderr


def test_word_draft_is_checked(repo: tuple[Path, dict[str, str]]) -> None:
    """A .docx is checked by `speechlint` (python-docx comes with the hook) and never rewritten."""
    docx = pytest.importorskip("docx")
    work, env = repo
    path = work / "报告.docx"
    document = docx.Document()
    document.add_paragraph("同志们，，今天开会。")
    document.save(str(path))
    data = path.read_bytes()
    run(["git", "add", "-A"], work, env)
    commit = run(["git", "commit", "-q", "-m", "word"], work, env, check=False)
    out = commit.stdout + commit.stderr
    assert commit.returncode != 0, out
    assert "报告.docx:" in out and "DUP003" in out, out
    assert path.read_bytes() == data


def test_hooks_read_the_projects_configuration(repo: tuple[Path, dict[str, str]]) -> None:
    """The same configuration as the CLI: `[tool.speechlint]` in the project's pyproject.toml."""
    work, env = repo
    (work / "pyproject.toml").write_text('[tool.speechlint]\nignore = ["DUP003"]\n', encoding="utf-8")
    (work / "稿.txt").write_text("同志们，，好。\n", encoding="utf-8")
    run(["git", "add", "-A"], work, env)
    run(["git", "commit", "-q", "-m", "ignored"], work, env)  # DUP003 is ignored: no refusal
    assert (work / "稿.txt").read_text(encoding="utf-8") == "同志们，，好。\n"  # nor a fix
