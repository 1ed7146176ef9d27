"""The narrative rules (NAR…): for each, a report that breaks it, one that does not, and one that is uncertain —
each written with a sentence shape seen in real reports (seeds, ../shared/real)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from auditor import synth
from auditor.rule import Finding, Severity
from tests.rules.helpers import audit, clean_spec

Edit = Callable[[synth.Spec], None]


def narrative_findings(*edits: Edit, variant: str = "2021") -> list[Finding]:
    spec = clean_spec(variant)
    for edit in edits:
        edit(spec)
    text = synth.render(spec, "cell-per-line", synth.Noise())
    return [f for f in audit(text) if f.code.startswith("NAR")]


def say(section: str, *sentences: str) -> Edit:
    def edit(spec: synth.Spec) -> None:
        spec.paragraphs.setdefault(section, []).extend(sentences)

    return edit


def say_with(section: str, make: Callable[[synth.Spec], str]) -> Edit:
    def edit(spec: synth.Spec) -> None:
        spec.paragraphs.setdefault(section, []).append(make(spec))

    return edit


def replace(section: str, index: int, sentence: str) -> Edit:
    def edit(spec: synth.Spec) -> None:
        spec.paragraphs[section][index] = sentence

    return edit


def overview(*sentences: str) -> Edit:
    def edit(spec: synth.Spec) -> None:
        spec.paragraphs["一"] = list(sentences)

    return edit


def table(**cells: int | None) -> Edit:
    """Set table cells: ``table(applications__new_received__total=0)``; ``applications=0`` zeroes a whole table."""

    def edit(spec: synth.Spec) -> None:
        for key, value in cells.items():
            if "__" not in key:
                for name in spec.values:
                    if name.startswith(key + "."):
                        spec.values[name] = value
            else:
                spec.values[key.replace("__", ".")] = value

    return edit


def v(spec: synth.Spec, name: str) -> int:
    value = spec.values[name]
    assert isinstance(value, int)
    return value


def R1(s: synth.Spec) -> int:
    return v(s, "applications.new_received.total")


def R2(s: synth.Spec) -> int:
    return v(s, "applications.carried_over.total")


def T(s: synth.Spec) -> int:
    return v(s, "applications.grand_total.total")


def graded(findings: list[Finding], code: str) -> list[str]:
    return [f.severity.label for f in findings if f.code == code]


# ── C-1 application counts ─────────────────────────────────────────────────────────────────────────────────
def test_application_count_contradiction_is_a_warning() -> None:
    found = narrative_findings(
        say_with("一", lambda s: f"2023年，我街道共受理政府信息公开申请{R1(s) + R2(s) + 7}件，均在法定期限内予以答复。")
    )
    assert graded(found, "NAR001") == ["warning"]
    finding = next(f for f in found if f.code == "NAR001")
    assert finding.values["outcome"] == "contradiction" and len(finding.values["tables"]) == 2


@pytest.mark.parametrize("count", [R1, lambda s: R1(s) + R2(s)])
def test_received_may_include_the_carried_over(count: Callable[[synth.Spec], int]) -> None:
    # pingtan 2022: 「全区收到政府信息公开申请75件」 = 74 new + 1 carried over
    found = narrative_findings(say_with("一", lambda s: f"2023年，我街道收到政府信息公开申请{count(s)}件。"))
    assert graded(found, "NAR001") == []


def test_region_wide_count_is_to_verify() -> None:
    found = narrative_findings(say_with("一", lambda s: f"2023年，全县共受理政府信息公开申请{R1(s) + R2(s) + 7}件。"))
    assert graded(found, "NAR001") == ["info"]
    assert "全县" in found[0].message.zh and "请核对" in found[0].message.zh


def test_handled_and_answered() -> None:
    # huaian 2024: 「答复 3050 件（含上年度结转申请 34 件，另有 103 件顺延到下年度答复）」
    assert graded(
        narrative_findings(say_with("一", lambda s: f"全年办结政府信息公开申请{T(s) + 1}件。")), "NAR001"
    ) == ["warning"]
    assert graded(narrative_findings(say_with("一", lambda s: f"受理申请{R1(s)}件，答复{T(s)}件。")), "NAR001") == []
    answered = narrative_findings(say_with("一", lambda s: f"受理申请{R1(s)}件，答复{T(s) + 3}件。"))
    assert graded(answered, "NAR001") == ["info"]


def test_chinese_numerals_and_applications_in_tiao() -> None:
    found = narrative_findings(
        table(applications=0), say("一", "本年度受理依申请公开信息一条，并在规定时间内予以答复。")
    )
    assert graded(found, "NAR001") == ["warning"]
    assert graded(found, "NAR013") == ["info"]  # 条 for applications


# ── C-1 "all handled" ──────────────────────────────────────────────────────────────────────────────────────
def test_all_handled_with_applications_carried_forward() -> None:
    # shanghai kewei 2024: 「所有申请均已按要求办理完成」 while one goes on into next year
    found = narrative_findings(say("一", "全年收到政府信息公开申请若干，所有申请均已按要求办理完成。"))
    assert graded(found, "NAR002") == ["warning"]
    clean = narrative_findings(table(applications=0), say("一", "所有申请均已按要求办理完成。"))
    assert graded(clean, "NAR002") == []
    # 「均在法定期限内予以答复」 is about timeliness, not a claim that nothing is carried forward (huaian 2024)
    assert graded(narrative_findings(say("一", "均在法定期限内予以答复。")), "NAR002") == []


def test_all_handled_uncertain_without_the_cell() -> None:
    found = narrative_findings(table(applications__carried_forward__total=None), say("一", "办结率100%。"))
    assert graded(found, "NAR002") == []


# ── C-2 no applications ────────────────────────────────────────────────────────────────────────────────────
def test_no_applications_claim() -> None:
    sentence = say("一", "2023年1月1日至2023年12月31日，我街道未收到政府信息公开申请。")  # seed 003
    assert graded(narrative_findings(sentence), "NAR003") == ["warning"]
    assert graded(narrative_findings(table(applications=0), sentence), "NAR003") == []
    # only carried-over applications handled this year: not a contradiction
    carried = table(applications=0, applications__carried_over__total=2, applications__grand_total__total=2)
    assert graded(narrative_findings(carried, sentence), "NAR003") == []
    assert graded(narrative_findings(table(applications__new_received__total=None), sentence), "NAR003") == []


# ── C-3 review and litigation ──────────────────────────────────────────────────────────────────────────────
def test_no_review_claim_against_table_4() -> None:
    sentence = say("一", "本年度未发生因政府信息公开引起的行政复议、行政诉讼案件。")
    found = narrative_findings(table(review_litigation=0, review_litigation__review__total=2), sentence)
    assert graded(found, "NAR004") == ["warning"]
    assert graded(narrative_findings(table(review_litigation=0), sentence), "NAR004") == []


def test_review_counts_and_results() -> None:
    # the issue: 「复议7件，诉讼9件，均获维持」 beside 2 reviews and 1 suit pending
    pending = table(
        review_litigation=0,
        review_litigation__review__pending=2,
        review_litigation__review__total=2,
        review_litigation__direct_suit__pending=1,
        review_litigation__direct_suit__total=1,
    )
    found = narrative_findings(pending, say("一", "全年政府信息公开行政复议7件，行政诉讼9件，均获维持。"))
    # the two counts of one sentence, one finding naming both; two groups not all upheld
    assert graded(found, "NAR004").count("warning") == 3
    (counts,) = [f for f in found if f.code == "NAR004" and "claims" in f.values]
    assert [c["claim"]["value"] for c in counts.values["claims"]] == [7, 9]
    # huaian 2024: 「政府信息公开行政复议 351件，其中结果维持 72 件……」 matching table 4
    fine = table(
        review_litigation=0,
        review_litigation__review__upheld=3,
        review_litigation__review__pending=1,
        review_litigation__review__total=4,
    )
    assert (
        graded(
            narrative_findings(fine, say("一", "政府信息公开行政复议 4件，其中结果维持 3 件，尚未审结 1 件。")),
            "NAR004",
        )
        == []
    )


def test_review_count_of_the_region_is_to_verify() -> None:
    found = narrative_findings(table(review_litigation=0), say("一", "2023年，全市共有行政复议案件2件。"))
    assert graded(found, "NAR004") == ["info"]


def test_not_corrected_is_not_no_review() -> None:
    # shanghai office 2025: 「未发生因依申请公开被行政复议纠错或行政诉讼败诉情形」 with reviews upheld
    reviews = table(review_litigation=0, review_litigation__review__upheld=3, review_litigation__review__total=3)
    sentence = say("一", "全年未发生因依申请公开被行政复议纠错或行政诉讼败诉情形。")
    assert graded(narrative_findings(reviews, sentence), "NAR004") == []
    corrected = table(review_litigation=0, review_litigation__review__corrected=1, review_litigation__review__total=1)
    assert graded(narrative_findings(corrected, sentence), "NAR004") == ["warning"]


# ── C-4 documents ──────────────────────────────────────────────────────────────────────────────────────────
def test_documents_in_force() -> None:
    # pingtan 2022: 「集中公开现行有效行政规范性文件698件，动态更新本年度制发的规范性文件88件」
    def docs(delta: int) -> Edit:
        return say_with(
            "一",
            lambda s: (
                f"集中公开现行有效行政规范性文件{v(s, 'regulations.normative_documents.in_force') + delta}件，"
                f"动态更新本年度制发的规范性文件{v(s, 'regulations.normative_documents.issued')}件。"
            ),
        )

    assert graded(narrative_findings(docs(2)), "NAR005") == ["warning"]
    assert graded(narrative_findings(docs(0)), "NAR005") == []
    published = say_with(
        "一", lambda s: f"全年公开行政规范性文件{v(s, 'regulations.normative_documents.issued') + 9}件。"
    )
    assert graded(narrative_findings(published), "NAR005") == ["info"]


# ── C-5 enumerations ───────────────────────────────────────────────────────────────────────────────────────
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # seed 001
        (
            "店下镇政府信息公开全年212条，其中乡镇动态40条，政策文件5条，重点领域信息35条，公示公告8条，"
            "村（居）务公开信息更新101条。",
            ["info"],
        ),
        # shanghai kewei 2024: the parts add up to 2160
        (
            "网站全年累计发布信息 2139 条，其中动态类信息发布 1744 条，政务信息发布 393 条，解读类信息发布 21 条，"
            "回应公众关注热点信息 2 条。",
            ["warning"],
        ),
        # seed 004
        (
            "全年在政府网站主动公开或更新政务信息85条，其中包括领导信息10条、法规公文信息1条、通知公告公示信息19条、"
            "政务动态信息32条、财政财务信息23条。",
            [],
        ),
        ("全年主动公开信息212条，其中乡镇动态40条、政策文件5条等。", []),
        ("全年主动公开信息260余条，其中乡镇动态40条、政策文件5条。", []),
        # nested 其中 (a sub-list breaks down the part before it): the first level exceeds the total whatever follows
        (
            "全年主动公开政府信息90条，其中网站公开60条、政务微博公开45条，其中包括工作动态20条、通知公告15条等。",
            ["warning"],
        ),
        # the second 其中 breaks down the 70, not the 100 (all summed: 130 > 100); 60 (等) is within 70
        (
            "全乡累计主动公开政府信息100条，其中通过政府网站公开信息70条，其中包括机构职能类5条、领导信息类12条、"
            "政务动态类40条、公开指南3条等，涉及民生各个方面。",
            [],
        ),
        # where the sub-list ends is not written: 50 + 20 within 80 and 80 + 60 within 200 is a reading that fits
        ("全年主动公开信息200条，其中网站发布80条，其中包括政策文件50条、工作动态20条、政务微信发布60条。", []),
        # the sub-list exceeds its part (90 > 80), and read as resuming the list after 50 the list exceeds 100
        ("全年主动公开信息100条，其中网站发布80条，其中包括政策文件50条、工作动态40条。", ["warning"]),
        # a third 其中: the structure is unclear
        ("全年主动公开信息100条，其中网站发布80条，其中政策文件70条，其中规范性文件60条、工作动态50条。", []),
        # 「，以及」 after parts that already make up the total: what follows is in addition (a real 2025 report)
        ("全年发布法定主动公开内容3条，包括机构概况1条、部门预算2条，以及“三公”经费信息2条，保障公众知情权。", []),
        # … but where the parts before it do not make up the total, 以及 ends the list and the sum is checked
        ("全年发布法定主动公开内容3条，包括机构概况1条，以及“三公”经费信息4条。", ["warning"]),
        # a part given as its share of the part before it (45/57 = 78.9%) breaks that part down (validation round 9,
        # 平潭 交通与建设局 2021: 57 + 45 > 89 was a wrong warning)
        ("在省网绑定并发布的事项共有89项，其中行政许可57项，实现“一趟不用跑”的有45项，占比78.9%。", []),
        # … its share of the total (45/89 = 50.6%): another part of the total, and the sum is checked
        ("在省网绑定并发布的事项共有89项，其中行政许可57项，其他事项45项，占比50.6%。", ["warning"]),
    ],
)
def test_enumerations(sentence: str, expected: list[str]) -> None:
    assert graded(narrative_findings(say("一", sentence)), "NAR006") == expected


# ── C-6 fees ───────────────────────────────────────────────────────────────────────────────────────────────
def test_fee_statements_disagree() -> None:
    nil = replace("六", 0, "本年度未收取政府信息公开信息处理费。")
    collected = say("一", "2023年，全年收取政府信息公开信息处理费 3940 元。")  # huaian 2024
    assert graded(narrative_findings(nil, collected), "NAR007") == ["warning"]
    assert graded(narrative_findings(nil, say("一", "全年收取政府信息公开信息处理费 0 元。")), "NAR007") == []
    assert graded(narrative_findings(collected), "NAR007") == []  # the synthetic 六 collects 0 元, states no nil


# ── C-7 promises ───────────────────────────────────────────────────────────────────────────────────────────
def test_promise_of_content() -> None:
    promise = say(
        "一", "落实年度信息公开工作考核，将年度政务公开工作要点落实情况，纳入本镇信息公开工作年度报告予以公开。"
    )
    assert graded(narrative_findings(promise), "NAR008") == ["warning"]  # seed 004
    kept = say("六", "（二）落实上级年度政务公开工作要点情况：按要点逐项落实。")
    assert graded(narrative_findings(promise, kept), "NAR008") == []
    vague = say("一", "将有关情况纳入年度报告。")
    assert graded(narrative_findings(vague), "NAR008") == []


# ── stale years ────────────────────────────────────────────────────────────────────────────────────────────
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("2022年，我街道认真贯彻落实《中华人民共和国政府信息公开条例》，推进政务公开。", ["warning"]),
        ("2022年度报告中提出的问题已全部整改。", []),
        ("2022年以来，我街道持续推进政务公开标准化建设。", []),
        ("2024年，我街道将进一步加强政务公开工作。", []),
        ("2023年，我街道认真贯彻落实条例。", []),
    ],
)
def test_stale_year(sentence: str, expected: list[str]) -> None:
    assert graded(narrative_findings(say("一", sentence)), "NAR009") == expected


# ── required content ───────────────────────────────────────────────────────────────────────────────────────
def test_overview_aspects() -> None:
    # seed 002: 一是…四是… about organisation, the website, training and secrecy; nothing on requests
    without_requests = overview(
        "强化组织领导，及时发布政府信息，持续优化网站内容，加强信息审核，年度考核结果为优秀，未发生责任追究情况。"
    )
    found = narrative_findings(without_requests, table(applications=0))
    assert [f.values["aspects"] for f in found if f.code == "NAR010"] == [["on_request"]]
    assert graded(narrative_findings(), "NAR010") == []
    # 2019 tables, 2019 report: the five aspects are a 2021 requirement
    spec = clean_spec("2019", year=2020)
    spec.paragraphs["一"] = ["我街道认真做好政务公开工作。"]
    text = synth.render(spec, "cell-per-line", synth.Noise())
    assert "NAR010" not in [f.code for f in audit(text)]


def _aspects_missing(*sentences: str) -> list[str]:
    found = narrative_findings(overview(*sentences), table(applications=0))
    return [aspect for f in found if f.code == "NAR010" for aspect in f.values["aspects"]]


def test_where_to_download_the_report_is_no_platform_work() -> None:
    rest = "全年主动公开政府信息56条，未收到政府信息公开申请，严格执行信息审核制度，定期开展督查检查。"
    # 「本报告可通过…门户网站查阅或下载」 tells where the report is, not what was done on the platforms
    download = "本报告电子版可在县人民政府门户网站查阅或下载。"
    assert _aspects_missing(download + rest) == ["platforms"]
    assert _aspects_missing(rest + "如需本报告，可登录区政府网站下载。") == ["platforms"]
    # the same site named for work done on it covers the aspect, with the download sentence or without it
    assert _aspects_missing(download + "优化门户网站栏目设置，" + rest) == []
    assert _aspects_missing("年度报告已在政府网站公开，全年网站发布信息56条。" + rest[10:]) == []


def test_classifying_the_information_it_manages_is_information_management() -> None:
    rest = "全年主动公开政府信息56条，未收到政府信息公开申请，依托门户网站公开，强化监督保障。"
    # 「采取了股室联动，分类管理」, 「规范公开流程」: how the body manages its information
    assert _aspects_missing(rest + "采取股室联动、分类管理，规范公开流程。") == []
    assert _aspects_missing(rest + "坚持以人民为中心。") == ["management"]
    # 「落实“三审三校”制度」: the review every item passes before it is published
    assert _aspects_missing(rest + "发布信息严格落实“三审三校”制度。") == []


def test_setting_up_the_disclosure_columns_is_platform_work() -> None:
    rest = "全年主动公开政府信息56条，未收到政府信息公开申请，严格执行信息审核制度，定期开展督查检查。"
    # 「对信息公开工作版栏进行重新设置」, 「优化专栏栏目」: work on where the information is published
    assert _aspects_missing("对政府信息公开工作版栏进行重新设置，方便群众浏览。" + rest) == []
    assert _aspects_missing("优化信息公开专栏的栏目设置。" + rest) == []
    assert _aspects_missing(rest) == ["platforms"]
    assert _aspects_missing("根据区政府信息公开专栏目录做好对应事项的公开。" + rest) == ["platforms"]  # only named


def test_building_the_disclosure_network_and_appraising_the_work_are_their_aspects() -> None:
    # 「加强政府信息网络建设」 is platform work; 「纳入年度考评」 is oversight, as 考核 is
    rest = "全年主动公开政府信息56条，未收到政府信息公开申请，严格执行信息审核制度。"
    assert _aspects_missing(rest + "加强政府信息网络建设，将政务公开工作纳入年度考评。") == []
    assert _aspects_missing(rest + "将政务公开工作纳入年度考评。") == ["platforms"]
    assert _aspects_missing(rest + "加强政府信息网络建设。") == ["oversight"]


def test_a_missing_aspect_is_reported_as_an_inference_to_verify() -> None:
    found = [
        f
        for f in narrative_findings(overview("全年主动公开政府信息56条，严格执行信息审核制度。"))
        if f.code == "NAR010"
    ]
    assert found and all("请核实" in f.message.zh and "to verify" in f.message.en for f in found)


def test_the_aspects_an_overview_leaves_out_are_one_finding() -> None:
    # 「全年主动公开政府信息56条」 alone: on request, platforms and oversight are all missing — one overview written
    # short of the format, one warning naming the three (it was three warnings)
    found = [
        f for f in narrative_findings(overview("全年主动公开政府信息56条，规范信息发布审核。")) if f.code == "NAR010"
    ]
    assert len(found) == 1 and found[0].severity == Severity.WARNING
    assert found[0].values["aspects"] == ["on_request", "platforms", "oversight"]
    assert "依申请公开、政府信息公开平台建设、监督保障方面" in found[0].message.zh


def test_a_bare_oversight_or_safeguard_word_does_not_cover_the_oversight_aspect() -> None:
    # round 13 h01: the other four aspects are there; 监督 and 保障 occur only as a slogan (以公开强监督), the rights
    # disclosure secures (保障…监督权), a policy field (民生保障) and a body's name (市场监督管理局): no oversight part
    four = (
        "全年主动公开政府信息56条，依法办理政府信息公开申请，严格执行信息审核制度，优化门户网站栏目设置。"
        "以更高质量的公开来强监督、促落实，围绕民生保障加强解读，依法保障公民的知情权、参与权和监督权，"
        "配合市场监督管理局做好公开。"
    )
    assert _aspects_missing(four) == ["oversight"]
    # oversight of the work itself covers it: the aspect's name, organisation, training, supervision by the public
    assert _aspects_missing(four + "强化组织保障。") == []
    assert _aspects_missing(four + "自觉接受社会各界监督。") == []
    assert _aspects_missing(four + "落实主要领导负总责的工作机制。") == []
    assert _aspects_missing(four + "（五）监督保障情况。") == []


def test_publishing_in_the_columns_is_proactive_disclosure() -> None:
    rest = "全年未收到政府信息公开申请，严格执行信息审核制度，加强网站建设，定期开展督查检查。"
    # nothing about publishing: the site, a review procedure and the columns' upkeep are other aspects
    assert _aspects_missing("我局完善网站栏目设置，规范发布流程。" + rest) == ["proactive"]
    # items published in the site's columns are proactive disclosure
    assert _aspects_missing("全年网站各栏目共刊发公告、文稿、公示等37篇。" + rest) == []
    assert _aspects_missing("门户网站全年更新稿件120余篇。" + rest) == []
    # a count of what was put in the columns without naming it: taken as publishing (benefit of the doubt)
    assert _aspects_missing("本单位专栏全年共更新26期。" + rest) == []


def test_accountability_results() -> None:
    none = overview("本年度主动公开政府信息，依法办理政府信息公开申请，加强政府信息管理和公开平台建设，强化监督保障。")
    assert graded(narrative_findings(none), "NAR011") == ["warning"]
    mentioned = overview("主动公开、依申请公开、信息管理和平台建设有序推进，落实年度信息公开工作考核。")
    assert graded(narrative_findings(mentioned), "NAR011") == ["info"]
    assert graded(narrative_findings(), "NAR011") == []  # 考核结果为良好，未发生责任追究情况


def test_problems_section_measures() -> None:
    generic = replace("五", 1, "下一步，我镇将进一步加强业务学习，不断提高政府信息公开工作质量。")  # seed 002
    assert graded(narrative_findings(generic), "NAR012") == ["info"]
    assert graded(narrative_findings(), "NAR012") == []


# ── wording (D14) ──────────────────────────────────────────────────────────────────────────────────────────
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("2023年上海市科技计划资金资金分配结果信息已公开。", ["info"]),  # shanghai kewei 2024
        ("未收到公开权利人对信息公开提出复议、诉讼和申诉。", ["info"]),  # seed 004
        ("持续完善政务公开平台建设。持续完善政务公开平台建设。", ["info"]),  # seed 003
        ("全镇4个行政村一村一栏，及时公开村务。", []),  # seed 003
        # only a sentence right after its twin repeats it (its enumeration mark aside)
        ("一是持续完善政务公开平台建设。二是持续完善政务公开平台建设。", ["info"]),
        ("持续完善政务公开平台建设。加强培训。持续完善政务公开平台建设。", []),
        # the self-contradicting evaluation, with 不够 before the quality; two different qualities are no defect
        ("公开内容准确，但不够恰当。", ["info"]),
        ("公开内容准确但不及时，宣传不够深入。", []),
        # a fixed word with one character typed for another alike in shape or sound (rounds 12/13, real reports)
        ("依申请公开信息数255条，不子公开信息数81条。", ["info"]),
        ("平潭综合实验区财政全融局2022年1月13日", ["info"]),
        ("依申请公开信息数255条，不予公开信息数81条。", []),
        # a short word's look-alike may be another word (完全融入, 全融合): only whole fixed words are searched
        ("推动政务公开完全融入金融服务，实现全融合。", []),
    ],
)
def test_writing_defects(sentence: str, expected: list[str]) -> None:
    found = narrative_findings(table(review_litigation=0), say("一", sentence))
    assert graded(found, "NAR013") == expected
    if expected:
        assert next(f for f in found if f.code == "NAR013").values["correction"]


def test_a_misspelt_fixed_word_is_told_once_with_its_correction_and_count() -> None:
    twice = say("六", "本年度不子公开申请0件。", "平潭综合实验区财政全融局、财政全融局办公室")
    found = [f for f in narrative_findings(table(review_litigation=0), twice) if f.code == "NAR013"]
    assert [(f.values["text"], f.values["correction"], f.values["count"]) for f in found] == [
        ("不子公开", "不予公开", 1),
        ("财政全融局", "财政金融局", 2),
    ]
    assert "（共 2 处）" in found[1].message.zh and "(2 places)" in found[1].message.en
    assert all(f.severity == Severity.INFO and "疑为" in f.message.zh for f in found)


def test_no_narrative_finding_is_an_error() -> None:
    found = narrative_findings(
        say("一", "2022年，我街道未收到政府信息公开申请，所有申请均已办结，全年212条，其中动态40条、文件5条。"),
        table(review_litigation=0, review_litigation__review__total=9),
        say("一", "未发生行政复议。"),
    )
    assert found and all(f.severity <= Severity.WARNING for f in found)


# ── D5 place words of another level (NAR017, an indicator) ─────────────────────────────────────────────────
def body(name: str) -> Edit:
    def edit(spec: synth.Spec) -> None:
        spec.body = spec.body_in_title = name

    return edit


def test_district_words_in_a_county_report() -> None:
    # seed 000, 泗水县柘沟镇: the template came from a district
    found = narrative_findings(
        body("泗水县柘沟镇人民政府"),
        say("一", "我镇认真贯彻落实《中华人民共和国政府信息公开条例》及省、市、区政府信息公开相关规定。"),
        say("六", "今年以来，柘沟镇共承办区级人大代表建议0件、政协提案0件。"),
    )
    (finding,) = [f for f in found if f.code == "NAR017"]
    assert finding.severity == Severity.WARNING
    assert finding.values["unit"] == "泗水县" and finding.values["words"] == ["省、市、区", "区级"]
    assert "迹象" in finding.message.zh and "indicator" in finding.message.en
    # and the other way round: 全县 in a district's report
    district = narrative_findings(body("淮安市洪泽区人民政府"), say("一", "全县共受理政府信息公开申请0件。"))
    assert graded(district, "NAR017") == ["warning"]


def test_own_level_and_words_that_are_not_districts() -> None:
    county = body("隆德县城关镇人民政府")
    fine = narrative_findings(
        county,
        say("一", "我镇认真落实省、市、县政府信息公开相关规定，全县政务公开工作会议精神得到贯彻。"),
        say("一", "各社区委员会及时公开居务信息，辖区内开发区、工业园区的公示栏同步更新。"),
        say("一", "指导各县（市、区）做好信息公开，承办县级人大代表建议2件。"),
    )
    assert graded(fine, "NAR017") == []


def test_a_body_whose_name_shows_no_county_or_district_is_not_judged() -> None:
    # seed 002's 咸祥镇 (in 鄞州区, which its name does not say): 区级 may well be its own level
    for name in ("咸祥镇人民政府", "平潭综合实验区管委会"):
        found = narrative_findings(body(name), say("六", "共承办区级人大代表建议3件。"))
        assert graded(found, "NAR017") == []


def test_an_autonomous_region_or_a_prefecture_is_not_a_district() -> None:
    # province- and prefecture-level names end in 区 too; their reports rightly speak of 县级 and 全县
    for name in ("广西壮族自治区人民政府办公厅", "喀什地区行政公署", "内蒙古自治区锡林郭勒盟正蓝旗人民政府"):
        found = narrative_findings(body(name), say("一", "指导全县政务公开工作，承办县级人大代表建议5件。"))
        assert graded(found, "NAR017") == [], name
    inside = body("宁夏回族自治区银川市兴庆区人民政府")  # the district inside the region still counts
    found = narrative_findings(inside, say("一", "指导全县政务公开工作，承办县级人大代表建议5件。"))
    assert graded(found, "NAR017") == ["warning"]


def test_an_overview_without_its_oversight_part_is_one_finding() -> None:
    # A people's government's 总体情况 with nothing on 监督保障, and no 考核/评议/追究 anywhere: NAR010 (the part is
    # missing) is the cause, and says that Article 50's results are missing with it; NAR011 says nothing more.
    bare = overview("本年度主动公开政府信息，依法办理政府信息公开申请，加强政府信息管理和公开平台建设。")
    found = [f for f in narrative_findings(bare) if f.code in ("NAR010", "NAR011")]
    assert [(f.code, f.values.get("aspects")) for f in found] == [("NAR010", ["oversight"])]
    assert "第五十条第（四）项" in found[0].message.zh and "Article 50 item (4)" in found[0].message.en
    # Each rule's own case stays: results given elsewhere (section 六) leave NAR010 alone, without Article 50 ...
    elsewhere = say("六", "年度政务公开考核结果为良好。")
    found = [f for f in narrative_findings(bare, elsewhere) if f.code in ("NAR010", "NAR011")]
    assert [f.code for f in found] == ["NAR010"] and "第五十条" not in found[0].message.zh
    # ... and an oversight part without results is NAR011 alone.
    oversight = overview(
        "本年度主动公开政府信息，依法办理政府信息公开申请，加强政府信息管理和公开平台建设，强化监督保障。"
    )
    assert [f.code for f in narrative_findings(oversight) if f.code in ("NAR010", "NAR011")] == ["NAR011"]
