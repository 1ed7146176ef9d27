"""``--format gitlab``: a Code Quality report with GitLab's documented fields and unique, stable fingerprints."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from auditor.engine import FileResult
from auditor.plugins import Plugins
from auditor.reporters.gitlab import GitlabReporter
from auditor.reporting import RunInfo, Summary
from auditor.rule import Finding, Place, Severity, Text
from tests.conftest import FIXTURES, ROOT, SEED_FILES, CheckRun

SEED_ARGS = [path.relative_to(ROOT).as_posix() for path in SEED_FILES.values()]


@pytest.fixture(scope="module")
def codequality_validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((FIXTURES / "schemas" / "gitlab-codequality.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _issues(check: Callable[..., CheckRun], *args: str) -> list[dict[str, Any]]:
    run = check(*args, "--format", "gitlab")
    issues: list[dict[str, Any]] = json.loads(run.out)
    return issues


def test_seeds_have_the_documented_fields(
    check: Callable[..., CheckRun], monkeypatch: pytest.MonkeyPatch, codequality_validator: Any
) -> None:
    monkeypatch.chdir(ROOT)
    issues = _issues(check, *SEED_ARGS)
    assert len(issues) == 44 + 3  # the findings, and the verdict of each of the three files that fail
    assert [i["description"] for i in issues if i["check_name"] == "verdict"] == ["结论: 未通过"] * 3
    assert list(codequality_validator.iter_errors(issues)) == []
    fingerprints = [issue["fingerprint"] for issue in issues]
    assert len(set(fingerprints)) == len(fingerprints)
    # Seeds 002 and 004 have the same two findings at the same place: the path keeps them apart.
    assert sum(1 for issue in issues if issue["check_name"] == "CIT005") == 2
    first = issues[0]
    assert first["check_name"] == "CIT002" and first["severity"] == "major"
    assert first["location"] == {"path": SEED_ARGS[0], "lines": {"begin": 5}}
    assert first["description"].startswith("CIT002 引用的格式通知与实际使用的表格模板不一致: 报告引用")  # in words
    assert "2021年格式" in first["description"]  # Chinese typography (docs/glossary.md)
    no_date = next(issue for issue in issues if issue["check_name"] == "DAT010")
    assert no_date["location"]["lines"] == {"begin": 1} and no_date["severity"] == "info"


def test_the_schema_catches_a_broken_report(codequality_validator: Any) -> None:
    broken = [
        {"description": "x", "check_name": "X", "fingerprint": "f", "severity": "error", "location": {"path": "a"}},
        {"description": "x", "fingerprint": "g", "severity": "minor", "location": {"path": "/abs", "lines": {}}},
    ]
    messages = [e.message for e in codequality_validator.iter_errors(broken)]
    assert any("'error' is not one of" in m for m in messages)
    assert any("'check_name' is a required property" in m for m in messages)
    assert any("'begin' is a required property" in m for m in messages)
    assert len(messages) >= 5  # also: no lines at all, an absolute path


def test_fingerprints_are_stable_across_runs(check: Callable[..., CheckRun], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    first = _issues(check, *SEED_ARGS)
    assert _issues(check, *SEED_ARGS) == first
    reordered = _issues(check, *reversed(SEED_ARGS))
    assert sorted(first, key=lambda i: i["fingerprint"]) == sorted(reordered, key=lambda i: i["fingerprint"])


def test_the_same_finding_twice_in_one_file_gets_two_fingerprints(codequality_validator: Any) -> None:
    twin = Finding(
        "TAB005",
        "label-typography",
        Severity.WARNING,
        Text("甲", "a"),
        "r.txt",
        None,
        Place(section="三"),
        {},
        (),
        "1" * 20,
    )
    out = io.StringIO()
    reporter = GitlabReporter()
    reporter.begin(out, RunInfo(Plugins().rules))
    reporter.file(FileResult("r.txt", [twin, twin], assessed=True))
    reporter.file(FileResult("s.txt", [twin], assessed=True))
    reporter.end(Summary())
    issues = json.loads(out.getvalue())
    assert list(codequality_validator.iter_errors(issues)) == []
    assert len({issue["fingerprint"] for issue in issues}) == 3
    assert [issue["severity"] for issue in issues] == ["minor"] * 3


def test_no_findings_is_an_empty_array(check: Callable[..., CheckRun], tmp_path: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text(SEED_FILES["004"].read_text(encoding="utf-8"), encoding="utf-8")
    run = check(str(clean), "--format", "gitlab", "--select", "NUM")
    assert run.code == 0 and run.out == "[]\n"


def test_issues_on_files_gitlab_cannot_show_by_line_go_to_line_1(check: Callable[..., CheckRun]) -> None:
    issues = _issues(check, str(FIXTURES / "formats" / "001_ab25516cfdb0ffab.pdf"))
    cited = next(issue for issue in issues if issue["check_name"] == "CIT001")
    assert cited["location"]["lines"] == {"begin": 1}
    assert cited["description"].startswith("CIT001 2021年度起的报告仍引用已被取代的60号通知: （第1页）")
