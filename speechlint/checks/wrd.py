"""WRD: word usage -- 的/地/得, misused words, term consistency, canonical expressions.

Every word list lives in ``rules/wrd.yaml``.  The rules find candidates with one
compiled regular expression over ``doc.check_text``; only the 的/地/得 rules need
part-of-speech tags, and only for a candidate that the cheap checks (the word lists)
do not settle: then :func:`speechlint.segment.pos_tags` tags the one clause around
it as jieba would, from data generated out of jieba's files (jieba itself is never
imported).  Each clause is found, matched against the allow patterns and tagged once
per rule run, however many candidates it holds.
"""

from __future__ import annotations

import re
import sys
import threading
from array import array
from bisect import bisect_right
from collections.abc import Container, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from math import log
from pathlib import Path

from .. import adverbials, lm, segment
from ..document import HAN_RE, Document
from ..errors import RuleDataError
from ..model import Diagnostic, Edit, Fix, Span
from ..registry import rule
from . import in_exception, quote

#: Characters that end a clause for the 的/地/得 rules (one clause is tagged at a time).
_CLAUSE_END = "。！？；，、：“”‘’「」『』（）()《》\r\n\ue000"
_CLAUSE_END_RE = re.compile(f"[{re.escape(_CLAUSE_END)}]")
_HAN = re.compile("[\u3400-\u9fff]")
#: Characters after a verb that end its phrase: an opening quote or title mark may start
#: its object (贯彻执行“一国两制”).
_PHRASE_END_RE = re.compile("[。！？；，、：”’」』）)》\r\n\ue000]")


class _Clauses:
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
    _CLAUSE_END)`` made one scan per character, each to ``floor`` when it is absent."""
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


def _token_at(starts: list[int], start: int) -> int:
    """Index of the token starting at ``start`` (-1: no token starts there)."""
    i = bisect_right(starts, start) - 1
    return i if i >= 0 and starts[i] == start else -1


def _alternation(words: tuple[str, ...] | frozenset[str]) -> str:
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


class WordFinder:
    """Finds every occurrence of a fixed set of words in one fast scan.

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

    def __bool__(self) -> bool:
        return bool(self.groups) or bool(self.pairs) or bool(self.pairs_behind)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[tuple[int, int, str]]:
        """(start, end, word) of each occurrence in ``text[pos:endpos]``."""
        cands: list[tuple[int, int, str]] = []
        end = len(text) if endpos is None else endpos
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
        if not cands:
            return
        cands.sort()
        last = -1
        for s, neg, w in cands:
            if s >= last:
                last = s - neg
                yield s, last, w


# ===================================================================== WRD001
@dataclass(frozen=True)
class DeAdverbialData:
    #: Manner adverbials (adjectives, idioms) that take 地 when they modify a verb.
    adverbials: frozenset[str] = frozenset()
    #: Prepositions/coverbs: an adverbial followed by 的 + one of these always wants 地.
    prepositions: frozenset[str] = frozenset()
    #: Verbs jieba tags ``v`` that are often nouns after 的 (清醒的认识, 坚定的决心).
    nominal_verbs: frozenset[str] = frozenset()
    #: Words before the adverbial that make the phrase a noun phrase (以更加清醒的认识).
    nominalizers: frozenset[str] = frozenset()
    #: Degree words skipped when looking for a nominalizer (以更加清醒的…).
    degree: frozenset[str] = frozenset()
    #: Words after the verb that show it is used as a noun (坚定的推进和…).
    noun_followers: frozenset[str] = frozenset()
    #: Head nouns that make verb + noun a compound noun (扎实的推进措施): not reported.
    noun_heads: frozenset[str] = frozenset()
    #: Words that right after adverbial + 的 are verbs whatever the tagger says (走, 看到).
    verbs: frozenset[str] = frozenset()
    #: Words after the verb that show it is a verb (清醒的认识到): these override the above.
    verb_markers: frozenset[str] = frozenset()
    #: Nouns that, right after 的, end the candidate before any tagging (积极的财政政策).
    nouns: frozenset[str] = frozenset()
    #: Adverbials that stand before nouns far more often than before verbs (积极的财政政策):
    #: after them only a verb marker, a listed verb or a preposition shows a slip.
    attributive: frozenset[str] = frozenset()
    #: Words before the adverbial that make the phrase a predicate (要积极的推进…): modal
    #: verbs, subjects and verbs that take a verb phrase.  Adverbs (tag d, 也/都/正在) count
    #: too.  After any other word (实行严格的排污总量控制制度, 形成有序的…) the phrase is
    #: the noun phrase object, and only a verb marker (清醒的看到) or a preposition shows
    #: otherwise.
    predicate_openers: frozenset[str] = frozenset()
    #: Regexes (matched within the clause) that exempt a candidate they cover.
    allow: tuple[re.Pattern[str], ...] = ()
    #: The language model's reading of the phrase (:func:`adverbial_score`): report a 的
    #: whose 地 reading is this much more likely (natural log) than as written ...
    lm_threshold: float = 2.5
    #: ... or this much, when a modal verb or an adverb stands before the adverbial ...
    lm_threshold_predicate: float = 1.5
    #: ... or this much, when a verb marker (了, 着, 到 …) follows the verb.
    lm_threshold_marked: float = 1.0
    #: A 的 is scored only when the two characters before it and the one after it make
    #: 地 at least this likely against 的 (the sum of the two log ratios, each read from
    #: short contexts and cached), and the one character before it and the one after it
    #: make it one less: cheap filters that leave 94% of the 的 of edited text unscored.
    lm_prefilter: float = -3.0
    #: jieba's tags of the word before 的 (an adverbial) and after it (a verb or a
    #: preposition) that a finding of the model needs.
    lm_before_tags: frozenset[str] = frozenset()
    lm_after_tags: frozenset[str] = frozenset()
    #: Characters of context scored on each side of 的 (never past a clause end).
    lm_window: int = 3
    #: Words (jieba's tokens) after the verb that make it a noun for the model's findings:
    #: a localiser, 的, a head noun (坚定的推进中, 扎实的推进措施).  Unlike
    #: ``noun_followers`` a conjunction does not (毫不动摇的巩固和发展 is a slip).
    lm_noun_followers: frozenset[str] = frozenset()
    #: ... or this much, when the verb has an object after it (要更多的支持农业: a noun
    #: that is no head noun of ``noun_heads``/``lm_noun_followers``) and a predicate or the
    #: clause opens before the adverbial: the 的 reading would need a compound noun.
    lm_threshold_object: float = 2.5
    #: ... or this much, in the same phrase, when jieba tags the word before 的 an adverb.
    lm_threshold_object_adverb: float = 2.5
    #: ... or this much, in the same phrase, when a predicate opener or an adverb stands
    #: before the adverbial (才能有效的打击敌人): no subject that may be an object itself.
    lm_threshold_object_predicate: float = 2.5
    #: ... or this much, when a coordinated adverbial before it takes 地 (完整地、正确的宣传).
    lm_threshold_parallel: float = 2.5
    #: Words right after the verb that only a verb takes (了, 着, 起来 …): with one of them
    #: the 的 is scored whatever the cheap filters say and reported above
    #: ``lm_threshold_strong`` (严重的损害了, 很好的结合起来).
    lm_strong_markers: frozenset[str] = frozenset()
    lm_threshold_strong: float = 1.0
    #: ... or this much, when the paragraph writes the same adverbial with 地 elsewhere
    #: (经常地加强监督，经常的开展批评) and a predicate, a subject or the clause start stands
    #: before it: the writer uses the word as an adverbial.
    lm_threshold_usage: float = float("inf")
    #: Above this the model's reading decides alone: what stands before the adverbial (a
    #: verb, a determiner) no longer makes it a noun phrase (有计划、有步骤的进行).
    lm_threshold_decisive: float = float("inf")
    #: An idiom of four characters (:mod:`speechlint.adverbials`, tagged i by jieba in the
    #: phrase) before 的 and a verb or preposition after it (随心所欲的伪造历史).
    lm_threshold_idiom: float = float("inf")
    #: ... or this much, in the same phrase, when a degree word stands before the adverbial
    #: (群众更广泛的参与社区治理, 更加有效的监督政府行为: the verb may be a noun-verb, vn).
    lm_threshold_object_degree: float = float("inf")
    #: ... or this much, in the same phrase, when the adverbial ends a series joined by 、
    #: or a conjunction (救治队伍快速、高效的开展救援活动): each of them modifies the verb.
    lm_threshold_object_series: float = float("inf")
    #: Words that join coordinated adverbials (积极而又稳妥, 及时、有效): looking back for
    #: what stands before the adverbial, the others of the series are skipped.
    lm_joiners: frozenset[str] = frozenset()
    #: An attributive adverbial (有效, 积极) after a predicate opener (能够有效的调控货币
    #: 供应量) before a verb (jieba's v) and its object is reported all the same.
    attributive_after_modal: bool = False
    #: ... or this much, when a predicate opener stands right before a series of adverbials
    #: joined by 、 and a verb or preposition follows 的 (能够便利、完整的阅览和下载).
    lm_threshold_series_predicate: float = float("inf")
    #: ... or this much, when a verb (jieba's v, no nominal verb) ends the clause right after
    #: 的 and a predicate, a subject or the clause start stands before the adverbial
    #: (积极稳步的推进。, 不断的胜利前进。): such a clause is no noun phrase.
    lm_threshold_bare: float = float("inf")

    @cached_property
    def strong_marked(self) -> re.Pattern[str]:
        """A 的 before a verb of one or two characters, maybe coordinated with another
        (维护和发展), and a strong marker (推进了, 结合起来): found in one scan of the text."""
        words = self.lm_strong_markers
        han = "[\u4e00-\u9fff]{1,2}"
        joined = f"(?:(?:{_alternation(self.lm_joiners)}){han})?" if self.lm_joiners else ""
        return re.compile(f"的(?={han}{joined}(?:{_alternation(words)}))" if words else "(?!)")

    @cached_property
    def _graded(self) -> re.Pattern[str]:
        deg = _alternation(self.degree) if self.degree else "(?!)"
        return re.compile(f"(?:{deg})[\u4e00-\u9fff]{{2,4}}$")

    def graded(self, text: str, de: int) -> bool:
        """Does a degree word stand two to four characters before the 的 at ``de`` (更广泛的)?
        A cheap stand-in, before any tagging, for the tagged test."""
        return self._graded.search(text, max(0, de - 8), de) is not None

    @cached_property
    def heads(self) -> frozenset[str]:
        """Nouns after the verb that make verb + noun a compound noun (推进措施, 推进中)."""
        return self.noun_heads | self.lm_noun_followers

    @cached_property
    def _nominalizer_before(self) -> re.Pattern[str]:
        # single characters are too often the end of another word (可以, 没有, 就是): only
        # the words of two or more characters, and 以 where it ends no such word
        words = tuple(w for w in self.nominalizers if len(w) > 1)
        alts = [_alternation(words)] if words else []
        if "以" in self.nominalizers:
            alts.append("(?<![可所难足得用借据加予])以")
        deg = f"(?:{_alternation(self.degree)})*" if self.degree else ""
        return re.compile(f"(?:{'|'.join(alts)}){deg}$" if alts else "(?!)")

    @cached_property
    def _opener_before(self) -> re.Pattern[str]:
        deg = f"(?:{_alternation(self.degree)})*" if self.degree else ""
        words = self.predicate_openers
        return re.compile(f"(?:{_alternation(words)}){deg}$" if words else "(?!)")

    def is_opener(self, word: str) -> bool:
        """Is ``word`` a predicate opener, maybe after a negation or an adverb that jieba
        merged into it (不能, 没能, 也要, 还要: 就不能正确的解决…)?"""
        openers = self.predicate_openers
        return word in openers or (len(word) > 1 and word[0] in _OPENER_PREFIXES and word[1:] in openers)

    def opens_predicate(self, text: str, start: int) -> bool:
        """Does a predicate opener (要, 必须 …), maybe with degree words, end right before ``start``?"""
        return self._opener_before.search(text, _line_back(text, start, 12), start) is not None

    @cached_property
    def noun_only(self) -> re.Pattern[str]:
        """A listed noun: after a four-character adverbial a nominal verb may be a verb."""
        return re.compile(f"(?:{_alternation(self.nouns)})" if self.nouns else "(?!)")

    @cached_property
    def verbs_or_prepositions(self) -> frozenset[str]:
        return self.verbs | self.prepositions

    def opens_noun_phrase(self, text: str, start: int) -> bool:
        """Does a nominalizer (进行, 作出, 给予 …), maybe with degree words, end right before ``start``?

        A cheap check before any tagging; the tagged check in :func:`_context` sees the
        one-character nominalizers (以, 有) as the words they are.
        """
        return self._nominalizer_before.search(text, _line_back(text, start, 12), start) is not None

    @cached_property
    def verbs_longest_first(self) -> tuple[str, ...]:
        return tuple(sorted(self.verbs, key=len, reverse=True))

    @cached_property
    def noun_start(self) -> re.Pattern[str]:
        """A noun, or a nominal verb not followed by a verb marker (认识 but not 认识到)."""
        parts = []
        if self.nouns:
            parts.append(f"(?:{_alternation(self.nouns)})")
        if self.nominal_verbs:
            marker = f"(?!{_alternation(self.verb_markers)})" if self.verb_markers else ""
            parts.append(f"(?:{_alternation(self.nominal_verbs)}){marker}")
        return re.compile("|".join(parts) or "(?!)")

    def validate(self) -> str | None:
        if not self.adverbials:
            return "'adverbials' must not be empty"
        stray = self.attributive - self.adverbials
        if stray:
            return f"'attributive' lists words that are no adverbials: {', '.join(sorted(stray))}"
        both = (self.prepositions | self.verbs) & self.nominal_verbs
        if both:
            return f"listed both as preposition or verb and as nominal verb: {', '.join(sorted(both))}"
        return None

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        # the literal 的 first (fast scan), then one lookbehind per adverbial length
        by_len: dict[int, list[str]] = {}
        for a in self.adverbials:
            by_len.setdefault(len(a), []).append(a)
        behind = "|".join(f"(?<=(?:{_alternation(tuple(ws))})的)" for _, ws in sorted(by_len.items()))
        return re.compile(f"的(?:{behind})")


