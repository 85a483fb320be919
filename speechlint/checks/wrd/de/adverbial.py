"""WRD001 (de-before-verb): 的 written for 地 between an adverbial and the verb it modifies.

Two passes find it.  :func:`de_before_verb` reads the listed adverbials of ``rules/wrd.yaml``
(a manner adverbial, an idiom, a reduplicated form) followed by 的 and a verb or preposition,
settled by the word lists and, where they do not settle it, the part-of-speech tags of the
clause.  :func:`_model_de_di` then asks the character language model (:mod:`speechlint.lm`)
about every other 的 between two Han characters, and keeps the suspects that the tags and the
word lists confirm.  :class:`DeAdverbialData` holds the rule's yaml data and the patterns
compiled from it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Container, Iterator
from dataclasses import dataclass
from functools import cached_property
from math import log

from .... import adverbials, lm, segment
from ....document import Document
from ....model import Diagnostic, Fix, Span
from ....registry import rule
from ... import quote
from ..common import CLAUSE_END, HAN_CHAR_RE, Clauses, alternation, pair_score, token_at
from .shared import PHRASE_END_RE, is_han, left_ratio


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
    #: Modal openers of law and report sentences (应当, 必须, 不得, 依法 …): a word of two or
    #: more characters right after one of them (or the second of two such words, the first
    #: no verb: 应当客观/n 公正/nr 的), before 的 and a verb (jieba's v, vn) or a
    #: preposition, is read as an adverbial whatever jieba tags it (``opener_retag_tags``:
    #: 应当妥善/v的处理, 应当依法及时/c的执行, 要全力/n的做好) and scored whatever the cheap
    #: character filters say; such a site is reported above ``lm_threshold_opener_retag``
    #: and only then (what stands before the adverbial is the modal opener, so the other
    #: thresholds' reading of it does not apply): a relative clause (应当履行的义务, 可以
    #: 申请的事项, 应当遵守的规定) has a plain verb before 的, which the model reads with 的.
    opener_retag: frozenset[str] = frozenset()
    #: jieba's tags of the word after such an opener that are read as an adverbial.
    opener_retag_tags: frozenset[str] = frozenset()
    lm_threshold_opener_retag: float = float("inf")
    #: ... or this much, when jieba tags the word a verb (v): 妥善/v is an adverbial, 履行/v
    #: (必须履行的审批手续) the verb of a relative clause before a noun-verb.
    lm_threshold_opener_retag_verb: float = float("inf")
    #: A word jieba tags a verb (v, vn) is read so only when the model finds 地 after it at
    #: least this likely (natural log) against 的 (:func:`left_ratio`: 妥善 +2.9; 履行 -1.4,
    #: 转产: verbs of relative clauses, 必须履行的审批手续, which the phrase's reading alone
    #: leaves too close to the threshold; 独立 -2.2 is lost with them).
    opener_retag_verb_left: float = float("inf")
    #: jieba's tags of the word after 的 that are read as a verb when an adverbial (as
    #: tagged or read by ``opener_retag``) stands right after a modal opener of
    #: ``opener_retag`` and a noun, verb or adjective (its object) follows the word (应当
    #: 认真的核实/n 材料, 应当如实的记录/n 业务, 要认真的落实/a 部署): after a modal verb and
    #: its adverbial comes the verb phrase, and jieba's dictionary tags these verbs nouns or
    #: adjectives.  Reported above ``lm_threshold_opener_retag`` (or
    #: ``lm_threshold_opener_retag_verb``) only.
    opener_verb_tags: frozenset[str] = frozenset()
    #: ... or this much, at such a site read by ``opener_retag`` (no verb before 的), when
    #: jieba tags the word after 的 a verb (v, vn) or a preposition and the verb has an
    #: object after it (应当全面/n 的审查/vn 证据材料): a modal opener, its adverbial, the
    #: verb and its object make a whole clause in a law sentence, where a relative clause
    #: (应当履行的义务) has its head noun right after 的.  Not where only ``opener_verb_tags``
    #: read the word as a verb (应当公开/ad 的政府/n 信息: a noun and its head noun).
    lm_threshold_opener_retag_object: float = float("inf")
    #: At such a site a noun of four characters after 的 that jieba's dictionary splits into
    #: a verb (v) and a noun (履行/v 职责/n, 执行/v 公务/n) is the verb and its object, which
    #: jieba merged (应当认真的履行职责): read as ``opener_verb_tags`` read a noun after 的,
    #: reported above ``lm_threshold_opener_retag``.  Not a noun-verb (管理/vn 制度: a
    #: compound noun).
    opener_verb_object: bool = False
    #: ... or this much (``lm_threshold_opener_retag_verb``), for a word jieba tags a verb
    #: before 的 (妥善/v), when jieba tags the word after 的 a verb (v, not vn) or a
    #: preposition and the verb has an object (应当妥善的安置/v 受灾群众): the verb phrase the
    #: modal opener takes, not a relative clause's head noun.
    lm_threshold_opener_retag_verb_object: float = float("inf")
    #: ... or this much, where jieba itself tags the adverbial right after such a modal
    #: opener (要大张旗鼓/i 的, 必须全心全意/i 的, 应当依法严格/ad 的) and the word after 的 a
    #: verb (v, vn) or a preposition with an object: the same law or report clause as
    #: ``lm_threshold_opener_retag_object`` reads, which the general thresholds
    #: (``lm_threshold_object_predicate``) read as any predicate.
    lm_threshold_opener_object: float = float("inf")
    #: Right after one of these words (a verb that may take a noun phrase: 要 "want", 需要,
    #: 提供 …) the adverbial + 的 + a noun-verb (jieba tags it vn in context) + one verbal
    #: word (v, vn) closing the clause make no verb and its object: the two are a compound
    #: noun whose head is itself a verbal noun (要稳定的发展预期, 提供有力的服务保障, 要长期
    #: 的投资回报).  The object thresholds (``lm_threshold_object*``,
    #: ``lm_threshold_opener_*object``) then do not apply; the plain ones still do.  Not
    #: after other openers (必将大踏步的胜利/vn 前进/v: the noun-verb is a manner word).
    verbal_head_openers: frozenset[str] = frozenset()

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
    def _retag_opener_before(self) -> re.Pattern[str]:
        words = self.opener_retag
        return re.compile(f"(?:{alternation(words)})(?:[\u4e00-\u9fff]{{2}}|[\u4e00-\u9fff]{{4}})$" if words else "(?!)")

    def retag_opener_before(self, text: str, de: int) -> bool:
        """Does a retagging opener (``opener_retag``) end two or four characters before the
        的 at ``de`` (应当妥善的, 应当独立公正的)?"""
        return self._retag_opener_before.search(text, max(0, de - 8), de) is not None

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
        if _settled_untagged(text, de, adverbial, clauses, data):
            continue
        word = _modified_word(text, de, adverbial, clauses, data)
        if word is None:
            continue
        reported.add(de)
        yield _de_di_finding(de, adverbial, word)
    yield from _model_de_di(text, data, reported, after_adverbial)


def _settled_untagged(text: str, de: int, adverbial: str, clauses: Clauses, data: DeAdverbialData) -> bool:
    """Is the 的 at ``de`` after the listed ``adverbial`` silent by the text alone: allowed,
    a noun after it, no Han character after it, a noun phrase opening before it, or a word
    that ends the clause?  The cheap checks, first: most candidates in edited text end
    here, without tagging."""
    start = de - len(adverbial)
    noun_start = data.noun_only if len(adverbial) >= 4 else data.noun_start
    if clauses.allowed(de, de + 1) or noun_start.match(text, de + 1):
        return True
    if not HAN_CHAR_RE.match(text, de + 1) or data.opens_noun_phrase(text, start):
        return True  # 科学的。, 以科学的方向: no verb after 的, or a noun phrase begins
    # 最有力的鞭策。: a word that ends the clause has no object or marker
    after_end = PHRASE_END_RE.search(text, de + 1, de + 4)
    return (
        after_end is not None
        and text[de + 1 : after_end.start()] not in data.verbs_or_prepositions
        and not data.opens_predicate(text, start)
    )


def _modified_word(text: str, de: int, adverbial: str, clauses: Clauses, data: DeAdverbialData) -> str | None:
    """The verb or preposition after the 的 at ``de`` that the listed ``adverbial`` modifies,
    read from the clause's tags (what stands before the adverbial, what follows the verb);
    None where the phrase is a noun phrase and the 的 is right."""
    start = de - len(adverbial)
    lo, tokens, starts = clauses.tagged(start, de + 1)
    a = token_at(starts, start - lo)
    d = token_at(starts, de - lo)
    if a < 0 < d and tokens[d - 1][2].endswith(adverbial):
        a = d - 1  # jieba merged a degree word into the adverbial (更加紧密)
    if a < 0 or d < 0 or d + 1 >= len(tokens) or tokens[d][2] != "的":
        return None
    nxt = tokens[d + 1]
    verb = next((w for w in data.verbs_longest_first if text.startswith(w, de + 1)), "")
    context = _context(tokens, a, data, text, lo)
    # the adverbial ends a series joined by 、 (及时、准确的): read back past it, below
    series = context == "open" and text[lo - 1 : lo] == "、"
    if nxt[2] in data.prepositions:
        if context == "noun" and a > 0 and tokens[a - 1][2] in data.nominalizers:
            return None  # 以积极的…: a noun phrase; elsewhere a preposition shows a verb phrase
    elif nxt[3] in ("v", "vn", "n") or verb:
        listed = bool(verb)  # a verb whatever it is followed by (看到, 走)
        verb = verb or nxt[2]
        rest = text[de + 1 + len(verb) : de + 1 + len(verb) + 4]
        # the word after the verb: jieba's token when the verb is one token, else the text
        after = tokens[d + 2][2] if verb == nxt[2] and d + 2 < len(tokens) else ""
        marked = _follows(after, rest, data.verb_markers)
        if nxt[3] == "n" and not (listed or marked):
            return None  # jieba calls verbs after 的 nouns (利用): only a marker says otherwise
        if marked or listed:
            if context == "noun" or (not marked and _follows(after, rest, data.noun_followers)):
                return None  # 以更加清醒的认识到…, 坚定的推进中: noun phrases all the same
        else:
            # no marker: only an object after the verb, in a predicate, shows a verb
            idiom = len(adverbial) >= 4  # 不折不扣的执行…: four-character adverbials
            if context == "noun" or (
                verb in data.nominal_verbs and context != "predicate" and not idiom
            ):
                return None
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
                return None  # 有效的监督机制: these adverbials mostly open noun phrases
            if not rest or PHRASE_END_RE.match(rest):
                # 必须坚持不懈的进行。: after a modal verb a bare verb is a verb
                if context != "predicate" or nxt[3] != "v" or verb in data.nominal_verbs:
                    return None
            elif _follows(after, rest, data.noun_followers):
                return None  # 坚定的推进和完善: coordinated, a noun is as likely
            if rest.startswith(tuple(data.noun_heads)):
                return None  # 扎实的推进措施: verb + head noun is a compound noun
    else:
        return None
    if series and _series_context(text, lo, de, data) == "noun":
        return None  # 提供及时、准确的查询服务: after a verb the series opens a noun phrase
    return verb or nxt[2]


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




#: 的 between two Han characters: where a slip for 地 can be (a pattern, not :func:`is_han`:
#: about 16,000 such 的 in 10 MB, each dearer in a Python loop than the class's compilation).
#: One class for the three characters (的 is Han itself): the lookbehind after the next
#: character tests them at once; the compiler walks each class's code points (see
#: :func:`is_han`), so one class costs half of two (的(?<=[Han]的)(?=[Han]), same matches).
_DE_SITE = re.compile("的(?=.(?<=[\u4e00-\u9fff]{3}))")


#: The numerals of a series marker (一是, 二是 …).
_SERIES_NUMERALS = frozenset("一二三四五六七八九十")


def _series_numeral_at(text: str, i: int) -> bool:
    """Does a series marker's numeral + 是 stand at ``i`` of ``text``, not after a Han
    character (其一是 is not one)?  A negative ``i`` counts as 0, as a pattern's match did."""
    i = max(i, 0)
    return text[i : i + 1] in _SERIES_NUMERALS and text[i + 1 : i + 2] == "是" and not (i and is_han(text[i - 1]))
