"""Importing a library on first use, for what only some runs need (a PDF library, a spreadsheet writer).

Start-up time matters for ``auditor check`` on one file; a plugin module that imports a heavy library at the top
would make every run pay for it.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any


class _Deferred(ModuleType):
    """Stands for a module until one of its attributes is used; then imports it and takes over its namespace."""

    def __getattr__(self, attribute: str) -> Any:
        module = importlib.import_module(self.__name__)
        self.__dict__.update(module.__dict__)  # later lookups find the attributes here, without this method
        return getattr(module, attribute)


def lazy_module(name: str) -> ModuleType:
    """A stand-in for the module ``name`` (a package or a submodule), imported on its first attribute access."""
    return _Deferred(name)
