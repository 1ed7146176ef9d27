"""``--format text``: a table per file and a summary line, fitted to the terminal's width.

Chinese output names rules by their Chinese titles and places in words (导语, 表三·（三）2.其他法律行政法规禁止公开·
自然人); lines are broken by Chinese rules (:mod:`auditor.reporters.wrap`): never inside 「2023年」, never before
「）。」. The width is ``COLUMNS``, else the terminal's, else 120 cells (a file or a pipe).
"""

from __future__ import annotations

import os
import shutil
from typing import IO, Any

from auditor.engine import FileResult
from auditor.output import TerminalSafe
from auditor.reporters.columns import message_text, place_text, rule_title
from auditor.reporters.wrap import fit_table, wrap
from auditor.reporting import Reporter, RunInfo, Summary
from auditor.review import dismissed_note

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
        safe: Any = TerminalSafe(out)  # report text cannot drive the terminal (escape sequences)
        super().begin(safe, run)
        self.width = output_width(out)

    def file(self, result: FileResult) -> None:
        lang = self.run.lang
        if self.run.options.get("statistics"):  # the counts per rule instead of the findings (as Ruff does)
            return
        verdict = result.verdict(self.run.fail_on).text(lang)
        verdict = f"结论：{verdict}" if lang == "zh" else f"verdict: {verdict}"
        if not result.findings:
            if self.run.options.get("quiet"):
                return
            ok = "未发现问题" if lang == "zh" else "no findings"
            note = dismissed_note(result, lang)
            sep = "；" if note and lang == "zh" else "; " if note else ""
            line = f"{result.path}: {ok}  — {verdict}{sep}{note}"
            self.out.write("\n".join(wrap(line, self.width)) + "\n\n")
            return
        rows = []
        for finding in result.findings:
            where = "" if finding.line is None else f"{finding.line}:{finding.column}"
            if finding.loc is not None and finding.loc.page is not None:
                where = f"p{finding.loc.page} {where}"
            rows.append(
                (
                    where,
                    finding.severity.text(lang),
                    finding.code,
                    rule_title(finding, self.run.rules, lang),
                    place_text(finding.place, lang),
                    message_text(finding, lang),
                )
            )
        header = result.path
        facts = [str(x) for x in (result.body, result.year, result.variant) if x]
        if facts:
            header += f"  ({' · '.join(facts)})"
        self.out.write("\n".join(wrap(f"{header}  — {verdict}", self.width)) + "\n")
        self.out.write(fit_table(rows, _HEADERS[lang], self.width, {3: 2, 4: 2, 5: 5}))
        note = dismissed_note(result, lang)
        self.out.write("\n" + "\n".join(wrap(note, self.width)) + "\n\n" if note else "\n\n")

    def end(self, summary: Summary) -> None:
        lang = self.run.lang
        zh = lang == "zh"
        pairs = [n for n in summary.cross_notes if n.get("check") == "cross-year"]
        if pairs or summary.cross_findings:
            self.out.write(
                ("跨年度核对（同一机关相邻年度）" if zh else "Cross-year checks (one body, consecutive years)") + "\n"
            )
            pair_rows = [
                (
                    " → ".join(map(str, n["years"])),
                    " / ".join(n.get("bodies", [n["key"]])),
                    ("已配对：" + n["match"] if n["paired"] else "未配对：" + n["reason"])
                    if zh
                    else ("paired: " + n["match"] if n["paired"] else "not paired: " + n["reason"]),
                    "\n".join(n["files"]),
                )
                for n in pairs
            ]
            headers = ["年度", "机关", "配对", "文件"] if zh else ["years", "body", "pairing", "files"]
            self.out.write(fit_table(pair_rows, headers, self.width, {1: 2, 2: 2, 3: 3}) + "\n")
            for finding in summary.cross_findings:
                where = f"{finding.path}:{finding.line}" if finding.line else finding.path
                line = f"{where}  {finding.severity.text(lang)} {finding.code} {finding.message.get(lang)}"
                self.out.write("\n".join("  " + part for part in wrap(line, self.width - 2)) + "\n")
            self.out.write("\n")
        if self.run.options.get("statistics"):
            stat_rows = [
                (e["code"], self._title(e["code"], e["name"]), e["severity"].text(lang), e["count"], e["files"])
                for e in summary.statistics()
            ]
            stat_headers = (
                ["代码", "规则", "级别", "次数", "文件数"] if zh else ["code", "rule", "severity", "count", "files"]
            )
            self.out.write(fit_table(stat_rows, stat_headers, self.width, {1: 1}) + "\n\n")
        if self.run.options.get("summary"):
            file_rows = [
                (
                    line.path,
                    line.body or "",
                    line.year or "",
                    line.variant or "",
                    *(line.counts[s] for s in sorted(line.counts, reverse=True)),
                    line.verdict.text(lang),
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
                line = f"{skipped.path}: {skipped.zh if zh else skipped.en}"
                self.out.write("\n".join("  " + part for part in wrap(line, self.width - 2)) + "\n")
            self.out.write("\n")
        if not self.run.options.get("quiet"):
            self.out.write("\n".join(wrap(summary.line(lang), self.width)) + "\n")

    def _title(self, code: str, name: str) -> str:
        found = self.run.rules.get(code)
        return found.summary.get("zh") if found is not None and self.run.lang == "zh" else name
