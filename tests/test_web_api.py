"""`speechlint serve` over HTTP: the real server (a subprocess on a free port), real requests.

The page itself, in a real browser, is tested in tests/test_web.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")

import speechlint
from speechlint.web.service import Utf16

ROOT = Path(__file__).resolve().parent.parent
DRAFT = (ROOT / "examples" / "draft.txt").read_text(encoding="utf-8")


class Server:
    """``speechlint serve --no-open --port 0`` in ``cwd``; ``url`` is the address it printed."""

    def __init__(self, cwd: Path, *args: str, env: dict[str, str] | None = None,
                 open_browser: bool = False) -> None:
        self.tmp = cwd / "tmp"
        self.tmp.mkdir(exist_ok=True)
        full_env = {**os.environ, "TMPDIR": str(self.tmp), **(env or {})}
        if "SPEECHLINT_TOKEN" not in (env or {}):
            full_env.pop("SPEECHLINT_TOKEN", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "speechlint", "serve", *([] if open_browser else ["--no-open"]),
             "--port", "0", *args],
            cwd=cwd, env=full_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None
        self.banner = self.proc.stdout.readline()
        if "http://" not in self.banner:
            self.proc.kill()
            raise AssertionError(f"server did not start: {self.banner}{self.proc.stderr.read()}")  # type: ignore[union-attr]
        if "on the network" in self.banner:
            self.banner += self.proc.stdout.readline()
        self.url = self.banner.split("http://", 1)[1].split()[0]
        self.url = "http://" + self.url.split("?")[0].replace("0.0.0.0", "127.0.0.1")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:  # pragma: no cover
            self.proc.kill()
            self.proc.wait()

    def request(self, path: str, body: bytes | dict[str, Any] | None = None, *,
                headers: dict[str, str] | None = None, method: str | None = None) -> tuple[int, dict[str, str], bytes]:
        """(status, headers, body) of one request; POSTs look like the page's own."""
        hdrs = dict(headers or {})
        data: bytes | None = None
        if isinstance(body, dict):
            data = json.dumps(body).encode()
            hdrs.setdefault("Content-Type", "application/json")
        elif body is not None:
            data = body
            hdrs.setdefault("Content-Type", "application/octet-stream")
        if data is not None:
            hdrs.setdefault("Origin", self.url.rstrip("/"))
        req = urllib.request.Request(self.url.rstrip("/") + path, data=data, headers=hdrs, method=method)
        try:
            with urllib.request.urlopen(req, timeout=60) as resp:
                return resp.status, dict(resp.headers), resp.read()
        except urllib.error.HTTPError as exc:
            return exc.code, dict(exc.headers), exc.read()

    def json(self, path: str, body: bytes | dict[str, Any] | None = None, **kw: Any) -> tuple[int, Any]:
        status, _, data = self.request(path, body, **kw)
        return status, json.loads(data)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    srv = Server(tmp_path_factory.mktemp("serve"), "--isolated")
    yield srv
    srv.stop()


def test_utf16_offsets() -> None:
    text = "𠮷a𠮷𠮷b"
    u16 = Utf16(text)
    for cp in range(len(text) + 1):
        assert u16(cp) == len(text[:cp].encode("utf-16-le")) // 2


def test_check_gives_the_findings_of_the_cli(server: Server, tmp_path: Path) -> None:
    text = "𠮷" + DRAFT
    status, res = server.json("/api/check", {"text": text, "name": "draft.txt"})
    assert status == 200
    got = [(d["code"], d["start"], d["end"], d["message"]) for d in res["diagnostics"]]
    assert got == [(d.code, d.span.start, d.span.end, d.message) for d in speechlint.lint(text)]
    assert {d["family"] for d in res["diagnostics"]} >= {"NUM", "DUP", "PH", "PUN", "WRD", "FIG", "DOC"}
    for d in res["diagnostics"]:  # UTF-16 offsets index the same characters in the browser
        units = text.encode("utf-16-le")
        assert units[2 * d["ustart"] : 2 * d["uend"]].decode("utf-16-le") == text[d["start"] : d["end"]]
    # and the command line's JSON report names the same places
    (tmp_path / "draft.txt").write_text(text, encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "speechlint", "check", "--isolated", "--format", "json",
                          "draft.txt"], cwd=tmp_path, capture_output=True, text=True, check=False).stdout
    starts = [0]
    for line in text.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    cli = [(d["code"], starts[d["line"] - 1] + d["column"] - 1) for d in json.loads(out)]
    assert cli == [(d["code"], d["start"]) for d in res["diagnostics"]]
    broken = [h for h in res["outline"] if h["problems"]]
    assert any(h["label"] == "（四）" and "NUM001" in h["problems"][0] for h in broken)
    assert any(h["label"] == "(一）" for h in broken)


