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
    python bench/lsp_latency.py --file ../shared/seeds/000_*.txt --edits 200 --rounds 6 \
        --vs "$PWD/bench/.peers/npm/node_modules/.bin/autocorrect server"   # in turns, compared

Prints median and 95th percentile (ms) and writes them, with every sample, as JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import shlex
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


def _message(method: str, params: Any, msg_id: int | None = None) -> dict[str, Any]:
    """A JSON-RPC request or notification; no "params" member when there are none
    (autocorrect's server, tower-lsp, rejects ``"params": null`` on shutdown)."""
    msg: dict[str, Any] = {"jsonrpc": "2.0", "method": method}
    if msg_id is not None:
        msg["id"] = msg_id
    if params is not None:
        msg["params"] = params
    return msg


class Client:
    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc
        self.next_id = 0
        self.pending: dict[int, asyncio.Future[Any]] = {}
        self.published: asyncio.Queue[tuple[float, dict[str, Any]]] = asyncio.Queue()
        self.sent_at = 0.0  # when the last didChange was written
        self.reader = asyncio.ensure_future(self._read())

    def _write(self, msg: dict[str, Any]) -> None:
        body = json.dumps(msg, ensure_ascii=False).encode("utf-8")
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def notify(self, method: str, params: Any) -> None:
        if method == "textDocument/didChange":
            self.sent_at = time.perf_counter()
        self._write(_message(method, params))

    async def request(self, method: str, params: Any) -> Any:
        self.next_id += 1
        fut: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self.pending[self.next_id] = fut
        self._write(_message(method, params, self.next_id))
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
        self, uri: str, version: int | None, timeout: float, settle: float = 0.0
    ) -> tuple[float, dict[str, Any]]:
        """The diagnostics published for ``uri`` after the last change was sent, and then
        ``settle`` seconds of quiet (for every server, so that all are paced alike).

        A server that echoes the document version answers a change with one publication of
        that version.  One that does not (autocorrect publishes an empty list, then the
        findings) is answered by its last publication before the quiet.
        """
        while True:
            at, params = await asyncio.wait_for(self.published.get(), timeout)
            if params.get("uri") != uri:
                continue
            if at < self.sent_at:
                continue  # read before the change was sent: an answer to an earlier one
            if version is not None and params.get("version") is not None and params["version"] < version:
                continue  # an older version's diagnostics
            break
        versioned = version is not None and params.get("version") is not None
        quiet_from = time.perf_counter()
        while settle > 0:
            left = settle - (time.perf_counter() - quiet_from)
            if left <= 0:
                break
            try:
                later, more = await asyncio.wait_for(self.published.get(), left)
            except TimeoutError:
                break
            if more.get("uri") == uri and not versioned:
                at, params = later, more
                quiet_from = time.perf_counter()
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
        at, first = await client.diagnostics_for(uri, version, 60, args.settle)
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
                at, params = await client.diagnostics_for(uri, version, 30, args.settle)
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
    ap.add_argument("--settle", type=float, default=0.02, help="seconds of quiet after each answer "
                    "before the next edit (the answer of a server that does not echo the document "
                    "version is its last publication before the quiet: it may publish twice)")
    ap.add_argument("--json", type=Path, help="write the results here")
    ap.add_argument("-v", "--verbose", action="store_true", help="show the server's stderr")
    ap.add_argument("--vs", metavar="COMMAND", action="append", default=[],
                    help="another server to compare with (one shell-quoted string, e.g. "
                    "\"$PWD/bench/.peers/npm/node_modules/.bin/autocorrect server\"; repeatable: "
                    "ratios are to the last one)")
    ap.add_argument("--rounds", type=int, default=1, help="with --vs: run the servers one after the "
                    "other this many times (the order rotated each round) and compare medians")
    args = ap.parse_args(argv)
    args.edits = max(1, (args.edits + 1) // 2)  # pairs
    if not cmd:
        cmd = [sys.executable, "-m", "speechlint", "server"]
    if args.vs:
        return compare([cmd, *(shlex.split(v) for v in args.vs)], args)
    res = asyncio.run(run(cmd, args))
    report(res)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(res, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


def report(res: dict[str, Any]) -> None:
    print(
        f"{' '.join(res['command'])}: {res['chars']} chars, {res['sync']} sync, {res['edits']} edits, "
        f"~{res['diagnostics_median']:.0f} diagnostics"
    )
    print(
        f"didChange -> publishDiagnostics: median {res['median_ms']:.2f} ms, p95 {res['p95_ms']:.2f} ms "
        f"(min {res['min_ms']:.2f}, max {res['max_ms']:.2f}); first diagnostics after open "
        f"{res['open_ms']:.0f} ms"
    )


def compare(cmds: list[list[str]], args: argparse.Namespace) -> int:
    """The servers in the same period, one after the other, for ``--rounds`` rounds (the
    order rotated each round); each round's medians, then the median over the rounds, and
    each server's median over the last one's (the reference, e.g. autocorrect) per round."""
    names = [chr(ord("A") + i) for i in range(len(cmds))]
    rounds: list[dict[str, Any]] = []
    for i in range(max(1, args.rounds)):
        k = i % len(cmds)
        order = list(zip(names, cmds))[k:] + list(zip(names, cmds))[:k]
        got = {name: asyncio.run(run(cmd, args)) for name, cmd in order}
        ref = got[names[-1]]["median_ms"]
        print(f"round {i + 1}: " + "; ".join(
            f"{n} median {got[n]['median_ms']:.2f} ms p95 {got[n]['p95_ms']:.2f} ms "
            f"(~{got[n]['diagnostics_median']:.0f} diagnostics)" for n in names))
        rounds.append({n: got[n] for n in names} | {"ratio_median": {n: got[n]["median_ms"] / ref for n in names}})
    summary = {
        n: {
            "command": cmd,
            "median_ms": statistics.median(r[n]["median_ms"] for r in rounds),
            "p95_ms": statistics.median(r[n]["p95_ms"] for r in rounds),
            "ratio_median": statistics.median(r["ratio_median"][n] for r in rounds),
        }
        for n, cmd in zip(names, cmds)
    }
    print(f"over {len(rounds)} rounds, medians of the rounds' figures (ratio: median over {names[-1]} "
          "in the same round):")
    for n, cmd in zip(names, cmds):
        st = summary[n]
        print(f"  {n} median {st['median_ms']:.2f} ms, p95 {st['p95_ms']:.2f} ms, ratio {st['ratio_median']:.2f}"
              f"  {' '.join(cmd)}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"summary": summary, "rounds": rounds}, ensure_ascii=False, indent=2),
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
