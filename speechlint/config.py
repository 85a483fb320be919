"""Settings that shape one lint run.

:class:`Config` is a frozen value; the CLI, the pre-commit hook and the language
server all build one and pass it to :func:`speechlint.lint`.  Reading
``[tool.speechlint]`` / ``speechlint.toml`` files lives in :mod:`speechlint.configfile`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from .model import Severity


@dataclass(frozen=True)
class Config:
    """The configuration of a run: selected rules, severities, allowed words, packs."""

    #: Codes or prefixes to enable ("ALL" or a family such as "NUM").
    select: tuple[str, ...] = ("ALL",)
    #: Codes or prefixes added to ``select``.
    extend_select: tuple[str, ...] = ()
    #: Codes or prefixes to disable; the more specific of select/ignore wins.
    ignore: tuple[str, ...] = ()
    #: Glob -> codes ignored for files matching it.
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    #: Globs of files never checked.
    exclude: tuple[str, ...] = ()
    #: Code or prefix -> severity override.
    severity: Mapping[str, Severity] = field(default_factory=lambda: MappingProxyType({}))
    #: Words never flagged: a finding whose span lies inside one of them is dropped.
    allow: tuple[str, ...] = ()
    #: (glob, passage): passages never flagged in the files matching the glob -- how a
    #: plain-text draft is told "ignore here" without a comment in its text.
    allow_passages: tuple[tuple[str, str], ...] = ()
    #: Extra rule packs (YAML files), resolved to absolute paths.
    packs: tuple[str, ...] = ()
    #: Files larger than this many bytes are reported, not checked.
    max_file_size: int = 20 * 1024 * 1024
    #: Message language: "zh" (default) or "en".
    language: str = "zh"
    #: The file this configuration came from (None: defaults or command line only).
    source: str | None = None
    #: Problems met while loading that did not stop the run (a broken rule pack, left
    #: out): the CLI reports each once and exits 2, the other rules still check the files.
    problems: tuple[str, ...] = ()

    def with_overrides(self, **changes: object) -> Config:
        return replace(self, **changes)  # type: ignore[arg-type]


DEFAULT = Config()
