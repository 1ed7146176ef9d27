"""One cause, one finding, for three classes seen on real reports (tests/fixtures/onecause/README.md):

- not one part heading read while the tables and the prose were: one SEC001 warning that says what was read, and the
  report is not assessed (where its parts begin and end is unknown) — not six missing sections;
- cells written 「无」, 「—」 or 「/」 for zero: the report's one habit, one NUM007 naming the tables and cells; 「无」 is
  none, read as 0 by the identities (their findings say so); a dash may mean "not applicable" and is not checked;
- figures run together and split the one way the identities allow (TAB009): that split assumes the identities hold,
  so the report is not assessed, never 通过.
"""

from __future__ import annotations

import re

import pytest

from auditor.model import Report
from auditor.parse import parse_document, parse_file
from auditor.readers.text import document_from_text
from auditor.rule import Finding, Severity
from auditor.verdict import Verdict, is_assessed, verdict_of
from tests.conftest import FIXTURES, REAL, seed_path
from tests.rules.helpers import audit, clean_text, engine

ONECAUSE = FIXTURES / "onecause"
ALL_TABLES = ["regulations", "licensing", "enforcement", "fees", "applications", "review_litigation"]


def _audit(path: str) -> tuple[Report, list[Finding], Verdict]:
    report = parse_file(ONECAUSE / path if "/" not in path else path)
    findings = engine().check_report(report, report.source.path)
    return report, findings, verdict_of(findings, is_assessed(report), Severity.ERROR)


def _serious(findings: list[Finding], prefix: str = "") -> list[Finding]:
    return [f for f in findings if f.severity >= Severity.WARNING and f.code.startswith(prefix)]


def _verdict(text: str) -> tuple[Report, list[Finding], Verdict]:
    report = parse_document(document_from_text(text, "report.txt", "text"))
    findings = engine().check_report(report, "report.txt")
    return report, findings, verdict_of(findings, is_assessed(report), Severity.ERROR)


# ── not one part heading read ─────────────────────────────────────────────────────────────────────────────────
@pytest.mark.parametrize("name", ["headings-lost-cell-per-line-2021.txt", "headings-lost-pipe-tables-2024.md"])
def test_a_report_without_any_part_heading_is_one_warning_not_six_missing_sections(name: str) -> None:
    report, findings, verdict = _audit(name)
    assert not report.sections and report.headings_unread()
    (sec001,) = [f for f in findings if f.code == "SEC001"]
    assert sec001.severity == Severity.WARNING  # the headings were not read: the report lacks them, or the reading
    assert sec001.values["tables_found"] == ALL_TABLES and len(sec001.values["sections"]) == 6
    assert "推断" in sec001.message.zh and "a guess" in sec001.message.en
    assert "无法审查" in sec001.message.zh
    assert [f for f in _serious(findings) if f.code.startswith(("SEC", "TAB", "NUM"))] == [sec001]
    assert verdict is Verdict.NOT_ASSESSED


@pytest.mark.parametrize(
    ("name", "original"),
    [
        ("headings-lost-cell-per-line-2021.txt", seed_path("004")),
        ("headings-lost-pipe-tables-2024.md", FIXTURES.parent / "realworld" / "fx-md-pipe-tables.md"),
    ],
)
def test_the_review_table_is_read_without_its_heading_above_it(name: str, original: object) -> None:
    # 「总计」 among 结果维持 … 尚未审结 is the review table's own column, with or without 「四、…」 above it
    report = parse_file(ONECAUSE / name)
    review = report.tables["review_litigation"]
    assert review.reason is None and not review.unread_rows()
    assert [c.value for r in review.rows.values() for c in r.cells.values()] == [
        c.value for r in parse_file(original).tables["review_litigation"].rows.values() for c in r.cells.values()
    ]


def test_prose_without_a_heading_or_a_table_is_one_error_not_six() -> None:
    # 微山县高楼乡 2023 (validation round 11): the preamble and 一's (一)…(四) without any part heading, its last
    # sentence finished here (the page stops inside it): not a cut, and nothing of the format was read but prose —
    # the file certainly lacks the six parts' headings and every table: one SEC001 error, not six
    text = (FIXTURES / "validate11" / "no-heading-cut-mid-sentence-2023.txt").read_text(encoding="utf-8")
    report, findings, verdict = _verdict(text.rstrip() + "工作。")
    assert report.cut_off() is None and not report.tables
    (sec001,) = [f for f in findings if f.code == "SEC001"]
    assert sec001.severity == Severity.ERROR and sec001.values["tables_found"] == []
    assert "肯定缺少" in sec001.message.zh and "certainly lacks" in sec001.message.en
    assert not [f for f in findings if f.code in ("TAB001", "SEC008")]
    assert verdict is Verdict.NOT_ASSESSED


def test_a_report_that_lacks_one_heading_still_gets_its_own_finding() -> None:
    # the class is "not one heading read"; one heading missing among the others is SEC001's error for that part
    text = seed_path("004").read_text(encoding="utf-8").replace("\n五、存在的主要问题及改进情况\n", "\n", 1)
    (sec001,) = [f for f in audit(text) if f.code == "SEC001"]
    assert sec001.severity == Severity.ERROR and sec001.values["section"] == "五"


