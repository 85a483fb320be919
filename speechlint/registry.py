"""The code table: every rule registers here with a permanent code.

A rule is a pure function ``(doc: Document, data) -> Iterable[Diagnostic]``
decorated with :func:`rule`.  Its docstring is its documentation, in the fixed
sections listed in :data:`DOC_SECTIONS`.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .model import Diagnostic, Severity

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Literal

    FixKind = Literal["none", "safe", "unsafe", "sometimes"]
    Scope = Literal["paragraph", "document"]
else:  # no typing at run time
    FixKind = Scope = str

#: What a document-scope rule reads of one line: ``view(number, line, masked_line)`` (the
#: 0-based line number, the line's text and its ``check_text``, without the line ending) ->
#: (a hashable summary of the line, the line-relative ``(start, end)`` parts whose characters
#: its findings depend on).
LineView = Callable[[int, str, str], tuple[object, tuple[tuple[int, int], ...]]]

#: Sections every rule docstring must have, in this order.
DOC_SECTIONS: tuple[str, ...] = ("检查内容", "为什么", "示例（错 → 对）", "修复安全性", "依据")

#: Family prefix -> module that defines its rules.
FAMILIES: dict[str, str] = {
    "NUM": "speechlint.checks.num",
    "DUP": "speechlint.checks.dup",
    "PH": "speechlint.checks.ph",
    "PUN": "speechlint.checks.pun",
    "WRD": "speechlint.checks.wrd",  # word usage: 的/地/得, misused words, term consistency
    "FIG": "speechlint.checks.fig",  # number usage (GB/T 15835-2011)
    "DOC": "speechlint.checks.doc",  # document elements (GB/T 9704-2012)
}

#: Family prefix -> its name for readers (reports, the web page).
FAMILY_NAMES: dict[str, str] = {
    "NUM": "层次序号",
    "DUP": "重复字词",
    "PH": "占位符",
    "PUN": "标点符号",
    "WRD": "用词",
    "FIG": "数字用法",
    "DOC": "公文要素",
}

#: Retired or renamed codes -> their replacement (codes are never reused).
REDIRECTS: dict[str, str] = {}

_CODE = re.compile(r"^([A-Z]{2,4})(\d{3})$")


@dataclass(frozen=True, slots=True)
class Rule:
    """A registered rule: its code, name, check function and settings."""

    code: str
    name: str
    family: str
    check: Callable[..., Iterable[Diagnostic]]
    data: type | None
    severity: Severity
    fix: FixKind
    scope: Scope
    doc: str
    #: An opt-in ("preview") rule: never selected by ``ALL`` or a family prefix, only when
    #: its exact code is named in ``select``/``extend-select`` (ruff's preview rules).
    preview: bool = False
    #: A document-scope rule's :data:`LineView`, when it has one (see :func:`rule`).
    line_view: LineView | None = None

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0].strip() if self.doc.strip() else self.name

    def section(self, title: str) -> str:
        """The text of one ``## title`` section of the documentation ('' when absent)."""
        m = re.search(rf"^##\s*{re.escape(title)}\s*$(.*?)(?=^##\s|\Z)", self.doc, re.MULTILINE | re.DOTALL)
        return m.group(1).strip() if m else ""


RULES: dict[str, Rule] = {}

#: Rules of user rule packs loaded in this process (code -> Rule); see speechlint.packs.
PACK_RULES: dict[str, Rule] = {}


