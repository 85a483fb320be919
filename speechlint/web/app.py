"""The Starlette application behind ``speechlint serve``.

Routes: ``/`` (the page), ``/static/*`` (its script and style, shipped in the package),
and a small JSON API the page calls -- ``/api/info``, ``/api/rule/CODE``, and the
state-changing ``POST /api/check``, ``/api/fix``, ``/api/upload``, ``/api/download``,
``/api/annotate``.  The server keeps no state between requests: the page sends the
draft (or the Word file) with each request.

Safety (:class:`Guard`): the ``Host`` header must name an address the server was
started for (DNS rebinding); a POST must come from the page itself (its ``Origin``
equals the server's, it is no cross-site request, and it carries JSON or raw bytes,
which a cross-site form cannot send without a CORS preflight, never answered here);
with an access token every request but the static files needs it (the ``?token=``
of the printed address, kept in a same-site cookie).  Bodies are read up to a limit
(the configuration's ``max-file-size``); errors are one line, never a traceback.
"""

from __future__ import annotations

import hmac
import json
import threading
from collections.abc import Awaitable, Callable
from functools import wraps
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from ..errors import InputError, SpeechlintError
from ..io import BinaryFileError
from . import service

STATIC = Path(__file__).resolve().parent / "static"
TOKEN_COOKIE = "speechlint_token"
TOKEN_HEADER = "x-speechlint-token"
#: Bodies above the draft size limit are read on (and dropped) up to this many bytes
#: more, so that the browser gets the answer instead of a reset connection.
DRAIN = 256 * 1024 * 1024
_ENGINE = threading.Lock()  # the engine's caches are shared: one check at a time


def _one_line(message: str) -> str:
    return " ".join(str(message).splitlines())


def error_line(message: str, kind: str = "error") -> str:
    """'path: problem' -> 'path: error: problem', on one line (as the CLI prints it)."""
    message = _one_line(message)
    head, sep, rest = message.partition(": ")
    if sep and not rest.startswith(f"{kind}:") and not rest.startswith("note:"):
        return f"{head}: {kind}: {rest}"
    return message if sep else f"speechlint: {kind}: {message}"


