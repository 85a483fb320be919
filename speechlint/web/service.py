"""What the web page asks of speechlint, without HTTP: read a draft, check it, fix it,
annotate a Word copy.  Every answer is plain JSON-ready data; every failure is an
:class:`~speechlint.errors.SpeechlintError` whose text is the CLI's one line.

Offsets: the engine's spans are code points; a browser's strings are UTF-16.  Each
finding carries both (``start``/``end`` in code points, as ``speechlint check --format
json`` gives them, and ``ustart``/``uend`` in UTF-16 units for the page), converted here
by :class:`Utf16`.
"""

from __future__ import annotations

import os
import re
import tempfile
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import Any

from .. import configfile, engine, registry
from ..config import Config
from ..errors import InputError, SpeechlintError
from ..model import Diagnostic
from ..resolve import Overrides, resolve

#: Families in the order the page lists them.
FAMILY_ORDER = ("NUM", "DUP", "PH", "PUN", "WRD", "FIG", "DOC")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16:
    """Code-point offsets of one text -> UTF-16 offsets (two units per astral character)."""

    def __init__(self, text: str) -> None:
        self.astral = [m.start() for m in _ASTRAL.finditer(text)]

    def __call__(self, offset: int) -> int:
        return offset + bisect_left(self.astral, offset) if self.astral else offset


class Settings:
    """How the server resolves configuration: as ``speechlint check`` does for a draft
    in the folder the server was started in (the nearest ``speechlint.toml`` /
    ``[tool.speechlint]`` upward, or ``--config FILE``, or ``--isolated``), then the
    page's families switched off as ``--ignore`` on top."""

    def __init__(self, root: str | None = None, config_file: str | None = None,
                 isolated: bool = False, max_file_size: int | None = None) -> None:
        self.root = os.path.abspath(root or os.getcwd())
        self.config_file = config_file
        self.isolated = isolated
        self.max_file_size_override = max_file_size
        if config_file:
            configfile.load(config_file)  # a bad --config stops the server at start

    def base(self, name: str = "draft.txt") -> Config:
        return self.config(name)

    def config(self, name: str = "draft.txt", off: Sequence[str] = (), language: str | None = None) -> Config:
        """The configuration of a draft named ``name``, families ``off`` ignored: the one
        resolution step of the CLI and the language server (speechlint.resolve)."""
        codes = tuple(c.strip().upper() for c in off if c and c.strip())
        path = os.path.join(self.root, os.path.basename(name) or "draft.txt")
        config = resolve(path, Overrides(ignore=codes, max_file_size=self.max_file_size_override),
                         config_file=self.config_file or None, isolated=self.isolated)
        if language in ("zh", "en"):
            config = config.with_overrides(language=language)
        return config

    @property
    def max_file_size(self) -> int:
        return self.base().max_file_size


# ------------------------------------------------------------------ reading
def read_upload(data: bytes, name: str, settings: Settings) -> dict[str, Any]:
    """The text of an uploaded draft, read as the CLI reads the file: same decoding
    (BOM, UTF-8, GB18030; binary refused), same Word reader (numbering, headers,
    footers).  Returns ``text`` and what the download needs to write it back."""
    name = os.path.basename(name) or "draft.txt"
    limit = settings.config(name).max_file_size
    if limit and len(data) > limit:
        raise too_large(name, len(data), limit)
    if name.lower().endswith(".docx"):
        from .. import docx

        with _temporary(data, name) as path:
            try:
                word = docx.read(path, limit or None)
            except InputError as exc:
                raise InputError(str(exc).replace(path, name)) from None
        # the story of each paragraph (line): the page marks headers and footers
        return {"name": name, "kind": "docx", "filetype": "txt", "text": word.text,
                "encoding": None, "bom": "", "eol": "\n",
                "stories": [p.story for p in word.paragraphs]}
    from ..io import decode

    decoded = decode(data, name)
    text = decoded.text
    return {
        "name": name,
        "kind": "text",
        "filetype": engine.filetype_of(name),
        "text": text,
        "encoding": decoded.encoding,
        "bom": decoded.bom.hex(),
        "eol": _eol_of(text),
    }


