"""``--format html``: one self-contained page (inline CSS and JavaScript, no network) for people.

The page streams like every reporter: ``begin`` writes the head and an empty summary block, ``file`` writes each
report's findings — with the table a finding points at drawn and its cells highlighted — and ``end`` writes the
summary table, the per-rule statistics and the cross-year checks, which a small inline script moves to the top and
makes sortable and filterable. Without JavaScript the summary simply stays at the end of the page.

Every piece of report text is escaped: a report is untrusted input.
"""

from __future__ import annotations

import html
from typing import IO, Any

from auditor.engine import FileResult
from auditor.reporters.columns import (
    SUMMARY_COLUMNS,
    clean,
    headers,
    message_text,
    pairing_text,
    place_text,
    rule_title,
    tidy_zh,
)
from auditor.reporters.drawing import Mark, drawn_tables, marks, render
from auditor.reporters.where import location_text
from auditor.reporting import Reporter, RunInfo, Summary
from auditor.review import dismissed_note
from auditor.rule import Finding, Severity, Text

_T = {
    "title": Text("政府信息公开工作年度报告审查结果", "Audit of government information-disclosure annual reports"),
    "summary": Text("汇总", "Summary"),
    "summary_pending": Text(
        "汇总表在全部报告审查完后写在页末。",
        "The summary is written at the end of the page once every report is audited.",
    ),
    "reports": Text("逐份报告", "Reports"),
    "statistics": Text("按规则统计", "By rule"),
    "cross_year": Text("跨年度核对（同一机关相邻年度）", "Cross-year checks (one body, consecutive years)"),
    "fail_on": Text("以下级别及以上判为未通过", "fails at"),
    "tool": Text("审查工具", "audited with"),
    "no_findings": Text("未发现问题。", "No findings."),
    "severity_filter": Text("级别", "Severity"),
    "rule_filter": Text("规则", "Rule"),
    "all_severities": Text("全部级别", "all severities"),
    "all_rules": Text("全部规则", "all rules"),
    "at_least": Text("{0}及以上", "{0} and above"),
    "filter_status": Text(
        "显示 {files} / {total} 份报告，{findings} 条问题", "showing {files} of {total} reports, {findings} findings"
    ),
    "sort_hint": Text("点击列标题排序", "click a column header to sort"),
    "explanation": Text("规则说明与依据", "Rule explanation and legal basis"),
    "legal_basis": Text("依据", "Legal basis"),
    "no_basis": Text("（未列出）", "(none listed)"),
    "location": Text("行:列", "line:column"),
    "page": Text("第 {0} 页", "page {0}"),
    "count": Text("次数", "count"),
    "files": Text("文件数", "files"),
    "code": Text("代码", "code"),
    "name": Text("规则", "rule"),
    "severity": Text("级别", "severity"),
    "years": Text("年度", "years"),
    "body": Text("机关", "body"),
    "pairing": Text("配对", "pairing"),
    "cross_files": Text("跨文件核对（同一批次的多份报告）", "Checks across files (one batch)"),
    "see_report": Text("见该报告", "see the report"),
}

_SEVERITIES = (Severity.FATAL, Severity.ERROR, Severity.WARNING, Severity.INFO)


def esc(value: Any) -> str:
    """Text for HTML, escaped (quotes too, so it is safe in attributes) and without control characters."""
    return html.escape(clean(str(value)), quote=True)


__all__ = ["HtmlReporter", "Mark", "esc", "marks"]


