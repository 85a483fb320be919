"""WRD003-WRD006: misused forms, term consistency, altered formulations, confused pairs."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from ... import lm, segment
from ...document import Document, is_han
from ...errors import RuleDataError
from ...model import Diagnostic, Edit, Fix, Span
from ...registry import rule
from .. import in_exception, quote
from .common import (
    JUNCTION_MIN_FREQ,
    JUNCTION_REACH,
    WordFinder,
    alternation,
    decisive_score,
)


# ===================================================================== WRD003
@dataclass(frozen=True)
class Misuse:
    """A misused form of WRD003 and what to write instead."""

    #: The misused form as written.
    wrong: str
    #: What to write instead.
    right: str
    #: Why (shown in the message and the documentation).
    reason: str
    #: Optional regex tried where ``wrong`` occurs (lookarounds for context); it must
    #: match there, starting with the word.
    pattern: str = ""
    #: Longer strings containing ``wrong`` in which it is right (一份内容, 省份内).
    exceptions: tuple[str, ...] = ()
    #: Fix safety: "safe", "unsafe" or "none".
    fix: str = "safe"

    def validate(self) -> str | None:
        if not self.wrong or not self.right:
            return "'wrong' and 'right' must not be empty"
        if self.wrong == self.right:
            return f"'{self.wrong}' maps to itself"
        if self.fix not in ("safe", "unsafe", "none"):
            return f"'fix' must be safe, unsafe or none, not {self.fix!r}"
        for e in self.exceptions:
            if self.wrong not in e:
                return f"exception {e!r} does not contain {self.wrong!r}"
        if self.pattern:
            try:
                p = re.compile(self.pattern)
            except re.error as exc:
                return f"invalid regex {self.pattern!r}: {exc}"
            if p.groups:
                return f"pattern {self.pattern!r} must not have capturing groups"
        return None

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.pattern or re.escape(self.wrong))


def load_confusables(path: Path) -> tuple[Misuse, ...]:
    """The entries of a confusables file: ``wrong<TAB>right<TAB>source<TAB>reason`` a line.

    Lines starting with ``#`` and blank lines are skipped.  A malformed line raises
    :class:`RuleDataError` naming the file and the line.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleDataError(f"{path.name}: cannot read: {exc}") from None
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = list(map(str.strip, line.split("\t")))  # in C: no generator per line
        if len(parts) != 4 or not all(parts):
            raise RuleDataError(f"{path.name}:{n}: expected wrong, right, source and reason separated by tabs")
        wrong, right, source, reason = parts
        e = Misuse(wrong, right, f"{reason}（{source}）")
        problem = e.validate()
        if problem:
            raise RuleDataError(f"{path.name}:{n}: {problem}")
        out.append(e)
    return tuple(out)


@dataclass(frozen=True)
class MisuseData:
    """WRD003's data: the misused forms."""

    entries: tuple[Misuse, ...] = ()
    #: A file under ``rules/`` with more entries, one a line (see :func:`load_confusables`):
    #: forms that are wrong wherever they stand, so they need no pattern or exceptions.
    confusables: str = ""

    @cached_property
    def all_entries(self) -> tuple[Misuse, ...]:
        if not self.confusables:
            return self.entries
        return self.entries + load_confusables(segment.rules_file(self.confusables))

    def validate(self) -> str | None:
        try:
            entries = self.all_entries
        except RuleDataError as exc:
            return str(exc)
        seen: set[str] = set()
        rights = {e.right for e in entries}
        for e in entries:
            if e.wrong in seen:
                return f"'{e.wrong}' listed twice"
            seen.add(e.wrong)
            if e.wrong in rights:
                return f"'{e.wrong}' is both a wrong and a right form (a cycle)"
        return None

    @cached_property
    def finder(self) -> tuple[WordFinder, dict[str, Misuse]]:
        table = {e.wrong: e for e in self.all_entries}
        return WordFinder(tuple(table)), table


def substitution_fix(span: Span, right: str, kind: str) -> Fix | None:
    """The fix replacing ``span`` by ``right``; ``kind``: safe, unsafe or none (no fix)."""
    return None if kind == "none" else Fix.replace(span, right, "safe" if kind == "safe" else "unsafe")


