"""The wheel carries the grammar, the aliases, the schemas and the built-in rules."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import ROOT


def test_wheel_contents(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("gov_report_auditor-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "auditor/grammars/report.lark",
        "auditor/grammars/aliases.json",
        "auditor/schemas/report.schema.json",
        "auditor/schemas/baseline.schema.json",  # read by check --baseline
        "auditor/rules/__init__.py",
        "auditor/rules/identities.toml",
        "auditor/rules/citations.toml",  # read by the citation rules (national vs local issuers)
        "auditor/cli.py",
    ):
        assert required in names, required
    assert not any(name.startswith(("tests/", "rules/", "grammars/")) for name in names)
