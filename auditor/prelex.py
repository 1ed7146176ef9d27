"""The pre-lexer: classifies the cells of a read document into the tokens of ``grammars/report.lark``.

It knows the vocabulary (built from the grammar's own terminals, see :class:`Vocabulary`) and the layouts, not the
structure: which label may follow which is the grammar's business. Per block it emits

* a heading token (``OVERVIEW_HEADING`` …) for a section heading, with its numbering as written;
* a label token (``NEW_RECEIVED`` …) for every table label, also when the label is broken over several lines or
  cells, glued to its numbers (text flattened by web scraping) or spaced out (``结果维 持``); the cells that
  follow the label on the same table row travel in its payload (``LabelInfo.cells``);
* ``ROW``: a table row without a label (numbers on the line below their label, the fifteen numbers of 四);
* ``TEXT``: consecutive lines or paragraphs of prose (the payload lists them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lark import Token

from auditor.budget import check
from auditor.document import Block, Document, Location, RawCell
from auditor.normalize import classify_cell, keyed, label_key
from auditor.template import SECTION_BY_TERMINAL

# Heading numbering as written (SPEC §7 "numbering style").
_NUMBERING = re.compile(
    r"^\s*(?:"
    r"(?P<zh>[一二三四五六七八九十]{1,2})\s*[、.．]"
    r"|[（(]\s*(?P<zh_paren>[一二三四五六七八九十]{1,2})\s*[)）]"
    r"|(?P<arabic>\d{1,2})\s*[、.．]"
    r"|[（(]\s*(?P<arabic_paren>\d{1,2})\s*[)）]"
    r"|第(?P<part>[一二三四五六])部分\s*[、:：]?"
    r")\s*"
)
# Numbering styles that mark a sub-heading, not one of the six sections.
_SUB_HEADING_STYLES = frozenset({"zh_paren", "arabic_paren"})
_MAX_HEADING = 30  # characters of a heading without its numbering
_HEADING_ENDINGS = ("况", "项", "施")  # every section heading ends 情况, 事项 or 措施 (grammars/report.lark)
_MAX_CELL_TEXT = 12  # a longer non-label text in a table row is prose, not a cell
_SENTENCE = re.compile(r"[。；;！!？?]")
_INLINE_MIN = 60  # a section heading is searched inside lines at least this long (flattened text)
# The label is bounded (the longest label as written is far shorter): unbounded, a long line of numbers and spaces
# is tried once per space, each time to its end (quadratic).
_LABEL_THEN_NUMBERS = re.compile(r"^(?P<label>\S.{0,200}?)\s+(?P<numbers>[-+−－\d０-９.,/\s]*[\d０-９-])\s*$")
_NUMBERS_ONLY = re.compile(r"[-+−－\d０-９.,/\s]*")  # what follows the bounded label: checked once, in linear time
_LONG = 160  # a line longer than this is prose or flattened text: no label, heading or number by itself
_TABLE_SECTIONS = frozenset({"二", "三", "四"})


class Tok(Token):
    """A lark token with the pre-lexer's payload (cells, position, label details)."""

    __slots__ = ("payload",)
    payload: Any


@dataclass(slots=True)
class LabelInfo:
    terminal: str
    as_written: str
    loc: Location
    alias: str | None = None  # the alias kind if not matched by the official wording: "alias" | "unnumbered"
    cells: list[RawCell] | None = None  # the cells after the label on the same row


@dataclass(slots=True)
class HeadingInfo:
    terminal: str
    as_written: str
    loc: Location
    numbering: str  # "zh" | "arabic" | "part" | "none"
    number: str | None  # the numeral as written ("三", "3"), if any


