"""Reporters: output formats, registered through the ``auditor_reporters`` hook like rules are.

A reporter streams: ``begin`` once, ``file`` for each audited file as it comes, ``end`` with the summary, so that
memory stays flat however many files a batch holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import IO, Any

from auditor import __version__
from auditor.engine import FileResult, Skipped
from auditor.rule import Finding, Rule, Severity
from auditor.verdict import VERDICTS, Verdict

_SEVERITIES = tuple(Severity)  # in their order (iterating the enum itself costs more than a file's other counting)

REPORT_FORMAT_VERSION = "1.0"


@dataclass
class RunInfo:
    """What every reporter may need about the run."""

    rules: dict[str, Rule]  # every installed rule, by code
    lang: str = "zh"
    fail_on: Severity = Severity.ERROR
    tool_version: str = __version__
    options: dict[str, Any] = field(default_factory=dict)
    fail_on_unassessed: bool = True  # a report that was not assessed fails the gate (--no-fail-on-unassessed)


@dataclass
class FileLine:
    """One row of the per-file summary (kept for every file: a few fields, not the findings)."""

    path: str
    body: str | None
    year: int | None
    variant: str | None
    counts: dict[Severity, int]
    verdict: Verdict


@dataclass
class Summary:
    """What a run found, added up over its files."""

    files: int = 0
    failed_files: int = 0
    counts: dict[Severity, int] = field(default_factory=lambda: {s: 0 for s in Severity})
    verdicts: dict[Verdict, int] = field(default_factory=lambda: {v: 0 for v in VERDICTS})
    by_rule: dict[str, dict[str, Any]] = field(default_factory=dict)
    per_file: list[FileLine] = field(default_factory=list)
    cross_findings: list[Finding] = field(default_factory=list)  # from checks across files (e.g. cross-year)
    cross_notes: list[dict[str, Any]] = field(default_factory=list)  # e.g. which reports were paired, and how
    skipped: list[Skipped] = field(default_factory=list)  # what the folder walks left out, and why
    fail_on: Severity | None = None  # the gate the files were counted against (set by add)
    fail_on_unassessed: bool = True

    def add(self, result: FileResult, fail_on: Severity, fail_on_unassessed: bool = True) -> bool:
        """Count ``result`` in; whether it fails the gate (its verdict and that are found once, together)."""
        self.files += 1
        self.fail_on, self.fail_on_unassessed = fail_on, fail_on_unassessed
        verdict, fails = result.gate(fail_on, fail_on_unassessed)
        self.verdicts[verdict] += 1
        self.failed_files += fails
        counts = dict.fromkeys(_SEVERITIES, 0)
        total, by_rule = self.counts, self.by_rule
        codes = set()
        for code, name, severity, count in result.tally():
            total[severity] += count
            counts[severity] += count
            entry = by_rule.get(code)
            if entry is None:
                entry = by_rule[code] = {"code": code, "name": name, "severity": severity, "count": 0, "files": 0}
            entry["count"] += count
            if code not in codes:
                codes.add(code)
                entry["files"] += 1
        self.per_file.append(FileLine(result.path, result.body, result.year, result.variant, counts, verdict))
        return fails

    def statistics(self) -> list[dict[str, Any]]:
        """Counts per rule, most frequent first (then by severity and code)."""
        return sorted(self.by_rule.values(), key=lambda e: (-e["count"], -e["severity"], e["code"]))

    def to_json(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "failed_files": self.failed_files,
            "verdicts": {verdict.value: count for verdict, count in self.verdicts.items()},
            "counts": {severity.label: count for severity, count in sorted(self.counts.items(), reverse=True)},
            "statistics": [{**e, "severity": e["severity"].label} for e in self.statistics()],
            "cross_file": {"findings": [f.to_json() for f in self.cross_findings], "notes": self.cross_notes},
            "skipped": [s.to_json() for s in self.skipped],
        }

    def line(self, lang: str) -> str:
        """The summary line: files, how many fail the gate and what the gate is (the exit code's count: a finding at
        ``--fail-on`` or above, or a report not assessed — not the same as the verdict 未通过/fail), the files by
        verdict, the findings by severity."""
        c = self.counts
        if lang == "zh":
            verdicts = "，".join(f"{v.text(lang)} {n}" for v, n in self.verdicts.items() if n)
            return (
                f"共 {self.files} 个文件，{self.failed_files} 个未过检查门槛{self._gate(lang)}；结论：{verdicts or '无'}；"
                f"致命 {c[Severity.FATAL]}，错误 {c[Severity.ERROR]}，警告 {c[Severity.WARNING]}，提示 {c[Severity.INFO]}"
                + (f"；跳过 {len(self.skipped)} 项" if self.skipped else "")
            )
        verdicts = ", ".join(f"{n} {v.text(lang)}" for v, n in self.verdicts.items() if n)
        return (
            f"{self.files} file(s), {self.failed_files} failing the gate{self._gate(lang)}; verdicts: "
            f"{verdicts or 'none'}; {c[Severity.FATAL]} fatal, {c[Severity.ERROR]} error(s), "
            f"{c[Severity.WARNING]} warning(s), {c[Severity.INFO]} info"
            + (f"; {len(self.skipped)} skipped" if self.skipped else "")
        )

    def _gate(self, lang: str) -> str:
        """What fails the gate: 「（有“错误”及以上的问题或无法审查）」, " (a finding at error or above, or not assessed)"."""
        if self.fail_on is None:
            return ""  # no file counted
        if lang == "zh":
            return f"（有“{self.fail_on.text(lang)}”及以上的问题{'或无法审查' if self.fail_on_unassessed else ''}）"
        return f" (a finding at {self.fail_on.label} or above{', or not assessed' if self.fail_on_unassessed else ''})"


class Reporter:
    """Base class of an output format. Subclasses set ``name`` and ``description`` and override the three steps."""

    name = ""
    description = ""
    binary = False  # writes bytes (e.g. xlsx) rather than text
    needs_tables = False  # wants FileResult.tables (a snapshot of the parsed tables) to draw them
    plugin = ""

    def begin(self, out: IO[Any], run: RunInfo) -> None:
        self.out = out
        self.run = run

    def file(self, result: FileResult) -> None:
        raise NotImplementedError

    def end(self, summary: Summary) -> None:
        pass


class LazyReporter:
    """An output format whose module is imported only when the run uses it (``--format``), so that a run writing
    text does not import the HTML, SARIF or spreadsheet writers. ``target`` is ``"package.module:ClassName"``; every
    attribute but ``name`` and ``plugin`` comes from an instance of that class, made on first use."""

    def __init__(self, name: str, target: str) -> None:
        self.name = name
        self.plugin = ""
        self._target = target
        self._real: Reporter | None = None

    def load(self) -> Reporter:
        if self._real is None:
            import importlib

            module, _, cls = self._target.partition(":")
            self._real = getattr(importlib.import_module(module), cls)()
            self._real.plugin = self.plugin
        return self._real

    def __getattr__(self, attribute: str) -> Any:  # only for what the instance does not hold itself
        if attribute.startswith("_"):
            raise AttributeError(attribute)
        return getattr(self.load(), attribute)


def cross_results(summary: Summary) -> list[FileResult]:
    """The findings of checks across files, grouped as per-file results (in path order) for reporters that list
    findings file by file."""
    by_path: dict[str, list[Finding]] = {}
    for finding in summary.cross_findings:
        by_path.setdefault(finding.path, []).append(finding)
    return [FileResult(path, findings) for path, findings in sorted(by_path.items())]