#: Characters tagged on each side of a 的 the model finds suspect: room for a degree word,
#: a four-character adverbial and the word before it, the verb and the word after it.
_TAG_REACH = 10


def _near_ratio(model: lm.Model, before: str, after: str) -> float:
    """log P(地) - log P(的) between the characters ``before`` and ``after``, by the model's
    bigrams alone (cached per character: the first, cheapest filter)."""
    return _near_left(model, before) + _right_ratio(model, after)


def _near_left(model: lm.Model, before: str) -> float:
    """log P(地 | ``before``) - log P(的 | ``before``), by the model's bigrams (cached)."""
    key = (model.serial, before)
    left = _near_ratios.get(key)
    if left is None:
        c = lm.to_stream(before)
        left = _near_ratios[key] = log(model.prob(c, "地")) - log(model.prob(c, "的"))
    return left


def _right_ratio(model: lm.Model, char: str) -> float:
    """log P(``char`` | 地) - log P(``char`` | 的), by the model's bigrams (cached)."""
    key = (model.serial, "\0" + char)
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
    return model is not None and bool(HAN_CHAR_RE.match(word)) and left_ratio(model, word[-2:]) > data.lm_prefilter


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
    m = PHRASE_END_RE.search(text, de + 1, de + 5)
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


#: A pattern, not :func:`is_han`: 地 is frequent, and a Python loop over each costs more.
#: The two characters as one repeated class: compiled once, not twice (see :func:`is_han`).
_DI_AFTER_TWO = re.compile("地(?<=[\u4e00-\u9fff]{2}地)")


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

    The steps: the character filters and the model's score, here (the loop runs over every
    的 between two Han characters, so it keeps its lookups in local dicts); then, for the few
    suspects, :func:`_tagged_site` (jieba's tags around the 的) and :func:`_site_threshold`
    (the threshold the phrase around it calls for, read with :func:`_phrase_opener`).
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
    # a site right after a modal opener (opener_retag) with an object after its verb
    retag_object_t = min(
        data.lm_threshold_opener_retag,
        data.lm_threshold_opener_retag_object,
        data.lm_threshold_opener_retag_verb_object,
        data.lm_threshold_opener_object,
    )
    lo_t = min(plain_t, object_t, data.lm_threshold_parallel, data.lm_threshold_usage, bare_t, series_t, retag_object_t)
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
    # ... and of the openers of opener_retag (a set lookup before its regex)
    retag_tails = {w[-1] for w in data.opener_retag}

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
        if (text[de - 3 : de - 2] in retag_tails or text[de - 5 : de - 4] in retag_tails) and data.retag_opener_before(
            text, de
        ):
            return True  # 应当妥善的处理…: a word right after a modal opener (opener_retag)
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
                left = lefts2[b] = left_ratio(model, b)
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
            and (score <= retag_object_t or not data.retag_opener_before(text, de))
        ):
            continue
        site = _tagged_site(text, de, clauses, data)
        if site is None:
            continue
        threshold = _site_threshold(text, site, score, idiom, with_di, model, data)
        if threshold is None or score <= threshold or clauses.allowed(de, de + 1):
            continue
        yield _de_di_finding(de, site.before[2], site.after[2])


