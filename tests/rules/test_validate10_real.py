"""Classes of wrong findings on full real reports, validation round 10 (平潭 departments and 片区, 2021–2024): each
tested with the real text it was seen in (tests/fixtures/validate10/README.md)."""

from __future__ import annotations

from auditor.model import Report
from auditor.parse import parse_file
from auditor.rule import Finding, Severity
from tests.conftest import FIXTURES
from tests.rules.helpers import engine

VALIDATE10 = FIXTURES / "validate10"


def _audit(name: str) -> tuple[Report, list[Finding]]:
    report = parse_file(VALIDATE10 / name)
    return report, engine().check_report(report, report.source.path)


def _serious(findings: list[Finding], code: str) -> list[Finding]:
    return [f for f in findings if f.code == code and f.severity >= Severity.WARNING]


# ── a column header cut short between two others: 「本年制发件数本年废止件现行有效件数」 ─────────────────────────
def test_a_header_cut_short_between_two_headers_keeps_the_tables_of_section_two() -> None:
    report, findings = _audit("header-repealed-cut-short-2024.txt")
    for table in ("regulations", "licensing", "enforcement", "fees"):
        assert report.tables.get(table) is not None
    assert not _serious(findings, "TAB001")
    # the header itself is what is wrong, and it is said once, as the header's
    (order,) = _serious(findings, "TAB006")
    assert "本年废止件数" in order.message.zh and order.severity == Severity.WARNING


# ── a header misspelt: 「先行有效件数」 for 现行有效件数 ─────────────────────────────────────────────────────────
def test_a_misspelt_header_is_named_as_the_header_not_as_the_row_after_it() -> None:
    _report, findings = _audit("total-column-zero-header-misspelt-2024.txt")
    (order,) = _serious(findings, "TAB006")
    assert "现行有效件数" in order.message.zh
    assert "出现的位置" not in order.message.zh


# ── the 总计 column left 0 in six rows, beside an independent fault of the 自然人 column ─────────────────────
def test_a_total_column_left_zero_is_one_finding_beside_an_independent_fault() -> None:
    _report, findings = _audit("total-column-zero-header-misspelt-2024.txt")
    (column,) = _serious(findings, "NUM003")  # one cause: the 总计 column, six rows
    assert column.values["line"] == {"column": "total"}
    assert len(column.values["cells"]) == 6
    assert all(cell["value"] == 0 for cell in column.values["cells"])
    # 自然人: （七）总计 5 while its result rows add up to 6 — another cause, its own finding
    (natural,) = _serious(findings, "NUM002")
    assert natural.values["instance"] == {"column": "natural_person"}


# ── table 三's rows worded otherwise: 「法律和行政法规」, 「不再受理其」 ─────────────────────────────────────────
def test_table_three_with_rows_worded_otherwise_is_read_and_the_wordings_are_named() -> None:
    report, findings = _audit("table3-labels-worded-otherwise-2024.txt")
    assert report.tables.get("applications") is not None
    assert not _serious(findings, "TAB001")
    worded = {f.values["written"] for f in _serious(findings, "TAB003")}
    assert "2.其他法律和行政法规禁止公开" in worded
    assert not _serious(findings, "NUM001") and not _serious(findings, "NUM002")  # the table adds up


# ── 「其他」 without its number where 3.其他 stands; a 2019 table 二 in a 2021 report ──────────────────────────
def test_other_without_its_number_after_row_six_two_is_row_three_other() -> None:
    report, findings = _audit("unnumbered-other-2019-table2-2021.txt")
    table = report.tables["applications"]
    assert table.cell("other_reasons", "total") is not None
    assert not [f for f in _serious(findings, "TAB002") if f.values.get("label") == "3.其他"]
    assert [f for f in _serious(findings, "TAB003") if f.values["written"] == "其他"]


def test_a_superseded_table_in_a_later_report_is_not_held_to_the_superseded_rows_and_wording() -> None:
    # Table 二 in the 2019 format in a 2021 report: CIT004 says so. The 2021 wording 行政规范性文件 is right for the
    # year, and the 2019 row 其他对外管理服务事项 is not due in it.
    _report, findings = _audit("unnumbered-other-2019-table2-2021.txt")
    assert _serious(findings, "CIT004")
    assert not [f for f in _serious(findings, "TAB003") if f.values["written"] == "行政规范性文件"]
    assert not [f for f in _serious(findings, "TAB002") if f.values.get("label") == "其他对外管理服务事项"]


# ── 「收到依申请公开1件，因政府信息依申请公开引起行政复议0件」: the 0 counts reviews ───────────────────────────────
def test_reviews_caused_by_applications_are_no_count_of_applications() -> None:
    _report, findings = _audit("reviews-caused-by-applications-2022.txt")
    assert not _serious(findings, "NAR001")


# ── hold-out classes (fixed after the hold-out was measured) ───────────────────────────────────────────────────
def test_the_last_figures_of_a_table_glued_to_a_year_led_or_prose_paragraph_end_the_table() -> None:
    # 「行政事业性收费02025年，我局…」, 「四、结转下年度继续办理20000022025年，我局共收到…」, 「…总计10000100000000000我局
    # 严格…」: the figures, then a paragraph; and 「7.属于行政执法案件」 for 案卷
    report, findings = _audit("figures-glued-to-paragraphs-2025.txt")
    for table in ("regulations", "licensing", "enforcement", "fees", "applications", "review_litigation"):
        assert report.tables.get(table) is not None
    assert not _serious(findings, "TAB001")
    applications = report.tables["applications"]
    fees = report.tables["fees"]
    assert fees.cell("administrative_fees", "amount").value == 0  # 「0」, not 「02025」
    assert applications.cell("carried_forward", "total").value == 2  # 「2000002」, not 「20000022025」
    assert applications.cell("enforcement_files", "total").value == 3
    assert not _serious(findings, "NUM001") and not _serious(findings, "NUM002") and not _serious(findings, "NUM003")


def test_table_four_before_a_part_the_format_does_not_have_is_read() -> None:
    # 「…总计100010000000000 五、当前存在的突出问题…」: the figures end table 四; the part after them is prose
    report, findings = _audit("review-table-before-renamed-part-2025.txt")
    assert report.tables.get("review_litigation") is not None
    assert not [f for f in _serious(findings, "TAB001") if f.place.table == "review_litigation"]


def test_a_table_of_the_superseded_format_only_is_not_demanded_of_a_later_report() -> None:
    # 2019 tables (本年新制作数量 …) in a 2023 report, cut short after （五）: CIT003 says the format is wrong; table
    # （九） 政府集中采购 exists in the 2019 format only and is not due in a 2023 report
    report, findings = _audit("superseded-tables-cut-short-2023.txt")
    assert report.variant == "2019" and report.year == 2023
    assert _serious(findings, "CIT003")
    missing = {f.place.table for f in _serious(findings, "TAB001")}
    assert "procurement" not in missing
    # the text stops inside （五）: （六） (due in either format) and the rest are SEC008's one finding, not TAB001's
    assert "enforcement" not in missing
    [cut] = _serious(findings, "SEC008")
    assert "enforcement" in cut.values["lost_tables"]
