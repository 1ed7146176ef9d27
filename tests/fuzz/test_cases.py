"""Every input fuzzing found that crashed, hung or blew up the auditor (``tests/fuzz/cases``, README there) ends
with findings or one clear fatal finding: never SYS003, never a traceback, within the per-file budget."""

from __future__ import annotations

import io
import threading
import time
import types
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditor import config as cfg
from auditor.document import Location, RawCell
from auditor.engine import Engine, FileResult
from auditor.errors import ConfigError
from auditor.hookspecs import WARNING, Text, hookimpl, rule
from auditor.metadata import extract
from auditor.normalize import classify_cell, parse_number
from auditor.plugins import Plugins
from auditor.readers import Limits
from auditor.recover import Unit, _splits
from auditor.reporters.xlsx_format import XlsxReporter
from auditor.reporting import RunInfo, Summary
from auditor.rule import Severity
from tests.conftest import seed_path

CASES = Path(__file__).resolve().parent / "cases"
FILES = sorted(p for p in CASES.iterdir() if p.suffix in (".txt", ".docx"))


@pytest.fixture(scope="module")
def engine() -> Engine:
    engine = Engine(Plugins(), limits=Limits(max_seconds=30.0))  # generous: a hang guard, not a timing test
    engine.warm_up()
    return engine


def _codes(result: FileResult) -> list[str]:
    return [f.code for f in result.findings]


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_reproducer_ends_cleanly_and_exports_a_valid_workbook(engine: Engine, path: Path) -> None:
    result = engine.check_file(str(path))
    assert "SYS003" not in _codes(result)
    assert not any(f.code == "SYS006" and "--timeout" in f.message.en for f in result.findings)
    out = io.BytesIO()
    reporter = XlsxReporter()
    reporter.begin(out, RunInfo(engine.plugins.rules))
    reporter.file(result)
    summary = Summary()
    summary.add(result, Severity.ERROR)
    reporter.end(summary)
    workbook = openpyxl.load_workbook(io.BytesIO(out.getvalue()))
    assert workbook.sheetnames[0] and workbook.worksheets[1].max_row == len(result.findings) + 1


def test_a_cell_too_long_to_be_a_count_is_a_value_domain_finding(engine: Engine) -> None:
    result = engine.check_file(str(CASES / "sys003-parse_number-4301digits.txt"))
    domain = [f for f in result.findings if f.code == "NUM005"]
    assert domain and "4301 digits" in domain[0].message.en and len(domain[0].message.en) < 200
    assert parse_number("9" * 4301) is None and classify_cell("9" * 4301) == ("number", None, None)
    assert parse_number("9" * 15) == (int("9" * 15), None)
    assert parse_number("1." + "5" * 10) == (Decimal("1." + "5" * 10), None)
    assert parse_number("1." + "5" * 11) is None


def test_a_date_that_does_not_exist_settles_no_year() -> None:
    meta = extract((CASES / "sys003-metadata-feb31.txt").read_text(encoding="utf-8").split("\n"))
    assert meta.statistics_period is not None and meta.statistics_period.value["start"] == ""
    assert meta.report_year is None


@pytest.mark.parametrize("name", ["sys003-docx-zlib-error.docx", "sys003-docx-rels-zlib.docx"])
def test_a_damaged_deflate_stream_is_an_unreadable_file_with_its_reason(engine: Engine, name: str) -> None:
    result = engine.check_file(str(CASES / name))
    assert _codes(result) == ["SYS001"]
    assert "inflate" in result.findings[0].message.en


def test_a_document_of_too_many_paragraphs_stops_at_the_line_limit(engine: Engine) -> None:
    result = engine.check_file(str(CASES / "slow-mem-docx-28KB.docx"))
    assert _codes(result) == ["SYS006"] and "--max-lines" in result.findings[0].message.en


def test_deadlines_must_be_days_of_every_year() -> None:
    with pytest.raises(ConfigError) as caught:
        cfg.load(str(CASES / "dat007-config" / "auditor.toml"))
    assert "02-30" in caught.value.en and "not a day of every year" in caught.value.en
    for bad in ("02-29", "04-31", "13-01", "00-10"):
        with pytest.raises(ConfigError):
            cfg.from_mapping({"deadlines": {"government": bad}})
    assert cfg.from_mapping({"deadlines": {"government": "02-28", "township": "12-31"}}).deadlines["government"]
    with pytest.raises(ConfigError):
        cfg.from_mapping({"select": []})


