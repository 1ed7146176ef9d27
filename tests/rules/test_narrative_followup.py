"""D12 follow-up (NAR016): with the body's report of the year before in the batch, section 五 that neither mentions
last year's problems nor repeats them is info, quoting them; an explicit follow-up says nothing; a repeated problem
is uncertain (followed up, or copied) and says nothing either. Made from seed 002 (咸祥镇 2022) and real sentence
shapes (pingtan 2022's problems; 「针对上年度报告中提出的……问题」)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from auditor.cli import main
from tests.conftest import FIXTURES

SEED = FIXTURES / "seeds" / "002_33c66f99cc935577.txt"
LAST_YEARS_SECTION_5 = SEED.read_text(encoding="utf-8").splitlines()[387]  # line 388: problems, then measures


def _batch(tmp_path: Path, section_5: str) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(SEED, folder / "xianxiang-2022.txt")
    text = SEED.read_text(encoding="utf-8").replace(LAST_YEARS_SECTION_5, section_5).replace("2022", "2023")
    (folder / "xianxiang-2023.txt").write_text(text, encoding="utf-8")
    return folder


def _run(folder: Path, capsys: pytest.CaptureFixture[str]) -> tuple[list[dict], list[dict]]:
    main(["check", str(folder), "--format", "json", "--select", "NAR016"])
    cross = json.loads(capsys.readouterr().out)["summary"]["cross_file"]
    return [f for f in cross["findings"] if f["code"] == "NAR016"], [
        n for n in cross["notes"] if n.get("check") == "problems-follow-up"
    ]


def test_new_problems_without_a_word_on_last_years(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    section_5 = (
        "2023年，我镇政府信息公开工作取得了一定成绩，但还存在一些问题和不足：一是重大行政决策预公开程度需进一步加强，"
        "意见征集形式较为单一。二是部分重点领域信息公开深度不足。下一步，我镇将丰富意见征集形式，建立重点领域信息公开台账。"
    )
    (finding,) = _run(_batch(tmp_path, section_5), capsys)[0]
    assert finding["path"].endswith("xianxiang-2023.txt") and finding["severity"] == "info"
    assert "信息发布和更新效率有待提高" in finding["message"]["zh"]  # last year's problem, quoted
    assert "2022" in finding["message"]["en"] and finding["values"]["last_year_file"].endswith("xianxiang-2022.txt")
    assert finding["line"] == 387  # the heading of section 五


def test_an_explicit_follow_up(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    section_5 = (
        "针对上年度报告中提出的信息发布效率不高等问题，我镇建立了信息发布台账，问题已基本整改。"
        "2023年，我镇政务公开工作仍存在政策解读形式单一的不足。下一步，我镇将丰富政策解读形式。"
    )
    findings, notes = _run(_batch(tmp_path, section_5), capsys)
    assert findings == []
    assert [n["followed_up"] for n in notes] == ["yes"]


def test_the_same_problems_again_is_uncertain(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    section_5 = (
        "2023年度，我镇政务公开工作还存在一些不足，主要是信息发布和更新效率有待提高；政府信息公开的形式还有待创新。"
        "下一步，我镇将进一步加强部门联动。"
    )
    findings, notes = _run(_batch(tmp_path, section_5), capsys)
    assert findings == []
    assert [n["followed_up"] for n in notes] == ["uncertain"]


def test_no_pair_without_last_years_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _batch(tmp_path, "2023年，我镇政务公开工作存在政策解读形式单一的问题。")
    (folder / "xianxiang-2022.txt").unlink()
    shutil.copy(FIXTURES / "seeds" / "001_ab25516cfdb0ffab.txt", folder)  # another body's report
    assert _run(folder, capsys) == ([], [])
