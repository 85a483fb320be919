#!/usr/bin/env python3
"""Hostile inputs: time ``speechlint.lint`` on adversarial texts (long runs, one huge line).

Every case should be roughly linear; the target is < 2 s for 1M characters.  Each case
runs in its own process with a time limit (a super-linear case may take minutes), and
the slowest stages (masking, each rule) are reported so a hotspot names its rule.

    .venv/bin/python bench/hostile.py                  # every case, 1M characters, txt and md
    .venv/bin/python bench/hostile.py --size 200000 --only 'space|要要' --filetype md
    .venv/bin/python bench/hostile.py --timeout 20 --json bench/out/hostile.json

Speed is measured here, never asserted in tests (tests/test_hostile.py checks the
same inputs finish, at sizes where the old code took far longer than the test limit).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "clean"

ASCII_PUNCT = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
CN_PUNCT = "，。、；：？！“”‘’（）《》【】〔〕—…·「」『』〈〉～﹏"


def _corpus() -> str:
    if CORPUS.is_dir():
        texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
        if texts:
            return "\n".join(texts)
    return (ROOT / "examples" / "draft.txt").read_text(encoding="utf-8")


def _fill(unit: str, size: int) -> str:
    return (unit * (size // max(1, len(unit)) + 1))[:size]


def cases(size: int) -> dict[str, str]:
    """name -> text of about ``size`` characters."""
    out: dict[str, str] = {}
    runs = {
        "han": "要",
        "astral": "𠮷",
        "space": " ",
        "tab": "\t",
        "fwspace": "\u3000",
        "digit": "1",
        "fwdigit": "１",
        "X": "X",
        "a": "a",
        "times": "×",
        "circle": "○",
        "ling": "〇",
        "cn-one": "一",
        "dot": "．",
        "nbsp": "\u00a0",
        "zwsp": "\u200b",
    }
    for name, ch in runs.items():
        out[f"run:{name}"] = _fill(ch, size)
    for ch in ASCII_PUNCT:
        out[f"run:{ch}"] = _fill(ch, size)
    for ch in CN_PUNCT:
        out[f"run:{ch}"] = _fill(ch, size)
    pairs = [
        "要要",
        "我们",
        "一是",
        "（一）",
        "第一，",
        "“”",
        "同 ",
        "](",
        "[](",
        "[a](",
        "![",
        "<!--",
        "<a ",
        "**",
        "__",
        "~~",
        "`a",
        "- ",
        "1. ",
        "> ",
        "# ",
        "| ",
        "|-",
        ":-",
        "---|",
        "$",
        "　 ",
        "《》",
        "【】",
        "（）",
        "()",
        "“",
        "，，",
        "。。",
        "、、",
        "……",
        "——",
        "要 要",
        "一、",
        "1、",
        "(1)",
        "第一章",
        "百分之",
        "%",
        "1.",
        "1,",
        "１２",
        "二〇",
        "X年",
        "××",
        "○○",
        "http://a",
        "www.",
        "a@b.",
        "<!-- speechlint-disable -->",
        "要\u3000",
        "的的",
        "了了",
        "进一步",
        "不断",
        "认真",
        "的",
        "𠮷要",
        "要𠮷",
    ]
    for p in pairs:
        out[f"rep:{p}"] = _fill(p, size)
    corpus = _corpus()
    flat = re.sub(r"[\r\n]+", "", corpus)
    out["corpus-1line"] = _fill(flat, size)
    out["corpus"] = _fill(corpus + "\n", size)
    out["corpus-crlf"] = _fill(corpus.replace("\n", "\r\n") + "\r\n", size)
    out["corpus-cr"] = _fill(corpus.replace("\n", "\r") + "\r", size)
    mix = (
        "要要我们一是（一）第一，“” 　1２X×○_-`#|*>[]()](http://x)，。、；：？！《》【】…—"
        + flat[:300]
    )
    out["mix-1line"] = _fill(mix, size)
    out["lines:一、"] = _fill("一、\n", size)
    out["lines:empty"] = _fill("\n", size)
    out["lines:crlf"] = _fill("\r\n", size)
    out["lines:cr"] = _fill("\r", size)
    out["lines:要要"] = _fill("要要\n", size)
    out["lines:# "] = _fill("# \n", size)
    out["lines:- "] = _fill("- \n", size)
    out["lines:```"] = _fill("```\n", size)
    out["lines:    "] = _fill("    \n\n", size)
    out["lines:>"] = _fill(">\n", size)
    out["lines:|"] = _fill("|---|\n", size)
    out["lines:---"] = _fill("---\n", size)
    nums = "一二三四五六七八九十"
    heads = "".join(f"{n}、标题\n" for n in nums)
    out["headings"] = _fill(heads, size)
    out["headings-1line"] = _fill(heads.replace("\n", ""), size)
    out["subheads"] = _fill("".join(f"（{n}）标题。\n" for n in nums), size)
    out["ordinals"] = _fill("".join(f"第{n}，内容。" for n in nums), size)
    out["numbered"] = _fill("".join(f"{i}. 标题\n" for i in range(1, 10)), size)
    return out


def worker(name: str, filetype: str, size: int) -> None:
    import speechlint
    from speechlint.document import Document
    from speechlint.engine import linter_for

    text = cases(size)[name]
    linter = linter_for(None, None)
    speechlint.lint("我们要要认真学习。", filetype=filetype)  # warm: data, dictionary
    t0 = time.perf_counter()
    found = speechlint.lint(text, filetype=filetype)
    total = time.perf_counter() - t0
    stages: dict[str, float] = {}
    if total > 0.5:  # name the slow stage
        t = time.perf_counter()
        doc = Document.from_text(text, filetype)
        stages["mask"] = time.perf_counter() - t
        for r in linter.rules:
            t = time.perf_counter()
            list(r.check(doc, linter.data[r.code]) if r.data is not None else r.check(doc))
            stages[r.code] = time.perf_counter() - t
    for d in found:
        assert 0 <= d.span.start <= d.span.end <= len(text), d
    print(json.dumps({"total": total, "findings": len(found), "stages": stages}))


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--size", type=int, default=1_000_000, help="characters per input")
    ap.add_argument("--filetype", choices=["txt", "md", "both"], default="both")
    ap.add_argument("--only", help="regex on case names")
    ap.add_argument("--timeout", type=float, default=30.0, help="seconds per case")
    ap.add_argument("--json", help="write results here")
    ap.add_argument("--worker", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args.worker[0], args.worker[1], int(args.worker[2]))
        return 0
    names = [n for n in cases(10) if not args.only or re.search(args.only, n)]
    fts = ["txt", "md"] if args.filetype == "both" else [args.filetype]
    results = []
    for ft in fts:
        for name in names:
            cmd = [sys.executable, __file__, "--worker", name, ft, str(args.size)]
            try:
                p = subprocess.run(
                    cmd, capture_output=True, text=True, timeout=args.timeout, cwd=ROOT, check=False
                )
            except subprocess.TimeoutExpired:
                res = {"total": None, "error": f"timeout > {args.timeout:g} s"}
            else:
                if p.returncode:
                    res = {"total": None, "error": p.stderr.strip().splitlines()[-1:]}
                else:
                    res = json.loads(p.stdout.strip().splitlines()[-1])
            res.update(name=name, filetype=ft, size=args.size)
            results.append(res)
            slow = sorted(res.get("stages", {}).items(), key=lambda kv: -kv[1])[:3]
            t = f"{res['total']:8.2f} s" if res["total"] is not None else f"{res['error']}"
            extra = "  ".join(f"{k} {v:.2f}" for k, v in slow)
            print(f"{ft:3} {name!r:34} {t}  {res.get('findings', '')!s:>7}  {extra}", flush=True)
    done = [r for r in results if r["total"] is not None]
    failed = [r for r in results if r["total"] is None]
    if done:
        worst = max(done, key=lambda r: r["total"])
        print(f"worst: {worst['filetype']} {worst['name']!r} {worst['total']:.2f} s")
    for r in failed:
        print(f"FAILED: {r['filetype']} {r['name']!r}: {r['error']}")
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(
            json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
