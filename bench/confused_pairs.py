#!/usr/bin/env python3
"""Calibrate and measure WRD006 (confused-pair): false alarms and recall of injected swaps.

Usage (from a checkout; reads ``../shared/corpus`` through ``bench/corpus.py``)::

    python bench/confused_pairs.py                 # tune half, cross-fitted: the table
    python bench/confused_pairs.py --show 20       # ... and the 20 highest-scoring clean uses
    python bench/confused_pairs.py --half measure  # measure half, scored by the tune model

What it does:

* **Models.**  On the tune half the documents are cross-fitted: they are split in two by
  name (alternately), a model is built from each part plus jieba's dictionary exactly as
  ``speechlint.lm_build`` builds the shipped one, and each document is scored by the model
  of the *other* part, so no text is scored by a model that has seen it.  On the measure
  half, the model is the tune half's (``bench/out/lm-tune``, as ``bench/quality.py`` builds it).
* **Clean uses.**  Every occurrence of a form of a pair of ``rules/wrd.yaml`` (WRD006) in the
  texts ``bench/quality.py`` checks (official texts from 2003 on and the clean reports) is
  scored as the rule scores it; a use scoring above its threshold would be a false alarm
  (unless the text really has the slip).
* **Injected swaps.**  Each of those uses is swapped for the other form of its pair (截至 ->
  截止, 渡过 -> 度过 ...), in a text that otherwise uses the right form, and scored again:
  the share above the threshold is the recall.  Edited text is assumed to use the right
  form; the few real slips it holds count against recall and as false alarms alike.

Speed is not measured here (``bench/run.py``).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import corpus
from speechlint import lm, lm_build
from speechlint.checks.wrd import common, words


def pair_data() -> words.PairData:
    from speechlint.data import family_data

    return family_data("WRD")["WRD006"]  # type: ignore[no-any-return]


def texts(half: str) -> list[tuple[str, str]]:
    out = []
    for c in ("official", "clean"):
        for d in corpus.documents(c, half, recent_only=(c == "official")):  # type: ignore[arg-type]
            out.append((d.name, d.text()))
    return out


def build_model(docs: list[str]) -> lm.Model:
    from speechlint.data import rules_dir

    words = list(lm_build.dictionary_words(rules_dir() / "jieba_dict.txt"))
    streams = [lm.to_stream(t) for t in docs] + words
    text = lm_build.render(lm_build.count(streams), lm.ORDER, "cross-fit", "-")
    return lm.Model(text.encode("utf-8"))


def models_for(half: str) -> dict[str, lm.Model]:
    """Document name -> the model that scores it (one that never saw it)."""
    if half == "measure":
        from bench import quality

        quality.prepare_lm()
        lm.reset()
        m = lm.model()
        assert m is not None
        return defaultdict(lambda: m)  # type: ignore[return-value]
    every = sorted(
        (c, d.name, d.text()) for c in ("official", "clean") for d in corpus.documents(c, "tune")  # type: ignore[arg-type]
    )
    parts: list[list[tuple[str, str, str]]] = [every[0::2], every[1::2]]
    built = [build_model([t for _, _, t in p]) for p in parts]
    out: dict[str, lm.Model] = {}
    for i, p in enumerate(parts):
        for _, name, _ in p:
            out[name] = built[1 - i]
    return out


def is_word_at(text: str, start: int, end: int) -> bool:
    """Does jieba cut ``text[start:end]`` as one word in its line?"""
    from speechlint import segment

    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    line = text[lo : hi if hi >= 0 else len(text)]
    return any(a == start - lo and b == end - lo for a, b, _ in segment.tokens(line))


def sweep(data: words.PairData, uses: list[tuple[float, str, str, str]], raw: list[tuple[str, float, float]]) -> None:
    """Clean uses over, and swaps found at, each threshold, per form as written."""
    clean: dict[str, list[float]] = defaultdict(list)
    for s, f, _, _ in uses:
        clean[f].append(s + data.threshold_of(data.by_form[f]))
    swapped: dict[str, list[float]] = defaultdict(list)
    for form, _, s2 in raw:
        swapped[form].append(s2)
    steps = (4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 12.0)
    print("threshold:    " + "".join(f"{t:>10.0f}" for t in steps) + "   (clean over / swaps found)")
    for form in sorted(data.by_form):
        alt = data.by_form[form].other(form)
        cells = []
        for t in steps:
            over = sum(1 for v in clean[alt] if v > t)
            found = sum(1 for v in swapped[form] if v > t)
            cells.append(f"{over:>4}/{found:<5}")
        print(f"{form}→{data.by_form[form].other(form)} ({len(swapped[form]):>3}) " + "".join(f"{c:>10}" for c in cells))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--half", choices=("tune", "measure"), default="tune")
    ap.add_argument("--show", type=int, default=0, help="print the N highest-scoring clean uses")
    ap.add_argument("--show-missed", type=int, default=0, help="print N swaps scored lowest")
    ap.add_argument("--sweep", action="store_true", help="false alarms and recall per pair at other thresholds")
    args = ap.parse_args(argv)
    if args.half == "measure" and args.show:
        ap.error("--show is for the tune half only (the measure half stays unseen)")
    if not corpus.available("official"):
        print("../shared/corpus not found", file=sys.stderr)
        return 2
    data = pair_data()
    models = models_for(args.half)
    uses: list[tuple[float, str, str, str]] = []  # score, form, doc, excerpt
    swaps: list[tuple[float, str, str, str]] = []
    chars = 0
    raw: list[tuple[str, float, float]] = []  # form, clean score, score of the swap
    for name, text in texts(args.half):
        chars += len(text)
        model = models[name]
        for start, end, form in data.finder.finditer(text):
            pair = data.by_form[form]
            alt = pair.other(form)
            found = common.decisive_score(model, text, start, end, alt, data.window)
            s = -99.0 if found is None else found
            ex = text[max(0, start - 10) : end + 10].replace("\n", "⏎")
            uses.append((s - data.threshold_of(pair), form, name, ex))
            if not is_word_at(text, start, end):
                continue  # 幅度过高: the form crosses two words; nobody slips there
            swapped = text[:start] + alt + text[end:]
            found = common.decisive_score(model, swapped, start, end, form, data.window)
            s2 = -99.0 if found is None else found
            exs = swapped[max(0, start - 10) : end + 10].replace("\n", "⏎")
            swaps.append((s2 - data.threshold_of(pair), alt, name, exs))
            raw.append((form, s, s2))
    fa = Counter(f for s, f, _, _ in uses if s > 0)
    found = Counter(f for s, f, _, _ in swaps if s > 0)
    total = Counter(f for _, f, _, _ in swaps)
    print(f"half {args.half}: {chars:,} characters, {len(uses)} uses of the pairs' forms")
    # one row per written form b: swaps that wrote b where a was right (recall), and the
    # clean uses of b (edited text, b right) that would be reported as well (false alarms)
    print(f"{'right→written':<14}{'swaps':>6}{'found':>7}{'recall':>8}   {'clean uses':>10}{'reported':>9}")
    clean_total = Counter(f for _, f, _, _ in uses)
    for p in data.pairs:
        for a, b in ((p.first, p.second), (p.second, p.first)):
            n = total[b]
            print(
                f"{a + '→' + b:<14}{n:>6}{found[b]:>7}{(found[b] / n if n else 0):>8.1%}   "
                f"{clean_total[b]:>10}{fa[b]:>9}"
            )
    n_fa = sum(fa.values())
    n_found = sum(found.values())
    print(
        f"all: recall {n_found}/{len(swaps)} = {n_found / max(1, len(swaps)):.1%}; clean uses over "
        f"the threshold {n_fa} = {n_fa / chars * 100_000:.2f} per 100,000 characters"
    )
    if args.sweep:
        sweep(data, uses, raw)
    for s, f, name, ex in sorted(uses, reverse=True)[: args.show]:
        print(f"  clean {s:+6.2f} {f} {name}: {ex}")
    for s, f, name, ex in sorted(swaps)[: args.show_missed]:
        print(f"  swap  {s:+6.2f} {f} {name}: {ex}")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
