"""Walking the paths named on the command line: the drafts inside folders, each once."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterator, Sequence

#: File suffixes checked when a folder is given.
SUFFIXES: tuple[str, ...] = (".txt", ".md")
try:  # Word drafts too, when python-docx is installed (speechlint[docx])
    import importlib.util as _ilu

    if _ilu.find_spec("docx") is not None:
        SUFFIXES = (*SUFFIXES, ".docx")
except (ImportError, ValueError):  # pragma: no cover
    pass
_SKIP_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox"}



def iter_files(
    paths: Sequence[str], errors: list[str], notes: list[str] | None = None
) -> Iterator[str]:
    """Files named on the command line, and the drafts inside named folders.

    Never raises and never loops: a folder that cannot be read adds a line to
    ``errors`` (its drafts could not be checked); a symbolic link back to an
    enclosing folder, or a draft-named entry that is not a regular file, adds a
    line to ``notes`` (nothing behind it is lost).  Folders reached twice through
    links are walked once, files reached twice are yielded once.  Named paths
    are yielded as given, even when missing: reading them reports the problem.
    """
    from .io import is_temp_file

    note = notes.append if notes is not None else (lambda _line: None)
    seen_paths: set[str] = set()
    seen_ids: set[tuple[int, int]] = set()
    for raw in paths:
        if raw == "-":
            yield raw
            continue
        try:
            st = os.stat(raw)
        except OSError:
            st = None
        if st is not None and stat.S_ISDIR(st.st_mode):
            yield from _walk(raw, st, errors, note, seen_ids, is_temp_file)
            continue
        if raw in seen_paths or (st is not None and (st.st_dev, st.st_ino) in seen_ids):
            continue
        seen_paths.add(raw)
        if st is not None:
            seen_ids.add((st.st_dev, st.st_ino))
        yield raw


def _walk(
    top: str,
    top_st: os.stat_result,
    errors: list[str],
    note: Callable[[str], None],
    seen_ids: set[tuple[int, int]],
    is_temp_file: Callable[[str], bool],
) -> Iterator[str]:
    """Depth-first, sorted, following links but never around a loop."""
    top_id = (top_st.st_dev, top_st.st_ino)
    if top_id in seen_ids:
        return
    seen_ids.add(top_id)
    stack: list[tuple[str, frozenset[tuple[int, int]]]] = [(top, frozenset([top_id]))]
    while stack:
        folder, ancestors = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            errors.append(f"{folder}: error: cannot read folder: {exc.strerror or exc}")
            continue
        subfolders: list[tuple[str, frozenset[tuple[int, int]]]] = []
        for entry in entries:
            name = entry.name
            path = entry.path
            is_draft = name.lower().endswith(SUFFIXES) and not is_temp_file(name)
            try:
                st = entry.stat()  # follows links
            except OSError as exc:
                if exc.errno == errno.ELOOP:
                    note(f"{path}: note: symbolic link loop, not followed")
                elif is_draft:
                    yield path  # a broken link named like a draft: reading reports it
                continue
            if stat.S_ISDIR(st.st_mode):
                if name in _SKIP_DIRS or name.startswith("."):
                    continue
                ident = (st.st_dev, st.st_ino)
                if ident in ancestors:
                    note(f"{path}: note: symbolic link loop (back to an enclosing folder), not followed")
                elif ident not in seen_ids:  # else: reached before through another link
                    seen_ids.add(ident)
                    subfolders.append((path, ancestors | {ident}))
                continue
            if not is_draft:
                continue
            if not stat.S_ISREG(st.st_mode):
                note(f"{path}: note: not a regular file, skipped")
                continue
            ident = (st.st_dev, st.st_ino)
            if ident not in seen_ids:
                seen_ids.add(ident)
                yield path
        stack.extend(reversed(subfolders))
