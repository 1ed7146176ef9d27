"""One cause, one finding; rules see only what was read; verdicts (issue 9).

Each suppression is shown on a seed with one deliberate deletion: exactly one new error or warning comes out.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from auditor.config import Config
from auditor.engine import Engine
from auditor.model import INFERRED, READ, TableRow
from auditor.parse import parse_document, parse_file
from auditor.plugins import Plugins
from auditor.readers.text import document_from_text
from auditor.rule import Severity
from auditor.verdict import Verdict, gate_fails, is_assessed
from tests.conftest import ROOT, SEED_FILES, CheckRun

REAL = ROOT / "tests" / "fixtures" / "real"
SEED = SEED_FILES["004"]  # cell-per-line: a label, then one line per cell; no table error or warning of its own


def _engine() -> Engine:
    # The narrative's findings (seed 004's C-7 warning, NAR008) are not this module's subject.
    return Engine(Plugins(), Config(ignore=["NAR"]))


def _serious(text: str) -> list[str]:
    report = parse_document(document_from_text(text, "report.txt", "text"))
    return sorted(f.code for f in _engine().check_report(report, "report.txt") if f.severity >= Severity.WARNING)


def _delete(text: str, label: str, count: int) -> str:
    """Delete the line holding ``label`` and the ``count`` lines after it."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.strip() == label)
    return "\n".join(lines[:start] + lines[start + count + 1 :])


def test_the_seed_is_clean() -> None:
    assert _serious(SEED.read_text(encoding="utf-8")) == []


def test_a_missing_row_is_one_finding() -> None:
    # No cell count (NUM006), no order (TAB006), no identity through the row (NUM002/NUM008): only TAB002.
    text = _delete(SEED.read_text(encoding="utf-8"), "2.其他法律行政法规禁止公开", 7)
    assert _serious(text) == ["TAB002"]


def test_a_row_missing_a_cell_is_one_finding() -> None:
    # Which column lost its figure is unknown: the row is unread (TAB004), not a cell-count or identity error.
    lines = SEED.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.strip() == "3.危及“三安全一稳定”")
    del lines[at + 1]  # one of its seven cells
    assert _serious("\n".join(lines)) == ["TAB004"]


def test_unread_rows_take_no_part_and_are_named_once() -> None:
    text = SEED.read_text(encoding="utf-8")
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.strip() == "（一）予以公开")
    del lines[at + 1]
    report = parse_document(document_from_text("\n".join(lines), "report.txt", "text"))
    row = report.tables["applications"].rows["disclosed"]
    assert row.unread and row.reason == "missing_cells"
    assert all(cell.confidence == "unread" for cell in row.cells.values())
    assert report.tables["applications"].cell("disclosed", "total") is None  # rules do not see it
    findings = [f for f in _engine().check_report(report, "r.txt") if f.severity >= Severity.WARNING]
    assert [f.code for f in findings] == ["TAB004"]
    assert findings[0].values["rows"] == ["disclosed"] and "（一）予以公开" in findings[0].message.zh
    assert not is_assessed(report)
    assert report.to_json()["tables"]["applications"]["confidence"] == "unread"


def test_a_run_of_digits_broken_by_a_stray_space_is_recovered() -> None:
    report = parse_file(REAL / "pingtan-2021-flattened.txt")
    row = report.tables["applications"].rows["partially_disclosed"]
    assert [cell.raw for cell in row.cells.values()] == ["5", "0", "0", "0", "0", "0", "5"]
    # seven digits for seven cells: one plain split, read as written (not a guess)
    assert row.confidence == READ and not any(cell.inferred for cell in row.cells.values())
    chosen = report.tables["applications"].rows["new_received"]  # 「640020470」: the row total chose one of 12
    assert chosen.confidence == INFERRED and all(cell.inferred for cell in chosen.cells.values())
    codes = [f.code for f in _engine().check_report(report, "p.txt")]
    assert "NUM006" not in codes


