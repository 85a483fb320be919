"""The defect injector of the quality benchmark (bench/inject.py)."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import corpus, inject

pytest.importorskip("jieba")

LINES = (
    "关于做好当前工作的讲话",
    "一、过去一年的工作",
    "（一）经济运行稳中有进。全年地区生产总值增长5.2%，3月5日召开了会议，我们认真部署了各项工作。",
    "（二）改革开放不断深化。一是坚持稳中求进，二是扎实推进改革，三是持续扩大开放。",
    "（三）民生保障有力有效。我们坚定不移地推进“放管服”改革，各项工作抓得紧、落得实。",
    "二、今年的主要任务",
    "（一）着力扩大内需。深入实施《扩大内需战略规划纲要》，促进消费、投资、出口等，推动发展。",
    "（二）着力推动产业升级。江苏省和浙江省要发挥带头作用，截至2025年底完成改造任务。",
    "（三）着力保障改善民生。我们要认真落实各项政策，坚持以人民为中心的发展思想……",
    "三、加强政府自身建设",
    "我们要坚持依法行政，自觉接受人大监督、政协监督和社会监督，努力建设人民满意的政府。",
)
SAMPLE = "\n".join(LINES)


def _check_exact(res: dict[str, inject.Injected], texts: dict[str, str]) -> None:
    for name, inj in res.items():
        assert inj.original == texts[name]
        assert inject.apply(inj.original, inj.slips) == inj.text
        for s in inj.slips:
            assert inj.original[s.start : s.end] == s.original
            assert s.original != s.text
            a, b = s.span
            assert inj.text[a:b] == s.text.rstrip("\n")
            assert inj.original.count("\n", 0, s.start) + 1 == s.line
            for a2, b2 in s.accept:
                assert 0 <= a2 < b2 <= len(inj.text)
            # positions after the slip map back to the original
            assert inj.to_original(b + (1 if s.text.endswith("\n") else 0)) == s.end


def test_sample_gets_slips_with_exact_spans() -> None:
    res = inject.inject([("s.txt", SAMPLE)], n=200, seed=3)
    _check_exact(res, {"s.txt": SAMPLE})
    slips = res["s.txt"].slips
    assert slips
    lines = [s.line for s in slips]
    assert len(lines) == len(set(lines)), "at most one slip per paragraph"


def test_avoided_lines_stay_untouched() -> None:
    every = set(range(SAMPLE.count("\n") + 1)) - {3}
    res = inject.inject([("s.txt", SAMPLE)], n=200, seed=1, avoid={"s.txt": every})
    assert {s.line for s in res["s.txt"].slips} <= {4}


@pytest.mark.parametrize(
    ("kind", "original", "expect"),
    [
        ("num_skip", "一、甲\n二、乙\n三、丙", "一、甲\n二、乙\n四、丙"),
        ("num_repeat", "（一）甲\n（二）乙\n（三）丙", "（一）甲\n（二）乙\n（二）丙"),
        ("num_delete", "1.甲\n2.乙\n3.丙", "1.甲\n乙\n3.丙"),
        ("num_series", "要做到：一是甲，二是乙，三是丙。", None),
        ("wrd_de_di", "我们坚定不移地推进改革开放。", "我们坚定不移的推进改革开放。"),
        ("wrd_confusable", "截至2025年底完成任务。", "截止2025年底完成任务。"),
        ("pun_ellipsis", "坚持以人民为中心……", "坚持以人民为中心。。。"),
        ("pun_halfwidth_quote", "推进“放管服”改革。", '推进"放管服"改革。'),
        ("pun_halfwidth_bracket", "审议《纲要》（草案）。", "审议《纲要》(草案)。"),
        ("dup_punct", "甲，乙", "甲，，乙"),
        ("fig_fullwidth", "增长12%左右", "增长１２%左右"),
        ("fig_leading_zero", "于3月5日召开", "于03月05日召开"),
        ("fig_short_year", "于2024年3月召开", "于24年3月召开"),
        ("pun_dash", "一是——二是", None),
    ],
)
def test_each_kind_makes_its_slip(kind: str, original: str, expect: str | None) -> None:
    res = inject.inject([("k.txt", original)], n=1, seed=0, kinds=[kind])["k.txt"]
    assert len(res.slips) == 1 and res.slips[0].kind == kind
    if expect is not None:
        assert res.text == expect
    else:
        assert res.text.count("是") == original.count("是") and res.text != original
        assert res.text[res.slips[0].span[0] : res.slips[0].span[1]] == res.slips[0].text


@pytest.mark.parametrize(
    "original",
    [
        "第一条　拾得漂流物的，应当归还。",  # 拾得 + object: 拾的漂流物 is a correct noun phrase
        "广大群众普遍感受到得实惠。",  # the verb 得 + object: 感受到的实惠 is correct
    ],
)
def test_de_de_not_where_de_takes_an_object(original: str) -> None:
    assert inject.inject([("k.txt", original)], n=1, seed=0, kinds=["wrd_de_de"])["k.txt"].slips == []


def test_de_de_slip_at_a_complement() -> None:
    res = inject.inject([("k.txt", "要把各项工作抓得紧。")], n=1, seed=0, kinds=["wrd_de_de"])["k.txt"]
    assert res.text == "要把各项工作抓的紧。"


def test_confusable_only_where_meaning_demands_it() -> None:
    """截至 becomes 截止 only before a time (截至目前, 截至2025年), never elsewhere."""
    res = inject.inject([("c.txt", "工作截至了。")], n=1, seed=0, kinds=["wrd_confusable"])
    assert not res["c.txt"].slips


def test_cn_numbers() -> None:
    for n in range(1, 100):
        assert inject.cn_int(inject.cn_str(n)) == n
    assert inject.cn_int("十一") == 11 and inject.cn_int("二十") == 20
    assert inject.cn_int("零") is None and inject.cn_int("甲") is None


needs_corpus = pytest.mark.skipif(
    not (corpus.available("official") and corpus.available("clean")),
    reason="../shared/corpus is absent",
)


@pytest.fixture(scope="module")
def shared() -> tuple[dict[str, str], dict[str, inject.Injected]]:
    docs = [
        (d.name, d.text())
        for c in ("official", "clean")
        for d in corpus.documents(c, "measure", recent_only=(c == "official"))
    ]
    return dict(docs), inject.inject(docs, n=2400, seed=0)


@needs_corpus
def test_shared_corpus_gets_enough_slips_of_every_kind(shared) -> None:  # type: ignore[no-untyped-def]
    texts, res = shared
    slips = [s for inj in res.values() for s in inj.slips]
    assert len(slips) >= 2000
    kinds = Counter(s.kind for s in slips)
    assert set(kinds) == set(inject.KINDS), set(inject.KINDS) - set(kinds)
    assert len({s.doc for s in slips}) >= 0.6 * len(texts), "slips spread over documents"
    _check_exact(res, texts)


@needs_corpus
def test_same_seed_same_slips(shared) -> None:  # type: ignore[no-untyped-def]
    texts, _res = shared
    some = sorted(texts.items())[::5]
    first = inject.inject(some, n=400, seed=0)
    again = inject.inject(some, n=400, seed=0)
    other = inject.inject(some, n=400, seed=1)

    def slips(res: dict[str, inject.Injected]) -> list[inject.Slip]:
        return [s for name in sorted(res) for s in res[name].slips]

    assert slips(first) == slips(again)
    assert {n: i.text for n, i in first.items()} == {n: i.text for n, i in again.items()}
    assert slips(other) != slips(first)
