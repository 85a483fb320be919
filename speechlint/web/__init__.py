"""``speechlint serve``: a local web page to check a draft in the browser, offline.

The page (``speechlint/web/static``) and its API (:mod:`speechlint.web.app`) run on
Starlette and uvicorn, imported only by ``serve``.  This module holds the command's
options and the start-up: bind the socket, print the address, open the browser.
"""

from __future__ import annotations

import argparse
import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    import socket

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
#: Ports tried after the default one when it is taken (an explicit --port is not moved).
_PORT_TRIES = 10


def add_parser(sub: argparse._SubParsersAction, formatter: type[argparse.HelpFormatter]) -> None:  # type: ignore[type-arg]
    """The ``serve`` subcommand's options."""
    from ..i18n import help_text

    parser = sub.add_parser("serve", formatter_class=formatter, add_help=False,
                            help="打开本地网页检查讲话稿 / open a local web page to check drafts")
    s = parser.add_argument_group(help_text("options"))
    s.add_argument("-h", "--help", action="help", help=help_text("show this help and exit"))
    s.add_argument("--host", default=DEFAULT_HOST,
                   help=f"监听地址（默认 {DEFAULT_HOST}；其他地址须同时给出 --token） / "
                        f"address to listen on (default {DEFAULT_HOST}; any other address needs --token)")
    s.add_argument("--port", type=int, default=None,
                   help=f"端口（默认 {DEFAULT_PORT}，被占用时顺延；0：任一空闲端口） / "
                        f"port (default {DEFAULT_PORT}, or the next free one; 0: any free port)")
    s.add_argument("--token", default=None,
                   help="每个请求须带的访问令牌（默认取 $SPEECHLINT_TOKEN）；监听网络地址时必须给出 / "
                        "access token every request must carry (default: $SPEECHLINT_TOKEN); "
                        "required with a network --host")
    s.add_argument("--no-open", dest="open", action="store_false",
                   help="不在默认浏览器中打开网页 / do not open the page in the default browser")
    s.add_argument("--config", metavar="FILE",
                   help="使用此配置文件，不再自动查找 / use this configuration file instead of discovering one")
    s.add_argument("--isolated", action="store_true", help="忽略所有配置文件 / ignore every configuration file")
    s.add_argument("--max-file-size", metavar="SIZE", default=None,
                   help="拒绝超过此大小的稿件（默认 20MB 或配置中的值） / "
                        "refuse larger drafts (default 20MB, or the configuration's)")


def is_loopback(host: str) -> bool:
    import ipaddress

    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def run(args: argparse.Namespace) -> int:
    """Start the server and serve until interrupted (Ctrl-C)."""
    from ..errors import SpeechlintError

    try:
        import uvicorn

        from . import app, service
    except ImportError as exc:
        raise SpeechlintError(f"'speechlint serve' needs {exc.name}: pip install 'speechlint[web]'") from None

    token = args.token or os.environ.get("SPEECHLINT_TOKEN") or None
    host = args.host
    network = not is_loopback(host)
    if network and not token:
        raise SpeechlintError(
            f"--host {host} listens on the network: every request must then carry an access "
            "token; give one with --token TOKEN (or SPEECHLINT_TOKEN), or keep the default "
            f"--host {DEFAULT_HOST}")
    size = None
    if args.max_file_size is not None:
        from ..io import parse_size

        try:
            size = parse_size(args.max_file_size)
        except ValueError as exc:
            raise SpeechlintError(str(exc)) from None
    settings = service.Settings(os.getcwd(), args.config, args.isolated, size)
    sock = _bind(host, args.port)
    port = sock.getsockname()[1]
    if network:
        hosts = None if host in ("0.0.0.0", "::") else {host.strip("[]").lower(), "127.0.0.1", "localhost", "::1"}
    else:
        hosts = {host.strip("[]").lower(), "127.0.0.1", "localhost", "::1"}
    application = app.create_app(settings, hosts=hosts, token=token)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/"
    local = f"http://127.0.0.1:{port}/" if host in ("0.0.0.0", "::") else url
    secret = f"?token={token}" if token else ""
    if network:
        import socket

        other = f"http://{socket.gethostname()}:{port}/" if host in ("0.0.0.0", "::") else url
        print(f"speechlint serve: listening on the network at {url}\n"
              f"  access token required: open {other}{secret} (on this computer: {local}{secret})",
              flush=True)
    else:
        print(f"speechlint serve: {url}{secret}  (Ctrl+C 停止 / to stop)", flush=True)
    if args.open:
        import webbrowser

        webbrowser.open(local + secret)
    config = uvicorn.Config(application, log_level="warning", access_log=False, lifespan="off",
                            server_header=False, timeout_graceful_shutdown=2)
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
    return 0


def _bind(host: str, port: int | None) -> socket.socket:
    """A listening socket on ``host``: ``port``, or the default port or the next free one."""
    import errno
    import socket

    from ..errors import SpeechlintError

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    candidates = [port] if port is not None else [DEFAULT_PORT + i for i in range(_PORT_TRIES)]
    last: OSError | None = None
    for p in candidates:
        try:
            return socket.create_server((host.strip("[]"), p), family=family, backlog=64)
        except OSError as exc:
            last = exc
            if exc.errno != errno.EADDRINUSE:
                break
    detail = last.strerror if last is not None and last.strerror else str(last)
    where = f"port {port}" if port is not None else f"ports {candidates[0]}-{candidates[-1]}"
    raise SpeechlintError(f"cannot listen on {host} ({where}): {detail}")

