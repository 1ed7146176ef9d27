"""``auditor check``, ``rules``, ``rule`` and ``plugins`` on the command line: outputs, exit codes, configuration."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from auditor.cli import main
from tests.conftest import ROOT, SEEDS, seed_path

EXAMPLES = ROOT / "examples"


def _findings_validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((ROOT / "schemas" / "findings.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def test_examples_folder_text_report(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(EXAMPLES)]) == 1
    out = capsys.readouterr().out
    for name in ("zhegou-2022.txt", "dianxia-2023.txt", "xianxiang-2022.txt", "chengguan-2023.txt"):
        assert name in out
    assert "CIT002" in out and "DAT006" in out and "TAB003" in out
    summary = [line for line in out.rstrip().splitlines()[-3:] if line.startswith("共 5 个文件")]  # wrapped to width
    assert summary and summary[0].startswith("共 5 个文件，3 个未过检查门槛")


def test_json_output_validates_and_is_complete(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(SEEDS), "--format", "json"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert not list(_findings_validator().iter_errors(document))
    # The folder's SOURCES.md is walked too (Markdown is a report format): not a report, it is listed as skipped.
    assert document["summary"]["files"] == 5 and document["summary"]["failed_files"] == 3
    by_file = {Path(f["path"]).name[:3]: f for f in document["files"]}
    assert "SOU" not in by_file
    (sources,) = [s for s in document["summary"]["skipped"] if s["path"].endswith("SOURCES.md")]
    assert sources["reason"]["zh"].startswith("不是政府信息公开工作年度报告")
    assert by_file["000"]["variant"] == "2019" and by_file["000"]["year"] == 2022
    codes = [f["code"] for f in by_file["002"]["findings"]]
    assert "DAT006" in codes


def test_notes_found_in_a_folder_are_skipped_with_the_reason_and_fail_nothing_but_named_they_are_sys002(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(seed_path("004"), folder)  # passes at the default gate
    shutil.copy(ROOT / "tests" / "fixtures" / "notes" / "review-notes.md", folder)
    assert main(["check", str(folder), "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [Path(f["path"]).name[:3] for f in document["files"]] == ["004"]
    (notes,) = document["summary"]["skipped"]
    assert notes["path"].endswith("review-notes.md") and "外文文档" in notes["reason"]["zh"]
    assert "another language" in notes["reason"]["en"]
    assert main(["check", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "review-notes.md: 不是政府信息公开工作年度报告" in out and "跳过 1 项" in out
    # Named on the command line, the file is what the user asked about: one fatal SYS002, and the gate fails.
    assert main(["check", str(folder / "review-notes.md"), "--format", "json"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert [f["code"] for f in document["files"][0]["findings"]] == ["SYS002"]


def test_english_and_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "audit.json"
    assert main(["check", str(seed_path("002")), "--format", "json", "-o", str(out), "--lang", "en"]) == 1
    assert capsys.readouterr().out == ""
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["files"][0]["findings"][-1]["code"] == "DAT006"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--fail-on", "error"], 1),
        (["--fail-on", "fatal"], 0),
        (["--select", "DAT", "--fail-on", "warning"], 1),
        (["--select", "CIT005,DAT005"], 0),
        (["--exit-zero"], 0),
    ],
)
def test_exit_codes(args: list[str], expected: int) -> None:
    assert main(["check", str(seed_path("002")), *args]) == expected


def test_clean_report_exits_zero(tmp_path: Path) -> None:
    from tests.rules.helpers import clean_text

    path = tmp_path / "clean.txt"
    path.write_text(clean_text(), encoding="utf-8")
    assert main(["check", str(path)]) == 0


def test_usage_and_config_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(seed_path("002")), "--format", "yaml"]) == 2
    assert "未知的输出格式" in capsys.readouterr().err

    assert main(["check", str(seed_path("002")), "--select", "NOPE999"]) == 2
    err = capsys.readouterr().err
    assert "NOPE999" in err and err[-1] == "\n" and err.count("\n") == 1
    with pytest.raises(SystemExit) as info:
        main(["check"])
    assert info.value.code == 2
    assert main(["check", str(tmp_path)]) == 2  # an empty folder holds no reports


def test_config_from_pyproject_applies_and_cli_wins(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(seed_path("002"), tmp_path / "r.txt")
    (tmp_path / "pyproject.toml").write_text('[tool.auditor]\nignore = ["DAT006"]\nlang = "en"\n', encoding="utf-8")
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        assert main(["check", "r.txt"]) == 0
        assert "file(s)" in capsys.readouterr().out
        assert main(["check", "r.txt", "--ignore", "CIT005", "--lang", "zh"]) == 1
        assert "DAT006" in capsys.readouterr().out
    finally:
        os.chdir(cwd)


def test_one_bad_file_never_stops_a_batch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a-junk.txt").write_bytes(bytes(range(256)) * 4)
    shutil.copy(seed_path("004"), tmp_path / "b-report.txt")
    assert main(["check", str(tmp_path), "--format", "json"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert [f["findings"][0]["code"] for f in document["files"]][:1] == ["SYS001"]
    assert document["files"][1]["year"] == 2021


def test_rules_listing(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--format", "json"]) == 0
    rules = json.loads(capsys.readouterr().out)
    codes = {r["code"] for r in rules}
    assert {"CIT001", "NUM001", "FEE001", "DAT006", "SEC001", "SYS003"} <= codes
    for entry in rules:
        assert entry["summary"]["zh"] and entry["summary"]["en"]
        assert entry["explanation"]["zh"] and entry["explanation"]["en"]
        assert entry["plugin"]
    assert main(["rules"]) == 0
    assert "outdated-format-notice" in capsys.readouterr().out


@pytest.mark.parametrize(("lang", "phrase"), [("zh", "依据"), ("en", "Legal basis")])
def test_rule_explanation(lang: str, phrase: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rule", "NUM001", "--lang", lang]) == 0
    out = capsys.readouterr().out
    assert out.startswith("NUM001 applications-balance") and phrase in out and "国办公开办函〔2021〕30号" in out
    assert main(["rule", "outdated-format-notice", "--lang", lang]) == 0
    assert main(["rule", "XYZ999"]) == 2


def test_plugins_listing(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plugins", "--format", "json"]) == 0
    infos = {i["name"]: i for i in json.loads(capsys.readouterr().out)}
    assert "CIT001" in infos["auditor-citations"]["rules"]
    assert infos["auditor-reporters"]["reporters"][:2] == ["text", "json"]
    assert infos["auditor-text-reader"]["formats"] == ["text"]
    assert main(["plugins"]) == 0


@pytest.fixture(scope="module")
def plugin_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example plugin, pip-installed (no deps: auditor is already here) into a folder of its own."""
    target = tmp_path_factory.mktemp("site")
    source = tmp_path_factory.mktemp("src") / "plugin-example"  # a copy: building writes into the source tree
    shutil.copytree(EXAMPLES / "plugin-example", source)
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(source)],
        check=True,
        capture_output=True,
    )
    return target


