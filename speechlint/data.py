"""Rule data: YAML files under ``rules/`` loaded into validated frozen dataclasses.

Each family has one file, ``rules/<family>.yaml``, a mapping keyed by rule code;
each code's mapping fills the rule's data dataclass (declared with
``@rule(..., data=SomeData)``).  Field types drive validation:

* ``str``, ``int``, ``float``, ``bool``
* ``tuple[str, ...]`` (a YAML list) and ``frozenset[str]`` (a YAML list, unique)
* ``dict[str, str]`` / ``Mapping[str, ...]``
* ``re.Pattern[str]``: compiled at load time
* a nested dataclass, or ``tuple[SomeDataclass, ...]``

Every problem raises :class:`RuleDataError` whose message names the file, the
line, the rule and the key, e.g. ``dup.yaml:14: DUP001: unknown key 'alow';
expected: allow, pattern``.  YAML is read with the safe loader only.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .errors import RuleDataError

try:  # libyaml when available: much faster start-up
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader


def rules_dir() -> Path:
    """The folder holding the built-in rule data (``rules/`` in the checkout)."""
    return Path(str(resources.files("speechlint.rules")))


def _at(path: str, node: yaml.Node, label: str) -> str:
    """'file:line: label' for an error message."""
    return f"{path}:{node.start_mark.line + 1}: {label}"


_CONSTRUCTOR = yaml.SafeLoader("")


def _kind(node: yaml.Node) -> str:
    return {yaml.ScalarNode: "scalar", yaml.SequenceNode: "list", yaml.MappingNode: "mapping"}.get(
        type(node), "node"
    )


def _convert(node: yaml.Node, tp: Any, path: str, label: str) -> Any:
    """Convert a YAML node to type ``tp``; ``label`` names rule and key in errors."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if tp is Any:
        return _CONSTRUCTOR.construct_object(node, deep=True)
    if origin in (typing.Union, types.UnionType):
        if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
            return None
        return _convert(node, [a for a in args if a is not type(None)][0], path, label)
    if tp is re.Pattern or origin is re.Pattern:
        pattern = _convert(node, str, path, label)
        try:
            return re.compile(pattern)
        except re.error as exc:
            raise RuleDataError(f"{_at(path, node, label)}: invalid regex {pattern!r}: {exc}") from None
    if tp in (str, int, float, bool):
        if not isinstance(node, yaml.ScalarNode):
            raise RuleDataError(f"{_at(path, node, label)}: expected {tp.__name__}, got a {_kind(node)}")
        if tp is str:
            return str(node.value)  # never let YAML 1.1 turn 'yes' or '010' into something else
        v = _CONSTRUCTOR.construct_object(node)
        if tp is float and isinstance(v, int) and not isinstance(v, bool):
            v = float(v)
        if not isinstance(v, tp) or (tp is int and isinstance(v, bool)):
            raise RuleDataError(f"{_at(path, node, label)}: expected {tp.__name__}, got {v!r}")
        return v
    if origin in (tuple, list, frozenset, set):
        if not isinstance(node, yaml.SequenceNode):
            raise RuleDataError(f"{_at(path, node, label)}: expected a list, got a {_kind(node)}")
        item_tp = args[0] if args else Any
        items = [_convert(n, item_tp, path, label) for n in node.value]
        return frozenset(items) if origin in (frozenset, set) else tuple(items)
    if origin in (dict, Mapping) or tp is dict:
        if not isinstance(node, yaml.MappingNode):
            raise RuleDataError(f"{_at(path, node, label)}: expected a mapping, got a {_kind(node)}")
        ktp, vtp = args or (str, Any)
        out: dict[Any, Any] = {}
        for knode, vnode in node.value:
            key = _convert(knode, ktp, path, label)
            if key in out:
                raise RuleDataError(f"{_at(path, knode, label)}: duplicate key {key!r}")
            out[key] = _convert(vnode, vtp, path, f"{label}.{key}")
        return types.MappingProxyType(out)
    if dataclasses.is_dataclass(tp):
        return build(tp, node, path, label)
    raise RuleDataError(f"{_at(path, node, label)}: unsupported field type {tp!r}")  # pragma: no cover


def build(cls: type, node: yaml.Node, path: str, label: str) -> Any:
    """Build dataclass ``cls`` from a YAML mapping node, validating every key.

    Keys may be written in kebab-case or snake_case.  After construction the
    object's optional ``validate() -> str | None`` is called for cross-field checks.
    """
    if not isinstance(node, yaml.MappingNode):
        raise RuleDataError(f"{_at(path, node, label)}: expected a mapping, got a {_kind(node)}")
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    values: dict[str, Any] = {}
    for knode, vnode in node.value:
        key = str(knode.value)
        name = key.replace("-", "_")
        if name not in fields:
            expected = ", ".join(sorted(fields)) or "(no keys)"
            raise RuleDataError(f"{_at(path, knode, label)}: unknown key {key!r}; expected: {expected}")
        if name in values:
            raise RuleDataError(f"{_at(path, knode, label)}: key {key!r} given twice")
        values[name] = _convert(vnode, hints[name], path, f"{label}: key {key!r}")
    for name, f in fields.items():
        if name not in values and f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise RuleDataError(f"{_at(path, node, label)}: missing key {name!r}")
    obj = cls(**values)
    check = getattr(obj, "validate", None)
    if check is not None:
        problem = check()
        if problem:
            raise RuleDataError(f"{_at(path, node, label)}: {problem}")
    return obj


def compose_file(path: Path) -> yaml.Node | None:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RuleDataError(f"{path}: rule data file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleDataError(f"{path}: cannot read rule data: {exc}") from None
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise RuleDataError(f"{path}{line}: invalid YAML: {problem}") from None


@lru_cache(maxsize=None)
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
    for knode, vnode in entries:
        code = str(knode.value)
        if code not in rules:
            raise RuleDataError(
                f"{name}:{knode.start_mark.line + 1}: unknown rule code {code!r} in family {family}"
            )
        r = rules[code]
        if r.data is None:
            raise RuleDataError(f"{name}:{knode.start_mark.line + 1}: {code} takes no data")
        out[code] = build(r.data, vnode, name, code)
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
