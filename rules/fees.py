"""The 信息处理费 statement (SPEC §1.4, §3.6, C-6): from the 2021 format on, section 六 says whether fees were
collected, and what it says must agree with table 三's row （六）2 (applications closed for an unpaid fee notice)."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.hookspecs import ERROR, WARNING, Finding, Place, Report, Rule, RuleContext, Text, hookimpl, legal, rule
from auditor.patterns import compiled

_BASIS = (legal.FORMAT_2021_SECTION_6, legal.FEE_MEASURE_BASIS)
_NIL = compiled(r"未|无|没有|不涉及|均未|零元|0\s*元|为\s*0|为零")
_NOTICES = compiled(r"(收费|缴费)通知")
# The pattern starts only where a number starts, so that a long run of digits is scanned once, not once per
# character (quadratic).
_AMOUNT = compiled(r"(?<![\d.])(?P<amount>\d++(?:\.\d++)?)\s*+(?P<unit>万元|元)")
_ENDS = "。；;！!？?\n"


# A fee statement as a small table (「通知收取件数 通知收取金额（元） 实际收取金额（元） 0 0 0」), or a sentence
# on the fees collected from applicants that does not say 处理费 (「无向申请人收取政府信息公开费用的情况」).
_FEE_TABLE = compiled(r"实际收取金额\s*[（(]元[）)]\s*(?P<figures>[\d\s.]+)")
_FEE_WORDS = compiled(r"[^。；;！!？?\n]*收取[^。；;！!？?\n]{0,16}?(?:信息公开)?费用[^。；;！!？?\n]*")


def _fee_table(text: str) -> tuple[str, str | None] | None:
    """A fee statement written without the word 处理费: the fee table's figures (all zero: nil) or a sentence on the
    fees collected; None when there is neither."""
    table = _FEE_TABLE.search(text)
    if table is not None:
        figures = table["figures"].strip()
        return table.group(0).strip(), ("nil" if figures and set(figures) <= set("0. ") else None)
    words = _FEE_WORDS.search(text)
    if words is None:
        return None
    sentence = words.group(0).strip()
    return sentence, ("nil" if _NIL.search(sentence) else None)


def fee_sentence(text: str) -> str | None:
    r"""The sentence holding the first 处理费 — what ``(?<![^。；;！!？?\n])[^。；;！!？?\n]*处理费[^。；;！!？?\n]*``
    matches first —, found with string searches: the first occurrence, back to the end of the sentence before it,
    on to the end of its own (a tenth of the regex's time)."""
    at = text.find("处理费")
    if at < 0:
        return None
    start = max([text.rfind(end, 0, at) for end in _ENDS]) + 1
    ends = [found for end in _ENDS if (found := text.find(end, at + 3)) >= 0]
    return text[start : min(ends) if ends else len(text)]


def fee_statement(report: Report) -> tuple[str, str | None] | None:
    """The first sentence of section 六 about the processing fee, and "nil" / "amount" / None for what it says."""
    section = report.section("六")
    if section is None:
        return None
    found = fee_sentence(section.text)
    if found is None:
        return _fee_table(section.text)
    sentence = found.strip()
    amount = _AMOUNT.search(sentence)
    if amount and float(amount["amount"]) > 0:
        return sentence, "amount"
    if _NIL.search(sentence):
        return sentence, "nil"
    return sentence, None


def _applies(report: Report) -> bool:
    year = report.year
    return year >= 2021 if year is not None else report.variant == "2021"


@rule(
    code="FEE001",
    name="missing-fee-statement",
    severity=ERROR,
    summary=Text("第六部分未说明信息处理费收取情况", "Section 6 does not state whether processing fees were collected"),
    explanation=Text(
        "按 2021 年格式，第六部分须报告依据《政府信息公开信息处理费管理办法》收取信息处理费的情况；没有收取也应明确说明"
        "（如“本年度未收取信息处理费”）。报告没有第六部分、全文也没有这一说明时，由 SEC001 一条说明（同一原因）。",
        "Under the 2021 format, section 6 reports the information processing fees collected under the fee measure; "
        "where none were collected it says so (e.g. 本年度未收取信息处理费). A report without section 6 that says "
        "nothing of fees anywhere is one SEC001 finding (one cause).",
    ),
    basis=_BASIS,
)
def missing_fee_statement(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    if not _applies(report):
        return
    section = report.complete_section("六")
    if section is None or fee_statement(report) is not None:
        return  # no section 六 at all, or the text stops inside it: SEC001 or SEC008 is that one cause
    yield ctx.finding(
        Text(
            "第六部分没有说明信息处理费的收取情况；未收取也应明确写明。",
            "section 6 does not say whether information processing fees were collected; a nil statement is required "
            "too.",
        ),
        loc=section.loc,
        place=Place(section="六"),
    )


@rule(
    code="FEE002",
    name="fee-notices-not-accounted",
    severity=WARNING,
    summary=Text(
        "第六部分未交代表三（六）2 的收费通知", "Section 6 does not account for the fee notices of table 3 (6)2"
    ),
    explanation=Text(
        "表三“（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用”大于 0，说明本年度发出过收费通知。第六部分只称未收取"
        "信息处理费时，两者可以同时成立（发出了通知，但没有收到费用），并不矛盾；但收费通知没有交代，第六部分应说明发出"
        "收费通知和实际收取的情况。",
        "Table 3 row (6)2 (closed because a fee notice went unpaid) above 0 means fee notices were issued this year. "
        "When section 6 only says that no fee was collected, both can be true (notices issued, nothing paid) and "
        "they do not contradict each other; but the notices are not accounted for: section 6 should mention the "
        "notices issued as well as what was collected.",
    ),
    basis=(*_BASIS, legal.FORMAT_2021_TABLE_3),
)
def fee_notices_not_accounted(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    if not _applies(report):
        return
    table = report.tables.get("applications")
    cell = table.cell("unpaid_fee", "total") if table else None
    if cell is None or cell.value is None or not cell.value > 0:
        return  # no fee notice went unpaid: nothing to account for (the statement is not even looked for)
    statement = fee_statement(report)
    if statement is None:
        return
    sentence, says = statement
    section = report.section("六")
    mentions_notices = section is not None and _NOTICES.search(section.text) is not None
    if says == "nil" and not mentions_notices:
        inferred_zh = "（该数字由连写的数字推断而来）" if cell.inferred else ""
        inferred_en = " (a figure inferred from digits that ran together)" if cell.inferred else ""
        yield ctx.finding(
            Text(
                f"表三（六）2 显示有 {cell.value} 件申请因申请人逾期未按收费通知缴费而终止{inferred_zh}，即本年度发出过"
                f"收费通知；第六部分只称“{sentence}”，没有交代这些收费通知。未收取费用与发出通知可以同时成立，但应说明。",
                f"table 3 row (6)2 shows {cell.value} application(s) closed because a fee notice went unpaid"
                f"{inferred_en}, so fee notices were issued this year; section 6 only says “{sentence}” and does not "
                "account for them. Nothing collected and notices issued can both be true, but the notices should be "
                "mentioned.",
            ),
            loc=section.loc if section else cell.loc,
            place=Place(section="六"),
            values={
                "unpaid_fee_notices": cell.value,
                "statement": sentence,
                "cell": {"cell": "applications.unpaid_fee.total", "line": cell.loc.line, "column": cell.loc.column},
            },
        )


@hookimpl
def auditor_rules() -> list[Rule]:
    return [missing_fee_statement, fee_notices_not_accounted]
