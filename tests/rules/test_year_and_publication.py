"""The report year — from the title, else the statistics period, else the 「YYYY年度」 phrases of the preamble, each
recorded with its source — and a web page's publication date, which the deadline rules use when the text has no
signing date (and say so)."""

from __future__ import annotations

import pytest

from auditor.metadata import extract
from auditor.model import Report
from auditor.parse import parse_document
from auditor.readers.text import document_from_text
from auditor.rule import Severity
from tests.conftest import REAL, seed_path
from tests.rules.helpers import audit

PINGTAN_2021 = REAL / "pingtan-2021-flattened.txt"
PINGTAN_2015 = REAL / "pingtan-2015-flattened.txt"


def _parse(text: str, name: str = "report.txt") -> Report:
    return parse_document(document_from_text(text, name, "text"))


def _seed(number: str) -> str:
    return seed_path(number).read_text(encoding="utf-8")


def _without_header(text: str) -> str:
    """The page without its crawler's header (标题:, 发布时间:, … ==== 正文 ====)."""
    return text.split("==================== 正文 ====================\n", 1)[1]


def test_a_breadcrumb_line_is_not_the_title() -> None:
    text = "当前位置：首页 > 政务公开 > 政府信息公开年报\n" + _seed("004")
    report = _parse(text)
    assert report.metadata.title is not None and report.metadata.title.text == "2021年白泉镇政府信息公开工作年度报告"
    assert (report.year, report.metadata.year_source) == (2021, "title")


def test_the_title_after_a_run_together_breadcrumb_on_one_line() -> None:
    body = _without_header(PINGTAN_2021.read_text(encoding="utf-8"))
    assert body.startswith("当前位置： 首页政务公开政府信息公开政府信息公开年报 平潭综合实验区2021年度")
    report = _parse(body)
    assert report.metadata.title is not None
    assert report.metadata.title.text == "平潭综合实验区2021年度政府信息公开工作年度报告"
    assert (report.year, report.metadata.year_source) == (2021, "title")


def test_crawler_header_lines_are_not_titles() -> None:
    text = PINGTAN_2021.read_text(encoding="utf-8")
    assert "栏目: 政府信息公开年报" in text
    without_title_line = "\n".join(line for line in text.split("\n") if not line.startswith("标题:"))
    report = _parse(without_title_line)
    assert report.metadata.title is not None and "2021年度" in report.metadata.title.text
    assert report.year == 2021


def test_year_from_the_statistics_period_when_the_title_has_none() -> None:
    text = _seed("001").replace("樟树市店下镇2023年政府信息公开工作年度报告", "樟树市店下镇政府信息公开工作年度报告", 1)
    report = _parse(text)
    assert (report.year, report.metadata.year_source) == (2023, "period")


def test_year_from_the_preamble_when_title_and_period_have_none() -> None:
    text = _without_header(PINGTAN_2015.read_text(encoding="utf-8"))
    text = text.replace("平潭综合实验区2015年度政府信息公开工作年度报告", "平潭综合实验区政府信息公开工作年度报告", 1)
    text = text.replace("本报告所列数据的统计期限自2015年1月1日起至2015年12月31日。", "")
    report = _parse(text)
    assert (report.year, report.metadata.year_source) == (2015, "preamble")
    assert report.metadata.report_year is not None and "2015年" in report.metadata.report_year.text
    assert report.variant == "pre2019"


def test_a_preamble_with_two_years_gives_none() -> None:
    lines = ["平潭综合实验区政府信息公开工作年度报告", "根据2014年度和2015年度政府信息公开工作要求编制。"]
    meta = extract(lines)
    assert meta.report_year is None and meta.year_source is None
    assert extract([lines[0], "根据2015年度政府信息公开工作要求编制。"]).year_source == "preamble"


def _published(date: str) -> str:
    title = "2021年白泉镇政府信息公开工作年度报告"
    return _seed("004").replace(title, f"{title}\n发布日期：{date}  来源：白泉镇人民政府", 1)


def test_a_2021_report_published_in_december_2021_was_published_too_early() -> None:
    findings = audit(_published("2021-12-23"))
    early = [f for f in findings if f.code == "DAT006"]
    assert len(early) == 1 and early[0].severity == Severity.ERROR
    assert early[0].values["date_source"] == "publication" and early[0].values["date"] == "2021-12-23"
    assert "发布日期" in early[0].message.zh and "published" in early[0].message.en
    assert early[0].line == 2
    assert "DAT010" in [f.code for f in findings]


