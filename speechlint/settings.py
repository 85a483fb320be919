"""What each file's configuration is built from: the configuration file found for it (or
``--config`` / ``--isolated``), then the command line's selection on top."""

from __future__ import annotations

import argparse
import os
from typing import Any


def split_codes(values: list[str] | None) -> tuple[str, ...]:
    out: list[str] = []
    for v in values or ():
        out.extend(c.strip().upper() for c in v.split(",") if c.strip())
    return tuple(out)


class Settings:
    """What every file's configuration is built from: the file found for it (or
    ``--config`` / ``--isolated``), then the command line's selection on top."""

    def __init__(self, config_file: str | None, isolated: bool, cli: dict[str, object],
                 explicit: tuple[str, ...]) -> None:
        self.config_file = config_file
        self.isolated = isolated
        self.cli = cli
        self.explicit = explicit  # paths named on the command line: never excluded
        self._by_folder: dict[str, Any] = {}  # folder -> configuration (see for_file)

    def __getstate__(self) -> dict[str, Any]:  # sent to workers without the found configurations
        return {**self.__dict__, "_by_folder": {}}

    @classmethod
    def from_args(cls, args: argparse.Namespace, cli_config: object) -> Settings:
        from .config import DEFAULT

        cli: dict[str, object] = {
            "select": split_codes(args.select),
            "extend_select": split_codes(args.extend_select),
            "ignore": split_codes(args.ignore),
        }
        size = getattr(cli_config, "max_file_size", DEFAULT.max_file_size)
        if size != DEFAULT.max_file_size:
            cli["max_file_size"] = size
        explicit = () if getattr(args, "force_exclude", False) else tuple(args.paths)
        self = cls(args.config, args.isolated, cli, explicit)
        if args.config:
            from . import configfile

            configfile.load(args.config)  # a bad --config file stops the run at once
        return self

    def for_path(self, path: str):  # type: ignore[no-untyped-def]
        from . import configfile
        from .config import DEFAULT

        if self.isolated:
            base = DEFAULT
        elif self.config_file:
            base = configfile.load(self.config_file)
        else:
            base = configfile.discover(path if path != "-" else ".")
        sel = {k: v for k, v in self.cli.items() if k != "max_file_size"}
        config = configfile.apply_cli(base, **sel)  # type: ignore[arg-type]
        if "max_file_size" in self.cli:
            config = config.with_overrides(max_file_size=self.cli["max_file_size"])
        return config

    def for_file(self, path: str):  # type: ignore[no-untyped-def]
        """``for_path`` of a path from :func:`iter_files` (a file, or nothing: never a
        folder), whose configuration depends only on its folder: found once per folder,
        not again (two stats, a few paths) for each of its drafts."""
        folder = os.path.dirname(os.path.abspath(path))
        config = self._by_folder.get(folder)
        if config is None:
            config = self._by_folder[folder] = self.for_path(path)
        return config

    def excluded(self, config: object, path: str) -> bool:
        from . import configfile

        if path == "-" or path in self.explicit:
            return False
        return configfile.is_excluded(config, path)  # type: ignore[arg-type]
