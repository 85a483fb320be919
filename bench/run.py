#!/usr/bin/env python3
"""speechlint benchmark: whole-process wall time and peak memory, side by side.

Usage (from a checkout, after the README's install command)::

    .venv/bin/python bench/run.py                    # full run (a few minutes)
    .venv/bin/python bench/run.py --quick            # fewer runs, no 10 MB
    .venv/bin/python bench/run.py --sizes 10MB --no-folder --no-lsp  # only the 10 MB input
    .venv/bin/python bench/run.py --sizes distinct --no-folder --no-lsp  # only text that never repeats
    .venv/bin/python bench/run.py --sizes 10MB --no-folder --no-lsp --baseline /tmp/old
                                                     # ... and against another source tree
    .venv/bin/python bench/run.py --install regular  # measure `pip install .` (what users of a
                                                     # released package get) instead of the
                                                     # checkout's editable install

It builds its inputs itself (the texts in ../shared/corpus/clean/ when present,
otherwise examples/draft.txt, repeated to 100 KB, 1 MB and 10 MB; and, when
../shared/corpus/official/ is there, the official texts joined: about 9 MB whose lines never
repeat, so that speechlint's per-line caches, which check a repeated line once, do not
flatter it), then measures
in one run, interleaving each command with its baseline (A B A B ...) so every
ratio compares runs made under the same machine conditions:

* speechlint's CLI (cold process, all default rules, bytecode compiled) on each size,
  single process;
* ``--jobs`` across a folder of drafts, against ``--jobs 1`` and against autocorrect-py;
* the floor: a Python process that reads the file and runs one compiled regex;
* autocorrect-py's lint on the same files (installed into bench/.peers, not a
  dependency of speechlint), when installable;
* the language server: didChange -> publishDiagnostics latency (bench/lsp_latency.py),
  against ``autocorrect server`` (npm autocorrect-node, into bench/.peers) when npm is
  available; each server's peak RSS.

Figures are medians with min-max; ratios are computed pair by pair and their
median reported.  Each process's CPU time (user + system) is recorded too, with the
median of its pairwise ratios: on a machine whose cores other work shares, CPU time moves
far less than wall time.  Results go to stdout as a table and to bench/out/results.json.
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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PEERS = ROOT / "bench" / ".peers"
CORPUS = ROOT.parent / "shared" / "corpus" / "clean"
PY = sys.executable
SIZES = {"100KB": 100_000, "1MB": 1_000_000, "10MB": 10_000_000}
#: The input of distinct text: every official text of ../shared/corpus/official joined (about
#: 9 MB).  The sized inputs repeat the clean reports, whose lines speechlint's per-line caches
#: then check once; this one shows the cost of text that never repeats.
DISTINCT = "distinct"
OFFICIAL = ROOT.parent / "shared" / "corpus" / "official"

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
    #: user + system CPU seconds of each run: less disturbed than wall time when other
    #: processes share the cores
    cpu: list[float] = field(default_factory=list)

    def summary(self) -> dict[str, float]:
        r = self.runs
        return {
            "median_s": statistics.median(r),
            "min_s": min(r),
            "max_s": max(r),
            "median_cpu_s": statistics.median(self.cpu) if self.cpu else 0.0,
            "peak_rss_mb": max(self.rss_kb) / 1024 if self.rss_kb else 0.0,
            "runs": len(r),
        }


#: /usr/bin/time -f %M reports the command's own peak RSS.  wait4 on a direct child does
#: not: Linux counts the pages the child shared with this (larger) process before exec.
TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def run_once(
    cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None
) -> tuple[float, int, int, float]:
    """Wall seconds, peak RSS (KiB), exit code and CPU seconds (user + system, the
    process and the children it waited for) of one whole process."""
    rss_file = OUT / "rss.txt"
    full = [TIME, "-q", "-f", "%M", "-o", str(rss_file), *cmd] if TIME else cmd
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        full,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=cwd,
        env={**os.environ, **env} if env else None,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    rss = int(usage.ru_maxrss)
    if TIME:
        try:
            rss = int(rss_file.read_text().split()[-1])
        except (OSError, ValueError, IndexError):
            pass
    return wall, rss, proc.returncode, usage.ru_utime + usage.ru_stime


def measure(
    a: list[str],
    b: list[str] | None,
    n: int,
    warmup: int = 1,
    env_a: dict[str, str] | None = None,
    label_b: str = "",
    env_b: dict[str, str] | None = None,
) -> dict[str, object]:
    """Run A (and B) ``n`` times interleaved after ``warmup`` runs; ratios A/B pair by pair."""
    for _ in range(warmup):
        run_once(a, env=env_a)
        if b:
            run_once(b, env=env_b)
    sa, sb, ratios, cpu_ratios = Stat(), Stat(), [], []
    codes: set[int] = set()
    for _ in range(n):
        wa, ra, ca, ua = run_once(a, env=env_a)
        sa.runs.append(wa)
        sa.rss_kb.append(ra)
        sa.cpu.append(ua)
        codes.add(ca)
        if b:
            wb, rb, _, ub = run_once(b, env=env_b)
            sb.runs.append(wb)
            sb.rss_kb.append(rb)
            sb.cpu.append(ub)
            ratios.append(wa / wb)
            if ub > 0:
                cpu_ratios.append(ua / ub)
    out: dict[str, object] = {"a": sa.summary(), "exit_codes": sorted(codes), "command_a": a}
    if b:
        out["b"] = sb.summary()
        out["b_is"] = label_b
        out["command_b"] = b
        out["ratio_median"] = statistics.median(ratios)
        out["ratio_min"] = min(ratios)
        out["ratio_max"] = max(ratios)
        if cpu_ratios:
            out["cpu_ratio_median"] = statistics.median(cpu_ratios)
    return out


def source_text() -> tuple[str, str]:
    if CORPUS.is_dir() and list(CORPUS.glob("*.txt")):
        files = sorted(CORPUS.glob("*.txt"))
        return "\n".join(
            f.read_text(encoding="utf-8") for f in files
        ), f"{len(files)} texts of {CORPUS}"
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


def build_distinct(work: Path) -> Path | None:
    """The official texts joined (None without ../shared): text whose lines do not repeat."""
    files = sorted(OFFICIAL.glob("*.txt")) if OFFICIAL.is_dir() else []
    if not files:
        return None
    path = work / f"input_{DISTINCT}.txt"
    path.write_text("\n".join(f.read_text(encoding="utf-8") for f in files), encoding="utf-8")
    return path


def compile_bytecode(trees: list[Path]) -> None:
    """Write the bytecode of each source tree's packages, as ``pip install`` does for an
    installed package (and for the peers in bench/.peers).  An editable install run with
    ``PYTHONDONTWRITEBYTECODE`` set (some CI and sandbox images set it) never writes its
    ``.pyc`` files, and every measured process would compile speechlint from source: about
    0.2 s of each run on a 2-vCPU machine, a cost no installed copy pays."""
    for tree in trees:
        dirs = [str(tree / d) for d in ("speechlint", "lsp", "rules") if (tree / d).is_dir()]
        if dirs:
            subprocess.run([sys.executable, "-m", "compileall", "-q", *dirs], check=False)


def ensure_autocorrect_py() -> str | None:
    """Python of a venv with autocorrect-py, or None when not installable."""
    venv = PEERS / "venv"
    py = venv / "bin" / "python"
    if not py.exists():
        subprocess.run([PY, "-m", "venv", str(venv)], check=False, capture_output=True)
        subprocess.run(
            [str(py), "-m", "pip", "install", "-q", "autocorrect-py"],
            check=False,
            capture_output=True,
        )
    ok = (
        subprocess.run(
            [str(py), "-c", "import autocorrect_py"], capture_output=True, check=False
        ).returncode
        == 0
    )
    return str(py) if ok else None


def ensure_autocorrect_server() -> list[str] | None:
    """Command starting `autocorrect server` (npm autocorrect-node), or None."""
    npm = shutil.which("npm")
    if not npm:
        return None
    prefix = PEERS / "npm"
    binary = prefix / "node_modules" / ".bin" / "autocorrect"
    if not binary.exists():
        subprocess.run(
            [npm, "install", "--silent", "--prefix", str(prefix), "autocorrect-node"],
            check=False,
            capture_output=True,
        )
    return [str(binary), "server"] if binary.exists() else None


AUTOCORRECT_FOLDER = (
    "import os,sys,autocorrect_py as a\n"
    "n=0\n"
    "for f in sorted(os.listdir(sys.argv[1])):\n"
    "    p=os.path.join(sys.argv[1],f)\n"
    "    n+=len(a.lint_for(open(p,encoding='utf-8').read(),p).lines)\n"
    "print(n)\n"
)

#: Runs bench/lsp_latency.py for a server and records the server's peak RSS (VmHWM, read
#: from /proc just before shutdown).  lsp_latency.py itself paces every server alike and
#: copes with autocorrect's server (no ``"params": null``, its empty first publication).
LSP_DRIVER = r"""
import asyncio, sys
sys.path.insert(0, sys.argv[1])
import lsp_latency as L
rss_file, argv = sys.argv[2], sys.argv[3:]
procs = []
_spawn = asyncio.create_subprocess_exec
async def spawn(*a, **k):
    p = await _spawn(*a, **k)
    procs.append(p)
    return p
