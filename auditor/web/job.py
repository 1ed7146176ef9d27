"""Auditing the opened folder in a background thread, file by file into the review store, with its progress."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from typing import Any

from auditor.engine import Engine, expand_paths
from auditor.plugins import extensions
from auditor.rule import Severity
from auditor.store import Store


@dataclass
class Progress:
    run_id: int | None = None
    total: int = 0
    done: int = 0
    current: str = ""
    running: bool = False
    error: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def to_json(self) -> dict[str, Any]:
        with self.lock:
            return {
                "run": self.run_id,
                "total": self.total,
                "done": self.done,
                "current": self.current,
                "running": self.running,
                "error": self.error,
            }


class AuditJob:
    """One audit of a folder at a time; the engine is shared with the API under ``engine_lock``."""

    def __init__(self, root: str, store: Store, engine: Engine, engine_lock: threading.Lock, fail_on: Severity):
        self.root = root
        self.store = store
        self.engine = engine
        self.engine_lock = engine_lock
        self.fail_on = fail_on
        self.progress = Progress()
        self.thread: threading.Thread | None = None

    def start(self) -> bool:
        """Start auditing the folder; False when an audit is already running."""
        with self.progress.lock:
            if self.progress.running:
                return False
            self.progress.running = True
            self.progress.error = ""
        self.thread = threading.Thread(target=self._run, name="auditor-audit", daemon=True)
        self.thread.start()
        return True

    def wait(self, timeout: float | None = None) -> None:
        if self.thread is not None:
            self.thread.join(timeout)

    def _run(self) -> None:
        try:
            paths = list(expand_paths([self.root], extensions(self.engine.plugins)))
            run_id = self.store.begin_run(self.root, self.fail_on, len(paths))
            with self.progress.lock:
                self.progress.run_id, self.progress.total, self.progress.done = run_id, len(paths), 0
            for path in paths:
                with self.progress.lock:
                    self.progress.current = os.path.relpath(path, self.root)
                with self.engine_lock:
                    result = self.engine.check_file(path, keep_tables=True)
                self.store.add_result(run_id, result)
                with self.progress.lock:
                    self.progress.done += 1
            self.store.finish_run(run_id)
        except Exception as exc:  # the app stays up and says what went wrong
            with self.progress.lock:
                self.progress.error = f"{type(exc).__name__}: {exc}"
        finally:
            with self.progress.lock:
                self.progress.running = False
                self.progress.current = ""
            self.store.close()
