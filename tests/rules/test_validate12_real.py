"""Classes of wrong findings on real reports, validation round 12 (whole reports of 平潭 bodies, 2019–2025, as a
crawler stored them): each tested with the real text it was seen in (tests/fixtures/validate12/README.md)."""

from __future__ import annotations

from auditor.model import Report
from auditor.parse import parse_document, parse_file
from auditor.readers.text import document_from_text
from auditor.rule import Finding, Severity
from auditor.verdict import is_assessed
from tests.conftest import FIXTURES
from tests.rules.helpers import engine

VALIDATE12 = FIXTURES / "validate12"


def _audit(name: str) -> tuple[Report, list[Finding]]:
    report = parse_file(VALIDATE12 / name)
    return report, engine().check_report(report, report.source.path)


def _audit_text(text: str) -> tuple[Report, list[Finding]]:
    report = parse_document(document_from_text(text, "variant.txt", "text"))
    return report, engine().check_report(report, report.source.path)


def _serious(findings: list[Finding], code: str) -> list[Finding]:
    return [f for f in findings if f.code == code and f.severity >= Severity.WARNING]


# ── 「一总体情况」: the part's numeral without its 、 ─────────────────────────────────────────────────────────────
def test_a_part_numeral_without_its_comma_still_heads_the_part_in_a_flattened_page() -> None:
    report, findings = _audit("heading-numeral-without-comma-2020.txt")
    overview = report.section("一")
    assert overview is not None and overview.numbering == "zh" and overview.number == "一"
    assert overview.text.lstrip().startswith("2020年，我局政府信息公开工作")
    assert not _serious(findings, "SEC001") and not _serious(findings, "SEC004")


def test_a_part_numeral_without_its_comma_heads_the_part_on_a_line_of_its_own() -> None:
    text = (VALIDATE12 / "heading-numeral-without-comma-2020.txt").read_text(encoding="utf-8")
    assert "）。一总体情况2020年" in text
    report, findings = _audit_text(text.replace("）。一总体情况2020年", "）。\n一总体情况\n2020年"))
    overview = report.section("一")
    assert overview is not None and overview.heading == "一总体情况" and overview.numbering == "zh"
    assert not _serious(findings, "SEC001")


def test_a_numeral_that_opens_a_sentence_heads_no_part() -> None:
    # 「一是…」, 「二〇二〇年」: only a part's own words after the bare numeral make a heading
    title = "平潭综合实验区某局2020年政府信息公开工作年度报告\n"
    report, _findings = _audit_text(title + "一是总体情况良好。\n二主动公开政府信息情况较好\n")
    assert not report.sections
    report, _findings = _audit_text(title + "一是总体情况良好。\n二主动公开政府信息情况\n")
    assert [(s.id, s.number) for s in report.sections] == [("二", "二")]


# ── a page that holds only the report's title ───────────────────────────────────────────────────────────────
def test_a_page_with_only_the_title_under_a_crawler_header_is_one_cut_not_six_missing_parts() -> None:
    report, findings = _audit("title-only-page-2020.txt")
    cut = report.cut_off()
    assert cut is not None and cut.detail["sections"] == ["一", "二", "三", "四", "五", "六"]
    (finding,) = _serious(findings, "SEC008")
    assert "平潭综合实验区公安局2020年政府信息公开工作年度报告" in finding.message.zh
    assert not _serious(findings, "SEC001") and not _serious(findings, "TAB001")


# ── two rows explain a wrong total equally well ─────────────────────────────────────────────────────────────
def test_a_wrong_total_that_two_rows_explain_equally_names_both_in_one_finding() -> None:
    report, findings = _audit("two-rows-explain-total-2020.txt")
    rows = report.tables["applications"].rows
    assert rows["grand_total"].cells["total"].value == 21
    assert rows["disclosed"].cells["total"].value == 7 and rows["partially_disclosed"].cells["total"].value == 6
    (finding,) = [f for f in findings if f.code.startswith("NUM") and f.severity >= Severity.WARNING]
    assert finding.values["line"] == {"row": "disclosed"}
    assert finding.values["rivals"] == [{"row": "partially_disclosed"}]
    assert "（二）部分公开" in finding.message.zh and "无法从表中判断" in finding.message.zh
    assert "partially_disclosed" in finding.message.en


# ── a scraped page's HTML comment before a table; a row label's numeral typed twice ──────────────────────────
def test_an_html_comment_glued_to_a_tables_caption_is_not_read_as_text() -> None:
    report, findings = _audit("html-comment-doubled-numeral-2019.txt")
    assert {"regulations", "licensing", "enforcement", "fees", "procurement"} <= set(report.tables)
    rules = report.tables["regulations"].rows["rules"]
    assert [cell.value for cell in rules.cells.values()] == [0, 0, 0]  # 「规章000」 right after the caption
    assert {"kind": "html-comment", "line": 10, "text": "<!--[if !supportMisalignedColumns]-->"} in (
        report.source.notes or []
    )
    assert not _serious(findings, "TAB001")


def test_a_row_labels_numeral_typed_twice_loses_neither_the_table_nor_the_row() -> None:
    report, findings = _audit("html-comment-doubled-numeral-2019.txt")
    text = (VALIDATE12 / "html-comment-doubled-numeral-2019.txt").read_text(encoding="utf-8")
    assert "0000000三三、本年度办理结果" in text
    rows = report.tables["applications"].rows
    assert not [row for row in rows.values() if row.unread]
    assert [cell.value for cell in rows["carried_over"].cells.values()] == [0] * 7
    assert [cell.value for cell in rows["grand_total"].cells.values()] == [0] * 7
    assert not [f for f in _serious(findings, "TAB004") if f.place.table == "applications"]


