"""A small, fast stand-in for :mod:`dataclasses` (start-up time).

``@dataclass`` from the standard library compiles each generated method with its
own ``exec`` -- about 0.7 ms per class, and speechlint defines some 60 data
classes, so ~40 ms of every ``speechlint check`` went into building classes
(plus ~15 ms importing ``dataclasses`` and the ``inspect``/``ast`` modules it
pulls in).  :func:`dataclass` here builds the same methods (``__init__``,
``__repr__``, ``__eq__``, ``__hash__``, ordering, frozen ``__setattr__``,
``__slots__``), compiling only ``__init__``; the other methods are closures
over the field names.

It covers what this package uses -- ``frozen``, ``slots``, ``order``, ``eq``,
``repr``, :func:`field` with ``default`` or ``default_factory`` -- and nothing
else (no inheritance between data classes, no ``InitVar``, ``KW_ONLY`` or
``ClassVar`` fields).  For type checkers the names are the standard library's
(see the ``TYPE_CHECKING`` branch), so mypy checks these classes as dataclasses.
"""

from __future__ import annotations

from operator import attrgetter

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

__all__ = ["MISSING", "Field", "FrozenInstanceError", "dataclass", "field", "fields", "is_dataclass", "replace"]

if TYPE_CHECKING:  # pragma: no cover - what type checkers see
    from dataclasses import (
        MISSING,
        Field,
        FrozenInstanceError,
        dataclass,
        field,
        fields,
        is_dataclass,
        replace,
    )
