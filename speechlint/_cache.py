"""Start-up caches for the command line: compiled regexes and validated rule data.

**Regexes.**

Compiling the rules' regular expressions (Han character classes, the nested
bracket grammar, the data files' patterns) costs about 0.15 s of Python in
``re._compiler`` at every start -- more than checking a 100 KB draft.  The
compiled form is plain data: the arguments the compiler passes to
``_sre.compile`` (flags, a list of integer opcodes, group names).  This module
records them, per pattern, in ``<cache dir>/re-<python>-<sre magic>.marshal``
and replays them on the next start, so a cached pattern object is the very
object ``re.compile`` would have built.

Nothing else changes: a pattern missing from the cache (or any problem with
the cache file) goes through the normal compiler, and the file is keyed by the
exact Python build and the regex engine's version.  The cache lives in
``$SPEECHLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/speechlint``, else
``~/.cache/speechlint``; ``SPEECHLINT_NO_CACHE=1`` turns it off.  Only
``speechlint`` processes started from the command line install it
(:func:`install`); the library API and the language server compile normally.

**Rule data.**  Once :func:`install` ran, :func:`load_family` / :func:`store_family`
keep each family's validated rule data (what ``data.family_data`` returns) as a
pickle keyed by a hash of the family's YAML file, every module of the package and
the Python version: any edit to the data or to the code that validates it means
a full load, with its validation and its error messages.  Only data that loaded
without error is ever stored, with what the rules derive from it (``cached_property``
values: patterns, word finders), one file per family and installation.

**Size.**  The pattern file keeps the patterns of the run that writes it, then older
ones while they fit in :data:`MAX_BYTES` of opcodes (it is read at every start).
"""

from __future__ import annotations

import marshal
import os
import sys
import threading
from array import array

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: The opcodes are stored as bytes of this array type (loading a list of ints is slow).
_TYPECODE = "I"

#: Above this many patterns, or this many bytes of opcodes, the file keeps the patterns
#: of the run that writes it and only as many others as fit (user packs may add many;
#: the whole file is read at every start).
MAX_ENTRIES = 2000
MAX_BYTES = 2_000_000

_lock = threading.Lock()
_table: dict[tuple[str, int], tuple[Any, ...]] = {}
_misses = 0
_used: set[tuple[str, int]] = set()
_installed_pid: int | None = None
_path: str | None = None


def cache_dir() -> str | None:
    """The folder for speechlint's caches (None when caching is off)."""
    if os.environ.get("SPEECHLINT_NO_CACHE"):
        return None
    explicit = os.environ.get("SPEECHLINT_CACHE_DIR")
    if explicit:
        return explicit
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "speechlint")


def _file_name() -> str:
    import _sre

    build = f"{sys.implementation.name}{sys.version_info[0]}{sys.version_info[1]}{sys.version_info[2]}"
    return f"re2-{build}-{_sre.MAGIC}-{_sre.CODESIZE}.marshal"


def _key_flags(flags: int) -> int:
    """A str pattern is Unicode unless ASCII is asked: ``re.compile(p)`` and
    ``re.compile(p, re.U)`` (what unpickling a pattern calls) share one entry."""
    return flags if flags & 256 else flags | 32  # re.ASCII, re.UNICODE


