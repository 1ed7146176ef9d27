"""PDF reader: text and ruled tables page by page, with PDFium (pypdfium2).

Each page gives its characters (in PDFium's reading order, with their boxes) and its ruling lines (the path
objects that draw table borders). Ruling lines that touch form a table; their positions form a grid, and a border
missing between two grid cells merges them — so a cell merged across rows or columns (三、本年度办理结果, 申请人情况)
is one cell, in its first row, as in the DOCX reader. Characters inside a table go to their cell (lines of a cell
joined with line breaks); the rest make the page's lines of prose. Prose lines and table rows are put in the order
they stand on the page, top to bottom; page footers (``- 1 -``) are dropped and noted.

Positions: one line per prose line or table row in ``Document.lines``, with the page number. A PDF without a text
layer (a scan) raises :class:`~auditor.errors.NeedsOCR`; more pages than ``Limits.max_pages`` or more time than
``Limits.max_seconds`` raise :class:`~auditor.errors.LimitExceeded`.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from auditor.lazy import lazy_module, lazy_pattern

if TYPE_CHECKING:
    import ctypes
    from collections.abc import Iterator

    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c
else:  # loaded when the first PDF is read: importing PDFium costs every run ~60 ms
    pdfium = lazy_module("pypdfium2")
    pdfium_c = lazy_module("pypdfium2.raw")
    ctypes = lazy_module("ctypes")

from auditor.document import Block, Document, Location, RawCell
from auditor.errors import LimitExceeded, NeedsOCR, ReadError
from auditor.hookspecs import hookimpl
from auditor.readers import Deadline
from auditor.readers.text import FOOTER_LINE

if TYPE_CHECKING:
    from auditor.readers import Limits

_THIN = 3.0  # points: a path this thin and longer than _MIN_RULE is a ruling line
_MIN_RULE = 6.0
_SNAP = 2.0  # rules closer than this are one
_GAP = 4.0  # collinear pieces of a rule with gaps up to this are one rule (dashes, joints)
_SEGMENT_MOVETO = 2
_OPEN_ROW = 8.0  # points: vertical rules reaching this far past the last horizontal rule close a row of their own
_VERTICAL_MIN = 3  # lines of one character each that make a cell's text vertical
_HUGE_GLYPH = 40.0  # points: a character box larger than this is not the box of a character of body text


@dataclass(slots=True)
class _Char:
    """A character of the text layer and its box (points, PDF coordinates)."""

    text: str
    left: float
    right: float
    bottom: float
    top: float
    baseline: float = 0.0  # the y of the glyph's origin: the same for every character of a line, whatever its font

    @property
    def cx(self) -> float:
        return (self.left + self.right) / 2

    @property
    def cy(self) -> float:
        return (self.bottom + self.top) / 2


@dataclass
class _Table:
    """A ruled table of a page: its grid, its merged cells and the characters in each."""

    xs: list[float]  # column boundaries, left to right
    ys: list[float]  # row boundaries, top to bottom (PDF y decreasing)
    root: list[int]  # grid cell index → the merged cell it belongs to
    chars: dict[int, list[_Char]] = field(default_factory=dict)
    # What every character's test needs, computed once: the table's box (a point of slack) and -y of its rows.
    box: tuple[float, float, float, float] = field(init=False)
    negated_ys: list[float] = field(init=False)

    def __post_init__(self) -> None:
        self.box = (self.xs[0] - 1, self.xs[-1] + 1, self.ys[-1] - 1, self.ys[0] + 1)
        self.negated_ys = [-y for y in self.ys]

    def cell_at(self, x: float, y: float) -> int:
        column = min(max(bisect.bisect_right(self.xs, x) - 1, 0), len(self.xs) - 2)
        row = min(max(bisect.bisect_right(self.negated_ys, -y) - 1, 0), len(self.ys) - 2)
        return self.root[row * (len(self.xs) - 1) + column]


def read_pdf(data: bytes, path: str, limits: Limits) -> Document:
    """Read a PDF with a text layer."""
    deadline = Deadline(limits, path)
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ReadError("PDF 已加密，需要密码才能打开", "the PDF is encrypted and needs a password", path) from None
        raise ReadError(f"PDF 文件已损坏：{exc}", f"the PDF is damaged: {exc}", path) from None
    try:
        pages = len(pdf)
        if pages > limits.max_pages:
            raise LimitExceeded(
                f"PDF 有 {pages} 页，超过 {limits.max_pages} 页的上限（--max-pages）",
                f"the PDF has {pages} pages, more than the {limits.max_pages} allowed (--max-pages)",
                path,
            )
        if pages == 0:
            raise ReadError("PDF 没有页面", "the PDF has no pages", path)
        reader = _Reader()
        for index in range(pages):
            deadline.check(f"（第 {index + 1} 页）", f" (page {index + 1})")
            try:
                page = pdf[index]
            except pdfium.PdfiumError as exc:
                raise ReadError(
                    f"PDF 第 {index + 1} 页无法读取，文件已损坏：{exc}",
                    f"page {index + 1} of the PDF cannot be read; the file is damaged: {exc}",
                    path,
                ) from None
            try:
                reader.page(page, index + 1)
            finally:
                page.close()
    finally:
        pdf.close()
    reader.finish()
    if reader.visible == 0:
        raise NeedsOCR(
            f"PDF 共 {pages} 页，但没有文字层（是扫描件）：需要先进行文字识别（OCR），或提供原始 Word 文件",
            f"the PDF has {pages} page(s) but no text layer (it is a scan): it needs OCR first, or the original Word "
            "file",
            path,
        )
    if reader.unmapped > reader.visible // 2:
        raise NeedsOCR(
            "PDF 的文字层无法识别（字体缺少字符编码映射）：需要先进行文字识别（OCR），或提供原始 Word 文件",
            "the PDF's text layer cannot be decoded (its fonts map no characters): it needs OCR first, or the "
            "original Word file",
            path,
        )
    return Document(
        path=path,
        format="pdf",
        blocks=reader.blocks,
        lines=reader.lines,
        layout="pdf-ruled-tables" if reader.tables else "pdf-text",
        notes=reader.notes,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )


@dataclass
class _Line:
    """A line of prose as printed: its text, its page and where it starts and ends."""

    page: int
    text: str
    left: float
    right: float
    em: float  # the height of its characters, a measure of its font size
    top: float = 0.0  # the top of its highest character and the bottom of its lowest (PDF coordinates)
    bottom: float = 0.0


@dataclass
class _Row:
    """A table row: its cells (text, left, right) and whether it is the first thing on its page."""

    page: int
    cells: list[tuple[str, float, float]]
    first_on_page: bool = False


_HEADING_START = lazy_pattern(
    r"^\s*(?:[一二三四五六七八九十]{1,2}\s*、|[（(]\s*[一二三四五六七八九十\d]{1,2}\s*[)）]|\d{1,2}\s*[、.．]|第[一二三四五六七八九十]+)"
)
_SPACES = lazy_pattern(r"\s+")
_NUMBER = lazy_pattern(r"[-+−－]?[\d０-９][\d０-９.,，]*\s*[%％元万件条]*")


class _Reader:
    """Collects the pages' lines and rows, then joins what the page layout broke (see :meth:`finish`)."""

    def __init__(self) -> None:
        self.items: list[_Line | _Row] = []
        self.blocks: list[Block] = []
        self.lines: list[str] = []
        self.notes: list[dict[str, object]] = []
        self.visible = 0  # characters that are not white space
        self.unmapped = 0  # characters without a Unicode mapping (private use, controls)
        self.tables = 0

    def page(self, page: pdfium.PdfPage, number: int) -> None:
        textpage = page.get_textpage()
        try:
            chars = _chars(textpage)
        finally:
            textpage.close()
        tables = _tables(page) if chars else []
        self.tables += len(tables)
        placed: list[tuple[float, int, _Line | _Row]] = []  # (-top, order, item)
        line: list[_Char] = []

        def end_line() -> None:
            nonlocal line
            visible = [c for c in line if c.text.strip()]
            text = "".join(c.text for c in line).strip()
            if visible and text:
                heights = sorted(c.top - c.bottom for c in visible)
                top = max(c.top for c in visible)
                item = _Line(
                    number,
                    text,
                    visible[0].left,
                    max(c.right for c in visible),
                    heights[len(heights) // 2],
                    top,
                    min(c.bottom for c in visible),
                )
                placed.append((-top, len(placed), item))
            line = []

        for char in chars:
            text = char.text
            if text == "\n":
                end_line()
                continue
            if text.strip():
                self.visible += 1
                code = ord(text)
                if code < 32 or 0xE000 <= code <= 0xF8FF or code == 0xFFFD:
                    self.unmapped += 1
                if tables:
                    x, y = char.cx, char.cy
                    for table in tables:
                        left, right, bottom, top = table.box  # inside the table's box
                        if left <= x <= right and bottom <= y <= top:
                            table.chars.setdefault(table.cell_at(x, y), []).append(char)
                            break
                    else:
                        line.append(char)
                else:
                    line.append(char)
            elif line:
                line.append(char)
        end_line()
        for table in tables:
            for top, cells in _rows(table):
                placed.append((-top, len(placed), _Row(number, cells)))
        placed.sort(key=lambda entry: (entry[0], entry[1]))
        first = True
        for _top, _order, item in placed:
            if isinstance(item, _Line) and FOOTER_LINE.fullmatch(item.text):
                self.notes.append({"kind": "page-footer", "page": number, "text": item.text})
                continue
            if isinstance(item, _Row):
                item.first_on_page = first
            first = False
            self.items.append(item)

    def finish(self) -> None:
        """Emit the blocks: a paragraph's lines joined into one, a table row broken by a page end made whole."""
        wide = [item for item in self.items if isinstance(item, _Line) and len(item.text) >= 10]
        right_margin = max((item.right for item in wide), default=0.0)
        left_margin = min((item.left for item in wide), default=0.0)
        ems = sorted(item.em for item in wide)
        body_em = ems[len(ems) // 2] if ems else 0.0
        previous: _Line | _Row | None = None
        for item in self.items:
            if isinstance(item, _Line):
                if (
                    isinstance(previous, _Line)
                    and previous.right >= right_margin - 1.5 * previous.em
                    and item.left <= left_margin + 0.8 * item.em
                    and not _HEADING_START.match(item.text)
                ) or (
                    isinstance(previous, _Line)
                    and _wrapped_title(previous, item, body_em, (left_margin + right_margin) / 2)
                ):
                    self._continue_line(previous, item)
                else:
                    self._emit_line(item)
            elif isinstance(previous, _Row) and item.first_on_page and _continues_row(previous, item):
                self._continue_row(previous, item)
                continue
            else:
                self._emit_row(item)
            previous = item

    def _emit_line(self, item: _Line) -> None:
        self.lines.append(item.text)
        self.blocks.append(Block("line", [RawCell(item.text, Location(len(self.lines), 1, item.page))]))

    def _continue_line(self, previous: _Line, item: _Line) -> None:
        """The next printed line of the same paragraph (it filled the line and the next is not indented)."""
        joint = " " if previous.text[-1:].isascii() and item.text[:1].isascii() and previous.text[-1:].isalnum() else ""
        cell = self.blocks[-1].cells[0]
        cell.text = f"{cell.text}{joint}{item.text}"
        self.lines[-1] = cell.text
        previous.text, previous.right = cell.text, item.right

    def _emit_row(self, item: _Row) -> None:
        number = len(self.lines) + 1
        cells = []
        column = 1
        for text, _left, _right in item.cells:
            cells.append(RawCell(text, Location(number, column, item.page)))
            column += len(text) + 1
        self.lines.append("\t".join(text.replace("\n", " ") for text, _left, _right in item.cells))
        self.blocks.append(Block("row", cells))

    def _continue_row(self, previous: _Row, item: _Row) -> None:
        """Add the rest of a row that a page end broke (label text only) to the row's cells on the page before."""
        block = self.blocks[-1]
        for text, left, right in item.cells:
            if not text:
                continue
            index = _overlapping(previous.cells, left, right)
            block.cells[index].text = f"{block.cells[index].text}\n{text}"
        self.lines[-1] = "\t".join(cell.text.replace("\n", " ") for cell in block.cells)
        self.notes.append({"kind": "row-continued-on-next-page", "page": item.page, "line": len(self.lines)})


def _wrapped_title(previous: _Line, item: _Line, body_em: float, centre: float) -> bool:
    """The second line of a title or heading wrapped over two centred lines: both in the same type larger than the
    body's, centred on the text block, the second right under the first, the first ending without a sentence's end.
    """
    em = previous.em
    return (
        previous.page == item.page
        and body_em > 0
        and em >= 1.2 * body_em
        and abs(item.em - em) <= 0.1 * em
        and abs((previous.left + previous.right) / 2 - centre) <= 1.5 * em
        and abs((item.left + item.right) / 2 - centre) <= 1.5 * em
        and 0 <= previous.bottom - item.top <= 1.2 * em
        and previous.text[-1:] not in "。；：！？.;:!?"
    )


def _overlapping(cells: list[tuple[str, float, float]], left: float, right: float) -> int:
    """The cell of a row that overlaps ``left…right`` most."""
    best, overlap = 0, -1.0
    for index, (_text, cell_left, cell_right) in enumerate(cells):
        shared = min(right, cell_right) - max(left, cell_left)
        if shared > overlap:
            best, overlap = index, shared
    return best


def _continues_row(previous: _Row, item: _Row) -> bool:
    """A page's first row that only finishes the labels of the last row of the page before (Word lets a row break
    across pages): text only where that row has text, blank under its numbers."""
    written = [(text, left, right) for text, left, right in item.cells if text]
    if not written or any(_NUMBER.fullmatch(text) or _row_of_its_own(text) for text, _left, _right in written):
        return False
    for _text, left, right in written:
        above = previous.cells[_overlapping(previous.cells, left, right)][0]
        if not above or _NUMBER.fullmatch(above):
            return False
    numbers_above = [(left, right) for text, left, right in previous.cells if _NUMBER.fullmatch(text)]
    blank_below = [(left, right) for text, left, right in item.cells if not text]
    return bool(numbers_above) and all(
        any(min(right, b_right) - max(left, b_left) > 0 for b_left, b_right in blank_below)
        for left, right in numbers_above
    )


def _row_of_its_own(text: str) -> bool:
    """Text that begins a row rather than finishing the label of the row above: a label numbered at its start
    (``1.``, ``（二）``, ``三、``) or a whole label of the official format (``规范性文件``, a row left blank)."""
    compact = _SPACES.sub("", text)
    return _HEADING_START.match(compact) is not None or compact in _official_labels()


@cache
def _official_labels() -> frozenset[str]:
    from auditor.grammar import grammar  # only for a page's first row that could finish the row above

    return frozenset(_SPACES.sub("", label) for label in grammar().official_labels().values())


@cache
def _unchecked(name: str) -> Any:
    """PDFium's function ``name`` without the check and conversion of its arguments that ctypes makes at every call
    (two thirds of a call's cost): for the functions called once per character or page object, with arguments made
    here of exactly the types the C function takes (a handle, an ``int`` index — a Python int is passed as a C int —,
    pointers from ``byref``). Same function, same return type."""
    function = getattr(pdfium_c, name)
    if not all(kind is ctypes.c_int or issubclass(kind, ctypes._Pointer) for kind in function.argtypes or ()):
        return function  # a parameter that a Python int would not fill exactly (a size_t, a float): kept checked
    unchecked = type(function)(ctypes.cast(function, ctypes.c_void_p).value)
    unchecked.restype = function.restype
    return unchecked


# ── characters ──────────────────────────────────────────────────────────────────────────────────────────
def _chars(textpage: pdfium.PdfTextPage) -> list[_Char]:
    """The page's characters in reading order; PDFium's generated line breaks as ``"\\n"``."""
    raw = textpage.raw
    count = pdfium_c.FPDFText_CountChars(raw)
    if count <= 0:
        return []
    buffer = ctypes.create_string_buffer((count + 1) * 2)
    pdfium_c.FPDFText_GetText(raw, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    text = buffer.raw[: count * 2].decode("utf-16-le", errors="replace")
    if len(text) != count:  # characters outside the BMP: one index, two UTF-16 units
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, i) or 0xFFFD) for i in range(count))
    rect = pdfium_c.FS_RECTF()
    x, y = ctypes.c_double(), ctypes.c_double()
    out = []
    loose_box = _unchecked("FPDFText_GetLooseCharBox")
    origin = _unchecked("FPDFText_GetCharOrigin")
    generated = _unchecked("FPDFText_IsGenerated")
    pointer, x_pointer, y_pointer = ctypes.byref(rect), ctypes.byref(x), ctypes.byref(y)
    left, right, bottom, top = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    tight = (ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom), ctypes.byref(top))
    for index, ch in enumerate(text):
        if ch in "\r\n":
            if ch == "\n":
                out.append(_Char("\n", 0, 0, 0, 0))
            continue
        if generated(raw, index) == 1:
            if ch == " ":
                out.append(_Char(" ", 0, 0, 0, 0))
            continue
        loose_box(raw, index, pointer)
        origin(raw, index, x_pointer, y_pointer)
        box_left, box_right, box_bottom, box_top = rect.left, rect.right, rect.bottom, rect.top
        if box_right - box_left > _HUGE_GLYPH or box_top - box_bottom > _HUGE_GLYPH:
            # PDFium's loose box of a glyph set with a scaled-down font matrix (Word's vertical text in a merged
            # cell: 三、本年度办理结果 one character per line) can be twenty times too large and put the character
            # in the wrong table cell; the tight box is where the glyph is drawn.
            pdfium_c.FPDFText_GetCharBox(raw, index, *tight)
            out.append(_Char(ch, left.value, right.value, bottom.value, top.value, y.value))
            continue
        out.append(_Char(ch, box_left, box_right, box_bottom, box_top, y.value))
    return out


