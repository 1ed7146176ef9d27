"""Report year, statistics period and signing date (SPEC §5.2, Appendix B)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from auditor.hookspecs import (
    ERROR,
    EVERY_VARIANT,
    INFO,
    PRE2019,
    WARNING,
    Finding,
    Found,
    Location,
    Place,
    Report,
    Rule,
    RuleContext,
    Text,
    hookimpl,
    legal,
    rule,
)
from auditor.patterns import compiled

_BASIS = (legal.ARTICLE_49, legal.FORMAT_2021_BASIS)
_BODY_ZH = {
    "department": "县级以上人民政府部门",
    "government": "县级以上地方人民政府",
    "township": "乡镇人民政府、街道办事处",
    "unknown": "发布机关",
}
_BODY_EN = {
    "department": "a department of a government at county level or above",
    "government": "a local government at county level or above",
    "township": "a township or street office",
    "unknown": "the issuing body",
}


@rule(
    code="DAT001",
    name="report-year-unknown",
    severity=ERROR,
    summary=Text("无法确定报告年度", "The report year cannot be determined"),
    explanation=Text(
        "标题中应写明报告年度（如“2023年政府信息公开工作年度报告”）；没有年度，无法核对格式和期限。年度依次取自标题、"
        "统计期限、导语中的“××××年度”，未识别到标题时还取自总体情况开头的年份（如“一、总体情况”后的“2021年，我局…”）。"
        "找到了标题而其中没有年度时为错误；连标题都未能识别时只是警告（标题可能未被读出）。",
        "The title gives the report year (e.g. 2023年政府信息公开工作年度报告); without it neither the "
        "format nor the deadlines can be checked. The year is read from the title, else the statistics period, else "
        "the 「YYYY年度」 phrases of the preamble, else, where no title was recognised, the year the overview opens with "
        "(「2021年，我局…」 after 「一、总体情况」). An error when a title was found without a year; only a warning when "
        "no title was recognised at all (it may not have been read).",
    ),
    basis=_BASIS,
    variants=EVERY_VARIANT,
)
def report_year_unknown(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    if report.year is not None:
        return
    title = report.metadata.title
    if _unfilled_template(report):
        # One cause, one finding: the template was not filled in at all (NUM009 says so for each table); the
        # missing year is part of that, told as information.
        yield ctx.finding(
            Text(
                "报告年度也未填写：这是一份未填写的模板（各部分只有占位文字，统计表没有任何数字，见 NUM009）。",
                "the report year is not filled in either: this is an unfilled template (placeholder text only, no "
                "figure in any table; see NUM009).",
            ),
            loc=title.loc if title is not None else None,
            place=Place(section="title"),
            severity=INFO,
        )
        return
    if title is not None:
        yield ctx.finding(
            Text(
                f"标题“{title.text}”、统计期限和导语中都没有报告年度。",
                f"neither the title “{title.text}” nor a statistics period nor the preamble gives the report year.",
            ),
            loc=title.loc,
            place=Place(section="title"),
        )
        return
    yield ctx.finding(
        Text(
            "未能识别报告标题，统计期限和导语中也没有报告年度（标题可能未被读出，请核对）。",
            "no title was recognised, and neither a statistics period nor the preamble gives the report year (the "
            "title may not have been read; to be confirmed).",
        ),
        place=Place(section="title"),
        severity=WARNING,
    )


_STATISTICS_SECTIONS = ("二", "三", "四")


def _unfilled_template(report: Report) -> bool:
    """A blank template: statistics tables present and none holding a figure, and every part's text empty or only
    a placeholder such as 「（文字描述）」."""
    tables = [t for t in report.tables.values() if t.section in _STATISTICS_SECTIONS]
    if not tables or not report.sections:
        return False
    if any(cell.kind == "number" for t in tables for row in t.rows.values() for cell in row.cells.values()):
        return False
    return all(_placeholder_only(section.text) for section in report.sections)


def _placeholder_only(text: str) -> bool:
    stripped = text.strip()
    return not stripped or (stripped[0] in "（(" and stripped[-1] in "）)" and "\n" not in stripped)


@rule(
    code="DAT002",
    name="period-year-mismatch",
    severity=ERROR,
    summary=Text("统计期限的年份与报告年度不符", "The statistics period is not the report year"),
    explanation=Text(
        "年度报告统计的是报告年度 1 月 1 日至 12 月 31 日的数据；统计期限写成其他年份说明数据或文字有误。",
        "An annual report covers 1 January to 31 December of its year; a period in another year means the "
        "figures or the text are wrong.",
    ),
    basis=_BASIS,
    variants=EVERY_VARIANT,
)
def period_year_mismatch(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    period = report.metadata.statistics_period
    year = report.year
    found_year = report.metadata.report_year
    if period is None or year is None or (found_year is not None and found_year.loc == period.loc):
        return
    start, end = period.value["start"], period.value["end"]
    years = {int(d[:4]) for d in (start, end) if d}
    if years and years != {year}:
        yield ctx.finding(
            Text(
                f"统计期限“{period.text}”与报告年度 {year} 年不符。",
                f"the statistics period “{period.text}” is not the report year {year}.",
            ),
            loc=period.loc,
            place=Place(section="preamble"),
            values={"period": period.value, "year": year},
        )


@rule(
    code="DAT003",
    name="period-not-full-year",
    severity=WARNING,
    summary=Text("统计期限不是完整的自然年", "The statistics period is not a full calendar year"),
    explanation=Text(
        "统计期限应为报告年度 1 月 1 日至 12 月 31 日。",
        "The statistics period runs from 1 January to 31 December of the report year.",
    ),
    basis=_BASIS,
    variants=EVERY_VARIANT,
)
def period_not_full_year(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    period = report.metadata.statistics_period
    if period is None or not period.value["start"] or not period.value["end"]:
        return
    start, end = period.value["start"], period.value["end"]
    if start[4:] != "-01-01" or end[4:] != "-12-31" or start[:4] != end[:4]:
        yield ctx.finding(
            Text(
                f"统计期限“{period.text}”不是 1 月 1 日至 12 月 31 日。",
                f"the statistics period “{period.text}” is not 1 January to 31 December.",
            ),
            loc=period.loc,
            place=Place(section="preamble"),
            values={"period": period.value},
        )


@rule(
    code="DAT004",
    name="period-year-omitted",
    severity=INFO,
    summary=Text("统计期限的截止日期没有写年份", "The end of the statistics period has no year"),
    explanation=Text(
        "如“从2023年1月1日至12月31日”，截止日期宜写全年份：“至2023年12月31日”。",
        "As in 从2023年1月1日至12月31日: write the year of the end date too (至2023年12月31日).",
    ),
    basis=_BASIS,
    variants=EVERY_VARIANT,
)
def period_year_omitted(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    period = report.metadata.statistics_period
    if period is not None and period.value["start"] and not period.value["end_year_written"]:
        yield ctx.finding(
            Text(
                f"统计期限“{period.text}”的截止日期没有写年份。",
                f"the statistics period “{period.text}” gives no year for its end.",
            ),
            loc=period.loc,
            place=Place(section="preamble"),
        )


@rule(
    code="DAT005",
    name="no-statistics-period",
    severity=INFO,
    summary=Text("未说明统计期限", "No statistics period is stated"),
    explanation=Text(
        "报告通常在开头说明“本报告所列数据的统计期限自某年1月1日起至12月31日止”。文本在开头部分就中断时（SEC008），"
        "不再另报本条。",
        "Reports customarily state the period their figures cover (1 January to 31 December). Where the text stops "
        "before its first section (SEC008), this is not reported besides.",
    ),
    basis=_BASIS,
    variants=EVERY_VARIANT,
)
def no_statistics_period(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    if report.metadata.statistics_period is None:
        title = report.metadata.title
        garbled = _garbled_period(report)
        if garbled is not None:  # stated, but its dates lost characters: say it could not be read
            line, text = garbled
            yield ctx.finding(
                Text(
                    f"统计期限的日期缺字，无法读取（“{text}”），请核对。",
                    f"the statistics period's dates lost characters and cannot be read (“{text}”): please check.",
                ),
                loc=Location(line, 1),
                place=Place(section="preamble"),
                values={"text": text},
            )
            return
        cut = report.cut_off()
        if cut is not None and cut.section is None:
            return  # the text stops in its opening, where the period is stated: SEC008 is that one cause
        yield ctx.finding(
            Text("报告没有说明数据的统计期限。", "the report does not state the period its figures cover."),
            loc=title.loc if title else None,
            place=Place(section="preamble"),
        )


# A period sentence whose dates lost characters in the copy: 「统计期限为20231月1日至202312月31日」, 「202311日」.
_GARBLED_PERIOD = compiled(r"(?:统计|統計)(?:期限|时限|時限|时间|時間)[^。\n]{0,40}?(?:19|20)\d{3,6}[月日]")


def _garbled_period(report: Report) -> tuple[int, str] | None:
    """The line and words of a stated statistics period that could not be read, if any (looked for only when the
    text names a 统计期限/统计时间 at all)."""
    for number, line in enumerate(report.lines[:80], 1):
        if "统计" in line or "統計" in line:
            match = _GARBLED_PERIOD.search(line)
            if match is not None:
                end = line.find("止", match.end(), match.end() + 30)  # the whole period, up to its 止 if near
                return number, line[match.start() : end + 1 if end > 0 else match.end()]
    return None


@dataclass(frozen=True, slots=True)
class _Dated:
    """The date the deadline rules judge: the signing date, or a web page's publication date when unsigned."""

    date: dt.date
    year: int
    found: Found
    zh: str  # how to name it in a message
    en: str

    @property
    def source(self) -> str:
        return "signature" if self.zh == "落款日期" else "publication"