def install() -> None:
    """Route ``re``'s compiler through the cache for the rest of this process."""
    global _installed_pid, _path
    if _installed_pid is not None or sys.implementation.name != "cpython":
        return
    folder = cache_dir()
    if folder is None:
        return
    try:
        from re import _compiler  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - Python < 3.11
        return
    if array(_TYPECODE).itemsize != getattr(_compiler._sre, "CODESIZE", 0):
        return  # pragma: no cover - opcodes of another width
    if not hasattr(_compiler, "_sre") or not callable(getattr(_compiler, "compile", None)):
        return  # pragma: no cover - a compiler of another shape: leave it alone
    _path = os.path.join(folder, _file_name())
    try:
        with open(_path, "rb") as f:
            loaded = marshal.load(f)
        if isinstance(loaded, dict):
            _table.update(loaded)
    except Exception:  # noqa: BLE001 - missing, unreadable or damaged: compile normally
        _table.clear()
    original = _compiler.compile
    real_sre = _compiler._sre

    class _Recorder:
        """Stands in for ``_sre`` during one compilation, keeping its arguments."""

        args: tuple[Any, ...] | None = None

        def __getattr__(self, name: str) -> Any:
            return getattr(real_sre, name)

        def compile(self, *args: Any) -> Any:
            self.args = args
            return real_sre.compile(*args)

    def compile(p: Any, flags: Any = 0) -> Any:
        global _misses
        if not isinstance(p, str):
            return original(p, flags)
        key = (p, _key_flags(int(flags)))
        hit = _table.get(key)
        _used.add(key)
        if hit is not None:
            try:
                flags_, code, groups, groupindex, indexgroup = hit
                return real_sre.compile(p, flags_, array(_TYPECODE, code).tolist(), groups,
                                        groupindex, indexgroup)
            except Exception:  # noqa: BLE001, S110 - a stale entry: compile it again
                pass
        with _lock:
            rec = _Recorder()
            _compiler._sre = rec  # type: ignore[assignment]
            try:
                pattern = original(p, flags)
            finally:
                _compiler._sre = real_sre
        args = rec.args
        if args is not None and len(args) >= 1 and args[0] == p:
            try:  # plain ints (the opcodes are int subclasses), as marshal wants them
                flags_, code, groups, groupindex, indexgroup = args[1:]
                entry = (int(flags_), array(_TYPECODE, [int(c) for c in code]).tobytes(), int(groups),
                         {str(k): int(v) for k, v in groupindex.items()}, tuple(indexgroup))
            except (TypeError, ValueError):
                return pattern
            try:
                marshal.dumps(entry)
            except ValueError:
                return pattern
            _table[key] = entry
            _misses += 1
        return pattern

    _compiler.compile = compile
    _installed_pid = os.getpid()


def save() -> None:
    """Write the cache when this process compiled patterns it did not find there."""
    global _misses
    if not _misses or _path is None or os.getpid() != _installed_pid:
        return
    table = dict(_table)
    if len(table) > MAX_ENTRIES or sum(len(v[1]) for v in table.values()) > MAX_BYTES:
        # this run's patterns, then others (oldest first out) while they fit
        kept = {k: v for k, v in table.items() if k in _used}
        room = MAX_BYTES - sum(len(v[1]) for v in kept.values())
        for k, v in reversed(list(table.items())):
            if k not in kept and len(kept) < MAX_ENTRIES and len(v[1]) <= room:
                kept[k] = v
                room -= len(v[1])
        table = kept
    try:
        os.makedirs(os.path.dirname(_path), exist_ok=True)
        tmp = f"{_path}.{os.getpid()}.tmp"
        with open(tmp, "wb") as f:
            marshal.dump(table, f)
        os.replace(tmp, _path)
        _misses = 0
    except OSError:
        try:
            os.unlink(tmp)
        except (OSError, UnboundLocalError):
            pass


# ------------------------------------------------------------------ rule data
def _hasher(data: bytes) -> Any:
    """BLAKE2b from the built-in module (importing hashlib loads OpenSSL: several ms)."""
    try:
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - a Python built without it
        from hashlib import blake2b
    return blake2b(data)


def _code_digest() -> bytes:
    """Hash of every module of the package (the data classes and their validation)."""
    global _CODE_DIGEST
    if _CODE_DIGEST is None:
        h = _hasher(sys.version.encode())
        root = os.path.dirname(os.path.abspath(__file__))
        for folder in (root, os.path.join(root, "checks")):
            for name in sorted(os.listdir(folder)):
                if name.endswith(".py"):
                    with open(os.path.join(folder, name), "rb") as f:
                        h.update(name.encode() + b"\0" + f.read() + b"\0")
        _CODE_DIGEST = h.digest()
    return _CODE_DIGEST


