"""WRD007 (homophone-slip): its table, its build, its data checks and its decisions."""

from __future__ import annotations

import dataclasses
import random
import re
from pathlib import Path

import pytest

import speechlint
from speechlint import data, homophone_build, lm, segment
from speechlint.checks.wrd.homophones import (
    HomophoneData,
    homophone_attested,
    homophone_blend,
    homophone_cut,
    homophone_exempt,
    homophone_findings,
    homophone_junction,
    homophone_name,
    homophone_parallel,
    homophone_quoted,
    homophone_scores,
    homophone_supported,
    load_homophones,
    pair_prior,
    reading_gain,
)
from speechlint.config import Config
from speechlint.errors import RuleDataError

HAN2 = re.compile("[\u4e00-\u9fff]{2}")
ONLY = Config(select=("WRD007",))


def shipped() -> HomophoneData:
    return data.family_data("WRD")["WRD007"]  # type: ignore[no-any-return]


def findings(text: str) -> list[tuple[int, str]]:
    return [(d.span.start, text[d.span.start : d.span.end]) for d in speechlint.lint(text, ONLY, filetype="txt")]


def test_shipped_table_holds_slips_of_frequent_words_that_are_no_words() -> None:
    d = segment.dictionary()
    table = shipped()
    assert len(table.slips) > 50_000
    for slip in table.slips:
        words = table.words(slip)
        assert HAN2.fullmatch(slip)
        listed = d.freq(slip) >= homophone_build.SLIP_MAX_FREQ  # a misspelling jieba lists (做为)
        for w in words:
            assert sum(a != b for a, b in zip(slip, w, strict=True)) == 1, (slip, w)
            # a frequent word, or a word that is a pair of a frequent idiom (制宜 of 因地制宜)
            assert d.freq(w) >= homophone_build.SLIP_MAX_FREQ
            if listed:
                assert d.freq(w) >= homophone_build.SLIP_RATIO * d.freq(slip), f"{slip} is a word"
            else:
                put_in = next(a for a, b in zip(slip, w, strict=True) if a != b)
                assert d.freq(put_in) < homophone_build.FREE_CHAR_FREQ


def test_a_slip_is_read_like_its_word() -> None:
    pypinyin = pytest.importorskip("pypinyin")
    style = pypinyin.Style.TONE3
    for slip in ("布署", "贯撤", "竟争", "统愁"):
        words = shipped().words(slip)
        assert any(
            pypinyin.lazy_pinyin(w, style=style) == [pypinyin.pinyin(c, style=style)[0][0] for c in slip]
            or pypinyin.lazy_pinyin(w, style=style) == pypinyin.lazy_pinyin(slip, style=style)
            for w in words
        ), (slip, words)


def test_the_build_reproduces_the_shipped_table() -> None:
    pytest.importorskip("pypinyin")
    built = homophone_build.build(data.rules_dir() / "jieba_dict.txt")
    assert built.encode("utf-8") == (data.rules_dir() / homophone_build.FILE).read_bytes(), (
        "rules/wrd_homophones.txt is stale: run python -m speechlint.homophone_build"
    )


def test_the_build_writes_where_it_is_told(tmp_path: Path) -> None:
    pytest.importorskip("pypinyin")
    small = tmp_path / "dict.txt"
    small.write_text("# total 10\n部\t署 3000 v\n布\t 5000 v\n", encoding="utf-8")
    out = tmp_path / "table.txt"
    assert homophone_build.main(["--dict", str(small), "--out", str(out)]) == 0
    table = load_homophones(out)
    assert list(table) == ["布署"] and table.words("布署") == ["部署"]  # 部 bu4 -> 布 bu4; 署 has no other character here


@pytest.mark.parametrize(
    ("line", "ok"),
    [
        ("布\t署\t部署", True),
        ("布\t署告\t部署 部属\t部告", True),
        ("布署\t部署", False),  # no second characters
        ("布\t署告\t部署", False),  # two slips, one list of words
        ("布\t署署\t部署\t部署", False),  # a slip twice
        ("布\tx\t部署", False),
    ],
)
def test_a_malformed_table_line_names_file_and_line(tmp_path: Path, line: str, ok: bool) -> None:
    path = tmp_path / "t.txt"
    path.write_text(f"# comment\n{line}\n", encoding="utf-8")
    if ok:
        assert len(load_homophones(path)) == len(line.split("\t")[1])
    else:
        with pytest.raises(RuleDataError, match=r"t\.txt:2:"):
            load_homophones(path)


