"""speechlint's language server (pygls 2): ``speechlint server`` speaks LSP on stdio.

What it offers:

* diagnostics pushed on open, change and save, and pulled with ``textDocument/diagnostic``;
  clients that can pull get no pushes (no duplicates), and a ``workspace/diagnostic/refresh``
  when the configuration changes;
* incremental text sync, positions in the negotiated encoding (UTF-16 unless the client
  offers UTF-32 or UTF-8), lines broken at ``\\n``, ``\\r\\n`` and ``\\r`` only;
* code actions: each finding's fix (``quickfix``, preferred when safe), every safe fix of the
  file (``source.fixAll.speechlint``), and "ignore this rule here" (a
  ``<!-- speechlint-disable-next-line CODE -->`` line above);
* hover: the rule's documentation, and on an announced count (讲三点意见) the items found after
  it; document symbols: the heading outline, with the count a heading group answers;
* configuration: the file's own configuration file (found from its folder upward), with
  ``select`` / ``ignore`` / ``extendSelect`` from ``initializationOptions`` and
  ``workspace/didChangeConfiguration`` on top.

The server only converts and does I/O: findings come from the engine (``speechlint.engine``),
positions are converted in :mod:`speechlint.lsp.convert`.  Responsiveness: the engine's
paragraph-scope rules are re-run only on changed lines (``Linter.lint_cached``); a change is
linted as soon as the server is idle, and changes already waiting in the input are applied
together first.  When linting a document is slow (a huge file), changes are debounced.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import re
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

try:
    from lsprotocol import types
    from pygls.exceptions import JsonRpcInvalidParams
except ImportError as exc:  # pragma: no cover - the optional dependency is missing
    from speechlint.errors import SpeechlintError

    raise SpeechlintError(
        f"the language server needs pygls ({exc.name} is missing): pip install 'speechlint[lsp]'"
    ) from None
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method

import speechlint
from speechlint import configfile, engine, registry
from speechlint.config import DEFAULT, Config
from speechlint.model import Diagnostic, RuleFailure, Span
from speechlint.resolve import Overrides, resolve, unknown_codes

from . import convert
from .convert import Positions

log = logging.getLogger("speechlint.lsp")

FIX_ALL_KIND = "source.fixAll.speechlint"
SUPPRESS = "<!-- speechlint-disable-next-line {codes} -->"
_SUPPRESS_LINE = re.compile(r"^(\s*)<!--\s*speechlint-disable-next-line\b([^>]*?)\s*-->\s*$")
#: Lint as soon as the server is idle when the last lint of the document took less than
#: this (seconds); changes already waiting in the input are applied first, so a burst from
#: the client is linted once anyway ...
CHEAP = 0.1
#: ... else (a huge document) wait as long as a lint takes (at most this) after the last
#: change, so that typing is not queued behind one lint per keystroke.
MAX_DEBOUNCE = 1.0


# --------------------------------------------------------------------- protocol
class SpeechlintProtocol(LanguageServerProtocol):
    """pygls's protocol, except that text documents are kept by the server
    (``SpeechlintServer.docs``), not by pygls's workspace.

    pygls (2.1.1, constraints.txt) handles ``didOpen``/``didChange``/``didClose`` itself and
    then calls a handler registered with ``@server.feature``; its documentation says these
    built-in features cannot be overridden or disabled, only shadowed.  Its ``didChange``
    cannot be left to run beside our own store, because it changes what our handler gets:

    * ``TextDocument.lines`` is ``str.splitlines``, which also breaks lines at U+2028,
      U+2029, form feed, vertical tab, U+001C-U+001E and U+0085, where LSP (and the editor)
      does not: after such a character every line number means another line to pygls;
    * ``PositionCodec.position_from_client_units`` moves a character past the end of what it
      takes for the line to ``len - 1`` by assigning to the client's ``Position`` object,
      the one in the params our handler then receives: the change lands elsewhere in our
      copy too (and a position past the end of the last line lands one character short);
    * each change re-splits the whole text and counts code units character by character in
      Python up to the column: ~5 ms per keystroke on a 70,000-character line.

    tests/test_lsp_protocol.py shows the first two on the pinned pygls (and fails when a
    pygls release fixes them: then this class can go) and that the server applies such a
    change right.  ``didOpen`` and ``didClose`` are taken over with ``didChange`` so that
    the workspace never holds a copy of a draft that goes stale at the first keystroke.
    Each method only hands the notification to the handler registered with
    ``@server.feature``, as pygls's own would after updating its workspace, but calls it
    instead of yielding it: pygls never releases the future of a generator handler run for a
    notification (``JsonRPCProtocol._execute_handler`` stores it in ``_request_futures``,
    which only a response pops), so its own ``didChange`` leaks a ``Future`` with its
    ``Condition`` and ``RLock`` per keystroke.
    """

    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: types.DidOpenTextDocumentParams) -> None:
        self._user_handler(types.TEXT_DOCUMENT_DID_OPEN, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: types.DidChangeTextDocumentParams) -> None:
        self._user_handler(types.TEXT_DOCUMENT_DID_CHANGE, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: types.DidCloseTextDocumentParams) -> None:
        self._user_handler(types.TEXT_DOCUMENT_DID_CLOSE, params)

    def _user_handler(self, method: str, params: Any) -> None:
        """Call the handler registered for ``method`` with ``@server.feature`` (a plain
        function: pygls's own built-ins are generators that yield to it, and pygls keeps the
        future of every generator handler of a notification in ``_request_futures`` for
        good, one per keystroke; tests/test_lsp_protocol.py counts them)."""
        if (handler := self.fm.features.get(method)) is not None:
            handler(params)


#: The method a request with malformed params is answered through (see _converter).
INVALID_PARAMS = "$/speechlint/invalidParams"


def _request_types() -> list[type]:
    """lsprotocol's request message classes (those with an ``id``)."""
    import attrs

    return [t[0] for t in types.METHOD_TO_TYPES.values()
            if attrs.has(t[0]) and "id" in attrs.fields_dict(t[0])]


