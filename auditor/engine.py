"""The audit engine: read and parse a file, run the selected rules on it, grade what they find.

One file's trouble stays that file's: an unreadable file or a document that is not a report becomes a ``fatal``
finding, a rule that raises becomes one ``internal-error`` finding, and the run goes on.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from auditor import budget, narrative
from auditor import config as cfg
from auditor.budget import BudgetExceeded
from auditor.diagnostics import INTERNAL_ERROR, LIMIT_EXCEEDED, NOT_A_REPORT, diagnostic_for
from auditor.document import Location
from auditor.errors import AuditorError, NotAReport
from auditor.model import Report
from auditor.output import shown
from auditor.plugins import Plugins
from auditor.readers import Limits, read_path
from auditor.rule import (
    BatchCheck,
    Check,
    Finding,
    Place,
    Rule,
    RuleContext,
    Severity,
    Text,
    fingerprint,
    json_encode,
    no_findings,
)
from auditor.verdict import Verdict, gate_fails, is_assessed, judged, verdict_of, worst_of


@dataclass
class FileResult:
    """What an audit says about one file (the parsed model is kept only when asked for)."""

    path: str
    findings: list[Finding]
    year: int | None = None
    body: str | None = None
    variant: str | None = None
    format: str | None = None
    report: Report | None = None
    tables: dict[str, Any] | None = None  # a JSON snapshot of the tables, when a reporter draws them
    facts: dict[str, Any] = field(default_factory=dict)  # what each batch check needs from this file
    assessed: bool = False  # the statistics tables were read and checked (see auditor.verdict)
    review: dict[str, Any] | None = None  # the review store's decisions on these findings (check --db)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickled compactly (a worker sends every result to the parent): each finding as a tuple of plain values,
        rebuilt as the same objects on the other side, instead of an object graph pickled object by object."""
        rest = [getattr(self, name) for name in _RESULT_FIELDS[2:]]  # every field after path and findings
        return _unpickle_result, (self.path, [_finding_state(f) for f in self.findings], *rest)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings), default=None)

    def verdict(self, fail_on: Severity) -> Verdict:
        return verdict_of(self.findings, self.assessed, fail_on)

    def fails(self, fail_on: Severity, fail_on_unassessed: bool = True) -> bool:
        """Whether this file fails the gate (see :func:`auditor.verdict.gate_fails`)."""
        return gate_fails(self.findings, self.assessed, fail_on, fail_on_unassessed)

    def gate(self, fail_on: Severity, fail_on_unassessed: bool = True) -> tuple[Verdict, bool]:
        """:meth:`verdict` and :meth:`fails` at once (one pass over the findings)."""
        return judged(*worst_of(self.findings), self.assessed, fail_on, fail_on_unassessed)

    def tally(self) -> list[tuple[str, str, Severity, int]]:
        """The findings counted by code, name and severity, in the order each first comes: what a summary reads."""
        counted: dict[tuple[str, str, Severity], int] = {}
        for finding in self.findings:
            key = (finding.code, finding.name, finding.severity)
            counted[key] = counted.get(key, 0) + 1
        return [(code, name, severity, count) for (code, name, severity), count in counted.items()]

    def _head(self, fail_on: Severity | None, verdict: Verdict | None = None) -> dict[str, Any]:
        """What the JSON says of the file before its findings."""
        out: dict[str, Any] = {
            "path": self.path,
            "format": self.format,
            "year": self.year,
            "body": self.body,
            "variant": self.variant,
        }
        if fail_on is not None:
            out["verdict"] = (verdict or self.verdict(fail_on)).value
            out["assessed"] = self.assessed
        return out

    def to_json(self, fail_on: Severity | None = None) -> dict[str, Any]:
        out = self._head(fail_on)
        out["findings"] = [f.to_json() for f in self.findings]
        if self.review is not None:
            out["review"] = self.review
        return out

    def json_utf8(self, fail_on: Severity | None = None) -> bytes | None:
        """:meth:`json_text` encoded as UTF-8 when it is at hand already (written by a worker process), else None."""
        return None

    def json_text(self, fail_on: Severity | None = None, verdict: Verdict | None = None) -> str:
        """``json.dumps(self.to_json(fail_on), ensure_ascii=False)``, built from each finding's own text
        (:meth:`Finding.json_text`) rather than from one tree of dictionaries; ``verdict`` when it is known already
        (for ``fail_on``)."""
        head = self._head(fail_on, verdict)
        findings = ", ".join([finding.json_text() for finding in self.findings])
        review = "" if self.review is None else f', "review": {json_encode(self.review)}'
        return f'{json_encode(head)[:-1]}, "findings": [{findings}]{review}}}'


