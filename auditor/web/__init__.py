"""``auditor serve``: the supervisor's workbench, a local Flask app over the review store.

Pages are Jinja templates (``templates/``, autoescaped); the drawn tables are the HTML export's. Every change is a
POST with a CSRF token (Flask-WTF); the self-check API (``POST /api/check``, ``GET /api/rules``) takes no cookies,
so it needs none. With a token (required off this computer) every request must carry it: ``?token=`` once in the
browser (then a session cookie), ``Authorization: Bearer …`` or ``X-Auditor-Token`` for programs. Reports are
addressed by their path inside the opened folder; any other path is refused.
"""

from __future__ import annotations

import hmac
import io
import os
import secrets
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from flask import Flask, Response, abort, g, jsonify, redirect, render_template, request, send_file, session, url_for
from flask_wtf.csrf import CSRFError, CSRFProtect
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from auditor.batch import Settings, build_engine
from auditor.config import Config
from auditor.engine import Engine, FileResult
from auditor.plugins import Plugins
from auditor.readers import Limits
from auditor.reporters.columns import place_text
from auditor.reporters.drawing import drawn_tables
from auditor.reporters.html_format import stylesheet
from auditor.reporters.json_format import JsonReporter
from auditor.reporting import RunInfo, Summary
from auditor.rule import Severity
from auditor.store import DISMISSED, STATUS_TEXT, STATUSES, Store, StoredResult, reviewed_verdict
from auditor.verdict import Verdict
from auditor.web.job import AuditJob
from auditor.web.listing import list_rows
from auditor.web.texts import TEXTS

UPLOADS = "uploads"


@dataclass
class Workbench:
    """What the app works on: the folder, the store, the engine (shared under a lock) and the audit job."""

    root: str
    store: Store
    engine: Engine
    engine_lock: threading.Lock
    plugins: Plugins
    fail_on: Severity
    token: str | None
    job: AuditJob

    def start_audit(self) -> bool:
        return self.job.start()

    def inside(self, relative: str) -> str | None:
        """The absolute path of ``relative`` if it lies inside the opened folder (symlinks resolved), else None."""
        if "\x00" in relative or os.path.isabs(relative) or relative.startswith("\\"):
            return None
        candidate = os.path.realpath(os.path.join(self.root, relative))
        if candidate != self.root and not candidate.startswith(self.root + os.sep):
            return None
        return candidate

    def relative(self, path: str) -> str:
        return Path(os.path.relpath(path, self.root)).as_posix()


