"""`error` only when the defect is certain from what was read; never 通过 for a report whose tables were not read.

General claims, tried on generated reports (auditor.synth) and checked on the canonical model the engine sees:

- a figure lost, or run into its neighbour, never leaves a report passing — unless what was read back is what was
  written (a run whose split is certain); a run the table's identities split one way only is inferred (TAB009), and
  a split that assumes the identities cannot show that they hold: such a report is 无法审查, never 通过;
- a finding that rests on an inferred cell is at most a warning, and says so;
- a table that is unread, in part or as a whole, or a row short of a cell, makes the report 无法审查.
"""

from __future__ import annotations

import random
import re

from hypothesis import given
from hypothesis import strategies as st

from auditor import synth
from auditor.model import INFERRED, Report
from auditor.parse import parse_document, parse_file
from auditor.readers.text import document_from_text
from auditor.rule import Finding, Severity
from auditor.verdict import STATISTICS_SECTIONS, Verdict, is_assessed, verdict_of
from tests.conftest import ROOT
from tests.rules.helpers import engine

IDENTITY_CODES = ("NUM001", "NUM002", "NUM003", "NUM004")
FIGURE = re.compile(r"\d+(?:\.\d+)?")
SEPARATOR = {"tab-separated": "\t", "plain": " "}


def _parse(text: str) -> Report:
    return parse_document(document_from_text(text, "gen.txt", "text"))


def _verdict(report: Report) -> tuple[Verdict, list[Finding]]:
    findings = engine().check_report(report, "gen.txt")
    return verdict_of(findings, is_assessed(report), Severity.ERROR), findings


