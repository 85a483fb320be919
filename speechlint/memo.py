"""Remember the last result of a computation that several rules share for one document.

The rules of a run ask for the same scan of the same document one after the other (the
headings for NUM001-NUM009, the low bytes of the text for DUP001 and DUP002), and the
language server asks again after each edit.  Each of those functions keeps its last result
only, so no document's data outlives the next check.

Why not :func:`functools.lru_cache` with ``maxsize=1``: it compares the arguments by
equality, and its key must be hashable.  A :class:`~speechlint.document.Document` is
remembered by its text, which is compared here by identity: the text of a 10 MB document is
not compared character by character on every call, and a document that was edited (a new
text) never returns the old result.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def remember_last(
    key: Callable[..., tuple[object, ...]],
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Decorate a function so that it remembers its last result.

    ``key`` maps the call's arguments to a tuple: its first item is compared by identity
    (a document's text), the others by equality (the settings the result depends on).
    """

    def decorate(func: Callable[P, R]) -> Callable[P, R]:
        last: tuple[tuple[object, ...], R] | None = None

        @functools.wraps(func)
        def remembered(*args: P.args, **kwargs: P.kwargs) -> R:
            nonlocal last
            k = key(*args, **kwargs)
            cached = last  # one read: another thread may replace it meanwhile
            if cached is not None and cached[0][0] is k[0] and cached[0][1:] == k[1:]:
                return cached[1]
            result = func(*args, **kwargs)
            last = (k, result)
            return result

        return remembered

    return decorate
