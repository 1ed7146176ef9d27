"""Fitting Chinese text to a terminal: display widths, line breaking by Chinese rules, tables that fit.

A line is broken only where Chinese typesetting allows (the 禁则 of GB/T 15834 and common practice): never inside
a number with its unit (「2023年」, 「30号」, 「85条」), a document number (「国办公开办函〔2021〕30号」) or a Latin
word, never before closing punctuation (「）」「。」「，」「”」…) and never after opening punctuation (「（」「“」「《」…).
Widths count East Asian wide characters as two cells (``wcwidth``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import wcwidth

from auditor.patterns import compiled

_CLOSING = set("）)」』”’》〉】〕］]}｝，。、；：！？,.;:!?…%％·・")
_OPENING = set("（(「『“‘《〈【〔［[{｛")
_TOKEN = compiled(
    r"(?:[\u4e00-\u9fff]{1,5}[函发字办])?[〔\[［【(（]\d{4}[〕\]］】)）]\d+号"  # a document number: 国办公开办函〔2021〕30号
    r"|[0-9０-９]+(?:[.:：．][0-9０-９]+)*[%％]?(?: ?[年月日时号件条个元项次人万亿页行列段])?"  # a number, its unit
    r"|[A-Za-z][A-Za-z0-9_./@]*-?"  # a Latin word, a code, a path (a line may break after a hyphen)
    r"|\s+"
    r"|.",
    re.S,
)


_SGR = compiled(r"\x1b\[[0-9;]*m")


_ISSUED = compiled(r"(?P<issuer>.*?[\u4e00-\u9fff])(?P<number>[〔\[［【(（]\d{4}[〕\]］】)）]\d+号.*)", re.S)


_CHAR_WIDTHS: dict[str, int] = {}


def _char_width(ch: str) -> int:
    known = _CHAR_WIDTHS.get(ch)
    if known is None:
        known = _CHAR_WIDTHS[ch] = max(0, wcwidth.wcwidth(ch))
    return known


def width(text: str) -> int:
    """Display width in terminal cells (wide characters count 2, control characters and colours 0)."""
    if "\x1b" in text:
        text = _SGR.sub("", text)
    if text.isascii() and text.isprintable():
        return len(text)
    return sum(map(_char_width, text))


def _tokens(text: str) -> list[str]:
    """Pieces that must not be split, with closing punctuation glued to what precedes and opening punctuation to
    what follows; runs of spaces are their own pieces (the only ones a line may drop)."""
    out: list[str] = []
    pending_open = ""
    for match in _TOKEN.finditer(text):
        piece = match.group(0)
        if piece.isspace():
            if pending_open:
                out.append(pending_open)
                pending_open = ""
            out.append(piece)
        elif piece in _OPENING:
            pending_open += piece
        elif piece in _CLOSING and out and not out[-1].isspace() and not pending_open:
            out[-1] += piece
        else:
            out.append(pending_open + piece)
            pending_open = ""
    if pending_open:
        out.append(pending_open)
    return out


def wrap(text: str, limit: int) -> list[str]:
    """``text`` broken into lines of at most ``limit`` cells (existing line breaks kept). A piece wider than the
    limit on its own (a very long word) is cut by characters, the only case where a piece is split."""
    limit = max(limit, 2)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        # The line's width is kept as it grows; a colour code may be cut into pieces, so with one in the paragraph
        # the whole line is measured each time.
        coloured = "\x1b" in paragraph
        line, used = "", 0
        pieces = _tokens(paragraph)
        pieces.reverse()
        while pieces:
            piece = pieces.pop()
            size = width(piece)
            if size > limit and (issued := _ISSUED.fullmatch(piece)):
                # A document number with its issuer that no line holds: the issuer's characters on their own,
                # then 〔2021〕30号, as without the issuer.
                pieces += reversed([*_tokens(issued["issuer"]), *_tokens(issued["number"])])
                continue
            if coloured:
                used = width(line)
            if piece.isspace():
                if line and used + size <= limit:
                    line, used = line + piece, used + size
                elif line:
                    lines.append(line.rstrip())
                    line, used = "", 0
                continue
            if used + size <= limit:
                line, used = line + piece, used + size
                continue
            if line.strip():
                lines.append(line.rstrip())
            while size > limit:  # only a piece wider than the whole line is cut
                cut = _fit(piece, limit)
                lines.append(piece[:cut])
                piece = piece[cut:]
                size = width(piece)
            line, used = piece, size
        lines.append(line.rstrip())
    return lines


def _fit(piece: str, limit: int) -> int:
    used = 0
    for index, ch in enumerate(piece):
        used += _char_width(ch)
        if used > limit:
            return max(index, 1)
    return len(piece)


def fit_table(
    rows: Sequence[Sequence[object]],
    headers: Sequence[str],
    total: int,
    weights: dict[int, int],
    gap: int = 2,
) -> str:
    """A table (tabulate's ``simple`` format) no wider than ``total`` cells: the columns in ``weights`` share the
    room the others leave, in proportion to their weights, each wrapped by :func:`wrap`."""
    from tabulate import tabulate

    texts = [["" if value is None else str(value) for value in row] for row in rows]
    count = len(headers)
    # tabulate gives a column at least its header's width plus 2 (its MIN_PADDING) when there are headers.
    least = [max((width(line) for line in h.split("\n")), default=0) + 2 for h in headers]
    natural = [max([least[i], *(width(line) for row in texts for line in row[i].split("\n"))]) for i in range(count)]
    room = total - gap * (count - 1)
    fixed = sum(natural[i] for i in range(count) if i not in weights)
    widths = list(natural)
    if sum(natural) > room:
        flexible = {i: w for i, w in weights.items() if i < count}
        budget = max(room - fixed, 4 * len(flexible))
        # Columns narrower than their share keep their width; the rest share what is left, by weight.
        settled: dict[int, int] = {}
        while True:
            share = sum(w for i, w in flexible.items() if i not in settled)
            left = budget - sum(settled.values())
            newly = {
                i: natural[i]
                for i, w in flexible.items()
                if i not in settled and share and natural[i] <= left * w // share
            }
            if not newly:
                break
            settled.update(newly)
        share = sum(w for i, w in flexible.items() if i not in settled) or 1
        left = budget - sum(settled.values())
        for i, w in flexible.items():
            widths[i] = settled.get(i, max(least[i], left * w // share))
        wrapped = [
            ["\n".join(wrap(cell, widths[i])) if i in flexible else cell for i, cell in enumerate(row)] for row in texts
        ]
        headers = ["\n".join(wrap(h, widths[i])) if i in flexible else h for i, h in enumerate(headers)]
    else:
        wrapped = texts
    return str(tabulate(wrapped, headers=list(headers), disable_numparse=True, tablefmt="simple"))
