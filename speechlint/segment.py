"""Word boundaries and part-of-speech tags as jieba finds them, without importing jieba.

Deciding whether ``要要`` is a slip or two words that merely touch (``要`` + ``要求``)
needs word boundaries (DUP), and telling ``清醒的看到`` from ``清醒的认识`` needs
part-of-speech tags (WRD001/WRD002).  jieba knows both, but initialising it takes
about 0.6 s and 100 MB.  This module gives the same answers from data generated out
of jieba's own files, loaded lazily, each only when a rule first needs it:

1. :func:`lexicon` (``word in lexicon()``) answers from a compact lexicon, ``rules/dup_lexicon.txt``: the two-
   to four-character Han words of jieba's dictionary with a frequency of at least
   :data:`MIN_FREQ` (about 45,000 words, one line per first character, each line parsed when a
   rule first asks about a word starting with it).  A word found
   there is reliable evidence that text around a candidate forms a word; a word *not*
   found may still be a rarer word.  Doubled forms (``AA``, ``ABAB``) are left out on
   purpose: which reduplications are legitimate is decided by ``rules/dup.yaml``.
2. :func:`tokens` segments one short stretch of text exactly as
   ``jieba.Tokenizer().cut(text, HMM=False)`` does: the DAG of the dictionary words in
   the text, the route of highest log-probability (``log(freq) - log(total)``), single
   Latin letters and digits joined.  It needs every word of jieba's dictionary, rare ones
   included: they change the route (without the words below frequency 5, about 0.4 % of
   the slips made up from the corpus for the tests were no longer found).
   ``rules/jieba_dict.txt`` holds one line per first character; the file is
   memory-mapped, a character's line is found by bisection when a text first contains
   it, and only the stretch of the words starting with the text's first two characters
   is parsed (opening takes under a millisecond, a first segmentation a few).
3. :func:`pos_tags` tags one clause exactly as ``jieba.posseg.cut(text)`` does: the
   same route, the dictionary's tag for each word, and for a run of single characters
   that is not a word jieba's part-of-speech HMM (Viterbi over B/M/E/S + tag states),
   whose tables are in ``rules/jieba_hmm.txt`` (read the same way, only when such a run
   is met).  Tagging a run's characters "unknown" instead would have lost about a fifth
   of the 的/地/得 findings on the test clauses (``抓的紧``: 抓 comes out of the HMM).
4. :func:`char_weight` says how common a character is (its frequency class in
   ``rules/jieba_chars.txt``, summed from the dictionary's word frequencies), so that a
   search can anchor on rare characters (:class:`speechlint.checks.wrd.WordFinder`).

``python -m speechlint.segment`` regenerates the four files from the installed jieba
(after upgrading it); ``tests/test_segment.py`` fails when they differ from what it
produces, and compares the results with jieba's own on many stretches of text.
"""

from __future__ import annotations

import mmap
import re
import sys
import threading
from collections.abc import Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from functools import cache, lru_cache
from math import log
from pathlib import Path

#: Lowest jieba frequency of a lexicon word: rarer entries are often noise.
MIN_FREQ = 50
#: File names in the rule data folder.
LEXICON_FILE = "dup_lexicon.txt"
DICT_FILE = "jieba_dict.txt"
HMM_FILE = "jieba_hmm.txt"
CHARS_FILE = "jieba_chars.txt"
#: Characters rarer than this in jieba's dictionary (see :func:`build_char_classes`) share
#: the lowest weight of :func:`char_weight`.
CHAR_CLASS_MIN = 1 << 10

#: A token: (start, end, word, tag) within the tagged text.
Tagged = tuple[int, int, str, str]

_TOTAL = re.compile(r"^# total (\d+)$", re.MULTILINE)
#: One entry of a line of ``jieba_dict.txt``: the rest of the word and its frequency.
_ENTRY = re.compile(r"\t([^ \t]*) (\d+) ")
_lock = threading.Lock()


def _entries(c: str, text: str) -> dict[str, int]:
    """The words starting with ``c`` in a stretch of its dictionary line, with their
    frequencies, and 0 for each prefix of two or more characters that is not a word."""
    found = {c + rest: int(freq) for rest, freq in _ENTRY.findall(text)}
    for w in [w for w in found if len(w) > 2]:
        for k in range(2, len(w)):
            if w[:k] not in found:
                found[w[:k]] = 0
    return found


def rules_file(name: str) -> Path:
    from .data import rules_dir

    return rules_dir() / name


def lexicon_path() -> Path:
    return rules_file(LEXICON_FILE)


