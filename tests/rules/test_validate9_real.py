"""Classes of wrong (and missed) findings on full real reports, validation round 9 (平潭 departments and 片区,
2021–2025): each tested with the real text it was seen in (tests/fixtures/validate9/README.md)."""

from __future__ import annotations

from auditor.model import Report
from auditor.parse import parse_file
from auditor.rule import Finding, Severity
from tests.conftest import FIXTURES
from tests.rules.helpers import engine

VALIDATE9 = FIXTURES / "validate9"


def _audit(name: str) -> tuple[Report, list[Finding]]:
    report = parse_file(VALIDATE9 / name)
    return report, engine().check_report(report, report.source.path)


def _serious(findings: list[Finding], code: str) -> list[Finding]:
    return [f for f in findings if f.code == code and f.severity >= Severity.WARNING]


# ── 六 under another wording: 「其他需报告的事项」, 「需要说明的其他事项与附表」 ─────────────────────────────
def test_other_matters_written_without_yao_is_section_six_with_its_fee_statement() -> None:
    report, findings = _audit("other-matters-need-report-2025.txt")
    assert report.section("六") is not None
    assert not _serious(findings, "SEC001")
    assert not _serious(findings, "FEE001")  # 「本年度未产生政府信息公开信息处理费用」 is there


def test_matters_to_explain_and_attached_tables_is_section_six() -> None:
    report, findings = _audit("other-matters-to-explain-2021.txt")
    assert report.section("六") is not None
    assert not _serious(findings, "SEC001")
    assert not _serious(findings, "FEE001")


# ── a fee part placed fifth: 「五、信息处理费收取情况」 (a small table) before 「六、存在的主要问题」 ──────────────
def test_a_fee_part_placed_before_the_problems_is_one_order_finding_and_table_four_is_read() -> None:
    report, findings = _audit("fee-part-before-problems-2025.txt")
    assert report.tables.get("review_litigation") is not None  # the heading ends table 四's run
    assert not _serious(findings, "TAB001")
    assert not _serious(findings, "FEE001")  # the fee table 通知收取件数 … 实际收取金额（元） 0 0 0
    assert not _serious(findings, "SEC001")
    order = _serious(findings, "SEC002")
    assert len(order) == 1 and order[0].severity == Severity.ERROR
    # one cause, one finding: the headings carry the numbers of their places; the order is what is wrong
    assert not _serious(findings, "SEC004")
    assert not _serious(findings, "TAB006")


# ── a fee statement that does not say 处理费 ───────────────────────────────────────────────────────────────
def test_no_fees_collected_from_applicants_is_a_fee_statement() -> None:
    _report, findings = _audit("fees-collected-from-applicants-2025.txt")
    assert not _serious(findings, "FEE001")


# ── table 三's note written 钩稽 (a dictionary variant of 勾稽) ─────────────────────────────────────────────
def test_table_three_with_its_note_written_gouji_variant_is_read() -> None:
    report, findings = _audit("table3-note-variant-2019-tables-2022.txt")
    assert report.tables.get("applications") is not None
    assert not _serious(findings, "TAB001")
    assert not _serious(findings, "TAB003")  # 钩稽 for 勾稽: the same word
    # what the table says is checked: new 4, rows 4, (七)总计 0 — the report's own inconsistency
    assert _serious(findings, "NUM002")


# ── the text's counts against a table recovered from flattened text ───────────────────────────────────────
def test_a_count_against_a_flattened_row_with_one_digit_a_cell_is_a_warning() -> None:
    # 「共收到政府信息公开申请4件，受理并办结3件」 while table 三's rows are 「000000 0」 …: one digit a cell, no other
    # split, so the zeros are as certain as cells read one by one. The sentence's two counts, one finding naming both.
    _report, findings = _audit("text-counts-table-all-zero-2024.txt")
    (counts,) = _serious(findings, "NAR001")
    assert counts.severity == Severity.WARNING
    assert [claim["claim"]["value"] for claim in counts.values["claims"]] == [4, 3]


def test_a_count_that_matches_the_row_while_its_total_cell_does_not_is_the_total_columns_fault() -> None:
    # 「全年共受理政府信息公开申请2件」; table 三 new applications 「2000000」: 自然人 2, 总计 0. The text is right;
    # the 总计 cell is wrong, and NUM003 says so.
    _report, findings = _audit("other-matters-need-report-2025.txt")
    assert not _serious(findings, "NAR001")
    assert _serious(findings, "NUM003")


def test_no_correction_received_from_the_applicant_is_not_no_applications_received() -> None:
    # 「我局收到政府信息公开申请1件，……作出补正告知，目前未收到该申请人提交的补正，结转下年度办理。」 (validation
    # round 7's 公安局 2021): 未收到 … 申请人 is no statement that no application came in. Now that table 三's
    # one-digit-a-cell rows count as read, the misreading would have been a NAR003 warning.
    _report, findings = _audit("applicant-did-not-correct-2021.txt")
    assert not [f for f in findings if f.code == "NAR003"]