# ---------------------------------------------------------------------- state
@dataclass
class OpenDoc:
    uri: str
    text: str
    version: int | None
    filetype: str
    path: str | None
    index: Any = None  # LineIndex of text, kept up to date incrementally
    cache: dict[Any, Any] = field(default_factory=dict)  # the engine's, for lint_cached
    cache_owner: Any = None  # the Linter the cache belongs to
    linted_text: str | None = None
    linted_version: int | None = None
    findings: list[Diagnostic] = field(default_factory=list)
    lsp: list[types.Diagnostic] = field(default_factory=list)  # the findings as LSP Diagnostics
    #: The LSP Diagnostic of each finding of the last lint that lies within one line, keyed by
    #: the line's number and text and the finding relative to the line (see to_lsp).
    lsp_cache: dict[tuple[Any, ...], types.Diagnostic] = field(default_factory=dict)
    positions: Positions | None = None  # of linted_text
    result_id: int = 0
    timer: asyncio.TimerHandle | asyncio.Handle | None = None
    cost: float = 0.0  # seconds the last lint took
    #: The configuration resolved for it (a 1-tuple: None inside means excluded), until the
    #: editor settings or a configuration file change (``SpeechlintServer.forget_configs``).
    config: tuple[Config | None] | None = None


class SpeechlintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("speechlint", speechlint.__version__, protocol_cls=SpeechlintProtocol,
                         converter_factory=self._converter)
        #: id -> (Diagnostic, its JSON form) of the Diagnostics of the open documents: pygls
        #: serialises a Diagnostic it has seen before (most of them, keystroke after
        #: keystroke) from here instead of converting it again (see _converter).
        self.wire: dict[int, tuple[types.Diagnostic, Any]] = {}
        self.docs: dict[str, OpenDoc] = {}
        self.settings: dict[str, Any] = {}
        self.encoding = convert.UTF16
        self.pull = False  # the client pulls diagnostics: do not push
        self.refresh = False  # the client accepts workspace/diagnostic/refresh
        self.reported_failures: set[str] = set()
        self.shown_errors: set[str] = set()
        self.last_good: dict[tuple[str, Overrides], Config] = {}  # the last config that loaded
        self._hrefs: dict[str, str | None] = {}

    def _converter(self) -> Any:
        """pygls's converter (its ``converter_factory`` hook), with two structure/unstructure
        hooks (pygls's "How To Handle Invalid Data"):

        * Diagnostics are unstructured once each (see ``wire``);
        * a request whose params do not structure is answered with an InvalidParams error.
          pygls raises from its JSON ``object_hook`` and its reader only logs that (the
          message id is lost there), leaving the client waiting for ever
          (tests/test_lsp_robust.py::test_survives_malformed_messages).  The hook turns such
          a request into one for :data:`INVALID_PARAMS`, whose handler raises
          ``JsonRpcInvalidParams``: pygls answers it like any failed request.
        """
        from pygls.protocol import default_converter
        from pygls.protocol.json_rpc import JsonRPCRequestMessage

        converter = default_converter()
        plain = converter.get_unstructure_hook(types.Diagnostic)

        def diagnostic(d: types.Diagnostic) -> Any:
            known = self.wire.get(id(d))
            return known[1] if known is not None and known[0] is d else plain(d)

        converter.register_unstructure_hook(types.Diagnostic, diagnostic)
        self._plain = plain

        def guarded(request_type: type) -> Any:
            structure = converter.get_structure_hook(request_type)

            def hook(data: Any, cls: type) -> Any:
                try:
                    return structure(data, cls)
                except Exception as exc:  # any params that do not structure
                    if not isinstance(data, dict) or "id" not in data:
                        raise
                    log.warning("invalid params for %r: %s", data.get("method"), exc)
                    return JsonRPCRequestMessage(id=data["id"], method=INVALID_PARAMS,
                                                 jsonrpc=str(data.get("jsonrpc")),
                                                 params=str(data.get("method")))
            return hook

        for request_type in _request_types():
            converter.register_structure_hook(request_type, guarded(request_type))
        return converter

    def remember(self, old: list[types.Diagnostic], new: list[types.Diagnostic]) -> None:
        """A document's Diagnostics changed from ``old`` to ``new``: keep ``wire`` to the
        Diagnostics in use (the JSON of those already there is kept)."""
        kept = {id(d) for d in new}
        for d in old:
            if id(d) not in kept:
                self.wire.pop(id(d), None)
        for d in new:
            if id(d) not in self.wire:
                self.wire[id(d)] = (d, self._plain(d))

    @property
    def proto(self) -> SpeechlintProtocol:
        return self.protocol  # type: ignore[return-value]

    # ----------------------------------------------------------- messages
    def report_server_error(self, error: Exception, source: Any) -> None:
        """Errors outside requests (a bad notification, malformed JSON): log, never a popup."""
        log.error("%s: %s", getattr(source, "__name__", source), error)
        try:
            self.window_log_message(
                types.LogMessageParams(type=types.MessageType.Error, message=f"speechlint: {error}")
            )
        except Exception:  # noqa: BLE001, S110  # pragma: no cover - the transport is gone
            pass

    def log_to_client(self, message: str, kind: types.MessageType = types.MessageType.Info) -> None:
        log.info("%s", message)
        self.window_log_message(types.LogMessageParams(type=kind, message=message))

    def show_error_once(self, message: str) -> None:
        if message in self.shown_errors:
            return
        self.shown_errors.add(message)
        log.error("%s", message)
        self.window_show_message(types.ShowMessageParams(type=types.MessageType.Error, message=message))

    # ------------------------------------------------------------- config
    def set_settings(self, raw: Any) -> bool:
        """Validate editor settings (select/ignore/extendSelect); keep the old ones if bad."""
        try:
            settings = parse_settings(raw)
        except ValueError as exc:
            self.show_error_once(f"speechlint: 编辑器配置无效 / invalid editor settings: {exc}")
            return False
        self.settings = settings
        self._hrefs.clear()
        for doc in self.docs.values():  # the links in the Diagnostics may change
            doc.lsp_cache.clear()
        self.forget_configs()
        return True

    def forget_configs(self) -> None:
        """The editor settings or a configuration file changed: resolve again."""
        for doc in self.docs.values():
            doc.config = None

    def config_for(self, doc: OpenDoc) -> Config | None:
        """The configuration for one document (None: the file is excluded): the one the
        command line would use (:func:`speechlint.resolve.resolve`), the editor's settings
        standing for its flags.  A broken configuration file keeps the last one that loaded.

        Resolved once per document until :meth:`forget_configs` (the files found are cached
        until then anyway: ``configfile.clear_cache``), not on every keystroke."""
        if doc.config is not None:
            return doc.config[0]
        overrides = Overrides(select=self.settings.get("select", ()), ignore=self.settings.get("ignore", ()),
                              extend_select=self.settings.get("extend_select", ()))
        key = (str(configfile.find_config_file(doc.path) or "") if doc.path else "", overrides)
        try:
            cfg = resolve(doc.path, overrides)
            self.last_good[key] = cfg
        except Exception as exc:  # noqa: BLE001 - ConfigError or anything unexpected
            self.show_error_once(f"speechlint: 配置文件有误，沿用上次的配置 / bad configuration, "
                                 f"keeping the last good one: {exc}")
            cfg = self.last_good.get(key) or resolve(None, overrides)
        if doc.path and cfg.exclude and configfile.is_excluded(cfg, doc.path):
            doc.config = (None,)
            return None
        doc.config = (cfg,)
        return cfg

    # --------------------------------------------------------------- lint
    def lint(self, doc: OpenDoc) -> None:
        """Bring ``doc.findings``/``doc.lsp`` up to date with ``doc.text``.

        A rule that fails is skipped (the others' findings are published) and named once in
        a message to the user; a lint that fails as a whole (memory) is retried without the
        document's cache, and what it finds is published, with one message, never silence.
        """
        if doc.linted_text is doc.text and doc.linted_version == doc.version and doc.positions:
            return
        t0 = time.perf_counter()
        failures: list[RuleFailure] = []
        cfg = self.config_for(doc)
        if cfg is None:
            findings: list[Diagnostic] = []
        else:
            linter = engine.linter_for(cfg, doc.path)
            if doc.cache_owner is not linter:
                doc.cache.clear()
                doc.cache_owner = linter
            try:
                findings = linter.lint_cached(doc.text, doc.cache, filetype=doc.filetype, failures=failures)
            except Exception as exc:
                log.exception("linting %s failed", doc.uri)
                doc.cache.clear()
                self.remember(doc.lsp, [])
                doc.lsp, doc.findings = [], []
                gc.collect()
                self.show_error_once(f"speechlint: 检查失败，结果可能不全 / lint failed, findings may be "
                                     f"incomplete: {type(exc).__name__}: {exc}")
                try:
                    findings = linter.lint(doc.text, filetype=doc.filetype, failures=failures)
                except Exception:
                    log.exception("linting %s failed again", doc.uri)
                    findings = []
        for f in failures:
            if f.code not in self.reported_failures:
                self.reported_failures.add(f.code)
                self.show_error_once(f"speechlint: 规则 {f.code} 出错，已跳过 / rule {f.code} failed "
                                     f"and was skipped: {f.error}")
        pos = Positions(doc.text, self.encoding, doc.index)
        doc.findings = findings
        lsp = self.to_lsp(doc, findings, pos)
        self.remember(doc.lsp, lsp)
        doc.lsp = lsp
        doc.positions = pos
        doc.linted_text = doc.text
        doc.linted_version = doc.version
        doc.result_id += 1
        doc.cost = time.perf_counter() - t0

    def to_lsp(self, doc: OpenDoc, findings: list[Diagnostic], pos: Positions) -> list[types.Diagnostic]:
        """The findings as LSP Diagnostics.

        A finding within one line (its fix within the line and its line ending) converts the
        same while its line keeps its number, its text and its line ending, so a keystroke
        converts only the findings of the line it changed: the others' Diagnostics are reused
        from the last lint.  The cache holds the current findings only,
        and the text of each line with findings once (shared by its findings' keys), so it is
        never bigger than the document and what it holds.
        """
        index = doc.index
        old = doc.lsp_cache
        fresh: dict[tuple[Any, ...], types.Diagnostic] = {}
        out: list[types.Diagnostic] = []
        line, ls, le, ne, line_text = -1, 0, -1, -1, ""
        for d in findings:
            start, fix = d.span.start, d.fix
            if not ls <= start <= le:
                line = index.line_of(start)
                ls, le = index.starts[line], index.line_end(line)
                ne = index.starts[line + 1] if line + 1 < len(index.starts) else le  # after the line ending
                line_text = doc.text[ls:le]
            # a fix may take the line ending too (PH003 removes the line): it ends at (line + 1, 0)
            if d.span.end > le or (fix is not None and any(e.span.start < ls or e.span.end > ne for e in fix.edits)):
                out.append(convert.diagnostic(d, pos, self.href(d.code)))  # across lines: not cached
                continue
            key = (line, line_text, d.code, start - ls, d.span.end - ls, d.message, d.severity,
                   None if fix is None else (fix.applicability, tuple(
                       (e.span.start - ls, e.span.end - ls, e.text) for e in fix.edits)))
            lsp = old.get(key) or fresh.get(key)
            if lsp is None:
                lsp = convert.diagnostic(d, pos, self.href(d.code))
            fresh[key] = lsp
            out.append(lsp)
        doc.lsp_cache = fresh
        return out

    def publish(self, doc: OpenDoc) -> None:
        if self.pull:
            return
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=doc.uri, diagnostics=doc.lsp, version=doc.version)
        )

    def schedule(self, doc: OpenDoc) -> None:
        """Lint and publish when idle; debounce when linting this document is slow."""
        if doc.timer is not None:
            doc.timer.cancel()
        loop = asyncio.get_running_loop()
        if doc.cost < CHEAP:
            doc.timer = loop.call_soon(self._lint_and_publish, doc.uri)
        else:
            doc.timer = loop.call_later(min(MAX_DEBOUNCE, doc.cost), self._lint_and_publish, doc.uri)

    def _lint_and_publish(self, uri: str) -> None:
        doc = self.docs.get(uri)
        if doc is None:
            return
        doc.timer = None
        try:
            self.lint(doc)
            self.publish(doc)
        except Exception:  # pragma: no cover - never let a callback kill the loop
            log.exception("publishing diagnostics for %s failed", uri)

    def relint_all(self) -> None:
        self.forget_configs()
        for doc in list(self.docs.values()):
            doc.linted_text = None
            self.schedule(doc)
        if self.pull and self.refresh:
            self.workspace_diagnostic_refresh(None)

    def current(self, uri: str) -> OpenDoc | None:
        """The open document, linted (None when not open)."""
        doc = self.docs.get(uri)
        if doc is not None:
            self.lint(doc)
        return doc

    def href(self, code: str) -> str | None:
        """codeDescription link: the rule's page (docs/rules/CODE.md in a source checkout,
        else a page generated once into the user's cache folder)."""
        if code in self._hrefs:
            return self._hrefs[code]
        url: str | None = None
        template = self.settings.get("rule_docs_url")
        if template:
            url = str(template).replace("{code}", code)
        else:
            try:
                url = _rule_page(code)
            except Exception:  # pragma: no cover - read-only cache folder etc.
                log.exception("no documentation page for %s", code)
        self._hrefs[code] = url
        return url


