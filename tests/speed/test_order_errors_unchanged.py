"""Speed work changes no output, where the fixtures do not reach: what the parser says at a template-order error.

A document whose labels stand out of the format's order is read with ``loose_report``, and the ``template_order``
gap records the token the template parse stopped at and the terminals it expected there (TAB006 builds its message
from them). Those sets come from the LALR table's lookaheads, so a grammar refactor that keeps the language can still
change them (inlining ``_tail: _prose*`` did). Documents made from the synthetic clean reports of both formats, each
with two neighbouring pipe rows swapped or a header cell left out or
cut short (a misspelt header, read as prose), are parsed, and their order gaps compared with the recorded ones.
"""

from __future__ import annotations

import json

import pytest

from auditor.parse import parse_document
from auditor.readers.text import document_from_text
from tests.rules.helpers import clean_text
from tests.speed.test_output_unchanged import compare


def _damaged(text: str) -> list[tuple[str, str]]:
    """(what was changed, document) for each pair of neighbouring table rows swapped, and each cell of each header
    row (a row of two or more cells and no figures) left out or cut short by its last character."""
    lines = text.split("\n")
    out = []
    for i in range(len(lines) - 1):
        first, second = lines[i], lines[i + 1]
        if first.startswith("|") and second.startswith("|") and "---" not in first + second and first != second:
            out.append((f"rows swapped at line {i}", "\n".join([*lines[:i], second, first, *lines[i + 2 :]])))
        cells = first.strip("|").split("|")
        if first.startswith("|") and len(cells) > 1 and not any(c.strip()[:1].isdigit() for c in cells):
            for k in range(len(cells)):
                for how, cell in (("left out", []), ("cut short", [cells[k].rstrip()[:-1]])):
                    header = "|" + "|".join(cells[:k] + cell + cells[k + 1 :]) + "|"
                    out.append((f"header cell {k} {how} at line {i}", "\n".join([*lines[:i], header, *lines[i + 1 :]])))
    return out


@pytest.mark.parametrize("variant", ["2019", "2021"])
def test_order_gaps_of_damaged_tables_are_unchanged(variant: str, request: pytest.FixtureRequest) -> None:
    found = []
    for change, text in _damaged(clean_text(variant, "pipe-separated")):
        report = parse_document(document_from_text(text, "report.txt", "text"))
        gaps = [gap.to_json() for gap in report.gaps if gap.kind == "template_order"]
        found.append({"path": f"{variant}, {change}", "structure": report.structure, "order_gaps": gaps})
    assert sum(1 for entry in found if entry["order_gaps"]) >= 10  # the changes do break the order
    compare(json.dumps({"files": found}, ensure_ascii=False, indent=1), f"order-gaps.{variant}.json", request)
