"""DUP: characters, words and punctuation typed twice by mistake.

How DUP001 and DUP002 decide, fastest first (see also :mod:`speechlint.segment`):

1. one compiled regex over ``doc.check_text`` finds the candidates (``AA``, ``ABAB`` …);
2. the rule data settles most of them: allow-lists of legitimate reduplications
   (``常常`` ``研究研究``), longer strings that contain one (``红红脸``), the AABB
   form of a word AB (``反复`` → ``反反复复``, but not ``要要牢牢``), and exempt
   patterns (runs of Chinese numerals, ``一步一步``);
3. the compact lexicon says whether a word crosses the edge of a copy: in
   ``要要求`` the word ``要求`` starts inside the second ``要``, so the two 要 merely
   touch; in ``学习习近平`` the word ``学习`` ends inside the first ``习``;
4. only when the lexicon finds no such word (a real slip, or a rare word) is the
   stretch of Han text around the candidate segmented as jieba does with its full
   dictionary (:func:`speechlint.segment.tokens`, from generated data: jieba itself
   is never imported).

A candidate is reported when every copy is a whole word: no word crosses the start
of the first copy, the end of the second copy or (for one character) the middle.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property

from .. import segment
from ..document import HAN, HAN_RE, Document
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
    #: Length of the doubled unit, in characters.
    min_unit: int = 1
    max_unit: int = 1

    def validate(self) -> str | None:
        for name in ("allow", "allow_context", "words"):
            problem = sorted_unique(name.replace("_", "-"), getattr(self, name))
            if problem:
                return problem
        if not 1 <= self.min_unit <= self.max_unit <= 4:
            return "'min-unit' and 'max-unit' must satisfy 1 <= min-unit <= max-unit <= 4"
        for ctx in self.allow_context:
            if not any(ctx[i : i + 2 * n] == ctx[i : i + n] * 2 for n in range(1, 5) for i in range(len(ctx))):
                return f"'allow-context' entry {ctx!r} contains no doubled form"
        return None

    @cached_property
    def candidates(self) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(rf"({'.' * n})\1", re.DOTALL) for n in range(self.min_unit, self.max_unit + 1))

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

_HAN_RUN = re.compile(f"[{HAN}]+")
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


def _allowed(text: str, s: int, e: int, data: DupData) -> bool:
    """True when an allow-list says the doubled form ``text[s:e]`` is legitimate here."""
    form = text[s:e]
    if form in data.allowed:
        return True
    for ctx, off in data.contexts.get(form, ()):
        if s - off >= 0 and text.startswith(ctx, s - off):
            return True
    return False


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


def _aabb(text: str, s: int, extra: frozenset[str]) -> bool:
    """True when the pair at ``s`` is half of the AABB form of a word AB (反复 → 反反复复).

    Only a word makes AABB legitimate: in 要要牢牢 the 要 is a slip before the adverb 牢牢.
    """
    lex = segment.lexicon().known
    a = text[s]
    if s + 3 < len(text) and text[s + 2] == text[s + 3] and text[s + 2] != a:
        w = a + text[s + 2]
        if lex[w] or w in extra:
            return True
    if s >= 2 and text[s - 2] == text[s - 1] and text[s - 2] != a:
        w = text[s - 2] + a
        if lex[w] or w in extra:
            return True
    return False


def _doubled(crosses: Crosses, s: int, n: int, bound: bool) -> bool:
    """True when each copy of the unit ``[s, s+n)`` ``[s+n, s+2n)`` is a word of its own."""
    if n == 1 and crosses(s + 1):  # the pair is (part of) one word: 沉甸甸
        return False
    if crosses(s + 2 * n):  # the second copy starts a longer word: 要 + 要求
        return False
    if crosses(s):  # the first copy ends a longer word: 学习 + 习近平; 主要 + 要 …
        return bound  # … but 们 never stands alone (我们们), 就是是 is a slip
    return True


def _findings(doc: Document, data: DupData) -> Iterator[tuple[int, int, bool]]:
    """(start, length of the unit, fix is safe) of each doubled unit to report."""
    text = doc.check_text
    starts: list[int] = []  # findings so far, disjoint, sorted by start
    ends: list[int] = []
    for pattern in data.candidates:
        for m in pattern.finditer(text):
            unit = m.group(1)
            if unit < "\u3007":  # starts below the first Han character (digits, marks, …)
                continue
            n = len(unit)
            s, e = m.start(), m.end()
            if not _HAN_RUN.fullmatch(unit) or (n > 1 and unit == unit[0] * n):
                continue
            i = bisect_left(starts, e) - 1  # the last finding starting before e
            if (i >= 0 and ends[i] > s) or _allowed(text, s, e, data):
                continue
            if n == 1 and _aabb(text, s, data.extra_words):
                continue
            bound = n == 1 and unit in data.slip_after_word
            # cheapest first: the lexicon settles most candidates, then the exempt patterns
            # (lexicon words are all Han, so no need to find the edges of the Han run here)
            near = _lexicon_crosses(text, max(0, s - 3), min(len(text), e + 3), data.extra_words)
            if not _doubled(near, s, n, bound):
                continue
            if _exempt(text, s, e, data):
                continue
            # The lexicon found no word crossing a copy: a slip, or a word too rare for it.
            lo, hi = _han_run(text, s, e)
            if not _doubled(_segment_crosses(text, lo, hi, data), s, n, bound):
                continue
            i += 1
            starts.insert(i, s)
            ends.insert(i, e)
            yield s, n, not any(c in data.unsafe_fix for c in unit)


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


@rule("DUP001", "duplicated-character", data=DupData, severity="error", fix="sometimes")
def duplicated_character(doc: Document, data: DupData) -> Iterator[Diagnostic]:
    """同一个汉字误输入两次（如“要要带头”）。

    ## 检查内容
    两个相同的汉字相连，而且两个字各自成词、不与前后文字组成别的词：“领导干部要要带头”。
    下列情形是正当的叠用或只是两词相邻，不报告：
    - 叠音词和重叠式（AA）：常常、层层、人人、天天、谢谢、看看、紧紧、牢牢；
    - AAB、ABB、AABB：红红脸、出出汗、咬咬牙、沉甸甸、反反复复、点点滴滴、的的确确、
      时时处处事事、高高举起、轻轻放下（AABB 须由词 AB 重叠而来：反复 → 反反复复；
      “要要牢牢”中的“要要”仍报告）；
    - 两词相邻：要要求（要 + 要求）、学习习近平（学习 + 习近平）、工作作风（工作 + 作风）；
    - 汉字数字：“十五五”、二〇二二年。

    允许表、上下文表和豁免模式都在 `rules/dup.yaml`；是否成词先查精简词表（由 jieba 词典
    生成），查不出时才按 jieba 的完整词典和分词方法对候选所在的一小段文字分词（词典数据
    `rules/jieba_dict.txt` 同样由 jieba 生成，检查时不加载 jieba）。

    ## 为什么
    多打一个字是讲话稿中最常见的笔误之一，念稿时极易出错，印发后也有损严肃性。

    ## 示例（错 → 对）
    - 错：`各级领导干部要要带头做好表率。` → 对：`各级领导干部要带头做好表率。`
    - 错：`我们们要认真落实。` → 对：`我们要认真落实。`

    ## 修复安全性
    删除第二个字。一般为安全修复；“的的”“在在”等可能是别的错字（如“的地”“在再”）的，
    列在 `unsafe-fix` 中，修复标为不安全。

    ## 依据
    GB/T 9704-2012 规定公文格式，不直接规定用字；本规则依据公文起草“文字精练、用语准确”
    的基本要求（《党政机关公文处理工作条例》关于公文起草的规定），属校对中的“多字”。
    """
    return _report("DUP001", doc, data)


@rule("DUP002", "duplicated-word", data=DupData, severity="error", fix="safe")
def duplicated_word(doc: Document, data: DupData) -> Iterator[Diagnostic]:
    """同一个词误输入两次（如“我们我们”）。

    ## 检查内容
    两到四个字的同一片段紧接着重复出现，而且每一遍都自成一词：“我们我们要”“高质量高质量发展”。
    不报告：动词、形容词的 ABAB 重叠（研究研究、讨论讨论、雪白雪白）、“一步一步”式、
    汉字数字（二〇二〇），以及只是两词相邻的情形（“深化文化文艺”= 深化 + 文化 + 文艺，
    “各乡镇乡镇长”= 乡镇 + 乡镇长）。允许表与豁免模式在 `rules/dup.yaml`。

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
    def pattern(self) -> re.Pattern[str]:
        cls = re.escape(self.marks)
        # exactly two of the same mark: three or more 。 are an ellipsis (PUN rules)
        # the lookbehind follows the first mark so that the scan can skip to candidate marks
        return re.compile(rf"([{cls}])(?<![{cls}].)\1(?![{cls}])")


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
    for m in data.pattern.finditer(doc.check_text):
        span = Span(m.start() + 1, m.end())
        yield Diagnostic(
            "DUP003",
            span,
            f"标点{quote(m.group(0))}重复，应为{quote(m.group(1))}",
            Fix.replace(span, ""),
        )
