"""``--format text``: a table per file (CJK widths counted right) and a summary line."""

from __future__ import annotations

from tabulate import tabulate

from auditor.engine import FileResult
from auditor.reporting import Reporter, Summary

_HEADERS = {
    "zh": ["位置", "级别", "代码", "规则", "所在", "说明"],
    "en": ["where", "severity", "code", "rule", "place", "message"],
}


class TextReporter(Reporter):
    name = "text"
    description = "readable tables, one per file / 每个文件一张表"

    def file(self, result: FileResult) -> None:
        lang = self.run.lang
        if not result.findings:
            ok = "未发现问题" if lang == "zh" else "no findings"
            self.out.write(f"{result.path}: {ok}\n\n")
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
                    finding.name,
                    finding.place.key().strip("."),
                    finding.message.get(lang),
                )
            )
        header = result.path
        facts = [str(x) for x in (result.body, result.year, result.variant) if x]
        if facts:
            header += f"  ({' · '.join(facts)})"
        self.out.write(header + "\n")
        self.out.write(tabulate(rows, headers=_HEADERS[lang], maxcolwidths=[None, None, None, 22, 22, 60]))
        self.out.write("\n\n")

    def end(self, summary: Summary) -> None:
        self.out.write(summary.line(self.run.lang) + "\n")