#: Negations and adverbs that jieba merges into a modal verb after them (不能, 也要, 还要).
_OPENER_PREFIXES = frozenset("不没未也还就才都又")


def _subject_verb(tokens: tuple[segment.Tagged, ...], k: int) -> bool:
    """Is token ``k``, a verb jieba tags as a noun-verb (vn), a noun here: after 的 or a
    noun (经济活动更好的纳入…, 法制的建设紧密的结合起来: the subject of the verb after
    the adverbial), not after a verb or at the clause start (发展多种形式的合作)?"""
    if tokens[k][3] != "vn" or k == 0:
        return False
    word, tag = tokens[k - 1][2], tokens[k - 1][3]
    return word == "的" or (tag[:1] == "n" and tag != "nr")


def _follows(after: str, rest: str, words: frozenset[str]) -> bool:
    """Is the word after the verb one of ``words``? jieba's next token when known, else the text."""
    return after in words if after else rest.startswith(tuple(words))


def _line_back(text: str, start: int, n: int) -> int:
    """``start - n``, but not before the start of ``start``'s line: what ends the line above
    (a heading such as 一、总体要求) does not open this line's phrase."""
    lo = max(0, start - n)
    return max(lo, text.rfind("\n", lo, start) + 1, text.rfind("\r", lo, start) + 1)


def _context(tokens: tuple[segment.Tagged, ...], a: int, data: DeAdverbialData, text: str = "", lo: int = 0) -> str:
    """What stands before the adverbial at token ``a``, skipping degree words.

    "predicate": a modal verb, adverb, subject or verb that takes a verb phrase (要积极的…,
    国家有计划的…);
    "open": the clause starts there (毫不动摇的走…); "noun": anything else, where the
    adverbial + 的 starts a noun phrase (实行严格的…制度, 以更加清醒的认识).
    """
    k = _before_series(tokens, a, data)
    if k < 0:
        return "open"
    if text and tokens[k][2].endswith("是") and _SERIES_NUMERAL.match(text, lo + tokens[k][1] - 2):
        return "open"  # 三是毫不放松的抓好…: a series marker opens the clause
    if _subject_verb(tokens, k):
        return "predicate"  # 法制的建设紧密的结合起来: a noun-verb subject
    # a verb (实行严格的…), a preposition, 的: a noun phrase starts here
    return _word_before(tokens[k][2], tokens[k][3], data) or "noun"


def _before_series(tokens: tuple[segment.Tagged, ...], a: int, data: DeAdverbialData) -> int:
    """The token before the adverbial at token ``a``, past degree words and the other
    adverbials of a series (积极稳步的推进: what stands before 积极); -1 at the start."""
    k = a - 1
    while k >= 0 and (tokens[k][2] in data.degree or tokens[k][2] in data.adverbials or tokens[k][3] in _ADVERBIAL_TAGS):
        k -= 1
    return k


def _modal_before(tokens: tuple[segment.Tagged, ...], a: int, data: DeAdverbialData) -> bool:
    """Does a predicate opener (能够, 必须, 才能 …) stand right before the adverbial at
    token ``a``, past degree words and the other adverbials of a series?"""
    k = _before_series(tokens, a, data)
    return k >= 0 and data.is_opener(tokens[k][2])


def _adverb_after_verb(tokens: tuple[segment.Tagged, ...], k: int, data: DeAdverbialData) -> bool:
    """Is token ``k`` an adverb right after a verb or its aspect particle (受到了日益广泛的
    欢迎: the adverb belongs to the noun phrase that is the verb's object)?"""
    if k < 1 or tokens[k][3] != "d":
        return False
    word, tag = tokens[k - 1][2], tokens[k - 1][3]
    return word in _ASPECT or (tag.startswith("v") and not data.is_opener(word))


def _word_before(word: str, tag: str, data: DeAdverbialData) -> str | None:
    """"noun" or "predicate" when the word before an adverbial decides it, else None.

    A nominalizer starts a noun phrase; a modal verb, an adverb, or a subject (我们,
    国家有计划的…) opens a predicate; not 其 or 这 (其相应的履行请求: a possessor).
    """
    if word in data.nominalizers:
        return "noun"
    if data.is_opener(word) or tag == "d" or (tag[0] == "n" and tag != "nr"):
        return "predicate"
    return None