# ── ruling lines and tables ─────────────────────────────────────────────────────────────────────────────
def _rules(page: pdfium.PdfPage) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """Horizontal rules ``(y, x0, x1)`` and vertical rules ``(x, y0, y1)`` drawn on the page."""
    horizontal: list[tuple[float, float, float]] = []
    vertical: list[tuple[float, float, float]] = []
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    bounds = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    pointers = [ctypes.byref(value) for value in bounds]
    get_bounds = _unchecked("FPDFPageObj_GetBounds")
    for raw in _path_objects(page.raw):
        if not get_bounds(raw, *pointers):
            raise pdfium.PdfiumError("Failed to locate pageobject.")
        left, bottom, right, top = (value.value for value in bounds)
        width, height = right - left, top - bottom
        if height <= _THIN and width >= _MIN_RULE:
            horizontal.append(((top + bottom) / 2, left, right))
            continue
        if width <= _THIN and height >= _MIN_RULE:
            vertical.append(((left + right) / 2, bottom, top))
            continue
        pdfium_c.FPDFPath_GetDrawMode(raw, ctypes.byref(fill), ctypes.byref(stroke))
        if not stroke.value or width < _MIN_RULE or height < _MIN_RULE:
            continue  # a filled area (cell shading) or a dot
        _segments(pdfium.PdfObject(raw, page=page), horizontal, vertical)
    return horizontal, vertical


