#!/usr/bin/env python3
"""Calibrate and measure DUP001/DUP002 on many injected slips, cross-fitted.

Usage (from a checkout; reads ``../shared/corpus`` through ``bench/corpus.py``)::

    python bench/dup_crossfit.py                      # tune half, cross-fitted, seeds 0-29
    python bench/dup_crossfit.py --seeds 30 31 32     # other slips
    python bench/dup_crossfit.py --show               # ... and every slip missed, every false alarm
    python bench/dup_crossfit.py --old                # false alarms on the texts before 2003 too

Why beside ``bench/quality.py``: the quality benchmark makes about 100 slips of each kind a
half (a recall figure good to about five points either way), and on the tune half its model
has seen the text it scores.  Here:

* **Models.**  Each tune document is scored by a model that never saw it: the two
  cross-fitting models of ``bench/de_particles.py`` (``bench/out/lm-fold0``, ``lm-fold1``,
  built from one half of the tune documents and jieba's dictionary as
  ``speechlint.lm_build`` builds the shipped model) each check the other half.
* **Slips.**  ``bench/inject.py`` makes only ``dup_char`` and ``dup_word`` slips in the
  texts ``bench/quality.py`` checks, ``--slips`` of them a seed and fold (one a paragraph,
  never in a paragraph that already has a DUP finding; few enough that two slips rarely
  come out alike, as in the quality benchmark's 100 a kind: at 1,200 a seed and fold the
  same slip in the same words came out twice in a law often enough to cost DUP001 0.7
  points, at 200 0.05), once per seed; a slip is
  found when a DUP finding overlaps it or touches it within ``bench/quality.py``'s
  ``TOUCH``.
* **False alarms.**  DUP001 and DUP002 over the texts ``bench/quality.py`` checks (official
  texts from 2003 on, the clean reports) of the tune half; with ``--old`` also the texts
  before 2003 of both halves, which the quality benchmark never checks (the measure
  half's scored by the tune half's model, ``bench/out/lm-tune``).  A finding that
  ``bench/known_defects.yaml`` lists is a real defect.

Speed is not measured here (``bench/run.py``).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import corpus, inject, quality
from bench.de_particles import fold_dirs, use_model

KINDS = ("dup_char", "dup_word")


def dup_lint(text: str) -> list[Any]:
    import speechlint
    from speechlint.config import Config

    return [f for f in speechlint.lint(text, Config(select=("DUP001", "DUP002")), filetype="txt")]


def groups(old: bool) -> list[tuple[Path, list[quality.Text]]]:
    """(model folder, the documents it scores): each tune document by the fold model that
    never saw it; with ``old``, the measure half's texts before 2003 by the tune model."""
    every = [
        quality.Text(c, d.name, d.half, d.text())
        for c in ("official", "clean")
        for d in corpus.documents(c, "tune")  # type: ignore[arg-type]
        if old or c == "clean" or corpus.is_recent(d.name)
    ]
    out = [(folder, [t for t in every if t.name in names]) for folder, names in fold_dirs()]
    if old:
        tune = Path(quality.prepare_lm() or "")
        olds = [
            quality.Text("official", d.name, d.half, d.text())
            for d in corpus.documents("official", "measure")
            if not corpus.is_recent(d.name)
        ]
        out.append((tune, olds))
    return out


def run(seeds: list[int], old: bool, show: bool, slips: int) -> dict[str, Any]:
    known = quality.load_known()
    chars: Counter[str] = Counter()
    false: Counter[str] = Counter()
    real: Counter[str] = Counter()
    total: Counter[str] = Counter()
    found: Counter[str] = Counter()
    lines: list[str] = []
    for folder, docs in groups(old):
        use_model(folder)
        avoid: dict[str, set[int]] = {}
        recent = {t.name for t in docs if t.corpus == "clean" or corpus.is_recent(t.name)}
        for t in docs:
            where = "recent" if t.name in recent else "old"
            chars[where] += len(t.text)
            avoid[t.name] = set()
            for f in dup_lint(t.text):
                ln = quality.line_of(t.text, f.span.start)
                avoid[t.name].add(ln - 1)
                if known.get((t.name, ln, f.code), 0):
                    real[f.code] += 1
                    continue
                false[f"{where} {f.code}"] += 1
                if show:
                    ex = quality.excerpt(t.text, f.span.start, f.span.end)
                    lines.append(f"false  {where} {t.name}:{ln}:{f.code}: {ex}")
        if folder.name == "lm-tune":
            continue  # the measure half: false alarms only
        for seed in seeds:
            injected = inject.inject(
                [(t.name, t.text) for t in docs if t.name in recent],
                n=slips,
                seed=seed,
                avoid=avoid,
                kinds=KINDS,
            )
            for name, inj in injected.items():
                if not inj.slips:
                    continue
                fs = [(f.span.start, f.span.end) for f in dup_lint(inj.text)]
                for s in inj.slips:
                    total[s.kind] += 1
                    if any(quality._near(a, b, s.span) for a, b in fs):
                        found[s.kind] += 1
                    elif show:
                        ex = quality.excerpt(inj.text, s.span[0], s.span[1])
                        lines.append(f"missed {seed} {name}:{s.line}:{s.kind}: {s.text!r}: {ex}")
    return {"chars": chars, "false": false, "real": real, "total": total, "found": found, "lines": lines}


def report(r: dict[str, Any]) -> str:
    out = [f"characters checked for false alarms: {dict(r['chars'])}"]
    for kind in KINDS:
        n, f = r["total"][kind], r["found"][kind]
        out.append(f"  {kind:<9} slips {n:>5}  found {f:>5}  recall {f / max(1, n):6.1%}")
    for key in sorted(r["false"]):
        where = key.split()[0]
        fa = r["false"][key]
        out.append(f"  false alarms {key}: {fa} ({fa * 100_000 / max(1, r['chars'][where]):.2f} per 100,000)")
    out.append(f"  real defects found: {dict(r['real'])}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", type=int, nargs="+", default=list(range(30)))
    ap.add_argument("--slips", type=int, default=200, help="slips to ask for per seed and fold")
    ap.add_argument("--old", action="store_true", help="false alarms on the texts before 2003 too")
    ap.add_argument("--show", action="store_true", help="every slip missed and every false alarm")
    args = ap.parse_args(argv)
    if not corpus.available("official"):
        print("../shared/corpus not found", file=sys.stderr)
        return 2
    r = run(args.seeds, args.old, args.show, args.slips)
    print(report(r))
    for line in r["lines"]:
        print(line)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