@rule("WRD001", "de-before-verb", data=DeAdverbialData, severity="warning", fix="safe")
def de_before_verb(doc: Document, data: DeAdverbialData) -> Iterator[Diagnostic]:
    """状语修饰动词时误用“的”，应为“地”（如“清醒的看到”）。

    ## 检查内容
    方式状语（“清醒”“坚定不移”“认真”“扎实”等，见 `rules/wrd.yaml` 的 `adverbials`）后接
    “的”，再接动词或介词时，“的”应为“地”：`清醒的看到`、`坚定不移的推进`、`坚定不移的在……领导下`。
    看整个短语，不只看“的”后的一个词：
    - 状语前是什么：情态词、副词、主语（要、必须、也、我们、国家……）之后是谓语，状语修饰
      动词；其他动词之后（实行、采取、形成、是……）“状语 + 的”开始的是宾语名词短语，不报：
      `实行严格的排污总量控制制度`、`形成有序的收入分配格局`、`是一以贯之的接力探索`；
    - 动词后是什么：带“到、了、着”等（清醒的看到、认识到）或后接介词时一定是动词；没有
      这些标记时，只有在谓语中且动词后有宾语才报（要积极稳妥的推进各项改革），动词后接名词
      构成复合名词（扎实的推进措施）、并列（坚定的推进和完善）时不报；
    - 常用作定语的状语（积极、严格、有效……，在语料调参一半中写“的”远多于写“地”）只在有
      动词标记、介词或词表动词时才报。

    词表之外的状语（始终不渝、一如既往、争分夺秒……）由本项目的汉字语言模型
    （`speechlint/lm.py`，由规范公文统计而来）判断：把“的”换成“地”，前后各三个字的概率
    高出很多（对数似然比超过 `lm_threshold`；状语前是情态词（含“不能、也要”等带否定、
    副词的形式）、副词、目的连词（为了、以便）或“的”前的词本身是副词时用较低的
    `lm_threshold_predicate`，动词后带“了、着、到”等时用 `lm_threshold_marked`），并且
    jieba 把“的”前的词标为形容词、副词或成语，把“的”后的词标为动词或介词时报告。
    状语前是另一个动词（是始终不渝的追求）或代词、数量词（其他有效的控制措施，动词后
    带“了”等时除外）、动词后是方位词或中心名词（坚定的推进中、扎实的推进措施）时不报。模型看的是整个短语：`始终不渝的奉行`报告，
    `积极主动的开放战略`不报。模型只看前后各三个字，短语中更远的证据另用较低的阈值：
    动词后有宾语且状语前是主语、谓语成分或分句开头（`群众更广泛的参与社区治理`，
    `lm_threshold_object`；状语前是情态词、副词时更低，`lm_threshold_object_predicate`；
    “的”前是副词时更低，`lm_threshold_object_adverb`；状语前有“更、更加”等程度词时也更低，
    名动词带宾语也算动词，`lm_threshold_object_degree`：`更加有效的监督政府行为`；状语是
    并列状语的最后一个时也更低，`lm_threshold_object_series`：`快速、高效的开展救援工作`；
    动词后的冒号引出的引语也算宾语：`明确的指出：“……”`；
    动词（非名动词）紧接分句末尾、状语前是谓语成分、主语或分句开头时也较低
    （`lm_threshold_bare`：`积极稳步的推进。`）；情态词后接以顿号并列的状语时更低，
    不需要宾语（`lm_threshold_series_predicate`：`能够便利、完整的阅览和下载`）；
    常作定语的状语（有效、积极……）在情态词之后、动词带宾语时也报（`能够有效的化解风险`）；
    “的”后是“是、有”时不算：`更严重的是……`）；
    并列的另一状语用了“地”（`有机地、恰当的结合`，
    `lm_threshold_parallel`）；同一段落把同一个状语写作“X地”，且状语前是谓语成分、主语或
    分句开头（`经常地加强监督，经常的开展批评`，`lm_threshold_usage`）；动词后带只有动词
    才带的“了、着、起来、下去、于”等（`严重的损害了`、`很好的结合起来`、`更好的服务于`，
    `lm_threshold_strong`）。词表中的状语后的“的”都交给模型判断，不受快速预筛的限制，
    结巴词典标为副词、成语的二至四字词（`尽可能`、`独立自主`，见 `rules/wrd_adverbials.txt`）
    后的“的”也是如此，四字成语后接动词或介词时用更低的 `lm_threshold_idiom`
    （`随心所欲的伪造历史`）；
    “一是、三是”等序号视为分句开头；名动词（vn）前是名词或“的”时是主语
    （`经济活动更好的纳入`）。找状语前的词时跳过并列的
    其他状语（`及时、准确的`、`积极而又稳妥的`）和动词后的“了、着、过”（`得到了更好的贯彻`
    仍是宾语，不报；`提供及时、准确的查询服务`不报）；模型的判断极为明确时
    （`lm_threshold_decisive`）不再看状语前的词。

    ## 为什么
    “的”是定语的标志，“地”是状语的标志。“清醒的看到”把状语写成定语，是讲话稿最常见、
    也最容易被听众和审稿人注意到的错字之一。

    ## 示例（错 → 对）
    - 错：`我们也清醒的看到存在的问题` → 对：`我们也清醒地看到存在的问题`
    - 错：`要坚定不移的推进改革` → 对：`要坚定不移地推进改革`
    - 错：`要积极稳妥的推进各项改革` → 对：`要积极稳妥地推进各项改革`
    - 不报：`以更加清醒的认识、更加坚决的态度`（“认识”“态度”是名词）
    - 不报：`实行更加积极主动的开放战略`（“开放战略”是“实行”的宾语）
    - 错：`我们将始终不渝的奉行独立自主的和平外交政策` → 对：`始终不渝地奉行`（模型判断）
    - 不报：`这是始终不渝的追求`（“是”之后是名词短语）
    - 错：`我们要独立自主的决定自己的事情` → 对：`独立自主地决定`（成语后的“的”也交给模型）
    - 不报：`坚持独立自主的和平外交政策`（“和平外交政策”是名词短语）
    - 错：`他们迫不及待的要篡改规则` → 对：`迫不及待地要`（成语后接动词）
    - 不报：`这是我们始终不渝的奋斗目标`（“奋斗目标”是名词）

    ## 修复安全性
    安全：只把这一个“的”换成“地”。

    ## 依据
    《现代汉语词典》（第7版）“地（de）”条：用在词或词组之后，表示它前面的词或词组是状语；
    教育部《3500 个常用字》配套语法说明。GB/T 15834 不涉及此项，属用词规范。
    模型的阈值在共享语料的调参一半上交叉标定（每篇文档由不含它的模型打分，
    `bench/de_particles.py --sweep`）：该一半的规范文本中没有一处“的”超过阈值。
    """
    text = doc.check_text
    longest = max(map(len, data.adverbials))
    clauses = _Clauses(text, data.allow)
    reported: set[int] = set()
    after_adverbial: set[int] = set()  # every 的 after a listed adverbial: the model reads them all
    for m in data.pattern.finditer(text):
        de = m.start()
        after_adverbial.add(de)
        adverbial = next(
            (text[de - n : de] for n in range(longest, 0, -1) if text[max(0, de - n) : de] in data.adverbials), ""
        )
        if not adverbial:  # pragma: no cover - the pattern's lookbehind guarantees one
            continue
        start = de - len(adverbial)
        # cheap checks first: most candidates in edited text end here, without tagging
        noun_start = data.noun_only if len(adverbial) >= 4 else data.noun_start
        if clauses.allowed(de, de + 1) or noun_start.match(text, de + 1):
            continue
        if not _HAN.match(text, de + 1) or data.opens_noun_phrase(text, start):
            continue  # 科学的。, 以科学的方向: no verb after 的, or a noun phrase begins
        after_end = _PHRASE_END_RE.search(text, de + 1, de + 4)
        if (
            after_end
            and text[de + 1 : after_end.start()] not in data.verbs_or_prepositions
            and not data.opens_predicate(text, start)
        ):
            continue  # 最有力的鞭策。: a word that ends the clause has no object or marker
        lo, tokens, starts = clauses.tagged(start, de + 1)
        a = _token_at(starts, start - lo)
        d = _token_at(starts, de - lo)
        if a < 0 < d and tokens[d - 1][2].endswith(adverbial):
            a = d - 1  # jieba merged a degree word into the adverbial (更加紧密)
        if a < 0 or d < 0 or d + 1 >= len(tokens) or tokens[d][2] != "的":
            continue
        nxt = tokens[d + 1]
        verb = next((w for w in data.verbs_longest_first if text.startswith(w, de + 1)), "")
        context = _context(tokens, a, data, text, lo)
        # the adverbial ends a series joined by 、 (及时、准确的): read back past it, below
        series = context == "open" and text[lo - 1 : lo] == "、"
        if nxt[2] in data.prepositions:
            if context == "noun" and a > 0 and tokens[a - 1][2] in data.nominalizers:
                continue  # 以积极的…: a noun phrase; elsewhere a preposition shows a verb phrase
        elif nxt[3] in ("v", "vn", "n") or verb:
            listed = bool(verb)  # a verb whatever it is followed by (看到, 走)
            verb = verb or nxt[2]
            rest = text[de + 1 + len(verb) : de + 1 + len(verb) + 4]
            # the word after the verb: jieba's token when the verb is one token, else the text
            after = tokens[d + 2][2] if verb == nxt[2] and d + 2 < len(tokens) else ""
            marked = _follows(after, rest, data.verb_markers)
            if nxt[3] == "n" and not (listed or marked):
                continue  # jieba calls verbs after 的 nouns (利用): only a marker says otherwise
            if marked or listed:
                if context == "noun" or (not marked and _follows(after, rest, data.noun_followers)):
                    continue  # 以更加清醒的认识到…, 坚定的推进中: noun phrases all the same
            else:
                # no marker: only an object after the verb, in a predicate, shows a verb
                idiom = len(adverbial) >= 4  # 不折不扣的执行…: four-character adverbials
                if context == "noun" or (
                    verb in data.nominal_verbs and context != "predicate" and not idiom
                ):
                    continue
                if adverbial in data.attributive and not (
                    data.attributive_after_modal
                    and nxt[3] == "v"
                    and after
                    and tokens[d + 2][3][:1] in ("n", "r")  # an object (货币供应量)
                    and not after.startswith(tuple(data.heads))
                    and _modal_before(tokens, a, data)
                ):
                    continue  # 有效的监督机制: these adverbials mostly open noun phrases
                if not rest or _PHRASE_END_RE.match(rest):
                    # 必须坚持不懈的进行。: after a modal verb a bare verb is a verb
                    if context != "predicate" or nxt[3] != "v" or verb in data.nominal_verbs:
                        continue
                elif _follows(after, rest, data.noun_followers):
                    continue  # 坚定的推进和完善: coordinated, a noun is as likely
                if rest.startswith(tuple(data.noun_heads)):
                    continue  # 扎实的推进措施: verb + head noun is a compound noun
        else:
            continue
        if series and _series_context(text, lo, de, data) == "noun":
            continue  # 提供及时、准确的查询服务: after a verb the series opens a noun phrase
        reported.add(de)
        yield _de_di_finding(de, adverbial, verb or nxt[2])
    yield from _model_de_di(text, data, reported, after_adverbial)


def _de_di_finding(de: int, adverbial: str, word: str) -> Diagnostic:
    span = Span(de, de + 1)
    phrase = adverbial + "的" + word
    return Diagnostic(
        "WRD001",
        span,
        f"{quote(phrase)}中“的”后是动词或介词，前面是状语，应为“地”：{quote(adverbial + '地' + word)}",
        Fix.replace(span, "地"),
    )


#: 的 between two Han characters: where a slip for 地 can be.
_DE_SITE = re.compile("的(?<=[\u4e00-\u9fff]的)(?=[\u4e00-\u9fff])")


def _left_ratio(model: lm.Model, left: str, alt: str = "地") -> float:
    """log P(``alt``) - log P(的) after the two characters ``left``, by the model (cached)."""
    key = (id(model), left + alt)
    found = _left_ratios.get(key)
    if found is None:
        h = lm.to_stream(left)
        found = log(model.prob(h, alt)) - log(model.prob(h, "的"))
        if len(_left_ratios) < 100_000:  # bounded: a language server lives long
            _left_ratios[key] = found
    return found


_left_ratios: dict[tuple[int, str], float] = {}
#: The numeral of a series marker (一是, 二是 …, 其一是 is not one).
_SERIES_NUMERAL = re.compile("(?<![\u4e00-\u9fff])[一二三四五六七八九十]是")
#: Characters tagged on each side of a 的 the model finds suspect: room for a degree word,
#: a four-character adverbial and the word before it, the verb and the word after it.
_TAG_REACH = 10


def _near_ratio(model: lm.Model, before: str, after: str) -> float:
    """log P(地) - log P(的) between the characters ``before`` and ``after``, by the model's
    bigrams alone (cached per character: the first, cheapest filter)."""
    return _near_left(model, before) + _right_ratio(model, after)


def _near_left(model: lm.Model, before: str) -> float:
    """log P(地 | ``before``) - log P(的 | ``before``), by the model's bigrams (cached)."""
    key = (id(model), before)
    left = _near_ratios.get(key)
    if left is None:
        c = lm.to_stream(before)
        left = _near_ratios[key] = log(model.prob(c, "地")) - log(model.prob(c, "的"))
    return left


def _right_ratio(model: lm.Model, char: str) -> float:
    """log P(``char`` | 地) - log P(``char`` | 的), by the model's bigrams (cached)."""
    key = (id(model), "\0" + char)
    found = _near_ratios.get(key)
    if found is None:
        c = lm.to_stream(char)
        found = _near_ratios[key] = log(model.prob("地", c)) - log(model.prob("的", c))
    return found


#: Per character: at most the model's vocabulary, twice.
_near_ratios: dict[tuple[int, str], float] = {}


def _adverbial_like(model: lm.Model | None, token: segment.Tagged, data: DeAdverbialData) -> bool:
    """Is ``token`` an adverbial that may be coordinated with the one before 的?  jieba's
    tag says so, or the model finds 地 plausible after it (及时/c, 科学/n 地)."""
    word = token[2]
    if token[3] in data.lm_before_tags or word in data.adverbials:
        return True
    return model is not None and bool(_HAN.match(word)) and _left_ratio(model, word[-2:]) > data.lm_prefilter


def _series_start(text: str, lo: int, de: int) -> int:
    """Where the tagged stretch before the 的 at ``de`` starts when its clause starts at
    ``lo`` right after a 、: the 、 joins adverbials (及时、准确的), so the stretch reaches
    back over them to the previous clause end, at most ``2 * _TAG_REACH`` characters."""
    floor = max(0, de - 2 * _TAG_REACH)
    return max(floor, max(text.rfind(c, floor, lo - 1) for c in _CLAUSE_END if c != "、") + 1)


def _series_context(text: str, lo: int, de: int, data: DeAdverbialData) -> str:
    """:func:`_context` for an adverbial that ends a series joined by 、 at the start of its
    clause: what stands before the series decides (提供及时、准确的查询服务: a verb, so a
    noun phrase; 应当及时、准确的告知: a predicate)."""
    start = _series_start(text, lo, de)
    tokens = segment.pos_tags(text[start : de + 1 + _TAG_REACH])
    d = _token_at([t[0] for t in tokens], de - start)
    if d <= 0:
        return "open"
    k, _ = _phrase_context(lm.model(), tokens, d, data)
    if k < 0:
        return "open"
    word, tag = tokens[k][2], tokens[k][3]
    decided = _word_before(word, tag, data)
    if decided:
        return decided
    if tag == "x" or word in data.lm_joiners:
        return "open"  # 有领导、有步骤的: a series the tags do not read as adverbials
    return "noun"


def _phrase_context(
    model: lm.Model | None, tokens: tuple[segment.Tagged, ...], d: int, data: DeAdverbialData
) -> tuple[int, bool]:
    """What stands before the adverbial ending at token ``d - 1`` (the 的 is token ``d``).

    Returns the index of the first token before the adverbial phrase (-1: none) and
    whether a coordinated adverbial of the phrase takes 地.  Skipped on the way back:
    degree words (更加有效), the other adverbials of a series (积极而又稳妥, 及时、有效,
    深入持久: a listed adverbial or an adverbial adjective or idiom, or any adverbial
    joined by ``lm_joiners``), a
    coordinated adverbial with 地 (完整地、正确的), and an aspect particle after a verb
    (得到了更好的贯彻: the verb is what stands before).
    """
    k = d - 2
    parallel = False
    while k >= 0:
        word, tag = tokens[k][2], tokens[k][3]
        if word in data.degree:
            k -= 1
        elif word in data.lm_joiners and k > 0 and (tokens[k - 1][2] == "地" or _adverbial_like(model, tokens[k - 1], data)):
            k -= 1  # the adverbial before the joiner is skipped next (全力以赴地、千方百计的)
        elif word == "地" and tag == "uv" and k > 0:
            parallel = True
            k -= 2
        elif word in data.adverbials or tag in _ADVERBIAL_TAGS or (k < d - 2 and tokens[k + 1][2] in data.lm_joiners):
            k -= 1  # 深入持久的, 切切实实的, 及时、有效的: one adverbial phrase
        else:
            break
    if k > 0 and tokens[k][2] in _ASPECT and tokens[k - 1][3].startswith("v"):
        k -= 1
    return k, parallel


