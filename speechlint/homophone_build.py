"""Build the table of homophone slips (``rules/wrd_homophones.txt``) for WRD007.

``python -m speechlint.homophone_build [--out FILE]`` (needs the ``homophones`` extra:
``pip install -e ".[homophones]"``, which installs pypinyin).

Inputs, both named, nothing from a corpus (so the benchmark's halves stay unseen):

* jieba's frequency dictionary as the project ships it (``rules/jieba_dict.txt``);
* pypinyin's readings of characters and phrases (the version pinned in
  ``constraints.txt``; the header records it).

What it writes: the *slips*, two-character strings that are not words but that a pinyin
input method gives when a frequent two-character word is typed and one of its characters
is taken for another with the same syllable and tone (布署 for 部署, 贯撤 for 贯彻, 竟争 for
竞争), with the word(s) each stands for.  One line per first character: the character, a
tab, the second characters of its slips, then for each of them a tab and its words
(``布<TAB>署告<TAB>部署<TAB>部告``): the rule loads the second characters and parses a
line's words only when one of its slips is met.

* **Words that get slips** (:data:`WORD_MIN_FREQ`): two-character words of jieba's
  dictionary at least this frequent, both characters common, reading as pypinyin reads
  the word as a phrase (部署 bu4 shu3, not the rare pou3 of 部).
* **Characters put in** (:data:`COMMON_CHARS`): the most used characters (by the summed
  jieba frequency of the words they are in) whose first reading is the syllable and tone
  of the character they replace: what an input method offers first for that syllable.
* **Never put in**: a character jieba counts :data:`FREE_CHAR_FREQ` times or more as a
  word by itself (及, 时, 是): next to a word it is mostly a word of its own.
* **Not a slip** when the string is itself a word of jieba's dictionary with frequency
  :data:`SLIP_MAX_FREQ` or more (jieba lists a few common misspellings, 布署 2, 膨涨 3:
  those stay slips), unless the word is :data:`SLIP_RATIO` times as frequent: jieba
  lists misspellings people often type (做为 208 against 作为 28,567, 部份 28 against
  部分 27,619), and those are slips even when the character put in is a free one (做).

The table is what the rule scans for; whether a slip in a draft is a slip is the language
model's decision (:mod:`speechlint.lm`), at check time.  Shipping the slips rather than
a character -> homophones table keeps pypinyin and the dictionary walk out of the check:
the rule loads one set.

The output is a pure function of the inputs (sorted lines, no timestamps):
``tests/test_homophone_build.py`` rebuilds it and compares.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

#: Two-character words rarer than this (jieba's frequency) get no slips.
WORD_MIN_FREQ = 300
#: How many of the most used characters may be put in as a slip (and must make up the word).
COMMON_CHARS = 3500
#: A string that jieba lists at least this often is a word, not a slip ...
SLIP_MAX_FREQ = 5
#: ... unless the word it stands for is this many times as frequent: jieba lists common
#: misspellings as words (做为 208 against 作为 28,567, 部份 28 against 部分 27,619), and
#: the language model decides in context whether such a string is the rare word or a slip.
SLIP_RATIO = 100
#: A character jieba counts this often as a word by itself (及, 时, 是, 有) is never put
#: in: it stands next to anything, so the pair it makes is mostly two words touching
#: (产粮大县及财政, 三分之二时), and an input method rarely offers it for a word.
FREE_CHAR_FREQ = 30_000
#: Four-character idioms and set phrases (jieba's tags ``i``, ``l``) at least this frequent
#: get slips too: a character of the idiom replaced as above makes a pair that is no word
#: where the idiom's pair is one (因地治宜: 治宜 for 制宜; 与时具进: 具进 for 俱进).
IDIOM_MIN_FREQ = 100
IDIOM_TAGS = ("i", "l")
#: The output file's name (in ``rules/``).
FILE = "wrd_homophones.txt"

ROOT = Path(__file__).resolve().parent.parent
_HAN = ("\u4e00", "\u9fff")


def _is_han(c: str) -> bool:
    return _HAN[0] <= c <= _HAN[1]


def dictionary(path: Path) -> Iterator[tuple[str, int, str]]:
    """(word, frequency, part of speech) of each entry of the shipped jieba dictionary file."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        first, *entries = line.split("\t")
        for e in entries:
            rest, freq, tag = e.split(" ")
            yield first + rest, int(freq), tag


