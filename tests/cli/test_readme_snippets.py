"""The CI snippets of README.md are valid YAML and their ``auditor check`` commands run as written."""

from __future__ import annotations

import re
import shlex
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, SEED_FILES, CheckRun

README = (ROOT / "README.md").read_text(encoding="utf-8")
CI_SECTION = README.split("## CI gates", 1)[1].split("\n## ", 1)[0]
YAML_BLOCKS = re.findall(r"```yaml\n(.*?)```", CI_SECTION, flags=re.DOTALL)
COMMANDS = [
    line.split("#", 1)[0].strip().removeprefix("- ").removeprefix("run: ")
    for block in re.findall(r"```(?:yaml|sh)\n(.*?)```", CI_SECTION, flags=re.DOTALL)
    for line in block.splitlines()
    if re.match(r"\s*(- )?(run: )?auditor check ", line)
]


def test_the_section_has_the_snippets() -> None:
    assert len(YAML_BLOCKS) == 3
    assert len(COMMANDS) == 7
    assert (
        "github/codeql-action/upload-sarif" in CI_SECTION and "codequality: gl-code-quality-report.json" in CI_SECTION
    )


@pytest.mark.parametrize("block", YAML_BLOCKS)
def test_yaml_parses(block: str) -> None:
    assert yaml.safe_load(block)


def test_commands_run(check: Callable[..., CheckRun], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "reports").mkdir()
    for path in SEED_FILES.values():
        shutil.copy(path, tmp_path / "reports" / path.name)
    monkeypatch.chdir(tmp_path)
    codes = []
    for command in COMMANDS:  # in README order: the baseline is written before it is used
        args = shlex.split(command)[2:]
        run = check(*args)
        codes.append(run.code)
        assert run.code in (0, 1), f"{command}: {run.err}"
    assert codes == [0, 0, 0, 0, 0, 0, 0]  # with the baseline nothing is new; the other runs pass --exit-zero
    assert (tmp_path / "auditor.sarif").is_file() and (tmp_path / "gl-code-quality-report.json").is_file()


def test_the_files_the_snippets_name_are_the_files_their_commands_write(
    check: Callable[..., CheckRun], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the CI reads (upload-sarif's sarif_file, GitLab's reports) is what the commands write, in the format CI
    expects; the jobs' commands are the ones the test above runs."""
    import json
    import xml.etree.ElementTree as ET

    github, gitlab = (yaml.safe_load(block) for block in YAML_BLOCKS[:2])
    steps = github["jobs"]["audit"]["steps"]
    runs = [step["run"] for step in steps if "run" in step and step["run"].startswith("auditor ")]
    upload = next(step for step in steps if step.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    job = gitlab["audit-reports"]
    script = [line for line in job["script"] if line.startswith("auditor ")]
    assert all(command in COMMANDS for command in runs + script) and len(runs) == 2 and len(script) == 3
    (tmp_path / "reports").mkdir()
    for path in SEED_FILES.values():
        shutil.copy(path, tmp_path / "reports" / path.name)
    monkeypatch.chdir(tmp_path)
    for command in runs + script:
        assert check(*shlex.split(command)[2:]).code in (0, 1), command
    sarif = json.loads((tmp_path / upload["with"]["sarif_file"]).read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"]
    quality = json.loads((tmp_path / job["artifacts"]["reports"]["codequality"]).read_text(encoding="utf-8"))
    assert isinstance(quality, list) and all({"description", "fingerprint", "location"} <= set(i) for i in quality)
    junit = ET.parse(tmp_path / job["artifacts"]["reports"]["junit"]).getroot()
    assert junit.tag == "testsuites" and len(junit.findall("testsuite")) == len(SEED_FILES)
    assert job["artifacts"]["when"] == "always"  # the reports are kept when the gate fails


def test_the_configuration_example_is_valid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's [tool.auditor] example loads as written (every key it shows is one the schema knows)."""
    from auditor import config as cfg

    section = README.split("### Configuration", 1)[1]
    (block,) = re.findall(r"```toml\n(.*?)```", section.split("\n### ", 1)[0], flags=re.DOTALL)
    (tmp_path / "pyproject.toml").write_text(block, encoding="utf-8")
    (tmp_path / "regions.csv").write_text("body,parent\n甲镇人民政府,乙县人民政府\n", encoding="utf-8")
    loaded = cfg.load(str(tmp_path / "pyproject.toml"))
    assert loaded.show_source is True and loaded.output_format == "concise" and loaded.regions
