"""Documents that mention an annual report without being one: cover letters (报送函), notices on compiling the reports,
forwarding memos (转发…的通知), tables of contents, a web page's list of reports.

Such a file often carries a report's title (关于报送《…2023年政府信息公开工作年度报告》的函), so it cannot be told
apart by the title alone; it is told by what it has (the closing formula of a letter or a notice, a salutation, a
table of contents' dot leaders) and what it lacks (statistics tables, sections with text). Two signals of a letter or
notice, or a table of contents, and no statistics table and no section with text: then it is not a report, and the
evidence is named.
"""

from __future__ import annotations

import string
from dataclasses import dataclass

from auditor.lazy import lazy_pattern
from auditor.model import SectionData, TableData
from auditor.script import CJK

_HEAD_LINES = 8  # a letter's or notice's own title is among its first non-blank lines
_BODY_CHARS = 20  # a section with at least this much text is a section of a report, not a contents entry

_TITLE_KINDS = (
    ("forward", lazy_pattern(r"^.{0,40}关于转发.{2,160}?的通知(?=\s|$)"), "转发通知", "a forwarding notice"),
    (
        "letter",
        lazy_pattern(r"^.{0,40}关于(?:报送|呈报|上报|提交).{2,160}?的(?:函|报告)(?=\s|$)|报送函(?=\s|$)"),
        "报送函",
        "a cover letter",
    ),
    ("letter", lazy_pattern(r"^.{0,40}关于.{2,160}?的函(?=\s|$)"), "公函", "a letter"),
    ("notice", lazy_pattern(r"^.{0,40}关于.{2,160}?的通知(?=\s|$)"), "通知", "a notice"),
)
_CLOSINGS = (  # the formulas that end (or open) a letter or a notice, the firmest first
    lazy_pattern(r"特此函告|特此函复|特此通知|特此报告|此函"),
    lazy_pattern(
        r"现予报送|现将.{0,60}(?:报送|呈报)|请审阅|请予审阅|请审定|请查收|转发给你们|请认真贯彻执行|请遵照执行|"
        r"请认真抓好落实|现就有关事项通知如下"
    ),
)
_SALUTATION = lazy_pattern(r"^[^。；;]{2,80}[:：]$")
# The national format notice itself as a document's own title (a web page of the notice with its blank tables).
_FORMAT_NOTICE = lazy_pattern(r"关于印发\s*[《〈<]?\s*中华人民共和国政府信息公开工作年度报告格式\s*[》〉>]?\s*的通知")
_CITING = lazy_pattern(r"根据|依据|按照|要求|编制|本报告")  # words of a report's opening that cites the notice
_CONTENTS = lazy_pattern(r"(?:^|\s)目\s{0,3}录(?:\s|$)")
# an entry of a table of contents: words, a dot leader (or a run of spaces at the end of a line), a page number
_ENTRY = lazy_pattern(r"[^\s…．.·]{2,40}(?:[…．.·]{3,}\s*\d{1,3}(?=\s|$)|\s{2,}\d{1,3}\s*$)")


_LISTED_TITLE = lazy_pattern(
    r"[^\s，。；：:]{0,30}?(?P<year>(?:19|20)\d{2})\s*年\s*度?[^\s，。；：:]{0,30}?政府信息公开\s*(?:工作)?\s*(?:年度报告|年报)"
)
_LISTED_YEARS = 3  # titles of this many years make a list of reports
_LATIN_WORD = lazy_pattern(r"[A-Za-z]{2,}")
_MIN_LATIN_WORDS = 50  # a report's URLs and abbreviations stay below this many words
_LATIN_SHARE = 0.4  # of the letters (Latin letters and Chinese characters): reports stay below 0.1, notes exceed 0.5
_ASCII_LETTERS = string.ascii_letters.encode()


@dataclass(frozen=True, slots=True)
class Evidence:
    """A line that shows what the document is instead of a report."""

    line: int
    text: str


@dataclass(frozen=True, slots=True)
class NotReport:
    """What the document is instead, and the lines that show it."""

    kind: str
    zh: str
    en: str
    evidence: tuple[Evidence, ...]
    sections: int  # section headings found (a table of contents has them, without text)

    def message(self) -> tuple[str, str]:
        quoted_zh = "、".join(f"第 {e.line} 行“{e.text}”" for e in self.evidence)
        quoted_en = "; ".join(f"line {e.line} “{e.text}”" for e in self.evidence)
        if self.kind == "format-notice":
            lacks_zh, lacks_en = "所附统计表没有填写任何数字", "its tables hold no figure"
        elif self.kind == "other-language":
            lacks_zh = "正文主要是拉丁字母写成的文字（说明、笔记等），年度报告是中文的"
            lacks_en = "its text is written mainly in Latin letters (notes, documentation); the reports are in Chinese"
        elif self.sections:
            lacks_zh = "没有统计表，章节标题下没有正文"
            lacks_en = "no statistics table, and no text under the section headings"
        else:
            lacks_zh, lacks_en = "没有统计表，也没有章节标题", "no statistics table and no section heading"
        return (
            f"不是政府信息公开工作年度报告，而是{self.zh}：{quoted_zh}；{lacks_zh}。",
            f"not a government information-disclosure annual report but {self.en}: {quoted_en}; {lacks_en}.",
        )


