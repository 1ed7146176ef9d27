"""DOCX reader: the paragraphs and the real table cells of a Word document, in document order.

The main document part is read straight from the zip and parsed once with lxml; nothing else of the package is
inflated. Every paragraph becomes a ``line`` block and every table row a ``row`` block, one cell per ``w:tc`` (a table holding
other tables is a layout table: its cells are read as the body is): a
horizontally merged cell (``gridSpan``, legacy ``hMerge``) appears once, a vertically merged cell (``vMerge``) once,
in its first row — its continuations are left out at the start of a row and kept as blank cells further right, so
that the figures stay in their columns. A cell's paragraphs are joined with line breaks, as Word's own text export
does. Positions: one synthetic line per block in ``Document.lines``, and a reference a person can find in Word —
``P12`` (the 12th paragraph of the body) or ``T2R5C3`` (table 2, row 5, cell 3).

List numbers: a paragraph numbered by Word (``w:numPr``, directly or through its style) prints a number that is in
none of its runs — headings ``一、总体情况``, ``（二）…``, cell labels ``1.属于国家秘密``. The reader counts them as Word
does (``word/numbering.xml``: each list's levels, formats and start values, counted per abstract list in document
order, a level's counter starting again after a higher level) and puts the number before the paragraph's text.

Hostile packages fail fast: the declared sizes of all members are checked against ``Limits.max_decompressed`` before
anything is inflated, every read is bounded, and an XML part with a document type declaration (the carrier of
entity-expansion attacks; WordprocessingML never has one) is refused before parsing.
"""

from __future__ import annotations

import hashlib
import io
import re
import zlib
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from auditor.budget import check
from auditor.document import Block, Document, Location, RawCell
from auditor.errors import LimitExceeded, ReadError
from auditor.hookspecs import hookimpl
from auditor.lazy import lazy_module
from auditor.readers import Deadline, too_large

if TYPE_CHECKING:
    import zipfile
    from collections.abc import Callable

    from lxml import etree

    from auditor.readers import Limits
else:
    etree = lazy_module("lxml.etree")  # imported on the first DOCX read
    zipfile = lazy_module("zipfile")  # on the first zip file: a report in plain text needs neither

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC = _W + "p", _W + "tbl", _W + "tr", _W + "tc"
_SDT, _SDT_CONTENT, _CUSTOM_XML = _W + "sdt", _W + "sdtContent", _W + "customXml"
_T, _TAB, _PTAB, _BR, _CR, _NO_BREAK_HYPHEN = (
    _W + "t",
    _W + "tab",
    _W + "ptab",
    _W + "br",
    _W + "cr",
    _W + "noBreakHyphen",
)
_TC_PR, _TR_PR, _GRID_SPAN, _GRID_BEFORE = _W + "tcPr", _W + "trPr", _W + "gridSpan", _W + "gridBefore"
_V_MERGE, _H_MERGE, _VAL = _W + "vMerge", _W + "hMerge", _W + "val"
_BODY = _W + "body"
_P_PR, _NUM_PR, _P_STYLE, _ILVL, _NUM_ID = _W + "pPr", _W + "numPr", _W + "pStyle", _W + "ilvl", _W + "numId"
_NUMBERING_PART, _STYLES_PART = "word/numbering.xml", "word/styles.xml"
_MERGES = (_V_MERGE, _H_MERGE)
_CELL_CONTAINERS = (_TBL, _TR, _TC, _SDT, _SDT_CONTENT, _CUSTOM_XML)  # what holds a cell's paragraphs
# Text that is not part of the paragraph as printed: moved-away revisions, the fallback copy of alternate content,
# text boxes anchored to the paragraph.
_SKIPPED = (
    _W + "moveFrom",
    _W + "txbxContent",
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
)
_TEXT_TAGS = frozenset((_T, _TAB, _PTAB, _BR, _CR, _NO_BREAK_HYPHEN, *_SKIPPED))
_OFFICE_DOCUMENT = "/officeDocument"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_MAX_MEMBERS = 10_000
_MAX_RATIO = 200  # a real DOCX part deflates 5-30 times; a bomb by thousands
_ZIP = b"PK\x03\x04"


