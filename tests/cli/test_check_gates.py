"""``auditor check`` as a CI gate: exit codes by ``--fail-on`` and ``--exit-zero``, output to a file or stdout,
machine output alone on stdout and the logs on stderr."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED_FILES, CheckRun

WARNINGS_AT_MOST = str(SEED_FILES["003"])  # two warnings, four info
INFO_ONLY = str(SEED_FILES["004"])  # info only, once its one warning (NAR008, C-7) is ignored
ONE_WARNING = ["--ignore", "NAR008"]
ERRORS = str(SEED_FILES["001"])


@pytest.mark.parametrize(
    ("path", "args", "code"),
    [
        (WARNINGS_AT_MOST, [], 0),  # default: fail on error
        (WARNINGS_AT_MOST, ["--fail-on", "warning"], 1),
        (INFO_ONLY, ["--fail-on", "warning", *ONE_WARNING], 0),
        (INFO_ONLY, ["--fail-on", "warning"], 1),
        (INFO_ONLY, ["--fail-on", "info", *ONE_WARNING], 1),
        (ERRORS, [], 1),
        (ERRORS, ["--fail-on", "fatal"], 0),
        (ERRORS, ["--exit-zero"], 0),
        (ERRORS, ["--ignore", "CIT"], 0),  # its errors are all citation findings
    ],
)
def test_exit_codes(check: Callable[..., CheckRun], path: str, args: list[str], code: int) -> None:
    assert check(path, *args, "--format", "github").code == code


def test_fail_on_comes_from_the_configuration_too(check: Callable[..., CheckRun], tmp_path: Path) -> None:
    config = tmp_path / "auditor.toml"
    config.write_text('fail-on = "warning"\n', encoding="utf-8")
    assert check(WARNINGS_AT_MOST, "--config", str(config)).code == 1
    assert check(WARNINGS_AT_MOST, "--config", str(config), "--fail-on", "error").code == 0


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "github", "gitlab"])
def test_machine_output_alone_on_stdout(check: Callable[..., CheckRun], fmt: str, tmp_path: Path) -> None:
    run = check(ERRORS, INFO_ONLY, "--format", fmt, "--lang", "en")
    assert run.err == (
        "2 file(s), 1 failing the gate (a finding at error or above, or not assessed); verdicts: 1 pass, 1 fail; "
        "0 fatal, 1 error(s), 3 warning(s), 14 info\n"
    )
    assert "file(s)" not in run.out
    target = tmp_path / f"out.{fmt}"
    to_file = check(ERRORS, INFO_ONLY, "--format", fmt, "--lang", "en", "--output-file", str(target))
    assert to_file.code == 1 and to_file.out == "" and to_file.err == run.err
    assert target.read_text(encoding="utf-8") == run.out


def test_text_output_file(check: Callable[..., CheckRun], tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    run = check(INFO_ONLY, "-o", str(target))
    assert run.code == 0 and run.out == ""
    assert target.read_text(encoding="utf-8").endswith(
        "共 1 个文件，0 个未过检查门槛（有“错误”及以上的问题或无法审查）；结论：通过 1；致命 0，错误 0，警告 1，提示 6\n"
    )
    assert (
        run.err
        == "共 1 个文件，0 个未过检查门槛（有“错误”及以上的问题或无法审查）；结论：通过 1；致命 0，错误 0，警告 1，提示 6\n"
    )


def test_unwritable_output_file(check: Callable[..., CheckRun], tmp_path: Path) -> None:
    run = check(INFO_ONLY, "--format", "sarif", "-o", str(tmp_path / "missing" / "out.sarif"), "--lang", "en")
    assert run.code == 2 and "cannot write the output file" in run.err


def test_console_script_as_ci_runs_it() -> None:
    """The console script as CI runs it: parseable stdout, exit code 1, the summary on stderr."""
    result = subprocess.run(
        [sys.executable, "-m", "auditor", "check", ERRORS, "--format", "gitlab"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 1
    assert len(json.loads(result.stdout)) == 11 + 1  # the findings and the file's verdict (未通过)
    assert result.stderr.startswith("共 1 个文件，1 个未过检查门槛")


def test_the_summary_says_what_its_count_of_failing_files_counts(
    check: Callable[..., CheckRun], tmp_path: Path
) -> None:
    # A report that fails (seed 001's errors) and one that could not be assessed (seed 004 with a row that lost a
    # cell: an unread row, a warning): both fail the gate, one has the verdict 未通过 — the summary says which count
    # is which, and what the gate is.
    lines = SEED_FILES["004"].read_text(encoding="utf-8").split("\n")
    del lines[next(i for i, line in enumerate(lines) if line.strip() == "3.危及“三安全一稳定”") + 1]
    unread = tmp_path / "unread-row.txt"
    unread.write_text("\n".join(lines), encoding="utf-8")
    run = check(ERRORS, str(unread), "--format", "github")
    assert run.code == 1
    assert run.err.startswith(
        "共 2 个文件，2 个未过检查门槛（有“错误”及以上的问题或无法审查）；结论：未通过 1，无法审查 1；"
    )
    relaxed = check(ERRORS, str(unread), "--format", "github", "--no-fail-on-unassessed", "--lang", "en")
    assert relaxed.err.startswith(
        "2 file(s), 1 failing the gate (a finding at error or above); verdicts: 1 fail, 1 not assessed;"
    )
