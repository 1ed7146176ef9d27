"""One cause, one finding, for classes seen on the validation reports (rounds 10-12) where one cause still gave
several findings:

- table labels departing from the format in one and the same way (「不再受理」 for 「不再处理」 in two rows, the captions
  「第二十条(一)项」 … 「(九)项」 without 第): one slip or one template, one TAB003 naming every label, each with its
  place and its edit; labels departing in different ways keep their own findings;
- parts missing one after another (上犹教科体局 2019: from 一 the page goes on at 五): one omission, one SEC001 naming
  each part and its tables; parts missing apart (二 and 五, with 三 and 四 there) stay a finding each;
- part headings numbered in one other way (all 1、…6、, as SPEC §7 seed 001; all one below their part, as 上海科委
  2024 after its own topics): one SEC004 naming each heading, with every heading's fix; another way, its own;
- cells left blank where nothing happened, in table after table (上海市政府办公厅 2019: 126 in 三, 9 in 四): the
  report's one habit, one NUM007 naming the cells table by table (as the 「无」/「—」 cells are);
- parts of a 2008-regime report (第三十二条) not found one after another (宿州 2016, 泰州 2017: pages cut after their
  first part): one gap, one PRE002 naming each; parts not found apart stay a finding each;
- statistics tables left without a single figure (a blank template; several tables of 二): one omission, one NUM009
  naming each table;
- one sentence whose counts table 三 contradicts (「共收到申请4件，受理并办结3件」 beside a table of zeros, 平潭 2024):
  one NAR001 naming each count; another sentence, its own;
- a label of table 三 (「一、本年新收政府信息公开申请数量」) on a flattened page whose part headings are gone is a row,
  never a part under a heading of the report's own (SEC001's renamed-parts warning quoted it);
"""

from __future__ import annotations

from pathlib import Path

from auditor import regime, template
from auditor.fix import fix_text
from auditor.rule import Finding, Severity
from auditor.testing import report_from_dict
from tests.rules.helpers import audit, clean_text, engine


def _tab003(text: str) -> list[Finding]:
    return [f for f in audit(text) if f.code == "TAB003"]


# ── TAB003: one departure, several labels ─────────────────────────────────────────────────────────────────────
def test_two_rows_worded_otherwise_in_the_same_way_are_one_finding_naming_both() -> None:
    text = clean_text("2021").replace("不再处理其", "不再受理其")  # rows 1 and 2 of （六）其他处理
    (finding,) = _tab003(text)
    assert finding.severity == Severity.WARNING
    assert [(label["table"], label["row"]) for label in finding.values["labels"]] == [
        ("applications", "overdue_correction"),
        ("applications", "unpaid_fee"),
    ]
    lines = [label["line"] for label in finding.values["labels"]]
    assert lines == sorted(set(lines)) and finding.line == lines[0]  # each place where it is
    assert "2 个表格项目名称" in finding.message.zh and "“处”写作“受”" in finding.message.zh
    assert "2 table labels" in finding.message.en and "“受” for “处”" in finding.message.en
    assert finding.fix is not None and [edit.loc.line for edit in finding.fix.edits] == lines
    fixed = fix_text(text, [finding], unsafe=True).text
    assert fixed == clean_text("2021")


def test_labels_departing_in_different_ways_keep_a_finding_each() -> None:
    text = clean_text("2021").replace("不再处理其", "不再受理其")
    text = text.replace("2.其他法律行政法规禁止公开", "2.其他法律和行政法规禁止公开")
    found = _tab003(text)
    assert len(found) == 2
    alone = next(f for f in found if "labels" not in f.values)
    assert alone.values["written"] == "2.其他法律和行政法规禁止公开" and alone.place.row == "prohibited_by_law"


def test_captions_misspelt_the_same_way_are_one_finding() -> None:
    # 故城教育局 2020 (validation round 11): every caption written 第二十条(一)项, without the second 第
    text = clean_text("2019")
    for item in ("一", "五", "六", "八"):
        text = text.replace(f"第二十条第（{item}）项", f"第二十条({item})项")
    (finding,) = _tab003(text)
    assert [label["written"] for label in finding.values["labels"]] == [
        f"第二十条({item})项" for item in ("一", "五", "六", "八")
    ]
    assert "少了“第”" in finding.message.zh and "“第” left out" in finding.message.en
    assert finding.fix is not None and len(finding.fix.edits) == 4


