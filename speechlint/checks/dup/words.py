"""Word structure around a candidate: the compact lexicon, jieba's segmentation and its tags."""

from __future__ import annotations

from ... import segment
from ...document import is_han
from .data import Crosses, DupData

#: How far (in characters) around a candidate words and patterns are looked for.
_REACH = 8


def _han_run(text: str, s: int, e: int) -> tuple[int, int]:
    """The stretch of Han characters around ``[s, e)``, at most ``_REACH`` further each way."""
    lo = s
    while lo > 0 and s - lo < _REACH and is_han(text, lo - 1):
        lo -= 1
    hi = e
    while hi < len(text) and hi - e < _REACH and is_han(text, hi):
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


def _closes_word(text: str, s: int, data: DupData) -> bool:
    """Is the doubled character at ``s`` one of ``exempt-unless-after-word``, with none of
    the characters of ``exempt-unless-word`` beside the pair, whose second copy jieba's
    segmentation leaves alone after a word ended by the first (之一 + 一 + 的, 第一 + 一 +
    条; not 唯一 + 一个, 其中之一 + 一直: the second copy opens a word; not “十五五”)?

    A digit standing alone counts nothing: it needs a measure word or a unit after it, and
    the word before already holds the digit.  The pair is judged as any other."""
    chars = data.exempt_unless_word
    if text[s] not in data.exempt_unless_after_word:
        return False
    if (s > 0 and text[s - 1] in chars) or (s + 2 < len(text) and text[s + 2] in chars):
        return False
    spans = _cut(text, s)
    return (s + 1, s + 2) in spans and any(a < s and b == s + 1 for a, b in spans)


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


def _beside_word(text: str, s: int, data: DupData) -> bool:
    """Does a word of the compact lexicon (or a listed word) end with the first copy of the
    doubled character at ``s`` or start with the second (治理 + 理, 深 + 深入)?"""
    crosses = _lexicon_crosses(text, max(0, s - 3), min(len(text), s + 5), data.extra_words)
    return crosses(s) or crosses(s + 2)


def _han_at(text: str, i: int) -> bool:
    return 0 <= i < len(text) and is_han(text, i)


def _alnum_at(text: str, i: int) -> bool:
    """Is ``text[i]`` a digit or a letter (no Han character)?  Those make terms with a Han
    character beside them (2024年, A股, 5G): unlike punctuation, no edge of a word."""
    return 0 <= i < len(text) and text[i].isalnum() and not is_han(text, i)


def _punctuation_at(text: str, i: int) -> bool:
    """Is ``text[i]`` neither a Han character, a digit nor a letter (or outside the text)?"""
    return not (_han_at(text, i) or _alnum_at(text, i))


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


def _conjunctions_in_a_row(text: str, s: int) -> bool:
    """Does jieba's cut leave one copy of the doubled conjunction at ``s`` (jieba's tag c) a
    word of its own beside a conjunction (two characters at least) that the other copy
    belongs to: the first copy before it (及 + 及其, 但 + 但是, 及 + 及时) or the second after
    it (以及 + 及)?

    A conjunction joins what stands on each side of it; two conjunctions in a row join
    nothing between them, so one copy was typed twice.  Not a preposition (与 + 与其有关的
    reads 与 + [与其有关的 ...]: with what concerns it) nor 可以 + 以 (以, a preposition,
    opens 以合理价格).
    """
    d = segment.dictionary()
    if (d.tag(text[s]) or "x")[0] != "c":
        return False
    cut = _cut(text, s)
    if (s, s + 1) in cut:
        other = _word_starting(text, cut, s + 1)
    elif (s + 1, s + 2) in cut:
        other = _word_ending(text, cut, s + 1)
    else:
        return False
    return len(other) > 1 and (d.tag(other) or "x")[0] == "c"


def _lexicon_word_at(text: str, a: int, extra: frozenset[str]) -> bool:
    """Does a word of the compact lexicon (or a listed word) of 2–4 characters start at ``a``?"""
    lex = segment.lexicon().known
    return any(lex[text[a:b]] or text[a:b] in extra for b in range(a + 2, min(len(text), a + 4) + 1))


def _lexicon_word_ending(text: str, e: int, extra: frozenset[str]) -> bool:
    """Does a word of the compact lexicon (or a listed word) of 2–4 characters end with the
    character at ``e``?  The mirror of :func:`_lexicon_word_at`."""
    lex = segment.lexicon().known
    return any(lex[text[a : e + 1]] or text[a : e + 1] in extra for a in range(max(0, e - 3), e))