class Lexicon(AbstractSet[str]):
    """The compact lexicon, read one first character at a time.

    ``rules/dup_lexicon.txt`` has one line per first character (the character, then a
    tab before the rest of each word), so a membership test parses only that line: a
    draft with a few duplicate candidates reads a few lines, not 45,000 words (building
    the whole set took ~10 ms at every start).
    """

    def __init__(self, data: Buffer | None) -> None:
        self._lines = None if data is None else _SortedLines(data, b"# ")
        self._blocks: dict[str, frozenset[str]] = {}
        #: ``known[s]``: is ``s`` a lexicon word?  A dict that remembers every answer, so a
        #: string asked about again costs one dictionary lookup in C, not a Python call.
        self.known: dict[str, bool] = _Known(self)

    def _block(self, c: str) -> frozenset[str]:
        block = self._blocks.get(c)
        if block is None:
            line = self._lines.get(c) if self._lines is not None else None
            block = self._blocks[c] = frozenset(line.split("\t")[1:]) if line else frozenset()
        return block

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.known[word]

    def __iter__(self) -> Iterator[str]:
        if self._lines is None:
            return
        data = self._lines.data
        for line in bytes(data[self._lines.body :]).decode("utf-8").splitlines():
            c, *rests = line.split("\t")
            for rest in rests:
                yield c + rest

    def __len__(self) -> int:
        return sum(1 for _ in self)


class _Known(dict[str, bool]):
    """The answers of one :class:`Lexicon`, filled in on first asking."""

    __slots__ = ("_lexicon",)

    def __init__(self, lexicon: Lexicon) -> None:
        super().__init__()
        self._lexicon = lexicon

    def __missing__(self, word: str) -> bool:
        found = len(word) > 1 and word[1:] in self._lexicon._block(word[0])
        if len(self) < 1_000_000:  # bounded: a language server lives long
            self[word] = found
        return found


_lexicon: Lexicon | None = None


def lexicon() -> Lexicon:
    """The compact lexicon (empty when the file is missing), opened on first use."""
    global _lexicon
    if _lexicon is None:
        with _lock:
            if _lexicon is None:
                try:
                    _lexicon = Lexicon(_load(LEXICON_FILE))
                except OSError:
                    _lexicon = Lexicon(None)
    return _lexicon


def lexicon_text(words: Iterable[str], header: str) -> str:
    """The lexicon file: ``header``, then one sorted line per first character."""
    lines: dict[str, list[str]] = {}
    for w in sorted(words):
        lines.setdefault(w[0], []).append(w[1:])
    return header + "".join(f"{c}\t{chr(9).join(rests)}\n" for c, rests in lines.items())


# ------------------------------------------------------------ generated files
#: The bytes of a data file: memory-mapped (only the pages looked at are read), or read.
Buffer = bytes | mmap.mmap


def _load(name: str) -> Buffer:
    with open(rules_file(name), "rb") as fh:
        try:
            return mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):  # not a regular file, or empty
            return fh.read()