def _inflate_errors() -> tuple[type[BaseException], ...]:
    """What inflating a damaged or exotic member raises (a corrupt deflate stream is a zlib.error)."""
    return (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, RuntimeError, ValueError)


@cache
def _parser() -> etree.XMLParser:
    """The XML parser (lxml is imported on the first DOCX read, not by every run that loads this plugin)."""
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True, remove_pis=True
    )


def main_part(archive: zipfile.ZipFile) -> str | None:
    """The name of the package's main Word part (``word/document.xml`` unless the relationships say otherwise)."""
    names = set(archive.namelist())
    if "_rels/.rels" in names:
        try:
            with archive.open("_rels/.rels") as member:
                rels = etree.fromstring(_safe_xml(member.read(1 << 20), "_rels/.rels", ""), _parser())
        except (etree.XMLSyntaxError, LimitExceeded, *_inflate_errors()):  # unreadable: as if absent
            rels = None
        for rel in rels.iter(_RELS) if rels is not None else ():
            if rel.get("Type", "").endswith(_OFFICE_DOCUMENT):
                target = rel.get("Target", "").lstrip("/")
                if target in names and target.startswith("word/"):
                    return target
    return "word/document.xml" if "word/document.xml" in names else None


def read_docx(data: bytes, path: str, limits: Limits, archive: zipfile.ZipFile | None = None) -> Document:
    """Read a Word document (its content has been recognised as DOCX)."""
    deadline = Deadline(limits, path)
    archive = archive or _open(data, path)
    _check_sizes(archive, path, limits)
    part = main_part(archive)
    if part is None:
        raise ReadError(
            "DOCX 文件缺少正文部分（word/document.xml）", "the DOCX has no main part (word/document.xml)", path
        )
    xml = _read_member(archive, part, path, limits)
    try:
        root = etree.fromstring(_safe_xml(xml, part, path), _parser())
    except etree.XMLSyntaxError as exc:
        raise ReadError(f"DOCX 正文 XML 已损坏：{exc}", f"the DOCX body XML is damaged: {exc}", path) from None
    deadline.check()
    body = root.find(_BODY)
    walker = _Walker(deadline, _numbering(archive, path, limits, xml))
    if body is not None:
        walker.container(body)
    deadline.check()
    return Document(
        path=path,
        format="docx",
        blocks=walker.blocks,
        lines=walker.lines,
        layout="word-tables" if walker.tables else "paragraphs",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def _open(data: bytes, path: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ReadError(f"DOCX 文件已损坏：{exc}", f"the DOCX file is damaged: {exc}", path) from None


def _check_sizes(archive: zipfile.ZipFile, path: str, limits: Limits) -> None:
    """Refuse a zip bomb from the central directory alone, before anything is inflated."""
    infos = archive.infolist()
    if len(infos) > _MAX_MEMBERS:
        raise LimitExceeded(
            f"DOCX 包含 {len(infos)} 个部件，超过 {_MAX_MEMBERS} 个的上限",
            f"the DOCX holds {len(infos)} parts, more than the {_MAX_MEMBERS} allowed",
            path,
        )
    total = sum(info.file_size for info in infos)
    if total > limits.max_decompressed:
        raise too_large(
            path,
            "DOCX 解压后大小",
            "the DOCX's decompressed size",
            total,
            limits.max_decompressed,
            "--max-decompressed",
        )
    for info in infos:
        if info.file_size > (1 << 20) and info.file_size > _MAX_RATIO * max(info.compress_size, 1):
            raise LimitExceeded(
                f"DOCX 部件 {info.filename} 的压缩比异常（{info.file_size} 字节压缩为 {info.compress_size} 字节），"
                "疑为压缩炸弹",
                f"the DOCX part {info.filename} inflates {info.compress_size} bytes to {info.file_size}: a zip bomb",
                path,
            )


def _read_member(archive: zipfile.ZipFile, name: str, path: str, limits: Limits) -> bytes:
    info = archive.getinfo(name)
    try:
        with archive.open(info) as member:
            data = member.read(info.file_size + 1)  # bounded: the declared size may lie
    except _inflate_errors() as exc:
        raise ReadError(
            f"DOCX 部件 {name} 无法解压：{exc}", f"cannot inflate the DOCX part {name}: {exc}", path
        ) from None
    if len(data) > info.file_size or len(data) > limits.max_decompressed:
        raise too_large(
            path, f"DOCX 部件 {name}", f"the DOCX part {name}", len(data), info.file_size, "--max-decompressed"
        )
    return data


def _safe_xml(xml: bytes, name: str, path: str) -> bytes:
    """Refuse XML with a document type declaration: WordprocessingML has none; entity bombs need one."""
    if b"<!DOCTYPE" in xml or b"<\x00!\x00D\x00O\x00C\x00T\x00Y\x00P\x00E" in xml or b"<!ENTITY" in xml:
        raise LimitExceeded(
            f"DOCX 部件 {name} 含有 DTD/实体声明（可能是 XML 实体膨胀攻击），已拒绝读取",
            f"the DOCX part {name} declares a DTD or entities (a possible entity-expansion attack); refused",
            path,
        )
    return xml


class _Walker:
    """Walks the body in document order and emits one block (and one synthetic line) per paragraph or row."""

    def __init__(self, deadline: Deadline, numbering: Numbering | None = None) -> None:
        self.deadline = deadline  # counts the blocks, cells and characters made (stops at the limits)
        self.numbering = numbering
        self.blocks: list[Block] = []
        self.lines: list[str] = []
        self.paragraphs = 0
        self.tables = 0

    def container(self, element: etree._Element, ref: str | None = None) -> None:
        """The paragraphs and tables of the body, or (``ref`` given) of a layout table's cell: there they are all
        found by that cell's reference, as the body's numbering of paragraphs and tables knows only its own."""
        for child in element:
            tag = child.tag
            self._bound()
            if tag == _P:
                if ref is None:
                    self.paragraphs += 1
                self._paragraph(child, ref or f"P{self.paragraphs}")
            elif tag == _TBL:
                if ref is None:
                    self.tables += 1
                self._table(child, self.tables, ref)
            elif tag == _SDT:
                content = child.find(_SDT_CONTENT)
                if content is not None:
                    self.container(content, ref)
            elif tag == _CUSTOM_XML:
                self.container(child, ref)

    def _bound(self) -> None:
        """Stop early, not after the whole body: every block costs time."""
        check("read")

    def _paragraph(self, p: etree._Element, ref: str) -> None:
        text = paragraph_text(p)
        if self.numbering is not None:
            text = self.numbering.number(p) + text
        for part in text.split("\n"):
            text = part.strip()
            if text:
                self.lines.append(text)
                self.blocks.append(
                    self.deadline.add(Block("line", [RawCell(text, Location(len(self.lines), 1, None, ref))]))
                )

    def _table(self, tbl: etree._Element, number: int, ref: str | None = None) -> None:
        """A table's rows, one block each; a layout table (a page pasted into Word, a frame around the whole report:
        the tables inside it have more rows than it has) has its cells read as containers of paragraphs and tables.
        A small table inside a cell of a table of figures stays the text of that cell."""
        rows = _children(tbl, _TR)
        layout = sum(1 for _ in tbl.iterdescendants(_TR)) > 2 * len(rows)  # its own rows and more than as many inside
        for row_number, tr in enumerate(rows, 1):
            self._bound()
            if layout:
                for cell_number, tc in enumerate(_children(tr, _TC), 1):
                    self.container(tc, ref or f"T{number}R{row_number}C{cell_number}")
                continue
            texts: list[tuple[str, str]] = []
            for cell_number, tc in enumerate(_children(tr, _TC), 1):
                text = _merged_or_text(tc, self.numbering)
                cell_ref = ref or f"T{number}R{row_number}C{cell_number}"
                if text is None:
                    if texts:  # a continuation further right keeps the columns after it in place
                        texts.append(("", cell_ref))
                    continue
                texts.append((text, cell_ref))
            if not texts:
                continue
            line_number = len(self.lines) + 1
            cells = []
            column = 1
            for text, cell_ref in texts:
                cells.append(RawCell(text, _location(Location, (line_number, column, None, cell_ref))))
                column += len(text) + 1
            self.lines.append("\t".join(text.replace("\n", " ") for text, _ref in texts))
            self.blocks.append(self.deadline.add(Block("row", cells)))


_location = tuple.__new__  # Location(...) made directly: a named tuple's own constructor costs twice as much


def _merged_or_text(tc: etree._Element, numbering: Numbering | None = None) -> str | None:
    """None for a cell that continues a merge (its first ``tcPr`` says so, see :func:`_continues`), else its text:
    its paragraphs (and those of tables nested in it), one line each — both from one pass over its children."""
    lines: list[str] = []
    props_seen = False
    for child in tc:
        tag = child.tag
        if tag == _P:
            _paragraph_lines(child, lines, numbering)
        elif tag == _TC_PR and not props_seen:
            if _continues(child):
                return None
            props_seen = True
        elif tag in _CELL_CONTAINERS:
            _cell_lines(child, lines, numbering)
    return "\n".join(lines)


def _continues(props: etree._Element) -> bool:
    """A cell that continues a merge begun above (vMerge) or to the left (legacy hMerge)."""
    return any(child.tag in _MERGES and child.get(_VAL, "continue") == "continue" for child in props)


def _children(element: etree._Element, tag: str) -> list[etree._Element]:
    """Rows of a table or cells of a row, also when wrapped in content controls or custom XML."""
    out = []
    for child in element:
        if child.tag == tag:
            out.append(child)
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                out.extend(_children(content, tag))
        elif child.tag == _CUSTOM_XML:
            out.extend(_children(child, tag))
    return out


def paragraph_text(p: etree._Element) -> str:
    """The text of a paragraph as printed: runs, tabs as spaces, line breaks as newlines; revisions removed."""
    parts: list[str] = []
    skipped: set[etree._Element] | None = None
    # Every node tested here rather than lxml's filter of nine tags: that filter is built anew at every call, and
    # costs three times what a paragraph's few runs do.
    for node in p.iter():
        tag = node.tag
        if tag not in _TEXT_TAGS:
            continue
        if tag in _SKIPPED:
            skipped = skipped or set()
            skipped.update(node.iter())
            continue
        if skipped and node in skipped:
            continue
        if tag == _T:
            parts.append(node.text or "")
        elif tag in (_BR, _CR):
            parts.append("\n")
        elif tag == _NO_BREAK_HYPHEN:
            parts.append("-")
        else:
            parts.append(" ")
    return "".join(parts)


def _cell_lines(element: etree._Element, lines: list[str], numbering: Numbering | None = None) -> None:
    for child in element:
        tag = child.tag
        if tag == _P:
            _paragraph_lines(child, lines, numbering)
        elif tag in _CELL_CONTAINERS:
            _cell_lines(child, lines, numbering)


def _paragraph_lines(p: etree._Element, lines: list[str], numbering: Numbering | None = None) -> None:
    """A paragraph of a cell: its lines (broken at line breaks), trimmed, blank ones left out."""
    text = paragraph_text(p)
    if numbering is not None:
        text = numbering.number(p) + text
    lines.extend(part.strip() for part in text.split("\n") if part.strip())


# ── list numbers ────────────────────────────────────────────────────────────────────────────────────────
_ZH_DIGITS = "〇一二三四五六七八九"
_ZH_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))  # fmt: skip


