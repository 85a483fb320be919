"""Word drafts: real .docx files written by python-docx, checked through the CLI (issue 5)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

docx = pytest.importorskip("docx", reason="python-docx is not installed (pip install 'speechlint[docx]')")

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from speechlint import docx as sdocx
from speechlint.cli import main


@pytest.fixture(autouse=True)
def _english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """The messages asserted here are the English ones, as written in the code;
    tests/test_i18n.py checks their Chinese (the default language of a run)."""
    monkeypatch.setenv("SPEECHLINT_LANGUAGE", "en")


OPTS = ["--isolated", "--select", "DUP003"]


def check(capsys: pytest.CaptureFixture[str], *argv: str, fmt: str = "json") -> tuple[int, object, str]:
    code = main(["check", *OPTS, "--format", fmt, *argv])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if fmt == "json" else out), err


def make_draft(path: Path) -> Path:
    """Paragraphs, an empty paragraph, a formatted run, a table and a header."""
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "某某市人民政府办公室，，"
    d.add_paragraph("同志们：")  # 1
    d.add_paragraph("今天召开全市工作会议，，主要任务是部署工作。")  # 2
    d.add_paragraph("")  # 3
    p = d.add_paragraph("一是要")  # 4
    r = p.add_run("提高认识。。")
    r.bold = True
    t = d.add_table(rows=2, cols=2)  # cells: 5, 6, 7, 8
    t.cell(0, 0).text = "项目"
    t.cell(0, 1).text = "进度"
    t.cell(1, 0).text = "道路改造"
    t.cell(1, 1).text = "已完成，，正在验收"
    d.add_paragraph("谢谢大家！")  # 9
    d.save(str(path))
    return path


def test_text_has_one_line_per_paragraph_in_document_order(tmp_path: Path) -> None:
    wt = sdocx.read(make_draft(tmp_path / "draft.docx"))
    assert [p.text for p in wt.paragraphs] == [
        "同志们：",
        "今天召开全市工作会议，，主要任务是部署工作。",
        "",
        "一是要提高认识。。",
        "项目",
        "进度",
        "道路改造",
        "已完成，，正在验收",
        "谢谢大家！",
        "某某市人民政府办公室，，",
    ]
    assert [p.story for p in wt.paragraphs][-1] == "header"


def test_findings_land_on_the_right_paragraphs(tmp_path: Path, capsys) -> None:
    f = make_draft(tmp_path / "draft.docx")
    code, items, _ = check(capsys, str(f))
    assert code == 1
    got = [(i["line"], i["column"], i["code"]) for i in items]  # type: ignore[union-attr]
    assert got == [(2, 12, "DUP003"), (4, 9, "DUP003"), (8, 5, "DUP003"), (10, 12, "DUP003")]
    assert all(i["fix"] is None for i in items)  # type: ignore[union-attr]  # no fix into .docx
    code, out, _ = check(capsys, str(f), fmt="text")
    assert f"{f}:¶2:12: DUP003" in out  # type: ignore[operator]
    assert f"{f}:¶10:12: DUP003" in out  # type: ignore[operator]


def test_folder_walk_includes_docx(tmp_path: Path, capsys) -> None:
    make_draft(tmp_path / "a.docx")
    (tmp_path / "b.txt").write_text("好，，\n", encoding="utf-8")
    _code, items, _ = check(capsys, str(tmp_path))
    assert sorted({Path(i["path"]).name for i in items}) == ["a.docx", "b.txt"]  # type: ignore[union-attr]


def test_tracked_changes_and_line_breaks(tmp_path: Path) -> None:
    d = docx.Document()
    p = d.add_paragraph("保留")
    p._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="1" w:author="x"><w:r><w:delText>删掉，，</w:delText></w:r></w:del>'))
    p._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="2" w:author="x"><w:r><w:t>插入</w:t></w:r></w:ins>'))
    p.add_run("第一行").add_break()
    p.add_run("第二行\t完")
    f = tmp_path / "rev.docx"
    d.save(str(f))
    wt = sdocx.read(f)
    assert wt.text == "保留插入第一行\x0b第二行\t完"


# ------------------------------------------------------------------ numbering
NUMBERING = (
    '<w:abstractNum {ns} w:abstractNumId="90">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
    '<w:lvlText w:val="%1、"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
    '<w:lvlText w:val="（%2）"/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:lvlText w:val="%3."/></w:lvl>'
    "</w:abstractNum>"
)


def _numbered(d, text: str, ilvl: int, num_id: int = 90):  # type: ignore[no-untyped-def]
    p = d.add_paragraph(text)
    p._p.get_or_add_pPr().append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
        )
    )
    return p


def make_numbered(path: Path) -> Path:
    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.insert(0, parse_xml(NUMBERING.format(ns=nsdecls("w"))))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    _numbered(d, "总体要求", 0)
    _numbered(d, "指导思想", 1)
    _numbered(d, "基本原则", 1)
    _numbered(d, "坚持问题导向", 2)
    _numbered(d, "重点任务", 0)
    _numbered(d, "加强组织领导", 1)
    d.add_paragraph("正文段落。")
    d.save(str(path))
    return path


def test_word_list_numbering_is_synthesized(tmp_path: Path) -> None:
    wt = sdocx.read(make_numbered(tmp_path / "num.docx"))
    assert [p.text for p in wt.paragraphs] == [
        "一、总体要求",
        "（一）指导思想",
        "（二）基本原则",
        "1.坚持问题导向",
        "二、重点任务",
        "（一）加强组织领导",
        "正文段落。",
    ]


def test_list_number_style_numbering(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("第一项", style="List Number")
    d.add_paragraph("第二项", style="List Number")
    f = tmp_path / "style.docx"
    d.save(str(f))
    assert [p.text for p in sdocx.read(f).paragraphs] == ["1.第一项", "2.第二项"]


def test_headings_linked_to_a_multilevel_list(tmp_path: Path) -> None:
    """Government templates link 标题 1/2 to one list; the level comes from the w:lvl's pStyle."""
    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="91">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:pStyle w:val="Heading1"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:pStyle w:val="Heading2"/><w:lvlText w:val="（%2）"/></w:lvl>'
        "</w:abstractNum>"
    ))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="91"><w:abstractNumId w:val="91"/></w:num>'))
    for name in ("Heading 1", "Heading 2"):
        style = d.styles[name].element
        style.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {nsdecls("w")}><w:numId w:val="91"/></w:numPr>')
        )
    d.add_heading("总体要求", 1)
    d.add_heading("指导思想", 2)
    d.add_heading("工作目标", 2)
    d.add_heading("重点任务", 1)
    d.add_heading("加强领导", 2)
    f = tmp_path / "headings.docx"
    d.save(str(f))
    assert [p.text for p in sdocx.read(f).paragraphs] == [
        "一、总体要求", "（一）指导思想", "（二）工作目标", "二、重点任务", "（一）加强领导",
    ]


