"""The DOCX, HTML and PDF versions of each seed (tests/fixtures/formats, made by tests/fixtures/make_formats.py) give
the canonical model the text seed gives: every cell, the variant, the year, the citations, the sections."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from auditor.model import Report
from auditor.parse import parse_document
from auditor.readers import read_path
from tests.conftest import FIXTURES, SEED_FILES

FORMATS = FIXTURES / "formats"
VERSIONS = ("docx", "html", "pdf")


def canonical(report: Report) -> dict[str, Any]:
    """What must not depend on the file format (positions and labels as written may)."""
    meta = report.metadata
    return {
        "variant": report.variant,
        "year": meta.year,
        "body": meta.issuing_body.text if meta.issuing_body else None,
        "period": meta.statistics_period.value if meta.statistics_period else None,
        "signed": meta.signing_date.value if meta.signing_date else None,
        "citations": [(c.kind, c.year, c.number) for c in meta.format_citations + meta.other_citations],
        "regulation": meta.regulation.value if meta.regulation else None,
        "sections": [section.id for section in report.sections],
        "cells": {
            f"{table_id}.{row_id}.{column}": (cell.kind, cell.value)
            for table_id, table in report.tables.items()
            for row_id, row in table.rows.items()
            for column, cell in row.cells.items()
        },
        "status": {table_id: table.status for table_id, table in report.tables.items()},
        "gaps": sorted((gap.kind, gap.table or "", gap.row or "") for gap in report.gaps),
    }


def _parse(path: Path) -> Report:
    return parse_document(read_path(str(path)))


@pytest.fixture(scope="module")
def text_models() -> dict[str, dict[str, Any]]:
    return {number: canonical(_parse(path)) for number, path in SEED_FILES.items()}


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("number", sorted(SEED_FILES))
def test_same_canonical_model_as_the_text_seed(
    number: str, version: str, text_models: dict[str, dict[str, Any]], report_validator: object
) -> None:
    path = FORMATS / f"{SEED_FILES[number].stem}.{version}"
    report = _parse(path)
    assert report.source.format == version
    model = canonical(report)
    expected = text_models[number]
    assert len(model["cells"]) == len(expected["cells"]) > 150
    for key in expected:
        assert model[key] == expected[key], key
    document = json.loads(json.dumps(report.to_json(), ensure_ascii=False))
    assert not list(report_validator.iter_errors(document))  # type: ignore[attr-defined]


def test_docx_cells_are_real_table_cells_with_word_references() -> None:
    document = read_path(str(FORMATS / f"{SEED_FILES['004'].stem}.docx"))
    rows = [block for block in document.blocks if block.kind == "row"]
    # Section 三: the caption is merged over three rows and three columns, 申请人情况 over seven columns: once each.
    header = next(row for row in rows if row.cells[0].text.startswith("（本列数据"))
    assert [cell.text for cell in header.cells][1:] == ["申请人情况"]
    # 三、本年度办理结果 and （三）不予公开 are merged down their rows: they appear in their first row only.
    texts = [[cell.text for cell in row.cells] for row in rows]
    assert ["三、本年度办理结果", "（一）予以公开", "1", "0", "0", "0", "0", "0", "1"] in texts
    assert ["2.其他法律行政法规禁止公开", "0", "0", "0", "0", "0", "0", "0"] in texts
    assert sum(text.count("（三）不予公开") for row in texts for text in row) == 1
    cell = next(row for row in rows if row.cells[0].text == "一、本年新收政府信息公开申请数量").cells[1]
    assert cell.text == "1" and cell.loc.ref is not None and cell.loc.ref.startswith("T2R4C")
    # Every block's line indexes Document.lines.
    for block in document.blocks:
        assert block.cells[0].text.replace("\n", " ") in document.lines[block.loc.line - 1]


def test_docx_positions_reach_the_findings() -> None:
    report = _parse(FORMATS / f"{SEED_FILES['004'].stem}.docx")
    cell = report.tables["applications"].cell("new_received", "natural_person")
    assert cell is not None and cell.loc.ref == "T2R4C2"
    assert report.section("三").loc.ref is not None  # type: ignore[union-attr]


@pytest.mark.parametrize(("number", "encoding"), [("000", "gb18030"), ("002", "gb18030"), ("001", "utf-8")])
def test_html_charset_from_the_meta_tag(number: str, encoding: str) -> None:
    document = read_path(str(FORMATS / f"{SEED_FILES[number].stem}.html"))
    assert document.encoding == encoding


def test_html_without_a_declaration_is_detected() -> None:
    path = FORMATS / f"{SEED_FILES['004'].stem}.html"
    assert b"charset" not in path.read_bytes()
    assert read_path(str(path)).encoding == "utf-8"


def test_html_reads_the_article_not_the_page_around_it() -> None:
    document = read_path(str(FORMATS / f"{SEED_FILES['000'].stem}.html"))
    text = "\n".join(document.lines)
    for boilerplate in (
        "首页",
        "当前位置",
        "网站标识码",
        "版权所有",
        "您的浏览器版本过低",
        "2021年政府信息公开工作年度报告",
    ):
        assert boilerplate not in text
    # The title stands above the article (an h1 of the CMS) and is read from there.
    assert document.blocks[0].cells[0].text == "泗水县柘沟镇2022年政府信息公开工作年度报告"
    assert {"kind": "article", "line": document.notes[1]["line"], "text": "div#zoom"} in document.notes


def test_html_locations_are_source_lines() -> None:
    path = FORMATS / f"{SEED_FILES['002'].stem}.html"
    source = path.read_bytes().decode("gb18030").split("\n")
    report = _parse(path)
    cell = report.tables["enforcement"].cell("penalty", "decisions")
    assert cell is not None and cell.value == 181
    assert "181" in source[cell.loc.line - 1]
    heading = report.section("四")
    assert heading is not None and "四、政府信息公开行政复议、行政诉讼情况" in source[heading.loc.line - 1]


def test_html_rowspan_colspan_and_br() -> None:
    page = """<html><head><meta charset="utf-8"></head><body><div id="zoom">
