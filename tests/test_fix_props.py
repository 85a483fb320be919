"""Property tests of the fixer on random Chinese drafts with injected defects.

A draft is built from pieces (words, marks, heading numbers, Markdown markup, code spans,
URLs); defects are injected at chosen pieces: a doubled mark (，，), a half-width comma between
Han characters, a doubled character (发展展), a doubled word (发展发展), a stray space.  The
base draft has no finding with a fix, so whatever the fixer changes must be at a defect:

1. every character outside the defects is unchanged (heading numbers, markup, code, URLs,
   line endings included), in order;
2. a second fix changes nothing;
3. the safe fixes never introduce a finding: no code has more findings after than before;
4. doubled marks (DUP003, safe) are always repaired outside masked text.

The rules are whatever is registered when the tests run: new rule families are covered as they
land.  Unsafe fixes (``--unsafe-fixes``) may change more (renumbering), but never masked text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import speechlint
from speechlint import registry
from speechlint.document import Document

WORDS = (
    "发展", "改革", "创新", "推进", "工作", "坚持", "落实", "建设", "经济", "社会",
    "服务", "质量", "全面", "深化", "加强", "提升", "治理", "体系", "能力", "水平",
    "人民", "群众", "基层", "产业", "科技", "教育", "文化", "生态", "安全", "民生",
)
CN = "一二三四五六七八九十"
EOLS = ("\n", "\r\n", "\r")

SETTINGS = settings(
    max_examples=150,
    deadline=None,  # never timed
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@dataclass(frozen=True)
class Piece:
    text: str
    kind: str  # word | comma | stop | fixed (anything else: numbers, markup, code, EOL)


# ------------------------------------------------------------------ drafts
@st.composite
def clause(draw: st.DrawFn) -> list[Piece]:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=2, max_size=5))
    out: list[Piece] = []
    for w in words:
        if out and out[-1].text == w:
            continue  # never a doubled word in the base
        out.append(Piece(w, "word"))
    return out


@st.composite
def sentence(draw: st.DrawFn) -> list[Piece]:
    clauses = draw(st.lists(clause(), min_size=1, max_size=3))
    out: list[Piece] = []
    for i, c in enumerate(clauses):
        if i:
            out.append(Piece("，", "comma"))
        out.extend(c)
    out.append(Piece("。", "stop"))
    return out


@st.composite
def masked_bits(draw: st.DrawFn, md: bool) -> list[Piece]:
    """Text that only looks defective: URLs everywhere, code spans and links in Markdown."""
    choices = ["https://example.gov.cn/a,,b?x=1&y=2", "www.example.com/p,q"]
    if md:
        choices += ["`要要，，a,b`", "[链接](https://example.com/a,,b)", "<!-- 备注，，稿 -->"]
    bit = draw(st.sampled_from(choices))
    return [Piece("见", "fixed"), Piece(bit, "fixed"), Piece("。", "stop")]


@st.composite
def drafts(draw: st.DrawFn) -> tuple[str, list[Piece]]:
    md = draw(st.booleans())
    eol_mode = draw(st.sampled_from(("\n", "\r\n", "\r", "mixed")))
    pieces: list[Piece] = []

    def eol() -> None:
        pieces.append(Piece(draw(st.sampled_from(EOLS)) if eol_mode == "mixed" else eol_mode, "fixed"))

    def body(prefix: str) -> None:
        pieces.append(Piece(prefix, "fixed"))
        for s in draw(st.lists(sentence(), min_size=1, max_size=3)):
            pieces.extend(s)
        if draw(st.integers(0, 3)) == 0:
            pieces.extend(draw(masked_bits(md)))
        eol()

    pieces.append(Piece("# " if md else "", "fixed"))
    pieces.extend(draw(clause()))
    eol()
    for i in range(draw(st.integers(1, 3))):
        pieces.append(Piece(("## " if md else "") + f"{CN[i]}、", "fixed"))
        pieces.extend(draw(clause()))
        eol()
        for j in range(draw(st.integers(0, 2))):
            body(f"{'- ' if md else chr(0x3000) * 2}（{CN[j]}）")
            for k in range(draw(st.integers(0, 2))):
                body(f"{'  ' if md else chr(0x3000) * 2}{k + 1}.")
        body("" if md else "\u3000\u3000")
    return ("md" if md else "txt"), pieces


@dataclass(frozen=True)
class Injected:
    text: str  # the draft with defects
    base: str  # the draft without
    segments: list[str]  # the base text split at each defect (len = defects + 1)
    doubled_marks: int


@st.composite
def injected(draw: st.DrawFn, pieces: list[Piece]) -> Injected:
    candidates = [i for i, p in enumerate(pieces) if p.kind in ("word", "comma", "stop")]
    chosen = draw(st.lists(st.sampled_from(candidates), min_size=1, max_size=6, unique=True))
    kinds: dict[int, str] = {}
    for i in chosen:
        p = pieces[i]
        options = {
            "word": ["doubled-word", "doubled-char", "stray-space"],
            "comma": ["doubled-mark", "half-width"],
            "stop": ["doubled-mark"],
        }[p.kind]
        kinds[i] = draw(st.sampled_from(options))
    segments: list[str] = []
    current: list[str] = []
    text: list[str] = []
    doubled = 0
    for i, p in enumerate(pieces):
        kind = kinds.get(i)
        if kind == "half-width":
            segments.append("".join(current))
            current = []
            text.append(",")
            continue
        current.append(p.text)
        text.append(p.text)
        if kind is None:
            continue
        segments.append("".join(current))
        current = []
        extra = {"doubled-word": p.text, "doubled-char": p.text[-1], "doubled-mark": p.text,
                 "stray-space": " "}[kind]
        doubled += kind == "doubled-mark"
        text.append(extra)
    segments.append("".join(current))
    base = "".join(p.text for p in pieces)
    return Injected("".join(text), base, segments, doubled)


def fixable(text: str, filetype: str, unsafe: bool = False) -> list[speechlint.Diagnostic]:
    return [
        d for d in speechlint.lint(text, filetype=filetype)
        if d.fix is not None and (unsafe or d.fix.applicability == "safe")
    ]


def locality_pattern(segments: list[str]) -> re.Pattern[str]:
    """The base segments in order, each defect site replaced by a few non-EOL characters."""
    return re.compile("[^\r\n]{0,4}?".join(re.escape(s) for s in segments), re.DOTALL)


# ------------------------------------------------------------------ properties
@SETTINGS
@given(data=st.data(), draft=drafts())
def test_safe_fix_is_local_idempotent_and_adds_nothing(
    data: st.DataObject, draft: tuple[str, list[Piece]]
) -> None:
    filetype, pieces = draft
    inj = data.draw(injected(pieces))
    assume(not fixable(inj.base, filetype))  # the base has nothing a fixer would touch
    before = speechlint.lint(inj.text, filetype=filetype)

    result = speechlint.fix(inj.text, filetype=filetype)
    fixed = result.text
    # 1. only the defects changed
    assert locality_pattern(inj.segments).fullmatch(fixed), (inj.text, fixed)
    # 2. idempotent
    again = speechlint.fix(fixed, filetype=filetype)
    assert again.text == fixed and again.applied == 0
    # 3. no new finding (per code), and what remains is what lint reports
    after = speechlint.lint(fixed, filetype=filetype)
    assert [(d.code, d.span) for d in after] == [(d.code, d.span) for d in result.remaining]
    grown = Counter(d.code for d in after) - Counter(d.code for d in before)
    assert not grown, (grown, inj.text, fixed)
    # 4. doubled marks are repaired
    if registry.get("DUP003") is not None and inj.doubled_marks:
        check = Document.from_text(fixed, filetype).check_text
        assert not re.search(r"([，。])\1", check), fixed


@SETTINGS
@given(data=st.data(), draft=drafts())
def test_unsafe_fixes_never_touch_masked_text(
    data: st.DataObject, draft: tuple[str, list[Piece]]
) -> None:
    filetype, pieces = draft
    inj = data.draw(injected(pieces))
    doc = Document.from_text(inj.text, filetype)
    masked = [inj.text[s.start : s.end] for s in doc.masked]
    fixed = speechlint.fix(inj.text, filetype=filetype, unsafe=True).text
    assert speechlint.fix(fixed, filetype=filetype, unsafe=True).text == fixed  # idempotent
    new_doc = Document.from_text(fixed, filetype)
    assert [fixed[s.start : s.end] for s in new_doc.masked] == masked
    # line endings are never added, removed or changed
    assert re.findall(r"\r\n|\r|\n", fixed) == re.findall(r"\r\n|\r|\n", inj.text)


# ------------------------------------------------------------ apply_fixes alone
@st.composite
def fix_sets(draw: st.DrawFn) -> tuple[str, list[speechlint.Diagnostic], list[speechlint.Span]]:
    from speechlint.model import Diagnostic, Edit, Fix, Span

    text = draw(st.text(alphabet="甲乙丙丁，。\r\n", min_size=0, max_size=40))
    n = len(text)
    diags: list[Diagnostic] = []
    for _ in range(draw(st.integers(0, 8))):
        edits = []
        for _ in range(draw(st.integers(1, 2))):
            a = draw(st.integers(0, n))
            b = draw(st.integers(a, min(n, a + 3)))
            edits.append(Edit(Span(a, b), draw(st.sampled_from(["", "X", "YZ"]))))
        fix = Fix(tuple(edits), draw(st.sampled_from(["safe", "unsafe"])))
        diags.append(Diagnostic(draw(st.sampled_from(["T001", "T002"])), fix.span, "m", fix))
    protected = []
    if n and draw(st.booleans()):
        a = draw(st.integers(0, n - 1))
        protected.append(Span(a, draw(st.integers(a + 1, n))))
    return text, diags, protected


@settings(max_examples=400, deadline=None)
@given(fix_sets(), st.booleans())
def test_apply_fixes_keeps_everything_it_does_not_edit(
    case: tuple[str, list[speechlint.Diagnostic], list[speechlint.Span]], unsafe: bool
) -> None:
    from speechlint.engine import apply_fixes

    text, diags, protected = case
    new, n = apply_fixes(text, diags, unsafe=unsafe, protected=protected)
    if n == 0:
        assert new == text
    # the characters outside every candidate edit survive in order; protected ones always do
    cut: set[int] = set()
    points: set[int] = set()
    for d in diags:
        assert d.fix is not None
        if d.fix.applicability == "unsafe" and not unsafe:
            continue
        for e in d.fix.edits:
            if any(p.start < e.span.end and e.span.start < p.end for p in protected) or any(
                p.start < e.span.start < p.end for p in protected
            ):
                continue  # never applied
            cut.update(range(e.span.start, e.span.end))
            points.add(e.span.start)
    segments: list[str] = []
    current = ""
    for i in range(len(text) + 1):
        if i in points or i in cut:
            segments.append(current)
            current = ""
        if i < len(text) and i not in cut:
            current += text[i]
    segments.append(current)
    pattern = ".*?".join(re.escape(s) for s in segments)
    assert re.fullmatch(pattern, new, re.DOTALL), (text, new, diags, protected)
    for p in protected:
        assert text[p.start : p.end] in new
    # applying again with the same (now stale) diagnostics is not the engine's job; re-linting is