_SEVERITIES = {int(severity): severity for severity in Severity}
_new_tuple = tuple.__new__
_RESULT_FIELDS = tuple(f.name for f in fields(FileResult))


def _finding_state(f: Finding) -> tuple[Any, ...]:
    loc, place = f.loc, f.place
    return (
        f.code,
        f.name,
        int(f.severity),
        f.message.zh,
        f.message.en,
        f.path,
        None if loc is None else tuple(loc),
        (place.section, place.table, place.row, place.column),
        f.values,
        f.basis,
        f.fingerprint,
        f.plugin,
        f.fix,
    )


def _unpickle_result(path: str, findings: list[tuple[Any, ...]], *rest: Any) -> FileResult:
    places: dict[tuple[Any, ...], Place] = {}  # a Place is frozen: findings at one place share one object

    def place_of(key: tuple[Any, ...]) -> Place:
        found = places.get(key)
        if found is None:
            found = places[key] = Place(*key)
        return found

    made = [
        Finding(
            code,
            name,
            _SEVERITIES[severity],
            Text(zh, en),
            where,
            None if loc is None else _new_tuple(Location, loc),  # Location(*loc) without its Python __new__
            place_of(place),
            values,
            basis,
            fingerprint,
            plugin,
            fix,
        )
        for code, name, severity, zh, en, where, loc, place, values, basis, fingerprint, plugin, fix in findings
    ]
    return FileResult(path, made, *rest)