def _rule_page(code: str) -> str | None:
    here = Path(__file__).resolve().parent
    for root in (here.parent, here.parent.parent):  # lsp/ in a checkout, speechlint/lsp installed
        page = root / "docs" / "rules" / f"{code}.md"
        if page.is_file():
            return page.as_uri()
    r = registry.get(code)
    if r is None:
        return None
    from speechlint import docgen

    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    page = base / "speechlint" / speechlint.__version__ / "rules" / f"{code}.md"
    if not page.is_file():
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(docgen.page(r), encoding="utf-8")
    return page.as_uri()


def parse_settings(raw: Any) -> dict[str, Any]:
    """Editor settings -> {'select', 'ignore', 'extend_select', 'rule_docs_url'}.

    Accepts ``{"select": [...], "ignore": [...], "extendSelect": [...]}``, optionally under a
    ``"speechlint"`` key; codes as lists or comma-separated strings.
    """
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ValueError(f"expected an object, got {type(raw).__name__}")  # noqa: TRY004 - shown to the user
    if isinstance(raw.get("speechlint"), dict):
        raw = raw["speechlint"]
    out: dict[str, Any] = {}
    for key, name in (("select", "select"), ("ignore", "ignore"), ("extendSelect", "extend_select"),
                      ("extend_select", "extend_select"), ("extend-select", "extend_select")):
        if key not in raw or raw[key] is None:
            continue
        value = raw[key]
        if isinstance(value, str):
            value = [v for v in re.split(r"[\s,]+", value) if v]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError(f"'{key}' must be a list of rule codes")
        codes = tuple(v.strip().upper() for v in value if v.strip())
        bad = unknown_codes(codes)
        if bad:
            raise ValueError(f"unknown rule code or prefix {bad[0]!r} in '{key}'")
        out[name] = codes
    if isinstance(raw.get("ruleDocsUrl"), str):
        out["rule_docs_url"] = raw["ruleDocsUrl"]
    mode = raw.get("diagnosticMode")
    if mode is not None:
        if mode not in ("auto", "push", "pull"):
            raise ValueError(f"'diagnosticMode' must be auto, push or pull, not {mode!r}")
        out["diagnostic_mode"] = mode
    return out