def _chinese(number: int, digits: str = _ZH_DIGITS, ten: str = "十", hundred: str = "百") -> str:
    """一 … 十, 十一, 二十, 一百零五: Word's ``chineseCounting``."""
    if number < 10:
        return digits[number]
    if number < 100:
        tens, units = divmod(number, 10)
        return (digits[tens] if tens > 1 else "") + ten + (digits[units] if units else "")
    if number < 1000:
        hundreds, rest = divmod(number, 100)
        tail = "" if not rest else ("零" if rest < 10 else "") + _chinese(rest, digits, ten, hundred)
        if 10 <= rest < 20:
            tail = digits[1] + tail
        return digits[hundreds] + hundred + tail
    return str(number)


def _letters(number: int) -> str:
    """A … Z, AA … ZZ (Word repeats the letter)."""
    return chr(ord("A") + (number - 1) % 26) * ((number - 1) // 26 + 1) if number > 0 else ""


def _roman(number: int) -> str:
    out = []
    for value, numeral in _ROMAN:
        while number >= value:
            out.append(numeral)
            number -= value
    return "".join(out)


def format_number(number: int, style: str) -> str:
    """A list counter in Word's number format ``style`` (``w:numFmt``); an unknown format as a decimal."""
    if style in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
                 "koreanCounting"):  # fmt: skip
        return _chinese(number)
    if style in ("chineseLegalSimplified", "japaneseLegal", "taiwaneseCountingThousand"):
        return _chinese(number, _ZH_LEGAL, "拾", "佰")
    if style in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_ZH_DIGITS[int(d)] for d in str(number))
    if style in ("ideographTraditional",) and 1 <= number <= 10:
        return _HEAVENLY_STEMS[number - 1]
    if style in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= number <= 20:
        return _CIRCLED[number - 1]
    if style == "decimalEnclosedParen":
        return f"({number})"
    if style in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(ord(d) + 0xFEE0) for d in str(number))
    if style == "decimalZero":
        return f"{number:02d}"
    if style == "upperLetter":
        return _letters(number)
    if style == "lowerLetter":
        return _letters(number).lower()
    if style == "upperRoman":
        return _roman(number)
    if style == "lowerRoman":
        return _roman(number).lower()
    return str(number)


