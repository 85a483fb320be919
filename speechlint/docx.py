"""Word (.docx) drafts: text for the engine, and annotated copies with comments.

python-docx is an optional dependency (``pip install 'speechlint[docx]'``), imported
only when a ``.docx`` file is read.

The text handed to the engine has **one line per Word paragraph**, in this order:

1. the body in document order -- paragraphs, and the paragraphs of each table cell
   (row by row, nested tables in place);
2. then the headers and footers of each section (those defined, not inherited).

So a finding on line *n* lies in Word paragraph *n* (counting empty paragraphs
too); the text reporter says ``draft.docx:¶12:5:`` and JSON/SARIF give
``line = 12``.  Within a paragraph: a tab is ``\\t``, a manual line break
(Shift+Enter) is ``\\x0b`` (as in Word's own object model), deleted revisions are
left out, inserted ones kept.  List numbers that Word generates (``numPr``, directly
or through the paragraph style) are synthesized (``一、`` ``（一）`` ``1.`` ...) and
put in front of the paragraph text, so NUM checks see them; columns count them.
"""

from __future__ import annotations

import copy
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from . import numerals
from .errors import InputError
from .model import Diagnostic

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

SUFFIXES = (".docx",)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W_P, W_R, W_T, W_TBL = _W + "p", _W + "r", _W + "t", _W + "tbl"
W_TAB, W_BR, W_CR, W_PTAB = _W + "tab", _W + "br", _W + "cr", _W + "ptab"
W_NBH, W_RPR = _W + "noBreakHyphen", _W + "rPr"
#: Elements whose child paragraphs/tables belong to the enclosing story.
_CONTAINERS = {
    _W + t for t in ("tr", "tc", "sdt", "sdtContent", "customXml", "ins", "moveTo", "smartTag")
}
#: Runs below these are not part of the paragraph's visible text.
_SKIP_ANCESTORS = {_W + t for t in ("del", "moveFrom", "txbxContent", "p")}


# ----------------------------------------------------------------- extraction
@dataclass
class WordParagraph:
    element: Any  # the w:p element
    story: str  # "body" | "header" | "footer"
    prefix: str  # synthesized list number ('' when none)
    text: str  # prefix + the text of the runs (one line)


@dataclass
class WordText:
    """The text of a Word document, one line per paragraph."""

    paragraphs: list[WordParagraph] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)

    def line_starts(self) -> list[int]:
        starts, pos = [], 0
        for p in self.paragraphs:
            starts.append(pos)
            pos += len(p.text) + 1
        return starts


def _char_of(child: Any) -> str:
    tag = child.tag
    if tag == W_T:
        return (child.text or "").replace("\r\n", "\x0b").replace("\n", "\x0b").replace("\r", "\x0b")
    if tag in (W_TAB, W_PTAB):
        return "\t"
    if tag == W_BR:
        kind = child.get(_W + "type")
        return "\x0b" if kind in (None, "textWrapping") else ""
    if tag == W_CR:
        return "\x0b"
    if tag == W_NBH:
        return "\u2011"
    return ""


def _runs(p: Any) -> Iterator[Any]:
    """The w:r elements of paragraph ``p`` that carry its visible text, in order."""
    for r in p.iter(W_R):
        node = r.getparent()
        ok = True
        while node is not None and node is not p:
            if node.tag in _SKIP_ANCESTORS:
                ok = False
                break
            node = node.getparent()
        if ok:
            yield r


def _run_text(r: Any) -> str:
    return "".join(_char_of(c) for c in r if c.tag != W_RPR)


def _segments(p: Any, base: int) -> list[tuple[Any, int, int]]:
    """(run, start, length) of each run of ``p``, offsets starting at ``base``."""
    out, pos = [], base
    for r in _runs(p):
        n = len(_run_text(r))
        out.append((r, pos, n))
        pos += n
    return out


