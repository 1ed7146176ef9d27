"""``--color auto|always|never`` for every terminal text output: the text format, its per-file summary and
statistics, --show-source, concise, and the summary line on stderr. NO_COLOR and FORCE_COLOR are honoured; auto
never colours what is not a terminal. Colour changes nothing but the colour."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from auditor.reporters.style import use_color
from tests.conftest import FIXTURES, ROOT, SEEDS, CheckRun

SGR = re.compile(r"\x1b\[[0-9;]*m")
INPUTS = [str(SEEDS), str(FIXTURES / "formats" / "000_58b0067790987b2b.pdf"), str(ROOT / "examples")]


@pytest.fixture(autouse=True)
def _plain(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("COLUMNS", "100")


@pytest.mark.parametrize(
    "extra",
    [[], ["--summary"], ["--statistics"], ["--show-source"], ["--output-format", "concise"], ["--summary", "-q"]],
)
def test_colour_changes_only_the_colour(extra: list[str], check: Callable[..., CheckRun]) -> None:
    never = check(*INPUTS, *extra, "--color", "never").out
    always = check(*INPUTS, *extra, "--color", "always").out
    auto = check(*INPUTS, *extra).out  # captured: not a terminal
    assert "\x1b" not in never and auto == never
    assert SGR.search(always)
    assert SGR.sub("", always) == never
    assert "\x1b" not in SGR.sub("", always)  # nothing but SGR colour codes


def test_what_is_coloured(check: Callable[..., CheckRun]) -> None:
    out = check(*INPUTS, "--summary", "--color", "always").out
    assert "\x1b[31m错误\x1b[0m" in out and "\x1b[33m警告\x1b[0m" in out  # severities
    assert "\x1b[31mCIT001\x1b[0m" in out  # codes by severity
    assert "\x1b[31m未通过\x1b[0m" in out and "\x1b[32m通过\x1b[0m" in out  # verdicts
    assert re.search(r"\x1b\[1;31m共 \d+ 个文件", out)  # the summary line: red when a file fails


def test_summary_line_on_stderr(check: Callable[..., CheckRun], monkeypatch: pytest.MonkeyPatch) -> None:
    json_run = check(str(SEEDS), "--format", "json", "--color", "always")
    assert json_run.err.startswith("\x1b[1;31m共 ") and "\x1b" not in json_run.out  # JSON never coloured
    assert "\x1b" not in check(str(SEEDS), "--format", "json").err  # auto: stderr captured, not a terminal
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert check(str(SEEDS), "--format", "json").err.startswith("\x1b[1;31m")
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b" not in check(str(SEEDS), "--format", "json").err


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_auto_follows_the_terminal_and_the_environment() -> None:
    tty, pipe = _Tty(), io.StringIO()
    assert use_color("auto", tty, {}) and not use_color("auto", pipe, {})
    assert not use_color("auto", None, {})  # -o FILE
    assert not use_color("auto", tty, {"NO_COLOR": "1"})
    assert use_color("auto", tty, {"NO_COLOR": ""})  # set but empty: no-color.org says ignore it
    assert use_color("auto", pipe, {"FORCE_COLOR": "1"}) and not use_color("auto", pipe, {"FORCE_COLOR": "0"})
    assert not use_color("auto", tty, {"NO_COLOR": "1", "FORCE_COLOR": "1"})
    assert use_color("always", pipe, {"NO_COLOR": "1"}) and not use_color("never", tty, {"FORCE_COLOR": "1"})


def test_report_text_cannot_bring_its_own_colour(check: Callable[..., CheckRun], tmp_path: Path) -> None:
    text = (SEEDS / "001_ab25516cfdb0ffab.txt").read_text(encoding="utf-8")
    report = tmp_path / "evil\x1b[5m.txt"
    report.write_text(text.replace("樟树市店下镇人民政府", "樟树市\x1b[31m店下镇人民政府", 1), encoding="utf-8")
    for extra in ([], ["--show-source"], ["--output-format", "concise"], ["--summary"]):
        out = check(str(report), *extra, "--color", "always").out
        assert "evil" in out and "\x1b[5m" not in out and "\x1b[31m店下镇" not in out
