"""Plain-text reader: detects the encoding and the layout, removes extraction residue, and yields blocks.

Layouts seen in real text (issue 2, SPEC §5):

* *cell per line* — a Word table saved as text: each cell on its own line after a tab, rows separated by blank
  lines, a cell's wrapped text continuing on the next line without the tab (seeds 000–002, 004);
* *tab-separated* — one table row per line (seed 003);
* *pipe-separated* — ``规章 | 0 | 0 | 0 |`` and Markdown tables (the row above a ``|---|`` rule, if it holds no
  figure, is a header row: its cells are never values);
* *plain* — everything else, including text extracted from PDFs (page footers ``— 1 —`` inside tables, labels
  wrapped mid-word), one cell per line with blank lines between cells, cells each followed by a line holding only
  ``|`` or written ``0 |``, and text scraped from web pages whose tables lost every cell boundary.

Markdown headings (``## 一、总体情况``) and emphasis around a whole line (``**一、总体情况**``) are read as the
text they mark. A web crawler's header (``标题: …``, ``原文链接: …`` down to a ``==== 正文 ====`` line) is kept as
prose and noted.
"""

from __future__ import annotations

import codecs
import hashlib
import itertools
import re
from typing import TYPE_CHECKING

from auditor.budget import check
from auditor.document import Block, Document, Location, RawCell
from auditor.errors import ReadError
from auditor.hookspecs import hookimpl
from auditor.lazy import lazy_pattern
from auditor.patterns import compiled
from auditor.script import CJK

if TYPE_CHECKING:
    from collections.abc import Iterator

    from auditor.readers import Limits

