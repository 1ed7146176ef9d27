"""Documents for action, in formal Chinese (python-docx): per body a 整改通知 (rectification notice) listing its
confirmed findings with their location, legal basis and the correction required, and for a run a 通报 draft (counts
by verdict and by rule, the bodies with the most errors, examples).

Only confirmed findings (确认) go into a notice: a finding nobody has reviewed is not yet a claim the office signs.
"""

from __future__ import annotations

import io
import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from docx import Document  # the [web] extra; imported only when a document is written
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from auditor.patterns import compiled
from auditor.reporters.columns import place_text
from auditor.rule import ERROR, Finding, Rule, Severity
from auditor.store import CONFIRMED, DISMISSED, Decision, Store, StoredResult, reviewed_verdict, walk_results
from auditor.verdict import Verdict

DEFAULT_OFFICE = "政务公开工作主管部门"

# What a body must do, by rule family (the code's letters). The rule's own message says what is wrong.
CORRECTIONS = {
    "CIT": "请按国务院办公厅政府信息与政务公开办公室印发的现行年度报告格式（国办公开办函〔2021〕30号）修改引用的格式文件，"
    "并按该格式编制报告。",
    "SEC": "请按规定格式补齐或更正相应部分的标题、顺序和内容。",
    "TAB": "请按规定格式补齐或更正相应表格及其栏目、行次和项目名称。",
    "FEE": "请按《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）如实说明信息处理费收取情况，并与表格数据保持一致。",
    "NUM": "请逐项核对表格数据，确保各项数据之间的勾稽关系成立，更正后重新发布。",
    "PLA": "请核实相关数据是否真实准确，确有错误的予以更正。",
    "DAT": "请核对报告年度、统计期间和落款日期，并按规定时限发布年度报告。",
    "XYR": "请核对本年度报告与上年度报告相衔接的数据，确保前后一致。",
}
DEFAULT_CORRECTION = "请对照上述依据予以更正。"
_FAMILY = compiled(r"^[A-Z]+")


def correction(code: str) -> str:
    match = _FAMILY.match(code)
    return CORRECTIONS.get(match.group(0) if match else "", DEFAULT_CORRECTION)


def location(finding: Finding) -> str:
    """Where a finding is, for a reader holding the published report: section, table, row and column, then the
    page and line."""
    parts = [place_text(finding.place, "zh")]
    if finding.loc is not None:
        if finding.loc.page is not None:
            parts.append(f"第{finding.loc.page}页")
        parts.append(f"第{finding.loc.line}行")
    return "，".join(p for p in parts if p) or "全文"


def basis(finding: Finding, rules: dict[str, Rule]) -> str:
    known = rules.get(finding.code)
    items = known.basis if known is not None and known.basis else finding.basis
    return "；".join(b.text("zh") for b in items)


@dataclass
class Item:
    """A finding of one file with the decision in force on it."""

    result: StoredResult
    finding: Finding
    decision: Decision | None


def _items(store: Store, run_id: int) -> list[Item]:
    return [
        Item(result, finding, decisions.get(finding.fingerprint))
        for result, findings, decisions in walk_results(store, run_id)
        for finding in findings
    ]


def confirmed_by_body(store: Store, run_id: int) -> dict[tuple[str, int | None], list[Item]]:
    """The confirmed findings of a run, by issuing body and year (a file without a body is named by its file)."""
    out: dict[tuple[str, int | None], list[Item]] = {}
    for item in _items(store, run_id):
        if item.decision is not None and item.decision.status == CONFIRMED:
            body = item.result.body or os.path.basename(item.result.path)
            out.setdefault((body, item.result.year), []).append(item)
    return out


# ── the documents ───────────────────────────────────────────────────────────────────────────────────────────
def _document() -> Any:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "仿宋"
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")
    return document


