"""Defect injector for the quality benchmark: the slips people make, put into clean text.

:func:`inject` takes clean documents and returns, for each, a copy with slips made in it
and the exact record of every slip: the document, the code-point span of the original
text replaced, the text put there, the span the slip occupies in the injected copy, the
kind of slip and the rule family expected to report it.  Applying the recorded edits to
the original gives the injected copy exactly (:func:`apply`).

Rules of the game, so that slips do not interact and each finding can be attributed:

* at most one slip per paragraph (line), never in a paragraph the caller asks to avoid
  (the benchmark passes the lines where the clean text already has findings);
* heading-number slips: at most one per heading sequence (the run of headings of one level
  under one parent), and a deleted number only where the heading has no sub-headings;
* the slips are spread over the documents (round robin) and over the kinds (each kind
  gets an equal share of the requested number, scarce kinds first);
* everything is decided by a ``random.Random`` seeded from the seed given, so a seed
  always gives the same slips for the same texts.

Word boundaries and part-of-speech tags (for doubled characters and words, 的/地/得 and
some placeholders) come from jieba itself (installed with ``pip install -e ".[test]"``),
not from speechlint, so that the injector does not share the linter's view of the text.
The confusable pairs are this folder's own list (``confusables.tsv``), not rules/ data.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

# --------------------------------------------------------------------------- kinds


@dataclass(frozen=True)
class Kind:
    name: str
    family: str
    #: Code prefixes whose finding at the slip counts as catching it.
    expect: tuple[str, ...]
    description: str


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("num_skip", "NUM", ("NUM",), "heading number skipped (一、二、四、)"),
        Kind("num_repeat", "NUM", ("NUM",), "heading number repeated (一、二、二、)"),
        Kind("num_delete", "NUM", ("NUM",), "heading number deleted (the heading's 三、 lost)"),
        Kind("num_delimiter", "NUM", ("NUM",), "wrong delimiter after a heading number (一. 1、)"),
        Kind("num_bracket", "NUM", ("NUM", "PUN001", "PUN003"), "mixed-width bracket ((三）)"),
        Kind("num_series", "NUM", ("NUM",), "一是…二是…四是 series gap"),
        Kind("dup_char", "DUP", ("DUP",), "character typed twice inside a word (落落实)"),
        Kind("dup_word", "DUP", ("DUP",), "word typed twice (我们我们)"),
        Kind("wrd_de_di", "WRD", ("WRD",), "的 for adverbial 地"),
        Kind("wrd_de_de", "WRD", ("WRD",), "的 for complement 得"),
        Kind("wrd_confusable", "WRD", ("WRD",), "confusable character (布署, 截止 for 截至)"),
        Kind("ph_x", "PH", ("PH",), "number or date replaced by X / XX (X月XX日)"),
        Kind("ph_cross", "PH", ("PH",), "number replaced by ××"),
        Kind("ph_circle", "PH", ("PH",), "number replaced by ○○"),
        Kind("ph_mou", "PH", ("PH",), "name replaced by 某某"),
        Kind("ph_blank", "PH", ("PH",), "number or name replaced by ____"),
        Kind("ph_template", "PH", ("PH",), "template or watermark line inserted"),
        Kind("pun_halfwidth", "PUN", ("PUN",), "half-width , ; : ? ! in Chinese"),
        Kind("pun_lost_quote", "PUN", ("PUN",), "one half of a pair of quotes lost"),
        Kind("pun_lost_bracket", "PUN", ("PUN",), "one half of a pair of brackets lost"),
        Kind("pun_space", "PUN", ("PUN",), "stray space between Chinese characters"),
        Kind("pun_ellipsis", "PUN", ("PUN",), "。。。 for ……"),
        Kind("pun_dash", "PUN", ("PUN",), "-- or a single — for the dash ——"),
        Kind("pun_halfwidth_quote", "PUN", ("PUN",), 'straight quotes "…" for “…”'),
        Kind("pun_halfwidth_bracket", "PUN", ("PUN",), "half-width (…) around Chinese"),
        Kind("dup_punct", "DUP", ("DUP", "PUN"), "punctuation mark typed twice (，，)"),
        Kind("fig_fullwidth", "FIG", ("FIG",), "full-width digits (２０２４年)"),
        Kind("fig_leading_zero", "FIG", ("FIG",), "leading zero in a date (2024年03月05日)"),
        Kind("fig_short_year", "FIG", ("FIG",), "abbreviated year (24年 for 2024年)"),
    )
}

FAMILIES = ("NUM", "DUP", "WRD", "PH", "PUN", "FIG")

# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Slip:
    doc: str
    kind: str
    #: Original text ``[start, end)`` was replaced by ``text``.
    start: int
    end: int
    original: str
    text: str
    #: 1-based line of the original text where the slip is made.
    line: int
    #: Where the slip is in the injected copy (``text`` occupies it; empty for a deletion).
    span: tuple[int, int] = (0, 0)
    #: Other places in the injected copy where a report also points at this slip
    #: (the remaining half of a pair, the next heading after a deleted number).
    accept: tuple[tuple[int, int], ...] = ()

    @property
    def family(self) -> str:
        return KINDS[self.kind].family

    @property
    def expect(self) -> tuple[str, ...]:
        return KINDS[self.kind].expect

    def as_json(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "kind": self.kind,
            "family": self.family,
            "line": self.line,
            "start": self.start,
            "end": self.end,
            "original": self.original,
            "text": self.text,
            "span": list(self.span),
            "accept": [list(a) for a in self.accept],
        }


@dataclass
class Injected:
    name: str
    original: str
    text: str
    slips: list[Slip] = field(default_factory=list)

    def to_original(self, pos: int) -> int:
        """Map a position of the injected copy back to the original text."""
        delta = 0
        for s in self.slips:  # sorted by start
            new_start = s.start + delta
            new_end = new_start + len(s.text)
            if pos < new_start:
                break
            if pos < new_end:
                return s.start
            delta += len(s.text) - (s.end - s.start)
        return pos - delta


def apply(original: str, slips: Iterable[Slip]) -> str:
    """The original text with the recorded slips made (they must not overlap)."""
    out: list[str] = []
    at = 0
    for s in sorted(slips, key=lambda s: s.start):
        assert s.start >= at and original[s.start : s.end] == s.original
        out.append(original[at : s.start])
        out.append(s.text)
        at = s.end
    out.append(original[at:])
    return "".join(out)


# --------------------------------------------------------------------------- text helpers

HAN = r"\u4e00-\u9fff"
_HAN = re.compile(f"[{HAN}]")
_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}


def cn_int(s: str) -> int | None:
    """一..九十九 -> int (None for anything else)."""
    if not s or any(c not in "一二三四五六七八九十" for c in s):
        return None
    if "十" not in s:
        return _CN_DIGITS[s] if len(s) == 1 else None
    tens, _, ones = s.partition("十")
    t = _CN_DIGITS.get(tens, -1) if tens else 1
    o = _CN_DIGITS.get(ones, -1) if ones else 0
    if t <= 0 or o < 0 or "十" in ones:
        return None
    return t * 10 + o


def cn_str(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    t, o = divmod(n, 10)
    return ("" if t == 1 else digits[t]) + "十" + (digits[o] if o else "")


@dataclass(frozen=True)
class Heading:
    line: int  # 0-based line index
    level: int  # 1: 一、 2: （一） 3: 1. 4: （1）
    value: int
    num_start: int  # absolute offset of the number itself
    num_end: int
    mark_start: int  # the whole marker (brackets and delimiter)
    mark_end: int


_HEADING = re.compile(
    r"(?P<l1>(?P<n1>[一二三四五六七八九十]{1,3})、)"
    r"|(?P<l2>（(?P<n2>[一二三四五六七八九十]{1,3})）)"
    r"|(?P<l3>(?P<n3>\d{1,2})[.．](?!\d))"
    r"|(?P<l4>（(?P<n4>\d{1,2})）)"
)


def headings(lines: list[tuple[int, str]]) -> list[Heading]:
    out = []
    for i, (off, line) in enumerate(lines):
        m = _HEADING.match(line)
        if not m:
            continue
        for level in (1, 2, 3, 4):
            if m.group(f"l{level}"):
                raw = m.group(f"n{level}")
                value = int(raw) if level in (3, 4) else cn_int(raw)
                if value is None or value == 0:
                    break
                out.append(
                    Heading(
                        i,
                        level,
                        value,
                        off + m.start(f"n{level}"),
                        off + m.end(f"n{level}"),
                        off + m.start(),
                        off + m.end(),
                    )
                )
                break
    return out


def sequences(hs: list[Heading]) -> list[list[Heading]]:
    """Runs of same-level headings under one parent (a 1 or a higher level starts anew)."""
    seqs: list[list[Heading]] = []
    open_: dict[int, list[Heading]] = {}
    for h in hs:
        for lvl in [lv for lv in open_ if lv >= h.level]:
            if lvl > h.level or h.value == 1:
                del open_[lvl]
        for lvl in [lv for lv in open_ if lv > h.level]:
            del open_[lvl]
        if h.level in open_:
            open_[h.level].append(h)
        else:
            seq = [h]
            open_[h.level] = seq
            seqs.append(seq)
    return seqs


# --------------------------------------------------------------------------- jieba

_TOKENIZER: Any = None


def _pos(text: str) -> list[tuple[int, str, str]]:
    """(offset, word, tag) for each word jieba's part-of-speech tagger finds in ``text``."""
    global _TOKENIZER
    if _TOKENIZER is None:
        try:
            import jieba
            import jieba.posseg
        except ImportError as e:  # pragma: no cover - the [test] extra installs it
            raise SystemExit('bench/inject.py needs jieba: pip install -e ".[test]"') from e
        jieba.setLogLevel(60)
        _TOKENIZER = jieba.posseg.POSTokenizer(jieba.Tokenizer())
    out = []
    at = 0
    for pair in _TOKENIZER.cut(text):
        out.append((at, pair.word, pair.flag))
        at += len(pair.word)
    return out


