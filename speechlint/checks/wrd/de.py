"""WRD001 and WRD002: 的 written for 地 before a verb, and for 得 before a complement."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from math import log

from ... import adverbials, lm, segment
from ...document import Document
from ...model import Diagnostic, Fix, Span
from ...registry import rule
from .. import quote
from .common import CLAUSE_END, HAN_CHAR_RE, Clauses, alternation, pair_score, token_at

#: Characters after a verb that end its phrase: an opening quote or title mark may start
#: its object (贯彻执行“一国两制”).
_PHRASE_END_RE = re.compile("[。！？；，、：”’」』）)》\r\n\ue000]")


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
    #: ... or this much, when a coordinated adverbial before or after it takes 地 (完整地、
    #: 正确的宣传, 坚决的有步骤地实行).
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
    #: A verb jieba tags v (not vn) right after 的 before the adverbial is a noun, the
    #: subject of the verb after the adverbial (销售收入的增长明显的高于…, 群众的实践自觉的
    #: 进行…), as a noun-verb there is (:func:`_subject_verb`).
    verb_subject_after_de: bool = False
    #: ... or this much, in the same phrase, when a degree word stands before the adverbial
    #: (群众更广泛的参与社区治理, 更加有效的监督政府行为: the verb may be a noun-verb, vn).
    lm_threshold_object_degree: float = float("inf")
    #: ... or this much, in the same phrase, when the adverbial ends a series joined by 、
    #: or a conjunction (救治队伍快速、高效的开展救援活动): each of them modifies the verb.
    lm_threshold_object_series: float = float("inf")
    #: ... or this much, in the same phrase, when the verb's object opens with a determiner
    #: (``lm_determiners``: 有效的防治各种传染病): a determiner opens a noun phrase, so the
    #: verb before it takes an object and is no head of a compound noun.
    lm_threshold_object_determiner: float = float("inf")
    #: Determiners that open the verb's object (各项, 各种, 这些, 所有 …).
    lm_determiners: frozenset[str] = frozenset()
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
    #: An adjective followed by a noun after the verb opens its object (扩大有效投资, 传播先进
    #: 思想, 化解重大风险) for the object thresholds above, as a noun does, and for
    #: ``attributive_after_modal`` (要有效的化解重大风险): an adjective after a verb and
    #: before a noun is the first word of the noun phrase the verb takes.
    object_adjective: bool = False
    #: A 的 after an adjective of two characters (jieba's dictionary: a, ad) that follows a
    #: predicate opener (应当平等的对待, 要审慎的处理) is scored by the model whatever the
    #: cheap character filters say: after a modal verb an adjective + 的 is an adverbial
    #: far more often than elsewhere, and the filters read 等的, 重的 as common.
    lm_score_after_opener: bool = False
    #: A token that jieba made of a one-character nominalizer and a degree word (有较/d in
    #: 有较大幅度的提高) is read as the nominalizer: the phrase after it is its object, not
    #: the predicate an adverb (d) would open.
    merged_nominalizer: bool = False
    #: ... or this much, in the same phrase, when the verb is joined to another verb that
    #: shares its object (有效的保障和改善民生, 有效的防止和克服官僚主义): two verbs with one
    #: object are verbs, and no compound noun of verb + noun can be read.
    lm_threshold_object_coordinated: float = float("inf")
    #: ``lm_threshold_decisive`` does not override a nominalizer (有, 作出 …) before the
    #: adverbial when a listed nominal verb alone follows 的 (有比较清醒的认识，有了明确的
    #: 回答：): such a verb, with no object or marker, is the noun the nominalizer takes.
    decisive_not_nominal: bool = False
    #: A verb phrase with 地 joined to this one before it (清醒地认识和正确的处理…, 深入地
    #: 调查并科学的论证…) makes the adverbial a coordinated adverbial like a 地 right before
    #: it (``lm_threshold_parallel``): each of the joined verbs has its adverbial.
    parallel_verb_phrase: bool = False
    #: ... or this much, in the same phrase, when a predicate opener or an adverb stands
    #: before the adverbial and jieba tags the verb after 的 a noun-verb (vn) with an object
    #: (要具体的研究本地区的情况, 能够有效的调控市场价格, 要经常的教育党员干部): a modal
    #: verb or an adverb takes a verb phrase, not a noun phrase, so the noun-verb with an
    #: object after it is a verb.
    lm_threshold_object_noun_verb: float = float("inf")
    #: A 的 between an adjective of jieba's dictionary (a, ad) and a noun-verb (vn) of it,
    #: with a predicate opener shortly before (各地要深入持久的教育广大党员), is scored by the
    #: model whatever the cheap character filters say: the phrase the noun-verb threshold
    #: reads (``lm_threshold_object_noun_verb``), which the filters, reading 久的教 as
    #: common, would leave unscored.
    lm_score_noun_verb_after_opener: bool = False
    #: A prepositional phrase between a predicate opener and the adverbial (要在全社会广泛
    #: 的宣传…, 应当对申请人如实的告知…) is skipped: what stands before the adverbial is
    #: the opener, not the preposition's noun (which would read as a determiner or a
    #: subject): a modal verb takes the whole verb phrase, the prepositional phrase included.
    preposition_after_opener: bool = False
    #: A set phrase (jieba's l) that ends with a verb of the dictionary, joined to the verb
    #: after 的 (圆满的完成和超额完成生产计划), is the second of coordinated verbs: what
    #: follows it is their object, as after a verb jieba tags v.
    joined_set_phrase_verb: bool = False

    @cached_property
    def strong_marked(self) -> re.Pattern[str]:
        """A 的 before a verb of one or two characters, maybe coordinated with another
        (维护和发展), and a strong marker (推进了, 结合起来): found in one scan of the text."""
        words = self.lm_strong_markers
        han = "[\u4e00-\u9fff]{1,2}"
        joined = f"(?:(?:{alternation(self.lm_joiners)}){han})?" if self.lm_joiners else ""
        return re.compile(f"的(?={han}{joined}(?:{alternation(words)}))" if words else "(?!)")

    @cached_property
    def _graded(self) -> re.Pattern[str]:
        deg = alternation(self.degree) if self.degree else "(?!)"
        return re.compile(f"(?:{deg})[\u4e00-\u9fff]{{1,4}}$")

    @cached_property
    def _determiner(self) -> re.Pattern[str]:
        words = self.lm_determiners
        return re.compile(f"(?:{alternation(words)})" if words else "(?!)")

    @cached_property
    def _determiner_joined(self) -> re.Pattern[str]:
        words, joiners = self.lm_determiners, self.lm_joiners
        if not (words and joiners):
            return re.compile("(?!)")
        verb = "[\u4e00-\u9fff]{1,3}"
        return re.compile(f"{verb}(?:{alternation(joiners)}){verb}(?:{alternation(words)})")

    @cached_property
    def _joined_verb(self) -> re.Pattern[str]:
        joiners = self.lm_joiners
        if not joiners or self.lm_threshold_object_coordinated == float("inf"):
            return re.compile("(?!)")
        return re.compile(f"[\u4e00-\u9fff]{{1,2}}(?:{alternation(joiners)})[\u4e00-\u9fff]")

    def joined_verb_after(self, text: str, de: int) -> bool:
        """Does a joiner follow a word of one or two characters after the 的 at ``de``
        (保障和改善)?  A cheap stand-in for the tagged test of coordinated verbs."""
        return self._joined_verb.match(text, de + 1) is not None

    def determiner_after(self, text: str, de: int) -> bool:
        """Does a determiner start two to four characters after the 的 at ``de`` (after a
        verb of one to three characters: 防治各种), or after two verbs joined (防范和化解各种:
        the tagged test reads past coordinated verbs too)?  A cheap stand-in for the tagged
        test."""
        return any(self._determiner.match(text, de + n) for n in (2, 3, 4)) or bool(
            self._determiner_joined.match(text, de + 1)
        )

    def graded(self, text: str, de: int) -> bool:
        """Does a degree word stand one to four characters before the 的 at ``de`` (更广泛的)?
        A cheap stand-in, before any tagging, for the tagged test; one character after the
        degree word too, where jieba may merge the two (较快的)."""
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
        alts = [alternation(words)] if words else []
        if "以" in self.nominalizers:
            alts.append("(?<![可所难足得用借据加予])以")
        deg = f"(?:{alternation(self.degree)})*" if self.degree else ""
        return re.compile(f"(?:{'|'.join(alts)}){deg}$" if alts else "(?!)")

    @cached_property
    def _opener_before(self) -> re.Pattern[str]:
        deg = f"(?:{alternation(self.degree)})*" if self.degree else ""
        words = self.predicate_openers
        return re.compile(f"(?:{alternation(words)}){deg}$" if words else "(?!)")

    def is_opener(self, word: str) -> bool:
        """Is ``word`` a predicate opener, maybe after a negation or an adverb that jieba
        merged into it (不能, 没能, 也要, 还要: 就不能正确的解决…)?"""
        openers = self.predicate_openers
        return word in openers or (len(word) > 1 and word[0] in _OPENER_PREFIXES and word[1:] in openers)

    @cached_property
    def _opener_near(self) -> re.Pattern[str]:
        words = self.predicate_openers
        return re.compile(alternation(words) if words else "(?!)")

    def opener_near(self, text: str, de: int) -> bool:
        """Does a predicate opener (要, 应当 …) end two to eight characters before the 的 at
        ``de``, on its line?  A cheap stand-in, before any tagging, for the tagged test of
        an opener before the adverbial (``lm_threshold_object_noun_verb``)."""
        return self._opener_near.search(text, _line_back(text, de - 2, 6), de - 2) is not None

    def opens_predicate(self, text: str, start: int) -> bool:
        """Does a predicate opener (要, 必须 …), maybe with degree words, end right before ``start``?"""
        return self._opener_before.search(text, _line_back(text, start, 12), start) is not None

    @cached_property
    def noun_only(self) -> re.Pattern[str]:
        """A listed noun: after a four-character adverbial a nominal verb may be a verb."""
        return re.compile(f"(?:{alternation(self.nouns)})" if self.nouns else "(?!)")

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
            parts.append(f"(?:{alternation(self.nouns)})")
        if self.nominal_verbs:
            marker = f"(?!{alternation(self.verb_markers)})" if self.verb_markers else ""
            parts.append(f"(?:{alternation(self.nominal_verbs)}){marker}")
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
        behind = "|".join(f"(?<=(?:{alternation(tuple(ws))})的)" for _, ws in sorted(by_len.items()))
        return re.compile(f"的(?:{behind})")


#: Negations and adverbs that jieba merges into a modal verb after them (不能, 也要, 还要).
_OPENER_PREFIXES = frozenset("不没未也还就才都又")


def _subject_verb(tokens: tuple[segment.Tagged, ...], k: int, data: DeAdverbialData) -> bool:
    """Is token ``k``, a verb jieba tags as a noun-verb (vn), a noun here: after 的 or a
    noun (经济活动更好的纳入…, 法制的建设紧密的结合起来: the subject of the verb after
    the adverbial), not after a verb or at the clause start (发展多种形式的合作)?  With
    ``verb_subject_after_de``, a verb jieba tags v right after 的 too (收入的增长明显的高于…)."""
    if k == 0 or tokens[k][3] not in ("vn", "v"):
        return False
    word, tag = tokens[k - 1][2], tokens[k - 1][3]
    if tokens[k][3] == "v":
        return data.verb_subject_after_de and word == "的"
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
    if text and tokens[k][2].endswith("是") and _series_numeral_at(text, lo + tokens[k][1] - 2):
        return "open"  # 三是毫不放松的抓好…: a series marker opens the clause
    if _subject_verb(tokens, k, data):
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
    名动词带宾语也算动词，`lm_threshold_object_degree`：`更加有效的监督政府行为`，
    程度词与状语被 jieba 合为一词时也算：`较快的实现粮食增产`；状语是
    并列状语的最后一个时也更低，`lm_threshold_object_series`：`快速、高效的开展救援工作`；
    宾语以“各项、这些、所有”等限定词开头时更低，名动词也算动词
    （`lm_threshold_object_determiner`：`要认真的研究这些问题`）；
    状语前是情态词、副词时，“的”后 jieba 标为名动词（vn）而带宾语的也算动词
    （`lm_threshold_object_noun_verb`：`要具体的研究本地区的情况`），词典中的形容词与名动词
    之间、前有情态词的“的”不受快速预筛的限制（`lm_score_noun_verb_after_opener`：
    `各地要深入持久的教育广大党员`）；情态词与状语之间的介词短语不影响判断，状语前仍是情态词
    （`preposition_after_opener`：`我们要在全社会广泛的宣传法治精神`）；与动词并列的第二个
    动词被 jieba 标为习用语（l）时，其后仍是两个动词共带的宾语（`joined_set_phrase_verb`：
    `圆满的完成和超额完成生产计划`）；
    动词后的形容词后接名词时是宾语的开头（`object_adjective`：`努力的扩大有效投资`）；
    两个动词以“和”等连接、共带一个宾语时更低（`lm_threshold_object_coordinated`：
    `有效的保障和改善民生`）；
    动词后的冒号引出的引语也算宾语：`明确的指出：“……”`；
    动词（非名动词）紧接分句末尾、状语前是谓语成分、主语或分句开头时也较低
    （`lm_threshold_bare`：`积极稳步的推进。`）；情态词后接以顿号并列的状语时更低，
    不需要宾语（`lm_threshold_series_predicate`：`能够便利、完整的阅览和下载`）；
    常作定语的状语（有效、积极……）在情态词之后、动词带宾语时也报（`能够有效的化解风险`）；
    “的”后是“是、有”时不算：`更严重的是……`）；
    并列的另一状语用了“地”（`有机地、恰当的结合`，`扎实的有步骤地推进`，
    `lm_threshold_parallel`；前面用“和、并”连接的另一个动词短语带“地”时也算，
    `parallel_verb_phrase`：`清醒地分析和正确的处理`）；同一段落把同一个状语写作“X地”，且状语前是谓语成分、主语或
    分句开头（`经常地加强监督，经常的开展批评`，`lm_threshold_usage`）；动词后带只有动词
    才带的“了、着、起来、下去、于”等（`严重的损害了`、`很好的结合起来`、`更好的服务于`，
    `lm_threshold_strong`）。词表中的状语后的“的”都交给模型判断，不受快速预筛的限制，
    紧接情态词等之后的双字形容词后的“的”也是如此（`lm_score_after_opener`：`应当平等的对待双方`），
    结巴词典标为副词、成语的二至四字词（`尽可能`、`独立自主`，见 `rules/wrd_adverbials.txt`）
    后的“的”也是如此，四字成语后接动词或介词时用更低的 `lm_threshold_idiom`
    （`随心所欲的伪造历史`）；
    “的”后的介词 jieba 标为名词时（“对”）仍算介词（`如实的对当前形势作出判断`）；
    动词后的“的”结束分句时是“是……的”句的语气词，不算中心语（`是群众自觉的进行的。`）；
    “有计划、有步骤”等并列状语中的“有”属于状语，不是动词（`有领导、有步骤的推进`）；
    “一是、三是”等序号视为分句开头；名动词（vn）前是名词或“的”时是主语
    （`经济活动更好的纳入`），动词（v）紧接“的”之后时也是主语
    （`verb_subject_after_de`：`企业收入的增长明显的高于成本的增长`）。找状语前的词时跳过并列的
    其他状语（`及时、准确的`、`积极而又稳妥的`）和动词后的“了、着、过”（`得到了更好的贯彻`
    仍是宾语，不报；`提供及时、准确的查询服务`不报）；模型的判断极为明确时
    （`lm_threshold_decisive`）不再看状语前的词，但“有、作出”等之后
    “的”后只有一个名动词时仍是它们的宾语，不报（`decisive_not_nominal`：`要有清醒的认识。`）；
    jieba 把“有”和程度词合成一词（有较/d）时仍按“有”看（`merged_nominalizer`：`有较大幅度的提高`，不报）。

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
    clauses = Clauses(text, data.allow)
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
        if not HAN_CHAR_RE.match(text, de + 1) or data.opens_noun_phrase(text, start):
            continue  # 科学的。, 以科学的方向: no verb after 的, or a noun phrase begins
        after_end = _PHRASE_END_RE.search(text, de + 1, de + 4)
        if (
            after_end
            and text[de + 1 : after_end.start()] not in data.verbs_or_prepositions
            and not data.opens_predicate(text, start)
        ):
            continue  # 最有力的鞭策。: a word that ends the clause has no object or marker
        lo, tokens, starts = clauses.tagged(start, de + 1)
        a = token_at(starts, start - lo)
        d = token_at(starts, de - lo)
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
                    and (
                        tokens[d + 2][3][:1] in ("n", "r", "l")  # an object (货币供应量, 内部矛盾)
                        or (data.object_adjective and _adjective_object(tokens, d + 2))  # 重大风险
                    )
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


def _verb_phrase(token: segment.Tagged) -> bool:
    """Is ``token`` a set phrase (l) of three or more characters whose last two are a verb
    of jieba's dictionary (超额完成, 全面推进)?"""
    word = token[2]
    return token[3] == "l" and len(word) >= 3 and segment.dictionary().tag(word[-2:]) == "v"


