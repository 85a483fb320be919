"""JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure).

One ``<testsuite>`` per checked file; each finding is a failed ``<testcase>`` named
``CODE line:col`` (``¶paragraph:col`` for Word files); a clean file is one passing
test case, so every file checked shows up.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from . import FileResult, ReportOptions


def _clean(s: str) -> str:
    """XML 1.0 cannot hold most control characters, nor lone surrogates (the bytes of a file
    name that is not UTF-8): show them as \\xNN."""
    return "".join(
        c if c in "\t\n\r" or (" " <= c and c not in "\ufffe\uffff" and not "\ud800" <= c <= "\udfff")
        else f"\\x{ord(c) - 0xDC00 if 0xDC80 <= ord(c) <= 0xDCFF else ord(c):02x}" for c in s
    )


def render(results: Sequence[FileResult], options: ReportOptions) -> str:
    root = ET.Element("testsuites", name="speechlint")
    total = failures = 0
    for res in results:
        if res.error:
            continue
        suite = ET.SubElement(root, "testsuite", name=_clean(res.path))
        n = len(res.diagnostics)
        suite.set("tests", str(max(1, n)))
        suite.set("failures", str(n))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        total += max(1, n)
        failures += n
        if not n:
            ET.SubElement(suite, "testcase", name=_clean(res.path), classname="speechlint",
                          file=_clean(res.path))
            continue
        para = "¶" if res.location_kind == "paragraph" else ""
        for d in res.diagnostics:
            line, col = res.position(d.span.start)
            case = ET.SubElement(
                suite,
                "testcase",
                name=f"{d.code} {para}{line}:{col}",
                classname=_clean(res.path),
                file=_clean(res.path),
                line=str(line),
            )
            failure = ET.SubElement(case, "failure", message=_clean(d.message), type=d.code)
            failure.text = _clean(f"{res.path}:{para}{line}:{col}: {d.code} [{d.severity}] {d.message}")
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