def _run(args: list[str], site: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(site))
    env.pop("AUDITOR_DISABLE_PLUGIN_AUTOLOAD")  # a user's environment: installed plugins are loaded
    return subprocess.run(
        [sys.executable, "-m", "auditor", *args], capture_output=True, text=True, env=env, check=False
    )


def test_installed_plugin_runs_through_check_and_is_listed(plugin_site: Path) -> None:
    listed = _run(["rules", "--format", "json"], plugin_site)
    assert listed.returncode == 0, listed.stderr
    unit = next(r for r in json.loads(listed.stdout) if r["code"] == "UNIT001")
    assert unit["plugin"] == "units" and unit["name"] == "applications-counted-in-tiao"
    checked = _run(["check", str(EXAMPLES / "baiquan-2021.txt"), "--format", "json"], plugin_site)
    findings = json.loads(checked.stdout)["files"][0]["findings"]
    assert [(f["code"], f["line"]) for f in findings if f["code"] == "UNIT001"] == [
        ("UNIT001", 4),
        ("UNIT001", 6),
        ("UNIT001", 8),
    ]
    plugins = _run(["plugins"], plugin_site)
    assert "auditor-plugin-units" in plugins.stdout and "UNIT001" in plugins.stdout


def test_plugin_example_own_tests_pass(plugin_site: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(plugin_site))
    env.pop("AUDITOR_DISABLE_PLUGIN_AUTOLOAD")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(EXAMPLES / "plugin-example" / "tests")],
        capture_output=True,
        text=True,
        env=env,
        cwd=EXAMPLES / "plugin-example",
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "5 passed" in result.stdout


def test_a_non_report_in_a_folder_is_skipped_the_same_way_by_two_workers(capsys: pytest.CaptureFixture[str]) -> None:
    # workers send most results as written JSON and a tally; a file that is not a report goes whole, so that its
    # reason can be listed among the skipped files
    assert main(["check", str(SEEDS), "--format", "json", "--jobs", "2"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert document["summary"]["files"] == 5
    (sources,) = document["summary"]["skipped"]
    assert sources["path"].endswith("SOURCES.md") and sources["reason"]["en"].startswith("not a government")