server = SpeechlintServer()


# ------------------------------------------------------------------ lifecycle
@server.feature(INVALID_PARAMS)
def invalid_params(ls: SpeechlintServer, method: str) -> None:
    """A request whose params did not structure (see ``SpeechlintServer._converter``)."""
    raise JsonRpcInvalidParams(message=f"invalid params for {method!r}")


@server.feature(types.INITIALIZE)
def initialize(ls: SpeechlintServer, params: types.InitializeParams) -> None:
    ls.encoding = str(ls.workspace.position_encoding or convert.UTF16)
    if ls.encoding not in convert.ENCODINGS:  # pragma: no cover - pygls chose something odd
        ls.encoding = convert.UTF16
    caps = params.capabilities
    td = caps.text_document if caps else None
    ls.pull = bool(td and td.diagnostic is not None)
    ws = caps.workspace if caps else None
    ls.refresh = bool(ws and ws.diagnostics and ws.diagnostics.refresh_support)
    ls.set_settings(params.initialization_options)
    mode = ls.settings.get("diagnostic_mode", "auto")
    if mode != "auto":  # "push": publish even to clients that could pull; "pull": never push
        ls.pull = mode == "pull"


@server.feature(types.SHUTDOWN)
def shutdown(ls: SpeechlintServer, *args: Any) -> None:
    for doc in ls.docs.values():
        if doc.timer is not None:
            doc.timer.cancel()


