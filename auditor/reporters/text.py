"""``--format text``: a table per file and a summary line, fitted to the terminal's width.

Chinese output names rules by their Chinese titles and places in words (导语, 表三·（三）2.其他法律行政法规禁止公开·
自然人); lines are broken by Chinese rules (:mod:`auditor.reporters.wrap`): never inside 「2023年」, never before
「）。」. The width is ``COLUMNS``, else the terminal's, else 120 cells (a file or a pipe).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from typing import IO, Any

from auditor.engine import FileResult
from auditor.output import terminal_safe
from auditor.reporters.columns import (
    location_words,
    message_text,
    pairing_text,
    place_text,
    rule_title,
    tidy_zh,
)
from auditor.reporters.style import BOLD, paint, paint_lines, paint_summary_lines, paint_verdict, style
from auditor.reporters.wrap import fit_table, wrap
from auditor.reporting import Reporter, RunInfo, Summary
from auditor.review import dismissed_note
from auditor.rule import Finding

DEFAULT_WIDTH = 120


def output_width(out: IO[Any]) -> int:
    """The width to fit: ``COLUMNS`` if set, the terminal's if ``out`` is one, else DEFAULT_WIDTH."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        if out.isatty():
            return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns
    except (AttributeError, ValueError, OSError):
        pass
    return DEFAULT_WIDTH


_HEADERS = {
    "zh": ["位置", "级别", "代码", "规则", "所在", "说明"],
    "en": ["where", "severity", "code", "rule", "place", "message"],
}