def substitutions(text: str, finder: WordFinder, table: Mapping[str, Misuse]) -> Iterator[tuple[int, int, Misuse]]:
    """(start, end, entry) of each wrong form of ``table`` in ``text`` that is no exception.

    The one substitution check, shared by WRD003 and the substitution rules of rule packs:
    ``finder`` finds the wrong forms (the keys of ``table``); an entry's context pattern,
    if any, must match where its form stands (and sets the end of the finding); a form
    inside one of its entry's exceptions (份内 in 省份内) is right there.
    """
    for start, end, wrong in finder.finditer(text):
        e = table[wrong]
        if e.pattern:  # the context pattern is tried where the word occurs
            m = e.regex.match(text, start)
            if m is None:
                continue
            end = m.end()
        if not in_exception(text, start, text[start:end], e.exceptions):
            yield start, end, e


def _misuse_diag(span: Span, wrong: str, e: Misuse) -> Diagnostic:
    return Diagnostic("WRD003", span, f"{quote(wrong)}应为{quote(e.right)}：{e.reason}",
                      substitution_fix(span, e.right, e.fix))


@rule("WRD003", "misused-word", data=MisuseData, severity="warning", fix="sometimes")
def misused_word(doc: Document, data: MisuseData) -> Iterator[Diagnostic]:
    """错别字和误用词（报帐→报账、份内→分内、做为→作为、既使→即使、部份→部分……）。

    ## 检查内容
    两份词表：
    - `rules/wrd_confusables.txt`：任何位置都错的写法，一行一条（错误写法、正确写法、来源、
      理由），来自《第一批异形词整理表》（GF 1001-2001，非推荐词形 → 推荐词形）、《咬文嚼字》
      公布的“当代汉语出版物中最常见的100个别字”、它历年“十大语文差错”中的错字和其他公开的
      常见错别字表；只收不是常用词、不是正确词语的一部分、也不易跨词出现的写法；
    - `rules/wrd.yaml` 中 WRD003 的 `entries`：需要例外或上下文的条目，写明错误写法作为
      更长词语的一部分时是对的那些上下文（例外，如“一份内容”“省份内”中的“份内”）；
      需要看上下文的条目（“既使……又……”是对的，“既使”单用应为“即使”）用正则写出前后文。
    错误写法只是两个正确词语相接处的字（“平安祥和”中的“安祥”：平安 + 祥和）时不报告：
    按 jieba 的切分，没有一个词覆盖整个写法，而与它相交的都是伸出写法之外的常用词。

    ## 为什么
    错别字是讲话稿中最“显眼”的错误，也是审稿时最先被挑出来的问题。词表只收确定的错误，
    每条附理由，宁缺毋滥。

    ## 示例（错 → 对）
    - 错：`扶贫项目实行报帐制` → 对：`扶贫项目实行报账制`
    - 错：`是各级党组织的份内职责` → 对：`是各级党组织的分内职责`
    - 错：`做为一名党员干部，` → 对：`作为一名党员干部，`
    - 错：`同志们要再接再砺` → 对：`同志们要再接再厉`（GF 1001-2001）
    - 不报：`既使群众得实惠，又使企业受益`

    ## 修复安全性
    多数条目安全（一对一替换）；词表中 `fix: unsafe` 的条目需要 `--unsafe-fixes`，
    `fix: none` 的条目不提供修复。

    ## 依据
    《现代汉语词典》（第7版）；教育部、国家语委《第一批异形词整理表》（2001）；
    《通用规范汉字表》（2013）。条目由本项目编写，理由逐条写在词表中。
    """
    text = doc.check_text
    finder, table = data.finder
    for start, end, e in substitutions(text, finder, table):
        if not _junction(text, start, end):
            yield _misuse_diag(Span(start, end), text[start:end], e)




def _junction(text: str, start: int, end: int) -> bool:
    """Is ``text[start:end]`` only the junction of two words (平安|祥和 holds 安祥)?

    True when jieba's segmentation of the Han text around it keeps no token over the
    whole form and every token touching it is a common word of two or more characters
    reaching outside it: the form was never written, two correct words touch.
    A real slip stays a token of its own (神态/安祥) or falls apart into single
    characters (按/装).
    """
    lo, hi = start, end
    while lo > 0 and start - lo < JUNCTION_REACH and is_han(text, lo - 1):
        lo -= 1
    while hi < len(text) and hi - end < JUNCTION_REACH and is_han(text, hi):
        hi += 1
    touching = [(lo + a, lo + b, f) for a, b, f in segment.tokens(text[lo:hi]) if lo + a < end and lo + b > start]
    if len(touching) < 2:
        return False
    return all(b - a > 1 and f >= JUNCTION_MIN_FREQ and (a < start or b > end) for a, b, f in touching)


