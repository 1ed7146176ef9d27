"""The documentation for rule authors works as written: the model reference is current, the example plugin uses
only the public modules, and the plugin of docs/writing-plugins.md installs, is listed, passes its YAML cases and
does not change the project's own test results."""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

DOCS = ROOT / "docs"
PUBLIC = {"auditor.hookspecs", "auditor.testing"}


def _environment(site: Path) -> dict[str, str]:
    """A process that loads the plugins installed in ``site`` (as a user's environment would)."""
    env = {k: v for k, v in os.environ.items() if k != "AUDITOR_DISABLE_PLUGIN_AUTOLOAD"}
    env["PYTHONPATH"] = str(site)
    return env


def test_model_reference_is_generated_from_the_current_code() -> None:
    sys.path.insert(0, str(DOCS))
    try:
        import make_reference
    finally:
        sys.path.remove(str(DOCS))
    assert (DOCS / "model-reference.md").read_text(encoding="utf-8") == make_reference.render(), (
        "docs/model-reference.md is out of date: run python docs/make_reference.py"
    )


def test_model_reference_documents_what_rule_authors_asked_about() -> None:
    text = (DOCS / "model-reference.md").read_text(encoding="utf-8")
    for needle in ("`key`", "fingerprint", "### `SectionData`", "the prose paragraphs", "### `TableData`", "`Cell`"):
        assert needle in text, needle
    assert "applications.new_received" not in text or "`new_received`" in text
    assert "`ARTICLE_50`" in text and "### `load_cases(" in text


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize("folder", [ROOT / "examples" / "plugin-example", None], ids=["example", "docs"])
def test_plugins_import_only_the_public_modules(folder: Path | None, tmp_path: Path) -> None:
    if folder is None:
        folder = _write_docs_plugin(tmp_path)
    for path in folder.rglob("*.py"):
        auditor_modules = {m for m in _imports(path) if m == "auditor" or m.startswith("auditor.")}
        assert auditor_modules <= PUBLIC, (path, auditor_modules - PUBLIC)


def _write_docs_plugin(folder: Path) -> Path:
    """The files of docs/writing-plugins.md, each from its ```lang file=PATH block."""
    text = (DOCS / "writing-plugins.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```\w+ file=(\S+)\n(.*?)^```$", text, flags=re.M | re.S)
    assert len(blocks) >= 5
    for name, body in blocks:
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def docs_plugin_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The plugin of the docs and the example plugin, pip-installed into a folder of their own."""
    source = _write_docs_plugin(tmp_path_factory.mktemp("docs-plugin"))
    example = tmp_path_factory.mktemp("example") / "plugin-example"
    import shutil

    shutil.copytree(ROOT / "examples" / "plugin-example", example)
    site = tmp_path_factory.mktemp("site")
    for project in (source, example):
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site), str(project)],
            check=True,
            capture_output=True,
        )
    return source, site


def test_docs_plugin_installs_is_listed_and_passes_its_cases(docs_plugin_site: tuple[Path, Path]) -> None:
    source, site = docs_plugin_site
    env = _environment(site)
    listed = subprocess.run(
        [sys.executable, "-m", "auditor", "rules", "--format", "json"], capture_output=True, text=True, env=env
    )
    assert listed.returncode == 0, listed.stderr
    rules = {r["code"]: r for r in json.loads(listed.stdout)}
    assert rules["PRB001"]["plugin"] == "problems" and "UNIT001" in rules
    tests = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
        capture_output=True,
        text=True,
        env=env,
        cwd=source,
    )
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert "3 passed" in tests.stdout


def test_installed_plugins_do_not_change_the_projects_results(docs_plugin_site: tuple[Path, Path]) -> None:
    _source, site = docs_plugin_site
    # Without isolation these would fail: the rule inventory gains PRB001 and UNIT001, and UNIT001 fires on seed 004.
    selected = [
        "tests/rules/test_rules.py::test_every_rule_has_a_case",
        "tests/rules/test_seed_findings.py",
        "tests/rules/test_cases.py",
    ]
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *selected],
        capture_output=True,
        text=True,
        env=_environment(site),
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and "failed" not in result.stdout
