"""A statistical model of official Chinese: character n-grams, loaded lazily, scored locally.

What it is for
--------------
Deciding whether ``贯彻落落实`` is a slip for ``贯彻落实`` needs to know which of the two
readings is normal Chinese; a word list cannot say, because one copy of the doubled
character always belongs to a word.  A language model can: it gives the probability of
each reading, and a slip is a stretch whose one-copy reading is overwhelmingly more
likely than the two-copy reading as written.

Design, and why
---------------
* **Characters, not words.**  Slips are made inside words (``坚坚持``), names and terms
  are open-ended, and a character model needs no segmentation at check time.  Order
  :data:`ORDER` (4) sees a doubled character with two characters of context on either
  side, enough to tell ``中国国际`` (中国 + 国际, seen thousands of times) from
  ``中国国家国`` or ``落落实``.
* **Counts from edited official text plus jieba's dictionary.**  3.2 million characters of
  official text (``../shared/corpus``) give the register; every word of jieba's frequency
  dictionary (frequency >= 5) is added once as a short sentence, so that names and
  terms that the corpus never uses (``屠呦呦``, ``船艏``) still have their n-grams.
* **Interpolated absolute discounting** (Ney, Essen and Kneser 1994), the discount of
  each order estimated from the counts (``n1 / (n1 + 2 n2)``): a proper probability, so
  that two readings of different lengths compare fairly, and cheap to evaluate from
  one line per context.  Kneser-Ney's continuation counts were not worth a second table
  for a model that is only ever asked about a few characters around a candidate.
* **Pruned and compact.**  Every bigram is kept; longer n-grams seen once are dropped
  (their mass goes to the lower orders).  Non-Han text (digits, Latin, punctuation,
  line ends) is one boundary symbol ``|``.

The file, ``rules/lm_chars.txt`` (built by :mod:`speechlint.lm_build`)
----------------------------------------------------------------------
Header lines start with ``# `` and give the order and the discount of each order.  Then
one line per context of 0 to ``ORDER - 1`` characters, sorted (the empty context first):
the context, a tab, the number of times it was followed by a character and the number
of distinct characters that followed it, then a tab before each kept follower and its
count (``实1520``).  The file is memory-mapped; a context's line is found by bisection
and parsed the first time a check asks about it, so a draft with no candidate reads
nothing, and one with a few reads a few lines.

``SPEECHLINT_LM_DIR=DIR`` loads ``DIR/lm_chars.txt`` instead of the shipped file (a
benchmark measures the measure half with a model built from the tune half only).
"""

from __future__ import annotations

import itertools
import os
import re
import threading
from math import copysign, log

#: Longest n-gram of the model.
ORDER = 4
#: The model file's name (in the rule data folder, or in ``$SPEECHLINT_LM_DIR``).
FILE = "lm_chars.txt"
#: What every stretch of non-Han text becomes.
BOUNDARY = "|"

#: What a run of digits and a run of Latin letters become.
DIGITS = "0"
LATIN = "a"

_NON_HAN = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003134f0-9０-９a-zA-Zａ-ｚＡ-Ｚ]+")
_DIGITS = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?")
_LATIN = re.compile(r"[a-zA-Zａ-ｚＡ-Ｚ]+")
_lock = threading.Lock()
#: Numbers each model opened in this process (:attr:`Model.serial`).
_serials = itertools.count(1)

#: A context's followers: the text of its line, or (for a long line) a dict.
Followers = str | dict[str, int]
#: Lines longer than this (in characters) are parsed into a dict when first read.
_LONG_LINE = 2000


def to_stream(text: str) -> str:
    """``text`` as the model sees it: a number ``0``, a Latin word ``a``, other non-Han text ``|``."""
    return _NON_HAN.sub(BOUNDARY, _LATIN.sub(LATIN, _DIGITS.sub(DIGITS, text)))


