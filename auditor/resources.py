"""Finding the grammars and schemas, in a source checkout and in an installed wheel alike.

The wheel carries ``grammars/`` and ``schemas/`` inside the ``auditor`` package; a source checkout (and an editable
install) keeps them at the top of the project, beside ``auditor/``. The user's cache folder (the compiled grammar,
the entry-point list) is found here too: a module any command can import without loading the parser.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

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
