"""Word (.docx) drafts: text for the engine, and annotated copies with comments.

python-docx (a dependency of speechlint) is imported only when a ``.docx`` file is
read, and reads it within :class:`Limits` (see there: a small file may inflate).

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
from .io import TEMP_SUFFIX, unlink_quietly
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

    def stories(self) -> tuple[tuple[int, int, str], ...]:
        """(first line, end line, story) of each run of header or footer paragraphs
        (0-based lines, end exclusive); the body's lines are not listed."""
        out: list[tuple[int, int, str]] = []
        for i, p in enumerate(self.paragraphs):
            if p.story == "body":
                continue
            if out and out[-1][1] == i and out[-1][2] == p.story:
                out[-1] = (out[-1][0], i + 1, p.story)
            else:
                out.append((i, i + 1, p.story))
        return tuple(out)

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


def extract(doc: Any, limits: Limits | None = None, path: str | os.PathLike[str] = "<docx>") -> WordText:
    """The :class:`WordText` of an open python-docx ``Document``; with ``limits``, an
    :class:`InputError` as soon as the text passes ``limits.text`` bytes of UTF-8."""
    numbering = _Numbering(doc)
    out = WordText()
    stories: list[tuple[str, Any]] = [("body", doc.element.body)]
    stories.extend(_header_footer_parts(doc))
    cap = limits.text if limits is not None else None
    size = 0
    for story, container in stories:
        for p in _story_paragraphs(container):
            prefix = numbering.label(p)
            text = prefix + "".join(_run_text(r) for r in _runs(p))
            if cap is not None:
                size += len(text.encode("utf-8", "surrogatepass")) + 1
                if size > cap:
                    raise _refused(path, f"more than {cap:,} bytes of text", cap)
            out.paragraphs.append(WordParagraph(p, story, prefix, text))
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
@dataclass(frozen=True)
class Limits:
    """What one Word document may hold before it is refused (None: no limit).

    A ``.docx`` is a ZIP package: 100 KB of it can inflate to gigabytes of XML, or to
    millions of paragraphs whose parse trees take gigabytes of memory.  The limits
    follow ``--max-file-size`` (M, 20 MB by default; 0 lifts them all), so that a
    Word draft is bounded like a text draft of that size:

    * ``parts``: the XML parts read (document, headers, footers, styles, numbering,
      relationships), uncompressed, in all: 2 M (40 MB), from the ZIP's central
      directory before anything is inflated, and again while reading;
    * ``elements``: XML elements in those parts, M / 16 (1.3 million), counted by a
      streaming pass before python-docx builds its tree (an element costs libxml2
      about 100 bytes: a bound of about 130 MB of tree);
    * ``paragraphs``: M / 64 (327,680: some ten thousand pages);
    * ``text``: the extracted text, M bytes of UTF-8, as for a text file.

    Pictures, embedded objects and every other part python-docx does not parse are
    never inflated: they are left empty in the package python-docx reads, and
    :func:`annotate` copies them from the original, streamed.
    """

    parts: int | None = None
    elements: int | None = None
    paragraphs: int | None = None
    text: int | None = None

    @staticmethod
    def for_size(max_size: int | None) -> Limits:
        if not max_size:
            return Limits()
        return Limits(2 * max_size, max(1, max_size // 16), max(1, max_size // 64), max_size)


def _import_docx() -> Any:
    try:
        import docx
    except ImportError:
        raise InputError(
            "reading .docx needs python-docx: pip install 'python-docx>=1.2,<2'"
        ) from None
    return docx


def _refused(path: str | os.PathLike[str], what: str, limit: int) -> InputError:
    return InputError(
        f"{path}: Word document too large: {what} (the limit is {limit:,}; "
        "raise it with --max-file-size or max-file-size)"
    )


#: The parser for every XML part read: no DTD loaded, no entity expanded, nothing fetched.
def _xml_parser_options() -> dict[str, Any]:
    return {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False}


@dataclass
class Package:
    """A ``.docx`` as speechlint reads it: the bytes python-docx opens (only the parts it
    parses; the others empty), the names of the parts left empty, and whether an XML
    part declares a DOCTYPE (entity references python-docx would write back broken)."""

    original: bytes
    slim: bytes
    emptied: frozenset[str]
    doctype: str | None  # the name of the first part with a DOCTYPE


def _content_types(zf: Any, limits: Limits, path: str | os.PathLike[str]) -> tuple[dict[str, str], dict[str, str]]:
    from lxml import etree

    try:
        info = zf.getinfo("[Content_Types].xml")
    except KeyError:
        raise InputError(f"{path}: corrupt or unreadable Word document (no [Content_Types].xml)") from None
    data = _member(zf, info, limits, path)
    root = etree.fromstring(data, etree.XMLParser(**_xml_parser_options()))
    defaults: dict[str, str] = {}
    overrides: dict[str, str] = {}
    for el in root:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag.endswith("}Default"):
            defaults[(el.get("Extension") or "").lower()] = el.get("ContentType") or ""
        elif tag.endswith("}Override"):
            overrides[(el.get("PartName") or "").lower()] = el.get("ContentType") or ""
    return defaults, overrides


def _member(zf: Any, info: Any, limits: Limits, path: str | os.PathLike[str]) -> bytes:
    """The bytes of one part, never more than the limit (whatever its header says)."""
    cap = limits.parts
    with zf.open(info) as fh:
        data = fh.read() if cap is None else fh.read(cap + 1)
    if cap is not None and len(data) > cap:
        raise _refused(path, f"part {info.filename} inflates to more than {cap:,} bytes", cap)
    return bytes(data)


def _count(data: bytes, name: str, counts: list[int], limits: Limits,
           path: str | os.PathLike[str]) -> str | None:
    """Count the elements and paragraphs of one XML part in a streaming pass (memory:
    one element at a time), refusing the document as soon as a limit is passed.
    Returns the part's DOCTYPE, if it has one."""
    import io as _io

    from lxml import etree

    events = etree.iterparse(_io.BytesIO(data), events=("end",), **_xml_parser_options())
    for _event, el in events:
        counts[0] += 1
        if el.tag == W_P:
            counts[1] += 1
            if limits.paragraphs is not None and counts[1] > limits.paragraphs:
                raise _refused(path, f"more than {limits.paragraphs:,} paragraphs", limits.paragraphs)
        if limits.elements is not None and counts[0] > limits.elements:
            raise _refused(path, f"more than {limits.elements:,} XML elements", limits.elements)
        el.clear(keep_tail=False)
        parent = el.getparent()
        if parent is not None:
            while el.getprevious() is not None:
                del parent[0]
    root = events.root  # type: ignore[attr-defined]
    doctype = root.getroottree().docinfo.doctype if root is not None else ""
    return name if doctype else None


def load_package(path: str | os.PathLike[str], max_size: int | None = None,
                 limits: Limits | None = None) -> Package:
    """Read a .docx within :class:`Limits`; every failure is one clear :class:`InputError`."""
    import io as _io
    import zipfile

    from .io import read_bytes

    if limits is None:
        limits = Limits.for_size(max_size)
    data = read_bytes(path, max_size)
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise InputError(
            f"{path}: password-protected (encrypted) Word document or old .doc format; "
            "save it as .docx without a password"
        )
    if not data.startswith(b"PK"):
        raise InputError(f"{path}: not a Word .docx file (not a ZIP package)")
    docx = _import_docx()
    parsed = set(docx.opc.part.PartFactory.part_type_for)
    try:
        with zipfile.ZipFile(_io.BytesIO(data)) as zf:
            defaults, overrides = _content_types(zf, limits, path)
            keep: list[Any] = []
            emptied: list[Any] = []
            seen: set[str] = set()
            for info in zf.infolist():
                name = info.filename
                if info.is_dir() or name in seen:
                    continue
                seen.add(name)
                lower = name.lower()
                ext = lower.rsplit(".", 1)[-1] if "." in lower else ""
                ctype = overrides.get("/" + lower) or defaults.get(ext, "")
                if name == "[Content_Types].xml" or ext == "rels" or ctype in parsed:
                    keep.append(info)
                else:
                    emptied.append(info)
            total = sum(i.file_size for i in keep)
            if limits.parts is not None and total > limits.parts:
                raise _refused(path, f"its XML parts inflate to {total:,} bytes", limits.parts)
            counts = [0, 0]
            doctype: str | None = None
            out = _io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as slim:
                for info in keep:
                    part = _member(zf, info, limits, path)
                    found = _count(part, info.filename, counts, limits, path)
                    doctype = doctype or found
                    slim.writestr(_stored(info), part)
                    del part
                for info in emptied:
                    slim.writestr(_stored(info), b"")
    except InputError:
        raise
    except MemoryError:
        raise InputError(f"{path}: out of memory while reading the Word document") from None
    except Exception as exc:  # noqa: BLE001 - zipfile.BadZipFile, lxml, zlib, KeyError ...
        raise InputError(f"{path}: corrupt or unreadable Word document ({_detail(exc)})") from None
    return Package(data, out.getvalue(), frozenset(i.filename for i in emptied), doctype)


def _stored(info: Any) -> Any:
    import zipfile

    copy_ = zipfile.ZipInfo(info.filename, info.date_time)
    copy_.compress_type = zipfile.ZIP_STORED
    copy_.external_attr = info.external_attr
    return copy_


def _detail(exc: BaseException) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def open_document(path: str | os.PathLike[str], max_size: int | None = None,
                  package: Package | None = None) -> Any:
    """Open a .docx with python-docx (within :class:`Limits`); every failure is one
    clear :class:`InputError`."""
    import io as _io

    if package is None:
        package = load_package(path, max_size)
    docx = _import_docx()
    try:
        return docx.Document(_io.BytesIO(package.slim))
    except MemoryError:
        raise InputError(f"{path}: out of memory while reading the Word document") from None
    except Exception as exc:  # noqa: BLE001 - KeyError, lxml, ValueError ...
        raise InputError(f"{path}: corrupt or unreadable Word document ({_detail(exc)})") from None


def read(path: str | os.PathLike[str], max_size: int | None = None) -> WordText:
    """The :class:`WordText` of the .docx at ``path``."""
    doc = open_document(path, max_size)
    try:
        return extract(doc, Limits.for_size(max_size), path)
    except InputError:
        raise
    except MemoryError:
        raise InputError(f"{path}: out of memory while reading the Word document") from None
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
    named.  ``src`` is never changed: ``dst`` may not be ``src`` nor a link to it, and
    is replaced atomically (a link at ``dst`` is replaced, never written through).  A
    document whose XML declares a DOCTYPE (entity references) is refused: python-docx
    would write those references back without their declarations, which no reader
    accepts.  Every XML part written is checked to be well-formed first.  Returns the
    number of comments written.
    """
    if os.path.abspath(src) == os.path.abspath(dst) or _same_file(src, dst):
        raise InputError(f"{dst}: --annotate must write a new file, not the checked document "
                         "(nor a link to it)")
    from docx.text.run import Run

    package = load_package(src, max_size)
    if package.doctype:
        raise InputError(
            f"{src}: cannot annotate: its part {package.doctype} declares a DOCTYPE (entity "
            "references), which a Word document never needs; the copy would not be "
            "well-formed XML. Re-save the document in Word, then annotate it"
        )
    doc = open_document(src, max_size, package)
    wt = extract(doc, Limits.for_size(max_size), src)
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
    _save(doc, package, src, dst)
    return count


def annotation_path(folder: str | os.PathLike[str], src: str | os.PathLike[str],
                    taken: Sequence[str]) -> str:
    """Where ``--annotate FOLDER/`` writes the copy of ``src``: ``NAME.annotated.docx``, or
    ``NAME-2.annotated.docx``, ``-3`` ... when an earlier draft of this run (same name, other
    folder) has that name: one output never overwrites another."""
    stem = os.path.splitext(os.path.basename(src))[0]
    used = {os.path.abspath(t) for t in taken}
    n = 1
    while True:
        name = f"{stem}.annotated.docx" if n == 1 else f"{stem}-{n}.annotated.docx"
        dest = os.path.join(folder, name)
        if os.path.abspath(dest) not in used:
            return dest
        n += 1


def _same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _save(doc: Any, package: Package, src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
    """Write ``doc`` to ``dst``: the parts python-docx holds, checked well-formed, and the
    parts left out of its package (pictures, embedded objects) streamed from the original.
    The copy goes to a temporary file next to ``dst``, renamed over it when complete."""
    import io as _io
    import shutil
    import tempfile
    import zipfile

    from lxml import etree

    buf = _io.BytesIO()
    doc.save(buf)
    folder = os.path.dirname(os.path.abspath(dst))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(dst)}.", suffix=TEMP_SUFFIX,
                                   dir=folder)
    except OSError as exc:
        raise InputError(f"{dst}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh, zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED) as out, \
                zipfile.ZipFile(buf) as saved, zipfile.ZipFile(_io.BytesIO(package.original)) as orig:
            for info in saved.infolist():
                name = info.filename
                if name in package.emptied:
                    oinfo = orig.getinfo(name)
                    winfo = zipfile.ZipInfo(name, oinfo.date_time)
                    winfo.compress_type = zipfile.ZIP_DEFLATED
                    winfo.file_size = oinfo.file_size
                    with orig.open(oinfo) as r, out.open(winfo, "w", force_zip64=oinfo.file_size > 0x7FFF0000) as w:
                        shutil.copyfileobj(r, w, 1 << 20)
                    continue
                data = saved.read(info)
                if name.lower().endswith((".xml", ".rels")):
                    try:
                        etree.fromstring(data, etree.XMLParser(**_xml_parser_options()))
                    except etree.XMLSyntaxError as exc:
                        raise InputError(f"{src}: cannot annotate: part {name} would not be "
                                         f"well-formed XML ({_detail(exc)}); nothing written") from None
                out.writestr(info, data, zipfile.ZIP_DEFLATED)
        if os.path.exists(dst) and not os.path.islink(dst):
            os.chmod(tmp, os.stat(dst).st_mode & 0o7777)  # a copy written again keeps its mode
        else:
            os.chmod(tmp, 0o666 & ~_umask())  # as a new file gets
        os.replace(tmp, dst)
    except InputError:
        unlink_quietly(tmp)
        raise
    except OSError as exc:
        unlink_quietly(tmp)
        raise InputError(f"{dst}: cannot write: {exc.strerror or exc}") from None
    except Exception as exc:  # noqa: BLE001 - a corrupt picture in the original: one line
        unlink_quietly(tmp)
        raise InputError(f"{src}: corrupt or unreadable Word document ({_detail(exc)})") from None
    except BaseException:
        unlink_quietly(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


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