class TextReporter(Reporter):
    name = "text"
    description = "readable tables, one per file / 每个文件一张表"

    def begin(self, out: IO[Any], run: RunInfo) -> None:
        # Report text cannot drive the terminal: every piece of it is made terminal-safe before it is written, and
        # colour (--color) is added only after that.
        super().begin(out, run)
        self.width = output_width(out)
        self.color = bool(run.options.get("color"))
        self.show_source = bool(run.options.get("show_source"))
        self.sources: Callable[[str], list[str] | None] | None = run.options.get("sources")

    def file(self, result: FileResult) -> None:
        lang = self.run.lang
        if self.run.options.get("statistics"):  # the counts per rule instead of the findings (as Ruff does)
            return
        judged = result.verdict(self.run.fail_on)
        said = "结论：" if lang == "zh" else "verdict: "
        verdict = said + judged.text(lang)
        painted = [(verdict, said + paint_verdict(judged.text(lang), judged, self.color))]
        path = terminal_safe(result.path)
        if not result.findings:
            if self.run.options.get("quiet"):
                return
            ok = "未发现问题" if lang == "zh" else "no findings"
            note = terminal_safe(dismissed_note(result, lang))
            sep = "；" if note and lang == "zh" else "; " if note else ""
            line = f"{path}: {ok}  — {verdict}{sep}{note}"
            self.out.write("\n".join(paint_lines(wrap(line, self.width), painted)) + "\n\n")
            return
        header = path
        facts = [terminal_safe(str(x)) for x in (result.body, result.year, result.variant) if x]
        if facts:
            header += f"  ({' · '.join(facts)})"
        painted.insert(0, (path, style(path, BOLD, self.color)))
        self.out.write("\n".join(paint_lines(wrap(f"{header}  — {verdict}", self.width), painted)) + "\n")
        if self.show_source:
            self._sources(result)
        else:
            self.out.write(self._table(result))
        note = terminal_safe(dismissed_note(result, lang))
        self.out.write("\n" + "\n".join(wrap(note, self.width)) + "\n\n" if note else "\n\n")

    def _table(self, result: FileResult) -> str:
        lang = self.run.lang
        rows = []
        for finding in result.findings:
            where = "" if finding.line is None else f"{finding.line}:{finding.column}"
            if finding.loc is not None and finding.loc.page is not None:
                where = f"p{finding.loc.page} {where}"
            rows.append(
                (
                    where,
                    paint(finding.severity.text(lang), finding.severity, self.color),
                    paint(finding.code, finding.severity, self.color),
                    terminal_safe(rule_title(finding, self.run.rules, lang)),
                    terminal_safe(place_text(finding.place, lang)),
                    terminal_safe(message_text(finding, lang)),
                )
            )
        return fit_table(rows, _HEADERS[lang], self.width, {3: 2, 4: 2, 5: 5})

    def _sources(self, result: FileResult) -> None:
        """--show-source: each finding as Ruff's full output shows it, with its source line and carets."""
        lines = self.sources(result.path) if self.sources is not None else None
        for finding in result.findings:
            self.out.write("\n" + "\n".join(self._block(finding, lines)) + "\n")

    def _block(self, finding: Finding, lines: list[str] | None) -> list[str]:
        from auditor.reporters.source import snippet
        from auditor.reporters.where import is_text_file

        lang = self.run.lang
        zh = lang == "zh"
        where = terminal_safe(finding.path)
        if finding.loc is not None and is_text_file(finding.path):
            where += f":{finding.loc.line}:{finding.loc.column}"
        elif finding.loc is not None:
            where += f"（{location_words(finding, lang)}）" if zh else f" ({location_words(finding, lang)})"
        label = f"{finding.code} {finding.severity.text(lang)}"
        title = terminal_safe(rule_title(finding, self.run.rules, lang))
        out = paint_lines(
            wrap(f"{where}: {label} {title}", self.width),
            [(where, style(where, BOLD, self.color)), (label, paint(label, finding.severity, self.color))],
        )
        if finding.loc is not None and lines is not None and 0 < finding.loc.line <= len(lines):
            out += snippet(finding, lines[finding.loc.line - 1], self.width)
        else:
            out.append("  |")
        place = terminal_safe(place_text(finding.place, lang))
        notes = [terminal_safe(message_text(finding, lang))]
        if place:
            notes.append(("所在：" if zh else "place: ") + place)
        if finding.fix is not None:
            fix = terminal_safe(tidy_zh(finding.fix.message.zh) if zh else finding.fix.message.en)
            notes.append(
                ("可自动修复：" if zh else "fix: ")
                + fix
                + ("" if finding.fix.safe else ("（需 --unsafe-fixes）" if zh else " (with --unsafe-fixes)"))
            )
        for note in notes:
            wrapped = wrap(note, self.width - 4)
            out += [f"  = {wrapped[0]}", *(f"    {part}" for part in wrapped[1:])]
        return out

    def end(self, summary: Summary) -> None:
        lang = self.run.lang
        zh = lang == "zh"
        pairs = [n for n in summary.cross_notes if n.get("check") == "cross-year"]
        if pairs:
            self.out.write(
                ("跨年度核对（同一机关相邻年度）" if zh else "Cross-year checks (one body, consecutive years)") + "\n"
            )
            pair_rows = [
                (
                    " → ".join(map(str, n["years"])),
                    " / ".join(n.get("bodies", [n["key"]])),
                    pairing_text(n, lang),
                    "\n".join(n["files"]),
                )
                for n in pairs
            ]
            headers = ["年度", "机关", "配对", "文件"] if zh else ["years", "body", "pairing", "files"]
            safe_rows = [[terminal_safe(cell) for cell in row] for row in pair_rows]
            self.out.write(fit_table(safe_rows, headers, self.width, {1: 2, 2: 2, 3: 3}) + "\n\n")
        if summary.cross_findings:  # cross-year differences, duplicate submissions, copy-paste, region totals
            self.out.write(("跨文件核对（同一批次的多份报告）" if zh else "Checks across files (one batch)") + "\n")
            for finding in summary.cross_findings:
                where = f"{finding.path}:{finding.line}" if finding.line else finding.path
                label = f"{finding.severity.text(lang)} {finding.code}"
                line = terminal_safe(f"{where}  {label} {message_text(finding, lang)}")
                lines = paint_lines(wrap(line, self.width - 2), [(label, paint(label, finding.severity, self.color))])
                self.out.write("\n".join("  " + part for part in lines) + "\n")
            self.out.write("\n")
        if self.run.options.get("statistics"):
            stat_rows = [
                (
                    paint(e["code"], e["severity"], self.color),
                    terminal_safe(self._title(e["code"], e["name"])),
                    paint(e["severity"].text(lang), e["severity"], self.color),
                    e["count"],
                    e["files"],
                )
                for e in summary.statistics()
            ]
            stat_headers = (
                ["代码", "规则", "级别", "次数", "文件数"] if zh else ["code", "rule", "severity", "count", "files"]
            )
            self.out.write(fit_table(stat_rows, stat_headers, self.width, {1: 1}) + "\n\n")
        if self.run.options.get("summary"):
            file_rows = [
                (
                    terminal_safe(line.path),
                    terminal_safe(line.body or ""),
                    line.year or "",
                    line.variant or "",
                    *(line.counts[s] for s in sorted(line.counts, reverse=True)),
                    paint_verdict(line.verdict.text(lang), line.verdict, self.color),
                )
                for line in summary.per_file
            ]
            file_headers = (
                ["文件", "机关", "年度", "模板", "致命", "错误", "警告", "提示", "结论"]
                if zh
                else ["file", "body", "year", "template", "fatal", "error", "warning", "info", "verdict"]
            )
            self.out.write(fit_table(file_rows, file_headers, self.width, {0: 3, 1: 2}) + "\n\n")
        if summary.skipped and not self.run.options.get("quiet"):
            self.out.write(("未审查（跳过）" if zh else "Not audited (skipped)") + "\n")
            for skipped in summary.skipped:
                line = terminal_safe(f"{skipped.path}: {skipped.zh if zh else skipped.en}")
                self.out.write("\n".join("  " + part for part in wrap(line, self.width - 2)) + "\n")
            self.out.write("\n")
        if not self.run.options.get("quiet"):
            lines = wrap(terminal_safe(summary.line(lang)), self.width)
            self.out.write("\n".join(paint_summary_lines(lines, summary, self.color)) + "\n")

    def _title(self, code: str, name: str) -> str:
        found = self.run.rules.get(code)
        return tidy_zh(found.summary.get("zh")) if found is not None and self.run.lang == "zh" else name
