"""Duplicate submissions: one body's report for one year arriving more than once in a batch (the same report as
.txt, .docx and .pdf, or two versions of it). Reported once per group, on the group's first file, naming every
file, so that a supervisor decides which one counts; the cross-year checks leave such a body unpaired."""

from __future__ import annotations

from typing import Any

from auditor.hookspecs import (
    WARNING,
    BatchCheck,
    BatchOutcome,
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

_FORMAT_ZH = {"text": "文本", "docx": "Word", "html": "网页", "pdf": "PDF"}


DUPLICATE: Rule = rule(
    code="XYR003",
    name="duplicate-submission",
    severity=WARNING,
    summary=Text("同一机关同一年度的报告收到多份", "One body's report for one year was submitted more than once"),
    explanation=Text(
        "一个批次中有多份文件属于同一机关、同一年度（按落款或标题中的机关名称和报告年度判断，不论文件格式）。可能是同一份"
        "报告的不同格式，也可能是修改前后的两个版本；请确认以哪一份为准。这些文件不参与跨年度核对的配对。",
        "Several files of one batch are the same body's report for the same year (by the body's name in the "
        "signature or title and the report year, whatever the file format): the same report in several formats, or "
        "two versions of it. Decide which one counts; these files are not paired for the cross-year checks.",
    ),
    basis=(legal.ARTICLE_49,),
)(no_findings)


def facts(report: Report) -> dict[str, Any] | None:
    body, year = report.metadata.issuing_body, report.year
    if body is None or year is None:
        return None
    return {
        "body": body.text,
        "key": regions.body_key(body.text),
        "year": year,
        "format": report.source.format,
        "sha256": report.source.sha256,
    }


def check(items: list[tuple[str, dict[str, Any]]], options: dict[str, Any]) -> BatchOutcome:
    outcome = BatchOutcome()
    for (key, year), files in sorted(regions.by_body_and_year(items).items()):
        if len(files) < 2:
            continue
        files.sort(key=lambda item: item[0])
        first = files[0][0]
        listed_zh = "、".join(f"{p}（{_FORMAT_ZH.get(f['format'], f['format'])}）" for p, f in files)
        listed_en = ", ".join(f"{p} ({f['format']})" for p, f in files)
        same = len({f["sha256"] for _p, f in files}) < len(files)
        body = files[0][1]["body"]
        outcome.findings.append(
            RuleContext(DUPLICATE, first).finding(
                Text(
                    f"{body}{year}年度报告收到{len(files)}份：{listed_zh}"
                    + ("，其中有内容完全相同的文件" if same else "")
                    + "。请确认以哪一份为准。",
                    f"{body}'s {year} report was submitted {len(files)} times: {listed_en}"
                    + (" (some files are identical)" if same else "")
                    + ". Decide which one counts.",
                ),
                place=Place(section="title"),
                values={"body": body, "year": year, "files": [p for p, _f in files]},
                key=f"{key}|{year}",
            )
        )
        outcome.notes.append({"key": key, "year": year, "files": [p for p, _f in files], "duplicate": True})
    return outcome


DUPLICATES = BatchCheck("duplicates", (DUPLICATE,), facts, check)


@hookimpl
def auditor_rules() -> list[Rule]:
    return [DUPLICATE]


@hookimpl
def auditor_batch_checks() -> list[BatchCheck]:
    return [DUPLICATES]
