"""Language server latency: time from ``didChange`` to ``publishDiagnostics``.

A small stdio JSON-RPC client (asyncio + subprocess, no LSP library) starts a server, opens a
draft of about 30,000 characters (the texts in ../shared/corpus/clean/ when present,
else examples/draft.txt, repeated; ``--source draft`` forces the example draft, whose
defects give about 900 findings), waits for its first diagnostics, warms
up, then makes N one-character edits (insert a character in a random line, then delete it
again) and times each one from writing the ``didChange`` to reading the next
``publishDiagnostics`` for the document.  Servers that declare full sync get the whole text.

    python bench/lsp_latency.py                       # speechlint server (this checkout)
    python bench/lsp_latency.py --edits 500 --json out.json
    python bench/lsp_latency.py --file ../shared/seeds/000_*.txt   # a real draft with findings
    python bench/lsp_latency.py -- autocorrect server  # any other server command

Prints median and 95th percentile (ms) and writes them, with every sample, as JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "clean"


def build_draft(chars: int, source: str) -> tuple[str, str]:
    if source in ("auto", "corpus") and CORPUS.is_dir() and any(CORPUS.glob("*.txt")):
        base = "\n".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt")))
        name = "../shared/corpus/clean/*.txt"
    else:
        base = (ROOT / "examples" / "draft.txt").read_text(encoding="utf-8")
        name = "examples/draft.txt"
    if not base.endswith("\n"):
        base += "\n"
    text = ""
    while len(text) < chars:
        text += base
    cut = text.rfind("\n", 0, chars)
    return (text[: cut + 1] if cut > chars // 2 else text[:chars]), name


class Client:
    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc
        self.next_id = 0
        self.pending: dict[int, asyncio.Future[Any]] = {}
        self.published: asyncio.Queue[tuple[float, dict[str, Any]]] = asyncio.Queue()
        self.reader = asyncio.ensure_future(self._read())

    def _write(self, msg: dict[str, Any]) -> None:
        body = json.dumps(msg, ensure_ascii=False).encode("utf-8")
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def notify(self, method: str, params: Any) -> None:
        self._write({"jsonrpc": "2.0", "method": method, "params": params})

    async def request(self, method: str, params: Any) -> Any:
        self.next_id += 1
        fut: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self.pending[self.next_id] = fut
        self._write({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        return await fut

    async def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            length = 0
            while True:
                line = await out.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            body = await out.readexactly(length)
            now = time.perf_counter()
            msg = json.loads(body)
            if "method" in msg and "id" in msg:  # a request from the server: answer politely
                result: Any = None
                if msg["method"] == "workspace/configuration":
                    result = [None for _ in msg.get("params", {}).get("items", [])]
                self._write({"jsonrpc": "2.0", "id": msg["id"], "result": result})
            elif "method" in msg:
                if msg["method"] == "textDocument/publishDiagnostics":
                    self.published.put_nowait((now, msg["params"]))
            elif msg.get("id") in self.pending:
                fut = self.pending.pop(msg["id"])
                if "error" in msg:
                    fut.set_exception(RuntimeError(str(msg["error"])))
                else:
                    fut.set_result(msg.get("result"))

    async def diagnostics_for(
        self, uri: str, version: int | None, timeout: float
    ) -> tuple[float, dict[str, Any]]:
        while True:
            at, params = await asyncio.wait_for(self.published.get(), timeout)
            if params.get("uri") != uri:
                continue
            if (
                version is not None
                and params.get("version") is not None
                and params["version"] < version
            ):
                continue  # an older version's diagnostics
            return at, params


def percentile(xs: list[float], q: float) -> float:
    s = sorted(xs)
    if not s:
        return float("nan")
    k = (len(s) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


async def run(cmd: list[str], args: argparse.Namespace) -> dict[str, Any]:
    if args.file is not None:  # a real draft as it is (e.g. ../shared/seeds/000_*.txt)
        text, source = args.file.read_text(encoding="utf-8"), str(args.file)
    else:
        text, source = build_draft(args.chars, args.source)
    folder = Path(tempfile.mkdtemp(prefix="speechlint-lsp-bench-"))
    path = folder / "draft.txt"
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    proc = await asyncio.create_subprocess_exec(
        *cmd,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL if not args.verbose else None,
        cwd=str(folder),
    )
    client = Client(proc)
    try:
        init = await asyncio.wait_for(
            client.request(
                "initialize",
                {
                    "processId": os.getpid(),
                    "rootUri": folder.as_uri(),
                    "capabilities": {
                        "general": {"positionEncodings": ["utf-16"]},
                        "textDocument": {
                            "synchronization": {"didSave": True},
                            "publishDiagnostics": {"versionSupport": True},
                        },
                    },
                },
            ),
            60,
        )
        client.notify("initialized", {})
        sync = init.get("capabilities", {}).get("textDocumentSync", 1)
        change_kind = sync.get("change", 1) if isinstance(sync, dict) else sync
        version = 1
        t_open = time.perf_counter()
        client.notify(
            "textDocument/didOpen",
            {
                "textDocument": {
                    "uri": uri,
                    "languageId": "plaintext",
                    "version": version,
                    "text": text,
                }
            },
        )
        at, first = await client.diagnostics_for(uri, version, 60)
        open_ms = (at - t_open) * 1000

        lines = text.split("\n")
        starts = [0]
        for ln in lines[:-1]:
            starts.append(starts[-1] + len(ln) + 1)
        rnd = random.Random(args.seed)
        samples: list[float] = []
        counts: list[int] = []
        total = args.warmup + args.edits
        for i in range(total):
            line = rnd.randrange(len(lines))
            while not lines[line]:
                line = rnd.randrange(len(lines))
            col = rnd.randrange(len(lines[line]) + 1)
            # BMP text only: a code-point column is also the UTF-16 column
            for insert in (True, False):
                version += 1
                if insert:
                    lines[line] = lines[line][:col] + args.char + lines[line][col:]
                    change: dict[str, Any] = {
                        "range": {
                            "start": {"line": line, "character": col},
                            "end": {"line": line, "character": col},
                        },
                        "text": args.char,
                    }
                else:
                    lines[line] = lines[line][:col] + lines[line][col + 1 :]
                    change = {
                        "range": {
                            "start": {"line": line, "character": col},
                            "end": {"line": line, "character": col + 1},
                        },
                        "text": "",
                    }
                if change_kind != 2:
                    change = {"text": "\n".join(lines)}
                t0 = time.perf_counter()
                client.notify(
                    "textDocument/didChange",
                    {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]},
                )
                at, params = await client.diagnostics_for(uri, version, 30)
                if i >= args.warmup:
                    samples.append((at - t0) * 1000)
                    counts.append(len(params.get("diagnostics", [])))
                if args.pause:
                    await asyncio.sleep(args.pause)
        await asyncio.wait_for(client.request("shutdown", None), 10)
        client.notify("exit", None)
    finally:
        try:
            await asyncio.wait_for(proc.wait(), 5)
        except TimeoutError:
            proc.kill()
            await proc.wait()
        client.reader.cancel()
    return {
        "command": cmd,
        "source": source,
        "chars": len(text),
        "lines": text.count("\n"),
        "sync": {1: "full", 2: "incremental"}.get(change_kind, str(change_kind)),
        "edits": len(samples),
        "warmup": args.warmup * 2,
        "open_ms": round(open_ms, 3),
        "diagnostics_on_open": len(first.get("diagnostics", [])),
        "diagnostics_median": statistics.median(counts) if counts else 0,
        "median_ms": round(statistics.median(samples), 3),
        "p95_ms": round(percentile(samples, 0.95), 3),
        "min_ms": round(min(samples), 3),
        "max_ms": round(max(samples), 3),
        "mean_ms": round(statistics.fmean(samples), 3),
        "machine": f"{platform.machine()} {os.cpu_count()} cpu, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}",
        "samples_ms": [round(s, 4) for s in samples],
    }


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    cmd: list[str] = []
    if "--" in argv:
        i = argv.index("--")
        argv, cmd = argv[:i], argv[i + 1 :]
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--edits", type=int, default=300, help="timed edits (each insert and each delete)"
    )
    ap.add_argument("--warmup", type=int, default=20, help="untimed insert+delete pairs first")
    ap.add_argument("--chars", type=int, default=30000, help="draft size in characters")
    ap.add_argument(
        "--source",
        choices=("auto", "draft", "corpus"),
        default="auto",
        help="auto: the clean corpus when present, else examples/draft.txt",
    )
    ap.add_argument("--file", type=Path, help="edit this draft as it is (instead of --chars/--source)")
    ap.add_argument("--char", default="，", help="the character inserted and deleted")
    ap.add_argument("--pause", type=float, default=0.0, help="seconds between edits (typing pace)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", type=Path, help="write the results here")
    ap.add_argument("-v", "--verbose", action="store_true", help="show the server's stderr")
    args = ap.parse_args(argv)
    args.edits = max(1, (args.edits + 1) // 2)  # pairs
    if not cmd:
        cmd = [sys.executable, "-m", "speechlint", "server"]
    res = asyncio.run(run(cmd, args))
    print(
        f"{' '.join(cmd)}: {res['chars']} chars, {res['sync']} sync, {res['edits']} edits, "
        f"~{res['diagnostics_median']:.0f} diagnostics"
    )
    print(
        f"didChange -> publishDiagnostics: median {res['median_ms']:.2f} ms, p95 {res['p95_ms']:.2f} ms "
        f"(min {res['min_ms']:.2f}, max {res['max_ms']:.2f}); first diagnostics after open "
        f"{res['open_ms']:.0f} ms"
    )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(res, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