@dataclass(frozen=True)
class _Site:
    """A 的 the model finds suspect, as jieba tags the words around it (a stretch of its
    clause from ``lo``): the tokens, the index ``d`` of the 的, the words ``before`` and
    ``after`` it (their tags corrected where jieba misreads them), the token after the
    verb (``follower``), and ``last``, the token after the last of coordinated verbs (at
    index ``f``)."""

    de: int
    lo: int
    tokens: tuple[segment.Tagged, ...]
    d: int
    before: segment.Tagged
    after: segment.Tagged
    follower: segment.Tagged | None
    f: int
    last: segment.Tagged | None
    #: jieba's tag of ``before`` where it was replaced by an adjective's (``opener_retag``).
    retagged: str = ""


def _tagged_site(text: str, de: int, clauses: Clauses, data: DeAdverbialData) -> _Site | None:
    """The words around the suspect 的 at ``de`` tagged by jieba; None unless the word
    before it may be an adverbial and the word after it a verb or preposition
    (``lm_before_tags``, ``lm_after_tags``), with no noun after the verb."""
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
        return None
    before, after = tokens[d - 1], tokens[d + 1]
    if before[3] == "m" and before[2] in _AMOUNTS and d > 1 and tokens[d - 2][2] in data.degree:
        before = (*before[:3], "a")  # 更多的依靠: jieba reads 更 + 多, a numeral
    if after[2] in data.prepositions and after[3][:1] == "n":
        # 如实的对全国形势…: jieba reads 对 as a noun (一对).  Cross-fitted: old 599 ->
        # 601 of 726, tune 128 of 131, no clean 的 reported in either
        after = (*after[:3], "p")
    retagged = ""
    if data.opener_retag and d >= 2 and (
        tokens[d - 2][2] in data.opener_retag
        # 应当客观/n 公正/nr 的调查: two manner words after the modal opener, the first no
        # verb (要实行灵活的用工制度: the verb's object follows it)
        or (
            d >= 3
            and tokens[d - 3][2] in data.opener_retag
            and tokens[d - 2][3] not in ("v", "vn")
            and _manner_like(tokens[d - 2], data)
        )
    ):
        retagged = _opener_retag(tokens, d, data)
        if retagged and before[3] not in data.lm_before_tags:
            before = (*before[:3], "a")  # 应当妥善/v的处理: the adverbial
        if retagged and after[3] not in ("v", "vn", "p"):
            after = (*after[:3], "v")  # 应当认真的核实/n 材料: the verb
    if before[3] not in data.lm_before_tags or after[3] not in data.lm_after_tags:
        return None
    follower = tokens[d + 2] if d + 2 < len(tokens) else None
    if (
        follower is not None
        and follower[2] in data.lm_noun_followers
        and not _clause_final_de(text, lo, follower)
    ):
        return None  # 扎实的推进措施, 坚定的推进中: the verb is used as a noun
    f = d + 2
    while f + 2 < len(tokens) and tokens[f][2] in data.lm_joiners and (
        tokens[f + 1][3][:1] == "v" or (data.joined_set_phrase_verb and _verb_phrase(tokens[f + 1]))
    ):
        f += 2  # 坚定的维护和发展了: what follows the last of coordinated verbs
    last = tokens[f] if f < len(tokens) else None
    return _Site(de, lo, tokens, d, before, after, follower, f, last, retagged)


