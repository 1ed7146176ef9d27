"""A report's verdict: 通过 / 未通过 / 无法审查 / 不可读.

A report passes only when its statistics tables were read and checked and no finding reaches the gate's threshold.
``assessed`` says whether the tables were read and checked (decided by the engine from the canonical report); a report
that was not assessed is never 通过, whatever its findings.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from auditor.rule import FATAL, Finding, Severity, Text


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


def verdict_of(findings: Iterable[Finding], assessed: bool, fail_on: Severity) -> Verdict:
    """The verdict of one report: unreadable (a fatal finding), fail, not assessed, or pass."""
    worst = max((f.severity for f in findings), default=None)
    if worst is not None and worst >= FATAL:
        return Verdict.UNREADABLE
    if worst is not None and worst >= fail_on:
        return Verdict.FAIL
    return Verdict.PASS if assessed else Verdict.NOT_ASSESSED
