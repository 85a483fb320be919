"""The 的/地/得 benchmark's sites and scoring (bench/de_particles.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

pytest.importorskip("jieba")

from bench import de_particles


def test_every_particle_site_of_a_line_is_found() -> None:
    line = "我们要坚定不移地推进改革，认真地落实政策，把工作抓得紧。"
    sites = list(de_particles.sites(line))
    assert [(k, line[o]) for k, o in sites] == [("wrd_de_di", "地"), ("wrd_de_di", "地"), ("wrd_de_de", "得")]
    # the noun 地 and the verb 得 are no sites
    assert list(de_particles.sites("各地取得了成绩，所在地的群众获得实惠。")) == []


def test_findings_point_at_the_slips() -> None:
    data = de_particles.rule_data()
    line = "我们要坚定不移的推进改革，把工作抓的紧。"
    found = de_particles.findings(line, data)
    assert sorted(found) == [("WRD001", 7), ("WRD002", 17)]


def test_old_texts_are_outside_both_halves() -> None:
    """``--half old`` reads the official texts before 2003, which no half measures."""
    from bench import corpus, quality

    if not corpus.available("official"):
        pytest.skip("../shared/corpus not found")
    old = {t.name for t in de_particles.documents("old")}
    halves = {t.name for h in ("tune", "measure") for t in quality.texts("all", h)}
    assert old and not old & halves
    assert all(not corpus.is_recent(name) for name in old)
