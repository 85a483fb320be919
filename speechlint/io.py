"""Reading and writing drafts without losing a byte.

Decoding tries, in order: a BOM (UTF-8, UTF-16 LE/BE), strict UTF-8, strict
GB18030 (a superset of GBK and GB2312).  Anything else is an :class:`InputError`,
never a silent mis-decode.  The decoded text keeps its line endings (no newline
translation), and :func:`encode` turns it back into the same bytes.
"""

from __future__ import annotations

import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

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
    if b"\x00" in data[:8192] or b"\x00" in data:
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
        raise InputError(f"{name}: not a text file ({what})")
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
    p = Path(path)
    try:
        st = p.stat()
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"{path}: not a regular file")
        if max_size is not None and st.st_size > max_size:
            raise InputError(
                f"{path}: file too large ({st.st_size:,} bytes; the limit is {max_size:,}, "
                "set max-file-size to change it)"
            )
        return p.read_bytes()
    except InputError:
        raise
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None


def read_source(path: str | os.PathLike[str], max_size: int | None = None) -> tuple[bytes, Decoded]:
    data = read_bytes(path, max_size)
    return data, decode(data, str(path))


def write_atomic(path: str | os.PathLike[str], data: bytes, *, expect: bytes | None = None) -> None:
    """Replace ``path`` with ``data`` atomically, keeping its permissions.

    The bytes go to a temporary file in the same folder, are flushed to disk,
    then renamed over the original: a reader (or a crash) sees either the old
    file or the new one, never a half-written one.  When ``expect`` is given and
    the file no longer holds those bytes (changed on disk since it was read),
    nothing is written and :class:`InputError` is raised.
    """
    p = Path(path)
    try:
        st = p.stat()
    except OSError as exc:
        raise InputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".speechlint-tmp", dir=p.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, stat.S_IMODE(st.st_mode))
        if expect is not None and p.read_bytes() != expect:
            raise InputError(f"{path}: changed on disk since it was read; not written")
        os.replace(tmp, p)
    except InputError:
        _unlink(tmp)
        raise
    except OSError as exc:
        _unlink(tmp)
        raise InputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    except BaseException:
        _unlink(tmp)
        raise


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
