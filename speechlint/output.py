"""What the command line prints besides the report: error lines, progress, diffs."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence

from .model import RuleFailure


class Progress:
    """A progress bar on stderr: only on a terminal, and only once a run takes over 1 s."""

    def __init__(self, total: int) -> None:
        import time

        self.total = total
        self.count = 0
        self.start = time.monotonic()
        self.shown = False
        self.enabled = total > 1 and sys.stderr.isatty() and "CI" not in os.environ
        try:  # seconds before the bar appears (tests set 0)
            self.after = float(os.environ.get("SPEECHLINT_PROGRESS_AFTER", "1"))
        except ValueError:
            self.after = 1.0

    def tick(self) -> None:
        if not self.enabled:
            return
        import time

        self.count += 1
        now = time.monotonic()
        if now - self.start < self.after:
            return
        width = 30
        done = int(width * self.count / max(1, self.total))
        sys.stderr.write(f"\r[{'#' * done}{'.' * (width - done)}] {self.count}/{self.total}")
        sys.stderr.flush()
        self.shown = True

    def done(self) -> None:
        if self.shown:
            sys.stderr.write("\r" + " " * 50 + "\r")
            sys.stderr.flush()


def as_error_line(message: str, kind: str = "error") -> str:
    """'path: problem' -> 'path: error: problem' (one line, whatever the message holds)."""
    from .escape import visible

    message = visible(" ".join(message.splitlines()))  # one line; ESC, BEL ... shown escaped
    head, sep, rest = message.partition(": ")
    if sep and not rest.startswith(f"{kind}:"):
        return f"{head}: {kind}: {rest}"
    return message


def failure_lines(name: str, failed: Sequence[RuleFailure]) -> list[str]:
    """One line per rule that raised on this file (fix passes may repeat it)."""
    first: dict[str, str] = {}
    for f in failed:
        first.setdefault(f.code, f.error)
    return [as_error_line(f"{name}: rule {code} failed: {error}") for code, error in first.items()]


_EOL_SPLIT = re.compile(r"(?<=\r\n)|(?<=\r)(?!\n)|(?<=\n)")


def lines(text: str) -> list[str]:
    """Lines with their endings, split at \\n, \\r\\n and \\r only (never str.splitlines)."""
    return [ln for ln in _EOL_SPLIT.split(text) if ln]


def diff(name: str, old: str, new: str) -> str:
    """A unified diff that ``patch``/``git apply`` accept, line endings shown as they are."""
    a, b = (name, name) if os.path.isabs(name) or name == "-" else (f"a/{name}", f"b/{name}")
    out: list[str] = []
    import difflib

    for line in difflib.unified_diff(lines(old), lines(new), a, b):
        if line.endswith(("\n", "\r")):
            out.append(line)
        else:  # the last line of a file without a final line ending
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)