# ── SEC001: parts missing one after another ─────────────────────────────────────────────────────────────────
def _without(text: str, first: str, after: str) -> str:
    return text[: text.index(first)] + text[text.index(after) :]


def test_parts_missing_in_a_row_are_one_finding_naming_each_and_their_tables() -> None:
    text = _without(clean_text("2021"), "二、主动公开政府信息情况", "五、存在的主要问题及改进情况")
    findings = audit(text)
    (missing,) = [f for f in findings if f.code == "SEC001"]
    assert missing.severity == Severity.ERROR  # the file certainly lacks them
    assert missing.values["sections"] == ["二", "三", "四"]
    assert missing.values["tables"] == [
        "regulations",
        "licensing",
        "enforcement",
        "fees",
        "applications",
        "review_litigation",
    ]
    assert "缺少连续 3 个部分" in missing.message.zh and "3 sections in a row are missing" in missing.message.en
    assert not [f for f in findings if f.code in ("TAB001", "SEC008")]


def test_parts_missing_apart_are_a_finding_each() -> None:
    text = clean_text("2021")
    text = _without(text, "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况")
    text = _without(text, "五、存在的主要问题及改进情况", "六、其他需要报告的事项")
    found = [f for f in audit(text) if f.code == "SEC001"]
    assert [f.values["section"] for f in found] == ["二", "五"]
    assert not any("sections" in f.values for f in found)


# ── a table's row label is no part heading ─────────────────────────────────────────────────────────────────────
REAL = Path(__file__).parents[1] / "realworld"


def test_a_table_row_label_on_a_flattened_page_is_never_taken_for_a_part_heading() -> None:
    text = (REAL / "pingtan-2022-flattened.txt").read_text(encoding="utf-8")
    for heading in ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况"):
        assert heading in text
        text = text.replace(heading, "")
    found = [f for f in audit(text) if f.code == "SEC001"]
    assert found and not [f for f in found if "in_their_place" in f.values]
    assert not [f for f in found if "本年新收" in f.message.zh]


def test_a_part_under_a_heading_of_its_own_is_still_found_beside_table_labels() -> None:
    # the renamed part (「五、当前存在的突出问题」) is still a part; the table's 「一、…四、」 rows are not
    text = clean_text("2021").replace("五、存在的主要问题及改进情况", "五、当前存在的突出问题")
    (renamed,) = [f for f in audit(text) if f.code == "SEC001"]
    assert renamed.severity == Severity.WARNING and renamed.values["in_their_place"] == ["五、当前存在的突出问题"]


# ── SEC004: headings numbered in one other way ─────────────────────────────────────────────────────────────────
HEADINGS = [section.heading for section in template.SECTIONS]  # the format's six, 一、总体情况 … 六、


def _sec004(text: str) -> list[Finding]:
    return [f for f in audit(text) if f.code == "SEC004"]


def test_headings_all_in_arabic_numbers_are_one_finding_with_every_fix() -> None:
    clean = clean_text("2021")
    text = clean
    for number, heading in enumerate(HEADINGS, start=1):
        text = text.replace(heading, f"{number}、{heading[2:]}")
    (finding,) = _sec004(text)
    assert finding.severity == Severity.WARNING and finding.values["sections"] == list("一二三四五六")
    assert "6 个部分标题都使用阿拉伯数字编号" in finding.message.zh and "Arabic" in finding.message.en
    assert finding.fix is not None and finding.fix.safe and len(finding.fix.edits) == 6
    assert fix_text(text, [finding]).text == clean


def test_headings_all_one_below_their_part_are_one_finding_and_another_slip_its_own() -> None:
    text = clean_text("2021")
    for heading, written in zip(HEADINGS[1:4], ("一", "二", "三"), strict=True):
        text = text.replace(heading, written + heading[1:])
    text = text.replace(HEADINGS[5], "6、" + HEADINGS[5][2:])  # another way: the style
    found = _sec004(text)
    assert [f.values.get("sections", [f.place.section]) for f in found] == [["二", "三", "四"], ["六"]]
    shifted = found[0]
    assert "序号都比所在部分小 1" in shifted.message.zh and "1 below their sections" in shifted.message.en
    assert shifted.fix is not None and not shifted.fix.safe  # a number that is another part's: maybe its wording


# ── NUM007: zeros left blank in several tables ────────────────────────────────────────────────────────────────
_BLANKS = {
    "applications.new_received.research": None,
    "applications.carried_over.research": None,
    "review_litigation.review.pending": None,
}


