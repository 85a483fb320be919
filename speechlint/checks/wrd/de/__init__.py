"""WRD001 and WRD002: 的 written for 地 before a verb, and for 得 before a complement.

* :mod:`.shared`: what both rules share (the scan for a 的 after a Han character, the
  characters that end a verb's phrase, the model's cached score of a form against 的);
* :mod:`.adverbial`: WRD001, 的 for 地 (the listed adverbials, then the model's suspects);
* :mod:`.complement`: WRD002, 的 for 得 (the listed complements, the scanned forms, then the
  model's suspects).

Importing the package registers both rules.
"""

from __future__ import annotations

from . import adverbial, complement, shared

__all__ = ["adverbial", "complement", "shared"]