def _determined_unit(text: str, s: int, data: DupData) -> bool:
    """Is the doubled character at ``s`` a unit after a determiner (``unit-determiners``)
    whose second copy opens a word with the next character: 该乡 + 乡长, 各所 + 所长, 本台 +
    台长?  Determiner + unit + a word of that unit is ordinary Chinese ("that township's
    head"), and the one-copy text (该乡长) is too: the pair gives no sign of a slip.  In
    jieba's cut the determiner stands alone (not 基本 + 本质, 资本 + 本金, 本法 + 法规定)
    and a word starts at the second copy whose second character names the unit's head or
    members (``unit-heads``: 乡长, 村委, 村民; not 各单 + 单位, 该约 + 约定, where the one-copy
    text is the plain phrase), or a noun of ``unit-compound-min`` characters at least (各班 +
    班主任)."""
    if s < 1 or text[s - 1] not in data.unit_determiners:
        return False
    head = text[s + 2 : s + 3] in data.unit_heads
    if not head and not data.unit_compound_min:
        return False
    cut = _cut(text, s)
    if (s - 1, s) not in cut:
        return False
    word = _word_starting(text, cut, s + 1)
    if head:
        return len(word) >= 2
    # (unit-compound-min: a noun of three characters at least that the unit opens, the
    # unit + a word, names a person or a part of that unit, 各班 + 班 + 主任, 各村 + 村 +
    # 支书; a slip inside a word of two characters leaves a word of two, 各单 + 单位)
    # (the rest of the noun a word itself, 主任: not 该标 + 标的物, where 的物 is none)
    return (
        len(word) >= data.unit_compound_min
        and (segment.dictionary().tag(word) or "x")[0] == "n"
        and _is_word(word[1:], data)
    )


def _measure_reduplicated(text: str, s: int, data: DupData) -> bool:
    """Is the doubled character at ``s`` a measure word (``measure-tags``) reduplicated
    before a noun, after the numeral 一 or at the start of a clause (一张张笑脸, 一盏盏路灯,
    座座高楼拔地而起)?  That AA form means "each" or "one after another"; a slip needs the
    second copy to open a word with the character after it (一个个人, 项项目: judged as
    usual), so the pair must make no word with it.  The cost: a slip of this very shape (一名
    + 名 + 董事) goes unreported."""
    if not data.measure_tags:
        return False
    if not _han_at(text, s + 2) and not _closing_after_yi(text, s, data):
        return False
    if not (text[s - 1 : s] == "一" or _punctuation_at(text, s - 1) or _after_noun(text, s, data)):
        return False
    d = segment.dictionary()
    # (numeral-measure-tags: after 一, a character jieba tags as a verb or so but whose word
    # with 一 is a numeral-measure word, 一遍 + 遍, 一趟 + 趟; not a noun nor a numeral, which
    # makes a noun phrase with 一: 另一方 + 方当事人, 第一款 + 款)
    measure = d.tag(text[s]) in data.measure_tags or (
        text[s - 1 : s] == "一"
        and (d.tag(text[s]) or "n")[0] not in "nm"
        and d.tag(text[s - 1 : s + 1]) in data.numeral_measure_tags
    )
    return measure and not _is_word(text[s + 1 : s + 3], data)


def _closing_after_yi(text: str, s: int, data: DupData) -> bool:
    """Is the doubled character at ``s`` after the numeral 一 a clause of its own
    (``measure-at-clause-end``: 一件件、一桩桩，都是实实在在的变化)?  The distributive form
    stands alone in a list of them; after another word 一 + the character is one word and
    the character typed twice (高一些些，, 第一条条，)."""
    return (
        data.measure_at_clause_end
        and text[s - 1 : s] == "一"
        and (s == 1 or _punctuation_at(text, s - 2))
        and text[s + 2 : s + 3] in _CLAUSE_MARKS
    )


def _after_noun(text: str, s: int, data: DupData) -> bool:
    """Does jieba's cut leave the doubled character at ``s`` a word of its own (each copy, or
    the pair) after a word of two characters at least tagged as a noun, a place or a
    localizer (``measure-after-tags``: 新城区 + 座 + 座 + 高楼)?  A measure word doubled after
    the noun it counts is the distributive form ("every one of them"); a slip inside a word
    leaves the first copy the end of that word (文件 + 件), which the cut shows."""
    if not data.measure_after_tags:
        return False
    cut = _cut(text, s, to_pair=True)
    if not ((s, s + 1) in cut and (s + 1, s + 2) in cut) and (s, s + 2) not in cut:
        return False
    before = _word_ending(text, cut, s)
    return len(before) >= 2 and segment.dictionary().tag(before) in data.measure_after_tags