# ------------------------------------------------------------------ documents
@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: SpeechlintServer, params: types.DidOpenTextDocumentParams) -> None:
    td = params.text_document
    from speechlint.document import LineIndex

    doc = OpenDoc(
        uri=td.uri,
        text=td.text,
        version=td.version,
        filetype=convert.filetype_of_uri(td.uri, td.language_id),
        path=convert.path_of(td.uri),
        index=LineIndex(td.text),
    )
    old = ls.docs.get(td.uri)
    if old is not None and old.timer is not None:
        old.timer.cancel()
    ls.docs[td.uri] = doc
    ls.schedule(doc)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: SpeechlintServer, params: types.DidChangeTextDocumentParams) -> None:
    doc = ls.docs.get(params.text_document.uri)
    if doc is None:
        log.warning("didChange for a document that is not open: %s", params.text_document.uri)
        return
    from speechlint.document import LineIndex

    text, index = doc.text, doc.index
    for change in params.content_changes:
        if isinstance(change, types.TextDocumentContentChangePartial):
            pos = Positions(text, ls.encoding, index)
            sp = pos.span(change.range)
            text = text[: sp.start] + change.text + text[sp.end :]
            index = convert.updated_index(index, text, sp, len(change.text))
        else:
            text = change.text
            index = LineIndex(text)
    doc.text, doc.index, doc.version = text, index, params.text_document.version
    ls.schedule(doc)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
def did_save(ls: SpeechlintServer, params: types.DidSaveTextDocumentParams) -> None:
    uri = params.text_document.uri
    name = uri.rsplit("/", 1)[-1]
    if name in (".speechlint.toml", "speechlint.toml", "pyproject.toml"):
        _clear_config_cache()  # a new configuration file may now be found
        ls.relint_all()  # a configuration file changed: every open draft may change
        return
    doc = ls.docs.get(uri)
    if doc is None:
        return
    if params.text is not None and params.text != doc.text:
        from speechlint.document import LineIndex

        doc.text, doc.index = params.text, LineIndex(params.text)
    doc.linted_text = None  # the configuration file may have changed too
    doc.config = None
    ls.schedule(doc)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: SpeechlintServer, params: types.DidCloseTextDocumentParams) -> None:
    doc = ls.docs.pop(params.text_document.uri, None)
    if doc is None:
        return
    if doc.timer is not None:
        doc.timer.cancel()
    if not ls.pull:
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=doc.uri, diagnostics=[]))
    _forget(doc)


def _forget(doc: OpenDoc) -> None:
    """Give back what a closed document held: its text, caches and findings (the engine's
    line cache of a long line, the LSP diagnostics of thousands of findings)."""
    global _announced
    if _announced is not None and _announced[0] is doc.text:
        _announced = None
    doc.cache.clear()
    doc.lsp_cache.clear()
    server.remember(doc.lsp, [])
    doc.findings, doc.lsp, doc.positions = [], [], None
    doc.text, doc.linted_text, doc.index = "", None, None
    gc.collect()
    _trim()


