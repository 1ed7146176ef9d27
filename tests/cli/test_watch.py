"""``check --watch``: audit, then again after each change that matters; Ctrl-C ends it with 130 and no traceback.

The loop is driven by injected batches of changes (no sleeping, no file-system events), except one test that lets
watchfiles see a real change (it returns as soon as the change is seen)."""

from __future__ import annotations

import shutil
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from auditor import watch
from auditor.cli import main
from tests.conftest import SEED_FILES


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy(SEED_FILES["003"], reports / "a.txt")
    (reports / "archive").mkdir()
    return reports


def _targets(folder: Path, **kwargs: Any) -> watch.Targets:
    defaults: dict[str, Any] = {"extensions": frozenset({".txt", ".docx"}), "exclude": ["archive"]}
    return watch.Targets([str(folder)], **(defaults | kwargs))


def test_which_changes_matter(folder: Path, tmp_path: Path) -> None:
    config = tmp_path / "auditor.toml"
    targets = _targets(folder, config=str(config), output=str(folder / "out.txt"))
    assert targets.matters(str(folder / "a.txt")) and targets.matters(str(folder / "new.docx"))
    assert targets.matters(str(config))
    assert not targets.matters(str(folder / "out.txt"))  # the run's own output would loop for ever
    assert not targets.matters(str(folder / "notes.log"))
    assert not targets.matters(str(folder / ".a.txt.swp")) and not targets.matters(str(folder / ".git" / "x.txt"))
    assert not targets.matters(str(folder / "archive" / "old.txt"))  # excluded
    assert not targets.matters(str(tmp_path / "elsewhere.txt"))
    single = watch.Targets([str(folder / "a.txt")], frozenset({".txt"}), [])
    assert single.matters(str(folder / "a.txt")) and not single.matters(str(folder / "b.txt"))
    assert single.folders() == [str(folder)]  # the folder: an editor may save by renaming a new file


def test_runs_again_only_for_changes_that_matter(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    runs: list[int] = []
    batches = [
        {(2, str(folder / "a.txt"))},
        {(1, str(folder / "notes.log"))},  # nothing to audit: no run
        {(2, str(folder / "a.txt")), (1, str(folder / "b.txt"))},
    ]
    assert watch.loop(lambda: runs.append(1) or 0, _targets(folder), "en", batches) == 0
    assert len(runs) == 3
    err = capsys.readouterr().err
    assert err.count("Watching for file changes (Ctrl-C to stop).") == 3
    assert "File change detected" in err and "b.txt" in err and "notes.log" not in err


def test_an_error_in_one_run_keeps_watching(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from auditor.errors import ConfigError

    calls: list[int] = []

    def run() -> int:
        calls.append(1)
        if len(calls) == 1:
            raise ConfigError("配置无效", "invalid configuration", "auditor.toml")
        return 0

    watch.loop(run, _targets(folder), "en", [{(2, str(folder / "a.txt"))}])
    assert len(calls) == 2 and "auditor.toml: invalid configuration" in capsys.readouterr().err


def test_check_watch_reaudits_and_ctrl_c_exits_130(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    report = folder / "a.txt"
    text = report.read_text(encoding="utf-8")
    broken = text.replace("国办公开办函〔2021〕30号", "国办公开办函[2021]30号")
    assert broken != text

    def edited() -> Iterator[Any]:
        report.write_text(broken, encoding="utf-8")  # the user saves an edit
        yield {(2, str(report))}

    def changes(targets: watch.Targets) -> Iterator[Any]:
        assert targets.matters(str(report))
        yield from edited()
        raise KeyboardInterrupt  # Ctrl-C

    monkeypatch.setattr(watch, "changes", changes)
    monkeypatch.setattr("sys.stdout.isatty", lambda: True, raising=False)
    code = main(["check", str(folder), "--watch", "--output-format", "concise", "--color", "never"])
    captured = capsys.readouterr()
    assert code == 130 and "Traceback" not in captured.err
    first, second = captured.out.split(watch.CLEAR)[1:]  # the screen is cleared before each run
    assert "CIT006" not in first and "CIT006" in second
    assert "以监视模式开始审查" in captured.err and "文件有变化" in captured.err


def test_watch_refuses_stdin(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "-", "--watch"]) == 2
    assert "--watch 不能与标准输入（-）同用" in capsys.readouterr().err


def test_watchfiles_sees_a_real_change(folder: Path) -> None:
    pytest.importorskip("watchfiles")
    report = folder / "a.txt"
    targets = _targets(folder)
    timer = threading.Timer(0.2, lambda: report.write_text("changed", encoding="utf-8"))
    timer.start()
    try:
        batch = next(iter(watch.changes(targets)))  # returns when the change is seen (no fixed sleep)
    finally:
        timer.cancel()
    assert any(Path(path) == report for _change, path in batch)


def test_without_watchfiles_a_clear_error_before_any_run(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "watchfiles", None)  # as if the [watch] extra were missing
    assert main(["check", str(folder), "--watch"]) == 2
    captured = capsys.readouterr()
    assert "pip install 'gov-report-auditor[watch]'" in captured.err and captured.out == ""


def test_nothing_to_watch_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("watchfiles")
    assert main(["check", str(tmp_path / "gone" / "a.txt"), "--watch"]) == 2
    captured = capsys.readouterr()
    assert "无法监视" in captured.err and "Traceback" not in captured.err and captured.out == ""
