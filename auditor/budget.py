"""The wall-clock budget of one file: reading, parsing, recovering and checking it (``--timeout``).

The engine opens a budget around each file (:func:`budget`); the loops that can run long on hostile input call
:func:`check`, which raises :class:`BudgetExceeded` once the file's time is up, and the engine turns that into one
``SYS006 limit-exceeded`` finding while the batch goes on. The checks are cooperative so that they work wherever the
engine runs — the main thread, a process-pool worker, a Dask worker thread. In a process's main thread a timer signal
(``SIGALRM``) backs them up, a little after the deadline, for code that has no check of its own; it is used only when
no one else owns the signal.
"""

from __future__ import annotations

import math
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType

from auditor.errors import AuditorError

_GRACE = 0.1  # the share of the budget the signal waits beyond the deadline, for a cooperative check to come first


class BudgetExceeded(AuditorError):
    """The file took longer than its budget: reported as ``SYS006``; never caught as an ordinary read error."""


class Budget:
    """The deadline of one file."""

    def __init__(self, seconds: float, path: str) -> None:
        self.seconds = seconds
        self.path = path
        self.end = time.monotonic() + seconds
        self.active = True

    def expired(self, stage: str = "") -> BudgetExceeded:
        where_zh, where_en = _STAGES.get(stage, ("", ""))
        return BudgetExceeded(
            f"审查此文件超过 {self.seconds:g} 秒的上限（--timeout，含读取、解析和检查），已在{where_zh or '中途'}停止",
            f"auditing this file took longer than the {self.seconds:g}-second limit (--timeout: reading, parsing and "
            f"checking); stopped{where_en}",
            self.path,
        )


class _Current(threading.local):
    """The budget of the file this thread audits; ``None`` outside a budget (a class default, so that reading it
    outside a budget does not raise and catch an AttributeError on every :func:`check`: 2 µs → 0.1 µs)."""

    budget: Budget | None = None


_local = _Current()

_STAGES = {
    "read": ("读取阶段", " while reading"),
    "parse": ("解析阶段", " while parsing"),
    "recover": ("拆分连在一起的数字时", " while splitting figures that ran together"),
    "metadata": ("提取标题和日期时", " while extracting the title and dates"),
    "rules": ("规则检查阶段", " while running the rules"),
}


def check(stage: str = "") -> None:
    """Raise :class:`BudgetExceeded` if the current file's time is up (nothing outside a budget). Cheap: call it
    in every loop that grows with the input."""
    current = _local.budget
    if current is not None and time.monotonic() > current.end:
        current.active = False
        raise current.expired(stage)


def remaining() -> float:
    """Seconds left for the current file (infinite outside a budget)."""
    current = _local.budget
    return math.inf if current is None else current.end - time.monotonic()


@contextmanager
def budget(seconds: float, path: str) -> Iterator[Budget]:
    """Give the code inside ``seconds`` of wall-clock time for ``path``."""
    current = Budget(seconds, path)
    previous = _local.budget
    _local.budget = current
    restore = _arm(current)
    try:
        yield current
    finally:
        current.active = False
        if restore is not None:
            restore()
        _local.budget = previous


def _arm(current: Budget) -> Callable[[], None] | None:
    """Set a timer signal for the main thread; return what undoes it (None where it cannot be used)."""
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
        or not math.isfinite(current.seconds)
        or signal.getsignal(signal.SIGALRM) not in (signal.SIG_DFL, signal.SIG_IGN)
    ):
        return None

    def expire(signum: int, frame: FrameType | None) -> None:
        if current.active:
            current.active = False
            raise current.expired()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, max(current.seconds * (1 + _GRACE), current.seconds + 0.05))

    def restore() -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)

    return restore