asyncio.create_subprocess_exec = spawn
_request = L.Client.request
async def request(self, method, params):
    if method == "shutdown" and procs:
        try:
            for line in open(f"/proc/{procs[-1].pid}/status"):
                if line.startswith("VmHWM:"):
                    open(rss_file, "w").write(line.split()[1])
        except OSError:
            pass
    return await _request(self, method, params)
L.Client.request = request
sys.exit(L.main(argv))
"""


def ensure_regular_install() -> Path | None:
    """bin/ folder of bench/.peers/speechlint: ``pip install .`` of this checkout (reinstalled
    each run, so it measures the current code), or None when that fails."""
    venv = PEERS / "speechlint"
    py = venv / "bin" / "python"
    if not py.exists():
        subprocess.run([PY, "-m", "venv", str(venv)], check=False, capture_output=True)
        first = subprocess.run(
            [str(py), "-m", "pip", "install", "-q", f"{ROOT}[lsp]"],
            capture_output=True,
            check=False,
        )
        if first.returncode != 0:
            return None
    else:
        again = subprocess.run(
            [str(py), "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", str(ROOT)],
            capture_output=True,
            check=False,
        )
        if again.returncode != 0:
            return None
        if subprocess.run(
            [str(py), "-c", "import pygls"], capture_output=True, check=False
        ).returncode:
            subprocess.run(
                [str(py), "-m", "pip", "install", "-q", f"{ROOT}[lsp]"],
                capture_output=True,
                check=False,
            )
    return venv / "bin" if (venv / "bin" / "speechlint").exists() else None


def speechlint_cmd(*args: str, bindir: Path | None = None) -> list[str]:
    exe = (bindir or Path(PY).parent) / "speechlint"
    base = [str(exe)] if exe.exists() else [PY, "-m", "speechlint"]
    return [*base, "check", "--isolated", "--format", "json", "-q", *args]


def machine() -> dict[str, object]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return {
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "processor": cpu,
        "memory": mem,
        "load_average_at_start": os.getloadavg() if hasattr(os, "getloadavg") else None,
    }


def build_folder(folder: Path, count: int = 200) -> None:
    """``count`` drafts of 5-20 KB: slices of the source text, each with the example draft."""
    if folder.exists() and len(list(folder.glob("*.txt"))) == count:
        return
    folder.mkdir(parents=True, exist_ok=True)
    draft = (ROOT / "examples" / "draft.txt").read_text(encoding="utf-8")
    text, _ = source_text()
    chunk = max(1, len(text) // count)
    for i in range(count):
        (folder / f"d{i:03d}.txt").write_text(
            text[i * chunk : (i + 1) * chunk] + "\n" + draft, encoding="utf-8"
        )


def build_corpus_folder(folder: Path, count: int = 200, size: int = 30_000) -> None:
    """``count`` drafts of about ``size`` characters cut from the source text only (clean,
    professionally edited: no duplicate needs jieba, so every worker does only linting)."""
    if folder.exists() and len(list(folder.glob("*.txt"))) == count:
        return
    folder.mkdir(parents=True, exist_ok=True)
    text, _ = source_text()
    step = max(1, (len(text) - size) // count)
    for i in range(count):
        start = text.find("\n", i * step) + 1
        (folder / f"c{i:03d}.txt").write_text(text[start : start + size], encoding="utf-8")


def lsp_case(label: str, cmd: list[str], edits: int, draft: Path | None = None) -> dict[str, object]:
    out_json = OUT / f"lsp_{label}.json"
    rss_file = OUT / f"lsp_{label}.rss"
    for f in (out_json, rss_file):
        f.unlink(missing_ok=True)
    proc = subprocess.run(
        [
            PY,
            "-c",
            LSP_DRIVER,
            str(ROOT / "bench"),
            str(rss_file),
            "--edits",
            str(edits),
            "--json",
            str(out_json),
            *(("--file", str(draft)) if draft else ()),
            "--",
            *cmd,
        ],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    if proc.returncode != 0 or not out_json.exists():
        return {"error": (proc.stderr or proc.stdout).strip().splitlines()[-1:]}
    res: dict[str, object] = json.loads(out_json.read_text(encoding="utf-8"))
    res.pop("samples_ms", None)  # kept in bench/out/lsp_<label>.json
    try:
        res["peak_rss_mb"] = int(rss_file.read_text()) / 1024
    except (OSError, ValueError):
        pass
    return res


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    runs = 3 if args.quick else args.runs
    wanted = args.wanted
    sizes = {k: v for k, v in SIZES.items() if k in wanted and not (args.quick and k == "10MB")}

    OUT.mkdir(parents=True, exist_ok=True)
    work = OUT / "inputs"
    work.mkdir(exist_ok=True)
    inputs = build_inputs(work, sizes)
    _, source = source_text()
    distinct = build_distinct(work) if DISTINCT in wanted and not args.quick else None
    if distinct is not None:
        inputs[DISTINCT] = distinct
        source += f"; {DISTINCT}: the {len(list(OFFICIAL.glob('*.txt')))} texts of {OFFICIAL}"
    compile_bytecode([ROOT, *([Path(args.baseline)] if args.baseline else [])])
    ac_py = None if args.no_peers else ensure_autocorrect_py()
    bindir = None
    if args.install == "regular":
        bindir = ensure_regular_install()
        if bindir is None:
            print("pip install . failed: measuring the editable install", file=sys.stderr)
    install = "regular (pip install .)" if bindir else "editable (pip install -e .)"
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()

    results: dict[str, object] = {
        "machine": machine(),
        "speechlint": {
            "install": install,
            "commit": commit,
        },
        "source": source,
        "date": time.strftime("%Y-%m-%d %H:%M:%S"),
        "runs": runs,
        "cases": {},
    }
    cases: dict[str, object] = results["cases"]  # type: ignore[assignment]

    for name, path in inputs.items():
        _size_cases(cases, name, path, runs, bindir, ac_py, work, args.baseline)
    if not args.no_folder:
        _folder_cases(cases, work, runs, bindir, ac_py)
    if not args.no_lsp and (ROOT / "bench" / "lsp_latency.py").exists():
        _lsp_cases(cases, 100 if args.quick else args.lsp_edits, bindir, None if args.no_peers else ensure_autocorrect_server())

    (OUT / "results.json").write_text(
        json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    print(render(results))
    print(f"\nJSON: {OUT / 'results.json'}")
    return 0



def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The options; ``--sizes`` checked against the known inputs."""
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--quick", action="store_true", help="3 runs, no 10 MB input, fewer LSP edits")
    ap.add_argument(
        "--install",
        choices=("editable", "regular"),
        default="editable",
        help="editable: this checkout's .venv (the README's install); regular: "
        "`pip install .` into bench/.peers/speechlint, as a released package",
    )
    ap.add_argument(
        "--sizes",
        default=",".join((*SIZES, DISTINCT)),
        help=f"comma-separated inputs to measure (default: {','.join((*SIZES, DISTINCT))}; "
        f"{DISTINCT}: the official texts joined, about 9 MB that never repeats, when ../shared is there)",
    )
    ap.add_argument("--no-folder", action="store_true", help="skip the folder (--jobs) cases")
    ap.add_argument(
        "--baseline",
        metavar="DIR",
        help="also run each size against another source tree of speechlint (e.g. "
        "`git archive OLD | tar -x -C DIR`), put first on PYTHONPATH of the same interpreter",
    )
    ap.add_argument("--no-peers", action="store_true", help="skip autocorrect")
    ap.add_argument("--no-lsp", action="store_true", help="skip the language server latency")
    ap.add_argument("--lsp-edits", type=int, default=400)
    args = ap.parse_args(argv)
    wanted = [s.strip() for s in args.sizes.split(",") if s.strip()]
    unknown = [s for s in wanted if s not in SIZES and s != DISTINCT]
    if unknown:
        ap.error(f"--sizes: unknown size {', '.join(unknown)} (known: {', '.join((*SIZES, DISTINCT))})")
    args.wanted = wanted
    return args