def _trim() -> None:
    """Ask the C allocator to return freed memory to the system (glibc's ``malloc_trim``;
    elsewhere nothing): freed blocks otherwise stay with the process."""
    try:
        import ctypes
        import ctypes.util

        name = ctypes.util.find_library("c")
        if name and sys.platform.startswith("linux"):
            ctypes.CDLL(name).malloc_trim(0)
    except (OSError, AttributeError):  # pragma: no cover - not glibc
        pass


@server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
def did_change_configuration(ls: SpeechlintServer, params: types.DidChangeConfigurationParams) -> None:
    settings = params.settings
    caps = ls.client_capabilities.workspace
    if not settings and caps and caps.configuration:
        # "pull" style clients (VS Code) send nothing: ask for our section
        asyncio.ensure_future(_fetch_configuration(ls))
        return
    _apply_settings(ls, settings)


async def _fetch_configuration(ls: SpeechlintServer) -> None:
    try:
        got = await ls.workspace_configuration_async(
            types.ConfigurationParams(items=[types.ConfigurationItem(section="speechlint")])
        )
    except Exception as exc:  # noqa: BLE001 - reported, the default is used
        log.warning("workspace/configuration failed: %s", exc)
        got = None
    _apply_settings(ls, got[0] if got else None)


def _apply_settings(ls: SpeechlintServer, settings: Any) -> None:
    if not settings or ls.set_settings(settings):
        _clear_config_cache()
        ls.relint_all()


def _clear_config_cache() -> None:
    try:
        from speechlint import configfile

        configfile.clear_cache()
    except (ImportError, AttributeError):  # pragma: no cover - no configuration files support
        pass


# ---------------------------------------------------------------- diagnostics
@server.feature(
    types.TEXT_DOCUMENT_DIAGNOSTIC,
    types.DiagnosticOptions(identifier="speechlint", inter_file_dependencies=False,
                            workspace_diagnostics=False),
)
def pull_diagnostics(ls: SpeechlintServer, params: types.DocumentDiagnosticParams) -> Any:
    doc = ls.current(params.text_document.uri)
    if doc is None:
        return types.RelatedFullDocumentDiagnosticReport(items=[])
    result_id = f"{id(doc)}:{doc.result_id}"
    if params.previous_result_id == result_id:
        return types.RelatedUnchangedDocumentDiagnosticReport(result_id=result_id)
    return types.RelatedFullDocumentDiagnosticReport(items=doc.lsp, result_id=result_id)


# ---------------------------------------------------------------- code actions
@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll, FIX_ALL_KIND],
        resolve_provider=False,
    ),
)
def code_action(ls: SpeechlintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    doc = ls.current(params.text_document.uri)
    if doc is None or doc.positions is None:
        return []
    pos = doc.positions
    only = params.context.only
    out: list[types.CodeAction] = []

    def wanted(kind: str) -> bool:
        return not only or any(kind == k or kind.startswith(k + ".") for k in only)

    if wanted(types.CodeActionKind.QuickFix):
        sp = pos.span(params.range)
        hits = [(d, lsp) for d, lsp in zip(doc.findings, doc.lsp) if convert.overlaps(d.span, sp)]
        for d, diag in hits:
            if d.fix is not None:
                edits = [types.TextEdit(range=convert.lsp_range(pos, e.span), new_text=e.text) for e in d.fix.edits]
                out.append(types.CodeAction(
                    title=f"修复 {d.code}：{d.message}",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diag],
                    is_preferred=d.fix.applicability == "safe",
                    edit=_workspace_edit(doc, edits),
                ))
        seen: set[tuple[str, int]] = set()
        for d, lsp in hits:
            line = doc.index.line_of(d.span.start)
            if (d.code, line) in seen:
                continue
            seen.add((d.code, line))
            if doc.filetype == "txt":  # a comment would be printed and read aloud
                allow = _allow_passage_action(ls, doc, d, lsp)
                if allow is not None:
                    out.append(allow)
                continue
            out.append(types.CodeAction(
                title=f"在此处忽略 {d.code} / ignore {d.code} here",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[lsp],
                edit=_workspace_edit(doc, [_suppress_edit(doc, line, d.code)]),
            ))
    if wanted(FIX_ALL_KIND) and any(d.fix is not None and d.fix.applicability == "safe" for d in doc.findings):
        cfg = ls.config_for(doc) or DEFAULT
        fixed = speechlint.fix(doc.text, cfg, filetype=doc.filetype, path=doc.path).text
        change = convert.minimal_edit(doc.text, fixed)
        if change is not None:
            sp, new = change
            out.append(types.CodeAction(
                title="修复全部可安全修复的问题 / fix all safe findings (speechlint)",
                kind=FIX_ALL_KIND,
                edit=_workspace_edit(doc, [types.TextEdit(range=convert.lsp_range(pos, sp), new_text=new)]),
            ))
    return out


def _workspace_edit(doc: OpenDoc, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    if doc.version is None:
        return types.WorkspaceEdit(changes={doc.uri: edits})
    return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(
        text_document=types.OptionalVersionedTextDocumentIdentifier(uri=doc.uri, version=doc.version),
        edits=list(edits),
    )])


