"""Every real published file in tests/fixtures/real reads and audits without a traceback, and gives the figures its
README states; the Huaian PDF is a clean control (no error-level finding)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from auditor.config import Config
from auditor.engine import Engine
from auditor.parse import parse_file
from auditor.plugins import default_plugins
from auditor.rule import Severity
from auditor.verdict import Verdict
from tests.conftest import REAL

REAL_FILES = sorted(p.name for p in REAL.iterdir() if p.name != "SOURCES.md")


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(default_plugins(), Config())


@pytest.mark.parametrize("name", REAL_FILES)
def test_every_real_file_reads_and_audits(name: str, engine: Engine) -> None:
    result = engine.check_file(str(REAL / name))
    codes = {f.code for f in result.findings}
    assert not {"SYS001", "SYS002", "SYS003"} & codes, [f.message.en for f in result.findings if f.code[:3] == "SYS"]
    assert result.format == {".pdf": "pdf", ".docx": "docx"}.get(Path(name).suffix, "text")


def test_huaian_pdf_figures() -> None:
    report = parse_file(REAL / "huaian-municipal-2024.pdf")
    assert report.source.format == "pdf"
    assert report.metadata.year == 2024
    assert report.template.variant == "2021"
    # The body stands on its own line above "2024 年政府信息公开工作年度报告".
    assert report.metadata.issuing_body is not None and report.metadata.issuing_body.text == "淮安市人民政府"
    assert report.metadata.body_kind == "government"
    assert [s.id for s in report.sections] == list("一二三四五六")
    applications = report.tables["applications"]
    totals = {
        row: applications.cell(row, "total").value  # type: ignore[union-attr]
        for row in ("new_received", "carried_over", "grand_total", "carried_forward", "unpaid_fee")
    }
    assert totals == {
        "new_received": 3119,
        "carried_over": 34,
        "grand_total": 3050,
        "carried_forward": 103,
        "unpaid_fee": 6,
    }
    review = report.tables["review_litigation"]
    assert [review.cell("review", c).value for c in ("upheld", "corrected", "other", "pending", "total")] == [
        72,
        64,
        178,
        37,
        351,
    ]
    assert report.tables["fees"].cell("administrative_fees", "amount").value == Decimal("96171.6")  # type: ignore[union-attr]
    other_matters = report.section("六")
    assert other_matters is not None and "信息处理费 3940 元" in other_matters.text
    assert not report.gaps
    assert all(cell.loc.page is not None for row in applications.rows.values() for cell in row.cells.values())


def test_huaian_pdf_is_a_clean_control(engine: Engine) -> None:
    result = engine.check_file(str(REAL / "huaian-municipal-2024.pdf"))
    assert result.year == 2024 and result.variant == "2021"
    worst = [f for f in result.findings if f.severity >= Severity.ERROR]
    assert not worst, [(f.code, f.message.en) for f in worst]
    assert not any(f.code.startswith(("NUM", "FEE")) and f.severity >= Severity.WARNING for f in result.findings)


def test_blank_template_docx_reports_empty_tables(engine: Engine) -> None:
    report = parse_file(REAL / "blank-2021-template.docx")
    assert report.source.format == "docx" and report.template.variant == "2021"
    applications = report.tables["applications"]
    assert len(applications.rows) == 25
    assert all(cell.kind == "blank" for row in applications.rows.values() for cell in row.cells.values())
    result = engine.check_file(str(REAL / "blank-2021-template.docx"))
    # A table without a single figure is one error (figures not disclosed), not a list of blank cells (issue 9).
    (blank,) = [f for f in result.findings if f.code == "NUM009"]  # the six tables, one omission
    assert set(blank.values["tables"]) == {
        "regulations",
        "licensing",
        "enforcement",
        "fees",
        "applications",
        "review_litigation",
    }
    assert blank.values["tables"]["applications"] == 175
    assert "NUM007" not in {f.code for f in result.findings}
    assert result.verdict(Severity.ERROR) is Verdict.NOT_ASSESSED