def too_large(name: str, size: int | None, limit: int) -> InputError:
    got = f"{size:,} bytes" if size is not None else "more than the limit"
    return InputError(f"{name}: file too large ({got}; the limit is {limit:,} bytes, "
                      "raise it with --max-file-size or max-file-size)")


def _eol_of(text: str) -> str:
    """The line ending a draft uses most: what the page's edits are written back with."""
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    cr = text.count("\r") - crlf
    if crlf >= lf and crlf >= cr and crlf:
        return "\r\n"
    if cr > lf:
        return "\r"
    return "\n"


class _temporary:
    """A temporary file holding ``data`` (python-docx reads paths), removed on exit."""

    def __init__(self, data: bytes, name: str) -> None:
        self.data = data
        self.suffix = os.path.splitext(name)[1]
        self.path = ""

    def __enter__(self) -> str:
        fd, self.path = tempfile.mkstemp(prefix="speechlint-web-", suffix=self.suffix)
        with os.fdopen(fd, "wb") as fh:
            fh.write(self.data)
        return self.path

    def __exit__(self, *exc: object) -> None:
        try:
            os.unlink(self.path)
        except OSError:
            pass


# ------------------------------------------------------------------ checking
def check(text: str, config: Config, *, filetype: str = "txt", name: str = "draft.txt",
          word: bool = False) -> dict[str, Any]:
    """Findings and outline of ``text``, as ``speechlint check`` finds them.

    ``word``: the text of a Word draft, whose fixes cannot be applied (the CLI reports
    them without a fix too)."""
    from ..model import RuleFailure

    failures: list[RuleFailure] = []
    diags = engine.linter_for(config, name).lint(text, filetype=filetype, failures=failures)
    u16 = Utf16(text)
    rules = registry.load_all()
    out = []
    for d in diags:
        r = rules.get(d.code) or registry.get(d.code)
        # the page only says whether a fix exists and whether it needs confirming: the
        # server applies it (/api/fix), against the masks of the draft
        fix = None if word or d.fix is None else {"applicability": d.fix.applicability}
        out.append({
            "code": d.code,
            "family": r.family if r is not None else re.sub(r"\d+$", "", d.code),
            "start": d.span.start,
            "end": d.span.end,
            "ustart": u16(d.span.start),
            "uend": u16(d.span.end),
            "message": d.message,
            "severity": d.severity,
            "fix": fix,
        })
    problems = [*config.problems]
    seen: set[str] = set()
    for f in failures:
        if f.code not in seen:
            seen.add(f.code)
            problems.append(f"{name}: rule {f.code} failed: {f.error}")
    return {"diagnostics": out, "outline": outline(text, filetype, diags, u16),
            "problems": problems, "length": len(text)}


def outline(text: str, filetype: str, diags: Sequence[Diagnostic], u16: Utf16) -> list[dict[str, Any]]:
    """The heading outline, each heading with the NUM findings on its line."""
    from ..outline import outline as scan

    num = sorted((d for d in diags if d.code.startswith("NUM")), key=lambda d: d.span.start)
    starts = [d.span.start for d in num]
    out = []
    for h in scan(text, filetype):
        found = num[bisect_left(starts, h.span.start) : bisect_right(starts, h.span.end)]
        problems = [f"{d.code} {d.message}" for d in found]
        if not h.ok and not problems:
            problems.append(f"{h.label} → {h.expected_label}")
        out.append({
            "kind": h.kind,
            "level": h.level,
            "label": h.label,
            "expected": h.expected_label,
            "title": h.title,
            "parent": h.parent,
            "start": h.span.start,
            "ustart": u16(h.span.start),
            "uend": u16(h.span.end),
            "problems": problems,
        })
    return out