def _pingtan_2022(old: str, new: str) -> list:
    """The flattened pingtan-2022 page with one run of digits changed: its identity findings."""
    text = (REAL / "pingtan-2022-flattened.txt").read_text(encoding="utf-8")
    assert text.count(old) == 1
    report = parse_document(document_from_text(text.replace(old, new), "p.txt", "text"))
    return [f for f in _engine().check_report(report, "p.txt") if f.code.startswith("NUM")]


def test_a_violation_on_a_run_with_one_plain_split_is_what_it_is_for_a_clear_table() -> None:
    # 「8100008」: seven digits for seven cells, one split only (8|1|0|0|0|0|8): the row total 8 ≠ 9 is certain.
    # The same cell, （二）·总计, breaks I-2 too, and 9 there makes both hold: one finding naming the cell. It is an
    # error (I-3 fails on cells read as written) that says I-2 rests on a guess: （七）总计 「723000075」, which the
    # identities chose among seven splits.
    findings = _pingtan_2022("不计其他情形） 8100009", "不计其他情形） 8100008")
    assert [(f.code, f.severity) for f in findings] == [("NUM003", Severity.ERROR)]
    [cell] = findings
    assert cell.values["cell"] == {"cell": "applications.partially_disclosed.total", "value": 8, "expected": 9}
    assert [e["identity"] for e in cell.values["explains"]] == ["I-2", "I-3"]
    assert list(cell.values["uncertain_identities"]) == ["I-2"] and "uncertain_cells" not in cell.values
    assert "I-2 依赖推断" in cell.message.zh and "I-2 rest(s) on cells read by inference" in cell.message.en


def test_a_violation_on_runs_the_identities_split_stays_an_inferred_warning() -> None:
    # 结转 「1000001」 (read) breaks I-1 with 新收 「713000074」 and 总计 「723000075」, split by the row totals
    findings = _pingtan_2022("四、结转下年度继续办理 0000000", "四、结转下年度继续办理 1000001")
    balance = [f for f in findings if f.code == "NUM001"]
    assert balance and all(f.severity == Severity.WARNING for f in balance)
    assert all("推断" in f.message.zh and "inference" in f.message.en for f in balance)
    assert all("applications.carried_forward.total" not in f.values["uncertain_cells"] for f in balance)


def test_a_table_with_rows_the_format_lacks_is_a_cell_count_error() -> None:
    report = parse_file(SEED_FILES["003"])
    table = report.tables["applications"]
    extra = TableRow("other_handling", None, dict(table.rows["confirmation"].cells))  # a 2019 row in a 2021 table
    table.rows["other_handling"] = extra
    found = [f for f in _engine().check_report(report, "r.txt") if f.code == "NUM006"]
    assert len(found) == 1 and found[0].values == {"expected": 175, "found": 182}


def test_a_violation_resting_on_inferred_cells_is_a_warning() -> None:
    report = parse_file(SEED_FILES["003"])
    cell = report.tables["applications"].rows["new_received"].cells["total"]
    cell.value = (cell.value or 0) + 1
    strict = [f for f in _engine().check_report(report, "r.txt") if f.code == "NUM003"]
    assert strict and all(f.severity == Severity.ERROR for f in strict)
    cell.confidence = INFERRED
    guessed = [f for f in _engine().check_report(report, "r.txt") if f.code == "NUM003"]
    assert guessed and all(f.severity == Severity.WARNING for f in guessed)
    assert all("推断" in f.message.zh and "inference" in f.message.en for f in guessed)


# ── verdicts ───────────────────────────────────────────────────────────────────────────────────────────
def _verdict(path: Path) -> Verdict:
    return _engine().check_file(str(path)).verdict(Severity.ERROR)


def test_verdict_pass_and_fail() -> None:
    assert _verdict(SEED_FILES["003"]) is Verdict.PASS
    assert _verdict(SEED_FILES["002"]) is Verdict.FAIL  # DAT006


