"""``--format sarif``: SARIF 2.1.0 for code-scanning tools (GitHub code scanning, IDE viewers); streamed file by file.

One run; ``tool.driver.rules`` lists every installed rule (so ``ruleIndex`` is known before the first result),
results carry the finding's fingerprint as ``partialFingerprints`` and columns count Unicode code points.
"""

from __future__ import annotations

import json
from typing import Any

from auditor.engine import FileResult
from auditor.reporters.columns import message_text, tidy_zh
from auditor.reporters.paths import ci_uri
from auditor.reporters.where import is_text_file, location_text
from auditor.reporting import Reporter, RunInfo, Summary, cross_results
from auditor.review import dismissed
from auditor.rule import Finding, Rule, Severity

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT_KEY = "auditorFingerprint/v1"

LEVELS = {Severity.FATAL: "error", Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_BASIS_HEADING = {"zh": ("依据", "："), "en": ("Legal basis", ":")}


class SarifReporter(Reporter):
    name = "sarif"
    description = "SARIF 2.1.0 for code scanning (GitHub upload-sarif) / 代码扫描格式"

    def begin(self, out: Any, run: RunInfo) -> None:
        super().begin(out, run)
        rules = sorted(run.rules.values(), key=lambda r: r.code)
        self.rule_index = {found.code: index for index, found in enumerate(rules)}
        driver = {
            "name": "auditor",
            "fullName": "auditor — 政府信息公开工作年度报告合规审查 / compliance audit of government information-"
            "disclosure annual reports",
            "version": run.tool_version,
            "semanticVersion": run.tool_version,
            "rules": [_descriptor(found, run.lang) for found in rules],
        }
        tool = json.dumps({"driver": driver}, ensure_ascii=False, indent=2).replace("\n", "\n      ")
        out.write(
            "{\n"
            f'  "$schema": "{SARIF_SCHEMA}",\n'
            f'  "version": "{SARIF_VERSION}",\n'
            '  "runs": [\n'
            "    {\n"
            f'      "tool": {tool},\n'
            f'      "language": "{"zh-CN" if run.lang == "zh" else "en-US"}",\n'
            '      "columnKind": "unicodeCodePoints",\n'
            '      "results": ['
        )
        self.first = True
        self.verdicts: list[dict[str, str]] = []  # every file's verdict, for the run's properties

    def file(self, result: FileResult) -> None:
        verdict = result.verdict(self.run.fail_on)
        self.verdicts.append(
            {"uri": ci_uri(result.path), "verdict": verdict.value, "text": verdict.text(self.run.lang)}
        )
        results = [self._result(finding) for finding in result.findings]
        for finding, decision in dismissed(result):  # check --db: kept, as suppressed, with the reviewer's reason
            suppressed = self._result(finding)
            suppressed["suppressions"] = [
                {"kind": "external", "status": "accepted", "justification": decision["reason"]}
            ]
            results.append(suppressed)
        self._write(results, verdict.value)

    def _write(self, results: list[dict[str, Any]], verdict: str | None) -> None:
        for found in results:
            if verdict is not None:  # the verdict of the finding's file
                found["properties"]["verdict"] = verdict
            item = json.dumps(found, ensure_ascii=False)
            self.out.write(("\n        " if self.first else ",\n        ") + item)
            self.first = False

    def end(self, summary: Summary) -> None:
        for result in cross_results(summary):
            self._write([self._result(finding) for finding in result.findings], None)
        properties = {
            "verdicts": {verdict.value: count for verdict, count in summary.verdicts.items()},
            "files": self.verdicts,
        }
        tail = json.dumps(properties, ensure_ascii=False)
        self.out.write(("" if self.first else "\n      ") + f'],\n      "properties": {tail}\n    }}\n  ]\n}}\n')

    def _result(self, finding: Finding) -> dict[str, Any]:
        physical: dict[str, Any] = {"artifactLocation": {"uri": ci_uri(finding.path)}}
        message = message_text(finding, self.run.lang)
        if finding.loc is not None and is_text_file(finding.path):
            physical["region"] = {"startLine": finding.loc.line, "startColumn": finding.loc.column}
        elif finding.loc is not None:
            # A viewer shows a .docx/.pdf/.html file's lines as stored, not as the auditor read them: line 1, and
            # where it is in words (as the GitHub annotations do).
            physical["region"] = {"startLine": 1}
            where = location_text(finding.loc, self.run.lang, text_file=False)
            message = f"（{where}）{message}" if self.run.lang == "zh" else f"({where}) {message}"
        # without a line the finding is about the whole file: no region
        location: dict[str, Any] = {"physicalLocation": physical}
        parts = [part for part in (finding.place.section, finding.place.table, finding.place.row) if part]
        if finding.place.column:
            parts.append(finding.place.column)
        if parts:
            location["logicalLocations"] = [
                {"name": parts[-1], "fullyQualifiedName": ".".join(parts), "kind": "element"}
            ]
        result: dict[str, Any] = {"ruleId": finding.code}
        if finding.code in self.rule_index:
            result["ruleIndex"] = self.rule_index[finding.code]
        result |= {
            "level": LEVELS[finding.severity],
            "message": {"text": message},
            "locations": [location],
            "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
            "properties": {"severity": finding.severity.label},
        }
        if finding.loc is not None and finding.loc.page is not None:
            result["properties"]["page"] = finding.loc.page
        return result


def _descriptor(found: Rule, lang: str) -> dict[str, Any]:
    """A rule's ``reportingDescriptor``: its summary, explanation and legal basis in the run's language."""
    tidy = tidy_zh if lang == "zh" else str  # Chinese typography (docs/glossary.md)
    explanation, summary = tidy(found.explanation.get(lang)), tidy(found.summary.get(lang))
    text, markdown = explanation, f"**{found.code} {found.name}**: {summary}\n\n{explanation}"
    if found.basis:
        heading, colon = _BASIS_HEADING[lang]
        lines = [basis.text(lang) for basis in found.basis]
        text += f"\n\n{heading}{colon}\n" + "\n".join(f"- {line}" for line in lines)
        markdown += f"\n\n**{heading}**\n\n" + "\n".join(f"- {line}" for line in lines)
    return {
        "id": found.code,
        "name": found.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": explanation},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": LEVELS[found.severity]},
        "properties": {"severity": found.severity.label, "variants": list(found.variants), "plugin": found.plugin},
    }
