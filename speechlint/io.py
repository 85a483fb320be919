"""Reading and writing drafts without losing a byte.

Decoding tries, in order: a BOM (UTF-8, UTF-16 LE/BE), strict UTF-8, strict
GB18030 (a superset of GBK and GB2312).  Anything else is an :class:`InputError`,
never a silent mis-decode.  The decoded text keeps its line endings (no newline
translation), and :func:`encode` turns it back into the same bytes.

Files that are not text at all (known magic numbers, NUL bytes) raise
:class:`BinaryFileError`, an :class:`InputError` the CLI reports as a note and
skips: a binary file is not a draft, so skipping it loses nothing.  Reads are
bounded by ``max_size`` even when the file grows while it is read.

:func:`write_atomic` never leaves a partial draft: the new bytes go to a
temporary file ``.NAME.XXXX.speechlint-tmp`` next to the original, which is
renamed over it only when complete.  A process killed mid-write leaves the
original intact (and at worst a stale temporary file, which nothing reads).
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

#: Leading bytes of common binary formats committed by mistake.
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE2 document (.doc/.xls or encrypted .docx)"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"\x1f\x8b", "gzip archive"),
    (b"Rar!", "RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
)


class BinaryFileError(InputError):
    """The file is not text (an image, an archive, NUL bytes): skipped, not an error."""


#: Suffix of the temporary files :func:`write_atomic` writes next to a draft.
TEMP_SUFFIX = ".speechlint-tmp"


def is_temp_file(name: str) -> bool:
    """True for a (possibly stale) temporary file of :func:`write_atomic`."""
    return os.path.basename(name).endswith(TEMP_SUFFIX)


_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?\s*", re.IGNORECASE)
_UNITS = {"": 1, "b": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def parse_size(value: str | int) -> int:
    """Bytes of ``20MB``, ``500k``, ``1.5M``, ``1048576`` (units are powers of 1024).

    ``0`` means no limit.  Raises :class:`ValueError` with a readable message.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        if value < 0:
            raise ValueError(f"invalid size {value!r}: must not be negative")
        return value
    m = _SIZE.fullmatch(str(value))
    if not m:
        raise ValueError(f"invalid size {value!r}; expected bytes or a number with K, M or G (20MB)")
    unit = (m.group(2) or "").lower()[:1]
    return int(float(m.group(1)) * _UNITS[unit])


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # codec name: utf-8, gb18030, utf-16-le, utf-16-be
    bom: bytes  # the byte-order mark the file started with (b"" when none)


def sniff_binary(data: bytes) -> str | None:
    """A description of a binary format, or None for data that may be text."""
    for magic, what in MAGIC:
        if data.startswith(magic):
            if magic == b"MZ" and b"\x00" not in data[:512]:
                continue  # 'MZ' may start a text file
            return what
    for bom, _ in _BOMS:
        if data.startswith(bom):
            return None
    if b"\x00" in data:
        return "binary data (NUL bytes)"
    return None


def _has_controls(text: str) -> bool:
    return any(c < " " and c not in "\t\n\r\x0b\x0c" for c in text[:65536])