class _SortedLines:
    """The ``key<TAB>...`` lines of a generated file, sorted by key, after header lines.

    A line is found by bisection over the bytes (UTF-8 sorts as code points do), so
    loading reads nothing but the header.
    """

    def __init__(self, data: Buffer, *header: bytes) -> None:
        self.data = data
        pos = 0
        while pos < len(data) and data[pos : pos + 2].startswith(header):
            end = data.find(b"\n", pos)
            pos = len(data) if end < 0 else end + 1
        self.body = pos

    def header(self) -> Iterator[str]:
        yield from bytes(self.data[: self.body]).decode("utf-8").splitlines()

    def lower_bound(self, want: bytes, lo: int, hi: int) -> int:
        """Start of the first line in ``[lo, hi)`` (both line starts, or ``hi`` the end) whose
        key is >= ``want``; ``hi`` when there is none."""
        data = self.data
        if want and min(want) > 0x0A:
            # every byte of ``want`` sorts after the tab or line end that ends a key:
            # comparing the line's first len(want) + 1 bytes orders its key as the whole
            # key would (a shorter key meets the tab first), without finding them
            n = len(want) + 1
            while lo < hi:
                mid = (lo + hi) // 2
                start = data.rfind(b"\n", lo, mid) + 1
                if start <= 0:
                    start = lo
                if data[start : start + n] < want:
                    end = data.find(b"\n", start, hi)
                    lo = (end if end >= 0 else hi) + 1
                else:
                    hi = start
            return lo
        while lo < hi:
            start, end, tab = self._line_at(lo, (lo + hi) // 2, hi)
            if data[start : tab if tab >= 0 else end] < want:
                lo = end + 1
            else:
                hi = start
        return lo

    def _line_at(self, lo: int, mid: int, hi: int) -> tuple[int, int, int]:
        """The line of ``[lo, hi)`` that holds byte ``mid`` (``lo`` a line start): its start,
        its end (``hi`` for the last line) and its tab (-1: none)."""
        data = self.data
        start = data.rfind(b"\n", lo, mid) + 1
        if start <= 0:
            start = lo
        end = data.find(b"\n", start, hi)
        if end < 0:
            end = hi
        return start, end, data.find(b"\t", start, end)

    def find_key(self, want: bytes, lo: int, hi: int, width: int = 2048) -> int:
        """Start of the line in ``[lo, hi)`` (both line starts, or ``hi`` the end) whose key
        is ``want``; -1 when there is none.

        Bisection in Python only until the range is at most ``width`` bytes, then one
        ``find`` of ``\\n`` + key + tab in C: a few steps fewer per look-up, same line.
        """
        data = self.data
        while hi - lo > width:
            start, end, tab = self._line_at(lo, (lo + hi) // 2, hi)
            key = data[start : tab if tab >= 0 else end]
            if key == want and tab >= 0:
                return start
            if key < want:
                lo = end + 1
            else:
                hi = start
        if lo >= hi:
            return -1
        # the line at ``lo`` has no newline before it within the range: compare it directly
        if data[lo : lo + len(want) + 1] == want + b"\t":
            return lo
        found = data.find(b"\n" + want + b"\t", lo, hi)
        return -1 if found < 0 else found + 1

    def get(self, key: str) -> str | None:
        """The line whose key is ``key`` (None: no such line)."""
        data = self.data
        try:
            want = key.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: no line has it
            return None
        pos = self.lower_bound(want, self.body, len(data))
        end = data.find(b"\n", pos)
        if end < 0:
            end = len(data)
        if pos >= end:
            return None
        tab = data.find(b"\t", pos, end)
        if data[pos : tab if tab >= 0 else end] != want:
            return None
        return bytes(data[pos:end]).decode("utf-8")


# ------------------------------------------------------------------ dictionary
class Dictionary:
    """jieba's dictionary: each word's frequency and tag, parsed one first character at a time.

    ``freqs(c)`` is jieba's ``FREQ`` restricted to the strings starting with ``c``: each
    word's frequency, and 0 for each prefix of a word that is not a word itself.
    """

    def __init__(self, data: Buffer) -> None:
        m = _TOTAL.search(bytes(data[:4096]).decode("utf-8", "replace"))
        if m is None:
            raise ValueError(f"{DICT_FILE}: no '# total N' line")
        self.total = int(m.group(1))
        self.logtotal = log(self.total)
        self._lines = _SortedLines(data, b"# ")
        #: per first character: its line (the words starting with it), as text
        self._raw: dict[str, str] = {}
        #: per first character: each word's frequency (and 0 for the other prefixes)
        self._blocks: dict[str, dict[str, int]] = {}
        #: per first two characters: the same for the words of two or more characters
        #: starting with them, and their entries (the stretch of the line where
        #: :meth:`tag` finds a word's tag).  Segmenting and tagging a short stretch reads
        #: these, not the whole line of each character: after tagging the 的 of 9 MB of
        #: official text, dicts of every word of 812 lines with their tags took 48 MB.
        self._pairs: dict[str, tuple[dict[str, int], str]] = {}
        self._tags: dict[str, str | None] = {}

    def _line(self, c: str) -> str:
        line = self._raw.get(c)
        if line is None:
            line = self._raw[c] = self._lines.get(c) or ""
        return line

    def _single(self, c: str) -> int | None:
        """Frequency of the one-character word ``c``: 0 when ``c`` only begins words,
        None when no word begins with it."""
        line = self._line(c)
        if not line:
            return None
        # the entry of the word itself has an empty rest: sorted first, "\t freq tag"
        if not line.startswith(" ", len(c) + 1):
            return 0
        i = len(c) + 2
        return int(line[i : line.index(" ", i)])

    def _pair(self, pair: str) -> tuple[dict[str, int], str]:
        """Frequencies of the words starting with the two characters ``pair`` (and 0 for
        their other prefixes), and the stretch of the line holding their entries."""
        found = self._pairs.get(pair)
        if found is None:
            part = ""
            if pair[1] not in " \t":  # "\t " begins the entry of the one-character word
                line = self._line(pair[0])
                key = "\t" + pair[1]
                i = line.find(key)  # the line is sorted: the entries are contiguous
                if i >= 0:
                    end = line.find("\t", line.rfind(key) + 1)
                    part = line[i : end if end >= 0 else len(line)]
            freqs = _entries(pair[0], part)
            if part and pair not in freqs:
                freqs[pair] = 0
            found = (freqs, part)
            if len(self._pairs) < 200_000:  # bounded: a language server lives long
                self._pairs[pair] = found
        return found

    def freqs(self, c: str) -> dict[str, int]:
        """Frequencies of the words (and 0 for the other prefixes) starting with ``c``."""
        block = self._blocks.get(c)
        if block is None:
            line = self._line(c)
            block = _entries(c, line)
            if line and c not in block:
                block[c] = 0
            self._blocks[c] = block
        return block

    def freq(self, word: str) -> int:
        """The word's frequency (0 for a string that is not a word)."""
        if len(word) > 1:
            return self._pair(word[:2])[0].get(word, 0)
        return (self._single(word) or 0) if word else 0

    def tag(self, word: str) -> str | None:
        if not word:
            return None
        try:
            return self._tags[word]
        except KeyError:
            pass
        found = None
        if len(word) > 1:
            freqs, part = self._pair(word[:2])
            known = word in freqs
        else:
            part = self._line(word)
            known = self._single(word) is not None
        if known:  # a word or a prefix: only a word has an entry
            entry = "\t" + word[1:] + " "
            i = part.find(entry)
            if i >= 0:
                i = part.index(" ", i + len(entry)) + 1
                end = part.find("\t", i)
                found = part[i : end if end >= 0 else len(part)]
        if len(self._tags) < 1_000_000:  # bounded: a language server lives long
            self._tags[word] = found
        return found

    def route(self, s: str) -> list[int]:
        """End (exclusive) of the word starting at each position on jieba's best route.

        ``Tokenizer.get_DAG`` and ``Tokenizer.calc``, with the same floating-point
        operations in the same order (ties go to the longer word, as there).  jieba's
        prefix dict holds every prefix of every word, so the words starting at ``k``
        are found one character after another while the text there is a prefix: the
        first character in its line, the longer ones in the entries of the first two.
        """
        return [b[1] + 1 for b in self._best(s)[: len(s)]]

    def route_logprob(self, s: str, joined: int | None = None) -> float:
        """The log-probability of jieba's best route through ``s``; with ``joined``, of the
        best route with no cut at that offset (a word must span it)."""
        return self._best(s, joined)[0][0]

    def _best(self, s: str, joined: int | None = None) -> list[tuple[float, int]]:
        """For each position, the log-probability of the best route from there and the
        last character of its first word (no word ending just before ``joined``)."""
        n = len(s)
        dag: list[list[int]] = []
        singles: list[int] = []
        for k in range(n):
            ends = []
            single = self._single(s[k])
            singles.append(single or 0)
            if single is not None:
                if single:
                    ends.append(k)
                if k + 1 < n:
                    freqs = self._pair(s[k : k + 2])[0]
                    i = k + 1
                    frag = s[k : i + 1]
                    while i < n and frag in freqs:
                        if freqs[frag]:
                            ends.append(i)
                        i += 1
                        frag = s[k : i + 1]
            dag.append(ends or [k])
        logtotal = self.logtotal
        best: list[tuple[float, int]] = [(0, 0)] * (n + 1)
        for idx in range(n - 1, -1, -1):
            freqs = self._pair(s[idx : idx + 2])[0] if idx + 1 < n else {}
            best[idx] = max(
                (
                    (log((freqs.get(s[idx : x + 1]) if x > idx else singles[idx]) or 1) - logtotal + best[x + 1][0], x)
                    for x in dag[idx]
                    if x + 1 != joined
                ),
                default=(float("-inf"), idx),
            )
        return best


_dictionary: Dictionary | None = None
_hmm: PosHMM | None = None


def dictionary() -> Dictionary:
    """The dictionary, loaded on first use."""
    global _dictionary
    if _dictionary is None:
        with _lock:
            if _dictionary is None:
                _dictionary = Dictionary(_load(DICT_FILE))
    return _dictionary


def hmm() -> PosHMM:
    """The part-of-speech HMM, loaded on first use."""
    global _hmm
    if _hmm is None:
        with _lock:
            if _hmm is None:
                _hmm = PosHMM(_load(HMM_FILE))
    return _hmm


def loaded() -> tuple[bool, bool]:
    """Whether the dictionary and the HMM have been loaded in this process."""
    return _dictionary is not None, _hmm is not None


@lru_cache(maxsize=1)
def _char_classes() -> dict[str, int]:
    weights: dict[str, int] = {}
    with open(rules_file(CHARS_FILE), encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            power, chars = line.rstrip("\n").split("\t")
            weights.update(dict.fromkeys(chars, 1 << int(power)))
    return weights


def char_weight(c: str) -> int:
    """How common ``c`` is in Chinese text, to within a factor of two: its frequency class in
    ``rules/jieba_chars.txt`` (see :func:`build_char_classes`), a power of two; characters
    rarer than :data:`CHAR_CLASS_MIN` (and any other character) weigh half of it.  Used to
    pick rare characters to search for, never to decide a finding."""
    return _char_classes().get(c, CHAR_CLASS_MIN >> 1)


# ------------------------------------------------------------ tokens (HMM off)
# jieba's own patterns (jieba/__init__.py), copied as they are
_RE_HAN_DEFAULT = re.compile(r"([\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+)")
_RE_SKIP_DEFAULT = re.compile(r"(\r\n|\s)")
_RE_ENG = re.compile("[a-zA-Z0-9]")


def _cut_block(d: Dictionary, s: str) -> Iterator[str]:
    """``Tokenizer.__cut_DAG_NO_HMM``: the route's words, single letters and digits joined."""
    ends = d.route(s)
    x, n, buf = 0, len(s), ""
    while x < n:
        y = ends[x]
        word = s[x:y]
        if len(word) == 1 and _RE_ENG.match(word):
            buf += word
        else:
            if buf:
                yield buf
                buf = ""
            yield word
        x = y
    if buf:
        yield buf


def cut(text: str) -> Iterator[str]:
    """The words of ``text`` as ``jieba.Tokenizer().cut(text, HMM=False)`` yields them."""
    d = dictionary()
    for blk in _RE_HAN_DEFAULT.split(text):
        if not blk:
            continue
        if _RE_HAN_DEFAULT.match(blk):
            yield from _cut_block(d, blk)
        else:
            for x in _RE_SKIP_DEFAULT.split(blk):
                if _RE_SKIP_DEFAULT.match(x):
                    yield x
                else:
                    yield from x


@lru_cache(maxsize=4096)
def tokens(text: str) -> tuple[tuple[int, int, int], ...]:
    """jieba's segmentation of ``text`` (HMM off): ``(start, end, frequency)`` of each token.

    The frequency (jieba's dictionary count, 0 when unknown) lets a caller ignore
    the rare, noisy entries of the full dictionary (``要带头`` has 3).
    """
    d = dictionary()
    out: list[tuple[int, int, int]] = []
    pos = 0
    for tok in cut(text):
        out.append((pos, pos + len(tok), d.freq(tok)))
        pos += len(tok)
    return tuple(out)


# ------------------------------------------------------------- part of speech
#: A state of the part-of-speech HMM: B/M/E/S (begin, middle, end of a word, single
#: character) followed by the tag, e.g. "Bn"; ordered as jieba's ('B', 'n') tuples are.
State = str

_MIN_FLOAT = -3.14e100
_MIN_INF = float("-inf")


class PosHMM:
    """jieba.posseg's HMM: start, transition and (per character) emission log-probabilities."""

    def __init__(self, data: Buffer) -> None:
        self.start: dict[State, float] = {}
        self.trans: dict[State, dict[State, float]] = {}
        self._lines = _SortedLines(data, b"# ", b"@")
        for line in self._lines.header():
            if line.startswith("@start\t"):
                self.start = _probs(line[7:])
            elif line.startswith("@trans\t"):
                state, _, probs = line[7:].partition("\t")
                self.trans[state] = _probs(probs)
        if not self.start or not self.trans:
            raise ValueError(f"{HMM_FILE}: no @start or @trans lines")
        self._chars: dict[str, tuple[tuple[State, ...] | None, dict[State, float]]] = {}

    def char(self, c: str) -> tuple[tuple[State, ...] | None, dict[State, float]]:
        """The states ``c`` may take (None: any) and its emission log-probabilities."""
        entry = self._chars.get(c)
        if entry is None:
            line = self._lines.get(c)
            if line is None:
                entry = (None, {})
            else:
                _, states, probs = line.split("\t")
                emit = _probs(probs)
                allowed = None if states == "*" else tuple(emit) if states == "=" else tuple(states.split(" "))
                entry = (allowed, emit)
            self._chars[c] = entry
        return entry

    def viterbi(self, obs: str) -> list[State]:
        """``jieba.posseg.viterbi``: the most probable state of each character of ``obs``."""
        trans = self.trans
        all_states = trans.keys()
        allowed, emit = self.char(obs[0])
        v: list[dict[State, float]] = [{}]
        path: list[dict[State, State]] = [{}]
        for y in allowed if allowed is not None else all_states:
            v[0][y] = self.start[y] + emit.get(y, _MIN_FLOAT)
            path[0][y] = ""
        for t in range(1, len(obs)):
            allowed, emit = self.char(obs[t])
            v.append({})
            path.append({})
            prev = [x for x in path[t - 1] if trans[x]]
            if not prev:  # jieba would fail here (max() of nothing); never seen in practice
                raise ValueError(f"no state can follow {obs[:t]!r}")
            expect = {y for x in prev for y in trans[x]}
            states = set(allowed if allowed is not None else all_states) & expect
            if not states:
                states = expect if expect else set(all_states)
            last = v[t - 1]
            for y in states:
                e = emit.get(y, _MIN_FLOAT)
                prob, state = max((last[y0] + trans[y0].get(y, _MIN_INF) + e, y0) for y0 in prev)
                v[t][y] = prob
                path[t][y] = state
        _, state = max((v[-1][y], y) for y in path[-1])
        route = [""] * len(obs)
        for i in range(len(obs) - 1, -1, -1):
            route[i] = state
            state = path[i][state]
        return route

    def cut(self, s: str) -> Iterator[tuple[str, str]]:
        """``POSTokenizer.__cut``: words and tags of a run of Han characters."""
        route = self.viterbi(s)
        begin = nexti = 0
        for i, c in enumerate(s):
            pos = route[i][0]
            if pos == "B":
                begin = i
            elif pos == "E":
                yield s[begin : i + 1], route[i][1:]
                nexti = i + 1
            elif pos == "S":
                yield c, route[i][1:]
                nexti = i + 1
        if nexti < len(s):
            yield s[nexti:], route[nexti][1:]


def _probs(text: str) -> dict[State, float]:
    out: dict[State, float] = {}
    for item in text.split(" "):
        if item:
            state, _, p = item.partition(":")
            out[state] = float(p)
    return out


# jieba.posseg's own patterns, copied as they are; the two with the range of Han characters
# are compiled when first needed (~1-2 ms each to compile: many runs tag nothing)
@cache
def _re_han_detail() -> re.Pattern[str]:
    return re.compile("([\u4E00-\u9FD5]+)")


@cache
def _re_han_internal() -> re.Pattern[str]:
    return re.compile(r"([\u4E00-\u9FD5a-zA-Z0-9+#&\._]+)")


_RE_SKIP_DETAIL = re.compile(r"([\.0-9]+|[a-zA-Z0-9]+)")
_RE_SKIP_INTERNAL = re.compile(r"(\r\n|\s)")
_RE_ENGS = re.compile("[a-zA-Z0-9]+")
_RE_NUM = re.compile(r"[\.0-9]+")


def _tag(d: Dictionary, word: str) -> str:
    return d.tag(word) or "x"


@lru_cache(maxsize=4096)
def _hmm_cut(s: str) -> tuple[tuple[str, str], ...]:
    return tuple(hmm().cut(s))  # short runs ("的在", "抓的紧") recur


def _cut_detail(buf: str) -> Iterator[tuple[str, str]]:
    """``POSTokenizer.__cut_detail``: Han runs through the HMM, numbers, Latin, the rest."""
    han = _re_han_detail()
    for blk in han.split(buf):
        if han.match(blk):
            yield from _hmm_cut(blk)
        else:
            for x in _RE_SKIP_DETAIL.split(blk):
                if x:
                    if _RE_NUM.match(x):
                        yield x, "m"
                    elif _RE_ENGS.match(x):
                        yield x, "eng"
                    else:
                        yield x, "x"


def _flush(d: Dictionary, buf: str) -> Iterator[tuple[str, str]]:
    if len(buf) == 1:
        yield buf, _tag(d, buf)
    elif not d.freq(buf):
        yield from _cut_detail(buf)
    else:
        for c in buf:
            yield c, _tag(d, c)


def _pos_block(d: Dictionary, s: str) -> Iterator[tuple[str, str]]:
    """``POSTokenizer.__cut_DAG``: the route's words; runs of single characters as above."""
    ends = d.route(s)
    x, n, buf = 0, len(s), ""
    while x < n:
        y = ends[x]
        word = s[x:y]
        if y - x == 1:
            buf += word
        else:
            if buf:
                yield from _flush(d, buf)
                buf = ""
            yield word, _tag(d, word)
        x = y
    if buf:
        yield from _flush(d, buf)


def pos_cut(text: str) -> Iterator[tuple[str, str]]:
    """(word, tag) pairs of ``text`` as ``jieba.posseg.cut(text)`` (HMM on) yields them."""
    d = dictionary()
    han = _re_han_internal()
    for blk in han.split(text):
        if han.match(blk):
            yield from _pos_block(d, blk)
        else:
            for x in _RE_SKIP_INTERNAL.split(blk):
                if _RE_SKIP_INTERNAL.match(x):
                    yield x, "x"
                else:
                    for xx in x:
                        if _RE_NUM.match(xx):
                            yield xx, "m"
                        elif _RE_ENGS.match(x):
                            yield xx, "eng"
                        else:
                            yield xx, "x"


@lru_cache(maxsize=4096)
def pos_tags(text: str) -> tuple[Tagged, ...]:
    """jieba's part-of-speech tags of ``text``: (start, end, word, tag) of each token."""
    out: list[Tagged] = []
    pos = 0
    for word, flag in pos_cut(text):
        out.append((pos, pos + len(word), word, flag))
        pos += len(word)
    return tuple(out)


# ------------------------------------------------------------ build the files
def build_lexicon(lines: Iterable[str], min_freq: int = MIN_FREQ) -> list[str]:
    """Words of a jieba dictionary (``word freq [tag]`` lines) kept in the lexicon."""
    out: set[str] = set()
    han_word = re.compile(r"[\u4e00-\u9fff]{2,4}")  # here, not at every start (~1 ms)
    for line in lines:
        parts = line.split()
        if len(parts) < 2 or not parts[1].isdigit() or int(parts[1]) < min_freq:
            continue
        w = parts[0]
        if not han_word.fullmatch(w):
            continue
        n = len(w)
        if w[: n // 2] * 2 == w:  # AA, ABAB: reduplication is decided by rules/dup.yaml
            continue
        out.add(w)
    return sorted(out)


def _dictionary_entries(lines: Iterable[str], source: str) -> tuple[dict[str, tuple[int, str]], int]:
    """Word -> (frequency, tag) and the total frequency of the lines of a jieba dictionary.

    As jieba reads it: ``word freq tag`` per line, a word listed twice keeps its last
    frequency and tag, and the total counts every line.
    """
    entries: dict[str, tuple[int, str]] = {}
    total = 0
    for n, line in enumerate(lines, 1):
        line = line.strip()
        if not line:
            continue
        parts = line.split(" ")
        if len(parts) != 3 or not parts[1].isdigit():
            raise ValueError(f"{source}:{n}: expected 'word freq tag', got {line!r}")
        word, freq, tag = parts
        if "\t" in word:
            raise ValueError(f"{source}:{n}: a tab in {word!r}")
        entries[word] = (int(freq), tag)
        total += int(freq)
    return entries, total


def build_dictionary(lines: Iterable[str], source: str = "jieba's dict.txt") -> str:
    """The text of ``rules/jieba_dict.txt`` from the lines of a jieba dictionary (read as
    jieba reads it, see :func:`_dictionary_entries`)."""
    entries, total = _dictionary_entries(lines, source)
    groups: dict[str, list[str]] = {}
    for word, (count, tag) in entries.items():
        groups.setdefault(word[0], []).append(f"{word[1:]} {count} {tag}")
    out = [
        f"# Generated by `python -m speechlint.segment` from {source}: do not edit.",
        "# One line per first character: the character, then for each word starting with it",
        "# a tab and 'rest freq tag' (rest: the word without its first character).",
        f"# total {total}",
    ]
    out += [c + "\t" + "\t".join(sorted(groups[c])) for c in sorted(groups)]
    return "\n".join(out) + "\n"


def build_char_classes(lines: Iterable[str], source: str = "jieba's dict.txt") -> str:
    """The text of ``rules/jieba_chars.txt``: characters by how often they occur.

    A character's count is the sum of the frequencies of the dictionary's words it occurs
    in (once per occurrence); its class is the count's power of two (``k`` for counts in
    ``[2**k, 2**(k+1))``).  One line per class, from the most common: ``k``, a tab and the
    class's characters in code point order.  Characters counted less than
    :data:`CHAR_CLASS_MIN` are left out.
    """
    entries, _ = _dictionary_entries(lines, source)
    counts: dict[str, int] = {}
    for word, (freq, _tag) in entries.items():
        for c in word:
            counts[c] = counts.get(c, 0) + freq
    classes: dict[int, list[str]] = {}
    for c, n in counts.items():
        if n >= CHAR_CLASS_MIN and not c.isspace():
            classes.setdefault(n.bit_length() - 1, []).append(c)
    out = [
        f"# Generated by `python -m speechlint.segment` from {source}: do not edit.",
        "# Characters by frequency class: k, a tab, the characters whose summed word frequency",
        f"# is in [2**k, 2**(k+1)); rarer than {CHAR_CLASS_MIN} left out.  Search hints only.",
    ]
    out += [f"{k}\t{''.join(sorted(classes[k]))}" for k in sorted(classes, reverse=True)]
    return "\n".join(out) + "\n"


def _state(s: tuple[str, str]) -> State:
    return s[0] + s[1]


def build_hmm(
    start: Mapping[tuple[str, str], float],
    trans: Mapping[tuple[str, str], Mapping[tuple[str, str], float]],
    emit: Mapping[tuple[str, str], Mapping[str, float]],
    char_states: Mapping[str, Iterable[tuple[str, str]]],
    source: str = "jieba.posseg",
) -> str:
    """The text of ``rules/jieba_hmm.txt`` from jieba.posseg's four tables."""

    def probs(d: Mapping[State, float]) -> str:
        return " ".join(f"{s}:{d[s]!r}" for s in sorted(d))

    out = [
        f"# Generated by `python -m speechlint.segment` from {source}: do not edit.",
        "# States: B/M/E/S then the tag (Bn is jieba's ('B', 'n')); numbers: log-probabilities.",
        "# @start, then @trans per state; then per character: the states it may take",
        "# ('=': those it has emission probabilities for, '*': any), and those probabilities.",
        "@start\t" + probs({_state(s): p for s, p in start.items()}),
    ]
    for s in sorted(trans, key=_state):
        out.append(f"@trans\t{_state(s)}\t" + probs({_state(y): p for y, p in trans[s].items()}))
    by_char: dict[str, dict[State, float]] = {}
    for s, chars in emit.items():
        for c, p in chars.items():
            by_char.setdefault(c, {})[_state(s)] = p
    allowed = {c: sorted(_state(s) for s in states) for c, states in char_states.items()}
    for c in sorted(set(by_char) | set(allowed)):
        em = by_char.get(c, {})
        if c not in allowed:
            states = "*"
        elif allowed[c] == sorted(em):
            states = "="
        else:
            states = " ".join(allowed[c])
        out.append(f"{c}\t{states}\t{probs(em)}")
    return "\n".join(out) + "\n"


def jieba_dict_path() -> Path:
    """jieba's dict.txt, found without importing jieba."""
    import importlib.util

    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise SystemExit("jieba is not installed: pip install 'speechlint[segment]' (or jieba==0.42.1)")
    return Path(spec.origin).with_name("dict.txt")


def generate() -> dict[str, str]:
    """File name -> text of the four data files, from the installed jieba."""
    import jieba
    from jieba.posseg import char_state_tab, prob_emit, prob_start, prob_trans

    src = jieba_dict_path()
    lines = src.read_text(encoding="utf-8").splitlines()
    version = getattr(jieba, "__version__", "?")
    words = build_lexicon(lines)
    header = (
        f"# generated by `python -m speechlint.segment` from jieba's dict.txt, freq >= {MIN_FREQ}\n"
        "# one line per first character: the character, then a tab before the rest of each word\n"
    )
    return {
        LEXICON_FILE: lexicon_text(words, header),
        DICT_FILE: build_dictionary(lines, f"jieba {version} dict.txt"),
        CHARS_FILE: build_char_classes(lines, f"jieba {version} dict.txt"),
        HMM_FILE: build_hmm(
            prob_start.P, prob_trans.P, prob_emit.P, char_state_tab.P, f"jieba {version} posseg"
        ),
    }


def main(argv: list[str] | None = None) -> int:
    """``python -m speechlint.segment [FOLDER]``: rewrite the data files from the installed jieba."""
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else rules_file(LEXICON_FILE).parent
    for name, text in generate().items():
        write_data_file(folder / name, text)
    return 0


def write_data_file(path: Path, text: str) -> None:
    """Write a built data file whole (a temporary file beside it, then renamed: never a
    half-written file) and say what was written."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8", newline="\n")
    tmp.replace(path)
    print(f"{path}: {text.count(chr(10))} lines, {len(text.encode('utf-8')):,} bytes")


if __name__ == "__main__":
    raise SystemExit(main())
