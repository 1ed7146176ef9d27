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
