"""A JSON array of findings: a public, stable interface.

Each item is exactly ``{"path", "line", "column", "end_line", "end_column",
"code", "severity", "message", "fix"}``; lines and columns are 1-based, columns
count Unicode code points, the end is exclusive.  ``fix`` is null or
``{"applicability": "safe"|"unsafe", "edits": [{"line", "column", "end_line",
"end_column", "text"}]}``.
"""

from __future__ import annotations

from collections.abc import Sequence

from . import FileResult, ReportOptions

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


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
                    "path": res.path,
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
    """``json.dumps(items(results), ensure_ascii=False, indent=2) + "\\n"``, byte for byte.

    Written out by hand: with ``indent`` the standard library encodes in pure Python
    (the C encoder serves only compact output), about 65 ms for 14,000 findings -- the
    largest cost of a folder check after the rules.  Strings go through the same
    escaping function ``json.dumps`` uses (``tests/test_formats.py`` compares the two).
    """
    return join([part(res, options) for res in results], results, options)


def part(res: FileResult, options: ReportOptions) -> str:
    """One file's items as :func:`render` writes them, without the brackets ("" when none).

    ``--jobs`` workers write the parts of their files; the parent only joins them.
    """
    from json.encoder import encode_basestring as s  # what json.dumps uses, ensure_ascii=False

    out: list[str] = []
    path = s(res.path)
    position = res.position
    for d in res.diagnostics:
        line, col = position(d.span.start)
        end_line, end_col = position(d.span.end)
        if d.fix is None:
            fix = "null"
        else:
            edits = []
            for e in d.fix.edits:
                el, ec = position(e.span.start)
                eel, eec = position(e.span.end)
                edits.append(
                    f'{{\n          "line": {el},\n          "column": {ec},\n'
                    f'          "end_line": {eel},\n          "end_column": {eec},\n'
                    f'          "text": {s(e.text)}\n        }}'
                )
            listed = "[\n        " + ",\n        ".join(edits) + "\n      ]" if edits else "[]"
            fix = (f'{{\n      "applicability": {s(d.fix.applicability)},\n'
                   f'      "edits": {listed}\n    }}')
        out.append(
            f'{{\n    "path": {path},\n    "line": {line},\n    "column": {col},\n'
            f'    "end_line": {end_line},\n    "end_column": {end_col},\n'
            f'    "code": {s(d.code)},\n    "severity": {s(d.severity)},\n'
            f'    "message": {s(d.message)},\n    "fix": {fix}\n  }}'
        )
    return ",\n  ".join(out)


def join(parts: Sequence[str], results: Sequence[FileResult], options: ReportOptions) -> str:
    """The report of ``results`` from their parts (:func:`part`)."""
    parts = [p for p in parts if p]
    if not parts:
        return "[]\n"
    return "[\n  " + ",\n  ".join(parts) + "\n]\n"
