"""Configuration files: ``[tool.speechlint]`` in ``pyproject.toml``, ``speechlint.toml``,
``.speechlint.toml``.

Discovery starts in the folder of the checked file and walks upward; the nearest
folder holding a configuration wins (no merging across folders, like ruff).  In one
folder ``.speechlint.toml`` beats ``speechlint.toml`` beats ``pyproject.toml``; a
``pyproject.toml`` without a ``[tool.speechlint]`` table does not count.

Keys (kebab-case, as in ruff)::

    select = ["ALL"]                  # codes or prefixes
    extend-select = []
    ignore = ["PUN002"]
    per-file-ignores = { "附件/*.md" = ["NUM"] }   # globs relative to the config's folder
    exclude = ["草稿/旧稿/*"]         # globs relative to the config's folder
    severity = { "DUP" = "error", "PUN003" = "info" }
    allow = ["研究研究"]              # words never flagged
    packs = ["house/terms.yaml"]      # extra rule packs, relative to the config file
    max-file-size = 20971520          # bytes
    language = "zh"                   # message language: zh | en

Unknown keys and bad values raise :class:`ConfigError` naming the file and the key.

Public API (used by the CLI and the language server): :func:`discover`,
:func:`load`, :func:`find_config_file`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType

from .config import DEFAULT, Config
from .errors import ConfigError, RuleDataError
from .model import SEVERITIES

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: Configuration file names, most specific first.
CONFIG_NAMES: tuple[str, ...] = (".speechlint.toml", "speechlint.toml", "pyproject.toml")

KEYS: tuple[str, ...] = (
    "select",
    "extend-select",
    "ignore",
    "per-file-ignores",
    "exclude",
    "severity",
    "allow",
    "allow-passage",
    "packs",
    "max-file-size",
    "language",
)

# folder -> config file found for it (None: none up to the root)
_FOLDER_CACHE: dict[str, Path | None] = {}
# config file -> (mtime_ns, size, Config)
_FILE_CACHE: dict[str, tuple[int, int, Config]] = {}


def clear_cache() -> None:
    """Forget every discovered and loaded configuration (the LSP calls this on file changes)."""
    _FOLDER_CACHE.clear()
    _FILE_CACHE.clear()


# ------------------------------------------------------------------ discovery
def _has_section(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if "speechlint" not in text:
        return False  # not ours, broken or not: no need to parse it
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{pyproject}: invalid TOML: {exc}") from None
    tool = data.get("tool")
    return isinstance(tool, dict) and "speechlint" in tool


def _config_in(folder: Path) -> Path | None:
    for name in CONFIG_NAMES:
        candidate = folder / name
        if candidate.is_file():
            if name == "pyproject.toml" and not _has_section(candidate):
                continue
            return candidate
    return None


def find_config_file(path: str | os.PathLike[str]) -> Path | None:
    """The nearest configuration file for ``path`` (a file or a folder), or None."""
    p = Path(os.path.abspath(path))
    folder = p if p.is_dir() else p.parent
    visited: list[str] = []
    found: Path | None = None
    current: Path | None = folder
    while current is not None:
        key = str(current)
        if key in _FOLDER_CACHE:
            found = _FOLDER_CACHE[key]
            break
        visited.append(key)
        found = _config_in(current)
        if found is not None:
            break
        current = current.parent if current.parent != current else None
    for key in visited:
        _FOLDER_CACHE[key] = found
    return found


def discover(path: str | os.PathLike[str]) -> Config:
    """The configuration for ``path``: the nearest config file upward, else the defaults."""
    found = find_config_file(path)
    return load(found) if found is not None else DEFAULT


# ---------------------------------------------------------------------- loading
def load(path: str | os.PathLike[str]) -> Config:
    """Read one configuration file (cached while it is unchanged on disk)."""
    p = Path(os.path.abspath(path))
    try:
        st = p.stat()
    except FileNotFoundError:
        raise ConfigError(f"{path}: configuration file not found") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc.strerror or exc}") from None
    cached = _FILE_CACHE.get(str(p))
    if cached and cached[0] == st.st_mtime_ns and cached[1] == st.st_size:
        return cached[2]
    try:
        raw = p.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError(f"{p}: configuration is not UTF-8") from None
    except OSError as exc:
        raise ConfigError(f"{p}: cannot read configuration: {exc.strerror or exc}") from None
    import tomllib

    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{p}: invalid TOML: {exc}") from None
    if p.name == "pyproject.toml":
        tool = data.get("tool", {})
        table = tool.get("speechlint", {}) if isinstance(tool, dict) else {}
        where = "[tool.speechlint]"
    else:
        table = data
        where = ""
    if not isinstance(table, dict):
        raise ConfigError(f"{p}: [tool.speechlint] must be a table")
    config = from_mapping(table, p, where)
    _FILE_CACHE[str(p)] = (st.st_mtime_ns, st.st_size, config)
    return config


def from_mapping(table: Mapping[str, Any], source: Path, where: str = "") -> Config:
    """Validate a configuration table and build a :class:`Config`."""
    reader = _TableReader(table, source, where)
    for key in table:
        if key not in KEYS:
            alt = key.replace("_", "-")
            hint = f" (did you mean {alt!r}?)" if alt in KEYS else ""
            raise reader.error(key, f"unknown key{hint}; expected one of: {', '.join(KEYS)}")
    changes: dict[str, Any] = {"source": str(source)}
    # packs first: codes of the configuration's own packs (XZ001 ...) are valid below
    if "packs" in table:
        changes.update(_load_packs(reader.packs()))
    for key in table:
        if key != "packs":
            field, read = _FIELDS[key]
            changes[field] = read(reader)
    return DEFAULT.with_overrides(**changes)


def _load_packs(packs: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The ``packs`` and ``problems`` of a configuration whose packs are ``packs``.

    A broken pack is left out and reported (exit 2) while the other rules keep checking
    the drafts; each pack registers its codes on load.
    """
    if not packs:
        return {"packs": packs}
    try:
        from .packs import load_packs
    except ImportError:  # pragma: no cover - rule packs not available
        return {"packs": packs}
    good: list[str] = []
    problems: list[str] = []
    for pack in packs:
        try:
            load_packs((*good, pack))
        except RuleDataError as exc:
            problems.append(str(exc))
        else:
            good.append(pack)
    return {"packs": tuple(good), "problems": tuple(problems)}


