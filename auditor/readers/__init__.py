"""Readers turn a file into a :class:`~auditor.document.Document`.

Each reader is a plugin implementing the ``auditor_read`` hook (first result wins): it looks at the content — not
only the extension — and returns a document, or None if the content is not its format. Plain text is the last
resort (``trylast``).
"""

from __future__ import annotations

import os
import stat
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from auditor import budget
from auditor.document import Block, Document
from auditor.errors import LimitExceeded, ReadError
from auditor.script import simplified

if TYPE_CHECKING:
    from auditor.plugins import Plugins


@dataclass(frozen=True)
class Limits:
    """What a reader may spend on one file; exceeding a limit is a fatal finding for that file only."""

    max_bytes: int = 64 * 1024 * 1024  # bytes read from disk
    max_decompressed: int = 256 * 1024 * 1024  # bytes unpacked from an archive-based format (DOCX)
    max_pages: int = 500  # PDF pages
    max_seconds: float = 60.0  # wall time auditing one file: reading, parsing, checking (auditor.budget)
    max_lines: int = 20_000  # lines, paragraphs and table rows of one document (a long report has 2,000)
    max_line_chars: int = 100_000  # characters of one line (a whole report run together on one line has 30,000)

    @property
    def max_chars(self) -> int:
        """Characters of text of one document (400,000 by default; a long report has 60,000)."""
        return 20 * self.max_lines

    @property
    def max_cells(self) -> int:
        """Table cells (and lines) of one document."""
        return 4 * self.max_lines

    def check_size(self, path: str, blocks: int, cells: int, characters: int) -> None:
        """Refuse a document of more blocks, cells or characters than the limits allow."""
        self.check_lines(blocks, path)
        if cells > self.max_cells:
            raise LimitExceeded(
                f"文件的表格单元格超过 {self.max_cells} 个的上限（--max-lines 的 4 倍）",
                f"the file has more than {self.max_cells} table cells (4 times --max-lines)",
                path,
            )
        if characters > self.max_chars:
            raise LimitExceeded(
                f"文件的文字超过 {self.max_chars} 个字符的上限（--max-lines 的 20 倍）",
                f"the file holds more than {self.max_chars} characters of text (20 times --max-lines)",
                path,
            )

    def check_lines(self, count: int, path: str) -> None:
        """Refuse a document of more than ``max_lines`` lines, paragraphs or rows (they cost memory)."""
        if count > self.max_lines:
            raise LimitExceeded(
                f"文件的行、段落或表格行超过 {self.max_lines} 个的上限（--max-lines）",
                f"the file has more than {self.max_lines} lines, paragraphs or table rows (--max-lines)",
                path,
            )

    def check_document(self, document: Document, text: str | None = None) -> None:
        """Refuse a read document beyond the line, cell and line-length limits. ``text``: the document's lines joined
        by line breaks, when the caller has made it already."""
        lines = document.lines
        if text is None:
            text = "\n".join(lines)
        cells = sum([len(block.cells) for block in document.blocks])  # a list: summed faster than a generator
        self.check_size(document.path, len(document.blocks), cells, len(text) - max(len(lines) - 1, 0))
        # No line is longer than the whole text: the lines are measured one by one only when the text is that long.
        longest = max(map(len, lines), default=0) if len(text) > self.max_line_chars else 0
        if longest > self.max_line_chars:
            raise LimitExceeded(
                f"文件有一行长达 {longest} 个字符，超过 {self.max_line_chars} 个字符的上限",
                f"the file has a line of {longest} characters, more than the {self.max_line_chars} allowed",
                document.path,
            )


