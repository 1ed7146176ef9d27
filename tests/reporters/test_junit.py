"""``--format junit``: well-formed UTF-8 XML, one suite per report, one case per finding, failing only at or above
``--fail-on`` (the rest skipped), so that the test report and the gate agree."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

from auditor.engine import FileResult
from auditor.plugins import Plugins
from auditor.reporters.junit import JunitReporter
from auditor.reporting import RunInfo, Summary
from auditor.rule import Finding, Place, Severity, Text
from tests.conftest import ROOT, SEED_FILES, CheckRun

SEED_ARGS = [path.relative_to(ROOT).as_posix() for path in SEED_FILES.values()]


def _junit(check: Callable[..., CheckRun], *args: str) -> ET.Element:
    run = check(*args, "--format", "junit")
    assert run.out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(run.out.encode("utf-8"))


def test_one_suite_per_report_one_case_per_finding(
    check: Callable[..., CheckRun], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    root = _junit(check, *SEED_ARGS)
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == SEED_ARGS
    counts = [len(s.findall("testcase")) for s in suites]
    assert counts == [10, 11, 8, 8, 7]  # NAR018 (000), NAR013 (001), NAR019 (002); 001 lost CIT002 (one cause),
    # and its six SEC004 (headings 1、…6、) are one
    for suite, count in zip(suites, counts, strict=True):
        assert suite.get("tests") == str(count)
        failures = [case for case in suite.findall("testcase") if case.find("failure") is not None]
        skipped = [case for case in suite.findall("testcase") if case.find("skipped") is not None]
        assert len(failures) + len(skipped) == count
        assert suite.get("failures") == str(len(failures)) and suite.get("skipped") == str(len(skipped))
        assert suite.get("errors") == "0"
        for case in suite.findall("testcase"):
            (outcome,) = list(case)
            assert outcome.get("message") and outcome.get("type") == case.get("name", "").split()[0]
    # The gate (default --fail-on error) fails seeds 000-002 and passes 003 (warnings) and 004 (info): so does the report.
    assert [int(s.get("failures") or 0) > 0 for s in suites] == [True, True, True, False, False]
    strict = _junit(check, *SEED_ARGS, "--fail-on", "info")
    assert all(s.get("skipped") == "0" for s in strict.findall("testsuite"))
    dianxia = suites[1]
    assert dianxia.find("properties/property[@name='body']").get("value") == "樟树市店下镇人民政府"  # type: ignore[union-attr]
    first = dianxia.find("testcase")
    assert first is not None and first.get("name") == "CIT001 2021年度起的报告仍引用已被取代的60号通知 @ 3:87"
    text = first.findtext("failure") or ""
    assert "位置: tests/fixtures/seeds/001_ab25516cfdb0ffab.txt:3:87" in text and "依据: 《" in text
    assert "所在: 导语" in text  # the place in words, never an internal id


def test_fatal_is_an_error_and_a_clean_file_passes(
    check: Callable[..., CheckRun], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "minutes.txt").write_text("会议纪要\n今天讨论了食堂菜单。\n", encoding="utf-8")
    (tmp_path / "clean.txt").write_text(SEED_FILES["004"].read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    root = _junit(check, "minutes.txt", "clean.txt", "--select", "SYS,NUM", "--lang", "en")
    minutes, clean = root.findall("testsuite")
    assert (minutes.get("tests"), minutes.get("failures"), minutes.get("errors")) == ("1", "0", "1")
    error = minutes.find("testcase/error")
    assert error is not None and error.get("type") == "SYS002"
    assert "not a government information-disclosure annual report" in (error.get("message") or "")
    (passed,) = clean.findall("testcase")
    assert passed.get("name") == "no findings" and list(passed) == []
    assert (clean.get("tests"), clean.get("failures"), clean.get("errors")) == ("1", "0", "0")


def test_text_that_xml_cannot_hold_is_replaced() -> None:
    """Report text quoted in a message may carry control characters; the XML stays well-formed."""
    finding = Finding(
        "CIT001",
        "outdated-format-notice",
        Severity.ERROR,
        Text("引用“国办\x0b公开办函\x00”<&>", "cites “\x0b\x00”<&>"),
        "a\x01.txt",
        None,
        Place(section="preamble"),
        {},
        (),
        "0" * 20,
    )
    reporter = JunitReporter()
    out = io.StringIO()
    reporter.begin(out, RunInfo(Plugins().rules))
    reporter.file(FileResult("a\x01.txt", [finding]))
    reporter.end(Summary())
    root = ET.fromstring(out.getvalue().encode("utf-8"))
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None and failure.get("message") == "引用“国办\ufffd公开办函\ufffd”<&>"
    assert root.find("testsuite").get("name") == "a\ufffd.txt"  # type: ignore[union-attr]