class _Level(NamedTuple):
    style: str  # w:numFmt
    text: str  # w:lvlText, e.g. "%1、" or "（%2）"
    start: int
    suffix: str  # what follows the number: "" (nothing), or a space for a tab or a space


class Numbering:
    """The list numbers of one document, counted in document order (see the module's docstring)."""

    def __init__(self, numbering: etree._Element, styles: Callable[[], etree._Element | None]) -> None:
        self.levels: dict[str, dict[int, _Level]] = {}  # abstractNumId → level → its definition
        self.lists: dict[str, tuple[str, dict[int, int]]] = {}  # numId → (abstractNumId, level → start override)
        self.counters: dict[str, dict[int, int]] = {}  # abstractNumId → level → the last number printed
        self.overridden: set[str] = set()  # numIds whose start overrides have been applied
        for abstract in numbering.iter(_W + "abstractNum"):
            levels: dict[int, _Level] = {}
            for lvl in abstract.iter(_W + "lvl"):
                level = _int(lvl.get(_W + "ilvl"), 0)
                style = _val(lvl, "numFmt") or "decimal"
                suffix = _val(lvl, "suff") or "tab"
                levels[level] = _Level(style, _val(lvl, "lvlText") or "", _int(_val(lvl, "start"), 1),
                                       "" if suffix == "nothing" else " ")  # fmt: skip
            self.levels[abstract.get(_W + "abstractNumId", "")] = levels
        for num in numbering.iter(_W + "num"):
            overrides = {}
            for override in num.iter(_W + "lvlOverride"):
                start = _val(override, "startOverride")
                if start is not None:
                    overrides[_int(override.get(_W + "ilvl"), 0)] = _int(start, 1)
            self.lists[num.get(_W + "numId", "")] = (_val(num, "abstractNumId") or "", overrides)
        self._styles = styles  # read on the first paragraph with a style and no number of its own
        self._style_numbers: dict[str, tuple[str | None, str | None]] | None = None

    def number(self, p: etree._Element) -> str:
        """The number Word prints before the paragraph, with what follows it; "" for a paragraph not numbered."""
        props = p.find(_P_PR)
        if props is None:
            return ""
        num_id, level = None, None
        numbered = props.find(_NUM_PR)
        if numbered is not None:
            num_id, level = _val(numbered, "numId"), _val(numbered, "ilvl")
        if num_id is None or level is None:
            style_id = _val(props, "pStyle")
            if style_id is None:
                if num_id is None:
                    return ""
                style = None
            else:
                if self._style_numbers is None:
                    styles = self._styles()
                    self._style_numbers = _style_numbers(styles) if styles is not None else {}
                style = self._style_numbers.get(style_id)
            if style is not None:
                num_id = num_id if num_id is not None else style[0]
                level = level if level is not None else style[1]
        if num_id is None or num_id == "0" or num_id not in self.lists:
            return ""
        abstract, overrides = self.lists[num_id]
        levels = self.levels.get(abstract)
        if not levels:
            return ""
        ilvl = _int(level, 0)
        definition = levels.get(ilvl)
        if definition is None or definition.style in ("bullet", "none"):
            return ""
        counters = self.counters.setdefault(abstract, {})
        if num_id not in self.overridden:
            self.overridden.add(num_id)
            for overridden, start in overrides.items():
                counters[overridden] = start - 1
                for deeper in [key for key in counters if key > overridden]:
                    del counters[deeper]
        counters[ilvl] = counters.get(ilvl, definition.start - 1) + 1
        for deeper in [key for key in counters if key > ilvl]:
            del counters[deeper]

        def counter(match: re.Match[str]) -> str:
            shown = int(match.group(1)) - 1
            shown_level = levels.get(shown)
            if shown_level is None:
                return ""
            return format_number(counters.get(shown, shown_level.start), shown_level.style)

        text = _PLACEHOLDER.sub(counter, definition.text)
        return text + definition.suffix if text else ""


