"""The command line's start-up cache (speechlint._cache): same findings, bounded, self-healing.

Each case runs in a child process: installing the cache reroutes the ``re`` compiler
of the whole process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DRAFT = ROOT / "examples" / "draft.txt"


def _check(cache: Path | None, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("SPEECHLINT_NO_CACHE", None)
    if cache is None:
        env["SPEECHLINT_NO_CACHE"] = "1"
    else:
        env["SPEECHLINT_CACHE_DIR"] = str(cache)
    return subprocess.run(
        [sys.executable, "-m", "speechlint", "check", "--isolated", "--format", "json", *args],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )


def _python(cache: Path, code: str) -> str:
    env = dict(os.environ, SPEECHLINT_CACHE_DIR=str(cache))
    env.pop("SPEECHLINT_NO_CACHE", None)
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          env=env, timeout=120, check=True)
    return done.stdout


def test_findings_are_the_same_with_and_without_the_cache(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    baseline = _check(None, str(DRAFT))
    assert baseline.returncode == 1 and not cache.exists()
    first = _check(cache, str(DRAFT))  # fills the cache
    second = _check(cache, str(DRAFT))  # served from it
    assert json.loads(baseline.stdout) == json.loads(first.stdout) == json.loads(second.stdout)
    assert first.returncode == second.returncode == 1 and second.stderr == ""
    names = {p.name for p in cache.iterdir()}
    assert any(n.startswith("re2-") and n.endswith(".marshal") for n in names)
    assert {"data-num", "data-pun", "data-wrd"} <= {n.rsplit("-", 1)[0] for n in names if n.endswith(".pickle")}


def test_a_damaged_cache_is_ignored(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    good = _check(cache, str(DRAFT))
    for f in cache.iterdir():
        f.write_bytes(b"\x00garbage" * 10)
    again = _check(cache, str(DRAFT))
    assert again.stderr == "" and json.loads(again.stdout) == json.loads(good.stdout)
    # and it was rewritten: the next run is served again
    assert all(not f.read_bytes().startswith(b"\x00garbage") for f in cache.iterdir())


def test_rule_data_edits_invalidate_the_cached_family(tmp_path: Path) -> None:
    out = _python(tmp_path, """
        import os, shutil, tempfile
        from speechlint import _cache
        from speechlint.data import rules_dir
        _cache.install()
        src = str(rules_dir() / "dup.yaml")
        copy = os.path.join(tempfile.mkdtemp(), "dup.yaml")
        shutil.copy(src, copy)
        _cache.store_family("DUP", copy, {"DUP003": "data"})
        print(_cache.load_family("DUP", copy))
        with open(copy, "a", encoding="utf-8") as f:
            f.write("# edited\\n")
        print(_cache.load_family("DUP", copy))
    """)
    assert out.split() == ["{'DUP003':", "'data'}", "None"]


def test_derived_rule_data_is_stored_with_the_family(tmp_path: Path) -> None:
    # cached_property values (patterns, word finders) are built once, not at every start
    _check(tmp_path, str(DRAFT))
    out = _python(tmp_path, """
        from speechlint import _cache
        from speechlint.data import family_data
        _cache.install()
        data = family_data("WRD")["WRD003"]
        print("finder" in vars(data))
    """)
    assert out.strip() == "True"


def test_one_entry_per_pattern_whatever_the_unicode_flag(tmp_path: Path) -> None:
    out = _python(tmp_path, """
        import re
        from speechlint import _cache
        _cache.install()
        re.compile("甲[乙丙]+丁")
        re.compile("甲[乙丙]+丁", re.UNICODE)
        print(sum(1 for k in _cache._table if k[0] == "甲[乙丙]+丁"))
    """)
    assert out.strip() == "1"


def test_the_cache_file_stays_bounded(tmp_path: Path) -> None:
    run = """
        import marshal, re, sys
        from speechlint import _cache
        _cache.MAX_BYTES = int(sys.argv[1]) if len(sys.argv) > 1 else _cache.MAX_BYTES
        _cache.install()
        for i in range(100):
            re.compile(f"RUN-(?:{i}|x{i})+y")
        _cache.save()
        table = marshal.load(open(_cache._path, "rb"))
        print(sum(len(v[1]) for v in table.values()), sum(1 for k in table if k[0].startswith("RUN-")))
    """
    size, ours = map(int, _python(tmp_path, run.replace("RUN", "A")).split())
    assert ours == 100
    budget = size + size // 2  # room for one run and a half
    for name in "BC":
        code = f"import sys; sys.argv[1:] = [{budget}]\n" + textwrap.dedent(run).replace("RUN", name)
        total, ours = map(int, _python(tmp_path, code).split())
        assert ours == 100  # the patterns of the run that wrote the file are all kept
    assert total <= budget  # older ones only as far as they fit


@pytest.mark.parametrize("value", ["1", "yes"])
def test_no_cache_means_no_files(tmp_path: Path, value: str) -> None:
    env = dict(os.environ, SPEECHLINT_NO_CACHE=value, SPEECHLINT_CACHE_DIR=str(tmp_path / "c"))
    subprocess.run([sys.executable, "-m", "speechlint", "check", "--isolated", str(DRAFT)], env=env,
                   capture_output=True, timeout=120, check=False)
    assert not (tmp_path / "c").exists()


def test_the_command_line_flushes_everything_before_it_ends(tmp_path: Path) -> None:
    """The process ends without tearing the interpreter down; nothing may be lost."""
    big = tmp_path / "big.txt"
    big.write_text((DRAFT.read_text(encoding="utf-8") + "\n") * 200, encoding="utf-8")  # ~5,000 findings
    done = _check(tmp_path / "cache", str(big))
    findings = json.loads(done.stdout)  # the whole report arrived
    assert done.returncode == 1 and len(findings) > 4000 and done.stderr == ""
    # a reader that stops early (| head -1): exit code 1, no traceback, no noise
    proc = subprocess.Popen([sys.executable, "-m", "speechlint", "check", "--isolated", str(big)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode("utf-8")
    assert proc.wait(timeout=120) == 1
    assert "Traceback" not in err and "Exception ignored" not in err