def test_a_blank_template_is_not_assessed() -> None:
    result = _engine().check_file(str(REAL / "blank-2021-template.docx"))
    assert not result.assessed and result.verdict(Severity.ERROR) is Verdict.NOT_ASSESSED
    blank = [f for f in result.findings if f.code == "NUM009"]
    (unfilled,) = blank  # one omission: the six tables 二 (four), 三, 四 named in one error
    assert unfilled.severity == Severity.ERROR and len(unfilled.values["tables"]) == 6
    assert "NUM007" not in [f.code for f in result.findings]  # the blank cells are that one cause


def test_unreadable_and_not_a_report(tmp_path: Path) -> None:
    binary = tmp_path / "scan.pdf"
    binary.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 4)
    assert _verdict(binary) is Verdict.UNREADABLE
    memo = tmp_path / "memo.txt"
    memo.write_text("会议纪要\n今天开会。\n", encoding="utf-8")
    assert _verdict(memo) is Verdict.NOT_ASSESSED


def test_not_assessed_fails_the_gate_unless_relaxed(check: Callable[..., CheckRun]) -> None:
    flattened = str(REAL / "pingtan-2022-flattened.txt")  # one table row stays ambiguous: warnings only
    result = _engine().check_file(flattened)
    assert result.verdict(Severity.ERROR) is Verdict.NOT_ASSESSED
    assert gate_fails(result.findings, result.assessed, Severity.ERROR)
    assert not gate_fails(result.findings, result.assessed, Severity.ERROR, fail_on_unassessed=False)
    assert check(flattened).code == 1
    assert check(flattened, "--no-fail-on-unassessed").code == 0


def test_figures_on_a_group_label_are_read_as_its_first_row_by_assumption() -> None:
    # The label 1.属于国家秘密 deleted: its figures follow （三）不予公开 and are read as that row's (SPEC §4.1 I-2),
    # an assumption: one finding (TAB007), and the row's cells are marked inferred (a violation there: a warning).
    text = _delete(SEED.read_text(encoding="utf-8"), "1.属于国家秘密", 0)
    assert _serious(text) == ["TAB007"]
    report = parse_document(document_from_text(text, "report.txt", "text"))
    row = report.tables["applications"].rows["state_secret"]
    assert row.confidence == INFERRED and all(cell.inferred for cell in row.cells.values())


