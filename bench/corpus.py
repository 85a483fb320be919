"""The shared corpora and their one, fixed split into a tune half and a measure half.

Every benchmark, test and build script that reads ``../shared/corpus`` goes through this
module, so the split is decided in one place and never changes:

* a document is in the **tune** half when the first byte of the SHA-256 of its file name
  (UTF-8) is even, otherwise in the **measure** half;
* the tune half may be looked at, and allow lists, exceptions, thresholds and statistical
  models may be derived from it; the measure half is only ever measured.

``official`` is ``../shared/corpus/official/`` (its ``SOURCES.md`` is not a document);
``clean`` is ``../shared/corpus/clean/`` (the 8 provincial reports of 2026).
The texts are read from ``../shared``; none of them is copied into the project.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

ROOT = Path(__file__).resolve().parent.parent


def _shared() -> Path:
    """``../shared`` beside the checkout; ``SPEECHLINT_SHARED`` overrides it.

    A git worktree one level further down (``wt/NAME``) finds ``../../shared`` too.
    """
    env = os.environ.get("SPEECHLINT_SHARED")
    if env:
        return Path(env)
    for parent in (ROOT.parent, ROOT.parent.parent):
        if (parent / "shared" / "corpus").is_dir():
            return parent / "shared"
    return ROOT.parent / "shared"


SHARED = _shared()
CORPORA = {"official": SHARED / "corpus" / "official", "clean": SHARED / "corpus" / "clean"}

Half = Literal["tune", "measure"]


def half(name: str) -> Half:
    """The half a document belongs to, decided by its file name alone."""
    return "tune" if hashlib.sha256(name.encode("utf-8")).digest()[0] % 2 == 0 else "measure"


_YEAR = re.compile(r"(?:19|20)\d\d")


def year(name: str) -> int | None:
    """The year in an official-corpus file name (``gwr_national_2007.txt`` -> 2007), if any.

    Laws carry no year in their names; they are current texts and count as recent.
    """
    m = _YEAR.search(name)
    return int(m.group()) if m else None


def is_recent(name: str) -> bool:
    """Texts from 2003 on, which follow current GB/T 15834/15835 practice.

    The 9th-15th CPC congress reports (1969-1997) are older; laws have no year and count.
    """
    m = re.fullmatch(r"cpc_congress_report_(\d+)\.txt", name)
    if m:
        return int(m.group(1)) >= 16  # the 16th congress sat in 2002, 17th in 2007
    y = year(name)
    return y is None or y >= 2003


@dataclass(frozen=True)
class Doc:
    corpus: str
    path: Path
    half: Half

    @property
    def name(self) -> str:
        return self.path.name

    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")


def available(corpus: str = "official") -> bool:
    return CORPORA[corpus].is_dir()


def documents(
    corpus: str, which: Half | None = None, *, recent_only: bool = False
) -> Iterator[Doc]:
    """The documents of one corpus, sorted by name, optionally one half and recent only."""
    folder = CORPORA[corpus]
    if not folder.is_dir():
        return
    for path in sorted(folder.glob("*.txt")):
        h = half(path.name)
        if which is not None and h != which:
            continue
        if recent_only and not is_recent(path.name):
            continue
        yield Doc(corpus, path, h)
