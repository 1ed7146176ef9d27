"""The review store: audit runs, the files they read, their findings, and the supervisor's decisions on them.

One SQLite file (``[tool.auditor] db = "review.db"`` or ``--db FILE``), nothing to install. The schema is versioned
(``PRAGMA user_version``) and upgraded by the ordered ``MIGRATIONS`` when a store is opened. The journal is a
write-ahead log and every step is one transaction, so a process killed mid-run loses at most the file it was
writing, never a decision.

A decision (确认 confirmed / 驳回 dismissed, with its reason / 已整改 fixed) is made on one finding of one file, but
it is about the finding, not the file's bytes: it follows the finding's fingerprint across re-runs of the same path
and across a corrected version of the same body's report (same issuing body, year and fingerprint). Decisions are
never updated in place; the latest one made on a finding is the one in force, and the others are its history.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from auditor import __version__
from auditor.engine import FileResult
from auditor.errors import ConfigError
from auditor.review import CONFIRMED, DISMISSED, FIXED, STATUS_TEXT, STATUSES, finding_from_json
from auditor.rule import Finding, Severity
from auditor.verdict import Verdict, verdict_of

__all__ = ["CONFIRMED", "DISMISSED", "FIXED", "STATUSES", "STATUS_TEXT", "Store", "finding_from_json"]

SYSTEM = "auditor"  # who made a decision the store made itself (a confirmed finding gone from a later version)

# Each entry upgrades the schema by one version; never edit one that has shipped, append a new one.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        root TEXT NOT NULL,
        fail_on TEXT NOT NULL,
        tool_version TEXT NOT NULL,
        total INTEGER,
        status TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done'))
    );
    CREATE TABLE files (
        id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL,
        path TEXT NOT NULL,
        UNIQUE (sha256, path)
    );
    CREATE TABLE results (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs (id),
        file_id INTEGER NOT NULL REFERENCES files (id),
        path TEXT NOT NULL,
        body TEXT,
        body_key TEXT,
        year INTEGER,
        variant TEXT,
        format TEXT,
        assessed INTEGER NOT NULL,
        tables TEXT,
        UNIQUE (run_id, path)
    );
    CREATE TABLE findings (
        id INTEGER PRIMARY KEY,
        result_id INTEGER NOT NULL REFERENCES results (id),
        fingerprint TEXT NOT NULL,
        code TEXT NOT NULL,
        severity INTEGER NOT NULL,
        data TEXT NOT NULL
    );
    CREATE INDEX findings_of_result ON findings (result_id);
    CREATE TABLE decisions (
        id INTEGER PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        code TEXT NOT NULL,
        path TEXT NOT NULL,
        body_key TEXT,
        year INTEGER,
        status TEXT NOT NULL CHECK (status IN ('confirmed', 'dismissed', 'fixed')),
        reason TEXT NOT NULL DEFAULT '',
        who TEXT NOT NULL,
        at TEXT NOT NULL,
        result_id INTEGER REFERENCES results (id),
        CHECK (status != 'dismissed' OR length(trim(reason)) > 0)
    );
    CREATE INDEX decisions_by_fingerprint ON decisions (fingerprint);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def file_hash(path: str) -> str:
    """The SHA-256 of a file's bytes ("" when it cannot be read: the finding says why)."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return ""
    return digest.hexdigest()


def body_key(name: str | None) -> str | None:
    """The issuing body as decisions match it: the cross-year check's key (spaces, 人民政府/办事处 at the end dropped)."""
    if not name:
        return None
    from auditor.regions import body_key as key

    return key(name) or None


@dataclass(frozen=True)
class Decision:
    id: int
    fingerprint: str
    code: str
    path: str
    body_key: str | None
    year: int | None
    status: str
    reason: str
    who: str
    at: str

    def to_json(self) -> dict[str, Any]:
        return {"status": self.status, "reason": self.reason, "who": self.who, "at": self.at, "path": self.path}


@dataclass
class StoredResult:
    """One file's result in one run, as the store holds it (findings kept as JSON until asked for)."""

    id: int
    run_id: int
    path: str
    body: str | None
    body_key: str | None
    year: int | None
    variant: str | None
    format: str | None
    assessed: bool
    sha256: str
    file_id: int


