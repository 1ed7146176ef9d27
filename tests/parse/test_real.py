"""Real published reports in text form (tests/fixtures/real, see SOURCES.md): they parse without a traceback and
give the figures the fixtures' README states."""

from __future__ import annotations

import json

import pytest

from auditor.parse import parse_document, parse_file
from auditor.readers.text import document_from_text
from tests.conftest import REAL

TEXT_FILES = ["pingtan-2022-flattened.txt", "pingtan-2019-flattened.txt", "shanghai-office-2025-pdf-extracted.md"]


@pytest.mark.parametrize("name", TEXT_FILES)
def test_real_text_parses_and_validates(name: str, report_validator: object) -> None:
    report = parse_file(REAL / name)
    document = json.loads(json.dumps(report.to_json(), ensure_ascii=False))
    assert not list(report_validator.iter_errors(document))  # type: ignore[attr-defined]


def test_shanghai_pdf_extract_identity_figures() -> None:
    report = parse_file(REAL / "shanghai-office-2025-pdf-extracted.md")
    assert report.metadata.year == 2025
    assert report.metadata.issuing_body.text == "上海市人民政府办公厅"  # type: ignore[union-attr]
    citation = report.metadata.format_citations[0]
    assert (citation.kind, citation.year, citation.number, citation.raw) == (
        "format-2021",
        2021,
        30,
        "国办公开办函〔2021〕30 号",
    )
    applications = report.tables["applications"]
    totals = {
        row: applications.cell(row, "total").value  # type: ignore[union-attr]
        for row in ("new_received", "carried_over", "grand_total", "carried_forward")
    }
    assert totals == {"new_received": 1295, "carried_over": 189, "grand_total": 1191, "carried_forward": 293}
    assert totals["new_received"] + totals["carried_over"] == totals["grand_total"] + totals["carried_forward"]
    review = report.tables["review_litigation"]
    assert [review.cell("review", c).value for c in ("upheld", "corrected", "other", "pending", "total")] == [
        40,
        0,
        10,
        5,
        55,
    ]
    # The PDF lost the heading of section 五, not its parts: the section opens at 「（一）…存在问题的改进情况」.
    problems = report.section("五")
    assert problems is not None and problems.heading.startswith("（一）2024 年工作中存在问题的改进情况")
    assert problems.numbering == "none"
    assert not any(g.kind == "missing_section" for g in report.gaps)


def test_pingtan_2022_flattened_tables_are_recovered_by_the_identities() -> None:
    report = parse_file(REAL / "pingtan-2022-flattened.txt")
    assert report.metadata.year == 2022
    assert report.template.variant == "2021"
    assert [c.canonical() for c in report.metadata.format_citations] == ["国办公开办函〔2021〕30号"]
    assert [s.id for s in report.sections] == list("一二三四五六")
    assert report.section("四").heading == "四、政府信息公开行政法复议、行政诉讼情况"  # type: ignore[union-attr]
    applications = report.tables["applications"]
    new = applications.rows["new_received"]
    assert new.flattened == "713000074"
    assert [cell.value for cell in new.cells.values()] == [71, 3, 0, 0, 0, 0, 74]
    # Rows the row totals split (「713000074」: 7 plain splits) are inferred; a run with one plain split is read.
    inferred = {row_id for row_id, row in applications.rows.items() if all(c.inferred for c in row.cells.values())}
    assert inferred == {"new_received", "disclosed", "not_held", "grand_total"}
    assert not any(c.inferred for c in applications.rows["partially_disclosed"].cells.values())  # 「8100009」
    assert applications.status == "recovered"
    # The narrative: 75 applications handled, 74 new and 1 carried over.
    total = {row: applications.cell(row, "total").value for row in ("new_received", "carried_over", "grand_total")}  # type: ignore[union-attr]
    assert total == {"new_received": 74, "carried_over": 1, "grand_total": 75}
    assert "全区收到政府信息公开申请75件" in report.section("一").text  # type: ignore[union-attr]
    # 规章 000 splits one way; 行政规范性文件 8855698 does not: that table stays flattened, and says so.
    regulations = report.tables["regulations"]
    assert [c.value for c in regulations.rows["rules"].cells.values()] == [0, 0, 0]
    assert regulations.status == "flattened" and not regulations.rows["normative_documents"].cells
    ambiguous = [g for g in report.gaps if g.kind == "flattened_row"]
    assert [(g.table, g.row, g.detail["splits"]) for g in ambiguous] == [("regulations", "normative_documents", 15)]
    # Section 四 is space-separated and reads directly.
    review = report.tables["review_litigation"]
    assert [review.cell("review", c).value for c in ("upheld", "corrected", "other", "pending", "total")] == [
        0,
        1,
        1,
        0,
        2,
    ]


def test_pingtan_2019_is_the_2019_template_and_its_section_three_balances() -> None:
    report = parse_file(REAL / "pingtan-2019-flattened.txt")
    assert report.template.variant == "2019"
    assert "procurement" in report.tables
    applications = report.tables["applications"]
    assert applications.status == "recovered"
    totals = {
        row: applications.cell(row, "total").value  # type: ignore[union-attr]
        for row in ("new_received", "carried_over", "grand_total", "carried_forward")
    }
    assert totals == {"new_received": 23, "carried_over": 0, "grand_total": 23, "carried_forward": 0}
    # Runs of digits with some boundaries left ("230 000023") keep them.
    assert [c.value for c in applications.rows["new_received"].cells.values()] == [23, 0, 0, 0, 0, 0, 23]
    # Section 二 has no identities to decide by: 行政许可 3960181 stays flattened.
    licensing = report.tables["licensing"]
    assert licensing.rows["licensing"].flattened == "3960181" and not licensing.rows["licensing"].cells
    assert licensing.status == "flattened"
    assert {g.row for g in report.gaps if g.kind == "flattened_row" and g.table == "licensing"} == {
        "licensing",
        "other_services",
    }


def _pingtan_2019_with(old: str, new: str) -> str:
    text = (REAL / "pingtan-2019-flattened.txt").read_text(encoding="utf-8")
    assert text.count(old) == 1
    return text.replace(old, new)


def test_a_flattened_2019_row_with_a_dash_is_read_only_when_its_split_is_unique() -> None:
    # The 2019 table's 本年增/减 may be negative, and a dash is also how a cell says "none": 「行政许可1-10」 is
    # 1 | -1 | 0 or 1 | - | 10 and 「其他对外管理服务事项12-135」 has three readings: neither is read. 「行政强制11-1」
    # is 11 | - | 1, or 11 | -1 | · with its last cell blank (which flattened text cannot show), and no identity tells
    # them apart: not read either (blank_cells: its one reading without blanks is not in doubt otherwise).
    # 「行政事业性收费35-1」 (two columns) can only be 35 | -1.
    text = _pingtan_2019_with("行政许可3960181", "行政许可1-10")
    text = text.replace("其他对外管理服务事项100153", "其他对外管理服务事项12-135")
    text = text.replace("行政强制126025", "行政强制11-1")
    text = text.replace("行政事业性收费350", "行政事业性收费35-1")
    report = parse_document(document_from_text(text, "p.txt", "text"))
    licensing = report.tables["licensing"]
    for row in ("licensing", "other_services"):
        assert licensing.rows[row].unread and licensing.rows[row].reason == "ambiguous_digits", row
    coercion = report.tables["enforcement"].rows["coercion"]
    assert coercion.unread and coercion.reason == "blank_cells" and coercion.detail == "11-1"
    fees = report.tables["fees"].rows["administrative_fees"]
    assert [c.value for c in fees.cells.values()] == [35, -1] and not fees.unread