def _manner_like(token: segment.Tagged, data: DeAdverbialData) -> bool:
    """May ``token`` be a manner word as ``opener_retag`` reads one (an adverbial's tag, or
    one of ``opener_retag_tags`` on a word of two or more characters; a verb only where the
    model reads it before 地, ``opener_retag_verb_left``)?"""
    if token[3] in data.lm_before_tags:
        return True
    if token[3] not in data.opener_retag_tags or len(token[2]) < 2:
        return False
    if token[3] in ("v", "vn"):
        model = lm.model()
        return model is not None and left_ratio(model, token[2][-2:]) >= data.opener_retag_verb_left
    return True


def _opener_retag(tokens: tuple[segment.Tagged, ...], d: int, data: DeAdverbialData) -> str:
    """The tag jieba gave the adverbial before the 的 at index ``d`` or the verb after it,
    where ``opener_retag`` and ``opener_verb_tags`` read them otherwise than jieba does
    (the caller has found a modal opener right before the adverbial); "" where they do
    not.  A word of two or more characters after a modal verb is its adverbial if jieba
    tags it a noun, a verb … (应当妥善/v的处理, 应当依法及时/c的执行), and a word of two
    characters after 的 is the verb if jieba tags it a noun or an adjective and a noun, a
    verb or an adjective (its object) follows it (应当认真的核实/n 材料)."""
    before, after = tokens[d - 1], tokens[d + 1]
    before_ok = before[3] in data.lm_before_tags
    before_retag = not before_ok and _manner_like(before, data)
    after_ok = after[3] in ("v", "vn", "p")
    after_retag = not after_ok and (
        (
            after[3] in data.opener_verb_tags
            and len(after[2]) == 2
            and d + 2 < len(tokens)
            and tokens[d + 2][3][:1] in ("n", "v", "a")
        )
        or (data.opener_verb_object and _merged_verb_object(after))
    )
    if not (before_ok or before_retag) or not (after_ok or after_retag) or not (before_retag or after_retag):
        return ""
    # a verb before 的 keeps its own threshold (lm_threshold_opener_retag_verb)
    return "v" if before_retag and before[3] == "v" else (before[3] if before_retag else after[3])


