"""DOCX reader: the paragraphs and the real table cells of a Word document, in document order.

The main document part is read straight from the zip and parsed once with lxml; nothing else of the package is
inflated. Every paragraph becomes a ``line`` block and every table row a ``row`` block, one cell per ``w:tc``: a
horizontally merged cell (``gridSpan``, legacy ``hMerge``) appears once, a vertically merged cell (``vMerge``) once,
in its first row — its continuations are left out at the start of a row and kept as blank cells further right, so
that the figures stay in their columns. A cell's paragraphs are joined with line breaks, as Word's own text export
does. Positions: one synthetic line per block in ``Document.lines``, and a reference a person can find in Word —
``P12`` (the 12th paragraph of the body) or ``T2R5C3`` (table 2, row 5, cell 3).

Hostile packages fail fast: the declared sizes of all members are checked against ``Limits.max_decompressed`` before
anything is inflated, every read is bounded, and an XML part with a document type declaration (the carrier of
entity-expansion attacks; WordprocessingML never has one) is refused before parsing.
"""

from __future__ import annotations

import hashlib
import io
import zlib
from functools import cache
from typing import TYPE_CHECKING

from auditor.budget import check
from auditor.document import Block, Document, Location, RawCell
from auditor.errors import LimitExceeded, ReadError
from auditor.hookspecs import hookimpl
from auditor.lazy import lazy_module
from auditor.readers import Deadline, too_large

if TYPE_CHECKING:
    import zipfile

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
    walker = _Walker(deadline)
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

    def __init__(self, deadline: Deadline) -> None:
        self.deadline = deadline  # counts the blocks, cells and characters made (stops at the limits)
        self.blocks: list[Block] = []
        self.lines: list[str] = []
        self.paragraphs = 0
        self.tables = 0

    def container(self, element: etree._Element) -> None:
        for child in element:
            tag = child.tag
            self._bound()
            if tag == _P:
                self.paragraphs += 1
                self._paragraph(child, f"P{self.paragraphs}")
            elif tag == _TBL:
                self.tables += 1
                self._table(child, self.tables)
            elif tag == _SDT:
                content = child.find(_SDT_CONTENT)
                if content is not None:
                    self.container(content)
            elif tag == _CUSTOM_XML:
                self.container(child)

    def _bound(self) -> None:
        """Stop early, not after the whole body: every block costs time."""
        check("read")

    def _paragraph(self, p: etree._Element, ref: str) -> None:
        for part in paragraph_text(p).split("\n"):
            text = part.strip()
            if text:
                self.lines.append(text)
                self.blocks.append(
                    self.deadline.add(Block("line", [RawCell(text, Location(len(self.lines), 1, None, ref))]))
                )

    def _table(self, tbl: etree._Element, number: int) -> None:
        for row_number, tr in enumerate(_children(tbl, _TR), 1):
            self._bound()
            texts: list[tuple[str, str]] = []
            for cell_number, tc in enumerate(_children(tr, _TC), 1):
                text = _merged_or_text(tc)
                if text is None:
                    if texts:  # a continuation further right keeps the columns after it in place
                        texts.append(("", f"T{number}R{row_number}C{cell_number}"))
                    continue
                texts.append((text, f"T{number}R{row_number}C{cell_number}"))
            if not texts:
                continue
            line_number = len(self.lines) + 1
            cells = []
            column = 1
            for text, ref in texts:
                cells.append(RawCell(text, _location(Location, (line_number, column, None, ref))))
                column += len(text) + 1
            self.lines.append("\t".join(text.replace("\n", " ") for text, _ref in texts))
            self.blocks.append(self.deadline.add(Block("row", cells)))


_location = tuple.__new__  # Location(...) made directly: a named tuple's own constructor costs twice as much


def _merged_or_text(tc: etree._Element) -> str | None:
    """None for a cell that continues a merge (its first ``tcPr`` says so, see :func:`_continues`), else its text:
    its paragraphs (and those of tables nested in it), one line each — both from one pass over its children."""
    lines: list[str] = []
    props_seen = False
    for child in tc:
        tag = child.tag
        if tag == _P:
            _paragraph_lines(child, lines)
        elif tag == _TC_PR and not props_seen:
            if _continues(child):
                return None
            props_seen = True
        elif tag in _CELL_CONTAINERS:
            _cell_lines(child, lines)
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


def _cell_lines(element: etree._Element, lines: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag == _P:
            _paragraph_lines(child, lines)
        elif tag in _CELL_CONTAINERS:
            _cell_lines(child, lines)


def _paragraph_lines(p: etree._Element, lines: list[str]) -> None:
    """A paragraph of a cell: its lines (broken at line breaks), trimmed, blank ones left out."""
    lines.extend(part.strip() for part in paragraph_text(p).split("\n") if part.strip())


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
