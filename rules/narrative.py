"""The narrative against the tables (SPEC §4.4 C-1…C-7) and what the prose must say (§6 D9, D11, D12, D14).

Every check has three outcomes: the narrative *contradicts* the tables, is *consistent* with them, or it is
*uncertain* which it is. Graded by certainty, never an error: a claim about the body itself, with an unambiguous
category, about this year, against a table that was read as written, that contradicts it, is a ``warning``; a claim
whose scope (全区 vs 本机关), category (答复 may or may not count the carried-over) or table (recovered from flattened
text) leaves room is ``info`` "to verify", quoting both numbers. Consistent and uncertain claims say nothing.

The claims and statements come from ``report.narrative`` (auditor/narrative.py, patterns in ``narrative.toml``).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from auditor.hookspecs import (
    INFO,
    PRE2019,
    WARNING,
    BatchCheck,
    BatchOutcome,
    Cell,
    Finding,
    Location,
    Place,
    Report,
    Rule,
    RuleContext,
    Text,
    hookimpl,
    legal,
    narrative,
    no_findings,
    regions,
    rule,
    template,
)
from auditor.model import INFERRED, UNREAD, Claim, Narrative, Sentence, Statement
from auditor.patterns import compiled, contains, holding, literal_words, required_chars, required_words
from auditor.script import CJK

_VARIANTS = ("2019", "2021", "mixed")
_TABLE_SECTION = {
    "applications": "三",
    "review_litigation": "四",
    "regulations": "二",
    "licensing": "二",
    "enforcement": "二",
}
_SAME_SCOPE = ("own", "unspecified")
_TIMES = "×"


@dataclass(frozen=True)
class _Tables:
    """The rules' own tables of narrative.toml, compiled once (aspects, promises, terms …)."""

    aspects: tuple[tuple[dict[str, Any], re.Pattern[str]], ...]
    promises: tuple[tuple[dict[str, Any], re.Pattern[str], re.Pattern[str]], ...]
    terms: tuple[tuple[dict[str, Any], re.Pattern[str], re.Pattern[str] | None], ...]  # (term, pattern, requires)
    accountability: re.Pattern[str]
    results: re.Pattern[str]
    concrete: re.Pattern[str]
    followup: dict[str, Any]  # [followup]: measures_start and problem compiled, marker (per year) and repeated as given
    foreign_body: re.Pattern[str] | None
    foreign_words: dict[str, re.Pattern[str]]  # the body's level (县/区) → the other level's words
    misspelt: tuple[re.Pattern[str] | None, dict[str, tuple[str, int]]]  # the misspellings; each → (word, place)


_CACHE: dict[int, _Tables] = {}


def _compiled() -> _Tables:
    pats = narrative.patterns()
    if id(pats) not in _CACHE:  # patterns() is rebuilt when a plugin adds a file
        raw = pats.raw
        account = raw.get("accountability", {})
        foreign = raw.get("foreign_level", {})
        _CACHE.clear()
        _CACHE[id(pats)] = _Tables(
            tuple((a, compiled(a["terms"])) for a in raw.get("aspect", [])),
            tuple((p, compiled(p["object"]), compiled(p["evidence"])) for p in raw.get("promise", [])),
            tuple((t, compiled(t["pattern"]), _any_word(t.get("requires"))) for t in raw.get("term", [])),
            compiled(account.get("terms", "(?!)")),
            compiled(account.get("results", "(?!)")),
            compiled(raw.get("measures", {}).get("concrete", "(?!)")),
            _followup_tables(raw.get("followup", {})),
            compiled(foreign["body"]) if "body" in foreign else None,
            {
                level: compiled(foreign[key])
                for level, key in (("县", "in_county"), ("区", "in_district"))
                if key in foreign
            },
            _misspellings(raw.get("misspelling", {})),
        )
    return _CACHE[id(pats)]


def _misspellings(table: dict[str, Any]) -> tuple[re.Pattern[str] | None, dict[str, tuple[str, int]]]:
    """Every fixed word of [misspelling] with one character replaced by one its group says is typed for it (形近、
    音近: 「不予公开」 → 「不子公开」), each mapped to the word and the place of the wrong character; one search for
    them all (None when there is none). A misspelling that is itself one of the words is left out."""
    words = list(dict.fromkeys(table.get("words", [])))
    groups = [group for group in table.get("similar", []) if len(group) > 1]
    variants: dict[str, tuple[str, int]] = {}
    for word in words:
        for place, char in enumerate(word):
            for group in groups:
                if char in group:
                    for other in group.replace(char, ""):
                        variants.setdefault(word[:place] + other + word[place + 1 :], (word, place))
    for word in words:
        variants.pop(word, None)
    if not variants:
        return None, {}
    # longest first: where two share a wrong character (全融局 in 财政全融局), the longer one is the misspelling
    longest_first = dict(sorted(variants.items(), key=lambda item: -len(item[0])))
    return compiled(_wrong_first_pattern(longest_first)), longest_first


def _wrong_first_pattern(variants: dict[str, tuple[str, int]]) -> str:
    """One pattern for the misspellings that starts each of them at its wrong character (子, 全 …), what is before it
    checked by a lookbehind (子(?:(?<=不子)公开|以公开)): the regex engine skips to those characters, which ordinary
    prose has far fewer of than the words' first characters (不, 行, 政 …). A match starts at the wrong character."""
    by_char: dict[str, list[str]] = {}
    for variant, (_, place) in variants.items():
        char, before, after = variant[place], variant[:place], variant[place + 1 :]
        look = f"(?<={re.escape(before + char)})" if before else ""
        by_char.setdefault(char, []).append(look + re.escape(after))
    return "|".join(re.escape(char) + "(?:" + "|".join(rest) + ")" for char, rest in by_char.items())


def _any_word(words: list[str] | None) -> re.Pattern[str] | None:
    """One search for any of these words (those with a first character in common are found by skipping to that
    character, not by testing every character against a class); None for no words."""
    return compiled("|".join(re.escape(word) for word in words)) if words else None


def _followup_tables(followup: dict[str, Any]) -> dict[str, Any]:
    return {
        **followup,
        "measures_start": compiled(followup.get("measures_start", "(?!)")),
        "problem": compiled(followup.get("problem", "(?!)")),
    }


