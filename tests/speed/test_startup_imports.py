"""What start-up loads: a command imports only what it uses (issue 12). Not timed — the modules are listed.

Each case runs in a fresh interpreter (this test process has imported everything already) from an empty working
folder, so that no configuration file is found.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SEED_FILES

PROBE = """
import sys
from auditor.cli import main
code = main(sys.argv[1:])
modules = sorted(sys.modules)
import json
sys.stdout.flush()
print("\\n" + json.dumps({"code": code, "modules": modules}))
"""

# Imported only by the commands, formats or options that use them.
HEAVY = ["jsonschema", "tqdm", "openpyxl", "jinja2", "flask", "sqlite3", "datasketch", "docx", "pypdfium2"]
HEAVY += ["multiprocessing", "distributed", "dask", "scipy", "numpy"]
# The rules' data files are parsed once, then read from their cached copy while unchanged (auditor.resources).
HEAVY += ["tomllib"]
# Read only for the inputs that need them: a DOCX, HTML or PDF file, a zip, a label matching no official one exactly.
READING = ["lxml", "zipfile", "ctypes", "rapidfuzz", "importlib.resources"]
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
    """The modules a run imports, with the caches warm (a run before it filled them: the entry-point list, the
    compiled grammar and patterns), as for every run but the first after an install."""
    command = [sys.executable, "-c", PROBE, *argv]
    subprocess.run(command, cwd=tmp_path, capture_output=True)
    run = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, encoding="utf-8")
    result = json.loads(run.stdout.rsplit("\n", 2)[-2])
    assert result["code"] in (0, 1), run.stderr
    return set(result["modules"])


def loaded(modules: set[str], names: list[str]) -> list[str]:
    return [name for name in names if name in modules or any(m.startswith(name + ".") for m in modules)]


def test_one_file_check_imports_nothing_it_does_not_use(tmp_path: Path) -> None:
    modules = modules_of(tmp_path, "check", str(SEED_FILES["000"]), "--no-progress")
    assert "auditor.reporters.text" in modules and "lark" in modules  # the probe saw a real run
    # zipfile and importlib.resources come with importlib.metadata, which tabulate imports to read its own version
    assert loaded(modules, HEAVY + OURS + OTHER_FORMATS + ["lxml", "ctypes", "rapidfuzz"]) == []


def test_json_check_imports_only_the_json_writer(tmp_path: Path) -> None:
    modules = modules_of(tmp_path, "check", str(SEED_FILES["001"]), "--format", "json", "--no-progress")
    assert "auditor.reporters.json_format" in modules
    assert loaded(modules, HEAVY + OURS + READING + [m for m in OTHER_FORMATS if not m.endswith("json_format")]) == []
    assert loaded(modules, ["auditor.reporters.text", "tabulate", "wcwidth", "importlib.metadata"]) == []
    assert loaded(modules, ["csv"]) == []  # for a configured regions file or the CSV format (and importlib.metadata)


def test_version_loads_no_plugin(tmp_path: Path) -> None:
    modules = modules_of(tmp_path, "--version")
    assert loaded(modules, ["pluggy", "lark", "tabulate", "auditor.plugins", "auditor.engine", "auditor.readers"]) == []
    assert loaded(modules, ["json", "traceback", "tempfile", "shutil", "dataclasses", "auditor.patterns"]) == []


def test_rule_list_loads_no_parser(tmp_path: Path) -> None:
    modules = modules_of(tmp_path, "rules")
    assert "auditor.rules.citations" in modules  # the probe saw the plugins loaded
    assert loaded(modules, ["lark", "auditor.grammar", "auditor.parse", "auditor.prelex", "auditor.transform"]) == []
    assert loaded(modules, HEAVY + OURS + OTHER_FORMATS + ["lxml", "ctypes", "rapidfuzz"]) == []  # a table: tabulate


def test_a_warm_run_compiles_no_pattern_of_ours(tmp_path: Path) -> None:
    """The second run of a one-file check builds the module constants' patterns from the cache of compiled patterns
    (``auditor.patterns.compiled``, or ``lazy_pattern`` for one only some inputs need) instead of compiling them,
    and so are the literal patterns a function hands to ``re.sub``, ``re.search`` … (``patterns.install``)."""
    env = {**os.environ, "AUDITOR_CACHE_DIR": str(tmp_path / "cache")}
    argv = ["check", str(SEED_FILES["002"]), "--no-progress"]
    subprocess.run([sys.executable, "-c", COUNTING, *argv], cwd=tmp_path, env=env, capture_output=True, check=True)
    run = subprocess.run(
        [sys.executable, "-c", COUNTING, *argv], cwd=tmp_path, env=env, capture_output=True, text=True, check=True
    )
    compiled = json.loads(run.stdout.rsplit("\n", 2)[-2])
    ours = [where for where in map(_ours, compiled) if where]
    assert ours == [], "\n".join(ours)


# Compiles that count: re's own compiler at work (re.compile found nothing in its cache) for a module constant.
COUNTING = """
import json, re, sys
from re import _compiler
real = _compiler.compile
seen = []
def counting(p, flags=0):
    frame = sys._getframe(1)
    while frame is not None and frame.f_code.co_filename.endswith(("re/__init__.py", "auditor/patterns.py")):
        frame = frame.f_back
    if frame is not None and frame.f_code.co_name == "<module>":  # a module's constant, compiled at import
        seen.append(f"{frame.f_code.co_filename}:{frame.f_lineno}")
    elif frame is not None and p in frame.f_code.co_consts:  # a literal in a function, compiled at its first call
        seen.append(f"{frame.f_code.co_filename}:{frame.f_lineno}")
    return real(p, flags)
