"""The language server's memory is bounded by its open documents (issue 17).

One line of 70,000 characters with thousands of findings, edited keystroke by keystroke: the
server keeps publishing, its resident memory (VmRSS of the server process, read from
/proc/<pid>/status) stays under a stated bound, and falls back once the document is closed.
It used to keep a copy of the whole line per finding (1.2 -> 4.5 GB in four keystrokes, then
MemoryError and no more diagnostics).  No timing is asserted.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_lsp_robust import SERVER, Raw

pytestmark = pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads VmRSS from /proc")

UNIT = "我们要坚持稳中求进工作总基调，，推动高质量发展。"  # one DUP003 per 25 characters
LINE = (UNIT * (70_000 // len(UNIT) + 1))[:70_000]
#: The bound on the server's resident memory during the session (MB).  It guards against the
#: blow-up this test was written for (GB within a few keystrokes) and against a cache that grows
#: with every keystroke: the earlier states of the edited line were kept up to 256 by count
#: alone, about 3.9 MB each here (197 MB after these 30 keystrokes, 390 MB after 80, measured
#: on a 2-vCPU AMD EPYC VM at 14a7608); bounded by size too, the server stays at 84 MB from
#: the first keystroke to the 80th (59 MB before the document is opened).
PEAK_MB = 120
#: After didClose, at most this much above the server before the document was opened (MB):
#: the session's memory goes back (the server runs on the C allocator and trims it at
#: didClose; on Python's small-object allocator it stayed: 46 -> 70 -> 68 MB).  What stays
#: is rule data the long line needed first (72 MB after didClose at b1cd5d6 and now; the
#: server before the document went from 59 to 56 MB when WRD001's word list loaded leaner).
AFTER_CLOSE_MB = 20


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def _published(c: Raw, version: int | None = None) -> list[dict[str, object]]:
    while True:
        msg = c.wait_notification("textDocument/publishDiagnostics")
        if version is None or msg["params"].get("version") == version:
            return msg["params"]["diagnostics"]  # type: ignore[no-any-return]


def test_long_line_editing_session_stays_bounded_and_gives_memory_back(tmp_path: Path) -> None:
    c = Raw(SERVER)
    try:
        c.initialize()
        pid = c.proc.pid
        # warm up: the rules and their data loaded by a draft of the same kind, long enough
        # (6,000 characters) for the indexes built only past a few thousand characters
        # (WordFinder.FIND_CHARS, HomophoneTable.PAIRWISE_CHARS): rule data, kept
        small = (tmp_path / "small.txt").as_uri()
        c.notify("textDocument/didOpen", {"textDocument": {"uri": small, "languageId": "plaintext", "version": 1,
                                                           "text": "一、总体要求\n" + UNIT * 240 + "\n"}})
        assert len(_published(c)) == 240
        c.notify("textDocument/didClose", {"textDocument": {"uri": small}})
        _published(c)
        before = _rss_mb(pid)

        uri = (tmp_path / "long.txt").as_uri()
        c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1,
                                                           "text": "一、总体要求\n" + LINE + "\n"}})
        first = _published(c, 1)
        assert len(first) >= 2_000
        peak = _rss_mb(pid)
        for version in range(2, 32):  # 30 keystrokes on the long line, each one published
            at = 40 + version * 97
            c.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"range": {"start": {"line": 1, "character": at},
                                              "end": {"line": 1, "character": at}}, "text": "，"}]})
            found = _published(c, version)
            assert len(found) >= 2_000
            peak = max(peak, _rss_mb(pid))
        assert peak < PEAK_MB, f"{peak:.0f} MB"

        c.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        assert _published(c) == []
        c.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}})
        after = _rss_mb(pid)
        assert after < before + AFTER_CLOSE_MB, f"{before:.0f} MB before, {after:.0f} MB after didClose"
        assert c.close() == 0
    finally:
        if c.proc.poll() is None:
            c.proc.kill()