# Page footers and headers left by PDF extraction: "— 1 —", "- 3 -", "第 2 页 共 7 页".
_FOOTER = compiled(
    r"^[ \t\u3000]*(?:[—–\-－]+[ \t]*\d{1,3}[ \t]*[—–\-－]+"
    r"|第[ \t]*\d{1,3}[ \t]*页(?:[ \t]*[,，/]?[ \t]*共[ \t]*\d{1,3}[ \t]*页)?)[ \t\u3000]*$",
    re.M,
)
# One page footer or header by itself (fullmatch a stripped line), for readers that extract text themselves.
FOOTER_LINE = _FOOTER
# A Markdown table rule: |---|---|
_MD_RULE = compiled(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$", re.M)
# A Markdown ATX heading: "## 一、总体情况" (the text is group 2).
_ATX = lazy_pattern(r"^([ \t]{0,3}#{1,6}[ \t]+)(.*?)[ \t]*#*[ \t]*$")
# A line break written as HTML inside a Markdown table cell.
_BR = lazy_pattern(r"<br\s*/?>", re.I)
# Emphasis around a whole line or cell: "**一、总体情况**".
_EMPHASIS = lazy_pattern(r"^(\*\*|__)(.+)\1$")
# The end of a web crawler's header: "==================== 正文 ====================".
_CRAWLER_BODY = compiled(r"^[ \t]*[=＝]{3,}[ \t]*正文[ \t]*[=＝]{3,}[ \t]*$", re.M)
_CRAWLER_FIELD = lazy_pattern(r"^[^\s:：]{1,8}[:：]")
# Word residue in text exports: "[bookmark: _GoBack]".
_RESIDUE = compiled(r"\[bookmark:[^\]\n]*\]")
# HTML comments left in a scraped page's text: Word's 「<!--[if !supportMisalignedColumns]--><!--[endif]-->」 glued
# to a table's caption, which would read as words of the report.
_HTML_COMMENT = compiled(r"<!--.*?-->")
_CONTROL = compiled(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")

# A wrapped cell continues on the next line; a long line or a finished sentence is never a continuation.
_MAX_CONTINUATION = 60


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Decode report bytes; return ``(text, encoding)``. Detects BOMs, UTF-16 without BOM, UTF-8 and GB18030."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", path), "utf-8-sig"
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return _strict(data, "utf-16", path), "utf-16"
    head = data[:8192]
    if b"\x00" in head:
        # UTF-16 without a BOM: ASCII characters (digits, line breaks) put a NUL in their high byte, the odd byte in
        # little-endian and the even byte in big-endian. Binary junk does not decode to Chinese text.
        even, odd = head[0::2].count(0), head[1::2].count(0)
        order = ("utf-16-le", "utf-16-be") if odd >= even else ("utf-16-be", "utf-16-le")
        for encoding in order:
            if len(data) % 2:
                break
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if _mostly_cjk(text) and not _CONTROL.search(text[:4000]):
                return text, encoding
        raise ReadError("文件含二进制内容，不是文本文件", "the file holds binary data; it is not a text file", path)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = ""
    if text and _mostly_cjk(text):
        return text, "gb18030"
    return _detected(data, path)


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ReadError(
            f"文件编码无法识别（按 {encoding} 解码失败，位置 {exc.start}）",
            f"cannot decode the file as {encoding} (byte {exc.start})",
            path,
        ) from None


def _mostly_cjk(text: str) -> bool:
    non_ascii = [ch for ch in text[:4000] if ord(ch) > 127]
    if not non_ascii:
        return True
    return sum(
        1 for ch in non_ascii if CJK.match(ch) or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"
    ) >= 0.9 * len(non_ascii)


def _detected(data: bytes, path: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes  # only for encodings the fast checks above do not settle

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise ReadError(
            "无法识别文件编码，文件可能不是文本", "cannot detect the text encoding; the file may not be text", path
        )
    return str(best), best.encoding


_ASCII_TRANSPARENT = frozenset({"utf-8", "utf-8-sig", "gb18030"})
_CONTROL_BYTES = bytes([*range(0x09), 0x0B, *range(0x0E, 0x20), 0x7F])  # what _CONTROL matches, as bytes
_FEW_CONTROLS = 8  # control characters any text may hold (see check_text)


def check_text(text: str, path: str) -> None:
    """Reject decoded text that is really binary junk."""
    sample = text[:20000]
    if sample and len(_CONTROL.findall(sample)) > max(_FEW_CONTROLS, len(sample) // 200):
        raise ReadError(
            "文件含大量控制字符，不是文本文件", "the file is full of control characters; it is not text", path
        )


def read_text(data: bytes, path: str) -> Document:
    """Read a plain-text report."""
    text, encoding = decode(data, path)
    # In these encodings a byte below 0x80 is always the ASCII character itself: counted in the bytes (one C pass),
    # control characters few enough for any sample of the text need no search of the text.
    if encoding not in _ASCII_TRANSPARENT or len(data) - len(data.translate(None, _CONTROL_BYTES)) > _FEW_CONTROLS:
        check_text(text, path)
    doc = document_from_text(text, path, "text")
    doc.encoding = encoding
    doc.size = len(data)
    doc.sha256 = hashlib.sha256(data).hexdigest()
    return doc


def document_from_text(text: str, path: str, fmt: str) -> Document:
    """Split text into lines and blocks (also used by readers that extract text first)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    notes: list[dict[str, object]] = []
    clean: list[str | None] = list(lines)  # None: a line that is not content (footer, table rule, residue only)
    if "[bookmark:" in text:
        for match in _RESIDUE.finditer(text):
            index = text.count("\n", 0, match.start())
            notes.append({"kind": "word-residue", "line": index + 1, "text": match.group(0)})
            rest = _RESIDUE.sub("", lines[index])
            clean[index] = rest if rest.strip() else None
    if "<!--" in text:
        for match in _HTML_COMMENT.finditer(text):
            index = text.count("\n", 0, match.start())
            notes.append({"kind": "html-comment", "line": index + 1, "text": match.group(0)})
            rest = _HTML_COMMENT.sub("", clean[index] or "")
            clean[index] = rest if rest.strip() else None
    headers: set[int] = set()  # lines directly above a Markdown table rule: header rows if they hold no figure
    for kind, matches in (("page-footer", _footers(text)), (None, _MD_RULE.finditer(text) if "---" in text else ())):
        for match in matches:  # a table rule has at least three dashes: most texts are not searched for one at all
            index = text.count("\n", 0, match.start())
            if kind and (clean[index] or "").strip():
                notes.append({"kind": kind, "line": index + 1, "text": lines[index].strip()})
            elif kind is None and index > 0:
                headers.add(index - 1)
            clean[index] = None
    crawler = _crawler_header(text, lines)
    if crawler:
        notes.append({"kind": "crawler-header", "line": 1, "lines": crawler})
    layout = _layout(text, lines)
    empties = _empty_cells_as_blank_lines(lines) if layout == "plain" and "\n\n\n" in text else {}
    pipes = "|" in text  # most texts have none: the searches for pipe layouts below are skipped
    blank_cells = pipes and _blank_cell_lines(text)
    broken = _rows_broken_at_empty_cells(clean) if pipes and "\n|\n|" in text and not blank_cells else None
    padded = pipes and "| |" in text and _cells_terminated_one_a_line(text)
    simple = layout == "cell-per-line" and text.count("\t") == _leading_tabs(text)
    indented = not simple and "\t" in text and _tabs_only_indent(lines)
    if simple and not crawler and not empties and not blank_cells and not broken and not notes and clean == lines:
        blocks = _cell_line_blocks(text, padded)
    else:
        blocks = _blocks(clean, layout, headers, crawler, blank_cells, empties, broken, padded, simple, indented)
    if "#" in text or "**" in text or "__" in text:
        lines = [_without_markup(line) for line in lines]
    return Document(path=path, format=fmt, blocks=blocks, lines=lines, layout=layout, notes=notes)


def _footers(text: str) -> list[re.Match[str]]:
    """What ``_FOOTER.finditer(text)`` finds, found faster: a footer is a line of its own holding a dash or 页, so only
    the lines holding one of those characters are matched (the pattern tried at every line start costs more than the
    few searches for the characters)."""
    ends: dict[int, int] = {}  # the start of each line holding such a character → its end
    for char in "—–-－页":
        at = text.find(char)
        while at >= 0:
            end = text.find("\n", at)
            end = len(text) if end < 0 else end
            ends[text.rfind("\n", 0, at) + 1] = end
            at = text.find(char, end)
    found = (_FOOTER.match(text, start, ends[start]) for start in sorted(ends))
    return [match for match in found if match is not None]


def _without_markup(line: str) -> str:
    """A line as searched for the title, the body and the dates: Markdown's ``#`` and ``**`` around a whole line
    blanked out (columns kept)."""
    stripped = line.strip()
    if stripped[:1] == "#":
        heading = _ATX.match(line)
        if heading is not None and heading.group(2):
            line = " " * len(heading.group(1)) + line[len(heading.group(1)) :]
            stripped = line.strip()
    if stripped[:2] in ("**", "__") and _EMPHASIS.match(stripped):
        start = line.index(stripped)
        end = start + len(stripped)
        line = f"{line[:start]}  {line[start + 2 : end - 2]}  {line[end:]}"
    return line


def _crawler_header(text: str, lines: list[str]) -> int:
    """The number of lines of a web crawler's header (``标题: …`` fields down to a ``=== 正文 ===`` line), or 0."""
    if "正文" not in text[:4000]:  # the line the pattern looks for names 正文: most texts need no search
        return 0
    match = _CRAWLER_BODY.search(text, 0, 4000)
    if match is None:
        return 0
    end = text.count("\n", 0, match.start())
    fields = [line for line in lines[:end] if line.strip()]
    if not fields or sum(1 for line in fields if _CRAWLER_FIELD.match(line.strip())) < len(fields) / 2:
        return 0
    return end + 1


_TERMINATED_CELL = compiled(r"^[^|\n]*[^|\s][^|\n]*\|[ \t]*$", re.M)  # "0 |": one cell, then its pipe
_LONE_PIPE = compiled(r"^[ \t]*\|[ \t]*$", re.M)


def _layout(text: str, lines: list[str]) -> str:
    cell_per_line, tabbed, piped = line_counts(text, lines)
    if cell_per_line >= 20 and cell_per_line >= tabbed:
        return "cell-per-line"
    if tabbed >= 10 and tabbed >= piped:
        return "tab-separated"
    if piped >= 5:
        return "pipe-separated"
    if max(map(len, lines), default=0) > 2000:
        return "flattened"
    return "plain"


def line_counts(text: str, lines: list[str]) -> tuple[int, int, int]:
    """Lines of one cell after a tab, other lines holding a tab, lines with a pipe before any tab and another pipe
    after it. Counted with string methods (a regex tried at every line start costs more); only lines holding a tab
    or a pipe can count at all."""
    cell_per_line = tabbed = piped = 0
    tabs = text.count("\t")
    if tabs and tabs == _leading_tabs(text):  # every tab opens its line, one a line: each such line is one cell
        cell_per_line = tabs
    elif tabs:
        for line in lines:
            if "\t" in line:
                if line[0] == "\t" and line.find("\t", 1) < 0:
                    cell_per_line += 1
                else:
                    tabbed += 1
    if "|" in text:
        for line in lines:
            first = line.find("|")
            if first >= 0 and line.find("|", first + 1) > 0 and "\t" not in line[:first]:
                piped += 1
    return cell_per_line, tabbed, piped


def _tabs_only_indent(lines: list[str]) -> bool:
    """Whether every tab of the text is indentation: no line holds a tab after its first character that is not
    white space (「\t\t\t0」 then 「 |」: a web page's table written a cell a line, each cell indented). Then no
    line is a row of tab-separated cells, and the leading tabs of a cell are not empty cells before it."""
    return not any("\t" in line.strip() for line in lines if "\t" in line)


def _leading_tabs(text: str) -> int:
    """The lines that begin with a tab."""
    return text.count("\n\t") + (text[:1] == "\t")


_new_cell = object.__new__  # a cell made empty, its two fields then set: see _blocks
_location = tuple.__new__  # Location(line, column) made directly: a named tuple's own constructor costs twice as much


def _empty_cells_as_blank_lines(lines: list[str]) -> dict[int, int]:
    """Empty cells of a web page's table copied one cell per line with a blank line between cells, where an empty
    cell leaves only one more blank line (「12」, five blank lines, 「12」: 12, five empty cells, 12). Told from the
    layout where two blank lines end a row by the rows: here a row's last figure and the next row's label stand
    one blank line apart. Returns, for the line after such a run, the number of empty cells before it; only in the
    tables (from the first 「第二十条」 line up to section 五), only before a figure, after a figure or a label
    up to a row label, and never before a table caption or a part's heading."""
    figure = _FIGURE.match
    content = [(i, line.strip()) for i, line in enumerate(lines) if line.strip()]
    start = next((k for k, (_i, text) in enumerate(content) if text.startswith("第二十条")), None)
    if start is None:
        return {}
    single = double = 0
    runs: list[tuple[int, int, str, str]] = []  # (line number after the run, blank lines, line before, line after)
    for (i, before), (j, after) in itertools.pairwise(content[start:]):
        if _PART_AFTER_TABLES.match(after):
            break
        gap = j - i - 1
        if figure(before) and not figure(after) and gap:
            single += gap == 1
            double += gap >= 2
        if gap >= 2:
            runs.append((j + 1, gap, before, after))
    if single < 5 or double >= single:
        return {}
    out: dict[int, int] = {}
    for number, gap, before, after in runs:
        if _CAPTION_OR_PART.match(after):
            continue
        if figure(after) or figure(before) or gap - 1 >= 2:  # a row of blanks: more than a header's one empty cell
            out[number] = gap - 1
    return out


_PART_AFTER_TABLES = compiled(r"^[五六][、.．]")
_CAPTION_OR_PART = compiled(r"^(?:第二十条|[一二三四五六][、.．].*(?:情况|事项)$)")


def _blank_cell_lines(text: str) -> bool:
    """Whether a line holding only ``|`` is a blank cell: a web page's table written one cell per line, each cell
    followed by `` |`` (``0 |``), where an empty cell leaves the ``|`` alone on its line. Elsewhere a lone ``|``
    is the border between two cells written on lines of their own (``0`` / ``|`` / ``0``)."""
    if "\n|\n" not in text:
        return False
    if len(_TERMINATED_CELL.findall(text)) < 20 or len(_LONE_PIPE.findall(text)) < 3:
        return False
    # A lone ``|`` that only ever stands before a row's label (never before a figure or another lone ``|``) opens
    # each row (``|`` / ``规章 |`` / ``0 |`` …): a border, not a blank cell.
    return any(_FIGURE.match(after) or after == "|" for after in _after_lone_pipes(text))


_PIPE_ROW = compiled(r"^[ \t]*[^|\n]*[^|\s][^|\n]*\|[ \t]*[^|\s][^|\n]*\|", re.M)  # two cells with text


def _cells_terminated_one_a_line(text: str) -> bool:
    """Whether the tables are written one cell a line, each cell followed by `` |`` (``0 |``), more often than as
    rows of cells with text: there a line 「8 | ||||」 is the row's last cell followed by the table's padding, not a
    row of its own (a pipe-row table's 「行政强制 | ||」 is a label with empty cells, and stays a row)."""
    terminated = len(_TERMINATED_CELL.findall(text))
    return terminated >= 20 and terminated > 2 * len(_PIPE_ROW.findall(text))


def _after_lone_pipes(text: str) -> Iterator[str]:
    """The next non-empty line after each line holding only ``|``, stripped and without its closing ``|``."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if line.strip() != "|":
            continue
        for following in lines[index + 1 :]:
            stripped = following.strip()
            if stripped:
                yield "|" if stripped == "|" else stripped.removesuffix("|").strip()
                break


def _rows_broken_at_empty_cells(lines: list[str | None]) -> dict[int, list[RawCell] | None]:
    """Pipe rows of a web page's table with a line break after each empty cell: 「label | 25 |」, a line holding only
    「|」 for each empty cell but the last, then 「| 25 |」 — one row: label, 25, five empty cells, 25 (the lines
    put end to end read 「label | 25 ||||| 25 |」). Returns the row's cells by the number of its first line, and
    None for the lines it takes in. Only where a lone 「|」 stands right before a line that opens with 「|」 and
    holds figures only; the row's first line neither opens with 「|」 nor is a lone one."""
    out: dict[int, list[RawCell] | None] = {}
    for index, line in enumerate(lines):
        stripped = (line or "").strip()
        if line is None or stripped[:1] == "|" or stripped[-1:] != "|" or index + 1 in out:
            continue
        end = index + 1
        while end < len(lines) and (lines[end] or "").strip() == "|":
            end += 1
        last = (lines[end] or "").strip() if end < len(lines) else ""
        if end == index + 1 or last[:1] != "|" or last == "|":
            continue
        tail = _split_pipes(last, end + 1)
        if not tail or not all(not cell.text or _FIGURE.match(cell.text) for cell in tail):
            continue
        head = _split_pipes(line, index + 1) if stripped.count("|") >= 2 else [_line_cell(line, stripped, index + 1)]
        empties = [RawCell("", Location(number + 1, 1)) for number in range(index + 1, end + 1)]
        out[index + 1] = [*head, *empties, *tail]
        out.update(dict.fromkeys(range(index + 2, end + 2)))
    return out


# Locations at columns 1 and 2 by line number (index 0 unused), kept for every document read: a location is a named
# tuple, never changed, so one object serves every cell read at that place, made once instead of once a cell.
_PLACES: tuple[list[Location], list[Location]] = ([], [])
_KEPT_PLACES = 20_000  # line numbers beyond this (a document past the default --max-lines) get lists of their own


def _places(lines: int) -> tuple[list[Location], list[Location]]:
    """``(at_column_1, at_column_2)``: the locations of lines 1 … ``lines`` at column 1 and at column 2, by number."""
    first, second = _PLACES
    if len(first) <= lines:
        if lines > _KEPT_PLACES:
            first, second = [], []
        new = range(len(first), lines + 1)
        first.extend([_location(Location, (number, 1, None, None)) for number in new])
        second.extend([_location(Location, (number, 2, None, None)) for number in new])
    return first, second


def _blocks(
    lines: list[str | None],
    layout: str,
    headers: set[int],
    crawler: int,
    blank_cells: bool = False,
    empties: dict[int, int] | None = None,
    broken: dict[int, list[RawCell] | None] | None = None,
    padded: bool = False,
    simple: bool = False,
    indented: bool = False,
) -> list[Block]:
    """The blocks of the lines. ``simple``: the text is laid out one cell per line and every tab opens its line (so a
    line that begins with a tab holds no other: a cell line, told by its first character alone). ``indented``: every
    tab is indentation (see _tabs_only_indent), so no line is split at its tabs."""
    blocks: list[Block] = []
    row: list[RawCell] | None = None  # the cells of the cell-per-line row being collected
    previous_was_cell = False
    cell_per_line = layout == "cell-per-line"
    tab_separated = layout == "tab-separated"
    at_column_1, at_column_2 = _places(len(lines))
    for number, line in enumerate(lines, 1):
        if not number & 1023:
            check("read")
        # One cell after its tab: the most common line of all, tested first and with the cheapest tests, at column 2
        # unless more space follows the tab.
        if line and line[0] == "\t" and (simple or (cell_per_line and "\t" not in line[1:])) and number > crawler:
            stripped = line.strip()
            if row is None:
                row = []
                blocks.append(Block("row", row))
            if len(line) - len(stripped) == 1 or line.startswith(stripped, 1):
                cell = _new_cell(RawCell)  # without the dataclass's __init__: ~30 % cheaper
                cell.text, cell.loc = stripped, at_column_2[number]
                row.append(cell)
            else:
                row.append(
                    RawCell(stripped, _location(Location, (number, len(line) - len(line.lstrip()) + 1, None, None)))
                )
            previous_was_cell = True
            continue
        if line is None:
            continue
        if number <= crawler:  # a crawler's header: prose, whatever it says
            if line.strip():
                blocks.append(
                    Block("line", [RawCell(line.strip(), Location(number, len(line) - len(line.lstrip()) + 1))])
                )
            continue
        stripped = line.strip()
        if not stripped:
            row = None
            previous_was_cell = False
            continue
        if broken and number in broken:  # a pipe row broken at its empty cells (see _rows_broken_at_empty_cells)
            cells = broken[number]
            if cells is not None:
                blocks.append(Block("row", cells))
            row = None
            previous_was_cell = False
            continue
        if empties and number in empties:  # empty cells left as blank lines (see _empty_cells_as_blank_lines)
            blocks.extend(Block("line", [RawCell("", Location(number - 1, 1))]) for _ in range(empties[number]))
        if previous_was_cell and row and len(stripped) <= _MAX_CONTINUATION and "\t" not in line and "。" not in line:
            last = row[-1]
            last.text = f"{last.text}\n{stripped}" if last.text else stripped
            continue
        row = None
        previous_was_cell = False
        if "\t" in line and not indented and (tab_separated or "\t" in stripped or line.count("\t") > 1):
            blocks.append(Block("row", _split(line, "\t", number)))
        elif "|" in line or stripped[0] in "#*_" or stripped[-1] in "*_":
            marked = _marked_line(line, stripped, number, headers, blank_cells, padded)
            if marked is not None:
                blocks.append(marked)
        elif line[0] == stripped[0]:  # at column 1
            blocks.append(_line(stripped, at_column_1[number]))
        else:
            column = line.index(stripped[0]) + 1
            blocks.append(_line(stripped, _location(Location, (number, column, None, None))))
    return blocks


def _cell_line_blocks(text: str, padded: bool) -> list[Block]:
    """What ``_blocks`` makes of text laid out one cell per line where every tab opens its line (``simple``) and no
    line was taken out or changed (no footer, table rule, residue or crawler's header). The text is split once at
    each cell line's tab (``\\n\\t``): each piece is a cell's text, then the lines up to the next cell line, if
    any — so the commonest line, a cell followed by the next cell, takes one test, and no line is looked at twice.
    """
    pieces = f"\n{text}".split("\n\t")
    at_column_1, at_column_2 = _places(text.count("\n") + 1)
    blocks: list[Block] = []
    row: list[RawCell] | None = None  # the cells of the row being collected (None: no row open)
    number = 0  # the number of the line before the piece
    head = pieces[0]
    for index, piece in enumerate(pieces):
        if index:
            number += 1
            if not index & 1023:
                check("read")
            if "\n" in piece:
                piece, _, rest = piece.partition("\n")
            else:
                rest = None
            if row is None:
                row = []
                block = _new_block(Block)
                block.kind, block.cells = "row", row
                blocks.append(block)
            cell = _new_cell(RawCell)
            stripped = piece.strip()  # the piece itself when it holds no white space at either end
            if stripped is piece or not stripped or piece.startswith(stripped):
                cell.text, cell.loc = stripped, at_column_2[number]
            else:  # more space after the tab
                cell.text = stripped
                cell.loc = _location(Location, (number, len(piece) - len(piece.lstrip()) + 2, None, None))
            row.append(cell)
            if rest is None:
                continue
            lines = rest.split("\n")
        elif head:
            lines = head[1:].split("\n")
        else:
            continue
        # The lines after a cell line up to the next (or before the first): continuations of the cell above, blank
        # lines that end its row, other lines.
        for line in lines:
            number += 1
            stripped = line.strip()
            if not stripped:
                row = None
                continue
            if row and len(stripped) <= _MAX_CONTINUATION and "。" not in line:
                last = row[-1]
                last.text = f"{last.text}\n{stripped}" if last.text else stripped
                continue
            row = None
            if "|" in line or stripped[0] in "#*_" or stripped[-1] in "*_":
                marked = _marked_line(line, stripped, number, set(), False, padded)
                if marked is not None:
                    blocks.append(marked)
            elif line[0] == stripped[0]:  # at column 1
                blocks.append(_line(stripped, at_column_1[number]))
            else:
                column = line.index(stripped[0]) + 1
                blocks.append(_line(stripped, _location(Location, (number, column, None, None))))
    return blocks


_new_block = object.__new__  # a block made empty, its two fields then set (see _cell_line_blocks)


def _line(text: str, loc: Location) -> Block:
    """A line of text: a block of one cell (both made without their classes' ``__init__``, see ``_blocks``)."""
    cell = _new_cell(RawCell)
    cell.text, cell.loc = text, loc
    block = _new_block(Block)
    block.kind, block.cells = "line", [cell]
    return block


def _marked_line(
    line: str, stripped: str, number: int, headers: set[int], blank_cells: bool, padded: bool
) -> Block | None:
    """The block of a line that holds a pipe or Markdown's marks (``stripped``: the line stripped, not empty, and
    no row of tab-separated cells), or None for a line that makes none."""
    if "|" in line and line.count("|") >= 2:
        cells = _split_pipes(line, number)
        if padded and stripped[0] != "|" and cells and cells[0].text and not any(c.text for c in cells[1:]):
            # 「8 | ||||」 among cells written one a line (see _cells_terminated_one_a_line): the cell, then padding
            return Block("line", cells[:1])
        header = number - 1 in headers and not any(_FIGURE.match(cell.text) for cell in cells)
        return Block("header" if header else "row", cells)
    if stripped == "|":
        if blank_cells:  # an empty cell (see _blank_cell_lines): the row's figures go on after it
            return Block("line", [RawCell("", Location(number, line.index("|") + 1))])
        return None  # otherwise a line holding only the border between two cells
    if stripped[0] in "#|*_" or stripped[-1] in "|*_":
        return Block("line", [_line_cell(line, stripped, number)])
    column = line.index(stripped[0]) + 1
    return _line(stripped, _location(Location, (number, column, None, None)))


# A cell that holds a figure (or a dash standing for zero): what a header row never holds.
_FIGURE = lazy_pattern(r"^[-+−－]?[\d０-９][\d０-９,.，]*\s*(?:件|条|个|项|次|元|万元|%)?$|^[-—–/\\无]{1,2}$")


def _line_cell(line: str, text: str, number: int) -> RawCell:
    """A line (``text``: stripped) as one cell: without a Markdown heading's ``#``, a lone ``|`` at either end
    (``0 |``) or emphasis around the whole line."""
    column = line.index(text[0]) + 1
    heading = _ATX.match(line) if text[:1] == "#" else None
    if heading is not None and heading.group(2):
        column, text = len(heading.group(1)) + 1, heading.group(2)
    elif (text[:1] == "|" or text[-1:] == "|") and text.count("|") == 1:
        inner = text.strip("|")
        column += len(inner) - len(inner.lstrip()) + (1 if text[0] == "|" else 0)
        text = inner.strip()
    if text[:2] in ("**", "__"):
        emphasis = _EMPHASIS.match(text)
        if emphasis is not None:
            column, text = column + len(emphasis.group(1)), emphasis.group(2).strip()
    return RawCell(text, Location(number, column))


def _split(line: str, sep: str, number: int) -> list[RawCell]:
    """The cells of a line split at ``sep`` (one character), each stripped, at the column of its first character."""
    cells = []
    column = 1  # where the part begins
    for part in line.split(sep):
        stripped = part.strip()
        if stripped and part[0] != stripped[0]:  # space before the cell's text
            start = column + len(part) - len(part.lstrip())
        else:
            start = column
        cell = _new_cell(RawCell)
        cell.text, cell.loc = stripped, _location(Location, (number, start, None, None))
        cells.append(cell)
        column += len(part) + 1
    return cells


def _split_pipes(line: str, number: int) -> list[RawCell]:
    cells = _split(line, "|", number)
    if "<" in line or "**" in line or "__" in line:
        for cell in cells:  # Markdown written from HTML or Word: <br> inside a cell, bold cells
            cell.text = _BR.sub("\n", cell.text)
            emphasis = _EMPHASIS.match(cell.text)
            if emphasis is not None:
                cell.text = emphasis.group(2).strip()
    stripped = line.strip()
    if stripped.startswith("|") and cells and not cells[0].text:
        cells = cells[1:]
    if stripped.endswith("|") and cells and not cells[-1].text:
        cells = cells[:-1]
    return cells


# ── the plugin ──────────────────────────────────────────────────────────────────────────────────────────
@hookimpl(trylast=True)
def auditor_read(path: str, data: bytes, limits: Limits) -> Document:
    """Plain text is what is left when no other reader recognises the content."""
    limits.check_lines(data.count(b"\n"), path)  # before decoding and splitting: every line costs memory
    limits.check_size(path, 0, 0, len(data) // 4)  # no encoding takes more than 4 bytes a character
    return read_text(data, path)


@hookimpl
def auditor_formats() -> list[dict[str, str]]:
    # Folders are searched for these; any other text file is read when named on the command line.
    return [
        {
            "name": "text",
            "extensions": ".txt .text .md .markdown",
            "description": "plain text and Markdown (UTF-8, GB18030, UTF-16)",
        }
    ]
