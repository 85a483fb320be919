"""User rule packs: a unit's own terms, banned words and preferred forms, as YAML data.

A pack is one YAML file (see ``examples/pack.yaml`` and the README section
"规则包 / Rule packs")::

    name: 某某县政府办公室用语规范
    prefix: XZ                      # the pack's own code prefix (2-4 capitals)
    rules:
      XZ001:
        kind: existence             # existence | substitution | consistency | pattern
        name: banned-word
        summary: 不使用本单位禁用的说法
        reason: ...
        words: [...]

Packs are data, never code: read with the safe YAML loader and validated like the
built-in rule data (every error names file, line, rule and key).  Regexes are
compiled at load with the ``regex`` engine and run line by line with a time limit,
so a pattern that backtracks catastrophically cannot hang the CLI or the language
server: the rule fails with a clear message and the other rules keep running.

Each pack rule becomes a :class:`speechlint.registry.Rule` with its own code and a
generated docstring in the standard sections, so ``speechlint rule XZ001`` and the
language server treat it like a built-in rule.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import MappingProxyType

import yaml

from . import registry
from .checks import in_exception
from .checks.wrd import Misuse, WordFinder, consistency_findings, substitution_fix, substitutions
from .data import _convert, build, compose_file
from .document import Document
from .errors import RuleDataError
from .model import SEVERITIES, Diagnostic, Fix, Span
from .registry import DOC_SECTIONS, Rule

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

KINDS = ("existence", "substitution", "consistency", "pattern")
_PREFIX = re.compile(r"^[A-Z]{2,4}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$")
#: Placeholders a message template may use.
_PLACEHOLDERS = {"match": "甲", "replacement": "乙", "reason": "丙", "majority": "丁", "count": "2"}
#: Default time limit for one pattern on one line, in seconds.
DEFAULT_TIMEOUT = 0.25


def _quote(s: str) -> str:
    return f"“{s}”"


@dataclass(frozen=True)
class Examples:
    #: Texts the rule must report (checked at load).
    bad: tuple[str, ...] = ()
    #: Texts the rule must leave alone (checked at load).
    good: tuple[str, ...] = ()


@dataclass(frozen=True)
class PackRule:
    """One rule of a pack, validated and compiled at load."""

    kind: str
    #: kebab-case name saying what is wrong (banned-word).
    name: str
    #: One-line summary (the first line of the documentation).
    summary: str
    #: Why (the documentation's 为什么 section; also shown in messages as {reason}).
    reason: str
    severity: str = "warning"
    #: What is checked (检查内容); generated from the data when empty.
    description: str = ""
    #: The authority (依据): a regulation, a style sheet, a decision of the unit.
    source: str = ""
    #: Message template: {match} {replacement} {reason} {majority} {count}.
    message: str = ""
    #: existence: words that must not be used.
    words: tuple[str, ...] = ()
    #: substitution: wrong form -> preferred form.
    swap: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    #: consistency: groups of forms of one term; the minority form is reported.
    groups: tuple[tuple[str, ...], ...] = ()
    #: pattern: a regular expression (``regex`` syntax), searched line by line.
    pattern: str = ""
    #: pattern: optional replacement template (\\1, \\g<name>).
    replace: str | None = None
    #: Longer strings containing a match in which it is right (exempt).
    exceptions: tuple[str, ...] = ()
    #: Fix safety: safe | unsafe | none (default: safe for substitution,
    #: unsafe for consistency and pattern with replace, none otherwise).
    fix: str = ""
    #: pattern: time limit per line in seconds.
    timeout: float = DEFAULT_TIMEOUT
    examples: Examples = field(default_factory=Examples)

    def validate(self) -> str | None:
        if self.kind not in KINDS:
            return f"key 'kind': {self.kind!r} is not one of: {', '.join(KINDS)}"
        if not _NAME.match(self.name):
            return f"key 'name': {self.name!r} should be kebab-case (banned-word)"
        if self.severity not in SEVERITIES:
            return f"key 'severity': {self.severity!r} is not one of: {', '.join(SEVERITIES)}"
        if self.fix not in ("", "safe", "unsafe", "none"):
            return f"key 'fix': {self.fix!r} is not one of: safe, unsafe, none"
        if not self.summary.strip() or not self.reason.strip():
            return "keys 'summary' and 'reason' must not be empty"
        if not 0 < self.timeout <= 10:
            return "key 'timeout': expected seconds between 0 and 10"
        needs = {"existence": "words", "substitution": "swap", "consistency": "groups", "pattern": "pattern"}
        key = needs[self.kind]
        if not getattr(self, key):
            return f"kind {self.kind} needs key {key!r}"
        for other in set(needs.values()) - {key}:
            if getattr(self, other):
                return f"key {other!r} does not belong to kind {self.kind}"
        if self.replace is not None and self.kind != "pattern":
            return f"key 'replace' does not belong to kind {self.kind}"
        if any(not w for w in self.words) or any(not k or not v for k, v in self.swap.items()):
            return "empty word"
        for k, v in self.swap.items():
            if k == v:
                return f"key 'swap': {k!r} maps to itself"
            if v in self.swap:
                return f"key 'swap': {v!r} is both a wrong and a preferred form (a cycle)"
        for g in self.groups:
            if len(g) < 2 or len(set(g)) != len(g):
                return f"key 'groups': {list(g)} needs at least two different forms"
        if self.kind == "pattern":
            problem = _compile_problem(self.pattern)
            if problem:
                return f"key 'pattern': invalid regex {self.pattern!r}: {problem}"
            if self.replace is not None:
                try:
                    _check_template(self.compiled, self.replace)
                except Exception as exc:  # noqa: BLE001 - any template error is the user's
                    return f"key 'replace': bad replacement {self.replace!r}: {exc}"
        if self.message:
            try:
                self.message.format(**_PLACEHOLDERS)
            except (KeyError, IndexError, ValueError) as exc:
                return (
                    f"key 'message': bad template {self.message!r} ({exc}); "
                    f"placeholders: {', '.join('{' + p + '}' for p in _PLACEHOLDERS)}"
                )
        return None

    # -------------------------------------------------------------- compiled
    @property
    def fix_kind(self) -> str:
        if self.fix:
            return self.fix
        if self.kind == "substitution":
            return "safe"
        if self.kind == "consistency" or (self.kind == "pattern" and self.replace is not None):
            return "unsafe"
        return "none"

    @property
    def scope(self) -> str:
        return "document" if self.kind == "consistency" else "paragraph"

    @cached_property
    def compiled(self) -> Any:
        import regex

        return regex.compile(self.pattern, regex.V0)

    @cached_property
    def misuses(self) -> dict[str, Misuse]:
        """substitution: each wrong form as an entry of the check WRD003 runs too."""
        return {
            wrong: Misuse(wrong, right, self.reason, exceptions=tuple(e for e in self.exceptions if wrong in e),
                          fix=self.fix_kind)
            for wrong, right in self.swap.items()
        }

    @cached_property
    def literal(self) -> WordFinder:
        # literals cannot backtrack: the standard engine is enough
        return WordFinder(list(self.words) or list(self.swap) or [f for g in self.groups for f in g])


def _compile_problem(pattern: str) -> str | None:
    import regex

    try:
        regex.compile(pattern, regex.V0)
    except regex.error as exc:
        return str(exc)
    except (OverflowError, RecursionError, ValueError) as exc:  # pragma: no cover - exotic
        return str(exc)
    if "\\b" in pattern:
        return r"do not use \b: Han characters have no word boundaries"
    return None


def _check_template(compiled: Any, template: str) -> None:
    """Raise when ``template`` refers to groups the pattern does not have."""
    for m in re.finditer(r"\\(\d+)|\\g<([^>]+)>", template):
        ref = m.group(1) or m.group(2)
        if ref.isdigit():
            if int(ref) > compiled.groups:
                raise ValueError(f"no group {ref}")
        elif ref not in compiled.groupindex:
            raise ValueError(f"no group {ref!r}")


@dataclass(frozen=True)
class Pack:
    path: str
    name: str
    prefix: str
    description: str
    rules: tuple[tuple[str, PackRule, int], ...]  # (code, rule, line)


# ------------------------------------------------------------------- loading
def _scalar(node: yaml.Node, path: str, label: str) -> str:
    return str(_convert(node, str, path, label))


def parse(path: str) -> Pack:
    """Read and validate one pack file (compile every regex, check every example)."""
    file = Path(path)
    root = compose_file(file)
    shown = str(file)
    if not isinstance(root, yaml.MappingNode):
        raise RuleDataError(f"{shown}:1: a rule pack is a mapping with keys name, prefix, rules")
    top: dict[str, yaml.Node] = {}
    for knode, vnode in root.value:
        key = str(knode.value)
        if key not in ("name", "prefix", "description", "rules"):
            raise RuleDataError(
                f"{shown}:{knode.start_mark.line + 1}: pack: unknown key {key!r}; "
                "expected: description, name, prefix, rules"
            )
        if key in top:
            raise RuleDataError(f"{shown}:{knode.start_mark.line + 1}: pack: key {key!r} given twice")
        top[key] = vnode
    for key in ("name", "prefix", "rules"):
        if key not in top:
            raise RuleDataError(f"{shown}:1: pack: missing key {key!r}")
    name = _scalar(top["name"], shown, "pack: key 'name'")
    prefix = _scalar(top["prefix"], shown, "pack: key 'prefix'")
    description = _scalar(top["description"], shown, "pack: key 'description'") if "description" in top else ""
    at = f"{shown}:{top['prefix'].start_mark.line + 1}: pack: key 'prefix'"
    if not _PREFIX.match(prefix):
        raise RuleDataError(f"{at}: {prefix!r} should be 2 to 4 capital letters (XZ)")
    for fam in (*registry.FAMILIES, "ALL"):
        if prefix.startswith(fam) or fam.startswith(prefix):
            raise RuleDataError(
                f"{at}: {prefix!r} collides with the built-in family {fam} (selecting one would select the other)"
            )
    rules_node = top["rules"]
    if not isinstance(rules_node, yaml.MappingNode) or not rules_node.value:
        raise RuleDataError(f"{shown}:{rules_node.start_mark.line + 1}: pack: 'rules' must map codes to rules")
    code_re = re.compile(rf"^{prefix}\d{{3}}$")
    rules: list[tuple[str, PackRule, int]] = []
    seen: set[str] = set()
    for knode, vnode in rules_node.value:
        code = str(knode.value)
        line = knode.start_mark.line + 1
        if not code_re.match(code):
            raise RuleDataError(f"{shown}:{line}: pack: rule code {code!r} should be {prefix} + 3 digits ({prefix}001)")
        if code in seen:
            raise RuleDataError(f"{shown}:{line}: {code}: rule code given twice")
        seen.add(code)
        spec = build(PackRule, vnode, shown, code)
        _check_examples(code, spec, shown, vnode)
        rules.append((code, spec, line))
    return Pack(os.path.abspath(path), name, prefix, description, tuple(rules))


def _check_examples(code: str, spec: PackRule, path: str, node: yaml.Node) -> None:
    line = node.start_mark.line + 1
    for text in spec.examples.bad:
        if not list(_check(spec, code)(Document.from_text(text), spec)):
            raise RuleDataError(f"{path}:{line}: {code}: bad example {text!r} is not reported")
    for text in spec.examples.good:
        found = list(_check(spec, code)(Document.from_text(text), spec))
        if found:
            raise RuleDataError(f"{path}:{line}: {code}: good example {text!r} is reported: {found[0].message}")


# -------------------------------------------------------------------- checks
def _message(spec: PackRule, default: str, **values: str) -> str:
    values.setdefault("reason", spec.reason)
    return (spec.message or default).format(**{**_PLACEHOLDERS, **values})


def _fix(spec: PackRule, span: Span, text: str) -> Fix | None:
    return substitution_fix(span, text, spec.fix_kind)


def _check(spec: PackRule, code: str) -> Any:
    if spec.kind == "existence":

        def existence(doc: Document, data: PackRule) -> Iterator[Diagnostic]:
            text = doc.check_text
            for start, end, word in data.literal.finditer(text):
                if not in_exception(text, start, word, data.exceptions):
                    span = Span(start, end)
                    yield Diagnostic(code, span, _message(data, "{match}不宜使用：{reason}", match=_quote(word)), None)

        return existence
    if spec.kind == "substitution":

        def substitution(doc: Document, data: PackRule) -> Iterator[Diagnostic]:
            text = doc.check_text
            for start, end, e in substitutions(text, data.literal, data.misuses):
                span = Span(start, end)
                msg = _message(data, "{match}应为{replacement}：{reason}", match=_quote(e.wrong),
                               replacement=_quote(e.right))
                yield Diagnostic(code, span, msg, substitution_fix(span, e.right, e.fix))

        return substitution
    if spec.kind == "consistency":

        def consistency(doc: Document, data: PackRule) -> Iterator[Diagnostic]:
            groups = tuple((g, data.reason) for g in data.groups)
            owner = {f: i for i, g in enumerate(data.groups) for f in g}
            for d in consistency_findings(doc.check_text, groups, code, data.literal, owner):
                if data.message:
                    form = doc.check_text[d.span.start : d.span.end]
                    major = d.fix.edits[0].text if d.fix else ""
                    d = Diagnostic(code, d.span, _message(data, "", match=_quote(form), majority=_quote(major)),
                                   d.fix)
                if data.fix_kind == "none":
                    d = Diagnostic(code, d.span, d.message)
                elif data.fix_kind == "safe" and d.fix:
                    d = Diagnostic(code, d.span, d.message, Fix(d.fix.edits, "safe"))
                yield d

        return consistency

    def pattern(doc: Document, data: PackRule) -> Iterator[Diagnostic]:
        compiled = data.compiled
        text = doc.check_text
        for para in doc.paragraphs:
            try:
                matches = list(compiled.finditer(para.text, timeout=data.timeout))
            except TimeoutError:
                line = para.line + 1
                raise RuntimeError(
                    f"pattern {data.pattern!r} took longer than {data.timeout} s on line {line} "
                    "(catastrophic backtracking?); rule skipped for this document"
                ) from None
            for m in matches:
                if m.end() == m.start():
                    continue
                start = para.span.start + m.start()
                if in_exception(text, start, m.group(0), data.exceptions):
                    continue
                span = Span(start, para.span.start + m.end())
                replacement = m.expand(data.replace) if data.replace is not None else ""
                msg = _message(
                    data,
                    "{match}应为{replacement}：{reason}" if data.replace is not None else "{match}：{reason}",
                    match=_quote(m.group(0)),
                    replacement=_quote(replacement),
                )
                yield Diagnostic(code, span, msg, _fix(data, span, replacement) if data.replace is not None else None)

    return pattern


# -------------------------------------------------------------- documentation
def _doc(pack: Pack, code: str, spec: PackRule) -> str:
    what = spec.description.strip()
    if not what:
        if spec.kind == "existence":
            what = "不应出现的词语：" + "、".join(_quote(w) for w in spec.words)
        elif spec.kind == "substitution":
            what = "应替换的写法：" + "；".join(f"{_quote(k)} → {_quote(v)}" for k, v in spec.swap.items())
        elif spec.kind == "consistency":
            what = "同一文稿中应统一的写法：" + "；".join("/".join(_quote(f) for f in g) for g in spec.groups)
        else:
            what = f"匹配正则表达式 `{spec.pattern}` 的文字"
    if spec.exceptions:
        what += "\n\n例外（不报）：" + "、".join(_quote(e) for e in spec.exceptions)
    examples = [f"- 错：`{t}`" for t in spec.examples.bad] + [f"- 不报：`{t}`" for t in spec.examples.good]
    if not examples:
        examples = ["（规则包未提供示例）"]
    safety = {
        "safe": "安全：一对一替换为规则包指定的写法。",
        "unsafe": "不安全：替换需要人工确认（`--unsafe-fixes`）。",
        "none": "不提供修复。",
    }[spec.fix_kind]
    source = spec.source.strip() or f"用户规则包“{pack.name}”（{pack.path}）。"
    sections = {
        "检查内容": f"{what}\n\n来自规则包“{pack.name}”（{pack.path}），类型 {spec.kind}。",
        "为什么": spec.reason.strip(),
        "示例（错 → 对）": "\n".join(examples),
        "修复安全性": safety,
        "依据": source,
    }
    assert tuple(sections) == DOC_SECTIONS
    body = "\n\n".join(f"## {title}\n{text}" for title, text in sections.items())
    return f"{spec.summary.strip()}\n\n{body}"


def _rule(pack: Pack, code: str, spec: PackRule) -> Rule:
    return Rule(
        code=code,
        name=spec.name,
        family=pack.prefix,
        check=_check(spec, code),
        data=PackRule,
        severity=spec.severity,  # type: ignore[arg-type]
        fix=spec.fix_kind,  # type: ignore[arg-type]
        scope=spec.scope,  # type: ignore[arg-type]
        doc=_doc(pack, code, spec),
    )


_CACHE: dict[str, tuple[tuple[int, int], tuple[tuple[Rule, PackRule], ...]]] = {}


def load_pack(path: str) -> tuple[tuple[Rule, PackRule], ...]:
    """The rules of one pack (cached while the file is unchanged), registered for lookup."""
    p = os.path.abspath(path)
    try:
        st = os.stat(p)
    except OSError as exc:
        raise RuleDataError(f"{path}: rule pack not found or unreadable: {exc.strerror or exc}") from None
    stamp = (st.st_mtime_ns, st.st_size)
    hit = _CACHE.get(p)
    if hit and hit[0] == stamp:
        out = hit[1]
    else:
        pack = parse(p)
        out = tuple((_rule(pack, code, spec), spec) for code, spec, _ in pack.rules)
        _CACHE[p] = (stamp, out)
    for r, _ in out:
        registry.PACK_RULES[r.code] = r
    return out


def load_packs(paths: tuple[str, ...] | list[str]) -> tuple[tuple[Rule, PackRule], ...]:
    """The rules of every pack in ``paths``; two packs may not define the same code."""
    out: list[tuple[Rule, PackRule]] = []
    owner: dict[str, str] = {}
    for path in paths:
        for r, spec in load_pack(path):
            if r.code in owner and owner[r.code] != path:
                raise RuleDataError(f"{path}: {r.code}: rule code already defined by the pack {owner[r.code]}")
            owner[r.code] = path
            out.append((r, spec))
    return tuple(out)
