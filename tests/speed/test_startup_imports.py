"""What start-up loads: a command imports only what it uses (issue 12). Not timed — the modules are listed.

Each case runs in a fresh interpreter (this test process has imported everything already) from an empty working
folder, so that no configuration file is found.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import SEED_FILES

PROBE = """
import json, sys
from auditor.cli import main
code = main(sys.argv[1:])
sys.stdout.flush()
print("\\n" + json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""

# Imported only by the commands, formats or options that use them.
HEAVY = ["jsonschema", "tqdm", "openpyxl", "jinja2", "flask", "sqlite3", "datasketch", "docx", "pypdfium2"]
HEAVY += ["multiprocessing", "distributed", "dask"]
OURS = ["auditor.baseline", "auditor.store", "auditor.web", "auditor.notices", "auditor.synth"]
OTHER_FORMATS = [
    "auditor.reporters.json_format",
    "auditor.reporters.sarif",
    "auditor.reporters.junit",
    "auditor.reporters.github",
    "auditor.reporters.gitlab",
    "auditor.reporters.html_format",
    "auditor.reporters.xlsx_format",
    "auditor.reporters.csv_format",
    "auditor.reporters.concise",
]


def modules_of(tmp_path: Path, *argv: str) -> set[str]:
    run = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], cwd=tmp_path, capture_output=True, text=True, encoding="utf-8"
    )
    result = json.loads(run.stdout.rsplit("\n", 2)[-2])
    assert result["code"] in (0, 1), run.stderr
    return set(result["modules"])


def loaded(modules: set[str], names: list[str]) -> list[str]:
    return [name for name in names if name in modules or any(m.startswith(name + ".") for m in modules)]


def test_one_file_check_imports_nothing_it_does_not_use(tmp_path: Path) -> None:
    modules = modules_of(tmp_path, "check", str(SEED_FILES["000"]), "--no-progress")
    assert "auditor.reporters.text" in modules and "lark" in modules  # the probe saw a real run
    assert loaded(modules, HEAVY + OURS + OTHER_FORMATS) == []


def test_json_check_imports_only_the_json_writer(tmp_path: Path) -> None:
    modules = modules_of(tmp_path, "check", str(SEED_FILES["001"]), "--format", "json", "--no-progress")
    assert "auditor.reporters.json_format" in modules
    assert loaded(modules, HEAVY + OURS + [m for m in OTHER_FORMATS if not m.endswith("json_format")]) == []
    assert "auditor.reporters.text" not in modules


def test_version_loads_no_plugin(tmp_path: Path) -> None:
    modules = modules_of(tmp_path, "--version")
    assert loaded(modules, ["pluggy", "lark", "tabulate", "auditor.plugins", "auditor.engine", "auditor.readers"]) == []


def test_a_lazy_format_is_the_class_it_names() -> None:
    from auditor.plugins import Plugins
    from auditor.reporting import LazyReporter

    for name, reporter in Plugins().reporters.items():
        real = reporter.load() if isinstance(reporter, LazyReporter) else reporter
        assert type(real).name == name
