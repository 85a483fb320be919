"""Rule families: one module per family, one function per rule.

Helpers here keep the rules small; they never do I/O or read configuration.
"""

from __future__ import annotations

from itertools import pairwise

from ..document import HAN, MASK, is_han

__all__ = ["HAN", "MASK", "in_exception", "is_han", "quote", "sorted_unique"]


def quote(s: str) -> str:
    """Quote text for a message: “…”, showing invisible characters."""
    shown = s.replace(" ", "␣").replace("\u3000", "□").replace("\t", "⇥")
    return f"“{shown}”"


def in_exception(text: str, start: int, word: str, exceptions: tuple[str, ...]) -> bool:
    """Does ``word`` at ``start`` lie inside an occurrence of one of ``exceptions``?

    An exception is a longer phrase containing the word where it is right
    (份内 inside 省份内): each place the word stands in the phrase is tried.
    """
    for e in exceptions:
        i = e.find(word)
        while i >= 0:
            s = start - i
            if s >= 0 and text.startswith(e, s):
                return True
            i = e.find(word, i + 1)
    return False


def sorted_unique(name: str, items: tuple[str, ...]) -> str | None:
    """A rule data list's problem when it is not sorted and unique (None when it is)."""
    for a, b in pairwise(items):
        if a >= b:
            return f"'{name}' must be sorted and unique: {a!r} then {b!r}"
    return None