def test_cells_left_blank_in_several_tables_are_one_finding_naming_each_table() -> None:
    report = report_from_dict({"layout": "cell-per-line", "cells": _BLANKS})
    (blank,) = [f for f in engine().check_report(report, "report.txt") if f.code == "NUM007"]
    assert blank.severity == Severity.WARNING
    assert blank.values["tables"] == ["applications", "review_litigation"]
    assert [cell["cell"] for cell in blank.values["cells"]] == list(_BLANKS)
    assert "2 张统计表共有 3 个单元格未填数字" in blank.message.zh and "3 cell(s) of 2 tables" in blank.message.en


def test_cells_left_blank_in_one_table_stay_that_table_s_finding() -> None:
    report = report_from_dict({"layout": "cell-per-line", "cells": {"review_litigation.review.pending": None}})
    (blank,) = [f for f in engine().check_report(report, "report.txt") if f.code == "NUM007"]
    assert "tables" not in blank.values and blank.place.table == "review_litigation"


# ── PRE002: 2008-regime parts not found one after another ───────────────────────────────────────────────────
def _pingtan_2015_without(*parts: str) -> str:
    """The 2015 report (every part of 第三十二条 there) with the headings and sentences of ``parts`` taken out."""
    text = (REAL / "pingtan-2015-flattened.txt").read_text(encoding="utf-8")
    for part in regime.OLD_PARTS:
        if part.id in parts:
            for heading in {match.group(0) for match in part.heading.finditer(text)}:
                text = text.replace(heading, "")
            for sentence in part.statement.findall(text):
                text = text.replace(sentence, "")
    return text


def _pre002(text: str) -> list[Finding]:
    return [f for f in audit(text, "pingtan-2015.txt") if f.code == "PRE002"]


def test_old_regime_parts_not_found_in_a_row_are_one_finding() -> None:
    (gap,) = _pre002(_pingtan_2015_without("fees", "review_litigation"))
    assert gap.severity == Severity.WARNING and gap.place.section == "fees"
    assert gap.values["articles"] == ["第三十二条（三）", "第三十二条（四）"]
    assert "连续 2 项内容" in gap.message.zh and "2 parts in a row" in gap.message.en
    assert "推断" in gap.message.zh and "inference" in gap.message.en


def test_old_regime_parts_not_found_apart_are_a_finding_each() -> None:
    found = _pre002(_pingtan_2015_without("fees", "problems"))
    assert [(f.place.section, "parts" in f.values) for f in found] == [("fees", False), ("problems", False)]


# ── NUM009: several tables without a figure ───────────────────────────────────────────────────────────────────
def _blank_tables(*tables: str) -> dict[str, None]:
    """Every cell of ``tables`` (2021 format) left blank."""
    return {
        f"{table}.{row.id}.{column.id}": None
        for table in tables
        for row in template.TABLE_BY_ID[table].rows_for("2021")
        for column in template.TABLE_BY_ID[table].columns_for("2021")
    }


def test_tables_left_without_a_figure_are_one_omission_naming_each() -> None:
    report = report_from_dict({"layout": "cell-per-line", "cells": _blank_tables("regulations", "licensing")})
    (unfilled,) = [f for f in engine().check_report(report, "report.txt") if f.code == "NUM009"]
    assert unfilled.severity == Severity.ERROR and unfilled.values["tables"] == {"regulations": 6, "licensing": 1}
    assert "2 张统计表都没有填写任何数字" in unfilled.message.zh and "2 tables hold no figures" in unfilled.message.en
    assert unfilled.place.section == "二"


# ── NAR001: one sentence, several counts the table contradicts ──────────────────────────────────────────────────
def _nar001(*sentences: str) -> list[Finding]:
    report = report_from_dict({"paragraphs": {"一": list(sentences)}})
    return [f for f in engine().check_report(report, "report.txt") if f.code == "NAR001"]


def test_counts_of_one_sentence_that_the_table_contradicts_are_one_finding() -> None:
    (finding,) = _nar001("本年度共收到政府信息公开申请4件，办结3件。")  # table 三: 93 new, 144 handled
    assert finding.severity == Severity.WARNING
    assert [c["claim"]["value"] for c in finding.values["claims"]] == [4, 3]
    assert "4件" in finding.message.zh and "3件" in finding.message.zh and "3件" in finding.message.en


def test_counts_of_two_sentences_are_a_finding_each() -> None:
    found = _nar001("本年度共收到政府信息公开申请4件。", "全年办结政府信息公开申请3件。")
    assert len(found) == 2 and not any("claims" in f.values for f in found)
