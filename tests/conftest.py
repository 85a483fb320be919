from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
CLEAN = SHARED / "corpus" / "clean"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

def positions(text: str, config: Any = None, **kwargs: Any) -> list[tuple[int, int, str]]:
    """(1-based line, 1-based code-point column, code) of each finding of ``lint``."""
    import speechlint
    from speechlint.document import LineIndex

    index = LineIndex(text)
    out = []
    for d in speechlint.lint(text, config, **kwargs):
        line, col = index.line_col(d.span.start)
        out.append((line + 1, col + 1, d.code))
    return out


def seed(prefix: str) -> str:
    """Text of the seed draft whose file name starts with ``prefix`` (skip when absent)."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds/ is not present")
    matches = sorted(SEEDS.glob(f"{prefix}*.txt"))
    if not matches:
        pytest.skip(f"no seed {prefix}* in {SEEDS}")
    return matches[0].read_text(encoding="utf-8")


def clean_texts() -> list[tuple[str, str]]:
    """(name, text) of the professionally edited corpus (skip when absent)."""
    if not CLEAN.is_dir():
        pytest.skip("../shared/corpus/clean/ is not present")
    files = sorted(CLEAN.glob("*.txt"))
    if not files:
        pytest.skip("no corpus texts")
    return [(f.name, f.read_text(encoding="utf-8")) for f in files]
