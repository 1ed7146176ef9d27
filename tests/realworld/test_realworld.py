"""The real-world corpus: every report's warning/error/fatal findings, verdict and key cells, exactly as expected.

The expectations (``expected/*.toml``) were verified by hand (README.md says how). A case the tool does not meet yet
carries ``pending = "…"`` and runs as a strict xfail: main stays green, and the day it passes the xfail fails, so that
the mark is removed and the case guards the fix from then on.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.config import Config
from auditor.engine import Engine, FileResult
from auditor.plugins import default_plugins
from tests.realworld.expectations import EXPECTED, Expectation, compare, load_all

HERE = Path(__file__).resolve().parent
NOT_REPORTS = {"README.md", "NARRATIVE.md", "make_fixtures.py", "expectations.py", "test_realworld.py", "__init__.py"}

EXPECTATIONS = load_all()


def _case(expectation: Expectation) -> object:
    marks = [pytest.mark.xfail(strict=True, reason=expectation.pending)] if expectation.pending else []
    return pytest.param(expectation, id=expectation.name, marks=marks)


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(default_plugins(), Config())


_RESULTS: dict[str, FileResult] = {}


def _check(engine: Engine, expectation: Expectation) -> FileResult:
    if expectation.name not in _RESULTS:
        _RESULTS[expectation.name] = engine.check_file(str(expectation.path), keep_tables=True)
    return _RESULTS[expectation.name]


@pytest.mark.parametrize("expectation", [_case(e) for e in EXPECTATIONS])
def test_findings_verdict_and_cells(engine: Engine, expectation: Expectation) -> None:
    result = _check(engine, expectation)
    outcome = compare(expectation, result)
    problems = [f"unexpected {s} {c} at {p!r}" for (s, c, p) in sorted(outcome.false_positives.elements())]
    problems += [f"missing {s} {c} at {p!r}" for (s, c, p) in sorted(outcome.false_negatives.elements())]
    if outcome.verdict != expectation.verdict:
        problems.append(f"verdict {outcome.verdict}, expected {expectation.verdict}")
    problems += [f"cell {wrong}" for wrong in outcome.cells_wrong]
    problems += [f"missing info {code}" for code in outcome.info_missing]
    assert not problems, f"{expectation.path.name}:\n  " + "\n  ".join(problems)


def test_every_corpus_file_has_an_expectation() -> None:
    files = {p.name for p in HERE.iterdir() if p.is_file() and p.name not in NOT_REPORTS}
    covered = {e.path.name for e in EXPECTATIONS}
    assert files - covered == set(), "corpus files without expected/<file>.toml"
    for expectation in EXPECTATIONS:
        assert expectation.path.is_file(), f"{expectation.name}: {expectation.path} does not exist"
        assert expectation.verdict in {"pass", "fail", "not_assessed", "unreadable"}, expectation.name
        assert (EXPECTED / f"{expectation.path.name}.toml").is_file(), "an expectation is named after its file"


def test_the_readme_lists_every_pending_case() -> None:
    readme = (HERE / "README.md").read_text(encoding="utf-8")
    pending = readme.split("## Pending cases", 1)[1].split("Passing today", 1)[0]
    missing = [e.name for e in EXPECTATIONS if e.pending and e.name not in pending]
    stale = [e.name for e in EXPECTATIONS if not e.pending and e.name in pending]
    assert not missing, f"pending but not in the README's list: {missing}"
    assert not stale, f"in the README's pending list but passing: {stale}"


def test_the_comparison_catches_a_finding_that_is_not_listed(engine: Engine) -> None:
    """The exact comparison fails on an extra finding (here: a control with its findings list emptied of one)."""
    seed = next(e for e in EXPECTATIONS if e.name == "002_33c66f99cc935577.txt")
    result = _check(engine, seed)
    stripped = Expectation(seed.name, seed.path, seed.verdict, seed.findings - seed.findings, seed.cells, None, "")
    outcome = compare(stripped, result)
    assert outcome.false_positives == seed.findings  # every finding the stripped list no longer has, DAT006 among them
    assert ("error", "DAT006", "signature...") in outcome.false_positives