def _predicate_pair(text: str, cut: list[tuple[int, int]], s: int, data: DupData) -> bool:
    """Does the doubled character at ``s`` stand in jieba's cut as a predicate does: its
    first copy opens a token (alone, or the pair as one word: 压 + 压担子, 晒晒 + 成绩单)
    after a word of two characters at least, a ``standalone`` character, a particle, a
    conjunction, a preposition, a pronoun or a localizer (jieba's tags u, c, p, r, f), or no Han text
    (干部 + 压压, 要 + 练练, 院子里 + 晒晒, ，+ 提提); or it ends such a function word (来说 +
    说, where 来 + 说说 is meant)?

    A slip inside a word leaves the first copy the end of a content word (确定 + 定) or
    after a single character that makes a term with it, which the dictionary may lack (分 +
    编编, 升 + 挂挂, 感 + 谢谢)."""
    d = segment.dictionary()
    for a, b in cut:
        if a <= s < b:
            if a != s:
                return (d.tag(text[a:b]) or "x")[0] in _LINKING_TAGS
            before = _word_ending(text, cut, s)
            return (
                len(before) != 1
                or before in data.standalone
                or (d.tag(before) or "x")[0] in _PREDICATE_FRAME_TAGS
            )
    return False


#: jieba's tags (the first letter) of the single-character words a verb's reduplication may
#: follow: particles, conjunctions, prepositions, pronouns, localizers (来说 + 说, 把 + 压压,
#: 你 + 说说, 院子里 + 晒晒).
_PREDICATE_FRAME_TAGS = frozenset("ucprf")


def _verb_reduplicated(text: str, s: int, data: DupData) -> bool:
    """Is the doubled character at ``s`` a one-syllable verb (``reduplicated-verb-object``:
    jieba's tags) reduplicated before its object, a noun of two characters at least that
    closes the clause (压压 + 担子，, 晒晒 + 成绩单，, 练练 + 内功，, 晒晒 + 太阳、), or at
    the end of a clause (``reduplicated-verb-end``: 大家都来说说，, 评评，提提，)?

    VV ("do a little") is everyday Chinese in a speech and rare in reports and laws, so the
    model finds the one-copy text likelier; jieba's dictionary even holds V + O words (压担子,
    晒太阳) that make the second copy look like the start of a word.  The pair must stand as
    a predicate in jieba's cut (:func:`_predicate_pair`).  A slip of a verb's character
    inside a word leaves a word of the compact lexicon made of the second copy and the next
    character (推 + 推进, 落 + 落实, 提 + 提高素质: judged as usual), and a word the second
    copy opens is part of a longer noun phrase more often than an object closing the clause
    (动 + 动植物 + 分布区, 无 + 无障碍 + 环境, 禁 + 禁渔区 + 线).  Not the ``standalone``
    characters (要要, 是是).  The cost: a one-syllable verb typed twice before a noun that
    closes the clause, the very shape of VV + O (解解难事，), goes unreported."""
    c = text[s]
    if c in data.standalone:
        return False
    tag = segment.dictionary().tag(c)
    at_end = text[s + 2 : s + 3] in _CLAUSE_MARKS
    # (reduplicated-after-object: after an adverb of reduplicated-after a character doubled
    # before its object is VV + object whatever jieba tags it: 经常照照镜子，, 照 n)
    verb = tag in data.reduplicated_verb_object or (
        data.reduplicated_after_object and (tag or "x")[0] != "u" and _adverb_before(text, s, data)
    )
    if not ((at_end and tag in data.reduplicated_verb_end) or (verb and _han_at(text, s + 2))):
        return False
    cut = _cut(text, s)
    if not _predicate_pair(text, cut, s, data):
        return False
    if at_end:
        return True
    d = segment.dictionary()
    lex = segment.lexicon().known
    for b in range(s + 3, min(len(text), s + 5) + 1):
        w = text[s + 1 : b]
        if (lex[w] or w in data.extra_words) and not (len(w) >= 3 and (d.tag(w[1:]) or "x")[0] == "n"):
            return False  # 推 + 推进, 提 + 提高: the second copy opens a word (晒 + 太阳 is V + O)
    for a, b in cut:
        if a in (s + 1, s + 2) and b > s + 2:  # the object, or V + O as a word of the cut
            obj = text[s + 2 : b]
            return len(obj) >= 2 and (d.tag(obj) or "x")[0] == "n" and not _han_at(text, b)
    return False


