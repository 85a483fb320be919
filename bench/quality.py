#!/usr/bin/env python3
"""Quality benchmark: false alarms on professionally edited text, recall on injected slips,
and the precision of every default rule (issue 12).

Usage (from a checkout, after ``pip install -e ".[test]"``; reads ``../shared/corpus``)::

    python bench/quality.py                    # both halves, both corpora: the table
    python bench/quality.py --show-false       # ... and every false alarm, file:line:code
    python bench/quality.py --show-misses      # ... and every injected slip not found
    python bench/quality.py --compare old.json # what changed since an earlier run
    python bench/quality.py --half measure --corpus official --seed 7 --slips 3000

What it measures, per half (``bench/corpus.py`` splits every corpus once into a tune half
and a measure half; the figures that count are the measure half's):

* **False alarms.** Every default rule runs in-process (``speechlint.lint``, filetype txt)
  over the official texts from 2003 on and the 8 clean reports. A finding is a real defect
  when ``bench/known_defects.yaml`` lists its file, line and code (each entry judged on its
  own); every other finding is a false alarm. Per rule: findings, false alarms, false
  alarms per 100,000 characters.
* **Recall.** ``bench/inject.py`` makes slips in a copy of each document (at most one per
  paragraph, never in a paragraph that already has a finding) and records where each one
  is. A slip is found when a finding of its expected family overlaps its span, or touches
  it within ``TOUCH`` characters. Recall per kind and per family; misses with
  ``--show-misses``.
* **Precision per rule**: (its findings on injected slips + its findings on real defects)
  / all its findings, where all findings also count the new findings the slips caused
  away from any slip (collateral false alarms).

It prints a table and writes JSON (``bench/out/quality.json`` unless ``--json``).
When ``speechlint.lm_build`` exists, the tune half's language model is built once into
``bench/out/lm-tune`` (rebuilt when its input changes) and the run uses it through
``SPEECHLINT_LM_DIR``, so the measure half stays unseen.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import platform
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import corpus, inject

OUT = HERE / "out"
KNOWN = HERE / "known_defects.yaml"
BUDGET = HERE / "quality_budget.json"
#: A finding this many code points away from a slip still points at it.
TOUCH = 2
#: The issue's target: false alarms per 100,000 characters, all default rules together.
BUDGET_PER_100K = 0.5
#: The issue's bar for a default rule: its precision on the benchmark.
PRECISION_TARGET = 0.95
HALVES: tuple[corpus.Half, ...] = ("tune", "measure")


# --------------------------------------------------------------------------- corpus


@dataclass(frozen=True)
class Text:
    corpus: str
    name: str
    half: str
    text: str


def texts(which: str = "all", half: str | None = None) -> list[Text]:
    """Official texts from 2003 on and the clean reports, of one half or both."""
    names = ("official", "clean") if which == "all" else (which,)
    out = []
    for c in names:
        for d in corpus.documents(c, half, recent_only=(c == "official")):  # type: ignore[arg-type]
            out.append(Text(c, d.name, d.half, d.text()))
    return out


# --------------------------------------------------------------------------- known defects


def load_known(path: Path = KNOWN) -> dict[tuple[str, int, str], int]:
    """(file, line, code) -> how many findings there are real defects."""
    import yaml

    out: dict[tuple[str, int, str], int] = {}
    for e in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
        key = (str(e["file"]), int(e["line"]), str(e["code"]))
        if key in out:
            raise ValueError(f"{path}: duplicate entry {key}")
        if not str(e.get("why", "")).strip():
            raise ValueError(f"{path}: entry {key} has no 'why'")
        out[key] = int(e.get("count", 1))
    return out


# --------------------------------------------------------------------------- linting


#: Rules to run: None for the default set (what a user gets), else codes or prefixes.
SELECT: tuple[str, ...] | None = None


def _config() -> Any:
    if SELECT is None:
        return None
    from speechlint.config import Config

    return Config(select=SELECT)


def default_codes() -> list[str]:
    """The codes of the default rule set (what ``speechlint.lint`` runs unconfigured)."""
    from speechlint.engine import linter_for

    return [r.code for r in linter_for(None).rules]


def lint(text: str) -> list[Any]:
    import speechlint

    failures: list[Any] = []
    found = speechlint.lint(text, _config(), filetype="txt", failures=failures)
    if failures:
        raise RuntimeError(f"rules raised: {failures}")
    return found


def line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


@dataclass
class Finding:
    doc: str
    code: str
    start: int
    end: int
    line: int
    excerpt: str
    real: bool = False

    def where(self) -> str:
        return f"{self.doc}:{self.line}:{self.code}"


def excerpt(text: str, start: int, end: int, width: int = 12) -> str:
    s = (
        text[max(0, start - width) : start]
        + "【"
        + text[start:end]
        + "】"
        + text[end : end + width]
    )
    return s.replace("\n", "⏎")


def classify(
    name: str, text: str, found: Iterable[Any], known: dict[tuple[str, int, str], int]
) -> list[Finding]:
    """Findings of one clean document, each marked real when the known-defect file lists it."""
    left = dict(known)
    out = []
    for d in sorted(found, key=lambda d: (d.span.start, d.span.end, d.code)):
        ln = line_of(text, d.span.start)
        key = (name, ln, d.code)
        real = left.get(key, 0) > 0
        if real:
            left[key] -= 1
        out.append(
            Finding(
                name,
                d.code,
                d.span.start,
                d.span.end,
                ln,
                excerpt(text, d.span.start, d.span.end),
                real,
            )
        )
    return out


def clean_findings(which: str = "all", half: str | None = None) -> tuple[list[Finding], int]:
    """Every finding on the clean texts (classified) and the number of characters checked."""
    known = load_known()
    out: list[Finding] = []
    chars = 0
    for t in texts(which, half):
        out.extend(classify(t.name, t.text, lint(t.text), known))
        chars += len(t.text)
    return out, chars


def known_not_reported(
    findings: Iterable[Finding], known: dict[tuple[str, int, str], int], names: Iterable[str]
) -> list[str]:
    """Known real defects of these documents that no finding reports any more."""
    got = Counter((f.doc, f.line, f.code) for f in findings if f.real)
    names = set(names)
    out = []
    for (doc, line, code), count in sorted(known.items()):
        if doc in names and got.get((doc, line, code), 0) < count:
            out.append(f"{doc}:{line}:{code} ({got.get((doc, line, code), 0)} of {count})")
    return out


def false_alarms_by_rule(findings: Iterable[Finding]) -> dict[str, int]:
    return dict(sorted(Counter(f.code for f in findings if not f.real).items()))


def write_budget(path: Path = BUDGET) -> dict[str, Any]:
    """Record today's false alarms per rule (both halves, both corpora) as the ceilings."""
    findings, chars = clean_findings()
    by_rule = false_alarms_by_rule(findings)
    data = {
        "about": (
            "Ceilings for tests/test_quality.py: false alarms per default rule on the official"
            " texts from 2003 on and the clean reports, both halves, as measured by"
            " `python bench/quality.py --update-budget`. A rule may not get worse; lower a"
            " ceiling whenever a rule gets better."
        ),
        "characters": chars,
        "total": sum(by_rule.values()),
        "false_alarms": by_rule,
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return data


# --------------------------------------------------------------------------- one half


@dataclass
class HalfResult:
    half: str
    docs: int = 0
    chars: int = 0
    findings: list[Finding] = field(default_factory=list)
    slips: list[inject.Slip] = field(default_factory=list)
    found: dict[int, bool] = field(default_factory=dict)  # slip index -> found
    #: rule -> findings on injected slips (expected family or not: they point at a defect)
    on_slip: Counter[str] = field(default_factory=Counter)
    #: findings the slips caused away from any slip
    collateral: list[Finding] = field(default_factory=list)
    injected_text: dict[str, str] = field(default_factory=dict)
    #: known real defects of the half that no finding reports
    known_missing: list[str] = field(default_factory=list)


def _near(fs: int, fe: int, span: tuple[int, int]) -> bool:
    return fs <= span[1] + TOUCH and fe >= span[0] - TOUCH


def run_half(
    docs: list[Text], known: dict[tuple[str, int, str], int], slips: int, seed: int
) -> HalfResult:
    res = HalfResult(docs[0].half if docs else "")
    res.docs = len(docs)
    res.chars = sum(len(d.text) for d in docs)
    clean_keys: dict[str, set[tuple[str, int, int]]] = {}
    avoid: dict[str, set[int]] = {}
    for d in docs:
        raw = lint(d.text)
        fs = classify(d.name, d.text, raw, known)
        res.findings.extend(fs)
        clean_keys[d.name] = {(f.code, f.start, f.end) for f in fs}
        avoid[d.name] = {f.line - 1 for f in fs} | {line_of(d.text, f.end) - 1 for f in fs}
    res.known_missing = known_not_reported(res.findings, known, (d.name for d in docs))
    if slips <= 0:
        return res
    injected = inject.inject([(d.name, d.text) for d in docs], n=slips, seed=seed, avoid=avoid)
    for d in docs:
        inj = injected[d.name]
        if not inj.slips:
            continue
        res.injected_text[d.name] = inj.text
        base = len(res.slips)
        res.slips.extend(inj.slips)
        for k in range(len(inj.slips)):
            res.found[base + k] = False
        for f in lint(inj.text):
            fs, fe = f.span.start, f.span.end
            if (f.code, inj.to_original(fs), inj.to_original(fe)) in clean_keys[d.name]:
                continue  # the clean text's own finding, already counted
            hit = False
            for k, s in enumerate(inj.slips):
                regions = (s.span, *s.accept)
                if any(_near(fs, fe, r) for r in regions):
                    hit = True
                    if f.code.startswith(s.expect):
                        res.found[base + k] = True
            if hit:
                res.on_slip[f.code] += 1
            else:
                res.collateral.append(
                    Finding(
                        d.name, f.code, fs, fe, line_of(inj.text, fs), excerpt(inj.text, fs, fe)
                    )
                )
    return res


# --------------------------------------------------------------------------- figures


def per100k(n: int, chars: int) -> float:
    return round(n * 100_000 / chars, 2) if chars else 0.0


def summarise(res: HalfResult, codes: list[str]) -> dict[str, Any]:
    rules: dict[str, Any] = {}
    by_code: dict[str, list[Finding]] = defaultdict(list)
    for f in res.findings:
        by_code[f.code].append(f)
    coll = Counter(f.code for f in res.collateral)
    for code in sorted(set(codes) | set(by_code) | set(res.on_slip) | set(coll)):
        fs = by_code.get(code, [])
        real = sum(f.real for f in fs)
        false = len(fs) - real
        tp = res.on_slip.get(code, 0) + real
        total = tp + false + coll.get(code, 0)
        rules[code] = {
            "findings": len(fs),
            "real": real,
            "false": false,
            "false_per_100k": per100k(false, res.chars),
            "on_slips": res.on_slip.get(code, 0),
            "collateral": coll.get(code, 0),
            "precision": round(tp / total, 4) if total else None,
            "default": code in codes,
        }
    n_false = sum(not f.real for f in res.findings)
    n_real = sum(f.real for f in res.findings)
    tp_all = n_real + sum(res.on_slip.values())
    total_all = tp_all + n_false + len(res.collateral)
    kinds: dict[str, Any] = {}
    fams: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for kind in inject.KINDS:
        idx = [k for k, s in enumerate(res.slips) if s.kind == kind]
        hit = sum(res.found[k] for k in idx)
        kinds[kind] = {
            "family": inject.KINDS[kind].family,
            "slips": len(idx),
            "found": hit,
            "recall": round(hit / len(idx), 4) if idx else None,
        }
        fams[inject.KINDS[kind].family][0] += len(idx)
        fams[inject.KINDS[kind].family][1] += hit
    return {
        "documents": res.docs,
        "characters": res.chars,
        "findings": len(res.findings),
        "real": n_real,
        "false": n_false,
        "false_per_100k": per100k(n_false, res.chars),
        "collateral": len(res.collateral),
        "precision": round(tp_all / total_all, 4) if total_all else None,
        "known_defects_not_reported": res.known_missing,
        "false_alarms": [f"{f.where()}: {f.excerpt}" for f in res.findings if not f.real],
        "collateral_false_alarms": [f"{f.where()}: {f.excerpt}" for f in res.collateral],
        "misses": [s.as_json() for k, s in enumerate(res.slips) if not res.found[k]],
        "slips": len(res.slips),
        "slips_found": sum(res.found.values()),
        "recall": round(sum(res.found.values()) / len(res.slips), 4) if res.slips else None,
        "rules": rules,
        "kinds": kinds,
        "families": {
            f: {"slips": n, "found": h, "recall": round(h / n, 4) if n else None}
            for f, (n, h) in fams.items()
        },
    }


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.1f}%"


