"""The 2008 regime: reports for 2018 and earlier, written under the 2008 条例 (国务院令第492号) before any national
format existed (SPEC §1.1, Appendix B).

Such a report is not audited against the 2019/2021 formats: the parser records it as the template variant
``pre2019`` and only the rules that declare that variant run on it (year, dates, the old regime's parts). A report
is taken for one when its year is 2018 or earlier, or — year unknown — when it has the old regime's parts (收费及减免)
or its old-shape 统计表; never when its tables carry the 2019 or 2021 format's own labels.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from auditor.lazy import lazy_pattern

PRE2019 = "pre2019"
LAST_OLD_YEAR = 2018


@dataclass(frozen=True, slots=True)
class OldPart:
    """One of the contents 第三十二条 of the 2008 条例 lists (plus the customary 概述), recognised by meaning."""

    id: str
    zh: str
    en: str
    statutory: str  # the item of 第三十二条, or "" for the customary overview
    heading: re.Pattern[str]  # words a heading of this part holds
    statement: re.Pattern[str]  # a sentence that reports on it without a heading of its own


# A part's numeral (「三、」, 「第三部分」) at the start of a line or after a space or a sentence's end (which the match
# takes in), then the heading's words (see _headings).
_NUMERAL = r"\s*(?:[一二三四五六七八九十]+\s*[、.．]|第[一二三四五六七八九十]+部分)\s*"

OLD_PARTS: tuple[OldPart, ...] = (
    OldPart(
        "overview",
        "概述",
        "overview",
        "",
        lazy_pattern(r"概述|概况|总体情况|基本情况"),
        lazy_pattern(r"(?!)"),
    ),
    OldPart(
        "proactive",
        "主动公开政府信息情况",
        "proactive disclosure",
        "第三十二条（一）",
        lazy_pattern(r"主动公开|^(?:政府)?信息公开情况$"),
        # 「通过门户网站公开各类信息46条」 under 「二、政府信息公开情况」 reports the same without the word 主动
        lazy_pattern(
            r"主动公开[^。]{0,30}\d+\s*(?:条|件|项)|(?:网站|网|平台|栏)[^。，,]{0,8}公开[^。，,]{0,12}\d+\s*条"
        ),
    ),
    OldPart(
        "on_request",
        "依申请公开政府信息情况",
        "disclosure on request",
        "第三十二条（二）",
        lazy_pattern(r"依申请|申请公开"),
        lazy_pattern(r"(?:收到|受理)[^。]{0,20}(?:政府信息公开)?申请"),
    ),
    OldPart(
        "fees",
        "收费及减免情况",
        "fees and fee waivers",
        "第三十二条（三）",
        lazy_pattern(r"收费(?:及|和|与|、)?减免|收费情况"),
        lazy_pattern(r"(?:未|没有|不|无)[^。]{0,8}收取[^。]{0,10}费|收费(?:及|和|与|、)?减免|减免[^。]{0,6}费"),
    ),
    OldPart(
        "review_litigation",
        "因政府信息公开申请行政复议、提起行政诉讼的情况",
        "administrative review and litigation",
        "第三十二条（四）",
        lazy_pattern(r"行政复议|行政诉讼"),
        lazy_pattern(r"行政复议|行政诉讼"),
    ),
    OldPart(
        "problems",
        "主要问题及改进情况",
        "main problems and improvements",
        "第三十二条（五）",
        lazy_pattern(r"问题|改进|不足"),
        lazy_pattern(r"(?:存在|主要)[^。]{0,6}(?:问题|不足)[^。]{0,40}(?:改进|措施|加强)"),
    ),
)

_OLD_TABLE = lazy_pattern(r"政府信息公开(?:工作)?情况统计表|统计表[^。]{0,30}指标名称|指标名称\s*计量单位")
_HEADING_WORDS = _NUMERAL + r"(?P<words>[^。；;，,\d]{2,30})"
# At the line's start, and after a space or a sentence's end: two patterns, so that the second opens with a character
# class (searched by skipping to that class) where (?:^|[…]) would be tried at every place of a long line.
_HEADING_FIRST = lazy_pattern(_HEADING_WORDS)
_HEADING = lazy_pattern(r"[\s。；;：:）)]" + _HEADING_WORDS)


def headings(line: str) -> Iterator[re.Match[str]]:
    """What one pattern opening with ``(?:^|[…])`` would find in ``line`` with ``finditer``: the match at the start,
    if any, then those after it."""
    first = _HEADING_FIRST.match(line)
    if first is None:
        return _HEADING.finditer(line)
    return itertools.chain((first,), _HEADING.finditer(line, first.end()))


@dataclass(frozen=True, slots=True)
class PartFound:
    """A part of the old format found in the report: where, and how (a heading or a statement)."""

    part: OldPart
    line: int
    column: int
    how: str  # heading | statement
    text: str


def old_table(lines: list[str]) -> tuple[int, int, str] | None:
    """Where the old-shape 统计表 (指标名称 / 计量单位 …) begins, if there is one."""
    for number, line in enumerate(lines, 1):
        match = _OLD_TABLE.search(line)
        if match:
            return number, match.start() + 1, match.group(0)
    return None


def old_parts(lines: list[str]) -> dict[str, PartFound]:
    """The old regime's parts the text has, by heading first, else by a sentence that reports on them."""
    found: dict[str, PartFound] = {}
    for number, line in enumerate(lines, 1):
        for match in headings(line):
            words = match["words"]
            for part in OLD_PARTS:
                if part.id not in found and part.heading.search(words[:18]):
                    found[part.id] = PartFound(part, number, match.start("words") + 1, "heading", words[:30])
                    break
    for part in OLD_PARTS:
        if part.id in found:
            continue
        for number, line in enumerate(lines, 1):
            said = part.statement.search(line)
            if said:
                found[part.id] = PartFound(part, number, said.start() + 1, "statement", said.group(0))
                break
    return found


def is_old_regime(year: int | None, lines: list[str], has_new_markers: bool) -> bool:
    """Whether a report was written under the 2008 regime (see the module's description)."""
    if has_new_markers:
        return False
    if year is not None:
        return year <= LAST_OLD_YEAR
    if old_table(lines) is not None:
        return True
    parts = old_parts(lines)
    return "fees" in parts and parts["fees"].how == "heading"