def _verb_word(text: str, s: int, data: DupData) -> bool:
    """Does jieba's cut keep the doubled character at ``s`` as one word, the pair, that its
    dictionary tags as a verb (``reduplicated-verb-word``: 评评, 晒晒, 查查), standing as a
    predicate (:func:`_predicate_pair`: 让群众 + 评评 + 我们的工作)?

    The dictionary lists the verb's reduplication VV as a word of its own, and the cut
    chose it over the words the second copy could open (评 + 评估 is cut so, and judged as
    usual); a word of the dictionary the second copy opens all the same is V + O that the
    cut missed (随时调 + 调取: a slip, judged as usual), and so is a single character the cut
    leaves alone after the pair (、采 + 采砂、: the dictionary lacks 采砂).  Only after a
    subject or an adverb (:func:`_subject_before`).  Not the ``standalone`` characters."""
    if not data.reduplicated_verb_word or text[s] in data.standalone:
        return False
    cut = _cut(text, s)
    return (
        (s, s + 2) in cut
        and segment.dictionary().tag(text[s : s + 2]) in data.reduplicated_verb_word
        and _predicate_pair(text, cut, s, data)
        and not _longer_word_at(text, s + 1, s + 2, data)
        and (len(_word_starting(text, cut, s + 2)) >= 2 or _punctuation_at(text, s + 2))
        and _subject_before(text, cut, s, data)
    )


#: jieba's tags (the first letter) of the words a VV word of the dictionary follows as its
#: subject or its adverb (群众 + 评评, 你们 + 查查, 随时 + 查查): nouns, pronouns, adverbs.
_SUBJECT_FRAME_TAGS = frozenset("nrd")


def _subject_before(text: str, cut: list[tuple[int, int]], s: int, data: DupData) -> bool:
    """Is the word of ``cut`` before the doubled character at ``s`` a noun, a pronoun or an
    adverb (:data:`_SUBJECT_FRAME_TAGS`), a ``standalone`` character (要), or is there no Han
    text before the pair?  After an adjective or a verb a VV word of the dictionary is
    rather a copy typed twice in a term (健全 + 防防 + 返贫: 防返贫)."""
    before = _word_ending(text, cut, s)
    if not before:
        return True
    return before in data.standalone or (segment.dictionary().tag(before) or "x")[0] in _SUBJECT_FRAME_TAGS


def _after_benefactive(text: str, s: int, data: DupData) -> bool:
    """Is the doubled character at ``s`` a verb's VV after a preposition of
    ``benefactive-before`` (给) and its noun or pronoun, before a word of two characters
    the second copy opens that closes the clause (给企业 + 减 + 减负。, 给群众 + 办 + 办事。)?

    "给 + someone" asks for the predicate done for them, and VV + its object there is
    "do a little for them"; the V + O word the second copy opens (减负, 办事) made the pair
    look like a slip.  The cost: a character typed twice there (给企业办办理。), the very
    same shape.  Not the ``standalone`` characters."""
    if not data.benefactive_before or text[s] in data.standalone or text[s + 3 : s + 4] not in _CLAUSE_MARKS:
        return False
    cut = _cut(text, s, to_pair=True)
    before = _word_ending(text, cut, s)
    at = s - len(before)
    if len(before) < 2 or (segment.dictionary().tag(before) or "x")[0] not in "nr":
        return False
    if text[at - 1 : at] not in data.benefactive_before or (at - 1, at) not in cut:
        return False
    return (s + 1, s + 3) in _cut(text, s) and _is_word(text[s + 1 : s + 3], data)