class Deadline:
    """The time a reader may still spend on one file (``Limits.max_seconds``), checked between units of work."""

    def __init__(self, limits: Limits, path: str) -> None:
        self.limits = limits
        self.blocks = self.cells = self.characters = 0  # what the reader has made so far (see add)
        self.seconds = limits.max_seconds
        self.path = path
        self.end = time.monotonic() + limits.max_seconds

    def add(self, block: Block) -> Block:
        """Count a block a reader makes; stop the reader as soon as the blocks, cells or characters exceed the
        limits (each costs memory and time), not after the whole file."""
        cells = block.cells
        self.blocks += 1
        self.cells += len(cells)
        self.characters += sum([len(cell.text) for cell in cells])
        limits = self.limits  # compared here; check_size, which says which limit was passed, only when one was
        if self.blocks > limits.max_lines or self.cells > limits.max_cells or self.characters > limits.max_chars:
            limits.check_size(self.path, self.blocks, self.cells, self.characters)
        return block

    def check(self, where_zh: str = "", where_en: str = "") -> None:
        budget.check("read")  # the whole file's budget (the engine's), then the reader's own
        if time.monotonic() > self.end:
            raise LimitExceeded(
                f"读取时间超过 {self.seconds:g} 秒的上限（--timeout）{where_zh}",
                f"reading took longer than the {self.seconds:g}-second limit (--timeout){where_en}",
                self.path,
            )


def too_large(path: str, what_zh: str, what_en: str, size: int, limit: int, flag: str) -> LimitExceeded:
    """The error for a size limit, with the size found and the flag that raises the limit."""
    return LimitExceeded(
        f"{what_zh}（{size} 字节）超过 {limit} 字节的上限（{flag}）",
        f"{what_en} ({size} bytes) exceeds the {limit}-byte limit ({flag})",
        path,
    )


def read_bytes(path: str, limits: Limits) -> bytes:
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode) and not stat.S_ISDIR(info.st_mode):
            raise ReadError(  # a pipe or a device: reading it could block forever or never end
                f"不是普通文件（{_kind(info.st_mode)[0]}），未读取；请先保存为文件",
                f"not a regular file ({_kind(info.st_mode)[1]}); not read — save it as a file first",
                path,
            )
        size = info.st_size
        if size > limits.max_bytes:  # refuse before reading: a 1 GB page costs nothing to turn down
            raise too_large(path, "文件大小", "the file size", size, limits.max_bytes, "--max-bytes")
        with open(path, "rb") as handle:
            # The size found, and a byte more to see that the file grew: a read of max_bytes + 1 would first allocate
            # that many bytes (64 MB) for every file, then give back what the file did not fill.
            data = handle.read(size + 1)
            if len(data) > size:  # it grew (or, like /proc's files, has no size): the rest, up to the limit
                data += handle.read(limits.max_bytes + 1 - len(data))
    except IsADirectoryError:
        raise ReadError("这是一个文件夹，不是文件", "this is a folder, not a file", path) from None
    except FileNotFoundError:
        raise ReadError("文件不存在", "no such file", path) from None
    except OSError as exc:
        raise ReadError(f"无法读取文件：{exc.strerror}", f"cannot read the file: {exc.strerror}", path) from None
    if len(data) > limits.max_bytes:  # a file that grew, or a device without a size
        raise too_large(path, "文件大小", "the file size", len(data), limits.max_bytes, "--max-bytes")
    if not data.strip():
        raise ReadError("文件为空", "the file is empty", path)
    return data


def _kind(mode: int) -> tuple[str, str]:
    if stat.S_ISFIFO(mode):
        return "命名管道", "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "设备文件", "a device"
    if stat.S_ISSOCK(mode):
        return "套接字", "a socket"
    return "特殊文件", "a special file"


def read_path(path: str, plugins: Plugins | None = None, limits: Limits | None = None) -> Document:
    """Read a report file with the first reader that recognises its content."""
    limits = limits or Limits()
    data = read_bytes(path, limits)
    if plugins is None:
        from auditor.plugins import default_plugins

        plugins = default_plugins()
    document = plugins.read(path, data, limits)
    if document is None:
        raise ReadError("没有能读取此文件的读取器", "no reader recognises this file", path)
    text = "\n".join(document.lines)  # measured for the limits and searched for traditional characters
    limits.check_document(document, text)
    return simplified(document, text)
