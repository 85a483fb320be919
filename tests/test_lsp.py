"""The language server end to end: ``speechlint server`` in a subprocess, driven by pytest-lsp.

Assertions use DUP003 (duplicated punctuation), filtered by code, so rules added later do
not change them.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pytest_lsp")

from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

pytestmark = pytest.mark.asyncio

SERVER = [sys.executable, "-m", "speechlint", "server"]
DRAFT = "同志们，，今天召开会议。\n取得明显成效。。\n下面，我讲三点意见。\n"


class Published(dict):  # type: ignore[type-arg]
    """client.diagnostics that counts the publications per URI."""

    def __init__(self) -> None:
        super().__init__()
        self.updates: dict[str, int] = {}

    def __setitem__(self, uri: str, diags: Any) -> None:
        self.updates[uri] = self.updates.get(uri, 0) + 1
        super().__setitem__(uri, diags)


async def start(
    *,
    encodings: list[str] | None = None,
    pull: bool = False,
    options: Any = None,
    create_files: bool = False,
) -> LanguageClient:
    client = await ClientServerConfig(server_command=SERVER).start()
    client.diagnostics = Published()
    caps = types.ClientCapabilities(
        general=types.GeneralClientCapabilities(position_encodings=encodings) if encodings else None,
        text_document=types.TextDocumentClientCapabilities(
            diagnostic=types.DiagnosticClientCapabilities() if pull else None,
            code_action=types.CodeActionClientCapabilities(
                code_action_literal_support=types.ClientCodeActionLiteralOptions(
                    code_action_kind=types.ClientCodeActionKindOptions(value_set=["quickfix", "source"])
                )
            ),
            hover=types.HoverClientCapabilities(content_format=[types.MarkupKind.Markdown]),
        ),
        workspace=types.WorkspaceClientCapabilities(
            configuration=True,
            workspace_edit=types.WorkspaceEditClientCapabilities(
                document_changes=True, resource_operations=[types.ResourceOperationKind.Create]
            ) if create_files else None,
        ),
    )
    result = await client.initialize_session(
        types.InitializeParams(capabilities=caps, initialization_options=options)
    )
    client.init_result = result  # type: ignore[attr-defined]
    return client


async def stop(client: LanguageClient) -> None:
    await client.shutdown_session()
    await client.stop()


def uri_of(tmp_path: Path, name: str = "draft.txt") -> str:
    return (tmp_path / name).as_uri()


async def open_doc(client: LanguageClient, uri: str, text: str, version: int = 1) -> list[types.Diagnostic]:
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="plaintext", version=version, text=text)
        )
    )
    return await diagnostics_for(client, uri, version)


async def diagnostics_for(client: LanguageClient, uri: str, version: int) -> list[types.Diagnostic]:
    """Wait for the next diagnostics published for ``uri`` (call it right after the change
    that triggers them: nothing can arrive before the test awaits)."""
    seen = client.diagnostics.updates  # type: ignore[attr-defined]
    before = seen.get(uri, 0)
    while seen.get(uri, 0) == before:
        await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return list(client.diagnostics[uri])


def dup(diags: list[types.Diagnostic]) -> list[types.Diagnostic]:
    return [d for d in diags if d.code == "DUP003"]


def rng(d: types.Diagnostic | types.TextEdit) -> tuple[int, int, int, int]:
    r = d.range
    return (r.start.line, r.start.character, r.end.line, r.end.character)


def apply_edits(text: str, edits: list[types.TextEdit], encoding: str = "utf-16") -> str:
    """Apply LSP text edits the way an editor does (positions in ``encoding`` units)."""
    from speechlint.lsp.convert import Positions

    pos = Positions(text, encoding)
    spans = sorted(((pos.span(e.range), e.new_text) for e in edits), key=lambda x: x[0].start, reverse=True)
    for sp, new in spans:
        text = text[: sp.start] + new + text[sp.end :]
    return text


def edits_of(action: types.CodeAction, uri: str) -> list[types.TextEdit]:
    assert action.edit is not None
    if action.edit.document_changes:
        out: list[types.TextEdit] = []
        for dc in action.edit.document_changes:
            assert isinstance(dc, types.TextDocumentEdit) and dc.text_document.uri == uri
            out.extend(dc.edits)  # type: ignore[arg-type]
        return out
    assert action.edit.changes is not None
    return list(action.edit.changes[uri])


# ------------------------------------------------------------------- tests
async def test_publish_and_pull_diagnostics(tmp_path: Path) -> None:
    client = await start()
    try:
        uri = uri_of(tmp_path)
        diags = dup(await open_doc(client, uri, DRAFT))
        assert [rng(d) for d in diags] == [(0, 4, 0, 5), (1, 7, 1, 8)]
        d = diags[0]
        assert d.source == "speechlint"
        assert d.severity == types.DiagnosticSeverity.Error
        assert "，，" in d.message
        assert d.code_description is not None and d.code_description.href.endswith("DUP003.md")
        assert d.data["fix"]["applicability"] == "safe"
        assert d.data["fix"]["edits"] == [
            {"range": {"start": {"line": 0, "character": 4}, "end": {"line": 0, "character": 5}}, "newText": ""}
        ]
        report = await client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )
        assert isinstance(report, types.RelatedFullDocumentDiagnosticReport)
        assert [rng(x) for x in dup(report.items)] == [(0, 4, 0, 5), (1, 7, 1, 8)]
        # an unchanged document answers "unchanged" to its own result id
        again = await client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(
                text_document=types.TextDocumentIdentifier(uri=uri), previous_result_id=report.result_id
            )
        )
        assert isinstance(again, types.RelatedUnchangedDocumentDiagnosticReport)
    finally:
        await stop(client)


async def test_pull_client_gets_no_pushes(tmp_path: Path) -> None:
    client = await start(pull=True)
    try:
        uri = uri_of(tmp_path)
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=DRAFT)
            )
        )
        report = await client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )
        assert [rng(x) for x in dup(report.items)] == [(0, 4, 0, 5), (1, 7, 1, 8)]
        assert uri not in client.diagnostics
    finally:
        await stop(client)


@pytest.mark.parametrize(
    ("encoding", "col"),
    [("utf-16", 8), ("utf-32", 6), ("utf-8", 2 * 4 + 3 * 3 + 3)],
)
async def test_ranges_after_astral_characters(tmp_path: Path, encoding: str, col: int) -> None:
    """𠮷 (U+20BB7) is two UTF-16 units, one UTF-32 unit, four UTF-8 bytes; U+2028 and
    form feed do not break lines."""
    client = await start(encodings=[encoding])
    try:
        assert client.init_result.capabilities.position_encoding == encoding  # type: ignore[attr-defined]
        uri = uri_of(tmp_path)
        text = "𠮷𠮷同志们，，今天\n第二\u2028行\x0c，，完\r\n第三行、、\r末行。。"
        diags = dup(await open_doc(client, uri, text))
        line2 = {"utf-16": 6, "utf-32": 6, "utf-8": 3 * 2 + 3 + 3 + 1 + 3}[encoding]
        line3 = {"utf-16": 4, "utf-32": 4, "utf-8": 12}[encoding]
        line4 = {"utf-16": 3, "utf-32": 3, "utf-8": 9}[encoding]
        assert [rng(d) for d in diags] == [
            (0, col, 0, col + (3 if encoding == "utf-8" else 1)),
            (1, line2, 1, line2 + (3 if encoding == "utf-8" else 1)),
            (2, line3, 2, line3 + (3 if encoding == "utf-8" else 1)),
            (3, line4, 3, line4 + (3 if encoding == "utf-8" else 1)),
        ]
        # an incremental change after the astral characters, in the same encoding
        start_col = {"utf-16": 6, "utf-32": 4, "utf-8": 14}[encoding]  # after 𠮷𠮷同志 -> "们"
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
                content_changes=[
                    types.TextDocumentContentChangePartial(
                        range=types.Range(
                            start=types.Position(line=0, character=start_col),
                            end=types.Position(line=0, character=start_col),
                        ),
                        text="：：",
                    )
                ],
            )
        )
        diags = dup(await diagnostics_for(client, uri, 2))
        first = [rng(d) for d in diags if d.range.start.line == 0]
        unit = 3 if encoding == "utf-8" else 1
        assert first == [(0, start_col + unit, 0, start_col + 2 * unit), (0, col + 2 * unit, 0, col + 3 * unit)]
    finally:
        await stop(client)


async def test_quick_fix_ignore_and_fix_all(tmp_path: Path) -> None:
    """Markdown: "ignore here" is a comment above the line (it is not shown)."""
    client = await start()
    try:
        uri = uri_of(tmp_path, "draft.md")
        diags = dup(await open_doc(client, uri, DRAFT))
        d = diags[0]
        actions = await client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                range=d.range,
                context=types.CodeActionContext(diagnostics=[d]),
            )
        )
        assert actions
        fixes = [a for a in actions if isinstance(a, types.CodeAction) and a.title.startswith("修复 DUP003")]
        assert len(fixes) == 1 and fixes[0].kind == types.CodeActionKind.QuickFix and fixes[0].is_preferred
        edits = edits_of(fixes[0], uri)
        assert [(rng(e), e.new_text) for e in edits] == [((0, 4, 0, 5), "")]
        assert apply_edits(DRAFT, edits).splitlines()[0] == "同志们，今天召开会议。"

        ignore = [a for a in actions if isinstance(a, types.CodeAction) and "ignore DUP003" in a.title]
        assert len(ignore) == 1
        ignored = apply_edits(DRAFT, edits_of(ignore[0], uri))
        assert ignored.splitlines()[:2] == ["<!-- speechlint-disable-next-line DUP003 -->", "同志们，，今天召开会议。"]
        # the editor applies it: the finding on that line is gone, the other stays
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=ignored)],
            )
        )
        assert [rng(x) for x in dup(await diagnostics_for(client, uri, 2))] == [(2, 7, 2, 8)]

        everything = await client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
                context=types.CodeActionContext(diagnostics=[], only=["source.fixAll.speechlint"]),
            )
        )
        assert everything and len(everything) == 1
        fixed = apply_edits(ignored, edits_of(everything[0], uri))  # type: ignore[arg-type]
        assert "。。" not in fixed and "取得明显成效。\n" in fixed
        assert "同志们，，今天" in fixed  # suppressed: not fixed either
    finally:
        await stop(client)


def _save(client: LanguageClient, path: Path) -> None:
    client.text_document_did_save(types.DidSaveTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=path.as_uri())))


async def _ignore_actions(client: LanguageClient, uri: str, d: types.Diagnostic) -> list[types.CodeAction]:
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=d.range,
        context=types.CodeActionContext(diagnostics=[d])))
    return [a for a in actions or [] if isinstance(a, types.CodeAction) and "修复" not in a.title]


async def test_ignore_here_in_plain_text_goes_to_the_configuration(tmp_path: Path) -> None:
    """A .txt speech never gets a comment (it would be read aloud): the passage is allowed in
    a new speechlint.toml beside it; the same slip elsewhere is still reported."""
    client = await start(create_files=True)
    try:
        uri = uri_of(tmp_path)
        text = "同志们，，今天召开会议。\n下面，，我讲三点意见。\n"
        diags = dup(await open_doc(client, uri, text))
        assert len(diags) == 2
        [action] = await _ignore_actions(client, uri, diags[0])
        assert action.title == "在 speechlint.toml 中忽略此处 DUP003 / allow this passage in speechlint.toml"
        assert action.edit is not None and action.edit.document_changes is not None
        create, write = action.edit.document_changes
        config = tmp_path / "speechlint.toml"
        assert isinstance(create, types.CreateFile) and create.uri == config.as_uri()
        assert isinstance(write, types.TextDocumentEdit) and write.text_document.uri == config.as_uri()
        assert all(uri not in str(dc) for dc in action.edit.document_changes)  # the draft: untouched
        # the editor creates the file, writes the entry and saves it
        config.write_text(apply_edits("", list(write.edits)), encoding="utf-8")  # type: ignore[arg-type]
        assert config.read_text(encoding="utf-8") == (
            '[[allow-passage]]\nfile = "draft.txt"\ntext = "同志们，，今天召开"\n')
        _save(client, config)
        assert [rng(x) for x in dup(await diagnostics_for(client, uri, 1))] == [(1, 3, 1, 4)]

        # a second one is appended to the file that now exists
        [second] = await _ignore_actions(client, uri, dup(list(client.diagnostics[uri]))[0])
        assert second.edit is not None and second.edit.changes is not None
        config.write_text(apply_edits(config.read_text(encoding="utf-8"),
                                      list(second.edit.changes[config.as_uri()])), encoding="utf-8")
        _save(client, config)
        assert dup(await diagnostics_for(client, uri, 1)) == []
        assert config.read_text(encoding="utf-8").count("[[allow-passage]]") == 2
    finally:
        await stop(client)
    # the command line reads the same configuration
    (tmp_path / "draft.txt").write_text(text + "我们，，要\n", encoding="utf-8")
    from speechlint.cli import main

    assert main(["check", "--select", "DUP003", "--no-show-source", str(tmp_path / "draft.txt")]) == 1


async def test_ignore_here_in_plain_text_without_file_creation(tmp_path: Path) -> None:
    """A client that cannot create files is offered it only when the configuration exists,
    never the comment; pyproject.toml gets a [[tool.speechlint.allow-passage]] entry."""
    client = await start()
    try:
        uri = uri_of(tmp_path)
        diags = dup(await open_doc(client, uri, "同志们，，今天召开会议。\n"))
        assert await _ignore_actions(client, uri, diags[0]) == []
        (tmp_path / "pyproject.toml").write_text("[tool.speechlint]\nignore = []", encoding="utf-8")
        _save(client, tmp_path / "pyproject.toml")  # saved in the editor: the server re-reads
        await diagnostics_for(client, uri, 1)
        [action] = await _ignore_actions(client, uri, diags[0])
        assert action.edit is not None and action.edit.changes is not None
        [edit] = action.edit.changes[(tmp_path / "pyproject.toml").as_uri()]
        assert rng(edit) == (1, 11, 1, 11)
        assert edit.new_text == ('\n\n[[tool.speechlint.allow-passage]]\nfile = "draft.txt"\n'
                                 'text = "同志们，，今天召开"\n')
    finally:
        await stop(client)


async def test_hover_shows_rule_documentation(tmp_path: Path) -> None:
    client = await start()
    try:
        uri = uri_of(tmp_path)
        await open_doc(client, uri, DRAFT)
        hover = await client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=0, character=4)
            )
        )
        assert hover is not None and isinstance(hover.contents, types.MarkupContent)
        text = hover.contents.value
        assert "DUP003" in text and "duplicated-punctuation" in text
        assert "检查内容" in text and "GB/T 15834-2011" in text and "标点“，，”重复" in text
        nothing = await client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=2, character=1)
            )
        )
        assert nothing is None
    finally:
        await stop(client)


async def test_configuration_change_relints(tmp_path: Path) -> None:
    client = await start(options={"ignore": ["PUN", "NUM"]})
    try:
        uri = uri_of(tmp_path)
        assert len(dup(await open_doc(client, uri, DRAFT))) == 2
        client.workspace_did_change_configuration(
            types.DidChangeConfigurationParams(settings={"speechlint": {"ignore": ["DUP003"]}})
        )
        assert dup(await diagnostics_for(client, uri, 1)) == []
        # a broken setting: one clear error, the last good configuration stays
        client.workspace_did_change_configuration(
            types.DidChangeConfigurationParams(settings={"speechlint": {"select": ["NOPE999"]}})
        )
        client.workspace_did_change_configuration(
            types.DidChangeConfigurationParams(settings={"speechlint": {"select": ["NOPE999"]}})
        )
        # the server answers requests in order: once this returns, both were handled
        report = await client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )
        assert dup(report.items) == []  # type: ignore[union-attr]
        errors = [m for m in client.messages if m.type == types.MessageType.Error]
        assert len(errors) == 1 and "NOPE999" in errors[0].message
        client.workspace_did_change_configuration(
            types.DidChangeConfigurationParams(settings={"speechlint": {"ignore": []}})
        )
        assert len(dup(await diagnostics_for(client, uri, 1))) == 2
    finally:
        await stop(client)


async def test_configuration_file_is_found_upward(tmp_path: Path) -> None:
    (tmp_path / "speechlint.toml").write_text('ignore = ["DUP003"]\n', encoding="utf-8")
    sub = tmp_path / "稿件"
    sub.mkdir()
    client = await start()
    try:
        uri = (sub / "draft.txt").as_uri()
        assert dup(await open_doc(client, uri, DRAFT)) == []
        # broken on disk: one error message, the last good configuration is kept
        (tmp_path / "speechlint.toml").write_text('ignore = ["DUP003"\n', encoding="utf-8")
        client.text_document_did_save(types.DidSaveTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=(tmp_path / "speechlint.toml").as_uri())))
        assert dup(await diagnostics_for(client, uri, 1)) == []
        errors = [m for m in client.messages if m.type == types.MessageType.Error]
        assert len(errors) == 1 and "speechlint.toml" in errors[0].message
        # a configuration file created next to the draft and saved in the editor is found
        (sub / ".speechlint.toml").write_text('select = ["DUP003"]\n', encoding="utf-8")
        client.text_document_did_save(types.DidSaveTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=(sub / ".speechlint.toml").as_uri())))
        assert {d.code for d in await diagnostics_for(client, uri, 1)} == {"DUP003"}
    finally:
        await stop(client)


async def test_requests_on_unknown_or_closed_documents(tmp_path: Path) -> None:
    client = await start()
    try:
        uri = uri_of(tmp_path)
        await open_doc(client, uri, DRAFT)
        client.text_document_did_close(
            types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )
        assert await diagnostics_for(client, uri, 1) == []  # cleared on close
        for target in (uri, "untitled:nothing", "file:///no/such/file.txt"):
            ident = types.TextDocumentIdentifier(uri=target)
            assert await client.text_document_hover_async(
                types.HoverParams(text_document=ident, position=types.Position(line=3, character=99))
            ) is None
            assert not await client.text_document_code_action_async(
                types.CodeActionParams(text_document=ident, range=types.Range(
                    start=types.Position(line=0, character=0), end=types.Position(line=9, character=9)),
                    context=types.CodeActionContext(diagnostics=[]))
            )
            report = await client.text_document_diagnostic_async(
                types.DocumentDiagnosticParams(text_document=ident))
            assert not report.items  # type: ignore[union-attr]
        # a change for a closed document, non-Chinese text, an enormous line
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=5),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text="x")]))
        han = "".join(chr(0x4E00 + (i * 7919) % 20902) for i in range(100_000))  # no repeats
        big = "The quick brown fox jumps over the lazy dog. " * 2000 + "𠮷同志们，，今天" + han
        diags = dup(await open_doc(client, uri_of(tmp_path, "big.md"), big))
        assert [rng(d) for d in diags] == [(0, 90006, 0, 90007)]
    finally:
        await stop(client)


async def test_document_symbols_are_the_heading_outline(tmp_path: Path) -> None:
    pytest.importorskip("speechlint.outline")
    client = await start()
    try:
        uri = uri_of(tmp_path)
        text = "一、总体要求\n（一）工作目标\n正文。\n1.第一项\n\n（二）基本原则\n二、重点任务\n正文。"
        await open_doc(client, uri, text)
        symbols = await client.text_document_document_symbol_async(
            types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )

        def tree(syms: Any) -> list[Any]:
            return [(s.name, rng(types.TextEdit(range=s.range, new_text="")), tree(s.children or [])) for s in syms]

        assert tree(symbols) == [
            ("一、总体要求", (0, 0, 5, 7), [
                ("（一）工作目标", (1, 0, 3, 5), [("1.第一项", (3, 0, 3, 5), [])]),
                ("（二）基本原则", (5, 0, 5, 7), []),
            ]),
            ("二、重点任务", (6, 0, 7, 3), []),
        ]
    finally:
        await stop(client)


async def test_diagnostic_mode_push_overrides_a_pull_client(tmp_path: Path) -> None:
    client = await start(pull=True, options={"diagnosticMode": "push"})
    try:
        uri = uri_of(tmp_path)
        assert [rng(d) for d in dup(await open_doc(client, uri, DRAFT))] == [(0, 4, 0, 5), (1, 7, 1, 8)]
    finally:
        await stop(client)


async def test_findings_in_english_from_the_configuration(tmp_path: Path) -> None:
    """language = "en" in the draft's configuration: the editor shows English messages."""
    (tmp_path / "speechlint.toml").write_text('language = "en"\n', encoding="utf-8")
    client = await start()
    try:
        diags = dup(await open_doc(client, uri_of(tmp_path), DRAFT))
        assert diags and diags[0].message == "punctuation “，，” repeated; should be “，”"
    finally:
        await stop(client)