class _TableReader:
    """Reads and validates the values of one configuration table, a method per key.

    Each method returns the value of its :class:`Config` field or raises
    :class:`ConfigError` naming the file and the key; globs and pack paths are taken
    relative to the configuration's folder.
    """

    def __init__(self, table: Mapping[str, Any], source: Path, where: str) -> None:
        self.table = table
        self.source = source
        self.where = where
        self.folder = source.parent

    def error(self, key: str, problem: str) -> ConfigError:
        label = f"{self.where}.{key}" if self.where else key
        return ConfigError(f"{self.source}: {label}: {problem}")

    def str_list(self, key: str) -> tuple[str, ...]:
        value = self.table[key]
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(key, "expected a list of strings")
        return tuple(value)

    def codes(self, key: str, value: object) -> tuple[str, ...]:
        from . import registry

        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(key, "expected a list of rule codes or prefixes")
        out = tuple(v.strip().upper() for v in value)
        for c in out:
            if not registry.valid_prefix(c):
                raise self.error(key, f"unknown rule code or prefix {c!r} (see 'speechlint rules')")
        return out

    def select(self) -> tuple[str, ...]:
        return self.codes("select", self.table["select"])

    def extend_select(self) -> tuple[str, ...]:
        return self.codes("extend-select", self.table["extend-select"])

    def ignore(self) -> tuple[str, ...]:
        return self.codes("ignore", self.table["ignore"])

    def per_file_ignores(self) -> Mapping[str, tuple[str, ...]]:
        value = self.table["per-file-ignores"]
        if not isinstance(value, dict):
            raise self.error("per-file-ignores", 'expected a table of glob = ["CODE", ...]')
        return MappingProxyType(
            {_anchor(glob, self.folder): self.codes(f"per-file-ignores.{glob!r}", cs) for glob, cs in value.items()}
        )

    def exclude(self) -> tuple[str, ...]:
        return tuple(_anchor(g, self.folder) for g in self.str_list("exclude"))

    def severity(self) -> Mapping[str, str]:
        from . import registry

        value = self.table["severity"]
        if not isinstance(value, dict):
            raise self.error("severity", 'expected a table of CODE = "error" | "warning" | "info"')
        sev: dict[str, str] = {}
        for code, level in value.items():
            c = str(code).strip().upper()
            if not registry.valid_prefix(c):
                raise self.error(f"severity.{code}", f"unknown rule code or prefix {code!r}")
            if level not in SEVERITIES:
                raise self.error(f"severity.{code}", f"{level!r} is not one of: {', '.join(SEVERITIES)}")
            sev[c] = level
        return MappingProxyType(sev)

    def allow(self) -> tuple[str, ...]:
        words = self.str_list("allow")
        if any(not w.strip() for w in words):
            raise self.error("allow", "empty word")
        return words

    def allow_passages(self) -> tuple[tuple[str, str], ...]:
        value = self.table["allow-passage"]
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.error("allow-passage", 'expected [[allow-passage]] tables: file = "GLOB", text = "..."')
        out: list[tuple[str, str]] = []
        for i, entry in enumerate(value):
            glob, text = entry.get("file"), entry.get("text")
            extra = sorted(set(entry) - {"file", "text"})
            if extra or not isinstance(glob, str) or not isinstance(text, str) or not glob or not text.strip():
                raise self.error(f"allow-passage[{i}]", 'expected file = "GLOB" and text = "a passage", nothing else')
            out.append((_anchor(glob, self.folder), text))
        return tuple(out)

    def packs(self) -> tuple[str, ...]:
        packs: list[str] = []
        for rel in self.str_list("packs"):
            pack = Path(rel).expanduser()
            if not pack.is_absolute():
                pack = self.folder / pack
            pack = Path(os.path.normpath(pack))
            if not pack.is_file():
                raise self.error("packs", f"rule pack {rel!r} not found (looked for {pack})")
            packs.append(str(pack))
        return tuple(packs)

    def max_file_size(self) -> int:
        value = self.table["max-file-size"]
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise self.error("max-file-size", f"expected a positive number of bytes, got {value!r}")
        return value

    def language(self) -> str:
        value = self.table["language"]
        if value not in ("zh", "en"):
            raise self.error("language", f"expected 'zh' or 'en', got {value!r}")
        return str(value)


