"""WordFinder (speechlint.checks.wrd): the same matches as a plain scan, whichever way it
indexes the words (anchor characters for a few words, character pairs for many)."""

from __future__ import annotations

import random

import pytest

from speechlint import segment
from speechlint.checks.wrd import WordFinder


def naive(words: list[str], text: str, pos: int = 0, endpos: int | None = None) -> list[tuple[int, int, str]]:
    """Leftmost, longest first, never overlapping: what WordFinder promises."""
    end = len(text) if endpos is None else endpos
    by_length = sorted(set(words), key=len, reverse=True)
    out, i = [], pos
    while i < end:
        w = next((w for w in by_length if i + len(w) <= end and text.startswith(w, i)), None)
        if w is None:
            i += 1
        else:
            out.append((i, i + len(w), w))
            i += len(w)
    return out


# common characters (的, 发, 展) next to rare ones (彧, 燚, 犇) at either end of a word, so
# that pairs are found at their first and at their second character
ALPHABET = "的一是发展工作提升彧燚犇鑫淼骉麤了在"


def random_words(rng: random.Random, n: int) -> list[str]:
    words = {rng.choice(ALPHABET) for _ in range(3)}  # some single characters
    while len(words) < n:
        words.add("".join(rng.choice(ALPHABET) for _ in range(rng.randint(2, 4))))
    return sorted(words)


@pytest.mark.parametrize("count", [5, 40, 200])  # 200 > WordFinder.MANY: the pair index
def test_the_matches_of_a_plain_scan(count: int) -> None:
    rng = random.Random(count)
    for _ in range(30):
        words = random_words(rng, count)
        finder = WordFinder(words)
        text = "".join(rng.choice(ALPHABET + "，。\n") for _ in range(400))
        assert list(finder.finditer(text)) == naive(words, text)
        pos, endpos = rng.randint(0, 50), rng.randint(300, 400)
        assert list(finder.finditer(text, pos, endpos)) == naive(words, text, pos, endpos)


@pytest.mark.parametrize("count", [5, 200])
def test_words_found_by_str_find_before_the_index_is_built(count: int) -> None:
    # the first FIND_CHARS characters are searched word by word, without the index: the
    # same matches as the index gives (and as a plain scan)
    rng = random.Random(100 + count)
    for _ in range(30):
        words = random_words(rng, count)
        by_find, by_index = WordFinder(words), WordFinder(words)
        by_index.FIND_CHARS = -1
        text = "".join(rng.choice(ALPHABET + "，。\n") for _ in range(rng.randint(0, 60)))
        pos, endpos = rng.randint(0, 10), rng.choice([None, rng.randint(0, 70)])
        expected = naive(words, text, pos, endpos)
        assert list(by_find.finditer(text, pos, endpos)) == list(by_index.finditer(text, pos, endpos)) == expected
        assert "index" not in by_find.__dict__ and "index" in by_index.__dict__
    finder = WordFinder(["彧发", "发展"])
    assert list(finder.finditer("要发展彧发", 0)) == [(1, 3, "发展"), (3, 5, "彧发")]
    assert "index" not in finder.__dict__
    list(finder.finditer("发" * (finder.FIND_CHARS + 1)))  # past FIND_CHARS: the index is built
    assert "index" in finder.__dict__


def test_many_words_are_indexed_at_their_rarer_character() -> None:
    # 发展 is common, 彧 rare: 发彧 is found at 彧 (its second character), 彧发 at 彧 (first)
    words = [f"彧{c}" for c in ALPHABET] + [f"发{c}" for c in "彧燚犇"] + [f"x{i}y" for i in range(70)]
    finder = WordFinder(words)
    assert "发彧" in {w for ws in finder.index.pairs_behind.values() for w, _ in ws}
    assert "彧发" in {w for ws in finder.index.pairs.values() for w, _ in ws}
    text = "发彧发展彧发x5yx12y"
    assert list(finder.finditer(text)) == naive(words, text)
    assert [w for _, _, w in finder.finditer(text)] == ["发彧", "彧发", "x5y", "x12y"]


def test_character_weights_order_common_before_rare() -> None:
    assert segment.char_weight("的") > segment.char_weight("展") > segment.char_weight("彧")
    assert segment.char_weight("\ue000") == segment.CHAR_CLASS_MIN >> 1  # unknown: the floor
