"""``--format text``: a table per file (CJK widths counted right) and a summary line."""

from __future__ import annotations

from auditor.engine import FileResult
from auditor.reporting import Reporter, Summary
from auditor.review import dismissed_note

_HEADERS = {
    "zh": ["位置", "级别", "代码", "规则", "所在", "说明"],
    "en": ["where", "severity", "code", "rule", "place", "message"],
}


class TextReporter(Reporter):
    name = "text"
    description = "readable tables, one per file / 每个文件一张表"

    def file(self, result: FileResult) -> None:
        from tabulate import tabulate  # imported when text is written, not when the plugin loads

        lang = self.run.lang
        verdict = result.verdict(self.run.fail_on).text(lang)
        verdict = f"结论：{verdict}" if lang == "zh" else f"verdict: {verdict}"
        if not result.findings:
            ok = "未发现问题" if lang == "zh" else "no findings"
            note = dismissed_note(result, lang)
            sep = "；" if note and lang == "zh" else "; " if note else ""
            self.out.write(f"{result.path}: {ok}  — {verdict}{sep}{note}\n\n")
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
        self.out.write(f"{header}  — {verdict}\n")
        self.out.write(tabulate(rows, headers=_HEADERS[lang], maxcolwidths=[None, None, None, 22, 22, 60]))
        note = dismissed_note(result, lang)
        self.out.write(f"\n{note}\n\n" if note else "\n\n")

    def end(self, summary: Summary) -> None:
        from tabulate import tabulate

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
            self.out.write(tabulate(pair_rows, headers=headers, maxcolwidths=[None, 30, 30, 60]) + "\n")
            for finding in summary.cross_findings:
                where = f"{finding.path}:{finding.line}" if finding.line else finding.path
                self.out.write(f"  {where}  {finding.severity.text(lang)} {finding.code} {finding.message.get(lang)}\n")
            self.out.write("\n")
        if self.run.options.get("statistics"):
            stat_rows = [
                (e["code"], e["name"], e["severity"].text(lang), e["count"], e["files"]) for e in summary.statistics()
            ]
            stat_headers = (
                ["代码", "规则", "级别", "次数", "文件数"] if zh else ["code", "rule", "severity", "count", "files"]
            )
            self.out.write(tabulate(stat_rows, headers=stat_headers) + "\n\n")
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
            self.out.write(tabulate(file_rows, headers=file_headers) + "\n\n")
        self.out.write(summary.line(lang) + "\n")
