"""The character model of official Chinese (speechlint/lm.py) and its build (speechlint/lm_build.py)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from math import log
from pathlib import Path

import pytest

from speechlint import lm, lm_build
from speechlint.checks import dup

from .conftest import ROOT

SHIPPED = ROOT / "rules" / lm.FILE


def _tiny(streams: list[str]) -> lm.Model:
    text = lm_build.render(lm_build.count(streams, 3), 3, "test", "0" * 64)
    return lm.Model(text.encode("utf-8"))


def test_stream_maps_non_han_text_to_classes() -> None:
    assert lm.to_stream("2009年年工作，GDP增长6.5%。") == "0年年工作|a增长0|"
    assert lm.to_stream("贯彻落实") == "贯彻落实"


def test_followers_are_every_kept_character_with_its_count() -> None:
    m = _tiny(["贯彻落实党的决定", "落实落细", "认真贯彻", "党的建设"])
    assert m.followers("落") == {"实": 2, "细": 1}
    assert m.followers("党") == {"的": 2}
    assert m.followers("贯彻落") == {}  # n-grams of three or more seen once are pruned
    assert m.followers("鑫") == {}
    for ctx in ("落", "党的", ""):
        assert all(m.count(ctx, c) == n for c, n in m.followers(ctx).items())


def test_probabilities_of_each_context_sum_to_one() -> None:
    m = _tiny(["贯彻落实党的决定", "落实落细", "认真贯彻", "党的建设"])
    vocab = sorted(set("贯彻落实党的决定细认真建设|")) + ["鑫"]  # 鑫: never seen
    for history in ("", "贯彻", "落实", "党的", "彻底"):
        total = sum(m.prob(history, c) for c in vocab)
        # the remaining mass belongs to characters never seen, one share each
        assert 0.98 < total <= 1.0 + 1e-9, history
    assert m.prob("贯彻", "落") > m.prob("贯彻", "党")


def test_build_is_deterministic_and_records_its_inputs(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    for corpus, texts in {"official": ["贯彻落实党的决定。", "坚持推进改革。"], "clean": ["推进高质量发展。"]}.items():
        (shared / "corpus" / corpus).mkdir(parents=True)
        for i, text in enumerate(texts):
            (shared / "corpus" / corpus / f"doc{i}.txt").write_text(text, encoding="utf-8")
    outs = []
    for n in (1, 2):
        out = tmp_path / f"out{n}"
        assert lm_build.main(["--half", "all", "--out", str(out), "--shared", str(shared)]) == 0
        outs.append((out / lm.FILE).read_bytes())
    assert outs[0] == outs[1]
    header = outs[0].decode("utf-8")
    assert "# inputs-sha256: " in header and "(half: all)" in header
    m = lm.Model(outs[0])
    assert m.order == lm.ORDER and m.prob("贯彻", "落") > m.prob("贯彻", "坚")


def _shared() -> Path:
    """``../shared`` (or ``$SPEECHLINT_SHARED``, as bench/corpus.py reads it)."""
    return Path(os.environ.get("SPEECHLINT_SHARED") or ROOT.parent / "shared")


@pytest.mark.skipif(not (_shared() / "corpus" / "official").is_dir(), reason="../shared absent")
def test_shipped_model_is_rebuilt_byte_for_byte() -> None:
    built = lm_build.build("all", _shared()).encode("utf-8")
    assert hashlib.sha256(built).hexdigest() == hashlib.sha256(SHIPPED.read_bytes()).hexdigest()


def test_shipped_model_tells_slips_from_words_that_touch() -> None:
    m = lm.model()
    assert m is not None
    slip = dup.score("要坚持贯彻落落实党的决定", 5, 1)
    touch = dup.score("提高中国国际地位", 3, 1)
    assert slip is not None and touch is not None
    assert slip < -10 < touch


def test_model_dir_from_the_environment(tmp_path: Path) -> None:
    text = lm_build.render(lm_build.count(["贯彻落实"], 2), 2, "test", "0" * 64)
    (tmp_path / lm.FILE).write_text(text, encoding="utf-8")
    code = "from speechlint import lm; print(lm.model().order)"
    env = {**os.environ, "SPEECHLINT_LM_DIR": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "2"


def test_every_context_line_is_found_and_nothing_else() -> None:
    text = lm_build.render(lm_build.count(["贯彻落实党的决定", "落实落细", "𠮷祥如意", "认真贯彻"], 4), 4, "t", "0")
    m = lm.Model(text.encode("utf-8"))
    lines = [line for line in text.splitlines() if not line.startswith("# ")]
    for line in lines:
        assert m._line(line.split("\t")[0]) == line
    for unseen in ("鑫", "落落", "贯彻落实党", "\ud800", "𠮷吉"):
        assert m._line(unseen) is None


def test_a_context_whose_shorter_context_lacks_its_last_character_is_not_searched() -> None:
    streams = ["贯彻落实党的决定", "贯彻落实党的决定", "落实落细", "认真贯彻"]
    text = lm_build.render(lm_build.count(streams, 4), 4, "t", "0")
    m = lm.Model(text.encode("utf-8"))
    searched: list[str] = []
    find = m._line

    def line(ctx: str) -> str | None:
        searched.append(ctx)
        return find(ctx)

    m._line = line  # type: ignore[method-assign]
    assert m._context("贯彻落") is not None  # 贯彻 is followed by 落 twice: its line is read
    assert "贯彻落" in searched
    # 落实 (remembered once read) is followed by 落 once only, pruned: 落实落 has no line
    assert m._context("落实") is not None
    assert m._context("落实落") is None
    assert "落实落" not in searched
    # a shorter context not yet read is not read for this: the longer one is searched
    searched.clear()
    assert m._context("实落细") is None
    assert searched == ["实落细"]
    # the answers are the file's, context by context
    for ctx in ("贯彻落", "认真落", "落实落", "实落细", "的决", "鑫", "党的决"):
        assert (m._context(ctx) is None) == (find(ctx) is None)


def test_scores_remembered_for_one_model_are_not_given_to_the_next() -> None:
    # A benchmark switches models (lm.reset(), another fold's SPEECHLINT_LM_DIR); the next
    # model may get the freed one's id(), so the rules' caches key on Model.serial.
    from speechlint.checks.wrd import common, homophones
    from speechlint.checks.wrd.de import adverbial, shared

    text = "我们要认真地贯彻落实"
    made = []
    for written in ("认真地贯彻落实", "认真的贯彻落实"):
        m = _tiny([written] * 3 + ["认真学习"])
        made.append(m.serial)
        cached = common.pair_score(m, text, 5, 6, "的")
        assert cached == m.logprob("要认真", "的贯彻落") - m.logprob("要认真", "地贯彻落")
        prior = homophones.pair_prior(m, "地", "的")
        assert prior == m.logprob("", "的") - m.logprob("", "地")
        assert shared.left_ratio(m, "认真") == log(m.prob("认真", "地")) - log(m.prob("认真", "的"))
        assert adverbial._near_left(m, "真") == log(m.prob("真", "地")) - log(m.prob("真", "的"))
        assert adverbial._right_ratio(m, "贯") == log(m.prob("地", "贯")) - log(m.prob("的", "贯"))
        del m  # freed: its id() may be the next model's
    assert made[0] != made[1]
