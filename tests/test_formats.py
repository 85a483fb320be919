"""Output formats: sarif (validated against the 2.1.0 schema), github, junit, html,
--statistics, and --jobs giving the same result as one process (issue 5)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from speechlint.cli import main
from speechlint.report import FORMATS

DATA = Path(__file__).resolve().parent / "data"
SCHEMA = DATA / "sarif-schema-2.1.0.json"
OPTS = ["--isolated", "--select", "DUP003"]

A = "同志们，，今天召开会议。\n第二段没有问题。\n𠮷祥如意，，好。\n"  # DUP003 at 1:5 and 3:6 (after an astral char)
B = "标题\n\n正文。。\n"  # DUP003 at 3:4


def drafts(tmp_path: Path) -> list[str]:
    (tmp_path / "a.txt").write_text(A, encoding="utf-8")
    (tmp_path / "b.md").write_text(B, encoding="utf-8")
    (tmp_path / "clean.txt").write_text("没有问题的段落。\n", encoding="utf-8")
    return [str(tmp_path / "a.txt"), str(tmp_path / "b.md"), str(tmp_path / "clean.txt")]


def render(capsys: pytest.CaptureFixture[str], fmt: str, *argv: str) -> tuple[int, str, str]:
    code = main(["check", *OPTS, "--format", fmt, *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_all_formats_are_registered() -> None:
    assert set(FORMATS) >= {"text", "json", "sarif", "github", "junit", "html"}


def test_unknown_format_is_an_error(tmp_path, capsys) -> None:
    code, _, err = render(capsys, "xml", *drafts(tmp_path))
    assert code == 2 and "未知的输出格式 'xml'" in err  # Chinese, the default language
    code, _, err = render(capsys, "xml", "--language", "en", *drafts(tmp_path))
    assert code == 2 and "unknown format 'xml'" in err


# ----------------------------------------------------------------------- sarif
def test_sarif_is_valid_against_the_2_1_0_schema(tmp_path, capsys) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    code, out, _ = render(capsys, "sarif", *drafts(tmp_path))
    assert code == 1
    log = json.loads(out)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    errors = sorted(cls(schema).iter_errors(log), key=str)
    assert not errors, "\n".join(str(e.message) for e in errors[:5])

    run = log["runs"][0]
    assert log["version"] == "2.1.0"
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["tool"]["driver"]["name"] == "speechlint"
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["DUP003"]
    regions = [
        (res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].rsplit("/", 1)[-1],
         res["locations"][0]["physicalLocation"]["region"]["startLine"],
         res["locations"][0]["physicalLocation"]["region"]["startColumn"])
        for res in run["results"]
    ]
    assert regions == [("a.txt", 1, 5), ("a.txt", 3, 6), ("b.md", 3, 4)]  # code points, not UTF-16
    assert all(r["level"] == "error" and r["ruleIndex"] == 0 for r in run["results"])
    fix = run["results"][0]["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert fix["deletedRegion"]["startColumn"] == 5 and fix["insertedContent"]["text"] == ""


def test_sarif_with_no_findings_is_valid(tmp_path, capsys) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    (tmp_path / "ok.txt").write_text("没有问题。\n", encoding="utf-8")
    code, out, _ = render(capsys, "sarif", str(tmp_path / "ok.txt"))
    assert code == 0
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(json.loads(out))


def test_sarif_uris_are_percent_encoded_references(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("讲话 稿.txt").write_text(A, encoding="utf-8")
    _, out, _ = render(capsys, "sarif", "讲话 稿.txt")
    uri = json.loads(out)["runs"][0]["results"][0]["locations"][0]["physicalLocation"][
        "artifactLocation"]["uri"]
    assert uri == "%E8%AE%B2%E8%AF%9D%20%E7%A8%BF.txt"


# ---------------------------------------------------------------------- github
def test_github_annotations(tmp_path, capsys) -> None:
    code, out, _ = render(capsys, "github", *drafts(tmp_path))
    lines = out.splitlines()
    assert code == 1 and len(lines) == 3
    a = str(tmp_path / "a.txt")
    assert lines[0] == f"::error file={a},line=1,col=5,endColumn=6,title=DUP003::DUP003 标点“，，”重复，应为“，”"
    assert lines[1].startswith(f"::error file={a},line=3,col=6,")


def test_github_escapes_properties_and_data() -> None:
    from speechlint.model import Diagnostic, Span
    from speechlint.report import FileResult, ReportOptions
    from speechlint.report.github import render as gh

    res = FileResult("a,b:c.txt", "一二三", [Diagnostic("DUP003", Span(1, 2), "50%\n下一行", severity="info")])
    out = gh([res], ReportOptions())
    assert out == "::notice file=a%2Cb%3Ac.txt,line=1,col=2,endColumn=3,title=DUP003::DUP003 50%25%0A下一行\n"


# ----------------------------------------------------------------------- junit
def test_junit_xml(tmp_path, capsys) -> None:
    _code, out, _ = render(capsys, "junit", *drafts(tmp_path))
    root = ET.fromstring(out)
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures")) == ("4", "3")
    suites = root.findall("testsuite")
    assert [Path(s.get("name") or "").name for s in suites] == ["a.txt", "b.md", "clean.txt"]
    cases = suites[0].findall("testcase")
    assert [c.get("name") for c in cases] == ["DUP003 1:5", "DUP003 3:6"]
    assert cases[0].find("failure").get("type") == "DUP003"  # type: ignore[union-attr]
    assert suites[2].find("testcase/failure") is None


# ------------------------------------------------------------------ statistics
def test_statistics_counts_per_code(tmp_path, capsys) -> None:
    _code, out, _ = render(capsys, "text", "--statistics", *drafts(tmp_path))
    assert out.splitlines()[-1].split() == ["3", "DUP003"]


# ------------------------------------------------------------------------ html
def test_html_is_one_self_contained_page(tmp_path, capsys) -> None:
    _code, out, _ = render(capsys, "html", *drafts(tmp_path))
    assert out.startswith("<!DOCTYPE html>")
    assert "<script" not in out and "http" not in out.split("</style>")[0]
    assert out.count("<mark ") == 3
    assert 'data-msg="错误：标点“，，”重复，应为“，”（可自动修复）"' in out
    assert "<td>重复字词<span class='small-code'>DUP</span></td><td>3</td>" in out
    # the draft's text is all there, in place, escaped
    assert "同志们，<mark" in out and "</mark>今天召开会议。" in out
    (tmp_path / "x.txt").write_text("<script>alert(1)</script>，，\n", encoding="utf-8")
    _, out2, _ = render(capsys, "html", str(tmp_path / "x.txt"))
    assert "<script>alert" not in out2 and "&lt;script&gt;" in out2


CHROMIUM = next((p for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser") if os.path.exists(p)), None)


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium not installed (apt-get install -y chromium)")
def test_html_renders_in_headless_chromium(tmp_path, capsys) -> None:
    _, out, _ = render(capsys, "html", *drafts(tmp_path))
    page = tmp_path / "report.html"
    page.write_text(out, encoding="utf-8")
    shot = tmp_path / "report.png"
    profile = tempfile.mkdtemp(prefix="speechlint-chromium-")
    try:
        base = [
            CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--no-first-run", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={profile}",
        ]
        proc = subprocess.run(  # noqa: PLW1510
            [*base, f"--screenshot={shot}", "--window-size=1100,900", page.as_uri()],
            capture_output=True, timeout=120,
        )
        assert shot.exists() and shot.stat().st_size > 5000, proc.stderr.decode(errors="replace")[-2000:]
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        dom = subprocess.run(
            [*base, "--dump-dom", page.as_uri()], capture_output=True, timeout=120, check=True
        )
        text = dom.stdout.decode("utf-8", errors="replace")
        assert text.count("<mark ") == 3 and "speechlint 检查报告" in text
        keep = os.environ.get("SPEECHLINT_SCREENSHOT_DIR")
        if keep:
            shutil.copy(shot, Path(keep) / "html-report.png")
    finally:
        shutil.rmtree(profile, ignore_errors=True)


# ------------------------------------------------------------------------ jobs
def test_jobs_gives_the_same_report_as_one_process(tmp_path, capsys) -> None:
    for i in range(40):
        (tmp_path / f"d{i:02d}.txt").write_text(A if i % 3 else B, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\xff\xd8 not text \x81")
    one = render(capsys, "json", "--jobs", "1", str(tmp_path))
    many = render(capsys, "json", "--jobs", "2", str(tmp_path))
    assert one[0] == many[0] == 2  # the bad file is an error either way
    assert json.loads(one[1]) == json.loads(many[1])
    assert len(json.loads(many[1])) == sum(2 if i % 3 else 1 for i in range(40))
    assert sorted(one[2].splitlines()) == sorted(many[2].splitlines())


def test_jobs_in_a_subprocess_with_config(tmp_path) -> None:
    (tmp_path / "speechlint.toml").write_text('[per-file-ignores]\n"d0*.txt" = ["DUP003"]\n', encoding="utf-8")
    for i in range(20):
        (tmp_path / f"d{i:02d}.txt").write_text(A, encoding="utf-8")
    proc = subprocess.run(  # noqa: PLW1510 - the return code is asserted
        [sys.executable, "-m", "speechlint", "check", "--select", "DUP003", "--jobs", "2",
         "--format", "json", str(tmp_path)],
        capture_output=True, text=True, encoding="utf-8",
    )
    items = json.loads(proc.stdout)
    assert {Path(i["path"]).name[:2] for i in items} == {"d1"}
    assert len(items) == 20


def test_progress_bar_on_a_terminal_only(tmp_path) -> None:
    import pty

    for i in range(20):
        (tmp_path / f"d{i:02d}.txt").write_text(A, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["SPEECHLINT_PROGRESS_AFTER"] = "0"
    master, slave = pty.openpty()
    try:
        proc = subprocess.run(  # noqa: PLW1510 - the return code is asserted
            [sys.executable, "-m", "speechlint", "check", *OPTS, "-q", "--jobs", "1", str(tmp_path)],
            stdout=subprocess.PIPE, stderr=slave, env=env, timeout=120,
        )
        os.close(slave)
        slave = -1
        chunks = []
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
    finally:
        if slave >= 0:
            os.close(slave)
        os.close(master)
    err = b"".join(chunks).decode("utf-8", errors="replace")
    assert proc.returncode == 1
    assert "20/20" in err and "[####" in err
    # not a terminal: no bar
    piped = subprocess.run(  # noqa: PLW1510
        [sys.executable, "-m", "speechlint", "check", *OPTS, "-q", str(tmp_path)],
        capture_output=True, env=env, timeout=120,
    )
    assert b"20/20" not in piped.stderr