#: jieba's tags (first letter) of the noun of a prepositional phrase (在全社会, 对申请人).
_PREPOSITION_OBJECT_TAGS = "nr"


def _opener_before_preposition(tokens: tuple[segment.Tagged, ...], k: int, data: DeAdverbialData) -> int:
    """The index of the predicate opener when token ``k`` is the noun (one or two tokens: a
    noun, a pronoun) of a prepositional phrase that the opener stands right before (要 +
    在 + 全社会 + 广泛的…, 应当 + 对 + 申请人 + 如实的…); else -1."""
    j = k
    while j >= 0 and k - j < 2 and tokens[j][3][:1] in _PREPOSITION_OBJECT_TAGS:
        j -= 1
    found = (
        j < k
        and j >= 1
        and tokens[j][3] == "p"
        and tokens[j][2] in data.prepositions
        and data.is_opener(tokens[j - 1][2])
    )
    return j - 1 if found else -1


def _de_di_finding(de: int, adverbial: str, word: str) -> Diagnostic:
    span = Span(de, de + 1)
    phrase = adverbial + "的" + word
    return Diagnostic(
        "WRD001",
        span,
        f"{quote(phrase)}中“的”后是动词或介词，前面是状语，应为“地”：{quote(adverbial + '地' + word)}",
        Fix.replace(span, "地"),
    )


def _is_han(c: str) -> bool:
    """Is ``c`` (one character) in the Han block U+4E00-U+9FFF?  Tested in Python rather than
    by a character class in a pattern: the standard library's compiler walks every code
    point of such a class (about 0.6 ms for each one a pattern contains)."""
    return "\u4e00" <= c <= "\u9fff"


#: 的 between two Han characters: where a slip for 地 can be (a pattern, not :func:`_is_han`:
#: about 16,000 such 的 in 10 MB, each dearer in a Python loop than the class's compilation).
_DE_SITE = re.compile("的(?<=[\u4e00-\u9fff]的)(?=[\u4e00-\u9fff])")


