"""Loading ``grammars/report.lark``: an LALR parser over the pre-lexer's tokens, with its table cached on disk.

lark analyses the grammar once (≈0.2 s); the resulting parse table and rules are pickled to the user cache folder,
keyed by the grammar's hash and the lark and Python versions, and loaded from there in a few milliseconds. The
parser runs lark's own LALR engine over that table; a reduction calls the method named after its rule on the
object given to :meth:`Grammar.parse` (a lark ``Transformer`` in spirit), if there is one;
:meth:`Grammar.recognise` runs it with no reductions at all, to learn only whether the tokens fit the template.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import pickle
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any, Protocol

import lark
from lark import Lark, Token
from lark.grammar import Rule
from lark.lexer import Lexer
from lark.parsers.lalr_analysis import Action
from lark.parsers.lalr_parser import _Parser

from auditor.output import write_atomically
from auditor.resources import cache_dir, data_path

GRAMMAR = "report.lark"
ALIASES = "aliases.json"
START = ("report", "loose_report")
_CACHE_FORMAT = 2


class TokenListLexer(Lexer):
    """The lexer lark is built with: the tokens were made already by the pre-lexer."""

    def __init__(self, lexer_conf: Any) -> None:
        pass

    def lex(self, data: list[Token]) -> Iterator[Token]:  # type: ignore[override]
        return iter(data)


class Terminal(Protocol):
    """What lark's LALR engine reads of a token: the name of its terminal (the pre-lexer's tokens are no lark
    ``Token``s, see :class:`auditor.prelex.Tok`)."""

    type: str


class _Stream:
    """What lark's LALR engine reads tokens from."""

    __slots__ = ("tokens",)

    def __init__(self, tokens: Sequence[Terminal]) -> None:
        self.tokens = tokens

    def lex(self, _parser_state: object) -> Iterator[Terminal]:
        return iter(self.tokens)


@dataclass
class Compiled:
    """What is cached: the LALR table, the rules, and the terminals (name → (pattern type, value))."""

    key: str
    parse_table: Any
    rules: list[Any]
    terminals: dict[str, tuple[str, str]]


class Grammar:
    """The compiled report grammar."""

    def __init__(self, compiled: Compiled) -> None:
        self.compiled = compiled
        self.terminals = compiled.terminals
        self._parsers: dict[int, _Parser] = {}
        self._recogniser: _Parser | None = None
        _compare_by_identity(compiled)

    def parse(self, tokens: Sequence[Terminal], start: str, reductions: Any) -> Any:
        """Parse ``tokens`` from rule ``start``; a rule's reduction calls ``reductions.<rule>(children)`` if defined."""
        parser = self._parsers.get(id(reductions))
        if parser is None:
            parser = _Parser(self.compiled.parse_table, _callbacks(self.compiled.rules, reductions))
            self._parsers[id(reductions)] = parser
        return parser.parse(_Stream(tokens), start)  # type: ignore[arg-type]  # a stream is all it reads

    def recognise(self, tokens: Sequence[Terminal], start: str) -> None:
        """Parse ``tokens`` from rule ``start`` and build nothing (no reduction is called: lark's engine skips them
        for empty callbacks); lark's ``UnexpectedInput`` where they deviate from it."""
        if self._recogniser is None:
            self._recogniser = _Parser(self.compiled.parse_table, {})
        self._recogniser.parse(_Stream(tokens), start)  # type: ignore[arg-type]  # a stream is all it reads

    def official_labels(self) -> dict[str, str]:
        """Terminal name → the official label (string terminals only)."""
        return self._labels

    @cached_property
    def _labels(self) -> dict[str, str]:
        return {name: value for name, (kind, value) in self.terminals.items() if kind == "str"}


class _Rule(Rule):
    """A rule of the loaded table, equal only to itself. lark's engine compares the rule of every reduction with
    the end state (``assert arg != end_state``) and looks its callback up by it: with lark's ``Rule.__eq__`` and
    ``__hash__`` (Python methods comparing origin and expansion) that is two Python calls a reduction, about a
    fifth of the LALR parse. Each rule of the table is one object, so identity is the same equality."""

    __slots__ = ()
    __eq__ = object.__eq__
    __hash__ = object.__hash__