def rule(
    code: str,
    name: str,
    *,
    data: type | None = None,
    severity: Severity = "warning",
    fix: FixKind = "none",
    scope: Scope = "paragraph",
    preview: bool = False,
    line_view: LineView | None = None,
) -> Callable[[Callable[..., Iterable[Diagnostic]]], Callable[..., Iterable[Diagnostic]]]:
    """Register a rule.

    ``scope="paragraph"`` promises that every finding, and its fix, depends only on the
    paragraph (line) it lies in, with its line ending and the one before it, so the
    language server may re-run the rule on a changed line alone (``Linter.lint_cached``;
    tests/test_lsp_incremental.py checks it on every rule's examples).  Rules that look
    across lines (numbering sequences, quotes spanning paragraphs, the title block at the
    top, a style counted over the whole draft) declare ``scope="document"``.

    ``line_view`` (document scope only) promises that the rule's findings depend on each
    line only through what the view returns for it: its summary, and the characters of its
    parts (with the line numbers of the document).  When a keystroke changes one line, no
    part of it before or after the change comes within a character of the change, and its
    summary and parts stay the same, the language server keeps the rule's findings of the
    last keystroke, moved with the text (``Linter.lint_cached``; tests/test_lsp_incremental.py
    compares that with a full run on random edits).

    ``preview=True`` puts the rule in the opt-in set: it runs only when its exact code
    is selected (a rule whose precision on professionally edited text is below the bar
    of the default set; its docstring says why).
    """
    m = _CODE.match(code)
    if not m:
        raise ValueError(f"bad rule code {code!r}: family prefix + 3 digits expected")
    family = m.group(1)
    if line_view is not None and scope != "document":
        raise ValueError(f"{code}: only a document-scope rule has a line view")

    def deco(func: Callable[..., Iterable[Diagnostic]]) -> Callable[..., Iterable[Diagnostic]]:
        if code in RULES:
            raise ValueError(f"rule code {code} registered twice")
        RULES[code] = Rule(
            code=code,
            name=name,
            family=family,
            check=func,
            data=data,
            severity=severity,
            fix=fix,
            scope=scope,
            doc=_cleandoc(func.__doc__ or ""),
            preview=preview,
            line_view=line_view,
        )
        return func

    return deco


def _cleandoc(doc: str) -> str:
    """inspect.cleandoc without importing inspect (a few ms of start-up)."""
    lines = doc.expandtabs().split("\n")
    indents = [len(ln) - len(ln.lstrip()) for ln in lines[1:] if ln.strip()]
    margin = min(indents) if indents else 0
    out = [lines[0].strip()] + [ln[margin:].rstrip() for ln in lines[1:]]
    while out and not out[-1]:
        out.pop()
    while out and not out[0]:
        out.pop(0)
    return "\n".join(out)


_loaded = False


def load_all() -> dict[str, Rule]:
    """Import every family module (idempotent) and return the code table."""
    global _loaded
    if not _loaded:
        for module in FAMILIES.values():
            try:
                importlib.import_module(module)
            except ModuleNotFoundError as exc:  # a family not written yet
                if exc.name != module:
                    raise
        _loaded = True
    return RULES


def get(code: str) -> Rule | None:
    rules = load_all()
    code = code.upper()
    return rules.get(REDIRECTS.get(code, code)) or PACK_RULES.get(code)


def matches(code: str, prefixes: Iterable[str]) -> int:
    """Length of the longest prefix in ``prefixes`` that selects ``code`` (0: none)."""
    best = 0
    for p in prefixes:
        p = p.upper()
        if p == "ALL":
            best = max(best, 1)
        elif code.startswith(p):
            best = max(best, len(p) + 1)
    return best


def is_selected(code: str, select: Iterable[str], ignore: Iterable[str]) -> bool:
    """ruff semantics: the more specific of select/ignore wins; on a tie, ignore wins.

    An opt-in (preview) rule is selected only by its exact code, never by ``ALL`` or a prefix.
    """
    r = RULES.get(code)
    if r is not None and r.preview:
        select = [p for p in select if p.upper() == code]
    s = matches(code, select)
    return s > 0 and s > matches(code, ignore)


def is_default(code: str) -> bool:
    """True for a rule of the default set (not an opt-in preview rule)."""
    r = RULES.get(code)
    return r is None or not r.preview


def valid_prefix(prefix: str) -> bool:
    """True when ``prefix`` selects at least one known rule (or is ALL): a built-in one,
    or one of the rule packs loaded so far (see :func:`speechlint.resolve.discover_packs`)."""
    p = prefix.upper()
    if p == "ALL" or any(c.startswith(p) for c in load_all()) or p in REDIRECTS:
        return True
    return any(c.startswith(p) for c in PACK_RULES)
