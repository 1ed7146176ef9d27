"""The plugin's rule cases (tests/cases/*.yml): each a report that breaks the rule or one that does not."""

from __future__ import annotations

from pathlib import Path

import pytest
from auditor_units import rules

from auditor.testing import Case, check_case, load_cases


@pytest.mark.parametrize("case", load_cases(Path(__file__).parent / "cases"), ids=str)
def test_rule_case(case: Case) -> None:
    check_case(case, rules)
