"""GitHub Actions workflow commands: one ``::error file=…,line=…,col=…::message`` per finding.

Severities map to ``error``, ``warning`` and ``notice``; the title is the rule code.
Values are escaped as the runner expects (``%``, CR, LF everywhere; ``:`` and ``,``
in properties too); other control characters (ESC, BEL, ...), which the runner would
pass to the log raw, are written as visible escapes (``\\e``, ``\\x07``).  Word files give the paragraph number as the line.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..escape import UNSAFE, visible
from . import FileResult, ReportOptions

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def _data(s: str) -> str:
    s = s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return visible(s) if UNSAFE.search(s) else s  # ESC, BEL, ...: shown, never sent raw


def _prop(s: str) -> str:
    return _data(s).replace(":", "%3A").replace(",", "%2C")


def render(results: Sequence[FileResult], options: ReportOptions) -> str:
    """One workflow command per finding."""
    out: list[str] = []
    for res in results:
        if res.error:
            continue
        for d in res.diagnostics:
            line, col = res.position(d.span.start)
            end_line, end_col = res.position(d.span.end)
            props = [f"file={_prop(res.path)}", f"line={line}", f"col={col}"]
            if end_line == line:
                props.append(f"endColumn={end_col}")
            else:
                props.append(f"endLine={end_line}")
            props.append(f"title={_prop(d.code)}")
            where = "¶" if res.location_kind == "paragraph" else ""
            msg = f"{d.code} {d.message} ({where}{line}:{col})" if where else f"{d.code} {d.message}"
            out.append(f"::{COMMANDS.get(d.severity, 'warning')} {','.join(props)}::{_data(msg)}")
    return "\n".join(out) + ("\n" if out else "")
