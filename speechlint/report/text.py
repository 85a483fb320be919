"""``path:line:col: CODE message``, optionally with the source line and a marker.

File names, messages and source lines are written through :func:`speechlint.escape.visible`:
a control character (a terminal escape, a line break in a file name) is shown as an
escape, so that one line is always one finding and nothing reaches the terminal raw.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from ..escape import visible
from . import STORY_NAMES, FileResult, ReportOptions


def _width(s: str) -> int:
    """Display width on a terminal: wide and full-width characters take two cells."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _source(res: FileResult, start: int, end: int, color: bool) -> list[str]:
    line0, col0 = res.index.line_col(start)
    text = res.index.line_text(line0).replace("\t", " ")
    end_col = min(end - res.index.starts[line0], len(text))
    end_col = max(end_col, col0 + 1) if col0 < len(text) else col0 + 1
    # control characters of the line are shown escaped (\e, \x0b), the marker under them
    pad = _width(visible(text[:col0]))
    marks = max(1, _width(visible(text[col0:end_col])))
    marker = " " * pad + "^" * marks
    if color:
        marker = " " * pad + "\x1b[31m" + "^" * marks + "\x1b[0m"
    return [f"    {visible(text)}", f"    {marker}"]


def render(results: Sequence[FileResult], options: ReportOptions) -> str:
    """One line per finding (and its source with ``show_source``), then the statistics."""
    out: list[str] = []
    for res in results:
        if res.error:
            continue  # errors go to stderr, printed by the CLI
        for d in res.diagnostics:
            line, col = res.position(d.span.start)
            code = f"\x1b[1;31m{d.code}\x1b[0m" if options.color else d.code
            # Word files: the line is the paragraph number, shown as "draft.docx:¶12:5:"
            para = "¶" if res.location_kind == "paragraph" else ""
            where = f"{visible(res.path)}:{para}{line}:{col}:"
            if options.color:
                where = f"\x1b[1m{where}\x1b[0m"
            fixable = " [*]" if d.fix is not None and d.fix.applicability == "safe" else ""
            story = STORY_NAMES.get(res.story_of(line), "") if res.stories else ""
            label = f"[{story}] " if story else ""  # a Word header or footer paragraph
            out.append(f"{where} {code}{fixable} {label}{visible(d.message)}")
            if options.show_source:
                out.extend(_source(res, d.span.start, d.span.end, options.color))
    if options.statistics:
        from collections import Counter

        counts = Counter(d.code for r in results for d in r.diagnostics)
        for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            out.append(f"{n:6d}  {code}")
    return "\n".join(out) + ("\n" if out else "")
