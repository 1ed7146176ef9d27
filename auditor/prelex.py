"""The pre-lexer: classifies the cells of a read document into the tokens of ``grammars/report.lark``.

It knows the vocabulary (built from the grammar's own terminals, see :class:`Vocabulary`) and the layouts, not the
structure: which label may follow which is the grammar's business. Per block it emits

* a heading token (``OVERVIEW_HEADING`` …) for a section heading, with its numbering as written (also when the
  numeral was lost, 「、主动公开政府信息情况」, or the heading is broken over two lines or HTML elements);
* a label token (``NEW_RECEIVED`` …) for every table label, also when the label is broken over several lines or
  cells, glued to its numbers (text flattened by web scraping) or spaced out (``结果维 持``); the cells that
  follow the label on the same table row travel in its payload (``LabelInfo.cells``). A misspelt, damaged or
  cut-short row label is matched by edit distance (``LabelInfo.alias`` "typo" / "truncated"); a label that could
  not be paired with its figures says why (``LabelInfo.unread``: "figures_apart", "split_label");
* ``ROW``: a table row without a label (numbers on the line below their label, the fifteen numbers of 四; figures
  one per line make one row);
* ``TEXT``: consecutive lines or paragraphs of prose (the payload lists them); words in a table row that cannot be
  a row's cells (header rows, fragments of labels) are prose too.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from auditor.budget import check
from auditor.document import Block, Document, Location, RawCell, any_text, shifted
from auditor.lazy import lazy_pattern
from auditor.normalize import FUZZY_MIN_COLUMN, FuzzyLabels, classify_cell, keyed, label_key
from auditor.patterns import compiled
from auditor.template import (
    APPLICANT_HEADER_TERMINALS,
    COLUMN_TERMINALS,
    GROUP_BY_TERMINAL,
    ROW_BY_TERMINAL,
    SECTION_BY_TERMINAL,
    TABLE_BY_CAPTION,
    TABLES,
)

# Heading numbering as written (SPEC §7 "numbering style").
_NUMBERING = compiled(
    r"^\s*(?:"
    r"(?P<zh>[一二三四五六七八九十]{1,2}|[—－])\s*[、.．]"  # 「—、」: a dash typed for 一, the numeral it looks like
    r"|[（(]\s*(?P<zh_paren>[一二三四五六七八九十]{1,2})\s*[)）]"
    r"|(?P<arabic>\d{1,2})\s*[、.．]"
    r"|[（(]\s*(?P<arabic_paren>\d{1,2})\s*[)）]"
    r"|第(?P<part>[一二三四五六])部分\s*[、:：]?"
    r")\s*"
)
# What is left of a numbering whose numeral was lost (Word's automatic numbering on export): "、主动公开…".
_LOST_NUMERAL = compiled(r"^\s*[、.．]\s*")
# A part's numeral without its 、 (「一总体情况」): the part is numbered, the comma was dropped. Only a heading's own
# words may follow (see Vocabulary._heading), so 「一是…」 or 「二〇二〇年」 are no headings.
_BARE_NUMERAL = compiled(r"^\s*(?P<zh>[一二三四五六])\s*")
# Numbering styles that mark a sub-heading, not one of the six sections.
_SUB_HEADING_STYLES = frozenset({"zh_paren", "arabic_paren"})
_MAX_HEADING = 30  # characters of a heading without its numbering
# Every section heading ends 情况, 事项, 措施 or (五, 「…问题及明年工作计划」) 计划 (grammars/report.lark).
_HEADING_ENDINGS = ("况", "项", "施", "划")
_MAX_CELL_TEXT = 12  # a longer non-label text in a table row is prose, not a cell
_SENTENCE = compiled(r"[。；;！!？?]")
# Sentence ends directly followed by a label that are tried as the end of the prose before a flattened table (see
# _Run._embedded); those followed by more prose are passed over, however many (a part's long account before its
# tables, 「…（五）及时回应社会关切。…处置率达100%。第二十条第（一）项…」).
_MAX_SENTENCES = 12
_SENTENCE_ENDS = frozenset("。；;！!？?")  # the characters of _SENTENCE
# What may stand between two column headers as a damaged third: Chinese words, no figure, no sentence's end.
_HEADER_WORDS = compiled(r"[\u4e00-\u9fff/／（）()\s]+")
# Figures, then a paragraph numbered 「（二）」 glued to them: see _Run._figures_then_prose.
_FIGURE_RUN = r"[-+−－]?[\d０-９][\d０-９.,]*"
# Or a paragraph that opens with a year or with prose, the figures glued to it (「行政事业性收费02025年，我局…」,
# 「四、结转下年度继续办理20000022025年，我局共收到…」, 「…总计10000100000000000我局严格…」).
_FIGURES_THEN_PARAGRAPH = compiled(
    rf"\s*(?P<figures>{_FIGURE_RUN}(?:\s+{_FIGURE_RUN})*)\s*"
    r"(?:[（(][一二三四五六七八九十]{1,2}[)）]|(?=(?:19|20)\d\d\s*年)|(?=[\u4e00-\u9fff])(?!年))"
)
_INLINE_MIN = 60  # a section heading is searched inside lines at least this long (flattened text)
# The label is bounded (the longest label as written is far shorter): unbounded, a long line of numbers and spaces
# is tried once per space, each time to its end (quadratic).
_LABEL_THEN_NUMBERS = lazy_pattern(r"^(?P<label>\S.{0,200}?)\s+(?P<numbers>[-+−－\d０-９.,/\s]*[\d０-９-])\s*$")
_NUMBERS_ONLY = lazy_pattern(r"[-+−－\d０-９.,/\s]*")  # what follows the bounded label: checked once, in linear time
_LONG = 160  # a line longer than this is prose or flattened text: no label, heading or number by itself
_MAX_FUZZY = 70  # a damaged label is looked for in texts up to this long
_SPLIT_HEADING = 20  # a line this short may be the first part of a heading broken over two lines
# The first part of section 五 under its own sub-heading: 「（一）主要问题」, 「（一）2024年工作中存在问题的改进情况」.
_PROBLEMS_PART = lazy_pattern(r"^\s*[（(]\s*[一1]\s*[)）][^。；;]{0,30}(?:问题|改进)[^。；;]{0,12}$")
_HEADING_LAST = frozenset("况项施划:：。.;；,，")  # what the second part of such a heading ends with
_BARE_NUMBER = compiled(r"[一二三四五六]\s*[、.．]?")  # a section's numeral on a line of its own
# A sub-row's number after a short fragment of other text without figures ("（四）无2.没有…").
_GLUED_NUMBER = lazy_pattern(r"^[^\d０-９]{1,6}?(?P<number>[1-8１-８][.．、][\u4e00-\u9fff])")
_TABLE_SECTIONS = frozenset({"二", "三", "四"})
# A label, then a note in brackets on what the row counts (no bracket inside either): see _Run._annotated.
_ANNOTATED = compiled(r"^(?P<label>[^（）()]{2,24})[（(](?P<note>[^（）()]{4,300})[）)]$")


class Tok:
    """A token of the grammar with the pre-lexer's payload: a :class:`LabelInfo`, a :class:`HeadingInfo`, or the cells
    of a ``TEXT`` or ``ROW``.

    Not a lark ``Token`` (a string with eight slots, about three times as dear to make and free): lark's LALR engine
    reads a token's ``type`` only, and of the last token the position it gives its end marker (``start_pos`` …,
    none here). What a lark token would also hold — its text, line and column — is read from the payload when asked
    for (parse errors, tests). Made by :func:`make_token`."""

    __slots__ = ("payload", "type")
    type: str
    payload: Any
    start_pos = end_line = end_column = end_pos = None

    @property
    def value(self) -> str:
        """The token's text as written: the label or heading, a TEXT's first line, nothing for a ROW."""
        payload = self.payload
        if isinstance(payload, list):
            return payload[0].text if self.type == "TEXT" else ""
        return str(payload.as_written)

    @property
    def loc(self) -> Location:
        payload = self.payload
        return payload[0].loc if isinstance(payload, list) else payload.loc  # type: ignore[no-any-return]

    @property
    def line(self) -> int:
        return self.loc.line

    @property
    def column(self) -> int:
        return self.loc.column

    def __str__(self) -> str:
        return self.value

    def __repr__(self) -> str:
        return f"Tok({self.type!r}, {self.value!r})"


@dataclass(slots=True)
class LabelInfo:
    terminal: str
    as_written: str
    loc: Location
    # How the label was matched if not by the official wording: "alias" (a wording in aliases.json), "annotated"
    # (the official wording and a bracketed note), "unnumbered"
    # (the number left out), "typo" (misspelt or damaged: within an edit distance), "truncated" (its beginning).
    alias: str | None = None
    cells: list[RawCell] | None = None  # the cells after the label on the same row
    unread: str | None = None  # why the row of this label could not be read (a reason code), if it could not


@dataclass(slots=True)
class HeadingInfo:
    terminal: str
    as_written: str
    loc: Location
    numbering: str  # "zh" | "arabic" | "part" | "none"
    number: str | None  # the numeral as written ("三", "3"), if any


class Vocabulary:
    """Everything the pre-lexer matches, built once from the grammar's terminals and ``grammars/aliases.json``."""

    def __init__(self, terminals: dict[str, tuple[str, str]], aliases: dict[str, list[str] | str]) -> None:
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
        self.first_chars = frozenset(_written_forms({key[0] for key in self.exact})) | _VALUE_FIRST | {"l", "I"}
        self.completions: dict[str, list[str]] = {}  # label prefix → the labels that start with it
        for key in self.exact:
            for i in range(1, len(key)):
                self.completions.setdefault(key[:i], []).append(key)
        self.headings = [(name, compiled(value)) for name, value in heading_patterns]
        # Damaged labels are matched against the labels of rows, row groups and table captions only: a damaged
        # column header or note is left as text (its figures do not depend on it).
        fuzzy_terminals = set(ROW_BY_TERMINAL) | set(GROUP_BY_TERMINAL) | set(TABLE_BY_CAPTION)
        self.fuzzy = FuzzyLabels(
            key for key, (name, alias) in self.exact.items() if name in fuzzy_terminals and alias != "unnumbered"
        )
        # A damaged column header is still left as text, but it does not make the labels around it part of a word
        # (「本年制发件数本年废纸件数现行有效件数」 or 「…本年废止件现行有效件数」, flattened: see _glued_to_word). It is
        # looked for only right after another column header, so a shorter one is still a header's.
        self.fuzzy_columns = FuzzyLabels(
            (key for key, (name, _alias) in self.exact.items() if name in COLUMN_TERMINALS), FUZZY_MIN_COLUMN
        )
        self._fuzzy_cache: dict[str, list[tuple[str, str]]] = {}
        self._heading_cache: dict[str, tuple[str, str, str | None] | None] = {}
        self.embedded = compiled(longest_first(self.exact))
        self.known: dict[str, tuple[str, str | None] | bool] = {}  # text → what quick() said of it
        # The texts a table row is read from without a closer look: True for a value, ``(terminal, alias)`` for a
        # label that begins no longer label (no cells to join) and that _emit has no second look at.
        self.plain: dict[str, tuple[str, str | None] | bool] = {}
        numbered = "|".join(f"(?P<{name}>{value})" for name, value in heading_patterns)
        # A part's numeral with its 、, or without it where a sentence ends before it (「…23156377）。一总体情况2020年…」):
        # the numeral first, what surrounds it after (a pattern that opens with a character class is searched fast).
        # 七: the last part numbered one on, after a part the report inserted (「二、政务公开工作主要任务落实情况」 …
        # 「七、其他需要报告的事项」), as on a line of its own (_NUMBERING).
        self.inline_heading = compiled(
            r"(?P<num>[一二三四五六七])(?:、|(?<![^。；;！？!?）)”」\s].))\s*(?:" + numbered + ")"
        )

    def quick(self, text: str) -> tuple[str, str | None] | bool:
        """The cheap, cached part of classifying a cell: True for a value (number, dash, blank); ``(terminal,
        alias)`` for a label; False for anything that needs a closer look."""
        hit = self.known.get(text)
        if hit is None:
            plain = True
            if not text:
                hit = True
            elif text[0] not in self.first_chars:
                hit = plain = False
            elif classify_cell(text)[0] != "text":
                hit = True
            else:
                key = label_key(text)
                label = self.exact.get(key)
                hit = label or False
                plain = label is not None and key not in self.prefixes and label[0] not in _SPECIAL_LABELS
            if len(self.known) < 65536:
                self.known[text] = hit
                if plain:
                    self.plain[text] = hit
        return hit

    def near(self, text: str) -> list[tuple[str, str]]:
        """``(terminal, kind)`` of the row labels a damaged label may stand for (see :class:`FuzzyLabels`), best
        first; several when they are equally near. Cached."""
        found = self._fuzzy_cache.get(text)
        if found is None:
            found = []
            for match in self.fuzzy.matches(label_key(text).rstrip(":：。.;；,，")):
                terminal = self.exact[match.key][0]
                if all(terminal != seen for seen, _kind in found):
                    found.append((terminal, match.kind))
            if len(self._fuzzy_cache) < 65536:
                self._fuzzy_cache[text] = found
        return found

    def heading(self, text: str) -> tuple[str, str, str | None] | None:
        """Return ``(terminal, numbering, number)`` if the whole text is a section heading. Cached: headings recur."""
        if len(text) > _MAX_HEADING + 12:  # numbering, spaces and punctuation included
            return None
        for ending in _HEADING_ENDINGS:  # a loop, not any(): most lines are no heading, and a generator costs more
            if ending in text:
                break
        else:
            return None
        if text in self._heading_cache:
            return self._heading_cache[text]
        found = self._heading(text)
        if len(self._heading_cache) < 65536:
            self._heading_cache[text] = found
        return found

    def _heading(self, text: str) -> tuple[str, str, str | None] | None:
        match = _NUMBERING.match(text) or _LOST_NUMERAL.match(text) or _BARE_NUMERAL.match(text)
        numbering, number = "none", None
        rest = text
        if match is not None and match.re is _BARE_NUMERAL:  # 「一总体情况」: the numeral without its 、
            numbering, number = "zh", match["zh"]
            rest = text[match.end() :]
        elif match:
            for style in ("zh", "zh_paren", "arabic", "arabic_paren", "part"):
                if match.re is _NUMBERING and match[style]:
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
            block = blocks[i]
            if block.kind == "line":
                check("parse")
                i = run.line(blocks, i)
            else:
                run.row(block, header=block.kind == "header")
                i += 1
        tokens = _page_links_before_the_title(run.out)
        if "ACTIVE_DISCLOSURE_HEADING" in run.headings:
            tokens = _reunite_tables(tokens)
        if "REVIEW_LITIGATION_HEADING" in run.headings and "PROBLEMS_HEADING" not in run.headings:
            tokens = _problems_without_heading(tokens)
        if run.applicant_headers > 1:
            tokens = _without_repeated_header(tokens)
        _mark_shifted(tokens)
        return tokens