def table(summary: dict[str, Any]) -> str:
    halves = [h for h in HALVES if h in summary["halves"]]
    S = {h: summary["halves"][h] for h in halves}
    lines = []
    head = "".join(
        f" | {h[:4] + ' n':>6} {'FA':>3} {'/100k':>5} {'coll':>4} {'slip':>4} {'prec':>6}"
        for h in halves
    )
    lines.append(
        "Per rule: n = findings on clean text, FA = false alarms among them, /100k = FA per"
        " 100,000 characters,\ncoll = collateral false alarms in the injected copies, slip ="
        " findings on injected slips,\nprec = (slip + real) / (n + coll + slip)"
    )
    lines.append(f"{'rule':<8}{head}")
    codes = sorted({c for h in halves for c in S[h]["rules"]})
    for code in codes:
        row = f"{code:<8}"
        for h in halves:
            r = S[h]["rules"].get(code)
            if r is None:
                row += f" | {'':>6} {'':>3} {'':>5} {'':>4} {'':>4} {'':>6}"
                continue
            row += (
                f" | {r['findings']:>6} {r['false']:>3} {r['false_per_100k']:>5.2f}"
                f" {r['collateral']:>4} {r['on_slips']:>4} {_pct(r['precision']):>6}"
            )
        precisions = [(S[h]["rules"].get(code) or {}).get("precision") for h in halves]
        low = any(p is not None and p < PRECISION_TARGET for p in precisions)
        lines.append(
            row
            + (" <95%" if low else "")
            + (
                ""
                if all(S[h]["rules"].get(code, {}).get("default", True) for h in halves)
                else "  (opt-in)"
            )
        )
    row = f"{'ALL':<8}"
    for h in halves:
        s = S[h]
        row += (
            f" | {s['findings']:>6} {s['false']:>3} {s['false_per_100k']:>5.2f} {s['collateral']:>4}"
            f" {sum(r['on_slips'] for r in s['rules'].values()):>4} {_pct(s['precision']):>6}"
        )
    lines.append(row)
    for h in halves:
        s = S[h]
        lines.append(
            f"{h}: {s['documents']} documents, {s['characters']:,} characters; "
            f"{s['findings']} findings on clean text, {s['real']} real, {s['false']} false "
            f"({s['false_per_100k']:.2f} per 100,000; budget {BUDGET_PER_100K}); "
            f"{s['collateral']} collateral false alarms near injected slips"
        )
        if s["known_defects_not_reported"]:
            lines.append(
                f"  known real defects no longer reported: {', '.join(s['known_defects_not_reported'])}"
            )
    for key, c in summary.get("by_corpus", {}).items():
        lines.append(
            f"  {key}: {c['characters']:,} characters, {c['findings']} findings,"
            f" {c['false']} false ({c['false_per_100k']:.2f} per 100,000)"
        )
    t = summary.get("issue_target")
    if t:
        lines.append(
            f"Issue target ({t['text']}): {t['false']} false alarms in {t['characters']:,}"
            f" characters = {t['false_per_100k']:.2f} per 100,000 (target {t['budget_per_100k']})"
        )
    lines.append("")
    lines.append("Recall on injected slips")
    lines.append(
        f"{'kind':<22}{'family':<7}"
        + "".join(f" | {h:>7} {'found':>6} {'recall':>7}" for h in halves)
    )
    for kind in inject.KINDS:
        row = f"{kind:<22}{inject.KINDS[kind].family:<7}"
        for h in halves:
            k = S[h]["kinds"][kind]
            row += f" | {k['slips']:>7} {k['found']:>6} {_pct(k['recall']):>7}"
        lines.append(row)
    for fam in inject.FAMILIES:
        row = f"{'family ' + fam:<29}"
        for h in halves:
            k = S[h]["families"].get(fam, {"slips": 0, "found": 0, "recall": None})
            row += f" | {k['slips']:>7} {k['found']:>6} {_pct(k['recall']):>7}"
        lines.append(row)
    row = f"{'ALL':<29}"
    for h in halves:
        s = S[h]
        row += f" | {s['slips']:>7} {s['slips_found']:>6} {_pct(s['recall']):>7}"
    lines.append(row)
    return "\n".join(lines)


