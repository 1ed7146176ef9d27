"""``--format html``: one well-formed, self-contained page; report text escaped; offending cells drawn and marked."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from auditor.plugins import Plugins
from auditor.reporters.columns import tidy_zh
from auditor.reporters.html_format import Mark, esc, marks
from auditor.rule import Finding, Place, Severity, Text
from tests.reporters.helpers import EXAMPLES, HOSTILE_BODY, run, table_report
from tests.rules.helpers import clean_text
from tests.rules.test_crossyear import _pair

_VOID = {"meta", "br", "hr", "img", "input", "link", "col", "area", "base", "wbr", "source", "track"}


class Page(HTMLParser):
    """Checks nesting (every element closed, in order) and keeps the elements with their attributes and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[dict[str, Any]] = []
        self.elements: list[dict[str, Any]] = []
        self.doctype = ""

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = {"tag": tag, "attrs": dict(attrs), "text": "", "parents": [e["tag"] for e in self.stack]}
        self.elements.append(element)
        if tag not in _VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raise AssertionError(f"self-closing <{tag}/> in HTML5")

    def handle_endtag(self, tag: str) -> None:
        assert self.stack, f"</{tag}> closes nothing"
        opened = self.stack.pop()["tag"]
        assert opened == tag, f"</{tag}> closes <{opened}>"

    def handle_data(self, data: str) -> None:
        for element in self.stack:
            element["text"] += data

    def close(self) -> None:
        super().close()
        assert not self.stack, f"unclosed: {[e['tag'] for e in self.stack]}"

    def find(self, tag: str, **attrs: str) -> list[dict[str, Any]]:
        """Elements by tag and attributes (``class_`` matches one class; ``data_x`` is ``data-x``)."""

        def has(element: dict[str, Any], key: str, value: str) -> bool:
            if key == "class_":
                return value in (element["attrs"].get("class") or "").split()
            return bool(element["attrs"].get(key.replace("_", "-")) == value)

        return [e for e in self.elements if e["tag"] == tag and all(has(e, k, v) for k, v in attrs.items())]


def _page(args: list[str], target: Path) -> tuple[str, Page]:
    run([*args, "--format", "html", "-o", str(target)])
    text = target.read_text(encoding="utf-8")
    page = Page()
    page.feed(text)
    page.close()
    return text, page


@pytest.fixture(scope="module")
def examples_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Page]:
    return _page([str(EXAMPLES)], tmp_path_factory.mktemp("html") / "audit.html")


def test_page_is_well_formed_chinese_and_self_contained(examples_page: tuple[str, Page]) -> None:
    text, page = examples_page
    assert page.doctype.lower() == "doctype html"
    (root,) = page.find("html")
    assert root["attrs"] == {"lang": "zh-CN"}
    assert page.find("meta", charset="utf-8")
    assert "<title>政府信息公开工作年度报告审查结果</title>" in text
    assert not page.find("link") and not page.find("img") and not page.find("iframe")
    assert all("src" not in e["attrs"] for e in page.elements)
    for element in page.elements:
        href = element["attrs"].get("href")
        assert href is None or href.startswith("#"), href
    assert not re.search(r"https?://", text)


def test_summary_table_has_a_row_per_file_linking_to_its_report(examples_page: tuple[str, Page]) -> None:
    _text, page = examples_page
    rows = [e for e in page.find("tr") if "data-file" in e["attrs"]]
    assert len(rows) == 5
    sections = page.find("section", class_="report")
    assert [r["attrs"]["data-file"] for r in rows] == [s["attrs"]["id"] for s in sections]
    assert [s["attrs"]["data-verdict"] for s in sections] == ["pass", "pass", "fail", "fail", "fail"]
    headers = [e["text"] for e in page.elements if e["tag"] == "button" and "thead" in e["parents"]]
    assert headers[:9] == ["文件", "机关", "年度", "模板", "致命", "错误", "警告", "提示", "结论"]
    options = [e["attrs"]["value"] for e in page.find("option")]
    assert options[:5] == ["", "fatal", "error", "warning", "info"] and "TAB003" in options


def test_every_finding_has_its_rule_explanation_and_legal_basis(examples_page: tuple[str, Page]) -> None:
    text, page = examples_page
    findings = page.find("li", class_="finding")
    assert len(findings) == 44  # 49 until seed 001's six 1、…6、 headings were one SEC004
    assert len(page.find("details", class_="rule")) == 44
    assert {f["attrs"]["data-severity"] for f in findings} == {"error", "warning", "info"}
    rules = Plugins().rules
    for code in {f["attrs"]["data-code"] for f in findings}:
        assert esc(tidy_zh(rules[code].explanation.zh)) in text  # with Chinese typography (docs/glossary.md)
        assert all(esc(basis.text("zh")) in text for basis in rules[code].basis)


def test_label_finding_draws_the_table_with_its_row_marked(examples_page: tuple[str, Page]) -> None:
    _text, page = examples_page
    (finding,) = page.find("li", class_="finding", data_code="TAB003")
    marked = [e for e in page.find("th", class_="hl") if "li" in e["parents"]]
    assert len(marked) == 1
    (label,) = marked
    assert "hl-label" in str(label["attrs"]["class"])
    assert str(label["attrs"]["title"]).startswith("TAB003 表格项目名称与统一格式的措辞不同: 问题所在行")
    assert "2.其他法律行政法规禁止公开" in str(label["text"]) and "原文：2.其他法律法规禁止公开" in str(label["text"])
    (table,) = page.find("table", data_table="applications")
    # table 三's 25 rows, and table 二 （六）'s 2, drawn for NAR019 (行政处罚 181 of 咸祥镇, not in the text)
    assert len([e for e in page.find("tr") if e["attrs"].get("data-row")]) == 27
    assert finding is not None and table is not None


