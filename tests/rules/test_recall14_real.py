"""Recall on real reports (defects a careful checker finds that the auditor missed, noted by validation rounds 12 and
13): each class tested with the real text it was seen in (tests/fixtures/recall14/README.md), and with the same text
changed so that the defect is gone."""

from __future__ import annotations

from auditor.model import Report
from auditor.rule import Finding
from tests.conftest import FIXTURES
from tests.rules.helpers import audit_file, audit_variant, serious

RECALL14 = FIXTURES / "recall14"


def _audit(name: str) -> tuple[Report, list[Finding]]:
    return audit_file(RECALL14 / name)


def _text(name: str) -> str:
    return (RECALL14 / name).read_text(encoding="utf-8")


# ── NAR010: an overview whose 监督 and 保障 are slogans and rights, not oversight ────────────────────────────────
def test_an_overview_without_an_oversight_part_names_it_with_the_other_aspect_missing() -> None:
    _, findings = _audit("overview-without-oversight-2022.txt")
    (missing,) = serious(findings, "NAR010")  # one cause (an overview short of the format), one finding
    assert missing.values["aspects"] == ["management", "oversight"]
    assert "政府信息管理、监督保障方面" in missing.message.zh and "请核实" in missing.message.zh


def test_the_same_overview_with_an_oversight_paragraph_lacks_management_only() -> None:
    text = _text("overview-without-oversight-2022.txt")
    part_two = text.index("二、主动公开政府信息情况")
    added = "（四）监督保障情况 落实主要领导负总责的工作机制，定期开展督查，组织业务培训2次。"
    _, findings = audit_variant(text[:part_two] + added + text[part_two:])
    (missing,) = serious(findings, "NAR010")
    assert missing.values["aspects"] == ["management"]


# ── DAT003: the period a report says it covers (「内容涵盖2019年9月1日至12月31日期间」), without 「统计」 ─────────────
def test_the_period_a_report_says_it_covers_is_its_statistics_period() -> None:
    report, findings = _audit("period-covered-from-september-2019.txt")
    assert report.metadata.statistics_period is not None
    assert report.metadata.statistics_period.value["start"] == "2019-09-01"
    (partial,) = serious(findings, "DAT003")
    assert "2019年9月1日至12月31日" in partial.message.zh
    assert not [f for f in findings if f.code == "DAT005"]  # the period is stated


def test_a_full_year_covered_gives_no_finding_and_a_range_of_other_words_is_no_period() -> None:
    text = _text("period-covered-from-september-2019.txt")
    report, findings = audit_variant(text.replace("内容涵盖2019年9月1日", "内容涵盖2019年1月1日"))
    assert report.metadata.statistics_period is not None
    assert not [f for f in findings if f.code in ("DAT003", "DAT005")]
    # a range that something other than the report covers (a campaign) is no statistics period
    sentence = "，内容涵盖2019年9月1日至12月31日期间的政府信息公开工作情况。"
    assert sentence in text
    campaign = text.replace(sentence, "。我局开展的宣传月活动涵盖2019年9月1日至12月31日期间的各个站点。")
    report, findings = audit_variant(campaign)
    assert report.metadata.statistics_period is None and not serious(findings, "DAT003")


# ── NAR013: a fixed word misspelt by one character alike in shape or sound ──────────────────────────────────────
def test_a_misspelt_term_and_a_misspelt_body_name_are_told_with_their_corrections() -> None:
    _, findings = _audit("misspelt-term-2025.txt")  # 「不子公开信息数168条」 in part 二's prose
    (term,) = [f for f in findings if f.code == "NAR013" and f.values.get("correction") == "不予公开"]
    assert term.values["text"] == "不子公开" and "“不子公开”疑为“不予公开”的错字" in term.message.zh
    _, findings = _audit("misspelt-body-name-2021.txt")  # signed 「平潭综合实验区财政全融局」
    (name,) = [f for f in findings if f.code == "NAR013" and f.values.get("correction") == "财政金融局"]
    assert name.values["text"] == "财政全融局"


