"""A report's verdict: 通过 / 未通过 / 无法审查 / 不可读.

A report passes only when its statistics tables were read and checked and no finding reaches the gate's threshold.
``assessed`` says whether the tables were read and checked (:func:`is_assessed`, decided by the engine from the
canonical report); a report that was not assessed is never 通过, whatever its findings.

Precedence: 不可读 (a fatal finding: the file could not be read) > 无法审查 (not assessed, or not a report) >
未通过 (a finding at or above the threshold) > 通过. A report whose tables could not be read is 无法审查 even when
other findings reach the threshold: what matters first is that its figures were never checked.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from auditor.model import INFERRED, Cell, Report, TableData
from auditor.normalize import says_none
from auditor.rule import FATAL, Finding, Severity, Text

NOT_A_REPORT = "SYS002"  # auditor.diagnostics.NOT_A_REPORT: the file is not a report, so there was nothing to assess
STATISTICS_SECTIONS = ("二", "三", "四")


class Verdict(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    NOT_ASSESSED = "not_assessed"
    UNREADABLE = "unreadable"

    def text(self, lang: str) -> str:
        return _TEXT[self].get(lang)


_TEXT = {
    Verdict.PASS: Text("通过", "pass"),
    Verdict.FAIL: Text("未通过", "fail"),
    Verdict.NOT_ASSESSED: Text("无法审查", "not assessed"),
    Verdict.UNREADABLE: Text("不可读", "unreadable"),
}
VERDICTS = tuple(Verdict)


def verdict_of(findings: Iterable[Finding], assessed: bool, fail_on: Severity) -> Verdict:
    """The verdict of one report: unreadable (a fatal finding), not assessed, fail, or pass."""
    return judged(*worst_of(findings), assessed, fail_on)[0]


def gate_fails(findings: Iterable[Finding], assessed: bool, fail_on: Severity, fail_on_unassessed: bool = True) -> bool:
    """Whether this report fails the gate (exit code 1): a finding at or above ``fail_on``, or — unless relaxed with
    ``--no-fail-on-unassessed`` — a report that was not assessed (a gate must not wave through what it could not
    read)."""
    return judged(*worst_of(findings), assessed, fail_on, fail_on_unassessed)[1]


def judged(
    worst: int, not_a_report: bool, assessed: bool, fail_on: Severity, fail_on_unassessed: bool = True
) -> tuple[Verdict, bool]:
    """The verdict of a report whose worst finding is ``worst`` (0: none), one of them saying it is not a report or
    none, and whether it fails the gate (see :func:`gate_fails`): both at once, from what the findings were reduced
    to (one pass over them, or what a worker process sent)."""
    if not_a_report:
        verdict = Verdict.NOT_ASSESSED
    elif worst >= FATAL:
        verdict = Verdict.UNREADABLE
    elif not assessed:
        verdict = Verdict.NOT_ASSESSED
    else:
        verdict = Verdict.FAIL if worst >= fail_on else Verdict.PASS
    return verdict, worst >= fail_on or (fail_on_unassessed and verdict is Verdict.NOT_ASSESSED)


def worst_of(findings: Iterable[Finding]) -> tuple[int, bool]:
    """The worst severity of ``findings`` (0: there are none), and whether one says the file is not a report."""
    worst, not_a_report = 0, False
    for finding in findings:
        if finding.severity > worst:
            worst = finding.severity
        if finding.code == NOT_A_REPORT:
            not_a_report = True
    return worst, not_a_report


def is_assessed(report: Report) -> bool:
    """The statistics tables (sections 二, 三, 四) were read and checked: at least one is present, every one present
    was read (no unread row, no row short of a cell, not unread as a whole), and at least one holds figures. A table
    the report lacks is a finding of its own (TAB001), and so is a table left blank beside filled ones (NUM009: its
    figures are not disclosed — a defect certain from what was read, so the report is 未通过, not 无法审查); a figure
    is a number, or 「无」 (none: a 0 in a word); a report with none of them (e.g. the old format before 2019, or a
    document that is not a report) or with every one blank (an unfilled template) has nothing that could be checked.
    A text cut off before the report's end is not assessed either: the file certainly lacks what follows the cut,
    but whether the report does cannot be told. Nor is a report in which not one part heading was read (SEC001's one
    warning): where its parts begin and end is unknown, and whether the parts without tables (一, 五, 六) are there
    cannot be told. Nor is a report with a row whose figures ran together and were split the one way the table's
    identities allow (TAB009): that split assumes the identities hold, so they were not checked on it — had the
    report's figures been wrong, another split (or none) would have been the true one."""
    if report.cut_off() is not None:
        return False  # the text stops before the report's end: what follows the cut was never read (SEC008)
    if report.headings_unread():
        return False  # the tables were read, the parts were not found (SEC001)
    tables = [t for t in report.tables.values() if t.section in STATISTICS_SECTIONS]
    if not tables:
        return False
    figures = False
    for table in tables:
        if table.reason is not None or not table.rows or table.unread_rows() or _cells_missing(table):
            return False
        if any(row.confidence == INFERRED for row in table.rows.values()):
            return False  # figures run together, split the one way the identities allow: checked by assumption (TAB009)
        figures = figures or any(_figure(cell) for row in table.rows.values() for cell in row.cells.values())
    return figures  # every table blank (or dashes, or text): no figure was disclosed or could be checked


def _figure(cell: Cell) -> bool:
    """A cell that discloses a figure: a number, or 「无」 (none: 0 in a word, which the identities read as 0)."""
    return cell.kind == "number" or (cell.kind == "dash" and says_none(cell.raw))


def _cells_missing(table: TableData) -> bool:
    """Some row of the table lacks a cell of one of its columns: a figure that was not read (which column lost it
    is unknown), so the table was not read in full."""
    columns = set(table.columns)
    return any(not columns <= row.cells.keys() for row in table.rows.values())
