"""`speechlint serve` in a real browser: the system's headless Chromium driven by Playwright.

Skipped when Chromium or Playwright is missing (`.ci/run` installs Chromium from the
distribution; Playwright never downloads a browser here).  One browser for the module,
a fresh context (fresh localStorage) per test; screenshots go to the test's tmp dir.
"""

from __future__ import annotations

import itertools
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette")
sync_api = pytest.importorskip("playwright.sync_api")

import speechlint
from speechlint import docx as sdocx
from speechlint import engine, registry
from speechlint.outline import outline
from speechlint.web.service import FAMILY_ORDER

from .test_web_api import DRAFT, Server, _word_draft

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium (apt-get install chromium)")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    srv = Server(tmp_path_factory.mktemp("serve"), "--isolated")
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any, server: Server) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto(server.url)
    pg.wait_for_selector("body[data-state=ready]")
    yield pg
    context.close()
    assert errors == []  # no script error on the page


def _run(page: Any, action: Any, state: str = "checked") -> None:
    """Do ``action`` and wait until the page has finished with it."""
    page.evaluate("document.body.dataset.state = 'waiting'")
    action()
    page.wait_for_selector(f"body[data-state={state}]", timeout=60_000)


def _marked(page: Any) -> tuple[str, list[tuple[int, int, list[int]]]]:
    """The draft as shown and each <mark>: UTF-16 start and end, the findings it shows."""
    return page.evaluate("""() => {
        const out = []; let pos = 0;
        const walk = (node) => {
            for (const c of node.childNodes) {
                if (c.nodeType === 3) { pos += c.data.length; continue; }
                if (c.tagName === 'MARK') {
                    const n = c.textContent.length;
                    out.push([pos, pos + n, c.dataset.ids.split(' ').map(Number)]); pos += n;
                } else walk(c);
            }
        };
        const view = document.querySelector('#view');
        walk(view);
        return [view.textContent, out];
    }""")


def _cp(text: str, u16: int) -> int:
    """A UTF-16 offset of ``text`` as a code-point offset."""
    return len(text.encode("utf-16-le")[: 2 * u16].decode("utf-16-le"))


def test_paste_check_highlight_fix(page: Any, tmp_path: Path) -> None:
    text = "𠮷" + DRAFT.replace("我们要要", "𠮷𠮷我们要要")
    page.fill("#editor", text)
    _run(page, lambda: page.click("#check"))
    expected = speechlint.lint(text)
    shown, marks = _marked(page)
    assert shown == text
    diags = page.evaluate("window.speechlint.state.diags")
    assert [(d["code"], d["start"], d["end"]) for d in diags] == [
        (d.code, d.span.start, d.span.end) for d in expected]
    assert {d.code[:-3] for d in expected} >= set(FAMILY_ORDER)  # defects of every family
    for i, d in enumerate(expected):  # each highlight sits on the finding's characters
        pieces = sorted((_cp(text, a), _cp(text, b)) for a, b, ids in marks if i in ids)
        assert pieces, d
        assert pieces[0][0] == d.span.start and pieces[-1][1] == d.span.end, (d, pieces)
        assert all(x[1] == y[0] for x, y in itertools.pairwise(pieces))  # no gap
    # "𠮷𠮷" is a doubled character too; the "要要" after it is the one fixed below
    assert any(d.code == "DUP001" and text[d.span.start : d.span.end] == "𠮷" for d in expected)
    n = next(i for i, d in enumerate(expected) if d.code == "DUP001" and text[d.span.start] == "要")
    dup = expected[n]
    assert text[dup.span.start - 5 : dup.span.end] == "𠮷𠮷我们要要"
    # the list, grouped by family in the page's order, and a rule's explanation on click
    fams = page.eval_on_selector_all("#findings details", "els => els.map(e => e.dataset.family)")
    assert fams == [f for f in FAMILY_ORDER if any(d.code.startswith(f) for d in expected)]
    assert page.locator("li.finding").count() == len(expected)
    page.click("li.finding[data-code=DUP001] .msg")
    page.wait_for_selector(".rule-doc")
    rule = registry.get("DUP001")
    assert rule is not None and rule.doc.splitlines()[0] in page.inner_text(".rule-doc")
    # the outline, with the broken headings marked
    broken = page.eval_on_selector_all("#outline li.broken", "els => els.map(e => e.textContent)")
    assert any(b.startswith("（四）") and "NUM001" in b for b in broken)
    assert any(b.startswith("(一）") and "NUM006" in b for b in broken)
    assert page.locator("#outline li").count() == len(outline(text))
    page.screenshot(path=str(tmp_path / "checked.png"), full_page=True)

    # one safe fix: the text changes, the highlights follow
    _run(page, lambda: page.click(f"li.finding[data-id='{n}'] button.fix"))
    after = engine.apply_fixes(text, [dup])[0]
    assert page.evaluate("window.speechlint.state.text") == after
    assert "我们要要" not in page.inner_text("#view")
    assert "已修复 1 处" in page.inner_text("#status")
    # every fix, the unsafe ones (renumbering) only after the preview is confirmed
    page.click("#fix-all")
    page.wait_for_selector("#preview[open]")
    assert page.locator("#changes .change").count() > 0
    page.screenshot(path=str(tmp_path / "preview.png"))
    page.click("#cancel")
    assert page.evaluate("window.speechlint.state.text") == after  # cancelled: unchanged
    page.click("#fix-all")
    page.wait_for_selector("#preview[open]")
    _run(page, lambda: page.click("#confirm"))
    assert page.evaluate("window.speechlint.state.text") == speechlint.fix(after, unsafe=True).text