class HtmlReporter(Reporter):
    name = "html"
    description = "one self-contained page for people / 供人阅读的单个网页（离线可用）"
    needs_tables = True

    def begin(self, out: IO[Any], run: RunInfo) -> None:
        super().begin(out, run)
        self.index = 0
        self.anchors: dict[str, str] = {}  # path → the id of its section (cross-year findings link to it)
        lang = run.lang
        tag = "zh-CN" if lang == "zh" else "en"
        meta = (
            f"{esc(self.t('tool'))} auditor {esc(run.tool_version)} · "
            f"{esc(self.t('fail_on'))}: {esc(run.fail_on.text(lang))}"
        )
        out.write(
            "<!DOCTYPE html>\n"
            f'<html lang="{tag}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{esc(self.t('title'))}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
            f'<header><h1>{esc(self.t("title"))}</h1><p class="meta">{meta}</p></header>\n<main>\n'
            f'<section id="summary" aria-labelledby="summary-title"><h2 id="summary-title">{esc(self.t("summary"))}</h2>'
            f'<p class="pending"><a href="#summary-body">{esc(self.t("summary_pending"))}</a></p></section>\n'
            f'<section id="reports" aria-labelledby="reports-title"><h2 id="reports-title">{esc(self.t("reports"))}</h2>\n'
        )

    def t(self, key: str, *args: Any) -> str:
        """A fixed text of the page in the run's language, with its blanks filled in."""
        text = _T[key].get(self.run.lang)
        return text.format(*args) if args else text

    # ── one report ──────────────────────────────────────────────────────────────────────────────────────
    def file(self, result: FileResult) -> None:
        self.index += 1
        anchor = f"file-{self.index}"
        self.anchors.setdefault(result.path, anchor)
        lang = self.run.lang
        verdict = result.verdict(self.run.fail_on)
        facts = " · ".join(esc(x) for x in (result.body, result.year, result.variant) if x)
        counts = " ".join(
            f'<span class="count sev-{s.label}">{esc(s.text(lang))} {result.count(s)}</span>'
            for s in _SEVERITIES
            if result.count(s)
        )
        parts = [
            f'<section class="report" id="{anchor}" data-verdict="{verdict.value}">',
            f'<h3><span class="verdict {verdict.value}">{esc(verdict.text(lang))}</span> '
            f'<span class="path">{esc(result.path)}</span></h3>',
            f'<p class="facts">{facts}{" · " if facts and counts else ""}{counts}</p>',
        ]
        if result.findings:
            parts.append('<ol class="findings">')
            parts += [self._finding(finding, result.tables or {}) for finding in result.findings]
            parts.append("</ol>")
        else:
            parts.append(f'<p class="ok">{esc(self.t("no_findings"))}</p>')
        if note := dismissed_note(result, self.run.lang):  # check --db
            parts.append(f'<p class="dismissed">{esc(note)}</p>')
        parts.append("</section>\n")
        self.out.write("\n".join(parts))

    def _finding(self, finding: Finding, tables: dict[str, Any], link: str | None = None) -> str:
        lang = self.run.lang
        severity = finding.severity
        where = []
        if finding.loc is not None and finding.loc.page is not None:
            where.append(esc(self.t("page", finding.loc.page)))
        if finding.line is not None:
            where.append(f'<span title="{esc(self.t("location"))}">{finding.line}:{finding.column}</span>')
        if finding.loc is not None and finding.loc.ref:  # a DOCX paragraph or table cell, in words
            where.append(esc(location_text(finding.loc._replace(page=None), lang, text_file=False)))
        place = place_text(finding.place, lang)
        path = ""
        if link is not None:  # a finding listed away from its report (cross-year): name the file, link to it
            path = f'<a class="path" href="#{esc(link)}">{esc(finding.path)}</a> ' if link else esc(finding.path) + " "
        place_html = f' <span class="place">{esc(place)}</span>' if place else ""
        drawn = self.drawn(finding, tables)
        return (
            f'<li class="finding sev-{severity.label}" data-severity="{severity.label}" data-code="{esc(finding.code)}">'
            f'<div class="head"><span class="sev sev-{severity.label}">{esc(severity.text(lang))}</span> '
            f'<code>{esc(finding.code)}</code> <span class="name">{esc(rule_title(finding, self.run.rules, lang))}</span> '
            f'{path}<span class="loc">{" · ".join(where)}</span>{place_html}</div>'
            f'<p class="message">{esc(message_text(finding, lang))}</p>{drawn}{self._rule(finding)}</li>'
        )

    def _title(self, entry: dict[str, Any]) -> str:
        """A rule of the statistics by its Chinese title in Chinese, by its name in English."""
        found = self.run.rules.get(entry["code"])
        return tidy_zh(found.summary.zh) if found is not None and self.run.lang == "zh" else str(entry["name"])

    def drawn(self, finding: Finding, tables: dict[str, Any]) -> str:
        """The tables a finding points at, drawn with its cells highlighted (auditor.reporters.drawing)."""
        return render(drawn_tables(finding, tables, self.run.lang, self.run.rules))

    def _rule(self, finding: Finding) -> str:
        """The rule's explanation and legal basis, folded away."""
        lang = self.run.lang
        known = self.run.rules.get(finding.code)
        basis = known.basis if known is not None and known.basis else finding.basis
        tidy = tidy_zh if lang == "zh" else str  # Chinese typography (docs/glossary.md)
        texts = [tidy(known.summary.get(lang)), tidy(known.explanation.get(lang))] if known is not None else []
        items = "".join(f"<li>{esc(b.text(lang))}</li>" for b in basis) or f"<li>{esc(self.t('no_basis'))}</li>"
        paragraphs = "".join(f"<p>{esc(text)}</p>" for text in texts if text)
        return (
            f'<details class="rule"><summary>{esc(self.t("explanation"))}</summary>{paragraphs}'
            f'<p class="basis-title">{esc(self.t("legal_basis"))}</p><ul class="basis">{items}</ul></details>'
        )

    # ── the end: summary, statistics, cross-year checks ─────────────────────────────────────────────────────
    def end(self, summary: Summary) -> None:
        lang = self.run.lang
        out = self.out
        out.write("</section>\n")
        if summary.cross_notes or summary.cross_findings:
            out.write(self._cross_year(summary))
        out.write(f'<div id="summary-body" class="summary-body">\n{self._controls(summary)}\n')
        out.write(self._summary_table(summary))
        out.write(f'<p class="total">{esc(summary.line(lang))}</p>\n')
        out.write(self._statistics(summary))
        out.write(f"</div>\n</main>\n<script>{_SCRIPT}</script>\n</body>\n</html>\n")

    def _controls(self, summary: Summary) -> str:
        lang = self.run.lang
        severities = [f'<option value="">{esc(self.t("all_severities"))}</option>']
        for severity in _SEVERITIES:
            text = severity.text(lang) if severity == Severity.FATAL else self.t("at_least", severity.text(lang))
            severities.append(f'<option value="{severity.label}">{esc(text)}</option>')
        rules = [f'<option value="">{esc(self.t("all_rules"))}</option>']
        for entry in sorted(summary.statistics(), key=lambda e: e["code"]):
            rules.append(
                f'<option value="{esc(entry["code"])}">{esc(entry["code"])} {esc(self._title(entry))} ({entry["count"]})</option>'
            )
        status = esc(self.t("filter_status"))
        return (
            '<form class="filters" onsubmit="return false">'
            f'<label>{esc(self.t("severity_filter"))} <select id="filter-severity">{"".join(severities)}</select></label> '
            f'<label>{esc(self.t("rule_filter"))} <select id="filter-rule">{"".join(rules)}</select></label> '
            f'<output id="filter-status" aria-live="polite" data-template="{status}"></output></form>'
        )

    def _summary_table(self, summary: Summary) -> str:
        lang = self.run.lang
        kinds = ["text", "text", "number", "text", "number", "number", "number", "number", "text"]
        head = "".join(
            f'<th scope="col" data-type="{kind}"><button type="button">{esc(title)}</button></th>'
            for title, kind in zip(headers(SUMMARY_COLUMNS, lang), kinds, strict=True)
        )
        rows = []
        for number, line in enumerate(summary.per_file, start=1):
            anchor = f"file-{number}"
            counts = "".join(
                f'<td class="num{" sev-" + s.label if line.counts.get(s) else ""}">{line.counts.get(s, 0)}</td>'
                for s in _SEVERITIES
            )
            rows.append(
                f'<tr data-file="{anchor}"><td data-sort="{esc(line.path)}"><a href="#{anchor}">{esc(line.path)}</a></td>'
                f'<td>{esc(line.body or "")}</td><td class="num" data-sort="{line.year or ""}">{line.year or ""}</td>'
                f"<td>{esc(line.variant or '')}</td>{counts}"
                f'<td><span class="verdict {line.verdict.value}">{esc(line.verdict.text(lang))}</span></td></tr>'
            )
        return (
            f'<table id="summary-table" class="sortable"><caption>{esc(self.t("sort_hint"))}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>\n"
        )

    def _statistics(self, summary: Summary) -> str:
        entries = summary.statistics()
        if not entries:
            return ""
        lang = self.run.lang
        kinds = [("code", "text"), ("name", "text"), ("severity", "number"), ("count", "number"), ("files", "number")]
        head = "".join(
            f'<th scope="col" data-type="{kind}"><button type="button">{esc(self.t(key))}</button></th>'
            for key, kind in kinds
        )
        rows = "".join(
            f"<tr><td><code>{esc(e['code'])}</code></td><td>{esc(self._title(e))}</td>"
            f'<td data-sort="{int(e["severity"])}"><span class="sev sev-{e["severity"].label}">'
            f"{esc(e['severity'].text(lang))}</span></td>"
            f'<td class="num">{e["count"]}</td><td class="num">{e["files"]}</td></tr>'
            for e in entries
        )
        return (
            f'<h3>{esc(self.t("statistics"))}</h3><table id="statistics-table" class="sortable">'
            f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>\n"
        )

    def _cross_year(self, summary: Summary) -> str:
        lang = self.run.lang
        notes = [n for n in summary.cross_notes if n.get("check") == "cross-year"]
        title = self.t("cross_year" if notes else "cross_files")  # e.g. only duplicate submissions (XYR003)
        parts = [f'<section id="cross-year"><h2>{esc(title)}</h2>']
        if notes:
            head = "".join(f'<th scope="col">{esc(self.t(k))}</th>' for k in ("years", "body", "pairing"))
            head += f'<th scope="col">{esc(headers(SUMMARY_COLUMNS, lang)[0])}</th>'
            rows = []
            for note in notes:
                pairing = pairing_text(note, lang)
                files = "<br>".join(self._file_link(path) for path in note.get("files", []))
                rows.append(
                    f"<tr><td>{esc(' → '.join(map(str, note.get('years', []))))}</td>"
                    f"<td>{esc(' / '.join(note.get('bodies', [note.get('key', '')])))}</td>"
                    f"<td>{esc(pairing)}</td><td>{files}</td></tr>"
                )
            parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
        if summary.cross_findings:
            parts.append('<ol class="findings">')
            parts += [self._finding(f, {}, self.anchors.get(f.path, "")) for f in summary.cross_findings]
            parts.append("</ol>")
        parts.append("</section>\n")
        return "".join(parts)

    def _file_link(self, path: str) -> str:
        anchor = self.anchors.get(path)
        return f'<a href="#{anchor}">{esc(path)}</a>' if anchor else esc(path)


