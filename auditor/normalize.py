"""Text normalisation that real reports need before their labels and numbers can be matched (SPEC §5 "Artifacts").

Two forms are used:

* :func:`label_key` — the comparison key of a label: NFKC (full-width digits and brackets to half-width), every kind
  of white space removed (NBSP, U+3000, line breaks inside a label), quotes unified, "1、" read as "1.".
* :func:`keyed` — the same key together with, for each of its characters, the index of the character in the
  original string it came from, so that a label found inside a longer line can be pointed at exactly.

:class:`FuzzyLabels` finds the official label that a misspelt, truncated or OCR-damaged one stands for.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from auditor.lazy import lazy_module
from auditor.patterns import compiled
from auditor.script import CJK

if TYPE_CHECKING:
    from rapidfuzz.distance import Levenshtein
else:  # only a label that matches no official one exactly needs an edit distance
    Levenshtein = lazy_module("rapidfuzz.distance.Levenshtein")

_QUOTES = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "「": '"',
        "」": '"',
        "‘": "'",
        "’": "'",
        "〈": "<",
        "〉": ">",
        "《": "<",
        "》": ">",
        "−": "-",  # U+2212 minus sign
        "–": "-",
        "—": "-",
        "／": "/",
    }
)
_WHITESPACE = compiled(r"\s+")
# "1、属于国家秘密", "1．属于国家秘密" and "1，属于国家秘密" are the same row label as "1.属于国家秘密"; so is
# "l.属于国家秘密" with the 1 read as an l or I by OCR (at the start of a label only).
# The number's first digit comes first and the look back (no digit before it) after it: a pattern that opens with a
# character class is searched by skipping to that class, one that opens with a look back is tried at every place.
_ENUM_COMMA = compiled(r"([0-9](?<![0-9]{2})[0-9]?)(?:、|,(?=[\u4e00-\u9fff]))")
_OCR_ONE = compiled(r"^[lI|](?=\.[\u4e00-\u9fff])")


@lru_cache(maxsize=65536)
def label_key(text: str) -> str:
    """Return the comparison key of a label or heading."""
    key = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    key = _WHITESPACE.sub("", key)
    key = _ENUM_COMMA.sub(r"\1.", key)
    return _OCR_ONE.sub("1", key) if key[:1] in "lI|" else key


class _KeyedCharacters(dict[int, str]):
    """A character (by code point) → what it becomes in a key: NFKC, quotes unified, white space dropped (possibly
    nothing, possibly several characters). Filled as characters are met, for ``str.translate``; ``dropped`` and
    ``expanded``: the characters met that become nothing, or more than one."""

    def __init__(self) -> None:
        super().__init__()
        self.dropped: set[str] = set()
        self.expanded: set[str] = set()
        self._dropped_runs: re.Pattern[str] | None = None

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        out = "" if ch.isspace() else unicodedata.normalize("NFKC", ch).translate(_QUOTES)
        if any(piece.isspace() for piece in out):
            out = "".join(piece for piece in out if not piece.isspace())
        if not out:
            self.dropped.add(ch)
            self._dropped_runs = None
        elif len(out) > 1:
            self.expanded.add(ch)
        if len(self) < _KEPT_CHARACTERS:
            self[code] = out
        return out

    def dropped_runs(self) -> re.Pattern[str]:
        """A pattern for runs of the characters that become nothing."""
        if self._dropped_runs is None:
            # [...][...]* rather than [...]+: a pattern that opens with a character class is searched by skipping
            # to that class, one that opens with a repeat is tried at every place
            chars = "[" + "".join(re.escape(ch) for ch in sorted(self.dropped)) + "]"
            self._dropped_runs = re.compile(f"{chars}{chars}*")
        return self._dropped_runs


_KEYED = _KeyedCharacters()
_KEPT_CHARACTERS = 1 << 16
# The characters that are themselves in a key: printable ASCII, the unified ideographs, 、 and 。 — most of a report's
# text (tests/parse/test_prelex_fast_paths.py checks each). In a long text only the runs of the others are translated,
# joined into one string: ``str.translate`` looks every character up in the table (~740 instructions a character),
# the split at the runs passes over the rest at a few.
_OTHER_RUNS = compiled(r"([^!-~\u4e00-\u9fff\u3001\u3002][^!-~\u4e00-\u9fff\u3001\u3002]*)")  # see dropped_runs
_LONG_KEYED = 48  # characters; a shorter text is translated whole (the split and the joins cost more there)
_BETWEEN_RUNS = "\u9fff"  # one of the characters left alone: never in a run, its own key


def _long_key(text: str) -> tuple[str, bool]:
    """``text.translate(_KEYED)`` and whether a character of ``text`` becomes more than one, for a long text."""
    parts = _OTHER_RUNS.split(text)  # left alone, a run, left alone, …
    runs = parts[1::2]
    joined = _BETWEEN_RUNS.join(runs)
    translated = joined.translate(_KEYED).split(_BETWEEN_RUNS)
    if len(translated) != len(runs):  # a character of a run became the separator (or there is no run)
        translated = [run.translate(_KEYED) for run in runs]
    parts[1::2] = translated
    return "".join(parts), not _KEYED.expanded.isdisjoint(joined)


def keyed(text: str) -> tuple[str, list[int]]:
    """Return ``label_key``-like text plus, per character, its index in ``text``.

    Each character is normalised on its own (one ``str.translate``). Where none becomes more than one character, as
    nearly always, the index is the positions themselves, less the runs of white space dropped.
    """
    if len(text) < _LONG_KEYED:
        key = text.translate(_KEYED)
        expands = not _KEYED.expanded.isdisjoint(text)
    else:
        key, expands = _long_key(text)
    if expands:
        index = []
        for i, ch in enumerate(text):
            index.extend([i] * len(_KEYED[ord(ch)]))
    elif len(key) == len(text):
        index = list(range(len(text)))
    else:  # every position, less the runs dropped (taken out from the end: a slice's deletion moves what follows)
        index = list(range(len(text)))
        for run in reversed(list(_KEYED.dropped_runs().finditer(text))):
            del index[run.start() : run.end()]
    # Keep the index aligned: "、" → "." is one character for one character.
    key = _ENUM_COMMA.sub(r"\1.", key)
    if key[:1] in "lI|":
        key = _OCR_ONE.sub("1", key)
    return key, index


# A number as written in a table cell: optional sign (+, -, U+2212, full-width －), digits with optional thousands
# separators, optional decimals, optional unit (笔/批次 for the purchases of the 2019 format's 政府集中采购: 「2笔」).
_NUMBER = compiled(
    r"^(?P<sign>[+\-])?(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?(?P<unit>件|条|个|项|次|笔|批次|元|万元|%)?$"
)
# Cells that say "nothing here" in words or strokes; the format wants 0, so they are neither numbers nor blank.
DASHES = frozenset({"-", "--", "/", "\\", "无", "—", "——", "-/-", "×", "x", "X", "不适用", "无此项", "N/A", "n/a"})
_STROKES = compiled(r"[-_~/\\]+")  # a run of strokes (——— , ---, //) after label_key: a dash too
# Of those, the ones that say "none" and nothing else: 0, certainly, in a count or an amount. A dash, a slash or
# 不适用 may mean "not applicable" or "not known" as well, and is not read as 0.
NONE_WORDS = frozenset({"无"})


def says_none(text: str) -> bool:
    """Whether a table cell says "none" in a word (「无」): a 0 written otherwise."""
    return label_key(text) in NONE_WORDS


@lru_cache(maxsize=65536)
def cell_key(text: str) -> str:
    """Normalise the content of a table cell (not a label): NFKC, dashes unified, outer space removed.

    Unlike a label, a cell keeps its inner spaces: "0 1 1" is three numbers, not the number 11.
    """
    return unicodedata.normalize("NFKC", text).translate(_QUOTES).strip()


# The most digits a figure of these tables can have, before and after the decimal point: a count of 10^15 or an
# amount of a quadrillion yuan is not a figure of one body's year. Within these bounds every sum of a table stays
# exact in ``Decimal``'s default 28-digit context and every ``int`` converts to text; a longer run of digits is
# reported as out of the value domain (NUM005), never read as a number.
MAX_INTEGER_DIGITS = 15
MAX_FRACTION_DIGITS = 10


def overlong(text: str) -> int | None:
    """The number of digits of a cell written as a number too long to be a figure of these tables, else None."""
    match = _NUMBER.match(cell_key(text))
    if match is None:
        return None
    digits = len(match["digits"].replace(",", ""))
    fraction = len(match["frac"] or ".") - 1
    if digits > MAX_INTEGER_DIGITS or fraction > MAX_FRACTION_DIGITS:
        return digits + fraction
    return None


def parse_number(text: str) -> tuple[int | Decimal, str | None] | None:
    """Parse a cell as a number; return ``(value, unit)`` or ``None`` if it is not a number.

    Integers stay ``int``; a value with decimals becomes :class:`decimal.Decimal` (never ``float``). More digits
    than a figure can have (:data:`MAX_INTEGER_DIGITS`, :data:`MAX_FRACTION_DIGITS`) is not a number either.
    """
    match = _NUMBER.match(cell_key(text))
    if match is None:
        return None
    digits = match["digits"].replace(",", "")
    if len(digits) > MAX_INTEGER_DIGITS or len(match["frac"] or "") > MAX_FRACTION_DIGITS + 1:
        return None
    sign = "-" if match["sign"] == "-" else ""
    if match["frac"]:
        try:
            return Decimal(sign + digits + match["frac"]), match["unit"]
        except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
            return None
    return int(sign + digits), match["unit"]


@lru_cache(maxsize=65536)
def classify_cell(text: str) -> tuple[str, int | Decimal | None, str | None]:
    """``(kind, value, unit)`` of a table cell: kind is number | blank | dash | text; a number with more digits than
    a figure can have (:func:`overlong`) is a number without a value."""
    if not text:
        return "blank", None, None
    parsed = parse_number(text)
    if parsed is not None:
        return "number", parsed[0], parsed[1]
    if overlong(text) is not None:
        return "number", None, None  # written as a number, too long to be one: a cell, without a value
    key = label_key(text)
    if key in DASHES or _STROKES.fullmatch(key):
        return "dash", None, None
    return "text", None, None


_FULLWIDTH_CHARS = "０１２３４５６７８９"
_FULLWIDTH_DIGITS = str.maketrans(_FULLWIDTH_CHARS, "0123456789")


def ascii_digits(text: str) -> str:
    """Replace full-width digits by ASCII digits, leaving everything else (and every index) as it is."""
    # Ten substring searches: for a whole report's text, an eighth of the time of the regex [０-９].
    for digit in _FULLWIDTH_CHARS:
        if digit in text:
            return text.translate(_FULLWIDTH_DIGITS)
    return text


# ── labels that are misspelt, truncated or damaged ──────────────────────────────────────────────────────
# The numbering of a row label as normalised by label_key: "2.", "(三)", "一、".
_LABEL_NUMBER = compiled(r"^(?:\d{1,2}\.|\([一二三四五六七八九十]\)|[一二三四五六七八九十]、)")
_NOT_IN_LABEL = compiled(r"[0-9。；;！!？?:：\-/|\\]")
FUZZY_RATIO = 0.25  # at most this share of a label's characters (numbering aside) may be wrong
FUZZY_MIN_BODY = 4  # labels shorter than this (numbering aside) are matched exactly or not at all
FUZZY_MIN_UNNUMBERED = 6  # the same for labels without a number (行政许可 and 行政处罚 are one edit apart)
FUZZY_MIN_COLUMN = 5  # a column header between two others may be this short (「本年废止件」 for 「本年废止件数」)
TRUNCATED_MIN = 0.35  # a truncated label keeps at least this share of the official one …
TRUNCATED_MIN_CHARS = 5  # … and at least this many characters besides its number
_AMBIGUITY = 0.1  # a second candidate this close to the best makes the match ambiguous


class FuzzyMatch(NamedTuple):
    key: str  # the label_key of the official label (or accepted wording) matched
    kind: str  # "typo" (edit distance) | "truncated" (the beginning of the label only)
    distance: float  # edits per character of the label's body; 0 for a truncation


def split_number(key: str) -> tuple[str, str]:
    """``("2.", "其他法律…")``: the numbering of a normalised label and the rest."""
    match = _LABEL_NUMBER.match(key)
    return (match.group(0), key[match.end() :]) if match else ("", key)


class FuzzyLabels:
    """The official labels a misspelt, truncated or OCR-damaged label may stand for (SPEC §3.5: a deviation is
    still that row), by a normalised edit distance (rapidfuzz's Levenshtein).

    The numbering must agree (a "2." label is never read as a "3." row); the rest may differ by at most
    ``FUZZY_RATIO`` of its characters, or be the label's beginning (at least ``TRUNCATED_MIN`` of it). Several
    labels equally near are returned together: choosing among them is the caller's business (the position in the
    table), never a guess here.
    """

    def __init__(self, keys: Iterable[str], min_unnumbered: int = FUZZY_MIN_UNNUMBERED) -> None:
        self.min_unnumbered = min_unnumbered
        self.entries = []
        for key in keys:
            number, body = split_number(key)
            if len(body) >= (FUZZY_MIN_BODY if number else min_unnumbered):
                self.entries.append((key, number, body, int(len(body) * FUZZY_RATIO)))

    @staticmethod
    def label_like(key: str) -> bool:
        """Could this normalised text be a damaged label at all (not prose, not figures)?"""
        _number, body = split_number(key)
        return FUZZY_MIN_BODY <= len(body) <= 60 and len(CJK.findall(body)) >= 3 and not _NOT_IN_LABEL.search(body)

    def matches(self, key: str) -> list[FuzzyMatch]:
        """The labels ``key`` may stand for, best first; only those within ``_AMBIGUITY`` of the best."""
        if not self.label_like(key):
            return []
        number, body = split_number(key)
        if not number and len(body) < self.min_unnumbered:
            return []
        found: list[FuzzyMatch] = []
        for official, official_number, official_body, allowed in self.entries:
            if number != official_number:
                continue
            if len(body) < len(official_body) and official_body.startswith(body):
                if len(body) >= max(TRUNCATED_MIN * len(official_body), TRUNCATED_MIN_CHARS):
                    found.append(FuzzyMatch(official, "truncated", 0.0))
                continue
            if allowed and abs(len(body) - len(official_body)) <= allowed:
                edits = Levenshtein.distance(body, official_body, score_cutoff=allowed)
                if 0 < edits <= allowed:
                    found.append(FuzzyMatch(official, "typo", edits / len(official_body)))
        if not found:
            return []
        found.sort(key=lambda m: m.distance)
        best = found[0].distance
        return [m for m in found if m.distance <= best + _AMBIGUITY]
