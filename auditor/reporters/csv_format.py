"""``--format csv``: one row per finding, UTF-8 with a BOM and CRLF line ends, so that Excel opens it right.

The columns are those of the xlsx findings sheet, then 结论: the verdict of the finding's file (通过/未通过/
无法审查/不可读); a file without findings has one row of its own, with its path and its verdict. A text field that a
spreadsheet would take for a formula (``=``, ``+``, ``-``, ``@`` first) gets a leading apostrophe: report text is
untrusted.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from auditor.engine import FileResult
from auditor.reporters.columns import FINDING_COLUMNS, clean, finding_row, headers
from auditor.reporting import Reporter, RunInfo, Summary
from auditor.rule import Finding, Text

VERDICT_COLUMN = Text("结论", "verdict")

BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """A text field as a spreadsheet will show it, never run it (numbers and blanks unchanged)."""
    if not isinstance(value, str):
        return "" if value is None else value
    value = clean(value)
    return "'" + value if value.startswith(_FORMULA_START) else value


class CsvReporter(Reporter):
    name = "csv"
    description = "one row per finding for Excel (UTF-8 with BOM) / 每条问题一行，Excel 可直接打开"
    binary = True  # the encoding and the CRLF line ends are part of the format, whatever the platform

    def begin(self, out: Any, run: RunInfo) -> None:
        super().begin(out, run)
        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer, lineterminator="\r\n")
        self.buffer.write(BOM)
        self.writer.writerow([*headers(FINDING_COLUMNS, run.lang), VERDICT_COLUMN.get(run.lang)])
        self._flush()

    def file(self, result: FileResult) -> None:
        verdict = result.verdict(self.run.fail_on).text(self.run.lang)
        if not result.findings:
            blank = [""] * (len(FINDING_COLUMNS) - 3)
            self.writer.writerow([neutralise(result.path), neutralise(result.body), result.year or "", *blank, verdict])
        self._rows(result.findings, verdict, result.body, result.year)

    def end(self, summary: Summary) -> None:
        facts = {line.path: (line.body, line.year) for line in summary.per_file}
        for finding in summary.cross_findings:  # 机关 and 年度 of the file each is reported on
            self._rows([finding], "", *facts.get(finding.path, (None, None)))

    def _rows(self, findings: list[Finding], verdict: str, body: str | None = None, year: int | None = None) -> None:
        for finding in findings:
            row = finding_row(finding, self.run.lang, self.run.rules, body, year)
            self.writer.writerow([*(neutralise(value) for value in row), verdict])
        self._flush()

    def _flush(self) -> None:
        self.out.write(self.buffer.getvalue().encode("utf-8"))
        self.buffer.seek(0)
        self.buffer.truncate()