def test_a_first_character_given_twice_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text("布\t署\t部署\n布\t告\t部告\n", encoding="utf-8")
    with pytest.raises(RuleDataError, match=r"t\.txt:2:"):
        load_homophones(path)


def test_bad_words_are_refused_when_their_line_is_read(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text("布\t署\t部署x\n", encoding="utf-8")
    table = load_homophones(path)
    with pytest.raises(RuleDataError, match="布署"):
        table.words("布署")


def test_no_shipped_slip_is_its_own_word() -> None:
    table = shipped().slips
    assert all(slip not in table.words(slip) for slip in table)
    assert table.words("部署") == [] and "部署" not in table  # a word, not a slip
    assert "布署" in table
    assert table.in_text("作出布署和部署") == {"布署"}


def test_slips_in_text_are_every_pair_of_adjacent_characters_that_is_a_slip() -> None:
    # in_text reads the text's UTF-16 code units as numbers from the first and from the
    # second unit: odd and even lengths, slips at either parity, characters outside the
    # BMP (two units each) and non-Han text must not shift or lose a pair
    table = shipped().slips
    rng = random.Random(0)
    pieces = ["布署", "贯撤", "竟争", "部署", "工作", "\U00020000", "\U0001F600", "a", "，", "\n", "作", "出"]
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 12)))
        expected = {text[i : i + 2] for i in range(len(text) - 1) if text[i : i + 2] in table}
        assert table.in_text(text) == expected, text


def test_slips_in_text_read_pair_by_pair_are_those_of_the_codes() -> None:
    # the first PAIRWISE_CHARS characters are looked up pair by pair, the rest through
    # ``codes``: both ways give the same slips (random texts, slips, non-BMP and non-Han)
    by_pairs = load_homophones(segment.rules_file("wrd_homophones.txt"))
    by_codes = load_homophones(segment.rules_file("wrd_homophones.txt"))
    by_codes.PAIRWISE_CHARS = 0
    rng = random.Random(1)
    pieces = ["布署", "贯撤", "竟争", "部署", "我们要做法治", "\U00020000", "\U0001F600", "a", "，", "\n", "作", "\ud800"]
    slips = list(by_pairs)
    for _ in range(400):
        text = "".join(rng.choice(pieces) if rng.random() < 0.7 else rng.choice(slips)[rng.randrange(2)]
                       for _ in range(rng.randrange(0, 16)))
        assert by_pairs._in_text_pairwise(text) == by_codes.in_text(text), text
    assert "codes" in by_codes.__dict__ and "codes" not in by_pairs.__dict__
    assert by_pairs.in_text("要作出布署") == {"布署"} and "codes" not in by_pairs.__dict__


@pytest.mark.parametrize(
    ("kwargs", "problem"),
    [
        ({"window": 0}, "'window'"),
        ({"prefilter": 12.0}, "'prefilter'"),
        ({"prefilter": -1.0}, "'prefilter'"),
        ({"table": "no_such_table.txt"}, "cannot read"),
        ({"junction_margin": -1.0}, "'junction_margin'"),
        ({"junction_margin": 5.0, "cut_margin": 4.0}, "'junction_margin'"),
    ],
)
def test_bad_rule_data_is_refused(kwargs: dict[str, object], problem: str) -> None:
    assert problem in (HomophoneData(**kwargs).validate() or "")  # type: ignore[arg-type]


def test_shipped_data_validates() -> None:
    d = shipped()
    assert d.validate() is None
    assert 0 <= d.prefilter < d.threshold


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("对全年工作作出布署。", "布署"),
        ("认真贯撤落实党中央决策。", "贯撤"),
        ("积极参与市场竟争。", "竟争"),
    ],
)
def test_a_slip_is_found_with_the_word_to_write(text: str, written: str) -> None:
    got = speechlint.lint(text, ONLY, filetype="txt")
    assert [text[d.span.start : d.span.end] for d in got] == [written]
    (d,) = got
    assert d.fix is not None and d.fix.applicability == "unsafe"
    word = d.fix.edits[0].text
    assert word in d.message and written in d.message
    assert word in shipped().words(written)


