"""``--format xlsx``: a summary sheet and a findings sheet that hold exactly what the JSON output of the run holds."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from auditor.reporters.xlsx_format import display_width
from auditor.rule import Severity
from tests.reporters.helpers import EXAMPLES, HOSTILE_BODY, all_findings, finding_key, json_output, run, table_report
from tests.rules.test_crossyear import _pair

_SEVERITY_BY_TEXT = {s.text(lang): s.label for s in Severity for lang in ("zh", "en")}


def _workbook(args: list[str], target: Path) -> Any:
    run([*args, "--format", "xlsx", "-o", str(target)])
    return load_workbook(target)


def _sheet_findings(sheet: Any, lang: str) -> list[tuple[Any, ...]]:
    rows = list(sheet.values)[1:]
    return [
        (code, path, line, column, _SEVERITY_BY_TEXT[severity], message)
        for (path, _body, _year, _where, _page, line, column, severity, code, _rule, _place, message, *_rest) in rows
    ]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_findings_sheet_holds_the_json_findings(tmp_path: Path, lang: str) -> None:
    reference = json_output([str(EXAMPLES), "--lang", lang], tmp_path)
    workbook = _workbook([str(EXAMPLES), "--lang", lang], tmp_path / "audit.xlsx")
    summary_title, findings_title = ("汇总", "问题") if lang == "zh" else ("Summary", "Findings")
    assert workbook.sheetnames == [summary_title, findings_title]
    expected = [finding_key(f, lang) for f in all_findings(reference)]
    assert len(expected) == 44
    assert _sheet_findings(workbook[findings_title], lang) == expected


def test_summary_sheet_has_one_row_per_file(tmp_path: Path) -> None:
    reference = json_output([str(EXAMPLES)], tmp_path)
    sheet = _workbook([str(EXAMPLES)], tmp_path / "audit.xlsx")["汇总"]
    header, *rows = list(sheet.values)
    assert header == ("文件", "机关", "年度", "模板", "致命", "错误", "警告", "提示", "结论")
    assert [r[0] for r in rows] == [f["path"] for f in reference["files"]]
    for row, entry in zip(rows, reference["files"], strict=True):
        counts = [
            sum(1 for f in entry["findings"] if f["severity"] == s) for s in ("fatal", "error", "warning", "info")
        ]
        assert list(row[1:4]) == [entry["body"], entry["year"], entry["variant"]]
        assert list(row[4:8]) == counts
        assert row[8] == ("未通过" if counts[0] + counts[1] else "通过")
    assert sum(r[8] == "未通过" for r in rows) == reference["summary"]["failed_files"] == 3


def test_sheets_have_filters_frozen_headers_and_cjk_widths(tmp_path: Path) -> None:
    workbook = _workbook([str(EXAMPLES)], tmp_path / "audit.xlsx")
    for sheet in workbook:
        rows = sheet.max_row
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{rows}"
    summary = workbook["汇总"]
    bodies = [row[1] for row in list(summary.values)[1:]]
    longest = max(bodies, key=len)  # 隆德县城关镇人民政府: 10 characters, 20 columns wide
    assert display_width(longest) == 2 * len(longest)
    assert summary.column_dimensions["B"].width >= 2 * len(longest)
    findings = workbook["问题"]
    assert findings.column_dimensions["F"].width < 10  # line numbers stay narrow
    assert findings.column_dimensions["L"].width >= 60  # the messages are long Chinese sentences
    assert findings["L2"].alignment.wrap_text
    header = next(iter(findings.values))
    assert header[:5] == ("文件", "机关", "年度", "位置", "页")


def test_cross_year_findings_are_rows_too(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    _pair(reports, carry_mismatch=True)
    reference = json_output([str(reports)], tmp_path)
    assert reference["summary"]["cross_file"]["findings"]
    workbook = _workbook([str(reports)], tmp_path / "audit.xlsx")
    assert _sheet_findings(workbook["问题"], "zh") == [finding_key(f, "zh") for f in all_findings(reference)]


def test_report_text_is_never_a_formula(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("=HYPERLINK(1).txt").write_bytes((EXAMPLES / "xianxiang-2022.txt").read_bytes())
    workbook = _workbook(["=HYPERLINK(1).txt"], tmp_path / "audit.xlsx")
    for sheet in workbook:
        cell = sheet["A2"]
        assert cell.value == "=HYPERLINK(1).txt" and cell.data_type == "s"


def test_xlsx_streams_to_stdout(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert run([str(EXAMPLES / "xianxiang-2022.txt"), "--format", "xlsx"]) == 1
    workbook = load_workbook(io.BytesIO(capsysbinary.readouterr().out))
    assert [row[8] for row in list(workbook["问题"].values)[1:]] == [
        "CIT005",
        "DAT005",
        "NAR010",
        "NAR011",
        "NAR019",
        "TAB005",
        "NAR012",
        "DAT006",
    ]


def test_table_findings_name_their_place(tmp_path: Path) -> None:
    report = table_report(tmp_path)
    sheet = _workbook([str(report)], tmp_path / "audit.xlsx")["问题"]
    places = {row[8]: row[10] for row in list(sheet.values)[1:]}
    assert places["NUM001"] == "表三·一、本年新收政府信息公开申请数量·自然人"
    assert places["NUM007"] == "表四"
    rows = list(sheet.values)[1:]
    assert all(row[1] == HOSTILE_BODY and row[2] == 2023 for row in rows)  # 机关 and 年度 on every row
