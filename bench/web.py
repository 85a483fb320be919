"""The web page's speed: a 50,000-character draft checked and highlighted, in a real browser.

Starts ``speechlint serve --no-open --port 0 --isolated`` (this checkout), opens the page
in the system's headless Chromium (Playwright), puts the draft in the editor and times
``window.speechlint.check()`` -- the request, the server's check, the highlights, the
list and the outline put in the page, and the layout -- N times, editing one character
between runs so that no cache answers.  The draft: the measure half of
../shared/corpus/clean/ (bench/corpus.py), with examples/draft.txt inserted every 5,000
characters so that every family has findings to highlight (about 280 of them); without
../shared, examples/draft.txt repeated (about 1,400 findings).

    python bench/web.py                 # median of 9 runs, 50,000 characters
    python bench/web.py --runs 21 --chars 100000 --json out.json
    python bench/web.py --repeat        # examples/draft.txt repeated: 2,000 findings

The target (issue 16): under 0.5 s.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import corpus

DRAFT = (ROOT / "examples" / "draft.txt").read_text(encoding="utf-8")


def build_draft(chars: int, clean_dir: Path | None = None, repeat: bool = False) -> tuple[str, str]:
    if clean_dir is not None:
        files = sorted(clean_dir.glob("*.txt"))
        docs = [p.read_text(encoding="utf-8") for p in files if corpus.half(p.name) == "measure"]
    else:
        docs = [d.text() for d in corpus.documents("clean", "measure")]
    if repeat:
        docs = []
    if not docs:
        text = (DRAFT * (chars // len(DRAFT) + 1))[:chars]
        return text, "examples/draft.txt repeated"
    clean = "\n".join(docs)
    parts: list[str] = []
    size = 0
    pos = 0
    while size < chars:
        piece = clean[pos : pos + 5000]
        pos += 5000
        parts += [piece, "\n", DRAFT]
        size += len(piece) + 1 + len(DRAFT)
    return "".join(parts)[
        :chars
    ], "clean corpus (measure half) + examples/draft.txt every 5,000 chars"


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--chars", type=int, default=50_000)
    ap.add_argument("--json", metavar="FILE")
    ap.add_argument(
        "--clean",
        metavar="DIR",
        type=Path,
        help="the clean corpus folder (default ../shared/corpus/clean)",
    )
    ap.add_argument(
        "--repeat",
        action="store_true",
        help="examples/draft.txt repeated (the worst case: a finding every 25 characters)",
    )
    args = ap.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("no chromium: apt-get install chromium", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    text, source = build_draft(args.chars, args.clean, args.repeat)
    env = {k: v for k, v in os.environ.items() if k != "SPEECHLINT_TOKEN"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "speechlint", "serve", "--no-open", "--port", "0", "--isolated"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        url = "http://" + proc.stdout.readline().split("http://", 1)[1].split()[0]
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(url)
            page.wait_for_selector("body[data-state=ready]")
            samples: list[float] = []
            findings = 0
            for i in range(args.runs + 1):  # the first run warms the server up: not counted
                draft = text if i % 2 == 0 else text[:-1] + "。"
                page.evaluate(
                    """(t) => { window.speechlint.state.text = t;
                    window.speechlint.state.editing = false; }""",
                    draft,
                )
                ms = page.evaluate("""async () => { const t0 = performance.now();
                    await window.speechlint.check(); document.body.offsetHeight;
                    return performance.now() - t0; }""")
                findings = page.locator("li.finding").count()
                if i:
                    samples.append(ms)
            marks = page.locator("#view mark").count()
            browser.close()
    finally:
        proc.terminate()
        proc.wait(10)
    med = statistics.median(samples)
    print(f"draft: {len(text):,} characters ({source}), {findings} findings, {marks} highlights")
    print(
        f"check + highlight in the page: median {med:.0f} ms, min {min(samples):.0f}, "
        f"max {max(samples):.0f} over {len(samples)} runs (target < 500 ms)"
    )
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    "chars": len(text),
                    "source": source,
                    "findings": findings,
                    "highlights": marks,
                    "median_ms": med,
                    "samples_ms": samples,
                    "machine": platform.platform(),
                    "cpus": os.cpu_count(),
                },
                indent=2,
            ),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
