"""Run the selected rules over a document: the only door into the checks.

``Linter`` holds what is expensive to prepare (the selected rules and their
validated data) so that the language server can re-lint on every keystroke, and
a CLI run over a thousand files prepares it once.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import PurePath

from . import registry
from .config import DEFAULT, Config
from .document import Document, LineIndex, changed_range
from .model import Diagnostic, Edit, Fix, RuleFailure, Severity, Span

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

def filetype_of(path: str | None) -> str:
    """'md' for Markdown names, 'txt' for anything else."""
    if path and PurePath(path).suffix.lower() in (".md", ".markdown"):
        return "md"
    return "txt"


def per_file_ignores(config: Config, path: str | None) -> tuple[str, ...]:
    if not path or not config.per_file_ignores:
        return ()
    out: list[str] = []
    for pattern, codes in config.per_file_ignores.items():
        if _path_matches(path, pattern):
            out.extend(codes)
    return tuple(out)


def _path_matches(path: str, pattern: str) -> bool:
    p = PurePath(path).as_posix()
    # globs from a configuration file are anchored at its folder (absolute): match those
    # against the absolute path as well
    ap = PurePath(os.path.abspath(path)).as_posix() if path != "-" else p
    return (fnmatch.fnmatch(p, pattern) or fnmatch.fnmatch(PurePath(p).name, pattern)
            or fnmatch.fnmatch(p, "*/" + pattern) or fnmatch.fnmatch(ap, pattern))


def allowed_for(config: Config, path: str | None) -> tuple[str, ...]:
    """Words and passages never flagged in ``path``: ``allow``, and the ``allow-passage``
    entries whose file glob matches it."""
    if not path or not config.allow_passages:
        return config.allow
    return (*config.allow, *(text for glob, text in config.allow_passages if _path_matches(path, glob)))


class Linter:
    """Selected rules with their data, ready to check many documents."""

    def __init__(self, config: Config | None = None, path: str | None = None) -> None:
        from .data import family_data

        self.config = config or DEFAULT
        select = (*self.config.select, *self.config.extend_select)
        ignore = (*self.config.ignore, *per_file_ignores(self.config, path))
        self.allowed = allowed_for(self.config, path)
        rules = registry.load_all()
        self.rules: tuple[registry.Rule, ...] = tuple(
            r for code, r in sorted(rules.items()) if registry.is_selected(code, select, ignore)
        )
        self.data: dict[str, Any] = {}
        for r in self.rules:
            if r.data is not None:
                self.data[r.code] = family_data(r.family)[r.code]
        if self.config.packs:  # user rule packs: loaded and validated once per Linter
            from .packs import load_packs

            extra = [(r, d) for r, d in load_packs(self.config.packs) if registry.is_selected(r.code, select, ignore)]
            self.rules = (*self.rules, *(r for r, _ in extra))
            self.data.update((r.code, d) for r, d in extra)
        self._reported: set[str] = set()
        self._severity = {r.code: self._severity_of(r) for r in self.rules}

    def _severity_of(self, r: registry.Rule) -> Severity:
        best, sev = 0, r.severity
        for prefix, value in self.config.severity.items():
            n = registry.matches(r.code, [prefix])
            if n > best:
                best, sev = n, value
        return sev

    # ------------------------------------------------------------------ run
    def run(
        self,
        doc: Document,
        *,
        scope: str | None = None,
        failures: list[RuleFailure] | None = None,
    ) -> list[Diagnostic]:
        """Raw findings of the selected rules (of one ``scope`` when given)."""
        out: list[Diagnostic] = []
        for r in self.rules:
            if scope is not None and r.scope != scope:
                continue
            found = self._check(r, doc, failures)
            if found:
                out.extend(found)
        return out

    def _unread(
        self,
        edit: _LineEdit,
        view: registry.LineView,
        views: _Views,
    ) -> bool:
        """``edit.unread``; a line view that fails only means the rules with it run again."""
        try:
            return edit.unread(view, views)
        except Exception:  # the rules themselves report what is broken
            import logging

            logging.getLogger("speechlint").debug("line view %r failed", view, exc_info=True)
            return False

    def _check(self, r: registry.Rule, doc: Document, failures: list[RuleFailure] | None) -> list[Diagnostic] | None:
        """Raw findings of one rule; None when it failed (noted in ``failures``)."""
        try:
            if r.data is not None:
                return list(r.check(doc, self.data[r.code]))
            return list(r.check(doc))
        except Exception as exc:  # a broken rule must not stop the others
            failure = RuleFailure(r.code, f"{type(exc).__name__}: {exc}")
            if failures is not None:
                failures.append(failure)
            if r.code not in self._reported:  # the traceback, for --verbose and bug reports
                self._reported.add(r.code)
                import logging  # only now: a failure is rare, the import is not free

                logging.getLogger("speechlint").debug(
                    "rule %s failed: %s", r.code, failure.error, exc_info=True
                )
            return None

    def finish(self, doc: Document, diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
        """Stamp severities, drop allowed words and suppressed findings, sort."""
        allowed = _allowed_spans(doc.text, self.allowed) if self.allowed else ()
        suppressed = None
        out: list[Diagnostic] = []
        for d in diagnostics:
            if allowed and any(a.contains(d.span) for a in allowed):
                continue
            if suppressed is None:
                suppressed = _suppressions(doc)
            if suppressed and _is_suppressed(doc, d, suppressed):
                continue
            sev = self._severity.get(d.code, d.severity)
            if sev != d.severity:
                d = Diagnostic(d.code, d.span, d.message, d.fix, sev, d.extra)
            out.append(d)
        out.sort(key=lambda d: (d.span.start, d.span.end, d.code))
        out = _one_per_repair(out)
        from . import i18n

        if i18n.findings_language(self.config.language) == "en":  # the messages' catalogue
            from .messages_en import translate

            out = [Diagnostic(d.code, d.span, translate(d.code, d.message), d.fix, d.severity, d.extra)
                   for d in out]
        return out

    def lint(
        self,
        text: str,
        *,
        filetype: str = "txt",
        failures: list[RuleFailure] | None = None,
    ) -> list[Diagnostic]:
        doc = Document.from_text(text, filetype)
        return self.finish(doc, self.run(doc, failures=failures))

    def lint_cached(
        self,
        text: str,
        cache: dict[Any, Any],
        *,
        filetype: str = "txt",
        failures: list[RuleFailure] | None = None,
    ) -> list[Diagnostic]:
        """Same result as :meth:`lint`, re-running paragraph-scope rules on changed lines only.

        A line is run as the rules see it in the whole text: from the line ending before it
        to the end of its own, so that a rule reading one character back or a fix removing the
        line gives what it gives in the document (tests/test_lsp_incremental.py compares both
        on random edits).  ``cache`` maps (line text, masked line text) to the paragraph-scope
        findings on that line (line-relative spans), and the same key plus the line's offset
        to those findings placed there; the caller keeps one (opaque) dict per document and
        this Linter, and it holds the current lines and a bounded number of earlier states of
        edited lines (``_LINE_HISTORY``: a character typed and deleted finds the line's
        findings from before).  It also keeps the last text with
        its findings: when this text differs from it within one line (a keystroke), only that
        line is looked up (the other lines' findings are the last ones, moved), and a
        document-scope rule whose line view (``registry.rule``) shows that the change is
        nothing it reads keeps its last findings, moved with the text.  The other
        document-scope rules see the whole text, as an ``edited`` Document (they may keep
        bounded memos of its parts).
        """
        doc = Document.from_text(text, filetype, edited=True)
        last = cache.get(_Last)
        if not isinstance(last, _Last) or last.filetype != filetype:
            last = None
        edit = _LineEdit.between(last, doc) if last is not None else None
        # the line views made so far, kept while the lines keep their numbers (bounded)
        views = last.views if edit is not None and last is not None and not last.views.full() else _Views()
        unread: dict[registry.LineView, bool] = {}  # line view -> the edit changes nothing it reads
        kept: dict[str, tuple[Diagnostic, ...]] = {}
        found: list[Diagnostic] = []
        for r in self.rules:
            if r.scope != "document":
                continue
            hit = None
            view = r.line_view
            if edit is not None and last is not None and view is not None and r.code in last.findings:
                clean = unread.get(view)
                if clean is None:
                    clean = unread[view] = self._unread(edit, view, views)
                if clean:
                    hit = edit.moved(last.findings[r.code])
            if hit is None:
                now = self._check(r, doc, failures)
                if now is None:
                    continue
                hit = tuple(now)
            kept[r.code] = hit
            found.extend(hit)
        lines: list[tuple[int, tuple[Diagnostic, ...]]] = []
        if any(r.scope == "paragraph" for r in self.rules):
            if edit is not None and last is not None:
                lines = self._line_edited(doc, edit, last.lines, cache, failures)
            else:
                fresh: dict[Any, Any] = {}
                lines = self._lines_cached(doc, cache, fresh, failures)
                cache.clear()
                cache.update(fresh)
            for _, placed in lines:
                found.extend(placed)
        cache[_Last] = _Last(text, doc.check_text, filetype, doc.index, kept, views, lines)
        return self.finish(doc, found)

    def _lines_cached(
        self,
        doc: Document,
        cache: dict[Any, Any],
        fresh: dict[Any, Any],
        failures: list[RuleFailure] | None,
    ) -> list[tuple[int, tuple[Diagnostic, ...]]]:
        """The paragraph-scope findings of every line that has some, from ``cache`` or run
        (see :meth:`lint_cached`); ``fresh`` receives the cache of this text."""
        out: list[tuple[int, tuple[Diagnostic, ...]]] = []
        for i in range(len(doc.index.starts)):
            start, end, key = _line_key(doc.index, doc.text, doc.check_text, i)
            hit = fresh.get(key)
            if hit is None:
                hit = cache.get(key)
                if hit is None:
                    hit = self._run_line(doc, start, end, key, failures)
                fresh[key] = hit
            if hit:
                # the findings placed at this offset last time, when the line has not moved
                at = (*key, start)
                placed = cache.get(at) or fresh.get(at)
                if placed is None:
                    placed = tuple(d.shifted(start) for d in hit) if start else hit
                fresh[at] = placed
                out.append((i, placed))
        return out

    def _line_edited(
        self,
        doc: Document,
        edit: _LineEdit,
        last: list[tuple[int, tuple[Diagnostic, ...]]],
        cache: dict[Any, Any],
        failures: list[RuleFailure] | None,
    ) -> list[tuple[int, tuple[Diagnostic, ...]]]:
        """The paragraph-scope findings of every line when only line ``edit.line`` changed:
        the ``last`` ones, those after it moved, and the changed line's from ``cache`` or run
        (added to ``cache``, which keeps the old line's entries too, as :class:`_History`
        bounds them)."""
        line, delta = edit.line, edit.delta
        start, end, key = _line_key(doc.index, doc.text, doc.check_text, line)
        hit = cache.get(key)
        if hit is None:
            hit = self._run_line(doc, start, end, key, failures)
        history = cache.get(_History)
        if not isinstance(history, _History):
            history = cache[_History] = _History()
        # the old line's entries stay for a line typed back (a character typed and deleted,
        # an undo) while the history's bounds allow; the new line's are current again
        history.forget((key, (*key, start)))
        old = (edit.old_key, (*edit.old_key, start))
        history.add(old, len(edit.old_key[0]), sum(len(f) for k in old if (f := cache.get(k))))
        history.trim(cache)
        cache[key] = hit
        out = [(i, placed) for i, placed in last if i < line]
        if hit:
            placed = tuple(d.shifted(start) for d in hit) if start else hit
            cache[(*key, start)] = placed
            out.append((line, placed))
        out.extend((i, tuple(d.shifted(delta) for d in placed) if delta else placed)
                   for i, placed in last if i > line)
        return out

    def _run_line(
        self,
        doc: Document,
        start: int,
        end: int,
        key: tuple[str, str],
        failures: list[RuleFailure] | None,
    ) -> tuple[Diagnostic, ...]:
        masked = tuple(
            Span(max(s.start, start) - start, min(s.end, end) - start)
            for s in doc.masked
            if s.start < end and s.end > start
        ) if doc.masked else ()
        line = Document(key[0], key[1], doc.filetype, masked)
        return tuple(self.run(line, scope="paragraph", failures=failures))


@dataclass(frozen=True, slots=True)
class _Last:
    """What :meth:`Linter.lint_cached` keeps of the last text for the next one: the text,
    its line index, the document-scope findings of each rule and the line views made while
    the lines kept their numbers."""

    text: str
    check_text: str
    filetype: str
    index: LineIndex
    findings: dict[str, tuple[Diagnostic, ...]]
    views: _Views
    #: The paragraph-scope findings of each line that has some: (line, findings).
    lines: list[tuple[int, tuple[Diagnostic, ...]]]


@dataclass(frozen=True, slots=True)
class _LineEdit:
    """The difference between the last text and this one, when it lies within one line:
    the characters ``[start, end)`` of the last text became ``[start, end + delta)``, in
    the line starting at ``line_start`` (the same offset in both), whose text and masked
    text were ``old`` and are ``new``."""

    start: int
    end: int
    delta: int
    line: int
    line_start: int
    old: tuple[str, str]
    new: tuple[str, str]
    #: The changed line's key in the paragraph-scope cache of the last text (see lint_cached).
    old_key: tuple[str, str]

    @staticmethod
    def between(last: _Last, doc: Document) -> _LineEdit | None:
        """The edit from ``last`` to ``doc`` (None: none, or one across lines)."""
        text, check = doc.text, doc.check_text
        changed = changed_range(last.text, text)
        masked = None if check is text and last.check_text is last.text else changed_range(last.check_text, check)
        changes = [c for c in (changed, masked) if c is not None]
        if not changes:
            return None
        start = min(c[0] for c in changes)
        end = max(c[1] for c in changes)
        delta = len(text) - len(last.text)
        index = last.index
        line = index.line_of(start)
        line_start, line_end = index.starts[line], index.line_end(line)
        if end > line_end or len(doc.index.starts) != len(index.starts) or _EOL_CHARS.search(text, start, end + delta):
            return None  # the line breaks changed
        new_end = line_end + delta
        return _LineEdit(start, end, delta, line, line_start,
                         (last.text[line_start:line_end], last.check_text[line_start:line_end]),
                         (text[line_start:new_end], check[line_start:new_end]),
                         _line_key(index, last.text, last.check_text, line)[2])

    def unread(
        self,
        view: registry.LineView,
        views: _Views,
    ) -> bool:
        """Does ``view`` show that the edit changes nothing a rule with that view reads?"""
        summary, parts = _view(view, self.line, self.old, views)
        new_summary, new_parts = _view(view, self.line, self.new, views)
        if summary != new_summary or len(parts) != len(new_parts):
            return False
        a, b, delta = self.start - self.line_start, self.end - self.line_start, self.delta
        for (s, e), (s2, e2) in zip(parts, new_parts, strict=True):
            # a part ends before the edit or starts after it, one character away at least
            if e < a:
                if (s2, e2) != (s, e):
                    return False
            elif s > b:
                if (s2, e2) != (s + delta, e + delta):
                    return False
            else:
                return False
        return True

    def moved(self, findings: tuple[Diagnostic, ...]) -> tuple[Diagnostic, ...] | None:
        """``findings`` of the last text where they are in this one (None when one of them
        is at or inside the edit)."""
        out: list[Diagnostic] = []
        for d in findings:
            moved = self._moved(d)
            if moved is None:
                return None
            out.append(moved)
        return tuple(out)

    def _moved(self, d: Diagnostic) -> Diagnostic | None:
        """``d`` in this text (None when one of its offsets is at or inside the edit)."""
        a, b = self.start, self.end
        spans = [d.span, *(e.span for e in d.fix.edits)] if d.fix is not None else [d.span]
        if all(sp.end < a for sp in spans):
            return d
        if all(sp.start > b for sp in spans):
            return d.shifted(self.delta)
        if any(not (sp.end < a or sp.start > b) for sp in spans):
            return None
        fix = d.fix
        assert fix is not None  # the span and the edits lie on both sides of the edit
        edits = tuple(Edit(self._span(e.span), e.text) for e in fix.edits)
        return Diagnostic(d.code, self._span(d.span), d.message, Fix(edits, fix.applicability), d.severity, d.extra)

    def _span(self, sp: Span) -> Span:
        return sp if sp.end < self.start else sp.shifted(self.delta)


_EOL_CHARS = re.compile("[\r\n]")


def _line_key(index: LineIndex, text: str, check: str, i: int) -> tuple[int, int, tuple[str, str]]:
    """Line ``i`` of ``text`` (``check``: its masked text; ``index``: its lines) as the
    paragraph-scope rules see it in the document: from the line ending before it (what a
    clause or a line number starts from) to the end of its own (a fix may remove the whole
    line): its start, end and cache key (text, masked text)."""
    start = index.line_end(i - 1) if i else 0
    end = index.starts[i + 1] if i + 1 < len(index.starts) else len(text)
    return start, end, (text[start:end], check[start:end])


def _view(
    view: registry.LineView,
    number: int,
    line: tuple[str, str],
    views: _Views,
) -> Any:
    """``view`` of line ``number`` (its text, its masked text), remembered in ``views``: a
    line view is a function of these alone, and a line typed in and then back (a character
    typed and deleted, an undo) is not viewed again."""
    key = (view, number, *line)
    got = views.made.get(key)
    if got is None:
        got = views.made[key] = view(number, *line)
        views.chars += len(line[0])
    return got


#: The collector's thresholds of a process that checks (``gc.set_threshold``): after 20,000
#: new container objects instead of Python's 700.  A run holds millions of long-lived
#: objects (the rule data, the model's contexts, the caches) and makes hardly any cycle;
#: the default had the collector walk them over and over (the CLI, ``cli._fewer_collections``)
#: and stop a keystroke for a full collection (the language server).
GC_THRESHOLDS = (20_000, 50, 100)
#: ... and of a check from the command line (``cli._fewer_collections``): after 100,000.  A
#: young collection walks every container made since the last one, and a check's are
#: nearly all alive (the caches, the findings): on the 10 MB benchmark input three young
#: collections took 17-20 ms and freed 333 objects; none are made now, and on the 9 MB of
#: ``input_distinct`` one (27 ms) where thirteen took 35 ms, same peak memory.  The
#: language server keeps ``GC_THRESHOLDS``: the fewer objects a collection walks, the
#: shorter the pause of the keystroke it falls on.
CHECK_GC_THRESHOLDS = (100_000, 50, 100)

#: At most this many line views are remembered for a document (``_view``) ...
_VIEWS = 4096
#: ... made of lines of at most this many characters in all (each key holds its line's text).
_VIEW_CHARS = 1_000_000
#: The paragraph-scope cache of a document keeps entries of lines no longer in it (earlier
#: states of an edited line, ``Linter._line_edited``) up to this many cache entries ...
_LINE_HISTORY = 256
#: ... of lines of at most this many characters in all ...
_HISTORY_CHARS = 200_000
#: ... holding at most this many findings in all.  Count alone did not bound the memory: an
#: edited line of 70,000 characters with 2,800 findings kept about 3.9 MB per keystroke,
#: 1 GB at 256 (tests/test_lsp_memory.py).
_HISTORY_FINDINGS = 5_000


@dataclass(slots=True)
class _Views:
    """The line views made while a document's lines keep their numbers (``_view``), and
    the characters of the lines they were made of."""

    made: dict[tuple[Any, int, str, str], Any] = field(default_factory=dict)
    chars: int = 0

    def full(self) -> bool:
        return len(self.made) >= _VIEWS or self.chars >= _VIEW_CHARS


@dataclass(slots=True)
class _History:
    """The cache entries of earlier states of edited lines (``Linter._line_edited``), oldest
    first, with the characters and findings they hold: kept within ``_LINE_HISTORY``
    entries, ``_HISTORY_CHARS`` and ``_HISTORY_FINDINGS``."""

    #: (the cache keys of one earlier line state) -> (its characters, its findings)
    states: dict[tuple[Any, ...], tuple[int, int]] = field(default_factory=dict)
    entries: int = 0
    chars: int = 0
    findings: int = 0

    def add(self, keys: tuple[Any, ...], chars: int, findings: int) -> None:
        if keys not in self.states:
            self.states[keys] = (chars, findings)
            self.entries += len(keys)
            self.chars += chars
            self.findings += findings

    def forget(self, keys: tuple[Any, ...]) -> None:
        """A state that is current again: its entries are the line's, not history."""
        got = self.states.pop(keys, None)
        if got is not None:
            self._less(keys, got)

    def trim(self, cache: dict[Any, Any]) -> None:
        """Drop the oldest states from ``cache`` until the history is within its bounds."""
        while self.states and (
            self.entries > _LINE_HISTORY or self.chars > _HISTORY_CHARS or self.findings > _HISTORY_FINDINGS
        ):
            keys = next(iter(self.states))
            self._less(keys, self.states.pop(keys))
            for k in keys:
                cache.pop(k, None)

    def _less(self, keys: tuple[Any, ...], size: tuple[int, int]) -> None:
        self.entries -= len(keys)
        self.chars -= size[0]
        self.findings -= size[1]


def _one_per_repair(found: list[Diagnostic]) -> list[Diagnostic]:
    """``found`` (sorted by span) less each finding whose span and fix's edits repeat an
    earlier one's: two rules that see the same slip (布署 is a listed misspelling, WRD003,
    and a homophone slip, WRD007) report it once, under the lower code.  Findings without a
    fix are all kept: their messages may say different things."""
    out: list[Diagnostic] = []
    seen: set[tuple[Span, tuple[Edit, ...]]] = set()
    for d in found:
        if d.fix is not None:
            key = (d.span, d.fix.edits)
            if key in seen:
                continue
            seen.add(key)
        out.append(d)
    return out


def _allowed_spans(text: str, words: Sequence[str]) -> list[Span]:
    spans: list[Span] = []
    for w in words:
        if not w:
            continue
        i = text.find(w)
        while i >= 0:
            spans.append(Span(i, i + len(w)))
            i = text.find(w, i + 1)
    return spans


def _suppressions(doc: Document) -> list[Any]:
    if "speechlint-" not in doc.text:
        return []
    from .markdown import suppressions

    return suppressions(doc)


def _is_suppressed(doc: Document, d: Diagnostic, rules: list[Any]) -> bool:
    from .markdown import is_suppressed

    return is_suppressed(doc, d, rules)


# ------------------------------------------------------------------- caching
_LINTERS: dict[tuple[Any, ...], Linter] = {}


def linter_for(config: Config | None = None, path: str | None = None) -> Linter:
    """A cached :class:`Linter` for this configuration (and path's per-file ignores)."""
    cfg = config or DEFAULT
    key = (
        cfg.select,
        cfg.extend_select,
        cfg.ignore,
        per_file_ignores(cfg, path),
        tuple(sorted(cfg.severity.items())),
        allowed_for(cfg, path),
        cfg.packs,
        cfg.language,
    )
    lt = _LINTERS.get(key)
    if lt is None:
        if len(_LINTERS) > 64:
            _LINTERS.clear()
        lt = _LINTERS[key] = Linter(cfg, path)
    return lt


# --------------------------------------------------------------------- fixes
@dataclass(frozen=True, slots=True)
class FixResult:
    text: str
    applied: int  # number of fixes applied over all passes
    remaining: list[Diagnostic]  # findings left after the last pass
    found: int = 0  # findings in the text before the first pass

    @property
    def repaired(self) -> int:
        """Findings of the text as checked that the fixes made go away: the number a user
        compares with the check's ``[*]`` (``applied`` counts edits over all passes: fixing
        ",," to "，，" then "，" is two)."""
        gone = self.found - len(self.remaining)
        return gone if gone > 0 else (self.applied and 1)


def _touches(edit_span: Span, protected: Sequence[Span]) -> bool:
    """Whether an edit changes a character of a protected span (or inserts inside one)."""
    a, b = edit_span.start, edit_span.end
    for p in protected:
        if a == b:
            if p.start < a < p.end:
                return True
        elif a < p.end and p.start < b:
            return True
    return False


def apply_fixes(
    text: str,
    diagnostics: Iterable[Diagnostic],
    *,
    unsafe: bool = False,
    protected: Sequence[Span] = (),
) -> tuple[str, int]:
    """Apply the non-overlapping fixes of ``diagnostics`` in one pass.

    Returns the new text and the number of fixes applied.  When two fixes touch
    overlapping spans (or insert at the same point), the first one (by position,
    then code) wins and the other waits for the next pass.  A fix with an edit
    outside the text, or changing a ``protected`` span (the document's masks:
    URLs, Markdown markup and code, suppression comments), is never applied.
    """
    fixes = [
        d.fix
        for d in sorted(diagnostics, key=lambda d: (d.span.start, d.code))
        if d.fix is not None and (d.fix.applicability == "safe" or unsafe)
    ]
    fixes.sort(key=lambda f: (f.span.start, f.span.end))
    chosen: list[Any] = []
    last_end = -1
    for f in fixes:
        if f.span.start < last_end or (f.span.start == last_end and chosen and f.span.start == f.span.end):
            continue
        edits = sorted(f.edits, key=lambda e: e.span.start)
        if any(a.span.end > b.span.start for a, b in pairwise(edits)):
            continue  # a malformed fix with overlapping edits is never applied
        if any(not 0 <= e.span.start <= e.span.end <= len(text) for e in edits):
            continue  # nor one reaching outside the text
        if protected and any(_touches(e.span, protected) for e in edits):
            continue  # fixes never change masked text (markup, code, URLs)
        chosen.append(edits)
        last_end = max(last_end, f.span.end)
    if not chosen:
        return text, 0
    parts: list[str] = []
    pos = 0
    for edits in chosen:
        for e in edits:
            parts.append(text[pos : e.span.start])
            parts.append(e.text)
            pos = e.span.end
    parts.append(text[pos:])
    return "".join(parts), len(chosen)


def fix(
    text: str,
    config: Config | None = None,
    *,
    unsafe: bool = False,
    filetype: str = "txt",
    path: str | None = None,
    max_passes: int = 8,
    failures: list[RuleFailure] | None = None,
) -> FixResult:
    """Apply fixes, re-lint and repeat until nothing changes (at most ``max_passes``).

    Rules that raise are skipped and recorded in ``failures`` when given (once per pass)."""
    lt = linter_for(config, path)
    applied = 0
    doc = Document.from_text(text, filetype)
    diags = lt.finish(doc, lt.run(doc, failures=failures))
    found = len(diags)
    for _ in range(max_passes):
        new, n = apply_fixes(text, diags, unsafe=unsafe, protected=doc.masked)
        if n == 0 or new == text:
            break
        applied += n
        text = new
        doc = Document.from_text(text, filetype)
        diags = lt.finish(doc, lt.run(doc, failures=failures))
    return FixResult(text, applied, diags, found)
