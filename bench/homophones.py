#!/usr/bin/env python3
"""Calibrate and measure WRD007 (homophone slips): clean scores and recall of made slips.

Usage (from a checkout; reads ``../shared/corpus`` through ``bench/corpus.py``)::

    python bench/homophones.py                 # tune half, cross-fitted: the sweep
    python bench/homophones.py --show 30       # ... and the 30 highest-scoring clean windows
    python bench/homophones.py --half measure  # measure half, scored by the tune model

What it does:

* **Models.**  As ``bench/confused_pairs.py``: on the tune half every document is scored by
  a model built from the other half of the tune documents (cross-fitted), on the measure
  half by the tune half's model (``bench/out/lm-tune``).
* **Clean windows.**  Every place a slip of ``rules/wrd_homophones.txt`` occurs in the texts
  ``bench/quality.py`` checks is scored as the rule scores it: above the threshold it
  would be a false alarm (unless the text really has the slip).
* **Made slips.**  In each document, up to ``--per-doc`` uses of a word that has slips in
  the table (cut as one word by jieba) get one of its slips, chosen at random, and are
  scored again.  These slips come from the rule's own table, so this recall is an upper
  bound for slips the table holds; ``bench/quality.py`` measures recall on its own,
  independent list.

Speed is not measured here (``bench/run.py``).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import corpus
from bench.confused_pairs import is_word_at, models_for, texts
from speechlint.checks import wrd


def homophone_data() -> wrd.HomophoneData:
    from speechlint.data import family_data

    return family_data("WRD")["WRD007"]  # type: ignore[no-any-return]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--half", choices=("tune", "measure"), default="tune")
    ap.add_argument("--show", type=int, default=0, help="print the N highest-scoring clean windows")
    ap.add_argument("--show-missed", type=int, default=0, help="print N made slips scored lowest")
    ap.add_argument("--per-doc", type=int, default=20, help="slips made per document")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--all-years",
        action="store_true",
        help="score the official texts before 2003 too (bench/quality.py checks those from 2003 on)",
    )
    args = ap.parse_args(argv)
    if args.half == "measure" and args.show:
        ap.error("--show is for the tune half only (the measure half stays unseen)")
    data = homophone_data()
    models = models_for(args.half)
    rng = random.Random(args.seed)
    by_word: dict[str, list[str]] = defaultdict(list)
    for slip in data.slips:
        for w in data.words(slip):
            by_word[w].append(slip)
    clean: list[tuple[float, str, str]] = []
    cleanj: list[float] = []
    madej: list[float] = []
    made: list[tuple[float, str, str]] = []
    chars = 0
    docs = texts(args.half)
    if args.all_years:
        docs = [(d.name, d.text()) for c in ("official", "clean") for d in corpus.documents(c, args.half)]  # type: ignore[arg-type]
    for name, text in docs:
        chars += len(text)
        model = models[name]
        for start, alt, score in wrd.homophone_scores(model, text, data):
            ex = text[max(0, start - 10) : start + 12].replace("\n", "⏎")
            j = wrd.homophone_junction(text, start) or wrd.homophone_term(text, start, alt) or wrd.homophone_parallel(text, start)
            clean.append((score, f"{text[start:start + 2]}→{alt}{' J' if j else ''}", f"{name}: {ex}"))
            cleanj.append(-99.0 if j else score)
        sites = [i for i in range(len(text) - 1) if text[i : i + 2] in by_word]
        rng.shuffle(sites)
        n = 0
        for i in sites:
            if n >= args.per_doc:
                break
            if not is_word_at(text, i, i + 2):
                continue
            word = text[i : i + 2]
            slip = rng.choice(sorted(by_word[word]))
            swapped = text[:i] + slip + text[i + 2 :]
            found = [s for p, _a, s in wrd.homophone_scores(model, swapped, data, i, i + 2) if p == i]
            ex = swapped[max(0, i - 10) : i + 12].replace("\n", "⏎")
            j = (
                wrd.homophone_junction(swapped, i)
                or wrd.homophone_term(swapped, i, word)
                or wrd.homophone_parallel(swapped, i)
            )
            made.append((max(found, default=-99.0), f"{word}→{slip}{' J' if j else ''}", f"{name}: {ex}"))
            madej.append(-99.0 if j else made[-1][0])
            n += 1
    print(f"half {args.half}: {chars:,} characters; {len(clean)} clean windows; {len(made)} made slips")
    print(f"{'':>10}{'every window':^36}{'junctions left out (the rule)':^36}")
    print(f"{'threshold':>10}" + f"{'clean over':>12}{'/100k':>8}{'found':>8}{'recall':>8}" * 2)
    for t in (2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 12.0):
        over = sum(1 for s, _, _ in clean if s > t)
        found = sum(1 for s, _, _ in made if s > t)
        mark = "  <- rules/wrd.yaml" if t == data.threshold else ""
        overj = sum(1 for s in cleanj if s > t)
        foundj = sum(1 for s in madej if s > t)
        print(
            f"{t:>10.1f}{over:>12}{over / chars * 100_000:>8.2f}{found:>8}{found / max(1, len(made)):>8.1%}"
            f"{overj:>12}{overj / chars * 100_000:>8.2f}{foundj:>8}{foundj / max(1, len(made)):>8.1%}{mark}"
        )
    for s, what, where in sorted(clean, reverse=True)[: args.show]:
        print(f"  clean {s:+6.2f} {what} {where}")
    for s, what, where in sorted(made)[: args.show_missed]:
        print(f"  made  {s:+6.2f} {what} {where}")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