@pytest.mark.parametrize(
    "text",
    [
        "做好工作部署，认真贯彻落实，积极参与国际竞争。",
        "加大对产粮大县及财政困难县的转移支付。",  # 大县 + 及: 县级 is no better here
        "在县以下机关建立公务员职务与职级并行制度。",
        "坚持改革开放，加强管理部门协调。",  # 理部, 革开: two words touching
        "屠呦呦研究员获得诺贝尔奖。",
    ],
)
def test_correct_text_stays_silent(text: str) -> None:
    assert findings(text) == []


def test_the_same_slip_is_decided_by_its_context() -> None:
    model = lm.model()
    assert model is not None
    # 中等|及: the pair belongs to two words, whatever the model says of 等级
    assert homophone_junction("中等及中等以下教育", 1, "等级")
    assert not homophone_junction("对全年工作作出布署。", 7, "部署")
    assert pair_prior(model, "布署", "部署") > shipped().prefilter


def test_every_slip_is_found_in_order() -> None:
    text = "对全年工作作出布署，认真贯撤落实。\n加强统愁协调，切实保帐群众基本生活。\n积极参与市场竟争。"
    got = findings(text)
    assert [w for _, w in got] == ["布署", "贯撤", "统愁", "保帐", "竟争"]
    assert [s for s, _ in got] == sorted(s for s, _ in got)


def test_a_string_used_again_and_its_word_rarely_is_a_term() -> None:
    once = "对全年工作作出布署。"
    assert findings(once) == [(7, "布署")]
    assert findings(once + "\n" + once) == []  # 布署 twice, 部署 never: meant
    word = "\n做好工作部署。"
    assert findings(once + "\n" + once + word * 5) == []  # 部署 not 3 times as often: a term
    many = once + "\n" + once + word * 6
    assert [w for _, w in findings(many)] == ["布署", "布署"]  # 部署 3 times as often: slips


@pytest.mark.parametrize(
    ("text", "start", "parallel"),
    [
        ("着力打造才聚宁夏、智汇宁夏的环境", 9, True),  # the item before ends with 宁夏 too
        ("打造智汇宁夏、才聚宁夏的环境", 2, True),  # the item after repeats 宁夏
        ("统筹推进经济建设、政治建社、文化建设", 11, False),  # 建社 differs where the items agree
        ("加强统愁协调、深化改革", 2, False),
        ("避免出现行业性限贷、抽贷、断贷。", 13, True),  # the items share the pair's last character
        ("使用不燃、难燃材料。", 2, True),
        ("“四水四定”先行先试全域铺开", 8, True),  # 先行先试: the pair repeats the character two before
        ("一主一带一副一极", 6, True),
        ("对全年工作作出布署、安排", 7, False),
    ],
)
def test_a_coined_half_of_a_parallel_slogan_is_not_a_slip(text: str, start: int, parallel: bool) -> None:
    assert homophone_parallel(text, start) is parallel


@pytest.mark.parametrize(
    ("text", "start", "quoted"),
    [
        ("实现政策范围内分娩个人“无自付”。", 13, True),
        ("他说：“对全年工作作出布署，这是大家的共同任务”。", 11, False),  # a long quotation
        ("对全年工作作出布署。", 7, False),
    ],
)
def test_a_pair_in_a_short_quotation_is_a_coined_term(text: str, start: int, quoted: bool) -> None:
    assert homophone_quoted(text, start) is quoted


def test_a_name_the_tagger_finds_is_not_a_slip() -> None:
    # 中荷: China and the Netherlands; jieba's HMM tags it a place name
    assert homophone_name("立起定期的政治磋商制度。中荷恢复了大使级关系。", 12)
    assert not homophone_name("对全年工作作出布署。", 7)
    assert not homophone_name("具有中国国藉。", 4)  # nz ("other proper noun") is no name


