"""What the WRD rules share: clauses found and tagged once per run, a fast word finder,
and the language model's score of one form against another in its window."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import cached_property

from ... import lm, segment

#: Characters that end a clause for the 的/地/得 rules (one clause is tagged at a time).
CLAUSE_END = "。！？；，、：“”‘’「」『』（）()《》\r\n\ue000"
_CLAUSE_END_RE = re.compile(f"[{re.escape(CLAUSE_END)}]")
HAN_CHAR_RE = re.compile("[\u3400-\u9fff]")


class Clauses:
    """The clauses around the candidates of one rule run, each found and tagged once.

    Candidates come in text order, so a new clause is searched for backwards only as far
    as the end of the previous one: a huge line without clause ends costs one scan, not
    one per candidate.  The allow patterns are matched and the tags computed once per
    clause, and a token is found by bisection.
    """

    def __init__(self, text: str, allow: tuple[re.Pattern[str], ...] = ()) -> None:
        self.text = text
        self.allow = allow
        self.lo = self.hi = 0
        self.clean = False  # [lo, hi) holds no clause end: it is the clause of any span in it
        self._tags: tuple[tuple[segment.Tagged, ...], list[int]] | None = None
        self._matches: list[tuple[list[int], list[int]]] | None = None

    def around(self, start: int, end: int) -> tuple[int, int]:
        """(start, end) of the clause around ``text[start:end]``."""
        if self.clean and self.lo <= start and end <= self.hi:
            return self.lo, self.hi
        text = self.text
        # text[self.hi] ends a clause: no need to look further back than it
        floor = self.hi if self.hi <= start else 0
        lo = _last_clause_end(text, floor, start) + 1
        m = _CLAUSE_END_RE.search(text, end)
        self.lo, self.hi = lo, m.start() if m else len(text)
        self.clean = _CLAUSE_END_RE.search(text, start, end) is None
        self._tags = self._matches = None
        return self.lo, self.hi

    def allowed(self, start: int, end: int) -> bool:
        """True when an allow pattern matches a stretch of the clause that covers [start, end)."""
        if not self.allow:
            return False
        lo, hi = self.around(start, end)
        if self._matches is None:
            self._matches = []
            for p in self.allow:
                spans = [(m.start() + lo, m.end() + lo) for m in p.finditer(self.text[lo:hi])]
                self._matches.append(([s for s, _ in spans], [e for _, e in spans]))
        for starts, ends in self._matches:
            # matches do not overlap: the last one starting at or before ``start`` ends last
            i = bisect_right(starts, start) - 1
            if i >= 0 and ends[i] >= end:
                return True
        return False

    def tagged(self, start: int, end: int) -> tuple[int, tuple[segment.Tagged, ...], list[int]]:
        """The clause's start, its tokens and their starts (relative to the clause)."""
        lo, hi = self.around(start, end)
        if self._tags is None:
            tokens = segment.pos_tags(self.text[lo:hi])
            self._tags = tokens, [t[0] for t in tokens]
        return lo, *self._tags


def _last_clause_end(text: str, floor: int, start: int) -> int:
    """Index of the last clause end in ``text[floor:start]`` (-1: none), searched backwards
    in growing windows: one scan of a few characters where ``max(text.rfind(c) for c in
    CLAUSE_END)`` made one scan per character, each to ``floor`` when it is absent."""
    hi, step = start, 64
    while hi > floor:
        lo = max(floor, hi - step)
        last = -1
        for m in _CLAUSE_END_RE.finditer(text, lo, hi):
            last = m.start()
        if last >= 0:
            return last
        hi, step = lo, step * 4
    return -1


def token_at(starts: list[int], start: int) -> int:
    """Index of the token starting at ``start`` (-1: no token starts there)."""
    i = bisect_right(starts, start) - 1
    return i if i >= 0 and starts[i] == start else -1