_CODE_DIGEST: bytes | None = None


def _family_key(family: str, data_file: str) -> tuple[str, str] | None:
    """(cache file, key) for a family's rule data, or None when caching is off."""
    if _installed_pid is None or _path is None:
        return None
    try:
        with open(data_file, "rb") as f:
            raw = f.read()
        # the family's word lists beside its YAML (rules/wrd_confusables.txt) are data too
        folder = os.path.dirname(data_file)
        prefix = family.lower() + "_"
        for name in sorted(os.listdir(folder)):
            if name.startswith(prefix) and name.endswith(".txt"):
                with open(os.path.join(folder, name), "rb") as f:
                    raw += b"\0" + name.encode() + b"\0" + f.read()
    except OSError:
        return None
    key = _hasher(_code_digest() + b"\0" + raw).hexdigest()
    # one file per installation: two installs (a checkout and a release, say) run in turn
    # would otherwise overwrite each other's data at every start
    where = _hasher(os.path.dirname(os.path.abspath(__file__)).encode()).hexdigest()[:12]
    return os.path.join(os.path.dirname(_path), f"data-{family.lower()}-{where}.pickle"), key


def load_family(family: str, data_file: str) -> dict[str, Any] | None:
    """The cached rule data of ``family`` when its key still matches, else None."""
    where = _family_key(family, data_file)
    if where is None:
        return None
    import pickle

    try:
        with open(where[0], "rb") as f:
            key, table = pickle.load(f)
    except Exception:  # noqa: BLE001 - missing or damaged: load the YAML
        return None
    return table if key == where[1] and isinstance(table, dict) else None


def store_family(family: str, data_file: str, table: dict[str, Any]) -> None:
    """Keep ``family``'s validated rule data for the next start (errors ignored)."""
    if os.getpid() != _installed_pid:
        return
    where = _family_key(family, data_file)
    if where is None:
        return
    import copyreg
    import io
    import pickle
    import types

    class _Pickler(pickle.Pickler):
        dispatch_table = copyreg.dispatch_table.copy()
        dispatch_table[types.MappingProxyType] = lambda m: (_mappingproxy, (dict(m),))

    for value in table.values():
        _warm(value, _Pickler)
    tmp = f"{where[0]}.{os.getpid()}.tmp"
    try:
        buf = io.BytesIO()
        _Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL).dump((where[1], table))
        os.makedirs(os.path.dirname(where[0]), exist_ok=True)
        with open(tmp, "wb") as f:
            f.write(buf.getvalue())
        os.replace(tmp, where[0])
    except Exception:  # noqa: BLE001 - unpicklable data or an unwritable folder: no cache
        try:
            os.unlink(tmp)
        except OSError:
            pass


def _warm(value: Any, pickler: Any) -> None:
    """Compute the ``cached_property`` values of one rule's data so they are stored too.

    They derive from the data alone (patterns, word finders built from the lists) and
    some take milliseconds to build at every start; one that cannot be pickled is
    dropped again and rebuilt on use, as without the cache.
    """
    import io
    from functools import cached_property

    state = getattr(value, "__dict__", None)
    if state is None:
        return
    for name, attr in vars(type(value)).items():
        if not isinstance(attr, cached_property) or name in state:
            continue
        try:
            getattr(value, name)
            pickler(io.BytesIO()).dump(state[name])
        except Exception:  # noqa: BLE001 - not computable or not picklable: leave it lazy
            state.pop(name, None)


def _mappingproxy(d: dict[Any, Any]) -> Any:
    """Rebuilds a read-only mapping of the rule data when a pickle is loaded."""
    import types

    return types.MappingProxyType(d)