# --------------------------------------------------------------------------- site finders

Edit = tuple[int, int, str, tuple[tuple[int, int], ...]]  # start, end, text, accept (orig)


@dataclass
class Para:
    doc: str
    text: str  # whole document
    index: int  # 0-based line index
    start: int  # absolute offset of the line
    line: str


def _han_pairs(line: str) -> list[int]:
    """Positions i where line[i-1] and line[i] are both Han characters."""
    return [i for i in range(1, len(line)) if _HAN.match(line[i - 1]) and _HAN.match(line[i])]


_REDUP_OK = set("人天年月日个家处时事样种次步层条件项点代户村岁刻常常渐往")


def site_dup_char(p: Para, rng: random.Random) -> Edit | None:
    words = [
        (o, w) for o, w, _t in _pos(p.line) if 2 <= len(w) <= 4 and all(_HAN.match(c) for c in w)
    ]
    rng.shuffle(words)
    for o, w in words:
        i = rng.choice([0, len(w) - 1])
        c = w[i]
        if c in _REDUP_OK:
            continue
        at = o + i
        # the doubled character must not sit next to another copy of itself
        if (at > 0 and p.line[at - 1] == c) or (at + 1 < len(p.line) and p.line[at + 1] == c):
            continue
        a = p.start + at
        return (a, a, c, ())
    return None


