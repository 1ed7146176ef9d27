"""The parsing pipeline: document → tokens → parse → canonical report.

``parse_document`` never raises for a document that is an annual report, however damaged: what deviates from the
template is recorded in ``report.gaps``. Only a document that is not an annual report at all raises
:class:`~auditor.errors.NotAReport`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from lark.exceptions import UnexpectedInput

from auditor import doctype, regime
from auditor.budget import check
from auditor.cutoff import cut_off
from auditor.document import Document, Location
from auditor.errors import NotAReport
from auditor.grammar import aliases, grammar
from auditor.metadata import extract
from auditor.model import Gap, Metadata, Report, Source, Template
from auditor.narrative import extract as read_narrative
from auditor.prelex import LabelInfo, PreLexer, Tok, Vocabulary, make_token
from auditor.transform import PROSE, Builder, Part, parts_by_heading

_MIN_LABELS = 3  # table labels that make a document without headings or title recognisable as a report
_MIN_OLD_PARTS = 3  # headings of the 2008 regime's parts that do the same
# The start rule and label and heading sequence (prose left out) of every token list a parse accepted in this
# process. Whether a parse succeeds, and its parts, depend on that sequence only (see transform.PROSE): a report
# whose labels and headings stand as in one read before — reports filled in on the same form — is split by its
# headings without running the parser again. Bounded: beyond it, every new sequence is parsed.
_ACCEPTED: set[tuple[str, ...]] = set()
_MAX_ACCEPTED = 4096


@lru_cache(maxsize=1)
def prelexer() -> PreLexer:
    return PreLexer(Vocabulary(grammar().terminals, aliases()))


def parse_document(doc: Document) -> Report:
    """Parse a read document into the canonical report."""
    tokens = prelexer().tokens(doc)
    gaps: list[Gap] = []
    try:
        parts = parse_parts(tokens, "report")
        structure = "template"
    except UnexpectedInput as exc:
        gaps.append(_order_gap(exc))
        parts = parse_parts(_loose(tokens), "loose_report")
        structure = "loose"
    check("parse")
    builder = Builder(doc, grammar().official_labels())
    sections, tables, template = builder.build(parts)
    check("metadata")
    metadata = extract(doc.lines)
    if regime.is_old_regime(metadata.year, doc.lines, bool(template.markers)):
        template = Template(regime.PRE2019, template.markers)
    if (
        not sections
        and metadata.title is None
        and not _states_its_year(metadata)
        and sum(1 for t in tokens if isinstance(t.payload, LabelInfo)) < _MIN_LABELS
        and not _has_old_parts(doc.lines)
    ):
        raise NotAReport(
            "不是政府信息公开工作年度报告：未找到标题、章节标题或统计表",
            "not a government information-disclosure annual report: no title, section heading or table found",
            doc.path,
        )
    other = doctype.not_a_report(doc.lines, sections, tables)
    if other is not None:
        zh, en = other.message()
        raise NotAReport(zh, en, doc.path, other.evidence[0].line)
    # the text stops before the report's end (told by the 2019 条例's six sections; the 2008 regime had others)
    cut = None if template.variant == regime.PRE2019 else cut_off(doc.lines, sections, tables, builder.gaps, metadata)
    source = Source(doc.path, doc.format, doc.encoding, doc.layout, doc.size, doc.sha256, len(doc.lines), doc.notes)
    report = Report(
        source,
        metadata,
        template,
        structure,
        sections,
        tables,
        builder.aliases,
        gaps + builder.gaps + ([cut] if cut else []),
        doc.lines,
    )
    report.narrative = read_narrative(report)
    return report


def parse_parts(tokens: list[Tok], start: str) -> list[Part]:
    """The parts of a token list parsed from the grammar's rule ``start``; lark's ``UnexpectedInput`` where the
    tokens deviate from it."""
    key = (start, *[token.type for token in tokens if token.type not in PROSE])
    if key not in _ACCEPTED:
        g = grammar()
        try:
            g.recognise([token for token in tokens if token.type not in PROSE], start)
        except UnexpectedInput:
            # The error as the whole list gives it: the terminals lark expects where it stops depend on the state it
            # stops in, which prose before the token can change.
            g.recognise(tokens, start)
        else:
            if len(_ACCEPTED) < _MAX_ACCEPTED:
                _ACCEPTED.add(key)
    return parts_by_heading(tokens)


def _states_its_year(metadata: Metadata) -> bool:
    """Whether the text states a statistics period of one whole calendar year (「本报告所列数据的统计期限自2012年1月1日
    至2012年12月31日」): a report says that of itself, so a page without a title or a heading the grammar knows (a
    report of the 2008 regime whose parts are 「一、概述」…) is still read as one. A notice about the reports that
    states such a period is told apart afterwards, by :mod:`auditor.doctype`."""
    period = metadata.statistics_period
    if period is None:
        return False
    start, end = period.value.get("start") or "", period.value.get("end") or ""
    return start.endswith("-01-01") and end.endswith("-12-31") and start[:4] == end[:4]


def _has_old_parts(lines: list[str]) -> bool:
    """Whether the text has headings of at least ``_MIN_OLD_PARTS`` of the parts 第三十二条 of the 2008 条例 lists
    (「二、政府信息主动公开情况」「三、政府信息依申请公开情况」「六、行政复议和行政诉讼情况」…): a report of the 2008
    regime, even without a title or a stated period (a page whose text starts at 「一、概述」)."""
    parts = regime.old_parts(lines)
    return sum(1 for p in parts.values() if p.how == "heading" and p.part.statutory) >= _MIN_OLD_PARTS


def _loose(tokens: list[Tok]) -> list[Tok]:
    """The same tokens for ``loose_report``: every label becomes the generic LABEL (its payload says which)."""
    out = []
    for token in tokens:
        if isinstance(token.payload, LabelInfo):
            out.append(make_token("LABEL", token.payload))
        else:
            out.append(token)
    return out


def _order_gap(exc: UnexpectedInput) -> Gap:
    token = getattr(exc, "token", None)
    payload = getattr(token, "payload", None)
    expected = sorted(getattr(exc, "expected", None) or getattr(exc, "allowed", None) or [])
    detail: dict[str, object] = {"expected": expected}
    loc = None
    if token is not None and getattr(token, "type", "") != "$END":
        detail["found"] = token.type
        detail["text"] = str(token)[:60]
        loc = getattr(payload, "loc", None) or Location(token.line or 1, token.column or 1)
    return Gap("template_order", loc, detail=detail)


def parse_file(path: str | Path) -> Report:
    """Read a file with the reader that fits its content and parse it."""
    from auditor.readers import read_path

    return parse_document(read_path(str(path)))