def _verb_abab(text: str, s: int, data: DupData) -> bool:
    """Is the doubled two-character unit at ``s`` a verb (``reduplicated-verb-end``: jieba's
    tags) reduplicated at the end of a clause, ABAB "do a little" (再斟酌斟酌。, 把思想统一统一。,
    请你们调研调研。), each copy a word of jieba's cut?

    Any two-character verb takes this form in speech, far beyond the listed ones (研究研究);
    a word typed twice is a copy of the word its neighbours belong with, rarely a verb
    closing its clause.  The pair must follow what a predicate follows: an adverb, a
    conjunction, a pronoun, a particle, a preposition, a localizer, 们, a ``standalone``
    character (再, 还要, 你们, 要), 来 or 去 (多去看望看望。), or the object of 把 or 将
    earlier in the clause (把思想 +
    统一统一); after a plain noun the verb may close a noun phrase (乡村振兴振兴，: a slip).
    The cost: a verb typed twice at the end of a clause after such a word, the very same
    shape (要贯彻落实落实。), goes unreported."""
    unit = text[s : s + 2]
    d = segment.dictionary()
    if text[s + 4 : s + 5] not in _CLAUSE_MARKS or d.tag(unit) not in data.reduplicated_verb_end:
        return False
    cut = _cut(text, s)
    if (s, s + 2) not in cut or (s + 2, s + 4) not in cut:
        return False
    before = _word_ending(text, cut, s)
    if not before or before in data.standalone or before in "来去" or (d.tag(before) or "x")[0] in _ABAB_FRAME_TAGS:
        return True  # (来, 去: the verb of motion before the purpose, 多去看望看望。)
    return any(text[a:b] in _DISPOSAL for a, b in cut if b <= s)


#: jieba's tags (the first letter) of the words after which a verb's ABAB stands as a
#: predicate (:func:`_verb_abab`): adverbs, conjunctions, pronouns, particles, prepositions,
#: localizers, 们 (k).
_ABAB_FRAME_TAGS = frozenset("dcrupfk")
#: The prepositions that put the object before the verb (把思想 + 统一统一).
_DISPOSAL = frozenset(("把", "将"))


def _after_adverb(text: str, s: int, n: int, data: DupData) -> bool:
    """Is the doubled unit at ``s`` (``n`` characters, one or two) at the end of a clause
    right after one of ``reduplicated-after`` (亲自, 再, 多, 常, 先), a word of jieba's
    cut of the text before the pair (局长要亲自 + 问问。, 我们再 + 议议。, 请你们再 + 核实核实。)?

    Such an adverb asks for a predicate after it, and a unit doubled there that closes the
    clause is the verb's reduplication, "do a little", whatever jieba tags the unit (问 n, 议
    zg, 核实 n) or however it cuts the pair (再议 + 议).  The cut of the text before the pair
    alone must end with the adverb as a word (not 非常 + 常常, 正常 + 常).  Not the
    ``standalone`` characters nor the particles (jieba's tag u: 再了了。).  The cost: a verb
    typed twice after such an adverb at the end of a clause (再议议。 for 再议。), the very
    same shape."""
    if not data.reduplicated_after or n > 2 or text[s + 2 * n : s + 2 * n + 1] not in _CLAUSE_MARKS:
        return False
    unit = text[s : s + n]
    if unit in data.standalone or (segment.dictionary().tag(unit) or "x")[0] == "u":
        return False
    return _adverb_before(text, s, data)


def _adverb_before(text: str, s: int, data: DupData) -> bool:
    """Does one of ``reduplicated-after`` end right before ``s``, a word of jieba's cut of
    the Han text before ``s`` alone (亲自 + 问问, 再 + 议议; not 非常 + 常常)?"""
    lo, _hi = _han_run(text, s, s)
    starts = {lo + a for a, _b, _freq in segment.tokens(text[lo:s])}
    return any(text[s - len(w) : s] == w and s - len(w) in starts for w in data.reduplicated_after)


def _particle_after_word(text: str, s: int, data: DupData) -> bool:
    """Is the doubled character at ``s`` a particle (``particle-after-word``, jieba's tag u)
    whose second copy jieba's cut leaves alone after a word ending in the first (平等 + 等:
    自由、平等等，, 自由平等等基本价值)?

    等 closes a list ("and so on") after any word, one that ends in 等 too (平等, 同等, 对等),
    and the one-copy text reads as well, so the pair gives no sign of a slip.  The second
    copy must open no word of the compact lexicon with the next character (平等等级, 平等等待:
    judged as usual).  The cost: 等 typed twice after such a word, the very same shape."""
    c = text[s]
    if c not in data.particle_after_word or (segment.dictionary().tag(c) or "x")[0] != "u":
        return False
    cut = _cut(text, s)
    return (
        (s + 1, s + 2) in cut
        and len(_word_ending(text, cut, s + 1)) >= 2
        and not _lexicon_word_at(text, s + 1, data.extra_words)
    )


