"""The language server never dies: malformed JSON, malformed params, unknown methods, changes
out of range, a rule that raises, a random stream of edits.

A raw JSON-RPC client (no LSP library) so that it can send what a correct client never would.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest

SERVER = [sys.executable, "-m", "speechlint", "server"]

# a server whose rule DUP999 raises on every line with "炸"
FAULTY = [sys.executable, "-c", """
import sys
from speechlint import registry
registry.load_all()

@registry.rule("DUP999", "always-fails", severity="error")
def boom(doc):
    '''Raises.'''
    if "炸" in doc.text:
        raise RuntimeError("boom")
    return []

from speechlint.lsp.server import main
raise SystemExit(main())
"""]


class Raw:
    def __init__(self, cmd: list[str]) -> None:
        # a pipe nobody reads could fill up and block the server
        self.stderr = tempfile.TemporaryFile()  # noqa: SIM115 - lives as long as the process
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr)
        self.next_id = 0
        self.notifications: list[dict[str, Any]] = []

    def send_bytes(self, body: bytes) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def send(self, msg: dict[str, Any]) -> None:
        self.send_bytes(json.dumps(msg, ensure_ascii=False).encode("utf-8"))

    def notify(self, method: str, params: Any) -> None:
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method: str, params: Any) -> dict[str, Any]:
        self.next_id += 1
        rid = self.next_id
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        while True:
            msg = self.read()
            if msg.get("id") == rid and "method" not in msg:
                return msg
            if "method" in msg and "id" in msg:  # server -> client request
                self.send({"jsonrpc": "2.0", "id": msg["id"], "result": None})
            elif "method" in msg:
                self.notifications.append(msg)

    def read(self) -> dict[str, Any]:
        out = self.proc.stdout
        assert out is not None
        length = 0
        while True:
            line = out.readline()
            if not line:
                raise EOFError("server closed its output")
            if line in (b"\r\n", b"\n"):
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        return json.loads(out.read(length))

    def wait_notification(self, method: str) -> dict[str, Any]:
        for i, n in enumerate(self.notifications):
            if n["method"] == method:
                return self.notifications.pop(i)
        while True:
            msg = self.read()
            if msg.get("method") == method and "id" not in msg:
                return msg
            if "method" in msg and "id" not in msg:
                self.notifications.append(msg)

    def initialize(self) -> dict[str, Any]:
        res = self.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
        self.notify("initialized", {})
        return res

    def close(self) -> int:
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            return self.proc.wait(timeout=20)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()


def open_doc(c: Raw, uri: str, text: str, version: int = 1) -> list[dict[str, Any]]:
    c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext",
                                                        "version": version, "text": text}})
    return publish_for(c, uri)


def publish_for(c: Raw, uri: str, version: int | None = None) -> list[dict[str, Any]]:
    """The diagnostics of the next publication for ``uri`` (of ``version``, when given)."""
    while True:
        n = c.wait_notification("textDocument/publishDiagnostics")
        if n["params"]["uri"] == uri and (version is None or n["params"].get("version") == version):
            return n["params"]["diagnostics"]


def test_survives_malformed_messages(tmp_path: Path) -> None:
    c = Raw(SERVER)
    try:
        c.initialize()
        uri = (tmp_path / "d.txt").as_uri()
        assert [d["code"] for d in open_doc(c, uri, "同志们，，今天") if d["code"] == "DUP003"] == ["DUP003"]

        c.send_bytes(b"{this is not json")  # malformed JSON
        c.send_bytes(json.dumps({"jsonrpc": "2.0", "method": "textDocument/didChange",
                                 "params": {"textDocument": 7}}).encode())  # malformed notification
        bad = c.request("textDocument/hover", {"textDocument": 5, "position": "here"})
        assert bad["error"]["code"] == -32602  # InvalidParams, not silence
        unknown = c.request("speechlint/noSuchMethod", {})
        assert unknown["error"]["code"] == -32601  # MethodNotFound
        # a change whose range lies far outside the document is clamped, not fatal
        c.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"range": {"start": {"line": 99, "character": 5},
                                          "end": {"line": 120, "character": 0}}, "text": "。。"}]})
        diags = publish_for(c, uri)
        assert sorted((d["range"]["start"]["character"], d["code"]) for d in diags if d["code"] == "DUP003") == [
            (4, "DUP003"), (8, "DUP003")]
        # still answering
        hover = c.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                 "position": {"line": 0, "character": 4}})
        assert "DUP003" in hover["result"]["contents"]["value"]
        assert c.close() == 0
    finally:
        if c.proc.poll() is None:
            c.proc.kill()


def test_a_failing_rule_is_reported_once_and_the_others_keep_running(tmp_path: Path) -> None:
    """A rule that raises: the user is told once (window/showMessage), the others still publish."""
    c = Raw(FAULTY)
    try:
        c.initialize()
        uri = (tmp_path / "d.txt").as_uri()
        diags = open_doc(c, uri, "同志们，，今天\n炸弹。。\n炸")
        assert [(d["range"]["start"]["line"], d["code"]) for d in diags if d["code"].startswith("DUP")] == [
            (0, "DUP003"), (1, "DUP003")]
        for v in (2, 3):
            c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": v},
                                                "contentChanges": [{"text": f"炸{v}，，"}]})
            assert [d["code"] for d in publish_for(c, uri) if d["code"] == "DUP003"] == ["DUP003"]
        c.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}})
        logs = [n for n in c.notifications if n["method"] == "window/showMessage" and "DUP999" in n["params"]["message"]]
        assert len(logs) == 1 and logs[0]["params"]["type"] == 1
        assert c.close() == 0
    finally:
        if c.proc.poll() is None:
            c.proc.kill()


def test_random_sessions_never_kill_the_server(tmp_path: Path) -> None:
    """Seeded fuzz: random opens, edits (valid and invalid ranges, astral characters, CR/LF,
    U+2028), closes and requests; every request gets an answer and the server exits cleanly."""
    rnd = random.Random(20261122)
    alphabet = list("同志们，，。。、、今天𠮷😀\n\r\u2028\x0c XX一二（）“”") + ["\r\n", "<!-- speechlint-disable-next-line -->"]
    c = Raw(SERVER)
    try:
        c.initialize()
        uris = [(tmp_path / f"d{i}.txt").as_uri() for i in range(3)] + [(tmp_path / "m.md").as_uri()]
        versions: dict[str, int] = {}
        deadline = time.monotonic() + 60
        for step in range(300):
            assert time.monotonic() < deadline
            uri = rnd.choice(uris)
            op = rnd.random()
            text = "".join(rnd.choice(alphabet) for _ in range(rnd.randrange(0, 40)))
            if op < 0.15 or uri not in versions:
                versions[uri] = versions.get(uri, 0) + 1
                c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext",
                                                                    "version": versions[uri], "text": text}})
            elif op < 0.6:
                versions[uri] += 1
                pos = lambda: {"line": rnd.randrange(-1, 6), "character": rnd.randrange(-1, 30)}
                c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": versions[uri]},
                                                    "contentChanges": [{"range": {"start": pos(), "end": pos()},
                                                                        "text": text}]})
            elif op < 0.7:
                c.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
                versions.pop(uri, None)
            else:
                method = rnd.choice(["textDocument/codeAction", "textDocument/hover",
                                     "textDocument/diagnostic", "textDocument/documentSymbol"])
                p = {"line": rnd.randrange(0, 5), "character": rnd.randrange(0, 20)}
                params: dict[str, Any] = {"textDocument": {"uri": uri}}
                if method == "textDocument/codeAction":
                    params.update(range={"start": p, "end": p},
                                  context={"diagnostics": [], "only": rnd.choice([None, ["quickfix"], ["source.fixAll"]])})
                    if params["context"]["only"] is None:
                        del params["context"]["only"]
                elif method == "textDocument/hover":
                    params["position"] = p
                reply = c.request(method, params)
                assert "result" in reply, reply
        assert c.close() == 0
    finally:
        if c.proc.poll() is None:
            c.proc.kill()


@pytest.mark.parametrize("size", [5_000_000])
def test_huge_document_and_a_burst_of_changes(tmp_path: Path, size: int) -> None:
    """A 5 MB document and 1,000 rapid didChange notifications: all applied, then linted."""
    c = Raw(SERVER)
    try:
        c.initialize()
        uri = (tmp_path / "big.txt").as_uri()
        line = "我们要认真学习，今天召开会议。" * 4 + "\n"
        text = line * (size // len(line))
        open_doc(c, uri, text)
        for v in range(2, 1002):
            c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": v},
                                                "contentChanges": [{"range": {"start": {"line": 0, "character": 0},
                                                                              "end": {"line": 0, "character": 0}},
                                                                    "text": "，"}]})
        c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 1002},
                                            "contentChanges": [{"range": {"start": {"line": 3, "character": 7},
                                                                          "end": {"line": 3, "character": 7}},
                                                                "text": "，"}]})
        reply = c.request("textDocument/diagnostic", {"textDocument": {"uri": uri}})
        items = reply["result"]["items"]
        dups = [(d["range"]["start"]["line"], d["range"]["start"]["character"]) for d in items if d["code"] == "DUP003"]
        assert (3, 8) in dups  # the last edit is there: every change was applied in order
        assert all(line_ == 3 or line_ == 0 for line_, _ in dups)
        assert c.close() == 0
    finally:
        if c.proc.poll() is None:
            c.proc.kill()
