"""``auditor check --write-baseline`` / ``--baseline``: adopt the gate on an archive, then fail only on new defects."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.conftest import ROOT, SEED_FILES, CheckRun

NAMES = {"000": "zhegou-2022.txt", "001": "dianxia-2023.txt", "002": "xianxiang-2022.txt", "003": "chengguan-2023.txt"}
NAMES["004"] = "baiquan-2021.txt"
NEW_RECEIVED_NATURAL_PERSON = 85  # a 0 cell of seed 001's table 三


@pytest.fixture
def archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An office's folder: ``reports/`` with the five seeds; the working folder is its root."""
    reports = tmp_path / "reports"
    reports.mkdir()
    for number, name in NAMES.items():
        shutil.copy(SEED_FILES[number], reports / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _json(run: CheckRun) -> list[dict[str, Any]]:
    findings: list[dict[str, Any]] = []
    for result in json.loads(run.out)["files"]:
        findings += result["findings"]
    return findings


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_round_trip(archive: Path, check: Callable[..., CheckRun]) -> None:
    written = check("reports", "--write-baseline", "auditor-baseline.json")
    assert written.code == 0  # the archive has errors, but writing a baseline accepts them
    # 44 since seed 001's six headings numbered 1、…6、 are one SEC004 (one habit, one finding);
    # 49 since CIT002 stands down for CIT001 on seed 001 (one cause, one finding);
    # 50 since NAR018 (seed 000), NAR013 on 「正确但不合理」 (001) and NAR019 (002); 47 since NAR017 (seed 000)
    assert "已将 44 条问题写入基线 auditor-baseline.json" in written.err

    clean = check("reports", "--baseline", "auditor-baseline.json", "--format", "json")
    assert clean.code == 0
    assert _json(clean) == []

    report = archive / "reports" / NAMES["001"]
    lines = report.read_text(encoding="utf-8").split("\n")
    assert lines[NEW_RECEIVED_NATURAL_PERSON - 1] == "\t0"
    lines[NEW_RECEIVED_NATURAL_PERSON - 1] = "\t3"  # a new defect: one application that no total counts
    report.write_text("\n".join(lines), encoding="utf-8")

    dirty = check("reports", "--baseline", "auditor-baseline.json", "--format", "json", "--lang", "en")
    assert dirty.code == 1
    findings = _json(dirty)
    # one cell breaking I-1 (its column) and I-3 (its row): one finding naming the cell and both identities
    assert [(f["path"], f["code"]) for f in findings] == [("reports/dianxia-2023.txt", "NUM001")]
    assert findings[0]["line"] == NEW_RECEIVED_NATURAL_PERSON
    assert [e["identity"] for e in findings[0]["values"]["explains"]] == ["I-1", "I-3"]
    assert dirty.err.startswith(
        "5 file(s), 1 failing the gate (a finding at error or above, or not assessed); verdicts: 4 pass, 1 fail; "
        "0 fatal, 1 error(s), 0 warning(s), 0 info"
    )


def test_baseline_file(archive: Path, check: Callable[..., CheckRun]) -> None:
    check("reports", "--write-baseline", "auditor-baseline.json")
    text = (archive / "auditor-baseline.json").read_text(encoding="utf-8")
    data = json.loads(text)
    schema = json.loads((ROOT / "schemas" / "baseline.schema.json").read_text(encoding="utf-8"))
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(data)) == []
    assert data["version"] == 1 and len(data["entries"]) == 44
    first = data["entries"][0]
    assert first == {
        "path": "reports/baiquan-2021.txt",
        "code": "CIT005",
        "fingerprint": "53448886d6e8ebf76019",
        "message": "报告未注明所依据的年度报告格式（应为国办公开办函〔2021〕30号）。",
    }
    assert text.count("\n") == 44 + 6  # one entry per line, for readable diffs
    check("reports", "--write-baseline", "auditor-baseline.json")
    assert (archive / "auditor-baseline.json").read_text(encoding="utf-8") == text  # deterministic


def test_stale_entries_are_reported_as_info(archive: Path, check: Callable[..., CheckRun]) -> None:
    check("reports", "--write-baseline", "auditor-baseline.json")
    _edit(archive / "reports" / NAMES["002"], "2022年11月30日", "2023年1月10日")  # DAT006 corrected
    run = check("reports", "--baseline", "auditor-baseline.json", "--format", "json", "--lang", "en")
    assert run.code == 0  # a stale entry is info: below the default --fail-on error
    findings_schema = json.loads((ROOT / "schemas" / "findings.schema.json").read_text(encoding="utf-8"))
    assert list(jsonschema.Draft202012Validator(findings_schema).iter_errors(json.loads(run.out))) == []
    (stale,) = _json(run)
    assert stale["code"] == "SYS004" and stale["severity"] == "info"
    assert stale["path"] == "reports/xianxiang-2022.txt" and stale["line"] is None
    assert stale["values"]["code"] == "DAT006"
    assert stale["message"]["en"].startswith("stale baseline entry: DAT006 (fingerprint d639f6ec500f0b6affe9, ")
    assert "--write-baseline" in stale["message"]["zh"]

    assert check("reports", "--baseline", "auditor-baseline.json", "--fail-on", "info").code == 1
    ignored = check("reports", "--baseline", "auditor-baseline.json", "--ignore", "SYS004", "--format", "json")
    assert ignored.code == 0 and _json(ignored) == []


