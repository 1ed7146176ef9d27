"""``--help`` of every command: in Chinese and English (each option's help in both), examples and the exit codes,
and it fits the terminal (Chinese characters take two cells)."""

from __future__ import annotations

import re

import pytest
import wcwidth

from auditor.cli import main

COMMANDS = [[], ["check"], ["fix"], ["parse"], ["rules"], ["explain"], ["plugins"], ["serve"], ["notice"]]
CJK = re.compile(r"[\u4e00-\u9fff]")


def _help(command: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as exit_:
        main([*command, "--help"])
    assert exit_.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "auditor")
def test_help_is_bilingual_and_fits(
    command: list[str], columns: int, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    text = _help(command, capsys)
    assert max(wcwidth.wcswidth(line) for line in text.splitlines()) <= columns
    assert "选项 / options" in text and "显示帮助并退出 / show this help and exit" in text
    # Each option's help (the text after the option column, with its continuation lines) has Chinese and English.
    helps: list[str] = []
    for line in text.split("选项 / options:")[1].split("\n\n")[0].splitlines():
        if re.match(r"^  -", line):
            helps.append(line.strip())
        elif helps:
            helps[-1] += " " + line.strip()
    assert helps
    for entry in helps:
        assert CJK.search(entry) and re.search(r"[A-Za-z]{3,}", entry.split("  ", 1)[-1]), entry


def test_check_help_lists_the_new_flags_and_the_interrupt_code(capsys: pytest.CaptureFixture[str]) -> None:
    text = _help(["check"], capsys)
    for flag in ("--show-source", "--no-show-source", "--watch", "--color {auto,always,never}"):
        assert flag in text
    assert "130" in text and "Ctrl-C" in text


@pytest.mark.parametrize("columns", [80, 100, 120])
@pytest.mark.parametrize("command", [["rules"], ["explain", "CIT001"], ["explain", "NUM001"], ["plugins"]])
def test_listings_fit_the_terminal_and_read_as_chinese(
    command: list[str], columns: int, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    assert main(command) == 0
    text = capsys.readouterr().out
    assert max(wcwidth.wcswidth(line) for line in text.splitlines()) <= columns
    assert not re.search(r"[\u4e00-\u9fff] \d|\d [\u4e00-\u9fff]", text.replace("左边 ", "").replace("右边 ", ""))


def test_the_plugin_listing_speaks_the_chosen_language(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "160")
    assert main(["plugins"]) == 0
    zh = capsys.readouterr().out
    assert zh.split()[:5] == ["插件", "发行包", "模块", "状态", "提供"] and "条规则：CIT001" in zh and "正常" in zh
    assert not re.search(r"\b(?:status|contributes|ok)\b|\d rules:|formats out:|reads:", zh)  # modules stay names
    assert main(["plugins", "--lang", "en"]) == 0
    en = capsys.readouterr().out
    assert en.split()[:5] == ["plugin", "distribution", "module", "status", "contributes"] and "rules: CIT001" in en