def compare(summary: dict[str, Any], before: dict[str, Any]) -> str:
    """What changed against an earlier run's JSON: false alarms per rule, recall per kind."""
    lines = []
    for h, s in summary["halves"].items():
        b = before.get("halves", {}).get(h)
        if b is None:
            continue
        lines.append(
            f"{h}: false alarms {b['false']} -> {s['false']}, collateral {b['collateral']} ->"
            f" {s['collateral']}, recall {_pct(b['recall'])} -> {_pct(s['recall'])}"
        )
        for code in sorted(set(s["rules"]) | set(b["rules"])):
            now, was = s["rules"].get(code, {}), b["rules"].get(code, {})
            for key in ("false", "collateral", "real", "on_slips"):
                if now.get(key, 0) != was.get(key, 0):
                    lines.append(f"  {code} {key}: {was.get(key, 0)} -> {now.get(key, 0)}")
        for kind in sorted(set(s["kinds"]) | set(b["kinds"])):
            now, was = s["kinds"].get(kind, {}), b["kinds"].get(kind, {})
            if now.get("recall") != was.get("recall"):
                lines.append(
                    f"  {kind} recall: {_pct(was.get('recall'))} -> {_pct(now.get('recall'))}"
                )
        gone = set(b.get("false_alarms", [])) - set(s.get("false_alarms", []))
        new = set(s.get("false_alarms", [])) - set(b.get("false_alarms", []))
        lines.extend(f"  - fixed: {x}" for x in sorted(gone))
        lines.extend(f"  + new:   {x}" for x in sorted(new))
    return "\n".join(lines)


