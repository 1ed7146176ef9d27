"""Cover letters, notices, forwarding notices and tables of contents dropped among the reports are SYS002 naming
the lines that show what they are — not audited as reports with missing sections and tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.errors import NotAReport
from auditor.parse import parse_document
from auditor.readers.text import document_from_text
from auditor.rule import Severity
from tests.conftest import FIXTURES, REAL, seed_path
from tests.rules.helpers import engine

NOT_REPORTS = FIXTURES / "not-reports"
EXPECTED = {
    # file: what it is, the lines quoted as evidence
    "cover-letter.txt": ("报送函", [3, 5, 11]),
    "forwarding-notice.txt": ("转发通知", [2, 4, 8]),
    "compile-notice.txt": ("通知", [1, 3, 13]),
    "table-of-contents.txt": ("目录页", [3, 5]),
    "column-listing.txt": ("年度报告列表页", [5, 6]),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_document_that_is_not_a_report_is_one_fatal_finding_naming_the_evidence(name: str) -> None:
    kind, lines = EXPECTED[name]
    findings = engine().check_file(str(NOT_REPORTS / name)).findings
    assert [(f.code, f.severity) for f in findings] == [("SYS002", Severity.FATAL)]
    message = findings[0].message
    assert f"而是{kind}" in message.zh and "没有统计表" in message.zh and "no statistics table" in message.en
    for line in lines:
        assert f"第 {line} 行" in message.zh and f"line {line} " in message.en
    assert findings[0].line == lines[0]


def test_the_cover_letter_quotes_its_title_and_closing() -> None:
    text = engine().check_file(str(NOT_REPORTS / "cover-letter.txt")).findings[0].message.zh
    assert "关于报送《隆德县城关镇2023年政府信息公开工作年度报告》的函" in text and "特此函告" in text


def test_a_cover_letter_with_the_report_after_it_is_audited_as_the_report() -> None:
    letter = (NOT_REPORTS / "cover-letter.txt").read_text(encoding="utf-8")
    report = seed_path("003").read_text(encoding="utf-8")
    parsed = parse_document(document_from_text(letter + "\n\n" + report, "letter-and-report.txt", "text"))
    assert parsed.tables and parsed.variant == "2021"


@pytest.mark.parametrize(
    "path",
    [
        *(seed_path(s) for s in ("000", "001", "002", "003", "004")),
        *sorted(REAL.glob("*.txt")),
        *REAL.glob("*-extracted.md"),
    ],
    ids=lambda p: p.name[:16],
)
def test_reports_are_not_taken_for_letters(path: Path) -> None:
    parse_document(document_from_text(path.read_text(encoding="utf-8"), path.name, "text"))


def test_a_letter_without_its_closing_formula_or_salutation_is_not_judged_by_its_title_alone() -> None:
    text = (NOT_REPORTS / "cover-letter.txt").read_text(encoding="utf-8")
    for remove in ("隆德县人民政府办公室：", "特此函告。", "现予报送，请审阅。"):
        text = text.replace(remove, "")
    try:
        parse_document(document_from_text(text, "title-only.txt", "text"))
    except NotAReport as exc:
        raise AssertionError(f"a title alone made it not a report: {exc.zh}") from exc


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_same_documents_scraped_onto_one_line_are_not_reports(name: str) -> None:
    kind, _lines = EXPECTED[name]
    text = (NOT_REPORTS / name).read_text(encoding="utf-8")
    flat = " ".join(line.strip() for line in text.split("\n") if line.strip())
    try:
        parse_document(document_from_text(flat, name, "text"))
    except NotAReport as exc:
        assert f"而是{kind}" in exc.zh and exc.line == 1
    else:
        raise AssertionError(f"{name} on one line was taken for a report")


def _blank_tables(text: str) -> str:
    """The same text with every figure of its pipe tables left out (cells kept, empty)."""
    import re

    return "\n".join(
        re.sub(r"(?<=\|)\s*-?[\d.]+\s*(?=\|)", " ", line) if line.startswith("|") else line for line in text.split("\n")
    )


def test_the_format_notice_with_its_blank_tables_is_not_a_report() -> None:
    from tests.rules.helpers import clean_text

    report = _blank_tables(clean_text("2021", "pipe-separated"))
    tables = report[report.index("二、主动公开政府信息情况") : report.index("五、")]
    notice = (
        "标题 | 国务院办公厅政府信息与政务公开办公室关于印发《中华人民共和国政府信息公开工作年度报告格式》的通知 |\n"
        "为更好发挥年度报告的重要作用，制定本格式，并根据情况变化适时更新。\n附件：\n一、总体情况\n" + tables
    )
    with pytest.raises(NotAReport) as info:
        parse_document(document_from_text(notice, "notice.txt", "text"))
    assert "年度报告格式通知" in info.value.zh and "没有填写任何数字" in info.value.zh
    # A report left blank whose opening cites the notice stays a report (its blank tables are NUM009).
    parsed = parse_document(document_from_text(report, "blank.txt", "text"))
    assert parsed.tables


def test_notes_in_english_quoting_a_report_s_headings_and_rows_are_not_a_report() -> None:
    # Written mainly in Latin letters (reports stay below a tenth of their letters): not audited as a report with
    # empty sections and missing tables (12 findings before), whatever Chinese headings and rows it quotes.
    notes = FIXTURES / "notes" / "review-notes.md"
    document = document_from_text(notes.read_text(encoding="utf-8"), str(notes), "text")
    with pytest.raises(NotAReport) as info:
        parse_document(document)
    assert "外文文档" in info.value.zh and "another language" in info.value.en
    assert info.value.line == 1


@pytest.mark.parametrize("path", [*sorted(REAL.glob("*.txt")), *sorted(REAL.glob("*-extracted.md")), seed_path("000")])
def test_reports_with_latin_letters_in_them_are_still_reports(path: Path) -> None:
    parse_document(document_from_text(path.read_text(encoding="utf-8"), str(path), "text"))  # raises if not
