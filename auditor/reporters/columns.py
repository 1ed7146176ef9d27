"""What the tabular exports (``csv``, ``xlsx``) and the HTML page say about a finding, in one place.

One finding is one row with the same columns in every format, so that a CSV, a workbook and the JSON output of
the same run hold the same findings.
"""

from __future__ import annotations

import re
from typing import Any

from auditor import template
from auditor.rule import Finding, Place, Text

# (header, what it holds): the findings table of every tabular export, in order.
FINDING_COLUMNS: tuple[Text, ...] = (
    Text("文件", "path"),
    Text("行", "line"),
    Text("列", "column"),
    Text("级别", "severity"),
    Text("代码", "code"),
    Text("规则", "rule"),
    Text("所在", "place"),
    Text("说明", "message"),
    Text("依据", "legal basis"),
    Text("指纹", "fingerprint"),
)

# The per-file summary: one row per audited file.
SUMMARY_COLUMNS: tuple[Text, ...] = (
    Text("文件", "path"),
    Text("机关", "body"),
    Text("年度", "year"),
    Text("模板", "template"),
    Text("致命", "fatal"),
    Text("错误", "error"),
    Text("警告", "warning"),
    Text("提示", "info"),
    Text("结论", "verdict"),
)

# Places that are not one of the six sections.
_PSEUDO_SECTIONS = {
    "title": Text("标题", "title"),
    "preamble": Text("导语", "preamble"),
    "signature": Text("落款", "signature"),
}

# C0 controls other than tab, newline and carriage return: not allowed in XML (xlsx) nor in HTML text.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def headers(columns: tuple[Text, ...], lang: str) -> list[str]:
    return [column.get(lang) for column in columns]


def place_text(place: Place, lang: str) -> str:
    """Where a finding is, in words: section, table, row and column with their official labels (ids in English)."""
    if lang != "zh":
        return place.key().strip(".")
    parts = []
    if place.section is not None:
        pseudo = _PSEUDO_SECTIONS.get(place.section)
        section = template.SECTION_BY_ID.get(place.section)
        parts.append(pseudo.zh if pseudo else section.heading if section else place.section)
    if place.table is not None and place.table in template.TABLE_BY_ID:
        title = template.TABLE_BY_ID[place.table].title_zh
        if not parts or title not in parts[-1]:  # table 三's title repeats its section's heading
            parts.append(title)
        if place.row is not None:
            parts.append(template.row_label(place.table, place.row))
        if place.column is not None:
            parts.append(template.column_label(place.table, place.column))
    else:
        parts += [x for x in (place.table, place.row, place.column) if x is not None]
    return " · ".join(parts)


def basis_text(finding: Finding, lang: str) -> str:
    return "\n".join(basis.text(lang) for basis in finding.basis)


def finding_row(finding: Finding, lang: str) -> list[Any]:
    """The values of FINDING_COLUMNS for one finding (line and column as numbers, None when unknown)."""
    return [
        finding.path,
        finding.line,
        finding.column,
        finding.severity.text(lang),
        finding.code,
        finding.name,
        place_text(finding.place, lang),
        finding.message.get(lang),
        basis_text(finding, lang),
        finding.fingerprint,
    ]


def clean(value: str) -> str:
    """Report text without the control characters that XML and HTML do not allow."""
    return CONTROL_CHARACTERS.sub("", value)
