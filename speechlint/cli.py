"""Command line: ``speechlint check | rules | rule CODE | server``.

Exit codes: 0 no findings (or everything fixed), 1 findings, 2 an error (a file
that could not be checked, a bad option, configuration or rule data).  Errors are
one line naming the file; ``--verbose`` adds the traceback for bug reports.

One bad file never stops the rest.  Each problem is one line on stderr:

* ``path: error: …`` -- a draft that could not be checked: unreadable, undecodable,
  larger than ``--max-file-size`` (default 20MB), a broken link, an unreadable
  folder, a fix that could not be written, or a rule that failed on it (a pack
  pattern over its time limit; the other rules' findings are still reported).
  Any such line makes the exit code 2.
* ``path: note: …`` -- skipped on purpose, nothing lost: a binary file (known magic
  number or NUL bytes) found in a folder is not a draft (named on the command line, it
  is an error), and a symbolic link loop leads only to
  folders already checked.  Notes do not change the exit code (``-q`` hides them).
"""

from __future__ import annotations

import argparse
import errno
import os
import re
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from .errors import SpeechlintError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .model import RuleFailure

    #: A format's part writer and the report's options: a worker writes each file's part.
    _Writer = tuple[Callable[[Any, Any], str], Any]

#: File suffixes checked when a folder is given.
SUFFIXES: tuple[str, ...] = (".txt", ".md")
try:  # Word drafts too, when python-docx is installed (a dependency of speechlint)
    import importlib.util as _ilu

    if _ilu.find_spec("docx") is not None:
        SUFFIXES = (*SUFFIXES, ".docx")
except (ImportError, ValueError):  # pragma: no cover
    pass
_SKIP_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox"}


def _split_codes(values: list[str] | None) -> tuple[str, ...]:
    out: list[str] = []
    for v in values or ():
        out.extend(c.strip().upper() for c in v.split(",") if c.strip())
    return tuple(out)


class _Formatter(argparse.HelpFormatter):
    """argparse's formatter, sized without importing shutil (~3 ms of every start)."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        if width is None:
            try:
                width = int(os.environ["COLUMNS"])
            except (KeyError, ValueError):
                try:
                    width = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
                except (AttributeError, ValueError, OSError):
                    width = 80
            width = max(width - 2, 11)
        super().__init__(prog, indent_increment, max_help_position, width)

    def _get_help_string(self, action: argparse.Action) -> str | None:
        """Every help string in the run's language (also those other modules add)."""
        from .i18n import help_text

        return help_text(action.help) if action.help else action.help

    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        from .i18n import help_text

        super().add_usage(usage, actions, groups, help_text("usage: ") if prefix is None else prefix)