_compiler.compile = counting
from auditor.cli import main
main(sys.argv[1:])
sys.stdout.flush()
print("\\n" + json.dumps(seen))
"""
ROOT = Path(__file__).resolve().parents[2]


def _ours(filename: str) -> str | None:
    """``auditor/x.py`` or ``rules/x.py`` for a module of this project, else None."""
    try:
        relative = Path(filename).resolve().relative_to(ROOT).as_posix()  # file:line
    except ValueError:
        return None
    return relative if relative.startswith(("auditor/", "rules/")) else None


def test_a_lazy_format_is_the_class_it_names() -> None:
    from auditor.plugins import Plugins
    from auditor.reporting import LazyReporter

    for name, reporter in Plugins().reporters.items():
        real = reporter.load() if isinstance(reporter, LazyReporter) else reporter
        assert type(real).name == name


def _subcommands(parser: Any) -> dict[str, Any]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_only_the_command_in_use_gets_its_arguments() -> None:
    """``auditor check …`` builds the other subcommands as a name and a summary: their options are never added."""
    from auditor.cli import _parser

    built = _subcommands(_parser("check"))
    assert len(built["check"]._actions) > 20
    assert all(not sub._actions for name, sub in built.items() if name != "check")
    assert _subcommands(_parser("explain"))["rule"]._actions  # an alias builds the command it names
    assert all(sub._actions for sub in _subcommands(_parser()).values())  # no command named (-h): every one


@pytest.mark.parametrize("command", ["check", "fix", "parse", "serve", "notice", "rules", "rule", "explain", "plugins"])
def test_a_command_reads_as_with_every_command_built(command: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The top-level help, the command's own help and usage are those of the parser with every command built."""
    from auditor.cli import _parser

    monkeypatch.setenv("COLUMNS", "100")
    full, only = _parser(), _parser(command)
    assert only.format_help() == full.format_help()
    assert _subcommands(only)[command].format_help() == _subcommands(full)[command].format_help()
    assert _subcommands(only)[command].format_usage() == _subcommands(full)[command].format_usage()


# Modules whose dataclasses still get their docstring from inspect.signature (their owners convert them).
UNDOCUMENTED_YET = {"auditor.narrative", "auditor.transform", "auditor.prelex", "auditor.recover"}
UNDOCUMENTED_YET |= {"auditor.rules.narrative", "auditor.rules.copypaste", "auditor.rules.regions"}


def test_the_dataclasses_a_check_defines_have_docstrings(tmp_path: Path) -> None:
    """Without one, ``dataclass()`` builds a docstring from ``inspect.signature`` at import: time every run pays."""
    command = [sys.executable, "-c", UNDOCUMENTED, "check", str(SEED_FILES["000"]), "--no-progress"]
    run = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, encoding="utf-8")
    missing = json.loads(run.stdout.rsplit("\n", 2)[-2])
    assert "auditor.template" in {name.rsplit(".", 1)[0] for name in missing["seen"]}  # the probe saw the classes
    assert [name for name in missing["undocumented"] if name.rsplit(".", 1)[0] not in UNDOCUMENTED_YET] == []


# The dataclasses of this project's modules that a run defined, and those of them whose docstring dataclass() made.
UNDOCUMENTED = """
import dataclasses, json, sys
from auditor.cli import main
main(sys.argv[1:])
seen, undocumented = [], []
for module in list(sys.modules.values()):
    for name, value in vars(module).items():
        if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == module.__name__:
            if module.__name__.startswith("auditor"):
                seen.append(f"{module.__name__}.{name}")
                if (value.__doc__ or "").startswith(f"{name}("):
                    undocumented.append(f"{module.__name__}.{name}")
sys.stdout.flush()
print("\\n" + json.dumps({"seen": seen, "undocumented": undocumented}))
"""


LAUNCHER = """
import json, sys
from auditor.command import main
code = main()
modules = sorted(sys.modules)
sys.stdout.flush()
print("\\n" + json.dumps({"code": code, "modules": modules}))
"""


def test_the_console_script_answers_version_before_loading_the_command_line(tmp_path: Path) -> None:
    command = [sys.executable, "-c", LAUNCHER, "--version"]
    run = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, encoding="utf-8", check=True)
    assert run.stdout.startswith("auditor ")
    result = json.loads(run.stdout.rsplit("\n", 2)[-2])
    assert result["code"] == 0
    assert loaded(set(result["modules"]), ["auditor.cli", "argparse", "typing", "gettext"]) == []


def test_the_console_script_runs_every_other_command(tmp_path: Path) -> None:
    command = [sys.executable, "-c", LAUNCHER, "check", str(SEED_FILES["000"]), "--format", "json", "--no-progress"]
    run = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, encoding="utf-8")
    result = json.loads(run.stdout.rsplit("\n", 2)[-2])
    assert result["code"] in (0, 1) and "auditor.cli" in result["modules"], run.stderr
    assert json.loads(run.stdout.rsplit("\n", 2)[0])["files"]
