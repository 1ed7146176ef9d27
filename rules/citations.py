"""Format-version citations (SPEC §2.1, §3.1, §5.1): which format notice a report cites, whether it fits the
report's year and its tables, and whether notices and the fee measure are named right."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor.hookspecs import (
    ERROR,
    EVERY_VARIANT,
    INFO,
    WARNING,
    Citation,
    Edit,
    Finding,
    Fix,
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
from auditor.resources import read_toml

_FORMAT_BASIS = (legal.FORMAT_2021_BASIS, legal.ARTICLE_50)
_FIRST_2021_YEAR = 2021  # the 30号 format applies from the 2021 annual report on (SPEC §3.1)
CITATIONS = Path(__file__).with_name("citations.toml")


# ── the catalogue of issuers (citations.toml) ─────────────────────────────────────────────────────────────
@dataclass(frozen=True)
class DocumentClass:
    """A kind of document cited by its title (citations.toml), in Chinese and English."""

    kind: str
    zh: str
    en: str
    title: re.Pattern[str]


@dataclass(frozen=True)
class Scope:
    """Where a cited document comes from: national | local | unknown, with the words that showed it."""

    scope: str
    issuer: str | None = None
    document: DocumentClass | None = None
    evidence: str = ""


class CatalogError(ValueError):
    pass


@dataclass(frozen=True)
class Catalog:
    """National and local issuers and the classes of local documents (see the comment atop citations.toml)."""

    national_prefixes: tuple[str, ...]
    national_authors: tuple[str, ...]
    provinces: tuple[tuple[str, str], ...]
    place: re.Pattern[str]  # a place name followed by an issuer's words, at the start of an author
    issuer_before: re.Pattern[str]  # a local issuer written just before a title (省财政厅《…》)
    documents: tuple[DocumentClass, ...]

    def of_number(self, prefix: str | None) -> Scope | None:
        """The scope a document-number prefix shows (国办公开办函 → national, 闽财非税函 → 福建省), if any."""
        if not prefix:
            return None
        if prefix in self.national_prefixes or prefix.startswith(
            "国"
        ):  # the State Council's numbers: 国办…, 国发, 国函
            return Scope("national", prefix, evidence=prefix)
        for name, short in self.provinces:
            if prefix.startswith(short):
                return Scope("local", name, evidence=prefix)
        return Scope("local", None, evidence=prefix)  # a city's or county's prefix: not the State Council's

    def of_title(self, title: str, before: str = "") -> Scope | None:
        """The scope a title's author (the words before 关于) or the issuer written before its 《 shows, if any."""
        author = title.split("关于", 1)[0] if "关于" in title else ""
        if author:
            if author in self.national_authors:
                return Scope("national", author, evidence=author)
            if self._local(author):
                return Scope("local", author, evidence=author)
        elif self._local(title[:12]) and not title.startswith(self.national_authors):
            match = self.place.match(title)
            return Scope("local", match.group(0) if match else None, evidence=title[:12])
        match = self.issuer_before.search(before)
        if match:
            return Scope("local", match.group(0), evidence=match.group(0))
        return None

    def _local(self, words: str) -> bool:
        return bool(self.place.match(words)) or any(words.startswith(name) for name, _short in self.provinces)

    def document(self, title: str | None) -> DocumentClass | None:
        for found in self.documents:
            if found.title.search(title or ""):
                return found
        return None