def build_parser() -> argparse.ArgumentParser:
    """The command line, its help in the run's language (:mod:`speechlint.i18n`): help
    strings are written in English here and looked up in ``i18n.HELP`` for Chinese."""
    from .i18n import help_text as t

    p = argparse.ArgumentParser(prog="speechlint", formatter_class=_Formatter, add_help=False,
                                description=t("linter for Chinese official speech drafts"))
    top = p.add_argument_group(t("options"))
    top.add_argument("-h", "--help", action="help", help=t("show this help and exit"))
    top.add_argument("--version", action="version", version=f"speechlint {_version()}",
                     help=t("show the version and exit"))
    sub = p.add_subparsers(dest="command", metavar="COMMAND", title=t("commands"))

    c = sub.add_parser("check", formatter_class=_Formatter, add_help=False, help=t("check files and folders"))
    arg = c.add_argument_group(t("arguments"))
    opt = c.add_argument_group(t("options"))
    arg.add_argument("paths", nargs="*", default=["."], metavar="PATH", help=t("files, folders, or - for stdin"))
    opt.add_argument("-h", "--help", action="help", help=t("show this help and exit"))
    opt.add_argument("--select", action="append", metavar="CODES", help=t("enable codes or prefixes (NUM,PUN001)"))
    opt.add_argument("--extend-select", action="append", metavar="CODES", help=t("enable more codes"))
    opt.add_argument("--ignore", action="append", metavar="CODES", help=t("disable codes or prefixes"))
    opt.add_argument("--format", default="text",
                     help=t("output format: text, json, sarif, github, junit, html"))
    opt.add_argument("--language", choices=("zh", "en"), default=None,
                     help=t("language of the output: zh (default) or en"))
    opt.add_argument("--config", metavar="FILE",
                     help=t("use this configuration file instead of discovering one"))
    opt.add_argument("--isolated", action="store_true", help=t("ignore every configuration file"))
    opt.add_argument("--force-exclude", action="store_true",
                     help=t("apply the configuration's exclude to files named on the command line too "
                            "(for pre-commit)"))
    opt.add_argument("--jobs", "-j", type=int, metavar="N", default=None,
                     help=t("worker processes for many files (default: number of CPUs; "
                            "no effect with --fix, --diff, --annotate)"))
    opt.add_argument("--annotate", metavar="OUT.docx",
                     help=t("write a copy of the checked .docx with each finding as a Word comment"))
    opt.add_argument("--show-source", dest="show_source", action="store_true", default=None,
                     help=t("show the source line with a marker under each finding"))
    opt.add_argument("--no-show-source", dest="show_source", action="store_false",
                     help=t("do not show the source lines"))
    opt.add_argument("--stdin-filename", metavar="NAME", help=t("name used for stdin in reports"))
    opt.add_argument("--fix", action="store_true", help=t("apply safe fixes in place"))
    opt.add_argument("--unsafe-fixes", action="store_true", help=t("also apply unsafe fixes"))
    opt.add_argument("--diff", action="store_true", help=t("print a diff of the fixes; write nothing"))
    opt.add_argument("--exit-non-zero-on-fix", action="store_true",
                     help=t("exit 1 when --fix changed a file, even if nothing remains (pre-commit fixers)"))
    opt.add_argument("--statistics", action="store_true", help=t("count findings per code"))
    opt.add_argument("--exit-zero", action="store_true", help=t("exit 0 even with findings"))
    opt.add_argument("-q", "--quiet", action="store_true", help=t("print findings only, no summary"))
    opt.add_argument("--max-file-size", metavar="SIZE", type=_size_arg,
                     help=t("report larger files instead of checking them (default 20MB; 0: no limit)"))
    opt.add_argument("-v", "--verbose", action="store_true",
                     help=t("tracebacks of internal errors, for bug reports"))

    for name, text in (("rules", "list every rule"), ("rule", "explain a rule"),
                       ("server", "start the language server on stdio")):
        one = sub.add_parser(name, formatter_class=_Formatter, add_help=False, help=t(text))
        if name == "rule":
            one.add_argument_group(t("arguments")).add_argument("code", metavar="CODE",
                                                               help=t("a rule code (DUP001)"))
        one.add_argument_group(t("options")).add_argument("-h", "--help", action="help",
                                                          help=t("show this help and exit"))
    from .web import add_parser as add_serve

    add_serve(sub, _Formatter)
    return p