# ── 「无」, 「—」 for zero ────────────────────────────────────────────────────────────────────────────────────
def test_none_written_for_zero_throughout_is_one_finding_read_as_zero() -> None:
    _report, findings, verdict = _audit("none-for-zero-2021.txt")
    assert not [f for f in findings if f.code == "NUM009"]
    (num007,) = [f for f in findings if f.code == "NUM007"]
    assert num007.severity == Severity.INFO  # none is 0, certainly: only the notation is not the format's
    assert num007.values["tables"] == ALL_TABLES and num007.values["no_figures"] == []
    assert len(num007.values["read_as_zero"]) == len(num007.values["cells"]) == 194
    assert "按 0 计" in num007.message.zh and "read it as 0" in num007.message.en
    assert not [f for f in findings if f.code == "NUM008"]  # every identity checked, with 无 as 0
    assert verdict is Verdict.PASS


def test_a_total_of_none_beside_a_figure_is_an_identity_error_that_says_none_was_read_as_zero() -> None:
    _report, findings, verdict = _audit("none-total-beside-a-figure-2021.txt")
    (identity,) = [f for f in findings if f.code.startswith("NUM00") and f.code not in ("NUM007", "NUM008")]
    assert identity.severity == Severity.ERROR
    assert "“无”（按 0 计）" in identity.message.zh and "read as 0" in identity.message.en
    assert identity.values["cell"] == {"cell": "applications.new_received.total", "value": 0, "expected": 1}
    assert len([f for f in findings if f.code == "NUM007"]) == 1
    assert verdict is Verdict.FAIL


def test_a_dash_written_for_zero_throughout_is_one_warning_and_checks_nothing_through_it() -> None:
    _report, findings, verdict = _audit("dash-for-zero-2021.txt")
    assert not [f for f in findings if f.code == "NUM009"]
    (num007,) = [f for f in findings if f.code == "NUM007"]
    assert num007.severity == Severity.WARNING  # whole tables of dashes: not certainly 0, not checked
    assert num007.values["read_as_zero"] == []
    assert num007.values["no_figures"] == ["regulations", "licensing", "enforcement", "fees", "review_litigation"]
    assert "不能确定是 0" in num007.message.zh and "not certainly 0" in num007.message.en
    assert not _serious(findings, "NUM00")[1:]  # that one finding, no identity besides
    assert verdict is Verdict.PASS  # the one application's figures were read and add up


def test_real_none_cells_in_several_tables_are_one_finding() -> None:
    # 路北区住建局 2022: tables 二 all 「无」 but 行政处罚 2, and 「无」 in three totals of table 三 (the text is cut there)
    _report, findings, _verdict = _audit("none-cells-cut-in-table-three-2022.txt")
    assert not [f for f in findings if f.code == "NUM009"]
    dashes = [f for f in findings if f.code == "NUM007" and f.values.get("tables")]
    assert len(dashes) == 1 and dashes[0].severity == Severity.INFO
    assert dashes[0].values["tables"] == ["regulations", "licensing", "enforcement", "fees", "applications"]
    assert len(dashes[0].values["cells"]) == 12
    assert [f.code for f in _serious(findings, "NUM")] == ["NUM007"]  # the 18 blank cells of table 三, once


# ── figures run together, split by the identities ─────────────────────────────────────────────────────────
def _run_together(text: str) -> str:
    """「一、本年新收政府信息公开申请数量 3 1 0 …」 → its figures as one run of digits (a page that lost its cells)."""
    return re.sub(
        r"^(一、本年新收政府信息公开申请数量) (.*)$", lambda m: m[1] + m[2].replace(" ", ""), text, count=1, flags=re.M
    )


def test_a_report_whose_figures_were_split_by_its_identities_is_not_passed() -> None:
    clean = clean_text("2021", "plain")
    assert _verdict(clean)[2] is Verdict.PASS
    report, findings, verdict = _verdict(_run_together(clean))
    row = report.tables["applications"].rows["new_received"]
    assert row.confidence == "inferred"  # several plain splits; the identities chose one
    (tab009,) = [f for f in findings if f.code == "TAB009"]
    assert "无法审查" in tab009.message.zh and "assumes the identities hold" in tab009.message.en
    # nothing suggests the report is at fault (like TAB004 on a run one digit a cell reads plainly): information, and
    # the verdict says that its figures were not checked
    assert tab009.severity == Severity.INFO and not [f for f in findings if f.severity >= Severity.WARNING]
    assert verdict is Verdict.NOT_ASSESSED


def test_a_split_that_one_plain_reading_forces_is_read_and_may_pass() -> None:
    # 平潭 2022: 「规章000」 is 0 | 0 | 0 — 00 is no number, so the split is certain (read, not inferred)
    report = parse_file(REAL / "pingtan-2022-flattened.txt")
    rules = report.tables["regulations"].rows["rules"]
    assert rules.confidence == "read" and [c.raw for c in rules.cells.values()] == ["0", "0", "0"]
