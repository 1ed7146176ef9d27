"""A readable summary of a canonical report (``auditor parse --format text``)."""

from __future__ import annotations

from tabulate import tabulate

from auditor.model import Report, reason_text
from auditor.template import SECTIONS, TABLE_BY_ID

_T = {
    "file": ("文件", "File"),
    "year": ("报告年度", "Report year"),
    "body": ("发布机关", "Issuing body"),
    "variant": ("表格模板", "Table template"),
    "structure": ("结构", "Structure"),
    "template": ("符合模板顺序", "in template order"),
    "loose": ("顺序偏离模板", "order deviates from template"),
    "citations": ("引用格式文件", "Format notice cited"),
    "period": ("统计期限", "Statistics period"),
    "signed": ("落款日期", "Signing date"),
    "published": ("发布日期（网页）", "Publication date (web page)"),
    "from_title": ("取自标题", "from the title"),
    "from_period": ("取自统计期限", "from the statistics period"),
    "from_preamble": ("取自导语中的“××××年度”", "from 「YYYY年度」 in the preamble"),
    "from_overview": ("取自总体情况的开头", "from the opening words of the overview"),
    "none": ("无", "none"),
    "sections": ("章节", "Sections"),
    "missing": ("缺失", "missing"),
    "tables": ("表格", "Tables"),
    "gaps": ("结构偏差", "Structural deviations"),
    "id": ("编号", "id"),
    "heading": ("标题（原文）", "heading as written"),
    "numbering": ("编号样式", "numbering"),
    "lines": ("行", "lines"),
    "table": ("表", "table"),
    "status": ("状态", "status"),
    "rows": ("行数", "rows"),
    "numbers": ("数字", "numbers"),
    "blank": ("空白", "blank"),
    "totals": ("总计列", "total column"),
    "kind": ("类型", "kind"),
    "where": ("位置", "where"),
    "detail": ("说明", "detail"),
    "confidence": ("读取", "read as"),
    "read": ("已读取", "read"),
    "inferred": ("推断", "inferred"),
    "unread": ("未读取", "unread"),
    "unread_rows": ("未能读取的行", "Rows not read"),
    "row": ("行", "row"),
    "reason": ("原因", "reason"),
    "seen": ("原文", "as written"),
    # the narrative block (auditor/narrative.py)
    "narrative": ("正文陈述", "Narrative"),
    "sentences": ("句", "sentences"),
    "what": ("所指", "counts"),
    "number": ("数字", "number"),
    "scope": ("范围", "scope"),
    "sentence": ("原文", "text"),
    "statements": ("无数字的陈述", "Statements without a number"),
    "enumerations": ("列举（共X，其中…）", "Enumerations (X in all, of which …)"),
}


def _t(key: str, lang: str) -> str:
    zh, en = _T[key]
    return zh if lang == "zh" else en


def _year(report: Report, lang: str) -> str:
    """The year and where it was read (title, statistics period, preamble)."""
    meta = report.metadata
    if meta.year is None:
        return _t("none", lang)
    source = f" ({_t('from_' + meta.year_source, lang)})" if meta.year_source else ""
    return f"{meta.year}{source}"


