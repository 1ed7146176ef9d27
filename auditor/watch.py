"""``auditor check --watch``: audit, then audit again each time a report or the configuration changes (as
``ruff check --watch`` does).

Changes come from ``watchfiles`` (the optional ``[watch]`` extra), which groups a burst of changes (an editor's
save: write, rename, chmod) into one. Only changes that matter start a run: a report file named on the command line,
a file the folder walk would audit (an extension a reader knows, not hidden, not excluded), or the configuration
file; never the run's own output (``-o``). The screen is cleared before each run when stdout is a terminal.
Ctrl-C stops watching: exit code 130, no traceback.

:func:`loop` takes the changes as any iterable, so tests drive it without a file system or a clock.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor import config as cfg
from auditor.errors import AuditorError, ConfigError
from auditor.output import shown, terminal_safe

CLEAR = "\x1b[2J\x1b[3J\x1b[H"  # clear the screen and the scroll-back, cursor home


@dataclass
class Targets:
    """What the run audits, and so which changed files start a new run."""

    paths: list[str]
    extensions: frozenset[str]
    exclude: list[str]
    config: str | None = None
    output: str | None = None

    def folders(self) -> list[str]:
        """The folders to watch: each folder given, the folder of each file given (an editor may save a file by
        writing a new one and renaming it), and the configuration's."""
        found: list[str] = []
        for path in [*self.paths, *([self.config] if self.config else [])]:
            folder = os.path.abspath(path if os.path.isdir(path) else os.path.dirname(path) or ".")
            if folder not in found:
                found.append(folder)
        return found

    def matters(self, changed: str) -> bool:
        """Whether a change to this file should start a run."""
        changed = os.path.abspath(changed)
        if self.output and changed == os.path.abspath(self.output):
            return False
        if self.config and changed == os.path.abspath(self.config):
            return True
        for given in self.paths:
            given = os.path.abspath(given)
            if changed == given:
                return True
            if os.path.isdir(given) and changed.startswith(given.rstrip(os.sep) + os.sep):
                relative = Path(changed).relative_to(given)
                if any(part.startswith(".") for part in relative.parts):
                    continue
                if Path(changed).suffix.lower() not in self.extensions:
                    continue
                if any(cfg.excluded(str(Path(given, *relative.parts[: i + 1])), self.exclude)
                       for i in range(len(relative.parts))):  # fmt: skip
                    continue
                return True
        return False


def changes(targets: Targets) -> Iterator[set[tuple[Any, str]]]:
    """Batches of changed files under the watched folders, from watchfiles (raises KeyboardInterrupt on Ctrl-C);
    a clear error at once if watchfiles is not installed."""
    try:
        import watchfiles
    except ImportError:
        raise ConfigError(
            "--watch 需要 watchfiles：pip install 'gov-report-auditor[watch]'",
            "--watch needs watchfiles: pip install 'gov-report-auditor[watch]'",
        ) from None
    folders = [folder for folder in targets.folders() if os.path.isdir(folder)]
    if not folders:
        missing = ", ".join(shown(path) for path in targets.paths)
        raise ConfigError("无法监视：所在的文件夹不存在", "nothing to watch: its folder does not exist", missing)
    return watchfiles.watch(*folders, watch_filter=lambda _change, path: targets.matters(path))


def _shown_path(path: str) -> str:
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def _say(zh: str, en: str, lang: str) -> None:
    stamp = time.strftime("%H:%M:%S")
    print(f"[{stamp}] {zh if lang == 'zh' else en}", file=sys.stderr, flush=True)


def loop(
    run: Callable[[], int],
    targets: Targets,
    lang: str = "zh",
    source: Iterable[set[tuple[Any, str]]] | None = None,
) -> int:
    """Run ``run`` now and after each batch of changes that matters; returns when the changes end (never, from
    watchfiles: Ctrl-C raises KeyboardInterrupt, which the command line turns into exit code 130)."""
    clear = sys.stdout.isatty()

    def once(changed: list[str]) -> None:
        if clear:
            sys.stdout.write(CLEAR)
            sys.stdout.flush()
        if changed:
            names = terminal_safe(", ".join(shown(p) for p in changed[:3]) + (" …" if len(changed) > 3 else ""))
            _say(f"文件有变化（{names}），重新审查。", f"File change detected ({names}), auditing again.", lang)
        else:
            _say("以监视模式开始审查。", "Starting the audit in watch mode.", lang)
        try:
            run()
        except AuditorError as exc:  # e.g. a configuration made invalid while editing: say so, keep watching
            print(terminal_safe(shown(exc.one_line(lang))), file=sys.stderr)
        sys.stdout.flush()
        _say("正在监视文件变化（Ctrl-C 退出）。", "Watching for file changes (Ctrl-C to stop).", lang)

    batches = changes(targets) if source is None else source
    once([])
    for batch in batches:
        changed = sorted({_shown_path(path) for _change, path in batch if targets.matters(path)})
        if changed:
            once(changed)
    return 0
