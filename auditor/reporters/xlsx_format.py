"""``--format xlsx``: a workbook for supervisory offices — a summary sheet (one row per file) and a findings sheet.

Both sheets have a frozen header row, an autofilter and column widths that count CJK characters double. The
workbook is written with openpyxl's write-only mode; the findings wait in a temporary file (not in memory) until
the end, because a write-only sheet needs its column widths before its first row.
"""

from __future__ import annotations

import json
import tempfile
from functools import cache
from typing import IO, TYPE_CHECKING, Any

from auditor.lazy import lazy_module

if TYPE_CHECKING:
    import openpyxl
    import openpyxl.cell
    import openpyxl.styles
    import openpyxl.utils
    import wcwidth
else:  # loaded when a workbook is written: importing openpyxl costs every run ~140 ms
    openpyxl = lazy_module("openpyxl")
    wcwidth = lazy_module("wcwidth")

from auditor.engine import FileResult
from auditor.reporters.columns import FINDING_COLUMNS, SUMMARY_COLUMNS, clean, finding_row, headers
from auditor.reporting import Reporter, RunInfo, Summary
from auditor.rule import Finding, Severity, Text
from auditor.verdict import Verdict

SHEET_SUMMARY = Text("汇总", "Summary")
SHEET_FINDINGS = Text("问题", "Findings")

# Widest a column gets (in Excel's units, about one Latin character); longer text wraps.
_MAX_WIDTH = 60
_WRAPPED_MAX_WIDTH = {"message": 80, "legal basis": 50}


@cache
def _styles() -> dict[str, Any]:
    from openpyxl.styles import Alignment, Font, PatternFill

    return {
        "header_font": Font(bold=True),
        "header_fill": PatternFill("solid", fgColor="DDE4EE"),
        "wrap": Alignment(wrap_text=True, vertical="top"),
        "top": Alignment(vertical="top"),
    }


def display_width(value: Any) -> int:
    """How many Latin-character widths a value needs: CJK characters count two, the longest line counts."""
    if value is None:
        return 0
    widest = 0
    for line in str(value).splitlines() or [""]:
        width = wcwidth.wcswidth(line)
        if width < 0:  # a character of no defined width (a control character): count the others
            width = sum(max(0, wcwidth.wcwidth(ch)) for ch in line)
        widest = max(widest, width)
    return widest


class XlsxReporter(Reporter):
    name = "xlsx"
    description = "Excel workbook: summary and findings sheets / Excel 工作簿：汇总表与问题表"
    binary = True

    def begin(self, out: IO[Any], run: RunInfo) -> None:
        super().begin(out, run)
        # Findings wait on disk, one JSON line each, until end() knows the column widths.
        self.pending = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115 - closed in end()
        self.widths = [display_width(h) for h in headers(FINDING_COLUMNS, run.lang)]

    def file(self, result: FileResult) -> None:
        self._keep(result.findings, result.body, result.year)

    def _keep(self, findings: list[Finding], body: str | None = None, year: int | None = None) -> None:
        for finding in findings:
            values = finding_row(finding, self.run.lang, self.run.rules, body, year)
            row = [clean(value) if isinstance(value, str) else value for value in values]
            for index, value in enumerate(row):
                self.widths[index] = max(self.widths[index], display_width(value))
            self.pending.write(json.dumps(row, ensure_ascii=False) + "\n")

    def end(self, summary: Summary) -> None:
        facts = {line.path: (line.body, line.year) for line in summary.per_file}
        for finding in summary.cross_findings:  # 机关 and 年度 of the file each is reported on
            self._keep([finding], *facts.get(finding.path, (None, None)))
        lang = self.run.lang
        workbook = openpyxl.Workbook(write_only=True)
        sheet = workbook.create_sheet(SHEET_SUMMARY.get(lang))
        rows = [
            self._summary_row(line.path, line.body, line.year, line.variant, line.counts, line.verdict)
            for line in summary.per_file
        ]
        summary_widths = [display_width(h) for h in headers(SUMMARY_COLUMNS, lang)]
        for row in rows:
            summary_widths = [max(w, display_width(v)) for w, v in zip(summary_widths, row, strict=True)]
        self._start(sheet, SUMMARY_COLUMNS, summary_widths, set())
        for row in rows:
            sheet.append([self._cell(sheet, value) for value in row])
        self._finish(sheet, len(SUMMARY_COLUMNS), len(rows))

        sheet = workbook.create_sheet(SHEET_FINDINGS.get(lang))
        wrapped = {i for i, column in enumerate(FINDING_COLUMNS) if column.en in _WRAPPED_MAX_WIDTH}
        self._start(sheet, FINDING_COLUMNS, self.widths, wrapped)
        count = 0
        self.pending.seek(0)
        for line in self.pending:
            values = json.loads(line)
            sheet.append([self._cell(sheet, value, index in wrapped) for index, value in enumerate(values)])
            count += 1
        self.pending.close()
        self._finish(sheet, len(FINDING_COLUMNS), count)
        workbook.save(self.out)

    def _summary_row(
        self,
        path: str,
        body: str | None,
        year: int | None,
        variant: str | None,
        counts: dict[Severity, int],
        verdict: Verdict,
    ) -> list[Any]:
        lang = self.run.lang
        return [
            clean(path),
            clean(body) if body else None,
            year,
            variant,
            *(counts.get(s, 0) for s in (Severity.FATAL, Severity.ERROR, Severity.WARNING, Severity.INFO)),
            verdict.text(lang),
        ]

    def _start(self, sheet: Any, columns: tuple[Text, ...], widths: list[int], wrapped: set[int]) -> None:
        """Column widths and the frozen header row: a write-only sheet takes them before its first row."""
        for index, (column, width) in enumerate(zip(columns, widths, strict=True)):
            limit = _WRAPPED_MAX_WIDTH.get(column.en, _MAX_WIDTH) if index in wrapped else _MAX_WIDTH
            sheet.column_dimensions[openpyxl.utils.get_column_letter(index + 1)].width = min(width, limit) + 2
        sheet.freeze_panes = "A2"
        header = []
        for title in headers(columns, self.run.lang):
            cell = openpyxl.cell.WriteOnlyCell(sheet, title)
            cell.font, cell.fill = _styles()["header_font"], _styles()["header_fill"]
            header.append(cell)
        sheet.append(header)

    @staticmethod
    def _finish(sheet: Any, columns: int, rows: int) -> None:
        sheet.auto_filter.ref = f"A1:{openpyxl.utils.get_column_letter(columns)}{rows + 1}"

    @staticmethod
    def _cell(sheet: Any, value: Any, wrap: bool = False) -> Any:
        cell = openpyxl.cell.WriteOnlyCell(sheet, value)
        if isinstance(value, str):
            cell.data_type = "s"  # report text is untrusted: never a formula, even when it starts with "="
        cell.alignment = _styles()["wrap" if wrap else "top"]
        return cell
