"""Regular expressions compiled once per installation, not once per run.

Compiling a pattern is slow in CPython: the parser and compiler of :mod:`re` are written in Python, and a character
class over the CJK block (``[\\u4e00-\\u9fff]``) alone walks twenty thousand characters. The auditor compiles a few
hundred patterns, which cost a one-file ``auditor check`` more than reading and parsing the report.

:func:`compiled` is ``re.compile`` with a cache on disk (``regex-<python>.marshal`` in the user cache folder): the
compiled program of each pattern (what ``re`` hands to its C engine) is kept there, and a later run builds the pattern
from it directly, in microseconds. An entry is written only after the pattern built from it has been checked equal
to the one ``re.compile`` makes (a compiled pattern compares equal only to one with the same program, flags and
source), and the file is keyed by the exact Python build, so a run always gets what ``re.compile`` would give. Any
problem with the cache (missing, unreadable, another Python, a Python whose ``re`` internals differ) means plain
``re.compile``, never an error.

Use it for patterns whose source is fixed by the code or the installed data (module constants, the grammar's
vocabulary, the rules' TOML), never for a pattern built from a report's text: the cache would grow with every
report (it stops taking entries at ``_LIMIT``).
"""

from __future__ import annotations

import atexit
import contextlib
import marshal
import os
import re
import sys
from array import array
from types import FrameType
from typing import Any, overload

_LIMIT = 5000  # entries; the auditor itself uses a few hundred
_FILE_FORMAT = 2  # 2: each program kept as the bytes of an array (one object to load, not thousands of ints)

_table: dict[tuple[Any, ...], tuple[Any, ...]] | None = None  # (source, flags) → what re's engine is built from
_built: dict[tuple[Any, ...], re.Pattern[Any]] = {}  # the patterns of this process
_dirty = False


@overload
def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]: ...
@overload
def compiled(pattern: bytes, flags: int = 0) -> re.Pattern[bytes]: ...


def compiled(pattern: str | bytes, flags: int = 0) -> re.Pattern[Any]:
    """``re.compile(pattern, flags)``, built from the cache of compiled programs when this Python has seen it (and
    once per process: a later call with the same source returns the same pattern object)."""
    key = (pattern, int(flags))
    found = _built.get(key)
    if found is not None:
        return found
    table = _load()
    entry = table.get(key)
    result: re.Pattern[Any] | None = None
    if entry is not None:
        try:
            result = _build(entry)
        except Exception:  # written by a Python whose engine differs after all: compile it afresh
            del table[key]
    if result is None:
        result = re.compile(pattern, flags)
        if len(table) < _LIMIT:
            entry = _entry(pattern, int(flags), result)
            if entry is not None:
                table[key] = entry
                _mark_dirty()
    _built[key] = result
    return result


def _code_type() -> str:
    """The array type whose items are the size of the C engine's code words."""
    import _sre

    return next((t for t in "IL" if array(t).itemsize == _sre.CODESIZE), "I")


_CODE = _code_type()


def _build(entry: tuple[Any, ...]) -> re.Pattern[Any]:
    import _sre

    pattern, flags, code, groups, groupindex, indexgroup = entry
    return _sre.compile(pattern, flags, array(_CODE, code).tolist(), groups, groupindex, indexgroup)  # type: ignore[no-any-return]


def _entry(pattern: str | bytes, flags: int, expected: re.Pattern[Any]) -> tuple[Any, ...] | None:
    """What ``re``'s compiler hands its C engine for ``pattern`` (as in ``re._compiler.compile``), or None when
    this Python's ``re`` works differently (the pattern built from it is not equal to ``expected``)."""
    try:
        from re import _compiler, _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(pattern, flags)
        code = [int(word) for word in _compiler._code(parsed, flags)]
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        packed = array(_CODE, code).tobytes()
        entry = (
            pattern,
            int(flags | parsed.state.flags),
            packed,
            parsed.state.groups - 1,
            groupindex,
            tuple(indexgroup),
        )
        if _build(entry) == expected:
            return entry
    except Exception:  # internals of another Python version: this pattern is simply not cached
        pass
    return None


def _path() -> str | None:
    from auditor.resources import cache_dir

    folder = cache_dir()
    if folder is None:
        return None
    return os.path.join(folder, f"regex-{sys.implementation.cache_tag}.marshal")


def _header() -> list[Any]:
    import _sre

    return [_FILE_FORMAT, sys.version, sys.hexversion, _sre.MAGIC, _sre.CODESIZE]


def _load() -> dict[tuple[Any, ...], tuple[Any, ...]]:
    global _table
    if _table is None:
        _table = {}
        path = _path()
        if path is not None:
            try:
                with open(path, "rb") as handle:
                    header, table = marshal.loads(handle.read())  # load() reads piece by piece: slower
                if header == _header() and isinstance(table, dict):
                    _table = table
            except (OSError, EOFError, ValueError, TypeError):  # missing, truncated or foreign: start afresh
                pass
    return _table


def _mark_dirty() -> None:
    global _dirty
    if not _dirty:
        _dirty = True
        atexit.register(_save)


def _save() -> None:
    """Write the table (at exit, once, only when a pattern was added): to a temporary file renamed over the old one,
    so a concurrent run reads either file whole."""
    global _dirty
    path = _path()
    if not _dirty or _table is None or path is None:
        return
    _dirty = False
    from auditor.output import write_atomically

    with contextlib.suppress(OSError, ValueError):  # a read-only or full disk: the next run compiles again
        write_atomically(path, marshal.dumps([_header(), _table]))


_RE_PACKAGE = os.path.dirname(re.__file__) + os.sep


def install() -> None:
    """Let ``re`` itself take from the cache the patterns whose source is fixed by the code: those compiled while a
    module is imported (the libraries' module constants too: tabulate's, wcwidth's, logging's …) and a literal
    handed to ``re.sub``, ``re.search`` … in a function, compiled on its first call. Any other pattern — one built
    at run time, from a report's text — is compiled as before and never kept. Once per process; without ``re``'s
    usual internals (another Python), nothing changes."""
    compiler = getattr(re, "_compiler", None)
    real = getattr(compiler, "compile", None)
    if real is None or getattr(real, "_cached_fixed_sources", False):
        return

    def compile_fixed(pattern: Any, flags: int = 0) -> Any:
        if type(pattern) in (str, bytes) and type(flags) is int and not flags & re.DEBUG and _fixed(pattern):
            return compiled(pattern, flags)
        return real(pattern, flags)

    compile_fixed._cached_fixed_sources = True  # type: ignore[attr-defined]
    compiler.compile = compile_fixed  # type: ignore[union-attr]


def _fixed(pattern: str | bytes) -> bool:
    """Whether the code that asked ``re`` for ``pattern`` fixes its source: a module's body being run (an import),
    or a function whose constants hold it (a literal). :func:`compiled` itself compiles through ``re``: never."""
    try:
        frame: FrameType | None = sys._getframe(2)  # above compile_fixed: re's own functions, then their caller
    except ValueError:  # called from the top of the stack (re's compiler called directly): not known to be fixed
        return False
    while frame is not None and frame.f_code.co_filename.startswith(_RE_PACKAGE):
        frame = frame.f_back
    if frame is None or frame.f_code.co_filename == __file__:
        return False
    code = frame.f_code
    kind = type(pattern)  # compared with constants of its own type only (str == bytes warns under python -b)
    return code.co_name == "<module>" or any(type(c) is kind and c == pattern for c in code.co_consts)
