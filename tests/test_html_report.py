"""The HTML report for someone who has never seen a rule code, checked in a real browser.

A Word draft with findings in its body, header and footer, and a plain-text draft, are
rendered by the CLI; headless Chromium loads the page, takes a screenshot (kept with
``SPEECHLINT_SCREENSHOT_DIR``) and dumps the DOM it built, whose text must name the kinds
of problem and the rules in Chinese, the severity in words, the fixable findings, and the
header and footer paragraphs.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from speechlint.cli import main

CHROMIUM = next((p for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser") if os.path.exists(p)), None)


def _drafts(tmp: Path) -> list[Path]:
    import docx

    d = docx.Document()
    d.add_paragraph("一、提高认识")
    d.add_paragraph("我们要要认真学习，，扎实推进工作。")
    d.sections[0].header.paragraphs[0].text = "某某市人民政府办公室，，"
    d.sections[0].footer.paragraphs[0].text = "第X页"
    word = tmp / "讲话稿.docx"
    d.save(str(word))
    text = tmp / "发言.txt"
    text.write_text("同志们，，今天召开会议。\n请XX同志发言。\n", encoding="utf-8")
    return [word, text]


def _render(capsys: pytest.CaptureFixture[str], fmt: str, *paths: Path) -> str:
    main(["check", "--isolated", "--no-show-source", "--format", fmt, *map(str, paths)])
    return capsys.readouterr().out


def test_text_report_labels_headers_and_footers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    word, _text = _drafts(tmp_path)
    out = _render(capsys, "text", word).splitlines()
    assert f"{word}:¶3:12: DUP003 [页眉] 标点“，，”重复，应为“，”" in out
    assert f"{word}:¶4:2: PH001 [页脚] “X”疑为未填写的占位符，请填写实际内容" in out
    assert f"{word}:¶2:10: DUP003 标点“，，”重复，应为“，”" in out  # the body: no label


def test_html_report_in_words(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = _render(capsys, "html", *_drafts(tmp_path))
    text = re.sub(r"<[^>]+>", " ", page.split("</style>", 1)[1])
    assert "检查了 2 个文件，2 个文件有问题，共 7 处问题，其中 1 处可自动修复" in text
    for words in ("重复字词", "占位符", "标点符号重复输入", "未填写的占位符", "同一个汉字误输入两次",
                  "第 2 段第 4 字", "第 1 行第 5 字", "页眉", "页脚", "可自动修复", "错误"):
        assert words in text, words
    assert "×" not in text and "[错误]" not in text
    # fixable: the .txt's safe fixes only (a .docx is never rewritten)
    assert page.count('<span class="fixable">') == 1


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium not installed (apt-get install -y chromium)")
def test_html_report_in_headless_chromium(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "report.html"
    page.write_text(_render(capsys, "html", *_drafts(tmp_path)), encoding="utf-8")
    shot = tmp_path / "report.png"
    profile = tempfile.mkdtemp(prefix="speechlint-chromium-")
    try:
        base = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--no-first-run", "--disable-component-update", "--disable-sync",
                f"--user-data-dir={profile}"]
        proc = subprocess.run([*base, f"--screenshot={shot}", "--window-size=1100,1000", page.as_uri()],
                              capture_output=True, timeout=120, check=False)
        assert shot.exists() and shot.stat().st_size > 5000, proc.stderr.decode(errors="replace")[-2000:]
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        dom = subprocess.run([*base, "--dump-dom", page.as_uri()], capture_output=True, timeout=120,
                             check=True).stdout.decode("utf-8", errors="replace")
        assert dom.count("<mark ") == 7  # "某某" in the header is a placeholder too
        assert '<span class="no">页眉 ¶3</span>' in dom and '<span class="no">页脚 ¶4</span>' in dom
        assert '<span class="sev error">错误</span><span class="rule">标点符号重复输入</span>' in dom
        keep = os.environ.get("SPEECHLINT_SCREENSHOT_DIR")
        if keep:
            shutil.copy(shot, Path(keep) / "html-report-words.png")
    finally:
        shutil.rmtree(profile, ignore_errors=True)
