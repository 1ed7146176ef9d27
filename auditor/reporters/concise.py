"""``--output-format concise``: one line per finding, ``path:line:col: CODE message``, as Ruff's concise format.

Editors and CI problem matchers read it; ``grep`` and ``sort`` work on it. A finding without a position (the whole
file) is ``path: CODE message``. Colour (``--color``) marks the code by severity.
"""

from __future__ import annotations

from auditor.engine import FileResult
from auditor.output import terminal_safe
from auditor.reporters.columns import message_text, tidy_zh
from auditor.reporters.style import paint, paint_summary
from auditor.reporting import Reporter, Summary, cross_results
from auditor.rule import Finding

__all__ = ["ConciseReporter", "paint"]


def _one_line(text: str) -> str:
    return " ".join(text.split())


class ConciseReporter(Reporter):
    name = "concise"
    description = "one line per finding: path:line:col: CODE message / 每条问题一行"

    def file(self, result: FileResult) -> None:
        if self.run.options.get("statistics"):  # counts per rule instead of the findings
            return
        for finding in result.findings:
            self.out.write(self.line(finding) + "\n")

    def end(self, summary: Summary) -> None:
        for result in cross_results(summary):
            self.file(result)
        if self.run.options.get("statistics"):
            for entry in summary.statistics():
                rule = self.run.rules.get(entry["code"])
                title = (
                    (tidy_zh(rule.summary.zh) if self.run.lang == "zh" else rule.summary.en) if rule else entry["name"]
                )
                self.out.write(f"{entry['count']:>6}\t{entry['code']}\t{title}\n")
        if not self.run.options.get("quiet"):
            self.out.write(paint_summary(summary, self.run.lang, bool(self.run.options.get("color"))) + "\n")

    def line(self, finding: Finding) -> str:
        where = finding.path if finding.line is None else f"{finding.path}:{finding.line}:{finding.column or 1}"
        code = paint(finding.code, finding.severity, bool(self.run.options.get("color")))
        message = _one_line(message_text(finding, self.run.lang))
        return f"{terminal_safe(where)}: {code} {terminal_safe(message)}"
