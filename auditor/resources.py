"""Finding the grammars and schemas, in a source checkout and in an installed wheel alike.

The wheel carries ``grammars/`` and ``schemas/`` inside the ``auditor`` package; a source checkout (and an editable
install) keeps them at the top of the project, beside ``auditor/``. The user's cache folder (the compiled grammar,
the entry-point list) is found here too: a module any command can import without loading the parser.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
from functools import cache
from pathlib import Path
from typing import Any

_TOML_CACHE_FORMAT = 1

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """The folder ``grammars`` or ``schemas``."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"auditor data folder {name!r} is missing from the installation")


def data_path(folder: str, name: str) -> Path:
    return data_dir(folder) / name


def cache_dir() -> str | None:
    """``$AUDITOR_CACHE_DIR``, else ``$XDG_CACHE_HOME/auditor`` or ``~/.cache/auditor``; None if not writable."""
    base = os.environ.get("AUDITOR_CACHE_DIR")
    if base is None:
        root = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        base = os.path.join(root, "auditor")
    try:
        os.makedirs(base, exist_ok=True)
    except OSError:
        return None
    return base if os.access(base, os.W_OK) else None


def read_cached(name: str, key: Any) -> dict[Any, Any] | None:
    """The table kept under ``key`` in the cache folder's file ``name``, or None: no cache folder, no file, a damaged
    one, or one written under another key (another Python, another format, a changed source)."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        with open(os.path.join(folder, name), "rb") as handle:
            cached_key, table = marshal.loads(handle.read())  # load() reads piece by piece: slower
    except (OSError, EOFError, ValueError, TypeError):  # missing, truncated or foreign
        return None
    return table if cached_key == key and isinstance(table, dict) else None


def write_cached(name: str, key: Any, table: dict[Any, Any]) -> None:
    """Keep ``table`` under ``key`` in the cache folder's file ``name``: a temporary file renamed over the old one (a
    concurrent run reads either whole). Nothing happens without a cache folder, on a read-only or full disk, or for
    what marshal cannot hold (ValueError: dates): the next run works without the copy."""
    folder = cache_dir()
    if folder is None:
        return
    from auditor.output import write_atomically

    with contextlib.suppress(OSError, ValueError):
        write_atomically(os.path.join(folder, name), marshal.dumps([key, table]))


def read_toml(path: str | Path) -> dict[str, Any]:
    """``tomllib.load`` of the file at ``path``, from a copy in the cache folder while the file is unchanged (same
    size and modification time): the rules' data files are read on every run, and ``tomllib`` is pure Python, slow to
    import and to parse with. Raises what ``open`` and ``tomllib.load`` raise (``OSError``, ``TOMLDecodeError``)."""
    real = os.path.abspath(path)
    stat = os.stat(real)
    key = [_TOML_CACHE_FORMAT, real, stat.st_size, stat.st_mtime_ns, sys.hexversion]
    copy = f"toml-{hashlib.sha1(real.encode('utf-8', 'surrogateescape')).hexdigest()}.marshal"
    data = read_cached(copy, key)
    if data is not None:
        return data
    import tomllib

    with open(real, "rb") as handle:
        data = tomllib.load(handle)
    write_cached(copy, key, data)
    return data