def _prefix_after_word(text: str, s: int, data: DupData) -> bool:
    """Is the doubled character at ``s`` a prefix (``prefix-after-word``: 新) whose second
    copy jieba's cut leaves alone between a word of two characters at least ending in the
    first (创新, 更新) and a noun of two characters at least (jieba's tag n: 科技创新 + 新 +
    动能)?

    新 + a noun makes a new term of speech as the need arises (新动能, 新业态, 新赛道), far
    more often than jieba's dictionary lists them (新机制 is listed, and 创新新机制 is not
    reported for it); the word before that ends in 新 is a word of its own.  The cost: 新
    typed twice after such a word before a noun, the very same shape."""
    if text[s] not in data.prefix_after_word:
        return False
    cut = _cut(text, s)
    after = _word_starting(text, cut, s + 2)
    return (
        (s + 1, s + 2) in cut
        and len(_word_ending(text, cut, s + 1)) >= 2
        and len(after) >= 2
        and (segment.dictionary().tag(after) or "x") == "n"
    )


def _listed_before_compound(text: str, s: int, data: DupData) -> bool:
    """Is the pair at ``s`` a form of ``allow`` opening a clause (``listed-before-compound``)
    whose second copy opens a word of jieba's cut of three characters at least, the rest of
    which is a word itself (家家 + 家门口: 家 + 门口)?

    A distributive form (家家, 人人, 处处: "every") opens a clause before its noun, and a
    noun made of the character and another word (家门口) reads both ways: "every home's
    doorstep".  A slip inside a word of two characters leaves a single character after the
    copy (家家庭: 庭), judged as usual.  Not after the enumeration comma 、, in a list of
    terms where the noun alone is an item (不设区的市、市市辖区: a slip).  The cost: a listed
    character typed twice before such a word at the start of a clause, the very same shape."""
    if not data.listed_before_compound or text[s : s + 2] not in data.allowed or not _punctuation_at(text, s - 1):
        return False
    if text[s - 1 : s] == "、":  # an item of a list of terms (不设区的市、市 + 市辖区): the noun alone
        return False
    return any(
        a == s + 1 and b - a >= 3 and _is_word(text[s + 2 : b], data) for a, b in _cut(text, s)
    )


def _state_word(text: str, s: int, data: DupData) -> bool:
    """Does jieba's cut keep the doubled character at ``s`` inside a word of three characters
    at least tagged as a state word (``state-word-tags``: 清清的, 红红的, 沉甸甸, 亮堂堂)?

    An adjective's AA + 的 and the ABB forms are state words that jieba's dictionary lists
    whole; the model may still prefer one copy where the character before makes a common
    pair with it (水清 in 水清清的).  A slip leaves the copies in the words around it."""
    if not data.state_word_tags:
        return False
    d = segment.dictionary()
    return any(
        a <= s and s + 2 <= b and b - a >= 3 and d.tag(text[a:b]) in data.state_word_tags for a, b in _cut(text, s)
    )


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


def _modifier_before_noun(text: str, s: int) -> bool:
    """Is the doubled character at ``s`` an adjective or a distinguishing word (jieba's tags
    a, b) and the word of jieba's cut after the pair a noun (n)?  Such a copy modifies the
    noun after it, after a word ending in it too (健全 + 全流程: whole-process; 创新 + 新动能),
    where the model, knowing the new compound little, finds the one-copy text likelier."""
    d = segment.dictionary()
    if (d.tag(text[s]) or "x")[0] not in "ab":
        return False
    after = _word_starting(text, _cut(text, s), s + 2)
    return len(after) >= 2 and (d.tag(after) or "x")[0] == "n"


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


def _pair_in_long_word(text: str, s: int, n: int, data: DupData) -> bool:
    """Does jieba's cut keep the pair at ``s`` (a unit of ``n`` characters, both copies)
    inside one word of ``pair-in-word-min`` characters at least (本本主义, 掂量掂量)?

    The dictionary lists set phrases with a reduplicated character (本本主义, 津津乐道) and
    the ABAB forms of some verbs (掂量掂量) whole, and the cut chose that word over the words
    around it: a character or a word typed twice makes such a long word of the dictionary
    by chance only.  The model may still find one copy likelier, the phrase being rare in
    edited text.  The cost: a slip that happens to make such a word."""
    if not data.pair_in_word_min:
        return False
    return any(a <= s and s + 2 * n <= b and b - a >= data.pair_in_word_min for a, b in _cut(text, s))


