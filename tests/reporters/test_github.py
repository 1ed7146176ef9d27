"""``--format github``: workflow-command lines escaped exactly as ``@actions/core`` does."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from auditor.reporters.github import command, escape_data, escape_property
from tests.conftest import ROOT, SEED_FILES, CheckRun


@pytest.mark.parametrize(
    ("raw", "data", "prop"),
    [
        ("100% 完成", "100%25 完成", "100%25 完成"),
        ("line one\r\nline two", "line one%0D%0Aline two", "line one%0D%0Aline two"),
        ("a:b,c", "a:b,c", "a%3Ab%2Cc"),
        ("%0A", "%250A", "%250A"),  # an escape sequence in the text itself stays literal
        ("：，", "：，", "：，"),  # full-width punctuation is not syntax
    ],
)
def test_escaping(raw: str, data: str, prop: str) -> None:
    assert escape_data(raw) == data
    assert escape_property(raw) == prop


def test_command_line() -> None:
    line = command("error", {"file": "r/a,b.txt", "line": "3", "title": "CIT001 x: y"}, "50%\nmore")
    assert line == "::error file=r/a%2Cb.txt,line=3,title=CIT001 x%3A y::50%25%0Amore"


def test_annotations(check: Callable[..., CheckRun], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(ROOT)
    seed = SEED_FILES["002"].relative_to(ROOT).as_posix()
    run = check(seed, "--format", "github", "--lang", "en")
    assert run.code == 1
    lines = run.out.splitlines()
    assert len(lines) == 9 and all(line.startswith("::") for line in lines)
    assert lines[8] == f"::notice file={seed},title=auditor verdict::verdict: fail"  # the file's verdict
    assert lines[0] == (
        f"::notice file={seed},line=1,col=1,title=CIT005 no-format-notice::the report does not cite the format "
        "it follows (it should be 国办公开办函〔2021〕30号)."
    )
    assert lines[7].startswith(f"::error file={seed},line=393,col=1,title=DAT006 signed-before-year-end::")
    # 行政处罚 181 in table 二, never mentioned in the text (info)
    assert lines[4].startswith(f"::notice file={seed},line=42,col=2,title=NAR019 table-figure-not-described::")
    # the one warning: 总体情况 never covers 依申请公开
    assert [line.split(" ")[0] for line in lines].count("::warning") == 1
    assert lines[2].startswith(f"::warning file={seed},line=2,col=1,title=NAR010 overview-aspect-missing::")
    assert run.err.startswith("1 file(s), 1 failing the gate")  # the log goes to stderr, never among the commands


def test_levels_and_file_level_findings(
    check: Callable[..., CheckRun], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "minutes.txt").write_text("会议纪要\n", encoding="utf-8")
    monkeypatch.chdir(ROOT)
    run = check(SEED_FILES["003"].relative_to(ROOT).as_posix(), str(tmp_path / "minutes.txt"), "--format", "github")
    commands = [line.split(" ", 1)[0] for line in run.out.splitlines()]
    # seed 003 passes (no verdict notice); the non-report is 无法审查 (a notice after its fatal finding)
    assert commands == [
        "::notice",
        "::notice",
        "::warning",
        "::notice",  # NAR013 the doubled sentence
        "::notice",  # NAR011 监督考核 without results
        "::warning",
        "::notice",
        "::notice",
        "::error",
        "::notice",
    ]
    assert run.out.splitlines()[-1].endswith("::结论: 无法审查")
    fatal = run.out.splitlines()[-2]
    # Outside the working folder the path stays absolute; the finding has no line, so neither line nor col.
    assert fatal.startswith(
        f"::error file={(tmp_path / 'minutes.txt').as_posix()},title=SYS002 不是政府信息公开工作年度报告::"
    )


@pytest.mark.parametrize(("suffix", "where"), [("docx", "（第"), ("pdf", "（第"), ("html", "（第")])
def test_annotations_on_files_github_cannot_show_by_line_go_to_line_1(
    suffix: str, where: str, check: Callable[..., CheckRun], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    path = next((ROOT / "tests" / "fixtures" / "formats").glob(f"001_*.{suffix}")).relative_to(ROOT).as_posix()
    run = check(path, "--format", "github")
    lines = run.out.splitlines()
    assert lines and all(",line=1," in line or ",line=" not in line for line in lines)
    located = [line for line in lines if ",line=1," in line]
    assert located and all("::（" in line for line in located) and not any(",col=" in line for line in lines)
    if suffix == "pdf":
        assert all("页" in line for line in located)
    if suffix == "docx":
        assert any("段" in line for line in located)


def test_location_words() -> None:
    from auditor.document import Location
    from auditor.reporters.where import location_text

    assert location_text(Location(70, 1, page=2), "zh", text_file=False) == "第2页"
    assert location_text(Location(70, 1, page=2), "en") == "page 2, line 70"
    assert location_text(Location(5, 1, ref="P12"), "zh", text_file=False) == "第12段"
    assert location_text(Location(9, 4, ref="T2R5C3"), "en", text_file=False) == "table 2, row 5, cell 3"
    assert location_text(Location(3, 87), "zh") == "第3行第87列"
    assert location_text(None, "zh") == "全文"