# ------------------------------------------------------------------ fixing
def fix(text: str, config: Config, target: dict[str, Any] | str, *, filetype: str = "txt",
        name: str = "draft.txt") -> dict[str, Any]:
    """Apply one finding's fix (``target``: its code, start and end) or every safe fix
    (``"safe"``) or every fix (``"unsafe"``); the new text and the changed lines."""
    if target in ("safe", "unsafe"):
        result = engine.fix(text, config, unsafe=target == "unsafe", filetype=filetype, path=name)
        new, applied = result.text, result.applied
    elif isinstance(target, dict):
        from ..document import Document

        doc = Document.from_text(text, filetype)
        lt = engine.linter_for(config, name)
        diags = lt.finish(doc, lt.run(doc))
        wanted = [d for d in diags if d.fix is not None and d.code == target.get("code")
                  and d.span.start == target.get("start") and d.span.end == target.get("end")]
        if not wanted:
            raise SpeechlintError("this finding is gone or has no fix: check the draft again")
        new, applied = engine.apply_fixes(text, wanted[:1], unsafe=True, protected=doc.masked)
    else:
        raise SpeechlintError("nothing to fix")
    return {"text": new, "applied": applied, "changes": changed_lines(text, new)}


def changed_lines(old: str, new: str) -> list[dict[str, Any]]:
    """The lines a fix changes: 1-based line number, before and after (for the preview)."""
    import difflib

    a, b = old.split("\n"), new.split("\n")
    out: list[dict[str, Any]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        before, after = "\n".join(a[i1:i2]), "\n".join(b[j1:j2])
        out.append({"line": i1 + 1, "before": before, "after": after, "parts": _parts(before, after)})
    return out


def _parts(a: str, b: str) -> list[list[str]]:
    """``a`` turned into ``b`` as pieces kept ("="), removed ("-") and inserted ("+")."""
    import difflib

    out: list[list[str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(["=", a[i1:i2]])
            continue
        if i2 > i1:
            out.append(["-", a[i1:i2]])
        if j2 > j1:
            out.append(["+", b[j1:j2]])
    return out


def encode_text(text: str, encoding: str | None, bom_hex: str, eol: str) -> bytes:
    """The corrected draft as bytes: the upload's encoding, byte-order mark and line
    endings (text pasted into the page: UTF-8, its own line endings)."""
    from ..io import encode

    if eol in ("\r\n", "\r"):
        text = re.sub(r"\r\n|\r|\n", eol, text)
    try:
        bom = bytes.fromhex(bom_hex or "")
    except ValueError:
        bom = b""
    return encode(text, encoding or "utf-8", bom)


def annotate(data: bytes, name: str, config: Config) -> tuple[bytes, int]:
    """An annotated copy of the uploaded Word draft, as ``check --annotate`` writes it."""
    from .. import docx
    from ..errors import InputError

    name = os.path.basename(name) or "draft.docx"
    limit = config.max_file_size
    if limit and len(data) > limit:
        raise too_large(name, len(data), limit)
    with tempfile.TemporaryDirectory(prefix="speechlint-web-") as folder:
        src = os.path.join(folder, "draft.docx")
        dst = os.path.join(folder, "annotated.docx")
        with open(src, "wb") as fh:
            fh.write(data)
        try:
            text = docx.read(src, limit or None).text
            diags = engine.linter_for(config, name).lint(text, filetype="txt")
            count = docx.annotate(src, dst, diags, max_size=limit or None)
            with open(dst, "rb") as fh:
                return fh.read(), count
        except InputError as exc:
            raise InputError(str(exc).replace(src, name).replace(dst, name)) from None


# ------------------------------------------------------------------ rules
def families() -> list[dict[str, Any]]:
    rules = registry.load_all()
    fams: dict[str, list[str]] = {}
    for code, r in sorted(rules.items()):
        fams.setdefault(r.family, []).append(code)
    order = [f for f in FAMILY_ORDER if f in fams] + sorted(f for f in fams if f not in FAMILY_ORDER)
    return [{"family": f, "codes": fams[f]} for f in order]


def rule_doc(code: str) -> dict[str, Any]:
    """What ``speechlint rule CODE`` prints."""
    r = registry.get(code.upper())
    if r is None:
        raise SpeechlintError(f"unknown rule {code!r} (see 'speechlint rules')")
    return {"code": r.code, "name": r.name, "family": r.family, "severity": r.severity,
            "fix": r.fix, "doc": r.doc}
