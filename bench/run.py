#!/usr/bin/env python3
"""speechlint benchmark: whole-process wall time and peak memory, side by side.

Usage (from a checkout, after the README's install command)::

    .venv/bin/python bench/run.py            # full run (a few minutes)
    .venv/bin/python bench/run.py --quick    # fewer runs, no 10 MB

It builds its inputs itself (the texts in ../shared/corpus/clean/ when present,
otherwise examples/draft.txt, repeated to 100 KB, 1 MB and 10 MB), then measures
in one run, interleaving each command with its baseline (A B A B ...) so every
ratio compares runs made under the same machine conditions:

* speechlint's CLI (cold process, all default rules) on each size, single process;
* ``--jobs`` across a folder of drafts, against a single process;
* the floor: a Python process that reads the file and runs one compiled regex;
* autocorrect-py's lint on the same files (installed into bench/.peers, not a
  dependency of speechlint), when installable;
* the language server: didChange -> publishDiagnostics latency (bench/lsp_latency.py),
  against ``autocorrect server`` (npm autocorrect-node) when installable.

Figures are medians with min-max; ratios are computed pair by pair and their
median reported.  Results go to stdout as a table and to bench/out/results.json.
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
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PEERS = ROOT / "bench" / ".peers"
CORPUS = ROOT.parent / "shared" / "corpus" / "clean"
PY = sys.executable
SIZES = {"100KB": 100_000, "1MB": 1_000_000, "10MB": 10_000_000}

FLOOR = (
    "import re,sys\n"
    "t=open(sys.argv[1],encoding='utf-8').read()\n"
    "n=len(re.compile(r'[，。；：、]{2}|[\\u4e00-\\u9fff][,;:!?]').findall(t))\n"
)
AUTOCORRECT = (
    "import sys,autocorrect_py as a\n"
    "t=open(sys.argv[1],encoding='utf-8').read()\n"
    "r=a.lint_for(t,sys.argv[1])\n"
    "print(len(r.lines))\n"
)


@dataclass
class Stat:
    runs: list[float] = field(default_factory=list)
    rss_kb: list[int] = field(default_factory=list)

    def summary(self) -> dict[str, float]:
        r = self.runs
        return {
            "median_s": statistics.median(r),
            "min_s": min(r),
            "max_s": max(r),
            "peak_rss_mb": max(self.rss_kb) / 1024 if self.rss_kb else 0.0,
            "runs": len(r),
        }


def run_once(cmd: list[str], cwd: Path | None = None) -> tuple[float, int, int]:
    """Wall seconds, peak RSS (KiB) and exit code of one whole process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, int(usage.ru_maxrss), proc.returncode


def measure(a: list[str], b: list[str] | None, n: int, warmup: int = 1) -> dict[str, object]:
    """Run A (and B) ``n`` times interleaved after ``warmup`` runs; ratios A/B pair by pair."""
    for _ in range(warmup):
        run_once(a)
        if b:
            run_once(b)
    sa, sb, ratios = Stat(), Stat(), []
    codes: set[int] = set()
    for _ in range(n):
        wa, ra, ca = run_once(a)
        sa.runs.append(wa)
        sa.rss_kb.append(ra)
        codes.add(ca)
        if b:
            wb, rb, _ = run_once(b)
            sb.runs.append(wb)
            sb.rss_kb.append(rb)
            ratios.append(wa / wb)
    out: dict[str, object] = {"a": sa.summary(), "exit_codes": sorted(codes)}
    if b:
        out["b"] = sb.summary()
        out["ratio_median"] = statistics.median(ratios)
        out["ratio_min"] = min(ratios)
        out["ratio_max"] = max(ratios)
    return out


def source_text() -> tuple[str, str]:
    if CORPUS.is_dir() and list(CORPUS.glob("*.txt")):
        files = sorted(CORPUS.glob("*.txt"))
        return "\n".join(f.read_text(encoding="utf-8") for f in files), f"{len(files)} texts of {CORPUS}"
    draft = ROOT / "examples" / "draft.txt"
    return draft.read_text(encoding="utf-8"), str(draft)


def build_inputs(work: Path, sizes: dict[str, int]) -> dict[str, Path]:
    text, _ = source_text()
    out: dict[str, Path] = {}
    for name, size in sizes.items():
        data = text.encode("utf-8")
        reps = size // len(data) + 1
        blob = ("\n".join([text] * reps)).encode("utf-8")[:size]
        blob = blob.decode("utf-8", "ignore").encode("utf-8")  # cut on a character boundary
        path = work / f"input_{name}.txt"
        path.write_bytes(blob)
        out[name] = path
    return out


def ensure_autocorrect_py() -> str | None:
    """Python of a venv with autocorrect-py, or None when not installable."""
    venv = PEERS / "venv"
    py = venv / "bin" / "python"
    if not py.exists():
        subprocess.run([PY, "-m", "venv", str(venv)], check=False, capture_output=True)
        subprocess.run([str(py), "-m", "pip", "install", "-q", "autocorrect-py"], check=False, capture_output=True)
    ok = subprocess.run([str(py), "-c", "import autocorrect_py"], capture_output=True).returncode == 0
    return str(py) if ok else None