def _after_han(
    pattern: re.Pattern[str], text: str, keep: Callable[[re.Match[str]], bool] | None = None
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern that starts with 的, keeping the matches whose
    的 follows a Han character: what a lookbehind (?<=[\u4e00-\u9fff]的) after the 的 did,
    without compiling its character class in each pattern (see :func:`_is_han`); ``keep``:
    a further test of the match in place of the pattern's own classes.  As with the
    lookbehind, a rejected 的 lets the search go on at the next character, and after a
    match it goes on at the match's end (never empty: it holds the 的)."""
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        start = m.start()
        if start and _is_han(text[start - 1]) and (keep is None or keep(m)):
            yield m
            pos = m.end()
        else:
            pos = start + 1


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
#: The numerals of a series marker (一是, 二是 …).
_SERIES_NUMERALS = frozenset("一二三四五六七八九十")


def _series_numeral_at(text: str, i: int) -> bool:
    """Does a series marker's numeral + 是 stand at ``i`` of ``text``, not after a Han
    character (其一是 is not one)?  A negative ``i`` counts as 0, as a pattern's match did."""
    i = max(i, 0)
    return text[i : i + 1] in _SERIES_NUMERALS and text[i + 1 : i + 2] == "是" and not (i and _is_han(text[i - 1]))
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
    return model is not None and bool(HAN_CHAR_RE.match(word)) and _left_ratio(model, word[-2:]) > data.lm_prefilter


def _series_start(text: str, lo: int, de: int) -> int:
    """Where the tagged stretch before the 的 at ``de`` starts when its clause starts at
    ``lo`` right after a 、: the 、 joins adverbials (及时、准确的), so the stretch reaches
    back over them to the previous clause end, at most ``2 * _TAG_REACH`` characters."""
    floor = max(0, de - 2 * _TAG_REACH)
    return max(floor, max(text.rfind(c, floor, lo - 1) for c in CLAUSE_END if c != "、") + 1)


def _series_context(text: str, lo: int, de: int, data: DeAdverbialData) -> str:
    """:func:`_context` for an adverbial that ends a series joined by 、 at the start of its
    clause: what stands before the series decides (提供及时、准确的查询服务: a verb, so a
    noun phrase; 应当及时、准确的告知: a predicate)."""
    start = _series_start(text, lo, de)
    tokens = segment.pos_tags(text[start : de + 1 + _TAG_REACH])
    d = token_at([t[0] for t in tokens], de - start)
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
        elif data.parallel_verb_phrase and _joined_verb_phrase(tokens, k, data):
            parallel = True  # 清醒地认识和正确的处理: the verb phrase before has 地
            k -= 4
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


def _joined_verb_phrase(tokens: tuple[segment.Tagged, ...], k: int, data: DeAdverbialData) -> bool:
    """Is token ``k`` a joiner (和, 并, 、) after a verb that an adverbial with 地 modifies
    (清醒地认识和 + 正确的处理)?  Two verb phrases joined, each with its own adverbial: the
    one before 的 is an adverbial too."""
    return (
        k >= 3
        and tokens[k][2] in data.lm_joiners
        and tokens[k - 1][3][:1] == "v"
        and tokens[k - 2][2] == "地"
        and tokens[k - 2][3] == "uv"
    )


#: jieba's tags of an adverbial adjective, an idiom, a descriptive word (扎扎实实): right
#: before another adverbial they are part of its phrase (a plain adjective may be the
#: object of a verb: 促和谐更好的结合起来).
_ADVERBIAL_TAGS = frozenset({"ad", "i", "z"})
#: jieba's tags (first letter) of what may be the object of a verb: a noun, a pronoun, a
#: verb, a distinguishing word that opens a noun phrase (整个, 共同), a set phrase (l:
#: 恰当的引入高等学校, 正确的处理人民内部矛盾).  The set phrase: cross-fitted, old 606 ->
#: 609 of 726, tune 128 of 131, no clean 的 reported in either.
_OBJECT_TAGS = "nrvbl"


def _bare_verb(text: str, de: int) -> bool:
    """Does the phrase end within four characters after the 的 at ``de``, leaving its verb
    no object?  A colon does not: what it introduces is the object (尖锐的指出：“…”)."""
    m = _PHRASE_END_RE.search(text, de + 1, de + 5)
    return m is not None and text[m.start()] != "："


def _clause_final_de(text: str, lo: int, token: segment.Tagged) -> bool:
    """Is ``token`` (tagged from ``lo``) a 的 that ends its clause (是有步骤的进行的。)?  The
    particle of a 是…的 sentence, not the 的 of a noun phrase: the verb before it is one.
    Cross-fitted: old 597 -> 599 of 726, tune 128 of 131, no clean 的 reported in either."""
    return token[2] == "的" and _CLAUSE_FINAL_RE.match(text, lo + token[1]) is not None


#: What ends a clause after a 是…的 particle (the end of the text or the line too).
_CLAUSE_FINAL_RE = re.compile("[。！？；，…”]|$", re.MULTILINE)


def _nominal_object(
    word: str, after: segment.Tagged, follower: segment.Tagged | None, data: DeAdverbialData
) -> bool:
    """Is the phrase the noun object of the nominalizer ``word`` before the adverbial: a
    listed nominal verb after 的 (``after``) that ends its clause, nothing after it or a
    punctuation mark (有比较清醒的认识，, 有了明确的回答：)?"""
    return (
        word in data.nominalizers
        and after[2] in data.nominal_verbs
        and (follower is None or follower[3] == "x")
    )


def _dictionary_adjective(word: str) -> bool:
    """Does jieba's dictionary tag ``word`` an adjective (a) or adverbial adjective (ad)?"""
    return segment.dictionary().tag(word) in ("a", "ad")


def _nominalizer_with_degree(word: str, data: DeAdverbialData) -> bool:
    """Is ``word`` a one-character nominalizer and a degree word merged (有较, 有更)?"""
    return len(word) > 1 and word[0] in data.nominalizers and word[1:] in data.degree


def _adjective_object(tokens: tuple[segment.Tagged, ...], f: int) -> bool:
    """Is token ``f``, right after the verb, an adjective that opens its object: a plain
    adjective (jieba's a) followed by a noun or a noun-verb (扩大有效投资, 传播先进思想)?
    After a verb such an adjective is the first word of the noun phrase the verb takes."""
    return (
        tokens[f][3] == "a"
        and f + 1 < len(tokens)
        and (tokens[f + 1][3][:1] == "n" or tokens[f + 1][3] == "vn")
    )


def _degree_merged(word: str, data: DeAdverbialData) -> bool:
    """Is ``word`` a degree word and an adjective that jieba merged into one token (较快,
    更快: 终于较快的实现…)?  The degree word stands before the adverbial all the same."""
    return len(word) > 1 and any(word.startswith(w) and len(word) > len(w) for w in data.degree)


def _you_series(tokens: tuple[segment.Tagged, ...], k: int, d: int) -> bool:
    """Is token ``k`` the 有 of the first adverbial of a series 有X、有Y before the 的 at
    token ``d`` (有领导、有步骤的, 有计划、有重点的)?  jieba reads the first as the verb 有 and
    a noun; the last one before 的 starts with 有, and a 、 joins them.  Cross-fitted: old
    626 -> 628 of 726, tune 128 of 131, no clean 的 reported in either."""
    return (
        0 <= k < d - 3
        and tokens[k][2] == "有"
        and tokens[k + 1][3][:1] == "n"
        and tokens[k + 2][2] == "、"
        and tokens[d - 1][2].startswith("有")
    )


def _object_floor(text: str, de: int, data: DeAdverbialData) -> float:
    """The lowest threshold the 的 at ``de`` may meet once tagged, by cheap looks at the text
    (tagging is dear): ``lm_threshold_bare`` where the phrase ends within four characters,
    else the object thresholds the text may show: after an adverb, a degree word before the
    adverbial, a determiner after the verb (two to five characters after 的)."""
    if _bare_verb(text, de):
        return data.lm_threshold_bare
    floor = min(data.lm_threshold_object, data.lm_threshold_object_predicate)
    if _adverb_before(text, de):
        floor = min(floor, data.lm_threshold_object_adverb)
    if data.graded(text, de):
        floor = min(floor, data.lm_threshold_object_degree)
    if data.lm_determiners and data.determiner_after(text, de):
        floor = min(floor, data.lm_threshold_object_determiner)
    if data.joined_verb_after(text, de):
        floor = min(floor, data.lm_threshold_object_coordinated)
    if (
        data.lm_threshold_object_noun_verb < floor
        and segment.dictionary().tag(text[de + 1 : de + 3]) == "vn"
        and (_adverb_before(text, de - 2) or data.opener_near(text, de))
    ):
        floor = data.lm_threshold_object_noun_verb  # 要具体的研究本地区的情况: a noun-verb
    return floor


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


#: A pattern, not :func:`_is_han`: 地 is frequent, and a Python loop over each costs more.
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
    clauses = Clauses(text, data.allow)
    # below the plain thresholds a site is tagged only when the phrase may show a verb
    # the model cannot see: an object after it (no phrase end right after the verb) or a
    # coordinated adverbial with 地 before it (checked on the text first: tagging is dear)
    plain_t = min(data.lm_threshold, data.lm_threshold_predicate, data.lm_threshold_marked)
    object_plain = min(data.lm_threshold_object, data.lm_threshold_object_predicate)
    bare_t = data.lm_threshold_bare
    series_t = data.lm_threshold_series_predicate
    object_t = min(
        object_plain,
        data.lm_threshold_object_adverb,
        data.lm_threshold_object_degree,
        data.lm_threshold_object_determiner,
        data.lm_threshold_object_coordinated,
    )
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

    # the last characters of the predicate openers: a set lookup before the opener's regex
    opener_tails = {w[-1] for w in data.predicate_openers}

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
        if (
            data.lm_score_after_opener
            and text[de - 3 : de - 2] in opener_tails
            and _dictionary_adjective(two)
            and data.opens_predicate(text, de - 2)
        ):
            return True  # 应当平等的对待…: an adjective right after a modal verb
        if (
            data.lm_score_noun_verb_after_opener
            and _dictionary_adjective(two)
            and segment.dictionary().tag(text[de + 1 : de + 3]) == "vn"
            and data.opener_near(text, de)
        ):
            return True  # 要深入持久的教育…: an adjective and a noun-verb after a modal verb
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
            and score <= _object_floor(text, de, data)
            and (score <= data.lm_threshold_parallel or "地" not in text[max(0, de - 12) : de + 7])
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
        d = token_at([t[0] for t in tokens], de - lo)
        if d <= 0 or d + 1 >= len(tokens) or tokens[d][2] != "的":
            continue
        before, after = tokens[d - 1], tokens[d + 1]
        if before[3] == "m" and before[2] in _AMOUNTS and d > 1 and tokens[d - 2][2] in data.degree:
            before = (*before[:3], "a")  # 更多的依靠: jieba reads 更 + 多, a numeral
        if after[2] in data.prepositions and after[3][:1] == "n":
            # 如实的对全国形势…: jieba reads 对 as a noun (一对).  Cross-fitted: old 599 ->
            # 601 of 726, tune 128 of 131, no clean 的 reported in either
            after = (*after[:3], "p")
        if before[3] not in data.lm_before_tags or after[3] not in data.lm_after_tags:
            continue
        follower = tokens[d + 2] if d + 2 < len(tokens) else None
        if (
            follower is not None
            and follower[2] in data.lm_noun_followers
            and not _clause_final_de(text, lo, follower)
        ):
            continue  # 扎实的推进措施, 坚定的推进中: the verb is used as a noun
        f = d + 2
        while f + 2 < len(tokens) and tokens[f][2] in data.lm_joiners and (
            tokens[f + 1][3][:1] == "v" or (data.joined_set_phrase_verb and _verb_phrase(tokens[f + 1]))
        ):
            f += 2  # 坚定的维护和发展了: what follows the last of coordinated verbs
        last = tokens[f] if f < len(tokens) else None
        k, parallel = _phrase_context(model, tokens, d, data)
        if k > 0 and tokens[k][3] == "a" and (tokens[k - 1][3] == "d" or data.is_opener(tokens[k - 1][2])):
            # 将热烈隆重的庆祝, 要耐心细致的解答: a plain adjective after an adverb or a
            # predicate opener joins the adverbials (elsewhere it may be a verb's object).
            # Cross-fitted: old 631 -> 632 of 726, tune 128 of 131, no clean 的 reported.
            k -= 1
        if follower is not None and follower[2] == "地" and follower[3] == "uv":
            parallel = True  # 坚决的有步骤地实行: the adverbial after it takes 地
        if _you_series(tokens, k, d):
            k -= 1  # 有领导、有步骤的: jieba reads 有 + 领导, a verb and its object
        word, tag = tokens[k][2:] if k >= 0 else ("", "")
        if word.endswith("是") and _series_numeral_at(text, lo + tokens[k][1] - 2):
            word, tag = "", ""  # 一是坚定不移的推进…: a series marker opens the clause
        elif k >= 0 and _subject_verb(tokens, k, data):
            tag = "n"  # 经济活动更好的纳入…: a noun-verb after a noun is the subject
        elif data.merged_nominalizer and _nominalizer_with_degree(word, data):
            word, tag = word[0], "v"  # 收入有较大幅度的提高: jieba's 有较/d is 有 + 较
        elif data.preposition_after_opener and _opener_before_preposition(tokens, k, data) >= 0:
            # 要在全社会广泛的宣传…: the opener before 在 + noun stands before the adverbial
            word, tag = tokens[_opener_before_preposition(tokens, k, data)][2:]
        opener = data.is_opener(word)
        # a coordinated adverbial with 地 modifies a verb, whatever stands before it
        # (把集中与分散有机地、恰当的结合起来), as does a decisive score
        decisive = parallel or (
            score > data.lm_threshold_decisive
            and not (data.decisive_not_nominal and _nominal_object(word, after, follower, data))
        )
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
        graded = (d >= 2 and tokens[d - 2][2] in data.degree) or _degree_merged(before[2], data)
        # a determiner after the verb opens its object (认真的研究这些问题): a noun-verb
        # (vn) before it is a verb too
        determined = last is not None and last[2] in data.lm_determiners
        # a set phrase (l) before 的 counts where its last two characters make 地 plausible
        # (毫不留情的制止…, 多快好省的完成…; not 计划生育的…, 国民经济的…: nouns).
        # Cross-fitted: old 628 -> 630 of 726, tune 128 of 131, no clean 的 reported.
        set_phrase = before[3] == "l" and _left_ratio(model, before[2][-2:]) > data.lm_prefilter
        # a noun-verb (vn) after a predicate opener or an adverb takes its object as a verb
        # (要具体的研究本地区的情况): its own threshold, unless a degree word or a
        # determiner already reads it as a verb
        noun_verb = (
            predicate
            and data.lm_threshold_object_noun_verb < float("inf")
            and not (graded or determined)
        )
        if (predicate or subject or not word) and (before[3] != "l" or set_phrase) and (
            after[3] == "p"
            or (
                (after[3] == "v" or ((graded or determined or noun_verb) and after[3] == "vn"))
                and after[2] not in data.predicate_openers  # 完成计划好的要表扬: a subject
                and after[2] not in _COPULAS  # 更严重的是会…: a noun phrase is its subject
                and (
                    (
                        last is not None
                        and (
                            last[3][:1] in _OBJECT_TAGS
                            or last[2] in _OBJECT_OPENERS
                            or (data.object_adjective and _adjective_object(tokens, f))
                        )
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
            if determined:
                object_threshold = min(object_threshold, data.lm_threshold_object_determiner)
            if d >= 3 and tokens[d - 2][2] in data.lm_joiners and _adverbial_like(model, tokens[d - 3], data):
                object_threshold = min(object_threshold, data.lm_threshold_object_series)
            if f > d + 2 and after[3] == "v":
                # 有效的保障和改善民生: verbs joined before one object
                object_threshold = min(object_threshold, data.lm_threshold_object_coordinated)
            if noun_verb and after[3] == "vn":
                object_threshold = data.lm_threshold_object_noun_verb
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
    #: Followers after which a one-character complement is an adjective whatever jieba
    #: tags it (放的更开一些, 翻的少一些): a comparison's amount.
    comparative_followers: tuple[str, ...] = ()
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
    #: An unlisted complement of 2-4 characters after a degree word, standing alone before
    #: the clause end (处理的比较妥善), is reported whatever jieba tags it (妥善/v) and
    #: whatever the prefilter says when the model finds 得 at least this likely against 的
    #: (log ratio over ``lm_window`` characters on each side); 发展的比较优势 (a noun) it reads as 的.
    phrase_lm_threshold: float = float("inf")
    #: jieba's tags of a phrase :attr:`phrase_lm_threshold` never reads as a complement:
    #: a noun after a degree word is what 的 modifies (采取的非常措施, 发展的比较优势).
    phrase_lm_not_tags: frozenset[str] = frozenset()
    #: Report verb + 的 + a one-character listed complement + 的 (发展的好的地区, 结合的好的):
    #: a complement before a relative 的.
    before_relative_de: bool = False
    #: One-character verbs that after verb + 的 at a clause end (or before 、 and ，) are a
    #: potential complement (接的住, 叫的响, 引的进, 用的上): a verb right after 的 ends no
    #: noun phrase, so verb + 的 + one of them alone in its clause wants 得.
    potential_complements: frozenset[str] = frozenset()
    #: Words right before the verb that make verb + 的 a noun phrase (所: 我们所做的还很
    #: 不够, 他们所讲的非常好): 所 + verb is always what the verb acts on, never the verb
    #: of a complement.  A verb jieba merged with one of them (所讲/v, 所能/v) counts too.
    relative_markers: frozenset[str] = frozenset()
    #: jieba's tags of the one-character words that, opening their clause before 的, make
    #: the 的-phrase the clause's subject, "the X one" (两个方案中，新的好一些): a
    #: one-character adjective (a) with nothing before it in the clause qualifies no verb,
    #: so 的 + what follows is the predicate, not a complement.  Not longer words: a verb
    #: jieba tags a shares the topic of the clause before (工作抓的紧，落实的好).
    #: Empty: off.
    subject_at_start_tags: frozenset[str] = frozenset()
    #: Prepositions of the disposal construction (把): where one stands before the verb in
    #: the clause (jieba's p), an unlisted complement after a degree word needs neither the
    #: prefilter, jieba's adjective tag nor the model's reading (要把营商环境打造的更优, 把
    #: 队伍建设的更加坚强): 把 + object + verb needs the verb's complement, and nothing after
    #: 的 could be the noun of a noun phrase before the clause end.  A noun there (jieba's
    #: ``phrase_lm_not_tags``) is still never read as one.
    disposal_markers: frozenset[str] = frozenset()
    #: Causative verbs (让, 使, jieba's v) before the verb in the clause, with the verb's own
    #: subject between them (让企业发展的更加稳健): an adjective after a degree word (jieba's
    #: ``adjective_tags``) needs no prefilter there, as the causee's verb takes the
    #: complement.  Not after 让人/使人 (让人担心的还很多: 让人 + verb + 的 is a noun phrase
    #: of its own).
    causative_markers: frozenset[str] = frozenset()
    #: A one-character unlisted complement that jieba merged with the degree word before it
    #: into one adjective (较快/a, 很深/a, 更稳/a) counts as the complement alone would, when
    #: this is on; never an amount of ``amounts`` (得到的较多: a nominalised subject's
    #: predicate).
    merged_degree: bool = False
    #: A complement repeated after a degree word may be any one character, not only a listed
    #: complement (走的更稳更远, 飞的更高更远): the first complement is checked as ever, the
    #: second one only closes it, and is never one of ``amounts`` (他们追求的更快更高).
    repeated_unlisted: bool = False
    #: Complements of amount after an adjective in a comparison: with 比 (jieba's p) before
    #: it in the clause, adjective + 的 + one of these at the clause end is 得 (比过去高的多,
    #: 比农村复杂的多了).  After a verb or noun the 的 is right (困难比预料的多).
    compared_amounts: frozenset[str] = frozenset()
    #: jieba's tags of state words (z: 扎扎实实, 清清楚楚): one of the form AABB alone between
    #: verb + 的 and a clause end is a complement (把政策讲的清清楚楚), as a state word
    #: describes how something is and modifies no noun there.  Looked up in the dictionary
    #: before tagging.
    state_tags: frozenset[str] = frozenset()
    amounts: frozenset[str] = frozenset()
    #: An adjective (jieba's ``adjective_tags``) of 2-4 characters after a degree word,
    #: alone before the clause end, after a verb (``verb_tags``: jieba tags 落实 a) + 的
    #: needs neither the prefilter nor the model's reading when this is on (会议准备的很
    #: 充分, 大家学习的很认真): after a degree word an adjective ends no noun phrase, and a
    #: verb's 的 before one is the complement's 得.  Never an amount (amounts: 我们付出的
    #: 很大, jieba's merged word, is not a phrase), never after the plain negation 不 (出现
    #: 的不平衡: 不 + adjective makes a noun too).
    degree_adjective_at_end: bool = False
    #: The same for a one-character adjective after a degree word (改革推进的更稳, 路子走的
    #: 越来越宽), alone or merged with the degree word (更稳/a): never an amount.
    degree_single_at_end: bool = False
    #: The same for 有 + a dictionary word after a degree word (这次整治开展的很有成效, 报告
    #: 写的很有分量): degree word + 有 + its object states a quality, as an adjective does.
    degree_you_at_end: bool = False
    #: The same for two adjectives of two characters each after a degree word (各项工作推进
    #: 的更加扎实有效), each tagged one of ``pair_tags`` by the dictionary and by jieba in the
    #: clause: never a noun, which would make adjective + noun (形成的更加紧密联系) or
    #: subject + predicate (发展的比较优势明显).
    degree_pair_at_end: bool = False
    pair_tags: frozenset[str] = frozenset()
    #: Verbs jieba tags an aspect particle (ug: 过) that count as the verb before 的 when a
    #: noun stands right before them (日子过的更好): a particle never follows a noun.
    particle_verbs: frozenset[str] = frozenset()
    #: Conjunctions joining two complements after a degree word (和: 进行的更加经常和有效):
    #: two dictionary words, at least one an adjective and neither a noun, alone before the
    #: clause end are a coordinated complement (:func:`_coordinated_de_de`).
    coordinated_complements: frozenset[str] = frozenset()
    #: Where a verb of two or more characters ends in a character that makes a common word
    #: with 得 (采取, 获取: 取得, 获得; dictionary frequency at least this), the model's
    #: reading of 得 after it (``lm_threshold``) is that word's, not the complement's: not
    #: reported there (这是我们采取的更加积极的财政政策).  Complement-only forms (抓得, 开得,
    #: 用得) have a frequency of 3.
    model_word_frequency: float = float("inf")
    #: Degree words that modify a predicate only, never a noun (很, 十分, 越来越, 不够):
    #: after one of them (anywhere among the degree words) any dictionary word of 2-4
    #: characters alone before the clause end, after verb + 的, is a complement, whatever
    #: jieba tags it (收集的很全面: 全面/n, 总结的还不够系统: 系统/n, 推进的十分迅速: jieba's
    #: 十分迅速/nz).  The other degree words also open nouns (比较优势, 非常措施, 更加公平
    #: 正义), so only an adjective's tag shows a complement after them.  Never an amount.
    predicative_degree: frozenset[str] = frozenset()
    #: Report a potential complement of ``potential_complements`` between verb + 的 and
    #: another 的 (看的见的变化, 做的到的事情, 留的住的人才): the potential complement of a
    #: relative clause.  A one-character verb between two 的 modifies nothing and ends no
    #: noun phrase: 得 is meant (whereas 好 there may be attributive: 提出的好的建议).
    potential_before_relative: bool = False
    #: A one-character complement before a comparative follower (``comparative_followers``:
    #: 有的翻的少一些, 步子迈的大一些) after a word jieba tags a verb (v) needs no prefilter:
    #: a comparison's amount after verb + 的 ends no noun phrase, while the prefilter reads
    #: the two characters before 的 (的翻) as it would for a noun phrase.
    comparative_verb: bool = False
    #: A verb repeated after its object (唱歌唱的好, 把关把的很严, 值班值的很辛苦) counts as
    #: the verb before 的 whatever jieba tags the pieces (唱/v 歌唱/n, 把/p, 值/n): the
    #: character before 的 opens the dictionary word of 2-3 characters right before it.  A
    #: verb-object word takes no complement of its own, so it is repeated for one; no
    #: noun or other word is written that way before 的.
    split_verb_object: bool = False
    #: A word jieba tags a noun (n) before 的 counts as the verb when a degree word follows
    #: 的 and the model finds 了 after its last two characters at least this likely against
    #: 的 (log ratio): an action noun used as a verb (工作部署的不够细致: 部署/n, 任务谋划的
    #: 比较早: 谋划/n, 经验总结的还不够系统: 经验总结/n), which takes 了 as verbs do.  A
    #: possessor (中央的比较具体, 企业的更多) rarely takes 了, and an action noun + 的 +
    #: a degree word + a complement at the clause end makes no noun phrase.
    noun_verb_threshold: float = float("inf")
    #: A dictionary word of 有 + one character (有序, 有力, 有效) counts as an adjective in a
    #: pair of complements (``degree_pair_at_end``: 运行的比较平稳有序) and a coordinated one
    #: (``coordinated_complements``: 推进的更加稳妥而有序), whatever jieba tags it (有序/n):
    #: 有 + its object states a quality, as in ``degree_you_at_end``.
    you_adjectives: bool = False
    #: An amount (``amounts``: 大, 多, 高) after a degree word counts as the complement of
    #: ``degree_single_at_end`` and ``merged_degree`` after a verb jieba tags a verbal noun
    #: (vn: 城市面貌变化的很大, 收入增长的很多): a process verb has no object for 的 to
    #: nominalise, whereas 我们付出的很大 (付出/v: what we paid) stays silent.
    amount_after_verbal_noun: bool = False
    #: Persons (pronouns and collective nouns: 我们, 大家, 群众) that right before the verb
    #: make verb + 的 a nominalised subject, what they face, want or know (我们面临的更加
    #: 复杂和艰巨, 群众期盼的越来越多元): the coordinated complement and the words of
    #: ``predicative_degree`` that are no adjective and the amounts of
    #: ``amount_after_verbal_noun`` are not reported after one.  A topic
    #: before the verb (工作推进的更加扎实和有效, 意见收集的很全面) is its object, so verb + 的
    #: there leaves no object to nominalise.
    nominal_subjects: frozenset[str] = frozenset()

    def pair_tag(self, word: str, tag: str) -> str:
        """``tag``, or an adjective's (a) for 有 + one character (有序/n) with ``you_adjectives``."""
        return "a" if self.you_adjectives and len(word) == 2 and word[0] == "有" and tag else tag

    def validate(self) -> str | None:
        if not self.complements:
            return "'complements' must not be empty"
        return None

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        # up to three degree words (还很不够, 越来越好)
        degs = f"(?:{alternation(self.degree)}){{1,3}}" if self.degree else "(?!)"
        han = "[\u4e00-\u9fff]"
        # unlisted: a one-character word, or after a degree word an adjective of 2-4
        # (shortest first: a follower such as 一些 is not part of the adjective: 更大一些)
        # (never 的: a match over a later 的 would hide it from the search: 有的翻的少一些)
        word = "(?:(?!的)[\u4e00-\u9fff])"
        unlisted = f"|(?P<single>{word})|(?P<phrase>{word}{{2,4}}?)" if self.adjective_tags else ""
        # the lookbehind stays in the pattern (not :func:`_after_han`): it matches often
        return re.compile(
            f"的(?<={han}的)(?P<degree>{degs})?(?:(?:{alternation(self.complements)}){unlisted}){self._end}",
            re.MULTILINE,
        )

    @cached_property
    def _end(self) -> str:
        follow = "".join(f"|{re.escape(w)}" for w in sorted(self.complement_followers))
        # a listed complement repeated after a degree word (抓的很紧很紧, 做的更好更实)
        again = ""
        if self.degree:
            second = f"(?:{alternation(self.complements)})"
            if self.repeated_unlisted:
                # never an amount or size (他们追求的更快更高: what they pursue)
                unlisted = "".join(sorted(self.amounts | {"的"}))
                second = f"(?:{second}|(?![{unlisted}])[\u4e00-\u9fff])"
            again = f"|(?:{alternation(self.degree)}){second}(?=[，。；！？、…”]|$)"
        return f"(?=[，。；！？、…”]|${follow}{again})"

    @cached_property
    def comparison(self) -> re.Pattern[str]:
        """A 的 (after a Han character: the search is :func:`_after_han`), then 比, a stretch of up to six characters without 的
        or a clause end, maybe degree words, and a complement (a listed one or one character)
        before the clause end (做的比过去扎实, 吃的比过去好了): the candidate of a comparison
        after the verb."""
        han = "[\u4e00-\u9fff]"
        degs = f"(?:{alternation(self.degree)}){{0,2}}" if self.degree else ""
        comp = f"(?:{alternation(self.complements)})" if self.complements else "(?!)"
        return re.compile(
            f"的比(?P<than>[^的，。；！？、：“”\\s]{{1,6}}?){degs}(?P<comp>{comp}|{han})(?:了|一些)?"
            "(?=[，。；！？…”]|$)",
            re.MULTILINE,
        )

    @cached_property
    def relative(self) -> re.Pattern[str]:
        """A 的 (after a Han character: the search is :func:`_after_han`), a one-character listed complement and 的 again."""
        ones = [c for c in self.complements if len(c) == 1]
        if not ones:
            return re.compile("(?!)")
        return re.compile(f"的([{''.join(sorted(ones))}])的")

    @cached_property
    def potential(self) -> re.Pattern[str]:
        """A 的 (after a Han character: the search is :func:`_after_han`), then a potential complement alone before a clause end."""
        if not self.potential_complements:
            return re.compile("(?!)")
        chars = "".join(sorted(self.potential_complements))
        # 看的见的变化: before another 的 as well, when potential_before_relative is on
        relative = "|的" if self.potential_before_relative else ""
        return re.compile(f"的([{chars}])(?=[，。；！？、…”]|${relative})", re.MULTILINE)

    @cached_property
    def amount(self) -> re.Pattern[str]:
        """A 的 (after a Han character: the search is :func:`_after_han`), then a compared amount (and 了) before a clause end."""
        if not self.compared_amounts:
            return re.compile("(?!)")
        return re.compile(
            f"的({alternation(self.compared_amounts)})了?(?=[，。；！？、…”]|$)", re.MULTILINE
        )

    @cached_property
    def state(self) -> re.Pattern[str]:
        """A 的 (after a Han character: the search is :func:`_after_han`), then a reduplicated AABB word before a clause end (the
        form of nearly every state word: 扎扎实实; no scan of every 的 before a clause end)."""
        if not self.state_tags:
            return re.compile("(?!)")
        # any two characters: their Han-ness is tested by :func:`_state_han` (one match at
        # each 的, so the same matches as a Han class in the pattern, compiled more cheaply)
        return re.compile("的((?!的)(.)\\2(.)\\3)(?=[，。；！？、…”]|$)", re.MULTILINE)

    @cached_property
    def coordinated(self) -> re.Pattern[str]:
        """A 的 (after a Han character: the search is :func:`_after_han`), degree words, two words of 2-4 characters joined by a
        conjunction of ``coordinated_complements`` (the second maybe after degree words
        again), before a clause end; group 1 is all after the 的."""
        if not self.degree or not self.coordinated_complements:
            return re.compile("(?!)")
        degs = f"(?:{alternation(self.degree)})"
        word = "(?:(?!的)[\u4e00-\u9fff])"
        return re.compile(
            f"的({degs}{{1,3}}(?P<a>{word}{{2,4}}?)(?:{alternation(self.coordinated_complements)})"
            f"{degs}{{0,3}}(?P<b>{word}{{2,4}}?))(?=[，。；！？…”]|$)",
            re.MULTILINE,
        )

    @cached_property
    def before_degree(self) -> re.Pattern[str]:
        """A 的 (after a Han character: the search is :func:`_after_han`) and before a degree word and another Han character."""
        if not self.degree:
            return re.compile("(?!)")
        # the Han character after the degree word: tested by :meth:`degree_before_han`
        return re.compile(f"的(?=(?:{alternation(self.degree)}))")

    def degree_before_han(self, m: re.Match[str]) -> bool:
        """Does a degree word and a Han character follow the 的 of ``m`` (any of the degree
        words: as the alternation of a lookahead would backtrack to a shorter one)?"""
        text, at = m.string, m.end()
        return any(text.startswith(d, at) and _is_han(text[at + len(d) : at + len(d) + 1] or "\0") for d in self.degree)

    @cached_property
    def listed(self) -> re.Pattern[str]:
        """A listed complement after any split of the degree words: where :attr:`pattern`
        read the last of them as part of an unlisted one (还很不 + 够 for 还很 + 不够)."""
        degs = f"(?:{alternation(self.degree)}){{0,3}}" if self.degree else ""
        return re.compile(f"的{degs}(?:{alternation(self.complements)}){self._end}", re.MULTILINE)


#: A comparative follower (一些, 一点, 了一些, 了一点) and a clause end right after it.
_COMPARED_AT_END = re.compile("了?一[些点](?=[，。；！？、…”]|$)", re.MULTILINE)


@rule("WRD002", "de-before-complement", data=DeComplementData, severity="warning", fix="safe")
def de_before_complement(doc: Document, data: DeComplementData) -> Iterator[Diagnostic]:
    """动词后的补语前误用“的”，应为“得”（如“抓的紧”“承诺的好”）。

    ## 检查内容
    动词 + “的” + （程度词）+ 补语（好、紧、实、扎实、到位……），且补语就在分句末尾时，
    “的”应为“得”：`抓的紧` → `抓得紧`，`落实的很好` → `落实得很好`。
    词表之外，jieba 标为形容词的单字（`走的稳`、`管的严而又严`）和程度词后的形容词
    （`建设的更加整洁`、`变化的很快`）也算补语，但只在语言模型认为“的”前两个字后接“得”
    并非罕见时才考虑（`自己的事`、`目的地`、`新的更大贡献`不看）。
    程度词可以连用（`做的还很不够`），书面语的“较、较为、更为”也是程度词（`增长的较快`），补语后可接“一些、一点、了”（`迈的更大一些`），
    “一些、一点”前的单字无论 jieba 怎样标注都算形容词（`放的更开一些`），动词后的这种单字
    也不需要预筛（`comparative_verb`：`指标定的低一些`），
    补语可带程度词重复（`抓的很紧很紧`）。动词 + “的” + “比……” + 补语在分句末尾是比较
    补语（`做的比过去扎实`、`吃的比过去好了`）；“比”后另有“的”（`做的比说的多`）或
    “比”属于别的词（`所占的比重较大`）时不报。
    jieba 标为名词的动作名词（`部署`、`谋划`）后接“的”+ 程度词时，语言模型认为其后接“了”
    不罕见（`noun_verb_threshold`）就当动词：`工作部署的不够细致`；`中央的比较具体`不报。
    动词与程度词之间的“的”，语言模型认为“得”的可能性高出很多（对数似然比超过
    `lm_threshold`）时，补语后接什么都报告：`搞的比较好的企业`、`做的更加稳妥和周到`；
    `采取的非常措施`（关系从句）模型读作“的”，不报；动词末字与“得”构成常用词时（`采取`→`取得`，
    `model_word_frequency`）模型读的是那个词，不报（`我们采取的更加积极的财政政策`）。
    动词 + “的” + 程度词 + 词典里的两到四字形容词单独在分句末尾时（`degree_adjective_at_end`），
    不需要预筛或语言模型（`会议准备的很充分`、`大家学习的很认真`）；只有否定词“不”时不算
    （`出现的不平衡`：“不”+ 形容词也作名词）。程度词后的单字形容词（含 jieba 与程度词合成的
    `更稳`）同样处理（`degree_single_at_end`：`改革推进的更稳`），表示数量、大小的字除外
    （`他们要求的很高`），动名词后的除外（`amount_after_verbal_noun`：`城市面貌变化的很大`）。程度词 + “有” + 词典里的词（`degree_you_at_end`：`开展的很有成效`）
    也是补语；动宾式的词后重复动词（`split_verb_object`：`唱歌唱的好`、`把关把的很严`）时，
    重复的字就是动词，jieba 怎样标注都不论；两个双字形容词连用（`degree_pair_at_end`：`推进的更加扎实有效`）也是，
    其中有名词时不算（`形成的更加紧密联系`、`发展的比较优势明显`）；“有”+ 单字的词（`有序`、
    `有力`，`you_adjectives`）在这里和并列补语中算形容词（`运行的比较平稳有序`）。
    “很、十分、越来越、不够”等只修饰谓词的程度词（`predicative_degree`）后，词典里的词单独在
    分句末尾时，jieba 标为名词也算补语（`收集的很全面`、`考虑的很系统`）；“比较、非常”后的名词
    不算（`发展的比较优势`、`采取的非常措施`）。动词前紧接“我们、大家、群众”等人称时
    （`nominal_subjects`），这类名词和并列补语不报：“的”字短语是主语（`我们面临的更加复杂和艰巨`）。
    程度词后、分句末尾的两到四字词，语言模型在这一窗口里认为“得”不罕见（对数似然比超过
    `phrase_lm_threshold`）时，无论 jieba 怎样标注都算补语（`开的很成功`）；名词不算
    （`采取的非常措施`、`发展的比较优势`）。
    动词 + “的” + 单字动词（住、响、进、开……，`potential_complements`）单独在分句末尾是
    可能补语：`接的住` → `接得住`，`留的住` → `留得住`；动词后的“的”后只跟一个动词，
    构不成名词短语。后面再接“的”时（`potential_before_relative`）也是：`看的见的变化`、
    `做的到的事情`。
    分句里动词前有介词“把”（`disposal_markers`）时，程度词后的补语不再需要上述语言模型
    或词性条件（`要把营商环境打造的更优`）：“把”字句的动词要带补语；名词仍不算。
    分句里动词前有“让、使”且中间是动词的主语（`causative_markers`，“让人”除外）时，程度词后的
    形容词不再需要语言模型的预筛（`让企业发展的更加稳健`）；`让人担心的还很多`不报。
    jieba 把程度词和单字补语合成一个形容词时（`较稳`、`更稳`，`merged_degree`），整个词算补语；
    表示数量、大小的“多、少、大、高……”（`amounts`）除外（`我们付出的很大`）。
    带程度词重复的补语，第二个可以是任何单字（`走的更稳更远`，`repeated_unlisted`）。
    比较句里形容词 + “的” + “多”在分句末尾（`比过去高的多`，`compared_amounts`）是“得多”；
    “的”前是动词或名词（`困难比预料的多`）时不报。
    动词 + “的” + 状态词（jieba 标 z：`扎扎实实`、`清清楚楚`，`state_tags`）单独在分句末尾是补语：
    `把政策讲的清清楚楚` → `讲得清清楚楚`。
    动词前有“所”（`relative_markers`）时“动词 + 的”是名词性的“所”字结构，不报：
    `我们所做的还很不够`。单字形容词在分句开头直接接“的”（`subject_at_start_tags`）
    时，“的”字短语是主语（“……的那个”），不报：`两个方案中，新的好一些`。
    可选（`before_relative_de`，默认关闭）：动词 + “的” + 单字补语（好、紧、快……）+ “的”
    作关系从句里的补语报告（`办的好的学校` → `办得好的学校`）；默认不报，因为
    `大家提出的好的建议`这类带定语“好的”的关系从句同样常见，模型分不清。
    程度词后用“和、而、又、、”等连接的两个词（至少一个形容词，都不是名词）单独在分句末尾，
    是并列的补语（`coordinated_complements`：`民主监督进行的更加经常和有效`）。
    jieba 标为动态助词的“过”紧跟名词时算动词（`particle_verbs`：`日子过的更好`）；
    跟在动词后（`走过的路`）仍是助词。
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
    clauses = Clauses(text, data.allow)
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
        # 处理的比较妥善: an unlisted phrase after a degree word at the clause end that the
        # model reads as 得 in the window (phrase_lm_threshold) needs neither the prefilter
        # nor jieba's adjective tag (妥善/v)
        read = (
            phrase is not None
            and model is not None
            and pair_score(model, text, de, de + 1, "得", data.lm_window) > data.phrase_lm_threshold
        )
        # 要把营商环境打造的更优: after a degree word in a clause with 把 before the verb, an
        # unlisted complement needs no prefilter (checked on the tags below)
        before = text[clauses.around(de, de + 1)[0] : de] if degree is not None else ""
        disposal = any(w in before for w in data.disposal_markers)
        causative = any(w in before for w in data.causative_markers)
        # 会议准备的很充分: an adjective after a degree word at the clause end (checked on
        # the tags below)
        # the plain negation is no degree word there: 不 + adjective also makes a noun
        # (经济生活中出现的不平衡, 存在的不协调)
        bare = phrase is not None and data.degree_adjective_at_end and degree != "不"
        # cheap, before tagging: jieba tags a word of its dictionary as the dictionary does,
        # so only a dictionary adjective can pass the tags (新的更大贡献 is never tagged)
        bare = bare and (segment.dictionary().tag(phrase or "") or "") in data.adjective_tags
        # 改革推进的更稳, 路子走的越来越宽: one character after a degree word, an adjective
        # alone or merged with the degree word (更稳/a), never an amount (要求的很高)
        # 变化的很大: an amount too, after a verbal noun (checked on the tags below)
        amount = (
            data.amount_after_verbal_noun and single is not None and single in data.amounts and degree not in (None, "不")
        )
        if single is not None and degree and degree != "不" and data.degree_single_at_end and (single not in data.amounts or amount):
            words = segment.dictionary()
            # (an amount after a verbal noun: 多 is a numeral, m, to the dictionary)
            bare = amount or any((words.tag(w) or "") in data.adjective_tags for w in (single, degree[-1] + single))
        # 专项整治开展的很有成效: 有 + a dictionary word after a degree word (checked on the tags)
        having = (
            phrase is not None
            and data.degree_you_at_end
            and degree != "不"
            and phrase.startswith("有")
            and segment.dictionary().tag(phrase[1:]) is not None
        )
        # 各项工作推进的更加扎实有效: two dictionary adjectives after a degree word (checked
        # on the tags below)
        pair = (
            phrase is not None
            and data.degree_pair_at_end
            and degree != "不"
            and len(phrase) == 4
            and all(data.pair_tag(w, segment.dictionary().tag(w) or "") in data.pair_tags for w in (phrase[:2], phrase[2:]))
        )
        # 收集的很全面: any dictionary word after a degree word that modifies predicates
        # only (checked on the tags below)
        predicative = (
            phrase is not None
            and degree is not None
            and any(w in degree for w in data.predicative_degree)
            and segment.dictionary().tag(phrase) is not None
        )
        bare = bare or having or pair or predicative
        # 有的翻的少一些: one character before 一些 at the clause end (checked on the verb's
        # tag below; 发展的每一点进步 goes on)
        compared_verb = (
            data.comparative_verb
            and single is not None
            and _COMPARED_AT_END.match(text, m.end("single")) is not None
            and text.startswith(data.comparative_followers, m.end("single"))
        )
        if (single is not None or phrase is not None) and not read and not disposal and not causative and not bare and not compared_verb and (
            model is None or de < 2 or _left_ratio(model, text[de - 2 : de], "得") <= data.adjective_prefilter
        ):
            continue
        if clauses.allowed(de, de + 1):
            continue
        tagged = _verb_de(clauses, de, m.end(), data.verb_tags, data)
        if tagged is None and degree and model is not None and data.noun_verb_threshold < float("inf"):
            # 工作部署的不够细致: an action noun (部署/n) used as the verb
            tagged = _verb_de(clauses, de, m.end(), ("n",), data)
            if tagged is not None and _left_ratio(model, tagged[1][tagged[3] - 1][2][-2:], "了") < data.noun_verb_threshold:
                tagged = None
        if tagged is None:
            continue
        lo, tokens, starts, d = tagged
        verb = tokens[d - 1]
        if single is not None or phrase is not None:
            # unlisted: a complement only as one adjective, the whole rest of the clause
            group = "single" if single is not None else "phrase"
            if amount and (verb[3] != "vn" or _person_before(tokens, d - 1, data.nominal_subjects)):
                # 我们付出的很大: an amount after a verb (v) is what was done; 我们投资的太多
                # 了: after a person, what they invested (nominal_subjects)
                amount = False
                bare = False
            c = token_at(starts, m.start(group) - lo)
            disposal = disposal and _disposal_before(tokens, d - 1, data.disposal_markers)
            causative = causative and _causative_before(tokens, d - 1, data.causative_markers)
            compared_verb = compared_verb and verb[3] == "v"
            if not (disposal or causative or bare or compared_verb) and not read and (
                model is None or de < 2 or _left_ratio(model, text[de - 2 : de], "得") <= data.adjective_prefilter
            ):
                continue  # the prefilter, where 把 or 让 turned out no marker
            if disposal and c < 0:
                # jieba merged the degree word into the complement (更优/d): the whole word
                c = token_at(starts, m.start("degree") - lo)
            elif c < 0 and data.merged_degree and group == "single" and (single not in data.amounts or (amount and verb[3] == "vn")):
                # 跑的更少 … 增长的较快: jieba's 较快/a, an adjective of its own
                c = token_at(starts, m.start(group) - 1 - lo)
                if c >= 0 and tokens[c][3] not in data.adjective_tags:
                    c = -1
            if (
                predicative
                and _predicative_word(tokens, starts, m.start(group) - lo, m.end(group) - lo, m.start("degree") - lo)
                and not _person_before(tokens, d - 1, data.nominal_subjects)
            ):
                # predicative_degree: 很 + a word of any tag, alone before the clause end
                reported.add(de)
                yield _de_de_finding(de, verb[2], m.group(0)[1:])
                continue
            if having and c >= 0 and tokens[c][2] == "有" and c + 1 < len(tokens) and tokens[c + 1][1] == m.end(group) - lo:
                # degree_you_at_end: degree word + 有 + its object, a state (很有成效)
                reported.add(de)
                yield _de_de_finding(de, verb[2], m.group(0)[1:])
                continue
            if (
                pair
                and c >= 0
                and tokens[c][1] == m.start(group) + 2 - lo
                and c + 1 < len(tokens)
                and tokens[c + 1][1] == m.end(group) - lo
                and {data.pair_tag(t[2], t[3]) for t in tokens[c : c + 2]} <= data.pair_tags
            ):
                # degree_pair_at_end: two adjectives as jieba tags them (扎实/a 有效/a)
                reported.add(de)
                yield _de_de_finding(de, verb[2], m.group(0)[1:])
                continue
            if c < 0 or tokens[c][1] != m.end(group) - lo:
                continue
            # 放的更开一些, 翻的少一些: before 一些 one character is an adjective, whatever
            # jieba tags it (开/v, 少/n)
            compared = group == "single" and text.startswith(data.comparative_followers, m.end(group))
            # a noun after a degree word is what 的 modifies (采取的非常措施), never a complement
            read = (read or disposal) and tokens[c][3] not in data.phrase_lm_not_tags
            # 发展的太多了: jieba tags the amount 多 a numeral (m) after a verbal noun
            counted = amount and verb[3] == "vn" and tokens[c][2] == single and tokens[c][3] == "m"
            if tokens[c][3] not in data.adjective_tags and not compared and not read and not counted:
                continue
        reported.add(de)
        yield _de_de_finding(de, verb[2], m.group(0)[1:])
    yield from _compared_de_de(text, data, reported)
    if data.coordinated_complements:
        yield from _coordinated_de_de(text, data, clauses, reported)
    if data.potential_complements:
        yield from _potential_de_de(text, data, clauses, reported)
    if data.state_tags:
        yield from _state_de_de(text, data, clauses, reported)
    if data.compared_amounts and "比" in text:
        yield from _amount_de_de(text, data, reported)
    if data.before_relative_de:
        yield from _relative_de_de(text, data, clauses, reported)
    if model is not None and data.lm_threshold < float("inf"):
        yield from _model_de_de(text, data, model, clauses, reported)


def _verb_de(
    clauses: Clauses, de: int, end: int, verb_tags: Container[str], data: DeComplementData
) -> tuple[int, tuple[segment.Tagged, ...], list[int], int] | None:
    """The clause of the 的 at ``de`` tagged by jieba (its start, tokens and their starts)
    and the index of the 的 among them, when the 的 is a token of its own after a word
    with one of ``verb_tags`` that is none of ``data.verb_exceptions``; None otherwise."""
    lo, tokens, starts = clauses.tagged(de, end)
    d = token_at(starts, de - lo)
    if d <= 0 or tokens[d][2] != "的":
        return None
    verb = tokens[d - 1]
    if verb[2] in data.verb_exceptions:
        return None
    if (
        verb[3] not in verb_tags
        and not _particle_verb(tokens, d - 1, data.particle_verbs)
        and not (data.split_verb_object and _split_verb(clauses.text, lo, tokens, starts, d))
    ):
        return None
    if data.relative_markers and _after_relative_marker(tokens, d, data.relative_markers):
        return None
    if d == 1 and len(verb[2]) == 1 and verb[3] in data.subject_at_start_tags:
        return None  # 新的好一些: the new one (subject_at_start_tags)
    return lo, tokens, starts, d


def _person_before(tokens: Sequence[segment.Tagged], v: int, persons: frozenset[str]) -> bool:
    """Is the token right before the verb at token ``v`` one of ``persons`` (我们, 大家)?"""
    return v >= 1 and tokens[v - 1][2] in persons


def _predicative_word(tokens: Sequence[segment.Tagged], starts: list[int], start: int, end: int, degree: int) -> bool:
    """Is ``start``-``end`` (within the clause) one token of jieba's cut, or the end of one
    that opens with a degree word of two or more characters (十分迅速/nz: 十分 + 迅速)?  A
    one-character degree word merged with what follows may be another word (太空)."""
    k = bisect_right(starts, start) - 1
    if k < 0 or tokens[k][1] != end:
        return False
    return tokens[k][0] == start or (degree <= tokens[k][0] <= start - 2)


def _split_verb(text: str, lo: int, tokens: Sequence[segment.Tagged], starts: list[int], d: int) -> bool:
    """Is the character before the 的 at token ``d`` (of the clause starting at ``lo`` in
    ``text``) a verb repeated after its object: does it open a dictionary word of 2-3
    characters (the verb and its object: 唱歌, 把关) that starts a token and ends right
    before it (唱/v 歌唱/n 的, 把关/v 把/p 的)?  Never a reduplication (天天的)."""
    p = lo + tokens[d][0] - 1  # the verb's character, right before 的
    for k in (2, 3):
        word = text[p - k : p]
        if (
            p - k >= lo
            and word[0] == text[p] != word[1]
            and p - k - lo in starts
            and segment.dictionary().freq(word) > 0
        ):
            return True
    return False


def _particle_verb(tokens: Sequence[segment.Tagged], v: int, words: frozenset[str]) -> bool:
    """Is the token at ``v`` one of ``words`` (过) that jieba tagged an aspect particle (ug)
    right after a noun (日子/n 过/ug)?  An aspect particle follows a verb, never a noun: after
    one it is the verb itself (日子过的更好), as 走过的路 (a verb before it) is not."""
    return v >= 1 and tokens[v][2] in words and tokens[v][3] == "ug" and tokens[v - 1][3].startswith("n")


def _disposal_before(tokens: tuple[segment.Tagged, ...], v: int, markers: frozenset[str]) -> bool:
    """Does a disposal preposition (把, jieba's p) stand before the verb at token ``v``?"""
    return any(t[2] in markers and t[3] == "p" for t in tokens[:v])


def _causative_before(tokens: tuple[segment.Tagged, ...], v: int, markers: frozenset[str]) -> bool:
    """Does a causative verb (让, 使: jieba's v) stand before the verb at token ``v`` with a
    causee between them that is not 人 (让人担心的: a noun phrase of its own)?"""
    return any(
        tokens[k][2] in markers and tokens[k][3] == "v" and k + 1 < v and tokens[k + 1][2] != "人" for k in range(v)
    )


def _after_relative_marker(tokens: tuple[segment.Tagged, ...], d: int, markers: frozenset[str]) -> bool:
    """Does a relative marker (所) stand right before the verb before the 的 at token ``d``,
    or open the verb itself or the word before it as jieba merged them (所讲, 所能 + 做)?
    A merged word counts only as a verb (所讲/v): 所以 is a conjunction."""
    for k in (d - 1, d - 2):
        if k < 0:
            break
        word, tag = tokens[k][2], tokens[k][3]
        if word in markers or (tag == "v" and word.startswith(tuple(markers))):
            return True
    return False


def _relative_de_de(text: str, data: DeComplementData, clauses: Clauses, reported: set[int]) -> Iterator[Diagnostic]:
    """A one-character listed complement flanked by two 的 after a verb (jieba's v or vn),
    with no degree word: the complement of a relative clause (发展的好的地区, 结合的好的):
    an attributive adjective takes no 的 of its own after a relative 的 (取得的好成绩).
    An adjective before 的 (新的好的做法) is not a verb here."""
    def flanked(m: re.Match[str], _lo: int, tokens: Sequence[segment.Tagged], d: int) -> bool:
        return d + 2 < len(tokens) and tokens[d + 1][2] == m.group(1) and tokens[d + 2][2] == "的"

    yield from _after_verb_de(_after_han(data.relative, text), flanked, data, clauses, reported)


def _potential_de_de(text: str, data: DeComplementData, clauses: Clauses, reported: set[int]) -> Iterator[Diagnostic]:
    """A potential complement alone between verb + 的 and a clause end (接的住、管的好, 叫的
    响): a one-character verb of ``potential_complements`` that jieba reads as a word of its
    own after a verb (jieba's v or vn).  After 的 a noun phrase would need its noun; a verb
    alone there is the result a potential complement states.  Before another 的 as well
    (看的见的变化, ``potential_before_relative``): a verb alone between two 的 modifies no
    noun and is no noun either."""
    def alone(m: re.Match[str], _lo: int, tokens: Sequence[segment.Tagged], d: int) -> bool:
        return d + 1 < len(tokens) and tokens[d + 1][2] == m.group(1)

    yield from _after_verb_de(_after_han(data.potential, text), alone, data, clauses, reported)


def _after_verb_de(
    matches: Iterable[re.Match[str]],
    accept: Callable[[re.Match[str], int, Sequence[segment.Tagged], int], bool],
    data: DeComplementData,
    clauses: Clauses,
    reported: set[int],
    verb_tags: Container[str] = ("v", "vn"),
) -> Iterator[Diagnostic]:
    """The 的 of each match (的 + the complement, its group 1) right after a verb (a word
    jieba tags one of ``verb_tags``), reported when ``accept`` takes the match, the start of
    its tagged clause, the clause's tokens and the 的's index among them."""
    for m in matches:
        de = m.start()
        if de in reported or clauses.allowed(de, de + 1):
            continue
        tagged = _verb_de(clauses, de, m.end(), verb_tags, data)
        if tagged is None:
            continue
        lo, tokens, _starts, d = tagged
        if not accept(m, lo, tokens, d):
            continue
        reported.add(de)
        yield _de_de_finding(de, tokens[d - 1][2], m.group(1))


def _state_de_de(text: str, data: DeComplementData, clauses: Clauses, reported: set[int]) -> Iterator[Diagnostic]:
    """A state word (jieba's z: 扎扎实实, 明明白白) alone between verb + 的 and a clause end:
    the complement of the verb (把政策讲的清清楚楚).  Only a word the dictionary tags so is
    considered, so the clause is tagged for few of the 的 before a clause end.  The dictionary
    is loaded only for such a match: a draft without one loads nothing."""
    tags = data.state_tags
    listed = (m for m in _after_han(data.state, text, _state_han) if (segment.dictionary().tag(m.group(1)) or "") in tags)

    def alone(m: re.Match[str], lo: int, tokens: Sequence[segment.Tagged], d: int) -> bool:
        return d + 1 < len(tokens) and tokens[d + 1][1] == m.end(1) - lo and tokens[d + 1][3] in tags

    yield from _after_verb_de(listed, alone, data, clauses, reported)


def _state_han(m: re.Match[str]) -> bool:
    """Are both characters of a match of ``DeComplementData.state`` (AABB) Han?"""
    return _is_han(m.group(2)) and _is_han(m.group(3))


def _amount_de_de(text: str, data: DeComplementData, reported: set[int]) -> Iterator[Diagnostic]:
    """An adjective + 的 + a compared amount at the clause end, with 比 before it in the
    clause (比过去高的多): the amount complements the adjective of the comparison.  The
    allow patterns are not consulted: they exempt comparisons of nominalised clauses
    (比预料的多), which have a verb or noun before 的, never an adjective (jieba's a)."""
    clauses = Clauses(text)  # a pass of its own, in text order
    words = segment.dictionary()
    for m in _after_han(data.amount, text):
        de = m.start()
        if de in reported or "比" not in text[clauses.around(de, de + 1)[0] : de]:
            continue
        # cheap, before tagging: the dictionary's word ending before 的 is an adjective
        # (复杂, 高), not a verb, noun or time (预计, 去年)
        tag = (words.tag(text[max(0, de - 2) : de]) if de >= 2 else None) or words.tag(text[de - 1]) or ""
        if not tag.startswith("a"):
            continue
        lo, tokens, starts = clauses.tagged(de, m.end())
        d = token_at(starts, de - lo)
        if d <= 0 or tokens[d][2] != "的" or d + 1 >= len(tokens) or tokens[d + 1][2] != m.group(1):
            continue
        adjective = tokens[d - 1]
        if adjective[3] not in ("a", "ad") or not any(t[2] == "比" and t[3] == "p" for t in tokens[: d - 1]):
            continue
        reported.add(de)
        yield _de_de_finding(de, adjective[2], m.group(1))


def _coordinated_de_de(
    text: str, data: DeComplementData, clauses: Clauses, reported: set[int]
) -> Iterator[Diagnostic]:
    """Two words joined by a conjunction after verb + 的 + a degree word, alone before the
    clause end (监督进行的更加经常和有效, 工作做的更加细致而周到): a coordinated complement.
    Each is a dictionary word, at least one an adjective (``adjective_tags``) and neither a
    noun, as the dictionary and jieba in the clause tag them: adjectives joined after a
    degree word end no noun phrase (a noun would: 形成的更加紧密和广泛的联系 goes on).
    The dictionary is loaded for a match only: a draft without one loads nothing."""

    def fit(m: re.Match[str]) -> bool:
        words = segment.dictionary()
        tags = [data.pair_tag(m.group(g), words.tag(m.group(g)) or "") for g in ("a", "b")]
        return all(t and not t.startswith("n") for t in tags) and any(t in data.adjective_tags for t in tags)

    def joined(m: re.Match[str], lo: int, tokens: Sequence[segment.Tagged], d: int) -> bool:
        if _person_before(tokens, d - 1, data.nominal_subjects):
            return False  # 我们面临的更加复杂和艰巨: what we face
        # each word a token of jieba's cut of the clause, and no noun there either
        ends = {t[1]: t for t in tokens}
        ta, tb = ends.get(m.end("a") - lo), ends.get(m.end("b") - lo)
        if ta is None or tb is None or ta[0] != m.start("a") - lo or tb[0] != m.start("b") - lo:
            return False
        return not (data.pair_tag(ta[2], ta[3]).startswith("n") or data.pair_tag(tb[2], tb[3]).startswith("n"))

    listed = (m for m in _after_han(data.coordinated, text) if fit(m))
    yield from _after_verb_de(listed, joined, data, clauses, reported, data.verb_tags)


def _compared_de_de(text: str, data: DeComplementData, reported: set[int]) -> Iterator[Diagnostic]:
    """A comparison after verb + 的 (做的比过去扎实, 吃的比过去好了): jieba reads 比 as a word
    of its own (not 比重, 比例), the word before 的 is a verb (jieba's v) and the complement
    a listed one or a word it tags as an adjective.  A nominalised subject compares what
    was done and has its own 的 in the comparison (做的比说的多): never read here."""
    if "比" not in text:
        return
    clauses = Clauses(text, data.allow)  # a pass of its own, in text order
    for m in _after_han(data.comparison, text):
        de = m.start()
        if de in reported or clauses.allowed(de, de + 1):
            continue
        tagged = _verb_de(clauses, de, m.end(), ("v",), data)
        if tagged is None:
            continue
        lo, tokens, starts, d = tagged
        if d + 1 >= len(tokens) or tokens[d + 1][2] != "比":
            continue
        verb = tokens[d - 1]
        comp = m.group("comp")
        if comp not in data.complements:
            c = token_at(starts, m.start("comp") - lo)
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
    text: str, data: DeComplementData, model: lm.Model, clauses: Clauses, reported: set[int]
) -> Iterator[Diagnostic]:
    """A 的 between a verb and a degree word that the model reads as 得 (above
    ``lm_threshold``), whatever follows the complement: 搞的比较好的企业 (a noun after it),
    做的更加稳妥和周到 (coordinated), 表演的更加拙劣罢了.  A relative clause before a degree
    word (采取的非常措施, 应当做的还差得很远) the model reads as 的."""
    for m in _after_han(data.before_degree, text, data.degree_before_han):
        de = m.start()
        if de in reported or pair_score(model, text, de, de + 1, "得", data.lm_window) <= data.lm_threshold:
            continue
        if clauses.allowed(de, de + 1):
            continue
        tagged = _verb_de(clauses, de, de + 1, ("v", "vn"), data)
        if tagged is None:
            continue
        _lo, tokens, _starts, d = tagged
        verb = tokens[d - 1][2]
        if len(verb) >= 2 and segment.dictionary().freq(verb[-1] + "得") >= data.model_word_frequency:
            continue  # 采取的更加积极的政策: the model reads the word 取得, not 采取 + 得
        end = _PHRASE_END_RE.search(text, de + 1, de + 7)
        complement = text[de + 1 : end.start() if end else de + 5].split("的")[0]
        yield _de_de_finding(de, tokens[d - 1][2], complement)
