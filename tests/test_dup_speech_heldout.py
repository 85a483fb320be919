"""DUP001/DUP002 on held-out invented speech-draft sentences (tests/data/dup_speech_heldout*.yaml).

tests/data/dup_speech.yaml is the set the speech-draft mechanisms of rules/dup.yaml were
fitted to; this file was written afterwards, without its examples, to measure them on
sentences they were not fitted to; dup_speech_heldout2.yaml was written after the
mechanisms fitted to the first held-out file (bench/dup_speech.py prints the figures).  Same format
and the same judgement as tests/test_dup_speech.py: a correct sentence gives no finding, a
slip sentence exactly one, the slip's."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.test_dup_speech import _findings, _found_alone, _reported_without

DATA = Path(__file__).parent / "data"
SETS = {name: yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8")) for name in ("dup_speech_heldout", "dup_speech_heldout2")}
SENTENCES = {
    "correct": [t for d in SETS.values() for t in d["correct"]],
    "slips": [s for d in SETS.values() for s in d["slips"]],
    "known": {
        "correct_reported": [t for d in SETS.values() for t in d["known"]["correct_reported"]],
        "slips_missed": [s for d in SETS.values() for s in d["known"]["slips_missed"]],
    },
}
FITTED = yaml.safe_load((DATA / "dup_speech.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("text", SENTENCES["correct"])
def test_correct_sentences_are_silent(text: str) -> None:
    assert _findings(text) == []


@pytest.mark.parametrize(("text", "slip"), SENTENCES["slips"])
def test_slips_are_found_alone(text: str, slip: str) -> None:
    assert _found_alone(text, slip)


def test_the_lists_do_not_overlap_and_are_held_out() -> None:
    known = SENTENCES["known"]
    correct = SENTENCES["correct"] + known["correct_reported"]
    slips = [t for t, _ in SENTENCES["slips"] + known["slips_missed"]]
    assert set(known["correct_reported"]).isdisjoint(SENTENCES["correct"])
    assert {t for t, _ in known["slips_missed"]}.isdisjoint(t for t, _ in SENTENCES["slips"])
    assert len(correct) >= 120 and len(slips) >= 60
    fitted = set(FITTED["correct"]) | set(FITTED["known"]["correct_reported"])
    fitted |= {t for t, _ in FITTED["slips"] + FITTED["known"]["slips_missed"]}
    assert fitted.isdisjoint(correct + slips)


@pytest.mark.xfail(strict=True, reason="known limit: correct sentences still reported")
@pytest.mark.parametrize("text", SENTENCES["known"]["correct_reported"])
def test_known_correct_sentences_still_reported(text: str) -> None:
    assert _findings(text) == []


@pytest.mark.xfail(strict=True, reason="known limit: slips missed, or found beside a false alarm")
@pytest.mark.parametrize(("text", "slip"), SENTENCES["known"]["slips_missed"])
def test_known_slips_still_missed(text: str, slip: str) -> None:
    assert _found_alone(text, slip)


#: The mechanisms the held-out sentences asked for: (rule, the settings that turn one off,
#: a sentence it silences, a slip of a nearby shape it leaves to the usual tests, if any).
HELDOUT_MECHANISMS = [
    ("DUP001", {"unit_compound_min": 0}, "各班班主任开会了。", "各单单位要按时报送。"),
    ("DUP001", {"pair_in_word_min": 0}, "大家要反对本本主义。", "我们要反对形式主主义。"),
    ("DUP002", {"pair_in_word_min": 0}, "这事你得掂量掂量。", None),
    ("DUP001", {"reduplicated_word_freq": 0}, "他次次都冲在前面。", "这是我们生活活的一部分。"),
    ("DUP001", {"pivot_before": ""}, "请各位排排队。", "请大家推推进工作。"),
    ("DUP001", {"motion_before": ""}, "年轻干部要多去蹲蹲点。", "年轻干部要多去推推进工作。"),
    ("DUP002", {"pivot_before": ""}, "请各位老师指导指导。", "要认真听取代表们意见意见。"),
    ("DUP001", {"reduplicated_pronoun_object": False}, "大家要劝劝他，", "我们要关关心他们。"),
    ("DUP001", {"measure_after_tags": ("f", "n", "ns", "nz", "s")}, "我们顿顿都有肉吃。", "我们项项目都完成了。"),
    ("DUP001", {"vv_object_word": False}, "我们出去透透气。", "人口特少少的民族，"),
    ("DUP001", {"vv_object_word": False}, "下周大家碰碰头。", "要抓好落落实。"),
]


@pytest.mark.parametrize(("code", "off", "good", "bad"), HELDOUT_MECHANISMS)
def test_each_mechanism_silences_its_shape_and_only_it(
    code: str, off: dict[str, object], good: str, bad: str | None
) -> None:
    assert _findings(good) == []
    assert _reported_without(good, code, **off)
    assert bad is None or len(_findings(bad)) == 1