def _dictionary_reduplication(text: str, s: int, data: DupData) -> bool:
    """Is the pair at ``s`` one word of jieba's cut that its dictionary lists at least
    ``reduplicated-word-freq`` times (not a particle), neither copy making a word with its
    outer neighbour (他 + 次次 + 都, 讲话 + 字字 + 千钧, 的 + 殷殷 + 嘱托)?

    Such AA words (次次 "every time", 字字 "every word", 殷殷 "earnest") are reduplications
    of speech that reports seldom write, so the model prefers one copy.  A character typed
    twice inside a word leaves that word made of one copy and its neighbour (生活 + 活,
    认 + 真真: judged as usual), and the dictionary lists no AA of a function word typed
    twice (很很, 都都).  Not the ``standalone`` characters.  The cost: a one-character word
    typed twice whose AA the dictionary lists, between characters it makes no word with."""
    if not data.reduplicated_word_freq or text[s] in data.standalone:
        return False
    d = segment.dictionary()
    pair = text[s : s + 2]
    if d.freq(pair) < data.reduplicated_word_freq or (d.tag(pair) or "x")[0] == "u":
        return False
    if any(_is_word(text[a : s + 1], data) for a in range(max(0, s - 3), s)):
        return False
    if any(_is_word(text[s + 1 : b], data) for b in range(s + 3, min(len(text), s + 5) + 1)):
        return False
    cut = _cut(text, s)
    if (s, s + 2) not in cut:
        return False
    # (a single character beside the pair in the cut may make a word with the copy that the
    # dictionary lacks, 共 + 治治 for 共治, 每每 + 一 for 每一: before the pair only a pronoun,
    # a particle, a preposition or a conjunction, after it also an adverb, 他 + 次次 + 都)
    before = _word_ending(text, cut, s)
    after = _word_starting(text, cut, s + 2)
    return _frame_word(before, _LEFT_FRAME_TAGS) and _frame_word(after, _RIGHT_FRAME_TAGS)


#: jieba's tags (the first letter) of a single character beside a pair of
#: :func:`_dictionary_reduplication`, before it and after it.
_LEFT_FRAME_TAGS = frozenset("rupc")
_RIGHT_FRAME_TAGS = frozenset("rupcd")


def _frame_word(word: str, tags: frozenset[str]) -> bool:
    """Is ``word`` (a token of jieba's cut beside a pair; "" where none) no single character,
    or one that jieba tags as one of ``tags``?"""
    return len(word) != 1 or (segment.dictionary().tag(word) or "x")[0] in tags


#: jieba's tags (the first letter) of the words between a verb of ``pivot-before`` and the
#: pair: nouns, pronouns, numerals, places, localizers, 们 (请 + 大家, 请 + 专家 + 们, 到 +
#: 一线, 到 + 基层).
_PIVOT_OBJECT_TAGS = frozenset("nrmsfk")


def _after_pivot(text: str, cut: list[tuple[int, int]], s: int, data: DupData) -> bool:
    """Do one to three words of ``cut`` tagged as :data:`_PIVOT_OBJECT_TAGS` stand between a
    verb of ``pivot-before`` (a word of the cut) and ``s`` (请 + 专家 + 们 + s)?"""
    d = segment.dictionary()
    at = s
    for _ in range(3):
        word = _word_ending(text, cut, at)
        if not word or (d.tag(word) or "x")[0] not in _PIVOT_OBJECT_TAGS:
            return False
        at -= len(word)
        if at != s and _word_ending(text, cut, at) in tuple(data.pivot_before):
            return True
    return False


def _verb_compound_after_frame(text: str, s: int, data: DupData) -> bool:
    """Is the doubled character at ``s`` a verb (jieba's tag v) reduplicated before a
    two-character word of jieba's cut that its second copy opens, closing the clause (排 +
    排队，, 蹲 + 蹲点。, 练 + 练兵、), after a verb that asks for a predicate next: one of
    ``pivot-before`` and its noun (请大家 + 排排队, 到一线 + 练练兵) or a verb of motion,
    one of ``motion-before`` (下去 + 蹲蹲点; not 带来 + 变 + 变数)?

    The word opened by the second copy is V + O (排队, 蹲点, 练兵), and VV + O "do a little"
    after 请 + someone or a verb of motion is everyday speech; the V + O word made the pair
    look like a slip (推 + 推进).  Not the ``standalone`` characters.  The cost: a verb's
    character typed twice there, before a word closing the clause (请大家落落实。), the very
    same shape."""
    if not (data.pivot_before or data.motion_before) or text[s] in data.standalone:
        return False
    if text[s + 3 : s + 4] not in _CLAUSE_MARKS or (segment.dictionary().tag(text[s]) or "x")[0] != "v":
        return False
    cut = _cut(text, s)
    if (s, s + 1) not in cut or (s + 1, s + 3) not in cut:
        return False
    if _word_ending(text, cut, s) in data.motion_before:
        return True
    return bool(data.pivot_before) and _after_pivot(text, cut, s, data)