def _title(document: Any, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold = True
    run.font.size = Pt(20)
    run.font.name = "宋体"
    run.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")


def _heading(document: Any, text: str) -> None:
    run = document.add_paragraph().add_run(text)
    run.bold = True


def _table(document: Any, header: list[str], rows: Iterable[list[Any]]) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for row in rows:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = str(value)


def _signature(document: Any, office: str) -> None:
    for text in (office, f"{date.today():%Y年%-m月%-d日}"):
        paragraph = document.add_paragraph(text)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def rectification_notice(
    body: str, year: int | None, items: list[Item], rules: dict[str, Rule], office: str | None = None,
    deadline_days: int = 15,
) -> Any:  # fmt: skip
    """The 整改通知 to one body: each confirmed finding with where it is, why it is wrong and what to do."""
    office = office or DEFAULT_OFFICE
    report = f"《{year}年政府信息公开工作年度报告》" if year else "政府信息公开工作年度报告"
    document = _document()
    _title(document, f"关于{body}{year or ''}{'年' if year else ''}政府信息公开工作年度报告的整改通知")
    document.add_paragraph(f"{body}：")
    reviewed = f"　　根据《中华人民共和国政府信息公开条例》第五十条及年度报告格式的有关规定，我单位对你单位发布的{report}进行了审查"
    if not items:
        document.add_paragraph(reviewed + "，经复核未发现需要整改的问题。")
        _signature(document, office)
        return document
    document.add_paragraph(reviewed + f"，发现以下{len(items)}个问题，现通知如下：")
    for number, item in enumerate(items, start=1):
        finding = item.finding
        _heading(document, f"{number}. {rules[finding.code].summary.zh if finding.code in rules else finding.name}")
        document.add_paragraph(f"问题位置：{location(finding)}")
        document.add_paragraph(f"问题说明：{finding.message.zh}")
        if text := basis(finding, rules):
            document.add_paragraph(f"依据：{text}")
        document.add_paragraph(f"整改要求：{correction(finding.code)}")
    document.add_paragraph(
        f"　　请你单位于收到本通知之日起{deadline_days}个工作日内完成整改，更正后的年度报告在原发布位置重新发布，"
        f"并将整改情况书面报送{office}。"
    )
    _signature(document, office)
    return document


def circular(store: Store, run_id: int, rules: dict[str, Rule], office: str | None = None) -> Any:
    """The 通报 draft of a run: counts by verdict and by rule, the bodies with the most errors, examples."""
    office = office or DEFAULT_OFFICE
    run = store.run(run_id)
    fail_on = Severity.parse(run["fail_on"]) if run is not None else ERROR
    verdicts: Counter[Verdict] = Counter()
    by_rule: Counter[str] = Counter()
    files_by_rule: dict[str, set[str]] = {}
    errors_by_body: Counter[str] = Counter()
    examples: list[Item] = []
    years: Counter[int] = Counter()
    for result, findings, decisions in walk_results(store, run_id):
        rows = [{"fingerprint": f.fingerprint, "code": f.code, "severity": int(f.severity)} for f in findings]
        verdicts[reviewed_verdict(result, rows, decisions, fail_on)] += 1
        if result.year:
            years[result.year] += 1
        for finding in findings:
            decision = decisions.get(finding.fingerprint)
            if decision is not None and decision.status == DISMISSED:
                continue
            by_rule[finding.code] += 1
            files_by_rule.setdefault(finding.code, set()).add(result.path)
            if finding.severity >= ERROR:
                errors_by_body[result.body or os.path.basename(result.path)] += 1
                examples.append(Item(result, finding, decision))
    year = years.most_common(1)[0][0] if years else None
    total = sum(verdicts.values())
    document = _document()
    _title(document, f"关于{year or ''}{'年度' if year else ''}政府信息公开工作年度报告审查情况的通报")
    center = document.add_paragraph("（征求意见稿）")
    center.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _heading(document, "一、总体情况")
    document.add_paragraph(
        f"　　本次共审查年度报告{total}份，其中通过{verdicts[Verdict.PASS]}份，未通过{verdicts[Verdict.FAIL]}份，"
        f"无法审查{verdicts[Verdict.NOT_ASSESSED]}份，不可读{verdicts[Verdict.UNREADABLE]}份。"
        "经人工复核驳回的问题不计入。"
    )
    _table(document, ["结论", "份数"], [[v.text("zh"), verdicts[v]] for v in Verdict])
    _heading(document, "二、主要问题")
    _table(
        document,
        ["规则", "问题", "次数", "涉及报告"],
        [
            [code, rules[code].summary.zh if code in rules else code, count, len(files_by_rule[code])]
            for code, count in by_rule.most_common()
        ],
    )
    _heading(document, "三、问题较多的单位")
    if errors_by_body:
        _table(document, ["单位", "错误数"], [[body, n] for body, n in errors_by_body.most_common(10)])
    else:
        document.add_paragraph("　　本次审查未发现错误级别的问题。")
    _heading(document, "四、典型问题")
    examples.sort(key=lambda item: (item.decision is None or item.decision.status != CONFIRMED, item.result.path))
    seen: set[str] = set()
    shown = 0
    for item in examples:
        if item.finding.code in seen or shown >= 5:
            continue
        seen.add(item.finding.code)
        shown += 1
        body = item.result.body or os.path.basename(item.result.path)
        document.add_paragraph(f"{shown}. {body}：{item.finding.message.zh}（{location(item.finding)}）")
    if not shown:
        document.add_paragraph("　　无。")
    _heading(document, "五、工作要求")
    document.add_paragraph(
        "　　各单位要对照本通报，认真核查本单位年度报告，对存在的问题逐项整改，确保年度报告格式规范、数据准确、"
        "按时发布。"
    )
    _signature(document, office)
    return document


def to_bytes(document: Any) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def file_name(text: str) -> str:
    """A file name from a body's name (no separators or characters that file systems refuse)."""
    return re.sub(r'[\\/:*?"<>|\s]+', "_", text).strip("._") or "notice"


def latest_run_id(store: Store) -> int:
    from auditor.errors import ConfigError

    run = store.latest_run(done=True)
    if run is None:
        raise ConfigError(
            "审查数据库中还没有完成的审查记录（先运行 auditor check --db 或 auditor serve）",
            "the review store holds no finished run yet (run auditor check --db or auditor serve first)",
            store.path,
        )
    return int(run["id"])


def write_notices(
    store: Store, folder: str, rules: dict[str, Rule], run_id: int | None = None, body: str | None = None,
    office: str | None = None, deadline_days: int = 15,
) -> list[str]:  # fmt: skip
    """Write the 整改通知 of every body with confirmed findings (or of ``body``) and the run's 通报 draft."""
    run_id = run_id or latest_run_id(store)
    os.makedirs(folder, exist_ok=True)
    written = []
    for (name, year), items in sorted(
        confirmed_by_body(store, run_id).items(), key=lambda kv: (kv[0][0], kv[0][1] or 0)
    ):
        if body is not None and body not in name:
            continue
        path = os.path.join(folder, f"整改通知-{file_name(name)}-{year or ''}.docx")
        rectification_notice(name, year, items, rules, office, deadline_days).save(path)
        written.append(path)
    if body is None:
        path = os.path.join(folder, f"通报-审查{run_id}.docx")
        circular(store, run_id, rules, office).save(path)
        written.append(path)
    return written
