"""Row labels followed by a note on what the row counts, in brackets (a province's version of the 2019 format)."""

from __future__ import annotations

from auditor.parse import parse_document
from auditor.readers.text import document_from_text
from auditor.rule import Severity
from tests.rules.helpers import audit, clean_text

NOTES = {
    "| 规章 |": "| 规章（设区的市、自治州人民政府填写本项） |",
    "| 规范性文件 |": "| 规范性文件（以本机关名义印发的、对不特定对象具有约束力的文件） |",
    "| 其他对外管理服务事项 |": "| 其他对外管理服务事项（指行政许可以外的政务服务事项，含行政确认、行政给付等） |",
}


def _annotated() -> tuple[str, str]:
    text = clean_text("2019", "pipe-separated")
    annotated = text
    for plain, noted in NOTES.items():
        assert annotated.count(plain) == 1
        annotated = annotated.replace(plain, noted)
    # Column headers with a note holding figures (a year, an example): the figures are no values.
    assert annotated.count("| 本年增/减 |") == 3 and annotated.count("| 上一年项目数量 |") == 3
    annotated = annotated.replace("| 本年增/减 |", "| 本年增/减（指2020年增加或减少的事项数，减用负值表示，如-8） |")
    annotated = annotated.replace("| 上一年项目数量 |", "| 上一年项目数量（指2019年事项数） |")
    return text, annotated


def _cells(text: str) -> dict[tuple[str, str], list[str]]:
    report = parse_document(document_from_text(text, "r.txt", "text"))
    return {
        (t, r): [c.raw for c in row.cells.values()]
        for t, table in report.tables.items()
        for r, row in table.rows.items()
    }


def test_a_row_label_with_a_note_in_brackets_is_its_row() -> None:
    text, annotated = _annotated()
    assert _cells(annotated) == _cells(text)
    findings = audit(annotated)
    # One cause (the province's annotated version of the format), one finding naming every label and header; the
    # format's wording is there, so information only.
    wording = [f for f in findings if f.code == "TAB003"]
    assert len(wording) == 1 and wording[0].severity == Severity.INFO
    assert sorted(wording[0].values["official"]) == sorted(
        ["规章", "规范性文件", "其他对外管理服务事项", "本年增/减", "上一年项目数量"]
    )
    assert "5 个" in wording[0].message.zh
    assert not {"TAB002", "TAB004", "TAB006", "TAB008", "NUM006"} & {f.code for f in findings}


def test_a_note_after_words_that_are_no_label_is_not_a_row() -> None:
    text, _ = _annotated()
    odd = text.replace("| 规章 |", "| 备注（本表数据来源于政务服务平台） |")
    report = parse_document(document_from_text(odd, "r.txt", "text"))
    assert "rules" not in report.tables["regulations"].rows or report.tables["regulations"].rows["rules"].label is None
