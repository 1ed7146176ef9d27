"""Reading limits on the command line, and folders of reports in every format."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from auditor.cli import main
from tests.conftest import FIXTURES, REAL, SEED_FILES


def test_max_pages_is_a_fatal_finding_for_that_file_only(capsys: pytest.CaptureFixture[str]) -> None:
    pdf = str(REAL / "huaian-municipal-2024.pdf")
    text = str(SEED_FILES["004"])
    assert main(["check", pdf, text, "--max-pages", "3", "--format", "json", "--fail-on", "fatal"]) == 1
    files = {Path(f["path"]).name: f for f in json.loads(capsys.readouterr().out)["files"]}
    assert [f["code"] for f in files["huaian-municipal-2024.pdf"]["findings"]] == ["SYS006"]
    assert all(f["severity"] != "fatal" for f in files[SEED_FILES["004"].name]["findings"])


def test_parse_with_a_small_byte_limit_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(SEED_FILES["000"]), "--max-bytes", "1K", "--lang", "en"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "--max-bytes" in err and "1024-byte limit" in err


@pytest.mark.parametrize("bad", ["0", "-3", "lots"])
def test_limits_must_be_positive(bad: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["check", str(SEED_FILES["000"]), "--timeout", bad])
    assert info.value.code == 2


def test_a_folder_of_every_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stem = SEED_FILES["003"].stem
    for suffix in ("docx", "html", "pdf"):
        shutil.copy(FIXTURES / "formats" / f"{stem}.{suffix}", tmp_path / f"report.{suffix}")
    shutil.copy(SEED_FILES["003"], tmp_path / "report.txt")
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    assert main(["check", str(tmp_path), "--format", "json", "--exit-zero"]) == 0
    files = {Path(f["path"]).name: f for f in json.loads(capsys.readouterr().out)["files"]}
    assert sorted(files) == ["old.doc", "report.docx", "report.html", "report.pdf", "report.txt"]
    assert [f["code"] for f in files["old.doc"]["findings"]] == ["SYS001"]
    codes = {name: sorted(f["code"] for f in found["findings"]) for name, found in files.items() if name != "old.doc"}
    assert codes["report.docx"] == codes["report.html"] == codes["report.pdf"] == codes["report.txt"]
