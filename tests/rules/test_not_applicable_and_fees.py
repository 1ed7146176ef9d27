"""Cells marked not applicable (——, —, /, -, 无, 不适用) are not blanks, and the fee-notice finding says what it
knows: notices issued and nothing collected can both be true.

Fixtures: the real flattened page tests/fixtures/real/pingtan-2022-flattened.txt with its 规章 row's 「000」 made
marks run together; seed 003 (tab-separated, 2021 format, all 0) with its 规章 row's three 0 replaced by a mark — the case of
a county that cannot make 规章 — and the clean synthetic report of tests/rules/helpers.py with one row edited.
"""

from __future__ import annotations

import re

import pytest

from auditor.model import Gap, Report
from auditor.normalize import classify_cell
from auditor.parse import parse_document
from auditor.readers.text import document_from_text
from auditor.rule import Finding, Severity
from tests.conftest import REAL, seed_path
from tests.rules.helpers import audit, clean_text, engine

_RULES_ROW = "规章\t0\t0\t0"


def _seed_003(mark: str) -> str:
    text = seed_path("003").read_text(encoding="utf-8")
    assert _RULES_ROW in text
    return text.replace(_RULES_ROW, f"规章\t{mark}\t{mark}\t{mark}", 1)


def _parse(text: str) -> Report:
    return parse_document(document_from_text(text, "page.txt", "text"))


def _row(text: str, label: str, values: str) -> str:
    pattern = re.compile(rf"^{re.escape(label)} .*$", re.M)
    assert pattern.search(text), label
    return pattern.sub(f"{label} {values}", text, count=1)


def _coded(findings: list[Finding], code: str) -> list[Finding]:
    return [f for f in findings if f.code == code]


@pytest.mark.parametrize("mark", ["——", "—", "/", "-", "无", "不适用", "－", "／"])
def test_a_not_applicable_mark_is_a_dash_not_a_blank(mark: str) -> None:
    assert classify_cell(mark)[0] == "dash"


@pytest.mark.parametrize("mark", ["——", "/", "不适用", "无"])
def test_not_applicable_cells_are_one_info_finding_not_a_blank_cell_warning(mark: str) -> None:
    [num007] = _coded(audit(_seed_003(mark)), "NUM007")
    assert num007.severity == Severity.INFO
    if mark == "无":  # none, certainly: read as 0, and said so
        assert "“无”（没有）" in num007.message.zh and "按 0 计" in num007.message.zh
        assert "read it as 0" in num007.message.en
    else:
        assert f"“{mark}”" in num007.message.zh and "不适用" in num007.message.zh
        assert "not applicable" in num007.message.en and "0" in num007.message.en
    assert [c["cell"] for c in num007.values["cells"]] == [
        "regulations.rules.issued",
        "regulations.rules.repealed",
        "regulations.rules.in_force",
    ]


def test_blank_cells_stay_a_warning_beside_the_dashes() -> None:
    findings = _coded(audit(_row(clean_text("2021", "plain"), "规章", "—— —— ——")), "NUM007")
    assert [f.severity for f in findings] == [Severity.INFO]
    # a tab-separated row keeps an empty cell between two tabs: a real blank beside two dashes
    seed = seed_path("003").read_text(encoding="utf-8").replace(_RULES_ROW, "规章\t——\t\t——", 1)
    by_severity = {f.severity: f for f in _coded(audit(seed), "NUM007")}
    assert set(by_severity) == {Severity.WARNING, Severity.INFO}
    assert "无数据应填 0" in by_severity[Severity.WARNING].message.zh
    assert [c["cell"] for c in by_severity[Severity.WARNING].values["cells"]] == ["regulations.rules.repealed"]


def test_a_dash_in_an_identity_is_not_assessable_never_zero() -> None:
    """6 = 6 + 0 + … + 「—」: with the dash as 0 the row total holds, but SPEC treats no mark as 0 — not assessable."""
    findings = audit(_row(clean_text("2021", "plain"), "2.其他法律行政法规禁止公开", "6 6 0 0 0 0 —"))
    assert not [f for f in findings if f.severity >= Severity.WARNING and f.code.startswith("NUM")]
    not_assessable = _coded(findings, "NUM008")
    assert not_assessable
    for finding in not_assessable:
        assert "横线" in finding.message.zh and "dash" in finding.message.en


# ── FEE002 ───────────────────────────────────────────────────────────────────────────────────────────────
_ACCOUNTED = "本年度发出信息处理费收费通知3件，申请人均逾期未缴纳，实际收取信息处理费0元。"


