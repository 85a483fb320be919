"""rules/wrd_adverbials.txt: built from the shipped dictionary, byte for byte; WRD001 reads it."""

from __future__ import annotations

from speechlint import adverbials, segment
from speechlint.checks.wrd.de.adverbial import _adverbial_before


def test_shipped_file_rebuilds_byte_for_byte() -> None:
    committed = segment.rules_file(adverbials.ADVERBIALS_FILE).read_bytes()
    assert adverbials.generate().encode("utf-8") == committed


def test_build_keeps_adverbials_of_two_to_four_characters() -> None:
    lines = [
        "# total 100",
        "始\t 10 v\t终 50 d\t终不渝 9 i",
        "务\t 30 d\t必 20 d",
        "独\t立自主 8 i\t立 7 v\t立自主地 1 l",
        "热\t烈 5 a\t乎乎 3 z\t情洋溢地说 2 i",
    ]
    built = adverbials.parse(adverbials.build(lines))
    assert built == {"始终", "始终不渝", "务必", "独立自主", "热乎乎"}


def test_wrd001_reads_an_adverbial_before_de() -> None:
    words = adverbials.words()
    assert all(w in words for w in ("始终", "尽可能", "独立自主")) and not any(w in words for w in ("政策", "务"))
    assert set(words) == adverbials.parse(segment.rules_file(adverbials.ADVERBIALS_FILE).read_text(encoding="utf-8"))
    text = "我们要尽可能的集中资金。"
    assert _adverbial_before(text, text.index("的"), words, adverbials.tails())
    for text in ("我们的政策。", "这是任务的一部分。"):  # 务 alone is an adverb too: not kept
        assert not _adverbial_before(text, text.index("的"), words, adverbials.tails())


def test_tails_are_the_last_two_characters_of_longer_words() -> None:
    """WordSet.tails (found by a regex over the lines) holds exactly the last two characters
    of each word of three or more characters, on invented words."""
    ws = adverbials.WordSet(["始终", "尽可能", "独立自主", "不断", "争分夺秒", "可能"])
    assert ws.tails() == frozenset({"可能", "自主", "夺秒"})
    shipped = adverbials.words()
    assert adverbials.tails() == frozenset(w[-2:] for w in shipped if len(w) > 2)
