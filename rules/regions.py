"""Region totals: a parent body's region-wide figures are not below the sum of its children's (a county and its
townships in one batch). The parent–child map comes from the configuration (``regions``, a CSV), never from names.

Compared: applications (table 三 一、本年新收), administrative reviews and lawsuits (table 四 总计). The parent's
figure is region-wide when its text says so: a claim about 全县/全区 (受理申请N件), or a report that says it sums up
the region's units (汇总…各单位). Then a figure below the children's sum is a warning; the parent's table read
without such a statement may count the body alone, so a figure below the sum is info, to verify.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from auditor.hookspecs import (
    INFO,
    WARNING,
    BatchCheck,
    BatchOutcome,
    Finding,
    Location,
    Place,
    Report,
    Rule,
    RuleContext,
    Text,
    hookimpl,
    legal,
    no_findings,
    regions,
    rule,
)

# figure → (the cells of the table, the narrative claims that state it region-wide, zh, en)
_FIGURES: dict[str, tuple[tuple[str, ...], tuple[str, ...], str, str]] = {
    "applications": (
        ("applications.new_received.total",),
        ("applications.new", "applications.received"),
        "本年新收政府信息公开申请",
        "new applications",
    ),
    "reviews": (("review_litigation.review.total",), ("review.total",), "行政复议", "administrative reviews"),
    "lawsuits": (
        ("review_litigation.direct_suit.total", "review_litigation.suit_after_review.total"),
        ("litigation.total",),
        "行政诉讼",
        "lawsuits",
    ),
}


_SECTIONS = {"applications": "三", "review_litigation": "四"}


REGION_TOTALS: Rule = rule(
    code="NAR015",
    name="region-total-below-children",
    severity=WARNING,
    summary=Text(
        "上级机关的全域数字小于所属下级机关之和",
        "A parent body's region-wide figure is below the sum of its children's",
    ),
    explanation=Text(
        "同一批次中有上级机关（如县政府）及其下级机关（如各乡镇）的同年度报告时，上级报告中覆盖全县（全区）的申请、"
        "行政复议、行政诉讼数字不应小于下级报告之和。上下级关系取自配置中的对照表（regions），不凭名称猜测。上级报告"
        "明确说明覆盖全域（“全县共受理……”“汇总各单位……”）时为警告，否则表格可能只统计本机关，仅作提示。",
        "When a batch holds a parent body's report (a county) and its children's (the townships) for one year, the "
        "parent's region-wide counts of applications, reviews and lawsuits cannot be below the children's sum. The "
        "parent–child map comes from the configured CSV (regions), never from names. A warning when the parent's "
        "text says the figure covers the region (全县共受理…, 汇总各单位…), else info: its table may count the body "
        "alone.",
    ),
    basis=(legal.ARTICLE_50, legal.FORMAT_2021_TABLE_3),
)(no_findings)


def _table_figure(report: Report, cells: tuple[str, ...]) -> int | None:
    total = 0
    for name in cells:
        table_id, row, column = name.split(".")
        table = report.tables.get(table_id)
        cell = table.cell(row, column) if table else None
        if cell is None or cell.kind != "number" or cell.value is None:
            return None
        total += int(cell.value)
    return total


def facts(report: Report) -> dict[str, Any] | None:
    body, year = report.metadata.issuing_body, report.year
    if body is None or year is None:
        return None
    narrative = report.narrative
    figures: dict[str, Any] = {}
    for figure, (cells, claims, _zh, _en) in _FIGURES.items():
        region_claims = [
            {"value": int(c.value), "line": c.loc.line, "column": c.loc.column, "text": c.sentence[:80]}
            for what in claims
            for c in narrative.of(what)
            if c.scope == "region" and not c.comparison and c.period in (None, year)
        ]
        figures[figure] = {"table": _table_figure(report, cells), "claims": region_claims}
    return {
        "body": body.text,
        "key": regions.body_key(body.text),
        "year": year,
        "covers_region": bool(narrative.said("covers_region")),
        "figures": figures,
    }


def check(items: list[tuple[str, dict[str, Any]]], options: dict[str, Any]) -> BatchOutcome:
    outcome = BatchOutcome()
    parents: dict[str, str] = options.get("regions") or {}
    if not parents:
        return outcome
    by_body = regions.by_body_and_year(items)
    children: dict[tuple[str, int], list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for (key, year), found in by_body.items():
        if key in parents and len(found) == 1:
            children[(parents[key], year)].append(found[0])
    for (parent_key, year), kids in sorted(children.items()):
        parent = by_body.get((parent_key, year))
        if not parent or len(parent) != 1:
            continue
        path, fact = parent[0]
        outcome.notes.append(
            {"parent": fact["body"], "year": year, "children": [k["body"] for _p, k in kids], "file": path}
        )
        outcome.findings.extend(_compare(path, fact, kids))
    return outcome


def _compare(path: str, parent: dict[str, Any], kids: list[tuple[str, dict[str, Any]]]) -> Iterator[Finding]:
    for figure, (cells, _claims, zh, en) in _FIGURES.items():
        table = cells[0].split(".")[0]
        values = [kid["figures"][figure]["table"] for _p, kid in kids]
        if any(v is None for v in values):
            continue  # a child's figure was not read: the sum is not known
        total = sum(values)
        own = parent["figures"][figure]
        stated = [(c["value"], c) for c in own["claims"]]
        if own["table"] is not None:
            stated.append((own["table"], None))
        for value, claim in stated:
            if value >= total:
                continue
            region_wide = claim is not None or parent["covers_region"]
            said = f"“{claim['text']}”" if claim else "表格"
            yield RuleContext(REGION_TOTALS, path).finding(
                Text(
                    f"{parent['body']}{said}中的{zh}为 {value}，少于所属 {len(kids)} 个下级机关报告之和 {total}"
                    + ("。" if region_wide else "；该数字可能只统计本机关，请核对。"),
                    f"{parent['body']}'s {en} ({'text' if claim else 'table'}) is {value}, below the sum of its "
                    f"{len(kids)} children's reports, {total}"
                    + ("." if region_wide else ": it may count the body alone; to verify."),
                ),
                loc=Location(claim["line"], claim["column"]) if claim else None,
                place=Place(section="一") if claim else Place(section=_SECTIONS[table], table=table),
                values={
                    "figure": figure,
                    "parent": value,
                    "children_sum": total,
                    "children": {p: kid["figures"][figure]["table"] for p, kid in kids},
                },
                key=f"{figure}|{'text' if claim else 'table'}",
                severity=WARNING if region_wide else INFO,
            )
            break  # one finding per figure: the text's claim if there is one, else the table


def wanted(options: dict[str, Any]) -> bool:
    """Whether the run has a map of regions: without one no report has a parent, and no facts are gathered."""
    return bool(options.get("regions"))


REGION_CHECK = BatchCheck("region-totals", (REGION_TOTALS,), facts, check, wanted)


@hookimpl
def auditor_rules() -> list[Rule]:
    return [REGION_TOTALS]


@hookimpl
def auditor_batch_checks() -> list[BatchCheck]:
    return [REGION_CHECK]