def test_fee_notices_with_nothing_collected_are_not_called_a_contradiction() -> None:
    clean = clean_text("2021", "plain")
    assert _ACCOUNTED in clean and not _coded(audit(clean), "FEE002")
    [fee] = _coded(audit(clean.replace(_ACCOUNTED, "本年度无收取信息处理费情况。", 1)), "FEE002")
    assert fee.severity == Severity.WARNING
    assert fee.name == "fee-notices-not-accounted"
    assert "没有交代" in fee.message.zh and "可以同时成立" in fee.message.zh
    assert "不一致" not in fee.message.zh and "矛盾" not in fee.message.zh
    assert "does not account for" in fee.message.en
    assert not re.search(r"contradict|disagree|but section 6 says", fee.message.en)
    assert fee.values["unpaid_fee_notices"] == 3


@pytest.mark.parametrize("run", ["——————", "———", "///"])
def test_marks_run_together_on_a_flattened_page_are_one_per_column(run: str) -> None:
    """The real flattened page pingtan-2022 with its 规章 row's 「000」 replaced by three marks run together."""
    text = (REAL / "pingtan-2022-flattened.txt").read_text(encoding="utf-8")
    assert "规章000行政规范性文件" in text
    report = _parse(text.replace("规章000行政规范性文件", f"规章{run}行政规范性文件", 1))
    row = report.tables["regulations"].rows["rules"]
    assert not row.unread
    assert [cell.kind for cell in row.cells.values()] == ["dash", "dash", "dash"]
    assert "".join(cell.raw for cell in row.cells.values()) == run


def test_a_mark_run_that_cannot_be_cut_evenly_stays_unread() -> None:
    text = (REAL / "pingtan-2022-flattened.txt").read_text(encoding="utf-8")
    report = _parse(text.replace("规章000行政规范性文件", "规章————行政规范性文件", 1))
    assert report.tables["regulations"].rows["rules"].unread


def test_a_table_of_marks_only_is_a_warning_not_undisclosed_figures() -> None:
    """Seed 003 with both rows of 第二十条第（一）项 marked: nothing happened, said in the wrong notation — one NUM007
    for the report's marks (a warning: the dashes leave that table unchecked), no NUM009 for the table besides."""
    text = _seed_003("——").replace("行政规范性文件\t0\t0\t0", "行政规范性文件\t无\t无\t无", 1)
    findings = audit(text)
    assert not [f for f in findings if f.code == "NUM009"]
    [table] = [f for f in findings if f.code == "NUM007"]
    assert table.severity == Severity.WARNING and len(table.values["cells"]) == 6
    assert table.values["no_figures"] == ["regulations"] and len(table.values["read_as_zero"]) == 3
    assert "not applicable" in table.message.en and "未公开" not in table.message.zh
    blank = seed_path("003").read_text(encoding="utf-8").replace(_RULES_ROW, "规章\t\t\t", 1)
    blank = blank.replace("行政规范性文件\t0\t0\t0", "行政规范性文件\t\t\t", 1)
    assert [f.severity for f in audit(blank) if f.code == "NUM009"] == [Severity.ERROR]  # blanks: undisclosed


def _blank_regulations() -> str:
    text = seed_path("003").read_text(encoding="utf-8").replace(_RULES_ROW, "规章\t\t\t", 1)
    return text.replace("行政规范性文件\t0\t0\t0", "行政规范性文件\t\t\t", 1)


def test_a_blank_table_beside_figures_no_row_took_is_a_warning_that_it_may_be_misread() -> None:
    """All cells blank is certain only when nothing else was there: figures left outside every row in the same
    section (TAB008) mean the layout may not have been read, so NUM009 is a warning that says so."""
    eng = engine()
    report = _parse(_blank_regulations())
    assert [f.severity for f in eng.check_report(report) if f.code == "NUM009"] == [Severity.ERROR]
    report.gaps.append(Gap("stray_row", section="二", detail={"cells": ["", "", "0"]}))
    report.gaps.append(Gap("stray_row", section="三", detail={"cells": ["7"]}))  # another section's: not counted
    [table] = [f for f in eng.check_report(report) if f.code == "NUM009"]
    assert table.severity == Severity.WARNING and table.values["stray_figures"] == 1
    assert "可能是表格排版未被正确读出" in table.message.zh and "may not have been read" in table.message.en
    report.gaps[-2] = Gap("stray_row", section="二", detail={"cells": ["", "", ""]})  # a layout row of blanks
    assert [f.severity for f in eng.check_report(report) if f.code == "NUM009"] == [Severity.ERROR]


def test_cells_written_a_figure_a_line_with_the_bar_apart_are_never_told_as_undisclosed() -> None:
    """A mirror's layout: 「规章  |」 then each figure on a tab-indented line and the last bar on a line of its own.
    Whether or not the reader can place the figures, the table is not declared unfilled as certain."""
    cells = "  | \n\t\t\t0  | \n\t\t\t0  | \n\t\t\t0\n   | "
    text = seed_path("003").read_text(encoding="utf-8").replace(_RULES_ROW, "规章" + cells, 1)
    text = text.replace("行政规范性文件\t0\t0\t0", "行政规范性文件" + cells, 1)
    assert Severity.ERROR not in [f.severity for f in audit(text) if f.code == "NUM009"]