def _verb_has_object(text: str, site: _Site, data: DeAdverbialData) -> bool:
    """Does an object follow the verb of ``site`` (the last of coordinated verbs): a noun,
    a pronoun, a verb, a set phrase, a quotation or a title (抓好“三农”工作), an adjective
    before a noun (扩大有效投资), or a colon and a quotation (尖锐的指出：); no head noun
    that makes verb + noun a compound noun (推进措施)?"""
    last = site.last
    if last is None:
        # a colon right after the verb: a quotation is its object (尖锐的指出：)
        return text.startswith("：", site.lo + site.after[1])
    if data.verbal_head_openers and _verbal_head_compound(text, site, data):
        return False
    return (
        last[3][:1] in _OBJECT_TAGS
        or last[2] in _OBJECT_OPENERS
        or (data.object_adjective and _adjective_object(site.tokens, site.f))
    ) and not last[2].startswith(tuple(data.heads))


def _verbal_head_compound(text: str, site: _Site, data: DeAdverbialData) -> bool:
    """Does one of ``verbal_head_openers`` stand right before the adverbial, the word after
    的 a noun-verb (vn) and the one after it a verbal word (v, vn) that closes the clause:
    the two a compound noun (要稳定的发展/vn 预期/vn, 服务/vn 保障/v) rather than a verb and
    its object?"""
    tokens, d, last = site.tokens, site.d, site.last
    if d < 2 or tokens[d - 2][2] not in data.verbal_head_openers:
        return False
    if last is None or site.f != d + 2 or site.after[3] != "vn" or last[3] not in ("v", "vn"):
        return False
    return _CLAUSE_FINAL_RE.match(text, site.lo + last[1]) is not None