def _path_objects(parent: ctypes.c_void_p, form: bool = False, level: int = 0) -> Iterator[ctypes.c_void_p]:
    """The path objects of a page and of the form XObjects on it, three levels down — what pypdfium2's
    ``get_objects(filter=[FPDF_PAGEOBJ_PATH], max_depth=3)`` yields, as PDFium handles: a page's text objects, most
    of its objects, are passed over without a Python object made for each."""
    count_objects = pdfium_c.FPDFFormObj_CountObjects if form else pdfium_c.FPDFPage_CountObjects
    count = count_objects(parent)
    if count < 0:
        raise pdfium.PdfiumError("Failed to get number of pageobjects.")
    # A form's objects are counted by an unsigned long: that call keeps ctypes' conversion (forms are few).
    get_object = pdfium_c.FPDFFormObj_GetObject if form else _unchecked("FPDFPage_GetObject")
    get_type = _unchecked("FPDFPageObj_GetType")
    path, xobject = pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM
    for index in range(count):
        raw = get_object(parent, index)
        if not raw:
            raise pdfium.PdfiumError("Failed to get pageobject.")
        kind = get_type(raw)
        if kind == path:
            yield raw
        elif kind == xobject and level < 2:
            yield from _path_objects(raw, True, level + 1)
        elif kind == pdfium_c.FPDF_PAGEOBJ_UNKNOWN:
            raise pdfium.PdfiumError("Failed to determine pageobject type.")


