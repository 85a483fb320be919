#!/usr/bin/env python3
"""Where a keystroke's time goes in the language server: CPU time per stage, in process.

bench/lsp_latency.py times didChange -> publishDiagnostics through pipes, which on a busy
machine mostly measures who else runs.  This runs the server's own objects in this process
(pygls's JSON parsing and dispatch, the didChange handler, the lint, the publication, all as
``speechlint server`` runs them, minus the pipes and the event loop) and reads this thread's
CPU time around each stage, for the same edits lsp_latency.py makes (one character inserted
in a random line, then deleted):

    .venv/bin/python bench/lsp_profile.py --file ../shared/seeds/000_*.txt
    .venv/bin/python bench/lsp_profile.py --file ../shared/seeds/000_*.txt --pace 0.02  # idle between keys

``typed`` and ``deleted`` are the keystrokes that typed a character and those that deleted
it again (the line back to a text it had: its findings may be remembered).  Stages: ``parse`` (JSON and lsprotocol structuring), ``dispatch`` (pygls, including our
didChange handler: ``did_change``), ``lint`` (``SpeechlintServer.lint``: the configuration,
the engine's ``lint_cached`` with its ``document rules`` and ``line rules`` and the rest, the
conversion to LSP ``to_lsp``), ``publish`` (pygls serialises and writes).  In
``lint_cached``: ``line edit`` (where the text changed), ``document rules`` (those run),
``kept (line views)`` (those whose findings were kept: their line views of the changed line),
``line rules`` (paragraph scope, changed lines), ``finish``.  The document-scope rules are
also listed one by one, with the median of the keystrokes they ran on and how often they ran.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

clock = time.thread_time


def _timed(samples: list[float], f: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t = clock()
        try:
            return f(*args, **kwargs)
        finally:
            samples.append(clock() - t)

    return wrapper


def _timed_rule(samples: list[float], check: Callable[..., Any]) -> Callable[..., Any]:
    """A rule's check, run to the end (checks are generators: the work is in the iteration)."""

    def wrapper(*args: Any) -> list[Any]:
        t = clock()
        try:
            return list(check(*args))
        finally:
            samples.append(clock() - t)

    return wrapper


def _edits(text: str, n: int, seed: int) -> list[dict[str, Any]]:
    """lsp_latency.py's edits: insert "，" in a random line, then delete it."""
    lines = text.split("\n")
    rnd = random.Random(seed)
    out: list[dict[str, Any]] = []
    for _ in range(n):
        line = rnd.randrange(len(lines))
        while not lines[line]:
            line = rnd.randrange(len(lines))
        col = rnd.randrange(len(lines[line]) + 1)
        at = {"line": line, "character": col}
        out.append({"range": {"start": at, "end": at}, "text": "，"})
        out.append({"range": {"start": at, "end": {"line": line, "character": col + 1}}, "text": ""})
    return out


#: How often each document-scope rule ran (the others were kept: their line views).
runs: dict[str, float] = {}


