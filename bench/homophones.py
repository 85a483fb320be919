#!/usr/bin/env python3
"""Calibrate and measure WRD007 (homophone slips): clean scores and recall of made slips.

Usage (from a checkout; reads ``../shared/corpus`` through ``bench/corpus.py``)::

    python bench/homophones.py                 # tune half, cross-fitted: the sweep
    python bench/homophones.py --show 30       # ... and the 30 highest-scoring clean windows
    python bench/homophones.py --half measure  # measure half, scored by the tune model
    python bench/homophones.py --inject --seeds 30  # the benchmark's own confusable slips,
                                                    # cross-fitted, and every clean finding

``--inject`` (tune half only) measures what ``bench/quality.py`` measures for the kind
``wrd_confusable``, with many more slips and without the tune model having seen the text:
each of the two cross-fitting models (``bench/de_particles.py``'s ``lm-fold0``/``lm-fold1``)
checks the tune documents it never saw, in copies where ``bench/inject.py`` made ``--per``
confusable slips per seed (its own list, ``bench/confusables.tsv``, its own choice of
sites, as in the benchmark); a slip is found when WRD007, or one of the default WRD rules,
reports it.  The clean documents are checked too, and the official texts before 2003
(outside both halves: tune ones by the cross-fitting models, measure ones by the tune
model): every WRD007 finding there is listed, with the file and line.

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

from bench import corpus, de_particles, inject, quality
from bench.confused_pairs import is_word_at, models_for, texts
from speechlint.checks.wrd import homophones as wrd007
from speechlint.document import Document

#: The default WRD rules besides WRD007 (their findings count for the slips too).
OTHER_WRD = ("WRD001", "WRD002", "WRD003", "WRD004", "WRD005")


def homophone_data() -> wrd007.HomophoneData:
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
    ap.add_argument("--inject", action="store_true", help="the benchmark's confusable slips (tune half)")
    ap.add_argument("--seeds", type=int, default=30, help="--inject: injections per cross-fitting part")
    ap.add_argument("--per", type=int, default=50, help="--inject: slips per injection")
    args = ap.parse_args(argv)
    if args.half == "measure" and (args.show or args.inject):
        ap.error("--show and --inject are for the tune half only (the measure half stays unseen)")
    data = homophone_data()
    if args.inject:
        return injected(data, args.seeds, args.per, args.show_missed)
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
        for start, alt, score in wrd007.homophone_scores(model, text, data):
            ex = text[max(0, start - 10) : start + 12].replace("\n", "⏎")
            j = (
                bool(wrd007.homophone_exempt(text, start, alt, None, data))
                or wrd007.homophone_attested(model, text[start : start + 2])
                or not wrd007.homophone_supported(model, text[start : start + 2], alt, score, data)
            )
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
            found = [s for p, _a, s in wrd007.homophone_scores(model, swapped, data, i, i + 2) if p == i]
            ex = swapped[max(0, i - 10) : i + 12].replace("\n", "⏎")
            score = max(found, default=-99.0)
            j = (
                bool(wrd007.homophone_exempt(swapped, i, word, None, data))
                or wrd007.homophone_attested(model, slip)
                or not wrd007.homophone_supported(model, slip, word, score, data)
            )
            made.append((score, f"{word}→{slip}{' J' if j else ''}", f"{name}: {ex}"))
            madej.append(-99.0 if j else made[-1][0])
            n += 1
    print(f"half {args.half}: {chars:,} characters; {len(clean)} clean windows; {len(made)} made slips")
    print(f"{'':>10}{'every window':^36}{'exemptions and context margin applied (the rule)':^36}")
    print(f"{'threshold':>10}" + f"{'clean over':>12}{'/100k':>8}{'found':>8}{'recall':>8}" * 2)
    for t in (2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 7.5, 8.0, 8.5, 9.0, 10.0, 12.0):
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


def _wrd007(text: str, data: wrd007.HomophoneData) -> list[int]:
    return [d.span.start for d in wrd007.homophone_slip(Document.from_text(text, "txt"), data)]


def injected(data: wrd007.HomophoneData, seeds: int, per: int, show_missed: int) -> int:
    """--inject: recall of bench/inject.py's confusable slips, false findings on clean text."""
    import speechlint
    from speechlint.config import Config

    others = Config(select=OTHER_WRD)
    known = quality.load_known()
    every = {d.name: (c, d) for c in ("official", "clean") for d in corpus.documents(c, "tune")}  # type: ignore[arg-type]
    groups = [(folder, [every[n] for n in sorted(names)]) for folder, names in de_particles.fold_dirs()]
    old = [("official", d) for d in corpus.documents("official", "measure") if not corpus.is_recent(d.name)]
    groups.append((Path(quality.prepare_lm() or ""), old))
    slips: list[tuple[str, bool, bool, str]] = []  # pair, found by others, by WRD007, where
    clean: list[str] = []
    chars = 0
    for folder, docs in groups:
        de_particles.use_model(folder)
        for c, d in docs:
            text = d.text()
            chars += len(text)
            for pos in _wrd007(text, data):
                ln = quality.line_of(text, pos)
                real = "real" if known.get((d.name, ln, "WRD007"), 0) else "false"
                clean.append(f"{real} {d.name}:{ln}: {quality.excerpt(text, pos, pos + 2)}")
        texts_ = {d.name: d.text() for c, d in docs if d.half == "tune" and (c == "clean" or corpus.is_recent(d.name))}
        for seed in range(seeds):
            for name, inj in inject.inject(list(texts_.items()), n=per, seed=seed, kinds=["wrd_confusable"]).items():
                if not inj.slips:
                    continue
                text = texts_[name]
                base = {(f.code, f.span.start) for f in speechlint.lint(text, others)}
                got = [f for f in speechlint.lint(inj.text, others) if (f.code, inj.to_original(f.span.start)) not in base]
                base7 = set(_wrd007(text, data))
                got7 = [p for p in _wrd007(inj.text, data) if inj.to_original(p) not in base7]
                for slip in inj.slips:
                    by_others = any(quality._near(f.span.start, f.span.end, slip.span) for f in got)
                    by_7 = any(quality._near(p, p + 2, slip.span) for p in got7)
                    where = f"{name}: {quality.excerpt(inj.text, *slip.span)}"
                    slips.append((f"{slip.original}→{slip.text}", by_others, by_7, where))
    n = len(slips)
    o = sum(s[1] for s in slips)
    w = sum(s[2] for s in slips)
    both = sum(s[1] or s[2] for s in slips)
    print(f"{n} confusable slips made in the tune half ({seeds} x {per} per cross-fitting part), cross-fitted:")
    print(f"  found by WRD007 {w} ({w / max(1, n):.1%}), by the other WRD rules {o} ({o / max(1, n):.1%}),")
    print(f"  by either {both} ({both / max(1, n):.1%})")
    print(f"WRD007 on {chars:,} characters of clean text (tune half, clean reports, texts before 2003):")
    print(f"  {sum(x.startswith('real') for x in clean)} real defects, {sum(x.startswith('false') for x in clean)} other findings")
    for x in clean:
        print(f"  {x}")
    missed = [s for s in slips if not (s[1] or s[2])]
    for s in missed[:show_missed]:
        print(f"  missed {s[0]} {s[3]}")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