class Vocabulary:
    """Everything the pre-lexer matches, built once from the grammar's terminals and ``grammars/aliases.json``."""

    def __init__(self, terminals: dict[str, tuple[str, str]], aliases: dict[str, list[str]]) -> None:
        """``terminals``: name → (pattern type "str" | "re", pattern) as in the grammar."""
        self.official: dict[str, str] = {}
        self.exact: dict[str, tuple[str, str | None]] = {}
        heading_patterns: list[tuple[str, str]] = []
        for name, (kind, value) in terminals.items():
            if kind == "re":
                if name.endswith("_HEADING"):
                    heading_patterns.append((name, value))
                continue
            self.official[name] = value
            self.exact[label_key(value)] = (name, None)
        for name, wordings in aliases.items():
            if name.startswith("$"):
                continue
            for wording in wordings:
                self.exact.setdefault(label_key(wording), (name, "alias"))
        # Row labels written without their number ("属于国家秘密") where that is unambiguous.
        unnumbered: dict[str, list[str]] = {}
        for key, (name, _alias) in list(self.exact.items()):
            stripped = re.sub(r"^(?:\d{1,2}\.|\([一二三四五六七]\)|[一二三四]、)", "", key)
            if stripped != key and len(stripped) >= 4:
                unnumbered.setdefault(stripped, []).append(name)
        for key, names in unnumbered.items():
            if len(set(names)) == 1 and key not in self.exact:
                self.exact[key] = (names[0], "unnumbered")
        self.prefixes: frozenset[str] = frozenset(key[:i] for key in self.exact for i in range(1, len(key)))
        # What a label or a value can begin with, as written (before normalisation): a cheap test that lets prose
        # through without normalising it.
        self.first_chars = frozenset(_written_forms({key[0] for key in self.exact})) | _VALUE_FIRST
        self.completions: dict[str, list[str]] = {}  # label prefix → the labels that start with it
        for key in self.exact:
            for i in range(1, len(key)):
                self.completions.setdefault(key[:i], []).append(key)
        self.headings = [(name, re.compile(value)) for name, value in heading_patterns]
        alternation = "|".join(re.escape(k) for k in sorted(self.exact, key=len, reverse=True))
        self.embedded = re.compile(alternation)
        self._quick: dict[str, tuple[str, str | None] | bool] = {}
        numbered = "|".join(f"(?P<{name}>{value})" for name, value in heading_patterns)
        self.inline_heading = re.compile(r"(?P<num>[一二三四五六])、\s*(?:" + numbered + ")")

    def quick(self, text: str) -> tuple[str, str | None] | bool:
        """The cheap, cached part of classifying a cell: True for a value (number, dash, blank); ``(terminal,
        alias)`` for a label; False for anything that needs a closer look."""
        hit = self._quick.get(text)
        if hit is None:
            if not text:
                hit = True
            elif text[0] not in self.first_chars:
                hit = False
            elif classify_cell(text)[0] != "text":
                hit = True
            else:
                hit = self.exact.get(label_key(text)) or False
            if len(self._quick) < 65536:
                self._quick[text] = hit
        return hit

    def heading(self, text: str) -> tuple[str, str, str | None] | None:
        """Return ``(terminal, numbering, number)`` if the whole text is a section heading."""
        if len(text) > _MAX_HEADING + 12:  # numbering, spaces and punctuation included
            return None
        if not any(ending in text for ending in _HEADING_ENDINGS):
            return None
        match = _NUMBERING.match(text)
        numbering, number = "none", None
        rest = text
        if match:
            for style in ("zh", "zh_paren", "arabic", "arabic_paren", "part"):
                if match[style]:
                    numbering, number = style, match[style]
                    break
            rest = text[match.end() :]
        key = label_key(rest).rstrip(":。.;；,，")
        if not key or len(key) > _MAX_HEADING or numbering in _SUB_HEADING_STYLES:
            return None
        for name, pattern in self.headings:
            if pattern.fullmatch(key):
                return name, numbering, number
        return None


