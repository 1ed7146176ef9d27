"""Classes of wrong findings on real reports, validation round 11 (pages of township, street-office and county
department reports, 2019–2024): each tested with the real text it was seen in (tests/fixtures/validate11/README.md)."""

from __future__ import annotations

from auditor.model import Report
from auditor.parse import parse_file
from auditor.rule import Finding, Severity
from tests.conftest import FIXTURES
from tests.rules.helpers import engine

VALIDATE11 = FIXTURES / "validate11"


def _audit(name: str) -> tuple[Report, list[Finding]]:
    report = parse_file(VALIDATE11 / name)
    return report, engine().check_report(report, report.source.path)


def _serious(findings: list[Finding], code: str) -> list[Finding]:
    return [f for f in findings if f.code == code and f.severity >= Severity.WARNING]


# ── the text stops inside 总体情况: what it does not say, it may say after the cut ─────────────────────────────
def test_no_accountability_finding_on_a_text_cut_before_its_end() -> None:
    report, findings = _audit("overview-cut-before-oversight-2024.txt")
    assert report.cut_off() is not None and report.metadata.body_kind in ("township", "government")
    assert _serious(findings, "SEC008")
    assert not [f for f in findings if f.code == "NAR011"]


def test_the_overview_aspect_finding_claims_nothing_of_the_whole_text_when_it_is_cut() -> None:
    _report, findings = _audit("blank-2019-tables-2022.txt")  # cut in table 三, a township's overview of two lines
    oversight = [f for f in _serious(findings, "NAR010") if "oversight" in f.values["aspects"]]
    assert len(oversight) == 1
    assert "全文也未提及" not in oversight[0].message.zh
    assert "accountability_results" not in oversight[0].values


# ── no part heading read, the text stops mid-sentence ─────────────────────────────────────────────────────
def test_a_text_without_headings_that_stops_mid_sentence_is_one_cut_not_six_missing_parts() -> None:
    report, findings = _audit("no-heading-cut-mid-sentence-2023.txt")
    assert not report.sections
    (cut,) = _serious(findings, "SEC008")
    assert cut.values["ends"] == "sentence"
    assert not _serious(findings, "SEC001")


# ── 「—、總體情況」 and 「六、… / 无」 ──────────────────────────────────────────────────────────────────────────
def test_a_dash_typed_for_the_numeral_one_still_heads_part_one() -> None:
    report, findings = _audit("dash-numeral-part-six-none-2019.txt")
    assert report.section("一") is not None
    assert not [f for f in _serious(findings, "SEC001") if f.values["section"] == "一"]
    (numbering,) = _serious(findings, "SEC004")  # the numeral is wrong, and that is said
    assert numbering.values["number"] == "—"


def test_none_under_the_last_heading_is_its_content_not_a_cut_nor_an_empty_part() -> None:
    report, findings = _audit("dash-numeral-part-six-none-2019.txt")
    six = report.section("六")
    assert six is not None and "无" in six.text
    assert report.cut_off() is None
    assert not _serious(findings, "SEC008") and not _serious(findings, "SEC006")
    assert not [f for f in findings if f.code == "TAB008"]


# ── tables published without a figure ────────────────────────────────────────────────────────────────────
def test_tables_published_without_a_figure_are_one_finding() -> None:
    report, findings = _audit("blank-2019-tables-2022.txt")
    assert len(report.tables) >= 2
    (blank,) = _serious(findings, "TAB004")
    assert set(blank.values["tables"]) == set(report.tables)
    assert "没有填写数字" in blank.message.zh


# ── from the hold-out: a page's menu above the title; a title with the year inside ───────────────────────────
def test_menu_links_above_the_title_are_not_a_table() -> None:
    report, findings = _audit("page-links-before-title-2024.txt")
    assert "regulations" not in report.tables
    for code in ("TAB002", "TAB004", "TAB006"):
        assert not _serious(findings, code)
    (cut,) = _serious(findings, "SEC008")
    assert "regulations" in cut.values["lost_tables"]  # the text stops in 一: table 二 was never read


def test_a_title_with_the_year_between_government_and_disclosure_is_read() -> None:
    report, findings = _audit("title-year-inside-2022.txt")
    assert report.year == 2022
    assert report.metadata.issuing_body is not None and report.metadata.issuing_body.text == "下湿壕镇政府"
    assert report.metadata.year_source == "title"
    assert not _serious(findings, "DAT001")