#: jieba's tags of an adverbial adjective, an idiom, a descriptive word (扎扎实实): right
#: before another adverbial they are part of its phrase (a plain adjective may be the
#: object of a verb: 促和谐更好的结合起来).
_ADVERBIAL_TAGS = frozenset({"ad", "i", "z"})
#: jieba's tags (first letter) of what may be the object of a verb: a noun, a pronoun, a
#: verb, a distinguishing word that opens a noun phrase (整个, 共同).
_OBJECT_TAGS = "nrvb"


def _bare_verb(text: str, de: int) -> bool:
    """Does the phrase end within four characters after the 的 at ``de``, leaving its verb
    no object?  A colon does not: what it introduces is the object (尖锐的指出：“…”)."""
    m = _PHRASE_END_RE.search(text, de + 1, de + 5)
    return m is not None and text[m.start()] != "："


def _adverb_before(text: str, de: int) -> bool:
    """Does a word jieba's dictionary tags as an adverb (d) end right before ``de``?  A cheap
    stand-in, before any tagging, for the tag the adverb threshold needs."""
    tag = segment.dictionary().tag
    return any(tag(text[de - n : de]) == "d" for n in (1, 2, 3, 4) if n <= de)


def _adverbial_before(text: str, de: int, words: Container[str], tails: Container[str]) -> bool:
    """Does a word of two to four characters that jieba's dictionary tags as an adverbial
    (an adverb, an idiom: 尽可能, 独立自主; :mod:`speechlint.adverbials`) end right before
    ``de``?  Set lookups before any tagging, the longer words only where the last two
    characters end one (``tails``): such a 的 is scored by the model whatever the
    character filters say."""
    two = text[de - 2 : de]
    return two in words or (two in tails and (text[de - 3 : de] in words or text[de - 4 : de] in words))


def _with_di(text: str) -> dict[str, list[int]]:
    """Where each two Han characters stand before a 地 of ``text``: the 地's offsets."""
    found: dict[str, list[int]] = {}
    for m in _DI_AFTER_TWO.finditer(text):
        i = m.start()
        found.setdefault(text[i - 2 : i], []).append(i)
    return found


_DI_AFTER_TWO = re.compile("地(?<=[\u4e00-\u9fff][\u4e00-\u9fff]地)")


def _written_with_di(text: str, de: int, with_di: dict[str, list[int]], word: str = "") -> bool:
    """Does the paragraph of the 的 at ``de`` write the word before it with 地 elsewhere
    (经常地加强监督，经常的开展批评)?  ``word``: the word as tagged (its last two characters
    are looked up); else the two characters before ``de``."""
    key = (word or text[de - 2 : de])[-2:]
    at = with_di.get(key)
    if not at:
        return False
    want = word or key
    j = bisect_right(at, de)
    # the 地 nearest to the 的 on each side, as long as no line break stands between them
    for i in reversed(at[:j]):
        if _LINE_BREAK.search(text, i, de):
            break
        if text[i - len(want) : i] == want:
            return True
    for i in at[j:]:
        if _LINE_BREAK.search(text, de, i):
            break
        if text[i - len(want) : i] == want:
            return True
    return False


_LINE_BREAK = re.compile("[\r\n]")


#: What opens a quoted or titled object (抓好“三农”工作).
_OBJECT_OPENERS = frozenset("“《")
#: Verbs after 的 that take a headless noun phrase as their subject (更重要的是, 不足的有).
_COPULAS = frozenset({"是", "有"})
#: Amounts jieba tags as numerals after a degree word (更多, 较少).
_AMOUNTS = frozenset("多少")
#: Aspect particles after a verb that stands before the adverbial (得到了更好的贯彻).
_ASPECT = frozenset({"了", "着", "过"})


def _model_de_di(
    text: str, data: DeAdverbialData, reported: set[int], listed: set[int] | frozenset[int] = frozenset()
) -> Iterator[Diagnostic]:
    """The slips the word lists do not know, read by the language model and jieba's tags.

    A 的 is reported when the model finds the phrase with 地 far more likely than as
    written (:func:`pair_score` over ``lm_window`` characters on each side, above
    ``lm_threshold``; ``lm_threshold_predicate`` after a modal verb or an adverb, where a
    verb phrase is expected: 要更好的贯彻) and jieba tags the word before it as an
    adverbial (an adjective, adverb or idiom) and the word after it as a verb or a
    preposition.  The model sees the phrase, not the next word alone: 始终不渝的奉行 is
    a slip, 积极主动的开放战略 is not.  Lower thresholds hold where the phrase shows a
    verb beyond the model's window: an object after the verb in a predicate
    (``lm_threshold_object``: 要更多的支持农业; ``lm_threshold_object_adverb`` after an
    adverb: 不断的传播先进思想), a coordinated adverbial with 地
    (``lm_threshold_parallel``), a marker only a verb takes (``lm_threshold_strong``:
    严重的损害了).  Only a 的 whose two characters before it make 地 plausible at all
    (``lm_prefilter``), or whose verb has such a marker, is scored, and only one above the
    lowest threshold is tagged.
    """
    model = lm.model()
    if model is None or not data.lm_before_tags:
        return
    clauses = _Clauses(text, data.allow)
    # below the plain thresholds a site is tagged only when the phrase may show a verb
    # the model cannot see: an object after it (no phrase end right after the verb) or a
    # coordinated adverbial with 地 before it (checked on the text first: tagging is dear)
    plain_t = min(data.lm_threshold, data.lm_threshold_predicate, data.lm_threshold_marked)
    object_plain = min(data.lm_threshold_object, data.lm_threshold_object_predicate)
    object_t = min(object_plain, data.lm_threshold_object_adverb)
    bare_t = data.lm_threshold_bare
    series_t = data.lm_threshold_series_predicate
    lo_t = min(plain_t, object_t, data.lm_threshold_parallel, data.lm_threshold_usage, bare_t, series_t)
    # where the text writes two characters with 地 after them: the adverbials the
    # paragraph uses (经常地), looked up by the two characters before a 的
    with_di = _with_di(text) if data.lm_threshold_usage < float("inf") else {}
    # the 的 whose verb has a strong marker: one scan of the text, a set lookup per site
    strong_marked = {m.start() for m in data.strong_marked.finditer(text)}
    # the filters' ratios by character, in dicts local to this run: 70,000 sites in 9 MB
    # of official text cost a dict lookup each, not a call (same sums as _near_ratio)
    lefts: dict[str, float] = {}
    rights: dict[str, float] = {}
    lefts2: dict[str, float] = {}
    floor1, floor2 = data.lm_prefilter - 1, data.lm_prefilter
    adverbial_words = adverbials.words()
    adverbial_tails = adverbials.tails()
    # by the two characters before a 的: are they an adverbial word or the end of one?  A
    # dict lookup per site where most say no, not two to four lookups in the word lists
    # (66,000 sites in 9 MB of official text fail the character filters)
    twos: dict[str, bool] = {}
    fours: dict[str, bool] = {}  # ... and by the four characters, where they may be

    def scored_anyway(de: int) -> bool:
        """Is the 的 at ``de`` scored by the model whatever the character filters say: a
        strong marker after its verb, a listed adverbial, an adverbial the paragraph
        writes with 地, or an adverbial word of jieba's dictionary before it
        (:func:`_adverbial_before`, read through ``twos``)?"""
        if de in strong_marked or de in listed:
            return True
        two = text[de - 2 : de]
        if two in with_di and _written_with_di(text, de, with_di):
            return True
        maybe = twos.get(two)
        if maybe is None:
            maybe = twos[two] = two in adverbial_words or two in adverbial_tails
        if not maybe:
            return False
        four = text[de - 4 : de]
        found = fours.get(four)
        if found is None:
            found = fours[four] = _adverbial_before(text, de, adverbial_words, adverbial_tails)
        return found

    for m in _DE_SITE.finditer(text):
        de = m.start()
        if de in reported or de < 2:
            continue
        # neither the words before nor the character after make 地 plausible: two filters,
        # from one character on each side (cheap), then two before and one after
        b, a = text[de - 1], text[de + 1]
        left = lefts.get(b)
        if left is None:
            left = lefts[b] = _near_left(model, b)
        right = rights.get(a)
        if right is None:
            right = rights[a] = _right_ratio(model, a)
        if left + right <= floor1:
            if not scored_anyway(de):
                continue
        else:
            b = text[de - 2 : de]
            left = lefts2.get(b)
            if left is None:
                left = lefts2[b] = _left_ratio(model, b)
            if left + right <= floor2 and not scored_anyway(de):
                continue
        score = pair_score(model, text, de, de + 1, "地", data.lm_window)
        if score <= lo_t and (score <= data.lm_threshold_strong or de not in strong_marked):
            continue
        # an idiom before 的 (a dictionary lookup only for the few that score high enough)
        idiom = (
            score > data.lm_threshold_idiom
            and text[de - 4 : de] in adverbial_words
            and segment.dictionary().tag(text[de - 4 : de]) == "i"
        )
        if (
            score <= plain_t
            and not idiom
            and de not in strong_marked
            and (
                (score <= bare_t if _bare_verb(text, de) else score <= object_t)
                or (score <= object_plain and not _bare_verb(text, de) and not _adverb_before(text, de) and not data.graded(text, de))
            )
            and (score <= data.lm_threshold_parallel or "地" not in text[max(0, de - 12) : de])
            and (score <= data.lm_threshold_usage or not _written_with_di(text, de, with_di))
            and (score <= series_t or "、" not in text[max(0, de - 6) : de])
        ):
            continue
        # the words around 的 only: a stretch of the clause, not all of it (tagging is the
        # dearest step; a clause of edited text can run to a hundred characters); a series
        # of adverbials joined by 、 (及时、有效的) counts as one clause
        lo, hi = clauses.around(de, de + 1)
        reach = _TAG_REACH
        if text[lo - 1 : lo] == "、":
            reach = 2 * _TAG_REACH
            lo = _series_start(text, lo, de)
        lo, hi = max(lo, de - reach), min(hi, de + 1 + _TAG_REACH)
        tokens = segment.pos_tags(text[lo:hi])
        d = _token_at([t[0] for t in tokens], de - lo)
        if d <= 0 or d + 1 >= len(tokens) or tokens[d][2] != "的":
            continue
        before, after = tokens[d - 1], tokens[d + 1]
        if before[3] == "m" and before[2] in _AMOUNTS and d > 1 and tokens[d - 2][2] in data.degree:
            before = (*before[:3], "a")  # 更多的依靠: jieba reads 更 + 多, a numeral
        if before[3] not in data.lm_before_tags or after[3] not in data.lm_after_tags:
            continue
        follower = tokens[d + 2] if d + 2 < len(tokens) else None
        if follower is not None and follower[2] in data.lm_noun_followers:
            continue  # 扎实的推进措施, 坚定的推进中: the verb is used as a noun
        f = d + 2
        while f + 2 < len(tokens) and tokens[f][2] in data.lm_joiners and tokens[f + 1][3][:1] == "v":
            f += 2  # 坚定的维护和发展了: what follows the last of coordinated verbs
        last = tokens[f] if f < len(tokens) else None
        k, parallel = _phrase_context(model, tokens, d, data)
        word, tag = tokens[k][2:] if k >= 0 else ("", "")
        if word.endswith("是") and _SERIES_NUMERAL.match(text, lo + tokens[k][1] - 2):
            word, tag = "", ""  # 一是坚定不移的推进…: a series marker opens the clause
        elif k >= 0 and _subject_verb(tokens, k):
            tag = "n"  # 经济活动更好的纳入…: a noun-verb after a noun is the subject
        opener = data.is_opener(word)
        # a coordinated adverbial with 地 modifies a verb, whatever stands before it
        # (把集中与分散有机地、恰当的结合起来), as does a decisive score
        decisive = parallel or score > data.lm_threshold_decisive
        if not decisive and (
            word in data.nominalizers or (tag.startswith("v") and not opener)
        ):
            continue  # 是始终不渝的追求, 以积极的…: after a verb the phrase is its object
        marked = follower is not None and follower[2] in data.verb_markers
        strong = last is not None and last[2] in data.lm_strong_markers and after[3] in ("v", "vn")
        if not (decisive or marked) and tag[:1] in ("r", "m", "q") and not opener:
            continue  # 采取其他有效的控制…措施, 一种积极的支持: a determiner wants a noun
        predicate = opener or tag == "d"
        # an adverb before 的 modifies a verb (更好的付诸实践), unless a preposition stands
        # before it (同更多的拉美国家建立…: the phrase is its object)
        adverb = before[3] == "d" and tag != "p"
        threshold = data.lm_threshold_predicate if predicate or adverb else data.lm_threshold
        subject = tag[:1] == "n" and tag != "nr"  # 国家有效的执行职务: a subject before it
        if marked:
            threshold = min(threshold, data.lm_threshold_marked)  # 这极大的激发了: a verb
        if strong:
            threshold = min(threshold, data.lm_threshold_strong)  # 严重的损害了
        if parallel:
            threshold = min(threshold, data.lm_threshold_parallel)
        if (
            idiom
            and before[3] == "i"
            and len(before[2]) == 4
            and after[3] in ("v", "p")
        ):
            threshold = min(threshold, data.lm_threshold_idiom)
        if (
            (predicate or subject or not word)
            and with_di
            and _written_with_di(text, de, with_di, before[2])
        ):
            threshold = min(threshold, data.lm_threshold_usage)  # 经常地加强监督，经常的开展
        # a degree word before the adverbial (更广泛的参与, 更加有效的监督政府): a noun-verb
        # (vn) with an object is a verb there too
        graded = d >= 2 and tokens[d - 2][2] in data.degree
        if (predicate or subject or not word) and before[3] != "l" and (
            after[3] == "p"
            or (
                (after[3] == "v" or (graded and after[3] == "vn"))
                and after[2] not in data.predicate_openers  # 完成计划好的要表扬: a subject
                and after[2] not in _COPULAS  # 更严重的是会…: a noun phrase is its subject
                and (
                    (
                        last is not None
                        and (last[3][:1] in _OBJECT_TAGS or last[2] in _OBJECT_OPENERS)
                        and not last[2].startswith(tuple(data.heads))
                    )
                    # a colon right after the verb: a quotation is its object (尖锐的指出：)
                    or (last is None and text.startswith("：", lo + after[1]))
                )
            )
        ):
            # 要更多的支持农业, 正意气风发的在; 不断的传播先进思想 (an adverb before 的)
            if before[3] == "d":
                object_threshold = data.lm_threshold_object_adverb
            elif predicate:
                object_threshold = data.lm_threshold_object_predicate
            else:
                object_threshold = data.lm_threshold_object
            if graded:
                object_threshold = min(object_threshold, data.lm_threshold_object_degree)
            if d >= 3 and tokens[d - 2][2] in data.lm_joiners and _adverbial_like(model, tokens[d - 3], data):
                object_threshold = min(object_threshold, data.lm_threshold_object_series)
            threshold = min(threshold, object_threshold)
        if (
            (predicate or subject or not word)
            and after[3] == "v"
            and last is None
            and follower is None
            and after[2] not in data.nominal_verbs
            and after[2] not in data.predicate_openers
            and after[2] not in _COPULAS
            and _bare_verb(text, de)
            and not _adverb_after_verb(tokens, k, data)
        ):
            threshold = min(threshold, bare_t)  # 积极稳步的推进。: the verb ends the clause
        if (
            opener
            and d >= 3
            and tokens[d - 2][2] == "、"
            and _adverbial_like(model, tokens[d - 3], data)
            and after[3] in ("v", "p")
            and after[2] not in data.nominal_verbs
        ):
            threshold = min(threshold, series_t)  # 能够便利、完整的阅览和下载
        if score <= threshold or clauses.allowed(de, de + 1):
            continue
        yield _de_di_finding(de, before[2], after[2])


