#!/usr/bin/env python3
"""DUP001/DUP002 figures on the invented speech-draft sentences of the tests.

Usage (from a checkout)::

    python bench/dup_speech.py                 # both files, figures only
    python bench/dup_speech.py --show          # ... and every sentence that fails

For each file (tests/data/dup_speech.yaml, fitted; tests/data/dup_speech_heldout.yaml,
held out): correct sentences silent (x/N, the 'known' correct sentences included) and slips
found alone (y/M, the slip's finding and no other; 'known' missed slips included), as
tests/test_dup_speech.py judges them.  Uses the shipped model (rules/lm_chars.txt).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import speechlint
from speechlint.config import Config

DUP = Config(select=("DUP001", "DUP002"))
FILES = ("dup_speech.yaml", "dup_speech_heldout.yaml", "dup_speech_heldout2.yaml")


def findings(text: str) -> list[tuple[int, int, str]]:
    return [(d.span.start, d.span.end, d.code) for d in speechlint.lint(text, DUP, filetype="txt") if d.code in ("DUP001", "DUP002")]


def found_alone(text: str, slip: str) -> bool:
    at = text.index(slip)
    got = [(a, b) for a, b, _ in findings(text)]
    return got != [] and all(at <= a and b <= at + len(slip) for a, b in got)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print every failing sentence")
    args = parser.parse_args()
    for name in FILES:
        data = yaml.safe_load((ROOT / "tests" / "data" / name).read_text(encoding="utf-8"))
        correct = data["correct"] + data["known"]["correct_reported"]
        slips = [tuple(s) for s in data["slips"] + data["known"]["slips_missed"]]
        loud = [t for t in correct if findings(t)]
        missed = [(t, s) for t, s in slips if not found_alone(t, s)]
        print(f"{name}: correct silent {len(correct) - len(loud)}/{len(correct)}, slips found alone {len(slips) - len(missed)}/{len(slips)}")
        if args.show:
            for t in loud:
                print("  reported:", t, [(t[a:b], c) for a, b, c in findings(t)])
            for t, s in missed:
                print("  missed:  ", t, s, [(t[a:b], c) for a, b, c in findings(t)])


if __name__ == "__main__":
    main()
