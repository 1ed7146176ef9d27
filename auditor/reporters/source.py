"""``--show-source``: the line a finding points at, with a caret line under the text it is about (as Ruff's full
output shows it).

The line is the auditor's own: the text file's line, or for a DOCX, PDF or web page the line of the text extracted
from it (a paragraph, a table row, a line of a page's text layer) — the header says where that is in the file in words
(第2页, 第12段, 表格2第5行第3列). A line wider than the terminal is shown as a window around the span, cut with 「…」.

The span is the text the finding is about where the auditor knows it: a value the rule quoted that stands at the
finding's column (「国办公开办函〔2019〕60号」), else the text its fix replaces there, else the whole line for a
finding about a line (column 1: a heading, a label), else the run of text at the column up to a space or the end of
its sentence.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import wcwidth

from auditor.output import terminal_safe
from auditor.rule import Finding

_ELLIPSIS = "…"
_SENTENCE_END = set("。；！？;!?")


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


def span(finding: Finding, line: str) -> tuple[int, int]:
    """The span (start, end: code-point offsets in ``line``) the finding is about; at least one character wide."""
    assert finding.loc is not None
    start = max(0, min(finding.loc.column - 1, len(line)))
    quoted = [s for s in _strings(finding.values) if s.strip() and line.startswith(s, start)]
    if finding.fix is not None:
        quoted += [
            e.old for e in finding.fix.edits if e.loc.line == finding.loc.line and e.loc.column - 1 == start and e.old
        ]
    if quoted:
        return start, start + len(max(quoted, key=len))
    if start == 0 and line.strip():  # a finding about the line: a heading, a label, a row
        stripped = line.rstrip()
        return len(line) - len(line.lstrip()), len(stripped)
    end = start
    while end < len(line) and not line[end].isspace() and line[end] != "|":
        end += 1
        if line[end - 1] in _SENTENCE_END:
            break
    return start, max(end, start + 1)


def _cells(ch: str) -> int:
    return max(0, wcwidth.wcwidth(ch))


def _printable(line: str) -> str:
    """The line as the terminal may show it, one character for each (offsets kept): tabs and control characters
    become spaces."""
    return "".join(ch if ch != "\t" and terminal_safe(ch) == ch else " " for ch in line)


def window(line: str, start: int, end: int, room: int) -> tuple[str, int, int]:
    """The part of ``line`` that fits ``room`` cells and shows the span (as much of it as fits), marked with 「…」
    where cut; returns it with the span's offset and width in cells within it."""
    line = _printable(line)
    total = sum(_cells(ch) for ch in line)
    if total <= room:
        first, last = 0, len(line)
    else:
        # Some context before the span (a quarter of the room at most), then as much as fits.
        first = start
        before = 0
        while first > 0 and before + _cells(line[first - 1]) <= room // 4:
            first -= 1
            before += _cells(line[first])
        used = (1 if first > 0 else 0) + sum(_cells(ch) for ch in line[first:start])
        last = start
        while last < len(line) and used + _cells(line[last]) + (1 if last + 1 < len(line) else 0) <= room:
            used += _cells(line[last])
            last += 1
        if last == start and start < len(line):  # nothing of the span fits beside the context: start at the span
            first, last = start, start + 1
        elif last == len(line):  # the line ends before the room does: more of what comes before the span
            used -= 1 if first > 0 else 0
            while first > 0 and used + _cells(line[first - 1]) + (1 if first > 1 else 0) <= room:
                first -= 1
                used += _cells(line[first])
    shown = (_ELLIPSIS if first > 0 else "") + line[first:last] + (_ELLIPSIS if last < len(line) else "")
    offset = (1 if first > 0 else 0) + sum(_cells(ch) for ch in line[first : max(first, min(start, last))])
    width = sum(_cells(ch) for ch in line[max(start, first) : min(end, last)])
    return shown, offset, max(width, 1)


def snippet(finding: Finding, line: str, room: int) -> list[str]:
    """The gutter-framed lines of a finding's source: an empty gutter, the line, the carets under the span."""
    assert finding.loc is not None
    number = str(finding.loc.line)
    gutter = len(number) + 3  # "70 | "
    start, end = span(finding, line)
    shown, offset, width = window(line, start, end, max(room - gutter, 8))
    pad = " " * len(number)
    return [f"{pad} |", f"{number} | {shown}".rstrip(), f"{pad} | {' ' * offset}{'^' * width}"]
