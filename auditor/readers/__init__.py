"""Readers turn a file into a :class:`~auditor.document.Document`. Plain text is built in."""

from __future__ import annotations

from auditor.document import Document
from auditor.errors import ReadError
from auditor.readers.text import read_text

MAX_BYTES = 64 * 1024 * 1024


def read_path(path: str, max_bytes: int = MAX_BYTES) -> Document:
    """Read a report file, choosing the reader by its content."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except IsADirectoryError:
        raise ReadError("这是一个文件夹，不是文件", "this is a folder, not a file", path) from None
    except FileNotFoundError:
        raise ReadError("文件不存在", "no such file", path) from None
    except OSError as exc:
        raise ReadError(f"无法读取文件：{exc.strerror}", f"cannot read the file: {exc.strerror}", path) from None
    if len(data) > max_bytes:
        raise ReadError(f"文件超过 {max_bytes} 字节上限", f"the file is larger than the {max_bytes}-byte limit", path)
    if not data.strip():
        raise ReadError("文件为空", "the file is empty", path)
    return read_text(data, path)