def test_families_and_language_are_remembered(page: Any) -> None:
    page.fill("#editor", DRAFT)
    _run(page, lambda: page.click("#check"))
    assert page.locator("#view mark.fam-PH").count() > 0
    _run(page, lambda: page.uncheck("input[data-family=PH]"))
    assert page.locator("#view mark.fam-PH").count() == 0
    assert page.locator("#findings details[data-family=PH]").count() == 0
    page.select_option("#lang", "en")
    assert page.inner_text("#check") == "Check"
    page.reload()
    page.wait_for_selector("body[data-state=ready]")
    assert not page.is_checked("input[data-family=PH]") and page.is_checked("input[data-family=NUM]")
    assert page.inner_text("#check") == "Check" and page.input_value("#lang") == "en"
    page.fill("#editor", DRAFT)
    _run(page, lambda: page.click("#check"))
    assert page.locator("li.finding").count() == len([
        d for d in speechlint.lint(DRAFT) if not d.code.startswith("PH")])


def test_word_draft_upload_and_annotated_download(page: Any, tmp_path: Path) -> None:
    src = tmp_path / "讲话.docx"
    _word_draft(src)
    _run(page, lambda: page.set_input_files("#file", str(src)))
    text = sdocx.read(src).text
    expected = speechlint.lint(text)
    assert page.evaluate("window.speechlint.state.text") == text
    assert page.locator("li.finding").count() == len(expected) > 0
    assert page.locator("li.finding button.fix").count() == 0  # Word drafts are fixed in Word
    assert page.is_disabled("#edit")
    assert page.eval_on_selector_all("#view .ln[data-story]", "els => els.map(e => [e.dataset.story, e.textContent])") == [
        ["页眉", "XX市人民政府办公室"]]
    page.screenshot(path=str(tmp_path / "word.png"), full_page=True)
    with page.expect_download() as info:
        page.click("#download")
    download = info.value
    assert download.suggested_filename == "讲话.annotated.docx"
    out = tmp_path / "annotated.docx"
    download.save_as(str(out))
    import docx

    docx.Document(str(out))  # python-docx opens it
    comments = sdocx.comments_of(out)
    # one comment per finding; those in the header name it (Word has no comments there)
    assert sorted(re.sub("^（页眉：[^）]*）", "", c) for _, c in comments) == sorted(
        f"{d.code} {d.message}" for d in expected)
    assert any(c.startswith("（页眉：XX市人民政府办公室）PH001") for _, c in comments)
    page.click("#new")  # back to pasting
    assert page.is_visible("#editor") and page.input_value("#editor") == ""
    page.fill("#editor", "我们要要认真学习。")
    _run(page, lambda: page.click("#check"))
    assert page.locator("li.finding button.fix").count() == 1


def test_text_upload_fix_and_download_keep_encoding(page: Any, tmp_path: Path) -> None:
    data = "我们要要认真学习。\r\n各单位要切实扛起责任 ，主动担当作为。\r\n".encode("gb18030")
    drop = """([name, bytes]) => {  // a file dropped on the draft, as from the desktop
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(bytes)], name));
        const draft = document.querySelector('#draft');
        draft.dispatchEvent(new DragEvent('dragenter', {dataTransfer: dt, bubbles: true}));
        draft.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
    }"""
    _run(page, lambda: page.evaluate(drop, ["gbk.txt", list(data)]))
    assert page.is_hidden("#drop-hint")
    assert page.locator("li.finding").count() == 2
    _run(page, lambda: page.click("#fix-safe"))
    with page.expect_download() as info:
        page.click("#download")
    out = tmp_path / "out.txt"
    info.value.save_as(str(out))
    assert info.value.suggested_filename == "gbk.txt"
    assert out.read_bytes() == "我们要认真学习。\r\n各单位要切实扛起责任，主动担当作为。\r\n".encode("gb18030")


def test_bad_files_through_the_page(page: Any, tmp_path: Path) -> None:
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (tmp_path / "bad.txt").write_bytes("我们".encode("gb18030") + b"\x81\x20\xff\x30" * 20)
    (tmp_path / "corrupt.docx").write_bytes(b"PK\x03\x04" + b"not a zip" * 100)
    with open(tmp_path / "big.txt", "wb") as fh:
        fh.write("要".encode() * (50 * 1024 * 1024 // 3 + 1))
    cases = [
        ("image.txt", "image.txt: note: not a text file (PNG image)"),
        ("bad.txt", "bad.txt: error: cannot decode"),
        ("big.txt", "big.txt: error: file too large"),
        ("corrupt.docx", "corrupt.docx: error: corrupt or unreadable Word document"),
    ]
    for name, message in cases:
        _run(page, lambda n=name: page.set_input_files("#file", str(tmp_path / n)), "error")
        shown = page.inner_text("#error")
        assert shown.startswith(message) and "\n" not in shown.strip(), shown
        assert "Traceback" not in page.content()
    page.screenshot(path=str(tmp_path / "error.png"))
    page.fill("#editor", "我们要要认真学习。")  # the server still serves
    _run(page, lambda: page.click("#check"))
    assert page.locator("li.finding").count() == 1 and page.is_hidden("#error")
