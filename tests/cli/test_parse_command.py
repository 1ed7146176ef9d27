"""``auditor parse``: JSON that validates, a readable summary, one clear line for bad input."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from auditor.cli import main
from tests.conftest import ROOT, seed_path


def test_json_output_validates(capsys: pytest.CaptureFixture[str], report_validator: object) -> None:
    assert main(["parse", str(seed_path("000")), "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert not list(report_validator.iter_errors(document))  # type: ignore[attr-defined]
    assert document["template"]["variant"] == "2019"


@pytest.mark.parametrize(
    ("lang", "words"), [("zh", ["报告年度", "表格模板", "章节"]), ("en", ["Report year", "Table template", "Sections"])]
)
def test_text_summary(capsys: pytest.CaptureFixture[str], lang: str, words: list[str]) -> None:
    assert main(["parse", str(seed_path("003")), "--lang", lang]) == 0
    out = capsys.readouterr().out
    for word in words:
        assert word in out
    assert "隆德县城关镇人民政府" in out and "new_received=0" in out


def test_not_a_report_is_one_line_with_exit_2(
    tmp_path: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "minutes.txt"  # type: ignore[operator]
    path.write_text("会议纪要\n今天讨论了食堂菜单。\n", encoding="utf-8")
    assert main(["parse", str(path), "--lang", "en"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    assert err.startswith(str(path)) and "not a government information-disclosure annual report" in err


def test_binary_file_one_line(tmp_path: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "junk.txt"  # type: ignore[operator]
    path.write_bytes(bytes(range(256)) * 10)
    assert main(["parse", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"{path}: 文件含二进制内容，不是文本文件"


def test_console_script_runs_as_module() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "auditor", "parse", str(seed_path("004")), "--format", "json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["metadata"]["report_year"]["year"] == 2021