def _segments(obj: pdfium.PdfObject, horizontal: list, vertical: list) -> None:
    """The straight horizontal and vertical pieces of a stroked path (rectangles, grids drawn as one path)."""
    raw = obj.raw
    count = pdfium_c.FPDFPath_CountSegments(raw)
    if count > 4000:
        return
    matrix = obj.get_matrix()
    x, y = ctypes.c_float(), ctypes.c_float()
    start: tuple[float, float] | None = None
    previous: tuple[float, float] | None = None
    for index in range(count):
        segment = pdfium_c.FPDFPath_GetPathSegment(raw, index)
        pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
        point = matrix.on_point(x.value, y.value)
        if pdfium_c.FPDFPathSegment_GetType(segment) == _SEGMENT_MOVETO or previous is None:
            start = previous = point
            continue
        _add_segment(previous, point, horizontal, vertical)
        if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None:
            _add_segment(point, start, horizontal, vertical)
        previous = point


def _add_segment(a: tuple[float, float], b: tuple[float, float], horizontal: list, vertical: list) -> None:
    if abs(a[1] - b[1]) <= 0.5 and abs(a[0] - b[0]) >= _MIN_RULE:
        horizontal.append(((a[1] + b[1]) / 2, min(a[0], b[0]), max(a[0], b[0])))
    elif abs(a[0] - b[0]) <= 0.5 and abs(a[1] - b[1]) >= _MIN_RULE:
        vertical.append(((a[0] + b[0]) / 2, min(a[1], b[1]), max(a[1], b[1])))


