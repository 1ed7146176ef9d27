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


def read_toml(path: str | Path) -> dict[str, Any]:
    """``tomllib.load`` of the file at ``path``, from a copy in the cache folder while the file is unchanged (same
    size and modification time): the rules' data files are read on every run, and ``tomllib`` is pure Python, slow to
    import and to parse with. Raises what ``open`` and ``tomllib.load`` raise (``OSError``, ``TOMLDecodeError``)."""
    real = os.path.abspath(path)
    stat = os.stat(real)
    key = [_TOML_CACHE_FORMAT, real, stat.st_size, stat.st_mtime_ns, sys.hexversion]
    folder = cache_dir()
    copy = None
    if folder is not None:
        copy = os.path.join(folder, f"toml-{hashlib.sha1(real.encode('utf-8', 'surrogateescape')).hexdigest()}.marshal")
        try:
            with open(copy, "rb") as handle:
                cached_key, data = marshal.loads(handle.read())  # load() reads piece by piece: slower
            if cached_key == key and isinstance(data, dict):
                return data
        except (OSError, EOFError, ValueError, TypeError):  # no copy yet, or a damaged one: read the file
            pass
    import tomllib

    with open(real, "rb") as handle:
        data = tomllib.load(handle)
    if copy is not None:
        from auditor.output import write_atomically

        # ValueError for what marshal cannot hold (dates): not kept
        with contextlib.suppress(OSError, ValueError):
            write_atomically(copy, marshal.dumps([key, data]))
    return data