# ── a reader slip (robustness variants of a whole real report): the applications table's header repeated ───────
def _with_repeated_header(lines: list[str], rows: int) -> str:
    """The report with the applications table's header (its first ``rows`` lines: note, 申请人情况, the applicant
    columns) repeated before 「（四）无法提供」, after a page footer, as a PDF page break repeats it."""
    note = next(i for i, line in enumerate(lines) if line.startswith("（本列数据的勾稽关系为"))
    header = lines[note : note + 3][3 - rows :]
    at = next(i for i, line in enumerate(lines) if line.startswith("（四）无法提供"))
    return "\n".join([*lines[:at], "— 4 —", *header, *lines[at:]])


def test_the_applications_header_repeated_among_its_rows_is_no_order_finding() -> None:
    text = (VALIDATE12 / "tab-rows-shanghai-office-2019.txt").read_text(encoding="utf-8")
    _report, plain = _audit_text(text)
    for rows in (3, 2):
        report, findings = _audit_text(_with_repeated_header(text.split("\n"), rows))
        assert not _serious(findings, "TAB006")
        assert sorted((f.code, f.message.zh) for f in findings) == sorted((f.code, f.message.zh) for f in plain)
        cells = report.tables["applications"].rows["not_held"].cells
        assert [cells[c].raw for c in ("natural_person", "commercial", "total")] == ["252", "12", ""]


def test_a_pdf_texts_split_applications_header_repeated_after_a_page_break_is_no_order_finding() -> None:
    # 2021 format, PDF text with the header's cells broken over lines (「商业 / 企业」, 「科研 / 机构」 …)
    path = FIXTURES / "validate8" / "pdf-text-wrapped-review-header-2024.txt"
    lines = path.read_text(encoding="utf-8").split("\n")
    _report, plain = _audit_text("\n".join(lines))
    note = next(i for i, line in enumerate(lines) if line.startswith("（本列数据的勾稽关系为"))
    first = next(i for i, line in enumerate(lines) if line.startswith("一、本年新收"))
    at = next(i for i, line in enumerate(lines) if line.startswith("（四）无法提供"))
    for header in (lines[note:first], lines[note + 2 : first]):
        report, findings = _audit_text("\n".join([*lines[:at], *header, *lines[at:]]))
        assert not _serious(findings, "TAB006")
        assert sorted(f.code for f in findings) == sorted(f.code for f in plain)
        cells = report.tables["applications"].rows["not_held"].cells
        assert [cells[c].value for c in ("natural_person", "total")] == [31, 31]


def test_a_whole_flattened_page_without_a_heading_read_is_not_called_cut_after_its_title() -> None:
    # the same crawler page with every part heading replaced: one long line, no heading — not a text cut short
    text = (VALIDATE12 / "heading-numeral-without-comma-2020.txt").read_text(encoding="utf-8")
    for numeral in "二三四五六":
        text = text.replace(f"{numeral}、", f"{numeral}是")
    report, findings = _audit_text(text.replace("一总体情况", "一是总体"))
    assert not report.sections and report.cut_off() is None
    assert not _serious(findings, "SEC008")


# ── a page flattened: the figures of table after table run together — one cause, one finding ─────────────────────
def test_tables_unread_for_the_same_cause_are_one_finding_naming_each_table_and_what_was_read() -> None:
    report, findings = _audit("two-rows-explain-total-2020.txt")  # 管委会 2020: four tables of 二 with glued digits
    unread = {table.id: table.unread_rows() for table in report.tables.values() if table.unread_rows()}
    assert len(unread) >= 2
    assert {row.reason for rows in unread.values() for row in rows} == {"ambiguous_digits"}
    (finding,) = [f for f in findings if f.code == "TAB004"]  # before: one per table (four)
    assert finding.severity == Severity.WARNING
    assert finding.values["tables"] == list(unread)
    for table_id, rows in unread.items():
        assert finding.values["rows"][table_id] == [row.id for row in rows]
        for row in rows:
            assert finding.values["seen"][table_id][row.id] == row.detail
            assert f"“{row.detail[:24]}”" in finding.message.zh and f"“{row.detail[:24]}”" in finding.message.en
    assert "原因都是数字连在一起" in finding.message.zh
    assert report.cut_off() is None  # still 无法审查: the tables' rows were not read
    assert not is_assessed(report)


def test_a_table_unread_for_another_cause_keeps_its_own_finding() -> None:
    # 农业农村局 2019: 行政许可 「7700」 and 政府集中采购 「4838518699.09元」 glued (several splits); 行政事业性收费
    # 「16减12」 short of a cell (which column is unknown) — two causes, two findings.
    _report, findings = _audit("glued-digits-and-short-row-2019.txt")
    unread = [f for f in findings if f.code == "TAB004"]
    assert len(unread) == 2 and all(f.severity == Severity.WARNING for f in unread)
    glued, short = sorted(unread, key=lambda f: "tables" not in f.values)
    assert glued.values["tables"] == ["licensing", "procurement"]
    assert glued.values["seen"] == {
        "licensing": {"licensing": "7700"},
        "procurement": {"central_procurement": "4838518699.09元"},
    }
    assert short.place.table == "fees" and short.values["reasons"] == {"administrative_fees": "missing_cells"}
    assert "16减12" in short.message.zh