def stylesheet() -> str:
    """The page's CSS: the web app uses it for the drawn tables, the verdicts and the severities."""
    return _CSS


_CSS = """
:root { --fatal: #7a0010; --error: #c62828; --warning: #b26a00; --info: #1f5f99; --pass: #2e7d32;
  --hl: #ffe08a; --hl-edge: #d32f2f; --line: #c9ced6; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; font: 15px/1.6 "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
  "WenQuanYi Micro Hei", system-ui, sans-serif; color: #1d2330; background: #f6f7f9; }
header { background: #1d3557; color: #fff; padding: 1rem 2rem; }
header h1 { margin: 0; font-size: 1.4rem; } header .meta { margin: .2rem 0 0; opacity: .85; font-size: .9rem; }
main { padding: 1rem 2rem 3rem; max-width: 1400px; }
h2 { border-bottom: 2px solid #1d3557; padding-bottom: .2rem; margin-top: 2rem; }
table { border-collapse: collapse; background: #fff; margin: .5rem 0 1rem; }
th, td { border: 1px solid var(--line); padding: .25rem .5rem; vertical-align: top; text-align: left; }
thead th { background: #e8edf4; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
caption { caption-side: top; text-align: left; color: #555; font-size: .85rem; padding: .2rem 0; }
.sortable th button { all: unset; cursor: pointer; font-weight: 600; }
.sortable th button::after { content: " ↕"; color: #889; }
.sortable th[aria-sort="ascending"] button::after { content: " ▲"; color: #1d3557; }
.sortable th[aria-sort="descending"] button::after { content: " ▼"; color: #1d3557; }
.sortable th button:focus-visible { outline: 2px solid #1d3557; }
.filters { display: flex; gap: 1.2rem; align-items: center; flex-wrap: wrap; margin: .5rem 0; }
.filters select { font: inherit; padding: .15rem .3rem; }
#filter-status { color: #444; }
.verdict { display: inline-block; padding: 0 .5rem; border-radius: 3px; color: #fff; font-size: .85rem; }
.verdict.pass { background: var(--pass); } .verdict.fail { background: var(--error); }
.verdict.not_assessed { background: var(--warning); } .verdict.unreadable { background: var(--fatal); }
.sev { display: inline-block; min-width: 3em; text-align: center; border-radius: 3px; color: #fff;
  font-size: .8rem; padding: 0 .3rem; }
.sev.sev-fatal { background: var(--fatal); } .sev.sev-error { background: var(--error); }
.sev.sev-warning { background: var(--warning); } .sev.sev-info { background: var(--info); }
td.sev-fatal, td.sev-error { color: var(--error); font-weight: 600; } td.sev-warning { color: var(--warning); }
.count { margin-right: .6rem; font-size: .9rem; }
.count.sev-fatal, .count.sev-error { color: var(--error); } .count.sev-warning { color: var(--warning); }
.count.sev-info { color: var(--info); }
section.report { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .5rem 1rem;
  margin: 1rem 0; }
section.report h3 { margin: .3rem 0; font-size: 1.05rem; word-break: break-all; }
.facts { margin: 0 0 .5rem; color: #444; } .ok { color: var(--pass); }
ol.findings { padding-left: 1.5rem; }
li.finding { margin: .6rem 0; padding: .3rem .6rem; border-left: 4px solid var(--line); }
li.finding.sev-fatal { border-color: var(--fatal); } li.finding.sev-error { border-color: var(--error); }
li.finding.sev-warning { border-color: var(--warning); } li.finding.sev-info { border-color: var(--info); }
.head code { font-weight: 700; } .head .name { color: #555; } .head .loc, .head .place { color: #666;
  font-size: .88rem; margin-left: .4rem; }
.message { margin: .2rem 0; white-space: pre-wrap; }
details.rule { margin: .3rem 0; font-size: .92rem; } details.rule summary { cursor: pointer; color: #1d3557; }
details.rule p { margin: .3rem 0; } .basis-title { font-weight: 600; }
figure.drawn { margin: .4rem 0; overflow-x: auto; }
table.report-table { font-size: .85rem; }
table.report-table th[scope="row"] { font-weight: normal; max-width: 28em; }
table.report-table tr.group th { background: #f1f3f6; font-weight: 600; }
table.report-table td.cell { min-width: 3.2em; text-align: right; }
table.report-table td.blank, table.report-table td.missing {
  background: repeating-linear-gradient(135deg, #fff 0 5px, #eceff3 5px 7px); }
table.report-table td.missing { background: repeating-linear-gradient(135deg, #fff 0 5px, #f6d5d5 5px 7px); }
table.report-table td.text { color: #8a4b00; }
table.report-table td.inferred { font-style: italic; } table.report-table td.unread { color: #888; }
.written { display: block; color: #8a4b00; font-size: .8rem; }
.hl { background: var(--hl) !important; outline: 3px solid var(--hl-edge); outline-offset: -3px; font-weight: 700; }
.hl-left { outline-color: #d32f2f; } .hl-right { outline-color: #6a1b9a; outline-style: dashed; }
table.report-table td.blank.hl { background: repeating-linear-gradient(135deg, var(--hl) 0 5px, #f0c24f 5px 7px)
  !important; }
.legend { font-size: .85rem; color: #444; margin-bottom: .2rem; }
.swatch { display: inline-block; width: 1.4em; height: 1em; vertical-align: middle; margin: 0 .3rem 0 .6rem; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.path { font-family: ui-monospace, monospace; font-size: .9rem; }
.total { font-weight: 600; }
@media print { .filters, .pending { display: none; } details.rule { display: block; } }
"""