_DUP_WORD_TAGS = {"n", "ns", "nt", "nz", "r", "nr"}


def site_dup_word(p: Para, rng: random.Random) -> Edit | None:
    words = [
        (o, w)
        for o, w, t in _pos(p.line)
        if t in _DUP_WORD_TAGS and 2 <= len(w) <= 4 and all(_HAN.match(c) for c in w)
    ]
    if not words:
        return None
    o, w = rng.choice(words)
    if p.line[o + len(w) : o + 2 * len(w)] == w or p.line[max(0, o - len(w)) : o] == w:
        return None
    a = p.start + o + len(w)
    return (a, a, w, ())


#: Tags of a word or morpheme that heads a noun phrase: nouns (n, ns, ng ...), verbal nouns
#: (vn: 实惠, 劳动) and the morphemes jieba tags zg (物) and k (者).
_NOMINAL = ("n", "vn", "zg", "k")


def _nominal(tag: str) -> bool:
    return tag.startswith(_NOMINAL)


def _verb_de_object(words: list[tuple[int, str, str]], k: int) -> bool:
    """Whether the 得 at ``words[k]`` takes an object instead of a complement: the verb 得
    (得实惠) or one half of a verb jieba split (拾得漂流物), followed by a noun phrase -- a
    noun or verbal noun, or an adjective joined to a noun or noun morpheme (漂流 + 物).  Made
    的, such a 得 gives a correct noun phrase (感受到的实惠, 拾的漂流物), not a 的-for-得 slip."""
    tag = words[k + 1][2]
    if _nominal(tag):
        return True
    return tag.startswith("a") and k + 2 < len(words) and _nominal(words[k + 2][2])


def particle_sites(
    words: list[tuple[int, str, str]],
    char: str,
    tag: str,
    before: tuple[str, ...],
    after: tuple[str, ...],
) -> list[int]:
    """Offsets of the particle ``char`` tagged ``tag`` among jieba's ``words``, between a word
    whose tag starts with one of ``before`` and one whose tag starts with one of ``after``
    (for 得, not where it takes an object: :func:`_verb_de_object`)."""
    return [
        o
        for k, (o, w, t) in enumerate(words)
        if w == char
        and t == tag
        and 0 < k < len(words) - 1
        and words[k - 1][2].startswith(before)
        and words[k + 1][2].startswith(after)
        and _HAN.match(words[k - 1][1][-1])
        and not (char == "得" and _verb_de_object(words, k))
    ]


