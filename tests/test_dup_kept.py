"""DUP001: a lone copy squeezed between the two words of its one-copy text (model-lone-kept)."""

from __future__ import annotations

import dataclasses

import pytest

import speechlint.data
from speechlint.checks import dup
from speechlint.checks.dup.data import DupData


def _doubled_at(text: str) -> int:
    return next(i for i in range(len(text) - 1) if text[i] == text[i + 1])


def _only(name: str) -> DupData:
    """DUP001's data with every threshold on the model's score off but ``name``."""
    data = speechlint.data.rule_data("DUP001")
    off = {
        f.name: -1000.0
        for f in dataclasses.fields(data)
        if f.name.startswith("model_") and f.name != name and isinstance(getattr(data, f.name), float)
    }
    return dataclasses.replace(data, **off)


@pytest.mark.parametrize(
    "text",
    [
        "这次事故造成成人身伤害。",  # 造成 + 成 + 人身: 成人 crosses the copy, the cut leaves it alone
        "这次事故没有造成成人员伤亡。",  # 造成 + 成 + 人员
    ],
)
def test_a_second_copy_kept_apart_by_the_cut_is_found(text: str) -> None:
    """model-lone-kept: the cut leaves the second copy alone between 造成 and the next word,
    which the one-copy text keeps as they are."""
    s = _doubled_at(text)
    data = speechlint.data.rule_data("DUP001")
    assert dup.words._kept_apart(text, s)
    assert dup.judge._judge(text, s, 1, _only("model_lone_kept"))
    assert dup.judge._judge(text, s, 1, data)


def test_the_first_example_is_missed_without_model_lone_kept() -> None:
    text = "这次事故造成成人身伤害。"
    data = speechlint.data.rule_data("DUP001")
    off = dataclasses.replace(data, model_lone_kept=-1000.0, model_lone_kept_nonverb=-1000.0)
    assert not dup.judge._judge(text, _doubled_at(text), 1, off)


@pytest.mark.parametrize(
    "text",
    [
        "对他们的工作作相应的调整。",  # 工作 + 作 + 相应: kept apart, but the model is unsure
        "推动全国国有企业改革。",  # 全国 + 国有企业: two words that touch
        "推动企业业务转型。",  # 企业 + 业务
        "群众对此无不不满意。",  # 无不 + 不满意: an adverb stands alone (jieba's tag d)
        "工程终于于今年年底完工。",  # 终于 + 于 + 今年年底: a preposition (p)
    ],
)
def test_legitimate_pairs_are_not_reported_at_model_lone_kept(text: str) -> None:
    assert not dup.judge._judge(text, _doubled_at(text), 1, _only("model_lone_kept"))


def test_a_second_copy_kept_apart_that_is_no_verb_is_found_at_model_lone_kept_nonverb() -> None:
    """model-lone-kept-nonverb: 群体 + 体 + 保障性, the copy a noun (the shipped model scores
    it below model-lone-kept too, so the setting is raised above its score to test it alone)."""
    text = "要加大对困难群体体保障性住房的供给。"
    s = _doubled_at(text)
    assert dup.words._kept_apart(text, s)
    assert not dup.words._modifier_before_noun(text, s)
    score = dup.judge.score(text, s, 1)
    assert score is not None
    only = _only("model_lone_kept_nonverb")
    assert dup.judge._judge(text, s, 1, dataclasses.replace(only, model_lone_kept_nonverb=score + 0.5))
    assert not dup.judge._judge(text, s, 1, dataclasses.replace(only, model_lone_kept_nonverb=score - 0.5))


@pytest.mark.parametrize(
    "text",
    [
        "依照有关法律、法规的规定，建立健全全流程数据安全管理制度。",  # 健全 + 全流程
        "要维护社会安全全局面稳定。",  # 安全 + 全局面: read so too (a slip lost, -5.15)
    ],
)
def test_an_adjective_before_a_noun_is_not_reported_at_model_lone_kept_nonverb(text: str) -> None:
    """An adjective copy (全, jieba's tag a) before a noun modifies it: two words that touch,
    whatever the model (which knows 全流程 little) says."""
    s = _doubled_at(text)
    assert dup.words._kept_apart(text, s)
    assert dup.words._modifier_before_noun(text, s)
    assert not dup.judge._judge(text, s, 1, dataclasses.replace(_only("model_lone_kept_nonverb"), model_lone_kept_nonverb=0.0))


@pytest.mark.parametrize(
    "text",
    [
        "对他们的工作作相应的调整。",  # 作, a verb alone after the noun 工作
        "要加强食品安全全链条监管。",  # 安全 + 全链条: the model reads two words that touch
    ],
)
def test_legitimate_pairs_are_not_reported_at_model_lone_kept_nonverb(text: str) -> None:
    s = _doubled_at(text)
    assert dup.words._kept_apart(text, s)
    assert not dup.judge._judge(text, s, 1, _only("model_lone_kept_nonverb"))
