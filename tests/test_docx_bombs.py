"""Word files that inflate: refused (or read without the parts not needed) in bounded memory.

Each input is built here (tests/wordbombs.py) and checked by the real CLI in a child
process whose address space is capped with ``resource.setrlimit`` (2 GiB: the build before
the limits needed 2.1 GB for the 1 GB picture and 2.3 GB for 5 million paragraphs); the
child reports its peak resident memory, asserted under ``PEAK_MB``.  Next to each bomb a
normal draft is checked in the same run: its finding must be reported.  No timing is
asserted (bench/hostile.py --word times these).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from . import wordbombs

resource = pytest.importorskip("resource")

#: Peak resident memory allowed to a run over a bomb and a small draft.
PEAK_MB = 300
ADDRESS_SPACE = 2 << 30

#: The child's peak: VmHWM of its own memory where /proc has it (getrusage's ru_maxrss
#: survives exec on Linux, so a child of a pytest process that had grown to 300 MB over the
#: whole suite reported 301 MB for a draft of one line); ru_maxrss elsewhere.
CHILD = """
import json, os, resource, sys
from speechlint.cli import main
code = main(json.loads(sys.argv[1]))
sys.stdout.flush(); sys.stderr.flush()
try:
    with open("/proc/self/status") as status:
        kb = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
except (OSError, StopIteration):
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
with open(os.environ["PEAK_FILE"], "w") as fh:
    fh.write(str(kb))
