"""Every built-in rule with a report that breaks it and one that does not.

Each case starts from a clean synthetic report (the engine finds nothing in it: ``test_clean_reports_pass``),
applies one edit, and expects the rule to fire — at the line of the edit where the rule points at one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from auditor.config import Config
from auditor.engine import Engine
from auditor.plugins import Plugins
from auditor.rule import Severity
from tests.rules.helpers import audit, clean_text, codes
from tests.rules.test_cases import CASES as YAML_CASES

Edit = Callable[[str], str]


def sub(old: str, new: str) -> Edit:
    def edit(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)

    return edit


def row(label: str, values: str) -> Edit:
    """Plain layout: give the row that starts with ``label`` new values."""

    def edit(text: str) -> str:
        pattern = re.compile(rf"^{re.escape(label)} .*$", re.M)
        assert pattern.search(text), label
        return pattern.sub(f"{label} {values}", text, count=1)

    return edit


def tab_row(label: str, cells: list[str]) -> Edit:
    """Tab-separated layout: give the row that starts with ``label`` new cells (an empty string: a blank cell)."""

    def edit(text: str) -> str:
        pattern = re.compile(rf"^{re.escape(label)}\t.*$", re.M)
        assert pattern.search(text), label
        return pattern.sub("\t".join([label, *cells]), text, count=1)

    return edit


def drop_lines(predicate: Callable[[str], bool]) -> Edit:
    def edit(text: str) -> str:
        lines = text.split("\n")
        kept = [line for line in lines if not predicate(line)]
        assert len(kept) < len(lines)
        return "\n".join(kept)

    return edit


def cut_before(needle: str) -> Edit:
    """The text as a download cut off just before ``needle`` leaves it."""

    def edit(text: str) -> str:
        assert needle in text, needle
        return text[: text.index(needle)]

    return edit


def chain(*edits: Edit) -> Edit:
    def edit(text: str) -> str:
        for one in edits:
            text = one(text)
        return text

    return edit


def move_section(heading: str, before: str) -> Edit:
    """Move the section starting at ``heading`` (up to the next numbered heading) in front of ``before``."""

    def edit(text: str) -> str:
        lines = text.split("\n")
        start = lines.index(heading)
        end = next(
            (i for i in range(start + 1, len(lines)) if re.match(r"^[一二三四五六]、", lines[i])), len(lines) - 3
        )
        block = lines[start:end]
        del lines[start:end]
        target = lines.index(before)
        return "\n".join(lines[:target] + block + lines[target:])

    return edit


SIGNED = "2024年1月20日"  # the clean 2021-format report (year 2023) is signed here


@dataclass
class Case:
    code: str
    edit: Edit
    variant: str = "2021"
    layout: str = "plain"
    year: int | None = None
    line_of: str | None = None  # the finding points at the first line holding this text


CASES = [  # the cases that need Python; the others are data in tests/rules/cases/*.yml (test_cases.py)
    Case(
        "CIT005",
        chain(
            sub(
                "和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》",
                "",
            ),
            sub("（国办公开办函〔2021〕30号）", ""),
        ),
    ),
    Case(
        "SEC002",
        move_section("六、其他需要报告的事项", "五、存在的主要问题及改进情况"),
        line_of="五、存在的主要问题及改进情况",
    ),  # 五 now comes after 六
    Case(
        "SEC005",
        sub("四、政府信息公开行政复议、行政诉讼情况", "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"),
        line_of="四、因政府信息公开工作",
    ),
    Case(
        "SEC006",
        drop_lines(lambda line: line.startswith(("信息公开的及时性", "下一步将加强"))),
        line_of="五、存在的主要问题",
    ),
    Case(
        "SEC007",
        sub("六、其他需要报告的事项", "五、存在的主要问题和改进情况\n再次说明。\n六、其他需要报告的事项"),
        line_of="五、存在的主要问题和改进情况",
    ),
    Case(
        "TAB001",
        drop_lines(
            lambda line: (
                line in ("第二十条第（八）项", "本年收费金额（单位：万元）") or line.startswith("行政事业性收费")
            )
        ),
    ),
    Case("TAB004", row("行政规范性文件", "13430"), line_of="行政规范性文件"),  # 13|4|30, 1|34|30 …: ambiguous
    Case(
        "TAB009",
        lambda t: re.sub(
            r"^(一、本年新收政府信息公开申请数量) (.*)$", lambda m: m[1] + m[2].replace(" ", ""), t, count=1, flags=re.M
        ),
        line_of="一、本年新收",
    ),  # the run of digits has one split that fits the table's identities
    Case("TAB005", sub("\n结果维持\n", "\n结果维 持\n"), line_of="结果维 持"),
    Case("TAB006", sub("（二）部分公开", "（七）总计 0 0 0 0 0 0 0\n（二）部分公开")),
    Case("TAB007", lambda t: re.sub(r"（三）不予公开\n1\.属于国家秘密", "（三）不予公开", t), line_of="（三）不予公开"),
    Case("TAB008", sub("下一步将加强", "7 8 9\n下一步将加强"), line_of="7 8 9"),
    Case(
        "FEE001",
        sub("本年度发出信息处理费收费通知3件，申请人均逾期未缴纳，实际收取信息处理费0元。", "无。"),
        line_of="六、其他需要报告的事项",
    ),
    Case("NUM002", row("（七）总计", "53 91 0 0 0 0 145"), line_of="（七）总计"),
    Case("NUM003", row("一、本年新收政府信息公开申请数量", "44 49 0 0 0 0 92"), line_of="一、本年新收"),
    Case("NUM004", sub("0 0 0 0 0 0 0 0 0 0 0 0 0 0 0", "0 0 0 0 1 0 0 0 0 0 0 0 0 0 0")),
    Case("NUM005", row("行政强制", "-3"), line_of="行政强制"),
    Case("NUM005", row("行政处罚", "3.5"), line_of="行政处罚"),
    # A row with fewer cells than columns cannot be read (which column lacks its figure?): TAB004, not NUM006.
    Case("TAB004", row("1.属于国家秘密", "0 0 0 0 0 0"), line_of="1.属于国家秘密"),
    Case(
        "NUM009",
        chain(tab_row("规章", ["", "", ""]), tab_row("行政规范性文件", ["", "", ""])),
        layout="tab-separated",
    ),
    # a table of dashes says "nothing happened" in the wrong notation: the report's marks, one NUM007 (no NUM009)
    Case("NUM007", chain(row("规章", "- - -"), row("行政规范性文件", "- - -")), line_of="规章"),
    Case("NUM007", row("1.属于国家秘密", "0 0 - 0 0 0 0"), line_of="1.属于国家秘密"),
    Case("NUM008", row("2.其他法律行政法规禁止公开", "6 6 0 0 0 0 -"), line_of="（本列数据的勾稽关系"),
    Case("PLA001", row("行政规范性文件", "9 1 3"), line_of="行政规范性文件"),
    Case("PLA002", row("规范性文件", "0 5 2"), variant="2019", line_of="规范性文件"),
    Case("PLA003", row("行政强制", "2 -5 0"), variant="2019", line_of="行政强制"),
    Case("PLA004", row("规章", "1 0 1"), line_of="规章"),
    Case(
        "DAT001",
        chain(sub("2023年西岭县", "西岭县"), sub("本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。", "")),
    ),
    Case(
        "DAT002",
        sub("自2023年1月1日起至2023年12月31日止", "自2022年1月1日起至2022年12月31日止"),
        line_of="自2022年1月1日",
    ),
    Case("DAT003", sub("至2023年12月31日止", "至2023年11月30日止"), line_of="至2023年11月30日止"),
    Case("DAT004", sub("至2023年12月31日止", "至12月31日止"), line_of="至12月31日止"),
    Case("DAT005", sub("本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。", "")),
    Case("DAT010", sub(SIGNED, "")),
    Case("SEC008", cut_before("3.其他"), line_of="2.申请人逾期未按收费通知"),  # inside table 三's （六）: cut off
]


def _line(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), 1) if needle in line)


@pytest.mark.parametrize("variant", ["2019", "2021"])
@pytest.mark.parametrize("layout", ["plain", "cell-per-line", "tab-separated"])
def test_clean_reports_pass(variant: str, layout: str) -> None:
    assert audit(clean_text(variant, layout)) == []


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.code}-{c.variant}")
def test_rule_fires_on_the_report_that_breaks_it(case: Case) -> None:
    clean = clean_text(case.variant, case.layout, year=case.year)
    if case.year is None:
        assert case.code not in codes(audit(clean))
    broken = case.edit(clean)
    found = [f for f in audit(broken) if f.code == case.code]
    assert found, f"{case.code} did not fire"
    for finding in found:
        assert finding.message.zh and finding.message.en and finding.message.zh != finding.message.en
    if case.line_of is not None:
        expected = _line(broken, case.line_of)
        assert expected in [f.line for f in found], (expected, [f.line for f in found])


def test_every_rule_has_a_case() -> None:
    covered = {case.code for case in CASES} | {case.rule for case in YAML_CASES}
    covered |= {"SYS001", "SYS002", "SYS003"}  # tests/rules/test_engine.py
    covered |= {"SYS004"}  # stale baseline entries: tests/cli/test_baseline.py
    covered |= {"SYS005", "SYS006"}  # needs OCR, limit exceeded: tests/readers/test_hostile.py
    covered |= {"XYR001", "XYR002"}  # across files: tests/rules/test_crossyear.py
    covered |= {"XYR003"}  # duplicate submissions: tests/rules/test_duplicates.py
    covered |= {"NUM006"}  # a row the format does not have: tests/rules/test_one_cause.py
    covered |= {"PRE001", "PRE002"}  # pre-2019 reports (real ones): tests/rules/test_regime.py
    covered |= {code for code in Plugins().rules if code.startswith("NAR")}  # tests/rules/test_narrative.py
    assert set(Plugins().rules) == covered


def test_deadline_is_configurable() -> None:
    late = sub(SIGNED, "2024年4月15日")(clean_text())
    assert "DAT007" in codes(audit(late))
    config = Config()
    config.deadlines["township"] = "05-31"
    assert "DAT007" not in codes(audit(late, eng=Engine(Plugins(), config)))


def test_rules_reported_by_a_township_are_one_finding_for_the_row() -> None:
    """A town's 规章 row with figures in two or three columns (「规章 | 2 | 0 | 2 |」, 「规章 | 1 | 1 | 1 |」 in real
    pages): one cause, so one PLA004 naming every figure of the row, not one per column."""
    for layout, variant in (("plain", "2021"), ("plain", "2019")):
        text = row("规章", "2 0 2" if variant == "2021" else "1 1 1")(clean_text(variant, layout=layout))
        found = [f for f in audit(text) if f.code == "PLA004"]
        assert len(found) == 1, (variant, [f.message.zh for f in found])
        # the figures filled in, each named; no sum of the three (本年制发 + 现行有效 counts nothing)
        assert found[0].message.zh.count("规章·") == (2 if variant == "2021" else 3)
        assert "右边" not in found[0].message.zh and "()" not in found[0].message.en


def test_a_header_that_only_adds_or_rewrites_the_unit_of_money_is_information() -> None:
    """「采购总金额(万元)」 (the 2019 format states no unit; many reports add it) and 「本年收费金额(万元)」 for
    「本年收费金额（单位：万元）」: read as that column, an info finding — stating the unit is no fault. A header that
    drops the unit the format states is still a warning."""
    for variant, official, written in (
        ("2019", "采购总金额", "采购总金额(万元)"),
        ("2021", "本年收费金额（单位：万元）", "本年收费金额(万元)"),
    ):
        text = sub(f"\n{official}\n", f"\n{written}\n")(clean_text(variant, layout="plain"))
        found = [f for f in audit(text) if f.code == "TAB003"]
        assert [f.severity for f in found] == [Severity.INFO], (variant, [f.message.zh for f in found])
        assert "金额单位" in found[0].message.zh
    text = sub("\n本年收费金额（单位：万元）\n", "\n本年收费金额\n")(clean_text("2021", layout="plain"))
    assert [f.severity for f in audit(text) if f.code == "TAB003"] == [Severity.WARNING]


def test_a_template_marker_wrapped_over_lines_is_quoted_on_one_line() -> None:
    """A 2023 report on the 2019 tables whose header cell is wrapped (「本年新\n制作数量」, as web pages give it):
    CIT003 quotes the header on one line."""
    text = clean_text("2019", layout="plain", year=2023)
    text = sub("\n本年新制作数量\n", "\n本年新\n制作数量\n")(text)
    found = [f for f in audit(text) if f.code == "CIT003"]
    assert len(found) == 1 and "\n" not in found[0].message.zh and "\n" not in found[0].message.en


def test_rules_by_a_city_government_are_plausible() -> None:
    text = row("规章", "1 0 1")(clean_text(layout="plain"))
    text = text.replace("西岭县永安街道办事处", "临江市人民政府").replace("西岭县永安街道", "临江市")
    assert "PLA004" not in codes(audit(text))


def test_fee_statement_not_required_before_2021() -> None:
    text = sub("本年度未收取政府信息公开信息处理费。", "无。")(clean_text("2019", seed=3))
    assert "FEE001" not in codes(audit(text))


def test_severities_are_graded() -> None:
    broken = sub("国办公开办函〔2021〕30号", "国办公开办函〔2019〕60号")(clean_text())
    levels = {f.code: f.severity for f in audit(broken)}
    # The number changed but the 2021 title stayed: the title no longer fits the number either.
    # One cause, one finding: the 60号 number with 2021 tables is CIT001 alone (it says the tables are current).
    assert levels == {"CIT001": Severity.ERROR, "CIT009": Severity.WARNING}


_CITES_30 = (
    "《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》"
    "（国办公开办函〔2021〕30号）"
)
_CITES_60 = (
    "《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）"
)


def _format_findings(text: str, eng: Engine | None = None) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for f in audit(text, eng=eng):
        if f.code in ("CIT001", "CIT002", "CIT003"):
            found.setdefault(f.code, []).append(f.message.zh)
    return found


def test_the_60_notice_cited_with_2021_tables_in_a_2021_report_is_one_finding() -> None:
    # 2023 report, 2021 tables, 「依据…（国办公开办函〔2019〕60号）要求编制」: one cause (an outdated citation).
    text = clean_text("2021").replace(_CITES_30, _CITES_60)
    found = _format_findings(text)
    assert list(found) == ["CIT001"] and len(found["CIT001"]) == 1
    assert "统计表已按 2021 年格式编制" in found["CIT001"][0]  # the fact CIT002 would have told
    # CIT002 tells the mismatch when CIT001 is not run
    alone = _format_findings(text, Engine(Plugins(), Config(select=["ALL"], ignore=["CIT001"])))
    assert list(alone) == ["CIT002"]


@pytest.mark.parametrize(
    ("variant", "year", "cited", "expected"),
    [
        ("2021", 2020, _CITES_60, {"CIT002", "CIT003"}),  # a 2020 report on 2021 tables citing 60号: no CIT001
        ("2019", 2020, _CITES_30, {"CIT002"}),  # 30号 cited with 2019 tables: the citation contradicts the tables
        ("2019", 2022, _CITES_60, {"CIT001", "CIT003"}),  # 60号 and 2019 tables in 2022: no contradiction between them
    ],
)
def test_the_citation_contradicting_the_tables_still_fires_where_it_is_the_only_cause(
    variant: str, year: int, cited: str, expected: set[str]
) -> None:
    own = _CITES_30 if variant == "2021" else _CITES_60
    text = clean_text(variant, year=year).replace(own, cited)
    found = _format_findings(text)
    assert set(found) == expected
    assert "统计表已按" not in "".join(found.get("CIT001", []))  # tables not current: nothing to add


def test_a_header_cut_before_the_last_column_names_the_headers_it_lacks() -> None:
    # 「信息内容 | 本年新 | 本年新 | 对外公开总数量」: the two first headers lost their ends on the page; the finding
    # names what was due before 对外公开总数量, not 对外公开总数量 itself (which is right).
    text = clean_text("2019", layout="pipe-separated", year=2020).replace(
        "| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |",
        "| 信息内容 | 本年新 | 本年新 | 对外公开总数量 |",
        1,
    )
    order = [f for f in audit(text) if f.code == "TAB006"]
    assert len(order) == 1 and "之前没有读到“本年新制作数量”" in order[0].message.zh
    assert "表头“对外公开总数量”与统一格式的表头不一致" not in order[0].message.zh


def test_a_group_label_with_figures_is_named_by_its_label_not_its_id() -> None:
    case = next(case for case in CASES if case.code == "TAB007")
    text = case.edit(clean_text(case.variant, case.layout, year=case.year))
    [finding] = [f for f in audit(text) if f.code == "TAB007"]
    assert "“（三）不予公开”" in finding.message.zh and "withheld" not in finding.message.zh
    assert "“（三）不予公开”" in finding.message.en
