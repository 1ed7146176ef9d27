"""TAB005 blames the author only for what the author typed: in a layout a reader rebuilt (PDF, web page, text
flattened from one, markdown export), a single space inside a label is where a table cell wrapped.

Fixtures: the real flattened page tests/fixtures/real/pingtan-2022-flattened.txt (its 「社会公益 组织」-style wraps),
and the clean synthetic report of tests/rules/helpers.py with one label edited, read as .txt and as .md.
"""

from __future__ import annotations

from auditor.parse import parse_document
from auditor.readers.text import document_from_text
from auditor.rule import Finding
from tests.conftest import REAL
from tests.rules.helpers import audit, clean_text, engine


def _tab005(text: str, path: str) -> list[Finding]:
    return [f for f in audit(text, path) if f.code == "TAB005"]


def test_cell_wrap_spaces_on_a_flattened_web_page_are_not_reported() -> None:
    path = REAL / "pingtan-2022-flattened.txt"
    report = parse_document(document_from_text(path.read_text(encoding="utf-8"), str(path), "text"))
    assert report.source.layout == "flattened"
    labels = [
        label.as_written
        for t in report.tables.values()
        for label in (t.caption, *t.headers, *t.groups.values(), *(row.label for row in t.rows.values()))
        if label is not None
    ]
    assert any(" " in label for label in labels)  # the wraps are there …
    assert not [f for f in engine().check_report(report, str(path)) if f.code == "TAB005"]  # … and not blamed


def test_a_single_space_is_reported_in_typed_text_but_not_in_a_markdown_export() -> None:
    text = clean_text("2021", "plain").replace("\n结果维持\n", "\n结果维 持\n", 1)
    assert "结果维 持" in text
    assert _tab005(text, "report.txt")
    assert not _tab005(text, "report.md")


def test_half_width_punctuation_is_reported_whatever_the_source() -> None:
    text = clean_text("2021", "plain").replace("（二）部分公开", "(二)部分公开", 1)
    for path in ("report.txt", "report.md"):
        [finding] = _tab005(text, path)
        assert "(二)部分公开" in finding.message.zh


def test_a_double_space_stays_reported_in_an_extracted_source() -> None:
    text = clean_text("2021", "plain").replace("\n结果维持\n", "\n结果维  持\n", 1)
    assert _tab005(text, "report.md")
