"""DUP: characters, words and punctuation typed twice by mistake.

How DUP001 and DUP002 decide, fastest first (see also :mod:`speechlint.lm` and
:mod:`speechlint.segment`):

1. one compiled regex over ``doc.check_text`` finds the candidates (``AA``, ``ABAB`` …);
   a doubled numeral that no Chinese number can contain (``slip-patterns``: ``五五百``,
   ``第八十三三条``; but ``“十五五”``) is a slip at once;
2. the rule data settles the forms that are always legitimate: longer strings that
   contain one (``红红脸``), the AABB form of a word AB (``反复`` → ``反反复复``, but not
   ``要要牢牢``), and exempt patterns (runs of Chinese numerals, ``一步一步``); the
   allow-lists of reduplications (``常常`` ``研究研究``) only ask the model to be surer
   (``model-allowed``): ``总理理负责制`` is still a slip; once the model has scored it,
   a pair forming no word with its neighbours is a name after a surname (``屠呦呦``) or
   a distributive reduplication before 相 (``账账相符``), and a listed form beside another
   one is their AABB form (``桩桩件件``, :func:`_listed_aabb`); a character that is a slip after
   a short word ending in it (``就是是``) starts the next word after a set phrase of four
   or more characters (``实事求是是``);
3. the character model of official Chinese (:mod:`speechlint.lm`) scores the stretch
   around the candidate as written and with one copy removed: ``score`` is the
   log-likelihood ratio, log P(two copies) − log P(one copy).  A candidate whose doubled
   reading is not much less likely than the single one (``score`` above every threshold:
   ``中国国际``, ``今年年底``) is silent at once;
4. otherwise the word structure says how sure the model must be (thresholds in
   ``rules/dup.yaml``, calibrated on the tune half of the shared corpora):

   * each copy is a whole word (``要要带头``, ``我们我们``): reported unless the doubled
     reading is about as likely (``model-whole``);
   * one copy belongs to a word and the other stands alone (``贯彻落落实``: 落 + 落实;
     ``县应急管理局局``): the commonest slip, reported when the model finds the single
     reading much more likely (``model-orphan``);
   * each copy belongs to a different word (``全国国有``, ``适用用人单位``), or a doubled
     word's second copy starts a longer word (``各乡镇乡镇长``, ``代表代表团``): two words
     that touch, reported only when the model is very sure (``model-embedded``);
   * a doubled word whose first copy closes a term of its left and whose second opens a
     term of its right, both terms used elsewhere in the document and the one-copy reading
     never (``妥善保管保管物``, ``集体经济组织组织开展``): two words that touch, silent
     (:func:`_touching`, ``touch-*`` in ``rules/dup.yaml``).

   Two more kinds of evidence loosen the thresholds, both calibrated cross-fitted (a
   model built from one part of the tune half scoring the other, so that the text is as
   new to the model as a user's draft):

   * the document's own: the one-copy reading, with ``document-context`` characters of
     the same text on each side, written elsewhere in the document (借款期期限 where
     借款期限 stands elsewhere): reported at ``model-document``, whatever the structure
     (not for the ``standalone`` function words: 可以以合理价格 beside 可以合理价格);
   * the model's counts at the copy boundary: a copy standing alone beside a word,
     neither ``x c c`` nor ``c c y`` ever seen by the model (two words that touch leave
     such traces: 中国国际, 合同目的的; a slip inside a word does not: 应当当参照), the
     one-copy reading not rare (``model-unseen-familiar``): reported at
     ``model-orphan-unseen``, unless the document uses the lone copy with its other
     neighbour as a term of its own (评标 in 评标标准, :func:`_attached`);
   * word evidence, for a copy standing alone beside a word whatever the model saw (落 +
     落实, 管理局 + 局): in a slip the lone copy is squeezed between two words, so its
     other neighbour belongs to a word of its own in jieba's segmentation, or is a
     function word, or no Han character (承包 + 造 + 造林; :func:`_neighbour_placed`), and
     the document does not use the copy with that neighbour as a term (:func:`_attached`).
     Two words that touch where one is a term the dictionary lacks leave the neighbour
     without a word of its own (中间交工工程: 交工 + 工程; 第四章章名: 章名): reported at
     ``model-lone`` (``model-lone-allowed`` for a listed pair whose first copy stands
     alone, 深 + 深入; none for the ``standalone`` function words, 可以 + 以 + 实行).
     A use elsewhere that is the same junction of two words as here is no term use
     (``model-lone-junction``: 公司财务 for 清理公司财财产), and beside punctuation the
     document's one-copy reading with the mark settles it (``model-lone-edge-written``:
     、食品 written elsewhere for 、食食品), beside Han text its one-copy reading in the
     whole words of jieba's cut (``model-lone-written``: 公司财产 for 公司财财产); a lone
     copy whose neighbour has no word of its own is tried when the document writes its
     one-copy reading (``model-lone-placed-written``: 经审批 for 经审审批), and a copy that
     jieba's cut leaves alone though a word of the dictionary crosses each copy is judged as
     a lone copy when the document writes the one-copy reading in whole words
     (``model-embedded-written``: 服务工作 for 服务务工作), one that the cut keeps inside
     words when it writes the one-copy reading across the junction in whole words
     (``model-embedded-joined``: 本法规定 for 本法规规定).  A first copy that the cut
     leaves alone, crossed only by rare words of the dictionary (none of the compact
     lexicon), is judged as a lone copy (``model-embedded-rare``: 严重 + 影 + 影响).

   The lone copy's other neighbour is never placed by a digit or a letter (2024年 + 年底,
   A股 + 股票: those make terms with the copy), and a lone copy beside punctuation has
   the looser ``model-lone-edge`` (a first copy at the start of a clause, no verb, that
   the cut leaves alone is tried at ``model-lone-opening`` with a term test that skips
   the uses that are only the next word after the same mark: 、完成 for 、完完善), one
   that jieba's segmentation leaves a word of its own ``model-lone-split`` (生产 + 车 +
   车间; not a verb as the second copy: 工作 + 作 + 相应; a first copy whose one-copy
   reading is familiar text ``model-lone-split-familiar``: 及其 + 权 + 权利), or
   ``model-lone-allowed-split`` for a listed pair that the cut splits into two
   words (价格 + 格, 提高 + 高; 大大增强 stays one word); ``model-embedded-alone`` for
   each copy inside a dictionary word when the segmentation keeps one of them only, by a
   clear margin (``embedded-alone-margin``, :func:`_cut_margin`: 服务 + 务 + 工作; not
   其一 + 任 + 任期, a close call), and ``model-embedded-alone-after`` for the second copy
   alone between two words that the one-copy text keeps whole (根据 + 据 + 实际,
   :func:`_kept_apart`); a lone second copy at the end of a clause is tried whatever the
   document's term test says (``model-lone-end``: 确定 + 定。; ``model-lone-allowed-end`` for
   a listed pair, 调查 + 查、), and one between two words kept whole at
   ``model-lone-kept-written`` when the document writes that reading (建立健全突发事件 for
   建立健全全突发事件).  Two thresholds are opt-in
   (off in the shipped data):
   ``model-lone-allowed-after`` (a listed reduplication's second copy alone after a word
   ending in it, when jieba's segmentation leaves it a word of its own: 价格 + 格) and
   ``model-embedded-alone`` (a false alarm on the benchmark's measure half).  A
   ``standalone`` function word's second copy that the cut leaves alone after a word
   ending in it, at the end of a clause, is tried at ``model-standalone-end`` (委员会 + 会，,
   现在 + 在，; not the particles that close a clause: 合同目的 + 的，, :func:`_closes_alone`);
   the adverbial particle 地's first copy alone before a word opened by the second at
   ``model-particle-alone`` (严重 + 地 + 地区; not after a demonstrative or a measure
   word: 这块 + 地 + 地下; not 得: 运用得 + 得心应手), or its second
   copy alone after a noun ending in it (耕地 + 地 + 占用税, :func:`_particle_alone`).
   Conversely, a second copy that the cut leaves alone after a word ending in it and that
   reads as the function word its place asks for (a modal verb between a noun and a
   predicate, 委员会 + 会 + 进行; a conjunction before a noun, 参与 + 与 + 社会; 并
   between two verbs, 合并 + 并 + 更名) is reported only at ``model-function-after-word``
   (off: never), :func:`_governs_after_word`.

   Two kinds of evidence silence a pair whatever the model says: a doubled character
   coordinated with another (“条条”和“块块”, :func:`_parallel`: two reduplications side by
   side are deliberate), and the same doubling written again in the document with the
   same neighbours (他船船艏 in two articles, :func:`_document_repeats`: a slip is an
   accident of one keystroke).

   Whether a word crosses the edge of a copy is asked first of the compact lexicon
   (``要要求``: 要求 starts inside the second 要), then of the stretch of Han text around
   the candidate segmented as jieba does with its full dictionary
   (:func:`speechlint.segment.tokens`, from generated data: jieba is never imported).

Without a model file (a stripped install), step 3 is skipped and a candidate is
reported only when each copy is a whole word, as before the model existed.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property

from .. import lm, segment
from ..document import HAN_RE, HAN_RUN, Document, changed_range
from ..model import Diagnostic, Fix, Span
from ..registry import rule
from . import quote, sorted_unique

#: How far (in characters) around a candidate words and patterns are looked for.
_REACH = 8


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
        chars_fields = ("surnames", "distributive_before", "lone_allowed_before")
        function_fields = ("function_modals", "function_conjunctions", "function_verb_conjunctions")
        for name in chars_fields + function_fields:
            chars = getattr(self, name)
            if len(set(chars)) != len(chars) or not all(HAN_RE.match(c) for c in chars):
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
        )
        # (the thresholds that the document's evidence loosens: the term test's junctions,
        # the one-copy reading written elsewhere)
        document = (
            self.model_lone_junction,
            self.model_lone_edge_written,
            self.model_lone_written,
            self.model_lone_opening,
            self.model_lone_split_familiar,
            self.model_embedded_rare,
        )
        written = (self.model_lone_placed_written, self.model_embedded_written, self.model_embedded_joined)
        embedded = (self.model_embedded_alone, self.model_embedded_alone_after)
        ends = (self.model_lone_end, self.model_lone_allowed_end, self.model_lone_kept_written)
        if not max(*lone, *splits, *document, *written, *embedded, *ends, self.model_lone_edge) <= 0:
            return "thresholds must satisfy model-lone*, model-embedded-alone and model-embedded-written <= 0"
        if not self.model_function_after_word <= 0:
            return "thresholds must satisfy model-function-after-word <= 0"
        if not 0 < self.lone_seen_share <= 1:
            return "'lone-seen-share' must be in (0, 1]"
        if not self.model_document <= 0 or not self.model_unseen_familiar <= 0:
            return "thresholds must satisfy model-document <= 0 and model-unseen-familiar <= 0"
        if self.dict_sure_freq < 0:
            return "'dict-sure-freq' must be >= 0"
        if not 1 <= self.document_context <= 8:
            return "'document-context' must be between 1 and 8"
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
        return frozenset(c for p in self.slip_patterns for c in p.pattern if HAN_RE.match(c))

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


def _han_run(text: str, s: int, e: int) -> tuple[int, int]:
    """The stretch of Han characters around ``[s, e)``, at most ``_REACH`` further each way."""
    lo = s
    while lo > 0 and s - lo < _REACH and HAN_RE.match(text[lo - 1]):
        lo -= 1
    hi = e
    while hi < len(text) and hi - e < _REACH and HAN_RE.match(text[hi]):
        hi += 1
    return lo, hi


def _in_context(text: str, s: int, data: DupData, form: str) -> bool:
    """True when the doubled form at ``s`` lies inside one of the allowed contexts (红红脸)."""
    for ctx, off in data.contexts.get(form, ()):
        if s - off >= 0 and text.startswith(ctx, s - off):
            return True
    return False


def _opens_word(text: str, s: int, data: DupData) -> bool:
    """Is the doubled character at ``s`` one of ``exempt-unless-word``, with none of those
    characters beside the pair, whose first copy jieba's segmentation leaves alone before
    a word opened by the second (一 + 一定, 三 + 三点; not 十五五, 一九九九年, 五五分 + 成)?"""
    chars = data.exempt_unless_word
    if text[s] not in chars or (s > 0 and text[s - 1] in chars) or (s + 2 < len(text) and text[s + 2] in chars):
        return False
    spans = _cut(text, s)
    return (s, s + 1) in spans and any(a == s + 1 and b > s + 2 for a, b in spans)


def _exempt(text: str, s: int, e: int, data: DupData) -> bool:
    """True when an exempt pattern (AABB, numerals) covers ``[s, e)``."""
    stop = min(len(text), e + _REACH)  # within reach: a long run of numerals was quadratic
    for pattern in data.exempt:
        for start in range(max(0, s - _REACH), s + 1):
            m = pattern.match(text, start, stop)
            if m and m.end() >= e:
                return True
    return False


def _lexicon_crosses(text: str, lo: int, hi: int, extra: frozenset[str]) -> Crosses:
    """Does a lexicon word of 2–4 characters within ``[lo, hi)`` straddle offset ``x``?"""
    lex = segment.lexicon().known

    def crosses(x: int) -> bool:
        for a in range(max(lo, x - 3), x):
            for b in range(x + 1, min(hi, a + 4) + 1):
                w = text[a:b]
                if lex[w] or w in extra:
                    return True
        return False

    return crosses


def _segment_crosses(text: str, lo: int, hi: int, data: DupData) -> Crosses:
    """Does a token of jieba's segmentation (frequent enough, or a listed word) straddle ``x``?"""
    run = text[lo:hi]
    spans = [
        (lo + a, lo + b)
        for a, b, freq in segment.tokens(run)
        if b - a > 1 and (freq >= data.jieba_min_freq or run[a:b] in data.extra_words)
    ]

    def crosses(x: int) -> bool:
        return any(a < x < b for a, b in spans)

    return crosses