def _size_arg(value: str) -> int:
    from .io import parse_size

    try:
        return parse_size(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _version() -> str:
    from . import __version__

    return __version__


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


def _check(args: argparse.Namespace) -> int:
    from . import engine
    from .config import Config
    from .io import BinaryFileError, decode, encode, read_source, write_atomic
    from .report import FORMATS, FileResult, ReportOptions, part_writers, renderer

    if args.format not in FORMATS:
        raise SpeechlintError(f"unknown format {args.format!r}; expected one of: {', '.join(FORMATS)}")
    config = Config()
    select = _split_codes(args.select)
    if select:
        config = config.with_overrides(select=select)
    if args.extend_select:
        config = config.with_overrides(extend_select=_split_codes(args.extend_select))
    if args.ignore:
        config = config.with_overrides(ignore=_split_codes(args.ignore))
    from . import registry

    for code in (*config.select, *config.extend_select, *config.ignore):
        if not registry.valid_prefix(code):
            raise SpeechlintError(f"unknown rule code or prefix {code!r} (see 'speechlint rules')")

    if args.max_file_size is not None:
        config = config.with_overrides(max_file_size=args.max_file_size)

    settings = _Settings.from_args(args, config)
    _route_engine_log(args.verbose)
    errors: list[str] = []  # files (or folders) that could not be checked: exit 2
    notes: list[str] = []  # skipped on purpose (binary files, link loops): exit code unchanged
    results: list[FileResult] = []
    diffs: list[str] = []
    fixed_files = 0
    fixed_count = 0
    writing = args.fix and not args.diff
    pending = list(iter_files(args.paths, errors, notes))
    # Problems of a configuration that do not stop the run (a broken rule pack, left out):
    # one line each, exit 2, and the other rules still check every draft.
    seen_folders: set[str] = set()
    for path in pending:
        folder = os.path.dirname(path) if path != "-" else "-"
        if folder not in seen_folders:
            seen_folders.add(folder)
            for problem in (settings.for_file(path) if path != "-" else settings.for_path(".")).problems:
                line = _as_error_line(problem)
                if line not in errors:
                    errors.append(line)
    progress = _Progress(len(pending))
    out = sys.stdout
    color = args.format == "text" and out.isatty() and "NO_COLOR" not in os.environ
    show_source = args.show_source if args.show_source is not None else out.isatty()
    options = ReportOptions(show_source, color, args.statistics)
    writers = None
    parts: list[str] | None = None  # each result's part of the report, written by the workers
    if not (args.fix or args.diff or args.annotate) and _pool_size(args, pending) > 1:
        writers = part_writers(args.format)
        pooled, parts = _lint_pool(pending, settings, _pool_size(args, pending), errors, notes,
                                   progress, (writers[0], options) if writers else None)
        results.extend(pooled)
        pending = []
    annotated: list[str] = []
    for path in pending:
        progress.tick()
        name = args.stdin_filename or "-" if path == "-" else path
        config = settings.for_path(args.stdin_filename or "-") if path == "-" else settings.for_file(path)
        if settings.excluded(config, path):
            continue
        failed: list[RuleFailure] = []  # rules that raised on this file (they are skipped)
        sink = engine.failure_sink.set(failed)
        try:
            if path != "-" and _is_docx(path):
                res = _lint_one(path, settings, config)
                if res is None:
                    continue
                if args.fix or args.diff:
                    notes.append(f"{path}: note: --fix/--diff do not change .docx files "
                                 "(use --annotate OUT.docx)")
                results.append(res)  # checked, whatever becomes of the annotated copy
                if args.annotate:
                    _annotate(path, args.annotate, res, annotated, config)
                continue
            if path == "-":
                raw = _read_stdin(name, config.max_file_size)
                decoded = decode(raw, name)
            else:
                raw, decoded = read_source(path, config.max_file_size)
            filetype = engine.filetype_of(name)
            text = decoded.text
            if args.fix or args.diff:
                result = engine.fix(text, config, unsafe=args.unsafe_fixes, filetype=filetype, path=name)
                if writing and path == "-" and result.text == text:
                    sys.stdout.buffer.write(raw)  # a filter always passes the draft on
                if result.text != text:
                    if args.diff:
                        diffs.append(_diff(name, text, result.text))
                    elif path == "-":
                        sys.stdout.buffer.write(encode(result.text, decoded.encoding, decoded.bom))
                    else:
                        if not write_atomic(path, encode(result.text, decoded.encoding, decoded.bom),
                                            expect=raw):
                            # a concurrent fixer wrote these very bytes: the check of them stands
                            notes.append(f"{_visible(name)}: note: already fixed (by another "
                                         "process); not written again")
                            results.append(FileResult(name, result.text, result.remaining))
                            continue
                        if not args.quiet:
                            from .i18n import fixed_line

                            print(fixed_line(_visible(name), result.repaired), file=sys.stderr)
                    fixed_files += 1
                    fixed_count += result.repaired
                diags = result.remaining if writing else engine.linter_for(config, name).lint(
                    text, filetype=filetype)
                if writing:
                    text = result.text
            else:
                diags = engine.linter_for(config, name).lint(text, filetype=filetype)
            results.append(FileResult(name, text, diags))
        except BinaryFileError as exc:
            notes.append(_as_error_line(str(exc), "note"))
        except SpeechlintError as exc:
            if args.verbose:
                _print_traceback()
            errors.append(_as_error_line(str(exc)))
        except Exception as exc:  # noqa: BLE001 - never a traceback for one bad file
            if args.verbose:
                _print_traceback()
            errors.append(_as_error_line(f"{name}: internal error: {type(exc).__name__}: {exc}"))
        finally:
            engine.failure_sink.reset(sink)
            errors.extend(_failure_lines(name, failed))  # the file was not fully checked

    progress.done()
    _named_binary_files_are_errors(notes, errors, args.paths)
    if args.annotate and not annotated and not errors:
        notes.append(f"{args.annotate}: note: no .docx file was checked; nothing annotated")
    if args.diff:
        out.write("".join(diffs))
    elif parts is not None and writers is not None:
        out.write(writers[1](parts, results, options))
    elif not (args.fix and args.paths == ["-"]):
        out.write(renderer(args.format)(results, options))
    else:  # stdout carries the fixed draft: what remains goes to stderr (as ruff does)
        sys.stderr.write(renderer(args.format)(results, ReportOptions(False, False, args.statistics)))
    from .i18n import fixed_line, localize_line

    if not args.quiet:
        for n in notes:
            print(localize_line(n), file=sys.stderr)
    for e in errors:
        print(localize_line(e), file=sys.stderr)
    total = sum(len(r.diagnostics) for r in results)
    if not args.quiet and args.format == "text" and not args.diff:
        from . import i18n, summary

        print(summary.line(results, len(errors), (fixed_count, fixed_files) if writing else None,
                           i18n.language()), file=sys.stderr)
    if errors:
        return 2
    if args.diff:
        return 1 if diffs else 0
    if args.exit_non_zero_on_fix and writing and fixed_files:
        return 1  # a pre-commit fixer fails when it changed a file (pre-commit-hooks convention)
    if args.exit_zero:
        return 0
    return 1 if total else 0


# ------------------------------------------- configuration, Word files, many files
class _Settings:
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
    def from_args(cls, args: argparse.Namespace, cli_config: object) -> _Settings:
        from .config import DEFAULT

        cli: dict[str, object] = {
            "select": _split_codes(args.select),
            "extend_select": _split_codes(args.extend_select),
            "ignore": _split_codes(args.ignore),
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


def _is_docx(path: str) -> bool:
    return path.lower().endswith(".docx")


def _lint_one(path: str, settings: _Settings, config: object = None):  # type: ignore[no-untyped-def]
    """Check one file (check only, no fixes): a FileResult, or None when excluded."""
    from dataclasses import replace

    from . import engine
    from .io import read_source
    from .report import FileResult

    if config is None:
        config = settings.for_file(path)
        if settings.excluded(config, path):
            return None
    if _is_docx(path):
        from . import docx

        word = docx.read(path, config.max_file_size)  # type: ignore[attr-defined]
        text = word.text
        diags = engine.linter_for(config, path).lint(text, filetype="txt")  # type: ignore[arg-type]
        # fixes cannot be written into a .docx: report them as findings without a fix
        diags = [replace(d, fix=None) if d.fix else d for d in diags]
        return FileResult(path, text, diags, location_kind="paragraph", stories=word.stories())
    _, decoded = read_source(path, config.max_file_size)  # type: ignore[attr-defined]
    diags = engine.linter_for(config, path).lint(  # type: ignore[arg-type]
        decoded.text, filetype=engine.filetype_of(path))
    return FileResult(path, decoded.text, diags)


def _annotate(path: str, target: str, res: object, done: list[str], config: object) -> None:
    from . import docx
    from .errors import InputError

    dest = Path(target)
    if target.endswith(("/", os.sep)) and not dest.exists():
        dest.mkdir(parents=True, exist_ok=True)  # "out/": a folder for the annotated copies
    if dest.is_dir():
        dest = Path(docx.annotation_path(dest, path, done))
    elif done:
        raise InputError(f"{target}: --annotate FILE takes one .docx; give a folder for several")
    docx.annotate(path, dest, res.diagnostics,  # type: ignore[attr-defined]
                  max_size=config.max_file_size)  # type: ignore[attr-defined]
    done.append(str(dest))


def _pool_size(args: argparse.Namespace, files: Sequence[str]) -> int:
    """Worker processes: for many files, or for a few big ones (a worker costs a fork)."""
    jobs = args.jobs if args.jobs is not None else (os.cpu_count() or 1)
    if jobs <= 1 or "-" in files or len(files) < 2:
        return 1
    if len(files) < _POOL_MIN_FILES and _total_size(files) < _POOL_MIN_BYTES:
        return 1
    return min(jobs, len(files))


def _total_size(files: Sequence[str]) -> int:
    total = 0
    for f in files:
        try:
            total += os.stat(f).st_size
        except OSError:  # reported when the file is checked
            pass
    return total


#: Below this many files, and this many bytes in all, one process is faster than
#: starting workers.
_POOL_MIN_FILES = 16
_POOL_MIN_BYTES = 1_000_000
#: A first file up to this size is checked in the parent before the workers start (it
#: loads what the rules load lazily once, for all of them); a bigger one goes to a worker
#: and the parent only prepares the rules, so that two big files are checked side by side.
_POOL_FIRST_IN_PARENT = 100_000


def _pool_task(item: tuple[str, _Settings]) -> tuple[Any, str | None, str | None]:
    path, settings = item
    from . import engine
    from .errors import ConfigError
    from .io import BinaryFileError

    failed: list[RuleFailure] = []  # rules that raised on this file, one error line each
    sink = engine.failure_sink.set(failed)
    try:
        res = _lint_one(path, settings)
    except ConfigError:
        raise
    except BinaryFileError as exc:
        return None, None, _as_error_line(str(exc), "note")
    except SpeechlintError as exc:
        return None, _as_error_line(str(exc)), None
    except Exception as exc:  # noqa: BLE001 - never a traceback for one bad file
        return None, _as_error_line(f"{path}: internal error: {type(exc).__name__}: {exc}"), None
    finally:
        engine.failure_sink.reset(sink)
    return res, "\n".join(_failure_lines(path, failed)) or None, None


def _pool_chunk(paths: Sequence[str], settings: _Settings,
                writer: _Writer | None = None) -> list[tuple[Any, str | None, str | None, str | None]]:
    """A worker's share: each file's result as plain tuples (see :func:`_pack`), and its
    part of the report when the format is written per file (``report.part_writers``)."""
    out: list[tuple[Any, str | None, str | None, str | None]] = []
    for path in paths:
        res, error, note = _pool_task((path, settings))
        if res is None:
            out.append((None, None, error, note))
        else:
            out.append((_pack(res), writer[0](res, writer[1]) if writer else None, error, note))
    return out


def _pack(res: Any) -> tuple[Any, ...]:
    """A FileResult as tuples of str and int, to send from a worker to the parent.

    Pickling the records themselves (a finding, its span, its fix and its edits, each
    through Python ``__getstate__``/``__setstate__`` calls) took about 70 ms for the
    14,000 findings of the bench folder, against 250 ms of checking; tuples pickle in C,
    and :func:`_unpack` rebuilds the same records in the parent in a third of the time
    (``tests/test_scaling.py`` checks the round trip), or only when they are read, when
    the workers wrote the report's parts too.
    """
    return (
        res.path,
        res.text,
        tuple(
            (d.code, d.span.start, d.span.end, d.message, d.severity, d.extra,
             None if d.fix is None else (d.fix.applicability,
                                         tuple((e.span.start, e.span.end, e.text) for e in d.fix.edits)))
            for d in res.diagnostics
        ),
        res.error,
        res.location_kind,
        res.stories,
    )


def _unpack(packed: tuple[Any, ...], lazy: bool = False) -> Any:
    """The FileResult of :func:`_pack`; with ``lazy``, its findings become records only
    when they are read (their number is known without)."""
    from .report import FileResult

    path, text, packed_diags, error, location_kind, stories = packed
    diags = _Findings(packed_diags) if lazy else _records(packed_diags)
    return FileResult(path, text, diags, error, location_kind, stories)  # type: ignore[arg-type]


def _records(packed_diags: tuple[Any, ...]) -> list[Any]:
    from .model import Diagnostic, Edit, Fix, Span

    diags = []
    for code, start, end, message, severity, extra, fix in packed_diags:
        if fix is not None:
            fix = Fix(tuple(Edit(Span(a, b), t) for a, b, t in fix[1]), fix[0])
        diags.append(Diagnostic(code, Span(start, end), message, fix, severity, extra))
    return diags


class _Findings(Sequence["Any"]):
    """A file's findings as a worker sent them, made records on first reading: when the
    workers wrote the report, the parent needs only their number (and ``--statistics``
    their codes)."""

    def __init__(self, packed: tuple[Any, ...]) -> None:
        self._packed = packed
        self._records: list[Any] | None = None

    def _all(self) -> list[Any]:
        if self._records is None:
            self._records = _records(self._packed)
        return self._records

    def __len__(self) -> int:
        return len(self._packed)

    def __getitem__(self, index: Any) -> Any:
        return self._all()[index]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        return self._all() == (list(other) if isinstance(other, _Findings) else other)

    __hash__ = None  # type: ignore[assignment]


def _lint_pool(files: Sequence[str], settings: _Settings, jobs: int, errors: list[str],
               notes: list[str], progress: _Progress,
               writer: _Writer | None = None) -> tuple[list[Any], list[str] | None]:
    """Check ``files`` in ``jobs`` processes: their results in the order of ``files``, and
    with a ``writer``, each result's part of the report (written in the workers)."""
    out: list[Any] = []
    parts: list[str] = []

    def take(res: Any, part: str | None, error: str | None, note: str | None) -> None:
        progress.tick()
        if res is not None:
            out.append(res)
            parts.append(part or "")
        if error:
            errors.extend(error.split("\n"))  # one line per problem (failed rules)
        if note:
            notes.append(note)

    # A small first file is checked here: it loads the rules, their data and what they
    # load lazily once, and forked workers inherit them instead of each loading them.
    # Before a big one, only the rules and their data are prepared here.
    if _total_size(files[:1]) <= _POOL_FIRST_IN_PARENT:
        first, error, note = _pool_task((files[0], settings))
        take(first, writer[0](first, writer[1]) if writer and first is not None else None, error, note)
        rest = files[1:]
    else:
        _prepare(files[0], settings)
        rest = files
    # Chunks shrink as the end nears (a quarter of each worker's share of what is left,
    # at most 32 files): few messages, and the workers finish together instead of one
    # of them checking a last big chunk alone.
    chunks: list[Sequence[str]] = []
    start = 0
    while start < len(rest):
        size = max(1, min(32, (len(rest) - start) // (jobs * 4)))
        chunks.append(rest[start : start + size])
        start += size
    run = _fork_map if _FORK else _executor_map
    for done in run(chunks, settings, jobs, writer):
        for packed, part, error, note in done:
            take(None if packed is None else _unpack(packed, lazy=writer is not None), part, error, note)
    return out, (parts if writer is not None else None)


def _prepare(path: str, settings: _Settings) -> None:
    """Load the rules and their data for ``path``'s configuration (errors: left to the check)."""
    from . import engine

    try:
        engine.linter_for(settings.for_file(path), path)
    except Exception:  # noqa: BLE001, S110 - the same problem is reported when the file is checked
        pass


#: Workers are forked by hand where the system can fork (see :func:`_fork_map`).
_FORK = hasattr(os, "fork")


def _executor_map(chunks: list[Sequence[str]], settings: _Settings, jobs: int,
                  writer: _Writer | None) -> Iterator[list[tuple[Any, str | None, str | None, str | None]]]:
    """Each chunk's results, in order, from a ProcessPoolExecutor (systems without fork)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
        yield from pool.map(_pool_chunk, chunks, [settings] * len(chunks), [writer] * len(chunks))


def _fork_map(chunks: list[Sequence[str]], settings: _Settings, jobs: int,
              writer: _Writer | None) -> Iterator[list[tuple[Any, str | None, str | None, str | None]]]:
    """Each chunk's results, in order, from ``jobs`` forked workers.

    What ProcessPoolExecutor does, without what it costs a run of a second or less:
    importing ``concurrent.futures.process`` (multiprocessing, logging, sockets: 25-35 ms
    before the first fork), its threads and queues, pickling.  Each worker gets chunk
    numbers on a pipe (two at a time, so that it never waits for the next) and sends each
    chunk's results back on another, as one ``marshal`` record (plain tuples, see
    :func:`_pack`).  A worker that dies leaves its unfinished chunks to the parent, which
    checks them itself; a ConfigError in a worker is raised here, as in one process.
    """
    import marshal

    live: dict[int, tuple[int, int, list[int]]] = {}  # result fd -> (pid, task fd, chunks given)
    todo = iter(range(len(chunks)))
    ready: dict[int, list[Any]] = {}
    parent_fds: list[int] = []  # what a newly forked worker must close
    finished: list[int] = []  # workers told to stop, reaped at the end
    try:
        for _ in range(min(jobs, len(chunks))):
            try:
                task_r, task_w = os.pipe()
                parent_fds += (task_r, task_w)
                res_r, res_w = os.pipe()
                parent_fds += (res_r, res_w)
                pid = os.fork()
            except OSError:  # no more processes or pipes: the workers started do it all
                break
            if pid == 0:  # the worker: never returns
                for fd in parent_fds:
                    if fd not in (task_r, res_w):
                        os.close(fd)
                _fork_worker(task_r, res_w, chunks, settings, writer)
            for fd in (task_r, res_w):
                os.close(fd)
                parent_fds.remove(fd)
            live[res_r] = (pid, task_w, [])

        def give(fd: int) -> None:
            _pid, task_w, given = live[fd]
            for index in todo:
                given.append(index)
                try:
                    os.write(task_w, index.to_bytes(4, "little"))
                except OSError:  # it died: its result pipe ends, the parent checks its chunks
                    pass
                return

        for _ in range(2):  # one chunk to each worker, then a second one to each
            for fd in list(live):
                give(fd)
        for fd in list(live):
            if not live[fd][2]:  # fewer chunks than workers: nothing for this one
                idle_pid, task_w, _given = live.pop(fd)
                try:
                    os.write(task_w, (-1).to_bytes(4, "little", signed=True))
                except OSError:  # it has gone already
                    pass
                finished.append(idle_pid)
        wait = _waiter(list(live))
        expected = 0
        while live:
            for fd in wait():
                pid, task_w, given = live[fd]
                record = _read_record(fd)
                if record is None:  # the worker died: its chunks are checked here
                    del live[fd]
                    finished.append(pid)
                    for index in given:
                        ready[index] = _pool_chunk(chunks[index], settings, writer)
                    wait = _waiter(list(live))
                    continue
                kind, index, payload = marshal.loads(record)
                if kind == "config":
                    from .errors import ConfigError

                    raise ConfigError(payload)
                given.remove(index)
                ready[index] = payload
                give(fd)
                if not given:  # nothing more to do: let it go
                    try:
                        os.write(task_w, (-1).to_bytes(4, "little", signed=True))
                    except OSError:  # it has gone already
                        pass
                    del live[fd]
                    finished.append(pid)
                    wait = _waiter(list(live))
            while expected in ready:
                yield ready.pop(expected)
                expected += 1
        for index in todo:  # every worker died: the rest is checked here
            ready[index] = _pool_chunk(chunks[index], settings, writer)
        while expected in ready:
            yield ready.pop(expected)
            expected += 1
    finally:
        if live:  # an error or Ctrl-C: stop the workers still at work
            import signal

            for pid, _task_w, _given in live.values():
                try:
                    os.kill(pid, signal.SIGTERM)
                except OSError:
                    pass
                finished.append(pid)
        for fd in parent_fds:
            os.close(fd)
        for pid in finished:
            try:
                os.waitpid(pid, 0)
            except OSError:
                pass


def _fork_worker(task_r: int, res_w: int, chunks: list[Sequence[str]], settings: _Settings,
                 writer: _Writer | None) -> None:
    """A forked worker's life: chunk numbers in, one marshal record per chunk out."""
    import marshal

    from .errors import ConfigError

    code = 0
    try:
        while True:
            data = b""
            while len(data) < 4:
                more = os.read(task_r, 4 - len(data))
                if not more:
                    break
                data += more
            if len(data) < 4:
                break  # the parent is gone
            index = int.from_bytes(data, "little", signed=True)
            if index < 0:
                break
            try:
                record = marshal.dumps(("ok", index, _pool_chunk(chunks[index], settings, writer)))
            except ConfigError as exc:
                record = marshal.dumps(("config", index, str(exc)))
            view = memoryview(len(record).to_bytes(8, "little") + record)
            while view:
                view = view[os.write(res_w, view) :]
    except BaseException:  # noqa: BLE001 - Ctrl-C, a closed pipe: the parent decides
        code = 1
    finally:
        os._exit(code)


def _read_record(fd: int) -> bytes | None:
    """One length-prefixed record from a worker; None at the end of its pipe."""
    parts: list[bytes] = []
    need = 8
    header = True
    size = 0
    while True:
        data = os.read(fd, min(need, 1 << 20))
        if not data:
            return None
        parts.append(data)
        need -= len(data)
        if need:
            continue
        if not header:
            return b"".join(parts)
        size = int.from_bytes(b"".join(parts), "little")
        parts, need, header = [], size, False


def _waiter(fds: list[int]) -> Callable[[], list[int]]:
    """A function that blocks until some of ``fds`` can be read, and names them."""
    import select

    if hasattr(select, "poll"):
        poller = select.poll()
        for fd in fds:
            poller.register(fd, select.POLLIN)
        return lambda: [fd for fd, _event in poller.poll()]
    return lambda: select.select(fds, [], [])[0]  # pragma: no cover


class _Progress:
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


def _as_error_line(message: str, kind: str = "error") -> str:
    """'path: problem' -> 'path: error: problem' (one line, whatever the message holds)."""
    from .report.escape import visible

    message = visible(" ".join(message.splitlines()))  # one line; ESC, BEL ... shown escaped
    head, sep, rest = message.partition(": ")
    if sep and not rest.startswith(f"{kind}:"):
        return f"{head}: {kind}: {rest}"
    return message


def _failure_lines(name: str, failed: Sequence[RuleFailure]) -> list[str]:
    """One line per rule that raised on this file (fix passes may repeat it)."""
    first: dict[str, str] = {}
    for f in failed:
        first.setdefault(f.code, f.error)
    return [_as_error_line(f"{name}: rule {code} failed: {error}") for code, error in first.items()]


def _named_binary_files_are_errors(notes: list[str], errors: list[str], named: Sequence[str]) -> None:
    """A binary file met while walking a folder is skipped with a note; one named on the
    command line (as pre-commit names each staged file) is an error: it was meant to be
    checked and could not be."""
    from .report.escape import visible

    shown = {visible(p) for p in named}
    marker = ": note: not a text file ("
    for line in list(notes):
        head, sep, rest = line.partition(marker)
        if sep and head in shown:
            notes.remove(line)
            what = rest.removesuffix(", skipped").removesuffix(")")
            hint = "; UTF-16 needs a byte-order mark" if "NUL bytes" in what else ""
            errors.append(f"{head}: error: not a text file ({what}){hint}")


def _visible(s: str) -> str:
    from .report.escape import visible

    return visible(s)


def _print_traceback() -> None:
    import traceback

    traceback.print_exc()


_log_handler: Any = None


def _route_engine_log(verbose: bool) -> None:
    """Rule failures are reported per file by ``check``; the engine's log record of
    one (with its traceback) reaches stderr only with ``--verbose``."""
    global _log_handler
    from . import engine

    engine.log_failures = verbose
    if not verbose and _log_handler is None:
        return  # logging is never imported
    import logging

    logger = logging.getLogger("speechlint")
    if _log_handler is not None:
        logger.removeHandler(_log_handler)
        _log_handler = None
    if verbose:
        _log_handler = logging.StreamHandler(sys.stderr)
        logger.addHandler(_log_handler)


def _read_stdin(name: str, max_size: int | None) -> bytes:
    """Standard input, bounded like a file."""
    from .errors import InputError
    from .io import _too_large

    try:
        if not max_size:
            return sys.stdin.buffer.read()
        data = sys.stdin.buffer.read(max_size + 1)
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {exc.strerror or exc}") from None
    if len(data) > max_size:
        raise _too_large(name, None, max_size)
    return data


_EOL_SPLIT = re.compile(r"(?<=\r\n)|(?<=\r)(?!\n)|(?<=\n)")


def _lines(text: str) -> list[str]:
    """Lines with their endings, split at \\n, \\r\\n and \\r only (never str.splitlines)."""
    return [ln for ln in _EOL_SPLIT.split(text) if ln]


def _diff(name: str, old: str, new: str) -> str:
    """A unified diff that ``patch``/``git apply`` accept, line endings shown as they are."""
    a, b = (name, name) if os.path.isabs(name) or name == "-" else (f"a/{name}", f"b/{name}")
    out: list[str] = []
    import difflib

    for line in difflib.unified_diff(_lines(old), _lines(new), a, b):
        if line.endswith(("\n", "\r")):
            out.append(line)
        else:  # the last line of a file without a final line ending
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)


def _rules() -> int:
    from . import registry

    rules = registry.load_all()
    print(f"{'代码':<8}{'名称':<34}{'族':<6}{'级别':<9}{'可修复':<8}默认")
    for code, r in sorted(rules.items()):
        on = "可选 opt-in" if r.preview else "是"
        print(f"{code:<10}{r.name:<36}{r.family:<7}{r.severity:<10}{r.fix:<11}{on}")
    print("\n可选规则（opt-in）默认不启用，用 --select/--extend-select 写出其代码启用，如 --extend-select FIG005")
    return 0


def _rule(code: str) -> int:
    from . import registry

    r = registry.get(code)
    if r is None:
        from .i18n import localize_line

        print(localize_line(f"speechlint: error: unknown rule {code!r} (see 'speechlint rules')"),
              file=sys.stderr)
        return 2
    print(f"# {r.code} {r.name}\n")
    print(f"族 family: {r.family}    级别 severity: {r.severity}    修复 fix: {r.fix}\n")
    if r.preview:
        print(f"可选规则 opt-in：默认不启用，用 --extend-select {r.code} 启用\n")
    print(r.doc)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """The command line.  ``argv`` None: this process's own arguments, and the process
    ends here (see :func:`_exit_now`); a list: run as a function and return the code."""
    from . import i18n

    i18n.set_language(i18n.language_for_run(sys.argv[1:] if argv is None else argv))
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "server":  # each draft's configuration chooses its findings' language
        i18n.set_language(i18n.language(), run=False)
    try:
        code = _main(parser, args, argv)
    finally:  # called as a function: the library's language is the configuration's again
        if argv is not None:
            i18n.set_language("zh", run=False)
    if argv is None and args.command != "server":
        _exit_now(code)
    return code


def _exit_now(code: int) -> None:
    """Flush the output and end the process without tearing the interpreter down.

    Freeing every object of a checked draft (its text, views, findings) and every module
    took 5 ms after a 100 KB draft and ~20 ms after 1 MB.  Nothing is lost: the report
    is on stdout/stderr, flushed here; written drafts are closed and renamed by then;
    workers were waited for.
    """
    try:
        sys.stdout.flush()
    except (OSError, ValueError):  # a closed pipe (| head): as BrokenPipeError below
        code = code or 1
    try:
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    os._exit(code)


def _main(parser: argparse.ArgumentParser, args: argparse.Namespace, argv: Sequence[str] | None) -> int:
    verbose = getattr(args, "verbose", False)
    try:
        if args.command == "check":
            return _check(args)
        if args.command == "rules":
            return _rules()
        if args.command == "rule":
            return _rule(args.code)
        if args.command == "server":
            from .lsp.server import main as serve

            return serve()
        if args.command == "serve":
            from .web import run as run_web

            return run_web(args)
        parser.print_help()
        return 2
    except SpeechlintError as exc:
        from .i18n import localize_line

        print(localize_line(f"speechlint: error: {exc}"), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 1
    except Exception as exc:  # pragma: no cover - last resort: still one line
        if verbose:
            _print_traceback()
        print(f"speechlint: error: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