class PreLexer:
    """Turns a :class:`Document` into the token list the grammar parses."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocab = vocabulary

    def tokens(self, doc: Document) -> list[Tok]:
        run = _Run(self.vocab)
        blocks = doc.blocks
        i = 0
        while i < len(blocks):
            check("parse")
            block = blocks[i]
            if block.kind == "line":
                i = run.line(blocks, i)
            else:
                run.row(block)
                i += 1
        return run.out


_Piece = tuple  # ("L", LabelInfo) | ("H", HeadingInfo) | ("V", RawCell) | ("T", RawCell)


class _Run:
    """The state of one pre-lexing pass: the tokens so far and whether we are inside the tables."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab
        self.out: list[Tok] = []
        self.in_tables = False

    # ── blocks ──────────────────────────────────────────────────────────────────────────────────────────
    def row(self, block: Block) -> None:
        pieces: list[_Piece] = []
        cells = block.cells
        quick = self.vocab.quick
        j = 0
        while j < len(cells):
            cell = cells[j]
            hit = quick(cell.text)
            if hit is True:
                pieces.append(("V", cell))
                j += 1
                continue
            joined = self._join_cells(cells, j)
            if joined is not None:
                info, j = joined
                pieces.append(("L", info))
                continue
            if isinstance(hit, tuple):
                pieces.append(("L", LabelInfo(hit[0], cell.text, cell.loc, hit[1])))
            else:
                pieces.extend(self._classify(cell, in_row=True))
            j += 1
        self._emit(pieces, block_is_row=True)

    def line(self, blocks: list[Block], i: int) -> int:
        cell = blocks[i].cells[0]
        if len(cell.text) > _LONG:  # prose: neither a label nor the start of one
            self._emit(self._classify(cell, in_row=False), block_is_row=False)
            return i + 1
        key = label_key(cell.text)
        if key in self.vocab.prefixes:
            joined = self._join_lines(blocks, i, complete=key in self.vocab.exact)
            if joined is not None:
                pieces, i = joined
                self._emit(pieces, block_is_row=False)
                return i
        self._emit(self._classify(cell, in_row=False), block_is_row=False)
        return i + 1

    # ── classification ──────────────────────────────────────────────────────────────────────────────────
    def _classify(self, cell: RawCell, in_row: bool) -> list[_Piece]:
        text = cell.text
        if not text:
            return [("V", cell)]
        if len(text) <= _LONG:
            hit = self.vocab.quick(text)
            if hit is True:
                return [("V", cell)]
            if isinstance(hit, tuple):
                return [("L", LabelInfo(hit[0], text, cell.loc, hit[1]))]
            heading = self.vocab.heading(text)
            if heading is not None:
                return [("H", HeadingInfo(heading[0], text, cell.loc, heading[1], heading[2]))]
            values = _numbers_only(cell)
            if values is not None:
                return [("V", value) for value in values]
        if len(text) >= _INLINE_MIN or _NUMBERING.match(text):
            split = self._inline_headings(cell)
            if split is not None:
                return split
        if self.in_tables:
            found = self._label_then_numbers(cell) or self._embedded(cell)
            if found is not None:
                return found
        if in_row and len(text) <= _MAX_CELL_TEXT and not _SENTENCE.search(text):
            return [("V", cell)]
        return [("T", cell)]

    def _inline_headings(self, cell: RawCell) -> list[_Piece] | None:
        text = cell.text
        matches = [m for m in self.vocab.inline_heading.finditer(text) if m.start() == 0 or len(text) >= _INLINE_MIN]
        if not matches:
            return None
        pieces: list[_Piece] = []
        position = 0
        for match in matches:
            before = text[position : match.start()].strip()
            if before:
                pieces.extend(self._classify(_sub(cell, position, match.start()), in_row=False))
            name = next(g for g, v in match.groupdict().items() if v and g != "num" and g.endswith("_HEADING"))
            pieces.append(("H", HeadingInfo(name, match.group(0), _shift(cell.loc, match.start()), "zh", match["num"])))
            self._track_heading(name)
            position = match.end()
        rest = text[position:].strip()
        if rest:
            pieces.extend(self._classify(_sub(cell, position, len(text)), in_row=False))
        return pieces

    def _label_then_numbers(self, cell: RawCell) -> list[_Piece] | None:
        """The common line of a PDF table: a whole label, spaces, numbers ("行政许可 447228")."""
        if len(cell.text) > 256 and _NUMBERS_ONLY.fullmatch(cell.text, 256) is None:
            return None  # beyond the longest label there is more than numbers: no match (and no quadratic search)
        match = _LABEL_THEN_NUMBERS.match(cell.text)
        if match is None:
            return None
        label = match["label"]
        hit = self.vocab.quick(label)
        if not isinstance(hit, tuple):
            return None
        pieces: list[_Piece] = [("L", LabelInfo(hit[0], label, cell.loc, hit[1]))]
        residue = self._residue(cell, match.start("numbers"), len(cell.text))
        if residue is None:
            return None
        return pieces + residue

    def _embedded(self, cell: RawCell) -> list[_Piece] | None:
        """Find labels inside a cell (flattened web text, PDF lines); accept if what is left is numbers."""
        text = cell.text
        key, index = keyed(text)
        matches = list(self.vocab.embedded.finditer(key))
        if not matches:
            return None
        pieces: list[_Piece] = []
        position = 0
        for match in matches:
            start, end = index[match.start()], index[match.end() - 1] + 1
            residue = self._residue(cell, position, start)
            if residue is None:
                return None
            pieces.extend(residue)
            terminal, alias = self.vocab.exact[match.group(0)]
            pieces.append(("L", LabelInfo(terminal, text[start:end], _shift(cell.loc, start), alias)))
            position = end
        residue = self._residue(cell, position, len(text))
        if residue is None:
            return None
        pieces.extend(residue)
        return pieces

    def _residue(self, cell: RawCell, start: int, end: int) -> list[_Piece] | None:
        """Split what lies between labels into value cells; ``None`` if it is prose."""
        part = cell.text[start:end]
        if not part.strip():
            return []
        out: list[_Piece] = []
        for match in re.finditer(r"\S+", part):
            piece = RawCell(match.group(0), _shift(cell.loc, start + match.start()))
            word = piece.text
            if classify_cell(word)[0] != "text" or (len(word) <= _MAX_CELL_TEXT and not _SENTENCE.search(word)):
                out.append(("V", piece))
            else:
                return None
        return out

    # ── labels broken over cells or lines ───────────────────────────────────────────────────────────────
    def _join_cells(self, cells: list[RawCell], j: int) -> tuple[LabelInfo, int] | None:
        """Join consecutive cells of one row that together form a label ("商业" + "企业")."""
        key = label_key(cells[j].text)
        if not key or key not in self.vocab.prefixes:
            return None
        best = None
        for k in range(j + 1, min(j + 8, len(cells))):
            key += label_key(cells[k].text)
            if key in self.vocab.exact:
                best = k
            if key not in self.vocab.prefixes:
                break
        if best is None:
            return None
        text = "\n".join(c.text for c in cells[j : best + 1])
        terminal, alias = self.vocab.exact[label_key(text)]
        return LabelInfo(terminal, text, cells[j].loc, alias), best + 1

    def _join_lines(self, blocks: list[Block], i: int, complete: bool) -> tuple[list[_Piece], int] | None:
        """Join a label wrapped over several lines; the last line may go on with the label's numbers.

        ``complete``: the first line is a label by itself ("其他"); join only if the next line finishes a longer
        label and holds nothing else but numbers ("对外管理服务事项 16 11 39").
        """
        first = blocks[i].cells[0]
        key = label_key(first.text)
        parts = [first.text]
        for k in range(i + 1, min(i + 16, len(blocks))):
            if blocks[k].kind != "line":
                return None
            nxt = blocks[k].cells[0]
            next_key = label_key(nxt.text)
            if key + next_key in self.vocab.exact and not complete:
                text = "\n".join([*parts, nxt.text])
                terminal, alias = self.vocab.exact[key + next_key]
                return [("L", LabelInfo(terminal, text, first.loc, alias))], k + 1
            completion = self._completion(key, nxt)
            if completion is not None:
                terminal, split = completion
                text = "\n".join([*parts, nxt.text[:split]])
                pieces: list[_Piece] = [
                    ("L", LabelInfo(terminal, text, first.loc, self.vocab.exact[label_key(text)][1]))
                ]
                rest = _sub(nxt, split, len(nxt.text))
                if rest.text:
                    tail = self._classify(rest, in_row=False)
                    if complete and any(kind != "V" for kind, _ in tail):
                        return None
                    pieces.extend(tail)
                elif complete:
                    return None
                return pieces, k + 1
            if complete or key + next_key not in self.vocab.prefixes:
                return None
            key += next_key
            parts.append(nxt.text)
        return None

    def _completion(self, key: str, cell: RawCell) -> tuple[str, int] | None:
        """If ``cell`` starts with the rest of a label that begins with ``key``, return (terminal, split index)."""
        next_key, index = keyed(cell.text)
        best: tuple[str, int] | None = None
        best_length = 0
        for label in self.vocab.completions.get(key, ()):
            terminal = self.vocab.exact[label][0]
            if len(label) > len(key):
                rest = label[len(key) :]
                if next_key.startswith(rest) and len(rest) > best_length and len(rest) < len(next_key):
                    best, best_length = (terminal, index[len(rest) - 1] + 1), len(rest)
        return best

    # ── emitting tokens ─────────────────────────────────────────────────────────────────────────────────
    def _emit(self, pieces: list[_Piece], block_is_row: bool) -> None:
        values: list[RawCell] = []
        label: LabelInfo | None = None  # the label the values belong to

        def flush() -> None:
            nonlocal values
            if values:
                if label is not None:
                    label.cells = values
                elif any(v.text for v in values) or (block_is_row and len(values) > 1):
                    self._token("ROW", values, values[0].loc)
            values = []

        for kind, item in pieces:
            if kind == "V":
                values.append(item)
                continue
            if kind == "L":
                if label is None and values and not any(v.text for v in values):
                    values = []  # blank cells before a row's label are merged-cell placeholders
                flush()
                self._token(item.terminal, item, item.loc, item.as_written)
                label = item
                self.in_tables = True
            elif kind == "H":
                flush()
                self._token(item.terminal, item, item.loc, item.as_written)
                self._track_heading(item.terminal)
                label = None
            else:  # "T": consecutive lines of prose travel as one TEXT token
                flush()
                last = self.out[-1] if self.out else None
                if last is not None and last.type == "TEXT":
                    last.payload.append(item)
                else:
                    self._token("TEXT", [item], item.loc, item.text)
                label = None
        flush()

    def _track_heading(self, terminal: str) -> None:
        section = SECTION_BY_TERMINAL.get(terminal)
        self.in_tables = section is not None and section.id in _TABLE_SECTIONS

    def _token(self, kind: str, payload: object, loc: Location, value: str = "") -> None:
        self.out.append(make_token(kind, value, loc, payload))


