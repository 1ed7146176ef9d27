"""What a reader hands to the parser: the document as text blocks, each with the source position of every cell.

A *block* is one physical row of the source: a paragraph or line of text (``kind="line"``, one cell), or a table row
(``kind="row"``, one or more cells). Positions are 1-based; ``column`` counts Unicode code points. Readers of
structured formats (DOCX, PDF) add a page or a reference such as ``T2R5C3`` (table 2, row 5, cell 3).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


class Location(NamedTuple):
    line: int
    column: int = 1
    page: int | None = None
    ref: str | None = None

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"line": self.line, "column": self.column}
        if self.page is not None:
            out["page"] = self.page
        if self.ref is not None:
            out["ref"] = self.ref
        return out


_new_location = tuple.__new__  # a Location made directly: the named tuple's own constructor costs twice as much


def shifted(loc: Location, offset: int) -> Location:
    """``loc`` moved ``offset`` code points to the right, on the same line (the place of a part of a cell)."""
    return _new_location(Location, (loc[0], loc[1] + offset, loc[2], loc[3]))


@dataclass(slots=True)
class RawCell:
    """One cell's text as read, and where it was read."""

    text: str
    loc: Location


def any_text(cells: list[RawCell] | None) -> bool:
    """Whether any of the cells holds text (a loop, not ``any()`` over a generator: it runs for every row and label,
    on short lists, where the generator costs more than the test)."""
    if cells:
        for cell in cells:
            if cell.text:
                return True
    return False


@dataclass(slots=True)
class Block:
    """A line of text or a table row, as the reader found it."""

    kind: str  # "line" | "row"
    cells: list[RawCell]

    @property
    def loc(self) -> Location:
        return self.cells[0].loc


@dataclass(slots=True)
class Document:
    """A read document: its blocks, its plain text (for metadata search) and how it was read."""

    path: str
    format: str  # "text" | "docx" | "html" | "pdf"
    blocks: list[Block]
    lines: list[str]  # the text as lines (1-based line n is lines[n - 1]); what metadata and rules search
    encoding: str | None = None
    layout: str | None = None  # "cell-per-line" | "tab-separated" | "pipe-separated" | "plain" | "flattened" …
    notes: list[dict[str, object]] = field(default_factory=list)  # what the reader noticed (removed residue …)
    size: int = 0
    sha256: str = ""