def ensure_autocorrect_server() -> list[str] | None:
    """Command starting `autocorrect server` (npm autocorrect-node), or None."""
    npm = shutil.which("npm")
    if not npm:
        return None
    prefix = PEERS / "npm"
    binary = prefix / "node_modules" / ".bin" / "autocorrect"
    if not binary.exists():
        subprocess.run([npm, "install", "--silent", "--prefix", str(prefix), "autocorrect-node"],
                       check=False, capture_output=True)
    return [str(binary), "server"] if binary.exists() else None


def speechlint_cmd(*args: str) -> list[str]:
    exe = Path(PY).parent / "speechlint"
    base = [str(exe)] if exe.exists() else [PY, "-m", "speechlint"]
    return [*base, "check", "--format", "json", "-q", *args]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="3 runs, no 10 MB input")
    ap.add_argument("--no-peers", action="store_true", help="skip autocorrect")
    ap.add_argument("--no-lsp", action="store_true", help="skip the language server latency")
    args = ap.parse_args(argv)
    runs = 3 if args.quick else args.runs
    sizes = {k: v for k, v in SIZES.items() if not (args.quick and k == "10MB")}

    OUT.mkdir(parents=True, exist_ok=True)
    work = OUT / "inputs"
    work.mkdir(exist_ok=True)
    inputs = build_inputs(work, sizes)
    _, source = source_text()
    ac_py = None if args.no_peers else ensure_autocorrect_py()

    results: dict[str, object] = {
        "machine": {
            "platform": platform.platform(),
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "processor": platform.processor() or platform.machine(),
        },
        "source": source,
        "date": time.strftime("%Y-%m-%d %H:%M:%S"),
        "cases": {},
    }
    cases: dict[str, object] = results["cases"]  # type: ignore[assignment]
    floor_script = work / "floor.py"
    floor_script.write_text(FLOOR, encoding="utf-8")
    ac_script = work / "autocorrect_lint.py"
    ac_script.write_text(AUTOCORRECT, encoding="utf-8")

    for name, path in inputs.items():
        sl = speechlint_cmd(str(path))
        cases[f"{name} speechlint vs floor"] = measure(sl, [PY, str(floor_script), str(path)], runs)
        if ac_py:
            cases[f"{name} speechlint vs autocorrect-py"] = measure(sl, [ac_py, str(ac_script), str(path)], runs)
        print(f"measured {name}", file=sys.stderr)

    # --jobs across a folder of drafts.
    folder = work / "folder"
    if not folder.exists():
        folder.mkdir()
        draft = (ROOT / "examples" / "draft.txt").read_text(encoding="utf-8")
        text, _ = source_text()
        chunk = max(1, len(text) // 200)
        for i in range(200):
            (folder / f"d{i:03d}.txt").write_text(text[i * chunk : (i + 1) * chunk] + "\n" + draft, encoding="utf-8")
    jobs = os.cpu_count() or 2
    probe = subprocess.run(speechlint_cmd("--jobs", "1", str(folder)), capture_output=True)
    if probe.returncode in (0, 1):
        cases[f"folder of 200 drafts --jobs {jobs} vs --jobs 1"] = measure(
            speechlint_cmd("--jobs", str(jobs), str(folder)), speechlint_cmd("--jobs", "1", str(folder)), runs
        )

    if not args.no_lsp and (ROOT / "bench" / "lsp_latency.py").exists():
        lsp: dict[str, object] = {}
        for label, cmd in (("speechlint", [PY, "-m", "speechlint", "server"]),
                           ("autocorrect", None if args.no_peers else ensure_autocorrect_server())):
            if cmd is None:
                continue
            out_json = OUT / f"lsp_{label}.json"
            proc = subprocess.run(
                [PY, str(ROOT / "bench" / "lsp_latency.py"), "--json", str(out_json), "--", *cmd],
                capture_output=True, text=True, timeout=600,
            )
            if proc.returncode == 0 and out_json.exists():
                lsp[label] = json.loads(out_json.read_text(encoding="utf-8"))
            else:
                lsp[label] = {"error": (proc.stderr or proc.stdout).strip().splitlines()[-1:]}
        cases["lsp didChange -> publishDiagnostics"] = lsp

    (OUT / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    print(render(results))
    print(f"\nJSON: {OUT / 'results.json'}")
    return 0


def render(results: dict[str, object]) -> str:
    m = results["machine"]
    lines = [f"machine: {m}", f"input: {results['source']}", ""]  # type: ignore[index]
    lines.append(f"{'case':<48} {'A median (min-max) s':<26} {'B median s':<12} {'A/B':<18} {'A RSS MB':>8}")
    for name, c in results["cases"].items():  # type: ignore[union-attr]
        if "a" not in c:
            for label, v in c.items():
                if "median_ms" in v:
                    lines.append(
                        f"{'LSP ' + label:<48} median {v['median_ms']:.2f} ms, p95 {v['p95_ms']:.2f} ms"
                        f" (n={v.get('n', '?')})"
                    )
                else:
                    lines.append(f"{'LSP ' + label:<48} {v}")
            continue
        a = c["a"]
        cell_a = f"{a['median_s']:.3f} ({a['min_s']:.3f}-{a['max_s']:.3f})"
        cell_b = f"{c['b']['median_s']:.3f}" if "b" in c else ""
        ratio = (
            f"{c['ratio_median']:.2f} ({c['ratio_min']:.2f}-{c['ratio_max']:.2f})" if "ratio_median" in c else ""
        )
        lines.append(f"{name:<48} {cell_a:<26} {cell_b:<12} {ratio:<18} {a['peak_rss_mb']:>8.1f}")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