class Engine:
    def __init__(self, plugins: Plugins, config: cfg.Config | None = None, limits: Limits | None = None) -> None:
        self.plugins = plugins
        self.config = config or cfg.Config()
        self.limits = limits or Limits()
        cfg.check_selectors(self.config, plugins.rules)
        self.rules: list[Rule] = [
            r
            for r in sorted(plugins.rules.values(), key=lambda r: r.code)
            if cfg.selected(r, self.config.select, self.config.ignore)
        ]
        self.selected_codes = {r.code for r in self.rules}
        self.options = self.config.options()
        self.batch_checks = [
            c
            for c in plugins.batch_checks
            if any(r.code in self.selected_codes for r in c.rules) and (c.wanted is None or c.wanted(self.options))
        ]
        # Whether each file's facts are gathered for the batch checks: a run of one file has nothing to compare
        # it with (every check is across files), so the CLI turns this off for it and its fingerprints are not made.
        self.batch = True
        self.severities = {r.code: cfg.severity_for(r, self.config) for r in plugins.rules.values()}
        self._places: dict[str, dict[int, list[Location]]] = {}
        self._by_variant: dict[str, tuple[list[Rule], list[Rule]]] = {}
        self._checks: dict[str, tuple[list[Rule], list[tuple[Rule, Check]]]] = {}
        self.options["citation_catalogs"] = tuple(plugins.citation_catalogs)
        self.options["selected_codes"] = frozenset(self.selected_codes)  # a rule may stand down for another's finding
        narrative.use_patterns(p for paths in plugins.manager.hook.auditor_narrative_patterns() for p in paths or ())

    # ── one report ──────────────────────────────────────────────────────────────────────────────────────
    def check_report(self, report: Report, path: str | None = None) -> list[Finding]:
        path = path or report.source.path
        findings: list[Finding] = []
        options, check = self.options, budget.check
        if self.config.per_file_ignores:
            options = self._options_in(path)
        checks = self._checks_for(report.variant)
        if not checks:
            return self._grade(findings, path)
        # One context for the report, handed from rule to rule: each rule's findings are all made (the generator run
        # to its end) before the next rule gets it, and making one per rule cost more than some rules do.
        context = RuleContext(checks[0][0], path, options)
        for found, run in checks:
            context.rule = found
            try:
                findings += run(report, context)
            except BudgetExceeded:
                raise
            except Exception as exc:  # a broken rule is one finding, not a broken run
                findings.append(self._internal_error(path, found, exc))
            check("rules")  # after each rule, the last one too: a slow last rule is past the budget as any other
        return self._grade(findings, path)

    def _options_in(self, path: str) -> dict[str, Any]:
        """The run's options for one file: a rule ignored in this file (per-file ignores) is not among the selected
        codes, so a rule that stands down for its finding (CIT002 for CIT001) tells the defect instead."""
        ignored = {r.code for r in self.rules if cfg.ignored_in_file(r.code, r.name, path, self.config)}
        if not ignored:
            return self.options
        return {**self.options, "selected_codes": frozenset(self.selected_codes - ignored)}

    def _checks_for(self, variant: str) -> list[tuple[Rule, Check]]:
        """The selected rules that apply to a variant with their checks, in order (worked out once per variant)."""
        known = self._checks.get(variant)
        if known is None or known[0] is not self.rules:
            # A rule whose findings come from elsewhere (a batch check, the engine: its check is ``no_findings``) is
            # not called: it would only cost the call.
            checks = [(r, r.check) for r in self._rules_for(variant) if r.check is not no_findings]
            known = self._checks[variant] = (self.rules, checks)
        return known[1]

    def _rules_for(self, variant: str) -> list[Rule]:
        """The selected rules that apply to a variant, in order (worked out once per variant and run)."""
        known = self._by_variant.get(variant)
        if known is None or known[0] is not self.rules:
            known = self._by_variant[variant] = (self.rules, [r for r in self.rules if r.applies_to(variant)])
        return known[1]

    def check_file(self, path: str, keep_report: bool = False, keep_tables: bool = False) -> FileResult:
        """Audit one file within its time budget (``Limits.max_seconds``: reading, parsing and every rule)."""
        self.warm_up()  # loading the grammar is the run's cost, not the first file's
        try:
            with budget.budget(self.limits.max_seconds, path):
                result = self._check_file(path, keep_report, keep_tables)
        except BudgetExceeded as exc:
            result = FileResult(path, self._grade([self._diagnostic(LIMIT_EXCEEDED, path, exc)], path))
        display = shown(path)  # a name that is not UTF-8 is shown with its bytes escaped, in every format
        if display != path:
            result.path = display
            for finding in result.findings:
                finding.path = display
        return result

    def _check_file(self, path: str, keep_report: bool, keep_tables: bool) -> FileResult:
        try:
            report = self.parse(path)
        except NotAReport as exc:
            return FileResult(path, self._grade([self._diagnostic(NOT_A_REPORT, path, exc)], path))
        except BudgetExceeded:
            raise
        except AuditorError as exc:
            return FileResult(path, self._grade([self._diagnostic(diagnostic_for(exc), path, exc)], path))
        except Exception as exc:  # the parser must never crash a batch
            return FileResult(path, self._grade([self._internal_error(path, None, exc)], path))
        findings = self.check_report(report, path)
        _complete_locations(findings, self._places.pop(path, None))
        meta = report.metadata
        result = FileResult(
            path,
            findings,
            meta.year,
            meta.issuing_body.text if meta.issuing_body else None,
            report.variant,
            report.source.format,
            report if keep_report else None,
            assessed=is_assessed(report),
        )
        if keep_tables:
            result.tables = {key: table.to_json() for key, table in report.tables.items()}
        for check in self.batch_checks if self.batch else ():
            try:
                facts = check.facts(report)
            except BudgetExceeded:
                raise
            except Exception as exc:  # a broken batch check is one finding, as a broken rule is
                result.findings.append(self._internal_error(path, check, exc))
                continue
            if facts is not None:
                result.facts[check.name] = facts
        return result

    def finish(self, facts: list[tuple[str, dict[str, Any]]]) -> tuple[list[Finding], list[dict[str, Any]]]:
        """Run the batch checks over what every file contributed; return their findings and their notes."""
        findings: list[Finding] = []
        notes: list[dict[str, Any]] = []
        for check in self.batch_checks:
            items = [(path, f[check.name]) for path, f in facts if check.name in f]
            try:
                outcome = check.check(items, self.options)
            except Exception as exc:
                findings.append(self._internal_error("(batch)", check, exc))
                continue
            for finding in outcome.findings:
                findings.extend(self._grade([finding], finding.path))
            notes.extend({"check": check.name, **note} for note in outcome.notes)
        return findings, notes

    def warm_up(self) -> None:
        """Load what every file needs (the grammar, the pre-lexer) before the first file, not during it."""
        from auditor.parse import prelexer

        prelexer()

    def parse(self, path: str) -> Report:
        from auditor.parse import parse_document

        document = read_path(path, self.plugins, self.limits)
        report = parse_document(document)
        if document.format != "text":
            self._places[path] = _line_places(document)
        return report

    def check_paths(self, paths: Iterable[str]) -> Iterator[FileResult]:
        for path in paths:
            yield self.check_file(path)

    # ── grading ─────────────────────────────────────────────────────────────────────────────────────────
    def grade(self, findings: list[Finding], path: str) -> list[Finding]:
        """Selection, severity overrides and per-file ignores for findings made outside the rules (a baseline's)."""
        return self._grade(findings, path)

    def _grade(self, findings: list[Finding], path: str) -> list[Finding]:
        out = []
        severities, selected, rules = self.severities, self.selected_codes, self.plugins.rules
        per_file = bool(self.config.per_file_ignores)
        for finding in findings:
            code, fatal = finding.code, finding.severity == Severity.FATAL
            if code in severities and not fatal:
                if code not in selected:
                    continue  # emitted by a rule under another code that is not selected (e.g. NUM008)
                if finding.severity == rules[code].severity:  # a rule may grade one finding apart (not assessable)
                    finding.severity = severities[code]
            if per_file and not fatal and cfg.ignored_in_file(code, finding.name, path, self.config):
                continue
            out.append(finding)
        out.sort(key=_order)
        return out

    def _diagnostic(self, found: Rule, path: str, exc: AuditorError) -> Finding:
        from auditor.document import Location

        loc = Location(exc.line, 1) if exc.line else None
        return Finding(
            found.code,
            found.name,
            found.severity,
            Text(exc.zh, exc.en),
            path,
            loc,
            Place(),
            {},
            found.basis,
            fingerprint(found.code, Place(), exc.en),
            found.plugin,
        )

    def _internal_error(self, path: str, failed: Rule | BatchCheck | None, exc: Exception) -> Finding:
        """SYS003 for ``failed``: a rule, a batch check, or (None) the reading and parsing of the file."""
        found = INTERNAL_ERROR
        if isinstance(failed, BatchCheck):
            what_zh, what_en = f"批次检查 {failed.name}", f"batch check {failed.name}"
        elif failed is not None:
            what_zh = what_en = f"{failed.code} {failed.name}"
        else:
            what_zh, what_en = "读取和解析", "reading and parsing"
        detail = f"{type(exc).__name__}: {exc}"
        message = Text(
            f"内部错误：{what_zh}运行失败（{detail}）。其余检查照常进行；请报告此问题。",
            f"internal error: {what_en} failed ({detail}). The other checks ran; please report this.",
        )
        return Finding(
            found.code,
            found.name,
            found.severity,
            message,
            path,
            None,
            Place(),
            {"rule": failed.code if isinstance(failed, Rule) else None, "exception": detail},
            (),
            fingerprint(found.code, Place(), what_en if failed is not None else "parser"),  # as baselines hold it
            found.plugin,
        )


