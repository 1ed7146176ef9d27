"""Readers turn a file into a :class:`~auditor.document.Document`.

Each reader is a plugin implementing the ``auditor_read`` hook (first result wins): it looks at the content — not
only the extension — and returns a document, or None if the content is not its format. Plain text is the last
resort (``trylast``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from auditor.document import Document
from auditor.errors import ReadError

if TYPE_CHECKING:
    from auditor.plugins import Plugins


@dataclass(frozen=True)
class Limits:
    """What a reader may spend on one file; exceeding a limit is a fatal finding for that file only."""

    max_bytes: int = 64 * 1024 * 1024  # bytes read from disk
    max_decompressed: int = 256 * 1024 * 1024  # bytes unpacked from an archive-based format (DOCX)
    max_pages: int = 500  # PDF pages
    max_seconds: float = 60.0  # wall time reading one file


def read_bytes(path: str, limits: Limits) -> bytes:
    try:
        with open(path, "rb") as handle:
            data = handle.read(limits.max_bytes + 1)
    except IsADirectoryError:
        raise ReadError("这是一个文件夹，不是文件", "this is a folder, not a file", path) from None
    except FileNotFoundError:
        raise ReadError("文件不存在", "no such file", path) from None
    except OSError as exc:
        raise ReadError(f"无法读取文件：{exc.strerror}", f"cannot read the file: {exc.strerror}", path) from None
    if len(data) > limits.max_bytes:
        raise ReadError(
            f"文件超过 {limits.max_bytes} 字节的读取上限（--max-bytes）",
            f"the file is larger than the {limits.max_bytes}-byte limit (--max-bytes)",
            path,
        )
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