def load_catalog(*paths: str | Path) -> Catalog:
    """Merge citation catalogues (TOML files like citations.toml); lists are joined in the order given."""
    national: dict[str, list[str]] = {"number_prefixes": [], "authors": []}
    local: dict[str, list[Any]] = {"provinces": [], "place_suffixes": [], "issuer_words": []}
    documents: list[DocumentClass] = []
    for path in paths:
        try:
            data = read_toml(path)
            for key in national:
                national[key].extend(data.get("national", {}).get(key, []))
            for key in local:
                local[key].extend(data.get("local", {}).get(key, []))
            for entry in data.get("document", []):
                documents.append(DocumentClass(entry["kind"], entry["zh"], entry["en"], compiled(entry["title"])))
        except (OSError, ValueError, KeyError, re.error) as exc:  # ValueError: tomllib.TOMLDecodeError
            raise CatalogError(f"{path}: {type(exc).__name__}: {exc}") from exc
    suffixes = "|".join(sorted(map(re.escape, local["place_suffixes"]), key=len, reverse=True)) or "(?!)"
    words = "|".join(sorted(map(re.escape, local["issuer_words"]), key=len, reverse=True)) or "(?!)"
    return Catalog(
        tuple(sorted(national["number_prefixes"], key=len, reverse=True)),
        tuple(national["authors"]),
        tuple((name, short) for name, short in local["provinces"]),
        compiled(rf"^[\u4e00-\u9fff]{{0,10}}?(?:{suffixes})[\u4e00-\u9fff]{{0,12}}?(?:{words})"),
        compiled(rf"(?:{suffixes})[\u4e00-\u9fff]{{0,10}}?(?:{words})(?=(?:印发|下发|发布|制定|出台)?的?$)"),
        tuple(sorted(documents, key=lambda d: not d.title.pattern)),  # catch-all classes (title "") last
    )


@functools.lru_cache(maxsize=8)
def _catalog(paths: tuple[str, ...]) -> Catalog:
    return load_catalog(*paths)


def catalog(ctx: RuleContext) -> Catalog:
    """The catalogue the installed plugins contribute (the built-in one when the run names none)."""
    return _catalog(tuple(ctx.options.get("citation_catalogs") or (str(CITATIONS),)))


def scope_of(citation: Citation, report: Report, found: Catalog) -> Scope:
    """Whether a cited document is national or local: by its number's prefix, else by its title's author or the
    issuer written before it, else by a numbered citation of the same title; unknown when nothing tells."""
    scope = found.of_number(citation.issuer) if citation.number is not None else None
    if scope is None and citation.title:
        return title_scope(citation.title, citation.title_loc or citation.loc, report, found)
    return _classed(scope or Scope("unknown"), citation.title, found)


def title_scope(title: str, loc: Location, report: Report, found: Catalog) -> Scope:
    """The scope of a document cited by its title (《…》 at ``loc``)."""
    scope = found.of_title(title, _before(report, loc))
    if scope is None:
        for other in [*report.metadata.other_citations, *report.metadata.format_citations]:
            if other.title == title and other.number is not None:
                scope = found.of_number(other.issuer)
                break
    return _classed(scope or Scope("unknown"), title, found)


def _classed(scope: Scope, title: str | None, found: Catalog) -> Scope:
    if scope.scope != "local":
        return scope
    return Scope("local", scope.issuer, found.document(title), scope.evidence)


def _before(report: Report, loc: Location) -> str:
    """The words just before a position (up to 12 characters of its line)."""
    if not 0 < loc.line <= len(report.lines):
        return ""
    line = report.lines[loc.line - 1]
    return line[max(0, loc.column - 13) : loc.column - 1]


_NATIONAL_2019_TITLE = "关于政府信息公开工作年度报告有关事项的通知"


def national_format(citation: Citation, report: Report, found: Catalog) -> str | None:
    """The national format a format citation points to, or None if it is not a national format citation: a
    numbered one by its number; an unnumbered one only if its title is a national one (the attachment
    《…年度报告格式（试行）》, the 60号 notice's title) and no local author or issuer is written with it."""
    if citation.kind in ("format-2019", "format-2021"):
        return cited_variant(citation.kind, citation.title)
    if citation.kind != "format-unnumbered" or not citation.title:
        return None
    if scope_of(citation, report, found).scope == "local":
        return None
    core = _core(citation.title)
    if "年度报告格式" in core or core.endswith(_NATIONAL_2019_TITLE):
        return cited_variant(citation.kind, citation.title)
    return None


def cited_variant(kind: str, title: str | None) -> str | None:
    """The format a citation points to: by its number, or for an unnumbered citation by its title."""
    if kind == "format-2019":
        return "2019"
    if kind == "format-2021":
        return "2021"
    if kind == "format-unnumbered" and title:
        if "试行" in title or "有关事项" in title:
            return "2019"
        return "2021"
    return None


