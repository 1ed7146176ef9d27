"""The parent–child map of bodies (a county and its townships) for the region-totals check, from a CSV file; and
how the batch checks find one body's reports (:func:`body_key`, :func:`by_body_and_year`, :func:`consecutive_years`).

The file is named by ``regions`` in ``[tool.auditor]`` (relative to the configuration file) and has two columns,
``body`` and ``parent``, with a header row::

    body,parent
    泗水县柘沟镇人民政府,泗水县人民政府

It is checked when the configuration is loaded: a missing column, an empty name, a body that is its own parent or a
body given two parents is a configuration error naming the file and the line. The map is never guessed from names.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor.errors import ConfigError
from auditor.lazy import lazy_module
from auditor.patterns import compiled

if TYPE_CHECKING:
    import csv
else:  # read only when a configuration names a regions file
    csv = lazy_module("csv")

_SUFFIX = compiled(r"(人民政府|办事处)$")
COLUMNS = ("body", "parent")


@lru_cache(maxsize=256)  # a report's batch checks each ask for its body's key: worked out once
def body_key(name: str) -> str:
    """A body's name without spaces and without 人民政府 / 办事处 at the end (a title often omits them)."""
    return _SUFFIX.sub("", "".join(name.split()))  # str.split() splits at what \s matches (str.isspace)


# A batch check's facts: (path, the facts of that report), each fact with the body's ``key`` and the ``year``.
Facts = list[tuple[str, dict[str, Any]]]


def by_body_and_year(items: Facts) -> dict[tuple[str, int], Facts]:
    """The reports of a batch by body key and year, each group in the batch's order."""
    groups: dict[tuple[str, int], Facts] = {}
    for path, fact in items:
        groups.setdefault((fact["key"], fact["year"]), []).append((path, fact))
    return groups


def consecutive_years(items: Facts) -> Iterator[tuple[str, int, Facts, Facts]]:
    """``(key, year, last year's reports, this year's)`` for each body with reports of two consecutive years, by
    body key and year. A group may hold several reports of one body for one year: the caller decides."""
    groups = by_body_and_year(items)
    for (key, year), this_year in sorted(groups.items()):
        last_year = groups.get((key, year - 1))
        if last_year is not None:
            yield key, year, last_year, this_year


def load(path: str | Path) -> dict[str, str]:
    """``{child key: parent key}`` from the CSV at ``path``."""
    source = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ConfigError(
            f"无法读取上下级对照表：{exc.strerror}", f"cannot read the regions file: {exc.strerror}", source
        ) from None
    rows = csv.reader(text.splitlines())
    header = [cell.strip() for cell in next(rows, [])]
    if tuple(header[:2]) != COLUMNS:
        raise ConfigError(
            "上下级对照表第一行应为 body,parent", "the first row of the regions file must be body,parent", source, 1
        )
    parents: dict[str, str] = {}
    for line, row in enumerate(rows, 2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < 2 or not row[0].strip() or not row[1].strip():
            raise ConfigError("每行应有机关和上级机关两个名称", "each row needs a body and its parent", source, line)
        child, parent = body_key(row[0]), body_key(row[1])
        if child == parent:
            raise ConfigError(f"{row[0]} 不能是自己的上级", f"{row[0]} cannot be its own parent", source, line)
        if parents.get(child, parent) != parent:
            raise ConfigError(f"{row[0]} 有两个上级机关", f"{row[0]} is given two parents", source, line)
        parents[child] = parent
    return parents
