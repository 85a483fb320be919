"""WRD007: homophone slips that make a non-word (布署 for 部署), decided by the language model."""

from __future__ import annotations

import re
import sys
import threading
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from math import log
from pathlib import Path

from ... import lm, segment
from ...document import Document, is_han
from ...errors import RuleDataError
from ...model import Diagnostic, Edit, Fix, Span
from ...registry import rule
from .. import quote
from .common import JUNCTION_MIN_FREQ, JUNCTION_REACH, pair_score


# ===================================================================== WRD007
@dataclass(frozen=True)
class HomophoneData:
    """WRD007's data: the table of slips and the model's margins."""

    #: The table of slips under ``rules/`` (built by :mod:`speechlint.homophone_build`).
    table: str = "wrd_homophones.txt"
    #: Report when log P(word) - log P(as written), over the window, exceeds this ...
    threshold: float = 10.0
    #: ... plus this when the word is nowhere else in the draft (a drafter who slips once
    #: mostly writes the word right elsewhere; a term or a name has no such word beside it).
    absent_margin: float = 2.0
    #: Characters of context scored on each side of the slip (never past a clause end).
    window: int = 3
    #: Only a slip whose pair alone scores above this (:func:`pair_prior`) is scored in
    #: its context: a pair common as written (管理|部门 holds 理部) costs one look-up.
    prefilter: float = 4.0
    #: The score in context must exceed the pair's own score (:func:`pair_prior`) by this
    #: much: the words around must speak for the word, not its frequency alone
    #: (:func:`homophone_supported`).
    context_margin: float = 0.0
    #: Two words touch when the text as written segments by jieba's dictionary less than
    #: this far (log-probability) behind the text with the word (:func:`homophone_junction`) ...
    junction_margin: float = 2.0
    #: ... or less than this far behind when a common word holds one of the two characters.
    cut_margin: float = 4.0
    #: A pair that abbreviates the word and a word beside it (智造 of 智能 + 制造) is not
    #: reported when the draft writes the two together, or the model's text does in at
    #: least this share of the word's uses (:func:`homophone_blend`).
    blend_share: float = 0.01

    def validate(self) -> str | None:
        if self.window < 1:
            return "'window' must be at least 1"
        if not 0 <= self.junction_margin <= self.cut_margin:
            return "'junction_margin' must be at least 0 and at most 'cut_margin'"
        if not 0 <= self.prefilter < self.threshold:
            return "'prefilter' must be at least 0 and below 'threshold'"
        if self.absent_margin < 0:
            return "'absent_margin' must be at least 0"
        if self.context_margin < 0:
            return "'context_margin' must be at least 0"
        if not 0 <= self.blend_share <= 1:
            return "'blend_share' must be between 0 and 1"
        if self.threshold <= 0:
            return "'threshold' must be positive"
        try:
            if not len(self.slips):
                return f"{self.table}: no slips"
        except RuleDataError as exc:
            return str(exc)
        return None

    @cached_property
    def slips(self) -> HomophoneTable:
        """The slips and the words each may stand for (rules/wrd_homophones.txt)."""
        return load_homophones(segment.rules_file(self.table))

    def words(self, slip: str) -> list[str]:
        """The words a slip of the table may stand for."""
        return self.slips.words(slip)


#: The margins of :func:`homophone_junction` when no rule data is given.
_JUNCTION_DEFAULTS = HomophoneData()

_HAN_RUN = re.compile("[\u3400-\u9fff]+")


def _two_char_words(field: str) -> bool:
    """Is ``field`` words of two Han characters (U+3400-U+9FFF) separated by single spaces?

    The one compiled class of :data:`_HAN_RUN` and a length test rather than a pattern of
    its own with that class twice: re's compiler visits each of the range's 27,000
    characters, ~0.6 ms per class at every start.  (``min``/``max`` of the characters
    instead of the regex made the table's load 8 ms slower: a string per character.)
    """
    return all(len(w) == 2 for w in field.split(" ")) and bool(_HAN_RUN.fullmatch(field.replace(" ", "")))


