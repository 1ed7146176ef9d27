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
    Text("机关", "body"),
    Text("年度", "year"),
    Text("位置", "location"),
    Text("页", "page"),
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
# What XML 1.0 cannot hold even escaped, beyond the control characters: lone surrogates, U+FFFE and U+FFFF.
NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def headers(columns: tuple[Text, ...], lang: str) -> list[str]:
    return [column.get(lang) for column in columns]


def place_text(place: Place, lang: str) -> str:
    """Where a finding is, in words: 导语, 落款, 一、总体情况, 表三·（三）2.其他法律行政法规禁止公开·自然人 — the
    official labels, never an internal id (in English: the ids, which are English words)."""
    if lang != "zh":
        return place.key().strip(".")
    table = template.TABLE_BY_ID.get(place.table or "")
    if table is None:
        if place.section is None:
            return ""
        pseudo = _PSEUDO_SECTIONS.get(place.section)
        section = template.SECTION_BY_ID.get(place.section)
        return pseudo.zh if pseudo else section.heading if section else ""
    parts = [f"表{table.section}" + ("" if table.section != "二" else f"·{table.title_zh}")]
    if place.row is not None:
        groups = [g for g in table.groups if place.row in g.rows]
        group = min(groups, key=lambda g: len(g.rows)) if groups else None  # the innermost: （三）, not 三、
        label = template.row_label(table.id, place.row)
        if group is not None and label[:1].isdigit():  # 2.其他… under （三）不予公开: 「（三）2.其他…」
            label = template.group_label(table.id, group.id).split("）")[0] + "）" + label
        parts.append(label)
    if place.column is not None:
        parts.append(template.column_label(table.id, place.column))
    return "·".join(parts)


def rule_title(finding: Finding, rules: dict[str, Any] | None, lang: str) -> str:
    """The rule as a reader names it: its Chinese title in Chinese output, its name (English words) otherwise."""
    found = (rules or {}).get(finding.code)
    if lang == "zh" and found is not None:
        return tidy_zh(str(found.summary.zh))
    return finding.name


def headline(finding: Finding, rules: dict[str, Any] | None, lang: str) -> str:
    """A finding's code and rule as CI pages title it: 「CIT006 文号的括号不规范」 in Chinese, the code and the rule's
    name in English."""
    return f"{finding.code} {rule_title(finding, rules, lang)}"


# How the cross-year check paired two reports, or why it did not (``summary.cross_file.notes``, kept in English in the
# JSON output): in Chinese words for the outputs people read.
_PAIRING_ZH = {
    "same name": "机关名称相同",
    "same name without 人民政府/办事处": "去掉“人民政府/办事处”后机关名称相同",
    "several reports of one body for one year": "同一机关同一年度有多份报告",
}


def pairing_text(note: dict[str, Any], lang: str) -> str:
    """「已配对：机关名称相同」, 「未配对：同一机关同一年度有多份报告」 (English: as recorded)."""
    words = str(note.get("match" if note.get("paired") else "reason", ""))
    if lang != "zh":
        return ("paired: " if note.get("paired") else "not paired: ") + words
    return ("已配对：" if note.get("paired") else "未配对：") + _PAIRING_ZH.get(words, words)


def location_words(finding: Finding, lang: str) -> str:
    """The location in the file in words (PDF page, DOCX paragraph or table cell, line of a text file)."""
    from auditor.reporters.where import is_text_file, location_text

    return location_text(finding.loc, lang, text_file=is_text_file(finding.path))


_CJK = "\u3400-\u9fff\uff00-\uffef\u3000-\u303f"
_SPACED_NUMBER = re.compile(rf"(?<=[{_CJK}]) (?=\d)|(?<=\d) (?=[{_CJK}])")
_QUOTED = re.compile(r"“[^”]*”|「[^」]*」|《[^》]*》")
_FORMULA = re.compile(r"[=≠<>≥≤+]")


def tidy_zh(text: str) -> str:
    """Chinese typography for messages (docs/glossary.md): no space between Chinese and a number (「有8个」,
    「2022年度」), except in a clause that is a formula (「左边 5 ≠ 右边 0」) and inside quoted report text."""
    out: list[str] = []
    last = 0
    for quoted in _QUOTED.finditer(text):
        out.append(_tidy_clauses(text[last : quoted.start()]))
        out.append(quoted.group(0))
        last = quoted.end()
    out.append(_tidy_clauses(text[last:]))
    return "".join(out)


def _tidy_clauses(text: str) -> str:
    parts = re.split(r"([，。；：！？])", text)
    out = []
    for index, part in enumerate(parts):
        # A formula keeps its spaces, and so do the cells of its sides (「左边：行政复议·总计 0」).
        side = index >= 2 and parts[index - 1] == "：" and parts[index - 2].endswith(("左边", "右边"))
        out.append(part if side or _FORMULA.search(part) else _SPACED_NUMBER.sub("", part))
    return "".join(out)


def message_text(finding: Finding, lang: str) -> str:
    """A finding's message as the outputs for people show it (Chinese typography applied in Chinese)."""
    message = finding.message.get(lang)
    return tidy_zh(message) if lang == "zh" else message


def basis_text(finding: Finding, lang: str) -> str:
    return "\n".join(basis.text(lang) for basis in finding.basis)


def finding_row(
    finding: Finding, lang: str, rules: dict[str, Any] | None = None, body: str | None = None, year: int | None = None
) -> list[Any]:
    """The values of FINDING_COLUMNS for one finding (page, line and column as numbers, None when unknown)."""
    return [
        finding.path,
        body,
        year,
        location_words(finding, lang),
        finding.loc.page if finding.loc is not None else None,
        finding.line,
        finding.column,
        finding.severity.text(lang),
        finding.code,
        rule_title(finding, rules, lang),
        place_text(finding.place, lang),
        message_text(finding, lang),
        basis_text(finding, lang),
        finding.fingerprint,
    ]


def clean(value: str) -> str:
    """Report text that XML (XLSX) and HTML can hold: control characters removed, the other characters XML does not
    allow (U+FFFF, lone surrogates) replaced by U+FFFD."""
    return NOT_XML.sub("\ufffd", CONTROL_CHARACTERS.sub("", value))
