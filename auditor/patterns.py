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
import os
import re
import sys
from array import array
from functools import cache
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


def _name() -> str:
    return f"regex-{sys.implementation.cache_tag}.marshal"


def _header() -> list[Any]:
    import _sre

    return [_FILE_FORMAT, sys.version, sys.hexversion, _sre.MAGIC, _sre.CODESIZE]


def _load() -> dict[tuple[Any, ...], tuple[Any, ...]]:
    global _table
    if _table is None:
        _table = {}  # first: importing the reader compiles patterns (pathlib's), which come back here
        from auditor.resources import read_cached

        _table = read_cached(_name(), _header()) or {}
    return _table


def _mark_dirty() -> None:
    global _dirty
    if not _dirty:
        _dirty = True
        atexit.register(_save)


def _save() -> None:
    """Write the table (at exit, once, only when a pattern was added)."""
    global _dirty
    if not _dirty or _table is None:
        return
    _dirty = False
    from auditor.resources import write_cached

    write_cached(_name(), _header(), _table)


# ── words every match contains: a literal prefilter ─────────────────────────────────────────────────────────────
def required_words(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Words one of which every match of ``pattern`` contains, read from its parsed form (``a[^，]{0,6}(b|c)`` →
    ``b``, ``c`` or ``a``: the list whose shortest word is longest), or None when there is no such list
    (case-insensitive matching, a match that may be made of classes or repetitions alone).

    A text without any of them has no match, which ``str.find`` and ``in`` tell at a few instructions a character,
    where the regular expression engine spends 40–110 on each character it tries."""
    return _required(pattern.pattern, pattern.flags)


# What the parse of a pattern tells (the words or characters every match holds, the words it spells), kept like the
# compiled programs: re's parser is pure Python, and a one-file check asks this of a hundred patterns.
_analyses: dict[tuple[str, str | bytes, int], Any] | None = None  # (question, source, flags) → answer
_analyses_dirty = False


def _analysis(question: str, source: str, flags: int, work: Any) -> Any:
    """``work(source, flags)``, from the cache of analyses when this Python has answered ``question`` about the
    pattern before (answers are tuples, frozensets of strings or None: marshal keeps them exactly)."""
    global _analyses, _analyses_dirty
    if _analyses is None:
        from auditor.resources import read_cached

        _analyses = read_cached(_analyses_name(), _header()) or {}
    key = (question, source, flags)
    if key in _analyses:
        return _analyses[key]
    answer = work(source, flags)
    if len(_analyses) < _LIMIT:
        _analyses[key] = answer
        if not _analyses_dirty:
            _analyses_dirty = True
            atexit.register(_save_analyses)
    return answer


def _analyses_name() -> str:
    return f"pattern-analyses-{sys.implementation.cache_tag}.marshal"


def _save_analyses() -> None:
    global _analyses_dirty
    if not _analyses_dirty or _analyses is None:
        return
    _analyses_dirty = False
    from auditor.resources import write_cached

    write_cached(_analyses_name(), _header(), _analyses)


def _parsed(source: str, flags: int) -> Any:
    """``re``'s parse of a case-sensitive pattern (its items), or None: case-insensitive, or another Python's
    internals (no prefilter then: the pattern is searched as it is)."""
    from re import _parser  # type: ignore[attr-defined]

    if flags & re.IGNORECASE:
        return None
    try:
        return _parser.parse(source, flags).data
    except Exception:
        return None


@cache
def _required(source: str, flags: int) -> tuple[str, ...] | None:
    return _analysis("words", source, flags, _find_required)  # type: ignore[no-any-return]


def _find_required(source: str, flags: int) -> tuple[str, ...] | None:
    items = _parsed(source, flags)
    words = None if items is None else _words(items)
    return tuple(sorted(words)) if words else None


def _better(best: frozenset[str] | None, words: frozenset[str]) -> frozenset[str]:
    """Of two lists of words, the one whose shortest word is longest (fewer chance hits), then the shorter list."""
    if best is None:
        return words
    return words if (min(map(len, words)), -len(words)) > (min(map(len, best)), -len(best)) else best


def _words(items: Any) -> frozenset[str] | None:
    """Words one of which every match of this sequence of parsed items contains (None: none known)."""
    from re import _constants as sre  # type: ignore[attr-defined]

    best: frozenset[str] | None = None
    run: list[str] = []  # consecutive literal characters: one word
    for op, av in items:
        if op is sre.LITERAL:
            run.append(chr(av))
            continue
        if run:
            best = _better(best, frozenset(["".join(run)]))
            run = []
        words: frozenset[str] | None = None
        if op is sre.SUBPATTERN:
            _group, add_flags, _del_flags, inner = av
            words = None if add_flags & re.IGNORECASE else _words(inner.data)
        elif op is sre.ATOMIC_GROUP:
            words = _words(av.data)
        elif op is sre.BRANCH:
            alternatives = [_words(alternative.data) for alternative in av[1]]
            if all(alternatives):
                words = frozenset().union(*alternatives)  # type: ignore[arg-type]
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            low, _high, inner = av
            words = _words(inner.data) if low >= 1 else None
        elif op is sre.IN and av and all(kind is sre.LITERAL for kind, _value in av):
            words = frozenset(chr(value) for _kind, value in av)
        if words:
            best = _better(best, words)
    if run:
        best = _better(best, frozenset(["".join(run)]))
    return best


def required_chars(pattern: re.Pattern[str]) -> frozenset[str]:
    """Characters every match of ``pattern`` contains, each of them (``区(?<!社区)级|全区|省、市、区`` → 区), read from
    its parsed form; empty when none is known (case-insensitive matching among them).

    One such character is found by ``str.find`` at a fraction of an instruction a character (a ``memchr`` of its
    low byte), where a word of two characters costs a few and the regular expression engine tens."""
    return _chars(pattern.pattern, pattern.flags)


@cache
def _chars(source: str, flags: int) -> frozenset[str]:
    return _analysis("chars", source, flags, _find_chars)  # type: ignore[no-any-return]


def _find_chars(source: str, flags: int) -> frozenset[str]:
    items = _parsed(source, flags)
    return frozenset() if items is None else _chars_of(items)


def _chars_of(items: Any) -> frozenset[str]:
    """The characters every match of this sequence of parsed items contains."""
    from re import _constants as sre  # type: ignore[attr-defined]

    found: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            found.add(chr(av))
        elif op is sre.SUBPATTERN and not av[1] & re.IGNORECASE:
            found |= _chars_of(av[3].data)
        elif op is sre.ATOMIC_GROUP:
            found |= _chars_of(av.data)
        elif op is sre.BRANCH:
            found |= frozenset.intersection(*(_chars_of(alternative.data) for alternative in av[1]))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            found |= _chars_of(av[2].data)
    return frozenset(found)


def holding(texts: list[str], words: tuple[str, ...] | None, joined: str | None = None) -> list[int]:
    """The indexes, ascending, of the texts that contain one of ``words`` (all of them for None): found by
    ``str.find`` of each word over the texts joined by NULs, a hit's text told by the NULs before it (counted from
    the last hit), skipping to the next text at each hit. ``joined``: the texts already joined by NULs."""
    if words is None:
        return list(range(len(texts)))
    if joined is None:
        joined = "\x00".join(texts)
    if "\x00" in "".join(words) or joined.count("\x00") != len(texts) - 1:  # a NUL in a word or read from the file:
        return [index for index, text in enumerate(texts) if any(word in text for word in words)]  # text by text
    found: set[int] = set()
    for word in words:
        index, counted = 0, 0  # the text at `counted` in the joined texts
        at = joined.find(word)
        while at >= 0:
            index += joined.count("\x00", counted, at)
            found.add(index)
            counted = joined.find("\x00", at) + 1
            if not counted:  # the last text
                break
            index += 1
            at = joined.find(word, counted)
    return sorted(found)


_MAX_WORDS = 64  # a pattern that spells out more literal words than this is searched as a pattern


def literal_words(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """The words ``pattern`` is an alternation of (``申请|复议|诉讼|起诉``, ``全部|全[县区]`` → 全部, 全县, 全区), in the
    order the regex engine tries them, or None when it is anything else (a repetition, a class of more than
    characters, a lookaround, a case-insensitive match …): every match of such a pattern is one of these words."""
    return _alternation(pattern.pattern, pattern.flags)


@cache
def _alternation(source: str, flags: int) -> tuple[str, ...] | None:
    return _analysis("spelt", source, flags, _find_alternation)  # type: ignore[no-any-return]


def _find_alternation(source: str, flags: int) -> tuple[str, ...] | None:
    items = _parsed(source, flags)
    words = None if items is None else _spelt(items)
    return tuple(words) if words and all(words) else None


def _spelt(items: Any) -> list[str] | None:
    """Every string this sequence of parsed items matches, in the order the engine tries them, or None."""
    from re import _constants as sre  # type: ignore[attr-defined]

    words = [""]
    for op, av in items:
        if op is sre.LITERAL:
            choices = [chr(av)]
        elif op is sre.IN and av and all(kind is sre.LITERAL for kind, _value in av):
            choices = [chr(value) for _kind, value in av]  # one character each: at most one matches a position
        elif op is sre.SUBPATTERN and not av[1] & re.IGNORECASE:
            found = _spelt(av[3].data)
            if found is None:
                return None
            choices = found
        elif op is sre.BRANCH:
            choices = []
            for alternative in av[1]:
                found = _spelt(alternative.data)
                if found is None:
                    return None
                choices += found
        else:
            return None
        words = [word + choice for word in words for choice in choices]
        if len(words) > _MAX_WORDS:
            return None
    return words


def contains(pattern: re.Pattern[str], text: str) -> bool:
    """``pattern.search(text) is not None``, with the alternatives that are literal words (``制度|机制|\\d+次`` →
    制度, 机制) found by an ``in`` test each (a fast scan) and only the others by the regex engine, which tries them
    at every character they may start with."""
    words, rest = _parts(pattern.pattern, pattern.flags)
    if any(word in text for word in words):
        return True
    return rest is not None and rest.search(text) is not None


@cache
def _parts(source: str, flags: int) -> tuple[tuple[str, ...], re.Pattern[str] | None]:
    """The literal words among the top-level alternatives of a pattern, and the other alternatives as one pattern
    (None: there are none); the whole pattern as the rest when it cannot be split (verbose, inline flags, group
    references)."""
    whole: tuple[tuple[str, ...], re.Pattern[str] | None] = ((), compiled(source, flags))
    if flags & re.VERBOSE or (source.startswith("(?") and source[2:3].isalpha()) or "(?P=" in source or "(?(" in source:
        return whole
    if re.search(r"\\[1-9]", source):  # a numbered group reference
        return whole
    pieces = _alternatives(source)
    words: list[str] = []
    others: list[str] = []
    for piece in pieces:
        try:
            spelt = literal_words(compiled(piece, flags))
        except re.error:  # a piece that is no pattern on its own
            return whole
        if spelt is None:
            others.append(piece)
        else:
            words += spelt
    return tuple(words), (compiled("|".join(others), flags) if others else None)


def _alternatives(source: str) -> list[str]:
    """The pattern's source split at the | that are outside groups and classes."""
    pieces: list[str] = []
    depth, start, index, in_class = 0, 0, 0, False
    while index < len(source):
        char = source[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            if char == "]":
                in_class = False
        elif char == "[":
            in_class = True
            if source[index + 1 : index + 2] == "^":
                index += 1
            if source[index + 1 : index + 2] == "]":  # a ] first in a class is a character of it
                index += 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            pieces.append(source[start:index])
            start = index + 1
        index += 1
    pieces.append(source[start:])
    return pieces


def literal_finditer(pattern: re.Pattern[str], text: str) -> list[tuple[int, str]]:
    """``[(m.start(), m.group(0)) for m in pattern.finditer(text)]``; for an alternation of literal words found by
    ``str.find`` of each word (a fast scan) instead of the regex engine trying the pattern at every character: at
    each position the first word in the engine's order wins, and the next match starts after it."""
    words = literal_words(pattern)
    if words is None:
        return [(match.start(), match.group(0)) for match in pattern.finditer(text)]
    first: dict[int, int] = {}  # position → the first word (in the engine's order) found there
    for rank, word in enumerate(words):
        at = text.find(word)
        while at >= 0:
            if first.get(at, rank) >= rank:
                first[at] = rank
            at = text.find(word, at + 1)
    found: list[tuple[int, str]] = []
    end = 0
    for at in sorted(first):
        if at >= end:
            word = words[first[at]]
            found.append((at, word))
            end = at + len(word)
    return found


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