def create_app(
    root: str,
    db: str,
    *,
    config: Config | None = None,
    plugins: Plugins | None = None,
    limits: Limits | None = None,
    token: str | None = None,
    max_upload: int | None = None,
    local_only: bool = True,
) -> Flask:
    config = config or Config()
    plugins = plugins or Plugins()
    limits = limits or Limits()
    root = os.path.realpath(root)
    store = Store(db)
    engine = build_engine(Settings(config, limits, keep_tables=True), plugins)
    lock = threading.Lock()
    fail_on = Severity.parse(config.fail_on)
    bench = Workbench(root, store, engine, lock, plugins, fail_on, token, AuditJob(root, store, engine, lock, fail_on))

    app = Flask(__name__)
    # The page templates, then those shared with the HTML export (the drawn table).
    app.jinja_loader = ChoiceLoader([FileSystemLoader(Path(__file__).parent / "templates"), PackageLoader("auditor")])
    app.jinja_env.trim_blocks = app.jinja_env.lstrip_blocks = True
    app.config.update(
        SECRET_KEY=secrets.token_hex(32),
        MAX_CONTENT_LENGTH=max_upload or limits.max_bytes,
        WTF_CSRF_TIME_LIMIT=None,  # a page left open all afternoon still posts
        SESSION_COOKIE_SAMESITE="Strict",
        SESSION_COOKIE_HTTPONLY=True,
        JSON_AS_ASCII=False,
    )
    if local_only:  # a page on another site cannot reach this one through a DNS name it controls
        app.config["TRUSTED_HOSTS"] = ["127.0.0.1", "localhost", "[::1]"]
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.extensions["workbench"] = bench
    csrf = CSRFProtect(app)
    run_info = RunInfo(plugins.rules, config.lang, fail_on)

    # ── language, token, errors ─────────────────────────────────────────────────────────────────────────
    @app.before_request
    def _before() -> Any:
        chosen = request.args.get("lang")
        g.lang = chosen if chosen in ("zh", "en") else request.cookies.get("lang", config.lang)
        if g.lang not in ("zh", "en"):
            g.lang = "zh"
        if token is None:
            return None
        supplied = request.headers.get("X-Auditor-Token") or request.args.get("token") or ""
        authorization = request.headers.get("Authorization", "")
        if authorization.startswith("Bearer "):
            supplied = authorization[len("Bearer ") :]
        if supplied and hmac.compare_digest(supplied.encode(), token.encode()):
            if not request.path.startswith("/api/"):
                session["authorised"] = True
            return None
        if session.get("authorised") and not request.path.startswith("/api/"):
            return None
        return _error(401, t("unauthorised"))

    @app.after_request
    def _after(response: Response) -> Response:
        if request.args.get("lang") in ("zh", "en"):
            response.set_cookie("lang", request.args["lang"], samesite="Strict", max_age=365 * 86400)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    def t(key: str, *args: Any) -> str:
        text = TEXTS[key].get(getattr(g, "lang", "zh"))
        return text.format(*args) if args else text

    def _error(status: int, message: str, **extra: Any) -> Response:
        if request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json":
            response = jsonify({"error": {"status": status, "message": message, **extra}})
        else:
            response = Response(render_template("error.html", status=status, message=message), mimetype="text/html")
        response.status_code = status
        return response

    @app.errorhandler(RequestEntityTooLarge)
    def _too_large(_exc: Exception) -> Response:
        return _error(413, t("too_large", app.config["MAX_CONTENT_LENGTH"]))

    @app.errorhandler(CSRFError)
    def _csrf(_exc: Exception) -> Response:
        return _error(400, t("csrf"))

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException) -> Response:
        return _error(exc.code or 500, exc.description or exc.name)

    @app.context_processor
    def _context() -> dict[str, Any]:
        return {
            "t": t,
            "lang": g.get("lang", "zh"),
            "bench": bench,
            "severity_text": lambda s: Severity(s).text(g.lang),
            "verdict_text": lambda v: Verdict(v).text(g.lang),
            "status_text": lambda s: STATUS_TEXT[s].get(g.lang),
        }

    # ── pages ───────────────────────────────────────────────────────────────────────────────────────────
    @app.get("/")
    def index() -> Any:
        run = store.latest_run(root)
        rows = list_rows(bench, run) if run is not None else []
        filters = {k: request.args.get(k, "").strip() for k in ("body", "year", "verdict", "rule")}
        shown = [r for r in rows if r.matches(filters)]
        sort = request.args.get("sort", "path")
        descending = request.args.get("order") == "desc"
        shown.sort(key=lambda r: r.sort_key(sort), reverse=descending)
        codes = sorted({code for r in rows for code in r.codes})
        return render_template(
            "index.html",
            run=run,
            rows=shown,
            total=len(rows),
            filters=filters,
            sort=sort,
            descending=descending,
            codes=codes,
            years=sorted({r.year for r in rows if r.year}),
            verdicts=list(Verdict),
            progress=bench.job.progress.to_json(),
        )

    @app.post("/audit")
    def audit() -> Any:
        bench.start_audit()
        return redirect(url_for("index"))

    @app.get("/api/progress")
    def progress() -> Any:
        return jsonify(bench.job.progress.to_json())

    @app.post("/upload")
    def upload() -> Any:
        files = [f for f in request.files.getlist("files") if f.filename]
        if not files:
            return _error(400, t("no_file"))
        if bench.job.progress.to_json()["running"]:
            return _error(409, t("busy"))
        folder = os.path.join(root, UPLOADS)
        os.makedirs(folder, exist_ok=True)
        for item in files:
            item.save(os.path.join(folder, safe_name(item.filename or "")))
        bench.start_audit()
        return redirect(url_for("index"))

    def _result(relative: str) -> tuple[str, StoredResult]:
        path = bench.inside(relative)
        if path is None:
            abort(404, t("refused"))
        run = store.latest_run(root)
        stored = store.result(run["id"], path) if run is not None else None
        if stored is None:
            abort(404, t("not_found"))
        return path, stored

    @app.get("/report/<path:relative>")
    def report(relative: str) -> Any:
        _path, stored = _result(relative)
        findings = store.findings(stored.id)
        decisions = store.decisions().for_result(stored, (f.fingerprint for f in findings))
        tables = store.tables(stored.id)
        rows = [{"fingerprint": f.fingerprint, "code": f.code, "severity": int(f.severity)} for f in findings]
        verdict = reviewed_verdict(stored, rows, decisions, fail_on)
        items = [
            {
                "finding": f,
                "place": place_text(f.place, g.lang),
                "tables": drawn_tables(f, tables, g.lang),
                "rule": plugins.rules.get(f.code),
                "decision": decisions.get(f.fingerprint),
                "history": store.history(stored, f.fingerprint),
            }
            for f in findings
        ]
        return render_template(
            "report.html",
            stored=stored,
            relative=bench.relative(stored.path),
            items=items,
            verdict=verdict,
            statuses=STATUSES,
            who=unquote(request.cookies.get("who", "")) or _default_who(),
        )

    @app.post("/report/<path:relative>/decide")
    def decide(relative: str) -> Any:
        _path, stored = _result(relative)
        fingerprint = request.form.get("fingerprint", "")
        status = request.form.get("status", "")
        reason = request.form.get("reason", "").strip()
        who = request.form.get("who", "").strip()[:80]
        known = {f.fingerprint: f for f in store.findings(stored.id)}
        if fingerprint not in known or status not in STATUSES:
            abort(400, t("bad_request", "fingerprint/status"))
        if status == DISMISSED and not reason:
            abort(400, t("reason_required"))
        if not who:
            abort(400, t("bad_request", t("who")))
        store.decide(stored, fingerprint, known[fingerprint].code, status, who, reason[:2000])
        response = redirect(url_for("report", relative=relative) + f"#f-{fingerprint}")
        response.set_cookie("who", quote(who), samesite="Strict", max_age=365 * 86400)
        return response

    @app.get("/source/<path:relative>")
    def source(relative: str) -> Any:
        path, _stored = _result(relative)  # only a report the folder's audit read: not the store, not other files
        if not os.path.isfile(path):
            abort(404, t("not_found"))
        return send_file(path, as_attachment=True, download_name=os.path.basename(path))

    @app.get("/notice/<path:relative>")
    def notice(relative: str) -> Any:
        from auditor.notices import confirmed_by_body, rectification_notice, to_bytes

        _path, stored = _result(relative)
        body = stored.body or os.path.basename(stored.path)
        items = confirmed_by_body(store, stored.run_id).get((body, stored.year), [])
        document = rectification_notice(body, stored.year, items, plugins.rules)
        name = f"整改通知-{body}-{stored.year or ''}.docx"
        return _docx(to_bytes(document), name)

    @app.get("/circular.docx")
    def circular_docx() -> Any:
        from auditor.notices import circular, to_bytes

        run = store.latest_run(root, done=True)
        if run is None:
            abort(404, t("no_run"))
        return _docx(to_bytes(circular(store, run["id"], plugins.rules)), f"通报-审查{run['id']}.docx")

    @app.get("/export.css")
    def export_css() -> Any:
        return Response(stylesheet(), mimetype="text/css")

    # ── the self-check API ──────────────────────────────────────────────────────────────────────────────
    @app.get("/api/rules")
    def api_rules() -> Any:
        return jsonify([r.to_json() for r in sorted(plugins.rules.values(), key=lambda r: r.code)])

    @csrf.exempt
    @app.post("/api/check")
    def api_check() -> Any:
        upload = request.files.get("file")
        if upload is not None and upload.filename:
            name, data = upload.filename, upload.read()
        else:
            name = unquote(request.headers.get("X-Filename") or request.args.get("filename") or "")  # may be %-encoded
            data = _body(app.config["MAX_CONTENT_LENGTH"]) if not request.files else b""
        if not data or not name:
            return _error(400, t("no_file"))
        name = safe_name(name)
        with tempfile.TemporaryDirectory(prefix="auditor-api-") as folder:
            path = os.path.join(folder, name)
            Path(path).write_bytes(data)
            with lock:
                result = engine.check_file(path)
        result.path = name
        for finding in result.findings:
            finding.path = name
        document, verdict = findings_document(result, run_info)
        status = 200
        fatal = next((f for f in result.findings if f.severity == Severity.FATAL), None)
        if fatal is not None:  # unreadable, or not a report: nothing was audited
            message = t("not_audited", fatal.message.get(g.lang))
            response = jsonify({"error": {"status": 422, "code": fatal.code, "message": message}, **document})
            status = 422
        else:
            response = jsonify(document)
        response.status_code = status
        response.headers["X-Auditor-Verdict"] = verdict.value
        return response

    def _docx(data: bytes, name: str) -> Any:
        return send_file(
            io.BytesIO(data),
            mimetype="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            as_attachment=True,
            download_name=name,
        )

    return app


def findings_document(result: FileResult, run: RunInfo) -> tuple[dict[str, Any], Verdict]:
    """The JSON of ``auditor check --format json`` for one file, with its verdict in the file's entry."""
    import json

    out = io.StringIO()
    reporter = JsonReporter()
    reporter.begin(out, run)
    summary = Summary()
    summary.add(result, run.fail_on)
    reporter.file(result)
    reporter.end(summary)
    document = json.loads(out.getvalue())
    verdict = result.verdict(run.fail_on)
    document["files"][0]["verdict"] = verdict.value
    return document, verdict


def _body(limit: int) -> bytes:
    """The raw request body, refused past ``limit`` (a body sent without its length is cut off there otherwise)."""
    chunks, size = [], 0
    while chunk := request.stream.read(1 << 20):
        size += len(chunk)
        if size > limit:
            raise RequestEntityTooLarge()
        chunks.append(chunk)
    return b"".join(chunks)


def safe_name(name: str) -> str:
    """A file name from a client: its last component, without separators, control characters or leading dots."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable() and ch not in '<>:"|?*').strip().lstrip(".")
    return base[:120] or "report.txt"


def _default_who() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # no user name in this environment
        return ""
