"""The rule called directly on reports made with auditor.testing (what the YAML cases do, in Python)."""

from __future__ import annotations

from auditor_units import rules

from auditor.testing import clean_text, report_from_dict, run_rule


def test_applications_in_tiao_are_reported_at_their_line() -> None:
    text = clean_text().replace("一、总体情况\n", "一、总体情况\n全年受理依申请公开信息1条。\n", 1)
    found = run_rule(rules.applications_counted_in_tiao, text)
    line = next(n for n, line in enumerate(text.split("\n"), 1) if "依申请公开信息1条" in line)
    assert [(f.code, f.line, f.values["count"]) for f in found] == [("UNIT001", line, 1)]


def test_a_clean_report_passes() -> None:
    assert run_rule(rules.applications_counted_in_tiao, report_from_dict({"variant": "2019"})) == []