def _merge(rules: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """One rule for collinear pieces that touch (double borders, dashes, borders drawn cell by cell)."""
    out: list[tuple[float, float, float]] = []
    for position, start, end in sorted(rules):
        for index in range(len(out) - 1, -1, -1):
            other, other_start, other_end = out[index]
            if position - other > _SNAP:
                out.append((position, start, end))
                break
            if start <= other_end + _GAP and end >= other_start - _GAP:
                out[index] = (other, min(start, other_start), max(end, other_end))
                break
        else:
            out.append((position, start, end))
    return out


def _tables(page: pdfium.PdfPage) -> list[_Table]:
    horizontal, vertical = _rules(page)
    if len(horizontal) < 2 or len(vertical) < 2:
        return []
    horizontal, vertical = _merge(horizontal), _merge(vertical)
    # Rules that cross or touch belong to one table.
    parent = list(range(len(horizontal) + len(vertical)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for h, (y, x0, x1) in enumerate(horizontal):
        for v, (x, y0, y1) in enumerate(vertical):
            if x0 - _SNAP <= x <= x1 + _SNAP and y0 - _SNAP <= y <= y1 + _SNAP:
                parent[find(h)] = find(len(horizontal) + v)
    groups: dict[int, tuple[list, list]] = {}
    for h, rule in enumerate(horizontal):
        groups.setdefault(find(h), ([], []))[0].append(rule)
    for v, rule in enumerate(vertical):
        groups.setdefault(find(len(horizontal) + v), ([], []))[1].append(rule)
    tables = []
    for rows, columns in groups.values():
        table = _grid(rows, columns)
        if table is not None:
            tables.append(table)
    return tables


def _positions(values: list[float]) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > _SNAP:
            out.append(value)
    return out


def _grid(horizontal: list, vertical: list) -> _Table | None:
    if len(horizontal) < 2 or len(vertical) < 2:
        return None
    xs = _positions([x for x, _y0, _y1 in vertical])
    ys = _positions([y for y, _x0, _x1 in horizontal])[::-1]
    # A row that a page end cut open has side borders but no rule below (or above) it: its cells end where the
    # vertical rules end.
    below = sorted(y0 for _x, y0, _y1 in vertical if ys[-1] - y0 > _OPEN_ROW)
    if len(below) >= max(2, len(vertical) // 2):
        ys.append(below[len(below) // 2])
    above = sorted(y1 for _x, _y0, y1 in vertical if y1 - ys[0] > _OPEN_ROW)
    if len(above) >= max(2, len(vertical) // 2):
        ys.insert(0, above[len(above) // 2])
    if len(xs) < 2 or len(ys) < 2 or (len(xs) == 2 and len(ys) == 2):
        return None  # a frame around text, not a table
    columns, rows = len(xs) - 1, len(ys) - 1

    # The rules standing at each column and row boundary, found once (not again for every grid cell).
    at_x = {x: [(y0, y1) for rx, y0, y1 in vertical if abs(rx - x) <= _SNAP] for x in xs}
    at_y = {y: [(x0, x1) for ry, x0, x1 in horizontal if abs(ry - y) <= _SNAP] for y in ys}

    def vertical_border(x: float, y: float) -> bool:
        return any(y0 - _SNAP <= y <= y1 + _SNAP for y0, y1 in at_x[x])

    def horizontal_border(y: float, x: float) -> bool:
        return any(x0 - _SNAP <= x <= x1 + _SNAP for x0, x1 in at_y[y])

    root = list(range(rows * columns))

    def find(i: int) -> int:
        while root[i] != i:
            root[i] = root[root[i]]
            i = root[i]
        return i

    def union(a: int, b: int) -> None:
        a, b = find(a), find(b)
        if a != b:
            root[max(a, b)] = min(a, b)  # the top-left grid cell names the merged cell

    for row in range(rows):
        middle_y = (ys[row] + ys[row + 1]) / 2
        for column in range(columns):
            index = row * columns + column
            if column + 1 < columns and not vertical_border(xs[column + 1], middle_y):
                union(index, index + 1)
            middle_x = (xs[column] + xs[column + 1]) / 2
            if row + 1 < rows and not horizontal_border(ys[row + 1], middle_x):
                union(index, index + columns)
    return _Table(xs, ys, [find(i) for i in range(rows * columns)])


def _rows(table: _Table) -> list[tuple[float, list[tuple[str, float, float]]]]:
    """The table's rows top to bottom: each merged cell once, in its first row, left to right."""
    columns = len(table.xs) - 1
    out = []
    for row in range(len(table.ys) - 1):
        cells = []
        for column in range(columns):
            index = row * columns + column
            if table.root[index] != index:
                continue  # part of a cell that begins above or to the left
            right = column + 1
            while right < columns and table.root[row * columns + right] == index:
                right += 1
            cells.append((_cell_text(table.chars.get(index, [])), table.xs[column], table.xs[right]))
        if cells:
            out.append((table.ys[row], cells))
    return out


def _cell_text(chars: list[_Char]) -> str:
    """A cell's characters as lines, top to bottom, each left to right."""
    if not chars:
        return ""
    lines: list[list[_Char]] = []
    for char in sorted(chars, key=lambda c: -c.baseline):
        if lines:
            last = lines[-1]
            height = max(last[0].top - last[0].bottom, 1.0)
            if abs(last[0].baseline - char.baseline) <= height / 3:
                last.append(char)
                continue
        lines.append([char])
    out = []
    for line in lines:
        line.sort(key=lambda c: c.cx)
        parts = [line[0].text]
        for before, char in itertools.pairwise(line):
            gap = char.left - before.right
            if gap > 0.6 * max(char.top - char.bottom, 1.0) and before.text != " " and char.text != " ":
                parts.append(" ")
            parts.append(char.text)
        text = _SPACES.sub(" ", "".join(parts)).strip()
        if text:
            out.append(text)
    if len(out) >= _VERTICAL_MIN and all(len(line) == 1 for line in out):
        return "".join(out)  # text set vertically, one character per line (a group label down a merged cell)
    return "\n".join(out)


def sniff(data: bytes) -> bool:
    return b"%PDF-" in data[:1024]


# ── the plugin ──────────────────────────────────────────────────────────────────────────────────────────
@hookimpl
def auditor_read(path: str, data: bytes, limits: Limits) -> Document | None:
    if not sniff(data):
        return None
    return read_pdf(data, path, limits)


@hookimpl
def auditor_formats() -> list[dict[str, str]]:
    return [{"name": "pdf", "extensions": ".pdf", "description": "PDF with a text layer (text and ruled tables)"}]
