"""speechlint._record: the fast stand-in for dataclasses behaves like the standard library's."""

from __future__ import annotations

import copy
import pickle

import pytest

from speechlint._record import (
    MISSING,
    FrozenInstanceError,
    dataclass,
    field,
    fields,
    is_dataclass,
    replace,
)


@dataclass(frozen=True, slots=True, order=True)
class Point:
    x: int
    y: int = 0


@dataclass(frozen=True)
class Bag:
    name: str
    items: list[int] = field(default_factory=list)
    note: str = field(default="-")


@dataclass
class Mutable:
    a: int
    b: tuple[int, ...] = ()


def test_init_defaults_and_repr() -> None:
    assert Point(1) == Point(1, 0) == Point(x=1, y=0)
    assert repr(Point(1, 2)) == "Point(x=1, y=2)"
    b = Bag("n")
    assert b.items == [] and b.note == "-"
    assert Bag("n").items is not Bag("n").items  # a fresh list per instance
    with pytest.raises(TypeError):
        Point()  # type: ignore[call-arg]


def test_eq_hash_and_order() -> None:
    assert Point(1, 2) != Point(2, 1)
    assert Point(1, 2) != (1, 2)
    assert len({Point(1, 2), Point(1, 2), Point(0, 0)}) == 2
    assert sorted([Point(2, 0), Point(1, 5), Point(1, 2)]) == [Point(1, 2), Point(1, 5), Point(2, 0)]
    assert Mutable.__hash__ is None  # eq without frozen: unhashable, as in dataclasses
    m = Mutable(1)
    m.a = 2
    assert m == Mutable(2)


def test_frozen() -> None:
    p, b = Point(1), Bag("n")
    for obj, name in ((p, "x"), (b, "name")):
        with pytest.raises(FrozenInstanceError):
            setattr(obj, name, 3)
        with pytest.raises(AttributeError):
            delattr(obj, name)
    assert issubclass(FrozenInstanceError, AttributeError)
    assert not hasattr(p, "__dict__")  # slots


def test_replace_fields_and_is_dataclass() -> None:
    assert replace(Point(1, 2), y=5) == Point(1, 5)
    assert [f.name for f in fields(Bag)] == ["name", "items", "note"]
    assert fields(Bag)[0].default is MISSING and fields(Bag)[2].default == "-"
    assert is_dataclass(Bag) and is_dataclass(Bag("n")) and not is_dataclass(int)
    with pytest.raises(TypeError):
        fields(int)


@pytest.mark.parametrize("obj", [Point(3, 4), Bag("n", [1]), Mutable(1, (2,))])
def test_pickle_and_copy(obj: object) -> None:
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        assert pickle.loads(pickle.dumps(obj, proto)) == obj
    assert copy.copy(obj) == obj and copy.deepcopy(obj) == obj


def test_own_methods_are_kept() -> None:
    @dataclass(frozen=True)
    class Custom:
        a: int

        def __repr__(self) -> str:
            return "custom"

    assert repr(Custom(1)) == "custom" and Custom(1) == Custom(1)


def test_non_default_after_default_is_an_error() -> None:
    with pytest.raises(TypeError):

        @dataclass
        class Bad:
            a: int = 0
            b: int  # type: ignore[misc]
