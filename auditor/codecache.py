"""The methods ``dataclasses`` writes for each class, compiled once per installation, not once per run.

``@dataclass`` writes ``__init__``, ``__repr__``, ``__eq__`` (and a frozen class's ``__setattr__``, ``__delattr__``
and ``__hash__``) as Python source and compiles each with ``exec``: CPython's parser and compiler then cost a
one-file ``auditor check``, which defines some 75 dataclasses, about a fifth of its start-up — more than reading and
auditing the report.

:func:`install` gives the ``dataclasses`` module (and no other) an ``exec`` that runs the compiled code of a source
it has seen before, kept in the user cache folder (``dataclass-<python>.marshal``), and otherwise compiles the source
exactly as the builtin ``exec`` does (``compile(source, "<string>", "exec")``) and keeps the result. ``marshal`` is
the format of ``.pyc`` files: what is loaded is the code object ``compile`` made, so the methods are the same, and
the file is keyed by the exact Python build. A missing, damaged or foreign file, or a folder that cannot be written,
only means compiling as before, never an error.
"""

from __future__ import annotations
import __future__

import atexit
import builtins
import contextlib
import functools
import marshal
import operator
import sys
from types import CodeType
from typing import Any

_FILE_FORMAT = 2  # 2: each code object kept as its marshal bytes, read only when the source comes up
_FUTURE_FLAGS = functools.reduce(
    operator.or_, (getattr(__future__, name).compiler_flag for name in __future__.all_feature_names)
)
_LIMIT = 1500  # entries kept; a check uses some 330, other commands a few more (the oldest are dropped first)

_table: dict[str, CodeType | bytes] | None = None  # "<future flags>:<source>" → its code, or that code marshalled
_used: dict[str, None] = {}  # the keys this process ran, in order
_dirty = False


def install() -> None:
    """Make ``dataclasses`` compile the methods it generates through the cache (once per process; idempotent)."""
    import dataclasses

    if getattr(dataclasses, "exec", None) is not cached_exec:
        dataclasses.exec = cached_exec  # type: ignore[attr-defined]  # a module global: shadows the builtin there


def cached_exec(source: Any, globals: Any = None, locals: Any = None, /) -> None:
    """``exec(source, globals, locals)``, a source string being compiled through the cache."""
    try:
        caller = sys._getframe(1)
    except ValueError:  # called with no Python frame above (from C): nothing to inherit, as for the builtin
        builtins.exec(source, globals, locals)
        return
    if globals is None:  # the builtin runs in its caller's namespace: so must this
        globals = caller.f_globals
        if locals is None:
            locals = caller.f_locals
    if type(source) is str:  # compiled with the caller's ``from __future__`` features, as the builtin does
        source = code_of(source, caller.f_code.co_flags & _FUTURE_FLAGS)
    builtins.exec(source, globals, locals)


def code_of(source: str, flags: int = 0) -> CodeType:
    """``compile(source, "<string>", "exec", flags)`` — what ``exec(source)`` runs — from the cache when it holds
    it (``flags``: the ``__future__`` features in force)."""
    table = _load()
    key = f"{flags:x}:{source}"
    code = table.get(key)
    if type(code) is bytes:  # kept from an earlier run: read now (a damaged entry is compiled again)
        with contextlib.suppress(EOFError, ValueError, TypeError):
            code = table[key] = marshal.loads(code)
    if type(code) is not CodeType:
        code = table[key] = compile(source, "<string>", "exec", flags=flags, dont_inherit=True)
        _mark_dirty()
    _used[key] = None
    return code


def _name() -> str:
    return f"dataclass-{sys.implementation.cache_tag}.marshal"


def _header() -> list[Any]:
    return [_FILE_FORMAT, sys.version, sys.hexversion]


def _load() -> dict[str, CodeType | bytes]:
    global _table
    if _table is None:
        _table = {}  # first: importing the reader may define dataclasses, which come back here
        from auditor.resources import read_cached

        table = read_cached(_name(), _header()) or {}
        _table = {k: v for k, v in table.items() if type(k) is str and type(v) is bytes}
    return _table


def _mark_dirty() -> None:
    global _dirty
    if not _dirty:
        _dirty = True
        atexit.register(_save)


def _save() -> None:
    """Write the table (at exit, once, only when a source was added): what this process ran first, then older
    entries up to the limit."""
    global _dirty
    if not _dirty or _table is None:
        return
    _dirty = False
    kept = {key: _table[key] for key in _used if key in _table}
    for key, code in _table.items():
        if len(kept) >= _LIMIT:
            break
        kept.setdefault(key, code)
    from auditor.resources import write_cached

    write_cached(
        _name(), _header(), {key: code if type(code) is bytes else marshal.dumps(code) for key, code in kept.items()}
    )
