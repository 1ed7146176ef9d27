"""Shared test fixtures: paths to the bundled reports, a schema validator, ``auditor check`` run in-process."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SEEDS = FIXTURES / "seeds"
REAL = FIXTURES / "real"
SEED_FILES = {path.name[:3]: path for path in sorted(SEEDS.glob("*.txt"))}

# The project's results must not depend on the third-party plugins installed in the environment (a rule author's
# plugin installed into this venv): only the built-in entry points are loaded, here and in the processes tests start.
# Tests of third-party plugins name them explicitly, or run a process without this variable.
os.environ["AUDITOR_DISABLE_PLUGIN_AUTOLOAD"] = "1"

settings.register_profile("ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("stress", max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def seed_path(number: str) -> Path:
    return SEED_FILES[number]


@pytest.fixture(scope="session")
def report_validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


@pytest.fixture(autouse=True, scope="session")
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests build the grammar cache in a folder of their own (and so test the cache-miss path once)."""
    os.environ["AUDITOR_CACHE_DIR"] = str(tmp_path_factory.mktemp("auditor-cache"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-snapshots",
        action="store_true",
        help="rewrite tests/reporters/snapshots/ from the current output instead of comparing with it",
    )


@dataclass
class CheckRun:
    code: int
    out: str
    err: str


@pytest.fixture
def check(capsys: pytest.CaptureFixture[str]) -> Callable[..., CheckRun]:
    """Run ``auditor check ARGS`` in this process: exit code, stdout and stderr."""
    from auditor.cli import main

    def run(*args: str) -> CheckRun:
        capsys.readouterr()
        code = main(["check", *args])
        captured = capsys.readouterr()
        return CheckRun(code, captured.out, captured.err)

    return run