def _without_review_figures(keep: int) -> str:
    """Seed 004 with the fifteen figures of table 四 (one per line after the headers) cut to ``keep``."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("四、政府信息公开行政复议"))
    figures = [i for i in range(start, len(lines)) if lines[i].strip() == "0"][:15]
    assert len(figures) == 15 and figures[-1] - figures[0] == 14
    return "\n".join(lines[: figures[0] + keep] + lines[figures[-1] + 1 :])


def test_a_table_without_its_figures_is_one_finding() -> None:
    # Before: a cell-count error for the table and another for its missing cells. Now: one TAB004 (no figures).
    assert _serious(_without_review_figures(0)) == ["TAB004"]
    assert _serious(_without_review_figures(9)) == ["TAB004"]  # which six are missing is unknown


def test_the_configuration_can_relax_the_gate(check: Callable[..., CheckRun], tmp_path: Path) -> None:
    flattened = str(REAL / "pingtan-2022-flattened.txt")
    config = tmp_path / "auditor.toml"
    config.write_text("[tool.auditor]\nfail-on-unassessed = false\n", encoding="utf-8")
    assert check(flattened, "--config", str(config)).code == 0
    assert check(flattened, "--config", str(config), "--fail-on-unassessed").code == 1  # the command line wins
    config.write_text("[tool.auditor]\nfail-on-unassessed = 'no'\n", encoding="utf-8")
    assert check(flattened, "--config", str(config)).code == 2  # not a boolean: a configuration error


def test_the_html_export_shows_how_cells_were_read(check: Callable[..., CheckRun], tmp_path: Path) -> None:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.strip() == "3.危及“三安全一稳定”")
    del lines[at + 1]
    broken = tmp_path / "report.txt"
    broken.write_text("\n".join(lines), encoding="utf-8")
    page = tmp_path / "audit.html"
    assert check(str(broken), "--format", "html", "-o", str(page)).code == 1  # 无法审查 fails the gate
    html = page.read_text(encoding="utf-8")
    assert 'data-verdict="not_assessed"' in html and "无法审查" in html
    assert html.count(" unread") >= 6 and "未能读取，不参与核对" in html  # the row's six cells, drawn greyed


def _without_section(path: Path, heading: str, until: str | None) -> str:
    """The report with the section whose heading starts with ``heading`` cut out, up to the heading ``until``."""
    lines = path.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith(heading))
    end = next(i for i, line in enumerate(lines) if line.startswith(until)) if until else len(lines)
    return "\n".join(lines[:start] + lines[end:])


def _serious_findings(text: str) -> list:
    report = parse_document(document_from_text(text, "report.txt", "text"))
    return [f for f in _engine().check_report(report, "report.txt") if f.severity >= Severity.WARNING]


def test_a_missing_section_takes_its_tables_with_it_in_one_finding() -> None:
    # Section 二 cut out of seed 004: one SEC001 naming its four tables, not SEC001 + TAB001 four times.
    found = _serious_findings(_without_section(SEED, "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况"))
    assert [f.code for f in found] == ["SEC001"]
    assert found[0].values["tables"] == ["regulations", "licensing", "enforcement", "fees"]
    assert "第二十条第（一）项" in found[0].message.zh and "Article 20 item (1)" in found[0].message.en
    # A table missing from a section that is there is still TAB001's.
    lines = SEED.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("四、政府信息公开行政复议"))
    end = next(i for i, line in enumerate(lines) if line.startswith("五、"))
    text = "\n".join([*lines[: start + 1], "本年度未发生政府信息公开行政复议、行政诉讼案件。", *lines[end:]])
    assert [f.code for f in _serious_findings(text)] == ["TAB001"]


def test_a_missing_section_six_is_not_also_a_missing_fee_statement() -> None:
    # Seed 002 without section 六 (its fee statement was there): SEC001 alone, not SEC001 + FEE001.
    text = _without_section(SEED_FILES["002"], "六、其他需要报告的事项", None)
    codes = [f.code for f in _serious_findings(text)]
    assert "SEC001" in codes and "FEE001" not in codes
    # Section 六 there without the statement: FEE001.
    text = SEED_FILES["002"].read_text(encoding="utf-8")
    statement = next(line for line in text.split("\n") if "处理费" in line)
    assert "FEE001" in [f.code for f in _serious_findings(text.replace(statement, "无。"))]


def test_rows_missing_one_after_another_are_one_finding() -> None:
    # Seed 004 without 3.危及“三安全一稳定” and 4.保护第三方合法权益 (a block of the table, each a label and seven
    # figures): one TAB002 naming both; two rows missing apart are two omissions, two findings.
    text = _delete(_delete(SEED.read_text(encoding="utf-8"), "3.危及“三安全一稳定”", 7), "4.保护第三方合法权益", 7)
    found = _serious_findings(text)
    assert [f.code for f in found] == ["TAB002"]
    assert found[0].place.row == "three_securities" and found[0].values["rows"] == ["three_securities", "third_party"]
    assert "4.保护第三方合法权益" in found[0].message.zh and "2 rows in a row" in found[0].message.en
    apart = _delete(_delete(SEED.read_text(encoding="utf-8"), "3.危及“三安全一稳定”", 7), "（七）总计", 7)
    assert [(f.code, f.place.row) for f in _serious_findings(apart)] == [
        ("TAB002", "three_securities"),
        ("TAB002", "grand_total"),
    ]


def test_a_table_section_with_nothing_under_its_heading_is_one_finding() -> None:
    # Seed 004's section 四 with its heading and nothing else: its missing table (TAB001), not an empty-section
    # warning besides.
    lines = SEED.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("四、政府信息公开行政复议"))
    end = next(i for i, line in enumerate(lines) if line.startswith("五、"))
    found = _serious_findings("\n".join(lines[: start + 1] + lines[end:]))
    assert [(f.code, f.severity, f.place.table) for f in found] == [("TAB001", Severity.ERROR, "review_litigation")]
    # A section without tables that is empty stays the empty-section warning.
    start = next(i for i, line in enumerate(lines) if line.startswith("五、"))
    end = next(i for i, line in enumerate(lines) if line.startswith("六、"))
    found = _serious_findings("\n".join(lines[: start + 1] + lines[end:]))
    assert [(f.code, f.severity) for f in found if f.code == "SEC006"] == [("SEC006", Severity.WARNING)]


def test_the_narrative_weighs_a_run_with_one_plain_split_as_read() -> None:
    # 「办结率100%」 against 结转 「1000001」 (seven digits, seven cells: read as written): a warning, as for a clear
    # table, not the info a figure the identities chose gets.
    text = (REAL / "pingtan-2022-flattened.txt").read_text(encoding="utf-8")
    text = text.replace("四、结转下年度继续办理 0000000", "四、结转下年度继续办理 1000001")
    report = parse_document(document_from_text(text, "p.txt", "text"))
    found = [f for f in Engine(Plugins(), Config()).check_report(report, "p.txt") if f.code == "NAR002"]
    assert [f.severity for f in found] == [Severity.WARNING]


def test_more_figures_than_section_four_has_cells_is_one_unread_table() -> None:
    # Huaian's table 四 (a web table, a cell a line between bars) with its first figure written twice: sixteen figures
    # for fifteen cells. Which fifteen are the table's is unknown; taking the first fifteen shifted every figure and
    # gave three NUM004 errors. Now one TAB004: the table could not be read.
    page = ROOT / "tests" / "fixtures" / "layouts" / "huaian-2024-pipe-lines.txt"
    lines_list = page.read_text(encoding="utf-8").split("\n")
    heading = next(i for i, line in enumerate(lines_list) if line.startswith("四、政府信息公开行政复议"))
    first = next(i for i in range(heading, len(lines_list)) if lines_list[i].strip().isdigit())
    text = "\n".join([*lines_list[: first + 1], lines_list[first], *lines_list[first + 1 :]])
    found = [f for f in _serious_findings(text) if f.place.section == "四"]
    assert [f.code for f in found] == ["TAB004"]
    assert found[0].values["reasons"] == {"*": "extra_cells"}


def test_a_section_heading_missing_before_its_tables_is_one_finding() -> None:
    # Seed 004 without the heading 二 (its tables stand right after section 一) or 三 (its table after 二's): the
    # heading is missing (SEC001, saying the tables are there), not also an order warning (TAB006) at the first table.
    for heading in ("二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况"):
        found = _serious_findings(_delete(SEED.read_text(encoding="utf-8"), heading, 0))
        assert [f.code for f in found] == ["SEC001"], heading
        assert found[0].values["tables_found"] and "标题" in found[0].message.zh and "heading" in found[0].message.en
    # A table missing besides, in a section whose heading is missing, is still its own finding.
    text = _delete(_delete(SEED.read_text(encoding="utf-8"), "二、主动公开政府信息情况", 0), "第二十条第（八）项", 8)
    assert sorted(f.code for f in _serious_findings(text)) == ["SEC001", "TAB001"]


def test_a_missing_overview_is_not_also_missing_accountability_results() -> None:
    # Seed 002 without section 一 (where its 考核 sentence stood): SEC001, not SEC001 + NAR011.
    text = _without_section(SEED_FILES["002"], "一、总体情况", "二、主动公开政府信息情况")
    report = parse_document(document_from_text(text, "report.txt", "text"))
    codes = [f.code for f in Engine(Plugins(), Config()).check_report(report, "report.txt")]
    assert "SEC001" in codes and "NAR011" not in codes
