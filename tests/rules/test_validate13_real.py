"""Classes of wrong findings on real reports, validation round 13 (the rest of round 12's whole 平潭 reports, as a
crawler stored them): each tested with the real text it was seen in (tests/fixtures/validate13/README.md)."""

from __future__ import annotations

from auditor.document import Location, RawCell
from auditor.model import Report
from auditor.recover import Unit, _splits
from auditor.rule import Finding
from auditor.template import SIGNED
from tests.conftest import FIXTURES
from tests.rules.helpers import audit_file, audit_variant, serious

VALIDATE13 = FIXTURES / "validate13"
_PART_TWO_TABLES = ("regulations", "licensing", "enforcement", "fees", "procurement")


def _audit(name: str) -> tuple[Report, list[Finding]]:
    return audit_file(VALIDATE13 / name)


def _text(name: str) -> str:
    return (VALIDATE13 / name).read_text(encoding="utf-8")


# ── part 二's tables after a long account in the same flattened run ──────────────────────────────────────────
def test_tables_after_more_than_twelve_sentences_of_the_part_s_prose_are_read() -> None:
    report, findings = _audit("long-prose-before-tables-2019.txt")
    assert all(table in report.tables for table in _PART_TWO_TABLES)
    assert report.tables["regulations"].rows["normative_documents"].cells["total_published"].value == 2
    assert not serious(findings, "TAB001")
    (unread,) = serious(findings, "TAB004")  # the glued rows (「11910305」 …): one cause, one finding
    assert "11910305" in unread.message.zh and "2273680元" in unread.message.zh


def test_prose_with_no_label_after_any_sentence_is_still_no_table() -> None:
    # the bound now counts only sentence ends followed by a label: prose that runs into none stays prose
    text = _text("long-prose-before-tables-2019.txt")
    start, end = text.index("第二十条第（一）项"), text.index("三、收到和处理政府信息公开申请情况")
    report, findings = audit_variant(text[:start] + text[end:])
    assert not any(table in report.tables for table in _PART_TWO_TABLES)
    assert len(serious(findings, "TAB001")) == len(_PART_TWO_TABLES)


# ── 「本年增/减量」 and 「1个246900元」 ────────────────────────────────────────────────────────────────────────
def test_the_change_column_written_with_liang_is_the_format_s_and_told_once() -> None:
    report, findings = _audit("change-header-with-liang-2019.txt")
    assert all(table in report.tables for table in _PART_TWO_TABLES)
    assert not serious(findings, "TAB001")
    (alias,) = serious(findings, "TAB003")
    # one finding naming both places (the grouping of labels departing from the format in one way, onecause6)
    assert [(label["written"], label["official"]) for label in alias.values["labels"]] == [
        ("本年增/减量", "本年增/减")
    ] * 2
    assert alias.message.zh.startswith("2 个表格项目名称") and alias.message.en.startswith("2 table labels")
    # the same wording is named once with its count, not repeated pair by pair
    assert alias.message.zh.count("“本年增/减量”") == 1 and "（2 处）" in alias.message.zh
    assert alias.message.en.count("“本年增/减量”") == 1 and "(2 places)" in alias.message.en


def test_a_count_and_its_unit_glued_to_the_amount_are_two_cells() -> None:
    report, findings = _audit("change-header-with-liang-2019.txt")
    row = report.tables["procurement"].rows["central_procurement"]
    assert row.reason is None
    assert [cell.value for cell in row.cells.values()] == [1, 246900]
    assert not [f for f in serious(findings, "TAB004") if "246900" in f.message.zh]


# ── a part inserted after 一: every later heading numbered one on ─────────────────────────────────────────────
def test_headings_shifted_by_an_inserted_part_are_one_finding() -> None:
    report, findings = _audit("inserted-part-shifted-numbers-2020.txt")
    assert [(s.id, s.number) for s in report.sections] == [
        ("一", "一"),
        ("二", "三"),
        ("三", "四"),
        ("四", "五"),
        ("五", "六"),
        ("六", "七"),
    ]
    (shifted,) = serious(findings, "SEC004")
    assert shifted.values["sections"] == ["二", "三", "四", "五", "六"] and shifted.values["step"] == 1
    assert "比所在部分大 1" in shifted.message.zh and "1 above their sections" in shifted.message.en
    assert "“七、其他需要报告的事项”应为“六、”" in shifted.message.zh
    assert [edit.new[:2] for edit in shifted.fix.edits] == ["二、", "三、", "四、", "五、", "六、"]
    assert not serious(findings, "SEC001") and not serious(findings, "TAB001")


