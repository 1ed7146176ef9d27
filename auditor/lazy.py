"""Importing a library on first use, for what only some runs need (a PDF library, a spreadsheet writer).

Start-up time matters for ``auditor check`` on one file; a plugin module that imports a heavy library at the top
would make every run pay for it.
"""

from __future__ import annotations

import importlib
import re
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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


_PATTERN_API = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner")
_PATTERN_DATA = ("pattern", "flags", "groups", "groupindex")


class _LazyPattern:
    """Stands for a compiled regular expression until it is first used; then compiles it and binds its methods
    here, so that later calls cost what a compiled pattern's do."""

    def __init__(self, pattern: str, flags: int) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, attribute: str) -> Any:
        if attribute.startswith("__"):  # copy, pickle and the like probe for these: not a use of the pattern
            raise AttributeError(attribute)
        from auditor.patterns import compiled as compile_cached

        compiled = compile_cached(*self._source)
        for name in _PATTERN_API + _PATTERN_DATA:
            setattr(self, name, getattr(compiled, name))
        return getattr(compiled, attribute)


def lazy_pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, done on first use (through :func:`auditor.patterns.compiled`, the cache of
    compiled patterns): for module-level patterns that only some inputs need (a
    document that is not a report, a report of the old regime), so that start-up compiles only what a run uses.

    The stand-in is not a ``re.Pattern``: use its methods and attributes, but never compare it by identity
    (``match.re is PATTERN`` is false) nor hand it to a function of ``re`` (``re.sub(PATTERN, …)``). A pattern that
    every run compiles anyway gains nothing from being lazy."""
    return _LazyPattern(pattern, flags)  # type: ignore[return-value]
