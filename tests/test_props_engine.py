"""Property tests of the engine on hostile text: nothing raises, every offset is sound.

For any Unicode text -- astral characters, lone surrogates (as ``surrogateescape``
leaves them), U+2028/U+2029, NEL, form feeds, vertical tabs, NUL, CRLF and lone CR,
BOMs, the mask character, Markdown and suppression syntax -- and every rule
registered when the tests run (new families are covered as they land):

1. ``speechlint.lint`` and ``speechlint.fix`` never raise, and no rule fails
   (a rule that raises is caught by the engine and recorded in ``failures``);
2. every diagnostic and fix-edit span lies inside the text, start <= end, and no
   span boundary falls between the ``\\r`` and ``\\n`` of a CRLF;
3. ``LineIndex`` breaks lines at ``\\n``, ``\\r\\n`` and ``\\r`` only, and
   offset <-> (line, column) conversions round-trip;
4. the Document's views (lines, paragraphs, sentences, check_text) agree with it;
5. ``io.decode`` of any bytes returns text or raises ``InputError`` -- nothing
   else -- and ``io.encode`` gives the same bytes back.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import speechlint
from speechlint import io
from speechlint.document import MASK, Document, LineIndex
from speechlint.engine import apply_fixes
from speechlint.errors import InputError
from speechlint.model import RuleFailure, Span

SETTINGS = settings(
    max_examples=200,
    deadline=None,  # never timed
    suppress_health_check=[HealthCheck.too_slow],
)

#: Fragments that break naive code: line-ish separators, astral and surrogate code
#: points, masks, Markdown and suppression syntax, and the defects rules look for.
SPECIAL = (
    "\n", "\r\n", "\r", "\r\r\n", "\n\r", "\u2028", "\u2029", "\x85", "\x0c", "\x0b",
    "\x1c", "\x1d", "\x1e", "\x00", "\t", " ", "\u3000", "\ufeff", MASK, "\ufffd",
    "\ud800", "\udbff", "\udc80", "\udcff", "\U00020bb7", "\U0001f600", "\U000e0001",
    "e\u0301", "\u200b", "\u200d",
    "，，", "。。", "、、", "要要", "的的", "研究研究", "发展发展", "（", "）", "《", "》",
    "“", "”", "‘", "’", "【", "】", "…", "……", "——", "，", "。", "；", "：", "？", "！",
    ",", ".", "(", ")", "\"", "'",
    "一、", "（一）", "1.", "（1）", "第一，", "第二章", "2024年", "１２３", "百分之", "%",
    "XX", "××", "〇〇", "某某", "【待定】", "[TODO]", "此处填写",
    "# ", "## ", "- ", "* ", "> ", "`", "```", "```\n", "~~~", "---\n", "**", "_", "[a](b)",
    "<!-- ", " -->", "<!-- speechlint-disable -->", "<!-- speechlint-enable -->",
    "<!-- speechlint-disable-next-line DUP -->", "speechlint-disable-line", "speechlint-",
    "http://example.cn/a?b=1，，", "www.gov.cn", "a@b.cn",
)

HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x4E40)
ANY_CHAR = st.characters(blacklist_categories=())  # surrogates included

fragments = st.one_of(
    st.sampled_from(SPECIAL),
    st.text(ANY_CHAR, max_size=6),
    st.text(HAN, min_size=1, max_size=6),
)
texts = st.lists(fragments, max_size=40).map("".join)
filetypes = st.sampled_from(("txt", "md"))

_EOL = re.compile(r"\r\n|\r|\n")


def crlf_middles(text: str) -> set[int]:
    """Offsets strictly between the \\r and \\n of a CRLF."""
    return {m.start() + 1 for m in re.finditer("\r\n", text)}


def reference_lines(text: str) -> list[tuple[str, str]]:
    """(content, line ending) pairs, by a plain loop: the specification."""
    out: list[tuple[str, str]] = []
    start = i = 0
    while i < len(text):
        c = text[i]
        if c == "\r" and text[i + 1 : i + 2] == "\n":
            out.append((text[start:i], "\r\n"))
            i += 2
            start = i
        elif c in "\r\n":
            out.append((text[start:i], c))
            i += 1
            start = i
        else:
            i += 1
    out.append((text[start:], ""))
    return out


def assert_span_sound(span: Span, text: str, middles: set[int], what: str) -> None:
    assert 0 <= span.start <= span.end <= len(text), f"{what}: {span} outside 0..{len(text)}"
    assert span.start not in middles and span.end not in middles, f"{what}: {span} splits a CRLF"


# ------------------------------------------------------------------- lint/fix
@SETTINGS
@given(text=texts, filetype=filetypes)
@example(text="", filetype="txt")
@example(text="\r", filetype="md")
@example(text="同志们，，今天\r\n\u2028要要\x0c\ud800𠮷，，", filetype="txt")
@example(text="```\n，，\n```\n<!-- speechlint-disable -->，，\r", filetype="md")
def test_lint_and_fix_never_raise_and_spans_are_sound(text: str, filetype: str) -> None:
    failures: list[RuleFailure] = []
    diags = speechlint.lint(text, filetype=filetype, failures=failures)
    assert failures == [], failures
    middles = crlf_middles(text)
    for d in diags:
        assert_span_sound(d.span, text, middles, d.code)
        assert isinstance(d.message, str) and d.message
        if d.fix is not None:
            assert d.fix.edits, f"{d.code}: a fix without edits"
            for e in d.fix.edits:
                assert_span_sound(e.span, text, middles, f"{d.code} fix")
    assert [(d.span.start, d.span.end) for d in diags] == sorted(
        (d.span.start, d.span.end) for d in diags
    )

    new, _ = apply_fixes(text, diags, unsafe=True)
    assert isinstance(new, str)
    result = speechlint.fix(text, filetype=filetype, unsafe=True)
    assert isinstance(result.text, str)
    for d in result.remaining:
        assert 0 <= d.span.start <= d.span.end <= len(result.text)


@SETTINGS
@given(text=st.binary(max_size=200).map(lambda b: b.decode("utf-8", "surrogateescape")))
def test_surrogate_escaped_bytes_lint_cleanly(text: str) -> None:
    failures: list[RuleFailure] = []
    for d in speechlint.lint(text, failures=failures):
        assert 0 <= d.span.start <= d.span.end <= len(text)
    assert failures == []


# ----------------------------------------------------------------- LineIndex
@SETTINGS
@given(text=texts)
@example(text="a\r\nb\rc\nd\u2028e\x0cf\x0bg\x85h")
@example(text="\r\r\n\n\r")
def test_lines_break_only_at_newline_crlf_and_cr(text: str) -> None:
    idx = LineIndex(text)
    ref = reference_lines(text)
    assert len(idx.starts) == len(ref)
    assert "".join(c + e for c, e in ref) == text
    for i, (content, _eol) in enumerate(ref):
        assert idx.line_text(i) == content
        assert "\n" not in content and "\r" not in content
    assert len(idx.starts) == 1 + len(_EOL.findall(text))


@SETTINGS
@given(text=texts)
def test_offset_line_column_round_trip(text: str) -> None:
    idx = LineIndex(text)
    middles = crlf_middles(text)
    for offset in range(len(text) + 1):
        line, col = idx.line_col(offset)
        assert 0 <= line < len(idx.starts) and col >= 0
        if offset not in middles:
            assert idx.offset(line, col) == offset
            assert col <= len(idx.line_text(line))
    for line in range(len(idx.starts)):
        for col in range(len(idx.line_text(line)) + 1):
            assert idx.line_col(idx.offset(line, col)) == (line, col)
        # columns past the end of a line clamp to its end, never into the next line
        assert idx.offset(line, len(idx.line_text(line)) + 5) == idx.line_end(line)


# ------------------------------------------------------------------ Document
@SETTINGS
@given(text=texts, filetype=filetypes)
def test_document_views_agree_with_the_line_index(text: str, filetype: str) -> None:
    doc = Document.from_text(text, filetype)
    assert len(doc.check_text) == len(text)
    for a, b in zip(text, doc.check_text):
        assert a == b or b == MASK
        if a in "\r\n":
            assert a == b, "line endings are never masked"
    idx = LineIndex(text)
    assert [(ln.span.start, ln.span.end) for ln in doc.lines] == [
        (idx.starts[i], idx.line_end(i)) for i in range(len(idx.starts))
    ]
    for ln in doc.lines:
        assert ln.text == doc.check_text[ln.span.start : ln.span.end]
    lines_of_paragraphs = [p.line for p in doc.paragraphs]
    assert lines_of_paragraphs == sorted(set(lines_of_paragraphs))
    for p in doc.paragraphs:
        assert p.span == doc.lines[p.line].span and p.text.strip()
    for s in doc.sentences:
        assert 0 <= s.span.start < s.span.end <= len(text)
        assert s.text == doc.check_text[s.span.start : s.span.end]
        assert doc.line_of(s.span.start) == doc.line_of(s.span.end)  # inside one paragraph
    for span in doc.masked:
        assert 0 <= span.start <= span.end <= len(text)


# ------------------------------------------------------------------- decoding
@SETTINGS
@given(data=st.one_of(
    st.binary(max_size=300),
    texts.map(lambda t: t.encode("utf-8", "surrogatepass")),
    texts.map(lambda t: t.encode("gb18030", "ignore")),
    texts.map(lambda t: b"\xef\xbb\xbf" + t.encode("utf-8", "replace")),
    texts.map(lambda t: b"\xff\xfe" + t.encode("utf-16-le", "replace")),
))
@example(data=b"\xff\xfe\x00")  # odd UTF-16 length
@example(data=b"\x81\x30\x81")  # truncated four-byte GB18030
@example(data=b"\xed\xa0\x80")  # an encoded surrogate: not UTF-8
def test_decode_returns_text_or_input_error_and_encode_round_trips(data: bytes) -> None:
    try:
        decoded = io.decode(data, "x.txt")
    except InputError as exc:
        assert str(exc).startswith("x.txt: ") and "\n" not in str(exc)
        return
    assert "\x00" not in decoded.text or decoded.bom
    assert io.encode(decoded.text, decoded.encoding, decoded.bom) == data
