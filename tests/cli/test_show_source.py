"""``check --show-source``: each finding with its source line and carets under the text it is about (Ruff's full
output); for a DOCX or PDF the line of the extracted text, with the page or paragraph in words."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import wcwidth

from auditor.document import Location
from auditor.reporters.source import snippet, span, window
from auditor.rule import Finding, Place, Severity, Text
from tests.conftest import FIXTURES, ROOT, SEED_FILES, SEEDS, CheckRun

SEED = SEED_FILES["001"].relative_to(ROOT).as_posix()


@pytest.fixture(autouse=True)
def _in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def _width(text: str) -> int:
    return int(wcwidth.wcswidth(text))


def _under(source: str, carets: str) -> str:
    """The characters of ``source`` that stand above the carets (by display cells)."""
    start = carets.index("^")
    length = carets.count("^")
    out, position = "", 0
    for ch in source:
        if start <= position < start + length:
            out += ch
        position += _width(ch)
    return out


def _blocks(out: str) -> dict[str, tuple[str, str]]:
    """For each finding header ``path:line:col: CODE``, its source line and caret line (after the gutter)."""
    lines = out.splitlines()
    found: dict[str, tuple[str, str]] = {}
    for index, line in enumerate(lines):
        match = re.match(r"^(\S+?:\d+:\d+): ([A-Z]{3}\d{3})(?: |$)", line)  # a long path puts the rest below
        if match:
            body = [entry for entry in lines[index + 1 : index + 6] if re.match(r"^ *\d* \| ", entry)]
            if len(body) >= 2:
                source = body[0].split(" | ", 1)[1]
                carets = body[1].split(" | ", 1)[1]
                found.setdefault(f"{match[1]} {match[2]}", (source, carets))
    return found


def test_carets_under_the_quoted_citation(check: Callable[..., CheckRun], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    run = check(SEED, "--show-source")
    blocks = _blocks(run.out)
    source, carets = blocks[f"{SEED}:3:87 CIT001"]
    assert _under(source, carets) == "国办公开办函〔2019〕60号"
    source, carets = blocks[f"{SEED}:5:1 SEC004"]
    assert _under(source, carets) == "1、 总体情况"  # a heading: the whole line
    assert "= 2023年度报告引用了已被取代的“国办公开办函〔2019〕60号”" in run.out
    assert "= 所在：导语" in run.out and "可自动修复：" in run.out
    # Every finding is shown, each once.
    findings = json.loads(check(SEED, "--format", "json").out)["files"][0]["findings"]
    assert len(re.findall(r"^\S+: [A-Z]{3}\d{3} ", run.out, re.M)) == len(findings)


@pytest.mark.parametrize("columns", [80, 100, 120])
def test_source_fits_the_terminal(
    columns: int, check: Callable[..., CheckRun], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    out = check(str(SEEDS), str(FIXTURES / "formats"), "--show-source").out
    assert max(_width(line) for line in out.splitlines()) <= columns
    blocks = _blocks(out)
    assert len(blocks) > 20
    for source, carets in blocks.values():  # the carets stand under the line, never past it
        assert carets.strip(" ^") == "" and _width(carets.rstrip()) <= _width(source)


def test_docx_and_pdf_show_the_extracted_line_and_where_it_is(
    check: Callable[..., CheckRun], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    pdf = (FIXTURES / "formats" / "000_58b0067790987b2b.pdf").relative_to(ROOT).as_posix()
    docx = (FIXTURES / "formats" / "000_58b0067790987b2b.docx").relative_to(ROOT).as_posix()
    out = check(pdf, docx, "--show-source").out
    assert f"{pdf}（第1页）: CIT006 提示 文号的括号不规范" in out
    assert re.search(rf"{re.escape(docx)}（第\d+段）: CIT006 提示 文号的括号不规范", out)
    for path in (pdf, docx):
        block = out[out.index(f"{path}（") :]
        source, carets = (line.split(" | ", 1)[1] for line in block.splitlines()[1:4] if " | " in line)
        assert _under(source, carets).replace(" ", "") == "国办公开办函[2021]30号"  # the PDF's text has 「30 号」
    en = check(pdf, "--show-source", "--lang", "en").out
    assert f"{pdf} (page 1): CIT006 info" in en


def test_from_the_configuration_and_no_show_source(
    check: Callable[..., CheckRun], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "auditor.toml"
    config.write_text("show-source = true\n", encoding="utf-8")
    shown = check(SEED, "--config", str(config)).out
    assert " | " in shown and "^^^" in shown
    plain = check(SEED, "--config", str(config), "--no-show-source").out
    assert plain == check(SEED).out and "^^^" not in plain
    assert json.loads(check(SEED, "--config", str(config), "--show-settings").out)["show-source"] is True
    # The JSON output does not change with it.
    assert check(SEED, "--format", "json", "--show-source").out == check(SEED, "--format", "json").out


def test_stdin_shows_its_source(check: Callable[..., CheckRun], monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    data = SEED_FILES["001"].read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    out = check("-", "--stdin-filename", "a.txt", "--show-source").out
    assert "a.txt:3:87: CIT001" in out and "（国办公开办函〔2019〕60号）" in out


def _finding(column: int, values: dict[str, object] | None = None) -> Finding:
    return Finding(
        "XXX001", "x", Severity.WARNING, Text("问题", "issue"), "a.txt", Location(7, column), Place(), values or {},
        (), "f",
    )  # fmt: skip


def test_span_and_window() -> None:
    line = "本机关依据（国办公开办函〔2019〕60号）编制。其余内容"
    column = line.index("国") + 1
    assert (
        line[slice(*span(_finding(column, {"cited": "国办公开办函〔2019〕60号"}), line))] == "国办公开办函〔2019〕60号"
    )
    assert line[slice(*span(_finding(column), line))] == "国办公开办函〔2019〕60号）编制。"  # to the sentence's end
    assert span(_finding(1), "  标题  ") == (2, 4)  # a whole line, without its margins
    assert span(_finding(99), "短") == (1, 2)  # past the end: one caret after it
    long = "甲" * 100 + "目标" + "乙" * 100
    shown, offset, width = window(long, 100, 102, 40)
    assert _width(shown) <= 40 and shown.startswith("…") and shown.endswith("…")
    assert _under(shown, " " * offset + "^" * width) == "目标"
    ending = "甲" * 100 + "目标。"  # the span near the end: the room goes to what comes before it
    shown, offset, width = window(ending, 100, 102, 40)
    assert (
        38 <= _width(shown) <= 40 and shown.endswith("目标。") and _under(shown, " " * offset + "^" * width) == "目标"
    )
    lines = snippet(_finding(1), "\t控制\x1b[31m字符", 30)
    assert "\x1b" not in "".join(lines) and lines[1] == "7 |  控制 [31m字符"


def test_output_format_full_is_text_with_the_source(check: Callable[..., CheckRun]) -> None:
    assert check(SEED, "--output-format", "full").out == check(SEED, "--show-source").out
    assert check(SEED, "--output-format", "full", "--no-show-source").out == check(SEED).out
