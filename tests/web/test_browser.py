"""The workbench in headless Chromium: open a folder of the seeds, audit it, open a report, dismiss a finding with a
reason, reload, re-run the audit — the decision stays and the finding no longer counts in the verdict — and download
a 整改通知. Screenshots go to ``test-artifacts/`` (and to ``docs/`` with ``AUDITOR_DOC_SCREENSHOTS=1``, for the
README).
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import chromium
from tests.conftest import ROOT, SEED_FILES
from tests.store.helpers import SIGNED_EARLY
from tests.web.helpers import create_app, seed_folder

pytest.importorskip("selenium.webdriver", reason="selenium is not installed: pip install -e '.[dev]'")
from docx import Document
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

ARTIFACTS = ROOT / "test-artifacts"
DOCS = ROOT / "docs"
HIGHLIGHT = "rgba(255, 224, 138, 1)"  # --hl in the export's CSS, shared by the workbench
SIGNED = SEED_FILES[SIGNED_EARLY].name


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Any]]:
    from werkzeug.serving import make_server

    app = create_app(str(seed_folder(tmp_path / "reports")), str(tmp_path / "review.db"))
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}", app
    finally:
        httpd.shutdown()
        thread.join(10)


def _screenshot(driver: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / name))
    if os.environ.get("AUDITOR_DOC_SCREENSHOTS"):
        shutil.copy(ARTIFACTS / name, DOCS / name)


def _wait(driver: Any, seconds: float) -> Any:
    """A wait that looks again when the page was replaced under it (a reload, a submitted form)."""
    return WebDriverWait(driver, seconds, ignored_exceptions=(NoSuchElementException, StaleElementReferenceException))


def _audit(driver: Any, previous_run: str) -> None:
    """Click 重新审查 and wait until the polling page reloads with the new run's list."""
    driver.find_element(By.ID, "audit-button").click()
    _wait(driver, 60).until(
        lambda d: (
            d.find_elements(By.CSS_SELECTOR, "#reports-table tbody tr")
            and previous_run not in d.find_element(By.TAG_NAME, "h2").text
            and not d.find_element(By.ID, "progress").is_displayed()
        )
    )


def _finding(driver: Any, code: str) -> Any:
    return driver.find_element(By.CSS_SELECTOR, f'li.finding[data-code="{code}"]')


def test_the_workbench_in_headless_chromium(server: tuple[str, Any], tmp_path: Path) -> None:
    base, _app = server
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    with chromium(downloads, size="1280,900") as driver:
        # Open the folder: nothing audited yet; audit it, watch the progress, see the list.
        driver.get(base + "/")
        assert "还没有审查记录" in driver.page_source
        _audit(driver, "审查记录 0")
        rows = driver.find_elements(By.CSS_SELECTOR, "#reports-table tbody tr")
        assert [row.find_element(By.TAG_NAME, "a").text for row in rows] == sorted(p.name for p in SEED_FILES.values())
        assert "审查记录 1" in driver.find_element(By.TAG_NAME, "h2").text
        _screenshot(driver, "workbench-list.png")

        # Open a report: it fails on DAT006 (signed before the year's end).
        driver.find_element(By.LINK_TEXT, SIGNED).click()
        assert driver.find_element(By.ID, "verdict").text == "未通过"
        finding = _finding(driver, "DAT006")
        assert "2022年11月30日" in finding.text and "未审核" in finding.text

        # Dismissing without a reason is stopped in the page; with one it is recorded.
        finding.find_element(By.CSS_SELECTOR, "button.dismiss").click()
        assert driver.current_url.endswith(f"/report/{SIGNED}")
        assert "未审核" in _finding(driver, "DAT006").text
        reason = _finding(driver, "DAT006").find_element(By.CSS_SELECTOR, "input.reason")
        reason.send_keys("落款日期为印发日期，发布日期在次年1月")
        _finding(driver, "DAT006").find_element(By.CSS_SELECTOR, "button.dismiss").click()
        _wait(driver, 10).until(
            lambda d: "驳回" in _finding(d, "DAT006").find_element(By.CLASS_NAME, "decision-state").text
        )
        driver.refresh()
        dismissed = _finding(driver, "DAT006")
        assert dismissed.get_attribute("data-decision") == "dismissed"
        assert "落款日期为印发日期，发布日期在次年1月" in dismissed.text
        assert driver.find_element(By.ID, "verdict").text == "通过"

        # Confirm another finding of this report (it goes into the notice).
        _finding(driver, "TAB005").find_element(By.CSS_SELECTOR, "button.confirm").click()
        _wait(driver, 10).until(
            lambda d: "确认" in _finding(d, "TAB005").find_element(By.CLASS_NAME, "decision-state").text
        )

        # A report whose finding points at a table: the table is drawn with the cell highlighted.
        driver.get(base + "/report/" + SEED_FILES["003"].name)
        cell = _finding(driver, "TAB003").find_element(By.CSS_SELECTOR, "table.report-table .hl")
        driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", _finding(driver, "TAB003"))
        assert cell.value_of_css_property("background-color") == HIGHLIGHT
        assert "2.其他法律行政法规禁止公开" in cell.text
        _screenshot(driver, "workbench-report.png")

        # Re-run the audit: the decisions are still there, and the dismissed finding still does not count.
        driver.get(base + "/")
        _audit(driver, "审查记录 1")
        assert "审查记录 2" in driver.find_element(By.TAG_NAME, "h2").text
        row = next(r for r in driver.find_elements(By.CSS_SELECTOR, "#reports-table tbody tr") if SIGNED in r.text)
        assert row.get_attribute("data-verdict") == "pass" and "通过" in row.text
        driver.find_element(By.LINK_TEXT, SIGNED).click()
        assert _finding(driver, "DAT006").get_attribute("data-decision") == "dismissed"
        assert _finding(driver, "TAB005").get_attribute("data-decision") == "confirmed"
        assert driver.find_element(By.ID, "verdict").text == "通过"

        # English, then the rectification notice downloaded and read with python-docx.
        driver.find_element(By.ID, "lang-switch").click()
        assert driver.find_element(By.ID, "verdict").text == "pass"
        driver.find_element(By.ID, "notice-link").click()
        deadline = time.monotonic() + 30
        while not (files := [p for p in downloads.glob("*.docx")]) and time.monotonic() < deadline:
            time.sleep(0.2)
        (notice,) = files
        assert notice.name == "整改通知-咸祥镇人民政府-2022.docx"
        text = "\n".join(p.text for p in Document(str(notice)).paragraphs)
        assert "关于咸祥镇人民政府2022年政府信息公开工作年度报告的整改通知" in text
        assert "发现以下1个问题" in text and "空格或半角标点" in text
        assert "2022年11月30日" not in text  # the dismissed finding is not in it

        problems = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        assert not problems, problems