sys.exit(code)
"""


def _cap() -> None:  # in the child, before exec
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def run(tmp: Path, *args: object) -> tuple[int, str, str, float]:
    """Exit code, stdout, stderr and peak memory (MB) of ``speechlint check ARGS``."""
    peak = tmp / "peak"
    env = {**os.environ, "PEAK_FILE": str(peak), "NO_COLOR": "1", "SPEECHLINT_LANGUAGE": "en"}
    p = subprocess.run([sys.executable, "-c", CHILD, json.dumps(["check", *map(str, args)])],
                       capture_output=True, text=True, env=env, preexec_fn=_cap, check=False,
                       cwd=tmp)
    return p.returncode, p.stdout, p.stderr, int(peak.read_text()) / 1024


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text("我们要要认真学习。\n", encoding="utf-8")
    return path


def error_lines(err: str) -> list[str]:
    return [ln for ln in err.splitlines() if ": error: " in ln]


def assert_refused(tmp: Path, bomb: Path, good: Path, limit: str, *extra: str) -> float:
    code, out, err, peak = run(tmp, bomb, good, *extra)
    assert code == 2, err
    errors = error_lines(err)
    assert errors == [f"{bomb}: error: Word document too large: {errors[0].split('too large: ')[1]}"]
    assert limit in errors[0] and "--max-file-size" in errors[0]
    assert "Traceback" not in err
    assert f"{good}:1:4: DUP001" in out  # the other file is still checked
    assert peak < PEAK_MB, f"peak {peak:.0f} MB"
    return peak


@pytest.mark.timeout(300)
@pytest.mark.parametrize("n", [1_000_000, 5_000_000, 20_000_000])
def test_millions_of_empty_paragraphs(tmp_path: Path, good: Path, n: int) -> None:
    bomb = wordbombs.empty_paragraphs(tmp_path / "paragraphs.docx", n)
    assert bomb.stat().st_size < 250_000
    # 1 and 5 million fit the 40 MB of XML and are stopped counting paragraphs; 20
    # million (120 MB of XML) are refused from the ZIP directory, before any inflating
    limit = "327,680 paragraphs" if n < 6_000_000 else "the limit is 41,943,040"
    assert_refused(tmp_path, bomb, good, limit)


@pytest.mark.timeout(300)
def test_45_megabytes_of_text_in_five_paragraphs(tmp_path: Path, good: Path) -> None:
    bomb = wordbombs.big_text(tmp_path / "text.docx", 15_000_000)  # 45 MB of UTF-8
    assert bomb.stat().st_size < 250_000
    assert_refused(tmp_path, bomb, good, "inflate to")


@pytest.mark.timeout(300)
def test_text_limit_follows_max_file_size(tmp_path: Path, good: Path) -> None:
    """Under the XML limit (2 x 1 MB) but over the text limit (1 MB of UTF-8)."""
    bomb = wordbombs.big_text(tmp_path / "text.docx", 500_000)  # 1.5 MB of UTF-8
    assert_refused(tmp_path, bomb, good, "more than 1,048,576 bytes of text", "--max-file-size", "1MB")
    code, out, _err, _peak = run(tmp_path, bomb, "--max-file-size", "4MB", "--select", "DUP")
    assert code == 0 and out == ""  # raised: read and checked


@pytest.mark.timeout(300)
def test_millions_of_elements_in_one_paragraph(tmp_path: Path, good: Path) -> None:
    bomb = tmp_path / "runs.docx"
    wordbombs._write(bomb, iter([wordbombs.HEAD, b"<w:p>", b"<w:r/>" * 2_000_000, b"</w:p>",
                                 wordbombs.TAIL]))
    assert_refused(tmp_path, bomb, good, "more than 1,310,720 XML elements")


@pytest.mark.timeout(300)
def test_a_gigabyte_picture_is_never_inflated(tmp_path: Path, good: Path) -> None:
    bomb = wordbombs.zero_picture(tmp_path / "picture.docx", 1 << 30)
    assert bomb.stat().st_size < 2_000_000
    code, out, err, peak = run(tmp_path, bomb, good)
    assert code == 1, err
    assert out.splitlines() == [f"{bomb}:¶1:4: DUP001 “要要” looks typed twice; should be “要”",
                                f"{good}:1:4: DUP001 [*] “要要” looks typed twice; should be “要”"]
    assert peak < PEAK_MB, f"peak {peak:.0f} MB"
    # annotated: the picture is streamed into the copy, whole
    copy = tmp_path / "annotated.docx"
    code, out, err, peak = run(tmp_path, bomb, "--annotate", copy)
    assert code == 1, err
    assert peak < PEAK_MB, f"peak {peak:.0f} MB"
    from speechlint import docx

    assert docx.comments_of(copy) == [("要", "DUP001 “要要” looks typed twice; should be “要”")]
    with zipfile.ZipFile(copy) as zf:
        assert zf.getinfo("word/media/image1.png").file_size == 1 << 30
        with zf.open("word/media/image1.png") as fh:
            assert fh.read(1 << 20) == bytes(1 << 20)


def test_annotate_refuses_entity_references(tmp_path: Path) -> None:
    """python-docx keeps ``&org;`` but drops the DOCTYPE declaring it: never written."""
    src = wordbombs.with_entities(tmp_path / "entities.docx")
    copy = tmp_path / "annotated.docx"
    code, _out, err, _peak = run(tmp_path, src, "--annotate", copy)
    assert code == 2
    assert error_lines(err) == [(
        f"{src}: error: cannot annotate: its part word/document.xml declares a DOCTYPE (entity "
        "references), which a Word document never needs; the copy would not be well-formed XML. "
        "Re-save the document in Word, then annotate it")]
    assert not copy.exists()
    assert [p.name for p in tmp_path.iterdir() if "speechlint-tmp" in p.name] == []


def test_annotated_parts_are_well_formed(tmp_path: Path) -> None:
    """Every XML part of an annotated copy parses with a strict parser, and python-docx
    reopens it."""
    import docx as python_docx
    from lxml import etree

    src = tmp_path / "draft.docx"
    d = python_docx.Document()
    d.add_paragraph("我们要要认真学习。")
    d.sections[0].header.paragraphs[0].text = "页眉要要"
    d.save(str(src))
    copy = tmp_path / "out.docx"
    code, _out, err, _peak = run(tmp_path, src, "--annotate", copy)
    assert code == 1, err
    with zipfile.ZipFile(copy) as zf:
        for name in zf.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(zf.read(name), etree.XMLParser(resolve_entities=False))
    assert len(python_docx.Document(str(copy)).comments) == 2