def _order(finding: Finding) -> tuple[bool, int, int, str]:
    """Findings in the order of the text: by line and column (those without a place last), then by code."""
    loc = finding.loc
    if loc is None:
        return True, 0, 0, finding.code
    return False, loc.line or 0, loc.column or 0, finding.code


def _line_places(document: Any) -> dict[int, list[Location]]:
    """Line → the locations of its cells (with the PDF page or the DOCX reference the reader recorded)."""
    places: dict[int, list[Location]] = {}
    for block in document.blocks:
        for cell in block.cells:
            if cell.loc.page is not None or cell.loc.ref is not None:
                places.setdefault(cell.loc.line, []).append(cell.loc)
    return places


def _complete_locations(findings: list[Finding], places: dict[int, list[Location]] | None) -> None:
    """A finding located by line and column only (metadata, text searches) gets the page or the DOCX paragraph or
    cell of that line, so that every output can say where it is in the file as its reader sees it."""
    if not places:
        return
    for finding in findings:
        loc = finding.loc
        if loc is None or loc.page is not None or loc.ref is not None or loc.line not in places:
            continue
        cells = places[loc.line]
        holding = [cell for cell in cells if cell.column <= loc.column][-1:] or cells[:1]
        finding.loc = loc._replace(page=holding[0].page, ref=holding[0].ref)


