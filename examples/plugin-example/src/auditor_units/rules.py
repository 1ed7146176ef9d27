"""UNIT001: disclosure applications counted in 条 (items of information) instead of 件 (cases).

The format counts applications in 件; 条 counts items of information published. A report that says
"受理依申请公开信息1条" mixes the two (SPEC D14; seed 004 does this).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.hookspecs import INFO, Finding, Location, Place, Report, Rule, RuleContext, Text, hookimpl, legal, rule

# "申请…N条" within one clause: an application count written with 条.
_APPLICATIONS_IN_TIAO = re.compile(r"(依申请公开|公开申请|信息公开申请)[^。，；,;]{0,12}?(\d+)\s*条")


@rule(
    code="UNIT001",
    name="applications-counted-in-tiao",
    severity=INFO,
    summary=Text("依申请公开的数量以“条”计", "Disclosure applications counted in 条 instead of 件"),
    explanation=Text(
        "统一格式以“件”统计政府信息公开申请；“条”用于主动公开的信息条数。把申请数量写成“条”容易与主动公开的信息条数混淆。",
        "The format counts disclosure applications in 件 (cases); 条 counts items of information published. An "
        "application count in 条 is easily confused with items published.",
    ),
    basis=(legal.FORMAT_2021_TABLE_3,),
)
def applications_counted_in_tiao(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    for number, line in enumerate(report.lines, 1):
        for match in _APPLICATIONS_IN_TIAO.finditer(line):
            yield ctx.finding(
                Text(
                    f"“{match.group(0)}”以“条”计算申请数量，应以“件”计。",
                    f"“{match.group(0)}” counts applications in 条; the unit is 件.",
                ),
                loc=Location(number, match.start() + 1),
                place=Place(section="一"),
                values={"text": match.group(0), "count": int(match.group(2))},
                key=f"{number}|{match.group(0)}",
            )


@hookimpl
def auditor_rules() -> list[Rule]:
    return [applications_counted_in_tiao]
