"""The one resolution step: configuration file(s), then the command line's flags or the
editor's settings on top, with their rule codes validated.

The command line (and so the pre-commit hook) and the language server both call
:func:`resolve`, so a draft gets the same configuration, and the same findings, in all of
them.  How the layers combine is ruff's rule:

* ``select`` given on top *replaces* the file's selection: the file's ``select``,
  ``extend-select`` and ``ignore`` are dropped (a new selection starts afresh);
* ``ignore`` and ``extend-select`` given on top *extend* the file's;
* a code given in ``extend-select`` on top wins over the same code in the file's ``ignore``.

Rule packs come with the configuration file that names them (``packs = [...]``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass

from .config import DEFAULT, Config


@dataclass(frozen=True)
class Overrides:
    """What the command line or the editor puts on top of the configuration files."""

    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    max_file_size: int | None = None


NO_OVERRIDES = Overrides()


def discover_packs(folder: str | os.PathLike[str] | None = None) -> None:
    """Load the rule packs configured for ``folder`` (default: the current folder), so that
    ``speechlint rule XZ001`` and ``--select XZ001`` know a pack's codes before any draft is
    checked.  A broken configuration is left for the check to report."""
    from . import configfile
    from .errors import SpeechlintError

    try:
        configfile.discover(os.path.abspath(folder or os.getcwd()))
    except SpeechlintError:
        pass


def unknown_codes(codes: Iterable[str]) -> list[str]:
    """The codes or prefixes among ``codes`` that name no rule (built in or of a rule pack
    configured for the current folder)."""
    from . import registry

    bad = [c for c in codes if not registry.valid_prefix(c)]
    if bad:
        discover_packs()
        bad = [c for c in bad if not registry.valid_prefix(c)]
    return bad


def combine(base: Config, overrides: Overrides) -> Config:
    """``base`` (a configuration file's, or the defaults) with ``overrides`` on top."""
    config = base
    if overrides.select:
        config = config.with_overrides(select=overrides.select, ignore=overrides.ignore,
                                       extend_select=overrides.extend_select)
    elif overrides.extend_select or overrides.ignore:
        # a code extended on top comes after the file's ignore: it wins
        file_ignore = tuple(i for i in config.ignore if i not in overrides.extend_select)
        config = config.with_overrides(
            extend_select=(*config.extend_select, *overrides.extend_select),
            ignore=(*file_ignore, *overrides.ignore),
        )
    if overrides.max_file_size is not None:
        config = config.with_overrides(max_file_size=overrides.max_file_size)
    return config


def resolve(
    path: str | os.PathLike[str] | None,
    overrides: Overrides = NO_OVERRIDES,
    *,
    config_file: str | os.PathLike[str] | None = None,
    isolated: bool = False,
) -> Config:
    """The configuration for the draft at ``path``.

    The configuration file is ``config_file`` when given, else the one found from the
    draft's folder upward (``speechlint.toml``, ``.speechlint.toml``, ``pyproject.toml``
    with ``[tool.speechlint]``); none with ``isolated`` or when ``path`` is None (an
    unsaved buffer) or ``"-"`` (standard input: found from the current folder).  Raises
    ConfigError for a broken file or an unknown rule code in ``overrides``.
    """
    from . import configfile
    from .errors import ConfigError

    bad = unknown_codes((*overrides.select, *overrides.extend_select, *overrides.ignore))
    if bad:
        raise ConfigError(f"unknown rule code or prefix {bad[0]!r} (see 'speechlint rules')")
    if isolated:
        base = DEFAULT
    elif config_file is not None:
        base = configfile.load(config_file)
    elif path is None:
        base = DEFAULT
    else:
        base = configfile.discover("." if str(path) == "-" else path)
    return combine(base, overrides)