def _compare_by_identity(compiled: Compiled) -> None:
    """Make the table's rules :class:`_Rule` when the reductions of the parse table are exactly the rule objects
    the callbacks are keyed by (as pickling keeps them); otherwise leave lark's equality alone."""
    table = {id(arg): arg for state in compiled.parse_table.states.values() for action, arg in state.values()}
    reduced = {key: rule for key, rule in table.items() if isinstance(rule, Rule)}
    if not reduced.keys() <= {id(rule) for rule in compiled.rules}:
        return
    for found in compiled.rules:
        if type(found) is Rule:
            found.__class__ = _Rule


def _callbacks(rules: list[Any], reductions: Any) -> dict[Any, Callable[[list[Any]], Any]]:
    """A rule with a method on ``reductions`` reduces through it; every other rule keeps its children as a list
    (nested lists are flattened by the rule that consumes them). lark's own repetition rules (``x*``) grow one
    flat list instead of nesting one list per item."""
    callbacks: dict[Any, Callable[[list[Any]], Any]] = {}
    for rule in rules:
        name = str(rule.origin.name)
        if name.startswith("__") and ("_star_" in name or "_plus_" in name):
            callbacks[rule] = _repeat
        else:
            callbacks[rule] = getattr(reductions, name, _children)
    return callbacks


def _children(children: list[Any]) -> Any:
    # A rule with one child is that child: fewer nested lists for the section to flatten.
    return children[0] if len(children) == 1 else children


class Repeated(list):  # type: ignore[type-arg]
    """The items of a ``x*`` repetition, accumulated in one list."""

    __slots__ = ()


def _repeat(children: list[Any]) -> Repeated:
    first = children[0]
    if type(first) is Repeated:
        first.extend(children[1:])
        return first
    return Repeated(children)


def grammar_text() -> str:
    return data_path("grammars", GRAMMAR).read_text(encoding="utf-8")


def _key(text: str) -> str:
    version = "{}.{}".format(*sys.version_info[:2])
    raw = f"{_CACHE_FORMAT}|{lark.__version__}|{version}|{text}"
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def compile_grammar(text: str, key: str) -> Compiled:
    """Analyse the grammar with lark (slow: done once, then cached)."""
    built = Lark(text, parser="lalr", lexer=TokenListLexer, start=list(START), maybe_placeholders=False)
    frontend = built.parser.parser  # lark's LALR_Parser
    terminals = {t.name: (t.pattern.type, t.pattern.value) for t in built.terminals}
    rules = list(frontend.parser.callbacks)
    for found in rules:
        # lark names rules with Tokens, whose Python-level __eq__ runs on every reduction's goto lookup; a plain
        # str (same hash, same equality) keeps that lookup in C.
        found.origin.name = str(found.origin.name)
    return Compiled(key, frontend.parser.parse_table, rules, terminals)


def _load(path: str, key: str) -> Compiled | None:
    try:
        with open(path, "rb") as handle:
            compiled = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return None
    if not isinstance(compiled, Compiled) or compiled.key != key:
        return None
    return compiled


class _Pickler(pickle.Pickler):
    """lark's engine tests ``action is Shift``: pickle its two action singletons by name, not by value."""

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, Action):
            return obj.name  # a global of lark.parsers.lalr_analysis: Shift or Reduce
        return NotImplemented


def _save(path: str, compiled: Compiled) -> None:
    data = io.BytesIO()
    _Pickler(data, protocol=pickle.HIGHEST_PROTOCOL).dump(compiled)
    with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
        write_atomically(path, data.getvalue())


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    """The report grammar, from the cache when its key matches, otherwise analysed and cached."""
    text = grammar_text()
    key = _key(text)
    directory = cache_dir()
    path = os.path.join(directory, "report-grammar.pickle") if directory else None
    compiled = _load(path, key) if path else None
    if compiled is None:
        compiled = compile_grammar(text, key)
        if path:
            _save(path, compiled)
    return Grammar(compiled)


@lru_cache(maxsize=1)
def aliases() -> dict[str, list[str] | str]:
    """Terminal name → the wordings that stand for its label; keys starting with ``$`` are notes (strings)."""
    data: dict[str, list[str] | str] = json.loads(data_path("grammars", ALIASES).read_text(encoding="utf-8"))
    return data