# ── splitting runs of digits: bounded, and the same splits as trying every cut ───────────────────────────
def _unit(*texts: str, kinds: tuple[str, ...] = ("count",) * 7) -> Unit:
    pieces = tuple(RawCell(text, Location(1, 1)) for text in texts)
    return Unit("row", pieces, tuple(f"t.row.c{i}" for i in range(len(kinds))), kinds)


def _reference(texts: list[str], kinds: tuple[str, ...]) -> set[tuple[str, ...]]:
    """Every cut of the runs into plainly written numbers, by brute force."""
    import itertools
    import re

    plain = {"count": re.compile(r"0|[1-9]\d{0,14}"), "amount": re.compile(r"(?:0|[1-9]\d{0,14})(?:\.\d{1,10})?")}
    out = set()
    sizes = [len(t) for t in texts]
    for counts in itertools.product(*(range(1, len(kinds) + 1) for _ in texts)):
        if sum(counts) != len(kinds):
            continue
        numbers: list[list[str]] = [[]]
        for text, count in zip(texts, counts, strict=True):
            cuts = [c for c in itertools.combinations(range(1, len(text)), count - 1)]
            numbers = [
                done + [text[a:b] for a, b in zip((0, *cut), (*cut, len(text)), strict=True)]
                for done in numbers
                for cut in cuts
            ]
        for split in numbers:
            if all(
                plain["amount" if k == "amount" else "count"].fullmatch(n) for n, k in zip(split, kinds, strict=True)
            ):
                out.add(tuple(split))
    assert sizes
    return out


@given(st.lists(st.text("0123.", min_size=1, max_size=6), min_size=1, max_size=3), st.integers(2, 5), st.booleans())
def test_splits_are_every_plain_cut(texts: list[str], columns: int, amount: bool) -> None:
    kinds = ("count",) * (columns - 1) + (("amount",) if amount else ("count",))
    found = _splits(_unit(*texts, kinds=kinds))
    assert found is not None
    assert set(found) == _reference(texts, kinds)


def test_long_runs_of_digits_are_left_unsplit_at_once() -> None:
    assert _splits(_unit("1" * 4001)) == []  # more digits than seven figures can hold: no split
    assert _splits(_unit("12345678901234567890123456789012345678")) is None  # too many splits: ambiguous
    assert _splits(_unit("71300007²")) is not None  # ² is read as the digit 2, as cells are
    assert _splits(_unit("71300007x")) == []  # anything else: no split


# ── the per-file budget covers the whole pipeline, in any thread ─────────────────────────────────────────
@rule(code="TST101", name="slow-rule", severity=WARNING, summary=Text("慢", "slow"), explanation=Text("慢", "slow"))
def _slow(report: object, ctx: object) -> list:
    time.sleep(0.6)
    return []


def _slow_engine(seconds: float) -> Engine:
    plugin = types.ModuleType("slow_plugin")
    plugin.auditor_rules = hookimpl(lambda: [_slow])  # type: ignore[attr-defined]
    return Engine(Plugins(extra=[("slow", plugin)]), limits=Limits(max_seconds=seconds))


def _past_budget(result: FileResult) -> bool:
    return _codes(result) == ["SYS006"] and "--timeout" in result.findings[0].message.en


def test_a_rule_past_the_budget_is_one_sys006_and_the_batch_goes_on() -> None:
    engine = _slow_engine(0.3)
    results = list(engine.check_paths([str(seed_path("000")), str(seed_path("001"))]))
    assert all(_past_budget(result) for result in results)
    assert _codes(_slow_engine(30).check_file(str(seed_path("000")))).count("SYS006") == 0


def test_the_budget_holds_in_a_worker_thread_as_dask_runs_tasks() -> None:
    results: list[FileResult] = []
    thread = threading.Thread(target=lambda: results.append(_slow_engine(0.3).check_file(str(seed_path("000")))))
    thread.start()
    thread.join(30)
    assert results and _past_budget(results[0])


def test_parsing_is_inside_the_budget() -> None:
    engine = Engine(Plugins(), limits=Limits(max_seconds=1e-6))
    assert _past_budget(engine.check_file(str(CASES / "hang-numbers-180.txt")))