def test_a_listed_string_edited_text_uses_is_a_word() -> None:
    model = lm.model()
    assert model is not None
    assert homophone_attested(model, "执业")  # listed by jieba and written in the laws
    assert not homophone_attested(model, "做为")  # listed by jieba, never in edited text
    assert not homophone_attested(model, "布署")  # listed twice only: no word


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("把保持经济平稳较快发展做为经济工作的首要任务。", "做为"),  # a misspelling jieba lists
        ("坚持因地治宜推广秸秆覆盖。", "治宜"),  # a pair of an idiom
    ],
)
def test_listed_misspellings_and_idiom_slips_are_found(text: str, written: str) -> None:
    assert [w for _, w in findings(text)] == [written]
    assert findings(text.replace(written, shipped().words(written)[0])) == []


def test_an_abbreviation_of_a_phrase_holding_the_word_is_no_slip() -> None:
    model = lm.model()
    assert model is not None
    # 智造 abbreviates 智能制造, which the model's text writes often beside 制造
    assert homophone_blend(model, "", "智造", "制造", 0.01)
    assert not homophone_blend(model, "", "智造", "制造", 1.0)  # not in every use of 制造
    assert homophone_blend(model, "发展智能制造。", "智造", "制造", 1.0)  # the draft writes it
    for written, word in [("布署", "部署"), ("贯撤", "贯彻"), ("竟争", "竞争")]:
        assert not homophone_blend(model, "", written, word, 0.01)
    text = "发展绿色智造产业。推动制造业发展。"
    off = dataclasses.replace(shipped(), blend_share=1.0)
    assert [(s, a) for s, a, _ in homophone_findings(model, text, off)] == [(4, "制造")]
    assert list(homophone_findings(model, text, shipped())) == []


def test_a_free_character_before_its_own_object_stays_silent() -> None:
    assert findings("要做为民服务的表率。") == []  # 做 + 为民服务


@pytest.mark.parametrize("around", ["\ud800", "𠮷", "\ud800𠮷"])
def test_slips_beside_astral_characters_and_lone_surrogates_are_found(around: str) -> None:
    text = f"{around}对全年工作作出布署{around}，认真贯撤落实。"
    table = shipped().slips
    assert {"布署", "贯撤"} <= table.in_text(text)
    assert [w for _, w in findings(text)] == ["布署", "贯撤"]


def test_slips_across_chunk_edges_are_found_once() -> None:
    # the rule intersects 2,048 characters at a time: 布 ends the first chunk, 署 starts
    # the second; the other slip lies inside the third
    text = "，" * 2045 + "作出布署，" + "，" * 2100 + "认真贯撤落实"
    got = findings(text)
    assert got == [(2047, "布署"), (len(text) - 4, "贯撤")]


def test_the_words_around_must_speak_for_the_word() -> None:
    model = lm.model()
    assert model is not None
    text = "认真贯撤落实党中央决策。"
    data = shipped()
    ((_start, word, score),) = [x for x in homophone_scores(model, text, data) if text[x[0] : x[0] + 2] == "贯撤"]
    alone = pair_prior(model, "贯撤", word)
    assert homophone_supported(model, "贯撤", word, score, data) is (score - alone > data.context_margin)
    assert [w for _, w in findings(text)] == ["贯撤"]
    # a margin the context cannot give: the pair's own frequency alone decides nothing
    strict = dataclasses.replace(data, context_margin=score - alone + 0.1)
    assert not homophone_supported(model, "贯撤", word, score, strict)
    assert list(homophone_findings(model, text, strict)) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("认真题出意见。", []),  # 提出 nowhere in the draft: the score must clear the margin
        ("认真题出意见。\n各单位提出建议。", ["题出"]),
        ("各单位提出建议。\n认真题出意见。", ["题出"]),
    ],
)
def test_a_remembered_line_is_still_decided_by_its_draft(text: str, found: list[str]) -> None:
    # the first draft's line is remembered (homophone_line); whether its slip is reported
    # depends on the rest of each draft
    assert [w for _, w in findings("认真题出意见。")] == []
    assert [w for _, w in findings(text)] == found


def test_a_negative_context_margin_is_refused() -> None:
    assert "'context_margin'" in (HomophoneData(context_margin=-1.0).validate() or "")


