"""Reader slips across renderings of whole real reports (validation round 14, tests/fixtures/render14/README.md):
the same report published as Word, Word's web page, a CMS page and PDF is read as its text is."""

from __future__ import annotations

import re

import pytest

from auditor.model import Report
from auditor.parse import parse_file
from auditor.readers import read_path
from auditor.rule import Finding, Severity
from tests.conftest import FIXTURES
from tests.rules.helpers import audit_report

RENDERINGS = FIXTURES / "render14"
REPORTS = ("t06-pt-zrz-2023", "t01-pt-gwh-2019")
FORMATS = ("docx", "htm", "html", "pdf")
# make_renderings.py --variant 2: headings numbered through their style, table 三's labels by lists started again
# under each group, the body inside a one-cell layout table (DOCX); table 三 split in two tables, <th> in <thead>
# (HTML); header rows not repeated, rows broken across pages, 「第 N 页 共 M 页」 (PDF)
VARIANT_2 = ("v2.docx", "v2.html", "v2.pdf")


def _readings(report: Report) -> dict[str, object]:
    """What a slip of a reader changes first: title, year, body, dates, period, format, parts and their numbering."""
    metadata = report.metadata

    def text(found: object) -> str | None:
        return None if found is None else re.sub(r"\s", "", found.text)  # type: ignore[attr-defined]

    return {
        "title": text(metadata.title),
        "year": metadata.year,
        "body": text(metadata.issuing_body),
        "signed": metadata.signing_date.value if metadata.signing_date else None,
        "period": metadata.statistics_period.value if metadata.statistics_period else None,
        "variant": report.variant,
        "sections": [(s.id, s.numbering, re.sub(r"\s", "", s.heading)) for s in report.sections],
    }


def _cells(report: Report) -> dict[tuple[str, str, str], object]:
    return {
        (table.id, row.id, column): cell.value if cell.value is not None else cell.raw
        for table in report.tables.values()
        for row in table.rows.values()
        for column, cell in row.cells.items()
    }


def _serious(findings: list[Finding]) -> list[tuple[str, str]]:
    return sorted((f.code, str(f.severity)) for f in findings if f.severity >= Severity.WARNING)


@pytest.mark.parametrize(
    ("name", "extension"),
    [(name, extension) for name in REPORTS for extension in FORMATS]
    + [("t06-pt-zrz-2023", extension) for extension in VARIANT_2],
)
def test_a_rendering_is_read_as_the_text(name: str, extension: str) -> None:
    text, text_findings = audit_report(parse_file(RENDERINGS / f"{name}.txt"))
    rendering, findings = audit_report(parse_file(RENDERINGS / f"{name}.{extension}"))
    assert _readings(rendering) == _readings(text)
    assert _cells(rendering) == _cells(text)
    assert _serious(findings) == _serious(text_findings)


# ── Word's list numbers ────────────────────────────────────────────────────────────────────────────────────
def test_word_list_numbers_are_read_before_the_paragraph() -> None:
    document = read_path(str(RENDERINGS / "t06-pt-zrz-2023.docx"))
    lines = [block.cells[0].text for block in document.blocks if block.kind == "line"]
    headings = [line for line in lines if re.match(r"[一二三四五六七八九十]+、", line)]
    assert headings[:6] == ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
                            "六、其他需要报告的事项"]  # fmt: skip


def test_a_layout_table_around_the_body_is_read_as_the_body() -> None:
    document = read_path(str(RENDERINGS / "t06-pt-zrz-2023.v2.docx"))
    rows = [[cell.text for cell in block.cells] for block in document.blocks if block.kind == "row"]
    assert ["行政规范性文件", "", "", ""] in rows  # a row of the table inside the frame, its blank cells kept
    assert ["（三）不予公开", "1.属于国家秘密", "0", "0", "0", "0", "0", "0", "0"] in rows  # numbered by a list
    assert ["2.重复申请", "0", "0", "0", "0", "0", "0", "0"] in rows  # the next group's list starts again
    lines = [block.cells[0].text for block in document.blocks if block.kind == "line"]
    assert "一、总体情况" in lines  # numbered through the Heading 1 style
    assert {block.cells[0].loc.ref for block in document.blocks} == {"T1R1C1"}  # found in Word by the frame's cell


@pytest.mark.parametrize(
    ("number", "style", "printed"),
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (12, "chineseCounting", "十二"),
        (20, "chineseCountingThousand", "二十"),
        (105, "chineseCounting", "一百零五"),
        (3, "chineseLegalSimplified", "叁"),
        (2, "ideographTraditional", "乙"),
        (3, "decimalEnclosedCircle", "③"),
        (4, "upperRoman", "IV"),
        (27, "lowerLetter", "aa"),
        (7, "decimalFullWidth", "７"),
        (7, "decimal", "7"),
    ],
)
def test_word_number_formats(number: int, style: str, printed: str) -> None:
    from auditor.readers.docx import format_number

    assert format_number(number, style) == printed


# ── a web page's source wrapped between Chinese characters ─────────────────────────────────────────────────
def test_a_source_line_break_between_chinese_characters_is_no_space() -> None:
    from auditor.readers.html import _clean

    assert _clean("平潭综合实验区自然\r\n资源与生态环境局") == "平潭综合实验区自然资源与生态环境局".replace("\r", "")
    assert _clean("平潭综合实验区自然\n  资源") == "平潭综合实验区自然资源"
    assert _clean("2024年\n1月") == "2024年 1月"  # a break beside a narrow character stays a space, as browsers show it
    assert _clean("自然 资源") == "自然 资源"  # a space typed is kept


# ── a PDF title over two centred lines; a blank row at the top of a page ───────────────────────────────────
def test_a_pdf_title_wrapped_over_two_centred_lines_is_one_line() -> None:
    document = read_path(str(RENDERINGS / "t06-pt-zrz-2023.pdf"))
    assert document.blocks[0].cells[0].text == "平潭综合实验区自然资源与生态环境局2023年政府信息公开工作年度报告"


def test_a_blank_row_at_the_top_of_a_pdf_page_is_a_row_of_its_own() -> None:
    document = read_path(str(RENDERINGS / "t01-pt-gwh-2019.pdf"))
    rows = [[cell.text for cell in block.cells] for block in document.blocks if block.kind == "row"]
    assert ["规章", "0", "0", "0"] in rows
    assert ["规范性文件", "", "", ""] in rows
