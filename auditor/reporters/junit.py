"""``--format junit``: JUnit XML for CI test reports (GitLab ``artifacts:reports:junit``, Jenkins, Azure).

One ``<testsuite>`` per report file and one ``<testcase>`` per finding: a finding at or above ``--fail-on`` is a
failure (``<error>`` for a fatal one: the file could not be audited), one below it a skipped case — so the test
report fails exactly when the gate does. A file without findings gets one passing case so that no suite is empty.
The file's verdict (通过/未通过/无法审查/不可读) is a suite property; a report that could not be assessed also gets a
failing case of its own when the run fails on it (the default), so that the test report agrees with the exit code.
Streamed: each suite is written when its file is done.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from auditor.engine import FileResult
from auditor.reporters.columns import headline, location_words, message_text, place_text
from auditor.reporters.where import is_text_file
from auditor.reporting import Reporter, RunInfo, Summary, cross_results
from auditor.rule import Finding, Severity

# Characters XML 1.0 cannot hold at all, not even escaped (control characters a damaged report may carry).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_WORDS = {
    "zh": {
        "passed": "未发现问题",
        "not_assessed": "无法审查：统计表未能读取或全部空白，未作核对",
        "where": "位置",
        "place": "所在",
        "severity": "级别",
        "basis": "依据",
        "file": "全文",
    },
    "en": {
        "passed": "no findings",
        "not_assessed": "not assessed: the statistics tables could not be read or are blank, and were not checked",
        "where": "where",
        "place": "place",
        "severity": "severity",
        "basis": "legal basis",
        "file": "whole file",
    },
}


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


class JunitReporter(Reporter):
    name = "junit"
    description = "JUnit XML test report, one suite per file / 测试报告格式"

    def begin(self, out: Any, run: RunInfo) -> None:
        super().begin(out, run)
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="auditor">\n')

    def file(self, result: FileResult) -> None:
        verdict = result.verdict(self.run.fail_on)
        self._suite(result, verdict.text(self.run.lang), result.fails(self.run.fail_on, self.run.fail_on_unassessed))

    def _suite(self, result: FileResult, verdict: str | None, fails: bool = False) -> None:
        words = _WORDS[self.run.lang]
        errors = result.count(Severity.FATAL)
        below = sum(1 for f in result.findings if f.severity < self.run.fail_on)
        unassessed = fails and not any(f.severity >= self.run.fail_on for f in result.findings)
        failures = len(result.findings) - errors - below + unassessed
        suite = ET.Element(
            "testsuite",
            {
                "name": _xml(result.path),
                "tests": str(max(len(result.findings) + unassessed, 1)),
                "failures": str(failures),
                "errors": str(errors),
                "skipped": str(below),
            },
        )
        facts = [("body", result.body), ("year", result.year), ("variant", result.variant), ("verdict", verdict)]
        if any(value is not None for _, value in facts):
            properties = ET.SubElement(suite, "properties")
            for key, value in facts:
                if value is not None:
                    ET.SubElement(properties, "property", {"name": key, "value": _xml(str(value))})
        for finding in result.findings:
            self._case(suite, result.path, finding, words)
        if unassessed:
            case = ET.SubElement(suite, "testcase", {"classname": _xml(result.path), "name": words["not_assessed"]})
            failure = ET.SubElement(case, "failure", {"message": words["not_assessed"], "type": "not_assessed"})
            failure.text = words["not_assessed"]
        elif not result.findings:
            ET.SubElement(suite, "testcase", {"classname": _xml(result.path), "name": words["passed"]})
        ET.indent(suite, space="  ", level=1)
        self.out.write("  " + ET.tostring(suite, encoding="unicode") + "\n")

    def end(self, summary: Summary) -> None:
        for result in cross_results(summary):
            self._suite(result, None)
        self.out.write("</testsuites>\n")

    def _case(self, suite: ET.Element, path: str, finding: Finding, words: dict[str, str]) -> None:
        lang = self.run.lang
        if finding.loc is None:
            where = words["file"]
        elif is_text_file(finding.path):
            where = f"{finding.line}:{finding.column}"
        else:  # a DOCX paragraph, a PDF page: in words, not the line of the text the auditor extracted
            where = location_words(finding, lang)
        name = f"{headline(finding, self.run.rules, lang)} @ {where}"
        case = ET.SubElement(suite, "testcase", {"classname": _xml(path), "name": _xml(name)})
        message = message_text(finding, lang)
        details = [message, "", f"{words['where']}: {path}" + (f":{where}" if finding.loc is not None else "")]
        if place := place_text(finding.place, lang):
            details.append(f"{words['place']}: {place}")
        details.append(f"{words['severity']}: {finding.severity.text(lang)}")
        details += [f"{words['basis']}: {basis.text(lang)}" for basis in finding.basis]
        if finding.severity < self.run.fail_on:  # reported, but not what the gate fails on
            outcome = "skipped"
        else:
            outcome = "error" if finding.severity == Severity.FATAL else "failure"
        failure = ET.SubElement(case, outcome, {"message": _xml(message), "type": finding.code})
        failure.text = _xml("\n".join(details))
