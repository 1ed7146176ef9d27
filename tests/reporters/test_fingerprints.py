"""Fingerprints follow the defect, not the line: stable when text moves, distinct for distinct defects.

Each machine format carries them (``fingerprint`` in json, ``partialFingerprints`` in sarif, a path-qualified hash
in gitlab), and a baseline matches on them, so they are checked through the command line.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SEED_FILES, CheckRun

# Seed 001 (2021 format, every cell 0); line numbers of cells in its tables.
NEW_RECEIVED_NATURAL_PERSON = 85  # 三 applications.new_received.natural_person
CARRIED_OVER_COMMERCIAL = 95  # 三 applications.carried_over.commercial
REVIEW_UPHELD = 391  # 四 review_litigation.review.upheld (结果维持)
MOVED_BY = ["", "", "（本稿为征求意见稿，仅供内部审阅。）", ""]


def _write(path: Path, lines: list[str]) -> str:
    path.write_text("\n".join(lines), encoding="utf-8")
    return str(path)


def _seed_lines(number: str) -> list[str]:
    return SEED_FILES[number].read_text(encoding="utf-8").split("\n")


def _with_cells(values: dict[int, str]) -> list[str]:
    lines = _seed_lines("001")
    for line, value in values.items():
        assert lines[line - 1] == "\t0", f"line {line} of seed 001 is not a 0 cell"
        lines[line - 1] = "\t" + value
    return lines


def _findings(check: Callable[..., CheckRun], path: str) -> list[dict[str, Any]]:
    run = check(path, "--format", "json")
    (result,) = json.loads(run.out)["files"]
    findings: list[dict[str, Any]] = result["findings"]
    return findings


def _keys(findings: list[dict[str, Any]]) -> Counter[tuple[str, str]]:
    return Counter((f["code"], f["fingerprint"]) for f in findings)


@pytest.mark.parametrize("number", sorted(SEED_FILES))
def test_stable_when_every_line_moves(number: str, check: Callable[..., CheckRun], tmp_path: Path) -> None:
    before = _findings(check, _write(tmp_path / "report.txt", _seed_lines(number)))
    after = _findings(check, _write(tmp_path / "report.txt", MOVED_BY + _seed_lines(number)))
    assert before, "every seed has findings"
    assert _keys(after) == _keys(before)
    moved = {(f["code"], f["fingerprint"]): f["line"] for f in after}
    for finding in before:
        if finding["line"] is not None and finding["line"] > 1:  # line 1 findings are about the missing preamble
            assert moved[(finding["code"], finding["fingerprint"])] == finding["line"] + len(MOVED_BY)


def test_a_cell_defect_keeps_its_fingerprint_when_the_text_moves(
    check: Callable[..., CheckRun], tmp_path: Path
) -> None:
    defects = {NEW_RECEIVED_NATURAL_PERSON: "3", REVIEW_UPHELD: "1"}
    before = _findings(check, _write(tmp_path / "draft.txt", _with_cells(defects)))
    after = _findings(check, _write(tmp_path / "draft.txt", MOVED_BY + _with_cells(defects)))
    numeric = [f for f in before if f["code"].startswith("NUM")]
    assert {f["code"] for f in numeric} == {"NUM001", "NUM004"}  # 新收·自然人 breaks I-1 and I-3: one finding
    assert _keys(after) == _keys(before)
    lines_after = {f["fingerprint"]: f["line"] for f in after}
    for finding in numeric:
        assert lines_after[finding["fingerprint"]] == finding["line"] + len(MOVED_BY)

    # The same holds in every machine format that carries a fingerprint.
    for fmt in ("sarif", "gitlab"):
        outputs = []
        for lines in (_with_cells(defects), MOVED_BY + _with_cells(defects)):
            run = check(_write(tmp_path / "draft.txt", lines), "--format", fmt)
            document = json.loads(run.out)
            if fmt == "sarif":
                outputs.append(
                    sorted(r["partialFingerprints"]["auditorFingerprint/v1"] for r in document["runs"][0]["results"])
                )
            else:
                outputs.append(sorted(issue["fingerprint"] for issue in document))
        assert outputs[0] == outputs[1]


def test_distinct_defects_in_one_report_have_distinct_fingerprints(
    check: Callable[..., CheckRun], tmp_path: Path
) -> None:
    # Two cells, in different rows and columns, break the same identity in two columns: one rule, two defects.
    # (Two cells of one row would be one wrong row: one finding.)
    draft = _write(
        tmp_path / "draft.txt", _with_cells({NEW_RECEIVED_NATURAL_PERSON: "3", CARRIED_OVER_COMMERCIAL: "2"})
    )
    findings = _findings(check, draft)
    balance = [f for f in findings if f["code"] == "NUM001"]
    assert sorted(f["place"]["column"] for f in balance) == ["commercial", "natural_person"]
    assert balance[0]["fingerprint"] != balance[1]["fingerprint"]
    fingerprints = [f["fingerprint"] for f in findings]
    assert len(set(fingerprints)) == len(fingerprints)


@pytest.mark.parametrize("number", sorted(SEED_FILES))
def test_no_two_findings_of_a_seed_share_a_fingerprint(number: str, check: Callable[..., CheckRun]) -> None:
    """Seed 001 numbers all six headings 1、…6、: one habit, one SEC004 (one fingerprint) naming each heading."""
    findings = _findings(check, str(SEED_FILES[number]))
    fingerprints = [f["fingerprint"] for f in findings]
    assert len(set(fingerprints)) == len(fingerprints)
    if number == "001":
        assert sum(1 for f in findings if f["code"] == "SEC004") == 1
