"""The review store: versioned schema, decisions that follow their finding, the gate without dismissed findings, and
no decision lost when the writer is killed."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from auditor.errors import ConfigError
from auditor.rule import ERROR
from auditor.store import CONFIRMED, DISMISSED, FIXED, SCHEMA_VERSION, SYSTEM, Store, StoredResult, reviewed_verdict
from auditor.verdict import Verdict
from tests.conftest import ROOT
from tests.store.helpers import SIGNED_EARLY, check, corrected_version, seed_folder, seed_in


def _latest(store: Store, path: Path) -> StoredResult:
    run = store.latest_run()
    assert run is not None and run["status"] == "done"
    found = store.result(run["id"], str(path))
    assert found is not None, path
    return found


def _in_force(store: Store, result: StoredResult) -> dict[str, str]:
    findings = store.findings(result.id)
    return {fp: d.status for fp, d in store.decisions().for_result(result, (f.fingerprint for f in findings)).items()}


class _LosesTheSwitch(sqlite3.Connection):
    """A connection that loses the race for the switch to write-ahead logging twice, as SQLite answers it: at once,
    "database is locked", without waiting out the busy timeout."""

    losses = 0

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        if sql.startswith("PRAGMA journal_mode") and _LosesTheSwitch.losses < 2:
            _LosesTheSwitch.losses += 1
            raise sqlite3.OperationalError("database is locked")
        return super().execute(sql, *args)


def test_a_store_opened_while_another_switches_the_journal_waits_instead_of_failing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    connect = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda *args, **kwargs: connect(*args, factory=_LosesTheSwitch, **kwargs))
    store = Store(str(tmp_path / "review.db"))
    assert _LosesTheSwitch.losses == 2
    assert store.connection().execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()


def test_schema_is_versioned_and_a_newer_or_foreign_file_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "review.db"
    store = Store(str(db))
    version = store.connection().execute("PRAGMA user_version").fetchone()[0]
    assert version == SCHEMA_VERSION >= 1
    assert store.connection().execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()
    Store(str(db)).close()  # opening again migrates nothing and loses nothing
    with sqlite3.connect(db) as raw:
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(ConfigError, match="newer"):
        Store(str(db))
    # Several processes or threads opening a new store at once: one migrates, the others wait and find it done.
    fresh = str(tmp_path / "fresh.db")
    errors: list[BaseException] = []

    def open_store() -> None:
        try:
            Store(fresh).close()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=open_store) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    foreign = tmp_path / "notes.db"
    foreign.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(ConfigError, match="review database"):
        Store(str(foreign))


def test_a_decision_follows_its_finding_across_reruns_and_a_corrected_version(tmp_path: Path) -> None:
    folder = seed_folder(tmp_path / "reports")
    db = str(tmp_path / "review.db")
    early = seed_in(folder, SIGNED_EARLY)
    assert check(str(folder), "--db", db) == 1
    store = Store(db)
    first = _latest(store, early)
    findings = {f.code: f for f in store.findings(first.id)}
    signed = findings["DAT006"]
    other = next(f for f in findings.values() if f.code != "DAT006")
    store.decide(first, signed.fingerprint, signed.code, CONFIRMED, "王科长")
    store.decide(first, other.fingerprint, other.code, DISMISSED, "王科长", "本地口径允许")
    with pytest.raises(ValueError, match="reason"):
        store.decide(first, other.fingerprint, other.code, DISMISSED, "王科长", "  ")
    with pytest.raises(sqlite3.IntegrityError):  # the schema itself refuses a dismissal without reason
        store.connection().execute(
            "INSERT INTO decisions (fingerprint, code, path, status, reason, who, at) VALUES ('x', 'A', 'p', "
            "'dismissed', '', 'me', 'now')"
        )

    # A re-run of the same files: both decisions are in force on the new run's result.
    assert check(str(folder), "--db", db) == 1
    rerun = _latest(store, early)
    assert rerun.id != first.id
    assert _in_force(store, rerun) == {signed.fingerprint: CONFIRMED, other.fingerprint: DISMISSED}

    # The body sends a corrected version under another name: the dismissal follows it (same body, year and
    # fingerprint); the confirmed finding is gone from it, so the store marks it fixed (已整改).
    corrected = corrected_version(early, folder / "xianxiang-2022-corrected.txt")
    early.unlink()
    assert check(str(folder), "--db", db) == 1  # other seeds still fail
    version = _latest(store, corrected)
    assert version.body_key == first.body_key and version.year == first.year == 2022
    assert version.sha256 != first.sha256
    assert _in_force(store, version) == {other.fingerprint: DISMISSED}
    (fixed,) = [d for d in store.history(version, signed.fingerprint) if d.status == FIXED]
    assert fixed.who == SYSTEM and "xianxiang-2022-corrected.txt" in fixed.reason
    assert [d.status for d in store.history(version, signed.fingerprint)] == [CONFIRMED, FIXED]

    # A second run of the corrected version marks nothing fixed again.
    assert check(str(folder), "--db", db) == 1  # other seeds still fail
    assert [d.status for d in store.history(version, signed.fingerprint)] == [CONFIRMED, FIXED]


def test_a_dismissed_finding_fails_no_gate_and_counts_in_no_verdict(tmp_path: Path, capsys: Any) -> None:
    folder = seed_folder(tmp_path / "reports")
    early = seed_in(folder, SIGNED_EARLY)
    db = str(tmp_path / "review.db")
    out = tmp_path / "out.json"
    assert check(str(early), "--db", db) == 1
    store = Store(db)
    result = _latest(store, early)
    (signed,) = [f for f in store.findings(result.id) if f.severity >= ERROR]
    rows = store.finding_rows(result.id)
    assert reviewed_verdict(result, rows, {}, ERROR) == Verdict.FAIL
    decision = store.decide(result, signed.fingerprint, signed.code, DISMISSED, "李", "落款日期为印发日期，非发布日期")
    assert reviewed_verdict(result, rows, {signed.fingerprint: decision}, ERROR) == Verdict.PASS

    assert check(str(early), "--db", db, "--format", "json", "-o", str(out)) == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    (entry,) = document["files"]
    assert signed.fingerprint not in {f["fingerprint"] for f in entry["findings"]}
    (dismissed,) = entry["review"]["dismissed"]
    assert dismissed["fingerprint"] == signed.fingerprint and dismissed["decision"]["status"] == DISMISSED
    assert dismissed["decision"]["reason"] == "落款日期为印发日期，非发布日期"
    assert document["summary"]["failed_files"] == 0 and document["summary"]["counts"]["error"] == 0

    # The text report says what was set aside.
    capsys.readouterr()
    assert check(str(early), "--db", db) == 0
    assert "另有 1 条问题经审核已驳回，不计入结论（DAT006）" in capsys.readouterr().out

    # SARIF keeps it as a suppressed result with the reason (code scanning shows it dismissed); HTML says so.
    sarif, page = tmp_path / "out.sarif", tmp_path / "out.html"
    assert check(str(early), "--db", db, "--format", "sarif", "-o", str(sarif)) == 0
    results = json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]["results"]
    sarif_schema = json.loads((ROOT / "tests/fixtures/schemas/sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(sarif_schema).validate(json.loads(sarif.read_text(encoding="utf-8")))
    (suppressed,) = [r for r in results if "suppressions" in r]
    assert suppressed["ruleId"] == "DAT006" and suppressed["suppressions"][0]["justification"].startswith("落款日期")
    assert check(str(early), "--db", db, "--format", "html", "-o", str(page)) == 0
    assert "另有 1 条问题经审核已驳回，不计入结论（DAT006）" in page.read_text(encoding="utf-8")

    # Without --db the CLI is as it was: the finding fails the gate.
    assert check(str(early), "--format", "json", "-o", str(out)) == 1
    assert "review" not in json.loads(out.read_text(encoding="utf-8"))["files"][0]


WRITER = """
import sys
from auditor.engine import FileResult
from auditor.rule import ERROR
from auditor.store import Store

