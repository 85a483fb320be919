"""Rule data: YAML files under ``rules/`` loaded into validated frozen dataclasses.

Each family has one file, ``rules/<family>.yaml``, a mapping keyed by rule code;
each code's mapping fills the rule's data dataclass (declared with
``@rule(..., data=SomeData)``).  Field types drive validation:

* ``str``, ``int``, ``float``, ``bool``
* ``tuple[str, ...]`` (a YAML list) and ``frozenset[str]`` (a YAML list, unique)
* ``dict[str, str]`` / ``Mapping[str, ...]``
* ``re.Pattern[str]``: compiled at load time (the shipped files' patterns on first use,
  see :class:`LazyPattern`)
* a nested dataclass, or ``tuple[SomeDataclass, ...]``

Every problem raises :class:`RuleDataError` whose message names the file, the
line, the rule and the key, e.g. ``dup.yaml:14: DUP001: unknown key 'alow';
expected: allow, pattern``.  YAML is read with the safe loader only.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Mapping
from dataclasses import MISSING, Field, fields, is_dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .errors import RuleDataError


@cache
def _loader() -> Any:
    """libyaml's safe loader when available: much faster start-up."""
    try:
        return yaml.CSafeLoader
    except AttributeError:  # pragma: no cover
        return yaml.SafeLoader


def rules_dir() -> Path:
    """The folder holding the built-in rule data (``rules/`` in the checkout)."""
    here = Path(__file__).with_name("rules")
    if here.is_dir():  # an installed package: no need for importlib.resources (and zipfile)
        return here
    checkout = Path(__file__).resolve().parent.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "rules" / "num.yaml").is_file():
        return checkout / "rules"  # an editable install of a checkout (importlib.resources: ~10 ms)
    from importlib import resources

    return Path(str(resources.files("speechlint.rules")))


def _at(path: str, node: yaml.Node, label: str) -> str:
    """'file:line: label' for an error message."""
    return f"{path}:{node.start_mark.line + 1}: {label}"


@cache
def _constructor() -> Any:
    return yaml.SafeLoader("")


def _kind(node: yaml.Node) -> str:
    return {yaml.ScalarNode: "scalar", yaml.SequenceNode: "list", yaml.MappingNode: "mapping"}.get(
        type(node), "node"
    )


