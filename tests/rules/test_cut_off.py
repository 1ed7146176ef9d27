"""A text cut off before the report's end (a download cut short, a PDF whose last pages gave no text) is one finding,
SEC008, naming what could not be read — not one finding per section, table and row it lost."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from auditor.rule import ERROR
from auditor.testing import audit, clean_text, report_from_text
from auditor.verdict import Verdict, is_assessed, verdict_of

SEEDS = Path(__file__).parents[1] / "fixtures" / "seeds"
_LOST = ("SEC001", "TAB001", "TAB002", "TAB004", "DAT010", "SEC006", "FEE001")  # what a cut used to give


def _seed(number: str) -> str:
    return next(SEEDS.glob(f"{number}_*.txt")).read_text(encoding="utf-8")


def _codes(text: str) -> Counter[str]:
    return Counter(f.code for f in audit(text))


def test_a_seed_cut_inside_table_three_is_one_finding_and_not_a_pass() -> None:
    text = _seed("000")
    cut = text[: text.index("（三）不予公开")]  # the download stops inside section 三's table
    findings = audit(cut)
    (cut_off,) = [f for f in findings if f.code == "SEC008"]
    assert cut_off.severity == ERROR
    assert cut_off.values["sections"] == ["四", "五", "六"]
    assert cut_off.values["table"] == "applications" and cut_off.values["ends"] == "table"
    assert "review_litigation" in cut_off.values["lost_tables"]
    assert "无法从本文件判断" in cut_off.message.zh and "cannot be told" in cut_off.message.en
    assert not [f for f in findings if f.code in _LOST]
    report = report_from_text(cut)
    assert not is_assessed(report)
    assert verdict_of(findings, is_assessed(report), ERROR) is Verdict.NOT_ASSESSED


def test_a_text_cut_in_section_two_names_the_tables_of_that_section_it_lost() -> None:
    text = _seed("004")
    cut = text[: text.index("第二十条第（六）项")]
    (cut_off,) = [f for f in audit(cut) if f.code == "SEC008"]
    assert cut_off.values["sections"] == ["三", "四", "五", "六"]
    assert {"enforcement", "fees", "applications", "review_litigation"} <= set(cut_off.values["lost_tables"])
    assert not {"TAB001", "SEC001"} & set(_codes(cut))


def test_a_text_cut_right_after_a_heading_is_not_also_an_empty_section() -> None:
    text = clean_text()
    heading = "五、存在的主要问题及改进情况"
    cut = text[: text.index(heading) + len(heading)]
    findings = audit(cut)
    (cut_off,) = [f for f in findings if f.code == "SEC008"]
    assert cut_off.values["ends"] == "heading" and cut_off.values["sections"] == ["六"]
    assert not [f for f in findings if f.code in _LOST]


def test_a_text_cut_in_the_middle_of_a_sentence_of_section_six_says_so_and_not_that_the_fee_statement_is_missing() -> (
    None
):
    text = clean_text()
    cut = text[: text.index("申请人均逾期未缴纳")]  # 「本年度发出信息处理费收费通知3件，」
    findings = audit(cut)
    (cut_off,) = [f for f in findings if f.code == "SEC008"]
    assert cut_off.values["ends"] == "sentence" and cut_off.values["sections"] == []
    assert not [f for f in findings if f.code in _LOST]


def test_a_text_that_stops_after_the_heading_of_section_six_is_one_finding() -> None:
    # Not also an empty section 六 (SEC006), a missing fee statement (FEE001) and a missing date (DAT010).
    text = _seed("002")
    heading = "六、其他需要报告的事项"
    findings = audit(text[: text.index(heading) + len(heading)])
    (cut_off,) = [f for f in findings if f.code == "SEC008"]
    assert cut_off.values["ends"] == "heading" and cut_off.values["sections"] == []
    assert not [f for f in findings if f.code in _LOST]


def test_the_row_the_text_stops_in_takes_no_part_in_the_identities() -> None:
    # Cut inside （七）总计 before its 总计 cell: not I-2 and I-3 'cannot be assessed' (NUM008) on the cut cell.
    text = _seed("004")
    grand = text.index("（七）总计")
    cells = text.index("四、结转下年度继续办理", grand)
    cut = text[: text.rindex("0", grand, cells)]  # every cell of the row but the last
    codes = _codes(cut)
    assert codes["SEC008"] == 1 and not {"NUM007", "NUM008", "TAB004"} & set(codes)


def test_a_section_left_out_in_the_middle_is_a_missing_section_not_a_cut() -> None:
    text = clean_text()
    start, end = text.index("五、存在的主要问题及改进情况"), text.index("六、其他需要报告的事项")
    codes = _codes(text[:start] + text[end:])
    assert codes["SEC001"] == 1 and "SEC008" not in codes


def test_a_signed_report_that_stops_after_section_four_lacks_its_last_sections() -> None:
    # What the body signed, it published: the sections it lacks are missing, not a cut. Both gone in one run (from
    # 四 straight to the signature) is one omission: one SEC001 naming 五 and 六 (as TAB002 names rows missing in a row).
    text = clean_text()
    start, end = text.index("五、存在的主要问题及改进情况"), text.index("西岭县永安街道办事处")
    findings = audit(text[:start] + text[end:])
    (missing,) = [f for f in findings if f.code == "SEC001"]
    assert missing.values["sections"] == ["五", "六"] and "SEC008" not in {f.code for f in findings}


def test_one_last_section_missing_after_a_finished_text_stays_a_missing_section() -> None:
    # Without a signature either way, 「…提升公开质量。」 then nothing: left out or cut — SEC001's one finding says it.
    text = clean_text()
    cut = text[: text.index("六、其他需要报告的事项")]
    codes = _codes(cut)
    assert codes["SEC001"] == 1 and "SEC008" not in codes


def test_the_row_the_text_stops_in_is_not_a_misnamed_label_or_a_second_format() -> None:
    text = _seed("001")
    other = text.index("（六）其他处理")
    cut = text[: text.index("1.申请", other) + len("1.申请")]  # 2021's first row of （六）, cut after four characters
    codes = _codes(cut)
    assert codes["SEC008"] == 1
    assert not {"CIT004", "TAB003", "TAB007", "TAB004"} & set(codes)


def test_a_text_that_stops_in_a_word_that_is_also_a_header_makes_no_table_of_it() -> None:
    # Seed 000 (2019 tables) cut after 「其他」 of 「其他对外管理服务事项」: the word is also table 三's column header
    # 其他, but a table read from nothing else is no table — SEC008 alone, not TAB002 for 22 rows of table 三 besides
    # (found by the property below).
    text = _seed("000")
    cut = text[: text.index("其他对外管理服务事项") + len("其他")]
    codes = _codes(cut)
    assert codes["SEC008"] == 1 and not {"TAB002", "TAB001", "SEC001"} & set(codes)


@given(st.sampled_from(sorted(p.name[:3] for p in SEEDS.glob("*.txt"))), st.floats(0.04, 1.0))
def test_cutting_a_seed_anywhere_adds_at_most_three_findings_and_names_the_lost_sections_at_most_once(
    seed: str, share: float
) -> None:
    # Measured over every 13th character of the five seeds: a cut adds 1 finding (SEC008) almost everywhere; 2-3
    # where the text stops at the end of a sentence of section 五 and only 六 is gone — SEC001 for 六, with DAT010
    # (a signed seed's date went with it) or NAR012 (on the part of 五 that was read) — which cannot be told from a
    # report that leaves 六 out.
    text = _seed(seed)
    whole = _codes(text)
    cut = _codes(text[: max(1, int(len(text) * share))])
    added = cut - whole
    assert sum(added.values()) <= 3, added
    assert sum(added[code] for code in ("SEC001", "TAB001", "TAB002", "SEC008")) <= 1, added
