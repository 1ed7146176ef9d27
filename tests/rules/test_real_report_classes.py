"""Classes of wrong findings seen on real report pages outside the repository (validation round 5), each tested with
synthetic text of the same shape (no scraped text): the cause reported once, at the severity what was read supports."""

from __future__ import annotations

import re

import pytest

from auditor.testing import report_from_text
from auditor.verdict import is_assessed
from tests.rules.helpers import audit, clean_text
from tests.rules.test_narrative import R1, graded, narrative_findings, say, say_with

_HEADING = re.compile(r"^[一二三四五六]、")


def _without_tables(text: str, sections: str) -> str:
    """The text with everything under the headings of ``sections`` removed (their headings kept)."""
    out, skipping = [], False
    for line in text.splitlines():
        if _HEADING.match(line):
            skipping = line[0] in sections
            out.append(line)
        elif not skipping:
            out.append(line)
    return "\n".join(out) + "\n"


# ── tables that did not come through: headings of 二、三、四 with nothing under them ─────────────────────────
def test_table_sections_with_only_their_headings_are_one_finding_that_says_the_tables_were_not_read() -> None:
    text = _without_tables(clean_text(year=2023), "二三四")
    findings = audit(text)
    empty = [f for f in findings if f.code == "SEC006"]
    assert len(empty) == 1 and empty[0].severity.name == "WARNING"
    assert empty[0].values["sections"] == ["二", "三", "四"]
    assert "未能读取" in empty[0].message.zh and "could not be read" in empty[0].message.en
    assert not [f for f in findings if f.code == "TAB001"]  # one cause, one finding
    assert not is_assessed(report_from_text(text))  # never 通过: the figures were not read


def test_one_table_section_left_empty_beside_read_tables_is_still_a_missing_table() -> None:
    text = _without_tables(clean_text(year=2023), "四")
    findings = audit(text)
    # one cause, one finding: the missing table (an error, not the "could not be read" guess), no empty section too
    assert sorted((f.code, f.severity.name) for f in findings if f.code in ("TAB001", "SEC006")) == [
        ("TAB001", "ERROR")
    ]
    assert "未能读取" not in next(f for f in findings if f.code == "TAB001").message.zh


# ── a 「共X，其中A、B」 list followed by clauses that count something else ───────────────────────────────────
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # 办结 and 结转 after the list are not kinds of 收到: the list ended where its parts made up the total
        (
            "全年共收到政府信息公开申请11件，其中通过网站申请9件、邮寄申请2件，全部为自然人申请，按时办结11件，"
            "结转下年度办理0件。",
            [],
        ),
        # the parts do not make up the total before the other clause: the sum is still checked
        ("全年共收到政府信息公开申请11件，其中通过网站申请9件、邮寄申请4件，按时办结11件。", ["warning"]),
        # a breakdown of the applications by result is a list of parts of another category, read whole
        ("全年共收到政府信息公开申请10件，其中予以公开5件、不予公开3件、无法提供2件。", []),
        ("全年共收到政府信息公开申请10件，其中予以公开5件、不予公开3件、无法提供4件。", ["warning"]),
    ],
)
def test_a_list_ends_before_a_clause_counting_something_else_once_its_parts_make_up_the_total(
    sentence: str, expected: list[str]
) -> None:
    assert graded(narrative_findings(say("一", sentence)), "NAR006") == expected


# ── the 2019 format cited by its title alone in a 2021+ report ───────────────────────────────────────────────
_CITED_2021 = (
    "《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》"
    "（国办公开办函〔2021〕30号）"
)


def _citing(text: str, cited: str) -> str:
    assert text.count(_CITED_2021) == 1
    return text.replace(_CITED_2021, cited)


def test_the_2019_format_named_by_its_title_in_a_2022_report_is_one_outdated_citation() -> None:
    text = _citing(clean_text(year=2022), "《中华人民共和国政府信息公开工作年度报告格式（试行）》")
    cit = [(f.code, f.severity.name) for f in audit(text) if f.code.startswith("CIT")]
    assert cit == [("CIT001", "ERROR")]  # not also CIT002 (it contradicts the 2021 tables: one cause) or CIT005
    finding = next(f for f in audit(text) if f.code == "CIT001")
    assert "（试行）》”（国办公开办函〔2019〕60号所附" in finding.message.zh
    assert "only the citation is wrong" in finding.message.en


