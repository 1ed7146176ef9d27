"""Plain-text reader: detects the encoding and the layout, removes extraction residue, and yields blocks.

Layouts seen in real text (issue 2, SPEC §5):

* *cell per line* — a Word table saved as text: each cell on its own line after a tab, rows separated by blank
  lines, a cell's wrapped text continuing on the next line without the tab (seeds 000–002, 004);
* *tab-separated* — one table row per line (seed 003);
* *pipe-separated* — ``规章 | 0 | 0 | 0 |`` and Markdown tables;
* *plain* — everything else, including text extracted from PDFs (page footers ``— 1 —`` inside tables, labels
  wrapped mid-word) and text scraped from web pages whose tables lost every cell boundary.
"""

from __future__ import annotations

import codecs
import hashlib
import re

from auditor.document import Block, Document, Location, RawCell
from auditor.errors import ReadError

# Page footers and headers left by PDF extraction: "— 1 —", "- 3 -", "第 2 页 共 7 页".
_FOOTER = re.compile(r"^\s*(?:[—–\-－]+\s*\d{1,3}\s*[—–\-－]+|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?)\s*$")
# A Markdown table rule: |---|---|
_MD_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
# Word residue in text exports: "[bookmark: _GoBack]".
_RESIDUE = re.compile(r"\[bookmark:[^\]\n]*\]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CJK = re.compile(r"[\u4e00-\u9fff]")

# A wrapped cell continues on the next line; Word wraps short labels, so a long line is never a continuation.
_MAX_CONTINUATION = 24


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Decode report bytes; return ``(text, encoding)``. Detects BOMs, UTF-16 without BOM, UTF-8 and GB18030."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", path), "utf-8-sig"
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return _strict(data, "utf-16", path), "utf-16"
    head = data[:8192]
    if b"\x00" in head:
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if odd > len(head) // 8 and even == 0:
            return _strict(data, "utf-16-le", path), "utf-16-le"
        if even > len(head) // 8 and odd == 0:
            return _strict(data, "utf-16-be", path), "utf-16-be"
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
    return sum(1 for ch in non_ascii if _CJK.match(ch) or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef") \
        >= 0.9 * len(non_ascii)


def _detected(data: bytes, path: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes  # only for encodings the fast checks above do not settle

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise ReadError("无法识别文件编码，文件可能不是文本", "cannot detect the text encoding; the file may not be text",
                        path)
    return str(best), best.encoding


def check_text(text: str, path: str) -> None:
    """Reject decoded text that is really binary junk."""
    sample = text[:20000]
    if sample and len(_CONTROL.findall(sample)) > max(8, len(sample) // 200):
        raise ReadError("文件含大量控制字符，不是文本文件", "the file is full of control characters; it is not text",
                        path)


def read_text(data: bytes, path: str) -> Document:
    """Read a plain-text report."""
    text, encoding = decode(data, path)
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
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    notes: list[dict[str, object]] = []
    clean: list[str | None] = []  # None: a line that is not content (footer, table rule, residue only)
    for number, line in enumerate(lines, 1):
        if "[bookmark:" in line:
            notes.append({"kind": "word-residue", "line": number, "text": _RESIDUE.search(line).group(0)})  # type: ignore[union-attr]
            line = _RESIDUE.sub("", line)
            if not line.strip():
                clean.append(None)
                continue
        if _FOOTER.match(line):
            notes.append({"kind": "page-footer", "line": number, "text": line.strip()})
            clean.append(None)
            continue
        if "-" in line and _MD_RULE.match(line):
            clean.append(None)
            continue
        clean.append(line)
    layout = _layout(clean)
    blocks = _blocks(clean, layout)
    return Document(path=path, format=fmt, blocks=blocks, lines=lines, layout=layout, notes=notes)


def _layout(lines: list[str | None]) -> str:
    cell_per_line = tabbed = piped = longest = 0
    for line in lines:
        if not line:
            continue
        longest = max(longest, len(line))
        if line.startswith("\t") and "\t" not in line[1:]:
            cell_per_line += 1
        elif "\t" in line.strip("\t") or line.count("\t") > 1:
            tabbed += 1
        elif line.count("|") >= 2:
            piped += 1
    if cell_per_line >= 20 and cell_per_line >= tabbed:
        return "cell-per-line"
    if tabbed >= 10 and tabbed >= piped:
        return "tab-separated"
    if piped >= 5:
        return "pipe-separated"
    if longest > 2000:
        return "flattened"
    return "plain"


def _blocks(lines: list[str | None], layout: str) -> list[Block]:
    blocks: list[Block] = []
    row: Block | None = None  # the cell-per-line row being collected
    previous_was_cell = False
    for number, line in enumerate(lines, 1):
        if line is None:
            continue
        if not line.strip() and not (layout == "cell-per-line" and line.startswith("\t")):
            row = None
            previous_was_cell = False
            continue
        if layout == "cell-per-line" and line.startswith("\t") and "\t" not in line[1:]:
            cell = _cell(line[1:], number, 2)
            if row is None:
                row = Block("row", [])
                blocks.append(row)
            row.cells.append(cell)
            previous_was_cell = True
            continue
        if previous_was_cell and row is not None and len(line.strip()) <= _MAX_CONTINUATION and "\t" not in line:
            last = row.cells[-1]
            last.text = f"{last.text}\n{line.strip()}" if last.text else line.strip()
            continue
        row = None
        previous_was_cell = False
        if "\t" in line.strip("\t ") or line.count("\t") > 1:
            blocks.append(Block("row", _split(line, "\t", number)))
        elif line.count("|") >= 2:
            blocks.append(Block("row", _split_pipes(line, number)))
        else:
            stripped = line.strip()
            blocks.append(Block("line", [RawCell(stripped, Location(number, line.index(stripped[0]) + 1))]))
    return blocks


def _cell(text: str, line: int, column: int) -> RawCell:
    stripped = text.strip()
    if stripped:
        column += text.index(stripped[0])
    return RawCell(stripped, Location(line, column))


def _split(line: str, sep: str, number: int) -> list[RawCell]:
    cells = []
    offset = 0
    for part in line.split(sep):
        cells.append(_cell(part, number, offset + 1))
        offset += len(part) + len(sep)
    return cells


def _split_pipes(line: str, number: int) -> list[RawCell]:
    cells = _split(line, "|", number)
    stripped = line.strip()
    if stripped.startswith("|") and cells and not cells[0].text:
        cells = cells[1:]
    if stripped.endswith("|") and cells and not cells[-1].text:
        cells = cells[:-1]
    return cells