def _step(name: str) -> None:
    print(f"measured {name}", file=sys.stderr, flush=True)


def _script(work: Path, name: str, text: str) -> Path:
    """``text`` written to ``work/name``: a script a measured command runs."""
    path = work / name
    path.write_text(text, encoding="utf-8")
    return path


def _size_cases(
    cases: dict[str, object],
    name: str,
    path: Path,
    runs: int,
    bindir: Path | None,
    ac_py: str | None,
    work: Path,
    baseline: str | None,
) -> None:
    """speechlint on one input against the regex floor, autocorrect-py and a baseline tree."""
    sl = speechlint_cmd(str(path), bindir=bindir)
    floor = [PY, str(_script(work, "floor.py", FLOOR)), str(path)]
    cases[f"{name}: speechlint vs regex floor"] = measure(sl, floor, runs, label_b="regex floor")
    if ac_py:
        ac = [ac_py, str(_script(work, "autocorrect_lint.py", AUTOCORRECT)), str(path)]
        cases[f"{name}: speechlint vs autocorrect-py"] = measure(sl, ac, runs, label_b="autocorrect-py")
    if baseline:
        base = str(Path(baseline).resolve())
        cases[f"{name}: speechlint vs speechlint of {base}"] = measure(
            sl, sl, runs, label_b="baseline", env_b={"PYTHONPATH": base}
        )
    _step(name)


