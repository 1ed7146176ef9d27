"""File paths as CI tools want them: relative to the folder the auditor runs in (the repository root), ``/``-separated."""

from __future__ import annotations

import os
from pathlib import Path, PurePath
from urllib.parse import quote


def ci_path(path: str, root: str | None = None) -> str:
    """``path`` relative to ``root`` (default: the working folder) with forward slashes; absolute if outside it."""
    absolute = Path(os.path.abspath(path))
    base = Path(os.path.abspath(root or os.getcwd()))
    try:
        return absolute.relative_to(base).as_posix()
    except ValueError:
        return absolute.as_posix()


def ci_uri(path: str, root: str | None = None) -> str:
    """A URI reference for ``path`` (RFC 3986): relative and percent-encoded, or a ``file:`` URI outside ``root``."""
    relative = ci_path(path, root)
    if PurePath(relative).is_absolute():
        return Path(relative).as_uri()
    return quote(relative, safe="/")
