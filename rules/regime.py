"""Reports of the 2008 regime (2018 and earlier, SPEC §1.1): said once to be outside the 2019/2021 formats, and
checked for the contents 第三十二条 of the 2008 条例 asks for.

These rules declare only the ``pre2019`` variant; the 2019/2021 structure, table and arithmetic rules do not declare
it and so never run on such a report (see ``auditor.regime``).
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.hookspecs import (
    INFO,
    PRE2019,
    WARNING,
    Finding,
    Location,
    Place,
    Report,
    Rule,
    RuleContext,
    Text,
    hookimpl,
    legal,
    regime,
    rule,
)

_BASIS = (legal.ARTICLE_32_2008, legal.ARTICLE_31_2008)


def _evidence(report: Report) -> tuple[Text, Location | None]:
    found = report.metadata.report_year
    if found is not None and found.value <= regime.LAST_OLD_YEAR:
        return Text(f"报告年度为 {found.value} 年（“{found.text}”）", f"the report year is {found.value}"), found.loc
    table = regime.old_table(report.lines)
    if table is not None:
        line, column, text = table
        return Text(f"第 {line} 行为旧式统计表（“{text}”）", f"line {line} holds the old 统计表 (“{text}”)"), Location(
            line, column
        )
    parts = regime.old_parts(report.lines)
    fees = parts.get("fees")
    if fees is not None:
        return Text(
            f"第 {fees.line} 行为旧条例的“收费及减免”部分", f"line {fees.line} holds the old regime's 收费及减免 part"
        ), Location(fees.line, fees.column)
    return Text("报告具有旧条例的结构", "the report has the old regime's structure"), None


@rule(
    code="PRE001",
    name="pre-2019-report",
    severity=INFO,
    variants=(PRE2019,),
    summary=Text(
        "2019 年以前的年度报告：统一格式不适用", "A report from before 2019: the national formats do not apply"
    ),
    explanation=Text(
        "2018 年度及以前的年度报告依据 2008 年施行的《中华人民共和国政府信息公开条例》（国务院令第492号）第三十二条编制，"
        "当时没有全国统一的报告格式：国办公开办函〔2019〕60号和〔2021〕30号的章节、统计表和勾稽关系都不适用，不据此审查。"
        "对这类报告仍检查：报告年度、统计期限、发布或落款日期（第三十一条：次年 3 月 31 日前公布），以及第三十二条要求的"
        "各部分内容（主动公开、依申请公开、收费及减免、行政复议和行政诉讼、主要问题及改进）。",
        "Reports for 2018 and earlier follow Article 32 of the 2008 Regulations (State Council Order 492); there was no "
        "national format then, so the sections, tables and identities of 国办公开办函〔2019〕60号 and 〔2021〕30号 do "
        "not apply and are not checked. What is still checked: the report year, the statistics period, the signing or "
        "publication date (Article 31: published by 31 March of the following year), and the contents Article 32 "
        "asks for (proactive disclosure, disclosure on request, fees and fee waivers, review and litigation, problems "
        "and improvements).",
    ),
    basis=_BASIS,
)
def pre_2019_report(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    evidence, loc = _evidence(report)
    yield ctx.finding(
        Text(
            f"2019 年以前（2008 年条例）的年度报告：{evidence.zh}。2019/2021 年统一格式不适用，不检查其章节和统计表；仍检查"
            "报告年度、统计期限、发布或落款日期（次年 3 月 31 日前）和第三十二条要求的各部分（含收费及减免情况）。",
            f"a report from before 2019 (the 2008 Regulations): {evidence.en}. The 2019/2021 formats do not apply, so "
            "their sections and tables are not checked; still checked: the year, the statistics period, the signing "
            "or publication date (by 31 March of the following year) and the parts Article 32 asks for (fees and "
            "fee waivers included).",
        ),
        loc=loc or (report.metadata.title.loc if report.metadata.title else None),
        place=Place(section="preamble"),
        values={
            "regime": "2008",
            "year": report.year,
            "parts_found": {key: {"line": p.line, "how": p.how} for key, p in regime.old_parts(report.lines).items()},
        },
    )


@rule(
    code="PRE002",
    name="old-regime-part-missing",
    severity=WARNING,
    variants=(PRE2019,),
    summary=Text(
        "2019 年以前的报告缺少旧条例第三十二条要求的内容",
        "A pre-2019 report lacks a part Article 32 of the 2008 Regulations asks for",
    ),
    explanation=Text(
        "2008 年条例第三十二条规定年度报告应包括：主动公开政府信息的情况；依申请公开和不予公开的情况；政府信息公开的收费及"
        "减免情况；因政府信息公开申请行政复议、提起行政诉讼的情况；存在的主要问题及改进情况。本检查按含义查找这些内容"
        "（标题或报告该事项的语句），找不到时提示，属推断，请人工核对。连续几项都没有找到（如文本在第一部分之后中断）"
        "是一处缺漏，只报一条，逐项列出。",
        "Article 32 of the 2008 Regulations asks the annual report for: proactive disclosure; disclosure on request "
        "and refusals; fees and fee waivers; administrative review and litigation over disclosure; main problems "
        "and improvements. This check looks for each by meaning (a heading, or a sentence reporting on it) and says "
        "when it finds none: an inference, to be confirmed by a person. Several in a row not found (a text that stops "
        "after its first part) are one gap: one finding names each.",
    ),
    basis=_BASIS,
)
def old_regime_part_missing(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    found = regime.old_parts(report.lines)
    statutory = [part for part in regime.OLD_PARTS if part.statutory]
    runs: list[list[regime.OldPart]] = []  # parts not found one after another: one gap in the text, one finding
    for index, part in enumerate(statutory):
        if part.id in found:
            continue
        if runs and statutory.index(runs[-1][-1]) == index - 1:
            runs[-1].append(part)
        else:
            runs.append([part])
    for run in runs:
        first = run[0]
        values: dict[str, object] = {"part": first.zh, "article": first.statutory}
        if len(run) == 1:
            message = Text(
                f"未找到 2008 年条例{first.statutory}要求的“{first.zh}”（按含义查找标题和语句均未找到，属推断，请核对）。",
                f"no part on {first.en} ({first.zh}), which Article 32 of the 2008 Regulations asks for, was found "
                "(no heading or sentence about it; an inference, to be confirmed).",
            )
        else:
            values |= {"parts": [part.zh for part in run], "articles": [part.statutory for part in run]}
            message = Text(
                f"未找到 2008 年条例第三十二条要求的连续 {len(run)} 项内容："
                f"{'、'.join(f'{part.statutory}“{part.zh}”' for part in run)}（按含义查找标题和语句均未找到，属推断，"
                "请核对；连续几项都没有找到，也可能是文本不完整）。",
                f"{len(run)} parts in a row that Article 32 of the 2008 Regulations asks for were not found: "
                f"{'; '.join(f'{part.en} ({part.zh})' for part in run)} (no heading or sentence about them; an "
                "inference, to be confirmed — several in a row may also mean the text is incomplete).",
            )
        yield ctx.finding(message, place=Place(section=first.id), values=values, key=first.id)


@hookimpl
def auditor_rules() -> list[Rule]:
    return [pre_2019_report, old_regime_part_missing]
