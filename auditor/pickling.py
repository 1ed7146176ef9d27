"""Pickling small dataclasses as a call of their constructor.

A worker process sends every file's findings back to the parent pickled. A frozen dataclass with slots is pickled
by default as its state, restored field by field in Python (``dataclasses.fields`` looked up for every object);
pickled as ``cls(*values)`` it takes half the time both ways, and the output is the same object.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

T = TypeVar("T")


def by_constructor(cls: type[T]) -> type[T]:
    """Class decorator (under ``@dataclass``): pickle instances as ``cls(field, …)`` in field order."""
    names = tuple(f.name for f in dataclasses.fields(cls))  # type: ignore[arg-type]

    def __reduce__(self: Any) -> tuple[Any, tuple[Any, ...]]:
        return cls, tuple([getattr(self, name) for name in names])

    cls.__reduce__ = __reduce__  # type: ignore[assignment,method-assign]
    return cls
