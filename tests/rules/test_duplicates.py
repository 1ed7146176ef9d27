"""XYR003: one body's report for one year submitted more than once, in any format — one finding per group."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

from tests.conftest import FIXTURES, SEED_FILES, CheckRun


def _cross(run: CheckRun) -> list[dict]:
    return [f for f in json.loads(run.out)["summary"]["cross_file"]["findings"] if f["code"] == "XYR003"]


def test_one_finding_per_group_whatever_the_formats(check: Callable[..., CheckRun]) -> None:
    formats = sorted(str(p) for p in (FIXTURES / "formats").glob("001_*"))
    run = check(str(SEED_FILES["001"]), *formats, str(SEED_FILES["002"]), str(SEED_FILES["004"]), "--format", "json")
    (finding,) = _cross(run)
    assert finding["severity"] == "warning"
    assert sorted(finding["values"]["files"]) == sorted([str(SEED_FILES["001"]), *formats])
    assert finding["path"] == min(finding["values"]["files"])
    assert "樟树市店下镇人民政府2023年度报告收到4份" in finding["message"]["zh"]
    assert "（Word）" in finding["message"]["zh"] and "（PDF）" in finding["message"]["zh"]
    assert "内容完全相同" not in finding["message"]["zh"]


def test_identical_copies_are_said_to_be_identical(check: Callable[..., CheckRun], tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        shutil.copy(SEED_FILES["004"], tmp_path / name)
    (finding,) = _cross(check(str(tmp_path), "--format", "json"))
    assert "其中有内容完全相同的文件" in finding["message"]["zh"] and "identical" in finding["message"]["en"]


def test_different_bodies_or_years_are_not_duplicates(check: Callable[..., CheckRun]) -> None:
    run = check(*(str(p) for p in SEED_FILES.values()), "--format", "json")
    assert _cross(run) == []


def test_the_rule_can_be_ignored(check: Callable[..., CheckRun]) -> None:
    formats = sorted(str(p) for p in (FIXTURES / "formats").glob("001_*.docx"))
    run = check(str(SEED_FILES["001"]), *formats, "--format", "json", "--extend-ignore", "XYR003")
    assert _cross(run) == []