# ===================================================================== WRD002
@dataclass(frozen=True)
class DeComplementData:
    #: Complements that follow 得 (抓得紧, 落实得好).
    complements: frozenset[str] = frozenset()
    #: Degree words that may stand between 得 and the complement (抓得很紧).
    degree: frozenset[str] = frozenset()
    #: Verbs before 的 that never start this pattern (有的好, 是的).
    verb_exceptions: frozenset[str] = frozenset()
    #: jieba's tags of the word before 的: a verb, or an adjective (高兴的很: 得 as well).
    verb_tags: frozenset[str] = frozenset({"v", "vn"})
    #: Regexes (matched within the clause) that exempt a candidate they cover (比预期的好).
    allow: tuple[re.Pattern[str], ...] = ()
    #: jieba's tags of a one-character word that is a complement even when not listed
    #: (走的稳, 放的活): a one-character adjective after verb + 的 ends no noun phrase.
    adjective_tags: frozenset[str] = frozenset()
    #: What may follow the complement besides a clause end (管的严而又严).
    complement_followers: frozenset[str] = frozenset()
    #: An unlisted complement is considered only when the two characters before 的 make
    #: 得 at least this likely against 的 (log ratio, by the language model): 自己的事,
    #: 目的地, 新的更大贡献 are never tagged.
    adjective_prefilter: float = -4.0
    #: A 的 between a verb (jieba's v or vn) and a degree word is reported, whatever follows
    #: the complement (搞的比较好的企业, 做的更加稳妥和周到, 表演的更加拙劣罢了), when the
    #: language model finds 得 this much more likely than 的 there (log ratio over
    #: ``lm_window`` characters on each side).
    lm_threshold: float = float("inf")
    lm_window: int = 3

    def validate(self) -> str | None:
        if not self.complements:
            return "'complements' must not be empty"
        return None

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        # up to three degree words (还很不够, 越来越好)
        degs = f"(?:{_alternation(self.degree)}){{1,3}}" if self.degree else "(?!)"
        han = "[\u4e00-\u9fff]"
        # unlisted: a one-character word, or after a degree word an adjective of 2-4
        # (shortest first: a follower such as 一些 is not part of the adjective: 更大一些)
        unlisted = f"|(?P<single>{han})|(?P<phrase>{han}{{2,4}}?)" if self.adjective_tags else ""
        return re.compile(
            f"的(?<={han}的)(?P<degree>{degs})?(?:(?:{_alternation(self.complements)}){unlisted}){self._end}",
            re.MULTILINE,
        )

    @cached_property
    def _end(self) -> str:
        follow = "".join(f"|{re.escape(w)}" for w in sorted(self.complement_followers))
        # a listed complement repeated after a degree word (抓的很紧很紧, 做的更好更实)
        again = ""
        if self.degree:
            again = f"|(?:{_alternation(self.degree)})(?:{_alternation(self.complements)})(?=[，。；！？、…”]|$)"
        return f"(?=[，。；！？、…”]|${follow}{again})"

    @cached_property
    def comparison(self) -> re.Pattern[str]:
        """A 的 after a Han character, then 比, a stretch of up to six characters without 的
        or a clause end, maybe degree words, and a complement (a listed one or one character)
        before the clause end (做的比过去扎实, 吃的比过去好了): the candidate of a comparison
        after the verb."""
        han = "[\u4e00-\u9fff]"
        degs = f"(?:{_alternation(self.degree)}){{0,2}}" if self.degree else ""
        comp = f"(?:{_alternation(self.complements)})" if self.complements else "(?!)"
        return re.compile(
            f"的(?<={han}的)比(?P<than>[^的，。；！？、：“”\\s]{{1,6}}?){degs}(?P<comp>{comp}|{han})(?:了|一些)?"
            "(?=[，。；！？…”]|$)",
            re.MULTILINE,
        )

    @cached_property
    def before_degree(self) -> re.Pattern[str]:
        """A 的 after a Han character and before a degree word and another Han character."""
        if not self.degree:
            return re.compile("(?!)")
        return re.compile(f"的(?<=[\u4e00-\u9fff]的)(?=(?:{_alternation(self.degree)})[\u4e00-\u9fff])")

    @cached_property
    def listed(self) -> re.Pattern[str]:
        """A listed complement after any split of the degree words: where :attr:`pattern`
        read the last of them as part of an unlisted one (还很不 + 够 for 还很 + 不够)."""
        degs = f"(?:{_alternation(self.degree)}){{0,3}}" if self.degree else ""
        return re.compile(f"的{degs}(?:{_alternation(self.complements)}){self._end}", re.MULTILINE)


@rule("WRD002", "de-before-complement", data=DeComplementData, severity="warning", fix="safe")
def de_before_complement(doc: Document, data: DeComplementData) -> Iterator[Diagnostic]:
    """动词后的补语前误用“的”，应为“得”（如“抓的紧”“承诺的好”）。

    ## 检查内容
    动词 + “的” + （程度词）+ 补语（好、紧、实、扎实、到位……），且补语就在分句末尾时，
    “的”应为“得”：`抓的紧` → `抓得紧`，`落实的很好` → `落实得很好`。
    词表之外，jieba 标为形容词的单字（`走的稳`、`管的严而又严`）和程度词后的形容词
    （`建设的更加整洁`、`变化的很快`）也算补语，但只在语言模型认为“的”前两个字后接“得”
    并非罕见时才考虑（`自己的事`、`目的地`、`新的更大贡献`不看）。
    程度词可以连用（`做的还很不够`），补语后可接“一些、一点、了”（`迈的更大一些`），
    补语可带程度词重复（`抓的很紧很紧`）。动词 + “的” + “比……” + 补语在分句末尾是比较
    补语（`做的比过去扎实`、`吃的比过去好了`）；“比”后另有“的”（`做的比说的多`）或
    “比”属于别的词（`所占的比重较大`）时不报。
    动词与程度词之间的“的”，语言模型认为“得”的可能性高出很多（对数似然比超过
    `lm_threshold`）时，补语后接什么都报告：`搞的比较好的企业`、`做的更加稳妥和周到`；
    `采取的非常措施`（关系从句）模型读作“的”，不报。
    前面的词须被 jieba 标为动词或形容词（形容词后也用“得”：高兴得很）；“有的好”
    “比预期的好”（比较句）等见 `rules/wrd.yaml` 的例外。

    ## 为什么
    “得”连接动词和表示程度、结果的补语；写成“的”会被读成“……的（东西）好”，意思走样。

    ## 示例（错 → 对）
    - 错：`工作抓的紧，落实的好。` → 对：`工作抓得紧，落实得好。`
    - 错：`嘴上承诺的好，行动上不落实` → 对：`嘴上承诺得好，行动上不落实`
    - 错：`让企业走得出、走的稳` → 对：`走得稳`
    - 不报：`成效比预期的好。`

    ## 修复安全性
    安全：只把这一个“的”换成“得”。

    ## 依据
    《现代汉语词典》（第7版）“得（de）”条：用在动词或形容词后面，连接表示结果或程度的补语。
    """
    text = doc.check_text
    clauses = _Clauses(text, data.allow)
    model = lm.model() if data.adjective_tags or data.lm_threshold < float("inf") else None
    reported: set[int] = set()
    for found in data.pattern.finditer(text):
        de = found.start()
        m = found
        if found.group("degree") and (found.groupdict().get("single") or found.groupdict().get("phrase")):
            m = data.listed.match(text, de) or found  # 还很不够: 还很 + the listed 不够
        groups = m.groupdict()
        single, phrase, degree = groups.get("single"), groups.get("phrase"), groups.get("degree")
        if phrase is not None and degree is None:
            continue  # an unlisted word of 2-4 characters is a complement only after 很, 更加 …
        if (single is not None or phrase is not None) and (
            model is None or de < 2 or _left_ratio(model, text[de - 2 : de], "得") <= data.adjective_prefilter
        ):
            continue
        if clauses.allowed(de, de + 1):
            continue
        lo, tokens, starts = clauses.tagged(de, m.end())
        d = _token_at(starts, de - lo)
        if d <= 0 or tokens[d][2] != "的":
            continue
        verb = tokens[d - 1]
        if verb[3] not in data.verb_tags or verb[2] in data.verb_exceptions:
            continue
        if single is not None or phrase is not None:
            # unlisted: a complement only as one adjective, the whole rest of the clause
            group = "single" if single is not None else "phrase"
            c = _token_at(starts, m.start(group) - lo)
            if c < 0 or tokens[c][1] != m.end(group) - lo or tokens[c][3] not in data.adjective_tags:
                continue
        reported.add(de)
        yield _de_de_finding(de, verb[2], m.group(0)[1:])
    yield from _compared_de_de(text, data, reported)
    if model is not None and data.lm_threshold < float("inf"):
        yield from _model_de_de(text, data, model, clauses, reported)


