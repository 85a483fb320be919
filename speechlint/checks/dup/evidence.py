"""The document's own evidence: terms, one-copy readings and doublings written elsewhere in it."""

from __future__ import annotations

import re
from collections.abc import Callable

from ... import lm, segment
from ...document import HAN_RUN
from .data import Asked, DupData
from .words import (
    _LINKING_TAGS,
    _cut,
    _han_at,
    _han_run,
    _punctuation_at,
    _word_ending,
    _word_starting,
)

#: How far (in characters) before and after a candidate the document is searched for its
#: one-copy reading: a long speech, without a quadratic cost on a 10 MB file.
_DOCUMENT_REACH = 20_000


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


def _wide_reading_written(text: str, s: int, k: int) -> bool:
    """Does the document write, elsewhere, the one-copy reading of the doubled character at
    ``s`` with ``k`` characters of its text around it, at least two on each side?

    A law or a report writes its phrases again and again: 担任团级职务 here and 担任团团级职务
    there is a slip.  A reading six characters long seldom comes back by chance, so this
    holds where two characters each side (``model-document``) would also match the rare
    pair of two words that touch written once with one copy (临时股东会议 beside 股东会会议).
    The candidate itself holds the two-copy reading, so every match is elsewhere.
    """
    for left in range(2, k - 1):
        right = k - left
        if s >= left and s + 2 + right <= len(text):
            one = text[s - left : s + 1] + text[s + 2 : s + 2 + right]
            if _written_near(text, s, one):
                return True
    return False


def _attached(
    text: str,
    s: int,
    right: bool,
    asked: Asked | None = None,
    junctions: bool = False,
    opening: bool = False,
    meeting: bool = False,
) -> bool:
    """:func:`_used_in_term`, its answer noted in ``asked`` when given."""
    return _noted(asked, _used_in_term, text, s, right, junctions, opening, meeting)


def _used_in_term(
    text: str, s: int, right: bool, junctions: bool = False, opening: bool = False, meeting: bool = False
) -> bool:
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

    With ``meeting`` (``model-lone-first-meeting``: the first copy alone), a use where two
    words of the compact lexicon meet between the character before the pair and the copy,
    no word of it crossing there (:func:`_words_meet`: 完成 + 承揽 is no use of 成承 in
    造成承承租人), does not count: a character typed twice at the start of a word leaves
    the words on each side of it as they are, and their junction comes back wherever the
    first word is followed by another word starting with the copy.  A term of the
    document keeps its characters inside one word (救护车) or is used where the copy makes
    no word with what follows it (吨税的).
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
            and not (meeting and _words_meet(text, at))
        ):
            return True
        at = text.find(pair, at + 1, hi)
    return False


def _words_meet(text: str, at: int) -> bool:
    """Does jieba's cut of the Han text around ``at`` end a word with the character at
    ``at`` and start one of two characters at least with the next (造成 + 承揽, 其 + 出资;
    not 救护车, nor 吨 + 税 + 的)?"""
    if not (_han_at(text, at) and _han_at(text, at + 1)):
        return False
    lo, hi = _han_run(text, at, at + 2)
    lo, hi = max(lo, at - 6), min(hi, at + 8)
    return any(lo + a == at + 1 and b - a >= 2 for a, b, _freq in segment.tokens(text[lo:hi]))


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


#: A doubled character coordinated with another doubled character: parallel
#: reduplications (“条条”和“块块”, 条条与块块, 方方面面 aside: that is AABB).  The doubled
#: character is any character here, its Han-ness (U+3400-U+9FFF) tested in :func:`_parallel`:
#: a class of that range costs ~1.5-3.5 ms to compile, in every process.
_PARALLEL_BEFORE = re.compile(r"(.)\1[”’」]?[和与及、或][“‘「]?$")
_PARALLEL_AFTER = re.compile(r"[”’」]?[和与及、或][“‘「]?(.)\1")


def _parallel(text: str, s: int) -> bool:
    """Is the doubled character at ``s`` coordinated with another doubled character
    (条条和块块, “条条”与“块块”)?  Two reduplications side by side are a pair of terms,
    each deliberate; a slip is a single accident.

    The search before goes on past a match of a doubled character that is not Han: its
    first Han match is the first match the pattern with the Han class had (a match's
    doubled character is the one at its start)."""
    before = _PARALLEL_BEFORE.search(text, max(0, s - 5), s)
    while before and not "\u3400" <= before.group(1) <= "\u9fff":
        before = _PARALLEL_BEFORE.search(text, before.start() + 1, s)
    if before and before.group(1) != text[s]:
        return True
    after = _PARALLEL_AFTER.match(text, s + 2, min(len(text), s + 8))
    return bool(after and "\u3400" <= after.group(1) <= "\u9fff" and after.group(1) != text[s])


def _parallel_items(text: str, s: int, tail: int) -> bool:
    """Is the doubled character at ``s`` the head of an item AA + x of a list joined by 、
    whose neighbouring item is BB + y, B another character, x and y Han text of the same
    length, at most ``tail`` characters (照照镜子、正正衣冠, 洗洗澡、治治病)?

    VV + object items set side by side are deliberate, each the other's echo; a slip is a
    single accident and makes no such pair of items.  Each item ends at punctuation."""
    for n in range(1, tail + 1):
        if not (HAN_RUN.fullmatch(text[s + 2 : s + 2 + n]) and _punctuation_at(text, s + 2 + n)):
            continue
        if text[s + 2 + n : s + 3 + n] == "、":  # the next item
            b = s + 3 + n
            if _items_pair(text, b, n) and text[b] != text[s]:
                return True
        if text[s - 1 : s] == "、":  # the item before
            b = s - 3 - n
            if b >= 0 and _items_pair(text, b, n) and text[b] != text[s]:
                return True
    return False


def _items_pair(text: str, b: int, n: int) -> bool:
    """Is ``text[b:]`` BB + ``n`` Han characters, then punctuation?"""
    return (
        b + n + 2 <= len(text)
        and text[b] == text[b + 1]
        and bool(HAN_RUN.fullmatch(text[b : b + 2 + n]))
        and _punctuation_at(text, b + 2 + n)
    )


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
