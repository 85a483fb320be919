"""WRD: word usage -- 的/地/得, misused words, term consistency, canonical expressions.

Every word list lives in ``rules/wrd.yaml``.  The rules find candidates with one
compiled regular expression over ``doc.check_text``; only the 的/地/得 rules need
part-of-speech tags, and only for a candidate that the cheap checks (the word lists)
do not settle: then :func:`speechlint.segment.pos_tags` tags the one clause around
it as jieba would, from data generated out of jieba's files (jieba itself is never
imported).  Each clause is found, matched against the allow patterns and tagged once
per rule run, however many candidates it holds.

The family is one package of three modules and one subpackage, each importing only
:mod:`.common`:

* :mod:`.common`: clauses, :class:`WordFinder`, the model's score of one form against
  another (:func:`pair_score`);
* :mod:`.de`: WRD001 and WRD002 (的 for 地 and for 得), a package of three modules:
  :mod:`.de.shared`, :mod:`.de.adverbial` (WRD001), :mod:`.de.complement` (WRD002);
* :mod:`.words`: WRD003 to WRD006 (misused forms, term consistency, altered
  formulations, confused pairs);
* :mod:`.homophones`: WRD007 (homophone slips).

Importing the package registers every rule of the family.
"""

from __future__ import annotations

from . import de, homophones, words
from .common import WordFinder, pair_score
from .words import Misuse, consistency_findings, substitution_fix, substitutions

__all__ = [
    "Misuse",
    "WordFinder",
    "consistency_findings",
    "de",
    "homophones",
    "pair_score",
    "substitution_fix",
    "substitutions",
    "words",
]