def _compared_de_de(text: str, data: DeComplementData, reported: set[int]) -> Iterator[Diagnostic]:
    """A comparison after verb + 的 (做的比过去扎实, 吃的比过去好了): jieba reads 比 as a word
    of its own (not 比重, 比例), the word before 的 is a verb (jieba's v) and the complement
    a listed one or a word it tags as an adjective.  A nominalised subject compares what
    was done and has its own 的 in the comparison (做的比说的多): never read here."""
    if "比" not in text:
        return
    clauses = _Clauses(text, data.allow)  # a pass of its own, in text order
    for m in data.comparison.finditer(text):
        de = m.start()
        if de in reported or clauses.allowed(de, de + 1):
            continue
        lo, tokens, starts = clauses.tagged(de, m.end())
        d = _token_at(starts, de - lo)
        if d <= 0 or d + 1 >= len(tokens) or tokens[d][2] != "的" or tokens[d + 1][2] != "比":
            continue
        verb = tokens[d - 1]
        if verb[3] != "v" or verb[2] in data.verb_exceptions:
            continue
        comp = m.group("comp")
        if comp not in data.complements:
            c = _token_at(starts, m.start("comp") - lo)
            if c < 0 or tokens[c][1] != m.end("comp") - lo or tokens[c][3] not in data.adjective_tags:
                continue
        reported.add(de)
        yield _de_de_finding(de, verb[2], text[de + 1 : m.end()])


def _de_de_finding(de: int, verb: str, complement: str) -> Diagnostic:
    span = Span(de, de + 1)
    return Diagnostic(
        "WRD002",
        span,
        f"{quote(verb + '的' + complement)}中动词后接补语，“的”应为“得”：{quote(verb + '得' + complement)}",
        Fix.replace(span, "得"),
    )


def _model_de_de(
    text: str, data: DeComplementData, model: lm.Model, clauses: _Clauses, reported: set[int]
) -> Iterator[Diagnostic]:
    """A 的 between a verb and a degree word that the model reads as 得 (above
    ``lm_threshold``), whatever follows the complement: 搞的比较好的企业 (a noun after it),
    做的更加稳妥和周到 (coordinated), 表演的更加拙劣罢了.  A relative clause before a degree
    word (采取的非常措施, 应当做的还差得很远) the model reads as 的."""
    for m in data.before_degree.finditer(text):
        de = m.start()
        if de in reported or pair_score(model, text, de, de + 1, "得", data.lm_window) <= data.lm_threshold:
            continue
        if clauses.allowed(de, de + 1):
            continue
        lo, tokens, starts = clauses.tagged(de, de + 1)
        d = _token_at(starts, de - lo)
        if d <= 0 or tokens[d][2] != "的":
            continue
        verb = tokens[d - 1]
        if verb[3] not in ("v", "vn") or verb[2] in data.verb_exceptions:
            continue
        end = _PHRASE_END_RE.search(text, de + 1, de + 7)
        complement = text[de + 1 : end.start() if end else de + 5].split("的")[0]
        yield _de_de_finding(de, verb[2], complement)


# ===================================================================== WRD003
@dataclass(frozen=True)
class Misuse:
    #: The misused form as written.
    wrong: str
    #: What to write instead.
    right: str
    #: Why (shown in the message and the documentation).
    reason: str
    #: Optional regex tried where ``wrong`` occurs (lookarounds for context); it must
    #: match there, starting with the word.
    pattern: str = ""
    #: Longer strings containing ``wrong`` in which it is right (一份内容, 省份内).
    exceptions: tuple[str, ...] = ()
    #: Fix safety: "safe", "unsafe" or "none".
    fix: str = "safe"

    def validate(self) -> str | None:
        if not self.wrong or not self.right:
            return "'wrong' and 'right' must not be empty"
        if self.wrong == self.right:
            return f"'{self.wrong}' maps to itself"
        if self.fix not in ("safe", "unsafe", "none"):
            return f"'fix' must be safe, unsafe or none, not {self.fix!r}"
        for e in self.exceptions:
            if self.wrong not in e:
                return f"exception {e!r} does not contain {self.wrong!r}"
        if self.pattern:
            try:
                p = re.compile(self.pattern)
            except re.error as exc:
                return f"invalid regex {self.pattern!r}: {exc}"
            if p.groups:
                return f"pattern {self.pattern!r} must not have capturing groups"
        return None

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.pattern or re.escape(self.wrong))


