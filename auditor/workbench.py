"""The supervisor's workbench on the command line: ``auditor serve`` (the web app) and ``auditor notice`` (整改通知
and 通报 as DOCX). Imports nothing heavy until a command runs: Flask and python-docx are the optional ``[web]`` extra,
and without them the command says in one line how to install it.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from typing import Any

from auditor.errors import ConfigError

INSTALL_WEB = "pip install 'gov-report-auditor[web]'"
DEFAULT_PORT = 8150
DEFAULT_DB = "auditor-review.db"


def _missing(what: str, exc: ImportError) -> int:
    print(
        f"auditor {what} 需要 Web 组件（缺少 {exc.name}）：{INSTALL_WEB} / "
        f"auditor {what} needs the web extra (missing {exc.name}): {INSTALL_WEB}",
        file=sys.stderr,
    )
    return 2


def serve_arguments(sub: Any, common: argparse.ArgumentParser, size: Callable[[str], int]) -> argparse.ArgumentParser:
    serve = sub.add_parser(
        "serve", parents=[common], help="审查工作台（本机网页）/ the supervisor's workbench: a local web app"
    )
    serve.add_argument(
        "folder", nargs="?", default=".", metavar="FOLDER", help="报告所在文件夹 / the folder of reports (default .)"
    )
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"端口 / port (default {DEFAULT_PORT})")
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="监听地址 / address to listen on (default 127.0.0.1, this computer only); any other needs a token",
    )
    serve.add_argument(
        "--token",
        default=os.environ.get("AUDITOR_TOKEN"),
        help="访问令牌 / access token for --host (default $AUDITOR_TOKEN; made up and printed when missing)",
    )
    serve.add_argument(
        "--db", metavar="FILE", help=f"复核库 / review store (default: config db, else FOLDER/{DEFAULT_DB})"
    )
    serve.add_argument(
        "--max-upload", type=size, default=None, metavar="SIZE", help="最大上传 / largest upload (default: --max-bytes)"
    )
    serve.add_argument("--no-audit", action="store_true", help="启动时不审查 / do not audit the folder on start")
    return serve


def notice_arguments(sub: Any, common: argparse.ArgumentParser) -> argparse.ArgumentParser:
    notice = sub.add_parser(
        "notice",
        parents=[common],
        help="整改通知与通报（DOCX）/ rectification notices per body and the circular draft of a recorded run",
    )
    notice.add_argument("--db", metavar="FILE", help="复核库 / review store (default: config db)")
    notice.add_argument("--run", type=int, metavar="ID", help="审查批次 / run id (default: the latest finished run)")
    notice.add_argument("--body", metavar="NAME", help="只写此机关 / only this issuing body's notice")
    notice.add_argument(
        "--office", default=None, metavar="NAME", help="发文单位 / the issuing office named in the documents"
    )
    notice.add_argument(
        "--deadline-days", type=int, default=15, metavar="N", help="整改期限（工作日） / working days to correct (15)"
    )
    notice.add_argument(
        "-o", "--output-dir", default="notices", metavar="FOLDER", help="输出文件夹 / where to write (notices/)"
    )
    return notice


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        import ipaddress

        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(args: argparse.Namespace, setup: tuple[Any, Any], limits: Any) -> int:
    try:
        from auditor.web import create_app
    except ImportError as exc:
        return _missing("serve", exc)
    config, plugins = setup
    folder = os.path.abspath(args.folder)
    if not os.path.isdir(folder):
        raise ConfigError("不是文件夹", "not a folder", args.folder)
    db = args.db or config.db or os.path.join(folder, DEFAULT_DB)
    token = args.token
    if not _is_loopback(args.host) and not token:
        import secrets

        token = secrets.token_urlsafe(24)
    app = create_app(
        folder,
        db,
        config=config,
        plugins=plugins,
        limits=limits,
        token=token,
        max_upload=args.max_upload or limits.max_bytes,
        local_only=_is_loopback(args.host),
    )
    if not args.no_audit:
        app.extensions["workbench"].start_audit()
    shown = "127.0.0.1" if args.host in ("0.0.0.0", "::") else args.host
    url = f"http://{shown}:{args.port}/" + (f"?token={token}" if token else "")
    print(f"审查工作台 / workbench: {url}  （{folder}，{db}；Ctrl+C 退出 / to stop）", file=sys.stderr)
    from werkzeug.serving import run_simple

    run_simple(args.host, args.port, app, threaded=True)
    return 0


def notice(args: argparse.Namespace, config: Any) -> int:
    try:
        from auditor.notices import write_notices
    except ImportError as exc:
        return _missing("notice", exc)
    db = args.db or config.db
    if not db:
        raise ConfigError(
            "请用 --db 指定审查数据库（或在配置中设置 db）",
            "name the review store with --db (or db in the configuration)",
        )
    if not os.path.isfile(db):
        raise ConfigError("审查数据库不存在", "no such review store", db)
    from auditor.plugins import Plugins
    from auditor.store import Store

    store = Store(db)
    written = write_notices(
        store,
        args.output_dir,
        rules=Plugins(require=args.require_plugins).rules,
        run_id=args.run,
        body=args.body,
        office=args.office,
        deadline_days=args.deadline_days,
    )
    for path in written:
        print(path)
    return 0
