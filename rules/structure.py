"""Required sections, tables, rows and labels (SPEC §2.2-§3.5): present, in order, named as the format names them."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator
from difflib import SequenceMatcher
from typing import Any

from auditor.hookspecs import (
    ERROR,
    INFO,
    WARNING,
    Edit,
    Finding,
    Fix,
    Gap,
    Location,
    Place,
    Report,
    Rule,
    RuleContext,
    SectionData,
    TableData,
    TableRow,
    Text,
    hookimpl,
    legal,
    reason_text,
    rule,
    template,
)
from auditor.lazy import lazy_pattern
from auditor.normalize import label_key
from auditor.patterns import compiled

_BASIS = (legal.FORMAT_2021_BASIS, legal.ARTICLE_50)
_ORDER = [s.id for s in template.SECTIONS]
_NUMERALS = "一二三四五六七八九十"  # a heading may carry a number past 六 (七 after a part numbered in)
_ARABIC = {str(i + 1): s for i, s in enumerate(_ORDER)}
_STYLE_ZH = {"arabic": "阿拉伯数字", "part": "“第…部分”式", "zh": "汉字序号"}
_STYLE_EN = {"arabic": "an Arabic number", "part": "a 第…部分 part number", "zh": "a Chinese numeral"}
_NUMBERING = compiled(
    r"^\s*(?:(?:[一二三四五六七八九十]{1,2}|[—－])\s*[、.．]|\d{1,2}\s*[、.．]|第[一二三四五六]部分\s*[、:：]?|[、.．])\s*"
)


@rule(
    code="SEC001",
    name="missing-section",
    severity=ERROR,
    summary=Text("缺少统一格式规定的部分", "A section of the format is missing"),
    explanation=Text(
        "年度报告应包括六个部分：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；四、政府信息公开"
        "行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项（条例第五十条，统一格式）。无论标题如何"
        "编号，只要能识别出该部分即视为存在。整个部分缺少时，其统计表也随之缺少：本条一并说明，不再逐表报告（TAB001）。"
        "连续缺少的几个部分（如正文从第一部分直接到第五部分）是一处遗漏，一条说明全部。"
        "只缺标题、统计表仍在时，本条说明缺少标题，不再另报统计表位置不符（TAB006）。文本在报告结束前中断时，中断处之后"
        "缺少的部分、统计表和行由 SEC008 一条说明，不在此逐一报告。缺少统一格式标题的部分所在位置，报告另有按本报告部分"
        "序号编号的标题时（如“一、年度工作核心成效”“五、当前存在的突出问题”“六、下一步改进举措”“七、其他需说明事项”），"
        "这些部分是改了标题、拆分、合并或重新编号，不是缺少：只报一条警告（推断），列出统一格式的标题和报告所用的标题；"
        "其统计表未读到的，由 TAB001 另行报告。报告中一个部分标题也没有读到（既没有统一格式的标题，也没有按序号编排的"
        "其他标题）时，这是一个原因，只报一条：读到了统计表时为警告（内容似乎在，只是没有读到标题——可能报告没有写，"
        "也可能提取文字时丢失，是推断），各部分的起止无法确定，报告判为“无法审查”；统计表也一个没有读到时为错误"
        "（所给文件肯定缺少六个部分及其统计表）。",
        "An annual report has six sections: 1 overview, 2 proactive disclosure, 3 applications received and "
        "handled, 4 administrative review and litigation, 5 main problems and improvements, 6 other matters "
        "(Article 50, the unified format). A section counts as present under any numbering. A section missing as a "
        "whole takes its tables with it: this finding names them, and they are not reported one by one (TAB001). "
        "Sections missing one after another (the text goes from section 1 straight to section 5) are one omission: one "
        "finding names them all. "
        "Where only the heading is missing and the tables are there, this finding says so, and the tables standing "
        "where the heading was due are not an order finding besides (TAB006). Where the text stops before the "
        "report's end, the sections, tables and rows after the cut are SEC008's one finding, not reported here. Where "
        "the report has headings of its own, numbered in its sequence of parts, where the missing sections were due "
        "(一、年度工作核心成效, 五、当前存在的突出问题, 六、下一步改进举措, 七、其他需说明事项), the parts were renamed, split, "
        "merged or renumbered, not left out: one warning (a guess) names the format's headings and the report's; a "
        "table of them not read is TAB001's own finding. Where not one part heading was read (neither the format's nor "
        "one numbered in the report's sequence), that is one cause and one finding: a warning when the tables were "
        "read (the content seems to be there without its headings — left out by the report or lost in extraction, a "
        "guess), with the report rated not assessed as where its parts begin and end is unknown; an error when no "
        "table was read either (the file as given certainly lacks the six sections and their tables).",
    ),
    basis=_BASIS,
)
def missing_section(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    cut = report.cut_off()
    lost = set(cut.detail["sections"]) if cut else set()  # the text stops before them: SEC008 names them once
    renamed = [
        gap
        for gap in report.gaps
        if gap.kind == "missing_section" and gap.section and gap.section not in lost and gap.detail.get("in_its_place")
    ]
    if renamed:  # one cause: the report titles (splits, merges, numbers) its parts its own way
        yield _under_other_headings(renamed, ctx)
    elif cut is None and report.headings_unread():
        yield _no_heading_read(report, ctx)  # one cause: not one part heading was read, nor perhaps a table
        return
    headless = _headless_sections(report)  # some of their tables stand there without them: the heading is missing
    runs: list[list[str]] = []  # parts missing one after another in the format's order: one omission each
    for gap in report.gaps:
        if gap.kind == "missing_section" and gap.section and gap.section not in lost and gap not in renamed:
            if gap.section in headless:
                yield _heading_missing(gap.section, ctx)
            elif runs and _ORDER.index(gap.section) == _ORDER.index(runs[-1][-1]) + 1:
                runs[-1].append(gap.section)
            else:
                runs.append([gap.section])
    for run in runs:
        yield _sections_missing(report, run, ctx)


def _heading_missing(section: str, ctx: RuleContext) -> Finding:
    """A part whose heading is missing while its tables are there (a table missing besides is TAB001's)."""
    spec = template.SECTION_BY_ID[section]
    return ctx.finding(
        Text(
            f"缺少“{spec.heading}”部分的标题（该部分的统计表在报告中，前面没有部分标题）。",
            f"the heading of section “{spec.heading}” ({spec.heading_en}) is missing (its tables are in the report, "
            "with no section heading before them).",
        ),
        place=Place(section=section),
        values={"section": section, "heading": spec.heading, "tables_found": True},
        key=section,
    )


def _sections_missing(report: Report, run: list[str], ctx: RuleContext) -> Finding:
    """Parts missing as a whole, one after another (from 一 the text goes on at 五): one omission, one finding naming
    each part and the tables that went with them (TAB001 stands down for those)."""
    specs = [template.SECTION_BY_ID[section] for section in run]
    tables = [table for section in run for table in _missing_tables(report, section)]
    values: dict[str, Any] = {"section": run[0], "heading": specs[0].heading}
    if len(run) > 1:
        values |= {"sections": run, "headings": [spec.heading for spec in specs]}
    zh = en = ""
    if tables:
        values["tables"] = [table.id for table in tables]
        zh = f"，其统计表（{'、'.join(f'“{table.title_zh}”' for table in tables)}）也没有读到"
        en = f", and with {'them' if len(run) > 1 else 'it'} the table(s) "
        en += f"({', '.join(f'“{table.title_en}”' for table in tables)})"
    if len(run) == 1:
        message = Text(
            f"缺少“{specs[0].heading}”部分{zh}。",
            f"the section “{specs[0].heading}” ({specs[0].heading_en}) is missing{en}.",
        )
    else:
        message = Text(
            f"缺少连续 {len(run)} 个部分：{'、'.join(f'“{spec.heading}”' for spec in specs)}{zh}。",
            f"{len(run)} sections in a row are missing: "
            f"{', '.join(f'“{spec.heading}” ({spec.heading_en})' for spec in specs)}{en}.",
        )
    return ctx.finding(message, place=Place(section=run[0]), values=values, key=run[0])


def _under_other_headings(gaps: list[Any], ctx: RuleContext) -> Finding:
    """One finding for the sections missing where the report has headings of its own (auditor.renamed)."""
    specs = [template.SECTION_BY_ID[gap.section] for gap in gaps]
    others: list[dict[str, Any]] = []
    for gap in gaps:
        others += [other for other in gap.detail["in_its_place"] if other not in others]
    wanted_zh = "、".join(f"“{spec.heading}”" for spec in specs)
    wanted_en = ", ".join(f"“{spec.heading}” ({spec.heading_en})" for spec in specs)
    written_zh = "、".join(f"“{other['text']}”" for other in others)
    written_en = ", ".join(f"“{other['text']}”" for other in others)
    first = others[0]
    return ctx.finding(
        Text(
            f"报告中没有统一格式的{wanted_zh}标题；在这些部分应在的位置，报告用了自己的标题{written_zh}。这些部分似乎"
            "在报告中，只是改了标题、拆分、合并或重新编号（推断，不是缺少部分）：请核对其内容是否涵盖统一格式的要求，"
            "并改用统一格式的标题和编号。",
            f"the report has no heading {wanted_en} of the format; where those sections were due, it has headings of "
            f"its own: {written_en}. The sections seem to be there under other titles — renamed, split, merged or "
            "renumbered (a guess, not a missing section): check that they cover what the format asks, under the "
            "format's headings and numbers.",
        ),
        loc=Location(first["line"], first["column"]),
        place=Place(section=specs[0].id),
        values={
            "sections": [spec.id for spec in specs],
            "headings": [spec.heading for spec in specs],
            "in_their_place": [other["text"] for other in others],
        },
        key="under-other-headings",
        severity=WARNING,
    )


def _statistics_tables(report: Report) -> list[template.Table]:
    """The format's statistics tables found in the report, in the format's order."""
    return [table for table in template.TABLES if table.id in report.tables]


def _no_heading_read(report: Report, ctx: RuleContext) -> Finding:
    """One finding for a report in which not one part heading was read: a warning when its tables were (the parts
    seem to be there without headings), an error when none was either (see SEC001)."""
    tables = _statistics_tables(report)
    headings_zh = "、".join(f"“{spec.heading}”" for spec in template.SECTIONS)
    headings_en = ", ".join(f"“{spec.heading}”" for spec in template.SECTIONS)
    values: dict[str, Any] = {
        "sections": [spec.id for spec in template.SECTIONS],
        "headings": [spec.heading for spec in template.SECTIONS],
        "tables_found": [table.id for table in tables],
    }
    if not tables:  # prose only: the file certainly lacks the parts' headings and every statistics table
        return ctx.finding(
            Text(
                f"报告中没有读到任何部分标题（统一格式的{headings_zh}都没有，也没有按序号编排的其他标题），也没有读到"
                "任何统计表，只有正文：统一格式的六个部分及其统计表都没有读到。所给文件肯定缺少这些内容；报告原文是否"
                "缺少，无法从本文件判断（可能只是摘录、统计表是图片或提取文字不全），请对照原文核对。",
                f"not one part heading was read (none of the format's {headings_en}, and no other heading numbered in "
                "sequence), nor any table, only prose: the format's six sections and their tables were not read. The "
                "file as given certainly lacks them; whether the published report does cannot be told from it (an "
                "excerpt, tables published as images, or text not fully extracted?): check against the original.",
            ),
            place=Place(section="一"),
            values=values,
            key="no-heading-read",
        )
    first = report.tables[tables[0].id].loc
    return ctx.finding(
        Text(
            f"报告中没有读到任何部分标题（统一格式的{headings_zh}都没有，也没有按序号编排的其他标题），但读到了统计表"
            f"（{'、'.join(f'“{table.title_zh}”' for table in tables)}）和正文：报告的内容似乎在，只是没有读到部分标题——"
            "可能是报告没有写标题，也可能是标题的写法未能识别或提取文字时丢失（推断，不是逐一缺少各部分）。各部分从哪里"
            "开始、到哪里结束无法确定，“总体情况”“存在的主要问题及改进情况”“其他需要报告的事项”是否齐全无法核对，"
            "因此报告判为“无法审查”。请对照原文核对，并使用统一格式的六个部分标题。",
            f"not one part heading was read (none of the format's {headings_en}, and no other heading numbered in "
            f"sequence), yet the tables ({', '.join(f'“{table.title_en}”' for table in tables)}) and the prose were: "
            "the report's content seems to be there without its part headings — the report has none, or they are "
            "written in a way not recognised or were lost when the text was extracted (a guess, not six missing "
            "sections). Where each part begins and ends cannot be told, nor whether the overview, the problems and "
            "improvements and the other matters are all there, so the report is rated not assessed. Check against "
            "the original, and head the six parts as the format does.",
        ),
        loc=first,
        values=values,
        key="no-heading-read",
        severity=WARNING,
    )


@rule(
    code="SEC008",
    name="text-cut-off",
    severity=ERROR,
    summary=Text("文本在报告结束前中断", "The text stops before the end of the report"),
    explanation=Text(
        "所给文件在报告结束之前就中断了：最后读到的部分之后，统一格式的其余部分全部缺少，其后也没有落款日期；并且文本停在"
        "统计表中间（其后的行或表缺少）、停在某部分标题之后、停在一句话中间，或者至少缺少两个部分。常见原因是下载不完整、"
        "PDF 的末页没有提取出文字。这是一个原因，只报一条，列出没有读到的部分、统计表和行；这些部分不再逐项报告缺少"
        "（SEC001、TAB001、TAB002），被截断的行不报未能读取（TAB004），也不报缺少落款日期（DAT010）。所给文件肯定缺少这些"
        "内容（错误）；报告原文是否缺少，无法从本文件判断，因此报告判为“无法审查”。请取得完整文件后重新审查。中间缺少某一"
        "部分而其后各部分仍在时，不是中断，按缺少该部分（SEC001）报告。中断之前以报告自拟标题写出的部分（按序号识别，如"
        "“一、概述”）已经读到，不列为没有读到，并在说明中写出这些标题；文本停在其上的标题（如“四、政府信息公开行”）之下"
        "什么也没有读到，仍列为没有读到。",
        "The file as given stops before the report's end: every section of the format after the last one read is "
        "missing, no signing date follows, and the text stops inside a table (its later rows or tables missing), "
        "after a section heading, in the middle of a sentence, or at least two sections are gone. A download cut "
        "off or a PDF whose last pages gave no text are the usual causes. It is one cause and one finding, naming the "
        "sections, tables and rows not read; they are not reported as missing one by one (SEC001, TAB001, TAB002), "
        "the row cut in two is not an unreadable row (TAB004), and the missing signing date is not reported (DAT010). "
        "The file as given certainly lacks them (an error); whether the published report does cannot be told from "
        "it, so the report is rated not assessed. Audit the complete file again. A section missing in the middle, "
        "with the later ones present, is no cut: it is a missing section (SEC001). Parts written under the report's "
        "own headings before the cut (found by their numbers, 「一、概述」) were read: they are not listed as lost, and "
        "the message names those headings; a heading the text stops on (「四、政府信息公开行」) has nothing read under "
        "it and stays listed.",
    ),
    basis=_BASIS,
)
def text_cut_off(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    cut = report.cut_off()
    if cut is None:
        return
    detail = cut.detail
    # parts read under the report's own titles before the cut (「一、政府信息公开工作的基本概况」) were read: not named
    own, highest = _read_under_own_titles(report, cut)
    sections = [template.SECTION_BY_ID[s] for s in detail["sections"] if _ORDER.index(s) >= highest]
    tables = [template.TABLE_BY_ID[t] for t in detail["lost_tables"]]
    where_zh = where_en = ""
    if detail["ends"] == "table":
        table = template.TABLE_BY_ID[detail["table"]]
        where_zh, where_en = f"，停在“{table.title_zh}”表中", f", inside the table “{table.title_en}”"
    elif detail["ends"] == "heading":
        heading = template.SECTION_BY_ID[detail["last_section"]].heading
        where_zh, where_en = f"，停在“{heading}”标题之后", f", right after the heading “{heading}”"
    elif detail["ends"] == "sentence":
        where_zh, where_en = "，最后一行没有写完", ", in the middle of a line"
    lost_zh = "、".join(f"“{s.heading}”" for s in sections) or "内容"  # cut inside 六: its rest
    lost_en = ", ".join(f"“{s.heading}”" for s in sections) or "the rest of the text"
    if tables:
        lost_zh += f"（统计表{'、'.join(f'“{t.title_zh}”' for t in tables)}）"
        lost_en += f" (tables {', '.join(f'“{t.title_en}”' for t in tables)})"
    rows = detail.get("rows") or []
    if rows:
        first = template.row_label(detail["table"], rows[0])
        lost_zh = f"该表“{first}”起的 {len(rows)} 行，" + lost_zh
        lost_en = f"{len(rows)} row(s) of that table from “{first}”, " + lost_en
    if own:
        where_zh += f"（{'、'.join(f'“{h}”' for h in own)}是报告自拟的部分标题，其下内容已读到）"
        where_en += (
            f" ({', '.join(f'“{h}”' for h in own)}: the report's own part heading(s), read with what follows them)"
        )
    yield ctx.finding(
        Text(
            f"文本似乎在第 {cut.loc.line if cut.loc else '?'} 行（“{detail['text']}”）中断{where_zh}：其后的{lost_zh}"
            "以及落款都没有读到。所给文件肯定缺少这些内容；报告原文是否缺少，无法从本文件判断（可能是下载不完整或 PDF "
            "末页未提取文字），请取得完整文件后重新审查。",
            f"the text appears to be cut off at line {cut.loc.line if cut.loc else '?'} (“{detail['text']}”)"
            f"{where_en}: {lost_en} and the signature after it could not be read. The file as given certainly lacks "
            "them; whether the published report does cannot be told from it (a download cut off, or PDF pages that "
            "gave no text?): audit the complete file again.",
        ),
        loc=cut.loc,
        place=Place(section=detail["last_section"]),
        values={k: v for k, v in detail.items() if k != "text"},
    )


def _own_titles(report: Report) -> list[dict[str, Any]]:
    """The part headings in the report's own words that stand where a section of the format was due (auditor.renamed:
    「一、概述」, 「五、存在的主要问题及下一步计划」), each once, in the order of the text: text, line, column."""
    found = {
        (heading["line"], heading["column"]): heading
        for gap in report.gaps
        if gap.kind == "missing_section"
        for heading in gap.detail.get("in_its_place") or ()
    }
    return [found[key] for key in sorted(found)]


def _read_under_own_titles(report: Report, cut: Gap) -> tuple[list[str], int]:
    """The report's own part headings read before the cut and the highest part number among them (0: none): the
    parts up to that number were read, under the report's titles, whatever the format calls them. A heading the
    text stops on (「四、政府信息公开行」, 「五、存在的主」: the end of the last line) has nothing read under it."""
    headings, highest = [], 0
    line, column = (cut.loc.line, cut.loc.column) if cut.loc else (0, 0)
    for heading in _own_titles(report):
        number = _PART_NUMBER.match(heading["text"])
        ends = heading["column"] + len(heading["text"]) - 1
        if number is None or heading["line"] > line or (heading["line"] == line and ends >= column):
            continue
        value = _NUMERALS.index(number["zh"]) + 1 if number["zh"] else int(number["arabic"])
        headings.append(heading["text"])
        highest = max(highest, value)
    return headings, highest


_PART_NUMBER = compiled(r"\s*(?:第)?(?:(?P<zh>[一二三四五六七八九])|(?P<arabic>[1-9]))(?:部分|\s*[、.．])")


def _headless_sections(report: Report) -> set[str]:
    """The sections whose heading was not found while their tables were: the heading is what is missing."""
    missing = {gap.section for gap in report.gaps if gap.kind == "missing_section" and gap.section}
    return missing & {table.section for table in report.tables.values()}


def _table_section(terminal: str | None) -> str | None:
    """The section of the table a label terminal belongs to (a caption, row, group or column header), if one."""
    if terminal is None:
        return None
    table = template.TABLE_BY_CAPTION.get(terminal)
    table = table or (template.ROW_BY_TERMINAL.get(terminal) or template.GROUP_BY_TERMINAL.get(terminal) or (None,))[0]
    if table is not None:
        return table.section
    for section, terminals in (
        ("四", template.REVIEW_HEADER_TERMINALS),
        ("三", template.APPLICANT_HEADER_TERMINALS),
        ("二", template.COLUMN_TERMINALS),
    ):
        if terminal in terminals:
            return section
    return None


def _missing_tables(report: Report, section: str) -> list[template.Table]:
    """The format's tables of a section that were not found (the missing_table gaps), in the format's order."""
    return [
        template.TABLE_BY_ID[gap.table]
        for gap in report.gaps
        if gap.kind == "missing_table" and gap.table and gap.section == section
    ]


@rule(
    code="SEC002",
    name="section-order",
    severity=ERROR,
    summary=Text("各部分顺序与统一格式不符", "The sections are not in the format's order"),
    explanation=Text("六个部分应按“一”至“六”的顺序排列。", "The six sections come in the order 1 to 6."),
    basis=_BASIS,
)
def section_order(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    previous = None
    for section in report.sections:
        if previous is not None and _ORDER.index(section.id) < _ORDER.index(previous.id):
            yield ctx.finding(
                Text(
                    f"“{section.heading}”（第{section.id}部分）出现在“{previous.heading}”（第{previous.id}部分）之后。",
                    f"“{section.heading}” (section {section.id}) comes after “{previous.heading}” (section "
                    f"{previous.id}).",
                ),
                loc=section.loc,
                place=Place(section=section.id),
                values={"order": [s.id for s in report.sections]},
                key=section.id,
            )
        previous = section


@rule(
    code="SEC003",
    name="unnumbered-heading",
    severity=INFO,
    summary=Text("部分标题没有编号", "A section heading has no number"),
    explanation=Text(
        "统一格式的部分标题编号为“一、”至“六、”。标题没有编号，常见原因是 Word 自动编号在导出时丢失。",
        "The format numbers the sections 一、 to 六、. A heading without a number has usually lost Word's "
        "automatic numbering on export.",
    ),
    basis=_BASIS,
    fix="safe",
)
def unnumbered_heading(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    for section in report.sections:
        if section.numbering == "none":
            yield ctx.finding(
                Text(
                    f"标题“{section.heading}”没有编号，应为“{section.id}、”。",
                    f"the heading “{section.heading}” has no number; it should be “{section.id}、”.",
                ),
                loc=section.loc,
                place=Place(section=section.id),
                key=section.id,
                fix=Fix.replace(section.loc, section.heading.strip(), f"{section.id}、{section.heading.strip()}"),
            )


@rule(
    code="SEC004",
    name="heading-numbering",
    severity=WARNING,
    summary=Text("部分标题的编号方式或序号不规范", "A section heading is numbered in another style or out of turn"),
    explanation=Text(
        "部分标题应以汉字序号加顿号编号（“一、”至“六、”）。使用阿拉伯数字（“1、”）、“第一部分”，或序号与该部分不符，"
        "都偏离了统一格式；下级标题才使用“（一）”“1.”等编号。几个标题以同一种方式编号不当（都用“1、”，或序号都比所在部分"
        "小一；都多或少同一个数时，是编号整体错位，例如另编了一个部分）是一个原因，只报一条，逐一列出。",
        "Section headings are numbered with Chinese numerals and a 、 (一、 to 六、). Arabic numbers (1、), 第一部分, "
        "or a number that is not the section's deviate from the format; lower levels use （一） and 1. Headings "
        "numbered wrongly in one way (all 1、…6、, or all the same step away from their sections: the numbering "
        "shifted as a whole, a part numbered in, say) are one cause: one finding names each.",
    ),
    basis=_BASIS,
    fix="unsafe",
)
def heading_numbering(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    in_place = numbered_in_place(report)
    causes: dict[tuple[str | None, int | str | None], list[SectionData]] = {}
    for section in report.sections:
        if section.numbering == "none":
            continue
        number = _section_number(section)
        wrong_style = section.numbering != "zh"
        wrong_number = number != section.id and not in_place
        if wrong_style or wrong_number:
            # one cause, one finding: headings numbered in one other style (1、…6、), or all the same step off (一、主动
            # 公开… for 二 when the report numbers its parts from its own first part; 三 … 七 after a part numbered
            # in), are one habit, named together
            offset = _NUMERALS.index(number) - _ORDER.index(section.id) if number and number in _NUMERALS else number
            cause = (section.numbering if wrong_style else None, offset if wrong_number else None)
            causes.setdefault(cause, []).append(section)
    for (style, offset), sections in causes.items():
        first = sections[0]
        fixes = [_renumber(section, safe=offset is None) for section in sections]
        edits = [(edit.loc, edit.old, edit.new) for fix in fixes if fix is not None for edit in fix.edits]
        values: dict[str, Any] = {"numbering": first.numbering, "number": first.number}
        if len(sections) > 1:
            values |= {"sections": [s.id for s in sections], "headings": [s.heading for s in sections]}
            if isinstance(offset, int):
                values["step"] = offset
        yield ctx.finding(
            _numbering_text(sections, style, offset),
            loc=first.loc,
            place=Place(section=first.id),
            values=values,
            key=first.id,
            fix=Fix.replace_each(edits, safe=offset is None) if edits else None,
        )


def _section_number(section: SectionData) -> str | None:
    """The section a heading's number names (一 … 六; 1、 is 一)."""
    return _ARABIC.get(section.number or "", section.number) if section.numbering == "arabic" else section.number


def _numbering_text(sections: list[SectionData], style: str | None, offset: int | str | None) -> Text:
    """What is wrong with the numbers of these headings: their style, their number, or both."""
    if len(sections) == 1:
        section = sections[0]
        zh, en = f"标题“{section.heading}”", f"the heading “{section.heading}”"
        if style is not None:
            zh += f"使用{_STYLE_ZH.get(style, '其他')}编号（“{section.number}”）"
            en += f" is numbered with {_STYLE_EN.get(style, 'another style')} ({section.number})"
        if offset is not None:
            zh += f"{'且' if style is not None else ''}序号与第{section.id}部分不符"
            en += f"{' and' if style is not None else ''} carries the number of another section"
        return Text(zh + f"，应为“{section.id}、”。", en + f"; it should be “{section.id}、”.")
    said_zh: list[str] = []
    said_en: list[str] = []
    if style is not None:
        said_zh.append(f"都使用{_STYLE_ZH.get(style, '其他')}编号")
        said_en.append(f"numbered with {_STYLE_EN.get(style, 'another style')}")
    if isinstance(offset, int):
        said_zh.append(f"序号都比所在部分{'小' if offset < 0 else '大'} {abs(offset)}，编号整体错位")
        said_en.append(
            f"numbered {abs(offset)} {'below' if offset < 0 else 'above'} their sections, shifted as a whole"
        )
    elif offset is not None:
        said_zh.append("序号都与所在部分不符")
        said_en.append("numbered unlike their sections")
    zh = f"{len(sections)} 个部分标题{'' if style is not None else '的'}{'，'.join(said_zh)}"
    en = f"{len(sections)} section headings are all {' and '.join(said_en)}"
    each_zh = "；".join(f"“{section.heading}”应为“{section.id}、”" for section in sections)
    each_en = "; ".join(f"“{section.heading}” should be “{section.id}、”" for section in sections)
    return Text(f"{zh}（同一种编号方式）：{each_zh}。", f"{en} (one way of numbering): {each_en}.")


def out_of_order(report: Report) -> bool:
    """Whether the sections come in another order than the format's (what SEC002 reports)."""
    ids = [s.id for s in report.sections]
    return ids != sorted(ids, key=_ORDER.index)


def numbered_in_place(report: Report) -> bool:
    """Whether the sections are out of the format's order but every heading carries the number of its place
    (「五、信息处理费收取情况」 before 「六、存在的主要问题」): one cause, the order, which SEC002 reports; the
    numbers are not wrong one by one."""
    if not out_of_order(report):
        return False
    numbers = [s.number for s in report.sections]
    return all(s.numbering == "zh" for s in report.sections) and numbers == sorted(
        (s.id for s in report.sections), key=_ORDER.index
    )


def _renumber(section: SectionData, safe: bool) -> Fix | None:
    """``1、 总体情况`` → ``一、总体情况``: safe when only the style is wrong; a number that is another section's
    may instead be a heading worded for the wrong section, so that fix is unsafe."""
    written = section.heading.strip()
    words = _NUMBERING.sub("", written, count=1)
    if not words or words == written:
        return None
    return Fix.replace(section.loc, written, f"{section.id}、{words}", safe=safe)


@rule(
    code="SEC005",
    name="heading-wording",
    severity=INFO,
    summary=Text("部分标题的措辞与统一格式不同", "A section heading is worded differently from the format"),
    explanation=Text(
        "部分标题宜与统一格式一致，例如“四、政府信息公开行政复议、行政诉讼情况”。采用条例第五十条的表述（如“因政府信息公开"
        "工作被申请行政复议、提起行政诉讼情况”）可以接受，但应统一。",
        "Section headings should read as in the format, e.g. 四、政府信息公开行政复议、行政诉讼情况. The wording of "
        "Article 50 is acceptable, but the format's is the standard.",
    ),
    basis=_BASIS,
)
def heading_wording(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    for section in report.sections:
        official = template.SECTION_BY_ID[section.id].heading
        if _words(section.heading) == _words(official):
            continue
        yield ctx.finding(
            Text(
                f"标题“{section.heading}”与统一格式“{official}”的措辞不同。",
                f"the heading “{section.heading}” differs from the format's “{official}”.",
            ),
            loc=section.loc,
            place=Place(section=section.id),
            values={"written": section.heading, "official": official},
            key=section.id,
        )


@functools.lru_cache(maxsize=1024)  # the format's headings, and a batch's recurring ones, are compared again and again
def _words(heading: str) -> str:
    return re.sub(r"[\s:：。]", "", _NUMBERING.sub("", heading))


@rule(
    code="SEC006",
    name="empty-section",
    severity=WARNING,
    summary=Text("部分内容为空", "A section is empty"),
    explanation=Text(
        "每个部分都应有实际内容；没有可报告的事项时也应明确写明“无”。第二、三、四部分的内容是统一格式的统计表。"
        "第二、三、四部分中至少两部分只有标题、全文一张统计表也没有读到时（网页上的表格常以图片发布，提取文字时丢失），"
        "只报一条：统计表未能读取，是图片还是确实缺失无法判断（推断，请核对原文）；此时不再逐表报告缺少统计表（TAB001）。"
        "只有一个这样的部分时，由缺少统计表（TAB001）说明，不再另报本条。文本停在下一部分标题中间的那一行（如“四、政府信息"
        "公开行”），以及其后以报告自拟标题写出的下一部分（如“五、存在的主要问题及下一步计划”），都不算该部分的内容。",
        "Every section needs content; where there is nothing to report it should say so. Sections 2, 3 and 4 hold "
        "the format's tables. Where at least two of sections 2, 3 and 4 have their heading and nothing under it and "
        "not one table was read in the whole text (a web page's tables are often images, lost when its text is "
        "taken), one finding says so: the tables could not be read, and whether they are images or really missing "
        "cannot be told (a guess: see the original); the missing tables (TAB001) are then not reported one by one. "
        "One such section alone is its missing tables (TAB001), not an empty section besides. The line the text stops "
        "in, a next heading cut short (「四、政府信息公开行」), and a next part under the report's own heading "
        "(「五、存在的主要问题及下一步计划」) are not a section's content.",
    ),
    basis=_BASIS,
)
def empty_section(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    lost = tables_not_in_text(report)
    if lost:
        names = "、".join(s.id for s in lost)
        yield ctx.finding(
            Text(
                f"第{names}部分只有标题、没有内容，全文没有读到任何统计表：统计表可能以图片等形式发布而未能读取，"
                "也可能确实缺失（无法判断，请核对原文）；统计数据无法审查。",
                f"sections {', '.join(s.id for s in lost)} have their headings and nothing under them, and not one "
                "table was read in the whole text: the tables may have been published as images and could not be "
                "read, or they may be missing (this cannot be told: see the original); the figures could not be "
                "checked.",
            ),
            loc=lost[0].loc,
            place=Place(section=lost[0].id),
            values={"sections": [s.id for s in lost]},
            key="tables-not-in-text",
        )
    cut = report.cut_off()
    for section in report.sections:
        has_table = any(t.section == section.id for t in report.tables.values())  # even an unreadable one
        if section.text.strip() or has_table or section in lost:
            continue
        if cut is not None and cut.detail["ends"] == "heading" and cut.section == section.id:
            continue  # the text stops right after this heading: SEC008 is that one cause
        if _missing_tables(report, section.id):
            continue  # a table section with nothing under its heading: its missing tables (TAB001) are that cause
        yield ctx.finding(
            Text(f"“{section.heading}”部分没有内容。", f"the section “{section.heading}” is empty."),
            loc=section.loc,
            place=Place(section=section.id),
            key=section.id,
        )


_TABLE_SECTIONS = frozenset("二三四")


def tables_not_in_text(report: Report) -> list[SectionData]:
    """The sections 二/三/四 (at least two) that have their heading and nothing under it, in a text where not one
    table was read: the tables did not come through (images on a web page, lost with its text) or were left out —
    which of the two cannot be told. One cause: SEC006 reports it once, TAB001 stands down for their tables."""
    if report.tables:
        return []
    present = [s for s in report.sections if s.id in _TABLE_SECTIONS]
    if len(present) < 2 or any(_said_under(s, report) for s in present):
        return []
    return present


def _said_under(section: SectionData, report: Report) -> str:
    """What a section says under its heading, less the unfinished line the text stops on (「四、政府信息公开行」 cut
    short after 「三、…」's heading is the cut, SEC008, not content of 三) and less a later part standing in it under
    the report's own title (「五、存在的主要问题及下一步计划」 and its text are 五's, not 四's)."""
    text = section.text
    for heading in _own_titles(report):
        at = text.find(heading["text"]) if heading["line"] > section.loc.line else -1
        if at >= 0:
            text = text[:at]
    text = text.strip()
    cut = report.cut_off()
    if (
        cut is not None
        and cut.section == section.id
        and cut.detail.get("ends") == "sentence"
        and text == str(cut.detail.get("text", "")).strip()
        and _NUMBERING.match(text)
    ):
        return ""  # a numbered heading cut short, all the section holds
    return text


@rule(
    code="SEC007",
    name="duplicate-section",
    severity=ERROR,
    summary=Text("同一部分出现两次", "A section appears twice"),
    explanation=Text(
        "每个部分只应出现一次；重复出现通常是拼接或复制错误。",
        "Each section appears once; a repeated one is usually a pasting or copying error.",
    ),
    basis=_BASIS,
)
def duplicate_section(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    for gap in report.gaps:
        if gap.kind == "duplicate_section" and gap.section:
            first = gap.detail.get("first_line")
            yield ctx.finding(
                Text(
                    f"第{gap.section}部分的标题再次出现（首次在第 {first} 行）。",
                    f"the heading of section {gap.section} appears again (first at line {first}).",
                ),
                loc=gap.loc,
                place=Place(section=gap.section),
                values=dict(gap.detail),
                key=f"{gap.section}|{gap.loc.line if gap.loc else ''}",
            )


@rule(
    code="TAB001",
    name="missing-table",
    severity=ERROR,
    summary=Text("缺少统一格式规定的统计表", "A table of the format is missing"),
    explanation=Text(
        "第二部分应有第二十条第（一）（五）（六）（八）项四张表（2019 年格式另有第（九）项），第三、四部分各有一张统计表。"
        "第二、三、四部分只有标题、全文没有读到任何统计表时，不逐表报告，由 SEC006 报一条（统计表未能读取）；整个部分"
        "缺少时，由 SEC001 一条说明（连同其统计表）。",
        "Section 2 holds the tables for Article 20 items (1), (5), (6) and (8) (and (9) in the 2019 format); "
        "sections 3 and 4 hold one table each. Where sections 2, 3 and 4 have only their headings and no table was "
        "read anywhere, the tables are not reported one by one: SEC006 says once that they could not be read; where "
        "the whole section is missing, SEC001 says so once, naming its tables.",
    ),
    basis=_BASIS,
)
def missing_table(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    lost = {s.id for s in tables_not_in_text(report)}  # SEC006 says, once, that these tables could not be read
    # a section missing as a whole takes its tables with it: SEC001 names them (one cause, one finding); a section
    # there under another heading (SEC001's warning) does not, and a table of it not found is missing on its own
    missing = {
        gap.section
        for gap in report.gaps
        if gap.kind == "missing_section" and gap.section and not gap.detail.get("in_its_place")
    }
    lost.update(missing - _headless_sections(report))
    due = _format_due(report)
    cut = report.cut_off()
    after_cut = set(cut.detail["lost_tables"]) if cut else set()  # the text stops before them: SEC008 names them
    for gap in report.gaps:
        if gap.kind == "missing_table" and gap.table:
            spec = template.TABLE_BY_ID[gap.table]
            if spec.section in lost or gap.table in after_cut:
                continue
            if due and report.variant != due and due not in spec.variants:
                continue  # a table of the superseded format only (（九）): not due in the year; CIT003/CIT004 say so
            yield ctx.finding(
                Text(
                    f"第{spec.section}部分缺少“{spec.title_zh}”统计表。",
                    f"section {spec.section} lacks the table “{spec.title_en}”.",
                ),
                place=Place(section=spec.section, table=spec.id),
                key=spec.id,
            )


@rule(
    code="TAB002",
    name="missing-row",
    severity=ERROR,
    summary=Text("统计表缺少统一格式规定的行", "A row of the format is missing from a table"),
    explanation=Text(
        "统一格式的每张表都有固定的行（例如表三在 2021 年格式中有 25 个数据行，（六）其他处理分为三行）。缺行会使勾稽关系"
        "无法核对。连续缺少的几行（如表格在某处被截断）是一处遗漏，一条说明全部。",
        "Every table of the format has fixed rows (table 3 has 25 data rows in the 2021 format, (6) split in three). "
        "A missing row leaves the identities unchecked. Rows missing one after another (a table cut short, a block "
        "left out) are one omission: one finding names them all.",
    ),
    basis=_BASIS,
)
def missing_row(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    for run in _missing_row_runs(report):
        first, table = run[0], template.TABLE_BY_ID[run[0].table or ""]
        labels = [gap.detail.get("label", gap.row) for gap in run]
        if len(run) == 1:
            message = Text(
                f"“{table.title_zh}”缺少“{labels[0]}”行。", f"the table “{table.title_en}” lacks the row “{labels[0]}”."
            )
            values: dict[str, Any] = {"label": labels[0]}
        else:  # a block of rows in a row is one omission (or the table was cut there): one finding names them all
            message = Text(
                f"“{table.title_zh}”缺少连续 {len(run)} 行：从“{labels[0]}”到“{labels[-1]}”（{'、'.join(labels)}）。",
                f"the table “{table.title_en}” lacks {len(run)} rows in a row, “{labels[0]}” to “{labels[-1]}” "
                f"({'; '.join(labels)}).",
            )
            values = {"label": labels[0], "labels": labels, "rows": [gap.row for gap in run]}
        yield ctx.finding(
            message,
            loc=first.loc,
            place=Place(section=first.section, table=first.table, row=first.row),
            values=values,
            key=first.row or "",
        )


def _missing_row_runs(report: Report) -> list[list[Any]]:
    """The missing_row gaps, each table's grouped into runs of rows that follow one another in the format."""
    runs: list[list[Any]] = []
    previous: tuple[str, int] | None = None
    due = _format_due(report)
    cut = report.cut_off()
    after_cut = {(cut.detail.get("table"), row) for row in cut.detail.get("rows", [])} if cut else set()
    for gap in report.gaps:
        if gap.kind != "missing_row" or not gap.table or not gap.row or (gap.table, gap.row) in after_cut:
            continue  # rows after the point where the text stops are SEC008's one finding
        table = report.tables.get(gap.table)
        if cut and table and not table.rows and table.loc and report.cut_at(table.loc.line):
            continue  # a table with no row, read from the word the text stops in (「其他」 of 其他对外…): SEC008's
        if due and table and table.variant != due and gap.row not in _row_ids(gap.table, due):
            continue  # a row of the superseded format only, in a table of it: CIT003/CIT004 say the table's format
        order = [row.id for row in template.TABLE_BY_ID[gap.table].rows_for(table.variant or "2021")] if table else []
        index = order.index(gap.row) if gap.row in order else -2
        if runs and previous == (gap.table, index - 1) and index >= 0:
            runs[-1].append(gap)
        else:
            runs.append([gap])
        previous = (gap.table, index)
    return runs


@rule(
    code="TAB003",
    name="label-alias",
    severity=WARNING,
    summary=Text("表格项目名称与统一格式的措辞不同", "A table label is worded differently from the format"),
    explanation=Text(
        "统计表的行名和列名应与统一格式完全一致。例如“2.其他法律行政法规禁止公开”不应写作“2.其他法律法规禁止公开”——"
        "两者法律含义不同。已按对应的标准行读取数据。有笔误、缺字或不完整的行名（与标准行名相差不超过四分之一的字符，"
        "序号相同，且只可能是尚未读到的那一行）按该行读取，这是推断，只作警告。几个项目名称以同样的方式与统一格式不同"
        "（如两行都把“不再处理”写作“不再受理”，或各表名都少了“第”）是同一处笔误或同一个模板，只报一条，逐一列出。",
        "Row and column labels should read exactly as in the format: 2.其他法律行政法规禁止公开, not "
        "2.其他法律法规禁止公开 — the two differ in law. The figures were read as the standard row's. A misspelt, "
        "damaged or cut-short row label (at most a quarter of its characters differ, same number, and only one row "
        "not yet read that it can be) is read as that row: an inference, hence only a warning. Labels that depart from "
        "the format in the same way (不再受理 for 不再处理 in two rows, every caption without its second 第) are one "
        "slip or one template: one finding names each.",
    ),
    basis=_BASIS,
    fix="unsafe",
)
def label_alias(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    annotated = [label for label in report.aliases if label.alias == "annotated"]
    if annotated:
        yield _annotated_labels(annotated, ctx)
    causes: dict[tuple[Any, ...], list[tuple[Any, str]]] = {}
    for label in report.aliases:
        if label.alias == "annotated" or _due_wording(report, label.terminal, label.as_written):
            continue
        if report.cut_at(label.loc.line):
            continue  # a label the text stops in is cut, not misnamed (SEC008)
        kind = _departure_kind(label)
        # one cause, one finding: labels departing from the format in the same way (「不再受理」 for 「不再处理」 in
        # two rows, 「第二十条(一)项」 … 「(九)项」 without 第) are one slip or one template, named together
        cause = (kind,) if kind in _HABITS else (kind, _departure(label.as_written, label.official))
        causes.setdefault(cause, []).append((label, kind))
    for group in causes.values():
        yield _label_finding([label for label, _kind in group], group[0][1], ctx)


# The ways a label departs from the format (TAB003), and those that are one habit however the words differ: labels
# written without their numbers, a word in its dictionary variant, a unit of money stated in a header.
_HABITS = ("unnumbered", "variant", "unit")


def _departure_kind(label: Any) -> str:
    """How a label departs from the format's wording: unnumbered, typo, truncated, variant (a word in its dictionary
    variant form), unit (only the unit of money differs) or worded (otherwise)."""
    if label.alias in ("unnumbered", "typo", "truncated"):
        return str(label.alias)
    if _variant_spelling(label.as_written, label.official):
        return "variant"
    if _unit_only(label.as_written, label.official):
        return "unit"
    return "worded"


def _departure(written: str, official: str) -> tuple[tuple[str, str, str, str], ...]:
    """The stretches where ``written`` differs from ``official`` (on their comparison keys), each with the format's
    character either side: the same for labels changed in the same way."""
    wanted, got = label_key(official), label_key(written)
    return tuple(
        (wanted[start - 1 : start], wanted[start:end], got[begin:stop], wanted[end : end + 1])
        for tag, start, end, begin, stop in SequenceMatcher(None, wanted, got, autojunk=False).get_opcodes()
        if tag != "equal"
    )


def _label_place(label: Any) -> Place:
    located = template.ROW_BY_TERMINAL.get(label.terminal)
    return Place(section=located[0].section, table=located[0].id, row=located[1].id) if located else Place()


def _label_finding(labels: list[Any], kind: str, ctx: RuleContext) -> Finding:
    """One TAB003 finding for labels that depart from the format in one way: each named, each with its fix."""
    first = labels[0]
    text = _label_text(first.as_written, first.official, kind) if len(labels) == 1 else _labels_text(labels, kind)
    values: dict[str, Any] = {"written": first.as_written, "official": first.official}
    if len(labels) > 1:  # every place, for the exports and the drawn tables (auditor.reporters.drawing)
        values["labels"] = [
            {
                "written": label.as_written,
                "official": label.official,
                "line": label.loc.line,
                "column": label.loc.column,
                **_label_place(label).to_json(),
            }
            for label in labels
        ]
    fix = Fix.replace_each(((label.loc, label.as_written.strip(), label.official) for label in labels), safe=False)
    return ctx.finding(
        text,
        loc=first.loc,
        place=_label_place(first),
        values=values,
        key=first.terminal,
        fix=fix,
        severity=INFO if kind in ("variant", "unit") else None,
    )


def _label_text(written: str, official: str, kind: str) -> Text:
    """What is wrong with one label, by how it departs from the format."""
    if kind == "unnumbered":
        return Text(
            f"“{written}”缺少序号，统一格式为“{official}”。",
            f"“{written}” lacks its number; the format has “{official}”.",
        )
    if kind == "typo":
        return Text(
            f"“{written}”疑为“{official}”的笔误（字符有缺漏或错误），已按该行读取。",
            f"“{written}” looks like a misspelling of the format's “{official}” (characters missing or wrong); it "
            "was read as that row.",
        )
    if kind == "truncated":
        return Text(
            f"“{written}”不完整，统一格式为“{official}”，已按该行读取。",
            f"“{written}” is cut short; the format has “{official}”; it was read as that row.",
        )
    if kind == "variant":
        return Text(
            f"“{written}”与统一格式“{official}”只是同一个词的异体写法（如“钩稽”与“勾稽”），已按该项读取。",
            f"“{written}” writes a word of the format's “{official}” in a variant form (钩稽 for 勾稽); it was read "
            "as that item.",
        )
    if kind == "unit":
        return Text(
            f"“{written}”与统一格式“{official}”只在金额单位的写法上不同（标明单位并无不妥），已按该列读取。",
            f"“{written}” differs from the format's “{official}” only in how the unit of the amount is written "
            "(stating the unit is no fault); it was read as that column.",
        )
    return Text(f"“{written}”与统一格式“{official}”不一致。", f"“{written}” differs from the format's “{official}”.")


# What labels departing in one way have in common, by kind (TAB003): said once before they are named.
_GROUP_TEXT = {
    "unnumbered": Text("都缺少序号", "all lack their numbers"),
    "typo": Text(
        "疑为同一处笔误（{0}），已按对应的行读取",
        "look like one misspelling repeated ({0}); they were read as those rows",
    ),
    "truncated": Text(
        "都以同样的方式不完整（{0}），已按对应的行读取", "are cut short the same way ({0}); read as those rows"
    ),
    "variant": Text(
        "只是同一个词的异体写法（如“钩稽”与“勾稽”），已按对应的项读取",
        "write a word of the format in a variant form (钩稽 for 勾稽); read as those items",
    ),
    "unit": Text(
        "只在金额单位的写法上不同（标明单位并无不妥），已按对应的列读取",
        "differ from the format only in how the unit of the amount is written (stating the unit is no fault); read "
        "as those columns",
    ),
    "worded": Text("与统一格式的措辞以同样的方式不同（{0}）", "differ from the format's wording in the same way ({0})"),
}


def _labels_text(labels: list[Any], kind: str) -> Text:
    """One message for several labels that depart from the format in one way: what they share, then each label."""
    first = labels[0]
    change_zh, change_en = _change_text(_departure(first.as_written, first.official))
    common = _GROUP_TEXT[kind]
    # the same wording in several tables is named once, with how many places (each place stays in the values)
    wordings = Counter((label.as_written.strip(), label.official) for label in labels)
    each_zh = "；".join(
        f"“{written}”{f'（{count} 处）' if count > 1 else ''}，统一格式为“{official}”"
        for (written, official), count in wordings.items()
    )
    each_en = "; ".join(
        f"“{written}”{f' ({count} places)' if count > 1 else ''} for the format's “{official}”"
        for (written, official), count in wordings.items()
    )
    return Text(
        f"{len(labels)} 个表格项目名称{common.zh.format(change_zh)}：{each_zh}。",
        f"{len(labels)} table labels {common.en.format(change_en)}: {each_en}.",
    )


def _change_text(departure: tuple[tuple[str, str, str, str], ...]) -> tuple[str, str]:
    """A departure in words: 「“处理”的“处”写作“受”」, 「少了“第”」, 「多了“和”」."""
    zh: list[str] = []
    en: list[str] = []
    for _before, wanted, got, _after in departure:
        if wanted and got:
            zh.append(f"“{wanted}”写作“{got}”")
            en.append(f"“{got}” for “{wanted}”")
        elif wanted:
            zh.append(f"少了“{wanted}”")
            en.append(f"“{wanted}” left out")
        else:
            zh.append(f"多了“{got}”")
            en.append(f"“{got}” added")
    return "、".join(zh), ", ".join(en)


# The first report year of the 2021 format (国办公开办函〔2021〕30号, SPEC §3.1); 2019 and 2020 use the 2019 format.
_FIRST_2021_YEAR = 2021


def _format_due(report: Report) -> str | None:
    """The format the report's year requires ("2019" / "2021"), or None when its year is unknown or earlier."""
    year = report.year
    if year is None or year < 2019:
        return None
    return "2021" if year >= _FIRST_2021_YEAR else "2019"


def _row_ids(table_id: str, variant: str) -> set[str]:
    return {row.id for row in template.TABLE_BY_ID[table_id].rows_for(variant)}


def _due_wording(report: Report, terminal: str, written: str) -> bool:
    """Whether ``written``, read as ``terminal`` of the other format (行政规范性文件 under the 2019 headers), is that
    row's wording in the format the report's year requires: no departure to report (the table's format is CIT003's
    or CIT004's finding)."""
    due = _format_due(report)
    located = template.ROW_BY_TERMINAL.get(terminal)
    if due is None or located is None:
        return False
    row = located[1]
    return due in row.variants and label_key(template.terminal_label(row.terminal_for(due))) == label_key(written)


# Words the dictionary writes two ways (《现代汉语词典》: 勾稽 also 钩稽): the variant is no departure from the format.
_VARIANT_WORDS = {"钩稽": "勾稽"}


def _variant_spelling(written: str, official: str) -> bool:
    """Whether ``written`` is the format's wording with a word in its dictionary variant form."""
    for variant, standard in _VARIANT_WORDS.items():
        written = written.replace(variant, standard)
    return label_key(written) == label_key(official)


_UNIT = compiled(r"[（(]\s*(?:单位\s*[:：]\s*)?(?:万元|元)\s*[）)]")


def _unit_only(written: str, official: str) -> bool:
    """Whether a header differs from the format's only in its bracketed unit of money: 「采购总金额（万元）」 for
    「采购总金额」 (the 2019 format states no unit; SPEC: many reports add it), 「本年收费金额（万元）」 for
    「本年收费金额（单位：万元）」. A header that drops the unit the format states is not such a header."""
    if not _UNIT.search(written):
        return False
    return label_key(_UNIT.sub("", written)) == label_key(_UNIT.sub("", official))


def _annotated_labels(labels: list[Any], ctx: RuleContext) -> Finding:
    """Labels and headers written with a bracketed note after the format's wording (a province's version of the
    format): one cause, one finding, naming them all; information only — the format's wording is there."""
    written = list(dict.fromkeys(label.as_written for label in labels))
    shown = "、".join(f"“{w}”" for w in written[:3]) + ("等" if len(written) > 3 else "")
    shown_en = ", ".join(f"“{w}”" for w in written[:3]) + (" …" if len(written) > 3 else "")
    return ctx.finding(
        Text(
            f"{len(written)} 个表格项目名称或表头在统一格式的措辞后加了括号说明（{shown}），与统一格式不一致；"
            "已按对应的行和列读取。",
            f"{len(written)} table labels or headers add a note in brackets to the format's wording ({shown_en}); "
            "they were read as the format's rows and columns.",
        ),
        loc=labels[0].loc,
        values={"written": written, "official": list(dict.fromkeys(label.official for label in labels))},
        key="annotated",
        severity=INFO,
    )


# The unread rows of one table: (row id — None for the whole table —, reason, what was read, where).
_Unread = list[tuple[str | None, str | None, str | None, Location | None]]


@rule(
    code="TAB004",
    name="unreadable-table",
    severity=WARNING,
    summary=Text("统计表有未能读取的行", "Rows of a table could not be read"),
    explanation=Text(
        "有些行无法确定地读出：网页抓取或转换时单元格界限丢失、数字连在一起（如“8855698”）且按表格自身的勾稽关系仍有多种"
        "拆分（或没有一种能使勾稽关系成立）；单元格多于或少于列数，无法确定数字所属的列；项目名称之后没有数字；版式无法识别等。"
        "这些行不作推断，也不参与任何勾稽关系、单元格数量或数值检查。每张表只报告一条，列出这些行、原因和读到的内容；几张表"
        "因同一原因（同样的未能读取原因，如网页压平后各表的数字都连在一起）未能读取时只报一条，逐表列出；原因不同的表各报一条。"
        "报告因此判为“无法审查”；请提供原始格式（DOCX、PDF 或带表格的网页）。只因空白单元格不留痕迹而无法确定的行（如“417”："
        "逐位一格是唯一不含空白的读法，但没有勾稽关系可以核对）只作提示。统计表全部没有填写数字（读到的各表每一行项目名称之后"
        "都没有数字，即空白表样）是一个原因，只报一条，不逐表报告。",
        "Some rows could not be read with certainty: scraping or conversion lost the cell boundaries and the figures "
        "ran together (8855698) with the table's own identities leaving several splits (or none); more or fewer "
        "cells than columns, so that which figure is in which column is unknown; no figures after the label; a "
        "layout that was not recognised. These rows are not guessed and take no part in any identity, cell-count or "
        "value check. One finding per table names them, why, and what was read; tables unread for the same cause "
        "(the same kinds of reason, as a page flattened with the figures of table after table run together) share "
        "one finding that lists each table, and a table unread for another cause keeps its own. The report is rated "
        "not assessed; audit the original (DOCX, PDF or the page with its table). Rows uncertain only because a blank "
        "cell leaves no trace (417: one digit a cell is the only reading without blanks, but no identity checks it) "
        "are information only. Tables published without a single figure (every row of every table read has nothing "
        "after its label: a blank template) are one cause and one finding, not one per table.",
    ),
    basis=_BASIS,
)
def unreadable_table(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    cut = report.cut_off()
    cut_row = (cut.detail.get("table"), cut.detail.get("unread")) if cut else None  # where the text stops
    by_table: list[tuple[TableData, _Unread]] = []
    for table in report.tables.values():
        if cut_row == (table.id, "*"):
            continue  # the text stops before this table's figures: SEC008 is that one cause
        unread: _Unread = [
            (row.id, row.reason, row.detail, _row_loc(row))
            for row in table.unread_rows()
            if (table.id, row.id) != cut_row
        ]
        if table.reason is not None and not unread:
            unread = [(None, table.reason, table.detail, table.loc)]  # the table as a whole
        if unread:
            by_table.append((table, unread))
    blank = _blank_rows(report, by_table, cut_row)
    if blank is not None:  # tables published without a figure: one cause
        specs = [template.TABLE_BY_ID[table.id] for table, _unread in by_table]
        yield ctx.finding(
            Text(
                f"统计表没有填写数字：{'、'.join(f'“{spec.title_zh}”' for spec in specs)}共 {blank} 行，项目名称之后都没有"
                "读到任何数字，不参与任何核对。",
                f"the tables carry no figures: {', '.join(f'“{spec.title_en}”' for spec in specs)}, {blank} row(s) in "
                "all, have nothing after their labels and take no part in any check.",
            ),
            loc=next((found for *_rest, found in by_table[0][1] if found is not None), by_table[0][0].loc),
            place=Place(section=specs[0].section, table=by_table[0][0].id),
            values={
                "tables": [spec.id for spec in specs],
                "rows": {table.id: [row or "*" for row, *_rest in unread] for table, unread in by_table},
                "reasons": "no_figures",
            },
        )
        return
    # Tables unread for the same cause (the same kinds of reason: a page flattened, its digits glued in table after
    # table) are one finding naming them all; a table unread for another cause keeps its own.
    by_cause: dict[frozenset[str | None], list[tuple[TableData, _Unread]]] = {}
    for table, unread in by_table:
        by_cause.setdefault(frozenset(reason for _row, reason, *_rest in unread), []).append((table, unread))
    for tables in by_cause.values():
        yield _one_table(*tables[0], ctx) if len(tables) == 1 else _same_cause(tables, ctx)


def _shown_rows(table_id: str, unread: _Unread, lang: str, limit: int, with_reason: bool = True) -> str:
    """The unread rows as a finding names them: the row, why (unless the finding says it once) and what was read."""
    parts = []
    for row, reason, detail, _loc in unread[:limit]:
        said = [reason_text(reason, lang)] if with_reason else []
        if detail:
            said.append(f"“{detail[:24]}”")
        name = _row_name(table_id, row, lang)
        if lang == "zh":
            parts.append(name + (f"（{'：'.join(said)}）" if said else ""))
        else:
            parts.append(name + (f" ({': '.join(said)})" if said else ""))
    more = len(unread) > limit
    if lang == "zh":
        return ("；" if with_reason else "、").join(parts) + ("等" if more else "")
    return ("; " if with_reason else ", ").join(parts) + (" …" if more else "")


def _plain_only(unread: _Unread) -> bool:
    """Rows whose one plain reading competes only with readings that leave cells blank: the tool could not be sure,
    and nothing suggests the report is at fault — information (the verdict stays 无法审查)."""
    return all(reason == "blank_cells" for _row, reason, *_rest in unread)


def _row_values(unread: _Unread) -> dict[str, Any]:
    """A table's unread rows as a finding's values: the rows, each one's reason and what was read of it."""
    return {
        "rows": [row or "*" for row, *_rest in unread],
        "reasons": {row or "*": reason for row, reason, *_rest in unread},
        "seen": {row or "*": detail for row, _reason, detail, _loc in unread if detail},
    }


def _one_table(table: TableData, unread: _Unread, ctx: RuleContext) -> Finding:
    """The one table unread for its cause: its rows, why, and what was read of each."""
    spec = template.TABLE_BY_ID[table.id]
    return ctx.finding(
        Text(
            f"“{spec.title_zh}”有 {len(unread)} 行未能读取，不参与任何核对：{_shown_rows(table.id, unread, 'zh', 6)}。",
            f"“{spec.title_en}”: {len(unread)} row(s) could not be read and take no part in any check: "
            f"{_shown_rows(table.id, unread, 'en', 6)}.",
        ),
        loc=next((found for *_rest, found in unread if found is not None), table.loc),
        place=Place(section=spec.section, table=table.id, row=unread[0][0] if len(unread) == 1 else None),
        values=_row_values(unread),
        severity=INFO if _plain_only(unread) else None,
    )


def _same_cause(tables: list[tuple[TableData, _Unread]], ctx: RuleContext) -> Finding:
    """Several tables unread for the same cause: one finding naming every table, its rows and what was read."""
    reasons = {reason for _table, unread in tables for _row, reason, *_rest in unread}
    once = len(reasons) == 1  # one reason: said once, not row by row
    specs = [template.TABLE_BY_ID[table.id] for table, _unread in tables]
    rows = sum(len(unread) for _table, unread in tables)
    listed = {
        lang: [
            f"“{spec.title_zh if lang == 'zh' else spec.title_en}”"
            + ("：" if lang == "zh" else ": ")
            + _shown_rows(table.id, unread, lang, 3, with_reason=not once)
            for spec, (table, unread) in zip(specs, tables, strict=True)
        ]
        for lang in ("zh", "en")
    }
    why_zh = f"，原因都是{reason_text(next(iter(reasons)), 'zh')}" if once else ""
    why_en = f", each for the same reason ({reason_text(next(iter(reasons)), 'en')});" if once else ";"
    first, first_unread = tables[0]
    per = {table.id: _row_values(unread) for table, unread in tables}
    return ctx.finding(
        Text(
            f"{len(tables)} 张统计表共 {rows} 行未能读取{why_zh}，不参与任何核对：{'；'.join(listed['zh'])}。",
            f"{rows} row(s) of {len(tables)} tables could not be read{why_en} they take no part in any check: "
            f"{'; '.join(listed['en'])}.",
        ),
        loc=next((found for *_rest, found in first_unread if found is not None), first.loc),
        place=Place(section=specs[0].section, table=first.id),
        values={
            "tables": [spec.id for spec in specs],
            **{key: {table.id: per[table.id][key] for table, _unread in tables} for key in ("rows", "reasons", "seen")},
        },
        key="tables",
        severity=INFO if all(_plain_only(unread) for _table, unread in tables) else None,
    )


def _blank_rows(
    report: Report,
    by_table: list[tuple[TableData, _Unread]],
    cut_row: tuple[Any, Any] | None,
) -> int | None:
    """The rows of tables published without a single figure — every row of every table read has nothing after its
    label (a blank template): one cause, one finding. None when any table holds a figure or is unread otherwise."""
    if len(by_table) < 2 or len(by_table) != len(report.tables):
        return None
    rows = 0
    for table, unread in by_table:
        if any(reason != "no_figures" for _row, reason, *_rest in unread):
            return None
        if len(unread) != sum(1 for row in table.rows if (table.id, row) != cut_row):
            return None  # some row of it has figures
        rows += len(unread)
    return rows


def _row_loc(row: TableRow) -> Location | None:
    if row.label is not None:
        return row.label.loc
    return next((cell.loc for cell in row.cells.values()), None)


def _row_name(table_id: str, row_id: str | None, lang: str) -> str:
    if row_id is None:
        return "全表" if lang == "zh" else "the whole table"
    return template.row_label(table_id, row_id) if lang == "zh" else row_id


@rule(
    code="TAB009",
    name="recovered-figures",
    severity=INFO,
    summary=Text(
        "单元格界限丢失的数字已按勾稽关系唯一拆分（推断值）",
        "Figures that ran together were split by the table's identities (inferred)",
    ),
    explanation=Text(
        "网页抓取或转换时表格的单元格界限丢失，数字连在一起（如“713000074”）。按每个数字的规范写法（除 0 外不以 0 开头）"
        "和表格自身的勾稽关系（各行总计等于各项之和、表三的 I-1 和 I-2、表四各组总计），这些行只有一种拆分，已按此读取"
        "（如 71、3、0、0、0、0、74），单元格标记为推断值。这种拆分假定勾稽关系成立：报告的数字若有错，真正的拆分会是另一种"
        "（或没有一种成立），所以这些行的勾稽关系并没有得到核对，报告判为“无法审查”。没有迹象表明报告有错（唯一成立的"
        "读法就是这一种），因此只作提示。请以原始表格核对。"
        "只有一种规范写法的数字（如七个数字对七列“1000001”）按原样读取，不是推断，不在此列。",
        "Scraping or conversion lost the table's cell boundaries and the figures ran together (713000074). Written "
        "plainly (no leading zeros but 0) and held to the table's own identities (each row's total, I-1 and I-2 in "
        "table 3, the group totals of table 4), these rows split one way only and were read that way (71, 3, 0, 0, "
        "0, 0, 74); their cells are marked inferred. That split assumes the identities hold: had the report's figures "
        "been wrong, another split (or none) would have been the true one, so the identities through these rows were "
        "not checked and the report is rated not assessed. Nothing suggests the report is at fault (the one reading "
        "that holds is this one), so it is information. Check them against the original table. Digits that can be "
        "written as the row's numbers one way only (seven digits for seven cells, 1000001) are read as written, not "
        "inferred, and are not counted here.",
    ),
    basis=_BASIS,
)
def recovered_figures(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    by_table: dict[str, list] = {}
    for gap in report.gaps:
        if gap.kind == "recovered_row" and gap.table and not gap.detail.get("forced"):
            by_table.setdefault(gap.table, []).append(gap)
    for table_id, gaps in by_table.items():
        spec = template.TABLE_BY_ID[table_id]
        example = gaps[0].detail
        shown = "、".join(map(str, example.get("values", [])))
        yield ctx.finding(
            Text(
                f"“{spec.title_zh}”有 {len(gaps)} 行数字连在一起，已按勾稽关系唯一拆分（推断值），如“{example.get('digits')}”"
                f"→ {shown}。这种拆分假定勾稽关系成立，这些行的数字因此未能核对（报告判为“无法审查”），请以原始表格核对。",
                f"“{spec.title_en}”: {len(gaps)} row(s) of figures that ran together were split the only way the "
                f"table's identities allow (inferred), e.g. “{example.get('digits')}” → "
                f"{', '.join(map(str, example.get('values', [])))}. That split assumes the identities hold, so these "
                "rows' figures could not be checked (the report is rated not assessed): check them against the "
                "original table.",
            ),
            loc=gaps[0].loc,
            place=Place(section=spec.section, table=table_id),
            values={
                "rows": [g.row or table_id for g in gaps],
                "recovered": {
                    g.row or table_id: {"digits": g.detail.get("digits"), "values": g.detail.get("values")}
                    for g in gaps
                },
                "identities": example.get("identities", []),
            },
        )


# One class of characters (not two in alternation): the regex engine skips to it instead of trying a branch per
# character.
_SPACE_OR_HALF = compiled(r"[ \u3000\u00a0(),]")
_SPACES_AND_HALF = (" ", "\u3000", "\u00a0", "(", ")", ",")  # its characters, each looked for by str's own search


def _has_space_or_half(text: str) -> bool:
    """``_SPACE_OR_HALF.search(text)`` for a long text: six scans by str's search beat one by the regex engine."""
    return any(char in text for char in _SPACES_AND_HALF)


_WRAP_SPACE = lazy_pattern(r"(?<=\S)[ \u00a0](?=\S)")  # one space between two characters


def _layout_extracted(report: Report) -> bool:
    """The text's layout was rebuilt by a reader — a PDF, a web page, text flattened from one, a markdown export —
    so a single space inside a label is where a table cell wrapped, not what the author typed."""
    source = report.source
    return source.format in ("pdf", "html") or source.layout == "flattened" or source.path.lower().endswith(".md")


def _as_typed(label: str, extracted: bool) -> str:
    """A label without the single spaces a reader inserts at cell wraps (「商业 企业」), in extracted layouts only."""
    return _WRAP_SPACE.sub("", label) if extracted else label


@rule(
    code="TAB005",
    name="label-typography",
    severity=INFO,
    summary=Text("表格项目名称中夹有空格或半角标点", "Stray spaces or half-width punctuation in table labels"),
    explanation=Text(
        "表格项目名称中夹有空格（如“结果维 持”），或使用半角括号、逗号（如“(一) 予以公开”），多为排版或转换残留；统一格式使用"
        "全角标点、不含空格。PDF、网页、由其展平的文本和 markdown 导出稿的版面由读取程序重建，项目名称中的单个空格是"
        "单元格折行所致（如“商业 企业”），不是作者所写，不报告；半角标点照常报告。",
        "Spaces inside table labels (结果维 持) or half-width brackets and commas ((一) 予以公开) are usually "
        "typesetting or conversion residue; the format uses full-width punctuation and no spaces. In PDFs, web "
        "pages, text flattened from them and markdown exports the layout is rebuilt by the reader: a single space in "
        "a label is where a cell wrapped (商业 企业), not the author's, and is not reported; half-width punctuation "
        "still is.",
    ),
    basis=(legal.FORMAT_2021_BASIS,),
    fix="safe",
)
def label_typography(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    tables = [
        (table, [table.caption, *table.headers, *table.groups.values(), *[row.label for row in table.rows.values()]])
        for table in report.tables.values()
    ]
    written = [label.as_written for _table, labels in tables for label in labels if label is not None]
    if not _has_space_or_half("\n".join(written)):
        return  # the common case, in one search: no label of any table holds a space or half-width punctuation
    extracted = _layout_extracted(report)
    for table, labels in tables:
        present = [label for label in labels if label is not None]
        if not _has_space_or_half("\n".join([label.as_written for label in present])):
            continue  # no label of this table does
        odd = [label for label in present if _SPACE_OR_HALF.search(_as_typed(label.as_written.strip(), extracted))]
        if odd:
            yield ctx.finding(
                Text(
                    f"“{template.TABLE_BY_ID[table.id].title_zh}”中有{len(odd)}个项目名称夹有空格或半角标点："
                    + "、".join(f"“{lab.as_written}”" for lab in odd[:6])
                    + ("等" if len(odd) > 6 else "")
                    + "。",
                    f"“{template.TABLE_BY_ID[table.id].title_en}”: {len(odd)} label(s) with stray spaces or "
                    f"half-width punctuation: "
                    + ", ".join(f"“{lab.as_written}”" for lab in odd[:6])
                    + (" …" if len(odd) > 6 else "")
                    + ".",
                ),
                loc=odd[0].loc,
                place=Place(section=table.section, table=table.id),
                values={"labels": [{"written": lab.as_written, "line": lab.loc.line} for lab in odd]},
                fix=Fix(
                    tuple(Edit(lab.loc, lab.as_written.strip(), _tidy(lab.as_written)) for lab in odd),
                    Text(f"去掉{len(odd)}个项目名称中的空格、改用全角标点", f"tidy {len(odd)} label(s)"),
                ),
            )


_FULL_WIDTH = str.maketrans({"(": "（", ")": "）", ",": "，", ":": "：", ";": "；"})


def _tidy(label: str) -> str:
    """A label without stray spaces and with full-width punctuation (结果维 持 → 结果维持, (一) → （一）)."""
    return re.sub(r"\s+", "", label).translate(_FULL_WIDTH)


@rule(
    code="TAB006",
    name="template-order",
    severity=WARNING,
    summary=Text("表格或部分的顺序与统一格式不符", "Tables, rows or sections out of the format's order"),
    explanation=Text(
        "报告未能按统一格式的顺序逐项读出：某个标题、表格或行出现在不应出现的位置（重复、错位或缺失上下文）。数据已按项目名称"
        "归入对应的表格和行。顺序在缺少的行（TAB002）、未能读取的行（TAB004）或缺少的部分标题（SEC001）处中断时，由这些"
        "结论说明，不再另报本条。",
        "The report does not read in the format's order: a heading, table or row stands where the format does not "
        "have it (repeated, displaced, or out of context). The figures were still assigned by their labels. Where "
        "the order breaks at a missing row (TAB002), an unread row (TAB004) or a missing section heading (SEC001), "
        "that finding says so and this one is not given besides.",
    ),
    basis=_BASIS,
)
def template_order(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    explained = _explained_terminals(report)
    headless = _headless_sections(report)
    sections_out_of_order = out_of_order(report)
    for gap in report.gaps:
        if gap.kind == "template_order":
            if explained & {gap.detail.get("found"), *gap.detail.get("expected", [])}:
                continue  # the order broke at a missing or unread row: that row's own finding says so
            section = _table_section(gap.detail.get("found"))
            if section in headless and template.SECTION_BY_ID[section].terminal in gap.detail.get("expected", []):
                continue  # its section's heading was due there and is missing: SEC001 says so
            if sections_out_of_order and str(gap.detail.get("found", "")).endswith("_HEADING"):
                continue  # a section heading out of the format's order: SEC002's one finding says so
            if "found" not in gap.detail:
                continue  # the text ends inside the template: the missing parts are TAB001/TAB002/SEC001's
            found = gap.detail.get("text", "")
            # A cell of text or figures (ROW, TEXT) may stand anywhere; the labels due there say what is missing.
            expected = [t for t in gap.detail.get("expected", []) if t not in ("$END", "ROW", "TEXT")]
            due = _headers_due_before(gap.detail.get("found"), expected)
            if due:  # 「本年新 | 本年新 | 对外公开总数量」: the headers cut before it are what is wrong, not it
                expected = due
            if expected and all(t in _HEADER_TERMINALS for t in expected):
                # The order broke where a column header was due: the header lacks it (left out, misspelt, split),
                # e.g. 「现行有效件」 for 现行有效件数; what comes next is in its place.
                wanted = "、".join(f"“{template.terminal_label(t)}”" for t in expected)
                message = Text(
                    f"表头在“{found}”之前没有读到{wanted}（漏写、写错或被拆开）；各行数字已按统一格式的列序读取，请核对。",
                    f"the table header has no {wanted} before “{found}” (left out, misspelt or split); the rows' "
                    "figures were read in the format's column order — please check.",
                )
            elif gap.detail.get("found") in _HEADER_TERMINALS:
                message = Text(
                    f"表头“{found}”与统一格式的表头不一致（表头单元格可能被拆开、折行或排列不同）；各行数字已按统一格式的列序"
                    "读取，请核对。",
                    f"the table header “{found}” does not follow the format's header (its cells may be split, wrapped "
                    "or arranged differently); the rows' figures were read in the format's column order — please check.",
                )
            else:
                message = Text(
                    f"“{found}”出现的位置与统一格式的顺序不符。",
                    f"“{found}” stands where the format's order does not have it.",
                )
            yield ctx.finding(message, loc=gap.loc, values=dict(gap.detail), key=found)


_HEADER_TERMINALS = template.COLUMN_TERMINALS | template.REVIEW_HEADER_TERMINALS | template.APPLICANT_HEADER_TERMINALS


def _headers_due_before(found: str | None, expected: list[str]) -> list[str]:
    """Where the order broke at a column header, the expected headers that stand before it in its own header row
    (「本年新 | 本年新 | 对外公开总数量」: 本年新制作数量 was due, not read): those are what the header lacks."""
    if found not in template.COLUMN_TERMINALS:
        return []
    for table in template.TABLES:
        for columns in table.columns.values():
            row = [column.terminal for column in columns]
            if found in row:
                return [t for t in row[: row.index(found)] if t in expected]
    return []


def _explained_terminals(report: Report) -> set[str]:
    """The label terminals of rows that are missing (TAB002) or could not be read (TAB004): where the template's
    order breaks at one of them, the order finding would repeat theirs."""
    out: set[str] = set()
    for gap in report.gaps:
        if gap.kind == "missing_row" and gap.table and gap.row:
            out.update(_terminals(gap.table, gap.row))
    for table in report.tables.values():
        for row in table.unread_rows():
            out.update(_terminals(table.id, row.id))
            if row.label is not None:
                out.add(row.label.terminal)
    return out


def _terminals(table_id: str, row_id: str) -> tuple[str, ...]:
    spec = template.TABLE_BY_ID.get(table_id)
    row = next((r for r in spec.rows if r.id == row_id), None) if spec else None
    return row.terminals if row else ()


@rule(
    code="TAB007",
    name="numbers-on-group-label",
    severity=WARNING,
    summary=Text("数字填在了分组项目所在行上", "Figures written on a group label"),
    explanation=Text(
        "表三的“（三）不予公开”“（四）无法提供”“（五）不予处理”“（六）其他处理”（2021 年格式）是分组项目，本身不填数字，"
        "数字应填在其下的各行。填在分组行上的数字已按第一个子行读取（若该行缺失）。",
        "In table 3, (3) withheld, (4) unable to provide, (5) not processed and (6) other handling (2021 format) "
        "are group labels without figures of their own; figures go on the rows below. Figures found on a group "
        "line were read as its first row's where that row was missing.",
    ),
    basis=(legal.FORMAT_2021_TABLE_3,),
)
def numbers_on_group_label(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    for gap in report.gaps:
        if gap.kind == "numbers_on_group_label" and not report.cut_at(gap.loc.line if gap.loc else None):
            group = gap.detail.get("group", "")
            label = template.group_label(gap.table, group) if gap.table else group  # 「（四）无法提供」, not its id
            yield ctx.finding(
                Text(f"分组项目“{label}”所在行填有数字。", f"the group label “{label}” ({group}) carries figures."),
                loc=gap.loc,
                place=Place(section=gap.section, table=gap.table, row=gap.row),
                values=dict(gap.detail),
                key=str(group),
            )


@rule(
    code="TAB008",
    name="stray-figures",
    severity=INFO,
    summary=Text("有不属于任何表格行的数字", "Figures outside any table row"),
    explanation=Text(
        "这些数字既不在项目名称之后，也不属于表四的数据行，无法归入任何单元格。",
        "These figures follow no label and are not table 4's data row: they belong to no cell.",
    ),
    basis=(legal.FORMAT_2021_BASIS,),
)
def stray_figures(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    for gap in report.gaps:
        if gap.kind == "stray_row" and not report.cut_at(gap.loc.line if gap.loc else None):  # a cut stub: SEC008
            cells = " ".join(map(str, gap.detail.get("cells", [])))
            if not cells.strip():  # only the empty cells of a page's layout table (「标题 | ||||」): nothing to report
                continue
            yield ctx.finding(
                Text(f"无法归入表格的内容：“{cells[:40]}”。", f"content outside any table row: “{cells[:40]}”."),
                loc=gap.loc,
                place=Place(section=gap.section),
                values=dict(gap.detail),
                key=cells[:40],
            )


@hookimpl
def auditor_rules() -> list[Rule]:
    return [
        missing_section,
        text_cut_off,
        section_order,
        unnumbered_heading,
        heading_numbering,
        heading_wording,
        empty_section,
        duplicate_section,
        missing_table,
        missing_row,
        label_alias,
        unreadable_table,
        recovered_figures,
        label_typography,
        template_order,
        numbers_on_group_label,
        stray_figures,
    ]