<p>某某镇2023年政府信息公开工作年度报告</p>
<table><tr><td rowspan="2">A<br>B</td><td colspan="2">C</td><td>D</td></tr>
<tr><td>1</td><td rowspan="2">2</td><td>3</td></tr>
<tr><td>x</td><td>4</td><td>5</td></tr></table>
<p>正文一段足够长的文字，用来让文章容器的长度超过下限。正文一段足够长的文字，用来让文章容器的长度超过下限。</p>
</div></body></html>"""
    from auditor.readers import Limits
    from auditor.readers.html import read_html

    document = read_html(page.encode("utf-8"), "x.html", Limits())
    rows = [[cell.text for cell in block.cells] for block in document.blocks if block.kind == "row"]
    # The cell spanning rows appears once; where a span from above stands between cells, a blank keeps the columns.
    assert rows == [["A\nB", "C", "D"], ["1", "2", "3"], ["x", "4", "", "5"]]


def test_pdf_pages_and_lines() -> None:
    path = FORMATS / f"{SEED_FILES['004'].stem}.pdf"
    document = read_path(str(path))
    pages = {block.loc.page for block in document.blocks}
    assert len(pages) >= 2 and None not in pages
    report = parse_document(document)
    review, heading = report.tables["review_litigation"], report.section("四")
    assert review.loc is not None and heading is not None and review.loc.page == heading.loc.page == max(pages)
    # A paragraph wrapped over printed lines is one line again: citations and sentences survive the layout.
    assert any(
        line.startswith("2021 年，白泉镇在区委、区政府的正确领导下") and len(line) > 100 for line in document.lines
    )


def test_pdf_table_across_pages_in_a_real_report() -> None:
    report = _parse(FIXTURES / "real" / "huaian-municipal-2024.pdf")
    applications = report.tables["applications"]
    assert applications.status == "read" and len(applications.rows) == 25
    cell = applications.cell("needs_creation", "total")
    assert cell is not None and cell.value == 11 and cell.loc.page == 5


def test_pdf_row_broken_by_a_page_end_is_whole_again() -> None:
    from auditor.readers.pdf import _Reader, _Row

    reader = _Reader()
    label, numbers = (60.0, 200.0), [(200.0 + 40 * i, 240.0 + 40 * i) for i in range(7)]
    reader.items = [
        _Row(1, [("1.申请人无正当理由逾期不补正、行政机关不再处理其", *label), *(("0", *n) for n in numbers)]),
        _Row(2, [("政府信息公开申请", *label), *(("", *n) for n in numbers)], first_on_page=True),
        _Row(2, [("2.申请人逾期未按收费通知要求缴纳费用", *label), *(("0", *n) for n in numbers)]),
    ]
    reader.finish()
    assert [[c.text for c in block.cells][:2] for block in reader.blocks] == [
        ["1.申请人无正当理由逾期不补正、行政机关不再处理其\n政府信息公开申请", "0"],
        ["2.申请人逾期未按收费通知要求缴纳费用", "0"],
    ]
    assert reader.notes == [{"kind": "row-continued-on-next-page", "page": 2, "line": 1}]


def test_pdf_header_row_repeated_on_the_next_page_is_not_a_continuation() -> None:
    from auditor.readers.pdf import _Reader, _Row

    reader = _Reader()
    reader.items = [
        _Row(1, [("（七）总计", 60.0, 200.0), ("3", 200.0, 240.0)]),
        _Row(2, [("信息内容", 60.0, 200.0), ("总计", 200.0, 240.0)], first_on_page=True),
    ]
    reader.finish()
    assert len(reader.blocks) == 2


def test_pdf_paragraph_lines_join_but_headings_and_indented_lines_do_not() -> None:
    from auditor.readers.pdf import _Line, _Reader

    reader = _Reader()
    reader.items = [
        _Line(1, "一、总体情况", 90.0, 190.0, 10.0),
        _Line(
            1,
            "本报告依据《中华人民共和国政府信息公开条例》和《关于政府信息公开工作年度报告有关事项的通知》（国办公",
            90.0,
            500.0,
            10.0,
        ),
        _Line(1, "开办函〔2019〕60 号）编制。", 70.0, 220.0, 10.0),
        _Line(1, "二、主动公开政府信息情况", 70.0, 200.0, 10.0),
    ]
    reader.finish()
    assert reader.lines == [
        "一、总体情况",
        "本报告依据《中华人民共和国政府信息公开条例》和《关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60 号）编制。",
        "二、主动公开政府信息情况",
    ]