class Decisions:
    """The decisions in force, looked up by a file's path or its body and year, and a finding's fingerprint."""

    def __init__(self, rows: Iterable[Decision]) -> None:
        self.by_path: dict[tuple[str, str], Decision] = {}
        self.by_body: dict[tuple[str, int | None, str], Decision] = {}
        for decision in rows:  # in id order: a later decision replaces an earlier one
            self.by_path[(decision.path, decision.fingerprint)] = decision
            if decision.body_key:
                self.by_body[(decision.body_key, decision.year, decision.fingerprint)] = decision

    def of(self, fingerprint: str, path: str, key: str | None, year: int | None) -> Decision | None:
        found = [self.by_path.get((path, fingerprint))]
        if key:
            found.append(self.by_body.get((key, year, fingerprint)))
        present = [d for d in found if d is not None]
        return max(present, key=lambda d: d.id) if present else None

    def for_result(self, result: StoredResult, fingerprints: Iterable[str]) -> dict[str, Decision]:
        out = {}
        for fp in fingerprints:
            decision = self.of(fp, result.path, result.body_key, result.year)
            if decision is not None:
                out[fp] = decision
        return out


class Store:
    """A review store file. Safe to share between threads: each thread gets its own connection."""

    def __init__(self, path: str) -> None:
        self.path = os.path.abspath(path)
        self._local = threading.local()
        connection = self.connection()
        try:
            version = connection.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise ConfigError(f"不是审查数据库：{exc}", f"not a review database: {exc}", path) from None
        if version > SCHEMA_VERSION:
            raise ConfigError(
                f"审查数据库的版本（{version}）比本工具新（{SCHEMA_VERSION}），请升级 auditor",
                f"the review database is version {version}, newer than this auditor's {SCHEMA_VERSION}: upgrade",
                path,
            )
        for number in range(version, SCHEMA_VERSION):
            _migrate(connection, number)

    def connection(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            try:
                connection = sqlite3.connect(self.path, timeout=_BUSY_SECONDS, isolation_level=None)
                _write_ahead(connection)
            except sqlite3.Error as exc:
                raise ConfigError(
                    f"无法打开审查数据库：{exc}", f"cannot open the review database: {exc}", self.path
                ) from None
            connection.execute("PRAGMA synchronous = FULL")  # a decision on disk when the call returns
            connection.execute("PRAGMA foreign_keys = ON")
            connection.row_factory = sqlite3.Row
            self._local.connection = connection
        return connection

    def close(self) -> None:
        connection = getattr(self._local, "connection", None)
        if connection is not None:
            connection.close()
            self._local.connection = None

    def _write(self, sql: str, params: Iterable[Any] = ()) -> int:
        connection = self.connection()
        with connection:
            connection.execute("BEGIN IMMEDIATE")
            cursor = connection.execute(sql, tuple(params))
        return cursor.lastrowid or 0

    # ── runs ────────────────────────────────────────────────────────────────────────────────────────────
    def begin_run(self, root: str, fail_on: Severity, total: int | None = None) -> int:
        return self._write(
            "INSERT INTO runs (started_at, root, fail_on, tool_version, total) VALUES (?, ?, ?, ?, ?)",
            (now(), os.path.abspath(root), fail_on.label, __version__, total),
        )

    def add_result(self, run_id: int, result: FileResult, sha256: str | None = None) -> StoredResult:
        """Record one file's result (one transaction); returns it as stored."""
        path = os.path.abspath(result.path)
        sha = file_hash(path) if sha256 is None else sha256
        key = body_key(result.body)
        tables = json.dumps(result.tables, ensure_ascii=False) if result.tables else None
        connection = self.connection()
        with connection:
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("INSERT OR IGNORE INTO files (sha256, path) VALUES (?, ?)", (sha, path))
            found = connection.execute("SELECT id FROM files WHERE sha256 = ? AND path = ?", (sha, path))
            file_id = found.fetchone()[0]
            facts = (result.body, key, result.year, result.variant, result.format, int(result.assessed), tables)
            cursor = connection.execute(
                "INSERT OR REPLACE INTO results (run_id, file_id, path, body, body_key, year, variant, format, "
                "assessed, tables) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (run_id, file_id, path, *facts),
            )
            result_id = cursor.lastrowid or 0
            connection.executemany(
                "INSERT INTO findings (result_id, fingerprint, code, severity, data) VALUES (?, ?, ?, ?, ?)",
                [
                    (result_id, f.fingerprint, f.code, int(f.severity), json.dumps(f.to_json(), ensure_ascii=False))
                    for f in result.findings
                ],
            )
        return StoredResult(
            result_id, run_id, path, result.body, key, result.year, result.variant, result.format, result.assessed, sha,
            file_id,
        )  # fmt: skip

    def finish_run(self, run_id: int) -> int:
        """Close a run; a confirmed finding that the latest version of its report no longer has is marked fixed
        (已整改). Returns the number of findings so marked."""
        results = self.results(run_id)
        decisions = self.decisions()
        latest: dict[tuple[Any, ...], StoredResult] = {}  # the newest content of each report audited in this run
        for result in results:
            subject: tuple[Any, ...] = (
                ("body", result.body_key, result.year) if result.body_key else ("path", result.path)
            )
            if subject not in latest or result.file_id > latest[subject].file_id:
                latest[subject] = result
        fixed = 0
        for result in latest.values():
            rows = self.finding_rows(result.id)
            if any(row["severity"] == Severity.FATAL for row in rows):
                continue  # not read this time: absent findings say nothing
            present = {row["fingerprint"] for row in rows}
            gone: dict[str, Decision] = {}
            for decision in [*decisions.by_path.values(), *decisions.by_body.values()]:
                same = decision.path == result.path or (
                    result.body_key is not None and (decision.body_key, decision.year) == (result.body_key, result.year)
                )
                if decision.fingerprint in present or not same:
                    continue
                current = decisions.of(decision.fingerprint, result.path, result.body_key, result.year)
                if current is not None and current.status == CONFIRMED:
                    gone[current.fingerprint] = current
            for current in gone.values():
                self.decide(result, current.fingerprint, current.code, FIXED, SYSTEM, _gone_reason(result.path))
            fixed += len(gone)
        self._write("UPDATE runs SET finished_at = ?, status = 'done' WHERE id = ?", (now(), run_id))
        return fixed

    def runs(self) -> list[sqlite3.Row]:
        return self.connection().execute("SELECT * FROM runs ORDER BY id DESC").fetchall()

    def run(self, run_id: int) -> sqlite3.Row | None:
        row: sqlite3.Row | None = self.connection().execute("SELECT * FROM runs WHERE id = ?", (run_id,)).fetchone()
        return row

    def latest_run(self, root: str | None = None, done: bool = False) -> sqlite3.Row | None:
        sql = "SELECT * FROM runs WHERE 1 = 1"
        params: list[Any] = []
        if root is not None:
            sql += " AND root = ?"
            params.append(os.path.abspath(root))
        if done:
            sql += " AND status = 'done'"
        row: sqlite3.Row | None = self.connection().execute(sql + " ORDER BY id DESC LIMIT 1", params).fetchone()
        return row

    # ── results and findings ────────────────────────────────────────────────────────────────────────────
    def results(self, run_id: int) -> list[StoredResult]:
        rows = self.connection().execute(
            "SELECT r.id, r.run_id, r.path, r.body, r.body_key, r.year, r.variant, r.format, r.assessed, f.sha256, f.id "
            "FROM results r JOIN files f ON f.id = r.file_id WHERE r.run_id = ? ORDER BY r.path",
            (run_id,),
        )
        return [StoredResult(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], bool(r[8]), r[9], r[10]) for r in rows]

    def result(self, run_id: int, path: str) -> StoredResult | None:
        return next((r for r in self.results(run_id) if r.path == os.path.abspath(path)), None)

    def finding_rows(self, result_id: int) -> list[sqlite3.Row]:
        return (
            self.connection()
            .execute("SELECT fingerprint, code, severity FROM findings WHERE result_id = ? ORDER BY id", (result_id,))
            .fetchall()
        )

    def run_findings(self, run_id: int) -> dict[int, list[sqlite3.Row]]:
        """Fingerprint, code and severity of every finding of a run, by result id (one query: for the list page)."""
        out: dict[int, list[sqlite3.Row]] = {}
        rows = self.connection().execute(
            "SELECT f.result_id, f.fingerprint, f.code, f.severity FROM findings f JOIN results r "
            "ON r.id = f.result_id WHERE r.run_id = ? ORDER BY f.id",
            (run_id,),
        )
        for row in rows:
            out.setdefault(row["result_id"], []).append(row)
        return out

    def findings(self, result_id: int) -> list[Finding]:
        rows = self.connection().execute("SELECT data FROM findings WHERE result_id = ? ORDER BY id", (result_id,))
        return [finding_from_json(json.loads(row[0])) for row in rows]

    def tables(self, result_id: int) -> dict[str, Any]:
        row = self.connection().execute("SELECT tables FROM results WHERE id = ?", (result_id,)).fetchone()
        return json.loads(row[0]) if row and row[0] else {}

    # ── decisions ───────────────────────────────────────────────────────────────────────────────────────
    def decide(
        self, result: StoredResult, fingerprint: str, code: str, status: str, who: str, reason: str = ""
    ) -> Decision:
        """Record a decision on one finding of a stored result (one transaction, on disk when this returns)."""
        reason = reason.strip()
        who = who.strip()
        if status not in STATUSES:
            raise ValueError(f"unknown decision {status!r}: use one of {', '.join(STATUSES)}")
        if status == DISMISSED and not reason:
            raise ValueError("a dismissal needs a reason / 驳回须说明理由")
        if not who:
            raise ValueError("a decision needs the name of who made it / 须填写审核人")
        at = now()
        decision_id = self._write(
            "INSERT INTO decisions (fingerprint, code, path, body_key, year, status, reason, who, at, result_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (fingerprint, code, result.path, result.body_key, result.year, status, reason, who, at, result.id),
        )
        return Decision(
            decision_id, fingerprint, code, result.path, result.body_key, result.year, status, reason, who, at
        )

    def decisions(self) -> Decisions:
        rows = self.connection().execute(
            "SELECT id, fingerprint, code, path, body_key, year, status, reason, who, at FROM decisions ORDER BY id"
        )
        return Decisions(Decision(*row) for row in rows)

    def history(self, result: StoredResult, fingerprint: str) -> list[Decision]:
        """Every decision made on this finding, oldest first."""
        rows = self.connection().execute(
            "SELECT id, fingerprint, code, path, body_key, year, status, reason, who, at FROM decisions "
            "WHERE fingerprint = ? AND (path = ? OR (body_key IS NOT NULL AND body_key = ? AND year IS ?)) ORDER BY id",
            (fingerprint, result.path, result.body_key, result.year),
        )
        return [Decision(*row) for row in rows]