def test_a_report_published_in_january_is_on_time_and_the_date_used_is_said() -> None:
    findings = audit(_published("2022-01-20"))
    assert not {"DAT006", "DAT007", "DAT008"} & {f.code for f in findings}
    note = next(f for f in findings if f.code == "DAT010")
    assert "2022-01-20" in note.message.zh and note.severity == Severity.INFO


def test_a_report_published_after_the_deadline_is_late() -> None:
    late = [f for f in audit(_published("2022-05-06")) if f.code == "DAT007"]
    assert len(late) == 1 and late[0].values["date_source"] == "publication"


def test_the_signing_date_wins_over_the_page_date() -> None:
    text = _seed("002").replace(
        "咸祥镇2022年政府信息公开工作年度报告", "咸祥镇2022年政府信息公开工作年度报告\n发布时间：2023-01-10", 1
    )
    early = [f for f in audit(text) if f.code == "DAT006"]
    assert len(early) == 1 and early[0].values["date_source"] == "signature"


def test_a_date_in_the_body_is_not_a_publication_date() -> None:
    text = _seed("004").replace("无其他需要报告的事项", "会议时间：2021-12-23，无其他需要报告的事项", 1)
    assert _parse(text).metadata.publication_date is None


def test_the_model_records_sources_and_validates(report_validator: object) -> None:
    data = _parse(PINGTAN_2021.read_text(encoding="utf-8"), "pingtan-2021.txt").to_json()
    assert data["metadata"]["report_year"]["source"] == "title"
    assert data["metadata"]["publication_date"]["date"] == "2022-02-08"
    report_validator.validate(data)  # type: ignore[attr-defined]


def test_no_year_is_an_error_with_a_title_and_a_warning_without_one() -> None:
    untitled = "\n".join(line for line in _seed("002").split("\n") if "政府信息公开工作年度报告" not in line)
    untitled = untitled.replace("2022年，咸祥镇政务公开", "咸祥镇政务公开", 1)  # nor does the overview open with it
    found = [f for f in audit(untitled) if f.code == "DAT001"]
    assert [f.severity for f in found] == [Severity.WARNING]
    assert "未能识别报告标题" in found[0].message.zh and "to be confirmed" in found[0].message.en
    titled = _seed("002").replace("咸祥镇2022年政府信息公开工作年度报告", "咸祥镇政府信息公开工作年度报告", 1)
    found = [f for f in audit(titled) if f.code == "DAT001"]
    assert [f.severity for f in found] == [Severity.ERROR]
    assert "咸祥镇政府信息公开工作年度报告" in found[0].message.zh


def test_the_page_date_prefers_the_publication_over_the_drafting_date() -> None:
    report = _parse(_published("2022-01-25").replace("发布日期：", "成文日期：2022-01-18  发布日期：", 1))
    published = report.metadata.publication_date
    assert published is not None and published.value == "2022-01-25" and published.text.startswith("发布日期")


def test_a_page_dated_years_later_is_only_noted() -> None:
    found = [f for f in audit(_published("2024-06-03")) if f.code == "DAT008"]
    assert [f.severity for f in found] == [Severity.INFO] and "重新发布" in found[0].message.zh
    assert not [f for f in audit(_published("2024-06-03")) if f.code == "DAT007"]


def test_a_publication_date_in_the_page_footer() -> None:
    text = _seed("004").rstrip() + "\n发布时间：2021-12-28  浏览次数：36\n"
    published = _parse(text).metadata.publication_date
    assert published is not None and published.value == "2021-12-28"
    assert "DAT006" in [f.code for f in audit(text)]


def test_a_breadcrumb_without_its_marker_running_into_the_title() -> None:
    title = "2021年白泉镇政府信息公开工作年度报告"
    report = _parse(_seed("004").replace(title, f"首页 > 信息公开 > 年度报告 > {title}", 1))
    assert report.metadata.title is not None and report.metadata.title.text == title
    assert report.metadata.title.loc.column == len("首页 > 信息公开 > 年度报告 > ") + 1


def test_the_parse_summary_says_where_the_year_came_from(capsys: pytest.CaptureFixture[str]) -> None:
    from auditor.cli import main

    main(["parse", str(PINGTAN_2021), "--lang", "en"])
    out = capsys.readouterr().out
    assert "2021 (from the title)" in out and "2022-02-08" in out
    main(["parse", str(PINGTAN_2021)])
    assert "2021 (取自标题)" in capsys.readouterr().out


