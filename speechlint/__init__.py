"""speechlint: a linter for Chinese official speech drafts.

The public API is two functions, the one door into the engine::

    >>> import speechlint
    >>> [d.code for d in speechlint.lint("我们要要认真学习。")]
    ['DUP001']
    >>> speechlint.fix("我们要要认真学习。").text
    '我们要认真学习。'
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (~5 ms of every start)

__version__ = "0.1.0"
__all__ = ["Config", "Diagnostic", "Edit", "Fix", "Span", "__version__", "fix", "lint"]

if TYPE_CHECKING:
    from .config import Config
    from .engine import FixResult
    from .model import Diagnostic, Edit, Fix, RuleFailure, Span


def lint(
    text: str,
    config: Config | None = None,
    *,
    filetype: str = "txt",
    path: str | None = None,
    failures: list[RuleFailure] | None = None,
) -> list[Diagnostic]:
    """Check ``text`` and return its findings, sorted by position.

    ``filetype`` is "txt" or "md"; ``path`` (optional) selects per-file ignores.
    Rules that raise are skipped and recorded in ``failures`` when given.
    """
    from .engine import linter_for

    return linter_for(config, path).lint(text, filetype=filetype, failures=failures)


def fix(
    text: str,
    config: Config | None = None,
    *,
    unsafe: bool = False,
    filetype: str = "txt",
    path: str | None = None,
    failures: list[RuleFailure] | None = None,
) -> FixResult:
    """Apply every safe fix (and unsafe ones when asked), re-linting until stable.

    Rules that raise are skipped and recorded in ``failures`` when given."""
    from .engine import fix as _fix

    return _fix(text, config, unsafe=unsafe, filetype=filetype, path=path, failures=failures)


def __getattr__(name: str) -> object:
    if name == "Config":
        from .config import Config

        return Config
    if name in ("Diagnostic", "Span", "Edit", "Fix"):
        from . import model

        return getattr(model, name)
    raise AttributeError(name)