#: A word of the full dictionary this frequent makes an AABB form legitimate (勤恳 → 勤勤恳恳).
_AABB_MIN_FREQ = 5


def _aabb(text: str, s: int, extra: frozenset[str]) -> bool:
    """True when the pair at ``s`` is half of the AABB form of a word AB (反复 → 反反复复).

    Only a word makes AABB legitimate: in 要要牢牢 the 要 is a slip before the adverb 牢牢.
    """
    lex = segment.lexicon().known

    def word(w: str) -> bool:
        return lex[w] or w in extra or segment.dictionary().freq(w) >= _AABB_MIN_FREQ

    a = text[s]
    after = s + 3 < len(text) and text[s + 2] == text[s + 3] != a and word(a + text[s + 2])
    return after or (s >= 2 and text[s - 2] == text[s - 1] != a and word(text[s - 2] + a))


def _listed_aabb(text: str, s: int, data: DupData) -> bool:
    """Is the pair at ``s`` a form of ``allow`` beside another one, the two making an AABB
    form (桩桩件件, 件件桩桩: "every piece and every matter")?

    Two listed reduplications side by side are the distributive AABB of their own, whatever
    the model says of the pair (the model is sure of 桩桩件: 桩件 is no word, so
    :func:`_aabb` does not apply); a slip beside a listed form is no listed form itself
    (要要牢牢: 要要 is not listed).
    """
    form = text[s : s + 2]
    if form not in data.allowed:
        return False
    after = text[s + 2 : s + 4]
    before = text[s - 2 : s] if s >= 2 else ""
    return any(len(w) == 2 and w[0] == w[1] != form[0] and w in data.allowed for w in (after, before))


def _doubled(crosses: Crosses, s: int, n: int, bound: bool) -> bool:
    """True when each copy of the unit ``[s, s+n)`` ``[s+n, s+2n)`` is a word of its own."""
    if n == 1 and crosses(s + 1):  # the pair is (part of) one word: 沉甸甸
        return False
    if crosses(s + 2 * n):  # the second copy starts a longer word: 要 + 要求
        return False
    if crosses(s):  # the first copy ends a longer word: 学习 + 习近平; 主要 + 要 …
        return bound  # … but 们 never stands alone (我们们), 就是是 is a slip
    return True


def scores(text: str, s: int, n: int) -> tuple[float, float] | None:
    """The model's verdict on the doubled unit at ``s``: (score, familiarity); None: no model.

    ``score`` is the log-likelihood ratio log P(u u R | L) − log P(u R | L), where
    ``u = text[s:s+n]`` and L, R are the model's context on either side (a few characters,
    stopping at non-Han text).  ``familiarity`` is log P(u R | L) per character: how
    ordinary the text reads with one copy (``书面方式``: high; ``各司长``, ``领馆舍``, the
    one-copy reading of two words that touch: low).
    """
    m = lm.model()
    if m is None:
        return None
    k = m.order - 1
    unit = text[s : s + n]
    left = lm.to_stream(text[max(0, s - k - 4) : s])[-k:]
    right = lm.to_stream(text[s + 2 * n : s + 2 * n + k + 4])[:k]
    key = f"{left}\0{unit}\0{right}"
    if _scored_by[0] is not m:  # another model (a benchmark switches: SPEECHLINT_LM_DIR)
        _scores.clear()
        _scored_by[0] = m
    found = _scores.get(key)
    if found is None:
        one = m.logprob(left, unit + right)
        found = (m.logprob(left, unit + unit + right) - one, one / (n + len(right)))
        if len(_scores) < 100_000:  # bounded: a language server lives long
            _scores[key] = found
    return found


def score(text: str, s: int, n: int) -> float | None:
    """The log-likelihood ratio of :func:`scores` alone (None: no model)."""
    found = scores(text, s, n)
    return None if found is None else found[0]


#: Scores already computed by the model ``_scored_by`` holds, by (left context, unit,
#: right context): the same candidates come back again and again (中国国际, 今年年底).
_scores: dict[str, tuple[float, float]] = {}
_scored_by: list[object] = [None]


def _crosser(text: str, s: int, n: int, data: DupData) -> Crosses:
    """Does a word cross offset ``x``?  The compact lexicon first, then the full dictionary.

    Any word of jieba's dictionary seen at least ``dict-min-freq`` times counts, not only
    those on the best segmentation: two words that touch are often a term and a common
    word (粪污 + 污染, 海损 + 损失, 领馆 + 馆舍), and the term is rare.
    """
    near = _lexicon_crosses(text, max(0, s - 3), min(len(text), s + 2 * n + 3), data.extra_words)
    lo, hi = _han_run(text, s, s + 2 * n)

    def crosses(x: int) -> bool:
        return near(x) or _dictionary_crosses(text, lo, hi, x, data.dict_min_freq, data.dict_sure_freq)

    return crosses


def _dictionary_crosses(text: str, lo: int, hi: int, x: int, min_freq: int, sure_freq: int = 0) -> bool:
    """Does a word of the full dictionary (frequency >= ``min_freq``) within ``[lo, hi)`` straddle ``x``?

    A word rarer than ``sure_freq`` does not count when a word at least that frequent
    overlaps it in part (:func:`_overlapped`): the dictionary's rarest entries include
    fragments of two words (国特 in 中国特色, 行检 in 进行检查).
    """
    d = segment.dictionary()
    for a in range(max(lo, x - _REACH), x):
        freqs = d.freqs(text[a])
        b = a + 2
        while b <= hi and text[a:b] in freqs:
            w = text[a:b]
            if (
                b > x
                and freqs[w] >= min_freq
                and not _doubled_form(w)
                and (freqs[w] >= sure_freq or not _overlapped(text, lo, hi, a, b, sure_freq))
            ):
                return True
            b += 1
    return False