def _story_paragraphs(container: Any) -> Iterator[Any]:
    for child in container.iterchildren():
        tag = child.tag
        if tag == W_P:
            yield child
        elif tag == W_TBL or tag in _CONTAINERS:
            yield from _story_paragraphs(child)


def _header_footer_parts(doc: Any) -> Iterator[tuple[str, Any]]:
    seen: set[int] = set()
    for section in doc.sections:
        for story, names in (
            ("header", ("header", "first_page_header", "even_page_header")),
            ("footer", ("footer", "first_page_footer", "even_page_footer")),
        ):
            for name in names:
                try:
                    hf = getattr(section, name)
                    if hf.is_linked_to_previous:
                        continue
                    elm = hf._element
                except Exception:  # noqa: BLE001, S112 - a broken relationship: skip that header
                    continue
                if id(elm) in seen:
                    continue
                seen.add(id(elm))
                yield story, elm


def extract(doc: Any) -> WordText:
    """The :class:`WordText` of an open python-docx ``Document``."""
    numbering = _Numbering(doc)
    out = WordText()
    stories: list[tuple[str, Any]] = [("body", doc.element.body)]
    stories.extend(_header_footer_parts(doc))
    for story, container in stories:
        for p in _story_paragraphs(container):
            prefix = numbering.label(p)
            body = "".join(_run_text(r) for r in _runs(p))
            out.paragraphs.append(WordParagraph(p, story, prefix, prefix + body))
    return out


# ----------------------------------------------------------------- numbering
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"


