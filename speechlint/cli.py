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
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import speechlint

from .errors import SpeechlintError
from .output import Progress, as_error_line, diff, failure_lines
from .settings import Settings
from .walk import iter_files

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .config import Config
    from .model import RuleFailure
    from .report import FileResult

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


def _check(args: argparse.Namespace) -> int:
    from .report import FORMATS

    if args.format not in FORMATS:
        raise SpeechlintError(f"unknown format {args.format!r}; expected one of: {', '.join(FORMATS)}")
    settings = Settings.from_args(args)
    _route_engine_log(args.verbose)
    run = _CheckRun(args)
    pending = list(iter_files(args.paths, run.errors, run.notes))
    _configuration_problems(pending, settings, run.errors)
    progress = Progress(len(pending))
    if not (args.fix or args.diff or args.annotate) and _pool_size(args, pending) > 1:
        run.results.extend(_lint_pool(pending, settings, _pool_size(args, pending), run.errors, run.notes, progress))
        pending = []
    for path in pending:
        progress.tick()
        _check_path(run, path, settings)
    progress.done()
    _named_binary_files_are_errors(run.notes, run.errors, args.paths)
    if args.annotate and not run.annotated and not run.errors:
        run.notes.append(f"{args.annotate}: note: no .docx file was checked; nothing annotated")
    _report(run)
    return _exit_code(run)