def test_a_page_without_its_title_takes_the_year_the_preamble_names_the_report_by() -> None:
    # A copied page that lost its title line: 「…编制了2022年政府信息公开工作年度报告」, while the period stayed on
    # last year's dates (a typo). The report's own name tells the year; the period is the one that is wrong.
    from tests.rules.helpers import clean_text

    text = clean_text("2021", year=2022).split("\n", 2)[2]  # no title line
    text = text.replace("要求编制。", "要求,西岭县永安街道编制了2022年政府信息公开工作年度报告。", 1)
    text = text.replace("自2022年1月1日起至2022年12月31日止", "自2021年1月1日起至2021年12月31日止", 1)
    report = _parse(text)
    assert (report.year, report.metadata.year_source) == (2022, "preamble")
    codes = {f.code: f for f in audit(text)}
    assert "DAT002" in codes and "2021年1月1日" in codes["DAT002"].message.zh  # the period is reported, not the text
    assert "NAR009" not in codes
    # a notice's title naming a year is not the report's name
    cited = text.replace(
        "编制了2022年政府信息公开工作年度报告", "按《关于做好2019年政府信息公开工作年度报告的通知》编制", 1
    )
    assert _parse(cited).metadata.year_source == "period"


def _unfilled(prose: str = "（文字描述）") -> str:
    """The 2021 format as a blank template: no year in the title, a placeholder for every part, no figure."""
    import re

    from tests.rules.helpers import clean_text

    lines = clean_text("2021", layout="pipe-separated").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("一、"))
    out = ["政府信息公开工作年度报告"]
    part = ""
    for line in lines[start:]:
        if line.startswith("|"):
            out.append(re.sub(r"\|\s*[-+]?\d[\d.]*\s*(?=\|)", "|  ", line))
        elif re.match(r"^[一二三四五六]、", line) or not line.strip():
            part = line[:1] or part
            out.append(line)
        elif out[-1] != prose and not out[-1].startswith("（文字描述"):
            # the format's own placeholder of part 六 names the fee statement
            out.append("（文字描述，收取信息处理费情况在此处报告。）" if part == "六" else prose)
    return "\n".join(out)


def test_an_unfilled_template_has_no_second_finding_for_its_missing_year() -> None:
    # One cause, one finding: nothing filled in (one NUM009 naming the tables); the year is part of it, as information.
    findings = audit(_unfilled())
    assert {f.code for f in findings if f.severity >= Severity.ERROR} == {"NUM009"}
    year = [f for f in findings if f.code == "DAT001"]
    assert len(year) == 1 and year[0].severity == Severity.INFO and "未填写的模板" in year[0].message.zh
    # a part written out is no blank template: the missing year is a finding of its own again
    written = _unfilled().replace("（文字描述）", "本机关全年主动公开政府信息56条。", 1)
    assert [f.severity for f in audit(written) if f.code == "DAT001"] == [Severity.ERROR]


def test_a_period_with_a_comma_before_its_end_is_read() -> None:
    # 「报告所列数据的统计期限自2021年1月1日起,至2021年12月31日止」: the comma before 至 still ends the start date
    meta = extract(
        ["某县交通运输局政府信息公开工作报告", "报告所列数据的统计期限自2021年1月1日起,至2021年12月31日止。"]
    )
    assert meta.statistics_period is not None
    assert meta.statistics_period.value["start"] == "2021-01-01" and meta.statistics_period.value["end"] == "2021-12-31"


@pytest.mark.parametrize("period", ["统计期限为20231月1日至202312月31日", "统计时间截至202311日起至20231231日止"])
def test_a_period_whose_dates_lost_characters_is_not_called_missing(period: str) -> None:
    # The copy dropped 年 (and 月): the period is stated but cannot be read — say so, do not say it is missing.
    from tests.rules.helpers import clean_text

    text = clean_text("2021", year=2023).replace(
        "本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止", period, 1
    )
    notes = [f for f in audit(text) if f.code == "DAT005"]
    assert len(notes) == 1 and "无法读取" in notes[0].message.zh and period[:8] in notes[0].message.zh
    assert "没有说明" not in notes[0].message.zh and notes[0].line == 3