def test_the_same_reports_spelt_right_give_no_misspelling() -> None:
    for name, wrong, right in (
        ("misspelt-term-2025.txt", "不子公开", "不予公开"),
        ("misspelt-body-name-2021.txt", "财政全融局", "财政金融局"),
    ):
        text = _text(name)
        assert wrong in text
        _, findings = audit_variant(text.replace(wrong, right))
        assert not [f for f in findings if f.code == "NAR013" and f.values.get("correction") == right]


# ── DAT011: a colophon printed before the report year ended (「…办公室 2020年1月26日印发」 in a 2020 report) ──────
_COLOPHON = "平潭综合实验区经济发展局办公室 2020年1月26日印发"


def test_a_colophon_printed_before_the_year_ended_is_told_against_the_signing_date() -> None:
    report, findings = _audit("printed-before-year-end-2020.txt")
    # the signature before the colophon is read (it was not: a false 「正文末尾没有落款日期」)
    assert report.metadata.signing_date is not None and report.metadata.signing_date.value == "2021-01-26"
    assert not [f for f in findings if f.code == "DAT010"]
    (printed,) = serious(findings, "DAT011")
    assert printed.values["date"] == "2020-01-26" and printed.values["signing_date"] == "2021-01-26"
    assert "“2020年1月26日”早于报告年度结束" in printed.message.zh and "2021年1月26日" in printed.message.zh


def test_a_colophon_after_the_year_gives_nothing_and_one_before_it_without_signature_is_told_alone() -> None:
    text = _text("printed-before-year-end-2020.txt")
    assert _COLOPHON in text
    _, findings = audit_variant(text.replace(_COLOPHON, _COLOPHON.replace("2020年", "2021年")))
    assert not [f for f in findings if f.code in ("DAT011", "DAT010")]
    # no signature before it: the colophon is the only date the text gives
    unsigned = text.replace("平潭综合实验区经济发展局 2021年1月26日 ", "")
    _, findings = audit_variant(unsigned)
    (printed,) = serious(findings, "DAT011")
    assert "全年数据尚未产生" in printed.message.zh and printed.values["signing_date"] is None
    # signed before the year's end too: DAT006 is the one cause
    _, findings = audit_variant(text.replace("经济发展局 2021年1月26日", "经济发展局 2020年1月26日"))
    assert serious(findings, "DAT006") and not serious(findings, "DAT011")


def test_a_sentence_saying_when_a_document_was_printed_is_no_colophon() -> None:
    text = _text("printed-before-year-end-2020.txt")
    # the same date as the last words of a sentence, with no issuer before it, is no colophon of this report
    _, findings = audit_variant(text.replace(_COLOPHON, "该文件已于2020年1月26日印发"))
    assert not serious(findings, "DAT011")


# ── DAT012: the opening naming the report with another year (「编制完成2023年度…年度报告」 in the 2022 report) ───────
_SELF_NAMED = "编制完成2023年度政府信息公开工作年度报告"


def test_the_opening_naming_the_report_with_another_year_is_told_once() -> None:
    _, findings = _audit("self-named-another-year-2022.txt")
    (named,) = serious(findings, "DAT012")
    assert named.values["year_in_text"] == 2023 and named.values["report_year"] == 2022
    assert "“编制完成2023年度政府信息公开工作年度报告”" in named.message.zh


def test_the_right_year_a_cited_notice_or_last_year_s_report_in_the_body_give_nothing() -> None:
    text = _text("self-named-another-year-2022.txt")
    assert _SELF_NAMED in text
    _, findings = audit_variant(text.replace(_SELF_NAMED, _SELF_NAMED.replace("2023", "2022")))
    assert not serious(findings, "DAT012")
    # the title of a notice cited in 《》 names that notice, not this report
    cited = text.replace(_SELF_NAMED, "编制完成本报告（依据《关于编制公布2023年度政府信息公开工作年度报告的通知》）")
    _, findings = audit_variant(cited)
    assert not serious(findings, "DAT012")
    # the body telling how another year's report was published is no name of this one
    moved = text.replace(_SELF_NAMED, "编制完成本年度报告").replace(
        "一、总体情况", "一、总体情况 按时编制发布2021年度政府信息公开工作年度报告。", 1
    )
    _, findings = audit_variant(moved)
    assert not serious(findings, "DAT012")
