"""WRD002 (de-before-complement): 的 written for 得 between a verb and its complement.

:func:`de_before_complement` reads the listed complements of ``rules/wrd.yaml`` after 的 (抓的紧),
then the further forms each scanned by one pattern of :class:`DeComplementData` (a relative
clause, a potential form, a state, an amount, a coordinated or compared complement) and last
the language model's suspects (:func:`_model_de_de`).  :func:`_verb_de` decides whether the
word before 的 is a verb that takes a complement.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property

from .... import lm, segment
from ....document import Document
from ....model import Diagnostic, Fix, Span
from ....registry import rule
from ... import quote
from ..common import Clauses, alternation, pair_score, token_at
from .shared import PHRASE_END_RE, after_han, is_han, left_ratio


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
    #: Degree words that after 的 close their clause only as the complement of 得 (慢的很,
    #: 美的很, 好的很): 的 + 很 alone before a clause end makes no noun phrase and no
    #: predicate of a 的-phrase (a predicate needs its adjective: 他说的很对), so it is
    #: reported whatever stands before 的 (jieba merges 美的/nr) and untagged.
    closing_degree: frozenset[str] = frozenset()
    #: Verb (jieba's v) + 的了 alone before a clause end is the potential 得了 (兑现的了,
    #: 克服的了) unless 是 stands before the verb in the clause (是不可避免的了, 是大家都知道
    #: 的了: the 是…的 of a statement, with 了 after it); 了 is kept out of
    #: ``potential_complements`` for that reason.
    potential_le: bool = False
    #: Judgements of truth (对, 正确) that after a verb of saying (``truth_verbs``: 说, 讲) +
    #: 的 + degree words, alone before a clause end, leave 的 unreported (他说的很对, 你讲的
    #: 完全正确): the 的-phrase is the subject judged, what was said, and 的 is as right there
    #: as 得.  Not after other verbs (这条路我们走的很对: how it was walked).  ``truth_degree``:
    #: further words allowed before one (完全).
    truth_predicates: frozenset[str] = frozenset()
    truth_verbs: frozenset[str] = frozenset()
    truth_degree: frozenset[str] = frozenset()
    #: Words right before the adjective that mark a comparison as 比 does for
    #: ``compared_amounts`` (要: 实际情况要复杂的多, 这样做要稳妥的多): 要 + adjective + 的多
    #: at the clause end compares; the adjective must still be one (jieba's a), so 需要的多,
    #: 我们要的多 (要 the verb before 的) stay silent.
    compared_openers: frozenset[str] = frozenset()
    #: Predicates of a bodily or emotional state that take no object (急, 累, 忙, 高兴):
    #: after one (a word of its own to jieba), 的 + the rest of the clause is a state
    #: complement of 得 (急的满头大汗, 高兴的手舞足蹈, 累的说不出话) when the rest is one
    #: dictionary word of four characters (an idiom) or opens with a potential negative
    #: (a dictionary word of 3-4 characters with 不 second: 顾不上, 说不出, 合不拢嘴).  With
    #: no object to nominalise, 的 there could only open a noun phrase (高兴的事情, 忙的
    #: 时候), and neither form is a noun phrase's.  Only where nothing but the subject
    #: stands before the predicate in the clause (no verb, preposition or particle: 取得了人民
    #: 高兴的重大成就, 经过紧张的密谋策划 are modifiers before a noun the dictionary holds).
    state_predicates: frozenset[str] = frozenset()
    #: Report verb (jieba's v, vn) + 的 + 又A又B alone before a clause end, each of A and B
    #: an adjective of one or two characters (``adjective_tags`` in the clause: 路修的又宽
    #: 又平, 材料准备的又快又全): two adjectives each after 又 end no noun phrase, so 的
    #: there joins the verb to its complement.  Only after a noun right before the verb,
    #: its topic (路 in 路修的): a verb with none (新修的又宽又平) heads a 的-phrase subject,
    #: and never after a person (``nominal_subjects``: 他们买的又贵又差, what they bought).
    you_pair: bool = False
    #: Directional complements of two characters (下来, 进去, 出来) that after a verb (jieba's
    #: v) + 的, alone before a clause end, are the potential complement of 得 (坚持的下来, 听的
    #: 进去, 卖的出去): as with ``potential_complements``, a verb of direction alone after 的
    #: ends no noun phrase.  Not 过去, a noun as well (不堪回首的过去).
    potential_directionals: frozenset[str] = frozenset()
    #: Question particles that may stand between a potential complement (of
    #: ``potential_complements`` or ``potential_directionals``) and the clause end (扛的住吗,
    #: 管的过来吗): a particle closes the clause as the clause end does, and adds no noun.
    potential_questions: frozenset[str] = frozenset()
    #: Degree words that open nouns as well (非常, 比较: 非常措施, 比较优势), after which
    #: alone (the only degree word) a dictionary word the dictionary tags one of
    #: ``open_degree_tags`` (a verb or adverb: 非常周到/v, 比较缓慢/d, 比较透彻/v), alone
    #: before the clause end after verb + 的, is a complement: such a word heads no noun
    #: phrase, so the 的 joins the verb to its complement.  Never after a person
    #: (``nominal_subjects``: 我们面临的非常…, what we face).
    open_degree: frozenset[str] = frozenset()
    open_degree_tags: frozenset[str] = frozenset()
    #: Verbs that take a verbal noun as their object (进行, 给予, 作出): before 的 they make
    #: ``open_degree``'s verb that noun, modified by 非常 or 比较 (各方给予的非常关注, 会议作出
    #: 的比较说明), so ``open_degree`` reads nothing after them.
    light_verbs: frozenset[str] = frozenset()
    #: Adverbs that, a word of their own right after a state predicate + 的 and followed by
    #: a verb (jieba's v) or 不, open a state complement as ``state_predicates``' idioms do
    #: (气的直跺脚, 冻的直哆嗦, 笑的直不起腰): 直 + verb is a clause, what the state led to,
    #: never a noun phrase (直接原因 is one word to jieba, and not 直 alone).
    state_adverbs: frozenset[str] = frozenset()
    #: Report verb (jieba's v, vn) + 的 + 越A越B within a clause (拖的越久越难解决, 办的越快越
    #: 好): the correlative 越…越 after a verb states how the action goes, the complement of
    #: 得.  Never when A is an amount (``amounts``: 要的越少越好, 参加的越多越好: a
    #: 的-phrase subject, what is wanted or who take part) or 来 (越来越, read elsewhere),
    #: nor after a person (``nominal_subjects``).
    correlative: bool = False

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
        # the lookbehind stays in the pattern (not :func:`after_han`): it matches often
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
        """A 的 (after a Han character: the search is :func:`after_han`), then 比, a stretch of up to six characters without 的
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
        """A 的 (after a Han character: the search is :func:`after_han`), a one-character listed complement and 的 again."""
        ones = [c for c in self.complements if len(c) == 1]
        if not ones:
            return re.compile("(?!)")
        return re.compile(f"的([{''.join(sorted(ones))}])的")

    @cached_property
    def potential(self) -> re.Pattern[str]:
        """A 的 (after a Han character: the search is :func:`after_han`), then a potential complement alone before a clause end."""
        if not self.potential_complements:
            return re.compile("(?!)")
        chars = "".join(sorted(self.potential_complements))
        # 看的见的变化: before another 的 as well, when potential_before_relative is on
        relative = "|的" if self.potential_before_relative else ""
        return re.compile(f"的([{chars}]){self._question}(?=[，。；！？、…”]|${relative})", re.MULTILINE)

    @cached_property
    def _question(self) -> str:
        """An optional question particle (``potential_questions``) after a potential complement."""
        return f"(?:{alternation(self.potential_questions)})?" if self.potential_questions else ""

    @cached_property
    def directional(self) -> re.Pattern[str]:
        """A 的 (after a Han character: the search is :func:`after_han`), then a directional
        complement (``potential_directionals``) alone before a clause end (group 1)."""
        if not self.potential_directionals:
            return re.compile("(?!)")
        return re.compile(
            f"的({alternation(self.potential_directionals)}){self._question}(?=[，。；！？、…”]|$)", re.MULTILINE
        )

    @cached_property
    def amount(self) -> re.Pattern[str]:
        """A 的 (after a Han character: the search is :func:`after_han`), then a compared amount (and 了) before a clause end."""
        if not self.compared_amounts:
            return re.compile("(?!)")
        return re.compile(
            f"的({alternation(self.compared_amounts)})了?(?=[，。；！？、…”]|$)", re.MULTILINE
        )

    @cached_property
    def state_clause(self) -> re.Pattern[str]:
        """A state predicate (``state_predicates``), 的 and the rest of the clause (3-8
        characters, no 的) before a clause end: group ``rest``."""
        if not self.state_predicates:
            return re.compile("(?!)")
        # found at 的 (a literal the search skips to), the predicate in lookbehinds, one per
        # length: an alternation of the predicates first is tried at every character (about
        # 20 ms on the 10 MB benchmark input against 2 ms this way)
        by_length: dict[int, list[str]] = {}
        for w in sorted(self.state_predicates):
            by_length.setdefault(len(w), []).append(w)
        behind = "|".join(f"(?<=(?:{alternation(tuple(ws))})的)" for _, ws in sorted(by_length.items()))
        return re.compile(
            f"的(?:{behind})(?P<rest>[^的，。；！？、：…”“\\s]{{3,8}})(?=[，。；！？、…”]|$)",
            re.MULTILINE,
        )

    @cached_property
    def clause_end_forms(self) -> re.Pattern[str]:
        """A 的 (after a Han character: the search is :func:`after_han`), then, alone before a
        clause end, a closing degree word (``closing_degree``: 很), 了 (``potential_le``) or
        又 + 1-2 characters twice (``you_pair``), each only when its setting is on: one scan
        for the three forms (group 1: all after the 的; told apart by
        :meth:`clause_end_form`).  The characters after 又 are never 的, so no match
        covers another 的 its own form would read."""
        forms = []
        if self.closing_degree:
            forms.append(alternation(self.closing_degree))
        if self.potential_le:
            forms.append("了")
        if self.you_pair:
            word = "(?:(?!的)[\u4e00-\u9fff])"
            forms.append(f"又{word}{{1,2}}?又{word}{{1,2}}")
        if not forms:
            return re.compile("(?!)")
        return re.compile(f"的({'|'.join(forms)})(?=[，。；！？、…”]|$)", re.MULTILINE)

    def clause_end_form(self, m: re.Match[str]) -> str:
        """Which form a match of :attr:`clause_end_forms` is: 'closing', 'le' or 'you_pair'."""
        found = m.group(1)
        if found in self.closing_degree:
            return "closing"
        return "le" if found == "了" else "you_pair"

    @cached_property
    def correlative_pattern(self) -> re.Pattern[str]:
        """A 的 (after a Han character: the search is :func:`after_han`), then 越 + 1-2
        characters (group ``first``) + 越 and the rest of the clause (no 的) before a clause end;
        group 1: all after the 的."""
        if not self.correlative:
            return re.compile("(?!)")
        word = "(?:(?!的)[\u4e00-\u9fff])"
        return re.compile(
            f"的(越(?P<first>{word}{{1,2}}?)越{word}{{1,6}})(?=[，。；！？、…”]|$)", re.MULTILINE
        )

    @cached_property
    def state(self) -> re.Pattern[str]:
        """A 的 (after a Han character: the search is :func:`after_han`), then a reduplicated AABB word before a clause end (the
        form of nearly every state word: 扎扎实实; no scan of every 的 before a clause end)."""
        if not self.state_tags:
            return re.compile("(?!)")
        # any two characters: their Han-ness is tested by :func:`_state_han` (one match at
        # each 的, so the same matches as a Han class in the pattern, compiled more cheaply)
        return re.compile("的((?!的)(.)\\2(.)\\3)(?=[，。；！？、…”]|$)", re.MULTILINE)

    @cached_property
    def coordinated(self) -> re.Pattern[str]:
        """A 的 (after a Han character: the search is :func:`after_han`), degree words, two words of 2-4 characters joined by a
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
        """A 的 (after a Han character: the search is :func:`after_han`) and before a degree word and another Han character."""
        if not self.degree:
            return re.compile("(?!)")
        # the Han character after the degree word: tested by :meth:`degree_before_han`
        return re.compile(f"的(?=(?:{alternation(self.degree)}))")

    def degree_before_han(self, m: re.Match[str]) -> bool:
        """Does a degree word and a Han character follow the 的 of ``m`` (any of the degree
        words: as the alternation of a lookahead would backtrack to a shorter one)?"""
        text, at = m.string, m.end()
        return any(text.startswith(d, at) and is_han(text[at + len(d) : at + len(d) + 1] or "\0") for d in self.degree)

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
    `做的到的事情`。两字的趋向补语（下来、进去、出来……，`potential_directionals`）同样：
    `坚持的下来` → `坚持得下来`；“过去”也是名词（`不堪回首的过去`），不算。可能补语和分句末尾
    之间可以有疑问语气词（`potential_questions`：`扛的住吗`、`管的过来吗`）。
    “非常、比较”也修饰名词（`非常措施`、`比较优势`），但其后是词典里的动词或副词（`open_degree`：
    `安排的非常周到`、`推进的比较缓慢`）单独在分句末尾时是补语；动词前是人称时，或动词以动名词为宾语
    （`light_verbs`：`各方给予的非常关注`）时不报。
    分句里动词前有介词“把”（`disposal_markers`）时，程度词后的补语不再需要上述语言模型
    或词性条件（`要把营商环境打造的更优`）：“把”字句的动词要带补语；名词仍不算。
    分句里动词前有“让、使”且中间是动词的主语（`causative_markers`，“让人”除外）时，程度词后的
    形容词不再需要语言模型的预筛（`让企业发展的更加稳健`）；`让人担心的还很多`不报。
    jieba 把程度词和单字补语合成一个形容词时（`较稳`、`更稳`，`merged_degree`），整个词算补语；
    表示数量、大小的“多、少、大、高……”（`amounts`）除外（`我们付出的很大`）。
    带程度词重复的补语，第二个可以是任何单字（`走的更稳更远`，`repeated_unlisted`）。
    比较句里形容词 + “的” + “多”在分句末尾（`比过去高的多`，`compared_amounts`）是“得多”；
    “的”前是动词或名词（`困难比预料的多`）时不报。
    “要”紧接形容词时也是比较句（`compared_openers`：`实际情况要复杂的多`）；“我们要的多”不报。
    “的”+“很”单独在分句末尾（`closing_degree`：`慢的很`、`好的很`）是“得很”：名词短语不这样
    结尾，“的”字短语作主语时“很”后要有形容词（`他说的很对`）。动词 + “的了”单独在分句末尾
    （`potential_le`：`兑现的了`）是可能补语“得了”；分句里动词前有“是”时（`是不可避免的了`）不报。
    表示身体或情绪状态、不带宾语的谓词（`state_predicates`：急、累、忙、高兴……）+ “的” +
    四字的词典词或“X不Y”式的可能补语单独到分句末尾，是状态补语：`急的满头大汗`、
    `累的说不出话`；`高兴的事情`、`忙的时候`不报。“直”+ 动词（`state_adverbs`：`气的直跺脚`、
    `冻的直哆嗦`）同样是状态补语；`忙的直接原因`（“直接”是一个词）不报。
    动词 + “的” + “越A越B”在同一分句里（`correlative`：`拖的越久越难解决`）是补语；A 是
    数量、大小（`参加的越多越好`）或“来”（越来越）时，或动词前是人称时不报。
    “说、讲”等言说动词 + “的” +（程度词）+ “对、正确”等真假判断单独在分句末尾时（`truth_predicates`），
    “的”字短语是被判断的主语（`他说的很对`：他说的话很对），不报；其他动词后照报（`这条路我们走的很对`）。
    动词 + “的” + “又A又B”（A、B 为形容词）单独在分句末尾、动词前紧接名词（话题）时是补语
    （`you_pair`：`路修的又宽又平`）；动词前是人称（`他们买的又贵又差`）或没有话题时不报。
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
    for found in _all_findings(text, data):
        if not _judged_true(text, found.span.start, data):
            yield found


def _judged_true(text: str, de: int, data: DeComplementData) -> bool:
    """Is the 的 at ``de``, after a verb of saying (``truth_verbs``), followed by degree words
    and a judgement of truth alone before a clause end (``truth_predicates``: 他说的很对, 你讲
    的完全正确)?  The 的-phrase is then the subject judged (what he said is right): 的 is as
    right there as 得."""
    if not data.truth_predicates or not any(text.endswith(v, 0, de) for v in data.truth_verbs):
        return False
    rest = text[de + 1 : de + 12]
    degree = sorted(data.degree | data.truth_degree, key=len, reverse=True)  # longest first
    at = 0
    while True:  # up to three degree words (还很, 完全)
        word = next((w for w in degree if rest.startswith(w, at)), None)
        if word is None or at > 6:
            break
        at += len(word)
    return any(rest.startswith(w, at) and re.match("[，。；！？、…”]|$", rest[at + len(w) :]) for w in data.truth_predicates)


def _all_findings(text: str, data: DeComplementData) -> Iterator[Diagnostic]:
    """Every finding of :func:`de_before_complement` before the judgements of truth are left out."""
    clauses = Clauses(text, data.allow)
    model = lm.model() if data.adjective_tags or data.lm_threshold < float("inf") else None
    reported: set[int] = set()
    for found in data.pattern.finditer(text):
        de = found.start()
        cand = _candidate(text, found, clauses, model, data)
        if cand is None:
            continue
        m, single, phrase, degree = cand.m, cand.single, cand.phrase, cand.degree
        read, disposal, causative, bare, compared_verb = cand.read, cand.disposal, cand.causative, cand.bare, cand.compared_verb
        if (single is not None or phrase is not None) and not read and not disposal and not causative and not bare and not compared_verb and (
            model is None or de < 2 or left_ratio(model, text[de - 2 : de], "得") <= data.adjective_prefilter
        ):
            continue
        if clauses.allowed(de, de + 1):
            continue
        tagged = _verb_de(clauses, de, m.end(), data.verb_tags, data)
        if tagged is None and degree and model is not None and data.noun_verb_threshold < float("inf"):
            # 工作部署的不够细致: an action noun (部署/n) used as the verb
            tagged = _verb_de(clauses, de, m.end(), ("n",), data)
            if tagged is not None and left_ratio(model, tagged[1][tagged[3] - 1][2][-2:], "了") < data.noun_verb_threshold:
                tagged = None
        if tagged is None:
            continue
        verb = tagged[1][tagged[3] - 1]  # the word before 的
        if (single is not None or phrase is not None) and not _unlisted_complement(text, de, cand, tagged, model, data):
            continue
        reported.add(de)
        yield _de_de_finding(de, verb[2], m.group(0)[1:])
    yield from _compared_de_de(text, data, reported)
    if data.coordinated_complements:
        yield from _coordinated_de_de(text, data, clauses, reported)
    if data.potential_complements:
        yield from _potential_de_de(text, data, clauses, reported)
    if data.potential_directionals:
        yield from _directional_de_de(text, data, clauses, reported)
    if data.state_tags:
        yield from _state_de_de(text, data, clauses, reported)
    if data.compared_amounts and ("比" in text or any(w in text for w in data.compared_openers)):
        yield from _amount_de_de(text, data, reported)
    # 的很, 的了 and 的又…又 before a clause end: one scan, each form read in its turn
    ends: dict[str, list[re.Match[str]]] = {"closing": [], "le": [], "you_pair": []}
    if data.closing_degree or data.potential_le or data.you_pair:
        for m in after_han(data.clause_end_forms, text):
            ends[data.clause_end_form(m)].append(m)
    yield from _closing_de_de(text, ends["closing"], clauses, reported)
    yield from _potential_le_de(ends["le"], data, clauses, reported)
    if data.state_predicates:
        yield from _state_clause_de_de(text, data, clauses, reported)
    yield from _you_pair_de_de(ends["you_pair"], data, clauses, reported)
    if data.correlative:
        yield from _correlative_de_de(text, data, clauses, reported)
    if data.before_relative_de:
        yield from _relative_de_de(text, data, clauses, reported)
    if model is not None and data.lm_threshold < float("inf"):
        yield from _model_de_de(text, data, model, clauses, reported)



@dataclass(frozen=True)
class _Candidate:
    """One match of WRD002's pattern as the text alone reads it, before tagging: the
    match (``m``: the listed complement after a degree word where one is), its groups,
    and the forms that let an unlisted complement past the model's prefilter (each
    confirmed on the tags by :func:`_unlisted_complement`)."""

    m: re.Match[str]
    single: str | None
    phrase: str | None
    degree: str | None
    read: bool
    disposal: bool
    causative: bool
    bare: bool
    amount: bool
    having: bool
    pair: bool
    predicative: bool
    compared_verb: bool
    opened: bool


def _candidate(
    text: str, found: re.Match[str], clauses: Clauses, model: lm.Model | None, data: DeComplementData
) -> _Candidate | None:
    """The match ``found`` read from the text and the dictionary alone (cheap, before
    tagging); None for an unlisted word that follows no degree word."""
    de = found.start()
    m = found
    if found.group("degree") and (found.groupdict().get("single") or found.groupdict().get("phrase")):
        m = data.listed.match(text, de) or found  # 还很不够: 还很 + the listed 不够
    groups = m.groupdict()
    single, phrase, degree = groups.get("single"), groups.get("phrase"), groups.get("degree")
    if phrase is not None and degree is None:
        return None  # an unlisted word of 2-4 characters is a complement only after 很, 更加 …
    # 处理的比较妥善: an unlisted phrase after a degree word at the clause end that the
    # model reads as 得 in the window (phrase_lm_threshold) needs neither the prefilter
    # nor jieba's adjective tag (妥善/v)
    read = (
        phrase is not None
        and model is not None
        and pair_score(model, text, de, de + 1, "得", data.lm_window) > data.phrase_lm_threshold
    )
    # 要把营商环境打造的更优: after a degree word in a clause with 把 before the verb, an
    # unlisted complement needs no prefilter (checked on the tags by _unlisted_complement)
    before = text[clauses.around(de, de + 1)[0] : de] if degree is not None else ""
    disposal = any(w in before for w in data.disposal_markers)
    causative = any(w in before for w in data.causative_markers)
    # 会议准备的很充分: an adjective after a degree word at the clause end (checked on
    # the tags by _unlisted_complement)
    # the plain negation is no degree word there: 不 + adjective also makes a noun
    # (经济生活中出现的不平衡, 存在的不协调)
    bare = phrase is not None and data.degree_adjective_at_end and degree != "不"
    # cheap, before tagging: jieba tags a word of its dictionary as the dictionary does,
    # so only a dictionary adjective can pass the tags (新的更大贡献 is never tagged)
    bare = bare and (segment.dictionary().tag(phrase or "") or "") in data.adjective_tags
    # 改革推进的更稳, 路子走的越来越宽: one character after a degree word, an adjective
    # alone or merged with the degree word (更稳/a), never an amount (要求的很高)
    # 变化的很大: an amount too, after a verbal noun (checked on the tags by _unlisted_complement)
    amount = (
        data.amount_after_verbal_noun and single is not None and single in data.amounts and degree not in (None, "不")
    )
    if single is not None and degree and degree != "不" and data.degree_single_at_end and (single not in data.amounts or amount):
        words = segment.dictionary()
        # (an amount after a verbal noun: 多 is a numeral, m, to the dictionary)
        bare = amount or any((words.tag(w) or "") in data.adjective_tags for w in (single, degree[-1] + single))
    # 专项整治开展的很有成效: 有 + a dictionary word after a degree word (checked on the tags by _unlisted_complement)
    having = (
        phrase is not None
        and data.degree_you_at_end
        and degree != "不"
        and phrase.startswith("有")
        and segment.dictionary().tag(phrase[1:]) is not None
    )
    # 各项工作推进的更加扎实有效: two dictionary adjectives after a degree word (checked
    # on the tags by _unlisted_complement)
    pair = (
        phrase is not None
        and data.degree_pair_at_end
        and degree != "不"
        and len(phrase) == 4
        and all(data.pair_tag(w, segment.dictionary().tag(w) or "") in data.pair_tags for w in (phrase[:2], phrase[2:]))
    )
    # 收集的很全面: any dictionary word after a degree word that modifies predicates
    # only (checked on the tags by _unlisted_complement)
    predicative = (
        phrase is not None
        and degree is not None
        and any(w in degree for w in data.predicative_degree)
        and segment.dictionary().tag(phrase) is not None
    )
    # 安排的非常周到: a verb or adverb after 非常 or 比较 alone (checked on the tags by
    # _unlisted_complement)
    opened = (
        phrase is not None
        and degree in data.open_degree
        and (segment.dictionary().tag(phrase) or "") in data.open_degree_tags
    )
    bare = bare or having or pair or predicative or opened
    # 有的翻的少一些: one character before 一些 at the clause end (checked on the verb's
    # tag by _unlisted_complement; 发展的每一点进步 goes on)
    compared_verb = (
        data.comparative_verb
        and single is not None
        and _COMPARED_AT_END.match(text, m.end("single")) is not None
        and text.startswith(data.comparative_followers, m.end("single"))
    )
    return _Candidate(
        m, single, phrase, degree, read, disposal, causative, bare, amount, having, pair, predicative, compared_verb, opened
    )


def _unlisted_complement(
    text: str,
    de: int,
    cand: _Candidate,
    tagged: tuple[int, tuple[segment.Tagged, ...], list[int], int],
    model: lm.Model | None,
    data: DeComplementData,
) -> bool:
    """Is the unlisted word after the 的 at ``de`` a complement by the clause's tags: one
    adjective, the whole rest of the clause, or one of the forms of :class:`_Candidate`
    (predicative_degree, degree_you_at_end, degree_pair_at_end, an amount, a comparison)?"""
    m, single = cand.m, cand.single
    read, disposal, causative, bare, amount = cand.read, cand.disposal, cand.causative, cand.bare, cand.amount
    having, pair, predicative, compared_verb = cand.having, cand.pair, cand.predicative, cand.compared_verb
    lo, tokens, starts, d = tagged
    verb = tokens[d - 1]
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
        model is None or de < 2 or left_ratio(model, text[de - 2 : de], "得") <= data.adjective_prefilter
    ):
        return False  # the prefilter, where 把 or 让 turned out no marker
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
        return True
    if (
        cand.opened
        and _predicative_word(tokens, starts, m.start(group) - lo, m.end(group) - lo, m.start("degree") - lo)
        and not _person_before(tokens, d - 1, data.nominal_subjects)
        and verb[2] not in data.light_verbs
    ):
        # open_degree: 非常 + a verb or adverb of the dictionary, alone before the clause end
        return True
    if having and c >= 0 and tokens[c][2] == "有" and c + 1 < len(tokens) and tokens[c + 1][1] == m.end(group) - lo:
        # degree_you_at_end: degree word + 有 + its object, a state (很有成效)
        return True
    if (
        pair
        and c >= 0
        and tokens[c][1] == m.start(group) + 2 - lo
        and c + 1 < len(tokens)
        and tokens[c + 1][1] == m.end(group) - lo
        and {data.pair_tag(t[2], t[3]) for t in tokens[c : c + 2]} <= data.pair_tags
    ):
        # degree_pair_at_end: two adjectives as jieba tags them (扎实/a 有效/a)
        return True
    if c < 0 or tokens[c][1] != m.end(group) - lo:
        return False
    # 放的更开一些, 翻的少一些: before 一些 one character is an adjective, whatever
    # jieba tags it (开/v, 少/n)
    compared = group == "single" and text.startswith(data.comparative_followers, m.end(group))
    # a noun after a degree word is what 的 modifies (采取的非常措施), never a complement
    read = (read or disposal) and tokens[c][3] not in data.phrase_lm_not_tags
    # 发展的太多了: jieba tags the amount 多 a numeral (m) after a verbal noun
    counted = amount and verb[3] == "vn" and tokens[c][2] == single and tokens[c][3] == "m"
    return tokens[c][3] in data.adjective_tags or compared or read or counted


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

    yield from _after_verb_de(after_han(data.relative, text), flanked, data, clauses, reported)


def _potential_de_de(text: str, data: DeComplementData, clauses: Clauses, reported: set[int]) -> Iterator[Diagnostic]:
    """A potential complement alone between verb + 的 and a clause end (接的住、管的好, 叫的
    响): a one-character verb of ``potential_complements`` that jieba reads as a word of its
    own after a verb (jieba's v or vn).  After 的 a noun phrase would need its noun; a verb
    alone there is the result a potential complement states.  Before another 的 as well
    (看的见的变化, ``potential_before_relative``): a verb alone between two 的 modifies no
    noun and is no noun either."""
    def alone(m: re.Match[str], _lo: int, tokens: Sequence[segment.Tagged], d: int) -> bool:
        return d + 1 < len(tokens) and tokens[d + 1][2] == m.group(1)

    yield from _after_verb_de(after_han(data.potential, text), alone, data, clauses, reported)


def _directional_de_de(text: str, data: DeComplementData, clauses: Clauses, reported: set[int]) -> Iterator[Diagnostic]:
    """A directional complement alone between verb + 的 and a clause end (``potential_directionals``:
    坚持的下来, 听的进去): the potential complement of 得, as a verb of direction alone after
    的 ends no noun phrase.  The verb is one jieba tags v (a verbal noun before 的 may head a
    的-phrase of its own)."""

    def alone(m: re.Match[str], _lo: int, tokens: Sequence[segment.Tagged], d: int) -> bool:
        return d + 1 < len(tokens) and tokens[d + 1][2] == m.group(1)

    yield from _after_verb_de(after_han(data.directional, text), alone, data, clauses, reported, ("v",))


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


def _closing_de_de(
    text: str, matches: Iterable[re.Match[str]], clauses: Clauses, reported: set[int]
) -> Iterator[Diagnostic]:
    """A closing degree word (``closing_degree``: 很) alone between 的 and a clause end (慢的
    很, 美的很; ``matches``: those of ``clause_end_forms``): the degree complement of 得, as
    no noun phrase or predicate ends so.  Text alone, untagged: jieba merges the adjective
    with 的 (美的/nr)."""
    for m in matches:
        de = m.start()
        if de in reported or clauses.allowed(de, de + 1):
            continue
        reported.add(de)
        yield _de_de_finding(de, text[de - 1], m.group(1))


def _potential_le_de(
    matches: Iterable[re.Match[str]], data: DeComplementData, clauses: Clauses, reported: set[int]
) -> Iterator[Diagnostic]:
    """Verb + 的了 alone before a clause end (``potential_le``: 兑现的了 → 兑现得了; ``matches``:
    those of ``clause_end_forms``), unless 是 stands before the verb in the clause (是不可避免的
    了: a statement's 是…的, then 了)."""

    def alone(m: re.Match[str], _lo: int, tokens: Sequence[segment.Tagged], d: int) -> bool:
        return (
            d + 1 < len(tokens)
            and tokens[d + 1][2] == "了"
            and tokens[d - 1][3] == "v"
            and not any(t[2] == "是" for t in tokens[: d - 1])
        )

    yield from _after_verb_de(matches, alone, data, clauses, reported, ("v",))


def _you_pair_de_de(
    matches: Iterable[re.Match[str]], data: DeComplementData, clauses: Clauses, reported: set[int]
) -> Iterator[Diagnostic]:
    """Verb + 的 + 又A又B alone before a clause end (``you_pair``: 路修的又宽又平; ``matches``:
    those of ``clause_end_forms``): A and B
    adjectives in the clause's tags, a noun right before the verb (its topic) that is no
    person (他们买的又贵又差)."""

    def pair(m: re.Match[str], _lo: int, tokens: Sequence[segment.Tagged], d: int) -> bool:
        words = [t[2] for t in tokens[d + 1 : d + 5]]
        tags = [t[3] for t in tokens[d + 1 : d + 5]]
        return (
            len(words) == 4
            and "".join(words) == m.group(1)
            and words[0] == words[2] == "又"
            and tags[1] in data.adjective_tags
            and tags[3] in data.adjective_tags
            and d >= 2
            and tokens[d - 2][3].startswith("n")
            and not _person_before(tokens, d - 1, data.nominal_subjects)
        )

    yield from _after_verb_de(matches, pair, data, clauses, reported)


def _state_clause_de_de(
    text: str, data: DeComplementData, clauses: Clauses, reported: set[int]
) -> Iterator[Diagnostic]:
    """A state predicate + 的 + an idiom or a potential negative ending the clause
    (``state_predicates``: 急的满头大汗, 累的说不出话): a state complement of 得.  The
    dictionary decides the form before tagging; the tags confirm the predicate is a word of
    its own (快乐 and 可乐 are not 乐)."""
    for m in data.state_clause.finditer(text):
        words = segment.dictionary()  # here: a text with no match never loads it
        rest = m.group("rest")
        de = m.start("rest") - 1
        if de in reported or clauses.allowed(de, de + 1):
            continue
        idiom = len(rest) == 4 and words.tag(rest) is not None
        negative = any(rest[1] == "不" and words.tag(rest[:n]) is not None for n in (3, 4) if len(rest) >= n)
        adverb = rest[0] in data.state_adverbs
        if not idiom and not negative and not adverb:
            continue
        lo, tokens, starts = clauses.tagged(de, de + 1)
        d = token_at(starts, de - lo)
        if d <= 0 or tokens[d][2] != "的" or tokens[d - 1][2] not in data.state_predicates:
            continue
        if not idiom and not negative and not _adverb_clause(tokens, d, data.state_adverbs):
            continue
        # the predicate is the clause's own (他急的, 孩子们高兴的): a verb, preposition or
        # particle before it makes it a modifier (取得了人民高兴的重大成就, 经过紧张的密谋策划)
        if any(t[3][:1] in ("v", "p", "u") for t in tokens[: d - 1]):
            continue
        reported.add(de)
        yield _de_de_finding(de, tokens[d - 1][2], rest)


def _correlative_de_de(
    text: str, data: DeComplementData, clauses: Clauses, reported: set[int]
) -> Iterator[Diagnostic]:
    """Verb + 的 + 越A越B in one clause (``correlative``: 拖的越久越难解决): A no amount and
    not 来, no person right before the verb."""

    def fit(m: re.Match[str], _lo: int, tokens: Sequence[segment.Tagged], d: int) -> bool:
        first = m.group("first")
        return (
            first not in data.amounts
            and first != "来"
            and not _person_before(tokens, d - 1, data.nominal_subjects)
        )

    yield from _after_verb_de(after_han(data.correlative_pattern, text), fit, data, clauses, reported)


def _adverb_clause(tokens: Sequence[segment.Tagged], d: int, adverbs: frozenset[str]) -> bool:
    """Do the tokens after the 的 at ``d`` open with one of ``adverbs`` as a word of its own
    (直), followed by a verb (jieba's v) or 不 (直跺脚, 直不起腰)?"""
    return (
        d + 2 < len(tokens)
        and tokens[d + 1][2] in adverbs
        and (tokens[d + 2][3].startswith("v") or tokens[d + 2][2] == "不")
    )


def _state_de_de(text: str, data: DeComplementData, clauses: Clauses, reported: set[int]) -> Iterator[Diagnostic]:
    """A state word (jieba's z: 扎扎实实, 明明白白) alone between verb + 的 and a clause end:
    the complement of the verb (把政策讲的清清楚楚).  Only a word the dictionary tags so is
    considered, so the clause is tagged for few of the 的 before a clause end.  The dictionary
    is loaded only for such a match: a draft without one loads nothing."""
    tags = data.state_tags
    listed = (m for m in after_han(data.state, text, _state_han) if (segment.dictionary().tag(m.group(1)) or "") in tags)

    def alone(m: re.Match[str], lo: int, tokens: Sequence[segment.Tagged], d: int) -> bool:
        return d + 1 < len(tokens) and tokens[d + 1][1] == m.end(1) - lo and tokens[d + 1][3] in tags

    yield from _after_verb_de(listed, alone, data, clauses, reported)


def _state_han(m: re.Match[str]) -> bool:
    """Are both characters of a match of ``DeComplementData.state`` (AABB) Han?"""
    return is_han(m.group(2)) and is_han(m.group(3))


def _amount_de_de(text: str, data: DeComplementData, reported: set[int]) -> Iterator[Diagnostic]:
    """An adjective + 的 + a compared amount at the clause end, with 比 before it in the
    clause (比过去高的多): the amount complements the adjective of the comparison.  The
    allow patterns are not consulted: they exempt comparisons of nominalised clauses
    (比预料的多), which have a verb or noun before 的, never an adjective (jieba's a)."""
    clauses = Clauses(text)  # a pass of its own, in text order
    for m in after_han(data.amount, text):
        words = segment.dictionary()  # here: a text with no match never loads it
        de = m.start()
        before = text[clauses.around(de, de + 1)[0] : de]
        if de in reported or ("比" not in before and not any(w in before for w in data.compared_openers)):
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
        if adjective[3] not in ("a", "ad"):
            continue
        # 比 (a preposition) before the adjective, or an opener right before it (要复杂的多)
        if not any(t[2] == "比" and t[3] == "p" for t in tokens[: d - 1]) and not (
            d >= 2 and tokens[d - 2][2] in data.compared_openers
        ):
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

    listed = (m for m in after_han(data.coordinated, text) if fit(m))
    yield from _after_verb_de(listed, joined, data, clauses, reported, data.verb_tags)


def _compared_de_de(text: str, data: DeComplementData, reported: set[int]) -> Iterator[Diagnostic]:
    """A comparison after verb + 的 (做的比过去扎实, 吃的比过去好了): jieba reads 比 as a word
    of its own (not 比重, 比例), the word before 的 is a verb (jieba's v) and the complement
    a listed one or a word it tags as an adjective.  A nominalised subject compares what
    was done and has its own 的 in the comparison (做的比说的多): never read here."""
    if "比" not in text:
        return
    clauses = Clauses(text, data.allow)  # a pass of its own, in text order
    for m in after_han(data.comparison, text):
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
    for m in after_han(data.before_degree, text, data.degree_before_han):
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
        end = PHRASE_END_RE.search(text, de + 1, de + 7)
        complement = text[de + 1 : end.start() if end else de + 5].split("的")[0]
        yield _de_de_finding(de, tokens[d - 1][2], complement)