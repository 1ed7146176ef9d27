"""Shapes of real reports that were not recognised as reports (validation round 5, real pages outside the
repository): an overview heading that names the year or says 政务公开, and a page with no title and no heading the
grammar knows that states its own statistics period. Synthetic text of the same shape, no scraped text."""

from __future__ import annotations

from collections import Counter

import pytest

from auditor.errors import NotAReport
from auditor.testing import report_from_text
from tests.rules.helpers import audit, clean_text


def _serious_codes(text: str) -> Counter[tuple[str, str]]:
    return Counter((f.code, f.severity.name) for f in audit(text))


@pytest.mark.parametrize(
    "heading", ["一、2023年政务公开总体情况", "一、2023年度政府信息公开工作总体情况", "一、政务公开总体情况"]
)
def test_an_overview_heading_naming_the_year_or_the_wider_term_is_section_one(heading: str) -> None:
    clean = clean_text(year=2023)
    assert clean.count("一、总体情况") == 1
    text = clean.replace("一、总体情况", heading)
    report = report_from_text(text)
    assert [s.id for s in report.sections] == list("一二三四五六")
    assert report.section("一").heading == heading  # type: ignore[union-attr]
    added = _serious_codes(text) - _serious_codes(clean)
    assert added == Counter({("SEC005", "INFO"): 1})  # the wording differs from the format's: information only


_OLD_REGIME_PAGE = (
    "本报告由某市人民政府信息公开工作领导小组办公室根据《中华人民共和国政府信息公开条例》要求，汇总各县（市、区）和"
    "市政府各部门政府信息公开工作情况编制而成。{period}\n"
    "一、概述\n"
    "2012年，全市各级各部门认真贯彻实施《条例》，政府信息公开工作有序稳步推进。\n"
)


def test_a_page_without_title_or_known_heading_that_states_its_period_is_a_report() -> None:
    text = _OLD_REGIME_PAGE.format(period="本报告中所列数据的统计时限自2012年1月1日至2012年12月31日。")
    report = report_from_text(text)
    assert report.variant == "pre2019" and report.year == 2012
    assert "PRE001" in {f.code for f in audit(text)}
    assert "SYS002" not in {f.code for f in audit(text)}


def test_the_same_page_without_a_period_of_a_whole_year_is_still_not_recognised() -> None:
    for period in ("", "本报告中所列数据的统计时限自2012年3月1日至2012年6月30日。"):
        with pytest.raises(NotAReport):
            report_from_text(_OLD_REGIME_PAGE.format(period=period))


def test_a_notice_that_states_the_period_of_the_reports_is_still_a_notice() -> None:
    text = (
        "关于做好2020年度政府信息公开工作年度报告编制发布工作的通知\n"
        "各县、区政府，市直有关单位：\n"
        "为扎实做好年度报告编制发布工作，现就有关事项通知如下：年度报告所列数据的统计期限为2020年1月1日至"
        "2020年12月31日，各单位应在2021年1月21日前编制完成并向社会公布。\n"
    )
    with pytest.raises(NotAReport) as raised:
        report_from_text(text)
    assert "通知" in str(raised.value.args[0])


def _cells(text: str) -> dict[str, str]:
    report = report_from_text(text)
    return {
        f"{table_id}.{row_id}.{column}": cell.raw
        for table_id, table in report.tables.items()
        for row_id, row in table.rows.items()
        for column, cell in row.cells.items()
    }


def _cells_one_a_line_with_padding(text: str) -> str:
    """The clean report's tables as a web page's table copied as text: every row opened by a lone 「|」, one cell a
    line followed by 「 |」, and the row's last cell followed by the table's padding on its own line
    (「8 | |||||||||」)."""
    out: list[str] = []
    group: list[str] = []

    def flush() -> None:
        if group:
            out.append("|")
            out.extend(f"{cell} |" for cell in group[:-1])
            out.append(f"{group[-1]} | " + "|" * 9)
            group.clear()

    for line in text.split("\n"):
        if line.startswith("\t"):
            group.append(line.strip())
        elif not line.strip():
            flush()
        else:
            flush()
            out.append(line)
    flush()
    return "\n".join(out) + "\n"


def test_the_last_cell_of_a_row_followed_by_the_tables_padding_is_that_rows_cell() -> None:
    clean = clean_text(year=2022)  # tables one cell a line
    padded = _cells_one_a_line_with_padding(clean)
    assert "| |||||||||" in padded and "\n|\n" in padded
    assert _cells(padded) == _cells(clean)
    assert _serious_codes(padded) == _serious_codes(clean)  # nothing added: the rows are read whole