_BUSY_SECONDS = 30


def _write_ahead(connection: sqlite3.Connection) -> None:
    """Switch a store to write-ahead logging. Connections opening a new file at once race for the switch, and SQLite
    answers the loser "database is locked" at once, without waiting (the busy timeout does not cover a change of
    journal mode): try again, for as long as the busy timeout would have waited."""
    deadline = time.monotonic() + _BUSY_SECONDS
    while True:
        try:
            connection.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.005)


def _migrate(connection: sqlite3.Connection, number: int) -> None:
    """Apply migration ``number`` in one transaction, unless another process did while this one waited."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        if connection.execute("PRAGMA user_version").fetchone()[0] == number:
            for statement in MIGRATIONS[number].split(";"):
                if statement.strip():
                    connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {number + 1}")
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


def _gone_reason(path: str) -> str:
    return f"该问题在 {os.path.basename(path)} 中已不再出现 / no longer found in {os.path.basename(path)}"


def reviewed_verdict(
    result: StoredResult, rows: Iterable[Any], decisions: dict[str, Decision], fail_on: Severity
) -> Verdict:
    """The verdict once the dismissed findings are set aside (``rows``: fingerprint and severity of each finding)."""
    kept = [
        _Graded(row["code"], Severity(row["severity"]))
        for row in rows
        if (d := decisions.get(row["fingerprint"])) is None or d.status != DISMISSED
    ]
    return verdict_of(kept, result.assessed, fail_on)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class _Graded:
    """A finding as far as a verdict looks at it (its code and severity)."""

    code: str
    severity: Severity


# ── ``auditor check --db``: record the run, set the dismissed findings aside ────────────────────────────────
class Recorder:
    """Records each file's result of a ``check`` run and applies the decisions in force to it: a dismissed
    finding leaves the findings (so it fails no gate and counts in no verdict) and is listed under ``review``."""

    def __init__(self, db: str, given: list[str], fail_on: Severity, total: int | None = None) -> None:
        self.store = Store(db)
        self.db = db
        root = os.path.commonpath([os.path.abspath(p) for p in given])
        root = root if os.path.isdir(root) else os.path.dirname(root)
        self.run_id = self.store.begin_run(root, fail_on, total)
        self.decisions = self.store.decisions()
        self.dismissed = 0

    def apply(self, result: FileResult) -> FileResult:
        stored = self.store.add_result(self.run_id, result)
        found = self.decisions.for_result(stored, (f.fingerprint for f in result.findings))
        if not found:
            return result
        kept, dismissed = [], []
        for finding in result.findings:
            decision = found.get(finding.fingerprint)
            if decision is not None and decision.status == DISMISSED:
                dismissed.append({**finding.to_json(), "decision": decision.to_json()})
            else:
                kept.append(finding)
        self.dismissed += len(dismissed)
        result.findings = kept
        result.review = {
            "decisions": {fp: d.to_json() for fp, d in found.items() if d.status != DISMISSED},
            "dismissed": dismissed,
        }
        return result

    def finish(self, lang: str) -> str:
        """Close the run; a line for the log saying what the review store did."""
        fixed = self.store.finish_run(self.run_id)
        self.store.close()
        if lang == "zh":
            return f"审查记录 {self.run_id} 已存入 {self.db}；{self.dismissed} 条问题已驳回，{fixed} 条确认的问题已整改"
        return (
            f"run {self.run_id} recorded in {self.db}; {self.dismissed} finding(s) dismissed on review, "
            f"{fixed} confirmed finding(s) now fixed"
        )


def walk_results(store: Store, run_id: int) -> Iterator[tuple[StoredResult, list[Finding], dict[str, Decision]]]:
    """Each result of a run with its findings and the decisions in force on them."""
    decisions = store.decisions()
    for result in store.results(run_id):
        findings = store.findings(result.id)
        yield result, findings, decisions.for_result(result, (f.fingerprint for f in findings))