# ===================================================================== WRD004
@dataclass(frozen=True)
class TermGroup:
    """The forms of one term of WRD004."""

    #: Forms of one term; the less used one in a document is reported.
    forms: tuple[str, ...]
    #: Why the forms must not be mixed.
    reason: str
    #: The standard form, if the norms name one: a document whose majority writes another form
    #: is never advised to change this one (其他 for persons stays 其他 in a text that mostly
    #: writes 其它).
    preferred: str | None = None

    def validate(self) -> str | None:
        if len(self.forms) < 2 or len(set(self.forms)) != len(self.forms):
            return "'forms' needs at least two different forms"
        if self.preferred is not None and self.preferred not in self.forms:
            return f"'preferred' {self.preferred!r} is not one of the forms"
        if any("\n" in f or "\r" in f for f in self.forms):
            return "a form must not hold a line break"  # WRD004's line view reads line by line
        for a in self.forms:
            for b in self.forms:
                if a != b and a in b:
                    return f"form {a!r} is part of {b!r}"
        return None


@dataclass(frozen=True)
class TermData:
    """WRD004's data: the groups of forms."""

    groups: tuple[TermGroup, ...] = ()

    @cached_property
    def index(self) -> tuple[WordFinder, dict[str, int]]:
        owner = {f: i for i, g in enumerate(self.groups) for f in g.forms}
        return WordFinder(tuple(owner)), owner


def consistency_findings(
    text: str, groups: tuple[tuple[tuple[str, ...], str], ...], code: str, finder: WordFinder,
    owner: dict[str, int], preferred: tuple[str | None, ...] = (),
) -> Iterator[Diagnostic]:
    """Shared with rule packs: report each use of a minority form of a group.

    ``owner`` maps each form to its group's index in ``groups`` (forms, reason).
    ``preferred`` gives, per group, the standard form or None: a group whose majority is not
    its standard form is left alone (the advice would be to replace the standard form).
    """
    hits: dict[int, dict[str, list[tuple[int, int]]]] = {}
    for start, end, form in finder.finditer(text):
        hits.setdefault(owner[form], {}).setdefault(form, []).append((start, end))
    for gi, by_form in hits.items():
        if len(by_form) < 2:
            continue
        ranked = sorted(by_form.items(), key=lambda kv: -len(kv[1]))
        major, major_hits = ranked[0]
        if len(ranked[1][1]) == len(major_hits):
            continue  # a tie: no majority to point to
        standard = preferred[gi] if gi < len(preferred) else None
        if standard is not None and major != standard:
            continue  # the minority is the standard form: never advise against it
        reason = groups[gi][1]
        for form, ms in ranked[1:]:
            for start, end in ms:
                span = Span(start, end)
                yield Diagnostic(
                    code,
                    span,
                    f"{quote(form)}与本文多数写法{quote(major)}（{len(major_hits)} 处）不一致，"
                    f"应统一为{quote(major)}：{reason}",
                    Fix.replace(span, major, "unsafe"),
                )


def _term_view(number: int, line: str, masked: str) -> tuple[object, tuple[tuple[int, int], ...]]:
    """WRD004's line view (``registry.rule``): where the line uses a form of a term, the
    characters of that use (no form holds a line break, so the uses in the document are
    those of its lines); nothing else of the line is read."""
    from ..data import family_data

    data: TermData = family_data("WRD")["WRD004"]  # the data the engine runs it with
    finder, _ = data.index
    return None, tuple((start, end) for start, end, _ in finder.finditer(masked))


@rule("WRD004", "inconsistent-term", data=TermData, severity="warning", fix="unsafe", scope="document",
      line_view=_term_view)
def inconsistent_term(doc: Document, data: TermData) -> Iterator[Diagnostic]:
    """同一文稿中同一术语有两种写法（如“党风廉政建设”与“党风廉洁建设”）。

    ## 检查内容
    `rules/wrd.yaml` 中 WRD004 的每一组写法（同一术语的不同写法）在一篇文稿中同时出现时，
    报告用得少的写法的每一处，并指出多数写法；两种写法次数相同时不报（无从判断）。
    一组写法若有规范推荐的写法（`preferred`），而文稿的多数写法不是它，也不报：
    不会建议把规范写法改成不规范的写法（如多数写“其它”时，指人的“其他”不报）。

    ## 为什么
    一篇讲话前后用两种写法，听众会以为说的是两件事；公文要求术语前后一致。

    ## 示例（错 → 对）
    - 错：`加强党风廉政建设……党风廉政建设……党风廉洁建设` →
      对：三处都写`党风廉政建设`
    - 不报：全文只用其中一种写法

    ## 修复安全性
    不安全：替换为多数写法通常正确，但也可能多数写法才是错的，需要人工确认。

    ## 依据
    GB/T 15835-2011 第4章总则（同一文本中同类用法保持一致）；GB/T 9704-2012 对公文用语
    准确、规范的要求。
    """
    finder, owner = data.index
    groups = tuple((g.forms, g.reason) for g in data.groups)
    preferred = tuple(g.preferred for g in data.groups)
    yield from consistency_findings(doc.check_text, groups, "WRD004", finder, owner, preferred)


