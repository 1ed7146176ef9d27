"""Output formats are plugins: the built-ins come through the ``auditor`` entry points, and so can a third party's."""

from __future__ import annotations

import json
import sys
import types
from collections.abc import Callable
from importlib.metadata import EntryPoint
from typing import Any

import pytest

from auditor import plugins as plugins_module
from auditor.engine import FileResult
from auditor.hookspecs import hookimpl
from auditor.plugins import Plugins
from auditor.reporting import Reporter
from tests.conftest import SEED_FILES, CheckRun


def test_builtin_formats_are_registered_by_the_reporters_plugin() -> None:
    plugins = Plugins(require=True)
    builtins = ["text", "json", "sarif", "junit", "github", "gitlab", "html", "xlsx", "csv", "concise"]
    assert set(plugins.reporters) >= set(builtins)
    info = next(info for info in plugins.infos if info.name == "auditor-reporters")
    assert info.reporters == builtins
    for name in info.reporters:
        assert plugins.reporters[name].plugin == "auditor-reporters"
        assert plugins.reporters[name].description


class CountReporter(Reporter):
    """A third party's format: one line per file with the number of findings."""

    name = "count"
    description = "findings per file"

    def file(self, result: FileResult) -> None:
        self.out.write(json.dumps({"path": result.path, "findings": len(result.findings)}) + "\n")


@hookimpl
def auditor_reporters() -> list[Reporter]:
    return [CountReporter()]


def test_a_third_party_format_is_used_by_check(check: Callable[..., CheckRun], monkeypatch: pytest.MonkeyPatch) -> None:
    module = types.ModuleType("third_party_count_format")
    module.auditor_reporters = auditor_reporters  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, module.__name__, module)
    point = EntryPoint(name="count-format", value=module.__name__, group="auditor")
    real = plugins_module._entry_points

    def with_third_party() -> list[Any]:
        return [*real(), point]

    monkeypatch.setattr(plugins_module, "_entry_points", with_third_party)
    monkeypatch.delenv(plugins_module.AUTOLOAD_ENV)  # as a user runs it: third-party plugins are loaded
    run = check(str(SEED_FILES["002"]), "--format", "count")
    assert run.code == 1
    assert json.loads(run.out) == {"path": str(SEED_FILES["002"]), "findings": 8}


def test_unknown_format_is_a_usage_error(check: Callable[..., CheckRun]) -> None:
    run = check(str(SEED_FILES["002"]), "--format", "sarif2", "--lang", "en")
    assert run.code == 2
    assert "unknown output format 'sarif2'" in run.err and "sarif" in run.err and run.out == ""