def decode(data: bytes, name: str = "<input>") -> Decoded:
    """Decode a draft; raise :class:`InputError` naming ``name`` when impossible."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(codec), codec, bom)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{name}: cannot decode as {codec} (byte {exc.start + len(bom)})"
                ) from None
    what = sniff_binary(data)
    if what:
        raise BinaryFileError(f"{name}: not a text file ({what}), skipped")
    try:
        return Decoded(data.decode("utf-8"), "utf-8", b"")
    except UnicodeDecodeError as utf8_exc:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise InputError(
                f"{name}: cannot decode: not UTF-8 (invalid byte at {utf8_exc.start}), "
                "not GB18030/GBK, no UTF-16 byte-order mark"
            ) from None
        if _has_controls(text):
            raise InputError(f"{name}: cannot decode: not UTF-8, and not plausible GB18030 text")
        return Decoded(text, "gb18030", b"")


def encode(text: str, encoding: str, bom: bytes = b"") -> bytes:
    """Inverse of :func:`decode`."""
    try:
        return bom + text.encode(encoding)
    except UnicodeEncodeError as exc:
        raise InputError(f"cannot encode the fixed text as {encoding}: {exc.reason}") from None


def read_bytes(path: str | os.PathLike[str], max_size: int | None = None) -> bytes:
    """The bytes of a regular file (or a pipe), at most ``max_size`` of them.

    Every failure is an :class:`InputError` naming ``path``: never a traceback.
    ``max_size`` of None or 0 means no limit.
    """
    limit = max_size or None
    try:
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())
            if stat.S_ISDIR(st.st_mode):  # pragma: no cover - open() refuses folders on Linux
                raise InputError(f"{path}: is a directory")
            if not (stat.S_ISREG(st.st_mode) or stat.S_ISFIFO(st.st_mode)):
                raise InputError(f"{path}: not a regular file")
            if limit is not None and st.st_size > limit:
                raise _too_large(path, st.st_size, limit)
            if limit is None:
                data = fh.read()
            elif stat.S_ISREG(st.st_mode):
                # read(n) allocates n bytes first: ask for the size stat gave (and one byte
                # more, to see growth), not for the limit (20 MB by default) at every file
                data = fh.read(st.st_size + 1)
                if len(data) > st.st_size:  # grew since the stat: read on, up to the limit
                    data += fh.read(limit + 1 - len(data))
            else:
                data = fh.read(limit + 1)
            if limit is not None and len(data) > limit:  # grew while read, or a pipe
                raise _too_large(path, None, limit)
            return data
    except InputError:
        raise
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except FileNotFoundError:
        if os.path.islink(path):
            raise InputError(f"{path}: broken symbolic link") from None
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except MemoryError:
        raise InputError(f"{path}: out of memory while reading") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None


def _too_large(path: str | os.PathLike[str], size: int | None, limit: int) -> InputError:
    got = f"{size:,} bytes" if size is not None else "more than the limit"
    return InputError(
        f"{path}: file too large ({got}; the limit is {limit:,} bytes, "
        "raise it with --max-file-size or max-file-size)"
    )


def read_source(path: str | os.PathLike[str], max_size: int | None = None) -> tuple[bytes, Decoded]:
    """Bytes and decoded text of a draft; :class:`InputError` naming ``path`` when impossible."""
    data = read_bytes(path, max_size)
    return data, decode(data, str(path))


def write_atomic(path: str | os.PathLike[str], data: bytes, *, expect: bytes | None = None) -> bool:
    """Replace ``path`` with ``data`` atomically, keeping its permissions.

    The bytes go to a temporary file in the same folder, are flushed to disk,
    then renamed over the original: a reader (or a crash, a kill, a full disk)
    sees either the old file or the new one, never a half-written one.  A
    symbolic link is followed (the link stays a link).  When ``expect`` is given
    and the file no longer holds those bytes (changed on disk since it was
    read), nothing is written and :class:`InputError` is raised -- unless the file
    already holds ``data`` (another fixer did the same work first): then nothing is
    written and False is returned; True when written.  Every failure
    is an :class:`InputError` saying the original was left unchanged; the
    temporary file is removed (only SIGKILL or a power cut can leave one).
    """
    real = os.path.realpath(path)
    p = Path(real)
    try:
        st = p.stat()
    except OSError as exc:
        raise InputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"{path}: not a regular file; not written")
    if not os.access(real, os.W_OK):
        raise InputError(f"{path}: file is read-only; not written")
    if expect is not None and _changed(p, expect) and not _changed(p, data):
        return False
    with _signals_unwind():
        written = _replace(path, p, st, data, expect)
    if written:
        _fsync_dir(p.parent)
    return written


def _replace(path: str | os.PathLike[str], p: Path, st: os.stat_result, data: bytes,
             expect: bytes | None) -> bool:
    import tempfile

    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=TEMP_SUFFIX, dir=p.parent)
    except OSError as exc:
        raise InputError(f"{path}: cannot write: {exc.strerror or exc}; file unchanged") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, stat.S_IMODE(st.st_mode))
        if hasattr(os, "chown") and (st.st_uid, st.st_gid) != (os.geteuid(), os.getegid()):
            try:
                os.chown(tmp, st.st_uid, st.st_gid)
            except OSError:
                pass  # not permitted: the fixed file belongs to whoever fixed it
        if expect is not None and _changed(p, expect):
            if not _changed(p, data):  # another fixer wrote the same bytes meanwhile
                unlink_quietly(tmp)
                return False
            raise InputError(f"{path}: changed on disk since it was read; not written")
        os.replace(tmp, p)
        return True
    except InputError:
        unlink_quietly(tmp)
        raise
    except OSError as exc:
        unlink_quietly(tmp)
        raise InputError(f"{path}: cannot write: {exc.strerror or exc}; file unchanged") from None
    except BaseException:
        unlink_quietly(tmp)
        raise


def _changed(p: Path, expect: bytes) -> bool:
    try:
        if p.stat().st_size != len(expect):
            return True
        return p.read_bytes() != expect
    except OSError:
        return True


def _fsync_dir(folder: Path) -> None:
    """Make the rename durable (best effort: some file systems refuse)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def _signals_unwind() -> Iterator[None]:
    """While a temporary file exists, SIGTERM and SIGHUP raise :class:`SystemExit`.

    Their default action kills the process on the spot; as an exception they
    unwind through :func:`write_atomic`, which removes its temporary file (the
    original is untouched either way), and the process then exits with 128 +
    the signal number.  Only handlers still at their default are replaced, only
    in the main thread, and only for the duration of one write: worker processes
    forked later never inherit them.  SIGKILL cannot be caught: it may leave a
    stale ``.NAME.XXXX.speechlint-tmp`` file, which nothing reads.
    """
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def _exit(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    saved: list[tuple[int, Any]] = []
    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is not None and signal.getsignal(sig) == signal.SIG_DFL:
            saved.append((sig, signal.signal(sig, _exit)))
    try:
        yield
    finally:
        for sig, old in saved:
            signal.signal(sig, old)


def unlink_quietly(path: str) -> None:
    """Remove a temporary file, if it is still there (shared with docx's --annotate)."""
    try:
        os.unlink(path)
    except OSError:
        pass