#: configuration key -> (the :class:`Config` field it sets, the reader of its value);
#: ``packs`` is read first, by :func:`from_mapping` itself.
_FIELDS: dict[str, tuple[str, Callable[[_TableReader], object]]] = {
    "select": ("select", _TableReader.select),
    "extend-select": ("extend_select", _TableReader.extend_select),
    "ignore": ("ignore", _TableReader.ignore),
    "per-file-ignores": ("per_file_ignores", _TableReader.per_file_ignores),
    "exclude": ("exclude", _TableReader.exclude),
    "severity": ("severity", _TableReader.severity),
    "allow": ("allow", _TableReader.allow),
    "allow-passage": ("allow_passages", _TableReader.allow_passages),
    "max-file-size": ("max_file_size", _TableReader.max_file_size),
    "language": ("language", _TableReader.language),
}


def _anchor(glob: str, folder: Path) -> str:
    """A glob relative to the configuration's folder, made absolute (POSIX form).

    A glob without a slash (``*.md``) matches a file name anywhere below the folder,
    so it is kept as it is.
    """
    g = glob.replace("\\", "/")
    if "/" not in g.rstrip("/"):
        return g
    if os.path.isabs(g):
        return g
    g = g.removeprefix("./")
    return folder.as_posix().rstrip("/") + "/" + g


def is_excluded(config: Config, path: str | os.PathLike[str]) -> bool:
    """True when ``path`` matches one of the configuration's ``exclude`` globs."""
    if not config.exclude:
        return False
    import fnmatch

    p = Path(os.path.abspath(path))
    posix = p.as_posix()
    # a glob without "/" matches a file or folder name below the configuration's folder
    # (never a folder above it: "tmp" must not exclude a project that lives in /tmp)
    names: tuple[str, ...] = p.parts
    if config.source:
        try:
            names = p.relative_to(Path(config.source).parent).parts
        except ValueError:
            names = (p.name,)
    for g in config.exclude:
        if "/" in g.rstrip("/"):
            g2 = g.rstrip("/")
            if fnmatch.fnmatchcase(posix, g2) or fnmatch.fnmatchcase(posix, g2 + "/*"):
                return True
        elif any(fnmatch.fnmatchcase(n, g.rstrip("/")) for n in names):
            return True
    return False