def load_confusables(path: Path) -> tuple[Misuse, ...]:
    """The entries of a confusables file: ``wrong<TAB>right<TAB>source<TAB>reason`` a line.

    Lines starting with ``#`` and blank lines are skipped.  A malformed line raises
    :class:`RuleDataError` naming the file and the line.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleDataError(f"{path.name}: cannot read: {exc}") from None
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 4 or not all(p.strip() for p in parts):
            raise RuleDataError(f"{path.name}:{n}: expected wrong, right, source and reason separated by tabs")
        wrong, right, source, reason = (p.strip() for p in parts)
        e = Misuse(wrong, right, f"{reason}（{source}）")
        problem = e.validate()
        if problem:
            raise RuleDataError(f"{path.name}:{n}: {problem}")
        out.append(e)
    return tuple(out)


@dataclass(frozen=True)
class MisuseData:
    entries: tuple[Misuse, ...] = ()
    #: A file under ``rules/`` with more entries, one a line (see :func:`load_confusables`):
    #: forms that are wrong wherever they stand, so they need no pattern or exceptions.
    confusables: str = ""

    @cached_property
    def all_entries(self) -> tuple[Misuse, ...]:
        if not self.confusables:
            return self.entries
        return self.entries + load_confusables(segment.rules_file(self.confusables))

    def validate(self) -> str | None:
        try:
            entries = self.all_entries
        except RuleDataError as exc:
            return str(exc)
        seen: set[str] = set()
        rights = {e.right for e in entries}
        for e in entries:
            if e.wrong in seen:
                return f"'{e.wrong}' listed twice"
            seen.add(e.wrong)
            if e.wrong in rights:
                return f"'{e.wrong}' is both a wrong and a right form (a cycle)"
        return None

    @cached_property
    def finder(self) -> tuple[WordFinder, dict[str, Misuse]]:
        table = {e.wrong: e for e in self.all_entries}
        return WordFinder(tuple(table)), table


def substitution_fix(span: Span, right: str, kind: str) -> Fix | None:
    """The fix replacing ``span`` by ``right``; ``kind``: safe, unsafe or none (no fix)."""
    return None if kind == "none" else Fix.replace(span, right, "safe" if kind == "safe" else "unsafe")


def substitutions(text: str, finder: WordFinder, table: Mapping[str, Misuse]) -> Iterator[tuple[int, int, Misuse]]:
    """(start, end, entry) of each wrong form of ``table`` in ``text`` that is no exception.

    The one substitution check, shared by WRD003 and the substitution rules of rule packs:
    ``finder`` finds the wrong forms (the keys of ``table``); an entry's context pattern,
    if any, must match where its form stands (and sets the end of the finding); a form
    inside one of its entry's exceptions (份内 in 省份内) is right there.
    """
    for start, end, wrong in finder.finditer(text):
        e = table[wrong]
        if e.pattern:  # the context pattern is tried where the word occurs
            m = e.regex.match(text, start)
            if m is None:
                continue
            end = m.end()
        if not in_exception(text, start, text[start:end], e.exceptions):
            yield start, end, e


def _misuse_diag(span: Span, wrong: str, e: Misuse) -> Diagnostic:
    return Diagnostic("WRD003", span, f"{quote(wrong)}应为{quote(e.right)}：{e.reason}",
                      substitution_fix(span, e.right, e.fix))


@rule("WRD003", "misused-word", data=MisuseData, severity="warning", fix="sometimes")
def misused_word(doc: Document, data: MisuseData) -> Iterator[Diagnostic]:
    """错别字和误用词（报帐→报账、份内→分内、做为→作为、既使→即使、部份→部分……）。

    ## 检查内容
    两份词表：
    - `rules/wrd_confusables.txt`：任何位置都错的写法，一行一条（错误写法、正确写法、来源、
      理由），来自《第一批异形词整理表》（GF 1001-2001，非推荐词形 → 推荐词形）、《咬文嚼字》
      公布的“当代汉语出版物中最常见的100个别字”、它历年“十大语文差错”中的错字和其他公开的
      常见错别字表；只收不是常用词、不是正确词语的一部分、也不易跨词出现的写法；
    - `rules/wrd.yaml` 中 WRD003 的 `entries`：需要例外或上下文的条目，写明错误写法作为
      更长词语的一部分时是对的那些上下文（例外，如“一份内容”“省份内”中的“份内”）；
      需要看上下文的条目（“既使……又……”是对的，“既使”单用应为“即使”）用正则写出前后文。
    错误写法只是两个正确词语相接处的字（“平安祥和”中的“安祥”：平安 + 祥和）时不报告：
    按 jieba 的切分，没有一个词覆盖整个写法，而与它相交的都是伸出写法之外的常用词。

    ## 为什么
    错别字是讲话稿中最“显眼”的错误，也是审稿时最先被挑出来的问题。词表只收确定的错误，
    每条附理由，宁缺毋滥。

    ## 示例（错 → 对）
    - 错：`扶贫项目实行报帐制` → 对：`扶贫项目实行报账制`
    - 错：`是各级党组织的份内职责` → 对：`是各级党组织的分内职责`
    - 错：`做为一名党员干部，` → 对：`作为一名党员干部，`
    - 错：`同志们要再接再砺` → 对：`同志们要再接再厉`（GF 1001-2001）
    - 不报：`既使群众得实惠，又使企业受益`

    ## 修复安全性
    多数条目安全（一对一替换）；词表中 `fix: unsafe` 的条目需要 `--unsafe-fixes`，
    `fix: none` 的条目不提供修复。

    ## 依据
    《现代汉语词典》（第7版）；教育部、国家语委《第一批异形词整理表》（2001）；
    《通用规范汉字表》（2013）。条目由本项目编写，理由逐条写在词表中。
    """
    text = doc.check_text
    finder, table = data.finder
    for start, end, e in substitutions(text, finder, table):
        if not _junction(text, start, end):
            yield _misuse_diag(Span(start, end), text[start:end], e)


#: How far (in Han characters) around a misused form the text is segmented.
_JUNCTION_REACH = 8
#: Words of the segmentation rarer than this (jieba's frequency) do not make a junction.
_JUNCTION_MIN_FREQ = 5


def _junction(text: str, start: int, end: int) -> bool:
    """Is ``text[start:end]`` only the junction of two words (平安|祥和 holds 安祥)?

    True when jieba's segmentation of the Han text around it keeps no token over the
    whole form and every token touching it is a common word of two or more characters
    reaching outside it: the form was never written, two correct words touch.
    A real slip stays a token of its own (神态/安祥) or falls apart into single
    characters (按/装).
    """
    lo, hi = start, end
    while lo > 0 and start - lo < _JUNCTION_REACH and HAN_RE.match(text[lo - 1]):
        lo -= 1
    while hi < len(text) and hi - end < _JUNCTION_REACH and HAN_RE.match(text[hi]):
        hi += 1
    touching = [(lo + a, lo + b, f) for a, b, f in segment.tokens(text[lo:hi]) if lo + a < end and lo + b > start]
    if len(touching) < 2:
        return False
    return all(b - a > 1 and f >= _JUNCTION_MIN_FREQ and (a < start or b > end) for a, b, f in touching)


# ===================================================================== WRD004
@dataclass(frozen=True)
class TermGroup:
    #: Forms of one term; the less used one in a document is reported.
    forms: tuple[str, ...]
    #: Why the forms must not be mixed.
    reason: str
    #: The standard form, if the norms name one: a document whose majority writes another form
    #: is never advised to change this one (其他 for persons stays 其他 in a text that mostly
    #: writes 其它).
    preferred: str | None = None

    def validate(self) -> str | None:
        if len(self.forms) < 2 or len(set(self.forms)) != len(self.forms):
            return "'forms' needs at least two different forms"
        if self.preferred is not None and self.preferred not in self.forms:
            return f"'preferred' {self.preferred!r} is not one of the forms"
        if any("\n" in f or "\r" in f for f in self.forms):
            return "a form must not hold a line break"  # WRD004's line view reads line by line
        for a in self.forms:
            for b in self.forms:
                if a != b and a in b:
                    return f"form {a!r} is part of {b!r}"
        return None


@dataclass(frozen=True)
class TermData:
    groups: tuple[TermGroup, ...] = ()

    @cached_property
    def index(self) -> tuple[WordFinder, dict[str, int]]:
        owner = {f: i for i, g in enumerate(self.groups) for f in g.forms}
        return WordFinder(tuple(owner)), owner


def consistency_findings(
    text: str, groups: tuple[tuple[tuple[str, ...], str], ...], code: str, finder: WordFinder,
    owner: dict[str, int], preferred: tuple[str | None, ...] = (),
) -> Iterator[Diagnostic]:
    """Shared with rule packs: report each use of a minority form of a group.

    ``owner`` maps each form to its group's index in ``groups`` (forms, reason).
    ``preferred`` gives, per group, the standard form or None: a group whose majority is not
    its standard form is left alone (the advice would be to replace the standard form).
    """
    hits: dict[int, dict[str, list[tuple[int, int]]]] = {}
    for start, end, form in finder.finditer(text):
        hits.setdefault(owner[form], {}).setdefault(form, []).append((start, end))
    for gi, by_form in hits.items():
        if len(by_form) < 2:
            continue
        ranked = sorted(by_form.items(), key=lambda kv: -len(kv[1]))
        major, major_hits = ranked[0]
        if len(ranked[1][1]) == len(major_hits):
            continue  # a tie: no majority to point to
        standard = preferred[gi] if gi < len(preferred) else None
        if standard is not None and major != standard:
            continue  # the minority is the standard form: never advise against it
        reason = groups[gi][1]
        for form, ms in ranked[1:]:
            for start, end in ms:
                span = Span(start, end)
                yield Diagnostic(
                    code,
                    span,
                    f"{quote(form)}与本文多数写法{quote(major)}（{len(major_hits)} 处）不一致，"
                    f"应统一为{quote(major)}：{reason}",
                    Fix.replace(span, major, "unsafe"),
                )


def _term_view(number: int, line: str, masked: str) -> tuple[object, tuple[tuple[int, int], ...]]:
    """WRD004's line view (``registry.rule``): where the line uses a form of a term, the
    characters of that use (no form holds a line break, so the uses in the document are
    those of its lines); nothing else of the line is read."""
    from ..data import family_data

    data: TermData = family_data("WRD")["WRD004"]  # the data the engine runs it with
    finder, _ = data.index
    return None, tuple((start, end) for start, end, _ in finder.finditer(masked))


@rule("WRD004", "inconsistent-term", data=TermData, severity="warning", fix="unsafe", scope="document",
      line_view=_term_view)
def inconsistent_term(doc: Document, data: TermData) -> Iterator[Diagnostic]:
    """同一文稿中同一术语有两种写法（如“党风廉政建设”与“党风廉洁建设”）。

    ## 检查内容
    `rules/wrd.yaml` 中 WRD004 的每一组写法（同一术语的不同写法）在一篇文稿中同时出现时，
    报告用得少的写法的每一处，并指出多数写法；两种写法次数相同时不报（无从判断）。
    一组写法若有规范推荐的写法（`preferred`），而文稿的多数写法不是它，也不报：
    不会建议把规范写法改成不规范的写法（如多数写“其它”时，指人的“其他”不报）。

    ## 为什么
    一篇讲话前后用两种写法，听众会以为说的是两件事；公文要求术语前后一致。

    ## 示例（错 → 对）
    - 错：`加强党风廉政建设……党风廉政建设……党风廉洁建设` →
      对：三处都写`党风廉政建设`
    - 不报：全文只用其中一种写法

    ## 修复安全性
    不安全：替换为多数写法通常正确，但也可能多数写法才是错的，需要人工确认。

    ## 依据
    GB/T 15835-2011 第4章总则（同一文本中同类用法保持一致）；GB/T 9704-2012 对公文用语
    准确、规范的要求。
    """
    finder, owner = data.index
    groups = tuple((g.forms, g.reason) for g in data.groups)
    preferred = tuple(g.preferred for g in data.groups)
    yield from consistency_findings(doc.check_text, groups, "WRD004", finder, owner, preferred)


# ===================================================================== WRD005
@dataclass(frozen=True)
class Expression:
    #: The exact, canonical wording.
    canonical: str
    #: Altered or truncated forms seen in drafts, each reported.
    variants: tuple[str, ...]
    reason: str

    def validate(self) -> str | None:
        if not self.variants:
            return "'variants' must not be empty"
        if self.canonical in self.variants:
            return f"canonical form {self.canonical!r} listed as a variant"
        return None


@dataclass(frozen=True)
class FixedSequence:
    #: Name of the formulation (四个自信).
    name: str
    #: Its items in their fixed order.
    items: tuple[str, ...]
    reason: str
    #: Suffixes an item may carry in an enumeration (创新发展、协调发展…).
    suffixes: tuple[str, ...] = ()

    def validate(self) -> str | None:
        if len(self.items) < 2 or len(set(self.items)) != len(self.items):
            return "'items' needs at least two different items"
        return None


@dataclass(frozen=True)
class ExpressionData:
    expressions: tuple[Expression, ...] = ()
    sequences: tuple[FixedSequence, ...] = ()
    #: An enumeration: items separated by 、 (no other punctuation inside an item).
    enumeration: re.Pattern[str] = field(default=re.compile(r"[^、，。；：！？\s“”‘’《》（）]{1,12}(?:、[^、，。；：！？\s“”‘’《》（）]{1,12})+"))

    def validate(self) -> str | None:
        seen: set[str] = set()
        for e in self.expressions:
            for v in e.variants:
                if v in seen:
                    return f"variant {v!r} listed twice"
                seen.add(v)
        return None

    @cached_property
    def variants(self) -> tuple[WordFinder, dict[str, Expression]]:
        table = {v: e for e in self.expressions for v in e.variants}
        return WordFinder(tuple(table)), table

    @cached_property
    def hint(self) -> re.Pattern[str] | None:
        """A 顿号 followed by an item: where an enumeration of a sequence may be."""
        items = {i for s in self.sequences for i in s.items}
        return re.compile(f"、(?:{_alternation(tuple(items))})") if items else None


@rule("WRD005", "altered-formulation", data=ExpressionData, severity="error", fix="sometimes")
def altered_formulation(doc: Document, data: ExpressionData) -> Iterator[Diagnostic]:
    """规范政治表述被改动、缩略或颠倒顺序（如“以习近平总书记为核心的党中央”）。

    ## 检查内容
    - `expressions`：规范表述的已知错误变体，例如“以习近平同志为核心的党中央”写成
      “以习近平总书记为核心的党中央”，“习近平新时代中国特色社会主义思想”漏字，
      固定表述“四个意识”写成“4个意识”。
    - `sequences`：有固定顺序的并列表述（四个意识、四个自信、三严三实的前三项、
      五位一体、新发展理念），全部各项出现在同一个顿号并列中而顺序不对时报告。
    清单只收确定的表述，宁少勿滥。

    ## 为什么
    重要政治表述有规范的、统一的写法，改动一个字或调换顺序都是政治性差错，
    在讲话稿审核中属于必须改正的问题。

    ## 示例（错 → 对）
    - 错：`在以习近平总书记为核心的党中央领导下` → 对：`在以习近平同志为核心的党中央领导下`
    - 错：`树牢政治意识、核心意识、大局意识、看齐意识` →
      对：`树牢政治意识、大局意识、核心意识、看齐意识`
    - 错：`增强4个意识` → 对：`增强四个意识`

    ## 修复安全性
    变体替换为规范表述是安全的；调整并列顺序标为不安全（请人工确认并列确指该表述）。

    ## 依据
    《中国共产党章程》（2022年修改）总纲；党的十八届六中全会公报（“以习近平同志为核心的
    党中央”）；GB/T 15835-2011 第5.2节（固定表述中的数字用汉字）。
    """
    text = doc.check_text
    finder, table = data.variants
    for start, end, variant in finder.finditer(text):
        e = table[variant]
        span = Span(start, end)
        yield Diagnostic(
            "WRD005",
            span,
            f"{quote(variant)}应为规范表述{quote(e.canonical)}：{e.reason}",
            Fix.replace(span, e.canonical),
        )
    if data.hint is None:
        return
    done = -1
    for h in data.hint.finditer(text):
        if h.start() < done:
            continue
        lo = h.start()
        while lo > 0 and text[lo - 1] not in _ENUM_STOP:
            lo -= 1
        stop = _ENUM_STOP_RE.search(text, h.end())
        hi = stop.start() if stop else len(text)
        done = hi
        for m in data.enumeration.finditer(text, lo, hi):
            for s in data.sequences:
                d = _sequence_finding(m, s)
                if d is not None:
                    yield d


_ENUM_STOP = "，。；：！？“”‘’《》（）\r\n\t \u3000"
_ENUM_STOP_RE = re.compile(f"[{re.escape(_ENUM_STOP)}]")


def _sequence_finding(m: re.Match[str], s: FixedSequence) -> Diagnostic | None:
    """A finding when the enumeration ``m`` holds all of ``s``'s items in another order."""
    whole = m.group(0)
    if not all(it in whole for it in s.items):
        return None  # every element found below is a part of the match: an item is missing
    elems: list[tuple[int, str]] = []
    pos = m.start()
    for el in m.group(0).split("、"):
        elems.append((pos, el))
        pos += len(el) + 1
    # the first element may carry a verb before the item (树牢政治意识), the last one
    # words after it (看齐意识的要求): trim them to the item
    first_pos, first = elems[0]
    for it in s.items:
        if first.endswith(it) and first != it:
            elems[0] = (first_pos + len(first) - len(it), it)
            break
    last_pos, last = elems[-1]
    if _base(last, s) not in s.items:
        for it in sorted(s.items, key=len, reverse=True):
            for suf in ("", *s.suffixes):
                if last.startswith(it + suf):
                    elems[-1] = (last_pos, it + suf)
                    break
            else:
                continue
            break
    idx = [i for i, (_, el) in enumerate(elems) if _base(el, s) in s.items]
    found = [_base(elems[i][1], s) for i in idx]
    if len(found) != len(s.items) or set(found) != set(s.items) or found == list(s.items):
        return None
    first_i, last_i = idx[0], idx[-1]
    if last_i - first_i + 1 != len(s.items):
        return None
    start = elems[first_i][0]
    end = elems[last_i][0] + len(elems[last_i][1])
    order = {it: k for k, it in enumerate(s.items)}
    run = [el for _, el in elems[first_i : last_i + 1]]
    fixed = "、".join(sorted(run, key=lambda el: order[_base(el, s)]))
    span = Span(start, end)
    return Diagnostic(
        "WRD005",
        span,
        f"“{s.name}”的顺序应为{quote(fixed)}：{s.reason}",
        Fix((Edit(span, fixed),), "unsafe"),
    )