_PLACEHOLDER = re.compile(r"%([1-9])")


def _val(element: etree._Element, name: str) -> str | None:
    """The ``w:val`` of the child ``w:name`` of ``element``, or None."""
    child = element.find(_W + name)
    return None if child is None else child.get(_VAL)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _style_numbers(styles: etree._Element) -> dict[str, tuple[str | None, str | None]]:
    """Paragraph style → the (numId, ilvl) it numbers its paragraphs with, following ``basedOn``."""
    own: dict[str, tuple[str | None, str | None]] = {}
    based: dict[str, str] = {}
    for style in styles.iter(_W + "style"):
        ident = style.get(_W + "styleId", "")
        parent = _val(style, "basedOn")
        if parent:
            based[ident] = parent
        props = style.find(_P_PR)
        numbered = props.find(_NUM_PR) if props is not None else None
        if numbered is not None:
            own[ident] = (_val(numbered, "numId"), _val(numbered, "ilvl"))
    out = {}
    for ident in {*own, *based}:
        seen, current = set(), ident
        while current and current not in own and current not in seen:
            seen.add(current)
            current = based.get(current, "")
        if current in own:
            out[ident] = own[current]
    return out


def _numbering(archive: zipfile.ZipFile, path: str, limits: Limits, xml: bytes) -> Numbering | None:
    """The document's list numbering, or None when it has none (no paragraph numbered or styled, no numbering part,
    or a numbering part that cannot be read: then the paragraphs are read without their numbers). The styles part
    (300 KB in some templates) is read only when a styled paragraph needs it, and parsed only if it numbers any."""
    names = set(archive.namelist())
    if _NUMBERING_PART not in names or (b"numPr" not in xml and b"pStyle" not in xml):
        return None
    try:
        numbering = etree.fromstring(
            _safe_xml(_read_member(archive, _NUMBERING_PART, path, limits), _NUMBERING_PART, path), _parser()
        )
    except LimitExceeded:
        raise
    except (etree.XMLSyntaxError, ReadError):
        return None
    if numbering.find(_W + "num") is None:
        return None

    def styles() -> etree._Element | None:
        if _STYLES_PART not in names:
            return None
        try:
            data = _read_member(archive, _STYLES_PART, path, limits)
            if b"numPr" not in data:
                return None
            return etree.fromstring(_safe_xml(data, _STYLES_PART, path), _parser())
        except LimitExceeded:
            raise
        except (etree.XMLSyntaxError, ReadError):
            return None

    return Numbering(numbering, styles)


def sniff(data: bytes) -> zipfile.ZipFile | None:
    """The open package if the content is a Word document (a zip with a main Word part)."""
    if not data.startswith(_ZIP):
        return None
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    return archive if main_part(archive) is not None else None


# ── the plugin ──────────────────────────────────────────────────────────────────────────────────────────
@hookimpl
def auditor_read(path: str, data: bytes, limits: Limits) -> Document | None:
    archive = sniff(data)
    if archive is None:
        return None
    with archive:
        return read_docx(data, path, limits, archive)


@hookimpl
def auditor_formats() -> list[dict[str, str]]:
    return [{"name": "docx", "extensions": ".docx .docm .dotx", "description": "Word documents (paragraphs, tables)"}]
