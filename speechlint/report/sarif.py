"""SARIF 2.1.0 (one run), the format of GitHub code scanning and most CI dashboards.

Columns count Unicode code points (``columnKind: "unicodeCodePoints"``); lines and
columns are 1-based, the end column exclusive, as in the JSON reporter.  For Word
files the line is the paragraph number (see :mod:`speechlint.docx`); the region then
carries ``properties.locationKind = "paragraph"``.  Safe and unsafe fixes become
SARIF ``fixes`` (replacements), so viewers can offer them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import PurePath
from urllib.parse import quote

from . import FileResult, ReportOptions

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def uri_of(path: str) -> str:
    """A relative URI reference for a relative path, a file: URI for an absolute one.

    The path's bytes are percent-encoded (``os.fsencode``): a name that is not UTF-8 (a GBK
    name from a Windows archive) keeps its own bytes, ``%D6%D0``, instead of failing."""
    if path == "-":
        return "stdin"
    p = PurePath(path)
    if p.is_absolute():
        return "file://" + quote(os.fsencode(p.as_posix() if os.sep == "/" else "/" + p.as_posix()))
    return quote(os.fsencode(p.as_posix()))


def _region(res: FileResult, start: int, end: int) -> dict[str, Any]:
    line, col = res.position(start)
    end_line, end_col = res.position(end)
    region: dict[str, Any] = {
        "startLine": line,
        "startColumn": col,
        "endLine": end_line,
        "endColumn": end_col,
    }
    return region


def render(results: Sequence[FileResult], options: ReportOptions) -> str:
    from .. import __version__, registry

    rules = registry.load_all()
    used = sorted({d.code for r in results for d in r.diagnostics})
    index = {code: i for i, code in enumerate(used)}
    descriptors: list[dict[str, Any]] = []
    for code in used:
        r = rules.get(code)
        desc: dict[str, Any] = {"id": code}
        if r is not None:
            desc["name"] = r.name
            desc["shortDescription"] = {"text": r.summary}
            desc["help"] = {"text": f"speechlint rule {code}"}
            desc["defaultConfiguration"] = {"level": LEVELS.get(r.severity, "warning")}
            desc["properties"] = {"tags": [r.family], "fix": r.fix, "scope": r.scope}
        descriptors.append(desc)

    out_results: list[dict[str, Any]] = []
    artifacts: list[dict[str, Any]] = []
    for res in results:
        if res.error:
            continue
        uri = uri_of(res.path)
        if res.diagnostics:
            artifacts.append({"location": {"uri": uri},
                              **({"mimeType": "application/vnd.openxmlformats-officedocument."
                                  "wordprocessingml.document"}
                                 if res.location_kind == "paragraph" else {})})
        for d in res.diagnostics:
            region = _region(res, d.span.start, d.span.end)
            region["snippet"] = {"text": res.text[d.span.start : d.span.end]}
            if res.location_kind == "paragraph":
                region["properties"] = {"locationKind": "paragraph"}
            item: dict[str, Any] = {
                "ruleId": d.code,
                "ruleIndex": index[d.code],
                "level": LEVELS.get(d.severity, "warning"),
                "message": {"text": d.message},
                "locations": [
                    {"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}
                ],
            }
            if d.fix is not None:
                item["fixes"] = [
                    {
                        "description": {"text": f"{d.fix.applicability} fix"},
                        "artifactChanges": [
                            {
                                "artifactLocation": {"uri": uri},
                                "replacements": [
                                    {
                                        "deletedRegion": _region(res, e.span.start, e.span.end),
                                        "insertedContent": {"text": e.text},
                                    }
                                    for e in d.fix.edits
                                ],
                            }
                        ],
                        "properties": {"applicability": d.fix.applicability},
                    }
                ]
            out_results.append(item)

    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "speechlint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": descriptors,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "artifacts": artifacts,
                "results": out_results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
