"""Parts under other titles: the top-level headings the grammar does not know (「一、年度工作核心成效」,
「五、当前存在的突出问题」, 「七、其他需说明事项」) standing where a section of the format is missing.

A report that words, splits, merges or renumbers its parts lacks the format's headings, not its parts. Such headings
are found by their numbers, not their words: the next number in the report's own sequence of part numbers (the
headings that were recognised set it; one number may be skipped, 「七、」 after 「五、」), in the numbering style those
headings use. A list inside a part numbered in the same style (「1、…2、…3、」 under 「5、」) is no part: a
number below the next part's starts or continues a list, and the number that continues the list is its point. A
label of the format's tables (「一、本年新收政府信息公开申请数量」, 「三、本年度办理结果」: table 三's rows, numbered like
parts) is never a part heading, wherever a flattened text puts it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from auditor import template
from auditor.document import Location
from auditor.lazy import lazy_pattern
from auditor.narrative import zh_number
from auditor.normalize import label_key
from auditor.prelex import HeadingInfo

_PART_NUMERALS = "一二三四五六七八九十"
# A part number at the start of a paragraph or after a sentence ends (flattened text), then the title's words up to
# the first punctuation, space, bracket or figure: 「五、当前存在的突出问题」, 「第七部分 其他事项」, 「6、附件」.
_TITLE = r"\s*(?P<title>[^\s，,。；;：:（(、\d]{2,24})"
# The number's first character comes first and the look back (the text's start or one of those characters before
# it) after it: a pattern that opens with a character class is searched by skipping to that class, one that opens with
# a look back is tried at every place (~0.8 M instructions a flattened report). That first character is ``lead``; the
# numeral is ``lead`` and the rest of the zh or arabic group (see _number), the part's after 第.
_NUMBERED = lazy_pattern(
    r"(?P<lead>[一二三四五六七八九十第\d])(?<![^\s。；;！!？?：:）)][\s\S])(?:"
    r"(?<=[一二三四五六七八九十])(?P<zh>[一二三四五六七八九十]?)\s*[、．.]"
    r"|(?<=第)(?P<part>[一二三四五六七八九十]{1,2})部分\s*[、:：]?"
    r"|(?<=\d)(?P<arabic>\d?)\s*[、．]"
    r")" + _TITLE
)
_STYLES = ("zh", "part", "arabic")


def _number(match: re.Match[str]) -> tuple[str, str]:
    """The numbering style of a match of _NUMBERED and its number as written (「十二」, 「五」, 「12」)."""
    if match["zh"] is not None:
        return "zh", match["lead"] + match["zh"]
    if match["part"] is not None:
        return "part", match["part"]
    return "arabic", match["lead"] + match["arabic"]


@dataclass(frozen=True, slots=True)
class OtherHeading:
    """A top-level heading the grammar did not know, as written (numbering and title), and where it stands."""

    text: str
    loc: Location
    part: int  # the index of the document part (the text before the first heading: 0) it stands in

    def to_json(self) -> dict[str, object]:
        return {"text": self.text, "line": self.loc.line, "column": self.loc.column}


def numeral_value(number: str | None) -> int | None:
    """一 → 1, 十二 → 12, 7 → 7; None for anything else (a part number is written with 一 … 十 alone)."""
    if not number:
        return None
    if number.isdigit():
        return int(number)
    if number.strip(_PART_NUMERALS):
        return None
    return zh_number(number) or None


Outline = list[tuple[HeadingInfo | None, int, list[tuple[str, Location]]]]
"""The document's parts in order: each part's heading (None before the first), that heading's place in the format's
order (1-6; 0 for none), and the part's paragraphs of prose with where each starts."""


def other_headings(outline: Outline) -> list[OtherHeading]:
    """The headings that continue the report's sequence of part numbers without being the format's (see above)."""
    styles = {h.numbering for h, _place, _paragraphs in outline if h is not None and h.numbering in _STYLES}
    styles = styles or {"zh"}
    found: list[OtherHeading] = []
    expected = 1
    for index, (heading, place, paragraphs) in enumerate(outline):
        if heading is not None:
            expected = (numeral_value(heading.number) or place) + 1
        listed = 0  # the next number of a list that started again inside this part (0: none)
        for text, loc in paragraphs:
            for match in _NUMBERED.finditer(text):
                style, number = _number(match)
                value = numeral_value(number) if style in styles else None
                if value is None:
                    continue
                if value == listed or value < expected:  # the list goes on, or one starts (again): its points
                    listed = value + 1
                    continue
                if value > expected + 1:  # the next number, or the one after it (七 after 五)
                    continue
                written = text[match.start() : match.end()].strip()
                if _table_label(written):
                    continue  # a row of a table, numbered like a part (table 三's 一、…四、)
                found.append(OtherHeading(written, loc._replace(column=loc.column + match.start()), index))
                expected, listed = value + 1, 0
    return found


# A title this long that starts a label of the tables is that label, cut where the pattern stops (at a figure).
_LABEL_START = 4


@cache
def _table_labels() -> tuple[str, ...]:
    """The comparison keys of the format's row and group labels (both formats)."""
    terminals = [*template.ROW_BY_TERMINAL, *template.GROUP_BY_TERMINAL]
    return tuple(dict.fromkeys(label_key(template.terminal_label(terminal)) for terminal in terminals))


def _table_label(written: str) -> bool:
    """Whether a numbered title as written is (the start of) a label of the format's tables."""
    key = label_key(written)
    match = _NUMBERED.match(written)
    title = match["title"] if match else written
    return any(label == key or (len(title) >= _LABEL_START and label.startswith(key)) for label in _table_labels())


def in_place_of(outline: Outline, missing: list[int]) -> dict[int, list[OtherHeading]]:
    """For each missing section (by its place 1-6 in the format), the other headings standing where it was due:
    between the section before it and the section after it that the report has. Nothing when the report's sections
    are out of the format's order (where a section was due is then not known)."""
    present = [(place, index) for index, (heading, place, _p) in enumerate(outline) if heading is not None]
    places = [place for place, _index in present]
    if not missing or places != sorted(places):
        return {}
    others = other_headings(outline)
    out: dict[int, list[OtherHeading]] = {}
    for place in missing:
        start = max((index for p, index in present if p < place), default=0)
        end = min((index for p, index in present if p > place), default=len(outline))
        standing = [other for other in others if start <= other.part < end]
        if standing:
            out[place] = standing
    return out
