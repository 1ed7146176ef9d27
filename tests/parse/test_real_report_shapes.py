"""Shapes of real reports that were not recognised as reports (validation round 5, real pages outside the
repository): an overview heading that names the year or says 政务公开, and a page with no title and no heading the
grammar knows that states its own statistics period. Synthetic text of the same shape, no scraped text."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from auditor.errors import NotAReport
from auditor.readers.text import document_from_text
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


# ── validation round 6 ───────────────────────────────────────────────────────────────────────────────────────
_FIGURE = re.compile(r"[-+]?\d[\d.]*")


def _figures_indented_bars_below(text: str) -> str:
    """The clean report's tables as a web page copied one cell a line with each cell's bar on the next line (「 |」),
    and every figure indented by tabs (「\t\t\t0」): the leading tabs are indentation, not empty cells."""
    out: list[str] = []
    for line in text.split("\n"):
        if line.startswith("\t"):
            cell = line.strip()
            out.append(f"\t\t\t{cell}" if _FIGURE.fullmatch(cell) else cell)
            out.append(" |")
        elif line.strip():
            out.append(line)
    return "\n".join(out) + "\n"


def test_figures_indented_by_tabs_with_their_bar_on_the_next_line_are_read() -> None:
    clean = clean_text(year=2022)
    indented = _figures_indented_bars_below(clean)
    assert "\n\t\t\t0\n |\n" in indented
    assert _cells(indented) == _cells(clean)
    assert not {code for code, _ in _serious_codes(indented)} & {"NUM007", "TAB004"}  # no cell blank, no row unread


def test_a_tab_separated_row_still_has_its_leading_empty_cells() -> None:
    text = "| a | b |\nx\t\t\t0\ty\n"  # a tab inside a line: tabs separate cells there
    report_blocks = [b for b in document_from_text(text, "r.txt", "text").blocks if b.kind == "row"]
    assert [c.text for c in report_blocks[-1].cells] == ["x", "", "", "0", "y"]


def test_a_row_of_the_reports_own_that_begins_with_a_column_word_of_table_three_is_not_its_header() -> None:
    # 「其他主动公开文件」 under 第二十条第（一）项 (a row the 2019 format does not have) holds 「其他」, a column of table
    # 三: read as that column, it opened a table 三 inside section 二 with every one of its rows missing.
    clean = clean_text("2019", year=2020)
    row = "\t规范性文件\n\t3\n\t4\n\t7\n"
    assert row in clean
    text = clean.replace(row, row + "\n\t其他主动公开文件\n\t56\n\t45\n\t140\n", 1)
    cells = _cells(text)
    assert {k: v for k, v in cells.items() if not k.startswith("applications.")} == {
        k: v for k, v in _cells(clean).items() if not k.startswith("applications.")
    }
    assert {k: v for k, v in cells.items() if k.startswith("applications.")} == {
        k: v for k, v in _cells(clean).items() if k.startswith("applications.")
    }
    serious = {code for code, severity in _serious_codes(text) if severity != "INFO"}
    assert not serious & {"TAB002", "TAB006", "TAB001"}


_OLD_PARTS_PAGE = (
    "一、概述\n根据《条例》要求，2011年，我局继续开展政府信息公开工作，各项工作运行正常。\n"
    "二、政府信息主动公开情况\n我局2011年度共主动公开政府信息96条，全文电子化率100%。\n"
    "三、政府信息依申请公开情况\n我局2011年度未收到政府信息公开申请。\n"
    "四、人员和收支情况\n2011年度我局依申请提供政府信息未收取费用，不存在减免情况。\n"
    "五、行政复议和行政诉讼情况\n2011年度未发生针对我局政府信息公开的行政复议和行政诉讼。\n"
    "六、主要问题和改进措施\n主动公开的文件类信息较少，今后将进一步丰富公开内容。\n"
)


@pytest.mark.parametrize("joined", [False, True])
def test_a_2008_regime_page_whose_headings_are_its_parts_is_a_report_without_title_or_period(joined: bool) -> None:
    # A page whose text starts at 「一、概述」, with no statistics period: its parts' headings say what it is.
    text = " ".join(_OLD_PARTS_PAGE.split("\n")) + "\n" if joined else _OLD_PARTS_PAGE
    report = report_from_text(text)
    assert report.variant == "pre2019" and report.year == 2011
    found = {f.code for f in audit(text)}
    assert "SYS002" not in found and "PRE001" in found and "PRE002" not in found


# ── validation round 7 (full reports of one web site, each published as one flattened line) ───────────────────
_ZEROS = "0000000"
_FLAT_APPLICATION_ROWS = (
    "一、本年新收政府信息公开申请数量{new}二、上年结转政府信息公开申请数量{z}三、本年度办理结果（一）予以公开{new}"
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）{z}（三）不予公开1.属于国家秘密{z}"
    "2.其他法律行政法规禁止公开{z}3.危及“三安全一稳定”{z}4.保护第三方合法权益{z}5.属于三类内部事务信息{z}"
    "6.属于四类过程性信息{z}7.属于行政执法案卷{z}8.属于行政查询事项{z}（四）无法提供1.本机关不掌握相关政府信息{z}"
    "2.没有现成信息需要另行制作{z}3.补正后申请内容仍不明确{z}（五）不予处理1.信访举报投诉类申请{z}2.重复申请{z}"
    "3.要求提供公开出版物{z}4.无正当理由大量反复申请{z}5.要求行政机关确认或重新出具已获取信息{z}"
    "（六）其他处理1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请{z}"
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请{z}3.其他{z}（七）总计{new}"
    "四、结转下年度继续办理{z}"
)
_FLAT_REVIEW_HEADER = (
    "行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计"
    "结果维持结果纠正其他结果尚未审结总计"
)


def flat_report(
    before_two: str = "",
    after_fees: str = "",
    before_three: str = "",
    removed_column: str = "本年废止件数",
    problems: str = "存在的主要问题及改进情况",
    review: str = "0" * 15,
) -> str:
    """A 2023 report of a 局 as a web page whose scraper ran every paragraph and table cell together (one line of
    text after the title): the shape of the 平潭 department reports of validation round 7, with one application."""
    return (
        "某某局2023年政府信息公开工作年度报告\n"
        "本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。一、总体情况2023年，我局推进主动公开、依申请公开、"
        "政府信息管理、平台建设和监督保障工作，全年收到政府信息公开申请1件。"
        f"二、主动公开政府信息情况{before_two}第二十条第（一）项信息内容本年制发件数{removed_column}现行有效件数规章000"
        "行政规范性文件006第二十条第（五）项信息内容本年处理决定数量行政许可3第二十条第（六）项信息内容本年处理决定数量"
        "行政处罚5行政强制0第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费5949.09"
        f"{after_fees}三、收到和处理政府信息公开申请情况{before_three}（本列数据的勾稽关系为：第一项加第二项之和，等于"
        "第三项加第四项之和）申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"
        + _FLAT_APPLICATION_ROWS.format(new="1000001", z=_ZEROS)
        + f"四、政府信息公开行政复议、行政诉讼情况{_FLAT_REVIEW_HEADER}{review}五、{problems}政策解读形式不够丰富，"
        "下一步将丰富解读形式。六、其他需要报告的事项2023年，无收取信息处理费情况。\n"
    )


def _section_two_cells(text: str) -> dict[str, str]:
    return {
        k: v for k, v in _cells(text).items() if k.split(".")[0] in ("regulations", "licensing", "enforcement", "fees")
    }


def test_the_flattened_control_report_reads_every_table() -> None:
    text = flat_report()
    cells = _section_two_cells(text)
    assert cells["regulations.normative_documents.in_force"] == "6"
    assert cells["fees.administrative_fees.amount"] == "5949.09"
    assert {code for code, severity in _serious_codes(text) if severity != "INFO"} == set()


@pytest.mark.parametrize(
    ("before_two", "before_three"),
    [
        # a sentence between heading 二 and its tables that names a row of them (「规范性文件」)
        ("2023年，主动公开政府信息128条，涵盖政策及规范性文件类6条、其他应主动公开的政府信息90条。", ""),
        # a numbered paragraph (「(一)…」) counting what was published, ending in a percentage
        (
            "(一)主动公开政府信息的数量2023年制作、获取政府信息总数509条，其中主动公开政府信息107条。主动公开的政府信息占21.02%。 ",
            "",
        ),
        # a sentence between heading 三 and the table's note
        ("", "2023年，共收到政府信息公开申请1件。"),
    ],
)
def test_sentences_before_a_flattened_table_are_prose_and_the_table_is_still_read(
    before_two: str, before_three: str
) -> None:
    # Validation round 7: the whole line after the heading was taken for prose — all four tables of 二 (or table
    # 三) reported missing, errors about tables that are there.
    control = flat_report()
    text = flat_report(before_two=before_two, before_three=before_three)
    assert _cells(text) == _cells(control)
    assert _serious_codes(text) - _serious_codes(control) == Counter()


def test_a_numbered_paragraph_glued_to_the_last_figure_of_a_flattened_table_is_prose() -> None:
    # 「行政事业性收费5949.09(二)主动公开政府信息的主要类别2023年，…其他文件共54条等。」: the paragraph holds a word
    # that begins with a column of table 三 (「其他」), which made the whole table run prose.
    control = flat_report()
    text = flat_report(
        after_fees="(二)主动公开政府信息的主要类别2023年，在主动公开的107条政府信息中，减税降费22条，其他文件共54条等。"
        "(三)主动公开政府信息的主要形式1.门户网站。"
    )
    assert _section_two_cells(text) == _section_two_cells(control)
    assert _serious_codes(text) - _serious_codes(control) == Counter()


def test_a_misspelt_column_header_of_a_flattened_table_is_one_header_warning() -> None:
    # 「本年制发件数本年废纸件数现行有效件数」: the misspelt header glued the labels around it into a word of prose.
    text = flat_report(removed_column="本年废纸件数")
    assert _section_two_cells(text) == _section_two_cells(flat_report())
    assert _serious_codes(text) - _serious_codes(flat_report()) == Counter({("TAB006", "WARNING"): 1})


@pytest.mark.parametrize("flattened", [True, False])
def test_problems_heading_naming_next_years_work_plan_is_section_five(flattened: bool) -> None:
    # 「五、存在的主要问题及明年工作计划」: section 五 reported missing, and (flattened) table 四 with it.
    heading = "存在的主要问题及明年工作计划"
    if flattened:
        control, text = flat_report(), flat_report(problems=heading)
    else:
        control = clean_text(year=2023)
        text = control.replace("五、存在的主要问题及改进情况", f"五、{heading}")
        assert text != control
    report = report_from_text(text)
    assert [s.id for s in report.sections] == list("一二三四五六")
    assert _serious_codes(text) - _serious_codes(control) == Counter({("SEC005", "INFO"): 1})
