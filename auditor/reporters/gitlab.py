"""``--format gitlab``: a GitLab Code Quality report (``artifacts:reports:codequality``); streamed file by file.

Each issue's ``fingerprint`` is unique within the report and stable across runs: a hash of the file's path and the
finding's own fingerprint (rule, logical place, discriminator — never a line number), with an occurrence number
added when one file has the same finding twice.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from auditor.engine import FileResult
from auditor.reporters.paths import ci_path
from auditor.reporting import Reporter, RunInfo, Summary, cross_results
from auditor.rule import Finding, Severity

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
        seen: dict[str, int] = {}
        for finding in result.findings:
            seen[finding.fingerprint] = occurrence = seen.get(finding.fingerprint, 0) + 1
            item = json.dumps(self._issue(path, finding, occurrence), ensure_ascii=False)
            self.out.write(("\n  " if self.first else ",\n  ") + item)
            self.first = False

    def end(self, summary: Summary) -> None:
        for result in cross_results(summary):
            self.file(result)
        self.out.write("]\n" if self.first else "\n]\n")

    def _issue(self, path: str, finding: Finding, occurrence: int) -> dict[str, Any]:
        return {
            "description": f"{finding.code} {finding.name}: {finding.message.get(self.run.lang)}",
            "check_name": finding.code,
            "fingerprint": issue_fingerprint(path, finding.fingerprint, occurrence),
            "severity": SEVERITIES[finding.severity],
            # A finding about the whole file (no line) is shown on its first line: GitLab needs one.
            "location": {"path": path, "lines": {"begin": finding.line or 1}},
        }