def test_families_off_and_rule_doc(server: Server) -> None:
    _, res = server.json("/api/check", {"text": DRAFT, "off": ["PH", "DUP"]})
    fams = {d["family"] for d in res["diagnostics"]}
    assert "PH" not in fams and "DUP" not in fams and "NUM" in fams
    status, rule = server.json("/api/rule/dup001")
    from speechlint import registry

    assert status == 200 and rule["doc"] == registry.get("DUP001").doc  # type: ignore[union-attr]
    status, bad = server.json("/api/rule/XYZ999")
    assert status == 400 and bad["error"] == "speechlint: error: unknown rule 'XYZ999' (see 'speechlint rules')"
    status, bad = server.json("/api/check", {"text": DRAFT, "off": ["NOPE"]})
    assert status == 400 and bad["error"].startswith("speechlint: error: unknown rule code or prefix 'NOPE'")


def test_fixes(server: Server) -> None:
    _, res = server.json("/api/fix", {"text": DRAFT, "target": "safe"})
    assert res["text"] == speechlint.fix(DRAFT).text and res["applied"] > 0
    _, res = server.json("/api/fix", {"text": DRAFT, "target": "unsafe"})
    assert res["text"] == speechlint.fix(DRAFT, unsafe=True).text
    num001 = next(d for d in speechlint.lint(DRAFT) if d.code == "NUM001")
    assert num001.fix is not None and num001.fix.applicability == "unsafe"
    _, res = server.json("/api/fix", {"text": DRAFT, "target": {
        "code": "NUM001", "start": num001.span.start, "end": num001.span.end}})
    assert res["applied"] == 1 and res["changes"]  # the preview shows the renumbered lines
    assert all(c["before"] != c["after"] for c in res["changes"])
    status, err = server.json("/api/fix", {"text": DRAFT, "target": {"code": "NUM001", "start": 0, "end": 1}})
    assert status == 400 and err["error"].startswith("speechlint: error: this finding is gone")
    status, err = server.json("/api/check", b"{not json", headers={"Content-Type": "application/json"})
    assert status == 400 and err["error"] == "speechlint: error: bad request: not JSON"


@pytest.mark.parametrize(("encoding", "bom", "eol"), [
    ("gb18030", b"", "\r\n"), ("utf-16-le", b"\xff\xfe", "\n"), ("utf-8", b"\xef\xbb\xbf", "\r\n")])
def test_upload_and_download_keep_encoding_and_line_endings(server: Server, encoding: str, bom: bytes,
                                                            eol: str) -> None:
    text = "我们要要认真学习。\n各单位要切实扛起责任 ，主动担当作为。\n".replace("\n", eol)
    raw = bom + text.encode(encoding)
    status, up = server.json("/api/upload?name=%E8%AE%B2%E8%AF%9D.txt", raw)
    assert status == 200, up
    assert up["text"] == text and up["encoding"] == encoding and up["eol"] == eol and up["name"] == "讲话.txt"
    _, fixed = server.json("/api/fix", {"text": up["text"], "target": "safe"})
    status, headers, data = server.request("/api/download", {
        "text": fixed["text"], "name": up["name"], "encoding": up["encoding"], "bom": up["bom"],
        "eol": up["eol"]})
    assert status == 200
    expected = "我们要认真学习。\n各单位要切实扛起责任，主动担当作为。\n".replace("\n", eol)
    assert data == bom + expected.encode(encoding)
    assert "attachment" in headers["content-disposition"]


