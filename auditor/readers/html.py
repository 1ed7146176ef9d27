"""HTML reader: the article body of a government web page, its paragraphs and its ``<table>`` cells.

Government sites publish the report inside a CMS page. The article is taken from the containers their CMSs use
(``#zoom``, ``.TRS_Editor``, ``.article-content`` …); without one, the page's body minus its navigation, header,
footer and sidebars. The title, which CMSs print above the article, is taken from the heading before it (or the
``ArticleTitle`` meta tag, or ``<title>``) when the article does not begin with one.

Tables: one ``row`` block per ``<tr>``, one cell per ``<td>``/``<th>`` — a cell spanning rows or columns appears
once, as HTML writes it, and where a cell spanning from a row above stands between two cells of a row, a blank cell
keeps the columns after it in place. ``<br>`` and block elements inside a cell become line breaks. A table that holds
other tables is a layout table: its cells are read as containers.

Charset: a byte-order mark, else the ``<meta>`` declaration (GB2312 and GBK pages are read as GB18030, the superset
browsers use for them), else detection as for text. Positions: ``Location.line`` is the line of the element in the
source; ``Document.lines`` holds, at each source line, the text of the blocks that begin there.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from functools import cache
from typing import TYPE_CHECKING

from auditor.document import Block, Document, Location, RawCell
from auditor.errors import LimitExceeded, ReadError
from auditor.hookspecs import hookimpl
from auditor.lazy import lazy_module, lazy_pattern
from auditor.patterns import compiled
from auditor.readers import Deadline
from auditor.readers.text import decode

if TYPE_CHECKING:
    from lxml import etree

    from auditor.readers import Limits
else:
    etree = lazy_module("lxml.etree")  # imported on the first HTML read

_META_CHARSET = compiled(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_:.\-]+)", re.I)
_XML_DECLARATION = lazy_pattern(r"^\s*<\?xml[^>]*\?>")
_GB = frozenset({"gb2312", "gbk", "x-gbk", "cp936", "gb_2312-80", "csgb2312", "euc-cn", "gb18030", "ms936"})
_HTML_START = compiled(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|table|div|p)[\s>/]", re.I | re.S
)

# Where CMSs put the article (in order of preference): ids, then classes.
_CONTAINER_IDS = ("zoom", "UCAP-CONTENT", "Zoom", "fontzoom", "article-content", "content", "zw", "main-content")
_CONTAINER_CLASSES = (
    "TRS_Editor", "TRS_UEDITOR", "article-content", "article_content", "art-content", "pages_content", "zw",
    "view", "content", "article", "main-content",
)  # fmt: skip
_BOILERPLATE = lazy_pattern(
    r"(^|[\s_-])(nav|navbar|menu|header|head|top|topbar|footer|foot|bottom|breadcrumb|crumb|position|location|"
    r"sidebar|side|aside|share|tools|copyright|links|search|logo|banner)([\s_-]|$)",
    re.I,
)
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "select",
                        "button", "input", "textarea", "head", "title", "meta", "link", "img", "map", "canvas"})  # fmt: skip
_BLOCK_TAGS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
                         "blockquote", "pre", "section", "article", "main", "center", "address", "header", "footer",
                         "aside", "nav", "figure", "figcaption", "form", "fieldset", "hr", "caption", "body"})  # fmt: skip
_SPACES = lazy_pattern(r"[ \t\n\r\f\v\u00a0]+")
# A segment break (with the spaces and tabs around it) between two East Asian wide characters: CJK ideographs and
# punctuation, kana, full-width forms.
_WIDE = "\u2e80-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff01-\uff60\uffe0-\uffe6"
_WIDE_BREAK = lazy_pattern(rf"(?<=[{_WIDE}])[ \t\r]*\n[ \t\r\n]*(?=[{_WIDE}])")
_TITLE_WORDS = ("年度报告", "年报")
_YEAR = lazy_pattern(r"(?:19|20)\d\d|[〇零○一二三四五六七八九]{4}")
_MIN_ARTICLE = 100
# Plain lxml elements (no lxml.html element classes): a third faster to walk.


@cache
def _lxml() -> tuple[etree.HTMLParser, etree.XPath]:
    """The parser and the compiled ``string()`` XPath. lxml is imported on the first HTML read, not by every run that
    loads this plugin."""
    return (
        etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True),
        etree.XPath("string()"),
    )


def _string(element: etree._Element) -> str:
    """The text of ``element`` and its descendants (XPath ``string()``)."""
    return str(_lxml()[1](element))


# A cell holding one of these twice, or a <br>, is not a simple cell (see _simple_cell).
_STRUCTURE_TAGS = frozenset(
    ("br", "p", "div", "li", "table", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style")
)


def _simple_cell(cell: etree._Element) -> bool:
    """No ``<br>`` below the cell and at most one paragraph, division, list item, table, row, heading, script or
    style: the XPath ``not(.//br) and count(.//p|.//div|…) <= 1``, tested on the few elements of a cell in half the
    time an XPath takes to start."""
    found = False
    for element in cell.iterdescendants():
        tag = element.tag
        if tag in _STRUCTURE_TAGS:
            if found or tag == "br":
                return False
            found = True
    return True


def _cell_string(cell: etree._Element) -> str:
    """The text of a cell and its descendants, as :func:`_string`, serialised by libxml2 (a small element's text in a
    third of the time an XPath takes)."""
    return etree.tostring(cell, method="text", encoding=str, with_tail=False)


# characters of text a container must hold to be the article


def sniff(data: bytes) -> bool:
    head = data[:4096]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            head = head.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            return False
    if head.startswith(codecs.BOM_UTF8):
        head = head[3:]
    if _HTML_START.match(head):
        return True
    lowered = head[:1024].lower()
    return head.lstrip()[:1] == b"<" and (b"<html" in lowered or b"<body" in lowered)


def decode_html(data: bytes, path: str) -> tuple[str, str]:
    """Decode a page: BOM, then the declared charset, then detection; return ``(text, encoding)``."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(data, path)
    match = _META_CHARSET.search(data[:8192])
    if match is not None:
        declared = match.group(1).decode("ascii", "replace").lower()
        encoding = "gb18030" if declared in _GB else declared
        try:
            codecs.lookup(encoding)
            return data.decode(encoding), encoding
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: detect instead
    return decode(data, path)


def read_html(data: bytes, path: str, limits: Limits) -> Document:
    """Read a web page holding a report."""
    deadline = Deadline(limits, path)
    text, encoding = decode_html(data, path)
    text = _XML_DECLARATION.sub("", text, count=1)
    limits.check_lines(text.count("\n"), path)  # the walker keeps a slot per source line
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        root = etree.fromstring(text, _lxml()[0])
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise ReadError(f"网页无法解析：{exc}", f"the page cannot be parsed: {exc}", path) from None
    if root is None:
        raise ReadError("网页没有内容", "the page is empty", path)
    deadline.check()
    container = find_article(root)
    walker = _Walker(text.count("\n") + 1, deadline)
    notes: list[dict[str, object]] = []
    title = _title_outside(root, container)
    if title is not None:
        walker.add_line(title[0], title[1])
        notes.append({"kind": "title-outside-article", "line": title[1], "text": title[0]})
    try:
        walker.container(container)
    except RecursionError:
        raise LimitExceeded(
            "网页元素嵌套过深，已拒绝读取", "the page nests its elements too deeply; refused", path
        ) from None
    walker.flush()
    if container is not root.find("body"):
        notes.append({"kind": "article", "line": container.sourceline or 1, "text": _describe(container)})
    return Document(
        path=path,
        format="html",
        blocks=walker.blocks,
        lines=walker.source_lines(),
        encoding=encoding,
        layout="html-tables" if walker.tables else "html",
        notes=notes,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )


# ── the article and its title ───────────────────────────────────────────────────────────────────────────
def find_article(root: etree._Element) -> etree._Element:
    """The element holding the article: a known CMS container, else the body without its boilerplate."""
    by_id = {element.get("id"): element for element in root.xpath("//*[@id]")}
    for ident in _CONTAINER_IDS:
        found = by_id.get(ident)
        if found is not None and _text_length(found) >= _MIN_ARTICLE:
            return found
    by_class: dict[str, list[etree._Element]] = {}
    for element in root.xpath("//*[@class]"):
        for name in element.get("class", "").split():
            by_class.setdefault(name, []).append(element)
    for name in _CONTAINER_CLASSES:
        for found in by_class.get(name, []):
            if _text_length(found) >= _MIN_ARTICLE:
                return found
    body = root.find("body")
    if body is None:
        return root
    for element in list(body.iter()):
        if element is body or not isinstance(element.tag, str):
            continue
        marks = f"{element.get('id', '')} {element.get('class', '')}"
        if element.tag in ("nav", "header", "footer", "aside") or _BOILERPLATE.search(marks):
            parent = element.getparent()
            if parent is not None:
                parent.remove(element)
    return body


def _text_length(element: etree._Element) -> int:
    return len(_SPACES.sub("", _string(element)))


def _describe(element: etree._Element) -> str:
    ident = f"#{element.get('id')}" if element.get("id") else ""
    classes = "".join(f".{c}" for c in (element.get("class") or "").split())
    return f"{element.tag}{ident}{classes}"


def _title_outside(root: etree._Element, container: etree._Element) -> tuple[str, int] | None:
    """The report title a CMS prints above the article, if the article does not begin with it."""
    first = next((_clean(t) for t in container.itertext() if t.strip()), "")
    if len(first) <= 80 and _looks_like_title(first):
        return None
    candidate = None
    for element in root.iter():
        if element is container:
            break
        if not isinstance(element.tag, str) or _is_inside(element, container):
            continue  # a comment, or a wrapper of the article
        marks = f"{element.get('id', '')} {element.get('class', '')}".lower()
        if element.tag in ("h1", "h2", "h3") or "title" in marks:
            text = _clean(_string(element))
            if 6 <= len(text) <= 80 and _looks_like_title(text):
                candidate = (text, element.sourceline or 1)  # the last one before the article
    if candidate is not None:
        return candidate
    for meta in root.iter("meta"):
        if (meta.get("name") or "").lower() == "articletitle":
            text = _clean(meta.get("content") or "")
            if _looks_like_title(text):
                return text, meta.sourceline or 1
    title = root.find(".//title")
    if title is not None:
        for part in re.split(r"[_|—–-]", _clean(_string(title))):
            if _looks_like_title(part):
                return part.strip(), title.sourceline or 1
    return None


def _looks_like_title(text: str) -> bool:
    """An annual report's title names the report and its year (a heading of a list of reports has no year)."""
    return any(word in text for word in _TITLE_WORDS) and _YEAR.search(text) is not None


def _is_inside(outer: etree._Element, element: etree._Element) -> bool:
    parent = element.getparent()
    while parent is not None:
        if parent is outer:
            return True
        parent = parent.getparent()
    return False


def _clean(text: str) -> str:
    """Runs of white space as one space, none at either end; a line break of the source between two Chinese
    characters (Word and many editors wrap their HTML there) is no space at all, as browsers render it (CSS Text:
    a segment break between two wide characters is removed)."""
    if text.isprintable():  # its only white space, if any, is the ASCII space (tabs, breaks, NBSP are unprintable)
        return " ".join(text.split()) if " " in text else text
    if "\n" in text:
        text = _WIDE_BREAK.sub("", text)
    return _SPACES.sub(" ", text).strip()


_location = tuple.__new__  # Location(line, column) made directly: a named tuple's own constructor costs twice as much


# ── blocks ──────────────────────────────────────────────────────────────────────────────────────────────
class _Walker:
    """Walks the article in document order; prose becomes ``line`` blocks, table rows ``row`` blocks."""

    def __init__(self, line_count: int, deadline: Deadline) -> None:
        self.lines: list[list[str]] = [[] for _ in range(line_count)]  # the texts placed on each source line
        self.widths = [0] * line_count  # and the width they take joined by tabs
        self.blocks: list[Block] = []
        self.tables = 0
        self.deadline = deadline
        self.parts: list[str] = []
        self.line: int | None = None

    # prose
    def add_line(self, text: str, line: int) -> None:
        cleaned = _clean(text)
        if cleaned:
            self.blocks.append(self.deadline.add(Block("line", [RawCell(cleaned, self._place(cleaned, line))])))

    def flush(self) -> None:
        if self.parts:
            self.add_line("".join(self.parts), self.line or 1)
        self.parts = []
        self.line = None

    def _text(self, text: str | None, line: int | None) -> None:
        if text:
            if self.line is None and text.strip():
                self.line = line
            self.parts.append(text)

    def _place(self, text: str, line: int) -> Location:
        """Put text on its source line of ``Document.lines``; return where it starts."""
        if line < 1:
            line = 1
        elif line > len(self.lines):
            line = len(self.lines)
        width = self.widths[line - 1]
        if width or text:  # joined at the end: concatenating here costs quadratic time on a one-line page
            self.lines[line - 1].append(text)
            self.widths[line - 1] = width + len(text) + (1 if width else 0)
        return _location(Location, (line, width + (2 if width else 1), None, None))

    def source_lines(self) -> list[str]:
        """``Document.lines``: at each source line, the texts of the blocks that begin there, tab-separated."""
        return ["\t".join(texts) for texts in self.lines]

    def container(self, element: etree._Element) -> None:
        self._text(element.text, element.sourceline)
        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag and tag not in _SKIP_TAGS and not _hidden(child):
                if tag == "br":
                    self.flush()
                elif tag == "table":
                    self.flush()
                    self._table(child)
                elif tag in _BLOCK_TAGS:
                    self.flush()
                    self.container(child)
                    self.flush()
                else:
                    self.container(child)  # inline: its text joins the current line
            self._text(child.tail, child.sourceline)

    # tables
    def _table(self, table: etree._Element) -> None:
        self.deadline.check()
        rows = [row for row in table.iter("tr") if _owner_table(row) is table]
        if any(inner is not table for inner in table.iter("table")):
            for row in rows:  # a layout table: its cells are containers
                for cell in row:
                    if cell.tag in ("td", "th"):
                        self.container(cell)
                        self.flush()
            return
        self.tables += 1
        below: dict[int, int] = {}  # grid column → rows still covered by a cell from above
        for row in rows:
            texts: list[tuple[str, int]] = []
            column = 0
            for cell in row.iterchildren("td", "th"):
                while below.get(column, 0) > 0:
                    if texts:
                        texts.append(("", row.sourceline or 1))
                    below[column] -= 1
                    column += 1
                span, down = _span(cell, "colspan"), _span(cell, "rowspan")
                if not _hidden(cell):
                    texts.append((_cell_text(cell), cell.sourceline or row.sourceline or 1))
                if span == 1:
                    below[column] = down - 1
                else:
                    for covered in range(column, column + span):
                        below[covered] = down - 1
                column += span
            for rest in [c for c in below if c >= column and below[c] > 0]:
                below[rest] -= 1
            if texts:
                place = self._place
                self.blocks.append(self.deadline.add(Block("row", [
                    RawCell(text, place(text.replace("\n", " ") if "\n" in text else text, line))
                    for text, line in texts
                ])))  # fmt: skip


def _owner_table(row: etree._Element) -> etree._Element | None:
    parent = row.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _span(cell: etree._Element, attribute: str) -> int:
    value = cell.get(attribute)
    if value is None or value == "1":
        return 1  # most cells span nothing
    try:
        return min(max(int(value.strip()), 1), 1000)
    except ValueError:
        return 1


def _hidden(element: etree._Element) -> bool:
    style = element.get("style")
    return bool(style) and "none" in style and re.search(r"display\s*:\s*none", style) is not None


def _cell_text(cell: etree._Element) -> str:
    """A cell's text, its ``<br>`` and block elements as line breaks."""
    if len(cell) == 0:
        text = cell.text
        return _clean(text) if text else ""
    if _simple_cell(cell):  # the common cell: text in inline markup, at most one paragraph
        return _clean(_cell_string(cell))
    lines: list[str] = []
    parts: list[str] = []

    def walk(element: etree._Element) -> None:
        if element.text:
            parts.append(element.text)
        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag and tag not in _SKIP_TAGS and not _hidden(child):
                if tag == "br":
                    end()
                elif tag in _BLOCK_TAGS or tag in ("table", "tr", "td", "th"):
                    end()
                    walk(child)
                    end()
                else:
                    walk(child)
            if child.tail:
                parts.append(child.tail)

    def end() -> None:
        line = _clean("".join(parts))
        if line:
            lines.append(line)
        parts.clear()

    walk(cell)
    end()
    return "\n".join(lines)


# ── the plugin ──────────────────────────────────────────────────────────────────────────────────────────
@hookimpl
def auditor_read(path: str, data: bytes, limits: Limits) -> Document | None:
    if not sniff(data):
        return None
    return read_html(data, path, limits)


@hookimpl
def auditor_formats() -> list[dict[str, str]]:
    return [
        {
            "name": "html",
            "extensions": ".html .htm .shtml .xhtml",
            "description": "web pages: the article body, tables with rowspan/colspan, charset from <meta> or detected",
        }
    ]
