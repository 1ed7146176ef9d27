"""TAB006 where a table's header is not the format's: the finding names the header, not the row after it."""

from __future__ import annotations

from auditor.rule import Severity
from tests.rules.helpers import audit, clean_text

HEADER = "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |"


def _order(text: str) -> list[tuple[str, Severity]]:
    return [(f.message.zh, f.severity) for f in audit(text) if f.code == "TAB006"]


def test_a_clean_report_has_no_order_finding() -> None:
    assert _order(clean_text("2021", "pipe-separated")) == []


def test_a_misspelt_column_header_is_named_as_missing_from_the_header() -> None:
    # 「现行有效件」 (数 left out): the rows are read in the format's columns; the order breaks at 「规章」, which
    # stands where it should — the header lacks 现行有效件数.
    text = clean_text("2021", "pipe-separated")
    assert text.count(HEADER) == 1
    found = _order(text.replace(HEADER, "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件 |"))
    assert len(found) == 1
    message, severity = found[0]
    assert "表头" in message and "“现行有效件数”" in message and "规章" in message
    assert "出现的位置与统一格式的顺序不符" not in message
    assert severity == Severity.WARNING


def test_header_cells_out_of_the_formats_order_are_a_header_finding() -> None:
    text = clean_text("2021", "pipe-separated")
    found = _order(text.replace(HEADER, "| 信息内容 | 现行有效件数 | 本年制发件数 | 本年废止件数 |"))
    assert found and all("表头" in message for message, _ in found)


def test_a_text_that_ends_inside_a_table_header_has_no_order_finding() -> None:
    # What is missing after the end is the text's being cut there (SEC008, once), never an empty “” out of order.
    text = clean_text("2019", "cell-per-line")
    cut = text[: text.index("处理决定数量", text.index("第二十条第（六）项"))] + "处理决"
    findings = audit(cut)
    assert not [f for f in findings if f.code == "TAB006"]
    (cut_off,) = [f for f in findings if f.code == "SEC008"]
    assert cut_off.values["sections"] == ["三", "四", "五", "六"]
    assert not [f for f in findings if f.code in ("TAB001", "TAB002", "SEC001")]