def test_the_2019_format_named_by_its_title_in_a_2020_report_is_right() -> None:
    text = clean_text(variant="2019", year=2020)
    cited_2019 = "《中华人民共和国政府信息公开工作年度报告格式（试行）》"
    citation = next(line for line in text.splitlines() if "60号" in line or "国办公开办函" in line)
    start, end = citation.index("《国务院办公厅"), citation.index("号）") + 2
    text = text.replace(citation, citation[:start] + cited_2019 + citation[end:])
    assert not [f for f in audit(text) if f.code.startswith("CIT")]


def test_a_local_notice_forwarding_the_2019_notice_is_no_outdated_citation() -> None:
    forwarded = (
        "《某某自治区政务公开领导小组办公室转发国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告"
        "有关事项的通知》"
    )
    text = _citing(clean_text(year=2022), forwarded)
    assert [(f.code, f.severity.name) for f in audit(text) if f.code.startswith("CIT")] == [("CIT005", "INFO")]


def test_a_report_citing_only_the_work_points_of_the_year_is_told_they_are_not_the_format() -> None:
    # 「根据《2021年政务公开工作要点的通知》（国办发〔2021〕12号）…」 and no format notice: not a misnumbered format
    # notice (no CIT008), not an outdated one; the basis is not stated (CIT005, information), and the finding says
    # why the document it cites does not count
    text = _citing(clean_text(year=2021), "《2021年政务公开工作要点的通知》（国办发〔2021〕12号）")
    cit = [f for f in audit(text) if f.code.startswith("CIT")]
    assert [(f.code, f.severity.name) for f in cit] == [("CIT005", "INFO")]
    assert "国办发〔2021〕12号" in cit[0].message.zh and "工作要点" in cit[0].message.zh
    assert "work points" in cit[0].message.en


def test_the_60_notice_named_by_its_title_in_a_2022_report_is_called_that_notice() -> None:
    notice = "《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》"
    found = [f for f in audit(_citing(clean_text(year=2022), notice)) if f.code.startswith("CIT")]
    assert [(f.code, f.severity.name) for f in found] == [("CIT001", "ERROR")]
    assert "2019 年通知" in found[0].message.zh and "即国办公开办函〔2019〕60号" in found[0].message.zh


# ── a web page's layout row of empty cells 「标题 | |||||」 is no stray content ─────────────────────────────────
def test_a_layout_row_of_empty_cells_is_no_content_outside_the_tables() -> None:
    clean = clean_text(year=2023)
    title = clean.splitlines()[0]
    text = clean.replace(title, title + "\n2024年01月20日 (点击: ) | " + "|" * 40, 1)
    assert not [f for f in audit(text) if f.code == "TAB008"]
    figures = clean.replace(title, title + "\n2024年01月20日 | 12 | 7 |", 1)  # figures outside a table: as before
    assert [f.message.zh for f in audit(figures) if f.code == "TAB008"] == ["无法归入表格的内容：“12 7”。"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a part counted in another unit (期) sits among the parts: the sum of the 条 below the total says nothing
        ("全年公开政府信息共计500条，其中工作动态300条、通知公告100条、征集调查16期、其他类信息84条。", []),
        ("全年公开政府信息共计500条，其中工作动态300条、通知公告100条、其他类信息84条。", ["info"]),
        # … but parts over the total are still over it
        ("全年公开政府信息共计500条，其中工作动态300条、通知公告200条、征集调查16期、其他类信息84条。", ["warning"]),
    ],
)
def test_a_part_in_another_unit_leaves_a_smaller_sum_unchecked(sentence: str, expected: list[str]) -> None:
    assert graded(narrative_findings(say("一", sentence)), "NAR006") == expected


# ── validation round 6: the year of a page without its title ─────────────────────────────────────────────────
def _untitled(opening: str) -> str:
    """A web page's text that starts at 「一、总体情况」 (the title and the preamble are in the page's header, not in
    the text), its overview opening with ``opening``."""
    clean = clean_text(year=2021)
    start = clean.index("一、总体情况")
    return (
        "一、总体情况\n"
        + opening
        + "严格按照《中华人民共和国政府信息公开条例》要求做好政府信息公开工作。\n"
        + clean[start + len("一、总体情况\n") :]
    )


@pytest.mark.parametrize("opening", ["2021年，我局", "2021年,在区委、区政府的坚强领导下，", "2021年全年，我镇"])
def test_the_year_of_an_untitled_page_is_the_one_its_overview_opens_with(
    opening: str, report_validator: object
) -> None:
    text = _untitled(opening)
    report = report_from_text(text)
    assert report.year == 2021 and report.metadata.year_source == "overview"
    assert not list(report_validator.iter_errors(report.to_json()))  # type: ignore[attr-defined]
    assert "DAT001" not in {f.code for f in audit(text)}