def _abab_after_pivot(text: str, s: int, data: DupData) -> bool:
    """Is the doubled two-character unit at ``s`` ABAB closing the clause after a verb of
    ``pivot-before`` and its noun (请专家们 + 论证论证。, 请老师们 + 指导指导。), each copy a
    word of jieba's cut?

    请 + someone asks for a predicate next, so the unit is a verb whatever jieba tags it
    (论证 n, 指导 n: :func:`_verb_abab` asks for a verb's tag).  The cost: a word typed twice
    there closing the clause, the very same shape."""
    if not data.pivot_before or text[s + 4 : s + 5] not in _CLAUSE_MARKS:
        return False
    cut = _cut(text, s)
    return (s, s + 2) in cut and (s + 2, s + 4) in cut and _after_pivot(text, cut, s, data)


def _verb_pronoun_object(text: str, s: int, data: DupData) -> bool:
    """Is the doubled character at ``s`` a verb (jieba's tag v) reduplicated before a pronoun
    (jieba's tag r) that closes the clause (``reduplicated-pronoun-object``: 多带带他。,
    帮帮我们，, 劝劝他们。), standing as a predicate (:func:`_predicate_pair`) or after an
    adverb of ``reduplicated-after`` (多 + 带带他)?

    VV + a pronoun as its object is "do a little for/to someone", everyday speech; the
    model finds one copy likelier, edited text rarely addressing anyone so.  A slip of a
    verb's character inside a word leaves the second copy opening that word (关 + 关心他们:
    judged as usual).  Not the ``standalone`` characters.  The cost: a one-character verb
    typed twice before a pronoun closing the clause (告诉诉他), where no word follows the
    second copy."""
    if not data.reduplicated_pronoun_object or text[s] in data.standalone:
        return False
    d = segment.dictionary()
    if (d.tag(text[s]) or "x")[0] != "v" or _lexicon_word_at(text, s + 1, data.extra_words):
        return False
    cut = _cut(text, s)
    if (s + 1, s + 2) not in cut and (s, s + 2) not in cut:
        return False
    after = _word_starting(text, cut, s + 2)
    return (
        bool(after)
        and (d.tag(after) or "x")[0] == "r"
        and text[s + 2 + len(after) : s + 3 + len(after)] in _CLAUSE_MARKS
        and (_predicate_pair(text, cut, s, data) or _adverb_before(text, s, data))
    )


def _vv_object_word(text: str, s: int, data: DupData) -> bool:
    """Does jieba's cut keep the doubled character at ``s`` as the start of a word of three
    characters, AAB, whose AB is a word of the dictionary and whose A a verb (jieba's tag v)
    (``vv-object-word``: 透透气, 解解闷, 歇歇脚), or as a verb AA of the dictionary and B
    alone closing the clause (碰碰 + 头，)?

    The dictionary lists some VV + object forms whole, and the cut chose them over the
    words around; ABB forms (一般般, 时清清) are left to the model, a character typed twice
    at the end of a word making them as easily.  Not the ``standalone`` characters.  The
    cost: a verb's character typed twice before a word it opens, where the dictionary
    happens to list the result (看看书)."""
    if not data.vv_object_word or text[s] in data.standalone:
        return False
    d = segment.dictionary()
    if (d.tag(text[s]) or "x")[0] != "v" or not _is_word(text[s + 1 : s + 3], data):
        return False
    cut = _cut(text, s)
    if (s, s + 3) in cut:
        return True
    # (or the cut keeps VV a verb of the dictionary, at least dict-sure-freq, and B alone
    # closing the clause: 碰碰 + 头，; not 落落 + 实。, a VV the dictionary hardly knows, nor
    # 整整 (vn) + 理、, an item of a list of terms)
    return (
        (s, s + 2) in cut
        and (s + 2, s + 3) in cut
        and text[s + 3 : s + 4] in _CLAUSE_MARKS
        and text[s + 3 : s + 4] != "、"
        and d.tag(text[s : s + 2]) == "v"
        and d.freq(text[s : s + 2]) >= max(1, data.dict_sure_freq)
    )
