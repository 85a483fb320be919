"""A JSON array of findings: a public, stable interface.

Each item is exactly ``{"path", "line", "column", "end_line", "end_column",
"code", "severity", "message", "fix"}``; lines and columns are 1-based, columns
count Unicode code points, the end is exclusive.  ``fix`` is null or
``{"applicability": "safe"|"unsafe", "edits": [{"line", "column", "end_line",
"end_column", "text"}]}``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from ..escape import visible
from . import FileResult, ReportOptions

_SURROGATE = re.compile("[\ud800-\udfff]")


def _path(path: str) -> str:
    """The path as valid Unicode: a byte of a name that is not UTF-8 (a lone surrogate after
    ``os.fsdecode``) is written ``\\xd6``, as the text report shows it; everything else is
    left to JSON's own escaping, so a consumer reads back the real name."""
    return _SURROGATE.sub(lambda m: visible(m.group()), path) if _SURROGATE.search(path) else path


def items(results: Sequence[FileResult]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for res in results:
        for d in res.diagnostics:
            line, col = res.position(d.span.start)
            end_line, end_col = res.position(d.span.end)
            fix: dict[str, Any] | None = None
            if d.fix is not None:
                edits = []
                for e in d.fix.edits:
                    el, ec = res.position(e.span.start)
                    eel, eec = res.position(e.span.end)
                    edits.append(
                        {"line": el, "column": ec, "end_line": eel, "end_column": eec, "text": e.text}
                    )
                fix = {"applicability": d.fix.applicability, "edits": edits}
            out.append(
                {
                    "path": _path(res.path),
                    "line": line,
                    "column": col,
                    "end_line": end_line,
                    "end_column": end_col,
                    "code": d.code,
                    "severity": d.severity,
                    "message": d.message,
                    "fix": fix,
                }
            )
    return out


def render(results: Sequence[FileResult], options: ReportOptions) -> str:
    return json.dumps(items(results), ensure_ascii=False, indent=2) + "\n"