@pytest.mark.parametrize("opening", ["2019年5月15日新修订的《条例》施行以来，我局", "2019年以来，我局", "今年，我局"])
def test_an_overview_opening_with_a_date_or_a_span_gives_no_year(opening: str) -> None:
    report = report_from_text(_untitled(opening))
    assert report.metadata.year_source != "overview"


def test_a_2008_regime_part_headed_only_disclosure_that_counts_what_was_published_is_the_proactive_part() -> None:
    # 「二、政府信息公开情况」 「…通过门户网站公开各类信息46条」: the proactive part, without the word 主动.
    text = (
        "某镇2010年政府信息公开工作年度报告\n数据统计期限为2010年1月1日至12月31日止。\n"
        "一、概述\n2010年我镇信息公开工作取得了新的进展。\n"
        "二、政府信息公开情况\n2010年，我镇通过门户网站公开各类信息46条。其中工作动态类36条。\n"
        "三、政府信息依申请公开办理情况\n2010年度我镇没有接到公开政府信息的申请。\n"
        "四、依申请信息公开收费情况\n2010年度，我镇政府信息公开没有收费。\n"
        "五、复议、诉讼和申诉情况\n未发生行政复议案、行政诉讼案。\n"
        "六、存在的主要问题和改进措施\n公开内容还不够丰富，下一步将加以改进。\n"
    )
    assert report_from_text(text).variant == "pre2019"
    assert [f for f in audit(text) if f.code == "PRE002"] == []


# ── validation round 7: a flattened run with only one plain split ─────────────────────────────────────────────
def test_fifteen_digits_for_the_fifteen_cells_of_table_four_are_read_and_checked() -> None:
    # 「…复议后起诉…总计100000000000000」: one review upheld, its group total 0. Fifteen digits in fifteen cells can be
    # cut only one way; that the cut breaks I-4 is the report's error (NUM004), not a run that could not be read.
    from tests.parse.test_real_report_shapes import flat_report

    text = flat_report(review="1" + "0" * 14)
    found = {(f.code, str(f.place.table)) for f in audit(text) if f.severity.name != "INFO"}
    assert ("NUM004", "review_litigation") in found
    assert not any(code == "TAB004" for code, _table in found)
    report = report_from_text(text)
    assert report.tables["review_litigation"].rows["review"].cells["upheld"].raw == "1"
    assert is_assessed(report)


# ── validation round 7: counts of information items read as application counts; a unit the reader did not know ──
@pytest.mark.parametrize("section", ["一", "二"])
def test_a_count_of_information_items_by_how_they_were_disclosed_is_no_count_of_applications(section: str) -> None:
    # Fujian's statistic 「制作、获取政府信息总数425条，其中主动公开政府信息148条，依申请公开信息数182条，不予公开信息数95
    # 条」 counts items of information; read as 182 applications received against a table of 0 it was a warning.
    found = narrative_findings(
        say(
            section,
            "2023年制作、获取政府信息总数425条，其中主动公开政府信息148条，依申请公开信息数182条，不予公开信息数95条。",
            "全年共制发政府信息437条，其中，主动公开政府信息55条（涵盖政策及规范性文件类6条）、依申请公开341条、"
            "不予公开41条。",
        )
    )
    assert graded(found, "NAR001") in ([], ["info"])  # at most the withheld count, to verify (certain = false)
    assert not [f for f in found if f.code == "NAR001" and "收到" in f.message.zh]


def test_an_application_count_that_names_disclosure_on_request_is_still_checked() -> None:
    found = narrative_findings(say_with("一", lambda s: f"本年度依申请公开{R1(s) + 5}件。"))
    assert graded(found, "NAR001") == ["warning"]


def test_a_count_of_purchases_written_with_its_unit_is_a_number() -> None:
    # 「政府集中采购 2笔 984361元」 (a 2020 report, 2019 format): 「2笔」 was an error, 'not a number'.
    clean = clean_text("2019", year=2020)
    row = "\t政府集中采购\n\t"
    assert row in clean
    start = clean.index(row) + len(row)
    end = clean.index("\n", start)
    text = clean[:start] + clean[start:end] + "笔" + clean[end:]
    assert {f.code for f in audit(text) if f.severity.name != "INFO"} == {
        f.code for f in audit(clean) if f.severity.name != "INFO"
    }