else:

    class _MissingType:
        __slots__ = ()

        def __repr__(self) -> str:
            return "MISSING"

        def __reduce__(self) -> str:
            return "MISSING"

    MISSING = _MissingType()

    class FrozenInstanceError(AttributeError):
        """Assignment to a field of a frozen data class."""

    class Field:
        """A field's name, type annotation (a string) and default."""

        __slots__ = ("default", "default_factory", "name", "type")

        def __init__(self, default: Any = MISSING, default_factory: Any = MISSING) -> None:
            if default is not MISSING and default_factory is not MISSING:
                raise ValueError("cannot specify both default and default_factory")
            self.name = ""
            self.type: Any = None
            self.default = default
            self.default_factory = default_factory

        def __repr__(self) -> str:
            return f"Field(name={self.name!r}, default={self.default!r}, default_factory={self.default_factory!r})"

    def field(*, default: Any = MISSING, default_factory: Any = MISSING) -> Any:
        """A field with a default value or a factory for one (as ``dataclasses.field``)."""
        return Field(default, default_factory)

    _FIELDS = "__record_fields__"

    def fields(class_or_instance: Any) -> tuple[Field, ...]:
        """The fields of a data class or instance, in definition order."""
        try:
            return tuple(getattr(class_or_instance, _FIELDS))
        except AttributeError:
            raise TypeError("must be called with a dataclass type or instance") from None

    def is_dataclass(obj: Any) -> bool:
        """True for a class built by :func:`dataclass` or an instance of one."""
        cls = obj if isinstance(obj, type) else type(obj)
        return hasattr(cls, _FIELDS)

    def replace(obj: Any, /, **changes: Any) -> Any:
        """A copy of ``obj`` with some fields changed (as ``dataclasses.replace``)."""
        for f in getattr(type(obj), _FIELDS):
            if f.name not in changes:
                changes[f.name] = getattr(obj, f.name)
        return type(obj)(**changes)

    def _frozen_setattr(self: Any, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def _frozen_delattr(self: Any, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def _getstate(self: Any) -> list[Any]:
        return [getattr(self, f.name) for f in getattr(type(self), _FIELDS)]

    def _setstate(self: Any, state: list[Any]) -> None:
        for f, value in zip(getattr(type(self), _FIELDS), state):
            object.__setattr__(self, f.name, value)

    def _collect(cls: type) -> list[Field]:
        out: list[Field] = []
        for name, annotation in cls.__dict__.get("__annotations__", {}).items():  # noqa: RUF063 - inspect is what we avoid importing
            if isinstance(annotation, str) and annotation.startswith(("ClassVar", "typing.ClassVar")):
                continue
            default = cls.__dict__.get(name, MISSING)
            f = default if isinstance(default, Field) else Field(default)
            f.name, f.type = name, annotation
            out.append(f)
        seen_default = False
        for f in out:
            if f.default is MISSING and f.default_factory is MISSING:
                if seen_default:
                    raise TypeError(f"non-default argument {f.name!r} follows default argument")
            else:
                seen_default = True
        return out

    def _init_source(fs: list[Field], frozen: bool, slots: bool = False) -> str:
        """``__init__``: the one method compiled per class (keyword defaults need real code).

        A frozen class sets its fields past its own ``__setattr__``: through each slot's
        descriptor when it has slots (~25 % faster than ``object.__setattr__``, and spans
        and findings are made by the thousand), else with ``object.__setattr__``.
        """
        params, body = ["self"], []
        for i, f in enumerate(fs):
            if f.default_factory is not MISSING:
                params.append(f"{f.name}=_MISSING")
                value = f"_factory_{i}() if {f.name} is _MISSING else {f.name}"
            else:
                params.append(f.name if f.default is MISSING else f"{f.name}=_default_{i}")
                value = f.name
            if frozen and slots:
                body.append(f"    _set_{i}(self, {value})")
            elif frozen:
                body.append(f"    _setattr(self, {f.name!r}, {value})")
            else:
                body.append(f"    self.{f.name} = {value}")
        return "\n".join([f"def __init__({', '.join(params)}):", *(body or ["    pass"])]) + "\n"

    def _methods(names: tuple[str, ...]) -> dict[str, Any]:
        """``__repr__``, ``__eq__``, ``__hash__`` and ordering as closures (nothing to compile)."""
        if not names:
            def key(self: Any) -> tuple[()]:
                return ()
        elif len(names) == 1:
            one = attrgetter(names[0])

            def key(self: Any) -> tuple[Any, ...]:
                return (one(self),)
        else:
            key = attrgetter(*names)  # type: ignore[assignment]

        def __repr__(self: Any) -> str:
            inner = ", ".join(f"{n}={v!r}" for n, v in zip(names, key(self)))
            return f"{type(self).__qualname__}({inner})"

        def __eq__(self: Any, other: Any) -> Any:
            return key(self) == key(other) if other.__class__ is self.__class__ else NotImplemented

        def __hash__(self: Any) -> int:
            return hash(key(self))

        def __lt__(self: Any, other: Any) -> Any:
            return key(self) < key(other) if other.__class__ is self.__class__ else NotImplemented

        def __le__(self: Any, other: Any) -> Any:
            return key(self) <= key(other) if other.__class__ is self.__class__ else NotImplemented

        def __gt__(self: Any, other: Any) -> Any:
            return key(self) > key(other) if other.__class__ is self.__class__ else NotImplemented

        def __ge__(self: Any, other: Any) -> Any:
            return key(self) >= key(other) if other.__class__ is self.__class__ else NotImplemented

        return {
            "__repr__": __repr__, "__eq__": __eq__, "__hash__": __hash__,
            "__lt__": __lt__, "__le__": __le__, "__gt__": __gt__, "__ge__": __ge__,
        }

    def _process(cls: type, frozen: bool, slots: bool, eq: bool, order: bool, repr_: bool) -> type:
        fs = _collect(cls)
        ns: dict[str, Any] = {"_MISSING": MISSING, "_setattr": object.__setattr__}
        for i, f in enumerate(fs):
            if f.default_factory is not MISSING:
                ns[f"_factory_{i}"] = f.default_factory
            elif f.default is not MISSING:
                ns[f"_default_{i}"] = f.default
        ns.update(_methods(tuple(f.name for f in fs)))
        if slots:
            body = {k: v for k, v in cls.__dict__.items() if k not in ("__dict__", "__weakref__")}
            for f in fs:
                body.pop(f.name, None)
            body["__slots__"] = tuple(f.name for f in fs)
            if frozen:
                body["__getstate__"] = _getstate
                body["__setstate__"] = _setstate
            cls = type(cls)(cls.__name__, cls.__bases__, body)
            for i, f in enumerate(fs):
                ns[f"_set_{i}"] = getattr(cls, f.name).__set__
        else:
            for f in fs:  # class attributes holding Field objects become the plain defaults
                if isinstance(cls.__dict__.get(f.name), Field):
                    if f.default is MISSING:
                        delattr(cls, f.name)
                    else:
                        setattr(cls, f.name, f.default)
        exec(_init_source(fs, frozen, slots), ns)  # noqa: S102
        methods = ["__init__"]
        if repr_:
            methods.append("__repr__")
        if eq:
            methods.append("__eq__")
            if frozen:
                if cls.__dict__.get("__hash__") is None:  # absent, or None because __eq__ is defined
                    methods.append("__hash__")
            elif "__hash__" not in cls.__dict__ or cls.__dict__["__hash__"] is None:
                cls.__hash__ = None  # type: ignore[assignment]
        if order:
            methods += ["__lt__", "__le__", "__gt__", "__ge__"]
        for name in methods:
            if name in cls.__dict__ and name != "__hash__":
                continue  # the class defines its own
            fn = ns[name]
            fn.__qualname__ = f"{cls.__qualname__}.{name}"
            setattr(cls, name, fn)
        if frozen:
            cls.__setattr__ = _frozen_setattr  # type: ignore[method-assign,assignment]
            cls.__delattr__ = _frozen_delattr  # type: ignore[method-assign,assignment]
        setattr(cls, _FIELDS, tuple(fs))
        cls.__match_args__ = tuple(f.name for f in fs)  # type: ignore[attr-defined]
        return cls

    def dataclass(
        cls: type | None = None,
        /,
        *,
        frozen: bool = False,
        slots: bool = False,
        eq: bool = True,
        order: bool = False,
        repr: bool = True,
    ) -> Any:
        """Build ``__init__``, ``__repr__``, ``__eq__``... for ``cls`` (as ``dataclasses.dataclass``)."""

        def wrap(c: type) -> type:
            return _process(c, frozen, slots, eq, order, repr)

        return wrap if cls is None else wrap(cls)