def _figures(text: str, layout: str) -> list[tuple[int, int]]:
    """(line, token) of every figure in the statistics tables (sections 二 to 四) of a rendered report."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("二、"))
    end = next(i for i, line in enumerate(lines) if line.startswith("五、"))
    out = []
    for i in range(start, end):
        tokens = [lines[i].strip()] if layout == "cell-per-line" else lines[i].split(SEPARATOR[layout])
        out.extend((i, k) for k, token in enumerate(tokens) if FIGURE.fullmatch(token.strip()))
    return out


def _mutated(text: str, layout: str, at: tuple[int, int], merge: bool) -> str | None:
    """The text with one figure deleted, or run into the next figure of its row (no separator between them). A 0
    run into its neighbour is left alone: 「05」 is no number, so where the boundary was is certain."""
    lines = text.split("\n")
    i, k = at
    if merge and (lines[i].strip() if layout == "cell-per-line" else lines[i].split(SEPARATOR[layout])[k]) == "0":
        return None
    if layout == "cell-per-line":
        if merge:
            if not FIGURE.fullmatch(lines[i + 1].strip()):
                return None
            lines[i] += lines.pop(i + 1).strip()
        else:
            del lines[i]
        return "\n".join(lines)
    tokens = lines[i].split(SEPARATOR[layout])
    if merge:
        if k + 1 >= len(tokens) or not FIGURE.fullmatch(tokens[k + 1].strip()):
            return None
        tokens[k : k + 2] = [tokens[k] + tokens[k + 1]]
    else:
        del tokens[k]
    lines[i] = SEPARATOR[layout].join(tokens)
    return "\n".join(lines)


@given(
    st.integers(0, 2**31),
    st.sampled_from(("cell-per-line", "tab-separated", "plain")),
    st.sampled_from(synth.VARIANTS),
    st.booleans(),
    st.data(),
)
def test_a_figure_lost_or_run_into_its_neighbour_never_passes(
    seed: int, layout: str, variant: str, merge: bool, data: st.DataObject
) -> None:
    spec = synth.random_spec(random.Random(seed), variant)
    text = synth.render(spec, layout, synth.Noise(), seed=seed)
    assert _verdict(_parse(text))[0] is Verdict.PASS  # the clean report passes: what follows is the mutation's doing
    at = data.draw(st.sampled_from(_figures(text, layout)), label="figure")
    mutated = _mutated(text, layout, at, merge)
    if mutated is None:
        return
    report = _parse(mutated)
    verdict, findings = _verdict(report)
    if verdict is Verdict.PASS:  # only if every figure read is the one written: none inferred
        assert merge, [f.code for f in findings]
        expected = synth.expected_values(spec)
        for table in report.tables.values():
            for row in table.rows.values():
                for column, cell in row.cells.items():
                    name = f"{table.id}.{row.id}.{column}"
                    assert cell.value == expected.get(name, cell.value), name
        assert not _inferred_cells(report)
    if _inferred_cells(report):  # split by the identities: said once (TAB009), and not assessed
        assert verdict is Verdict.NOT_ASSESSED and "TAB009" in {f.code for f in findings}
    _assert_guesses_are_warnings(report, findings)


def _inferred_cells(report: Report) -> set[str]:
    return {
        f"{table.id}.{row.id}.{column}"
        for table in report.tables.values()
        for row in table.rows.values()
        for column, cell in row.cells.items()
        if cell.inferred
    }


def _assert_guesses_are_warnings(report: Report, findings: list[Finding]) -> None:
    """Every identity finding naming an inferred cell is at most a warning, and says it rests on a guess."""
    inferred = _inferred_cells(report)
    for finding in findings:
        if finding.code not in IDENTITY_CODES:
            continue
        entries = finding.values.get("left", []) + finding.values.get("right", [])
        guessed = {entry["cell"] for entry in entries} & inferred
        if guessed:
            assert finding.severity <= Severity.WARNING, finding.message.en
            assert guessed <= set(finding.values["uncertain_cells"])
            assert "推断" in finding.message.zh and "inference" in finding.message.en


@given(st.integers(0, 2**31), st.sampled_from(synth.VARIANTS), st.data())
def test_an_identity_finding_resting_on_an_inferred_cell_is_at_most_a_warning(
    seed: int, variant: str, data: st.DataObject
) -> None:
    spec = synth.random_spec(random.Random(seed), variant)
    cells = sorted(k for k in synth.expected_values(spec) if k.startswith(("applications.", "review_litigation.")))
    changed = data.draw(st.sampled_from(cells), label="changed")
    spec.values[changed] = int(spec.values[changed] or 0) + data.draw(st.integers(1, 50), label="delta")
    report = _parse(synth.render(spec, "cell-per-line", synth.Noise(), seed=seed))
    guessed = data.draw(st.lists(st.sampled_from(cells), min_size=1, max_size=4, unique=True), label="inferred")
    for name in guessed:
        table_id, row_id, column = name.split(".")
        cell = report.tables[table_id].rows[row_id].cells[column]
        cell.confidence = report.tables[table_id].rows[row_id].confidence = INFERRED
    verdict, findings = _verdict(report)
    identity = [f for f in findings if f.code in IDENTITY_CODES]
    assert identity  # the changed cell breaks at least one identity
    _assert_guesses_are_warnings(report, findings)
    # a row with an inferred cell was read by assuming the identities: the report is not assessed, whatever they say
    assert verdict is Verdict.NOT_ASSESSED


def _statistics_rows(report: Report) -> list[tuple[str, str]]:
    return [
        (table.id, row_id)
        for table in report.tables.values()
        if table.section in STATISTICS_SECTIONS
        for row_id in table.rows
    ]


@given(st.integers(0, 2**31), st.sampled_from(synth.VARIANTS), st.sampled_from(("row", "cell", "table")), st.data())
def test_a_report_with_any_unread_table_part_is_never_passed(
    seed: int, variant: str, part: str, data: st.DataObject
) -> None:
    spec = synth.random_spec(random.Random(seed), variant)
    report = _parse(synth.render(spec, "cell-per-line", synth.Noise(), seed=seed))
    table_id, row_id = data.draw(st.sampled_from(_statistics_rows(report)), label="row")
    table = report.tables[table_id]
    row = table.rows[row_id]
    if part == "row":
        row.mark_unread("ambiguous_digits", "1234")
    elif part == "table":
        table.mark_unread("layout_not_recognised")
    else:  # a cell the row lost: which column's figure is gone is unknown
        del row.cells[data.draw(st.sampled_from(sorted(row.cells)), label="column")]
    assert not is_assessed(report)
    assert _verdict(report)[0] is Verdict.NOT_ASSESSED


# ── real shapes ──────────────────────────────────────────────────────────────────────────────────────────────
ERRCHECK = ROOT / "tests" / "fixtures" / "errcheck"


def test_a_run_no_identity_checks_is_not_read_as_one_digit_a_cell_when_a_blank_cell_reads_it_otherwise() -> None:
    # 平潭 公安局 2022: 「规章000行政规范性文件417」. 「000」 is 0 | 0 | 0 (00 is no number); 「417」 is 4 | 1 | 7, or
    # 41 | 7 | · … with a cell left blank, and table 二 has no identity to tell them apart. It was read 4 | 1 | 7 and
    # the report passed; now the row is one TAB004 (could not be read) and the report is 无法审查. Nothing suggests the
    # report is at fault (one digit a cell is the only reading without blanks), so the TAB004 is information.
    report = parse_file(ERRCHECK / "regulations-run-without-identity-2022.txt")
    regulations = report.tables["regulations"]
    assert [cell.raw for cell in regulations.rows["rules"].cells.values()] == ["0", "0", "0"]
    row = regulations.rows["normative_documents"]
    assert row.unread and row.reason == "blank_cells" and row.detail == "417"
    verdict, findings = _verdict(report)
    unread = [f for f in findings if f.code == "TAB004"]
    assert [(f.severity, f.values["rows"]) for f in unread] == [(Severity.INFO, ["normative_documents"])]
    assert "417" in unread[0].message.zh and "空白单元格" in unread[0].message.zh
    assert not [f for f in findings if f.severity >= Severity.WARNING]
    assert verdict is Verdict.NOT_ASSESSED


def test_a_table_with_a_run_that_splits_several_ways_keeps_its_tab004_warning() -> None:
    # 「417」 beside 「693665」 (three cells, several splits without any blank): the table's one TAB004 is a warning.
    text = (ERRCHECK / "regulations-run-without-identity-2022.txt").read_text(encoding="utf-8")
    assert "规章000" in text
    report = _parse(text.replace("规章000", "规章693665"))
    verdict, findings = _verdict(report)
    unread = [f for f in findings if f.code == "TAB004"]
    assert [(f.severity, sorted(f.values["reasons"].values())) for f in unread] == [
        (Severity.WARNING, ["ambiguous_digits", "blank_cells"])
    ]
    assert verdict is Verdict.NOT_ASSESSED
