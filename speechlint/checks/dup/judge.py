"""The decision on one candidate: rule data first, then the character model and its thresholds."""

from __future__ import annotations

from collections.abc import Callable

from ... import lm, segment
from .data import Asked, DupData
from .evidence import (
    _attached,
    _core_written,
    _document_repeats,
    _edge_reading_written,
    _joined_reading_written,
    _noted,
    _parallel,
    _parallel_items,
    _reading_written,
    _touching,
    _wide_reading_written,
    _words_reading_written,
    _written_elsewhere,
)
from .words import (
    _CLAUSE_MARKS,
    _aabb,
    _abab_after_pivot,
    _after_adverb,
    _after_benefactive,
    _after_content_word,
    _alnum_at,
    _beside_word,
    _closes_alone,
    _closes_word,
    _conjunctions_in_a_row,
    _crosser,
    _cut_alone,
    _cut_margin,
    _determined_unit,
    _dictionary_reduplication,
    _doubled,
    _exempt,
    _governs_after_word,
    _han_at,
    _han_run,
    _idiom_ends,
    _is_word,
    _kept_apart,
    _lexicon_crosses,
    _lexicon_word_at,
    _lexicon_word_ending,
    _linked_before,
    _listed_aabb,
    _listed_before_compound,
    _longer_word_at,
    _measure_reduplicated,
    _modifier_before_noun,
    _neighbour_placed,
    _opens_word,
    _pair_in_long_word,
    _particle_after_word,
    _particle_alone,
    _prefix_after_word,
    _punctuation_at,
    _reduplicated,
    _segment_crosses,
    _segmented_alone,
    _state_word,
    _verb,
    _verb_abab,
    _verb_compound_after_frame,
    _verb_pronoun_object,
    _verb_reduplicated,
    _verb_word,
    _vv_object_word,
)


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
        data.model_conjunction_pair,
        data.model_lone_unseen_next,
        data.model_lone_unseen_prev,
        data.model_lone_kept,
        data.model_lone_kept_nonverb,
    )


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


def _unjoined_second_copy(text: str, s: int, data: DupData) -> bool:
    """Is the second copy of the doubled character at ``s`` joined to nothing on its right:
    a word of the compact lexicon ends with the first copy and another starts after the
    pair (拒绝 + 绝 + 办卡), the model never saw the copy and the next character side by
    side (their 2-gram count is 0) and no word of jieba's dictionary starts with them?

    A 2-gram the model never saw in millions of characters of edited text and its
    dictionary words is a different thing from a rare one: two words that touch put the
    second copy at the start of the next word (海关 + 关衔, 评标 + 标准), a pair that some
    text or the dictionary writes; a character typed twice at the end of a word leaves the
    copy before a word it makes nothing with, and its one-copy text is a word followed by
    a word (拒绝办卡).
    """
    m = lm.model()
    if m is None or not (_han_at(text, s - 1) and _han_at(text, s + 2)):
        return False
    c, y = text[s], text[s + 2]
    if m.count(c, y) != 0:
        return False
    if not _lexicon_word_ending(text, s, data.extra_words) or not _lexicon_word_at(text, s + 2, data.extra_words):
        return False
    return c + y not in segment.dictionary().freqs(c)