class _CheckRun:
    """What one ``speechlint check`` collects, file by file, for its report and exit code."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.writing: bool = args.fix and not args.diff  # fixed drafts are written back
        self.errors: list[str] = []  # files (or folders) that could not be checked: exit 2
        self.notes: list[str] = []  # skipped on purpose (binary files, link loops): exit code unchanged
        self.results: list[FileResult] = []
        self.diffs: list[str] = []
        self.annotated: list[str] = []  # annotated copies of .docx files written
        self.fixed_files = 0
        self.fixed_count = 0


def _configuration_problems(pending: Sequence[str], settings: Settings, errors: list[str]) -> None:
    """Problems of a configuration that do not stop the run (a broken rule pack, left out).

    One line each, exit 2, and the other rules still check every draft.
    """
    seen_folders: set[str] = set()
    for path in pending:
        folder = os.path.dirname(path) if path != "-" else "-"
        if folder not in seen_folders:
            seen_folders.add(folder)
            for problem in (settings.for_file(path) if path != "-" else settings.for_path(".")).problems:
                line = as_error_line(problem)
                if line not in errors:
                    errors.append(line)


def _check_path(run: _CheckRun, path: str, settings: Settings) -> None:
    """Check (and fix, diff or annotate, as asked) one file, or standard input for ``-``.

    Whatever goes wrong becomes one line of ``run.errors`` or ``run.notes``, never a
    traceback (``--verbose`` adds it), and the other files are still checked.
    """
    from .io import BinaryFileError

    args = run.args
    name = args.stdin_filename or "-" if path == "-" else path
    config = settings.for_path(args.stdin_filename or "-") if path == "-" else settings.for_file(path)
    if settings.excluded(config, path):
        return
    failed: list[RuleFailure] = []  # rules that raised on this file (they are skipped)
    try:
        if path != "-" and _is_docx(path):
            _check_docx(run, path, settings, failed, config)
        else:
            _check_text(run, path, name, config, failed)
    except BinaryFileError as exc:
        run.notes.append(as_error_line(str(exc), "note"))
    except SpeechlintError as exc:
        if args.verbose:
            _print_traceback()
        run.errors.append(as_error_line(str(exc)))
    except Exception as exc:  # noqa: BLE001 - never a traceback for one bad file
        if args.verbose:
            _print_traceback()
        run.errors.append(as_error_line(f"{name}: internal error: {type(exc).__name__}: {exc}"))
    finally:
        run.errors.extend(failure_lines(name, failed))  # the file was not fully checked


def _check_docx(run: _CheckRun, path: str, settings: Settings, failed: list[RuleFailure], config: Config) -> None:
    """Check a Word file; ``--annotate`` writes a copy with the findings as comments."""
    args = run.args
    res = _lint_one(path, settings, failed, config)
    if res is None:
        return
    if args.fix or args.diff:
        run.notes.append(f"{path}: note: --fix/--diff do not change .docx files (use --annotate OUT.docx)")
    run.results.append(res)  # checked, whatever becomes of the annotated copy
    if args.annotate:
        _annotate(path, args.annotate, res, run.annotated, config)


def _check_text(run: _CheckRun, path: str, name: str, config: Config, failed: list[RuleFailure]) -> None:
    """Check a plain-text or Markdown draft (or standard input), fixing it if asked."""
    from . import engine
    from .io import decode, read_source
    from .report import FileResult

    args = run.args
    if path == "-":
        raw = _read_stdin(name, config.max_file_size)
        decoded = decode(raw, name)
    else:
        raw, decoded = read_source(path, config.max_file_size)
    filetype = engine.filetype_of(name)
    text = decoded.text
    if not (args.fix or args.diff):
        diags = speechlint.lint(text, config, filetype=filetype, path=name, failures=failed)
        run.results.append(FileResult(name, text, diags))
        return
    result = speechlint.fix(text, config, unsafe=args.unsafe_fixes, filetype=filetype, path=name, failures=failed)
    if run.writing and path == "-" and result.text == text:
        sys.stdout.buffer.write(raw)  # a filter always passes the draft on
    if result.text != text:
        if not _deliver_fix(run, path, name, raw, decoded, result):
            # a concurrent fixer wrote these very bytes: the check of them stands
            run.notes.append(f"{_visible(name)}: note: already fixed (by another process); not written again")
            run.results.append(FileResult(name, result.text, result.remaining))
            return
        run.fixed_files += 1
        run.fixed_count += result.repaired
    if run.writing:
        run.results.append(FileResult(name, result.text, result.remaining))
    else:  # --diff: the findings of the draft as it stands
        diags = speechlint.lint(text, config, filetype=filetype, path=name, failures=failed)
        run.results.append(FileResult(name, text, diags))


def _deliver_fix(run: _CheckRun, path: str, name: str, raw: bytes, decoded: Any, result: Any) -> bool:
    """Hand on a changed draft: as a diff, on standard output, or written back in place.

    False when the file on disk no longer holds ``raw`` because another process wrote
    these very bytes (nothing is written then).
    """
    from .io import encode, write_atomic

    if run.args.diff:
        run.diffs.append(diff(name, decoded.text, result.text))
    elif path == "-":
        sys.stdout.buffer.write(encode(result.text, decoded.encoding, decoded.bom))
    else:
        if not write_atomic(path, encode(result.text, decoded.encoding, decoded.bom), expect=raw):
            return False
        if not run.args.quiet:
            from .i18n import fixed_line

            print(fixed_line(_visible(name), result.repaired), file=sys.stderr)
    return True


def _report(run: _CheckRun) -> None:
    """The findings (or diffs) on standard output; notes, errors and the summary on stderr."""
    from . import i18n, summary
    from .report import ReportOptions, renderer

    args = run.args
    out = sys.stdout
    if args.diff:
        out.write("".join(run.diffs))
    elif not (args.fix and args.paths == ["-"]):
        color = args.format == "text" and out.isatty() and "NO_COLOR" not in os.environ
        show_source = args.show_source if args.show_source is not None else out.isatty()
        out.write(renderer(args.format)(run.results, ReportOptions(show_source, color, args.statistics)))
    else:  # stdout carries the fixed draft: what remains goes to stderr (as ruff does)
        sys.stderr.write(renderer(args.format)(run.results, ReportOptions(False, False, args.statistics)))
    if not args.quiet:
        for n in run.notes:
            print(i18n.localize_line(n), file=sys.stderr)
    for e in run.errors:
        print(i18n.localize_line(e), file=sys.stderr)
    if not args.quiet and args.format == "text" and not args.diff:
        fixed = (run.fixed_count, run.fixed_files) if run.writing else None
        print(summary.line(run.results, len(run.errors), fixed, i18n.language()), file=sys.stderr)


def _exit_code(run: _CheckRun) -> int:
    """2 on any error; with ``--diff`` 1 when a draft would change; else 1 on findings."""
    args = run.args
    if run.errors:
        return 2
    if args.diff:
        return 1 if run.diffs else 0
    if args.exit_non_zero_on_fix and run.writing and run.fixed_files:
        return 1  # a pre-commit fixer fails when it changed a file (pre-commit-hooks convention)
    if args.exit_zero:
        return 0
    return 1 if any(r.diagnostics for r in run.results) else 0


# ------------------------------------------- configuration, Word files, many files
def _is_docx(path: str) -> bool:
    return path.lower().endswith(".docx")


def _lint_one(path: str, settings: Settings, failures: list[RuleFailure],
              config: Config | None = None) -> FileResult | None:
    """Check one file (check only, no fixes): a FileResult, or None when excluded; rules
    that raised on it are added to ``failures``."""
    from dataclasses import replace

    from .engine import filetype_of
    from .io import read_source
    from .report import FileResult

    if config is None:
        config = settings.for_file(path)
        if settings.excluded(config, path):
            return None
    if _is_docx(path):
        from . import docx

        word = docx.read(path, config.max_file_size)
        text = word.text
        diags = speechlint.lint(text, config, filetype="txt", path=path, failures=failures)
        # fixes cannot be written into a .docx: report them as findings without a fix
        diags = [replace(d, fix=None) if d.fix else d for d in diags]
        return FileResult(path, text, diags, location_kind="paragraph", stories=word.stories())
    _, decoded = read_source(path, config.max_file_size)
    diags = speechlint.lint(decoded.text, config, filetype=filetype_of(path), path=path, failures=failures)
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
#: A first file up to this size is checked in the parent before the workers start.
_POOL_FIRST_IN_PARENT = 100_000


def _pool_task(path: str, settings: Settings) -> tuple[Any, str | None, str | None]:
    """Check one file in a worker: (its FileResult or None, its error lines, a note)."""
    from .errors import ConfigError
    from .io import BinaryFileError

    failed: list[RuleFailure] = []  # rules that raised on this file, one error line each
    try:
        res = _lint_one(path, settings, failed)
    except ConfigError:
        raise
    except BinaryFileError as exc:
        return None, None, as_error_line(str(exc), "note")
    except SpeechlintError as exc:
        return None, as_error_line(str(exc)), None
    except Exception as exc:  # noqa: BLE001 - never a traceback for one bad file
        return None, as_error_line(f"{path}: internal error: {type(exc).__name__}: {exc}"), None
    return res, "\n".join(failure_lines(path, failed)) or None, None


def _lint_pool(files: Sequence[str], settings: Settings, jobs: int, errors: list[str],
               notes: list[str], progress: Progress) -> list[Any]:
    """Check ``files`` in ``jobs`` worker processes: their results in the order of ``files``.

    The parent checks a small first file (or, before a big one, only loads the rules); where
    the system can fork, the workers inherit what it loaded.  A worker that dies leaves the
    files not yet reported to the parent, which checks them itself; a ConfigError in a
    worker stops the run, as in one process; on Ctrl-C the files not yet started are
    cancelled and the workers end.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool
    from itertools import repeat

    out: list[Any] = []

    def take(res: Any, error: str | None, note: str | None) -> None:
        progress.tick()
        if res is not None:
            out.append(res)
        if error:
            errors.extend(error.split("\n"))  # one line per problem (failed rules)
        if note:
            notes.append(note)

    # A small first file is checked here: it loads the rules, their data and what they load
    # lazily (the segmentation data) once, and forked workers inherit them.  Before a big
    # one, only the rules are prepared, so that a few big files are checked side by side.
    if _total_size(files[:1]) <= _POOL_FIRST_IN_PARENT:
        take(*_pool_task(files[0], settings))
        files = files[1:]
    else:
        _prepare(files[0], settings)
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    # a few files per message, fewer as the end nears, so that the workers finish together
    chunksize = max(1, min(32, len(files) // (jobs * 4)))
    done = 0
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_worker_start)
    try:
        for res, error, note in pool.map(_pool_task, files, repeat(settings), chunksize=chunksize):
            take(res, error, note)
            done += 1
    except BrokenProcessPool:  # a worker died: what it had not reported is checked here
        for path in files[done:]:
            take(*_pool_task(path, settings))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return out


def _worker_start() -> None:
    """A worker leaves Ctrl-C to the parent (which cancels the rest and waits for it)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _prepare(path: str, settings: Settings) -> None:
    """Load the rules and their data for ``path``'s configuration (errors: left to the check)."""
    from . import engine

    try:
        engine.linter_for(settings.for_file(path), path)
    except Exception:  # noqa: BLE001, S110 - the same problem is reported when the file is checked
        pass


def _named_binary_files_are_errors(notes: list[str], errors: list[str], named: Sequence[str]) -> None:
    """A binary file met while walking a folder is skipped with a note; one named on the
    command line (as pre-commit names each staged file) is an error: it was meant to be
    checked and could not be."""
    from .escape import visible

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
    from .escape import visible

    return visible(s)


def _print_traceback() -> None:
    import traceback

    traceback.print_exc()


_log_handler: Any = None


def _route_engine_log(verbose: bool) -> None:
    """Rule failures are reported per file by ``check``; the engine's log record of
    one (with its traceback) reaches stderr only with ``--verbose``."""
    global _log_handler
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
        logger.setLevel(logging.DEBUG)


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
    if r is None:  # a rule of a pack configured for the current folder
        from .resolve import discover_packs

        discover_packs()
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
    if argv is None and args.command == "check":
        _fewer_collections()
    try:
        code = _main(parser, args, argv)
    finally:  # called as a function: the library's language is the configuration's again
        if argv is not None:
            i18n.set_language("zh", run=False)
    if argv is None and args.command != "server":
        _exit_now(code)
    return code


def _fewer_collections() -> None:
    """Collect garbage after 100,000 new container objects instead of Python's 700
    (:data:`speechlint.engine.CHECK_GC_THRESHOLDS`), for the rest of this process.

    A check of a large draft makes millions of objects that live until the process ends
    (the model's contexts and probabilities, the dictionary's entries, the findings) and
    hardly any cycle to collect; the default thresholds had the collector walk them over
    and over: 386 young, 35 middle and 3 full collections, 0.13 s, on the 9 MB of bench
    ``input_distinct``; 12 young collections, 0.04 s, after 20,000 (0.018 -> 0.010 s on
    ``input_10MB``), same peak memory; one, 0.03 s, after 100,000 (none on ``input_10MB``).
    """
    import gc

    from . import engine

    gc.set_threshold(*engine.CHECK_GC_THRESHOLDS)


def _on_system_allocator() -> None:
    """Run the language server on the C allocator (``PYTHONMALLOC=malloc``): re-execute this
    same command once with it set, unless it is set already (or cannot be, off POSIX).

    An editing session makes and frees millions of small objects (findings, spans, LSP
    structures).  Python's own small-object allocator keeps an arena while a single object
    in it lives, so memory freed at ``didClose`` stayed with the process: one line of
    70,000 characters with ~2,900 findings, 30 keystrokes, took the server from 46 MB to
    70 MB, and it was still at 68 MB after ``didClose``.  On the C allocator, which the
    server trims at ``didClose``, the same session peaks at 74 MB and falls back to 52 MB
    (tests/test_lsp_memory.py holds it there).
    """
    if os.name != "posix" or "PYTHONMALLOC" in os.environ:
        return
    os.environ["PYTHONMALLOC"] = "malloc"
    try:
        os.execv(sys.executable, [sys.executable, *sys.orig_argv[1:]])
    except OSError:  # cannot re-execute: serve as we are
        del os.environ["PYTHONMALLOC"]


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
            if argv is None:  # a real process, not main() called as a function
                _on_system_allocator()
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
    except Exception as exc:  # noqa: BLE001  # pragma: no cover - last resort: one line
        if verbose:
            _print_traceback()
        print(f"speechlint: error: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