def test_one_heading_with_another_section_s_number_is_still_its_own_finding() -> None:
    text = _text("inserted-part-shifted-numbers-2020.txt")
    for wrong, right in (("四、收到", "三、收到"), ("五、政府信息公开行政复议", "四、政府信息公开行政复议")):
        text = text.replace(wrong, right)
    for wrong, right in (("六、存在的主要问题", "五、存在的主要问题"), ("七、其他需要报告", "六、其他需要报告")):
        text = text.replace(wrong, right)
    _report, findings = audit_variant(text)
    (single,) = serious(findings, "SEC004")
    assert single.values == {"numbering": "zh", "number": "三"} and "应为“二、”" in single.message.zh


# ── a plus sign in a 2019 增/减 row whose cells ran together ─────────────────────────────────────────────────
def test_a_plus_sign_between_glued_figures_is_a_lost_boundary() -> None:
    report, _findings = _audit("plus-sign-glued-2019.txt")
    row = report.tables["licensing"].rows["licensing"]
    assert row.flattened == "0+11" and row.reason == "blank_cells"  # 0 | +1 | 1, or 0 | +11 | (blank): not read


def test_a_plus_sign_starts_a_figure_of_the_signed_column_only() -> None:
    loc = Location(1, 1)
    kinds = ("count", SIGNED, "count")
    cells = ("previous_items", "change", "decisions")
    splits = _splits(Unit("licensing", (RawCell("0+11", loc),), cells, kinds))
    assert splits == [("0", "+1", "1")]  # 「+11」 would leave 处理决定数量 without a figure; 「+」 alone is no cell
    assert _splits(Unit("licensing", (RawCell("1+1", loc),), cells, ("count", "count", "count"))) == []


# ── hold-out classes (fixed after its one measurement) ─────────────────────────────────────────────────────
def test_a_damaged_header_between_two_column_headers_does_not_lose_the_tables() -> None:
    report, findings = _audit("damaged-header-between-headers-2019.txt")  # 「本年新制作数量本公开数量对外公开总数量」
    assert all(table in report.tables for table in _PART_TWO_TABLES)
    assert not serious(findings, "TAB001")
    (header,) = serious(findings, "TAB006")
    assert "本年新公开数量" in header.message.zh
    assert len(serious(findings, "TAB004")) == 1


def test_a_unit_noted_after_a_row_label_is_the_label_s() -> None:
    report, findings = _audit("unit-note-glued-2020.txt")  # 「政府集中采购（元）6675809」
    row = report.tables["procurement"].rows["central_procurement"]
    assert row.flattened == "6675809" and row.reason == "ambiguous_digits"
    (unread,) = serious(findings, "TAB004")  # with 行政处罚's 「1121784784」: one cause, one finding
    assert "1121784784" in unread.message.zh and "“6675809”" in unread.message.zh


def test_a_signing_date_that_ends_a_flattened_page_is_read() -> None:
    report, findings = _audit("signature-ends-page-2025.txt")
    signed, body = report.metadata.signing_date, report.metadata.issuing_body
    assert signed is not None and signed.value == "2026-01-28" and signed.text == "2026年1月28日"
    assert body is not None and body.text == "平潭综合实验区投资促进局"
    (late,) = serious(findings, "DAT007")
    assert "正文无落款日期" not in late.message.zh and "2026年1月28日" in late.message.zh


def test_a_date_glued_to_the_issuer_ends_the_page_and_a_sentence_s_date_does_not_sign_it() -> None:
    text = _text("signature-ends-page-2025.txt")
    glued, _ = audit_variant(text.replace("投资促进局 2026年1月28日", "投资促进局2026年1月28日"))
    assert glued.metadata.signing_date is not None and glued.metadata.signing_date.value == "2026-01-28"
    sentence, _ = audit_variant(text.replace("平潭综合实验区投资促进局 2026年1月28日", "材料报送于2026年1月28日"))
    assert sentence.metadata.signing_date is None
