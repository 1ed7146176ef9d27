"""Colour in terminal output (``--color auto|always|never``), as Ruff and most command-line tools decide it.

``always`` and ``never`` are what they say. ``auto`` colours only a terminal: never a pipe or a file (``-o``), never
when ``NO_COLOR`` is set to anything but the empty string (https://no-color.org); ``FORCE_COLOR`` (set, not ``0``)
colours a pipe too, e.g. a CI log that shows colours. ``NO_COLOR`` wins over ``FORCE_COLOR``.

Colour is added to text that has already been made terminal-safe (:func:`auditor.output.terminal_safe`), so a
report's own text can never carry escape sequences to the terminal.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import IO, Any

from auditor.output import terminal_safe
from auditor.rule import Severity
from auditor.verdict import Verdict

RESET = "\x1b[0m"
_SEVERITY = {Severity.FATAL: "1;31", Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}
_VERDICT = {Verdict.PASS: "32", Verdict.FAIL: "31", Verdict.NOT_ASSESSED: "33", Verdict.UNREADABLE: "1;31"}
BOLD = "1"


def use_color(mode: str, stream: IO[Any] | None, environ: Mapping[str, str] | None = None) -> bool:
    """Whether to colour what goes to ``stream`` (None: a file, never a terminal) under ``--color mode``."""
    if mode == "always":
        return True
    if mode == "never":
        return False
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR", ""):
        return False
    if env.get("FORCE_COLOR", "") not in ("", "0"):
        return True
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def style(text: str, code: str, on: bool) -> str:
    """``text`` in an SGR style (``"31"``, ``"1;31"`` …) when colour is on."""
    return f"\x1b[{code}m{text}{RESET}" if on and text else text


def paint(text: str, severity: Severity, on: bool) -> str:
    """``text`` in the colour of a severity, when colour is on."""
    return style(text, _SEVERITY[severity], on)


def paint_verdict(text: str, verdict: Verdict, on: bool) -> str:
    return style(text, _VERDICT[verdict], on)


def paint_summary(summary: Any, lang: str, on: bool) -> str:
    """The run's summary line (:meth:`auditor.reporting.Summary.line`), bold red when a file fails, else green."""
    return style(terminal_safe(summary.line(lang)), "1;31" if summary.failed_files else "1;32", on)


def paint_lines(lines: list[str], pieces: list[tuple[str, str]]) -> list[str]:
    """Lines already wrapped (wrapping counts no colour), with each plain piece replaced by its painted form where
    it first stands whole on one line; a piece the wrapping split stays plain."""
    out = list(lines)
    for plain, painted in pieces:
        if not plain or plain == painted:
            continue
        for index, line in enumerate(out):
            if plain in line:
                out[index] = line.replace(plain, painted, 1)
                break
    return out


def paint_summary_lines(lines: list[str], summary: Any, on: bool) -> list[str]:
    """The wrapped lines of the summary line, each painted as :func:`paint_summary` paints it."""
    return [style(line, "1;31" if summary.failed_files else "1;32", on) for line in lines]
