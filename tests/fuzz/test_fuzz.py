"""Fuzzing in CI: a few hundred hostile inputs over the four formats (``tests/fuzz/mutate.py``) and hypothesis's own
text and bytes. Each must end with findings or one fatal finding — never SYS003, never an exception, never past the
per-file budget. ``benchmarks/fuzz.py --minutes N`` runs the same generators at length."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from auditor.engine import Engine, FileResult
from auditor.plugins import Plugins
from auditor.readers import Limits
from auditor.reporting import RunInfo, Summary
from auditor.rule import Severity
from tests.conftest import seed_path
from tests.fuzz import mutate


def _fuzz(examples: int) -> settings:
    """A fixed number of examples whatever the profile: enough to catch regressions, few enough for CI."""
    return settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)


@pytest.fixture(scope="module")
def engine() -> Engine:
    engine = Engine(Plugins(), limits=Limits(max_seconds=10.0))
    engine.warm_up()
    return engine


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def _clean(engine: Engine, folder: Path, name: str, data: bytes) -> None:
    outcome = mutate.audit(engine, folder / f"input{Path(name).suffix}", name, data)
    assert outcome.crash is None, f"{name}: {outcome.crash}"
    assert not outcome.over_budget, f"{name}: {outcome.seconds:.1f} s"


@pytest.mark.parametrize(("kind", "examples"), [("text", 90), ("docx", 45), ("html", 45), ("pdf", 30)])
def test_mutated_reports_in_every_format(engine: Engine, folder: Path, kind: str, examples: int) -> None:
    @_fuzz(examples)
    @given(st.randoms(use_true_random=False))
    def run(rng: random.Random) -> None:
        _clean(engine, folder, *mutate.FORMATS[kind](rng))

    run()


@_fuzz(40)
@given(st.binary(max_size=4096), st.sampled_from([".txt", ".docx", ".html", ".pdf", ".md"]))
def test_arbitrary_bytes(engine: Engine, folder: Path, data: bytes, suffix: str) -> None:
    _clean(engine, folder, f"bytes{suffix}", data)


@_fuzz(40)
@given(st.text(max_size=300), st.integers(0, 500), st.sampled_from(["utf-8", "gb18030", "utf-16"]))
def test_arbitrary_text_inside_a_report(engine: Engine, folder: Path, text: str, line: int, encoding: str) -> None:
    lines = seed_path("001").read_text(encoding="utf-8").split("\n")
    lines.insert(min(line, len(lines)), text)
    _clean(engine, folder, f"text-inside-{encoding}.txt", "\n".join(lines).encode(encoding, "replace"))


def _exports(engine: Engine, result: FileResult) -> dict[str, bytes]:
    outputs = {}
    for name in ("xlsx", "junit", "html", "sarif", "json"):
        reporter = type(engine.plugins.reporters[name])()
        out: io.BytesIO | io.StringIO = io.BytesIO() if reporter.binary else io.StringIO()
        reporter.begin(out, RunInfo(engine.plugins.rules))
        reporter.file(result)
        summary = Summary()
        summary.add(result, Severity.ERROR)
        reporter.end(summary)
        value = out.getvalue()
        outputs[name] = value if isinstance(value, bytes) else value.encode("utf-8")
    return outputs


@_fuzz(20)
@given(st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from("\x00\x1b\ufffe\uffff\x85"), max_size=40))
def test_every_xml_export_holds_any_report_text(engine: Engine, folder: Path, title: str) -> None:
    """A body name or title with characters XML cannot hold still gives a valid workbook, JUnit file and page."""
    text = seed_path("002").read_text(encoding="utf-8")
    path = folder / "title.txt"
    path.write_text(
        title.replace("\n", " ") + "人民政府2022年政府信息公开工作年度报告\n" + text, encoding="utf-8", errors="replace"
    )
    outputs = _exports(engine, engine.check_file(str(path)))
    openpyxl.load_workbook(io.BytesIO(outputs["xlsx"]))
    etree.fromstring(outputs["junit"])
    json.loads(outputs["sarif"])
    json.loads(outputs["json"])
    assert outputs["html"].decode("utf-8")