def _folder_cases(
    cases: dict[str, object], work: Path, runs: int, bindir: Path | None, ac_py: str | None
) -> None:
    """--jobs across a folder of drafts, with a control of what the machine's cores give."""
    folder = work / "folder"
    build_folder(folder)
    jobs = os.cpu_count() or 2
    ac_folder_script = _script(work, "autocorrect_folder.py", AUTOCORRECT_FOLDER)
    # Control: the same pure-Python work in `jobs` processes against one.  On an idle machine
    # the ratio is about 1/jobs; near 1.0 means other load left no core free, and no --jobs
    # figure of this run can show scaling.
    burn = (
        "import sys,multiprocessing as mp\n"
        "def f(_):\n    s=0\n    for i in range(4_000_000): s+=i\n"
        "if __name__=='__main__':\n"
        "    with mp.get_context('fork').Pool(int(sys.argv[1])) as p: p.map(f, range(4), chunksize=1)\n"
    )
    burn_script = work / "burn.py"
    burn_script.write_text(burn, encoding="utf-8")
    cases[f"control: CPU-bound Python in {jobs} processes vs 1 (ideal {1 / jobs:.2f})"] = measure(
        [PY, str(burn_script), str(jobs)], [PY, str(burn_script), "1"], runs, label_b="1 process"
    )
    probe = subprocess.run(
        speechlint_cmd("--jobs", "1", str(folder), bindir=bindir), capture_output=True, check=False
    )
    if probe.returncode in (0, 1):
        one = speechlint_cmd("--jobs", "1", str(folder), bindir=bindir)
        many = speechlint_cmd("--jobs", str(jobs), str(folder), bindir=bindir)
        cases[f"folder (200 drafts): --jobs {jobs} vs --jobs 1"] = measure(
            many, one, runs, label_b="--jobs 1"
        )
        if ac_py:
            cases[f"folder (200 drafts): --jobs {jobs} vs autocorrect-py"] = measure(
                many, [ac_py, str(ac_folder_script), str(folder)], runs, label_b="autocorrect-py"
            )
        corpus = work / "corpus_folder"
        build_corpus_folder(corpus)
        cases[f"corpus folder (200 clean drafts): --jobs {jobs} vs --jobs 1"] = measure(
            speechlint_cmd("--jobs", str(jobs), str(corpus), bindir=bindir),
            speechlint_cmd("--jobs", "1", str(corpus), bindir=bindir),
            runs,
            label_b="--jobs 1",
        )
        if ac_py:
            cases[f"corpus folder (200 clean drafts): --jobs {jobs} vs autocorrect-py"] = measure(
                speechlint_cmd("--jobs", str(jobs), str(corpus), bindir=bindir),
                [ac_py, str(ac_folder_script), str(corpus)],
                runs,
                label_b="autocorrect-py",
            )
        _step("folder")