def make_token(kind: str, value: str, loc: Location, payload: object) -> Tok:
    """A token without lark's general-purpose constructor (the parser reads ``type``; we read the rest)."""
    token = str.__new__(Tok, value)
    token.type = kind
    token.value = value
    token.start_pos = token.end_line = token.end_column = token.end_pos = None
    token.line = loc.line
    token.column = loc.column
    token.payload = payload
    return token


def _numbers_only(cell: RawCell) -> list[RawCell] | None:
    """Split a line made only of numbers ("0 1 1 0 2 …") into value cells; ``None`` otherwise."""
    if cell.text[0] not in _VALUE_FIRST:
        return None
    words = list(re.finditer(r"\S+", cell.text))
    if len(words) < 2:
        return None
    out = []
    for match in words:
        word = match.group(0)
        if classify_cell(word)[0] == "text":
            return None
        out.append(RawCell(word, _shift(cell.loc, match.start())))
    return out


# What a number, a dash or a blank can begin with (see auditor.normalize: DASHES, parse_number).
_VALUE_FIRST = frozenset("0123456789０１２３４５６７８９+-−－—–/\\无×xX")


def _written_forms(chars: set[str]) -> set[str]:
    """The characters as they may be written: half-width ones also in their full-width forms."""
    out = set(chars)
    for ch in chars:
        if "!" <= ch <= "~":
            out.add(chr(ord(ch) + 0xFEE0))
    out.update({"“", "”", "〈", "《"})
    return out


def _shift(loc: Location, offset: int) -> Location:
    return Location(loc.line, loc.column + offset, loc.page, loc.ref)


def _sub(cell: RawCell, start: int, end: int) -> RawCell:
    part = cell.text[start:end]
    stripped = part.strip()
    lead = part.index(stripped[0]) if stripped else 0
    return RawCell(stripped, _shift(cell.loc, start + lead))