def alternation(words: tuple[str, ...] | frozenset[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


#: Characters too frequent in Chinese text to anchor a search on (a speed hint only:
#: any character works, rare ones make fewer candidate positions).
COMMON_CHARS = frozenset(
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过"
    "发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前"
    "开但因只从想实日者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并"
    "物手应向头文体政美相见被利二等产或新己制身果加月话合回特代内信表化给位次度门任常先海通原东声"
    "提立及比员解水名真论处走义各入口认条平系气题活更打变四总何电数安少报才结反受目量再感建务做接"
    "必场件计管期市直德资命山指许统区保至队形社便空决治展科五基书非则白界达光放强即难且权思设推服"
    "质规划项效领导党委议施县省乡镇村改革坚持深化加快提升推动落实完善健全构建着力全面"
)


class _WordIndex:
    """The index of :class:`WordFinder`: finds every occurrence of a fixed set of words in one fast scan.

    ``re`` scans for a literal or a small character set at C speed but tries an
    alternation of many words branch by branch at each position; so each word is
    found through one of its rarer characters (its anchor) with lookarounds that
    confirm the rest.  Matches are leftmost, longest first, never overlapping.

    Why not an Aho-Corasick automaton from a package: pyahocorasick 2.3.1 found the same
    686 matches of WRD003's 1,172 forms in 10 MB of government reports in 0.66 s, this
    class in 0.14 s (its automaton steps through every character in C; the anchors here
    let ``re``'s literal and character-set scans skip most of the text).
    """

    #: Above this many words, words of two or more characters are found through a
    #: character pair instead (see :meth:`_by_pairs`).
    MANY = 64

    def __init__(self, words: tuple[str, ...] | frozenset[str] | list[str]) -> None:
        self.groups: dict[str, list[tuple[str, int]]] = {}
        #: pair -> (word, index of the pair's character found by the scan): pairs found at
        #: their first character, and at their second
        self.pairs: dict[str, list[tuple[str, int]]] = {}
        self.pairs_behind: dict[str, list[tuple[str, int]]] = {}
        self.pair_regex: re.Pattern[str] | None = None
        todo = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
        if len(todo) > self.MANY:
            todo = self._by_pairs(todo)
        # greedy cover: as few anchor characters as possible, rare ones only when a word has any
        options = {w: {c for c in w if c not in COMMON_CHARS} or set(w) for w in todo}
        anchors: list[str] = []
        left = set(todo)
        while left:
            count: dict[str, int] = {}
            for w in left:
                for c in options[w]:
                    count[c] = count.get(c, 0) + 1
            best = max(count, key=lambda c: (count[c], c not in COMMON_CHARS, c))
            anchors.append(best)
            left = {w for w in left if best not in options[w]}
        for w in todo:
            c = next(a for a in anchors if a in options[w])
            self.groups.setdefault(c, []).append((w, w.rindex(c)))
        parts = []
        for c, ws in self.groups.items():
            alts = []
            for w, i in ws:
                behind = f"(?<={re.escape(w[: i + 1])})" if i else ""
                ahead = f"(?={re.escape(w[i + 1 :])})" if w[i + 1 :] else ""
                alts.append(behind + ahead)
            parts.append(re.escape(c) + ("(?:" + "|".join(alts) + ")" if "" not in alts else ""))
        # a pattern that starts with one literal is found by a fast substring search; a set
        # of first characters is tested character by character: with few anchors, one
        # search per anchor is faster than one search for all
        if len(parts) <= 8:
            self.regexes = tuple(re.compile(p) for p in parts)
        else:
            self.regexes = (re.compile("|".join(parts)),)

    def _by_pairs(self, words: list[str]) -> list[str]:
        """Index words of two or more characters by one pair of adjacent characters; return
        the others.

        With hundreds of words (rules/wrd_confusables.txt) the alternation above is tried
        branch by branch wherever one of its many anchors occurs: 0.3-0.9 s on the 3.0
        million characters of the official corpus.  Instead each word is indexed by the pair
        of adjacent characters least common together (:func:`speechlint.segment.char_weight`)
        and found at the pair's rarer character: one scan for the set of these characters,
        each confirmed by a look-ahead (or look-behind) class for the other character of its
        pair, leaves few positions for a dictionary look-up.  WRD003's 1,172 forms in 10 MB
        of government reports: 0.13 s when every pair was found at its first character
        (rarity from :data:`COMMON_CHARS` alone), 0.05 s this way.
        """
        weight = segment.char_weight
        rest = []
        for w in words:
            if len(w) < 2:
                rest.append(w)
                continue
            i = min(range(len(w) - 1), key=lambda k: (weight(w[k]) * weight(w[k + 1]), -k))
            if weight(w[i + 1]) < weight(w[i]):  # found at its second character
                self.pairs_behind.setdefault(w[i : i + 2], []).append((w, i + 1))
            else:
                self.pairs.setdefault(w[i : i + 2], []).append((w, i))

        def chars(pairs: dict[str, list[tuple[str, int]]], k: int) -> str:
            return "[" + re.escape("".join(sorted({p[k] for p in pairs}))) + "]"

        anchors = {p[0] for p in self.pairs} | {p[1] for p in self.pairs_behind}
        tests = []
        if self.pairs:
            tests.append(f"(?<={chars(self.pairs, 0)})(?={chars(self.pairs, 1)})")
        if self.pairs_behind:
            tests.append(f"(?<={chars(self.pairs_behind, 0)}{chars(self.pairs_behind, 1)})")
        # one character class first: re scans for it at C speed; the branches after it test
        # the neighbour of each position found
        self.pair_regex = re.compile(
            "[" + re.escape("".join(sorted(anchors))) + "](?:" + "|".join(tests) + ")"
        )
        return rest

    def candidates(self, text: str, pos: int, end: int) -> list[tuple[int, int, str]]:
        """(start, -length, word) of every occurrence in ``text[pos:end]``, in no order."""
        cands: list[tuple[int, int, str]] = []
        if self.pair_regex is not None:
            ahead, behind = self.pairs, self.pairs_behind
            for m in self.pair_regex.finditer(text, pos, end):
                p = m.start()
                found = ahead.get(text[p : p + 2])
                if found:
                    for w, i in found:
                        s = p - i
                        if s >= pos and s + len(w) <= end and text.startswith(w, s):
                            cands.append((s, -len(w), w))
                found = behind.get(text[p - 1 : p + 1]) if p else None
                if found:
                    for w, i in found:
                        s = p - i
                        if s >= pos and s + len(w) <= end and text.startswith(w, s):
                            cands.append((s, -len(w), w))
        for regex in self.regexes:
            for m in regex.finditer(text, pos, end):
                p = m.start()
                for w, i in self.groups[text[p]]:
                    s = p - i
                    if s >= pos and s + len(w) <= end and text.startswith(w, s):
                        cands.append((s, -len(w), w))
        return cands


class WordFinder:
    """Finds every occurrence of a fixed set of words: leftmost, longest first, never
    overlapping.

    Its index (:class:`_WordIndex`: anchors, character pairs and their patterns) takes
    ~6 ms to build for WRD003's 1,500 forms, more than ``str.find`` of each word in a few
    thousand characters: the first :attr:`FIND_CHARS` characters a finder reads are searched
    word by word (a one-line check, a language server's first checks never build it), the
    rest through the index.  Both find every occurrence: the same matches either way.
    """

    #: Characters read with ``str.find`` of each word before the index is built.
    FIND_CHARS = 2_000

    def __init__(self, words: tuple[str, ...] | frozenset[str] | list[str]) -> None:
        self.words = tuple(sorted({w for w in words if w}, key=lambda w: (-len(w), w)))
        #: characters searched word by word so far (see FIND_CHARS)
        self._found_by_find = 0

    @cached_property
    def index(self) -> _WordIndex:
        return _WordIndex(self.words)

    def __bool__(self) -> bool:
        return bool(self.words)

    def _find_each(self, text: str, pos: int, end: int) -> list[tuple[int, int, str]]:
        """:meth:`_WordIndex.candidates` by ``str.find`` of each word."""
        cands: list[tuple[int, int, str]] = []
        for w in self.words:
            s = text.find(w, pos, end)
            while s >= 0:
                cands.append((s, -len(w), w))
                s = text.find(w, s + 1, end)
        return cands

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[tuple[int, int, str]]:
        """(start, end, word) of each occurrence in ``text[pos:endpos]``."""
        end = len(text) if endpos is None else endpos
        n = max(0, end - pos)
        if "index" not in self.__dict__ and self._found_by_find + n <= self.FIND_CHARS:
            self._found_by_find += n  # a race here only changes which way is taken
            cands = self._find_each(text, pos, end)
        else:
            cands = self.index.candidates(text, pos, end)
        if not cands:
            return
        cands.sort()
        last = -1
        for s, neg, w in cands:
            if s >= last:
                last = s - neg
                yield s, last, w



#: How far (in Han characters) around a misused form the text is segmented.
JUNCTION_REACH = 8
#: Words of the segmentation rarer than this (jieba's frequency) do not make a junction.
JUNCTION_MIN_FREQ = 5

def pair_score(
    model: lm.Model, text: str, start: int, end: int, alt: str, window: int = 3, remember: bool = True
) -> float:
    """log P(``alt``) - log P(``text[start:end]``) in the window around it, by the model.

    The window is ``window`` characters on each side as the model sees them (a number is
    ``0``, other non-Han text a boundary), cut at the first boundary on either side: a
    clause end is kept as the boundary the model knows, what lies beyond it is not scored.
    ``remember``: keep the score (a caller that remembers its own results says False).
    """
    left = lm.to_stream(text[max(0, start - window - 6) : start])[-window:]
    cut = left.rfind(lm.BOUNDARY)
    if cut >= 0:
        left = left[cut:]
    right = lm.to_stream(text[end : end + window + 6])[:window]
    cut = right.find(lm.BOUNDARY)
    if cut >= 0:
        right = right[: cut + 1]
    form = text[start:end]
    key = f"{left}\0{form}\0{alt}\0{right}"
    found = _pair_scores.get((model.serial, key))
    if found is None:
        found = model.logprob(left, alt + right) - model.logprob(left, form + right)
        if remember and len(_pair_scores) < 100_000:  # bounded: a language server lives long
            _pair_scores[(model.serial, key)] = found
    return found


def decisive_score(model: lm.Model, text: str, start: int, end: int, alt: str, window: int = 3) -> float | None:
    """:func:`pair_score` where the words after the form can decide; None elsewhere.

    A form that ends its clause (行使的其他权力。) leaves the model only the characters
    before it, and they rarely tell the two meanings apart: on the tune half, five of the
    seven highest-scoring clean uses of 权利/权力 end a clause, and no injected swap above
    the threshold does (``bench/confused_pairs.py``).
    """
    if not HAN_CHAR_RE.match(text, end):
        return None
    return pair_score(model, text, start, end, alt, window)


#: Scores already computed, by (model, window): the same phrases come back (必须坚持).
_pair_scores: dict[tuple[int, str], float] = {}
