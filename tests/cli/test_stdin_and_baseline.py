"""``auditor check -`` reads the report from stdin; ``--baseline`` before the baseline exists is an empty one."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT, SEED_FILES, CheckRun


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_stdin_is_audited_under_its_name(check: Callable[..., CheckRun], monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, SEED_FILES["001"].read_bytes())
    run = check("-", "--stdin-filename", "reports/dianxia-2023.txt", "--format", "json")
    assert run.code == 1
    (result,) = json.loads(run.out)["files"]
    assert result["path"] == "reports/dianxia-2023.txt"
    assert {f["path"] for f in result["findings"]} == {"reports/dianxia-2023.txt"}
    assert "CIT001" in {f["code"] for f in result["findings"]}


def test_stdin_without_a_name_is_dash_and_a_docx_is_read_by_its_content(
    check: Callable[..., CheckRun], monkeypatch: pytest.MonkeyPatch
) -> None:
    _stdin(monkeypatch, next((FIXTURES / "formats").glob("000_*.docx")).read_bytes())
    run = check("-", "--format", "json")
    (result,) = json.loads(run.out)["files"]
    assert result["path"] == "-" and result["format"] == "docx" and result["findings"]


def test_stdin_in_a_real_pipe() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "auditor", "check", "-", "--stdin-filename", "x.txt", "--format", "github"],
        input=SEED_FILES["004"].read_bytes(),
        capture_output=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode("utf-8").startswith("::notice file=x.txt,line=")


def test_a_missing_baseline_is_empty_with_a_warning(
    check: Callable[..., CheckRun], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    run = check(str(SEED_FILES["001"]), "--baseline", "auditor-baseline.json")
    assert run.code == 1  # every finding is new
    assert "auditor-baseline.json" in run.err and "--write-baseline" in run.err
    without = check(str(SEED_FILES["001"]))
    assert run.out == without.out
    assert check(str(SEED_FILES["001"]), "--write-baseline", "auditor-baseline.json").code == 0
    assert check(str(SEED_FILES["001"]), "--baseline", "auditor-baseline.json").code == 0


def test_a_broken_baseline_is_still_an_error(check: Callable[..., CheckRun], tmp_path: Path) -> None:
    broken = tmp_path / "b.json"
    broken.write_text("{", encoding="utf-8")
    run = check(str(SEED_FILES["004"]), "--baseline", str(broken))
    assert run.code == 2 and "JSON" in run.err
