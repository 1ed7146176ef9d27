"""Metadata of a report, found in its text: title, issuing body, year, statistics period, signing date, citations.

Everything is searched in the text as read (full-width digits made ASCII, which keeps every position), so that each
finding can point at the line and column it came from (SPEC §5).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

from auditor.document import Location
from auditor.lazy import lazy_pattern
from auditor.model import Citation, Found, Metadata
from auditor.normalize import ascii_digits
from auditor.patterns import compiled

_CN_DIGITS = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "Ｏ": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_YEAR = r"(?:19|20)\d{2}|[〇零○一二三四五六七八九]{4}"
_TITLE_YEAR = compiled(rf"(?P<year>{_YEAR})\s*年\s*度?")
# 「…镇政府2022年信息公开工作年度报告」: the year may stand between 政府 and 信息公开
_TITLE_END = compiled(rf"政府\s*(?:(?:{_YEAR})\s*年\s*度?\s*)?信息公开\s*(?:工作)?\s*(?:年度报告|年报)")
_BODY_SUFFIX = compiled(
    r"(人民政府|政府|办公室|办公厅|局|委员会|委|厅|中心|办事处|管委会|管理委员会|院|会|部|署|所|站|队|处)$"
)
_DATE = compiled(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
_CN_DATE = compiled(
    r"(?P<y>[〇零○一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,2})月(?P<d>[一二三四五六七八九十]{1,3})日"
)
# The period is searched over the whole text: its first item is \d\d\d\d, not \d{4}, so that the regex engine
# can skip to the next digit instead of trying the pattern at every character (same matches, 0.6x the time).
_PERIOD = compiled(
    r"(?P<y1>\d\d\d\d)\s*年\s*(?P<m1>\d{1,2})\s*月\s*(?P<d1>\d{1,2})\s*日\s*(?:起)?\s*[,，]?\s*(?:至|到|—|－|-|~|～)\s*"
    r"(?:(?P<y2>\d{4})\s*年\s*)?(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*日"
)
_DOCNUM = compiled(
    r"(?P<open>[〔\[【（(［{])\s*(?P<year>\d{4})\s*(?P<close>[〕\]】）)］}])\s*第?\s*(?P<num>\d{1,4})\s*号"
)
_KNOWN_ISSUERS = ("国办公开办函", "国办公开办发", "国办函", "国办发", "国发")
_LEAD_INS = lazy_pattern(r"^.*?(?:按照|根据|依据|依照|参照|印发|关于|和|及|与|的|以及|、)")
_TITLE_BEFORE = compiled(r"《(?P<title>[^《》]{2,160})》\s*[（(]?\s*$")
_FORMAT_TITLE = compiled(r"《(?P<title>[^《》]*?(?:年度报告格式|年度报告有关事项)[^《》]*?)》")
_FEE_TITLE = compiled(r"《(?P<title>[^《》]*?处理费[^《》]*?)》")
_CRAWLER_KEY = compiled(r"^(?:发布时间|发布日期|文号|发布机构|栏目|原文链接|本地目录|页面链接|来源|索引号|=+\s*正文)")
_TITLE_IN_CRUMBS = lazy_pattern(  # a title with its year among crumbs (首页 > 政务公开 > …年报 <title>)
    rf"[^\s>»›＞/]{{0,40}}?(?:{_YEAR})\s*年\s*度?[^\s>»›＞/]{{0,40}}?政府信息公开\s*(?:工作)?\s*(?:年度报告|年报)"
)
_BREADCRUMB = compiled(
    r"^(?:(?:当前位置|您的位置|你的位置|您现在的位置|所在位置|现在位置)\s*[:：]?\s*|(?=首页\s*[>»›＞/]))"
)
_REGULATION = compiled(r"《中华人民共和国政府信息公开条例》")
_CLAUSE_MARK = compiled(r"[。，,；;：:]")  # a title or a body's name is no sentence
_TITLE_KEY = compiled(r"^标题\s*[:：]\s*")
_SPACES = compiled(r"\s+")
_ABOUT = compiled(r"^关于")
_TOWNSHIP = compiled(r"(镇|乡|街道)(人民政府|政府|办事处)?$")
_GOVERNMENT = compiled(r"(省|市|县|区|州|盟|旗|自治区)(人民政府|政府)$")
_REGION = compiled(r"(市|县|区|州)$")
_SENTENCE_MARK = compiled(r"[。，；;,]")
_SENTENCE_END = compiled(r"[。；;]")
_COVER_WINDOW = 3000  # characters from the start of the text in which the report says which time it covers
_COVERED = compiled(r"报告[^。；;]*(?:涵盖|覆盖)")  # the report saying which time it covers
_ORDER = compiled(r"(?:中华人民共和国国务院令|国务院令|国令)\s*[（(]?\s*第?\s*(?P<num>\d{3})\s*号")


def page_header(line: str) -> bool:
    """Whether a line is a crawler's or a web page's header line (「标题: …」, 「发布时间: …」, 「==== 正文 ====」)
    rather than the report's own text."""
    line = line.strip()
    return bool(_CRAWLER_KEY.match(line) or _TITLE_KEY.match(line))