def build(dict_path: Path) -> str:
    """The text of the table, built from the dictionary file and pypinyin."""
    try:
        import pypinyin
        from pypinyin import Style, lazy_pinyin, pinyin
    except ImportError:  # pragma: no cover - the extra is missing
        raise SystemExit('homophone_build needs pypinyin: pip install -e ".[homophones]"') from None

    entries = list(dictionary(dict_path))
    words = {w: f for w, f, _ in entries}
    idioms = sorted(w for w, f, tag in entries if len(w) == 4 and f >= IDIOM_MIN_FREQ and tag in IDIOM_TAGS)
    use: dict[str, int] = defaultdict(int)
    for w, f in words.items():
        for c in set(w):
            if _is_han(c):
                use[c] += f
    common = sorted(use, key=lambda c: (-use[c], c))[:COMMON_CHARS]
    common_set = set(common)
    # syllable with tone -> the common characters whose first reading it is
    by_reading: dict[str, list[str]] = defaultdict(list)
    for c in sorted(common):
        reading = pinyin(c, style=Style.TONE3, heteronym=False, neutral_tone_with_five=True)[0][0]
        by_reading[reading].append(c)
    slips: dict[str, set[str]] = defaultdict(set)
    for w, f in sorted(words.items()):
        if len(w) != 2 or f < WORD_MIN_FREQ or not all(c in common_set for c in w):
            continue
        readings = lazy_pinyin(w, style=Style.TONE3, neutral_tone_with_five=True)
        for i, (c, r) in enumerate(zip(w, readings, strict=True)):
            for h in by_reading.get(r, ()):
                if h == c:
                    continue
                slip = w[:i] + h + w[i + 1 :]
                listed = words.get(slip, 0)
                if listed >= SLIP_MAX_FREQ:
                    if listed * SLIP_RATIO > f:
                        continue  # a word of its own
                    # a misspelling jieba lists: people type it, even with a free character (做为)
                elif words.get(h, 0) >= FREE_CHAR_FREQ:
                    continue
                slips[slip].add(w)
    for w in idioms:
        if not all(c in common_set for c in w):
            continue
        readings = lazy_pinyin(w, style=Style.TONE3, neutral_tone_with_five=True)
        for i, (c, r) in enumerate(zip(w, readings, strict=True)):
            for h in by_reading.get(r, ()):
                if h == c or words.get(h, 0) >= FREE_CHAR_FREQ:
                    continue
                made = w[:i] + h + w[i + 1 :]
                for j in (i - 1, i):  # the pairs of the idiom that hold the character put in
                    part = w[j : j + 2]
                    if 0 <= j <= 2 and words.get(part, 0) >= SLIP_MAX_FREQ and words.get(made[j : j + 2], 0) < SLIP_MAX_FREQ:
                        slips[made[j : j + 2]].add(part)
    head = [
        (
            f"# Generated by `python -m speechlint.homophone_build` from {dict_path.name} and pypinyin "
            f"{pypinyin.__version__}: do not edit."
        ),
        f"# Slips of two-character words of frequency >= {WORD_MIN_FREQ}: one character replaced by one of the",
        f"# {COMMON_CHARS} commonest characters read with the same syllable and tone (none that jieba counts",
        f"# {FREE_CHAR_FREQ} times or more as a word by itself); strings jieba lists with frequency >= {SLIP_MAX_FREQ}",
        f"# left out unless the word is {SLIP_RATIO} times as frequent.  Also the pairs of four-character idioms",
        f"# (tags {'/'.join(IDIOM_TAGS)}) of frequency >= {IDIOM_MIN_FREQ} that hold such a character, where the idiom's pair is a",
        "# word and the pair made is none.  One line per first character: the character, a tab, the second",
        "# characters of its slips, then for each of them a tab and the word(s) the slip stands for.",
    ]
    by_first: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for slip, ws in sorted(slips.items()):
        by_first[slip[0]].append((slip[1], " ".join(sorted(ws))))
    body = [
        f"{first}\t{''.join(c for c, _ in entries)}\t" + "\t".join(w for _, w in entries)
        for first, entries in sorted(by_first.items())
    ]
    return "\n".join(head + body) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dict", type=Path, default=ROOT / "rules" / "jieba_dict.txt", help="jieba dictionary file")
    ap.add_argument("--out", type=Path, default=ROOT / "rules" / FILE, help="where to write the table")
    args = ap.parse_args(argv)
    text = build(args.dict)
    args.out.write_bytes(text.encode("utf-8"))
    slips = sum(len(line.split("\t")[1]) for line in text.splitlines() if not line.startswith("# "))
    print(f"{args.out}: {slips} slips", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