# --------------------------------------------------------------------------- language model


def prepare_lm() -> str | None:
    """Build the tune half's language model once (cached by input hash); None when absent."""
    if os.environ.get("SPEECHLINT_LM_DIR"):
        return os.environ["SPEECHLINT_LM_DIR"]
    try:
        spec = importlib.util.find_spec("speechlint.lm_build")
    except ImportError:
        spec = None
    if spec is None or spec.origin is None:
        return None
    h = hashlib.sha256()
    model_code = Path(spec.origin).parent
    for path in (
        model_code / "lm_build.py",
        model_code / "lm.py",
        ROOT / "rules" / "jieba_dict.txt",
    ):
        if path.is_file():
            h.update(path.read_bytes())
    for t in texts("all", "tune"):
        h.update(t.name.encode() + b"\0" + t.text.encode() + b"\0")
    digest = h.hexdigest()
    out = OUT / "lm-tune"
    stamp = out / ".input-sha256"
    if not (stamp.is_file() and stamp.read_text() == digest):
        out.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "speechlint.lm_build", "--half", "tune", "--out", str(out)],
            check=True,
            cwd=ROOT,
        )
        stamp.write_text(digest)
    os.environ["SPEECHLINT_LM_DIR"] = str(out)
    return str(out)


# --------------------------------------------------------------------------- main