def renumber_fix(report: Report, citation: Citation) -> Fix | None:
    """The 60号 notice cited where the tables are the 2021 format: cite 30号 (and its title, if the 60号 title was
    cited with it). Offered only where the tables show the 2021 format, so the fix states what the report did."""
    if citation.kind != "format-2019" or report.variant != "2021" or (report.year or 0) < _FIRST_2021_YEAR:
        return None
    edits = [Edit(citation.loc, citation.raw, legal.FORMAT_2021.number)]
    if citation.title and citation.title_loc and _core(citation.title) == _core(legal.FORMAT_2019.title):
        edits.insert(0, Edit(citation.title_loc, citation.title, legal.FORMAT_2021.title.strip("《》")))
    return Fix(
        tuple(edits),
        Text(
            f"把“{citation.raw}”改为“{legal.FORMAT_2021.number}”" + ("，通知名称一并改正" if len(edits) > 1 else ""),
            f"cite {legal.FORMAT_2021.number} instead of {citation.raw}"
            + (" with its title" if len(edits) > 1 else ""),
        ),
    )


def required_variant(year: int | None) -> str | None:
    if year is None or year < 2019:
        return None
    return "2021" if year >= _FIRST_2021_YEAR else "2019"


@rule(
    code="CIT001",
    name="outdated-format-notice",
    severity=ERROR,
    summary=Text("2021 年度起的报告仍引用已被取代的 60 号通知", "A 2021+ report cites the superseded 60号 notice"),
    explanation=Text(
        "国办公开办函〔2019〕60号规定的格式适用于 2019、2020 年度报告；自 2021 年度报告起，应依据国办公开办函〔2021〕30号"
        "印发的《中华人民共和国政府信息公开工作年度报告格式》编制。引用 60 号通知说明编制依据已过时；只写名称、不写文号地"
        "引用 2019 年的格式（《…年度报告格式（试行）》，或 60 号通知的名称）同样如此（转发它的地方通知除外）。",
        "The format of 国办公开办函〔2019〕60号 applies to the 2019 and 2020 reports; from the 2021 report on, reports "
        "follow the format issued with 国办公开办函〔2021〕30号. Citing the 60号 notice gives an outdated basis; so does "
        "naming the 2019 format by its title alone (《…年度报告格式（试行）》, or the 60号 notice's title), unless a "
        "local notice forwarding it is what is cited.",
    ),
    basis=_FORMAT_BASIS,
    fix="safe",
)
def outdated_format_notice(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    year = report.year
    if year is None or year < _FIRST_2021_YEAR:
        return
    tables_current = report.variant == "2021"  # then the citation also contradicts the tables (CIT002 stands down)
    found = catalog(ctx)
    for citation in report.metadata.format_citations:
        if citation.kind == "format-2019" or _national_2019_by_title(citation, report, found):
            # the 2019 format named by its title alone (《…年度报告格式（试行）》): as certain as the number
            if citation.kind == "format-2019":
                what = Text(f"已被取代的“{citation.raw}”", f"the superseded “{citation.raw}”")
            elif "试行" in citation.raw:
                what = Text(
                    f"2019 年的格式“{citation.raw}”（国办公开办函〔2019〕60号所附，已被取代）",
                    f"the 2019 format “{citation.raw}” (issued with 国办公开办函〔2019〕60号, superseded)",
                )
            else:
                what = Text(
                    f"已被取代的 2019 年通知“{citation.raw}”（即国办公开办函〔2019〕60号）",
                    f"the superseded 2019 notice “{citation.raw}” (国办公开办函〔2019〕60号)",
                )
            yield ctx.finding(
                Text(
                    f"{year} 年度报告引用了{what.zh}；2021 年度起应依据国办公开办函〔2021〕30号"
                    + ("（统计表已按 2021 年格式编制，与所引通知不一致：只是引用有误）。" if tables_current else "。"),
                    f"the {year} report cites {what.en}; from 2021 on the basis is 国办公开办函〔2021〕30号"
                    + (
                        " (its tables already follow the 2021 format: only the citation is wrong)."
                        if tables_current
                        else "."
                    ),
                ),
                loc=citation.loc,
                place=Place(section="preamble"),
                values={"cited": citation.raw, "required": legal.FORMAT_2021.number, "year": year}
                | ({"template": "2021"} if tables_current else {}),
                key=citation.canonical() or citation.raw,
                fix=renumber_fix(report, citation),
            )


def _national_2019_by_title(citation: Citation, report: Report, found: Catalog) -> bool:
    """The 2019 format cited by its title alone, with no number: 《…年度报告格式（试行）》 or the 60号 notice's title,
    not written as a local implementing notice."""
    return citation.kind == "format-unnumbered" and national_format(citation, report, found) == "2019"


def _told_by_outdated_notice(report: Report, citation: Citation, ctx: RuleContext) -> bool:
    """One cause, one finding: the 2019 format (the 60号 number, or its title alone) cited in a 2021+ report whose
    tables are the 2021 format is CIT001's finding (its message says the tables are current), unless CIT001 is not
    selected in this run."""
    if report.variant != "2021" or (report.year or 0) < _FIRST_2021_YEAR:
        return False
    if citation.kind != "format-2019" and not _national_2019_by_title(citation, report, catalog(ctx)):
        return False
    return "CIT001" in ctx.options.get("selected_codes", ("CIT001",))


@rule(
    code="CIT002",
    name="notice-contradicts-template",
    severity=ERROR,
    summary=Text("引用的格式通知与实际使用的表格模板不一致", "The cited format notice contradicts the tables used"),
    explanation=Text(
        "报告声称依据某一格式通知编制，但其统计表使用的是另一版本的模板（例如引用 30 号通知却使用 2019 年的表格），"
        "说明报告内容与其声明的编制依据相互矛盾。模板由表格本身判断，而非由报告的文字声明判断。2021 年度起的报告引用 60 号"
        "而表格已是 2021 年格式时，只报 CIT001（一个原因一条问题，其说明注明表格已是 2021 年格式）。",
        "The report says it follows one format notice while its tables follow the other version (e.g. it cites the "
        "30号 notice but uses the 2019 tables): the report contradicts its own stated basis. The template is "
        "detected from the tables, not from what the text claims. A 2021+ report citing the 60号 notice with 2021 "
        "tables gets CIT001 alone (one cause, one finding; its message says the tables are current).",
    ),
    basis=_FORMAT_BASIS,
    fix="safe",
)
def notice_contradicts_template(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    used = report.variant
    if used not in ("2019", "2021"):
        return
    found = catalog(ctx)
    for citation in report.metadata.format_citations:
        cited = national_format(citation, report, found)  # a local implementing notice is not the national one
        if cited is None or cited == used or _told_by_outdated_notice(report, citation, ctx):
            continue
        yield ctx.finding(
            Text(
                f"报告引用“{citation.raw}”（{cited} 年格式），但统计表使用的是 {used} 年格式的模板。",
                f"the report cites “{citation.raw}” (the {cited} format) but its tables follow the {used} format.",
            ),
            loc=citation.loc,
            place=Place(section="preamble"),
            values={
                "cited": citation.raw,
                "cited_variant": cited,
                "template": used,
                "markers": [m.official for m in report.template.markers.get(used, [])[:6]],
            },
            key=citation.canonical() or citation.raw,
            fix=renumber_fix(report, citation),
        )


@rule(
    code="CIT003",
    name="template-wrong-for-year",
    severity=ERROR,
    summary=Text("统计表模板与报告年度不符", "The table template does not fit the report year"),
    explanation=Text(
        "2019、2020 年度报告应使用国办公开办函〔2019〕60号的格式；2021 年度起应使用国办公开办函〔2021〕30号的格式"
        "（表二、表三（六）等均有变化）。使用旧模板说明报告未按现行格式编制。",
        "Reports for 2019 and 2020 use the format of 国办公开办函〔2019〕60号; from 2021 on the format of "
        "国办公开办函〔2021〕30号 (table 2 and row (6) of table 3 changed). A report in the wrong template does not "
        "follow the format in force.",
    ),
    basis=_FORMAT_BASIS,
)
def template_wrong_for_year(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    required = required_variant(report.year)
    used = report.variant
    if required is None or used not in ("2019", "2021") or used == required:
        return
    markers = report.template.markers.get(used, [])
    first = markers[0] if markers else None
    # a header cell wrapped over lines (「本年新\n制作数量」) is quoted on one line
    shown = "".join(first.as_written.split()) if first else ""
    yield ctx.finding(
        Text(
            f"{report.year} 年度报告应使用 {required} 年格式，但统计表使用的是 {used} 年格式（如“{shown}”）。",
            f"a {report.year} report should use the {required} format, but its tables follow the {used} format "
            f"(e.g. “{shown}”).",
        ),
        loc=first.loc if first else None,
        place=Place(section="二"),
        values={
            "year": report.year,
            "required": required,
            "template": used,
            "markers": [{"label": m.as_written, "line": m.loc.line} for m in markers[:8]],
        },
    )


@rule(
    code="CIT004",
    name="mixed-template",
    severity=ERROR,
    summary=Text("统计表混用了 2019 年和 2021 年两种模板", "The tables mix the 2019 and the 2021 templates"),
    explanation=Text(
        "同一份报告的统计表中同时出现两种格式特有的表头或行（例如“本年新制作数量”与“本年制发件数”），说明表格拼凑自"
        "不同版本的模板，数据口径不一致。",
        "The tables hold headers or rows that exist in only one of the two formats each (e.g. 本年新制作数量 and "
        "本年制发件数): they were pieced together from both templates and their figures are not comparable.",
    ),
    basis=_FORMAT_BASIS,
)
def mixed_template(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    if report.variant != "mixed":
        return
    m19, m21 = report.template.markers["2019"], report.template.markers["2021"]
    if all(report.cut_at(label.loc.line) for label in m19) or all(report.cut_at(label.loc.line) for label in m21):
        return  # one format's only sign is the row the text stops in, cut short (SEC008): not a second format
    yield ctx.finding(
        Text(
            f"统计表同时含有 2019 年格式（如第 {m19[0].loc.line} 行“{m19[0].as_written}”）和 2021 年格式（如第 "
            f"{m21[0].loc.line} 行“{m21[0].as_written}”）的内容。",
            f"the tables hold both 2019-format labels (e.g. line {m19[0].loc.line} “{m19[0].as_written}”) and "
            f"2021-format labels (e.g. line {m21[0].loc.line} “{m21[0].as_written}”).",
        ),
        loc=m21[0].loc if m21[0].loc.line > m19[0].loc.line else m19[0].loc,
        place=Place(section="二"),
        values={
            "2019": [{"label": m.as_written, "line": m.loc.line} for m in m19[:8]],
            "2021": [{"label": m.as_written, "line": m.loc.line} for m in m21[:8]],
        },
    )


@rule(
    code="CIT005",
    name="no-format-notice",
    severity=INFO,
    summary=Text("未注明所依据的年度报告格式", "The report does not cite the format it follows"),
    explanation=Text(
        "报告通常在开头说明依据《中华人民共和国政府信息公开条例》和国办公开办函〔2021〕30号（或 2019、2020 年度的 60 号"
        "通知）编制。未注明不违反格式本身，但不便核对。",
        "Reports customarily state at the start that they follow the Regulations and the format of "
        "国办公开办函〔2021〕30号 (the 60号 notice for 2019 and 2020). Not citing it breaks no rule of the format, "
        "but makes the basis harder to check.",
    ),
    basis=_FORMAT_BASIS,
)
def no_format_notice(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    found = catalog(ctx)
    meta = report.metadata
    for citation in meta.format_citations:
        if national_format(citation, report, found):
            return
        if citation.kind == "format-suspect" and scope_of(citation, report, found).scope != "local":
            return  # a national number written wrong: CIT008 says so
    required = required_variant(report.year) or "2021"
    notice = legal.FORMAT_2021 if required == "2021" else legal.FORMAT_2019
    notices = [c for c in [*meta.format_citations, *meta.other_citations] if _notice_on_reports(c)]
    if notices:  # only a local (or unplaced) implementing notice: an acceptable variant (SPEC §5.1), said once
        cited = notices[0]
        scope = scope_of(cited, report, found)
        whose = Text("地方", "a local") if scope.scope == "local" else Text("来源不明的", "an unplaced")
        yield ctx.finding(
            Text(
                f"报告只引用了{whose.zh}通知“{cited.raw}”，未注明所依据的全国统一格式（应为{notice.number}）。",
                f"the report cites only {whose.en} notice, “{cited.raw}”, not the national format it follows "
                f"(it should be {notice.number}).",
            ),
            loc=cited.loc,
            place=Place(section="preamble"),
            values={"expected": notice.number, "cited": cited.raw, "scope": scope.scope, "issuer": scope.issuer},
        )
        return
    points = next((c for c in meta.other_citations if "工作要点" in (c.title or "")), None)
    # the year's 政务公开工作要点 (国办发〔2021〕12号) cited as the basis: said, so the reader sees why it is not the format
    also = (
        Text(
            f"所引“{points.raw or points.title}”是年度政务公开工作要点，不是年度报告格式",
            f"“{points.raw or points.title}”, which it cites, is the year's open-government work points, not the "
            "format",
        )
        if points is not None
        else None
    )
    yield ctx.finding(
        Text(
            f"报告未注明所依据的年度报告格式（应为{notice.number}）" + (f"；{also.zh}。" if also else "。"),
            f"the report does not cite the format it follows (it should be {notice.number})"
            + (f"; {also.en}." if also else "."),
        ),
        loc=points.loc if points is not None else meta.title.loc if meta.title else None,
        place=Place(section="preamble"),
        values={"expected": notice.number} | ({"cited": points.raw or points.title} if points is not None else {}),
    )


def _notice_on_reports(citation: Citation) -> bool:
    return "年度报告" in (citation.title or "") or citation.kind == "format-unnumbered"


@rule(
    code="CIT006",
    name="non-standard-brackets",
    severity=INFO,
    summary=Text("文号的括号不规范", "Non-standard brackets in a document number"),
    explanation=Text(
        "公文文号的年份应使用六角括号“〔〕”（如国办公开办函〔2021〕30号），不应使用方括号“[]”、“【】”或圆括号。",
        "The year in a document number is written in tortoise-shell brackets 〔〕 (国办公开办函〔2021〕30号), not "
        "square brackets [], 【】 or parentheses.",
    ),
    basis=(legal.FORMAT_2021_BASIS,),
    fix="safe",
    variants=EVERY_VARIANT,
)
def non_standard_brackets(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    for citation in [*report.metadata.format_citations, *report.metadata.other_citations]:
        if citation.brackets and citation.brackets != "〔〕":
            yield ctx.finding(
                Text(
                    f"文号“{citation.raw}”使用了“{citation.brackets}”，应为“〔〕”：{citation.canonical()}。",
                    f"the document number “{citation.raw}” uses {citation.brackets}; write 〔〕: "
                    f"{citation.canonical()}.",
                ),
                loc=citation.loc,
                place=Place(section="preamble"),
                values={"raw": citation.raw, "brackets": citation.brackets, "standard": citation.canonical()},
                key=citation.canonical() or citation.raw,
                fix=Fix.replace(citation.loc, citation.raw, citation.canonical() or citation.raw)
                if citation.canonical()
                else None,
            )


def _core(title: str) -> str:
    return re.sub(r"[《》〈〉<>\s]", "", title)


_FEE_NAMES = {_core(legal.FEE_MEASURE_NAME), _core(legal.FEE_MEASURE.title)}


def _names_the_measure(core: str) -> bool:
    """Whether a title is (a version of) the measure's name or its notice's: 《…处理费管理办法》, 《…印发…处理费…办法…》."""
    return "处理费管理办法" in core or ("印发" in core and "处理费" in core and "办法" in core)


@rule(
    code="CIT007",
    name="fee-measure-misnamed",
    severity=WARNING,
    summary=Text("信息处理费管理办法或其印发通知名称有误", "The fee measure or its notice is misnamed"),
    explanation=Text(
        "国办函〔2020〕109号的正确名称为《国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉的通知》，所印发的办法为"
        "《政府信息公开信息处理费管理办法》。常见错误如“政府公开信息处理费管理办法”、漏写“的”等。",
        "国办函〔2020〕109号 is 《国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉的通知》; the measure it "
        "issues is 《政府信息公开信息处理费管理办法》. Common errors: 政府公开信息处理费管理办法, a missing 的.",
    ),
    basis=(legal.FEE_MEASURE_BASIS,),
    fix="safe",
)
def fee_measure_misnamed(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    known = catalog(ctx)
    for found in report.metadata.fee_measure_names:
        core = _core(found.text)
        if core in _FEE_NAMES or not _names_the_measure(core):
            continue  # right, or another document on fees (a local notice on collecting them, say)
        if title_scope(found.text, found.loc, report, known).scope == "local":
            continue  # a province's or city's own measure (闽财非税函〔2021〕1号 …), not a misnamed national one
        expected = legal.FEE_MEASURE.title if "通知" in found.text else legal.FEE_MEASURE_NAME
        yield ctx.finding(
            Text(
                f"名称有误：“《{found.text}》”，应为“{expected}”。", f"misnamed: “《{found.text}》”; it is {expected}."
            ),
            loc=found.loc,
            place=Place(section="六"),
            values={"written": found.text, "expected": expected},
            key=_core(found.text),
            fix=Fix.replace(found.loc, found.text, expected.strip("《》")),
        )


@rule(
    code="CIT008",
    name="wrong-document-number",
    severity=ERROR,
    summary=Text("格式通知或收费办法的文号有误", "Wrong document number for the format notice or the fee measure"),
    explanation=Text(
        "年度报告格式通知的文号为国办公开办函〔2021〕30号（2019、2020 年度为国办公开办函〔2019〕60号），信息处理费办法为"
        "国办函〔2020〕109号。常见错误如“国办发〔2021〕30号”“国办函〔2021〕30号”“〔2020〕30号”，或误引平台规范通知"
        "国办公开办函〔2019〕61号。",
        "The format notice is 国办公开办函〔2021〕30号 (国办公开办函〔2019〕60号 for 2019 and 2020), the fee measure "
        "国办函〔2020〕109号. Common errors: 国办发〔2021〕30号, 国办函〔2021〕30号, 〔2020〕30号, or the platform notice "
        "国办公开办函〔2019〕61号 cited instead.",
    ),
    basis=_FORMAT_BASIS,
)
def wrong_document_number(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    citations = [*report.metadata.format_citations, *report.metadata.other_citations]
    found = catalog(ctx)
    for citation in citations:
        if scope_of(citation, report, found).scope == "local":
            continue  # a province's own notice numbered 30 or 60 (闽政办〔2021〕30号) is no wrong national number
        wrong = citation.kind in ("format-suspect", "fee-measure-suspect")
        wrong = wrong or (citation.kind == "platform-notice" and "年度报告" in (citation.title or ""))
        if not wrong:
            continue
        if citation.kind == "fee-measure-suspect":
            expected = legal.FEE_MEASURE.number
        else:
            expected = (
                legal.FORMAT_2021.number if (report.year or 2021) >= _FIRST_2021_YEAR else legal.FORMAT_2019.number
            )
        yield ctx.finding(
            Text(
                f"文号“{citation.raw}”有误，应为“{expected}”。",
                f"wrong document number “{citation.raw}”; it is {expected}.",
            ),
            loc=citation.loc,
            place=Place(section="preamble"),
            values={"written": citation.raw, "expected": expected},
            key=citation.raw,
        )


@rule(
    code="CIT009",
    name="notice-title-mismatch",
    severity=WARNING,
    summary=Text("通知标题与文号不对应", "The notice's title does not match its number"),
    explanation=Text(
        "60 号通知的标题为《…关于政府信息公开工作年度报告有关事项的通知》，30 号通知的标题为《…关于印发〈中华人民共和国政府"
        "信息公开工作年度报告格式〉的通知》。标题与文号张冠李戴，说明引用有误。",
        "The 60号 notice is titled 《…关于政府信息公开工作年度报告有关事项的通知》, the 30号 notice 《…关于印发"
        "〈中华人民共和国政府信息公开工作年度报告格式〉的通知》. A title under the other notice's number is a wrong "
        "citation.",
    ),
    basis=_FORMAT_BASIS,
)
def notice_title_mismatch(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    for citation in report.metadata.format_citations:
        title = citation.title or ""
        if citation.kind == "format-2021" and "有关事项" in title:
            expected = legal.FORMAT_2021.title
        elif citation.kind == "format-2019" and "印发" in title:
            expected = legal.FORMAT_2019.title
        else:
            continue
        yield ctx.finding(
            Text(
                f"“{citation.raw}”配的标题是“《{title}》”，该文号的标题应为“{expected}”。",
                f"“{citation.raw}” is given the title “《{title}》”; that number's title is {expected}.",
            ),
            loc=citation.title_loc or citation.loc,
            place=Place(section="preamble"),
            values={"number": citation.raw, "title": title, "expected": expected},
            key=citation.raw,
        )


_FEE_TERM_VARIANTS = compiled(r"信息公开处理费用?|政务公开处理费|信息公开费用")


@rule(
    code="CIT010",
    name="non-standard-fee-term",
    severity=INFO,
    summary=Text("“信息处理费”的名称不规范", "Non-standard name for the information processing fee"),
    explanation=Text(
        "《政府信息公开信息处理费管理办法》中的法定名称是“信息处理费”。“信息公开处理费（用）”等说法不是法定用语，"
        "容易造成误解。",
        "The legal term in the fee measure is 信息处理费. Wordings such as 信息公开处理费（用） are not the legal term "
        "and can mislead.",
    ),
    basis=(legal.FEE_MEASURE_BASIS,),
    fix="safe",
)
def non_standard_fee_term(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    # Every variant holds 公开处理费 or 公开费用: one search of the whole text first, as most reports use neither.
    text = "\n".join(report.lines)
    if "公开处理费" not in text and "公开费用" not in text:
        return
    hits = [  # every variant contains 处理费 or 信息公开费: the regex runs only on the lines that do
        (number, match)
        for number, line in enumerate(report.lines, 1)
        if "处理费" in line or "信息公开费" in line
        for match in _FEE_TERM_VARIANTS.finditer(line)
    ]
    if not hits:
        return
    number, match = hits[0]
    yield ctx.finding(
        Text(
            f"使用了“{match.group(0)}”（共 {len(hits)} 处），法定名称为“信息处理费”。",
            f"“{match.group(0)}” is used ({len(hits)} time(s)); the legal term is 信息处理费.",
        ),
        loc=Location(number, match.start() + 1),
        place=Place(section="六"),
        values={"written": sorted({m.group(0) for _n, m in hits}), "count": len(hits), "term": legal.FEE_TERM},
        fix=Fix(
            tuple(Edit(Location(n, m.start() + 1), m.group(0), legal.FEE_TERM) for n, m in hits),
            Text(f"把 {len(hits)} 处改为“{legal.FEE_TERM}”", f"write {legal.FEE_TERM} ({len(hits)} place(s))"),
        ),
    )


@hookimpl
def auditor_rules() -> list[Rule]:
    return [
        outdated_format_notice,
        notice_contradicts_template,
        template_wrong_for_year,
        mixed_template,
        no_format_notice,
        non_standard_brackets,
        fee_measure_misnamed,
        wrong_document_number,
        notice_title_mismatch,
        non_standard_fee_term,
    ]


@hookimpl
def auditor_citation_catalogs() -> list[str]:
    return [str(CITATIONS)]