@pytest.mark.parametrize(
    ("n", "fmt", "want"),
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (11, "chineseCounting", "十一"),
        (20, "chineseCounting", "二十"),
        (105, "chineseCounting", "一百零五"),
        (3, "decimalEnclosedCircle", "③"),
        (2, "ideographTraditional", "乙"),
        (4, "upperRoman", "IV"),
        (28, "lowerLetter", "bb"),
        (7, "decimalFullWidth", "７"),
        (3, "chineseLegalSimplified", "叁"),
    ],
)
def test_format_number(n: int, fmt: str, want: str) -> None:
    assert sdocx.format_number(n, fmt) == want


# ------------------------------------------------------------------- annotate
def test_annotate_writes_one_comment_per_finding(tmp_path: Path, capsys) -> None:
    f = make_draft(tmp_path / "draft.docx")
    before = hashlib.sha256(f.read_bytes()).hexdigest()
    out = tmp_path / "out.docx"
    code, items, _ = check(capsys, str(f), "--annotate", str(out))
    assert code == 1
    assert hashlib.sha256(f.read_bytes()).hexdigest() == before  # the original is never changed
    reopened = docx.Document(str(out))  # opens again with python-docx
    comments = list(reopened.comments)
    assert len(comments) == len(items) == 4  # type: ignore[arg-type]
    anchored = sdocx.comments_of(out)
    body = sorted(a for a, c in anchored if "页眉" not in c)
    assert body == ["。", "，", "，"]
    assert all(c.startswith("DUP003 ") or "页眉" in c for _, c in anchored)
    assert any("（页眉：某某市人民政府办公室，，）DUP003" in c for _, c in anchored)
    assert all(c.author == "speechlint" for c in comments)
    # the text is unchanged: splitting runs for anchors keeps every character and format
    assert sdocx.read(out).text == sdocx.read(f).text
    bold = [r.text for p in reopened.paragraphs for r in p.runs if r.bold]
    assert "".join(bold) == "提高认识。。"


