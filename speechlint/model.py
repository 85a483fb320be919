"""Plain data shared by every part of speechlint: spans, edits, fixes, diagnostics.

All offsets are Unicode code-point offsets into the exact decoded text (no
normalisation, line endings kept), half-open ``[start, end)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Literal

    Applicability = Literal["safe", "unsafe"]
    Severity = Literal["error", "warning", "info"]
else:  # no typing at run time (~5 ms of every start)
    Applicability = Severity = str
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A range of characters of the text: ``start`` to ``end`` (exclusive)."""

    start: int
    end: int

    def shifted(self, delta: int) -> Span:
        return Span(self.start + delta, self.end + delta)

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text of ``span`` by ``text``."""

    span: Span
    text: str

    def shifted(self, delta: int) -> Edit:
        return Edit(self.span.shifted(delta), self.text)


@dataclass(frozen=True, slots=True)
class Fix:
    """The edits that repair a finding, and how safe they are."""

    edits: tuple[Edit, ...]
    applicability: Applicability = "safe"

    @staticmethod
    def replace(span: Span, text: str, applicability: Applicability = "safe") -> Fix:
        return Fix((Edit(span, text),), applicability)

    def shifted(self, delta: int) -> Fix:
        return Fix(tuple(e.shifted(delta) for e in self.edits), self.applicability)

    @property
    def span(self) -> Span:
        """The smallest span covering every edit."""
        return Span(min(e.span.start for e in self.edits), max(e.span.end for e in self.edits))


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A finding: rule code, span, message, fix, severity."""

    code: str
    span: Span
    message: str
    fix: Fix | None = None
    # Stamped by the engine from the rule's default and the configuration.
    severity: Severity = "warning"
    # Structured extras a rule may attach (e.g. the heading level); never rendered by default.
    extra: tuple[tuple[str, str], ...] = field(default=())

    def shifted(self, delta: int) -> Diagnostic:
        return Diagnostic(
            self.code,
            self.span.shifted(delta),
            self.message,
            self.fix.shifted(delta) if self.fix else None,
            self.severity,
            self.extra,
        )


@dataclass(frozen=True, slots=True)
class RuleFailure:
    """A rule that raised: reported once, the other rules keep running."""

    code: str
    error: str
