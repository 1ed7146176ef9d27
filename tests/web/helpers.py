"""The workbench app over a folder of seeds, audited, for the tests of the pages and the API."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("flask", reason="the web extra is not installed: pip install -e '.[dev]'")

from auditor.web import create_app
from tests.store.helpers import seed_folder


def audited_app(tmp_path: Path, **options: Any) -> Any:
    folder = seed_folder(tmp_path / "reports")
    app = create_app(str(folder), str(tmp_path / "review.db"), **options)
    app.config["TESTING"] = True
    bench = app.extensions["workbench"]
    assert bench.start_audit()
    bench.job.wait(120)
    assert not bench.job.progress.running and not bench.job.progress.error
    return app


def csrf_token(page: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert match, "no CSRF token in the page"
    return match.group(1)