def fails(findings: Iterable[Finding], threshold: Severity) -> bool:
    return any(f.severity >= threshold for f in findings)


# The documentation files of a repository or a folder of reports (README.md …): walks leave them out, by name.
_PROJECT_FILES = frozenset({"README", "CHANGELOG", "CHANGES", "LICENSE", "CONTRIBUTING", "NOTICE", "AUTHORS"})


@dataclass(frozen=True)
class Skipped:
    """A file or folder a folder walk left out, and why (the run's summary lists every one)."""

    path: str
    zh: str
    en: str

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "reason": {"zh": self.zh, "en": self.en}}


def expand_paths(
    paths: Iterable[str],
    extensions: frozenset[str],
    skipped: list[Skipped] | None = None,
    exclude: list[str] | None = None,
) -> Iterator[str]:
    """Files as given; folders walked recursively (sorted) for the extensions readers know. What a walk leaves out
    — hidden entries, other extensions, links to folders, folders it cannot read, what an ``exclude`` pattern
    matches — is added to ``skipped``."""
    skipped = [] if skipped is None else skipped
    patterns = exclude or []

    def skip(path: str, zh: str, en: str) -> None:
        skipped.append(Skipped(shown(path), zh, en))

    def unreadable(error: OSError) -> None:
        skip(error.filename or "", f"无法读取文件夹：{error.strerror}", f"cannot read the folder: {error.strerror}")

    for given in paths:
        path = Path(given)
        if not path.is_dir():
            yield given
            continue
        for root, folders, files in os.walk(path, onerror=unreadable):
            kept = []
            for name in sorted(folders):
                full = os.path.join(root, name)
                if name.startswith("."):
                    skip(full, "隐藏文件夹，未查找", "a hidden folder, not searched")
                elif os.path.islink(full):
                    skip(full, "指向文件夹的链接，未跟随", "a link to a folder, not followed")
                elif cfg.excluded(full, patterns):
                    skip(full, "按 exclude 设置排除", "excluded by the exclude setting")
                else:
                    kept.append(name)
            folders[:] = kept
            for name in sorted(files):
                full = os.path.join(root, name)
                suffix = Path(name).suffix.lower()
                if name.startswith("."):
                    skip(full, "隐藏文件", "a hidden file")
                elif cfg.excluded(full, patterns):
                    skip(full, "按 exclude 设置排除", "excluded by the exclude setting")
                elif suffix not in extensions:
                    what = f"扩展名 {suffix}" if suffix else "没有扩展名"
                    skip(full, f"不是报告格式（{what}）", f"not a report format ({suffix or 'no extension'})")
                elif Path(name).stem.upper() in _PROJECT_FILES:
                    skip(
                        full, "项目说明文件（点名时才审查）", "a project's documentation file (audited only when named)"
                    )
                else:
                    yield full