def _base(el: str, s: FixedSequence) -> str:
    for suf in s.suffixes:
        if el.endswith(suf) and el[: -len(suf)] in s.items:
            return el[: -len(suf)]
    return el


# ===================================================================== WRD006
@dataclass(frozen=True)
class ConfusedPair:
    #: The two forms, each a word people write for the other (截至, 截止).
    first: str
    second: str
    #: What each form means, in Chinese (shown in the message and the documentation).
    reason: str
    #: This pair's threshold, when it needs its own (else the data's ``threshold``).
    threshold: float | None = None

    def validate(self) -> str | None:
        if not self.first or not self.second:
            return "'first' and 'second' must not be empty"
        if self.first == self.second:
            return f"pair {self.first!r} is paired with itself"
        if self.first in self.second or self.second in self.first:
            return f"form {self.first!r} and {self.second!r}: one is part of the other"
        if not self.reason.strip():
            return "'reason' must not be empty"
        return None

    def other(self, form: str) -> str:
        return self.second if form == self.first else self.first


@dataclass(frozen=True)
class PairData:
    pairs: tuple[ConfusedPair, ...] = ()
    #: Report when log P(alternative) - log P(as written), over the window, exceeds this.
    threshold: float = 10.0
    #: Characters of context scored on each side of the form (never past a clause end).
    window: int = 3

    def validate(self) -> str | None:
        seen: set[str] = set()
        for p in self.pairs:
            for f in (p.first, p.second):
                if f in seen:
                    return f"form {f!r} is in two pairs"
                seen.add(f)
        if self.window < 1:
            return "'window' must be at least 1"
        return None

    @cached_property
    def by_form(self) -> dict[str, ConfusedPair]:
        return {f: p for p in self.pairs for f in (p.first, p.second)}

    @cached_property
    def finder(self) -> WordFinder:
        return WordFinder(tuple(self.by_form))

    def threshold_of(self, pair: ConfusedPair) -> float:
        return self.threshold if pair.threshold is None else pair.threshold


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
    found = _pair_scores.get((id(model), key))
    if found is None:
        found = model.logprob(left, alt + right) - model.logprob(left, form + right)
        if remember and len(_pair_scores) < 100_000:  # bounded: a language server lives long
            _pair_scores[(id(model), key)] = found
    return found


def decisive_score(model: lm.Model, text: str, start: int, end: int, alt: str, window: int = 3) -> float | None:
    """:func:`pair_score` where the words after the form can decide; None elsewhere.

    A form that ends its clause (行使的其他权力。) leaves the model only the characters
    before it, and they rarely tell the two meanings apart: on the tune half, five of the
    seven highest-scoring clean uses of 权利/权力 end a clause, and no injected swap above
    the threshold does (``bench/confused_pairs.py``).
    """
    if not _HAN.match(text, end):
        return None
    return pair_score(model, text, start, end, alt, window)


#: Scores already computed, by (model, window): the same phrases come back (必须坚持).
_pair_scores: dict[tuple[int, str], float] = {}


@rule("WRD006", "confused-pair", data=PairData, severity="warning", fix="unsafe", preview=True)
def confused_pair(doc: Document, data: PairData) -> Iterator[Diagnostic]:
    """两个都是词、意思不同的词用混（截至/截止、度过/渡过、权利/权力、反映/反应、必须/必需），由上下文判断。

    ## 检查内容
    `rules/wrd.yaml` 中 WRD006 的每一对词（两种写法都是正确的词，只是意思不同）：文稿中
    出现其中一个时，用本项目的汉字语言模型（`speechlint/lm.py`，由规范公文统计而来）比较
    这个位置前后各几个字（不跨分句）写成原词和写成另一个词的概率；另一个词的概率压倒性
    地大（对数似然比超过该对词的阈值 `threshold`）时报告，并说明两个词的区别。
    只在模型非常确定时才报，宁漏勿错：拿不准的用法不报；词在分句末尾（后面没有汉字）时
    不报，因为区分这几对词主要靠后面的词。“截止目前”“截止2025年底”这类“截止”后接时间
    的错误由 WRD003 按词形报告。

    本规则是预览规则，默认不启用，需在 `select` 中写明 `WRD006`：在共享语料的检验一半
    （未用于调参）上，它在规范文本中每 10 万字误报 0.21 处，超出默认规则的误报预算。

    ## 为什么
    这些词读音相同或相近、字形相似，两种写法都是词，拼写检查和错别字词表都查不出来，
    却是审稿中常被指出的用词错误：“必需坚持”应为“必须坚持”，“反应群众呼声”应为“反映”，
    “把权利关进制度的笼子里”应为“权力”。

    ## 示例（错 → 对）
    - 错：`我们必需坚持党的全面领导` → 对：`我们必须坚持党的全面领导`
    - 错：`保障群众生活必须品供应` → 对：`保障群众生活必需品供应`
    - 错：`要及时反应群众呼声` → 对：`要及时反映群众呼声`
    - 错：`把权利关进制度的笼子里` → 对：`把权力关进制度的笼子里`
    - 错：`申报截至时间为6月30日` → 对：`申报截止时间为6月30日`
    - 不报：`截至目前`、`报名截止时间`、`依法保障公民权利`、`对市场变化反应迅速`、
      `帮助企业渡过难关`、`价格一度过快上涨`（“度过”跨两个词）

    ## 修复安全性
    不安全：改为另一个词通常正确，但用哪个词由意思决定，需要人工确认（`--unsafe-fixes`）。

    ## 依据
    《现代汉语词典》（第7版）“截至”“截止”“度过”“渡过”“权利”“权力”“反映”“反应”
    “必须”“必需”各条。阈值在共享语料的调参一半上交叉标定（每篇文档由不含它的模型打分，
    `bench/confused_pairs.py --sweep`）：该一半的规范文本中没有一处超过阈值。
    """
    model = lm.model()
    if model is None:
        return
    text = doc.check_text
    for start, end, form in data.finder.finditer(text):
        pair = data.by_form[form]
        alt = pair.other(form)
        score = decisive_score(model, text, start, end, alt, data.window)
        if score is None or score <= data.threshold_of(pair):
            continue
        span = Span(start, end)
        yield Diagnostic(
            "WRD006",
            span,
            f"{quote(form)}在此处疑为{quote(alt)}之误：{pair.reason}",
            Fix((Edit(span, alt),), "unsafe"),
        )


# ===================================================================== WRD007
@dataclass(frozen=True)
class HomophoneData:
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
_HOMOPHONE_WORDS = re.compile("[\u3400-\u9fff]{2}(?: [\u3400-\u9fff]{2})*")


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

    def __init__(self, text: str, name: str) -> None:
        self.name = name
        self._lock = threading.Lock()
        #: first character -> the second characters of its slips
        self.seconds: dict[str, str] = {}
        self._lines: dict[str, str] = {}
        self._words: dict[str, list[str]] = {}
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
        """
        b = text.encode(_UNITS)
        n = len(b)
        found = self.codes.intersection(array("I", b[: n - n % 4]))
        if n > 4:
            found = found.union(self.codes.intersection(array("I", b[2 : n - (n - 2) % 4])))
        if not found:
            return frozenset()
        pairs = array("I", found).tobytes().decode(_UNITS)
        return frozenset(pairs[i : i + 2] for i in range(0, len(pairs), 2))

    @cached_property
    def codes(self) -> frozenset[int]:
        """Every slip as a number (its two UTF-16 code units read as one 32-bit number):
        made once, in ~10 ms, ~7 MB (a set of the slips as strings took 12 MB and 100 ms)."""
        # 布 + 布.join(署告) = 布署布告: the slips of a first character in one string
        every = "".join(first + first.join(seconds) for first, seconds in self.seconds.items())
        return frozenset(array("I", every.encode(_UNITS)))

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
        if not _HOMOPHONE_WORDS.fullmatch(field):
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
    key = (id(model), written, word)
    found = _pair_priors.get(key)
    if found is None:
        found = model.logprob("", word) - model.logprob("", written)
        if len(_pair_priors) < 100_000:  # bounded: a language server lives long
            _pair_priors[key] = found
    return found


_pair_priors: dict[tuple[int, str, str], float] = {}


def _likely_words(model: lm.Model, slip: str, data: HomophoneData) -> list[str]:
    """The words of ``slip`` whose :func:`pair_prior` exceeds ``data.prefilter`` (remembered)."""
    key = (id(model), data.prefilter, slip)
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
    """The run of Han characters around ``text[start:end]``, at most :data:`_JUNCTION_REACH` each side."""
    lo, hi = start, end
    while lo > 0 and start - lo < _JUNCTION_REACH and HAN_RE.match(text[lo - 1]):
        lo -= 1
    while hi < len(text) and hi - end < _JUNCTION_REACH and HAN_RE.match(text[hi]):
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


def homophone_cut(text: str, start: int, min_freq: int = _JUNCTION_MIN_FREQ) -> bool:
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
    lo, hi = start, start + 2
    while lo > 0 and start - lo < _JUNCTION_REACH and HAN_RE.match(text[lo - 1]):
        lo -= 1
    while hi < len(text) and hi - start - 2 < _JUNCTION_REACH and HAN_RE.match(text[hi]):
        hi += 1
    at = start - lo
    d = segment.dictionary()
    return any(
        a <= at and b >= at + 2 and tag in _NAME_TAGS and (b - a > 2 or not d.freq(w))
        for a, b, w, tag in segment.pos_tags(text[lo:hi])
    )


@rule(
    "WRD007", "homophone-slip", data=HomophoneData, severity="warning", fix="unsafe", scope="document",
    preview=True,
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

    本规则是预览规则，默认不启用，需在 `select` 中写明 `WRD007`。误报已在预算之内：
    在共享语料的检验一半上，加入默认规则后全部规则的误报仍为 6 处（每 10 万字 0.42 处，
    预算 0.5 处），其中本规则 0 处；注入的同音、形近错字找到 86%（默认规则 21%）。
    不默认启用是因为速度：它要查看全文每一对相邻汉字（逐行进行，重复的行只算一次），
    在 10 MB 的基准输入上 CPU 时间约增加 0.2–0.3 秒（约一成）、峰值内存从 74 MB 增至
    82 MB，默认规则在这份输入上的速度预算（不慢于 autocorrect-py）已无余量。另外，随包发布的
    模型会把近年报告中的新造词“智造”（智能制造）当作“制造”之误报告（文稿别处写了“制造”时）。

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
