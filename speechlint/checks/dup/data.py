"""DUP's rule data (validated on load) and the types its decisions share."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from ...document import is_han
from .. import sorted_unique


@dataclass(frozen=True)
class DupData:
    """Data shared by DUP001 (one character) and DUP002 (a word of 2–4 characters)."""

    #: Doubled forms that are words or legitimate reduplications (常常, 研究研究).
    allow: tuple[str, ...] = ()
    #: Longer strings that contain a legitimate doubled form (红红脸, 莫莫格).
    allow_context: tuple[str, ...] = ()
    #: A candidate lying inside a match of one of these patterns is legitimate (AABB, numerals).
    exempt: tuple[re.Pattern[str], ...] = ()
    #: Characters whose doubling an exempt pattern does not exempt when no character of
    #: ``exempt-unless-word`` stands beside the pair and jieba's segmentation leaves the
    #: first copy alone before a word opened by the second: 一一定 (一 + 一定), 三三点 are
    #: judged as any pair; 十五五, 一九九九年, 五五分成 (五五分 + 成) stay exempt.
    exempt_unless_word: str = ""
    #: Characters of those whose doubling an exempt pattern does not exempt either when
    #: jieba's segmentation leaves the second copy alone after a word ended by the first
    #: (之一 + 一 + 的; not 唯一 + 一个), no character of ``exempt-unless-word`` beside the
    #: pair (“十五五” stays exempt).  Empty: off.
    exempt_unless_after_word: str = ""
    #: A doubled unit at the start of a match of one of these patterns is a slip whatever
    #: the model says: numbers that Chinese numerals cannot write (五五百, 第八十三三条).
    #: Each names its characters literally (a class such as ``[一二三]``, no ``.``).
    slip_patterns: tuple[re.Pattern[str], ...] = ()
    #: Words missing from the compact lexicon (乡镇长): evidence that a word crosses a copy.
    words: tuple[str, ...] = ()
    #: Characters doubled by mistake even after a word ending in them (我们们, 就是是, 完成了了):
    #: reported unless the second one starts a word (为了了解).
    slip_after_word: str = ""
    #: Characters whose doubling may hide another slip (的的 for 的地): the fix is unsafe.
    unsafe_fix: str = ""
    #: Tokens of the full segmentation rarer than this (jieba's frequency) are ignored: the
    #: full dictionary has noise (要带头 = 3).
    jieba_min_freq: int = 5
    #: Words of the full dictionary this frequent are evidence that a word crosses a copy
    #: when the model decides (粪污, 海损: rare terms that touch a common word).
    dict_min_freq: int = 3
    #: ... but a word rarer than this does not count when a word at least this frequent
    #: overlaps it in part: the rarest entries include fragments of two words (国特 in
    #: 中国特色, 行检 in 进行检查), where a real term does not (粪污 in 粪污污染).  0: off.
    dict_sure_freq: int = 0
    #: Length of the doubled unit, in characters.
    min_unit: int = 1
    max_unit: int = 1
    #: Thresholds on the model's score (natural log of P(as written) / P(one copy)):
    #: report when the score is at most the threshold for the candidate's word structure.
    #: Each copy a whole word:
    model_whole: float = -4.0
    #: One copy inside a word, the other alone (落 + 落实):
    model_orphan: float = -11.0
    #: Each copy inside a different word (全国 + 国有):
    model_embedded: float = -14.0
    #: A form of ``allow`` (常常, 理理) is reported only at this score or below (总理理负责制).
    model_allowed: float = -10.0
    #: The one-copy reading is "familiar" when its log-probability per character is at
    #: least this: then the looser thresholds below apply (书面面方式 → 书面方式).
    model_familiar: float = -5.0
    #: One copy inside a word, the other alone, and the one-copy reading familiar:
    model_orphan_familiar: float = -8.0
    #: One character, one copy inside a word, the other alone, and the model never saw the
    #: doubled character beside its neighbours (neither ``x c c`` nor ``c c y``, where
    #: touching words leave traces: 中国国际, 目的的): a looser threshold still (应当当参照),
    #: unless the document uses the lone copy in a term of its own (:func:`_attached`);
    #: not for the forms of ``allow`` nor the ``standalone`` characters.
    model_orphan_unseen: float = -4.0
    #: ... when the one-copy reading's log-probability per character is at least this:
    model_unseen_familiar: float = -5.0
    #: One character, one copy inside a word and the other alone (落 + 落实, 管理局 + 局),
    #: whatever the model saw: reported at this score or below when the word evidence
    #: says the lone copy belongs nowhere else: the document does not use it with its
    #: other neighbour (:func:`_attached`), and that neighbour belongs to a word of its own
    #: or is no Han character (:func:`_neighbour_placed`: 承包 in 承包造造林; not 交 in
    #: 中间交工工程, where 交工 is a term the dictionary lacks).  Not for the forms of
    #: ``allow`` nor the ``standalone`` characters.  -1000: off.
    model_lone: float = -1000.0
    #: The same for a form of ``allow`` whose first copy stands alone before a word
    #: starting with it (深深入推进: 深 + 深入; the reduplications of ``allow`` are adverbs
    #: and measure words that precede what they modify, so after a word ending in the
    #: character, 这种种情况, the pair reads as the reduplication and is not tried):
    model_lone_allowed: float = -1000.0
    #: The same for a form of ``allow`` whose second copy stands alone after a word ending
    #: with the character (治理理法治化: 治理 + 理; 大循环环，: 循环 + 环), unless the
    #: character before the pair is a numeral, a demonstrative or a prefix of kinship terms
    #: (``lone-allowed-before``: 一个个, 一条条, 这种种, 大姐姐), after which the pair is the
    #: reduplication.  -1000: off.
    model_lone_allowed_after: float = -1000.0
    #: Each copy inside a different word of the dictionary, but jieba's segmentation of the
    #: Han text around keeps only one of those words and leaves the other copy a word of its
    #: own (服务 + 务 + 工作: 务工 loses to 工作; 作出 + 出 + 处罚): a lone copy (its tests,
    #: :func:`_attached` and :func:`_neighbour_placed`, apply) at this score or below, where
    #: two words that touch are both kept (全国 + 国有企业, 粪污 + 污染).  -1000: off.
    model_embedded_alone: float = -1000.0
    #: The same for the second copy only (not for a ``standalone`` character, nor for a form
    #: of ``allow`` unless jieba's cut splits it: ``model-lone-allowed-split``), by the same clear margin, when the cut keeps the word ending with the
    #: first copy (two characters at least) and the word after the pair (two at least), and
    #: the cut of the one-copy text keeps both too (根据 + 据 + 实际 reads 根据 + 实际; 作出 +
    #: 出 + 处理): the copy squeezed between two words that stay whole without it.
    #: :func:`_kept_apart`.  -1000: off.
    model_embedded_alone_after: float = -1000.0
    #: A lone second copy (not a form of ``allow`` nor a ``standalone`` character) after a
    #: word ending in it, at the end of a clause (a mark of :data:`_CLAUSE_MARKS` after the
    #: pair: 确定 + 定。, 轨道 + 道，): at this score or below the document's term test is
    #: not asked, since a character and a mark make no term (定。 elsewhere is 规定。).
    #: -1000: off.
    model_lone_end: float = -1000.0
    #: ``model-lone-allowed-after`` for a form of ``allow`` at the end of a clause (a mark of
    #: :data:`_CLAUSE_MARKS` after the pair), the character no particle (jieba's tag u:
    #: 平等 + 等。): 调查 + 查、, 增多 + 多，.  The reduplications of ``allow`` modify what
    #: follows them (adverbs, measure words) and do not close a clause after a word ending
    #: in their character; the term test is not asked there (查、 elsewhere is no term).
    #: -1000: off.
    model_lone_allowed_end: float = -1000.0
    #: ``model-lone-split`` for a lone second copy (not a form of ``allow`` nor a
    #: ``standalone`` character) between two words that the one-copy text keeps whole
    #: (:func:`_kept_apart`) when the document writes the one-copy reading in those words
    #: elsewhere (:func:`_words_reading_written`: 建立健全突发事件 for 建立健全全突发事件).
    #: -1000: off.
    model_lone_kept_written: float = -1000.0
    #: A lone second copy (not a form of ``allow`` nor a ``standalone`` character) that
    #: jieba's cut leaves alone between two words of two characters at least, the word
    #: ending with the first copy and the word after the pair, which the cut of the
    #: one-copy text keeps as they are (:func:`_kept_apart`: 造成 + 成 + 人身, 企业 + 业 +
    #: 设立): reported at this score or below without the lone copy's tests (the
    #: document's term test, the neighbour placed, the cut of the copy), the legitimate
    #: forms still asked.  Two words that touch keep both copies inside words (全国 +
    #: 国有企业); a copy squeezed between the two words its one-copy text is made of was
    #: typed twice.  -1000: off.
    model_lone_kept: float = -1000.0
    #: ``model-lone-kept`` where the copy is no verb, or a verb after a verb (:func:`_cut_alone`
    #: with ``verb``: 群体 + 体 + 保障性, 标的物 + 物 + 运送, 切实 + 实 + 抓好), both words on
    #: each side in the compact lexicon: a verb stands alone after a noun ending in it (工作 +
    #: 作 + 相应的调整).  -1000: off.
    model_lone_kept_nonverb: float = -1000.0
    #: The same (not for a form of ``allow`` nor a ``standalone`` character) at this score
    #: or below, whatever the margin, when the document writes the one-copy reading elsewhere
    #: in the words of jieba's cut on each side of the lone copy (服务工作 for 服务务工作;
    #: :func:`_words_reading_written`).  -1000: off.
    model_embedded_written: float = -1000.0
    #: Each copy inside a different word of the dictionary and both kept inside words by
    #: jieba's cut (法规 + 规定 in 本法规规定), not a form of ``allow`` nor a ``standalone``
    #: character: reported at this score or below when the document writes, elsewhere, the
    #: one-copy reading across the junction in jieba's cut of the one-copy text, the word of
    #: the copy and the token beside it (本法规定: 本法 + 规定; 反恐怖主义: 反 + 恐怖主义;
    #: :func:`_joined_reading_written`).  -1000: off.
    model_embedded_joined: float = -1000.0
    #: ... when jieba's best route is at least this much likelier (natural log) than the
    #: best one joining the lone copy to its other neighbour (:func:`_cut_margin`): the cut
    #: errs on close calls (其一 + 任 + 任期 for 其 + 一任 + 任期, 0.1).
    embedded_alone_margin: float = 0.0
    #: ``model-lone`` for a lone copy whose other neighbour is punctuation (a clause that
    #: starts with the pair before a word, （三）进进口, or ends with it after one,
    #: 管理局局。): no term crosses the punctuation (a digit or a letter makes one:
    #: 2024年 + 年底, A股 + 股票).  -1000: off.
    model_lone_edge: float = -1000.0
    #: A first copy alone at the start of a clause (after punctuation) that jieba's cut
    #: leaves a word of its own before a word opened by the second (（二）股 + 股东会, 第二节
    #: 陆 + 陆地, ，依 + 依据; not a verb nor a ``standalone`` character): at this score or
    #: below the document's term test skips the uses where the mark is followed by the
    #: character and a word of the compact lexicon opens there (、完成 for 、完完善, 。股份
    #: for 。股股东会): a mark makes no term with the copy, so such a use is only the next
    #: word after a mark (:func:`_used_in_term`).  -1000: off.
    model_lone_opening: float = -1000.0
    #: ``model-lone-split`` for a first copy that jieba's cut leaves a word of its own before
    #: a word opened by the second, when the one-copy reading is familiar text (its
    #: log-probability per character at least ``model-familiar``: 及其权利 for 及其权权利).
    #: Two words that touch leave a rare one-copy reading (类别股东, 吨税款, 建设税率).
    #: -1000: off.
    model_lone_split_familiar: float = -1000.0
    #: A first copy that jieba's cut leaves a word of its own before a word opened by the
    #: second, where the only words that end with it are rare entries of the full
    #: dictionary, none of the compact lexicon (严重 + 影 + 影响: 重影; 超越 + 权 + 权限:
    #: 越权), by ``embedded-alone-margin`` at least (:func:`_cut_margin`): judged as a lone
    #: copy at this score or below, a form of ``allow`` too (断指 + 指南), not a
    #: ``standalone`` character.  -1000: off.
    model_embedded_rare: float = -1000.0
    #: ``model-lone`` for a lone copy that jieba's segmentation of the Han text around
    #: leaves a word of its own (贯彻 + 落 + 落实, 公司 + 司 + 发行): two words that touch
    #: keep both copies inside words (评标 + 标准, 公益林 + 林地, 交工 + 工程).  Not for
    #: the second copy when the character is a verb (jieba's tag v), which stands alone
    #: after a word ending in it (工作 + 作 + 相应的调整).  -1000: off.
    model_lone_split: float = -1000.0
    #: The same for a form of ``allow`` (深 + 深入, 治理 + 理): jieba's cut splits the pair
    #: into two words, so the form is not used as the listed word (大大, 天天 and 紧紧 stay
    #: one word in the cut); the second copy not after one of ``lone-allowed-before``
    #: (一个个, 这种种).  -1000: off.
    model_lone_allowed_split: float = -1000.0
    lone_allowed_before: str = ""
    #: ``model-lone-split`` for the ``standalone`` characters: a first copy that jieba's
    #: cut leaves a word of its own, after a particle, a conjunction or a preposition
    #: (:func:`_linked_before`: 的 + 有 + 有限, 和 + 有 + 有关; not 我们要 + 要求), or a
    #: second copy, no particle nor preposition, after a noun or a verb ending in it
    #: (:func:`_after_content_word`: 委员会 + 会, 享有 + 有; not 可以 + 以, 标的 + 的, 理由 +
    #: 由), with the tests of ``model-lone``.  -1000: off.
    model_standalone_split: float = -1000.0
    #: A ``standalone`` character's second copy that jieba's cut leaves a word of its own
    #: after a word ending in it, at the end of a clause (委员会 + 会，, 现在 + 在，, 所有 +
    #: 有；): a function word or a modal verb does not close a clause, so no word follows
    #: that could have opened with it; not a particle that closes one (jieba's tags uj, ul:
    #: 目的 + 的。).  :func:`_closes_alone`.  -1000: off.
    model_standalone_end: float = -1000.0
    #: The adverbial particle 地 (jieba's tag uv), its first copy a word of its own in
    #: jieba's cut before a word opened by the second (严重 + 地 + 地区, 国务院 + 地 + 地震):
    #: the particle is followed by the verb it links an adverbial to, never by a noun opening
    #: with it; or its second copy alone after a noun ending in it (耕地 + 地 + 占用税): the
    #: particle never follows a noun.  Not 得 (uv's sibling ud): a complement may open with
    #: it (运用得 + 得心应手, 处理得 + 得当).  :func:`_particle_alone`.  -1000: off.
    model_particle_alone: float = -1000.0
    #: A conjunction (jieba's tag c) one copy of which jieba's cut leaves a word of its own
    #: beside a conjunction made with the other (及 + 及其, 但 + 但是, 以及 + 及;
    #: :func:`_conjunctions_in_a_row`): reported at this score or below, whatever else the
    #: word structure says (two conjunctions never stand in a row).  -1000: off.
    model_conjunction_pair: float = -1000.0
    #: A second copy (not a form of ``allow`` nor a ``standalone`` character) between a word
    #: of the compact lexicon ending with the first copy and one starting after the pair,
    #: where the model never saw the copy and the next character side by side (a 2-gram
    #: count of 0, not merely a rare one) and no word of jieba's dictionary starts with them
    #: (拒绝 + 绝 + 办卡: 绝办 unseen): the copy joins nothing on its right, and the
    #: one-copy text is a word followed by a word.  The lone second copy's threshold
    #: (``model-lone``) loosens to this, its tests (the document's term test, the neighbour
    #: placed) kept.  :func:`_unjoined_second_copy`.  -1000: off.
    model_lone_unseen_next: float = -1000.0
    #: The mirror for a first copy (not a form of ``allow`` nor a ``standalone`` character)
    #: between a word ending before the pair and a word of the compact lexicon starting with
    #: the second copy, the model never having seen the character before the pair and the
    #: copy side by side (群众 + 政 + 政策: 众政 unseen): the lone copy's threshold
    #: (``model-lone``) loosened to this, its tests (the document's term test, the neighbour
    #: placed) kept.  :func:`_unjoined_first_copy`.  -1000: off.
    model_lone_unseen_prev: float = -1000.0
    #: A ``standalone`` character's second copy that jieba's cut leaves a word of its own
    #: after a word ending in it, where the copy reads as the function word its grammar
    #: asks for (:func:`_governs_after_word`: a modal verb after a noun, 委员会 + 会 + 进行;
    #: a conjunction or a preposition before a noun, 参与 + 与 + 社会): reported only at
    #: this score or below, whatever else the word structure says.  0: no such limit.
    model_function_after_word: float = 0.0
    #: jieba's tags of the measure words whose reduplication before a noun, after the
    #: numeral 一 or at the start of a clause, is the distributive form (一张张笑脸, 一盏盏路灯,
    #: 座座高楼拔地而起): such a pair is never reported (:func:`_measure_reduplicated`).
    #: Empty: off.
    measure_tags: tuple[str, ...] = ()
    #: jieba's tags of the one-syllable verbs whose reduplication before a noun of two
    #: characters at least is VV + object ("do a little": 压压担子, 晒晒成绩单, 练练内功):
    #: never reported when the second copy makes no word with the next character and the
    #: first copy opens a token of jieba's cut (:func:`_verb_reduplicated`).  Empty: off.
    reduplicated_verb_object: tuple[str, ...] = ()
    #: The same at the end of a clause (大家都来说说，, 评评，提提，).  Empty: off.
    reduplicated_verb_end: tuple[str, ...] = ()
    #: Adverbs after which a character or a two-character unit doubled at the end
    #: of a clause is a verb's reduplication whatever jieba tags it (亲自问问。, 再议议。,
    #: 再核实核实。; :func:`_after_adverb`).  Empty: off.
    reduplicated_after: tuple[str, ...] = ()
    #: After one of ``reduplicated-after``, a character doubled before its object is VV +
    #: object whatever jieba tags it (经常照照镜子: 照 n; :func:`_verb_reduplicated`).
    reduplicated_after_object: bool = False
    #: jieba's tags of the pairs its cut keeps as one word, VV listed by its dictionary,
    #: never reported where they stand as a predicate (让群众评评我们的工作;
    #: :func:`_verb_word`).  Empty: off.
    reduplicated_verb_word: tuple[str, ...] = ()
    #: Prefixes (新) whose second copy alone between a word ending in the first and a noun
    #: is never reported (科技创新新动能; :func:`_prefix_after_word`).  Empty: off.
    prefix_after_word: str = ""
    #: A form of ``allow`` opening a clause before a word of three characters its second
    #: copy opens (家家门口) is never reported (:func:`_listed_before_compound`).
    listed_before_compound: bool = False
    #: Items AA + x 、 BB + y of a list, x and y of the same length, at most this many
    #: characters: never reported (照照镜子、正正衣冠; :func:`_parallel_items`).  0: off.
    parallel_tail: int = 0
    #: Prepositions (给) after which, and their noun, VV + a word the second copy opens
    #: closing the clause is never reported (给企业减减负; :func:`_after_benefactive`).
    benefactive_before: str = ""
    #: Particles (jieba's tag u) that close a list after any word, one ending in them too:
    #: the second copy alone after a word ending in the first (平等 + 等: 自由、平等等，) is
    #: never reported (:func:`_particle_after_word`).  Empty: off.
    particle_after_word: str = ""
    #: The same for 一 + the pair as a clause of its own, where no noun follows (一件件、
    #: 一桩桩，; :func:`_closing_after_yi`).
    measure_at_clause_end: bool = False
    #: jieba's tags of the words (two characters at least) after which a measure word of
    #: ``measure-tags`` doubled, each copy a word of its own in jieba's cut, is the
    #: distributive form too (新城区 + 座 + 座 + 高楼; :func:`_after_noun`).  Empty: off.
    measure_after_tags: tuple[str, ...] = ()
    #: jieba's tags of 一 + a character that make it a measure word whatever its own tag
    #: (一遍, 一趟: numerals, m): 一遍遍宣讲 is the distributive form as 一张张 is.  Empty: off.
    numeral_measure_tags: tuple[str, ...] = ()
    #: jieba's tags of the words (three characters at least) inside which jieba's cut keeps
    #: a legitimate pair: state words, AA + 的 and ABB (清清的, 沉甸甸; :func:`_state_word`).
    #: Empty: off.
    state_word_tags: tuple[str, ...] = ()
    #: A pair (one character doubled, or a two-character unit) inside one word of jieba's
    #: cut of at least this many characters is never reported: the dictionary lists the
    #: set phrase or the ABAB form whole (本本主义, 掂量掂量; :func:`_pair_in_long_word`).
    #: 0: off.
    pair_in_word_min: int = 0
    #: A pair jieba's cut keeps as one word of its dictionary, at least this frequent,
    #: neither copy making a word with its outer neighbour, is never reported (他次次都,
    #: 字字千钧, 殷殷嘱托; :func:`_dictionary_reduplication`).  0: off.
    reduplicated_word_freq: int = 0
    #: Verbs that take a noun and then a predicate (请 + someone + VP, 到 + somewhere +
    #: VP): VV + a word the second copy opens closing the clause after them, and ABAB
    #: closing the clause after 请 + someone, are never reported (请大家排排队，,
    #: 请专家们论证论证。; :func:`_verb_compound_after_frame`, :func:`_abab_after_pivot`).
    pivot_before: str = ""
    #: Verbs of motion (去, 下去), words of jieba's cut: VV + a word the second copy opens
    #: closing the clause after them is the purpose (多下去蹲蹲点。).  Empty: off.
    motion_before: tuple[str, ...] = ()
    #: A one-character verb doubled before a pronoun closing the clause is VV + its object
    #: (多带带他。; :func:`_verb_pronoun_object`).
    reduplicated_pronoun_object: bool = False
    #: A word of jieba's cut AAB (A a verb, AB a word) is VV + object listed whole by the
    #: dictionary (透透气; :func:`_vv_object_word`).
    vv_object_word: bool = False
    #: A unit after a determiner whose second copy opens a noun of jieba's cut of at least
    #: this many characters is never reported (各班 + 班主任; :func:`_determined_unit`).
    #: 0: off.
    unit_compound_min: int = 0
    #: Determiners before a unit whose head or member word the second copy opens (该乡 +
    #: 乡长, 各所 + 所长, 本台 + 台长): the pair reads as determiner + unit +
    #: word, and never reported (:func:`_determined_unit`).  Empty: off.
    unit_determiners: str = ""
    #: The second characters of those words: the unit's head or members (长 委 民).
    unit_heads: str = ""
    #: The modal verbs and the conjunctions :func:`_governs_after_word` reads so.
    function_modals: str = ""
    function_conjunctions: str = ""
    function_verb_conjunctions: str = ""
    #: The same (``model-lone``'s word evidence) when edited text writes the one-copy
    #: reading around the pair: in the model, x c (x, y: the characters beside the pair)
    #: went on with y at least ``lone-seen-share`` of the times (and twice at least:
    #: 贯彻落实 for 贯彻落落实).  Two words that touch leave no such reading (评标 + 标准:
    #: 评标准; 工作 + 作 + 相应: 工作相 is a small share of 工作).  A share, not a count,
    #: so that it means the same in a model built from more text.  -1000: off.
    model_lone_seen: float = -1000.0
    lone_seen_share: float = 1.0
    #: A lone copy (not a form of ``allow`` nor a ``standalone`` character) at this score or
    #: below asks the document's term test (:func:`_used_in_term`) to skip the uses that are
    #: the same junction of two words as here (公司财务 for 清理公司财财产: 公司 + 财务 there,
    #: 公司 + 财产 here).  -1000: off.
    model_lone_junction: float = -1000.0
    #: A lone first copy (not a form of ``allow`` nor a ``standalone`` character) at this
    #: score or below asks the document's term test (:func:`_used_in_term`) to skip the
    #: uses where two words of the compact lexicon meet between the character before the
    #: pair and the copy (完成 + 承揽 for 造成承承租人: the junction of two words, whatever
    #: the first word).  -1000: off.
    model_lone_first_meeting: float = -1000.0
    #: A lone copy beside punctuation (not a form of ``allow`` nor a ``standalone``
    #: character) at this score or below is tried whatever the document's term test says
    #: when the document writes the one-copy reading elsewhere: the punctuation mark and the
    #: word of jieba's cut that the other copy belongs to (、食品 for 、食食品添加剂; 方法。
    #: for 方法法。; :func:`_edge_reading_written`).  Punctuation makes no term with the copy;
    #: the reading written elsewhere says where the copy belongs.  -1000: off.
    model_lone_edge_written: float = -1000.0
    #: The same beside Han text: the document writes, elsewhere, the one-copy reading made
    #: of the words of jieba's cut on each side, two characters at least each (公司财产 for
    #: 清理公司财财产; :func:`_words_reading_written`).  -1000: off.
    model_lone_written: float = -1000.0
    #: A lone copy (not a form of ``allow`` nor a ``standalone`` character) whose other
    #: neighbour has no word of its own (:func:`_neighbour_placed`) at this score or below
    #: is tried when the document writes the one-copy reading elsewhere: the token of
    #: jieba's cut beside the lone copy and the word of the other copy (经审批 for
    #: 经审审批; :func:`_reading_written`).  -1000: off.
    model_lone_placed_written: float = -1000.0
    #: The document itself writes the one-copy reading elsewhere, with ``document-context``
    #: characters of the same text on each side (借款期限 here, 借款期期限 there): a doubled
    #: form at this score or below is reported whatever its word structure.  Not for the
    #: ``standalone`` characters (可以以合理价格 beside 可以合理价格).
    model_document: float = -2.0
    #: Characters of context on each side of the one-copy reading looked for elsewhere.
    document_context: int = 2
    #: One character (not a ``standalone`` one), beside a word of its copy
    #: (:func:`_beside_word`), at this score or below is reported whatever its word
    #: structure when the document writes the one-copy reading elsewhere with
    #: ``document-wide-context`` characters around it, at least two on each side (担任团级
    #: 职务 for 担任团团级职务), and not the two-copy reading (:func:`_document_repeats`).
    #: -1000: off.
    model_document_wide: float = -1000.0
    #: Characters of context, in all, around the one-copy reading looked for elsewhere.
    document_wide_context: int = 6
    #: Half of an AABB form of a word (规规定定: 规定) at this score or below (not a
    #: ``standalone`` character) is judged as any pair, not silenced as the reduplication,
    #: when the document writes its one-copy reading as ``model-document-wide`` asks for
    #: it (法规规定的其他 for 法规规定定的其他).  -1000: off.
    model_document_aabb: float = -1000.0
    #: Two words that touch (集体经济组织 + 组织开展, 妥善保管 + 保管物), not a word typed
    #: twice: the first copy closes a term of its left (the model finds it after the left
    #: context with log-probability at least ``touch-bound``, and a phrase may end after it:
    #: log-probability of a boundary at least ``touch-end``), the document writes that term
    #: (``document-context`` characters before the copy) and the second copy's term (the copy
    #: and ``document-context`` characters after it) each at least ``touch-uses`` times
    #: elsewhere, and never the one-copy reading with one character each side.  A word typed
    #: twice is a copy of the word its neighbours belong with (我们我们要, 推动高质量高质量发展):
    #: its first copy rarely closes a term that the document uses on its own.  0: off.
    touch_uses: int = 0
    touch_bound: float = -1.0
    touch_end: float = -2.0
    #: Function words and modal verbs that stand alone before a word starting with the same
    #: character (要 + 要求, 以 + 以上, 有 + 有关): a familiar one-copy reading says nothing.
    standalone: str = ""
    #: Single-character surnames: a surname, then a doubled character that forms no word
    #: with its neighbours, is a name with a reduplicated given name (屠呦呦), not a slip.
    surnames: str = ""
    #: Characters that follow a distributive reduplication of a noun or measure word
    #: ("every A": 账账相符, 环环相扣, 心心相印): AA before one of them is legitimate when
    #: A and that character make no word (真真相 is a slip for 真相).
    distributive_before: str = ""

    def validate(self) -> str | None:
        for name in ("allow", "allow_context", "words"):
            problem = sorted_unique(name.replace("_", "-"), getattr(self, name))
            if problem:
                return problem
        if len(set(self.exempt_unless_word)) != len(self.exempt_unless_word):
            return "'exempt-unless-word' lists a character twice"
        if not set(self.exempt_unless_after_word) <= set(self.exempt_unless_word) or len(
            set(self.exempt_unless_after_word)
        ) != len(self.exempt_unless_after_word):
            return "'exempt-unless-after-word' must list characters of 'exempt-unless-word', each once"
        chars_fields = (
            "surnames",
            "distributive_before",
            "lone_allowed_before",
            "particle_after_word",
            "prefix_after_word",
            "benefactive_before",
            "pivot_before",
        )
        function_fields = ("function_modals", "function_conjunctions", "function_verb_conjunctions")
        for name in chars_fields + function_fields:
            chars = getattr(self, name)
            if len(set(chars)) != len(chars) or not all(is_han(c) for c in chars):
                return f"'{name.replace('_', '-')}' must list Han characters, each once"
        if not 1 <= self.min_unit <= self.max_unit <= 4:
            return "'min-unit' and 'max-unit' must satisfy 1 <= min-unit <= max-unit <= 4"
        if not self.model_embedded <= self.model_orphan <= self.model_whole <= 0:
            return "thresholds must satisfy model-embedded <= model-orphan <= model-whole <= 0"
        if not self.model_allowed <= 0:
            return "thresholds must satisfy model-allowed <= 0"
        if not self.model_orphan <= self.model_orphan_familiar <= 0:
            return "thresholds must satisfy model-orphan <= model-orphan-familiar <= 0"
        if not self.model_orphan_familiar <= self.model_orphan_unseen <= 0:
            return "thresholds must satisfy model-orphan-familiar <= model-orphan-unseen <= 0"
        lone = (self.model_lone, self.model_lone_allowed, self.model_lone_seen, self.model_lone_allowed_after)
        splits = (
            self.model_lone_split,
            self.model_lone_allowed_split,
            self.model_standalone_split,
            self.model_standalone_end,
            self.model_particle_alone,
            self.model_conjunction_pair,
            self.model_lone_unseen_next,
            self.model_lone_unseen_prev,
        )
        # (the thresholds that the document's evidence loosens: the term test's junctions,
        # the one-copy reading written elsewhere)
        document = (
            self.model_lone_junction,
            self.model_lone_first_meeting,
            self.model_lone_edge_written,
            self.model_lone_written,
            self.model_lone_opening,
            self.model_lone_split_familiar,
            self.model_embedded_rare,
        )
        written = (self.model_lone_placed_written, self.model_embedded_written, self.model_embedded_joined)
        embedded = (self.model_embedded_alone, self.model_embedded_alone_after)
        ends = (
            self.model_lone_end,
            self.model_lone_allowed_end,
            self.model_lone_kept_written,
            self.model_lone_kept,
            self.model_lone_kept_nonverb,
        )
        if not max(*lone, *splits, *document, *written, *embedded, *ends, self.model_lone_edge) <= 0:
            return "thresholds must satisfy model-lone*, model-embedded-alone and model-embedded-written <= 0"
        if not self.model_function_after_word <= 0:
            return "thresholds must satisfy model-function-after-word <= 0"
        if not 0 < self.lone_seen_share <= 1:
            return "'lone-seen-share' must be in (0, 1]"
        if not self.model_document <= 0 or not self.model_unseen_familiar <= 0:
            return "thresholds must satisfy model-document <= 0 and model-unseen-familiar <= 0"
        if not self.model_document_wide <= 0 or not self.model_document_aabb <= 0:
            return "thresholds must satisfy model-document-wide <= 0 and model-document-aabb <= 0"
        if self.dict_sure_freq < 0:
            return "'dict-sure-freq' must be >= 0"
        if not 1 <= self.document_context <= 8:
            return "'document-context' must be between 1 and 8"
        if not 4 <= self.document_wide_context <= 16:
            return "'document-wide-context' must be between 4 and 16"
        if self.touch_uses < 0 or not self.touch_bound <= 0 or not self.touch_end <= 0:
            return "'touch-uses' must be >= 0, 'touch-bound' and 'touch-end' <= 0"
        for p in self.slip_patterns:
            if re.search(r"(?<!\\)[.]|\\[wWSDd]", p.pattern):
                return f"'slip-patterns' entry {p.pattern!r} must name its characters (no '.', no \\w)"
        for ctx in self.allow_context:
            if not any(ctx[i : i + 2 * n] == ctx[i : i + n] * 2 for n in range(1, 5) for i in range(len(ctx))):
                return f"'allow-context' entry {ctx!r} contains no doubled form"
        return None

    @cached_property
    def candidates(self) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(rf"({'.' * n})\1", re.DOTALL) for n in range(self.min_unit, self.max_unit + 1))

    @cached_property
    def scans(self) -> list[_Scan]:
        """The memo of :func:`_candidates` for this data: the scan of the last text (one at most)."""
        return []

    @cached_property
    def verdicts(self) -> dict[tuple[str, int, int], tuple[bool, tuple[Answer, ...]]]:
        """The memo of :func:`_judged` for this data (bounded)."""
        return {}

    @cached_property
    def context_reach(self) -> int:
        """How far from a candidate :func:`_in_context` reads: the longest allowed context."""
        return max((len(ctx) for ctx in self.allow_context), default=0)

    @cached_property
    def slip_chars(self) -> frozenset[str]:
        """The Han characters the slip patterns name: only a unit among them is tried."""
        return frozenset(c for p in self.slip_patterns for c in p.pattern if is_han(c))

    @cached_property
    def allowed(self) -> frozenset[str]:
        return frozenset(self.allow)

    @cached_property
    def extra_words(self) -> frozenset[str]:
        return frozenset(self.words)

    @cached_property
    def contexts(self) -> dict[str, tuple[tuple[str, int], ...]]:
        """Doubled form -> (context, offset of the form in it) for every allowed context."""
        out: dict[str, list[tuple[str, int]]] = {}
        for ctx in self.allow_context:
            for n in range(1, 5):
                for i in range(len(ctx) - 2 * n + 1):
                    if ctx[i : i + n] * 2 == ctx[i : i + 2 * n]:
                        out.setdefault(ctx[i : i + 2 * n], []).append((ctx, i))
        return {k: tuple(v) for k, v in out.items()}

Crosses = Callable[[int], bool]


#: One of the document's answers a verdict depended on, noted for :func:`_judged`: the
#: question (:func:`_used_in_term`, :func:`_document_writes` or :func:`_terms_used`), its
#: arguments after the text and the candidate's start, and the answer.
Answer = tuple[Callable[..., bool], tuple[int, ...], bool]
Asked = list[Answer]


@dataclass(frozen=True, slots=True)
class _Matches:
    """What ``pattern.finditer(text)`` finds: the start and end of each match, and the
    starts of those :func:`_keep` keeps (the candidates)."""

    starts: list[int]
    ends: list[int]
    kept: list[int]


@dataclass(frozen=True, slots=True)
class _Decisions:
    """What :func:`_decide` made of the candidates of one text, each named by the index of
    its pattern and its index among that pattern's candidates: the findings (with whether
    their fix is safe), the answers of the slip patterns, and the document's answers that
    the verdicts depended on (:func:`_judged`)."""

    findings: tuple[tuple[int, int, bool], ...]
    slips: tuple[tuple[int, int, bool], ...]
    asked: tuple[tuple[int, int, tuple[Answer, ...]], ...]


@dataclass(slots=True)
class _Scan:
    """The matches of each pattern of ``DupData.candidates`` in ``text``, and what the
    rule decided on them (once it has)."""

    text: str
    matches: tuple[_Matches, ...]
    decided: _Decisions | None = None