def _lsp_cases(cases: dict[str, object], edits: int, bindir: Path | None, ac_server: list[str] | None) -> None:
    """Latency of a one-character edit in the language servers (speechlint, autocorrect)."""
    server_py = str(bindir / "python") if bindir else PY
    # the built draft of ~30,000 characters, and seed 000 (a real draft with findings, the
    # issue's case) when ../shared is there
    seeds = sorted((ROOT.parent / "shared" / "seeds").glob("000_*.txt"))
    for title, draft in (("", None), (" (seed 000)", seeds[0] if seeds else None)):
        if title and draft is None:
            continue
        tag = "_seed000" if draft else ""
        lsp: dict[str, Any] = {}
        lsp["speechlint"] = lsp_case(
            "speechlint" + tag, [server_py, "-m", "speechlint", "server"], edits, draft
        )
        if ac_server:
            lsp["autocorrect"] = lsp_case("autocorrect" + tag, ac_server, edits, draft)
        sl_m = lsp["speechlint"].get("median_ms")
        ac_m = lsp.get("autocorrect", {}).get("median_ms")
        if sl_m and ac_m:
            lsp["ratio_median"] = sl_m / ac_m
        cases["lsp: didChange -> publishDiagnostics" + title] = lsp
    _step("lsp")


def _cell(st: dict[str, float]) -> str:
    return f"{st['median_s']:.3f} ({st['min_s']:.3f}–{st['max_s']:.3f})"


