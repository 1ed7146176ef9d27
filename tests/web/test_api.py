"""The self-check API: the same findings as ``auditor check --format json``, clear refusals for hostile input, the
token, and no path outside the opened folder."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from tests.conftest import SEED_FILES
from tests.readers.hostile import zip_bomb_docx
from tests.store.helpers import check
from tests.web.helpers import audited_app, create_app, seed_folder


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return audited_app(tmp_path_factory.mktemp("api")).test_client()


def _without_path(finding: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in finding.items() if key != "path"}


@pytest.mark.parametrize("number", sorted(SEED_FILES))
def test_each_seed_posted_gives_the_findings_of_check_json(client: Any, number: str, tmp_path: Path) -> None:
    seed = SEED_FILES[number]
    out = tmp_path / "reference.json"
    code = check(str(seed), "--format", "json", "-o", str(out))
    reference = json.loads(out.read_text(encoding="utf-8"))
    response = client.post("/api/check", data={"file": (io.BytesIO(seed.read_bytes()), seed.name)})
    assert response.status_code == 200
    document = response.get_json()
    (entry,) = document["files"]
    assert entry["path"] == seed.name and {f["path"] for f in entry["findings"]} <= {seed.name}
    assert [_without_path(f) for f in entry["findings"]] == [
        _without_path(f) for f in reference["files"][0]["findings"]
    ]
    assert document["summary"]["counts"] == reference["summary"]["counts"]
    assert entry["verdict"] == response.headers["X-Auditor-Verdict"] == ("fail" if code == 1 else "pass")

    # The same file as the raw body with its name in a header.
    raw = client.post("/api/check", data=seed.read_bytes(), headers={"X-Filename": seed.name})
    assert raw.status_code == 200 and raw.get_json()["files"] == document["files"]
    named = client.post("/api/check", data=seed.read_bytes(), headers={"X-Filename": quote(f"咸祥-{seed.name}")})
    assert named.get_json()["files"][0]["path"] == f"咸祥-{seed.name}"


def test_the_response_is_valid_findings_json(client: Any) -> None:
    import jsonschema

    from tests.conftest import ROOT

    schema = json.loads((ROOT / "schemas" / "findings.schema.json").read_text(encoding="utf-8"))
    seed = SEED_FILES["001"]
    document = client.post("/api/check", data={"file": (io.BytesIO(seed.read_bytes()), seed.name)}).get_json()
    jsonschema.Draft202012Validator(schema).validate(document)


def test_rules(client: Any) -> None:
    rules = client.get("/api/rules").get_json()
    codes = [rule["code"] for rule in rules]
    assert codes == sorted(codes) and {"CIT001", "NUM001", "DAT006"} <= set(codes)
    assert all(rule["summary"]["zh"] and rule["summary"]["en"] for rule in rules)


class _Zeros(io.RawIOBase):
    """A request body of ``size`` zero bytes, produced as it is read (100 MB never sits in memory)."""

    def __init__(self, size: int) -> None:
        self.left = size

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        n = min(len(buffer), self.left)
        buffer[:n] = b"\0" * n
        self.left -= n
        return n


def test_a_100_mb_upload_is_refused_with_413(client: Any) -> None:
    size = 100 << 20
    declared = {"CONTENT_LENGTH": str(size)}
    streamed = {"HTTP_TRANSFER_ENCODING": "chunked", "wsgi.input_terminated": True}  # no length told in advance
    for environ in (declared, streamed):
        response = client.post(
            "/api/check",
            headers={"X-Filename": "big.txt", "Content-Type": "application/octet-stream"},
            environ_overrides={"wsgi.input": io.BufferedReader(_Zeros(size)), **environ},
        )
        assert response.status_code == 413
        message = response.get_json()["error"]["message"]
        assert "上限" in message and str(64 << 20) in message


def test_a_zip_bomb_and_a_non_report_get_422_and_say_why(client: Any) -> None:
    bomb = client.post("/api/check", data={"file": (io.BytesIO(zip_bomb_docx()), "bomb.docx")})
    assert bomb.status_code == 422
    error = bomb.get_json()["error"]
    assert error["code"] == "SYS006" and "压缩炸弹" in error["message"]
    assert bomb.headers["X-Auditor-Verdict"] == "unreadable"

    recipe = "红烧肉的做法：五花肉切块，冷水下锅焯水，加冰糖炒糖色，再加生抽老抽，小火炖一小时。\n" * 20
    other = client.post("/api/check", data={"file": (io.BytesIO(recipe.encode()), "recipe.txt")}, headers={})
    assert other.status_code == 422
    error = other.get_json()["error"]
    assert error["code"] == "SYS002" and "年度报告" in error["message"]

    english = client.post("/api/check?lang=en", data={"file": (io.BytesIO(recipe.encode()), "recipe.txt")}).get_json()[
        "error"
    ]
    assert "annual report" in english["message"]

    empty = client.post("/api/check", data={})
    assert empty.status_code == 400 and "file" in empty.get_json()["error"]["message"]


def test_path_traversal_is_refused(client: Any) -> None:
    for url in (
        "/report/../../etc/passwd",
        "/report/..%2F..%2Fetc%2Fpasswd",
        "/source/../../etc/passwd",
        "/source/..%2F..%2F..%2Fetc%2Fpasswd",
        "/source/%2Fetc%2Fpasswd",
        "/notice/..%2F..%2Fetc%2Fpasswd",
        "/static/..%2F..%2F..%2F..%2Fetc%2Fpasswd",
    ):
        response = client.get(url, follow_redirects=True)
        assert response.status_code in (400, 404), url
        assert b"root:" not in response.data, url
    root = Path(client.application.extensions["workbench"].root)
    (root / "auditor-review.db").write_bytes(b"SQLite format 3\0")  # where serve keeps its store by default
    assert client.get("/source/auditor-review.db").status_code == 404  # inside the folder, but not a report
    original = client.get(f"/source/{SEED_FILES['000'].name}")
    assert original.status_code == 200 and original.data == SEED_FILES["000"].read_bytes()
    refused = client.get("/source/..%2F..%2Fetc%2Fpasswd?lang=zh", headers={"Accept": "application/json"})
    assert "不在打开的文件夹内" in refused.get_json()["error"]["message"]


def test_a_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    folder = seed_folder(tmp_path / "reports")
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    app = create_app(str(folder), str(tmp_path / "review.db"))
    assert app.test_client().get("/source/passwd.txt").status_code == 404


def test_with_a_token_every_request_needs_it(tmp_path: Path) -> None:
    app = create_app(str(seed_folder(tmp_path / "reports")), str(tmp_path / "review.db"), token="s3cret-token")
    client = app.test_client()
    seed = SEED_FILES["003"]
    assert client.get("/api/rules").status_code == 401
    assert client.get("/").status_code == 401
    refused = client.post("/api/check", data={"file": (io.BytesIO(seed.read_bytes()), seed.name)})
    assert refused.status_code == 401 and "令牌" in refused.get_json()["error"]["message"]
    assert client.get("/api/rules", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.get("/api/rules", headers={"Authorization": "Bearer s3cret-token"}).status_code == 200
    assert client.get("/api/rules", headers={"X-Auditor-Token": "s3cret-token"}).status_code == 200
    posted = client.post(
        "/api/check",
        data={"file": (io.BytesIO(seed.read_bytes()), seed.name)},
        headers={"X-Auditor-Token": "s3cret-token"},
    )
    assert posted.status_code == 200
    # In a browser: the token once in the address, then the session cookie.
    assert client.get("/?token=s3cret-token").status_code == 200
    assert client.get("/").status_code == 200
    assert client.get("/api/rules").status_code == 401  # programs always send the token
