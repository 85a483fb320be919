"""The 的 scans of speechlint.checks.wrd.de (shared.after_han) without a Han character class
in each pattern find exactly what the patterns with one found (invented and random texts)."""

from __future__ import annotations

import random
import re

import pytest

from speechlint import data
from speechlint.checks.wrd.common import alternation
from speechlint.checks.wrd.de.adverbial import _DE_SITE, _DI_AFTER_TWO, _series_numeral_at
from speechlint.checks.wrd.de.complement import _state_han
from speechlint.checks.wrd.de.shared import after_han

_HAN = "[\u4e00-\u9fff]"
#: A small alphabet so that 的, 地, numerals, complements and clause ends meet often.
_ALPHABET = "的的的地地得好快很更越来越不够多少上下起来一二三是其做抓走看比过去扎实紧，。、 a1\n”"
_NAMES = ("comparison", "relative", "potential", "amount", "coordinated")
_INVENTED = (
    "这项工作做的很好，大家干的越来越起劲。",
    "他们看的见的变化，说的多了，做的扎扎实实。",
    "任务完成的比过去扎实，抓的很紧很紧。",
    "a的好，1的很好，“的好”，的好。",
    "一是坚定不移的推进改革，其一是认真的学习。",
    "经常地加强监督，经常的开展批评。",
    "做的扎扎实实。做的aabb。做的11好好。做的更a，做的更好，做的越来越好，做的越来越a。",
    "做的更\n好，做的很",
)


def _texts() -> list[str]:
    rng = random.Random(14)
    texts = list(_INVENTED)
    for _ in range(400):
        texts.append("".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 60))))
    for _ in range(400):  # few characters: reduplications (扎扎实实, aa11) and degree words
        texts.append("".join(rng.choice("的的做好好实a1。\n更很越来") for _ in range(rng.randint(0, 40))))
    return texts


def _with_lookbehind(p: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern as it was: the lookbehind for a Han character right after its first 的."""
    assert p.pattern.startswith("的") or p.pattern == "(?!)"
    return re.compile(p.pattern.replace("的", f"的(?<={_HAN}的)", 1), p.flags)


@pytest.mark.parametrize("name", _NAMES)
def test_after_han_finds_what_the_lookbehind_found(name: str) -> None:
    p = getattr(data.rule_data("WRD002"), name)
    old = _with_lookbehind(p)
    for text in _texts():
        got = [(m.span(), m.groups()) for m in after_han(p, text)]
        assert got == [(m.span(), m.groups()) for m in old.finditer(text)], text


def test_state_and_degree_test_han_as_the_patterns_did() -> None:
    d = data.rule_data("WRD002")
    state = re.compile(f"的(?<={_HAN}的)((?!的)({_HAN})\\2({_HAN})\\3)(?=[，。；！？、…”]|$)", re.MULTILINE)
    degree = re.compile(f"的(?<={_HAN}的)(?=(?:{alternation(d.degree)}){_HAN})")
    for text in _texts():
        got = [(m.span(), m.groups()) for m in after_han(d.state, text, _state_han)]
        assert got == [(m.span(), m.groups()) for m in state.finditer(text)], text
        got = [m.span() for m in after_han(d.before_degree, text, d.degree_before_han)]
        assert got == [m.span() for m in degree.finditer(text)], text
    assert [m.start() for m in after_han(d.state, "做的扎扎实实。", _state_han)] == [1]  # found
    assert list(after_han(d.state, "做的aabb。", _state_han)) == []  # silent: not Han


def test_after_han_skips_a_de_after_no_han_and_finds_the_next() -> None:
    p = re.compile("的(好)的")
    assert [m.start() for m in after_han(p, "a的好的好的")] == [3]  # bad: the 的 after a
    assert [m.start() for m in after_han(p, "说的好的")] == [1]  # good: after 说


def test_series_numerals_as_the_pattern() -> None:
    series = re.compile(f"(?<!{_HAN})[一二三四五六七八九十]是")
    for text in _texts():
        for i in range(-3, len(text) + 2):
            assert _series_numeral_at(text, i) == bool(series.match(text, i)), (text, i)
    assert _series_numeral_at("一是推进", 0) and not _series_numeral_at("其一是推进", 1)


def test_one_class_sites_find_what_two_classes_found() -> None:
    """_DE_SITE and _DI_AFTER_TWO hold one Han class each (cheaper to compile): the same
    matches as their forms with a class for each character."""
    de_site = re.compile(f"的(?<={_HAN}的)(?={_HAN})")
    di_after_two = re.compile(f"地(?<={_HAN}{_HAN}地)")
    for text in _texts():
        assert [m.span() for m in _DE_SITE.finditer(text)] == [m.span() for m in de_site.finditer(text)], text
        assert [m.span() for m in _DI_AFTER_TWO.finditer(text)] == [m.span() for m in di_after_two.finditer(text)], text
    assert [m.start() for m in _DE_SITE.finditer("认真的学习，a的学习，认真的\n学习")] == [2]  # found; silent
    assert [m.start() for m in _DI_AFTER_TWO.finditer("认真地学习，a真地学习")] == [2]  # found; silent


def test_state_clause_found_at_de_finds_what_the_predicates_first_found() -> None:
    """WRD002's state_clause starts at 的 with the predicates in lookbehinds: the same
    ``rest`` groups at the same places as the pattern that started with the predicates."""
    d = data.rule_data("WRD002")
    old = re.compile(
        f"(?:{alternation(d.state_predicates)})的(?P<rest>[^的，。；！？、：…”“\\s]{{3,8}})(?=[，。；！？、…”]|$)",
        re.MULTILINE,
    )
    preds = "".join(sorted(d.state_predicates))
    rng = random.Random(21)
    more = ["".join(rng.choice(preds + "的的满头大汗说不出话，。\n a") for _ in range(rng.randint(0, 40))) for _ in range(2000)]
    for text in [*_texts(), *more, "他急的满头大汗，孩子们高兴的手舞足蹈。累的说不出话"]:
        got = [m.span("rest") for m in d.state_clause.finditer(text)]
        assert got == [m.span("rest") for m in old.finditer(text)], text
    assert [m.group("rest") for m in d.state_clause.finditer("他急的满头大汗，高兴的事情多。")] == ["满头大汗", "事情多"]
