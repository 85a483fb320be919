"""NUM: heading numbering and enumerations, on the seeds, the clean corpus and made-up drafts."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

import speechlint
from speechlint import registry
from speechlint.config import Config
from speechlint.engine import apply_fixes
from speechlint.model import Diagnostic, RuleFailure
from speechlint.outline import chinese_numeral, outline

from .conftest import clean_texts, positions, seed

NUM = Config(select=("NUM",))


def _found(text: str, config: Config = NUM) -> list[tuple[int, int, str]]:
    """(1-based line, 1-based code-point column, code) of each finding."""
    return positions(text, config)


def _lint(text: str, *codes: str) -> list[Diagnostic]:
    return speechlint.lint(text, Config(select=codes or ("NUM",)))


# ------------------------------------------------------------------- seeds
def test_seed_000_half_width_bracket_heading() -> None:
    text = seed("000")
    assert _found(text) == [(18, 1, "NUM006")]
    (d,) = _lint(text)
    assert d.fix is not None and d.fix.applicability == "safe"
    fixed, n = apply_fixes(text, [d])
    assert n == 1
    # the heading is understood as （三）: its children restart at 1 and nothing else is found
    hs = outline(fixed)
    third = next(h for h in hs if h.level == 2 and h.number == 3)
    assert third.label == "（三）" and third.ok
    assert [hs[i].number for i in range(len(hs)) if hs[i].parent == third.index] == [1, 2, 3]
    assert _found(fixed) == []


def test_seed_000_outline() -> None:
    hs = outline(seed("000"))
    assert [(h.level, h.number) for h in hs] == [
        (1, 1), (2, 1), (2, 2), (3, 1), (3, 2), (3, 3), (3, 4), (3, 5), (2, 3), (3, 1), (3, 2), (3, 3), (1, 2)
    ]
    # "1.推进政府自身改革。主要抓好…" is a correct level-3 heading
    assert hs[3].line == 12 and hs[3].label == "1." and hs[3].ok


def test_seed_001_odd_ordinal_delimiter() -> None:
    text = seed("001")
    assert _found(text) == [(17, 3, "NUM008")]
    (d,) = _lint(text)
    assert d.fix is not None and d.fix.applicability == "safe"
    fixed, _ = apply_fixes(text, [d])
    assert fixed[d.span.start] == "，"
    assert _found(fixed) == []


def test_seed_002_nothing_false() -> None:
    # 一要/一是 series restart under each heading; inline 一是…六是 and 首先…其次 are fine
    assert _found(seed("002")) == []


# ------------------------------------------------------------------ corpus
def test_clean_corpus_gives_no_numbering_findings() -> None:
    found = {}
    for name, text in clean_texts():
        diags = _found(text)
        if diags:
            found[name] = diags
        assert len(outline(text)) > 5, f"{name}: the outline should list the report's headings"
    assert found == {}


# ---------------------------------------------------------- rule metadata
def test_scopes_and_severities() -> None:
    rules = registry.load_all()
    for code in ("NUM001", "NUM002", "NUM003", "NUM004", "NUM007", "NUM008"):
        assert rules[code].scope == "document", code
    for code in ("NUM005", "NUM006"):
        assert rules[code].scope == "paragraph", code
    assert rules["NUM004"].severity == "warning"
    assert rules["NUM001"].severity == "error"


def test_skipped_level_is_a_warning() -> None:
    (d,) = speechlint.lint("一、总体要求\n1.加强领导\n2.明确责任", NUM)
    assert (d.code, d.severity) == ("NUM004", "warning")


# ------------------------------------------------------------- renumbering
def test_renumbering_fixes_the_level_under_its_parent() -> None:
    text = "一、甲\n（一）a\n（二）b\n二、乙\n四、丙\n（一）c\n（二）d\n五、丁\n（一）e"
    assert _found(text) == [(5, 1, "NUM001")]
    result = speechlint.fix(text, Config(select=("NUM001",)), unsafe=True)
    # 四、 and the later 五、 are renumbered; the children keep their numbers
    assert result.text == "一、甲\n（一）a\n（二）b\n二、乙\n三、丙\n（一）c\n（二）d\n四、丁\n（一）e"
    assert result.remaining == []
    # without --unsafe-fixes nothing changes
    assert speechlint.fix(text, Config(select=("NUM001",))).text == text


def test_renumbering_touches_only_the_numbers() -> None:
    text = "一、甲\n二、乙\n二、丙\n（一）a\n（三）b\n三、丁"
    (d,) = _lint(text, "NUM002")
    assert d.fix is not None and d.fix.applicability == "unsafe"
    assert [text[e.span.start : e.span.end] for e in d.fix.edits] == ["二", "三"]
    fixed, _ = apply_fixes(text, [d], unsafe=True)
    assert fixed == "一、甲\n二、乙\n三、丙\n（一）a\n（三）b\n四、丁"  # （三） belongs to another group


def test_fixes_are_idempotent() -> None:
    text = "一、甲\n二、乙\n四、丙\n(一）a\n（一）、b\n1、c\n第一，d\n第二、e\n第三，f"
    once = speechlint.fix(text, NUM, unsafe=True).text
    assert speechlint.fix(once, NUM, unsafe=True).text == once
    assert _found(once) == []


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=30), min_size=1, max_size=12), st.sampled_from(["一", "（一）", "1", "（1）"]))
def test_renumbering_property(numbers: list[int], form: str) -> None:
    def label(n: int) -> str:
        return {"一": f"{chinese_numeral(n)}、", "（一）": f"（{chinese_numeral(n)}）", "1": f"{n}.", "（1）": f"（{n}）"}[form]

    lines = [f"{label(n)}标题{i}" for i, n in enumerate(numbers)]
    text = "\n".join(lines)
    cfg = Config(select=("NUM001", "NUM002", "NUM003"))
    result = speechlint.fix(text, cfg, unsafe=True)
    fixed_lines = result.text.split("\n")
    # every title is kept; the numbers run 1, 2, 3 … (a top level may restart at 1)
    assert [ln.split("标题")[1] for ln in fixed_lines] == [str(i) for i in range(len(numbers))]
    nums = [h.number for h in outline(result.text)]
    for prev, cur in itertools.pairwise(nums):
        assert cur in (prev + 1, 1)  # the top level of a draft may start again (an attachment)
    assert nums[0] == 1
    assert result.remaining == []


# ------------------------------------------------------------ enumerations
def test_enumeration_gap_repeat_and_orphan() -> None:
    assert _found("一是加强领导；二是明确责任；四是严格考核。") == [(1, 15, "NUM007")]
    assert _found("一要扛牢责任。二要紧盯时限。二要建章立制。") == [(1, 15, "NUM007")]
    assert _found("会议指出，二是要加强监督。") == [(1, 6, "NUM007")]
    assert _found("第一，甲。第三，乙。") == [(1, 6, "NUM007")]


def test_enumerations_restart_under_each_heading() -> None:
    text = "一、甲\n一要a。\n二要b。\n二、乙\n一要c。\n二要d。\n三要e。\n三、丙\n一是f。\n二是g。"
    assert _found(text) == []


def test_paragraph_items_with_subheadings_between_them() -> None:
    # 第一，… paragraphs used as the top structure, with （一） subheadings inside each
    assert _found("第一，要提高认识。\n（一）甲\n（二）乙\n第二，要加强领导。\n（一）丙\n第三，要严格考核。") == []
    assert _found("一、总体\n第一，a。\n（一）甲\n第二，b。") == []
    # but a list does not go on under the next heading of the same level
    assert _found("一、甲\n一要a。\n二要b。\n二、乙\n三要c。") == [(5, 1, "NUM007")]


def test_nested_enumerations() -> None:
    text = "一是学习。首先，要读书；其次，要思考。\n二是实践：一要深入基层；二要解决问题。\n三是总结。"
    assert _found(text) == []
    # 首先…其次 paragraphs inside the item 第一，; a second list under the same heading
    assert _found("第一，要学习。\n首先，要读书。\n其次，要思考。\n第二，要实践。\n第三，要总结。") == []
    assert _found("一是a。\n二是b。\n三是c。\n这是过渡。\n一是d。\n二是e。\n三是f。\n四是g。") == []
    # a real repeat after a nested list is still found
    assert _found("一是a：一要x；二要y。\n二是b。\n二是c。") == [(3, 1, "NUM007")]
    # two lists in one paragraph, each from 一是
    assert _found("在产业方面，一是强龙头；二是补链条。在民生方面，一是稳就业；二是兜底线。") == []


def test_markers_after_quotes_and_heading_numbers() -> None:
    assert _found("他说：“一是要学习；二是要实践。”") == []
    assert _found("（一）一是加强领导；二是明确责任。\n（二）一要抓好落实；二要强化考核。") == []


def test_markers_after_a_dash_an_ellipsis_or_spaces() -> None:
    # a dash or an ellipsis introduces the list; spaces after a clause mark are layout
    assert _found("工作重点有三——一是加强领导；二是明确责任；三是严格考核。") == []
    assert _found("要把握以下几点——第一，坚持党的领导；第二，坚持人民至上。") == []
    assert _found("问题不少……一是思想不够解放；二是作风不够扎实。") == []
    assert _found("主要有两个方面。 一是加强领导；二是明确责任。") == []
    assert _found("（一） 一是加强领导；二是明确责任。") == []
    # and a gap after them is still found
    assert _found("工作重点有三——一是加强领导；三是严格考核。") == [(1, 16, "NUM007")]
    assert _found("主要有两个方面。 二是明确责任。") == [(1, 10, "NUM007")]


def test_a_first_marker_inside_a_clause() -> None:
    # the series opens inside a clause, after 是 or an opening quote, and goes on at a clause start
    assert _found("最重要的就是一要保重点建设，二要保技术改造。") == []
    assert _found("必须坚持“一要吃饭，二要建设”的原则。") == []
    assert _found("关键是一是抓学习；二是抓落实。") == []
    assert _found("要做到“三个坚持”，即一是坚持党的领导，二是坚持人民至上，三是坚持改革创新。") == []
    # not when the next marker is no 二 of the same kind, is in another sentence, or when
    # 一 belongs to a word (统一是)
    assert _found("关键就是一要抓学习。二要抓落实。") == [(1, 11, "NUM007")]
    assert _found("最重要的就是一要保重点，三要保改造。") == [(1, 13, "NUM007")]
    assert _found("认识统一是前提，二是关键。") == [(1, 9, "NUM007")]
    assert _found("提升“一要素”水平，二要素齐全。") == []


def test_a_list_inside_a_paragraph_ends_with_it() -> None:
    # 一要…四要 in one paragraph; the next paragraph's 二是… is no 二是 after 四要
    text = "为此，一要甲，二要乙，三要丙，四要丁。\n同时，首先要戊。二是己。三是庚。"
    assert _found(text) == [(2, 9, "NUM007")]
    # a list that does go on in the next paragraph still does
    assert _found("为此，一要甲，二要乙。\n同时，三要丙。") == []
    assert _found("为此，一要甲，二要乙。\n同时，二要丙。") == [(2, 4, "NUM007")]


def test_attachment_list_is_no_heading() -> None:
    text = "一、总体要求\n（一）指导思想\n附件：1.关于方案\n　　　2.关于办法\n　　　3.关于细则"
    assert _found(text) == []
    assert [h.label for h in outline(text)] == ["一、", "（一）"]
    after = outline(text + "\n二、保障措施\n（一）加强领导")
    assert [(h.label, h.index, h.parent) for h in after] == [("一、", 0, None), ("（一）", 1, 0), ("二、", 2, None), ("（一）", 3, 2)]
    # the form of a list item is still checked
    assert _found(text.replace("3.", "3、")) == [(5, 5, "NUM005")]


def test_words_that_only_look_like_markers() -> None:
    text = "统一是前提，唯一是根本。实事求是，一是一、二是二。创新是第一动力。第一、二产业较快增长。再次强调，要抓好落实。最后，谢谢大家。"
    assert _found(text) == []
    # a listed pair ascends: 第二、一定要… is the marker 第二、
    assert _found("第一、要控制总额；\n第二、一定要用在生产上；\n第三、要讲求效益。") == []
    # …but 一是一批… is a marker
    assert _found("一是一批重大项目加快推进；二是二十个园区建成投产；四是…") == [(1, 26, "NUM007")]
    # a numeral + 是/要 inside a quoted term, and ranks such as 居全国第二，
    assert _found("全面提升“六要素”品质，突出“三要素”：资金、人才、技术。增速居全国第二，总量居全国第一，") == []


def test_mixed_series() -> None:
    assert _found("首先，要学习。第二，要实践。第三，要总结。") == [(1, 1, "NUM008")]
    assert _found("一是加强领导；二要明确责任；三是严格考核。") == [(1, 8, "NUM008")]
    # a tie in delimiters falls back to the comma of GB/T 15834
    (d,) = _lint("第一、要学习。第二，要实践。", "NUM008")
    assert d.fix is not None
    assert apply_fixes("第一、要学习。第二，要实践。", [d])[0] == "第一，要学习。第二，要实践。"


def test_large_draft_is_linear() -> None:
    # many sections: every one restarts, nothing is found (no timing asserted)
    part = "{n}、部分\n（一）甲\n1.a\n2.b\n（二）乙\n一是c；二是d。\n第一，e。第二，f。\n"
    text = "".join(part.format(n=chinese_numeral(n)) for n in range(1, 100))
    assert _found(text) == []
    assert len(outline(text)) == 99 * 6  # five headings and one 第一， item a part


TOKENS = [
    "一、", "二、", "四、", "十一、", "九十九、", "（一）", "(二)", "（三)", "1.", "2、", "3．", "（1）", "(2)", "1)",
    "一）", "⑴", "⒉", "第一，", "第二、", "第三，", "其一，", "一是", "二是", "四是", "一要", "三要", "首先，",
    "其次，", "甲", "乙。", "，", "；", "：", "。", "\n", "\r\n", "\r", "　　", "“", "”", "附件：", "1.5", "、二季度",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=40))
def test_any_numbering_is_handled_and_fixes_settle(tokens: list[str]) -> None:
    text = "".join(tokens)
    failures: list[RuleFailure] = []
    diags = speechlint.lint(text, NUM, failures=failures)
    assert failures == []
    for d in diags:
        assert 0 <= d.span.start <= d.span.end <= len(text)
    once = speechlint.fix(text, NUM, unsafe=True).text
    assert speechlint.fix(once, NUM, unsafe=True).text == once


def test_each_finding_renumbers_up_to_the_next_finding_of_its_group() -> None:
    # (一)(三)…(一)(二)…: every reversal is a finding; each fix stops where the group's next
    # finding starts, so the fixes never overlap and their size grows with the group, not
    # with the group times its findings (a fix of the whole group on each finding did)
    numbers = [1, 2, 3] * 30  # outline reads numbers up to 九十九
    text = "\n".join(f"（{chinese_numeral(n)}）项目{i}" for i, n in enumerate(numbers))
    cfg = Config(select=("NUM001", "NUM002", "NUM003"))
    found = [d for d in speechlint.lint(text, cfg) if d.fix is not None]
    assert len(found) == 29
    edits = [e.span for d in found for e in d.fix.edits]  # type: ignore[union-attr]
    assert len(edits) == len(set(edits)) == len(numbers) - 3
    # applied together they number the group 1, 2, 3 … 120
    fixed = speechlint.fix(text, cfg, unsafe=True)
    assert [h.number for h in outline(fixed.text)] == list(range(1, len(numbers) + 1))