def _merged_verb_object(token: segment.Tagged) -> bool:
    """Is ``token`` a noun of four characters that jieba's dictionary reads as a verb (v)
    and a noun (履行职责, 执行公务): a verb and its object jieba merged?"""
    word, tag = token[2], token[3]
    if tag != "n" or len(word) != 4:
        return False
    lookup = segment.dictionary().tag
    return lookup(word[:2]) == "v" and lookup(word[2:]) == "n"


def _phrase_opener(text: str, site: _Site, model: lm.Model, data: DeAdverbialData) -> tuple[int, str, str, bool]:
    """What stands before the adverbial of ``site``: the index ``k`` of the word (past
    other adverbials joined to it), the word and its tag as read here, and whether a
    coordinated adverbial takes 地 (``parallel``)."""
    lo, tokens, d, follower = site.lo, site.tokens, site.d, site.follower
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
    return k, word, tag, parallel


def _site_threshold(
    text: str,
    site: _Site,
    score: float,
    idiom: bool,
    with_di: dict[str, list[int]],
    model: lm.Model,
    data: DeAdverbialData,
) -> float | None:
    """The model's threshold for the suspect ``site``, by what stands before the adverbial
    and what follows the verb (an object, a marker, a coordinated adverbial with 地 …);
    None where the phrase is a verb's object or a determiner's noun phrase, whatever the
    score (``score`` only tells a decisive reading).

    The steps: a site read by ``opener_retag`` has its own thresholds
    (:func:`_opener_retag_threshold`); else what stands before the adverbial
    (:func:`_phrase_opener`) may open a noun phrase (:func:`_opens_noun_phrase`: no
    threshold); else the threshold of the phrase's own marks (:func:`_marked_threshold`),
    lowered where the verb takes an object (:func:`_object_follows`,
    :func:`_object_threshold`), ends the clause (:func:`_bare_clause`) or follows a series
    of adverbials after a predicate opener (:func:`_series_after_opener`)."""
    if site.retagged:
        return _opener_retag_threshold(text, site, data)
    k, word, tag, parallel = _phrase_opener(text, site, model, data)
    opener = data.is_opener(word)
    if _opens_noun_phrase(site, score, word, tag, opener, parallel, data):
        return None
    predicate = opener or tag == "d"
    subject = tag[:1] == "n" and tag != "nr"  # 国家有效的执行职务: a subject before it
    # a predicate, a subject or the clause start before the adverbial: a verb phrase may follow
    verb_phrase = predicate or subject or not word
    threshold = _marked_threshold(text, site, idiom, with_di, tag, predicate, verb_phrase, parallel, data)
    tokens, d, before, last = site.tokens, site.d, site.before, site.last
    # a degree word before the adverbial (更广泛的参与, 更加有效的监督政府): a noun-verb
    # (vn) with an object is a verb there too
    graded = (d >= 2 and tokens[d - 2][2] in data.degree) or _degree_merged(before[2], data)
    # a determiner after the verb opens its object (认真的研究这些问题): a noun-verb
    # (vn) before it is a verb too
    determined = last is not None and last[2] in data.lm_determiners
    # a noun-verb (vn) after a predicate opener or an adverb takes its object as a verb
    # (要具体的研究本地区的情况): its own threshold, unless a degree word or a
    # determiner already reads it as a verb
    noun_verb = (
        predicate
        and data.lm_threshold_object_noun_verb < float("inf")
        and not (graded or determined)
    )
    if verb_phrase and _object_follows(text, site, graded or determined or noun_verb, model, data):
        # 要更多的支持农业, 正意气风发的在; 不断的传播先进思想 (an adverb before 的)
        object_threshold = _object_threshold(site, predicate, graded, determined, noun_verb, model, data)
        threshold = min(threshold, object_threshold)
    if verb_phrase and _bare_clause(text, site, k, data):
        threshold = min(threshold, data.lm_threshold_bare)  # 积极稳步的推进。: the verb ends the clause
    if opener and _series_after_opener(site, model, data):
        threshold = min(threshold, data.lm_threshold_series_predicate)  # 能够便利、完整的阅览和下载
    if _modal_clause(text, site, data):
        threshold = min(threshold, data.lm_threshold_opener_object)  # 要大张旗鼓的倡导艰苦创业
    return threshold