def not_a_report(lines: list[str], sections: list[SectionData], tables: dict[str, TableData]) -> NotReport | None:
    """What the document is if it is a letter, a notice or a table of contents rather than a report; else None."""
    foreign = _other_language(lines)
    if foreign is not None:
        return NotReport("other-language", "外文文档", "a document written mainly in another language", foreign, 0)
    if tables and _has_figure(tables):  # the usual case, a report with its figures: none of the below can apply
        return None
    numbered = [(number, line.strip()) for number, line in enumerate(lines, 1) if line.strip()]
    notice = _format_notice(numbered, tables) if tables else None  # no table at all: the letter/notice signals below
    if notice is not None:
        return NotReport("format-notice", "年度报告格式通知", "the format notice itself", notice, len(sections))
    if tables or sum(1 for s in sections if len(s.text.strip()) >= _BODY_CHARS) >= 2:
        return None
    contents = _contents(numbered)
    if contents is not None:
        return NotReport("contents", "目录页", "a table of contents", contents, len(sections))
    listed = _listing(numbered)
    if listed is not None:
        return NotReport("listing", "年度报告列表页", "a list of reports (a web page's column)", listed, len(sections))
    kind = None
    signals: list[Evidence] = []
    for number, text in numbered[:_HEAD_LINES]:
        for name, pattern, zh, en in _TITLE_KINDS:
            title = pattern.search(text)
            if title:
                kind = (name, zh, en)
                signals.append(Evidence(number, _clip(title.group(0))))
                break
        if kind:
            break
    salutation = next(((n, t) for n, t in numbered[: _HEAD_LINES + 4] if _SALUTATION.match(t)), None)
    if salutation is not None:
        signals.append(Evidence(salutation[0], salutation[1]))
    closing = next(
        ((n, m.group(0)) for pattern in _CLOSINGS for n, t in numbered for m in [pattern.search(t)] if m), None
    )
    if closing is not None:
        signals.append(Evidence(closing[0], closing[1]))
    if len(signals) < 2 or (kind is None and closing is None):
        return None
    name, zh, en = kind or ("letter", "公文（函或通知）", "an official letter or notice")
    return NotReport(name, zh, en, tuple(signals), len(sections))


def _format_notice(numbered: list[tuple[int, str]], tables: dict[str, TableData]) -> tuple[Evidence, ...] | None:
    """The national format notice (关于印发《中华人民共和国政府信息公开工作年度报告格式》的通知) as the document's own
    title, with its tables blank: the notice and its template, not a report. A report citing the notice in its
    opening (根据…的通知要求编制) is not one; nor is anything whose tables hold a figure."""
    if _has_figure(tables):
        return None
    for number, text in numbered[:_HEAD_LINES]:
        title = _FORMAT_NOTICE.search(text)
        if title is not None and title.start() <= 40 and not _CITING.search(text, 0, title.start()):
            return (Evidence(number, _clip(text)),)
    return None


def _other_language(lines: list[str]) -> tuple[Evidence, ...] | None:
    """A text written mainly in Latin letters — notes, documentation or a README beside the reports, quoting their
    Chinese — is not a report, whatever headings and tables its quotations hold. Reports are Chinese: in the bundled
    ones Latin letters are at most a tenth of the letters (URLs, e-mail addresses, PDF and APP)."""
    text = "\n".join(lines)
    # Each word has two letters or more: a text with fewer Latin letters than twice the words needed is a report's
    # text, told by two passes in C (the pattern's search below costs a step of the regex engine a character).
    letters = text.encode("ascii", "ignore")
    if len(letters) - len(letters.translate(None, _ASCII_LETTERS)) < 2 * _MIN_LATIN_WORDS:
        return None
    words = _LATIN_WORD.findall(text)
    if len(words) < _MIN_LATIN_WORDS:
        return None
    latin = sum(len(word) for word in words)
    if latin < _LATIN_SHARE * (latin + len(CJK.findall(text))):
        return None
    first = next((number, line.strip()) for number, line in enumerate(lines, 1) if line.strip())
    return (Evidence(first[0], _clip(first[1])),)


def _has_figure(tables: dict[str, TableData]) -> bool:
    return any(
        cell.kind == "number" for table in tables.values() for row in table.rows.values() for cell in row.cells.values()
    )


def _contents(numbered: list[tuple[int, str]]) -> tuple[Evidence, ...] | None:
    """A 目录 heading followed by at least three entries ending in a page number (one a line, or run together)."""
    for number, text in numbered:
        heading = _CONTENTS.search(text)
        if heading is None:
            continue
        entries = [
            (n, entry.group(0))
            for n, t in numbered
            if n >= number
            for entry in _ENTRY.finditer(t, heading.end() if n == number else 0)
        ]
        if len(entries) >= 3:
            return Evidence(number, heading.group(0).strip()), Evidence(entries[0][0], _clip(entries[0][1], 24))
        return None
    return None


def _listing(numbered: list[tuple[int, str]]) -> tuple[Evidence, ...] | None:
    """The titles of reports of at least three different years: a web page's list of them, not one report."""
    titles: dict[str, Evidence] = {}
    for number, text in numbered:
        for title in _LISTED_TITLE.finditer(text):
            titles.setdefault(title["year"], Evidence(number, title.group(0)))
    if len(titles) < _LISTED_YEARS:
        return None
    return tuple(list(titles.values())[:2])


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