class Text:
    """The document text, and the (line, column) of a character offset in it."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.text = ascii_digits("\n".join(lines))
        self._last = (0, 1)  # the last offset asked for and its line: the next one is usually further on

    def loc(self, offset: int) -> Location:
        # Newlines counted in the text when asked (a few times a report), not a map of every line made in advance;
        # counted on from the last offset asked for when this one lies beyond it (matches come in text order).
        text = self.text
        last_offset, last_line = self._last
        if offset >= last_offset:
            line = last_line + text.count("\n", last_offset, offset)
        else:
            line = 1 + text.count("\n", 0, offset)
        self._last = (offset, line)
        return Location(line, offset - text.rfind("\n", 0, offset))


def extract(lines: list[str]) -> Metadata:
    text = Text(lines)
    meta = Metadata()
    meta.title = _title(text)
    year, title_body = _year_and_body(meta.title)
    meta.report_year = year
    meta.year_source = "title" if year is not None else None
    meta.statistics_period = _period(text)
    if meta.report_year is None:  # no title line: the report naming itself outranks the period (which may be a typo)
        meta.report_year = _self_named_year(text)
        meta.year_source = "preamble" if meta.report_year is not None else None
    if meta.report_year is None and meta.statistics_period is not None and meta.statistics_period.value["start"]:
        period = meta.statistics_period  # a period with a date that does not exist ('' start) settles no year
        meta.report_year = Found(period.text, period.loc, int(period.value["start"][:4]))
        meta.year_source = "period"
    if meta.report_year is None:
        meta.report_year = _preamble_year(text)
        meta.year_source = "preamble" if meta.report_year is not None else None
    if meta.report_year is None and meta.title is None:  # a title without its year is DAT001's error, not guessed
        meta.report_year = _overview_year(text)
        meta.year_source = "overview" if meta.report_year is not None else None
    meta.signing_date, signature = _signature(text)
    meta.printed_date = _printed(text)
    meta.publication_date = _publication_date(text)
    meta.issuing_body = _body(text, signature, title_body)
    meta.body_kind, meta.body_kind_source = subject_kind(title_body or _preamble_subject(text), meta.issuing_body)
    if meta.body_kind_source == "title" and not title_body:
        meta.body_kind_source = "preamble"
    meta.format_citations, meta.other_citations = _citations(text)
    fee_titles = _FEE_TITLE.finditer(text.text) if "处理费" in text.text else ()  # every match holds 处理费
    meta.fee_measure_names = [Found(m["title"], text.loc(m.start())) for m in fee_titles]
    meta.regulation = _regulation(text)
    return meta


# ── title, year, body ───────────────────────────────────────────────────────────────────────────────────
def _title(text: Text) -> Found | None:
    """The report's title: the first title-shaped line near the top, preferring one that names a year.

    Crawler header lines (``发布时间: …``, ``原文链接: …``) are skipped; a breadcrumb (当前位置：首页>…>年报) is not a
    title, though the title may follow it on the same line of a flattened page."""
    stripped = ((i, _past_breadcrumb(line)) for i, raw in enumerate(text.lines) if (line := raw.strip()))
    pending = itertools.islice(((i, line) for i, line in stripped if line and not _CRAWLER_KEY.match(line)), 20)
    # Read as far as needed (the title is mostly the first line): a candidate and the one after it, which
    # _title_at looks at to join a title written over two lines.
    candidates = list(itertools.islice(pending, 2))
    first: Found | None = None
    position = 0
    while position < len(candidates):
        found = _title_at(text, candidates, position)
        position += 1
        candidates.extend(itertools.islice(pending, 1))
        if found is None:
            continue
        if _TITLE_YEAR.search(found.text) and not _CLAUSE_MARK.search(found.text):
            return found
        first = first or found
    return first


def _past_breadcrumb(line: str) -> str:
    """A line without its leading breadcrumb: what follows the last crumb, or '' if nothing does."""
    match = _BREADCRUMB.match(line)
    if match is None:
        return line
    title = _TITLE_IN_CRUMBS.search(line, match.end())
    return line[title.start() :] if title else ""


def _title_at(text: Text, candidates: list[tuple[int, str]], position: int) -> Found | None:
    index, line = candidates[position]
    line = _TITLE_KEY.sub("", line)
    joined = line
    if "政府信息公开" in line and not _TITLE_END.search(line) and position + 1 < len(candidates):
        following = candidates[position + 1][1]
        if len(following) <= 20 and ("年度报告" in following or "年报" in following):
            joined = line + following
    elif "政府信息公开" not in line and position + 1 < len(candidates):
        following = candidates[position + 1][1]
        if following.startswith("政府信息公开") and len(line) <= 30 and _TITLE_YEAR.search(line):
            joined = line + following
    match = _TITLE_END.search(joined)
    if match and match.start() <= 60:
        title = joined[: match.end()].strip()
        column = text.lines[index].find(title[:4]) + 1 if title[:4] in text.lines[index] else 1
        if position > 0 and _TITLE_YEAR.match(title):  # "淮安市人民政府" on its own line above "2024年…报告"
            above_index, above = candidates[position - 1]
            if len(above) <= 30 and _BODY_SUFFIX.search(above) and not _CLAUSE_MARK.search(above):
                return Found(above + title, Location(above_index + 1, text.lines[above_index].find(above) + 1))
        return Found(title, Location(index + 1, max(column, 1)))
    return None


def _cn_number(text: str) -> int:
    if all(ch in _CN_DIGITS for ch in text):
        return int("".join(str(_CN_DIGITS[ch]) for ch in text))
    # 十, 十一 … 三十一
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    return _CN_DIGITS.get(text, 0)


def _year_and_body(title: Found | None) -> tuple[Found | None, str | None]:
    if title is None:
        return None, None
    match = _TITLE_YEAR.search(title.text)
    if match is None:
        return None, _clean_body(_TITLE_END.split(title.text)[0])
    raw = match["year"]
    year = int(raw) if raw.isdigit() else _cn_number(raw)
    before = title.text[: match.start()]
    after = _TITLE_END.split(title.text[match.end() :])[0]
    body = _clean_body(before) or _clean_body(after)
    return Found(match.group(0).strip(), title.loc, year), body


def _clean_body(text: str) -> str | None:
    body = _SPACES.sub("", text).strip("《》<>“”\"'：:，,")
    body = _ABOUT.sub("", body)
    return body or None


def body_kind(name: str | None) -> str:
    """township (乡镇、街道) | government (县级以上人民政府) | department | unknown — for the deadline (SPEC App. B)."""
    if not name:
        return "unknown"
    if _TOWNSHIP.search(name) or name.endswith("街道办事处"):
        return "township"
    if _GOVERNMENT.search(name) or _REGION.search(name):
        return "government"
    if name.endswith(("管委会", "管理委员会")) or name.endswith("实验区"):
        return "government"
    return "department"


_GOVERNMENT_OFFICE = lazy_pattern(r"^(?P<government>.+?(?:人民政府|政府|管委会|管理委员会|办事处))(?:办公室|办公厅)$")


def subject_kind(title_body: str | None, issuing_body: Found | None) -> tuple[str, str]:
    """The body type the deadline depends on, and what it rests on: ``title`` (the report's subject named in its
    title), ``signature`` (the signer, the title naming no body), ``office`` (the signer is a government's own
    办公室/办公厅, which signs for that government: *assumed* to be the government's report, since the office's own
    report reads the same), or ``none``.

    The subject of the report, not the office that signs it, decides: 「淮安市洪泽区人民政府…年度报告」 signed by
    「淮安市洪泽区人民政府办公室」 is the government's report, and 「…人民政府办公室…年度报告」 is the office's own."""
    if title_body and (_BODY_SUFFIX.search(title_body) or body_kind(title_body) != "department"):
        return body_kind(title_body), "title"
    if issuing_body is None:
        return "unknown", "none"
    name = issuing_body.text
    office = _GOVERNMENT_OFFICE.match(name)
    if office is not None and body_kind(office["government"]) != "department":
        return body_kind(office["government"]), "office"
    return body_kind(name), "signature" if issuing_body.value == "signature" else "title"


_PREAMBLE_SUBJECT = lazy_pattern(  # 「现公布淮安市洪泽区人民政府2024年度政府信息公开工作年度报告」
    rf"(?P<body>[\u4e00-\u9fff]{{2,30}}?)\s*(?:{_YEAR})\s*年\s*度?\s*政府信息公开\s*(?:工作)?\s*(?:年度报告|年报)"
)


def _preamble_subject(text: Text) -> str | None:
    """The body named before 「YYYY年度政府信息公开工作年度报告」 in the preamble, when the title names none. Only its
    ending (人民政府, 局, 镇 …) matters for the body type, so a lead-in swallowed with it (现公布…) does no harm."""
    for match in _PREAMBLE_SUBJECT.finditer(text.text[:_PREAMBLE_CHARS]):
        body = _clean_body(match["body"])
        if body and _BODY_SUFFIX.search(body):
            return body
    return None


def _signature(text: Text) -> tuple[Found | None, Found | None]:
    """The signing date (a line that is only a date, near the end) and the issuer line just above it."""
    tail = _last_nonblank(text.lines, 12)
    for position in range(len(tail) - 1, -1, -1):
        index = tail[position]
        raw_line = text.lines[index]
        if "日" not in raw_line:  # both shapes of a date end in 日
            continue
        line = ascii_digits(raw_line.strip())
        date = _parse_date(line)
        if date is None:
            continue
        column = len(raw_line) - len(raw_line.lstrip()) + 1
        found = Found(raw_line.strip(), Location(index + 1, column), date)
        issuer = None
        if position > 0:
            above_index = tail[position - 1]
            above = text.lines[above_index].strip()
            if len(above) <= 40 and not _SENTENCE_MARK.search(above) and _BODY_SUFFIX.search(above):
                issuer = Found(above, Location(above_index + 1, text.lines[above_index].find(above) + 1))
        return found, issuer
    before = _signature_before_appendix(text)
    return before if before[0] is not None else _signature_at_end(text)


def _last_nonblank(lines: list[str], count: int) -> list[int]:
    """The indices of the last ``count`` lines that are not blank, in order (searched from the end)."""
    found: list[int] = []
    for index in range(len(lines) - 1, -1, -1):
        if lines[index].strip():
            found.append(index)
            if len(found) == count:
                break
    found.reverse()
    return found


_BEFORE_APPENDIX = compiled(  # a signing date written just before the first appendix (附件1：…统计表)
    rf"(?<![^\s。；;])(?P<date>(?:\d{{4}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日)|{_CN_DATE.pattern})"
    r"\s*(?=附\s*(?:件|表)\s*\d{0,2}\s*[:：、.．]?)"
)


def _signature_before_appendix(text: Text) -> tuple[Found | None, Found | None]:
    """The signing date (and the issuer just before it) when the report ends with appendices: the date directly
    precedes 「附件1：…」/「附表」, on its own line or, in flattened text, inline."""
    if "附" not in text.text:  # the pattern ends in 附件/附表: most texts need no search
        return None, None
    match = _BEFORE_APPENDIX.search(text.text)
    if match is None:
        return None, None
    date = _parse_date(_SPACES.sub("", match["date"]))
    if date is None:  # pragma: no cover - the pattern admits only date shapes
        return None, None
    found = Found(match["date"], text.loc(match.start()), date)
    before = text.text[max(0, match.start() - 41) : match.start()].rstrip()
    words = re.split(r"[\s。；;，,]", before)
    issuer = None
    if words and 2 <= len(words[-1]) <= 40 and _BODY_SUFFIX.search(words[-1]):
        start = (
            match.start()
            - (len(text.text[: match.start()]) - len(text.text[: match.start()].rstrip()))
            - len(words[-1])
        )
        issuer = Found(words[-1], text.loc(start), None)
    return found, issuer


# The text's last words are a signing date (flattened web text: 「…信息处理费。 某某局 2026年1月28日」).
_AT_END = compiled(rf"(?P<date>(?:\d{{4}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日)|{_CN_DATE.pattern})\s*$")
_END_WINDOW = 60  # characters at the end of the last line in which its date is looked for


def _signature_at_end(text: Text) -> tuple[Found | None, Found | None]:
    """The signing date that ends the text's last line after the issuer's name (「…特此报告。 平潭综合实验区经济发展局
    2023年1月5日」, the page flattened onto one line): only with a body's name right before it, so a sentence that
    ends with a date (「…办结时间为2021年1月26日」) is none."""
    last = _last_nonblank(text.lines, 1)
    if not last:
        return None, None
    index = last[0]
    line = _before_colophon(ascii_digits(text.lines[index].rstrip()))
    if not line.endswith("日"):
        return None, None
    base = max(0, len(line) - _END_WINDOW)
    match = _AT_END.search(line, base)
    if match is None:
        return None, None
    date = _parse_date(_SPACES.sub("", match["date"]))
    if date is None:  # pragma: no cover - the pattern admits only date shapes
        return None, None
    name = re.split(r"[\s。；;，,：:）)]", line[max(0, match.start() - 41) : match.start()].rstrip())[-1]
    if not (2 <= len(name) <= 40 and _BODY_SUFFIX.search(name)):
        return None, None
    start = match.start() - (len(line[: match.start()]) - len(line[: match.start()].rstrip())) - len(name)
    issuer = Found(name, Location(index + 1, start + 1))
    return Found(match["date"], Location(index + 1, match.start() + 1), date), issuer


# A 公文's colophon (版记) after the signature: 「抄送：…。 某某局办公室 2021年1月26日印发」, then at most a few words of
# the page (「附件下载」).
_COLOPHON = compiled(
    rf"(?P<date>(?:\d{{4}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日)|{_CN_DATE.pattern})\s*印\s*发(?P<rest>[^。；;]{{0,12}})$"
)
_COPIED_TO = compiled(r"\s*抄\s*送\s*[:：][^:：]{0,80}$")  # 「抄送：驻…纪检监察组。」 between signature and colophon
_COLOPHON_WINDOW = 80  # characters at the end of the last line in which a colophon is looked for


def _colophon(line: str) -> tuple[re.Match[str], str] | None:
    """The colophon ending this line (a flattened page's last line), if any: its date's match and its issuer. A date
    with no body's name before it is a sentence saying when something was 印发, not a colophon."""
    if "印" not in line[-_COLOPHON_WINDOW:]:
        return None
    match = _COLOPHON.search(line, max(0, len(line) - _COLOPHON_WINDOW))
    if match is None:
        return None
    name = re.split(r"[\s。；;，,：:）)]", line[: match.start()].rstrip())[-1]
    return (match, name) if _BODY_SUFFIX.search(name) is not None else None


def _before_colophon(line: str) -> str:
    """The line without the colophon that ends it (its issuer, its date, a 抄送 line before it): what the report's
    own signature ends, 「…平潭综合实验区经济发展局 2021年1月26日 平潭综合实验区经济发展局办公室 2020年1月26日印发」."""
    colophon = _colophon(line)
    if colophon is None:
        return line
    match, name = colophon
    before = line[: match.start()].rstrip()
    return _COPIED_TO.sub("", before[: len(before) - len(name)]).rstrip()


def _printed(text: Text) -> Found | None:
    """The colophon's 印发 date that ends the text (value: ISO date; '' for a date that does not exist)."""
    last = _last_nonblank(text.lines, 1)
    if not last:
        return None
    index = last[0]
    raw = text.lines[index].rstrip()
    if "印" not in raw[-_COLOPHON_WINDOW:]:  # most texts end with no colophon: no copy of a long last line
        return None
    colophon = _colophon(ascii_digits(raw))
    if colophon is None:
        return None
    match = colophon[0]
    date = _parse_date(_SPACES.sub("", match["date"]))
    if date is None:  # pragma: no cover - the pattern admits only date shapes
        return None
    return Found(match["date"], Location(index + 1, match.start() + 1), date)


def _parse_date(line: str) -> str | None:
    """An ISO date if the whole line is a date (digits or Chinese numerals); '' if it is a date that does not exist."""
    match = _DATE.fullmatch(line)
    if match is not None:
        y, m, d = int(match["y"]), int(match["m"]), int(match["d"])
    else:
        match = _CN_DATE.fullmatch(line)
        if match is None:
            return None
        y, m, d = _cn_number(match["y"]), _cn_number(match["m"]), _cn_number(match["d"])
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return ""


def _body(text: Text, signature: Found | None, title_body: str | None) -> Found | None:
    if signature is not None:
        return Found(signature.text, signature.loc, "signature")
    if title_body is None:
        return None
    loc = Location(1, 1)
    for suffix in ("人民政府", "人民政府办公室", "管委会"):
        full = title_body + suffix
        offset = text.text.find(full)
        if offset >= 0:
            return Found(
                title_body + "人民政府" if suffix == "人民政府办公室" else full, text.loc(offset), "title+text"
            )
    offset = text.text.find(title_body)
    if offset >= 0:
        loc = text.loc(offset)
    return Found(title_body, loc, "title")


# ── year from the preamble, publication date ─────────────────────────────────────────────────────────
_PREAMBLE_CHARS = 1500  # how far into the text the preamble's 「YYYY年度」 phrases are looked for
_PREAMBLE_YEAR = lazy_pattern(r"(?<!\d)(?P<year>(?:19|20)\d{2})\s*年(?:度|(?=\s*(?:政府信息公开|政务公开)))")
_HEAD_CHARS = 2000  # a page's 发布日期 line sits above or beside the title …
_TAIL_CHARS = 600  # … or in the page's footer
_PUBLISHED = compiled(
    r"(?P<key>发布日期|发布时间|发文日期|成文日期|公开日期|发布于|(?<![\u4e00-\u9fff])(?:日期|时间))\s*[:：]?\s*"
    r"(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})"
)


# The report naming itself with its year where the page has no title line: 「…编制了2021年政府信息公开年度报告」.
# Outside 《》 only (「《关于做好2021年政府信息公开工作年度报告编制…的通知》」 names a notice, not this report).
_SELF_NAMED = lazy_pattern(
    r"(?<!\d)(?P<year>(?:19|20)\d{2})\s*年度?\s*(?:政府信息公开|政务公开)(?:工作)?(?:年度)?(?:报告|年报)"
)


def _self_named_year(text: Text) -> Found | None:
    """The year of the report as the preamble names it (「编制了2021年政府信息公开年度报告」), if all such names
    outside 《》 give the same one: a stronger sign of the year than the statistics period, which may be a typo."""
    head = text.text[:_PREAMBLE_CHARS]
    matches = [
        m for m in _SELF_NAMED.finditer(head) if head.rfind("《", 0, m.start()) <= head.rfind("》", 0, m.start())
    ]
    years = {int(m["year"]) for m in matches}
    if len(years) != 1:
        return None
    return Found(matches[0].group(0), text.loc(matches[0].start()), years.pop())


def _preamble_year(text: Text) -> Found | None:
    """The year of the 「YYYY年度」 phrases at the start of the text, if they all give the same one."""
    matches = list(_PREAMBLE_YEAR.finditer(text.text[:_PREAMBLE_CHARS]))
    years = {int(m["year"]) for m in matches}
    if len(years) != 1:
        return None
    first = matches[0]
    return Found(first.group(0), text.loc(first.start()), years.pop())


# The overview (一、总体情况, or 一、概述 under the 2008 regime) opening with the year it tells of: 「一、总体情况」 then
# 「2021年，我局严格按照…」. Not a date (「2019年5月15日…」) and not a span (「2019年以来」 may look back further).
_OVERVIEW_OPENING = lazy_pattern(
    r"^[ \t\u3000]*[一1][、.．][ \t\u3000]*(?:(?:19|20)\d{2}年度?)?(?:(?:政府信息|政务)公开(?:工作)?)?(?:总体情况|概述)"
    r"[ \t\u3000]*(?:\n[ \t\u3000]*)*(?:[(（][一1][)）][^\n]{0,20}?\n[ \t\u3000]*)?"
    r"(?P<year>(?:19|20)\d{2})[ \t]*年度?[ \t]*(?:[，,]|全年|(?:我|本)(?:局|委|办|单位|镇|乡|街道|市|县|区))",
    re.M,
)


def _overview_year(text: Text) -> Found | None:
    """The year the overview opens with (「一、总体情况」 then 「2023年，在区委、区政府的坚强领导下…」): where neither a
    title nor a period nor a 「YYYY年度」 phrase gives the year, the first words of the overview say which year its
    work was done in, which is the report's."""
    match = _OVERVIEW_OPENING.search(text.text, 0, _PREAMBLE_CHARS * 2)
    if match is None:
        return None
    return Found(match["year"] + "年", text.loc(match.start("year")), int(match["year"]))


def _publication_date(text: Text) -> Found | None:
    """The date a web page says it was published (发布日期/发布时间 …), in the page's head (a crawler's header, the
    line under the title, a breadcrumb line) or its footer. A bare 日期/时间 counts only with a colon."""
    found: list[tuple[bool, Found]] = []
    tail = max(_HEAD_CHARS, len(text.text) - _TAIL_CHARS)
    for match in [*published_matches(text.text, 0, _HEAD_CHARS), *published_matches(text.text, tail, len(text.text))]:
        if match["key"] in ("日期", "时间") and not re.match(r"(?:日期|时间)\s*[:：]", match.group(0)):
            continue
        try:
            date = dt.date(int(match["y"]), int(match["m"]), int(match["d"])).isoformat()
        except ValueError:
            continue
        published = match["key"].startswith(("发布", "公开"))  # 成文日期/发文日期 name the signing, not the page
        found.append((published, Found(match.group(0).strip(), text.loc(match.start()), date)))
    return next((f for published, f in found if published), found[0][1] if found else None)


# Where a match of _PUBLISHED can start: at each of these words, or so many characters before it (发布日期 …).
_PUBLISHED_WORDS = (("日期", 2), ("时间", 2), ("发布于", 0))


def published_matches(text: str, start: int, end: int) -> list[re.Match[str]]:
    """``list(_PUBLISHED.finditer(text, start, end))``, the pattern tried only where a match can start (at a 日期,
    时间 or 发布于, or two characters before the first two), not at every character: most pages name none."""
    starts: set[int] = set()
    for word, before in _PUBLISHED_WORDS:
        at = text.find(word, start, end)
        while at >= 0:
            starts.add(at)
            if at - before >= start:
                starts.add(at - before)
            at = text.find(word, at + 1, end)
    return _matches_at(_PUBLISHED, text, starts, end)


def _matches_at(pattern: re.Pattern[str], text: str, starts: set[int], end: int) -> list[re.Match[str]]:
    """``pattern.finditer(text, min(starts), end)`` when every match starts at one of ``starts``: each is tried in
    order, and one within the last match found is passed over, as finditer goes on from where a match ended. A
    search of the regex engine tries the pattern at every character; ``str.find`` of a match's first characters
    finds the few places worth trying much faster."""
    matches: list[re.Match[str]] = []
    free = 0
    for at in sorted(starts):
        if at >= free:
            match = pattern.match(text, at, end)
            if match is not None:
                matches.append(match)
                free = match.end()
    return matches


# ── statistics period ───────────────────────────────────────────────────────────────────────────────────
def _period(text: Text) -> Found | None:
    # A period counts only with 「统计」 in the 40 characters before it, or with what the report covers (「本年度报告，
    # 内容涵盖2019年9月1日至12月31日期间的…」: 涵盖/覆盖 after 报告, in the same sentence): no match before the first of
    # those words can, and no match runs across the end of one (a match is digits, dates and dashes), so the search
    # starts there.
    begin = text.text.find("统计")
    # only a 涵盖/覆盖 before the first 统计 starts an earlier search; a report says what it covers in its opening.
    # 盖 ends both words: one scan finds either
    window = begin if 0 <= begin < _COVER_WINDOW else _COVER_WINDOW
    at = text.text.find("盖", 1, window)
    while at >= 0 and text.text[at - 1] not in "涵覆":
        at = text.text.find("盖", at + 1, window)
    if at >= 0:
        begin = at - 1
    if begin < 0:
        return None
    for match in _PERIOD.finditer(text.text, begin + 2):
        before = text.text[max(0, match.start() - 40) : match.start()]
        sentence = _SENTENCE_END.split(before)[-1]
        if "统计" not in sentence and not _COVERED.search(sentence):
            continue
        y1 = int(match["y1"])
        y2 = int(match["y2"]) if match["y2"] else y1
        try:
            start = dt.date(y1, int(match["m1"]), int(match["d1"])).isoformat()
            end = dt.date(y2, int(match["m2"]), int(match["d2"])).isoformat()
        except ValueError:
            start = end = ""
        raw = text.text[match.start() : match.end()]
        return Found(raw, text.loc(match.start()), {"start": start, "end": end, "end_year_written": bool(match["y2"])})
    return None


# ── citations ───────────────────────────────────────────────────────────────────────────────────────────
def _citations(text: Text) -> tuple[list[Citation], list[Citation]]:
    formats: list[Citation] = []
    others: list[Citation] = []
    body = text.text
    cited_titles: set[int] = set()
    for match in docnum_matches(body):
        issuer, issuer_start = _issuer(body, match.start())
        if issuer is None:
            continue
        start = issuer_start
        title_match = _TITLE_BEFORE.search(body[max(0, start - 170) : start])
        title = title_match["title"] if title_match else None
        title_loc = None
        if title_match is not None:
            title_offset = max(0, start - 170) + title_match.start()
            cited_titles.add(title_offset)
            title_loc = text.loc(title_offset)
        year, number = int(match["year"]), int(match["num"])
        citation = Citation(
            kind=_kind(issuer, year, number, title),
            raw=body[start : match.end()],
            loc=text.loc(start),
            issuer=issuer,
            year=year,
            number=number,
            brackets=match["open"] + match["close"],
            title=title,
            title_loc=title_loc,
        )
        (formats if citation.kind.startswith("format") else others).append(citation)
    format_titled = "年度报告格式" in body or "年度报告有关事项" in body  # what every match holds: most need no search
    for match in _FORMAT_TITLE.finditer(body) if format_titled else ():
        if match.start() in cited_titles:
            continue
        formats.append(
            Citation(
                "format-unnumbered",
                match.group(0),
                text.loc(match.start()),
                title=match["title"],
                title_loc=text.loc(match.start()),
            )
        )
    formats.sort(key=lambda c: (c.loc.line, c.loc.column))
    return formats, others


_DOCNUM_OPENS = frozenset("〔[【（(［{")  # what a match of _DOCNUM starts with …
_DOCNUM_MARKS = _DOCNUM_OPENS | frozenset("〕]】）)］}第")  # … and holds, besides digits and spaces, before its 号


def docnum_matches(body: str) -> list[re.Match[str]]:
    """``list(_DOCNUM.finditer(body))``, the pattern tried only where a match can start: at an opening bracket in the
    run of brackets, digits, spaces and 第 just before a 号 (a match ends at the first 号 after its bracket). Few
    texts hold more than a handful of 号, and the regex engine would try each of its characters."""
    starts: set[int] = set()
    at = body.find("号")
    while at >= 0:
        run = at
        while run > 0:
            char = body[run - 1]
            if not (char in _DOCNUM_MARKS or char.isdecimal() or char.isspace()):  # \d and \s of a str pattern
                break
            run -= 1
            if char in _DOCNUM_OPENS:
                starts.add(run)
        at = body.find("号", at + 1)
    return _matches_at(_DOCNUM, body, starts, len(body))


def _issuer(body: str, bracket: int) -> tuple[str | None, int]:
    """The document-number prefix written just before the bracket, and where it starts."""
    run_start = bracket
    while run_start > 0 and "\u4e00" <= body[run_start - 1] <= "\u9fff" and bracket - run_start < 12:
        run_start -= 1
    run = body[run_start:bracket]
    if not run:
        return None, bracket
    for known in _KNOWN_ISSUERS:
        if run.endswith(known):
            return known, bracket - len(known)
    trimmed = _LEAD_INS.sub("", run)
    if not trimmed:
        return None, bracket
    return trimmed, bracket - len(trimmed)


def _kind(issuer: str, year: int, number: int, title: str | None) -> str:
    if issuer == "国办公开办函" and (year, number) == (2019, 60):
        return "format-2019"
    if issuer == "国办公开办函" and (year, number) == (2021, 30):
        return "format-2021"
    if issuer == "国办公开办函" and (year, number) == (2019, 61):
        return "platform-notice"
    if issuer == "国办函" and (year, number) == (2020, 109):
        return "fee-measure"
    about_format = title is not None and ("年度报告格式" in title or "年度报告有关事项" in title)
    if number in (30, 60) and (issuer.startswith("国办") or about_format):
        return "format-suspect"
    if number == 109 and (issuer.startswith("国办") or (title is not None and "处理费" in title)):
        return "fee-measure-suspect"
    return "other"


def _regulation(text: Text) -> Found | None:
    match = _REGULATION.search(text.text)
    # Every way of writing the order holds 国务院令 or 国令: most reports have neither, and need no regex search.
    cited = "国令" in text.text or "国务院令" in text.text
    order = _ORDER.search(text.text) if cited else None
    if match is None and order is None:
        return None
    anchor = match or order
    assert anchor is not None
    number = int(order["num"]) if order else None
    return Found(anchor.group(0), text.loc(anchor.start()), number)