def _modal_clause(text: str, site: _Site, data: DeAdverbialData) -> bool:
    """Does a modal opener of ``opener_retag`` stand right before the adverbial (as jieba
    tags them), with a verb or a preposition after 的 and an object after the verb
    (必须全心全意的依靠工人阶级)?"""
    tokens, d = site.tokens, site.d
    return (
        d >= 2
        and tokens[d - 2][2] in data.opener_retag
        and site.after[3] in ("v", "vn", "p")
        and _verb_has_object(text, site, data)
    )


def _opener_retag_threshold(text: str, site: _Site, data: DeAdverbialData) -> float:
    """The threshold of a site read by ``opener_retag`` (a modal opener before the
    adverbial): what stands before the adverbial is the opener, so the other thresholds'
    reading of it does not apply."""
    after_tag = site.tokens[site.d + 1][3]  # jieba's own tag, before opener_verb_tags
    if site.retagged == "v":
        # 应当妥善/v的处理: a modal opener before it; lower before a verb jieba tags v (not a
        # noun-verb: 审批/vn 手续) or a preposition, with an object (应当妥善的安置/v 受灾群众)
        if after_tag in ("v", "p") and _verb_has_object(text, site, data):
            return min(data.lm_threshold_opener_retag_verb, data.lm_threshold_opener_retag_verb_object)
        return data.lm_threshold_opener_retag_verb
    # 应当依法及时/c的执行, 应当认真的核实/n 材料; lower with an object (应当全面/n 的审查证据)
    if after_tag in ("v", "vn", "p") and _verb_has_object(text, site, data):
        return min(data.lm_threshold_opener_retag, data.lm_threshold_opener_retag_object)
    return data.lm_threshold_opener_retag


def _opens_noun_phrase(
    site: _Site, score: float, word: str, tag: str, opener: bool, parallel: bool, data: DeAdverbialData
) -> bool:
    """Does ``word`` (tagged ``tag``) before the adverbial make the phrase a noun phrase: a
    nominalizer or a verb that is no predicate opener (是始终不渝的追求, 以积极的…: the
    verb's object), or a determiner with no verb marker after the verb (采取其他有效的控制
    …措施, 一种积极的支持)?  Not where a coordinated adverbial takes 地 (``parallel``:
    把集中与分散有机地、恰当的结合起来) or the score is decisive."""
    after, follower = site.after, site.follower
    decisive = parallel or (
        score > data.lm_threshold_decisive
        and not (data.decisive_not_nominal and _nominal_object(word, after, follower, data))
    )
    if decisive:
        return False
    if word in data.nominalizers or (tag.startswith("v") and not opener):
        return True
    marked = follower is not None and follower[2] in data.verb_markers
    return not marked and tag[:1] in ("r", "m", "q") and not opener


