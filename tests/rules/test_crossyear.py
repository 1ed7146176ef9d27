"""Cross-year identities X-1 and X-2 over a batch holding one body's consecutive years."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import pytest

from auditor import synth
from auditor.cli import main


def _pair(tmp_path: Path, carry_mismatch: bool = False, in_force_mismatch: bool = False) -> tuple[Path, Path]:
    """Two reports of one body, 2022 and 2023, consistent with each other unless told otherwise."""
    first = synth.random_spec(random.Random(11), "2021")
    second = synth.random_spec(random.Random(12), "2021")
    for spec, year in ((first, 2022), (second, 2023)):
        spec.year, spec.citation, spec.period = year, True, True
        spec.signing_date = dt.date(year + 1, 1, 15)
        spec.body, spec.body_in_title = "临江市桃源镇人民政府", "临江市桃源镇"
    # This year's carried over is last year's carried forward, column by column; the year's own balance is kept by
    # moving the difference to new applications or to carried forward (whichever stays non-negative).
    parts = ("natural_person", "commercial", "research", "public_interest", "legal_services", "other")
    for column in parts:
        carried = int(first.values[f"applications.carried_forward.{column}"] or 0)
        delta = carried - int(second.values[f"applications.carried_over.{column}"] or 0)
        second.values[f"applications.carried_over.{column}"] = carried
        target = "carried_forward" if delta > 0 else "new_received"
        second.values[f"applications.{target}.{column}"] = int(
            second.values[f"applications.{target}.{column}"] or 0
        ) + abs(delta)
    for row_id in ("new_received", "carried_over", "carried_forward"):
        second.values[f"applications.{row_id}.total"] = sum(
            int(second.values[f"applications.{row_id}.{c}"] or 0) for c in parts
        )
    if carry_mismatch:
        for row in ("carried_over", "carried_forward"):
            for column in ("natural_person", "total"):
                name = f"applications.{row}.{column}"
                second.values[name] = int(second.values[name] or 0) + 1
    row = "regulations.normative_documents"
    second.values[f"{row}.in_force"] = (
        int(first.values[f"{row}.in_force"] or 0)
        + int(second.values[f"{row}.issued"] or 0)
        - int(second.values[f"{row}.repealed"] or 0)
    )
    if in_force_mismatch:
        second.values[f"{row}.in_force"] = int(second.values[f"{row}.in_force"] or 0) + 5
    paths = []
    for spec, name in ((first, "taoyuan-2022.txt"), (second, "taoyuan-2023.txt")):
        path = tmp_path / name
        path.write_text(synth.render(spec, "plain", synth.Noise()), encoding="utf-8")
        paths.append(path)
    return paths[0], paths[1]


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, dict]:
    # Two synthetic reports share their stock prose, which NAR014 (tests/rules/test_copypaste.py) rightly reports.
    code = main(["check", *args, "--format", "json", "--ignore", "NAR014"])
    return code, json.loads(capsys.readouterr().out)


def test_consistent_years_are_paired_and_pass(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, second = _pair(tmp_path)
    code, document = _run([str(tmp_path)], capsys)
    cross = document["summary"]["cross_file"]
    assert cross["findings"] == []
    (note,) = [n for n in cross["notes"] if n["check"] == "cross-year"]  # NAR016 notes its pairs too
    assert note["paired"] and note["years"] == [2022, 2023] and note["match"] == "same name"
    assert note["files"] == [str(first), str(second)]
    assert code == 0


def test_carry_over_mismatch_names_both_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, second = _pair(tmp_path, carry_mismatch=True)
    code, document = _run([str(tmp_path), "--fail-on", "warning"], capsys)
    findings = document["summary"]["cross_file"]["findings"]
    assert sorted((f["code"], f["place"]["column"]) for f in findings) == [
        ("XYR001", "natural_person"),
        ("XYR001", "total"),
    ]
    assert all(f["path"] == str(second) and f["values"]["last_year_file"] == str(first) for f in findings)
    assert code == 1


def test_in_force_mismatch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _pair(tmp_path, in_force_mismatch=True)
    _code, document = _run([str(tmp_path)], capsys)
    (finding,) = document["summary"]["cross_file"]["findings"]
    assert finding["code"] == "XYR002" and finding["place"]["row"] == "normative_documents"
    assert finding["values"]["in_force"] == finding["values"]["expected"] + 5


def test_two_reports_for_one_year_are_not_paired(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, _second = _pair(tmp_path, carry_mismatch=True)
    (tmp_path / "copy.txt").write_text(first.read_text(encoding="utf-8"), encoding="utf-8")
    _code, document = _run([str(tmp_path)], capsys)
    notes = document["summary"]["cross_file"]["notes"]
    (note,) = [n for n in notes if n["check"] == "cross-year"]
    assert not note["paired"]
    # No cross-year finding; the duplicate itself is reported once (XYR003).
    assert [f["code"] for f in document["summary"]["cross_file"]["findings"]] == ["XYR003"]


def test_parallel_run_gives_the_same_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _pair(tmp_path, carry_mismatch=True)
    for number in ("000", "001", "002", "003", "004"):
        from tests.conftest import seed_path

        (tmp_path / f"seed-{number}.txt").write_bytes(seed_path(number).read_bytes())
    _code, serial = _run([str(tmp_path)], capsys)
    _code, parallel = _run([str(tmp_path), "--jobs", "2"], capsys)
    assert serial == parallel


@pytest.mark.parametrize("fmt", ["sarif", "junit", "github", "gitlab", "text"])
def test_cross_year_findings_reach_every_format(tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    _pair(tmp_path, carry_mismatch=True)
    main(["check", str(tmp_path), "--format", fmt])
    assert "XYR001" in capsys.readouterr().out