#: (kind, the particle, jieba's tag of it, tags before, tags after) of the 的/地/得 slips.
DE_SITES: tuple[tuple[str, str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("wrd_de_di", "地", "uv", ("a", "d", "i", "l", "z"), ("v", "p", "l")),
    ("wrd_de_de", "得", "ud", ("v",), ("a", "d", "v")),
)


def _structural(p: Para, kind: str, rng: random.Random) -> Edit | None:
    """The particle of ``kind`` (:data:`DE_SITES`) at one of its sites, made 的."""
    _kind, char, tag, before, after = next(s for s in DE_SITES if s[0] == kind)
    if char not in p.line:
        return None
    sites = particle_sites(_pos(p.line), char, tag, before, after)
    if not sites:
        return None
    o = rng.choice(sites)
    return (p.start + o, p.start + o + 1, "的", ())


def site_de_di(p: Para, rng: random.Random) -> Edit | None:
    """Adverbial 地 (坚定不移地推进, 更好地为): an adverb, adjective or idiom before, a verb
    or preposition after -- not the noun 地 of 安置地, 所在地."""
    return _structural(p, "wrd_de_di", rng)


def site_de_de(p: Para, rng: random.Random) -> Edit | None:
    """Complement 得 (抓得紧, 干得好): a verb before, an adjective, adverb or verb after --
    not 可得利益 or 获得, nor a 得 that takes an object (拾得漂流物, 得实惠)."""
    return _structural(p, "wrd_de_de", rng)


def load_confusables() -> list[tuple[str, str, re.Pattern[str] | None]]:
    out = []
    for raw in (HERE / "confusables.tsv").read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        parts = raw.split("\t")
        right, wrong = parts[0], parts[1]
        ctx = re.compile(parts[2]) if len(parts) > 2 and parts[2] else None
        out.append((right, wrong, ctx))
    return out


_CONFUSABLES = load_confusables()


def site_confusable(p: Para, rng: random.Random) -> Edit | None:
    options = []
    for right, wrong, ctx in _CONFUSABLES:
        for m in re.finditer(re.escape(right), p.line):
            if ctx is not None and not ctx.match(p.line, m.end()):
                continue
            options.append((m.start(), right, wrong))
    if not options:
        return None
    o, right, wrong = rng.choice(options)
    # replace only the characters that differ, so the span is exactly the slip
    i = next(k for k in range(len(right)) if right[k] != wrong[k])
    j = max(k for k in range(len(right)) if right[k] != wrong[k]) + 1
    a = p.start + o
    return (a + i, a + j, wrong[i:j], ())


_NUMBER = re.compile(r"(?<![\d.A-Za-z])\d+(?:\.\d+)?(?![\d.A-Za-z])")
_DATE = re.compile(r"(?<!\d)(\d{1,2})月(\d{1,2})日")


def _numbers(p: Para) -> list[re.Match[str]]:
    """Arabic numbers with a Han character or % on at least one side."""
    out = []
    for m in _NUMBER.finditer(p.line):
        before = p.line[m.start() - 1] if m.start() else ""
        after = p.line[m.end()] if m.end() < len(p.line) else ""
        if _HAN.match(before) or _HAN.match(after) or after == "%":
            out.append(m)
    return out


def _number_placeholder(token: Callable[[re.Match[str]], str]) -> Callable[..., Edit | None]:
    def site(p: Para, rng: random.Random) -> Edit | None:
        nums = _numbers(p)
        if not nums:
            return None
        m = rng.choice(nums)
        return (p.start + m.start(), p.start + m.end(), token(m), ())

    return site


def site_ph_x(p: Para, rng: random.Random) -> Edit | None:
    dates = list(_DATE.finditer(p.line))
    if dates and rng.random() < 0.5:
        m = rng.choice(dates)
        return (p.start + m.start(), p.start + m.end(), "X月XX日", ())
    nums = _numbers(p)
    if not nums:
        return None
    m = rng.choice(nums)
    return (p.start + m.start(), p.start + m.end(), rng.choice(["X", "XX", "XXX"]), ())


site_ph_cross = _number_placeholder(lambda m: "××")
site_ph_circle = _number_placeholder(lambda m: "○○")


_PLACE_SUFFIX = "省市县区州"
#: Words jieba's dictionary tags as place names that are not names (大城市, 旧城区).
_NOT_NAMES = frozenset(
    [
        "大城",
        "小城",
        "旧城",
        "新城",
        "老城",
        "主城",
        "县城",
        "边城",
        "古城",
        "山城",
        "水城",
        "城区",
        "市区",
        "郊区",
    ]
)


def _names(p: Para) -> list[tuple[int, str]]:
    """Place names with their administrative suffix (江苏省, 深圳市): (offset, name part).

    Only words jieba's dictionary itself tags as place names (its HMM guesses and its
    noisier tags are left alone), so the slip replaces a real name: 江苏省 -> 某某省.
    """
    _pos("")  # loads the tagger
    dict_tags = _TOKENIZER.word_tag_tab
    return [
        (o, w[:-1])
        for o, w, _t in _pos(p.line)
        if 3 <= len(w) <= 4
        and w[-1] in _PLACE_SUFFIX
        and not w.endswith("地区")
        and dict_tags.get(w) == "ns"
        and dict_tags.get(w[:-1]) == "ns"  # 海南省, not 自治州
        and w[:-1] not in _NOT_NAMES
        and all(_HAN.match(c) for c in w)
    ]


def site_ph_mou(p: Para, rng: random.Random) -> Edit | None:
    names = _names(p)
    if not names:
        return None
    o, w = rng.choice(names)
    return (p.start + o, p.start + o + len(w), "某某", ())


#: A count in Chinese numerals before its unit (五年, 三十日, 两万元), not an ordinal (第三条).
_CN_COUNT = re.compile(
    "(?<![第一二三四五六七八九十百千万两])[一二三四五六七八九十百千两]+(?=[年月日个元名人项次倍万亿])"
)


def site_ph_blank(p: Para, rng: random.Random) -> Edit | None:
    """A number, a Chinese-numeral count or a place name left as a blank to fill in."""
    options = (
        [(p.start + o, p.start + o + len(w)) for o, w in _names(p)]
        if "省" in p.line or "市" in p.line or "县" in p.line
        else []
    )
    options += [(p.start + m.start(), p.start + m.end()) for m in _numbers(p)]
    options += [(p.start + m.start(), p.start + m.end()) for m in _CN_COUNT.finditer(p.line)]
    if not options:
        return None
    a, b = rng.choice(options)
    return (a, b, rng.choice(["____", "______", "＿＿"]), ())


#: Watermark and template lines left in drafts copied from the web (written for this
#: benchmark; not taken from any real page).
TEMPLATE_LINES = (
    "本文来源于网络，仅供学习参考，如有侵权请联系删除。",
    "更多范文请关注本站微信公众号，每日更新。",
    "本文档下载后可自由编辑修改，欢迎收藏。",
    "温馨提示：以上内容为范文模板，请根据实际情况修改。",
    "（此处填写单位名称）",
    "【以下为正文内容，请自行替换】",
    "扫描下方二维码，获取更多讲话稿素材。",
    "本篇文章由范文网整理发布，转载请注明出处。",
    "以上就是本文的全部内容，希望对大家有所帮助。",
    "（请在此处输入讲话人姓名和职务）",
)


def site_ph_template(p: Para, rng: random.Random) -> Edit | None:
    if p.index == 0:
        return None
    return (p.start, p.start, rng.choice(TEMPLATE_LINES) + "\n", ())


_HALF = {"，": ",", "；": ";", "：": ":", "？": "?", "！": "!"}


def site_pun_halfwidth(p: Para, rng: random.Random) -> Edit | None:
    by_mark: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(p.line):
        if c in _HALF and i > 0 and _HAN.match(p.line[i - 1]):
            by_mark[c].append(i)
    if not by_mark:
        return None
    mark = rng.choice(sorted(by_mark))
    i = rng.choice(by_mark[mark])
    return (p.start + i, p.start + i + 1, _HALF[mark], ())


def _pairs(line: str, opening: str, closing: str) -> list[tuple[int, int]] | None:
    """Matched (open, close) positions of one kind of pair; None when the line is unbalanced."""
    stack: list[int] = []
    out = []
    for i, c in enumerate(line):
        if c == opening:
            stack.append(i)
        elif c == closing:
            if not stack:
                return None
            out.append((stack.pop(), i))
    return None if stack else out


_ENUM = re.compile(r"[一二三四五六七八九十\d]+")


def _lost_half(p: Para, rng: random.Random, kinds: tuple[tuple[str, str], ...]) -> Edit | None:
    options: list[tuple[int, int]] = []
    for o, c in kinds:
        pairs = _pairs(p.line, o, c)
        if pairs:
            # brackets around a number are a heading or item number's (num_bracket's
            # business), wherever they stand
            options.extend((a, b) for a, b in pairs if not _ENUM.fullmatch(p.line, a + 1, b))
    if not options:
        return None
    a, b = rng.choice(options)
    lost, kept = (a, b) if rng.random() < 0.5 else (b, a)
    return (p.start + lost, p.start + lost + 1, "", ((p.start + kept, p.start + kept + 1),))


def site_lost_quote(p: Para, rng: random.Random) -> Edit | None:
    # a paragraph inside a quotation of several paragraphs (each opens with “, only the
    # last closes) pairs with the paragraphs before it: its marks are not a pair of its own
    prev = p.text[: max(0, p.start - 1)].rsplit("\n", 1)[-1]
    if p.line.startswith("“") and prev.count("“") > prev.count("”"):
        return None
    return _lost_half(p, rng, (("“", "”"),))


def site_lost_bracket(p: Para, rng: random.Random) -> Edit | None:
    return _lost_half(p, rng, (("（", "）"), ("《", "》")))


def site_pun_space(p: Para, rng: random.Random) -> Edit | None:
    if len(p.line) < 20:
        return None
    pos = [i for i in _han_pairs(p.line) if i > 2]
    if not pos:
        return None
    i = rng.choice(pos)
    return (p.start + i, p.start + i, rng.choice([" ", " ", " ", "\u3000"]), ())


_ETC = re.compile(f"、[{HAN}“”]{{1,12}}(等)(?=[，；])")


def site_pun_ellipsis(p: Para, rng: random.Random) -> Edit | None:
    found = [m.start() for m in re.finditer("……", p.line)]
    if found:
        i = rng.choice(found)
        return (p.start + i, p.start + i + 2, "。。。", ())
    etc = list(_ETC.finditer(p.line))
    if not etc:
        return None
    m = rng.choice(etc)
    return (p.start + m.start(1), p.start + m.end(1), "。。。", ())


_SERIES = re.compile(r"(?:^|(?<=[，。；：！？]))([一二三四五六七八九十]{1,3})是")


def site_num_series(p: Para, rng: random.Random) -> Edit | None:
    ms = list(_SERIES.finditer(p.line))
    values = [cn_int(m.group(1)) for m in ms]
    if len(ms) < 3 or values != list(range(1, len(ms) + 1)):
        return None
    last = ms[-1]
    n = len(ms)
    new = cn_str(n + 1) if rng.random() < 0.5 else cn_str(n - 1)
    return (p.start + last.start(1), p.start + last.end(1), new, ())


def site_pun_dash(p: Para, rng: random.Random) -> Edit | None:
    found = [m.start() for m in re.finditer("——", p.line)]
    if not found:
        return None
    i = rng.choice(found)
    return (p.start + i, p.start + i + 2, rng.choice(["--", "—", "－－"]), ())


_QUOTED = re.compile("“([^“”\n]{1,15})”")
_BRACKETED = re.compile(f"（([^（）\n]*[{HAN}][^（）\n]{{0,14}})）")


def _wrap(
    p: Para, rng: random.Random, pattern: re.Pattern[str], left: str, right: str
) -> Edit | None:
    found = [m for m in pattern.finditer(p.line) if not _ENUM.fullmatch(m.group(1))]
    if not found:
        return None
    m = rng.choice(found)
    return (p.start + m.start(), p.start + m.end(), left + m.group(1) + right, ())


def site_halfwidth_quote(p: Para, rng: random.Random) -> Edit | None:
    return _wrap(p, rng, _QUOTED, '"', '"')


def site_halfwidth_bracket(p: Para, rng: random.Random) -> Edit | None:
    return _wrap(p, rng, _BRACKETED, "(", ")")


def site_dup_punct(p: Para, rng: random.Random) -> Edit | None:
    found = [
        i for i, c in enumerate(p.line) if c in "，。、；" and i > 0 and _HAN.match(p.line[i - 1])
    ]
    if not found:
        return None
    i = rng.choice(found)
    return (p.start + i + 1, p.start + i + 1, p.line[i], ())


_FULL = str.maketrans("0123456789", "０１２３４５６７８９")


def site_fig_fullwidth(p: Para, rng: random.Random) -> Edit | None:
    nums = [m for m in _numbers(p) if len(m.group()) >= 2 and "." not in m.group()]
    if not nums:
        return None
    m = rng.choice(nums)
    return (p.start + m.start(), p.start + m.end(), m.group().translate(_FULL), ())


_MONTH_DAY = re.compile(r"(?<![\d.])(\d{1,2})月(\d{1,2})日")


def site_fig_leading_zero(p: Para, rng: random.Random) -> Edit | None:
    found = [m for m in _MONTH_DAY.finditer(p.line) if len(m.group(1)) == 1 or len(m.group(2)) == 1]
    if not found:
        return None
    m = rng.choice(found)
    new = f"{int(m.group(1)):02d}月{int(m.group(2)):02d}日"
    return (p.start + m.start(), p.start + m.end(), new, ())


# a year in a date (年 then a month): 24年 for 2024年 cannot mean "24 years" there
_YEAR = re.compile(r"(?<![\d.])(?:19|20)(\d\d)年(?=\d{1,2}月)")


def site_fig_short_year(p: Para, rng: random.Random) -> Edit | None:
    found = list(_YEAR.finditer(p.line))
    if not found:
        return None
    m = rng.choice(found)
    return (p.start + m.start(), p.start + m.end(), m.group(1) + "年", ())


SITES: dict[str, Callable[[Para, random.Random], Edit | None]] = {
    "pun_dash": site_pun_dash,
    "pun_halfwidth_quote": site_halfwidth_quote,
    "pun_halfwidth_bracket": site_halfwidth_bracket,
    "dup_punct": site_dup_punct,
    "fig_fullwidth": site_fig_fullwidth,
    "fig_leading_zero": site_fig_leading_zero,
    "fig_short_year": site_fig_short_year,
    "dup_char": site_dup_char,
    "dup_word": site_dup_word,
    "wrd_de_di": site_de_di,
    "wrd_de_de": site_de_de,
    "wrd_confusable": site_confusable,
    "ph_x": site_ph_x,
    "ph_cross": site_ph_cross,
    "ph_circle": site_ph_circle,
    "ph_mou": site_ph_mou,
    "ph_blank": site_ph_blank,
    "ph_template": site_ph_template,
    "pun_halfwidth": site_pun_halfwidth,
    "pun_lost_quote": site_lost_quote,
    "pun_lost_bracket": site_lost_bracket,
    "pun_space": site_pun_space,
    "pun_ellipsis": site_pun_ellipsis,
    "num_series": site_num_series,
}

# Cheap tests of whether a paragraph can hold a slip of a kind (before jieba is asked).
_PRECHECK: dict[str, Callable[[str], bool]] = {
    "dup_char": lambda s: bool(re.search(f"[{HAN}]{{4}}", s)),
    "dup_word": lambda s: bool(re.search(f"[{HAN}]{{4}}", s)),
    "wrd_de_di": lambda s: "地" in s,
    "wrd_de_de": lambda s: "得" in s,
    "wrd_confusable": lambda s: any(r in s for r, _w, _c in _CONFUSABLES),
    "ph_x": lambda s: bool(re.search(r"\d", s)),
    "ph_cross": lambda s: bool(re.search(r"\d", s)),
    "ph_circle": lambda s: bool(re.search(r"\d", s)),
    "ph_mou": lambda s: bool(re.search(f"[{HAN}]{{2,}}[{_PLACE_SUFFIX}]", s)),
    "ph_blank": lambda s: bool(re.search(r"\d", s) or _CN_COUNT.search(s)),
    "ph_template": lambda s: bool(_HAN.search(s)),
    "pun_halfwidth": lambda s: any(c in s for c in _HALF),
    "pun_lost_quote": lambda s: "“" in s,
    "pun_lost_bracket": lambda s: "（" in s or "《" in s,
    "pun_space": lambda s: len(s) >= 20,
    "pun_ellipsis": lambda s: "……" in s or "等，" in s or "等；" in s,
    "num_series": lambda s: "是" in s and "三是" in s,
    "pun_dash": lambda s: "——" in s,
    "pun_halfwidth_quote": lambda s: "“" in s,
    "pun_halfwidth_bracket": lambda s: "（" in s,
    "dup_punct": lambda s: any(c in s for c in "，。、；"),
    "fig_fullwidth": lambda s: bool(re.search(r"\d\d", s)),
    "fig_leading_zero": lambda s: bool(re.search(r"(?<![\d.])(?:\d月\d{1,2}|\d\d月\d)日", s)),
    "fig_short_year": lambda s: "年" in s and bool(_YEAR.search(s)),
}

# --------------------------------------------------------------------------- heading slips


@dataclass(frozen=True)
class HeadingSite:
    seq: int  # sequence id, one slip per sequence
    line: int
    edit: Edit


def heading_sites(text: str, lines: list[tuple[int, str]], kind: str) -> list[HeadingSite]:
    """Every place a heading slip of ``kind`` could be made (each is one option)."""
    hs = headings(lines)
    seqs = sequences(hs)
    out: list[HeadingSite] = []
    pos = {id(h): k for k, h in enumerate(hs)}
    for sid, seq in enumerate(seqs):
        if [h.value for h in seq] != list(range(1, len(seq) + 1)):
            continue  # only well-formed sequences, so the slip is the only anomaly
        n = len(seq)
        last = seq[-1]
        if kind == "num_skip" and n >= 2:
            new = str(n + 1) if last.level in (3, 4) else cn_str(n + 1)
            out.append(HeadingSite(sid, last.line, (last.num_start, last.num_end, new, ())))
        elif kind == "num_repeat" and n >= 3:  # 一、一、 would read as a new list
            new = str(n - 1) if last.level in (3, 4) else cn_str(n - 1)
            out.append(HeadingSite(sid, last.line, (last.num_start, last.num_end, new, ())))
        elif kind == "num_delete" and n >= 3:
            for k in range(1, n - 1):
                h, nxt = seq[k], seq[k + 1]
                # no sub-headings between this heading and the next of its level
                following = hs[pos[id(h)] + 1]
                if following is not nxt:
                    continue
                accept = ((nxt.mark_start, nxt.mark_end),)
                out.append(HeadingSite(sid, h.line, (h.mark_start, h.mark_end, "", accept)))
        elif kind == "num_delimiter":
            for h in seq:
                if h.level == 1:
                    new = text[h.num_start : h.num_end] + ["．", ".", "，"][h.value % 3]
                elif h.level == 3:
                    new = text[h.num_start : h.num_end] + ["、", "，"][h.value % 2]
                elif h.level == 2:
                    new = text[h.mark_start : h.mark_end] + "、"
                else:
                    continue
                out.append(HeadingSite(sid, h.line, (h.mark_start, h.mark_end, new, ())))
        elif kind == "num_bracket":
            for h in seq:
                if h.level not in (2, 4):
                    continue
                num = text[h.num_start : h.num_end]
                new = f"({num}）" if h.value % 2 else f"（{num})"
                out.append(HeadingSite(sid, h.line, (h.mark_start, h.mark_end, new, ())))
    return out


#: Paragraphs left without slips after a slip of these kinds: a lost quotation mark or
#: bracket can leave a quotation open into the next paragraphs (a quotation may span
#: several), which changes how a checker reads them; their slips would not be independent.
QUIET_AFTER = {"pun_lost_quote": 3, "pun_lost_bracket": 3}

HEADING_KINDS = ("num_skip", "num_repeat", "num_delete", "num_delimiter", "num_bracket")

# --------------------------------------------------------------------------- the injector


def _lines(text: str) -> list[tuple[int, str]]:
    out = []
    at = 0
    for line in text.split("\n"):
        out.append((at, line))
        at += len(line) + 1
    return out


def _interleave(items: list[Any], key: Callable[[Any], str], rng: random.Random) -> list[Any]:
    """Shuffle, then order so that any prefix takes from each document in proportion to
    its candidates (stratified: the j-th of a document's n candidates sorts at (j + u) / n,
    u uniform), which spreads the slips evenly over the text of the whole corpus."""
    groups: dict[str, list[Any]] = defaultdict(list)
    for it in items:
        groups[key(it)].append(it)
    ranked: list[tuple[float, str, int, Any]] = []
    for name in sorted(groups):
        g = groups[name]
        rng.shuffle(g)
        n = len(g)
        ranked.extend(((j + rng.random()) / n, name, j, it) for j, it in enumerate(g))
    ranked.sort(key=lambda r: (r[0], r[1], r[2]))
    return [r[3] for r in ranked]


def inject(
    docs: Iterable[tuple[str, str]],
    n: int = 2400,
    seed: int = 0,
    avoid: Mapping[str, set[int]] | None = None,
    kinds: Iterable[str] | None = None,
) -> dict[str, Injected]:
    """Make about ``n`` slips in ``docs`` (name, text), spread over kinds and documents.

    ``avoid`` maps a document name to 0-based line indexes left untouched.
    Returns every document (those without slips unchanged), keyed by name.
    """
    rng = random.Random(seed)
    docs = list(docs)
    texts = dict(docs)
    lines = {name: _lines(text) for name, text in docs}
    avoid = avoid or {}
    used: dict[str, set[int]] = {name: set(avoid.get(name, ())) for name, _t in docs}
    used_seq: dict[str, set[int]] = defaultdict(set)
    edits: dict[str, list[tuple[Edit, str, int]]] = defaultdict(list)  # doc -> (edit, kind, line)
    wanted = list(kinds) if kinds is not None else list(KINDS)
    quota = {k: -(-n // len(wanted)) for k in wanted}

    # candidates per kind: (doc, line) for paragraph kinds, HeadingSite for heading kinds
    cands: dict[str, list[Any]] = {}
    for kind in wanted:
        if kind in HEADING_KINDS:
            cands[kind] = [
                (name, hs) for name, text in docs for hs in heading_sites(text, lines[name], kind)
            ]
        else:
            check = _PRECHECK[kind]
            cands[kind] = [
                (name, i)
                for name, _t in docs
                for i, (_o, line) in enumerate(lines[name])
                if check(line)
            ]

    def take(kind: str, name: str, item: Any) -> bool:
        """Make one slip of ``kind`` at candidate ``item`` of ``name`` if it is still free."""
        if kind in HEADING_KINDS:
            hs = item
            if hs.line in used[name] or hs.seq in used_seq[name]:
                return False
            # the next heading a deletion points at must stay untouched too
            if any(lines_index(lines[name], a[0]) in used[name] for a in hs.edit[3]):
                return False
            edit, line = hs.edit, hs.line
            used_seq[name].add(hs.seq)
            for a in edit[3]:
                used[name].add(lines_index(lines[name], a[0]))
        else:
            line = item
            quiet = range(line + 1, line + 1 + QUIET_AFTER.get(kind, 0))
            if line in used[name] or any(q in used[name] for q in quiet):
                return False
            off, s = lines[name][line]
            got = SITES[kind](Para(name, texts[name], line, off, s), rng)
            if got is None:
                return False
            edit = got
            used[name].update(quiet)
        used[name].add(line)
        edits[name].append((edit, kind, line))
        return True

    # Kinds take turns, one slip each per round, the scarcest first in every round, so
    # that kinds competing for the same rare paragraphs (dates, say) share them.
    order = sorted(wanted, key=lambda k: (len(cands[k]), k))
    queues = {k: iter(_interleave(cands[k], key=lambda c: c[0], rng=rng)) for k in order}
    taken = dict.fromkeys(order, 0)
    active = list(order)
    while active:
        for kind in list(active):
            made = False
            for name, item in queues[kind]:
                if take(kind, name, item):
                    made = True
                    break
            if made:
                taken[kind] += 1
            if not made or taken[kind] >= quota[kind]:
                active.remove(kind)

    out: dict[str, Injected] = {}
    for name, text in docs:
        out[name] = build(name, text, edits.get(name, []))
    return out


def lines_index(lines: list[tuple[int, str]], pos: int) -> int:
    lo, hi = 0, len(lines) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if lines[mid][0] <= pos:
            lo = mid
        else:
            hi = mid - 1
    return lo


def build(name: str, text: str, edits: list[tuple[Edit, str, int]]) -> Injected:
    """The injected copy and its slips, with spans in the copy's coordinates."""
    edits = sorted(edits, key=lambda e: (e[0][0], e[0][1]))
    slips: list[Slip] = []
    delta = 0
    shifts: list[tuple[int, int]] = []  # (original end of an edit, cumulative delta after it)
    for (start, end, new, _acc), kind, line in edits:
        a = start + delta
        slips.append(
            Slip(name, kind, start, end, text[start:end], new, line + 1, (a, a + len(new)))
        )
        delta += len(new) - (end - start)
        shifts.append((end, delta))

    def moved(pos: int) -> int:
        d = 0
        for end, dd in shifts:
            if end <= pos:
                d = dd
            else:
                break
        return pos + d

    final = []
    for slip, ((_s, _e, _n, acc), _k, _l) in zip(slips, edits, strict=True):
        accept = tuple((moved(a), moved(b)) for a, b in acc)
        if slip.kind == "ph_template":  # the inserted line, without its newline
            slip = Slip(**{**slip.__dict__, "span": (slip.span[0], slip.span[1] - 1)})
        final.append(Slip(**{**slip.__dict__, "accept": accept}))
    return Injected(name, text, apply(text, final), final)