def test_annotate_into_a_folder_for_several_files(tmp_path: Path, capsys) -> None:
    (tmp_path / "in").mkdir()
    make_draft(tmp_path / "in" / "a.docx")
    make_draft(tmp_path / "in" / "b.docx")
    outdir = tmp_path / "out"
    outdir.mkdir()
    check(capsys, str(tmp_path / "in"), "--annotate", str(outdir))
    assert sorted(p.name for p in outdir.iterdir()) == ["a.annotated.docx", "b.annotated.docx"]


def test_annotate_refuses_to_overwrite_the_original(tmp_path: Path, capsys) -> None:
    f = make_draft(tmp_path / "draft.docx")
    code, _, err = check(capsys, str(f), "--annotate", str(f))
    assert code == 2 and "new file" in err


@pytest.mark.parametrize("kind", ["symlink", "hardlink"])
def test_annotate_never_writes_through_a_link_to_the_original(tmp_path: Path, capsys, kind: str) -> None:
    import os

    f = make_draft(tmp_path / "draft.docx")
    before = f.read_bytes()
    out = tmp_path / "out.docx"
    (os.symlink if kind == "symlink" else os.link)(f, out)
    code, _, err = check(capsys, str(f), "--annotate", str(out))
    assert code == 2
    assert err.splitlines()[-1] == (f"{out}: error: --annotate must write a new file, not the checked "
                                    "document (nor a link to it)")
    assert f.read_bytes() == before


def test_annotate_a_link_to_another_file_is_replaced_not_written_through(tmp_path: Path, capsys) -> None:
    f = make_draft(tmp_path / "draft.docx")
    other = tmp_path / "other.txt"
    other.write_text("别人的文件\n", encoding="utf-8")
    out = tmp_path / "out.docx"
    out.symlink_to(other)
    code, _, _err = check(capsys, str(f), "--annotate", str(out))
    assert code == 1
    assert other.read_text(encoding="utf-8") == "别人的文件\n"
    assert not out.is_symlink() and len(sdocx.comments_of(out)) == 4


def test_annotate_same_names_in_two_folders_never_overwrite(tmp_path: Path, capsys) -> None:
    for sub in ("a", "b"):
        (tmp_path / "in" / sub).mkdir(parents=True)
        make_draft(tmp_path / "in" / sub / "讲话稿.docx")
    (tmp_path / "in" / "b" / "讲话稿.docx").write_bytes((tmp_path / "in" / "a" / "讲话稿.docx").read_bytes())
    outdir = tmp_path / "out"
    code, _, _err = check(capsys, str(tmp_path / "in"), "--annotate", str(outdir) + "/")
    assert code == 1
    assert sorted(p.name for p in outdir.iterdir()) == ["讲话稿-2.annotated.docx", "讲话稿.annotated.docx"]
    assert all(len(sdocx.comments_of(p)) == 4 for p in outdir.iterdir())


def test_fix_does_not_write_docx(tmp_path: Path, capsys) -> None:
    f = make_draft(tmp_path / "draft.docx")
    before = f.read_bytes()
    _code, _, err = check(capsys, "--fix", str(f))
    assert f.read_bytes() == before
    assert "do not change .docx" in err


# ---------------------------------------------------------------------- errors
def test_corrupt_docx_is_one_clear_line(tmp_path: Path, capsys) -> None:
    f = tmp_path / "broken.docx"
    f.write_bytes(make_draft(tmp_path / "ok.docx").read_bytes()[:500])
    code, _, err = check(capsys, str(f))
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{f}: error: corrupt or unreadable Word document")


def test_password_protected_docx(tmp_path: Path, capsys) -> None:
    f = tmp_path / "secret.docx"
    f.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)  # encrypted .docx is OLE2
    code, _, err = check(capsys, str(f))
    assert code == 2 and "password-protected" in err and len(err.strip().splitlines()) == 1


def test_not_a_zip(tmp_path: Path, capsys) -> None:
    f = tmp_path / "plain.docx"
    f.write_text("这不是 Word 文件", encoding="utf-8")
    code, _, err = check(capsys, str(f))
    assert code == 2 and "not a Word .docx file" in err


def test_sarif_for_word_files_is_valid(tmp_path: Path, capsys) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    f = make_draft(tmp_path / "draft.docx")
    _code, out, _ = check(capsys, str(f), fmt="sarif")
    log = json.loads(out)  # type: ignore[arg-type]
    schema = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text("utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(log)
    region = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (2, 12)
    assert region["properties"] == {"locationKind": "paragraph"}
