"""The language server's incremental lint gives exactly what a fresh full lint gives.

The server re-runs ``scope="paragraph"`` rules only on the lines a change touched
(``Linter.lint_cached``) and converts only the findings of changed lines to LSP
Diagnostics.  Both are only right if every paragraph-scope rule keeps its promise (its
findings and fixes depend on its line alone) and the caches are keyed right; these tests
check that on random edit sequences over every rule's own examples
(``tests/fixtures/<CODE>.yaml``), in the engine and through a real server.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
import yaml
from speechlint.lsp.convert import Positions, diagnostic

from speechlint import engine
from tests.test_lsp_robust import SERVER, Raw, publish_for

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
SEEDS = SHARED / "seeds"
CORPUS = [*sorted((SHARED / "corpus" / "clean").glob("*.txt")), *sorted((SHARED / "corpus" / "official").glob("*.txt"))]
#: Pieces an edit inserts: line breaks of each kind, doubled marks, headings, full-width
#: digits, placeholders, a suppression comment, astral and line-separator characters.
PIECES = ["", "，", "。", "，，", "\n", "\r\n", "\r", "\n\n", "一、", "（一）", "1.", "２０２５", "XX",
          "要要", "\u3000", " ", "𠮷", "\u2028", "<!-- speechlint-disable-next-line -->\n"]


def _examples() -> list[str]:
    """Every line of every rule's bad and good examples."""
    out: list[str] = []
    for path in sorted(FIXTURES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for item in [*(data.get("bad") or []), *(data.get("good") or [])]:
            text = item["text"] if isinstance(item, dict) else item
            if isinstance(text, str):
                out.extend(line for line in text.splitlines() if line.strip())
    return out


EXAMPLES = _examples()


def _edit(rnd: random.Random, text: str) -> str:
    i = rnd.randrange(len(text) + 1)
    j = min(len(text), i + rnd.choice([0, 0, 1, 2, 5]))
    new = rnd.choice(PIECES) if rnd.random() < 0.8 else rnd.choice(EXAMPLES) + "\n"
    return text[:i] + new + text[j:]


@pytest.mark.parametrize("filetype", ["txt", "md"])
@pytest.mark.parametrize("seed", range(4))
def test_random_edits_on_rule_examples(filetype: str, seed: int) -> None:
    rnd = random.Random(seed)
    linter = engine.linter_for(None, None)
    text = "\n".join(rnd.sample(EXAMPLES, 40))
    cache: dict[Any, Any] = {}
    for _ in range(60):
        assert linter.lint_cached(text, cache, filetype=filetype) == linter.lint(text, filetype=filetype)
        text = _edit(rnd, text)


def test_every_rule_example_alone_and_among_others() -> None:
    """Each rule's examples as a whole document, at its start, in its middle and at its end
    (without a final line break): the first lines, the last line and line endings are where a
    rule that reads beyond its line differs."""
    linter = engine.linter_for(None, None)
    filler = "会议认为，今年的工作取得了新进展。"
    for path in sorted(FIXTURES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for item in [*(data.get("bad") or []), *(data.get("good") or [])]:
            text = item["text"] if isinstance(item, dict) else item
            for doc in (text, f"{text}\n{filler}\n", f"{filler}\n{text}\n{filler}", f"{filler}\n{filler}\n{text}"):
                for filetype in ("txt", "md"):
                    cached = linter.lint_cached(doc, {}, filetype=filetype)
                    assert cached == linter.lint(doc, filetype=filetype), (path.name, doc)


#: What a keystroke types into one line: marks, numerals, markers, announcement words, a
#: list lead, blanks (a line made blank or not: NUM009 counts the paragraphs between).
KEYS = ["，", "。", "、", "：", "一", "二", "三", "是", "要", "第", "点", "讲", "以下", "三点意见", "方面",
        "附件：", "1.", "（", "）", "(", ")", " ", "\u3000", "X", "a", "“", "”", "‘", "’", "《", "》", "#",
        "http://a.b/c "]


def _keystroke(rnd: random.Random, text: str) -> str:
    """Type, delete or replace a few characters inside one line (blank lines included)."""
    starts = [0, *(i + 1 for i, c in enumerate(text) if c == "\n")]
    line = rnd.randrange(len(starts))
    end = text.find("\n", starts[line])
    end = len(text) if end < 0 else end
    i = rnd.randint(starts[line], end)
    j = min(end, i + rnd.choice([0, 0, 0, 1, 2]))
    return text[:i] + (rnd.choice(KEYS) if rnd.random() < 0.7 or i == j else "") + text[j:]


@pytest.mark.parametrize("filetype", ["txt", "md"])
@pytest.mark.parametrize("seed", range(2))
@pytest.mark.parametrize("rules", ["NUM*", "PUN001", "PUN004", "DOC00[34]", "FIG001", "WRD004", "PH00[34]"])
def test_keystrokes_in_one_line_keep_document_rules_exactly(
    filetype: str, seed: int, rules: str, monkeypatch: Any
) -> None:
    """A keystroke within one line: document-scope rules with a line view (NUM, PUN001,
    PUN004, DOC003, DOC004, FIG001, WRD004, PH004) keep their last findings, moved, when the view says the
    keystroke changes nothing they read, and that equals a full run, keystroke after
    keystroke, over those rules' examples (headings, lists, announced counts, quotes across
    paragraphs, title blocks, attachment notes, digits, blank lines between them)."""
    kept = 0
    unread = engine._LineEdit.unread

    def counted(self: Any, *args: Any) -> Any:
        nonlocal kept
        found = unread(self, *args)
        kept += bool(found)
        return found

    monkeypatch.setattr(engine._LineEdit, "unread", counted)
    rnd = random.Random(seed)
    linter = engine.linter_for(None, None)
    texts = []
    for path in sorted(FIXTURES.glob(f"{rules}.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for item in [*(data.get("bad") or []), *(data.get("good") or [])]:
            text = item["text"] if isinstance(item, dict) else item
            if isinstance(text, str):
                texts.append(text)
    for _ in range(6):
        text = "\n\n".join(rnd.sample(texts, min(6, len(texts))))
        cache: dict[Any, Any] = {}
        for _ in range(50):
            assert linter.lint_cached(text, cache, filetype=filetype) == linter.lint(text, filetype=filetype), text
            text = _keystroke(rnd, text)
    assert kept > 50  # the keystrokes did take the kept path, not only full runs


def test_keystrokes_typed_back_and_a_bounded_cache(monkeypatch: Any) -> None:
    """A character typed and deleted again, an undo: the line returns to a text it had, and
    its findings and line views come from the cache (remembered for earlier states of the
    line), equal to a full run; the cache stays bounded however long the typing goes on."""
    monkeypatch.setattr(engine, "_LINE_HISTORY", 40)
    monkeypatch.setattr(engine, "_VIEWS", 200)
    rnd = random.Random(5)
    linter = engine.linter_for(None, None)
    text = "\n".join(rnd.sample(EXAMPLES, 30))
    lines = text.count("\n") + 1
    views = len({r.line_view for r in linter.rules if r.line_view is not None})
    cache: dict[Any, Any] = {}
    ran = 0
    run_line = linter._run_line

    def counted(*args: Any) -> Any:
        nonlocal ran
        ran += 1
        return run_line(*args)

    monkeypatch.setattr(linter, "_run_line", counted)
    assert linter.lint_cached(text, cache) == linter.lint(text)
    for _ in range(300):
        typed = _keystroke(rnd, text)
        for now in (typed, text):  # typed, then deleted
            assert linter.lint_cached(now, cache) == linter.lint(now), now
            assert len(cache) <= 2 * lines + 40 + 3
            assert len(cache[engine._Last].views.made) <= 200 + 2 * views  # one keystroke's over the bound
    assert ran < 1.5 * 300  # most deletions found the line's findings from before


def test_the_history_of_a_long_line_is_bounded_by_its_size(monkeypatch: Any) -> None:
    """Earlier states of an edited line are kept within a size, not only a count: each state
    of a long line holds its text and its findings (in the language server a line of 70,000
    characters with 2,800 findings kept 3.9 MB per keystroke, up to 256 of them)."""
    monkeypatch.setattr(engine, "_HISTORY_CHARS", 5_000)
    monkeypatch.setattr(engine, "_HISTORY_FINDINGS", 300)
    monkeypatch.setattr(engine, "_VIEW_CHARS", 20_000)
    unit = "我们要坚持稳中求进工作总基调，，推动高质量发展。"  # one DUP003 each
    line = unit * 80  # 2,000 characters, 80 findings
    text = "一、总体要求\n" + line + "\n"
    linter = engine.linter_for(None, None)
    views = len({r.line_view for r in linter.rules if r.line_view is not None})
    cache: dict[Any, Any] = {}
    assert linter.lint_cached(text, cache) == linter.lint(text)
    for k in range(40):
        at = len("一、总体要求\n") + 30 + k * 7
        text = text[:at] + "，" + text[at:]
        assert linter.lint_cached(text, cache) == linter.lint(text)
        history = cache[engine._History]
        assert history.chars <= 5_000 and history.findings <= 300
        assert history.chars == sum(c for c, _ in history.states.values())
        # one keystroke's views over the bound: the old and the new line, for each line view
        assert cache[engine._Last].views.chars <= 20_000 + 2 * views * len(text)
    # the old states beyond the bound are gone from the cache itself, not only from the count
    lines_now = {k for k in cache if isinstance(k, tuple) and len(k) == 2 and isinstance(k[0], str)}
    assert len(lines_now) <= 2 + 5_000 // len(line)
    # a state still in the history is found again: the last keystroke typed back
    before = linter._run_line
    ran = 0

    def counted(*args: Any) -> Any:
        nonlocal ran
        ran += 1
        return before(*args)

    monkeypatch.setattr(linter, "_run_line", counted)
    at = len("一、总体要求\n") + 30 + 39 * 7
    back = text[:at] + text[at + 1:]
    assert linter.lint_cached(back, cache) == linter.lint(back)
    assert ran == 0


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # a blank line between an announcement and its list becomes a paragraph: no longer its list
        ("下面，我讲三点意见。\n\n一、加强领导\n二、明确责任\n", "下面，我讲三点意见。\nX\n一、加强领导\n二、明确责任\n"),
        ("下面，我讲三点意见。\nX\n一、加强领导\n二、明确责任\n", "下面，我讲三点意见。\n\n一、加强领导\n二、明确责任\n"),
        # the rest of the announcement's line grows past max-gap, far from the count
        ("下面，我讲三点意见" + "，" * 12 + "\n一、加强领导\n二、明确责任\n",
         "下面，我讲三点意见" + "，" * 13 + "\n一、加强领导\n二、明确责任\n"),
        # a list lead typed at the start of the line before a numbered list ("附件：1.…")
        ("一、总体要求\n1.第一项\n件：1.名单\n3.第三项\n", "一、总体要求\n1.第一项\n附件：1.名单\n3.第三项\n"),
        # DOC004: a character typed after a heading's full stop
        ("一、总体要求。\n（一）目标\n二、工作任务\n", "一、总体要求。X\n（一）目标\n二、工作任务\n"),
        # PUN001: a quote carried over a blank line to a paragraph that no longer reopens it
        ("他说：“第一段。\n\n“第二段。”\n", "他说：“第一段。\n\nX“第二段。”\n"),
        # PUN004: the title block at the top grows when its first line is no longer running text
        ("各位代表：\n提高　产业　竞争力\n本条规定了内容。\n", "各位代表\n提高　产业　竞争力\n本条规定了内容。\n"),
        # DOC003: a line that no longer continues an attachment note
        ("附件：1.实施方案\n2.分工表。\n", "附件：1.实施方案\nX2.分工表。\n"),
        # WRD004: a form of a term typed lines away from the others ties the count
        ("唯一的办法。\n唯一的路。\n惟一的人。\n一个人。\n", "唯一的办法。\n唯一的路。\n惟一的人。\n惟一个人。\n"),
        # PH004: a blank line between residue lines filled in joins them into one block
        ("仅供学习 禁止外传\n某某文行\n\n现在订阅立享全部资料\n在会议上的讲话", "仅供学习 禁止外传\n某某文行\nX\n现在订阅立享全部资料\n在会议上的讲话"),
        # PH004: a line between residue lines made short enough to belong to their block
        ("仅供学习 禁止外传\n某某文行一二三四五六七八九十一二三四五六七八九十甲乙丙丁戊己庚\n会员群：\n",
         "仅供学习 禁止外传\n某某文行一三四五六七八九十一二三四五六七八九十甲乙丙丁戊己庚\n会员群：\n"),
        # PH004: a title between residue lines that no longer reads as one
        ("仅供学习 禁止外传\n某某文行\n全县会议讲话\n会员群：\n", "仅供学习 禁止外传\n某某文行\n全县会议讲话X\n会员群：\n"),
    ],
)
def test_keystrokes_that_change_what_document_rules_read(before: str, after: str) -> None:
    """Keystrokes away from any heading number, marker or quote that still change the
    findings of a rule with a line view: the views must see them (kept findings would be
    stale)."""
    linter = engine.linter_for(None, None)
    cache: dict[Any, Any] = {}
    first = linter.lint_cached(before, cache)
    assert first == linter.lint(before)
    then = linter.lint_cached(after, cache)
    assert then == linter.lint(after)
    assert [d for d in first if d.code.startswith(("NUM", "DOC", "PUN", "WRD004", "PH004"))] != [
        d for d in then if d.code.startswith(("NUM", "DOC", "PUN", "WRD004", "PH004"))
    ]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")
def test_random_edits_on_real_drafts() -> None:
    linter = engine.linter_for(None, None)
    rnd = random.Random(14)
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        cache: dict[Any, Any] = {}
        for _ in range(25):
            assert linter.lint_cached(text, cache) == linter.lint(text), path.name
            text = _edit(rnd, text)


@pytest.mark.skipif(not CORPUS, reason="../shared/corpus not present")
def test_incremental_equals_full_on_the_corpus() -> None:
    """Every text of the corpus (3 million characters), as a fresh document: a rule that
    reads beyond its line while declaring ``scope="paragraph"`` shows up here (DUP001 and
    DUP002 looking for the one-copy reading elsewhere in the document did)."""
    linter = engine.linter_for(None, None)
    differ = []
    for path in CORPUS:
        text = path.read_text(encoding="utf-8")
        for filetype in ("txt", "md"):
            cached = linter.lint_cached(text, {}, filetype=filetype)
            full = linter.lint(text, filetype=filetype)
            if cached != full:
                differ.append((path.name, filetype, sorted({d.code for d in set(cached) ^ set(full)})))
    assert not differ, differ


def _expected(text: str, filetype: str) -> list[dict[str, Any]]:
    """What a fresh full lint of ``text`` looks like on the wire (UTF-16 positions)."""
    pos = Positions(text)
    found = engine.linter_for(None, None).lint(text, filetype=filetype)
    return [_wire(diagnostic(d, pos)) for d in found]


def _wire(d: Any) -> dict[str, Any]:
    r = d["range"] if isinstance(d, dict) else d.range
    if not isinstance(d, dict):
        return {"code": d.code, "range": ((r.start.line, r.start.character), (r.end.line, r.end.character)),
                "message": d.message, "data": d.data}
    return {"code": d["code"], "range": ((r["start"]["line"], r["start"]["character"]),
                                         (r["end"]["line"], r["end"]["character"])),
            "message": d["message"], "data": d.get("data")}


def _lsp_position(text: str, offset: int) -> dict[str, int]:
    line, character = Positions(text).position(offset)
    return {"line": line, "character": character}


@pytest.mark.parametrize("name", ["draft.txt", "draft.md"])
def test_server_publishes_what_a_full_lint_finds_after_random_edits(tmp_path: Path, name: str) -> None:
    """Random incremental edits through a real server: after each one the published
    diagnostics (codes, ranges, messages, fixes) are those of a fresh full lint."""
    rnd = random.Random(name)
    filetype = "md" if name.endswith(".md") else "txt"
    text = "\n".join(rnd.sample(EXAMPLES, 30))
    uri = (tmp_path / name).as_uri()
    c = Raw(SERVER)
    try:
        c.initialize()
        c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext",
                                                           "version": 1, "text": text}})
        version = 1
        published = publish_for(c, uri, version)
        for _ in range(40):
            assert [_wire(d) for d in published] == _expected(text, filetype)
            new = _edit(rnd, text)
            # the change as an editor sends it: the changed range of the old text
            a = 0
            while a < min(len(text), len(new)) and text[a] == new[a]:
                a += 1
            b, nb = len(text), len(new)
            while b > a and nb > a and text[b - 1] == new[nb - 1]:
                b, nb = b - 1, nb - 1
            if (a > 0 and text[a - 1] == "\r") or (b < len(text) and text[b] == "\n"):
                a, b, nb = 0, len(text), len(new)  # never split a CR LF pair: replace the whole text
            version += 1
            c.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"range": {"start": _lsp_position(text, a), "end": _lsp_position(text, b)},
                                    "text": new[a:nb]}]})
            text = new
            published = publish_for(c, uri, version)
        assert c.close() == 0
    finally:
        if c.proc.poll() is None:
            c.proc.kill()


def test_a_line_view_that_fails_only_means_the_rule_runs_again() -> None:
    from dataclasses import replace

    def broken(number: int, line: str, masked: str) -> tuple[object, tuple[tuple[int, int], ...]]:
        raise RuntimeError("broken view")

    linter = engine.Linter()
    linter.rules = tuple(replace(r, line_view=broken) if r.line_view is not None else r for r in linter.rules)
    before = "下面，我讲三点意见。\n\n一、加强领导\n二、明确责任\n"
    after = "下面，我讲三点意见。\n\n一、加强领导\n二、明确责任。\n"
    cache: dict[Any, Any] = {}
    assert linter.lint_cached(before, cache) == linter.lint(before)
    assert any(d.code == "NUM009" for d in linter.lint_cached(after, cache))
    assert linter.lint_cached(after, cache) == linter.lint(after)