def _unjoined_first_copy(text: str, s: int, data: DupData) -> bool:
    """Is the first copy of the doubled character at ``s`` joined to nothing on its left: a
    word (:func:`_is_word`) ends before the pair and one of the compact lexicon starts with
    the second copy (群众 + 政 + 政策), and the model never saw the character before the pair
    and the copy side by side (their 2-gram count is 0: no text nor dictionary word of the
    model writes them)?  The mirror of :func:`_unjoined_second_copy`; a term that ends with
    the copy (派遣国 + 国旗) is left to the document's term test of the lone copy."""
    m = lm.model()
    if m is None or s < 2 or not (_han_at(text, s - 1) and _han_at(text, s + 2)):
        return False
    if m.count(text[s - 1], text[s]) != 0 or not _lexicon_word_at(text, s + 1, data.extra_words):
        return False
    a = s - 2
    while a >= max(0, s - 4) and _han_at(text, a) and not _is_word(text[a:s], data):
        a -= 1
    return a >= max(0, s - 4) and _han_at(text, a)


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
        # (model-lone-first-meeting: the first copy alone, a use elsewhere where two words
        # meet between the character before it and the copy is no term use, 完成承揽 for
        # 造成承承租人)
        meeting = plain and not right and llr <= data.model_lone_first_meeting
        if llr > max(lone[right], split[right]):
            return False
        # (model-lone-end: the second copy alone at the end of a clause, 确定 + 定。: a
        # character and a mark make no term, so the term test is not asked)
        # (model-lone-allowed-end: the same for a listed pair, 调查 + 查、)
        end_limit = data.model_lone_end if plain else data.model_lone_allowed_end if allowed else -1000.0
        ends = right and llr <= end_limit and text[s + 2 : s + 3] in _CLAUSE_MARKS
        if not ends and _attached(text, s, right, asked, junctions, opening, meeting) and not (
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


#: Legitimate forms of a doubled character that the model's verdict may miss, each behind
#: its own setting (:mod:`.words`): a measure word's or a verb's reduplication (座座高楼,
#: 压压担子), a unit after its determiner (该乡乡长), a particle or prefix after a word
#: ending in it (平等等, 创新新动能), a listed form before a compound (家家门口), VV after 给
#: and its noun (给企业减减负), a state word the cut keeps whole (水清清的), an AA word of the
#: dictionary between characters it makes no word with (他次次都), VV + a V + O word after
#: 请 + someone or a verb of motion (请大家排排队，, 多下去蹲蹲点。), VV + a pronoun closing
#: the clause (多带带他。), VV + O listed whole by the dictionary (透透气).
_ONE_CHARACTER_FORMS: tuple[Callable[[str, int, DupData], bool], ...] = (
    _measure_reduplicated,
    _determined_unit,
    _verb_reduplicated,
    _verb_word,
    _particle_after_word,
    _prefix_after_word,
    _listed_before_compound,
    _after_benefactive,
    _state_word,
    _dictionary_reduplication,
    _verb_compound_after_frame,
    _verb_pronoun_object,
    _vv_object_word,
)


def _legitimate_form(text: str, s: int, n: int, llr: float, allowed: bool, data: DupData) -> bool:
    """Is the pair at ``s`` (a unit of ``n`` characters, scored ``llr`` by the model) a
    legitimate form that silences a pair the model reported: for one character, the function
    word its place asks for after a word ending in it (``model-function-after-word``: 委员会 +
    会 + 进行, 参与 + 与 + 社会) or one of :data:`_ONE_CHARACTER_FORMS`; for two, a verb's ABAB
    at a clause end (再斟酌斟酌。) or after 请 + someone (``pivot-before``: 请老师们指导指导。);
    for either, a verb's reduplication after an adverb that asks for one
    (``reduplicated-after``: 亲自问问。), or a pair inside a long word of jieba's cut
    (``pair-in-word-min``: 本本主义, 掂量掂量)?  Cheapest first, as listed."""
    if n == 1 and (
        (not allowed and llr > data.model_function_after_word and _governs_after_word(text, s, data))
        or any(form(text, s, data) for form in _ONE_CHARACTER_FORMS)
    ):
        return True
    return (
        (n == 2 and (_verb_abab(text, s, data) or _abab_after_pivot(text, s, data)))
        or _after_adverb(text, s, n, data)
        or _pair_in_long_word(text, s, n, data)
    )


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
        # (model-document-wide: the one-copy reading with more context, a character only,
        # beside a word of its copy: a reduplicated verb keeps its copy alone, 压压担子 and
        # 压担子 both read; 常常 + 一起 and 常 + 一起)
        wide = (
            n == 1
            and llr <= data.model_document_wide
            and unit not in data.standalone
            and _beside_word(text, s, data)
        )

        def document_says() -> bool:
            """Does the document write the one-copy reading elsewhere (model-document*)?"""
            if own and _written_elsewhere(text, s, n, data.document_context, asked):
                return True
            return (
                wide
                and _noted(asked, _wide_reading_written, text, s, data.document_wide_context)
                and not _noted(asked, _document_repeats, text, s, data.document_context)
            )

        written = None  # looked for only when the model does not decide
        if llr > limit:  # cheapest first: most candidates are far above (中国国际)
            if not document_says():
                return False
            written = True
        if _exempt(text, s, e, data) and not (n == 1 and (_opens_word(text, s, data) or _closes_word(text, s, data))):
            return False
        # (model-document-aabb: an AABB form is no reduplication where the document writes
        # the one-copy reading, 法规规定的 for 法规规定定的: 规规定定 only looks like one)
        aabb = n == 1 and _aabb(text, s, data.extra_words)
        if aabb and llr <= data.model_document_aabb and unit not in data.standalone:
            aabb = not (
                _noted(asked, _wide_reading_written, text, s, data.document_wide_context)
                and not _noted(asked, _document_repeats, text, s, data.document_context)
            )
        if aabb or (n == 1 and (_reduplicated(text, s, data) or _listed_aabb(text, s, data))):
            return False
        if n == 1 and _parallel(text, s):
            return False
        # (parallel-tail: items AA + x 、 BB + y of a list, 照照镜子、正正衣冠)
        if n == 1 and data.parallel_tail and _parallel_items(text, s, data.parallel_tail):
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
        # (model-lone-unseen-prev: the first copy joined to nothing on its left, 群众 + 政 +
        # 政策: the model never saw 众政)
        if (
            plain
            and -1000.0 < lone[0] < data.model_lone_unseen_prev
            and llr <= data.model_lone_unseen_prev
            and _unjoined_first_copy(text, s, data)
        ):
            lone = (data.model_lone_unseen_prev, lone[1])
        # (model-lone-unseen-next: the second copy joined to nothing on its right, 拒绝 + 绝 +
        # 办卡: the model never saw 绝办)
        if (
            plain
            and -1000.0 < lone[1] < data.model_lone_unseen_next
            and llr <= data.model_lone_unseen_next
            and _unjoined_second_copy(text, s, data)
        ):
            lone = (lone[0], data.model_lone_unseen_next)
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
        ) or (
            # (model-conjunction-pair: one copy alone beside a conjunction of the other, 及 +
            # 及其, 以及 + 及: two conjunctions in a row)
            n == 1
            and not allowed
            and llr <= data.model_conjunction_pair
            and _conjunctions_in_a_row(text, s)
        )
        reported = bool(
            written
            or (
                llr <= limit
                and (
                    function_alone
                    or _by_model(text, s, n, bound, llr, familiar, allowed, lone, unseen, data, asked, split)
                    # (model-lone-kept: the second copy squeezed between the two words of the
                    # one-copy text, 造成 + 成 + 人身, whatever the lone copy's tests say; asked
                    # last: the cut loads the dictionary)
                    or (plain and llr <= data.model_lone_kept and _kept_apart(text, s))
                    # (model-lone-kept-nonverb: the same where the copy is no verb, or a verb
                    # after a verb, 群体 + 体 + 保障性, nor an adjective before a noun, 健全 +
                    # 全流程; cheapest first: words of the compact lexicon on each side, then
                    # the cut)
                    or (
                        plain
                        and llr <= data.model_lone_kept_nonverb
                        and _lexicon_word_ending(text, s, data.extra_words)
                        and _lexicon_word_at(text, s + 2, data.extra_words)
                        and _kept_apart(text, s)
                        and _cut_alone(text, s, s + 1, verb=True)
                        and not _modifier_before_noun(text, s)
                    )
                )
                and not _touching(text, s, n, data, asked)
                and not (n == 1 and _noted(asked, _document_repeats, text, s, data.document_context))
            )
            or (written is None and document_says())
        )
        # asked last: the cut loads the dictionary
        return reported and not _legitimate_form(text, s, n, llr, allowed, data)
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
