"""Text normalisation that real reports need before their labels and numbers can be matched (SPEC §5 "Artifacts").

Two forms are used:

* :func:`label_key` — the comparison key of a label: NFKC (full-width digits and brackets to half-width), every kind
  of white space removed (NBSP, U+3000, line breaks inside a label), quotes unified, "1、" read as "1.".
* :func:`keyed` — the same key together with, for each of its characters, the index of the character in the
  original string it came from, so that a label found inside a longer line can be pointed at exactly.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache

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
_WHITESPACE = re.compile(r"\s+")
# "1、属于国家秘密" and "1．属于国家秘密" are the same row label as "1.属于国家秘密".
_ENUM_COMMA = re.compile(r"(?<![0-9])([0-9]{1,2})、")


@lru_cache(maxsize=65536)
def label_key(text: str) -> str:
    """Return the comparison key of a label or heading."""
    key = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    key = _WHITESPACE.sub("", key)
    return _ENUM_COMMA.sub(r"\1.", key)


def keyed(text: str) -> tuple[str, list[int]]:
    """Return ``label_key``-like text plus, per character, its index in ``text``.

    Slower than :func:`label_key` (one step per character); used only on lines that need searching inside.
    """
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            continue
        norm = unicodedata.normalize("NFKC", ch).translate(_QUOTES)
        for piece in norm:
            if piece.isspace():
                continue
            out.append(piece)
            index.append(i)
    key = "".join(out)
    # Keep the index aligned: "、" → "." is one character for one character.
    key = _ENUM_COMMA.sub(r"\1.", key)
    return key, index


# A number as written in a table cell: optional sign (+, -, U+2212, full-width －), digits with optional thousands
# separators, optional decimals, optional unit.
_NUMBER = re.compile(
    r"^(?P<sign>[+\-])?(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?(?P<unit>件|条|个|项|次|元|万元|%)?$"
)
# Cells that say "nothing here" in words or strokes; the format wants 0, so they are neither numbers nor blank.
DASHES = frozenset({"-", "--", "/", "\\", "无", "—", "——", "-/-", "×", "x", "X"})


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
    if label_key(text) in DASHES:
        return "dash", None, None
    return "text", None, None


_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_HAS_FULLWIDTH = re.compile("[０-９]")


def ascii_digits(text: str) -> str:
    """Replace full-width digits by ASCII digits, leaving everything else (and every index) as it is."""
    return text.translate(_FULLWIDTH_DIGITS) if _HAS_FULLWIDTH.search(text) else text