class HomophoneTable:
    """A table of slips, one line per first character (see :mod:`speechlint.homophone_build`).

    A line: the first character, a tab, the second characters of its slips (one string),
    then for each of them, in the same order, a tab and the words the slip may stand for
    (separated by spaces).  ``# `` lines are comments.

    Loading splits the ~3,500 lines and keeps each line's second characters: a pair is a
    slip when its second character is in its first character's string.  A slip's words are
    read (and checked) the first time it is met.  The shipped table (100,000
    slips) loads in ~5 ms; a set or dictionary of every slip took 60-160 ms, at every start.
    """

    #: Slips whose words :meth:`words` remembers.
    MEMO_SLIPS = 20_000
    #: Characters :meth:`in_text` reads pair by pair before it builds :attr:`codes`: building
    #: them costs ~10 ms, more than looking up every pair of a few thousand characters, so a
    #: short document (a one-line check, a language server's first check) never pays it.
    #: Either way gives the same slips.
    PAIRWISE_CHARS = 5_000

    def __init__(self, text: str, name: str) -> None:
        self.name = name
        self._lock = threading.Lock()
        #: first character -> the second characters of its slips
        self.seconds: dict[str, str] = {}
        self._lines: dict[str, str] = {}
        self._words: dict[str, list[str]] = {}
        #: characters read pair by pair so far (see PAIRWISE_CHARS)
        self._pairwise_read = 0
        for n, line in enumerate(text.split("\n"), 1):
            if not line or line.startswith("# "):
                continue
            first, _, rest = line.partition("\t")
            seconds, _, _ = rest.partition("\t")
            if (
                len(first) != 1
                or not _HAN_RUN.fullmatch(first + seconds)
                or rest.count("\t") != len(seconds)
                or len(set(seconds)) != len(seconds)
                or first in self.seconds
            ):
                raise RuleDataError(
                    f"{name}:{n}: expected a new first character, its slips' second characters"
                    " and, for each, a tab and its words"
                )
            self.seconds[first] = seconds
            self._lines[first] = line

    def __len__(self) -> int:
        return sum(map(len, self.seconds.values()))

    def __iter__(self) -> Iterator[str]:
        for first, seconds in self.seconds.items():
            for c in seconds:
                yield first + c

    def __contains__(self, pair: object) -> bool:
        return isinstance(pair, str) and len(pair) == 2 and pair[1] in self.seconds.get(pair[0], "")

    def in_text(self, text: str) -> frozenset[str]:
        """The slips that occur in ``text``, found in C.

        The text in UTF-16 read as 32-bit numbers, from its first and from its second code
        unit, gives every pair of adjacent characters as a number; those are intersected
        with the slips as numbers (:attr:`codes`).  A third of the time of looking each
        distinct pair up in :attr:`seconds`, a fifth of making a string of each pair.
        The first :attr:`PAIRWISE_CHARS` characters are read pair by pair instead
        (:meth:`_in_text_pairwise`), before :attr:`codes` is made.
        """
        if "codes" not in self.__dict__ and self._pairwise_read + len(text) <= self.PAIRWISE_CHARS:
            self._pairwise_read += len(text)  # a race here only changes which way is taken
            return self._in_text_pairwise(text)
        b = text.encode(_UNITS, "surrogatepass")  # a lone surrogate is one unit that starts no slip
        n = len(b)
        found = self.codes.intersection(array("I", b[: n - n % 4]))
        if n > 4:
            found = found.union(self.codes.intersection(array("I", b[2 : n - (n - 2) % 4])))
        if not found:
            return frozenset()
        pairs = array("I", found).tobytes().decode(_UNITS)
        return frozenset(pairs[i : i + 2] for i in range(0, len(pairs), 2))

    def _in_text_pairwise(self, text: str) -> frozenset[str]:
        """:meth:`in_text` by looking each pair of adjacent characters up in :attr:`seconds`
        (a character outside the BMP is no first character: the same pairs as from UTF-16)."""
        seconds = self.seconds
        found = set()
        for i in range(len(text) - 1):
            after = seconds.get(text[i])
            if after is not None and text[i + 1] in after:
                found.add(text[i : i + 2])
        return frozenset(found)

    @cached_property
    def codes(self) -> frozenset[int]:
        """Every slip as a number (its two UTF-16 code units read as one 32-bit number):
        made once, in ~10 ms, ~7 MB (a set of the slips as strings took 12 MB and 100 ms)."""
        # the first characters, each repeated once per slip (布布), and the second characters
        # (署告), interleaved as code units in C: 布署布告.  Every character of the table is
        # one unit (U+3400-U+9FFF, checked at load).  Joining first.join(seconds) per first
        # character made a string of each second character: 4.7 ms of the 6 here, now 1.8.
        firsts = "".join(first * len(seconds) for first, seconds in self.seconds.items())
        seconds = "".join(self.seconds.values())
        units = array("H", bytes(4 * len(seconds)))
        units[0::2] = array("H", firsts.encode(_UNITS))
        units[1::2] = array("H", seconds.encode(_UNITS))
        return frozenset(array("I", units.tobytes()))

    def words(self, slip: str) -> list[str]:
        """The words ``slip`` may stand for ([] for a string that is no slip of the table).

        Only the slip's own field of its line is read (found by counting tabs), and kept:
        parsing whole lines held the words of every slip of every first character met,
        15 MB on 9 MB of text that meets 3,600 distinct slips.
        """
        found = self._words.get(slip)
        if found is not None:
            return found
        k = self.seconds.get(slip[0], "").find(slip[1:2]) if len(slip) == 2 else -1
        if k < 0:
            return []
        line = self._lines[slip[0]]
        at = line.index("\t", 2) + 1  # past the first character and the second characters
        for _ in range(k):
            at = line.index("\t", at) + 1
        end = line.find("\t", at)
        field = line[at : end if end >= 0 else len(line)]
        if not _two_char_words(field):
            raise RuleDataError(f"{self.name}: the words of {slip!r} are not two-character words")
        found = [w for w in field.split(" ") if w != slip]
        with self._lock:
            if len(self._words) >= self.MEMO_SLIPS:  # bounded: a language server lives long
                self._words.clear()
            self._words[slip] = found
        return found