@pytest.mark.parametrize(
    ("text", "pair", "word"),
    [
        # a long word of the dictionary, rare there (jieba lists 现役军人, 立等可取 3 times),
        # touches a word: as written the text segments as well as with the word, or better
        ("请现役军人原所在单位出具证明。", "人原", "人员"),  # 现役军人|原|所在单位
        ("窗口办理的证件，群众能立等可取。", "能立", "能力"),  # 能|立等可取
        ("全力做好老旧小区改造和社区就近入学服务。", "近入", "进入"),  # 就近入学
        ("各地要尽快拿出原地待命方案。", "地待", "地带"),  # 原地待命
    ],
)
def test_two_words_that_touch_are_a_junction(text: str, pair: str, word: str) -> None:
    start = text.index(pair)
    assert pair in shipped().slips
    assert reading_gain(text, start, word) < shipped().junction_margin
    assert homophone_exempt(text, start, word, None, shipped()) == "junction"


@pytest.mark.parametrize(
    ("text", "pair", "word"),
    [
        ("对全年工作作出布署。", "布署", "部署"),  # 布|署 against 部署
        ("认真贯撤落实党中央决策。", "贯撤", "贯彻"),
        # the segmentation cuts the pair (行政法|瑰): a rare character left alone is no word
        ("与上级行政法瑰相抵触的规定，一律停止执行。", "法瑰", "法规"),
        ("会议厅取和审议了政府工作报告。", "厅取", "听取"),  # 会议厅|取
    ],
)
def test_a_slip_is_no_junction_even_where_the_segmentation_cuts_it(text: str, pair: str, word: str) -> None:
    start = text.index(pair)
    assert pair in shipped().slips
    assert reading_gain(text, start, word) > shipped().cut_margin
    assert homophone_exempt(text, start, word, None, shipped()) != "junction"


def test_the_cut_alone_needs_a_smaller_margin() -> None:
    # 供货|者: a common word holds 货, and 供|或者 reads only a little better (3.6)
    text = "应当查验供货者的许可证。"
    start = text.index("货者")
    gain = reading_gain(text, start, "或者")
    assert shipped().junction_margin < gain < shipped().cut_margin
    assert homophone_cut(text, start)
    assert homophone_junction(text, start, "或者", shipped())
    # the same gain without a common word across the pair is no junction
    assert not homophone_junction(text, start, "或者", HomophoneData(junction_margin=2.0, cut_margin=2.0))


def test_a_slip_after_a_word_that_swallows_its_first_character_is_found() -> None:
    # 行政法 holds 法: the segmentation cuts 法瑰, yet 行政|法规 reads far better
    assert [w for _, w in findings("与上级行政法瑰相抵触的规定，一律停止执行。各项法规要及时清理。")] == ["法瑰"]


def test_han_tests_match_the_regexes_they_replace() -> None:
    """_two_char_words (the shared _HAN_RUN and a length test) answers what fullmatch of a
    pattern of two-character words did."""
    from speechlint.checks.wrd import homophones

    run = re.compile("[\u3400-\u9fff]+")
    words = re.compile("[\u3400-\u9fff]{2}(?: [\u3400-\u9fff]{2})*")
    cases = ["", "布署", "布署 部署", "布署  部署", " 布署", "布署 ", "布", "布署 部", "布a", "\u33ff布",
             "\u9fff\u3400", "\ua000", "布署\t部署", "布署 部署 工作", "〇〇"]
    for s in cases:
        assert bool(homophones._HAN_RUN.fullmatch(s)) == bool(run.fullmatch(s)), s
        assert homophones._two_char_words(s) == bool(words.fullmatch(s)), s


def test_codes_are_the_slips_as_numbers() -> None:
    """HomophoneTable.codes (units interleaved in C) holds each slip's two UTF-16 code units
    read as one 32-bit number, as encoding the slips themselves gives (invented table)."""
    from array import array

    from speechlint.checks.wrd import homophones

    table = homophones.HomophoneTable("布\t署告\t部署\t布告 报告\n做\t法\t作法\n", "x")
    expected = frozenset(array("I", "布署布告做法".encode(homophones._UNITS)))
    assert table.codes == expected
    assert table.in_text("我们要做法治布署工作") == frozenset({"做法", "布署"})
