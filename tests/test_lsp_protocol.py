"""Why the server keeps its own text documents instead of pygls's workspace.

``lsp/server.py``'s ``SpeechlintProtocol`` takes over ``didOpen``/``didChange``/``didClose``
from pygls.  The first test shows, on the pinned pygls, the two behaviours of its workspace
that force it; when a pygls release fixes them that test fails, and the class can go (its
docstring says so).  The others show the server applying such changes right.
"""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types
from pygls.workspace import TextDocument

from speechlint import engine
from tests.test_lsp_incremental import _expected, _wire
from tests.test_lsp_robust import SERVER, Raw, publish_for

#: LSP line 0 holds a line separator (U+2028), which is not a line break for LSP or the
#: editor; the edit goes to the end of line 1, after "好".
TEXT = "第一行\u2028甲\n同志们今天开会，，好"
EXPECTED = "第一行\u2028甲\n同志们今天开会，，好。"


def test_pygls_workspace_cannot_hold_our_drafts() -> None:
    doc = TextDocument("file:///draft.txt", TEXT)
    assert len(doc.lines) == 3  # str.splitlines: U+2028 breaks the line for pygls
    start = types.Position(line=1, character=10)
    change = types.TextDocumentContentChangePartial(
        range=types.Range(start=start, end=types.Position(line=1, character=10)), text="。")
    doc.apply_change(change)
    assert doc.source != EXPECTED  # the change lands in pygls's line 1, "甲"
    # ... and pygls rewrote the client's position in the params a handler receives next
    assert change.range.start.character != 10


def test_server_applies_a_change_after_a_line_separator(tmp_path: Path) -> None:
    uri = (tmp_path / "draft.txt").as_uri()
    c = Raw(SERVER)
    try:
        c.initialize()
        c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext",
                                                           "version": 1, "text": TEXT}})
        c.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"range": {"start": {"line": 1, "character": 10},
                                          "end": {"line": 1, "character": 10}}, "text": "。"}]})
        assert [_wire(d) for d in publish_for(c, uri, 2)] == _expected(EXPECTED, "txt")
        assert engine.linter_for(None, None).lint(EXPECTED)  # the expected text has findings
        assert c.close() == 0
    finally:
        if c.proc.poll() is None:
            c.proc.kill()


def test_position_past_the_last_line_end_is_the_line_end(tmp_path: Path) -> None:
    """LSP: a character past the end of a line means the line's end (pygls's workspace
    would move it to one character before the end of the last line)."""
    uri = (tmp_path / "draft.txt").as_uri()
    c = Raw(SERVER)
    try:
        c.initialize()
        c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext",
                                                           "version": 1, "text": "我们要要"}})
        c.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"range": {"start": {"line": 0, "character": 99},
                                          "end": {"line": 0, "character": 99}}, "text": "认真学习"}]})
        found = [_wire(d) for d in publish_for(c, uri, 2)]
        assert found == _expected("我们要要认真学习", "txt") and found  # not "我们要认真学习要"
        assert c.close() == 0
    finally:
        if c.proc.poll() is None:
            c.proc.kill()


def test_malformed_request_params_get_invalid_params(tmp_path: Path) -> None:
    """pygls only logs params that do not structure; the server answers them (-32602)."""
    c = Raw(SERVER)
    try:
        c.initialize()
        for method, params in (("textDocument/hover", {"textDocument": 7}),
                               ("textDocument/codeAction", {"textDocument": {"uri": "file:///x.txt"}}),
                               ("textDocument/diagnostic", [])):
            reply = c.request(method, params)
            assert reply["error"]["code"] == -32602, reply
            assert method in reply["error"]["message"]
        ok = c.request("textDocument/hover", {"textDocument": {"uri": (tmp_path / "a.txt").as_uri()},
                                              "position": {"line": 0, "character": 0}})
        assert "result" in ok  # a well-formed request after them is answered as before
        assert c.close() == 0
    finally:
        if c.proc.poll() is None:
            c.proc.kill()


LEAK_PROBE = """
import asyncio, concurrent.futures, gc, json
from speechlint.lsp.server import server
proto = server.protocol

class Writer:
    def write(self, data): pass
    def close(self): pass

proto.set_writer(Writer())

def feed(msg):
    proto.handle_message(json.loads(json.dumps(msg), object_hook=proto.structure_message))

def futures():
    gc.collect()
    return sum(isinstance(o, concurrent.futures.Future) for o in gc.get_objects())

async def main():
    feed({"jsonrpc": "2.0", "id": 1, "method": "initialize",
          "params": {"processId": None, "rootUri": None, "capabilities": {}}})
    uri = "file:///tmp/draft.txt"
    feed({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "plaintext", "version": 1, "text": "同志们今天开会。"}}})
    await asyncio.sleep(0)
    before = futures()
    for v in range(2, 302):
        at = {"line": 0, "character": 2}
        end = at if v % 2 == 0 else {"line": 0, "character": 3}
        feed({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": v},
            "contentChanges": [{"range": {"start": at, "end": end}, "text": "，" if v % 2 == 0 else ""}]}})
        await asyncio.sleep(0)
    print(before, futures())

asyncio.run(main())
"""


def test_keystrokes_leave_no_futures_behind() -> None:
    """pygls keeps the future of each generator handler run for a notification for good (its
    own didChange is one): 300 keystrokes kept 300 Futures, with their Condition and RLock
    (~1.8 KB each).  The server's didChange is a plain call: nothing stays."""
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", LEAK_PROBE], capture_output=True, text=True, check=True, timeout=120)
    before, after = map(int, out.stdout.split())
    assert after <= before + 2, (before, after)