def _dated(report: Report) -> _Dated | None:
    signed, published, year = report.metadata.signing_date, report.metadata.publication_date, report.year
    if year is None:
        return None
    if signed is not None:
        if not signed.value:
            return None  # a date that does not exist: DAT009
        return _Dated(dt.date.fromisoformat(signed.value), year, signed, "落款日期", "signed")
    if published is not None and published.value:
        return _Dated(
            dt.date.fromisoformat(published.value),
            year,
            published,
            "发布日期（网页的“发布日期/发布时间”，正文无落款日期）",
            "published (the page's 发布日期/发布时间 line; the text has no signing date)",
        )
    return None


@rule(
    code="DAT006",
    name="signed-before-year-end",
    severity=ERROR,
    summary=Text("落款或发布日期早于报告年度结束", "Signed or published before the report year ended"),
    explanation=Text(
        "年度报告统计全年数据，落款（或发布）日期不能早于报告年度的 12 月 31 日，否则统计期限不完整。",
        "An annual report covers the whole year: it cannot be signed or published on or before 31 "
        "December of the report year, or its period is incomplete.",
    ),
    basis=_BASIS,
    variants=EVERY_VARIANT,
)
def signed_before_year_end(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    dated = _dated(report)
    if dated is None or dated.date > dt.date(dated.year, 12, 31):
        return
    yield ctx.finding(
        Text(
            f"{dated.zh}{dated.found.text}早于报告年度结束（{dated.year}年12月31日），全年数据尚未产生。",
            f"{dated.en} {dated.found.text}, on or before 31 December {dated.year}: the year's figures did not "
            "exist yet.",
        ),
        loc=dated.found.loc,
        place=Place(section="signature"),
        values={"date": dated.found.value, "date_source": dated.source, "year": dated.year},
    )


@rule(
    code="DAT007",
    name="signed-late",
    severity=WARNING,
    summary=Text("落款或发布日期晚于发布期限", "Signed or published after the deadline"),
    explanation=Text(
        "条例第四十九条：县级以上人民政府部门应于每年 1 月 31 日前公布上一年度报告；县级以上地方人民政府的报告由主管部门于"
        "3 月 31 日前公布。乡镇、街道的期限由各地规定。期限可在配置的 deadlines 中按机关类型调整。2018 年度及以前的报告"
        "适用 2008 年条例第三十一条：次年 3 月 31 日前。正文没有落款日期时，按网页的发布日期（发布日期/发布时间）核对；"
        "落款在期限内而网页发布日期晚于期限时，按发布日期报告并说明。机关类型取自报告的主体（标题），标题未写明时取自"
        "落款；人民政府的办公室/办公厅代本级政府落款，推定为该政府的报告，并在说明中写明所推定的期限。",
        "Article 49: departments of governments at county level and above publish by 31 January, local "
        "governments at county level and above by 31 March; townships and street offices follow local rules. "
        "Set the deadlines per body type under `deadlines` in the configuration. Reports for 2018 and earlier follow "
        "Article 31 of the 2008 Regulations: by 31 March. Without a signing date in the text, the web page's "
        "publication date (发布日期/发布时间) is used; signed in time but with a page date after the deadline, the "
        "page date is reported, saying so. The body type is the report's subject (its title), else the signer's; a "
        "government's own 办公室/办公厅 signing is assumed to sign for that government, and the message says which "
        "deadline was assumed.",
    ),
    basis=_BASIS,
    variants=EVERY_VARIANT,
)
def signed_late(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    dated = _dated(report)
    if dated is None:
        return
    kind = report.metadata.body_kind
    if report.variant == PRE2019:  # 2008 条例 第三十一条: every body by 31 March
        month_day, body_zh, body_en = "03-31", "2008 年条例（第三十一条）", "the 2008 Regulations (Article 31)"
    else:
        month_day = ctx.options.get("deadlines", {}).get(kind, "03-31")
        body_zh, body_en = _BODY_ZH[kind], _BODY_EN[kind]
        body = report.metadata.issuing_body
        if report.metadata.body_kind_source == "office" and body is not None:  # a guess: say which deadline was assumed
            body_zh += f"（按落款“{body.text}”推定为本级人民政府的报告；若为该办公室自身的报告，期限为 1 月 31 日）"
            body_en += (
                f" (assumed from the signer “{body.text}”, a government's own office signing for it; were it the "
                "office's own report, the deadline would be 31 January)"
            )
        elif kind == "unknown":
            body_zh += "（机关类型无法确定，按最晚的法定期限核对）"
            body_en += " (the body type could not be determined: the latest statutory deadline was assumed)"
    deadline = dt.date(dated.year + 1, int(month_day[:2]), int(month_day[3:]))
    zh = en = ""
    published = report.metadata.publication_date
    page_date = dt.date.fromisoformat(published.value) if published is not None and published.value else None
    if dated.date <= deadline and dated.source == "signature" and page_date and page_date > deadline:
        # Signed in time, but the page says it was published late: a page's date may be a later re-posting
        assert published is not None
        signed = dated.found.text
        dated = _Dated(page_date, dated.year, published, "发布日期", "published")
        zh = f"（落款日期 {signed} 在期限内；发布日期取自网页，可能是转载或改版的日期，请核实）"
        en = f" (signed {signed}, in time; the date is the page's, which may be a later re-posting: to confirm)"
    if dated.date > deadline and dated.date.year == dated.year + 1:
        yield ctx.finding(
            Text(
                f"{dated.zh} {dated.found.text} 晚于{body_zh}的期限 {deadline.isoformat()}{zh}。",
                f"{dated.en} {dated.found.text}, after the deadline for {body_en}, {deadline.isoformat()}{en}.",
            ),
            loc=dated.found.loc,
            place=Place(section="signature"),
            values={
                "date": dated.found.value,
                "date_source": dated.source,
                "deadline": deadline.isoformat(),
                "body_kind": kind,
                "body_kind_source": report.metadata.body_kind_source,
            },
        )


@rule(
    code="DAT008",
    name="signed-in-other-year",
    severity=WARNING,
    summary=Text(
        "落款或发布日期不在报告年度的次年", "Signed or published in a year other than the one after the report year"
    ),
    explanation=Text(
        "年度报告应在报告年度的次年年初发布；落款年份既不是报告年度也不是次年，通常是年份笔误。",
        "A report is published early in the year after its report year; any other year is usually a typing error.",
    ),
    basis=_BASIS,
    variants=EVERY_VARIANT,
)
def signed_in_other_year(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    dated = _dated(report)
    if dated is None or dated.date.year <= dated.year + 1:
        return
    if dated.source == "publication":  # a page dated years later is more often re-posted than published late
        yield ctx.finding(
            Text(
                f"网页的发布日期 {dated.found.text} 不在报告年度的次年（{dated.year + 1} 年）；可能是网站迁移后重新发布，"
                "无法据此判断报告是否逾期。",
                f"the page's publication date {dated.found.text} is not in the year after the report year "
                f"({dated.year + 1}); the page may have been re-posted (a site moved), so lateness cannot be judged "
                "from it.",
            ),
            loc=dated.found.loc,
            place=Place(section="signature"),
            values={"date": dated.found.value, "date_source": dated.source, "year": dated.year},
            severity=INFO,
        )
        return
    yield ctx.finding(
        Text(
            f"{dated.zh} {dated.found.text} 不在报告年度的次年（{dated.year + 1} 年）。",
            f"{dated.en} {dated.found.text}, not in the year after the report year ({dated.year + 1}).",
        ),
        loc=dated.found.loc,
        place=Place(section="signature"),
        values={"date": dated.found.value, "date_source": dated.source, "year": dated.year},
    )


@rule(
    code="DAT009",
    name="invalid-date",
    severity=ERROR,
    summary=Text("日期不存在", "A date that does not exist"),
    explanation=Text(
        "落款日期或统计期限中的日期不存在（如 2 月 30 日）。",
        "The signing date or a date of the period does not exist (e.g. 30 February).",
    ),
    basis=_BASIS,
    variants=EVERY_VARIANT,
)
def invalid_date(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    signed = report.metadata.signing_date
    if signed is not None and signed.value == "":
        yield ctx.finding(
            Text(f"落款日期“{signed.text}”不存在。", f"the signing date “{signed.text}” does not exist."),
            loc=signed.loc,
            place=Place(section="signature"),
            key="signature",
        )
    period = report.metadata.statistics_period
    if period is not None and period.value["start"] == "":
        yield ctx.finding(
            Text(
                f"统计期限“{period.text}”中的日期不存在。",
                f"the statistics period “{period.text}” holds a date that does not exist.",
            ),
            loc=period.loc,
            place=Place(section="preamble"),
            key="period",
        )


@rule(
    code="DAT010",
    name="no-signing-date",
    severity=INFO,
    summary=Text("报告末尾没有落款日期", "No signing date at the end of the report"),
    explanation=Text(
        "报告末尾通常有发布机关署名和日期；网页发布时日期可能只在页面信息中，无法从正文核对发布期限。文本在报告结束前"
        "中断时（SEC008），末尾没有读到，不再另报本条。",
        "A report usually ends with the issuing body and a date; on web pages the date may live only in "
        "the page's metadata, so the deadline cannot be checked from the text. Where the text stops before the "
        "report's end (SEC008), its end was not read, and this is not reported besides.",
    ),
    basis=_BASIS,
    variants=EVERY_VARIANT,
)
def no_signing_date(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    if report.metadata.signing_date is not None:
        return
    published = report.metadata.publication_date
    if published is not None:
        yield ctx.finding(
            Text(
                f"正文末尾没有落款日期；发布期限按网页的发布日期（“{published.text}”）核对。",
                f"the text ends without a signing date; the deadline was checked against the page's publication "
                f"date (“{published.text}”).",
            ),
            loc=published.loc,
            place=Place(section="signature"),
            values={"publication_date": published.value},
        )
        return
    if report.cut_off() is not None:
        return  # the text stops before the report's end: the signature was not read (SEC008), not found missing
    yield ctx.finding(
        Text(
            "正文末尾没有落款日期，无法核对发布期限。",
            "the text ends without a signing date: the deadline cannot be checked.",
        ),
        loc=None,
        place=Place(section="signature"),
    )


@rule(
    code="DAT012",
    name="self-named-year-mismatch",
    severity=WARNING,
    summary=Text("开头称本报告为另一年度的报告", "The opening names the report with another year"),
    explanation=Text(
        "报告开头说明编制或公布的是哪一年度的报告（“结合我局实际，编制完成2022年度政府信息公开工作年度报告”）；"
        "写成与标题不同的年度，多是沿用其他年份的报告未改年份。只看开头（第一部分之前）、且不在《》中的说法："
        "正文回顾上一年度报告的编制发布、所引通知的标题不在此列。",
        "A report's opening says which year's report is compiled or published (编制完成2022年度政府信息公开工作年度"
        "报告); another year than the title's usually comes from another year's report left unchanged. Only the "
        "opening (before part 一) counts, outside 《》: the body telling how last year's report was published and the "
        "titles of notices it cites are not this report's name.",
    ),
    basis=_BASIS,
    variants=EVERY_VARIANT,
)
def self_named_year_mismatch(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    year, overview = report.year, report.section("一")
    if year is None or report.metadata.year_source != "title" or overview is None:
        return  # the year read from the opening itself, or no opening to tell from the body
    end = overview.loc.line
    for number, line in enumerate(report.lines[:end], 1):
        if number == end:
            line = line[: max(0, overview.loc.column - 1)]
        if "报告" not in line and "年报" not in line:
            continue
        for match in _SELF_NAMED.finditer(line):
            said = int(match["year"])
            if said == year or line.rfind("《", 0, match.start()) > line.rfind("》", 0, match.start()):
                continue
            yield ctx.finding(
                Text(
                    f"开头称“{match.group(0)}”，与报告年度 {year} 年不符，请核对年份。",
                    f"the opening says “{match.group(0)}”, not the report year {year}: check the year.",
                ),
                loc=Location(number, match.start() + 1),
                place=Place(section="preamble"),
                values={"report_year": year, "year_in_text": said, "text": match.group(0)},
            )
            return  # one cause (the report's name written with another year), one finding


# The report naming itself as it is compiled or published (「结合我局实际，编制完成2023年度政府信息公开工作年度报告」,
# 「现公布…2022年政府信息公开工作年度报告」): a verb of compiling or publishing, at most a body's name, the year.
_SELF_NAMED = compiled(
    r"(?:编制|形成|公布|发布|现将)[了完成并向社会公布]{0,6}[^\d，。；《》]{0,16}?(?<!\d)"
    r"(?P<year>(?:19|20)\d{2})\s*年度?\s*(?:政府信息公开|政务公开)(?:工作)?(?:年度)?(?:报告|年报)"
)


@rule(
    code="DAT011",
    name="printed-before-year-end",
    severity=WARNING,
    summary=Text("版记的印发日期早于报告年度结束", "The colophon's printing date is before the report year ended"),
    explanation=Text(
        "以公文印发的年度报告，版记写有印发日期（“某某局办公室 2021年1月26日印发”）。年度报告统计全年数据，印发日期"
        "不能早于报告年度的 12 月 31 日；落款日期在年度结束之后时，多是沿用上一年的版记未改年份。落款日期本身也早于"
        "年度结束时，由 DAT006 说明（同一原因，一条结论）。",
        "A report issued as an official document ends with a colophon giving its printing date (某某局办公室 "
        "2021年1月26日印发). An annual report covers the whole year: it cannot be printed on or before 31 December "
        "of the report year; when the signing date is after the year's end, the colophon usually comes from last "
        "year's document with its year left unchanged. When the signing date too is before the year's end, DAT006 "
        "says so (one cause, one finding).",
    ),
    basis=_BASIS,
    variants=EVERY_VARIANT,
)
def printed_before_year_end(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    printed, signed, year = report.metadata.printed_date, report.metadata.signing_date, report.year
    if printed is None or not printed.value or year is None:
        return
    year_end = dt.date(year, 12, 31)
    if dt.date.fromisoformat(printed.value) > year_end:
        return
    if signed is not None and signed.value and dt.date.fromisoformat(signed.value) <= year_end:
        return  # the report's own date is before the year's end too: DAT006 is that one cause
    zh = en = ""
    if signed is not None and signed.value:
        zh = f"，与落款日期“{signed.text}”不符，可能是版记沿用了旧的年份，请核对"
        en = f", against the signing date “{signed.text}”: the colophon may keep an old year; please check"
    yield ctx.finding(
        Text(
            f"版记的印发日期“{printed.text}”早于报告年度结束（{year}年12月31日）{zh or '，全年数据尚未产生'}。",
            f"the colophon's printing date “{printed.text}” is on or before 31 December {year}"
            f"{en or ': the year’s figures did not exist yet'}.",
        ),
        loc=printed.loc,
        place=Place(section="signature"),
        values={"date": printed.value, "year": year, "signing_date": signed.value if signed else None},
    )


@hookimpl
def auditor_rules() -> list[Rule]:
    return [
        report_year_unknown,
        period_year_mismatch,
        period_not_full_year,
        period_year_omitted,
        no_statistics_period,
        signed_before_year_end,
        signed_late,
        signed_in_other_year,
        invalid_date,
        no_signing_date,
        printed_before_year_end,
        self_named_year_mismatch,
    ]
