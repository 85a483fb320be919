"""What WRD001 (的 for 地) and WRD002 (的 for 得) share: the scan for a 的 after a Han
character, the characters that end a verb's phrase, and the model's cached score of 地 or 得
against 的 after two characters.

Kept apart so that each rule's module reads on its own: neither rule module imports the other.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from math import log

from .... import lm

#: Characters after a verb that end its phrase: an opening quote or title mark may start
#: its object (贯彻执行“一国两制”).
PHRASE_END_RE = re.compile("[。！？；，、：”’」』）)》\r\n\ue000]")


def is_han(c: str) -> bool:
    """Is ``c`` (one character) in the Han block U+4E00-U+9FFF?  Tested in Python rather than
    by a character class in a pattern: the standard library's compiler walks every code
    point of such a class (about 0.6 ms for each one a pattern contains)."""
    return "\u4e00" <= c <= "\u9fff"


def after_han(
    pattern: re.Pattern[str], text: str, keep: Callable[[re.Match[str]], bool] | None = None
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern that starts with 的, keeping the matches whose
    的 follows a Han character: what a lookbehind (?<=[\u4e00-\u9fff]的) after the 的 did,
    without compiling its character class in each pattern (see :func:`is_han`); ``keep``:
    a further test of the match in place of the pattern's own classes.  As with the
    lookbehind, a rejected 的 lets the search go on at the next character, and after a
    match it goes on at the match's end (never empty: it holds the 的)."""
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        start = m.start()
        if start and is_han(text[start - 1]) and (keep is None or keep(m)):
            yield m
            pos = m.end()
        else:
            pos = start + 1


def left_ratio(model: lm.Model, left: str, alt: str = "地") -> float:
    """log P(``alt``) - log P(的) after the two characters ``left``, by the model (cached)."""
    key = (model.serial, left + alt)
    found = _left_ratios.get(key)
    if found is None:
        h = lm.to_stream(left)
        found = log(model.prob(h, alt)) - log(model.prob(h, "的"))
        if len(_left_ratios) < 100_000:  # bounded: a language server lives long
            _left_ratios[key] = found
    return found


_left_ratios: dict[tuple[int, str], float] = {}
