"""What each file's configuration is built from: the configuration file found for it (or
``--config`` / ``--isolated``), then the command line's selection on top."""

from __future__ import annotations

import argparse
import os
from typing import Any

from .config import Config
from .resolve import Overrides, resolve


def split_codes(values: list[str] | None) -> tuple[str, ...]:
    out: list[str] = []
    for v in values or ():
        out.extend(c.strip().upper() for c in v.split(",") if c.strip())
    return tuple(out)


class Settings:
    """What every file's configuration is built from: the file found for it (or
    ``--config`` / ``--isolated``), then the command line's flags on top
    (:func:`speechlint.resolve.resolve`, the language server's way too)."""

    def __init__(self, config_file: str | None, isolated: bool, overrides: Overrides,
                 explicit: tuple[str, ...]) -> None:
        self.config_file = config_file
        self.isolated = isolated
        self.overrides = overrides
        self.explicit = explicit  # paths named on the command line: never excluded
        self._by_folder: dict[str, Config] = {}  # folder -> configuration (see for_file)

    def __getstate__(self) -> dict[str, Any]:  # sent to workers without the found configurations
        return {**self.__dict__, "_by_folder": {}}

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Settings:
        """The command line's settings; an unknown rule code or a bad ``--config`` file
        stops the run at once (ConfigError)."""
        from .errors import ConfigError
        from .resolve import unknown_codes

        overrides = Overrides(split_codes(args.select), split_codes(args.extend_select),
                              split_codes(args.ignore), args.max_file_size)
        bad = unknown_codes((*overrides.select, *overrides.extend_select, *overrides.ignore))
        if bad:
            raise ConfigError(f"unknown rule code or prefix {bad[0]!r} (see 'speechlint rules')")
        explicit = () if getattr(args, "force_exclude", False) else tuple(args.paths)
        self = cls(args.config, args.isolated, overrides, explicit)
        if args.config:
            from . import configfile

            configfile.load(args.config)
        return self

    def for_path(self, path: str) -> Config:
        return resolve(path, self.overrides, config_file=self.config_file or None, isolated=self.isolated)

    def for_file(self, path: str) -> Config:
        """``for_path`` of a path from :func:`iter_files` (a file, or nothing: never a
        folder), whose configuration depends only on its folder: found once per folder,
        not again (two stats, a few paths) for each of its drafts."""
        folder = os.path.dirname(os.path.abspath(path))
        config = self._by_folder.get(folder)
        if config is None:
            config = self._by_folder[folder] = self.for_path(path)
        return config

    def excluded(self, config: Config, path: str) -> bool:
        from . import configfile

        if path == "-" or path in self.explicit:
            return False
        return configfile.is_excluded(config, path)