def _word_draft(path: Path) -> None:
    import docx

    doc = docx.Document()
    doc.sections[0].header.paragraphs[0].text = "XX市人民政府办公室"
    doc.add_paragraph("一、总体要求")
    doc.add_paragraph("我们要要认真学习，会议定于X月XX日召开。")
    doc.add_paragraph("（二）工作安排")
    doc.save(str(path))


def test_word_upload_and_annotated_copy(server: Server, tmp_path: Path) -> None:
    from speechlint import docx as sdocx

    src = tmp_path / "讲话.docx"
    _word_draft(src)
    status, up = server.json("/api/upload?name=%E8%AE%B2%E8%AF%9D.docx", src.read_bytes())
    assert status == 200 and up["kind"] == "docx"
    assert up["text"] == sdocx.read(src).text and "XX市人民政府办公室" in up["text"]
    _, res = server.json("/api/check", {"text": up["text"], "name": up["name"], "word": True})
    assert res["diagnostics"] and all(d["fix"] is None for d in res["diagnostics"])  # as the CLI
    status, headers, data = server.request("/api/annotate?name=%E8%AE%B2%E8%AF%9D.docx", src.read_bytes())
    assert status == 200 and "annotated.docx" in headers["content-disposition"]
    out = tmp_path / "out.docx"
    out.write_bytes(data)
    comments = sdocx.comments_of(out)
    assert len(comments) == len(res["diagnostics"]) == int(headers["x-speechlint-comments"])
    assert any(anchor == "要" and text.startswith("DUP001") for anchor, text in comments)
    assert list(server.tmp.iterdir()) == []  # the temporary files are gone


