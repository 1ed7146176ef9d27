"""The command line follows Ruff's conventions where they fit."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from auditor.cli import main
from tests.conftest import ROOT, SEED_FILES, CheckRun

SEED = SEED_FILES["001"].relative_to(ROOT).as_posix()


@pytest.fixture(autouse=True)
def _in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_output_format_and_its_alias(check: Callable[..., CheckRun]) -> None:
    assert check(SEED, "--output-format", "json").out == check(SEED, "--format", "json").out


def test_concise_is_one_line_per_finding(check: Callable[..., CheckRun]) -> None:
    run = check(SEED, "--output-format", "concise")
    findings = json.loads(check(SEED, "--format", "json").out)["files"][0]["findings"]
    lines = run.out.splitlines()
    assert len(lines) == len(findings) + 1 and lines[-1].startswith("共 1 个文件")
    assert lines[0].startswith(f"{SEED}:3:87: CIT001 2023年度报告引用了")  # Chinese typography (docs/glossary.md)
    pattern = re.compile(rf"^{re.escape(SEED)}(:\d+:\d+)?: [A-Z]{{3}}\d{{3}} \S")
    assert all(pattern.match(line) for line in lines[:-1])
    assert "\x1b[" not in run.out  # no colour when not a terminal
    assert "\x1b[31mCIT001\x1b[0m" in check(SEED, "--output-format", "concise", "--color", "always").out
    assert check(SEED, "--output-format", "concise", "-q").out.splitlines() == lines[:-1]


def test_output_format_from_the_configuration(check: Callable[..., CheckRun], tmp_path: Path) -> None:
    config = tmp_path / "auditor.toml"
    config.write_text('output-format = "concise"\nextend-ignore = ["SEC005"]\n', encoding="utf-8")
    run = check(SEED, "--config", str(config))
    assert run.out.startswith(f"{SEED}:3:87: CIT001") and "SEC005" not in run.out
    assert check(SEED, "--config", str(config), "--output-format", "json").out.startswith("{")


def test_extend_select_and_extend_ignore(check: Callable[..., CheckRun]) -> None:
    def codes(*args: str) -> set[str]:
        out = check(SEED, "--format", "json", *args).out
        return {f["code"] for f in json.loads(out)["files"][0]["findings"]}

    assert codes("--select", "CIT", "--extend-select", "DAT") == {"CIT001", "CIT010", "DAT010"}
    assert codes("--extend-ignore", "SEC") == codes() - {"SEC004", "SEC005"}


def test_exclude_when_walking_and_from_the_configuration(check: Callable[..., CheckRun], tmp_path: Path) -> None:
    listed = check("examples", "--show-files", "--exclude", "zhe*,xianxiang-2022.txt").out.split()
    assert listed == ["examples/baiquan-2021.txt", "examples/chengguan-2023.txt", "examples/dianxia-2023.txt"]
    config = tmp_path / "auditor.toml"
    config.write_text('exclude = ["baiquan*"]\nextend-exclude = ["dianxia*"]\n', encoding="utf-8")
    listed = check("examples", "--show-files", "--config", str(config)).out.split()
    assert listed == ["examples/chengguan-2023.txt", "examples/xianxiang-2022.txt", "examples/zhegou-2022.txt"]
    # A file named on the command line is audited even if a pattern matches it (as Ruff does).
    assert check("examples/baiquan-2021.txt", "--show-files", "--exclude", "baiquan*").out.split() == [
        "examples/baiquan-2021.txt"
    ]


def test_show_settings(check: Callable[..., CheckRun]) -> None:
    run = check(SEED, "--show-settings", "--extend-ignore", "SEC005", "--fail-on", "warning")
    settings = json.loads(run.out)
    assert run.code == 0 and settings["ignore"] == ["SEC005"] and settings["fail-on"] == "warning"
    assert "SEC005" not in settings["rules"] and "CIT001" in settings["rules"]


def test_quiet_prints_the_findings_only(check: Callable[..., CheckRun]) -> None:
    quiet = check(SEED, "-q")
    assert "共 1 个文件" not in quiet.out + quiet.err and "CIT001" in quiet.out
    assert check(str(SEED_FILES["004"]), "--format", "json", "--quiet").err == ""


def test_statistics_on_their_own(check: Callable[..., CheckRun]) -> None:
    run = check(SEED, "--statistics")
    assert "SEC004" in run.out and "2023年度报告引用了" not in run.out  # counts, not the findings
    concise = check(SEED, "--statistics", "--output-format", "concise", "-q").out.splitlines()
    assert concise[0].split("\t")[:2] == ["     4", "SEC005"]  # most frequent first (the 1、…6、 headings: one SEC004)


def test_explain_is_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "CIT006"]) == 0
    explained = capsys.readouterr().out
    assert main(["rule", "CIT006"]) == 0
    assert capsys.readouterr().out == explained and "〔〕" in explained


@pytest.mark.parametrize("command", [[], ["check"], ["fix"]])
def test_help_has_examples_and_exit_codes_in_both_languages(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main([*command, "--help"])
    text = capsys.readouterr().out
    assert "示例 / examples" in text and "退出码 / exit codes" in text
    assert "0  " in text or "0 修复后" in text
