"""Classes of wrong findings on real reports, validation round 14 (stored web pages of bodies not used before, each
the page's beginning): each tested with the real text it was seen in (tests/fixtures/validate14/README.md)."""

from __future__ import annotations

from pathlib import Path

from auditor.model import Report
from auditor.rule import Finding
from tests.conftest import FIXTURES
from tests.rules.helpers import audit_file, audit_variant, serious

VALIDATE14 = FIXTURES / "validate14"


def _audit(name: str) -> tuple[Report, list[Finding]]:
    return audit_file(VALIDATE14 / name)


def _text(name: str) -> str:
    return (VALIDATE14 / name).read_text(encoding="utf-8")


# ── parts 二 and 三 with their headings only, the text cut inside 四's heading ──────────────────────────────────
_HEADINGS_ONLY = "headings-only-cut-in-next-heading-2024.txt"


def test_headings_only_before_a_cut_heading_are_tables_not_read_not_tables_missing() -> None:
    report, findings = _audit(_HEADINGS_ONLY)
    cut = report.cut_off()
    assert cut is not None and cut.section == "三" and cut.detail["text"] == "四、政府信息公开行"
    assert not serious(findings, "TAB001")  # whether the tables are images or missing cannot be told
    (lost,) = serious(findings, "SEC006")
    assert lost.values["sections"] == ["二", "三"] and "无法判断" in lost.message.zh
    assert len(serious(findings, "SEC008")) == 1


def test_a_part_with_a_sentence_of_its_own_before_the_cut_still_has_content() -> None:
    # the unfinished line is the cut only when it is all the part holds: 三 with a sentence of its own is not empty,
    # and 二's tables, with not one table read, are then missing where 二 stands (TAB001, as before)
    text = _text(_HEADINGS_ONLY).replace(
        "三、收到和处理政府信息公开申请情况\n", "三、收到和处理政府信息公开申请情况\n2024年收到政府信息公开申请2件。\n"
    )
    _report, findings = audit_variant(text)
    assert not serious(findings, "SEC006")
    assert {f.place.table for f in serious(findings, "TAB001")} >= {"regulations", "licensing", "enforcement", "fees"}


# ── 「政策图解4条(其中1条视频动画解读)、民意征集1条…」 ───────────────────────────────────────────────────────────────
_BRACKETED = "bracketed-qizhong-of-one-item-2022.txt"


def test_a_bracketed_qizhong_breaks_down_the_item_before_the_brackets_only() -> None:
    report, findings = _audit(_BRACKETED)
    assert not serious(findings, "NAR006")  # 民意征集1条、…部门文件等111条 are not parts of 政策图解4条
    assert not any(
        report.narrative.claims[e.total].value == 4 for e in report.narrative.enumerations
    )  # one part in the brackets: no list to check


def test_parts_within_the_brackets_are_checked_against_the_item_before_them() -> None:
    text = _text(_BRACKETED).replace("(其中1条视频动画解读)", "(其中1条视频动画解读、3条图文解读、2条长图解读)")
    _report, findings = audit_variant(text)
    (over,) = serious(findings, "NAR006")
    assert "1条＋3条＋2条" in over.message.zh and "总数 4条" in over.message.zh


def test_a_list_outside_brackets_after_a_bracketed_qizhong_is_still_read() -> None:
    text = _text(_BRACKETED).replace(
        "未发生金沙城中心赌场_澳门金沙官网:政府信息公开的行政复议、行政诉讼案件。",
        "发布信息共10条(其中转载1条),其中网站6条、微信7条。",
    )
    _report, findings = audit_variant(text)
    (over,) = serious(findings, "NAR006")
    assert "6条＋7条" in over.message.zh and "总数 10条" in over.message.zh


# ── hold-out classes (fixed after the hold-out's one measurement) ────────────────────────────────────────────
_OWN_TITLED_FIVE = "empty-part-before-own-titled-part-2021.txt"


def test_a_part_under_its_own_title_is_not_content_of_the_empty_part_before_it() -> None:
    report, findings = _audit(_OWN_TITLED_FIVE)
    assert report.sections[-1].id == "四" and report.sections[-1].text.startswith("五、存在的主要")
    assert not serious(findings, "TAB001")
    (lost,) = serious(findings, "SEC006")
    assert lost.values["sections"] == ["二", "三", "四"]


def test_an_empty_part_with_text_of_its_own_before_the_own_titled_part_is_not_empty(tmp_path: Path) -> None:
    text = _text(_OWN_TITLED_FIVE).replace(
        "四、政府信息公開行政復議、行政訴訟情況\n",
        "四、政府信息公開行政復議、行政訴訟情況\n本年度無行政復議、行政訴訟。\n",
    )
    variant = tmp_path / "variant.txt"  # read as a file: the reader turns its traditional characters into simplified
    variant.write_text(text, encoding="utf-8")
    _report, findings = audit_file(variant)
    assert not serious(findings, "SEC006")
    assert serious(findings, "TAB001")


def test_parts_read_under_the_report_s_own_titles_are_not_named_as_lost_by_the_cut() -> None:
    _report, findings = _audit("own-titles-before-cut-2021.txt")
    (cut,) = serious(findings, "SEC008")
    assert "“一、概述”、“二、主动公开情况”是报告自拟的部分标题" in cut.message.zh
    assert "“一、总体情况”" not in cut.message.zh and "“二、主动公开政府信息情况”" not in cut.message.zh
    assert "其后的“三、收到和处理政府信息公开申请情况”" in cut.message.zh
    assert "the report's own part heading(s)" in cut.message.en and "“一、总体情况”" not in cut.message.en


def test_a_numbered_heading_the_text_stops_in_was_not_read() -> None:
    _report, findings = _audit(_HEADINGS_ONLY)
    (cut,) = serious(findings, "SEC008")
    assert "自拟" not in cut.message.zh and "“四、政府信息公开行政复议、行政诉讼情况”" in cut.message.zh