def render(results: dict[str, Any]) -> str:
    """A Markdown table (pastes into the README as it is)."""
    m = results["machine"]
    sl = results.get("speechlint", {})
    head = (
        f"machine: {m['processor']}, {m['cpus']} CPUs, {m.get('memory', '')}, "
        f"{m['platform']}, Python {m['python']}; speechlint {sl.get('commit', '')}, "
        f"{sl.get('install', '')} install; input: {results['source']}; {results.get('runs')} runs each,"
        " interleaved; seconds are whole-process wall time, median (min–max)"
    )
    lines = [
        head,
        "",
        (
            "| case | speechlint s | other s | ratio (min–max) | peak RSS MB (speechlint / other) "
            "| CPU s (speechlint / other): ratio |"
        ),
        "|---|---|---|---|---|---|",
    ]
    for name, c in results["cases"].items():
        if "a" not in c:
            for label, v in c.items():
                if not isinstance(v, dict):
                    continue
                if "median_ms" in v:
                    lines.append(
                        f"| LSP {label}: one-character edit in {v.get('chars', '?')} chars ({v.get('sync')} sync) "
                        f"| median {v['median_ms']:.2f} ms, p95 {v['p95_ms']:.2f} ms (n={v.get('edits', '?')}) | "
                        f"| | {v.get('peak_rss_mb', 0):.0f} | |"
                    )
                else:
                    lines.append(f"| LSP {label} | {v} | | | | |")
            if "ratio_median" in c:
                lines.append(
                    f"| LSP median, speechlint / autocorrect | | | {c['ratio_median']:.2f} | | |"
                )
            continue
        a = c["a"]
        b = c.get("b")
        ratio = (
            f"{c['ratio_median']:.2f} ({c['ratio_min']:.2f}–{c['ratio_max']:.2f})"
            if "ratio_median" in c
            else ""
        )
        rss = f"{a['peak_rss_mb']:.0f}" + (f" / {b['peak_rss_mb']:.0f}" if b else "")
        cpu = f"{a.get('median_cpu_s', 0):.3f}" + (f" / {b.get('median_cpu_s', 0):.3f}" if b else "")
        if "cpu_ratio_median" in c:
            cpu += f": {c['cpu_ratio_median']:.2f}"
        lines.append(f"| {name} | {_cell(a)} | {_cell(b) if b else ''} | {ratio} | {rss} | {cpu} |")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