class LazyPattern:
    """A pattern of the shipped rule data, compiled when a rule first uses it.

    Compiling is most of what loading the rule data costs (each class of Han characters,
    ``[\u4e00-\u9fff]``, is a loop over 21,000 code points in ``re``'s compiler), and many
    patterns are exceptions asked about only where a rule has found something (PUN004's
    ``allow``, PH001's ``exempt``) or are only read as text (PH003 joins its ``patterns``
    into one): the 10 MB benchmark input compiles 5 of PUN004's 6 ``allow`` patterns, none
    of PH001's ``exempt``, PH002's patterns or PH003's ``patterns`` (one-line checks fewer).
    Measured (valgrind cachegrind, ``speechlint check --isolated --format json -q``,
    ``PYTHONHASHSEED=0``): a one-line check 1,641 M -> 1,482 M instructions (-9.7%), the
    10 MB benchmark input 9,039 M -> 8,916 M (-1.4%).

    It stands where the data class declares ``re.Pattern[str]`` and answers as one: its
    ``pattern`` is the source, and the first other attribute asked for (``match``,
    ``finditer``, ...) compiles it and keeps the compiled pattern's attributes on the
    object, so that later calls cost what calls of the compiled pattern cost.  Only the
    shipped files are read this way (tests/test_ruledata.py compiles every pattern in
    them); a file given by path (a test, a rule pack) is compiled at load, so that an
    invalid pattern is an error naming its file and line.
    """

    #: What a compiled pattern answers (``re.Pattern``'s public attributes).
    ATTRIBUTES = ("flags", "groups", "groupindex", "match", "fullmatch", "search", "finditer",
                  "findall", "split", "sub", "subn", "scanner")

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern

    def __getattr__(self, name: str) -> Any:
        # asked only for attributes not on the object yet: before the first compilation
        if name not in LazyPattern.ATTRIBUTES:
            raise AttributeError(name)
        compiled = self.compiled
        for attr in LazyPattern.ATTRIBUTES:
            setattr(self, attr, getattr(compiled, attr))
        return getattr(compiled, name)

    @property
    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (``re`` keeps it in its own cache of recent patterns)."""
        return re.compile(self.pattern)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyPattern):
            return self.pattern == other.pattern
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.pattern)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})"


def _convert(node: yaml.Node, tp: Any, path: str, label: str, lazy: bool = False) -> Any:
    """Convert a YAML node to type ``tp``; ``label`` names rule and key in errors.

    ``lazy``: patterns become :class:`LazyPattern` (the shipped files only)."""
    if tp is str:  # most values (the items of every list of words): no need to ask typing
        if not isinstance(node, yaml.ScalarNode):
            raise RuleDataError(f"{_at(path, node, label)}: expected str, got a {_kind(node)}")
        return str(node.value)  # never let YAML 1.1 turn 'yes' or '010' into something else
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if tp is typing.Any:
        return _constructor().construct_object(node, deep=True)
    if origin in (typing.Union, types.UnionType):
        if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
            return None
        return _convert(node, next(a for a in args if a is not type(None)), path, label, lazy)
    if tp is re.Pattern or origin is re.Pattern:
        pattern = _convert(node, str, path, label)
        if lazy:
            return LazyPattern(pattern)
        try:
            return re.compile(pattern)
        except re.error as exc:
            raise RuleDataError(f"{_at(path, node, label)}: invalid regex {pattern!r}: {exc}") from None
    if tp in (str, int, float, bool):
        if not isinstance(node, yaml.ScalarNode):
            raise RuleDataError(f"{_at(path, node, label)}: expected {tp.__name__}, got a {_kind(node)}")
        v = _constructor().construct_object(node)
        if tp is float and isinstance(v, int) and not isinstance(v, bool):
            v = float(v)
        if not isinstance(v, tp) or (tp is int and isinstance(v, bool)):
            raise RuleDataError(f"{_at(path, node, label)}: expected {tp.__name__}, got {v!r}")
        return v
    if origin in (tuple, list, frozenset, set):
        if not isinstance(node, yaml.SequenceNode):
            raise RuleDataError(f"{_at(path, node, label)}: expected a list, got a {_kind(node)}")
        item_tp = args[0] if args else typing.Any
        items = [_convert(n, item_tp, path, label, lazy) for n in node.value]
        return frozenset(items) if origin in (frozenset, set) else tuple(items)
    if origin in (dict, Mapping) or tp is dict:
        if not isinstance(node, yaml.MappingNode):
            raise RuleDataError(f"{_at(path, node, label)}: expected a mapping, got a {_kind(node)}")
        ktp, vtp = args or (str, typing.Any)
        out: dict[Any, Any] = {}
        for knode, vnode in node.value:
            key = _convert(knode, ktp, path, label, lazy)
            if key in out:
                raise RuleDataError(f"{_at(path, knode, label)}: duplicate key {key!r}")
            out[key] = _convert(vnode, vtp, path, f"{label}.{key}", lazy)
        return types.MappingProxyType(out)
    if is_dataclass(tp):
        return build(typing.cast(type, tp), node, path, label, lazy)
    raise RuleDataError(f"{_at(path, node, label)}: unsupported field type {tp!r}")  # pragma: no cover


def build(cls: type, node: yaml.Node, path: str, label: str, lazy: bool = False) -> Any:
    """Build dataclass ``cls`` from a YAML mapping node, validating every key.

    Keys may be written in kebab-case or snake_case.  After construction the
    object's optional ``validate() -> str | None`` is called for cross-field checks.
    ``lazy``: patterns are compiled on first use (:class:`LazyPattern`).
    """
    if not isinstance(node, yaml.MappingNode):
        raise RuleDataError(f"{_at(path, node, label)}: expected a mapping, got a {_kind(node)}")
    hints, fields = _shape(cls)
    values: dict[str, Any] = {}
    for knode, vnode in node.value:
        key = str(knode.value)
        name = key.replace("-", "_")
        if name not in fields:
            expected = ", ".join(sorted(fields)) or "(no keys)"
            raise RuleDataError(f"{_at(path, knode, label)}: unknown key {key!r}; expected: {expected}")
        if name in values:
            raise RuleDataError(f"{_at(path, knode, label)}: key {key!r} given twice")
        values[name] = _convert(vnode, hints[name], path, f"{label}: key {key!r}", lazy)
    for name, f in fields.items():
        if name not in values and f.default is MISSING and f.default_factory is MISSING:
            raise RuleDataError(f"{_at(path, node, label)}: missing key {name!r}")
    obj = cls(**values)
    check = getattr(obj, "validate", None)
    if check is not None:
        problem = check()
        if problem:
            raise RuleDataError(f"{_at(path, node, label)}: {problem}")
    return obj


@cache
def _shape(cls: type) -> tuple[dict[str, Any], dict[str, Field[Any]]]:
    """Type hints and fields of a data class (resolving the hints is slow: once per class)."""
    # modules import typing's names for type checkers only: supply the ones annotations use
    names = {"Any": typing.Any, "Literal": typing.Literal, "ClassVar": typing.ClassVar}
    return typing.get_type_hints(cls, localns=names), {f.name: f for f in fields(cls)}


#: Limits on a composed YAML document.  Aliases may share nodes but never loop
#: or multiply (a "billion laughs" file): the size counts every alias expanded.
MAX_NODES = 1_000_000
MAX_DEPTH = 64
_STD = "tag:yaml.org,2002:"
_PLAIN_TAGS = frozenset(
    _STD + t for t in ("str", "int", "float", "bool", "null", "timestamp", "merge", "value")
)


def check_graph(root: yaml.Node, path: str) -> None:
    """Reject what no rule data needs and what could hang or crash the loader.

    Recursive aliases, more than :data:`MAX_NODES` nodes once aliases are
    expanded, nesting deeper than :data:`MAX_DEPTH`, tags other than the plain
    YAML ones (``!!python/...``, local ``!tags``), and lists or mappings used as
    keys each raise :class:`RuleDataError` naming ``path`` and the line.
    """
    size: dict[int, int] = {}
    on_path: set[int] = set()
    # (node, depth, children pushed?)
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    while stack:
        node, depth, expanded = stack.pop()
        ident = id(node)
        if expanded:
            on_path.discard(ident)
            total = 1 + sum(size[id(c)] for c in _children(node))
            if total > MAX_NODES:
                raise RuleDataError(
                    f"{_at(path, node, 'YAML')}: more than {MAX_NODES:,} values once aliases "
                    "are expanded"
                )
            size[ident] = total
            continue
        if ident in size:
            continue  # an alias to a node already checked
        if ident in on_path:
            raise RuleDataError(f"{_at(path, node, 'YAML')}: recursive alias")
        if depth > MAX_DEPTH:
            raise RuleDataError(f"{_at(path, node, 'YAML')}: nested more than {MAX_DEPTH} levels")
        if isinstance(node, yaml.ScalarNode):
            if node.tag not in _PLAIN_TAGS:
                raise RuleDataError(f"{_at(path, node, 'YAML')}: tag {node.tag!r} not allowed")
            size[ident] = 1
            continue
        expected = _STD + ("seq" if isinstance(node, yaml.SequenceNode) else "map")
        if node.tag != expected:
            raise RuleDataError(f"{_at(path, node, 'YAML')}: tag {node.tag!r} not allowed")
        if isinstance(node, yaml.MappingNode):
            for knode, _ in node.value:
                if not isinstance(knode, yaml.ScalarNode):
                    raise RuleDataError(
                        f"{_at(path, knode, 'YAML')}: a key must be a plain value, "
                        f"not a {_kind(knode)}"
                    )
        on_path.add(ident)
        stack.append((node, depth, True))
        stack.extend((c, depth + 1, False) for c in reversed(_children(node)))


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def compose_file(path: Path) -> yaml.Node | None:
    """The YAML node graph of a rule data file, checked by :func:`check_graph`."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise RuleDataError(f"{path}: rule data file not found") from None
    except OSError as exc:
        raise RuleDataError(f"{path}: cannot read rule data: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        lineno = raw.count(b"\n", 0, exc.start) + 1
        raise RuleDataError(f"{path}:{lineno}: cannot read rule data: not UTF-8") from None
    try:
        root = yaml.compose(text, Loader=_loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise RuleDataError(f"{path}{line}: invalid YAML: {problem}") from None
    except RecursionError:
        raise RuleDataError(f"{path}: invalid YAML: nested too deeply") from None
    if root is not None:
        check_graph(root, str(path))
    return root


@cache
def family_data(family: str, path: str | None = None) -> Mapping[str, Any]:
    """Load and validate ``rules/<family>.yaml``: code -> rule data instance.

    Every rule of the family that declares a data class must have an entry; a
    code the family does not define is an error.
    """
    from .registry import load_all

    rules = {c: r for c, r in load_all().items() if r.family == family}
    file = Path(path) if path else rules_dir() / f"{family.lower()}.yaml"
    needs = {c: r for c, r in rules.items() if r.data is not None}
    if not needs and not file.exists():
        return types.MappingProxyType({})
    root = compose_file(file)
    name = file.name if path is None else str(file)
    out: dict[str, Any] = {}
    if root is None:
        entries: list[tuple[yaml.Node, yaml.Node]] = []
    elif not isinstance(root, yaml.MappingNode):
        raise RuleDataError(f"{name}:1: expected a mapping of rule codes")
    else:
        entries = root.value
    first: dict[str, int] = {}
    for knode, vnode in entries:
        code = str(knode.value)
        line = knode.start_mark.line + 1
        if code in first:
            raise RuleDataError(f"{name}:{line}: {code} given twice (first on line {first[code]})")
        first[code] = line
        if code not in rules:
            raise RuleDataError(
                f"{name}:{knode.start_mark.line + 1}: unknown rule code {code!r} in family {family}"
            )
        r = rules[code]
        if r.data is None:
            raise RuleDataError(f"{name}:{knode.start_mark.line + 1}: {code} takes no data")
        # the shipped files' patterns are compiled on first use (LazyPattern)
        out[code] = build(r.data, vnode, name, code, lazy=path is None)
    for code, r in needs.items():
        if code not in out:
            try:
                out[code] = r.data()  # type: ignore[misc]
            except TypeError:
                raise RuleDataError(f"{name}: missing entry for {code}") from None
    return types.MappingProxyType(out)


def rule_data(code: str) -> Any:
    """The validated data of one rule (None for rules without data)."""
    from .registry import get

    r = get(code)
    if r is None or r.data is None:
        return None
    return family_data(r.family)[r.code]
