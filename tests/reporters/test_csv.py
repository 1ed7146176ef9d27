"""``--format csv``: UTF-8 with a BOM, CRLF line ends, one row per finding, the same findings as the JSON output."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from auditor.reporters.csv_format import neutralise
from auditor.rule import Severity
from tests.reporters.helpers import EXAMPLES, all_findings, finding_key, json_output, run
from tests.rules.test_crossyear import _pair

_SEVERITY_BY_TEXT = {s.text(lang): s.label for s in Severity for lang in ("zh", "en")}


def _rows(target: Path) -> tuple[bytes, list[list[str]]]:
    data = target.read_bytes()
    return data, list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _as_findings(rows: list[list[str]]) -> list[tuple[object, ...]]:
    return [
        (code, path, int(line) if line else None, int(column) if column else None, _SEVERITY_BY_TEXT[sev], message)
        for path, _body, _year, _where, _page, line, column, sev, code, _rule, _place, message, _basis, _print, _v in rows
        if code  # a file without findings has one row with only its path, body, year and verdict
    ]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_csv_has_bom_crlf_and_the_json_findings(tmp_path: Path, lang: str) -> None:
    reference = json_output([str(EXAMPLES), "--lang", lang], tmp_path)
    target = tmp_path / "audit.csv"
    assert run([str(EXAMPLES), "--format", "csv", "-o", str(target), "--lang", lang]) == 1
    data, (header, *rows) = _rows(target)
    assert data.startswith(b"\xef\xbb\xbf") and not data.startswith(b"\xef\xbb\xbf\xef\xbb\xbf")
    assert data.endswith(b"\r\n") and data.count(b"\r\n") == len(rows) + 1  # CRLF ends records; LF is in-cell
    assert header[0] == ("文件" if lang == "zh" else "path") and len(header) == 15
    assert header[1:4] == (["机关", "年度", "位置"] if lang == "zh" else ["body", "year", "location"])
    assert header[14] == ("结论" if lang == "zh" else "verdict")
    assert _as_findings(rows) == [finding_key(f, lang) for f in all_findings(reference)]
    fingerprints = [f["fingerprint"] for f in all_findings(reference)]
    assert [row[13] for row in rows if row[8]] == fingerprints
    words = {"pass": ("通过", "pass"), "fail": ("未通过", "fail"), "not_assessed": ("无法审查", "not assessed")}
    verdicts = {f["path"]: words[f["verdict"]][0 if lang == "zh" else 1] for f in reference["files"]}
    assert {row[0]: row[14] for row in rows} == verdicts  # every file's verdict, on each of its rows
    bodies = {entry["path"]: (entry["body"] or "", str(entry["year"] or "")) for entry in reference["files"]}
    assert all((row[1], row[2]) == bodies[row[0]] for row in rows)  # 机关 and 年度 on every row


def test_multiline_fields_survive(tmp_path: Path) -> None:
    target = tmp_path / "audit.csv"
    run([str(EXAMPLES / "chengguan-2023.txt"), "--format", "csv", "-o", str(target)])
    _data, (_header, *rows) = _rows(target)
    bases = [row[12] for row in rows if "\n" in row[12]]
    assert bases and all("《" in basis for basis in bases)  # several legal bases, one per line, in one cell


def test_cross_year_findings_follow_the_files(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    _pair(reports, carry_mismatch=True)
    reference = json_output([str(reports)], tmp_path)
    target = tmp_path / "audit.csv"
    run([str(reports), "--format", "csv", "-o", str(target)])
    _data, (_header, *rows) = _rows(target)
    assert [r[8] for r in rows][-2:] == ["XYR001", "XYR001"]
    assert _as_findings(rows) == [finding_key(f, "zh") for f in all_findings(reference)]


def test_formulas_are_neutralised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert neutralise("=1+1") == "'=1+1" and neutralise("@SUM(A1)") == "'@SUM(A1)" and neutralise("-2") == "'-2"
    assert neutralise("报告") == "报告" and neutralise(12) == 12 and neutralise(None) == ""
    monkeypatch.chdir(tmp_path)
    Path("=HYPERLINK(1).txt").write_bytes((EXAMPLES / "xianxiang-2022.txt").read_bytes())
    run(["=HYPERLINK(1).txt", "--format", "csv", "-o", "audit.csv"])
    _data, (_header, *rows) = _rows(tmp_path / "audit.csv")
    assert {row[0] for row in rows} == {"'=HYPERLINK(1).txt"}


def test_locations_in_words_for_pdf_and_docx(tmp_path: Path) -> None:
    formats = EXAMPLES.parent / "tests" / "fixtures" / "formats"
    target = tmp_path / "audit.csv"
    run(
        [
            str(next(formats.glob("001_*.pdf"))),
            str(next(formats.glob("001_*.docx"))),
            "--format",
            "csv",
            "-o",
            str(target),
        ]
    )
    _data, (_header, *rows) = _rows(target)
    pdf = [row for row in rows if row[0].endswith(".pdf")]
    docx = [row for row in rows if row[0].endswith(".docx")]
    assert pdf and all(row[3].startswith("第") and "页" in row[3] and row[4].isdigit() for row in pdf if row[5])
    assert docx and any("段" in row[3] for row in docx) and all(row[4] == "" for row in docx)
    assert all(row[1] == "樟树市店下镇人民政府" and row[2] == "2023" for row in pdf + docx)
