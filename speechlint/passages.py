""""Ignore here" for plain-text drafts, written to the configuration instead of the draft.

A ``<!-- speechlint-disable-next-line -->`` comment is fine in Markdown, where it is not
shown; in a ``.txt`` speech it would be printed and read aloud.  For those drafts the
editor's "ignore here" appends an ``[[allow-passage]]`` entry to the draft's configuration
file (the one found from its folder upward, or a new ``speechlint.toml`` beside it):

    [[allow-passage]]
    file = "讲话稿.txt"
    text = "领导要要带头"

-- the flagged characters with a little of the text around them, so that the same slip
elsewhere in the draft is still reported.  The engine drops every finding inside such a
passage of a matching file (:func:`speechlint.engine.allowed_for`).
"""

from __future__ import annotations

import os
from pathlib import Path, PurePath

#: Characters of context kept on each side of the flagged text.
CONTEXT = 4


def passage(text: str, start: int, end: int) -> str:
    """The flagged ``text[start:end]`` with up to :data:`CONTEXT` characters on each side,
    never across a line break."""
    a = start
    while a > 0 and start - a < CONTEXT and text[a - 1] not in "\r\n":
        a -= 1
    b = end
    while b < len(text) and b - end < CONTEXT and text[b] not in "\r\n":
        b += 1
    return text[a:b]


def toml_string(s: str) -> str:
    """``s`` as a TOML basic string."""
    out = ['"']
    for c in s:
        if c in '"\\':
            out.append("\\" + c)
        elif c < " " or c == "\x7f":
            out.append(f"\\u{ord(c):04x}")
        else:
            out.append(c)
    out.append('"')
    return "".join(out)


def config_entry(draft: str, text: str) -> tuple[Path, str, bool]:
    """(configuration file, text to append to it, whether it exists) for allowing
    ``text`` in the draft at path ``draft``."""
    from .configfile import find_config_file

    found = find_config_file(draft)
    target = Path(found) if found is not None else Path(os.path.abspath(draft)).parent / "speechlint.toml"
    table = "tool.speechlint.allow-passage" if target.name == "pyproject.toml" else "allow-passage"
    rel = PurePath(os.path.relpath(os.path.abspath(draft), target.parent)).as_posix()
    entry = f"[[{table}]]\nfile = {toml_string(rel)}\ntext = {toml_string(text)}\n"
    exists = target.exists()
    if exists:
        try:
            current = target.read_bytes()
        except OSError:
            current = b""
        lead = "\n" if current and not current.endswith(b"\n") else ""
        entry = f"{lead}\n{entry}" if current else entry
    return target, entry, exists
