"""The HTML page in a real browser (headless Chromium through Selenium): the summary renders, sorting and
filtering work, and a highlighted cell is visible. Screenshots go to ``test-artifacts/``.

Needs Debian's ``chromium`` and ``chromium-driver`` (``.ci/run`` installs them); skipped, saying so, without them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import chromium
from tests.conftest import ROOT
from tests.reporters.helpers import EXAMPLES, json_output, run

ARTIFACTS = ROOT / "test-artifacts"
HIGHLIGHT = "rgba(255, 224, 138, 1)"  # --hl in the page's CSS

pytest.importorskip("selenium.webdriver", reason="selenium is not installed: pip install -e '.[dev]'")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as driver:
        yield driver


def _visible_rows(driver: Any) -> list[Any]:
    return [row for row in driver.find_elements(By.CSS_SELECTOR, "#summary-table tbody tr") if row.is_displayed()]


def _column(rows: list[Any], index: int) -> list[str]:
    return [row.find_elements(By.TAG_NAME, "td")[index].text for row in rows]


def test_page_in_headless_chromium(browser: Any, tmp_path: Path) -> None:
    page = tmp_path / "audit.html"
    reference = json_output([str(EXAMPLES)], tmp_path)
    assert run([str(EXAMPLES), "--format", "html", "-o", str(page)]) == 1
    browser.get(page.as_uri())
    ARTIFACTS.mkdir(exist_ok=True)

    # The summary renders, moved to the top of the page by the script, one row per report.
    summary = browser.find_element(By.ID, "summary")
    assert summary.find_element(By.ID, "summary-table").is_displayed()
    rows = _visible_rows(browser)
    assert len(rows) == 5
    assert _column(rows, 0) == [entry["path"] for entry in reference["files"]]
    browser.save_screenshot(str(ARTIFACTS / "html-summary.png"))

    # Sorting: a click on 错误 sorts by the error count, a second click reverses it.
    errors_header = browser.find_element(By.XPATH, "//table[@id='summary-table']//th[6]")
    before = _column(_visible_rows(browser), 0)
    errors_header.find_element(By.TAG_NAME, "button").click()
    assert errors_header.get_attribute("aria-sort") == "ascending"
    counts = [int(x) for x in _column(_visible_rows(browser), 5)]
    assert counts == sorted(counts)  # the examples' error counts (0 0 1 1 2) may already stand in this order
    errors_header.find_element(By.TAG_NAME, "button").click()
    assert errors_header.get_attribute("aria-sort") == "descending"
    counts = [int(x) for x in _column(_visible_rows(browser), 5)]
    assert counts == sorted(counts, reverse=True) and counts[0] == 2 and _column(_visible_rows(browser), 0) != before

    # Filtering by severity: 错误及以上 leaves the failing reports and their error findings only.
    Select(browser.find_element(By.ID, "filter-severity")).select_by_value("error")
    rows = _visible_rows(browser)
    failing = [e["path"] for e in reference["files"] if any(f["severity"] in ("error", "fatal") for f in e["findings"])]
    assert sorted(_column(rows, 0)) == sorted(failing) and len(failing) == reference["summary"]["failed_files"]
    assert set(_column(rows, 8)) == {"未通过"}
    shown = [f for f in browser.find_elements(By.CSS_SELECTOR, "li.finding") if f.is_displayed()]
    errors = [f for e in reference["files"] for f in e["findings"] if f["severity"] in ("error", "fatal")]
    assert len(shown) == len(errors) == 4
    assert {f.get_attribute("data-severity") for f in shown} == {"error"}
    status = browser.find_element(By.ID, "filter-status").text
    assert status == "显示 3 / 5 份报告，4 条问题"
    browser.save_screenshot(str(ARTIFACTS / "html-filter-error.png"))

    # Filtering by rule: TAB003 leaves one report, one finding.
    Select(browser.find_element(By.ID, "filter-severity")).select_by_value("")
    Select(browser.find_element(By.ID, "filter-rule")).select_by_value("TAB003")
    assert _column(_visible_rows(browser), 0) == [str(EXAMPLES / "chengguan-2023.txt")]
    (finding,) = [f for f in browser.find_elements(By.CSS_SELECTOR, "li.finding") if f.is_displayed()]

    # The highlighted cell: the row label 2.其他法律法规禁止公开 (an alias) in the drawn table 三.
    cell = finding.find_element(By.CSS_SELECTOR, "table.report-table .hl")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", cell)
    assert cell.is_displayed() and cell.size["width"] > 0 and cell.size["height"] > 0
    assert cell.value_of_css_property("background-color") == HIGHLIGHT
    assert "2.其他法律行政法规禁止公开" in cell.text
    assert cell.get_attribute("title").startswith("TAB003 表格项目名称与统一格式的措辞不同: 问题所在行")
    browser.save_screenshot(str(ARTIFACTS / "html-highlight.png"))
    assert (ARTIFACTS / "html-highlight.png").stat().st_size > 10_000

    problems = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not problems, problems