# ===================================================================== WRD005
@dataclass(frozen=True)
class Expression:
    """A fixed expression of WRD005."""

    #: The exact, canonical wording.
    canonical: str
    #: Altered or truncated forms seen in drafts, each reported.
    variants: tuple[str, ...]
    reason: str

    def validate(self) -> str | None:
        if not self.variants:
            return "'variants' must not be empty"
        if self.canonical in self.variants:
            return f"canonical form {self.canonical!r} listed as a variant"
        return None


@dataclass(frozen=True)
class FixedSequence:
    """A fixed formulation of WRD005 with its items in order."""

    #: Name of the formulation (四个自信).
    name: str
    #: Its items in their fixed order.
    items: tuple[str, ...]
    reason: str
    #: Suffixes an item may carry in an enumeration (创新发展、协调发展…).
    suffixes: tuple[str, ...] = ()

    def validate(self) -> str | None:
        if len(self.items) < 2 or len(set(self.items)) != len(self.items):
            return "'items' needs at least two different items"
        return None


@dataclass(frozen=True)
class ExpressionData:
    """WRD005's data: the fixed expressions and formulations."""

    expressions: tuple[Expression, ...] = ()
    sequences: tuple[FixedSequence, ...] = ()
    #: An enumeration: items separated by 、 (no other punctuation inside an item).
    enumeration: re.Pattern[str] = field(default=re.compile(r"[^、，。；：！？\s“”‘’《》（）]{1,12}(?:、[^、，。；：！？\s“”‘’《》（）]{1,12})+"))

    def validate(self) -> str | None:
        seen: set[str] = set()
        for e in self.expressions:
            for v in e.variants:
                if v in seen:
                    return f"variant {v!r} listed twice"
                seen.add(v)
        return None

    @cached_property
    def variants(self) -> tuple[WordFinder, dict[str, Expression]]:
        table = {v: e for e in self.expressions for v in e.variants}
        return WordFinder(tuple(table)), table

    @cached_property
    def hint(self) -> re.Pattern[str] | None:
        """A 顿号 followed by an item: where an enumeration of a sequence may be."""
        items = {i for s in self.sequences for i in s.items}
        return re.compile(f"、(?:{alternation(tuple(items))})") if items else None


@rule("WRD005", "altered-formulation", data=ExpressionData, severity="error", fix="sometimes")
def altered_formulation(doc: Document, data: ExpressionData) -> Iterator[Diagnostic]:
    """规范政治表述被改动、缩略或颠倒顺序（如“以习近平总书记为核心的党中央”）。

    ## 检查内容
    - `expressions`：规范表述的已知错误变体，例如“以习近平同志为核心的党中央”写成
      “以习近平总书记为核心的党中央”，“习近平新时代中国特色社会主义思想”漏字，
      固定表述“四个意识”写成“4个意识”。
    - `sequences`：有固定顺序的并列表述（四个意识、四个自信、三严三实的前三项、
      五位一体、新发展理念），全部各项出现在同一个顿号并列中而顺序不对时报告。
    清单只收确定的表述，宁少勿滥。

    ## 为什么
    重要政治表述有规范的、统一的写法，改动一个字或调换顺序都是政治性差错，
    在讲话稿审核中属于必须改正的问题。

    ## 示例（错 → 对）
    - 错：`在以习近平总书记为核心的党中央领导下` → 对：`在以习近平同志为核心的党中央领导下`
    - 错：`树牢政治意识、核心意识、大局意识、看齐意识` →
      对：`树牢政治意识、大局意识、核心意识、看齐意识`
    - 错：`增强4个意识` → 对：`增强四个意识`

    ## 修复安全性
    变体替换为规范表述是安全的；调整并列顺序标为不安全（请人工确认并列确指该表述）。

    ## 依据
    《中国共产党章程》（2022年修改）总纲；党的十八届六中全会公报（“以习近平同志为核心的
    党中央”）；GB/T 15835-2011 第5.2节（固定表述中的数字用汉字）。
    """
    text = doc.check_text
    finder, table = data.variants
    for start, end, variant in finder.finditer(text):
        e = table[variant]
        span = Span(start, end)
        yield Diagnostic(
            "WRD005",
            span,
            f"{quote(variant)}应为规范表述{quote(e.canonical)}：{e.reason}",
            Fix.replace(span, e.canonical),
        )
    if data.hint is None:
        return
    done = -1
    for h in data.hint.finditer(text):
        if h.start() < done:
            continue
        lo = h.start()
        while lo > 0 and text[lo - 1] not in _ENUM_STOP:
            lo -= 1
        stop = _enum_stop_re().search(text, h.end())
        hi = stop.start() if stop else len(text)
        done = hi
        for m in data.enumeration.finditer(text, lo, hi):
            for s in data.sequences:
                d = _sequence_finding(m, s)
                if d is not None:
                    yield d


