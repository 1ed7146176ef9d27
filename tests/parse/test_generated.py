"""Property tests: random valid reports in every layout, with noise, parse back to exactly what was generated;
garbage and truncated input never raise anything but the clear errors."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from auditor import synth
from auditor.errors import AuditorError
from auditor.parse import parse_document
from auditor.readers.text import document_from_text, read_text
from tests.strategies import generated_reports


def _cells(report: object) -> dict[str, object]:
    return {
        f"{table_id}.{row_id}.{column}": cell.value
        for table_id, table in report.tables.items()  # type: ignore[attr-defined]
        for row_id, row in table.rows.items()
        for column, cell in row.cells.items()
    }


@given(generated_reports())
def test_round_trip(generated: tuple[synth.Spec, str, str]) -> None:
    spec, layout, text = generated
    report = parse_document(document_from_text(text, f"<{layout}>", "text"))
    assert _cells(report) == synth.expected_values(spec)
    assert report.template.variant == spec.variant
    assert report.metadata.year == spec.year
    body = report.metadata.issuing_body
    assert body is not None
    assert body.text == (spec.body if spec.signing_date else spec.body_in_title) or body.text == spec.body
    assert [s.id for s in report.sections] == list("一二三四五六")
    if spec.signing_date:
        assert report.metadata.signing_date is not None
        assert report.metadata.signing_date.value == spec.signing_date.isoformat()
    else:
        assert report.metadata.signing_date is None
    period = report.metadata.statistics_period
    if spec.period:
        assert period is not None and period.value["start"] == f"{spec.year}-01-01"
        assert period.value["end"] == f"{spec.year}-12-31"
    else:
        assert period is None
    kinds = [c.kind for c in report.metadata.format_citations]
    assert kinds == ([f"format-{spec.variant}"] if spec.citation else [])
    assert report.structure == "template"
    assert not report.gaps, report.gaps


@given(generated_reports(), st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le", "utf-16-be"]))
def test_encodings_are_detected(generated: tuple[synth.Spec, str, str], encoding: str) -> None:
    spec, _layout, text = generated
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = text.encode("utf-16-be")
    report = parse_document(read_text(data, "<bytes>"))
    assert _cells(report) == synth.expected_values(spec)
    assert report.source.encoding is not None


@given(generated=generated_reports())
def test_generated_json_validates(generated: tuple[synth.Spec, str, str], report_validator: object) -> None:
    _spec, layout, text = generated
    report = parse_document(document_from_text(text, f"<{layout}>", "text"))
    document = json.loads(json.dumps(report.to_json(), ensure_ascii=False))
    errors = list(report_validator.iter_errors(document))  # type: ignore[attr-defined]
    assert not errors, errors[0].message


@given(generated_reports(), st.floats(min_value=0.0, max_value=1.0))
def test_truncated_reports_give_a_model_with_gaps_or_a_clear_error(
    generated: tuple[synth.Spec, str, str], fraction: float
) -> None:
    _spec, _layout, text = generated
    cut = text[: int(len(text) * fraction)]
    try:
        report = parse_document(read_text(cut.encode("utf-8") or b" ", "<cut>"))
    except AuditorError as exc:
        assert exc.path == "<cut>"
        return
    # What the cut removed is recorded, not silently absent: every section not found is a gap.
    found = {section.id for section in report.sections}
    missing = {gap.section for gap in report.gaps if gap.kind == "missing_section"}
    assert found | missing == set("一二三四五六") and not found & missing


@given(st.binary(max_size=4000))
def test_garbage_bytes_fail_cleanly(data: bytes) -> None:
    try:
        parse_document(read_text(data, "<junk>"))
    except AuditorError as exc:
        assert exc.path == "<junk>"
        assert exc.en and exc.zh


@given(st.text(max_size=3000))
def test_garbage_text_fails_cleanly(text: str) -> None:
    try:
        report = parse_document(read_text(text.encode("utf-8"), "<text>"))
    except AuditorError:
        return
    assert report.gaps or report.sections


@given(generated_reports(), st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=20))
def test_shuffled_lines_never_crash(generated: tuple[synth.Spec, str, str], picks: list[int]) -> None:
    _spec, _layout, text = generated
    lines = text.split("\n")
    for pick in picks:  # move lines around: rows and sections out of order, duplicated, lost
        source, target = pick % len(lines), (pick // 7) % len(lines)
        lines.insert(target, lines.pop(source))
    try:
        report = parse_document(document_from_text("\n".join(lines), "<moved>", "text"))
    except AuditorError:
        return
    assert report.structure in ("template", "loose")
