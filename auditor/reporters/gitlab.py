"""``--format gitlab``: a GitLab Code Quality report (``artifacts:reports:codequality``); streamed file by file.

Each issue's ``fingerprint`` is unique within the report and stable across runs: a hash of the file's path and the
finding's own fingerprint (rule, logical place, discriminator — never a line number), with an occurrence number
added when one file has the same finding twice. A file that does not pass also gets one ``info`` issue (check
``verdict``) naming its verdict (未通过/无法审查/不可读).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from auditor.engine import FileResult
from auditor.reporters.columns import headline, location_words, message_text
from auditor.reporters.paths import ci_path
from auditor.reporters.where import is_text_file
from auditor.reporting import Reporter, RunInfo, Summary, cross_results
from auditor.rule import Finding, Severity
from auditor.verdict import Verdict

SEVERITIES = {Severity.FATAL: "blocker", Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def issue_fingerprint(path: str, finding_fingerprint: str, occurrence: int = 1) -> str:
    raw = f"{path}\0{finding_fingerprint}" + (f"\0{occurrence}" if occurrence > 1 else "")
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]


class GitlabReporter(Reporter):
    name = "gitlab"
    description = "GitLab Code Quality report / GitLab 代码质量报告"

    def begin(self, out: Any, run: RunInfo) -> None:
        super().begin(out, run)
        out.write("[")
        self.first = True

    def file(self, result: FileResult) -> None:
        path = ci_path(result.path)
        self._issues(path, result.findings)
        verdict = result.verdict(self.run.fail_on)
        if verdict is not Verdict.PASS:
            title = "结论" if self.run.lang == "zh" else "verdict"
            issue = {
                "description": f"{title}: {verdict.text(self.run.lang)}",
                "check_name": "verdict",
                "fingerprint": issue_fingerprint(path, f"verdict:{verdict.value}"),
                "severity": "info",
                "location": {"path": path, "lines": {"begin": 1}},
            }
            self._write(issue)

    def _issues(self, path: str, findings: list[Finding]) -> None:
        seen: dict[str, int] = {}
        for finding in findings:
            seen[finding.fingerprint] = occurrence = seen.get(finding.fingerprint, 0) + 1
            self._write(self._issue(path, finding, occurrence))

    def _write(self, issue: dict[str, Any]) -> None:
        self.out.write(("\n  " if self.first else ",\n  ") + json.dumps(issue, ensure_ascii=False))
        self.first = False

    def end(self, summary: Summary) -> None:
        for result in cross_results(summary):
            self._issues(ci_path(result.path), result.findings)
        self.out.write("]\n" if self.first else "\n]\n")

    def _issue(self, path: str, finding: Finding, occurrence: int) -> dict[str, Any]:
        lang = self.run.lang
        message = message_text(finding, lang)
        line = finding.line or 1  # a finding about the whole file (no line) is shown on its first line
        if finding.loc is not None and not is_text_file(finding.path):
            # GitLab shows a .docx/.pdf/.html file's lines as stored, not as the auditor read them: line 1, and
            # where it is in words.
            line = 1
            where = location_words(finding, lang)
            message = f"（{where}）{message}" if lang == "zh" else f"({where}) {message}"
        return {
            "description": f"{headline(finding, self.run.rules, lang)}: {message}",
            "check_name": finding.code,
            "fingerprint": issue_fingerprint(path, finding.fingerprint, occurrence),
            "severity": SEVERITIES[finding.severity],
            "location": {"path": path, "lines": {"begin": line}},
        }