store = Store(sys.argv[1])
run = store.begin_run(".", ERROR)
number = 0
while True:
    result = store.add_result(run, FileResult(f"/reports/{number}.txt", [], body="某某镇人民政府", year=2023), str(number))
    decision = store.decide(result, f"fp{number}", "NUM001", "dismissed", "tester", f"reason {number}")
    print(decision.id, flush=True)
    number += 1
"""


def test_no_decision_is_lost_when_the_writer_is_killed(tmp_path: Path) -> None:
    db = tmp_path / "review.db"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert writer.stdout is not None
    acknowledged = [int(writer.stdout.readline()) for _ in range(40)]
    writer.send_signal(signal.SIGKILL)  # mid-run: no close, no checkpoint, perhaps mid-transaction
    acknowledged += [int(line) for line in writer.stdout.read().split()]
    writer.wait()
    assert writer.returncode == -signal.SIGKILL

    store = Store(str(db))
    connection = store.connection()
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    kept = {row[0]: row[1] for row in connection.execute("SELECT id, reason FROM decisions")}
    assert all(kept.get(number) == f"reason {number - 1}" for number in acknowledged)
    (run,) = store.runs()
    assert run["status"] == "running"  # the killed run stays unfinished; the store takes the next one
    assert store.begin_run(".", ERROR) == run["id"] + 1


def test_a_killed_check_run_loses_no_decision(tmp_path: Path) -> None:
    """``auditor check --db`` killed while it records a large folder: every decision made before is intact, the
    killed run is left unfinished, and the next run works and applies the decisions."""
    folder = tmp_path / "reports"
    for copy in range(12):
        seed_folder(folder / f"batch{copy:02d}")
    db = str(tmp_path / "review.db")
    first = folder / "batch00"
    assert check(str(first), "--db", db) == 1
    store = Store(db)
    decided = []
    for result in store.results(store.latest_run()["id"]):  # type: ignore[index]
        for finding in store.findings(result.id):
            decided.append(store.decide(result, finding.fingerprint, finding.code, DISMISSED, "审核员", "复核驳回"))
    store.close()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "auditor", "check", str(folder), "--db", db, "--no-progress", "--format", "json"]
    writer = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=env)
    reader = sqlite3.connect(db, timeout=30)
    deadline = time.monotonic() + 60
    while reader.execute("SELECT count(*) FROM results WHERE run_id = 2").fetchone()[0] < 10:
        assert writer.poll() is None and time.monotonic() < deadline, "the run ended before it could be killed"
        time.sleep(0.02)
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    reader.close()

    store = Store(db)
    assert store.connection().execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    killed = store.run(2)
    assert killed is not None and killed["status"] == "running"
    assert 10 <= len(store.results(2)) < 60
    in_force = store.decisions()
    assert all(in_force.by_path[(d.path, d.fingerprint)] == d for d in decided)
    store.close()
    assert check(str(first), "--db", db) == 0  # every finding of these reports was dismissed