_new = object.__new__

# ("L", LabelInfo) | ("H", HeadingInfo) | ("V", RawCell) a value | ("W", RawCell) a word that is a value only beside a
# row label (see _words_are_not_values) | ("T", RawCell) prose
_Piece = tuple


class _Run:
    """The state of one pre-lexing pass: the tokens so far and whether we are inside the tables."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab
        self.out: list[Tok] = []
        self.in_tables = False
        self.seen: set[str] = set()  # the label terminals of the current section so far
        self.regulations_variant: str | None = None  # the format of the column headers of table 2-A as read
        self.open_row: Tok | None = None  # a ROW of figures on lines of their own, which the next such line extends
        self.words = False  # a word that may or may not be a value ("W") was classified since the last emission
        self.last: str | None = None  # the last row label of the current section
        self.headings: set[str] = set()  # the terminals of the section headings emitted
        self.applicant_headers = 0  # the 自然人 column headers emitted: more than one, the header was repeated

    # ── blocks ──────────────────────────────────────────────────────────────────────────────────────────
    def row(self, block: Block, header: bool = False) -> None:
        """A table row. ``header``: a header row (above a Markdown table rule): labels and text, never values."""
        cells = block.cells
        if not header and not self.words:
            plain = self.vocab.plain
            hits = [plain.get(cell.text) for cell in cells]
            if None not in hits:  # values and labels only, each known: no piece needs a closer look
                self._plain_row(cells, hits)
                return
        check("parse")  # a row of known cells takes a few lookups a cell; others may take a closer look each
        pieces: list[_Piece] = []
        quick = self.vocab.quick
        known = self.vocab.known  # most cells were classified before (a figure, a label): no call needed
        j = 0
        while j < len(cells):
            cell = cells[j]
            hit = known.get(cell.text)
            if hit is None:
                hit = quick(cell.text)
            if hit is True:
                if not header:
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
                pieces.extend(self._classify(cell, in_row=not header))
            j += 1
        self._emit(pieces, block_is_row=True)

    def _plain_row(self, cells: list[RawCell], hits: list[tuple[str, str | None] | bool | None]) -> None:
        """What ``_emit`` makes of a row of values and plain labels (see ``Vocabulary.plain``), each label taking the
        values up to the next: the values as slices of the row, not one piece a cell."""
        found = hits.count(True)
        if found == len(hits):
            self._flush(None, cells[:], True)
            return
        if found == len(hits) - 1 and hits[0] is not True:  # the commonest row: its label, then its values
            labels = [0]
        else:
            labels = [k for k, hit in enumerate(hits) if hit is not True]
        first = labels[0]
        if first and any_text(cells[:first]):  # figures before the first label (blank cells there are placeholders)
            self._flush(None, cells[:first], True)
        labels.append(len(cells))
        out = self.out
        for k, end in itertools.pairwise(labels):
            hit, cell = hits[k], cells[k]
            assert isinstance(hit, tuple)
            # The values up to the next label are this label's cells (a plain label is never "truncated": see _flush).
            # LabelInfo(terminal, as_written, loc, alias, cells), its slots set here, not by __init__ called from C
            # (see transform._cell): the commonest label of all
            item = _new(LabelInfo)
            item.terminal = hit[0]
            item.as_written = cell.text
            item.loc = cell.loc
            item.alias = hit[1]
            item.cells = cells[k + 1 : end] or None
            item.unread = None
            token = Tok()  # make_token's body: a call a label cost more than the token
            token.type, token.payload = hit[0], item
            out.append(token)
            self._note_label(hit[0])

    def line(self, blocks: list[Block], i: int) -> int:
        cell = blocks[i].cells[0]
        if not cell.text:  # a blank cell on a line of its own (the text reader's _blank_cell_lines)
            self._emit([("V", cell)], block_is_row=False)
            return i + 1
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
        if cell.text[-1] not in _VALUE_LAST and i + 1 < len(blocks) and blocks[i + 1].kind == "line":
            piece = self._two_lines(cell, blocks[i + 1].cells[0])
            if piece is not None:
                self._emit([piece], block_is_row=False)
                return i + 2
        self._emit(self._classify(cell, in_row=False), block_is_row=False)
        return i + 1

    def _two_lines(self, first: RawCell, second: RawCell) -> _Piece | None:
        """A heading or a misspelt label broken over two lines, as one piece (``first`` does not end in a figure)."""
        last = second.text[-1:]
        if last in _VALUE_LAST or len(second.text) > _SPLIT_HEADING + 30:
            return None
        if last in _HEADING_LAST and len(first.text) <= _SPLIT_HEADING and self.vocab.quick(second.text) is False:
            heading = self._split_heading(first, second)
            if heading is not None:
                return ("H", heading)
        if self.in_tables and len(second.text) <= _SPLIT_HEADING:
            damaged = self._damaged_over_lines(first, second)
            if damaged is not None:
                return ("L", damaged)
        return None

    def _damaged_over_lines(self, first: RawCell, second: RawCell) -> LabelInfo | None:
        """A misspelt label wrapped over two lines ("2.其他法律行政止" + "公开"): neither line is a label or a
        figure by itself, together they are within the edit distance of one."""
        if (
            len(first.text) > _MAX_FUZZY
            or len(second.text) > _SPLIT_HEADING
            or first.text[-1:] in _VALUE_LAST
            or second.text[-1:] in _VALUE_LAST
        ):
            return None  # a line of figures (or a label with its figures) is not half a label
        quick = self.vocab.quick
        if quick(first.text) is not False or quick(second.text) is not False:
            return None
        damaged = self._damaged(RawCell(f"{first.text}\n{second.text}", first.loc))
        return damaged if damaged is not None and damaged.alias == "typo" else None

    def _split_heading(self, first: RawCell, second: RawCell) -> HeadingInfo | None:
        """A section heading broken over two lines or paragraphs (two HTML elements, a numeral on a line of its
        own: "二" + "、主动公开政府信息情况", "一、总体" + "情况")."""
        if len(second.text) > _MAX_HEADING + 12 or _SENTENCE.search(first.text) or self.vocab.heading(first.text):
            return None
        if self.vocab.heading(second.text) and not _BARE_NUMBER.fullmatch(first.text.strip()):
            return None  # the second line is a heading by itself: the first is something else
        text = first.text + second.text
        found = self.vocab.heading(text)
        if found is None:
            return None
        return HeadingInfo(found[0], f"{first.text}\n{second.text}", first.loc, found[1], found[2])

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
        if (self.in_tables or in_row) and (text[-1] == "）" or text[-1] == ")"):
            annotated = self._annotated(cell)
            if annotated is not None:
                return [("L", annotated)]
        if self.in_tables:
            found = self._label_then_numbers(cell)
            if found is not None:
                return found
        if (self.in_tables or in_row) and len(text) <= _MAX_FUZZY:
            damaged = self._damaged(cell)
            if damaged is not None:
                return [("L", damaged)]
            glued = self._after_fragment(cell)
            if glued is not None:
                return glued
        if self.in_tables:
            found = self._embedded(cell)
            if found is not None:
                return found
        if in_row and len(text) <= _MAX_CELL_TEXT and not _SENTENCE.search(text):
            self.words = True
            return [("W", cell)]
        return [("T", cell)]

    def _annotated(self, cell: RawCell) -> LabelInfo | None:
        """A row label or column header followed by a note on what it counts, in brackets — a province's version of
        the format: 「规章（设区的市、自治州人民政府应提供相关数据）」, 「本年增/减（指2020年增加或减少的事项数，减用负值
        表示，如-8）」. That row or column (alias ``annotated``: one TAB003 for all of them); the note's figures are no
        values."""
        match = _ANNOTATED.match(cell.text)
        if match is None:
            return None
        hit = self.vocab.quick(match["label"].strip())
        if not isinstance(hit, tuple) or (hit[0] not in ROW_BY_TERMINAL and hit[0] not in COLUMN_TERMINALS):
            return None
        return LabelInfo(hit[0], cell.text, cell.loc, "annotated")

    def _inline_headings(self, cell: RawCell) -> list[_Piece] | None:
        text = cell.text
        if not _numeral_comma(text):  # what every inline heading opens with, looked for far faster
            return None
        matches = [m for m in self.vocab.inline_heading.finditer(text) if m.start() == 0 or len(text) >= _INLINE_MIN]
        if len(matches) > 1:
            matches = _not_enumerated(text, matches)
        if not matches:
            return None
        pieces: list[_Piece] = []
        position = 0
        for match in matches:
            before = text[position : match.start()].strip()
            if before:
                pieces.extend(self._classify(_sub(cell, position, match.start()), in_row=False))
            name = next(g for g, v in match.groupdict().items() if v and g != "num" and g.endswith("_HEADING"))
            pieces.append(
                ("H", HeadingInfo(name, match.group(0), shifted(cell.loc, match.start()), "zh", match["num"]))
            )
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
        if isinstance(hit, tuple):
            info = LabelInfo(hit[0], label, cell.loc, hit[1])
        else:
            damaged = self._damaged(RawCell(label, cell.loc))
            if damaged is None:
                return None
            info = damaged
        pieces: list[_Piece] = [("L", info)]
        residue = self._residue(cell, match.start("numbers"), len(cell.text))
        if residue is None:
            return None
        return pieces + residue

    def _embedded(self, cell: RawCell) -> list[_Piece] | None:
        """Find labels inside a cell (flattened web text, PDF lines); accept if what is left is numbers. A table
        flattened onto the end of a paragraph (「…涵盖政策及规范性文件类6条。第二十条第（一）项信息内容…」): the
        sentences before it are text, the table is read from where they end."""
        text = cell.text
        key, index = keyed(text)
        matches = list(self.vocab.embedded.finditer(key))
        if not matches:
            return None  # no label in the cell: neither a table nor a table after sentences
        found = self._embedded_table(cell, index, matches)
        if found is not None:
            return found
        tried = 0
        for match in matches:
            end = index[match.start()]  # the label's start; the prose before it must end a sentence there
            while end > 0 and text[end - 1].isspace():
                end -= 1
            if end == 0 or text[end - 1] not in _SENTENCE_ENDS:
                continue  # the label does not follow a sentence's end: no table starts there
            tried += 1
            if tried > _MAX_SENTENCES:
                break
            found = self._embedded_table(_sub(cell, end, len(text)))
            if found is not None and found[0][0] == "L":
                return [("T", _sub(cell, 0, end)), *found]
        return None

    def _embedded_table(
        self, cell: RawCell, index: list[int] | None = None, matches: list[re.Match[str]] | None = None
    ) -> list[_Piece] | None:
        """The cell read as a flattened table from its start: labels, the figures between them. ``index`` and
        ``matches``: the cell's ``keyed`` index and the labels found in its key, when the caller has them."""
        text = cell.text
        if index is None or matches is None:
            key, index = keyed(text)
            matches = list(self.vocab.embedded.finditer(key))
        if not matches:
            return None
        pieces: list[_Piece] = []
        position = 0
        spans = [(index[m.start()], index[m.end() - 1] + 1) for m in matches]
        if any(closing in text for closing in _UNIT_NOTE_ENDS):  # a unit noted somewhere: which labels it follows
            spans = [_with_unit_note(text, start, end) for start, end in spans]
        headers = self._damaged_headers(text, spans, matches)
        for k, match in enumerate(matches):
            start, end = spans[k]
            # 「其他主动公开文件」: the official word begins a longer label of the report's own.
            # 「…0000000三三、本年度办理结果」: the label's numeral typed twice; the first is no figure of the row before.
            doubled = start > position and text[start - 1] == text[start] and "\u4e00" <= text[start] <= "\u9fff"
            residue = (
                None if _glued_to_word(text, spans, k, headers) else self._residue(cell, position, start - doubled)
            )
            if residue is None:
                # A paragraph after the table's last figures: what follows it is prose, not more of the table.
                tail = self._figures_then_prose(cell, position) if k else None
                return None if tail is None else [*pieces, *tail]
            pieces.extend(residue)
            terminal, alias = self.vocab.exact[match.group(0)]
            pieces.append(("L", LabelInfo(terminal, text[start:end], shifted(cell.loc, start), alias)))
            position = end
        residue = self._residue(cell, position, len(text))
        if residue is None:
            residue = self._figures_then_prose(cell, position)
            if residue is None:
                return None
        pieces.extend(residue)
        return pieces

    def _damaged_headers(self, text: str, spans: list[tuple[int, int]], matches: list[re.Match[str]]) -> set[int]:
        """The ``k`` whose label is followed, up to the next one, by a misspelt column header (「本年废纸件数」 between
        「本年制发件数」 and 「现行有效件数」); between two column headers, any short words without a figure or a
        sentence's end are one, however damaged (「本年新制作数量本公开数量对外公开总数量」)."""
        out = set()
        exact = self.vocab.exact
        for k in range(len(spans) - 1):
            gap = text[spans[k][1] : spans[k + 1][0]]
            if (
                0 < len(gap) <= _MAX_CELL_TEXT
                and exact[matches[k].group(0)][0] in COLUMN_TERMINALS
                and (
                    self.vocab.fuzzy_columns.matches(label_key(gap))
                    or (
                        exact[matches[k + 1].group(0)][0] in COLUMN_TERMINALS
                        and _HEADER_WORDS.fullmatch(gap) is not None
                    )
                )
            ):
                out.add(k)
        return out

    def _figures_then_prose(self, cell: RawCell, start: int) -> list[_Piece] | None:
        """The last row's figures, then a numbered paragraph of prose glued to them (flattened web text: 「行政事业性
        收费5949.09(二)主动公开政府信息的主要类别2023年，在主动公开的…」): the figures, and the paragraph as text."""
        match = _FIGURES_THEN_PARAGRAPH.match(cell.text, start)
        if match is None or not _SENTENCE.search(cell.text, match.end("figures")):
            return None
        figures = self._residue(cell, start, match.end("figures"))
        if figures is None:
            return None
        return [*figures, ("T", _sub(cell, match.end("figures"), len(cell.text)))]

    def _residue(self, cell: RawCell, start: int, end: int) -> list[_Piece] | None:
        """Split what lies between labels into value cells; ``None`` if it is prose."""
        part = cell.text[start:end]
        if not part.strip():
            return []
        out: list[_Piece] = []
        for match in _WORD.finditer(part):
            piece = RawCell(match.group(0), shifted(cell.loc, start + match.start()))
            word = piece.text
            kind = classify_cell(word)[0]
            if kind == "text" and (pair := _unit_between(piece)) is not None:
                out.extend(("V", half) for half in pair)
            elif kind != "text":
                out.append(("V", piece))
            elif len(word) <= _MAX_CELL_TEXT and not _SENTENCE.search(word):
                out.append(("W", piece))
                self.words = True
            else:
                return None
        return out

    def _damaged(self, cell: RawCell) -> LabelInfo | None:
        """A misspelt, truncated or damaged row label ("2.其他法律行政止公开"): the one row it may stand for that
        this section has not read yet; when several are equally near, the one the template expects next. Never a
        row whose label was already read (a damaged label does not take another row's place)."""
        candidates = [c for c in self.vocab.near(cell.text) if c[0] not in self.seen]
        if len(candidates) > 1:
            candidates = self._next_in_template(candidates)
        if len(candidates) != 1:
            return None
        terminal, kind = candidates[0]
        return LabelInfo(terminal, cell.text, cell.loc, kind)

    def _after_fragment(self, cell: RawCell) -> list[_Piece] | None:
        """A row label glued to a fragment of the group label beside it, as PDF extraction interleaves two
        columns line by line ("（四）无" + "2.没有现成信息需要另"): the fragment is text, the rest a label."""
        match = _GLUED_NUMBER.search(cell.text)
        if match is None:
            return None
        start = match.start("number")
        head, tail = _sub(cell, 0, start), _sub(cell, start, len(cell.text))
        hit = self.vocab.quick(tail.text)
        info = LabelInfo(hit[0], tail.text, tail.loc, hit[1]) if isinstance(hit, tuple) else self._damaged(tail)
        if info is None:
            return None
        return [("T", head), ("L", info)]

    def _next_in_template(self, candidates: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """Of several equally near labels, those of the row the template puts next after the last row read."""
        if self.last is None or self.last not in _ORDER:
            return []
        table, index = _ORDER[self.last]
        ahead = [
            (place[1], c) for c in candidates if (place := _ORDER.get(c[0])) and place[0] == table and place[1] > index
        ]
        if not ahead:
            return []
        nearest = min(position for position, _c in ahead)
        return [c for position, c in ahead if position == nearest]

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
            if key + next_key in self.vocab.exact and (not complete or self.vocab.quick(nxt.text) is False):
                # A label by itself joins a next line that is all the rest of a longer label and no label itself:
                # table 四's header wrapped a word a line in PDF text, 「其他」 + 「结果」 (no label ends where another
                # label begins, so 其他 and 结果 are not two cells).
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
                    if complete and any(kind not in ("V", "W") for kind, _ in tail):
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
        if self.words:  # only rows holding words need a closer look
            pieces = _words_are_not_values(pieces)
            self.words = False
        values: list[RawCell] = []
        label: LabelInfo | None = None  # the label the values belong to
        for kind, item in pieces:
            if kind == "V":
                values.append(item)
                continue
            if kind == "L":
                terminal = item.terminal
                row = _UNNUMBERED_ROWS.get((terminal, self.last))
                if row is not None and row not in self.seen:
                    # 「…不再处理其政府信息公开申请0 0 0 0 0 00其他0 0 0 0 0 00（七）总计」: the row 3.其他 without
                    # its number, where a column header cannot stand.
                    item.terminal, item.alias = row, "unnumbered"
                elif terminal in _SPECIAL_LABELS:
                    if terminal in _GROUPS_ONLY and terminal in self.seen:
                        # A group label repeated where its merged cell goes on (a table split across pages): text.
                        kind, item = "T", RawCell(item.as_written, item.loc)
                    elif terminal in _NORMATIVE:
                        item = self._normative(item)
            if kind == "L":
                self._label(item, label, values, block_is_row)
                values = []
                label = item
            elif kind == "H":
                self._flush(label, values, block_is_row)
                values = []
                self.out.append(make_token(item.terminal, item))
                self._track_heading(item.terminal)
                self.headings.add(item.terminal)
                label = None
            else:  # "T": consecutive lines of prose travel as one TEXT token
                self._flush(label, values, block_is_row)
                values = []
                last = self.out[-1] if self.out else None
                if last is not None and last.type == "TEXT":
                    last.payload.append(item)
                else:
                    self.out.append(make_token("TEXT", [item]))
                label = None
        self._flush(label, values, block_is_row)

    def _label(self, item: LabelInfo, label: LabelInfo | None, values: list[RawCell], block_is_row: bool) -> None:
        """Emit a label: the values read since ``label`` (or since the last heading or text) go to it first."""
        if label is not None or any_text(values):  # blank cells before a row's label are merged-cell placeholders
            self._flush(label, values, block_is_row)
        self.out.append(make_token(item.terminal, item))
        self._note_label(item.terminal)

    def _note_label(self, terminal: str) -> None:
        """What an emitted label tells of the table it is in."""
        self.in_tables = True
        self.seen.add(terminal)
        if terminal == "NATURAL_PERSON":
            self.applicant_headers += 1
        if terminal in _ORDER:
            self.last = terminal
        elif terminal in _REGULATIONS_COLUMNS:
            self.regulations_variant = _REGULATIONS_COLUMNS[terminal]

    def _flush(self, label: LabelInfo | None, values: list[RawCell], block_is_row: bool) -> None:
        """Give the values read since the last label, heading or text to ``label``, or make them a ROW."""
        if label is not None:
            if label.alias == "truncated" and not any_text(values):
                # Only the beginning of a label and no figures after it: the label was split (PDF extraction)
                # and where the rest and the figures went is unknown.
                label.alias, label.unread = None, "split_label"
            if values:
                label.cells = values
            return
        if values:
            last = self.out[-1] if self.out else None
            if not block_is_row and last is not None and last is self.open_row:
                last.payload.extend(values)  # one cell per line: the row goes on
            elif not block_is_row and last is not None and _wraps(last.payload, values):
                last.payload.cells.extend(values)  # figures of table 三 wrapped onto the next line
            elif (
                any_text(values)
                or (block_is_row and len(values) > 1)
                or (not block_is_row and last is not None and last.type in ROW_BY_TERMINAL and not last.payload.cells)
            ):  # figures, or a blank cell on its own line right after its row's label (which has no cells yet)
                self.out.append(make_token("ROW", values))
                self.open_row = None if block_is_row else self.out[-1]

    def _normative(self, item: LabelInfo) -> LabelInfo:
        """规范性文件 (2019) and 行政规范性文件 (2021) are the same row: under the other format's column headers it is
        that format's row worded differently (an alias), not a row of the other format."""
        variant = self.regulations_variant
        if variant is None or item.terminal.endswith(variant):
            return item
        item.terminal, item.alias = f"NORMATIVE_DOCUMENTS_{variant}", item.alias or "alias"
        return item

    def _track_heading(self, terminal: str) -> None:
        section = SECTION_BY_TERMINAL.get(terminal)
        self.in_tables = section is not None and section.id in _TABLE_SECTIONS
        self.seen = set()
        self.last = None
        self.regulations_variant = None


def _problems_without_heading(tokens: list[Tok]) -> list[Tok]:
    """Section 五 whose heading was lost (PDF extraction) while its parts are there: no 五 heading anywhere, and
    after the table of 四 (before the next heading) a paragraph 「（一）主要问题」 / 「（一）2024年工作中存在问题的改进
    情况」 — that paragraph opens section 五 (a heading without a number), instead of the section being reported
    missing."""
    if any(t.type == "PROBLEMS_HEADING" for t in tokens):
        return tokens
    review = next((i for i, t in enumerate(tokens) if t.type == "REVIEW_LITIGATION_HEADING"), None)
    if review is None:
        return tokens
    for index in range(review + 1, len(tokens)):
        token = tokens[index]
        if token.type in SECTION_BY_TERMINAL:
            return tokens
        if token.type != "TEXT":
            continue
        lines = token.payload
        for number, line in enumerate(lines):
            if _PROBLEMS_PART.match(line.text):
                heading = HeadingInfo("PROBLEMS_HEADING", line.text, line.loc, "none", None)
                out = tokens[:index]
                if number:
                    out.append(make_token("TEXT", lines[:number]))
                out.append(make_token("PROBLEMS_HEADING", heading))
                if number + 1 < len(lines):
                    rest = lines[number + 1 :]
                    out.append(make_token("TEXT", rest))
                return out + tokens[index + 1 :]
    return tokens


def _page_links_before_the_title(tokens: list[Tok]) -> list[Tok]:
    """Row labels alone before the first section heading — no caption, no header, not one figure among them: the
    links of a page's menu above the title (「行政法规 / 行政规范性文件」), prose, not rows of a table whose other rows
    and place would then be found wrong."""
    links = False
    for first in range(len(tokens)):  # one pass up to the first heading; most texts leave at their first token
        token = tokens[first]
        if token.type == "TEXT":
            continue
        info = token.payload
        if isinstance(info, HeadingInfo):
            break
        if not isinstance(info, LabelInfo) or info.cells or info.terminal not in ROW_BY_TERMINAL:
            return tokens  # a figure, a caption or a header: a table may stand before the heading
        links = True
    else:
        return tokens  # no section heading at all
    if not links:
        return tokens
    before = tokens[:first]
    out: list[Tok] = []
    for token in before:
        line = RawCell(token.payload.as_written, token.payload.loc) if token.type != "TEXT" else None
        if out and out[-1].type == "TEXT":
            out[-1].payload.extend(token.payload if line is None else [line])
        elif line is not None:
            out.append(make_token("TEXT", [line]))
        else:
            out.append(token)
    return out + tokens[first:]


_APPLICATIONS_HEAD = APPLICANT_HEADER_TERMINALS | {"TOTAL", "APPLICATIONS_NOTE"}
_REPEATED_HEAD = 3  # header cells in a run: a header row repeated, not a stray word among the rows


def _without_repeated_header(tokens: list[Tok]) -> list[Tok]:
    """The applications table's header repeated among its rows, as a page break repeats it (「（本列数据的勾稽关系为
    …）申请人情况 / 自然人 法人或其他组织 总计 / 商业企业 …」 between 「8.属于行政查询事项」 and 「（四）无法提供」): the
    same header again, not a header out of the format's order. Dropped."""
    start = next((i for i, t in enumerate(tokens) if t.type == "APPLICATIONS_HEADING"), None)
    if start is None:
        return tokens
    out = tokens[: start + 1]
    rows = False  # a row of the table was read: a header from here on is a repeated one
    i = start + 1
    while i < len(tokens):
        token = tokens[i]
        payload = token.payload
        if isinstance(payload, HeadingInfo):
            return out + tokens[i:]
        if rows and token.type in _APPLICATIONS_HEAD:
            end = i
            while end < len(tokens) and tokens[end].type in _APPLICATIONS_HEAD and not _has_cells(tokens[end]):
                end += 1
            run = {t.type for t in tokens[i:end]}
            if end - i >= _REPEATED_HEAD and "NATURAL_PERSON" in run and "COMMERCIAL" in run:
                i = end
                continue
        if isinstance(payload, LabelInfo) and payload.terminal in ROW_BY_TERMINAL:
            rows = rows or ROW_BY_TERMINAL[payload.terminal][0].id == "applications"
        out.append(token)
        i += 1
    return out


def _has_cells(token: Tok) -> bool:
    return isinstance(token.payload, LabelInfo) and bool(token.payload.cells)


def _table_of(terminal: str) -> str | None:
    """The section 二 table a label belongs to by itself (its rows, its own column headers), if one."""
    if terminal in ROW_BY_TERMINAL:
        return ROW_BY_TERMINAL[terminal][0].id
    return _OWN_COLUMNS.get(terminal)


def _reunite_tables(tokens: list[Tok]) -> list[Tok]:
    """A table of section 二 whose body was extracted away from its caption (PDF to Markdown: the ruled table after
    the text of the page): its caption stands with nothing of its own below it, and its header and rows turn up
    after the next table's caption. The body is put back under its caption, so that the order the template checks
    is the report's, not the extractor's."""
    heading = next((i for i, t in enumerate(tokens) if t.type == "ACTIVE_DISCLOSURE_HEADING"), None)
    if heading is None:
        return tokens
    end = next((i for i in range(heading + 1, len(tokens)) if isinstance(tokens[i].payload, HeadingInfo)), len(tokens))
    section = tokens[heading + 1 : end]
    captions = [(i, TABLE_BY_CAPTION[t.type].id) for i, t in enumerate(section) if t.type in TABLE_BY_CAPTION]
    for number, (index, table) in enumerate(captions):
        following = captions[number + 1][0] if number + 1 < len(captions) else None
        if following is None or any(_label_table(t) == table for t in section[index + 1 : following]):
            continue
        body = [i for i in range(following, len(section)) if _label_table(section[i]) == table]
        if not body or any(section[i].type in TABLE_BY_CAPTION for i in range(body[0], body[-1])):
            continue
        start, stop = body[0], body[-1] + 1
        if start > 0 and section[start - 1].type == "INFO_CONTENT":
            start -= 1  # the header's first cell, shared by every table of section 二
        while stop < len(section) and section[stop].type == "ROW":
            stop += 1  # the figures below its last row label
        moved = section[start:stop]
        section = section[: index + 1] + moved + section[index + 1 : start] + section[stop:]
        return tokens[: heading + 1] + section + tokens[end:]
    return tokens


def _label_table(token: Tok) -> str | None:
    payload = token.payload
    return _table_of(payload.terminal) if isinstance(payload, LabelInfo) else None


def _wraps(payload: object, values: list[RawCell]) -> bool:
    """A line of figures that goes on with the figures of the label line above: a row of table 三 (seven columns in
    both formats) whose label line holds fewer than seven and the two lines together not more."""
    if not isinstance(payload, LabelInfo) or not payload.cells or payload.terminal not in ROW_BY_TERMINAL:
        return False
    if ROW_BY_TERMINAL[payload.terminal][0].id != "applications" or payload.loc.ref is not None:
        return False
    cells = payload.cells
    return (
        all(c.loc.line == payload.loc.line for c in cells)
        and len(cells) + len(values) <= _APPLICATION_COLUMNS
        and all(classify_cell(c.text)[0] == "number" for c in (*cells, *values))
    )


_APPLICATION_COLUMNS = 7


def _words_are_not_values(pieces: list[_Piece]) -> list[_Piece]:
    """Words in a table row are values only after a row label (where they are a defect of that row: 「不详」 for a
    figure): a header row (「类别|数据1|…|总计」), the fragments of a label broken by extraction (「三、」「业」
    「（四）无」) before a row's first label (a group label aside), or a row without a row label, are text."""
    has_row_label = any(kind == "L" and item.terminal in ROW_BY_TERMINAL for kind, item in pieces)
    out: list[_Piece] = []
    before_label = True
    for kind, item in pieces:
        if kind == "L" and item.terminal not in _GROUPS_ONLY:
            before_label = False
        elif kind == "W":
            kind = "T" if before_label or not has_row_label else "V"
        out.append((kind, item))
    return out


def _mark_shifted(tokens: list[Tok]) -> None:
    """Labels set apart from their figures (PDF extraction, shanghai-kewei): a row label with no figures of its own
    takes the row of figures right below it only where that pairing is certain.

    It stops being certain, for the rest of the section, where labels and figures stop lining up: a row of figures
    that no label claims, two row labels without figures one after the other, or a row label followed by neither
    figures nor a label. If that happens where figures stand apart from every label (a row no label claims, or two
    bare labels stacked above figures), no row label without figures from that point on is given figures
    (``unread = "figures_apart"``), nor is a row whose line ends with a blank cell trusted; rows whose label and
    figures share a full line are read as ever."""
    start = 0
    rows = False  # whether the section has a ROW: without one, nothing in it is set apart (see _shifted_in)
    for end, token in enumerate(tokens):
        kind = token.type
        if kind == "ROW":
            rows = True
        elif kind in SECTION_BY_TERMINAL:
            if rows:
                _shifted_in(tokens[start:end])
            start, rows = end, False
    if rows:
        _shifted_in(tokens[start:])


def _shifted_in(tokens: list[Tok]) -> None:
    bare: list[tuple[int, LabelInfo]] = []  # row labels without figures, with their index
    first_anomaly: int | None = None  # where labels and figures stop lining up
    apart = False  # some figures stand apart from every label
    rows = False  # some figures stand on lines of their own (without them, a bare label just has no figures)
    previous: LabelInfo | None = None  # the token before, if it is a row label without figures
    for index, token in enumerate(tokens):
        payload = token.payload
        is_bare = False
        if token.type in ROW_BY_TERMINAL:  # a row label (the loose reading retypes labels later)
            cells = payload.cells
            if not cells or not (cells[0].text or _filled(cells)):
                if previous is not None and previous.terminal not in GROUP_BY_TERMINAL:
                    # Two bare row labels in a row, then figures: whose are they? (（六）其他处理 heads a group.)
                    apart = True
                    first_anomaly = index - 1 if first_anomaly is None else first_anomaly
                bare.append((index, payload))
                is_bare = True
        elif token.type == "ROW" and _filled(payload) >= 2:
            rows = True
            if previous is None and not _unknown_row_label(tokens[index - 1] if index else None):
                apart = True  # figures that no label claims
                first_anomaly = index if first_anomaly is None else first_anomaly
        elif previous is not None and first_anomaly is None:
            first_anomaly = index - 1  # a label whose figures are not below it
        previous = payload if is_bare else None
    if apart and rows and first_anomaly is not None:
        for index, label in bare:
            if index >= first_anomaly and label.unread is None:
                label.unread = "figures_apart"
        # Where figures have wandered, a row of table 三 whose own line ends with a blank cell short of its seven
        # figures may have lost that figure too.
        for index in range(first_anomaly, len(tokens)):
            token = tokens[index]
            if token.type in ROW_BY_TERMINAL and ROW_BY_TERMINAL[token.type][0].id == "applications":
                cells = token.payload.cells
                if (
                    cells
                    and not cells[-1].text
                    and 0 < _filled(cells) < _APPLICATION_COLUMNS
                    and token.payload.unread is None
                ):
                    token.payload.unread = "figures_apart"


def _not_enumerated(text: str, matches: list[re.Match[str]]) -> list[re.Match[str]]:
    """The heading matches that are not items of a list of the parts (「本报告分为六个部分：一、总体情况，二、主动公开
    政府信息情况，…」): two part titles with only a comma or 、 between them are named, not begun."""
    listed: set[int] = set()
    for i in range(1, len(matches)):
        if _LIST_GAP.fullmatch(text[matches[i - 1].end() : matches[i].start()]):
            listed.update((i - 1, i))
    return [m for i, m in enumerate(matches) if i not in listed]


_WORD = compiled(r"\S+")
# Two figures run together through the unit that ends the first (「政府集中采购1个246900元」: 1个 | 246900元): the unit
# is the boundary the lost space was.
_UNIT_NOTE = compiled(r"[（(]\s*(?:万元|元|件|条|个|项)\s*[)）]")
_UNIT_NOTE_ENDS = tuple(unit + closing for unit in "元件条个项" for closing in "）)")
_UNIT_BETWEEN = compiled(r"(?P<count>[\d０-９]+[个件条项])(?=[\d０-９])")


def _numeral_comma(text: str) -> bool:
    """Whether ``text`` holds a section's numeral and a comma (「三、」), as every inline heading opens (see
    ``Vocabulary.inline_heading``): found with ``str.find`` (the regex engine tries every position, slowly)."""
    at = text.find("、", 1)
    while at > 0:
        if text[at - 1] in _SECTION_NUMERALS:
            return True
        at = text.find("、", at + 1)
    return False


_SECTION_NUMERALS = frozenset("一二三四五六七")
# between two part titles named in a list: a comma, 、 or ; (perhaps with 和/及), or 和/及 alone — never nothing but
# spaces, as between two real headings run together where a table was lost
_LIST_GAP = compiled(r"\s*(?:[,，、;；]\s*(?:和|及|以及)?|和|及|以及)\s*")


def _glued_to_word(text: str, spans: list[tuple[int, int]], k: int, headers: set[int]) -> bool:
    """Whether the ``k``-th label found in ``text`` (at ``spans[k]``) runs on into a Chinese word with no space or
    label between (「其他主动公开文件」 holds 「其他」, a column of table 三, but is a row label of table 二 that the
    format does not have): then it is part of that word. A label glued to a figure, to another label or to a
    misspelt column header (``headers``: the ``k`` followed by one) is a flattened table's."""
    start, end = spans[k]
    if (
        end < len(text)
        and "\u4e00" <= text[end] <= "\u9fff"
        and (k + 1 == len(spans) or spans[k + 1][0] != end)
        and k not in headers
    ):
        return True
    return (
        start > 0
        and "\u4e00" <= text[start - 1] <= "\u9fff"
        and text[start - 1] != text[start]  # 「三三、本年度办理结果」: the label's numeral typed twice, no word
        and (k == 0 or spans[k - 1][1] != start)
        and k - 1 not in headers
    )


def _unknown_row_label(token: Tok | None) -> bool:
    """Whether a token is a line of text that labels the figures right below it as a row the format does not have
    (Hubei's 2020 version of the 2019 tables adds 「其他主动公开文件（含…）」 to table (一)): a cell of text, not a
    sentence. Those figures are that row's own, not figures set apart from a template label."""
    if token is None or token.type != "TEXT":
        return False
    cells = token.payload if isinstance(token.payload, list) else getattr(token.payload, "cells", None)
    text = cells[0].text if cells else str(token)
    return bool(text) and "。" not in text and not text.endswith(("：", ":"))


def _filled(cells: list[RawCell]) -> int:
    count = 0
    for cell in cells:
        if cell.text:
            count += 1
    return count


def _template_order() -> dict[str, tuple[str, float]]:
    """Row and group label terminal → (table, position in the template): which row a table expects next."""
    order: dict[str, tuple[str, float]] = {}
    for table in TABLES:
        index = {row.id: i for i, row in enumerate(table.rows)}
        for i, row in enumerate(table.rows):
            for terminal in row.terminals:
                order[terminal] = (table.id, float(i))
        for group in table.groups:
            first = min((index[r] for r in group.rows if r in index), default=0)
            order.setdefault(group.terminal, (table.id, first - 0.5))
    return order


_ORDER = _template_order()
# Labels of row groups that carry no figures in either format (（六）其他处理 is a row in 2019).
_GROUPS_ONLY = frozenset(GROUP_BY_TERMINAL) - frozenset(ROW_BY_TERMINAL)
_NORMATIVE = frozenset({"NORMATIVE_DOCUMENTS_2019", "NORMATIVE_DOCUMENTS_2021"})
_SPECIAL_LABELS = _GROUPS_ONLY | _NORMATIVE  # labels _emit looks at twice
# A row label written without its number that is, so written, a column header too: (header, the row before it)
# → the row it is there.
_UNNUMBERED_ROWS: dict[tuple[str, str | None], str] = {("OTHER", "UNPAID_FEE_2021"): "OTHER_REASONS_2021"}


# Column headers that belong to one table of section 二 only (本年制发件数 …; not 信息内容 or 本年处理决定数量).
def _own_columns() -> dict[str, str]:
    tables: dict[str, set[str]] = {}
    for table in TABLES:
        if table.section == "二":
            for columns in table.columns.values():
                for column in columns:
                    tables.setdefault(column.terminal, set()).add(table.id)
    return {terminal: owners.pop() for terminal, owners in tables.items() if len(owners) == 1}


_OWN_COLUMNS = _own_columns()
_REGULATIONS_COLUMNS = {
    column.terminal: variant
    for variant, columns in TABLE_BY_CAPTION["ARTICLE20_ITEM1"].columns.items()
    for column in columns
}


def make_token(kind: str, payload: object) -> Tok:
    """A token of terminal ``kind`` (its slots set here: a class without ``__init__`` is made fastest)."""
    token = Tok()
    token.type = kind
    token.payload = payload
    return token


def _with_unit_note(text: str, start: int, end: int) -> tuple[int, int]:
    """A label's span, with the unit noted after it (「政府集中采购（元）6675809」: the row's label is 政府集中采购（元）)."""
    note = _UNIT_NOTE.match(text, end)
    return (start, note.end()) if note is not None else (start, end)


def _unit_between(cell: RawCell) -> tuple[RawCell, RawCell] | None:
    """The two figures of a word whose first ends with its unit, glued to the second (「1个246900元」), or None."""
    match = _UNIT_BETWEEN.match(cell.text)
    if match is None:
        return None
    first, second = _sub(cell, 0, match.end()), _sub(cell, match.end(), len(cell.text))
    if classify_cell(second.text)[0] != "number":
        return None
    return first, second


def _numbers_only(cell: RawCell) -> list[RawCell] | None:
    """Split a line made only of numbers ("0 1 1 0 2 …") into value cells; ``None`` otherwise."""
    if cell.text[0] not in _VALUE_FIRST:
        return None
    words = cell.text.split()  # the words \S+ finds (both split at str.isspace), told apart before they are placed
    if len(words) < 2:
        return None
    for word in words:
        if classify_cell(word)[0] == "text":
            return None
    return [RawCell(match.group(0), shifted(cell.loc, match.start())) for match in _WORD.finditer(cell.text)]


# What a number, a dash or a blank can begin with (see auditor.normalize: DASHES, parse_number).
_VALUE_FIRST = frozenset("0123456789０１２３４５６７８９+-−－—–/\\无×xX")
_VALUE_LAST = frozenset("0123456789０１２３４５６７８９")


def longest_first(words: Iterable[str]) -> str:
    """A pattern that matches, where one of ``words`` begins, the longest that does: what the alternation of the words
    longest first matches, written as a trie (「本年(?:新(?:制作数量|公开数量)|制发件数|…)」). The regex engine tries an
    alternation's branches one by one at every place whose character begins one; the trie follows the text one
    character at a time, and at most one branch of each of its groups begins with the next character. Where a word
    ends inside a longer one, the longer is tried first (a greedy ``?``)."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = None  # a word ends here
    return _branches(trie)


def _branches(node: dict[str, Any]) -> str:
    branches = [re.escape(char) + _branches(child) for char, child in node.items() if char]
    if "" in node:
        return f"(?:{'|'.join(branches)})?" if branches else ""
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"


def _written_forms(chars: set[str]) -> set[str]:
    """The characters as they may be written: half-width ones also in their full-width forms."""
    out = set(chars)
    for ch in chars:
        if "!" <= ch <= "~":
            out.add(chr(ord(ch) + 0xFEE0))
    out.update({"“", "”", "〈", "《"})
    return out


def _sub(cell: RawCell, start: int, end: int) -> RawCell:
    part = cell.text[start:end]
    stripped = part.strip()
    lead = part.index(stripped[0]) if stripped else 0
    return RawCell(stripped, shifted(cell.loc, start + lead))