class Guard:
    """Host, origin and token checks in front of the application (pure ASGI)."""

    def __init__(self, app: ASGIApp, hosts: set[str] | None, token: str | None) -> None:
        self.app = app
        self.hosts = hosts  # None: any Host (a network address, where the token protects)
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        problem, status = self._refuse(scope, headers)
        if problem:
            await JSONResponse({"error": problem}, status_code=status)(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _refuse(self, scope: Scope, headers: dict[str, str]) -> tuple[str | None, int]:
        host = headers.get("host", "")
        if self.hosts is not None and _hostname(host) not in self.hosts:
            return f"speechlint: error: refused: foreign Host header {host!r}", 400
        path = scope.get("path", "")
        method = scope.get("method", "GET")
        if self.token and not path.startswith("/static/"):
            given = headers.get(TOKEN_HEADER) or _cookie(headers.get("cookie", ""), TOKEN_COOKIE)
            if path == "/" and not given:
                given = (parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token") or [""])[0]
            if not given or not hmac.compare_digest(given.encode(), self.token.encode()):
                return ("speechlint: error: access token required: open the address "
                        "'speechlint serve' printed (…/?token=…)"), 403
        if method not in ("GET", "HEAD"):
            origin = headers.get("origin")
            if origin is not None and urlsplit(origin).netloc != host:
                return f"speechlint: error: refused: request from a foreign origin {origin!r}", 403
            if headers.get("sec-fetch-site") in ("cross-site", "same-site"):
                return "speechlint: error: refused: cross-site request", 403
            ctype = headers.get("content-type", "").split(";")[0].strip().lower()
            if ctype not in ("application/json", "application/octet-stream"):
                return "speechlint: error: refused: unexpected content type", 415
        return None, 200


def _hostname(host: str) -> str:
    host = host.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _cookie(header: str, name: str) -> str | None:
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(header)
    except Exception:  # noqa: BLE001 - a malformed cookie header: no token
        return None
    return jar[name].value if name in jar else None


def _errors(func: Callable[[Request], Awaitable[Response]]) -> Callable[[Request], Awaitable[Response]]:
    """Every failure as one line of JSON: the CLI's message, never a traceback."""

    @wraps(func)
    async def wrapper(request: Request) -> Response:
        try:
            return await func(request)
        except BinaryFileError as exc:  # the CLI's note: not a draft
            return JSONResponse({"error": error_line(str(exc), "note")}, status_code=400)
        except InputError as exc:  # a draft that cannot be read: 'name: error: problem'
            status = 413 if "too large" in str(exc) else 400
            return JSONResponse({"error": error_line(str(exc))}, status_code=status)
        except SpeechlintError as exc:  # configuration, a bad request: as the CLI says it
            return JSONResponse({"error": _one_line(f"speechlint: error: {exc}")}, status_code=400)
        except Exception as exc:  # noqa: BLE001 - a bug: still one line on the page
            return JSONResponse(
                {"error": _one_line(f"speechlint: error: internal error: {type(exc).__name__}: {exc}")},
                status_code=500)

    return wrapper


async def _body(request: Request, limit: int, name: str) -> bytes:
    """The request body, at most ``limit`` bytes (0: no limit): the CLI's 'file too
    large' error above it, after reading the rest so the browser sees the answer."""
    chunks: list[bytes] = []
    size = 0
    over = False
    async for chunk in request.stream():
        size += len(chunk)
        if limit and size > limit:
            over = True
            chunks.clear()
            if size > limit + DRAIN:
                raise service.too_large(name, None, limit)
        elif chunk:
            chunks.append(chunk)
    if over:
        raise service.too_large(name, size, limit)
    return b"".join(chunks)


async def _json(request: Request, limit: int) -> dict[str, Any]:
    # JSON of a draft: the draft's size, twice (escapes), and some room for the rest
    data = await _body(request, limit * 2 + 65536 if limit else 0, "draft")
    try:
        value = json.loads(data)
    except ValueError:
        raise SpeechlintError("bad request: not JSON") from None
    if not isinstance(value, dict):
        raise SpeechlintError("bad request: expected a JSON object")
    return value


def _off(value: Any) -> list[str]:
    if isinstance(value, str):
        return [v for v in value.split(",") if v]
    if isinstance(value, list):
        return [str(v) for v in value if v]
    return []


def _text(payload: dict[str, Any]) -> str:
    text = payload.get("text", "")
    if not isinstance(text, str):
        raise SpeechlintError("bad request: 'text' must be a string")
    return text


def _name(value: Any, default: str = "draft.txt") -> str:
    name = str(value or default).replace("\\", "/").rsplit("/", 1)[-1]
    return name or default


def _attachment(name: str) -> str:
    return f"attachment; filename*=UTF-8''{quote(name)}"


async def _locked(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    def call() -> Any:
        with _ENGINE:
            return func(*args, **kwargs)

    return await run_in_threadpool(call)


def create_app(settings: service.Settings, *, hosts: set[str] | None = None,
               token: str | None = None) -> ASGIApp:
    """The page and its API; ``hosts`` the Host names accepted (None: any, for a server
    on a network address, which needs ``token``)."""
    if hosts is None and not token:
        raise SpeechlintError("a server on a network address needs an access token")

    def config(payload: dict[str, Any], name: str) -> Any:
        lang = payload.get("lang")
        return settings.config(name, _off(payload.get("off")), lang if isinstance(lang, str) else None)

    async def index(request: Request) -> Response:
        response = FileResponse(STATIC / "index.html", headers=_PAGE_HEADERS)
        if token:
            response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
        return response

    @_errors
    async def info(request: Request) -> Response:
        from .. import __version__

        def build() -> dict[str, Any]:
            base = settings.base()
            return {"version": __version__, "families": service.families(),
                    "max_file_size": base.max_file_size, "config": base.source,
                    "problems": [error_line(p) for p in base.problems]}

        return JSONResponse(await _locked(build))

    @_errors
    async def rule(request: Request) -> Response:
        return JSONResponse(service.rule_doc(request.path_params["code"]))

    @_errors
    async def check(request: Request) -> Response:
        payload = await _json(request, settings.max_file_size)
        name = _name(payload.get("name"))
        cfg = config(payload, name)
        result = await _locked(service.check, _text(payload), cfg,
                               filetype=_filetype(payload, name), name=name,
                               word=bool(payload.get("word")))
        result["problems"] = [error_line(p) for p in result["problems"]]
        return JSONResponse(result)

    @_errors
    async def fix(request: Request) -> Response:
        payload = await _json(request, settings.max_file_size)
        name = _name(payload.get("name"))
        target = payload.get("target")
        if not (target in ("safe", "unsafe") or isinstance(target, dict)):
            raise SpeechlintError("bad request: 'target' is 'safe', 'unsafe' or a finding")
        result = await _locked(service.fix, _text(payload), config(payload, name), target,
                               filetype=_filetype(payload, name), name=name)
        return JSONResponse(result)

    @_errors
    async def upload(request: Request) -> Response:
        q = request.query_params
        name = _name(q.get("name"))
        payload = {"off": q.get("off", ""), "lang": q.get("lang")}
        limit = config(payload, name).max_file_size
        data = await _body(request, limit, name)
        read = await _locked(service.read_upload, data, name, settings)
        return JSONResponse(read)

    @_errors
    async def download(request: Request) -> Response:
        payload = await _json(request, settings.max_file_size)
        name = _name(payload.get("name"))
        enc = payload.get("encoding")
        if enc not in (None, "utf-8", "gb18030", "utf-16-le", "utf-16-be"):
            raise SpeechlintError(f"bad request: unknown encoding {enc!r}")
        data = service.encode_text(_text(payload), enc, str(payload.get("bom") or ""),
                                   str(payload.get("eol") or "\n"))
        return Response(data, media_type="application/octet-stream",
                        headers={"Content-Disposition": _attachment(name)})

    @_errors
    async def annotate(request: Request) -> Response:
        q = request.query_params
        name = _name(q.get("name"), "draft.docx")
        cfg = config({"off": q.get("off", ""), "lang": q.get("lang")}, name)
        data = await _body(request, cfg.max_file_size, name)
        out, count = await _locked(service.annotate, data, name, cfg)
        stem = name[:-5] if name.lower().endswith(".docx") else name
        return Response(out, media_type=_DOCX, headers={
            "Content-Disposition": _attachment(f"{stem}.annotated.docx"),
            "X-Speechlint-Comments": str(count)})

    routes = [
        Route("/", index),
        Route("/api/info", info),
        Route("/api/rule/{code}", rule),
        Route("/api/check", check, methods=["POST"]),
        Route("/api/fix", fix, methods=["POST"]),
        Route("/api/upload", upload, methods=["POST"]),
        Route("/api/download", download, methods=["POST"]),
        Route("/api/annotate", annotate, methods=["POST"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    return Guard(Starlette(routes=routes), hosts, token)


def _filetype(payload: dict[str, Any], name: str) -> str:
    from ..engine import filetype_of

    ft = payload.get("filetype")
    return ft if ft in ("txt", "md") else filetype_of(name)


_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
#: The page loads nothing from elsewhere and is never framed.
_PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data: blob:; object-src 'none'; "
                               "frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
