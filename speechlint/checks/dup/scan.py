"""Finding DUP's candidates: doubled units in the text, rescanned incrementally after an edit."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from ...document import HAN_RUN, changed_range
from ...memo import remember_last
from .data import DupData, _Matches, _Scan


def _keep(unit: str) -> bool:
    """Is a doubled ``unit`` a candidate at all: Han characters, not one character n times?"""
    return unit >= "\u3007" and bool(HAN_RUN.fullmatch(unit)) and (len(unit) == 1 or unit != unit[0] * len(unit))


def _candidates(text: str, data: DupData, memo: bool = True) -> list[list[int]]:
    """For each pattern of ``data.candidates`` (a unit of ``min-unit`` … ``max-unit``
    characters, doubled), the starts of the candidates it finds in ``text``: exactly
    ``pattern.finditer(text)`` filtered by :func:`_keep`.

    With ``memo``, in a document of a language server's size, the scan of the last text is
    remembered (``data.scans``) and only the stretch this text changed is scanned again
    (:func:`_rescan`): a keystroke costs a few short searches, whatever the length of the draft.
    """
    if not memo or len(text) > _MEMO_TEXT:
        low = _shared_low_bytes(text)
        return [
            [i for i in _doubled_starts(text, low, pattern, n) if _keep(text[i : i + n])]
            for n, pattern in enumerate(data.candidates, data.min_unit)
        ]
    return [list(found.kept) for found in _scan(text, data).matches]


def _low_bytes(text: str) -> int | None:
    """The low byte of each character of ``text`` (of its UTF-16 code unit), as one integer
    whose byte ``i`` (little-endian) is that of ``text[i]``; None when a character outside the
    Basic Multilingual Plane takes two code units (no byte per character then)."""
    units = text.encode("utf-16-le", "surrogatepass")  # a lone surrogate is one unit
    if len(units) != 2 * len(text):
        return None
    return int.from_bytes(units[::2], "little")


@remember_last(lambda text: (text,))
def _shared_low_bytes(text: str) -> int | None:
    """:func:`_low_bytes` of ``text``, remembered for the last text: DUP001 (units of one
    character) and DUP002 (two to four) scan the same document one after the other, and
    on the 10 MB benchmark input each computation took 15-30 ms (:mod:`speechlint.memo`)."""
    return _low_bytes(text)


def _doubled_starts(text: str, low: int | None, pattern: re.Pattern[str], n: int) -> list[int]:
    """The starts of the matches of ``pattern``, ``({'.' * n})\\1`` (a unit of ``n`` characters
    written twice), in ``text``: exactly ``[m.start() for m in pattern.finditer(text)]``.

    ``re`` finds no prefix to search for in that pattern and runs its matcher at every
    position: ~45 ms per unit length on the 3.3 million characters of the 10 MB benchmark
    input, 0.18 s (14% of the run) for the four lengths DUP001 and DUP002 look for.  Two
    equal characters have equal low bytes (``low``, :func:`_low_bytes`): the XOR of ``low``
    with itself shifted by ``n`` bytes, in C, is zero at byte ``i`` where ``text[i]`` and
    ``text[i + n]`` may be equal, and ``n`` zero bytes in a row start a possible match, found
    by ``bytes.find`` and checked on the text (in natural text ~1 in 256 pairs of
    characters share a low byte without being equal).  The four lengths: 0.05 s.  Matches
    are taken as finditer takes them: the leftmost, then the next from its end on.
    """
    last = len(text) - 2 * n  # the last start of a whole match
    if low is None or last < 0:
        return [m.start() for m in pattern.finditer(text)]
    diff = (low ^ (low >> (8 * n))).to_bytes(len(text), "little")
    zeros = bytes(n)
    starts: list[int] = []
    budget = len(text) // _DOUBLED_MISS_RATE + 1000  # possible matches the text may refute
    i = diff.find(zeros)
    while 0 <= i <= last:
        if text[i : i + n] == text[i + n : i + 2 * n]:
            starts.append(i)
            i = diff.find(zeros, i + 2 * n)
            continue
        budget -= 1
        if budget < 0:  # a text whose characters share low bytes: the regex from here on
            starts.extend(m.start() for m in pattern.finditer(text, i))
            break
        i = diff.find(zeros, i + 1)
    return starts


#: :func:`_doubled_starts` lets the text refute one possible match per this many characters
#: (natural text: ~1 in 256), then the regex takes over: a text made of characters sharing
#: their low bytes would otherwise cost a Python step per character.
_DOUBLED_MISS_RATE = 32


def _scan(text: str, data: DupData) -> _Scan:
    """The scan of ``text``, made from the last one (``data.scans``), which it replaces."""
    patterns = data.candidates
    scans = data.scans
    last = scans[0] if scans else None
    change = changed_range(last.text, text) if last is not None else None
    if last is None:
        matches = tuple(_rescan(pattern, text, _Matches([], [], []), 0, 0, len(text)) for pattern in patterns)
    elif change is None:
        matches = last.matches
    else:
        a, b = change
        delta = len(text) - len(last.text)
        matches = tuple(_rescan(pattern, text, old, a, b, delta) for pattern, old in zip(patterns, last.matches, strict=True))
    scan = _Scan(text, matches)
    scans[:] = [scan]
    return scan


def _rescan(pattern: re.Pattern[str], text: str, old: _Matches, a: int, b: int, delta: int) -> _Matches:
    """``pattern``'s matches in ``text``, where the last text, whose matches were ``old``,
    had ``[a, b)`` and this one has ``[a, b + delta)``.

    finditer tries each position in turn, and after a match the position where it ends; what
    it finds from a position on depends on the text from there only (the pattern looks
    neither back nor beyond the match).  So the matches ending by ``a`` stay; the scan resumes
    after the last of them (or just before ``a``), and stops at the first position it tries, past the change, that
    the last scan tried too (one not inside an old match): from there on it finds what the
    last scan found, moved by ``delta``.
    """
    starts, ends, kept = old.starts, old.ends, old.kept
    stay = bisect_right(ends, a)  # old matches [0, stay) end by a
    # the last scan tried every position from the end of the last of them on until a match
    # ending after a: none matched before a - 7 (a match is 8 characters at most)
    pos = max(ends[stay - 1] if stay else 0, a - 7)
    found_starts: list[int] = []
    found_ends: list[int] = []
    found_kept: list[int] = []
    while True:
        x = max(pos, b + delta) - delta  # an old position past the change (x >= b)
        j = bisect_right(starts, x) - 1
        if j >= 0 and starts[j] < x < ends[j]:
            x = ends[j]  # inside an old match: the last scan tried its end
        q = x + delta
        # a match starting before q ends before q + 8 (a unit of 4 at most, doubled)
        m = pattern.search(text, pos, q + 7) if pos < q else None
        if m is None or m.start() >= q:
            break
        found_starts.append(m.start())
        found_ends.append(m.end())
        if _keep(m.group(1)):
            found_kept.append(m.start())
        pos = m.end()
    tail = bisect_left(starts, x)
    if not found_starts and stay == tail and not delta:
        return old  # the same matches (a character replaced away from any)
    tail_kept = bisect_left(kept, x)
    head_kept = bisect_left(kept, starts[stay]) if stay < len(starts) else len(kept)
    return _Matches(
        starts[:stay] + found_starts + _moved(starts[tail:], delta),
        ends[:stay] + found_ends + _moved(ends[tail:], delta),
        kept[:head_kept] + found_kept + _moved(kept[tail_kept:], delta),
    )


def _moved(offsets: list[int], delta: int) -> list[int]:
    return [x + delta for x in offsets] if delta else offsets


#: Documents up to this size (characters) are scanned through the memo of the last text
#: (:func:`_candidates`); at most ``_VERDICTS`` verdicts of :func:`_judged` per rule.
_MEMO_TEXT = 400_000