def test_bad_uploads_get_one_line_and_the_server_keeps_serving(server: Server) -> None:
    cases = [
        ("image.txt", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "image.txt: note: not a text file (PNG image)"),
        ("bad.txt", "我们".encode("gb18030") + b"\x81\x20\xff\x30" * 20, "bad.txt: error: cannot decode"),
        ("broken.docx", b"PK\x03\x04 this is no zip", "broken.docx: error: corrupt or unreadable Word document"),
        ("locked.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "locked.docx: error: password-protected"),
    ]
    for name, data, expected in cases:
        status, res = server.json(f"/api/upload?name={name}", data)
        assert status == 400, (name, res)
        assert res["error"].startswith(expected), res
        assert "\n" not in res["error"] and "Traceback" not in res["error"]
    big = b"a" * (50 * 1024 * 1024)
    status, res = server.json("/api/upload?name=big.txt", big)
    assert status == 413 and res["error"].startswith("big.txt: error: file too large")
    assert "20,971,520" in res["error"]
    status, res = server.json("/api/check", {"text": "我们要要认真学习。"})
    assert status == 200 and [d["code"] for d in res["diagnostics"]] == ["DUP001"]
    assert list(server.tmp.iterdir()) == []


def test_foreign_host_and_origin_are_refused(server: Server) -> None:
    port = server.url.rsplit(":", 1)[1].strip("/")
    status, res = server.json("/api/info", headers={"Host": f"attacker.example:{port}"})
    assert status == 400 and "Host" in res["error"]
    status, _, _ = server.request("/", headers={"Host": "attacker.example"})
    assert status == 400
    status, res = server.json("/api/check", {"text": "要要"}, headers={"Origin": "http://attacker.example"})
    assert status == 403 and "origin" in res["error"]
    status, res = server.json("/api/check", {"text": "要要"}, headers={"Origin": "null"})
    assert status == 403
    status, res = server.json("/api/check", {"text": "要要"}, headers={"Sec-Fetch-Site": "cross-site"})
    assert status == 403
    # what a cross-site HTML form can send: refused without reading it
    status, res = server.json("/api/check", b"text=x", headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 415
    status, res = server.json("/api/info", headers={"Host": f"localhost:{port}"})
    assert status == 200 and res["families"][0]["family"] == "NUM"


def test_page_and_assets_ship_in_the_package(server: Server) -> None:
    status, headers, page = server.request("/")
    assert status == 200 and b"/static/app.js" in page
    assert "default-src 'self'" in headers["content-security-policy"]
    for asset in ("app.js", "app.css"):
        status, _, _ = server.request(f"/static/{asset}")
        assert status == 200
    # nothing from the network: every URL the page names is its own
    html = page.decode()
    assert "http://" not in html and "https://" not in html
    js = (ROOT / "speechlint" / "web" / "static" / "app.js").read_text(encoding="utf-8")
    assert "http://" not in js and "https://" not in js


def test_config_file_size_limit_and_browser(tmp_path: Path) -> None:
    (tmp_path / "speechlint.toml").write_text('ignore = ["PH"]\n', encoding="utf-8")
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser.sh"  # $BROWSER: what webbrowser.open runs
    browser.write_text(f'#!/bin/sh\necho "$1" > {opened}\n', encoding="utf-8")
    browser.chmod(0o755)
    srv = Server(tmp_path, "--max-file-size", "1k", env={"BROWSER": f"{browser} %s"}, open_browser=True)
    try:
        _, res = srv.json("/api/check", {"text": DRAFT})
        assert res["diagnostics"] and all(d["family"] != "PH" for d in res["diagnostics"])
        _, info = srv.json("/api/info")
        assert info["config"].endswith("speechlint.toml") and info["max_file_size"] == 1024
        status, res = srv.json("/api/upload?name=a.txt", "要".encode() * 400)
        assert status == 413 and "the limit is 1,024 bytes" in res["error"]
        for _ in range(100):
            if opened.exists() and opened.read_text().strip():
                break
            time.sleep(0.1)
        assert opened.read_text().strip() == srv.url
    finally:
        srv.stop()


def test_network_address_needs_a_token(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SPEECHLINT_TOKEN"}
    proc = subprocess.run([sys.executable, "-m", "speechlint", "serve", "--no-open", "--host", "0.0.0.0",
                           "--port", "0"], cwd=tmp_path, capture_output=True, text=True, timeout=60, env=env,
                          check=False)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.startswith("speechlint: error: --host 0.0.0.0 listens on the network")
    assert "--token" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    srv = Server(tmp_path, "--host", "0.0.0.0", env={"SPEECHLINT_TOKEN": "s3cret-token"})
    try:
        assert "access token required" in srv.banner and "?token=s3cret-token" in srv.banner
        status, res = srv.json("/api/info")
        assert status == 403 and "token" in res["error"]
        status, _, _ = srv.request("/")
        assert status == 403
        status, _, _ = srv.request("/?token=wrong")
        assert status == 403
        status, headers, _ = srv.request("/?token=s3cret-token")
        assert status == 200 and "speechlint_token=s3cret-token" in headers["set-cookie"]
        status, res = srv.json("/api/check", {"text": "要要"}, headers={"Cookie": "speechlint_token=s3cret-token"})
        assert status == 200
        status, res = srv.json("/api/info", headers={"X-Speechlint-Token": "s3cret-token"})
        assert status == 200
    finally:
        srv.stop()


def test_port_in_use_is_one_line(server: Server, tmp_path: Path) -> None:
    port = server.url.rsplit(":", 1)[1].strip("/")
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "speechlint", "serve", "--no-open", "--port", port],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 2 and time.monotonic() - start < 60
    assert proc.stderr.startswith(f"speechlint: error: cannot listen on 127.0.0.1 (port {port})")


def test_markdown_upload_is_checked_as_markdown(server: Server) -> None:
    text = "# 标题\n\n我们要要认真学习。\n\n```\n要要\n```\n"
    status, up = server.json("/api/upload?name=a.md", text.encode())
    assert status == 200 and up["filetype"] == "md"
    _, res = server.json("/api/check", {"text": up["text"], "name": up["name"], "filetype": up["filetype"]})
    expected = speechlint.lint(text, filetype="md")
    assert [(d["code"], d["start"]) for d in res["diagnostics"]] == [(d.code, d.span.start) for d in expected]
    assert [d["start"] for d in res["diagnostics"] if d["code"] == "DUP001"] == [text.index("要要") + 1]