def _roman(n: int) -> str:
    vals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
            (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for v, s in vals:
        while n >= v:
            out += s
            n -= v
    return out


def _letters(n: int) -> str:
    if n <= 0:
        return ""
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """Word's ``w:numFmt`` values for the number ``n``."""
    if fmt in ("decimal", "ordinal", "cardinalText", "ordinalText", "decimalHalfWidth"):
        return str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting",
               "taiwaneseCounting", "taiwaneseCountingThousand", "koreanCounting"):
        return numerals.write(n)
    if fmt in ("chineseLegalSimplified", "japaneseLegal", "taiwaneseDigital"):
        return numerals.write(n, _CN_LEGAL, "拾佰仟")
    if fmt == "ideographDigital":
        return "".join(numerals.DIGITS[int(c)] for c in str(n))
    if fmt in ("ideographTraditional",):
        return _TIANGAN[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return _DIZHI[(n - 1) % 12]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt == "decimalEnclosedParen":
        return chr(0x2474 + n - 1) if 1 <= n <= 20 else f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return chr(0x2488 + n - 1) if 1 <= n <= 20 else f"{n}."
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "none":
        return ""
    return str(n)


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    legal: bool = False
    style: str | None = None  # w:pStyle: the paragraph style linked to this level


class _Numbering:
    """Automatic list numbers, as far as the numbering part describes them."""

    def __init__(self, doc: Any) -> None:
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        self.nums: dict[str, tuple[str, dict[int, int], dict[int, _Level]]] = {}
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.abstract_link: dict[str, str] = {}  # abstractNumId -> numStyleLink style id
        self.styles: dict[str, Any] = {}
        self.counters: dict[str, list[int | None]] = {}
        part = doc.part
        try:
            numbering = part.part_related_by(RT.NUMBERING).element
        except Exception:  # noqa: BLE001 - no numbering part
            numbering = None
        try:
            styles = part.part_related_by(RT.STYLES).element
            for s in styles.iterchildren(_W + "style"):
                sid = s.get(_W + "styleId")
                if sid:
                    self.styles[sid] = s
        except Exception:  # noqa: BLE001, S110 - no styles part: no style numbering
            pass
        if numbering is None:
            return
        for a in numbering.iterchildren(_W + "abstractNum"):
            aid = a.get(_W + "abstractNumId") or ""
            self.abstract[aid] = {
                int(lvl.get(_W + "ilvl") or 0): self._level(lvl) for lvl in a.iterchildren(_W + "lvl")
            }
            link = a.find(_W + "numStyleLink")
            if link is not None and link.get(_W + "val"):
                self.abstract_link[aid] = link.get(_W + "val") or ""
        for n in numbering.iterchildren(_W + "num"):
            nid = n.get(_W + "numId") or ""
            an = n.find(_W + "abstractNumId")
            aid = an.get(_W + "val") if an is not None else ""
            starts: dict[int, int] = {}
            levels: dict[int, _Level] = {}
            for ov in n.iterchildren(_W + "lvlOverride"):
                il = int(ov.get(_W + "ilvl") or 0)
                so = ov.find(_W + "startOverride")
                if so is not None:
                    starts[il] = _int(so.get(_W + "val"), 1)
                lvl = ov.find(_W + "lvl")
                if lvl is not None:
                    levels[il] = self._level(lvl)
            self.nums[nid] = (aid or "", starts, levels)

    @staticmethod
    def _level(lvl: Any) -> _Level:
        def val(tag: str) -> str | None:
            e = lvl.find(_W + tag)
            return e.get(_W + "val") if e is not None else None

        legal = lvl.find(_W + "isLgl")
        return _Level(
            fmt=val("numFmt") or "decimal",
            text=val("lvlText") or "",
            start=_int(val("start"), 1),
            legal=legal is not None and legal.get(_W + "val") not in ("0", "false"),
            style=val("pStyle"),
        )

    def _num_pr(self, p: Any) -> tuple[str, int] | None:
        ppr = p.find(_W + "pPr")
        num_id: str | None = None
        ilvl: int | None = None
        style_id: str | None = None
        if ppr is not None:
            npr = ppr.find(_W + "numPr")
            if npr is not None:
                e = npr.find(_W + "numId")
                num_id = e.get(_W + "val") if e is not None else None
                e = npr.find(_W + "ilvl")
                ilvl = _int(e.get(_W + "val"), 0) if e is not None else None
            ps = ppr.find(_W + "pStyle")
            style_id = ps.get(_W + "val") if ps is not None else None
        own_style = style_id
        hops = 0
        while (num_id is None or ilvl is None) and style_id and hops < 10:
            hops += 1
            st = self.styles.get(style_id)
            if st is None:
                break
            sppr = st.find(_W + "pPr")
            npr = sppr.find(_W + "numPr") if sppr is not None else None
            if npr is not None:
                e = npr.find(_W + "numId")
                if num_id is None and e is not None:
                    num_id = e.get(_W + "val")
                e = npr.find(_W + "ilvl")
                if ilvl is None and e is not None:
                    ilvl = _int(e.get(_W + "val"), 0)
            based = st.find(_W + "basedOn")
            style_id = based.get(_W + "val") if based is not None else None
        if not num_id or num_id == "0" or num_id not in self.nums:
            return None
        if ilvl is None and own_style:
            # headings linked to a multilevel list: the level is the one naming the style
            _, levels, _ = self._levels(num_id)
            for i, lvl in sorted(levels.items()):
                if lvl.style == own_style:
                    ilvl = i
                    break
        return num_id, ilvl or 0

    def _levels(self, num_id: str) -> tuple[str, dict[int, _Level], dict[int, int]]:
        aid, starts, overrides = self.nums[num_id]
        levels = dict(self.abstract.get(aid, {}))
        link = self.abstract_link.get(aid)
        if link and not levels:  # numStyleLink: the style's numbering holds the levels
            st = self.styles.get(link)
            npr = st.find(_W + "pPr/" + _W + "numPr") if st is not None else None
            nid = npr.find(_W + "numId") if npr is not None else None
            if nid is not None and nid.get(_W + "val") in self.nums:
                aid2 = self.nums[nid.get(_W + "val") or ""][0]
                levels = dict(self.abstract.get(aid2, {}))
                aid = aid2
        levels.update(overrides)
        key = f"num:{num_id}" if starts or overrides else f"abs:{aid}"
        return key, levels, starts

    def label(self, p: Any) -> str:
        found = self._num_pr(p)
        if found is None:
            return ""
        num_id, ilvl = found
        key, levels, starts = self._levels(num_id)
        lvl = levels.get(ilvl)
        if lvl is None:
            return ""
        counters = self.counters.setdefault(key, [None] * 10)

        def start_of(i: int) -> int:
            return starts.get(i, levels[i].start if i in levels else 1)

        cur = counters[ilvl]
        counters[ilvl] = start_of(ilvl) if cur is None else cur + 1
        for deeper in range(ilvl + 1, len(counters)):
            counters[deeper] = None
        if lvl.fmt == "bullet":
            return ""  # bullets are not numbers: nothing for NUM to check

        def repl(m: re.Match[str]) -> str:
            i = int(m.group(1)) - 1
            value = counters[i] if counters[i] is not None else start_of(i)
            fmt = levels[i].fmt if i in levels else "decimal"
            if lvl.legal and fmt != "none":
                fmt = "decimal"
            return format_number(int(value or 0), fmt)

        return re.sub(r"%([1-9])", repl, lvl.text)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


# ---------------------------------------------------------------- reading
def _import_docx() -> Any:
    try:
        import docx
    except ImportError:
        raise InputError(
            "reading .docx needs python-docx: pip install 'speechlint[docx]'"
        ) from None
    return docx


def open_document(path: str | os.PathLike[str], max_size: int | None = None) -> Any:
    """Open a .docx with python-docx; every failure is one clear :class:`InputError`."""
    from .io import read_bytes

    data = read_bytes(path, max_size)
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise InputError(
            f"{path}: password-protected (encrypted) Word document or old .doc format; "
            "save it as .docx without a password"
        )
    if not data.startswith(b"PK"):
        raise InputError(f"{path}: not a Word .docx file (not a ZIP package)")
    docx = _import_docx()
    import io as _io

    try:
        return docx.Document(_io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - zipfile.BadZipFile, KeyError, lxml, ValueError ...
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"{path}: corrupt or unreadable Word document ({detail})") from None


def read(path: str | os.PathLike[str], max_size: int | None = None) -> WordText:
    """The :class:`WordText` of the .docx at ``path``."""
    doc = open_document(path, max_size)
    try:
        return extract(doc)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - one line, never a traceback
        raise InputError(f"{path}: cannot read Word document: {type(exc).__name__}: {exc}") from None


# ----------------------------------------------------------------- annotating
def _split_run(r: Any, k: int) -> Any:
    """Split run ``r`` after its ``k``-th character; return the new second run."""
    from docx.oxml.ns import qn

    r2 = copy.deepcopy(r)
    r.addnext(r2)

    def cut(run: Any, keep_first: bool) -> None:
        pos = 0
        for child in list(run):
            if child.tag == W_RPR:
                continue
            n = len(_char_of(child))
            if n == 0:
                first = pos < k
            elif pos + n <= k:
                first = True
            elif pos >= k:
                first = False
            else:  # a w:t straddling the cut
                text = child.text or ""
                child.text = text[: k - pos] if keep_first else text[k - pos :]
                child.set(qn("xml:space"), "preserve")
                pos += n
                continue
            if first != keep_first:
                run.remove(child)
            pos += n

    cut(r, True)
    cut(r2, False)
    return r2


def _split_at(p: Any, base: int, offset: int) -> None:
    for r, start, n in _segments(p, base):
        if start < offset < start + n:
            _split_run(r, offset - start)
            return


def _runs_for(p: Any, base: int, a: int, b: int) -> list[Any]:
    """Runs of ``p`` exactly covering ``[a, b)`` (splitting runs as needed)."""
    _split_at(p, base, a)
    _split_at(p, base, b)
    segs = _segments(p, base)
    inside = [r for r, s, n in segs if n and s >= a and s + n <= b]
    if inside:
        return inside
    for r, s, n in segs:  # an empty span or one inside the list number: the nearest run
        if s <= a < s + n or (n and s >= a):
            return [r]
    nonempty = [r for r, s, n in segs if n]
    if nonempty:
        return [nonempty[-1]]
    if segs:
        return [segs[0][0]]
    from docx.oxml import OxmlElement

    r = OxmlElement("w:r")
    p.append(r)
    return [r]


def annotate(
    src: str | os.PathLike[str],
    dst: str | os.PathLike[str],
    diagnostics: Sequence[Diagnostic],
    *,
    author: str = "speechlint",
    initials: str = "SL",
    max_size: int | None = None,
) -> int:
    """Write a copy of ``src`` to ``dst`` with each finding as a Word comment.

    The comment is anchored on the flagged characters (runs are split at the
    span's ends, their formatting kept); findings in headers or footers, where
    Word allows no comments, are anchored on the start of the body with the place
    named.  ``src`` is never changed.  Returns the number of comments written.
    """
    if os.path.abspath(src) == os.path.abspath(dst):
        raise InputError(f"{dst}: --annotate must write a new file, not the checked document")
    from docx.text.run import Run

    doc = open_document(src, max_size)
    wt = extract(doc)
    starts = wt.line_starts()
    body = [p for p in wt.paragraphs if p.story == "body"]
    count = 0
    # later findings first: splitting runs never moves an earlier finding's offsets
    for d in sorted(diagnostics, key=lambda d: (d.span.start, d.span.end), reverse=True):
        i = max(0, _bisect(starts, d.span.start))
        if i >= len(wt.paragraphs):
            continue
        para = wt.paragraphs[i]
        a = d.span.start - starts[i]
        b = min(max(d.span.end - starts[i], a), len(para.text))
        text = f"{d.code} {d.message}"
        base = len(para.prefix)
        if para.story != "body":
            where = "页眉" if para.story == "header" else "页脚"
            text = f"（{where}：{para.text.strip()[:40]}）{text}"
            target = body[0] if body else para
            runs = _runs_for(target.element, len(target.prefix), len(target.prefix), len(target.prefix))
        else:
            runs = _runs_for(para.element, base, max(a, base), max(b, base))
        doc.add_comment([Run(runs[0], doc._body), Run(runs[-1], doc._body)], text=text,
                        author=author, initials=initials)
        count += 1
    try:
        doc.save(str(dst))
    except OSError as exc:
        raise InputError(f"{dst}: cannot write: {exc.strerror or exc}") from None
    return count


def _bisect(starts: list[int], offset: int) -> int:
    from bisect import bisect_right

    return bisect_right(starts, offset) - 1


def comments_of(path: str | os.PathLike[str]) -> list[tuple[str, str]]:
    """(anchored text, comment text) of each comment in a .docx: for tests and tools."""
    doc = open_document(path)
    body = doc.element.body
    anchored: dict[str, list[str]] = {}
    open_ids: list[str] = []
    for el in body.iter():
        tag = el.tag
        if tag == _W + "commentRangeStart":
            open_ids.append(el.get(_W + "id"))
            anchored.setdefault(el.get(_W + "id"), [])
        elif tag == _W + "commentRangeEnd":
            cid = el.get(_W + "id")
            if cid in open_ids:
                open_ids.remove(cid)
        elif tag in (W_T, W_TAB, W_BR, W_CR) and open_ids:
            parent = el.getparent()
            if parent is not None and parent.tag == W_R:
                for cid in open_ids:
                    anchored[cid].append(_char_of(el))
    out: list[tuple[str, str]] = []
    for c in doc.comments:
        out.append(("".join(anchored.get(str(c.comment_id), [])), c.text))
    return out