def test_entries_of_a_deleted_report(archive: Path, check: Callable[..., CheckRun]) -> None:
    check("reports", "--write-baseline", "auditor-baseline.json")
    (archive / "reports" / NAMES["004"]).unlink()
    run = check("reports", "--baseline", "auditor-baseline.json", "--format", "json", "--lang", "en")
    assert run.code == 0
    stale = _json(run)
    assert [(f["code"], f["path"], f["values"]["code"]) for f in stale] == [
        ("SYS004", "reports/baiquan-2021.txt", code)
        for code in ("CIT005", "DAT005", "DAT010", "NAR008", "NAR011", "NAR013", "NAR013")
    ]
    assert all("(the file no longer exists)" in f["message"]["en"] for f in stale)
    # A run on some files only (pre-commit) says nothing about the files it was not given.
    some = check(f"reports/{NAMES['003']}", "--baseline", "auditor-baseline.json", "--format", "json")
    assert some.code == 0 and _json(some) == []


def test_paths_are_relative_to_the_baseline_folder(
    archive: Path, check: Callable[..., CheckRun], monkeypatch: pytest.MonkeyPatch
) -> None:
    (archive / "ci").mkdir()
    check("reports", "--write-baseline", "ci/auditor-baseline.json")
    data = json.loads((archive / "ci" / "auditor-baseline.json").read_text(encoding="utf-8"))
    assert {entry["path"] for entry in data["entries"]} == {f"../reports/{name}" for name in NAMES.values()}
    monkeypatch.chdir(archive / "reports")  # the gate run from another folder, with other path spellings
    run = check(".", f"./{NAMES['001']}", "--baseline", "../ci/auditor-baseline.json", "--format", "json")
    assert run.code == 0 and _json(run) == []


def test_entries_are_counted(archive: Path, check: Callable[..., CheckRun]) -> None:
    """An entry matches one occurrence: a finding not recorded is new, an entry recorded twice is stale once."""
    check("reports", "--write-baseline", "auditor-baseline.json")
    baseline = archive / "auditor-baseline.json"
    data = json.loads(baseline.read_text(encoding="utf-8"))
    entries = [e for e in data["entries"] if e["path"] == f"reports/{NAMES['002']}"]
    assert [e["code"] for e in entries] == [
        "CIT005",
        "DAT005",
        "DAT006",
        "NAR010",
        "NAR011",
        "NAR012",
        "NAR019",
        "TAB005",
    ]
    data["entries"] = [e for e in entries if e["code"] != "DAT006"] + [entries[0]]
    baseline.write_text(json.dumps(data), encoding="utf-8")
    run = check(f"reports/{NAMES['002']}", "--baseline", "auditor-baseline.json", "--format", "json")
    assert run.code == 1
    assert [(f["code"], f["values"].get("code")) for f in _json(run)] == [("DAT006", None), ("SYS004", "CIT005")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", "the baseline file is not valid JSON"),
        ('{"version": 2, "entries": []}', "unsupported baseline version 2 (this auditor reads version 1)"),
        ('{"version": 1, "entries": [{"path": "a.txt", "code": "X1"}]}', "invalid baseline file at entries/0"),
    ],
)
def test_a_bad_baseline_is_a_usage_error(
    archive: Path, check: Callable[..., CheckRun], content: str | None, message: str
) -> None:
    if content is not None:
        (archive / "reports.json").write_text(content, encoding="utf-8")
    run = check("reports", "--baseline", "reports.json", "--lang", "en")
    assert run.code == 2 and run.out == ""
    assert message in run.err and run.err.count("\n") == 1


def test_write_and_read_together_is_refused(archive: Path, check: Callable[..., CheckRun]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        check("reports", "--baseline", "a.json", "--write-baseline", "b.json")
    assert exit_info.value.code == 2


def test_a_clean_archive_writes_an_empty_baseline(archive: Path, check: Callable[..., CheckRun]) -> None:
    assert check("reports", "--select", "NUM", "--write-baseline", "auditor-baseline.json").code == 0
    text = (archive / "auditor-baseline.json").read_text(encoding="utf-8")
    assert json.loads(text)["entries"] == [] and '"entries": []\n}' in text
    assert check("reports", "--select", "NUM", "--baseline", "auditor-baseline.json").code == 0
