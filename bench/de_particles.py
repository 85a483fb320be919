#!/usr/bin/env python3
"""Calibrate and measure WRD001/WRD002 (的 for 地, 的 for 得) on every site, cross-fitted.

Usage (from a checkout; reads ``../shared/corpus`` through ``bench/corpus.py``)::

    python bench/de_particles.py                  # tune half, cross-fitted: the table
    python bench/de_particles.py --show           # ... and every site missed, every false alarm
    python bench/de_particles.py --sweep          # ... and WRD001's model thresholds swept
    python bench/de_particles.py --half old --sweep  # ... swept on the texts before 2003
    python bench/de_particles.py --half measure   # measure half, scored by the tune model
    python bench/de_particles.py --half old --show  # texts before 2003 (outside both halves)
    python bench/de_particles.py --half old --tune-model  # ... scored by the tune half's model

Why beside ``bench/quality.py``: official text holds few complement 得 and adverbial 地, and
the injector makes at most one slip a paragraph, so the quality benchmark samples about 85
的-for-地 and 14 的-for-得 slips a half.  Here *every* site is a slip of its own:

* **Sites.**  Every 地 and 得 that jieba (the package, as ``bench/inject.py`` uses it) tags
  as the particle between the words ``bench/inject.py`` requires, in the texts
  ``bench/quality.py`` checks (official texts from 2003 on and the clean reports).  Each is
  made 的 in a copy of its paragraph alone, which WRD001 and WRD002 check; the site is found
  when a finding of either rule lies within ``TOUCH`` characters of it.
* **False alarms.**  Both rules over the clean documents; a finding that
  ``bench/known_defects.yaml`` lists is a real defect, any other a false alarm.
* **Models.**  On the tune half each document is scored by a model that never saw it: the
  tune documents are split in two by name (alternately, as ``bench/confused_pairs.py``
  splits them), a model is built from each part plus jieba's dictionary exactly as
  ``speechlint.lm_build`` builds the shipped one (``bench/out/lm-fold0``, ``lm-fold1``), and
  each part is checked with the other part's model (``SPEECHLINT_LM_DIR``).  On the measure
  half the model is the tune half's (``bench/out/lm-tune``, built by ``bench/quality.py``).
* **Texts before 2003** (``--half old``): the official texts ``bench/quality.py`` leaves out
  of both halves (``bench/corpus.py``'s ``is_recent``), scored by the first cross-fitting
  model, which saw none of them: four times the tune half's sites, a second sample to tune
  on and a second false-alarm check.  Older usage differs (正确的加以接受 was once written
  so), so a finding there may be the era's usage rather than a false alarm: read them.

Speed is not measured here (``bench/run.py``).
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import os
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import corpus, inject, quality
from speechlint import lm, lm_build
from speechlint.checks.wrd.de import adverbial, complement
from speechlint.document import Document

TOUCH = quality.TOUCH
#: bench/inject.py's sites of the 的/地/得 slips.
SITES = inject.DE_SITES


#: WRD001's thresholds for what the phrase shows beyond the model's window, and the values
#: ``--sweep`` tries for each.
SWEEPS: tuple[tuple[str, tuple[float, ...]], ...] = (
    ("lm_threshold_object", (-0.5, 0.0, 0.5, 1.0)),
    ("lm_threshold_object_adverb", (-4.0, -2.0, 0.0)),
    ("lm_threshold_object_predicate", (-2.0, -1.0, 0.0)),
    ("lm_threshold_strong", (-8.0, -4.0, -2.0)),
    ("lm_threshold_parallel", (-2.0, 0.0, 1.0)),
    ("lm_threshold_decisive", (6.0, 8.0, 10.0)),
)


def fold_dirs() -> list[tuple[Path, set[str]]]:
    """The two cross-fitting models of the tune half: (folder, names of the documents it scores)."""
    every = sorted(
        (c, d.name, d.text()) for c in ("official", "clean") for d in corpus.documents(c, "tune")  # type: ignore[arg-type]
    )
    parts = [every[0::2], every[1::2]]
    dict_path = ROOT / "rules" / "jieba_dict.txt"
    out = []
    for i, part in enumerate(parts):
        other = parts[1 - i]
        h = hashlib.sha256(dict_path.read_bytes())
        for path in (ROOT / "speechlint" / "lm_build.py", ROOT / "speechlint" / "lm.py"):
            h.update(path.read_bytes())
        for _, name, text in other:
            h.update(name.encode() + b"\0" + text.encode() + b"\0")
        folder = quality.OUT / f"lm-fold{i}"
        stamp = folder / ".input-sha256"
        if not (stamp.is_file() and stamp.read_text() == h.hexdigest()):
            folder.mkdir(parents=True, exist_ok=True)
            words = list(lm_build.dictionary_words(dict_path))
            streams = [lm.to_stream(t) for _, _, t in other] + words
            text = lm_build.render(lm_build.count(streams), lm.ORDER, "cross-fit", h.hexdigest())
            (folder / lm.FILE).write_text(text, encoding="utf-8")
            stamp.write_text(h.hexdigest())
        out.append((folder, {name for _, name, _ in part}))
    return out


def use_model(folder: Path) -> None:
    os.environ["SPEECHLINT_LM_DIR"] = str(folder)
    lm.reset()


def sites(line: str) -> Iterator[tuple[str, int]]:
    """(kind, offset) of every 地/得 of ``line`` that bench/inject.py could make 的."""
    words: list[tuple[int, str, str]] | None = None
    for kind, char, tag, before, after in SITES:
        if char not in line:
            continue
        if words is None:
            words = inject._pos(line)
        for o in inject.particle_sites(words, char, tag, before, after):
            yield kind, o


@dataclasses.dataclass
class Data:
    de_di: adverbial.DeAdverbialData
    de_de: complement.DeComplementData


def rule_data() -> Data:
    from speechlint.data import family_data

    fam = family_data("WRD")
    return Data(fam["WRD001"], fam["WRD002"])


def findings(text: str, data: Data) -> list[tuple[str, int]]:
    doc = Document.from_text(text, "txt")
    out = [("WRD001", d.span.start) for d in adverbial.de_before_verb(doc, data.de_di)]
    out += [("WRD002", d.span.start) for d in complement.de_before_complement(doc, data.de_de)]
    return out


def documents(half: str) -> list[quality.Text]:
    """The texts of a half (``bench/quality.py``'s), or the official texts before 2003 (``old``)."""
    if half != "old":
        return quality.texts("all", half)
    return [
        quality.Text("official", d.name, d.half, d.text())
        for d in corpus.documents("official")
        if not corpus.is_recent(d.name)
    ]


def run(half: str, data: Data, show: bool = False, tune_model: bool = False) -> dict[str, Any]:
    known = quality.load_known()
    docs = documents(half)
    if half == "old" and tune_model:
        # the model the measure half is scored by (bench/out/lm-tune: recent tune texts only,
        # so no congress report); the first fold's model saw eight of the old texts
        groups = [(Path(quality.prepare_lm() or ""), docs)]
    elif half == "old":
        groups = [(fold_dirs()[0][0], docs)]
    elif half == "tune":
        groups = [(folder, [d for d in docs if d.name in names]) for folder, names in fold_dirs()]
    else:
        groups = [(Path(quality.prepare_lm() or ""), docs)]
    chars = 0
    false: Counter[str] = Counter()
    real: Counter[str] = Counter()
    total: Counter[str] = Counter()
    found: Counter[str] = Counter()
    lines: list[str] = []
    for folder, part in groups:
        use_model(folder)
        for d in part:
            chars += len(d.text)
            for code, pos in findings(d.text, data):
                ln = quality.line_of(d.text, pos)
                if known.get((d.name, ln, code), 0):
                    real[code] += 1
                else:
                    false[code] += 1
                    if show:
                        lines.append(f"false  {d.name}:{ln}:{code}: {quality.excerpt(d.text, pos, pos + 1)}")
            for line in d.text.split("\n"):
                for kind, o in sites(line):
                    slip = line[:o] + "的" + line[o + 1 :]
                    total[kind] += 1
                    if any(abs(pos - o) <= TOUCH for _, pos in findings(slip, data)):
                        found[kind] += 1
                    elif show:
                        lines.append(f"missed {d.name}:{kind}: {quality.excerpt(slip, o, o + 1)}")
    return {"chars": chars, "false": false, "real": real, "total": total, "found": found, "lines": lines}


def report(half: str, r: dict[str, Any]) -> str:
    out = [f"half {half}: {r['chars']:,} characters"]
    for kind, *_ in SITES:
        n, f = r["total"][kind], r["found"][kind]
        out.append(f"  {kind:<10} sites {n:>4}  found {f:>4}  recall {f / max(1, n):6.1%}")
    for code in ("WRD001", "WRD002"):
        fa = r["false"][code]
        out.append(
            f"  {code}: {r['real'][code]} real, {fa} false alarms ({fa * 100_000 / max(1, r['chars']):.2f} per 100,000)"
        )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--half", choices=("tune", "measure", "old"), default="tune")
    ap.add_argument("--show", action="store_true", help="every site missed and every false alarm")
    ap.add_argument("--sweep", action="store_true", help="WRD001's model thresholds swept")
    ap.add_argument(
        "--tune-model",
        action="store_true",
        help="--half old: score with the tune half's model (bench/out/lm-tune), as the measure half is",
    )
    args = ap.parse_args(argv)
    if args.half == "measure" and (args.show or args.sweep):
        ap.error("--show and --sweep are for the tune half only (the measure half stays unseen)")
    if not corpus.available("official"):
        print("../shared/corpus not found", file=sys.stderr)
        return 2
    data = rule_data()
    if args.tune_model and args.half != "old":
        ap.error("--tune-model is for --half old")
    r = run(args.half, data, args.show, args.tune_model)
    print(report(args.half, r))
    for line in r["lines"]:
        print(line)
    if args.sweep:
        print("WRD001 lm_threshold / lm_threshold_predicate: de_di found, WRD001 false alarms")
        for t in (2.0, 2.5, 3.0):
            for tp in (1.0, 1.5, 2.0):
                d2 = dataclasses.replace(data.de_di, lm_threshold=t, lm_threshold_predicate=tp)
                s = run(args.half, Data(d2, data.de_de))
                print(f"  {t:4.1f} {tp:4.1f}: {s['found']['wrd_de_di']}/{s['total']['wrd_de_di']}, {s['false']['WRD001']}")
        # the thresholds of the phrase beyond the model's window, one at a time
        for name, values in SWEEPS:
            print(f"WRD001 {name} (now {getattr(data.de_di, name)}): de_di found, WRD001 false alarms")
            for v in values:
                changes: dict[str, Any] = {name: v}
                d2 = dataclasses.replace(data.de_di, **changes)
                s = run(args.half, Data(d2, data.de_de))
                print(f"  {v:5.1f}: {s['found']['wrd_de_di']}/{s['total']['wrd_de_di']}, {s['false']['WRD001']}")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
