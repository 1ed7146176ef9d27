"""One wrong line, one finding: a column of table 三 off in several rows (or a row off in several columns) breaks
I-1, I-2 and I-3 many times over; a careful checker writes one finding naming the line's cells, and the identities
it breaks are not reported again. One wrong cell is one finding too (tests/rules/test_identity_cell.py); two
independent defects are reported as before."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from auditor import synth
from auditor.hookspecs import ERROR
from auditor.parse import parse_document
from auditor.readers.text import document_from_text
from tests.rules.helpers import engine

IDENTITY_CODES = {"NUM001", "NUM002", "NUM003"}
APPLICANTS = ("natural_person", "commercial", "research", "public_interest", "legal_services", "other")
LAYOUTS = ("cell-per-line", "tab-separated", "pipe-separated", "plain")


def _identity_findings(spec: synth.Spec, layout: str, seed: int) -> list:
    text = synth.render(spec, layout, synth.Noise(), seed=seed)
    report = parse_document(document_from_text(text, "gen.txt", "text"))
    return [f for f in engine().check_report(report, "gen.txt") if f.code in IDENTITY_CODES]


def _rows(spec: synth.Spec) -> list[str]:
    return sorted({k.split(".")[1] for k in synth.expected_values(spec) if k.startswith("applications.")})


def _shift(spec: synth.Spec, cells: list[str], deltas: list[int]) -> None:
    for cell, delta in zip(cells, deltas, strict=True):
        spec.values[cell] = int(spec.values[cell] or 0) + delta


@given(st.integers(0, 2**31), st.sampled_from(LAYOUTS), st.sampled_from(synth.VARIANTS), st.data())
def test_a_wrong_total_column_is_one_finding_naming_its_rows(
    seed: int, layout: str, variant: str, data: st.DataObject
) -> None:
    spec = synth.random_spec(random.Random(seed), variant)
    rows = data.draw(st.lists(st.sampled_from(_rows(spec)), min_size=2, max_size=6, unique=True), label="rows")
    cells = sorted(f"applications.{row}.total" for row in rows)
    _shift(spec, cells, data.draw(st.lists(st.integers(1, 50), min_size=len(cells), max_size=len(cells))))
    findings = _identity_findings(spec, layout, seed)
    assert len(findings) == 1, [f.message.en for f in findings]
    finding = findings[0]
    assert finding.code == "NUM003" and finding.severity == ERROR
    assert finding.values["line"] == {"column": "total"}
    assert sorted(c["cell"] for c in finding.values["cells"]) == cells
    for entry in finding.values["cells"]:
        assert entry["value"] == spec.values[entry["cell"]]
        row = entry["cell"].rsplit(".", 1)[0]
        assert entry["expected"] == sum(int(spec.values[f"{row}.{c}"] or 0) for c in APPLICANTS)
    for cell in cells:  # every row named, with its figure, in both languages
        assert cell in finding.message.en
        assert f"{spec.values[cell]}，" in finding.message.zh


@given(st.integers(0, 2**31), st.sampled_from(LAYOUTS), st.sampled_from(synth.VARIANTS), st.data())
def test_a_wrong_total_row_is_one_finding_naming_its_columns(
    seed: int, layout: str, variant: str, data: st.DataObject
) -> None:
    spec = synth.random_spec(random.Random(seed), variant)
    columns = data.draw(st.lists(st.sampled_from(APPLICANTS), min_size=2, max_size=4, unique=True), label="columns")
    cells = [f"applications.grand_total.{column}" for column in columns]
    _shift(spec, cells, data.draw(st.lists(st.integers(1, 50), min_size=len(cells), max_size=len(cells))))
    findings = _identity_findings(spec, layout, seed)
    assert len(findings) == 1, [f.message.en for f in findings]
    finding = findings[0]
    assert finding.code == "NUM002"  # (七)总计 = the outcome rows: the identity where the row stands alone
    assert finding.values["line"] == {"row": "grand_total"}
    assert sorted(c["cell"] for c in finding.values["cells"]) == sorted(cells)
    assert {e["rule"] for e in finding.values["explains"]} >= {"NUM001", "NUM002", "NUM003"}


@given(st.integers(0, 2**31), st.sampled_from(LAYOUTS), st.sampled_from(synth.VARIANTS), st.data())
def test_two_independent_defects_are_both_reported_as_before(
    seed: int, layout: str, variant: str, data: st.DataObject
) -> None:
    spec = synth.random_spec(random.Random(seed), variant)
    outcomes = list(synth.outcome_rows(variant))
    rows = data.draw(st.lists(st.sampled_from(outcomes), min_size=2, max_size=4, unique=True), label="rows")
    other_row = data.draw(st.sampled_from([r for r in _rows(spec) if r not in rows]), label="other row")
    other = f"applications.{other_row}.{data.draw(st.sampled_from(APPLICANTS), label='column')}"
    cells = [f"applications.{row}.total" for row in rows] + [other]
    _shift(spec, cells, data.draw(st.lists(st.integers(1, 50), min_size=len(cells), max_size=len(cells))))
    findings = _identity_findings(spec, layout, seed)
    assert not [f for f in findings if "line" in f.values]
    failing_rows = {f.values["instance"]["row"] for f in findings if f.code == "NUM003"}
    assert failing_rows == {*rows, other_row}  # every row of the total column, and the other defect's row
    columns = {f.values["instance"]["column"] for f in findings if f.code in ("NUM001", "NUM002")}
    assert {"total", other.split(".")[2]} <= columns  # the total column's sum, and the other cell's column
