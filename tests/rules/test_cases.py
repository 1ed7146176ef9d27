"""The built-in rules' cases kept as data (``tests/rules/cases/*.yml``), run by the same runner plugins use."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.testing import Case, check_case, load_cases

CASES = load_cases(Path(__file__).parent / "cases")


@pytest.mark.parametrize("case", CASES, ids=str)
def test_rule_case(case: Case) -> None:
    check_case(case)


def test_every_case_file_is_named_after_its_rule() -> None:
    for case in CASES:
        assert Path(case.file).stem == case.rule, case.file
