"""Finding the grammars and schemas, in a source checkout and in an installed wheel alike.

The wheel carries ``grammars/`` and ``schemas/`` inside the ``auditor`` package; a source checkout (and an editable
install) keeps them at the top of the project, beside ``auditor/``.
"""

from __future__ import annotations

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