def summarise(report: Report, lang: str = "zh") -> str:
    meta = report.metadata
    out: list[str] = []
    source = report.source
    out.append(f"{_t('file', lang)}: {source.path} ({source.format}, {source.encoding}, {source.layout})")
    facts = [
        (_t("year", lang), _year(report, lang)),
        (_t("body", lang), meta.issuing_body.text if meta.issuing_body else _t("none", lang)),
        (_t("variant", lang), report.template.variant),
        (_t("structure", lang), _t(report.structure, lang)),
        (_t("citations", lang), "; ".join(c.raw for c in meta.format_citations) or _t("none", lang)),
        (_t("period", lang), meta.statistics_period.text if meta.statistics_period else _t("none", lang)),
        (_t("signed", lang), meta.signing_date.text if meta.signing_date else _t("none", lang)),
        *([(_t("published", lang), meta.publication_date.value)] if meta.publication_date else []),
    ]
    out.append(tabulate(facts, tablefmt="plain"))
    out.append("")
    out.append(_t("sections", lang))
    found = {s.id: s for s in report.sections}
    rows: list[tuple[object, ...]] = []
    for spec in SECTIONS:
        section = found.get(spec.id)
        if section is None:
            rows.append((spec.id, f"({_t('missing', lang)}) {spec.heading}", "", ""))
        else:
            rows.append((spec.id, section.heading, section.numbering, f"{section.loc.line}-{section.line_end}"))
    out.append(tabulate(rows, headers=[_t("id", lang), _t("heading", lang), _t("numbering", lang), _t("lines", lang)]))
    out.append("")
    out.append(_t("tables", lang))
    table_rows: list[tuple[object, ...]] = []
    for table_id, table in report.tables.items():
        cells = [cell for row in table.rows.values() for cell in row.cells.values() if cell.confidence != "unread"]
        totals = ""
        if "total" in table.columns:
            totals = " ".join(
                f"{row_id}={_value(row.cells.get('total'))}"
                for row_id, row in table.rows.items()
                if row_id
                in (
                    "new_received",
                    "carried_over",
                    "grand_total",
                    "carried_forward",
                    "review",
                    "direct_suit",
                    "suit_after_review",
                )
            )
        table_spec = TABLE_BY_ID[table_id]
        table_rows.append(
            (
                table_id,
                table_spec.title_zh if lang == "zh" else table_spec.title_en,
                table.variant or "-",
                table.status,
                _t(table.confidence, lang),
                len(table.rows),
                sum(1 for c in cells if c.kind == "number"),
                sum(1 for c in cells if c.kind == "blank"),
                totals,
            )
        )
    out.append(
        tabulate(
            table_rows,
            headers=[
                _t("table", lang),
                "",
                "variant",
                _t("status", lang),
                _t("confidence", lang),
                _t("rows", lang),
                _t("numbers", lang),
                _t("blank", lang),
                _t("totals", lang),
            ],
        )
    )
    unread = [
        (table_id, row_id, reason_text(row.reason, lang), (row.detail or "")[:40])
        for table_id, table in report.tables.items()
        for row_id, row in table.rows.items()
        if row.unread
    ]
    unread += [
        (table_id, "*", reason_text(table.reason, lang), (table.detail or "")[:40])
        for table_id, table in report.tables.items()
        if table.reason is not None and not table.rows
    ]
    if unread:
        out.append("")
        out.append(f"{_t('unread_rows', lang)} ({len(unread)})")
        out.append(tabulate(unread, headers=[_t("table", lang), _t("row", lang), _t("reason", lang), _t("seen", lang)]))
    if report.gaps:
        out.append("")
        out.append(f"{_t('gaps', lang)} ({len(report.gaps)})")
        rows.clear()
        for gap in report.gaps[:40]:
            where = ".".join(x for x in (gap.section, gap.table, gap.row) if x)
            line = f"{gap.loc.line}:{gap.loc.column}" if gap.loc else ""
            detail = ", ".join(f"{k}={v}" for k, v in gap.detail.items())
            rows.append((gap.kind, where, line, detail[:80]))
        out.append(tabulate(rows, headers=[_t("kind", lang), _t("where", lang), _t("lines", lang), _t("detail", lang)]))
    out.extend(_narrative(report, lang))
    return "\n".join(out)


def _narrative(report: Report, lang: str) -> list[str]:
    """The claims the prose makes that say what they count, its lists and its statements."""
    narrative = report.narrative
    claims = [c for c in narrative.claims if c.what]
    out = ["", f"{_t('narrative', lang)} ({len(narrative.sentences)} {_t('sentences', lang)})"]
    rows = [
        (f"{c.loc.line}:{c.loc.column}", c.section or "", c.what, c.raw, c.scope_text or c.scope, _clip(c.sentence))
        for c in claims
    ]
    if rows:
        out.append(
            tabulate(
                rows,
                headers=[
                    _t("where", lang),
                    _t("id", lang),
                    _t("what", lang),
                    _t("number", lang),
                    _t("scope", lang),
                    _t("sentence", lang),
                ],
            )
        )
    if narrative.enumerations:
        out.append("")
        out.append(_t("enumerations", lang))
        for item in narrative.enumerations:
            total = narrative.claims[item.total]
            parts = " + ".join(narrative.claims[i].raw for i in item.parts)
            out.append(
                f"  {total.loc.line}:{total.loc.column}  {total.raw} ⟵ {parts}{' …等' if item.open_ended else ''}"
            )
    if narrative.statements:
        out.append("")
        out.append(_t("statements", lang))
        out.append(
            tabulate(
                [
                    (f"{s.loc.line}:{s.loc.column}", s.section or "", s.kind, _clip(s.match))
                    for s in narrative.statements
                ],
                tablefmt="plain",
            )
        )
    return out


def _clip(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _value(cell: object) -> str:
    if cell is None:
        return "?"
    value = getattr(cell, "value", None)
    return "∅" if value is None else str(value)
