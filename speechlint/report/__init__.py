"""Reporters: one output format per module, each a ``render(results, options) -> str``."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from ..document import LineIndex
from ..model import Diagnostic


@dataclass
class FileResult:
    """What one checked (or unreadable) file produced."""

    path: str
    text: str = ""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    error: str | None = None  # one-line message when the file could not be checked
    #: For Word files: the paragraph number is the line; reporters say "paragraph".
    location_kind: str = "line"
    #: For Word files: (first line, end line, "header" | "footer") of the lines that are
    #: header or footer paragraphs (0-based, end exclusive); reporters label them 页眉/页脚.
    stories: tuple[tuple[int, int, str], ...] = ()

    def story_of(self, line: int) -> str:
        """"header", "footer" or "" (the body) for the 1-based ``line``."""
        for first, end, story in self.stories:
            if first < line <= end:
                return story
        return ""

    @cached_property
    def index(self) -> LineIndex:
        return LineIndex(self.text)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and 1-based code-point column of ``offset``."""
        line, col = self.index.line_col(offset)
        return line + 1, col + 1


#: How reports name the parts of a Word document that are not its body.
STORY_NAMES = {"header": "页眉", "footer": "页脚"}


@dataclass(frozen=True)
class ReportOptions:
    show_source: bool = False
    color: bool = False
    statistics: bool = False


FORMATS: dict[str, str] = {
    "text": "speechlint.report.text",
    "json": "speechlint.report.json",
    "sarif": "speechlint.report.sarif",
    "github": "speechlint.report.github",
    "junit": "speechlint.report.junit",
    "html": "speechlint.report.html",
}


def renderer(name: str) -> Callable[[Sequence[FileResult], ReportOptions], str]:
    module = importlib.import_module(FORMATS[name])
    return module.render  # type: ignore[no-any-return]