def _allow_passage_action(ls: SpeechlintServer, doc: OpenDoc, d: Diagnostic,
                          lsp: types.Diagnostic) -> types.CodeAction | None:
    """"Ignore here" in a plain-text draft: an ``[[allow-passage]]`` entry appended to its
    configuration file (see :mod:`speechlint.passages`); None when the draft has no path, or
    the file does not exist and the client cannot create files."""
    from speechlint import passages

    if not doc.path or doc.positions is None:
        return None
    text = passages.passage(doc.text, d.span.start, d.span.end)
    target, entry, exists = passages.config_entry(doc.path, text)
    uri = target.as_uri()
    if exists:
        try:
            current = target.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            return None
        (line, char) = Positions(current, doc.positions.encoding).position(len(current))
        at = types.Position(line=line, character=char)
        edit = types.WorkspaceEdit(changes={uri: [types.TextEdit(range=types.Range(start=at, end=at),
                                                                 new_text=entry)]})
    else:
        caps = ls.client_capabilities.workspace
        ops = caps.workspace_edit.resource_operations if caps and caps.workspace_edit else None
        if not ops or types.ResourceOperationKind.Create not in ops:
            return None
        origin = types.Position(line=0, character=0)
        edit = types.WorkspaceEdit(document_changes=[
            types.CreateFile(uri=uri, options=types.CreateFileOptions(ignore_if_exists=True)),
            types.TextDocumentEdit(
                text_document=types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=None),
                edits=[types.TextEdit(range=types.Range(start=origin, end=origin), new_text=entry)]),
        ])
    return types.CodeAction(
        title=f"在 {target.name} 中忽略此处 {d.code} / allow this passage in {target.name}",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[lsp],
        edit=edit,
    )


def _suppress_edit(doc: OpenDoc, line: int, code: str) -> types.TextEdit:
    """Insert ``<!-- speechlint-disable-next-line CODE -->`` above ``line`` (or add the code
    to such a comment already there)."""
    assert doc.positions is not None
    pos, index = doc.positions, doc.index
    if line > 0:
        above = index.line_text(line - 1)
        m = _SUPPRESS_LINE.match(above)
        if m:
            codes = m.group(2).split()
            if codes:  # a bare directive already silences everything
                start = index.starts[line - 1]
                new = f"{m.group(1)}{SUPPRESS.format(codes=' '.join([*codes, code]))}"
                return types.TextEdit(range=convert.lsp_range(pos, Span(start, start + len(above))), new_text=new)
    start = index.starts[line]
    text = index.line_text(line)
    indent = re.match(r"[ \t\u3000]*", text).group(0)  # type: ignore[union-attr]
    if doc.filetype == "md" and len(indent) >= 4:
        indent = ""  # four spaces would make the comment a code block
    new = f"{indent}{SUPPRESS.format(codes=code)}{convert.eol_of(doc.text)}"
    return types.TextEdit(range=convert.lsp_range(pos, Span(start, start)), new_text=new)


# ------------------------------------------------------------------- hover
@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: SpeechlintServer, params: types.HoverParams) -> types.Hover | None:
    doc = ls.current(params.text_document.uri)
    if doc is None or doc.positions is None:
        return None
    pos = doc.positions
    at = pos.offset(params.position.line, params.position.character)
    here = [d for d in doc.findings if d.span.start <= at <= d.span.end]
    announced = _announcement_hover(doc, at)
    if not here:
        if announced is None:
            return None
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=announced[1]),
                           range=convert.lsp_range(pos, announced[0]))
    parts: list[str] = [announced[1]] if announced is not None else []
    for code in dict.fromkeys(d.code for d in here):
        r = registry.get(code)
        msgs = "\n".join(f"- {d.message}" for d in here if d.code == code)
        if r is None:
            parts.append(f"**{code}**\n\n{msgs}")
            continue
        fix = {"safe": "可安全自动修复 / safe fix", "unsafe": "修复需确认 / unsafe fix",
               "sometimes": "部分可自动修复 / sometimes fixable", "none": "需人工修改 / no automatic fix"}
        parts.append(f"**{r.code}** `{r.name}` — {fix.get(r.fix, r.fix)}\n\n{msgs}\n\n{_doc_markdown(r.doc)}")
    first = min(here, key=lambda d: d.span.start)
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)),
        range=convert.lsp_range(pos, first.span),
    )


_announced: tuple[str, str, tuple[Any, ...]] | None = None  # (text, filetype, announcements)


def _announcements(doc: OpenDoc) -> tuple[Any, ...]:
    """The counts the draft announces (讲三点意见) and the lists they were matched to, as
    NUM009 reads them (whether or not NUM009 is selected); remembered for the last text, so
    hovering and the outline do not read the draft again until it changes."""
    global _announced
    if _announced is not None and _announced[0] is doc.text and _announced[1] == doc.filetype:
        return _announced[2]
    try:
        from speechlint.checks.num import announcements
        from speechlint.data import rule_data
        from speechlint.document import Document
        from speechlint.errors import SpeechlintError
    except ImportError:  # pragma: no cover - the NUM checks not installed
        return ()
    try:
        data = rule_data("NUM009")
    except SpeechlintError:  # broken rule data: reported where the rules run
        return ()
    found = announcements(Document.from_text(doc.text, doc.filetype), data) if data is not None else ()
    _announced = (doc.text, doc.filetype, found)
    return found


