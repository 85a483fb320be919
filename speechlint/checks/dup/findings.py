"""A document's findings: every candidate judged, the last run's verdicts reused after an edit
(the language server's path) where nothing they read has changed."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from ... import lm
from ...document import Document, changed_range
from .data import Answer, Asked, DupData, _Decisions, _Scan
from .judge import _judge
from .scan import _MEMO_TEXT, _candidates, _moved, _scan
from .words import _in_context

_VERDICTS = 8_192


#: Characters each side of a candidate that :func:`_judge` may read, document-wide
#: evidence aside (``_REACH``, the model's context, the exempt patterns' lookbehind).
_WINDOW = 32


def _answers_hold(text: str, s: int, answers: tuple[Answer, ...]) -> bool:
    """Does the document give ``answers`` again for the candidate at ``s``?"""
    return all(question(text, s, *args) == answer for question, args, answer in answers)


def _judged(text: str, s: int, n: int, data: DupData) -> tuple[bool, tuple[Answer, ...]]:
    """:func:`_judge`, remembered by the ``_WINDOW`` characters around the candidate, with
    the document's answers the verdict depended on.

    The verdict depends on that window and on the answers of the document to the questions
    it asked (:func:`_written_elsewhere`, :func:`_attached`, :func:`_terms_used`): the memo keeps those answers
    and a verdict is reused only when the document gives the same answers again.  On a
    keystroke the language server re-runs the rule over the whole document, and the
    candidates away from the edit are settled by a dict look-up and a string search or two.
    """
    if lm.model() is None:  # a stripped install: not the language server's case
        return _judge(text, s, n, data), ()
    lo = max(0, s - _WINDOW)
    key = (text[lo : s + 2 * n + _WINDOW], s - lo, n)
    memo = data.verdicts
    hit = memo.get(key)
    if hit is not None and _answers_hold(text, s, hit[1]):
        return hit
    asked: Asked = []
    verdict = _judge(text, s, n, data, asked)
    if len(memo) >= _VERDICTS:  # bounded: a language server lives long
        memo.clear()
    memo[key] = hit = (verdict, tuple(asked))
    return hit


def _findings(doc: Document, data: DupData) -> list[tuple[int, int, bool]]:
    """(start, length of the unit, fix is safe) of each doubled unit to report.

    In a draft being edited (the language server) the last text's scan and decisions are
    remembered (``data.scans``): when a keystroke leaves every candidate as it was, moved,
    and comes near none (:func:`_unchanged`), the last decisions stand.
    """
    text = doc.check_text
    if not doc.edited:
        return _decide(text, data, _candidates(text, data, False))[0]
    if len(text) > _MEMO_TEXT:  # no scan kept: the verdicts only
        return _decide(text, data, _candidates(text, data, False), record=True)[0]
    scans = data.scans
    last = scans[0] if scans else None
    scan = _scan(text, data)
    if last is not None and last.decided is not None and _unchanged(last, scan, data):
        scan.decided = decided = last.decided
        return [(scan.matches[k].kept[i], k + data.min_unit, safe) for k, i, safe in decided.findings]
    out, scan.decided = _decide(text, data, [found.kept for found in scan.matches], record=True)
    return out


def _decide(
    text: str, data: DupData, found: list[list[int]], record: bool = False
) -> tuple[list[tuple[int, int, bool]], _Decisions | None]:
    """The findings among the candidates ``found`` (see :func:`_candidates`), and, with
    ``record``, the decisions (verdicts remembered, :func:`_judged`) for the next keystroke."""
    starts: list[int] = []  # findings so far, disjoint, sorted by start
    ends: list[int] = []
    out: list[tuple[int, int, bool]] = []
    findings: list[tuple[int, int, bool]] = []
    slips: list[tuple[int, int, bool]] = []
    asked: list[tuple[int, int, tuple[Answer, ...]]] = []
    for k, cands in enumerate(found):
        n = k + data.min_unit
        for i, s in enumerate(cands):
            e = s + 2 * n
            unit = text[s : s + n]
            j = bisect_left(starts, e) - 1  # the last finding starting before e
            if j >= 0 and ends[j] > s:
                continue
            if unit in data.slip_chars:
                slip = any(p.match(text, s) for p in data.slip_patterns)
                slips.append((k, i, slip))
            else:
                slip = False
            if not slip:
                if _in_context(text, s, data, text[s:e]):
                    continue
                if record:
                    verdict, answers = _judged(text, s, n, data)
                    if answers:
                        asked.append((k, i, answers))
                else:
                    verdict = _judge(text, s, n, data)
                if not verdict:
                    continue
            j += 1
            starts.insert(j, s)
            ends.insert(j, e)
            safe = not any(c in data.unsafe_fix for c in unit)
            out.append((s, n, safe))
            findings.append((k, i, safe))
    if not record:
        return out, None
    return out, _Decisions(tuple(findings), tuple(slips), tuple(asked))


def _unchanged(last: _Scan, scan: _Scan, data: DupData) -> bool:
    """Do the decisions on ``last`` hold for ``scan``?

    They do when the candidates are the same, moved with the text, none of them within
    ``_WINDOW`` characters (what :func:`_judge` reads, an allowed context) of the change,
    and the slip patterns and the document answer as before: a verdict depends on the
    window and those answers (:func:`_judged`), and findings kept away from the change
    keep their overlaps.
    """
    decided = last.decided
    assert decided is not None
    text = scan.text
    change = changed_range(last.text, text)
    if change is None:
        return True
    a, b = change
    delta = len(text) - len(last.text)
    reach = _WINDOW + data.context_reach
    for k, (old, new) in enumerate(zip(last.matches, scan.matches, strict=True)):
        before, now = old.kept, new.kept
        if len(before) != len(now):
            return False
        # a candidate reading [s - reach, s + 2n + reach) that comes within a character of [a, b)
        near = bisect_right(before, a - 1 - reach - 2 * (k + data.min_unit))
        if near < len(before) and before[near] < b + 1 + reach:
            return False
        cut = bisect_left(before, a)
        if now[:cut] != before[:cut] or now[cut:] != _moved(before[cut:], delta):
            return False
    for k, i, slip in decided.slips:
        s = scan.matches[k].kept[i]
        if any(p.match(text, s) for p in data.slip_patterns) != slip:
            return False
    return all(_answers_hold(text, scan.matches[k].kept[i], answers) for k, i, answers in decided.asked)
