"""The list page's rows: one per report of a run, with its verdict once dismissed findings are set aside.

Built from three queries (results, findings' fingerprints and severities, decisions), whatever the number of
reports: the list of 200 reports renders in a few tens of milliseconds (benchmarks/bench_serve.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from auditor.rule import Severity
from auditor.store import DISMISSED, reviewed_verdict
from auditor.verdict import Verdict

if TYPE_CHECKING:
    from auditor.web import Workbench

_VERDICT_ORDER = {Verdict.UNREADABLE: 0, Verdict.FAIL: 1, Verdict.NOT_ASSESSED: 2, Verdict.PASS: 3}


@dataclass
class Row:
    relative: str
    body: str
    year: int | None
    verdict: Verdict
    counts: dict[Severity, int]
    findings: int
    dismissed: int
    codes: set[str]

    def matches(self, filters: dict[str, str]) -> bool:
        if filters.get("body") and filters["body"] not in self.body:
            return False
        if filters.get("year") and str(self.year or "") != filters["year"]:
            return False
        if filters.get("verdict") and self.verdict.value != filters["verdict"]:
            return False
        return not filters.get("rule") or filters["rule"] in self.codes

    def sort_key(self, column: str) -> Any:
        return {
            "body": (self.body, self.relative),
            "year": (self.year or 0, self.relative),
            "verdict": (_VERDICT_ORDER[self.verdict], self.relative),
            "errors": (self.counts[Severity.FATAL] + self.counts[Severity.ERROR], self.relative),
            "findings": (self.findings, self.relative),
        }.get(column, (self.relative,))


def list_rows(bench: Workbench, run: Any) -> list[Row]:
    store = bench.store
    fail_on = Severity.parse(run["fail_on"])
    decisions = store.decisions()
    findings = store.run_findings(run["id"])
    rows = []
    for result in store.results(run["id"]):
        if bench.inside(bench.relative(result.path)) is None:
            continue  # audited under another root
        found = findings.get(result.id, [])
        decided = decisions.for_result(result, (f["fingerprint"] for f in found))
        kept = [f for f in found if (d := decided.get(f["fingerprint"])) is None or d.status != DISMISSED]
        counts = {s: 0 for s in Severity}
        for f in kept:
            counts[Severity(f["severity"])] += 1
        rows.append(
            Row(
                bench.relative(result.path),
                result.body or "",
                result.year,
                reviewed_verdict(result, found, decided, fail_on),
                counts,
                len(kept),
                len(found) - len(kept),
                {f["code"] for f in kept},
            )
        )
    return rows
