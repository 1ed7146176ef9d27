"""Cross-year identities (SPEC §4.3): when one run holds the same body's reports for consecutive years.

X-1: this year's 二、上年结转 equals last year's 四、结转下年度继续办理, column by column.
X-2 (2021 format): this year's 现行有效件数 = last year's 现行有效件数 + this year's 本年制发件数 − 本年废止件数.

Reports are paired by the issuing body's name (with 人民政府 / 办事处 dropped at the end, since a title often omits
it) and consecutive report years; every pair is listed in the run's notes with how it was matched, and a body
with two reports for one year is not paired at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from auditor.hookspecs import (
    PRE2019,
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
    template,
)

_COLUMNS = [c.id for c in template.APPLICATION_COLUMNS]


CARRY_OVER: Rule = rule(
    code="XYR001",
    name="carry-over-mismatch",
    severity=WARNING,
    summary=Text(
        "X-1：本年“上年结转”与上一年度报告的“结转下年度继续办理”不一致",
        "X-1: this year's carried-over applications differ from last year's carried forward",
    ),
    explanation=Text(
        "同一机关相邻两年的报告中，本年表三“二、上年结转政府信息公开申请数量”应等于上一年度报告表三“四、结转下年度继续"
        "办理”，逐列核对。仅当同一批审查中有该机关上一年度的报告时检查；配对方式见运行说明。",
        "For one body's reports of consecutive years, this year's table 3 row 二 (carried over) equals last year's "
        "row 四 (carried forward), column by column. Checked only when the run holds the body's report for the year "
        "before; how reports were paired is listed in the run's notes.",
    ),
    basis=(legal.FORMAT_2021_TABLE_3,),
)(no_findings)

IN_FORCE: Rule = rule(
    code="XYR002",
    name="documents-in-force-mismatch",
    severity=WARNING,
    summary=Text(
        "X-2：现行有效件数与上一年度及本年增减不衔接",
        "X-2: documents in force do not follow from last year's and this year's changes",
    ),
    explanation=Text(
        "2021 年格式：本年“现行有效件数”通常等于上一年度报告的“现行有效件数”加本年制发件数减本年废止件数。清理、重新统计"
        "等情况可能造成差异，因此仅作警告。",
        "2021 format: this year's documents in force usually equal last year's plus those issued this year minus those "
        "repealed. Clean-ups and re-counts can explain a difference, hence a warning only.",
    ),
    basis=(legal.FORMAT_2021_TABLE_2,),
)(no_findings)


def _cell_fact(report: Report, table: str, row: str, column: str) -> dict[str, Any] | None:
    data = report.tables.get(table)
    cell = data.cell(row, column) if data else None
    if cell is None or cell.kind != "number" or cell.value is None:
        return None
    return {"value": int(cell.value), "line": cell.loc.line, "column": cell.loc.column}


def facts(report: Report) -> dict[str, Any] | None:
    body, year = report.metadata.issuing_body, report.year
    if body is None or year is None or report.variant == PRE2019:  # the 2008 regime's tables carry nothing over
        return None
    out: dict[str, Any] = {
        "body": body.text,
        "key": regions.body_key(body.text),
        "year": year,
        "variant": report.variant,
        "carried_over": {c: _cell_fact(report, "applications", "carried_over", c) for c in _COLUMNS},
        "carried_forward": {c: _cell_fact(report, "applications", "carried_forward", c) for c in _COLUMNS},
    }
    if report.variant == "2021":
        out["regulations"] = {
            row: {c: _cell_fact(report, "regulations", row, c) for c in ("issued", "repealed", "in_force")}
            for row in ("rules", "normative_documents")
        }
    return out


def _finding(
    found: Rule, path: str, message: Text, fact: dict[str, Any] | None, place: Place, values: dict[str, Any], key: str
) -> Finding:
    loc = Location(fact["line"], fact["column"]) if fact else None
    return RuleContext(found, path).finding(message, loc=loc, place=place, values=values, key=key)


def check(items: list[tuple[str, dict[str, Any]]], options: dict[str, Any]) -> BatchOutcome:
    outcome = BatchOutcome()
    for key, year, last_year, this_year in regions.consecutive_years(items):
        if len(this_year) > 1 or len(last_year) > 1:
            outcome.notes.append(
                {
                    "key": key,
                    "years": [year - 1, year],
                    "paired": False,
                    "files": [p for p, _f in last_year + this_year],
                    "reason": "several reports of one body for one year",
                }
            )
            continue
        (path, this), (last_path, last) = this_year[0], last_year[0]
        how = "same name" if this["body"] == last["body"] else "same name without 人民政府/办事处"
        outcome.notes.append(
            {
                "key": key,
                "years": [year - 1, year],
                "paired": True,
                "files": [last_path, path],
                "bodies": [last["body"], this["body"]],
                "match": how,
            }
        )
        outcome.findings.extend(_carry_over(path, this, last_path, last))
        if this["variant"] == "2021" and last["variant"] == "2021":
            outcome.findings.extend(_in_force(path, this, last_path, last))
    return outcome


def _carry_over(path: str, this: dict[str, Any], last_path: str, last: dict[str, Any]) -> Iterator[Finding]:
    for column in _COLUMNS:
        now, before = this["carried_over"][column], last["carried_forward"][column]
        if now is None or before is None or now["value"] == before["value"]:
            continue
        label = template.column_label("applications", column)
        yield _finding(
            CARRY_OVER,
            path,
            Text(
                f"X-1：本年“上年结转”（{label}）为 {now['value']}，但 {last['year']} 年度报告（{last_path}）的“结转下年度继续"
                f"办理”为 {before['value']}。",
                f"X-1: carried over ({column}) is {now['value']} this year, but the {last['year']} report ({last_path}) "
                f"carried {before['value']} forward.",
            ),
            now,
            Place("三", "applications", "carried_over", column),
            {
                "this_year": this["year"],
                "carried_over": now["value"],
                "last_year_file": last_path,
                "last_year_carried_forward": before["value"],
                "last_year_line": before["line"],
            },
            key=f"{last['year']}|{column}",
        )


def _in_force(path: str, this: dict[str, Any], last_path: str, last: dict[str, Any]) -> Iterator[Finding]:
    for row in ("rules", "normative_documents"):
        now, before = this["regulations"][row], last["regulations"][row]
        parts = [now["in_force"], now["issued"], now["repealed"], before["in_force"]]
        if any(p is None for p in parts):
            continue
        expected = before["in_force"]["value"] + now["issued"]["value"] - now["repealed"]["value"]
        if now["in_force"]["value"] == expected:
            continue
        label = template.row_label("regulations", row)
        yield _finding(
            IN_FORCE,
            path,
            Text(
                f"X-2：{label}现行有效件数为 {now['in_force']['value']}，按上一年度（{before['in_force']['value']}）加本年制发"
                f"（{now['issued']['value']}）减本年废止（{now['repealed']['value']}）应为 {expected}。",
                f"X-2: {row} in force is {now['in_force']['value']}; last year's {before['in_force']['value']} + issued "
                f"{now['issued']['value']} − repealed {now['repealed']['value']} gives {expected}.",
            ),
            now["in_force"],
            Place("二", "regulations", row, "in_force"),
            {
                "in_force": now["in_force"]["value"],
                "expected": expected,
                "last_year_file": last_path,
                "last_year_in_force": before["in_force"]["value"],
            },
            key=f"{last['year']}|{row}",
        )


CROSS_YEAR = BatchCheck("cross-year", (CARRY_OVER, IN_FORCE), facts, check)


@hookimpl
def auditor_rules() -> list[Rule]:
    return [CARRY_OVER, IN_FORCE]


@hookimpl
def auditor_batch_checks() -> list[BatchCheck]:
    return [CROSS_YEAR]