def test_one_label_finding_for_several_rows_marks_each_row(tmp_path: Path) -> None:
    # 「不再受理」 for 「不再处理」 in rows 1 and 2 of （六）: one TAB003 (one cause), both rows highlighted
    report = tmp_path / "report.txt"
    report.write_text(clean_text("2021").replace("不再处理其", "不再受理其"), encoding="utf-8")
    _text, page = _page([str(report)], tmp_path / "audit.html")
    (finding,) = page.find("li", class_="finding", data_code="TAB003")
    marked = [e for e in page.find("th", class_="hl") if "li" in e["parents"]]
    assert len(marked) == 2
    assert [str(e["text"]).strip()[:2] for e in marked] == ["1.", "2."]
    assert all("原文：" in str(e["text"]) and "不再受理其" in str(e["text"]) for e in marked)
    assert finding is not None


def test_identity_and_blank_findings_mark_every_cell(tmp_path: Path) -> None:
    text, page = _page([str(table_report(tmp_path))], tmp_path / "audit.html")
    cells = {
        (e["attrs"]["data-column"], str(e["attrs"]["class"]), str(e["attrs"]["title"]))
        for e in page.find("td", class_="hl")
    }
    # I-1 over the natural-person column: four cells, two on each side.
    left = {c for c in cells if "NUM001" in c[2] and "hl-left" in c[1]}
    right = {c for c in cells if "NUM001" in c[2] and "hl-right" in c[1]}
    assert {c[2].rsplit("(", 1)[1] for c in left} == {
        "表三·一、本年新收政府信息公开申请数量·自然人)",
        "表三·二、上年结转政府信息公开申请数量·自然人)",
    }
    assert {c[2].rsplit("(", 1)[1] for c in right} == {
        "表三·（七）总计·自然人)",
        "表三·四、结转下年度继续办理·自然人)",
    }
    # The blank cell is drawn blank and marked, and says so to a screen reader.
    (blank,) = [c for c in cells if "NUM007" in c[2]]
    assert blank[0] == "pending" and "blank" in blank[1].split() and blank[2].endswith("· 空白")
    assert "（已标出）空白" in text


def test_report_text_is_escaped(tmp_path: Path) -> None:
    text, page = _page([str(table_report(tmp_path))], tmp_path / "audit.html")
    assert len(page.find("script")) == 1  # the page's own
    assert "<script>alert" not in text
    assert esc(HOSTILE_BODY) in text and "&lt;script&gt;alert(&quot;body&quot;)&lt;/script&gt;桃源镇人民政府" in text
    summary_bodies = [e["text"] for e in page.find("td") if "tbody" in e["parents"] and "body" in str(e["text"])]
    assert HOSTILE_BODY in summary_bodies


def test_english_page(tmp_path: Path) -> None:
    text, page = _page([str(EXAMPLES / "chengguan-2023.txt"), "--lang", "en"], tmp_path / "audit.html")
    (root,) = page.find("html")
    assert root["attrs"] == {"lang": "en"}
    assert "Audit of government information-disclosure annual reports" in text
    assert "Rule explanation and legal basis" in text and "规则说明" not in text
    assert "TAB003 label-alias: the row this finding is about" in text


def test_cross_year_section(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    first, second = _pair(reports, carry_mismatch=True)
    # the two synthetic reports share their stock prose, which NAR014 (copy-paste) would rightly add here
    text, page = _page([str(reports), "--ignore", "NAR014"], tmp_path / "audit.html")
    (section,) = page.find("section", id="cross-year")
    assert "跨年度核对" in str(section["text"]) and "已配对：机关名称相同" in str(section["text"])
    cross = [
        e
        for e in page.find("li", class_="finding")
        if "section" in e["parents"] and e["attrs"]["data-code"] == "XYR001"
    ]
    assert len(cross) == 2
    links = [e["attrs"]["href"] for e in page.find("a", class_="path")]
    assert links == ["#file-2", "#file-2"]  # the 2023 report, the second file
    assert str(second) in text and str(first) in text


def test_marks_come_from_place_and_values() -> None:
    tables = {"applications": {"columns": ["natural_person", "total"], "rows": {}}}
    finding = Finding(
        "NUM003",
        "applicant-row-total",
        Severity.ERROR,
        Text("", ""),
        "r.txt",
        None,
        Place("三", "applications", "new_received"),
        {
            "left": [{"cell": "applications.new_received.total"}],
            "right": [{"cell": "applications.new_received.natural_person"}],
            "unknown": ["applications.new_received.natural_person", "review_litigation.review.total", "a.b.c"],
        },
        (),
        "f",
    )
    assert sorted(marks(finding, tables), key=lambda m: str(m.column)) == [
        Mark("applications", "new_received", None, "label"),
        Mark("applications", "new_received", "natural_person", "right"),
        Mark("applications", "new_received", "total", "left"),
    ]
    assert marks(finding, {}) == []


def test_parallel_run_draws_the_same_page(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    table_report(reports)
    for example in sorted(EXAMPLES.glob("*.txt")):
        (reports / example.name).write_bytes(example.read_bytes())
    serial, _page_one = _page([str(reports)], tmp_path / "serial.html")
    parallel, _page_two = _page([str(reports), "--jobs", "2"], tmp_path / "parallel.html")
    assert serial == parallel and 'class="cell number hl hl-left"' in serial