def _marked_threshold(
    text: str,
    site: _Site,
    idiom: bool,
    with_di: dict[str, list[int]],
    tag: str,
    predicate: bool,
    verb_phrase: bool,
    parallel: bool,
    data: DeAdverbialData,
) -> float:
    """The threshold by what the phrase shows around the adverbial and its verb: a
    predicate opener or an adverb before it, a verb marker or a strong marker after the
    verb, a coordinated adverbial with 地, an idiom, the adverbial written with 地 elsewhere
    in the paragraph."""
    before, after, follower, last = site.before, site.after, site.follower, site.last
    # an adverb before 的 modifies a verb (更好的付诸实践), unless a preposition stands
    # before it (同更多的拉美国家建立…: the phrase is its object)
    adverb = before[3] == "d" and tag != "p"
    threshold = data.lm_threshold_predicate if predicate or adverb else data.lm_threshold
    if follower is not None and follower[2] in data.verb_markers:
        threshold = min(threshold, data.lm_threshold_marked)  # 这极大的激发了: a verb
    if last is not None and last[2] in data.lm_strong_markers and after[3] in ("v", "vn"):
        threshold = min(threshold, data.lm_threshold_strong)  # 严重的损害了
    if parallel:
        threshold = min(threshold, data.lm_threshold_parallel)
    if idiom and before[3] == "i" and len(before[2]) == 4 and after[3] in ("v", "p"):
        threshold = min(threshold, data.lm_threshold_idiom)
    if verb_phrase and with_di and _written_with_di(text, site.de, with_di, before[2]):
        threshold = min(threshold, data.lm_threshold_usage)  # 经常地加强监督，经常的开展
    return threshold


def _object_follows(text: str, site: _Site, noun_verb_ok: bool, model: lm.Model, data: DeAdverbialData) -> bool:
    """Is the word after 的 a preposition, or a verb with an object (:func:`_verb_has_object`)?
    A noun-verb (vn) counts only where ``noun_verb_ok`` (a degree word, a determiner or a
    predicate opener reads it as a verb); not 是/有 or a predicate opener (更严重的是会…,
    完成计划好的要表扬: the noun phrase is their subject); a set phrase (l) before 的 only
    where its last two characters make 地 plausible (毫不留情的制止…; not 计划生育的…,
    国民经济的…: nouns).  Set phrase: cross-fitted, old 628 -> 630 of 726, tune 128 of 131,
    no clean 的 reported."""
    before, after = site.before, site.after
    if before[3] == "l" and not left_ratio(model, before[2][-2:]) > data.lm_prefilter:
        return False
    if after[3] == "p":
        return True
    return (
        (after[3] == "v" or (noun_verb_ok and after[3] == "vn"))
        and after[2] not in data.predicate_openers
        and after[2] not in _COPULAS
        and _verb_has_object(text, site, data)
    )


def _object_threshold(
    site: _Site,
    predicate: bool,
    graded: bool,
    determined: bool,
    noun_verb: bool,
    model: lm.Model,
    data: DeAdverbialData,
) -> float:
    """The threshold of a verb with an object, by what stands before the adverbial and
    after the verb: an adverb before 的, a predicate opener, a degree word (``graded``), a
    determiner opening the object (``determined``), a series of adverbials, verbs joined
    before one object, a noun-verb after a predicate opener (``noun_verb``)."""
    tokens, d, f, before, after = site.tokens, site.d, site.f, site.before, site.after
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
    return object_threshold


def _bare_clause(text: str, site: _Site, k: int, data: DeAdverbialData) -> bool:
    """Does a verb (v, no nominal verb, no predicate opener, no copula) end the clause right
    after 的, with no adverb before the adverbial that belongs to a verb's object (token
    ``k``: 受到了日益广泛的欢迎)?  积极稳步的推进。"""
    after = site.after
    return (
        after[3] == "v"
        and site.last is None
        and site.follower is None
        and after[2] not in data.nominal_verbs
        and after[2] not in data.predicate_openers
        and after[2] not in _COPULAS
        and _bare_verb(text, site.de)
        and not _adverb_after_verb(site.tokens, k, data)
    )


def _series_after_opener(site: _Site, model: lm.Model, data: DeAdverbialData) -> bool:
    """Is the adverbial the last of a series joined by 、 (the caller has found a predicate
    opener before it), before a verb (no nominal verb) or a preposition (能够便利、完整的
    阅览和下载)?"""
    tokens, d, after = site.tokens, site.d, site.after
    return (
        d >= 3
        and tokens[d - 2][2] == "、"
        and _adverbial_like(model, tokens[d - 3], data)
        and after[3] in ("v", "p")
        and after[2] not in data.nominal_verbs
    )