def _excerpt(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(slots=True)
class _Read:
    """One report's sentences as several rules search them, made once per report: their texts joined by NULs, so
    that the sentences holding a word are found by ``str.find`` over all of them at once, and where each starts."""

    narrative: Narrative
    sentences: list[Sentence]
    texts: list[str]
    joined: str
    starts: list[int] | None  # where each text starts in ``joined``; None when a text holds a NUL (read from the file)
    # what two rules work out alike (NAR010 and NAR011: the aspects missing, the sentences on 考核), by what it rests on
    memo: dict[tuple[Any, ...], Any] = field(default_factory=dict)

    def holding(self, words: Iterable[str] | None) -> list[int]:
        """The indexes, ascending, of the sentences that hold one of the words (all of them for None)."""
        if words is None:
            return list(range(len(self.texts)))
        starts, joined, words = self.starts, self.joined, tuple(words)
        if starts is None or "\x00" in "".join(words):  # a NUL read from the file or in a word: text by text
            return holding(self.texts, words, joined)
        found: set[int] = set()
        last = len(starts) - 1
        for word in words:
            at = joined.find(word)
            while at >= 0:  # a hit's sentence, then on from the next one (a word holds no NUL: no hit spans two)
                index = bisect.bisect_right(starts, at) - 1
                found.add(index)
                if index == last:
                    break
                at = joined.find(word, starts[index + 1])
        return sorted(found)

    def searched(self, pattern: re.Pattern[str], sections: frozenset[str | None]) -> list[int]:
        """The sentences of these sections that may hold a match: those with a character every match contains (a
        fast scan for one character), else those with one of the words every match contains, else all of them."""
        chars = required_chars(pattern)
        words = (min(chars),) if chars else required_words(pattern)
        sentences = self.sentences
        return [index for index in self.holding(words) if sentences[index].section in sections]


_last_read: _Read | None = None  # the report the rules are at: every rule of it asks for the same


def _read(report: Report) -> _Read:
    global _last_read
    narr, last = report.narrative, _last_read
    if last is not None and last.narrative is narr and last.sentences is narr.sentences:
        return last
    texts = [sentence.text for sentence in narr.sentences]
    joined = "\x00".join(texts)
    starts: list[int] | None = None
    if joined.count("\x00") == len(texts) - 1:
        starts, at = [0], 0
        for text in texts[:-1]:  # (a plain loop: a third of what accumulate over two maps costs)
            at += len(text) + 1
            starts.append(at)
    last = _last_read = _Read(narr, narr.sentences, texts, joined, starts)
    return last


# ── reading the tables ─────────────────────────────────────────────────────────────────────────────────────
@functools.cache
def _address(name: str) -> tuple[str, str, str]:
    """A cell's name (``applications.new_received.total``) as its table, row and column."""
    table_id, row, column = name.split(".")
    return table_id, row, column


def _cell(report: Report, name: str) -> Cell | None:
    table_id, row, column = _address(name)
    table = report.tables.get(table_id)
    return table.cell(row, column) if table else None


def _total(report: Report, names: tuple[str, ...]) -> tuple[int | Decimal | None, bool]:
    """The sum of the cells (None when one is not a number) and whether every cell was read as written (not
    inferred: a run of digits with one plain split is read as written, one the identities split is not)."""
    total: int | Decimal = 0
    firm = True
    tables = report.tables
    for name in names:
        table_id, row, column = _address(name)
        table = tables.get(table_id)
        # Table.cell and Cell.inferred spelt out: two calls of Python a cell are most of what a sum costs
        found = table.rows.get(row) if table else None
        cell = found.cells.get(column) if found else None
        if cell is None or cell.confidence == UNREAD or cell.kind != "number" or cell.value is None:
            return None, False
        firm = firm and cell.confidence != INFERRED and table.status in ("read", "recovered")  # type: ignore[union-attr]
        total += cell.value
    return total, firm


def _sum(report: Report, names: tuple[str, ...]) -> tuple[int | Decimal | None, bool, list[dict[str, Any]]]:
    """:func:`_total`, and the cells for the finding (those read up to the first that is not a number)."""
    total, firm = _total(report, names)
    cells: list[dict[str, Any]] = []
    for name in names:
        cell = _cell(report, name)
        if cell is None or cell.kind != "number" or cell.value is None:
            break
        cells.append({"cell": name, "value": cell.value, "line": cell.loc.line, "column": cell.loc.column})
    return total, firm, cells


def _parts_sum(report: Report, names: tuple[str, ...]) -> int | Decimal | None:
    """The sum over ``names`` with each 总计 cell replaced by the sum of its row's other columns (None when a cell
    is not a number): what the table says when its 总计 column, and not the text, is at fault."""
    total: int | Decimal = 0
    replaced = False
    for name in names:
        table_id, row_id, column = name.split(".")
        table = report.tables.get(table_id)
        row = table.rows.get(row_id) if table else None
        if row is None or row.unread:
            return None
        if column == "total":
            parts = [cell for key, cell in row.cells.items() if key != "total"]
            replaced = True
        else:
            parts = [row.cells[column]] if column in row.cells else []
        if not parts or any(cell.kind != "number" or cell.value is None for cell in parts):
            return None
        total += sum(cell.value for cell in parts if cell.value is not None)
    return total if replaced else None


def _describe(names: tuple[str, ...], lang: str) -> str:
    parts = []
    for name in names:
        table_id, row, column = name.split(".")
        label = template.row_label(table_id, row)
        if column != "total" and table_id == "review_litigation":
            label += "·" + template.column_label(table_id, column)
        parts.append(f"表{_TABLE_SECTION.get(table_id, '')}“{label}”" if lang == "zh" else f"{table_id}.{row}.{column}")
    return "＋".join(parts) if lang == "zh" else " + ".join(parts)


def _same_scope(report: Report, claim: Claim) -> bool:
    return claim.scope in _SAME_SCOPE or (claim.scope == "local" and report.metadata.body_kind == "township")


def _this_year(report: Report, claim: Claim) -> bool:
    return (claim.period is None or claim.period == report.year) and not claim.comparison


# ── C-1, C-3, C-4: a count in the text against the table ───────────────────────────────────────────────────
def _claim_findings(report: Report, ctx: RuleContext, prefixes: tuple[str, ...]) -> Iterator[Finding]:
    # one sentence whose counts the tables contradict is one finding naming each count (「收到申请4件，受理并办结3件」
    # against a table 三 of zeros): the reader marks the sentence once; counts unsure for another reason apart
    by_sentence: dict[tuple[str, int | None, bool, tuple[str, str]], list[_Contradicted]] = {}
    for found in _contradicted_claims(report, prefixes):
        key = (found.claim.sentence, found.claim.loc.line if found.claim.loc else None, found.certain, found.why)
        by_sentence.setdefault(key, []).append(found)
    for group in by_sentence.values():
        first = group[0]
        claim = first.claim
        said_zh = "。".join(f"{found.pattern.zh} {found.claim.raw}，但{found.tables_zh}" for found in group)
        said_en = ". ".join(f"{found.claim.raw} ({found.pattern.en}) but {found.tables_en}" for found in group)
        why_zh, why_en = first.why
        values: dict[str, Any] = {
            "claim": claim.to_json(),
            "tables": first.tables,
            "outcome": "contradiction" if first.certain else "uncertain",
        }
        if len(group) > 1:
            values["claims"] = [{"claim": found.claim.to_json(), "tables": found.tables} for found in group]
        yield ctx.finding(
            Text(
                f"正文称“{_excerpt(claim.sentence)}”：{said_zh}。" + ("" if first.certain else f"{why_zh}，请核对。"),
                (
                    f"the text says {claim.raw} ({first.pattern.en}: “{_excerpt(claim.sentence)}”), but "
                    f"{first.tables_en}."
                    if len(group) == 1
                    else f"the text says “{_excerpt(claim.sentence)}”: {said_en}."
                )
                + ("" if first.certain else f" {why_en}: to verify."),
            ),
            loc=claim.loc,
            place=Place(section=claim.section, table=first.table),
            values=values,
            key=f"{claim.what}|{claim.value}",
            severity=WARNING if first.certain else INFO,
        )


@dataclass(frozen=True)
class _Contradicted:
    """A count in the text that the tables contradict: the claim, its pattern, what the tables say, how sure."""

    claim: Claim
    pattern: narrative.ClaimPattern
    tables: list[dict[str, Any]]
    tables_zh: str
    tables_en: str
    table: str | None
    certain: bool
    why: tuple[str, str]


def _contradicted_claims(report: Report, prefixes: tuple[str, ...]) -> Iterator[_Contradicted]:
    """The counts of the text (of the categories ``prefixes`` name) that the tables' sums contradict."""
    pats = narrative.patterns()
    seen: set[tuple[str, Any]] = set()
    sums_of: dict[str, list[int | Decimal]] = {}  # a category's sums of cells that were read (one per way to count it)
    for claim in report.narrative.claims:
        what = claim.what
        if what is None or not what.startswith(prefixes) or claim.approximate:
            continue
        if (what, claim.value) in seen:  # the same count again: the tables say the same of it
            continue
        seen.add((what, claim.value))
        pattern = pats.claim(what)
        if pattern is None or not pattern.cells:
            continue
        read = sums_of.get(what)
        if read is None:  # the tables' sums for the category, once (a report often gives several counts of it)
            read = sums_of[what] = []
            for alt in pattern.cells:  # (a plain loop: no generator's frame to make for each category)
                total = _total(report, alt)[0]
                if total is not None:
                    read.append(total)
        if not read or claim.value in read:
            continue  # uncertain (no table) or consistent: the cells are read for a finding only
        sums = [(alt, *_sum(report, alt)) for alt in pattern.cells]
        known = [(alt, total, firm, cells) for alt, total, firm, cells in sums if total is not None]
        if any(_parts_sum(report, alt) == claim.value for alt, _total, _firm, _cells in known):
            continue  # the text agrees with the row's columns; its 总计 cell disagrees with them (NUM003 says so)
        certain = (
            pattern.certain
            and len(known) == len(sums)
            and all(firm for _alt, _total, firm, _cells in known)
            and _same_scope(report, claim)
            and _this_year(report, claim)
        )
        first = known[0][3]
        yield _Contradicted(
            claim,
            pattern,
            [{"cells": list(alt), "sum": total, "read": cells} for alt, total, _f, cells in known],
            "；".join(f"{_describe(alt, 'zh')}为 {total}" for alt, total, _f, _c in known),
            "; ".join(f"{_describe(alt, 'en')} = {total}" for alt, total, _f, _c in known),
            first[0]["cell"].split(".")[0] if first else None,
            certain,
            _why(report, claim, pattern, len(known) == len(sums)),
        )


def _why(report: Report, claim: Claim, pattern: narrative.ClaimPattern, complete: bool) -> tuple[str, str]:
    if not _same_scope(report, claim):
        return (
            f"正文的范围是“{claim.scope_text}”，表格可能只统计本机关",
            f"the text speaks of {claim.scope_text} while the table may count the body only",
        )
    if not _this_year(report, claim):
        return "该句涉及其他年度或同比数据", "the sentence is about another year or a comparison"
    if not pattern.certain:
        return f"“{pattern.zh}”与表格的口径不一定相同", f"“{pattern.en}” may be counted differently from the table"
    if not complete:
        return "部分表格单元未读出", "some table cells could not be read"
    return "表格由扁平文本恢复，数值不完全确定", "the table was recovered from flattened text"


_C1_BASIS = (legal.ARTICLE_50, legal.FORMAT_2021_TABLE_3)


@rule(
    code="NAR001",
    name="application-count-contradicts-table",
    severity=WARNING,
    variants=_VARIANTS,
    summary=Text("C-1：正文中的申请数量与表三不一致", "C-1: an application count in the text differs from table 3"),
    explanation=Text(
        "正文所述收到（受理）、新收、上年结转、办结、结转下年度的申请数量及各办理结果，应与表三对应行的总计一致。"
        "“受理/收到”可能只指本年新收，也可能含上年结转：两种口径都不符才算矛盾。范围（本机关/全县）、口径或表格读取有"
        "不确定之处时，仅作提示并列出双方数字。同一句中几个数字都与表格不符时只报一条，逐一列出。",
        "Counts of applications in the text (received, new, carried over, handled, carried forward, each outcome) "
        "must equal the total column of the matching rows of table 3. 受理/收到 may mean the new applications or "
        "new plus carried over: only a number matching neither is a contradiction. Where the scope (the body vs the "
        "region), the category or the table reading leaves room, the finding is info and quotes both numbers. Several "
        "counts of one sentence that the table contradicts are one finding naming each.",
    ),
    basis=_C1_BASIS,
)
def application_count(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    yield from _claim_findings(report, ctx, ("applications.",))


@rule(
    code="NAR002",
    name="all-handled-but-carried-forward",
    severity=WARNING,
    variants=_VARIANTS,
    summary=Text(
        "C-1：正文称申请已全部办结，但有结转下年度的申请",
        "C-1: the text says every application was handled, yet some are carried forward",
    ),
    explanation=Text(
        "“所有申请均已办结”“办结率100%”等说法要求表三“四、结转下年度继续办理”为 0；正文自己提到顺延到下年度的申请"
        "时亦然。“均在法定期限内答复”不是这种说法。",
        "“All applications handled” (均已办结, 办结率100%) requires table 3 row 四 (carried forward) to be 0, as does "
        "the text's own mention of applications carried into next year. “Answered within the legal time limit” is "
        "not such a claim.",
    ),
    basis=_C1_BASIS,
)
def all_handled(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    claims = report.narrative.said("all_handled")
    if not claims:
        return
    total, firm, cells = _sum(report, ("applications.carried_forward.total",))
    own = [c for c in report.narrative.of("applications.carried_forward") if c.value and not c.comparison]
    if not (total or own):
        return
    statement = claims[0]
    if total:
        detail_zh, detail_en = f"表三“结转下年度继续办理”为 {total}", f"table 3 carries {total} forward"
    else:
        detail_zh = f"正文另称“{_excerpt(own[0].sentence)}”"
        detail_en = f"the text also says “{_excerpt(own[0].sentence)}”"
    yield ctx.finding(
        Text(f"正文称“{statement.match}”，但{detail_zh}。", f"the text says “{statement.match}”, but {detail_en}."),
        loc=statement.loc,
        place=Place(section=statement.section, table="applications"),
        values={"statement": statement.to_json(), "carried_forward": total, "cells": cells},
        severity=WARNING if (firm or own) else INFO,
    )


@rule(
    code="NAR003",
    name="no-applications-claim-contradicts-table",
    severity=WARNING,
    variants=_VARIANTS,
    summary=Text(
        "C-2：正文称未收到申请，但表三本年新收不为 0",
        "C-2: the text says no applications were received, but table 3 shows new applications",
    ),
    explanation=Text(
        "“未收到政府信息公开申请”“未发生依申请公开”要求表三“一、本年新收政府信息公开申请数量”为 0（上年结转的申请"
        "仍可在本年办理）。",
        "“No applications received” requires table 3 row 一 (new applications) to be 0 (applications carried over "
        "may still be handled this year).",
    ),
    basis=_C1_BASIS,
)
def no_applications(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    claims = report.narrative.said("no_applications")
    if not claims:
        return
    total, firm, cells = _sum(report, ("applications.new_received.total",))
    if not total:
        return
    statement = claims[0]
    yield ctx.finding(
        Text(
            f"正文称“{_excerpt(statement.sentence)}”，但表三“本年新收”为 {total}。",
            f"the text says “{_excerpt(statement.sentence)}”, but table 3 shows {total} new applications.",
        ),
        loc=statement.loc,
        place=Place(section=statement.section, table="applications"),
        values={"statement": statement.to_json(), "new_received": total, "cells": cells},
        severity=WARNING if firm else INFO,
    )


_GROUPS = {
    "review": ("review",),
    "litigation": ("direct_suit", "suit_after_review"),
}


def _group_cells(topic: str, column: str) -> tuple[str, ...]:
    return tuple(f"review_litigation.{row}.{column}" for row in _GROUPS[topic])


def _statement_against(
    report: Report, ctx: RuleContext, statement: Statement, topics: list[str], columns: tuple[str, ...], what: Text
) -> Iterator[Finding]:
    for topic in topics:
        names = tuple(name for column in columns for name in _group_cells(topic, column))
        if not _total(report, names)[0]:
            continue
        total, firm, cells = _sum(report, names)
        word = "行政复议" if topic == "review" else "行政诉讼"
        yield ctx.finding(
            Text(
                f"正文称“{_excerpt(statement.sentence)}”，但表四{word}{what.zh}为 {total}。",
                f"the text says “{_excerpt(statement.sentence)}”, but table 4 shows {total} {topic} {what.en}.",
            ),
            loc=statement.loc,
            place=Place(section=statement.section, table="review_litigation", row=topic),
            values={"statement": statement.to_json(), "sum": total, "cells": cells},
            key=f"{statement.kind}|{topic}",
            severity=WARNING if firm else INFO,
        )


@rule(
    code="NAR004",
    name="review-litigation-claim-contradicts-table",
    severity=WARNING,
    variants=_VARIANTS,
    summary=Text(
        "C-3：正文所述行政复议、行政诉讼情况与表四不一致",
        "C-3: what the text says of reviews and lawsuits differs from table 4",
    ),
    explanation=Text(
        "“未发生行政复议、行政诉讼”要求表四相应各栏为 0；正文所述复议、诉讼件数及其结果（维持、纠正、其他、尚未审结）"
        "应与表四一致；“均已结案”要求尚未审结为 0，“均获维持”要求纠正、其他结果和尚未审结为 0，“未被纠错”要求结果"
        "纠正为 0。诉讼件数可能只指未经复议直接起诉，也可能含复议后起诉：两种口径都不符才算矛盾。同一句中几个件数都与"
        "表四不符时只报一条，逐一列出。",
        "“No review or lawsuit” requires the matching cells of table 4 to be 0; counts of reviews and lawsuits and "
        "their results in the text must match table 4; “all closed” requires none pending, “all upheld” none "
        "corrected, other or pending, “not corrected” none corrected. A lawsuit count may mean direct suits only or "
        "also suits after review: only a number matching neither is a contradiction. Several counts of one sentence "
        "that table 4 contradicts are one finding naming each.",
    ),
    basis=(legal.ARTICLE_50, legal.FORMAT_2021_TABLE_4),
)
def review_litigation(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    yield from _claim_findings(report, ctx, ("review.", "litigation."))
    first: dict[str, Statement] = {}
    for said in report.narrative.statements:  # the first statement of each kind, in one pass (not one a kind)
        first.setdefault(said.kind, said)
    if (statement := first.get("no_review")) is not None:
        yield from _statement_against(report, ctx, statement, ["review"], ("total",), Text("总计", "in total"))
    if (statement := first.get("no_litigation")) is not None:
        yield from _statement_against(report, ctx, statement, ["litigation"], ("total",), Text("总计", "in total"))
    if (statement := first.get("all_closed")) is not None:
        yield from _statement_against(
            report, ctx, statement, statement.value or [], ("pending",), Text("尚未审结", "pending")
        )
    if (statement := first.get("all_upheld")) is not None:
        yield from _statement_against(
            report,
            ctx,
            statement,
            statement.value or [],
            ("corrected", "other", "pending"),
            Text("结果纠正、其他结果和尚未审结合计", "corrected, other or pending"),
        )
    if (statement := first.get("no_adverse_result")) is not None:
        yield from _statement_against(
            report, ctx, statement, statement.value or [], ("corrected",), Text("结果纠正", "corrected")
        )


@rule(
    code="NAR005",
    name="document-count-contradicts-table",
    severity=WARNING,
    variants=_VARIANTS,
    summary=Text(
        "C-4：正文中的规范性文件、规章、许可、处罚、强制数量与表二不一致",
        "C-4: counts of documents, licences, penalties or coercive measures in the text differ from table 2",
    ),
    explanation=Text(
        "正文所述本年制发、废止、现行有效的规范性文件（规章）数量应与表二第二十条第（一）项一致；行政许可、处罚、强制"
        "的数量与第（五）（六）项的本年处理决定数量口径不一定相同（公开的条数、受理的件数），不一致时仅作提示。同一句中"
        "几个数字都与表二不符时只报一条，逐一列出。",
        "Normative documents (rules) issued, repealed and in force in the text must match table 2, article 20 item "
        "(1); counts of licences, penalties and coercive measures may be counted differently from the decisions of "
        "items (5) and (6) (items published, applications received), so a difference is info. Several counts of one "
        "sentence that table 2 contradicts are one finding naming each.",
    ),
    basis=(legal.ARTICLE_50, legal.FORMAT_2021_TABLE_2),
)
def document_count(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    yield from _claim_findings(report, ctx, ("regulations.", "licensing.", "enforcement."))


# ── C-5: enumerations ──────────────────────────────────────────────────────────────────────────────────────
@rule(
    code="NAR006",
    name="enumeration-parts-do-not-add-up",
    severity=WARNING,
    summary=Text(
        "C-5：“共X，其中A、B…”的分项与总数不符", "C-5: the parts of “X in all, of which A, B …” do not add up"
    ),
    explanation=Text(
        "同一句中“共X条，其中A条、B条……”列出的分项之和超过总数，必有一处数字错误（警告）；分项之和小于总数而列举未以"
        "“等”结尾时，可能漏列或数字有误，但“其中”不一定穷尽，故仅作提示。约数（余、近）不核对。列举中再出现“其中/包括”"
        "时，其后为前一分项的细分：各层分别核对，细分在何处结束不明而另一种读法能够相符时不作判断，层次不清（多处嵌套）"
        "不核对。分项已合计为总数时，其后另起分句所计的另一类数（如“共收到申请11件，其中…，按时办结11件”中的办结）"
        "不计入分项；列举中有以其他单位计的分项（如“征集调查16期”）时，分项之和小于总数不作提示。括号中的“其中”只细分括号"
        "前的那一项，分项是括号内的数（“政策图解4条(其中1条视频解读)、民意征集1条”中的民意征集不是其分项）；总数是括号外的数。",
        "In one sentence, parts of “X in all, of which A, B …” that add up to more than X mean a wrong number "
        "(warning); parts that add up to less, in a list not ending with 等, may be incomplete or wrong, but 其中 "
        "is not always exhaustive: info. Approximate figures (余, 近) are not checked. A further 其中/包括 inside the list "
        "opens a breakdown of the part before it: each level is checked on its own; where the breakdown ends is not "
        "written, so it is reported only when no reading fits; a list nested more than once is not checked. Where "
        "the parts already make up the total, a later clause that counts something else (办结 in “11 applications "
        "received, of which …, 11 answered in time”) is not a part; a list with a part counted in another unit "
        "(征集调查16期) is not reported for a sum below the total. A 其中 in brackets breaks down the item before the "
        "brackets, its parts the counts within them (民意征集1条 in 「政策图解4条(其中1条视频解读)、民意征集1条」 is no "
        "part of it); a total is a count outside brackets.",
    ),
    basis=(legal.ARTICLE_50, legal.FORMAT_2021_BASIS),
)
def enumeration(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    claims = report.narrative.claims
    for item in report.narrative.enumerations:
        total, parts = claims[item.total], [claims[i] for i in item.parts]
        if total.approximate or any(p.approximate for p in parts):
            continue
        added = sum((p.value for p in parts), start=Decimal(0) if isinstance(total.value, Decimal) else 0)
        if added == total.value or (added < total.value and item.open_ended):
            continue
        over = added > total.value
        if over and _share_of_a_part(total, parts):
            continue  # a part given as a share of the part before it is that part's breakdown, not the total's
        listed = "＋".join(p.raw.replace(" ", "") for p in parts)
        yield ctx.finding(
            Text(
                f"“{_excerpt(total.sentence, 100)}”：分项 {listed} 合计 {added}{total.unit}，"
                + (f"超过总数 {total.raw}。" if over else f"少于总数 {total.raw}，请核对是否漏列。"),
                f"“{_excerpt(total.sentence, 100)}”: the parts {listed} add up to {added}, "
                + (f"more than the total {total.raw}." if over else f"less than the total {total.raw}: to verify."),
            ),
            loc=total.loc,
            place=Place(section=total.section),
            values={"total": total.value, "parts": [p.value for p in parts], "sum": added, "unit": total.unit},
            key=f"{total.value}|{added}",
            severity=WARNING if over else INFO,
        )


# 「…的有45项，占比78.9%」: a part followed by its share of something
_SHARE = compiled(r"\s*[，,]?\s*(?:占比|占|比例为?|比例达|比重为?)\s*(?P<pct>\d+(?:\.(?P<dec>\d+))?)\s*[%％]")


def _share_of_a_part(total: Claim, parts: list[Claim]) -> bool:
    """Whether a part is followed by its share of an earlier part, and not of the total (「共有89项，其中行政许可57项，
    实现“一趟不用跑”的有45项，占比78.9%」: 45/57 = 78.9%, 45/89 = 50.6%): that part breaks the earlier one down, so
    the parts do not add up to the total."""
    sentence = total.sentence
    for k, part in enumerate(parts[1:], start=1):
        at = sentence.find(part.raw)
        while at >= 0:
            share = _SHARE.match(sentence, at + len(part.raw))
            if share is not None:
                places = len(share["dec"] or "")
                written = Decimal(share["pct"])

                def _of(whole: int | Decimal, part: Claim = part, places: int = places) -> Decimal:
                    return round(Decimal(part.value) * 100 / Decimal(whole), places)

                if total.value and _of(total.value) == written:
                    break  # its share of the total: an ordinary part
                if any(q.value and _of(q.value) == written for q in parts[:k]):
                    return True
            at = sentence.find(part.raw, at + 1)
    return False


# ── C-6: fee statements ────────────────────────────────────────────────────────────────────────────────────
@rule(
    code="NAR007",
    name="fee-statements-disagree",
    severity=WARNING,
    summary=Text("C-6：正文关于信息处理费的说法前后矛盾", "C-6: the text contradicts itself on processing fees"),
    explanation=Text(
        "报告一处写明收取了信息处理费（金额大于 0），另一处又称未收取信息处理费，两者不能同时成立。",
        "One place says an information processing fee was collected (an amount above 0), another that none was: "
        "both cannot be true.",
    ),
    basis=(legal.FORMAT_2021_SECTION_6, legal.FEE_MEASURE_BASIS),
)
def fee_statements(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    collected = [c for c in report.narrative.of("fees.processing_fee") if c.value and _this_year(report, c)]
    nil = report.narrative.said("no_fee")
    if not collected or not nil:
        return
    amount, statement = collected[0], nil[0]
    yield ctx.finding(
        Text(
            f"正文称“{_excerpt(amount.sentence)}”（{amount.raw}），又称“{_excerpt(statement.sentence)}”。",
            f"the text says “{_excerpt(amount.sentence)}” ({amount.raw}) and also “{_excerpt(statement.sentence)}”.",
        ),
        loc=statement.loc,
        place=Place(section=statement.section),
        values={"amount": amount.to_json(), "statement": statement.to_json()},
    )


# ── C-7: promises of content ───────────────────────────────────────────────────────────────────────────────
@rule(
    code="NAR008",
    name="promised-content-missing",
    severity=WARNING,
    summary=Text(
        "C-7：正文称某事项纳入年度报告，但第六部分没有该内容",
        "C-7: the text says a matter is reported in the annual report, but section 6 does not have it",
    ),
    explanation=Text(
        "正文称将某事项（如年度政务公开工作要点落实情况）“纳入年度报告”，该内容应出现在报告中，通常在第六部分“其他"
        "需要报告的事项”。",
        "Where the text says a matter (e.g. how the year's work points were carried out) is included in the annual "
        "report, the report has it, usually in section 6 (other matters).",
    ),
    basis=(legal.FORMAT_2021_SECTION_6_ITEMS, legal.ARTICLE_50),
)
def promised_content(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    section = report.complete_section("六")
    if section is None:
        return
    for statement in report.narrative.said("promise_report"):
        if statement.section == "六":
            continue
        promised = statement.sentence[: statement.sentence.find(statement.match)]
        for promise, wanted, evidence in _compiled().promises:
            if wanted.search(promised) and not evidence.search(section.text):
                yield ctx.finding(
                    Text(
                        f"正文称“{_excerpt(statement.sentence)}”，但第六部分没有{promise['zh']}。",
                        f"the text says “{_excerpt(statement.sentence)}”, but section 6 does not report "
                        f"{promise['en']}.",
                    ),
                    loc=statement.loc,
                    place=Place(section="六"),
                    values={"statement": statement.to_json(), "promise": promise["id"]},
                    key=promise["id"],
                )


# ── stale years ────────────────────────────────────────────────────────────────────────────────────────────
@rule(
    code="NAR009",
    name="stale-year-in-text",
    severity=WARNING,
    summary=Text(
        "正文把上一年（或下一年）当作本年度来叙述",
        "The text speaks of the year before (or after) as the current year",
    ),
    explanation=Text(
        "以“2022年，我镇……”开头叙述本年度工作的句子出现在 2023 年度报告中，多是沿用上一年度报告未改年份所致。与上年"
        "相比、上一年度报告中提出的问题、“以来”等明显回顾性的句子，以及下一年的工作计划（将、计划、下一步），不在此列。",
        "A sentence such as “2022年，我镇……” that tells this year's work in a 2023 report usually comes from last "
        "year's report with the year left unchanged. Sentences that look back on purpose (与上年相比, the problems "
        "raised in last year's report, 以来) and plans for next year (将, 计划, 下一步) are not counted.",
    ),
    basis=(legal.ARTICLE_50, legal.ARTICLE_47),
)
def stale_year(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    year = report.year
    if year is None:
        return
    for statement in report.narrative.said("current_year"):
        said, past, future = statement.value["year"], statement.value["past"], statement.value["future"]
        if statement.section is None or past:
            continue
        if said == year - 1 or (said == year + 1 and not future):
            yield ctx.finding(
                Text(
                    f"{year} 年度报告中写道“{_excerpt(statement.sentence)}”，把 {said} 年当作本年度叙述，请核对年份。",
                    f"the {year} report says “{_excerpt(statement.sentence)}”, telling {said} as the current year: "
                    f"check the year.",
                ),
                loc=statement.loc,
                place=Place(section=statement.section),
                values={"report_year": year, "year_in_text": said, "sentence": statement.sentence},
                key=f"{said}|{statement.sentence[:40]}",
            )


# ── required content (D11, D12) ────────────────────────────────────────────────────────────────────────────
def _applies_2021(report: Report) -> bool:
    return report.year >= 2021 if report.year is not None else report.variant == "2021"


@rule(
    code="NAR010",
    name="overview-aspect-missing",
    severity=WARNING,
    variants=_VARIANTS,
    summary=Text("总体情况缺少规定的方面", "The overview lacks one of the required aspects"),
    explanation=Text(
        "2021 年格式要求“总体情况”概述主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障五个方面。按"
        "含义识别（标题、小标题、首句与近义说法）；缺少的方面是同一原因（总体情况没有按格式概述），一条警告列出所有缺少的"
        "方面；识别依据常见说法，是推断，消息注明请核实。单独的“监督”“保障”不算监督保障方面（“保障知情权、监督权”"
        "“以公开强监督”“民生保障”、机关名称中的“监督管理局”说的不是对公开工作的监督和保障）。人民政府的报告全文（读到"
        "结尾的）未提及考核、评议、追究时，缺少"
        "监督保障方面的同一条结论同时说明缺少这些结果（条例第五十条第（四）项，否则见 NAR011）。",
        "The 2021 format's overview covers five aspects: proactive disclosure, disclosure on request, information "
        "management, disclosure platforms, oversight and safeguards. Recognised by meaning (headings, sub-headings, "
        "first sentences, synonyms). The aspects missing are one cause (an overview not written to the format): one "
        "warning names them all; the recognition rests on usual wording, so it is an inference and the message says "
        "to verify. A bare 监督 or 保障 does not cover oversight: the rights disclosure secures (保障知情权、监督权), a "
        "slogan (以公开强监督), a policy field (民生保障) or a body's name (市场监督管理局) say nothing of how the "
        "disclosure work is overseen and secured. For a people's government whose report, read to its end, mentions no "
        "assessment, appraisal or "
        "accountability anywhere, a missing oversight part also names those results in the same finding (Article 50 "
        "item (4), otherwise NAR011).",
    ),
    basis=(legal.FORMAT_2021_OVERVIEW,),
)
def overview_aspects(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    section = report.complete_section("一")
    if section is None:
        return
    missing = _missing_aspects(report)
    if not missing:
        return
    zh = en = ""
    values: dict[str, Any] = {"aspects": [aspect["id"] for aspect in missing]}
    # NAR011's case, one cause: here — unless the text stops before the end, whose rest may give them
    if _OVERSIGHT in values["aspects"] and report.cut_off() is None and _accountability_mentions(report) == []:
        zh = "；人民政府的报告还应在监督保障中载明工作考核、社会评议和责任追究结果（条例第五十条第（四）项），全文也未提及"
        en = (
            "; a people's government's report should give under oversight the results of assessment, public appraisal "
            "and accountability (Article 50 item (4)), and the report mentions none"
        )
        values["accountability_results"] = "missing"
    # one cause, one finding: the overview is not written to the format's aspects, however many it leaves out
    yield ctx.finding(
        Text(
            f"“总体情况”中没有找到概述{'、'.join(aspect['zh'] for aspect in missing)}方面的内容（按标题、小标题和常见"
            f"说法识别，其他说法可能未被识别，请核实）{zh}。",
            f"found nothing in the overview about {', '.join(aspect['en'] for aspect in missing)} (recognised by "
            f"headings, sub-headings and usual wording; other wording may be missed: to verify){en}.",
        ),
        loc=section.loc,
        place=Place(section="一"),
        values=values,
        key="|".join(values["aspects"]),  # one aspect: the key (and fingerprint) a baseline knows it by
    )


_OVERSIGHT = "oversight"  # the aspect 监督保障, where the 2021 format puts Article 50's results (NAR011)


def _missing_aspects(report: Report) -> list[dict[str, Any]]:
    """The aspects of the 2021 overview that NAR010 finds no words for (none when it does not apply); worked out
    once a report (NAR011 asks too)."""
    section = report.section("一")
    if section is None or report.variant not in _VARIANTS or not _applies_2021(report):
        return []
    if len(section.text.strip()) < 20:
        return []
    tables = _compiled()
    memo, key = _read(report).memo, ("aspects", id(section), section.text, id(tables))
    if key not in memo:
        memo[key] = [aspect for aspect, terms in tables.aspects if not _covers(aspect["id"], terms, section.text)]
    missing: list[dict[str, Any]] = memo[key]
    return missing


# A sentence telling where this report can be read or downloaded (「本报告可通过…门户网站查阅或下载」): it names a site
# but says nothing of the platforms' own work, so it does not cover the platforms aspect.
_REPORT_ACCESS = compiled(r"(?:本报告|本年度报告|本年报|年度报告|电子版)[^。；]{0,60}(?:下载|查阅)")


def _covers(aspect: str, terms: re.Pattern[str], text: str) -> bool:
    """Whether the overview's text covers an aspect: one of its terms, for the platforms aspect outside a sentence
    that only says where to download or read the report (looked at only when such words occur)."""
    if not contains(terms, text):  # an alternation of words: `in` tests, not the regex over every character
        return False
    if aspect != "platforms" or ("下载" not in text and "查阅" not in text):
        return True
    return any(
        terms.search(sentence) for sentence in re.split(r"[。；\n]", text) if not _REPORT_ACCESS.search(sentence)
    )


@rule(
    code="NAR011",
    name="accountability-results-missing",
    severity=WARNING,
    summary=Text(
        "人民政府的报告没有工作考核、社会评议和责任追究结果",
        "A people's government's report gives no results of assessment, public appraisal and accountability",
    ),
    explanation=Text(
        "条例第五十条第（四）项要求各级人民政府（含乡镇）的年度报告载明工作考核、社会评议和责任追究结果情况，2021 年"
        "格式将其列在“总体情况·监督保障”。完全未提及为警告；只提到开展考核、评议而没有结果为提示。总体情况完全没有监督"
        "保障方面、全文也未提及时，由 NAR010 一条说明；缺少总体情况部分时，由 SEC001 说明（同一原因，一条结论）。文本在"
        "报告结束前中断时（SEC008），结果可能在没有读到的部分中，不报本条。",
        "Article 50 item (4) requires the report of every people's government (townships included) to give the "
        "results of assessment, public appraisal and accountability; the 2021 format puts them under the overview's "
        "oversight part. Not mentioned at all: warning; mentioned without results: info. When the overview has no "
        "oversight part at all and the report mentions none, NAR010 says so in one finding; where the overview itself "
        "is missing, SEC001 does (one cause, one finding). Where the text stops before the report's end (SEC008), "
        "the results may stand in what was not read, and this is not reported.",
    ),
    basis=(legal.ARTICLE_50_ITEM_4, legal.FORMAT_2021_OVERVIEW),
)
def accountability(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    mentions = _accountability_mentions(report)
    if mentions is None or any(_compiled().results.search(s.text) for s in mentions):
        return
    if report.cut_off() is not None:
        return  # the text stops before the report's end (SEC008): the results may stand in what was not read
    section = report.section("一")
    if not mentions:
        if section is None:
            return  # no overview at all, where these results belong: SEC001 is that one cause
        if any(aspect["id"] == _OVERSIGHT for aspect in _missing_aspects(report)):
            return  # the overview has no oversight part at all: NAR010 names that cause, and these results with it
        yield ctx.finding(
            Text(
                "报告没有说明工作考核、社会评议和责任追究结果情况（条例第五十条）。",
                "the report gives no results of assessment, public appraisal and accountability (Article 50).",
            ),
            loc=section.loc if section else None,
            place=Place(section="一"),
        )
        return
    yield ctx.finding(
        Text(
            f"报告提到“{_excerpt(mentions[0].text)}”，但没有说明考核、评议、追究的结果。",
            f"the report mentions “{_excerpt(mentions[0].text)}” but gives no results of assessment, appraisal "
            f"or accountability.",
        ),
        loc=mentions[0].loc,
        place=Place(section=mentions[0].section),
        values={"mentions": [s.text for s in mentions[:5]]},
        severity=INFO,
    )


def _accountability_mentions(report: Report) -> list[Sentence] | None:
    """The sentences on 考核/评议/追究 of a people's government's report (None when Article 50 item (4) does not
    apply)."""
    if report.metadata.body_kind not in ("township", "government") or (report.year or 0) < 2019:
        return None
    if not report.sections:
        return None
    terms = _compiled().accountability
    read = _read(report)
    # keyed by the pattern's id, kept beside the answer: a compiled pattern hashes its whole program at each look-up
    key = ("accountability", id(terms))
    found = read.memo.get(key)
    if found is None or found[0] is not terms:  # worked out once a report (NAR010 asks too)
        every = read.sentences
        # only the sentences with one of the words every match holds are searched (found by str.find, not the regex)
        candidates = read.holding(required_words(terms))
        found = read.memo[key] = (
            terms,
            [every[i] for i in candidates if every[i].section is not None and terms.search(every[i].text)],
        )
    mentions: list[Sentence] = found[1]
    return mentions


@rule(
    code="NAR012",
    name="problems-section-without-measures",
    severity=INFO,
    summary=Text("第五部分没有具体的改进措施", "Section 5 names no concrete improvement measure"),
    explanation=Text(
        "“存在的主要问题及改进情况”应写明针对问题的具体措施（制度、机制、栏目、时限、次数、文件等），而不是“进一步"
        "加强”“不断提高”之类的套话（敷衍、雷同，见怀化等地的编制通知）。",
        "Section 5 should name concrete measures against its problems (a rule, a mechanism, a column, a deadline, a "
        "number, a document), not stock phrases such as 进一步加强 or 不断提高.",
    ),
    basis=(legal.FORMAT_2021_SECTION_5, legal.ARTICLE_50),
)
def problems_section(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    section = report.complete_section("五")
    if section is None or len(section.text.strip()) < 20:
        return
    if contains(_compiled().concrete, section.text):  # its words found by `in` tests, the rest by the regex
        return
    yield ctx.finding(
        Text(
            "第五部分的改进措施都是概括性的说法，没有具体措施（制度、时限、次数、栏目等）。",
            "section 5 gives only general phrases, no concrete measure (a rule, deadline, number, column …).",
        ),
        loc=section.loc,
        place=Place(section="五"),
    )


# ── writing defects (D14) ──────────────────────────────────────────────────────────────────────────────────
_PROSE_SECTIONS = frozenset(("一", "五", "六"))  # the others are tables, whose headers repeat by design
_PLACEHOLDER = compiled(r"^[（(][^）)]*[）)]$")  # （文字描述） in a blank template
_DOUBLED = compiled(r"([\u4e00-\u9fff]{2,4})\1")  # 资金资金; longer doublings are sentences, found whole
_REPEAT_OK = compiled(r"^(.)\1+$|一")  # 一村一栏, 一事一议: parallel phrases, not doublings
_LEAD = compiled(r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、是]|\d+[、.．])\s*")


def _placeholder(text: str) -> bool:
    return text[0] in "（(" and _PLACEHOLDER.match(text) is not None


def _bare(text: str) -> str:
    """The sentence without its leading enumeration mark (（一）, 二、, 3.): one match at its start, not a search."""
    lead = _LEAD.match(text)
    return text[lead.end() :] if lead else text


_MAX_DOUBLING_PLACES = 64  # more places where a doubling may start (a flattened table's digits): search it all


def _doubling_places(text: str) -> list[int] | None:
    """Every position where a run of 2–4 characters may be written twice in a row (资金资金), found without the
    regular expression (which tries every position at a hundred instructions each): a doubling of length n makes n
    characters equal to those n further on, so the low bytes of their code points too — n zero bytes in the XOR of
    those bytes with themselves shifted by n (big-integer operations in C, a few instructions a character). None
    when there are too many such places, or characters beyond the BMP (then the text is searched whole)."""
    low = text.encode("utf-16-le", "surrogatepass")[::2]
    if len(low) != len(text):
        return None
    value = int.from_bytes(low, "little")
    places: list[int] = []
    for n in (2, 3, 4):
        if len(text) < 2 * n:
            break
        xored, zeros = (value ^ (value >> (8 * n))).to_bytes(len(low), "little"), b"\0" * n
        at = xored.find(zeros)
        while at >= 0:
            places.append(at)
            if len(places) > _MAX_DOUBLING_PLACES:
                return None
            at = xored.find(zeros, at + 1)
    return places


@rule(
    code="NAR013",
    name="writing-defect",
    severity=INFO,
    summary=Text(
        "用语错误：重复字词、申请以“条”计、旧制度用语、自相矛盾的评价、固定用语错字",
        "Wording: doubled words, applications in 条, old terms, self-contradicting evaluations, misspelt fixed words",
    ),
    explanation=Text(
        "重复的字词或句子（“资金资金”）、以“条”而非“件”计申请、“申诉”等 2008 年条例时期的说法、先肯定又否定的评价"
        "（“内容正确但不合理”）、格式的固定用语和机关名称中的词错打一个形近或音近的字（“不子公开”“财政全融局”），每处"
        "给出建议的改法；同一个错字出现多处时一条提示并注明处数。"
        "用语表（narrative.toml 的 [[term]] 和 [misspelling]）可由插件扩充。",
        "Doubled words or sentences (资金资金), applications counted in 条 instead of 件, terms of the 2008 regime "
        "such as 申诉, an evaluation that takes itself back (内容正确但不合理), a fixed word of the format or of a "
        "body's name with one character typed for another alike in shape or sound (不子公开 for 不予公开, 财政全融局 for "
        "财政金融局): each with the suggested correction; a misspelling found in several places is one finding that "
        "counts them. The lexicon ([[term]] and [misspelling] in narrative.toml) can be extended by a plugin.",
    ),
    basis=(legal.ARTICLE_50,),
)
def writing_defects(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    narr = report.narrative
    every = narr.sentences
    # one search over the joined prose first: most reports have no doubled word and none of the terms
    in_prose = [index for index, s in enumerate(every) if s.section in _PROSE_SECTIONS]
    texts = [every[index].text for index in in_prose]
    joined = "\x00".join(texts)
    # the sentences with a doubling, from one pass over the joined prose (no match spans the NUL between two)
    places = _doubling_places(joined)
    if places is None:
        places = [match.start() for match in _DOUBLED.finditer(joined)]
    starts: list[int] = []  # where each sentence starts in the joined prose: counted at the first offset to place

    def sentences_at(offsets: Iterable[int]) -> set[int]:
        """The sentences (indexes) of these offsets in the joined prose."""
        found = set()
        for offset in offsets:
            if not starts:  # most reports have no offset to place
                starts.extend(
                    itertools.accumulate(map(operator.add, map(len, texts[:-1]), itertools.repeat(1)), initial=0)
                )
            found.add(in_prose[bisect.bisect_right(starts, offset) - 1])
        return found

    doubled = sentences_at(places)  # where a doubling may be: each of them is searched on its own below
    # the terms of the report and the sentences they may be in: those with one of the words all the term's matches
    # contain, found over the joined prose (a word holds no NUL: no hit spans two sentences, nor hides another), each
    # then searched on its own below
    terms: list[tuple[dict[str, Any], re.Pattern[str]]] = []
    with_term: set[int] = set()
    for term, pattern, required in _compiled().terms:
        if required is None or required.search(joined):
            where = sentences_at(match.start() for match in (required or pattern).finditer(joined))
            if where:
                terms.append((term, pattern))
                with_term |= where
    # the sentences to look at: those with a doubling or a term, and those ending with the same six characters as
    # the sentence before (a repeated sentence does); the others give nothing
    tails = [text[-6:] for text in texts]
    ending = (
        index
        for index, before, tail, tail_before in zip(in_prose[1:], in_prose, tails[1:], tails, strict=False)
        if tail == tail_before and before == index - 1
    )
    visit = sorted(doubled.union(with_term, ending))
    seen: set[str] = set()
    for index in visit:
        sentence = every[index]
        text = sentence.text
        if _placeholder(text):
            continue
        before = every[index - 1] if index else None  # the sentence before, while in the prose
        previous = (
            before.text
            if before is not None and before.section in _PROSE_SECTIONS and not _placeholder(before.text)
            else ""
        )
        # a sentence that repeats the one before (but for its enumeration mark) ends with the same six characters:
        # only then are the two compared without their marks
        repeated = previous and text[-6:] == previous[-6:] and len(bare := _bare(text)) >= 6
        if repeated and bare == _bare(previous):
            key = "sentence|" + sentence.text[:30]
            if key not in seen:
                seen.add(key)
                yield ctx.finding(
                    Text(
                        f"句子重复：“{_excerpt(sentence.text)}”。建议删去一句。",
                        f"repeated sentence: “{_excerpt(sentence.text)}”.",
                    ),
                    loc=sentence.loc,
                    place=Place(section=sentence.section),
                    values={"text": sentence.text, "correction": sentence.text},
                    key=key,
                )
        for match in _DOUBLED.finditer(sentence.text) if index in doubled else ():
            word = match.group(1)
            if _REPEAT_OK.search(word) or "doubled|" + word in seen:
                continue
            seen.add("doubled|" + word)
            yield ctx.finding(
                Text(
                    f"字词重复：“{match.group(0)}”，建议改为“{word}”。",
                    f"doubled word “{match.group(0)}”: write “{word}”.",
                ),
                loc=sentence.loc._replace(column=sentence.loc.column + match.start()),
                place=Place(section=sentence.section),
                values={"text": match.group(0), "correction": word},
                key="doubled|" + word,
            )
        for term, pattern in terms:
            found = pattern.search(sentence.text)
            if found is None or "term|" + term["id"] in seen:
                continue
            seen.add("term|" + term["id"])
            yield ctx.finding(
                Text(
                    f"“{found.group(0)}”：{term['zh']}。建议：{term['correction']}。",
                    f"“{found.group(0)}”: {term['en']}. Suggestion: {term['correction_en']}.",
                ),
                loc=sentence.loc._replace(column=sentence.loc.column + found.start()),
                place=Place(section=sentence.section),
                values={"text": found.group(0), "correction": term["correction"], "term": term["id"]},
                key="term|" + term["id"],
            )
    for claim in narr.claims:
        if claim.what and claim.what.startswith("applications.") and claim.unit == "条" and "unit" not in seen:
            seen.add("unit")
            yield ctx.finding(
                Text(
                    f"“{_excerpt(claim.sentence)}”以“条”计政府信息公开申请，应以“件”计（{claim.raw} → {claim.value}件）。",
                    f"“{_excerpt(claim.sentence)}” counts applications in 条; the unit is 件 ({claim.raw} → "
                    f"{claim.value}件).",
                ),
                loc=claim.loc,
                place=Place(section=claim.section),
                values={"text": claim.raw, "correction": f"{claim.value}件"},
                key="unit",
            )
    yield from _misspelt_words(report, ctx)


def _misspelt_words(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """A fixed word of the format or of a body's name with one character typed for another (「不子公开」, 「财政全融局」):
    one finding a misspelling, wherever the report's sentences have it (its signature and the prose of 二 too: the
    words are no table labels' typos, which TAB003 tells), with how many times."""
    pattern, variants = _compiled().misspelt
    if pattern is None:
        return
    read = _read(report)
    every, starts = read.sentences, read.starts
    places: dict[str, list[Sentence]] = {}
    texts = [(read.joined, None)] if starts is not None else [(s.text, s) for s in every]
    for text, one in texts:  # the joined sentences (no misspelling holds a NUL: none spans two), or one by one
        for match in pattern.finditer(text):
            at = match.start()  # the wrong character: the misspelling is the one that holds it there
            wrong = next(v for v, (_, place) in variants.items() if at >= place and text.startswith(v, at - place))
            places.setdefault(wrong, []).append(one or every[bisect.bisect_right(starts or [0], at) - 1])
    for wrong, found in places.items():
        word, place = variants[wrong]
        sentence = found[0]
        times_zh = f"（共 {len(found)} 处）" if len(found) > 1 else ""
        times_en = f" ({len(found)} places)" if len(found) > 1 else ""
        yield ctx.finding(
            Text(
                f"“{wrong}”疑为“{word}”的错字（“{wrong[place]}”与“{word[place]}”形近或音近）{times_zh}。"
                f"建议改为“{word}”。",
                f"“{wrong}” looks like a misspelling of “{word}” (“{wrong[place]}” typed for “{word[place]}”, "
                f"alike in shape or sound){times_en}: write “{word}”.",
            ),
            loc=sentence.loc._replace(column=sentence.loc.column + max(0, sentence.text.find(wrong))),
            place=Place(section=sentence.section),
            values={"text": wrong, "correction": word, "count": len(found)},
            key="misspelt|" + wrong,
        )


# ── place words of another level (D5, an indicator of a copied report) ─────────────────────────────────────
# the prose: the tables' labels (区分处理的) are not about places
_FOREIGN_SECTIONS = frozenset((None, "一", "五", "六"))


_LEVEL_EN = {"县": "county (县)", "区": "district (区)"}


@rule(
    code="NAR017",
    name="place-words-of-another-level",
    severity=WARNING,
    summary=Text(
        "正文用其他行政层级称呼本地（县里的报告说“区级”“全区”）",
        "The text names the body's county-level unit by the other level (区级 in a 县's report)",
    ),
    explanation=Text(
        "机关名称表明它属于某县（或某区），正文却说“区级人大代表建议”“省、市、区相关规定”“全区”（或在区里的报告中说"
        "“县级”“全县”），多为照搬其他地区报告的痕迹（雷同，D5）。这只是迹象，不是定论：请核对这些句子是否确实写的是"
        "本地。开发区、实验区、新区、社区等不算“区”；名称中看不出县或区的机关不检查。",
        "The body's name places it in a 县 (or a 区), but the text speaks of 区级人大代表建议, 省、市、区 rules or 全区 (or, "
        "in a 区, of 县级 and 全县): usually a trace of another region's report copied (雷同, D5). An indicator, not "
        "proof: check that these sentences really describe this place. Development zones, pilot zones, new areas and "
        "communities are not districts; a body whose name shows neither a 县 nor a 区 is not checked.",
    ),
    basis=(legal.ARTICLE_47, legal.ARTICLE_50),
)
def foreign_level(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    body, tables = report.metadata.issuing_body, _compiled()
    if body is None or tables.foreign_body is None:
        return
    units = list(tables.foreign_body.finditer(body.text))
    if not units:
        return
    unit = units[-1]["unit"]
    own, other = ("县", "区") if unit.endswith("县") else ("区", "县")
    words = tables.foreign_words.get(own)
    if words is None:
        return
    read = _read(report)
    # only the prose sentences holding a character every match holds are searched (most reports have none)
    prose = [read.sentences[index] for index in read.searched(words, _FOREIGN_SECTIONS)]
    found = [(said, sentence) for sentence in prose if (said := [m.group(0) for m in words.finditer(sentence.text)])]
    if not found:
        return
    quoted = list(dict.fromkeys(word for said, _sentence in found for word in said))[:4]
    first = found[0][1]
    lines = sorted({sentence.loc.line for _said, sentence in found})[:5]
    zh_words, where = "”“".join(quoted), "、".join(str(n) for n in lines)
    yield ctx.finding(
        Text(
            f"本机关属“{unit}”，正文却有“{zh_words}”等{other}一级的说法（第{where}行），如“{_excerpt(first.text, 60)}”；"
            f"可能照搬了其他地区的报告（迹象，非定论），请核实。",
            f"the body belongs to {unit}, a {_LEVEL_EN[own]}, but the text speaks of “{zh_words}”, words of a "
            f"{_LEVEL_EN[other]} (lines "
            f"{', '.join(str(n) for n in lines)}), e.g. “{_excerpt(first.text, 60)}”: possibly copied from another "
            f"region's report (an indicator, not proof); please check.",
        ),
        loc=first.loc,
        place=Place(section=first.section),
        values={
            "unit": unit,
            "level": own,
            "words": quoted,
            "sentences": [{"text": s.text, "line": s.loc.line} for _said, s in found[:5]],
        },
        key="|".join(quoted),
    )


# ── section 五 following up last year's problems (D12), across the batch ─────────────────────────────────────
_CLAUSE = compiled(r"[，,、；;：:。]")


FOLLOW_UP: Rule = rule(
    code="NAR016",
    name="last-years-problems-not-followed-up",
    severity=INFO,
    summary=Text("第五部分没有回应上年度报告提出的问题", "Section 5 does not follow up last year's problems"),
    explanation=Text(
        "同一批次中有本机关上一年度的报告时，本年“存在的主要问题及改进情况”应说明上年度提出的问题整改得怎样（D12，"
        "各地编制通知要求认真梳理问题短板、不得敷衍）。本年第五部分既没有提到上年度的问题或整改情况，也没有重复上年度"
        "的问题时给出提示，并引用上年度报告提出的问题。本年重复上年度的问题时无法判断是跟进还是照搬，不作提示；上年度"
        "报告没有可辨认的问题时也不作提示。",
        "When the batch holds the body's report of the year before, this year's section 5 should say how last year's "
        "problems were dealt with (D12; the notices on compiling reports ask for the problems to be followed up, not "
        "glossed over). Info when this year's section 5 neither mentions last year's problems or their rectification "
        "nor repeats them, quoting the problems last year's report named. When this year repeats last year's "
        "problems it cannot be told whether that is a follow-up or a copy, and nothing is said; nor when last year's "
        "report names no recognisable problem.",
    ),
    basis=(legal.FORMAT_2021_SECTION_5, legal.ARTICLE_50),
)(no_findings)


_EIGHT_CJK = compiled(r"(?:[^\u4e00-\u9fff]*+[\u4e00-\u9fff]){8}")  # at least 8 Chinese characters (script.CJK)


def _problems(fifth: list[Sentence], settings: dict[str, Any], most: int = 5) -> list[tuple[str, int]]:
    """The (first few) sentences of section 五 that name a problem, before it turns to the measures."""
    start, problem = settings["measures_start"], settings["problem"]
    found: list[tuple[str, int]] = []
    for sentence in fifth:
        if start.search(sentence.text) or len(found) == most:
            break
        bare = _bare(sentence.text)
        if problem.search(bare) and _EIGHT_CJK.match(bare):
            found.append((_excerpt(bare, 80), sentence.loc.line))
    return found


@functools.lru_cache(maxsize=16)
def _marker(source: str, year: int) -> re.Pattern[str]:
    """[followup] marker for a report of ``year`` ({last} is the year before), once a year: the compiled pattern is
    looked up by its source, which would be hashed afresh for each report."""
    return compiled(source.replace("{last}", str(year - 1)))


def followup_facts(report: Report) -> dict[str, Any] | None:
    body, year, section = report.metadata.issuing_body, report.year, report.complete_section("五")
    if body is None or year is None or section is None or report.variant == PRE2019:
        return None
    settings = _compiled().followup
    fifth = [s for s in report.narrative.sentences if s.section == "五"]
    marker = _marker(settings.get("marker", "(?!)"), year)
    said = None
    if marker.search("\x00".join(s.text for s in fifth)):  # most reports say nothing of last year: one search
        said = next((s for s in fifth if marker.search(s.text)), None)
    return {
        "key": regions.body_key(body.text),
        "year": year,
        "line": section.loc.line,
        "problems": _problems(fifth, settings),
        "followed": said.text[:80] if said else None,
    }


def _pairs_of(text: str) -> set[str]:
    chars = "".join(CJK.findall(text))
    return {chars[i : i + 2] for i in range(len(chars) - 1)}


def _repeated(last: list[tuple[str, int]], this: list[tuple[str, int]], share: float) -> str | None:
    """Last year's first problem that this year's problems repeat (most of its character pairs), if any."""
    now = set().union(*(_pairs_of(text) for text, _line in this)) if this else set()
    for text, _line in last:
        for clause in _CLAUSE.split(text):
            pairs = _pairs_of(clause)
            if len(pairs) >= 3 and len(pairs & now) / len(pairs) >= share:
                return text
    return None


def followup_check(items: list[tuple[str, dict[str, Any]]], options: dict[str, Any]) -> BatchOutcome:
    outcome = BatchOutcome()
    share = float(_compiled().followup.get("repeated", 0.5))
    for key, year, last_year, this_year in regions.consecutive_years(items):
        if len(this_year) > 1 or len(last_year) > 1:  # not one report a year
            continue
        (path, this), (last_path, last) = this_year[0], last_year[0]
        repeated = _repeated(last["problems"], this["problems"], share)
        if this["followed"] or not last["problems"] or repeated:
            outcome.notes.append(
                {
                    "key": key,
                    "years": [year - 1, year],
                    "followed_up": "yes" if this["followed"] else "uncertain",
                    "evidence": this["followed"] or repeated or "last year's report names no problem",
                }
            )
            continue
        quoted = [text for text, _line in last["problems"][:3]]
        zh = "”“".join(quoted)
        outcome.findings.append(
            RuleContext(FOLLOW_UP, path).finding(
                Text(
                    f"第五部分没有回应{year - 1}年度报告（{last_path}）提出的问题，如“{zh}”；请说明这些问题的整改情况。",
                    f"section 5 does not follow up the problems of the {year - 1} report ({last_path}), e.g. “{zh}”; "
                    f"say how they were dealt with.",
                ),
                loc=Location(this["line"]),
                place=Place(section="五"),
                values={
                    "last_year": year - 1,
                    "last_year_file": last_path,
                    "last_year_problems": [{"text": text, "line": line} for text, line in last["problems"]],
                },
                key=str(year - 1),
            )
        )
    return outcome


FOLLOW_UP_CHECK = BatchCheck("problems-follow-up", (FOLLOW_UP,), followup_facts, followup_check)


# ── a count of 0, then the handling described as done (D12/C-7, boilerplate) ───────────────────────────────────
@dataclass(frozen=True)
class _ZeroHandled:
    """One [[zero_handled]] item of narrative.toml, compiled."""

    id: str
    zh: str
    en: str
    claims: frozenset[str]
    statements: tuple[str, ...]
    cells: tuple[str, ...]
    object: re.Pattern[str]
    done: re.Pattern[str]
    severity: str


@dataclass(frozen=True)
class _SeedGapTables:
    """[zero_handling], [[zero_handled]] and [[undescribed]] of narrative.toml, compiled once."""

    zero_items: tuple[_ZeroHandled, ...]
    not_done: re.Pattern[str]
    other: re.Pattern[str]
    undescribed: tuple[tuple[dict[str, Any], re.Pattern[str]], ...]
    undescribed_kinds: frozenset[str]


_SEED_GAP_CACHE: dict[int, _SeedGapTables] = {}


def _seed_gap_tables() -> _SeedGapTables:
    pats = narrative.patterns()
    if id(pats) not in _SEED_GAP_CACHE:  # patterns() is rebuilt when a plugin adds a file
        raw = pats.raw
        handling = raw.get("zero_handling", {})
        _SEED_GAP_CACHE.clear()
        _SEED_GAP_CACHE[id(pats)] = _SeedGapTables(
            tuple(
                _ZeroHandled(
                    item["id"],
                    item.get("zh", item["id"]),
                    item.get("en", item["id"]),
                    frozenset(item.get("claims", ())),
                    tuple(item.get("statements", ())),
                    tuple(item.get("cells", ())),
                    compiled(item["object"]),
                    compiled(item["done"]),
                    item.get("severity", "warning"),
                )
                for item in raw.get("zero_handled", [])
            ),
            compiled(handling.get("not_done", "(?!)")),
            compiled(handling.get("other", "(?!)")),
            tuple((entry, compiled(entry["mention"])) for entry in raw.get("undescribed", [])),
            frozenset(raw.get("undescribed_figures", {}).get("body_kinds", ())),
        )
    return _SEED_GAP_CACHE[id(pats)]


def _zeros(report: Report, item: _ZeroHandled) -> list[tuple[str, str, Location]] | None:
    """Where the text states 0 of the item (excerpt, sentence, place); None when a count above 0 of it is stated too
    (the zero may be one part of it: uncertain)."""
    zeros: list[tuple[str, str, Location]] = []
    for claim in report.narrative.claims:
        if claim.what not in item.claims or claim.comparison or claim.approximate or not _this_year(report, claim):
            continue
        if claim.value:
            return None
        zeros.append((claim.raw, claim.sentence, claim.loc))
    for kind in item.statements:
        zeros.extend((s.match, s.sentence, s.loc) for s in report.narrative.said(kind))
    return zeros


_CLAUSE_END = compiled(r"[，,。；;：:]")


def _clause_of(sentence: str, said: str) -> str:
    """The clause of the sentence that holds what was said (「柘沟镇共承办区级人大代表建议0件、政协提案0件」)."""
    at = sentence.find(said)
    if at < 0:
        return sentence
    start = max((m.end() for m in _CLAUSE_END.finditer(sentence, 0, at)), default=0)
    end = _CLAUSE_END.search(sentence, at + len(said))
    return sentence[start : end.start() if end else len(sentence)]


def _handled(report: Report, item: _ZeroHandled, tables: _SeedGapTables, zero_sentences: set[str]) -> list[Sentence]:
    """The sentences of the prose that describe the item's handling as done (not a plan, a duty or other items)."""
    found = []
    read = _read(report)
    # only the sentences with one of the words every match of the item holds are searched (found by str.find)
    for index in read.holding(required_words(item.object)):
        sentence = read.sentences[index]
        text = sentence.text
        if sentence.section not in _FOREIGN_SECTIONS or text in zero_sentences:
            continue
        if item.object.search(text) is None or item.done.search(text) is None:
            continue
        if tables.not_done.search(text) or tables.other.search(text):
            continue
        found.append(sentence)
    return found


@rule(
    code="NAR018",
    name="zero-count-but-handling-described",
    severity=WARNING,
    summary=Text(
        "正文称某事项为 0，又描述了办理这些事项的工作（疑似套话）",
        "The text states 0 of something, then describes handling them (likely boilerplate)",
    ),
    explanation=Text(
        "报告写明承办人大代表建议、政协提案 0 件（或未收到政府信息公开申请、未发生相关复议诉讼），另一处却写召开专题会议研究、要求承办"
        "部门认真采纳、书面答复、形成材料上报等已经做过的办理工作：没有的事项无从办理，这段文字多半照搬自往年或其他"
        "单位的报告（敷衍、雷同，D12）。引用两处原文。将来的打算（将、下一步、进一步、持续）、一般性的职责或规定、"
        "涉及上级交办或上年结转事项的句子不算；同一事项另有大于 0 的数字时不作判断。建议、提案为警告；申请的“均按时"
        "答复”等可能是一般做法，政府信息公开复议、诉讼的“均已审结”须与表四核对，均仅作提示（表三、表四须按原样读出且"
        "为 0）。",
        "The report says it handled 0 deputies' suggestions and CPPCC proposals (or received no request for "
        "disclosure, or had no review or lawsuit over it), and elsewhere describes handling work as done — a "
        "meeting held on them, the units asked to adopt them, written replies, a report sent up: with nothing to "
        "handle, the passage is most likely copied from an earlier or another body's report (perfunctory or copied, "
        "D12). Both places are quoted. Plans (将, "
        "下一步, 进一步, 持续), general duties or rules, and sentences about items assigned from above or carried "
        "over are not counted; when a count above 0 of the same items is stated too, nothing is said. Warning for "
        "suggestions and proposals; for requests, “all answered in time” may be a general practice, and “all closed” "
        "for reviews and lawsuits over disclosure is to be checked against table 4: info (tables 3 and 4 read as "
        "written and 0).",
    ),
    basis=(legal.FORMAT_2021_SECTION_6_ITEMS, legal.ARTICLE_50, legal.ARTICLE_47),
)
def zero_but_handled(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    tables, narr = _seed_gap_tables(), report.narrative
    # what the report states 0 of, in one pass: most reports state no zero of these items
    zero_claims = {claim.what for claim in narr.claims if claim.value == 0}
    kinds = {statement.kind for statement in narr.statements}
    for item in tables.zero_items:
        if item.claims.isdisjoint(zero_claims) and kinds.isdisjoint(item.statements):
            continue
        zeros = _zeros(report, item)
        if not zeros:
            continue
        if item.cells:
            total, firm = _total(report, item.cells)
            if total != 0 or not firm:
                continue  # the table holds some, or was not read as written: not this rule's to say
        handled = _handled(report, item, tables, {sentence for _said, sentence, _loc in zeros})
        if not handled:
            continue
        said, zero_sentence, zero_loc = zeros[0]
        first = handled[0]
        zero = _excerpt(_clause_of(zero_sentence, said), 60)
        where_zh, where_en = (
            ("随后又写道", "then says")
            if first.loc.line == zero_loc.line
            else (f"第{first.loc.line}行却写道", f"line {first.loc.line} says")
        )
        warn = item.severity == "warning"
        verdict_zh = "像是照搬的套话" if warn else "可能是一般做法的描述，也可能是照搬的套话"
        verdict_en = "it looks like copied boilerplate" if warn else "a general practice, or copied boilerplate"
        yield ctx.finding(
            Text(
                f"正文第{zero_loc.line}行称“{zero}”（{item.zh}为 0），{where_zh}“{_excerpt(first.text, 100)}”，描述了"
                f"办理{item.zh}的工作；{verdict_zh}，请核实。",
                f"line {zero_loc.line} says “{zero}” (0 {item.en}), yet {where_en} “{_excerpt(first.text, 100)}”, "
                f"describing work done on them: {verdict_en}; please check.",
            ),
            loc=first.loc,
            place=Place(section=first.section),
            values={
                "item": item.id,
                "zero": {"text": said, "sentence": zero_sentence, "line": zero_loc.line},
                "handled": [{"text": s.text, "line": s.loc.line} for s in handled[:3]],
            },
            key=item.id,
            severity=WARNING if warn else INFO,
        )


# ── a table 二 figure the text never mentions (D4, thin content) ──────────────────────────────────────────────
@rule(
    code="NAR019",
    name="table-figure-not-described",
    severity=INFO,
    variants=_VARIANTS,
    summary=Text(
        "表二中较大的数字（行政处罚、许可、强制、规范性文件）在正文中只字未提",
        "A sizeable table 2 figure (penalties, licences, coercion, documents) is never mentioned in the text",
    ),
    explanation=Text(
        "表二第二十条第（一）（五）（六）项的本年数字较大（默认至少 10），而正文（导语、总体情况、存在的问题、其他事项）"
        "从未提到这一类工作（如 181 件行政处罚，正文没有“处罚”“执法”），报告内容不够翔实（D4）：提示在总体情况中"
        "概述。只看按原样读出的单元格；由扁平文本恢复或未读出的单元格不作判断。只查乡镇、街道和部门的报告：县级以上"
        "人民政府（或自称汇总全地区情况的报告）的表二汇总各部门的决定，总体情况概述全地区工作而不逐类叙述。类别、"
        "用词和门槛见 narrative.toml 的 [[undescribed]]。",
        "A figure of table 2, article 20 items (1), (5) and (6), that is sizeable (at least 10 by default) while the "
        "prose (preamble, overview, problems, other matters) never mentions that kind of work — e.g. 181 penalty "
        "decisions and no 处罚 or 执法 in the text — makes the report thin (D4): info, to describe it in the overview. "
        "Only cells read as written count; a cell recovered from flattened text or not read says nothing. Only the "
        "reports of townships, streets and departments are checked: a county-level or higher government's table 2 "
        "(or a report that says it sums up a region) adds up its departments' decisions, and its overview sums up "
        "the region's work rather than each kind of decision. The categories, their words and thresholds are "
        "[[undescribed]] in narrative.toml.",
    ),
    basis=(legal.FORMAT_2021_OVERVIEW, legal.FORMAT_2021_TABLE_2, legal.ARTICLE_50),
)
def undescribed_figures(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    tables, section = _seed_gap_tables(), report.section("一")
    if section is None or len(section.text.strip()) < 20 or report.metadata.body_kind not in tables.undescribed_kinds:
        return
    if report.narrative.said("covers_region"):
        return  # the figures add up a region's bodies
    for entry, mention in tables.undescribed:
        total, firm = _total(report, (entry["cell"],))
        if total is None or not firm or total < entry.get("min", 1):
            continue
        if _mentioned(report, mention):
            continue
        table_id, row, column = entry["cell"].split(".")
        cell = _cell(report, entry["cell"])
        yield ctx.finding(
            Text(
                f"表二“{template.row_label(table_id, row)}”为 {total}，正文却没有提到{entry['zh']}工作；建议在总体情况"
                f"中概述。",
                f"table 2 shows {total} {entry['en']}, but the text never mentions them; describe them in the "
                f"overview.",
            ),
            loc=cell.loc if cell else None,
            place=Place(section="二", table=table_id, row=row, column=column),
            values={"cell": entry["cell"], "value": total, "category": entry["id"]},
            key=entry["id"],
        )


def _mentioned(report: Report, mention: re.Pattern[str]) -> bool:
    """Whether the prose (preamble, 一, 五, 六) says something ``mention`` matches: for an alternation of words, one
    of the sentences of the report's shared reading holds one of them; else one search over the prose joined."""
    words = literal_words(mention)
    if words is not None and "\x00" not in "".join(words):  # (a word with a NUL could span two sentences joined)
        read = _read(report)
        return any(read.sentences[index].section in _FOREIGN_SECTIONS for index in read.holding(words))
    prose = "\x00".join(s.text for s in report.narrative.sentences if s.section in _FOREIGN_SECTIONS)
    return contains(mention, prose)


RULES = [
    application_count,
    all_handled,
    no_applications,
    review_litigation,
    document_count,
    enumeration,
    fee_statements,
    promised_content,
    stale_year,
    overview_aspects,
    accountability,
    problems_section,
    writing_defects,
    foreign_level,
    zero_but_handled,
    undescribed_figures,
]


@hookimpl
def auditor_rules() -> list[Rule]:
    return [*RULES, FOLLOW_UP]


@hookimpl
def auditor_batch_checks() -> list[BatchCheck]:
    return [FOLLOW_UP_CHECK]
