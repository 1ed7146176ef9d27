"""The workbench on the command line: ``check`` imports nothing new, ``serve`` without the extra says how to get
it, ``serve --host`` needs a token, ``notice`` writes the documents."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from auditor.cli import main
from auditor.store import CONFIRMED, Store
from tests.conftest import ROOT, SEED_FILES
from tests.store.helpers import check, seed_folder


def _python(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT, env=env)


def test_a_plain_check_imports_no_new_dependency() -> None:
    done = _python(
        "import sys\n"
        "from auditor.cli import main\n"
        "code = main(['check', sys.argv[1], '--no-progress', '--format', 'json'])\n"
        "heavy = {'flask', 'flask_wtf', 'werkzeug', 'jinja2', 'sqlite3', '_sqlite3', 'docx'} & set(sys.modules)\n"
        "print(sorted(heavy), code, file=sys.stderr)\n",
        str(SEED_FILES["003"]),
    )
    assert done.stderr.strip().splitlines()[-1] == "[] 0", done.stderr


def test_serve_without_the_web_extra_says_how_to_install_it() -> None:
    done = _python(
        "import sys\nsys.modules['flask'] = None\nfrom auditor.cli import main\nsys.exit(main(['serve', '.']))\n"
    )
    assert done.returncode == 2
    (line,) = done.stderr.strip().splitlines()
    assert "pip install 'gov-report-auditor[web]'" in line and "flask" in line


def test_serve_off_this_computer_needs_a_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    import werkzeug.serving

    served: dict[str, Any] = {}
    monkeypatch.setattr(werkzeug.serving, "run_simple", lambda host, port, app, **kw: served.update(host=host, app=app))
    monkeypatch.delenv("AUDITOR_TOKEN", raising=False)
    folder = seed_folder(tmp_path / "reports")
    assert main(["serve", str(folder), "--host", "0.0.0.0", "--port", "8999", "--no-audit"]) == 0
    token = served["app"].extensions["workbench"].token
    assert token and len(token) >= 24 and f"?token={token}" in capsys.readouterr().err
    assert served["app"].test_client().get("/api/rules").status_code == 401

    served.clear()
    assert main(["serve", str(folder), "--no-audit", "--db", str(tmp_path / "local.db")]) == 0
    assert served["host"] == "127.0.0.1" and served["app"].extensions["workbench"].token is None
    assert (tmp_path / "local.db").is_file()
    # Loopback only: a page reached through another host name (DNS rebinding) is refused.
    assert served["app"].test_client().get("/api/rules", headers={"Host": "evil.example"}).status_code == 400


def test_notice_writes_a_notice_per_body_and_the_circular(tmp_path: Path) -> None:
    folder = seed_folder(tmp_path / "reports")
    db = str(tmp_path / "review.db")
    assert check(str(folder), "--db", db) == 1
    store = Store(db)
    run = store.latest_run()
    assert run is not None
    for result in store.results(run["id"]):
        for finding in store.findings(result.id):
            if finding.code in ("DAT006", "CIT001"):
                store.decide(result, finding.fingerprint, finding.code, CONFIRMED, "王科长")
    out = tmp_path / "notices"
    assert main(["notice", "--db", db, "-o", str(out), "--office", "某某县政务公开办公室"]) == 0
    written = sorted(path.name for path in out.iterdir())
    assert written == [
        "整改通知-咸祥镇人民政府-2022.docx",
        "整改通知-樟树市店下镇人民政府-2023.docx",
        "通报-审查1.docx",
    ]
    text = "\n".join(p.text for p in Document(str(out / written[1])).paragraphs)
    assert "樟树市店下镇人民政府：" in text and "发现以下1个问题" in text
    assert "国办公开办函〔2021〕30号" in text and "某某县政务公开办公室" in text
    assert "问题位置：" in text and "第3行" in text

    assert main(["notice", "--db", str(tmp_path / "missing.db")]) == 2


def test_the_store_can_be_named_in_the_configuration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = seed_folder(tmp_path / "reports")
    (tmp_path / "auditor.toml").write_text('db = "review/office.db"\n', encoding="utf-8")
    (tmp_path / "review").mkdir()
    monkeypatch.chdir(folder)  # the path is relative to the configuration file, not to the working folder
    assert check(".") == 1
    store = Store(str(tmp_path / "review" / "office.db"))
    run = store.latest_run()
    assert run is not None and run["status"] == "done" and len(store.results(run["id"])) == 5
