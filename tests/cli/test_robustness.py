"""The command line never loses a file, never hangs on a special file and ends every bad input with a clear message:
outputs replaced only when complete (a killed export leaves the previous one), never over an input, any file name,
FIFOs, terminal escapes, python -m from any folder, and bad options, configurations and baselines (exit 2)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest

from auditor.cli import main
from auditor.reporters.json_format import JsonReporter
from tests.conftest import ROOT, SEEDS, seed_path

REPORT = seed_path("002")
_ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def _auditor(*args: str, cwd: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "auditor", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=_ENV,
        timeout=timeout,
        check=False,
    )


def test_an_output_that_is_an_input_is_refused_and_the_input_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "report.txt"
    shutil.copy(REPORT, report)
    link = tmp_path / "link.txt"
    link.symlink_to(report)
    for target in (report, link):
        assert main(["check", str(tmp_path), "-o", str(target), "--lang", "en"]) == 2
        assert "is the input" in capsys.readouterr().err
    assert report.read_bytes() == REPORT.read_bytes()
    assert main(["check", str(report), "--write-baseline", str(report), "--lang", "en"]) == 2
    assert "is the input" in capsys.readouterr().err
    assert report.read_bytes() == REPORT.read_bytes()


def test_a_failed_export_leaves_the_previous_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "audit.json"
    out.write_text("previous", encoding="utf-8")

    def broken(self: JsonReporter, summary: object) -> None:
        raise RuntimeError("disk trouble")

    monkeypatch.setattr(JsonReporter, "end", broken)
    assert main(["check", str(REPORT), "--format", "json", "-o", str(out)]) == 2
    assert out.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["audit.json"]  # no temporary file left behind
    monkeypatch.undo()
    assert main(["check", str(REPORT), "--format", "json", "-o", str(out)]) == 1
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["files"] == 1


def test_a_batch_export_killed_mid_write_leaves_the_previous_output(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for number in range(150):
        shutil.copy(seed_path(f"00{number % 5}"), folder / f"r{number:03d}.txt")
    out = tmp_path / "audit.json"
    out.write_text("previous", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "auditor", "check", str(folder), "--format", "json", "-o", str(out)],
        env=_ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        written = False
        while time.monotonic() < deadline and process.poll() is None and not written:
            written = any(p.stat().st_size > 0 for p in tmp_path.glob(".audit.json.*.tmp"))
            time.sleep(0.01)
        assert written, "the export never started writing"
        process.send_signal(signal.SIGKILL)
        process.wait(30)
    finally:
        if process.poll() is None:
            process.kill()
    assert out.read_text(encoding="utf-8") == "previous"


def test_a_file_name_that_is_not_utf8_is_shown_escaped_in_every_format(tmp_path: Path) -> None:
    folder = tmp_path / "gbk"
    folder.mkdir()
    name = os.fsdecode(b"\xb1\xa8\xb8\xe6.txt")  # 报告.txt in GBK
    shutil.copy(REPORT, folder / name)
    for fmt in ("json", "xlsx", "html", "csv", "junit", "sarif", "gitlab", "github", "text"):
        out = tmp_path / f"out.{fmt}"
        result = _auditor("check", str(folder), "--format", fmt, "-o", str(out))
        assert result.returncode == 1, (fmt, result.stderr)
        assert out.stat().st_size > 0
        if fmt != "xlsx":
            assert "xb1" in out.read_text(encoding="utf-8-sig"), fmt  # \xb1 (escaped), %5Cxb1 in a URI


def test_a_fifo_in_a_folder_is_a_finding_not_a_hang(tmp_path: Path) -> None:
    folder = tmp_path / "fifo"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    shutil.copy(REPORT, folder / "report.txt")
    result = _auditor("check", str(folder), "--format", "json", "--lang", "en", timeout=60)
    files = {Path(f["path"]).name: f for f in json.loads(result.stdout)["files"]}
    assert [f["code"] for f in files["pipe.txt"]["findings"]] == ["SYS001"]
    assert "named pipe" in files["pipe.txt"]["findings"][0]["message"]["en"]
    assert "SYS001" not in [f["code"] for f in files["report.txt"]["findings"]]


def test_output_to_a_full_device_is_a_clear_error() -> None:
    for fmt in ("json", "xlsx"):
        result = _auditor("check", str(REPORT), "--format", fmt, "-o", "/dev/full", "--lang", "en")
        assert result.returncode == 2
        assert "/dev/full: cannot write the output file" in result.stderr and "internal error" not in result.stderr


def test_terminal_output_carries_no_escape_sequences(tmp_path: Path) -> None:
    report = tmp_path / "\x1b[2Jevil\x07.txt"
    text = REPORT.read_text(encoding="utf-8")
    report.write_text("\x1b]0;owned\x07\x1b[31m" + text, encoding="utf-8")
    result = _auditor("check", str(report), "--lang", "en")
    assert result.returncode == 1
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout and "evil" in result.stdout


def test_python_m_auditor_does_not_import_from_the_working_folder(tmp_path: Path) -> None:
    (tmp_path / "tabulate.py").write_text("raise SystemExit('the local tabulate.py was imported')\n")
    result = _auditor("rules", cwd=tmp_path)
    assert result.returncode == 0 and "NUM001" in result.stdout


@pytest.mark.parametrize(
    ("option", "value", "says"),
    [
        ("--max-bytes", "1e400k", "too large"),
        ("--timeout", "nan", "positive number"),
        ("--timeout", "-1", "positive number"),
        ("--max-pages", "-5", "whole number"),
        ("--max-lines", "0", "whole number"),
        ("--select", ",", "empty list of rule codes"),
    ],
)
def test_bad_options_are_usage_errors(option: str, value: str, says: str, capsys: pytest.CaptureFixture[str]) -> None:
    try:
        code = main(["check", str(REPORT), option, value, "--lang", "en"])
    except SystemExit as exited:  # argparse's usage errors
        code = exited.code  # type: ignore[assignment]
    assert code == 2
    assert says in capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("auditor.toml", b"\xff\xfe", "not UTF-8"),
        ("pyproject.toml", b"tool = 5\n", "must be a table"),
        ("auditor.toml", b"x = " + b"[" * 5000 + b"]" * 5000 + b"\n", "nests too deeply"),
        ("auditor.toml", b'deadlines = { government = "02-30" }\n', "not a day of every year"),
        ("auditor.toml", b"select = []\n", "invalid configuration"),
    ],
)
def test_bad_configurations_name_the_file(tmp_path: Path, name: str, content: bytes, says: str) -> None:
    (tmp_path / name).write_bytes(content)
    result = _auditor("check", str(REPORT), "--lang", "en", cwd=tmp_path)
    assert result.returncode == 2
    assert str(tmp_path / name) in result.stderr and says in result.stderr
    assert "internal error" not in result.stderr


def test_a_baseline_nested_too_deeply_is_a_clear_error(tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    baseline.write_text("[" * 100_000 + "]" * 100_000)
    result = _auditor("check", str(REPORT), "--baseline", str(baseline), "--lang", "en")
    assert result.returncode == 2 and "nests too deeply" in result.stderr and "internal error" not in result.stderr


def test_folder_walks_take_markdown_and_list_every_file_skipped(tmp_path: Path) -> None:
    (tmp_path / "reports").mkdir()
    shutil.copy(REPORT, tmp_path / "reports" / "report.md")
    shutil.copy(REPORT, tmp_path / "reports" / ".hidden.txt")
    (tmp_path / "reports" / "notes.xlsx").write_bytes(b"x")
    (tmp_path / "reports" / "README.md").write_text("# about these reports\n", encoding="utf-8")
    (tmp_path / "reports" / ".git").mkdir()
    (tmp_path / "reports" / "elsewhere").symlink_to(SEEDS)
    result = _auditor("check", str(tmp_path / "reports"), "--format", "json", "--lang", "en")
    document = json.loads(result.stdout)
    schema = json.loads((ROOT / "schemas" / "findings.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(document, schema)
    assert [Path(f["path"]).name for f in document["files"]] == ["report.md"]
    skipped = {Path(s["path"]).name: s["reason"]["en"] for s in document["summary"]["skipped"]}
    assert set(skipped) == {".hidden.txt", "notes.xlsx", "README.md", ".git", "elsewhere"}
    assert "link to a folder" in skipped["elsewhere"] and ".xlsx" in skipped["notes.xlsx"]
    assert "5 skipped" in result.stderr
    text = _auditor("check", str(tmp_path / "reports"), "--lang", "en").stdout
    assert "Not audited (skipped)" in text and "notes.xlsx" in text and ".git" in text