_ENUM_STOP = "，。；：！？“”‘’《》（）\r\n\t \u3000"


# Where an enumeration ends: read only after a 顿号 before an item of a sequence (``hint``),
# compiled then (a class of non-ASCII marks: ~0.25 ms, in every process).
@cache
def _enum_stop_re() -> re.Pattern[str]:
    return re.compile(f"[{re.escape(_ENUM_STOP)}]")


def _sequence_finding(m: re.Match[str], s: FixedSequence) -> Diagnostic | None:
    """A finding when the enumeration ``m`` holds all of ``s``'s items in another order."""
    whole = m.group(0)
    if not all(it in whole for it in s.items):
        return None  # every element found below is a part of the match: an item is missing
    elems: list[tuple[int, str]] = []
    pos = m.start()
    for el in m.group(0).split("、"):
        elems.append((pos, el))
        pos += len(el) + 1
    # the first element may carry a verb before the item (树牢政治意识), the last one
    # words after it (看齐意识的要求): trim them to the item
    first_pos, first = elems[0]
    for it in s.items:
        if first.endswith(it) and first != it:
            elems[0] = (first_pos + len(first) - len(it), it)
            break
    last_pos, last = elems[-1]
    if _base(last, s) not in s.items:
        for it in sorted(s.items, key=len, reverse=True):
            for suf in ("", *s.suffixes):
                if last.startswith(it + suf):
                    elems[-1] = (last_pos, it + suf)
                    break
            else:
                continue
            break
    idx = [i for i, (_, el) in enumerate(elems) if _base(el, s) in s.items]
    found = [_base(elems[i][1], s) for i in idx]
    if len(found) != len(s.items) or set(found) != set(s.items) or found == list(s.items):
        return None
    first_i, last_i = idx[0], idx[-1]
    if last_i - first_i + 1 != len(s.items):
        return None
    start = elems[first_i][0]
    end = elems[last_i][0] + len(elems[last_i][1])
    order = {it: k for k, it in enumerate(s.items)}
    run = [el for _, el in elems[first_i : last_i + 1]]
    fixed = "、".join(sorted(run, key=lambda el: order[_base(el, s)]))
    span = Span(start, end)
    return Diagnostic(
        "WRD005",
        span,
        f"“{s.name}”的顺序应为{quote(fixed)}：{s.reason}",
        Fix((Edit(span, fixed),), "unsafe"),
    )


def _base(el: str, s: FixedSequence) -> str:
    for suf in s.suffixes:
        if el.endswith(suf) and el[: -len(suf)] in s.items:
            return el[: -len(suf)]
    return el


# ===================================================================== WRD006
@dataclass(frozen=True)
class ConfusedPair:
    """Two forms of WRD006 that people write for each other."""

    #: The two forms, each a word people write for the other (截至, 截止).
    first: str
    second: str
    #: What each form means, in Chinese (shown in the message and the documentation).
    reason: str
    #: This pair's threshold, when it needs its own (else the data's ``threshold``).
    threshold: float | None = None

    def validate(self) -> str | None:
        if not self.first or not self.second:
            return "'first' and 'second' must not be empty"
        if self.first == self.second:
            return f"pair {self.first!r} is paired with itself"
        if self.first in self.second or self.second in self.first:
            return f"form {self.first!r} and {self.second!r}: one is part of the other"
        if not self.reason.strip():
            return "'reason' must not be empty"
        return None

    def other(self, form: str) -> str:
        return self.second if form == self.first else self.first


