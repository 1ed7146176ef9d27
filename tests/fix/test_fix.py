"""``auditor fix`` and ``check --fix/--diff``: the fixed reports lose the fixed findings and nothing else changes."""

from __future__ import annotations

import codecs
import shutil
from collections import Counter
from pathlib import Path

import docx
import pytest

from auditor.cli import main
from auditor.engine import Engine
from auditor.fix import fix_file, fix_text
from auditor.plugins import Plugins
from tests.conftest import FIXTURES, seed_path

FORMATS = FIXTURES / "formats"


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(Plugins())


def _codes(findings: list) -> Counter[str]:
    return Counter(f.code for f in findings)


def _edit_lines(findings: list) -> set[int]:
    return {edit.loc.line for f in findings if f.fix for edit in f.fix.edits}


@pytest.mark.parametrize(
    ("seed", "fixed", "kept"),
    [
        ("001", {"CIT001", "SEC004", "CIT010"}, {"SEC005", "DAT010"}),  # 60号 cited with 2021 tables
        ("000", {"CIT006", "CIT007", "SEC003"}, {"CIT002", "CIT003"}),  # [2021] brackets; 2019 tables stay wrong
    ],
)
def test_fixing_a_seed_removes_its_fixed_findings_and_changes_nothing_else(
    seed: str, fixed: set[str], kept: set[str], engine: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = seed_path(seed)
    before = engine.check_file(str(source)).findings
    assert fixed <= set(_codes(before)) and kept <= set(_codes(before))
    out = tmp_path / source.name
    main(["fix", str(source), "-o", str(out)])
    diff = capsys.readouterr().out
    after = engine.check_file(str(out)).findings
    assert not fixed & set(_codes(after)), _codes(after)
    # Every finding without a fix is still there, with its fingerprint (nothing else was touched) …
    unfixed = {(f.code, f.fingerprint) for f in before if f.fix is None}
    assert unfixed == {(f.code, f.fingerprint) for f in after}
    # … and the bytes differ only on the lines the fixes named.
    old, new = source.read_bytes().split(b"\n"), out.read_bytes().split(b"\n")
    assert len(old) == len(new)
    changed = {n for n, (a, b) in enumerate(zip(old, new, strict=True), 1) if a != b}
    assert changed and changed <= _edit_lines(before)
    assert diff.count("\n-") == len(changed) and "+++ " in diff
    assert source.read_bytes() != out.read_bytes()


def test_seed_001_cites_the_2021_notice_after_the_fix(engine: Engine) -> None:
    text = fix_file(str(seed_path("001")), engine).after
    assert "国办公开办函〔2021〕30号" in text and "60号" not in text
    assert "关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知" in text  # the 60号 title went with it
    assert "一、总体情况" in text and "1、 总体情况" not in text
    assert "未产生信息处理费。" in text


def test_a_gb18030_file_with_crlf_keeps_its_encoding_and_line_ends(engine: Engine, tmp_path: Path) -> None:
    text = seed_path("000").read_text(encoding="utf-8").replace("\n", "\r\n")
    path = tmp_path / "gbk.txt"
    path.write_bytes(text.encode("gb18030"))
    outcome = fix_file(str(path), engine)
    assert outcome.applied
    fixed = outcome.data.decode("gb18030")
    assert fixed.count("\r\n") == text.count("\r\n") and "\n" not in fixed.replace("\r\n", "")
    assert "国办公开办函〔2021〕30号" in fixed


def test_a_bom_is_kept(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + seed_path("000").read_bytes())
    outcome = fix_file(str(path), engine)
    assert outcome.data.startswith(codecs.BOM_UTF8) and not outcome.data[3:].startswith(codecs.BOM_UTF8)


def _styled_copy(source: Path, target: Path) -> None:
    """The DOCX fixture with formatting to keep: headings in a heading style, the citation split into runs with
    bold, a font and a colour (a replacement spanning runs)."""
    document = docx.Document(str(source))
    for paragraph in document.paragraphs:
        if paragraph.text.strip() in ("总体情况", "存在的主要问题及改进情况", "其他需要报告的事项"):
            paragraph.style = document.styles["Heading 1"]
        if "[2021]30号" in paragraph.text:
            text = paragraph.text
            cut = text.index("[2021]") + 3  # the bracketed year is split between two runs
            for run in list(paragraph.runs):
                run._element.getparent().remove(run._element)
            first = paragraph.add_run(text[:cut])
            first.bold = True
            first.font.name = "仿宋"
            second = paragraph.add_run(text[cut:])
            second.italic = True
    document.save(str(target))


def _shape(path: Path) -> tuple:
    document = docx.Document(str(path))
    styles = [p.style.name for p in document.paragraphs]
    runs = [[(r.bold, r.italic, r.font.name) for r in p.runs] for p in document.paragraphs]
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    return styles, runs, tables, [t.style.name if t.style else None for t in document.tables]


@pytest.mark.parametrize("seed", ["000", "001"])
def test_docx_keeps_its_tables_styles_and_run_formatting(
    seed: str, engine: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "styled.docx"
    _styled_copy(next(FORMATS.glob(f"{seed}_*.docx")), source)
    out = tmp_path / "fixed.docx"
    before = engine.check_file(str(source)).findings
    assert main(["fix", str(source), "-o", str(out)]) in (0, 1)
    capsys.readouterr()
    after = engine.check_file(str(out)).findings
    fixable = {f.code for f in before if f.fix and f.fix.safe}
    assert fixable and not fixable & {f.code for f in after}
    assert {(f.code, f.fingerprint) for f in before if f.fix is None} == {(f.code, f.fingerprint) for f in after}
    styles, runs, tables, table_styles = _shape(source)
    new_styles, new_runs, new_tables, new_table_styles = _shape(out)
    assert new_styles == styles and new_runs == runs  # same paragraphs, styles and runs with their formatting
    assert new_tables == tables and new_table_styles == table_styles
    if seed == "000":
        paragraph = next(p for p in docx.Document(str(out)).paragraphs if "30号" in p.text)
        assert "〔2021〕30号" in paragraph.text and paragraph.runs[0].bold and paragraph.runs[1].italic


def test_unsafe_fixes_need_the_flag() -> None:
    from auditor.testing import audit, clean_text

    text = clean_text().replace("\n1.属于国家秘密 0 0 0 0 0 0 0\n", "\n1.属于国家秘密 0 0 无数据 0 0 0 0\n")
    findings = audit(text, select=["NUM005"])
    assert [f.fix.applicability for f in findings if f.fix] == ["unsafe"]
    assert fix_text(text, findings).text == text
    assert fix_text(text, findings, unsafe=True).text == clean_text()


def test_overlapping_fixes_wait_for_the_next_pass(engine: Engine, tmp_path: Path) -> None:
    from auditor.testing import audit, clean_text

    text = clean_text().replace("国办公开办函〔2021〕30号", "国办公开办函[2021]30号")
    findings = audit(text)
    one = next(f for f in findings if f.code == "CIT006")
    assert one.fix is not None
    twice = [one, type(one)(**{**{s: getattr(one, s) for s in one.__slots__}, "code": "ZZZ999"})]
    clash = twice[1].fix.edits[0]
    twice[1].fix = type(one.fix)((type(clash)(clash.loc, clash.old, "X"),), one.fix.message)
    result = fix_text(text, twice)
    assert [f.code for f in result.applied] == ["CIT006"] and [f.code for f in result.skipped] == ["ZZZ999"]


def test_without_output_nothing_is_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "r.txt"
    shutil.copy(seed_path("000"), path)
    original = path.read_bytes()
    assert main(["fix", str(path)]) == 1  # a diff to show
    captured = capsys.readouterr()
    assert "〔2021〕30号" in captured.out and "-o" in captured.err
    assert path.read_bytes() == original


def test_in_place_asks_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "r.txt"
    shutil.copy(seed_path("000"), path)
    original = path.read_bytes()
    assert main(["fix", str(path), "--in-place"]) == 2  # not a terminal and no --yes: nothing overwritten
    assert "--yes" in capsys.readouterr().err and path.read_bytes() == original
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda _prompt: "n")
    assert main(["fix", str(path), "--in-place"]) == 2
    assert path.read_bytes() == original
    monkeypatch.setattr("builtins.input", lambda _prompt: "y")
    main(["fix", str(path), "--in-place"])
    assert "〔2021〕30号" in path.read_text(encoding="utf-8")


def test_a_report_fixed_in_place_keeps_its_permissions(tmp_path: Path) -> None:
    """The fixed text is written to a temporary file (made 0600) and renamed over the report: it gets the report's
    permissions, so a report others could read stays readable."""
    path = tmp_path / "r.txt"
    shutil.copy(seed_path("000"), path)
    path.chmod(0o644)
    main(["fix", str(path), "--in-place", "--yes"])
    assert "〔2021〕30号" in path.read_text(encoding="utf-8")
    assert path.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["r.txt"]  # no temporary file left beside it


def test_check_diff_and_check_fix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "r.txt"
    shutil.copy(seed_path("001"), path)
    original = path.read_bytes()
    assert main(["check", str(path), "--diff"]) == 1
    assert "+" in capsys.readouterr().out and path.read_bytes() == original
    main(["check", str(path), "--fix", "--yes", "--format", "json", "-o", str(tmp_path / "audit.json")])
    audit = (tmp_path / "audit.json").read_text(encoding="utf-8")
    assert '"CIT001"' not in audit and '"SEC005"' in audit
    assert main(["check", str(path), "--diff"]) == 0  # nothing left to fix


def test_fix_refuses_formats_it_cannot_write(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pdf = next(FORMATS.glob("000_*.pdf"))
    assert main(["fix", str(pdf), "-o", str(tmp_path / "x.pdf")]) == 2
    assert ".docx" in capsys.readouterr().err and not (tmp_path / "x.pdf").exists()


def test_what_is_left_reads_like_the_concise_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The findings left after a fix: one line each (a message quoting text across a line break stays on one
    line), with Chinese typography (docs/glossary.md)."""
    out = tmp_path / "fixed.txt"
    main(["fix", str(seed_path("000")), "-o", str(out)])
    err = capsys.readouterr().err
    (cit003,) = [line for line in err.splitlines() if ": CIT003 " in line]
    assert "2022年度报告应使用2021年格式" in cit003 and cit003.endswith("制作数量”）。")
