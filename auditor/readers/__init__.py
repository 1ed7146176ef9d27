"""Readers turn a file into a :class:`~auditor.document.Document`.

Each reader is a plugin implementing the ``auditor_read`` hook (first result wins): it looks at the content — not
only the extension — and returns a document, or None if the content is not its format. Plain text is the last
resort (``trylast``).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from auditor.document import Document
from auditor.errors import LimitExceeded, ReadError

if TYPE_CHECKING:
    from auditor.plugins import Plugins


@dataclass(frozen=True)
class Limits:
    """What a reader may spend on one file; exceeding a limit is a fatal finding for that file only."""

    max_bytes: int = 64 * 1024 * 1024  # bytes read from disk
    max_decompressed: int = 256 * 1024 * 1024  # bytes unpacked from an archive-based format (DOCX)
    max_pages: int = 500  # PDF pages
    max_seconds: float = 60.0  # wall time reading one file


class Deadline:
    """The time a reader may still spend on one file (``Limits.max_seconds``), checked between units of work."""

    def __init__(self, limits: Limits, path: str) -> None:
        self.seconds = limits.max_seconds
        self.path = path
        self.end = time.monotonic() + limits.max_seconds

    def check(self, where_zh: str = "", where_en: str = "") -> None:
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
        size = os.stat(path).st_size
        if size > limits.max_bytes:  # refuse before reading: a 1 GB page costs nothing to turn down
            raise too_large(path, "文件大小", "the file size", size, limits.max_bytes, "--max-bytes")
        with open(path, "rb") as handle:
            data = handle.read(limits.max_bytes + 1)
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
    return document
