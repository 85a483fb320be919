"""Rule families: one module per family, one function per rule.

Helpers here keep the rules small; they never do I/O or read configuration.
"""

from __future__ import annotations

from ..document import HAN, HAN_RE, MASK

__all__ = ["HAN", "HAN_RE", "MASK", "quote"]


def quote(s: str) -> str:
    """Quote text for a message: “…”, showing invisible characters."""
    shown = s.replace(" ", "␣").replace("\u3000", "□").replace("\t", "⇥")
    return f"“{shown}”"
