"""Errors that reach the user as one line (exit code 2), never as a traceback."""

from __future__ import annotations


class SpeechlintError(Exception):
    """Base class: ``str(error)`` is the one-line message shown to the user."""


class RuleDataError(SpeechlintError):
    """A rule data file (``rules/*.yaml`` or a user pack) is invalid."""


class ConfigError(SpeechlintError):
    """A configuration file or option is invalid."""


class InputError(SpeechlintError):
    """A draft cannot be read or decoded."""
