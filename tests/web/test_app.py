"""The workbench's pages through Flask's test client: the list (filters, sorting), a report and its decisions,
CSRF on every change, uploads, the English switch, and the documents for action."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from docx import Document

from tests.conftest import SEED_FILES
from tests.store.helpers import SIGNED_EARLY
from tests.web.helpers import audited_app, csrf_token

SIGNED = SEED_FILES[SIGNED_EARLY].name


@pytest.fixture
def app(tmp_path: Path) -> Any:
    return audited_app(tmp_path)


def _listed(page: str) -> list[str]:
    return [unquote(link) for link in re.findall(r'<a class="path" href="/report/([^"]+)">', page)]


def _verdict(page: str) -> str:
    match = re.search(r'id="verdict" data-verdict="([a-z_]+)"', page)
    assert match
    return match.group(1)


def test_the_list_filters_and_sorts(app: Any) -> None:
    client = app.test_client()
    page = client.get("/").get_data(as_text=True)
    assert _listed(page) == sorted(path.name for path in SEED_FILES.values())
    assert "显示 5 / 5 份报告" in page and "未通过" in page

    failing = _listed(client.get("/?verdict=fail").get_data(as_text=True))
    assert failing == sorted(SEED_FILES[n].name for n in ("000", "001", "002"))
    assert _listed(client.get("/?rule=DAT006").get_data(as_text=True)) == [SIGNED]
    assert _listed(client.get("/?year=2022").get_data(as_text=True)) == [SEED_FILES["000"].name, SIGNED]
    assert _listed(client.get("/?body=咸祥").get_data(as_text=True)) == [SIGNED]
    by_year = _listed(client.get("/?sort=year&order=desc").get_data(as_text=True))
    assert set(by_year[:2]) == {SEED_FILES["001"].name, SEED_FILES["003"].name}  # 2023, then 2022 and 2021
    assert by_year[-1] == SEED_FILES["004"].name

    english = client.get("/?lang=en").get_data(as_text=True)
    assert "showing 5 of 5 reports" in english and 'lang="en"' in english
    assert "showing" in client.get("/").get_data(as_text=True)  # the choice is remembered


def test_every_change_needs_the_csrf_token(app: Any) -> None:
    client = app.test_client()
    report = client.get(f"/report/{SIGNED}").get_data(as_text=True)
    fingerprint = re.search(r'data-fingerprint="([0-9a-f]+)"', report).group(1)  # type: ignore[union-attr]
    decision = {"fingerprint": fingerprint, "status": "confirmed", "who": "张"}
    for url, data in (
        (f"/report/{SIGNED}/decide", decision),
        (f"/report/{SIGNED}/decide", {**decision, "csrf_token": "forged"}),
        ("/audit", {}),
        ("/upload", {"files": (io.BytesIO(b"x"), "a.txt")}),
    ):
        response = client.post(url, data=data)
        assert response.status_code == 400, url
        assert "表单已过期或来源不明" in response.get_data(as_text=True)
    assert "未审核" in client.get(f"/report/{SIGNED}").get_data(as_text=True)


def test_dismissing_needs_a_reason_and_takes_the_finding_out_of_the_verdict(app: Any) -> None:
    client = app.test_client()
    page = client.get(f"/report/{SIGNED}").get_data(as_text=True)
    assert _verdict(page) == "fail"
    token = csrf_token(page)
    item = re.search(r'id="f-([0-9a-f]+)"\s+data-code="DAT006"', page)
    assert item
    fingerprint = item.group(1)
    form = {"csrf_token": token, "fingerprint": fingerprint, "status": "dismissed", "who": "张科员"}
    refused = client.post(f"/report/{SIGNED}/decide", data={**form, "reason": "  "})
    assert refused.status_code == 400 and "驳回须说明理由" in refused.get_data(as_text=True)

    done = client.post(f"/report/{SIGNED}/decide", data={**form, "reason": "印发日期 <b>非</b> 发布日期"})
    assert done.status_code == 302 and done.headers["Location"].endswith(f"#f-{fingerprint}")
    page = client.get(f"/report/{SIGNED}").get_data(as_text=True)
    assert _verdict(page) == "pass"
    assert "印发日期 &lt;b&gt;非&lt;/b&gt; 发布日期" in page  # autoescaped
    assert 'value="张科员"' in page  # the reviewer's name is remembered
    listed = client.get("/?verdict=fail").get_data(as_text=True)
    assert SIGNED not in _listed(listed)

    # A finding that is not this report's, or a status that does not exist, is refused.
    assert (
        client.post(f"/report/{SIGNED}/decide", data={**form, "fingerprint": "0" * 20, "reason": "x"}).status_code
        == 400
    )
    assert client.post(f"/report/{SIGNED}/decide", data={**form, "status": "deleted"}).status_code == 400


def test_a_rectification_notice_lists_the_confirmed_findings(app: Any) -> None:
    client = app.test_client()
    page = client.get(f"/report/{SIGNED}").get_data(as_text=True)
    fingerprint = re.search(r'id="f-([0-9a-f]+)"\s+data-code="DAT006"', page).group(1)  # type: ignore[union-attr]
    form = {"csrf_token": csrf_token(page), "fingerprint": fingerprint, "status": "confirmed", "who": "王"}
    assert client.post(f"/report/{SIGNED}/decide", data=form).status_code == 302
    response = client.get(f"/notice/{SIGNED}")
    assert response.status_code == 200
    assert "filename*=UTF-8''%E6%95%B4%E6%94%B9%E9%80%9A%E7%9F%A5" in response.headers["Content-Disposition"]
    text = "\n".join(p.text for p in Document(io.BytesIO(response.data)).paragraphs)
    assert "关于咸祥镇人民政府2022年政府信息公开工作年度报告的整改通知" in text
    assert "发现以下1个问题" in text
    assert "落款日期2022年11月30日早于报告年度结束" in text and "整改要求：请核对报告年度、统计期间和落款日期" in text
    assert "依据：" in text and "第五十条" in text

    circular = client.get("/circular.docx")
    assert circular.status_code == 200
    document = Document(io.BytesIO(circular.data))
    body = "\n".join(p.text for p in document.paragraphs)
    assert "审查情况的通报" in body and "本次共审查年度报告5份，其中通过2份，未通过3份" in body
    cells = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    assert ["未通过", "3"] in cells and any(row[0] == "DAT006" for row in cells)


def test_an_upload_is_saved_in_the_folder_and_audited(app: Any, tmp_path: Path) -> None:
    client = app.test_client()
    token = csrf_token(client.get("/").get_data(as_text=True))
    seed = SEED_FILES["003"]
    response = client.post(
        "/upload",
        data={"csrf_token": token, "files": (io.BytesIO(seed.read_bytes()), "../../上传-城关镇.txt")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    bench = app.extensions["workbench"]
    bench.job.wait(120)
    saved = Path(bench.root) / "uploads" / "上传-城关镇.txt"
    assert saved.read_bytes() == seed.read_bytes()
    progress = client.get("/api/progress").get_json()
    assert progress["running"] is False and progress["done"] == progress["total"] == 6
    assert "uploads/上传-城关镇.txt" in _listed(client.get("/").get_data(as_text=True))