async def profile(text: str, args: argparse.Namespace) -> dict[str, list[float]]:
    from speechlint.lsp import server as lsp_server

    from speechlint import engine

    ls = lsp_server.server
    proto = ls.protocol
    written: list[bytes] = []

    class Writer:
        def write(self, data: bytes) -> None:
            written.append(data)

        def close(self) -> None:
            pass

    proto.set_writer(Writer())
    stages: dict[str, list[float]] = defaultdict(list)
    per_rule: dict[str, list[float]] = defaultdict(list)

    def feed(msg: dict[str, Any]) -> None:
        proto.handle_message(json.loads(json.dumps(msg), object_hook=proto.structure_message))

    feed({"jsonrpc": "2.0", "id": 1, "method": "initialize",
          "params": {"processId": None, "rootUri": None,
                     "capabilities": {"textDocument": {"publishDiagnostics": {"versionSupport": True}}}}})
    feed({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    uri = (Path(args.file).resolve() if args.file else ROOT / "draft.txt").as_uri()
    feed({"jsonrpc": "2.0", "method": "textDocument/didOpen",
          "params": {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}})
    await asyncio.sleep(0)  # the first lint, untimed

    # the stages, timed where the server calls them
    ls.lint = _timed(stages["lint"], ls.lint)  # type: ignore[method-assign]
    ls.publish = _timed(stages["publish"], ls.publish)  # type: ignore[method-assign]
    ls.to_lsp = _timed(stages["  to_lsp"], ls.to_lsp)  # type: ignore[method-assign]
    ls.config_for = _timed(stages["  config_for"], ls.config_for)  # type: ignore[method-assign]
    features = proto.fm.features
    change = lsp_server.types.TEXT_DOCUMENT_DID_CHANGE
    features[change] = _timed(stages["  did_change"], features[change])
    linter_cls = engine.Linter
    linter_cls.lint_cached = _timed(stages["  lint_cached"], linter_cls.lint_cached)  # type: ignore[method-assign]
    linter_cls._lines_cached = _timed(stages["    line rules"], linter_cls._lines_cached)  # type: ignore[method-assign]
    linter_cls._line_edited = _timed(stages["    line rules"], linter_cls._line_edited)  # type: ignore[method-assign]
    linter_cls.finish = _timed(stages["    finish"], linter_cls.finish)  # type: ignore[method-assign]
    edit_cls = engine._LineEdit
    edit_cls.between = staticmethod(_timed(stages["    line edit"], edit_cls.between))  # type: ignore[method-assign]
    unread, moved = edit_cls.unread, edit_cls.moved
    check = linter_cls._check
    spent: dict[str, float] = defaultdict(float)  # this keystroke's document rules: run, kept

    def kept_timed(method: Any) -> Any:
        """``method``, its time added to this keystroke's "kept" (line views)."""

        def timed(self: Any, *args: Any) -> Any:
            t = clock()
            try:
                return method(self, *args)
            finally:
                spent["kept"] += clock() - t

        return timed

    def check_timed(self: Any, r: Any, doc: Any, failures: Any) -> Any:
        t = clock()
        try:
            return check(self, r, doc, failures)
        finally:
            if r.scope == "document":
                spent["run"] += clock() - t

    edit_cls.unread = kept_timed(unread)  # type: ignore[method-assign]
    edit_cls.moved = kept_timed(moved)  # type: ignore[method-assign]
    linter_cls._check = check_timed  # type: ignore[method-assign]
    for linter in list(engine._LINTERS.values()):
        linter.rules = tuple(
            replace(r, check=_timed_rule(per_rule[r.code], r.check)) if r.scope == "document" else r
            for r in linter.rules
        )

    version = 1
    for edit in _edits(text, args.edits, args.seed):
        version += 1
        body = json.dumps({"jsonrpc": "2.0", "method": "textDocument/didChange",
                           "params": {"textDocument": {"uri": uri, "version": version}, "contentChanges": [edit]}})
        written.clear()
        spent.clear()
        t0 = clock()
        msg = json.loads(body, object_hook=proto.structure_message)
        t1 = clock()
        proto.handle_message(msg)
        t2 = clock()
        doc = ls.docs[uri]
        if doc.timer is not None:  # what the event loop would run next
            doc.timer.cancel()
        ls._lint_and_publish(uri)
        t3 = clock()
        assert written, "nothing published"
        stages["parse"].append(t1 - t0)
        stages["dispatch"].append(t2 - t1)
        stages["keystroke"].append(t3 - t0)
        stages["    document rules"].append(spent["run"])
        stages["    kept (line views)"].append(spent["kept"])
        if args.pace:
            await asyncio.sleep(args.pace)
    # lsp_latency.py's edits alternate: a character typed, then deleted (the line typed back)
    stages["  typed"] = stages["keystroke"][0::2]
    stages["  deleted"] = stages["keystroke"][1::2]
    keystrokes = len(stages["keystroke"])
    for code, xs in per_rule.items():
        if xs:  # a rule kept on every keystroke has no samples
            stages[f"      {code}"] = xs
        runs[code] = len(xs) / keystrokes
    return stages


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--file", type=Path, help="the draft (default: examples/draft.txt)")
    ap.add_argument("--edits", type=int, default=300, help="insert+delete pairs")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--pace", type=float, default=0.0, help="seconds idle between keystrokes")
    ap.add_argument("--json", type=Path, help="write the per-stage medians here")
    args = ap.parse_args(argv)
    path = args.file or ROOT / "examples" / "draft.txt"
    text = path.read_text(encoding="utf-8")
    stages = asyncio.run(profile(text, args))
    total = statistics.median(stages["keystroke"])
    order = ["keystroke", "  typed", "  deleted", "parse", "dispatch", "  did_change", "lint", "  config_for", "  lint_cached",
             "    line edit", "    document rules", "    kept (line views)", "    line rules", "    finish",
             "  to_lsp", "publish"]
    rules = sorted((k for k in stages if k.startswith("      ")), key=lambda k: -statistics.median(stages[k]))
    print(f"{path.name}: {len(text)} characters, {len(stages['keystroke'])} keystrokes, thread CPU time"
          f"{f', {args.pace * 1000:.0f} ms idle between keystrokes' if args.pace else ''}")
    out: dict[str, float] = {}
    for k in [*order, *rules]:
        if stages.get(k):
            med = statistics.median(stages[k])
            out[k.strip()] = round(med * 1e6, 1)
            ran = f"  (run on {runs[k.strip()]:.0%} of keystrokes)" if k.strip() in runs else ""
            print(f"{k:22s} median {med * 1e6:8.1f} us  {med / total * 100:5.1f} %{ran}")
    if args.json:
        args.json.write_text(json.dumps(out, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