def _announcement_hover(doc: OpenDoc, at: int) -> tuple[Span, str] | None:
    """Hover on an announced count: the items found after it (None elsewhere)."""
    for a in _announcements(doc):
        if a.span.start <= at <= a.span.end:
            n = len(a.items)
            items = "\n".join(f"- {label}{title}" for _, label, title in a.items)
            head = f"“{a.text}”：宣布 {a.count} {a.unit}，下面列出 {n} {a.unit} / announced {a.count}, listed {n}"
            return a.span, f"{head}\n\n{items}"
    return None


def _doc_markdown(doc: str) -> str:
    # rule docs use '## section' headings; shrink them so the hover stays compact
    return re.sub(r"^##\s*(.+)$", r"#### \1", doc, flags=re.MULTILINE)


# ------------------------------------------------------------------ outline
@server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def document_symbol(ls: SpeechlintServer, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol]:
    """The heading outline (一、→（一）→ 1. →（1）) parsed by the NUM checks' ``outline``.

    Each symbol's range runs from its heading to the next heading of the same or a higher
    level, so editors' breadcrumbs know which section the cursor is in."""
    doc = ls.docs.get(params.text_document.uri)
    if doc is None:
        return []
    try:
        from speechlint.outline import outline
    except ImportError:  # pragma: no cover - the NUM checks not installed
        return []
    headings = [h for h in outline(doc.text, doc.filetype) if getattr(h, "kind", "heading") == "heading"]
    # the announced count beside the headings it was matched to: "“讲三点意见” 2/3"
    announced = {item[0].start: f" · “{a.text}” {i}/{a.count}"
                 for a in _announcements(doc) for i, item in enumerate(a.items, 1)}
    pos = Positions(doc.text, ls.encoding, doc.index)
    index = doc.index
    roots: list[types.DocumentSymbol] = []
    stack: list[tuple[int, types.DocumentSymbol]] = []
    for i, h in enumerate(headings):
        level = int(h.level)
        end = len(doc.text)
        for later in headings[i + 1 :]:
            if later.level <= level:
                end = later.span.start
                break
        last = index.line_of(max(h.span.start, end - 1)) if end > h.span.start else index.line_of(h.span.start)
        while last > index.line_of(h.span.start) and not doc.text[index.starts[last] : index.line_end(last)].strip():
            last -= 1  # blank lines before the next heading are not part of this section
        section = Span(h.span.start, max(h.span.end, index.line_end(last)))
        name = f"{h.label}{h.title}".strip() or doc.text[h.span.start : h.span.end].strip() or "?"
        sym = types.DocumentSymbol(
            name=name,
            detail=f"{level} 级标题 / level {level}{announced.get(h.label_span.start, '')}",
            kind=types.SymbolKind.Namespace if level == 1 else types.SymbolKind.Module,
            range=convert.lsp_range(pos, section),
            selection_range=convert.lsp_range(pos, h.span),
            children=[],
        )
        while stack and stack[-1][0] >= level:
            stack.pop()
        (stack[-1][1].children if stack else roots).append(sym)  # type: ignore[union-attr]
        stack.append((level, sym))
    return roots


# -------------------------------------------------------------------- main
async def _serve_pipe(ls: SpeechlintServer) -> bool:
    """Read stdin with an asyncio pipe: messages already waiting are handled back to back
    (so a burst of changes is linted once), without a thread hop per line."""
    from pygls.io_ import StdoutWriter, run_async

    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader(limit=2**24)
    try:
        await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin.buffer)
    except (ValueError, OSError, NotImplementedError):
        return False  # stdin is not a pipe (a file, a Windows console)
    ls._stop_event = threading.Event()
    ls.protocol.set_writer(StdoutWriter(sys.stdout.buffer))
    await run_async(
        stop_event=ls._stop_event,
        reader=reader,  # type: ignore[arg-type]
        protocol=ls.protocol,
        logger=logging.getLogger("pygls.io_"),
        error_handler=ls.report_server_error,
    )
    return True


def main(argv: list[str] | None = None) -> int:
    """``speechlint server``: serve LSP on stdin/stdout until ``exit``."""
    logging.basicConfig(level=os.environ.get("SPEECHLINT_LOG", "WARNING").upper(), stream=sys.stderr,
                        format="speechlint-server %(levelname)s %(name)s: %(message)s")
    registry.load_all()  # import the rules before the first keystroke
    # fewer, later garbage collections: the rule data and the caches are long-lived, and a
    # full collection in the middle of a keystroke is a latency spike
    gc.collect()
    gc.freeze()
    gc.set_threshold(*engine.GC_THRESHOLDS)
    try:
        if not asyncio.run(_serve_pipe(server)):
            log.info("stdin is not a pipe; using pygls's threaded reader")
            server.start_io()
        return 0
    except SystemExit as exc:  # the 'exit' notification
        return int(exc.code or 0)
    except KeyboardInterrupt:
        return 130
    finally:
        try:
            server.shutdown()
        except Exception:  # noqa: BLE001, S110  # pragma: no cover
            pass


if __name__ == "__main__":
    raise SystemExit(main())
