"""The plugin's rule: a report that breaks it and one that does not."""

from __future__ import annotations

from auditor_units import rules

from auditor.parse import parse_document
from auditor.readers.text import document_from_text
from auditor.rule import RuleContext

REPORT = """2021年白泉镇政府信息公开工作年度报告
一、总体情况
全年在政府网站主动公开或更新政务信息85条，{sentence}
二、主动公开政府信息情况
三、收到和处理政府信息公开申请情况
四、政府信息公开行政复议、行政诉讼情况
五、存在的主要问题及改进情况
六、其他需要报告的事项
本年度未收取信息处理费。
"""


def _codes(sentence: str) -> list[tuple[str, int | None]]:
    report = parse_document(document_from_text(REPORT.format(sentence=sentence), "r.txt", "text"))
    found = rules.applications_counted_in_tiao
    return [(f.code, f.line) for f in found.check(report, RuleContext(found, "r.txt"))]


def test_applications_in_tiao_are_reported() -> None:
    assert _codes("受理依申请公开信息1条，并在规定时间内予以答复。") == [("UNIT001", 3)]


def test_applications_in_jian_pass() -> None:
    assert _codes("受理政府信息公开申请1件，并在规定时间内予以答复。") == []


def test_items_published_in_tiao_pass() -> None:
    assert _codes("其中领导信息10条。") == []