_SCRIPT = """
(function () {
  "use strict";
  var body = document.getElementById("summary-body");
  var target = document.getElementById("summary");
  if (body && target) {
    var pending = target.querySelector(".pending");
    if (pending) { pending.remove(); }
    target.appendChild(body);
  }
  var RANK = { info: 1, warning: 2, error: 3, fatal: 4 };
  var lang = document.documentElement.lang;

  function sortKey(cell) {
    return cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    var heads = table.querySelectorAll("thead th");
    Array.prototype.forEach.call(heads, function (th, index) {
      var button = th.querySelector("button");
      if (!button) { return; }
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var numeric = th.getAttribute("data-type") === "number";
        var tbody = table.tBodies[0];
        var rows = Array.prototype.slice.call(tbody.rows);
        rows.sort(function (a, b) {
          var x = sortKey(a.cells[index]), y = sortKey(b.cells[index]);
          var order = numeric ? (Number(x) || 0) - (Number(y) || 0) : x.localeCompare(y, lang);
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { tbody.appendChild(row); });
      });
    });
  });

  var severity = document.getElementById("filter-severity");
  var rule = document.getElementById("filter-rule");
  var status = document.getElementById("filter-status");
  function matches(item) {
    var level = severity.value, code = rule.value;
    return (!level || RANK[item.getAttribute("data-severity")] >= RANK[level]) &&
      (!code || item.getAttribute("data-code") === code);
  }
  function apply() {
    var active = Boolean(severity.value || rule.value);
    var findings = 0, files = 0, total = 0;
    Array.prototype.forEach.call(document.querySelectorAll("li.finding"), function (item) {
      var shown = matches(item);
      item.hidden = !shown;
    });
    Array.prototype.forEach.call(document.querySelectorAll("section.report"), function (section) {
      total += 1;
      var visible = section.querySelectorAll("li.finding:not([hidden])").length;
      var shown = !active || visible > 0;
      section.hidden = !shown;
      var row = document.querySelector('tr[data-file="' + section.id + '"]');
      if (row) { row.hidden = !shown; }
      if (shown) { files += 1; findings += visible; }
    });
    status.textContent = status.getAttribute("data-template")
      .replace("{files}", files).replace("{total}", total).replace("{findings}", findings);
  }
  if (severity && rule && status) {
    severity.addEventListener("change", apply);
    rule.addEventListener("change", apply);
    apply();
  }
})();
"""