@dataclass(frozen=True)
class PairData:
    """WRD006's data: the confused pairs."""

    pairs: tuple[ConfusedPair, ...] = ()
    #: Report when log P(alternative) - log P(as written), over the window, exceeds this.
    threshold: float = 10.0
    #: Characters of context scored on each side of the form (never past a clause end).
    window: int = 3

    def validate(self) -> str | None:
        seen: set[str] = set()
        for p in self.pairs:
            for f in (p.first, p.second):
                if f in seen:
                    return f"form {f!r} is in two pairs"
                seen.add(f)
        if self.window < 1:
            return "'window' must be at least 1"
        return None

    @cached_property
    def by_form(self) -> dict[str, ConfusedPair]:
        return {f: p for p in self.pairs for f in (p.first, p.second)}

    @cached_property
    def finder(self) -> WordFinder:
        return WordFinder(tuple(self.by_form))

    def threshold_of(self, pair: ConfusedPair) -> float:
        return self.threshold if pair.threshold is None else pair.threshold


@rule("WRD006", "confused-pair", data=PairData, severity="warning", fix="unsafe", preview=True)
def confused_pair(doc: Document, data: PairData) -> Iterator[Diagnostic]:
    """两个都是词、意思不同的词用混（截至/截止、度过/渡过、权利/权力、反映/反应、必须/必需），由上下文判断。

    ## 检查内容
    `rules/wrd.yaml` 中 WRD006 的每一对词（两种写法都是正确的词，只是意思不同）：文稿中
    出现其中一个时，用本项目的汉字语言模型（`speechlint/lm.py`，由规范公文统计而来）比较
    这个位置前后各几个字（不跨分句）写成原词和写成另一个词的概率；另一个词的概率压倒性
    地大（对数似然比超过该对词的阈值 `threshold`）时报告，并说明两个词的区别。
    只在模型非常确定时才报，宁漏勿错：拿不准的用法不报；词在分句末尾（后面没有汉字）时
    不报，因为区分这几对词主要靠后面的词。“截止目前”“截止2025年底”这类“截止”后接时间
    的错误由 WRD003 按词形报告。

    本规则是预览规则，默认不启用，需在 `select` 中写明 `WRD006`：在共享语料的检验一半
    （未用于调参）上，它在规范文本中每 10 万字误报 0.21 处，超出默认规则的误报预算。

    ## 为什么
    这些词读音相同或相近、字形相似，两种写法都是词，拼写检查和错别字词表都查不出来，
    却是审稿中常被指出的用词错误：“必需坚持”应为“必须坚持”，“反应群众呼声”应为“反映”，
    “把权利关进制度的笼子里”应为“权力”。

    ## 示例（错 → 对）
    - 错：`我们必需坚持党的全面领导` → 对：`我们必须坚持党的全面领导`
    - 错：`保障群众生活必须品供应` → 对：`保障群众生活必需品供应`
    - 错：`要及时反应群众呼声` → 对：`要及时反映群众呼声`
    - 错：`把权利关进制度的笼子里` → 对：`把权力关进制度的笼子里`
    - 错：`申报截至时间为6月30日` → 对：`申报截止时间为6月30日`
    - 不报：`截至目前`、`报名截止时间`、`依法保障公民权利`、`对市场变化反应迅速`、
      `帮助企业渡过难关`、`价格一度过快上涨`（“度过”跨两个词）

    ## 修复安全性
    不安全：改为另一个词通常正确，但用哪个词由意思决定，需要人工确认（`--unsafe-fixes`）。

    ## 依据
    《现代汉语词典》（第7版）“截至”“截止”“度过”“渡过”“权利”“权力”“反映”“反应”
    “必须”“必需”各条。阈值在共享语料的调参一半上交叉标定（每篇文档由不含它的模型打分，
    `bench/confused_pairs.py --sweep`）：该一半的规范文本中没有一处超过阈值。
    """
    model = lm.model()
    if model is None:
        return
    text = doc.check_text
    for start, end, form in data.finder.finditer(text):
        pair = data.by_form[form]
        alt = pair.other(form)
        score = decisive_score(model, text, start, end, alt, data.window)
        if score is None or score <= data.threshold_of(pair):
            continue
        span = Span(start, end)
        yield Diagnostic(
            "WRD006",
            span,
            f"{quote(form)}在此处疑为{quote(alt)}之误：{pair.reason}",
            Fix((Edit(span, alt),), "unsafe"),
        )