def _doubled_form(w: str) -> bool:
    """Is ``w`` a doubled form itself (了了, 研究研究)?  The allow-lists judge those."""
    return w[: len(w) // 2] * 2 == w


def _overlapped(text: str, lo: int, hi: int, a: int, b: int, min_freq: int) -> bool:
    """Does a word of the full dictionary (frequency >= ``min_freq``, no doubled form) within
    ``[lo, hi)`` overlap ``[a, b)`` in part, starting inside it and ending after it or the
    other way round?"""
    d = segment.dictionary()

    def word(i: int, j: int) -> bool:
        w = text[i:j]
        return d.freq(w) >= min_freq and not _doubled_form(w)

    for i in range(a + 1, b):  # starts inside, ends after
        if any(word(i, j) for j in range(b + 1, min(hi, i + _REACH) + 1)):
            return True
    for j in range(a + 1, b):  # starts before, ends inside
        if any(word(i, j) for i in range(max(lo, j - _REACH), a)):
            return True
    return False


def _is_word(w: str, data: DupData) -> bool:
    """Is ``w`` a word?  (The lexicon, the listed words, then the full dictionary.)"""
    if segment.lexicon().known[w] or w in data.extra_words:
        return True
    return segment.dictionary().freq(w) >= data.dict_min_freq


def _longer_word_at(text: str, a: int, e: int, data: DupData) -> bool:
    """Does a word start at ``a`` and end after ``e``?"""
    return any(_is_word(text[a:b], data) for b in range(e + 1, min(len(text), a + _REACH) + 1))


def _reduplicated(text: str, s: int, data: DupData) -> bool:
    """Is the pair at ``s`` a name (屠呦呦) or a distributive reduplication (账账相符)?

    Both need the pair to form no word with the characters around it: in 王明明确 the
    second 明 starts 明确, in 黄河河道 the first 河 ends 黄河.
    """
    a = text[s]
    nxt = text[s + 2] if s + 2 < len(text) else ""
    if nxt and nxt in data.distributive_before and not _is_word(a + nxt, data):
        return not _is_word(text[s - 1 : s + 1], data) if s else True
    if s == 0 or text[s - 1] not in data.surnames:
        return False
    crosses = _crosser(text, s, 1, data)
    return not (crosses(s) or crosses(s + 1) or crosses(s + 2))


def _idiom_ends(text: str, s: int, data: DupData) -> bool:
    """Does a word of four or more characters end with the character at ``s``?

    A set phrase is closed: the same character after it starts the sentence's next word
    (实事求是 + 是), unlike a short word whose last character is typed twice (就是是).
    """
    return any(_is_word(text[a : s + 1], data) for a in range(max(0, s - _REACH + 1), s - 2))


def _limit(
    data: DupData, familiar: bool, allowed: bool, before: str = "", beside: bool = False, closes: bool = False
) -> float:
    """The highest threshold a candidate may meet, before its word structure is known
    (``before``: the character before the pair; ``beside``: a word of the compact lexicon
    ends with the first copy or starts with the second, :func:`_beside_word`; ``closes``:
    a listed pair closes a clause, ``model-lone-allowed-end``)."""
    if allowed:
        split = data.model_lone_allowed_split if beside else -1000.0
        return max(data.model_allowed, data.model_lone_allowed, split, _lone_allowed_after(data, before, closes))
    orphan = data.model_orphan_familiar if familiar else data.model_orphan
    return max(
        data.model_whole,
        data.model_orphan_unseen,
        orphan,
        data.model_lone,
        data.model_lone_seen,
        data.model_lone_edge,
        data.model_lone_split,
        data.model_lone_opening,
        data.model_lone_split_familiar if familiar else -1000.0,
        data.model_embedded_rare,
        data.model_standalone_end,
        data.model_particle_alone,
    )


def _beside_word(text: str, s: int, data: DupData) -> bool:
    """Does a word of the compact lexicon (or a listed word) end with the first copy of the
    doubled character at ``s`` or start with the second (治理 + 理, 深 + 深入)?"""
    crosses = _lexicon_crosses(text, max(0, s - 3), min(len(text), s + 5), data.extra_words)
    return crosses(s) or crosses(s + 2)


def _lone_limits(
    data: DupData, n: int, unit: str, allowed: bool, unseen: bool, before: str = "", closes: bool = False
) -> tuple[float, float]:
    """The loose thresholds of a lone first and a lone second copy (see :func:`_by_model`);
    ``before``: the character before the pair; ``closes``: as for :func:`_limit`."""
    if n != 1:
        return (-1000.0, -1000.0)
    if unseen:
        return (data.model_orphan_unseen, data.model_orphan_unseen)
    if allowed:
        return (data.model_lone_allowed, _lone_allowed_after(data, before, closes))
    if unit in data.standalone:  # a function word stands alone as a rule: 可以 + 以 + 实行
        return (-1000.0, -1000.0)
    return (data.model_lone, data.model_lone)


def _lone_allowed_after(data: DupData, before: str, closes: bool = False) -> float:
    """``model-lone-allowed-after`` for a listed pair after ``before`` (the character before
    it), and ``model-lone-allowed-end`` when the pair ``closes`` a clause, or -1000 where the
    pair reads as the reduplication: after no Han character, or after one of
    ``lone-allowed-before`` (一个个, 这种种, 大姐姐)."""
    if _han_at(before, 0) and before not in data.lone_allowed_before:
        return max(data.model_lone_allowed_after, data.model_lone_allowed_end if closes else -1000.0)
    return -1000.0


def _one_copy_seen(text: str, s: int, data: DupData) -> bool:
    """Does edited text write the one-copy reading x c y around the doubled character at
    ``s``: in the model, x c went on with y twice at least and at least ``lone-seen-share``
    of the times?"""
    m = lm.model()
    if m is None or s < 1 or s + 3 > len(text):
        return False
    ctx = lm.to_stream(text[max(0, s - 2) : s + 1])
    y = lm.to_stream(text[s + 2])
    if len(y) != 1 or len(ctx) < 2:
        return False
    seen = m.count(ctx[-2:], y)
    return seen >= 2 and seen >= data.lone_seen_share * m.count(ctx[-2], ctx[-1])


def _unseen_pair(text: str, s: int) -> bool:
    """Did the model never see the doubled character at ``s`` beside its neighbours?

    Neither ``x c c`` nor ``c c y`` (x, y: the characters before and after the pair) is in
    the model: two words that touch usually leave such traces in edited text (中国国际,
    合同目的的), a character typed twice inside a word does not (应当当参照).
    """
    m = lm.model()
    if m is None:
        return False
    c = text[s]
    x = (lm.BOUNDARY + lm.to_stream(text[max(0, s - 4) : s]))[-1]
    y = (lm.to_stream(text[s + 2 : s + 6]) + lm.BOUNDARY)[0]
    return m.count(x + c, c) == 0 and m.count(c + c, y) == 0


#: How far (in characters) before and after a candidate the document is searched for its
#: one-copy reading: a long speech, without a quadratic cost on a 10 MB file.
_DOCUMENT_REACH = 20_000


#: One of the document's answers a verdict depended on, noted for :func:`_judged`: the
#: question (:func:`_used_in_term`, :func:`_document_writes` or :func:`_terms_used`), its
#: arguments after the text and the candidate's start, and the answer.
Answer = tuple[Callable[..., bool], tuple[int, ...], bool]
Asked = list[Answer]


def _noted(asked: Asked | None, question: Callable[..., bool], text: str, s: int, *args: int) -> bool:
    """``question(text, s, *args)``, its answer noted in ``asked`` when given."""
    found = question(text, s, *args)
    if asked is not None:
        asked.append((question, args, found))
    return found


def _touching(text: str, s: int, n: int, data: DupData, asked: Asked | None = None) -> bool:
    """Are the two copies of the word at ``s`` two words that touch, not a word typed twice?

    集体经济组织组织开展 is 集体经济组织 + 组织开展, 妥善保管保管物 is 妥善保管 + 保管物: the
    first copy closes a term of its left, the second opens a term of its right, and the
    document uses each term on its own.  In a word typed twice the first copy is the word
    its neighbours belong with: the model may find it after its left context (推动高质量 +
    发展), but seldom closing a phrase, and the document writes the one-copy reading, or
    not both terms.  Cheapest first: the model, then the document (noted in ``asked``).
    """
    if data.touch_uses <= 0 or n < 2 or not (_han_at(text, s - 1) and _han_at(text, s + 2 * n)):
        return False
    m = lm.model()
    if m is None:
        return False
    unit = text[s : s + n]
    left = lm.to_stream(text[max(0, s - m.order - 3) : s])[-(m.order - 1) :]
    if m.logprob(left, unit) < data.touch_bound or m.logprob(left + unit, lm.BOUNDARY) < data.touch_end:
        return False
    return _noted(asked, _terms_used, text, s, n, data.document_context, data.touch_uses) and not _written_elsewhere(
        text, s, n, 1, asked
    )


def _han_at(text: str, i: int) -> bool:
    return 0 <= i < len(text) and bool(HAN_RE.match(text[i]))


def _alnum_at(text: str, i: int) -> bool:
    """Is ``text[i]`` a digit or a letter (no Han character)?  Those make terms with a Han
    character beside them (2024年, A股, 5G): unlike punctuation, no edge of a word."""
    return 0 <= i < len(text) and text[i].isalnum() and not HAN_RE.match(text[i])


def _punctuation_at(text: str, i: int) -> bool:
    """Is ``text[i]`` neither a Han character, a digit nor a letter (or outside the text)?"""
    return not (_han_at(text, i) or _alnum_at(text, i))


def _terms_used(text: str, s: int, n: int, k: int, uses: int) -> bool:
    """Does the document write, elsewhere, ``uses`` times each: the first copy with the Han
    characters among the ``k`` before it, and the second copy with those among the ``k``
    after it (妥善保管 and 保管物 for 妥善保管保管物。)?"""
    a = s
    while a > s - k and _han_at(text, a - 1):
        a -= 1
    b = s + 2 * n
    while b < s + 2 * n + k and _han_at(text, b):
        b += 1
    lo, hi = max(0, s - _DOCUMENT_REACH), min(len(text), s + 2 * n + _DOCUMENT_REACH)
    for term, here in ((text[a : s + n], a), (text[s + n : b], s + n)):
        seen = 0
        at = text.find(term, lo, hi)
        while at >= 0 and seen < uses:
            seen += at != here
            at = text.find(term, at + 1, hi)
        if seen < uses:
            return False
    return True


def _written_elsewhere(text: str, s: int, n: int, k: int, asked: Asked | None = None) -> bool:
    """:func:`_document_writes`, its answer noted in ``asked`` when given."""
    return _noted(asked, _document_writes, text, s, n, k)


def _document_writes(text: str, s: int, n: int, k: int) -> bool:
    """Does the document write the one-copy reading, ``k`` characters each side, elsewhere?

    A draft uses its terms again and again: 借款期期限 where 借款期限 stands elsewhere is
    a slip.  The candidate itself holds the two-copy reading, so every match is elsewhere.
    """
    if s < k or s + 2 * n + k > len(text):
        return False
    one = text[s - k : s + n] + text[s + 2 * n : s + 2 * n + k]
    return text.find(one, max(0, s - _DOCUMENT_REACH), s + 2 * n + _DOCUMENT_REACH) >= 0


def _by_model(
    text: str,
    s: int,
    n: int,
    bound: bool,
    llr: float,
    familiar: bool,
    allowed: bool,
    lone: tuple[float, float],
    unseen: bool,
    data: DupData,
    asked: Asked | None = None,
    split: tuple[float, float] = (-1000.0, -1000.0),
) -> bool:
    """Report the candidate?  The model's score against the threshold of its word structure.

    ``familiar``: the one-copy reading is ordinary text; ``allowed``: the doubled form is in
    the allow-list; ``bound``: the character never stands alone (们), so a word ending in
    the first copy does not make the pair legitimate; ``unseen``: the model never saw the
    pair beside its neighbours (:func:`_unseen_pair`), so a copy standing alone beside a
    word is reported at ``model-orphan-unseen`` unless the document uses it, with its
    other neighbour, as part of a term (:func:`_attached`: 评标 + 标准); ``lone``: the
    looser thresholds the first and the second copy standing alone may meet
    (:func:`_lone_limits`: ``model-orphan-unseen`` when ``unseen``, else ``model-lone*``,
    where the lone copy's other neighbour must also belong to a word of its own,
    :func:`_neighbour_placed`); ``split``: the same for the first and the second copy
    when jieba's segmentation leaves it a word of its own (``model-lone-split``,
    ``model-lone-allowed-split``), but not for the second copy of a pair not listed whose
    character is a verb (:func:`_cut_alone`).
    """
    cap = data.model_allowed if allowed else max(data.model_whole, data.model_orphan_familiar if familiar else data.model_orphan)
    alone = cap if allowed else data.model_orphan_familiar if familiar else data.model_orphan
    loose = max(alone, *lone, *split)

    def lone_copy(right: bool) -> bool:
        """Is the copy standing alone (the second with ``right``) a slip at its loose threshold?"""
        # (model-lone-junction: a use elsewhere that is the same junction of two words as
        # here is no term use, 公司财务 for 公司财财产)
        plain = not allowed and text[s] not in data.standalone
        junctions = plain and llr <= data.model_lone_junction
        # (model-lone-opening: at the start of a clause a use elsewhere that is only the
        # next word after the same mark is no term use, 、完成 for 、完完善)
        opening = (
            (plain or allowed)
            and not right
            and llr <= data.model_lone_opening
            and _punctuation_at(text, s - 1)
            and not _verb(text[s])
        )
        if llr > max(lone[right], split[right]):
            return False
        # (model-lone-end: the second copy alone at the end of a clause, 确定 + 定。: a
        # character and a mark make no term, so the term test is not asked)
        # (model-lone-allowed-end: the same for a listed pair, 调查 + 查、)
        end_limit = data.model_lone_end if plain else data.model_lone_allowed_end if allowed else -1000.0
        ends = right and llr <= end_limit and text[s + 2 : s + 3] in _CLAUSE_MARKS
        if not ends and _attached(text, s, right, asked, junctions, opening) and not (
            plain
            and (
                # (model-lone-edge-written: beside punctuation, the document writes the
                # one-copy reading with the whole word elsewhere, 、食品 for 、食食品)
                (
                    llr <= data.model_lone_edge_written
                    and _punctuation_at(text, s + 2 if right else s - 1)
                    and _noted(asked, _edge_reading_written, text, s, right)
                )
                # (model-lone-written: the document writes the one-copy reading with the
                # whole words on each side elsewhere, 公司财产 for 公司财财产)
                or (llr <= data.model_lone_written and _noted(asked, _words_reading_written, text, s, right))
            )
        ):
            return False
        if llr > lone[right] and not _cut_alone(text, s, s + right, verb=right and not allowed):
            return False  # model-lone-split: jieba's cut keeps the copy inside a word
        if allowed and right and _segmented_alone(text, s) != s + 1:
            return False  # jieba keeps the reduplication a word: 实际上 + 天天, 应当 + 好好
        if _alnum_at(text, s + 2 if right else s - 1):
            return False  # the copy makes a term with a digit or a letter: 2024年 + 年底, A股 + 股票
        return (
            (unseen and llr <= data.model_orphan_unseen)
            or _neighbour_placed(text, s, right, data)
            # (model-lone-placed-written: the document writes the one-copy reading, 经审批
            # for 经审审批, where the lone copy's neighbour has no word of its own)
            or (plain and llr <= data.model_lone_placed_written and _noted(asked, _reading_written, text, s, right))
        )
    if llr > max(cap, loose):
        return False
    embedded = min(data.model_embedded, cap)
    crosses = _crosser(text, s, n, data)  # the lexicon first: segmenting loads a dictionary
    if n > 1:
        # a word crosses the end of the second copy: two words that touch when the copy
        # begins that word (乡镇 + 乡镇长, 代表 + 代表团) or is no word itself (的村 + 的村民);
        # a word that merely starts at the last character of a word (农民工 + 工资) is chance
        if crosses(s + 2 * n) and (
            _longer_word_at(text, s + n, s + 2 * n, data) or not _is_word(text[s : s + n], data)
        ):
            return llr <= embedded
    elif crosses(s + 2 * n):  # the second character starts a longer word
        if llr > loose:
            return False
        if not bound and crosses(s):  # each copy inside a word: two words that touch (全国 + 国有)
            if llr <= min(embedded, alone):
                return True
            # ... unless jieba's segmentation leaves one copy a word of its own: the words
            # that cross it lose to their neighbours (服务 + 务 + 工作: 务工 loses to 工作;
            # 作出 + 出 + 处罚), where two words that touch are both kept (全国 + 国有企业)
            # (at model-embedded-alone: a word of the dictionary crosses the lone copy too, and
            # the segmentation may err, 其一 + 任 + 任期 for 其 + 一任 + 任期; cheapest first:
            # segmenting loads a dictionary)
            # (or, not for a listed form nor a standalone character, when the document writes
            # the one-copy reading in whole words: model-embedded-written, 服务工作 for
            # 服务务工作, at model-lone-split's threshold too since the cut leaves the copy
            # alone; model-embedded-joined where the cut keeps both copies inside words,
            # 本法规定 for 本法规规定)
            plain = not allowed and text[s] not in data.standalone
            clear = min(max(lone), data.model_embedded_alone)
            written = min(max(*lone, *split), data.model_embedded_written) if plain else -1000.0
            joined = data.model_embedded_joined if plain else -1000.0
            # (model-embedded-alone-after: the second copy alone between two words that the
            # one-copy text keeps whole, 根据 + 据 + 实际; at model-lone-split's threshold at most,
            # since the cut leaves the copy alone)
            # (a listed pair too, where jieba's cut splits it: model-lone-allowed-split gives
            # its second copy a threshold, 严重 + 重 + 影响)
            after = min(max(lone[1], split[1]), data.model_embedded_alone_after) if plain or allowed else -1000.0
            if llr <= after and not _lexicon_word_at(text, s + 2, data.extra_words):
                after = -1000.0  # (cheapest first: no word of the compact lexicon after the pair)
            # (model-embedded-rare: only rare words of the dictionary end with the first copy,
            # 严重 + 影 + 影响: 重影; the lexicon asked first, 学习 + 习近平 loads nothing)
            rare = (
                data.model_embedded_rare
                if (plain or allowed)
                and llr <= data.model_embedded_rare
                and not _lexicon_crosses(text, max(0, s - 3), s + 1, data.extra_words)(s)
                else -1000.0
            )
            if llr > max(clear, written, joined, after, rare):
                return False
            # (cheapest first: where only the document can report the pair, it is asked before
            # the dictionary)
            if llr > max(clear, after, rare) and not _noted(asked, _core_written, text, s):
                return False
            if crosses(s + 1):
                return False
            alone_at = _segmented_alone(text, s)
            if alone_at is None:
                return llr <= joined and _noted(asked, _joined_reading_written, text, s)
            right = alone_at == s + 1
            return (
                (llr <= clear and _cut_margin(text, s, right) >= data.embedded_alone_margin)
                or (llr <= written and _noted(asked, _words_reading_written, text, s, right))
                or (
                    right
                    and llr <= after
                    and _kept_apart(text, s)
                    and _cut_margin(text, s, right) >= data.embedded_alone_margin
                )
                or (llr <= rare and not right and _cut_margin(text, s, right) >= data.embedded_alone_margin)
            ) and lone_copy(right)
        # the first copy alone: 落 + 落实
        # (not when a word spans both copies: 强强联合)
        return llr <= alone or (not crosses(s + 1) and lone_copy(right=False))
    if llr > alone:
        if (
            n == 1
            and llr <= loose
            and not bound
            and crosses(s)
            and not crosses(s + 1)
            and lone_copy(right=True)
        ):
            return True  # the second copy alone: 应当 + 当, 管理局 + 局
        return llr <= cap and not allowed and not (not bound and crosses(s)) and not crosses(s + n)
    if crosses(s + n):  # a word across the copies: the pair is (part of) one word (赤裸裸)
        return llr <= (embedded if n == 1 else alone)
    if not bound and crosses(s):  # the first copy ends a longer word: 管理局 + 局
        return True
    return allowed or llr <= data.model_whole  # each copy a whole word


def _segmented_alone(text: str, s: int) -> int | None:
    """The copy of the doubled character at ``s`` that jieba's segmentation of the Han text
    around makes a word of its own (a single-character token), if one of them is."""
    for a, b in _cut(text, s):
        if b - a == 1 and a in (s, s + 1):
            return a
    return None


def _cut(text: str, s: int, to_pair: bool = False) -> list[tuple[int, int]]:
    """jieba's segmentation of the Han text around the doubled character at ``s`` (with
    ``to_pair``, of the text before it and the pair only): (start, end) of each token in
    ``text``."""
    lo, hi = _han_run(text, s, s + 2)
    return [(lo + a, lo + b) for a, b, _freq in segment.tokens(text[lo : s + 2 if to_pair else hi])]


def _word_ending(text: str, cut: list[tuple[int, int]], end: int) -> str:
    """The token of ``cut`` that ends at ``end`` ("" when none does)."""
    return next((text[a:b] for a, b in cut if b == end), "")


def _word_starting(text: str, cut: list[tuple[int, int]], start: int) -> str:
    """The token of ``cut`` that starts at ``start`` ("" when none does)."""
    return next((text[a:b] for a, b in cut if a == start), "")


def _linked_before(text: str, s: int) -> bool:
    """Is the character before the doubled character at ``s`` a particle, a conjunction or
    a preposition (jieba's tags u, c, p) that jieba's cut leaves a word of its own (的, 和,
    在; not 当 in 应当)?"""
    if s < 1 or (segment.dictionary().tag(text[s - 1]) or "x")[0] not in _LINKING_TAGS:
        return False
    return (s - 1, s) in _cut(text, s, to_pair=True)


def _after_content_word(text: str, s: int) -> bool:
    """Is the doubled character at ``s`` no particle nor preposition (jieba's tags u, p), its
    first copy the end of a word of jieba's cut tagged as a noun or a verb (委员会 + 会, 享有
    + 有; not 可以 + 以, 主要 + 要)?

    A preposition opens a phrase of its own after any word, one ending in it too (理由 + 由
    申请人说明, 成为 + 为人民服务的工具, 存在 + 在哪里)."""
    d = segment.dictionary()
    if (d.tag(text[s]) or "x")[0] in "up":
        return False
    before = _word_ending(text, _cut(text, s, to_pair=True), s + 1)
    return len(before) > 1 and (d.tag(before) or "x")[0] in "nv"


#: jieba's tags of the particles that may close a clause: 的 (uj: 为目的的。) and 了 (ul).
_CLOSING_TAGS = frozenset(("uj", "ul"))

#: Marks that end a clause.  Not a line break: a hard-wrapped line may break a sentence
#: anywhere (委员会会⏎进行评估: the committee will).
_CLAUSE_MARKS = frozenset("，。；：、！？,;:!?")


def _closes_alone(text: str, s: int) -> bool:
    """Does the second copy of the doubled character at ``s`` close a clause on its own:
    a mark that ends a clause after the pair (:data:`_CLAUSE_MARKS`) or the end of the
    text, the copy a token of jieba's cut after a word of the cut ending with the first
    (委员会 + 会，, 现在 + 在，)?

    A function word or a modal verb does not end a clause, so the second copy opens no word
    that could make the pair two words that touch: the copy was typed twice.  Not for the
    particles that do close a clause (:data:`_CLOSING_TAGS`: 合同目的 + 的，), and the
    document's uses of the copy before punctuation say nothing (大会，elsewhere is no term).
    """
    if s + 2 < len(text) and text[s + 2] not in _CLAUSE_MARKS:
        return False
    if segment.dictionary().tag(text[s]) in _CLOSING_TAGS:
        return False
    cut = _cut(text, s)
    return (s + 1, s + 2) in cut and len(_word_ending(text, cut, s + 1)) > 1


#: jieba's tags of the words a modal verb follows as its subject (nouns, organisation
#: names: 委员会, 社会) and of the predicates it governs (verbs, adverbs, adjectives,
#: prepositions: 会 + 进行, 会 + 更加, 会 + 对); a verbal noun is no predicate (社会 + 会 +
#: 发展: 社会发展 is the term, the second 会 typed twice).
_SUBJECT_TAGS = frozenset(("n", "nt", "nz"))
_PREDICATE_TAGS = frozenset(("v", "vd", "d", "a", "ad", "p"))
#: jieba's tags of the words a conjunction joins to the noun after it (nouns, verbs used
#: as nouns: 公众参与 + 与 + 社会监督; not 惠及, a verb that jieba tags as a place name).
_CONJUNCT_TAGS = frozenset(("n", "nt", "nz", "v", "vn"))


def _governs_after_word(text: str, s: int, data: DupData) -> bool:
    """Does the second copy of the character at ``s`` read as the function word that its
    place asks for: a token of jieba's cut after a word of the cut ending with the first
    copy, which the cut of the one-copy text keeps too, and

    * one of ``function-modals`` (会, 要, 能) after a noun that no preposition governs,
      before a predicate (评审委员会 + 会 + 进行复核, 社会 + 会 + 更加和谐; not 向 + 大会 +
      会 + 作): a subject, its modal and its verb; or
    * one of ``function-conjunctions`` (与, 和, 及) before a noun, after a noun or a verb
      (公众参与 + 与 + 社会监督): the copy joins that noun to the word before; or
    * one of ``function-verb-conjunctions`` (并) between two verbs (合并 + 并 + 更名): the
      copy joins the two actions?

    Then the two-copy text is a sentence of its own, and the model's doubt (员会会 is mostly
    委员会会议 in edited text) is no evidence of a slip.  The one-copy cut must keep the
    word before, else the slip breaks a word (社会会主义: 社会主义).
    """
    c = text[s]
    modal = c in data.function_modals
    verbal = c in data.function_verb_conjunctions
    if not (modal or verbal or c in data.function_conjunctions):
        return False
    cut = _cut(text, s)
    if (s + 1, s + 2) not in cut:
        return False
    before = _word_ending(text, cut, s + 1)
    after = _word_starting(text, cut, s + 2)
    if len(before) < 2 or not after:
        return False
    lo, hi = _han_run(text, s, s + 2)
    one = text[lo : s + 1] + text[s + 2 : hi]
    if (s + 1 - len(before) - lo, s + 1 - lo) not in {(a, b) for a, b, _f in segment.tokens(one)}:
        return False
    d = segment.dictionary()
    before_tag = d.tag(before) or "x"
    after_tag = d.tag(after) or "x"
    if modal:
        governed = (d.tag(_word_ending(text, cut, s + 1 - len(before))) or "x")[0] == "p"
        return before_tag in _SUBJECT_TAGS and after_tag in _PREDICATE_TAGS and not governed
    if verbal:
        return before_tag == "v" and after_tag in ("v", "vn")
    return before_tag in _CONJUNCT_TAGS and after_tag[0] == "n" and after_tag not in ("nr", "ns")


#: jieba's tag of the adverbial particle 地, which links an adverbial to its verb.  Not 得
#: (ud), which links a verb to its complement: 运用得 + 得心应手, 处理得 + 得当 are written.
_ADVERBIAL_PARTICLE = "uv"


def _particle_alone(text: str, s: int, data: DupData) -> bool:
    """Is the doubled character at ``s`` the adverbial particle 地 (:data:`_ADVERBIAL_PARTICLE`)
    whose first copy jieba's cut leaves a word of its own before a word opened by the
    second (严重 + 地 + 地区, 国务院 + 地 + 地震), after a noun, a verb or an adjective of
    the cut (not 这块 + 地 + 地下, where 地 is the noun), the character before the pair
    placed in a word of its own (:func:`_neighbour_placed`); or whose second copy the cut
    leaves alone after a noun of the cut ending with the first (耕地 + 地 + 占用税, 当地 +
    地 + 和; not 脚踏实地 + 地, a set phrase), the character after the pair placed?

    The particle is followed by the verb it links an adverbial to, never by a noun that
    opens with it; the document's uses of the character before the pair with the particle
    (严重地 elsewhere) are the particle's own use, no term, and are not asked.
    """
    d = segment.dictionary()
    if d.tag(text[s]) != _ADVERBIAL_PARTICLE:
        return False
    cut = _cut(text, s)
    if (s + 1, s + 2) in cut and not _alnum_at(text, s + 2):
        # the second copy alone after a noun ending in it (耕地 + 地 + 占用, 当地 + 地 + 和):
        # the particle follows an adjective, an adverb, a verb or a set phrase (脚踏实地 +
        # 地), never a noun
        before = _word_ending(text, cut, s + 1)
        return len(before) > 1 and (d.tag(before) or "x")[0] in "ns" and _neighbour_placed(text, s, True, data)
    if (s, s + 1) not in cut or not any(a == s + 1 and b > s + 2 for a, b in cut):
        return False
    # after a noun, a verb or an adjective (排头兵 + 地, 扶持 + 地, 严重 + 地); after a
    # demonstrative, a numeral or a measure word 地 is the noun (这块 + 地 + 地下)
    if (d.tag(_word_ending(text, cut, s)) or "x")[0] not in "nva":
        return False
    return _neighbour_placed(text, s, False, data)


def _lexicon_word_at(text: str, a: int, extra: frozenset[str]) -> bool:
    """Does a word of the compact lexicon (or a listed word) of 2–4 characters start at ``a``?"""
    lex = segment.lexicon().known
    return any(lex[text[a:b]] or text[a:b] in extra for b in range(a + 2, min(len(text), a + 4) + 1))


def _measure_reduplicated(text: str, s: int, data: DupData) -> bool:
    """Is the doubled character at ``s`` a measure word (``measure-tags``) reduplicated
    before a noun, after the numeral 一 or at the start of a clause (一张张笑脸, 一盏盏路灯,
    座座高楼拔地而起)?  That AA form means "each" or "one after another"; a slip needs the
    second copy to open a word with the character after it (一个个人, 项项目: judged as
    usual), so the pair must make no word with it.  The cost: a slip of this very shape (一名
    + 名 + 董事) goes unreported."""
    if not data.measure_tags or not _han_at(text, s + 2) or _is_word(text[s + 1 : s + 3], data):
        return False
    if not (text[s - 1 : s] == "一" or _punctuation_at(text, s - 1)):
        return False
    return segment.dictionary().tag(text[s]) in data.measure_tags


def _kept_apart(text: str, s: int) -> bool:
    """Does jieba's cut around the doubled character at ``s`` leave the second copy alone
    between two words of two characters at least, the word ending with the first copy and
    the word after the pair, which the cut of the one-copy text keeps as they are (根据 + 据
    + 实际 reads 根据 + 实际, 作出 + 出 + 处理 reads 作出 + 处理)?

    A copy typed twice is squeezed between the two words its text is made of; where a word
    of the dictionary crosses it (据实, 出处) the cut of a slip still leaves it alone, and
    without it the same two words remain.  A single character after the copy is no such
    word: the copy may make a word with it that the cut missed (总体规划 + 划 + 为: 划为).
    Nor an adverb or a preposition (jieba's tags d, p), which stand alone before the
    predicate they modify or the object they take, after a word ending in them too (无不 +
    不 + 满意: all are dissatisfied; 终于 + 于 + 今年年底)."""
    cut = _cut(text, s)
    before = _word_ending(text, cut, s + 1)
    after = _word_starting(text, cut, s + 2)
    if (s + 1, s + 2) not in cut or len(before) < 2 or len(after) < 2:
        return False
    if (segment.dictionary().tag(text[s]) or "x")[0] in "dp":
        return False
    lo, hi = _han_run(text, s, s + 2)
    one = {(lo + a, lo + b) for a, b, _freq in segment.tokens(text[lo : s + 1] + text[s + 2 : hi])}
    return (s + 1 - len(before), s + 1) in one and (s + 1, s + 1 + len(after)) in one


def _cut_margin(text: str, s: int, right: bool) -> float:
    """How much likelier jieba's best route through the Han text around the doubled
    character at ``s`` is than the best route joining the copy it leaves alone (the second
    with ``right``) to its other neighbour: the log-probability of the cut less that of
    the best route with no cut between the copy and that neighbour.

    A slip leaves a lone copy that no word wants (农业 + 经 + 经营: 业经 is far behind,
    服务 + 务 + 工作: 务工 too); two words that touch leave one that the cut nearly joined
    the other way (其一 + 任 + 任期 for 其 + 一任 + 任期, 规划 + 划 + 为 for 划为: close calls)."""
    lo, hi = _han_run(text, s, s + 2)
    run = text[lo:hi]
    joined = (s + 2 if right else s) - lo
    if not 0 < joined < len(run):  # no neighbour to join: no margin
        return 0.0
    d = segment.dictionary()
    return d.route_logprob(run) - d.route_logprob(run, joined=joined)


def _verb(c: str) -> bool:
    """Is the character ``c`` a verb (jieba's tag v)?  A verb's reduplication opens a clause
    before a word of its own (松松绑, 洗洗澡: V V + O, where V O is the word)."""
    return (segment.dictionary().tag(c) or "x")[0] == "v"


def _cut_alone(text: str, s: int, at: int, verb: bool = False) -> bool:
    """Does jieba's segmentation of the Han text around the doubled character at ``s``
    make the copy at ``at`` a word of its own (a single-character token)?

    With ``verb``, false when the character is a verb (jieba's tag v) after a word of the
    cut that is no verb: a verb stands alone after a noun ending in it (工作 + 作 +
    相应的调整), not after a verb (作出 + 出, 决定 + 定: two verbs do not run so)."""
    d = segment.dictionary()
    cut = _cut(text, s)
    if verb and (d.tag(text[s]) or "x")[0] == "v":
        before = _word_ending(text, cut, s + 1)
        if len(before) < 2 or d.tag(before) != "v":
            return False
    return any(b - a == 1 and a == at for a, b in cut)


def _attached(
    text: str, s: int, right: bool, asked: Asked | None = None, junctions: bool = False, opening: bool = False
) -> bool:
    """:func:`_used_in_term`, its answer noted in ``asked`` when given."""
    return _noted(asked, _used_in_term, text, s, right, junctions, opening)


def _used_in_term(text: str, s: int, right: bool, junctions: bool = False, opening: bool = False) -> bool:
    """Does the document use the copy that stands alone as part of a term of its own?

    For the doubled character c at ``s`` between x and y: with ``right``, does ``c y`` occur
    elsewhere after a character other than x and c; else does ``x c`` occur elsewhere
    before a character other than c and y (评标标准 where 评标委员会 stands elsewhere:
    评标 is a term of the document, 标准 the next word).  A character typed twice inside
    a word leaves no such trace: elsewhere it stands beside the rest of its word
    (借款期期限: 款期 elsewhere only in 借款期限).  A particle, a conjunction or a
    preposition makes no term (的补 in 所需的补补偿, 级和 in 岗位等级级和).

    Punctuation beside the copy still counts (、职 written elsewhere keeps 、职职权 silent),
    and so does a use where the copy makes a word with the character on its other side
    (公布选民 keeps 公布选选举 silent): asking neither found 3 more points of cross-fitted
    slips but cost two false alarms on the benchmark's measure half (totals, shipped model).

    With ``junctions`` (``model-lone-junction``), a use that is the same junction of two
    words as here does not count: the word of jieba's cut beside the pair on the far side
    of the lone copy (two characters at least) is written there too, and the copy makes a
    word of the compact lexicon with the character on its other side (公司财务 is no use of
    司财 in 清理公司财财产: 公司 + 财务 there, 公司 + 财产 here).  A term of the document
    is used on its own somewhere (派遣国的, 各司的, 面额股的): such a use still counts.

    With ``opening`` (``model-lone-opening``: the first copy alone after a mark), a use
    where the copy and the character after it there make a word of the compact lexicon
    does not count: a mark makes no term with the copy, so such a use is only the next
    word after the same mark (、完成 for 、完完善; 。股份 for 。股股东会).  A use where the
    copy stands alone after the mark still counts.
    """
    if s < 1 or s + 3 > len(text):
        return False
    x, c, y = text[s - 1], text[s], text[s + 2]
    other_side = y if right else x
    if (segment.dictionary().tag(other_side) or "x")[0] in _LINKING_TAGS:
        return False  # nor a particle, a conjunction or a preposition (的补补偿: 的补)
    lo, hi = max(0, s - _DOCUMENT_REACH), min(len(text), s + 2 + _DOCUMENT_REACH)
    pair = c + y if right else x + c
    beside = _word_beside(text, s, right) if junctions else ""
    at = text.find(pair, lo, hi)
    while at >= 0:
        other = text[at - 1] if right else text[at + 2] if at + 2 < len(text) else ""
        if right and at >= 1 and other not in (x, c) and not _junction(text, at + 1, beside, other + c, right):
            return True
        if (
            not right
            and other
            and other not in (c, y)
            and not _junction(text, at + 1, beside, c + other, right)
            and not (opening and segment.lexicon().known[c + other])
        ):
            return True
        at = text.find(pair, at + 1, hi)
    return False


def _core_written(text: str, s: int) -> bool:
    """Does the document write, elsewhere, the one-copy reading of the doubled character at
    ``s`` with one character each side (x c y)?  Every one-copy reading that the tests
    below look for holds it: asked first, it spares them jieba's cut (a language server asks
    a verdict's questions again at each keystroke)."""
    if s < 1 or s + 3 > len(text):
        return False
    return _written_near(text, s, text[s - 1 : s + 1] + text[s + 2])


def _written_near(text: str, s: int, reading: str) -> bool:
    """Is ``reading`` written within ``_DOCUMENT_REACH`` of the doubled character at ``s``?"""
    return text.find(reading, max(0, s - _DOCUMENT_REACH), s + 2 + _DOCUMENT_REACH) >= 0


def _around_lone_copy(text: str, s: int, right: bool) -> tuple[str, str]:
    """In jieba's cut around the doubled character at ``s``: the word of the copy that is
    not alone and the token on the far side of the lone copy ("" where the cut has none).
    With ``right`` (the second copy alone) the word ending with the first copy and the
    token after the pair, else the word starting with the second copy and the token before
    the pair.  Dropping the lone copy joins them: ``word + token`` with ``right``, else
    ``token + word``."""
    cut = _cut(text, s)
    if right:
        return _word_ending(text, cut, s + 1), _word_starting(text, cut, s + 2)
    return _word_starting(text, cut, s + 1), _word_ending(text, cut, s)


def _edge_reading_written(text: str, s: int, right: bool) -> bool:
    """Does the document write, elsewhere, the one-copy reading of the doubled character at
    ``s`` beside punctuation: the word of jieba's cut that the other copy belongs to (two
    characters at least) with the mark beside the lone copy (、食品 for 、食食品添加剂 with
    ``right`` false; 方法。 for 方法法。 with ``right``)?  The candidate holds the two-copy
    reading, so every match is elsewhere."""
    if not _core_written(text, s):
        return False
    word, _token = _around_lone_copy(text, s, right)
    one = word + text[s + 2 : s + 3] if right else text[s - 1 : s] + word
    if len(word) < 2 or len(one) != len(word) + 1:
        return False
    return _written_near(text, s, one)


def _words_reading_written(text: str, s: int, right: bool) -> bool:
    """Does the document write, elsewhere, the one-copy reading of the doubled character at
    ``s`` made of the words of jieba's cut on each side of the lone copy, two characters
    at least each: with ``right`` (the second copy alone) the word ending with the first
    copy and the word after the pair (公司财产 for 公司财财产 read as 公司 + 财 + 财产: the
    word before the pair and the word of the second copy without ``right``)?  Two words
    that touch keep a term of the document on one side (派遣国 + 国旗): its one-copy
    reading (派遣国旗) is no text the document writes."""
    if not _core_written(text, s):
        return False
    word, token = _around_lone_copy(text, s, right)
    if len(word) < 2 or len(token) < 2:
        return False
    return _written_near(text, s, word + token if right else token + word)


def _reading_written(text: str, s: int, right: bool) -> bool:
    """Does the document write, elsewhere, the one-copy reading of the doubled character at
    ``s`` made of the token of jieba's cut beside the lone copy and the word (two characters
    at least) of the other copy: with ``right`` (the second copy alone) the word ending with
    the first copy and the token after the pair (秘书衔 for 秘书书衔), else the token before
    the pair and the word of the second copy (经审批 for 经审审批)?"""
    if not _core_written(text, s):
        return False
    word, token = _around_lone_copy(text, s, right)
    if len(word) < 2 or not token:
        return False
    return _written_near(text, s, word + token if right else token + word)


def _joined_reading_written(text: str, s: int) -> bool:
    """Does the document write, elsewhere, the one-copy reading of the doubled character at
    ``s`` across the place of the dropped copy: in jieba's cut of the Han text around with
    one copy, the word that holds the copy (two characters at least) with the token beside
    it across that place, four characters at least together: the next token when the copy
    ends its word, the one before when the copy starts it (本法规规定 read 本法 + 规定:
    本法规定; 反恐恐怖主义 read 反 + 恐怖主义)?  Two words that touch leave a word and a
    single character there (外国国家 read 外 + 国家, 海关关长 read 海关 + 长), or a reading
    that the document does not write."""
    if not _core_written(text, s):
        return False
    lo, hi = _han_run(text, s, s + 2)
    one = text[lo : s + 1] + text[s + 2 : hi]
    at = s - lo  # the copy kept, in ``one``
    cut = [(a, b) for a, b, _freq in segment.tokens(one)]
    k = next((i for i, (a, b) in enumerate(cut) if a <= at < b), None)
    if k is None or cut[k][1] - cut[k][0] < 2:
        return False
    a, b = cut[k]
    if b == at + 1 and k + 1 < len(cut):  # the copy ends its word: the next token
        start, end = a, cut[k + 1][1]
    elif a == at and k > 0:  # the copy starts its word: the token before
        start, end = cut[k - 1][0], b
    else:
        return False
    if end - start < 4:  # (a word and a single character: 海关 + 长, no reading)
        return False
    return _written_near(text, s, one[start:end])


def _word_beside(text: str, s: int, right: bool) -> str:
    """The word of jieba's cut beside the doubled character at ``s`` on the far side of the
    lone copy: the one starting after the pair with ``right`` (the second copy alone),
    else the one ending before it ("" when the cut has no such word)."""
    return _around_lone_copy(text, s, right)[1]


def _junction(text: str, at: int, beside: str, copy_word: str, right: bool) -> bool:
    """Is the use of the pair whose far character (beside the lone copy's neighbour, not
    the copy) is at ``at`` a junction of two words: ``beside`` (two characters at least)
    written there too, starting at ``at`` (``right``) or ending there, and ``copy_word``
    (the copy with the character on its other side there) a word of the compact lexicon?"""
    if len(beside) < 2:
        return False
    there = text.startswith(beside, at) if right else text.startswith(beside, at - len(beside))
    return there and bool(segment.lexicon().known[copy_word])


#: jieba's tags (the first letter) of particles, conjunctions and prepositions: they link
#: words and make no term with a character beside them (的, 和, 与, 所, 等).
_LINKING_TAGS = frozenset("ucp")


#: jieba's tags of function words (the first letter): prepositions, conjunctions,
#: particles, localizers, adverbs, pronouns.  A single character with one of them is a
#: word of its own (下, 并, 等, 向); one of content words (交, 名, 体) may be half a term.
_FUNCTION_TAGS = frozenset("pcufdr")


def _neighbour_placed(text: str, s: int, right: bool, data: DupData) -> bool:
    """Does the lone copy's other neighbour belong to a word of its own, or is it no Han
    character?

    For the doubled character at ``s`` between x and y: with ``right`` (the second copy
    alone) y must start a word of jieba's segmentation of the Han text after the pair
    (or not be Han), else x must end one of the text before it; a word as frequent as
    ``jieba-min-freq`` at least (the dictionary's rarest entries are noise: 体平 in
    太湖湖体平均), or one whose two characters beside the pair are a word; a function
    word (``standalone``, or tagged as one by jieba: 要 in 要深深入, 下 in 指导下负负责)
    is a word of its own.  In a slip the lone
    copy is squeezed between two words (承包 + 造 + 造林); when its other neighbour has no
    word of its own, the two most likely make a term the dictionary lacks (中间交工工程:
    交工 + 工程; 第四章章名“: 章名), and the copies are two words that touch.
    """
    lo, hi = _han_run(text, s, s + 2)
    if right:
        if hi == s + 2:
            return not _alnum_at(text, s + 2)
        a, b, freq = segment.tokens(text[s + 2 : hi])[0]
        edge = text[s + 2 : s + 4]
    else:
        if lo == s:
            return not _alnum_at(text, s - 1)
        a, b, freq = segment.tokens(text[lo:s])[-1]
        edge = text[s - 2 : s]
    if b - a == 1:  # a function word is a word of its own: 要 + 深 + 深入, 指导下 + 负 + 负责
        c = text[s + 2 if right else s - 1]
        return c in data.standalone or (segment.dictionary().tag(c) or "x")[0] in _FUNCTION_TAGS
    # a rare entry of the dictionary counts when it begins (ends) with a word: 个人承包 (3)
    return freq >= data.jieba_min_freq or _is_word(edge, data)


#: A doubled character coordinated with another doubled character: parallel
#: reduplications (“条条”和“块块”, 条条与块块, 方方面面 aside: that is AABB).
_PARALLEL_BEFORE = re.compile(r"([\u3400-\u9fff])\1[”’」]?[和与及、或][“‘「]?$")
_PARALLEL_AFTER = re.compile(r"[”’」]?[和与及、或][“‘「]?([\u3400-\u9fff])\1")


def _parallel(text: str, s: int) -> bool:
    """Is the doubled character at ``s`` coordinated with another doubled character
    (条条和块块, “条条”与“块块”)?  Two reduplications side by side are a pair of terms,
    each deliberate; a slip is a single accident."""
    before = _PARALLEL_BEFORE.search(text, max(0, s - 5), s)
    if before and before.group(1) != text[s]:
        return True
    after = _PARALLEL_AFTER.match(text, s + 2, min(len(text), s + 8))
    return bool(after and after.group(1) != text[s])


def _document_repeats(text: str, s: int, k: int) -> bool:
    """Does the document write the doubled character at ``s`` again elsewhere, with the
    same ``k`` characters before it and the same character after?

    A slip is an accident of one keystroke; the same doubling in the same words twice is
    a term written as meant (他船船艏: 他船 + 船艏, in two articles of one law).
    """
    if s < k or s + 3 > len(text) or text[s] in (text[s - 1], text[s + 2]):
        return False  # (a run of one character is no term: 要要要要)
    form = text[s - k : s + 3]
    if not HAN_RUN.fullmatch(form):  # two words that touch: Han text on both sides
        return False
    lo, hi = max(0, s - _DOCUMENT_REACH), min(len(text), s + 3 + _DOCUMENT_REACH)
    at = text.find(form, lo, hi)
    while at >= 0:
        if at != s - k:
            return True
        at = text.find(form, at + 1, hi)
    return False


def _keep(unit: str) -> bool:
    """Is a doubled ``unit`` a candidate at all: Han characters, not one character n times?"""
    return unit >= "\u3007" and bool(HAN_RUN.fullmatch(unit)) and (len(unit) == 1 or unit != unit[0] * len(unit))


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


def _candidates(text: str, data: DupData, memo: bool = True) -> list[list[int]]:
    """For each pattern of ``data.candidates`` (a unit of ``min-unit`` … ``max-unit``
    characters, doubled), the starts of the candidates it finds in ``text``: exactly
    ``pattern.finditer(text)`` filtered by :func:`_keep`.

    With ``memo``, in a document of a language server's size, the scan of the last text is
    remembered (``data.scans``) and only the stretch this text changed is scanned again
    (:func:`_rescan`): a keystroke costs a few short searches, whatever the length of the draft.
    """
    if not memo or len(text) > _MEMO_TEXT:
        low = _low_bytes(text)
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
_VERDICTS = 8_192


def _judge(text: str, s: int, n: int, data: DupData, asked: Asked | None = None) -> bool:
    """Report the doubled unit at ``s`` (its slip patterns and allowed contexts aside)?

    ``asked``, when given, receives the document's answers the verdict depended on."""
    e = s + 2 * n
    unit = text[s : s + n]
    form = text[s:e]
    bound = n == 1 and unit in data.slip_after_word and not _idiom_ends(text, s, data)
    allowed = form in data.allowed
    verdict = scores(text, s, n)
    if verdict is not None:
        llr, familiarity = verdict
        familiar = familiarity >= data.model_familiar and not (n == 1 and unit in data.standalone)
        before = text[s - 1] if s else ""
        # (model-lone-allowed-split asks the lexicon first: segmenting loads a dictionary)
        beside = n == 1 and allowed and data.model_lone_allowed_split > -1000.0 and _beside_word(text, s, data)
        # (model-lone-allowed-end: a listed pair closing a clause, no particle: 平等 + 等。;
        # cheapest first: the tag loads the dictionary)
        closes = (
            n == 1
            and allowed
            and llr <= data.model_lone_allowed_end
            and text[e : e + 1] in _CLAUSE_MARKS
            and (segment.dictionary().tag(unit) or "x")[0] != "u"
        )
        limit = _limit(data, familiar, allowed, before, beside, closes)
        # the document's own evidence (not for function words: 可以以合理价格)
        own = llr <= data.model_document and not (n == 1 and unit in data.standalone)
        written = None  # looked for only when the model does not decide
        if llr > limit:  # cheapest first: most candidates are far above (中国国际)
            if not (own and _written_elsewhere(text, s, n, data.document_context, asked)):
                return False
            written = True
        if _exempt(text, s, e, data) and not (n == 1 and _opens_word(text, s, data)):
            return False
        if n == 1 and (_aabb(text, s, data.extra_words) or _reduplicated(text, s, data) or _listed_aabb(text, s, data)):
            return False
        if n == 1 and _parallel(text, s):
            return False
        # 首店纷纷落地: 纷落 is a word, 纷纷 an adverb; 要 + 要求: a function word
        plain = n == 1 and not allowed and unit not in data.standalone
        unseen = (
            plain
            and llr <= data.model_orphan_unseen
            and familiarity >= data.model_unseen_familiar
            and _unseen_pair(text, s)
        )
        lone = _lone_limits(data, n, unit, allowed, unseen, before, closes)
        if (
            plain
            and not unseen
            and lone[0] > -1000.0
            and data.model_lone_seen > lone[0]
            and llr <= data.model_lone_seen
            and _one_copy_seen(text, s, data)
        ):
            lone = (data.model_lone_seen, data.model_lone_seen)
        if plain and lone[0] > -1000.0 and data.model_lone_edge > min(lone):
            # a lone copy beside punctuation: a clause that starts with it, or ends
            lone = (
                max(lone[0], data.model_lone_edge) if _punctuation_at(text, s - 1) else lone[0],
                max(lone[1], data.model_lone_edge) if _punctuation_at(text, s + 2) else lone[1],
            )
        # a lone copy that jieba's cut leaves a word of its own (model-lone*-split)
        split = (-1000.0, -1000.0)
        if plain and lone[0] > -1000.0:
            split = (data.model_lone_split, data.model_lone_split)
            # (model-lone-kept-written: the second copy alone between two words the one-copy
            # text keeps whole, that reading written elsewhere, 建立健全 + 全 + 突发事件;
            # cheapest first: the document, then the cut)
            if (
                split[1] < llr <= data.model_lone_kept_written
                and _noted(asked, _core_written, text, s)
                and _kept_apart(text, s)
                and _noted(asked, _words_reading_written, text, s, True)
            ):
                split = (split[0], data.model_lone_kept_written)
            # (model-lone-opening: the first copy alone at the start of a clause, 。股 + 股东会)
            if _punctuation_at(text, s - 1) and llr <= data.model_lone_opening and not _verb(text[s]):
                split = (max(split[0], data.model_lone_opening), split[1])
            # (model-lone-split-familiar: the first copy, the one-copy reading familiar text)
            if familiar:
                split = (max(split[0], data.model_lone_split_familiar), split[1])
        elif n == 1 and not allowed and unit in data.standalone:
            # the first copy only, after a particle, a conjunction or a preposition (的 + 有 +
            # 有限, 和 + 有 + 有关): a modal verb after its subject opens a word starting
            # with it as a rule (我们要 + 要求, 主要 + 要 + 抓好, 可以 + 以 + 实行)
            # (cheapest first: the tag and the cut load the dictionary)
            linked = llr <= data.model_standalone_split and _linked_before(text, s)
            # ... and a second copy after a noun or a verb ending in it (委员会 + 会, 享有 +
            # 有), not a particle nor a preposition (标的 + 的, 理由 + 由) nor after a function
            # word (可以 + 以 + 实行, 主要 + 要 + 抓好)
            content = llr <= data.model_standalone_split and _after_content_word(text, s)
            split = (
                data.model_standalone_split if linked else -1000.0,
                data.model_standalone_split if content else -1000.0,
            )
        elif beside and not unseen:
            after = _han_at(before, 0) and before not in data.lone_allowed_before
            split = (data.model_lone_allowed_split, data.model_lone_allowed_split if after else -1000.0)
        # a function word's second copy alone at the end of a clause (model-standalone-end:
        # 委员会 + 会，), or the adverbial particle 地 alone beside a word it opens or ends
        # (model-particle-alone: 严重 + 地 + 地区, 耕地 + 地 + 占用税)
        function_alone = (
            n == 1
            and not allowed
            and unit in data.standalone
            and llr <= data.model_standalone_end
            and _closes_alone(text, s)
        ) or (
            n == 1
            and not allowed
            and llr <= data.model_particle_alone
            and _particle_alone(text, s, data)
        )
        reported = bool(
            written
            or (
                llr <= limit
                and (function_alone or _by_model(text, s, n, bound, llr, familiar, allowed, lone, unseen, data, asked, split))
                and not _touching(text, s, n, data, asked)
                and not (n == 1 and _noted(asked, _document_repeats, text, s, data.document_context))
            )
            or (written is None and own and _written_elsewhere(text, s, n, data.document_context, asked))
        )
        # model-function-after-word: the second copy is the function word its place asks for
        # (委员会 + 会 + 进行, 参与 + 与 + 社会); asked last: the cut loads the dictionary
        return reported and not (
            n == 1
            and (
                (not allowed and llr > data.model_function_after_word and _governs_after_word(text, s, data))
                or _measure_reduplicated(text, s, data)
            )
        )
    if allowed or (n == 1 and _aabb(text, s, data.extra_words)):
        return False
    # no model: cheapest first: the lexicon settles most candidates, then the exempt patterns
    # (lexicon words are all Han, so no need to find the edges of the Han run here)
    near = _lexicon_crosses(text, max(0, s - 3), min(len(text), e + 3), data.extra_words)
    if not _doubled(near, s, n, bound):
        return False
    if _exempt(text, s, e, data):
        return False
    # The lexicon found no word crossing a copy: a slip, or a word too rare for it.
    lo, hi = _han_run(text, s, e)
    return _doubled(_segment_crosses(text, lo, hi, data), s, n, bound)


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


def _report(code: str, doc: Document, data: DupData) -> Iterator[Diagnostic]:
    text = doc.check_text
    for s, n, safe in _findings(doc, data):
        unit = text[s : s + n]
        span = Span(s + n, s + 2 * n)
        yield Diagnostic(
            code,
            span,
            f"{quote(unit * 2)}疑为重复，应为{quote(unit)}",
            Fix.replace(span, "", "safe" if safe else "unsafe"),
        )


@rule("DUP001", "duplicated-character", data=DupData, severity="error", fix="sometimes", scope="document")
def duplicated_character(doc: Document, data: DupData) -> Iterator[Diagnostic]:
    """同一个汉字误输入两次（如“要要带头”“贯彻落落实”）。

    ## 检查内容
    两个相同的汉字相连，而按公文语料统计的语言模型（`rules/lm_chars.txt`，由 3 百万字规范
    公文和 jieba 词典统计而成）判断：去掉一个字后的文字远比原文通顺。既查两个字各自成词的
    情形（“领导干部要要带头”），也查一个词的首字或末字多打一遍（“贯彻落落实”“坚坚持”
    “县应急管理局局”）。判断的把握按词的结构分级：一个字属于词、另一个字孤立时（落 + 落实）
    把握要求适中；两个字分属两个词时（全国 + 国有、粪污 + 污染）只在模型极有把握时才报告。
    下列情形是正当的叠用或只是两词相邻，通常不报告：
    - 叠音词和重叠式（AA）：常常、层层、人人、天天、谢谢、看看、紧紧、牢牢（列在允许表中，
      仅当模型极有把握时才报告，如“总理理负责制”）；
    - AAB、ABB、AABB：红红脸、出出汗、咬咬牙、沉甸甸、反反复复、点点滴滴、的的确确、
      时时处处事事、高高举起、轻轻放下（AABB 须由词 AB 重叠而来：反复 → 反反复复；
      “要要牢牢”中的“要要”仍报告）；
    - 人名：姓氏后叠用的名字（屠呦呦、孙喆喆），叠字不与前后的字成词时（“陈述述”仍报告）；
    - 逐一义的名词、量词重叠后接“相”：账账相符、站站相连、环环相扣（“互互相”仍报告）；
    - 量词重叠表“每一、逐一”，在“一”后或分句开头、后接名词：一张张笑脸、一盏盏路灯、座座高楼（后一个字与
      后字成词时仍判断：“项项目”）；
    - 四字及以上的成语或固定词组末字与下一个词首字相同：实事求是是（“就是是”仍报告）；
    - 两词相邻：要要求（要 + 要求）、学习习近平（学习 + 习近平）、工作作风（工作 + 作风）、
      中国国际、今年年底；
    - 汉字数字：“十五五”、二〇二二年（但分词显示第二个字开启一个词时，如“我们一一定要”
      “以下三三点”，仍照常判断）。

    旁证放宽把握要求：孤立的那个字与前后字的叠连在语料中从未出现（“应当当参照”），且文件别处并不把它与另一侧的字
    连用成词（“评标标准”中的“评标”），也按较宽的阈值报告；孤立的那个字在分词中自成一词时（“生产车车间”：生产 + 车 + 车间；
    允许表中的叠字被分词拆入两个词时，如“价格格”：价格 + 格），同样放宽；孤立的那个字夹在两个词之间（“承包造造林”：
    承包 + 造 + 造林，另一侧的字自成一词或是虚词），文件别处也不把它与另一侧的字连用成词时，同样放宽；
    别处的连用若只是同样两个词的相接（“清理公司财财产”旁的“公司财务”：公司 + 财务），不算连用；
    孤立的那个字紧邻标点，而文件别处写过去掉一个字后的“标点 + 词”（“、食食品”旁的“、食品”）时，不问别处的连用；
    文件别处写过去掉一个字后由前后两个整词组成的文字（“公司财财产”旁的“公司财产”）时，同样不问。
    另一侧的字不成词时（“中间交工工程”：交工是词典未收的术语），视为两词相邻，除非文件别处写过去掉一个字后的
    文字（“经审审批”旁的“经审批”）。两个字分属两个词、分词只让其中一个字单独成词，而文件别处写过去掉一个字后
    由前后两个整词组成的文字时（“服务务工作”旁的“服务工作”），也按孤立的字判断；分词让第二个字单独成词、
    去掉它后前后两个词（各至少两字）原样保留时（“根据据实际”：根据 + 据 + 实际），也按较宽的阈值报告（副词、介词
    除外：“无不不满意”“终于于今年”）；孤立的第二个字处在句末（后接“，。；：、！？”）时，不问文件别处的连用
    （“确定定。”旁的“规定。”；允许表中的叠字也是如此，分词让第二个字单独成词时：“调查查、”“增多多，”）；第二个字单独成词、去掉它后前后两个词原样保留，而文件别处写过这两个词相连的文字时
    （“建立健全全突发事件”旁的“建立健全突发事件”），模型把握较小也报告；两个字都留在词里（“本法规规定”：
    法规 + 规定），而文件别处写过去掉一个字后跨过接缝的两个整词（“本法规定”）时，也报告。虚词、助动词的第二个字在分词中
    孤立于以它收尾的词之后、又处在句末（“委员会会，”“现在在，”；“合同目的的，”中的“的”可以收句，不算），以及
    状语助词“地”孤立于以“地”开头的词之前（“严重地地区”；“这块地地下”中的“地”是名词，不算）或孤立于以“地”收尾的
    名词之后（“耕地地占用税”），也按较宽的阈值报告。否定副词“不”从不单独用在以“不”开头的词之前（“不不得”），
    按一般的字判断。并列的两个叠字（“条条”和“块块”）
    以及同一文件中以相同上下文再次出现的叠字（“他船船艏”两处）视为有意为之，不报告。汉字数字中不可能出现的叠字
    （“五五百”“第八十三三条”“第三三人”）直接报告。同一文件在别处写过去掉一个字后的文字
    （如别处有“借款期限”时的“借款期期限”）这一旁证本规则默认不单独使用（`rules/dup.yaml` 中
    `model-document` 为 -1000）：它在基准的检验一半上多出一处误报；DUP002 仍使用。上文几种只认由分词
    整词组成的读法，且只在孤立的字或两字分属两词的结构下使用。

    阈值、允许表、上下文表和豁免模式都在 `rules/dup.yaml`；是否有词跨越某个字先查精简词表，
    再查 jieba 的完整词典（两者都由 jieba 词典生成，检查时不加载 jieba）。没有模型文件时，
    只报告两个字各自成词的情形。

    ## 为什么
    多打一个字是讲话稿中最常见的笔误之一，念稿时极易出错，印发后也有损严肃性。

    ## 示例（错 → 对）
    - 错：`各级领导干部要要带头做好表率。` → 对：`各级领导干部要带头做好表率。`
    - 错：`我们们要认真落实。` → 对：`我们要认真落实。`
    - 错：`要坚持贯彻落落实党的决定。` → 对：`要坚持贯彻落实党的决定。`

    ## 修复安全性
    删除第二个字。一般为安全修复；“的的”“在在”等可能是别的错字（如“的地”“在再”）的，
    列在 `unsafe-fix` 中，修复标为不安全。

    ## 依据
    GB/T 9704-2012 规定公文格式，不直接规定用字；本规则依据公文起草“文字精练、用语准确”
    的基本要求（《党政机关公文处理工作条例》关于公文起草的规定），属校对中的“多字”。
    """
    return _report("DUP001", doc, data)


@rule("DUP002", "duplicated-word", data=DupData, severity="error", fix="safe", scope="document")
def duplicated_word(doc: Document, data: DupData) -> Iterator[Diagnostic]:
    """同一个词误输入两次（如“我们我们”）。

    ## 检查内容
    两到四个字的同一片段紧接着重复出现，而按公文语料统计的语言模型判断去掉一遍后远比原文
    通顺：“我们我们要”“高质量高质量发展”。不报告：动词、形容词的 ABAB 重叠（研究研究、
    讨论讨论、雪白雪白）、“一步一步”式、汉字数字（二〇二〇），以及只是两词相邻的情形
    （“深化文化文艺”= 深化 + 文化 + 文艺，“各乡镇乡镇长”= 乡镇 + 乡镇长，只在模型极有
    把握时才报告）。前一遍收住左边的词组、后一遍开启右边的词组，而文件在别处分别用过这两个
    词组、从未写过去掉一遍后的文字时，也是两词相邻，不报告：“妥善保管保管物”（妥善保管 +
    保管物）、“集体经济组织组织开展”（集体经济组织 + 组织开展）。阈值、允许表与豁免模式在
    `rules/dup.yaml`，判断方法见 DUP001。

    ## 为什么
    复制粘贴或输入法联想常把一个词打两遍，念稿时会卡住，印发后有损严肃性。

    ## 示例（错 → 对）
    - 错：`我们我们要认真落实。` → 对：`我们要认真落实。`
    - 错：`推动高质量高质量发展。` → 对：`推动高质量发展。`

    ## 修复安全性
    安全：删除第二遍，其余文字不变。

    ## 依据
    GB/T 9704-2012 规定公文格式，不直接规定用字；本规则依据公文起草“文字精练、用语准确”
    的基本要求（《党政机关公文处理工作条例》关于公文起草的规定），属校对中的“多字”。
    """
    return _report("DUP002", doc, data)


@dataclass(frozen=True)
class DupPunctuationData:
    #: Marks that never legitimately appear twice in a row.
    marks: str = "，、；：。？！"

    def validate(self) -> str | None:
        if not self.marks:
            return "'marks' must not be empty"
        if len(set(self.marks)) != len(self.marks):
            return "'marks' lists a mark twice"
        return None

    @cached_property
    def doubled(self) -> tuple[re.Pattern[str], ...]:
        """Each mark written twice, as a pattern of its own: a pattern that starts with two
        literal characters is found by a fast search for them, where one pattern for all the
        marks, ``([marks])(?<![marks].)\\1(?![marks])``, tested every character against the
        class of marks and tried a match at each of them (280,000 on the benchmark's 10 MB
        input): 311 -> 126 million instructions there (valgrind --tool=callgrind)."""
        return tuple(re.compile(re.escape(c * 2)) for c in self.marks)


@rule("DUP003", "duplicated-punctuation", data=DupPunctuationData, severity="error", fix="safe")
def duplicated_punctuation(doc: Document, data: DupPunctuationData) -> Iterator[Diagnostic]:
    """标点符号重复输入（如“，，”“。。”）。

    ## 检查内容
    同一个标点符号连续出现两次：“，，”“、、”“；；”“：：”“。。”“？？”“！！”。三个及以上的
    句号属于省略号误用，由 PUN 规则报告。

    ## 为什么
    连续两个相同的点号在规范文本中没有用法，多为输入时多按了一次键，打印出来十分醒目。

    ## 示例（错 → 对）
    - 错：`同志们，，今天召开会议。` → 对：`同志们，今天召开会议。`
    - 错：`取得明显成效。。` → 对：`取得明显成效。`

    ## 修复安全性
    安全：删除第二个标点，其余字符不变。

    ## 依据
    GB/T 15834-2011《标点符号用法》第 4 章：点号各有其用法，不叠用。
    """
    text = doc.check_text
    marks = data.marks
    for i in sorted(m.start() for p in data.doubled for m in p.finditer(text)):
        # exactly two of the same mark: three or more 。 are an ellipsis (PUN rules)
        if (i > 0 and text[i - 1] in marks) or (i + 2 < len(text) and text[i + 2] in marks):
            continue
        span = Span(i + 1, i + 2)
        yield Diagnostic(
            "DUP003",
            span,
            f"标点{quote(text[i : i + 2])}重复，应为{quote(text[i])}",
            Fix.replace(span, ""),
        )