def run(
    which: str = "all", halves: Iterable[str] = HALVES, seed: int = 0, slips: int = 2900
) -> tuple[dict[str, Any], dict[str, HalfResult]]:
    known = load_known()
    lm = prepare_lm()
    codes = default_codes()
    results: dict[str, HalfResult] = {}
    started = time.perf_counter()
    chars: dict[tuple[str, str], int] = Counter()  # (half, corpus) -> characters
    corpus_of: dict[str, str] = {}
    for h in halves:
        docs = texts(which, h)
        for t in docs:
            chars[(h, t.corpus)] += len(t.text)
            corpus_of[t.name] = t.corpus
        results[h] = run_half(docs, known, slips, seed)
    by_corpus: dict[str, Any] = {}
    for h, r in results.items():
        for c in sorted({c for hh, c in chars if hh == h}):
            fs = [f for f in r.findings if corpus_of[f.doc] == c]
            false = sum(not f.real for f in fs)
            by_corpus[f"{h}/{c}"] = {
                "characters": chars[(h, c)],
                "findings": len(fs),
                "false": false,
                "false_per_100k": per100k(false, chars[(h, c)]),
            }
    # the target: the measure half of the official texts and all 8 clean reports
    target = None
    if "measure" in results and (which == "all"):
        parts = [("measure", "official"), *((h, "clean") for h in results)]
        n_chars = sum(chars[p] for p in parts)
        n_false = sum(
            not f.real for h, c in parts for f in results[h].findings if corpus_of[f.doc] == c
        )
        target = {
            "text": "official measure half + all clean reports"
            + ("" if len(results) == 2 else " (of the halves run)"),
            "characters": n_chars,
            "false": n_false,
            "false_per_100k": per100k(n_false, n_chars),
            "budget_per_100k": BUDGET_PER_100K,
        }
    summary = {
        "corpus": which,
        "seed": seed,
        "slips_requested_per_half": slips,
        "touch": TOUCH,
        "budget_false_per_100k": BUDGET_PER_100K,
        "language_model": lm,
        "default_rules": codes,
        "select": list(SELECT) if SELECT is not None else None,
        "seconds": round(time.perf_counter() - started, 1),
        "machine": {
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "issue_target": target,
        "by_corpus": by_corpus,
        "halves": {h: summarise(r, codes) for h, r in results.items()},
    }
    return summary, results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", choices=("all", "official", "clean"), default="all")
    ap.add_argument("--half", choices=("both", "tune", "measure"), default="both")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--slips", type=int, default=2900, help="slips to inject per half (0: none)")
    ap.add_argument("--json", type=Path, default=OUT / "quality.json")
    ap.add_argument(
        "--select",
        help="rules to run, codes or prefixes separated by commas (default: the default set)",
    )
    ap.add_argument("--show-false", action="store_true", help="list every false alarm")
    ap.add_argument("--show-misses", action="store_true", help="list every slip not found")
    ap.add_argument(
        "--compare",
        type=Path,
        metavar="JSON",
        help="an earlier run's JSON: print what changed (same seed and slips make it exact)",
    )
    ap.add_argument(
        "--update-budget",
        action="store_true",
        help=f"write today's false alarms per rule to {BUDGET.name} (the test's ceilings) and stop",
    )
    args = ap.parse_args(argv)
    if not corpus.available("official"):
        print(f"quality.py: no corpus at {corpus.CORPORA['official']}", file=sys.stderr)
        return 2
    if args.update_budget:
        data = write_budget()
        print(f"{BUDGET}: {data['total']} false alarms in {data['characters']:,} characters")
        return 0
    halves = HALVES if args.half == "both" else (args.half,)
    if args.select:
        global SELECT
        SELECT = tuple(c.strip() for c in args.select.split(",") if c.strip())
    summary, results = run(args.corpus, halves, args.seed, args.slips)
    print(table(summary))
    if args.compare:
        print(f"\nChanges against {args.compare}")
        print(compare(summary, json.loads(args.compare.read_text(encoding="utf-8"))) or "none")
    if args.show_false:
        for h, r in results.items():
            print(f"\nFalse alarms, {h} half (file:line:code: excerpt)")
            for f in r.findings:
                if not f.real:
                    print(f"{f.where()}: {f.excerpt}")
            if r.collateral:
                print(f"\nCollateral false alarms, {h} half (in the injected copy)")
                for f in r.collateral:
                    print(f"{f.where()}: {f.excerpt}")
    if args.show_misses:
        for h, r in results.items():
            print(
                f"\nMissed slips, {h} half (file:line:kind: original -> slip: excerpt of the copy)"
            )
            for k, s in enumerate(r.slips):
                if not r.found[k]:
                    text = r.injected_text[s.doc]
                    print(
                        f"{s.doc}:{s.line}:{s.kind}: {s.original!r} -> {s.text.rstrip(chr(10))!r}: "
                        f"{excerpt(text, s.span[0], s.span[1])}"
                    )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    # every slip with its outcome, one JSON object a line, beside the summary
    slips_path = args.json.with_name(args.json.stem + "-slips.jsonl")
    with slips_path.open("w", encoding="utf-8") as out:
        for h, r in results.items():
            for k, slip in enumerate(r.slips):
                row = {"half": h, **slip.as_json(), "found": r.found[k]}
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"\n{summary['seconds']} s; JSON: {args.json}, every slip: {slips_path}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # `| head`: the reader stopped early
        sys.stderr.close()
        sys.exit(1)