def load_homophones(path: Path) -> HomophoneTable:
    """Read and check a homophone table; a problem raises :class:`RuleDataError` naming file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleDataError(f"{path.name}: cannot read: {exc}") from None
    return HomophoneTable(text, path.name)


def homophone_scores(
    model: lm.Model,
    text: str,
    data: HomophoneData,
    pos: int = 0,
    endpos: int | None = None,
) -> Iterator[tuple[int, str, float]]:
    """(start, likeliest word, its score) of every slip of the table in ``text[pos:endpos]``.

    The score is :func:`pair_score` of the word against the slip as written, for the words
    whose :func:`pair_prior` exceeds ``data.prefilter``.  The slips present are found a
    line (or, in a long line, a chunk) at a time by :meth:`HomophoneTable.in_text`.
    """
    end = len(text) if endpos is None else endpos
    table = data.slips
    line = pos
    while line < end:
        nl = text.find("\n", line, end)
        line_end = end if nl < 0 else nl
        for lo in range(line, line_end, _CHUNK):
            hi = min(lo + _CHUNK + 1, line_end)  # one more: a pair may start at the chunk's last character
            seg = text[lo:hi]
            found = table.in_text(seg)
            if not found:
                continue
            at: list[tuple[int, list[str]]] = []
            for slip in found:
                words = _likely_words(model, slip, data)
                if not words:
                    continue
                i = seg.find(slip)
                while 0 <= i < _CHUNK:
                    at.append((lo + i, words))
                    i = seg.find(slip, i + 1)
            for start, words in sorted(at):
                best, alt = max((pair_score(model, text, start, start + 2, w, data.window, False), w) for w in words)
                yield start, alt, best
        line = line_end + 1


#: How :meth:`HomophoneTable.in_text` encodes text: UTF-16 in the machine's byte order
#: (the order of ``array``'s numbers; either order gives the same pairs).
_UNITS = "utf-16-le" if sys.byteorder == "little" else "utf-16-be"
#: Characters of text intersected with the slips at a time (a slip found is then looked
#: for within its chunk, not in the whole text).
_CHUNK = 2048


def pair_prior(model: lm.Model, written: str, word: str) -> float:
    """log P(``word``) - log P(``written``) of the two characters alone, without context.

    A cheap bound before :func:`pair_score`: on the tune half (cross-fitted,
    ``bench/homophones.py``) 9 of 2,135 made slips that the context scores above 10 score
    4 or less here, and 87% of the clean windows do.
    """
    key = (model.serial, written, word)
    found = _pair_priors.get(key)
    if found is None:
        found = model.logprob("", word) - model.logprob("", written)
        if len(_pair_priors) < 100_000:  # bounded: a language server lives long
            _pair_priors[key] = found
    return found


_pair_priors: dict[tuple[int, str, str], float] = {}


def _likely_words(model: lm.Model, slip: str, data: HomophoneData) -> list[str]:
    """The words of ``slip`` whose :func:`pair_prior` exceeds ``data.prefilter`` (remembered)."""
    key = (model.serial, data.prefilter, slip)
    found = _likely.get(key)
    if found is None:
        found = [w for w in data.words(slip) if pair_prior(model, slip, w) > data.prefilter]
        if len(_likely) >= 20_000:  # bounded: a language server lives long
            _likely.clear()
        _likely[key] = found
    return found


_likely: dict[tuple[int, float, str], list[str]] = {}


def homophone_supported(model: lm.Model, written: str, word: str, score: float, data: HomophoneData) -> bool:
    """Do the words around speak for ``word``: does its ``score`` in context exceed what the
    two characters alone give it (:func:`pair_prior`) by ``data.context_margin``?

    A slip sits where the context calls for the word (作出|布署|工作: 作出部署 is a phrase
    the model knows).  A rare word or term the model has not seen (禁入, 按件收取, 罪刑法定,
    总分馆制) scores high only because the word it resembles is frequent; its context is
    no likelier with that word than without.  On the tune half (cross-fitted), 12 of the
    16 highest-scoring clean windows the exemptions leave are of that kind, against 7% of
    the slips made from the table that score above the threshold.
    """
    return score - pair_prior(model, written, word) > data.context_margin


def homophone_line(
    model: lm.Model, line: str, data: HomophoneData, memo: dict[str, tuple[tuple[int, str, float], ...]] | None = None
) -> tuple[tuple[int, str, float], ...]:
    """(offset, word, score) of the slips of one line (no newline) that score above
    ``data.threshold`` (:func:`homophone_scores`) with the words around speaking for the
    word (:func:`homophone_supported`), remembered (``memo``: :func:`homophone_memo`).

    The model never reads across a line end (a boundary), so a line's scores are its own:
    drafts repeat lines, and the language server runs the rule again after each edit on
    lines that did not change.  Only the scores above the threshold are kept, and they
    are remembered here rather than by :func:`pair_score` (a window of distinct text is
    rarely asked about again).
    """
    global _line_memo_chars
    memo = homophone_memo(model, data) if memo is None else memo
    found = memo.get(line)
    if found is None:
        found = tuple(
            (o, alt, score)
            for o, alt, score in homophone_scores(model, line, data)
            if score > data.threshold and homophone_supported(model, line[o : o + 2], alt, score, data)
        )
        with _line_lock:
            if _line_memo_chars + len(line) > _LINE_MEMO_CHARS:
                for kept in _line_memos.values():
                    kept.clear()
                _line_memo_chars = 0
            memo[line] = found
            _line_memo_chars += len(line)
    return found


def homophone_memo(model: lm.Model, data: HomophoneData) -> dict[str, tuple[tuple[int, str, float], ...]]:
    """What :func:`homophone_line` remembers of the lines it scored with ``model`` and
    ``data`` (what it remembers of another model is dropped: a model opened anew is
    another, even at the same address)."""
    key = (model, data.table, data.threshold, data.window, data.prefilter, data.context_margin)
    with _line_lock:
        memo = _line_memos.get(key)
        if memo is None:
            for other in [k for k in _line_memos if k[0] is not model]:
                del _line_memos[other]
            memo = _line_memos[key] = {}
        return memo


#: Characters of lines whose slips :func:`homophone_line` remembers (bounded: a language
#: server lives long).
_LINE_MEMO_CHARS = 500_000
_line_memos: dict[tuple[object, ...], dict[str, tuple[tuple[int, str, float], ...]]] = {}
_line_memo_chars = 0
_line_lock = threading.Lock()


def homophone_junction(text: str, start: int, word: str, data: HomophoneData | None = None) -> bool:
    """Do the two characters at ``start`` belong to two words that touch (现役军人|原|所在,
    能|立等可取, 中等|及), so that the text as written is ordinary Chinese?

    Read by jieba's dictionary (:func:`reading_gain`): the text around the pair as written
    segments into words almost as likely as with ``word`` in its place, less than
    ``data.junction_margin`` behind (``data.cut_margin`` when a common word holds one of
    the two characters: :func:`homophone_cut`).  A slip breaks a word the correction
    restores (作出|布|署 against 作出|部署: 7 behind), or leaves a rare character alone
    (行政法|瑰 against 行政|法规: 14 behind) even where the segmentation cuts the pair.
    Two words that touch segment as well as the correction or better, whatever their
    frequency (现役军人|原|所在 against 现役军人|员|所在: 1 ahead; 能|立等可取 against
    能力|等|可取: 3 ahead); a rare dictionary word (现役军人, 立等可取 have 3) is no
    evidence for the cut alone, as rare entries abound in jieba's dictionary (就业证 in
    就业证|策, a slip of 就业|政策).  The unigram reading can err where a rare long word
    competes with a commoner shorter one (革命军人|原 reads worse than 革命军|人员).
    """
    margins = data if data is not None else _JUNCTION_DEFAULTS
    gain = reading_gain(text, start, word)
    return gain < margins.junction_margin or (gain < margins.cut_margin and homophone_cut(text, start))


def _han_window(text: str, start: int, end: int) -> tuple[int, int]:
    """The run of Han characters around ``text[start:end]``, at most :data:`JUNCTION_REACH` each side."""
    lo, hi = start, end
    while lo > 0 and start - lo < JUNCTION_REACH and is_han(text, lo - 1):
        lo -= 1
    while hi < len(text) and hi - end < JUNCTION_REACH and is_han(text, hi):
        hi += 1
    return lo, hi


def reading_gain(text: str, start: int, word: str) -> float:
    """log P(the Han text around the pair at ``start`` with ``word`` in its place) - log P(as
    written), each the probability of jieba's best segmentation by its dictionary (the
    product of its words' frequencies over the total, as jieba's route scores it)."""
    lo, hi = _han_window(text, start, start + 2)
    written = text[lo:hi]
    at = start - lo
    return _reading_logprob(written[:at] + word + written[at + 2 :]) - _reading_logprob(written)


def _reading_logprob(s: str) -> float:
    logtotal = segment.dictionary().logtotal
    return sum(log(max(f, 1)) - logtotal for _a, _b, f in segment.tokens(s))


def homophone_cut(text: str, start: int, min_freq: int = JUNCTION_MIN_FREQ) -> bool:
    """Does jieba's segmentation of the Han text around the two characters at ``start`` not
    cut them as one token, a word of two or more characters (frequency ``min_freq`` or
    more) holding one of them and reaching outside the pair (中等|及, 供货|者)?"""
    end = start + 2
    lo, hi = _han_window(text, start, end)
    for a, b, f in segment.tokens(text[lo:hi]):
        a, b = a + lo, b + lo
        if a < end and b > start and (a, b) != (start, end) and b - a > 1 and f >= min_freq:
            return True
    return False


def homophone_term(text: str, start: int, word: str, counts: dict[str, int] | None = None) -> bool:
    """Is the pair at ``start`` a term of the draft: written again, and ``word`` not
    :data:`_TERM_RATIO` times as often?

    A drafter who means 强制拖离 writes it each time and never writes 脱离 there; one who
    means 市场禁入 writes it twice in a law that says 进入 four times.  One who slips (布署)
    mostly writes the word (部署) right far more often than wrong.  ``counts`` remembers
    how often the text holds each string (a search of the whole text each).
    """
    written = text[start : start + 2]
    if text.find(written) == start and text.find(written, start + 1) < 0:
        return False  # written once
    counts = {} if counts is None else counts
    for s in (word, written):
        if s not in counts:
            counts[s] = text.count(s)
    return counts[word] < _TERM_RATIO * counts[written]


#: A pair written twice or more is a term unless its word is this many times as frequent.
_TERM_RATIO = 3


def homophone_parallel(text: str, start: int) -> bool:
    """Is the pair at ``start`` the coined half of an item parallel to its neighbour?

    Parallel slogans coin words: in ``才聚宁夏、智汇宁夏`` the pair 智汇 opens an item whose
    rest (宁夏) ends the item before the 、, or the item after it repeats that rest
    (``智汇宁夏、才聚宁夏``); the model cannot know such a word.  The same holds when the
    items share the pair's own second character (``限贷、抽贷、断贷``, ``不燃、难燃``) or
    when the pair repeats the character two before it (``先行先试``, ``一副一极``) or
    ends with the character before it (``抽贷断贷``).  A slip in an enumeration sits
    where the items differ by more than the pair (经济建设、政治建社: the item before does
    not end with what follows 建社).
    """
    end = start + 2
    second = text[start + 1]
    if start >= 2 and (text[start - 2] == text[start] or text[start - 1] == second) and _HAN_RUN.match(text[start - 2 : start]):
        return True  # 先行先试, 一副一极, 抽贷断贷
    if start >= 2 and text[start - 1] == "、" and text[start - 2] == second:
        return True  # 抽贷、断贷
    if text[end : end + 1] == "、" and text[end + 2 : end + 3] == second:
        return True  # 不燃、难燃
    for k in (2, 3, 4):
        shared = text[end : end + k]
        if len(shared) < k or not _HAN_RUN.fullmatch(shared):
            return False
        if start > k and text[start - 1] == "、" and text[start - 1 - k : start - 1] == shared:
            return True
        after = end + k
        if text[after : after + 1] == "、" and text[after + 3 : after + 3 + k] == shared:
            return True
    return False


#: A quotation this short around the pair is a coined term or slogan (“无自付”, “一主一带”).
_SHORT_QUOTE = re.compile("“[^“”\n]{0,8}”")


def homophone_quoted(text: str, start: int) -> bool:
    """Does the pair stand inside a short quotation (“无自付”)?  Quotation marks set off a
    coined term or a slogan, which the model cannot know."""
    lo = text.rfind("“", max(0, start - 8), start + 1)
    if lo < 0:
        return False
    m = _SHORT_QUOTE.match(text, lo)
    return m is not None and m.end() >= start + 3


def homophone_findings(model: lm.Model, text: str, data: HomophoneData) -> Iterator[tuple[int, str, float]]:
    """(start, word, score) of each slip the rule reports: :func:`homophone_scores` above
    :func:`homophone_threshold`, less the pairs :func:`homophone_exempt` explains."""
    present: dict[str, bool] = {}
    counts: dict[str, int] = {}
    memo = homophone_memo(model, data)
    line = 0
    while line <= len(text):
        nl = text.find("\n", line)
        end = len(text) if nl < 0 else nl
        for offset, alt, score in homophone_line(model, text[line:end], data, memo):
            start = line + offset
            if (
                score > homophone_threshold(text, start, alt, data, present)
                and not homophone_exempt(text, start, alt, counts, data)
                and not homophone_attested(model, text[start : start + 2])
                and not homophone_blend(model, text, text[start : start + 2], alt, data.blend_share)
            ):
                yield start, alt, score
        line = end + 1


def homophone_attested(model: lm.Model, written: str) -> bool:
    """Is ``written`` a string jieba lists that edited text uses too?

    The model holds each dictionary word once; a listed string it has seen more often
    than that (执业, 设区, 实绩 in the laws) is a word of the register, never a slip.
    做为, listed 208 times by jieba and never written in edited official text, stays one.
    """
    return segment.dictionary().freq(written) >= _LISTED_FREQ and model.count(written[0], written[1]) > 1


def homophone_blend(model: lm.Model, text: str, written: str, word: str, share: float) -> bool:
    """Does ``written`` abbreviate two words, ``word`` and a word next to it, by their outer
    characters (智造 of 智能 + 制造, 制造 the word)?  Coined words of recent reports are
    made so, and the model, which holds few of them, reads them as slips of the word they
    share a character with.

    The other word is a word of jieba's dictionary of two characters, before ``word`` when
    the pair's second character is the word's (智能 + 制造), after it when the first is
    (a hypothetical 制造 + 能智).  The abbreviation stands when the draft writes the two
    words together, or when the model's text does in at least ``share`` of the uses of
    ``word`` (智能制造 12 times, 制造 424).  A slip abbreviates nothing: 布署 would need
    布 + something + 部署 written often, and no such phrase is common.
    """
    a, b = written[0], written[1]
    d = segment.dictionary()
    first, second = word[1] == b, word[0] == a  # which character of the word was replaced
    i = text.find(word)
    while i >= 0:
        if (first and i >= 2 and text[i - 2] == a and d.freq(text[i - 2 : i])) or (
            second and text[i + 3 : i + 4] == b and d.freq(text[i + 2 : i + 4])
        ):
            return True
        i = text.find(word, i + 1)
    phrases: list[str] = []
    if first:  # a + m, then word
        phrases.extend(a + m + word for m in model.followers(a) if d.freq(a + m))
    if second:  # word, then m + b
        phrases.extend(word + m + b for m in model.followers(word) if d.freq(m + b))
    floor = max(share * model.count(word[0], word[1]), 1.0)
    return any(model.count(p[:-1], p[-1]) >= floor for p in phrases)


def homophone_threshold(
    text: str, start: int, word: str, data: HomophoneData, present: dict[str, bool] | None = None
) -> float:
    """The score the slip at ``start`` must exceed to be reported: ``data.threshold``, plus
    ``data.absent_margin`` when ``word`` is nowhere in the draft.  ``present`` remembers
    which words the text holds (a search of the whole text each)."""
    found = None if present is None else present.get(word)
    if found is None:
        found = word in text
        if present is not None:
            present[word] = found
    return data.threshold + (0.0 if found else data.absent_margin)


#: jieba's frequency from which a string of the table is a listed misspelling
#: (``homophone_build.SLIP_MAX_FREQ``; below it the string is no word).
_LISTED_FREQ = 5


def homophone_exempt(
    text: str, start: int, alt: str, counts: dict[str, int] | None = None, data: HomophoneData | None = None
) -> str:
    """Why the pair at ``start`` is not reported whatever the model says ("" when it is not
    exempt): two words touch, a coined parallel item, a quoted term, a term of the draft, a
    name.  ``counts``: see :func:`homophone_term`; ``data``: the margins of
    :func:`homophone_junction` (the defaults when None)."""
    if homophone_junction(text, start, alt, data):
        return "junction"
    if homophone_parallel(text, start):
        return "parallel"
    if homophone_quoted(text, start):
        return "quoted"
    if homophone_term(text, start, alt, counts):
        return "term"
    if homophone_name(text, start):
        return "name"
    return ""


#: jieba's tags of names of people and places (not nt, organisations: its HMM tags a
#: slip before 社 or 局 so, 建社; nor nz, "other proper noun": 国藉).
_NAME_TAGS = frozenset(("nr", "nrt", "nrfg", "ns"))


def homophone_name(text: str, start: int) -> bool:
    """Does jieba's tagger (its HMM finds names it does not know) read the pair as a name
    or part of one (中荷 in 中荷恢复了大使级关系: China and the Netherlands)?  The pair
    itself as a rare name of the dictionary does not count: it is in the table because it
    is rare."""
    lo, hi = _han_window(text, start, start + 2)
    at = start - lo
    d = segment.dictionary()
    return any(
        a <= at and b >= at + 2 and tag in _NAME_TAGS and (b - a > 2 or not d.freq(w))
        for a, b, w, tag in segment.pos_tags(text[lo:hi])
    )


@rule(
    "WRD007", "homophone-slip", data=HomophoneData, severity="warning", fix="unsafe", scope="document"
)
def homophone_slip(doc: Document, data: HomophoneData) -> Iterator[Diagnostic]:
    """同音字误输入形成的非词（布署→部署、贯撤→贯彻、竟争→竞争），由语言模型判断。

    ## 检查内容
    `rules/wrd_homophones.txt` 收录常用双字词的“同音错字”写法：把词中一个字换成读音
    （声母、韵母、声调）相同的另一个常用字、而结果不是词（如“部署”写成“布署”“部暑”）；
    常用四字成语中换掉一个字后形成的非词（“因地治宜”中的“治宜”）；以及 jieba 词典虽收录、
    但比正确词少见百倍以上的常见误写（“做为”）。表由 `python -m speechlint.homophone_build`
    从 jieba 词典和 pypinyin 的读音生成。
    文稿中出现表中写法时，用本项目的汉字语言模型（`speechlint/lm.py`）比较这个位置前后
    各几个字（不跨分句）写成原样和写成正确词的概率；正确词的概率压倒性地大（对数似然比
    超过 `rules/wrd.yaml` 中 WRD007 的阈值 `threshold`），而且是上下文在支持正确词
    （含上下文的对数似然比比只看这两个字时至少高 `context_margin`：“作出|布署”的前文
    要求“部署”；“罪刑法定”“按件收取”这类少见而正确的词，只因形近的词常见才得分高，
    上下文并不偏向那个词）时才报告。正确词在文稿其他地方一次也没有出现时，阈值再加
    `absent_margin`（写错一次的人多半在别处写对了；专名、术语旁边没有这样的词）；
    词典收录的写法若在规范文本中也用过（“执业”“设区”），是词，不报。人名、地名（分词器识别出的）、专名和
    文言词语中两个字碰巧相接时，原样写法在上下文中本身可能成立，模型拿不准就不报；
    两个词相接时不报：按 jieba 词典切分，原样写法的切分概率不比改成正确词后的低出
    `junction_margin`（对数概率；有常用词跨在两字之间时放宽到 `cut_margin`），说明原文
    是两个词碰在一起（“中等|及”，“能|立等可取”，“现役军人|原|所在单位”），而错字会拆散
    正确词、留下单字（“作出|布|署”对“作出|部署”，“行政法|瑰”对“行政|法规”）；同一写法在文稿中出现两次以上、而正确词一次也没有
    出现时不报（多为有意使用的术语，如“强制驱离、强制拖离”）；并列口号中仿照相邻一项
    新造的词不报（“才聚宁夏、智汇宁夏”，“限贷、抽贷、断贷”，“先行先试”）；
    短引号内的词不报（“无自付”：引号标出的新提法）。

    缩略新词不报：原样写法是正确词与旁边一个双字词（词典所收）连写时的首尾两字，而文稿里
    写了这两个词连用，或模型语料里这样连用至少占正确词用例的 `blend_share` 时（“智造”之于
    “智能制造”：智能 + 制造），是新造的缩略词，不是错字。

    本规则默认启用（2026-12 起；此前为预览规则）。在共享语料的检验一半上，本规则误报 0 处，
    全部规则仍为每 10 万字 0.42 处（预算 0.5 处）；注入的同音、形近错字连同其他规则找到约
    86%（不含本规则时 23%；2026-12-03，`bench/quality.py`）。它要查看全文每一对相邻汉字（逐行进行，重复的行只算一次），
    速度和内存见 README 的性能表。

    ## 为什么
    讲话稿多用拼音输入法录入，选错同音字是最常见的错别字来源；这类写法不是词，
    却能通过拼写检查之外的一切环节，领导念稿时一眼就能看出。错别字词表只能收录已知的
    写法，同音错字的组合成千上万，需要按读音生成、由上下文判断。

    ## 示例（错 → 对）
    - 错：`对全年工作作出布署` → 对：`对全年工作作出部署`
    - 错：`认真贯撤落实党中央决策` → 对：`认真贯彻落实党中央决策`
    - 错：`积极参与市场竟争` → 对：`积极参与市场竞争`
    - 不报：`做好工作部署`、`主动参与国际竞争`（写法正确）
    - 不报：`对产粮大县及财政困难县`（“大县”与“及”相接，不是“县级”）
    - 不报：`窗口办理的证件，群众能立等可取`（“能”与“立等可取”相接，不是“能力”）
    - 不报：`打造才聚宁夏、智汇宁夏的环境`（并列口号中新造的词）
    - 不报：`发展绿色智造产业。推动制造业发展。`（“智能制造”的缩略新词）
    - 不报：`依法强制驱离、强制拖离船舶……采取强制拖离等措施`（同一写法反复使用而从不写
      “脱离”，是术语）

    ## 修复安全性
    不安全：改为模型认为最可能的词通常正确，但同一个错字可能对应几个词，需要人工确认
    （`--unsafe-fixes`）。

    ## 依据
    《现代汉语词典》（第7版）；《通用规范汉字表》（2013）。阈值在共享语料的调参一半上
    交叉标定（每篇文档由不含它的模型打分，`bench/homophones.py --all-years`，
    `bench/homophones.py --inject`）：阈值 8、`context_margin` 0.5、`absent_margin` 6 时，
    该一半和 2003 年以前的规范文本（174 万字）中只报告两处，都是原文真实的错字
    （“积级性”“超极大国”）；
    得分最高的其余 15 处（4 分以上）都被上下文条件或 `absent_margin` 挡住；
    `bench/quality.py` 同样注入的同音、形近错字（连同其他 WRD 规则）找到约 80%。
    """
    model = lm.model()
    if model is None:
        return
    text = doc.check_text
    for start, alt, _score in homophone_findings(model, text, data):
        written = text[start : start + 2]
        span = Span(start, start + 2)
        yield Diagnostic(
            "WRD007",
            span,
            f"{quote(written)}疑为同音字之误，应为{quote(alt)}",
            Fix((Edit(span, alt),), "unsafe"),
        )
