"""Parts under headings of the report's own: one warning naming them, not a missing section (SEC001) per part.

A report that words, splits, merges or renumbers its parts (君山片区 2025: 「一、年度工作核心成效」, 「五、当前存在的
突出问题」 「六、下一步改进举措」, 「七、其他需说明事项」) lacks the format's headings, not its parts. A report that
truly lacks a part still gets SEC001's error for it.
"""

from __future__ import annotations

from pathlib import Path

from auditor.config import Config
from auditor.engine import Engine
from auditor.parse import parse_document, parse_file
from auditor.plugins import Plugins
from auditor.readers.text import document_from_text
from auditor.renamed import numeral_value
from auditor.rule import Finding, Severity
from tests.conftest import ROOT, SEED_FILES

VALIDATE10 = ROOT / "tests" / "fixtures" / "validate10"


def _findings(path: Path, text: str | None = None) -> list[Finding]:
    report = parse_file(path) if text is None else parse_document(document_from_text(text, path.name, "text"))
    return [f for f in Engine(Plugins(), Config()).check_report(report, str(path)) if f.code == "SEC001"]


def test_parts_renamed_split_and_renumbered_are_one_warning() -> None:
    found = _findings(VALIDATE10 / "review-table-before-renamed-part-2025.txt")
    assert [(f.code, f.severity) for f in found] == [("SEC001", Severity.WARNING)]
    [finding] = found
    assert finding.values["sections"] == ["一", "五", "六"]
    written = finding.values["in_their_place"]
    starts = ["一、年度工作核心成效", "五、当前存在的突出问题", "六、下一步改进举措", "七、其他需说明事项"]
    assert len(written) == 4 and all(text.startswith(start) for text, start in zip(written, starts, strict=True))
    assert finding.loc is not None and finding.loc.line == 10
    assert "一、年度工作核心成效" in finding.message.zh and "推断" in finding.message.zh
    assert "七、其他需说明事项" in finding.message.en and "a guess" in finding.message.en


def test_a_part_truly_missing_is_still_an_error() -> None:
    # 农业农村局 2024 ends with 「五、存在的主要问题及改进情况」: no part 六, no heading in its place.
    found = _findings(VALIDATE10 / "header-repealed-cut-short-2024.txt")
    assert [(f.severity, f.place.section) for f in found] == [(Severity.ERROR, "六")]
    assert "in_their_place" not in found[0].values


def test_arabic_part_numbers_are_followed_in_their_own_style() -> None:
    # Seed 001 numbers its parts 1、 … 6、 (its part 5 holds a list 1、 2、 3、 that starts again: no part).
    seed = SEED_FILES["001"]
    text = seed.read_text(encoding="utf-8").replace("6、 其他需要报告的事项", "6、 其他事项说明")
    found = _findings(seed, text)
    assert [(f.severity, f.values.get("in_their_place")) for f in found] == [(Severity.WARNING, ["6、 其他事项说明"])]
    # Without the heading, the part is missing: the list in part 5 does not stand in for it.
    lines = [line for line in text.split("\n") if not line.startswith("6、 其他事项说明")]
    found = _findings(seed, "\n".join(lines))
    assert [(f.severity, f.place.section) for f in found] == [(Severity.ERROR, "六")]


def test_a_list_numbered_like_parts_inside_a_part_is_no_part() -> None:
    # Seed 004 with its overview's points numbered 一、 … 五、 (as reports number sub-parts) and section 二 cut out:
    # 「二、规范依申请公开」 comes after a list that started again at 一: it is a point of 一, not section 二 renamed.
    lines = SEED_FILES["004"].read_text(encoding="utf-8").split("\n")
    for index, line in enumerate(lines):
        for numeral in "一二三四五":
            if line.startswith(f"{numeral}是"):
                lines[index] = f"{numeral}、{line[2:]}"
    start = next(i for i, line in enumerate(lines) if line.startswith("二、主动公开政府信息情况"))
    end = next(i for i, line in enumerate(lines) if line.startswith("三、收到和处理政府信息公开申请情况"))
    found = _findings(SEED_FILES["004"], "\n".join(lines[:start] + lines[end:]))
    assert [(f.severity, f.place.section) for f in found] == [(Severity.ERROR, "二")]
    assert found[0].values["tables"] == ["regulations", "licensing", "enforcement", "fees"]


def test_a_part_renamed_keeps_its_tables_missing_on_their_own() -> None:
    # Section 四 under a heading of its own and without its table: the table is missing (TAB001) — the section is not.
    lines = SEED_FILES["004"].read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("四、政府信息公开行政复议"))
    end = next(i for i, line in enumerate(lines) if line.startswith("五、"))
    text = "\n".join([*lines[:start], "四、复议诉讼工作", "本年度未发生行政复议、行政诉讼案件。", *lines[end:]])
    report = parse_document(document_from_text(text, "report.txt", "text"))
    found = [
        f for f in Engine(Plugins(), Config()).check_report(report, "report.txt") if f.code in ("SEC001", "TAB001")
    ]
    assert [(f.code, f.severity, f.place.section) for f in found] == [
        ("SEC001", Severity.WARNING, "四"),
        ("TAB001", Severity.ERROR, "四"),
    ]


def test_numeral_values() -> None:
    assert [numeral_value(n) for n in ("一", "六", "十", "十二", "二十", "7", "12")] == [1, 6, 10, 12, 20, 7, 12]
    assert [numeral_value(n) for n in (None, "", "零", "百")] == [None, None, None, None]
