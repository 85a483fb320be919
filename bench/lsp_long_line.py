#!/usr/bin/env python3
"""The language server on one very long line: a hostile editing session (issue 17).

Opens a draft whose second line holds ``--chars`` characters with a doubled comma every 25
(thousands of findings), makes ``--keystrokes`` one-character edits on that line and times
each from ``didChange`` to its ``publishDiagnostics``; reads the server's resident memory
(VmRSS, /proc/<pid>/status) before opening, at its peak during the session and after
``didClose``.  Speed and memory are measured here; tests/test_lsp_memory.py asserts only
the memory bound and that every keystroke is published.

    .venv/bin/python bench/lsp_long_line.py
    .venv/bin/python bench/lsp_long_line.py --chars 24000 --keystrokes 50 --json out.json
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.test_lsp_memory import UNIT  # the test's session, timed here
from tests.test_lsp_memory import _published as published
from tests.test_lsp_robust import SERVER, Raw  # the raw JSON-RPC client of the tests


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def session(chars: int, keystrokes: int) -> dict[str, object]:
    line = (UNIT * (chars // len(UNIT) + 1))[:chars]
    folder = Path(tempfile.mkdtemp(prefix="speechlint-bench-"))
    c = Raw(SERVER)
    try:
        c.initialize()
        pid = c.proc.pid
        small = (folder / "small.txt").as_uri()
        c.notify("textDocument/didOpen", {"textDocument": {"uri": small, "languageId": "plaintext", "version": 1,
                                                           "text": "一、总体要求\n" + UNIT * 20 + "\n"}})
        published(c)
        c.notify("textDocument/didClose", {"textDocument": {"uri": small}})
        published(c)
        before = rss_mb(pid)
        uri = (folder / "long.txt").as_uri()
        t0 = time.perf_counter()
        c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1,
                                                           "text": "一、总体要求\n" + line + "\n"}})
        findings = len(published(c, 1))
        open_s = time.perf_counter() - t0
        peak = rss_mb(pid)
        times: list[float] = []
        for version in range(2, keystrokes + 2):
            at = 40 + (version * 97) % max(1, chars - 80)
            t0 = time.perf_counter()
            c.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"range": {"start": {"line": 1, "character": at},
                                              "end": {"line": 1, "character": at}}, "text": "，"}]})
            published(c, version)
            times.append(time.perf_counter() - t0)
            peak = max(peak, rss_mb(pid))
        c.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        published(c)
        c.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}})
        after = rss_mb(pid)
        c.close()
    finally:
        if c.proc.poll() is None:
            c.proc.kill()
    times.sort()
    return {
        "chars": chars, "keystrokes": keystrokes, "findings": findings, "open_s": round(open_s, 3),
        "keystroke_median_s": round(statistics.median(times), 3),
        "keystroke_p95_s": round(times[int(0.95 * (len(times) - 1))], 3),
        "rss_before_mb": round(before), "rss_peak_mb": round(peak), "rss_after_close_mb": round(after),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--chars", type=int, default=70_000)
    ap.add_argument("--keystrokes", type=int, default=30)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    result = session(args.chars, args.keystrokes)
    print("| chars | findings | open | keystroke median / p95 | RSS before / peak / after didClose |")
    print("|---:|---:|---:|---:|---:|")
    print(f"| {result['chars']:,} | {result['findings']:,} | {result['open_s']} s | "
          f"{result['keystroke_median_s']} / {result['keystroke_p95_s']} s | "
          f"{result['rss_before_mb']} / {result['rss_peak_mb']} / {result['rss_after_close_mb']} MB |")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