class Model:
    """The character model, read from the bytes of a model file one context at a time."""

    def __init__(self, data: bytes | object) -> None:
        from .segment import _SortedLines

        self._lines = _SortedLines(data, b"# ")  # type: ignore[arg-type]
        order, discounts = ORDER, [0.5] * ORDER
        for line in self._lines.header():
            if line.startswith("# order "):
                order = int(line[8:])
            elif line.startswith("# discounts "):
                discounts = [float(x) for x in line[12:].split()]
        if len(discounts) != order:
            raise ValueError(f"{FILE}: {len(discounts)} discounts for order {order}")
        self.order = order
        self.discounts = discounts
        self._data = self._lines.data
        self._body = self._lines.body
        #: first character of a context -> the byte range of its lines
        self._blocks: dict[str, tuple[int, int]] = {}
        self._contexts: dict[str, tuple[int, int, Followers] | None] = {}
        root = self._context("")
        if root is None:
            raise ValueError(f"{FILE}: no line for the empty context")
        self._vocab = root[1] + 1  # one more for every character never seen
        self._probs: dict[str, float] = {}
        #: P by context + character, negative when stopped: see :meth:`_interpolated`
        self._steps: dict[str, float] = {}
        #: Unique among the models of the process, unlike ``id(model)``: the caches of scores
        #: in the rules key on it.  After :func:`reset` (a benchmark pointing
        #: ``SPEECHLINT_LM_DIR`` at another fold's model) the next model may get the freed
        #: one's id, and a cache keyed by id would give it the other model's scores.
        self.serial = next(_serials)

    def _line(self, ctx: str) -> str | None:
        """The line of a context: bisection within the lines of its first character."""
        if not ctx:
            return self._lines.get("")
        try:
            want = ctx.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: no line has it
            return None
        block = self._blocks.get(ctx[0])
        if block is None:
            first = want[: len(ctx[0].encode("utf-8"))]
            lo = self._lines.lower_bound(first, self._body, len(self._data))
            hi = self._lines.lower_bound(first + b"\xff", lo, len(self._data))  # no UTF-8 byte is 0xff
            block = self._blocks[ctx[0]] = (lo, hi)
        lo, hi = block
        pos = self._lines.find_key(want, lo, hi)
        if pos < 0:
            return None
        end = self._data.find(b"\n", pos, hi)
        return bytes(self._data[pos : end if end >= 0 else hi]).decode("utf-8")

    def _context(self, ctx: str) -> tuple[int, int, Followers] | None:
        """(count, distinct followers, the line's followers) of a context; None: unseen.

        A short line's followers stay text (``\t实1520\t…``, found with one ``find`` in C);
        a long one (a common context, asked about again and again) becomes a dict.
        """
        try:
            return self._contexts[ctx]
        except KeyError:
            pass
        # a context has a line only if its last character is kept after the context one
        # shorter (lm_build keeps an n-gram whenever one extending it is kept): when that
        # one is remembered (mostly), a dict look-up spares the file a search; it is not
        # read for this alone (it would be remembered too: more memory, for no search saved)
        shorter = self._contexts.get(ctx[:-1], ()) if ctx else ()
        if shorter is None or (shorter and not self._count(shorter[2], ctx[-1])):
            line = None
        else:
            line = self._line(ctx)
        found: tuple[int, int, Followers] | None
        if line is None:
            found = None
        else:
            start = line.index("\t") + 1
            end = line.find("\t", start)
            if end < 0:
                end = len(line)
            total, types = line[start:end].split(" ")
            rest = line[end:]
            followers: Followers = rest + "\t"
            if len(rest) > _LONG_LINE:
                followers = {f[0]: int(f[1:]) for f in rest[1:].split("\t")}
            found = (int(total), int(types), followers)
        if len(self._contexts) < 100_000:  # bounded: a language server lives long
            self._contexts[ctx] = found
        return found

    @staticmethod
    def _count(followers: Followers, char: str) -> int:
        if isinstance(followers, dict):
            return followers.get(char, 0)
        i = followers.find("\t" + char)
        if i < 0:
            return 0
        i += 1 + len(char)
        return int(followers[i : followers.index("\t", i)])

    def count(self, context: str, char: str) -> int:
        """How often ``char`` followed ``context`` in the model's text (0: unseen or pruned).

        ``context`` is a model stream of at most ORDER-1 characters; n-grams of three or
        more characters seen only once were pruned from the file and count as 0.
        """
        found = self._context(context)
        return 0 if found is None else self._count(found[2], char)

    def followers(self, context: str) -> dict[str, int]:
        """Every character kept after ``context`` with its count (empty: unseen context)."""
        found = self._context(context)
        if found is None:
            return {}
        followers = found[2]
        if isinstance(followers, dict):
            return dict(followers)
        return {f[0]: int(f[1:]) for f in followers[1:-1].split("\t")} if len(followers) > 1 else {}

    def prob(self, history: str, char: str) -> float:
        """P(char | the last ORDER-1 characters of history), interpolated down to uniform."""
        key = history[-(self.order - 1) :] + char if self.order > 1 else char
        p = self._probs.get(key)
        if p is None:
            p = self._prob(key[:-1], char)
            if len(self._probs) < 500_000:
                self._probs[key] = p
        return p

    def _prob(self, ctx: str, char: str) -> float:
        return abs(self._step(ctx, char, self._interpolated(ctx[1:], char) if ctx else 1.0 / self._vocab))

    def _interpolated(self, ctx: str, char: str) -> float:
        """P(char | ctx) interpolated from the empty context up to ``ctx``, negative when a
        context on the way was unseen (a longer context containing an unseen one is unseen
        too: the interpolation stops there, and the steps above it keep the number).

        Remembered: a shorter context comes back far more often than a longer one (the
        four-character n-grams a check asks about are mostly new, their trigrams are not;
        :meth:`prob` remembers the longest), and the same operations in the same order
        give the same number as interpolating up from the empty context every time.
        """
        key = ctx + char
        p = self._steps.get(key)
        if p is None:
            p = self._step(ctx, char, self._interpolated(ctx[1:], char) if ctx else 1.0 / self._vocab)
            if len(self._steps) < 500_000:  # bounded: a language server lives long
                self._steps[key] = p
        return p

    def _step(self, ctx: str, char: str, p: float) -> float:
        """One step of the interpolation: from the context without its first character
        (``p``, negative when the interpolation has stopped) to ``ctx``."""
        if copysign(1.0, p) < 0:  # stopped (-0.0 too: a zero probability, negated)
            return p
        found = self._context(ctx)
        if found is None:
            return -p
        total, types, followers = found
        d = self.discounts[len(ctx)]
        return (max(self._count(followers, char) - d, 0.0) + d * types * p) / total

    def logprob(self, history: str, text: str) -> float:
        """Natural log-probability of ``text`` following ``history`` (both model streams)."""
        s = history + text
        start = len(history)
        return sum(log(self.prob(s[max(0, i - self.order + 1) : i], s[i])) for i in range(start, len(s)))


_model: Model | None | bool = False


def model() -> Model | None:
    """The model (None when its file is missing), opened on first use."""
    global _model
    if _model is False:
        with _lock:
            if _model is False:
                _model = _open()
    return _model  # type: ignore[return-value]


def _open() -> Model | None:
    import mmap

    from .segment import rules_file

    folder = os.environ.get("SPEECHLINT_LM_DIR")
    path = os.path.join(folder, FILE) if folder else str(rules_file(FILE))
    try:
        with open(path, "rb") as fh:
            try:
                data: object = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
            except (OSError, ValueError):
                data = fh.read()
    except OSError:
        if folder:
            raise
        return None
    return Model(data)


def reset() -> None:
    """Forget the loaded model (tests that point ``SPEECHLINT_LM_DIR`` elsewhere)."""
    global _model
    with _lock:
        _model = False
