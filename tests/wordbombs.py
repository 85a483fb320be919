"""Hostile Word files, built on the spot: small packages that inflate (for tests and bench).

Each is a real ``.docx`` (python-docx's default template) whose ``word/document.xml`` is
replaced, streamed into the ZIP so that building one never holds the inflated bytes:

* ``empty_paragraphs(n)``: ``n`` empty paragraphs (1 million: ~45 KB on disk);
* ``big_text(total, paragraphs)``: ``total`` characters of text in a few paragraphs;
* ``zero_picture(size)``: a picture part of ``size`` zero bytes, referenced from the
  document (1 GB: ~1 MB on disk), next to one normal paragraph with a finding.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEAD = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>').encode()
TAIL = b"</w:body></w:document>"
IMAGE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"


def _template() -> bytes:
    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    return buf.getvalue()


def _write(path: Path, body: Iterator[bytes], extra: dict[str, Iterator[bytes]] | None = None,
           rels: str = "") -> Path:
    """The template with ``document.xml`` (and ``extra`` parts) streamed from iterators."""
    with zipfile.ZipFile(io.BytesIO(_template())) as src, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            name = info.filename
            if name == "word/document.xml":
                parts = {name: body}
            else:
                data = src.read(info)
                if name == "word/_rels/document.xml.rels" and rels:
                    data = data.replace(b"</Relationships>", rels.encode() + b"</Relationships>")
                if name == "[Content_Types].xml" and b'Extension="png"' not in data:
                    data = data.replace(b"<Default ", b'<Default Extension="png" ContentType="image/png"/><Default ', 1)
                out.writestr(info, data, zipfile.ZIP_DEFLATED)
                continue
            for part, chunks in parts.items():
                _stream(out, part, chunks)
        for part, chunks in (extra or {}).items():
            _stream(out, part, chunks)
    return path


def _stream(out: zipfile.ZipFile, name: str, chunks: Iterator[bytes]) -> None:
    info = zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    with out.open(info, "w", force_zip64=True) as w:
        for chunk in chunks:
            w.write(chunk)


def _paragraph(text: str) -> bytes:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode()


def empty_paragraphs(path: Path, n: int) -> Path:
    def body() -> Iterator[bytes]:
        yield HEAD
        block = b"<w:p/>" * 10_000
        for _ in range(n // 10_000):
            yield block
        yield b"<w:p/>" * (n % 10_000)
        yield TAIL

    return _write(path, body())


def big_text(path: Path, total: int, paragraphs: int = 5) -> Path:
    """``total`` characters ('要' and '。') split into ``paragraphs`` paragraphs."""
    per = total // paragraphs

    def body() -> Iterator[bytes]:
        yield HEAD
        chunk = ("我们要认真学习。" * 8192).encode()  # 64 Ki characters
        for _ in range(paragraphs):
            yield b"<w:p><w:r><w:t>"
            left = per
            while left > 0:
                n = min(left, 65536)
                yield chunk if n == 65536 else ("我们要认真学习。" * (n // 8 + 1))[:n].encode()
                left -= n
            yield b"</w:t></w:r></w:p>"
        yield TAIL

    return _write(path, body())


def zero_picture(path: Path, size: int) -> Path:
    """One paragraph with a finding (DUP001 '要要') and a picture of ``size`` zero bytes."""

    def body() -> Iterator[bytes]:
        yield HEAD + _paragraph("我们要要认真学习。") + TAIL

    def picture() -> Iterator[bytes]:
        block = bytes(1 << 20)
        for _ in range(size >> 20):
            yield block
        yield bytes(size & ((1 << 20) - 1))

    rel = f'<Relationship Id="rIdBomb" Type="{IMAGE_REL}" Target="media/image1.png"/>'
    return _write(path, body(), {"word/media/image1.png": picture()}, rels=rel)


def with_entities(path: Path) -> Path:
    """A document whose XML declares an internal entity and uses it."""
    doc = (f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE w:document [<!ENTITY org "示例单位">]>'
           f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&org;要要开会</w:t></w:r></w:p>'
           f"</w:body></w:document>").encode()
    return _write(path, iter([doc]))
